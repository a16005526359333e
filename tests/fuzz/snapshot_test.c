/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * snapshot_test.c - a run from a snapshot is the run on a fresh world.
 *
 * For every fuzz target and every committed input (corpus/T/ and
 * corpus/regressions/T/), plus variants of each that lose their guest
 * declarations and so continue the target's prologue (the input with its
 * first 1..128 bytes cut off), the input is run
 *  - fresh: fuzz_build + exec_prog on a new world (how the targets ran
 *    before snapshots; its -v trace includes the prologue's), and
 *  - from the snapshot: fuzz_state_run on the target's prepared worlds,
 * and the traces (prologue trace + snapshot run's trace) and verdicts
 * (status, invariant, line, reason) must be identical. Every input is run
 * from the snapshot a second time after all the others (in reverse order,
 * so a different input ran in between) and must give the same trace again.
 * The prepared worlds must be back at their snapshot after every run (no
 * young blocks, nothing dirty).
 *
 *   tests/fuzz/snapshot-test [CORPUS_DIR]   (default $srcdir/corpus)
 *
 * tests/fuzz/snapshot-test-defects is the same program over the test
 * variant of libvsmmu (vsmmu/defect.h): it does all of the above once per
 * planted defect (VSMMU_DEFECT=NAME), with fewer variants, so that runs that
 * end in a violation are compared too: from the snapshot a fuzz target
 * finds what it found on fresh worlds.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/exec.h"
#include "fuzz/fuzz_common.h"
#include "fuzz/readall.h"
#include "inject/snapshot.h"
#ifdef SNAPSHOT_TEST_DEFECTS
#include "vsmmu/defect.h"
#endif

#define MAX_INPUTS 4096
#ifdef SNAPSHOT_TEST_DEFECTS
static const size_t cuts[] = { 0, 5, 21, 64 };
#else
static const size_t cuts[] = { 0, 1, 2, 3, 5, 8, 13, 21, 34, 48, 64, 96, 128 };
#endif
#define NCUTS (sizeof cuts / sizeof cuts[0])
/* Inputs per target that must start from the world after the prologue. */
#ifdef SNAPSHOT_TEST_DEFECTS
#define MIN_VIA_PROLOGUE 3
#else
#define MIN_VIA_PROLOGUE 10
#endif

struct input {
	char name[320];
	uint8_t *data;
	size_t len;
	char *trace1;     /* first snapshot run */
};

struct buf {
	char *s;
	size_t n;
	FILE *f;
};

static int failures;

static void fail(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "FAIL: ");
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	failures++;
}

static FILE *buf_open(struct buf *b)
{
	b->s = NULL;
	b->n = 0;
	b->f = open_memstream(&b->s, &b->n);
	if (!b->f) {
		perror("open_memstream");
		exit(2);
	}
	return b->f;
}

static char *buf_close(struct buf *b)
{
	fclose(b->f);
	return b->s;
}

static uint8_t *slurp(const char *path, size_t *len)
{
	uint8_t *b;

	return readall_file(path, 64u << 20, &b, len) == READALL_OK ? b : NULL;
}

static int add_input(struct input *in, int n, const char *name, const uint8_t *d, size_t len)
{
	if (n >= MAX_INPUTS)
		return n;
	snprintf(in[n].name, sizeof in[n].name, "%s", name);
	in[n].len = len;
	in[n].data = malloc(len ? len : 1);
	if (!in[n].data)
		exit(2);
	memcpy(in[n].data, d, len);
	in[n].trace1 = NULL;
	return n + 1;
}

/* The seed's guest activity moved onto the prologue's guests: its ops
 * other than psmmu/guest declarations, guest slot k becoming the
 * prologue's slot k % 2, encoded as the continuation of the prologue.
 * Returns n, or n + 1 with the variant added. */
static int add_on_prologue(const struct fuzz_target *t, const struct prog *pro, struct input *in, int n,
			   const char *name, const uint8_t *d, size_t len)
{
	struct prog seed, q;
	uint8_t *pb = NULL, *qb = NULL;
	size_t pn = 0, qn = 0, kept = 0;
	long sb = 0, sw = 0;
	char vname[320];

	prog_init(&seed);
	prog_init(&q);
	bytes_decode(d, len, t->kinds, &seed);
	/* Payload arenas: the prologue's (its mem/mem64 ops keep their
	 * offsets), then the seed's (its ops' offsets move by sb/sw). */
	if ((pro->nbytes && prog_add_bytes(&q, pro->bytes, pro->nbytes) < 0) ||
	    (pro->nwords && prog_add_words(&q, pro->words, pro->nwords) < 0) ||
	    (seed.nbytes && (sb = prog_add_bytes(&q, seed.bytes, seed.nbytes)) < 0) ||
	    (seed.nwords && (sw = prog_add_words(&q, seed.words, seed.nwords)) < 0))
		exit(2);
	memcpy(q.names, pro->names, sizeof q.names);
	for (size_t i = 0; i < pro->nops; i++) {
		struct op *op = prog_add(&q, pro->ops[i].kind);
		if (!op)
			exit(2);
		*op = pro->ops[i];
	}
	for (size_t i = 0; i < seed.nops; i++) {
		struct op *op;
		if (seed.ops[i].kind == OP_PSMMU || seed.ops[i].kind == OP_GUEST)
			continue;
		op = prog_add(&q, seed.ops[i].kind);
		if (!op)
			exit(2);
		*op = seed.ops[i];
		if (op->kind == OP_MEM || op->kind == OP_MEMCHECK)
			op->u.mem.data += (uint32_t)sb;
		else if (op->kind == OP_MEM64)
			op->u.mem.data += (uint32_t)sw;
		op->guest %= 2;
		kept++;
	}
	if (kept && fuzz_encode_for(t, pro, false, &pb, &pn) == 0 && fuzz_encode_for(t, &q, false, &qb, &qn) == 0 &&
	    qn > pn && memcmp(pb, qb, pn) == 0) {
		snprintf(vname, sizeof vname, "%s(on the prologue)", name);
		n = add_input(in, n, vname, qb + pn, qn - pn);
	}
	free(pb);
	free(qb);
	prog_free(&seed);
	prog_free(&q);
	return n;
}

static int load_dir(const struct fuzz_target *t, const struct prog *pro, const char *dir, struct input *in, int n)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return n;
	while ((e = readdir(d)) && n < MAX_INPUTS) {
		char path[300];
		uint8_t *data;
		size_t len;

		if (e->d_name[0] == '.' || strncmp(e->d_name, "README", 6) == 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		data = slurp(path, &len);
		if (!data)
			continue;
		/* The input itself, then variants without its first bytes
		 * (magic dropped too: odd alignments), then its ops on the
		 * prologue's guests. */
		for (size_t c = 0; c < NCUTS; c++) {
			size_t skip = cuts[c] ? 4 + cuts[c] : 0;
			char vname[320];

			if (c && skip >= len)
				break;
			snprintf(vname, sizeof vname, "%s+%zu", path, skip);
			n = add_input(in, n, vname, data + skip, len - skip);
		}
		{
			/* The ops cap must not change what a committed input means. */
			struct prog p;

			prog_init(&p);
			bytes_decode(data, len, t->kinds, &p);
			if (p.nops > FUZZ_MAX_OPS)
				fail("%s: more ops than FUZZ_MAX_OPS%s", path, "");
			prog_free(&p);
		}
		n = add_on_prologue(t, pro, in, n, path, data, len);
		free(data);
	}
	closedir(d);
	return n;
}

static bool same_verdict(const struct exec_result *a, const struct exec_result *b)
{
	return a->status == b->status && a->invariant == b->invariant && a->line == b->line &&
	       strcmp(a->reason, b->reason) == 0;
}

static void check_clean(struct fuzz_state *st, const char *name)
{
	struct wheap_stats s;

	for (int k = 0; k < 2; k++) {
		fuzz_state_stats(st, k == 0, &s);
		if (s.young_blocks || s.dirty_blocks)
			fail("%s: world %s not back at its snapshot", name, k == 0 ? "after-prologue" : "empty");
		if (s.unreported)
			fail("%s: world %s: writes their owner did not report (wheap_touch, wheap_grow)",
			     name, k == 0 ? "after-prologue" : "empty");
	}
}

static void test_target(const struct fuzz_target *t, const char *corpus, struct input *in)
{
	struct exec_opts o;
	struct exec_result r0, rs, rf;
	struct fuzz_state *st;
	struct buf pb, b;
	char dir[300], *ptrace;
	int n = 0, via_prologue = 0, violations = 0;

	memset(&o, 0, sizeof o);
	o.stop_on_fail = false;
	o.abort_on_violation = false;
	o.trace = buf_open(&pb);
	st = fuzz_state_create(t, &o, &r0);
	ptrace = buf_close(&pb);
	if (!st) {
		fail("%s: cannot prepare: %s", t->name, r0.reason);
		free(ptrace);
		return;
	}
	snprintf(dir, sizeof dir, "%s/%s", corpus, t->name);
	n = load_dir(t, fuzz_state_prologue(st), dir, in, n);
	snprintf(dir, sizeof dir, "%s/regressions/%s", corpus, t->name);
	n = load_dir(t, fuzz_state_prologue(st), dir, in, n);
	if (n == 0)
		fail("%s: no inputs under %s", t->name, corpus);
	for (int i = 0; i < n; i++) {
		char *fresh, *snap, *expect;
		bool pro;
		size_t pl = strlen(ptrace);

		o.trace = buf_open(&b);
		(void)fuzz_run_fresh(t, in[i].data, in[i].len, &o, &rf);
		fresh = buf_close(&b);
		(void)fuzz_state_run(st, in[i].data, in[i].len, buf_open(&b), &rs);
		snap = buf_close(&b);
		check_clean(st, in[i].name);
		pro = fuzz_state_last_from_prologue(st);
		via_prologue += pro;
		expect = malloc(pl + strlen(snap) + 1);
		if (!expect)
			exit(2);
		memcpy(expect, pro ? ptrace : "", pro ? pl : 0);
		strcpy(expect + (pro ? pl : 0), snap);
		if (strcmp(fresh, expect) != 0)
			fail("%s: trace from the snapshot differs from a fresh world's%s", in[i].name,
			     pro ? " (after the prologue)" : "");
		if (!same_verdict(&rf, &rs))
			fail("%s: verdict from the snapshot differs: %s", in[i].name, rs.reason);
		violations += rs.status == EXEC_VIOLATION;
		in[i].trace1 = snap;
		free(fresh);
		free(expect);
	}
	for (int i = n - 1; i >= 0; i--) {
		char *again;

		(void)fuzz_state_run(st, in[i].data, in[i].len, buf_open(&b), &rs);
		again = buf_close(&b);
		if (strcmp(again, in[i].trace1) != 0)
			fail("%s: second run from the snapshot differs from the first%s", in[i].name, "");
		free(again);
		free(in[i].trace1);
		free(in[i].data);
	}
	/* The variants must really exercise the after-prologue world. */
	if (via_prologue < MIN_VIA_PROLOGUE && fuzz_state_has_prologue_world(st))
		fail("%s: too few inputs continued the prologue%s", t->name, "");
	printf("%s: %d inputs (%d after the prologue%s, %d violations), fresh == snapshot, run twice == once\n",
	       t->name, n, via_prologue, fuzz_state_has_prologue_world(st) ? "" : ": it violates, run fresh",
	       violations);
	for (int k = 0; k < 2; k++) {
		struct wheap_stats ws;

		fuzz_state_stats(st, k == 0, &ws);
		printf("  %s world: %zu blocks, %zu bytes captured, %zu bytes copied back by every restore, "
		       "%zu bytes pooled\n", k == 0 ? "after-prologue" : "empty",
		       ws.base_blocks, ws.base_bytes, ws.untracked_bytes, ws.pooled_bytes);
	}
	fuzz_state_destroy(st);
	free(ptrace);
}

int main(int argc, char **argv)
{
	static const char *const names[] = { "fuzz_mmio", "fuzz_prog", "fuzz_cmdq", "fuzz_strtab", "fuzz_faults",
					     "fuzz_evtq", "fuzz_dma", "fuzz_system" };
	const char *srcdir = getenv("srcdir");
	char corpus[256];
	struct input *in = calloc(MAX_INPUTS, sizeof *in);

	if (!in)
		return 2;
	/* Checking mode of the world heap: every restore also proves that no
	 * block it does not copy back was written (inject/snapshot.h). */
	setenv("VSMMU_WHEAP_VERIFY", "1", 1);
	if (argc > 1)
		snprintf(corpus, sizeof corpus, "%s", argv[1]);
	else
		snprintf(corpus, sizeof corpus, "%s/corpus", srcdir ? srcdir : ".");
#ifdef SNAPSHOT_TEST_DEFECTS
#define DEFECT_NAME(name, inv, what) #name,
#define DEFECT_INV(name, inv, what) inv,
	static const char *const defects[] = { VS_DEFECT_LIST(DEFECT_NAME) };
	static const char *const invs[] = { VS_DEFECT_LIST(DEFECT_INV) };
#undef DEFECT_NAME
#undef DEFECT_INV

	int compared = 0;

	for (size_t d = 0; d < sizeof defects / sizeof defects[0]; d++) {
		pid_t pid;
		int st;

		/* A "crash" defect ends the process (a sanitizer or an assert
		 * fires, by design): nothing to compare. */
		if (strcmp(invs[d], "crash") == 0)
			continue;
		fflush(stdout);
		fflush(stderr);
		/* Each defect in a child: a defect can also trip a sanitizer
		 * (a use after free behind a route left over, say), which ends
		 * the process; that is a finding, not a comparison. */
		pid = fork();
		if (pid == 0) {
			/* Read by vsmmu_host_create: the prepared worlds and every
			 * fresh world of this round plant it. */
			setenv("VSMMU_DEFECT", defects[d], 1);
			printf("VSMMU_DEFECT=%s\n", defects[d]);
			for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
				test_target(fuzz_target_by_name(names[i]), corpus, in);
			fflush(stdout);
			_exit(failures ? 3 : 0);
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid) {
			fail("fork/wait failed%s%s", "", "");
			continue;
		}
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			compared++;
		else if (WIFEXITED(st) && WEXITSTATUS(st) == 3)
			fail("VSMMU_DEFECT=%s: snapshot and fresh runs differ%s", defects[d], "");
		else
			printf("VSMMU_DEFECT=%s: the process ended on a sanitizer or assert report "
			       "(a finding): not compared\n", defects[d]);
	}
	if (compared < 10)
		fail("only %s%s defects compared", compared < 1 ? "no" : "a few", "");
	printf("%d planted defects compared\n", compared);
#else
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		test_target(fuzz_target_by_name(names[i]), corpus, in);
#endif
	free(in);
	if (failures) {
		fprintf(stderr, "snapshot-test: %d failure(s)\n", failures);
		return 1;
	}
	return 0;
}
