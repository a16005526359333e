/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * op_schema.h - the one definition of every op kind (fuzz/op.h): its
 * statement keyword, whether it names a guest, its class, and its fields
 * with type, range, default, text form and byte encoding. The byte codec
 * (bytes.c), the printer (scn_print.c), equality (op.c), the parser's
 * statement dispatch (scn_parse.c), the executor's guest check and the
 * op-level mutator (mutator.c) all read this table; docs/design.md "Adding
 * a field or a statement" says how to extend it.
 *
 * A field is a member of struct op's union, named by offset and width (or
 * some bits of one, mmask). Its presence: has == 0 means always present;
 * otherwise the HAS_ bit in op.has says whether the text carries the key
 * and (for byte-optional fields) the FLAG bit of the kind's flags byte says
 * whether the bytes carry it. A FLAG without a HAS_ bit (dma's attributes)
 * says the value differs from def: the bytes carry it only then.
 */
#ifndef VSMMU_FUZZ_OP_SCHEMA_H
#define VSMMU_FUZZ_OP_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fuzz/names.h"
#include "fuzz/op.h"

/* The class of a statement, as the oracle brackets it. */
enum op_class { OPC_PLATFORM, OPC_GUEST, OPC_INJECT, OPC_HYP };

/* What a field is. Scalar types are read and written generically; the
 * structured ones have one codec each (in bytes.c / scn_print.c), used by
 * whichever kinds list them. */
enum op_ftype {
	FT_UINT,     /* an integer member */
	FT_FLAGS,    /* (bytes only) the kind's flags byte: presence bits of later fields */
	FT_PSMMU,    /* a declared psmmu: index among the declared ones */
	FT_PSMMU_NEW,/* the psmmu a psmmu statement declares: the next free one */
	FT_REG,      /* reg.off: a register of names_regs, or a raw offset; sets
	                the default size (the register's width) and mask */
	FT_GNAME,    /* the name a guest statement declares (its slot) */
	FT_RAM,      /* the guest statement's RAM ranges */
	FT_BYTES,    /* mem/memcheck: IPA + hex payload (prog->bytes) */
	FT_WORDS64,  /* mem64: IPA + words (prog->words) */
	FT_INRAM,    /* an IPA whose [ipa, ipa + len) lies in the guest's RAM */
	FT_RANGE,    /* IPA:SIZE within the guest's RAM (ptpool) */
	FT_WORDS,    /* structure words by named fields (STE, CD) */
	FT_CMDOP,    /* the command opcode (names_cmds), in cmd.dw[0] */
	FT_CMDWORDS, /* the command words, by the opcode's fields */
};

/* How a scalar travels in the bytes (little endian, bw bytes). */
enum op_benc {
	BE_NONE,     /* not in the bytes (derived, or read by FT_FLAGS) */
	BE_UINT,     /* raw; & bmask when bmask != 0 */
	BE_RANGE,    /* min + raw % (max - min + 1); written as v - min */
	BE_MOD,      /* raw % (max + 1) */
	BE_VAL,      /* biased toward the guest's RAM (TAG + OFF32, or 0x80 + raw64); & bmask */
	BE_SEL,      /* U8 index into the name table, index == n: raw bw bytes follow */
	BE_IDX,      /* U8 % n index into the name table; written as index */
	BE_IDXALL,   /* U8 % (n + 1): index n means the value 'all' (max) */
	BE_SIZECODE, /* U8: size 1 << (raw % 4) */
	BE_FLAGBITS, /* bits [fshift, fshift + fbits) of the flags byte:
	                value = min + bits % (max - min + 1) */
	BE_FLAGIDX,  /* the same bits: value = names[bits % n] */
};

/* How the text shows a scalar. */
enum op_tfmt {
	TF_NONE,     /* not printed by the generic printer */
	TF_DEC, TF_HEX, TF_SIZE,  /* 12 / 0xc / 4K */
	TF_ID,       /* an identifier (StreamID, SubstreamID, index) as names_id spells it: 7 / 0xc */
	TF_NAME,     /* a name of the table; a value without one is not printable */
	TF_NAME_NUM, /* a name of the table, else 0xNN */
	TF_WORD,     /* the bare word f->word when the value is not 0 (nokick) */
	TF_RANGE_LO, /* " 0xIPA:" (the size follows as TF_RANGE_HI) */
	TF_RANGE_HI, /* SIZE right after TF_RANGE_LO */
};

/* Field attributes. */
enum op_fattr {
	FA_ALWAYS   = 1u << 0,  /* optional key but always in the bytes; absent: def */
	FA_REQUIRED = 1u << 1,  /* has bit is always set (poll expect): flag ignored */
	FA_HASNZ    = 1u << 2,  /* has bit set iff the value differs from def (dma expect) */
	FA_ZMIN     = 1u << 3,  /* a decoded 0 becomes def2 (tries, gerror bits) */
	FA_SIZEMAX  = 1u << 4,  /* value & size_max(reg.size) */
	FA_PRDEF    = 1u << 5,  /* printed when != def (no has bit) */
	FA_KEEP     = 1u << 6,  /* absent: keep what an earlier field set (reg size) */
	/* text only */
	FA_SIZEOK   = 1u << 7,  /* the number may carry a K/M/G suffix */
	FA_POW2     = 1u << 8,  /* a power of two (else why) */
	FA_INNAMES  = 1u << 9,  /* a number that must be a value of the name table (else why) */
	FA_ADDR     = 1u << 10, /* an address: aligned to max's lowest bit, at most max (else why) */
	FA_BITSET   = 1u << 11, /* a name or number whose bits lie in max, not 0 (else why) */
	FA_OPTPOS   = 1u << 12, /* a positional that may be left out (its default) */
	FA_NOT      = 1u << 13, /* a 0/1 key saying the member's negation (ril=0: psmmu.noril) */
};

struct op_field {
	const char *key;        /* text key; NULL for a positional or bytes-only field */
	uint8_t type;           /* enum op_ftype */
	uint16_t off;           /* offsetof(struct op, u.x) */
	uint8_t width;          /* sizeof that member */
	uint64_t mmask;         /* the field is these bits of the member (0: all of it) */
	uint32_t has;           /* enum op_has bit, 0 = always present */
	uint64_t min, max, def; /* range of the value; default when absent */
	uint64_t def2;          /* FA_ZMIN: what a decoded 0 becomes */
	uint8_t tfmt;           /* enum op_tfmt */
	uint8_t benc;           /* enum op_benc */
	uint8_t bw;             /* bytes of a raw value */
	uint8_t flag;           /* presence bit in the flags byte (0: none) */
	uint8_t fshift, fbits;  /* BE_FLAGBITS position */
	uint8_t bseq;           /* position in the byte record (fields may print in another order) */
	uint16_t attr;          /* enum op_fattr */
	uint64_t bmask;         /* BE_UINT / BE_VAL: mask applied to the value */
	const struct name_val *names;  /* TF_NAME*, BE_SEL/IDX/FLAGBITS */
	const size_t *nnames;
	const char *word;       /* TF_WORD: the word */
	uint64_t len;           /* FT_INRAM: length of the structure */
	const struct field_def *fdefs;  /* FT_WORDS: the named fields */
	const size_t *nfdefs;
	const uint64_t *amask;  /* FT_WORDS: per word, the address field biased like BE_VAL */
	const char *what;       /* the parser's word for it ("event", "STE", ...) */
	const char *why;        /* the parser's message for a value it rejects beyond max */
};

struct op_schema {
	const char *keyword;    /* statement word */
	const char *sub;        /* inject: the word naming the kind ("event", ...) */
	bool names_guest;       /* a GUEST reference follows the keyword */
	uint8_t cls;            /* enum op_class */
	const struct op_field *fields;
	size_t nfields;
	/* After a byte decode: fold dependent values into range; false drops
	 * the op (bytes.c). NULL: nothing to fold. */
	bool (*fold)(struct op *op, const struct scn_rules *ru);
};

extern const struct op_schema op_schemas[OP_KIND_NR];

/* The schema of a kind, or NULL. */
const struct op_schema *op_schema_of(unsigned kind);
bool op_names_guest(unsigned kind);
enum op_class op_class_of(unsigned kind);

/* Scalar member access (width 1, 2, 4 or 8; bool as 1), through mmask. */
uint64_t op_field_get(const struct op *op, const struct op_field *f);
void op_field_set(struct op *op, const struct op_field *f, uint64_t v);
/* The field's range as the printer can print it back (max for FA_SIZEMAX
 * depends on the op's size). */
uint64_t op_field_max(const struct op *op, const struct op_field *f);

#endif /* VSMMU_FUZZ_OP_SCHEMA_H */
