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

/* Optional numeric key. Returns 1 if present, 0 if absent, -1 on error. */
static int key_num(struct pstate *s, const char *name, bool size_ok, uint64_t max, uint64_t *out)
{
	struct key *k = key_find(s, name);

	if (!k)
		return 0;
	if (num_max(s, &k->v, size_ok, max, out))
		return -1;
	return 1;
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

/* IPA:SIZE */
/* IPA:SIZE, and with deny != NULL an optional :PERM (rw, r, w, none: the
 * stage-2 permissions of a guest RAM range). */
static int range_tok(struct pstate *s, const struct tok *t, uint64_t *ipa, uint64_t *size,
		     uint8_t *deny)
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
		static const struct { const char *w; uint8_t deny; } perms[] = {
			{ "rw", 0 }, { "r", S2DENY_W }, { "w", S2DENY_R }, { "none", S2DENY_NONE },
		};
		bool found = !c2;

		*deny = 0;
		for (size_t i = 0; c2 && i < sizeof perms / sizeof perms[0]; i++)
			if (teq(&pm, perms[i].w)) {
				*deny = perms[i].deny;
				found = true;
			}
		if (!found)
			return perr(s, &pm, "stage-2 permission must be rw, r, w or none");
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

static int st_psmmu(struct pstate *s)
{
	uint64_t n, v;
	struct op *op;
	int r;

	if (npos_check(s, 2, 2) || num_max(s, &s->pos[1], false, OP_MAX_PSMMU - 1, &n))
		return -1;
	if (s->r.nguests)
		return perr(s, &s->pos[0], "psmmu must be declared before any guest");
	if (s->r.psmmu_mask & (1u << n))
		return perr(s, &s->pos[1], "psmmu %llu declared twice", (unsigned long long)n);
	if (!(op = add(s, OP_PSMMU)))
		return -1;
	op->u.psmmu.n = (uint8_t)n;
	op->u.psmmu.sidsize = SCN_DEFAULT_SIDSIZE;
	op->u.psmmu.ssidsize = SCN_DEFAULT_SSIDSIZE;
	op->u.psmmu.oas = SCN_DEFAULT_OAS;
	if ((r = key_num(s, "sidsize", false, SMMU_SIDSIZE_MAX, &v)) < 0)
		return -1;
	if (r) {
		if (v < 1)
			return perr(s, &key_find(s, "sidsize")->v, "sidsize must be 1..32");
		op->u.psmmu.sidsize = (uint8_t)v;
		op->has |= HAS_SIDSIZE;
	}
	if ((r = key_num(s, "ssidsize", false, SMMU_SSIDSIZE_MAX, &v)) < 0)
		return -1;
	if (r) {
		op->u.psmmu.ssidsize = (uint8_t)v;
		op->has |= HAS_SSIDSIZE;
	}
	if ((r = key_num(s, "oas", false, 52, &v)) < 0)
		return -1;
	if (r) {
		if (v < 32)
			return perr(s, &key_find(s, "oas")->v, "oas must be 32..52");
		op->u.psmmu.oas = (uint8_t)v;
		op->has |= HAS_OAS;
	}
	if ((r = key_num(s, "ril", false, 1, &v)) < 0)
		return -1;
	if (r)
		op->u.psmmu.noril = !v;
	scn_rules_apply(&s->r, s->p, op);
	return 0;
}

static int st_guest(struct pstate *s)
{
	char name[OP_NAME_MAX + 1] = { 0 };
	struct key *k;
	uint64_t vmid;
	struct op *op;
	const char *c, *e;
	int why;

	if (npos_check(s, 2, 2))
		return -1;
	if (!scn_name_valid(s->pos[1].s, s->pos[1].n))
		return perr(s, &s->pos[1], "bad guest name");
	tstr(&s->pos[1], name, sizeof(name));
	if (scn_rules_find(&s->r, s->p, name) >= 0)
		return perr(s, &s->pos[1], "guest name '%s' already used", name);
	if (s->r.nguests >= OP_MAX_GUESTS)
		return perr(s, &s->pos[1], "too many guests (at most %u)", OP_MAX_GUESTS);
	if (key_num_need(s, "vmid", false, UINT16_MAX, &vmid))
		return -1;
	if (vmid == 0)
		return perr(s, &key_find(s, "vmid")->v, "VMID 0 is reserved");
	if (scn_rules_vmid_used(&s->r, (uint16_t)vmid))
		return perr(s, &key_find(s, "vmid")->v, "VMID %llu already used", (unsigned long long)vmid);
	if (key_need(s, "ram", &k) || !(op = add(s, OP_GUEST)))
		return -1;
	op->u.guest.vmid = (uint16_t)vmid;
	c = k->v.s;
	e = k->v.s + k->v.n;
	for (;;) {
		const char *comma = memchr(c, ',', (size_t)(e - c));
		struct tok r = { c, (size_t)((comma ? comma : e) - c) };
		unsigned i = op->u.guest.nranges;

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
	op->guest = (uint8_t)s->r.nguests;
	memcpy(s->p->names[op->guest], name, sizeof(name));
	scn_rules_apply(&s->r, s->p, op);
	return 0;
}

static int st_assign(struct pstate *s, bool un)
{
	uint64_t vsid, n = 0, psid = 0;
	struct op *op;
	uint8_t g;

	if (npos_check(s, 2, 2) || guest_ref(s, &s->pos[1], &g) ||
	    key_num_need(s, "vsid", false, UINT32_MAX, &vsid))
		return -1;
	if (!un) {
		if (key_num_need(s, "psmmu", false, OP_MAX_PSMMU - 1, &n) ||
		    psmmu_ref(s, &key_find(s, "psmmu")->v, n) ||
		    key_num_need(s, "psid", false, UINT32_MAX, &psid))
			return -1;
	}
	if (!(op = add(s, un ? OP_UNASSIGN : OP_ASSIGN)))
		return -1;
	op->guest = g;
	op->u.assign.vsid = (uint32_t)vsid;
	op->u.assign.psmmu = (uint8_t)n;
	op->u.assign.psid = (uint32_t)psid;
	return 0;
}

static int st_guest_only(struct pstate *s, uint8_t kind)
{
	struct op *op;
	uint8_t g;

	if (npos_check(s, 2, 2) || guest_ref(s, &s->pos[1], &g) || !(op = add(s, kind)))
		return -1;
	op->guest = g;
	scn_rules_apply(&s->r, s->p, op);
	return 0;
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

static uint64_t size_max(unsigned size)
{
	return size >= 8 ? UINT64_MAX : (UINT64_C(1) << (8 * size)) - 1;
}

static int st_reg(struct pstate *s, uint8_t kind)
{
	unsigned width = 4;
	uint64_t v;
	struct op *op;
	uint8_t g;
	int r;

	if (npos_check(s, 3, kind == OP_WRITE ? 4 : 3) || guest_ref(s, &s->pos[1], &g))
		return -1;
	if (kind == OP_WRITE && npos_check(s, 4, 4))
		return -1;
	if (!(op = add(s, kind)))
		return -1;
	op->guest = g;
	if (reg_tok(s, &s->pos[2], &op->u.reg.off, &width))
		return -1;
	op->u.reg.size = (uint8_t)width;
	op->u.reg.mask = UINT64_MAX;
	op->u.reg.tries = kind == OP_POLL ? SCN_DEFAULT_TRIES : 0;
	if ((r = key_num(s, "size", false, 8, &v)) < 0)
		return -1;
	if (r) {
		if (v != 1 && v != 2 && v != 4 && v != 8)
			return perr(s, &key_find(s, "size")->v, "size must be 1, 2, 4 or 8");
		op->u.reg.size = (uint8_t)v;
		op->has |= HAS_SIZE;
	}
	if (kind == OP_WRITE) {
		if (num_max(s, &s->pos[3], false, size_max(op->u.reg.size), &op->u.reg.value))
			return -1;
		return 0;
	}
	if (kind == OP_POLL && !key_find(s, "expect"))
		return perr(s, &s->pos[0], "missing key 'expect'");
	if ((r = key_num(s, "expect", false, size_max(op->u.reg.size), &op->u.reg.value)) < 0)
		return -1;
	if (r)
		op->has |= HAS_EXPECT;
	if ((r = key_num(s, "mask", false, UINT64_MAX, &op->u.reg.mask)) < 0)
		return -1;
	if (r)
		op->has |= HAS_MASK;
	if (kind == OP_POLL) {
		if ((r = key_num(s, "tries", false, UINT32_MAX, &v)) < 0)
			return -1;
		if (r) {
			if (v == 0)
				return perr(s, &key_find(s, "tries")->v, "tries must be at least 1");
			op->u.reg.tries = (uint32_t)v;
			op->has |= HAS_TRIES;
		}
	}
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

static int st_mem(struct pstate *s, uint8_t kind)
{
	uint64_t ipa;
	struct op *op;
	uint8_t g;
	size_t i, n;
	long at;

	if (npos_check(s, 4, kind == OP_MEM64 ? 3 + OP_MAX_WORDS : 4) || guest_ref(s, &s->pos[1], &g) ||
	    num(s, &s->pos[2], false, &ipa))
		return -1;
	if (kind == OP_MEM64) {
		uint64_t w[OP_MAX_WORDS];

		n = s->npos - 3;
		for (i = 0; i < n; i++)
			if (num(s, &s->pos[3 + i], false, &w[i]))
				return -1;
		if (in_ram(s, &s->pos[2], g, ipa, n * 8) || !(op = add(s, kind)))
			return -1;
		at = prog_add_words(s->p, w, n);
	} else {
		uint8_t b[OP_MAX_BYTES];
		const struct tok *t = &s->pos[3];

		if (t->n % 2)
			return perr(s, t, "odd number of hex digits");
		if (t->n / 2 > OP_MAX_BYTES)
			return perr(s, t, "too many bytes (at most %u)", OP_MAX_BYTES);
		n = t->n / 2;
		for (i = 0; i < n; i++) {
			int hi = hexval(t->s[2 * i]), lo = hexval(t->s[2 * i + 1]);

			if (hi < 0 || lo < 0)
				return perr(s, t, "bad hex bytes");
			b[i] = (uint8_t)(hi << 4 | lo);
		}
		if (in_ram(s, &s->pos[2], g, ipa, n) || !(op = add(s, kind)))
			return -1;
		at = prog_add_bytes(s->p, b, n);
	}
	if (at < 0)
		return perr(s, &s->pos[0], "out of memory");
	op->guest = g;
	op->u.mem.ipa = ipa;
	op->u.mem.len = (uint32_t)n;
	op->u.mem.data = (uint32_t)at;
	return 0;
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

static int st_ste(struct pstate *s)
{
	uint64_t sid;
	struct op *op;
	uint8_t g;

	if (npos_check(s, 3, 3) || guest_ref(s, &s->pos[1], &g) || num_max(s, &s->pos[2], false, UINT32_MAX, &sid) ||
	    !(op = add(s, OP_STE)))
		return -1;
	op->guest = g;
	op->u.ste.sid = (uint32_t)sid;
	return fields(s, names_ste_fields, names_nste_fields, op->u.ste.dw, STE_DWORDS, "STE");
}

static int st_cd(struct pstate *s)
{
	uint64_t ipa;
	struct op *op;
	uint8_t g;

	if (npos_check(s, 3, 3) || guest_ref(s, &s->pos[1], &g) || num(s, &s->pos[2], false, &ipa) ||
	    in_ram(s, &s->pos[2], g, ipa, CD_SIZE) || !(op = add(s, OP_CD)))
		return -1;
	op->guest = g;
	op->u.cd.ipa = ipa;
	return fields(s, names_cd_fields, names_ncd_fields, op->u.cd.dw, CD_DWORDS, "CD");
}

static int st_l1std(struct pstate *s)
{
	uint64_t idx, span, ptr;
	struct op *op;
	uint8_t g;

	if (npos_check(s, 3, 3) || guest_ref(s, &s->pos[1], &g) || num_max(s, &s->pos[2], false, UINT32_MAX, &idx) ||
	    key_num_need(s, "span", false, VS_FIELD_MAX(L1STD_SPAN), &span) ||
	    key_num_need(s, "l2ptr", false, UINT64_MAX, &ptr))
		return -1;
	if (ptr & ((UINT64_C(1) << VS_FIELD_SHIFT(L1STD_L2PTR)) - 1))
		return perr(s, &key_find(s, "l2ptr")->v, "address not aligned to 64 bytes");
	if ((ptr >> VS_FIELD_SHIFT(L1STD_L2PTR)) > VS_FIELD_MAX(L1STD_L2PTR))
		return perr(s, &key_find(s, "l2ptr")->v, "address does not fit field 'l2ptr'");
	if (!(op = add(s, OP_L1STD)))
		return -1;
	op->guest = g;
	op->u.l1std.index = (uint32_t)idx;
	op->u.l1std.span = (uint8_t)span;
	op->u.l1std.l2ptr = ptr;
	return 0;
}

static int st_ptpool(struct pstate *s)
{
	uint64_t ipa, size;
	struct op *op;
	uint8_t g;

	if (npos_check(s, 3, 3) || guest_ref(s, &s->pos[1], &g) || range_tok(s, &s->pos[2], &ipa, &size, NULL) ||
	    in_ram(s, &s->pos[2], g, ipa, size) || !(op = add(s, OP_PTPOOL)))
		return -1;
	op->guest = g;
	op->u.ptpool.ipa = ipa;
	op->u.ptpool.size = size;
	return 0;
}

static int st_map(struct pstate *s)
{
	uint64_t ttb, iova, ipa, size = 4096, gran = 4096;
	struct key *k;
	struct op *op;
	uint8_t g, perm = PERM_RW, has = 0;
	int r;

	if (npos_check(s, 2, 2) || guest_ref(s, &s->pos[1], &g) ||
	    key_num_need(s, "ttb", false, UINT64_MAX, &ttb) ||
	    key_num_need(s, "iova", false, UINT64_MAX, &iova) ||
	    key_num_need(s, "ipa", false, UINT64_MAX, &ipa))
		return -1;
	if ((r = key_num(s, "size", true, UINT64_MAX, &size)) < 0)
		return -1;
	has = r ? 1 : 0;
	if ((k = key_find(s, "perm"))) {
		if (teq(&k->v, "r"))
			perm = PERM_R;
		else if (teq(&k->v, "w"))
			perm = PERM_W;
		else if (teq(&k->v, "rw"))
			perm = PERM_RW;
		else
			return perr(s, &k->v, "perm must be r, w or rw");
	}
	if ((k = key_find(s, "granule"))) {
		if (num(s, &k->v, true, &gran))
			return -1;
		if (gran != 4096 && gran != 16384 && gran != 65536)
			return perr(s, &k->v, "granule must be 4K, 16K or 64K");
	}
	if (size == 0)
		return perr(s, &key_find(s, "size")->v, "size must not be 0");
	if ((iova | ipa | size) & (gran - 1))
		return perr(s, &s->pos[0], "iova, ipa and size must be multiples of the granule");
	if (iova + size - 1 < iova || ipa + size - 1 < ipa)
		return perr(s, &s->pos[0], "range wraps around 64 bits");
	if (!(op = add(s, OP_MAP)))
		return -1;
	op->guest = g;
	op->has = has ? HAS_SIZE : 0;
	op->u.map.ttb = ttb;
	op->u.map.iova = iova;
	op->u.map.ipa = ipa;
	op->u.map.size = size;
	op->u.map.perm = perm;
	op->u.map.granule = (uint32_t)gran;
	return 0;
}

static int st_cmd(struct pstate *s)
{
	const struct cmd_def *def = NULL;
	struct op *op;
	uint64_t opc;
	uint8_t g;
	size_t i;
	char b[40];

	if (npos_check(s, 3, 4) || guest_ref(s, &s->pos[1], &g) || !(op = add(s, OP_CMD)))
		return -1;
	op->guest = g;
	if (s->npos == 4) {
		if (!teq(&s->pos[3], "nokick"))
			return perr(s, &s->pos[3], "unexpected argument");
		op->u.cmd.nokick = true;
	}
	if (s->pos[2].n && s->pos[2].s[0] >= '0' && s->pos[2].s[0] <= '9') {
		if (num_max(s, &s->pos[2], false, 0xff, &opc))
			return -1;
		def = names_cmd_by_op((uint8_t)opc);
	} else if (names_ieq(s->pos[2].s, s->pos[2].n, "CFGI_ALL")) {
		def = names_cmd_by_op(CMD_OP_CFGI_STE_RANGE);
		opc = def->op;
		VS_FIELD_SET(op->u.cmd.dw[1], CMD1_RANGE, CMD_CFGI_RANGE_ALL);
	} else {
		def = names_cmd_by_name(s->pos[2].s, s->pos[2].n);
		if (!def)
			return perr(s, &s->pos[2], "unknown opcode '%s'", tstr(&s->pos[2], b, sizeof(b)));
		opc = def->op;
	}
	VS_FIELD_SET(op->u.cmd.dw[0], CMD0_OP, opc);
	if (fields(s, def ? def->fields : NULL, def ? def->nfields : 0, op->u.cmd.dw, CMD_DWORDS, "command"))
		return -1;
	if (VS_FIELD_GET(CMD0_OP, op->u.cmd.dw[0]) != opc)
		return perr(s, &key_find(s, "raw")->v, "raw= opcode byte differs from the opcode");
	for (i = 0; i < s->nkeys; i++)
		if (!s->keys[i].used)
			return perr(s, &s->keys[i].all, "field '%s' is not defined for this opcode",
				    tstr(&s->keys[i].k, b, sizeof(b)));
	return 0;
}

static int st_dma(struct pstate *s)
{
	struct op *op;
	struct key *k;
	uint64_t v;
	uint8_t g;
	int r;

	if (npos_check(s, 3, 3) || guest_ref(s, &s->pos[1], &g) || !(op = add(s, OP_DMA)))
		return -1;
	op->guest = g;
	if (teq(&s->pos[2], "read"))
		op->u.dma.write = false;
	else if (teq(&s->pos[2], "write"))
		op->u.dma.write = true;
	else
		return perr(s, &s->pos[2], "expected read or write");
	if (key_num_need(s, "vsid", false, UINT32_MAX, &v))
		return -1;
	op->u.dma.vsid = (uint32_t)v;
	if (key_num_need(s, "iova", false, UINT64_MAX, &op->u.dma.iova))
		return -1;
	if ((r = key_num(s, "ssid", false, VS_FIELD_MAX(CMD0_SSID), &v)) < 0)
		return -1;
	if (r) {
		op->u.dma.ssid = (uint32_t)v;
		op->has |= HAS_SSID;
	}
	op->u.dma.len = SCN_DEFAULT_DMA_LEN;
	if ((r = key_num(s, "len", true, 4096, &v)) < 0)
		return -1;
	if (r) {
		if (v == 0)
			return perr(s, &key_find(s, "len")->v, "len must be 1..4096");
		op->u.dma.len = (uint32_t)v;
		op->has |= HAS_LEN;
	}
	if ((op->u.dma.iova & 0xfff) + op->u.dma.len > 4096)
		return perr(s, &s->pos[0], "DMA crosses a 4K page boundary");
	if ((k = key_find(s, "expect"))) {
		const struct name_val *nv = names_find(names_dma_expect, names_ndma_expect, k->v.s, k->v.n, false);

		if (!nv)
			return perr(s, &k->v, "expect must be ok, blocked, fault or abort");
		op->u.dma.expect = (uint8_t)nv->val;
		op->has |= HAS_EXPECT;
	}
	if ((r = key_num(s, "ipa", false, UINT64_MAX, &op->u.dma.ipa)) < 0)
		return -1;
	if (r)
		op->has |= HAS_IPA;
	if ((r = key_num(s, "priv", false, 1, &v)) < 0)
		return -1;
	if (r && v)
		op->u.dma.attrs |= DMA_ATTR_PRIV;
	if ((r = key_num(s, "instr", false, 1, &v)) < 0)
		return -1;
	if (r && v)
		op->u.dma.attrs |= DMA_ATTR_INSTR;
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

static int st_expect_event(struct pstate *s)
{
	struct op *op;
	uint64_t v;
	uint8_t g;
	int r;

	if (npos_check(s, 3, 3) || guest_ref(s, &s->pos[1], &g) ||
	    name_or_num(s, &s->pos[2], names_events, names_nevents, 0xff, "event", &v) ||
	    !(op = add(s, OP_EXPECT_EVENT)))
		return -1;
	op->guest = g;
	op->u.event.type = (uint8_t)v;
	if ((r = key_num(s, "sid", false, UINT32_MAX, &v)) < 0)
		return -1;
	if (r) {
		op->u.event.sid = (uint32_t)v;
		op->has |= HAS_SID;
	}
	if ((r = key_num(s, "ssid", false, VS_FIELD_MAX(EVT0_SSID), &v)) < 0)
		return -1;
	if (r) {
		op->u.event.ssid = (uint32_t)v;
		op->has |= HAS_SSID;
	}
	if ((r = key_num(s, "addr", false, UINT64_MAX, &op->u.event.addr)) < 0)
		return -1;
	if (r)
		op->has |= HAS_ADDR;
	return 0;
}

static int st_irq(struct pstate *s, bool no)
{
	const struct name_val *nv;
	struct op *op;
	uint8_t g;
	int r;

	if (npos_check(s, no ? 2 : 3, 3) || guest_ref(s, &s->pos[1], &g) ||
	    !(op = add(s, no ? OP_EXPECT_NO_IRQ : OP_EXPECT_IRQ)))
		return -1;
	op->guest = g;
	op->u.irq.line = IRQ_LINE_ALL;
	if (s->npos == 3) {
		nv = names_find(names_irq_lines, names_nirq_lines, s->pos[2].s, s->pos[2].n, false);
		if (!nv)
			return perr(s, &s->pos[2], "unknown interrupt line (evtq, gerror, cmd_sync or priq)");
		op->u.irq.line = (uint8_t)nv->val;
	}
	if (!no) {
		if ((r = key_num(s, "count", false, UINT64_MAX, &op->u.irq.count)) < 0)
			return -1;
		if (r)
			op->has |= HAS_COUNT;
	}
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

static int count_key(struct pstate *s, struct op *op, uint32_t *count)
{
	uint64_t v;
	int r = key_num(s, "count", false, UINT32_MAX, &v);

	if (r < 0)
		return -1;
	if (r) {
		*count = (uint32_t)v;
		op->has |= HAS_COUNT;
	}
	return 0;
}

static int st_inject(struct pstate *s)
{
	struct op *op;
	uint64_t v;
	uint8_t g, n;
	int r;

	if (npos_check(s, 2, 4))
		return -1;
	if (teq(&s->pos[1], "alloc-fail")) {
		if (npos_check(s, 2, 2) || !(op = add(s, OP_INJ_ALLOC_FAIL)))
			return -1;
		op->u.inj_alloc.count = 1;
		if ((r = key_num(s, "after", false, UINT32_MAX, &v)) < 0)
			return -1;
		if (r) {
			op->u.inj_alloc.after = (uint32_t)v;
			op->has |= HAS_AFTER;
		}
		return count_key(s, op, &op->u.inj_alloc.count);
	}
	if (npos_check(s, 3, 4))
		return -1;
	if (teq(&s->pos[2], "mem-abort")) {
		if (guest_ref(s, &s->pos[1], &g) || npos_check(s, 4, 4))
			return -1;
		if (teq(&s->pos[3], "off")) {
			if (!(op = add(s, OP_INJ_MEM_ABORT_OFF)))
				return -1;
			op->guest = g;
			return 0;
		}
		if (!(op = add(s, OP_INJ_MEM_ABORT)))
			return -1;
		op->guest = g;
		if (range_tok(s, &s->pos[3], &op->u.inj_mem.ipa, &op->u.inj_mem.size, NULL))
			return -1;
		return count_key(s, op, &op->u.inj_mem.count);
	}
	if (!is_psmmu_tok(&s->pos[1]))
		return perr(s, &s->pos[1], "expected psmmuN, a guest with mem-abort, or alloc-fail");
	if (psmmu_tok(s, &s->pos[1], &n))
		return -1;
	if (teq(&s->pos[2], "event")) {
		struct op *o;

		if (npos_check(s, 4, 4) ||
		    name_or_num(s, &s->pos[3], names_events, names_nevents, 0xff, "event", &v) ||
		    !(o = add(s, OP_INJ_EVENT)))
			return -1;
		o->u.inj_event.psmmu = n;
		o->u.inj_event.type = (uint8_t)v;
		if (key_num_need(s, "psid", false, UINT32_MAX, &v))
			return -1;
		o->u.inj_event.psid = (uint32_t)v;
		if ((r = key_num(s, "ssid", false, VS_FIELD_MAX(EVT0_SSID), &v)) < 0)
			return -1;
		if (r) {
			o->u.inj_event.ssid = (uint32_t)v;
			o->has |= HAS_SSID;
		}
		if ((r = key_num(s, "addr", false, UINT64_MAX, &o->u.inj_event.addr)) < 0)
			return -1;
		if (r)
			o->has |= HAS_ADDR;
		if ((r = key_num(s, "ipa", false, UINT64_MAX, &v)) < 0)
			return -1;
		if (r) {
			if (v & 0xfff)
				return perr(s, &key_find(s, "ipa")->v, "address not aligned to 4096 bytes");
			if ((v >> 12) > VS_FIELD_MAX(EVT3_IPA))
				return perr(s, &key_find(s, "ipa")->v, "address does not fit the IPA field");
			o->u.inj_event.ipa = v;
			o->has |= HAS_IPA;
		}
		if ((r = key_num(s, "rnw", false, 1, &v)) < 0)
			return -1;
		if (r) {
			o->u.inj_event.rnw = (uint8_t)v;
			o->has |= HAS_RNW;
		}
		if ((r = key_num(s, "s2", false, 1, &v)) < 0)
			return -1;
		if (r) {
			o->u.inj_event.s2 = (uint8_t)v;
			o->has |= HAS_S2;
		}
		if ((r = key_num(s, "stall", false, 1, &v)) < 0)
			return -1;
		if (r) {
			o->u.inj_event.stall = (uint8_t)v;
			o->has |= HAS_STALL;
		}
		{
			struct key *k = key_find(s, "class");

			if (k) {
				const struct name_val *nv =
					names_find(names_evt_class, names_nevt_class, k->v.s, k->v.n, false);

				if (!nv)
					return perr(s, &k->v, "class must be cd, tt or in");
				o->u.inj_event.cls = (uint8_t)nv->val;
				o->has |= HAS_CLASS;
			}
		}
		return 0;
	}
	if (teq(&s->pos[2], "gerror")) {
		if (npos_check(s, 4, 4) ||
		    name_or_num(s, &s->pos[3], names_gerror, names_ngerror, UINT32_MAX, "GERROR bit", &v))
			return -1;
		if (v == 0 || (v & ~(uint64_t)GERROR_ERR_MASK))
			return perr(s, &s->pos[3], "not a set of GERROR error bits");
		if (!(op = add(s, OP_INJ_GERROR)))
			return -1;
		op->u.inj_gerror.psmmu = n;
		op->u.inj_gerror.bits = (uint32_t)v;
		return 0;
	}
	if (teq(&s->pos[2], "evtq-overflow")) {
		if (npos_check(s, 3, 3) || !(op = add(s, OP_INJ_EVTQ_OVERFLOW)))
			return -1;
		op->u.inj_cmd.psmmu = n;
		return 0;
	}
	if (teq(&s->pos[2], "cmd-error")) {
		if (npos_check(s, 4, 4) ||
		    name_or_num(s, &s->pos[3], names_cerror, names_ncerror, 0, "command error", &v) ||
		    !(op = add(s, OP_INJ_CMD_ERROR)))
			return -1;
		op->u.inj_cmd.psmmu = n;
		op->u.inj_cmd.code = (uint8_t)v;
		op->u.inj_cmd.count = 1;
		return count_key(s, op, &op->u.inj_cmd.count);
	}
	if (teq(&s->pos[2], "sync-timeout")) {
		if (npos_check(s, 3, 3) || !(op = add(s, OP_INJ_SYNC_TIMEOUT)))
			return -1;
		op->u.inj_cmd.psmmu = n;
		op->u.inj_cmd.count = 1;
		return count_key(s, op, &op->u.inj_cmd.count);
	}
	return perr(s, &s->pos[2], "unknown inject kind");
}

static int st_noarg(struct pstate *s, uint8_t kind)
{
	return (npos_check(s, 1, 1) || !add(s, kind)) ? -1 : 0;
}

static int statement(struct pstate *s)
{
	const struct tok *t = &s->pos[0];
	char b[40];
	int r;

	if (teq(t, "psmmu"))               r = st_psmmu(s);
	else if (teq(t, "guest"))          r = st_guest(s);
	else if (teq(t, "assign"))         r = st_assign(s, false);
	else if (teq(t, "unassign"))       r = st_assign(s, true);
	else if (teq(t, "destroy"))        r = st_guest_only(s, OP_DESTROY);
	else if (teq(t, "write"))          r = st_reg(s, OP_WRITE);
	else if (teq(t, "read"))           r = st_reg(s, OP_READ);
	else if (teq(t, "poll"))           r = st_reg(s, OP_POLL);
	else if (teq(t, "mem"))            r = st_mem(s, OP_MEM);
	else if (teq(t, "mem64"))          r = st_mem(s, OP_MEM64);
	else if (teq(t, "memcheck"))       r = st_mem(s, OP_MEMCHECK);
	else if (teq(t, "ste"))            r = st_ste(s);
	else if (teq(t, "l1std"))          r = st_l1std(s);
	else if (teq(t, "cd"))             r = st_cd(s);
	else if (teq(t, "ptpool"))         r = st_ptpool(s);
	else if (teq(t, "map"))            r = st_map(s);
	else if (teq(t, "cmd"))            r = st_cmd(s);
	else if (teq(t, "kick"))           r = st_guest_only(s, OP_KICK);
	else if (teq(t, "dma"))            r = st_dma(s);
	else if (teq(t, "expect-event"))   r = st_expect_event(s);
	else if (teq(t, "expect-no-event")) r = st_guest_only(s, OP_EXPECT_NO_EVENT);
	else if (teq(t, "expect-irq"))     r = st_irq(s, false);
	else if (teq(t, "expect-no-irq"))  r = st_irq(s, true);
	else if (teq(t, "inject"))         r = st_inject(s);
	else if (teq(t, "settle"))         r = st_noarg(s, OP_SETTLE);
	else if (teq(t, "expect-isolation")) r = st_noarg(s, OP_EXPECT_ISOLATION);
	else
		return perr(s, t, "unknown statement '%s'", tstr(t, b, sizeof(b)));
	if (r)
		return r;
	return keys_all_used(s);
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

int scn_parse(const char *filename, const char *text, size_t len, struct prog *out, char *err, size_t errlen)
{
	struct pstate *s = calloc(1, sizeof(*s));
	size_t i = 0;
	int rc = 0;

	if (err && errlen)
		err[0] = '\0';
	prog_reset(out);
	if (!s) {
		if (err && errlen)
			snprintf(err, errlen, "%s:0: out of memory (near '')", filename);
		return -1;
	}
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
	free(s);
	if (rc)
		prog_reset(out);
	return rc ? -1 : 0;
}
