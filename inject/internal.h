/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * internal.h - shared state of the simulated platform (inject/). Not part of
 * the platform API: only the inject/ sources and the platform's own unit tests use it.
 *
 * Memory map of host physical addresses (see docs/platform.md):
 *   [0, HYP_BASE)                      hole
 *   [HYP_S2_BASE, +HYP_S2_SIZE)        hypervisor: stage-2 tables (bump)
 *   [HYP_Q_BASE, +HYP_Q_SIZE)          hypervisor: physical queues
 *   ...                                hole
 *   [RAM_BASE, ...)                    guest RAM ranges, bump allocated,
 *                                      each followed by a RAM_GAP hole
 *   [STRTAB_REGION + n * STRTAB_SPAN)  physical stream table of psmmu n
 */
#ifndef VSMMU_INJECT_INTERNAL_H
#define VSMMU_INJECT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "inject/platform.h"

#define HM_PAGE_SHIFT      12u
#define HM_PAGE_SIZE       (1u << HM_PAGE_SHIFT)
/* Touched pages are capped per owner, so that one guest's memory can never
 * make another guest's (or the hypervisor's own) accesses fail: each guest's
 * RAM has its own quota, the hypervisor's regions (stage-2 tables, queues,
 * stream tables) another. A scenario has at most 8 guests, so a world holds
 * at most 8 * 32 MiB + 256 MiB. */
#define HM_GUEST_MAX_PAGES PLAT_GUEST_MAX_PAGES /* per guest at most (and by default): 32 MiB of its RAM */
#define HM_HYP_MAX_PAGES   (1u << 16)          /* the hypervisor's regions: 256 MiB */

#define HYP_S2_BASE        UINT64_C(0x10000000)
#define HYP_S2_SIZE        UINT64_C(0x08000000)
#define HYP_Q_BASE         UINT64_C(0x18000000)
#define HYP_Q_SIZE         UINT64_C(0x00100000)
#define HYP_Q_STRIDE       UINT64_C(0x10000)   /* per psmmu: cmdq, evtq */
#define HYP_Q_EVTQ_OFF     UINT64_C(0x8000)
#define RAM_BASE           UINT64_C(0x80000000)
#define RAM_ALIGN          UINT64_C(0x200000)
#define RAM_GAP            UINT64_C(0x200000)
#define STRTAB_REGION      UINT64_C(0x010000000000)
#define STRTAB_SPAN_SHIFT  38u                 /* 2^32 STEs * 64 bytes */

#define PCMDQ_SHIFT        8u                  /* 256 commands */
#define PEVTQ_SHIFT        7u                  /* 128 records */
#define PEVTQ_DRAIN        32u                 /* records routed per round */
#define PCFG_ENTRIES       32u                 /* config cache (STEs) */
#define PCD_ENTRIES        32u                 /* CD cache */
#define PTLB_ENTRIES       32u
#define PWC_ENTRIES        32u   /* walk cache: stage-1 table descriptors */
#define PLAT_S2_IPA_BITS   40u

/* ---- host memory ---------------------------------------------------------- */
struct hm_page {
	uint8_t b[HM_PAGE_SIZE];
};

struct hostmem {
	uint64_t *keys;         /* pfn + 1; 0 = empty */
	struct hm_page **vals;
	uint32_t cap;           /* power of two, 0 before first touch */
	uint32_t used;
	uint64_t last_key;
	struct hm_page *last;
	uint64_t digest_sum;    /* additive hash of covered hyp words */
	uint32_t hyp_pages;     /* pages of the hypervisor's regions (HM_HYP_MAX_PAGES) */
	struct wheap *heap;     /* the platform's (NULL: malloc) */
};

enum hm_region {
	HM_HOLE,
	HM_HYP_S2,              /* digest-covered */
	HM_HYP_Q,
	HM_STRTAB,              /* digest-covered except assigned slots */
	HM_RAM
};

/* ---- stage-1/stage-2 walker ------------------------------------------------ */
enum ptw_fault {
	PTW_OK = 0,
	PTW_TRANSLATION,
	PTW_ADDR_SIZE,
	PTW_ACCESS,
	PTW_PERMISSION,
	PTW_EABT                /* external abort on a descriptor fetch */
};

/* The table descriptors one walk followed (for the walk cache). */
struct ptw_trail {
	unsigned n;
	struct { unsigned level; uint64_t next; bool ro; } t[4];
};

struct ptw_cfg {
	unsigned gshift;        /* 12, 14 or 16 */
	unsigned insize;        /* input address bits */
	unsigned start;         /* start level 0..3 */
	unsigned oa_bits;       /* effective output size */
	uint64_t ttb;           /* table base, aligned */
	bool affd;
	bool stage2;
	bool no_perm;           /* PLAT_BUG_S2_PERM_IGNORED: permissions not checked */
	bool had;               /* stage 1: CD.HAD0/HAD1 (SMMUv3.1 mandatory HAD):
	                           table attributes (APTable) are ignored */
	/* Resume below a cached table descriptor: ttb is the level-`start`
	 * table it points to (a full stride of index bits), ro the APTable[1]
	 * seen above it. */
	bool resume;
	bool ro;
	struct ptw_trail *trail;   /* may be NULL */
};

struct ptw_res {
	uint64_t oa;            /* output address of ia */
	unsigned shift;         /* log2 of the leaf size */
	unsigned level;         /* level of the leaf descriptor */
	unsigned gshift;        /* granule (set by the SMMU model's stage 1) */
	bool wr;                /* writes allowed */
	bool rd;                /* reads allowed */
	bool global;            /* stage 1: nG == 0 */
	uint8_t memattr;        /* stage 2 MemAttr[3:0] */
};

/* Details of a fault, including a stage-2 fault met while fetching a stage-1
 * table (s2 = true, ipa = the table's IPA). */
struct ptw_fault_info {
	enum ptw_fault kind;
	unsigned level;
	bool s2;
	uint64_t ipa;           /* IPA of the stage-2 fault */
	uint64_t fetch;         /* address of an aborted fetch */
};

/* Descriptor fetch: 0, or -1 with *fi filled. */
typedef int (*ptw_fetch_fn)(void *ctx, uint64_t table_addr, uint64_t *desc,
			    struct ptw_fault_info *fi);

int ptw_walk(const struct ptw_cfg *c, uint64_t ia, bool write, ptw_fetch_fn fetch, void *ctx,
	     struct ptw_res *r, struct ptw_fault_info *fi);
/* Stage-2 start level from SL0; false if reserved or inconsistent with insize. */
bool ptw_s2_start(unsigned gshift, unsigned insize, unsigned sl0, unsigned *start);
unsigned ptw_s1_start(unsigned gshift, unsigned insize);
unsigned ptw_ps_bits(unsigned enc);
unsigned ptw_oas_enc(unsigned bits);

/* ---- TLB ---------------------------------------------------------------- */
enum tlb_kind { TLB_FREE = 0, TLB_NESTED, TLB_S2, TLB_S1 };

struct tlb_ent {
	uint64_t va;            /* aligned to 1 << shift */
	uint64_t ipa;
	uint64_t hpa;
	uint64_t s1mask;        /* ~(stage-1 leaf size - 1), for VA invalidation */
	uint64_t serial;        /* unique per insertion (the oracle's identity) */
	uint16_t vmid, asid;
	uint8_t kind, shift;
	uint8_t gshift, level;  /* stage-1 granule and leaf level (TG, TTL); 0 without stage 1 */
	bool global, wr, rd;
};

/* A cached stage-1 table descriptor: the level-`level` descriptor covering
 * [va, va + 2^shift) points to the table at IPA `next`. */
struct wc_ent {
	uint64_t va, next, serial;
	uint16_t vmid, asid;
	uint8_t kind, shift, gshift, insize, level;
	bool ro;
};

struct tlb {
	struct tlb_ent e[PTLB_ENTRIES];
	struct wc_ent w[PWC_ENTRIES];
	unsigned next, wnext;
	uint64_t serial;        /* last serial handed out */
	uint64_t hits, misses, whits;
};

/* What a TLBI by VA names (4.4.1.1): [va, last], an ASID or every one
 * (asid < 0), TG as a granule shift (0: any), TTL (0: any level), Leaf. */
struct tlbi_va {
	uint16_t vmid;
	int asid;
	uint64_t va, last;
	unsigned gshift, ttl;
	bool leaf;
};

struct tlb_ent *tlb_lookup(struct tlb *t, enum tlb_kind kind, uint16_t vmid, uint16_t asid, uint64_t va);
void tlb_insert(struct tlb *t, const struct tlb_ent *e);
void tlb_inv_all(struct tlb *t);
void tlb_inv_vmid(struct tlb *t, uint16_t vmid, bool s1_only);
void tlb_inv_asid(struct tlb *t, uint16_t vmid, uint16_t asid);
void tlb_inv_va(struct tlb *t, const struct tlbi_va *q);
/* The deepest cached table descriptor for this walk, or NULL. */
const struct wc_ent *wc_lookup(struct tlb *t, enum tlb_kind kind, uint16_t vmid, uint16_t asid,
			       unsigned gshift, unsigned insize, uint64_t va);
void wc_insert(struct tlb *t, const struct wc_ent *e);
void tlb_inv_ipa(struct tlb *t, uint16_t vmid, uint64_t ipa, uint64_t size);

/* ---- physical SMMU ---------------------------------------------------------- */
struct pcfg_ent {
	bool valid;
	uint32_t sid;
	uint64_t ste[STE_DWORDS];
};

struct pcd_ent {
	bool valid;
	uint32_t sid;
	uint32_t idx;
	uint64_t cd[CD_DWORDS];
};

struct psmmu {
	unsigned idx;
	unsigned sidsize, ssidsize, oas;
	bool ril;                               /* range TLBIs (IDR3.RIL) */
	uint64_t strtab;
	uint64_t cmdq_base, evtq_base;
	/* command queue (indices carry the wrap bit at PCMDQ_SHIFT) */
	uint32_t cmdq_prod, cmdq_cons;
	uint8_t cmd_mark[1u << PCMDQ_SHIFT];   /* injected CERROR per slot */
	int8_t cmd_owner[1u << PCMDQ_SHIFT];    /* guest that sent it, -1 = hypervisor */
	/* first failed CMD_SYNC of each sender (index guest + 1) since its last
	 * sync: a sync's outcome goes to whoever issued it */
	unsigned sync_status[PLAT_MAX_GUESTS + 1];
	uint64_t cmds_done, cerrors;
	/* event queue */
	uint32_t evtq_prod, evtq_cons;
	bool ovflg, ovackflg;
	uint64_t events_lost;
	uint64_t events_unrecorded;             /* not written: the SMMU was in SFM */
	/* GERROR */
	uint32_t gerror, gerrorn;
	uint32_t gerror_report;                 /* bits not yet told to the hypervisor */
	bool sfm;                               /* Service Failure Mode: no translation,
						 * no command consumed, no record written */
	bool fenced;                            /* hypervisor stopped it (vsmmu_env.fence) */
	/* caches */
	struct pcfg_ent cfg[PCFG_ENTRIES];
	struct pcd_ent cdc[PCD_ENTRIES];
	struct tlb tlb;
	/* STE slots ever assigned (excluded from plat_hyp_digest) */
	uint32_t *sticky;
	unsigned nsticky, capsticky;
	struct wheap *heap;                     /* the platform's (NULL: malloc) */
};

/* ---- guests ----------------------------------------------------------------- */
struct plat_ram {
	uint64_t ipa, size, hpa;
	unsigned s2_deny;                       /* PLAT_S2_DENY_* */
};

struct plat_stream {
	bool used;
	uint32_t vsid;
	uint8_t psmmu;
	uint32_t psid;
};

struct plat_guest {
	struct platform *p;
	int idx;
	uint16_t vmid;
	unsigned nranges;
	struct plat_ram ram[PLAT_MAX_RAM_RANGES];
	unsigned ipa_bits;
	uint64_t s2_root;
	struct vsmmu_s2_template s2t;
	struct ptw_cfg s2;                      /* decoded from s2t */
	struct vsmmu *v;
	struct vsmmu_env env;
	struct plat_stream streams[VSMMU_MAX_STREAMS];
	unsigned streams_hi;                    /* slots [streams_hi, MAX) were never used */
	uint64_t irq[VSMMU_IRQ_NR];
	size_t bytes_held;
	uint32_t ram_pages;                     /* pages of its RAM touched */
	struct plat_guest_opts opts;            /* opts.max_pages: ram_pages' quota */
};

/* ---- the fault model (faults.c) -------------------------------------------- */
/* Every fallible call of the world consults fault_step() with its site; the
 * model decides whether it fails. Two ways to arm it: the `inject`
 * statements (plat_inject_*: a kind of fault, where and how many times) and
 * the fail-nth countdown (plat_fail_nth: the Nth fallible call of any site
 * fails). One struct, one step function, counters of what fired. */
struct fault_model {
	/* countdown over every fallible call */
	uint64_t calls;                         /* fallible calls consulted so far */
	uint64_t nth;                           /* fail call number nth (1-based); 0 = off */
	uint64_t nth_repeat;                    /* ... and this many calls after it */
	int nth_site;                           /* site of call nth once it came, else -1 */
	/* armed by inject statements */
	struct fault_alloc_arm {
		unsigned skip, left;            /* let skip pass, then fail left */
	} alloc;
	struct fault_mem_arm {
		bool on;
		uint64_t ipa, size;
		unsigned count;                 /* 0 = until off */
	} mem[PLAT_MAX_GUESTS];
	struct fault_ps_arm {
		unsigned cerror, cerror_count;  /* mark the next commands (or syncs) */
		unsigned sync_timeouts;
	} ps[PLAT_MAX_PSMMU];
	/* what fired, per site */
	uint64_t fired[PLAT_FAULT_SITE_NR];
	uint64_t fired_total;               /* the sum of fired[] (plat_faults_fired) */
	/* Who a fault can have touched (plat_faults_fired_for): the guest the
	 * failing call was made for, the physical SMMU it was made on, or,
	 * for an allocation of the host's own, nobody in particular. The
	 * physical SMMUs also count injected records and GERROR conditions.
	 * fired_guest[i] starts again at 0 for each guest created in slot i. */
	uint64_t fired_guest[PLAT_MAX_GUESTS];
	uint64_t fired_psmmu[PLAT_MAX_PSMMU];
	uint64_t fired_host;
};

struct platform {
	struct hostmem hm;
	struct plat_observer obs[PLAT_MAX_OBSERVERS];   /* told in this order */
	unsigned nobs;
	unsigned muted;                         /* > 0: a peek, reported to nobody */
	uint64_t streams_gen;                   /* plat_streams_gen() */
	unsigned plat_bugs;
	struct vsmmu_host *host;
	struct psmmu *ps[PLAT_MAX_PSMMU];
	struct plat_guest *g[PLAT_MAX_GUESTS];
	unsigned nguests_ever;
	uint64_t s2_bump;                       /* next free stage-2 table page */
	uint64_t ram_bump;                      /* next free host RAM address */
	size_t host_bytes;
	size_t allocs;
	struct fault_model faults;
	struct wheap *heap;                     /* every allocation of the world (inject/snapshot.h) */
	bool run_every_guest;                   /* plat_set_run_every_guest */
};

/* Tell every observer: PLAT_NOTIFY(p, on_irq, guest, line) calls each
 * observer's on_irq(ctx, guest, line), in the order they were added, unless
 * a peek (plat_peek_*) is running. */
#define PLAT_NOTIFY(p, hook, ...) do { \
	struct platform *plat_n_ = (p); \
	for (unsigned plat_i_ = 0; !plat_n_->muted && plat_i_ < plat_n_->nobs; plat_i_++) \
		if (plat_n_->obs[plat_i_].hook) \
			plat_n_->obs[plat_i_].hook(plat_n_->obs[plat_i_].ctx, __VA_ARGS__); \
} while (0)

/* hostmem.c */
void hm_init(struct hostmem *h);
void hm_fini(struct hostmem *h);
enum hm_region hm_region_of(const struct platform *p, uint64_t hpa, uint64_t len, int *guest);
/* The one accessor: reports *a to the observer, then performs it. 0, or -1
 * when the range is not backed (hole) or its owner's page cap is reached. */
int hm_access(struct platform *p, const struct plat_access *a, void *buf);
/* Unreported accesses of the hypervisor's own structures (stage-2 tables). */
int hm_raw(struct platform *p, uint64_t hpa, void *buf, size_t len, bool write);
uint64_t hm_digest_contrib(struct platform *p, uint64_t hpa, size_t len);
size_t hm_pages(const struct platform *p);
/* Whether any page of [hpa, hpa + len) exists: false means every byte of it
 * reads as zero or not at all (a hole), without copying anything. */
bool hm_any_page(const struct platform *p, uint64_t hpa, size_t len);

/* stage2.c */
int s2_build(struct platform *p, struct plat_guest *g);
void s2_template(const struct platform *p, unsigned ipa_bits, unsigned ps_bits, uint16_t vmid,
		 uint64_t root, struct vsmmu_s2_template *t);
/* Decode STE dw2/dw3 stage-2 fields; false if ILLEGAL for a psmmu of this oas. */
bool s2_decode(uint64_t dw2, uint64_t dw3, unsigned oas, struct ptw_cfg *c);
int s2_translate(struct platform *p, const struct ptw_cfg *c, uint64_t ipa, bool write,
		 struct ptw_res *r, struct ptw_fault_info *fi);
unsigned plat_min_oas(const struct platform *p);

/* psmmu.c */
struct psmmu *psmmu_new(struct platform *p, unsigned n, const struct plat_psmmu_cfg *cfg);
void psmmu_free(struct psmmu *ps);
int psmmu_write_ste(struct platform *p, struct psmmu *ps, int guest, uint32_t psid,
		    const uint64_t ste[STE_DWORDS]);
int psmmu_dma(struct platform *p, struct psmmu *ps, int guest, const struct plat_dma_req *req,
	      uint32_t psid, void *buf, struct plat_dma_out *out);
void psmmu_fence(struct psmmu *ps);
void psmmu_cfgi_sid(struct psmmu *ps, uint32_t sid);
void psmmu_sticky_add(struct psmmu *ps, uint32_t psid);

/* pcmdq.c */
int pcmdq_send(struct platform *p, struct psmmu *ps, int guest, const uint64_t cmd[CMD_DWORDS]);
int pcmdq_sync(struct platform *p, struct psmmu *ps, int guest);
int pcmdq_hyp(struct platform *p, struct psmmu *ps, const uint64_t cmd[CMD_DWORDS]);
void pcmdq_process(struct platform *p, struct psmmu *ps);
bool pcmdq_exec(struct platform *p, struct psmmu *ps, const uint64_t cmd[CMD_DWORDS]);

/* prec.c: the fields each event type defines (spec 7.3), named once */
#define PREC_SSID_IF_SSV   0x01u    /* SubstreamID only when SSV = 1 */
#define PREC_IPA_IF_S2     0x02u    /* dw3 IPA only for a stage-2 fault */
#define PREC_TTRNW_IF_TT   0x04u    /* TTRnW only when CLASS = TT */

struct prec_fields {
	uint8_t id;
	uint8_t flags;
	uint64_t dw[EVT_DWORDS];
};

const struct prec_fields *prec_fields_of(unsigned id);
const struct prec_fields *prec_fields_at(unsigned i);   /* NULL past the end */
/* Clear every bit of rec its type leaves RES0 (or UNKNOWN for this record). */
void prec_shape(uint64_t rec[EVT_DWORDS]);

/* pevtq.c */
void pevtq_push(struct platform *p, struct psmmu *ps, const uint64_t rec[EVT_DWORDS]);
bool pevtq_drain(struct platform *p, struct psmmu *ps, unsigned budget);
bool pevtq_pending(const struct psmmu *ps);
void pevtq_overflow(struct platform *p, struct psmmu *ps);
bool pevtq_pop(struct platform *p, struct psmmu *ps, uint64_t rec[EVT_DWORDS]);

/* faults.c: the one step of the fault model, consulted at every fallible
 * call (site; guest or -1; psmmu for command/sync/STE/event sites; the
 * guest IPA range for memory). Returns 0 when the call goes on, else the
 * failure to produce: PLAT_FAULT_FAIL, or for PLAT_FAULT_CMD/SYNC the
 * CERROR code (or VSMMU_PHYS_TIMEOUT for a sync). */
#define PLAT_FAULT_FAIL  (-1)
int fault_step(struct platform *p, enum plat_fault_site site, int guest, unsigned psmmu,
	       uint64_t ipa, uint64_t len);
void fault_guest_gone(struct platform *p, int guest);
void fault_guest_new(struct platform *p, int guest);

/* platform.c */
void *plat_alloc(struct platform *p, int guest, size_t size);
void plat_free(struct platform *p, int guest, void *ptr, size_t size);
/* Tell the observer a libvsmmu call begins or ends (platform.c). */
void plat_call_mark(struct platform *p, int guest, enum plat_call call, bool begin);
/* Tell the observers about an action without a vSID (platform.c). */
void plat_action_mark(struct platform *p, enum plat_action_kind kind, int guest, unsigned psmmu,
		      uint32_t psid);

/* Test hooks (unit tests only). */
int plat_test_write_ste(struct platform *p, unsigned psmmu, uint32_t psid, const uint64_t ste[STE_DWORDS]);
struct psmmu *plat_test_psmmu(struct platform *p, unsigned psmmu);

#endif /* VSMMU_INJECT_INTERNAL_H */
