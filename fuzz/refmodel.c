/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * refmodel.c - the reference model's lifecycle, the dispatch of what the
 * platform observed, and the per-op comparison (invariant I12; see
 * fuzz/refmodel.h and docs/refmodel.md).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/refmodel_int.h"

struct refmodel *refmodel_create(const struct rm_env *env)
{
	struct refmodel *m = env->alloc ? env->alloc(env->ctx, sizeof *m) : calloc(1, sizeof *m);
	size_t gsize = RM_MAX_GUESTS * sizeof m->g[0];

	if (!m)
		return NULL;
	m->env = *env;
	if (env->alloc_grown)
		m->g = env->alloc_grown(env->ctx, gsize);
	else
		m->g = env->alloc ? env->alloc(env->ctx, gsize) : calloc(1, gsize);
	if (!m->g) {
		refmodel_destroy(m);
		return NULL;
	}
	m->viol_guest = -1;
	m->last_g = m->last_i = -1;
	m->write_guest = -1;
	return m;
}

void refmodel_destroy(struct refmodel *m)
{
	if (m && m->env.free) {
		m->env.free(m->env.ctx, m->g);
		m->env.free(m->env.ctx, m);
	} else if (m) {
		free(m->g);
		free(m);
	}
}

void rm_fire(struct refmodel *m, int g, const char *fmt, ...)
{
	va_list ap;

	if (m->viol_guest >= 0)
		return;
	m->viol_guest = g;
	va_start(ap, fmt);
	vsnprintf(m->viol, sizeof m->viol, fmt, ap);
	va_end(ap);
}

uint32_t rm_probe(struct refmodel *m, int g, uint32_t off)
{
	return m->env.reg_read(m->env.ctx, g, off);
}

/* Sticky: a stream a failure left fail-closed stays so until rewritten,
 * and the failure may be re-done (or reported) long after it fired. A
 * failure on a physical SMMU reaches every guest that ever had a stream
 * there (fencing stops them all; vsmmu sends a guest's TLBIs to each such
 * SMMU); any other only the guest it was for. */
bool rm_faults(struct refmodel *m, int g)
{
	struct rm_guest *G = &m->g[g];

	if (!G->phys_faults && m->env.faults_for && m->env.faults_for(m->env.ctx, g, G->psmmus))
		G->phys_faults = true;
	return G->phys_faults;
}

static struct rm_guest *guest(struct refmodel *m, int g)
{
	if (!m || g < 0 || g >= (int)RM_MAX_GUESTS || !m->g[g].alive)
		return NULL;
	return &m->g[g];
}

void refmodel_guest_created(struct refmodel *m, int g)
{
	if (!m || g < 0 || g >= (int)RM_MAX_GUESTS)
		return;
	if (m->env.grow)
		m->env.grow(m->env.ctx, m->g, ((size_t)g + 1) * sizeof m->g[0]);
	memset(&m->g[g], 0, sizeof m->g[g]);
	m->g[g].alive = true;
	rm_regs_reset(m, g);
	rm_idr_check(m, g);
}

void refmodel_guest_destroyed(struct refmodel *m, int g)
{
	if (guest(m, g))
		m->g[g].alive = false;
}

void refmodel_assigned(struct refmodel *m, int g, uint32_t vsid, unsigned psmmu, uint32_t psid)
{
	struct rm_guest *G = guest(m, g);

	m->last_g = m->last_i = -1;
	if (!G)
		return;
	if (psmmu < 8)
		G->psmmus |= (uint8_t)(1u << psmmu);
	for (unsigned i = 0; i < RM_MAX_STREAMS; i++)
		if (G->s[i].live && G->s[i].vsid == vsid)
			return;   /* taken: the platform refuses */
	for (unsigned i = 0; i < RM_MAX_STREAMS; i++) {
		struct rm_stream *s = &G->s[i];
		struct rm_cfg c;

		if (s->live)
			continue;
		m->last_g = g;
		m->last_i = (int)i;
		G->streams_stamp++;
		memset(s, 0, sizeof *s);
		s->live = true;
		s->vsid = vsid;
		s->psmmu = (uint8_t)psmmu;
		s->psid = psid;
		s->loaded = true;
		/* the new stream starts from the current state (vsmmu_assign) */
		rm_decode(m, g, vsid, &c);
		if (c.kind == RM_K_ANY)
			s->cur.any = true;
		else {
			s->cur.n = 1;
			s->cur.c[0] = c;
		}
		return;
	}
}

void refmodel_unassigned(struct refmodel *m, int g, uint32_t vsid)
{
	struct rm_guest *G = guest(m, g);

	if (!G)
		return;
	G->streams_stamp++;
	for (unsigned i = 0; i < RM_MAX_STREAMS; i++)
		if (G->s[i].live && G->s[i].vsid == vsid)
			G->s[i].live = false;
}

void refmodel_assign_failed(struct refmodel *m, int g, uint32_t vsid)
{
	struct rm_guest *G = guest(m, g);

	if (G && m->last_g == g && m->last_i >= 0 && G->s[m->last_i].vsid == vsid) {
		G->s[m->last_i].live = false;
		G->streams_stamp++;
	}
	if (m)
		m->last_g = m->last_i = -1;
}

void refmodel_faults_injected(struct refmodel *m, int g)
{
	struct rm_guest *G = guest(m, g);

	if (G)
		G->phys_faults = true;
}

void refmodel_phys_evtq_overflow(struct refmodel *m, unsigned psmmu)
{
	if (!m)
		return;
	for (unsigned g = 0; g < RM_MAX_GUESTS; g++) {
		struct rm_guest *G = &m->g[g];

		if (!G->alive)
			continue;
		for (unsigned i = 0; i < RM_MAX_STREAMS; i++)
			if (G->s[i].live && G->s[i].psmmu == psmmu)
				G->evtq_lost_below = G->evt_lost = true;
	}
}

static bool in_cmdq(const struct rm_guest *G, uint64_t ipa, uint64_t len)
{
	unsigned qs = rm_cmdq_qs(G);
	uint64_t b = vs_q_base(G->cmdq_base, qs, CMD_SHIFT), sz = UINT64_C(1) << (qs + CMD_SHIFT);

	return ipa < b + sz && b < ipa + len;
}

static void process(struct refmodel *m, int g, const struct rm_acc *a)
{
	struct rm_guest *G = &m->g[g];

	switch (a->actor) {
	case PLAT_ACT_HYP_GUEST:
		if (!a->write) {
			if (a->failed) {
				G->fetch_abort_seen = true;
				if (in_cmdq(G, a->ipa, a->len))
					G->cmd_abort_seen = true;
			}
			return;
		}
		rm_streams_clobber(m, g, a->ipa, a->len);
		G->dirty = true;
		if (a->len == 4) {
			/* 32-bit: an MSI, never a record (refmodel_msi.c) */
			rm_msi_observed(m, g, a);
			return;
		}
		if (in_cmdq(G, a->ipa, a->len))
			G->ring_clobbered = true;
		rm_evtq_access(m, g, a);
		return;
	case PLAT_ACT_GUEST_CPU:
	case PLAT_ACT_DMA:
		/* memory a stream decode may depend on: commands too, since a
		 * guest may put its stream table (or an L1 descriptor) inside
		 * its command queue; skipping writes there hid the new STE the
		 * vSMMU may fetch at any time (3.21.3), a false I12 */
		if (a->write)
			G->dirty = true;
		return;
	default:
		return;
	}
}

void refmodel_on_access(struct refmodel *m, const struct plat_access *a)
{
	struct rm_guest *G = m ? guest(m, a->guest) : NULL;
	struct rm_acc acc;

	/* only writes and failed hypervisor reads matter */
	if (!G || (!a->write && (a->actor != PLAT_ACT_HYP_GUEST || a->data)))
		return;
	memset(&acc, 0, sizeof acc);
	acc.ipa = a->ipa;
	acc.len = a->len;
	acc.actor = (uint8_t)a->actor;
	acc.write = a->write;
	acc.failed = a->data == NULL;
	/* an MSI: where CONS was when it was written (4.7.3 ordering); the
	 * probe is side-effect free, so it may run inside the call */
	if (a->actor == PLAT_ACT_HYP_GUEST && a->write && a->len == 4)
		acc.cons = rm_probe(m, a->guest, SMMU_CMDQ_CONS) & vs_q_mask(rm_cmdq_qs(G));
	if (a->data)
		memcpy(acc.data, a->data, a->len < sizeof acc.data ? a->len : sizeof acc.data);
	if (m->write_guest != a->guest) {
		process(m, a->guest, &acc);
		return;
	}
	/* a register-write call: the written value is known only after it
	 * returns (on_mmio); keep what happened in between */
	if (m->nbuf < RM_BUF_ACCESSES)
		m->buf[m->nbuf++] = acc;
	else
		m->buf_overflow = true;
}

void refmodel_run_skipped(struct refmodel *m, int g)
{
	if (guest(m, g))
		rm_cmdq_run_skipped(m, g);
}

void refmodel_on_call(struct refmodel *m, int g, enum plat_call call, bool begin)
{
	struct rm_guest *G = guest(m, g);

	/* Any call may change the registers of its guest; a call of no guest
	 * (routing an event) those of any. */
	if (m && begin && g < 0)
		for (unsigned h = 0; h < RM_MAX_GUESTS; h++)
			m->g[h].observed = false;
	if (!G)
		return;
	if (begin)
		G->observed = false;
	switch (call) {
	case PLAT_CALL_MMIO_WRITE:
		if (begin) {
			m->write_guest = g;
			m->nbuf = 0;
			m->buf_overflow = false;
		}
		break;
	case PLAT_CALL_RUN:
		if (begin)
			rm_cmdq_run_begin(m, g);
		else {
			rm_cmdq_run_end(m, g);
			rm_evtq_observe(m, g);
		}
		break;
	default:
		break;
	}
	/* a new call: what earlier calls consumed has been judged */
	if (begin)
		for (unsigned i = 0; i < RM_MAX_STREAMS; i++)
			G->s[i].clobbered_call = false;
}

void refmodel_on_mmio(struct refmodel *m, int g, uint64_t off, unsigned size, uint64_t value, bool write)
{
	struct rm_guest *G = guest(m, g);

	if (!G)
		return;
	if (!write) {
		rm_regs_read_check(m, g, off, size, value);
		return;
	}
	rm_regs_on_write(m, g, off, size, value);
	rm_regs_check_written(m, g, off, size);
	if (m->write_guest == g) {
		m->write_guest = -1;
		if (m->buf_overflow) {
			/* more than the buffer holds in one trap: positions are
			 * adopted at the next observation */
			G->ring_clobbered = true;
			G->evprod_loose = true;
			G->irq_loose = true;      /* records among those lost */
			G->evt_lost = true;
			G->dirty = true;
			/* writes over STEs may be among those lost */
			for (unsigned i = 0; i < RM_MAX_STREAMS; i++)
				if (G->s[i].live)
					G->s[i].clobbered = G->s[i].clobbered_call = true;
		}
		for (uint32_t i = 0; i < m->nbuf; i++)
			process(m, g, &m->buf[i]);
		m->nbuf = 0;
	}
	rm_cmdq_observe(m, g);
	rm_evtq_observe(m, g);
}

void refmodel_dma(struct refmodel *m, int g, uint32_t vsid)
{
	if (guest(m, g))
		rm_evtq_dma(m, g, vsid);
}

void refmodel_on_irq(struct refmodel *m, int g, enum vsmmu_irq_line line)
{
	if (guest(m, g))
		rm_irq_pulse(m, g, line);
}

void refmodel_set_quiet(struct refmodel *m, bool quiet)
{
	if (m)
		m->quiet = quiet;
}

bool refmodel_check(struct refmodel *m, bool full, int *guest_out, char *msg, size_t len)
{
	bool fired;

	if (!m)
		return false;
	for (int g = 0; g < (int)RM_MAX_GUESTS; g++) {
		struct rm_guest *G = guest(m, g);
		uint32_t gerr;

		if (!G)
			continue;
		if (G->dirty && rm_smmuen(G))
			rm_streams_refresh(m, g);
		G->dirty = false;
		if (full || ++G->sweep_ops >= RM_SWEEP_OPS) {
			G->sweep_ops = 0;
			rm_regs_check_all(m, g);
		} else if (!m->quiet)
			rm_regs_check_dynamic(m, g);
		rm_streams_compare(m, g, full);
		gerr = rm_probe(m, g, SMMU_GERROR);
		rm_evtq_op_end(m, g, gerr);
		rm_irq_op_end(m, g, gerr);
		rm_msi_op_end(m, g, gerr);
		G->fetch_abort_seen = false;
	}
	fired = m->viol_guest >= 0;
	if (fired) {
		if (guest_out)
			*guest_out = m->viol_guest;
		if (msg && len)
			snprintf(msg, len, "%s", m->viol);
	}
	m->viol_guest = -1;
	m->viol[0] = 0;
	m->quiet = false;
	return fired;
}
