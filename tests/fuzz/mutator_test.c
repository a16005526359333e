/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mutator_test.c - the op-level mutator (fuzz/mutator.h) and libFuzzer's
 * hooks over it (fuzz/fuzz_common.c).
 *
 * For every fuzz target, starting from its committed seeds (corpus/T/),
 * an empty input and random bytes, thousands of mutations and crossovers:
 *  - the result never exceeds MaxSize;
 *  - an op-level result decodes, as the target decodes it, to exactly the
 *    program the mutator says it built (round trip), and every scalar
 *    field of every op of it lies within its schema range;
 *  - the same input and seed give the same bytes (determinism);
 *  - every mutation kind occurs and changes the program, and the byte
 *    fallback goes through LLVMFuzzerMutate (defined here, counted).
 *
 *   tests/fuzz/mutator-test [CORPUS_DIR]   (default $srcdir/corpus)
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/exec.h"
#include "fuzz/fuzz_common.h"
#include "fuzz/mutator.h"
#include "fuzz/op_schema.h"

#define MAX_SEEDS 256
#define ROUNDS    1500   /* mutations per target */
#define XROUNDS   300    /* crossovers per target */

static unsigned long checks, failures;
static unsigned long fallback_calls;

#define CHECK(c, ...) do { \
	checks++; \
	if (!(c)) { \
		failures++; \
		fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
	} \
} while (0)

/* libFuzzer's byte mutator, as the test's stand-in: flips a byte. */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max);
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max)
{
	fallback_calls++;
	if (size == 0 && max > 0) {
		data[0] = 0x5a;
		return 1;
	}
	if (size)
		data[size / 2] ^= 0x21;
	return size;
}
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max, unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t s1, const uint8_t *d2, size_t s2, uint8_t *out,
				 size_t max, unsigned int seed);

struct seed {
	uint8_t *d;
	size_t n;
};

static int load(const char *dir, struct seed *s, int n)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return n;
	while ((e = readdir(d)) && n < MAX_SEEDS) {
		char path[1024];
		FILE *f;
		long len;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (!(f = fopen(path, "rb")))
			continue;
		if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && len <= 65536 && fseek(f, 0, SEEK_SET) == 0) {
			s[n].d = malloc((size_t)len);
			if (s[n].d && fread(s[n].d, 1, (size_t)len, f) == (size_t)len) {
				s[n].n = (size_t)len;
				n++;
			} else {
				free(s[n].d);
			}
		}
		fclose(f);
	}
	closedir(d);
	return n;
}

/* Every scalar of every op lies in its schema range. */
static void check_ranges(const struct prog *p, const char *what)
{
	for (size_t i = 0; i < p->nops; i++) {
		const struct op *op = &p->ops[i];
		const struct op_schema *s = op_schema_of(op->kind);

		CHECK(s != NULL, "%s: op %zu has no schema (kind %u)", what, i, op->kind);
		if (!s)
			continue;
		for (size_t k = 0; k < s->nfields; k++) {
			const struct op_field *f = &s->fields[k];
			uint64_t v;

			if (f->type != FT_UINT && f->type != FT_PSMMU && f->type != FT_PSMMU_NEW)
				continue;
			if (f->has && !(op->has & f->has))
				continue;
			v = op_field_get(op, f);
			CHECK(v >= f->min && v <= op_field_max(op, f),
			      "%s: %s field %s = 0x%llx outside [0x%llx, 0x%llx]", what, s->keyword,
			      f->key ? f->key : "(positional)", (unsigned long long)v, (unsigned long long)f->min,
			      (unsigned long long)op_field_max(op, f));
		}
	}
}

static uint64_t lcg(uint64_t *x)
{
	*x = *x * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return *x >> 33;
}

static void one_target(const struct fuzz_target *t, const char *corpus)
{
	static const char *const names[MUT_KIND_NR] = { "insert", "delete", "duplicate", "swap", "field", "bytes" };
	struct seed seeds[MAX_SEEDS];
	char dir[1024];
	int nseeds = 0;
	unsigned long kinds[MUT_KIND_NR] = { 0 }, changed[MUT_KIND_NR] = { 0 }, xdone = 0;
	struct exec_opts o;
	struct exec_result r;
	struct fuzz_state *st;
	struct mut_target mt;
	struct prog built, dec, before;
	uint64_t x = 12345;
	unsigned long fb0 = fallback_calls;

	memset(&o, 0, sizeof o);
	st = fuzz_state_create(t, &o, &r);
	CHECK(st != NULL, "%s: cannot prepare: %s", t->name, r.reason);
	if (!st)
		return;
	mt.kinds = t->kinds;
	mt.after = fuzz_state_after(st);
	snprintf(dir, sizeof dir, "%s/%s", corpus, t->name);
	nseeds = load(dir, seeds, 0);
	CHECK(nseeds > 0, "%s: no seeds in %s", t->name, dir);
	seeds[nseeds].d = NULL;   /* the empty input */
	seeds[nseeds++].n = 0;
	for (int k = 0; k < 4 && nseeds < MAX_SEEDS; k++) {   /* random bytes */
		size_t n = 16 + lcg(&x) % 200;

		seeds[nseeds].d = malloc(n);
		for (size_t i = 0; i < n; i++)
			seeds[nseeds].d[i] = (uint8_t)lcg(&x);
		seeds[nseeds++].n = n;
	}
	prog_init(&built);
	prog_init(&dec);
	prog_init(&before);
	for (unsigned round = 0; round < ROUNDS; round++) {
		const struct seed *s = &seeds[lcg(&x) % (uint64_t)nseeds];
		size_t max = s->n + (round % 3 == 0 ? 0 : lcg(&x) % 2048), n, n2;
		uint8_t *buf = malloc(max ? max : 1), *buf2 = malloc(max ? max : 1);
		unsigned seed = (unsigned)lcg(&x);
		enum mut_kind kind, kind2;

		if (max < 1)
			max = 1;
		if (s->n)
			memcpy(buf, s->d, s->n);
		mut_decode(&mt, buf, s->n, &before);
		n = mut_mutate(&mt, buf, s->n, max, seed, &kind, &built);
		CHECK(n <= max, "%s: mutant of %zu bytes exceeds MaxSize %zu", t->name, n, max);
		CHECK(kind < MUT_KIND_NR, "%s: unknown mutation %d", t->name, (int)kind);
		if (kind >= MUT_KIND_NR)
			kind = MUT_BYTES;
		kinds[kind]++;
		if (kind != MUT_BYTES) {
			mut_decode(&mt, buf, n, &dec);
			CHECK(prog_equal(&dec, &built), "%s: %s mutant does not decode to the program built",
			      t->name, names[kind]);
			check_ranges(&dec, t->name);
			if (!prog_equal(&dec, &before))
				changed[kind]++;
		}
		/* determinism */
		if (s->n)
			memcpy(buf2, s->d, s->n);
		n2 = mut_mutate(&mt, buf2, s->n, max, seed, &kind2, NULL);
		CHECK(n2 == n && kind2 == kind && memcmp(buf, buf2, n) == 0,
		      "%s: same input and seed, different mutant", t->name);
		free(buf);
		free(buf2);
	}
	for (unsigned round = 0; round < XROUNDS; round++) {
		const struct seed *a = &seeds[lcg(&x) % (uint64_t)nseeds], *b = &seeds[lcg(&x) % (uint64_t)nseeds];
		size_t max = 64 + lcg(&x) % 4096, n, n2;
		uint8_t *out = malloc(max), *out2 = malloc(max);
		unsigned seed = (unsigned)lcg(&x);

		n = mut_crossover(&mt, a->d, a->n, b->d, b->n, out, max, seed, &built);
		CHECK(n <= max, "%s: crossover of %zu bytes exceeds MaxSize %zu", t->name, n, max);
		if (n) {
			xdone++;
			mut_decode(&mt, out, n, &dec);
			CHECK(prog_equal(&dec, &built), "%s: crossover does not decode to the program built", t->name);
			check_ranges(&dec, t->name);
		}
		n2 = mut_crossover(&mt, a->d, a->n, b->d, b->n, out2, max, seed, NULL);
		CHECK(n2 == n && memcmp(out, out2, n) == 0, "%s: same inputs and seed, different crossover", t->name);
		free(out);
		free(out2);
	}
	for (int k = 0; k < MUT_KIND_NR; k++) {
		CHECK(kinds[k] > 0, "%s: mutation '%s' never ran", t->name, names[k]);
		if (k != MUT_BYTES)
			CHECK(changed[k] > 0, "%s: mutation '%s' never changed a program", t->name, names[k]);
	}
	CHECK(fallback_calls > fb0, "%s: the byte fallback never reached LLVMFuzzerMutate", t->name);
	CHECK(xdone > XROUNDS / 2, "%s: only %lu of %u crossovers produced an input", t->name, xdone, XROUNDS);
	printf("%s: %d seeds; insert %lu delete %lu duplicate %lu swap %lu field %lu bytes %lu; "
	       "crossovers %lu/%u\n", t->name, nseeds, kinds[0], kinds[1], kinds[2], kinds[3], kinds[4], kinds[5],
	       xdone, XROUNDS);

	/* The hooks libFuzzer calls: through the prepared target. */
	fuzz_prepare(t);
	for (int k = 0; k < 50; k++) {
		const struct seed *s = &seeds[k % nseeds];
		size_t max = s->n + 256, n, n2;
		uint8_t *buf = malloc(max), *buf2 = malloc(max);

		if (s->n) {
			memcpy(buf, s->d, s->n);
			memcpy(buf2, s->d, s->n);
		}
		n = LLVMFuzzerCustomMutator(buf, s->n, max, (unsigned)k);
		n2 = LLVMFuzzerCustomMutator(buf2, s->n, max, (unsigned)k);
		CHECK(n <= max && n == n2 && memcmp(buf, buf2, n) == 0, "%s: hook not deterministic", t->name);
		n = LLVMFuzzerCustomCrossOver(s->d, s->n, seeds[0].d, seeds[0].n, buf, max, (unsigned)k);
		CHECK(n <= max, "%s: crossover hook exceeds MaxSize", t->name);
		free(buf);
		free(buf2);
	}
	prog_free(&built);
	prog_free(&dec);
	prog_free(&before);
	for (int k = 0; k < nseeds; k++)
		free(seeds[k].d);
	fuzz_state_destroy(st);
}

int main(int argc, char **argv)
{
	const char *srcdir = getenv("srcdir");
	char corpus[900];

	if (argc > 1)
		snprintf(corpus, sizeof corpus, "%s", argv[1]);
	else
		snprintf(corpus, sizeof corpus, "%s/corpus", srcdir ? srcdir : ".");
	for (size_t i = 0; i < FUZZ_NTARGETS; i++)
		one_target(fuzz_targets[i], corpus);
	printf("mutator-test: %lu checks, %lu failures\n", checks, failures);
	return failures ? 1 : 0;
}
