/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_errors.c - every error class of the parser gives exactly one line
 * "FILE:LINE: message (near 'TOKEN')" and leaves an empty program.
 */
#include "tests/lang/lang_test.h"

#define G "guest g vmid=1 ram=0x40000000:64K\n"

static const struct {
	const char *text;
	const char *err;
} cases[] = {
	/* lexical */
	{ "settle\nfrobnicate g\n", "t.scn:2: unknown statement 'frobnicate' (near 'frobnicate')" },
	{ "SETTLE\n", "t.scn:1: unknown statement 'SETTLE' (near 'SETTLE')" },
	{ "settle\nset\001tle\n", "t.scn:2: invalid byte 0x01 (scenarios are ASCII text) (near '\\x01')" },
	{ "settle\xc3\xa9\n", "t.scn:1: invalid byte 0xc3 (scenarios are ASCII text) (near '\\xc3')" },
	{ "# caf\xc3\xa9\n", "t.scn:1: invalid byte 0xc3 (scenarios are ASCII text) (near '\\xc3')" },
	{ G "write g CR0 18446744073709551616\n", "t.scn:2: number overflows 64 bits (near '18446744073709551616')" },
	{ G "write g CR0 0x10000000000000000 size=8\n", "t.scn:2: number overflows 64 bits (near '0x10000000000000000')" },
	{ G "write g CR0 12z\n", "t.scn:2: bad number (near '12z')" },
	{ G "write g CR0 0x\n", "t.scn:2: bad number (near '0x')" },
	{ G "write g CR0 0b102\n", "t.scn:2: bad number (near '0b102')" },
	{ G "write g CR0 4K\n", "t.scn:2: bad number (near '4K')" },
	{ "guest g vmid=1 ram=0x40000000:17179869184G\n", "t.scn:1: number overflows 64 bits (near '17179869184G')" },
	/* keys */
	{ G "read g CR0 colour=red\n", "t.scn:2: unknown key 'colour' (near 'colour=red')" },
	{ G "read g CR0 expect=1 expect=2\n", "t.scn:2: duplicate key 'expect' (near 'expect=2')" },
	{ G "poll g CR0ACK mask=1\n", "t.scn:2: missing key 'expect' (near 'poll')" },
	{ "guest g ram=0:4K\n", "t.scn:1: missing key 'vmid' (near 'guest')" },
	{ G "assign g vsid=1 psid=2\n", "t.scn:2: missing key 'psmmu' (near 'assign')" },
	{ G "read g CR0 =1\n", "t.scn:2: missing key name (near '=1')" },
	/* values that do not fit */
	{ G "write g CR0 0x100000000\n", "t.scn:2: value out of range (max 0xffffffff) (near '0x100000000')" },
	{ G "write g CR0 0x100 size=1\n", "t.scn:2: value out of range (max 0xff) (near '0x100')" },
	{ G "write g CR0 1 size=3\n", "t.scn:2: size must be 1, 2, 4 or 8 (near '3')" },
	{ G "write g 0x20000 1\n", "t.scn:2: offset outside the 128 KiB register window (near '0x20000')" },
	{ G "write g CR9 1\n", "t.scn:2: unknown register 'CR9' (near 'CR9')" },
	{ G "ste g 1 config=8\n", "t.scn:2: value does not fit STE field 'config' (max 0x7) (near '8')" },
	{ G "ste g 1 s1contextptr=0x40000020\n",
	  "t.scn:2: address not aligned to 64 bytes for field 's1contextptr' (near '0x40000020')" },
	{ G "ste g 1 s1contextptr=0x100000000000000\n", "t.scn:2: address does not fit field 's1contextptr' (near '0x100000000000000')" },
	{ G "ste g 1 v=1 raw=1\n", "t.scn:2: raw= cannot be combined with fields (near 'v=1')" },
	{ G "ste g 1 raw=1,2,3,4,5,6,7,8,9\n", "t.scn:2: raw= takes at most 8 words (near '1,2,3,4,5,6,7,8,9')" },
	{ G "ste g 0x100000000\n", "t.scn:2: value out of range (max 0xffffffff) (near '0x100000000')" },
	{ G "ste g 1 bogus=1\n", "t.scn:2: unknown key 'bogus' (near 'bogus=1')" },
	{ G "cd g 0x40000000 ttb0=0x40000008\n", "t.scn:2: address not aligned to 16 bytes for field 'ttb0' (near '0x40000008')" },
	{ G "cd g 0x4000ffc1 v=1\n", "t.scn:2: IPA range outside the guest's RAM (near '0x4000ffc1')" },
	{ G "cmd g CFGI_STE sid=1 asid=2\n", "t.scn:2: field 'asid' is not defined for this opcode (near 'asid=2')" },
	{ G "cmd g CFGI_STE leaf=2\n", "t.scn:2: value does not fit command field 'leaf' (max 0x1) (near '2')" },
	{ G "cmd g TLBI_NH_VA addr=0x1234\n", "t.scn:2: address not aligned to 4096 bytes for field 'addr' (near '0x1234')" },
	{ G "cmd g FROB\n", "t.scn:2: unknown opcode 'FROB' (near 'FROB')" },
	{ G "cmd g 0x100\n", "t.scn:2: value out of range (max 0xff) (near '0x100')" },
	{ G "cmd g SYNC raw=0x47\n", "t.scn:2: raw= opcode byte differs from the opcode (near '0x47')" },
	{ G "cmd g SYNC kick\n", "t.scn:2: unexpected argument (near 'kick')" },
	{ G "l1std g 0 span=32 l2ptr=0\n", "t.scn:2: value out of range (max 0x1f) (near '32')" },
	{ G "l1std g 0 span=1 l2ptr=0x40000001\n", "t.scn:2: address not aligned to 64 bytes (near '0x40000001')" },
	{ G "mem g 0x40000000 abc\n", "t.scn:2: odd number of hex digits (near 'abc')" },
	{ G "mem g 0x40000000 zz\n", "t.scn:2: bad hex bytes (near 'zz')" },
	{ G "mem g 0x4000ffff 0000\n", "t.scn:2: IPA range outside the guest's RAM (near '0x4000ffff')" },
	{ G "mem64 g 0x3ffffff8 1\n", "t.scn:2: IPA range outside the guest's RAM (near '0x3ffffff8')" },
	{ G "map g ttb=0 iova=0x1000 ipa=0x2000 granule=64K\n",
	  "t.scn:2: iova, ipa and size must be multiples of the granule (near 'map')" },
	{ G "map g ttb=0 iova=0 ipa=0 granule=8K\n", "t.scn:2: granule must be 4K, 16K or 64K (near '8K')" },
	{ G "map g ttb=0 iova=0 ipa=0 perm=x\n", "t.scn:2: perm must be r, w or rw (near 'x')" },
	{ G "dma g vsid=1 iova=0xffe write len=4\n", "t.scn:2: DMA crosses a 4K page boundary (near 'dma')" },
	{ G "dma g vsid=1 iova=0 write len=4097\n", "t.scn:2: value out of range (max 0x1000) (near '4097')" },
	{ G "dma g vsid=1 iova=0 fetch\n", "t.scn:2: expected read or write (near 'fetch')" },
	{ G "dma g vsid=1 iova=0 read expect=maybe\n", "t.scn:2: expect must be ok, blocked, fault or abort (near 'maybe')" },
	{ G "expect-event g F_NOPE\n", "t.scn:2: unknown event 'F_NOPE' (near 'F_NOPE')" },
	{ G "expect-irq g msi\n", "t.scn:2: unknown interrupt line (evtq, gerror, cmd_sync or priq) (near 'msi')" },
	{ G "expect-irq g\n", "t.scn:2: missing argument (near 'g')" },
	{ G "inject psmmu0 gerror NOT_A_BIT\n", "t.scn:2: unknown GERROR bit 'NOT_A_BIT' (near 'NOT_A_BIT')" },
	{ G "inject psmmu0 gerror 0x2\n", "t.scn:2: not a set of GERROR error bits (near '0x2')" },
	{ G "inject psmmu0 cmd-error SOFT\n", "t.scn:2: unknown command error 'SOFT' (near 'SOFT')" },
	{ G "inject psmmu0 explode\n", "t.scn:2: unknown inject kind (near 'explode')" },
	{ G "inject psmmu1 evtq-overflow\n", "t.scn:2: psmmu 1 is not declared (near 'psmmu1')" },
	{ G "inject psmmu4 evtq-overflow\n", "t.scn:2: value out of range (max 0x3) (near '4')" },
	{ G "inject psmmu0 event F_UUT\n", "t.scn:2: missing key 'psid' (near 'inject')" },
	{ G "inject psmmu0 event F_UUT psid=1 ipa=0x1001\n", "t.scn:2: address not aligned to 4096 bytes (near '0x1001')" },
	{ G "inject psmmu0 event F_UUT psid=1 class=xx\n", "t.scn:2: class must be cd, tt or in (near 'xx')" },
	{ G "inject g mem-abort 0x1000\n", "t.scn:2: expected IPA:SIZE (near '0x1000')" },
	{ G "inject g mem-abort 0x1000:0\n", "t.scn:2: size must not be 0 (near '0x1000:0')" },
	/* guests */
	{ "guest G1 vmid=1 ram=0:4K\n", "t.scn:1: bad guest name (near 'G1')" },
	{ "guest 1g vmid=1 ram=0:4K\n", "t.scn:1: bad guest name (near '1g')" },
	{ "guest abcdefghijklmnop vmid=1 ram=0:4K\n", "t.scn:1: bad guest name (near 'abcdefghijklmnop')" },
	{ G "kick h\n", "t.scn:2: unknown guest 'h' (near 'h')" },
	{ G "destroy g\nkick g\n", "t.scn:3: guest 'g' was destroyed (near 'g')" },
	{ G "destroy g\nguest g vmid=2 ram=0:4K\n", "t.scn:3: guest name 'g' already used (near 'g')" },
	{ G "guest h vmid=1 ram=0:4K\n", "t.scn:2: VMID 1 already used (near '1')" },
	{ "guest h vmid=0 ram=0:4K\n", "t.scn:1: VMID 0 is reserved (near '0')" },
	{ "guest h vmid=65536 ram=0:4K\n", "t.scn:1: value out of range (max 0xffff) (near '65536')" },
	{ "guest a vmid=1 ram=0:4K\nguest b vmid=2 ram=0:4K\nguest c vmid=3 ram=0:4K\nguest d vmid=4 ram=0:4K\n"
	  "guest e vmid=5 ram=0:4K\nguest f vmid=6 ram=0:4K\nguest g vmid=7 ram=0:4K\nguest h vmid=8 ram=0:4K\n"
	  "guest i vmid=9 ram=0:4K\n", "t.scn:9: too many guests (at most 8) (near 'i')" },
	{ "guest h vmid=1 ram=0x1001:4K\n", "t.scn:1: RAM ranges must be 4K aligned (near '0x1001:4K')" },
	{ "guest h vmid=1 ram=0:8K,0x1000:4K\n", "t.scn:1: RAM ranges overlap (near '0:8K,0x1000:4K')" },
	{ "guest h vmid=1 ram=0:8K:rx\n", "t.scn:1: stage-2 permission must be rw, r, w or none (near 'rx')" },
	{ "guest h vmid=1 ram=0:8K:\n", "t.scn:1: stage-2 permission must be rw, r, w or none (near '')" },
	{ "guest h vmid=1 ram=0:4G,0x100000000:4K\n", "t.scn:1: more than 4 GiB of RAM (near '0:4G,0x100000000:4K')" },
	{ "guest h vmid=1 ram=0xfffffffffffff000:8K\n", "t.scn:1: range wraps around 64 bits (near '0xfffffffffffff000:8K')" },
	{ "guest h vmid=1 ram=0:4K,1:4K,2:4K,3:4K,4:4K,5:4K,6:4K,7:4K,8:4K\n",
	  "t.scn:1: too many RAM ranges (at most 8) (near '8:4K')" },
	{ "psmmu 4\n", "t.scn:1: value out of range (max 0x3) (near '4')" },
	{ "psmmu 1\npsmmu 1\n", "t.scn:2: psmmu 1 declared twice (near '1')" },
	{ G "psmmu 1\n", "t.scn:2: psmmu must be declared before any guest (near 'psmmu')" },
	{ "psmmu 1 oas=31\n", "t.scn:1: oas must be 32..52 (near '31')" },
	{ "psmmu 1 sidsize=33\n", "t.scn:1: value out of range (max 0x20) (near '33')" },
	{ "psmmu 1\n" G "assign g vsid=1 psmmu=0 psid=1\n", "t.scn:3: psmmu 0 is not declared (near '0')" },
	/* arity */
	{ "settle now\n", "t.scn:1: unexpected argument (near 'now')" },
	{ G "write g CR0\n", "t.scn:2: missing argument (near 'CR0')" },
	{ G "poll g CR0ACK expect=0 tries=0\n", "t.scn:2: tries must be at least 1 (near '0')" },
};

int main(void)
{
	struct prog p;
	size_t i;

	prog_init(&p);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = lt_parse(cases[i].text, &p);

		CHECK(rc == -1);
		CHECK_STR(lt_err, cases[i].err);
		CHECK_EQ_U(p.nops, 0);
		CHECK(strchr(lt_err, '\n') == NULL);
	}
	/* A NUL byte in the middle (the length, not the NUL, ends the text). */
	{
		static const char t[] = "settle\nset\0tle\n";

		CHECK(scn_parse("n.scn", t, sizeof(t) - 1, &p, lt_err, sizeof(lt_err)) == -1);
		CHECK_STR(lt_err, "n.scn:2: invalid byte 0x00 (scenarios are ASCII text) (near '\\x00')");
	}
	/* A long token is cut in the message. */
	{
		char t[300];

		memset(t, 'x', sizeof(t));
		t[sizeof(t) - 1] = '\0';
		CHECK(lt_parse(t, &p) == -1);
		CHECK(strlen(lt_err) < 200);
		CHECK(strstr(lt_err, "...') ") == NULL && strstr(lt_err, "...')") != NULL);
	}
	/* A tiny error buffer is never overrun. */
	{
		char small[8];

		CHECK(scn_parse("t.scn", "nope\n", 5, &p, small, sizeof(small)) == -1);
		CHECK_STR(small, "t.scn:1");
	}
	prog_free(&p);
	return lt_done("test_errors");
}
