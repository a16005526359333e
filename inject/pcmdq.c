/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pcmdq.c - the physical SMMU's command queue as the hypervisor drives it.
 *
 * send_cmd writes the command into a 256-entry ring in hypervisor memory;
 * the model consumes the ring when the hypervisor issues CMD_SYNC (or when
 * the ring is full). A command that is illegal for this SMMU, or that an
 * fault (faults.c: an injected cmd-error or the fail-nth countdown) marks,
 * raises CERROR: the model toggles GERROR.CMDQ_ERR, the hypervisor's handler
 * skips the command (its effect never happens), acknowledges, and hands the
 * skipped command to libvsmmu's host (vsmmu_host_phys_cmd_failed), which
 * gives it to the guest whose work it was. A failed CMD_SYNC is returned by
 * the sync of whoever issued it. A faulted sync (injected sync-timeout or
 * the countdown) returns VSMMU_PHYS_TIMEOUT without consuming anything: the
 * queued commands take effect at the next successful sync.
 *
 * In Service Failure Mode (spec 12.3: GERROR.SFM_ERR, "stop accessing its
 * queues") the SMMU consumes nothing: commands can still be written into
 * the ring until it is full (then send_cmd fails), and every sync times out,
 * until the world ends. The hypervisor's timeout and fence paths are what
 * is left; libvsmmu must stay bounded on them (docs/vsmmu.md).
 */
#include "inject/internal.h"
#include "inject/pgtable.h"
#include "vsmmu/smmuv3_queue.h"

/* The observer's view of each command's outcome (the oracle's I11). */
static void pcmdq_observe_done(struct platform *p, struct psmmu *ps, int guest,
			       const uint64_t cmd[CMD_DWORDS], unsigned status)
{
	PLAT_NOTIFY(p, on_phys_cmd_done, guest, ps->idx, cmd, status);
}

/* log2 of the granule a TLBI's TG field names (0: no TG, an address). */
static const unsigned tg_gshift[4] = { 0, PTE_GSHIFT_4K, PTE_GSHIFT_16K, PTE_GSHIFT_64K };

static bool pcmdq_full(const struct psmmu *ps)
{
	return vs_q_full(ps->cmdq_prod, ps->cmdq_cons, PCMDQ_SHIFT);
}

static int pcmdq_put(struct platform *p, struct psmmu *ps, int guest, const uint64_t cmd[CMD_DWORDS],
		     uint8_t mark)
{
	uint32_t slot;
	uint64_t c[CMD_DWORDS] = { cmd[0], cmd[1] };
	struct plat_access a = {
		.actor = PLAT_ACT_HYP_PRIVATE, .guest = guest, .psmmu = (int)ps->idx,
		.len = CMD_SIZE, .write = true,
	};

	if (pcmdq_full(ps))
		pcmdq_process(p, ps);
	if (pcmdq_full(ps)) {
		/* The SMMU consumes nothing (SFM): no slot to write into. */
		pcmdq_observe_done(p, ps, guest, cmd, VSMMU_PHYS_FAIL);
		return VSMMU_PHYS_FAIL;
	}
	slot = vs_q_idx(ps->cmdq_prod, PCMDQ_SHIFT);
	a.hpa = vs_q_entry(ps->cmdq_base, ps->cmdq_prod, PCMDQ_SHIFT, CMD_SHIFT);
	if (hm_access(p, &a, c)) {
		pcmdq_observe_done(p, ps, guest, cmd, VSMMU_PHYS_FAIL);
		return VSMMU_PHYS_FAIL;
	}
	ps->cmd_mark[slot] = mark;
	ps->cmd_owner[slot] = (int8_t)(guest >= 0 && guest < (int)PLAT_MAX_GUESTS ? guest : -1);
	ps->cmdq_prod = vs_q_inc(ps->cmdq_prod, PCMDQ_SHIFT);
	PLAT_NOTIFY(p, on_phys_cmd, guest, ps->idx, cmd);
	return VSMMU_PHYS_OK;
}

int pcmdq_send(struct platform *p, struct psmmu *ps, int guest, const uint64_t cmd[CMD_DWORDS])
{
	/* A fault marks the command: the model raises that CERROR when it
	 * consumes it (so the failure is reported by the next sync). */
	int f = fault_step(p, PLAT_FAULT_CMD, guest, ps->idx, 0, 0);

	return pcmdq_put(p, ps, guest, cmd, f > 0 ? (uint8_t)f : (uint8_t)(f ? CERROR_ABT : 0));
}

/* The hypervisor's own maintenance (guest -1): queued and waited for at
 * once; injected command errors and sync timeouts are kept for the commands
 * sent through the vSMMU environment. */
int pcmdq_hyp(struct platform *p, struct psmmu *ps, const uint64_t cmd[CMD_DWORDS])
{
	uint64_t sync[CMD_DWORDS] = { VS_FIELD_PREP(CMD0_OP, CMD_OP_SYNC), 0 };
	int st = pcmdq_put(p, ps, -1, cmd, 0);

	if (!st)
		st = pcmdq_put(p, ps, -1, sync, 0);
	if (!st && ps->sfm) {
		pcmdq_observe_done(p, ps, -1, sync, VSMMU_PHYS_TIMEOUT);
		return VSMMU_PHYS_TIMEOUT;
	}
	pcmdq_process(p, ps);
	return st;
}

int pcmdq_sync(struct platform *p, struct psmmu *ps, int guest)
{
	uint64_t cmd[CMD_DWORDS] = { VS_FIELD_PREP(CMD0_OP, CMD_OP_SYNC) |
				     VS_FIELD_PREP(CMD0_SYNC_CS, CMD_SYNC_CS_NONE), 0 };
	int f = fault_step(p, PLAT_FAULT_SYNC, guest, ps->idx, 0, 0);
	int st = pcmdq_put(p, ps, guest, cmd, f == CERROR_ATC_INV_SYNC ? CERROR_ATC_INV_SYNC : 0);

	if (st)
		return st;
	if ((f && f != CERROR_ATC_INV_SYNC) || ps->sfm) {
		/* nothing consumed: it takes effect later (never, in SFM) */
		pcmdq_observe_done(p, ps, guest, cmd, VSMMU_PHYS_TIMEOUT);
		return VSMMU_PHYS_TIMEOUT;
	}
	pcmdq_process(p, ps);
	guest = guest >= 0 && guest < (int)PLAT_MAX_GUESTS ? guest : -1;
	st = (int)ps->sync_status[guest + 1];
	ps->sync_status[guest + 1] = 0;
	return st;
}

void pcmdq_process(struct platform *p, struct psmmu *ps)
{
	while (!ps->sfm && ps->cmdq_cons != ps->cmdq_prod) {
		uint32_t slot = vs_q_idx(ps->cmdq_cons, PCMDQ_SHIFT);
		uint64_t cmd[CMD_DWORDS] = { 0, 0 };
		struct plat_access a = {
			.actor = PLAT_ACT_HYP_PRIVATE, .guest = -1, .psmmu = (int)ps->idx,
			.hpa = vs_q_entry(ps->cmdq_base, ps->cmdq_cons, PCMDQ_SHIFT, CMD_SHIFT), .len = CMD_SIZE,
		};
		unsigned err = ps->cmd_mark[slot];
		int owner = ps->cmd_owner[slot];
		bool fetched;

		ps->cmd_mark[slot] = 0;
		fetched = hm_access(p, &a, cmd) == 0;
		if (!fetched)
			err = CERROR_ABT;
		if (!err && !pcmdq_exec(p, ps, cmd))
			err = CERROR_ILL;
		ps->cmdq_cons = vs_q_inc(ps->cmdq_cons, PCMDQ_SHIFT);
		pcmdq_observe_done(p, ps, owner, cmd, err);   /* cmd is zero when not fetched */
		if (!err) {
			ps->cmds_done++;
			continue;
		}
		/* CMDQ_ERR raised; the hypervisor's handler skips the command,
		 * acknowledges, and tells whoever must know. */
		ps->gerror ^= (uint32_t)GERROR_CMDQ_ERR;
		ps->gerrorn = ps->gerror;
		ps->cerrors++;
		if (!fetched || VS_FIELD_GET(CMD0_OP, cmd[0]) == CMD_OP_SYNC) {
			/* no command to attribute: its sender's next sync fails */
			if (!ps->sync_status[owner + 1])
				ps->sync_status[owner + 1] = err;
		} else {
			vsmmu_host_phys_cmd_failed(p->host, ps->idx, cmd, (int)err);
		}
	}
}

static void cfgi_range(struct psmmu *ps, uint32_t base, uint64_t n)
{
	for (unsigned i = 0; i < PCFG_ENTRIES; i++)
		if (ps->cfg[i].valid && (uint64_t)(ps->cfg[i].sid - base) < n)
			ps->cfg[i].valid = false;
	for (unsigned i = 0; i < PCD_ENTRIES; i++)
		if (ps->cdc[i].valid && (uint64_t)(ps->cdc[i].sid - base) < n)
			ps->cdc[i].valid = false;
}

/* Range of TLBI_S2_IPA: false if the encoding is reserved. */
static bool tlbi_range(const uint64_t cmd[CMD_DWORDS], uint64_t *size)
{
	unsigned tg = (unsigned)VS_FIELD_GET(CMD1_TG, cmd[1]);
	unsigned num = (unsigned)VS_FIELD_GET(CMD0_NUM, cmd[0]);
	unsigned scale = (unsigned)VS_FIELD_GET(CMD0_SCALE, cmd[0]);
	unsigned ttl = (unsigned)VS_FIELD_GET(CMD1_TTL, cmd[1]);

	if (!tg) {
		*size = 1;
		return true;
	}
	if (!num && !scale && !ttl)
		return false;
	*size = ((uint64_t)num + 1) << scale << tg_gshift[tg];
	return true;
}

/* TLBI_NH_VA/VAA by the letter of 4.4.1.1: false for an encoding this SMMU
 * raises CERROR_ILL for. Without RIL the range fields are RES0 and this
 * model detects them (4.1.5), as it does TG = 0 with NUM/SCALE/TTL set and
 * TTL128 (no 128-bit descriptors). With TG != 0 the range is
 * [Addr, Addr + (NUM+1) * 2^SCALE * granule) without wrap; a 16K TTL of
 * 0b01 is treated as 0b00 (no DS), and NUM = SCALE = TTL = 0 is Reserved. */
static bool tlbi_va_decode(const struct psmmu *ps, const uint64_t cmd[CMD_DWORDS], struct tlbi_va *q)
{
	unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, cmd[0]);
	unsigned tg = (unsigned)VS_FIELD_GET(CMD1_TG, cmd[1]);
	unsigned num = (unsigned)VS_FIELD_GET(CMD0_NUM, cmd[0]);
	unsigned scale = (unsigned)VS_FIELD_GET(CMD0_SCALE, cmd[0]);
	unsigned ttl = (unsigned)VS_FIELD_GET(CMD1_TTL, cmd[1]);
	bool any = num || scale || ttl || tg || (cmd[1] & CMD1_TTL128);

	q->vmid = (uint16_t)VS_FIELD_GET(CMD0_VMID, cmd[0]);
	q->asid = op == CMD_OP_TLBI_NH_VA ? (int)VS_FIELD_GET(CMD0_ASID, cmd[0]) : -1;
	q->va = cmd[1] & CMD1_ADDR;
	q->last = q->va | 0xfff;
	q->gshift = 0;
	q->ttl = 0;
	q->leaf = cmd[1] & CMD1_LEAF;
	if (!ps->ril || !tg)
		return !any;
	if (cmd[1] & CMD1_TTL128)
		return false;
	if (tg == CMD_TG_16K && ttl == 1)
		ttl = 0;
	if (!num && !scale && !ttl)
		return false;
	q->gshift = tg_gshift[tg];
	q->ttl = ttl;
	{
		uint64_t range = ((uint64_t)num + 1) << (scale + q->gshift);   /* <= 2^52 */

		q->last = range - 1 > UINT64_MAX - q->va ? UINT64_MAX : q->va + range - 1;
	}
	return true;
}

bool pcmdq_exec(struct platform *p, struct psmmu *ps, const uint64_t cmd[CMD_DWORDS])
{
	unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, cmd[0]);
	uint32_t sid = (uint32_t)VS_FIELD_GET(CMD0_SID, cmd[0]);
	uint16_t vmid = (uint16_t)VS_FIELD_GET(CMD0_VMID, cmd[0]);
	uint16_t asid = (uint16_t)VS_FIELD_GET(CMD0_ASID, cmd[0]);
	uint64_t size;

	(void)p;
	switch (op) {
	case CMD_OP_PREFETCH_CONFIG:
	case CMD_OP_PREFETCH_ADDR:
		return true;
	case CMD_OP_CFGI_STE:
		psmmu_cfgi_sid(ps, sid);
		return true;
	case CMD_OP_CFGI_STE_RANGE: {
		unsigned range = (unsigned)VS_FIELD_GET(CMD1_RANGE, cmd[1]);
		uint64_t n = UINT64_C(1) << (range + 1);

		if (range == CMD_CFGI_RANGE_ALL)
			cfgi_range(ps, 0, UINT64_C(1) << SMMU_SIDSIZE_MAX);
		else
			cfgi_range(ps, (uint32_t)(sid & ~(n - 1)), n);
		return true;
	}
	case CMD_OP_CFGI_CD:
	case CMD_OP_CFGI_CD_ALL: {
		uint32_t ssid = (uint32_t)VS_FIELD_GET(CMD0_SSID, cmd[0]);

		for (unsigned i = 0; i < PCD_ENTRIES; i++)
			if (ps->cdc[i].valid && ps->cdc[i].sid == sid &&
			    (op == CMD_OP_CFGI_CD_ALL || ps->cdc[i].idx == ssid))
				ps->cdc[i].valid = false;
		return true;
	}
	case CMD_OP_TLBI_NH_ALL:
		tlb_inv_vmid(&ps->tlb, vmid, true);
		return true;
	case CMD_OP_TLBI_NH_ASID:
		tlb_inv_asid(&ps->tlb, vmid, asid);
		return true;
	case CMD_OP_TLBI_NH_VA:
	case CMD_OP_TLBI_NH_VAA: {
		struct tlbi_va q;

		if (!tlbi_va_decode(ps, cmd, &q))
			return false;
		tlb_inv_va(&ps->tlb, &q);
		return true;
	}
	case CMD_OP_TLBI_S12_VMALL:
		tlb_inv_vmid(&ps->tlb, vmid, false);
		return true;
	case CMD_OP_TLBI_S2_IPA:
		if (!tlbi_range(cmd, &size))
			return false;
		tlb_inv_ipa(&ps->tlb, vmid, cmd[1] & CMD1_IPA, size);
		return true;
	case CMD_OP_TLBI_NSNH_ALL:
		tlb_inv_all(&ps->tlb);
		return true;
	case CMD_OP_SYNC:
		return VS_FIELD_GET(CMD0_SYNC_CS, cmd[0]) != 3;
	default:
		/* EL2/EL3 TLBIs (no Hyp), ATC_INV (no ATS), PRI_RESP (no PRI),
		 * RESUME/STALL_TERM (no stalls), CFGI_VMS_PIDM (no MPAM) and
		 * reserved opcodes. */
		return false;
	}
}
