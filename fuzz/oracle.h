/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle.h - the isolation oracle: checks I1-I12 (docs/invariants.md) from
 * the platform's own view (docs/oracle.md: per invariant what is observed
 * and what could be missed).
 *
 * The executor brackets every op with oracle_begin()/oracle_end(); the
 * platform observer hooks feed it every tagged access, physical command,
 * vsmmu trace and interrupt in between. The oracle only observes: it never
 * steers the platform (its register probes for I9 are side-effect-free
 * reads that bypass the platform's MMIO tracing).
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

/* full: every oracle_end checks everything, as for expect-isolation (the
 * reference the incremental checks are tested against). */
void oracle_set_full(struct oracle *o, bool full);

/* True while the oracle probes registers itself: callbacks arriving then
 * belong to the oracle, and the executor's trace skips them. */
bool oracle_probing(const struct oracle *o);

/* ---- observer hooks (the executor forwards struct plat_observer) ------- */
void oracle_on_access(struct oracle *o, const struct plat_access *a);
void oracle_on_phys_cmd(struct oracle *o, int guest, unsigned psmmu, const uint64_t cmd[CMD_DWORDS]);
void oracle_on_vsmmu_trace(struct oracle *o, int guest, const struct vsmmu_trace *t);
void oracle_on_irq(struct oracle *o, int guest, enum vsmmu_irq_line line);
/* Guest MMIO after the trap, and the brackets of every libvsmmu call (I7's
 * per-call accounting and the reference model of I12 are fed from these). */
void oracle_on_mmio(struct oracle *o, int guest, uint64_t off, unsigned size, uint64_t value, bool write);
void oracle_on_call(struct oracle *o, int guest, enum plat_call call, bool begin);
/* A physical event record as the hypervisor drains it (I5; also the
 * stage-2 fault addresses of a guest's CD/table fetches, which reach the
 * guest as its own FetchAddr, so I5 does not take them for host addresses). */
void oracle_on_phys_event(struct oracle *o, unsigned psmmu, const uint64_t rec[EVT_DWORDS]);
/* The outcome of each physical command, accounted to the guest whose action
 * queued it (I11). */
void oracle_on_phys_cmd_done(struct oracle *o, int guest, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
			     unsigned status);
/* A hypervisor round skipped guest's vsmmu_run: the library says no work
 * is deferred (the reference model checks that the guest's queue agrees). */
void oracle_on_run_skipped(struct oracle *o, int guest);
/* Physical SMMU psmmu's event queue overflowed (for the reference model). */
void oracle_on_phys_evtq_overflow(struct oracle *o, unsigned psmmu);
/* A physical SMMU executed (cerror 0) or skipped a command (I10 across
 * VMID reuse, oracle_vmid.c). */
void oracle_on_phys_done(struct oracle *o, int guest, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
			 unsigned cerror);

/* ---- bookkeeping of the platform ops the executor performed ------------- */
void oracle_guest_created(struct oracle *o, int guest);
void oracle_guest_destroyed(struct oracle *o, int guest);
/* Called before plat_assign (the hypervisor's own commands during the
 * assignment are then recognised as the guest's); oracle_assign_failed
 * takes it back when the platform refuses. */
void oracle_assigned(struct oracle *o, int guest, uint32_t vsid, unsigned psmmu, uint32_t psid);
void oracle_assign_failed(struct oracle *o, int guest, uint32_t vsid, unsigned psmmu, uint32_t psid);
/* Called before plat_unassign (its STE writes concern that stream, I2). */
void oracle_unassigning(struct oracle *o, int guest, uint32_t vsid);
void oracle_unassigned(struct oracle *o, int guest, uint32_t vsid);
/* Fault injections (so cross-guest event delivery can be attributed). */
void oracle_injected_event(struct oracle *o, unsigned psmmu, uint32_t psid);
/* A device of guest issued DMA this op: events may reach only that guest. */
void oracle_dma_issued(struct oracle *o, int guest);
/* Add a stream to the watch set (I1/I2/I10 snapshots). */
void oracle_watch(struct oracle *o, unsigned psmmu, uint32_t psid);
/* Record the world's allocation baseline (before the first guest). */
void oracle_set_alloc_baseline(struct oracle *o, size_t outstanding);

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
