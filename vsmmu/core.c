/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * core.c - lifetime of one guest's vSMMU: configuration defaults, create and
 * destroy, work accounting, traces, deferred work.
 */
#include <string.h>

#include "vsmmu/internal.h"

_Static_assert(sizeof(struct vsmmu) + VSMMU_MAX_STREAMS * sizeof(struct vs_stream) <=
	       VSMMU_MAX_BYTES_HELD, "VSMMU_MAX_BYTES_HELD too small");

void vsmmu_config_default(struct vsmmu_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->sidsize = 16;
	cfg->ssidsize = 16;
	cfg->oas_bits = 48;
	cfg->cmdqs = SMMU_QUEUE_LOG2_MAX;
	cfg->eventqs = SMMU_QUEUE_LOG2_MAX;
	cfg->msi = true;
	cfg->ril = 1;
	cfg->phys_ril = 0;      /* safe without knowing the hardware: split or widen */
	/* A plausible stage 2 (VMID 1, 40-bit IPA, 4K granule, start level 1,
	 * WBWA ISH walks, 48-bit PS, AArch64, S2PTW, S2R); the embedder must set
	 * S2TTB and its own values. */
	cfg->s2.ste_dw2 = VS_FIELD_PREP(STE2_S2VMID, 1) |
			  VS_FIELD_PREP(STE2_S2T0SZ, 24) |
			  VS_FIELD_PREP(STE2_S2SL0, 1) |
			  VS_FIELD_PREP(STE2_S2IR0, 1) |
			  VS_FIELD_PREP(STE2_S2OR0, 1) |
			  VS_FIELD_PREP(STE2_S2SH0, 3) |
			  VS_FIELD_PREP(STE2_S2TG, STE_S2TG_4K) |
			  VS_FIELD_PREP(STE2_S2PS, IDR5_OAS_48) |
			  STE2_S2AA64 | STE2_S2PTW | STE2_S2R;
	cfg->s2.ste_dw3 = 0;
}

static int oas_encoding(unsigned bits)
{
	switch (bits) {
	case 32: return IDR5_OAS_32;
	case 36: return IDR5_OAS_36;
	case 40: return IDR5_OAS_40;
	case 42: return IDR5_OAS_42;
	case 44: return IDR5_OAS_44;
	case 48: return IDR5_OAS_48;
	case 52: return IDR5_OAS_52;
	default: return -1;
	}
}

static bool config_valid(const struct vsmmu_config *cfg)
{
	return cfg->sidsize <= SMMU_SIDSIZE_MAX &&
	       cfg->ssidsize <= SMMU_SSIDSIZE_MAX && oas_encoding(cfg->oas_bits) >= 0 &&
	       cfg->cmdqs <= SMMU_QUEUE_LOG2_MAX && cfg->eventqs <= SMMU_QUEUE_LOG2_MAX &&
	       cfg->ril <= 1;
}

static void init_idrs(struct vsmmu *v)
{
	const struct vsmmu_config *c = &v->cfg;

	v->idr[0] = (uint32_t)(IDR0_S1P | VS_FIELD_PREP(IDR0_TTF, IDR0_TTF_AARCH64) |
			       IDR0_COHACC | IDR0_ASID16 | IDR0_CD2L |
			       VS_FIELD_PREP(IDR0_TTENDIAN, IDR0_TTENDIAN_LE) |
			       VS_FIELD_PREP(IDR0_STALL_MODEL, IDR0_STALL_MODEL_NONE) |
			       VS_FIELD_PREP(IDR0_ST_LEVEL, IDR0_ST_LEVEL_2LVL));
	if (c->msi)
		v->idr[0] |= (uint32_t)IDR0_MSI;
	v->idr[1] = (uint32_t)(VS_FIELD_PREP(IDR1_SIDSIZE, c->sidsize) |
			       VS_FIELD_PREP(IDR1_SSIDSIZE, c->ssidsize) |
			       VS_FIELD_PREP(IDR1_EVENTQS, c->eventqs) |
			       VS_FIELD_PREP(IDR1_CMDQS, c->cmdqs));
	v->idr[2] = 0;
	/* HAD: mandatory from SMMUv3.1 with stage 1 (AIDR says 3.1). The CD
	 * and its HAD0/HAD1 are the guest's, used as they are by the physical
	 * SMMU's nested walk, which (v3.1 or later) implements them. RIL: see
	 * docs/vsmmu.md (advertised features). */
	v->idr[3] = (uint32_t)IDR3_HAD | (c->ril ? (uint32_t)IDR3_RIL : 0);
	if (VS_DEFECT(v, RIL_ALWAYS_ADVERTISED))
		v->idr[3] = (uint32_t)(IDR3_HAD | IDR3_RIL);   /* the defect: the v3.2 driver's template */
	v->idr[4] = 0;
	v->idr[5] = (uint32_t)(VS_FIELD_PREP(IDR5_OAS, (unsigned)oas_encoding(c->oas_bits)) |
			       IDR5_GRAN4K | IDR5_GRAN16K | IDR5_GRAN64K);
}

struct vsmmu *vsmmu_create(struct vsmmu_host *h, const struct vsmmu_config *cfg,
			   const struct vsmmu_env *env)
{
	struct vsmmu *v;

	if (!cfg || !env || !env->alloc || !env->free || !env->mem_read ||
	    !env->mem_write || !env->install_ste || !env->send_cmd || !env->sync ||
	    !config_valid(cfg))
		return NULL;
	v = env->alloc(env->ctx, sizeof(*v));
	if (!v)
		return NULL;
	memset(v, 0, sizeof(*v));
	v->host = h;
#ifdef VSMMU_DEFECTS
	v->defect = h ? h->defect : vs_defect_from_env();
#endif
	v->cfg = *cfg;
	v->env = *env;
	v->vmid = (uint16_t)VS_FIELD_GET(STE2_S2VMID, cfg->s2.ste_dw2);
	if (h && !vs_host_register(h, v)) {
		env->free(env->ctx, v, sizeof(*v));
		return NULL;
	}
	init_idrs(v);
	/* Deny by default until the guest programs GBPA. */
	v->gbpa = (uint32_t)(GBPA_ABORT | VS_FIELD_PREP(GBPA_SHCFG, STE_SHCFG_INCOMING));
	v->stats.bytes_held = sizeof(*v);
	return v;
}

void vsmmu_destroy(struct vsmmu *v)
{
	if (!v)
		return;
	vs_call_begin(v);
#ifdef VSMMU_DEFECTS
	if (VS_DEFECT(v, VMID_RETIRE_CURRENT_ONLY)) {
		/* the defect: retire where the guest has streams now, as if
		 * its TLB entries left with its last stream on an SMMU */
		uint8_t now = 0;
		for (unsigned i = 0; i < v->nstreams; i++)
			now |= (uint8_t)(1u << v->streams[i]->psmmu);
		v->pused = now;
	}
#endif
	while (v->nstreams > 0)
		(void)vsmmu_unassign(v, v->streams[v->nstreams - 1]->vsid);
	/* Safe by construction: the VMID may be handed to another guest as
	 * soon as we return, so none of its TLB entries may survive: on every
	 * physical SMMU it ever had a stream on (its TLB entries outlive its
	 * last stream there). */
	if (!VS_DEFECT(v, VMID_NOT_RETIRED))
		vs_vmid_retire(v);
#ifdef VSMMU_DEFECTS
	for (struct vs_stream *s; (s = v->leaked) != NULL;) {
		v->leaked = s->leak_next;
		v->env.free(v->env.ctx, s, sizeof(*s));
	}
	vs_strtab_shadow_free(v);
#endif
	vs_call_end(v);
	if (v->host)
		vs_host_unregister(v->host, v);
	v->env.free(v->env.ctx, v, sizeof(*v));
}

void vsmmu_get_stats(const struct vsmmu *v, struct vsmmu_stats *s)
{
	*s = v->stats;
}

void vs_call_begin(struct vsmmu *v)
{
	if (v->depth++ == 0)
		v->work = 0;
}

void vs_call_end(struct vsmmu *v)
{
	if (--v->depth != 0)
		return;
	v->stats.last_call_work = v->work;
	if (v->work > v->stats.max_call_work)
		v->stats.max_call_work = v->work;
}

void vs_trace_fill(struct vsmmu_trace *t, enum vsmmu_trace_kind kind, uint32_t vsid,
		   unsigned psmmu, uint32_t psid, uint64_t arg, const uint64_t *rec,
		   unsigned nrec)
{
	unsigned i;

	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->vsid = vsid;
	t->psmmu = psmmu;
	t->psid = psid;
	t->arg = arg;
	for (i = 0; rec && i < nrec && i < 4; i++)
		t->rec[i] = rec[i];
}

void vs_trace(struct vsmmu *v, enum vsmmu_trace_kind kind, uint32_t vsid,
	      unsigned psmmu, uint32_t psid, uint64_t arg, const uint64_t *rec,
	      unsigned nrec)
{
	struct vsmmu_trace t;

	if (!v->env.trace)
		return;
	vs_trace_fill(&t, kind, vsid, psmmu, psid, arg, rec, nrec);
	v->env.trace(v->env.ctx, &t);
}

void vs_log(struct vsmmu *v, const char *msg)
{
	struct vsmmu_trace t;

	if (!v->env.trace)
		return;
	memset(&t, 0, sizeof(t));
	t.kind = VSMMU_TRACE_LOG;
	t.msg = msg;
	v->env.trace(v->env.ctx, &t);
}

void vs_le_load(uint64_t *dst, const uint8_t *src, unsigned ndw)
{
	unsigned i, b;

	for (i = 0; i < ndw; i++) {
		uint64_t w = 0;

		for (b = 0; b < 8; b++)
			w |= (uint64_t)src[i * 8 + b] << (8 * b);
		dst[i] = w;
	}
}

void vs_le_store(uint8_t *dst, const uint64_t *src, unsigned ndw)
{
	unsigned i, b;

	for (i = 0; i < ndw; i++)
		for (b = 0; b < 8; b++)
			dst[i * 8 + b] = (uint8_t)(src[i] >> (8 * b));
}

/* Account a physical status; false when the operation failed (unless the
 * planted bug hides it). */
bool vs_phys_ok(struct vsmmu *v, int status, unsigned psmmu, uint32_t psid)
{
	if (status == VSMMU_PHYS_OK)
		return true;
	v->stats.phys_failures++;
	vs_trace(v, VSMMU_TRACE_PHYS_FAIL, 0, psmmu, psid, (uint64_t)(unsigned)status, NULL, 0);
	return VS_DEFECT(v, HIDE_PHYS_FAIL);
}

bool vsmmu_run(struct vsmmu *v, unsigned budget)
{
	bool more;

	vs_call_begin(v);
	v->stats.traps++;
	if (budget > VSMMU_CMD_BUDGET)
		budget = VSMMU_CMD_BUDGET;
	vs_cmdq_process(v, budget);
	more = vs_cmdq_pending(v);
	vs_call_end(v);
	return more;
}

bool vsmmu_pending(const struct vsmmu *v)
{
	return vs_cmdq_pending(v);
}
