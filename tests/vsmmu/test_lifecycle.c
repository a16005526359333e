/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_lifecycle.c - create/destroy, assign/unassign (teardown installs an
 * abort STE and invalidates it), memory accounting back to baseline,
 * allocation failure at every point, and the planted bugs
 * NO_TEARDOWN_INV and LEAK_MEMORY.
 */
#include <string.h>

#include "tests/vsmmu/fake.h"

#define ALL_EN ((uint32_t)(CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN))
#define S1_DW0 (G_CD | STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S1_TRANS))

#ifdef VS_TEST_DEFECTS
static struct vsmmu *mkbug(struct fake *f, struct vsmmu_host *h, const char *defect)
{
	struct vsmmu_config c;
	struct vsmmu *v;

	vsmmu_config_default(&c);
	fk_defect(defect);
	v = new_vsmmu(f, h, &c);
	fk_defect(NULL);
	return v;
}
#endif

static void test_assign_rules(void)
{
	struct fake f;
	struct vsmmu *v;
	struct vsmmu_stats st;
	struct vsmmu_config c;
	size_t base;

	fk_init(&f);
	vsmmu_config_default(&c);
	c.sidsize = 8;
	v = new_vsmmu(&f, NULL, &c);
	vsmmu_get_stats(v, &st);
	base = st.bytes_held;
	CHECK(base > 0);
	CHECK_EQ(vsmmu_assign(v, 256, 0, 1), -1);          /* vsid >= 2^SIDSIZE */
	CHECK_EQ(vsmmu_assign(v, 1, VSMMU_MAX_PSMMU, 1), -1);
	CHECK_EQ(vsmmu_assign(v, 1, 0, 1), 0);
	CHECK_EQ(vsmmu_assign(v, 1, 1, 2), -1);            /* vsid taken */
	CHECK_EQ(vsmmu_assign(v, 2, 0, 1), -1);            /* psid taken */
	CHECK_EQ(vsmmu_assign(v, 2, 1, 1), 0);             /* same psid, other psmmu */
	CHECK_EQ(vsmmu_unassign(v, 3), -1);
	vsmmu_get_stats(v, &st);
	CHECK(st.bytes_held > base);
	CHECK_EQ(st.bytes_held, f.bytes);
	/* unassign: abort + CFGI_STE + SYNC, memory back to baseline */
	g_ste(&f, 1, S1_DW0, 0);
	g_setup(v, ALL_EN);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 1)[0]), STE_CONFIG_NESTED);
	fk_clear_log(&f);
	CHECK_EQ(vsmmu_unassign(v, 1), 0);
	CHECK_EQ(fk_pste(&f, 0, 1)[0], 0x1);
	CHECK_EQ(f.nlog, 3);
	CHECK_EQ(f.log[0].kind, 'I');
	CHECK_EQ(f.log[1].cmd[0], VS_FIELD_PREP(CMD0_OP, CMD_OP_CFGI_STE) | VS_FIELD_PREP(CMD0_SID, 1));
	CHECK_EQ(f.log[2].kind, 'S');
	CHECK_EQ(vsmmu_unassign(v, 2), 0);
	vsmmu_get_stats(v, &st);
	CHECK_EQ(st.bytes_held, base);
	CHECK_EQ(f.bytes, base);
	/* reassign after unassign works; CFGI for the old vsid is a no-op */
	CHECK_EQ(vsmmu_assign(v, 1, 0, 1), 0);
	/* destroy: every stream abort and invalidated, all memory back */
	CHECK_EQ(vsmmu_assign(v, 5, 3, 9), 0);
	fk_clear_log(&f);
	vsmmu_destroy(v);
	CHECK_EQ(fk_pste(&f, 0, 1)[0], 0x1);
	CHECK_EQ(fk_pste(&f, 3, 9)[0], 0x1);
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_CFGI_STE), 2);
	/* + the VMID retired on the three physical SMMUs it ever used (0, 1, 3) */
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_TLBI_S12_VMALL), 3);
	CHECK_EQ(fk_count(&f, 'S', -1), 5);
	CHECK_EQ(f.bytes, 0);
	CHECK_EQ(f.live_allocs, 0);
	fk_fini(&f);
}

/* vsmmu_destroy retires the guest's VMID by itself: TLBI_S12_VMALL(VMID)
 * then CMD_SYNC on every physical SMMU the guest ever had a stream on (not
 * on others), retried, fenced when it keeps failing; a host never has two
 * live vSMMUs with one VMID, and the VMID is free again after destroy. */
static void test_vmid_retire(void)
{
	struct fake f;
	struct vsmmu_host_env he;
	struct vsmmu_host *h;
	struct vsmmu *v, *w;
	struct vsmmu_config c;
	uint64_t want = VS_FIELD_PREP(CMD0_OP, CMD_OP_TLBI_S12_VMALL) | VS_FIELD_PREP(CMD0_VMID, 7);
	unsigned i, n;

	fk_init(&f);
	he = fk_host_env(&f);
	h = vsmmu_host_create(&he);
	vsmmu_config_default(&c);
	VS_FIELD_SET(c.s2.ste_dw2, STE2_S2VMID, 7);
	v = new_vsmmu(&f, h, &c);
	CHECK(v != NULL);
	CHECK(new_vsmmu(&f, h, &c) == NULL);            /* VMID 7 is taken */
	CHECK_EQ(vsmmu_assign(v, 1, 0, 1), 0);
	CHECK_EQ(vsmmu_assign(v, 2, 2, 5), 0);
	CHECK_EQ(vsmmu_unassign(v, 2), 0);              /* psmmu 2 was used all the same */
	fk_clear_log(&f);
	vsmmu_destroy(v);
	for (i = 0, n = 0; i < f.nlog; i++) {
		if (f.log[i].kind != 'C' || f.log[i].cmd[0] != want)
			continue;
		n++;
		CHECK(f.log[i].psmmu == 0 || f.log[i].psmmu == 2);
		CHECK(i + 1 < f.nlog && f.log[i + 1].kind == 'S' && f.log[i + 1].psmmu == f.log[i].psmmu);
	}
	CHECK_EQ(n, 2);
	CHECK_EQ(f.fences[0] + f.fences[2], 0);
	/* the VMID is free again; a wedged SMMU: 3 tries, then fenced */
	w = new_vsmmu(&f, h, &c);
	CHECK(w != NULL);
	CHECK_EQ(vsmmu_assign(w, 1, 1, 1), 0);
	f.sync_status[1] = VSMMU_PHYS_TIMEOUT;
	fk_clear_log(&f);
	vsmmu_destroy(w);
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_TLBI_S12_VMALL), 3);
	CHECK_EQ(f.fences[1], 2);                       /* teardown, then retirement */
	f.sync_status[1] = VSMMU_PHYS_OK;
	/* a physical failure of the retirement reported through the host
	 * counts as failed too: retried */
	v = new_vsmmu(&f, h, &c);
	CHECK_EQ(vsmmu_assign(v, 1, 3, 1), 0);
	vsmmu_unassign(v, 1);
	f.report_to = h;
	f.late_fail[3] = 2;                             /* two S12_VMALLs fail late */
	fk_clear_log(&f);
	vsmmu_destroy(v);
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_TLBI_S12_VMALL), 3);
	CHECK_EQ(f.fences[3], 0);                       /* the third try made it */
	v = new_vsmmu(&f, h, &c);
	CHECK_EQ(vsmmu_assign(v, 1, 3, 1), 0);
	vsmmu_unassign(v, 1);
	f.late_fail[3] = 3;
	vsmmu_destroy(v);
	CHECK_EQ(f.fences[3], 1);
	vsmmu_host_destroy(h);
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}

static void test_teardown_sync_retry(void)
{
	struct fake f;
	struct vsmmu *v;

	fk_init(&f);
	v = new_vsmmu(&f, NULL, NULL);
	vsmmu_assign(v, 1, 2, 1);
	vsmmu_assign(v, 2, 2, 2);
	/* two timeouts: teardown retries install + CFGI + sync and succeeds */
	f.sync_timeouts[2] = 2;
	fk_clear_log(&f);
	CHECK_EQ(vsmmu_unassign(v, 1), 0);
	CHECK_EQ(fk_count(&f, 'S', -1), 3);
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_CFGI_STE), 3);
	CHECK_EQ(f.log[f.nlog - 1].kind, 'S');
	CHECK_EQ(f.traces[VSMMU_TRACE_PHYS_FAIL], 2);
	CHECK_EQ(f.traces[VSMMU_TRACE_LOG], 0);
	CHECK_EQ(f.fences[2], 0);           /* recovered: no fence */
	/* a wedged SMMU: bounded retries, then logged and fenced (the cached
	 * STE could not be invalidated); the stream still goes */
	f.sync_status[2] = VSMMU_PHYS_TIMEOUT;
	fk_clear_log(&f);
	CHECK_EQ(vsmmu_unassign(v, 2), 0);
	CHECK_EQ(fk_count(&f, 'S', -1), 3);
	CHECK_EQ(f.traces[VSMMU_TRACE_LOG], 1);
	CHECK_EQ(f.fences[2], 1);
	CHECK_EQ(f.fences[0] + f.fences[1] + f.fences[3], 0);
	CHECK_EQ(fk_pste(&f, 2, 2)[0], 0x1);
	vsmmu_destroy(v);
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}

/* Register-triggered reconfiguration retries; a wedged SMMU leaves the
 * stream fail-closed until a CFGI retries it. */
static void test_register_retry(void)
{
	struct fake f;
	struct vsmmu *v;

	fk_init(&f);
	v = new_vsmmu(&f, NULL, NULL);
	g_ste(&f, 1, G_CD | STE0_V | VS_FIELD_PREP(STE0_CONFIG, STE_CONFIG_S1_TRANS), 0);
	vsmmu_assign(v, 1, 0, 1);
	g_setup(v, 0);
	f.sync_timeouts[0] = 1;
	fk_clear_log(&f);
	wr32(v, SMMU_CR0, ALL_EN);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 1)[0]), STE_CONFIG_NESTED);
	CHECK_EQ(fk_count(&f, 'I', -1), 2);
	CHECK_EQ(f.traces[VSMMU_TRACE_PHYS_FAIL], 1);
	/* wedged: fail-closed after the retries, then a CFGI_STE recovers it */
	wr32(v, SMMU_CR0, 0);
	f.install_status[0] = VSMMU_PHYS_FAIL;
	wr32(v, SMMU_CR0, ALL_EN);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 1)[0]), STE_CONFIG_ABORT);
	f.install_status[0] = VSMMU_PHYS_OK;
	g_cmd(v, &f, VS_FIELD_PREP(CMD0_OP, CMD_OP_CFGI_STE) | VS_FIELD_PREP(CMD0_SID, 1), CMD1_LEAF);
	CHECK_EQ(VS_FIELD_GET(STE0_CONFIG, fk_pste(&f, 0, 1)[0]), STE_CONFIG_NESTED);
	CHECK_EQ(rd32(v, SMMU_GERROR), 0);
	vsmmu_destroy(v);
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}

#ifdef VS_TEST_DEFECTS
static void test_teardown_bugs(void)
{
	struct fake f;
	struct vsmmu *v;
	struct vsmmu_stats st;
	size_t base;

	/* VMID_NOT_RETIRED: destroy sends no TLBI_S12_VMALL */
	fk_init(&f);
	v = mkbug(&f, NULL, "VMID_NOT_RETIRED");
	vsmmu_assign(v, 1, 0, 1);
	fk_clear_log(&f);
	vsmmu_destroy(v);
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_TLBI_S12_VMALL), 0);
	CHECK_EQ(fk_count(&f, 'C', CMD_OP_CFGI_STE), 1);
	fk_fini(&f);

	fk_init(&f);
	v = mkbug(&f, NULL, "NO_TEARDOWN_INV");
	vsmmu_assign(v, 1, 0, 1);
	fk_clear_log(&f);
	vsmmu_unassign(v, 1);
	CHECK_EQ(fk_pste(&f, 0, 1)[0], 0x1);
	CHECK_EQ(fk_count(&f, 'C', -1), 0);
	vsmmu_destroy(v);

	v = mkbug(&f, NULL, "LEAK_MEMORY");
	vsmmu_get_stats(v, &st);
	base = st.bytes_held;
	vsmmu_assign(v, 1, 0, 1);
	vsmmu_unassign(v, 1);
	vsmmu_get_stats(v, &st);
	CHECK(st.bytes_held > base);
	vsmmu_destroy(v);          /* the planted leak is still reclaimed at destroy */
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}
#endif

/* Fail the k-th allocation of a scenario, for every k. */
static void test_alloc_failures(void)
{
	long k;
	unsigned completed = 0;

	for (k = 0; k < 12; k++) {
		struct fake f;
		struct vsmmu_host_env he;
		struct vsmmu_host *h;
		struct vsmmu *v = NULL;
		unsigned i, ok = 0;

		fk_init(&f);
		f.alloc_countdown = k;
		he = fk_host_env(&f);
		h = vsmmu_host_create(&he);
		if (h)
			v = new_vsmmu(&f, h, NULL);
		if (v) {
			g_setup(v, ALL_EN);
			for (i = 0; i < 4; i++)
				ok += vsmmu_assign(v, i, 0, i) == 0;
			/* a failed assign leaves the vsid and psid free */
			f.alloc_countdown = -1;
			for (i = 0; i < 4; i++)
				if (vsmmu_assign(v, i, 0, i) == 0)
					ok++;
			CHECK_EQ(ok, 4);
			if (ok == 4)
				completed++;
			vsmmu_destroy(v);
		}
		vsmmu_host_destroy(h);
		CHECK_EQ(f.bytes, 0);
		CHECK_EQ(f.live_allocs, 0);
		fk_fini(&f);
	}
	CHECK(completed >= 6);
}

static void test_create_args(void)
{
	struct fake f;
	struct vsmmu_env e;
	struct vsmmu_config c;
	struct vsmmu_host_env he;

	fk_init(&f);
	vsmmu_config_default(&c);
	e = fk_env(&f);
	e.send_cmd = NULL;
	CHECK(vsmmu_create(NULL, &c, &e) == NULL);
	CHECK(vsmmu_create(NULL, NULL, &e) == NULL);
	CHECK(vsmmu_create(NULL, &c, NULL) == NULL);
	he = fk_host_env(&f);
	he.alloc = NULL;
	CHECK(vsmmu_host_create(&he) == NULL);
	vsmmu_destroy(NULL);
	vsmmu_host_destroy(NULL);
	/* env.trace and env.raise_irq may be NULL */
	e = fk_env(&f);
	e.trace = NULL;
	e.raise_irq = NULL;
	{
		struct vsmmu *v = vsmmu_create(NULL, &c, &e);

		CHECK(v != NULL);
		g_setup(v, ALL_EN);
		g_cmd(v, &f, VS_FIELD_PREP(CMD0_OP, 0xFF), 0);
		CHECK_EQ(rd32(v, SMMU_GERROR), GERROR_CMDQ_ERR);
		vsmmu_destroy(v);
	}
	CHECK_EQ(f.bytes, 0);
	fk_fini(&f);
}

int main(void)
{
	test_assign_rules();
	test_vmid_retire();
	test_teardown_sync_retry();
	test_register_retry();
#ifdef VS_TEST_DEFECTS
	test_teardown_bugs();
#endif
	test_alloc_failures();
	test_create_args();
	return fk_report("test_lifecycle");
}
