/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_roundtrip.c - the two encodings are one model:
 *   text -> ops -> text -> ops        (prog_equal, and the text is stable)
 *   ops -> bytes -> ops               (bytes_decode(bytes_encode(p)) == p)
 *   bytes -> ops -> text -> ops       over a deterministic sweep of random
 *                                     byte strings (fixed-seed LCG)
 * plus the bytes/text classification.
 */
#include "tests/lang/lang_test.h"
#include "fuzz/names.h"

static const char *const corpus[] = {
	/* a driver bring-up, as in docs/scenario-language.md */
	"guest g1 vmid=1 ram=0x40000000:1M\n"
	"assign g1 vsid=3 psmmu=0 psid=0x103\n"
	"write g1 CR0 0\n"
	"poll  g1 CR0ACK expect=0\n"
	"write g1 STRTAB_BASE 0x40000000\n"
	"write g1 STRTAB_BASE_CFG 0x6            # linear, 64 streams\n"
	"write g1 CMDQ_BASE 0x40010005           # 32 entries\n"
	"write g1 CMDQ_PROD 0\n"
	"write g1 CMDQ_CONS 0\n"
	"write g1 CR0 0x8                        # CMDQEN\n"
	"poll  g1 CR0ACK expect=0x8\n"
	"ste   g1 3 v=1 config=5 s1contextptr=0x40020000 s1dss=2 s1cir=1 s1cor=1 s1csh=3\n"
	"cmd   g1 CFGI_STE sid=3 leaf=1\n"
	"cmd   g1 SYNC\n"
	"poll  g1 CMDQ_CONS expect=2 mask=0xfffff\n"
	"expect-isolation\n",
	/* every statement, odd values */
	"psmmu 2 oas=52\npsmmu 0 sidsize=32 ssidsize=20\n"
	"guest alpha vmid=65535 ram=0xfffffffffff00000:1M,0x0:4K,0x100000000:2G\n"
	"guest beta_2 vmid=7 ram=0x80000000:0x3000\n"
	"assign alpha vsid=0xffffffff psmmu=2 psid=0xffffffff\nassign beta_2 vsid=0 psmmu=0 psid=0\n"
	"unassign alpha vsid=0xffffffff\n"
	"write alpha 0x1 0xff size=1\nwrite alpha 0x1fffe 0xffff size=2\nwrite alpha EVENTQ_IRQ_CFG0 0xffffffffffffffff\n"
	"write alpha 0x80 1\nwrite alpha 0x80 2 size=4\nread alpha 0xb0\nwrite alpha STRTAB_BASE 3 size=8\n"
	"read alpha 0x3 size=8 expect=0x1 mask=0\nread beta_2 PRIQ_CONS expect=0\n"
	"poll alpha gerror expect=0 tries=4294967295\n"
	"mem alpha 0xfffffffffffff000 00112233445566778899aabbccddeeff\nmemcheck beta_2 0x80002fff ff\n"
	"mem64 alpha 0x0 0 1 2 3 4 5 6 7 8 9 10\n"
	"ste alpha 0xffffffff\nste alpha 1 raw=0,0,0,0,0,0,0,1\nste alpha 2 s2ttb=0xfffffffffffff0 s1cdmax=31 cont=15 s2hwu=3\n"
	"l1std beta_2 0 span=0 l2ptr=0\nl1std alpha 0xffffffff span=31 l2ptr=0xffffffffffffc0\n"
	"cd alpha 0xffffffffffffffc0 raw=1,2,3,4,5,6,7,8\ncd beta_2 0x80000000\ncd alpha 0x0 asid=0xffff ttb1=0x10 mair1=0xffffffff ir1=2\n"
	"ptpool alpha 0x100000000:2G\nptpool beta_2 0x80002fff:1\n"
	"map alpha ttb=0x1234 iova=0xffffffffffff0000 ipa=0 size=64K granule=64K perm=w\n"
	"map beta_2 ttb=0 iova=0 ipa=0 size=4K\n"
	"cmd alpha 0 raw=0,0xffffffffffffffff nokick\ncmd alpha 0xff\ncmd alpha CFGI_ALL sid=0xffffffff\n"
	"cmd alpha ATC_INV ssv=1 global=1 ssid=0xfffff sid=2 size=52 addr=0xfffffffffffff000\n"
	"cmd alpha PRI_RESP sid=1 ssid=2 ssv=1 resp=2 prgindex=0x1ff\ncmd alpha PREFETCH_ADDR sid=1 size=31 addr=0x1000\n"
	"cmd alpha TLBI_EL2_VA asid=1 addr=0x2000 tg=3 ttl=1 num=31 scale=31 leaf=1\ncmd alpha SYNC raw=0x46,0x3\n"
	"cmd alpha STALL_TERM sid=5\ncmd alpha TLBI_NSNH_ALL\ncmd alpha CFGI_VMS_PIDM vmid=3\n"
	"kick alpha\n"
	"dma alpha vsid=1 iova=0xfff read len=1\ndma beta_2 vsid=2 iova=0x80001000 write len=4096 expect=ok ipa=0x80001000\n"
	"dma alpha vsid=0 iova=0 read ssid=0xfffff expect=abort\ndma alpha vsid=0 iova=0 read expect=blocked\n"
	"expect-event alpha 0 sid=0 ssid=0 addr=0\nexpect-event alpha 0xff\nexpect-event beta_2 F_VMS_FETCH addr=0x80000000\n"
	"expect-no-event beta_2\nexpect-irq alpha priq count=0\nexpect-irq alpha gerror count=18446744073709551615\n"
	"expect-no-irq alpha cmd_sync\nexpect-no-irq beta_2\n"
	"inject psmmu2 event C_BAD_CD psid=0xffffffff ssid=0xfffff addr=0xffffffffffffffff ipa=0xffffffffff000 rnw=0 s2=0 stall=1 class=in\n"
	"inject psmmu0 event 0 psid=0 class=cd\ninject psmmu0 gerror 0x7fd\ninject psmmu2 gerror CMDQ_ERR\n"
	"inject psmmu2 evtq-overflow\ninject psmmu0 cmd-error ILL\ninject psmmu0 cmd-error ATC_INV_SYNC count=0\n"
	"inject psmmu2 sync-timeout count=4294967295\n"
	"inject alpha mem-abort 0xfffffffffffff000:4K\ninject beta_2 mem-abort 0:1 count=0\ninject alpha mem-abort off\n"
	"inject alloc-fail count=0\ninject alloc-fail after=4294967295\n"
	"settle\nexpect-isolation\ndestroy alpha\n"
	"guest g0 vmid=65535 ram=0:4K\nguest g1 vmid=1 ram=0x1000:4K\nkick g0\ndestroy beta_2\nsettle\n",
	/* names that the byte decoder would also choose */
	"guest g1 vmid=3 ram=0x40000000:64K\nguest g0 vmid=4 ram=0x40000000:64K\nwrite g0 CR0 1\nwrite g1 CR0 1\n",
	"",
};

/* Deterministic LCG (no time()). */
static uint64_t lcg_state = 0x2545F4914F6CDD1DULL;

static uint32_t lcg(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)(lcg_state >> 33);
}

/* text of p, parsed back, equals p; printing is stable. */
static void text_roundtrip(const struct prog *p, const char *what)
{
	struct prog q;
	char *t1, *t2;
	size_t n1;

	prog_init(&q);
	t1 = lt_print(p, &n1);
	CHECK(t1 != NULL);
	if (!t1)
		return;
	if (scn_parse("rt.scn", t1, n1, &q, lt_err, sizeof(lt_err))) {
		fprintf(stderr, "%s: printed text does not parse: %s\n---\n%s---\n", what, lt_err, t1);
		CHECK(0);
	} else {
		CHECK(prog_equal(p, &q));
		t2 = lt_print(&q, NULL);
		CHECK(t2 && strcmp(t1, t2) == 0);
		free(t2);
	}
	free(t1);
	prog_free(&q);
}

/* bytes of p decode to p. */
static void bytes_roundtrip(const struct prog *p, const char *what)
{
	struct prog q;
	uint8_t *b = NULL;
	size_t n = 0;

	prog_init(&q);
	CHECK(bytes_encode(p, &b, &n) == 0);
	if (b) {
		CHECK(bytes_looks_binary(b, n));
		bytes_decode(b, n, BYTES_ALL_KINDS, &q);
		if (!prog_equal(p, &q)) {
			fprintf(stderr, "%s: bytes round trip differs\n", what);
			CHECK(0);
		}
		/* Without the magic prefix the same program comes back. */
		if (n >= BYTES_MAGIC_LEN) {
			bytes_decode(b + BYTES_MAGIC_LEN, n - BYTES_MAGIC_LEN, BYTES_ALL_KINDS, &q);
			CHECK(prog_equal(p, &q));
		}
	}
	free(b);
	prog_free(&q);
}

int main(void)
{
	struct prog p, q;
	size_t i, k;
	unsigned seen[OP_KIND_NR] = { 0 };
	uint8_t buf[2048];

	prog_init(&p);
	prog_init(&q);

	/* Corpus: text -> ops -> text -> ops, ops -> bytes -> ops. */
	for (i = 0; i < sizeof(corpus) / sizeof(corpus[0]); i++) {
		if (lt_parse(corpus[i], &p)) {
			fprintf(stderr, "corpus %zu: %s\n", i, lt_err);
			CHECK(0);
			continue;
		}
		text_roundtrip(&p, "corpus");
		bytes_roundtrip(&p, "corpus");
		CHECK(!bytes_looks_binary((const uint8_t *)corpus[i], strlen(corpus[i])));
	}

	/* Random byte strings: always a valid program; both round trips hold. */
	for (i = 0; i < 4000; i++) {
		size_t n = lcg() % (i < 2000 ? 64 : sizeof(buf));

		for (k = 0; k < n; k++)
			buf[k] = (uint8_t)lcg();
		/* Half of them: small bytes, so kinds that need a guest find one. */
		if (i & 1)
			for (k = 0; k < n; k++)
				buf[k] = (uint8_t)(buf[k] % 40);
		bytes_decode(buf, n, BYTES_ALL_KINDS, &p);
		for (k = 0; k < p.nops; k++)
			seen[p.ops[k].kind]++;
		text_roundtrip(&p, "random");
		bytes_roundtrip(&p, "random");
	}
	for (k = 0; k < OP_KIND_NR; k++) {
		if (!seen[k])
			fprintf(stderr, "kind %zu never decoded\n", k);
		CHECK(seen[k] > 0);
	}

	/* kinds_allowed restricts the decoder. */
	for (i = 0; i < 200; i++) {
		uint64_t allowed = (UINT64_C(1) << OP_GUEST) | (UINT64_C(1) << OP_WRITE) | (UINT64_C(1) << OP_SETTLE);
		size_t n = lcg() % 256;

		for (k = 0; k < n; k++)
			buf[k] = (uint8_t)lcg();
		bytes_decode(buf, n, allowed, &p);
		for (k = 0; k < p.nops; k++)
			CHECK((allowed >> p.ops[k].kind) & 1);
	}
	bytes_decode(buf, 100, 0, &p);
	CHECK_EQ_U(p.nops, 0);
	/* The empty input is the empty program. */
	bytes_decode(NULL, 0, BYTES_ALL_KINDS, &p);
	CHECK_EQ_U(p.nops, 0);

	/* Classification: text vs bytes. */
	CHECK(!bytes_looks_binary((const uint8_t *)"", 0));
	CHECK(!bytes_looks_binary((const uint8_t *)"settle\r\n\tsettle", 15));
	CHECK(bytes_looks_binary((const uint8_t *)"settle\0", 7));
	CHECK(bytes_looks_binary((const uint8_t *)"\x80", 1));
	CHECK(bytes_looks_binary((const uint8_t *)"\xf5VS1", 4));

	/* A known byte input decodes to a known program (the format is stable). */
	{
		static const uint8_t in[] = {
			OP_GUEST, 0x05, 0x00, /* vmid 5 */ 0x00, /* default name */ 0x00, /* 1 range */
			0x00, 0x00, 0x00, 0x40, 0, 0, 0, 0, /* ipa 0x40000000 */ 0x0f, 0, 0, 0, /* 16 pages */
			OP_WRITE, 0x00, /* guest 0 */ 8, /* CR0 */ 0x00, /* flags */ 0x80, 1, 0, 0, 0, 0, 0, 0, 0,
			OP_CMD, 0x00, 24, /* SYNC */ 0x01, /* nokick */
		};
		const char *want = "guest g0 vmid=5 ram=0x40000000:64K\nwrite g0 CR0 0x1\ncmd g0 SYNC nokick\n";
		char *t;

		bytes_decode(in, sizeof(in), BYTES_ALL_KINDS, &p);
		t = lt_print(&p, NULL);
		CHECK(t != NULL);
		if (t)
			CHECK_STR(t, want);
		free(t);
	}

	/* The encoder refuses programs that are not valid (a guest op naming a
	 * guest that does not exist), rather than encoding something else. */
	{
		uint8_t *b = NULL;
		size_t n = 0;
		struct op *o;

		prog_reset(&p);
		o = prog_add(&p, OP_KICK);
		CHECK(o != NULL);
		CHECK(bytes_encode(&p, &b, &n) == -1);
		CHECK(b == NULL);
	}
	/* scn_print_op: one op, no newline (the executor's -v trace). */
	{
		FILE *f = tmpfile();
		char line[128] = "";

		CHECK(lt_parse("guest vm vmid=9 ram=0:4K\nwrite vm GERRORN 0x5 size=4\n", &p) == 0);
		CHECK(f != NULL);
		if (f && p.nops == 2) {
			CHECK(scn_print_op(&p, &p.ops[1], f) == 0);
			rewind(f);
			CHECK(fgets(line, sizeof(line), f) != NULL);
			CHECK_STR(line, "write vm GERRORN 0x5 size=4");
		}
		if (f)
			fclose(f);
	}

	prog_free(&p);
	prog_free(&q);
	return lt_done("test_roundtrip");
}
