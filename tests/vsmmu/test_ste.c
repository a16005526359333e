/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_ste.c - enable and global bypass (GBPA), stream tables, and guest STE
 * -> physical STE, including the related pitfalls and the planted bugs
 * S1_ONLY_STE, GUEST_S2_BITS and WRONG_PSID.
 */
#include <string.h>

#include "tests/vsmmu/fake.h"

#define ALL_EN ((uint32_t)(CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN))
#define S1_DW0 (G_CD | STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S1_TRANS))
#define S1_DW1 0xD6ull

static struct vsmmu_config dcfg;
static struct vsmmu_host *H;
static struct vsmmu_host_env HE;

static struct vsmmu *mk(struct fake *f, const char *defect)
{
	vsmmu_config_default(&dcfg);
	dcfg.s2.ste_dw3 = 0x7000000;
	fk_init(f);
	HE = fk_host_env(f);
	fk_defect(defect);
	H = vsmmu_host_create(&HE);
	fk_defect(NULL);
	return new_vsmmu(f, H, &dcfg);
}

static void done(struct fake *f, struct vsmmu *v)
{
	vsmmu_destroy(v);
	vsmmu_host_destroy(H);
	CHECK_EQ(f->bytes, 0);
	fk_fini(f);
}

/* The physical SMMU reports C_BAD_STE for a transaction on (psmmu, psid). */
static void phys_bad_ste(unsigned psmmu, uint32_t psid)
{
	uint64_t rec[EVT_DWORDS] = {
		VS_FIELD_PREP(EVT0_ID, EVT_ID_C_BAD_STE) | VS_FIELD_PREP(EVT0_SID, psid), 0, 0, 0
	};

	vsmmu_host_route_event(H, psmmu, rec);
}

static unsigned nevents(struct vsmmu *v)
{
	return rd32(v, SMMU_EVENTQ_PROD) & 0x7F;
}

static void check_s2_template(const uint64_t *p)
{
	CHECK_EQ(p[2], dcfg.s2.ste_dw2);
	CHECK_EQ(p[3], dcfg.s2.ste_dw3);
	CHECK_EQ(p[4] | p[5] | p[6] | p[7], 0);
}

static void test_enable_and_translate(void)
{
	struct fake f;
	struct vsmmu *v = mk(&f, NULL);
	const uint64_t *p;
	uint64_t rec[EVT_DWORDS];
	unsigned i;

	CHECK_EQ(vsmmu_assign(v, 1, 0, 101), 0);
	CHECK_EQ(vsmmu_assign(v, 2, 1, 102), 0);
	g_ste(&f, 1, S1_DW0 | VS_FIELD_PREP(STE0_S1CDMAX, 3) | VS_FIELD_PREP(STE0_S1FMT, 1),
	      S1_DW1 | STE1_STRW | STE1_EATS | STE1_SHCFG | STE1_MEMATTR);
	fk_w64(&f, G_STRTAB + 64 + 16, ~0ull);            /* guest dw2/dw3 garbage */
	fk_w64(&f, G_STRTAB + 64 + 24, ~0ull);
	g_ste(&f, 2, STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_BYPASS), 0);
	g_setup(v, 0);
	/* disabled: GBPA (abort by default) */
	CHECK_EQ(fk_pste(&f, 0, 101)[0], 0x1);
	fk_clear_log(&f);
	wr32(v, SMMU_CR0, ALL_EN);
	CHECK_EQ(rd32(v, SMMU_CR0ACK), ALL_EN);
	p = fk_pste(&f, 0, 101);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, p[0]), STE_CONFIG_NESTED);
	CHECK_EQ(p[0], G_CD | 0xF | VS_FIELD_PREP(STE0_S1CDMAX, 3) | VS_FIELD_PREP(STE0_S1FMT, 1));
	CHECK_EQ(p[1], S1_DW1 | STE1_MEV);                /* STRW/EATS/attrs not passed */
	check_s2_template(p);
	p = fk_pste(&f, 1, 102);
	CHECK_EQ(p[0], STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S2_TRANS));
	check_s2_template(p);
	/* each install followed by CFGI_STE(psid, leaf) + SYNC on that psmmu */
	CHECK_EQ(f.nlog, 6);
	for (i = 0; i + 2 < f.nlog; i += 3) {
		CHECK_EQ(f.log[i].kind, 'I');
		CHECK_EQ(f.log[i + 1].kind, 'C');
		CHECK_EQ(f.log[i + 1].cmd[0], cmd0(CMD_OP_CFGI_STE) | VS_FIELD_PREP(CMD0_SID, f.log[i].psid));
		CHECK_EQ(f.log[i + 1].cmd[1], CMD1_LEAF);
		CHECK_EQ(f.log[i + 1].psmmu, f.log[i].psmmu);
		CHECK_EQ(f.log[i + 2].kind, 'S');
		CHECK_EQ(f.log[i + 2].psmmu, f.log[i].psmmu);
	}
	CHECK_EQ(nevents(v), 0);

	/* after enable, STE edits take effect only through CFGI_STE */
	g_ste(&f, 1, STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_BYPASS), 0);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 101)[0]), STE_CONFIG_NESTED);
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_STE) | VS_FIELD_PREP(CMD0_SID, 1), CMD1_LEAF);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 101)[0]), STE_CONFIG_S2_TRANS);
	/* clearing SMMUEN returns to GBPA (abort) */
	wr32(v, SMMU_CR0, (uint32_t)(CR0_CMDQEN | CR0_EVENTQEN));
	CHECK_EQ(fk_pste(&f, 0, 101)[0], 0x1);
	CHECK_EQ(fk_pste(&f, 1, 102)[0], 0x1);
	/* CFGI while disabled changes nothing */
	fk_clear_log(&f);
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_STE) | VS_FIELD_PREP(CMD0_SID, 1), CMD1_LEAF);
	CHECK_EQ(fk_count(&f, 'I', -1), 0);
	/* assign while enabled: configured from its STE at once */
	wr32(v, SMMU_CR0, ALL_EN);
	g_ste(&f, 7, S1_DW0, S1_DW1);
	CHECK_EQ(vsmmu_assign(v, 7, 2, 107), 0);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 2, 107)[0]), STE_CONFIG_NESTED);
	CHECK_EQ(nevents(v), 0);
	(void)rec;
	done(&f, v);
}

struct cfg_case {
	uint64_t dw0, dw1;
	unsigned pconfig;      /* physical Config expected */
	int event;             /* expected event id, or 0 */
};

static void test_configs(void)
{
	static const struct cfg_case cases[] = {
		{ STE0_V, 0, STE_CONFIG_ABORT, 0 },
		{ STE0_V | VS_FIELD_PREP(STE0_CONFIG, 1), 0, STE_CONFIG_ABORT, 0 },  /* reserved 0b0xx */
		{ STE0_V | VS_FIELD_PREP(STE0_CONFIG, 2), 0, STE_CONFIG_ABORT, 0 },
		{ STE0_V | VS_FIELD_PREP(STE0_CONFIG, 3), 0, STE_CONFIG_ABORT, 0 },
		{ STE0_V | VS_FIELD_PREP(STE0_CONFIG, 4), 0, STE_CONFIG_S2_TRANS, 0 },
		{ S1_DW0, S1_DW1, STE_CONFIG_NESTED, 0 },
		{ STE0_V | VS_FIELD_PREP(STE0_CONFIG, 6), 0, STE_CONFIG_ABORT, EVT_ID_C_BAD_STE },
		{ STE0_V | VS_FIELD_PREP(STE0_CONFIG, 7), 0, STE_CONFIG_ABORT, EVT_ID_C_BAD_STE },
		{ S1_DW0, S1_DW1 | STE1_S1STALLD, STE_CONFIG_ABORT, EVT_ID_C_BAD_STE },
		{ S1_DW0 | VS_FIELD_PREP(STE0_S1CDMAX, 17), S1_DW1, STE_CONFIG_ABORT, EVT_ID_C_BAD_STE },
		{ S1_DW0 | VS_FIELD_PREP(STE0_S1CDMAX, 16), S1_DW1, STE_CONFIG_NESTED, 0 },
		{ S1_DW0 | (1ull << 48), S1_DW1, STE_CONFIG_ABORT, EVT_ID_C_BAD_STE },  /* ptr > OAS */
		{ ~0ull, ~0ull, STE_CONFIG_ABORT, EVT_ID_C_BAD_STE },
	};
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct fake f;
		struct vsmmu *v = mk(&f, NULL);
		const uint64_t *p;
		uint64_t rec[EVT_DWORDS];

		g_ste(&f, 5, cases[i].dw0, cases[i].dw1);
		fk_w64(&f, G_STRTAB + 5 * 64 + 16, 0xFFFF0000FFFFull);   /* guest S2 bits */
		CHECK_EQ(vsmmu_assign(v, 5, 0, 55), 0);
		g_setup(v, ALL_EN);
		p = fk_pste(&f, 0, 55);
		CHECK(p != NULL);
		if (!p)
			continue;
		CHECK_EQ(p[0] & STE0_V, STE0_V);
		CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, p[0]), cases[i].pconfig);
		if (cases[i].pconfig == STE_CONFIG_ABORT)
			CHECK_EQ(p[0] | p[1] | p[2] | p[3] | p[4] | p[5] | p[6] | p[7], 0x1);
		else
			check_s2_template(p);
		if (cases[i].event) {
			CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 1);
			g_evt(&f, 0, rec);
			CHECK_EQ(rec[0], VS_FIELD_PREP(EVT0_ID, cases[i].event) | VS_FIELD_PREP(EVT0_SID, 5));
			CHECK_EQ(rec[1] | rec[2] | rec[3], 0);
		} else {
			CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0);
		}
		done(&f, v);
	}
}

static void test_invalid_ste(void)
{
	struct fake f;
	struct vsmmu *v = mk(&f, NULL);
	uint64_t rec[EVT_DWORDS];

	g_ste(&f, 5, S1_DW0 & ~STE0_V, S1_DW1);
	vsmmu_assign(v, 5, 1, 55);
	g_setup(v, ALL_EN);
	/* V=0: physical V=0 (aborts), no event until a transaction arrives */
	CHECK_EQ(fk_pste(&f, 1, 55)[0] | fk_pste(&f, 1, 55)[1] | fk_pste(&f, 1, 55)[2], 0);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0);
	phys_bad_ste(1, 55);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 1);
	g_evt(&f, 0, rec);
	CHECK_EQ(rec[0], VS_FIELD_PREP(EVT0_ID, EVT_ID_C_BAD_STE) | VS_FIELD_PREP(EVT0_SID, 5));
	/* valid again after CFGI_STE: a C_BAD_STE from hardware is forwarded as is */
	g_ste(&f, 5, S1_DW0, S1_DW1);
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_STE) | VS_FIELD_PREP(CMD0_SID, 5), CMD1_LEAF);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 1, 55)[0]), STE_CONFIG_NESTED);
	phys_bad_ste(1, 55);
	g_evt(&f, 1, rec);
	CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), EVT_ID_C_BAD_STE);
	done(&f, v);
}

static void test_reserved_normalised(void)
{
	struct fake f;
	struct vsmmu *v = mk(&f, NULL);
	const uint64_t *p;

	/* S1Fmt 3 and S1DSS 3 are reserved (behave as 0); S1Fmt ignored with CDMax 0 */
	g_ste(&f, 1, S1_DW0 | VS_FIELD_PREP(STE0_S1FMT, 3) | VS_FIELD_PREP(STE0_S1CDMAX, 4),
	      VS_FIELD_PREP(STE1_S1DSS, 3));
	g_ste(&f, 2, S1_DW0 | VS_FIELD_PREP(STE0_S1FMT, 2), VS_FIELD_PREP(STE1_S1DSS, 1));
	vsmmu_assign(v, 1, 0, 1);
	vsmmu_assign(v, 2, 0, 2);
	g_setup(v, ALL_EN);
	p = fk_pste(&f, 0, 1);
	CHECK_EQ(VS_FIELD_GET(STE0_S1FMT, p[0]), 0);
	CHECK_EQ(VS_FIELD_GET(STE1_S1DSS, p[1]), 0);
	p = fk_pste(&f, 0, 2);
	CHECK_EQ(VS_FIELD_GET(STE0_S1FMT, p[0]), 0);
	CHECK_EQ(VS_FIELD_GET(STE1_S1DSS, p[1]), 1);
	done(&f, v);
}

static void test_linear_bad_sid_and_fetch(void)
{
	struct fake f;
	struct vsmmu *v = mk(&f, NULL);
	uint64_t rec[EVT_DWORDS];

	vsmmu_assign(v, 300, 0, 1);       /* >= 2^8 with LOG2SIZE 8 */
	vsmmu_assign(v, 4, 0, 2);
	g_ste(&f, 4, S1_DW0, S1_DW1);
	f.rd_fail_lo = G_STRTAB + 4 * 64 + 56;               /* last dword of STE 4 */
	f.rd_fail_hi = f.rd_fail_lo + 1;
	g_setup(v, ALL_EN);
	/* out of range: physical V=0, C_BAD_STREAMID once a transaction hits */
	CHECK_EQ(fk_pste(&f, 0, 1)[0], 0);
	CHECK_EQ(fk_pste(&f, 0, 2)[0], 0x1);     /* the whole 64 bytes are read */
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 1);
	g_evt(&f, 0, rec);
	CHECK_EQ(rec[0], VS_FIELD_PREP(EVT0_ID, EVT_ID_F_STE_FETCH) | VS_FIELD_PREP(EVT0_SID, 4));
	CHECK_EQ(rec[3], G_STRTAB + 4 * 64);
	phys_bad_ste(0, 1);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 2);
	g_evt(&f, 1, rec);
	CHECK_EQ(rec[0], VS_FIELD_PREP(EVT0_ID, EVT_ID_C_BAD_STREAMID) | VS_FIELD_PREP(EVT0_SID, 300));
	/* the fetch works again: CFGI_STE picks up the STE */
	f.rd_fail_lo = f.rd_fail_hi = 0;
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_STE) | VS_FIELD_PREP(CMD0_SID, 4), 0);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 2)[0]), STE_CONFIG_NESTED);
	done(&f, v);

	/* RECINVSID = 0: no C_BAD_STREAMID; huge LOG2SIZE clamped to SIDSIZE */
	v = mk(&f, NULL);
	vsmmu_assign(v, 300, 0, 1);
	g_setup(v, 0);
	wr32(v, SMMU_CR2, 0);
	wr32(v, SMMU_STRTAB_BASE_CFG, 63);
	/* clamped to 2^16 STEs: the base aligns down to the 4 MiB table size */
	fk_w64(&f, 300 * 64, S1_DW0);
	wr32(v, SMMU_CR0, ALL_EN);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 1)[0]), STE_CONFIG_NESTED);
	wr32(v, SMMU_CR0, 0);
	wr32(v, SMMU_STRTAB_BASE_CFG, 5);
	wr32(v, SMMU_CR0, ALL_EN);
	CHECK_EQ(fk_pste(&f, 0, 1)[0], 0);
	phys_bad_ste(0, 1);                     /* RECINVSID=0: not recorded */
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0);
	done(&f, v);
}

static void put_l1(struct fake *f, unsigned idx, unsigned span, uint64_t l2)
{
	fk_w64(f, G_L1 + idx * 8ull, VS_FIELD_PREP(L1STD_SPAN, span) | l2);
}

static void put_l2(struct fake *f, uint64_t l2, unsigned idx, uint64_t dw0)
{
	unsigned i;

	fk_w64(f, l2 + idx * 64ull, dw0);
	fk_w64(f, l2 + idx * 64ull + 8, S1_DW1);
	for (i = 2; i < 8; i++)
		fk_w64(f, l2 + idx * 64ull + 8 * i, 0);
}

static void test_two_level(void)
{
	struct fake f;
	struct vsmmu *v = mk(&f, NULL);
	uint64_t rec[EVT_DWORDS];
	/* SPLIT 8: vsid = l1 * 256 + l2 */
	const uint32_t ok = 0x102, span0 = 0x200, span_big = 0x300, beyond = 0x402, rsv = 0x500;

	vsmmu_assign(v, ok, 0, 1);
	vsmmu_assign(v, span0, 0, 2);
	vsmmu_assign(v, span_big, 0, 3);
	vsmmu_assign(v, beyond, 0, 4);
	vsmmu_assign(v, rsv, 0, 5);
	put_l1(&f, 1, 9, G_L2);
	put_l2(&f, G_L2, 2, S1_DW0);
	put_l1(&f, 2, 0, G_L2);
	put_l1(&f, 3, 10, G_L2);            /* > SPLIT + 1 */
	put_l1(&f, 4, 2, G_L2);             /* 2 STEs: index 2 beyond span */
	put_l1(&f, 5, 12, G_L2);            /* reserved span */
	g_setup(v, 0);
	wr32(v, SMMU_STRTAB_BASE, G_L1);
	wr32(v, SMMU_STRTAB_BASE_CFG, (uint32_t)(VS_FIELD_PREP(STRTAB_BASE_CFG_FMT, 1) |
					       VS_FIELD_PREP(STRTAB_BASE_CFG_SPLIT, 8) | 16));
	wr32(v, SMMU_CR0, ALL_EN);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 1)[0]), STE_CONFIG_NESTED);
	CHECK_EQ(fk_pste(&f, 0, 2)[0], 0);
	CHECK_EQ(fk_pste(&f, 0, 3)[0], 0);
	CHECK_EQ(fk_pste(&f, 0, 4)[0], 0);
	CHECK_EQ(fk_pste(&f, 0, 5)[0], 0);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0);
	/* pitfall: beyond Span is C_BAD_STREAMID, not C_BAD_STE */
	{
		static const uint32_t vs[] = { 0x200, 0x300, 0x402, 0x500 };
		unsigned i;

		for (i = 2; i <= 5; i++)
			phys_bad_ste(0, i);
		CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 4);
		for (i = 0; i < 4; i++) {
			g_evt(&f, i, rec);
			CHECK_EQ(rec[0], VS_FIELD_PREP(EVT0_ID, EVT_ID_C_BAD_STREAMID) |
					 VS_FIELD_PREP(EVT0_SID, vs[i]));
		}
	}
	/* L1STD fetch abort -> F_STE_FETCH with the L1STD address */
	wr32(v, SMMU_CR0, 0);
	wr32(v, SMMU_EVENTQ_PROD, 0);
	wr32(v, SMMU_EVENTQ_CONS, 0);
	f.rd_fail_lo = G_L1 + 8;
	f.rd_fail_hi = G_L1 + 16;
	wr32(v, SMMU_CR0, ALL_EN);
	CHECK_EQ(fk_pste(&f, 0, 1)[0], 1);
	g_evt(&f, 0, rec);
	CHECK_EQ(VS_FIELD_GET(EVT0_ID, rec[0]), EVT_ID_F_STE_FETCH);
	CHECK_EQ(rec[3], G_L1 + 8);
	f.rd_fail_lo = f.rd_fail_hi = 0;
	/* pitfall: SPLIT is the guest's for both indices; invalid SPLIT behaves as 6 */
	wr32(v, SMMU_CR0, 0);
	wr32(v, SMMU_STRTAB_BASE_CFG, (uint32_t)(VS_FIELD_PREP(STRTAB_BASE_CFG_FMT, 1) |
					       VS_FIELD_PREP(STRTAB_BASE_CFG_SPLIT, 7) | 16));
	memset(f.mem + G_L1, 0, 64);
	put_l1(&f, 0x102 >> 6, 7, G_L2);            /* 64 STEs */
	put_l2(&f, G_L2, 0x102 & 63, S1_DW0 | VS_FIELD_PREP(STE0_S1CDMAX, 1));
	wr32(v, SMMU_CR0, ALL_EN);
	CHECK_EQ(fk_pste(&f, 0, 1)[0] >> 59, 1);
	/* pitfall: FMT can be turned back to linear */
	wr32(v, SMMU_CR0, 0);
	wr32(v, SMMU_STRTAB_BASE, G_STRTAB);
	wr32(v, SMMU_STRTAB_BASE_CFG, 9);
	memset(f.mem + G_STRTAB + 0x102 * 64ull, 0, 64);
	fk_w64(&f, G_STRTAB + 0x102 * 64ull, STE0_V | VS_FIELD_PREP(STE0_CONFIG, 4));
	wr32(v, SMMU_CR0, ALL_EN);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 1)[0]), STE_CONFIG_S2_TRANS);
	done(&f, v);
}

#ifdef VS_TEST_DEFECTS
static void test_planted(void)
{
	struct fake f;
	struct vsmmu *v;
	const uint64_t *p;

	v = mk(&f, "S1_ONLY_STE");
	g_ste(&f, 1, S1_DW0, S1_DW1);
	vsmmu_assign(v, 1, 0, 10);
	g_setup(v, ALL_EN);
	p = fk_pste(&f, 0, 10);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, p[0]), STE_CONFIG_S1_TRANS);
	CHECK_EQ(p[2], 0);
	done(&f, v);

	v = mk(&f, "GUEST_S2_BITS");
	g_ste(&f, 1, S1_DW0, S1_DW1);
	fk_w64(&f, G_STRTAB + 64 + 16, STE2_S2VMID | STE2_S2S);
	vsmmu_assign(v, 1, 0, 10);
	g_setup(v, ALL_EN);
	p = fk_pste(&f, 0, 10);
	CHECK(p[2] != dcfg.s2.ste_dw2);
	CHECK_EQ(VS_FIELD_GET(STE2_S2VMID, p[2]), 0xFFFF);
	done(&f, v);

	v = mk(&f, "WRONG_PSID");
	vsmmu_assign(v, 1, 0, 10);
	CHECK(fk_pste(&f, 0, 11) != NULL);
	CHECK(fk_pste(&f, 0, 10) == NULL);
	done(&f, v);
}
#endif

/* Without substreams (SSIDSIZE 0 advertised) S1CDMax and S1Fmt are
 * IGNORED (spec 5.2): a large S1CDMax is not ILLEGAL, and the physical STE
 * points at one CD. */
static void test_no_substreams(void)
{
	struct fake f;
	struct vsmmu *v;
	const uint64_t *p;

	fk_init(&f);
	vsmmu_config_default(&dcfg);
	dcfg.ssidsize = 0;
	v = new_vsmmu(&f, NULL, &dcfg);
	CHECK(v != NULL);
	CHECK_EQ(VS_FIELD_GET(IDR1_SSIDSIZE, rd32(v, SMMU_IDR1)), 0);
	g_ste(&f, 1, S1_DW0 | VS_FIELD_PREP(STE0_S1CDMAX, 17) | VS_FIELD_PREP(STE0_S1FMT, 1), S1_DW1);
	CHECK_EQ(vsmmu_assign(v, 1, 0, 1), 0);
	g_setup(v, ALL_EN);
	p = fk_pste(&f, 0, 1);
	CHECK(p != NULL);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, p[0]), STE_CONFIG_NESTED);
	CHECK_EQ(VS_FIELD_GET(STE0_S1CDMAX, p[0]), 0);
	CHECK_EQ(VS_FIELD_GET(STE0_S1FMT, p[0]), 0);
	CHECK_EQ(rd32(v, SMMU_EVENTQ_PROD), 0);          /* no C_BAD_STE */
	vsmmu_destroy(v);
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}

/* STRTAB_BASE is aligned with the literal LOG2SIZE (spec 6.3.24): LOG2SIZE
 * 20 over SIDSIZE 16 aligns a linear table to 64 MiB, so base 0x40000
 * (4 KiB-aligned, what the capped size would keep) is used as 0; a
 * 2-level table with LOG2SIZE 16, SPLIT 6 aligns to its 8 KiB L1 table. */
static void test_literal_log2size(void)
{
	struct fake f;
	struct vsmmu *v;

	fk_init(&f);
	v = new_vsmmu(&f, NULL, NULL);
	g_ste(&f, 1, S1_DW0, S1_DW1);                    /* at G_STRTAB + 64 */
	fk_w64(&f, 0x40 * 1 + 0, S1_DW0);                /* the same STE at IPA 0 + 64 */
	fk_w64(&f, 0x40 * 1 + 8, S1_DW1);
	CHECK_EQ(vsmmu_assign(v, 1, 0, 1), 0);
	g_setup(v, 0);
	wr64(v, SMMU_STRTAB_BASE, 0x40000);
	wr32(v, SMMU_STRTAB_BASE_CFG, 20);
	CHECK_EQ(rd32(v, SMMU_STRTAB_BASE_CFG), 20);
	fk_w64(&f, 0x40000 + 0x40, 0);                   /* nothing valid at the raw base */
	wr32(v, SMMU_CR0, ALL_EN);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 1)[0]), STE_CONFIG_NESTED);
	/* 2-level: L1 of 2^(16-6) descriptors = 8 KiB: 0x41000 is used as 0x40000 */
	wr32(v, SMMU_CR0, 0);
	wr64(v, SMMU_STRTAB_BASE, 0x41000);
	wr32(v, SMMU_STRTAB_BASE_CFG, (uint32_t)(VS_FIELD_PREP(STRTAB_BASE_CFG_FMT, STRTAB_FMT_2LVL) |
						 VS_FIELD_PREP(STRTAB_BASE_CFG_SPLIT, 6) | 16));
	fk_w64(&f, 0x40000, VS_FIELD_PREP(L1STD_SPAN, 7) | G_L2);
	fk_w64(&f, 0x41000, 0);
	fk_w64(&f, G_L2 + 64, S1_DW0 | VS_FIELD_PREP(STE0_S1CDMAX, 1));
	fk_w64(&f, G_L2 + 72, S1_DW1);
	wr32(v, SMMU_CR0, ALL_EN);
	CHECK_EQ(VS_FIELD_GET(STE0_S1CDMAX, fk_pste(&f, 0, 1)[0]), 1);
	vsmmu_destroy(v);
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}

int main(void)
{
	test_no_substreams();
	test_literal_log2size();
	test_enable_and_translate();
	test_configs();
	test_invalid_ste();
	test_reserved_normalised();
	test_linear_bad_sid_and_fetch();
	test_two_level();
#ifdef VS_TEST_DEFECTS
	test_planted();
#endif
	return fk_report("test_ste");
}
