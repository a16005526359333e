/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * testfiles.c - file helpers of the test programs (testfiles.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/readall.h"
#include "tests/common/testfiles.h"

int tf_load_scn(const char *path, struct prog *p, char **text)
{
	char err[512];
	size_t len = 0;
	char *t = tf_slurp(path, &len);

	if (text)
		*text = NULL;
	if (!t) {
		printf("ERROR %s: cannot read\n", path);
		prog_free(p);
		return -1;
	}
	if (scn_parse(path, t, len, p, err, sizeof err)) {
		printf("ERROR %s\n", err);
		free(t);
		prog_free(p);
		return -1;
	}
	if (text)
		*text = t;
	else
		free(t);
	return 0;
}

char *tf_slurp(const char *path, size_t *len)
{
	uint8_t *b;

	return readall_file(path, 64u << 20, &b, len) == READALL_OK ? (char *)b : NULL;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void tf_free_list(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int tf_scn_list(const char *dir, char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t cap = 0;

	*names = NULL;
	*n = 0;
	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);

		if (l < 5 || strcmp(de->d_name + l - 4, ".scn"))
			continue;
		if (*n == cap) {
			char **nn = realloc(*names, (cap = cap ? cap * 2 : 64) * sizeof *nn);

			if (!nn)
				goto fail;
			*names = nn;
		}
		if (!((*names)[*n] = malloc(strlen(dir) + l + 2)))
			goto fail;
		sprintf((*names)[*n], "%s/%s", dir, de->d_name);
		(*n)++;
	}
	closedir(d);
	if (*n)                  /* qsort's base may not be NULL, even for 0 */
		qsort(*names, *n, sizeof **names, cmp);
	return 0;
fail:
	closedir(d);
	tf_free_list(*names, *n);
	*names = NULL;
	*n = 0;
	return -1;
}
