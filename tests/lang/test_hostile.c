/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_hostile.c - the parser against hostile files: binary garbage, NUL
 * bytes, no trailing newline, truncated lines, 64-bit overflow, a 10 MB
 * line, too many statements. Each gives one error line (or a clean parse)
 * and returns quickly; the byte decoder takes any input.
 */
#include <time.h>

#include "tests/lang/lang_test.h"

static uint64_t lcg_state = 12345;

static uint8_t lcg8(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint8_t)(lcg_state >> 56);
}

/* Parse must fail with one line starting "FILE:LINE: ". */
static void must_fail(const char *what, const char *text, size_t len, const char *prefix)
{
	struct prog p;
	int rc;

	prog_init(&p);
	rc = scn_parse("h.scn", text, len, &p, lt_err, sizeof(lt_err));
	CHECK(rc == -1);
	CHECK(p.nops == 0);
	CHECK(strchr(lt_err, '\n') == NULL);
	if (strncmp(lt_err, prefix, strlen(prefix)) != 0) {
		fprintf(stderr, "%s: got \"%s\", expected prefix \"%s\"\n", what, lt_err, prefix);
		CHECK(0);
	}
	prog_free(&p);
}

static const char seed_text[] =
	"psmmu 0 sidsize=8\n"
	"guest g1 vmid=1 ram=0x40000000:1M\n"
	"assign g1 vsid=3 psmmu=0 psid=0x13\n"
	"write g1 STRTAB_BASE 0x40000000\n"
	"write g1 CMDQ_BASE 0x40010005\n"
	"poll  g1 CR0ACK expect=0x8 mask=0xc\n"
	"ste   g1 3 v=1 config=5 s1contextptr=0x40020000 s1dss=2\n"
	"cd    g1 0x40020000 v=1 t0sz=25 asid=1 ttb0=0x40030000 aa64=1\n"
	"mem   g1 0x40000100 00112233\n"
	"cmd   g1 TLBI_NH_VA asid=1 addr=0x1000 leaf=1 nokick\n"
	"dma   g1 vsid=3 iova=0x1000 read expect=ok\n"
	"expect-event g1 F_TRANSLATION sid=3\n"
	"inject psmmu0 event C_BAD_STE psid=0x13\n"
	"inject g1 mem-abort 0x40000000:4K count=1\n"
	"settle\n";

/* Random edits of a valid scenario: each either parses (and then prints
 * back to the same program) or fails with one line naming a real line. */
static void mutations(void)
{
	char buf[sizeof(seed_text) + 64];
	struct prog p, q;
	unsigned i, ok = 0, bad = 0;

	prog_init(&p);
	prog_init(&q);
	for (i = 0; i < 3000; i++) {
		size_t n = sizeof(seed_text) - 1, k, edits = 1 + lcg8() % 4, lines = 1;
		char *t;

		memcpy(buf, seed_text, n);
		for (k = 0; k < edits && n > 0; k++) {
			size_t at = ((size_t)lcg8() << 8 | lcg8()) % n;

			switch (lcg8() % 4) {
			case 0: buf[at] = (char)lcg8(); break;                  /* any byte */
			case 1: buf[at] = "0123456789xXbKM=: #\n\tgz,"[lcg8() % 24]; break;
			case 2: n = at; break;                                   /* truncate */
			default: memmove(buf + at, buf + at + 1, n - at - 1); n--; break;
			}
		}
		for (k = 0; k < n; k++)
			lines += buf[k] == '\n';
		if (scn_parse("m.scn", buf, n, &p, lt_err, sizeof(lt_err)) == 0) {
			ok++;
			t = lt_print(&p, &k);
			CHECK(t != NULL);
			if (t) {
				CHECK(scn_parse("m2.scn", t, k, &q, lt_err, sizeof(lt_err)) == 0);
				CHECK(prog_equal(&p, &q));
			}
			free(t);
		} else {
			unsigned long line = 0;

			bad++;
			CHECK(p.nops == 0);
			CHECK(strchr(lt_err, '\n') == NULL);
			CHECK(sscanf(lt_err, "m.scn:%lu: ", &line) == 1 && line >= 1 && line <= lines);
			CHECK(strstr(lt_err, " (near '") != NULL);
		}
	}
	CHECK(ok > 100 && bad > 100);
	prog_free(&p);
	prog_free(&q);
}

int main(void)
{
	struct prog p;
	char *big;
	size_t i, n;
	clock_t t0;

	prog_init(&p);

	/* Binary garbage as text: an error on line 1 (non-ASCII or unknown). */
	{
		char g[4096];

		for (i = 0; i < 50; i++) {
			for (n = 0; n < sizeof(g); n++)
				g[n] = (char)lcg8();
			g[0] = (char)0x80;
			must_fail("garbage", g, sizeof(g), "h.scn:1: invalid byte 0x80");
		}
	}
	/* NUL bytes. */
	must_fail("nul", "\0", 1, "h.scn:1: invalid byte 0x00");
	must_fail("nul2", "settle\n\n\0settle\n", 16, "h.scn:3: invalid byte 0x00");
	/* No trailing newline, truncated statements. */
	CHECK(lt_parse("settle", &p) == 0 && p.nops == 1);
	must_fail("trunc1", "guest g vmid=", 13, "h.scn:1: missing number");
	must_fail("trunc2", "guest g vmid=1 ram=0x1000:", 26, "h.scn:1: missing number");
	must_fail("trunc3", "guest g vmid=1 ram=0:4K\nwrite g CR0", 35, "h.scn:2: missing argument");
	must_fail("trunc4", "guest g vmid=1 ram=0:4K\nmem g 0 0", 33, "h.scn:2: odd number of hex digits");
	must_fail("trunc5", "inject", 6, "h.scn:1: missing argument");
	/* 64-bit overflow in every number syntax. */
	must_fail("ovf-dec", "inject alloc-fail after=99999999999999999999", 44, "h.scn:1: number overflows 64 bits");
	must_fail("ovf-hex", "guest g vmid=1 ram=0x10000000000000000:4K", 41, "h.scn:1: number overflows 64 bits");
	must_fail("ovf-bin", "guest g vmid=1 ram=0b10000000000000000000000000000000000000000000000000000000000000000:4K",
		  89, "h.scn:1: number overflows 64 bits");
	must_fail("ovf-suffix", "guest g vmid=1 ram=0:0x40000000000000G", 38, "h.scn:1: number overflows 64 bits");

	/* A 10 MB line, several shapes: each fails fast with a short message. */
	n = 10u << 20;
	big = malloc(n + 64);
	CHECK(big != NULL);
	if (big) {
		t0 = clock();
		memset(big, 'a', n);                       /* one huge token */
		must_fail("10MB token", big, n, "h.scn:1: unknown statement");
		CHECK(strlen(lt_err) < 200);
		for (i = 0; i < n; i += 2) {               /* 5M tokens */
			big[i] = 'a';
			big[i + 1] = ' ';
		}
		must_fail("10MB tokens", big, n, "h.scn:1: too many arguments on one line");
		memcpy(big, "guest g vmid=1 ram=0:4K\nmem g 0 ", 32); /* a 10 MB hex token */
		memset(big + 32, '0', n - 32);
		must_fail("10MB hex", big, n, "h.scn:2: too many bytes");
		memcpy(big, "guest g vmid=1 ram=0:4K\nwrite g CR0 ", 36); /* a 10 MB number */
		memset(big + 36, '9', n - 36);
		must_fail("10MB number", big, n, "h.scn:2: number overflows 64 bits");
		memset(big, '#', n);                       /* a 10 MB comment: fine */
		CHECK(scn_parse("h.scn", big, n, &p, lt_err, sizeof(lt_err)) == 0 && p.nops == 0);
		memset(big, '\n', n);                      /* 10M empty lines: fine */
		CHECK(scn_parse("h.scn", big, n, &p, lt_err, sizeof(lt_err)) == 0 && p.nops == 0);
		/* Too many statements. */
		for (i = 0; i + 7 <= n; i += 7)
			memcpy(big + i, "settle\n", 7);
		must_fail("too many ops", big, i, "h.scn:100001: program too large");
		/* Linear time: all of the above well under the harness timeout. */
		CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 60.0);
		/* The decoder takes any bytes, including 10 MB of them. */
		for (i = 0; i < n; i++)
			big[i] = (char)lcg8();
		bytes_decode((const uint8_t *)big, n, BYTES_ALL_KINDS, &p);
		CHECK(p.nops <= PROG_MAX_OPS);
		free(big);
	}
	mutations();
	prog_free(&p);
	return lt_done("test_hostile");
}
