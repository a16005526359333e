/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * platform.c - one simulated world: lifecycle, guests (RAM, stage 2, one
 * vSMMU each, wired to this platform through struct vsmmu_env), stream
 * ownership, hypervisor rounds, interrupts, accounting and the oracle's view.
 */
#include <stdlib.h>
#include <string.h>

#include "inject/internal.h"
#include "inject/snapshot.h"

/* ---- observation of libvsmmu calls --------------------------------------------- */
void plat_call_mark(struct platform *p, int guest, enum plat_call call, bool begin)
{
	PLAT_NOTIFY(p, on_call, guest, call, begin);
}

/* ---- allocation accounting --------------------------------------------------- */
void *plat_alloc(struct platform *p, int guest, size_t size)
{
	void *ptr;

	if (fault_step(p, PLAT_FAULT_ALLOC, guest, 0, 0, size))
		return NULL;
	ptr = wheap_alloc(p->heap, size, false, false);
	if (!ptr)
		return NULL;
	p->allocs++;
	if (guest >= 0 && p->g[guest])
		p->g[guest]->bytes_held += size;
	else
		p->host_bytes += size;
	return ptr;
}

void plat_free(struct platform *p, int guest, void *ptr, size_t size)
{
	size_t *held;

	if (!ptr)
		return;
	wheap_free(p->heap, ptr);
	if (p->allocs)
		p->allocs--;
	held = guest >= 0 && p->g[guest] ? &p->g[guest]->bytes_held : &p->host_bytes;
	*held = *held >= size ? *held - size : 0;
}

/* ---- the environment of one guest's vSMMU ------------------------------------ */
/* The observer sees a refused access too (the oracle: an aborted command
 * fetch makes CERROR_ABT architected). */
static void env_mem_refused(struct plat_guest *g, uint64_t ipa, size_t len, bool write)
{
	struct platform *p = g->p;
	struct plat_access a = {
		.actor = PLAT_ACT_HYP_GUEST, .guest = g->idx, .psmmu = -1, .ipa = ipa,
		.len = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len, .write = write,
		.s2_checked = true, .aborted = true,
	};

	PLAT_NOTIFY(p, on_access, &a);
}
static int env_mem(struct plat_guest *g, uint64_t ipa, void *buf, size_t len, bool write)
{
	struct platform *p = g->p;
	uint8_t *b = buf;
	/* MSI_IPA_AS_HPA: an embedder whose MSI fast path (the vSMMU's only
	 * 32-bit writes) takes the guest's MSI address for a host address */
	bool bug = (p->plat_bugs & PLAT_BUG_HYP_IPA_AS_HPA) ||
		   ((p->plat_bugs & PLAT_BUG_MSI_IPA_AS_HPA) && write && len == 4);

	if (ipa + len < ipa || fault_step(p, PLAT_FAULT_MEM, g->idx, 0, ipa, len)) {
		env_mem_refused(g, ipa, len, write);
		return -1;
	}
	while (len) {
		size_t n = HM_PAGE_SIZE - (ipa & (HM_PAGE_SIZE - 1));
		struct plat_access a = {
			.actor = PLAT_ACT_HYP_GUEST, .guest = g->idx, .psmmu = -1, .ipa = ipa,
			.write = write, .s2_checked = !bug,
		};

		if (n > len)
			n = len;
		a.len = (uint32_t)n;
		a.hpa = ipa;
		if (!bug) {
			struct ptw_res r;
			struct ptw_fault_info fi;

			if (s2_translate(p, &g->s2, ipa, write, &r, &fi)) {
				env_mem_refused(g, ipa, len, write);
				return -1;
			}
			a.hpa = r.oa;
		}
		if (hm_access(p, &a, b))
			return -1;
		ipa += n;
		b += n;
		len -= n;
	}
	return 0;
}

static int env_mem_read(void *ctx, uint64_t ipa, void *buf, size_t len)
{
	return env_mem(ctx, ipa, buf, len, false);
}

static int env_mem_write(void *ctx, uint64_t ipa, const void *buf, size_t len)
{
	return env_mem(ctx, ipa, (void *)(uintptr_t)buf, len, true);
}

static void env_raise_irq(void *ctx, enum vsmmu_irq_line line)
{
	struct plat_guest *g = ctx;
	struct platform *p = g->p;

	if ((unsigned)line >= VSMMU_IRQ_NR)
		return;
	g->irq[line]++;
	PLAT_NOTIFY(p, on_irq, g->idx, line);
}

static void *env_alloc(void *ctx, size_t size)
{
	struct plat_guest *g = ctx;

	return plat_alloc(g->p, g->idx, size);
}

static void env_free(void *ctx, void *ptr, size_t size)
{
	struct plat_guest *g = ctx;

	plat_free(g->p, g->idx, ptr, size);
}

static struct psmmu *ps_of(const struct platform *p, unsigned n)
{
	return n < PLAT_MAX_PSMMU ? p->ps[n] : NULL;
}

static int env_install_ste(void *ctx, unsigned psmmu, uint32_t psid, const uint64_t ste[STE_DWORDS])
{
	struct plat_guest *g = ctx;
	struct psmmu *ps = ps_of(g->p, psmmu);

	if (!ps || fault_step(g->p, PLAT_FAULT_STE, g->idx, psmmu, 0, STE_SIZE)) {
		/* The observer sees the failed install (the oracle's I11). */
		struct plat_access a = {
			.actor = PLAT_ACT_HYP_PRIVATE, .guest = g->idx, .psmmu = (int)psmmu, .psid = psid,
			.len = STE_SIZE, .write = true, .aborted = true,
		};
		PLAT_NOTIFY(g->p, on_access, &a);
		return -1;
	}
	return psmmu_write_ste(g->p, ps, g->idx, psid, ste);
}

static int env_send_cmd(void *ctx, unsigned psmmu, const uint64_t cmd[CMD_DWORDS])
{
	struct plat_guest *g = ctx;
	struct psmmu *ps = ps_of(g->p, psmmu);

	return ps ? pcmdq_send(g->p, ps, g->idx, cmd) : VSMMU_PHYS_FAIL;
}

static int env_sync(void *ctx, unsigned psmmu)
{
	struct plat_guest *g = ctx;
	struct psmmu *ps = ps_of(g->p, psmmu);

	return ps ? pcmdq_sync(g->p, ps, g->idx) : VSMMU_PHYS_FAIL;
}

static void env_fence(void *ctx, unsigned psmmu)
{
	struct plat_guest *g = ctx;
	struct psmmu *ps = ps_of(g->p, psmmu);

	if (ps)
		psmmu_fence(ps);
}

static void env_trace(void *ctx, const struct vsmmu_trace *t)
{
	struct plat_guest *g = ctx;
	struct platform *p = g->p;

	PLAT_NOTIFY(p, on_vsmmu_trace, g->idx, t);
}

static void *host_alloc(void *ctx, size_t size)
{
	return plat_alloc(ctx, -1, size);
}

static void host_free(void *ctx, void *ptr, size_t size)
{
	plat_free(ctx, -1, ptr, size);
}

static void host_trace(void *ctx, const struct vsmmu_trace *t)
{
	struct platform *p = ctx;

	PLAT_NOTIFY(p, on_vsmmu_trace, -1, t);
}

/* ---- lifecycle ------------------------------------------------------------------ */
struct platform *plat_create(void)
{
	return plat_create_in(NULL);
}

struct platform *plat_create_in(struct wheap *heap)
{
	struct platform *p = wheap_alloc(heap, sizeof(*p), true, false);
	struct vsmmu_host_env henv = {
		.alloc = host_alloc, .free = host_free, .trace = host_trace,
	};

	if (!p)
		return NULL;
	hm_init(&p->hm);
	p->heap = heap;
	p->hm.heap = heap;
	p->s2_bump = HYP_S2_BASE;
	p->ram_bump = RAM_BASE;
	henv.ctx = p;
	p->host = vsmmu_host_create(&henv);
	if (!p->host) {
		wheap_free(heap, p);
		return NULL;
	}
	return p;
}

static void guest_free(struct platform *p, int gi)
{
	fault_guest_gone(p, gi);
	wheap_free(p->heap, p->g[gi]);
	p->g[gi] = NULL;
	p->streams_gen++;
}

void plat_destroy(struct platform *p)
{
	if (!p)
		return;
	for (int gi = 0; gi < (int)PLAT_MAX_GUESTS; gi++)
		if (p->g[gi])
			plat_destroy_guest(p, gi);
	vsmmu_host_destroy(p->host);
	for (unsigned n = 0; n < PLAT_MAX_PSMMU; n++)
		psmmu_free(p->ps[n]);
	hm_fini(&p->hm);
	wheap_free(p->heap, p);
}

void plat_set_observer(struct platform *p, const struct plat_observer *obs)
{
	memset(p->obs, 0, sizeof(p->obs));
	p->nobs = 0;
	if (obs)
		(void)plat_add_observer(p, obs);
}

int plat_add_observer(struct platform *p, const struct plat_observer *obs)
{
	if (!obs || p->nobs >= PLAT_MAX_OBSERVERS)
		return -1;
	p->obs[p->nobs++] = *obs;
	return 0;
}

void plat_remove_observer(struct platform *p, const void *ctx)
{
	unsigned n = 0;

	for (unsigned i = 0; i < p->nobs; i++)
		if (p->obs[i].ctx != ctx)
			p->obs[n++] = p->obs[i];
	memset(&p->obs[n], 0, (p->nobs - n) * sizeof(p->obs[0]));
	p->nobs = n;
}

/* What the platform was asked to do, before and after (struct plat_action). */
static void action(struct platform *p, enum plat_action_kind kind, int guest, uint32_t vsid,
		   unsigned psmmu, uint32_t psid)
{
	struct plat_action a = { kind, guest, vsid, psmmu, psid };

	PLAT_NOTIFY(p, on_action, &a);
}

void plat_action_mark(struct platform *p, enum plat_action_kind kind, int guest, unsigned psmmu,
		      uint32_t psid)
{
	action(p, kind, guest, 0, psmmu, psid);
}

unsigned plat_bug_by_name(const char *name)
{
	static const struct { const char *name; unsigned bug; } bugs[] = {
#define PLAT_BUG_ROW(n, bit, what) { #n, PLAT_BUG_##n },
		PLAT_BUG_LIST(PLAT_BUG_ROW)
#undef PLAT_BUG_ROW
	};

	for (size_t i = 0; name && i < sizeof bugs / sizeof bugs[0]; i++)
		if (strcmp(bugs[i].name, name) == 0)
			return bugs[i].bug;
	return 0;
}

void plat_set_planted_bugs(struct platform *p, unsigned plat_bugs)
{
	p->plat_bugs = plat_bugs;
}

static bool any_guest(const struct platform *p)
{
	for (unsigned gi = 0; gi < PLAT_MAX_GUESTS; gi++)
		if (p->g[gi])
			return true;
	return false;
}

static bool oas_ok(unsigned oas)
{
	return oas == 32 || oas == 36 || oas == 40 || oas == 42 || oas == 44 || oas == 48 || oas == 52;
}

int plat_add_psmmu(struct platform *p, unsigned n, const struct plat_psmmu_cfg *cfg)
{
	struct plat_psmmu_cfg def = { PLAT_DEFAULT_SIDSIZE, PLAT_DEFAULT_SSIDSIZE, PLAT_DEFAULT_OAS, false };

	if (!cfg)
		cfg = &def;
	if (n >= PLAT_MAX_PSMMU || p->ps[n] || any_guest(p) || cfg->sidsize < 1 ||
	    cfg->sidsize > SMMU_SIDSIZE_MAX || cfg->ssidsize > SMMU_SSIDSIZE_MAX || !oas_ok(cfg->oas_bits))
		return -1;
	p->ps[n] = psmmu_new(p, n, cfg);
	p->streams_gen++;
	return p->ps[n] ? 0 : -1;
}

static bool ranges_ok(const struct plat_range *ram, unsigned nranges, unsigned ipa_bits)
{
	uint64_t total = 0, lim = UINT64_C(1) << ipa_bits;

	if (!ram || nranges < 1 || nranges > PLAT_MAX_RAM_RANGES)
		return false;
	for (unsigned i = 0; i < nranges; i++) {
		uint64_t a = ram[i].ipa, s = ram[i].size;

		if (!s || ((a | s) & (HM_PAGE_SIZE - 1)) || a >= lim || s > lim - a)
			return false;
		total += s;
		if (total > PLAT_MAX_RAM_BYTES)
			return false;
		for (unsigned j = 0; j < i; j++)
			if (a < ram[j].ipa + ram[j].size && ram[j].ipa < a + s)
				return false;
	}
	return true;
}

int plat_add_guest(struct platform *p, uint16_t vmid, const struct plat_range *ram, unsigned nranges)
{
	return plat_add_guest_s2(p, vmid, ram, NULL, nranges);
}

void plat_guest_opts_default(struct plat_guest_opts *o)
{
	o->msi = true;
	o->ril = true;
	o->max_pages = PLAT_GUEST_MAX_PAGES;
}

bool plat_guest_opts_of(const struct platform *p, int guest, struct plat_guest_opts *o)
{
	if (!plat_guest_alive(p, guest))
		return false;
	*o = p->g[guest]->opts;
	return true;
}

int plat_add_guest_s2(struct platform *p, uint16_t vmid, const struct plat_range *ram,
		      const unsigned *s2_deny, unsigned nranges)
{
	return plat_add_guest_opts(p, vmid, ram, s2_deny, nranges, NULL);
}

int plat_add_guest_opts(struct platform *p, uint16_t vmid, const struct plat_range *ram,
			const unsigned *s2_deny, unsigned nranges, const struct plat_guest_opts *opts)
{
	struct plat_guest_opts o;
	struct vsmmu_config cfg;
	struct plat_guest *g;
	unsigned oas, ps_bits, ssidsize = SMMU_SSIDSIZE_MAX;
	int gi = -1;

	action(p, PLAT_ACTION_GUEST_CREATING, -1, 0, 0, 0);
	if (!p->ps[0] && !p->ps[1] && !p->ps[2] && !p->ps[3] && plat_add_psmmu(p, 0, NULL))
		return -1;
	if (opts)
		o = *opts;
	else
		plat_guest_opts_default(&o);
	if (!vmid || o.max_pages > PLAT_GUEST_MAX_PAGES)
		return -1;
	for (int i = (int)PLAT_MAX_GUESTS - 1; i >= 0; i--) {
		if (!p->g[i])
			gi = i;
		else if (p->g[i]->vmid == vmid)
			return -1;
	}
	oas = plat_min_oas(p);
	ps_bits = oas > 48 ? 48 : oas;
	if (gi < 0 || !ranges_ok(ram, nranges, oas < PLAT_S2_IPA_BITS ? oas : PLAT_S2_IPA_BITS))
		return -1;
	g = wheap_alloc(p->heap, sizeof(*g), true, false);
	if (!g)
		return -1;
	fault_guest_new(p, gi);
	g->p = p;
	g->idx = gi;
	g->vmid = vmid;
	g->opts = o;
	g->ipa_bits = oas < PLAT_S2_IPA_BITS ? oas : PLAT_S2_IPA_BITS;
	g->nranges = nranges;
	for (unsigned r = 0; r < nranges; r++) {
		uint64_t hpa = ((p->ram_bump + RAM_ALIGN - 1) & ~(RAM_ALIGN - 1)) +
			       (ram[r].ipa & (RAM_ALIGN - 1));

		if (hpa + ram[r].size > (UINT64_C(1) << ps_bits) ||
		    hpa + ram[r].size > STRTAB_REGION) {
			wheap_free(p->heap, g);
			return -1;
		}
		g->ram[r].ipa = ram[r].ipa;
		g->ram[r].size = ram[r].size;
		g->ram[r].hpa = hpa;
		g->ram[r].s2_deny = s2_deny ? s2_deny[r] & (PLAT_S2_DENY_W | PLAT_S2_DENY_R) : 0;
		p->ram_bump = hpa + ram[r].size + RAM_GAP;
	}
	p->g[gi] = g;
	p->streams_gen++;
	if (s2_build(p, g))
		goto fail;
	s2_template(p, g->ipa_bits, ps_bits, vmid, g->s2_root, &g->s2t);
	if (!s2_decode(g->s2t.ste_dw2, g->s2t.ste_dw3, oas, &g->s2))
		goto fail;
	g->env = (struct vsmmu_env){
		.ctx = g, .mem_read = env_mem_read, .mem_write = env_mem_write,
		.raise_irq = env_raise_irq, .alloc = env_alloc, .free = env_free,
		.install_ste = env_install_ste, .send_cmd = env_send_cmd, .sync = env_sync,
		.trace = env_trace, .fence = env_fence,
	};
	for (unsigned n = 0; n < PLAT_MAX_PSMMU; n++)
		if (p->ps[n] && p->ps[n]->ssidsize < ssidsize)
			ssidsize = p->ps[n]->ssidsize;
	vsmmu_config_default(&cfg);
	cfg.ssidsize = ssidsize;          /* 0: no substreams anywhere, none advertised */
	cfg.oas_bits = g->ipa_bits;
	cfg.s2 = g->s2t;
	/* The two queues' maxima differ, as on real SMMUs, so a vSMMU that
	 * clamps one queue's LOG2SIZE with the other's maximum is visible. */
	cfg.eventqs = PLAT_GUEST_EVENTQS;
	cfg.msi = o.msi;
	cfg.ril = o.ril ? 1u : 0u;
	/* The hypervisor knows which of its SMMUs execute range TLBIs. */
	for (unsigned n = 0; n < PLAT_MAX_PSMMU; n++)
		if (p->ps[n] && p->ps[n]->ril)
			cfg.phys_ril |= 1u << n;
	plat_call_mark(p, gi, PLAT_CALL_CREATE, true);
	g->v = vsmmu_create(p->host, &cfg, &g->env);
	plat_call_mark(p, gi, PLAT_CALL_CREATE, false);
	if (!g->v)
		goto fail;
	p->nguests_ever++;
	action(p, PLAT_ACTION_GUEST_CREATED, gi, 0, 0, 0);
	return gi;
fail:
	guest_free(p, gi);
	return -1;
}

bool plat_guest_alive(const struct platform *p, int guest)
{
	return guest >= 0 && guest < (int)PLAT_MAX_GUESTS && p->g[guest];
}

int plat_destroy_guest(struct platform *p, int guest)
{
	struct plat_guest *g;

	if (!plat_guest_alive(p, guest))
		return -1;
	g = p->g[guest];
	plat_call_mark(p, guest, PLAT_CALL_DESTROY, true);
	vsmmu_destroy(g->v);
	plat_call_mark(p, guest, PLAT_CALL_DESTROY, false);
	g->v = NULL;
	/* No VMID retirement here: vsmmu_destroy retires the guest's VMID
	 * itself (TLBI_S12_VMALL + CMD_SYNC on every physical SMMU the guest
	 * used, or env.fence), and the oracle checks that it did (I10). */
	guest_free(p, guest);
	action(p, PLAT_ACTION_GUEST_DESTROYED, guest, 0, 0, 0);
	return 0;
}

static struct plat_stream *find_stream(struct plat_guest *g, uint32_t vsid)
{
	for (unsigned i = 0; i < g->streams_hi; i++)
		if (g->streams[i].used && g->streams[i].vsid == vsid)
			return &g->streams[i];
	return NULL;
}

static int assign(struct platform *p, int guest, uint32_t vsid, unsigned psmmu, uint32_t psid)
{
	struct plat_guest *g;
	struct plat_stream *s = NULL;
	struct psmmu *ps = ps_of(p, psmmu);
	int rc;

	if (!plat_guest_alive(p, guest) || !ps || (ps->sidsize < 32 && (psid >> ps->sidsize)))
		return -1;
	g = p->g[guest];
	if (find_stream(g, vsid) || plat_stream_owner(p, psmmu, psid, NULL) >= 0)
		return -1;
	for (unsigned i = 0; i < VSMMU_MAX_STREAMS && !s; i++)
		if (!g->streams[i].used)
			s = &g->streams[i];
	if (!s)
		return -1;
	plat_call_mark(p, guest, PLAT_CALL_ASSIGN, true);
	rc = vsmmu_assign(g->v, vsid, psmmu, psid);
	plat_call_mark(p, guest, PLAT_CALL_ASSIGN, false);
	if (rc)
		return -1;
	s->used = true;
	p->streams_gen++;
	s->vsid = vsid;
	s->psmmu = (uint8_t)psmmu;
	s->psid = psid;
	if ((unsigned)(s - g->streams) >= g->streams_hi)
		g->streams_hi = (unsigned)(s - g->streams) + 1;
	psmmu_sticky_add(ps, psid);
	return 0;
}

int plat_assign(struct platform *p, int guest, uint32_t vsid, unsigned psmmu, uint32_t psid)
{
	int rc;

	action(p, PLAT_ACTION_ASSIGNING, guest, vsid, psmmu, psid);
	rc = assign(p, guest, vsid, psmmu, psid);
	if (rc)
		action(p, PLAT_ACTION_ASSIGN_FAILED, guest, vsid, psmmu, psid);
	return rc;
}

static int unassign(struct platform *p, int guest, uint32_t vsid)
{
	struct plat_stream *s;
	int rc;

	if (!plat_guest_alive(p, guest))
		return -1;
	s = find_stream(p->g[guest], vsid);
	if (!s)
		return -1;
	plat_call_mark(p, guest, PLAT_CALL_UNASSIGN, true);
	rc = vsmmu_unassign(p->g[guest]->v, vsid);
	plat_call_mark(p, guest, PLAT_CALL_UNASSIGN, false);
	if (rc)
		return -1;
	s->used = false;
	p->streams_gen++;
	return 0;
}

int plat_unassign(struct platform *p, int guest, uint32_t vsid)
{
	int rc;

	action(p, PLAT_ACTION_UNASSIGNING, guest, vsid, 0, 0);
	rc = unassign(p, guest, vsid);
	if (!rc)
		action(p, PLAT_ACTION_UNASSIGNED, guest, vsid, 0, 0);
	return rc;
}

struct vsmmu *plat_guest_vsmmu(struct platform *p, int guest)
{
	return plat_guest_alive(p, guest) ? p->g[guest]->v : NULL;
}

struct vsmmu_host *plat_host(struct platform *p)
{
	return p->host;
}

void plat_guest_s2_template(const struct platform *p, int guest, struct vsmmu_s2_template *t)
{
	if (plat_guest_alive(p, guest))
		*t = p->g[guest]->s2t;
	else
		memset(t, 0, sizeof(*t));
}

/* ---- the guest's CPU ------------------------------------------------------------ */
static const struct plat_ram *ram_of(const struct plat_guest *g, uint64_t ipa)
{
	for (unsigned r = 0; r < g->nranges; r++)
		if (ipa >= g->ram[r].ipa && ipa - g->ram[r].ipa < g->ram[r].size)
			return &g->ram[r];
	return NULL;
}

bool plat_guest_ipa_in_ram(const struct platform *p, int guest, uint64_t ipa, uint64_t len)
{
	const struct plat_guest *g;

	if (!plat_guest_alive(p, guest) || ipa + len < ipa)
		return false;
	g = p->g[guest];
	while (len) {
		const struct plat_ram *r = ram_of(g, ipa);
		uint64_t n;

		if (!r)
			return false;
		n = r->ipa + r->size - ipa;
		if (n > len)
			n = len;
		ipa += n;
		len -= n;
	}
	return true;
}

static int guest_cpu(struct platform *p, int guest, uint64_t ipa, void *buf, size_t len, bool write)
{
	struct plat_guest *g;
	uint8_t *b = buf;

	if (!plat_guest_ipa_in_ram(p, guest, ipa, len))
		return -1;
	g = p->g[guest];
	while (len) {
		const struct plat_ram *r = ram_of(g, ipa);
		uint64_t n = r->ipa + r->size - ipa;
		struct plat_access a = {
			.actor = PLAT_ACT_GUEST_CPU, .guest = guest, .psmmu = -1,
			.hpa = r->hpa + (ipa - r->ipa), .ipa = ipa, .write = write, .s2_checked = true,
		};

		if (n > len)
			n = len;
		if (n > HM_PAGE_SIZE)
			n = HM_PAGE_SIZE;
		a.len = (uint32_t)n;
		if (hm_access(p, &a, b))
			return -1;
		ipa += n;
		b += n;
		len -= n;
	}
	return 0;
}

int plat_guest_read(struct platform *p, int guest, uint64_t ipa, void *buf, size_t len)
{
	return guest_cpu(p, guest, ipa, buf, len, false);
}

int plat_guest_write(struct platform *p, int guest, uint64_t ipa, const void *buf, size_t len)
{
	return guest_cpu(p, guest, ipa, (void *)(uintptr_t)buf, len, true);
}

uint64_t plat_mmio_read(struct platform *p, int guest, uint64_t off, unsigned size)
{
	uint64_t val;

	if (!plat_guest_alive(p, guest))
		return 0;
	plat_call_mark(p, guest, PLAT_CALL_MMIO_READ, true);
	val = vsmmu_mmio_read(p->g[guest]->v, off, size);
	plat_call_mark(p, guest, PLAT_CALL_MMIO_READ, false);
	PLAT_NOTIFY(p, on_mmio, guest, off, size, val, false);
	return val;
}

void plat_mmio_write(struct platform *p, int guest, uint64_t off, unsigned size, uint64_t val)
{
	if (!plat_guest_alive(p, guest))
		return;
	plat_call_mark(p, guest, PLAT_CALL_MMIO_WRITE, true);
	vsmmu_mmio_write(p->g[guest]->v, off, size, val);
	plat_call_mark(p, guest, PLAT_CALL_MMIO_WRITE, false);
	PLAT_NOTIFY(p, on_mmio, guest, off, size, val, true);
}

/* ---- peeks: an observer's own look is not an event of the world ----------------- */
int plat_peek_guest(struct platform *p, int guest, uint64_t ipa, void *buf, size_t len)
{
	int rc;

	p->muted++;
	rc = plat_guest_read(p, guest, ipa, buf, len);
	p->muted--;
	return rc;
}

int plat_peek_guest_hyp(struct platform *p, int guest, uint64_t ipa, void *buf, size_t len)
{
	uint64_t a = ipa, left = len;

	if (!plat_guest_ipa_in_ram(p, guest, ipa, len))
		return -1;
	/* The ranges the hypervisor's stage 2 maps without read permission
	 * refuse its reads (env_mem: s2_translate), not the guest CPU's. */
	while (left) {
		const struct plat_ram *r = ram_of(p->g[guest], a);
		uint64_t n = r->ipa + r->size - a;

		if (r->s2_deny & PLAT_S2_DENY_R)
			return -1;
		if (n >= left)
			break;
		a += n;
		left -= n;
	}
	return plat_peek_guest(p, guest, ipa, buf, len);
}

uint64_t plat_peek_reg(struct platform *p, int guest, uint64_t off, unsigned size)
{
	if (!plat_guest_alive(p, guest))
		return 0;
	return vsmmu_mmio_peek(p->g[guest]->v, off, size);   /* not a trap: no call, no observer */
}

/* ---- hypervisor time ------------------------------------------------------------ */
bool plat_run_round(struct platform *p)
{
	bool pending = false;

	for (unsigned gi = 0; gi < PLAT_MAX_GUESTS; gi++) {
		bool more;

		if (!p->g[gi])
			continue;
		/* No deferred work: vsmmu_run would do nothing (the cheap check
		 * a hypervisor makes before scheduling it). */
		if (!p->run_every_guest && !vsmmu_pending(p->g[gi]->v)) {
			PLAT_NOTIFY(p, on_run_skipped, (int)gi);
			continue;
		}
		plat_call_mark(p, (int)gi, PLAT_CALL_RUN, true);
		more = vsmmu_run(p->g[gi]->v, VSMMU_CMD_BUDGET);
		plat_call_mark(p, (int)gi, PLAT_CALL_RUN, false);
		if (more)
			pending = true;
	}
	for (unsigned n = 0; n < PLAT_MAX_PSMMU; n++)
		if (p->ps[n] && pevtq_drain(p, p->ps[n], PEVTQ_DRAIN))
			pending = true;
	return pending;
}

void plat_set_run_every_guest(struct platform *p, bool every)
{
	p->run_every_guest = every;
}

unsigned plat_settle(struct platform *p)
{
	unsigned rounds = 0;

	while (rounds < PLAT_SETTLE_ROUNDS) {
		rounds++;
		if (!plat_run_round(p))
			break;
	}
	return rounds;
}

uint64_t plat_irq_count(const struct platform *p, int guest, enum vsmmu_irq_line line)
{
	if (!plat_guest_alive(p, guest) || (unsigned)line >= VSMMU_IRQ_NR)
		return 0;
	return p->g[guest]->irq[line];
}

void plat_irq_reset(struct platform *p, int guest, enum vsmmu_irq_line line)
{
	if (plat_guest_alive(p, guest) && (unsigned)line < VSMMU_IRQ_NR)
		p->g[guest]->irq[line] = 0;
}

/* ---- devices -------------------------------------------------------------------- */
int plat_dma_buf(struct platform *p, const struct plat_dma_req *req, void *buf, struct plat_dma_out *out)
{
	struct plat_stream *s;

	if (!req || !out || !plat_guest_alive(p, req->guest) || req->len < 1 ||
	    req->len > HM_PAGE_SIZE || (req->iova & (HM_PAGE_SIZE - 1)) + req->len > HM_PAGE_SIZE)
		return -1;
	s = find_stream(p->g[req->guest], req->vsid);
	if (!s || !p->ps[s->psmmu])
		return -1;
	/* reported only for a transaction that reaches the SMMU: the
	 * reference model owes the guest the events it must cause */
	action(p, PLAT_ACTION_DMA, req->guest, req->vsid, 0, 0);
	return psmmu_dma(p, p->ps[s->psmmu], req->guest, req, s->psid, buf, out);
}

int plat_dma(struct platform *p, const struct plat_dma_req *req, struct plat_dma_out *out)
{
	return plat_dma_buf(p, req, NULL, out);
}

/* ---- the oracle's view ------------------------------------------------------------ */
bool plat_psmmu_ste(const struct platform *p, unsigned psmmu, uint32_t psid, uint64_t ste[STE_DWORDS])
{
	const struct psmmu *ps = ps_of(p, psmmu);

	if (!ps || (ps->sidsize < 32 && (psid >> ps->sidsize)))
		return false;
	return hm_raw((struct platform *)(uintptr_t)p, ps->strtab + (uint64_t)psid * STE_SIZE, ste,
		      STE_SIZE, false) == 0;
}

unsigned plat_psmmu_stes(const struct platform *p, unsigned psmmu, uint32_t first, unsigned n,
			 uint64_t (*ste)[STE_DWORDS])
{
	const struct psmmu *ps = ps_of(p, psmmu);
	uint64_t end;

	if (!ps || n == 0)
		return 0;
	end = ps->sidsize < 32 ? UINT64_C(1) << ps->sidsize : UINT64_C(1) << 32;
	if (first >= end)
		return 0;
	if (n > end - first)
		n = (unsigned)(end - first);
	if (hm_raw((struct platform *)(uintptr_t)p, ps->strtab + (uint64_t)first * STE_SIZE, ste,
		   (size_t)n * STE_SIZE, false) == 0)
		return n;
	/* Part of the range unreadable: just the first one, as plat_psmmu_ste. */
	return plat_psmmu_ste(p, psmmu, first, ste[0]) ? 1 : 0;
}

bool plat_psmmu_stes_blank(const struct platform *p, unsigned psmmu, uint32_t first, unsigned n)
{
	const struct psmmu *ps = ps_of(p, psmmu);

	return !ps || !hm_any_page(p, ps->strtab + (uint64_t)first * STE_SIZE, (size_t)n * STE_SIZE);
}

bool plat_psmmu_cached_ste(const struct platform *p, unsigned psmmu, uint32_t psid, uint64_t ste[STE_DWORDS])
{
	const struct psmmu *ps = ps_of(p, psmmu);

	if (!ps)
		return false;
	for (unsigned i = 0; i < PCFG_ENTRIES; i++)
		if (ps->cfg[i].valid && ps->cfg[i].sid == psid) {
			memcpy(ste, ps->cfg[i].ste, STE_SIZE);
			return true;
		}
	return false;
}

_Static_assert(PLAT_TLB_NESTED == TLB_NESTED && PLAT_TLB_S2 == TLB_S2 && PLAT_TLB_S1 == TLB_S1,
	       "TLB kinds");

unsigned plat_psmmu_tlb(const struct platform *p, unsigned psmmu, struct plat_tlb_view *out, unsigned max)
{
	const struct psmmu *ps = ps_of(p, psmmu);
	unsigned n = 0;

	if (!ps)
		return 0;
	for (unsigned i = 0; i < PTLB_ENTRIES; i++) {
		const struct tlb_ent *e = &ps->tlb.e[i];

		if (e->kind == TLB_FREE)
			continue;
		if (n < max)
			out[n] = (struct plat_tlb_view){
				.serial = e->serial, .walk = false, .kind = e->kind, .vmid = e->vmid,
				.asid = e->asid, .global = e->global, .va = e->va & e->s1mask,
				.shift = (uint8_t)__builtin_popcountll(~e->s1mask), .gshift = e->gshift,
				.level = e->level,
			};
		n++;
	}
	for (unsigned i = 0; i < PWC_ENTRIES; i++) {
		const struct wc_ent *w = &ps->tlb.w[i];

		if (w->kind == TLB_FREE)
			continue;
		if (n < max)
			out[n] = (struct plat_tlb_view){
				.serial = w->serial, .walk = true, .kind = w->kind, .vmid = w->vmid,
				.asid = w->asid, .global = false, .va = w->va, .shift = w->shift,
				.gshift = w->gshift, .level = w->level,
			};
		n++;
	}
	return n;
}

bool plat_psmmu_tlb_holds(const struct platform *p, unsigned psmmu, uint64_t serial)
{
	const struct psmmu *ps = ps_of(p, psmmu);

	if (!ps)
		return false;
	for (unsigned i = 0; i < PTLB_ENTRIES; i++)
		if (ps->tlb.e[i].kind != TLB_FREE && ps->tlb.e[i].serial == serial)
			return true;
	for (unsigned i = 0; i < PWC_ENTRIES; i++)
		if (ps->tlb.w[i].kind != TLB_FREE && ps->tlb.w[i].serial == serial)
			return true;
	return false;
}

unsigned plat_psmmu_cached_sids(const struct platform *p, unsigned psmmu, uint32_t *sids,
				unsigned max)
{
	const struct psmmu *ps = ps_of(p, psmmu);
	unsigned n = 0;

	if (!ps)
		return 0;
	for (unsigned i = 0; i < PCFG_ENTRIES; i++)
		if (ps->cfg[i].valid) {
			if (n < max)
				sids[n] = ps->cfg[i].sid;
			n++;
		}
	return n;
}

bool plat_psmmu_declared(const struct platform *p, unsigned psmmu)
{
	return ps_of(p, psmmu) != NULL;
}

bool plat_psmmu_fenced(const struct platform *p, unsigned psmmu)
{
	const struct psmmu *ps = ps_of(p, psmmu);

	return ps && ps->fenced;
}

unsigned plat_psmmu_sidsize(const struct platform *p, unsigned psmmu)
{
	const struct psmmu *ps = ps_of(p, psmmu);

	return ps ? ps->sidsize : 0;
}

uint64_t plat_streams_gen(const struct platform *p)
{
	return p->streams_gen;
}

int plat_stream_owner(const struct platform *p, unsigned psmmu, uint32_t psid, uint32_t *vsid)
{
	for (unsigned gi = 0; gi < PLAT_MAX_GUESTS; gi++) {
		const struct plat_guest *g = p->g[gi];

		if (!g)
			continue;
		for (unsigned i = 0; i < g->streams_hi; i++)
			if (g->streams[i].used && g->streams[i].psmmu == psmmu &&
			    g->streams[i].psid == psid) {
				if (vsid)
					*vsid = g->streams[i].vsid;
				return (int)gi;
			}
	}
	return -1;
}

enum plat_owner_kind plat_hpa_owner(const struct platform *p, uint64_t hpa, uint64_t len, int *guest)
{
	int g = -1;
	enum hm_region r = hm_region_of(p, hpa, len ? len : 1, &g);

	if (guest)
		*guest = g;
	switch (r) {
	case HM_RAM:
		return PLAT_OWN_GUEST;
	case HM_HYP_S2:
	case HM_HYP_Q:
	case HM_STRTAB:
		return PLAT_OWN_HYP;
	default:
		return PLAT_OWN_NONE;
	}
}

unsigned plat_hpa_s2_deny(const struct platform *p, uint64_t hpa, uint64_t len)
{
	int g = -1;

	if (hm_region_of(p, hpa, len ? len : 1, &g) != HM_RAM || g < 0 || !p->g[g])
		return 0;
	for (unsigned r = 0; r < p->g[g]->nranges; r++) {
		const struct plat_ram *m = &p->g[g]->ram[r];

		if (hpa >= m->hpa && hpa - m->hpa < m->size)
			return m->s2_deny;
	}
	return 0;
}

uint64_t plat_hyp_digest(const struct platform *p)
{
	struct platform *mp = (struct platform *)(uintptr_t)p;
	uint64_t d = p->hm.digest_sum;

	for (unsigned n = 0; n < PLAT_MAX_PSMMU; n++) {
		const struct psmmu *ps = p->ps[n];

		if (!ps)
			continue;
		for (unsigned i = 0; i < ps->nsticky; i++)
			d -= hm_digest_contrib(mp, ps->strtab + (uint64_t)ps->sticky[i] * STE_SIZE, STE_SIZE);
	}
	return d;
}

size_t plat_guest_bytes_held(const struct platform *p, int guest)
{
	return plat_guest_alive(p, guest) ? p->g[guest]->bytes_held : 0;
}

size_t plat_allocs_outstanding(const struct platform *p)
{
	return p->allocs;
}

/* ---- test hooks ------------------------------------------------------------------- */
int plat_test_write_ste(struct platform *p, unsigned psmmu, uint32_t psid, const uint64_t ste[STE_DWORDS])
{
	struct psmmu *ps = ps_of(p, psmmu);

	return ps ? psmmu_write_ste(p, ps, -1, psid, ste) : -1;
}

struct psmmu *plat_test_psmmu(struct platform *p, unsigned psmmu)
{
	return ps_of(p, psmmu);
}

/* ---- memory of the world (inject/snapshot.h) --------------------------------- */
void *plat_world_alloc(struct platform *p, size_t size)
{
	return wheap_alloc(p->heap, size, true, false);
}

void plat_world_free(struct platform *p, void *ptr)
{
	wheap_free(p->heap, ptr);
}

void *plat_world_alloc_tracked(struct platform *p, size_t size)
{
	return wheap_alloc(p->heap, size, true, true);
}

void plat_world_touch(struct platform *p, void *block)
{
	wheap_touch(p->heap, block);
}

void *plat_world_alloc_grown(struct platform *p, size_t size)
{
	return wheap_alloc_grown(p->heap, size);
}

void plat_world_grow(struct platform *p, void *block, size_t end)
{
	wheap_grow(p->heap, block, end);
}
