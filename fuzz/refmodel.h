/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * refmodel.h - an executable reference model of what a stage-1-only SMMUv3
 * with the advertised ID registers must show its guest (invariant I12, see
 * docs/refmodel.md). Written from the architecture text (Arm IHI 0070,
 * sections 3.3, 4, 5.2 SteIllegal(), 6.3, 7), sharing no code with vsmmu/.
 *
 * The model is fed only by observation: every guest MMIO access with the
 * value read or written, the brackets of every libvsmmu call, every tagged
 * memory access with its data, and the platform's own view (guest memory,
 * physical STEs). It reads guest memory itself for the stream table and the
 * command queue, and probes registers through a side-effect-free read when
 * it needs the state after a call. It never steers.
 *
 * Where the architecture permits several outcomes the model keeps the set
 * of permitted ones (candidate stream configurations, commands that may or
 * must stop the queue, UNKNOWN register bits adopted on first observation).
 *
 * State is plain data: one flat allocation, fixed-size arrays, no pointers
 * but the caller's environment, so it can be snapshotted by copying.
 */
#ifndef VSMMU_FUZZ_REFMODEL_H
#define VSMMU_FUZZ_REFMODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inject/platform.h"

#define RM_MAX_GUESTS    PLAT_MAX_GUESTS
#define RM_MAX_STREAMS   VSMMU_MAX_STREAMS
#define RM_NCAND         4u       /* candidate configurations kept per set */
#define RM_BUF_ACCESSES  128u     /* accesses buffered during one register write
                                     (writes and failed reads; more: positions adopted) */
#define RM_MAX_WALK      (UINT32_C(1) << 20)  /* commands judged per observation */
#define RM_MAX_MSI       96u      /* MSI writes kept per guest until explained
                                     (a call's 64 CMD_SYNCs + GERROR/EVTQ ones) */

/* What the architecture says a stream does (guest view). */
enum rm_kind {
	RM_K_ANY = 0,     /* not determined by the model: anything is accepted */
	RM_K_ABORT,       /* Config 0b0xx, or GBPA.ABORT while disabled: abort, no event */
	RM_K_BYPASS,      /* Config 0b100, or GBPA bypass while disabled */
	RM_K_S1,          /* Config 0b101: stage 1 translates (fields below) */
	RM_K_INVALID,     /* STE.V == 0: abort, C_BAD_STE */
	RM_K_ILLEGAL,     /* SteIllegal(): abort, C_BAD_STE */
	RM_K_BADSID,      /* no valid STE reached: abort, C_BAD_STREAMID if RECINVSID */
	RM_K_FETCH        /* external abort on STE/L1STD fetch: F_STE_FETCH */
};

struct rm_cfg {
	uint8_t kind;
	uint8_t s1fmt, cdmax, s1dss, cir, cor, csh;
	uint64_t ctxptr;          /* S1ContextPtr as an address (bits 55:6) */
};

struct rm_cset {
	uint8_t n;
	bool any;                 /* overflowed: any configuration */
	struct rm_cfg c[RM_NCAND];
};

struct rm_stream {
	bool live;
	uint8_t psmmu;
	uint32_t vsid;
	uint32_t psid;
	struct rm_cset cur;       /* permitted now and after the next CMD_SYNC */
	struct rm_cset old;       /* still permitted until the next CMD_SYNC */
	uint8_t owed_evt;         /* a transaction of this op owes this event
	                             (C_BAD_STE, C_BAD_STREAMID, F_STE_FETCH), or 0 */
	/* An ILLEGAL STE or a fetch abort may be reported when the
	 * configuration is loaded (libvsmmu's deviation) instead of per
	 * transaction: reported says such a record of kind rep_kind was
	 * written (or could not be) at its load; loaded and rec_seen are the
	 * op's (refmodel_evtq.c). */
	bool loaded, rec_seen, reported;
	uint8_t rep_kind;
	bool clobbered;           /* the hypervisor wrote over its STE for the guest
	                             (an event queue overlapping the table): the
	                             SMMU may have read it before or after, until
	                             the guest invalidates it again */
	bool clobbered_call;      /* ... during the guest's current call: a CFGI
	                             the model judges after replaying the call's
	                             accesses may have come before the write */
};

/* One buffered access (during a register write call, replayed after the
 * written value is known). */
struct rm_acc {
	uint64_t ipa;
	uint32_t len;
	uint8_t actor;
	bool write, failed;
	uint32_t cons;            /* MSI-shaped writes: CMDQ_CONS when it was made */
	uint8_t data[EVT_SIZE];   /* first bytes moved (records are 32 bytes) */
};

/* One MSI (a 32-bit hypervisor write into the guest's memory: the only
 * 4-byte write the architecture has an SMMU make), observed or owed. */
struct rm_msi {
	uint64_t addr;
	uint32_t data;
	uint32_t cons;            /* observed: CMDQ_CONS at the write; owed: the
	                             CMD_SYNC's position (index + wrap) */
	bool failed;              /* observed: the write aborted */
};

struct rm_guest {
	bool alive;
	bool fired;
	uint32_t idr[6], iidr, aidr;
	/* Register state as the guest must read it. */
	uint32_t cr0, cr0ack_prev, cr1, cr2, gbpa, irq_ctrl, irqack_prev, gerror, gerrorn;
	bool gbpa_loose;          /* written without Update: CONSTRAINED UNPREDICTABLE */
	uint32_t gerror_loose;    /* GERRORN bits toggled while inactive (UNPREDICTABLE) */
	uint64_t strtab_base;
	uint32_t strtab_cfg;
	uint64_t cmdq_base, evtq_base;
	uint32_t cmdq_prod, cmdq_cons;    /* index + wrap */
	uint32_t cmdq_err;                /* CONS.ERR while CMDQ_ERR is active */
	bool cons_loose, evprod_loose, evcons_loose, prod_loose;
	bool err_loose;           /* CONS written while CMDQEN=0: ERR took it or not */
	uint32_t evtq_prod, evtq_cons;    /* index + wrap | OVFLG / OVACKFLG */
	uint64_t irq_cfg0[2];
	uint32_t irq_cfg1[2], irq_cfg2[2];
	/* What the platform observed that legitimately produces errors. */
	bool evtq_abort_seen;     /* a failed write to the event queue */
	bool phys_faults;         /* a fault reached this guest: failures are possible (rm_faults) */
	uint8_t psmmus;           /* bit p: ever had a stream on physical SMMU p */
	bool fetch_abort_seen;    /* a failed hypervisor read of this guest's memory */
	bool cmd_abort_seen;      /* ... inside the command queue */
	bool ring_clobbered;      /* a non-CPU write into the command queue during a call */
	bool dirty;               /* memory a stream decode may depend on changed */
	bool evtq_was_full;
	bool evtq_lost_below;     /* a physical event queue it has a stream on
				   * overflowed: records of its may be lost, so
				   * OVFLG may toggle (spec 7.4) */
	bool run_pending;         /* a RUN call began with consumable commands */
	bool observed;            /* rm_cmdq_observe ran after g's (and routing's)
	                             latest libvsmmu call: the queue registers are
	                             as the model holds them */
	uint32_t sweep_ops;       /* ops since the last full register sweep */
	/* rm_streams_compare skips what it would find again: streams_stamp
	 * changes with every change to s[] (what is expected), and the last
	 * comparison that passed saw cmp_stamp and the platform's
	 * streams_gen cmp_gen (what is there). */
	uint64_t streams_stamp, cmp_stamp, cmp_gen;
	bool cmp_valid;
	/* MSIs (refmodel_msi.c), per op: written but not yet explained, and
	 * what may explain them. */
	uint32_t nmsi;
	struct rm_msi msi[RM_MAX_MSI];
	bool msi_loose;           /* this op's MSIs cannot all be judged */
	uint32_t msi_gerr_start;  /* GERROR at the start of the op */
	uint32_t evtq_records;    /* records written with EVENTQ_IRQEN this op */
	bool evtq_msi_due;        /* one of them went into an empty queue */
	uint32_t msi_failed;      /* sources (GERROR.MSI_*_ABT_ERR bits) of aborted MSIs */
	uint32_t run_cons;
	/* Wired lines (refmodel_irq.c), per op: pulses seen, what permits
	 * them, and IRQ_CTRL and GERRORN at the start of the op. */
	uint32_t irq_pulses[VSMMU_IRQ_NR];
	uint32_t irq_records;     /* records written this op, whatever IRQ_CTRL */
	uint32_t irq_syncs;       /* CMD_SYNCs with CS=SIG_IRQ consumed this op */
	uint32_t irq_ctrl_start, irq_gerrorn_start;
	bool irq_loose;           /* accesses of the op were lost (buffer overflow) */
	/* Configuration events owed by the op's transactions (refmodel_evtq.c):
	 * some stream's owed_evt is set; records of the op may have been lost
	 * (an aborted record write, a physical event queue overflow). */
	bool evt_owed, evt_lost;
	struct rm_stream s[RM_MAX_STREAMS];
};

struct rm_env {
	void *ctx;
	/* Guest memory by IPA, as the guest's CPU sees it: 0 or -1. */
	int (*mem_read)(void *ctx, int guest, uint64_t ipa, void *buf, size_t len);
	/* Side-effect-free register read of the guest's vSMMU (32-bit). */
	uint32_t (*reg_read)(void *ctx, int guest, uint32_t off);
	/* The physical STE of (psmmu, psid): false if there is none. */
	bool (*phys_ste)(void *ctx, unsigned psmmu, uint32_t psid, uint64_t ste[STE_DWORDS]);
	/* Failures the platform's fault model produced so far that can have
	 * reached guest: those of calls made for it, those on the physical
	 * SMMUs of psmmu_mask (and records or GERROR conditions injected
	 * there), the host's own failed allocations (plat_faults_fired_for);
	 * may be NULL. */
	uint64_t (*faults_for)(void *ctx, int guest, unsigned psmmu_mask);
	/* Where the model's state lives: zeroed memory of the world, so that
	 * a snapshot of the world captures it (docs/performance.md); NULL =
	 * calloc/free. */
	void *(*alloc)(void *ctx, size_t size);
	void (*free)(void *ctx, void *ptr);
	/* The options the guest was created with (plat_guest_opts_of): the
	 * model predicts IDR0.MSI and IDR3.RIL from them. NULL or false: not
	 * known, not checked. */
	bool (*guest_opts)(void *ctx, int guest, struct plat_guest_opts *o);
	/* Guest memory by IPA as the hypervisor reads it for the guest (the
	 * stage 2's read permission applies): what the vSMMU's fetches of the
	 * stream table see; 0 or -1. NULL = mem_read. */
	int (*hyp_read)(void *ctx, int guest, uint64_t ipa, void *buf, size_t len);
	/* Optional (NULL: alloc, and nothing to report): zeroed memory for an
	 * array the model fills from the front, and the report that it is
	 * about to write up to end (plat_world_alloc_grown, plat_world_grow),
	 * so that a restore copies back only the guests an input used. */
	void *(*alloc_grown)(void *ctx, size_t size);
	void (*grow)(void *ctx, void *ptr, size_t end);
	/* Optional: a number that changes whenever phys_ste() may answer
	 * differently (plat_streams_gen). NULL: every check compares. */
	uint64_t (*streams_gen)(void *ctx);
	/* The vSMMU has wired interrupt lines (IMPLEMENTATION DEFINED, 3.18):
	 * refmodel_on_irq's pulses are judged (refmodel_irq.c). false: they
	 * are not looked at. */
	bool wired;
};

struct refmodel {
	struct rm_env env;
	int viol_guest;           /* first violation of the current op, or -1 */
	char viol[400];
	uint32_t checks;          /* comparisons made (for tests and docs) */
	bool quiet;               /* refmodel_set_quiet */
	int last_g, last_i;       /* stream refmodel_assigned added, or -1 */
	/* The register-write call in progress (one at a time in a world) and
	 * the accesses it made, replayed once the written value is known. */
	int write_guest;          /* or -1 */
	bool buf_overflow;
	uint32_t nbuf;
	struct rm_acc buf[RM_BUF_ACCESSES];
	struct rm_guest *g;       /* [RM_MAX_GUESTS]: a block of its own, grown (rm_env)
	                             up to the highest guest slot created */
};

struct refmodel *refmodel_create(const struct rm_env *env);
void refmodel_destroy(struct refmodel *m);

/* Platform bookkeeping. guest_created probes the ID registers and the
 * reset state once. */
void refmodel_guest_created(struct refmodel *m, int g);
void refmodel_guest_destroyed(struct refmodel *m, int g);
void refmodel_assigned(struct refmodel *m, int g, uint32_t vsid, unsigned psmmu, uint32_t psid);
void refmodel_unassigned(struct refmodel *m, int g, uint32_t vsid);
/* The platform refused the assignment refmodel_assigned just recorded. */
void refmodel_assign_failed(struct refmodel *m, int g, uint32_t vsid);
/* A fault injection op ran: physical commands may fail from now on. */
void refmodel_faults_injected(struct refmodel *m, int g);
/* Physical SMMU psmmu's event queue overflowed (observed below libvsmmu):
 * each live guest with a stream there may see its EVENTQ_PROD.OVFLG toggle. */
void refmodel_phys_evtq_overflow(struct refmodel *m, unsigned psmmu);

/* quiet: no libvsmmu call since the last refmodel_check, so no register
 * can have changed: the next check compares only what the guest's own
 * memory writes can change (the streams), and the periodic sweep. */
void refmodel_set_quiet(struct refmodel *m, bool quiet);
/* A hypervisor round did not run guest g: its vSMMU reports no deferred
 * work, so commands the architecture says are consumable fire (as a round
 * that ran it without progress does). */
void refmodel_run_skipped(struct refmodel *m, int g);

/* Observations (forward the platform observer). */
void refmodel_on_mmio(struct refmodel *m, int g, uint64_t off, unsigned size, uint64_t value, bool write);
void refmodel_on_call(struct refmodel *m, int g, enum plat_call call, bool begin);
void refmodel_on_access(struct refmodel *m, const struct plat_access *a);
/* A transaction of guest g's device vsid reached the SMMU (the platform's
 * PLAT_ACTION_DMA): the configuration events it must cause are owed by the
 * end of the op. */
void refmodel_dma(struct refmodel *m, int g, uint32_t vsid);
/* A pulse on a wired line of guest g's vSMMU (judged at refmodel_check). */
void refmodel_on_irq(struct refmodel *m, int g, enum vsmmu_irq_line line);

/* After an op: compare. The dynamic registers (ACKs, GBPA.Update,
 * CMDQ_CONS, GERROR, EVENTQ_PROD) and the streams every time; every static
 * register when full, or every RM_SWEEP_OPS ops (the registers a write
 * touched are compared right after it). Returns true on a difference;
 * *guest and msg ("field=... expected=... seen=...") say which. Clears the
 * op's violation. */
#define RM_SWEEP_OPS 16u
bool refmodel_check(struct refmodel *m, bool full, int *guest, char *msg, size_t len);

/* ---- pure helpers (unit-tested on their own) ---------------------------- */
/* SteIllegal() for a Non-secure STE and the given ID registers. */
bool rm_ste_illegal(const uint32_t idr[6], uint32_t aidr, const uint64_t ste[STE_DWORDS]);
/* NULL if IDR0-5 are what SMMUv3.(AIDR) may advertise (IHI 0070 2.9: any
 * features of the next minor version, none of later ones; what each version
 * makes mandatory), else the offending field. */
const char *rm_idr_version_error(const uint32_t idr[6], uint32_t aidr);
/* Permitted outcomes of one command (bits RM_OUT_*). */
#define RM_OUT_OK   1u
#define RM_OUT_ILL  2u
#define RM_OUT_ABT  4u
unsigned rm_cmd_outcomes(const uint32_t idr[6], const uint64_t cmd[CMD_DWORDS]);
/* Decode of StreamID sid for guest g from guest memory (stream table and
 * registers in g's model state). */
void rm_decode(struct refmodel *m, int g, uint32_t sid, struct rm_cfg *out);

#endif /* VSMMU_FUZZ_REFMODEL_H */
