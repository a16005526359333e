/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_oracle_obs.c - the oracle's observation-based checks fire on
 * hand-made observations over a real platform: physical STEs written
 * through the platform's test hook inside a forged libvsmmu call bracket
 * (I1 over all eight dwords against the guest's own STE, I2 per write), and
 * event records the "hypervisor" writes into guest memory against the
 * physical record that caused them (I5). Each case first shows the correct
 * observation passes, then that one wrong field is named.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/oracle.h"
#include "inject/internal.h"

static int failures;

/* A control observation must break none of the invariants under test. The
 * forged physical STEs bypass libvsmmu, so the reference model (I12, the
 * lowest in report priority) rightly sees a physical configuration the
 * guest never asked for: a control may end in I12, never in I1-I11. */
static int control_ok(int inv)
{
	return inv == 0 || inv == 12;
}

#define CHECK(c) do { \
	if (!(c)) { \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); \
		failures++; \
	} \
} while (0)

#define RAM     UINT64_C(0x40000000)
#define STRTAB  (RAM + 0x0)        /* linear, 64 STEs */
#define L1TAB   (RAM + 0x10000)    /* 2-level variant */
#define L2TAB   (RAM + 0x11000)
#define EVTQ    (RAM + 0x20000)
#define CTXPTR  (RAM + 0x30000)
#define VSID    3u
#define PSID    0x103u

struct world {
	struct platform *p;
	struct oracle *o;
	struct plat_observer obs;    /* the oracle's hooks, to forge observations with */
	int g, g2;
	uint64_t cpu_hpa;            /* host address of the guest CPU's last access */
	const char *names[PLAT_MAX_GUESTS];
};

/* The test's own observer, beside the oracle's: where the guest CPU's
 * last access landed. */
static void o_access(void *c, const struct plat_access *a)
{
	if (a->actor == PLAT_ACT_GUEST_CPU)
		((struct world *)c)->cpu_hpa = a->hpa;
}

static void w_init(struct world *w, bool two_level)
{
	struct plat_range r = { RAM, 2u << 20 }, r2 = { 0x80000000, 2u << 20 };
	struct plat_observer obs;
	uint64_t ste[STE_DWORDS] = { 0 };
	uint8_t b[STE_SIZE];

	memset(w, 0, sizeof *w);
	w->names[0] = "g1";
	w->names[1] = "g2";
	w->p = plat_create();
	w->o = oracle_create(w->p, w->names);   /* observes the platform from now on */
	if (!w->o)
		abort();
	oracle_observer(w->o, &w->obs);
	memset(&obs, 0, sizeof obs);
	obs.ctx = w;
	obs.on_access = o_access;
	if (plat_add_observer(w->p, &obs))
		abort();
	/* Guests and streams: the oracle learns of them from the platform. */
	w->g = plat_add_guest(w->p, 1, &r, 1);
	w->g2 = plat_add_guest(w->p, 2, &r2, 1);
	if (plat_assign(w->p, w->g, VSID, 0, PSID))
		abort();
	if (plat_assign(w->p, w->g2, 5, 0, 0x205))
		abort();
	/* The guest's own STE: stage 1 with every field it may set, plus
	 * fields that must never reach hardware. */
	ste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S1_TRANS) | VS_FIELD_PREP(STE0_S1FMT, 1) |
		 (CTXPTR & STE0_S1CTXPTR) | VS_FIELD_PREP(STE0_S1CDMAX, 2);
	ste[1] = VS_FIELD_PREP(STE1_S1DSS, 2) | VS_FIELD_PREP(STE1_S1CIR, 1) | VS_FIELD_PREP(STE1_S1COR, 1) |
		 VS_FIELD_PREP(STE1_S1CSH, 3) | VS_FIELD_PREP(STE1_EATS, 1) | STE1_S2FWB |
		 VS_FIELD_PREP(STE1_NSCFG, 2);
	ste[4] = 0x1234;
	for (unsigned i = 0; i < STE_SIZE; i++)
		b[i] = (uint8_t)(ste[i / 8] >> (8 * (i % 8)));
	if (two_level) {
		uint64_t l1 = (L2TAB & L1STD_L2PTR) | VS_FIELD_PREP(L1STD_SPAN, 3);   /* 4 STEs */
		uint8_t lb[8];
		for (unsigned i = 0; i < 8; i++)
			lb[i] = (uint8_t)(l1 >> (8 * i));
		(void)plat_guest_write(w->p, w->g, L1TAB, lb, 8);     /* SID 3 >> SPLIT 6 = L1 entry 0 */
		(void)plat_guest_write(w->p, w->g, L2TAB + VSID * STE_SIZE, b, sizeof b);
		plat_mmio_write(w->p, w->g, SMMU_STRTAB_BASE, 8, L1TAB);
		plat_mmio_write(w->p, w->g, SMMU_STRTAB_BASE_CFG, 4,
				VS_FIELD_PREP(STRTAB_BASE_CFG_FMT, STRTAB_FMT_2LVL) |
				VS_FIELD_PREP(STRTAB_BASE_CFG_SPLIT, 6) | VS_FIELD_PREP(STRTAB_BASE_CFG_LOG2SIZE, 8));
	} else {
		(void)plat_guest_write(w->p, w->g, STRTAB + VSID * STE_SIZE, b, sizeof b);
		plat_mmio_write(w->p, w->g, SMMU_STRTAB_BASE, 8, STRTAB);
		plat_mmio_write(w->p, w->g, SMMU_STRTAB_BASE_CFG, 4, VS_FIELD_PREP(STRTAB_BASE_CFG_LOG2SIZE, 6));
	}
	plat_mmio_write(w->p, w->g, SMMU_EVENTQ_BASE, 8, EVTQ | 5);
}

static void w_fini(struct world *w)
{
	/* The oracle's state is world memory (plat_world_alloc): it goes
	 * before its platform, which must not call it any more. */
	oracle_destroy(w->o);
	plat_set_observer(w->p, NULL);
	plat_destroy(w->p);
}

/* The physical nested STE a correct hypervisor installs for that guest STE. */
static void good_ste(struct world *w, uint64_t s[STE_DWORDS])
{
	struct vsmmu_s2_template t;

	plat_guest_s2_template(w->p, w->g, &t);
	memset(s, 0, STE_SIZE);
	s[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_NESTED) | VS_FIELD_PREP(STE0_S1FMT, 1) |
	       (CTXPTR & STE0_S1CTXPTR) | VS_FIELD_PREP(STE0_S1CDMAX, 2);
	s[1] = VS_FIELD_PREP(STE1_S1DSS, 2) | VS_FIELD_PREP(STE1_S1CIR, 1) | VS_FIELD_PREP(STE1_S1COR, 1) |
	       VS_FIELD_PREP(STE1_S1CSH, 3) | STE1_MEV;
	s[2] = t.ste_dw2;
	s[3] = t.ste_dw3;
}

/* "The hypervisor" writes a physical STE inside a call of guest g: a
 * CR0 write (which may reconfigure every stream) or a CMDQ_PROD write. */
static int install(struct world *w, int g, unsigned psmmu, uint32_t psid, const uint64_t s[STE_DWORDS],
		   uint64_t off, char *why, size_t len)
{
	oracle_begin(w->o, ORACLE_OP_GUEST, g);
	w->obs.on_call(w->obs.ctx, g, PLAT_CALL_MMIO_WRITE, true);
	(void)plat_test_write_ste(w->p, psmmu, psid, s);
	w->obs.on_call(w->obs.ctx, g, PLAT_CALL_MMIO_WRITE, false);
	w->obs.on_mmio(w->obs.ctx, g, off, 4, 0, true);
	return oracle_end(w->o, false, why, len);
}

static void i1_case(bool two_level, unsigned dw, uint64_t bits, const char *name)
{
	struct world w;
	uint64_t s[STE_DWORDS];
	char why[512] = "";
	int inv;

	w_init(&w, two_level);
	good_ste(&w, s);
	inv = install(&w, w.g, 0, PSID, s, SMMU_CR0, why, sizeof why);
	if (inv)
		fprintf(stderr, "control: %s\n", why);
	CHECK(control_ok(inv));
	if (dw < STE_DWORDS) {
		s[dw] ^= bits;
		inv = install(&w, w.g, 0, PSID, s, SMMU_CR0, why, sizeof why);
		if (inv != 1 || !strstr(why, name))
			fprintf(stderr, "expected [I1] %s, got [I%d] %s\n", name, inv, why);
		CHECK(inv == 1 && strstr(why, name));
	}
	w_fini(&w);
}

static void test_i1(void)
{
	for (int two = 0; two < 2; two++) {
		i1_case(two, STE_DWORDS, 0, "");
		i1_case(two, 1, VS_FIELD_PREP(STE1_EATS, 1), "EATS");
		i1_case(two, 1, STE1_S2FWB, "S2FWB");
		i1_case(two, 1, VS_FIELD_PREP(STE1_NSCFG, 2), "NSCFG");
		i1_case(two, 1, VS_FIELD_PREP(STE1_PRIVCFG, 2), "PRIVCFG");
		i1_case(two, 1, VS_FIELD_PREP(STE1_INSTCFG, 2), "INSTCFG");
		i1_case(two, 1, STE1_MEV, "MEV");
		i1_case(two, 4, 0x1234, "dw4-7");
		i1_case(two, 7, 1, "dw4-7");
		i1_case(two, 0, UINT64_C(0x1000) & STE0_S1CTXPTR, "S1ContextPtr");
		i1_case(two, 0, VS_FIELD_PREP(STE0_S1CDMAX, 1), "S1CDMax");
		i1_case(two, 1, VS_FIELD_PREP(STE1_S1CSH, 1), "S1CSH");
		i1_case(two, 2, VS_BIT(20), "IMPDEF");
		i1_case(two, 2, VS_BIT(58), "stage-2");
		i1_case(two, 3, VS_BIT(12), "S2TTB");
	}
}

/* I2: a write to a stream of the same guest that the call does not concern
 * (a CMDQ_PROD write whose queue holds no CFGI for it). */
static void test_i2(void)
{
	struct world w;
	uint64_t s[STE_DWORDS];
	char why[512] = "";
	int inv;

	w_init(&w, false);
	good_ste(&w, s);
	inv = install(&w, w.g, 0, PSID, s, SMMU_CR0, why, sizeof why);
	CHECK(control_ok(inv));
	plat_mmio_write(w.p, w.g, SMMU_CMDQ_BASE, 8, (RAM + 0x40000) | 5);
	inv = install(&w, w.g, 0, PSID, s, SMMU_CMDQ_PROD, why, sizeof why);
	CHECK(inv == 2 && strstr(why, "an-action-concerning-this-stream"));
	/* Another guest's call writing g1's stream. */
	inv = install(&w, w.g2, 0, PSID, s, SMMU_CR0, why, sizeof why);
	CHECK(inv == 2 && strstr(why, "stream-of-g1"));
	w_fini(&w);
}

/* I5: one physical record routed, one record written into a guest queue. */
static int route(struct world *w, const uint64_t phys[EVT_DWORDS], int to, const uint64_t rec[EVT_DWORDS],
		 char *why, size_t len)
{
	uint8_t b[EVT_SIZE];
	struct plat_access a;

	for (unsigned i = 0; i < EVT_SIZE; i++)
		b[i] = (uint8_t)(rec[i / 8] >> (8 * (i % 8)));
	memset(&a, 0, sizeof a);
	a.actor = PLAT_ACT_HYP_GUEST;
	a.guest = to;
	a.psmmu = -1;
	a.ipa = to == w->g ? EVTQ : 0x80020000;
	a.len = EVT_SIZE;
	a.write = true;
	a.data = b;
	oracle_begin(w->o, ORACLE_OP_INJECT, -1);
	w->obs.on_phys_event(w->obs.ctx, 0, phys);
	w->obs.on_call(w->obs.ctx, -1, PLAT_CALL_ROUTE, true);
	(void)plat_guest_write(w->p, to, a.ipa, b, sizeof b);   /* the bytes land (the guest CPU path) */
	a.hpa = w->cpu_hpa;
	w->obs.on_access(w->obs.ctx, &a);
	w->obs.on_call(w->obs.ctx, -1, PLAT_CALL_ROUTE, false);
	return oracle_end(w->o, false, why, len);
}

static void i5_case(uint64_t pdw1, unsigned dw, uint64_t set, int to, const char *name)
{
	struct world w;
	uint64_t phys[EVT_DWORDS], rec[EVT_DWORDS];
	char why[512] = "";
	int inv;

	w_init(&w, false);
	phys[0] = VS_FIELD_PREP(EVT0_ID, EVT_ID_F_TRANSLATION) | VS_FIELD_PREP(EVT0_SID, PSID) | EVT0_SSV |
		  VS_FIELD_PREP(EVT0_SSID, 7);
	phys[1] = pdw1;
	phys[2] = 0x10000;
	phys[3] = UINT64_C(0x80123000);            /* stage-1 fault: IPA is UNKNOWN */
	rec[0] = (phys[0] & ~EVT0_SID) | VS_FIELD_PREP(EVT0_SID, VSID);
	rec[1] = phys[1] & (EVT1_RNW | EVT1_CLASS);
	rec[2] = phys[2];
	rec[3] = 0;
	if (!name) {
		inv = route(&w, phys, w.g, rec, why, sizeof why);
		if (inv)
			fprintf(stderr, "control: %s\n", why);
		CHECK(control_ok(inv));
	} else {
		if (dw == 0)
			rec[0] = (rec[0] & ~EVT0_SID) | set;
		else
			rec[dw] |= set;
		inv = route(&w, phys, to, rec, why, sizeof why);
		if (inv != 5 || !strstr(why, name))
			fprintf(stderr, "expected [I5] %s, got [I%d] %s\n", name, inv, why);
		CHECK(inv == 5 && strstr(why, name));
	}
	w_fini(&w);
}

static void test_i5(void)
{
	uint64_t dw1 = EVT1_RNW | VS_FIELD_PREP(EVT1_CLASS, EVT_CLASS_IN) | VS_FIELD_PREP(EVT1_STAG, 9);

	i5_case(dw1, 0, 0, 0, NULL);
	i5_case(dw1, 1, VS_FIELD_PREP(EVT1_STAG, 9), 0, "dw1(RES0/UNKNOWN");      /* STAG without Stall */
	i5_case(dw1, 3, UINT64_C(0x80123000), 0, "dw3(RES0/UNKNOWN");            /* stage-1 IPA */
	i5_case(dw1, 1, EVT1_IND, 0, "dw1(not from the physical record)");
	i5_case(dw1, 2, 0x5000, 0, "dw2(not from the physical record)");
	i5_case(dw1, 0, VS_FIELD_PREP(EVT0_SID, PSID), 0, "(the pSID)");
	i5_case(dw1, 0, VS_FIELD_PREP(EVT0_SID, VSID), 1, "event-recipient");     /* to g2 */
	i5_case(dw1, 0, VS_FIELD_PREP(EVT0_SID, 0x9), 0, "a-physical-record");
}

int main(void)
{
	test_i1();
	test_i2();
	test_i5();
	if (failures)
		fprintf(stderr, "test_oracle_obs: %d check(s) failed\n", failures);
	return failures ? 1 : 0;
}
