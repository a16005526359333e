/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * refmodel_msi.c - the MSIs of an SMMU with IDR0.MSI = 1 (spec 3.18,
 * 4.7.3, 6.3.21-23, 6.3.30-32, 7.5.1), as the guest can observe them: a
 * 32-bit write of the configured data to the configured address.
 *
 * Sources and what the model requires of each, per op (an op includes
 * its hypervisor round):
 * - CMD_SYNC, CS = SIG_IRQ, MSIAddress[55:2] != 0: exactly one write of
 *   MSIData to MSIAddress (truncated to the OAS) per consumed CMD_SYNC, in
 *   order, made when CMDQ_CONS had already passed that CMD_SYNC (4.7.3:
 *   observing the MSI means the consumption is observable);
 * - GERROR, GERROR_IRQEN = 1 and ADDR != 0: at most one MSI per error
 *   activated (MSI_GERROR_ABT_ERR excepted, 7.5.1), at least one if any
 *   was (activations at the same time may coalesce);
 * - event queue, EVENTQ_IRQEN = 1 and ADDR != 0: at most one per record
 *   written, at least one when a record went into an empty queue (the
 *   trigger of 3.18.2).
 * Every other 32-bit hypervisor write is a violation. A write that aborted
 * must activate its source's GERROR.MSI_*_ABT_ERR (unless already active),
 * and those bits activate only after an aborted MSI of their source. The
 * architecture lets a notification lag; the model requires it within the
 * op (the library signals synchronously), so a missing one is caught.
 */
#include <inttypes.h>
#include <string.h>

#include "fuzz/refmodel_int.h"

static unsigned oas_bits(const struct rm_guest *G)
{
	static const unsigned enc[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };

	return enc[VS_FIELD_GET(IDR5_OAS, G->idr[5]) & 7u];
}

/* What an IRQ_CFG0 register keeps of a write: ADDR[55:2] below the OAS.
 * The bits above are RES0; like libvsmmu (docs/vsmmu.md, MSIs) the model
 * does not store them (RAZ/WI), so an address written only above the OAS
 * reads back 0 and sends no MSI. */
uint64_t rm_irq_cfg0_keep(const struct rm_guest *G)
{
	return IRQ_CFG0_ADDR & ((UINT64_C(1) << oas_bits(G)) - 1);
}

/* The address an MSI of this ADDR[55:2] field goes to, or 0 for none: the
 * zero check is on the whole field, then the address is truncated to the
 * OAS (4.7.3, 3.4.3). */
uint64_t rm_msi_addr(const struct rm_guest *G, uint64_t field)
{
	uint64_t a = field & IRQ_CFG0_ADDR;

	if (!a)
		return UINT64_MAX;
	return a & ((UINT64_C(1) << oas_bits(G)) - 1);
}

static bool msi_on(const struct rm_guest *G)
{
	return (G->idr[0] & IDR0_MSI) != 0;
}

static uint64_t cmdq_slot(const struct rm_guest *G, uint32_t idx)
{
	unsigned qs = rm_cmdq_qs(G);

	return vs_q_entry(vs_q_base(G->cmdq_base, qs, CMD_SHIFT), idx, qs, CMD_SHIFT);
}

/* Was command slot idx (index+wrap) consumed when CONS read cons, counting
 * from the model's consumed position? */
static bool consumed_by(const struct rm_guest *G, uint32_t idx, uint32_t cons)
{
	unsigned qs = rm_cmdq_qs(G);

	return vs_q_dist(G->cmdq_cons, idx, qs) < vs_q_dist(G->cmdq_cons, cons, qs);
}

/* Does the MSI a, written over the first word of a consumed command slot,
 * leave a slot rm_msi_rebuild can restore: a CMD_SYNC whose MSI targets its
 * own slot (its MSIData and MSIAddress, in the words the MSI did not
 * overwrite, say so)? Any other MSI there (a GERROR or event queue MSI
 * aimed into the queue) destroyed a command the model still judges. */
static bool own_slot_msi(struct refmodel *m, int g, const struct rm_acc *a)
{
	const struct rm_guest *G = &m->g[g];
	uint8_t b[CMD_SIZE];
	uint64_t dw0 = 0, dw1 = 0;
	uint32_t data = (uint32_t)a->data[0] | (uint32_t)a->data[1] << 8 | (uint32_t)a->data[2] << 16 |
			(uint32_t)a->data[3] << 24;

	if (a->failed)
		return true;              /* nothing was written */
	if (m->env.mem_read(m->env.ctx, g, a->ipa, b, sizeof b) != 0)
		return false;
	for (unsigned i = 0; i < 8; i++) {
		dw0 |= (uint64_t)b[i] << (8 * i);
		dw1 |= (uint64_t)b[8 + i] << (8 * i);
	}
	return VS_FIELD_GET(CMD0_SYNC_MSIDATA, dw0) == data && rm_msi_addr(G, dw1 & CMD1_SYNC_MSIADDR) == a->ipa;
}

void rm_msi_observed(struct refmodel *m, int g, const struct rm_acc *a)
{
	struct rm_guest *G = &m->g[g];
	unsigned qs = rm_cmdq_qs(G);
	uint64_t base = vs_q_base(G->cmdq_base, qs, CMD_SHIFT), size = UINT64_C(1) << (qs + CMD_SHIFT);
	struct rm_msi *o;

	m->checks++;
	if (!msi_on(G)) {
		rm_fire(m, g, "field=msi ipa=0x%" PRIx64 " expected=none(IDR0.MSI=0) seen=written", a->ipa);
		return;
	}
	/* Into the command queue: harmless for the model if it overwrote the
	 * first word of a slot already consumed by the CMD_SYNC it signals (a
	 * driver polling its CMD_SYNC's own slot); anything else changed
	 * commands the SMMU may still fetch, or the model still judges. */
	if (a->ipa < base + size && base < a->ipa + a->len) {
		uint32_t n = UINT32_C(1) << qs;
		uint32_t idx = (uint32_t)((a->ipa - base) >> CMD_SHIFT);
		uint32_t d = (idx - (G->cmdq_cons & (n - 1))) & (n - 1);
		uint32_t pos = (G->cmdq_cons + d) & vs_q_mask(qs);

		if (((a->ipa - base) & (CMD_SIZE - 1)) || !consumed_by(G, pos, a->cons) || !own_slot_msi(m, g, a))
			G->ring_clobbered = true;
	}
	if (G->nmsi >= RM_MAX_MSI) {
		G->msi_loose = true;
		return;
	}
	o = &G->msi[G->nmsi++];
	o->addr = a->ipa;
	o->data = a->failed ? 0 : (uint32_t)a->data[0] | (uint32_t)a->data[1] << 8 |
				  (uint32_t)a->data[2] << 16 | (uint32_t)a->data[3] << 24;
	o->cons = a->cons;
	o->failed = a->failed;
}

static void drop(struct rm_guest *G, uint32_t i)
{
	memmove(&G->msi[i], &G->msi[i + 1], (G->nmsi - i - 1) * sizeof G->msi[0]);
	G->nmsi--;
}

bool rm_msi_rebuild(const struct rm_guest *G, uint32_t idx, uint64_t cmd[CMD_DWORDS])
{
	uint64_t slot = cmdq_slot(G, idx);

	for (uint32_t i = 0; i < G->nmsi; i++) {
		const struct rm_msi *o = &G->msi[i];

		if (o->addr != slot || !consumed_by(G, idx, o->cons))
			continue;
		/* dword 0 [63:32] (MSIData) and dword 1 (MSIAddress) are intact:
		 * it was a CMD_SYNC whose MSI targets its own slot; CS and the
		 * attributes were in the overwritten word */
		if (o->failed || VS_FIELD_GET(CMD0_SYNC_MSIDATA, cmd[0]) != o->data ||
		    rm_msi_addr(G, cmd[1] & CMD1_SYNC_MSIADDR) != slot)
			return false;
		cmd[0] = VS_FIELD_PREP(CMD0_OP, CMD_OP_SYNC) | VS_FIELD_PREP(CMD0_SYNC_CS, CMD_SYNC_CS_IRQ) |
			 (cmd[0] & CMD0_SYNC_MSIDATA);
		return true;
	}
	return false;
}

/* Where the GERROR (src 0) or event queue (src 1) interrupt sends its
 * MSIs, or UINT64_MAX when it sends none (not enabled, or ADDR 0). */
static uint64_t irq_msi_addr(const struct rm_guest *G, int src)
{
	uint32_t en = src ? (uint32_t)IRQ_CTRL_EVENTQ_IRQEN : (uint32_t)IRQ_CTRL_GERROR_IRQEN;

	return (G->irq_ctrl & en) ? rm_msi_addr(G, G->irq_cfg0[src]) : UINT64_MAX;
}

/* Could o be an MSI of that interrupt: its address, its data (an aborted
 * write carries none)? */
static bool irq_msi_may(const struct rm_guest *G, int src, const struct rm_msi *o)
{
	uint64_t a = irq_msi_addr(G, src);

	return a != UINT64_MAX && o->addr == a && (o->failed || o->data == G->irq_cfg1[src]);
}

void rm_msi_sync_consumed(struct refmodel *m, int g, const uint64_t cmd[CMD_DWORDS], uint32_t pos)
{
	struct rm_guest *G = &m->g[g];
	uint64_t addr = rm_msi_addr(G, cmd[1] & CMD1_SYNC_MSIADDR);
	uint32_t data = (uint32_t)VS_FIELD_GET(CMD0_SYNC_MSIDATA, cmd[0]);
	unsigned qs = rm_cmdq_qs(G);

	if (!msi_on(G) || VS_FIELD_GET(CMD0_SYNC_CS, cmd[0]) != CMD_SYNC_CS_IRQ || addr == UINT64_MAX)
		return;
	m->checks++;
	/* CMD_SYNCs complete in order: the oldest MSI of that data to that
	 * address (another source may share the address) */
	for (uint32_t i = 0; i < G->nmsi; i++) {
		const struct rm_msi *o = &G->msi[i];
		uint32_t d;

		if (o->addr != addr || (!o->failed && o->data != data))
			continue;
		d = vs_q_dist(pos, o->cons, qs);
		if (d == 0 || d > (vs_q_mask(qs) >> 1) + 1) {
			/* written before CONS passed this CMD_SYNC: not its MSI if
			 * the GERROR or event queue interrupt shares the address
			 * and explains it (rm_msi_op_end judges it there) */
			if (irq_msi_may(G, 0, o) || irq_msi_may(G, 1, o))
				continue;
			rm_fire(m, g, "field=msi(CMD_SYNC@0x%" PRIx32 ") expected=written-after-CMDQ_CONS-passed-it"
				" seen=written-at-CONS0x%" PRIx32, pos, o->cons);
			return;
		}
		if (o->failed)
			G->msi_failed |= (uint32_t)GERROR_MSI_CMDQ_ABT_ERR;
		drop(G, i);
		return;
	}
	if (G->msi_loose)
		return;
	for (uint32_t i = 0; i < G->nmsi; i++)
		if (G->msi[i].addr == addr) {
			rm_fire(m, g, "field=msi(CMD_SYNC@0x%" PRIx32 ") expected=data0x%" PRIx32 "@ipa0x%" PRIx64
				" seen=data0x%" PRIx32, pos, data, addr, G->msi[i].data);
			return;
		}
	rm_fire(m, g, "field=msi(CMD_SYNC@0x%" PRIx32 " CS=SIG_IRQ) expected=data0x%" PRIx32 "@ipa0x%" PRIx64
		" seen=none", pos, data, addr);
}

/* An MSI both the event queue and GERROR explain (same address): should it
 * count as the event queue's? abt_new: the abort bits the op activated;
 * active: the errors active when the op ended. */
static bool msi_to_evtq(const struct rm_guest *G, const struct rm_msi *o, uint32_t abt_new, uint32_t active,
			uint32_t nev, uint32_t nge, uint32_t activations)
{
	uint32_t ev_abt = abt_new & ~G->msi_failed & (uint32_t)GERROR_MSI_EVENTQ_ABT_ERR;
	uint32_t ge_abt = abt_new & ~G->msi_failed & (uint32_t)GERROR_MSI_GERROR_ABT_ERR;
	bool ev_on = (active & (uint32_t)GERROR_MSI_EVENTQ_ABT_ERR) != 0;
	bool ge_on = (active & (uint32_t)GERROR_MSI_GERROR_ABT_ERR) != 0;

	if (o->failed && (ev_abt != 0) != (ge_abt != 0))
		return ev_abt != 0;
	/* An aborted MSI leaves its source's abort error active (activated
	 * by it, or already): only a source whose error is active when the op
	 * ends can have sent it. Without this, a second aborted GERROR MSI
	 * (MSI_GERROR_ABT_ERR already claimed by the first) was given to the
	 * event queue, whose acknowledged MSI_EVENTQ_ABT_ERR then looked
	 * missing (corpus/regressions/fuzz_cmdq/
	 * refmodel-fp-gerror-evtq-msi-same-address-second-abort). */
	if (o->failed && ev_on != ge_on)
		return ev_on;
	if (G->evtq_msi_due && nev == 0)
		return true;
	if (activations && nge == 0)
		return false;
	return true;
}

/* The op is over: the GERROR and event queue MSIs, anything unexplained,
 * and the abort bits. */
void rm_msi_op_end(struct refmodel *m, int g, uint32_t gerr)
{
	struct rm_guest *G = &m->g[g];
	uint32_t tog = gerr ^ G->msi_gerr_start;
	uint32_t abt = (uint32_t)(GERROR_MSI_CMDQ_ABT_ERR | GERROR_MSI_EVENTQ_ABT_ERR | GERROR_MSI_GERROR_ABT_ERR);
	uint32_t act_start = G->msi_gerr_start ^ G->gerrorn;
	uint64_t ea = irq_msi_addr(G, 1), ga = irq_msi_addr(G, 0);
	bool ev_on = ea != UINT64_MAX, ge_on = ga != UINT64_MAX;
	uint32_t nev = 0, nge = 0, activations;

	if (!msi_on(G))
		goto out;
	/* every error activated (toggled) in the op, but MSI_GERROR_ABT_ERR */
	activations = (uint32_t)__builtin_popcount(tog & RM_GERROR_IRQ_ERRS);
	/* Attribute each MSI left to the event queue or to GERROR. When both
	 * sources have the same address the guest cannot tell them apart (an
	 * aborted write carries no data), so any attribution within both
	 * sources' bounds is right: the MSIs only one source explains first,
	 * then the ambiguous ones (pass 1), each to the source whose abort bit
	 * the op activated if it aborted, else to a source still owed its "at
	 * least one", else to the event queue. A greedy first-come attribution
	 * gave an aborted GERROR MSI to a non-empty event queue and then found
	 * GERROR's MSI missing. */
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t i = 0; i < G->nmsi;) {
			const struct rm_msi *o = &G->msi[i];
			bool e = irq_msi_may(G, 1, o) && nev < G->evtq_records;
			bool q = irq_msi_may(G, 0, o) && nge < activations;

			if (e && q && pass == 0) {
				i++;
				continue;
			}
			if (e && q)
				e = msi_to_evtq(G, o, tog & abt & ~act_start, gerr ^ G->gerrorn, nev, nge,
						activations);
			if (e) {
				nev++;
				if (o->failed)
					G->msi_failed |= (uint32_t)GERROR_MSI_EVENTQ_ABT_ERR;
			} else if (q) {
				nge++;
				if (o->failed)
					G->msi_failed |= (uint32_t)GERROR_MSI_GERROR_ABT_ERR;
			} else {
				i++;
				continue;
			}
			drop(G, i);
		}
	if (G->msi_loose)
		goto out;
	if (G->nmsi)
		rm_fire(m, g, "field=msi ipa=0x%" PRIx64 " data=0x%" PRIx32 " expected=none(no CMD_SYNC, GERROR"
			" or event queue interrupt explains it) seen=written", G->msi[0].addr, G->msi[0].data);
	else if (ev_on && G->evtq_msi_due && nev == 0)
		rm_fire(m, g, "field=msi(EVENTQ) expected=data0x%" PRIx32 "@ipa0x%" PRIx64 "(a record into an"
			" empty queue) seen=none", G->irq_cfg1[1], ea);
	else if (ge_on && activations && nge == 0)
		rm_fire(m, g, "field=msi(GERROR) expected=data0x%" PRIx32 "@ipa0x%" PRIx64 "(GERROR 0x%" PRIx32
			" activated) seen=none", G->irq_cfg1[0], ga, tog);
	/* Every MSI write, aborted or refused by fault injection, is observed:
	 * no fault excuses an abort bit without one (before 3 Dec 2026 any
	 * fault that had reached the guest did; PHYS_FAIL_AS_MSI_ABT). */
	else if (tog & abt & ~act_start & ~G->msi_failed)
		rm_fire(m, g, "field=GERROR expected=inactive(0x%" PRIx32 ": no aborted MSI of that source)"
			" seen=active", tog & abt & ~act_start & ~G->msi_failed);
	else if (G->msi_failed & ~act_start & ~tog & abt)
		rm_fire(m, g, "field=GERROR expected=active(0x%" PRIx32 ": an MSI of that source aborted)"
			" seen=inactive", G->msi_failed & ~act_start & ~tog & abt);
out:
	G->nmsi = 0;
	G->msi_loose = false;
	G->msi_failed = 0;
	G->evtq_records = 0;
	G->evtq_msi_due = false;
	G->msi_gerr_start = gerr;
}
