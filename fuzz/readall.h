/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * readall.h - read a whole stream into memory, once for every program of
 * the harness that loads inputs (vsmmu-run, vsmmu-seed, the standalone
 * fuzz-target driver, the test programs).
 */
#ifndef VSMMU_FUZZ_READALL_H
#define VSMMU_FUZZ_READALL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum readall_status {
	READALL_OK,
	READALL_TOO_LARGE,   /* more than max bytes */
	READALL_NOMEM,
	READALL_IO           /* a read error: errno says which */
};

/* All of f, at most max bytes, into a malloc'ed buffer one byte longer than
 * the data and NUL-terminated there (*len excludes the NUL; text can be
 * used as a string). *out is NULL unless READALL_OK. */
enum readall_status readall(FILE *f, size_t max, uint8_t **out, size_t *len);
/* The same for the file at path (READALL_IO when it cannot be opened). */
enum readall_status readall_file(const char *path, size_t max, uint8_t **out, size_t *len);

#endif /* VSMMU_FUZZ_READALL_H */
