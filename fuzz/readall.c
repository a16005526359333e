/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * readall.c - read a whole stream (readall.h).
 */
#include <stdlib.h>

#include "fuzz/readall.h"

enum readall_status readall(FILE *f, size_t max, uint8_t **out, size_t *len)
{
	size_t cap = 0, n = 0;
	uint8_t *b = NULL;

	*out = NULL;
	*len = 0;
	for (;;) {
		size_t got;

		if (cap - n < 2) {               /* room for a byte and the NUL */
			size_t ncap = cap ? cap * 2 : 65536;
			uint8_t *nb;

			if (n > max) {
				free(b);
				return READALL_TOO_LARGE;
			}
			if (ncap > max + 2)
				ncap = max + 2;      /* enough to see one byte too many */
			nb = realloc(b, ncap);
			if (!nb) {
				free(b);
				return READALL_NOMEM;
			}
			b = nb;
			cap = ncap;
		}
		got = fread(b + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(b);
		return READALL_IO;
	}
	if (n > max) {
		free(b);
		return READALL_TOO_LARGE;
	}
	b[n] = 0;
	*out = b;
	*len = n;
	return READALL_OK;
}

enum readall_status readall_file(const char *path, size_t max, uint8_t **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	enum readall_status st;

	*out = NULL;
	*len = 0;
	if (!f)
		return READALL_IO;
	st = readall(f, max, out, len);
	fclose(f);
	return st;
}
