/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_detect_defects.c - the defects `make detect` plants (docs/detect.md)
 * do what vsmmu/defect.h says, seen at libvsmmu's own interface over the
 * fake environment: each case runs once without the defect (the correct
 * behaviour) and once with it (the mistake). Built only over the test
 * variant of the library (tests/vsmmu.mk); the oracle self-tests in
 * tests/oracle/ show that the oracle catches each one.
 */
#include <string.h>

#include "tests/vsmmu/fake.h"

#define ALL_EN ((uint32_t)(CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN))
#define S1_DW0 (G_CD | STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S1_TRANS))
#define SID(x) VS_FIELD_PREP(CMD0_SID, (x))
#define ASID(x) VS_FIELD_PREP(CMD0_ASID, (x))
#define GUEST_VMID 1u   /* vsmmu_config_default's S2VMID */

/* A host-less vSMMU with the fake's defaults, planting defect. */
static struct vsmmu *mk(struct fake *f, const char *defect)
{
	return fk_new_planted(f, defect);
}

/* Two streams (vSIDs 2, 3 -> psmmu 0, pSIDs 0x20, 0x21), everything on. */
static void setup2(struct vsmmu *v, struct fake *f)
{
	g_ste(f, 2, S1_DW0, 0);
	g_ste(f, 3, S1_DW0, 0);
	CHECK_EQ(vsmmu_assign(v, 2, 0, 0x20), 0);
	CHECK_EQ(vsmmu_assign(v, 3, 0, 0x21), 0);
	g_setup(v, ALL_EN);
	fk_clear_log(f);
}

static bool cmdq_err(struct vsmmu *v)
{
	return ((rd32(v, SMMU_GERROR) ^ rd32(v, SMMU_GERRORN)) & GERROR_CMDQ_ERR) != 0;
}

/* The first physical command of opcode op in the log, or NULL. */
static const struct fk_op *first_cmd(const struct fake *f, unsigned op)
{
	for (unsigned i = 0; i < f->nlog; i++)
		if (f->log[i].kind == 'C' && VS_FIELD_GET(CMD0_OP, f->log[i].cmd[0]) == op)
			return &f->log[i];
	return NULL;
}

static void tlbi_asid_unscoped(const char *defect)
{
	struct fake f;
	struct vsmmu *v = mk(&f, defect);
	const struct fk_op *c;

	setup2(v, &f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_ASID) | ASID(7), 0);
	c = first_cmd(&f, CMD_OP_TLBI_NH_ASID);
	CHECK(c != NULL);
	if (c) {
		CHECK_EQ(VS_FIELD_GET(CMD0_ASID, c->cmd[0]), 7);
		CHECK_EQ(VS_FIELD_GET(CMD0_VMID, c->cmd[0]), defect ? 0 : GUEST_VMID);
	}
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void nsnh_all_passthrough(const char *defect)
{
	struct fake f;
	struct vsmmu *v = mk(&f, defect);

	setup2(v, &f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NSNH_ALL), 0);
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_TLBI_NSNH_ALL), defect ? 1 : 0);
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_TLBI_NH_ALL), defect ? 0 : 1);
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void cfgi_range_passthrough(const char *defect)
{
	struct fake f;
	struct vsmmu *v = mk(&f, defect);
	const struct fk_op *c;

	setup2(v, &f);
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_STE_RANGE) | SID(0), 2);   /* vSIDs 0-7 */
	CHECK(!cmdq_err(v));
	CHECK_EQ(fk_count(&f, 'I', -1), 2);                      /* both re-read */
	c = first_cmd(&f, CMD_OP_CFGI_STE_RANGE);
	CHECK_EQ(c != NULL, defect != NULL);
	if (c && defect) {
		CHECK_EQ(VS_FIELD_GET(CMD1_RANGE, c->cmd[1]), 2);   /* 0x20-0x27 */
		CHECK_EQ(VS_FIELD_GET(CMD0_SID, c->cmd[0]), 0x20);
	}
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void sync_timeout_as_done(const char *defect)
{
	struct fake f;
	struct vsmmu *v = mk(&f, defect);

	setup2(v, &f);
	g_cmd(v, &f, cmd0(CMD_OP_TLBI_NH_ASID) | ASID(1), 0);
	f.sync_status[0] = VSMMU_PHYS_TIMEOUT;
	g_cmd(v, &f, cmd0(CMD_OP_SYNC), 0);
	CHECK_EQ(cmdq_err(v), defect == NULL);
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void shift_guest_32(const char *defect)
{
	struct fake f;
	struct vsmmu *v = mk(&f, defect);

	setup2(v, &f);
	/* Range 30 covers vSIDs 0..2^31-1 in both variants; Range 31 (every
	 * StreamID) would be the defect's undefined shift, which UBSan turns
	 * into a crash (tests/detect-crash.sh), so it is not run here. */
	g_cmd(v, &f, cmd0(CMD_OP_CFGI_STE_RANGE) | SID(0), 30);
	CHECK(!cmdq_err(v));
	CHECK_EQ(fk_count(&f, 'I', -1), 2);
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void cmdq_cons_stale_mask(const char *defect)
{
	struct fake f;
	struct vsmmu *v = mk(&f, defect);

	wr64(v, SMMU_CMDQ_BASE, G_CMDQ | 5);                     /* 32 entries */
	wr32(v, SMMU_CMDQ_CONS, 0x3f);
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS) & 0xfffff, 0x3f);
	wr64(v, SMMU_CMDQ_BASE, G_CMDQ | 1);                     /* 2 entries */
	CHECK_EQ(rd32(v, SMMU_CMDQ_CONS) & 0xfffff, defect ? 0x3f : 0x3);
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void gbpa_bypass_no_s2(const char *defect)
{
	struct fake f;
	struct vsmmu *v = mk(&f, defect);
	const uint64_t *p;

	CHECK_EQ(vsmmu_assign(v, 2, 0, 0x20), 0);
	wr32(v, SMMU_GBPA, (uint32_t)GBPA_UPDATE);                /* bypass, SMMUEN=0 */
	p = fk_pste(&f, 0, 0x20);
	CHECK(p != NULL);
	if (p) {
		CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, p[0]),
			 defect ? STE_CONFIG_BYPASS : STE_CONFIG_S2_TRANS);
		struct vsmmu_config d;

		vsmmu_config_default(&d);
		CHECK_EQ(p[2], defect ? 0 : d.s2.ste_dw2);
	}
	vsmmu_destroy(v);
	fk_fini(&f);
}

static void shadow_strtab_alloc(const char *defect)
{
	struct fake f;
	struct vsmmu *v = mk(&f, defect);
	struct vsmmu_stats st;
	size_t before;

	g_setup(v, 0);
	wr32(v, SMMU_STRTAB_BASE_CFG, 12);                       /* linear, 4096 STEs */
	vsmmu_get_stats(v, &st);
	before = st.bytes_held;
	wr32(v, SMMU_CR0, ALL_EN);
	vsmmu_get_stats(v, &st);
	CHECK_EQ(st.bytes_held - before, defect ? (size_t)STE_SIZE << 12 : 0);
	vsmmu_destroy(v);
	CHECK_EQ(f.live_allocs, 0);                              /* freed at destroy */
	fk_fini(&f);
}

int main(void)
{
	static void (*const cases[])(const char *) = {
		tlbi_asid_unscoped, nsnh_all_passthrough, cfgi_range_passthrough,
		sync_timeout_as_done, shift_guest_32, cmdq_cons_stale_mask, gbpa_bypass_no_s2,
		shadow_strtab_alloc,
	};
	static const char *const names[] = {
		"TLBI_ASID_UNSCOPED", "NSNH_ALL_PASSTHROUGH", "CFGI_RANGE_PASSTHROUGH",
		"SYNC_TIMEOUT_AS_DONE", "SHIFT_GUEST_32", "CMDQ_CONS_STALE_MASK", "GBPA_BYPASS_NO_S2",
		"SHADOW_STRTAB_ALLOC",
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cases[i](NULL);
		cases[i](names[i]);
	}
	return fk_report("test_detect_defects");
}
