/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vsmmu.h - public interface of libvsmmu, a virtual Arm SMMUv3 that a
 * hypervisor shows its guests (stage 1 owned by the guest, stage 2 kept by
 * the hypervisor).
 *
 * Shape: one vsmmu_host per hypervisor (it owns the event router), one
 * struct vsmmu per guest. The library has no global mutable state and calls
 * out only through the environment the embedder passes in (struct
 * vsmmu_env). Every guest-controlled value is handled as the architecture
 * says; nothing a guest writes reaches an assertion.
 */
#ifndef VSMMU_VSMMU_H
#define VSMMU_VSMMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Every name this header defines starts with vsmmu_ or VSMMU_, so it
 * embeds in a hypervisor that has its own SMMUv3 register names. The
 * register and field names libvsmmu uses internally (smmuv3_regs.h) are not
 * part of the installed API. */

/* Sizes of the architected records the API passes, in 64-bit words. */
#define VSMMU_STE_DWORDS     8u    /* stream table entry */
#define VSMMU_CMD_DWORDS     2u    /* command queue entry */
#define VSMMU_EVT_DWORDS     4u    /* event record */

#define VSMMU_MAX_PSMMU      4u    /* physical SMMUs one host may drive */
#define VSMMU_MAX_STREAMS    64u   /* assigned streams per guest (fixed cap) */
#define VSMMU_CMD_BUDGET     64u   /* guest commands processed per trap / run round */
/* The most work (guest commands consumed + descriptors read + event
 * records written) any single API call does: the command budget at its worst
 * per-command cost, plus one reconfiguration of every assigned stream
 * (SMMUEN 0->1, GBPA change or CFGI_ALL: L1STD + STE read + one event each). */
#define VSMMU_MAX_CALL_WORK  (4u * VSMMU_CMD_BUDGET + 3u * VSMMU_MAX_STREAMS)
/* Single-address TLBIs one guest range TLBI may become on one physical
 * SMMU without range invalidation; a wider range becomes TLBI_NH_ALL of the
 * guest's VMID (never work proportional to the guest's range). */
#define VSMMU_RIL_SPLIT_MAX  8u
/* Physical streams one host's router can map (vsmmu_assign fails beyond). */
#define VSMMU_HOST_MAX_STREAMS 768u
/* Live vSMMUs one host knows (vsmmu_create fails beyond). The host needs
 * them to give a failed physical TLBI back to the guest of its VMID. */
#define VSMMU_HOST_MAX_GUESTS  64u
/* The most memory (bytes) one guest's vSMMU holds through env.alloc
 * (its state plus VSMMU_MAX_STREAMS streams); checked at build time. */
#define VSMMU_MAX_BYTES_HELD 16384u

/* Interrupt sources of a virtual SMMU. Each is signalled on its wired line
 * (env.raise_irq) when enabled; with MSIs advertised (vsmmu_config.msi)
 * also by an MSI: a 32-bit write the library makes through env.mem_write
 * to the guest IPA the guest configured (*_IRQ_CFG0/1, CMD_SYNC MSIAddress/
 * MSIData), the same path as its event records. */
enum vsmmu_irq_line {
	VSMMU_IRQ_EVTQ = 0,
	VSMMU_IRQ_GERROR,
	VSMMU_IRQ_CMD_SYNC,
	VSMMU_IRQ_PRIQ,
	VSMMU_IRQ_NR
};

/* Outcome of a physical SMMU operation (env.sync, env.send_cmd). */
enum vsmmu_phys_status {
	VSMMU_PHYS_OK = 0,
	VSMMU_PHYS_CERROR_ILL = 0x01,          /* the CMDQ_CONS.ERR codes */
	VSMMU_PHYS_CERROR_ABT = 0x02,
	VSMMU_PHYS_CERROR_ATC_INV_SYNC = 0x03,
	VSMMU_PHYS_TIMEOUT = 0x10,   /* CMD_SYNC did not complete */
	VSMMU_PHYS_FAIL = 0x11       /* could not be submitted at all */
};

/* What the library tells the embedder as it works (for -v traces, the
 * isolation oracle and hypervisor logs). Optional; never steers. */
enum vsmmu_trace_kind {
	VSMMU_TRACE_EVENT_WRITTEN,   /* rec = record written to the guest's event queue */
	VSMMU_TRACE_EVENT_DROPPED,   /* rec = record not written (queue disabled/full/aborted) */
	VSMMU_TRACE_CMD,             /* rec[0..1] = guest command consumed; arg = CERROR or 0 */
	VSMMU_TRACE_GERROR,          /* arg = GERROR bits toggled for the guest */
	VSMMU_TRACE_STE_INSTALLED,   /* vsid/psmmu/psid; rec = physical STE dw0..dw3 */
	VSMMU_TRACE_PHYS_FAIL,       /* psmmu; arg = enum vsmmu_phys_status */
	VSMMU_TRACE_HOST_EVENT,      /* physical event kept by the hypervisor; rec = record */
	VSMMU_TRACE_CONFIG,          /* vsid's configuration is not a translation of its STE:
	                                msg = why (the decoder's reason), arg = the event it
	                                causes (EVT0_ID; 0: none, a silent abort) */
	VSMMU_TRACE_LOG,             /* msg = human-readable note */
	VSMMU_TRACE_MSI              /* MSI written: arg = enum vsmmu_irq_line (source),
				      * rec[0] = guest IPA, rec[1] = data, rec[2] = 1 if it aborted */
};

struct vsmmu_trace {
	enum vsmmu_trace_kind kind;
	uint32_t vsid;
	unsigned psmmu;
	uint32_t psid;
	uint64_t arg;
	uint64_t rec[4];
	const char *msg;
};

/*
 * Environment of one guest's vSMMU. Every callback receives ctx.
 * mem_* access the guest's memory by IPA (the embedder translates through the
 * guest's stage 2); they return 0 or -1 for an external abort.
 * alloc may return NULL. install_ste writes the physical STE of (psmmu, psid)
 * into the physical stream table (it does not invalidate: the library sends
 * CFGI_STE and CMD_SYNC itself). send_cmd queues one command on a physical
 * SMMU; sync issues CMD_SYNC there and waits. Both return an enum
 * vsmmu_phys_status: send_cmd whether the command could be queued, sync
 * whether this CMD_SYNC completed. A queued command that later fails is
 * reported through vsmmu_host_phys_cmd_failed (an embedder without a host
 * may instead return the failure from the guest's next sync).
 */
struct vsmmu_env {
	void *ctx;
	int (*mem_read)(void *ctx, uint64_t ipa, void *buf, size_t len);
	int (*mem_write)(void *ctx, uint64_t ipa, const void *buf, size_t len);
	void (*raise_irq)(void *ctx, enum vsmmu_irq_line line);
	void *(*alloc)(void *ctx, size_t size);
	void (*free)(void *ctx, void *ptr, size_t size);
	int (*install_ste)(void *ctx, unsigned psmmu, uint32_t psid, const uint64_t ste[VSMMU_STE_DWORDS]);
	int (*send_cmd)(void *ctx, unsigned psmmu, const uint64_t cmd[VSMMU_CMD_DWORDS]);
	int (*sync)(void *ctx, unsigned psmmu);
	void (*trace)(void *ctx, const struct vsmmu_trace *t);   /* may be NULL */
	/* May be NULL. Called when the library could not make physical SMMU
	 * psmmu forget a configuration it must not keep using (teardown or a
	 * fail-closed install still failing after its retries): the embedder
	 * must stop all translation there (GBPA.ABORT with SMMUEN=0 - register
	 * writes, which do not depend on the failing command queue), so no
	 * stale cached STE or TLB entry can be used. Fail closed, for every
	 * stream of that SMMU. */
	void (*fence)(void *ctx, unsigned psmmu);
};

/* The hypervisor's stage 2 for a guest: the only source of stage-2 bits in
 * any physical STE the library installs (copied verbatim; S2VMID in dw2 is
 * the guest's VMID). */
struct vsmmu_s2_template {
	uint64_t ste_dw2;   /* S2VMID, S2T0SZ, S2SL0, S2IR0/OR0/SH0, S2TG, S2PS, S2AA64, S2PTW, S2R, ... */
	uint64_t ste_dw3;   /* S2TTB */
};

struct vsmmu_config {
	unsigned sidsize;      /* IDR1.SIDSIZE advertised (<= 32) */
	unsigned ssidsize;     /* IDR1.SSIDSIZE advertised (1..20) */
	unsigned oas_bits;     /* output address size: 32,36,40,42,44,48,52 */
	unsigned cmdqs;        /* IDR1.CMDQS (<= 19) */
	unsigned eventqs;      /* IDR1.EVENTQS (<= 19) */
	bool msi;              /* IDR0.MSI: MSIs advertised (default true); false =
				* wired interrupts only, *_IRQ_CFG* RES0 */
	struct vsmmu_s2_template s2;
	/* IDR3.RIL advertised (0 or 1, default 1): range TLBI_NH_VA/VAA and
	 * the TTL hint. With 0 their TG/NUM/SCALE/TTL are RES0 (CERROR_ILL). */
	unsigned ril;
	/* Bit p set: physical SMMU p executes range TLBIs itself (its
	 * IDR3.RIL = 1). Default 0: every physical SMMU gets a guest range as at
	 * most VSMMU_RIL_SPLIT_MAX single-address TLBIs, or one TLBI_NH_ALL of
	 * the guest's VMID when the range holds more granules than that. */
	uint32_t phys_ril;
};

/* Fill cfg with the library defaults (documented in docs/vsmmu.md). */
void vsmmu_config_default(struct vsmmu_config *cfg);

/* Work and error counters, for the oracle (I7/I8) and benchmarks. */
struct vsmmu_stats {
	uint64_t traps;             /* mmio_read + mmio_write + run calls */
	uint64_t cmds_consumed;     /* guest commands consumed */
	uint64_t desc_reads;        /* guest STE/L1STD/command reads */
	uint64_t events_written;    /* records written to the guest's event queue */
	uint64_t events_dropped;
	uint64_t phys_cmds;         /* commands sent to physical SMMUs */
	uint64_t phys_failures;
	uint32_t last_call_work;    /* units of work done by the most recent call */
	uint32_t max_call_work;     /* the most any single call has done */
	size_t   bytes_held;        /* memory currently held for this guest */
};

/* ---- host and router ---------------------------------------------------- */
struct vsmmu_host;
struct vsmmu;

struct vsmmu_host_env {
	void *ctx;
	void *(*alloc)(void *ctx, size_t size);
	void (*free)(void *ctx, void *ptr, size_t size);
	void (*trace)(void *ctx, const struct vsmmu_trace *t);  /* may be NULL */
};

struct vsmmu_host_stats {
	uint64_t events_routed;     /* forwarded to a guest */
	uint64_t events_kept;       /* stayed with the hypervisor */
	uint64_t gerrors_kept;      /* physical GERROR conditions seen */
	uint64_t cmd_failures_attributed;  /* failed physical commands given back to their guest */
	uint64_t cmd_failures_kept;        /* failed physical commands of no live guest */
	uint64_t evtq_overflows;           /* vsmmu_host_phys_evtq_overflow calls */
};

struct vsmmu_host *vsmmu_host_create(const struct vsmmu_host_env *env);
void vsmmu_host_destroy(struct vsmmu_host *h);
void vsmmu_host_get_stats(const struct vsmmu_host *h, struct vsmmu_host_stats *s);

/* A physical SMMU reported this 32-byte event record. It is forwarded to the
 * owning guest (vSID substituted, no host addresses) or kept and counted. */
void vsmmu_host_route_event(struct vsmmu_host *h, unsigned psmmu, const uint64_t rec[VSMMU_EVT_DWORDS]);
/* The event queue of physical SMMU psmmu overflowed (its EVENTQ_PROD.OVFLG
 * toggled): records were lost, and any of them may have been a guest's.
 * Every guest with a stream on psmmu sees its own EVENTQ_PROD.OVFLG toggle
 * (if its queue is enabled and no overflow awaits its acknowledgement), as
 * an SMMU's software learns that records were lost (spec 7.4). Call it when
 * the hypervisor's drain finds OVFLG changed, before acknowledging. */
void vsmmu_host_phys_evtq_overflow(struct vsmmu_host *h, unsigned psmmu);
/* A physical SMMU raised GERROR bits (e.g. SFM_ERR). Kept by the hypervisor. */
void vsmmu_host_phys_gerror(struct vsmmu_host *h, unsigned psmmu, uint32_t bits);
/*
 * The embedder's physical command-queue error handler skipped a command a
 * vSMMU had sent to psmmu (through env.send_cmd) because it failed there
 * with status (VSMMU_PHYS_CERROR_*); it may call this from inside
 * env.sync or env.send_cmd of any guest. The host gives the failure to the
 * guest whose work it was, found from the command itself: the owner of the
 * StreamID for CFGI and PREFETCH commands, the guest of the VMID for TLBIs.
 * That guest re-does the work before its next CMD_SYNC completes, and sees
 * CERROR_ABT there only if the re-done work fails too; no other guest is
 * told. A failed CMD_SYNC is reported by env.sync to its own issuer, not
 * here. Commands of no live guest are counted and kept.
 */
void vsmmu_host_phys_cmd_failed(struct vsmmu_host *h, unsigned psmmu,
				const uint64_t cmd[VSMMU_CMD_DWORDS], int status);

/* ---- one guest's vSMMU -------------------------------------------------- */
/* NULL on allocation failure, an invalid config, or (with a host) a VMID
 * (cfg.s2 S2VMID) another live vSMMU of that host uses, or
 * VSMMU_HOST_MAX_GUESTS live vSMMUs. */
struct vsmmu *vsmmu_create(struct vsmmu_host *h, const struct vsmmu_config *cfg,
			   const struct vsmmu_env *env);
/* Every assigned stream becomes abort (installed and invalidated) first;
 * then the guest's VMID is retired: TLBI_S12_VMALL(VMID) + CMD_SYNC on every
 * physical SMMU the guest ever had a stream on (retried; env.fence if that
 * keeps failing), so a later guest given the same VMID cannot hit this
 * guest's TLB entries. */
void vsmmu_destroy(struct vsmmu *v);

/* Guest MMIO. offset is relative to the 128 KiB window; size 1, 2, 4 or 8;
 * any alignment. Out-of-window or unsupported accesses are RAZ/WI. */
uint64_t vsmmu_mmio_read(struct vsmmu *v, uint64_t offset, unsigned size);
void vsmmu_mmio_write(struct vsmmu *v, uint64_t offset, unsigned size, uint64_t value);
/* What vsmmu_mmio_read() would return now, without being a trap: no
 * statistics, no work accounting, no effect at all (SMMUv3 registers have
 * no read side effects). For a hypervisor's register dumps and its own
 * checks; the test oracle probes with it. */
uint64_t vsmmu_mmio_peek(const struct vsmmu *v, uint64_t offset, unsigned size);

/* Deferred work (commands beyond the per-trap budget). Does at most
 * `budget` guest commands; returns true while work remains. */
bool vsmmu_run(struct vsmmu *v, unsigned budget);
bool vsmmu_pending(const struct vsmmu *v);

/* Pass physical stream (psmmu, psid) through as vsid. 0, or -1 when the
 * vsid or physical stream is taken, out of range, the cap is reached or
 * allocation fails. The new stream starts in the configuration the guest's
 * current state gives it (GBPA while disabled, its STE once enabled). */
int vsmmu_assign(struct vsmmu *v, uint32_t vsid, unsigned psmmu, uint32_t psid);
/* The stream becomes abort in the physical SMMU and is invalidated. */
int vsmmu_unassign(struct vsmmu *v, uint32_t vsid);

void vsmmu_get_stats(const struct vsmmu *v, struct vsmmu_stats *s);

#ifdef __cplusplus
}
#endif
#endif /* VSMMU_VSMMU_H */
