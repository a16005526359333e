/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * gen_dict.c - write the fuzzing dictionary of one fuzz target, generated
 * from the tree's own tables so that it cannot drift (docs/fuzzing.md,
 * "Dictionaries"):
 *
 *   fuzz/gen-dict TARGET > fuzz/TARGET.dict
 *
 * Entries (libFuzzer/AFL++ format, name="value" with \xNN escapes):
 *  - for a target that runs programs: whole records - one statement per
 *    register, command opcode, event code, GERROR bit, interrupt line,
 *    command error, STE Config value and granule, each built from the name
 *    tables of fuzz/names.c into scenario text that continues the target's
 *    prologue and encoded with the target's own encoder
 *    (fuzz_encode_after), so an engine that splices one in gets that
 *    statement; statements the target's mask drops give nothing. Then the
 *    raw values that land in payloads and raw fields: register offsets
 *    (LE32), command dword 0 of each opcode and STE dword 0 of each Config
 *    (LE64), event codes and GERROR bits (LE32).
 *  - for fuzz_scenario (the parser and printer): the language's words -
 *    every statement of the list above as the printer writes it, every
 *    keyword and key= that those lines hold, and every name of the tables.
 * A statement of the list that no longer parses (the language changed) is
 * an error (exit 1): the build stops instead of shipping a stale entry.
 * Statements marked optional name addresses of the big-RAM prologues
 * (fuzz_evtq, fuzz_dma, fuzz_system) and are skipped where g0's RAM is
 * smaller.
 */
#define _POSIX_C_SOURCE 200809L   /* open_memstream */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/fuzz_common.h"
#include "fuzz/names.h"
#include "vsmmu/smmuv3_regs.h"

/* libFuzzer ignores longer entries (AFL++ takes up to 128 bytes). */
#define DICT_MAX_ENTRY 64u
#define DICT_MAX_ENTRIES 4096u

struct dict {
	FILE *out;
	unsigned n;
	bool text;                               /* fuzz_scenario: words */
	const struct fuzz_target *t;             /* NULL for fuzz_scenario */
	int errors;
	/* Entries written so far (duplicates are dropped), by content. */
	uint8_t seen[DICT_MAX_ENTRIES][DICT_MAX_ENTRY];
	uint8_t seen_len[DICT_MAX_ENTRIES];
};

static void entry(struct dict *d, const char *what, const uint8_t *b, size_t n)
{
	if (n == 0 || n > DICT_MAX_ENTRY || d->n >= DICT_MAX_ENTRIES)
		return;
	for (unsigned i = 0; i < d->n; i++)
		if (d->seen_len[i] == n && memcmp(d->seen[i], b, n) == 0)
			return;
	memcpy(d->seen[d->n], b, n);
	d->seen_len[d->n] = (uint8_t)n;
	d->n++;
	/* The name is a comment of sorts: [A-Za-z0-9_] only. */
	fputs("# ", d->out);
	fputs(what, d->out);
	fputc('\n', d->out);
	fprintf(d->out, "v%u=\"", d->n);
	for (size_t i = 0; i < n; i++) {
		if (b[i] >= 0x20 && b[i] < 0x7f && b[i] != '"' && b[i] != '\\')
			fputc(b[i], d->out);
		else
			fprintf(d->out, "\\x%02x", b[i]);
	}
	fputs("\"\n", d->out);
}

static void entry_str(struct dict *d, const char *what, const char *s)
{
	entry(d, what, (const uint8_t *)s, strlen(s));
}

static void entry_le(struct dict *d, const char *what, uint64_t v, unsigned bytes)
{
	uint8_t b[8];

	for (unsigned i = 0; i < bytes; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	entry(d, what, b, bytes);
}

/* One statement of the list: its record for a program target, or its
 * printed text and words for fuzz_scenario. */
static void statement(struct dict *d, const char *text, bool optional)
{
	char err[256];

	if (d->text) {
		/* Parsed against fuzz_system's prologue (the platform with the
		 * most guests and RAM), then printed as the printer writes it. */
		const struct fuzz_target *sys = &fuzz_target_system;
		size_t pl = strlen(sys->prologue), tl = strlen(text);
		char *all = malloc(pl + tl + 1), *line = NULL;
		size_t ll = 0;
		struct prog p;
		FILE *f;

		if (!all) {
			d->errors++;
			return;
		}
		memcpy(all, sys->prologue, pl);
		memcpy(all + pl, text, tl + 1);
		prog_init(&p);
		if (scn_parse("gen-dict", all, pl + tl, &p, err, sizeof err) != 0) {
			if (!optional) {
				fprintf(stderr, "gen-dict: '%.*s' does not parse: %s\n", (int)strcspn(text, "\n"),
					text, err);
				d->errors++;
			}
			prog_free(&p);
			free(all);
			return;
		}
		f = open_memstream(&line, &ll);
		if (f && p.nops > 0) {
			scn_print_op(&p, &p.ops[p.nops - 1], f);
			fclose(f);
			entry_str(d, "statement", line);
			/* Its words: keyword, names, key= prefixes. */
			for (char *w = strtok(line, " "); w; w = strtok(NULL, " ")) {
				char *eq = strchr(w, '=');

				if (eq)
					eq[1] = '\0';
				entry_str(d, "word", w);
			}
		} else if (f)
			fclose(f);
		free(line);
		prog_free(&p);
		free(all);
		return;
	}
	{
		uint8_t *b = NULL;
		size_t n = 0;

		if (fuzz_encode_after(d->t, text, strlen(text), &b, &n, err, sizeof err) != 0) {
			if (!optional) {
				fprintf(stderr, "gen-dict: %s: '%.*s': %s\n", d->t->name,
					(int)strcspn(text, "\n"), text, err);
				d->errors++;
			}
			return;
		}
		entry(d, "record", b, n);
		free(b);
	}
}

static void stmt(struct dict *d, bool optional, const char *fmt, const char *a, const char *b)
{
	char text[256];

	snprintf(text, sizeof text, fmt, a, b);
	statement(d, text, optional);
}

static void statements(struct dict *d)
{
	static const char *const values[] = { "0", "0x1", "0xd", "0x41", "0x42", "0x201", "0xffffffff" };
	char num[32];

	for (size_t i = 0; i < names_nregs; i++) {
		const char *r = names_regs[i].name;

		stmt(d, false, "write g0 %s 0\n", r, "");
		stmt(d, false, "read g0 %s\n", r, "");
		stmt(d, false, "poll g0 %s expect=0 tries=2\n", r, "");
	}
	/* Values that matter: enables, PROD jumps past the per-trap budget
	 * (0x42: 65 commands after the attach's one in g0's prefilled queue) and
	 * far past it (0x201: all 512). */
	for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
		stmt(d, false, "write g0 CMDQ_PROD %s\n", values[v], "");
		stmt(d, false, "write g1 CMDQ_PROD %s\n", values[v], "");
		stmt(d, false, "write g0 EVENTQ_CONS %s\n", values[v], "");
		stmt(d, false, "write g0 CR0 %s\n", values[v], "");
	}
	for (size_t i = 0; i < names_ncmds; i++) {
		stmt(d, false, "cmd g0 %s\n", names_cmds[i].name, "");
		stmt(d, false, "cmd g0 %s nokick\n", names_cmds[i].name, "");
		stmt(d, false, "cmd g1 %s\n", names_cmds[i].name, "");
	}
	stmt(d, false, "cmd g0 CFGI_ALL\n", "", "");
	stmt(d, false, "kick g0\n", "", "");
	stmt(d, false, "settle\n", "", "");
	stmt(d, false, "expect-isolation\n", "", "");
	stmt(d, false, "expect-no-event g0\n", "", "");
	for (size_t i = 0; i < names_nevents; i++) {
		stmt(d, false, "expect-event g0 %s\n", names_events[i].name, "");
		stmt(d, false, "inject psmmu0 event %s psid=0x10\n", names_events[i].name, "");
		stmt(d, false, "inject psmmu1 event %s psid=0x11\n", names_events[i].name, "");
	}
	for (size_t i = 0; i < names_ngerror; i++)
		stmt(d, false, "inject psmmu0 gerror %s\n", names_gerror[i].name, "");
	for (size_t i = 0; i < names_ncerror; i++)
		stmt(d, false, "inject psmmu0 cmd-error %s\n", names_cerror[i].name, "");
	for (size_t i = 0; i < names_nirq_lines; i++) {
		stmt(d, false, "expect-irq g0 %s\n", names_irq_lines[i].name, "");
		stmt(d, false, "expect-no-irq g0 %s\n", names_irq_lines[i].name, "");
	}
	for (size_t i = 0; i < names_ndma_expect; i++)
		stmt(d, false, "dma g0 vsid=0 iova=0x1000 read expect=%s\n", names_dma_expect[i].name, "");
	for (size_t i = 0; i < names_nevt_class; i++)
		stmt(d, false, "inject psmmu0 event F_TRANSLATION psid=0x10 class=%s\n",
		     names_evt_class[i].name, "");
	stmt(d, false, "inject psmmu0 evtq-overflow\n", "", "");
	stmt(d, false, "inject psmmu0 sync-timeout\n", "", "");
	stmt(d, false, "inject g0 mem-abort 0x40000000:4K\n", "", "");
	stmt(d, false, "inject g0 mem-abort off\n", "", "");
	stmt(d, false, "inject alloc-fail\n", "", "");
	stmt(d, false, "dma g0 vsid=0 iova=0x1000 write\n", "", "");
	stmt(d, false, "dma g0 vsid=1 iova=0x1000 read\n", "", "");
	stmt(d, false, "dma g1 vsid=0 iova=0x1000 read\n", "", "");
	for (unsigned c = 0; c < 8; c++) {
		snprintf(num, sizeof num, "%u", c);
		stmt(d, false, "ste g0 0 v=1 config=%s\n", num, "");
	}
	stmt(d, false, "cd g0 0x40004000 v=1\n", "", "");
	stmt(d, false, "l1std g0 0 span=7 l2ptr=0x40008000\n", "", "");
	stmt(d, false, "write g0 STRTAB_BASE_CFG 0x10188\n", "", "");
	stmt(d, false, "map g0 ttb=0x40010000 iova=0x10000 ipa=0x40090000 size=64K granule=4K\n", "", "");
	stmt(d, false, "map g0 ttb=0x40010000 iova=0x10000 ipa=0x40090000 size=64K granule=16K\n", "", "");
	stmt(d, false, "map g0 ttb=0x40010000 iova=0x10000 ipa=0x40090000 size=64K granule=64K\n", "", "");
	stmt(d, false, "ptpool g0 0x40040000:64K\n", "", "");
	stmt(d, false, "unassign g0 vsid=0\n", "", "");
	stmt(d, false, "assign g0 vsid=5 psmmu=1 psid=0x30\n", "", "");
	stmt(d, false, "destroy g1\n", "", "");
	stmt(d, false, "mem64 g0 0x40002000 0x46 0\n", "", "");
	/* The big-RAM prologues: g0's 2^19-entry command queue at 0x40800000. */
	stmt(d, true, "mem64 g0 0x40800010 0x46 0\n", "", "");
	stmt(d, true, "write g0 CMDQ_BASE 0x40800013\n", "", "");
	stmt(d, true, "write g0 EVENTQ_BASE 0x40400011\n", "", "");
}

static void raw_values(struct dict *d)
{
	for (size_t i = 0; i < names_nregs; i++)
		entry_le(d, "register offset", names_regs[i].off, 4);
	for (size_t i = 0; i < names_ncmds; i++)
		entry_le(d, "command dword 0", VS_FIELD_PREP(CMD0_OP, names_cmds[i].op), 8);
	for (uint64_t c = 0; c < 8; c++)
		entry_le(d, "STE dword 0", STE0_V | VS_FIELD_PREP(STE0_CONFIG, c), 8);
	for (size_t i = 0; i < names_nevents; i++)
		entry_le(d, "event code", names_events[i].val, 4);
	for (size_t i = 0; i < names_ngerror; i++)
		entry_le(d, "GERROR bit", names_gerror[i].val, 4);
}

static void words(struct dict *d)
{
	char w[64];

	for (size_t i = 0; i < names_nregs; i++)
		entry_str(d, "register", names_regs[i].name);
	for (size_t i = 0; i < names_ncmds; i++) {
		entry_str(d, "command", names_cmds[i].name);
		for (size_t f = 0; f < names_cmds[i].nfields; f++) {
			snprintf(w, sizeof w, "%s=", names_cmds[i].fields[f].name);
			entry_str(d, "command field", w);
		}
	}
	for (size_t f = 0; f < names_nste_fields; f++) {
		snprintf(w, sizeof w, "%s=", names_ste_fields[f].name);
		entry_str(d, "STE field", w);
	}
	for (size_t f = 0; f < names_ncd_fields; f++) {
		snprintf(w, sizeof w, "%s=", names_cd_fields[f].name);
		entry_str(d, "CD field", w);
	}
	for (size_t i = 0; i < names_nevents; i++)
		entry_str(d, "event", names_events[i].name);
	for (size_t i = 0; i < names_ngerror; i++)
		entry_str(d, "GERROR bit", names_gerror[i].name);
	for (size_t i = 0; i < names_nirq_lines; i++)
		entry_str(d, "interrupt line", names_irq_lines[i].name);
	for (size_t i = 0; i < names_ncerror; i++)
		entry_str(d, "command error", names_cerror[i].name);
	for (size_t i = 0; i < names_nevt_class; i++)
		entry_str(d, "event class", names_evt_class[i].name);
}

int main(int argc, char **argv)
{
	struct dict *d;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: gen-dict TARGET   (writes the dictionary on stdout)\n");
		return 2;
	}
	d = calloc(1, sizeof *d);
	if (!d)
		return 2;
	d->out = stdout;
	if (strcmp(argv[1], "fuzz_scenario") == 0)
		d->text = true;
	else if (!(d->t = fuzz_target_by_name(argv[1]))) {
		fprintf(stderr, "gen-dict: unknown fuzz target '%s'\n", argv[1]);
		free(d);
		return 2;
	}
	printf("# %s.dict - generated by fuzz/gen-dict from fuzz/names.c and the target's\n"
	       "# encoder; do not edit (docs/fuzzing.md, \"Dictionaries\").\n", argv[1]);
	statements(d);
	if (d->text)
		words(d);
	else
		raw_values(d);
	rc = d->errors ? 1 : 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = 1;
	if (d->n == 0)
		rc = 1;
	free(d);
	return rc;
}
