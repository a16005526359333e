/* SPDX-License-Identifier: BSD-2-Clause */
/* lang_test.h - tiny helpers shared by the tests of the scenario language. */
#ifndef LANG_TEST_H
#define LANG_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"

static int lt_failures;
static int lt_checks;

#define CHECK(cond) do { \
	lt_checks++; \
	if (!(cond)) { \
		lt_failures++; \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_EQ_U(a, b) do { \
	unsigned long long a_ = (unsigned long long)(a), b_ = (unsigned long long)(b); \
	lt_checks++; \
	if (a_ != b_) { \
		lt_failures++; \
		fprintf(stderr, "%s:%d: %s == 0x%llx, expected 0x%llx\n", __FILE__, __LINE__, #a, a_, b_); \
	} \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *a_ = (a), *b_ = (b); \
	lt_checks++; \
	if (strcmp(a_, b_) != 0) { \
		lt_failures++; \
		fprintf(stderr, "%s:%d: got   \"%s\"\n%*sexpected \"%s\"\n", __FILE__, __LINE__, a_, \
			(int)strlen(__FILE__) + 8, "", b_); \
	} \
} while (0)

static inline int lt_done(const char *name)
{
	if (lt_failures)
		fprintf(stderr, "%s: %d of %d checks failed\n", name, lt_failures, lt_checks);
	else
		printf("%s: %d checks passed\n", name, lt_checks);
	return lt_failures ? 1 : 0;
}

/* Parse a string; on failure the message is left in lt_err. */
static char lt_err[1024];

static inline int lt_parse(const char *text, struct prog *p)
{
	return scn_parse("t.scn", text, strlen(text), p, lt_err, sizeof(lt_err));
}

/* Print a program into a malloc'ed string. */
static inline char *lt_print(const struct prog *p, size_t *len)
{
	FILE *f = tmpfile();
	char *buf;
	long n;

	if (!f)
		return NULL;
	if (scn_print(p, f)) {
		fclose(f);
		return NULL;
	}
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	if (len)
		*len = (size_t)n;
	fclose(f);
	return buf;
}

#endif
