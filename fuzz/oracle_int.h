/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle_int.h - state shared by the oracle's files. Not a public API.
 *
 *   oracle.c       lifecycle, bookkeeping, I2 snapshots, I3/I4/I6/I9/I10, report
 *   oracle_ste.c   I1 over all eight dwords; the guest's own STE, walked by the oracle
 *   oracle_evt.c   I5 record by record against the physical record that caused it
 *   oracle_call.c  per libvsmmu call: I7 counted from outside, I8, I2 per STE write, I11
 *   oracle_tlbi.c  I6 completeness: what a guest TLBI names is gone at its CMD_SYNC
 *
 * Plain data: struct oracle is one flat allocation of fixed-size arrays
 * (the platform pointer and the names array are the caller's) plus three
 * fixed-size blocks oracle_create allocates beside it in world memory, so
 * a world snapshot restores only what an input used (docs/performance.md):
 * the assignment and watch tables and the per-guest state (filled from
 * the front: "grown" blocks, plat_world_grow before an entry past the
 * mark is first written: a new entry, a new guest slot). Copying the four
 * blocks copies the oracle.
 */
#ifndef VSMMU_FUZZ_ORACLE_INT_H
#define VSMMU_FUZZ_ORACLE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "fuzz/oracle.h"
#include "fuzz/refmodel.h"
#include "fuzz/oracle_vmid.h"
#include "vsmmu/smmuv3_queue.h"

#define ORC_NINV        12
#define ORC_MAX_ASSIGN  (PLAT_MAX_GUESTS * VSMMU_MAX_STREAMS)
#define ORC_STE_HIST    2u     /* installs remembered per stream (cached copies) */
#define ORC_STE_CANDS   2u     /* guest STE locations the architecture permits */
#define ORC_MAX_STEW    64u    /* physical STE writes judged per call (I2) */
#define ORC_EVQ_PENDING 32u    /* physical records owed to one guest (I5) */
#define ORC_MAX_FAILS   16u    /* open physical failures per guest (I11) */
#define ORC_MAX_SYNCCHK 72u    /* guest CMD_SYNCs one call may complete (I11) */
#define ORC_READ_LOG    160u   /* guest-memory reads remembered per call (I1 snapshots, the
                                  commands a call consumed: a budget's worth and more) */
#define ORC_PCMDQ_DEPTH 256u   /* physical commands queued and not yet executed, per SMMU */
#define ORC_EXEMPT_CALLS 16u   /* recent calls with no guest command to fail (I11) */
#define ORC_FAILED_READS 16u   /* failed hypervisor reads remembered per call (I5 FetchAddr) */
#define ORC_TLBI_FETCHES 80u   /* TLBI and CMD_SYNC fetches tracked per call (I6) */
#define ORC_OWED_CALL   256u   /* TLB entries the TLBIs fetched in one call name (I6) */
#define ORC_OWED_GUEST  128u   /* ... consumed and still owed to one guest (I6) */

/* A physical TLB or walk-cache entry a guest TLBI requires gone (I6). */
struct orc_owed {
	uint8_t psmmu;
	bool walk;
	uint64_t serial, va;
	uint64_t cmd[CMD_DWORDS];      /* the guest's command (for the message) */
};


/* The guest's STE as the hypervisor saw it when it wrote a physical STE. */
struct orc_ste_snap {
	bool valid;
	uint8_t ncand;                 /* 0: the guest has no STE for it (out of range) */
	uint64_t phys[STE_DWORDS];     /* what was installed */
	uint64_t guest[ORC_STE_CANDS][2];   /* dw0/dw1: where every allowed guest field lives */
};

struct orc_stream {
	uint32_t psid;
	uint8_t psmmu;
	bool have_before;
	bool written;                  /* a physical write to it was observed this op */
	bool written_ok;               /* ... and judged concerned by its call (I2) */
	int owner_before;
	uint8_t installed_by;          /* guests tracing STE_INSTALLED for it this op */
	uint64_t before[STE_DWORDS];
};

struct orc_assign {
	int guest;
	uint32_t vsid;
	uint32_t psid;
	uint8_t psmmu;
	bool live;
	bool live_at_begin;
	bool delta_set;
	size_t delta;                  /* bytes the hypervisor took for it at assign */
	bool reload_owed;              /* a physical failure of its guest on its SMMU left its
					* configuration in doubt: settled by its reload, or by a
					* CMD_SYNC of the guest that completed with nothing open */
	bool fail_closed;              /* left blocking (or its install failed) by a call that
					* met a failure: stale until a reload lets traffic through */
	unsigned hist_next;
	struct orc_ste_snap hist[ORC_STE_HIST];
};

/* Guest registers probed (side-effect-free reads) just before a call. */
struct orc_regs {
	bool valid;
	uint64_t strtab_base, strtab_cfg, cmdq_base, eventq_base;
	uint32_t cr0, idr1, idr3, cmdq_cons;
	uint32_t gerror;               /* its CMDQ_ERR toggles at each command queue error */
};

struct orc_pending_evt {
	uint8_t psmmu;
	uint32_t psid, vsid;
	uint64_t rec[EVT_DWORDS];
};

struct orc_fail {
	uint8_t psmmu;
	uint8_t status;
	bool exempt;                   /* from a call with no guest command to fail */
	uint32_t call_seq;             /* the call that queued the command */
	uint64_t cmd[CMD_DWORDS];
};

struct orc_guest {
	bool ever;                     /* has existed */
	bool alive;
	bool active;                   /* consumed commands / installed STEs this op */
	bool phys_fail;                /* last trace of this guest: a physical failure */
	uint32_t events;               /* records written to its queue this op */
	uint32_t first_event_sid;
	size_t held_begin;             /* plat_guest_bytes_held at oracle_begin */
	struct orc_regs regs;          /* as probed before the latest call */
	unsigned npend, pend_head;
	struct orc_pending_evt pend[ORC_EVQ_PENDING];
	unsigned nfail;
	struct orc_fail fail[ORC_MAX_FAILS];
	bool fail_overflow;
	bool own_failure;              /* a physical failure not yet re-done (at the end of the
					* guest's last call one was open) nor reported (CERROR_ABT) */
	unsigned nowed;                /* I6: entries its consumed TLBIs name, until a CMD_SYNC */
	bool owed_overflow;
	struct orc_owed owed[ORC_OWED_GUEST];
};

/* The libvsmmu call in progress (calls never nest). */
struct orc_call {
	bool active;                   /* between on_call(begin) and its finalisation */
	bool ended;                    /* on_call(end) seen, waiting for on_mmio */
	int guest;
	enum plat_call kind;
	uint32_t seq;
	uint64_t mmio_off;
	unsigned mmio_size;
	bool mmio_write;
	size_t held_before[PLAT_MAX_GUESTS];
	uint32_t mem_accesses, phys_cmds, evt_writes, fetches;
	bool fetch_failed;             /* a command fetch aborted (CERROR_ABT is then architected) */
	/* guest-memory reads of this call that failed (F_STE_FETCH): how many,
	 * and the last ORC_FAILED_READS of them */
	unsigned nfailed_reads;
	uint64_t failed_read[ORC_FAILED_READS];
	/* The latest guest-memory reads of this call with the bytes the
	 * hypervisor saw (the oracle's walk reads through them: a record the
	 * call wrote since may have overwritten the guest's table). */
	unsigned nreads, read_next;
	struct { int guest; uint32_t len; uint64_t ipa; uint8_t b[STE_SIZE]; } reads[ORC_READ_LOG];
	bool have_phys_evt;            /* ROUTE: the record being routed */
	uint8_t phys_psmmu;
	uint64_t phys_rec[EVT_DWORDS];
	unsigned nstew;
	bool stew_overflow;
	/* each physical STE written, once, with the number of the call's
	 * latest write of it (nwrites counts every write); fail_mark is
	 * nwrites at the call's latest physical failure of its guest: a write
	 * numbered above it was not undone by a failure, and one that lets
	 * traffic through (not blocking) is not the fail-closed abort STE of a
	 * stream left stale: such a write is a reload (I2's owed reloads) */
	uint32_t nwrites, fail_mark;
	unsigned nfailed;              /* physical failures of the call's guest in this call */
	struct { uint8_t psmmu; bool blocking; uint32_t psid; uint32_t wnum; } stew[ORC_MAX_STEW];
	/* I11: guest CMD_SYNCs fetched in this call, with the failures still
	 * open when the next command was fetched (or the call ended). */
	bool last_fetch_sync;
	uint32_t last_fetch_idx;
	/* The fetch's position as entries from the call's first CONS, laps
	 * counted: with the indexes in an inconsistent state (PROD more than a
	 * queue ahead, 3.5) the SMMU may consume past the queue's size, and a
	 * slot index alone no longer says whether CONS passed that CMD_SYNC. */
	uint64_t last_fetch_dist;
	uint32_t fetch_prev_d, fetch_laps;
	unsigned nsync;
	bool sync_overflow;
	/* fails: the call's failures of its guest (nfailed) at the checkpoint */
	struct { uint32_t idx; uint64_t dist; unsigned open, open_this, fails; struct orc_fail first; } sync[ORC_MAX_SYNCCHK];
	/* I6: TLBIs (with the entries they name) and CMD_SYNCs fetched, in order. */
	unsigned ntl, nco;
	bool tl_overflow;
	struct { uint32_t idx; uint64_t dist; bool sync; unsigned first, n; } tl[ORC_TLBI_FETCHES];
	struct orc_owed co[ORC_OWED_CALL];
};

struct oracle {
	struct platform *p;
	const char *const *names;
	bool full_every_op;            /* oracle_set_full: no incremental shortcut */
	/* What the op could have changed (incremental checks, oracle_end):
	 * streams = a physical STE, cached copy or hypervisor byte (any
	 * observed write but the guest CPU's, walk, DMA, physical command,
	 * STE trace, new watched stream; every op that is not a guest's);
	 * calls = libvsmmu calls made (registers and held bytes change only
	 * inside one). */
	bool op_streams;
	uint32_t op_calls;
	/* oracle_begin took the "before" of w[0, w_fresh) at the platform's
	 * streams_gen w_gen (plat_streams_gen). */
	uint64_t w_gen;
	unsigned w_fresh;
	enum oracle_op_class cls;
	int actor;
	uint32_t ncallbacks;
	bool digest_valid;
	uint64_t digest_before;
	bool have_baseline;
	size_t alloc_baseline;
	bool event_source_set;         /* (kept for messages) */
	int event_source;
	uint32_t call_seq;
	struct orc_call call;
	/* I11: the call that queued each physical command still in a queue
	 * (execution is in queue order), and the recent exempt calls. */
	struct { unsigned head, n; uint32_t seq[ORC_PCMDQ_DEPTH]; } pq[PLAT_MAX_PSMMU];
	unsigned nexempt;
	uint32_t exempt_seq[ORC_EXEMPT_CALLS];
	/* I2: the assignment a PLAT_CALL_ASSIGN/UNASSIGN concerns */
	int pending_assign;            /* index in as[] or -1 */
	int pending_unassign_guest;
	uint32_t pending_unassign_vsid;
	struct orc_guest *g;           /* [PLAT_MAX_GUESTS], grown up to the highest slot created */
	struct orc_assign *as;         /* [ORC_MAX_ASSIGN], grown: orc_as_grow before as[nas] */
	unsigned nas;
	int last_new;                  /* entry the last ASSIGNING action made, or -1 */
	struct orc_stream *w;          /* [ORACLE_MAX_WATCH], grown the same way */
	unsigned nw;
	unsigned viol_mask;            /* bit n = In found this op */
	struct orc_vmid vm;            /* I10 across VMID reuse (oracle_vmid.c) */
	struct refmodel *rm;           /* I12: the guest-visible architecture */
	char viol[ORC_NINV + 1][512];
};

/* oracle.c */
/* A side-effect-free read of guest g's register (the oracle's probe:
 * nothing observed, nothing re-enters); 0 without a vSMMU. */
uint64_t orc_reg(struct oracle *o, int g, uint64_t off, unsigned size);
void orc_viol(struct oracle *o, int inv, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *orc_gname(const struct oracle *o, int g);
bool orc_guest_ok(int g);
struct orc_stream *orc_watch_find(struct oracle *o, unsigned psmmu, uint32_t psid);
/* The assignment of (psmmu, psid) now (or at the start of the op). */
struct orc_assign *orc_assign_of_stream(struct oracle *o, unsigned psmmu, uint32_t psid);
const struct orc_assign *orc_find_vsid(const struct oracle *o, int g, uint32_t vsid, bool want_live);
/* The observer hooks (oracle_observer() hands them to the platform). */
void orc_on_access(struct oracle *o, const struct plat_access *a);
void orc_on_phys_cmd(struct oracle *o, int guest, unsigned psmmu, const uint64_t cmd[CMD_DWORDS]);
void orc_on_vsmmu_trace(struct oracle *o, int guest, const struct vsmmu_trace *t);
void orc_on_irq(struct oracle *o, int guest, enum vsmmu_irq_line line);
void orc_on_phys_evtq_overflow(struct oracle *o, unsigned psmmu);
void orc_on_run_skipped(struct oracle *o, int guest);

/* oracle_ste.c */
void orc_ste_written(struct oracle *o, unsigned psmmu, uint32_t psid, const uint64_t ste[STE_DWORDS]);
/* A physical STE that lets no transaction through (invalid, or abort):
 * what a stream fails closed to. */
bool orc_ste_blocks(const uint64_t s[STE_DWORDS]);
/* Judge one copy of the physical STE of stream a (cached: the SMMU's cache). */
bool orc_ste_judge(struct oracle *o, int inv, int g, const struct orc_assign *a, unsigned psmmu,
		   uint32_t psid, const uint64_t s[STE_DWORDS], bool cached);
/* The guest's STE for vsid, walked as the architecture says from the probed
 * registers; returns the number of candidate locations (0: none). */
unsigned orc_guest_ste(struct oracle *o, int g, uint32_t vsid, uint64_t ste[ORC_STE_CANDS][STE_DWORDS],
		       uint64_t fetch_addr[ORC_STE_CANDS * 2]);
/* Probe a guest's registers (outside any libvsmmu call). */
void orc_probe_regs(struct oracle *o, int g, struct orc_regs *r);

/* oracle_evt.c */
void orc_evt_phys(struct oracle *o, unsigned psmmu, const uint64_t rec[EVT_DWORDS]);
void orc_evt_written(struct oracle *o, int g, uint64_t ipa, const uint64_t rec[EVT_DWORDS]);
void orc_evt_route_done(struct oracle *o);

/* oracle_call.c */
void orc_call_access(struct oracle *o, const struct plat_access *a);
void orc_call_phys_cmd(struct oracle *o, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS]);
void orc_call_finish_pending(struct oracle *o);
/* Guest MMIO after the trap, and the brackets of every libvsmmu call (I7's
 * per-call accounting and the reference model of I12 are fed from these). */
void orc_on_mmio(struct oracle *o, int guest, uint64_t off, unsigned size, uint64_t value, bool write);
void orc_on_call(struct oracle *o, int guest, enum plat_call call, bool begin);
/* A physical event record as the hypervisor drains it (I5). */
void orc_on_phys_event(struct oracle *o, unsigned psmmu, const uint64_t rec[EVT_DWORDS]);
/* The outcome of each physical command, accounted to the guest whose action
 * queued it (I11). */
void orc_on_phys_cmd_done(struct oracle *o, int guest, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
			  unsigned status);

/* oracle_tlbi.c */
void orc_tlbi_fetched(struct oracle *o, int g, uint32_t idx, const uint64_t cmd[CMD_DWORDS]);
void orc_tlbi_call_end(struct oracle *o, int g, bool know_cons, uint64_t consumed);

#endif /* VSMMU_FUZZ_ORACLE_INT_H */
