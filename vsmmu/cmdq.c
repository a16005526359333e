/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * cmdq.c - the guest's command queue: fetch at CONS, decode and check each
 * command, act on the guest's own streams and VMID only, command errors
 * (CMDQ_CONS.ERR + GERROR.CMDQ_ERR) and the per-call budget.
 */
#include <string.h>

#include "vsmmu/internal.h"

bool vs_cmdq_pending(const struct vsmmu *v)
{
	unsigned qs = vs_cmdq_qs(v);

	return (v->cr0 & CR0_CMDQEN) && !vs_gerror_active(v, GERROR_CMDQ_ERR) &&
	       !vs_q_empty(v->cmdq_prod, v->cmdq_cons, qs);
}

/* Bits each accepted opcode may have set; anything else is CERROR_ILL. */
struct cmd_shape {
	uint8_t op;
	uint64_t dw0, dw1;
};

#define TLBI_RANGE0 (CMD0_NUM | CMD0_SCALE)
#define TLBI_RANGE1 (CMD1_TTL128 | CMD1_TTL | CMD1_TG)

static const struct cmd_shape shapes[] = {
	{ CMD_OP_PREFETCH_CONFIG, CMD0_OP | CMD0_SSV | CMD0_SSID | CMD0_SID, 0 },
	{ CMD_OP_PREFETCH_ADDR, CMD0_OP | CMD0_SSV | CMD0_SSID | CMD0_SID, ~UINT64_C(0) },
	{ CMD_OP_CFGI_STE, CMD0_OP | CMD0_SID, CMD1_LEAF },
	{ CMD_OP_CFGI_STE_RANGE, CMD0_OP | CMD0_SID, CMD1_RANGE },
	{ CMD_OP_CFGI_CD, CMD0_OP | CMD0_SSID | CMD0_SID, CMD1_LEAF },
	{ CMD_OP_CFGI_CD_ALL, CMD0_OP | CMD0_SID, 0 },
	{ CMD_OP_TLBI_NH_ALL, CMD0_OP | CMD0_VMID, 0 },
	{ CMD_OP_TLBI_NH_ASID, CMD0_OP | CMD0_VMID | CMD0_ASID, 0 },
	/* The range fields (TLBI_RANGE0/1) are judged by tlbi_range_check. */
	{ CMD_OP_TLBI_NH_VA, CMD0_OP | CMD0_VMID | CMD0_ASID | TLBI_RANGE0, CMD1_LEAF | CMD1_ADDR | TLBI_RANGE1 },
	{ CMD_OP_TLBI_NH_VAA, CMD0_OP | CMD0_VMID | TLBI_RANGE0, CMD1_LEAF | CMD1_ADDR | TLBI_RANGE1 },
	{ CMD_OP_TLBI_NSNH_ALL, CMD0_OP, 0 },
	{ CMD_OP_SYNC, CMD0_OP | CMD0_SYNC_CS | CMD0_SYNC_MSH | CMD0_SYNC_MSIATTR |
		       CMD0_SYNC_MSIDATA, CMD1_SYNC_MSIADDR },
};

static const struct cmd_shape *shape_of(unsigned op)
{
	unsigned i;

	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		if (shapes[i].op == op)
			return &shapes[i];
	return NULL;   /* EL2/EL3/stage-2 TLBIs, ATC_INV, PRI_RESP, RESUME, ... */
}

static void tlbi_send(struct vsmmu *v, unsigned p, const uint64_t cmd[CMD_DWORDS])
{
	/* A TLBI that cannot be queued is not an error of this command: the
	 * guest's CMD_SYNC re-does it (VMID flush) and fails only if that fails
	 * too. */
	if (!vs_phys_ok(v, vs_phys_cmd(v, p, cmd), p, 0))
		vs_phys_cmd_failed(v, NULL, p, cmd);
}

/* Physical SMMUs a guest TLBI goes to: every one the guest ever had a
 * stream on. Entries of its VMID may outlive its last stream there, and a
 * stream assigned there later would hit them. */
static bool tlbi_target(const struct vsmmu *v, unsigned p)
{
	if (VS_DEFECT(v, TLBI_SKIPS_PAST_PSMMU))
		return v->pcount[p] != 0;   /* the defect: only where it has streams now */
	return (v->pused >> p) & 1u;
}

/* The single-address TLBI_NH_VA/VAA (TG = 0) of one granule of a guest
 * range, Leaf as the guest gave it, scoped to the guest's VMID. */
static void tlbi_page(struct vsmmu *v, unsigned p, const uint64_t in[CMD_DWORDS], uint64_t addr)
{
	unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, in[0]);
	uint64_t cmd[CMD_DWORDS];

	cmd[0] = VS_FIELD_PREP(CMD0_OP, op) | VS_FIELD_PREP(CMD0_VMID, v->vmid);
	if (VS_DEFECT(v, RIL_SPLIT_UNSCOPED))
		cmd[0] = VS_FIELD_PREP(CMD0_OP, op) | (in[0] & CMD0_VMID);   /* the guest's VMID field */
	if (op == CMD_OP_TLBI_NH_VA)
		cmd[0] |= in[0] & CMD0_ASID;
	cmd[1] = (addr & CMD1_ADDR) | (in[1] & CMD1_LEAF);
	if (VS_DEFECT(v, RIL_LEAF_FORCED))
		cmd[1] |= CMD1_LEAF;    /* the defect: "one page: last level only" */
	tlbi_send(v, p, cmd);
}

/* A guest range TLBI (TG != 0) for a physical SMMU without range
 * invalidation. The range is [Addr, Addr + (NUM+1) * 2^SCALE granules)
 * (4.4.1.1); the entries it must remove were inserted with granule TG, so
 * each is granule aligned and at least a granule large: one single-address
 * TLBI per granule the range touches (from Addr rounded down to the
 * granule) removes all of them. More than VSMMU_RIL_SPLIT_MAX granules:
 * TLBI_NH_ALL of the guest's VMID instead (a superset, still the guest's
 * own; TLBI_NH_ASID would leave global entries the range covers). */
static void tlbi_split(struct vsmmu *v, unsigned p, const uint64_t in[CMD_DWORDS])
{
	unsigned tg = (unsigned)VS_FIELD_GET(CMD1_TG, in[1]);
	unsigned gshift = 10u + 2u * tg;         /* 4K, 16K, 64K */
	unsigned num = (unsigned)VS_FIELD_GET(CMD0_NUM, in[0]);
	unsigned scale = (unsigned)VS_FIELD_GET(CMD0_SCALE, in[0]);
	uint64_t addr = in[1] & CMD1_ADDR, gran = UINT64_C(1) << gshift;
	uint64_t base = addr & ~(gran - 1);
	uint64_t n = ((uint64_t)num + 1) << scale;   /* <= 2^36 granules */
	uint64_t max = VS_DEFECT(v, RIL_SPLIT_UNBOUNDED) ? UINT64_C(1) << 16 : VSMMU_RIL_SPLIT_MAX;
	uint64_t i;

	if (VS_DEFECT(v, RIL_NUM_OFF_BY_ONE))
		n = (uint64_t)num << scale;              /* the defect: NUM read as the count */
	if (VS_DEFECT(v, RIL_SPLIT_4K_STRIDE))
		gran = UINT64_C(1) << 12;                /* the defect: "a page is 4K" */
	else
		n += base != addr;                       /* the granule Addr is inside */
	if (n > max) {
		uint64_t all[CMD_DWORDS] = {
			VS_FIELD_PREP(CMD0_OP, CMD_OP_TLBI_NH_ALL) | VS_FIELD_PREP(CMD0_VMID, v->vmid), 0
		};

		tlbi_send(v, p, all);
		return;
	}
	for (i = 0; i < n; i++) {
		uint64_t a = base + i * gran;

		if (a < base)
			break;              /* past the top of the address space: no wrap */
		tlbi_page(v, p, in, a);
	}
}

/* Forward a stage-1 TLBI to every physical SMMU the guest ever had a
 * stream on, scoped to the guest's VMID. A range TLBI goes as it is to a
 * physical SMMU with range invalidation and split (or widened) for one
 * without. */
static int tlbi_forward(struct vsmmu *v, const uint64_t in[CMD_DWORDS])
{
	uint64_t cmd[CMD_DWORDS];
	unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, in[0]);
	bool range = (op == CMD_OP_TLBI_NH_VA || op == CMD_OP_TLBI_NH_VAA) &&
		     VS_FIELD_GET(CMD1_TG, in[1]) != CMD_TG_NONE;
	unsigned p;

	cmd[0] = in[0];
	cmd[1] = in[1];
	if (op == CMD_OP_TLBI_NSNH_ALL && !VS_DEFECT(v, NSNH_ALL_PASSTHROUGH)) {
		cmd[0] = VS_FIELD_PREP(CMD0_OP, CMD_OP_TLBI_NH_ALL);
		cmd[1] = 0;
	}
	if (!VS_DEFECT(v, KEEP_GUEST_VMID) || op == CMD_OP_TLBI_NSNH_ALL)
		VS_FIELD_SET(cmd[0], CMD0_VMID, v->vmid);
	if (op == CMD_OP_TLBI_NH_ASID && VS_DEFECT(v, TLBI_ASID_UNSCOPED))
		/* The defect: "an ASID names one address space", so the command
		 * is rebuilt from opcode and ASID only: VMID 0, every guest's. */
		cmd[0] = VS_FIELD_PREP(CMD0_OP, op) | (in[0] & CMD0_ASID);
	if (range && VS_DEFECT(v, RIL_SCALE_IGNORED))
		/* The defect: the range rebuilt from the fields the author
		 * remembered: NUM granules, SCALE dropped. */
		cmd[0] &= ~CMD0_SCALE;
	for (p = 0; p < VSMMU_MAX_PSMMU; p++) {
		if (!tlbi_target(v, p))
			continue;
		if (range && !(v->cfg.phys_ril & (1u << p)))
			tlbi_split(v, p, in);
		else
			tlbi_send(v, p, cmd);
	}
	return CERROR_NONE;
}

/* Range fields of TLBI_NH_VA/VAA (4.4.1.1). Only with IDR3.RIL; TG = 0:
 * NUM, SCALE and TTL are RES0 (detected, 4.1.5). TTL128 is RES0 (no
 * 128-bit descriptors). TG != 0 with NUM = SCALE = TTL = 0 is Reserved;
 * without IDR5.DS a 16K TTL of 0b01 is treated as 0b00 (so it is Reserved
 * too with NUM = SCALE = 0). */
static int tlbi_range_check(const struct vsmmu *v, const uint64_t cmd[CMD_DWORDS])
{
	unsigned tg = (unsigned)VS_FIELD_GET(CMD1_TG, cmd[1]);
	unsigned ttl = (unsigned)VS_FIELD_GET(CMD1_TTL, cmd[1]);
	bool numscale = (cmd[0] & (CMD0_NUM | CMD0_SCALE)) != 0;

	if (!v->cfg.ril)
		return (cmd[0] & TLBI_RANGE0) || (cmd[1] & TLBI_RANGE1) ? CERROR_ILL : CERROR_NONE;
	if (cmd[1] & CMD1_TTL128)
		return CERROR_ILL;
	if (tg == CMD_TG_NONE)
		return numscale || ttl ? CERROR_ILL : CERROR_NONE;
	if (tg == CMD_TG_16K && ttl == 1)
		ttl = 0;
	return !numscale && !ttl ? CERROR_ILL : CERROR_NONE;
}

static int cfgi_cd(struct vsmmu *v, const uint64_t in[CMD_DWORDS])
{
	struct vs_stream *s = vs_stream_find(v, (uint32_t)VS_FIELD_GET(CMD0_SID, in[0]));
	uint64_t cmd[CMD_DWORDS];

	if (!s)
		return CERROR_NONE;                  /* not the guest's: nothing cached */
	cmd[0] = in[0];
	cmd[1] = in[1];
	VS_FIELD_SET(cmd[0], CMD0_SID, s->psid);
	if (!vs_phys_ok(v, vs_phys_cmd(v, s->psmmu, cmd), s->psmmu, s->psid))
		vs_phys_cmd_failed(v, s, s->psmmu, cmd);   /* reloaded at CMD_SYNC */
	return CERROR_NONE;
}

/* SIDs covered: those equal to sid outside mask (mask 0 = exactly sid). */
static bool stream_in_range(const struct vs_stream *s, uint64_t sid, uint64_t mask)
{
	return ((uint64_t)s->vsid & ~mask) == (sid & ~mask);
}

/* CFGI_STE_RANGE covers 2^(Range+1) SIDs; Range is 5 bits (31 = all). */
static uint64_t range_mask(const struct vsmmu *v, unsigned range)
{
	if (VS_DEFECT(v, SHIFT_GUEST_32))
		return (1u << (range + 1)) - 1;   /* the defect: Range 31 shifts a u32 by 32 */
	return (UINT64_C(2) << range) - 1;
}

static unsigned range_count(const struct vsmmu *v, uint64_t sid, uint64_t mask)
{
	unsigned i, n = 0;

	for (i = 0; i < v->nstreams; i++)
		n += stream_in_range(v->streams[i], sid, mask);
	return n;
}

/* Re-read the STEs of the guest's streams in range. Only while SMMUEN=1:
 * otherwise the streams follow GBPA and nothing is cached. A stream left
 * stale by an earlier physical failure is retried here. A physical failure
 * leaves the stream fail-closed and stale; the guest's CMD_SYNC re-does it
 * and reports CERROR_ABT only if that fails too. */
static int cfgi_range(struct vsmmu *v, uint64_t sid, uint64_t mask)
{
	unsigned i;

	for (i = 0; i < v->nstreams; i++) {
		struct vs_stream *s = v->streams[i];

		if (!stream_in_range(s, sid, mask))
			continue;
		if (!(v->cr0 & CR0_SMMUEN) && !s->stale)
			continue;
		(void)vs_stream_refresh(v, s, true);
	}
	return CERROR_NONE;
}

/* The defect CFGI_RANGE_PASSTHROUGH: besides re-installing its streams, the
 * guest's range invalidation is passed on to every physical SMMU holding one
 * of them, at the first such stream's pSID, with the guest's Range (which
 * covers pSIDs of other guests). */
static int cfgi_range_forward(struct vsmmu *v, uint64_t sid, uint64_t mask, const uint64_t in[CMD_DWORDS])
{
	int err = CERROR_NONE;
	unsigned p, i;

	for (p = 0; p < VSMMU_MAX_PSMMU; p++) {
		for (i = 0; i < v->nstreams; i++) {
			struct vs_stream *s = v->streams[i];
			uint64_t cmd[CMD_DWORDS];

			if (s->psmmu != p || !stream_in_range(s, sid, mask))
				continue;
			cmd[0] = in[0];
			cmd[1] = in[1];
			VS_FIELD_SET(cmd[0], CMD0_SID, s->psid);
			if (!vs_phys_ok(v, vs_phys_cmd(v, p, cmd), p, s->psid)) {
				v->pflags[p] |= VS_P_FLUSH | VS_P_DIRTY;
				err = CERROR_ABT;
			}
			break;
		}
	}
	return err;
}

/* The completion signal of a consumed CMD_SYNC (4.7.3). CS=SIG_IRQ: the
 * wired line, and with MSIs a 32-bit write of MSIData to MSIAddress
 * (none when MSIAddress[55:2] is 0; truncated to the OAS). MSIAttr and MSH
 * are not used (see vs_msi_send). CS=SIG_SEV is SIG_NONE without IDR0.SEV.
 * Called once CONS has passed the CMD_SYNC: observing the MSI means the
 * consumption is observable (a driver polling the MSI word then reads
 * CONS past its CMD_SYNC). */
static void sync_signal(struct vsmmu *v, const uint64_t cmd[CMD_DWORDS])
{
	uint32_t data = (uint32_t)VS_FIELD_GET(CMD0_SYNC_MSIDATA, cmd[0]);

	if (VS_FIELD_GET(CMD0_SYNC_CS, cmd[0]) != CMD_SYNC_CS_IRQ)
		return;
	/* the line pulses "regardless of the value of MSIAddress" (4.7.3) */
	if (!(VS_DEFECT(v, SYNC_IRQ_MSI_ONLY) && vs_msi_advertised(v) && (cmd[1] & CMD1_SYNC_MSIADDR)))
		vs_irq(v, VSMMU_IRQ_CMD_SYNC);
	if (VS_DEFECT(v, SYNC_MSI_SKIPPED))
		return;
	if (VS_DEFECT(v, MSI_DATA_WRONG))
		data = (uint32_t)cmd[0];   /* the defect: the opcode word as the payload */
	vs_msi_send(v, VSMMU_IRQ_CMD_SYNC, cmd[1] & CMD1_SYNC_MSIADDR, data);
}

/* Guest CMD_SYNC: complete only when, on every physical SMMU the guest sent
 * work to since its last good sync, that work is known done: what was lost
 * (reported through vsmmu_host_phys_cmd_failed, or a sync that did not
 * complete) is re-done once by the hypervisor (vs_phys_redo); only when
 * that retry fails too does the guest see CERROR_ABT, here, with CONS on
 * this CMD_SYNC. Its acknowledgement re-executes the CMD_SYNC: another
 * retry. */
static int cmd_sync(struct vsmmu *v, const uint64_t in[CMD_DWORDS])
{
	unsigned p;
	int err = CERROR_NONE;

	for (p = 0; p < VSMMU_MAX_PSMMU; p++) {
		bool retry, ok;

#ifdef VSMMU_DEFECTS
		if (VS_DEFECT(v, STICKY_PHYS_ERROR) && (v->sticky_err & (1u << p))) {
			/* the defect: the error latch of a failure already
			 * re-done is cleared only by reporting it */
			v->sticky_err &= (uint8_t)~(1u << p);
			err = CERROR_ABT;
		}
#endif
		if (!(v->pflags[p] & (VS_P_DIRTY | VS_P_FLUSH)))
			continue;
		/* Work already known lost: this attempt is the retry. */
		retry = (v->pflags[p] & VS_P_FLUSH) || vs_stale_on(v, p);
		ok = vs_phys_redo(v, p);
		if (!ok && !retry) {
			ok = vs_phys_redo(v, p);
			retry = true;
		}
		if (!ok) {
			err = CERROR_ABT;
			/* the defect: the lost physical sync taken for the
			 * guest's completion signal having aborted */
			if (VS_DEFECT(v, PHYS_FAIL_AS_MSI_ABT) && vs_msi_advertised(v))
				vs_gerror_raise(v, (uint32_t)GERROR_MSI_CMDQ_ABT_ERR);
		}
#ifdef VSMMU_DEFECTS
		else if (retry && VS_DEFECT(v, STICKY_PHYS_ERROR))
			v->sticky_err |= (uint8_t)(1u << p);
#endif
	}
	if (err == CERROR_NONE && VS_DEFECT(v, MSI_BEFORE_CONS))
		sync_signal(v, in);   /* the defect: signalled while CONS is still on it */
	return err;
}

/* Execute one command. Returns a CERROR code; *defer when the command must
 * wait for the next call (range too costly for what remains of the bound). */
static int exec(struct vsmmu *v, const uint64_t cmd[CMD_DWORDS], bool first, bool *defer)
{
	unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, cmd[0]);
	const struct cmd_shape *sh = shape_of(op);
	uint64_t mask;

	*defer = false;
	if (!sh && VS_DEFECT(v, SKIP_UNKNOWN_OPCODE))
		return CERROR_NONE;
	if (!sh || (cmd[0] & ~sh->dw0) || (cmd[1] & ~sh->dw1))
		return CERROR_ILL;
	switch (op) {
	case CMD_OP_PREFETCH_CONFIG:
	case CMD_OP_PREFETCH_ADDR:
		return CERROR_NONE;
	case CMD_OP_CFGI_STE:
		return cfgi_range(v, VS_FIELD_GET(CMD0_SID, cmd[0]), 0);
	case CMD_OP_CFGI_STE_RANGE:
		mask = range_mask(v, (unsigned)VS_FIELD_GET(CMD1_RANGE, cmd[1]));
		if (!first && !VS_DEFECT(v, NO_BUDGET) &&
		    v->work + VS_STREAM_COST * range_count(v, VS_FIELD_GET(CMD0_SID, cmd[0]), mask) >
		    VS_CMD_WORK_LIMIT) {
			*defer = true;
			return CERROR_NONE;
		}
		if (VS_DEFECT(v, CFGI_RANGE_PASSTHROUGH)) {
			int err = cfgi_range(v, VS_FIELD_GET(CMD0_SID, cmd[0]), mask);
			int ferr = cfgi_range_forward(v, VS_FIELD_GET(CMD0_SID, cmd[0]), mask, cmd);

			return err != CERROR_NONE ? err : ferr;
		}
		return cfgi_range(v, VS_FIELD_GET(CMD0_SID, cmd[0]), mask);
	case CMD_OP_CFGI_CD:
	case CMD_OP_CFGI_CD_ALL:
		return cfgi_cd(v, cmd);
	case CMD_OP_TLBI_NH_VA:
	case CMD_OP_TLBI_NH_VAA:
		if (tlbi_range_check(v, cmd) != CERROR_NONE)
			return CERROR_ILL;
		return tlbi_forward(v, cmd);
	case CMD_OP_TLBI_NH_ALL:
	case CMD_OP_TLBI_NH_ASID:
	case CMD_OP_TLBI_NSNH_ALL:
		return tlbi_forward(v, cmd);
	case CMD_OP_SYNC:
		if (VS_FIELD_GET(CMD0_SYNC_CS, cmd[0]) > CMD_SYNC_CS_SEV)
			return CERROR_ILL;
		/* Re-doing stale streams (twice at worst) must fit the call's bound. */
		if (!first && v->work + 2u * VS_STREAM_COST * vs_stale_count(v) > VS_CMD_WORK_LIMIT) {
			*defer = true;
			return CERROR_NONE;
		}
		return cmd_sync(v, cmd);
	default:
		return CERROR_ILL;
	}
}

static void cmd_error(struct vsmmu *v, int err)
{
	if (!VS_DEFECT(v, CONS_ERR_NOT_SET))
		VS_FIELD_SET(v->cmdq_cons, CMDQ_CONS_ERR, (unsigned)err);
	vs_gerror_raise(v, GERROR_CMDQ_ERR);
}

void vs_cmdq_process(struct vsmmu *v, unsigned budget)
{
	unsigned qs = vs_cmdq_qs(v);
	uint64_t base = vs_q_base(v->cmdq_base, qs, CMD_SHIFT);
	bool unbounded = VS_DEFECT(v, NO_BUDGET);
	unsigned done = 0;
	/* The planted off-by-one compares with the budget plus one. */
	unsigned limit = VS_DEFECT(v, CMD_BUDGET_OFF_BY_ONE) ? budget + 1 : budget;

	while (vs_cmdq_pending(v)) {
		uint32_t cons = v->cmdq_cons & vs_q_mask(qs);
		uint8_t buf[CMD_SIZE];
		uint64_t cmd[CMD_DWORDS];
		bool defer;
		int err;

		/* Two bounds: the per-call command budget, and the work bound. */
		if (!unbounded && ((done >= limit && !VS_DEFECT(v, PER_TRAP_BUDGET_REMOVED)) ||
				   v->work + VS_CMD_MAX_COST > VS_CMD_WORK_LIMIT))
			break;
		v->work++;
		v->stats.desc_reads++;
		if (v->env.mem_read(v->env.ctx, vs_q_entry(base, cons, qs, CMD_SHIFT),
				    buf, sizeof(buf)) != 0) {
			memset(cmd, 0, sizeof(cmd));
			if (VS_DEFECT(v, CMD_FETCH_ABT_SKIPPED)) {
				/* the defect: an unreadable slot skipped, as if empty */
				v->cmdq_cons = (v->cmdq_cons & (uint32_t)CMDQ_CONS_ERR) | vs_q_inc(cons, qs);
				done++;
				continue;
			}
			vs_trace(v, VSMMU_TRACE_CMD, 0, 0, 0, CERROR_ABT, cmd, CMD_DWORDS);
			cmd_error(v, CERROR_ABT);
			break;
		}
		vs_le_load(cmd, buf, CMD_DWORDS);
		err = exec(v, cmd, done == 0, &defer);
		if (defer)
			break;
		vs_trace(v, VSMMU_TRACE_CMD, 0, 0, 0, (uint64_t)err, cmd, CMD_DWORDS);
		if (err != CERROR_NONE) {
			cmd_error(v, err);
			break;
		}
		v->cmdq_cons = (v->cmdq_cons & (uint32_t)CMDQ_CONS_ERR) | vs_q_inc(cons, qs);
		v->stats.cmds_consumed++;
		done++;
		if (VS_FIELD_GET(CMD0_OP, cmd[0]) == CMD_OP_SYNC && !VS_DEFECT(v, MSI_BEFORE_CONS))
			sync_signal(v, cmd);
	}
}
