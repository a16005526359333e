/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vsmmu_run.c - vsmmu-run: run scenarios (text or fuzz bytes) on a fresh
 * platform each, print fuzz bytes as a scenario, encode a scenario as bytes.
 * See vsmmu-run(1) and docs/scenarios.md.
 *
 * Exit status: 0 all passed, 1 a scenario failed (or broke an invariant),
 * 2 a file could not be read or parsed, or bad usage.
 */
/* fork, pipe, fdopen, waitpid: --print --target runs the program in a child. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz/codec.h"
#include "fuzz/exec.h"
#include "fuzz/fuzz_common.h"
#include "fuzz/readall.h"
#include "inject/platform.h"

#define MAX_INPUT (64u << 20)   /* larger files are refused, not read */

enum form { FORM_AUTO, FORM_TEXT, FORM_BYTES };

static const char usage[] =
	"usage: vsmmu-run [-v] [--bytes|--text] FILE...\n"
	"       vsmmu-run [-v] --target NAME INPUT...\n"
	"       vsmmu-run [-v] --fail-nth N [--target NAME] FILE...\n"
	"       vsmmu-run --print [--bytes|--text|--target NAME] [-o OUT] INPUT\n"
	"       vsmmu-run --encode [--bytes|--text] [-o OUT] FILE\n"
	"       vsmmu-run --help\n"
	"Run each scenario (text) or fuzz input (bytes) on a fresh platform and\n"
	"print PASS FILE, FAIL FILE:LINE: reason, or ISOLATION VIOLATION [In] ...\n"
	"  -v          trace every statement and its effects\n"
	"  --bytes     treat inputs as fuzz bytes     --text  as scenario text\n"
	"              (default: decided per file, see vsmmu-run(1))\n"
	"  --target NAME  build each input exactly as fuzz target NAME does (its\n"
	"              prologue and statement kinds) and run it as the target does:\n"
	"              failed expectations do not stop it, only violations fail it.\n"
	"              This reproduces a crash file of that target.\n"
	"  --fail-nth N  fail the Nth fallible call of the world (hypervisor access\n"
	"              to guest memory, allocation, physical STE write, command,\n"
	"              CMD_SYNC, event read; 1-based): failed expectations do not\n"
	"              stop the run, only violations fail it. Prints the site that\n"
	"              failed; exit 3 when the run never made N fallible calls.\n"
	"  --print     print INPUT as scenario text (bytes decoded, text canonical);\n"
	"              with --target, as the target ran it: '# fuzz-target: NAME' on\n"
	"              line 1 makes vsmmu-run replay it the same way\n"
	"  --encode    write the byte form of FILE\n"
	"  -o OUT      write --print/--encode output to OUT instead of stdout\n"
	"  -           as a file name: standard input\n"
	"Exit: 0 all passed, 1 a scenario failed, 2 a file could not be read or parsed,\n"
	"      3 (--fail-nth) the Nth fallible call never came.\n";

/* Read a whole file (or stdin for "-"); one-line error on stderr. */
static int read_file(const char *path, uint8_t **data, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	enum readall_status st;

	*data = NULL;
	*len = 0;
	if (!f) {
		fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
		return -1;
	}
	st = readall(f, MAX_INPUT, data, len);
	if (st == READALL_IO)
		fprintf(stderr, "%s: cannot read: %s\n", path, strerror(errno));
	else if (st == READALL_TOO_LARGE)
		fprintf(stderr, "%s: too large (more than %u bytes)\n", path, MAX_INPUT);
	else if (st == READALL_NOMEM)
		fprintf(stderr, "%s: out of memory\n", path);
	if (f != stdin)
		fclose(f);
	return st == READALL_OK ? 0 : -1;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The documented rule (docs/scenarios.md, "Bytes or text?"). */
static bool is_bytes(enum form form, const char *path, const uint8_t *data, size_t len)
{
	if (form != FORM_AUTO)
		return form == FORM_BYTES;
	if (len >= BYTES_MAGIC_LEN && data[0] == BYTES_MAGIC0 && memcmp(data + 1, "VS1", 3) == 0)
		return true;
	if (ends_with(path, ".scn"))
		return false;
	return bytes_looks_binary(data, len);
}

static const struct fuzz_target *text_directive(const uint8_t *data, size_t len);

/* Load one input as a program. 0, or -1 after a one-line error on stderr.
 * With a target, the input is built as that fuzz target builds it. A text
 * scenario's directive (FUZZ_DIRECTIVE) goes to *as_target when non-NULL. */
static int load(const char *path, enum form form, const struct fuzz_target *t, struct prog *p,
		const struct fuzz_target **as_target)
{
	uint8_t *data;
	size_t len;
	char err[512];
	int rc = 0;

	if (read_file(path, &data, &len))
		return -1;
	if (t) {
		if (fuzz_build(t, data, len, p)) {
			fprintf(stderr, "%s: out of memory building the %s program\n", path, t->name);
			rc = -1;
		}
	} else if (is_bytes(form, path, data, len)) {
		bytes_decode(data, len, BYTES_ALL_KINDS, p);
	} else if (scn_parse(path, (const char *)data, len, p, err, sizeof(err))) {
		fprintf(stderr, "%s\n", err);
		rc = -1;
	} else if (as_target) {
		*as_target = text_directive(data, len);
	}
	free(data);
	return rc;
}

static FILE *open_out(const char *out)
{
	FILE *f;

	if (!out)
		return stdout;
	f = fopen(out, "wb");
	if (!f)
		fprintf(stderr, "%s: cannot create: %s\n", out, strerror(errno));
	return f;
}

static int close_out(FILE *f, const char *out)
{
	int bad = ferror(f);

	if (f != stdout)
		bad |= fclose(f);
	else
		bad |= fflush(f);
	if (bad) {
		fprintf(stderr, "%s: write error\n", out ? out : "stdout");
		return 2;
	}
	return 0;
}

/* The directive that makes a text scenario run as a fuzz target runs its
 * program (docs/scenarios.md section 6): a comment on the first line,
 * "# fuzz-target: NAME". --print --target writes it, trailing the first
 * statement, so that line N of the output is still statement N. */
#define FUZZ_DIRECTIVE "# fuzz-target: "

/* The target a text scenario's first line names, or NULL. */
static const struct fuzz_target *text_directive(const uint8_t *data, size_t len)
{
	static const char key[] = FUZZ_DIRECTIVE;
	const char *s = (const char *)data, *nl;
	size_t n, k = sizeof key - 1;
	char name[32];

	if (!data || len == 0)
		return NULL;
	nl = memchr(s, '\n', len);
	n = nl ? (size_t)(nl - s) : len;
	for (size_t i = 0; i + k <= n; i++) {
		size_t j = 0;

		if (memcmp(s + i, key, k) != 0)
			continue;
		while (i + k + j < n && j + 1 < sizeof name && s[i + k + j] != ' ' && s[i + k + j] != '\t' &&
		       s[i + k + j] != '\r')
			j++;
		memcpy(name, s + i + k, j);
		name[j] = 0;
		return fuzz_target_by_name(name);
	}
	return NULL;
}

/* Why each op of a printed program was ignored by the target's run. The
 * run happens in a child process (a sanitizer report ends the child, not
 * the printing): the child writes "INDEX REASON\n" lines to a pipe. */
struct notes {
	const struct prog *p;
	int fd;
};

static void note_ignored(void *ctx, const struct op *op, const char *reason)
{
	struct notes *n = ctx;
	char line[200];
	int len;

	if (op < n->p->ops || op >= n->p->ops + n->p->nops)
		return;
	len = snprintf(line, sizeof line, "%zu %.160s\n", (size_t)(op - n->p->ops), reason);
	if (len > 0 && write(n->fd, line, (size_t)len) < 0)
		_exit(3);
}

/* Run p as a fuzz target runs it (no stop on failure); why[i] gets the
 * reason op i was ignored. Returns false when the run itself ended
 * abnormally (a sanitizer report, an abort). */
static bool ignored_ops(const struct prog *p, char (*why)[160])
{
	int fds[2], st = 0;
	pid_t pid;
	FILE *in;
	char line[256];
	bool ok;

	if (pipe(fds))
		return false;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return false;
	}
	if (pid == 0) {
		struct notes n = { p, fds[1] };
		struct exec_opts o;
		struct exec_result r;
		int null = open("/dev/null", O_WRONLY);

		close(fds[0]);
		if (null >= 0)
			(void)dup2(null, 2);   /* the report is the replay's to show */
		memset(&o, 0, sizeof o);
		o.on_ignored = note_ignored;
		o.on_ignored_ctx = &n;
		exec_prog(p, &o, &r);
		_exit(0);
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	while (in && fgets(line, sizeof line, in)) {
		char *end;
		unsigned long i = strtoul(line, &end, 10);

		if (end == line || *end != ' ' || i >= p->nops)
			continue;
		end[strcspn(end, "\n")] = 0;
		snprintf(why[i], sizeof why[i], "%s", end + 1);
	}
	if (in)
		fclose(in);
	else
		close(fds[0]);
	ok = waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
	return ok;
}

/* --print --target: the program the target runs (prologue included), each
 * statement on its own line (line N = statement N, as in the target's
 * verdicts), the directive on the first line, and a trailing comment on
 * every statement the run ignored (rejected by the platform, or a failed
 * expectation): vsmmu-run replays the output with the target's verdict. */
static int print_as_target(const struct prog *p, const struct fuzz_target *t, FILE *f)
{
	char (*why)[160] = calloc(p->nops ? p->nops : 1, sizeof *why);
	bool clean;
	int rc = 0;

	if (!why)
		return -1;
	clean = ignored_ops(p, why);
	if (p->nops == 0)
		fprintf(f, FUZZ_DIRECTIVE "%s (no statements)\n", t->name);
	for (size_t i = 0; i < p->nops; i++) {
		if (scn_print_op(p, &p->ops[i], f))
			rc = -1;
		if (i == 0)
			fprintf(f, "  " FUZZ_DIRECTIVE "%s (run as the target runs it: ignored statements do"
				" not stop it%s)", t->name,
				clean ? "" : "; the run crashes: vsmmu-run -v shows where");
		if (why[i][0])
			fprintf(f, "  # ignored: %s", why[i]);
		fputc('\n', f);
	}
	free(why);
	return (rc || ferror(f)) ? -1 : 0;
}

static int do_print(const char *in, enum form form, const struct fuzz_target *t, const char *out)
{
	struct prog p;
	FILE *f;
	int rc = 2;

	prog_init(&p);
	if (load(in, form, t, &p, NULL) == 0 && (f = open_out(out))) {
		rc = (t ? print_as_target(&p, t, f) : scn_print(&p, f)) ? 2 : 0;
		if (rc)
			fprintf(stderr, "%s: cannot print this program\n", in);
		if (close_out(f, out))
			rc = 2;
	}
	prog_free(&p);
	return rc;
}

static int do_encode(const char *in, enum form form, const char *out)
{
	struct prog p;
	uint8_t *b = NULL;
	size_t n = 0;
	FILE *f;
	int rc = 2;

	prog_init(&p);
	if (load(in, form, NULL, &p, NULL) == 0) {
		if (bytes_encode(&p, &b, &n))
			fprintf(stderr, "%s: cannot encode this program\n", in);
		else if ((f = open_out(out))) {
			rc = fwrite(b, 1, n, f) == n ? 0 : 2;
			if (close_out(f, out))
				rc = 2;
		}
	}
	free(b);
	prog_free(&p);
	return rc;
}

/* Run one file: 0 pass, 1 fail/violation, 2 unreadable/unparsable. */
static int run_one(const char *path, enum form form, const struct fuzz_target *t, bool verbose,
		   uint64_t fail_nth)
{
	static const char vprefix[] = "ISOLATION VIOLATION [";
	struct exec_result r;
	struct exec_opts o;
	struct prog p;
	const struct fuzz_target *as_target = NULL;
	const char *why;
	int rc;

	prog_init(&p);
	if (load(path, form, t, &p, &as_target)) {
		prog_free(&p);
		return 2;
	}
	memset(&o, 0, sizeof(o));
	memset(&r, 0, sizeof(r));
	o.trace = verbose ? stdout : NULL;
	/* A fuzz target goes on after a failed expectation, and so does a run
	 * with a failure injected at call N (expectations may then fail), and
	 * a scenario whose first line names a fuzz target (--print --target). */
	o.stop_on_fail = t == NULL && as_target == NULL && !fail_nth;
	o.fail_nth = fail_nth;
	exec_prog(&p, &o, &r);
	if (fail_nth) {
		if (r.nth_reached)
			printf("fail-nth %s: call %" PRIu64 " of %" PRIu64 " failed (%s)\n", path, fail_nth,
			       r.fallible_calls, plat_fault_site_name((enum plat_fault_site)r.nth_site));
		else
			printf("fail-nth %s: call %" PRIu64 " never came (%" PRIu64 " fallible calls)\n",
			       path, fail_nth, r.fallible_calls);
	}
	r.reason[sizeof(r.reason) - 1] = '\0';
	switch (r.status) {
	case EXEC_PASS:
		printf("PASS %s\n", path);
		rc = 0;
		break;
	case EXEC_VIOLATION:
		why = r.reason;
		/* The oracle's reason may already carry the prefix: print it once. */
		if (strncmp(why, vprefix, sizeof(vprefix) - 1) == 0) {
			const char *e = strstr(why, "] ");

			if (e)
				why = e + 2;
		}
		printf("ISOLATION VIOLATION [I%d] %s:%lu: %s\n", r.invariant, path, (unsigned long)r.line, why);
		rc = 1;
		break;
	default:
		printf("FAIL %s:%lu: %s\n", path, (unsigned long)r.line, r.reason);
		rc = 1;
		break;
	}
	if (rc == 0 && fail_nth && !r.nth_reached)
		rc = 3;
	fflush(stdout);
	prog_free(&p);
	return rc;
}

/* Which exit status wins over several files: unreadable (2) over failed
 * (1) over "call N never came" (3) over passed (0). */
static int severity(int rc)
{
	return rc == 2 ? 3 : rc == 1 ? 2 : rc == 3 ? 1 : 0;
}

int main(int argc, char **argv)
{
	enum form form = FORM_AUTO;
	enum { RUN, PRINT, ENCODE } mode = RUN;
	const char *out = NULL;
	const struct fuzz_target *target = NULL;
	bool verbose = false, opts_done = false;
	uint64_t fail_nth = 0;
	int i, nfiles = 0, worst = 0;
	char **files = calloc((size_t)argc + 1, sizeof(*files));

	if (!files) {
		fputs("vsmmu-run: out of memory\n", stderr);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (opts_done || a[0] != '-' || strcmp(a, "-") == 0)
			files[nfiles++] = argv[i];
		else if (strcmp(a, "--") == 0)
			opts_done = true;
		else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)
			verbose = true;
		else if (strcmp(a, "--bytes") == 0)
			form = FORM_BYTES;
		else if (strcmp(a, "--text") == 0)
			form = FORM_TEXT;
		else if (strcmp(a, "--print") == 0)
			mode = PRINT;
		else if (strcmp(a, "--encode") == 0)
			mode = ENCODE;
		else if (strcmp(a, "--target") == 0 && i + 1 < argc) {
			target = fuzz_target_by_name(argv[++i]);
			if (!target) {
				fprintf(stderr, "vsmmu-run: unknown fuzz target '%s' (fuzz_mmio, fuzz_prog,"
					" fuzz_cmdq, fuzz_strtab, fuzz_faults, fuzz_evtq, fuzz_dma, fuzz_system)\n", argv[i]);
				free(files);
				return 2;
			}
		} else if (strcmp(a, "--fail-nth") == 0 && i + 1 < argc) {
			char *end;

			errno = 0;
			fail_nth = strtoull(argv[++i], &end, 0);
			if (errno || *end || fail_nth == 0 || argv[i][0] == '-') {
				fprintf(stderr, "vsmmu-run: --fail-nth wants a number >= 1 (got '%s')\n", argv[i]);
				free(files);
				return 2;
			}
		} else if (strcmp(a, "-o") == 0 && i + 1 < argc)
			out = argv[++i];
		else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(usage, stdout);
			free(files);
			return 0;
		} else {
			fprintf(stderr, "vsmmu-run: unknown option '%s' (try --help)\n", a);
			free(files);
			return 2;
		}
	}
	if (nfiles == 0 || (mode != RUN && nfiles != 1) || (mode == RUN && out) ||
	    (target && (mode == ENCODE || form != FORM_AUTO)) || (fail_nth && mode != RUN)) {
		fputs(usage, stderr);
		free(files);
		return 2;
	}
	/* A trace shows the statements up to a sanitizer's report: line by line. */
	if (verbose)
		setvbuf(stdout, NULL, _IOLBF, 0);
	if (mode == PRINT)
		worst = do_print(files[0], form, target, out);
	else if (mode == ENCODE)
		worst = do_encode(files[0], form, out);
	else
		for (i = 0; i < nfiles; i++) {
			int rc = run_one(files[i], form, target, verbose, fail_nth);

			if (severity(rc) > severity(worst))
				worst = rc;
		}
	free(files);
	return worst;
}
