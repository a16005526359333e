/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * internal.h - private state of libvsmmu shared by its source files.
 * Nothing here is visible to embedders.
 */
#ifndef VSMMU_INTERNAL_H
#define VSMMU_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vsmmu/vsmmu.h"
#include "vsmmu/smmuv3_regs.h"
#include "vsmmu/smmuv3_queue.h"
#include "vsmmu/defect.h"

/* The installed header's record sizes and status codes are the architected ones. */
_Static_assert(VSMMU_STE_DWORDS == STE_DWORDS, "STE size");
_Static_assert(VSMMU_CMD_DWORDS == CMD_DWORDS, "command size");
_Static_assert(VSMMU_EVT_DWORDS == EVT_DWORDS, "event record size");
_Static_assert(VSMMU_PHYS_CERROR_ILL == CERROR_ILL && VSMMU_PHYS_CERROR_ABT == CERROR_ABT &&
	       VSMMU_PHYS_CERROR_ATC_INV_SYNC == CERROR_ATC_INV_SYNC, "CERROR codes");

/* Work one guest command may cost besides range/all CFGI: fetch, L1STD read,
 * STE read, one event. */
#define VS_CMD_MAX_COST   4u
/* Work per stream when a whole set is reconfigured: L1STD + STE + event. */
#define VS_STREAM_COST    3u
/* Work kept free in every call for the MSIs that are not part of one
 * command's cost: one event queue MSI (only when the queue leaves empty:
 * once per call) and one GERROR MSI per error that can activate in a call
 * (CMDQ_ERR, EVENTQ_ABT_ERR, MSI_CMDQ_ABT_ERR, MSI_EVENTQ_ABT_ERR; an error
 * activates once until acknowledged). A CMD_SYNC's own MSI is within its
 * VS_CMD_MAX_COST. */
#define VS_MSI_RESERVE    5u
/* What the command loop may use of VSMMU_MAX_CALL_WORK. */
#define VS_CMD_WORK_LIMIT (VSMMU_MAX_CALL_WORK - VS_MSI_RESERVE)

/* Per-psmmu flags for pending physical completion. */
#define VS_P_DIRTY  1u   /* commands sent since the last good sync */
#define VS_P_FLUSH  2u   /* TLB maintenance may have been lost: TLBI_NH_ALL(VMID)
			  * before the next guest CMD_SYNC completes */
#define VS_P_FAILED 4u   /* a failure of ours was reported during the current
			  * vs_phys_sync (transient: cleared when one starts) */

/* Attempts at install + CFGI_STE + CMD_SYNC when no guest command can carry
 * the failure (teardown, failing closed, CR0/GBPA/assign reconfiguration). */
#define VS_PHYS_TRIES 3u

/* Router table size (slots, power of two) and the cap on entries. */
#define VS_ROUTER_SLOTS   1024u

struct vs_stream {
	uint32_t vsid;
	unsigned psmmu;
	uint32_t psid;
	bool stale;                 /* physical state uncertain (an install or one
				     * of its commands failed): fail-closed until
				     * re-done (next CMD_SYNC or CFGI) */
	bool failed;                /* a command for it failed during the current
				     * install attempt (set by the host) */
	uint8_t lazy_evt;           /* physical STE is V=0: what a physical C_BAD_STE
				     * on this stream means to the guest (0 = C_BAD_STE) */
	uint64_t phys[STE_DWORDS];  /* last physical STE we installed */
	struct vs_stream *leak_next;
};

struct vs_route {
	struct vsmmu *v;            /* NULL = free slot */
	struct vs_stream *s;
	uint32_t psid;
	uint32_t vsid;
	unsigned psmmu;
};

struct vsmmu_host {
	struct vsmmu_host_env env;
#ifdef VSMMU_DEFECTS
	unsigned defect;                    /* enum vs_defect (defect.h) */
#endif
	struct vsmmu_host_stats stats;
	unsigned nroutes;
	struct vs_route routes[VS_ROUTER_SLOTS];
	struct vsmmu *guests[VSMMU_HOST_MAX_GUESTS];   /* live vSMMUs (by VMID) */
#ifdef VSMMU_DEFECTS
	int blame[VSMMU_MAX_PSMMU];         /* defect BLAME_SYNCER only */
	bool evtq_abt_latch;                /* defect EVTQ_ABORT_HOST_LATCH only */
#endif
};

struct vsmmu {
	struct vsmmu_host *host;
	struct vsmmu_config cfg;
	struct vsmmu_env env;
#ifdef VSMMU_DEFECTS
	unsigned defect;                    /* the host's, copied at create */
#endif

	uint32_t idr[6];
	uint32_t cr0, cr0ack, cr1, cr2;
	uint32_t gbpa;
	uint32_t irq_ctrl, irq_ctrlack;
	uint32_t gerror, gerrorn;
	uint64_t gerror_irq_cfg0, eventq_irq_cfg0;
	uint32_t gerror_irq_cfg1, gerror_irq_cfg2;
	uint32_t eventq_irq_cfg1, eventq_irq_cfg2;
	uint64_t strtab_base;
	uint32_t strtab_base_cfg;
	bool strtab_2lvl_cached;   /* FMT_STICKY defect only: set by FMT=1, never cleared */
	uint64_t cmdq_base;
	uint32_t cmdq_prod, cmdq_cons;
	uint64_t eventq_base;
	uint32_t eventq_prod, eventq_cons;

	struct vs_stream *streams[VSMMU_MAX_STREAMS];
	unsigned nstreams;
	unsigned pcount[VSMMU_MAX_PSMMU];   /* streams per physical SMMU */
	uint8_t pflags[VSMMU_MAX_PSMMU];
	uint8_t pused;                      /* bit p: ever had a stream on psmmu p */
	uint16_t vmid;                      /* cfg.s2 S2VMID */
#ifdef VSMMU_DEFECTS
	struct vs_stream *leaked;           /* defect LEAK_MEMORY only */
	void *shadow;                       /* defect SHADOW_STRTAB_ALLOC only */
	size_t shadow_bytes;
	uint8_t sticky_err;                 /* defect STICKY_PHYS_ERROR only: bit p, a
					     * failure re-done on psmmu p */
	bool replay_held;                   /* defect EVTQ_DISABLED_REPLAYED only */
	uint64_t replay[EVT_DWORDS];
#endif

	struct vsmmu_stats stats;
	uint32_t work;                      /* work of the current call */
	unsigned depth;                     /* call nesting */
};


/* core.c */
void vs_call_begin(struct vsmmu *v);
void vs_call_end(struct vsmmu *v);
/* Fill a trace record (rec may be NULL; at most 4 words are copied). */
void vs_trace_fill(struct vsmmu_trace *t, enum vsmmu_trace_kind kind, uint32_t vsid,
		   unsigned psmmu, uint32_t psid, uint64_t arg, const uint64_t *rec,
		   unsigned nrec);
void vs_trace(struct vsmmu *v, enum vsmmu_trace_kind kind, uint32_t vsid,
	      unsigned psmmu, uint32_t psid, uint64_t arg, const uint64_t *rec,
	      unsigned nrec);
void vs_log(struct vsmmu *v, const char *msg);
void vs_le_load(uint64_t *dst, const uint8_t *src, unsigned ndw);
void vs_le_store(uint8_t *dst, const uint64_t *src, unsigned ndw);
bool vs_phys_ok(struct vsmmu *v, int status, unsigned psmmu, uint32_t psid);

/* Queue index arithmetic: vsmmu/smmuv3_queue.h (qs = log2 entries, clamped). */
/* Inline: every PROD/CONS read needs them, a peek's too (vsmmu/peek.c is
 * compiled without coverage, and so must be what it calls). */
static inline unsigned vs_cmdq_qs(const struct vsmmu *v)
{
	return vs_q_log2size(v->cmdq_base, v->cfg.cmdqs);
}

static inline unsigned vs_eventq_qs(const struct vsmmu *v)
{
	return vs_q_log2size(v->eventq_base, VS_DEFECT(v, EVTQ_LOG2SIZE_CLAMPED_BY_CMDQS) ?
					     v->cfg.cmdqs : v->cfg.eventqs);
}

/* gerror.c */
bool vs_gerror_active(const struct vsmmu *v, uint32_t bit);
void vs_gerror_raise(struct vsmmu *v, uint32_t bit);
uint32_t vs_gerror_impl(const struct vsmmu *v);

/* msi.c */
void vs_irq(struct vsmmu *v, enum vsmmu_irq_line line);
bool vs_msi_advertised(const struct vsmmu *v);
uint64_t vs_msi_addr_mask(const struct vsmmu *v);
void vs_msi_send(struct vsmmu *v, enum vsmmu_irq_line line, uint64_t addr, uint32_t data);
void vs_notify(struct vsmmu *v, enum vsmmu_irq_line line, bool msi);

/* evtq.c */
void vs_evtq_write(struct vsmmu *v, const uint64_t rec[EVT_DWORDS]);
void vs_evtq_simple(struct vsmmu *v, unsigned id, uint32_t vsid, uint64_t dw3);
void vs_evtq_lost(struct vsmmu *v);

/* strtab.c */
/* Why a stream's configuration is not a translation of the guest's STE:
 * each exit of the decoders (vs_strtab_fetch, vs_ste_check) that does not
 * end in a usable STE names exactly one reason. vs_why_name gives the text
 * the VSMMU_TRACE_CONFIG trace carries (streams.c). */
#define VS_WHY_LIST(X) \
	X(NONE,         "the guest's STE, legal") \
	X(SID_RANGE,    "StreamID beyond STRTAB_BASE_CFG.LOG2SIZE (capped at IDR1.SIDSIZE)") \
	X(L1STD_FETCH,  "L1STD fetch aborted") \
	X(L1STD_SPAN,   "L1STD.Span is 0, reserved, or above SPLIT + 1") \
	X(L2_RANGE,     "StreamID beyond the level-2 table's L1STD.Span") \
	X(STE_FETCH,    "STE fetch aborted") \
	X(STE_V0,       "STE.V is 0") \
	X(CONFIG_ABORT, "STE.Config is abort (0b0xx)") \
	X(CONFIG_S2,    "STE.Config enables stage 2, but IDR0.S2P is 0") \
	X(S1STALLD,     "STE.S1STALLD is 1, but IDR0.STALL_MODEL is 0b01 (no stalls)") \
	X(S1CDMAX,      "STE.S1CDMax exceeds IDR1.SSIDSIZE") \
	X(S1CTXPTR,     "STE.S1ContextPtr beyond the output address size (IDR5.OAS)")

enum vs_why {
#define VS_WHY_ENUM(n, text) VS_WHY_##n,
	VS_WHY_LIST(VS_WHY_ENUM)
#undef VS_WHY_ENUM
	VS_WHY_NR
};
const char *vs_why_name(enum vs_why why);

enum vs_fetch { VS_FETCH_OK, VS_FETCH_BAD_SID, VS_FETCH_ABT };
/* *why: NONE for VS_FETCH_OK, else the reason. */
enum vs_fetch vs_strtab_fetch(struct vsmmu *v, uint32_t vsid, uint64_t ste[STE_DWORDS], enum vs_why *why,
			      uint64_t *fetch_addr);
#ifdef VSMMU_DEFECTS
void vs_strtab_shadow(struct vsmmu *v);
void vs_strtab_shadow_free(struct vsmmu *v);
#endif

/* ste.c */
enum vs_ste_kind { VS_STE_INVALID, VS_STE_ABORT, VS_STE_BYPASS, VS_STE_S1, VS_STE_ILLEGAL };
/* *why: NONE for BYPASS and S1, else the reason. */
enum vs_ste_kind vs_ste_check(const struct vsmmu *v, const uint64_t g[STE_DWORDS], enum vs_why *why);
void vs_ste_abort(uint64_t p[STE_DWORDS]);
void vs_ste_invalid(uint64_t p[STE_DWORDS]);
void vs_ste_s2(const struct vsmmu *v, uint64_t p[STE_DWORDS]);
void vs_ste_nested(const struct vsmmu *v, const uint64_t g[STE_DWORDS], uint64_t p[STE_DWORDS]);

/* streams.c */
struct vs_stream *vs_stream_find(const struct vsmmu *v, uint32_t vsid);
int vs_stream_refresh(struct vsmmu *v, struct vs_stream *s, bool from_cmd);
void vs_streams_refresh_all(struct vsmmu *v);
int vs_phys_cmd(struct vsmmu *v, unsigned psmmu, const uint64_t cmd[CMD_DWORDS]);
int vs_phys_sync(struct vsmmu *v, unsigned psmmu);

/* physfail.c */
bool vs_host_register(struct vsmmu_host *h, struct vsmmu *v);
void vs_host_unregister(struct vsmmu_host *h, struct vsmmu *v);
void vs_phys_cmd_failed(struct vsmmu *v, struct vs_stream *s, unsigned psmmu,
			const uint64_t cmd[CMD_DWORDS]);
void vs_vmid_retire(struct vsmmu *v);
bool vs_phys_redo(struct vsmmu *v, unsigned psmmu);
unsigned vs_stale_count(const struct vsmmu *v);
bool vs_stale_on(const struct vsmmu *v, unsigned psmmu);

/* cmdq.c */
void vs_cmdq_process(struct vsmmu *v, unsigned budget);
bool vs_cmdq_pending(const struct vsmmu *v);

/* router.c */
int vs_router_add(struct vsmmu_host *h, struct vsmmu *v, struct vs_stream *s);
void vs_router_del(struct vsmmu_host *h, unsigned psmmu, uint32_t psid);
struct vs_route *vs_router_find(struct vsmmu_host *h, unsigned psmmu, uint32_t psid);

/* s2fault.c: a physical stage-2 fault of stream s that the guest's own
 * stage 1 caused, as the stage-1 record (vSID not yet set, fields not yet
 * reduced to the type's; out[3] = the FetchAddr to pass); false: not one. */
bool vs_s2_as_s1(const struct vsmmu *v, const struct vs_stream *s, const uint64_t rec[EVT_DWORDS],
		 uint64_t out[EVT_DWORDS]);

#endif /* VSMMU_INTERNAL_H */
