/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * refmodel_cmdq.c - the command queue as chapter 4 and section 7.1 define
 * it: which commands may be consumed, which must stop the queue with
 * CERROR_ILL or CERROR_ABT, and the error protocol (CONS stays on the
 * failing command, CONS.ERR is the reason, GERROR.CMDQ_ERR activates,
 * nothing is consumed until it is acknowledged).
 *
 * The SMMU need not report every consumption at once (4.1.4: RD may be
 * updated after an IMPLEMENTATION SPECIFIC number of commands), so any
 * CONS between what was already consumed and the first command that must
 * stop is accepted; every command CONS passes is judged.
 */
#include <inttypes.h>
#include <string.h>

#include "fuzz/refmodel_int.h"

unsigned rm_cmd_outcomes(const uint32_t idr[6], const uint64_t cmd[CMD_DWORDS])
{
	const uint64_t ill = RM_OUT_ILL, ok = RM_OUT_OK;
	unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, cmd[0]);
	bool s1p = idr[0] & IDR0_S1P, s2p = idr[0] & IDR0_S2P, ril = idr[3] & IDR3_RIL;
	/* Fields the command defines; a non-zero Reserved field may be
	 * detected (CERROR_ILL) or ignored (4.1.5). */
	uint64_t d0 = CMD0_OP, d1 = 0;
	/* TLBI parameters: VMID is RES0 without stage 2, the upper ASID/VMID
	 * byte without ASID16/VMID16 (4.4); range fields without RIL. */
	uint64_t vmid = s2p ? ((idr[0] & IDR0_VMID16) ? CMD0_VMID : VS_GENMASK(39, 32)) : 0;
	uint64_t asid = (idr[0] & IDR0_ASID16) ? CMD0_ASID : VS_GENMASK(55, 48);
	uint64_t range0 = ril ? (CMD0_NUM | CMD0_SCALE) : 0;
	/* TTL128 only means something with 128-bit descriptors, which no
	 * SMMUv3 IDR here advertises: RES0. */
	uint64_t range1 = ril ? (CMD1_TTL | CMD1_TG) : 0;
	bool has_ssec = false;

	switch (op) {
	case CMD_OP_PREFETCH_CONFIG:
		has_ssec = true;
		d0 |= CMD0_SSV | CMD0_SSID | CMD0_SID;
		break;
	case CMD_OP_PREFETCH_ADDR:
		has_ssec = true;
		d0 |= CMD0_SSV | CMD0_SSID | CMD0_SID;
		d1 = ~UINT64_C(0);            /* Addr, Size, Stride, NS */
		break;
	case CMD_OP_CFGI_STE:
		has_ssec = true;
		d0 |= CMD0_SID;
		d1 = CMD1_LEAF;
		break;
	case CMD_OP_CFGI_STE_RANGE:
		has_ssec = true;
		d0 |= CMD0_SID;
		d1 = CMD1_RANGE;
		break;
	case CMD_OP_CFGI_CD:
		if (!s1p)
			return RM_OUT_ILL;
		has_ssec = true;
		d0 |= CMD0_SSID | CMD0_SID;
		d1 = CMD1_LEAF;
		break;
	case CMD_OP_CFGI_CD_ALL:
		if (!s1p)
			return RM_OUT_ILL;
		has_ssec = true;
		d0 |= CMD0_SID;
		break;
	case CMD_OP_CFGI_VMS_PIDM:
		return (idr[3] & IDR3_MPAM) ? (unsigned)(ok | ill) : RM_OUT_ILL;
	case CMD_OP_TLBI_NH_ALL:
	case CMD_OP_TLBI_NH_ASID:
	case CMD_OP_TLBI_NH_VA:
	case CMD_OP_TLBI_NH_VAA:
		if (!s1p)
			return RM_OUT_ILL;
		d0 |= vmid;
		if (op == CMD_OP_TLBI_NH_ASID || op == CMD_OP_TLBI_NH_VA)
			d0 |= asid;
		if (op == CMD_OP_TLBI_NH_VA || op == CMD_OP_TLBI_NH_VAA) {
			d0 |= range0;
			d1 = CMD1_LEAF | CMD1_ADDR | range1;
			/* NUM == SCALE == TTL == 0 with TG != 0 is Reserved
			 * (4.4.1.1); without IDR5.DS a 16K TTL of 0b01 is
			 * treated as 0b00, so it is Reserved there too. */
			/* TG == 0: NUM, SCALE and TTL are RES0 (detected or
			 * ignored, 4.1.5) */
			if (ril && !VS_FIELD_GET(CMD1_TG, cmd[1]) &&
			    ((cmd[0] & (CMD0_NUM | CMD0_SCALE)) || (cmd[1] & CMD1_TTL)))
				return (unsigned)(ok | ill);
			if (ril && VS_FIELD_GET(CMD1_TG, cmd[1])) {
				unsigned ttl = (unsigned)VS_FIELD_GET(CMD1_TTL, cmd[1]);

				if (VS_FIELD_GET(CMD1_TG, cmd[1]) == CMD_TG_16K && ttl == 1 && !(idr[5] & IDR5_DS))
					ttl = 0;
				if (!VS_FIELD_GET(CMD0_NUM, cmd[0]) && !VS_FIELD_GET(CMD0_SCALE, cmd[0]) && !ttl)
					return RM_OUT_ILL;
			}
		}
		break;
	case CMD_OP_TLBI_NSNH_ALL:
		break;
	case CMD_OP_TLBI_EL3_ALL:
	case CMD_OP_TLBI_EL3_VA:
		return RM_OUT_ILL;              /* Secure Command queue only */
	case CMD_OP_TLBI_EL2_ALL:
	case CMD_OP_TLBI_EL2_ASID:
	case CMD_OP_TLBI_EL2_VA:
	case CMD_OP_TLBI_EL2_VAA:
		return (idr[0] & IDR0_HYP) ? (unsigned)(ok | ill) : RM_OUT_ILL;
	case CMD_OP_TLBI_S12_VMALL:
	case CMD_OP_TLBI_S2_IPA:
		return s2p ? (unsigned)(ok | ill) : RM_OUT_ILL;
	case CMD_OP_ATC_INV:
		return (idr[0] & IDR0_ATS) ? (unsigned)(ok | ill) : RM_OUT_ILL;
	case CMD_OP_PRI_RESP:
		if (!(idr[0] & IDR0_PRI) || VS_FIELD_GET(CMD1_PRI_RESP, cmd[1]) == 3)
			return RM_OUT_ILL;
		return (unsigned)(ok | ill);
	case CMD_OP_RESUME:
	case CMD_OP_STALL_TERM:
		if (VS_FIELD_GET(IDR0_STALL_MODEL, idr[0]) == IDR0_STALL_MODEL_NONE)
			return RM_OUT_ILL;
		return (unsigned)(ok | ill);
	case CMD_OP_SYNC:
		if (VS_FIELD_GET(CMD0_SYNC_CS, cmd[0]) == 3)
			return RM_OUT_ILL;
		d0 |= CMD0_SYNC_CS | CMD0_SYNC_MSH | CMD0_SYNC_MSIATTR | CMD0_SYNC_MSIDATA;
		d1 = CMD1_SYNC_MSIADDR;
		break;
	case 0x70: case 0x73:                   /* CMD_DPTI_*: only with IDR3.DPT */
		return (idr[3] & IDR3_DPT) ? (unsigned)(ok | ill) : RM_OUT_ILL;
	default:
		if (op >= 0x80 && op <= 0x8f)   /* IMPLEMENTATION DEFINED */
			return (unsigned)(ok | ill);
		/* Reserved opcodes; Secure-only commands (0x50-0x5A, 0x60) on
		 * the Non-secure queue. */
		return RM_OUT_ILL;
	}
	if (has_ssec) {
		/* SSec == 1 on the Non-secure Command queue is ILLEGAL (4.1.6) */
		if (cmd[0] & CMD0_SSEC)
			return RM_OUT_ILL;
		d0 |= CMD0_SSEC;
	}
	if ((cmd[0] & ~d0) || (cmd[1] & ~d1))
		return RM_OUT_OK | RM_OUT_ILL;
	return RM_OUT_OK;
}

static uint64_t le64(const uint8_t *b)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return v;
}

/* The command at index idx and what the architecture permits for it. */
static unsigned judge(struct refmodel *m, int g, uint32_t idx, uint64_t cmd[CMD_DWORDS])
{
	struct rm_guest *G = &m->g[g];
	unsigned qs = rm_cmdq_qs(G), out;
	uint64_t a = vs_q_entry(vs_q_base(G->cmdq_base, qs, CMD_SHIFT), idx, qs, CMD_SHIFT);
	uint8_t b[CMD_SIZE];

	if (m->env.mem_read(m->env.ctx, g, a, b, sizeof b) != 0) {
		cmd[0] = cmd[1] = 0;
		return RM_OUT_ABT;               /* external abort on the fetch */
	}
	cmd[0] = le64(b);
	cmd[1] = le64(b + 8);
	/* a consumed CMD_SYNC whose MSI then overwrote its own first word */
	if (rm_msi_rebuild(G, idx, cmd))
		return RM_OUT_OK;
	out = rm_cmd_outcomes(G->idr, cmd);
	/* An abort the platform observed on the fetch, or a physical failure
	 * of the work the command asked for (fault injection): CERROR_ABT. */
	if (G->cmd_abort_seen || rm_faults(m, g))
		out |= RM_OUT_ABT;
	return out;
}

static void consume(struct refmodel *m, int g, const uint64_t cmd[CMD_DWORDS], uint32_t idx)
{
	unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, cmd[0]);
	uint32_t sid = (uint32_t)VS_FIELD_GET(CMD0_SID, cmd[0]);

	if (op == CMD_OP_CFGI_STE)
		rm_streams_cfgi(m, g, sid, 0);
	else if (op == CMD_OP_CFGI_STE_RANGE)
		rm_streams_cfgi(m, g, sid, (unsigned)VS_FIELD_GET(CMD1_RANGE, cmd[1]) + 1);
	else if (op == CMD_OP_SYNC) {
		rm_streams_sync(m, g);
		rm_msi_sync_consumed(m, g, cmd, idx);
		rm_irq_sync_consumed(m, g, cmd);
	}
}

static const char *outs_name(unsigned o)
{
	static const char *const n[8] = { "nothing", "consumed", "CERROR_ILL", "consumed|CERROR_ILL",
					  "CERROR_ABT", "consumed|CERROR_ABT", "CERROR_ILL|CERROR_ABT",
					  "consumed|CERROR_ILL|CERROR_ABT" };
	return n[o & 7u];
}

/* Judge every command between the consumed position and the observed CONS. */
static void advance(struct refmodel *m, int g, uint32_t obs)
{
	struct rm_guest *G = &m->g[g];
	unsigned qs = rm_cmdq_qs(G);
	uint32_t d = vs_q_dist(G->cmdq_cons, obs, qs);
	uint32_t avail = vs_q_dist(G->cmdq_cons, G->cmdq_prod, qs);
	uint32_t idx = G->cmdq_cons;

	if (!(G->cr0 & CR0_CMDQEN)) {
		rm_fire(m, g, "field=CMDQ_CONS expected=0x%" PRIx32 "(CMDQEN=0: nothing consumed) seen=0x%" PRIx32,
			G->cmdq_cons, obs);
		return;
	}
	if (((G->gerror ^ G->gerrorn) & GERROR_CMDQ_ERR) && !(G->gerror_loose & GERROR_CMDQ_ERR)) {
		rm_fire(m, g, "field=CMDQ_CONS expected=0x%" PRIx32 "(CMDQ_ERR active: nothing consumed)"
			" seen=0x%" PRIx32, G->cmdq_cons, obs);
		return;
	}
	if (d > avail) {
		rm_fire(m, g, "field=CMDQ_CONS expected=within[0x%" PRIx32 ",0x%" PRIx32 "](PROD)"
			" seen=0x%" PRIx32, G->cmdq_cons, G->cmdq_prod, obs);
		return;
	}
	if (G->ring_clobbered) {
		G->msi_loose = true;   /* nor are the CMD_SYNCs' MSIs */
		return;   /* the ring was overwritten during the call: not judged */
	}
	if (d > RM_MAX_WALK)
		d = RM_MAX_WALK;
	for (uint32_t i = 0; i < d; i++) {
		uint64_t cmd[CMD_DWORDS];
		unsigned out = judge(m, g, idx, cmd);

		m->checks++;
		if (!(out & RM_OUT_OK)) {
			rm_fire(m, g, "field=CMDQ_CONS expected=stop-at-0x%" PRIx32 "(%s for cmd 0x%016" PRIx64
				" 0x%016" PRIx64 ") seen=0x%" PRIx32 "(consumed past it)", idx,
				outs_name(out), cmd[0], cmd[1], obs);
			return;
		}
		consume(m, g, cmd, idx);
		idx = vs_q_inc(idx, qs);
	}
}

void rm_cmdq_observe(struct refmodel *m, int g)
{
	struct rm_guest *G = &m->g[g];
	unsigned qs = rm_cmdq_qs(G);
	uint32_t mask = vs_q_mask(qs);
	uint32_t cons = rm_probe(m, g, SMMU_CMDQ_CONS);
	uint32_t gerr = rm_probe(m, g, SMMU_GERROR);
	uint32_t obs = cons & mask, code = (uint32_t)VS_FIELD_GET(CMDQ_CONS_ERR, cons);
	bool was = (G->gerror ^ G->gerrorn) & GERROR_CMDQ_ERR;
	bool now = (gerr ^ G->gerrorn) & GERROR_CMDQ_ERR;

	m->checks++;
	if (G->prod_loose) {
		uint32_t prod = rm_probe(m, g, SMMU_CMDQ_PROD);
		if (prod & ~mask)
			rm_fire(m, g, "field=CMDQ_PROD(RAZ) expected=0 seen=0x%" PRIx32, prod & ~mask);
		G->cmdq_prod = prod & mask;
		G->prod_loose = false;
	}
	if (cons & ~(mask | (uint32_t)CMDQ_CONS_ERR))
		rm_fire(m, g, "field=CMDQ_CONS(RES0/RAZ) expected=0 seen=0x%" PRIx32,
			cons & ~(mask | (uint32_t)CMDQ_CONS_ERR));
	if (G->cons_loose) {
		G->cmdq_cons = obs;
		G->cons_loose = false;
		G->msi_loose = true;   /* commands consumed unjudged */
	} else if (obs != G->cmdq_cons) {
		advance(m, g, obs);
		G->cmdq_cons = obs;
	}
	if (G->gerror_loose & GERROR_CMDQ_ERR) {
		/* UNPREDICTABLE after a GERRORN toggle of an inactive error: the
		 * bit is adopted from GERROR and GERRORN as observed, once, and
		 * judged again from here (it stayed loose until the next toggle
		 * of an active error, which may never come, and with it every
		 * later CMDQ_ERR and the progress check went unjudged) */
		rm_gerror_adopt_loose(m, g, (uint32_t)GERROR_CMDQ_ERR, gerr);
		G->cmdq_err = code;
	} else if (!was && now) {
		uint64_t cmd[CMD_DWORDS] = { 0, 0 };
		unsigned out = 0, want;

		if (G->cmdq_cons != G->cmdq_prod && !G->ring_clobbered)
			out = judge(m, g, G->cmdq_cons, cmd);
		else if (G->ring_clobbered)
			out = RM_OUT_ILL | RM_OUT_ABT;
		want = code == CERROR_ILL ? RM_OUT_ILL : code == CERROR_ABT ? RM_OUT_ABT : 0;
		if (!(out & want))
			rm_fire(m, g, "field=CMDQ_CONS.ERR expected=%s(cmd 0x%016" PRIx64 " 0x%016" PRIx64
				" at 0x%" PRIx32 ") seen=GERROR.CMDQ_ERR,ERR=0x%" PRIx32, outs_name(out),
				cmd[0], cmd[1], G->cmdq_cons, code);
		G->gerror ^= GERROR_CMDQ_ERR;
		G->cmdq_err = code;
	} else if (was && !now) {
		rm_fire(m, g, "field=GERROR.CMDQ_ERR expected=active(not acknowledged) seen=inactive");
		G->gerror ^= GERROR_CMDQ_ERR;
	} else if (was && now && code != G->cmdq_err && !G->err_loose) {
		rm_fire(m, g, "field=CMDQ_CONS.ERR expected=0x%" PRIx32 "(while CMDQ_ERR active) seen=0x%" PRIx32,
			G->cmdq_err, code);
		G->cmdq_err = code;
	}
	if (was && now)
		G->cmdq_err = code;
	G->err_loose = false;
	G->ring_clobbered = false;
	G->cmd_abort_seen = false;
	G->observed = true;
}

/* The deferred-work contract (vsmmu_run processes commands): a round that
 * starts with consumable commands consumes one or stops with an error. */
static bool consumable(const struct rm_guest *G)
{
	return (G->cr0 & CR0_CMDQEN) && !((G->gerror ^ G->gerrorn) & GERROR_CMDQ_ERR) &&
	       !(G->gerror_loose & GERROR_CMDQ_ERR) && !G->cons_loose && !G->prod_loose &&
	       G->cmdq_cons != G->cmdq_prod;
}

void rm_cmdq_run_begin(struct refmodel *m, int g)
{
	struct rm_guest *G = &m->g[g];

	rm_cmdq_observe(m, g);
	G->run_pending = consumable(G);
	G->run_cons = G->cmdq_cons;
}

static void no_progress(struct refmodel *m, int g)
{
	rm_fire(m, g, "field=CMDQ_CONS expected=progress(a hypervisor round with commands"
		" pending) seen=0x%" PRIx32 "(unchanged)", m->g[g].cmdq_cons);
}

void rm_cmdq_run_end(struct refmodel *m, int g)
{
	struct rm_guest *G = &m->g[g];

	rm_cmdq_observe(m, g);
	if (G->run_pending && G->cmdq_cons == G->run_cons && consumable(G))
		no_progress(m, g);
	G->run_pending = false;
}

/* The round that skips g is the round that would have run it and found
 * nothing to do: the same check as rm_cmdq_run_begin + rm_cmdq_run_end
 * with CONS unchanged. No libvsmmu call of g (nor routing) since the last
 * observation: the registers are as observed then, no probe needed. */
void rm_cmdq_run_skipped(struct refmodel *m, int g)
{
	struct rm_guest *G = &m->g[g];

	if (!G->observed)
		rm_cmdq_observe(m, g);
	if (consumable(G))
		no_progress(m, g);
}
