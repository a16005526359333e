/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * scn_parse.c - the scenario text language (docs/scenario-language.md)
 * into the op model. One pass over the text, line by line; tokens are slices
 * of the input (nothing is copied, no buffer is sized by the input), so time
 * is linear and memory bounded by the program. Everything is resolved here:
 * register names to offsets, default sizes, fields to words, guest names to
 * slots, so that ops are fully concrete.
 *
 * Any error stops the parse with one line "FILE:LINE: message (near 'TOK')".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/names.h"
#include "fuzz/op_schema.h"


#define MAX_TOKS   (OP_MAX_WORDS + 16u)
#define MAX_KEYS   64u

struct tok {
	const char *s;
	size_t n;
};

struct key {
	struct tok k, v, all;
	bool used;
};

struct pstate {
	const char *file;
	uint32_t line;
	char *err;
	size_t errlen;
	struct prog *p;
	struct scn_rules r;
	struct tok toks[MAX_TOKS];
	size_t ntoks;
	struct tok pos[MAX_TOKS];   /* positional tokens, pos[0] = statement */
	size_t npos;
	struct key keys[MAX_KEYS];
	size_t nkeys;
	const struct cmd_def *cmd;  /* cmd: the opcode's definition (NULL: unnamed) */
	uint64_t cmd_op;            /* cmd: the opcode */
};

/* ---- errors ------------------------------------------------------------- */

static int perr(struct pstate *s, const struct tok *near, const char *fmt, ...)
{
	char msg[256], tokbuf[64];
	size_t i, o = 0;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (near) {
		for (i = 0; i < near->n && o + 5 < 40; i++) {
			unsigned char c = (unsigned char)near->s[i];

			if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
				tokbuf[o++] = (char)c;
			} else {
				snprintf(tokbuf + o, sizeof(tokbuf) - o, "\\x%02x", c);
				o += 4;
			}
		}
		if (i < near->n) {
			memcpy(tokbuf + o, "...", 3);
			o += 3;
		}
	}
	tokbuf[o] = '\0';
	if (s->err && s->errlen)
		snprintf(s->err, s->errlen, "%s:%lu: %s (near '%s')", s->file, (unsigned long)s->line,
			 msg, tokbuf);
	return -1;
}

/* Make a short NUL-terminated copy of a token for messages. */
static const char *tstr(const struct tok *t, char *buf, size_t len)
{
	size_t n = t->n < len - 1 ? t->n : len - 1;
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = (t->s[i] >= 0x20 && t->s[i] < 0x7f) ? t->s[i] : '?';
	buf[n] = '\0';
	return buf;
}

static bool teq(const struct tok *t, const char *lit)
{
	size_t n = strlen(lit);

	return t->n == n && memcmp(t->s, lit, n) == 0;
}

/* ---- numbers ------------------------------------------------------------ */

/* Unsigned 64-bit decimal, 0x hex or 0b binary; with size_ok a K/M/G suffix. */
static int num(struct pstate *s, const struct tok *t, bool size_ok, uint64_t *out)
{
	const char *p = t->s, *e = t->s + t->n;
	unsigned base = 10, shift = 0;
	uint64_t v = 0;
	bool any = false;

	if (t->n == 0)
		return perr(s, t, "missing number");
	if (size_ok && t->n > 1) {
		char c = e[-1];

		if (c == 'K' || c == 'k')
			shift = 10;
		else if (c == 'M' || c == 'm')
			shift = 20;
		else if (c == 'G' || c == 'g')
			shift = 30;
		if (shift)
			e--;
	}
	if (e - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	} else if (e - p > 2 && p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) {
		base = 2;
		p += 2;
	}
	for (; p < e; p++) {
		unsigned d;
		char c = *p;

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			d = 99;
		if (d >= base)
			return perr(s, t, "bad number");
		if (v > (UINT64_MAX - d) / base)
			return perr(s, t, "number overflows 64 bits");
		v = v * base + d;
		any = true;
	}
	if (!any)
		return perr(s, t, "bad number");
	if (shift) {
		if (v > (UINT64_MAX >> shift))
			return perr(s, t, "number overflows 64 bits");
		v <<= shift;
	}
	*out = v;
	return 0;
}

static int num_max(struct pstate *s, const struct tok *t, bool size_ok, uint64_t max, uint64_t *out)
{
	if (num(s, t, size_ok, out))
		return -1;
	if (*out > max)
		return perr(s, t, "value out of range (max 0x%llx)", (unsigned long long)max);
	return 0;
}

/* ---- keys ------------------------------------------------------------- */

static struct key *key_find(struct pstate *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nkeys; i++)
		if (teq(&s->keys[i].k, name)) {
			s->keys[i].used = true;
			return &s->keys[i];
		}
	return NULL;
}

static int key_need(struct pstate *s, const char *name, struct key **out)
{
	*out = key_find(s, name);
	if (!*out)
		return perr(s, &s->pos[0], "missing key '%s'", name);
	return 0;
}

static int key_num_need(struct pstate *s, const char *name, bool size_ok, uint64_t max, uint64_t *out)
{
	struct key *k;

	if (key_need(s, name, &k) || num_max(s, &k->v, size_ok, max, out))
		return -1;
	return 0;
}

static int keys_all_used(struct pstate *s)
{
	char b[40];
	size_t i;

	for (i = 0; i < s->nkeys; i++)
		if (!s->keys[i].used)
			return perr(s, &s->keys[i].all, "unknown key '%s'", tstr(&s->keys[i].k, b, sizeof(b)));
	return 0;
}

static int npos_check(struct pstate *s, size_t min, size_t max)
{
	if (s->npos < min)
		/* the statement word is pos[0], so npos >= 1 here; guard anyway */
		return perr(s, &s->pos[s->npos ? s->npos - 1 : 0], "missing argument");
	if (s->npos > max)
		return perr(s, &s->pos[max], "unexpected argument");
	return 0;
}

/* ---- guests ----------------------------------------------------------- */

static int guest_ref(struct pstate *s, const struct tok *t, uint8_t *slot)
{
	char b[OP_NAME_MAX + 1];
	int g;

	if (!scn_name_valid(t->s, t->n))
		return perr(s, t, "bad guest name");
	tstr(t, b, sizeof(b));
	g = scn_rules_find(&s->r, s->p, b);
	if (g < 0)
		return perr(s, t, "unknown guest '%s'", b);
	if (s->r.destroyed[g])
		return perr(s, t, "guest '%s' was destroyed", b);
	*slot = (uint8_t)g;
	return 0;
}

static int psmmu_ref(struct pstate *s, const struct tok *t, uint64_t n)
{
	if (!scn_rules_psmmu_ok(&s->r, (unsigned)n))
		return perr(s, t, "psmmu %llu is not declared", (unsigned long long)n);
	return 0;
}

/* IPA:SIZE, and with deny != NULL an optional :PERM (rw, r, w, none: the
 * stage-2 permissions of a guest RAM range, names_s2perm). */
static int range_tok(struct pstate *s, const struct tok *t, uint64_t *ipa, uint64_t *size, uint8_t *deny)
{
	struct tok a = *t, b, pm = { NULL, 0 };
	const char *c = memchr(t->s, ':', t->n), *c2;

	if (!c)
		return perr(s, t, deny ? "expected IPA:SIZE[:PERM]" : "expected IPA:SIZE");
	a.n = (size_t)(c - t->s);
	b.s = c + 1;
	b.n = t->n - a.n - 1;
	c2 = deny ? memchr(b.s, ':', b.n) : NULL;
	if (c2) {
		pm.s = c2 + 1;
		pm.n = b.n - (size_t)(c2 - b.s) - 1;
		b.n = (size_t)(c2 - b.s);
	}
	if (num(s, &a, false, ipa) || num(s, &b, true, size))
		return -1;
	if (deny) {
		const struct name_val *nv = c2 ? names_find(names_s2perm, names_ns2perm, pm.s, pm.n, false) : NULL;

		if (c2 && !nv)
			return perr(s, &pm, "stage-2 permission must be rw, r, w or none");
		*deny = nv ? (uint8_t)nv->val : 0;
	}
	if (*size == 0)
		return perr(s, t, "size must not be 0");
	if (*ipa + *size - 1 < *ipa)
		return perr(s, t, "range wraps around 64 bits");
	return 0;
}

static int in_ram(struct pstate *s, const struct tok *t, uint8_t g, uint64_t ipa, uint64_t len)
{
	if (!scn_rules_in_ram(&s->r, g, ipa, len))
		return perr(s, t, "IPA range outside the guest's RAM");
	return 0;
}

/* ---- statements ----------------------------------------------------------- */

static struct op *add(struct pstate *s, uint8_t kind)
{
	struct op *op = prog_add(s->p, kind);

	if (!op) {
		perr(s, &s->pos[0], "program too large (at most %u statements)", PROG_MAX_OPS);
		return NULL;
	}
	op->line = s->line;
	return op;
}

/* A register name or a numeric offset; *width = the default access size
 * (the register's width; 4 for a numeric offset, whatever it names). */
static int reg_tok(struct pstate *s, const struct tok *t, uint32_t *off, unsigned *width)
{
	const struct reg_def *r;
	char b[40];
	uint64_t v;

	if (t->n && t->s[0] >= '0' && t->s[0] <= '9') {
		if (num(s, t, false, &v))
			return -1;
		if (v >= SMMU_MMIO_SIZE)
			return perr(s, t, "offset outside the 128 KiB register window");
		*off = (uint32_t)v;
		*width = 4;
		return 0;
	}
	r = names_reg_by_name(t->s, t->n);
	if (!r)
		return perr(s, t, "unknown register '%s'", tstr(t, b, sizeof(b)));
	*off = r->off;
	*width = r->width;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Field keys of a structure (ste/cd/cmd) into words; raw= as an alternative. */
static int fields(struct pstate *s, const struct field_def *t, size_t nt, uint64_t *dw, unsigned ndw,
		  const char *what)
{
	struct key *raw = key_find(s, "raw");
	char b[40];
	size_t i;

	if (raw) {
		const char *c = raw->v.s, *e = raw->v.s + raw->v.n;
		unsigned w = 0;

		for (i = 0; i < s->nkeys; i++)
			if (&s->keys[i] != raw)
				return perr(s, &s->keys[i].all, "raw= cannot be combined with fields");
		memset(dw, 0, ndw * sizeof(*dw));
		for (;;) {
			const char *comma = memchr(c, ',', (size_t)(e - c));
			struct tok x = { c, (size_t)((comma ? comma : e) - c) };

			if (w >= ndw)
				return perr(s, &raw->v, "raw= takes at most %u words", ndw);
			if (num(s, &x, false, &dw[w++]))
				return -1;
			if (!comma)
				break;
			c = comma + 1;
		}
		return 0;
	}
	for (i = 0; i < s->nkeys; i++) {
		struct key *k = &s->keys[i];
		const struct field_def *f = names_field(t, nt, k->k.s, k->k.n);
		uint64_t v, shift;

		if (!f)
			continue;   /* left for keys_all_used (or the caller) */
		k->used = true;
		if (num(s, &k->v, false, &v))
			return -1;
		shift = VS_FIELD_SHIFT(f->mask);
		if (f->addr) {
			if (v & ((UINT64_C(1) << shift) - 1))
				return perr(s, &k->v, "address not aligned to %llu bytes for field '%s'",
					    (unsigned long long)(UINT64_C(1) << shift), tstr(&k->k, b, sizeof(b)));
			v >>= shift;
			if (v > VS_FIELD_MAX(f->mask))
				return perr(s, &k->v, "address does not fit field '%s'", tstr(&k->k, b, sizeof(b)));
		} else if (v > VS_FIELD_MAX(f->mask)) {
			return perr(s, &k->v, "value does not fit %s field '%s' (max 0x%llx)", what,
				    tstr(&k->k, b, sizeof(b)), (unsigned long long)VS_FIELD_MAX(f->mask));
		}
		VS_FIELD_SET(dw[f->word], f->mask, v);
	}
	return 0;
}

static int name_or_num(struct pstate *s, const struct tok *t, const struct name_val *tab, size_t n,
		       uint64_t max, const char *what, uint64_t *out)
{
	const struct name_val *nv;
	char b[40];

	if (t->n && t->s[0] >= '0' && t->s[0] <= '9')
		return num_max(s, t, false, max, out);
	nv = names_find(tab, n, t->s, t->n, true);
	if (!nv)
		return perr(s, t, "unknown %s '%s'", what, tstr(t, b, sizeof(b)));
	*out = nv->val;
	return 0;
}

/* "psmmuN" */
static int psmmu_tok(struct pstate *s, const struct tok *t, uint8_t *n)
{
	struct tok d = { t->s + 5, t->n - 5 };
	uint64_t v;

	if (num_max(s, &d, false, OP_MAX_PSMMU - 1, &v) || psmmu_ref(s, t, v))
		return -1;
	*n = (uint8_t)v;
	return 0;
}

static bool is_psmmu_tok(const struct tok *t)
{
	return t->n > 5 && memcmp(t->s, "psmmu", 5) == 0 && t->s[5] >= '0' && t->s[5] <= '9';
}

/* ---- statements, from the schema (op_schema.h) ---------------------------- */

/* A number or a name for scalar field f of op, checked as the schema says. */
static int scalar_tok(struct pstate *s, const struct tok *t, const struct op_field *f, const struct op *op,
		      uint64_t *v)
{
	bool size_ok = f->tfmt == TF_SIZE || (f->attr & FA_SIZEOK);
	const struct name_val *nv;

	if (f->tfmt == TF_NAME && !(f->attr & FA_INNAMES)) {
		nv = names_find(f->names, *f->nnames, t->s, t->n, false);
		if (!nv)
			return perr(s, t, "%s", f->why);
		*v = nv->val;
		return 0;
	}
	if (f->tfmt == TF_NAME_NUM) {
		if (name_or_num(s, t, f->names, *f->nnames, (f->attr & FA_BITSET) ? UINT32_MAX : f->max, f->what, v))
			return -1;
		if ((f->attr & FA_BITSET) && (*v == 0 || (*v & ~f->max)))
			return perr(s, t, "%s", f->why);
		if (*v < f->min)
			return perr(s, t, "value out of range (min 0x%llx)", (unsigned long long)f->min);
		return 0;
	}
	if (f->attr & FA_INNAMES) {
		if (num(s, t, size_ok, v))
			return -1;
		if (!names_of(f->names, *f->nnames, *v))
			return perr(s, t, "%s", f->why);
		return 0;
	}
	if (f->attr & FA_ADDR) {
		uint64_t align = UINT64_C(1) << VS_FIELD_SHIFT(f->max);

		if (num(s, t, false, v))
			return -1;
		if (*v & (align - 1))
			return perr(s, t, "address not aligned to %llu bytes", (unsigned long long)align);
		if (*v > f->max)
			return perr(s, t, "%s", f->why);
		return 0;
	}
	if (num_max(s, t, size_ok, op_field_max(op, f), v))
		return -1;
	if (*v < f->min || ((f->attr & FA_POW2) && (*v & (*v - 1))))
		return perr(s, t, "%s", f->why ? f->why : "value out of range");
	return 0;
}

/* A keyed scalar: required unless it has a HAS_ bit or a printed default. */
static int key_field(struct pstate *s, struct op *op, const struct op_field *f)
{
	struct key *k = key_find(s, f->key);
	uint64_t v;

	if (!k) {
		if ((!f->has && !(f->attr & FA_PRDEF)) || (f->attr & FA_REQUIRED))
			return perr(s, &s->pos[0], "missing key '%s'", f->key);
		if (!(f->attr & FA_KEEP))
			op_field_set(op, f, f->def);
		return 0;
	}
	if (scalar_tok(s, &k->v, f, op, &v))
		return -1;
	op_field_set(op, f, (f->attr & FA_NOT) ? !v : v);
	op->has |= f->has;
	return 0;
}

/* Positional words a field takes: *min..*max. */
static void field_npos(const struct op_field *f, size_t *min, size_t *max)
{
	*min = *max = 0;
	switch (f->type) {
	case FT_GNAME: case FT_REG: case FT_INRAM: case FT_RANGE: case FT_CMDOP: case FT_PSMMU_NEW:
		*min = *max = 1;
		return;
	case FT_BYTES:
		*min = *max = 2;
		return;
	case FT_WORDS64:
		*min = 2;
		*max = 1 + OP_MAX_WORDS;
		return;
	case FT_UINT:
		if (f->key || f->tfmt == TF_NONE || f->tfmt == TF_RANGE_HI)
			return;
		*max = 1;
		*min = (f->tfmt == TF_WORD || (f->attr & FA_OPTPOS)) ? 0 : 1;
		return;
	default:
		return;
	}
}

static bool psmmu_target(const struct op_schema *sc)
{
	return sc->nfields && sc->fields[0].type == FT_PSMMU && !sc->fields[0].key;
}

static size_t sub_words(const char *sub)
{
	size_t n = 0;

	for (; sub && *sub; n++) {
		sub = strchr(sub, ' ');
		if (sub)
			sub++;
	}
	return n;
}

/* Word w (0-based) of a statement's sub words equals token t. */
static bool sub_word_is(const char *sub, size_t w, const struct tok *t)
{
	const char *e;

	while (sub && w--) {
		sub = strchr(sub, ' ');
		if (sub)
			sub++;
	}
	if (!sub)
		return false;
	e = strchr(sub, ' ');
	return t->n == (size_t)(e ? e - sub : (ptrdiff_t)strlen(sub)) && memcmp(t->s, sub, t->n) == 0;
}

/* Structured and special fields. pi is the next positional token. */
static int special_field(struct pstate *s, struct op *op, const struct op_field *f, size_t *pi)
{
	char name[OP_NAME_MAX + 1] = { 0 }, b[40];
	uint64_t v, ipa;
	struct key *k;
	size_t i, n;
	long at;
	int why;

	switch (f->type) {
	case FT_PSMMU:
		if (!f->key)
			return 0;   /* the inject target: read with the statement */
		if (key_num_need(s, f->key, false, f->max, &v) || psmmu_ref(s, &key_find(s, f->key)->v, v))
			return -1;
		op_field_set(op, f, v);
		return 0;
	case FT_PSMMU_NEW:
		if (num_max(s, &s->pos[*pi], false, f->max, &v))
			return -1;
		if (s->r.nguests)
			return perr(s, &s->pos[0], "psmmu must be declared before any guest");
		if (s->r.psmmu_mask & (1u << v))
			return perr(s, &s->pos[*pi], "psmmu %llu declared twice", (unsigned long long)v);
		(*pi)++;
		op_field_set(op, f, v);
		return 0;
	case FT_GNAME: {
		const struct tok *t = &s->pos[(*pi)++];

		if (!scn_name_valid(t->s, t->n))
			return perr(s, t, "bad guest name");
		tstr(t, name, sizeof(name));
		if (scn_rules_find(&s->r, s->p, name) >= 0)
			return perr(s, t, "guest name '%s' already used", name);
		if (s->r.nguests >= OP_MAX_GUESTS)
			return perr(s, t, "too many guests (at most %u)", OP_MAX_GUESTS);
		op->guest = (uint8_t)s->r.nguests;
		memcpy(s->p->names[op->guest], name, sizeof(name));
		return 0;
	}
	case FT_RAM: {
		const char *c, *e;

		if (key_need(s, f->key, &k))
			return -1;
		c = k->v.s;
		e = k->v.s + k->v.n;
		for (;;) {
			const char *comma = memchr(c, ',', (size_t)(e - c));
			struct tok r = { c, (size_t)((comma ? comma : e) - c) };

			i = op->u.guest.nranges;
			if (i >= OP_MAX_RANGES)
				return perr(s, &r, "too many RAM ranges (at most %u)", OP_MAX_RANGES);
			if (range_tok(s, &r, &op->u.guest.ipa[i], &op->u.guest.size[i], &op->u.guest.s2deny[i]))
				return -1;
			op->u.guest.nranges++;
			if (!comma)
				break;
			c = comma + 1;
		}
		why = scn_ram_check(op);
		if (why)
			return perr(s, &k->v, "%s", scn_ram_why(why));
		return 0;
	}
	case FT_REG: {
		unsigned width = 4;

		if (reg_tok(s, &s->pos[(*pi)++], &op->u.reg.off, &width))
			return -1;
		op->u.reg.size = (uint8_t)width;
		op->u.reg.mask = UINT64_MAX;
		return 0;
	}
	case FT_BYTES: case FT_WORDS64: {
		const struct tok *ti = &s->pos[*pi];

		if (num(s, ti, false, &ipa))
			return -1;
		if (f->type == FT_WORDS64) {
			uint64_t w[OP_MAX_WORDS];

			n = s->npos - *pi - 1;
			for (i = 0; i < n; i++)
				if (num(s, &s->pos[*pi + 1 + i], false, &w[i]))
					return -1;
			if (in_ram(s, ti, op->guest, ipa, n * 8))
				return -1;
			at = prog_add_words(s->p, w, n);
		} else {
			uint8_t bb[OP_MAX_BYTES];
			const struct tok *t = &s->pos[*pi + 1];

			if (t->n % 2)
				return perr(s, t, "odd number of hex digits");
			if (t->n / 2 > OP_MAX_BYTES)
				return perr(s, t, "too many bytes (at most %u)", OP_MAX_BYTES);
			n = t->n / 2;
			for (i = 0; i < n; i++) {
				int hi = hexval(t->s[2 * i]), lo = hexval(t->s[2 * i + 1]);

				if (hi < 0 || lo < 0)
					return perr(s, t, "bad hex bytes");
				bb[i] = (uint8_t)(hi << 4 | lo);
			}
			if (in_ram(s, ti, op->guest, ipa, n))
				return -1;
			at = prog_add_bytes(s->p, bb, n);
		}
		*pi = s->npos;
		if (at < 0)
			return perr(s, &s->pos[0], "out of memory");
		op->u.mem.ipa = ipa;
		op->u.mem.len = (uint32_t)n;
		op->u.mem.data = (uint32_t)at;
		return 0;
	}
	case FT_INRAM: {
		const struct tok *t = &s->pos[(*pi)++];

		if (num(s, t, false, &v) || in_ram(s, t, op->guest, v, f->len))
			return -1;
		op_field_set(op, f, v);
		return 0;
	}
	case FT_RANGE: {
		const struct tok *t = &s->pos[(*pi)++];

		if (range_tok(s, t, &op->u.ptpool.ipa, &op->u.ptpool.size, NULL) ||
		    in_ram(s, t, op->guest, op->u.ptpool.ipa, op->u.ptpool.size))
			return -1;
		return 0;
	}
	case FT_WORDS: {
		uint64_t dw[8] = { 0 };

		if (fields(s, f->fdefs, *f->nfdefs, dw, f->width / 8, f->what))
			return -1;
		memcpy((unsigned char *)op + f->off, dw, f->width);
		return 0;
	}
	case FT_CMDOP: {
		const struct tok *t = &s->pos[(*pi)++];

		s->cmd = NULL;
		if (t->n && t->s[0] >= '0' && t->s[0] <= '9') {
			if (num_max(s, t, false, 0xff, &s->cmd_op))
				return -1;
			s->cmd = names_cmd_by_op((uint8_t)s->cmd_op);
		} else if (names_ieq(t->s, t->n, "CFGI_ALL")) {
			/* an alias: CFGI_STE_RANGE over every stream */
			s->cmd = names_cmd_by_op(CMD_OP_CFGI_STE_RANGE);
			s->cmd_op = s->cmd->op;
			VS_FIELD_SET(op->u.cmd.dw[1], CMD1_RANGE, CMD_CFGI_RANGE_ALL);
		} else {
			s->cmd = names_cmd_by_name(t->s, t->n);
			if (!s->cmd)
				return perr(s, t, "unknown opcode '%s'", tstr(t, b, sizeof(b)));
			s->cmd_op = s->cmd->op;
		}
		VS_FIELD_SET(op->u.cmd.dw[0], CMD0_OP, s->cmd_op);
		return 0;
	}
	case FT_CMDWORDS: {
		const struct cmd_def *def = s->cmd;

		if (fields(s, def ? def->fields : NULL, def ? def->nfields : 0, op->u.cmd.dw, CMD_DWORDS, "command"))
			return -1;
		if (VS_FIELD_GET(CMD0_OP, op->u.cmd.dw[0]) != s->cmd_op)
			return perr(s, &key_find(s, "raw")->v, "raw= opcode byte differs from the opcode");
		for (i = 0; i < s->nkeys; i++)
			if (!s->keys[i].used)
				return perr(s, &s->keys[i].all, "field '%s' is not defined for this opcode",
					    tstr(&s->keys[i].k, b, sizeof(b)));
		return 0;
	}
	default:
		return 0;
	}
}

/* One field of the statement. */
static int parse_field(struct pstate *s, struct op *op, const struct op_field *f, size_t *pi)
{
	uint64_t v;

	if (f->type == FT_FLAGS)
		return 0;
	if (f->type != FT_UINT)
		return special_field(s, op, f, pi);
	if (f->key)
		return key_field(s, op, f);
	switch (f->tfmt) {
	case TF_NONE: case TF_RANGE_HI:
		return 0;
	case TF_WORD:
		if (*pi < s->npos) {
			if (!teq(&s->pos[*pi], f->word))
				return perr(s, &s->pos[*pi], "unexpected argument");
			(*pi)++;
			op_field_set(op, f, 1);
		}
		return 0;
	case TF_RANGE_LO: {
		uint64_t lo, hi;

		/* IPA:SIZE, the size being the next field */
		if (range_tok(s, &s->pos[(*pi)++], &lo, &hi, NULL))
			return -1;
		op_field_set(op, f, lo);
		op_field_set(op, f + 1, hi);
		return 0;
	}
	default:
		break;
	}
	if (*pi >= s->npos) {
		op_field_set(op, f, f->def);   /* FA_OPTPOS */
		return 0;
	}
	if (scalar_tok(s, &s->pos[*pi], f, op, &v))
		return -1;
	(*pi)++;
	op_field_set(op, f, v);
	return 0;
}

/* Rules across fields, beyond what the schema's ranges say. */
static int kind_rules(struct pstate *s, struct op *op)
{
	uint64_t gm;

	switch (op->kind) {
	case OP_GUEST:
		if (scn_rules_vmid_used(&s->r, op->u.guest.vmid))
			return perr(s, &key_find(s, "vmid")->v, "VMID %u already used", op->u.guest.vmid);
		return 0;
	case OP_MAP:
		gm = op->u.map.granule - 1;
		if ((op->u.map.iova | op->u.map.ipa | op->u.map.size) & gm)
			return perr(s, &s->pos[0], "iova, ipa and size must be multiples of the granule");
		if (op->u.map.iova + op->u.map.size - 1 < op->u.map.iova ||
		    op->u.map.ipa + op->u.map.size - 1 < op->u.map.ipa)
			return perr(s, &s->pos[0], "range wraps around 64 bits");
		return 0;
	case OP_DMA:
		if ((op->u.dma.iova & 0xfff) + op->u.dma.len > 4096)
			return perr(s, &s->pos[0], "DMA crosses a 4K page boundary");
		return 0;
	default:
		return 0;
	}
}

/* A statement of a known kind: its words, then its fields in text order
 * (a value whose range depends on the access size after the size). */
static int parse_kind(struct pstate *s, uint8_t kind)
{
	const struct op_schema *sc = &op_schemas[kind];
	size_t nmin = 1 + sub_words(sc->sub), nmax, pi, dpi = 0, i, a, b, nlate = 0;
	const struct op_field *deferred = NULL;
	bool target = psmmu_target(sc), words = false;
	struct op *op;
	uint8_t g = 0, n = 0;

	if (sc->names_guest || target)
		nmin++;
	nmax = nmin;
	for (i = 0; i < sc->nfields; i++) {
		field_npos(&sc->fields[i], &a, &b);
		nmin += a;
		nmax += b;
		if ((sc->fields[i].attr & FA_SIZEMAX) && !sc->fields[i].key)
			nlate += a;
	}
	/* a missing write value is reported after the guest reference */
	if (npos_check(s, nmin - nlate, nmax))
		return -1;
	if (sc->names_guest && guest_ref(s, &s->pos[1], &g))
		return -1;
	if (npos_check(s, nmin, nmax))
		return -1;
	if (target && psmmu_tok(s, &s->pos[1], &n))
		return -1;
	if (!(op = add(s, kind)))
		return -1;
	op->guest = g;
	if (target)
		op_field_set(op, &sc->fields[0], n);
	/* a trailing bare word (nokick) is checked before the rest */
	for (i = 0; i < sc->nfields; i++)
		if (sc->fields[i].type == FT_UINT && sc->fields[i].tfmt == TF_WORD && s->npos == nmax) {
			if (!teq(&s->pos[nmax - 1], sc->fields[i].word))
				return perr(s, &s->pos[nmax - 1], "unexpected argument");
			op_field_set(op, &sc->fields[i], 1);
			s->npos--;
			words = true;
		}
	pi = 1 + (sc->names_guest || target) + sub_words(sc->sub);
	for (i = 0; i < sc->nfields; i++) {
		const struct op_field *f = &sc->fields[i];

		if ((f->attr & FA_SIZEMAX) && !f->key && !deferred) {
			deferred = f;   /* write's value: after size= */
			dpi = pi++;
			continue;
		}
		if (parse_field(s, op, f, &pi))
			return -1;
	}
	if (deferred) {
		pi = dpi;
		if (parse_field(s, op, deferred, &pi))
			return -1;
	}
	if (words)
		s->npos++;
	if (kind_rules(s, op))
		return -1;
	scn_rules_apply(&s->r, s->p, op);
	return 0;
}

/* A keyword shared by kinds told apart by their sub words (inject):
 * without a target (inject alloc-fail), on a guest (inject G mem-abort
 * [off]), or on a psmmu (inject psmmuN event ...). */
static int sub_kind(struct pstate *s, const char *kw, uint8_t *kind)
{
	const struct op_schema *sc;
	int best = -1;
	unsigned k;
	uint8_t n;

	if (npos_check(s, 2, 4))
		return -1;
	for (k = 0; k < OP_KIND_NR; k++) {
		sc = &op_schemas[k];
		if (sc->sub && strcmp(sc->keyword, kw) == 0 && !sc->names_guest && !psmmu_target(sc) &&
		    sub_word_is(sc->sub, 0, &s->pos[1])) {
			*kind = (uint8_t)k;
			return 0;
		}
	}
	if (npos_check(s, 3, 4))
		return -1;
	for (k = 0; k < OP_KIND_NR; k++) {
		sc = &op_schemas[k];
		if (!sc->sub || strcmp(sc->keyword, kw) != 0 || !sc->names_guest || !sub_word_is(sc->sub, 0, &s->pos[2]))
			continue;
		if (sub_words(sc->sub) == 1 && best < 0)
			best = (int)k;
		else if (sub_words(sc->sub) == 2 && s->npos > 3 && sub_word_is(sc->sub, 1, &s->pos[3]))
			best = (int)k;
	}
	if (best >= 0) {
		*kind = (uint8_t)best;
		return 0;
	}
	if (!is_psmmu_tok(&s->pos[1]))
		return perr(s, &s->pos[1], "expected psmmuN, a guest with mem-abort, or alloc-fail");
	if (psmmu_tok(s, &s->pos[1], &n))
		return -1;
	for (k = 0; k < OP_KIND_NR; k++) {
		sc = &op_schemas[k];
		if (sc->sub && strcmp(sc->keyword, kw) == 0 && psmmu_target(sc) && sub_word_is(sc->sub, 0, &s->pos[2])) {
			*kind = (uint8_t)k;
			return 0;
		}
	}
	return perr(s, &s->pos[2], "unknown inject kind");
}

static int statement(struct pstate *s)
{
	const struct tok *t = &s->pos[0];
	char b[40];
	unsigned k;

	for (k = 0; k < OP_KIND_NR; k++) {
		const struct op_schema *sc = &op_schemas[k];
		uint8_t kind = (uint8_t)k;

		if (!teq(t, sc->keyword))
			continue;
		if (sc->sub && sub_kind(s, sc->keyword, &kind))
			return -1;
		if (parse_kind(s, kind))
			return -1;
		return keys_all_used(s);
	}
	return perr(s, t, "unknown statement '%s'", tstr(t, b, sizeof(b)));
}

/* Split one line into tokens; positional and key=value. */
static int tokenize(struct pstate *s, const char *l, size_t n)
{
	size_t i = 0, j, k;

	s->ntoks = s->npos = s->nkeys = 0;
	/* Every byte of the line must be printable ASCII, tab or CR. */
	for (j = 0; j < n; j++) {
		unsigned char c = (unsigned char)l[j];

		if (!((c >= 0x20 && c < 0x7f) || c == '\t' || c == '\r')) {
			struct tok t = { l + j, 1 };

			return perr(s, &t, "invalid byte 0x%02x (scenarios are ASCII text)", c);
		}
	}
	for (j = 0; j < n; j++)
		if (l[j] == '#') {
			n = j;
			break;
		}
	while (i < n) {
		struct tok t;

		while (i < n && (l[i] == ' ' || l[i] == '\t' || l[i] == '\r'))
			i++;
		if (i >= n)
			break;
		j = i;
		while (j < n && l[j] != ' ' && l[j] != '\t' && l[j] != '\r')
			j++;
		t.s = l + i;
		t.n = j - i;
		if (s->ntoks >= MAX_TOKS)
			return perr(s, &t, "too many arguments on one line");
		s->toks[s->ntoks++] = t;
		i = j;
	}
	for (j = 0; j < s->ntoks; j++) {
		struct tok *t = &s->toks[j];
		const char *eq = j ? memchr(t->s, '=', t->n) : NULL;

		if (!eq) {
			s->pos[s->npos++] = *t;
			continue;
		}
		if (s->nkeys >= MAX_KEYS)
			return perr(s, t, "too many keys on one line");
		{
			struct key *kk = &s->keys[s->nkeys];

			kk->k.s = t->s;
			kk->k.n = (size_t)(eq - t->s);
			kk->v.s = eq + 1;
			kk->v.n = t->n - kk->k.n - 1;
			kk->all = *t;
			kk->used = false;
			if (kk->k.n == 0)
				return perr(s, t, "missing key name");
			for (k = 0; k < s->nkeys; k++)
				if (s->keys[k].k.n == kk->k.n && memcmp(s->keys[k].k.s, kk->k.s, kk->k.n) == 0) {
					char b[40];

					return perr(s, t, "duplicate key '%s'", tstr(&kk->k, b, sizeof(b)));
				}
			s->nkeys++;
		}
	}
	return 0;
}

/* The parser's state lives here between calls of scn_parse_in: its token
 * arrays make it ~20 KB, which a fuzz target parsing three texts per input
 * would otherwise allocate and free each time (under ASan, freed memory
 * fills the quarantine: docs/performance.md). */
struct scn_parser {
	struct pstate s;
};

struct scn_parser *scn_parser_create(void)
{
	return malloc(sizeof(struct scn_parser));
}

void scn_parser_destroy(struct scn_parser *ps)
{
	free(ps);
}

int scn_parse(const char *filename, const char *text, size_t len, struct prog *out, char *err, size_t errlen)
{
	struct scn_parser *ps = scn_parser_create();
	int rc;

	if (!ps) {
		if (err && errlen)
			snprintf(err, errlen, "%s:0: out of memory (near '')", filename);
		prog_reset(out);
		return -1;
	}
	rc = scn_parse_in(ps, filename, text, len, out, err, errlen);
	scn_parser_destroy(ps);
	return rc;
}

int scn_parse_in(struct scn_parser *ps, const char *filename, const char *text, size_t len, struct prog *out,
		 char *err, size_t errlen)
{
	struct pstate *s = &ps->s;
	size_t i = 0;
	int rc = 0;

	if (err && errlen)
		err[0] = '\0';
	prog_reset(out);
	memset(s, 0, sizeof(*s));   /* as a new one: nothing of the last parse is seen */
	s->file = filename;
	s->err = err;
	s->errlen = errlen;
	s->p = out;
	scn_rules_init(&s->r);
	while (i < len && rc == 0) {
		const char *l = text + i;
		const char *nl = memchr(l, '\n', len - i);
		size_t n = nl ? (size_t)(nl - l) : len - i;

		s->line++;
		i += n + (nl ? 1 : 0);
		rc = tokenize(s, l, n);
		if (rc == 0 && s->npos > 0)
			rc = statement(s);
		else if (rc == 0 && s->nkeys > 0)
			rc = perr(s, &s->keys[0].all, "statement expected");
	}
	if (rc)
		prog_reset(out);
	return rc ? -1 : 0;
}
