/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * platform.h - the simulated world below libvsmmu: sparse host memory, each
 * guest's RAM and real stage-2 tables, physical SMMUv3 models that translate
 * DMA, and deterministic fault injection.
 *
 * One struct platform is one world. It owns a vsmmu_host and, per guest, a
 * struct vsmmu wired to this platform as its environment. Nothing is global:
 * a fuzzer creates and destroys one world per input.
 *
 * Observers (the isolation oracle, -v traces) attach through struct
 * plat_observer; they see every tagged memory access, every physical command
 * and its outcome, every vsmmu trace, every libvsmmu call and every action
 * the platform is asked to take (guests, streams, injected events, DMA), and
 * never steer. What they learn comes only from here: whoever drives the
 * platform (the executor) tells no observer anything.
 */
#ifndef VSMMU_INJECT_PLATFORM_H
#define VSMMU_INJECT_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vsmmu/smmuv3_regs.h"
#include "vsmmu/vsmmu.h"

#define PLAT_MAX_GUESTS      8u
#define PLAT_MAX_PSMMU       VSMMU_MAX_PSMMU
#define PLAT_MAX_RAM_RANGES  8u
#define PLAT_MAX_RAM_BYTES   (UINT64_C(4) << 30)  /* per guest, all ranges */
#define PLAT_SETTLE_ROUNDS   4096u                /* bound of plat_settle */
/* Host pages of its RAM a guest may touch (its quota), at most and by
 * default: 32 MiB. A smaller quota (plat_guest_opts.max_pages) lets a test
 * exhaust it in a few writes. */
#define PLAT_GUEST_MAX_PAGES 8192u

/* Defaults of a psmmu with no explicit parameters (scenario `psmmu N`). */
#define PLAT_DEFAULT_SIDSIZE   16u
#define PLAT_DEFAULT_SSIDSIZE  8u
#define PLAT_DEFAULT_OAS       48u
/* IDR1.EVENTQS every guest's vSMMU advertises (CMDQS is libvsmmu's default, 19). */
#define PLAT_GUEST_EVENTQS     17u

struct platform;

struct plat_range {
	uint64_t ipa;
	uint64_t size;
};

/* Stage-2 permissions a guest RAM range's mapping lacks (plat_add_guest_s2):
 * the SMMU's stage 2 and the hypervisor's accesses through it fault there
 * with a stage-2 permission fault; the guest's CPU is not affected. */
#define PLAT_S2_DENY_W  1u
#define PLAT_S2_DENY_R  2u

struct plat_psmmu_cfg {
	unsigned sidsize;    /* 1..32 */
	unsigned ssidsize;   /* 0..20 */
	unsigned oas_bits;   /* 32..52 */
	bool no_ril;         /* without range invalidation (IDR3.RIL = 0); default: with */
};

/* Who made a memory access (the oracle's view for I3/I4). */
enum plat_actor {
	PLAT_ACT_GUEST_CPU,    /* the guest itself (scenario mem/ste/cd/map statements) */
	PLAT_ACT_HYP_GUEST,    /* the hypervisor on behalf of a guest (vsmmu env mem_*) */
	PLAT_ACT_HYP_PRIVATE,  /* the hypervisor on its own structures */
	PLAT_ACT_PSMMU_WALK,   /* a physical SMMU fetching STE/CD/table for a stream */
	PLAT_ACT_DMA           /* a device's DMA completed by a physical SMMU */
};

/* Who owns a host physical address. */
enum plat_owner_kind { PLAT_OWN_NONE, PLAT_OWN_GUEST, PLAT_OWN_HYP };

struct plat_access {
	enum plat_actor actor;
	int guest;           /* guest on whose behalf, or -1 */
	int psmmu;           /* for walks and DMA, else -1 */
	uint32_t psid;
	uint64_t hpa;
	uint64_t ipa;        /* when known (guest-relative accesses), else 0 */
	uint32_t len;
	bool write;
	bool s2_checked;     /* went through the guest's stage 2 (walks and DMA) */
	/* The bytes moved: for writes what is being stored, for reads what was
	 * read (the observer runs after the copy). NULL when the access failed
	 * (a hole or an injected abort). */
	const void *data;
	/* Refused before reaching memory (hpa 0, data NULL): for
	 * PLAT_ACT_HYP_GUEST the guest's stage 2 does not map the IPA or an
	 * abort was injected there; for PLAT_ACT_HYP_PRIVATE a physical STE
	 * install that failed (env install_ste returned -1). */
	bool aborted;
};

/* The libvsmmu entry points the platform calls (the unit of I7's budgets:
 * one trap or one hypervisor round of one guest). */
enum plat_call {
	PLAT_CALL_MMIO_READ,   /* vsmmu_mmio_read */
	PLAT_CALL_MMIO_WRITE,  /* vsmmu_mmio_write */
	PLAT_CALL_RUN,         /* vsmmu_run (deferred work) */
	PLAT_CALL_ASSIGN,      /* vsmmu_assign */
	PLAT_CALL_UNASSIGN,    /* vsmmu_unassign */
	PLAT_CALL_CREATE,      /* vsmmu_create */
	PLAT_CALL_DESTROY,     /* vsmmu_destroy */
	PLAT_CALL_ROUTE,       /* vsmmu_host_route_event / vsmmu_host_phys_gerror (guest -1) */
	PLAT_CALL_NR
};

/* An action the platform was asked to take, reported before it acts (so
 * what it does meanwhile is attributed) and after, as the kind says. */
enum plat_action_kind {
	PLAT_ACTION_GUEST_CREATING,  /* plat_add_guest called (guest -1: no index yet) */
	PLAT_ACTION_GUEST_CREATED,   /* ... and guest exists */
	PLAT_ACTION_GUEST_DESTROYED, /* plat_destroy_guest tore guest down */
	PLAT_ACTION_ASSIGNING,       /* plat_assign called (arguments as given) */
	PLAT_ACTION_ASSIGN_FAILED,   /* ... and refused */
	PLAT_ACTION_UNASSIGNING,     /* plat_unassign called */
	PLAT_ACTION_UNASSIGNED,      /* ... and done */
	PLAT_ACTION_EVENT_INJECTED,  /* plat_inject_event: psmmu, psid = the record's StreamID */
	PLAT_ACTION_DMA              /* plat_dma: a device of guest, stream vsid */
};

struct plat_action {
	enum plat_action_kind kind;
	int guest;
	uint32_t vsid;
	unsigned psmmu;
	uint32_t psid;
};

#define PLAT_MAX_OBSERVERS   4u

struct plat_observer {
	void *ctx;
	void (*on_access)(void *ctx, const struct plat_access *a);
	/* A command the hypervisor sent to a physical SMMU; guest = the guest
	 * whose action caused it, or -1 for the hypervisor's own. */
	void (*on_phys_cmd)(void *ctx, int guest, unsigned psmmu, const uint64_t cmd[CMD_DWORDS]);
	void (*on_vsmmu_trace)(void *ctx, int guest, const struct vsmmu_trace *t);
	void (*on_irq)(void *ctx, int guest, enum vsmmu_irq_line line);
	/* A guest MMIO access to its vSMMU, after the trap returned (value is
	 * what a read returned, or what was written). Each callback may be NULL. */
	void (*on_mmio)(void *ctx, int guest, uint64_t off, unsigned size, uint64_t value, bool write);
	/* Brackets every libvsmmu call the platform makes (begin true, then
	 * false): everything observed in between is that call's work. */
	void (*on_call)(void *ctx, int guest, enum plat_call call, bool begin);
	/* A record a physical SMMU wrote to its event queue, as the hypervisor
	 * drains it and hands it to the router. */
	void (*on_phys_event)(void *ctx, unsigned psmmu, const uint64_t rec[EVT_DWORDS]);
	/* The outcome of one physical command: consumed from the queue by
	 * the physical SMMU (status 0: it took effect; else the CERROR it
	 * raised, and it was skipped; cmd all zero when the SMMU could not
	 * fetch it), a CMD_SYNC the hypervisor waited for in vain
	 * (VSMMU_PHYS_TIMEOUT, still queued), or a command that could not be
	 * queued (VSMMU_PHYS_FAIL); guest = the guest whose action queued it
	 * (-1: the hypervisor's own), whoever's sync happens to drain the
	 * queue. */
	void (*on_phys_cmd_done)(void *ctx, int guest, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
				 unsigned status);
	/* The hypervisor's drain found psmmu's event queue overflowed (records
	 * lost), before it tells libvsmmu (vsmmu_host_phys_evtq_overflow). */
	void (*on_phys_evtq_overflow)(void *ctx, unsigned psmmu);
	/* An action the platform was asked to take (struct plat_action). */
	void (*on_action)(void *ctx, const struct plat_action *a);
	/* A hypervisor round did not call vsmmu_run for guest: vsmmu_pending
	 * said it has no deferred work (plat_run_round). */
	void (*on_run_skipped)(void *ctx, int guest);
};

/* Test-only planted bugs in the platform's hypervisor path (oracle tests,
 * make detect): one table, X(NAME, bit, "invariant: what goes wrong"). */
#define PLAT_BUG_LIST(X) \
	X(HYP_IPA_AS_HPA, 0, "I3: vsmmu mem_* skips stage 2") \
	X(WALK_SKIPS_S2, 1, "I4: CD fetch / S1 walk skip stage 2") \
	X(S2_PERM_IGNORED, 2, "I4: the SMMU's stage 2 ignores S2AP") \
	X(MSI_IPA_AS_HPA, 3, "I3: the vSMMU's MSIs (32-bit vsmmu mem_write) skip stage 2")

enum plat_planted_bug {
	PLAT_BUG_NONE = 0,
#define PLAT_BUG_ENUM(name, bit, what) PLAT_BUG_##name = 1u << (bit),
	PLAT_BUG_LIST(PLAT_BUG_ENUM)
#undef PLAT_BUG_ENUM
};

/* ---- lifecycle and topology --------------------------------------------- */
struct platform *plat_create(void);
/* A world whose every allocation comes from heap (inject/snapshot.h), so
 * that it can be snapshotted and restored; NULL = plat_create(). */
struct wheap;
struct platform *plat_create_in(struct wheap *heap);
void plat_destroy(struct platform *p);
/* Zeroed memory of the world: in its heap (captured by a snapshot), or
 * calloc'ed for a plat_create() world. The oracle, a reference model and
 * the executor keep their per-world state here, so a snapshot restores it
 * without any per-field code. Free with plat_world_free (before
 * plat_destroy). */
void *plat_world_alloc(struct platform *p, size_t size);
void plat_world_free(struct platform *p, void *ptr);
/* The same for a block whose owner reports every write with
 * plat_world_touch(p, block) before making it: a restore then copies it
 * back only when it was touched (as host memory pages are), instead of
 * after every input. For large state that an op rarely writes. */
void *plat_world_alloc_tracked(struct platform *p, size_t size);
void plat_world_touch(struct platform *p, void *block);
/* The same for an array filled from the front (wheap_alloc_grown): the
 * owner calls plat_world_grow(p, block, end) before writing at or beyond
 * the end it reported last; a restore copies back only the front used.
 * Zeroed; free with plat_world_free. */
void *plat_world_alloc_grown(struct platform *p, size_t size);
void plat_world_grow(struct platform *p, void *block, size_t end);
/* Observers are told in the order they were added (at most
 * PLAT_MAX_OBSERVERS; plat_add_observer returns -1 beyond). plat_set_observer
 * replaces them all by obs (NULL: none); plat_remove_observer drops the
 * ones whose ctx is ctx. */
void plat_set_observer(struct platform *p, const struct plat_observer *obs);
int plat_add_observer(struct platform *p, const struct plat_observer *obs);
void plat_remove_observer(struct platform *p, const void *ctx);
/* The planted bug NAME (PLAT_BUG_NAME without the prefix), 0 if there is none. */
unsigned plat_bug_by_name(const char *name);
void plat_set_planted_bugs(struct platform *p, unsigned plat_bugs);

/* 0, or -1 if n is out of range / already declared / cfg out of range.
 * Declaring psmmu n after guests exist is an error. With none declared, the
 * first guest creation declares psmmu 0 with the defaults. */
int plat_add_psmmu(struct platform *p, unsigned n, const struct plat_psmmu_cfg *cfg);
/* Returns the guest index (0..7) or -1 (too many, VMID 0/taken, bad ranges,
 * overlap, RAM over PLAT_MAX_RAM_BYTES, allocation failure). */
int plat_add_guest(struct platform *p, uint16_t vmid, const struct plat_range *ram, unsigned nranges);
/* The same with the stage-2 permissions range i lacks in s2_deny[i]
 * (PLAT_S2_DENY_*; NULL: every range read/write). */
int plat_add_guest_s2(struct platform *p, uint16_t vmid, const struct plat_range *ram,
		      const unsigned *s2_deny, unsigned nranges);
/* What the hypervisor chooses per guest beyond its RAM (scenario `guest`
 * keys msi=, ril=, pages=). The zero value is not the default: use
 * plat_guest_opts_default. */
struct plat_guest_opts {
	bool msi;            /* its vSMMU advertises MSIs (vsmmu_config.msi); default true */
	bool ril;            /* ... range invalidation (vsmmu_config.ril); default true */
	uint32_t max_pages;  /* its host-page quota, 0..PLAT_GUEST_MAX_PAGES (default the maximum) */
};
void plat_guest_opts_default(struct plat_guest_opts *o);
/* plat_add_guest_s2 with opts (NULL: the defaults); -1 also for a quota
 * above PLAT_GUEST_MAX_PAGES. */
int plat_add_guest_opts(struct platform *p, uint16_t vmid, const struct plat_range *ram,
			const unsigned *s2_deny, unsigned nranges, const struct plat_guest_opts *opts);
/* The options guest was created with (a peek: the reference model predicts
 * its ID registers from them). False if the guest is not alive. */
bool plat_guest_opts_of(const struct platform *p, int guest, struct plat_guest_opts *o);
int plat_destroy_guest(struct platform *p, int guest);
bool plat_guest_alive(const struct platform *p, int guest);
int plat_assign(struct platform *p, int guest, uint32_t vsid, unsigned psmmu, uint32_t psid);
int plat_unassign(struct platform *p, int guest, uint32_t vsid);

struct vsmmu *plat_guest_vsmmu(struct platform *p, int guest);
struct vsmmu_host *plat_host(struct platform *p);
void plat_guest_s2_template(const struct platform *p, int guest, struct vsmmu_s2_template *t);

/* ---- the guest's CPU ---------------------------------------------------- */
/* Guest accesses to its own RAM by IPA: 0, or -1 outside its RAM. */
int plat_guest_read(struct platform *p, int guest, uint64_t ipa, void *buf, size_t len);
int plat_guest_write(struct platform *p, int guest, uint64_t ipa, const void *buf, size_t len);
bool plat_guest_ipa_in_ram(const struct platform *p, int guest, uint64_t ipa, uint64_t len);
/* MMIO to the guest's vSMMU (traced, then the hypervisor trap). */
uint64_t plat_mmio_read(struct platform *p, int guest, uint64_t off, unsigned size);
void plat_mmio_write(struct platform *p, int guest, uint64_t off, unsigned size, uint64_t val);

/* ---- hypervisor time ---------------------------------------------------- */
/* One bounded round: each live guest's vsmmu_run(VSMMU_CMD_BUDGET), then
 * drain each physical event queue into the router (bounded). Returns true
 * while anything remains pending. */
bool plat_run_round(struct platform *p);
/* By default a round calls vsmmu_run only for the guests vsmmu_pending
 * says have deferred work, as a hypervisor does (an idle vsmmu_run does
 * nothing). every: call it for every live guest in every round (the
 * reference tests/fuzz/incremental-test holds the default to). */
void plat_set_run_every_guest(struct platform *p, bool every);
/* Rounds until nothing is pending, at most PLAT_SETTLE_ROUNDS. Returns the
 * number of rounds run. */
unsigned plat_settle(struct platform *p);

/* Interrupts delivered to a guest, per line. */
uint64_t plat_irq_count(const struct platform *p, int guest, enum vsmmu_irq_line line);
void plat_irq_reset(struct platform *p, int guest, enum vsmmu_irq_line line);

/* ---- devices ------------------------------------------------------------ */
enum plat_dma_result {
	PLAT_DMA_OK,         /* completed */
	PLAT_DMA_FAULT,      /* stopped, and the physical SMMU recorded an event */
	PLAT_DMA_ABORT,      /* stopped without an event */
	PLAT_DMA_RAZWI       /* terminated with RAZ/WI completion (CD.A=0) */
};

struct plat_dma_req {
	int guest;
	uint32_t vsid;
	bool ssv;
	uint32_t ssid;
	uint64_t iova;
	uint32_t len;        /* 1..4096, must not cross a 4K page */
	bool write;
	bool priv;           /* PnU: a privileged transaction (else unprivileged) */
	bool instr;          /* InD: an instruction fetch (reads only; else data) */
};

struct plat_dma_out {
	enum plat_dma_result result;
	uint64_t ipa;        /* output of stage 1 when completed */
	uint64_t hpa;
	uint8_t event_id;    /* for FAULT */
};

/* -1 if the request itself is malformed (no such guest/vsid, bad len). */
int plat_dma(struct platform *p, const struct plat_dma_req *req, struct plat_dma_out *out);
/* plat_dma with the device's data. A completed read fills buf, a
 * write stores it (len bytes). plat_dma writes the pattern
 * ((iova + i) & 0xff) ^ 0x5a. */
int plat_dma_buf(struct platform *p, const struct plat_dma_req *req, void *buf,
		 struct plat_dma_out *out);

/* ---- fault injection (deterministic) ------------------------------------ */
int plat_inject_event(struct platform *p, unsigned psmmu, const uint64_t rec[EVT_DWORDS]);
int plat_inject_gerror(struct platform *p, unsigned psmmu, uint32_t bits);
int plat_inject_evtq_overflow(struct platform *p, unsigned psmmu);
int plat_inject_cmd_error(struct platform *p, unsigned psmmu, unsigned cerror, unsigned count);
int plat_inject_sync_timeout(struct platform *p, unsigned psmmu, unsigned count);
/* count 0 = until plat_inject_mem_abort_off. */
int plat_inject_mem_abort(struct platform *p, int guest, uint64_t ipa, uint64_t size, unsigned count);
int plat_inject_mem_abort_off(struct platform *p, int guest);
int plat_inject_alloc_fail(struct platform *p, unsigned after, unsigned count);

/* The fallible calls of the world: every one consults the one fault model. */
enum plat_fault_site {
	PLAT_FAULT_MEM,      /* the hypervisor's access to a guest's memory (vsmmu env mem_*) */
	PLAT_FAULT_ALLOC,    /* an allocation for libvsmmu or the platform */
	PLAT_FAULT_STE,      /* a physical STE write (vsmmu env install_ste) */
	PLAT_FAULT_CMD,      /* a command submitted to a physical SMMU (vsmmu env send_cmd) */
	PLAT_FAULT_SYNC,     /* a CMD_SYNC on a physical SMMU (vsmmu env sync) */
	PLAT_FAULT_EVENT,    /* a physical event record read by the hypervisor */
	PLAT_FAULT_SITE_NR
};

/* Fail the nth fallible call from now on (1-based, counting every site),
 * and the `repeat` calls after it; n = 0 turns the countdown off. The
 * countdown is how a test walks every failure point: run with n = 1, 2, ...
 * until plat_fault_stats says the nth call never came. */
void plat_fail_nth(struct platform *p, uint64_t n, uint64_t repeat);

struct plat_fault_stats {
	uint64_t calls;                          /* fallible calls consulted */
	uint64_t fired[PLAT_FAULT_SITE_NR];      /* faults produced, per site */
	uint64_t fired_total;
	bool nth_pending;                        /* the countdown has not reached its call */
	uint64_t armed;                          /* inject faults still to fire (counted ones) */
};
void plat_fault_stats(const struct platform *p, struct plat_fault_stats *s);
/* plat_fault_stats()'s fired_total alone: the reference model asks after
 * every op, and the whole record is an ASan-checked copy of every counter. */
uint64_t plat_faults_fired(const struct platform *p);
/* The faults that can have reached guest: those of calls made for it,
 * those on (and records or GERROR conditions injected into) the physical
 * SMMUs of psmmu_mask (bit p: physical SMMU p), and failed allocations of
 * the host's own. A guest slot used again keeps its predecessor's count:
 * more permissive, never less. */
uint64_t plat_faults_fired_for(const struct platform *p, int guest, unsigned psmmu_mask);
const char *plat_fault_site_name(enum plat_fault_site site);
/* The site of the countdown's call once it came, else -1. */
int plat_fault_nth_site(const struct platform *p);

/* ---- the oracle's view ---------------------------------------------------- */
/* Peeks: plat_guest_read, and a side-effect-free register read of the
 * guest's vSMMU, that no observer is told about (nor is anything they
 * cause): an observer's own look at the world is not an event of it. */
int plat_peek_guest(struct platform *p, int guest, uint64_t ipa, void *buf, size_t len);
/* The same read as the hypervisor makes it for the guest (its vSMMU's
 * env mem_read): refused (-1) where the guest's stage 2 maps the range
 * without read permission (ram=IPA:SIZE:w or :none). No fault injection
 * step, no observer. */
int plat_peek_guest_hyp(struct platform *p, int guest, uint64_t ipa, void *buf, size_t len);
uint64_t plat_peek_reg(struct platform *p, int guest, uint64_t off, unsigned size);
/* The physical STE in the physical stream table (false if psid is beyond
 * the table). */
bool plat_psmmu_ste(const struct platform *p, unsigned psmmu, uint32_t psid, uint64_t ste[STE_DWORDS]);
/* Up to n consecutive physical STEs from first (fewer where the table
 * ends); returns how many were read (0: none, e.g. first is beyond the
 * table). One read for a sweep instead of one per StreamID. */
unsigned plat_psmmu_stes(const struct platform *p, unsigned psmmu, uint32_t first, unsigned n,
			 uint64_t (*ste)[STE_DWORDS]);
/* True when no host memory page holds any of the n STEs from first: each of
 * them reads as all zero, or (beyond the table, in a hole) not at all, so a
 * sweep can pass over them without reading. */
bool plat_psmmu_stes_blank(const struct platform *p, unsigned psmmu, uint32_t first, unsigned n);
/* The physical SMMU's cached copy, if any. */
bool plat_psmmu_cached_ste(const struct platform *p, unsigned psmmu, uint32_t psid, uint64_t ste[STE_DWORDS]);
/* The StreamIDs that have a cached STE in the physical SMMU right
 * now (at most max are stored; returns how many there are). */
unsigned plat_psmmu_cached_sids(const struct platform *p, unsigned psmmu, uint32_t *sids,
				unsigned max);
bool plat_psmmu_declared(const struct platform *p, unsigned psmmu);
/* The hypervisor fenced it (vsmmu_env.fence): it translates nothing and its
 * caches and TLB are empty for good. */
bool plat_psmmu_fenced(const struct platform *p, unsigned psmmu);
/* One entry of a physical SMMU's TLB or walk cache (stage-1 information
 * only; I6 checks that a guest's TLB invalidation removed what it names). */
#define PLAT_TLB_VIEW_MAX 64u
enum plat_tlb_kind { PLAT_TLB_NESTED = 1, PLAT_TLB_S2, PLAT_TLB_S1 };
struct plat_tlb_view {
	uint64_t serial;     /* unique per insertion in this world */
	bool walk;           /* a cached table descriptor, not a leaf result */
	uint8_t kind;        /* enum plat_tlb_kind */
	uint16_t vmid, asid;
	bool global;         /* leaf with nG = 0 */
	uint64_t va;         /* the stage-1 region it covers: [va, va + 2^shift) */
	uint8_t shift;
	uint8_t gshift;      /* stage-1 granule: 12, 14 or 16 (0: no stage 1) */
	uint8_t level;       /* the leaf's level, or the table descriptor's */
};
/* The valid entries (at most max stored; returns how many there are). */
unsigned plat_psmmu_tlb(const struct platform *p, unsigned psmmu, struct plat_tlb_view *out, unsigned max);
/* Whether that entry (by serial) is still held. */
bool plat_psmmu_tlb_holds(const struct platform *p, unsigned psmmu, uint64_t serial);
unsigned plat_psmmu_sidsize(const struct platform *p, unsigned psmmu);
/* The guest owning (psmmu, psid) and its vsid, or -1. */
int plat_stream_owner(const struct platform *p, unsigned psmmu, uint32_t psid, uint32_t *vsid);
/* A number that changes whenever what plat_psmmu_ste() or
 * plat_stream_owner() answers may have changed: a write to a physical
 * stream table, an assignment made or undone, a guest or physical SMMU
 * added or gone. Equal values mean equal answers, so a checker that
 * compared every stream against it at one value need not compare again. */
uint64_t plat_streams_gen(const struct platform *p);
/* Who owns a host physical address range (all of it, or NONE). */
enum plat_owner_kind plat_hpa_owner(const struct platform *p, uint64_t hpa, uint64_t len, int *guest);
/* The PLAT_S2_DENY_* of the guest RAM range holding [hpa, hpa + len) as
 * the guest was declared with (0 when it is no guest's RAM). */
unsigned plat_hpa_s2_deny(const struct platform *p, uint64_t hpa, uint64_t len);
/* Hash of every hypervisor-owned byte the guests must not change (I2). */
uint64_t plat_hyp_digest(const struct platform *p);
/* Bytes the hypervisor holds for a guest right now (I8), and allocations
 * outstanding across the whole world (0 after plat_destroy of everything). */
size_t plat_guest_bytes_held(const struct platform *p, int guest);
size_t plat_allocs_outstanding(const struct platform *p);

#endif /* VSMMU_INJECT_PLATFORM_H */
