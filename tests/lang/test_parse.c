/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_parse.c - every statement of docs/scenario-language.md parses to the exact
 * op field values; lexical rules (numbers, suffixes, comments, case).
 */
#include "tests/lang/lang_test.h"
#include "fuzz/names.h"

static const char *const text =
	"# every statement\n"
	"psmmu 0\n"                                                         /* line 2 */
	"psmmu 1 sidsize=20 ssidsize=0b101 oas=44\n"                        /* line 3 */
	"guest vm_a vmid=0x10 ram=0x40000000:1M,0x80000000:0x2000   # two\n" /* line 4 */
	"guest b2 vmid=2 ram=0:4K\n"                                        /* line 5 */
	"assign vm_a vsid=3 psmmu=1 psid=0x103\n"                           /* line 6 */
	"unassign vm_a vsid=3\n"                                            /* line 7 */
	"write vm_a cr0 0x8\n"                                              /* line 8 */
	"write vm_a STRTAB_BASE 0x40000000\n"                               /* line 9 */
	"write vm_a 0x100a8 7 size=2\n"                                     /* line 10 */
	"read vm_a EVTQ_PROD expect=0x80000000 mask=0x80000000\n"           /* line 11 */
	"read vm_a GERROR_IRQ_CFG0\n"                                       /* line 12 */
	"poll vm_a CR0ACK expect=8\n"                                       /* line 13 */
	"poll vm_a CMDQ_CONS expect=2 mask=0xfffff tries=5\n"               /* line 14 */
	"mem vm_a 0x40000010 0b00000000000000c0\n"                          /* line 15 */
	"mem64 vm_a 0x80000000 1 0xffffffffffffffff 0b11\n"                 /* line 16 */
	"memcheck vm_a 0x40000010 0B00\n"                                   /* line 17 */
	"ste vm_a 3 v=1 config=5 s1contextptr=0x40020000 s1dss=2 s2vmid=0x10 s2ttb=0x80001000 mev=1\n" /* line 18 */
	"ste vm_a 4 raw=1,2,3,4,5,6,7,0x8000000000000000\n"                 /* line 19 */
	"l1std vm_a 2 span=9 l2ptr=0x40004000\n"                            /* line 20 */
	"cd vm_a 0x40020000 v=1 t0sz=25 tg0=0 asid=0x1234 ttb0=0x40030000 mair0=0x44ff aa64=1 ips=5\n" /* line 21 */
	"ptpool vm_a 0x40040000:64K\n"                                      /* line 22 */
	"map vm_a ttb=0x40030000 iova=0x1000 ipa=0x40050000\n"              /* line 23 */
	"map vm_a ttb=0x40030000 iova=0x10000 ipa=0x40060000 size=64K perm=r granule=16K\n" /* line 24 */
	"cmd vm_a CFGI_STE sid=3 leaf=1\n"                                  /* line 25 */
	"cmd vm_a cfgi_all nokick\n"                                        /* line 26 */
	"cmd vm_a TLBI_NH_VA vmid=1 asid=2 addr=0x12345000 num=3 scale=4 tg=1 ttl=3 leaf=1\n" /* line 27 */
	"cmd vm_a SYNC cs=1 msh=3 msiattr=0xf msidata=0x55 msiaddr=0x40000104\n" /* line 28 */
	"cmd vm_a 0x80 raw=0x1234580,0x99\n"                                /* line 29 */
	"cmd vm_a TLBI_S2_IPA vmid=7 addr=0x40000000\n"                     /* line 30 */
	"cmd vm_a RESUME sid=9 retry=1 stag=0x77\n"                         /* line 31 */
	"kick vm_a\n"                                                       /* line 32 */
	"dma vm_a vsid=3 iova=0x1000 read\n"                                /* line 33 */
	"dma vm_a vsid=3 iova=0x2ff0 write ssid=5 len=16 expect=fault ipa=0x40050000\n" /* line 34 */
	"expect-event vm_a C_BAD_STE sid=3\n"                               /* line 35 */
	"expect-event vm_a 0x10 ssid=1 addr=0x1234\n"                       /* line 36 */
	"expect-no-event vm_a\n"                                            /* line 37 */
	"expect-irq vm_a evtq\n"                                            /* line 38 */
	"expect-irq vm_a cmd_sync count=2\n"                                /* line 39 */
	"expect-no-irq vm_a\n"                                              /* line 40 */
	"expect-no-irq vm_a gerror\n"                                       /* line 41 */
	"inject psmmu1 event F_TRANSLATION psid=0x103 ssid=2 addr=0x1000 ipa=0x40001000 rnw=1 s2=1 stall=0 class=tt\n" /* line 42 */
	"inject psmmu0 event 0xe0 psid=1\n"                                 /* line 43 */
	"inject psmmu1 gerror SFM_ERR\n"                                    /* line 44 */
	"inject psmmu0 evtq-overflow\n"                                     /* line 45 */
	"inject psmmu0 cmd-error ABT count=3\n"                             /* line 46 */
	"inject psmmu1 sync-timeout\n"                                      /* line 47 */
	"inject vm_a mem-abort 0x40000000:8K count=2\n"                     /* line 48 */
	"inject vm_a mem-abort off\n"                                       /* line 49 */
	"inject alloc-fail after=4 count=2\n"                               /* line 50 */
	"inject alloc-fail\n"                                               /* line 51 */
	"settle\n"                                                          /* line 52 */
	"expect-isolation\n"                                                /* line 53 */
	"destroy b2\n"                                                      /* line 54 */
	"\t  \n"
	"write vm_a CMDQ_PROD 1";                                           /* line 56: no trailing newline */

int main(void)
{
	struct prog p;
	const struct op *o;

	prog_init(&p);
	if (lt_parse(text, &p)) {
		fprintf(stderr, "parse failed: %s\n", lt_err);
		return 1;
	}
	CHECK_EQ_U(p.nops, 54);
	if (p.nops != 54)
		return lt_done("test_parse");
	CHECK_STR(p.names[0], "vm_a");
	CHECK_STR(p.names[1], "b2");
	CHECK_STR(p.names[2], "");

	o = &p.ops[0];
	CHECK_EQ_U(o->kind, OP_PSMMU); CHECK_EQ_U(o->u.psmmu.n, 0); CHECK_EQ_U(o->has, 0);
	CHECK_EQ_U(o->u.psmmu.sidsize, 16); CHECK_EQ_U(o->u.psmmu.ssidsize, 8); CHECK_EQ_U(o->u.psmmu.oas, 48);
	CHECK_EQ_U(o->line, 2);
	o = &p.ops[1];
	CHECK_EQ_U(o->u.psmmu.n, 1); CHECK_EQ_U(o->u.psmmu.sidsize, 20); CHECK_EQ_U(o->u.psmmu.ssidsize, 5);
	CHECK_EQ_U(o->u.psmmu.oas, 44); CHECK_EQ_U(o->has, HAS_SIDSIZE | HAS_SSIDSIZE | HAS_OAS);
	o = &p.ops[2];
	CHECK_EQ_U(o->kind, OP_GUEST); CHECK_EQ_U(o->guest, 0); CHECK_EQ_U(o->u.guest.vmid, 16);
	CHECK_EQ_U(o->u.guest.nranges, 2); CHECK_EQ_U(o->u.guest.ipa[0], 0x40000000);
	CHECK_EQ_U(o->u.guest.size[0], 0x100000); CHECK_EQ_U(o->u.guest.ipa[1], 0x80000000);
	CHECK_EQ_U(o->u.guest.size[1], 0x2000);
	o = &p.ops[3];
	CHECK_EQ_U(o->guest, 1); CHECK_EQ_U(o->u.guest.vmid, 2); CHECK_EQ_U(o->u.guest.size[0], 4096);
	o = &p.ops[4];
	CHECK_EQ_U(o->kind, OP_ASSIGN); CHECK_EQ_U(o->guest, 0); CHECK_EQ_U(o->u.assign.vsid, 3);
	CHECK_EQ_U(o->u.assign.psmmu, 1); CHECK_EQ_U(o->u.assign.psid, 0x103);
	o = &p.ops[5];
	CHECK_EQ_U(o->kind, OP_UNASSIGN); CHECK_EQ_U(o->u.assign.vsid, 3);
	o = &p.ops[6];
	CHECK_EQ_U(o->kind, OP_WRITE); CHECK_EQ_U(o->u.reg.off, SMMU_CR0); CHECK_EQ_U(o->u.reg.size, 4);
	CHECK_EQ_U(o->u.reg.value, 8); CHECK_EQ_U(o->has, 0);
	o = &p.ops[7];
	CHECK_EQ_U(o->u.reg.off, SMMU_STRTAB_BASE); CHECK_EQ_U(o->u.reg.size, 8);
	o = &p.ops[8];
	CHECK_EQ_U(o->u.reg.off, 0x100a8); CHECK_EQ_U(o->u.reg.size, 2); CHECK_EQ_U(o->has, HAS_SIZE);
	CHECK_EQ_U(o->u.reg.value, 7);
	o = &p.ops[9];
	CHECK_EQ_U(o->kind, OP_READ); CHECK_EQ_U(o->u.reg.off, SMMU_EVENTQ_PROD); CHECK_EQ_U(o->u.reg.size, 4);
	CHECK_EQ_U(o->u.reg.value, 0x80000000); CHECK_EQ_U(o->u.reg.mask, 0x80000000);
	CHECK_EQ_U(o->has, HAS_EXPECT | HAS_MASK);
	o = &p.ops[10];
	CHECK_EQ_U(o->u.reg.off, SMMU_GERROR_IRQ_CFG0); CHECK_EQ_U(o->u.reg.size, 8);
	CHECK_EQ_U(o->u.reg.mask, UINT64_MAX); CHECK_EQ_U(o->has, 0);
	o = &p.ops[11];
	CHECK_EQ_U(o->kind, OP_POLL); CHECK_EQ_U(o->u.reg.off, SMMU_CR0ACK); CHECK_EQ_U(o->u.reg.tries, 1000);
	CHECK_EQ_U(o->has, HAS_EXPECT); CHECK_EQ_U(o->u.reg.value, 8);
	o = &p.ops[12];
	CHECK_EQ_U(o->u.reg.tries, 5); CHECK_EQ_U(o->u.reg.mask, 0xfffff);
	CHECK_EQ_U(o->has, HAS_EXPECT | HAS_MASK | HAS_TRIES);
	o = &p.ops[13];
	CHECK_EQ_U(o->kind, OP_MEM); CHECK_EQ_U(o->u.mem.ipa, 0x40000010); CHECK_EQ_U(o->u.mem.len, 9);
	CHECK(memcmp(p.bytes + o->u.mem.data, "\x0b\0\0\0\0\0\0\0\xc0", 9) == 0);
	o = &p.ops[14];
	CHECK_EQ_U(o->kind, OP_MEM64); CHECK_EQ_U(o->u.mem.len, 3);
	CHECK_EQ_U(p.words[o->u.mem.data], 1); CHECK_EQ_U(p.words[o->u.mem.data + 1], UINT64_MAX);
	CHECK_EQ_U(p.words[o->u.mem.data + 2], 3);
	o = &p.ops[15];
	CHECK_EQ_U(o->kind, OP_MEMCHECK); CHECK_EQ_U(o->u.mem.len, 2);
	CHECK_EQ_U(p.bytes[o->u.mem.data], 0x0b); CHECK_EQ_U(p.bytes[o->u.mem.data + 1], 0);
	o = &p.ops[16];
	CHECK_EQ_U(o->kind, OP_STE); CHECK_EQ_U(o->u.ste.sid, 3);
	CHECK_EQ_U(o->u.ste.dw[0], 1 | 5 << 1 | UINT64_C(0x40020000));
	CHECK_EQ_U(o->u.ste.dw[1], 2 | 1u << 19);
	CHECK_EQ_U(o->u.ste.dw[2], 0x10);
	CHECK_EQ_U(o->u.ste.dw[3], 0x80001000);
	CHECK_EQ_U(o->u.ste.dw[4], 0);
	o = &p.ops[17];
	CHECK_EQ_U(o->u.ste.dw[0], 1); CHECK_EQ_U(o->u.ste.dw[7], UINT64_C(0x8000000000000000));
	o = &p.ops[18];
	CHECK_EQ_U(o->kind, OP_L1STD); CHECK_EQ_U(o->u.l1std.index, 2); CHECK_EQ_U(o->u.l1std.span, 9);
	CHECK_EQ_U(o->u.l1std.l2ptr, 0x40004000);
	o = &p.ops[19];
	CHECK_EQ_U(o->kind, OP_CD); CHECK_EQ_U(o->u.cd.ipa, 0x40020000);
	CHECK_EQ_U(o->u.cd.dw[0], 25 | UINT64_C(1) << 31 | UINT64_C(0x1234) << 48 | UINT64_C(1) << 41 |
			UINT64_C(5) << 32);
	CHECK_EQ_U(o->u.cd.dw[1], 0x40030000); CHECK_EQ_U(o->u.cd.dw[3], 0x44ff);
	o = &p.ops[20];
	CHECK_EQ_U(o->kind, OP_PTPOOL); CHECK_EQ_U(o->u.ptpool.ipa, 0x40040000); CHECK_EQ_U(o->u.ptpool.size, 65536);
	o = &p.ops[21];
	CHECK_EQ_U(o->kind, OP_MAP); CHECK_EQ_U(o->u.map.ttb, 0x40030000); CHECK_EQ_U(o->u.map.iova, 0x1000);
	CHECK_EQ_U(o->u.map.ipa, 0x40050000); CHECK_EQ_U(o->u.map.size, 4096); CHECK_EQ_U(o->u.map.perm, PERM_RW);
	CHECK_EQ_U(o->u.map.granule, 4096); CHECK_EQ_U(o->has, 0);
	o = &p.ops[22];
	CHECK_EQ_U(o->u.map.size, 65536); CHECK_EQ_U(o->u.map.perm, PERM_R); CHECK_EQ_U(o->u.map.granule, 16384);
	CHECK_EQ_U(o->has, HAS_SIZE);
	o = &p.ops[23];
	CHECK_EQ_U(o->kind, OP_CMD); CHECK_EQ_U(o->u.cmd.dw[0], 3 | UINT64_C(3) << 32); CHECK_EQ_U(o->u.cmd.dw[1], 1);
	CHECK(!o->u.cmd.nokick);
	o = &p.ops[24];
	CHECK_EQ_U(o->u.cmd.dw[0], 4); CHECK_EQ_U(o->u.cmd.dw[1], 31); CHECK(o->u.cmd.nokick);
	o = &p.ops[25];
	CHECK_EQ_U(o->u.cmd.dw[0], 0x12 | UINT64_C(1) << 32 | UINT64_C(2) << 48 | 3u << 12 | 4u << 20);
	CHECK_EQ_U(o->u.cmd.dw[1], UINT64_C(0x12345000) | 1u << 10 | 3u << 8 | 1);
	o = &p.ops[26];
	CHECK_EQ_U(o->u.cmd.dw[0], 0x46 | 1u << 12 | 3u << 22 | 0xfu << 24 | UINT64_C(0x55) << 32);
	CHECK_EQ_U(o->u.cmd.dw[1], 0x40000104);
	o = &p.ops[27];
	CHECK_EQ_U(o->u.cmd.dw[0], 0x1234580); CHECK_EQ_U(o->u.cmd.dw[1], 0x99);
	o = &p.ops[28];
	CHECK_EQ_U(o->u.cmd.dw[0], 0x2a | UINT64_C(7) << 32); CHECK_EQ_U(o->u.cmd.dw[1], 0x40000000);
	o = &p.ops[29];
	CHECK_EQ_U(o->u.cmd.dw[0], 0x44 | UINT64_C(9) << 32 | 1u << 12); CHECK_EQ_U(o->u.cmd.dw[1], 0x77);
	o = &p.ops[30];
	CHECK_EQ_U(o->kind, OP_KICK); CHECK_EQ_U(o->guest, 0);
	o = &p.ops[31];
	CHECK_EQ_U(o->kind, OP_DMA); CHECK_EQ_U(o->u.dma.vsid, 3); CHECK_EQ_U(o->u.dma.iova, 0x1000);
	CHECK(!o->u.dma.write); CHECK_EQ_U(o->u.dma.len, SCN_DEFAULT_DMA_LEN); CHECK_EQ_U(o->u.dma.expect, DMA_EXPECT_ANY);
	CHECK_EQ_U(o->has, 0);
	o = &p.ops[32];
	CHECK(o->u.dma.write); CHECK_EQ_U(o->u.dma.ssid, 5); CHECK_EQ_U(o->u.dma.len, 16);
	CHECK_EQ_U(o->u.dma.expect, DMA_EXPECT_FAULT); CHECK_EQ_U(o->u.dma.ipa, 0x40050000);
	CHECK_EQ_U(o->has, HAS_SSID | HAS_LEN | HAS_EXPECT | HAS_IPA);
	o = &p.ops[33];
	CHECK_EQ_U(o->kind, OP_EXPECT_EVENT); CHECK_EQ_U(o->u.event.type, EVT_ID_C_BAD_STE);
	CHECK_EQ_U(o->u.event.sid, 3); CHECK_EQ_U(o->has, HAS_SID);
	o = &p.ops[34];
	CHECK_EQ_U(o->u.event.type, 0x10); CHECK_EQ_U(o->u.event.ssid, 1); CHECK_EQ_U(o->u.event.addr, 0x1234);
	CHECK_EQ_U(o->has, HAS_SSID | HAS_ADDR);
	CHECK_EQ_U(p.ops[35].kind, OP_EXPECT_NO_EVENT);
	o = &p.ops[36];
	CHECK_EQ_U(o->kind, OP_EXPECT_IRQ); CHECK_EQ_U(o->u.irq.line, 0); CHECK_EQ_U(o->has, 0);
	o = &p.ops[37];
	CHECK_EQ_U(o->u.irq.line, 2); CHECK_EQ_U(o->u.irq.count, 2); CHECK_EQ_U(o->has, HAS_COUNT);
	o = &p.ops[38];
	CHECK_EQ_U(o->kind, OP_EXPECT_NO_IRQ); CHECK_EQ_U(o->u.irq.line, IRQ_LINE_ALL);
	CHECK_EQ_U(p.ops[39].u.irq.line, 1);
	o = &p.ops[40];
	CHECK_EQ_U(o->kind, OP_INJ_EVENT); CHECK_EQ_U(o->u.inj_event.psmmu, 1);
	CHECK_EQ_U(o->u.inj_event.type, EVT_ID_F_TRANSLATION); CHECK_EQ_U(o->u.inj_event.psid, 0x103);
	CHECK_EQ_U(o->u.inj_event.ssid, 2); CHECK_EQ_U(o->u.inj_event.addr, 0x1000);
	CHECK_EQ_U(o->u.inj_event.ipa, 0x40001000); CHECK_EQ_U(o->u.inj_event.rnw, 1); CHECK_EQ_U(o->u.inj_event.s2, 1);
	CHECK_EQ_U(o->u.inj_event.stall, 0); CHECK_EQ_U(o->u.inj_event.cls, EVT_CLASS_TT);
	CHECK_EQ_U(o->has, HAS_SSID | HAS_ADDR | HAS_IPA | HAS_RNW | HAS_S2 | HAS_STALL | HAS_CLASS);
	o = &p.ops[41];
	CHECK_EQ_U(o->u.inj_event.type, 0xe0); CHECK_EQ_U(o->u.inj_event.psmmu, 0); CHECK_EQ_U(o->has, 0);
	o = &p.ops[42];
	CHECK_EQ_U(o->kind, OP_INJ_GERROR); CHECK_EQ_U(o->u.inj_gerror.bits, GERROR_SFM_ERR);
	CHECK_EQ_U(p.ops[43].kind, OP_INJ_EVTQ_OVERFLOW);
	o = &p.ops[44];
	CHECK_EQ_U(o->kind, OP_INJ_CMD_ERROR); CHECK_EQ_U(o->u.inj_cmd.code, CERROR_ABT);
	CHECK_EQ_U(o->u.inj_cmd.count, 3); CHECK_EQ_U(o->has, HAS_COUNT);
	o = &p.ops[45];
	CHECK_EQ_U(o->kind, OP_INJ_SYNC_TIMEOUT); CHECK_EQ_U(o->u.inj_cmd.psmmu, 1); CHECK_EQ_U(o->u.inj_cmd.count, 1);
	CHECK_EQ_U(o->has, 0);
	o = &p.ops[46];
	CHECK_EQ_U(o->kind, OP_INJ_MEM_ABORT); CHECK_EQ_U(o->u.inj_mem.ipa, 0x40000000);
	CHECK_EQ_U(o->u.inj_mem.size, 8192); CHECK_EQ_U(o->u.inj_mem.count, 2);
	CHECK_EQ_U(p.ops[47].kind, OP_INJ_MEM_ABORT_OFF);
	o = &p.ops[48];
	CHECK_EQ_U(o->kind, OP_INJ_ALLOC_FAIL); CHECK_EQ_U(o->u.inj_alloc.after, 4); CHECK_EQ_U(o->u.inj_alloc.count, 2);
	CHECK_EQ_U(o->has, HAS_AFTER | HAS_COUNT);
	o = &p.ops[49];
	CHECK_EQ_U(o->u.inj_alloc.after, 0); CHECK_EQ_U(o->u.inj_alloc.count, 1); CHECK_EQ_U(o->has, 0);
	CHECK_EQ_U(p.ops[50].kind, OP_SETTLE);
	CHECK_EQ_U(p.ops[51].kind, OP_EXPECT_ISOLATION);
	o = &p.ops[52];
	CHECK_EQ_U(o->kind, OP_DESTROY); CHECK_EQ_U(o->guest, 1); CHECK_EQ_U(o->line, 54);
	o = &p.ops[53];
	CHECK_EQ_U(o->u.reg.off, SMMU_CMDQ_PROD); CHECK_EQ_U(o->u.reg.value, 1); CHECK_EQ_U(o->line, 56);

	/* Numbers at the edges of 64 bits, suffixes, CRLF line ends. */
	CHECK(lt_parse("guest g vmid=1 ram=0x1000:4K\r\nmem64 g 0x1000 18446744073709551615 0xFFFFFFFFFFFFFFFF "
		       "0b1111111111111111111111111111111111111111111111111111111111111111\r\n", &p) == 0);
	CHECK_EQ_U(p.nops, 2);
	if (p.nops == 2) {
		CHECK_EQ_U(p.words[p.ops[1].u.mem.data], UINT64_MAX);
		CHECK_EQ_U(p.words[p.ops[1].u.mem.data + 2], UINT64_MAX);
	}
	CHECK(lt_parse("guest g vmid=1 ram=0x1000:1G,0x100000000:2G\n", &p) == 0);
	CHECK_EQ_U(p.ops[0].u.guest.size[0], UINT64_C(1) << 30);
	CHECK_EQ_U(p.ops[0].u.guest.size[1], UINT64_C(2) << 30);
	/* Stage-2 permissions of RAM ranges: rw (default), r, w, none. */
	CHECK(lt_parse("guest g vmid=1 ram=0x1000:4K:r,0x2000:4K,0x3000:4K:none,0x4000:4K:w,0x5000:8K:rw\n",
		       &p) == 0);
	CHECK_EQ_U(p.ops[0].u.guest.nranges, 5);
	CHECK_EQ_U(p.ops[0].u.guest.s2deny[0], S2DENY_W);
	CHECK_EQ_U(p.ops[0].u.guest.s2deny[1], 0);
	CHECK_EQ_U(p.ops[0].u.guest.s2deny[2], S2DENY_NONE);
	CHECK_EQ_U(p.ops[0].u.guest.s2deny[3], S2DENY_R);
	CHECK_EQ_U(p.ops[0].u.guest.s2deny[4], 0);
	CHECK_EQ_U(p.ops[0].u.guest.size[4], 0x2000);
	{
		char *t = lt_print(&p, NULL);

		CHECK(t && strstr(t, "ram=0x1000:4K:r,0x2000:4K,0x3000:4K:none,0x4000:4K:w,0x5000:8K\n") != NULL);
		free(t);
	}
	/* Transaction attributes of a dma. */
	CHECK(lt_parse("guest g vmid=1 ram=0:4K\ndma g vsid=1 iova=0 read priv=1 instr=1\n"
		       "dma g vsid=1 iova=0 write instr=1 priv=0\ndma g vsid=1 iova=0 read\n", &p) == 0);
	CHECK_EQ_U(p.ops[1].u.dma.attrs, DMA_ATTR_PRIV | DMA_ATTR_INSTR);
	CHECK_EQ_U(p.ops[2].u.dma.attrs, DMA_ATTR_INSTR);
	CHECK_EQ_U(p.ops[3].u.dma.attrs, 0);
	{
		char *t = lt_print(&p, NULL);

		CHECK(t && strstr(t, "iova=0x0 read priv=1 instr=1\n") != NULL);
		free(t);
	}
	CHECK(lt_parse("guest g vmid=1 ram=0:4K\ndma g vsid=1 iova=0 read priv=2\n", &p) != 0);
	/* A numeric offset defaults to 4 bytes even where a 64-bit register is. */
	CHECK(lt_parse("guest g vmid=1 ram=0:4K\nwrite g 0x80 1\nwrite g strtab_base 1\n", &p) == 0);
	CHECK_EQ_U(p.ops[1].u.reg.size, 4);
	CHECK_EQ_U(p.ops[2].u.reg.size, 8);
	CHECK_EQ_U(p.ops[1].u.reg.off, p.ops[2].u.reg.off);
	{
		char *t = lt_print(&p, NULL);

		CHECK(t && strstr(t, "write g 0x80 0x1\nwrite g STRTAB_BASE 0x1\n") != NULL);
		free(t);
	}
	/* Empty and comment-only files are empty programs. */
	CHECK(lt_parse("", &p) == 0 && p.nops == 0);
	CHECK(lt_parse("# nothing\n\n   # more\n", &p) == 0 && p.nops == 0);
	/* Destroyed slots are not reused; names stay. */
	CHECK(lt_parse("guest a vmid=1 ram=0:4K\ndestroy a\nguest b vmid=2 ram=0:4K\nkick b\n", &p) == 0);
	CHECK_EQ_U(p.ops[2].guest, 1);
	CHECK_EQ_U(p.ops[3].guest, 1);
	CHECK_STR(p.names[0], "a");
	prog_free(&p);
	return lt_done("test_parse");
}
