/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_cd.c - CD tables (linear, 2-level with 4K and 64K leaves), S1DSS and
 * substream checks, C_BAD_CD / C_BAD_STE conditions of the model.
 */
#include "tests/inject/tutil.h"

#define TABLE_IPA UINT64_C(0x40200000)   /* CD table or L1 table */
#define L2_IPA    UINT64_C(0x40300000)
#define POOL_IPA  UINT64_C(0x40400000)

/* Each CD n maps VA 0x1000 to IPA 0x40800000 + n * 0x1000 via its own tree. */
static void cd_for(struct platform *p, int g, uint64_t at, unsigned n, struct t_pt *t)
{
	uint64_t cd[CD_DWORDS];

	t_pt_init(t, p, g, 12, 25, t->pool);
	t_pt_map(t, 0x1000, 0x40800000 + (uint64_t)n * 0x1000, 3, PTE_DEF | PTE_NG);
	t_cd(cd, 12, 25, t->ttb, (uint16_t)(n + 1));
	t_write_cd(p, g, at, cd);
}

static uint64_t ipa_of(struct platform *p, int g, bool ssv, uint32_t ssid)
{
	struct plat_dma_out out;

	CHECK_EQ(t_dma_ssid(p, g, 0x1000, ssv, ssid, &out), PLAT_DMA_OK);
	return out.ipa;
}

static unsigned fault_of(struct platform *p, int g, bool ssv, uint32_t ssid)
{
	struct plat_dma_out out;
	uint64_t rec[EVT_DWORDS];
	const struct prec_fields *fmt;

	CHECK_EQ(t_dma_ssid(p, g, 0x1000, ssv, ssid, &out), PLAT_DMA_FAULT);
	CHECK(t_pop(p, rec));
	CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), out.event_id);
	/* SSV and SubstreamID only where the record's format has them
	 * (F_STREAM_DISABLED: neither; C_BAD_SUBSTREAMID: no SSV) */
	fmt = prec_fields_of(out.event_id);
	CHECK(fmt);
	CHECK_EQ(!!(rec[0] & EVT0_SSV), ssv && (fmt->dw[0] & EVT0_SSV));
	if (ssv && (fmt->dw[0] & EVT0_SSID))
		CHECK_EQ(VS_FIELD_GET(EVT0_SSID, rec[0]), ssid);
	else if (!ssv || !(fmt->dw[0] & EVT0_SSID))
		CHECK_EQ(VS_FIELD_GET(EVT0_SSID, rec[0]), 0);
	return out.event_id;
}

static void test_linear(void)
{
	uint64_t ste[STE_DWORDS];
	struct t_pt t = { .pool = POOL_IPA };
	int g;
	struct platform *p = t_world(&g);

	for (unsigned n = 0; n < 4; n++)
		cd_for(p, g, TABLE_IPA + n * CD_SIZE, n, &t);
	t_ste_nested(p, g, ste, TABLE_IPA, 2, 0, STE_S1DSS_SSID0);
	t_set_ste(p, ste);
	CHECK_EQ(ipa_of(p, g, true, 3), 0x40803000);
	CHECK_EQ(ipa_of(p, g, true, 1), 0x40801000);
	CHECK_EQ(ipa_of(p, g, false, 0), 0x40800000);     /* S1DSS=SSID0: CD 0 */
	CHECK_EQ(fault_of(p, g, true, 0), EVT_ID_F_STREAM_DISABLED);
	CHECK_EQ(fault_of(p, g, true, 4), EVT_ID_C_BAD_SUBSTREAMID);
	/* S1DSS terminate / bypass for traffic without a SubstreamID */
	ste[1] = (ste[1] & ~STE1_S1DSS) | VS_FIELD_PREP(STE1_S1DSS, STE_S1DSS_TERMINATE);
	t_set_ste(p, ste);
	CHECK_EQ(fault_of(p, g, false, 0), EVT_ID_F_STREAM_DISABLED);
	CHECK_EQ(ipa_of(p, g, true, 0), 0x40800000);      /* SSID 0 allowed */
	ste[1] = (ste[1] & ~STE1_S1DSS) | VS_FIELD_PREP(STE1_S1DSS, STE_S1DSS_BYPASS);
	t_set_ste(p, ste);
	{
		struct plat_dma_out out;

		CHECK_EQ(t_dma_ssid(p, g, 0x40900000, false, 0, &out), PLAT_DMA_OK);
		CHECK_EQ(out.ipa, 0x40900000);             /* stage 1 bypassed */
		CHECK_EQ(out.hpa, t_hpa(0x40900000));
	}
	/* S1CDMax = 0: one CD; a SubstreamID is C_BAD_SUBSTREAMID */
	t_ste_nested(p, g, ste, TABLE_IPA + 2 * CD_SIZE, 0, 0, 0);
	t_set_ste(p, ste);
	CHECK_EQ(ipa_of(p, g, false, 0), 0x40802000);
	CHECK_EQ(fault_of(p, g, true, 0), EVT_ID_C_BAD_SUBSTREAMID);
	/* S1CDMax beyond the SMMU's SSIDSIZE (8): C_BAD_STE */
	t_ste_nested(p, g, ste, TABLE_IPA, 9, 0, 0);
	t_set_ste(p, ste);
	CHECK_EQ(fault_of(p, g, true, 1), EVT_ID_C_BAD_STE);
	plat_destroy(p);
}

static void test_2lvl(unsigned fmt, unsigned l2bits)
{
	uint64_t ste[STE_DWORDS];
	struct t_pt t = { .pool = POOL_IPA };
	uint32_t ssid = (1u << l2bits) + 6;              /* L1 index 1, L2 index 6 */
	struct plat_psmmu_cfg pc = { 16, 16, 48, false };
	struct plat_range r = { T_RAM_IPA, T_RAM_SIZE };
	struct platform *p = plat_create();
	int g;

	CHECK(p && plat_add_psmmu(p, 0, &pc) == 0);
	g = plat_add_guest(p, T_VMID, &r, 1);
	CHECK(g == 0 && plat_assign(p, g, T_VSID, 0, T_PSID) == 0);

	t_w64(p, g, TABLE_IPA + 8, L2_IPA | L1CD_V);
	cd_for(p, g, L2_IPA + 6 * CD_SIZE, 6, &t);
	cd_for(p, g, L2_IPA + 7 * CD_SIZE, 7, &t);
	t_ste_nested(p, g, ste, TABLE_IPA, 12, fmt, STE_S1DSS_SSID0);
	t_set_ste(p, ste);
	CHECK_EQ(ipa_of(p, g, true, ssid), 0x40806000);
	CHECK_EQ(ipa_of(p, g, true, ssid + 1), 0x40807000);
	/* L1CD 0 is invalid: C_BAD_SUBSTREAMID */
	CHECK_EQ(fault_of(p, g, true, 6), EVT_ID_C_BAD_SUBSTREAMID);
	/* an L1 descriptor pointing outside RAM: stage-2 fault on the CD fetch */
	t_w64(p, g, TABLE_IPA + 16, UINT64_C(0x30000000) | L1CD_V);
	{
		struct plat_dma_out out;
		uint64_t rec[EVT_DWORDS];

		CHECK_EQ(t_dma_ssid(p, g, 0x1000, true, (2u << l2bits) + 1, &out), PLAT_DMA_FAULT);
		CHECK(t_pop(p, rec));
		CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), EVT_ID_F_TRANSLATION);
		CHECK_EQ(VS_FIELD_GET(EVT1_CLASS, rec[1]), EVT_CLASS_CD);
		CHECK_EQ(VS_FIELD_GET(EVT3_IPA, rec[3]) << 12, 0x30000000);
	}
	plat_destroy(p);
}

static void test_bad_cd_ste(void)
{
	uint64_t ste[STE_DWORDS], cd[CD_DWORDS];
	struct t_pt t = { .pool = POOL_IPA };
	struct plat_dma_out out;
	int g;
	struct platform *p = t_world(&g);

	cd_for(p, g, TABLE_IPA, 0, &t);
	t_ste_nested(p, g, ste, TABLE_IPA, 0, 0, 0);
	t_set_ste(p, ste);
	CHECK_EQ(ipa_of(p, g, false, 0), 0x40800000);
	CHECK(plat_guest_read(p, g, TABLE_IPA, cd, CD_SIZE) == 0);
	{
		static const uint64_t clear[] = { CD0_V, CD0_AA64 };
		static const uint64_t set[] = { CD0_ENDI, CD0_HA, CD0_S };

		for (unsigned i = 0; i < 2 + 3; i++) {
			uint64_t bad[CD_DWORDS];

			memcpy(bad, cd, sizeof(bad));
			if (i < 2)
				bad[0] &= ~clear[i];
			else
				bad[0] |= set[i - 2];
			t_write_cd(p, g, TABLE_IPA, bad);
			t_set_ste(p, ste);
			CHECK_EQ(fault_of(p, g, false, 0), EVT_ID_C_BAD_CD);
		}
		/* T0SZ out of range, reserved TG0, TTB0 beyond IPS */
		for (unsigned i = 0; i < 3; i++) {
			uint64_t bad[CD_DWORDS];

			memcpy(bad, cd, sizeof(bad));
			if (i == 0)
				bad[0] = (bad[0] & ~CD0_T0SZ) | VS_FIELD_PREP(CD0_T0SZ, 12);
			else if (i == 1)
				bad[0] |= CD0_TG0;
			else
				bad[0] = (bad[0] & ~CD0_IPS) | VS_FIELD_PREP(CD0_IPS, IDR5_OAS_32),
				bad[1] = VS_FIELD_PREP(CD1_TTB0, UINT64_C(0x100000000) >> 4);
			t_write_cd(p, g, TABLE_IPA, bad);
			t_set_ste(p, ste);
			CHECK_EQ(fault_of(p, g, false, 0), EVT_ID_C_BAD_CD);
		}
		/* EPD1 = 0 with a reserved TG1 */
		cd[0] &= ~CD0_EPD1;
		t_write_cd(p, g, TABLE_IPA, cd);
		t_set_ste(p, ste);
		CHECK_EQ(fault_of(p, g, false, 0), EVT_ID_C_BAD_CD);
	}
	/* STE: V=0 -> C_BAD_STE; Config 0 -> silent abort; illegal S2 fields */
	ste[0] &= ~STE0_V;
	t_set_ste(p, ste);
	CHECK_EQ(fault_of(p, g, false, 0), EVT_ID_C_BAD_STE);
	ste[0] = STE0_V;
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, 0x1000, false, &out), PLAT_DMA_ABORT);
	CHECK(!t_pop(p, cd));
	t_ste_nested(p, g, ste, TABLE_IPA, 0, 0, 0);
	{
		static const uint64_t bad2[] = { STE2_S2TG, STE2_S2S, STE2_S2HA, STE2_S2ENDI };

		for (unsigned i = 0; i < 4; i++) {
			uint64_t s[STE_DWORDS];

			memcpy(s, ste, sizeof(s));
			s[2] |= bad2[i];
			t_set_ste(p, s);
			CHECK_EQ(fault_of(p, g, false, 0), EVT_ID_C_BAD_STE);
		}
		memcpy(cd, ste, sizeof(cd));
		cd[2] &= ~STE2_S2AA64;                       /* VMSAv8-32 stage 2 */
		t_set_ste(p, cd);
		CHECK_EQ(fault_of(p, g, false, 0), EVT_ID_C_BAD_STE);
		memcpy(cd, ste, sizeof(cd));
		cd[2] = (cd[2] & ~STE2_S2SL0) | VS_FIELD_PREP(STE2_S2SL0, 0);   /* L2 start, 40 bits */
		t_set_ste(p, cd);
		CHECK_EQ(fault_of(p, g, false, 0), EVT_ID_C_BAD_STE);
		memcpy(cd, ste, sizeof(cd));
		cd[1] |= STE1_S1STALLD;
		t_set_ste(p, cd);
		CHECK_EQ(fault_of(p, g, false, 0), EVT_ID_C_BAD_STE);
	}
	/* Bypass passes through untranslated */
	ste[0] = STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_BYPASS);
	t_set_ste(p, ste);
	CHECK_EQ(t_dma(p, g, t_hpa(0x40800000), false, &out), PLAT_DMA_OK);
	CHECK_EQ(out.hpa, t_hpa(0x40800000));
	plat_destroy(p);
}

int main(void)
{
	test_linear();
	test_2lvl(STE_S1FMT_2LVL_4K, 6);
	test_2lvl(STE_S1FMT_2LVL_64K, 10);
	test_bad_cd_ste();
	printf("test_cd: ok\n");
	return 0;
}
