/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_router.c - the host event router: which physical events
 * reach the owning guest, vSID substitution, no host addresses, what stays
 * with the hypervisor, bounded memory under a flood, the router table
 * (cap, delete), and the planted bug LEAK_PSID.
 */
#include <string.h>

#include "tests/vsmmu/fake.h"

#define ALL_EN ((uint32_t)(CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN))
#define HPA 0xABCDE000ull

struct ev_case {
	unsigned id;
	bool s2, stall;
	bool fwd;
	uint64_t dw0, dw1, dw2; /* fields the guest's record keeps (spec 7.3) */
};

/* What route() puts in the record, field by field. */
#define R_SS    (EVT0_SSV | VS_FIELD_PREP(EVT0_SSID, 5))
#define R_ACC   (EVT1_RNW | EVT1_PNU | VS_FIELD_PREP(EVT1_CLASS, EVT_CLASS_TT))
#define R_IN    0x7777000

static void route(struct vsmmu_host *h, unsigned psmmu, uint32_t psid, unsigned id, bool s2, bool stall)
{
	uint64_t rec[EVT_DWORDS];

	rec[0] = VS_FIELD_PREP(EVT0_ID, id) | VS_FIELD_PREP(EVT0_SID, psid) | EVT0_SSV |
		 VS_FIELD_PREP(EVT0_SSID, 5) | VS_BIT(9);                   /* bit 9 reserved */
	rec[1] = VS_FIELD_PREP(EVT1_STAG, 0x12) | EVT1_RNW | EVT1_PNU |
		 VS_FIELD_PREP(EVT1_CLASS, EVT_CLASS_TT) | (s2 ? EVT1_S2 : 0) |
		 (stall ? EVT1_STALL : 0) | VS_BIT(60);
	rec[2] = 0x7777000;
	rec[3] = HPA | 0x8;
	vsmmu_host_route_event(h, psmmu, rec);
}

static void test_forwarding(void)
{
	static const struct ev_case cases[] = {
		/* configuration errors: StreamID (+ SubstreamID) only, no
		 * InputAddr, no access bits (a real driver rejects them) */
		{ EVT_ID_C_BAD_STE, false, false, true, R_SS, 0, 0 },
		{ EVT_ID_F_STREAM_DISABLED, false, false, true, 0, 0, 0 },
		{ EVT_ID_C_BAD_SUBSTREAMID, false, false, true, VS_FIELD_PREP(EVT0_SSID, 5), 0, 0 },
		{ EVT_ID_C_BAD_CD, false, false, true, R_SS, 0, 0 },
		{ EVT_ID_F_CD_FETCH, false, false, true, R_SS, 0, 0 },
		/* walk and translation faults: access bits and InputAddr; never
		 * STAG, Stall-only fields, the UNKNOWN IPA or a FetchAddr */
		{ EVT_ID_F_WALK_EABT, false, false, true, R_SS, R_ACC, R_IN },
		{ EVT_ID_F_TRANSLATION, false, false, true, R_SS, R_ACC, R_IN },
		{ EVT_ID_F_ADDR_SIZE, false, false, true, R_SS, R_ACC, R_IN },
		{ EVT_ID_F_ACCESS, false, false, true, R_SS, R_ACC, R_IN },
		{ EVT_ID_F_PERMISSION, false, false, true, R_SS, R_ACC, R_IN },
		/* (stage-2 faults with CLASS = TT become F_WALK_EABT: test_s2_as_s1) */
		{ EVT_ID_F_TRANSLATION, false, true, false, 0, 0, 0 },
		{ EVT_ID_F_WALK_EABT, true, false, false, 0, 0, 0 },
		{ EVT_ID_F_CD_FETCH, true, false, false, 0, 0, 0 },
		{ EVT_ID_F_STE_FETCH, false, false, false, 0, 0, 0 },
		{ EVT_ID_C_BAD_STREAMID, false, false, false, 0, 0, 0 },
		{ EVT_ID_F_UUT, false, false, false, 0, 0, 0 },
		{ EVT_ID_F_BAD_ATS_TREQ, false, false, false, 0, 0, 0 },
		{ EVT_ID_F_TRANSL_FORBIDDEN, false, false, false, 0, 0, 0 },
		{ EVT_ID_F_TLB_CONFLICT, false, false, false, 0, 0, 0 },
		{ EVT_ID_F_CFG_CONFLICT, false, false, false, 0, 0, 0 },
		{ EVT_ID_E_PAGE_REQUEST, false, false, false, 0, 0, 0 },
		{ EVT_ID_F_VMS_FETCH, false, false, false, 0, 0, 0 },
		{ 0xE0, false, false, false, 0, 0, 0 },
		{ 0xFF, false, false, false, 0, 0, 0 },
	};
	struct fake f;
	struct vsmmu_host_env he;
	struct vsmmu_host *h;
	struct vsmmu *a, *b;
	struct vsmmu_host_stats hs;
	unsigned i, written = 0, kept = 0;
	uint64_t rec[EVT_DWORDS];

	fk_init(&f);
	he = fk_host_env(&f);
	h = vsmmu_host_create(&he);
	a = new_vsmmu(&f, h, NULL);
	b = new_vsmmu(&f, h, NULL);
	g_ste(&f, 3, STE0_V, 0);
	CHECK_EQ(vsmmu_assign(a, 3, 1, 0x4321), 0);
	CHECK_EQ(vsmmu_assign(b, 3, 1, 0x4322), 0);
	CHECK_EQ(vsmmu_assign(b, 4, 1, 0x4321), -1);      /* taken by a */
	g_setup(a, ALL_EN);
	g_setup(b, 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		route(h, 1, 0x4321, cases[i].id, cases[i].s2, cases[i].stall);
		if (!cases[i].fwd) {
			kept++;
			CHECK_EQ(rd32(a, SMMU_EVENTQ_PROD), written);
			CHECK_EQ(f.last_trace[VSMMU_TRACE_HOST_EVENT].psid, 0x4321);
			continue;
		}
		CHECK_EQ(rd32(a, SMMU_EVENTQ_PROD), written + 1);
		g_evt(&f, written, rec);
		written++;
		CHECK_EQ(rec[0], VS_FIELD_PREP(EVT0_ID, cases[i].id) | VS_FIELD_PREP(EVT0_SID, 3) |
				 cases[i].dw0);
		CHECK_EQ(rec[1], cases[i].dw1);
		CHECK_EQ(rec[2], cases[i].dw2);
		CHECK_EQ(rec[3], 0);
	}
	/* other guest got nothing; unowned and out-of-range psmmu kept */
	CHECK_EQ(rd32(b, SMMU_EVENTQ_PROD), 0);
	route(h, 1, 0x9999, EVT_ID_F_TRANSLATION, false, false);
	route(h, 0, 0x4321, EVT_ID_F_TRANSLATION, false, false);
	route(h, 77, 0x4321, EVT_ID_F_TRANSLATION, false, false);
	kept += 3;
	/* b's stream: routed into b (its queue disabled: dropped there) */
	route(h, 1, 0x4322, EVT_ID_C_BAD_CD, false, false);
	vsmmu_host_phys_gerror(h, 1, (uint32_t)GERROR_SFM_ERR);
	vsmmu_host_get_stats(h, &hs);
	CHECK_EQ(hs.events_routed, written + 1);
	CHECK_EQ(hs.events_kept, kept);
	CHECK_EQ(hs.gerrors_kept, 1);
	CHECK_EQ(f.last_trace[VSMMU_TRACE_HOST_EVENT].arg, GERROR_SFM_ERR);
	CHECK_EQ(rd32(a, SMMU_GERROR), 0);
	/* after unassign the stream's events stay with the hypervisor */
	CHECK_EQ(vsmmu_unassign(a, 3), 0);
	route(h, 1, 0x4321, EVT_ID_C_BAD_CD, false, false);
	vsmmu_host_get_stats(h, &hs);
	CHECK_EQ(hs.events_kept, kept + 1);
	CHECK_EQ(rd32(a, SMMU_EVENTQ_PROD), written);
	vsmmu_destroy(a);
	vsmmu_destroy(b);
	vsmmu_host_destroy(h);
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}

static void test_flood(void)
{
	struct fake f;
	struct vsmmu_host_env he;
	struct vsmmu_host *h;
	struct vsmmu *v;
	struct vsmmu_stats st;
	size_t bytes;
	unsigned i;

	fk_init(&f);
	he = fk_host_env(&f);
	h = vsmmu_host_create(&he);
	v = new_vsmmu(&f, h, NULL);
	g_ste(&f, 1, STE0_V, 0);
	vsmmu_assign(v, 1, 0, 10);
	g_setup(v, ALL_EN);
	bytes = f.bytes;
	for (i = 0; i < 100000; i++)
		route(h, 0, i & 1 ? 10 : 11, EVT_ID_F_TRANSLATION, false, false);
	CHECK_EQ(f.bytes, bytes);
	CHECK_EQ(f.live_allocs, 3);
	vsmmu_get_stats(v, &st);
	CHECK_EQ(st.events_written, 64);                   /* queue of 64: full */
	CHECK_EQ(st.events_dropped, 50000 - 64);
	CHECK(st.max_call_work <= VSMMU_MAX_CALL_WORK);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), EVENTQ_PROD_OVFLG | 64);
	route(h, 0, 10, EVT_ID_F_TRANSLATION, false, false);
	vsmmu_destroy(v);
	vsmmu_host_destroy(h);
	fk_fini(&f);
}

static void test_table(void)
{
	struct fake f;
	struct vsmmu_host_env he;
	struct vsmmu_host *h;
	struct vsmmu *g[VSMMU_HOST_MAX_STREAMS / VSMMU_MAX_STREAMS + 1];
	unsigned i, j, n = 0;
	uint64_t rec[EVT_DWORDS];

	fk_init(&f);
	he = fk_host_env(&f);
	h = vsmmu_host_create(&he);
	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		g[i] = new_vsmmu(&f, h, NULL);
		g_setup(g[i], (uint32_t)(CR0_EVENTQEN | CR0_CMDQEN));
		wr32(g[i], SMMU_GBPA, (uint32_t)GBPA_UPDATE);
		for (j = 0; j < VSMMU_MAX_STREAMS; j++)
			if (vsmmu_assign(g[i], j, j % VSMMU_MAX_PSMMU, i * 1000 + j) == 0)
				n++;
	}
	CHECK_EQ(n, VSMMU_HOST_MAX_STREAMS);
	/* remove every other stream of guest 0..5, then check every route */
	for (i = 0; i < 6; i++)
		for (j = 0; j < VSMMU_MAX_STREAMS; j += 2)
			CHECK_EQ(vsmmu_unassign(g[i], j), 0);
	for (i = 0; i < 12; i++) {
		for (j = 0; j < VSMMU_MAX_STREAMS; j++) {
			bool owned = i >= 6 || (j & 1);
			uint32_t before = rd32(g[i], SMMU_EVENTQ_PROD);

			rec[0] = VS_FIELD_PREP(EVT0_ID, EVT_ID_C_BAD_CD) | VS_FIELD_PREP(EVT0_SID, i * 1000 + j);
			rec[1] = rec[2] = rec[3] = 0;
			vsmmu_host_route_event(h, j % VSMMU_MAX_PSMMU, rec);
			if (owned && (before & 0x3F) != 63) {
				CHECK_EQ(rd32(g[i], SMMU_EVENTQ_PROD), before + 1);
				g_evt(&f, before & 0x3F, rec);
				CHECK_EQ(VS_FIELD_GET(EVT0_SID, rec[0]), j);
			} else if (!owned) {
				CHECK_EQ(rd32(g[i], SMMU_EVENTQ_PROD), before);
			}
		}
	}
	/* freed routes can be reused */
	CHECK_EQ(vsmmu_assign(g[12], 0, 0, 12000), 0);
	for (i = 0; i < sizeof(g) / sizeof(g[0]); i++)
		vsmmu_destroy(g[i]);
	vsmmu_host_destroy(h);
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}

#ifdef VS_TEST_DEFECTS
static void test_leak_psid_bug(void)
{
	struct fake f;
	struct vsmmu_host_env he;
	struct vsmmu_host *h;
	struct vsmmu *v;
	struct vsmmu_config c;
	uint64_t rec[EVT_DWORDS];

	fk_init(&f);
	he = fk_host_env(&f);
	fk_defect("LEAK_PSID");
	h = vsmmu_host_create(&he);
	fk_defect(NULL);
	vsmmu_config_default(&c);
	v = new_vsmmu(&f, h, &c);
	g_ste(&f, 1, STE0_V, 0);
	vsmmu_assign(v, 1, 0, 10);
	g_setup(v, ALL_EN);
	route(h, 0, 10, EVT_ID_F_TRANSLATION, false, false);
	g_evt(&f, 0, rec);
	CHECK_EQ(VS_FIELD_GET(EVT0_SID, rec[0]), 10);
	vsmmu_destroy(v);
	vsmmu_host_destroy(h);
	fk_fini(&f);
}
#endif

/* vsmmu_host_phys_evtq_overflow: every guest with a stream on that
 * physical SMMU (queue enabled) sees its own OVFLG toggle, once until it
 * acknowledges; no record, no GERROR; others see nothing. */
static void test_phys_overflow(void)
{
	struct fake fa, fb, fc;
	struct vsmmu_host_env he;
	struct vsmmu_host *h;
	struct vsmmu *a, *b, *c;
	struct vsmmu_host_stats hs;

	fk_init(&fa);
	fk_init(&fb);
	fk_init(&fc);
	fb.vmids = 1;
	fc.vmids = 2;
	he = fk_host_env(&fa);
	h = vsmmu_host_create(&he);
	a = new_vsmmu(&fa, h, NULL);
	b = new_vsmmu(&fb, h, NULL);
	c = new_vsmmu(&fc, h, NULL);
	CHECK(a && b && c);
	CHECK_EQ(vsmmu_assign(a, 1, 2, 1), 0);
	CHECK_EQ(vsmmu_assign(b, 1, 3, 1), 0);
	CHECK_EQ(vsmmu_assign(c, 1, 2, 2), 0);
	g_setup(a, ALL_EN);
	g_setup(b, ALL_EN);
	g_setup(c, 0);                                   /* queue disabled */
	vsmmu_host_phys_evtq_overflow(h, 2);
	CHECK_EQ(rd32(a, SMMU_EVENTQ_PROD), EVENTQ_PROD_OVFLG);
	CHECK_EQ(rd32(b, SMMU_EVENTQ_PROD), 0);          /* no stream on psmmu 2 */
	CHECK_EQ(rd32(c, SMMU_EVENTQ_PROD), 0);          /* disabled: no overflow */
	CHECK_EQ(rd32(a, SMMU_GERROR), 0);
	vsmmu_host_phys_evtq_overflow(h, 2);             /* not acknowledged: stays */
	CHECK_EQ(rd32(a, SMMU_EVENTQ_PROD), EVENTQ_PROD_OVFLG);
	wr32(a, SMMU_EVENTQ_CONS, (uint32_t)EVENTQ_CONS_OVACKFLG);
	vsmmu_host_phys_evtq_overflow(h, 2);
	CHECK_EQ(rd32(a, SMMU_EVENTQ_PROD), 0);
	vsmmu_host_phys_evtq_overflow(h, 3);
	CHECK_EQ(rd32(b, SMMU_EVENTQ_PROD), EVENTQ_PROD_OVFLG);
	vsmmu_host_phys_evtq_overflow(h, VSMMU_MAX_PSMMU);   /* ignored */
	vsmmu_host_phys_evtq_overflow(NULL, 0);
	vsmmu_host_get_stats(h, &hs);
	CHECK_EQ(hs.evtq_overflows, 4);
	vsmmu_destroy(a);
	vsmmu_destroy(b);
	vsmmu_destroy(c);
	vsmmu_host_destroy(h);
	CHECK_EQ(fa.bytes + fb.bytes + fc.bytes, 0);
	fk_fini(&fa);
	fk_fini(&fb);
	fk_fini(&fc);
}

/* Stage-2 causes, stage-1 events (spec 7.3.10, 7.3.12): a physical stage-2
 * fault with CLASS = CD becomes F_CD_FETCH with the guest's CD address,
 * CLASS = TT F_WALK_EABT with the descriptor's IPA, CLASS = IN beyond the
 * advertised OAS F_ADDR_SIZE (S2 = 0); CLASS = IN inside the IPA space and
 * stalls stay with the hypervisor. */
static void s2rec(struct vsmmu_host *h, unsigned id, unsigned cls, uint64_t ipa, bool ssv,
		  unsigned ssid, bool stall)
{
	uint64_t rec[EVT_DWORDS];

	rec[0] = VS_FIELD_PREP(EVT0_ID, id) | VS_FIELD_PREP(EVT0_SID, 0x77) |
		 (ssv ? EVT0_SSV : 0) | VS_FIELD_PREP(EVT0_SSID, ssid);
	rec[1] = EVT1_S2 | VS_FIELD_PREP(EVT1_CLASS, cls) | EVT1_RNW | EVT1_PNU | EVT1_TTRNW |
		 VS_FIELD_PREP(EVT1_STAG, 9) | (stall ? EVT1_STALL : 0);
	rec[2] = 0x5000;
	rec[3] = ipa & EVT3_IPA;
	vsmmu_host_route_event(h, 1, rec);
}

static void test_s2_as_s1(void)
{
	struct fake f;
	struct vsmmu_host_env he;
	struct vsmmu_host *h;
	struct vsmmu *v;
	struct vsmmu_config c;
	struct vsmmu_host_stats hs;
	uint64_t rec[EVT_DWORDS];
	const uint64_t acc = EVT1_RNW | EVT1_PNU;
	unsigned n = 0;

	fk_init(&f);
	he = fk_host_env(&f);
	h = vsmmu_host_create(&he);
	vsmmu_config_default(&c);
	c.oas_bits = 40;
	v = new_vsmmu(&f, h, &c);
	/* linear CD table of 4 at IPA 0x812345000 (beyond RAM: stage 2 faults) */
	g_ste(&f, 3, UINT64_C(0x812345000) | STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S1_TRANS) |
	      VS_FIELD_PREP(STE0_S1CDMAX, 2), VS_FIELD_PREP(STE1_S1DSS, STE_S1DSS_SSID0));
	CHECK_EQ(vsmmu_assign(v, 3, 1, 0x77), 0);
	g_setup(v, ALL_EN);
	s2rec(h, EVT_ID_F_TRANSLATION, EVT_CLASS_CD, 0x812345000, true, 2, false);
	g_evt(&f, n++, rec);
	CHECK_EQ(rec[0], VS_FIELD_PREP(EVT0_ID, EVT_ID_F_CD_FETCH) | VS_FIELD_PREP(EVT0_SID, 3) |
			 EVT0_SSV | VS_FIELD_PREP(EVT0_SSID, 2));
	CHECK_EQ(rec[1], 0);                              /* F_CD_FETCH: no access fields */
	CHECK_EQ(rec[2], 0);                              /* nor InputAddr */
	CHECK_EQ(rec[3], 0x812345080);                    /* CD 2: ctxptr + 2 * 64 */
	/* without a SubstreamID (S1DSS = SSID0): CD 0; SSID zeroed */
	s2rec(h, EVT_ID_F_PERMISSION, EVT_CLASS_CD, 0x812345000, false, 7, false);
	g_evt(&f, n++, rec);
	CHECK_EQ(rec[0], VS_FIELD_PREP(EVT0_ID, EVT_ID_F_CD_FETCH) | VS_FIELD_PREP(EVT0_SID, 3));
	CHECK_EQ(rec[3], 0x812345000);
	/* a stage-1 table walk: F_WALK_EABT, FetchAddr = the descriptor's page */
	s2rec(h, EVT_ID_F_ACCESS, EVT_CLASS_TT, 0x9abcd000, false, 0, false);
	g_evt(&f, n++, rec);
	CHECK_EQ(rec[0], VS_FIELD_PREP(EVT0_ID, EVT_ID_F_WALK_EABT) | VS_FIELD_PREP(EVT0_SID, 3));
	CHECK_EQ(rec[1], acc | VS_FIELD_PREP(EVT1_CLASS, EVT_CLASS_TT));   /* S2 = 0, no TTRnW/STAG */
	CHECK_EQ(rec[2], 0x5000);
	CHECK_EQ(rec[3], 0x9abcd000);
	/* stage-1 output beyond OAS 40: F_ADDR_SIZE, S2 = 0, no IPA */
	s2rec(h, EVT_ID_F_TRANSLATION, EVT_CLASS_IN, UINT64_C(1) << 40, false, 0, false);
	g_evt(&f, n++, rec);
	CHECK_EQ(rec[0], VS_FIELD_PREP(EVT0_ID, EVT_ID_F_ADDR_SIZE) | VS_FIELD_PREP(EVT0_SID, 3));
	CHECK_EQ(rec[1], acc | VS_FIELD_PREP(EVT1_CLASS, EVT_CLASS_IN));
	CHECK_EQ(rec[2], 0x5000);
	CHECK_EQ(rec[3], 0);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), n);
	/* kept: an IPA inside the guest's space, a stall, a stage-2 walk abort */
	s2rec(h, EVT_ID_F_TRANSLATION, EVT_CLASS_IN, (UINT64_C(1) << 40) - 0x1000, false, 0, false);
	s2rec(h, EVT_ID_F_TRANSLATION, EVT_CLASS_CD, 0x812345000, false, 0, true);
	s2rec(h, EVT_ID_F_WALK_EABT, EVT_CLASS_TT, 0x9abcd000, false, 0, false);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), n);
	vsmmu_host_get_stats(h, &hs);
	CHECK_EQ(hs.events_kept, 3);
	CHECK_EQ(hs.events_routed, n);
	vsmmu_destroy(v);
	vsmmu_host_destroy(h);
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}

int main(void)
{
	test_s2_as_s1();
	test_phys_overflow();
	test_forwarding();
	test_flood();
	test_table();
#ifdef VS_TEST_DEFECTS
	test_leak_psid_bug();
#endif
	return fk_report("test_router");
}
