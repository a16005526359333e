/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * wheap_test.c - the world heap (inject/snapshot.h): what a restore brings
 * back, frees and leaves alone.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inject/platform.h"
#include "inject/snapshot.h"
#include <sys/wait.h>
#include <unistd.h>

/* A double free of a world block (a base block freed twice, or a young
 * one) must abort, as ASan would for a plain free. */
static bool double_free_aborts(bool base)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		struct wheap *h = wheap_create();
		void *b = wheap_alloc(h, 32, true, false);

		if (base)
			(void)wheap_snapshot(h);
		wheap_free(h, b);
		wheap_free(h, b);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return false;
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT;
}

static int failures;

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); failures++; } } while (0)

int main(void)
{
	struct wheap *h = wheap_create();
	struct wheap_stats s;
	unsigned char *model, *page, *page2, *gone, *young, *grown;

	CHECK(h != NULL);
	if (!h)
		return 1;
	/* NULL heap: plain malloc semantics. */
	model = wheap_alloc(NULL, 16, true, false);
	CHECK(model && model[15] == 0);
	wheap_free(NULL, model);

	model = wheap_alloc(h, 100, true, false);       /* untracked: always copied back */
	page = wheap_alloc(h, 4096, true, true);        /* tracked: copied back when touched */
	page2 = wheap_alloc(h, 4096, true, true);
	gone = wheap_alloc(h, 32, true, false);         /* freed by the "input" */
	CHECK(model && page && page2 && gone);
	if (!model || !page || !page2 || !gone)
		return 1;
	memset(model, 0x11, 100);
	memset(page, 0x22, 4096);
	memset(page2, 0x33, 4096);
	memset(gone, 0x44, 32);
	CHECK(wheap_snapshot(h) == 0);
	CHECK(wheap_snapshot(h) == -1);                 /* once */
	wheap_get_stats(h, &s);
	CHECK(s.base_blocks == 4 && s.base_bytes == 100 + 4096 + 4096 + 32);
	CHECK(s.untracked_bytes == 132 && s.young_blocks == 0);

	for (int round = 0; round < 3; round++) {
		/* An input: writes everywhere, frees one block, allocates. */
		memset(model, 0x55, 100);
		wheap_touch(h, page);
		memset(page, 0x66, 4096);
		gone[0] = 0x77;
		wheap_free(h, gone);
		young = wheap_alloc(h, 64, false, false);
		CHECK(young != NULL);
		grown = wheap_realloc(h, wheap_alloc(h, 8, true, false), 4000);
		CHECK(grown != NULL && grown[0] == 0);
		wheap_get_stats(h, &s);
		CHECK(s.young_blocks == 2);             /* realloc freed its young original */
		CHECK(s.dirty_blocks == 2);             /* page + gone */
		wheap_restore(h);
		wheap_get_stats(h, &s);
		CHECK(s.young_blocks == 0 && s.dirty_blocks == 0 && s.restores == (uint64_t)round + 1);
		CHECK(model[0] == 0x11 && model[99] == 0x11);
		CHECK(page[0] == 0x22 && page[4095] == 0x22);
		CHECK(gone[0] == 0x44 && gone[31] == 0x44);   /* alive again, contents back */
		CHECK(page2[0] == 0x33);
		/* Young blocks are recycled, not freed: from the second round
		 * on, the input's allocations come from the pool. */
		CHECK(s.pooled_bytes >= 64 + 4000 + 8);
	}
	{
		size_t before;
		unsigned char *again;

		wheap_get_stats(h, &s);
		before = s.pooled_bytes;
		again = wheap_alloc(h, 64, true, false);
		CHECK(again != NULL && again[0] == 0 && again[63] == 0);   /* zeroed on reuse */
		wheap_get_stats(h, &s);
		CHECK(s.pooled_bytes < before);
		/* Freed during an input: not reused before the restore. */
		wheap_free(h, again);
		CHECK(wheap_alloc(h, 64, false, false) != again);
		wheap_restore(h);
	}
	/* A write to a tracked block without wheap_touch is not undone: the
	 * contract is that its owner reports every write (hostmem's hm_copy). */
	page2[0] = 0x99;
	wheap_restore(h);
	CHECK(page2[0] == 0x99);
	wheap_destroy(h);

	/* The platform's world memory: a component's tracked block. */
	{
		struct wheap *wh = wheap_create();
		struct platform *p = wh ? plat_create_in(wh) : NULL;
		unsigned char *big = p ? plat_world_alloc_tracked(p, 65536) : NULL;
		unsigned char *small = p ? plat_world_alloc(p, 64) : NULL;

		CHECK(big && small && big[65535] == 0);
		if (big && small) {
			CHECK(wheap_snapshot(wh) == 0);
			plat_world_touch(p, big);
			big[100] = 1;
			small[0] = 2;
			wheap_restore(wh);
			CHECK(big[100] == 0 && small[0] == 0);
			big[200] = 3;                  /* not reported: kept */
			wheap_restore(wh);
			CHECK(big[200] == 3);
		}
		wheap_destroy(wh);                     /* the platform's blocks with it */
	}
	/* Grown blocks, and the checking mode that proves their owners'
	 * reports complete. */
	{
		struct wheap *wh = wheap_create();
		unsigned char *arr = wh ? wheap_alloc_grown(wh, 1000) : NULL;

		CHECK(arr && arr[999] == 0);
		{
			unsigned char *c = wheap_alloc_grown(NULL, 8);   /* NULL heap: calloc */

			CHECK(c && c[7] == 0);
			wheap_grow(NULL, c, 8);
			wheap_free(NULL, c);
		}
		if (arr) {
			wheap_set_verify(wh, true);
			wheap_grow(wh, arr, 100);
			memset(arr, 0x12, 100);                  /* the prologue's entries */
			CHECK(wheap_snapshot(wh) == 0);
			wheap_get_stats(wh, &s);
			CHECK(s.grown_blocks == 1 && s.untracked_bytes == 100);
			for (int round = 0; round < 2; round++) {
				arr[5] = 0x56;                   /* below the snapshot's mark */
				wheap_grow(wh, arr, 300);
				memset(arr + 100, 0x78, 200);    /* new entries */
				wheap_grow(wh, arr, 5000);       /* clamped to the block */
				wheap_restore(wh);
				wheap_get_stats(wh, &s);
				CHECK(arr[5] == 0x12 && arr[99] == 0x12 && arr[100] == 0 && arr[999] == 0);
				CHECK(s.last_restore_bytes == 1000);   /* the whole mark, clamped */
				CHECK(s.unreported == 0);
			}
			wheap_restore(wh);
			wheap_get_stats(wh, &s);
			CHECK(s.last_restore_bytes == 100);      /* back at the snapshot's mark */
			arr[500] = 1;                            /* above the mark, not reported */
			wheap_restore(wh);
			wheap_get_stats(wh, &s);
			CHECK(s.unreported == 1 && arr[500] == 1);
			arr[500] = 0;
			{
				unsigned char *pg = wheap_alloc(wh, 64, true, true);   /* young: not checked */

				CHECK(pg != NULL);
			}
			wheap_restore(wh);
			wheap_get_stats(wh, &s);
			CHECK(s.unreported == 1);
		}
		wheap_destroy(wh);
	}
	{
		/* A tracked block written without wheap_touch is reported in
		 * checking mode (and, as above, not undone). */
		struct wheap *wh = wheap_create();
		unsigned char *pg = wh ? wheap_alloc(wh, 4096, true, true) : NULL;

		CHECK(pg != NULL);
		if (pg) {
			wheap_set_verify(wh, true);
			CHECK(wheap_snapshot(wh) == 0);
			wheap_touch(wh, pg);
			pg[1] = 1;
			wheap_restore(wh);
			wheap_get_stats(wh, &s);
			CHECK(s.unreported == 0 && pg[1] == 0);
			pg[2] = 2;
			wheap_restore(wh);
			wheap_get_stats(wh, &s);
			CHECK(s.unreported == 1 && pg[2] == 2);
		}
		wheap_destroy(wh);
	}
	CHECK(double_free_aborts(true));
	CHECK(double_free_aborts(false));
	if (failures)
		return 1;
	printf("wheap: restore recycles young blocks, revives freed ones, copies back untracked and touched blocks,\n"
	       "  grown blocks up to their marks; checking mode finds unreported writes\n");
	return 0;
}
