/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * names.h - the name tables of the scenario language, shared by the parser
 * and the printer (one table each, used both ways): registers, command
 * opcodes and their fields, STE and CD fields, event numbers, GERROR bits,
 * interrupt lines, command errors. All tables are const.
 */
#ifndef VSMMU_FUZZ_NAMES_H
#define VSMMU_FUZZ_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A name for a number. */
struct name_val {
	const char *name;
	uint64_t val;
};

/* A register of the 128 KiB window. */
struct reg_def {
	const char *name;
	uint32_t off;
	uint8_t width;   /* bytes: 4 or 8 */
};

/* A field of a structure word (STE, CD, command). An address field takes the
 * address itself: its low VS_FIELD_SHIFT(mask) bits must be 0. */
struct field_def {
	const char *name;
	uint8_t word;
	bool addr;
	uint64_t mask;
};

/* A command opcode and the fields it defines (IHI 0070 §4.2-§4.7). */
struct cmd_def {
	const char *name;
	uint8_t op;
	const struct field_def *fields;
	size_t nfields;
};

/* The tables. */
extern const struct reg_def names_regs[];
extern const size_t names_nregs;
extern const struct field_def names_ste_fields[];
extern const size_t names_nste_fields;
extern const struct field_def names_cd_fields[];
extern const size_t names_ncd_fields;
extern const struct cmd_def names_cmds[];
extern const size_t names_ncmds;
extern const struct name_val names_events[];
extern const size_t names_nevents;
extern const struct name_val names_gerror[];
extern const size_t names_ngerror;
extern const struct name_val names_irq_lines[];
extern const size_t names_nirq_lines;
extern const struct name_val names_cerror[];
extern const size_t names_ncerror;
extern const struct name_val names_dma_expect[];
extern const size_t names_ndma_expect;
extern const struct name_val names_evt_class[];
extern const size_t names_nevt_class;
extern const struct name_val names_perm[];
extern const size_t names_nperm;
extern const struct name_val names_granule[];
extern const size_t names_ngranule;
extern const struct name_val names_dma_rw[];
extern const size_t names_ndma_rw;
extern const struct name_val names_s2perm[];
extern const size_t names_ns2perm;

/* Case-insensitive comparison of s[0..n) with a NUL-terminated name. */
bool names_ieq(const char *s, size_t n, const char *name);

/* Register by name (case-insensitive, EVTQ_ accepted for EVENTQ_), by offset. */
const struct reg_def *names_reg_by_name(const char *s, size_t n);
const struct reg_def *names_reg_by_off(uint32_t off);
/* Default access size at an offset: the register's width, else 4. */
unsigned names_reg_width(uint32_t off);

/* Generic name <-> value tables. */
const struct name_val *names_find(const struct name_val *t, size_t n, const char *s, size_t len, bool icase);
const char *names_of(const struct name_val *t, size_t n, uint64_t val);

/* Commands. CFGI_ALL is not in the table (it is CFGI_STE_RANGE range=31). */
const struct cmd_def *names_cmd_by_name(const char *s, size_t n);
const struct cmd_def *names_cmd_by_op(uint8_t op);
const struct field_def *names_field(const struct field_def *t, size_t n, const char *s, size_t len);
/* Union of the masks of the fields of t that live in word w. */
uint64_t names_fields_mask(const struct field_def *t, size_t n, unsigned w);


/* ---- program rules shared by the parser and the byte decoder ------------
 * What makes a program valid beyond its syntax (docs/scenario-language.md
 * section 4, plus inject/platform.h limits), tracked statement by statement. */
#include "fuzz/op.h"

#define OP_MAX_PSMMU          4u      /* VSMMU_MAX_PSMMU */
#define SCN_DEFAULT_SIDSIZE   16u     /* PLAT_DEFAULT_SIDSIZE */
#define SCN_DEFAULT_SSIDSIZE  8u      /* PLAT_DEFAULT_SSIDSIZE */
#define SCN_DEFAULT_OAS       48u     /* PLAT_DEFAULT_OAS */
#define SCN_MAX_RAM_BYTES     (UINT64_C(4) << 30)   /* PLAT_MAX_RAM_BYTES */
#define SCN_MAX_GUEST_PAGES   8192u   /* PLAT_GUEST_MAX_PAGES: guest pages= and its default */
#define SCN_DEFAULT_TRIES     1000u   /* poll */
#define SCN_DEFAULT_DMA_LEN   4u      /* dma without len= */
#define SCN_PAGE              4096u   /* guest RAM ranges are 4K aligned */

struct scn_rules {
	unsigned nguests;                 /* slots used so far (never reused) */
	bool destroyed[OP_MAX_GUESTS];
	uint16_t vmid[OP_MAX_GUESTS];
	uint8_t nranges[OP_MAX_GUESTS];
	uint64_t ipa[OP_MAX_GUESTS][OP_MAX_RANGES], size[OP_MAX_GUESTS][OP_MAX_RANGES];
	unsigned psmmu_mask;              /* declared psmmus */
};

void scn_rules_init(struct scn_rules *r);
/* Record the effect of a valid psmmu, guest or destroy op. */
void scn_rules_apply(struct scn_rules *r, const struct prog *p, const struct op *op);
/* Slot of a declared guest name (destroyed or not), or -1. */
int scn_rules_find(const struct scn_rules *r, const struct prog *p, const char *name);
bool scn_rules_psmmu_ok(const struct scn_rules *r, unsigned n);
bool scn_rules_vmid_used(const struct scn_rules *r, uint16_t vmid);
bool scn_rules_in_ram(const struct scn_rules *r, unsigned g, uint64_t ipa, uint64_t len);
/* Guest name syntax: [a-z][a-z0-9_]*, at most OP_NAME_MAX characters. */
bool scn_name_valid(const char *s, size_t n);
/* RAM ranges of a guest op: 0 if valid, else a reason for scn_ram_why. */
int scn_ram_check(const struct op *op);
const char *scn_ram_why(int why);

/* One spelling of an identifier (StreamID, SubstreamID, table index) for the
 * printer and the -v trace alike, so a value reads the same in both:
 * decimal below 10, else 0x hex (the printer's rule for structure fields).
 * buf holds at least 24 bytes; returns buf. */
const char *names_id(char *buf, uint64_t v);
#define NAMES_ID(v) names_id((char[24]){ 0 }, (uint64_t)(v))

#endif
