/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_platform.c - world lifecycle and topology: psmmu declaration rules,
 * guest creation checks, the memory map, the stage-2 tables and template,
 * stream ownership, teardown and accounting.
 */
#include "tests/inject/tutil.h"

static void test_psmmu_rules(void)
{
	struct platform *p = plat_create();
	struct plat_psmmu_cfg bad[] = { { 0, 8, 48, false }, { 33, 8, 48, false }, { 16, 21, 48, false }, { 16, 8, 47, false },
					{ 16, 8, 56, false } };
	struct plat_psmmu_cfg ok = { 8, 4, 40, false };
	struct plat_range r = { 0x40000000, 0x100000 };

	CHECK(p);
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(plat_add_psmmu(p, 1, &bad[i]) == -1);
	CHECK(plat_add_psmmu(p, 4, &ok) == -1);
	CHECK(plat_add_psmmu(p, 1, &ok) == 0);
	CHECK(plat_add_psmmu(p, 1, &ok) == -1);
	CHECK(plat_add_psmmu(p, 3, NULL) == 0);
	CHECK(!plat_psmmu_declared(p, 0));
	CHECK_EQ(plat_psmmu_sidsize(p, 1), 8);
	CHECK_EQ(plat_psmmu_sidsize(p, 3), PLAT_DEFAULT_SIDSIZE);
	CHECK(plat_add_guest(p, 1, &r, 1) == 0);
	CHECK(plat_add_psmmu(p, 0, &ok) == -1);               /* after guests */
	CHECK(plat_assign(p, 0, 1, 0, 1) == -1);              /* undeclared */
	CHECK(plat_assign(p, 0, 1, 1, 256) == -1);            /* beyond SIDSIZE 8 */
	CHECK(plat_assign(p, 0, 1, 1, 255) == 0);
	{
		/* IPA size and PS follow the smallest OAS (40) */
		struct vsmmu_s2_template t;

		plat_guest_s2_template(p, 0, &t);
		CHECK_EQ(VS_FIELD_GET(STE2_S2T0SZ, t.ste_dw2), 24);
		CHECK_EQ(VS_FIELD_GET(STE2_S2PS, t.ste_dw2), IDR5_OAS_40);
	}
	plat_destroy(p);
	/* no psmmu: the first guest declares psmmu 0 with the defaults */
	p = plat_create();
	CHECK(plat_add_guest(p, 1, &r, 1) == 0);
	CHECK(plat_psmmu_declared(p, 0));
	CHECK_EQ(plat_psmmu_sidsize(p, 0), PLAT_DEFAULT_SIDSIZE);
	plat_destroy(p);
	/* a 32-bit OAS: 32-bit IPA, RAM must fit below 4 GiB */
	p = plat_create();
	{
		struct plat_psmmu_cfg small = { 16, 0, 32, false };
		struct plat_range big = { 0, UINT64_C(3) << 30 };
		struct plat_range hi = { UINT64_C(0x100000000), 0x1000 };

		CHECK(plat_add_psmmu(p, 0, &small) == 0);
		CHECK(plat_add_guest(p, 1, &hi, 1) == -1);
		CHECK(plat_add_guest(p, 1, &big, 1) == -1);   /* host RAM above 4 GiB */
		CHECK(plat_add_guest(p, 1, &r, 1) == 0);
	}
	plat_destroy(p);
}

static void test_guest_rules(void)
{
	struct platform *p = plat_create();
	struct plat_range r2[2] = { { 0x40000000, 0x200000 }, { 0x40100000, 0x1000 } };
	struct plat_range un = { 0x40000800, 0x1000 }, zero = { 0x40000000, 0 };
	struct plat_range huge[2] = { { 0, UINT64_C(3) << 30 }, { UINT64_C(1) << 32, UINT64_C(2) << 30 } };
	struct plat_range far = { UINT64_C(1) << 40, 0x1000 };
	struct plat_range r = { 0x40000000, 0x100000 };

	CHECK(plat_add_guest(p, 0, &r, 1) == -1);              /* VMID 0 */
	CHECK(plat_add_guest(p, 1, r2, 2) == -1);              /* overlap */
	CHECK(plat_add_guest(p, 1, &un, 1) == -1);             /* unaligned */
	CHECK(plat_add_guest(p, 1, &zero, 1) == -1);
	CHECK(plat_add_guest(p, 1, huge, 2) == -1);            /* > 4 GiB */
	CHECK(plat_add_guest(p, 1, &far, 1) == -1);            /* beyond the IPA space */
	CHECK(plat_add_guest(p, 1, &r, 0) == -1);
	CHECK(plat_add_guest(p, 1, NULL, 1) == -1);
	for (unsigned i = 0; i < PLAT_MAX_GUESTS; i++)
		CHECK(plat_add_guest(p, (uint16_t)(10 + i), &r, 1) == (int)i);
	CHECK(plat_add_guest(p, 99, &r, 1) == -1);             /* too many */
	CHECK(plat_destroy_guest(p, 3) == 0);
	CHECK(!plat_guest_alive(p, 3));
	CHECK(plat_destroy_guest(p, 3) == -1);
	CHECK(plat_add_guest(p, 12, &r, 1) == -1);             /* VMID taken */
	CHECK(plat_add_guest(p, 13, &r, 1) == 3);              /* slot reused */
	plat_destroy(p);
}

static void test_memory_and_s2(void)
{
	struct platform *p = plat_create();
	struct plat_range ra[3] = {
		{ 0x40100000, 0x400000 },                          /* pages, a block, pages */
		{ 0x80001000, 0x3000 },                            /* pages only */
		{ UINT64_C(0x8000000000) - 0x2000, 0x2000 },       /* top of 40-bit IPA space */
	};
	struct plat_range rb = { 0x40000000, 0x1000 };
	int g = plat_add_guest(p, 5, ra, 3), g2 = plat_add_guest(p, 6, &rb, 1);
	struct plat_guest *pg;
	struct vsmmu_s2_template t;
	uint64_t expect2;

	CHECK(g == 0 && g2 == 1);
	pg = p->g[g];
	/* hand-computed host addresses: bump from RAM_BASE, 2 MiB aligned plus the
	 * IPA's offset in 2 MiB, a 2 MiB hole after each range */
	CHECK_EQ(pg->ram[0].hpa, 0x80100000);
	CHECK_EQ(pg->ram[1].hpa, 0x80800000 + 0x1000);
	CHECK_EQ(pg->ram[2].hpa, 0x80c00000 + 0x1fe000);
	CHECK_EQ(p->g[g2]->ram[0].hpa, 0x81000000);
	/* the template: what I1 compares against */
	plat_guest_s2_template(p, g, &t);
	expect2 = VS_FIELD_PREP(STE2_S2VMID, 5) | VS_FIELD_PREP(STE2_S2T0SZ, 24) |
		  VS_FIELD_PREP(STE2_S2SL0, 1) | VS_FIELD_PREP(STE2_S2IR0, 1) |
		  VS_FIELD_PREP(STE2_S2OR0, 1) | VS_FIELD_PREP(STE2_S2SH0, 3) |
		  VS_FIELD_PREP(STE2_S2TG, STE_S2TG_4K) | VS_FIELD_PREP(STE2_S2PS, IDR5_OAS_48) |
		  STE2_S2AA64 | STE2_S2PTW | STE2_S2R;
	CHECK_EQ(t.ste_dw2, expect2);
	CHECK_EQ(VS_FIELD_GET(STE3_S2TTB, t.ste_dw3) << 4, HYP_S2_BASE);   /* first tables */
	CHECK_EQ((VS_FIELD_GET(STE3_S2TTB, t.ste_dw3) << 4) & 0x1fff, 0);  /* 2 concatenated pages */
	/* walk the real tables for every page of every range, and the holes */
	for (unsigned r = 0; r < 3; r++)
		for (uint64_t off = 0; off < ra[r].size; off += 0x1000) {
			struct ptw_res res;
			struct ptw_fault_info fi;

			CHECK(s2_translate(p, &pg->s2, ra[r].ipa + off + 0x18, true, &res, &fi) == 0);
			CHECK_EQ(res.oa, pg->ram[r].hpa + off + 0x18);
		}
	{
		static const uint64_t holes[] = { 0x400ff000, 0x40500000, 0x80000000, 0x80004000,
						  UINT64_C(0x8000000000) };
		struct ptw_res res;
		struct ptw_fault_info fi;

		for (unsigned i = 0; i < 5; i++) {
			CHECK(s2_translate(p, &pg->s2, holes[i], false, &res, &fi) == -1);
			CHECK_EQ(fi.kind, PTW_TRANSLATION);
		}
	}
	/* the guest CPU: in RAM only, across adjacent ranges never */
	{
		uint8_t b[16] = { 0 };

		CHECK(plat_guest_write(p, g, 0x404ffff8, b, 8) == 0);
		CHECK(plat_guest_write(p, g, 0x404ffff8, b, 16) == -1);
		CHECK(plat_guest_read(p, g, 0x80000ff8, b, 16) == -1);
		CHECK(!plat_guest_ipa_in_ram(p, g, 0x80000000, 1));
		CHECK(plat_guest_ipa_in_ram(p, g, 0x80001000, 0x3000));
		CHECK(plat_guest_read(p, 7, 0x40000000, b, 1) == -1);
	}
	/* host RAM of a destroyed guest belongs to nobody */
	CHECK_EQ(plat_hpa_owner(p, 0x81000000, 8, NULL), PLAT_OWN_GUEST);
	CHECK(plat_destroy_guest(p, g2) == 0);
	CHECK_EQ(plat_hpa_owner(p, 0x81000000, 8, NULL), PLAT_OWN_NONE);
	plat_destroy(p);
}

static void test_streams(void)
{
	struct platform *p = plat_create();
	struct plat_psmmu_cfg c = { 16, 8, 48, false };
	struct plat_range r = { 0x40000000, 0x100000 };
	uint32_t vsid = 0;
	uint64_t ste[STE_DWORDS], sent;
	struct plat_dma_req rq = { .guest = 0, .vsid = 3, .iova = 0, .len = 8 };
	struct plat_dma_out out;
	int a, b;

	CHECK(plat_add_psmmu(p, 0, &c) == 0 && plat_add_psmmu(p, 1, &c) == 0);
	a = plat_add_guest(p, 1, &r, 1);
	b = plat_add_guest(p, 2, &r, 1);
	CHECK(a == 0 && b == 1);
	CHECK(plat_assign(p, a, 3, 0, 0x103) == 0);
	CHECK(plat_assign(p, a, 4, 1, 0x103) == 0);           /* 1:N, same psid on psmmu 1 */
	CHECK(plat_assign(p, a, 3, 1, 7) == -1);              /* vsid taken */
	CHECK(plat_assign(p, b, 3, 0, 0x103) == -1);          /* stream taken */
	CHECK(plat_assign(p, b, 3, 0, 0x104) == 0);
	CHECK_EQ(plat_stream_owner(p, 0, 0x103, &vsid), a);
	CHECK_EQ(vsid, 3);
	CHECK_EQ(plat_stream_owner(p, 1, 0x103, &vsid), a);
	CHECK_EQ(vsid, 4);
	CHECK_EQ(plat_stream_owner(p, 0, 0x105, NULL), -1);
	/* assigned streams are abort in the physical table */
	CHECK(plat_psmmu_ste(p, 0, 0x103, ste));
	CHECK(ste[0] & STE0_V);
	CHECK(!(VS_FIELD_GET(STE0_CONFIG, ste[0]) & STE_CONFIG_TRANS));
	CHECK(!plat_psmmu_ste(p, 0, 0x10000, ste));
	/* blank: no page holds the range (0x103's STE is written, page 0x100-0x13f) */
	CHECK(!plat_psmmu_stes_blank(p, 0, 0x100, 64));
	CHECK(!plat_psmmu_stes_blank(p, 0, 0x103, 1));
	CHECK(!plat_psmmu_stes_blank(p, 0, 0xc0, 65));        /* ends in that page */
	CHECK(plat_psmmu_stes_blank(p, 0, 0xc0, 64));
	CHECK(plat_psmmu_stes_blank(p, 0, 0x140, 64));
	CHECK(plat_psmmu_stes_blank(p, 0, 0x10000, 64));      /* beyond the table */
	CHECK(plat_psmmu_stes_blank(p, 5, 0, 64));            /* no such psmmu */
	/* DMA requests: malformed ones are refused */
	CHECK(plat_dma(p, &rq, &out) == 0);
	CHECK_EQ(out.result, PLAT_DMA_ABORT);
	rq.len = 0;
	CHECK(plat_dma(p, &rq, &out) == -1);
	rq.len = 16;
	rq.iova = 0xff8;
	CHECK(plat_dma(p, &rq, &out) == -1);                  /* crosses a page */
	rq.iova = 0;
	rq.vsid = 9;
	CHECK(plat_dma(p, &rq, &out) == -1);
	rq.guest = 5;
	CHECK(plat_dma(p, &rq, &out) == -1);
	/* unassign and destroy give streams back */
	CHECK(plat_unassign(p, a, 3) == 0);
	CHECK(plat_unassign(p, a, 3) == -1);
	CHECK_EQ(plat_stream_owner(p, 0, 0x103, NULL), -1);
	CHECK(plat_assign(p, b, 5, 0, 0x103) == 0);
	sent = plat_test_psmmu(p, 1)->cmds_done;
	CHECK(plat_destroy_guest(p, a) == 0);
	CHECK(plat_test_psmmu(p, 1)->cmds_done > sent);       /* VMID retired */
	CHECK_EQ(plat_stream_owner(p, 1, 0x103, NULL), -1);
	CHECK_EQ(plat_guest_bytes_held(p, a), 0);
	CHECK(plat_destroy_guest(p, b) == 0);
	CHECK(plat_guest_vsmmu(p, b) == NULL);
	plat_destroy(p);
}

int main(void)
{
	test_psmmu_rules();
	test_guest_rules();
	test_memory_and_s2();
	test_streams();
	printf("test_platform: ok\n");
	return 0;
}
