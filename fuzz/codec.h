/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * codec.h - the two encodings of the op model (op.h).
 *
 * Text: the scenario language of docs/scenario-language.md.
 * Bytes: a compact, mutation-friendly form in which every byte string
 * decodes to a valid program (out-of-range values are folded into range).
 * Round trips: scn_parse(scn_print(bytes_decode(b))) == bytes_decode(b);
 * bytes_decode(bytes_encode(p)) == p.
 */
#ifndef VSMMU_FUZZ_CODEC_H
#define VSMMU_FUZZ_CODEC_H

#include <stdio.h>
#include "fuzz/names.h"
#include "fuzz/op.h"

/* Parse a whole scenario. On error returns -1 and writes one line
 * "FILE:LINE: message (near 'TOKEN')" into err; nothing of out is valid. */
int scn_parse(const char *filename, const char *text, size_t len, struct prog *out,
	      char *err, size_t errlen);
/* The same with the parser's state in ps, made once and reused (a parse
 * then allocates nothing but out's growth). */
struct scn_parser;
struct scn_parser *scn_parser_create(void);
void scn_parser_destroy(struct scn_parser *ps);
int scn_parse_in(struct scn_parser *ps, const char *filename, const char *text, size_t len, struct prog *out,
		 char *err, size_t errlen);
/* Print a program as scenario text that parses back to the same ops. */
int scn_print(const struct prog *p, FILE *out);
/* Print one op (no newline) - for -v traces and failure messages. */
int scn_print_op(const struct prog *p, const struct op *op, FILE *out);

/* Bit (1 << kind) set in kinds_allowed lets the decoder produce that kind;
 * BYTES_ALL_KINDS allows every statement. Never fails. */
#define BYTES_ALL_KINDS ((UINT64_C(1) << OP_KIND_NR) - 1)
void bytes_decode(const uint8_t *data, size_t size, uint64_t kinds_allowed, struct prog *out);
/* Where a decode stopped: the decoder state after a program's ops (its
 * guests, RAM, psmmus), its name table and its op count. */
struct bytes_after {
	struct scn_rules rules;
	char names[OP_MAX_GUESTS][OP_NAME_MAX + 1];
	uint32_t line0;
};
/* Decode data as if it followed the encoding of that program (no magic is
 * skipped): out gets only the ops data adds, with the same names, guest
 * slots and lines as bytes_decode(that program's bytes + data) gives them
 * (the fuzz targets' prologue, fuzz_common.h). */
void bytes_decode_after(const uint8_t *data, size_t size, uint64_t kinds_allowed,
			const struct bytes_after *after, struct prog *out);
/* Record by record, for the op-level mutator (fuzz/mutator.c): append to
 * out the ops data decodes to in state ru (updated), lines from line0 + 1;
 * and encode one op (its KIND byte the rank of its kind among
 * kinds_allowed, as the decoder selects it) for state ru into buf. Returns
 * the record's length, or -1 when op is not valid there or needs more than
 * cap bytes (buf may then hold part of it). Written straight into buf: it
 * allocates nothing. */
void bytes_decode_append(const uint8_t *data, size_t size, uint64_t kinds_allowed, struct scn_rules *ru,
			 uint32_t line0, struct prog *out);
int bytes_encode_record(const struct prog *p, const struct op *op, const struct scn_rules *ru,
			uint64_t kinds_allowed, uint8_t *buf, size_t cap);
/* Encode; *out is malloc'ed (caller frees). -1 on allocation failure. */
int bytes_encode(const struct prog *p, uint8_t **out, size_t *len);
/* True if a file's contents should be treated as a byte input rather than
 * scenario text (documented rule in docs/scenarios.md). */
bool bytes_looks_binary(const uint8_t *data, size_t size);

/* The optional prefix bytes_encode writes and bytes_decode
 * skips; it makes bytes_looks_binary certain. Inputs without it decode the
 * same way (fuzzers' inputs do not carry it). */
#define BYTES_MAGIC_LEN 4u
#define BYTES_MAGIC0    0xF5u   /* then 'V' 'S' '1' */

#endif
