/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * op.c - the program container of the op model (op.h): growth of the op
 * array and payload arenas, and structural equality.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz/op.h"

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

#define EQ(f) (x->u.f == y->u.f)

static bool op_equal(const struct prog *a, const struct op *x, const struct prog *b, const struct op *y)
{
	unsigned i;

	if (x->kind != y->kind || x->guest != y->guest || x->has != y->has)
		return false;
	switch (x->kind) {
	case OP_PSMMU:
		return EQ(psmmu.n) && EQ(psmmu.sidsize) && EQ(psmmu.ssidsize) && EQ(psmmu.oas);
	case OP_GUEST:
		if (!EQ(guest.vmid) || !EQ(guest.nranges) || x->u.guest.nranges > OP_MAX_RANGES)
			return false;
		for (i = 0; i < x->u.guest.nranges; i++)
			if (!EQ(guest.ipa[i]) || !EQ(guest.size[i]) || !EQ(guest.s2deny[i]))
				return false;
		return true;
	case OP_ASSIGN:
		return EQ(assign.vsid) && EQ(assign.psmmu) && EQ(assign.psid);
	case OP_UNASSIGN:
		return EQ(assign.vsid);
	case OP_DESTROY: case OP_KICK: case OP_EXPECT_NO_EVENT: case OP_INJ_MEM_ABORT_OFF:
	case OP_SETTLE: case OP_EXPECT_ISOLATION:
		return true;
	case OP_WRITE: case OP_READ: case OP_POLL:
		return EQ(reg.off) && EQ(reg.size) && EQ(reg.value) && EQ(reg.mask) && EQ(reg.tries);
	case OP_MEM: case OP_MEMCHECK: {
		const uint8_t *pa = op_bytes(a, x), *pb = op_bytes(b, y);

		if (!EQ(mem.ipa) || !EQ(mem.len) || !pa || !pb)
			return false;
		return x->u.mem.len == 0 || memcmp(pa, pb, x->u.mem.len) == 0;
	}
	case OP_MEM64: {
		const uint64_t *pa = op_words(a, x), *pb = op_words(b, y);

		if (!EQ(mem.ipa) || !EQ(mem.len) || !pa || !pb)
			return false;
		return x->u.mem.len == 0 || memcmp(pa, pb, x->u.mem.len * sizeof(uint64_t)) == 0;
	}
	case OP_STE:
		return EQ(ste.sid) && memcmp(x->u.ste.dw, y->u.ste.dw, sizeof(x->u.ste.dw)) == 0;
	case OP_L1STD:
		return EQ(l1std.index) && EQ(l1std.span) && EQ(l1std.l2ptr);
	case OP_CD:
		return EQ(cd.ipa) && memcmp(x->u.cd.dw, y->u.cd.dw, sizeof(x->u.cd.dw)) == 0;
	case OP_PTPOOL:
		return EQ(ptpool.ipa) && EQ(ptpool.size);
	case OP_MAP:
		return EQ(map.ttb) && EQ(map.iova) && EQ(map.ipa) && EQ(map.size) && EQ(map.perm) &&
		       EQ(map.granule);
	case OP_CMD:
		return EQ(cmd.dw[0]) && EQ(cmd.dw[1]) && EQ(cmd.nokick);
	case OP_DMA:
		return EQ(dma.vsid) && EQ(dma.iova) && EQ(dma.write) && EQ(dma.ssid) && EQ(dma.len) &&
		       EQ(dma.expect) && EQ(dma.ipa) && EQ(dma.attrs);
	case OP_EXPECT_EVENT:
		return EQ(event.type) && EQ(event.sid) && EQ(event.ssid) && EQ(event.addr);
	case OP_EXPECT_IRQ: case OP_EXPECT_NO_IRQ:
		return EQ(irq.line) && EQ(irq.count);
	case OP_INJ_EVENT:
		return EQ(inj_event.psmmu) && EQ(inj_event.type) && EQ(inj_event.psid) &&
		       EQ(inj_event.ssid) && EQ(inj_event.addr) && EQ(inj_event.ipa) &&
		       EQ(inj_event.rnw) && EQ(inj_event.s2) && EQ(inj_event.stall) && EQ(inj_event.cls);
	case OP_INJ_GERROR:
		return EQ(inj_gerror.psmmu) && EQ(inj_gerror.bits);
	case OP_INJ_EVTQ_OVERFLOW: case OP_INJ_CMD_ERROR: case OP_INJ_SYNC_TIMEOUT:
		return EQ(inj_cmd.psmmu) && EQ(inj_cmd.code) && EQ(inj_cmd.count);
	case OP_INJ_MEM_ABORT:
		return EQ(inj_mem.ipa) && EQ(inj_mem.size) && EQ(inj_mem.count);
	case OP_INJ_ALLOC_FAIL:
		return EQ(inj_alloc.after) && EQ(inj_alloc.count);
	default:
		return false;
	}
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
