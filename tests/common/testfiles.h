/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * testfiles.h - the file helpers the test programs share: read a whole
 * file, and list the scenarios of a directory in a stable order.
 */
#ifndef VSMMU_TESTS_TESTFILES_H
#define VSMMU_TESTS_TESTFILES_H

#include <stddef.h>

/* The whole file, NUL-terminated (*len excludes the NUL), malloc'ed; NULL
 * when it cannot be read. */
char *tf_slurp(const char *path, size_t *len);

/* The paths "DIR/NAME.scn" of every .scn file in dir, sorted by name, in a
 * malloc'ed array of *n malloc'ed strings (tf_free_list). 0, or -1 when the
 * directory cannot be read or memory runs out. */
int tf_scn_list(const char *dir, char ***names, size_t *n);

struct prog;
/* Read and parse scenario path into p (prog_init'ed by the caller; freed
 * on failure). *text, if text is not NULL, keeps the file's text (caller
 * frees). 0, or -1 after printing "ERROR path: ..." on stdout. */
int tf_load_scn(const char *path, struct prog *p, char **text);
void tf_free_list(char **names, size_t n);

#endif /* VSMMU_TESTS_TESTFILES_H */
