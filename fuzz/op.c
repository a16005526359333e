/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * op.c - the program container of the op model (op.h): growth of the op
 * array and payload arenas, and structural equality (field by field, as
 * the kind's schema lists them).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz/op.h"
#include "fuzz/op_schema.h"

void prog_init(struct prog *p)
{
	memset(p, 0, sizeof(*p));
}

void prog_free(struct prog *p)
{
	free(p->ops);
	free(p->bytes);
	free(p->words);
	prog_init(p);
}

void prog_reset(struct prog *p)
{
	p->nops = 0;
	p->nbytes = 0;
	p->nwords = 0;
	memset(p->names, 0, sizeof(p->names));
}

struct op *prog_add(struct prog *p, uint8_t kind)
{
	struct op *op;

	if (kind >= OP_KIND_NR || p->nops >= PROG_MAX_OPS)
		return NULL;
	if (p->nops == p->cap) {
		size_t ncap = p->cap ? p->cap * 2 : 64;
		struct op *n;

		if (ncap > PROG_MAX_OPS)
			ncap = PROG_MAX_OPS;
		n = realloc(p->ops, ncap * sizeof(*n));
		if (!n)
			return NULL;
		p->ops = n;
		p->cap = ncap;
	}
	op = &p->ops[p->nops++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	return op;
}

/* Grow an arena so that it holds need more elements. */
static int arena_reserve(void **base, size_t *cap, size_t used, size_t need, size_t elem)
{
	size_t ncap;
	void *n;

	if (need > SIZE_MAX / elem - used)
		return -1;
	if (used + need <= *cap)
		return 0;
	ncap = *cap ? *cap : 256;
	while (ncap < used + need) {
		if (ncap > SIZE_MAX / 2 / elem)
			return -1;
		ncap *= 2;
	}
	n = realloc(*base, ncap * elem);
	if (!n)
		return -1;
	*base = n;
	*cap = ncap;
	return 0;
}

long prog_add_bytes(struct prog *p, const uint8_t *b, size_t n)
{
	void *base = p->bytes;
	long off;

	if (p->nbytes > (size_t)0x7fffffff - n)
		return -1;
	if (arena_reserve(&base, &p->bytes_cap, p->nbytes, n, 1))
		return -1;
	p->bytes = base;
	off = (long)p->nbytes;
	if (n)
		memcpy(p->bytes + p->nbytes, b, n);
	p->nbytes += n;
	return off;
}

long prog_add_words(struct prog *p, const uint64_t *w, size_t n)
{
	void *base = p->words;
	long off;

	if (p->nwords > (size_t)0x7fffffff - n)
		return -1;
	if (arena_reserve(&base, &p->words_cap, p->nwords, n, sizeof(uint64_t)))
		return -1;
	p->words = base;
	off = (long)p->nwords;
	if (n)
		memcpy(p->words + p->nwords, w, n * sizeof(uint64_t));
	p->nwords += n;
	return off;
}

/* Payload slice of a mem/memcheck op, or NULL if it is out of the arena. */
static const uint8_t *op_bytes(const struct prog *p, const struct op *op)
{
	if (op->u.mem.data > p->nbytes || op->u.mem.len > p->nbytes - op->u.mem.data)
		return NULL;
	return p->bytes + op->u.mem.data;
}

static const uint64_t *op_words(const struct prog *p, const struct op *op)
{
	if (op->u.mem.data > p->nwords || op->u.mem.len > p->nwords - op->u.mem.data)
		return NULL;
	return p->words + op->u.mem.data;
}

/* Equality of one field of two ops of the same kind (op_schema.h). */
static bool field_equal(const struct prog *a, const struct op *x, const struct prog *b, const struct op *y,
			const struct op_field *f)
{
	const unsigned char *mx = (const unsigned char *)x + f->off, *my = (const unsigned char *)y + f->off;
	unsigned i;

	switch (f->type) {
	case FT_FLAGS: case FT_GNAME: case FT_CMDOP:
		return true;   /* bytes only; the name table; part of FT_CMDWORDS */
	case FT_RAM:
		if (x->u.guest.nranges != y->u.guest.nranges || x->u.guest.nranges > OP_MAX_RANGES)
			return false;
		for (i = 0; i < x->u.guest.nranges; i++)
			if (x->u.guest.ipa[i] != y->u.guest.ipa[i] || x->u.guest.size[i] != y->u.guest.size[i] ||
			    x->u.guest.s2deny[i] != y->u.guest.s2deny[i])
				return false;
		return true;
	case FT_BYTES: {
		const uint8_t *pa = op_bytes(a, x), *pb = op_bytes(b, y);

		if (x->u.mem.ipa != y->u.mem.ipa || x->u.mem.len != y->u.mem.len || !pa || !pb)
			return false;
		return x->u.mem.len == 0 || memcmp(pa, pb, x->u.mem.len) == 0;
	}
	case FT_WORDS64: {
		const uint64_t *pa = op_words(a, x), *pb = op_words(b, y);

		if (x->u.mem.ipa != y->u.mem.ipa || x->u.mem.len != y->u.mem.len || !pa || !pb)
			return false;
		return x->u.mem.len == 0 || memcmp(pa, pb, x->u.mem.len * sizeof(uint64_t)) == 0;
	}
	case FT_RANGE:
		return x->u.ptpool.ipa == y->u.ptpool.ipa && x->u.ptpool.size == y->u.ptpool.size;
	case FT_WORDS: case FT_CMDWORDS:
		return memcmp(mx, my, f->width) == 0;
	default:   /* scalars */
		return op_field_get(x, f) == op_field_get(y, f);
	}
}

static bool op_equal(const struct prog *a, const struct op *x, const struct prog *b, const struct op *y)
{
	const struct op_schema *s = op_schema_of(x->kind);
	size_t i;

	if (x->kind != y->kind || x->guest != y->guest || x->has != y->has || !s)
		return false;
	for (i = 0; i < s->nfields; i++)
		if (!field_equal(a, x, b, y, &s->fields[i]))
			return false;
	return true;
}

bool prog_equal(const struct prog *a, const struct prog *b)
{
	size_t i;

	if (a->nops != b->nops || memcmp(a->names, b->names, sizeof(a->names)) != 0)
		return false;
	for (i = 0; i < a->nops; i++)
		if (!op_equal(a, &a->ops[i], b, &b->ops[i]))
			return false;
	return true;
}
