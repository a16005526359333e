/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * exec.c - the run, the top layer of the executor (exec_int.h): a world
 * (platform, oracle, -v trace), then per op the statement (exec_stmt.c),
 * one bounded hypervisor round and the oracle's verdict, then the teardown
 * and the leak check (exec.h). The oracle observes the platform on its
 * own; the run only brackets each op (oracle_begin/oracle_end) and takes
 * the verdict.
 *
 * Deterministic: nothing here reads a clock, draws a random number, or lets
 * a host address or allocation order reach a decision or the trace.
 *
 * Scenario mode (stop_on_fail): a failed expectation or a statement the
 * platform rejects ends the run with EXEC_FAIL. Fuzz mode: such ops are
 * no-ops and the run goes on; only the oracle can stop it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/exec_int.h"
#include "fuzz/op_schema.h"
#include "fuzz/oracle.h"
#include "inject/snapshot.h"

/* What kind of op the oracle checks: the kind's class in its schema
 * (fuzz/op_schema.c). */
static enum oracle_op_class op_class(uint8_t kind)
{
	static const enum oracle_op_class of[] = {
		[OPC_PLATFORM] = ORACLE_OP_PLATFORM, [OPC_GUEST] = ORACLE_OP_GUEST,
		[OPC_INJECT] = ORACLE_OP_INJECT, [OPC_HYP] = ORACLE_OP_HYP,
	};

	return of[op_class_of(kind)];
}

/* ---- the run ----------------------------------------------------------- */

static bool violation(struct exec_ctx *x, struct exec_result *r, uint32_t line, int inv, const char *why)
{
	r->status = EXEC_VIOLATION;
	r->line = line;
	r->invariant = inv;
	snprintf(r->reason, sizeof r->reason, "%s", why);
	if (x->tr)
		fprintf(x->tr, "        %s\n", why);
	if (x->opts->abort_on_violation) {
		fprintf(stderr, "line %" PRIu32 ": %s\n", line, why);
		abort();
	}
	return true;
}

/* The oracle's brackets, unless the run has none (exec_opts.no_oracle). */
static void orc_begin(struct exec_ctx *x, enum oracle_op_class cls, int actor)
{
	if (x->orc)
		oracle_begin(x->orc, cls, actor);
}

static int orc_end(struct exec_ctx *x, bool full, char *why, size_t len)
{
	return x->orc ? oracle_end(x->orc, full, why, len) : 0;
}

/* Run one op, its round and the oracle. Returns true to stop the run. */
static bool run_op(struct exec_ctx *x, const struct op *op, struct exec_result *r)
{
	char why[512];
	int actor = -1, inv;

	if (x->tr) {
		fprintf(x->tr, "%5" PRIu32 ": ", op->line);
		scn_print_op(x->prog, op, x->tr);
		fputc('\n', x->tr);
	}
	if ((op_class(op->kind) == ORACLE_OP_GUEST || op->kind == OP_ASSIGN || op->kind == OP_UNASSIGN ||
	     op->kind == OP_DESTROY) && op->guest < OP_MAX_GUESTS)
		actor = x->slot[op->guest].gidx;
	x->failed = false;
	x->reason[0] = 0;
	orc_begin(x, op_class(op->kind), actor);
	exec_op(x, op);
	(void)plat_run_round(x->p);
	inv = orc_end(x, op->kind == OP_EXPECT_ISOLATION, why, sizeof why);
	if (inv)
		return violation(x, r, op->line, inv, why);
	if (x->failed) {
		if (x->tr)
			fprintf(x->tr, "        %s: %s\n", x->fuzz ? "ignored" : "FAIL", x->reason);
		if (x->fuzz && x->opts->on_ignored)
			x->opts->on_ignored(x->opts->on_ignored_ctx, op, x->reason);
		if (!x->fuzz) {
			r->status = EXEC_FAIL;
			r->line = op->line;
			snprintf(r->reason, sizeof r->reason, "%s", x->reason);
			return true;
		}
	}
	return false;
}

/* Destroy every guest still alive, checking each step, then the leaks. */
static void teardown(struct exec_ctx *x, struct exec_result *r, uint32_t line)
{
	char why[512];
	int inv;

	for (unsigned i = 0; i < OP_MAX_GUESTS; i++) {
		struct exec_guest *s = &x->slot[i];
		int g = s->gidx;

		if (g < 0)
			continue;
		s->gidx = -1;
		if (!plat_guest_alive(x->p, g))
			continue;
		if (x->tr)
			fprintf(x->tr, "teardown: destroy %s\n", exec_gname(x, g));
		orc_begin(x, ORACLE_OP_PLATFORM, g);
		(void)plat_destroy_guest(x->p, g);
		(void)plat_run_round(x->p);
		inv = orc_end(x, false, why, sizeof why);
		if (inv && r->status != EXEC_VIOLATION)
			violation(x, r, line, inv, why);
	}
	orc_begin(x, ORACLE_OP_PLATFORM, -1);
	inv = x->orc ? oracle_final(x->orc, why, sizeof why) : 0;
	if (inv && r->status != EXEC_VIOLATION)
		violation(x, r, line, inv, why);
}

/* What the fault model did during the run (for --fail-nth sweeps). */
static void fault_result(struct exec_ctx *x, struct exec_result *r)
{
	struct plat_fault_stats fs;

	plat_fault_stats(x->p, &fs);
	r->fallible_calls = fs.calls;
	r->faults_fired = fs.fired_total;
	r->nth_reached = x->opts->fail_nth && !fs.nth_pending;
	r->nth_site = plat_fault_nth_site(x->p);
	if (x->tr && x->opts->fail_nth)
		fprintf(x->tr, "fail-nth %" PRIu64 ": %s\n", x->opts->fail_nth,
			r->nth_reached ? plat_fault_site_name((enum plat_fault_site)r->nth_site) :
					 "never reached");
}

/* A world: platform (in heap, or malloc'ed when heap is NULL), the
 * executor's state and the oracle, both in the world's memory so that a
 * snapshot of the heap captures them. NULL on allocation failure. */
static struct exec_ctx *world_open(struct wheap *heap, const struct exec_opts *o)
{
	struct platform *p = plat_create_in(heap);
	struct exec_ctx *x;

	if (!p)
		return NULL;
	x = plat_world_alloc(p, sizeof *x);
	if (!x) {
		plat_destroy(p);
		return NULL;
	}
	x->p = p;
	x->opts = o;
	x->tr = o->trace;
	x->fuzz = !o->stop_on_fail;
	for (unsigned i = 0; i < OP_MAX_GUESTS; i++)
		x->slot[i].gidx = -1;
	/* The oracle observes first, the -v trace (only when asked for: each
	 * observer costs every callback) second. */
	x->orc = o->no_oracle ? NULL : oracle_create(p, x->names);
	if ((!x->orc && !o->no_oracle) || (x->tr && exec_trace_attach(x))) {
		oracle_destroy(x->orc);
		plat_world_free(p, x);
		plat_destroy(p);
		return NULL;
	}
	if (x->orc)
		oracle_set_full(x->orc, o->oracle_full);
	plat_set_run_every_guest(p, o->oracle_full);
	plat_set_planted_bugs(p, o->plat_bugs);
	if (o->fail_nth)
		plat_fail_nth(p, o->fail_nth, o->fail_repeat);
	return x;
}

static void world_close(struct exec_ctx *x)
{
	struct platform *p = x->p;

	/* Nothing may reach the oracle once it is gone (plat_destroy still
	 * destroys what a run left behind). */
	plat_set_observer(p, NULL);
	oracle_destroy(x->orc);
	plat_world_free(p, x);
	plat_destroy(p);
}

/* Run ops [0, n) of p; returns the line of the last op run (or line0). */
static uint32_t run_ops(struct exec_ctx *x, const struct prog *p, struct exec_result *r, uint32_t line0)
{
	uint32_t line = line0;

	x->prog = p;
	for (size_t i = 0; i < p->nops; i++) {
		line = p->ops[i].line;
		if (run_op(x, &p->ops[i], r))
			break;
	}
	return line;
}

int exec_prog(const struct prog *p, const struct exec_opts *o, struct exec_result *r)
{
	struct exec_ctx *x;
	uint32_t line;

	memset(r, 0, sizeof *r);
	r->status = EXEC_PASS;
	x = world_open(NULL, o);
	if (!x) {
		r->status = EXEC_FAIL;
		snprintf(r->reason, sizeof r->reason, "executor: cannot create the platform");
		return r->status;
	}
	line = run_ops(x, p, r, 0);
	teardown(x, r, line);
	fault_result(x, r);
	world_close(x);
	return r->status;
}

/* ---- a prepared world (exec.h: exec_world_*) --------------------------- */

struct exec_world {
	struct wheap *heap;
	struct exec_ctx *x;          /* in heap */
	struct exec_opts opts;       /* x->opts points here */
	uint32_t line;               /* last prologue line (teardown of an empty suffix) */
};

struct exec_world *exec_world_create(const struct prog *prologue, const struct exec_opts *o,
				     struct exec_result *r)
{
	struct exec_world *w = calloc(1, sizeof *w);

	memset(r, 0, sizeof *r);
	r->status = EXEC_FAIL;
	snprintf(r->reason, sizeof r->reason, "executor: cannot create the world");
	if (!w)
		return NULL;
	w->opts = *o;
	w->heap = wheap_create();
	if (w->heap)
		w->x = world_open(w->heap, &w->opts);
	if (!w->x)
		goto fail;
	r->status = EXEC_PASS;
	r->reason[0] = 0;
	/* A violation in the prologue is a result (the caller decides what
	 * to do without a world), not an abort. */
	w->opts.abort_on_violation = false;
	w->line = run_ops(w->x, prologue, r, 0);
	if (r->status != EXEC_PASS)
		goto fail;
	w->opts.abort_on_violation = o->abort_on_violation;
	/* The prologue's trace stream is the caller's: not part of the world
	 * (each exec_world_run sets its own). */
	w->x->tr = NULL;
	w->opts.trace = NULL;
	if (wheap_snapshot(w->heap)) {
		r->status = EXEC_FAIL;
		snprintf(r->reason, sizeof r->reason, "executor: cannot snapshot the world");
		goto fail;
	}
	return w;
fail:
	wheap_destroy(w->heap);   /* every block of the world, whatever state it is in */
	free(w);
	return NULL;
}

int exec_world_run(struct exec_world *w, const struct prog *suffix, FILE *trace, struct exec_result *r)
{
	struct exec_ctx *x = w->x;
	uint32_t line;

	memset(r, 0, sizeof *r);
	r->status = EXEC_PASS;
	x->tr = trace;
	/* A traced run adds the trace observer (if the prologue did not);
	 * the restore below takes it away again with the rest of the run. */
	if (trace && !x->trace_attached)
		(void)exec_trace_attach(x);
	line = run_ops(x, suffix, r, w->line);
	teardown(x, r, line);
	fault_result(x, r);
	wheap_restore(w->heap);
	return r->status;
}

void exec_world_destroy(struct exec_world *w)
{
	if (!w)
		return;
	wheap_destroy(w->heap);
	free(w);
}

void exec_world_stats(const struct exec_world *w, struct wheap_stats *s)
{
	wheap_get_stats(w->heap, s);
}

