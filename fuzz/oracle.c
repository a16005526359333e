/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle.c - the isolation oracle (I1-I12, docs/invariants.md; what each check
 * observes: docs/oracle.md).
 *
 * Shape: the observer hooks record what happened during one op (the op and
 * its bounded hypervisor round) and note violations that are visible at the
 * moment of a callback (I3-I6, I10 deliveries); oracle_end() then compares
 * the world with the snapshot taken by oracle_begin() (I2), inspects every
 * watched physical STE and cached copy (I1, I10), the work and memory
 * counters (I7, I8), the architected registers (I9) and the failures owed
 * to guests (I11). Several invariants may break at once when a planted bug
 * cascades; the one reported is the most specific (priority below).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/oracle_int.h"

/* Report order when one op breaks several invariants: root causes first. */
static const int orc_priority[ORC_NINV] = { 2, 3, 4, 6, 5, 10, 1, 11, 7, 8, 9, 12 };

/* ---- helpers ---------------------------------------------------------- */

const char *orc_gname(const struct oracle *o, int g)
{
	if (g < 0 || g >= (int)PLAT_MAX_GUESTS)
		return "-";
	if (o->names && o->names[g] && o->names[g][0])
		return o->names[g];
	return "?";
}
#define gname orc_gname

void orc_viol(struct oracle *o, int inv, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (inv < 1 || inv > ORC_NINV || (o->viol_mask & (1u << inv)))
		return;
	o->viol_mask |= 1u << inv;
	n = snprintf(o->viol[inv], sizeof o->viol[inv], "ISOLATION VIOLATION [I%d] ", inv);
	if (n < 0 || (size_t)n >= sizeof o->viol[inv])
		return;
	va_start(ap, fmt);
	vsnprintf(o->viol[inv] + n, sizeof o->viol[inv] - (size_t)n, fmt, ap);
	va_end(ap);
}

bool orc_guest_ok(int g)
{
	return g >= 0 && g < (int)PLAT_MAX_GUESTS;
}
#define guest_ok orc_guest_ok

static uint16_t guest_vmid(const struct oracle *o, int g)
{
	struct vsmmu_s2_template t;

	memset(&t, 0, sizeof t);
	plat_guest_s2_template(o->p, g, &t);
	return (uint16_t)VS_FIELD_GET(STE2_S2VMID, t.ste_dw2);
}

/* Is (psmmu, psid) one of g's streams now or at the start of this op? */
static bool is_guest_stream(const struct oracle *o, int g, unsigned psmmu, uint32_t psid)
{
	uint32_t vsid;

	for (unsigned i = 0; i < o->nas; i++) {
		const struct orc_assign *a = &o->as[i];
		if (a->guest == g && a->psmmu == psmmu && a->psid == psid && (a->live || a->live_at_begin))
			return true;
	}
	return plat_stream_owner(o->p, psmmu, psid, &vsid) == g;
}

static bool ever_assigned(const struct oracle *o, unsigned psmmu, uint32_t psid)
{
	for (unsigned i = 0; i < o->nas; i++)
		if (o->as[i].psmmu == psmmu && o->as[i].psid == psid)
			return true;
	return false;
}

const struct orc_assign *orc_find_vsid(const struct oracle *o, int g, uint32_t vsid, bool want_live)
{
	const struct orc_assign *released = NULL;

	for (unsigned i = 0; i < o->nas; i++) {
		const struct orc_assign *a = &o->as[i];
		if (a->guest != g || a->vsid != vsid)
			continue;
		if (a->live || a->live_at_begin)
			return a;
		released = a;
	}
	return want_live ? NULL : released;
}

struct orc_assign *orc_assign_of_stream(struct oracle *o, unsigned psmmu, uint32_t psid)
{
	struct orc_assign *was = NULL;

	for (unsigned i = 0; i < o->nas; i++) {
		struct orc_assign *a = &o->as[i];
		if (a->psmmu != psmmu || a->psid != psid)
			continue;
		if (a->live)
			return a;
		if (a->live_at_begin)
			was = a;
	}
	return was;
}

/* Judge the physical STE (table, then cached copy) of one stream; inv = 1
 * or 10; g = its owner or -1. */
static bool check_table_ste(struct oracle *o, int inv, int g, unsigned psmmu, uint32_t psid)
{
	uint64_t s[STE_DWORDS];
	const struct orc_assign *a = g >= 0 ? orc_assign_of_stream(o, psmmu, psid) : NULL;

	return !plat_psmmu_ste(o->p, psmmu, psid, s) || orc_ste_judge(o, inv, g, a, psmmu, psid, s, false);
}

static void check_cached_ste(struct oracle *o, int inv, int g, unsigned psmmu, uint32_t psid)
{
	uint64_t s[STE_DWORDS];
	const struct orc_assign *a = g >= 0 ? orc_assign_of_stream(o, psmmu, psid) : NULL;

	if (plat_psmmu_cached_ste(o->p, psmmu, psid, s))
		(void)orc_ste_judge(o, inv, g, a, psmmu, psid, s, true);
}

static void check_stream(struct oracle *o, int inv, int g, unsigned psmmu, uint32_t psid)
{
	if (check_table_ste(o, inv, g, psmmu, psid))
		check_cached_ste(o, inv, g, psmmu, psid);
}

struct orc_stream *orc_watch_find(struct oracle *o, unsigned psmmu, uint32_t psid)
{
	for (unsigned i = 0; i < o->nw; i++)
		if (o->w[i].psmmu == psmmu && o->w[i].psid == psid)
			return &o->w[i];
	return NULL;
}
#define watch_find orc_watch_find
#define find_vsid orc_find_vsid

/* A register as the guest would read it now, without a trap: libvsmmu's
 * own peek (vsmmu_mmio_peek, the guest read's decoding compiled apart),
 * cheaper than any cache of it would be. */
uint64_t orc_reg(struct oracle *o, int g, uint64_t off, unsigned size)
{
	return plat_peek_reg(o->p, g, off, size);
}

/* ---- lifecycle -------------------------------------------------------- */

/* ---- the reference model's view of the platform (I12) ----------------- */
/* The model's own reads of guest memory are the oracle's, not the guest's:
 * peeks, which no observer (this one, the -v trace) is told about. */
static int rm_mem_read(void *ctx, int g, uint64_t ipa, void *buf, size_t len)
{
	struct oracle *o = ctx;

	return plat_peek_guest(o->p, g, ipa, buf, len);
}

/* The stream table as the vSMMU fetches it: stage-2 read permission applies. */
static int rm_hyp_read(void *ctx, int g, uint64_t ipa, void *buf, size_t len)
{
	struct oracle *o = ctx;

	return plat_peek_guest_hyp(o->p, g, ipa, buf, len);
}

/* A side-effect-free register read, like the I9 probes. */
static uint32_t rm_reg_read(void *ctx, int g, uint32_t off)
{
	return (uint32_t)orc_reg(ctx, g, off, 4);
}

static uint64_t rm_streams_gen(void *ctx)
{
	struct oracle *o = ctx;

	return plat_streams_gen(o->p);
}

static bool rm_phys_ste(void *ctx, unsigned psmmu, uint32_t psid, uint64_t ste[STE_DWORDS])
{
	struct oracle *o = ctx;

	return plat_psmmu_ste(o->p, psmmu, psid, ste);
}

/* The platform's own count of the failures that can have reached guest. */
static uint64_t rm_faults_for(void *ctx, int guest, unsigned psmmu_mask)
{
	struct oracle *o = ctx;

	return plat_faults_fired_for(o->p, guest, psmmu_mask);
}

/* What the hypervisor configured for the guest (a peek). */
static bool rm_guest_opts(void *ctx, int g, struct plat_guest_opts *opts)
{
	struct oracle *o = ctx;

	return plat_guest_opts_of(o->p, g, opts);
}

/* The model's state is world memory too (a snapshot captures it). */
static void *rm_alloc(void *ctx, size_t size)
{
	struct oracle *o = ctx;

	return plat_world_alloc(o->p, size);
}

static void rm_free(void *ctx, void *ptr)
{
	struct oracle *o = ctx;

	plat_world_free(o->p, ptr);
}

static void *rm_alloc_grown(void *ctx, size_t size)
{
	struct oracle *o = ctx;

	return plat_world_alloc_grown(o->p, size);
}

static void rm_grow(void *ctx, void *ptr, size_t end)
{
	struct oracle *o = ctx;

	plat_world_grow(o->p, ptr, end);
}

static void oracle_free_blocks(struct oracle *o)
{
	struct platform *p = o->p;

	plat_world_free(p, o->as);
	plat_world_free(p, o->w);
	plat_world_free(p, o->g);
	plat_world_free(p, o);
}

struct oracle *oracle_create(struct platform *p, const char *const *names)
{
	/* World memory: a snapshot of the world captures the oracle too. */
	struct oracle *o = plat_world_alloc(p, sizeof *o);

	if (!o)
		return NULL;
	o->p = p;
	o->as = plat_world_alloc_grown(p, ORC_MAX_ASSIGN * sizeof o->as[0]);
	o->w = plat_world_alloc_grown(p, ORACLE_MAX_WATCH * sizeof o->w[0]);
	o->g = plat_world_alloc_grown(p, PLAT_MAX_GUESTS * sizeof o->g[0]);
	if (!o->as || !o->w || !o->g) {
		oracle_free_blocks(o);
		return NULL;
	}
	o->names = names;
	o->actor = -1;
	o->event_source = -1;
	o->last_new = -1;
	o->pending_assign = -1;
	o->pending_unassign_guest = -1;
	o->call.guest = -1;
	{
		struct rm_env env = {
			.ctx = o, .mem_read = rm_mem_read, .reg_read = rm_reg_read,
			.phys_ste = rm_phys_ste, .faults_for = rm_faults_for,
			.alloc = rm_alloc, .free = rm_free, .guest_opts = rm_guest_opts,
			.hyp_read = rm_hyp_read, .alloc_grown = rm_alloc_grown, .grow = rm_grow,
			.streams_gen = rm_streams_gen,
			.wired = true,   /* libvsmmu has wired lines (env.raise_irq) */
		};
		o->rm = refmodel_create(&env);
	}
	{
		struct plat_observer obs;

		oracle_observer(o, &obs);
		if (!o->rm || plat_add_observer(p, &obs)) {
			refmodel_destroy(o->rm);
			oracle_free_blocks(o);
			return NULL;
		}
	}
	return o;
}

void oracle_destroy(struct oracle *o)
{
	if (!o)
		return;
	plat_remove_observer(o->p, o);
	refmodel_destroy(o->rm);
	oracle_free_blocks(o);
}

void oracle_set_full(struct oracle *o, bool full)
{
	if (o)
		o->full_every_op = full;
}

static void watch_stream(struct oracle *o, unsigned psmmu, uint32_t psid)
{
	struct orc_stream *s;

	if (psmmu >= PLAT_MAX_PSMMU || watch_find(o, psmmu, psid) || o->nw >= ORACLE_MAX_WATCH)
		return;
	plat_world_grow(o->p, o->w, (o->nw + 1) * sizeof o->w[0]);
	s = &o->w[o->nw++];
	o->op_streams = true;          /* a stream to check from now on */
	memset(s, 0, sizeof *s);
	s->psmmu = (uint8_t)psmmu;
	s->psid = psid;
	s->owner_before = -1;
	/* Added mid-op: its "before" is unknown, so it is not compared (I2)
	 * until the next op. */
}

static void guest_created(struct oracle *o, int g)
{
	if (!guest_ok(g))
		return;
	plat_world_grow(o->p, o->g, ((size_t)g + 1) * sizeof o->g[0]);
	memset(&o->g[g], 0, sizeof o->g[g]);
	o->g[g].ever = true;
	o->g[g].alive = true;
	orc_vmid_created(&o->vm, g, guest_vmid(o, g));
	refmodel_guest_created(o->rm, g);
	/* Forget assignments of an earlier guest that had this index. */
	for (unsigned i = 0; i < o->nas; i++)
		if (o->as[i].guest == g && !o->as[i].live)
			o->as[i].guest = -1;
}

static void guest_destroyed(struct oracle *o, int g)
{
	uint8_t pending;

	if (!guest_ok(g))
		return;
	o->g[g].alive = false;
	o->g[g].nowed = 0;
	/* I10 says when: before destroy returns the VMID is retired wherever
	 * the guest translated (oracle_vmid.h says why not only before its
	 * next owner translates). A fenced SMMU holds no TLB entries
	 * (fencing empties them) and translates nothing again. */
	pending = orc_vmid_destroyed(&o->vm, g);
	for (unsigned p = 0; p < PLAT_MAX_PSMMU; p++)
		if ((pending >> p & 1u) && !plat_psmmu_fenced(o->p, p))
			orc_viol(o, 10, "guest=%s stream=psmmu%u field=VMID-retirement(VMID 0x%x) expected=TLBI_S12_VMALL"
				 "+CMD_SYNC-before-destroy-returned seen=not-retired(translated-there-since)",
				 gname(o, g), p, (unsigned)o->vm.g[g].vmid);
	refmodel_guest_destroyed(o->rm, g);
	for (unsigned i = 0; i < o->nas; i++)
		if (o->as[i].guest == g)
			o->as[i].live = false;
}

static void assigned(struct oracle *o, int g, uint32_t vsid, unsigned psmmu, uint32_t psid)
{
	struct orc_assign *a = NULL;

	o->last_new = -1;
	refmodel_assigned(o->rm, g, vsid, psmmu, psid);
	for (unsigned i = 0; i < o->nas && !a; i++)
		if (o->as[i].guest == g && o->as[i].vsid == vsid && o->as[i].psmmu == psmmu &&
		    o->as[i].psid == psid)
			a = &o->as[i];
	if (a && a->live)
		return;          /* already assigned: the platform will refuse */
	if (!a && o->nas < ORC_MAX_ASSIGN) {
		plat_world_grow(o->p, o->as, (o->nas + 1) * sizeof o->as[0]);
		a = &o->as[o->nas++];
	}
	if (!a) {
		/* Table full of released entries: reuse the first released one. */
		for (unsigned i = 0; i < o->nas && !a; i++)
			if (!o->as[i].live && !o->as[i].live_at_begin)
				a = &o->as[i];
	}
	if (!a)
		return;
	o->last_new = (int)(a - o->as);
	a->guest = g;
	a->vsid = vsid;
	a->psmmu = (uint8_t)psmmu;
	a->psid = psid;
	a->live = true;
	a->live_at_begin = false;
	a->delta_set = false;
	a->delta = 0;
	/* a new stream owes nothing (a reused entry kept its old flags) */
	a->reload_owed = false;
	a->fail_closed = false;
	a->hist_next = 0;
	memset(a->hist, 0, sizeof a->hist);
	watch_stream(o, psmmu, psid);
	watch_stream(o, psmmu, psid ^ 1u);
}

static void assign_failed(struct oracle *o, int g, uint32_t vsid, unsigned psmmu, uint32_t psid)
{
	struct orc_assign *a;

	refmodel_assign_failed(o->rm, g, vsid);
	if (o->last_new < 0 || (unsigned)o->last_new >= o->nas)
		return;
	a = &o->as[o->last_new];
	o->last_new = -1;
	if (a->guest == g && a->vsid == vsid && a->psmmu == psmmu && a->psid == psid)
		*a = o->as[--o->nas];
}

static void unassigning(struct oracle *o, int g, uint32_t vsid)
{
	o->pending_unassign_guest = g;
	o->pending_unassign_vsid = vsid;
}

static void unassigned(struct oracle *o, int g, uint32_t vsid)
{
	o->pending_unassign_guest = -1;
	refmodel_unassigned(o->rm, g, vsid);
	for (unsigned i = 0; i < o->nas; i++)
		if (o->as[i].guest == g && o->as[i].vsid == vsid)
			o->as[i].live = false;
}

static void injected_event(struct oracle *o, unsigned psmmu, uint32_t psid)
{
	uint32_t vsid;

	o->event_source_set = true;
	o->event_source = plat_stream_owner(o->p, psmmu, psid, &vsid);
	watch_stream(o, psmmu, psid);
}

static void dma_issued(struct oracle *o, int g, uint32_t vsid)
{
	refmodel_dma(o->rm, g, vsid);
	o->op_streams = true;
	o->event_source_set = true;
	o->event_source = g;
}

/* ---- observer hooks --------------------------------------------------- */

static void dead_guest_activity(struct oracle *o, int g, const char *what)
{
	orc_viol(o, 10, "guest=%s stream=- field=%s expected=nothing-after-destroy seen=delivered",
	     gname(o, g), what);
}

void orc_on_access(struct oracle *o, const struct plat_access *a)
{
	enum plat_owner_kind own;
	int og = -1;

	o->ncallbacks++;
	/* The guest CPU writes its own RAM and a hypervisor read of guest
	 * memory changes nothing; anything else may reach a stream. */
	if (a->actor != PLAT_ACT_GUEST_CPU && (a->write || a->actor != PLAT_ACT_HYP_GUEST))
		o->op_streams = true;
	refmodel_on_access(o->rm, a);
	orc_call_access(o, a);
	switch (a->actor) {
	case PLAT_ACT_HYP_GUEST:
		if (!guest_ok(a->guest))
			return;
		if (o->g[a->guest].ever && !o->g[a->guest].alive) {
			dead_guest_activity(o, a->guest, "hyp-access");
			return;
		}
		if (a->aborted)
			return;          /* refused by stage 2 / injected abort: architected */
		own = plat_hpa_owner(o->p, a->hpa, a->len ? a->len : 1, &og);
		if (own != PLAT_OWN_GUEST || og != a->guest)
			orc_viol(o, 3, "guest=%s stream=- field=hyp-%s ipa=0x%" PRIx64 " len=%" PRIu32
			     " expected=own-RAM seen=%s%s", gname(o, a->guest), a->write ? "write" : "read",
			     a->ipa, a->len, own == PLAT_OWN_HYP ? "hypervisor-memory" :
			     own == PLAT_OWN_GUEST ? "RAM-of-guest-" : "unowned-memory",
			     own == PLAT_OWN_GUEST ? gname(o, og) : "");
		return;
	case PLAT_ACT_PSMMU_WALK:
	case PLAT_ACT_DMA:
		if (guest_ok(a->guest) && a->psmmu >= 0)
			orc_vmid_translated(&o->vm, a->guest, (unsigned)a->psmmu);
		if (!guest_ok(a->guest)) {
			if (a->actor == PLAT_ACT_DMA)
				orc_viol(o, 4, "guest=- stream=psmmu%d/psid0x%" PRIx32 " field=dma expected=no-completion"
				     " seen=completed-for-unowned-stream", a->psmmu, a->psid);
			return;
		}
		own = plat_hpa_owner(o->p, a->hpa, a->len ? a->len : 1, &og);
		if (a->s2_checked && own == PLAT_OWN_GUEST && og == a->guest) {
			/* ... and with the stage-2 permissions the guest's RAM
			 * was declared with (read-only, write-only, none) */
			unsigned deny = plat_hpa_s2_deny(o->p, a->hpa, a->len ? a->len : 1);

			if (deny & (a->write ? PLAT_S2_DENY_W : PLAT_S2_DENY_R))
				orc_viol(o, 4, "guest=%s stream=psmmu%d/psid0x%" PRIx32 " field=%s-%s ipa=0x%" PRIx64
				     " expected=stage-2-permission-fault seen=completed(stage-2 %s)",
				     gname(o, a->guest), a->psmmu, a->psid,
				     a->actor == PLAT_ACT_DMA ? "dma" : "walk", a->write ? "write" : "read",
				     a->ipa, (deny & PLAT_S2_DENY_R) ? (deny & PLAT_S2_DENY_W ? "no-access" : "write-only")
				     : "read-only");
			return;
		}
		/* The SMMU's own structures (physical STE, stage-2 tables) are
		 * hypervisor memory fetched without stage 2. */
		if (a->actor == PLAT_ACT_PSMMU_WALK && !a->s2_checked && own == PLAT_OWN_HYP)
			return;
		orc_viol(o, 4, "guest=%s stream=psmmu%d/psid0x%" PRIx32 " field=%s ipa=0x%" PRIx64
		     " expected=own-RAM-via-stage-2 seen=%s%s%s", gname(o, a->guest), a->psmmu, a->psid,
		     a->actor == PLAT_ACT_DMA ? "dma" : "walk", a->ipa,
		     own == PLAT_OWN_HYP ? "hypervisor-memory" :
		     own == PLAT_OWN_GUEST ? "RAM-of-guest-" : "unowned-memory",
		     own == PLAT_OWN_GUEST ? gname(o, og) : "", a->s2_checked ? "" : ",no-stage-2");
		return;
	default:
		return;
	}
}

static bool cmd_vmid_scoped(unsigned op)
{
	switch (op) {
	case CMD_OP_TLBI_NH_ALL: case CMD_OP_TLBI_NH_ASID: case CMD_OP_TLBI_NH_VA:
	case CMD_OP_TLBI_NH_VAA: case CMD_OP_TLBI_S12_VMALL: case CMD_OP_TLBI_S2_IPA:
	case CMD_OP_CFGI_VMS_PIDM:
		return true;
	default:
		return false;
	}
}

static bool cmd_sid_scoped(unsigned op)
{
	switch (op) {
	case CMD_OP_PREFETCH_CONFIG: case CMD_OP_PREFETCH_ADDR: case CMD_OP_CFGI_STE:
	case CMD_OP_CFGI_CD: case CMD_OP_CFGI_CD_ALL: case CMD_OP_ATC_INV:
	case CMD_OP_PRI_RESP: case CMD_OP_RESUME: case CMD_OP_STALL_TERM:
		return true;
	default:
		return false;
	}
}

void orc_on_phys_cmd(struct oracle *o, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS])
{
	unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, cmd[0]);
	uint32_t sid = (uint32_t)VS_FIELD_GET(CMD0_SID, cmd[0]);

	o->ncallbacks++;
	o->op_streams = true;
	orc_call_phys_cmd(o, g, psmmu, cmd);
	if (op == CMD_OP_CFGI_STE || op == CMD_OP_CFGI_STE_RANGE)
		watch_stream(o, psmmu, sid);
	if (!guest_ok(g))
		return;         /* the hypervisor's own command */
	if (o->g[g].ever && !o->g[g].alive) {
		dead_guest_activity(o, g, "phys-cmd");
		return;
	}
	if (cmd_vmid_scoped(op)) {
		uint16_t want = guest_vmid(o, g);
		uint64_t vm = VS_FIELD_GET(CMD0_VMID, cmd[0]);
		if (vm != want)
			orc_viol(o, 6, "guest=%s stream=psmmu%u field=cmd0x%02x.VMID expected=0x%x seen=0x%" PRIx64,
			     gname(o, g), psmmu, op, want, vm);
		return;
	}
	if (cmd_sid_scoped(op)) {
		if (!is_guest_stream(o, g, psmmu, sid))
			orc_viol(o, 6, "guest=%s stream=psmmu%u/psid0x%" PRIx32 " field=cmd0x%02x.SID"
			     " expected=a-stream-of-%s seen=0x%" PRIx32, gname(o, g), psmmu, sid, op,
			     gname(o, g), sid);
		return;
	}
	if (op == CMD_OP_CFGI_STE_RANGE) {
		unsigned range = (unsigned)VS_FIELD_GET(CMD1_RANGE, cmd[1]);
		uint64_t n, start;
		if (range >= CMD_CFGI_RANGE_ALL || range >= 6) {
			/* 2^(range+1) > VSMMU_MAX_STREAMS: cannot be only g's. */
			orc_viol(o, 6, "guest=%s stream=psmmu%u field=CFGI_STE_RANGE.Range expected=only-own-streams"
			     " seen=%u", gname(o, g), psmmu, range);
			return;
		}
		n = UINT64_C(1) << (range + 1);
		start = sid & ~(n - 1);
		for (uint64_t s = start; s < start + n; s++)
			if (!is_guest_stream(o, g, psmmu, (uint32_t)s)) {
				orc_viol(o, 6, "guest=%s stream=psmmu%u/psid0x%" PRIx64 " field=CFGI_STE_RANGE"
				     " expected=only-own-streams seen=covers-0x%" PRIx64, gname(o, g), psmmu, s, s);
				return;
			}
		return;
	}
	if (op == CMD_OP_SYNC) {
		if (VS_FIELD_GET(CMD0_SYNC_CS, cmd[0]) == CMD_SYNC_CS_IRQ) {
			uint64_t addr = cmd[1] & CMD1_SYNC_MSIADDR;
			int og = -1;
			if (addr && plat_hpa_owner(o->p, addr, 4, &og) != PLAT_OWN_HYP)
				orc_viol(o, 6, "guest=%s stream=psmmu%u field=CMD_SYNC.MSIAddress"
				     " expected=hypervisor-memory seen=0x%" PRIx64, gname(o, g), psmmu, addr);
		}
		return;
	}
	orc_viol(o, 6, "guest=%s stream=psmmu%u field=opcode expected=guest-scoped-command seen=0x%02x",
	     gname(o, g), psmmu, op);
}

/* Traces decide nothing (they are the library's word); a stream they name
 * is only added to the watch set, which can add checks, never remove one. */
void orc_on_vsmmu_trace(struct oracle *o, int g, const struct vsmmu_trace *t)
{
	(void)g;
	o->ncallbacks++;
	if (t->kind == VSMMU_TRACE_STE_INSTALLED || t->kind == VSMMU_TRACE_HOST_EVENT)
		o->op_streams = true;
	if (t->kind == VSMMU_TRACE_STE_INSTALLED || t->kind == VSMMU_TRACE_HOST_EVENT)
		watch_stream(o, t->psmmu, t->psid);
}

/* A round skipped guest's vsmmu_run (plat_run_round): the reference model
 * checks the guest's queue agrees that no work was deferred. */
void orc_on_run_skipped(struct oracle *o, int g)
{
	refmodel_run_skipped(o->rm, g);
}

void orc_on_phys_evtq_overflow(struct oracle *o, unsigned psmmu)
{
	refmodel_phys_evtq_overflow(o->rm, psmmu);
}

void orc_on_irq(struct oracle *o, int g, enum vsmmu_irq_line line)
{
	o->ncallbacks++;
	refmodel_on_irq(o->rm, g, line);
	if (guest_ok(g) && o->g[g].ever && !o->g[g].alive)
		dead_guest_activity(o, g, line == VSMMU_IRQ_EVTQ ? "irq-evtq" :
				    line == VSMMU_IRQ_GERROR ? "irq-gerror" :
				    line == VSMMU_IRQ_CMD_SYNC ? "irq-cmd_sync" : "irq-priq");
}

/* ---- the observer: what the platform reports, to the checks ---------- */

/* What the platform was asked to do (the allocation baseline of I8 is what
 * the world held when the first guest was asked for). */
static void h_action(void *ctx, const struct plat_action *a)
{
	struct oracle *o = ctx;

	switch (a->kind) {
	case PLAT_ACTION_GUEST_CREATING:
		if (!o->have_baseline) {
			o->have_baseline = true;
			o->alloc_baseline = plat_allocs_outstanding(o->p);
		}
		break;
	case PLAT_ACTION_GUEST_CREATED: guest_created(o, a->guest); break;
	case PLAT_ACTION_GUEST_DESTROYED: guest_destroyed(o, a->guest); break;
	case PLAT_ACTION_ASSIGNING: assigned(o, a->guest, a->vsid, a->psmmu, a->psid); break;
	case PLAT_ACTION_ASSIGN_FAILED: assign_failed(o, a->guest, a->vsid, a->psmmu, a->psid); break;
	case PLAT_ACTION_UNASSIGNING: unassigning(o, a->guest, a->vsid); break;
	case PLAT_ACTION_UNASSIGNED: unassigned(o, a->guest, a->vsid); break;
	case PLAT_ACTION_EVENT_INJECTED: injected_event(o, a->psmmu, a->psid); break;
	case PLAT_ACTION_DMA: dma_issued(o, a->guest, a->vsid); break;
	}
}

static void h_access(void *ctx, const struct plat_access *a) { orc_on_access(ctx, a); }
static void h_phys_cmd(void *ctx, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS])
{
	orc_on_phys_cmd(ctx, g, psmmu, cmd);
}
static void h_trace(void *ctx, int g, const struct vsmmu_trace *t) { orc_on_vsmmu_trace(ctx, g, t); }
static void h_irq(void *ctx, int g, enum vsmmu_irq_line line) { orc_on_irq(ctx, g, line); }
static void h_mmio(void *ctx, int g, uint64_t off, unsigned size, uint64_t value, bool write)
{
	orc_on_mmio(ctx, g, off, size, value, write);
}
static void h_call(void *ctx, int g, enum plat_call call, bool begin) { orc_on_call(ctx, g, call, begin); }
static void h_phys_event(void *ctx, unsigned psmmu, const uint64_t rec[EVT_DWORDS])
{
	orc_on_phys_event(ctx, psmmu, rec);
}
static void h_evtq_overflow(void *ctx, unsigned psmmu) { orc_on_phys_evtq_overflow(ctx, psmmu); }
static void h_run_skipped(void *ctx, int g) { orc_on_run_skipped(ctx, g); }

/* A command's outcome: I11's accounting, then, for a command the physical
 * SMMU consumed (executed or skipped), I10's VMID retirement. */
static void h_phys_cmd_done(void *ctx, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
			    unsigned status)
{
	struct oracle *o = ctx;

	o->op_streams = true;
	orc_on_phys_cmd_done(o, g, psmmu, cmd, status);
	if (status != VSMMU_PHYS_TIMEOUT && status != VSMMU_PHYS_FAIL)
		orc_vmid_cmd_done(&o->vm, psmmu, cmd, status);
}

void oracle_observer(struct oracle *o, struct plat_observer *obs)
{
	*obs = (struct plat_observer){
		.ctx = o, .on_access = h_access, .on_phys_cmd = h_phys_cmd, .on_vsmmu_trace = h_trace,
		.on_irq = h_irq, .on_mmio = h_mmio, .on_call = h_call, .on_phys_event = h_phys_event,
		.on_phys_cmd_done = h_phys_cmd_done, .on_phys_evtq_overflow = h_evtq_overflow,
		.on_action = h_action, .on_run_skipped = h_run_skipped,
	};
}

/* ---- per op ----------------------------------------------------------- */

void oracle_begin(struct oracle *o, enum oracle_op_class cls, int actor)
{
	/* An armed memory abort stands in for the failure it will cause; what
	 * the other inject statements do the platform counts itself. */
	if (cls == ORACLE_OP_INJECT)
		refmodel_faults_injected(o->rm, actor);
	o->cls = cls;
	o->actor = actor;
	o->ncallbacks = 0;
	o->op_streams = cls != ORACLE_OP_GUEST;
	o->op_calls = 0;
	o->viol_mask = 0;
	o->event_source_set = false;
	o->event_source = -1;
	for (unsigned i = 0; i < PLAT_MAX_GUESTS; i++) {
		o->g[i].held_begin = o->g[i].alive ? plat_guest_bytes_held(o->p, (int)i) : 0;
		o->g[i].active = false;
		o->g[i].phys_fail = false;
		o->g[i].events = 0;
	}
	for (unsigned i = 0; i < o->nas; i++)
		o->as[i].live_at_begin = o->as[i].live;
	o->digest_valid = false;
	if (cls == ORACLE_OP_GUEST || cls == ORACLE_OP_HYP) {
		o->digest_before = plat_hyp_digest(o->p);
		o->digest_valid = true;
	}
	{
		/* The "before" of every watched stream is what it was when last
		 * taken while the platform's streams_gen has not moved since
		 * (no physical STE written, no owner changed): only streams
		 * watched since then need one. Not in the reference mode. */
		uint64_t gen = plat_streams_gen(o->p);
		unsigned from = !o->full_every_op && o->w_gen == gen ? o->w_fresh : 0;

		for (unsigned i = 0; i < o->nw; i++) {
			struct orc_stream *s = &o->w[i];
			uint32_t vsid;
			s->installed_by = 0;
			s->written = false;
			s->written_ok = false;
			if (cls == ORACLE_OP_INJECT) {
				s->have_before = false;
				continue;
			}
			if (i < from)
				continue;
			s->have_before = plat_psmmu_ste(o->p, s->psmmu, s->psid, s->before);
			s->owner_before = plat_stream_owner(o->p, s->psmmu, s->psid, &vsid);
		}
		o->w_gen = gen;
		o->w_fresh = cls == ORACLE_OP_INJECT ? 0 : o->nw;
	}
}

static void check_i2(struct oracle *o)
{
	if (o->digest_valid) {
		uint64_t d = plat_hyp_digest(o->p);
		if (d != o->digest_before)
			orc_viol(o, 2, "guest=%s stream=- field=hypervisor-memory expected=digest-0x%016" PRIx64
			     " seen=0x%016" PRIx64, gname(o, o->actor), o->digest_before, d);
	}
	/* No physical STE written since oracle_begin took the "before"s. */
	if (!o->full_every_op && plat_streams_gen(o->p) == o->w_gen)
		return;
	for (unsigned i = 0; i < o->nw; i++) {
		struct orc_stream *s = &o->w[i];
		uint64_t now[STE_DWORDS];
		uint32_t vsid;
		int owner;
		unsigned dw;

		if (!s->have_before || !plat_psmmu_ste(o->p, s->psmmu, s->psid, now))
			continue;
		for (dw = 0; dw < STE_DWORDS && now[dw] == s->before[dw]; dw++)
			;
		if (dw == STE_DWORDS)
			continue;
		owner = s->owner_before;
		if (owner < 0)
			owner = plat_stream_owner(o->p, s->psmmu, s->psid, &vsid);
		if (s->written_ok)
			continue;        /* each write judged against its call (oracle_call.c) */
		orc_viol(o, 2, "guest=%s stream=psmmu%u/psid0x%" PRIx32 "(owner %s) field=STE.dw%u expected=0x%016"
		     PRIx64 " seen=0x%016" PRIx64, gname(o, o->actor), s->psmmu, s->psid,
		     owner >= 0 ? gname(o, owner) : "none", dw, s->before[dw], now[dw]);
		return;
	}
}

static bool ste_zero(const uint64_t s[STE_DWORDS])
{
	uint64_t any = 0;

	for (unsigned dw = 0; dw < STE_DWORDS; dw++)
		any |= s[dw];
	return any == 0;
}

/* The table STEs [0, n) of psmmu m, read a block at a time. An all-zero
 * STE (V=0 and nothing else) blocks and carries nothing: orc_ste_judge
 * accepts it for any owner, so its owner is not looked up. */
static void sweep_table(struct oracle *o, unsigned m, uint32_t n)
{
	enum { BLK = 64 };
	uint64_t blk[BLK][STE_DWORDS];

	for (uint32_t sid = 0; sid < n;) {
		unsigned want = n - sid < BLK ? n - sid : BLK, got;

		/* No page there: all zero or unreadable, judged as nothing
		 * either way (ste_zero below, got == 0), so not read. */
		if (plat_psmmu_stes_blank(o->p, m, sid, want)) {
			sid += want;
			continue;
		}
		got = plat_psmmu_stes(o->p, m, sid, want, blk);
		if (got == 0) {
			sid++;          /* unreadable: plat_psmmu_ste would fail too */
			continue;
		}
		for (unsigned k = 0; k < got; k++) {
			uint32_t vsid, s = sid + k;
			int owner;

			if (ste_zero(blk[k]))
				continue;
			owner = plat_stream_owner(o->p, m, s, &vsid);
			if (owner >= 0)
				(void)orc_ste_judge(o, 1, owner, orc_assign_of_stream(o, m, s), m, s, blk[k], false);
			else
				(void)orc_ste_judge(o, ever_assigned(o, m, s) ? 10 : 1, -1, NULL, m, s, blk[k], false);
		}
		sid += got;
	}
}

static void check_streams(struct oracle *o, bool full)
{
	for (unsigned i = 0; i < o->nas; i++) {
		const struct orc_assign *a = &o->as[i];
		uint32_t vsid;
		int owner;

		if (a->live) {
			check_stream(o, 1, a->guest, a->psmmu, a->psid);
			continue;
		}
		owner = plat_stream_owner(o->p, a->psmmu, a->psid, &vsid);
		if (owner < 0)
			check_stream(o, 10, -1, a->psmmu, a->psid);
	}
	for (unsigned i = 0; i < o->nw; i++) {
		const struct orc_stream *s = &o->w[i];
		uint32_t vsid;
		int owner = plat_stream_owner(o->p, s->psmmu, s->psid, &vsid);
		if (owner < 0 && !ever_assigned(o, s->psmmu, s->psid))
			check_stream(o, 1, -1, s->psmmu, s->psid);
		else if (owner >= 0)
			check_stream(o, 1, owner, s->psmmu, s->psid);
	}
	if (!full)
		return;
	uint32_t cached[ORACLE_MAX_CACHED];

	for (unsigned m = 0; m < PLAT_MAX_PSMMU; m++) {
		uint64_t n;
		if (!plat_psmmu_declared(o->p, m))
			continue;
		n = UINT64_C(1) << plat_psmmu_sidsize(o->p, m);
		if (n > ORACLE_SWEEP_SIDS)
			n = ORACLE_SWEEP_SIDS;
		if (o->full_every_op) {
			/* the reference: one lookup per StreamID */
			for (uint32_t sid = 0; sid < n; sid++) {
				uint32_t vsid;
				int owner = plat_stream_owner(o->p, m, sid, &vsid);
				if (owner >= 0)
					check_table_ste(o, 1, owner, m, sid);
				else
					check_table_ste(o, ever_assigned(o, m, sid) ? 10 : 1, -1, m, sid);
			}
		} else {
			sweep_table(o, m, (uint32_t)n);
		}
		/* Every cached STE, whatever its StreamID: one probe per entry
		 * instead of one cache scan per swept StreamID. */
		n = plat_psmmu_cached_sids(o->p, m, cached, ORACLE_MAX_CACHED);
		if (n > ORACLE_MAX_CACHED)
			n = ORACLE_MAX_CACHED;
		for (unsigned i = 0; i < n; i++) {
			uint32_t vsid;
			int owner = plat_stream_owner(o->p, m, cached[i], &vsid);
			if (owner >= 0)
				check_cached_ste(o, 1, owner, m, cached[i]);
			else
				check_cached_ste(o, ever_assigned(o, m, cached[i]) ? 10 : 1, -1, m, cached[i]);
		}
	}
}

/* I9: an SMMU-written index register keeps to index + wrap for its queue's
 * LOG2SIZE (clamped to the IDR1 maximum), plus its one flag field. */
static void check_index(struct oracle *o, int g, uint64_t base_off, uint64_t idr1_field,
			uint64_t idr1, uint64_t idx_off, uint64_t flags, const char *name)
{
	uint64_t base = orc_reg(o, g, base_off, 8), val;
	unsigned qs = vs_q_log2size(base, (unsigned)VS_FIELD_GET(idr1_field, idr1));

	val = orc_reg(o, g, idx_off, 4);
	if (val & ~((uint64_t)vs_q_mask(qs) | flags))
		orc_viol(o, 9, "guest=%s stream=- field=%s(bits-beyond-index+wrap) expected=0"
		     " seen=0x%" PRIx64 "(QS=%u)", gname(o, g), name, val, qs);
}

static void check_registers(struct oracle *o, int g)
{
	uint64_t cr0, ack, irq, irqack, gerror, idr1;

	if (!plat_guest_vsmmu(o->p, g))
		return;
	cr0 = orc_reg(o, g, SMMU_CR0, 4);
	ack = orc_reg(o, g, SMMU_CR0ACK, 4);
	irq = orc_reg(o, g, SMMU_IRQ_CTRL, 4);
	irqack = orc_reg(o, g, SMMU_IRQ_CTRLACK, 4);
	gerror = orc_reg(o, g, SMMU_GERROR, 4);
	idr1 = orc_reg(o, g, SMMU_IDR1, 4);
	{
		const uint64_t k = CR0_SMMUEN | CR0_EVENTQEN | CR0_CMDQEN;
		if ((cr0 & k) != (ack & k))
			orc_viol(o, 9, "guest=%s stream=- field=CR0ACK expected=0x%" PRIx64 " seen=0x%" PRIx64,
			     gname(o, g), cr0 & k, ack & k);
	}
	{
		const uint64_t k = IRQ_CTRL_GERROR_IRQEN | IRQ_CTRL_EVENTQ_IRQEN | IRQ_CTRL_PRIQ_IRQEN;
		if ((irq & k) != (irqack & k))
			orc_viol(o, 9, "guest=%s stream=- field=IRQ_CTRLACK expected=0x%" PRIx64 " seen=0x%" PRIx64,
			     gname(o, g), irq & k, irqack & k);
	}
	if (gerror & ~(uint64_t)GERROR_ERR_MASK)
		orc_viol(o, 9, "guest=%s stream=- field=GERROR(reserved) expected=0 seen=0x%" PRIx64,
		     gname(o, g), gerror & ~(uint64_t)GERROR_ERR_MASK);

	check_index(o, g, SMMU_CMDQ_BASE, IDR1_CMDQS, idr1, SMMU_CMDQ_CONS, CMDQ_CONS_ERR,
		    "CMDQ_CONS");
	check_index(o, g, SMMU_EVENTQ_BASE, IDR1_EVENTQS, idr1, SMMU_EVENTQ_PROD,
		    EVENTQ_PROD_OVFLG, "EVENTQ_PROD");
}

static void check_guests(struct oracle *o, bool full)
{
	if (o->ncallbacks > ORACLE_MAX_OP_CALLBACKS)
		orc_viol(o, 7, "guest=%s stream=- field=callbacks-per-op expected<=%" PRIu32 " seen=%" PRIu32,
		     gname(o, o->actor), ORACLE_MAX_OP_CALLBACKS, o->ncallbacks);
	/* A guest op without any libvsmmu call (memory, stream table, page
	 * tables): no register and no held byte changed since the last op. */
	if (!full && !o->op_calls && o->cls == ORACLE_OP_GUEST)
		return;
	for (int g = 0; g < (int)PLAT_MAX_GUESTS; g++) {
		struct orc_guest *og = &o->g[g];
		size_t held;

		if (!og->alive || !plat_guest_alive(o->p, g))
			continue;
		held = plat_guest_bytes_held(o->p, g);
		if (held > ORACLE_GUEST_BYTES_CAP)
			orc_viol(o, 8, "guest=%s stream=- field=bytes-held expected<=%zu seen=%zu",
			     gname(o, g), ORACLE_GUEST_BYTES_CAP, held);
		check_registers(o, g);
	}
}

/* I8: what an assignment took, its unassignment gives back. */
static void check_assign_memory(struct oracle *o)
{
	for (unsigned i = 0; i < o->nas; i++) {
		struct orc_assign *a = &o->as[i];
		size_t now, begin;

		if (!guest_ok(a->guest) || !o->g[a->guest].alive || !plat_guest_alive(o->p, a->guest))
			continue;
		now = plat_guest_bytes_held(o->p, a->guest);
		begin = o->g[a->guest].held_begin;
		if (a->live && !a->live_at_begin && !a->delta_set) {
			a->delta_set = true;
			a->delta = now > begin ? now - begin : 0;
		} else if (!a->live && a->live_at_begin && a->delta_set) {
			size_t freed = begin > now ? begin - now : 0;
			if (freed < a->delta)
				orc_viol(o, 8, "guest=%s stream=vsid0x%" PRIx32 " field=bytes-freed-by-unassign"
				     " expected>=%zu seen=%zu", gname(o, a->guest), a->vsid, a->delta, freed);
			a->delta_set = false;
		}
	}
}

static int report(struct oracle *o, char *reason, size_t len)
{
	for (unsigned i = 0; i < ORC_NINV; i++) {
		int inv = orc_priority[i];
		if (o->viol_mask & (1u << inv)) {
			if (reason && len)
				snprintf(reason, len, "%s", o->viol[inv]);
			return inv;
		}
	}
	return 0;
}

int oracle_end(struct oracle *o, bool full, char *reason, size_t len)
{
	full = full || o->full_every_op;
	orc_call_finish_pending(o);
	/* Incremental: streams, cached copies and hypervisor memory are
	 * judged again only after an op that could have changed one. */
	if (full || o->op_streams) {
		check_i2(o);
		check_streams(o, full);
	}
	check_guests(o, full);
	check_assign_memory(o);
	{
		char msg[400];
		int g = -1;

		refmodel_set_quiet(o->rm, !full && !o->op_calls && o->cls == ORACLE_OP_GUEST);
		if (refmodel_check(o->rm, full, &g, msg, sizeof msg))
			orc_viol(o, 12, "guest=%s stream=- %s", gname(o, g), msg);
	}
	return report(o, reason, len);
}

int oracle_final(struct oracle *o, char *reason, size_t len)
{
	size_t now;

	o->viol_mask = 0;
	check_streams(o, true);
	if (o->have_baseline) {
		now = plat_allocs_outstanding(o->p);
		if (now != o->alloc_baseline)
			orc_viol(o, 8, "guest=- stream=- field=allocations-after-teardown expected=%zu seen=%zu",
			     o->alloc_baseline, now);
	}
	return report(o, reason, len);
}
