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
#include "fuzz/op_schema.h"
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

static void why_reset(struct scn_why *w)
{
	w->kind = w->at = "";
	w->op[0] = '\0';
	w->text[0] = '\0';
}

/* A finding: its kind, the statement kind (op_kind, or OP_KIND_NR for
 * none), the part, and the text (already in w->text). */
static void why_set(struct scn_why *w, const char *kind, unsigned op_kind, const char *at)
{
	const struct op_schema *s = op_kind < OP_KIND_NR ? op_schema_of(op_kind) : NULL;

	w->kind = kind;
	w->at = at;
	if (!s)
		snprintf(w->op, sizeof w->op, "-");
	else if (s->sub)
		snprintf(w->op, sizeof w->op, "%s-%s", s->keyword, s->sub);
	else
		snprintf(w->op, sizeof w->op, "%s", s->keyword);
}

/* A name slot for a message: its characters up to the first NUL (at most
 * the slot), anything outside [ -~] as '?'. */
static const char *slot_str(const char *slot, char *buf)
{
	size_t i;

	for (i = 0; i < OP_NAME_MAX + 1 && slot[i]; i++)
		buf[i] = slot[i] >= 0x20 && slot[i] < 0x7f ? slot[i] : '?';
	buf[i] = '\0';
	return buf;
}

/* Slot by slot: the names (up to their end), then the whole slot, so a
 * message says whether a name changed or only the bytes after it did. */
static enum scn_check names_equal(const struct prog *a, const struct prog *b, struct scn_why *why)
{
	char na[OP_NAME_MAX + 2], nb[OP_NAME_MAX + 2];
	unsigned g;

	for (g = 0; g < OP_MAX_GUESTS; g++) {
		if (memcmp(a->names[g], b->names[g], sizeof a->names[g]) == 0)
			continue;
		slot_str(a->names[g], na);
		slot_str(b->names[g], nb);
		if (strcmp(na, nb) != 0) {
			snprintf(why->text, sizeof why->text,
				 "the guest name tables differ: slot %u is named '%s', then '%s'", g, na, nb);
			why_set(why, "guest-name-tables", OP_GUEST, "name");
		} else {
			snprintf(why->text, sizeof why->text,
				 "the guest name tables differ: slot %u is '%s' in both, but the bytes after the "
				 "name's end differ (a name slot is NUL-padded, fuzz/op.h)", g, na);
			why_set(why, "guest-name-tables", OP_GUEST, "name-padding");
		}
		return SCN_CHECK_DIFFERS;
	}
	return SCN_CHECK_OK;
}

enum scn_check scn_check_equal(const struct prog *a, const struct prog *b, struct scn_why *why)
{
	struct prog va, vb;

	why_reset(why);
	if (names_equal(a, b, why) != SCN_CHECK_OK)
		return SCN_CHECK_DIFFERS;
	/* One op at a time, through shallow views (payload arenas shared). */
	va = *a;
	vb = *b;
	va.nops = vb.nops = 1;
	for (size_t i = 0; i < a->nops && i < b->nops; i++) {
		va.ops = a->ops + i;
		vb.ops = b->ops + i;
		if (!prog_equal(&va, &vb)) {
			snprintf(why->text, sizeof why->text, "statement %zu (kind %u, line %u) differs", i + 1,
				 (unsigned)a->ops[i].kind, (unsigned)a->ops[i].line);
			why_set(why, "statement", a->ops[i].kind, "-");
			return SCN_CHECK_DIFFERS;
		}
	}
	if (a->nops != b->nops) {
		const struct prog *l = a->nops > b->nops ? a : b;
		size_t n = a->nops < b->nops ? a->nops : b->nops;

		snprintf(why->text, sizeof why->text, "%zu statements, then %zu", a->nops, b->nops);
		why_set(why, "statement-count", l->ops[n].kind, "-");
		return SCN_CHECK_DIFFERS;
	}
	return SCN_CHECK_OK;
}

/* The kind of the statement printed on 1-based line `line` of p's text
 * (scn_print writes one line per statement), OP_KIND_NR when out of range. */
static unsigned kind_at_line(const struct prog *p, unsigned long line)
{
	return line >= 1 && line <= p->nops ? p->ops[line - 1].kind : OP_KIND_NR;
}

enum scn_check scn_check_prog(const struct prog *p, struct scn_why *why)
{
	struct prog q;
	char err[256], *t1, *t2 = NULL;
	size_t n1, n2 = 0;
	enum scn_check r;

	why_reset(why);
	t1 = print_text(p, &n1);
	if (!t1)
		return SCN_CHECK_NOMEM;
	prog_init(&q);
	if (scn_parse("printed", t1, n1, &q, err, sizeof err) != 0) {
		const char *c = strchr(err, ':');

		snprintf(why->text, sizeof why->text, "the printed program does not parse: %s", err);
		/* err is "printed:LINE: ..." */
		why_set(why, "reparse", kind_at_line(p, c ? strtoul(c + 1, NULL, 10) : 0), "-");
		r = SCN_CHECK_REPARSE;
		goto done;
	}
	r = scn_check_equal(p, &q, why);
	if (r != SCN_CHECK_OK)
		goto done;
	t2 = print_text(&q, &n2);
	if (!t2) {
		r = SCN_CHECK_NOMEM;
		goto done;
	}
	if (n1 != n2 || memcmp(t1, t2, n1) != 0) {
		size_t k = 0;
		unsigned long line = 1;

		while (k < n1 && k < n2 && t1[k] == t2[k])
			if (t1[k++] == '\n')
				line++;
		snprintf(why->text, sizeof why->text,
			 "printing the reparsed program gives other text from byte %zu (line %lu)", k, line);
		why_set(why, "unstable", kind_at_line(p, line), "-");
		r = SCN_CHECK_UNSTABLE;
	}
done:
	free(t1);
	free(t2);
	prog_free(&q);
	return r;
}

enum scn_check scn_check_text(const uint8_t *data, size_t size, struct scn_why *why)
{
	struct prog p;
	char err[256];
	enum scn_check r;

	why_reset(why);
	prog_init(&p);
	if (scn_parse("input", (const char *)data, size, &p, err, sizeof err) != 0) {
		snprintf(why->text, sizeof why->text, "%s", err);
		prog_free(&p);
		return SCN_CHECK_REJECTED;
	}
	r = scn_check_prog(&p, why);
	prog_free(&p);
	return r;
}

enum scn_check scn_check_bytes(const uint8_t *data, size_t size, struct scn_why *why)
{
	struct prog p;
	enum scn_check r;

	prog_init(&p);
	bytes_decode(data, size, BYTES_ALL_KINDS, &p);
	r = scn_check_prog(&p, why);
	prog_free(&p);
	return r;
}
