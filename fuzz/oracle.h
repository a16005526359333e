/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle.h - the isolation oracle: checks I1-I12 (docs/invariants.md) from
 * the platform's own view (docs/oracle.md: per invariant what is observed
 * and what could be missed).
 *
 * The run brackets every op with oracle_begin()/oracle_end(); the
 * platform's observer hooks feed it every tagged access, physical command
 * and its outcome, vsmmu trace, interrupt, libvsmmu call and platform
 * action (guest created/destroyed, stream assigned/unassigned, event
 * injected, DMA) in between. The oracle only observes: it never steers the
 * platform (its register probes for I9 are side-effect-free peeks).
 *
 * No global state: one struct oracle per world.
 */
#ifndef VSMMU_FUZZ_ORACLE_H
#define VSMMU_FUZZ_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inject/platform.h"

/* Invariants are numbered 1..ORACLE_MAX_INVARIANT. */
#define ORACLE_MAX_INVARIANT     12

/* Hard cap on hypervisor memory held for one guest (I8): libvsmmu's
 * documented VSMMU_MAX_BYTES_HELD. */
#define ORACLE_GUEST_BYTES_CAP  ((size_t)VSMMU_MAX_BYTES_HELD)

/* Observer callbacks (tagged accesses, commands, traces, irqs) allowed
 * during one op and its round before the op counts as unbounded (I7). */
#define ORACLE_MAX_OP_CALLBACKS  (UINT32_C(1) << 22)

/* I7, counted from outside per libvsmmu call (docs/oracle.md): guest-memory
 * accesses the hypervisor makes for the guest (command fetches, L1STD/STE
 * reads, event records: each one unit of VSMMU_MAX_CALL_WORK), event
 * records written, and physical commands (each unit of work may cost at
 * most install+CFGI+SYNC retried VS_PHYS_TRIES=3 times plus the fail-closed
 * abort install, or a TLBI, flush and SYNC on each of VSMMU_MAX_PSMMU). */
#define ORACLE_MAX_CALL_ACCESSES   VSMMU_MAX_CALL_WORK
#define ORACLE_MAX_CALL_EVENTS     VSMMU_MAX_CALL_WORK
#define ORACLE_MAX_CALL_PHYS_CMDS  (12u * VSMMU_MAX_CALL_WORK)

/* Streams the oracle watches (assigned ever, named in traces/commands). */
#define ORACLE_MAX_WATCH         1024u
/* Stream IDs of each declared psmmu swept in a full check
 * (expect-isolation and world teardown): [0, ORACLE_SWEEP_SIDS). */
#define ORACLE_SWEEP_SIDS        1024u
/* Cached STEs of one physical SMMU the sweep can list (its cache holds fewer). */
#define ORACLE_MAX_CACHED        256u

/* What kind of op is being checked. */
enum oracle_op_class {
	ORACLE_OP_PLATFORM,   /* psmmu/guest/assign/unassign/destroy, teardown */
	ORACLE_OP_GUEST,      /* an action of one guest (registers, memory, commands, dma, expect-*) */
	ORACLE_OP_INJECT,     /* a fault from below */
	ORACLE_OP_HYP         /* settle / expect-isolation: hypervisor time only */
};

struct oracle;

/* names[g] is the scenario name of platform guest g (kept by the caller,
 * read at report time). NULL on allocation failure. */
struct oracle *oracle_create(struct platform *p, const char *const *names);
void oracle_destroy(struct oracle *o);

/* The oracle learns everything by observation: oracle_create attaches it
 * to its platform as an observer (before any other the caller adds), and
 * oracle_destroy detaches it. Nothing else tells it anything; its own looks
 * at the world are peeks (plat_peek_*), which no observer sees. obs gets
 * the oracle's hooks, for a test that forges observations. */
void oracle_observer(struct oracle *o, struct plat_observer *obs);

/* full: every oracle_end checks everything, as for expect-isolation (the
 * reference the incremental checks are tested against). */
void oracle_set_full(struct oracle *o, bool full);

/* ---- one op ------------------------------------------------------------- */
/* actor: the platform guest whose action the op is (for platform ops: the
 * guest assigned/unassigned/destroyed), or -1. Physical STEs of streams
 * that are not the actor's must not change (I2) unless their owner was
 * itself busy in the same op (its deferred work in the round). */
void oracle_begin(struct oracle *o, enum oracle_op_class cls, int actor);
/* Checks everything after the op and its round. full: also sweep every
 * stream of every declared psmmu (expect-isolation). Returns 0, or the
 * invariant number (1..12) with a one-line reason. */
int oracle_end(struct oracle *o, bool full, char *reason, size_t len);
/* After every guest has been destroyed: leaks (I8). Same return. */
int oracle_final(struct oracle *o, char *reason, size_t len);

#endif /* VSMMU_FUZZ_ORACLE_H */
