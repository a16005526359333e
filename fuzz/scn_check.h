/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * scn_check.h - the round trips of the scenario language as a check, for
 * the fuzz_scenario target and its tests (docs/fuzzing.md):
 *   text:  a text that parses prints to a text that parses to the same
 *          program, and that printed text is stable (printing it again
 *          gives the same characters);
 *   bytes: any byte string decodes (every kind allowed) to a program whose
 *          printed text parses back to it, stable likewise.
 * Inputs that do not parse are fine (the parser said so with one line);
 * nothing else is.
 */
#ifndef VSMMU_FUZZ_SCN_CHECK_H
#define VSMMU_FUZZ_SCN_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "fuzz/op.h"

enum scn_check {
	SCN_CHECK_OK,          /* the round trip holds */
	SCN_CHECK_REJECTED,    /* the text does not parse (not a failure) */
	SCN_CHECK_NOMEM,       /* memory ran out (not a finding either) */
	SCN_CHECK_REPARSE,     /* the printed text does not parse */
	SCN_CHECK_DIFFERS,     /* it parses to another program */
	SCN_CHECK_UNSTABLE     /* printing it again gives other text */
};

/* Whether a result is a finding (REPARSE, DIFFERS, UNSTABLE). */
#define SCN_CHECK_FAILED(r) ((r) >= SCN_CHECK_REPARSE)

/* What a check found, in two forms: text for people, and the three stable
 * words a crash signature is made of (docs/fuzzing.md "Triage"; the
 * fuzz_scenario target prints them, scripts/crash-signature.sh reads them):
 *   kind  which comparison failed, one of
 *         reparse            the printed text does not parse
 *         guest-name-tables  a guest name slot differs
 *         statement          a statement differs
 *         statement-count    one program has more statements
 *         unstable           printing the reparsed program gives other text
 *   op    the statement kind concerned (its keyword, "inject-SUB" for an
 *         inject: "guest", "write", "inject-event"; "-" when none)
 *   at    the part of it ("name": the names differ, "name-padding": only
 *         the bytes after the name's end; "-" otherwise)
 * None of the three holds a value, a line or a slot number, so two inputs
 * of one bug give the same words. All are "" while the check holds. */
struct scn_why {
	const char *kind, *at;
	char op[24];
	char text[400];
};

/* The round trip of program p (its print, parse, reprint). */
enum scn_check scn_check_prog(const struct prog *p, struct scn_why *why);
/* Parse data as scenario text; when it parses, scn_check_prog. (A text
 * that does not parse: REJECTED, why->text has the parser's line.) */
enum scn_check scn_check_text(const uint8_t *data, size_t size, struct scn_why *why);
/* bytes_decode(data, all kinds), then scn_check_prog. */
enum scn_check scn_check_bytes(const uint8_t *data, size_t size, struct scn_why *why);
/* The same three with what they need (parser state, programs, print
 * buffers) kept in a checker from one call to the next, so that a call
 * allocates nothing once its buffers have grown: the fuzz_scenario target
 * keeps one per process (under ASan, memory allocated and freed per input
 * fills the quarantine). The three above make one per call. */
struct scn_checker;
struct scn_checker *scn_checker_create(void);
void scn_checker_destroy(struct scn_checker *c);
enum scn_check scn_check_prog_in(struct scn_checker *c, const struct prog *p, struct scn_why *why);
enum scn_check scn_check_text_in(struct scn_checker *c, const uint8_t *data, size_t size, struct scn_why *why);
enum scn_check scn_check_bytes_in(struct scn_checker *c, const uint8_t *data, size_t size, struct scn_why *why);
/* Compare two programs: SCN_CHECK_OK or SCN_CHECK_DIFFERS, why naming the
 * first name slot or statement that differs. */
enum scn_check scn_check_equal(const struct prog *a, const struct prog *b, struct scn_why *why);

#endif /* VSMMU_FUZZ_SCN_CHECK_H */
