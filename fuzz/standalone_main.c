/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * standalone_main.c - plain main() for fuzz targets (--enable-fuzzing=standalone):
 * replays inputs through LLVMFuzzerTestOneInput without any fuzzing engine.
 *
 *   fuzz/fuzz_T [-v] PATH...
 *
 * Each PATH is a file (one input), a directory (every file below it, sorted
 * by name) or "-" (standard input). Arguments of libFuzzer's -name=value
 * form are accepted and ignored, so the same command line works with a
 * libFuzzer build. Each input is copied into a buffer of exactly its size so
 * that AddressSanitizer sees any read past its end.
 *
 * Exit status: 0 every input ran; 2 a path could not be read (one line
 * "PATH: reason" on stderr per such path; the others still run). A target
 * that finds a bug aborts, so its status is the crash's.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz/readall.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Inputs larger than this are refused (libFuzzer's -max_len is far below). */
#define REPLAY_MAX_INPUT (64u << 20)
/* Directory nesting followed below a PATH. */
#define REPLAY_MAX_DEPTH 8

struct replay {
	int verbose;
	unsigned long ran;
	unsigned long errors;
};

static void replay_error(struct replay *r, const char *path, const char *why)
{
	fprintf(stderr, "%s: %s\n", path, why);
	r->errors++;
}

static void replay_run(struct replay *r, const char *path, const uint8_t *data, size_t size)
{
	if (r->verbose)
		fprintf(stderr, "Running: %s (%zu bytes)\n", path, size);
	LLVMFuzzerTestOneInput(data, size);
	r->ran++;
}

/* Read all of f into a malloc'ed buffer of exactly its size, so that a
 * read one byte past the input is caught by ASan. */
static int replay_slurp(FILE *f, uint8_t **out, size_t *outlen, const char **why)
{
	uint8_t *buf, *exact;
	size_t len;

	switch (readall(f, REPLAY_MAX_INPUT, &buf, &len)) {
	case READALL_OK:
		break;
	case READALL_TOO_LARGE:
		*why = "input too large (limit 64 MiB)";
		return -1;
	case READALL_NOMEM:
		*why = "out of memory";
		return -1;
	default:
		*why = strerror(errno ? errno : EIO);
		return -1;
	}
	/* Exact size (at least one byte so that malloc(0) is never asked). */
	exact = malloc(len ? len : 1);
	if (!exact) {
		free(buf);
		*why = "out of memory";
		return -1;
	}
	memcpy(exact, buf, len);
	free(buf);
	*out = exact;
	*outlen = len;
	return 0;
}

static void replay_stream(struct replay *r, const char *path, FILE *f)
{
	uint8_t *data;
	size_t size;
	const char *why = NULL;

	errno = 0;
	if (replay_slurp(f, &data, &size, &why) < 0) {
		replay_error(r, path, why);
		return;
	}
	replay_run(r, path, data, size);
	free(data);
}

static int replay_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void replay_path(struct replay *r, const char *path, int depth);

static void replay_dir(struct replay *r, const char *path, int depth)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;

	if (depth > REPLAY_MAX_DEPTH) {
		replay_error(r, path, "directories nested too deeply");
		return;
	}
	d = opendir(path);
	if (!d) {
		replay_error(r, path, strerror(errno));
		return;
	}
	while ((e = readdir(d)) != NULL) {
		size_t len;
		char *full;

		if (e->d_name[0] == '.')
			continue;   /* ., .., and hidden files */
		if (n == cap) {
			char **nn = realloc(names, (cap ? cap * 2 : 64) * sizeof(*names));

			if (!nn) {
				replay_error(r, path, "out of memory");
				break;
			}
			names = nn;
			cap = cap ? cap * 2 : 64;
		}
		len = strlen(path) + strlen(e->d_name) + 2;
		full = malloc(len);
		if (!full) {
			replay_error(r, path, "out of memory");
			break;
		}
		snprintf(full, len, "%s/%s", path, e->d_name);
		names[n++] = full;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), replay_cmp);
	for (i = 0; i < n; i++) {
		replay_path(r, names[i], depth + 1);
		free(names[i]);
	}
	free(names);
}

static void replay_path(struct replay *r, const char *path, int depth)
{
	struct stat st;
	FILE *f;

	if (strcmp(path, "-") == 0) {
		replay_stream(r, "<stdin>", stdin);
		return;
	}
	if (stat(path, &st) < 0) {
		replay_error(r, path, strerror(errno));
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		replay_dir(r, path, depth);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		replay_error(r, path, "not a regular file or directory");
		return;
	}
	if ((uint64_t)st.st_size > REPLAY_MAX_INPUT) {
		replay_error(r, path, "input too large (limit 64 MiB)");
		return;
	}
	f = fopen(path, "rb");
	if (!f) {
		replay_error(r, path, strerror(errno));
		return;
	}
	replay_stream(r, path, f);
	fclose(f);
}

/* Replay every PATH argument; returns the exit status. */
static int vsfuzz_replay_main(int argc, char **argv)
{
	struct replay r = { 0, 0, 0 };
	int i, paths = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-v") == 0) {
			r.verbose = 1;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			printf("usage: %s [-v] PATH...\n"
			       "Runs each file (a directory: every file below it; -: stdin) once\n"
			       "through the fuzz target. Exit 0, or 2 if a path could not be read.\n",
			       argv[0]);
			return 0;
		}
		if (a[0] == '-' && a[1] != '\0')
			continue;   /* libFuzzer-style -flag=value: ignored */
		paths++;
		replay_path(&r, a, 0);
	}
	if (paths == 0) {
		fprintf(stderr, "usage: %s [-v] PATH...\n", argv[0]);
		return 2;
	}
	if (r.verbose)
		fprintf(stderr, "%s: ran %lu input(s), %lu unreadable\n", argv[0], r.ran, r.errors);
	return r.errors ? 2 : 0;
}

#ifndef VSFUZZ_REPLAY_NO_MAIN
int main(int argc, char **argv)
{
	return vsfuzz_replay_main(argc, argv);
}
#endif
