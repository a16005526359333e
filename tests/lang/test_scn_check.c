/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_scn_check.c - the round-trip check the fuzz_scenario target asserts
 * (fuzz/scn_check.h): it holds on every conformance scenario and on a sweep
 * of byte strings, says REJECTED for text that does not parse, and fires
 * (DIFFERS, naming the statement) when two programs differ.
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
	char dir[512], why[512];
	char **names = NULL;
	size_t n = 0;
	struct prog a, b;
	uint8_t buf[512];

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
		r = scn_check_text((const uint8_t *)text, len, why, sizeof why);
		if (r != SCN_CHECK_OK)
			fprintf(stderr, "%s: %s\n", names[i], why);
		CHECK_EQ_U(r, SCN_CHECK_OK);
		free(text);
	}
	tf_free_list(names, n);

	/* Any bytes: the decoded program round-trips. */
	for (int k = 0; k < 2000; k++) {
		size_t len = 1 + lcg8() % sizeof buf;
		enum scn_check r;

		for (size_t i = 0; i < len; i++)
			buf[i] = lcg8();
		r = scn_check_bytes(buf, len, why, sizeof why);
		if (SCN_CHECK_FAILED(r))
			fprintf(stderr, "bytes sweep %d: %s\n", k, why);
		CHECK(!SCN_CHECK_FAILED(r));
		/* As text it is mostly rejected, never a failure. */
		r = scn_check_text(buf, len, why, sizeof why);
		CHECK(!SCN_CHECK_FAILED(r));
	}

	/* Text that does not parse is rejected, not failed. */
	{
		static const char *const bad[] = { "write\n", "guest g1 vmid=0 ram=0x40000000:4K\n",
						   "cmd g1 SYNC\n", "\x01\xff" };

		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
			CHECK_EQ_U(scn_check_text((const uint8_t *)bad[i], strlen(bad[i]), why, sizeof why),
				   SCN_CHECK_REJECTED);
	}

	/* The comparison fires on a difference and names the statement. */
	prog_init(&a);
	prog_init(&b);
	CHECK(lt_parse("guest g1 vmid=1 ram=0x40000000:1M\nwrite g1 CR0 0\nwrite g1 CR0 1\n", &a) == 0);
	CHECK(lt_parse("guest g1 vmid=1 ram=0x40000000:1M\nwrite g1 CR0 0\nwrite g1 CR0 2\n", &b) == 0);
	CHECK_EQ_U(scn_check_equal(&a, &a, why, sizeof why), SCN_CHECK_OK);
	CHECK_EQ_U(scn_check_equal(&a, &b, why, sizeof why), SCN_CHECK_DIFFERS);
	CHECK(strstr(why, "statement 3") != NULL);
	prog_free(&b);
	prog_init(&b);
	CHECK(lt_parse("guest g2 vmid=1 ram=0x40000000:1M\nwrite g2 CR0 0\nwrite g2 CR0 1\n", &b) == 0);
	CHECK_EQ_U(scn_check_equal(&a, &b, why, sizeof why), SCN_CHECK_DIFFERS);
	CHECK(strstr(why, "name") != NULL);
	prog_free(&b);
	prog_init(&b);
	CHECK(lt_parse("guest g1 vmid=1 ram=0x40000000:1M\nwrite g1 CR0 0\n", &b) == 0);
	CHECK_EQ_U(scn_check_equal(&a, &b, why, sizeof why), SCN_CHECK_DIFFERS);
	CHECK(strstr(why, "3 statements, then 2") != NULL);
	CHECK_EQ_U(scn_check_prog(&a, why, sizeof why), SCN_CHECK_OK);
	prog_free(&a);
	prog_free(&b);
	return lt_done("test_scn_check");
}
