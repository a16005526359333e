/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_refmodel.c - the reference model (fuzz/refmodel.h) against cases
 * computed by hand from the architecture text: SteIllegal(), command
 * legality, linear and 2-level stream table lookups with every
 * C_BAD_STREAMID case, register RES0/ACK/Update behaviour, command queue
 * consumption and errors, event queue positions, wrap and OVFLG, MSIs and
 * the wired interrupt lines. The model
 * is fed a fake vSMMU (a register array the test sets as a correct - or a
 * wrong - implementation would) and a fake guest memory; every check that
 * can fire is shown firing on a wrong value and staying silent on the
 * right one.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/refmodel.h"
#include "fuzz/refmodel_int.h"

#define RAM_BASE  UINT64_C(0x40000000)
#define RAM_SIZE  (UINT64_C(1) << 20)

struct fake {
	uint32_t reg[SMMU_MMIO_SIZE / 4];
	uint8_t ram[RAM_SIZE];
	uint64_t pste[STE_DWORDS];
	bool have_pste;
	uint64_t fired;          /* failures the platform's fault model produced, anyone's */
	uint64_t fired_g[2];     /* ... of calls made for guest g */
	uint64_t fired_p[4];     /* ... on physical SMMU p */
	uint64_t noread_lo, noread_hi;   /* [lo, hi): the hypervisor's stage 2 lacks read */
};

static int failures;

#define CHECK(c) do { if (!(c)) { failures++; printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); } } while (0)

static int f_mem(void *ctx, int g, uint64_t ipa, void *buf, size_t len)
{
	struct fake *f = ctx;

	(void)g;
	if (ipa < RAM_BASE || ipa + len > RAM_BASE + RAM_SIZE)
		return -1;
	memcpy(buf, f->ram + (ipa - RAM_BASE), len);
	return 0;
}

/* The hypervisor's read for the guest: refused where its stage 2 lacks
 * read permission (the CPU's f_mem still reads there). */
static int f_hyp(void *ctx, int g, uint64_t ipa, void *buf, size_t len)
{
	struct fake *f = ctx;

	if (ipa < f->noread_hi && f->noread_lo < ipa + len)
		return -1;
	return f_mem(ctx, g, ipa, buf, len);
}

static uint32_t f_reg(void *ctx, int g, uint32_t off)
{
	struct fake *f = ctx;

	(void)g;
	if (off == SMMU_EVENTQ_PROD_ALIAS || off == SMMU_EVENTQ_CONS_ALIAS)
		off += SMMU_PAGE1;               /* the page-0 aliases */
	return off < SMMU_MMIO_SIZE ? f->reg[off / 4] : 0;
}

static uint64_t f_faults_for(void *ctx, int g, unsigned psmmu_mask)
{
	struct fake *f = ctx;
	uint64_t n = f->fired + (g >= 0 && g < 2 ? f->fired_g[g] : 0);

	for (unsigned p = 0; p < 4; p++)
		if (psmmu_mask & (1u << p))
			n += f->fired_p[p];
	return n;
}

static bool f_pste(void *ctx, unsigned psmmu, uint32_t psid, uint64_t ste[STE_DWORDS])
{
	struct fake *f = ctx;

	(void)psmmu;
	(void)psid;
	memcpy(ste, f->pste, sizeof f->pste);
	return f->have_pste;
}

/* libvsmmu's advertised IDRs (docs/vsmmu.md): S1P, AArch64, COHACC, ASID16,
 * CD2L, TTENDIAN LE, STALL_MODEL 1, 2-level; SIDSIZE 16, SSIDSIZE 8,
 * EVENTQS = CMDQS = 19; OAS 48, 4K/16K/64K; AIDR v3.1. */
static void reset_fake(struct fake *f)
{
	memset(f->reg, 0, sizeof f->reg);
	f->reg[SMMU_IDR0 / 4] = 0x0948101A;
	f->reg[SMMU_IDR1 / 4] = (uint32_t)(VS_FIELD_PREP(IDR1_SIDSIZE, 16) | VS_FIELD_PREP(IDR1_SSIDSIZE, 8) |
					   VS_FIELD_PREP(IDR1_EVENTQS, 19) | VS_FIELD_PREP(IDR1_CMDQS, 19));
	f->reg[SMMU_IDR5 / 4] = (uint32_t)(VS_FIELD_PREP(IDR5_OAS, IDR5_OAS_48) | IDR5_GRAN4K | IDR5_GRAN16K |
					   IDR5_GRAN64K);
	f->reg[SMMU_IDR3 / 4] = (uint32_t)IDR3_HAD;   /* mandatory from v3.1 with S1P */
	f->reg[SMMU_AIDR / 4] = 1;
	f->reg[SMMU_GBPA / 4] = (uint32_t)GBPA_ABORT;
	f->have_pste = false;
	f->fired = 0;
	memset(f->fired_g, 0, sizeof f->fired_g);
	memset(f->fired_p, 0, sizeof f->fired_p);
	f->noread_lo = f->noread_hi = 0;
}

/* A guest write: the fake vSMMU takes it the way a correct one does
 * (ACKs follow, GBPA.Update completes), then the model observes it. */
static void wr(struct refmodel *m, struct fake *f, uint32_t off, uint32_t val)
{
	f->reg[off / 4] = val;
	if (off == SMMU_CR0)
		f->reg[SMMU_CR0ACK / 4] = val;
	if (off == SMMU_IRQ_CTRL)
		f->reg[SMMU_IRQ_CTRLACK / 4] = val;
	if (off == SMMU_GBPA)
		f->reg[SMMU_GBPA / 4] = val & ~(uint32_t)GBPA_UPDATE;
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, true);
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, false);
	refmodel_on_mmio(m, 0, off, 4, val, true);
}

static bool fired(struct refmodel *m, const char *field)
{
	char msg[400];
	int g = -1;
	bool f = refmodel_check(m, true, &g, msg, sizeof msg);

	if (f && field && !strstr(msg, field)) {
		printf("  (fired, but on another field: %s)\n", msg);
		return false;
	}
	if (f && !field)
		printf("  unexpected: %s\n", msg);
	return f;
}

static void put64(struct fake *f, uint64_t ipa, uint64_t v)
{
	for (unsigned i = 0; i < 8; i++)
		f->ram[ipa - RAM_BASE + i] = (uint8_t)(v >> (8 * i));
}

static void put_ste(struct fake *f, uint64_t ipa, uint64_t dw0, uint64_t dw1)
{
	memset(f->ram + (ipa - RAM_BASE), 0, STE_SIZE);
	put64(f, ipa, dw0);
	put64(f, ipa + 8, dw1);
}

static void put_cmd(struct fake *f, uint64_t base, unsigned idx, uint64_t d0, uint64_t d1)
{
	put64(f, base + 16 * idx, d0);
	put64(f, base + 16 * idx + 8, d1);
}

static struct refmodel *new_model(struct fake *f)
{
	struct rm_env env = { .ctx = f, .mem_read = f_mem, .reg_read = f_reg,
			      .phys_ste = f_pste, .faults_for = f_faults_for, .hyp_read = f_hyp };
	struct refmodel *m;

	reset_fake(f);
	m = refmodel_create(&env);
	if (m)
		refmodel_guest_created(m, 0);
	return m;
}

/* ---- SteIllegal ---------------------------------------------------------- */
static void test_ste_illegal(void)
{
	uint32_t idr[6] = { 0x0948101A, (uint32_t)(VS_FIELD_PREP(IDR1_SIDSIZE, 16) |
						  VS_FIELD_PREP(IDR1_SSIDSIZE, 8)), 0, 0, 0,
			    (uint32_t)VS_FIELD_PREP(IDR5_OAS, IDR5_OAS_48) };
	uint64_t s[STE_DWORDS];
	const uint64_t v = STE0_V, s1 = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S1_TRANS) | 0x40001000;

	memset(s, 0, sizeof s);
	CHECK(rm_ste_illegal(idr, 1, s));                            /* V=0 */
	s[0] = v;
	CHECK(!rm_ste_illegal(idr, 1, s));                           /* Config 0: abort, legal */
	s[0] = v | VS_FIELD_PREP(STE0_CONFIG, 2);
	CHECK(!rm_ste_illegal(idr, 1, s));                           /* 0b0xx reserved: behaves as abort */
	s[0] = v | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_BYPASS);
	CHECK(!rm_ste_illegal(idr, 1, s));
	s[0] = v | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S2_TRANS);
	CHECK(rm_ste_illegal(idr, 1, s));                            /* S2P == 0 */
	s[0] = v | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_NESTED);
	CHECK(rm_ste_illegal(idr, 1, s));
	s[0] = s1;
	CHECK(!rm_ste_illegal(idr, 1, s));
	/* every dword beyond what stage 1 uses is IGNORED */
	for (unsigned i = 2; i < STE_DWORDS; i++)
		s[i] = ~UINT64_C(0);
	CHECK(!rm_ste_illegal(idr, 1, s));
	memset(s + 2, 0, 6 * sizeof s[0]);
	s[1] = STE1_S1STALLD;
	CHECK(rm_ste_illegal(idr, 1, s));                            /* STALL_MODEL == 0b01 */
	idr[0] &= ~(uint32_t)IDR0_STALL_MODEL;
	CHECK(!rm_ste_illegal(idr, 1, s));                           /* stall supported */
	idr[0] |= (uint32_t)VS_FIELD_PREP(IDR0_STALL_MODEL, IDR0_STALL_MODEL_NONE);
	s[1] = VS_FIELD_PREP(STE1_EATS, 2) | VS_FIELD_PREP(STE1_STRW, 1);
	CHECK(!rm_ste_illegal(idr, 1, s));                           /* no ATS, no Hyp: IGNORED */
	idr[0] |= IDR0_ATS;
	CHECK(rm_ste_illegal(idr, 1, s));                            /* split-stage ATS without stage 2 */
	idr[0] &= ~(uint32_t)IDR0_ATS;
	idr[0] |= IDR0_HYP;
	CHECK(rm_ste_illegal(idr, 1, s));                            /* STRW 0b01 reserved */
	idr[0] &= ~(uint32_t)IDR0_HYP;
	s[1] = 0;
	s[0] = s1 | VS_FIELD_PREP(STE0_S1CDMAX, 9);
	CHECK(rm_ste_illegal(idr, 1, s));                            /* S1CDMax > SSIDSIZE */
	s[0] = s1 | VS_FIELD_PREP(STE0_S1CDMAX, 8) | VS_FIELD_PREP(STE0_S1FMT, 1);
	CHECK(!rm_ste_illegal(idr, 1, s));                           /* CD2L */
	idr[0] &= ~(uint32_t)IDR0_CD2L;
	CHECK(rm_ste_illegal(idr, 1, s));                            /* 2-level CD without CD2L */
	s[0] = s1 | VS_FIELD_PREP(STE0_S1CDMAX, 8) | VS_FIELD_PREP(STE0_S1FMT, 3);
	CHECK(!rm_ste_illegal(idr, 1, s));                           /* 0b11 behaves as 0b00 */
	s[0] = s1 | VS_BIT(48);
	CHECK(rm_ste_illegal(idr, 1, s));                            /* S1ContextPtr beyond OAS 48, v3.1 */
	CHECK(!rm_ste_illegal(idr, 0, s));                           /* v3.0: CONSTRAINED UNPREDICTABLE */
	s[0] = s1 | VS_BIT(47);
	CHECK(!rm_ste_illegal(idr, 1, s));
}

/* ---- command legality ---------------------------------------------------- */
static void test_cmd_outcomes(void)
{
	uint32_t idr[6] = { 0x0948101A, 0, 0, 0, 0, 0 };
	struct { uint64_t d0, d1; unsigned want; } c[] = {
		{ 0x00, 0, RM_OUT_ILL },                                  /* Reserved opcode */
		{ 0x09, 0, RM_OUT_ILL },
		{ 0x31, 0, RM_OUT_ILL },
		{ 0x8a, 0, RM_OUT_OK | RM_OUT_ILL },                      /* IMPLEMENTATION DEFINED */
		{ CMD_OP_PREFETCH_CONFIG | (UINT64_C(3) << 32), 0, RM_OUT_OK },
		{ CMD_OP_CFGI_STE | (UINT64_C(7) << 32), CMD1_LEAF, RM_OUT_OK },
		{ CMD_OP_CFGI_STE | CMD0_SSEC, 0, RM_OUT_ILL },           /* SSec on the NS queue */
		{ CMD_OP_CFGI_STE, VS_BIT(5), RM_OUT_OK | RM_OUT_ILL },   /* Reserved field */
		{ CMD_OP_CFGI_STE_RANGE, 31, RM_OUT_OK },
		{ CMD_OP_CFGI_CD | (UINT64_C(5) << 12), 1, RM_OUT_OK },
		{ CMD_OP_CFGI_VMS_PIDM, 0, RM_OUT_ILL },                  /* no MPAM */
		{ CMD_OP_TLBI_NH_ALL, 0, RM_OUT_OK },
		{ CMD_OP_TLBI_NH_ALL | (UINT64_C(5) << 32), 0, RM_OUT_OK | RM_OUT_ILL }, /* VMID RES0 without S2 */
		{ CMD_OP_TLBI_NH_ASID | (UINT64_C(0xffff) << 48), 0, RM_OUT_OK },        /* ASID16 */
		{ CMD_OP_TLBI_NH_VA, VS_FIELD_PREP(CMD1_TG, 1), RM_OUT_OK | RM_OUT_ILL }, /* TG RES0 without RIL */
		{ CMD_OP_TLBI_NSNH_ALL, 0, RM_OUT_OK },
		{ CMD_OP_TLBI_EL3_ALL, 0, RM_OUT_ILL },                   /* Secure queue only */
		{ CMD_OP_TLBI_EL2_ALL, 0, RM_OUT_ILL },                   /* Hyp == 0 */
		{ CMD_OP_TLBI_S12_VMALL, 0, RM_OUT_ILL },                 /* no stage 2 */
		{ CMD_OP_TLBI_S2_IPA, 0, RM_OUT_ILL },
		{ CMD_OP_ATC_INV, 0, RM_OUT_ILL },                        /* no ATS */
		{ CMD_OP_PRI_RESP, 0, RM_OUT_ILL },                       /* no PRI */
		{ CMD_OP_RESUME, 0, RM_OUT_ILL },                         /* STALL_MODEL 0b01 */
		{ CMD_OP_STALL_TERM, 0, RM_OUT_ILL },
		{ CMD_OP_SYNC, 0, RM_OUT_OK },
		{ CMD_OP_SYNC | VS_FIELD_PREP(CMD0_SYNC_CS, 1), 0, RM_OUT_OK },
		{ CMD_OP_SYNC | VS_FIELD_PREP(CMD0_SYNC_CS, 3), 0, RM_OUT_ILL },
		{ 0x50, 0, RM_OUT_ILL },                                  /* CMD_TLBI_S_EL2_ALL */
		{ 0x60, 0, RM_OUT_ILL },
	};

	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		uint64_t cmd[2] = { c[i].d0, c[i].d1 };
		unsigned got = rm_cmd_outcomes(idr, cmd);
		if (got != c[i].want) {
			failures++;
			printf("FAIL cmd %zu (0x%016" PRIx64 " 0x%016" PRIx64 "): outcomes %u, want %u\n", i,
			       cmd[0], cmd[1], got, c[i].want);
		}
	}
	/* with RIL, NUM == SCALE == TTL == 0 and TG != 0 is Reserved: ILL */
	idr[3] = IDR3_RIL;
	{
		uint64_t cmd[2] = { CMD_OP_TLBI_NH_VA, VS_FIELD_PREP(CMD1_TG, 1) };
		CHECK(rm_cmd_outcomes(idr, cmd) == RM_OUT_ILL);
		cmd[1] |= VS_FIELD_PREP(CMD1_TTL, 2);
		CHECK(rm_cmd_outcomes(idr, cmd) == RM_OUT_OK);
		/* 16K with TTL=1 and no DS: treated as TTL=0, so Reserved */
		cmd[1] = VS_FIELD_PREP(CMD1_TG, CMD_TG_16K) | VS_FIELD_PREP(CMD1_TTL, 1);
		CHECK(rm_cmd_outcomes(idr, cmd) == RM_OUT_ILL);
		cmd[0] |= VS_FIELD_PREP(CMD0_NUM, 1);
		CHECK(rm_cmd_outcomes(idr, cmd) == RM_OUT_OK);
		/* TTL128 is RES0 (no 128-bit descriptors): detected or ignored */
		cmd[1] |= CMD1_TTL128;
		CHECK(rm_cmd_outcomes(idr, cmd) == (RM_OUT_OK | RM_OUT_ILL));
		/* TG = 0: NUM, SCALE, TTL are RES0 (found by fuzz_strtab) */
		cmd[0] = CMD_OP_TLBI_NH_VA;
		cmd[1] = VS_FIELD_PREP(CMD1_TTL, 1);
		CHECK(rm_cmd_outcomes(idr, cmd) == (RM_OUT_OK | RM_OUT_ILL));
		cmd[0] |= VS_FIELD_PREP(CMD0_SCALE, 1);
		cmd[1] = 0;
		CHECK(rm_cmd_outcomes(idr, cmd) == (RM_OUT_OK | RM_OUT_ILL));
		/* IDR3 non-zero is not IDR3.DPT: CMD_DPTI_* stay ILL */
		cmd[0] = 0x70;
		cmd[1] = 0;
		CHECK(rm_cmd_outcomes(idr, cmd) == RM_OUT_ILL);
	}
	idr[0] &= ~(uint32_t)IDR0_S1P;
	{
		uint64_t cmd[2] = { CMD_OP_CFGI_CD, 0 };
		CHECK(rm_cmd_outcomes(idr, cmd) == RM_OUT_ILL);          /* stage 1 not implemented */
	}
}

/* ---- stream table lookups -------------------------------------------------- */
static unsigned kind_of(struct refmodel *m, uint32_t sid, struct rm_cfg *c)
{
	rm_decode(m, 0, sid, c);
	return c->kind;
}

static void test_strtab(void)
{
	struct fake *f = calloc(1, sizeof *f);
	struct refmodel *m = f ? new_model(f) : NULL;
	const uint64_t s1 = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S1_TRANS);
	struct rm_cfg c;

	if (!m) {
		failures++;
		free(f);
		return;
	}
	/* disabled: GBPA decides */
	CHECK(kind_of(m, 1, &c) == RM_K_ABORT);
	wr(m, f, SMMU_GBPA, GBPA_UPDATE);
	CHECK(kind_of(m, 1, &c) == RM_K_BYPASS);
	wr(m, f, SMMU_GBPA, (uint32_t)GBPA_ABORT);                    /* no Update: UNPREDICTABLE (v3.1) */
	CHECK(kind_of(m, 1, &c) == RM_K_ANY);

	/* linear, 16 STEs, base 0x40001040 aligned down to the 1 KiB table */
	wr(m, f, SMMU_STRTAB_BASE, 0x40001040);
	wr(m, f, SMMU_STRTAB_BASE_CFG, 4);
	put_ste(f, 0x40001000 + 3 * 64, s1 | 0x40008000 | VS_FIELD_PREP(STE0_S1CDMAX, 2),
		VS_FIELD_PREP(STE1_S1DSS, 3) | VS_FIELD_PREP(STE1_S1CIR, 1) | VS_FIELD_PREP(STE1_S1CSH, 3));
	put_ste(f, 0x40001000 + 4 * 64, STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_BYPASS), 0);
	put_ste(f, 0x40001000 + 5 * 64, s1, STE1_S1STALLD);
	put_ste(f, 0x40001000 + 6 * 64, 0, 0);
	wr(m, f, SMMU_CR0, CR0_SMMUEN);
	CHECK(kind_of(m, 3, &c) == RM_K_S1 && c.ctxptr == 0x40008000 && c.cdmax == 2 && c.s1dss == 0 &&
	      c.cir == 1 && c.csh == 3);                              /* S1DSS 0b11 behaves as 0b00 */
	CHECK(kind_of(m, 4, &c) == RM_K_BYPASS);
	CHECK(kind_of(m, 5, &c) == RM_K_ILLEGAL);                     /* S1STALLD with STALL_MODEL 1 */
	CHECK(kind_of(m, 6, &c) == RM_K_INVALID);
	CHECK(kind_of(m, 15, &c) == RM_K_INVALID);
	/* the STE in RAM the hypervisor's stage 2 maps write-only: its fetch
	 * aborts (the vSMMU reads it as the hypervisor, not as the CPU) */
	f->noread_lo = 0x40001000 + 3 * 64;
	f->noread_hi = f->noread_lo + 64;
	CHECK(kind_of(m, 3, &c) == RM_K_FETCH);
	CHECK(kind_of(m, 4, &c) == RM_K_BYPASS);
	f->noread_lo = f->noread_hi = 0;
	CHECK(kind_of(m, 3, &c) == RM_K_S1);
	CHECK(kind_of(m, 16, &c) == RM_K_BADSID);                     /* >= 2^LOG2SIZE */
	CHECK(kind_of(m, 0xffffffff, &c) == RM_K_BADSID);
	wr(m, f, SMMU_CR0, 0);
	/* LOG2SIZE beyond SIDSIZE (16) is capped */
	wr(m, f, SMMU_STRTAB_BASE_CFG, 40);
	wr(m, f, SMMU_STRTAB_BASE, 0x80000000);
	wr(m, f, SMMU_CR0, CR0_SMMUEN);
	CHECK(kind_of(m, 0x10000, &c) == RM_K_BADSID);
	CHECK(kind_of(m, 0xffff, &c) == RM_K_FETCH);                  /* 4 MiB table at 0x80000000: no RAM */
	wr(m, f, SMMU_CR0, 0);

	/* 2-level: LOG2SIZE 16, SPLIT 8, L1 at 0x40010000 (256 L1STDs, 2 KiB) */
	wr(m, f, SMMU_STRTAB_BASE, 0x40010000);
	wr(m, f, SMMU_STRTAB_BASE_CFG, (uint32_t)(16 | VS_FIELD_PREP(STRTAB_BASE_CFG_SPLIT, 8) |
						  VS_FIELD_PREP(STRTAB_BASE_CFG_FMT, 1)));
	put64(f, 0x40010000 + 3 * 8, 0x40020000 | 3);                 /* Span 3: 4 STEs */
	put64(f, 0x40010000 + 4 * 8, 0x40020000 | 0);                 /* Span 0: invalid */
	put64(f, 0x40010000 + 5 * 8, 0x40020000 | 12);                /* Span 12: Reserved */
	put64(f, 0x40010000 + 6 * 8, 0x40020000 | 10);                /* Span 10 > SPLIT + 1 */
	put64(f, 0x40010000 + 7 * 8, 0x40020000 | 9);                 /* Span 9 = SPLIT + 1: 256 STEs */
	put64(f, 0x40010000 + 8 * 8, 0x7ff00000 | 1);                 /* L2 outside RAM */
	put_ste(f, 0x40020000 + 2 * 64, s1 | 0x40009000, 0);
	put_ste(f, 0x40020000 + 0xff * 64, STE0_V, 0);
	wr(m, f, SMMU_CR0, CR0_SMMUEN);
	CHECK(kind_of(m, 0x0302, &c) == RM_K_S1 && c.ctxptr == 0x40009000);
	CHECK(kind_of(m, 0x0303, &c) == RM_K_INVALID);
	CHECK(kind_of(m, 0x0304, &c) == RM_K_BADSID);                 /* L2 index beyond 2^(Span-1) */
	CHECK(kind_of(m, 0x0400, &c) == RM_K_BADSID);                 /* Span 0 */
	CHECK(kind_of(m, 0x0500, &c) == RM_K_BADSID);                 /* Span 12 */
	CHECK(kind_of(m, 0x0600, &c) == RM_K_BADSID);                 /* Span > SPLIT+1 */
	CHECK(kind_of(m, 0x07ff, &c) == RM_K_ABORT);
	CHECK(kind_of(m, 0x0800, &c) == RM_K_FETCH);                  /* external abort on the STE */
	CHECK(kind_of(m, 0x10000, &c) == RM_K_BADSID);
	wr(m, f, SMMU_CR0, 0);
	/* SPLIT 7 is Reserved and behaves as 6: 0x0302 uses L1STD 12 */
	wr(m, f, SMMU_STRTAB_BASE_CFG, (uint32_t)(16 | VS_FIELD_PREP(STRTAB_BASE_CFG_SPLIT, 7) |
						  VS_FIELD_PREP(STRTAB_BASE_CFG_FMT, 1)));
	put64(f, 0x40010000 + 12 * 8, 0x40030000 | 7);
	put_ste(f, 0x40030000 + 2 * 64, s1 | 0x4000a000, 0);
	wr(m, f, SMMU_CR0, CR0_SMMUEN);
	CHECK(kind_of(m, 0x0302, &c) == RM_K_S1 && c.ctxptr == 0x4000a000);
	wr(m, f, SMMU_CR0, 0);
	/* FMT 0b10 is Reserved and behaves as linear */
	wr(m, f, SMMU_STRTAB_BASE_CFG, (uint32_t)(16 | VS_FIELD_PREP(STRTAB_BASE_CFG_FMT, 2)));
	/* (linear with 2^16 STEs: the base is aligned down to the 4 MiB table) */
	put_ste(f, 0x40000000 + 5 * 64, STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_BYPASS), 0);
	wr(m, f, SMMU_CR0, CR0_SMMUEN);
	CHECK(kind_of(m, 5, &c) == RM_K_BYPASS);
	CHECK(!fired(m, NULL));

	/* comparison with the physical STE of an assigned stream */
	refmodel_assigned(m, 0, 5, 0, 0x105);
	f->have_pste = true;
	memset(f->pste, 0, sizeof f->pste);
	f->pste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S2_TRANS);
	CHECK(!fired(m, NULL));                                       /* bypass = stage 2 only */
	f->pste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_NESTED);
	CHECK(fired(m, "stream-config"));
	/* the guest rewrites the STE without CFGI: old or new is permitted */
	put_ste(f, 0x40000000 + 5 * 64, s1 | 0x4000b000, VS_FIELD_PREP(STE1_S1COR, 2));
	refmodel_on_access(m, &(struct plat_access){ .actor = PLAT_ACT_GUEST_CPU, .guest = 0,
				     .ipa = 0x40000000 + 5 * 64, .len = 64, .write = true, .data = f->ram });
	f->pste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_NESTED) | 0x4000b000;
	f->pste[1] = VS_FIELD_PREP(STE1_S1COR, 2) | STE1_MEV;
	CHECK(!fired(m, NULL));
	f->pste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S2_TRANS);
	CHECK(!fired(m, NULL));
	f->pste[1] = 0;                                               /* dw1 of the guest lost */
	f->pste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_NESTED) | 0x4000b000;
	CHECK(fired(m, "stream-config"));
	/* the hypervisor writes over the STE (an event queue overlapping
	 * the table): whatever the SMMU read, before or after, until the
	 * guest invalidates it, or the SMMU reloads every stream (SMMUEN
	 * 0 -> 1), after which the STE in memory is what counts again (a
	 * clobbered stream stayed unjudged until a CFGI covering it) */
	f->pste[1] = VS_FIELD_PREP(STE1_S1COR, 2) | STE1_MEV;
	CHECK(!fired(m, NULL));
	memset(f->ram + 5 * 64, 0, 32);
	refmodel_on_access(m, &(struct plat_access){ .actor = PLAT_ACT_HYP_GUEST, .guest = 0,
				     .ipa = 0x40000000 + 5 * 64, .len = 32, .write = true,
				     .data = f->ram + 5 * 64 });
	(void)fired(m, NULL);                 /* whatever the event queue makes of it */
	CHECK(!fired(m, NULL));               /* the old STE: still permitted */
	wr(m, f, SMMU_CR0, 0);
	wr(m, f, SMMU_CR0, CR0_SMMUEN);
	CHECK(fired(m, "stream-config"));     /* reloaded from memory: V=0, abort */
	memset(f->pste, 0, sizeof f->pste);
	f->pste[0] = STE0_V;                  /* Config=abort */
	CHECK(!fired(m, NULL));
	/* a CFGI and a hypervisor write over the STE in one call: the model
	 * replays the call's accesses before it judges the commands, so it
	 * cannot order them and the stream stays clobbered until a CFGI of a
	 * later call (the CFGI once decoded the clobbered memory) */
	put_ste(f, 0x40000000 + 5 * 64, STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_BYPASS), 0);
	put_cmd(f, 0x40080000, 0, CMD_OP_CFGI_STE | (UINT64_C(5) << 32), 1);
	put_cmd(f, 0x40080000, 1, CMD_OP_CFGI_STE | (UINT64_C(5) << 32), 1);
	wr(m, f, SMMU_CMDQ_BASE, (uint32_t)(0x40080000 | 3));
	wr(m, f, SMMU_CMDQ_CONS, 0);
	wr(m, f, SMMU_CR0, CR0_SMMUEN | CR0_CMDQEN);
	CHECK(!fired(m, NULL));
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, true);
	f->reg[SMMU_CMDQ_CONS / 4] = 1;                               /* CFGI: the bypass loaded */
	f->pste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S2_TRANS);
	memset(f->ram + 5 * 64, 0, 32);                               /* then written over */
	refmodel_on_access(m, &(struct plat_access){ .actor = PLAT_ACT_HYP_GUEST, .guest = 0,
				     .ipa = 0x40000000 + 5 * 64, .len = 32, .write = true,
				     .data = f->ram + 5 * 64 });
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, false);
	f->reg[SMMU_CMDQ_PROD / 4] = 1;
	refmodel_on_mmio(m, 0, SMMU_CMDQ_PROD, 4, 1, true);
	CHECK(!fired(m, NULL));
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, true);
	f->reg[SMMU_CMDQ_CONS / 4] = 2;                               /* CFGI again: V=0 now */
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, false);
	f->reg[SMMU_CMDQ_PROD / 4] = 2;
	refmodel_on_mmio(m, 0, SMMU_CMDQ_PROD, 4, 2, true);
	CHECK(fired(m, "stream-config"));
	refmodel_destroy(m);
	free(f);
}

/* ---- registers ------------------------------------------------------------- */
static void test_regs(void)
{
	struct fake *f = calloc(1, sizeof *f);
	struct refmodel *m = f ? new_model(f) : NULL;

	if (!m) {
		failures++;
		free(f);
		return;
	}
	CHECK(!fired(m, NULL));
	/* CR0 keeps SMMUEN, EVENTQEN, CMDQEN only; CR0ACK follows */
	wr(m, f, SMMU_CR0, 0xffffffff);
	CHECK(fired(m, "reg0x20"));                                   /* the fake kept RES0 bits */
	f->reg[SMMU_CR0 / 4] = 0xd;
	f->reg[SMMU_CR0ACK / 4] = 0xd;
	CHECK(!fired(m, NULL));
	f->reg[SMMU_CR0ACK / 4] = 0x0;
	CHECK(fired(m, "CR0ACK"));                                    /* stuck acknowledge */
	f->reg[SMMU_CR0ACK / 4] = 0xd;
	wr(m, f, SMMU_CR0, 0);
	/* IRQ_CTRL: GERROR_IRQEN and EVENTQ_IRQEN (no PRI) */
	wr(m, f, SMMU_IRQ_CTRL, 7);
	CHECK(fired(m, "reg0x50"));
	f->reg[SMMU_IRQ_CTRL / 4] = 5;
	f->reg[SMMU_IRQ_CTRLACK / 4] = 7;
	CHECK(fired(m, "IRQ_CTRLACK"));
	f->reg[SMMU_IRQ_CTRLACK / 4] = 5;
	CHECK(!fired(m, NULL));
	/* guarded: STRTAB_BASE ignores writes while SMMUEN=1 */
	wr(m, f, SMMU_STRTAB_BASE, 0x40001000);
	wr(m, f, SMMU_CR0, CR0_SMMUEN);
	wr(m, f, SMMU_STRTAB_BASE, 0x40002000);
	CHECK(fired(m, "reg0x80"));                                   /* the fake took it */
	f->reg[SMMU_STRTAB_BASE / 4] = 0x40001000;
	CHECK(!fired(m, NULL));
	wr(m, f, SMMU_CR0, 0);
	/* GBPA: Update completes; without Update the value is UNPREDICTABLE */
	wr(m, f, SMMU_GBPA, GBPA_UPDATE);
	CHECK(!fired(m, NULL));
	f->reg[SMMU_GBPA / 4] = (uint32_t)GBPA_UPDATE;
	CHECK(fired(m, "GBPA"));
	f->reg[SMMU_GBPA / 4] = (uint32_t)GBPA_ABORT;                 /* an update that never happened */
	CHECK(fired(m, "reg0x44"));
	f->reg[SMMU_GBPA / 4] = 0;
	/* CR2: RECINVSID only */
	wr(m, f, SMMU_CR2, 0xf);
	CHECK(fired(m, "reg0x2c"));
	f->reg[SMMU_CR2 / 4] = CR2_RECINVSID;
	CHECK(!fired(m, NULL));
	/* reserved offsets are RAZ, reads outside the window too */
	f->reg[0x30 / 4] = 1;
	CHECK(fired(m, "reg0x30"));
	f->reg[0x30 / 4] = 0;
	refmodel_on_mmio(m, 0, SMMU_MMIO_SIZE, 4, 5, false);
	CHECK(fired(m, "outside the window"));
	/* a byte write merges into the register (GBPA top byte with Update) */
	refmodel_on_mmio(m, 0, SMMU_GBPA + 3, 1, 0x80, true);
	CHECK(!fired(m, NULL));
	/* ID registers are constants */
	f->reg[SMMU_IDR0 / 4] ^= IDR0_S2P;
	CHECK(fired(m, "reg0x0 "));
	f->reg[SMMU_IDR0 / 4] ^= IDR0_S2P;
	/* GERROR: nothing may activate without a cause (the event queue is
	 * in RAM, nothing failed) */
	wr(m, f, SMMU_EVENTQ_BASE, 0x40050001);
	CHECK(!fired(m, NULL));
	f->reg[SMMU_GERROR / 4] = (uint32_t)GERROR_EVENTQ_ABT_ERR;
	CHECK(fired(m, "EVENTQ_ABT_ERR"));
	/* acknowledged by the guest: GERRORN = GERROR */
	wr(m, f, SMMU_GERRORN, (uint32_t)GERROR_EVENTQ_ABT_ERR);
	CHECK(!fired(m, NULL));
	f->reg[SMMU_GERROR / 4] = 0;                                  /* deactivated by the SMMU */
	CHECK(fired(m, "GERROR"));
	refmodel_destroy(m);
	free(f);
}

/* ---- command queue ----------------------------------------------------------- */
static void test_cmdq(void)
{
	struct fake *f = calloc(1, sizeof *f);
	struct refmodel *m = f ? new_model(f) : NULL;
	const uint64_t q = 0x40040000;

	if (!m) {
		failures++;
		free(f);
		return;
	}
	/* 8 entries: CFGI_STE, a Reserved opcode, SYNC */
	put_cmd(f, q, 0, CMD_OP_CFGI_STE | (UINT64_C(1) << 32), 1);
	put_cmd(f, q, 1, 0x09, 0);
	put_cmd(f, q, 2, CMD_OP_SYNC, 0);
	wr(m, f, SMMU_CMDQ_BASE, (uint32_t)(q | 3));
	wr(m, f, SMMU_CMDQ_CONS, 0);
	wr(m, f, SMMU_CR0, CR0_CMDQEN);
	f->reg[SMMU_CMDQ_CONS / 4] = 1;                               /* consumed in the trap */
	wr(m, f, SMMU_CMDQ_PROD, 3);
	CHECK(!fired(m, NULL));                                       /* stopped before the bad one */
	f->reg[SMMU_CMDQ_CONS / 4] = (uint32_t)VS_FIELD_PREP(CMDQ_CONS_ERR, CERROR_ILL) | 1;
	f->reg[SMMU_GERROR / 4] = GERROR_CMDQ_ERR;
	CHECK(!fired(m, NULL));                                       /* ... with CERROR_ILL */
	/* CONS may not move while the error is active */
	f->reg[SMMU_CMDQ_CONS / 4] = (uint32_t)VS_FIELD_PREP(CMDQ_CONS_ERR, CERROR_ILL) | 2;
	CHECK(fired(m, "CMDQ_ERR active"));
	f->reg[SMMU_CMDQ_CONS / 4] = (uint32_t)VS_FIELD_PREP(CMDQ_CONS_ERR, CERROR_ILL) | 1;
	CHECK(fired(m, "CMDQ_CONS"));                                 /* nor move back */
	/* the guest fixes the command and acknowledges */
	put_cmd(f, q, 1, CMD_OP_PREFETCH_CONFIG, 0);
	f->reg[SMMU_CMDQ_CONS / 4] = 3;
	wr(m, f, SMMU_GERRORN, GERROR_CMDQ_ERR);
	CHECK(!fired(m, NULL));
	/* an error, then CONS rewritten while CMDQEN=0: ERR may take the value */
	put_cmd(f, q, 3, 0x31, 0);
	f->reg[SMMU_CMDQ_CONS / 4] = (uint32_t)VS_FIELD_PREP(CMDQ_CONS_ERR, CERROR_ILL) | 3;
	f->reg[SMMU_GERROR / 4] = 0;
	wr(m, f, SMMU_CMDQ_PROD, 4);
	CHECK(!fired(m, NULL));
	wr(m, f, SMMU_CR0, 0);
	f->reg[SMMU_CMDQ_CONS / 4] = 3;
	wr(m, f, SMMU_CMDQ_CONS, 3);
	CHECK(!fired(m, NULL));
	f->reg[SMMU_CMDQ_CONS / 4] = 4;                               /* ... but nothing is consumed */
	CHECK(fired(m, "CMDQEN=0"));
	f->reg[SMMU_CMDQ_CONS / 4] = 3;
	wr(m, f, SMMU_CMDQ_CONS, 3);
	wr(m, f, SMMU_GERRORN, 0);
	put_cmd(f, q, 3, CMD_OP_SYNC, 0);
	f->reg[SMMU_CMDQ_CONS / 4] = 4;
	wr(m, f, SMMU_CR0, CR0_CMDQEN);
	CHECK(!fired(m, NULL));
	/* a vSMMU that skips an unknown opcode */
	put_cmd(f, q, 4, 0x31, 0);
	put_cmd(f, q, 5, CMD_OP_SYNC, 0);
	f->reg[SMMU_CMDQ_CONS / 4] = 6;
	wr(m, f, SMMU_CMDQ_PROD, 6);
	CHECK(fired(m, "consumed past it"));
	refmodel_destroy(m);

	/* an error reported without its reason code, or with the wrong one;
	 * CERROR_ABT is right once the platform's fault model fired (a failed
	 * physical command or guest-memory access) */
	for (unsigned code = 0; code < 4; code++) {
		m = new_model(f);
		if (!m) {
			failures++;
			break;
		}
		put_cmd(f, q, 0, CMD_OP_TLBI_EL2_ALL, 0);
		wr(m, f, SMMU_CMDQ_BASE, (uint32_t)(q | 3));
		wr(m, f, SMMU_CMDQ_CONS, 0);
		wr(m, f, SMMU_CR0, CR0_CMDQEN);
		put_cmd(f, q, 0, code == 3 ? CMD_OP_SYNC : CMD_OP_TLBI_EL2_ALL, 0);
		f->fired = code == 3;
		f->reg[SMMU_CMDQ_CONS / 4] = (uint32_t)VS_FIELD_PREP(CMDQ_CONS_ERR, code == 3 ? CERROR_ABT : code);
		f->reg[SMMU_GERROR / 4] = GERROR_CMDQ_ERR;
		wr(m, f, SMMU_CMDQ_PROD, 1);
		if (code == CERROR_ILL || code == 3)
			CHECK(!fired(m, NULL));
		else
			CHECK(fired(m, "CMDQ_CONS.ERR"));
		refmodel_destroy(m);
	}

	/* CERROR_ABT is right only after a failure that can have reached the
	 * guest: one of its own, or one on a physical SMMU it has a stream on
	 * (1, 3); not another guest's (0) nor one on another SMMU (2) */
	for (unsigned who = 0; who < 4; who++) {
		m = new_model(f);
		if (!m) {
			failures++;
			break;
		}
		refmodel_assigned(m, 0, 3, 2, 0x103);
		put_cmd(f, q, 0, CMD_OP_TLBI_EL2_ALL, 0);
		wr(m, f, SMMU_CMDQ_BASE, (uint32_t)(q | 3));
		wr(m, f, SMMU_CMDQ_CONS, 0);
		wr(m, f, SMMU_CR0, CR0_CMDQEN);
		put_cmd(f, q, 0, CMD_OP_SYNC, 0);
		f->fired_g[who == 1 ? 0 : 1] = who < 2;
		f->fired_p[who == 3 ? 2 : 1] = who >= 2;
		f->reg[SMMU_CMDQ_CONS / 4] = (uint32_t)VS_FIELD_PREP(CMDQ_CONS_ERR, CERROR_ABT);
		f->reg[SMMU_GERROR / 4] = GERROR_CMDQ_ERR;
		wr(m, f, SMMU_CMDQ_PROD, 1);
		if (who == 1 || who == 3)
			CHECK(!fired(m, NULL));
		else
			CHECK(fired(m, "CMDQ_CONS.ERR"));
		refmodel_destroy(m);
	}

	/* wrap: 4 entries, CONS 3 -> PROD wrap|1 consumes entries 3 and 0 */
	m = new_model(f);
	if (!m) {
		failures++;
		free(f);
		return;
	}
	put_cmd(f, q, 3, CMD_OP_TLBI_NH_ALL, 0);
	put_cmd(f, q, 0, CMD_OP_SYNC, 0);
	wr(m, f, SMMU_CMDQ_BASE, (uint32_t)(q | 2));
	wr(m, f, SMMU_CMDQ_CONS, 3);
	wr(m, f, SMMU_CR0, CR0_CMDQEN);
	f->reg[SMMU_CMDQ_CONS / 4] = 5;
	wr(m, f, SMMU_CMDQ_PROD, 5);
	CHECK(!fired(m, NULL));
	/* a round that leaves commands pending without progress */
	put_cmd(f, q, 1, CMD_OP_SYNC, 0);
	f->reg[SMMU_CMDQ_PROD / 4] = 6;
	f->reg[SMMU_CMDQ_CONS / 4] = 5;
	wr(m, f, SMMU_CMDQ_PROD, 6);
	refmodel_on_call(m, 0, PLAT_CALL_RUN, true);
	refmodel_on_call(m, 0, PLAT_CALL_RUN, false);
	CHECK(fired(m, "progress"));
	/* CONS beyond PROD */
	f->reg[SMMU_CMDQ_CONS / 4] = 7;
	CHECK(fired(m, "(PROD)"));
	/* index bits above the wrap bit are RAZ */
	f->reg[SMMU_CMDQ_CONS / 4] = 0x100 | 6;
	CHECK(fired(m, "RES0"));
	refmodel_destroy(m);

	/* A GERRORN toggle of an inactive error is UNPREDICTABLE: the bit is
	 * adopted as observed and judged again afterwards, so a round that
	 * leaves commands pending without progress still fires. The bit
	 * stayed loose until a toggle of an active error, with the progress
	 * check off meanwhile. CMDQ_ERR: the vSMMU keeps the written GERRORN
	 * (it must read back) and toggles GERROR with it (the error stays
	 * inactive); SFM_ERR, not advertised: the write is ignored. */
	for (int b = 0; b < 2; b++) {
		uint32_t bit = b ? (uint32_t)GERROR_SFM_ERR : (uint32_t)GERROR_CMDQ_ERR;

		m = new_model(f);
		if (!m) {
			failures++;
			break;
		}
		wr(m, f, SMMU_CMDQ_BASE, (uint32_t)(q | 2));
		wr(m, f, SMMU_CMDQ_CONS, 0);
		wr(m, f, SMMU_CR0, CR0_CMDQEN);
		if (!b)
			f->reg[SMMU_GERROR / 4] = bit;   /* as the write takes effect */
		wr(m, f, SMMU_GERRORN, bit);
		if (b)
			f->reg[SMMU_GERRORN / 4] = 0;
		CHECK(!fired(m, NULL));
		put_cmd(f, q, 0, CMD_OP_SYNC, 0);
		wr(m, f, SMMU_CMDQ_PROD, 1);          /* not consumed in the trap: deferred */
		CHECK(!fired(m, NULL));
		refmodel_on_call(m, 0, PLAT_CALL_RUN, true);
		refmodel_on_call(m, 0, PLAT_CALL_RUN, false);
		CHECK(fired(m, "progress"));
		refmodel_destroy(m);
	}
	free(f);
}

/* ---- event queue -------------------------------------------------------------- */
static void evt_write(struct refmodel *m, struct fake *f, uint64_t ipa, unsigned id, uint32_t sid)
{
	uint8_t rec[EVT_SIZE];

	(void)f;
	memset(rec, 0, sizeof rec);
	rec[0] = (uint8_t)id;
	memcpy(rec + 4, &sid, 4);
	refmodel_on_access(m, &(struct plat_access){ .actor = PLAT_ACT_HYP_GUEST, .guest = 0, .ipa = ipa,
				     .len = EVT_SIZE, .write = true, .data = rec });
}

static void test_evtq(void)
{
	struct fake *f = calloc(1, sizeof *f);
	struct refmodel *m = f ? new_model(f) : NULL;
	const uint64_t q = 0x40050000;

	if (!m) {
		failures++;
		free(f);
		return;
	}
	/* 2 entries */
	wr(m, f, SMMU_EVENTQ_BASE, (uint32_t)(q | 1));
	f->reg[SMMU_EVENTQ_PROD / 4] = 0;
	wr(m, f, SMMU_EVENTQ_PROD, 0);
	wr(m, f, SMMU_EVENTQ_CONS, 0);
	evt_write(m, f, q, EVT_ID_F_TRANSLATION, 1);
	CHECK(fired(m, "EVENTQEN=0"));                                /* queue disabled */
	wr(m, f, SMMU_CR0, CR0_EVENTQEN);
	evt_write(m, f, q, EVT_ID_F_TRANSLATION, 1);
	CHECK(fired(m, "EVENTQ_PROD"));                               /* the fake did not move PROD */
	m->g[0].evtq_prod = 0;
	evt_write(m, f, q, EVT_ID_F_TRANSLATION, 1);
	f->reg[SMMU_EVENTQ_PROD / 4] = 1;
	CHECK(!fired(m, NULL));
	evt_write(m, f, q, EVT_ID_F_TRANSLATION, 1);                  /* not the PROD slot */
	CHECK(fired(m, "PROD slot"));
	f->reg[SMMU_EVENTQ_PROD / 4] = 2;                             /* slot 1, then wrap */
	evt_write(m, f, q + 32, EVT_ID_F_TRANSLATION, 1);
	CHECK(!fired(m, NULL));                                       /* PROD = wrap|0: full */
	evt_write(m, f, q, EVT_ID_F_TRANSLATION, 1);
	CHECK(fired(m, "queue full"));
	m->g[0].evtq_prod = 2;
	f->reg[SMMU_EVENTQ_PROD / 4] = 2 | (uint32_t)EVENTQ_PROD_OVFLG;
	CHECK(!fired(m, NULL));                                       /* overflow of a full queue */
	/* the guest drains one, does not acknowledge; another overflow toggle is wrong */
	f->reg[SMMU_EVENTQ_CONS / 4] = 1;
	wr(m, f, SMMU_EVENTQ_CONS, 1);
	f->reg[SMMU_EVENTQ_PROD / 4] = 2;
	CHECK(fired(m, "OVFLG"));
	/* acknowledged; a toggle with room in the queue is wrong too */
	m->g[0].evtq_prod = 2;
	f->reg[SMMU_EVENTQ_CONS / 4] = 0;
	wr(m, f, SMMU_EVENTQ_CONS, 0);
	wr(m, f, SMMU_EVENTQ_CONS, 2);
	f->reg[SMMU_EVENTQ_PROD / 4] = 2 | (uint32_t)EVENTQ_PROD_OVFLG;
	CHECK(fired(m, "OVFLG"));
	/* configuration events must be justified by the stream's STE */
	m->g[0].evtq_prod = 2;
	f->reg[SMMU_EVENTQ_PROD / 4] = 3;
	refmodel_assigned(m, 0, 7, 0, 0x107);                         /* SMMUEN=0, GBPA abort */
	evt_write(m, f, q, EVT_ID_C_BAD_STE, 7);
	CHECK(fired(m, "C_BAD_STE"));
	/* a fault that reached the guest excuses C_BAD_STE (a fail-closed
	 * physical STE records it), not F_STE_FETCH without a failed fetch */
	f->fired_g[0] = 1;
	m->g[0].evtq_prod = 2;
	evt_write(m, f, q, EVT_ID_C_BAD_STE, 7);
	CHECK(!fired(m, NULL));
	m->g[0].evtq_prod = 2;
	evt_write(m, f, q, EVT_ID_F_STE_FETCH, 7);
	CHECK(fired(m, "F_STE_FETCH"));
	f->fired_g[0] = 0;
	m->g[0].phys_faults = false;
	/* EVENTQ_ABT_ERR: justified by a PROD slot outside guest RAM (the
	 * write fails in stage 2), not otherwise */
	f->reg[SMMU_GERROR / 4] = (uint32_t)GERROR_EVENTQ_ABT_ERR;
	CHECK(fired(m, "EVENTQ_ABT_ERR"));
	wr(m, f, SMMU_GERRORN, (uint32_t)GERROR_EVENTQ_ABT_ERR);
	wr(m, f, SMMU_CR0, 0);
	wr(m, f, SMMU_EVENTQ_PROD, 0);
	wr(m, f, SMMU_EVENTQ_BASE, (uint32_t)(0x7f000000 | 1));
	wr(m, f, SMMU_EVENTQ_CONS, 0);
	wr(m, f, SMMU_CR0, CR0_EVENTQEN);
	CHECK(!fired(m, NULL));
	f->reg[SMMU_GERROR / 4] = 0;
	CHECK(!fired(m, NULL));
	refmodel_destroy(m);

	/* ... and an aborted record write must activate it (7.2.2): a vSMMU
	 * that drops the record silently fires, one that raises it does not,
	 * and the abort excuses nothing after the observation that judged it */
	m = new_model(f);
	if (!m) {
		failures++;
		free(f);
		return;
	}
	wr(m, f, SMMU_EVENTQ_BASE, (uint32_t)(q | 1));
	wr(m, f, SMMU_EVENTQ_PROD, 0);
	wr(m, f, SMMU_EVENTQ_CONS, 0);
	wr(m, f, SMMU_CR0, CR0_EVENTQEN);
	CHECK(!fired(m, NULL));
	refmodel_on_access(m, &(struct plat_access){ .actor = PLAT_ACT_HYP_GUEST, .guest = 0, .ipa = q,
				     .len = EVT_SIZE, .write = true, .aborted = true });
	CHECK(fired(m, "expected=active(a record write aborted)"));
	refmodel_on_access(m, &(struct plat_access){ .actor = PLAT_ACT_HYP_GUEST, .guest = 0, .ipa = q,
				     .len = EVT_SIZE, .write = true, .aborted = true });
	f->reg[SMMU_GERROR / 4] = (uint32_t)GERROR_EVENTQ_ABT_ERR;
	CHECK(!fired(m, NULL));
	wr(m, f, SMMU_GERRORN, (uint32_t)GERROR_EVENTQ_ABT_ERR);
	CHECK(!fired(m, NULL));
	f->reg[SMMU_GERROR / 4] = 0;                                  /* active again, no abort since */
	CHECK(fired(m, "expected=inactive(no abort on a record write)"));
	refmodel_destroy(m);
	free(f);
}

/* ---- configuration events owed by a transaction (refmodel_evtq.c) --------- */
/* A linear table of 16 STEs at 0x40001000: STE 6 V=0, STE 4 bypass, STE 5
 * ILLEGAL; vSIDs 6, 4, 20 (beyond the table) and 5 assigned, 5 last; event queue of 2 records
 * at 0x40050000; SMMUEN and EVENTQEN set, CR2 = cr2. */
static struct refmodel *new_owed_model(struct fake *f, uint32_t cr2)
{
	struct refmodel *m = new_model(f);

	if (!m)
		return NULL;
	wr(m, f, SMMU_STRTAB_BASE, 0x40001000);
	wr(m, f, SMMU_STRTAB_BASE_CFG, 4);
	put_ste(f, 0x40001000 + 4 * 64, STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_BYPASS), 0);
	put_ste(f, 0x40001000 + 6 * 64, 0, 0);
	put_ste(f, 0x40001000 + 5 * 64, STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S1_TRANS), STE1_S1STALLD);
	wr(m, f, SMMU_EVENTQ_BASE, (uint32_t)(0x40050000 | 1));
	wr(m, f, SMMU_EVENTQ_PROD, 0);
	wr(m, f, SMMU_EVENTQ_CONS, 0);
	wr(m, f, SMMU_CR2, cr2);
	wr(m, f, SMMU_CR0, CR0_SMMUEN | CR0_EVENTQEN);
	refmodel_assigned(m, 0, 6, 0, 0x106);
	refmodel_assigned(m, 0, 4, 0, 0x104);
	refmodel_assigned(m, 0, 20, 0, 0x114);
	refmodel_assigned(m, 0, 5, 0, 0x105);                         /* ILLEGAL (S1STALLD) */
	return m;
}

static void test_owed_events(void)
{
	struct fake *f = calloc(1, sizeof *f);
	struct refmodel *m;

	if (!f) {
		failures++;
		return;
	}
	m = new_owed_model(f, 0);
	CHECK(m != NULL);
	if (!m)
		goto out;
	CHECK(!fired(m, NULL));
	refmodel_dma(m, 0, 4);                                        /* bypass: nothing owed */
	CHECK(!fired(m, NULL));
	refmodel_dma(m, 0, 20);                                       /* beyond the table, RECINVSID=0 */
	CHECK(!fired(m, NULL));
	refmodel_dma(m, 0, 6);                                        /* V=0: C_BAD_STE, missing */
	CHECK(fired(m, "expected=C_BAD_STE(a transaction on an STE with V=0) seen=none"));
	refmodel_dma(m, 0, 6);                                        /* ... written */
	evt_write(m, f, 0x40050000, EVT_ID_C_BAD_STE, 6);
	f->reg[SMMU_EVENTQ_PROD / 4] = 1;
	CHECK(!fired(m, NULL));
	refmodel_dma(m, 0, 6);                                        /* another record owes another */
	CHECK(fired(m, "expected=C_BAD_STE"));
	refmodel_dma(m, 0, 6);
	evt_write(m, f, 0x40050020, EVT_ID_C_BAD_STE, 6);
	f->reg[SMMU_EVENTQ_PROD / 4] = 2;
	CHECK(!fired(m, NULL));                                       /* the queue is full now */
	refmodel_dma(m, 0, 6);
	CHECK(!fired(m, NULL));                                       /* dropped, as the architecture says */
	refmodel_destroy(m);

	/* ILLEGAL: owed per transaction unless recorded at its load */
	m = new_owed_model(f, 0);
	if (!m)
		goto out;
	CHECK(!fired(m, NULL));                                       /* loaded without a record */
	refmodel_dma(m, 0, 5);
	CHECK(fired(m, "expected=C_BAD_STE(a transaction on an ILLEGAL STE, none at its load)"));
	refmodel_destroy(m);
	m = new_owed_model(f, 0);
	if (!m)
		goto out;
	evt_write(m, f, 0x40050000, EVT_ID_C_BAD_STE, 5);             /* ... with one (libvsmmu) */
	f->reg[SMMU_EVENTQ_PROD / 4] = 1;
	CHECK(!fired(m, NULL));
	refmodel_dma(m, 0, 5);
	CHECK(!fired(m, NULL));
	refmodel_destroy(m);
	m = new_owed_model(f, 0);                                     /* ... or none possible */
	if (!m)
		goto out;
	CHECK(!fired(m, NULL));
	wr(m, f, SMMU_CR0, 0);
	CHECK(!fired(m, NULL));
	wr(m, f, SMMU_CR0, CR0_SMMUEN);                               /* reloaded with EVENTQEN=0 */
	CHECK(!fired(m, NULL));
	wr(m, f, SMMU_CR0, CR0_SMMUEN | CR0_EVENTQEN);
	CHECK(!fired(m, NULL));
	refmodel_dma(m, 0, 5);
	CHECK(!fired(m, NULL));
	refmodel_destroy(m);

	/* RECINVSID=1: beyond the table owes C_BAD_STREAMID */
	m = new_owed_model(f, CR2_RECINVSID);
	if (!m)
		goto out;
	CHECK(!fired(m, NULL));
	refmodel_dma(m, 0, 20);
	CHECK(fired(m, "expected=C_BAD_STREAMID(a transaction on no valid STE) seen=none"));
	refmodel_dma(m, 0, 20);
	evt_write(m, f, 0x40050000, EVT_ID_C_BAD_STREAMID, 20);
	f->reg[SMMU_EVENTQ_PROD / 4] = 1;
	CHECK(!fired(m, NULL));
	/* excused: EVENTQEN=0; a record write that aborted; a fault of the guest */
	wr(m, f, SMMU_CR0, CR0_SMMUEN);
	refmodel_dma(m, 0, 6);
	CHECK(!fired(m, NULL));
	wr(m, f, SMMU_CR0, CR0_SMMUEN | CR0_EVENTQEN);
	refmodel_dma(m, 0, 6);
	refmodel_on_access(m, &(struct plat_access){ .actor = PLAT_ACT_HYP_GUEST, .guest = 0,
				     .ipa = 0x40050020, .len = EVT_SIZE, .write = true, .aborted = true });
	f->reg[SMMU_GERROR / 4] = (uint32_t)GERROR_EVENTQ_ABT_ERR;
	CHECK(!fired(m, NULL));
	wr(m, f, SMMU_GERRORN, (uint32_t)GERROR_EVENTQ_ABT_ERR);
	CHECK(!fired(m, NULL));
	f->fired_g[0] = 1;
	refmodel_dma(m, 0, 6);
	CHECK(!fired(m, NULL));
	f->fired_g[0] = 0;
	/* the STE being rewritten (V=1 in memory, no CFGI yet): either may be
	 * used, so nothing is owed */
	m->g[0].phys_faults = false;
	put_ste(f, 0x40001000 + 6 * 64, STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_BYPASS), 0);
	refmodel_dma(m, 0, 6);
	CHECK(!fired(m, NULL));
	refmodel_destroy(m);
out:
	free(f);
}

/* ---- MSIs (refmodel_msi.c) ----------------------------------------------- */
static void msi_write(struct refmodel *m, uint64_t ipa, uint32_t data, bool failed)
{
	uint8_t b[4] = { (uint8_t)data, (uint8_t)(data >> 8), (uint8_t)(data >> 16), (uint8_t)(data >> 24) };

	refmodel_on_access(m, &(struct plat_access){ .actor = PLAT_ACT_HYP_GUEST, .guest = 0, .ipa = ipa,
				     .len = 4, .write = true, .data = failed ? NULL : b,
				     .aborted = failed });
}

/* A CMDQ_PROD write during which the fake vSMMU consumes up to cons and
 * (msi) writes one MSI, before or after moving CONS. */
static void kick(struct refmodel *m, struct fake *f, uint32_t prod, uint32_t cons, int msi,
		 uint64_t ipa, uint32_t data)
{
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, true);
	if (msi < 0)
		msi_write(m, ipa, data, false);       /* while CONS is still on the CMD_SYNC */
	f->reg[SMMU_CMDQ_CONS / 4] = cons;
	if (msi > 0)
		msi_write(m, ipa, data, false);
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, false);
	f->reg[SMMU_CMDQ_PROD / 4] = prod;
	refmodel_on_mmio(m, 0, SMMU_CMDQ_PROD, 4, prod, true);
}

static struct refmodel *new_msi_model(struct fake *f, uint64_t q)
{
	struct rm_env env = { .ctx = f, .mem_read = f_mem, .reg_read = f_reg,
			      .phys_ste = f_pste, .faults_for = f_faults_for };
	struct refmodel *m;

	reset_fake(f);
	f->reg[SMMU_IDR0 / 4] |= (uint32_t)IDR0_MSI;
	m = refmodel_create(&env);
	if (!m)
		return NULL;
	refmodel_guest_created(m, 0);
	wr(m, f, SMMU_CMDQ_BASE, (uint32_t)(q | 3));
	wr(m, f, SMMU_CMDQ_CONS, 0);
	wr(m, f, SMMU_CR0, CR0_CMDQEN);
	return m;
}

/* new_msi_model with the event queue (2 records at 0x40050000) enabled
 * and its interrupt's MSI going to cfg0 with data cfg1. */
static struct refmodel *new_evtq_msi_model(struct fake *f, uint64_t q, uint32_t cfg0, uint32_t cfg1)
{
	struct refmodel *m = new_msi_model(f, q);

	if (!m)
		return NULL;
	wr(m, f, SMMU_EVENTQ_BASE, (uint32_t)(0x40050000 | 1));
	wr(m, f, SMMU_EVENTQ_PROD, 0);
	wr(m, f, SMMU_EVENTQ_CONS, 0);
	wr(m, f, SMMU_EVENTQ_IRQ_CFG0, cfg0);
	f->reg[SMMU_EVENTQ_IRQ_CFG0 / 4] = cfg0;
	wr(m, f, SMMU_EVENTQ_IRQ_CFG1, cfg1);
	f->reg[SMMU_EVENTQ_IRQ_CFG1 / 4] = cfg1;
	wr(m, f, SMMU_IRQ_CTRL, IRQ_CTRL_EVENTQ_IRQEN);
	wr(m, f, SMMU_CR0, CR0_CMDQEN | CR0_EVENTQEN);
	return m;
}

/* GERROR and the event queue share an MSI address, the queue holds a
 * record: GERROR activates SFM_ERR and the bits abt, and one aborted MSI
 * is written. Did the model fire, saying an aborted MSI's bit is missing? */
static bool shared_msi_aborts(struct fake *f, uint64_t q, uint32_t abt)
{
	struct refmodel *m = new_evtq_msi_model(f, q, 0x40062000, 0x99);
	bool r;

	CHECK(m != NULL);
	if (!m)
		return false;
	evt_write(m, f, 0x40050000, EVT_ID_F_TRANSLATION, 1);
	msi_write(m, 0x40062000, 0x99, false);
	f->reg[SMMU_EVENTQ_PROD / 4] = 1;
	wr(m, f, SMMU_GERROR_IRQ_CFG0, 0x40062000);
	f->reg[SMMU_GERROR_IRQ_CFG0 / 4] = 0x40062000;
	wr(m, f, SMMU_IRQ_CTRL, IRQ_CTRL_EVENTQ_IRQEN | IRQ_CTRL_GERROR_IRQEN);
	CHECK(!fired(m, NULL));           /* the set-up itself is right */
	evt_write(m, f, 0x40050020, EVT_ID_F_TRANSLATION, 1);
	f->reg[SMMU_EVENTQ_PROD / 4] = 2;
	f->reg[SMMU_GERROR / 4] ^= (uint32_t)GERROR_SFM_ERR | abt;
	msi_write(m, 0x40062000, 0, true);
	r = fired(m, "an MSI of that source aborted");
	refmodel_destroy(m);
	return r;
}

static void test_msi(void)
{
	struct fake *f = calloc(1, sizeof *f);
	struct refmodel *m;
	const uint64_t q = 0x40040000, poll = 0x40060000;
	const uint64_t sync = CMD_OP_SYNC | VS_FIELD_PREP(CMD0_SYNC_CS, CMD_SYNC_CS_IRQ) |
			      VS_FIELD_PREP(CMD0_SYNC_MSIDATA, 0x55);

	if (!f) {
		failures++;
		return;
	}
	/* IDR0.MSI = 0: no 32-bit write at all */
	m = new_model(f);
	CHECK(m != NULL);
	if (m) {
		msi_write(m, poll, 1, false);
		CHECK(fired(m, "IDR0.MSI=0"));
		refmodel_destroy(m);
	}
	/* a CMD_SYNC with SIG_IRQ: its MSI, after CONS passed it */
	m = new_msi_model(f, q);
	if (!m) {
		failures++;
		free(f);
		return;
	}
	put_cmd(f, q, 0, sync, poll);
	kick(m, f, 1, 1, 1, poll, 0x55);
	CHECK(!fired(m, NULL));
	/* ... missing */
	put_cmd(f, q, 1, sync, poll);
	kick(m, f, 2, 2, 0, 0, 0);
	CHECK(fired(m, "seen=none"));
	/* ... the wrong data */
	put_cmd(f, q, 2, sync, poll);
	kick(m, f, 3, 3, 1, poll, 0x56);
	CHECK(fired(m, "seen=data0x56"));
	/* ... written before CONS moved */
	put_cmd(f, q, 3, sync, poll);
	kick(m, f, 4, 4, -1, poll, 0x55);
	CHECK(fired(m, "CONS-passed"));
	/* SIG_NONE: none owed, so one written is unexplained */
	put_cmd(f, q, 4, CMD_OP_SYNC | VS_FIELD_PREP(CMD0_SYNC_MSIDATA, 0x55), poll);
	kick(m, f, 5, 5, 1, poll, 0x55);
	CHECK(fired(m, "expected=none(no CMD_SYNC"));
	/* MSIAddress above the OAS (48) is truncated to it */
	put_cmd(f, q, 5, sync, poll | (UINT64_C(1) << 50));
	kick(m, f, 6, 6, 1, poll, 0x55);
	CHECK(!fired(m, NULL));
	/* Linux: the MSI clears its own slot's first word after consumption */
	put_cmd(f, q, 6, CMD_OP_SYNC | VS_FIELD_PREP(CMD0_SYNC_CS, CMD_SYNC_CS_IRQ), q + 6 * 16);
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, true);
	f->reg[SMMU_CMDQ_CONS / 4] = 7;
	put64(f, q + 6 * 16, 0);
	msi_write(m, q + 6 * 16, 0, false);
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, false);
	f->reg[SMMU_CMDQ_PROD / 4] = 7;
	refmodel_on_mmio(m, 0, SMMU_CMDQ_PROD, 4, 7, true);
	CHECK(!fired(m, NULL));
	CHECK(!m->g[0].ring_clobbered);
	/* GERROR: an activation with GERROR_IRQEN owes one GERROR MSI */
	wr(m, f, SMMU_GERROR_IRQ_CFG0, 0x40061000);
	f->reg[SMMU_GERROR_IRQ_CFG0 / 4] = 0x40061000;
	wr(m, f, SMMU_GERROR_IRQ_CFG1, 0x77);
	f->reg[SMMU_GERROR_IRQ_CFG1 / 4] = 0x77;
	wr(m, f, SMMU_IRQ_CTRL, IRQ_CTRL_GERROR_IRQEN);
	CHECK(!fired(m, NULL));
	f->reg[SMMU_GERROR / 4] = (uint32_t)GERROR_SFM_ERR;
	CHECK(fired(m, "msi(GERROR)"));
	f->reg[SMMU_GERROR / 4] = 0;
	m->g[0].gerror = 0;
	m->g[0].msi_gerr_start = 0;
	f->reg[SMMU_GERROR / 4] = (uint32_t)GERROR_SFM_ERR;
	msi_write(m, 0x40061000, 0x77, false);
	CHECK(!fired(m, NULL));
	/* an MSI abort bit needs an aborted MSI of its source */
	f->reg[SMMU_GERROR / 4] ^= (uint32_t)GERROR_MSI_CMDQ_ABT_ERR;
	msi_write(m, 0x40061000, 0x77, false);
	CHECK(fired(m, "no aborted MSI"));
	/* ... and an aborted one needs its bit (acknowledged first) */
	wr(m, f, SMMU_GERRORN, (uint32_t)(GERROR_SFM_ERR | GERROR_MSI_CMDQ_ABT_ERR));
	put_cmd(f, q, 7, CMD_OP_PREFETCH_CONFIG, 0);
	kick(m, f, 8, 8, 0, 0, 0);
	CHECK(!fired(m, NULL));
	put_cmd(f, q, 8, sync, poll);
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, true);
	f->reg[SMMU_CMDQ_CONS / 4] = 9;
	msi_write(m, poll, 0, true);
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, false);
	f->reg[SMMU_CMDQ_PROD / 4] = 9;
	refmodel_on_mmio(m, 0, SMMU_CMDQ_PROD, 4, 9, true);
	CHECK(fired(m, "an MSI of that source aborted"));
	/* right: the bit activates, and its GERROR MSI follows */
	put_cmd(f, q, 9, sync, poll);
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, true);
	f->reg[SMMU_CMDQ_CONS / 4] = 10;
	msi_write(m, poll, 0, true);
	f->reg[SMMU_GERROR / 4] ^= (uint32_t)GERROR_MSI_CMDQ_ABT_ERR;
	msi_write(m, 0x40061000, 0x77, false);
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, false);
	f->reg[SMMU_CMDQ_PROD / 4] = 10;
	refmodel_on_mmio(m, 0, SMMU_CMDQ_PROD, 4, 10, true);
	CHECK(!fired(m, NULL));
	refmodel_destroy(m);

	/* the event queue: a record into an empty queue owes an MSI */
	m = new_evtq_msi_model(f, q, 0x40062000, 0x99);
	if (!m) {
		failures++;
		free(f);
		return;
	}
	CHECK(!fired(m, NULL));
	evt_write(m, f, 0x40050000, EVT_ID_F_TRANSLATION, 1);
	f->reg[SMMU_EVENTQ_PROD / 4] = 1;
	CHECK(fired(m, "msi(EVENTQ)"));
	evt_write(m, f, 0x40050020, EVT_ID_F_TRANSLATION, 1);
	msi_write(m, 0x40062000, 0x99, false);
	f->reg[SMMU_EVENTQ_PROD / 4] = 2;
	CHECK(!fired(m, NULL));           /* one MSI per record is permitted */
	refmodel_destroy(m);
	/* GERROR and the event queue share an address, the queue is not
	 * empty: an aborted MSI with GERROR's abort bit is GERROR's (it was
	 * given to the event queue, and GERROR's MSI reported missing) */
	CHECK(!shared_msi_aborts(f, q, (uint32_t)GERROR_MSI_GERROR_ABT_ERR));
	/* ... and with neither source's abort bit active the aborted MSI is
	 * still one source's: the bit it owes is missing */
	CHECK(shared_msi_aborts(f, q, 0));

	/* a CMD_SYNC's MSI address is the event queue's too: the aborted
	 * event queue MSI written before CONS passed the CMD_SYNC is not the
	 * CMD_SYNC's early one (it was judged so) */
	m = new_evtq_msi_model(f, q, (uint32_t)poll, 0);
	if (!m) {
		failures++;
		free(f);
		return;
	}
	CHECK(!fired(m, NULL));
	put_cmd(f, q, 0, sync, poll);
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, true);
	evt_write(m, f, 0x40050000, EVT_ID_F_TRANSLATION, 1);
	f->reg[SMMU_EVENTQ_PROD / 4] = 1;
	msi_write(m, poll, 0, true);
	f->reg[SMMU_GERROR / 4] ^= (uint32_t)GERROR_MSI_EVENTQ_ABT_ERR;
	f->reg[SMMU_CMDQ_CONS / 4] = 1;
	msi_write(m, poll, 0x55, false);
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, false);
	f->reg[SMMU_CMDQ_PROD / 4] = 1;
	refmodel_on_mmio(m, 0, SMMU_CMDQ_PROD, 4, 1, true);
	CHECK(!fired(m, NULL));
	refmodel_destroy(m);
	free(f);
}

/* ---- wired lines (refmodel_irq.c) -------------------------------------------- */
/* A model of a vSMMU with wired lines (rm_env.wired), IDR0.MSI = 0: command
 * queue (8 at 0x40040000) and event queue (2 at 0x40050000) enabled,
 * IRQ_CTRL = irq. */
static struct refmodel *new_irq_model(struct fake *f, uint32_t irq)
{
	struct rm_env env = { .ctx = f, .mem_read = f_mem, .reg_read = f_reg,
			      .phys_ste = f_pste, .faults_for = f_faults_for, .wired = true };
	struct refmodel *m;

	reset_fake(f);
	m = refmodel_create(&env);
	if (!m)
		return NULL;
	refmodel_guest_created(m, 0);
	wr(m, f, SMMU_CMDQ_BASE, (uint32_t)(0x40040000 | 3));
	wr(m, f, SMMU_CMDQ_CONS, 0);
	wr(m, f, SMMU_EVENTQ_BASE, (uint32_t)(0x40050000 | 1));
	wr(m, f, SMMU_EVENTQ_PROD, 0);
	wr(m, f, SMMU_EVENTQ_CONS, 0);
	wr(m, f, SMMU_IRQ_CTRL, irq);
	wr(m, f, SMMU_CR0, CR0_CMDQEN | CR0_EVENTQEN);
	return m;
}

/* One record written into slot prod of the event queue, then `pulses`
 * event queue pulses; PROD moves as a correct vSMMU moves it. */
static void irq_record(struct refmodel *m, struct fake *f, uint32_t prod, unsigned pulses)
{
	evt_write(m, f, 0x40050000 + 32 * (prod & 1), EVT_ID_F_TRANSLATION, 1);
	f->reg[SMMU_EVENTQ_PROD / 4] = prod + 1;
	while (pulses--)
		refmodel_on_irq(m, 0, VSMMU_IRQ_EVTQ);
}

/* A CMDQ_PROD write of prod during which the fake consumes everything and
 * pulses the CMD_SYNC line `pulses` times. */
static void irq_kick(struct refmodel *m, struct fake *f, uint32_t prod, unsigned pulses)
{
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, true);
	f->reg[SMMU_CMDQ_CONS / 4] = prod;
	while (pulses--)
		refmodel_on_irq(m, 0, VSMMU_IRQ_CMD_SYNC);
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, false);
	f->reg[SMMU_CMDQ_PROD / 4] = prod;
	refmodel_on_mmio(m, 0, SMMU_CMDQ_PROD, 4, prod, true);
}

static void test_irq(void)
{
	struct fake *f = calloc(1, sizeof *f);
	struct refmodel *m;
	const uint64_t q = 0x40040000;
	const uint32_t ev = (uint32_t)IRQ_CTRL_EVENTQ_IRQEN, ge = (uint32_t)IRQ_CTRL_GERROR_IRQEN;

	if (!f) {
		failures++;
		return;
	}
	/* the event queue line: gated by EVENTQ_IRQEN (the Xen series ignored it) */
	m = new_irq_model(f, 0);
	CHECK(m != NULL);
	if (!m)
		goto out;
	CHECK(!fired(m, NULL));
	irq_record(m, f, 0, 0);
	CHECK(!fired(m, NULL));                                       /* masked: none */
	irq_record(m, f, 1, 1);
	CHECK(fired(m, "irq-evtq expected=0(EVENTQ_IRQEN=0)"));
	refmodel_on_irq(m, 0, VSMMU_IRQ_PRIQ);                         /* no PRI queue at all */
	CHECK(fired(m, "irq-priq expected=0(IDR0.PRI=0)"));
	refmodel_on_irq(m, 0, VSMMU_IRQ_GERROR);
	CHECK(fired(m, "irq-gerror expected=0(GERROR_IRQEN=0)"));
	refmodel_destroy(m);

	/* enabled: at least one for a record into an empty queue, at most one
	 * per record */
	m = new_irq_model(f, ev);
	if (!m)
		goto out;
	CHECK(!fired(m, NULL));
	irq_record(m, f, 0, 0);
	CHECK(fired(m, "irq-evtq expected=>=1(a record into an empty queue)"));
	m->g[0].evtq_prod = 0;
	f->reg[SMMU_EVENTQ_PROD / 4] = 0;
	irq_record(m, f, 0, 1);
	CHECK(!fired(m, NULL));
	irq_record(m, f, 1, 2);                                       /* queue not empty: none owed */
	CHECK(fired(m, "irq-evtq expected=<=1(one per record written)"));
	refmodel_destroy(m);
	/* an op that writes IRQ_CTRL permits the old enables and the new */
	m = new_irq_model(f, 0);
	if (!m)
		goto out;
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, true);
	irq_record(m, f, 0, 1);
	refmodel_on_call(m, 0, PLAT_CALL_MMIO_WRITE, false);
	f->reg[SMMU_IRQ_CTRL / 4] = f->reg[SMMU_IRQ_CTRLACK / 4] = ev;
	refmodel_on_mmio(m, 0, SMMU_IRQ_CTRL, 4, ev, true);
	CHECK(!fired(m, NULL));
	refmodel_destroy(m);

	/* GERROR: one per error activated, at least one */
	m = new_irq_model(f, ge);
	if (!m)
		goto out;
	CHECK(!fired(m, NULL));
	f->reg[SMMU_GERROR / 4] = (uint32_t)GERROR_SFM_ERR;
	CHECK(fired(m, "irq-gerror expected=>=1"));
	wr(m, f, SMMU_GERRORN, (uint32_t)GERROR_SFM_ERR);
	CHECK(!fired(m, NULL));
	f->reg[SMMU_GERROR / 4] = 0;
	refmodel_on_irq(m, 0, VSMMU_IRQ_GERROR);
	CHECK(!fired(m, NULL));
	refmodel_on_irq(m, 0, VSMMU_IRQ_GERROR);                      /* no activation */
	CHECK(fired(m, "irq-gerror expected=<=0"));
	refmodel_destroy(m);

	/* CMD_SYNC: exactly one per consumed CS=SIG_IRQ, IRQ_CTRL 0 */
	m = new_irq_model(f, 0);
	if (!m)
		goto out;
	put_cmd(f, q, 0, CMD_OP_SYNC | VS_FIELD_PREP(CMD0_SYNC_CS, CMD_SYNC_CS_IRQ), 0);
	put_cmd(f, q, 1, CMD_OP_SYNC | VS_FIELD_PREP(CMD0_SYNC_CS, CMD_SYNC_CS_IRQ), 0);
	put_cmd(f, q, 2, CMD_OP_SYNC, 0);                              /* SIG_NONE */
	put_cmd(f, q, 3, CMD_OP_SYNC | VS_FIELD_PREP(CMD0_SYNC_CS, CMD_SYNC_CS_IRQ), 0);
	irq_kick(m, f, 1, 1);
	CHECK(!fired(m, NULL));
	irq_kick(m, f, 2, 0);
	CHECK(fired(m, "irq-cmd_sync expected=1"));
	irq_kick(m, f, 3, 1);
	CHECK(fired(m, "irq-cmd_sync expected=0"));
	irq_kick(m, f, 4, 2);
	CHECK(fired(m, "irq-cmd_sync expected=1"));
	refmodel_destroy(m);

	/* rm_env.wired false: pulses are not looked at */
	m = new_model(f);
	if (!m)
		goto out;
	refmodel_on_irq(m, 0, VSMMU_IRQ_EVTQ);
	CHECK(!fired(m, NULL));
	refmodel_destroy(m);
out:
	free(f);
}

/* ---- ID registers: AIDR version rules, the guest's options ------------------ */
static bool g_opts_known;
static struct plat_guest_opts g_opts;

static bool f_opts(void *ctx, int g, struct plat_guest_opts *o)
{
	(void)ctx;
	(void)g;
	*o = g_opts;
	return g_opts_known;
}

/* The model created over the fake with the given IDR3 and AIDR; true if
 * it fired naming field. */
static bool idr_fires(struct fake *f, uint32_t idr0_set, uint32_t idr3, uint32_t aidr, const char *field)
{
	struct rm_env env = { .ctx = f, .mem_read = f_mem, .reg_read = f_reg,
			      .phys_ste = f_pste, .faults_for = f_faults_for, .guest_opts = f_opts };
	struct refmodel *m;
	bool r;

	reset_fake(f);
	f->reg[SMMU_IDR0 / 4] |= idr0_set;
	f->reg[SMMU_IDR3 / 4] = idr3;
	f->reg[SMMU_AIDR / 4] = aidr;
	m = refmodel_create(&env);
	if (!m)
		return false;
	refmodel_guest_created(m, 0);
	r = fired(m, field);
	refmodel_destroy(m);
	return r;
}

static void test_idr(void)
{
	struct fake *f = calloc(1, sizeof *f);
	uint32_t idr[6] = { 0x0948101A, 0, 0, (uint32_t)IDR3_HAD, 0, 0 };
	const uint32_t had = (uint32_t)IDR3_HAD, ril = (uint32_t)IDR3_RIL;

	if (!f)
		return;
	/* 2.9: v3.1 may have a v3.2 feature (RIL), not a v3.3 one */
	CHECK(rm_idr_version_error(idr, 1) == NULL);
	idr[3] |= ril;
	CHECK(rm_idr_version_error(idr, 1) == NULL);
	CHECK(rm_idr_version_error(idr, 0) != NULL);                 /* v3.0: RIL is v3.2 */
	idr[3] |= (uint32_t)IDR3_E0PD;
	CHECK(rm_idr_version_error(idr, 1) != NULL);
	CHECK(rm_idr_version_error(idr, 2) != NULL);                 /* v3.2 also needs FWB, BBML */
	idr[3] |= (uint32_t)IDR3_FWB | (uint32_t)VS_FIELD_PREP(IDR3_BBML, 1);
	CHECK(rm_idr_version_error(idr, 2) == NULL);
	CHECK(rm_idr_version_error(idr, 0x12) != NULL);              /* ArchMajorRev 1 */
	CHECK(rm_idr_version_error(idr, 5) != NULL);                 /* no v3.5 in the spec here */

	/* the model checks it at creation */
	g_opts_known = false;
	CHECK(!idr_fires(f, 0, had, 1, NULL));
	CHECK(!idr_fires(f, 0, had | ril, 1, NULL));
	CHECK(idr_fires(f, 0, 0, 1, "IDR3.HAD"));                    /* v3.1 with S1P without HAD */
	CHECK(idr_fires(f, 0, had | (uint32_t)IDR3_DPT, 1, "IDR3.DPT"));
	CHECK(idr_fires(f, 0, had | ril, 2, "IDR3.{RIL,FWB,BBML}"));

	/* IDR0.MSI and IDR3.RIL are what the embedder configured */
	g_opts_known = true;
	g_opts.msi = g_opts.ril = true;       /* the defaults */
	g_opts.max_pages = PLAT_GUEST_MAX_PAGES;
	CHECK(!idr_fires(f, (uint32_t)IDR0_MSI, had | ril, 1, NULL));
	CHECK(idr_fires(f, 0, had | ril, 1, "IDR0.MSI"));            /* msi=1 asked, MSI=0 shown */
	g_opts.msi = false;
	CHECK(!idr_fires(f, 0, had | ril, 1, NULL));
	CHECK(idr_fires(f, (uint32_t)IDR0_MSI, had | ril, 1, "IDR0.MSI"));   /* msi=0 asked, MSI=1 shown */
	g_opts.ril = false;
	CHECK(idr_fires(f, 0, had | ril, 1, "IDR3.RIL"));            /* ril=0 asked, RIL=1 shown */
	CHECK(!idr_fires(f, 0, had, 1, NULL));
	g_opts.ril = true;
	CHECK(idr_fires(f, 0, had, 1, "IDR3.RIL"));                  /* ril=1 asked, RIL=0 shown */
	g_opts_known = false;
	free(f);
}

int main(void)
{
	test_ste_illegal();
	test_cmd_outcomes();
	test_strtab();
	test_regs();
	test_cmdq();
	test_evtq();
	test_owed_events();
	test_msi();
	test_irq();
	test_idr();
	if (failures) {
		printf("%d check(s) failed\n", failures);
		return 1;
	}
	printf("PASS: refmodel unit tests\n");
	return 0;
}
