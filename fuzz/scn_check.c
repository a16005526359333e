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

/* What a check needs, kept from one check to the next (scn_check.h): the
 * parser's state, the programs, and two memory streams the printed texts
 * are written to, rewound for each (their buffers grow to the longest
 * text printed and stay). So a check allocates nothing once they have
 * grown; a fresh stream, program and parser per text made fuzz_scenario's
 * peak RSS 12x the empty harness's under ASan (docs/performance.md). */
struct scn_checker {
	struct scn_parser *ps;
	struct prog p, q;             /* the input's program, the reparsed one */
	FILE *f[2];                   /* memory streams, NULL until first used */
	char *buf[2];
	size_t len[2];
};

struct scn_checker *scn_checker_create(void)
{
	struct scn_checker *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	c->ps = scn_parser_create();
	if (!c->ps) {
		free(c);
		return NULL;
	}
	prog_init(&c->p);
	prog_init(&c->q);
	return c;
}

static void stream_drop(struct scn_checker *c, int k)
{
	if (c->f[k])
		fclose(c->f[k]);
	free(c->buf[k]);
	c->f[k] = NULL;
	c->buf[k] = NULL;
	c->len[k] = 0;
}

void scn_checker_destroy(struct scn_checker *c)
{
	if (!c)
		return;
	stream_drop(c, 0);
	stream_drop(c, 1);
	scn_parser_destroy(c->ps);
	prog_free(&c->p);
	prog_free(&c->q);
	free(c);
}

/* scn_print into stream k, from its start; the text (not NUL-terminated),
 * valid until the stream is next written, or NULL when memory runs out
 * (the stream is dropped: the next print opens another). */
static const char *print_text(struct scn_checker *c, int k, const struct prog *p, size_t *len)
{
	long n;

	if (!c->f[k] && !(c->f[k] = open_memstream(&c->buf[k], &c->len[k])))
		return NULL;
	if (fseek(c->f[k], 0, SEEK_SET) != 0 || scn_print(p, c->f[k]) != 0 || fflush(c->f[k]) != 0 ||
	    ferror(c->f[k]) || (n = ftell(c->f[k])) < 0) {
		stream_drop(c, k);
		return NULL;
	}
	*len = (size_t)n;
	return c->buf[k];
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

enum scn_check scn_check_prog_in(struct scn_checker *c, const struct prog *p, struct scn_why *why)
{
	struct prog *q = &c->q;
	char err[256];
	const char *t1, *t2;
	size_t n1, n2 = 0;
	enum scn_check r;

	why_reset(why);
	t1 = print_text(c, 0, p, &n1);
	if (!t1)
		return SCN_CHECK_NOMEM;
	if (scn_parse_in(c->ps, "printed", t1, n1, q, err, sizeof err) != 0) {
		const char *colon = strchr(err, ':');

		snprintf(why->text, sizeof why->text, "the printed program does not parse: %s", err);
		/* err is "printed:LINE: ..." */
		why_set(why, "reparse", kind_at_line(p, colon ? strtoul(colon + 1, NULL, 10) : 0), "-");
		return SCN_CHECK_REPARSE;
	}
	r = scn_check_equal(p, q, why);
	if (r != SCN_CHECK_OK)
		return r;
	t2 = print_text(c, 1, q, &n2);
	if (!t2)
		return SCN_CHECK_NOMEM;
	if (n1 != n2 || memcmp(t1, t2, n1) != 0) {
		size_t k = 0;
		unsigned long line = 1;

		while (k < n1 && k < n2 && t1[k] == t2[k])
			if (t1[k++] == '\n')
				line++;
		snprintf(why->text, sizeof why->text,
			 "printing the reparsed program gives other text from byte %zu (line %lu)", k, line);
		why_set(why, "unstable", kind_at_line(p, line), "-");
		return SCN_CHECK_UNSTABLE;
	}
	return SCN_CHECK_OK;
}

enum scn_check scn_check_text_in(struct scn_checker *c, const uint8_t *data, size_t size, struct scn_why *why)
{
	char err[256];

	why_reset(why);
	if (scn_parse_in(c->ps, "input", (const char *)data, size, &c->p, err, sizeof err) != 0) {
		snprintf(why->text, sizeof why->text, "%s", err);
		return SCN_CHECK_REJECTED;
	}
	return scn_check_prog_in(c, &c->p, why);
}

enum scn_check scn_check_bytes_in(struct scn_checker *c, const uint8_t *data, size_t size, struct scn_why *why)
{
	bytes_decode(data, size, BYTES_ALL_KINDS, &c->p);
	return scn_check_prog_in(c, &c->p, why);
}

/* The checks with a checker made for the call. */
enum scn_check scn_check_prog(const struct prog *p, struct scn_why *why)
{
	struct scn_checker *c = scn_checker_create();
	enum scn_check r;

	why_reset(why);
	if (!c)
		return SCN_CHECK_NOMEM;
	r = scn_check_prog_in(c, p, why);
	scn_checker_destroy(c);
	return r;
}

enum scn_check scn_check_text(const uint8_t *data, size_t size, struct scn_why *why)
{
	struct scn_checker *c = scn_checker_create();
	enum scn_check r;

	why_reset(why);
	if (!c)
		return SCN_CHECK_NOMEM;
	r = scn_check_text_in(c, data, size, why);
	scn_checker_destroy(c);
	return r;
}

enum scn_check scn_check_bytes(const uint8_t *data, size_t size, struct scn_why *why)
{
	struct scn_checker *c = scn_checker_create();
	enum scn_check r;

	why_reset(why);
	if (!c)
		return SCN_CHECK_NOMEM;
	r = scn_check_bytes_in(c, data, size, why);
	scn_checker_destroy(c);
	return r;
}
