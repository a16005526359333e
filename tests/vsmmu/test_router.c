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
	uint64_t dw3;          /* expected dw3 when forwarded */
};

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
		{ EVT_ID_C_BAD_STE, false, false, true, 0 },
		{ EVT_ID_F_STREAM_DISABLED, false, false, true, 0 },
		{ EVT_ID_C_BAD_SUBSTREAMID, false, false, true, 0 },
		{ EVT_ID_C_BAD_CD, false, false, true, 0 },
		{ EVT_ID_F_CD_FETCH, false, false, true, 0 },
		{ EVT_ID_F_WALK_EABT, false, false, true, 0 },
		{ EVT_ID_F_TRANSLATION, false, false, true, 0 },   /* stage-1 IPA is UNKNOWN: 0 */
		{ EVT_ID_F_ADDR_SIZE, false, false, true, 0 },   /* stage-1 IPA is UNKNOWN: 0 */
		{ EVT_ID_F_ACCESS, false, false, true, 0 },   /* stage-1 IPA is UNKNOWN: 0 */
		{ EVT_ID_F_PERMISSION, false, false, true, 0 },   /* stage-1 IPA is UNKNOWN: 0 */
		{ EVT_ID_F_TRANSLATION, true, false, false, 0 },
		{ EVT_ID_F_PERMISSION, true, false, false, 0 },
		{ EVT_ID_F_TRANSLATION, false, true, false, 0 },
		{ EVT_ID_F_WALK_EABT, true, false, false, 0 },
		{ EVT_ID_F_CD_FETCH, true, false, false, 0 },
		{ EVT_ID_F_STE_FETCH, false, false, false, 0 },
		{ EVT_ID_C_BAD_STREAMID, false, false, false, 0 },
		{ EVT_ID_F_UUT, false, false, false, 0 },
		{ EVT_ID_F_BAD_ATS_TREQ, false, false, false, 0 },
		{ EVT_ID_F_TRANSL_FORBIDDEN, false, false, false, 0 },
		{ EVT_ID_F_TLB_CONFLICT, false, false, false, 0 },
		{ EVT_ID_F_CFG_CONFLICT, false, false, false, 0 },
		{ EVT_ID_E_PAGE_REQUEST, false, false, false, 0 },
		{ EVT_ID_F_VMS_FETCH, false, false, false, 0 },
		{ 0xE0, false, false, false, 0 },
		{ 0xFF, false, false, false, 0 },
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
		{
			/* Only what each record format defines (spec 7.3.x) survives:
			 * no STAG without Stall, no dw1/dw2 for configuration errors. */
			bool xlat = cases[i].id >= EVT_ID_F_TRANSLATION || cases[i].id == EVT_ID_F_WALK_EABT;
			uint64_t dw0 = VS_FIELD_PREP(EVT0_ID, cases[i].id) | VS_FIELD_PREP(EVT0_SID, 3);
			if (cases[i].id == EVT_ID_C_BAD_SUBSTREAMID)
				dw0 |= VS_FIELD_PREP(EVT0_SSID, 5);
			else
				dw0 |= EVT0_SSV | VS_FIELD_PREP(EVT0_SSID, 5);
			CHECK_EQ(rec[0], dw0);
			CHECK_EQ(rec[1], xlat ? (EVT1_RNW | EVT1_PNU | VS_FIELD_PREP(EVT1_CLASS, EVT_CLASS_TT)) : 0);
			CHECK_EQ(rec[2], xlat ? 0x7777000 : 0);
			CHECK_EQ(rec[3], cases[i].dw3);
		}
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

int main(void)
{
	test_forwarding();
	test_flood();
	test_table();
#ifdef VS_TEST_DEFECTS
	test_leak_psid_bug();
#endif
	return fk_report("test_router");
}
