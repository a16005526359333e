/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mutator.c - op-level mutation (mutator.h). An input is decoded as its
 * target decodes it, changed as a program (insert, delete, duplicate, swap
 * ops; one field set to an interesting value within its schema range), and
 * encoded again op by op: each op is encoded for the state the ops before
 * it leave, then decoded back, and only ops that decode to themselves are
 * kept. So the output always decodes to exactly the program the mutator
 * meant (returned in out_prog), whatever was changed, and never exceeds
 * max. Everything is drawn from one generator seeded by the caller's seed.
 * No state that can change a result outlives a call; what does outlive it
 * (struct mut_ctx) is scratch memory, reused so that a call allocates
 * nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz_common.h"
#include "fuzz/mutator.h"
#include "fuzz/names.h"
#include "fuzz/op_schema.h"

/* libFuzzer's byte mutator; absent (NULL) outside libFuzzer builds. */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max) __attribute__((weak));

#define REC_MAX (OP_MAX_BYTES + 64u)   /* the largest record: mem with 4K of payload */
#define MAX_CANDS (FUZZ_MAX_OPS + 2u)   /* ops of an input beyond FUZZ_MAX_OPS never run */
#define MUT_BYTES_PCT 50u               /* mutations left to LLVMFuzzerMutate, percent */
#define MUT_LONG  32u                   /* ops beyond which mutations shrink more than grow */
#define MUT_SPLICE 16u                  /* ops crossover takes from the other program, at most */

/* ---- randomness: splitmix64 ---------------------------------------------- */

struct rng {
	uint64_t s;
};

static uint64_t rnd(struct rng *g)
{
	uint64_t z = (g->s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t below(struct rng *g, uint64_t n)
{
	return n ? rnd(g) % n : 0;
}

/* Uniform in [lo, hi]. */
static uint64_t in_range(struct rng *g, uint64_t lo, uint64_t hi)
{
	if (hi <= lo)
		return lo;
	if (hi - lo == UINT64_MAX)
		return rnd(g);
	return lo + below(g, hi - lo + 1);
}

/* ---- decoding as the target does ---------------------------------------- */

static void strip_magic(const uint8_t **d, size_t *n)
{
	if (*n >= BYTES_MAGIC_LEN && (*d)[0] == BYTES_MAGIC0 && (*d)[1] == 'V' && (*d)[2] == 'S' && (*d)[3] == '1') {
		*d += BYTES_MAGIC_LEN;
		*n -= BYTES_MAGIC_LEN;
	}
}

/* Whether the target runs data as the continuation of its prologue
 * (fuzz_common.h, step 2): decided on the first KIND byte alone. */
static bool continues(const struct mut_target *t, const uint8_t *data, size_t size)
{
	strip_magic(&data, &size);
	return t->after && !fuzz_self_contained(t->kinds, data, size);
}

/* Decode as the target does (fuzz_common.h, step 2); *cont says whether
 * it continues the prologue. */
static void decode_mode(const struct mut_target *t, const uint8_t *data, size_t size, struct prog *out, bool *cont)
{
	*cont = continues(t, data, size);
	strip_magic(&data, &size);
	if (*cont)
		bytes_decode_after(data, size, t->kinds, t->after, out);
	else
		bytes_decode(data, size, t->kinds, out);
}

void mut_decode(const struct mut_target *t, const uint8_t *data, size_t size, struct prog *out)
{
	bool cont;

	decode_mode(t, data, size, out, &cont);
}

/* ---- candidates and their re-encoding ------------------------------------- */

/* An op to emit, from program src (its payload and guest slots). */
struct cand {
	struct op op;
	const struct prog *src;
	unsigned map;   /* which slot map its guest refers through */
};

struct emitter {
	const struct mut_target *t;
	struct scn_rules ru;
	uint32_t line0;
	struct prog *q;                       /* the program being built */
	uint8_t *out;
	size_t n, max;
	int map[2][OP_MAX_GUESTS];            /* source slot -> new slot, -1: none */
	uint8_t rec[REC_MAX];
};

/* The scratch memory of mutator.h: every buffer a call needs, kept. */
struct mut_ctx {
	struct prog p, pb;            /* the input (a crossover's a), a crossover's b */
	struct prog tmp;              /* a new op and its payload */
	struct prog q;                /* the output being built */
	struct emitter e;
	uint8_t *out;                 /* mut_mutate's output until it is kept */
	size_t out_cap;
	/* The last op-level output and its program (what decoding it gives:
	 * the emitter decoded it record by record in the same state): libFuzzer
	 * mutates a unit several times over, each mutation taking the last
	 * one's output, so the next call's input is often these bytes and need
	 * not be decoded again. Valid for the target it was made for only. */
	struct prog last;
	uint8_t *last_b;
	size_t last_n, last_cap;
	bool last_ok, last_cont;
	uint64_t last_kinds;
	const struct bytes_after *last_after;
	struct cand c[MAX_CANDS];
};

struct mut_ctx *mut_ctx_create(void)
{
	struct mut_ctx *x = malloc(sizeof *x);

	if (!x)
		return NULL;
	prog_init(&x->p);
	prog_init(&x->pb);
	prog_init(&x->tmp);
	prog_init(&x->q);
	prog_init(&x->last);
	x->out = NULL;
	x->out_cap = 0;
	x->last_b = NULL;
	x->last_n = x->last_cap = 0;
	x->last_ok = false;
	return x;
}

void mut_ctx_destroy(struct mut_ctx *x)
{
	if (!x)
		return;
	prog_free(&x->p);
	prog_free(&x->pb);
	prog_free(&x->tmp);
	prog_free(&x->q);
	prog_free(&x->last);
	free(x->out);
	free(x->last_b);
	free(x);
}

/* An output buffer of n bytes (grown, never shrunk). */
static bool out_reserve(struct mut_ctx *x, size_t n)
{
	uint8_t *b;

	if (n <= x->out_cap)
		return true;
	b = realloc(x->out, n);
	if (!b)
		return false;
	x->out = b;
	x->out_cap = n;
	return true;
}

static void prog_swap(struct prog *a, struct prog *b)
{
	struct prog t = *a;

	*a = *b;
	*b = t;
}

/* The input data decoded as the target does, into x->p: the last output's
 * program when data are its bytes, else decoded. */
static void input(struct mut_ctx *x, const struct mut_target *t, const uint8_t *data, size_t size, bool *cont)
{
	if (x->last_ok && x->last_kinds == t->kinds && x->last_after == t->after && size == x->last_n &&
	    (size == 0 || memcmp(data, x->last_b, size) == 0)) {
		prog_swap(&x->p, &x->last);
		x->last_ok = false;
		*cont = x->last_cont;
		return;
	}
	decode_mode(t, data, size, &x->p, cont);
}

/* Hand the program built (x->q, the encoding of which is d[0..n)) to the
 * caller, swapped, not copied (the caller's old buffers become the next
 * call's scratch); or, with no caller to take it, keep it for input(). */
static void give(struct mut_ctx *x, const struct mut_target *t, bool cont, const uint8_t *d, size_t n,
		 struct prog *out_prog)
{
	x->last_ok = false;
	if (out_prog) {
		prog_swap(out_prog, &x->q);
		return;
	}
	if (n > x->last_cap) {
		uint8_t *b = realloc(x->last_b, n);

		if (!b)
			return;
		x->last_b = b;
		x->last_cap = n;
	}
	if (n)
		memcpy(x->last_b, d, n);
	x->last_n = n;
	prog_swap(&x->last, &x->q);
	x->last_ok = true;
	x->last_cont = cont;
	x->last_kinds = t->kinds;
	x->last_after = t->after;
}

static void start_state(const struct mut_target *t, bool cont, struct scn_rules *ru, char names[][OP_NAME_MAX + 1],
			uint32_t *line0)
{
	if (cont) {
		*ru = t->after->rules;
		memcpy(names, t->after->names, sizeof t->after->names);
		*line0 = t->after->line0;
	} else {
		scn_rules_init(ru);
		memset(names, 0, OP_MAX_GUESTS * (OP_NAME_MAX + 1));
		*line0 = 0;
	}
}

static void emitter_init(struct emitter *e, const struct mut_target *t, bool cont, struct prog *q, uint8_t *out,
			 size_t max)
{
	memset(e->map, 0xff, sizeof e->map);
	e->t = t;
	e->q = q;
	e->out = out;
	e->n = 0;
	e->max = max;
	prog_reset(q);
	start_state(t, cont, &e->ru, q->names, &e->line0);
	/* the prologue's guests are the same in every input */
	for (unsigned s = 0; s < e->ru.nguests; s++)
		e->map[0][s] = e->map[1][s] = (int)s;
}

/* Encode c after what was emitted; keep it when it decodes back to one op. */
static bool emit(struct emitter *e, const struct cand *c)
{
	struct prog *q = e->q;
	struct op op = c->op;
	struct scn_rules ru0 = e->ru;
	size_t nops = q->nops, nb = q->nbytes, nw = q->nwords;
	char name0[OP_NAME_MAX + 1];
	int newslot = -1, len;
	long at = 0;

	if (op.kind == OP_GUEST) {
		if (e->ru.nguests >= OP_MAX_GUESTS || op.guest >= OP_MAX_GUESTS)
			return false;
		newslot = (int)e->ru.nguests;
		memcpy(name0, q->names[newslot], sizeof name0);
		memcpy(q->names[newslot], c->src->names[op.guest], sizeof name0);
		op.guest = (uint8_t)newslot;
	} else if (op_names_guest(op.kind)) {
		if (op.guest >= OP_MAX_GUESTS || e->map[c->map][op.guest] < 0)
			return false;
		op.guest = (uint8_t)e->map[c->map][op.guest];
	}
	if (op.kind == OP_MEM || op.kind == OP_MEMCHECK) {
		if (op.u.mem.data > c->src->nbytes || op.u.mem.len > c->src->nbytes - op.u.mem.data)
			goto undo;
		at = prog_add_bytes(q, c->src->bytes + op.u.mem.data, op.u.mem.len);
		op.u.mem.data = (uint32_t)at;
	} else if (op.kind == OP_MEM64) {
		if (op.u.mem.data > c->src->nwords || op.u.mem.len > c->src->nwords - op.u.mem.data)
			goto undo;
		at = prog_add_words(q, c->src->words + op.u.mem.data, op.u.mem.len);
		op.u.mem.data = (uint32_t)at;
	}
	if (at < 0)
		goto undo;
	len = bytes_encode_record(q, &op, &e->ru, e->t->kinds, e->rec, sizeof e->rec);
	if (len < 0 || (size_t)len > e->max - e->n)
		goto undo;
	/* the payload copy served the encoder; the decoder makes its own */
	q->nbytes = nb;
	q->nwords = nw;
	bytes_decode_append(e->rec, (size_t)len, e->t->kinds, &e->ru, e->line0, q);
	if (q->nops != nops + 1 || q->ops[nops].kind != op.kind)
		goto undo;
	memcpy(e->out + e->n, e->rec, (size_t)len);
	e->n += (size_t)len;
	if (newslot >= 0)
		e->map[c->map][c->op.guest] = newslot;
	return true;
undo:
	q->nops = nops;
	q->nbytes = nb;
	q->nwords = nw;
	e->ru = ru0;
	if (newslot >= 0)
		memcpy(q->names[newslot], name0, sizeof name0);
	return false;
}

/* ---- interesting values --------------------------------------------------- */

/* An address of guest g's RAM: a range's start, end, or inside. */
static uint64_t ram_addr(struct rng *g, const struct scn_rules *ru, unsigned guest, uint64_t len)
{
	unsigned t;
	uint64_t base, size;

	if (guest >= ru->nguests || ru->nranges[guest] == 0)
		return rnd(g);
	t = (unsigned)below(g, ru->nranges[guest]);
	base = ru->ipa[guest][t];
	size = ru->size[guest][t];
	if (len > size)
		len = size;
	switch (below(g, 4)) {
	case 0: return base;
	case 1: return base + size - len;
	case 2: return base + (below(g, size - len + 1) & ~(uint64_t)0xfff);
	default: return base + (below(g, size - len + 1) & ~(uint64_t)7);
	}
}

static uint64_t clamp(uint64_t v, uint64_t lo, uint64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* A value for scalar field f of op: boundaries, the default, a name of its
 * table, a RAM address for an address field, a neighbour or a bit flip of
 * the current value, or anything in range. */
static uint64_t interesting(struct rng *g, const struct op *op, const struct op_field *f,
			    const struct scn_rules *ru)
{
	uint64_t lo = f->min, hi = op_field_max(op, f), cur = op_field_get(op, f), v;
	unsigned bits = f->width * 8u;

	switch (below(g, 10)) {
	case 0: v = lo; break;
	case 1: v = hi; break;
	case 2: v = f->def; break;
	case 3: v = below(g, 2) ? lo + 1 : hi - 1; break;
	case 4:
		if (f->nnames && *f->nnames)
			v = f->names[below(g, *f->nnames)].val;
		else
			v = (UINT64_C(1) << below(g, bits < 64 ? bits : 63)) - below(g, 2);
		break;
	case 5:
		if (f->benc == BE_VAL || f->type == FT_INRAM)
			v = ram_addr(g, ru, op->guest, f->len ? f->len : 8);
		else
			v = in_range(g, lo, hi < lo + 16 ? hi : lo + 16);
		break;
	case 6: v = cur ^ (UINT64_C(1) << below(g, bits < 64 ? bits : 64)); break;
	case 7: v = below(g, 2) ? cur + 1 : cur - 1; break;
	default: v = in_range(g, lo, hi); break;
	}
	if (f->bmask && f->benc == BE_VAL)
		v &= f->bmask;
	return clamp(v, lo, hi);
}

/* One named field of structure words (STE, CD, command) set in range. */
static void mutate_words(struct rng *g, uint64_t *dw, unsigned ndw, const struct field_def *fd, size_t nfd,
			 const struct scn_rules *ru, unsigned guest)
{
	const struct field_def *d;
	uint64_t max, v;

	if (!nfd || below(g, 8) == 0) {
		/* a bit no named field owns, now and then */
		dw[below(g, ndw)] ^= UINT64_C(1) << below(g, 64);
		return;
	}
	d = &fd[below(g, nfd)];
	if (d->mask == 0 || d->word >= ndw)
		return;
	max = VS_FIELD_MAX(d->mask);
	switch (below(g, 5)) {
	case 0: v = 0; break;
	case 1: v = max; break;
	case 2: v = 1; break;
	case 3:
		v = d->addr ? ram_addr(g, ru, guest, 64) >> VS_FIELD_SHIFT(d->mask) : below(g, 2) ? max - 1 : 2;
		break;
	default: v = in_range(g, 0, max); break;
	}
	VS_FIELD_SET(dw[d->word], d->mask, v & max);
}

/* Set one field of op (from program src, whose arenas may grow) to an
 * interesting value. False when the kind has no field to change. */
static bool mutate_field(struct rng *g, struct op *op, struct prog *src, const struct scn_rules *ru)
{
	const struct op_schema *s = op_schema_of(op->kind);
	const struct op_field *list[16], *f;
	size_t n = 0, i;

	if (!s)
		return false;
	for (i = 0; i < s->nfields && n < 16; i++)
		if (s->fields[i].type != FT_FLAGS && s->fields[i].type != FT_GNAME)
			list[n++] = &s->fields[i];
	if (n == 0)
		return false;
	f = list[below(g, n)];
	switch (f->type) {
	case FT_REG:
		if (below(g, 4))
			op->u.reg.off = names_regs[below(g, names_nregs)].off;
		else
			op->u.reg.off = (uint32_t)below(g, SMMU_MMIO_SIZE) & ~3u;
		return true;
	case FT_RAM: {
		unsigned t = (unsigned)below(g, op->u.guest.nranges ? op->u.guest.nranges : 1);

		switch (below(g, 3)) {
		case 0: op->u.guest.size[t] = (1 + below(g, 1024)) * SCN_PAGE; break;
		case 1: op->u.guest.ipa[t] = below(g, 1u << 20) * SCN_PAGE; break;
		default: op->u.guest.s2deny[t] = (uint8_t)below(g, S2DENY_NONE + 1); break;   /* rw, r, w, none */
		}
		return true;
	}
	case FT_BYTES: case FT_WORDS64: {
		bool words = f->type == FT_WORDS64;
		size_t have = words ? src->nwords : src->nbytes;
		uint64_t elem = words ? 8 : 1, copy[OP_MAX_WORDS];
		long at;

		if (op->u.mem.len == 0 || op->u.mem.data > have || op->u.mem.len > have - op->u.mem.data)
			return false;
		if (below(g, 4) == 0) {
			op->u.mem.ipa = ram_addr(g, ru, op->guest, op->u.mem.len * elem);
			return true;
		}
		/* a changed copy of the payload (through a buffer: adding to an
		 * arena may move it) */
		if (op->u.mem.len * elem > sizeof copy)
			return false;
		memcpy(copy, words ? (const void *)(src->words + op->u.mem.data) : (const void *)(src->bytes + op->u.mem.data),
		       op->u.mem.len * elem);
		at = words ? prog_add_words(src, copy, op->u.mem.len) : prog_add_bytes(src, (const uint8_t *)copy, op->u.mem.len);
		if (at < 0)
			return false;
		op->u.mem.data = (uint32_t)at;
		i = (size_t)below(g, op->u.mem.len);
		if (words) {
			uint64_t *w = &src->words[at + (long)i];

			switch (below(g, 4)) {
			case 0: *w = 0; break;
			case 1: *w = ~UINT64_C(0); break;
			case 2: *w = ram_addr(g, ru, op->guest, 8); break;
			default: *w ^= UINT64_C(1) << below(g, 64); break;
			}
		} else {
			uint8_t *b = &src->bytes[at + (long)i];
			static const uint8_t magic_bytes[] = { 0, 1, 0x7f, 0x80, 0xff };

			*b = below(g, 2) ? magic_bytes[below(g, sizeof magic_bytes)] : (uint8_t)rnd(g);
		}
		return true;
	}
	case FT_WORDS:
		mutate_words(g, (uint64_t *)(void *)((unsigned char *)op + f->off), f->width / 8, f->fdefs, *f->nfdefs,
			     ru, op->guest);
		return true;
	case FT_CMDOP: {
		uint64_t opc = below(g, 8) ? names_cmds[below(g, names_ncmds)].op : below(g, 256);

		VS_FIELD_SET(op->u.cmd.dw[0], CMD0_OP, opc);
		return true;
	}
	case FT_CMDWORDS: {
		const struct cmd_def *d = names_cmd_by_op((uint8_t)VS_FIELD_GET(CMD0_OP, op->u.cmd.dw[0]));
		uint8_t opc = (uint8_t)VS_FIELD_GET(CMD0_OP, op->u.cmd.dw[0]);

		mutate_words(g, op->u.cmd.dw, CMD_DWORDS, d ? d->fields : NULL, d ? d->nfields : 0, ru, op->guest);
		VS_FIELD_SET(op->u.cmd.dw[0], CMD0_OP, opc);   /* the opcode is FT_CMDOP's */
		return true;
	}
	case FT_RANGE:
		op->u.ptpool.ipa = ram_addr(g, ru, op->guest, SCN_PAGE);
		op->u.ptpool.size = (1 + below(g, 64)) * SCN_PAGE;
		return true;
	default:
		break;
	}
	/* scalars */
	op_field_set(op, f, interesting(g, op, f, ru));
	if (f->attr & FA_HASNZ) {
		if (op_field_get(op, f) != f->def)
			op->has |= f->has;
		else
			op->has &= ~f->has;
	} else if (f->has) {
		op->has |= f->has;
		if (!(f->attr & FA_REQUIRED) && below(g, 8) == 0)
			op->has &= ~f->has;   /* the key left out: its default */
	}
	return true;
}

/* ---- the mutations ---------------------------------------------------------- */

/* Decoder state after the first i ops of p, from the start state. */
static void rules_at(const struct mut_target *t, bool cont, const struct prog *p, size_t i, struct scn_rules *ru)
{
	char names[OP_MAX_GUESTS][OP_NAME_MAX + 1];
	uint32_t line0;

	start_state(t, cont, ru, names, &line0);
	for (size_t k = 0; k < i && k < p->nops; k++)
		scn_rules_apply(ru, p, &p->ops[k]);
}

/* A new op of an allowed kind for the state after i ops of src: random
 * record bytes decoded there (so every field is in range), then one field
 * set to an interesting value half of the time. Into tmp (its payload). */
static bool new_op(struct rng *g, const struct mut_target *t, bool cont, const struct prog *src, size_t i,
		   struct prog *tmp, struct op *out)
{
	uint8_t allowed[OP_KIND_NR], rec[48];
	unsigned nallowed = 0, k;
	struct scn_rules ru;

	for (k = 0; k < OP_KIND_NR; k++)
		if (t->kinds >> k & 1)
			allowed[nallowed++] = (uint8_t)k;
	if (!nallowed)
		return false;
	rules_at(t, cont, src, i, &ru);
	for (int tries = 0; tries < 4; tries++) {
		struct scn_rules r2 = ru;

		for (k = 0; k < sizeof rec; k++)
			rec[k] = (uint8_t)rnd(g);
		rec[0] = (uint8_t)below(g, nallowed);
		prog_reset(tmp);
		memcpy(tmp->names, src->names, sizeof tmp->names);
		bytes_decode_append(rec, sizeof rec, t->kinds, &r2, 0, tmp);
		if (tmp->nops == 0)
			continue;
		*out = tmp->ops[0];
		/* short payloads: a mutant should stay small */
		if ((out->kind == OP_MEM || out->kind == OP_MEMCHECK || out->kind == OP_MEM64) && out->u.mem.len > 16)
			out->u.mem.len = 1 + (uint32_t)below(g, 16);
		if (below(g, 2))
			(void)mutate_field(g, out, tmp, &ru);
		return true;
	}
	return false;
}

static void byte_fallback(uint8_t *data, size_t *size, size_t max, struct rng *g)
{
	if (LLVMFuzzerMutate) {
		*size = LLVMFuzzerMutate(data, *size, max);
		return;
	}
	/* outside libFuzzer (tests): flip one byte, or grow by one */
	if (*size && below(g, 2))
		data[below(g, *size)] ^= (uint8_t)(1u << below(g, 8));
	else if (*size < max)
		data[(*size)++] = (uint8_t)rnd(g);
}

/* Build the candidate list of one op-level mutation of p; false when it
 * cannot apply. */
static bool plan(struct rng *g, const struct mut_target *t, bool cont, struct prog *p, struct prog *tmp,
		 enum mut_kind kind, struct cand *c, size_t *nc)
{
	size_t n = p->nops < FUZZ_MAX_OPS ? p->nops : FUZZ_MAX_OPS, i, j, k = 0;
	struct op extra;
	struct scn_rules ru;

	i = (size_t)below(g, n + (kind == MUT_INSERT));
	j = (size_t)below(g, n + (kind == MUT_DUPLICATE));
	switch (kind) {
	case MUT_INSERT:
		if (!new_op(g, t, cont, p, i, tmp, &extra))
			return false;
		break;
	case MUT_DELETE: case MUT_SWAP: case MUT_FIELD:
		if (n == 0 || (kind == MUT_SWAP && (n < 2 || i == j)))
			return false;
		break;
	case MUT_DUPLICATE:
		if (n == 0)
			return false;
		break;
	default:
		return false;
	}
	for (size_t s = 0; s <= n && k < MAX_CANDS; s++) {
		if (kind == MUT_INSERT && s == i)
			c[k++] = (struct cand){ extra, tmp, 0 };
		if (kind == MUT_DUPLICATE && s == j)
			c[k++] = (struct cand){ p->ops[i], p, 0 };
		if (s == n)
			break;
		if (kind == MUT_DELETE && s == i)
			continue;
		c[k] = (struct cand){ p->ops[s], p, 0 };
		if (kind == MUT_SWAP && s == i)
			c[k].op = p->ops[j];
		if (kind == MUT_SWAP && s == j)
			c[k].op = p->ops[i];
		if (kind == MUT_FIELD && s == i) {
			rules_at(t, cont, p, i, &ru);
			if (!mutate_field(g, &c[k].op, p, &ru))
				return false;
		}
		k++;
	}
	*nc = k;
	return true;
}

/* The byte fallback alone, from the generator's state g (also when no
 * scratch memory could be had). */
static size_t bytes_only(uint8_t *data, size_t size, size_t max, const struct rng *g, enum mut_kind *done)
{
	struct rng g2 = { g->s };
	size_t result = size;

	byte_fallback(data, &result, max, &g2);
	if (done)
		*done = MUT_BYTES;
	return result;
}

static struct rng mutate_rng(unsigned seed)
{
	return (struct rng){ (uint64_t)seed * UINT64_C(0x2545f4914f6cdd1d) + 1 };
}

size_t mut_mutate_in(struct mut_ctx *x, const struct mut_target *t, uint8_t *data, size_t size, size_t max,
		     unsigned seed, enum mut_kind *done, struct prog *out_prog)
{
	struct rng g = mutate_rng(seed);
	struct prog *p = &x->p;
	size_t nc = 0, result;
	bool cont;
	enum mut_kind kind;

	if (out_prog)
		prog_reset(out_prog);
	if (!out_reserve(x, max ? max : 1))
		return bytes_only(data, size, max, &g, done);
	/* half of the time by bytes: libFuzzer's own mutations (and what its
	 * comparison tracing suggests) reach values no schema range names.
	 * Drawn before the input is decoded, which the bytes do not need
	 * (the draws do not depend on it). */
	if (below(&g, 100) < MUT_BYTES_PCT)
		return bytes_only(data, size, max, &g, done);
	input(x, t, data, size, &cont);
	if (p->nops == 0 && below(&g, 2))
		return bytes_only(data, size, max, &g, done);
	for (int attempt = 0; attempt < 6; attempt++) {
		/* Short programs grow, long ones shrink: every op runs (and is
		 * checked by the oracle), so length is what an execution costs. */
		static const enum mut_kind grow[20] = {
			MUT_INSERT, MUT_INSERT, MUT_INSERT, MUT_INSERT, MUT_INSERT,
			MUT_DELETE, MUT_DELETE, MUT_DELETE,
			MUT_DUPLICATE, MUT_DUPLICATE, MUT_DUPLICATE,
			MUT_SWAP, MUT_SWAP,
			MUT_FIELD, MUT_FIELD, MUT_FIELD, MUT_FIELD, MUT_FIELD, MUT_FIELD, MUT_FIELD,
		}, shrink[20] = {
			MUT_INSERT, MUT_INSERT,
			MUT_DELETE, MUT_DELETE, MUT_DELETE, MUT_DELETE, MUT_DELETE, MUT_DELETE,
			MUT_DUPLICATE,
			MUT_SWAP, MUT_SWAP,
			MUT_FIELD, MUT_FIELD, MUT_FIELD, MUT_FIELD, MUT_FIELD, MUT_FIELD, MUT_FIELD, MUT_FIELD, MUT_FIELD,
		};

		kind = !p->nops ? MUT_INSERT : p->nops > MUT_LONG ? shrink[below(&g, 20)] : grow[below(&g, 20)];
		if (!plan(&g, t, cont, p, &x->tmp, kind, x->c, &nc))
			continue;
		emitter_init(&x->e, t, cont, &x->q, x->out, max);
		for (size_t i = 0; i < nc; i++)
			(void)emit(&x->e, &x->c[i]);
		result = x->e.n;
		/* the bytes must run the way the program was built (self-contained
		 * or continuing the prologue): else the target decodes them
		 * otherwise */
		if (continues(t, x->out, result) != cont)
			continue;
		memcpy(data, x->out, result);
		give(x, t, cont, data, result, out_prog);
		if (done)
			*done = kind;
		return result;
	}
	return bytes_only(data, size, max, &g, done);
}

size_t mut_mutate(const struct mut_target *t, uint8_t *data, size_t size, size_t max, unsigned seed,
		  enum mut_kind *done, struct prog *out_prog)
{
	struct mut_ctx *x = mut_ctx_create();
	struct rng g = mutate_rng(seed);
	size_t n;

	if (!x) {
		if (out_prog)
			prog_reset(out_prog);
		return bytes_only(data, size, max, &g, done);
	}
	n = mut_mutate_in(x, t, data, size, max, seed, done, out_prog);
	mut_ctx_destroy(x);
	return n;
}

size_t mut_crossover_in(struct mut_ctx *x, const struct mut_target *t, const uint8_t *a, size_t na,
			const uint8_t *b, size_t nb, uint8_t *out, size_t max, unsigned seed,
			struct prog *out_prog)
{
	struct rng g = { (uint64_t)seed * UINT64_C(0x9e3779b97f4a7c15) + 7 };
	struct prog *pa = &x->p, *pb = &x->pb;
	struct emitter *e = &x->e;
	size_t result, ia, ib, n_a, n_b, nrun, skip;
	bool cont;

	if (out_prog)
		prog_reset(out_prog);
	input(x, t, a, na, &cont);
	/* b is read the way a is, so that its ops name the same guests */
	strip_magic(&b, &nb);
	if (cont)
		bytes_decode_after(b, nb, t->kinds, t->after, pb);
	else
		bytes_decode(b, nb, t->kinds, pb);
	n_a = pa->nops < FUZZ_MAX_OPS ? pa->nops : FUZZ_MAX_OPS;
	n_b = pb->nops < FUZZ_MAX_OPS ? pb->nops : FUZZ_MAX_OPS;
	if (n_a + n_b == 0)
		return 0;
	/* a run of b's ops spliced into a at ia, replacing as many of a's
	 * ops one time in three (programs do not grow without bound) */
	ia = (size_t)below(&g, n_a + 1);
	ib = (size_t)below(&g, n_b + 1);
	nrun = n_b - ib < MUT_SPLICE ? n_b - ib : MUT_SPLICE;
	nrun = nrun ? 1 + (size_t)below(&g, nrun) : 0;
	skip = below(&g, 3) == 0 ? nrun : 0;
	emitter_init(e, t, cont, &x->q, out, max);
	for (size_t i = 0; i < ia; i++) {
		struct cand c = { pa->ops[i], pa, 0 };

		(void)emit(e, &c);
	}
	/* b's guests that a's prefix did not create are a's of the same slot */
	for (unsigned s = 0; s < e->ru.nguests; s++)
		if (e->map[1][s] < 0)
			e->map[1][s] = (int)s;
	for (size_t i = ib; i < ib + nrun; i++) {
		struct cand c = { pb->ops[i], pb, 1 };

		(void)emit(e, &c);
	}
	for (size_t i = ia + skip; i < n_a; i++) {
		struct cand c = { pa->ops[i], pa, 0 };

		(void)emit(e, &c);
	}
	result = e->n;
	if (continues(t, out, result) != cont)
		return 0;
	give(x, t, cont, out, result, out_prog);
	return result;
}

size_t mut_crossover(const struct mut_target *t, const uint8_t *a, size_t na, const uint8_t *b, size_t nb,
		     uint8_t *out, size_t max, unsigned seed, struct prog *out_prog)
{
	struct mut_ctx *x = mut_ctx_create();
	size_t n;

	if (!x) {
		if (out_prog)
			prog_reset(out_prog);
		return 0;
	}
	n = mut_crossover_in(x, t, a, na, b, nb, out, max, seed, out_prog);
	mut_ctx_destroy(x);
	return n;
}
