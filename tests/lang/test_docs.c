/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * test_docs.c - the documents say what the code does.
 *
 *  1. Every ```scn block of every Markdown file of the tree (README.md,
 *     every docs/ page, tests/README.md, corpus/README.md, bench/README.md) parses,
 *     and printed and parsed again it is the same program.
 *  2. Every ```scn-error block fails to parse, with exactly the message of
 *     the ```error block that follows it (the file is called example.scn).
 *  3. docs/scenario-language.md and docs/invariants.md exist and have
 *     examples; the language reference has an error example, an example of
 *     every statement, and every line of the name tables generated from
 *     fuzz/names.c (`test_docs --tables` prints them), so a name added to
 *     or changed in the code fails here until the reference says so.
 *
 * The tree is found through $srcdir (exported by the test harness) or the
 * first argument.
 */
#define _POSIX_C_SOURCE 200809L   /* opendir, strdup */
#include <dirent.h>
#include <inttypes.h>

#include "tests/common/testfiles.h"
#include "tests/lang/lang_test.h"
#include "fuzz/names.h"

#define EXAMPLE_FILE "example.scn"
#define MAX_DOCS     64u

struct doc {
	char path[512];       /* as reported: relative to the tree */
	char *text;
	size_t len;
	unsigned nscn, nerr;  /* blocks seen */
	bool seen_kind[OP_KIND_NR];
};

/* ---- the generated name tables ------------------------------------------ */

static void pr_bits(FILE *f, uint64_t mask)
{
	unsigned lo = (unsigned)__builtin_ctzll(mask), hi = 63u - (unsigned)__builtin_clzll(mask);

	if (hi == lo)
		fprintf(f, "%u", lo);
	else
		fprintf(f, "%u:%u", hi, lo);
}

static void pr_value(FILE *f, const struct field_def *d)
{
	uint64_t max = VS_FIELD_MAX(d->mask);

	if (d->addr)
		fprintf(f, "address, multiple of %" PRIu64, UINT64_C(1) << VS_FIELD_SHIFT(d->mask));
	else if (max < 10)
		fprintf(f, "0..%" PRIu64, max);
	else
		fprintf(f, "0..0x%" PRIx64, max);
}

static void pr_field_table(FILE *f, const char *what, const struct field_def *t, size_t n)
{
	size_t i;

	fprintf(f, "| %s field | Dword | Bits | Value |\n|---|---|---|---|\n", what);
	for (i = 0; i < n; i++) {
		fprintf(f, "| `%s` | %u | ", t[i].name, t[i].word);
		pr_bits(f, t[i].mask);
		fputs(" | ", f);
		pr_value(f, &t[i]);
		fputs(" |\n", f);
	}
	fputc('\n', f);
}

static bool same_field(const struct field_def *a, const struct field_def *b)
{
	return a->word == b->word && a->mask == b->mask && a->addr == b->addr;
}

/* Command fields: one row per distinct (name, placement); a name placed
 * differently by some opcodes gets one row per placement, naming them. */
static void pr_cmd_fields(FILE *f)
{
	const struct field_def *done[64];
	size_t ndone = 0, c, i, j, c2, k;

	fputs("| Command field | Dword | Bits | Value |\n|---|---|---|---|\n", f);
	for (c = 0; c < names_ncmds; c++)
		for (i = 0; i < names_cmds[c].nfields; i++) {
			const struct field_def *d = &names_cmds[c].fields[i];
			bool seen = false, variants = false;

			for (j = 0; j < ndone; j++)
				if (strcmp(done[j]->name, d->name) == 0 && same_field(done[j], d))
					seen = true;
			if (seen || ndone >= sizeof(done) / sizeof(done[0]))
				continue;
			done[ndone++] = d;
			for (c2 = 0; c2 < names_ncmds; c2++)
				for (k = 0; k < names_cmds[c2].nfields; k++)
					if (strcmp(names_cmds[c2].fields[k].name, d->name) == 0 &&
					    !same_field(&names_cmds[c2].fields[k], d))
						variants = true;
			fprintf(f, "| `%s`", d->name);
			if (variants) {
				const char *sep = " (";

				for (c2 = 0; c2 < names_ncmds; c2++)
					for (k = 0; k < names_cmds[c2].nfields; k++)
						if (strcmp(names_cmds[c2].fields[k].name, d->name) == 0 &&
						    same_field(&names_cmds[c2].fields[k], d)) {
							fprintf(f, "%s%s", sep, names_cmds[c2].name);
							sep = ", ";
						}
				fputc(')', f);
			}
			fprintf(f, " | %u | ", d->word);
			pr_bits(f, d->mask);
			fputs(" | ", f);
			pr_value(f, d);
			fputs(" |\n", f);
		}
	fputc('\n', f);
}

static void pr_names(FILE *f, const char *where, const struct name_val *t, size_t n)
{
	size_t i;

	fprintf(f, "| %s |", where);
	for (i = 0; i < n; i++)
		fprintf(f, " `%s`", t[i].name);
	fputs(" |\n", f);
}

static void print_tables(FILE *f)
{
	size_t i, j;

	fputs("| Register | Offset | Default size |\n|---|---|---|\n", f);
	for (i = 0; i < names_nregs; i++)
		fprintf(f, "| `%s` | 0x%" PRIx32 " | %u |\n", names_regs[i].name, names_regs[i].off,
			names_regs[i].width);
	fputc('\n', f);

	pr_field_table(f, "STE", names_ste_fields, names_nste_fields);
	pr_field_table(f, "CD", names_cd_fields, names_ncd_fields);

	fputs("| Opcode | Number | Fields |\n|---|---|---|\n", f);
	for (i = 0; i < names_ncmds; i++) {
		fprintf(f, "| `%s` | 0x%02x |", names_cmds[i].name, names_cmds[i].op);
		if (!names_cmds[i].nfields)
			fputs(" none", f);
		for (j = 0; j < names_cmds[i].nfields; j++)
			fprintf(f, " `%s`", names_cmds[i].fields[j].name);
		fputs(" |\n", f);
	}
	fputc('\n', f);
	pr_cmd_fields(f);

	fputs("| Event | Number |\n|---|---|\n", f);
	for (i = 0; i < names_nevents; i++)
		fprintf(f, "| `%s` | 0x%02" PRIx64 " |\n", names_events[i].name, names_events[i].val);
	fputc('\n', f);

	fputs("| GERROR bit | Bit |\n|---|---|\n", f);
	for (i = 0; i < names_ngerror; i++)
		fprintf(f, "| `%s` | %u |\n", names_gerror[i].name, (unsigned)__builtin_ctzll(names_gerror[i].val));
	fputc('\n', f);

	fputs("| Word | Spellings |\n|---|---|\n", f);
	pr_names(f, "LINE of `expect-irq`, `expect-no-irq`", names_irq_lines, names_nirq_lines);
	pr_names(f, "CODE of `inject psmmuN cmd-error`", names_cerror, names_ncerror);
	pr_names(f, "`expect=` of `dma`", names_dma_expect, names_ndma_expect);
	pr_names(f, "`class=` of `inject psmmuN event`", names_evt_class, names_nevt_class);
}

/* ---- checks -------------------------------------------------------------- */

static bool doc_has_line(const struct doc *d, const char *line, size_t n)
{
	const char *p = d->text, *e = d->text + d->len;

	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		size_t m = nl ? (size_t)(nl - p) : (size_t)(e - p);

		if (m == n && memcmp(p, line, n) == 0)
			return true;
		p += m + 1;
	}
	return false;
}

static void check_tables(const struct doc *d)
{
	FILE *f = tmpfile();
	char line[2048];
	unsigned missing = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	print_tables(f);
	rewind(f);
	while (fgets(line, sizeof line, f)) {
		size_t n = strcspn(line, "\n");

		if (n == 0)
			continue;
		lt_checks++;
		if (!doc_has_line(d, line, n)) {
			if (missing++ < 40)
				fprintf(stderr, "%s: lacks this line of the name tables (test_docs --tables):\n    %.*s\n",
					d->path, (int)n, line);
			lt_failures++;
		}
	}
	fclose(f);
}

/* The statement of each op kind, printed from a default op. */
static void kind_example(unsigned kind, char *buf, size_t len)
{
	struct prog p;
	struct op *op;
	char *s;

	buf[0] = '\0';
	prog_init(&p);
	memcpy(p.names[0], "g1", 3);
	op = prog_add(&p, (uint8_t)kind);
	if (op && (s = lt_print(&p, NULL)) != NULL) {
		snprintf(buf, len, "%.*s", (int)strcspn(s, "\n"), s);
		free(s);
	}
	prog_free(&p);
}

static void check_example(struct doc *d, unsigned line, const char *text, size_t n)
{
	struct prog p, q;
	char err[512];
	char *printed;
	size_t i;

	prog_init(&p);
	prog_init(&q);
	lt_checks++;
	if (scn_parse(EXAMPLE_FILE, text, n, &p, err, sizeof err)) {
		fprintf(stderr, "%s:%u: example does not parse: %s\n", d->path, line, err);
		lt_failures++;
	} else if (p.nops == 0) {
		fprintf(stderr, "%s:%u: example has no statement\n", d->path, line);
		lt_failures++;
	} else {
		for (i = 0; i < p.nops; i++)
			d->seen_kind[p.ops[i].kind] = true;
		printed = lt_print(&p, NULL);
		lt_checks++;
		if (!printed || lt_parse(printed, &q) || !prog_equal(&p, &q)) {
			fprintf(stderr, "%s:%u: example printed and parsed again is another program\n", d->path, line);
			lt_failures++;
		}
		free(printed);
	}
	prog_free(&p);
	prog_free(&q);
}

static void check_error(struct doc *d, unsigned line, const char *text, size_t n, const char *want, size_t wn)
{
	struct prog p;
	char err[512];

	prog_init(&p);
	lt_checks++;
	if (scn_parse(EXAMPLE_FILE, text, n, &p, err, sizeof err) == 0) {
		fprintf(stderr, "%s:%u: error example parses\n", d->path, line);
		lt_failures++;
	} else if (strlen(err) != wn || memcmp(err, want, wn) != 0) {
		fprintf(stderr, "%s:%u: error example gives\n    %s\n  the document says\n    %.*s\n", d->path, line,
			err, (int)wn, want);
		lt_failures++;
	}
	prog_free(&p);
}

/* Walk the fences of one Markdown file. */
static void check_doc(struct doc *d)
{
	enum { NONE, SCN, SCN_ERR, ERR, OTHER } in = NONE;
	const char *p = d->text, *e = d->text + d->len, *body = NULL;
	const char *err_text = NULL;   /* last scn-error block, waiting for its error block */
	size_t err_len = 0;
	unsigned lineno = 0, open_line = 0, err_line = 0;

	while (p < e) {
		const char *nl = memchr(p, '\n', (size_t)(e - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(e - p), ind = 0;
		const char *l = p;

		lineno++;
		p += n + (nl ? 1 : 0);
		while (ind < n && (l[ind] == ' ' || l[ind] == '\t'))
			ind++;
		if (n - ind < 3 || memcmp(l + ind, "```", 3) != 0)
			continue;
		if (in != NONE) {   /* a closing fence */
			size_t bn = (size_t)(l - body);

			if (in == SCN) {
				check_example(d, open_line, body, bn);
				d->nscn++;
			} else if (in == SCN_ERR) {
				err_text = body;
				err_len = bn;
				err_line = open_line;
				d->nerr++;
			} else if (in == ERR) {
				const char *m = body, *me = l;

				while (me > m && (me[-1] == '\n' || me[-1] == '\r'))
					me--;
				lt_checks++;
				if (!err_text) {
					fprintf(stderr, "%s:%u: error block without a scn-error block before it\n", d->path,
						open_line);
					lt_failures++;
				} else if (memchr(m, '\n', (size_t)(me - m))) {
					fprintf(stderr, "%s:%u: error block must hold one line\n", d->path, open_line);
					lt_failures++;
				} else {
					check_error(d, err_line, err_text, err_len, m, (size_t)(me - m));
				}
				err_text = NULL;
			}
			in = NONE;
			continue;
		}
		{
			const char *info = l + ind + 3;
			size_t in_n = n - ind - 3;

			while (in_n && (info[in_n - 1] == ' ' || info[in_n - 1] == '\r'))
				in_n--;
			if (in_n == 3 && memcmp(info, "scn", 3) == 0)
				in = SCN;
			else if (in_n == 9 && memcmp(info, "scn-error", 9) == 0)
				in = SCN_ERR;
			else if (in_n == 5 && memcmp(info, "error", 5) == 0)
				in = ERR;
			else
				in = OTHER;
			if (in_n >= 3 && memcmp(info, "scn", 3) == 0 && in == OTHER) {
				fprintf(stderr, "%s:%u: unknown fence '%.*s' (scn or scn-error)\n", d->path, lineno,
					(int)in_n, info);
				lt_failures++;
			}
			if ((in == SCN || in == SCN_ERR || in == ERR) && ind) {
				fprintf(stderr, "%s:%u: an example fence must start in column 1\n", d->path, lineno);
				lt_failures++;
			}
			if (err_text && in != ERR) {
				fprintf(stderr, "%s:%u: scn-error block is not followed by an error block\n", d->path,
					err_line);
				lt_failures++;
				err_text = NULL;
			}
			body = p;
			open_line = lineno;
		}
	}
	lt_checks++;
	if (in != NONE) {
		fprintf(stderr, "%s:%u: fence never closed\n", d->path, open_line);
		lt_failures++;
	}
	if (err_text) {
		fprintf(stderr, "%s:%u: scn-error block is not followed by an error block\n", d->path, err_line);
		lt_failures++;
	}
}

static int add_doc(struct doc *docs, size_t *n, const char *top, const char *rel)
{
	char path[1024];
	struct doc *d;

	if (*n >= MAX_DOCS)
		return -1;
	d = &docs[*n];
	memset(d, 0, sizeof *d);
	snprintf(d->path, sizeof d->path, "%s", rel);
	snprintf(path, sizeof path, "%s/%s", top, rel);
	d->text = tf_slurp(path, &d->len);
	if (!d->text)
		return -1;
	(*n)++;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static struct doc *find_doc(struct doc *docs, size_t n, const char *rel)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(docs[i].path, rel) == 0)
			return &docs[i];
	return NULL;
}

int main(int argc, char **argv)
{
	static struct doc docs[MAX_DOCS];
	static const char *const fixed[] = { "README.md", "tests/README.md", "corpus/README.md", "bench/README.md" };
	static const char *const required[] = { "docs/scenario-language.md", "docs/invariants.md" };
	const char *top = getenv("srcdir");
	char dpath[1024], *names[MAX_DOCS];
	size_t ndocs = 0, nnames = 0, i;
	struct doc *lang;
	DIR *dir;
	struct dirent *de;

	if (argc > 1 && strcmp(argv[1], "--tables") == 0) {
		print_tables(stdout);
		return ferror(stdout) ? 1 : 0;
	}
	if (argc > 1)
		top = argv[1];
	if (!top || !*top)
		top = ".";

	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		(void)add_doc(docs, &ndocs, top, fixed[i]);   /* optional */
	snprintf(dpath, sizeof dpath, "%s/docs", top);
	dir = opendir(dpath);
	CHECK(dir != NULL);
	if (!dir) {
		fprintf(stderr, "test_docs: cannot open %s (set srcdir)\n", dpath);
		return 99;
	}
	while ((de = readdir(dir)) != NULL && nnames < MAX_DOCS) {
		size_t l = strlen(de->d_name);

		if (l > 3 && strcmp(de->d_name + l - 3, ".md") == 0 && de->d_name[0] != '.')
			names[nnames++] = strdup(de->d_name);
	}
	closedir(dir);
	qsort(names, nnames, sizeof names[0], cmp_str);
	for (i = 0; i < nnames; i++) {
		char rel[600];

		if (!names[i])
			continue;
		snprintf(rel, sizeof rel, "docs/%s", names[i]);
		CHECK(add_doc(docs, &ndocs, top, rel) == 0);
		free(names[i]);
	}

	for (i = 0; i < ndocs; i++)
		check_doc(&docs[i]);

	for (i = 0; i < sizeof required / sizeof required[0]; i++) {
		struct doc *d = find_doc(docs, ndocs, required[i]);

		lt_checks++;
		if (!d) {
			fprintf(stderr, "%s/%s: missing\n", top, required[i]);
			lt_failures++;
		} else if (d->nscn == 0) {
			fprintf(stderr, "%s: has no ```scn example\n", required[i]);
			lt_failures++;
		}
	}
	lang = find_doc(docs, ndocs, "docs/scenario-language.md");
	if (lang) {
		unsigned k;

		CHECK(lang->nerr > 0);
		for (k = 0; k < OP_KIND_NR; k++) {
			char ex[160];

			lt_checks++;
			if (!lang->seen_kind[k]) {
				kind_example(k, ex, sizeof ex);
				fprintf(stderr, "%s: no example of the statement '%s'\n", lang->path, ex);
				lt_failures++;
			}
		}
		check_tables(lang);
	}
	for (i = 0; i < ndocs; i++) {
		if (docs[i].nscn || docs[i].nerr)
			printf("%s: %u example(s), %u error example(s)\n", docs[i].path, docs[i].nscn, docs[i].nerr);
		free(docs[i].text);
	}
	return lt_done("test_docs");
}
