/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * op.h - the op model: one C representation of a guest program statement
 * (docs/scenario-language.md). Text (scn_parse/scn_print) and bytes
 * (bytes_decode/bytes_encode) are two encodings of this one model.
 *
 * Ops refer to guests by slot (0..PLAT_MAX_GUESTS-1); the program's name
 * table maps slots to scenario names. Structured statements (ste, cd, cmd)
 * are stored as the words they write, so equality of ops is equality of
 * effects; the printer turns words back into fields where it can.
 */
#ifndef VSMMU_FUZZ_OP_H
#define VSMMU_FUZZ_OP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vsmmu/smmuv3_regs.h"

#define OP_MAX_GUESTS     8u
#define OP_NAME_MAX       15u
#define OP_MAX_RANGES     8u
#define OP_MAX_BYTES      4096u   /* mem / memcheck payload (bytes) */
#define OP_MAX_WORDS      512u    /* mem64 payload (words) */
#define PROG_MAX_OPS      100000u /* statements per program */

enum op_kind {
	/* platform */
	OP_PSMMU, OP_GUEST, OP_ASSIGN, OP_UNASSIGN, OP_DESTROY,
	/* registers */
	OP_WRITE, OP_READ, OP_POLL,
	/* guest memory and structures */
	OP_MEM, OP_MEM64, OP_MEMCHECK, OP_STE, OP_L1STD, OP_CD, OP_PTPOOL, OP_MAP,
	/* commands */
	OP_CMD, OP_KICK,
	/* devices */
	OP_DMA,
	/* events and interrupts */
	OP_EXPECT_EVENT, OP_EXPECT_NO_EVENT, OP_EXPECT_IRQ, OP_EXPECT_NO_IRQ,
	/* faults from below */
	OP_INJ_EVENT, OP_INJ_GERROR, OP_INJ_EVTQ_OVERFLOW, OP_INJ_CMD_ERROR,
	OP_INJ_SYNC_TIMEOUT, OP_INJ_MEM_ABORT, OP_INJ_MEM_ABORT_OFF, OP_INJ_ALLOC_FAIL,
	/* hypervisor time and the oracle */
	OP_SETTLE, OP_EXPECT_ISOLATION,
	OP_KIND_NR
};

enum op_dma_expect { DMA_EXPECT_ANY, DMA_EXPECT_OK, DMA_EXPECT_BLOCKED, DMA_EXPECT_FAULT, DMA_EXPECT_ABORT };
/* Transaction attributes of a dma (`priv=1`, `instr=1`); 0: unprivileged data. */
enum op_dma_attr { DMA_ATTR_PRIV = 1, DMA_ATTR_INSTR = 2 };
enum op_perm { PERM_R = 1, PERM_W = 2, PERM_RW = 3 };
/* What a guest RAM range's stage-2 mapping lacks (`ram=IPA:SIZE:PERM`);
 * 0 = read/write, the default. */
enum op_s2deny { S2DENY_W = 1, S2DENY_R = 2, S2DENY_NONE = 3 };
enum op_irq_any { IRQ_LINE_ALL = 0xff };   /* expect-no-irq without LINE */

/* Which optional keys an op carries (bitmask in op.has). */
enum op_has {
	HAS_SIZE = 1u << 0, HAS_EXPECT = 1u << 1, HAS_MASK = 1u << 2, HAS_TRIES = 1u << 3,
	HAS_SID = 1u << 4, HAS_SSID = 1u << 5, HAS_ADDR = 1u << 6, HAS_IPA = 1u << 7,
	HAS_COUNT = 1u << 8, HAS_RNW = 1u << 9, HAS_S2 = 1u << 10, HAS_STALL = 1u << 11,
	HAS_CLASS = 1u << 12, HAS_LEN = 1u << 13, HAS_SIDSIZE = 1u << 14,
	HAS_SSIDSIZE = 1u << 15, HAS_OAS = 1u << 16, HAS_AFTER = 1u << 17, HAS_PAGES = 1u << 18
};

struct op {
	uint8_t kind;       /* enum op_kind */
	uint8_t guest;      /* slot, for statements naming a guest */
	uint32_t has;       /* enum op_has */
	uint32_t line;      /* source line (text) or op index (bytes); not compared */
	union {
		struct { uint8_t n; uint8_t sidsize, ssidsize, oas; bool noril; } psmmu;
		struct { uint16_t vmid; uint8_t nranges; uint64_t ipa[OP_MAX_RANGES], size[OP_MAX_RANGES];
			 uint8_t s2deny[OP_MAX_RANGES];            /* enum op_s2deny per range */
			 bool nomsi, noril;                        /* msi=0, ril=0 */
			 uint16_t pages; } guest;                  /* pages=: host-page quota */
		struct { uint32_t vsid; uint8_t psmmu; uint32_t psid; } assign;   /* also unassign (vsid) */
		struct { uint32_t off; uint8_t size; uint64_t value, mask; uint32_t tries; } reg; /* write/read/poll */
		struct { uint64_t ipa; uint32_t len; uint32_t data; } mem;        /* mem/memcheck: data = offset into prog->bytes;
		                                                                      mem64: len = words, data = index into prog->words */
		struct { uint32_t sid; uint64_t dw[STE_DWORDS]; } ste;
		struct { uint32_t index; uint8_t span; uint64_t l2ptr; } l1std;
		struct { uint64_t ipa; uint64_t dw[CD_DWORDS]; } cd;
		struct { uint64_t ipa, size; } ptpool;
		struct { uint64_t ttb, iova, ipa, size; uint8_t perm; uint32_t granule; } map;
		struct { uint64_t dw[CMD_DWORDS]; bool nokick; } cmd;
		struct { uint32_t vsid; uint64_t iova; bool write; uint32_t ssid; uint32_t len;
			 uint8_t expect; uint64_t ipa; uint8_t attrs; } dma;   /* attrs: enum op_dma_attr */
		struct { uint8_t type; uint32_t sid, ssid; uint64_t addr; } event;     /* expect-event */
		struct { uint8_t line; uint64_t count; } irq;                          /* expect-irq / expect-no-irq */
		struct { uint8_t psmmu; uint8_t type; uint32_t psid, ssid; uint64_t addr, ipa;
			 uint8_t rnw, s2, stall, cls; } inj_event;
		struct { uint8_t psmmu; uint32_t bits; } inj_gerror;
		struct { uint8_t psmmu; uint8_t code; uint32_t count; } inj_cmd;     /* cmd-error, sync-timeout, evtq-overflow */
		struct { uint64_t ipa, size; uint32_t count; } inj_mem;
		struct { uint32_t after, count; } inj_alloc;
	} u;
};

/* A program: ops plus the guest name table and payload arenas. */
struct prog {
	struct op *ops;
	size_t nops, cap;
	/* "" = slot unused. Each slot is NUL-padded (nothing after the name's
	 * end), as prog_equal compares whole slots: the text cannot carry
	 * bytes after a name, so a program holding some does not round-trip. */
	char names[OP_MAX_GUESTS][OP_NAME_MAX + 1];
	uint8_t *bytes;   size_t nbytes, bytes_cap;   /* mem/memcheck payloads */
	uint64_t *words;  size_t nwords, words_cap;   /* mem64 payloads */
};

void prog_init(struct prog *p);
void prog_free(struct prog *p);
void prog_reset(struct prog *p);          /* empty, keeping capacity */
/* Append; returns NULL when PROG_MAX_OPS is reached or memory runs out. */
struct op *prog_add(struct prog *p, uint8_t kind);
/* Store a payload; returns its offset/index or -1. */
long prog_add_bytes(struct prog *p, const uint8_t *b, size_t n);
long prog_add_words(struct prog *p, const uint64_t *w, size_t n);
/* Structural equality of two programs (ignores op.line). */
bool prog_equal(const struct prog *a, const struct prog *b);

#endif /* VSMMU_FUZZ_OP_H */
