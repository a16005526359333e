/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * scn_check.c - the round trips of the scenario language as a check
 * (scn_check.h): what the fuzz_scenario target asserts on every input.
 */
#define _POSIX_C_SOURCE 200809L   /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/scn_check.h"

/* scn_print into a malloc'ed string; NULL when memory runs out. */
static char *print_text(const struct prog *p, size_t *len)
{
	char *s = NULL;
	FILE *f = open_memstream(&s, len);

	if (!f)
		return NULL;
	if (scn_print(p, f) != 0 || ferror(f)) {
		fclose(f);
		free(s);
		return NULL;
	}
	if (fclose(f) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

enum scn_check scn_check_equal(const struct prog *a, const struct prog *b, char *why, size_t whylen)
{
	struct prog va, vb;

	if (memcmp(a->names, b->names, sizeof a->names) != 0) {
		snprintf(why, whylen, "the guest name tables differ");
		return SCN_CHECK_DIFFERS;
	}
	/* One op at a time, through shallow views (payload arenas shared). */
	va = *a;
	vb = *b;
	va.nops = vb.nops = 1;
	for (size_t i = 0; i < a->nops && i < b->nops; i++) {
		va.ops = a->ops + i;
		vb.ops = b->ops + i;
		if (!prog_equal(&va, &vb)) {
			snprintf(why, whylen, "statement %zu (kind %u, line %u) differs", i + 1,
				 (unsigned)a->ops[i].kind, (unsigned)a->ops[i].line);
			return SCN_CHECK_DIFFERS;
		}
	}
	if (a->nops != b->nops) {
		snprintf(why, whylen, "%zu statements, then %zu", a->nops, b->nops);
		return SCN_CHECK_DIFFERS;
	}
	return SCN_CHECK_OK;
}

enum scn_check scn_check_prog(const struct prog *p, char *why, size_t whylen)
{
	struct prog q;
	char err[256], *t1, *t2 = NULL;
	size_t n1, n2 = 0;
	enum scn_check r;

	t1 = print_text(p, &n1);
	if (!t1)
		return SCN_CHECK_NOMEM;
	prog_init(&q);
	if (scn_parse("printed", t1, n1, &q, err, sizeof err) != 0) {
		snprintf(why, whylen, "the printed program does not parse: %s", err);
		r = SCN_CHECK_REPARSE;
		goto done;
	}
	r = scn_check_equal(p, &q, why, whylen);
	if (r != SCN_CHECK_OK)
		goto done;
	t2 = print_text(&q, &n2);
	if (!t2) {
		r = SCN_CHECK_NOMEM;
		goto done;
	}
	if (n1 != n2 || memcmp(t1, t2, n1) != 0) {
		size_t k = 0;

		while (k < n1 && k < n2 && t1[k] == t2[k])
			k++;
		snprintf(why, whylen, "printing the reparsed program gives other text from byte %zu", k);
		r = SCN_CHECK_UNSTABLE;
	}
done:
	free(t1);
	free(t2);
	prog_free(&q);
	return r;
}

enum scn_check scn_check_text(const uint8_t *data, size_t size, char *why, size_t whylen)
{
	struct prog p;
	char err[256];
	enum scn_check r;

	prog_init(&p);
	if (scn_parse("input", (const char *)data, size, &p, err, sizeof err) != 0) {
		snprintf(why, whylen, "%s", err);
		prog_free(&p);
		return SCN_CHECK_REJECTED;
	}
	r = scn_check_prog(&p, why, whylen);
	prog_free(&p);
	return r;
}

enum scn_check scn_check_bytes(const uint8_t *data, size_t size, char *why, size_t whylen)
{
	struct prog p;
	enum scn_check r;

	prog_init(&p);
	bytes_decode(data, size, BYTES_ALL_KINDS, &p);
	r = scn_check_prog(&p, why, whylen);
	prog_free(&p);
	return r;
}
