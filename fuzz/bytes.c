/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bytes.c - the compact byte encoding of the op model (docs/scenarios.md,
 * "The byte encoding"). Every byte string decodes to a valid program: values
 * are folded into range, never rejected, so a mutated input still means
 * something. The encoder is the exact inverse for any valid program:
 * bytes_decode(bytes_encode(p)) == p.
 *
 * Layout: [magic] record*, record = KIND GUEST? BODY. Fields are little
 * endian; reading past the end yields zeros. Decoder and encoder track the
 * same program state (struct scn_rules: guests, their RAM, psmmus) so that
 * guest references and addresses can be relative to it.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/names.h"
#include "fuzz/op_schema.h"

static const uint8_t magic[BYTES_MAGIC_LEN] = { BYTES_MAGIC0, 'V', 'S', '1' };
static const char name_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789_";
#define NAME_NCHARS 37u

/* Live (declared, not destroyed) guests in slot order. */
static unsigned live_guests(const struct scn_rules *r, uint8_t *live)
{
	unsigned g, n = 0;

	for (g = 0; g < r->nguests; g++)
		if (!r->destroyed[g])
			live[n++] = (uint8_t)g;
	return n;
}

/* Declared psmmus in order ({0} when none is declared). */
static unsigned psmmus(const struct scn_rules *r, uint8_t *list)
{
	unsigned i, n = 0;

	for (i = 0; i < OP_MAX_PSMMU; i++)
		if (scn_rules_psmmu_ok(r, i))
			list[n++] = (uint8_t)i;
	return n;
}

/* ==== decoder ============================================================ */

struct rd {
	const uint8_t *d;
	size_t n, i;
};

static uint64_t rdn(struct rd *r, unsigned bytes)
{
	uint64_t v = 0;
	unsigned k;

	for (k = 0; k < bytes; k++, r->i++)
		if (r->i < r->n)
			v |= (uint64_t)r->d[r->i] << (8 * k);
	return v;
}
#define U8(r)  ((uint8_t)rdn(r, 1))
#define U16(r) ((uint16_t)rdn(r, 2))
#define U32(r) ((uint32_t)rdn(r, 4))
#define U64(r) rdn(r, 8)

/* A value biased toward guest g's RAM: TAG (bit 7 = raw) then either
 * OFF32 (RAM range TAG%n, base + OFF%size) or a raw 64-bit value. */
static uint64_t rd_val(struct rd *r, const struct scn_rules *ru, unsigned g)
{
	uint8_t tag = U8(r);
	unsigned n = g < ru->nguests ? ru->nranges[g] : 0;

	if ((tag & 0x80) || n == 0)
		return U64(r);
	tag = (uint8_t)((tag & 0x7f) % n);
	return ru->ipa[g][tag] + U32(r) % ru->size[g][tag];
}

/* An IPA such that [IPA, IPA+len) lies in one RAM range of g (len <= 4K). */
static uint64_t rd_inram(struct rd *r, const struct scn_rules *ru, unsigned g, uint64_t len)
{
	unsigned t = U8(r) % ru->nranges[g];
	uint32_t off = U32(r);

	return ru->ipa[g][t] + off % (ru->size[g][t] - len + 1);
}

/* Structure words: MASK byte (bit w = word w present) then the present words.
 * For a word with an address field, the field comes from rd_val. */
static void rd_words(struct rd *r, const struct scn_rules *ru, unsigned g, uint64_t *dw, unsigned n,
		     const uint64_t *addr_mask)
{
	uint8_t present = U8(r);
	unsigned w;

	for (w = 0; w < n; w++) {
		if (!(present >> w & 1)) {
			dw[w] = 0;
			continue;
		}
		dw[w] = U64(r);
		if (addr_mask[w])
			dw[w] = (dw[w] & ~addr_mask[w]) | (rd_val(r, ru, g) & addr_mask[w]);
	}
}

/* The default name gSLOT (with '_' appended while it is taken), written
 * over the whole slot: a name slot is NUL-padded (op.h), so a custom name
 * read before it (and then refused as taken) leaves nothing behind. */
static void default_name(const struct prog *p, const struct scn_rules *ru, unsigned slot, char *name)
{
	size_t n;

	memset(name, 0, OP_NAME_MAX + 1);
	n = (size_t)snprintf(name, OP_NAME_MAX + 1, "g%u", slot);
	while (scn_rules_find(ru, p, name) >= 0 && n < OP_NAME_MAX) {
		name[n++] = '_';
		name[n] = '\0';
	}
}

/* FT_GNAME: NAMELEN below 0xF0 means the default name gSLOT; else 1..15
 * characters follow. False when no slot is left (the op is dropped). */
static bool rd_gname(struct rd *r, struct prog *p, const struct scn_rules *ru, struct op *op)
{
	char name[OP_NAME_MAX + 1] = { 0 };
	unsigned i, len, slot = ru->nguests;

	len = U8(r);
	len = len < 0xF0 ? 0 : len - 0xEF > OP_NAME_MAX ? OP_NAME_MAX : len - 0xEF;
	for (i = 0; i < len; i++) {
		uint8_t c = U8(r);

		name[i] = i == 0 ? (char)('a' + c % 26) : name_chars[c % NAME_NCHARS];
	}
	if (len == 0 || scn_rules_find(ru, p, name) >= 0)
		default_name(p, ru, slot, name);
	if (slot >= OP_MAX_GUESTS)
		return false;
	op->guest = (uint8_t)slot;
	memcpy(p->names[slot], name, sizeof(name));
	return true;
}

/* FT_RAM: NRANGES then IPA64 PAGES32 per range; overlapping or too large
 * ranges are left out. The IPA's low bits (below the page) carry the
 * range's stage-2 permissions (enum op_s2deny): 0, what every older
 * encoding has, is rw. NRANGES's bits [7:3] are the guest's flags byte
 * (returned; op_schema.c f_guest). */
/* The count takes bits [2:0] and the flags the bits above. */
_Static_assert(OP_MAX_RANGES == 8u, "FT_RAM: the range count is 3 bits, the guest's flags start at bit 3");

static uint8_t rd_ram(struct rd *r, struct op *op)
{
	uint64_t total = 0, remaining;
	uint8_t b = U8(r);
	unsigned i, nr = 1 + b % OP_MAX_RANGES;

	for (i = 0; i < nr; i++) {
		uint64_t raw = U64(r), ipa = raw & ~(uint64_t)(SCN_PAGE - 1);
		uint32_t pages = U32(r);
		unsigned k = op->u.guest.nranges, j;
		uint64_t size;
		bool overlap = false;

		remaining = (SCN_MAX_RAM_BYTES - total) / SCN_PAGE;
		if (remaining == 0)
			continue;
		size = (1 + pages % remaining) * SCN_PAGE;
		if (ipa > UINT64_MAX - size + 1)
			ipa -= size;
		for (j = 0; j < k; j++)
			if (ipa <= op->u.guest.ipa[j] + op->u.guest.size[j] - 1 &&
			    op->u.guest.ipa[j] <= ipa + size - 1)
				overlap = true;
		if (overlap)
			continue;
		op->u.guest.ipa[k] = ipa;
		op->u.guest.size[k] = size;
		op->u.guest.s2deny[k] = (uint8_t)(raw & S2DENY_NONE);
		op->u.guest.nranges++;
		total += size;
	}
	return (uint8_t)(b & ~(OP_MAX_RANGES - 1));
}

static uint64_t fmask(const struct op_field *f, uint64_t v)
{
	return f->bmask ? v & f->bmask : v;
}

static uint64_t span(const struct op_field *f)
{
	return f->max - f->min + 1;   /* ranges of BE_RANGE/BE_FLAGBITS are small */
}

/* A scalar of encoding f->benc. */
static uint64_t rd_scalar(struct rd *r, const struct scn_rules *ru, const struct op *op, const struct op_field *f)
{
	size_t n = f->nnames ? *f->nnames : 0;
	uint64_t v;
	unsigned i;

	switch (f->benc) {
	case BE_UINT:
		v = fmask(f, rdn(r, f->bw));
		break;
	case BE_RANGE:
		v = f->min + rdn(r, f->bw) % span(f);
		break;
	case BE_VAL:
		v = fmask(f, rd_val(r, ru, op->guest));
		break;
	case BE_SEL:
		i = U8(r) % (unsigned)(n + 1);
		v = i < n ? f->names[i].val : rdn(r, f->bw);
		break;
	case BE_IDX:
		v = f->names[U8(r) % n].val;
		break;
	case BE_IDXALL:
		i = U8(r) % (unsigned)(n + 1);
		v = i < n ? f->names[i].val : f->max;
		break;
	case BE_SIZECODE:
		v = UINT64_C(1) << (U8(r) % 4);
		break;
	default:
		return 0;
	}
	if ((f->attr & FA_SIZEMAX))
		v &= op_field_max(op, f);
	if ((f->attr & FA_ZMIN) && v == 0)
		v = f->def2;
	return v;
}

/* The flags byte: presence bits, and the values that live in it. */
static void rd_flagbits(const struct op_schema *s, struct op *op, uint8_t fl)
{
	size_t i;

	for (i = 0; i < s->nfields; i++) {
		const struct op_field *f = &s->fields[i];
		unsigned bits = (unsigned)(fl >> f->fshift) & ((1u << f->fbits) - 1);
		uint64_t v;

		if (f->benc == BE_FLAGBITS)
			v = f->min + bits % span(f);
		else if (f->benc == BE_FLAGIDX)
			v = f->names[bits % *f->nnames].val;
		else
			continue;
		op_field_set(op, f, v);
		if ((f->attr & FA_HASNZ) && v != f->def)
			op->has |= f->has;
	}
}

/* One scalar field: present or not (its flag), then its value. */
static void rd_uint(struct rd *r, const struct scn_rules *ru, struct op *op, const struct op_field *f, uint8_t fl)
{
	if (f->benc == BE_NONE || f->benc == BE_FLAGBITS || f->benc == BE_FLAGIDX)
		return;
	/* a flag without a has bit: the value is there when not its default */
	if (!f->has && f->flag && !(fl & f->flag)) {
		if (!(f->attr & FA_KEEP))
			op_field_set(op, f, f->def);
		return;
	}
	if (f->has && f->flag && !(f->attr & FA_REQUIRED)) {
		if (f->attr & FA_ALWAYS) {
			uint64_t v = rd_scalar(r, ru, op, f);

			if (fl & f->flag)
				op->has |= f->has;
			op_field_set(op, f, (fl & f->flag) ? v : f->def);
			return;
		}
		if (!(fl & f->flag)) {
			if (!(f->attr & FA_KEEP))
				op_field_set(op, f, f->def);
			return;
		}
	}
	op_field_set(op, f, rd_scalar(r, ru, op, f));
	op->has |= f->has;
}

static const struct op_field *field_at(const struct op_schema *s, unsigned seq)
{
	size_t i;

	for (i = 0; i < s->nfields; i++)
		if (s->fields[i].bseq == seq)
			return &s->fields[i];
	return NULL;
}

/* FT_BYTES / FT_WORDS64: LEN16 then the IPA (in RAM for the whole
 * payload), then the payload. Its own function: the payload buffer stays
 * out of rd_field's frame, which is entered for every field. */
static __attribute__((noinline)) bool rd_payload(struct rd *r, struct prog *p, const struct scn_rules *ru,
						 struct op *op, bool words)
{
	unsigned g = op->guest, i, n;
	long at;

	if (words) {
		uint64_t w[OP_MAX_WORDS];

		n = 1 + U16(r) % OP_MAX_WORDS;
		op->u.mem.ipa = rd_inram(r, ru, g, 8 * n);
		for (i = 0; i < n; i++)
			w[i] = U64(r);
		at = prog_add_words(p, w, n);
	} else {
		uint8_t b[OP_MAX_BYTES];

		n = 1 + U16(r) % OP_MAX_BYTES;
		op->u.mem.ipa = rd_inram(r, ru, g, n);
		for (i = 0; i < n; i++)
			b[i] = U8(r);
		at = prog_add_bytes(p, b, n);
	}
	if (at < 0)
		return false;
	op->u.mem.len = n;
	op->u.mem.data = (uint32_t)at;
	return true;
}

/* Decode one field of the record; false drops the op (after the record
 * has been read to its end). */
static bool rd_field(struct rd *r, struct prog *p, const struct scn_rules *ru, struct op *op,
		     const struct op_field *f, uint8_t *fl)
{
	uint8_t list[OP_MAX_PSMMU];
	unsigned g = op->guest, i, n;
	unsigned char *m = (unsigned char *)op + f->off;

	switch (f->type) {
	case FT_FLAGS:
		*fl = U8(r);
		rd_flagbits(&op_schemas[op->kind], op, *fl);
		return true;
	case FT_UINT:
		rd_uint(r, ru, op, f, *fl);
		return true;
	case FT_PSMMU:
		n = psmmus(ru, list);
		op_field_set(op, f, list[U8(r) % n]);
		return true;
	case FT_PSMMU_NEW: {
		uint8_t v = U8(r);

		for (i = 0; i < OP_MAX_PSMMU; i++) {
			unsigned k = (v + i) % OP_MAX_PSMMU;

			if (!(ru->psmmu_mask >> k & 1)) {
				op_field_set(op, f, k);
				break;
			}
		}
		return true;
	}
	case FT_REG: {
		uint8_t sel = U8(r);

		i = sel % (unsigned)(names_nregs + 1);
		op->u.reg.off = i < names_nregs ? names_regs[i].off : U32(r) % SMMU_MMIO_SIZE;
		/* Default size: the register's width; 4 for a raw offset. */
		op->u.reg.size = i < names_nregs ? names_regs[i].width : 4;
		op->u.reg.mask = UINT64_MAX;
		return true;
	}
	case FT_GNAME:
		return rd_gname(r, p, ru, op);
	case FT_RAM:
		*fl = rd_ram(r, op);
		rd_flagbits(&op_schemas[op->kind], op, *fl);
		return true;
	case FT_BYTES: case FT_WORDS64:
		return rd_payload(r, p, ru, op, f->type == FT_WORDS64);
	case FT_INRAM:
		op_field_set(op, f, rd_inram(r, ru, g, f->len));
		return true;
	case FT_RANGE: {
		unsigned t = U8(r) % ru->nranges[g];
		uint64_t off = U32(r) % ru->size[g][t];

		op->u.ptpool.ipa = ru->ipa[g][t] + off;
		op->u.ptpool.size = 1 + U32(r) % (ru->size[g][t] - off);
		return true;
	}
	case FT_WORDS: {
		uint64_t dw[8];

		rd_words(r, ru, g, dw, f->width / 8, f->amask);
		memcpy(m, dw, f->width);
		return true;
	}
	case FT_CMDOP: {
		uint8_t sel = U8(r);

		i = sel % (unsigned)(names_ncmds + 1);
		op->u.cmd.dw[0] = i < names_ncmds ? names_cmds[i].op : U8(r);
		return true;
	}
	case FT_CMDWORDS:
		op->u.cmd.dw[0] = (U64(r) & ~CMD0_OP) | (op->u.cmd.dw[0] & CMD0_OP);
		op->u.cmd.dw[1] = U64(r);
		return true;
	default:
		return true;
	}
}

/* Decode one record's body into op (the kind's fields in byte order, then
 * its fold); false drops the op. */
static bool rd_body(struct rd *r, struct prog *p, struct scn_rules *ru, struct op *op)
{
	const struct op_schema *s = &op_schemas[op->kind];
	uint8_t fl = 0;
	bool keep = true;
	unsigned seq;

	for (seq = 0; seq < s->nfields; seq++) {
		const struct op_field *f = field_at(s, seq);

		if (f && !rd_field(r, p, ru, op, f, &fl))
			keep = false;
	}
	if (keep && s->fold)
		keep = s->fold(op, ru);
	return keep;
}

/* The record loop: from r's position, in state ru, op lines from line0 + 1. */
static void decode_records(struct rd *r, uint64_t kinds_allowed, struct scn_rules *ru, uint32_t line0,
			   struct prog *out)
{
	uint8_t allowed[OP_KIND_NR], live[OP_MAX_GUESTS];
	unsigned nallowed = 0, k;

	for (k = 0; k < OP_KIND_NR; k++)
		if (kinds_allowed >> k & 1)
			allowed[nallowed++] = (uint8_t)k;
	if (nallowed == 0)
		return;
	while (r->i < r->n) {
		uint8_t kind = allowed[U8(r) % nallowed];
		size_t nops = out->nops, nb = out->nbytes, nw = out->nwords;
		struct op *op;

		if (op_names_guest(kind)) {
			unsigned nl = live_guests(ru, live);

			if (nl == 0)
				continue;   /* no guest to name: the KIND byte alone is dropped */
			op = prog_add(out, kind);
			if (!op)
				break;
			op->guest = live[U8(r) % nl];
		} else {
			op = prog_add(out, kind);
			if (!op)
				break;
		}
		op->line = line0 + (uint32_t)out->nops;
		if (!rd_body(r, out, ru, op)) {
			out->nops = nops;   /* dropped: forget it and its payload */
			out->nbytes = nb;
			out->nwords = nw;
			continue;
		}
		scn_rules_apply(ru, out, op);
	}
}

void bytes_decode(const uint8_t *data, size_t size, uint64_t kinds_allowed, struct prog *out)
{
	struct scn_rules ru;
	struct rd r = { data, size, 0 };

	prog_reset(out);
	scn_rules_init(&ru);
	if (size >= BYTES_MAGIC_LEN && memcmp(data, magic, BYTES_MAGIC_LEN) == 0)
		r.i = BYTES_MAGIC_LEN;
	decode_records(&r, kinds_allowed, &ru, 0, out);
}

void bytes_decode_after(const uint8_t *data, size_t size, uint64_t kinds_allowed,
			const struct bytes_after *after, struct prog *out)
{
	struct scn_rules ru = after->rules;
	struct rd r = { data, size, 0 };

	prog_reset(out);
	memcpy(out->names, after->names, sizeof out->names);
	decode_records(&r, kinds_allowed, &ru, after->line0, out);
}

/* ==== encoder ============================================================ */

struct wr {
	uint8_t *b;
	size_t n, cap;
	bool oom;     /* out of memory, or (fixed) past cap */
	bool fixed;   /* b is the caller's buffer of cap bytes: never grown */
};

static void wrn(struct wr *w, uint64_t v, unsigned bytes)
{
	unsigned k;

	if (w->oom)
		return;
	if (w->cap - w->n < bytes) {
		size_t ncap;
		uint8_t *nb;

		if (w->fixed) {
			w->oom = true;
			return;
		}
		ncap = w->cap ? w->cap * 2 : 256;
		while (ncap - w->n < bytes)
			ncap *= 2;
		nb = realloc(w->b, ncap);
		if (!nb) {
			w->oom = true;
			return;
		}
		w->b = nb;
		w->cap = ncap;
	}
	for (k = 0; k < bytes; k++)
		w->b[w->n++] = (uint8_t)(v >> (8 * k));
}
#define W8(w, v)  wrn(w, (uint64_t)(v), 1)
#define W16(w, v) wrn(w, (uint64_t)(v), 2)
#define W32(w, v) wrn(w, (uint64_t)(v), 4)
#define W64(w, v) wrn(w, (uint64_t)(v), 8)

static void wr_val(struct wr *w, const struct scn_rules *ru, unsigned g, uint64_t v)
{
	unsigned t, n = g < ru->nguests ? ru->nranges[g] : 0;

	for (t = 0; t < n; t++)
		if (v >= ru->ipa[g][t] && v - ru->ipa[g][t] < ru->size[g][t]) {
			W8(w, t);
			W32(w, v - ru->ipa[g][t]);
			return;
		}
	W8(w, 0x80);
	W64(w, v);
}

static int wr_inram(struct wr *w, const struct scn_rules *ru, unsigned g, uint64_t ipa, uint64_t len)
{
	unsigned t;

	for (t = 0; t < ru->nranges[g]; t++)
		if (ipa >= ru->ipa[g][t] && len <= ru->size[g][t] && ipa - ru->ipa[g][t] <= ru->size[g][t] - len) {
			W8(w, t);
			W32(w, ipa - ru->ipa[g][t]);
			return 0;
		}
	return -1;
}

static void wr_words(struct wr *w, const struct scn_rules *ru, unsigned g, const uint64_t *dw, unsigned n,
		     const uint64_t *addr_mask)
{
	unsigned i;
	uint8_t present = 0;

	for (i = 0; i < n; i++)
		if (dw[i])
			present |= (uint8_t)(1u << i);
	W8(w, present);
	for (i = 0; i < n; i++) {
		if (!dw[i])
			continue;
		W64(w, dw[i] & ~addr_mask[i]);
		if (addr_mask[i])
			wr_val(w, ru, g, dw[i] & addr_mask[i]);
	}
}

static int index_of_psmmu(const struct scn_rules *ru, unsigned n)
{
	uint8_t list[OP_MAX_PSMMU];
	unsigned i, cnt = psmmus(ru, list);

	for (i = 0; i < cnt; i++)
		if (list[i] == n)
			return (int)i;
	return -1;
}

/* Index of v in a name table, or -1. */
static long name_index(const struct op_field *f, uint64_t v)
{
	size_t i;

	for (i = 0; f->nnames && i < *f->nnames; i++)
		if (f->names[i].val == v)
			return (long)i;
	return -1;
}

/* The flags byte of an op: presence bits and the values kept in it. */
static uint8_t wr_flags(const struct op_schema *s, const struct op *op)
{
	unsigned fl = 0;
	size_t i;

	for (i = 0; i < s->nfields; i++) {
		const struct op_field *f = &s->fields[i];
		uint64_t v = op_field_get(op, f);
		long k;

		if (f->flag && (f->has ? (op->has & f->has) != 0 : v != f->def))
			fl |= f->flag;
		if (f->benc == BE_FLAGBITS) {
			if ((f->attr & FA_HASNZ) && !(op->has & f->has))
				continue;
			fl |= (unsigned)(v - f->min) << f->fshift;
		} else if (f->benc == BE_FLAGIDX) {
			k = name_index(f, v);
			fl |= (unsigned)(k < 0 ? 0 : k) << f->fshift;
		}
	}
	return (uint8_t)fl;
}

static void wr_scalar(struct wr *w, const struct scn_rules *ru, const struct op *op, const struct op_field *f)
{
	uint64_t v = op_field_get(op, f);
	size_t n = f->nnames ? *f->nnames : 0;
	long k;

	switch (f->benc) {
	case BE_UINT:
		wrn(w, v, f->bw);
		break;
	case BE_RANGE:
		wrn(w, v - f->min, f->bw);
		break;
	case BE_VAL:
		wr_val(w, ru, op->guest, v);
		break;
	case BE_SEL:
		k = name_index(f, v);
		W8(w, k < 0 ? n : (size_t)k);
		if (k < 0)
			wrn(w, v, f->bw);
		break;
	case BE_IDX:
	case BE_IDXALL:
		k = name_index(f, v);
		if (f->benc == BE_IDXALL && v == f->max)
			W8(w, n);
		else
			W8(w, k < 0 ? v - f->min : (uint64_t)k);
		break;
	case BE_SIZECODE:
		W8(w, v == 1 ? 0 : v == 2 ? 1 : v == 4 ? 2 : 3);
		break;
	default:
		break;
	}
}

static int wr_field(struct wr *w, const struct prog *p, const struct scn_rules *ru, const struct op *op,
		    const struct op_field *f)
{
	const unsigned char *m = (const unsigned char *)op + f->off;
	unsigned g = op->guest, i;
	int k;

	switch (f->type) {
	case FT_FLAGS:
		W8(w, wr_flags(&op_schemas[op->kind], op));
		return 0;
	case FT_UINT:
		if (f->benc == BE_NONE || f->benc == BE_FLAGBITS || f->benc == BE_FLAGIDX)
			return 0;
		if (f->has && f->flag && !(f->attr & (FA_ALWAYS | FA_REQUIRED)) && !(op->has & f->has))
			return 0;
		if (!f->has && f->flag && op_field_get(op, f) == f->def)
			return 0;
		wr_scalar(w, ru, op, f);
		return 0;
	case FT_PSMMU:
		if ((k = index_of_psmmu(ru, (unsigned)op_field_get(op, f))) < 0)
			return -1;
		W8(w, k);
		return 0;
	case FT_PSMMU_NEW:
		W8(w, op_field_get(op, f));
		return 0;
	case FT_REG: {
		size_t r;

		for (r = 0; r < names_nregs; r++)
			if (names_regs[r].off == op->u.reg.off)
				break;
		/* An implicit size other than the register's width: raw offset. */
		if (r < names_nregs && !(op->has & HAS_SIZE) && op->u.reg.size != names_regs[r].width)
			r = names_nregs;
		W8(w, r);
		if (r == names_nregs)
			W32(w, op->u.reg.off);
		return 0;
	}
	case FT_GNAME: {
		const char *name = p->names[op->guest];
		char def[OP_NAME_MAX + 1];
		size_t len = strlen(name);

		default_name(p, ru, op->guest, def);
		if (strcmp(name, def) == 0 || len == 0 || len > OP_NAME_MAX)
			len = 0;
		W8(w, len ? 0xEF + len : 0);
		for (i = 0; i < len; i++) {
			const char *c = strchr(name_chars, name[i]);

			if (!c || (i == 0 && (name[0] < 'a' || name[0] > 'z')))
				return -1;
			W8(w, i == 0 ? (unsigned)(name[i] - 'a') : (unsigned)(c - name_chars));
		}
		return 0;
	}
	case FT_RAM:
		if (op->u.guest.nranges < 1 || op->u.guest.nranges > OP_MAX_RANGES)
			return -1;
		W8(w, (op->u.guest.nranges - 1) | wr_flags(&op_schemas[op->kind], op));
		for (i = 0; i < op->u.guest.nranges; i++) {
			W64(w, op->u.guest.ipa[i] | (op->u.guest.s2deny[i] & S2DENY_NONE));
			W32(w, op->u.guest.size[i] / SCN_PAGE - 1);
		}
		return 0;
	case FT_BYTES:
		if (op->u.mem.len < 1 || op->u.mem.len > OP_MAX_BYTES || op->u.mem.data > p->nbytes ||
		    op->u.mem.len > p->nbytes - op->u.mem.data)
			return -1;
		W16(w, op->u.mem.len - 1);
		if (wr_inram(w, ru, g, op->u.mem.ipa, op->u.mem.len))
			return -1;
		for (i = 0; i < op->u.mem.len; i++)
			W8(w, p->bytes[op->u.mem.data + i]);
		return 0;
	case FT_WORDS64:
		if (op->u.mem.len < 1 || op->u.mem.len > OP_MAX_WORDS || op->u.mem.data > p->nwords ||
		    op->u.mem.len > p->nwords - op->u.mem.data)
			return -1;
		W16(w, op->u.mem.len - 1);
		if (wr_inram(w, ru, g, op->u.mem.ipa, 8 * (uint64_t)op->u.mem.len))
			return -1;
		for (i = 0; i < op->u.mem.len; i++)
			W64(w, p->words[op->u.mem.data + i]);
		return 0;
	case FT_INRAM:
		return wr_inram(w, ru, g, op_field_get(op, f), f->len);
	case FT_RANGE:
		for (i = 0; i < ru->nranges[g]; i++) {
			uint64_t b = ru->ipa[g][i], sz = ru->size[g][i], a = op->u.ptpool.ipa;

			if (a >= b && op->u.ptpool.size <= sz && a - b <= sz - op->u.ptpool.size) {
				W8(w, i);
				W32(w, a - b);
				W32(w, op->u.ptpool.size - 1);
				return 0;
			}
		}
		return -1;
	case FT_WORDS: {
		uint64_t dw[8];

		memcpy(dw, m, f->width);
		wr_words(w, ru, g, dw, f->width / 8, f->amask);
		return 0;
	}
	case FT_CMDOP: {
		uint8_t opc = (uint8_t)VS_FIELD_GET(CMD0_OP, op->u.cmd.dw[0]);
		size_t c;

		for (c = 0; c < names_ncmds; c++)
			if (names_cmds[c].op == opc)
				break;
		W8(w, c);
		if (c == names_ncmds)
			W8(w, opc);
		return 0;
	}
	case FT_CMDWORDS:
		W64(w, op->u.cmd.dw[0] & ~CMD0_OP);
		W64(w, op->u.cmd.dw[1]);
		return 0;
	default:
		return 0;
	}
}

static int wr_body(struct wr *w, const struct prog *p, const struct scn_rules *ru, const struct op *op)
{
	const struct op_schema *s = &op_schemas[op->kind];
	unsigned seq;

	for (seq = 0; seq < s->nfields; seq++) {
		const struct op_field *f = field_at(s, seq);

		if (f && wr_field(w, p, ru, op, f))
			return -1;
	}
	return 0;
}

int bytes_encode(const struct prog *p, uint8_t **out, size_t *len)
{
	struct wr w = { NULL, 0, 0, false, false };
	struct scn_rules ru;
	uint8_t live[OP_MAX_GUESTS];
	size_t i;
	unsigned k;

	*out = NULL;
	*len = 0;
	scn_rules_init(&ru);
	for (k = 0; k < BYTES_MAGIC_LEN; k++)
		W8(&w, magic[k]);
	for (i = 0; i < p->nops; i++) {
		const struct op *op = &p->ops[i];

		if (op->kind >= OP_KIND_NR)
			goto fail;
		W8(&w, op->kind);
		if (op_names_guest(op->kind)) {
			unsigned nl = live_guests(&ru, live), j;

			for (j = 0; j < nl; j++)
				if (live[j] == op->guest)
					break;
			if (j == nl)
				goto fail;   /* names no live guest: not a valid program */
			W8(&w, j);
		}
		if (wr_body(&w, p, &ru, op))
			goto fail;
		scn_rules_apply(&ru, p, op);
	}
	if (w.oom)
		goto fail;
	*out = w.b;
	*len = w.n;
	return 0;
fail:
	free(w.b);
	return -1;
}

void bytes_decode_append(const uint8_t *data, size_t size, uint64_t kinds_allowed, struct scn_rules *ru,
			 uint32_t line0, struct prog *out)
{
	struct rd r = { data, size, 0 };

	decode_records(&r, kinds_allowed, ru, line0, out);
}

int bytes_encode_record(const struct prog *p, const struct op *op, const struct scn_rules *ru,
			uint64_t kinds_allowed, uint8_t *buf, size_t cap)
{
	/* straight into buf: the mutator encodes every op of every mutant
	 * (no allocation per record) */
	struct wr w = { buf, 0, cap, false, true };
	uint8_t live[OP_MAX_GUESTS];
	unsigned k, rank = 0;

	if (op->kind >= OP_KIND_NR || !(kinds_allowed >> op->kind & 1))
		return -1;
	for (k = 0; k < op->kind; k++)
		if (kinds_allowed >> k & 1)
			rank++;
	W8(&w, rank);
	if (op_names_guest(op->kind)) {
		unsigned nl = live_guests(ru, live), j;

		for (j = 0; j < nl; j++)
			if (live[j] == op->guest)
				break;
		if (j == nl)
			return -1;
		W8(&w, j);
	}
	if (wr_body(&w, p, ru, op) || w.oom)
		return -1;
	return (int)w.n;
}

bool bytes_looks_binary(const uint8_t *data, size_t size)
{
	size_t i;

	if (size >= BYTES_MAGIC_LEN && memcmp(data, magic, BYTES_MAGIC_LEN) == 0)
		return true;
	for (i = 0; i < size; i++) {
		uint8_t c = data[i];

		if (!((c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r'))
			return true;
	}
	return false;
}
