/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_scn_check.c - the round-trip check the fuzz_scenario target asserts
 * (fuzz/scn_check.h): it holds on every conformance scenario and on a sweep
 * of byte strings, says REJECTED for text that does not parse, and fires
 * (DIFFERS, naming the statement) when two programs differ. A checker
 * kept over all of them (as fuzz_scenario keeps one, its print buffers
 * rewound and reused from a longer text to a shorter one) gives the same
 * results as a new one per check.
 */
#include "tests/lang/lang_test.h"
#include "tests/common/testfiles.h"
#include "fuzz/scn_check.h"

static uint64_t lcg_state = 0x9E3779B97F4A7C15ULL;

static uint8_t lcg8(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint8_t)(lcg_state >> 56);
}

int main(void)
{
	const char *srcdir = getenv("srcdir");
	char dir[512];
	struct scn_why why;
	char **names = NULL;
	size_t n = 0;
	struct prog a, b;
	uint8_t buf[512];
	struct scn_checker *kept = scn_checker_create();
	struct scn_why why2;

	CHECK(kept != NULL);
	if (!kept)
		return 1;

	/* Every scenario round-trips as text. */
	snprintf(dir, sizeof dir, "%s/tests/scenarios", srcdir ? srcdir : ".");
	CHECK(tf_scn_list(dir, &names, &n) == 0);
	CHECK(n > 0);
	for (size_t i = 0; i < n; i++) {
		size_t len;
		char *text = tf_slurp(names[i], &len);
		enum scn_check r;

		CHECK(text != NULL);
		if (!text)
			continue;
		r = scn_check_text((const uint8_t *)text, len, &why);
		if (r != SCN_CHECK_OK)
			fprintf(stderr, "%s: %s\n", names[i], why.text);
		CHECK_EQ_U(r, SCN_CHECK_OK);
		CHECK_EQ_U(scn_check_text_in(kept, (const uint8_t *)text, len, &why2), r);
		CHECK(strcmp(why.text, why2.text) == 0);
		free(text);
	}
	tf_free_list(names, n);

	/* Any bytes: the decoded program round-trips. */
	for (int k = 0; k < 2000; k++) {
		size_t len = 1 + lcg8() % sizeof buf;
		enum scn_check r;

		for (size_t i = 0; i < len; i++)
			buf[i] = lcg8();
		r = scn_check_bytes(buf, len, &why);
		if (SCN_CHECK_FAILED(r))
			fprintf(stderr, "bytes sweep %d: %s\n", k, why.text);
		CHECK(!SCN_CHECK_FAILED(r));
		CHECK_EQ_U(scn_check_bytes_in(kept, buf, len, &why2), r);
		/* As text it is mostly rejected, never a failure. */
		r = scn_check_text(buf, len, &why);
		CHECK(!SCN_CHECK_FAILED(r));
		CHECK_EQ_U(scn_check_text_in(kept, buf, len, &why2), r);
		CHECK(strcmp(why.text, why2.text) == 0);
	}

	/* Text that does not parse is rejected, not failed. */
	{
		static const char *const bad[] = { "write\n", "guest g1 vmid=0 ram=0x40000000:4K\n",
						   "cmd g1 SYNC\n", "\x01\xff" };

		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
			CHECK_EQ_U(scn_check_text((const uint8_t *)bad[i], strlen(bad[i]), &why),
				   SCN_CHECK_REJECTED);
	}

	/* The comparison fires on a difference and names the statement. */
	prog_init(&a);
	prog_init(&b);
	CHECK(lt_parse("guest g1 vmid=1 ram=0x40000000:1M\nwrite g1 CR0 0\nwrite g1 CR0 1\n", &a) == 0);
	CHECK(lt_parse("guest g1 vmid=1 ram=0x40000000:1M\nwrite g1 CR0 0\nwrite g1 CR0 2\n", &b) == 0);
	CHECK_EQ_U(scn_check_equal(&a, &a, &why), SCN_CHECK_OK);
	CHECK_EQ_U(scn_check_equal(&a, &b, &why), SCN_CHECK_DIFFERS);
	CHECK(strstr(why.text, "statement 3") != NULL);
	CHECK_STR(why.kind, "statement");
	CHECK_STR(why.op, "write");
	CHECK_STR(why.at, "-");
	prog_free(&b);
	prog_init(&b);
	CHECK(lt_parse("guest g2 vmid=1 ram=0x40000000:1M\nwrite g2 CR0 0\nwrite g2 CR0 1\n", &b) == 0);
	CHECK_EQ_U(scn_check_equal(&a, &b, &why), SCN_CHECK_DIFFERS);
	CHECK(strstr(why.text, "name") != NULL);
	CHECK_STR(why.kind, "guest-name-tables");
	CHECK_STR(why.op, "guest");
	CHECK_STR(why.at, "name");
	prog_free(&b);
	prog_init(&b);
	CHECK(lt_parse("guest g1 vmid=1 ram=0x40000000:1M\nwrite g1 CR0 0\n", &b) == 0);
	CHECK_EQ_U(scn_check_equal(&a, &b, &why), SCN_CHECK_DIFFERS);
	CHECK(strstr(why.text, "3 statements, then 2") != NULL);
	CHECK_STR(why.kind, "statement-count");
	CHECK_STR(why.op, "write");
	/* Same name, other bytes after its end: a difference of its own
	 * (prog_equal compares whole slots, and the text cannot carry them). */
	prog_free(&b);
	prog_init(&b);
	CHECK(lt_parse("guest g1 vmid=1 ram=0x40000000:1M\nwrite g1 CR0 0\nwrite g1 CR0 1\n", &b) == 0);
	CHECK_EQ_U(scn_check_equal(&a, &b, &why), SCN_CHECK_OK);
	b.names[0][5] = 'x';
	CHECK_EQ_U(scn_check_equal(&a, &b, &why), SCN_CHECK_DIFFERS);
	CHECK_STR(why.kind, "guest-name-tables");
	CHECK_STR(why.at, "name-padding");
	CHECK(strstr(why.text, "slot 0 is 'g1' in both") != NULL);
	CHECK_EQ_U(scn_check_prog(&b, &why), SCN_CHECK_DIFFERS);
	CHECK_STR(why.at, "name-padding");
	CHECK_EQ_U(scn_check_prog(&a, &why), SCN_CHECK_OK);
	CHECK_STR(why.kind, "");
	prog_free(&a);
	prog_free(&b);

	/* The decoder: a custom name refused because it is taken falls back to
	 * the default name, and nothing of the refused name is left after it
	 * (the open fuzz_scenario finding of issue 13; inputs in
	 * corpus/regressions/fuzz_scenario/). Two guest records named "abcde":
	 * KIND, VMID16, NAMELEN (0xEF + 5) and 5 characters, NRANGES-1, IPA64,
	 * PAGES32-1. */
	{
		static const uint8_t rec[] = {
			OP_GUEST, 1, 0, 0xEF + 5, 0, 1, 2, 3, 4, 0, 0, 0, 0, 0x40, 0, 0, 0, 0, 0, 0, 0, 0,
			OP_GUEST, 2, 0, 0xEF + 5, 0, 1, 2, 3, 4, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0,
		};
		static const char g1[OP_NAME_MAX + 1] = "g1";

		prog_init(&a);
		bytes_decode(rec, sizeof rec, BYTES_ALL_KINDS, &a);
		CHECK_EQ_U(a.nops, 2);
		CHECK_STR(a.names[0], "abcde");
		CHECK(memcmp(a.names[1], g1, sizeof g1) == 0);
		CHECK_EQ_U(scn_check_bytes(rec, sizeof rec, &why), SCN_CHECK_OK);
		prog_free(&a);
	}
	scn_checker_destroy(kept);
	return lt_done("test_scn_check");
}
