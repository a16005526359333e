/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle_call.c - one libvsmmu call at a time, seen from outside.
 *
 * The platform brackets every call (on_call begin/end; an MMIO trap is
 * followed by on_mmio with its offset). Just before a call the oracle probes
 * the guest's registers (side-effect-free reads); in between it counts what
 * the platform observes; after it, it probes CMDQ_CONS again. From that:
 *
 * I7  guest commands consumed (CMDQ_CONS before/after, from the guest's own
 *     register) <= VSMMU_CMD_BUDGET per call; guest-memory accesses,
 *     physical commands and event records per call under their bounds.
 * I8  the guest's bytes held (platform accounting) under the cap after
 *     every call; routing an event allocates nothing.
 * I2  each physical STE the call wrote belongs to a stream the call
 *     concerns: one named by a consumed CFGI (or its range, CFGI_ALL), all
 *     of the guest's for CR0/GBPA writes and destroy, the one assigned or
 *     unassigned; nothing for an event being routed.
 * I11 every physical command carries the guest whose action queued it and
 *     its outcome; a failed one stays open until a later successful command
 *     of that guest on that SMMU covers it, or the guest sees CERROR_ABT. A
 *     guest CMD_SYNC consumed while one is open, or a CERROR_ABT for a guest
 *     with no failure of its own (and no aborted fetch), is a violation.
 */
#include <inttypes.h>
#include <limits.h>
#include <string.h>

#include "fuzz/oracle_int.h"

static unsigned cmdq_qs(const struct orc_regs *r)
{
	return vs_q_log2size(r->cmdq_base, (unsigned)VS_FIELD_GET(IDR1_CMDQS, r->idr1));
}

static bool overlaps(uint64_t off, unsigned size, uint64_t reg, unsigned rsize)
{
	return off < reg + rsize && off + size > reg;
}

/* ---- I11 ---------------------------------------------------------------- */

static bool range_covers(const uint64_t d[CMD_DWORDS], uint32_t sid, unsigned frange)
{
	unsigned r = (unsigned)VS_FIELD_GET(CMD1_RANGE, d[1]);
	uint32_t base = (uint32_t)VS_FIELD_GET(CMD0_SID, d[0]);
	uint64_t n;

	if (r >= CMD_CFGI_RANGE_ALL)
		return true;
	if (r < frange)
		return false;
	n = UINT64_C(2) << r;
	return (((uint64_t)base ^ sid) & ~(n - 1)) == 0;
}

/* Does the successful command d redo the failed command f (same SMMU)? */
static bool covers(const uint64_t d[CMD_DWORDS], const uint64_t f[CMD_DWORDS])
{
	unsigned od = (unsigned)VS_FIELD_GET(CMD0_OP, d[0]), of = (unsigned)VS_FIELD_GET(CMD0_OP, f[0]);
	uint32_t sid = (uint32_t)VS_FIELD_GET(CMD0_SID, f[0]);

	if (d[0] == f[0] && d[1] == f[1])
		return true;
	switch (of) {
	case CMD_OP_SYNC:
		return od == CMD_OP_SYNC;
	case CMD_OP_TLBI_NH_ALL: case CMD_OP_TLBI_NH_ASID: case CMD_OP_TLBI_NH_VA:
	case CMD_OP_TLBI_NH_VAA: case CMD_OP_TLBI_S12_VMALL: case CMD_OP_TLBI_S2_IPA:
		if (od == CMD_OP_TLBI_NSNH_ALL)
			return true;
		return (od == CMD_OP_TLBI_NH_ALL || od == CMD_OP_TLBI_S12_VMALL) &&
		       VS_FIELD_GET(CMD0_VMID, d[0]) == VS_FIELD_GET(CMD0_VMID, f[0]);
	case CMD_OP_CFGI_STE:
	case CMD_OP_CFGI_CD: case CMD_OP_CFGI_CD_ALL:
		if (od == CMD_OP_CFGI_STE)
			return VS_FIELD_GET(CMD0_SID, d[0]) == sid;
		if (od == CMD_OP_CFGI_STE_RANGE)
			return range_covers(d, sid, 0);
		return od == CMD_OP_CFGI_CD_ALL && of != CMD_OP_CFGI_STE && VS_FIELD_GET(CMD0_SID, d[0]) == sid;
	case CMD_OP_CFGI_STE_RANGE:
		return od == CMD_OP_CFGI_STE_RANGE &&
		       range_covers(d, sid, (unsigned)VS_FIELD_GET(CMD1_RANGE, f[1]));
	case CMD_OP_PREFETCH_CONFIG: case CMD_OP_PREFETCH_ADDR:
		return true;            /* hints: nothing owed */
	default:
		return false;
	}
}

static unsigned open_fails(const struct orc_guest *og, uint32_t this_seq, bool this_call)
{
	unsigned n = 0;

	for (unsigned i = 0; i < og->nfail; i++)
		if (!og->fail[i].exempt && ((og->fail[i].call_seq == this_seq) == this_call))
			n++;
	return n;
}

/* Failures of the guest open and not exempt. An exempt one (of a call with
 * no guest command to fail: teardown, reconfiguration) justifies no later
 * CERROR_ABT by itself, and one of a stream since removed is never covered:
 * counting them kept the flags below up for the rest of the run. */
static unsigned open_count(const struct orc_guest *og)
{
	/* of any call: those of call 0 and those of every other */
	return open_fails(og, 0, true) + open_fails(og, 0, false);
}

static const struct orc_fail *first_open(const struct orc_guest *og)
{
	for (unsigned i = 0; i < og->nfail; i++)
		if (!og->fail[i].exempt)
			return &og->fail[i];
	return og->nfail ? &og->fail[0] : NULL;
}

/* A physical failure of guest g on psmmu (a command or sync that failed, an
 * install that was refused) leaves every live stream of g there in doubt:
 * the hypervisor owes it a reload, which any later call of the guest may
 * perform (libvsmmu: its next CMD_SYNC, or a CFGI of the stream; docs/vsmmu.md
 * "physical failures"); the stream stays owed until one rewrites it. */
static void owe_reload(struct oracle *o, int g, unsigned psmmu)
{
	for (unsigned i = 0; i < o->nas; i++)
		if (o->as[i].guest == g && o->as[i].live && o->as[i].psmmu == psmmu)
			o->as[i].reload_owed = true;
}

/* Guest g met a physical failure on psmmu: it has a failure of its own,
 * its streams there are in doubt, and in a call of its own the STE writes
 * so far may have been undone (fail_mark, nfailed: I2's reloads). */
static void guest_failed(struct oracle *o, int g, unsigned psmmu)
{
	o->g[g].own_failure = true;
	owe_reload(o, g, psmmu);
	if (o->call.active && o->call.guest == g) {
		o->call.fail_mark = o->call.nwrites;
		o->call.nfailed++;
	}
}

void orc_on_phys_cmd_done(struct oracle *o, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
			     unsigned status)
{
	struct orc_guest *og;
	uint32_t origin = o->call.active ? o->call.seq : 0;

	o->ncallbacks++;
	/* A command that could not be queued (a physical queue that is full
	 * because the SMMU consumes nothing, as in Service Failure Mode) is
	 * still work the call did: I7 counts every attempt. */
	if (status == VSMMU_PHYS_FAIL && o->call.active)
		o->call.phys_cmds++;
	/* An executed command leaves the queue (in order): its origin is the
	 * call that queued it. A timed-out sync stays queued; a command that
	 * could not be queued never entered. */
	if (status != VSMMU_PHYS_TIMEOUT && status != VSMMU_PHYS_FAIL && psmmu < PLAT_MAX_PSMMU &&
	    o->pq[psmmu].n) {
		origin = o->pq[psmmu].seq[o->pq[psmmu].head];
		o->pq[psmmu].head = (o->pq[psmmu].head + 1) % ORC_PCMDQ_DEPTH;
		o->pq[psmmu].n--;
	}
	if (!orc_guest_ok(g) || !o->g[g].alive)
		return;
	og = &o->g[g];
	if (status == 0) {
		for (unsigned i = 0; i < og->nfail;) {
			if (og->fail[i].psmmu == psmmu && covers(cmd, og->fail[i].cmd))
				og->fail[i] = og->fail[--og->nfail];
			else
				i++;
		}
		return;
	}
	guest_failed(o, g, psmmu);
	if (og->nfail == ORC_MAX_FAILS) {
		og->fail_overflow = true;
		return;
	}
	og->fail[og->nfail].psmmu = (uint8_t)psmmu;
	og->fail[og->nfail].status = (uint8_t)status;
	og->fail[og->nfail].call_seq = origin;
	og->fail[og->nfail].exempt = false;
	for (unsigned i = 0; i < o->nexempt && i < ORC_EXEMPT_CALLS; i++)
		if (o->exempt_seq[i] == origin)
			og->fail[og->nfail].exempt = true;
	memcpy(og->fail[og->nfail].cmd, cmd, sizeof og->fail[og->nfail].cmd);
	og->nfail++;
}

static void close_fetch(struct oracle *o)
{
	struct orc_call *c = &o->call;

	if (!c->last_fetch_sync || !orc_guest_ok(c->guest))
		return;
	c->last_fetch_sync = false;
	if (c->nsync == ORC_MAX_SYNCCHK) {
		c->sync_overflow = true;
		return;
	}
	c->sync[c->nsync].idx = c->last_fetch_idx;
	c->sync[c->nsync].dist = c->last_fetch_dist;
	c->sync[c->nsync].open = open_fails(&o->g[c->guest], c->seq, false);
	c->sync[c->nsync].open_this = open_fails(&o->g[c->guest], c->seq, true);
	c->sync[c->nsync].fails = c->nfailed;
	if (first_open(&o->g[c->guest]))
		c->sync[c->nsync].first = *first_open(&o->g[c->guest]);
	c->nsync++;
}

/* ---- observation during a call -------------------------------------------- */

void orc_call_access(struct oracle *o, const struct plat_access *a)
{
	struct orc_call *c = &o->call;

	if (a->actor == PLAT_ACT_HYP_PRIVATE && a->write && a->len == STE_SIZE && a->psmmu >= 0 && !a->data) {
		/* A failed physical install: the guest's own failure (it may be
		 * told CERROR_ABT); its stream must then fail closed (I1). */
		if (orc_guest_ok(a->guest) && o->g[a->guest].alive) {
			struct orc_assign *s = orc_assign_of_stream(o, (unsigned)a->psmmu, a->psid);

			guest_failed(o, a->guest, (unsigned)a->psmmu);
			if (s && s->guest == a->guest)
				s->fail_closed = true;
		}
		return;
	}
	if (a->actor == PLAT_ACT_HYP_PRIVATE && a->write && a->len == STE_SIZE && a->psmmu >= 0 && a->data) {
		uint64_t ste[STE_DWORDS];
		memcpy(ste, a->data, sizeof ste);
		orc_ste_written(o, (unsigned)a->psmmu, a->psid, ste);
		if (!c->active)
			return;
		c->nwrites++;
		for (unsigned i = 0; i < c->nstew; i++)
			if (c->stew[i].psmmu == a->psmmu && c->stew[i].psid == a->psid) {
				c->stew[i].wnum = c->nwrites;
				c->stew[i].blocking = orc_ste_blocks(ste);
				return;
			}
		if (c->nstew == ORC_MAX_STEW) {
			c->stew_overflow = true;
			return;
		}
		c->stew[c->nstew].psmmu = (uint8_t)a->psmmu;
		c->stew[c->nstew].psid = a->psid;
		c->stew[c->nstew].wnum = c->nwrites;
		c->stew[c->nstew].blocking = orc_ste_blocks(ste);
		c->nstew++;
		return;
	}
	if (a->actor != PLAT_ACT_HYP_GUEST || !orc_guest_ok(a->guest))
		return;
	if (c->active)
		c->mem_accesses++;
	if (c->active && !a->write && !a->data) {
		c->failed_read[c->nfailed_reads % ORC_FAILED_READS] = a->ipa;
		if (c->nfailed_reads < UINT_MAX)
			c->nfailed_reads++;
	}
	if (c->active && !a->write && a->data && a->len && a->len <= STE_SIZE) {
		unsigned i = c->read_next++ % ORC_READ_LOG;
		c->reads[i].guest = a->guest;
		c->reads[i].len = a->len;
		c->reads[i].ipa = a->ipa;
		memcpy(c->reads[i].b, a->data, a->len);
		if (c->nreads < ORC_READ_LOG)
			c->nreads++;
	}
	if (a->write && a->len == EVT_SIZE && a->data) {
		uint64_t rec[EVT_DWORDS];
		const uint8_t *b = a->data;
		for (unsigned i = 0; i < EVT_DWORDS; i++) {
			rec[i] = 0;
			for (unsigned k = 0; k < 8; k++)
				rec[i] |= (uint64_t)b[i * 8 + k] << (8 * k);
		}
		if (c->active)
			c->evt_writes++;
		if (o->g[a->guest].alive)
			orc_evt_written(o, a->guest, a->ipa, rec);
		return;
	}
	/* A command fetch of the calling guest: 16 bytes in its queue. */
	if (!a->write && a->len == CMD_SIZE && c->active && a->guest == c->guest && o->g[a->guest].regs.valid) {
		const struct orc_regs *r = &o->g[a->guest].regs;
		unsigned qs = cmdq_qs(r);
		uint64_t base = vs_q_base(r->cmdq_base, qs, CMD_SHIFT);
		uint64_t idx;

		if (a->ipa < base || (idx = (a->ipa - base) / CMD_SIZE) > (vs_q_mask(qs) >> 1) ||
		    (a->ipa - base) % CMD_SIZE)
			return;
		c->fetches++;
		close_fetch(o);
		if (!a->data) {
			c->fetch_failed = true;
			return;
		}
		c->last_fetch_sync = (((const uint8_t *)a->data)[0]) == CMD_OP_SYNC;
		c->last_fetch_idx = (uint32_t)idx;
		{
			/* fetches go forward from the first CONS: one nearer it
			 * than the previous began another lap */
			uint32_t d = vs_q_idx((uint32_t)idx - r->cmdq_cons, qs);

			if (c->fetches > 1 && d < c->fetch_prev_d && c->fetch_laps < UINT16_MAX)
				c->fetch_laps++;
			c->fetch_prev_d = d;
			c->last_fetch_dist = d + ((uint64_t)c->fetch_laps << qs);
		}
		{
			uint64_t cmd[CMD_DWORDS] = { 0, 0 };
			const uint8_t *b = a->data;

			for (unsigned k = 0; k < CMD_SIZE; k++)
				cmd[k / 8] |= (uint64_t)b[k] << (8 * (k % 8));
			orc_tlbi_fetched(o, a->guest, (uint32_t)idx, cmd);
		}
	}
}

void orc_call_phys_cmd(struct oracle *o, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS])
{
	(void)g;
	(void)cmd;
	if (o->call.active)
		o->call.phys_cmds++;
	if (psmmu < PLAT_MAX_PSMMU) {
		unsigned n = o->pq[psmmu].n;
		if (n == ORC_PCMDQ_DEPTH) {          /* cannot happen with a 256-entry ring */
			o->pq[psmmu].head = (o->pq[psmmu].head + 1) % ORC_PCMDQ_DEPTH;
			n--;
		}
		o->pq[psmmu].seq[(o->pq[psmmu].head + n) % ORC_PCMDQ_DEPTH] = o->call.active ? o->call.seq : 0;
		o->pq[psmmu].n = n + 1;
	}
}

/* ---- the checks after a call ------------------------------------------- */

/* The bytes at [ipa, ipa+len) of guest g as the hypervisor first read them
 * in this call, if the read is still in the log: what it executed, even if
 * the guest's memory changed since (an event queue over the command queue). */
static bool observed_read(const struct orc_call *c, int g, uint64_t ipa, uint8_t *buf, uint32_t len)
{
	for (unsigned k = 0; k < c->nreads; k++) {
		unsigned i = (c->read_next - c->nreads + k) % ORC_READ_LOG;

		if (c->reads[i].guest == g && c->reads[i].ipa == ipa && c->reads[i].len >= len) {
			memcpy(buf, c->reads[i].b, len);
			return true;
		}
	}
	return false;
}

/* I2: is stream a concerned by the call that wrote its physical STE? */
static bool concerned(struct oracle *o, const struct orc_assign *a, const uint64_t (*cmds)[CMD_DWORDS],
		      unsigned ncmds)
{
	const struct orc_call *c = &o->call;

	if ((a->reload_owed || a->fail_closed) && c->guest == a->guest)
		return true;
	switch (c->kind) {
	case PLAT_CALL_DESTROY:
		return true;
	case PLAT_CALL_ASSIGN:
		if (o->pending_assign >= 0 && &o->as[o->pending_assign] == a)
			return true;
		break;
	case PLAT_CALL_UNASSIGN:
		if (o->pending_unassign_guest == a->guest && o->pending_unassign_vsid == a->vsid)
			return true;
		break;
	case PLAT_CALL_MMIO_WRITE:
		if (overlaps(c->mmio_off, c->mmio_size, SMMU_CR0, 4) || overlaps(c->mmio_off, c->mmio_size, SMMU_GBPA, 4))
			return true;     /* SMMUEN and GBPA.ABORT reconfigure every stream */
		break;
	case PLAT_CALL_ROUTE:
		return false;
	default:
		break;
	}
	for (unsigned i = 0; i < ncmds; i++) {
		unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, cmds[i][0]);
		uint32_t sid = (uint32_t)VS_FIELD_GET(CMD0_SID, cmds[i][0]);

		if (op == CMD_OP_CFGI_STE && sid == a->vsid)
			return true;
		if (op == CMD_OP_CFGI_STE_RANGE && range_covers(cmds[i], a->vsid, 0))
			return true;
	}
	return false;
}

void orc_call_finish_pending(struct oracle *o)
{
	struct orc_call *c = &o->call;
	int g = c->guest;
	struct orc_regs after;
	uint64_t cmds[VSMMU_CMD_BUDGET + 1][CMD_DWORDS];
	unsigned ncmds = 0, qs = 0;
	uint64_t consumed = 0;
	bool know_cons = false, exempt, active;

	if (!c->active)
		return;
	close_fetch(o);
	c->active = false;
	if (c->kind == PLAT_CALL_ROUTE)
		orc_evt_route_done(o);
	memset(&after, 0, sizeof after);
	exempt = c->kind == PLAT_CALL_ASSIGN || c->kind == PLAT_CALL_UNASSIGN || c->kind == PLAT_CALL_DESTROY ||
		 c->kind == PLAT_CALL_CREATE ||
		 (c->kind == PLAT_CALL_MMIO_WRITE && (overlaps(c->mmio_off, c->mmio_size, SMMU_CR0, 4) ||
						      overlaps(c->mmio_off, c->mmio_size, SMMU_GBPA, 4)));
	if (exempt) {
		/* Failures of commands this call queued, now and later. */
		for (int h = 0; h < (int)PLAT_MAX_GUESTS; h++)
			for (unsigned i = 0; i < o->g[h].nfail; i++)
				if (o->g[h].fail[i].call_seq == c->seq)
					o->g[h].fail[i].exempt = true;
		o->exempt_seq[o->nexempt++ % ORC_EXEMPT_CALLS] = c->seq;
	}

	/* I7: guest commands consumed, from the guest's own CMDQ_CONS. A call
	 * that touched nothing observable (no guest-memory access, physical
	 * command or STE write; not a register write) cannot have consumed a
	 * command (consuming one means fetching it) nor changed a register:
	 * it is not probed again. */
	active = c->mem_accesses || c->phys_cmds || c->nstew || c->evt_writes ||
		 c->kind == PLAT_CALL_MMIO_WRITE || c->kind == PLAT_CALL_ASSIGN || c->kind == PLAT_CALL_UNASSIGN;
	if (orc_guest_ok(g) && o->g[g].alive && plat_guest_alive(o->p, g) && o->g[g].regs.valid &&
	    c->kind != PLAT_CALL_DESTROY && active) {
		const struct orc_regs *b = &o->g[g].regs;
		orc_probe_regs(o, g, &after);
		qs = cmdq_qs(b);
		if (after.cmdq_base == b->cmdq_base && cmdq_qs(&after) == qs &&
		    !(c->kind == PLAT_CALL_MMIO_WRITE && overlaps(c->mmio_off, c->mmio_size, SMMU_CMDQ_CONS, 4))) {
			know_cons = true;
			consumed = vs_q_dist(b->cmdq_cons, after.cmdq_cons, qs);
		}
		if (know_cons && consumed > VSMMU_CMD_BUDGET)
			orc_viol(o, 7, "guest=%s stream=- field=commands-consumed-per-call expected<=%u seen=%" PRIu64
				 " (CMDQ_CONS 0x%" PRIx32 "->0x%" PRIx32 ")", orc_gname(o, g), VSMMU_CMD_BUDGET,
				 consumed, b->cmdq_cons, after.cmdq_cons);
		/* The commands consumed, and the one CONS stopped at (it may have
		 * had an effect before it failed), read from the guest's queue. */
		if (know_cons) {
			uint64_t n = consumed + 1, base = vs_q_base(b->cmdq_base, qs, CMD_SHIFT);
			uint32_t rd = vs_q_idx(b->cmdq_cons, qs);
			if (n > VSMMU_CMD_BUDGET + 1)
				n = VSMMU_CMD_BUDGET + 1;
			for (uint64_t i = 0; i < n; i++) {
				uint8_t buf[CMD_SIZE];
				uint64_t idx = vs_q_idx(rd + (uint32_t)i, qs);
				if (!observed_read(c, g, base + idx * CMD_SIZE, buf, sizeof buf) &&
				    plat_peek_guest(o->p, g, base + idx * CMD_SIZE, buf, sizeof buf))
					continue;
				for (unsigned d = 0; d < CMD_DWORDS; d++) {
					cmds[ncmds][d] = 0;
					for (unsigned k = 0; k < 8; k++)
						cmds[ncmds][d] |= (uint64_t)buf[d * 8 + k] << (8 * k);
				}
				ncmds++;
			}
		}
	}
	if (c->mem_accesses > ORACLE_MAX_CALL_ACCESSES)
		orc_viol(o, 7, "guest=%s stream=- field=guest-memory-accesses-per-call expected<=%u seen=%" PRIu32,
			 orc_gname(o, g), ORACLE_MAX_CALL_ACCESSES, c->mem_accesses);
	if (c->phys_cmds > ORACLE_MAX_CALL_PHYS_CMDS)
		orc_viol(o, 7, "guest=%s stream=- field=physical-commands-per-call expected<=%u seen=%" PRIu32,
			 orc_gname(o, g), ORACLE_MAX_CALL_PHYS_CMDS, c->phys_cmds);
	if (c->evt_writes > ORACLE_MAX_CALL_EVENTS)
		orc_viol(o, 7, "guest=%s stream=- field=event-records-per-call expected<=%u seen=%" PRIu32,
			 orc_gname(o, g), ORACLE_MAX_CALL_EVENTS, c->evt_writes);

	/* I8: after every call; routing allocates nothing. */
	for (int h = 0; h < (int)PLAT_MAX_GUESTS; h++) {
		size_t held;
		if (!o->g[h].alive || !plat_guest_alive(o->p, h))
			continue;
		held = plat_guest_bytes_held(o->p, h);
		if (held > ORACLE_GUEST_BYTES_CAP)
			orc_viol(o, 8, "guest=%s stream=- field=bytes-held expected<=%zu seen=%zu", orc_gname(o, h),
				 ORACLE_GUEST_BYTES_CAP, held);
		if (c->kind == PLAT_CALL_ROUTE && held != c->held_before[h])
			orc_viol(o, 8, "guest=%s stream=- field=bytes-held-by-routing-an-event expected=%zu seen=%zu",
				 orc_gname(o, h), c->held_before[h], held);
	}

	/* I2: every physical STE written belongs to a stream this call concerns. */
	for (unsigned i = 0; i < c->nstew; i++) {
		struct orc_assign *a = orc_assign_of_stream(o, c->stew[i].psmmu, c->stew[i].psid);
		struct orc_stream *w = orc_watch_find(o, c->stew[i].psmmu, c->stew[i].psid);

		if (!a) {
			orc_viol(o, 2, "guest=%s stream=psmmu%u/psid0x%" PRIx32 " field=STE-write expected=own-stream"
				 " seen=unassigned-stream", orc_gname(o, g), c->stew[i].psmmu, c->stew[i].psid);
			continue;
		}
		if (orc_guest_ok(g) && a->guest != g) {
			orc_viol(o, 2, "guest=%s stream=psmmu%u/psid0x%" PRIx32 " field=STE-write expected=own-stream"
				 " seen=stream-of-%s", orc_gname(o, g), a->psmmu, a->psid, orc_gname(o, a->guest));
			continue;
		}
		if (!orc_guest_ok(g) && c->kind == PLAT_CALL_ROUTE) {
			orc_viol(o, 2, "guest=- stream=psmmu%u/psid0x%" PRIx32 " field=STE-write expected=none-while-"
				 "routing-an-event seen=written", a->psmmu, a->psid);
			continue;
		}
		if (c->kind != PLAT_CALL_MMIO_READ && c->kind != PLAT_CALL_CREATE && !concerned(o, a, cmds, ncmds) &&
		    (know_cons || (c->kind != PLAT_CALL_MMIO_WRITE && c->kind != PLAT_CALL_RUN))) {
			orc_viol(o, 2, "guest=%s stream=psmmu%u/psid0x%" PRIx32 "(vsid0x%" PRIx32 ") field=STE-write"
				 " expected=an-action-concerning-this-stream seen=written", orc_gname(o, g), a->psmmu,
				 a->psid, a->vsid);
			continue;
		}
		if (w)
			w->written_ok = true;
	}
	/* A call of the guest that rewrote an owed stream after its latest
	 * failure (if it met one), with an STE that is not the fail-closed
	 * abort of a stream left stale, has done that reload: later writes of that
	 * stream must concern it again. A stream the call did not write stays
	 * owed: a good physical call of another stream (an assign) says
	 * nothing of it, and libvsmmu reloads it at the guest's next CMD_SYNC
	 * (a false I2 once settled every stream at such a call:
	 * corpus/regressions/fuzz_system/oracle-i2-reload-owed-after-other-assign).
	 * Not the guest's failure flag: that stays up until a CERROR_ABT, so a
	 * failure libvsmmu re-did invisibly once left its streams owed, and
	 * unjudged, for the rest of the run
	 * (tests/oracle/i02-wrong-stream-after-redone-failure.scn). */
	if (orc_guest_ok(g))
		for (unsigned i = 0; i < c->nstew; i++) {
			/* the assignment the I2 loop above judged the write against */
			struct orc_assign *a = orc_assign_of_stream(o, c->stew[i].psmmu, c->stew[i].psid);

			if (!a || a->guest != g)
				continue;
			if (c->stew[i].blocking && c->nfailed)
				a->fail_closed = true;     /* failing closed: stale */
			else if (!c->stew[i].blocking && c->stew[i].wnum > c->fail_mark)
				a->reload_owed = a->fail_closed = false;
		}
	if (c->stew_overflow && orc_guest_ok(g))
		orc_viol(o, 7, "guest=%s stream=- field=physical-STE-writes-per-call expected<=%u seen=more",
			 orc_gname(o, g), ORC_MAX_STEW);

	/* I6: what the consumed TLBIs named is gone at a consumed CMD_SYNC. */
	if (orc_guest_ok(g) && o->g[g].alive && active && c->ntl)
		orc_tlbi_call_end(o, g, know_cons, consumed);
	/* I11: a guest CMD_SYNC consumed while a failure of the guest was open. */
	if (orc_guest_ok(g) && o->g[g].alive && know_cons) {
		struct orc_guest *og = &o->g[g];
		/* A new command queue error is GERROR.CMDQ_ERR activating (it
		 * toggles; only GERRORN moves back). Not CONS.ERR changing: it
		 * keeps its value after the guest acknowledged the error and
		 * consumption went on, so after one CERROR_ABT every later one
		 * went unjudged (tests/oracle/i11-sticky-error-after-acknowledged-abt.scn). */
		bool new_err = ((o->g[g].regs.gerror ^ after.gerror) & (uint32_t)GERROR_CMDQ_ERR) != 0;
		bool synced = false;   /* a CMD_SYNC of the guest completed in this call with
					* nothing open, and no failure of the guest after it */
		unsigned err_after = (unsigned)VS_FIELD_GET(CMDQ_CONS_ERR, after.cmdq_cons);

		for (unsigned i = 0; i < c->nsync; i++) {
			uint64_t d = c->sync[i].dist;
			unsigned open = c->sync[i].open + (exempt ? 0 : c->sync[i].open_this);
			if (d < consumed && !c->sync[i].open && !c->sync[i].open_this &&
			    c->sync[i].fails == c->nfailed)
				synced = true;
			if (d >= consumed || !open)
				continue;
			orc_viol(o, 11, "guest=%s stream=psmmu%u field=CMD_SYNC@%" PRIu32 " expected=CERROR_ABT-or-redone"
				 " seen=completed-with-failed-physical-cmd0x%02x(status 0x%x)", orc_gname(o, g),
				 c->sync[i].first.psmmu, c->sync[i].idx,
				 (unsigned)VS_FIELD_GET(CMD0_OP, c->sync[i].first.cmd[0]), c->sync[i].first.status);
			break;
		}
		if (err_after == CERROR_ABT && new_err) {
			if (!og->own_failure && !c->fetch_failed && !og->fail_overflow)
				orc_viol(o, 11, "guest=%s stream=- field=CMDQ_CONS.ERR expected=no-error(no failure of its"
					 " own) seen=CERROR_ABT", orc_gname(o, g));
			og->nfail = 0;           /* reported */
			og->own_failure = false;
			og->fail_overflow = false;
		}
		/* A CMD_SYNC of the guest completed with nothing of the guest's
		 * open, no failure of it came after, and nothing (exempt failures
		 * aside: open_count) is open now:
		 * everything lost has been re-done (an open failure there is an
		 * I11 above), so no stream is owed a reload for it any more. A TLBI lost
		 * and re-done as a VMID-wide flush rewrites no STE: its streams
		 * stayed owed, and unjudged, for the rest of the run
		 * (tests/oracle/i02-wrong-stream-after-lost-tlbi.scn). A stream
		 * left failing closed stays owed until it is reloaded. */
		if (synced && !open_count(og)) {
			if (!og->fail_overflow)
				for (unsigned i = 0; i < o->nas; i++)
					if (o->as[i].guest == g)
						o->as[i].reload_owed = false;
			/* Failures beyond ORC_MAX_FAILS were not tracked: once the
			 * tracked ones are covered and a CMD_SYNC completed, the
			 * hypervisor claims all of them re-done; later ones are
			 * tracked again (the overflow once lasted until a
			 * CERROR_ABT, with I11's blame check and I6's completeness
			 * off meanwhile). */
			og->fail_overflow = false;
		}
	}
	/* Once every failure of the guest is covered again (re-done; exempt
	 * ones aside), none is left for a later CERROR_ABT to report: a flag kept up until one
	 * was reported excused every CERROR_ABT after a failure libvsmmu had
	 * re-done invisibly (tests/oracle/i11-sticky-phys-error.scn). A
	 * failed install has no entry: it is the guest's until its call ends,
	 * and the reload that fails again is a new failure. */
	if (orc_guest_ok(g) && o->g[g].own_failure && !open_count(&o->g[g]) && !o->g[g].fail_overflow)
		o->g[g].own_failure = false;
	if (c->kind == PLAT_CALL_ASSIGN)
		o->pending_assign = -1;
	/* The state after this call is the state before the next one. */
	if (after.valid && orc_guest_ok(g))
		o->g[g].regs = after;
}

void orc_on_call(struct oracle *o, int g, enum plat_call call, bool begin)
{
	struct orc_call *c = &o->call;

	refmodel_on_call(o->rm, g, call, begin);
	o->ncallbacks++;
	if (begin) {
		o->op_calls++;
		orc_call_finish_pending(o);
		/* Reset the scalars only: the arrays are bounded by their counts. */
		c->ended = false;
		c->mmio_off = 0;
		c->mmio_size = 0;
		c->mmio_write = false;
		c->mem_accesses = c->phys_cmds = c->evt_writes = c->fetches = 0;
		c->fetch_failed = false;
		c->nfailed_reads = 0;
		c->nreads = c->read_next = 0;
		c->have_phys_evt = false;
		c->nstew = 0;
		c->stew_overflow = false;
		c->nwrites = c->fail_mark = 0;
		c->nfailed = 0;
		c->last_fetch_sync = false;
		c->last_fetch_idx = 0;
		c->last_fetch_dist = c->fetch_prev_d = c->fetch_laps = 0;
		c->nsync = 0;
		c->sync_overflow = false;
		c->ntl = c->nco = 0;
		c->tl_overflow = false;
		c->active = true;
		c->guest = g;
		c->kind = call;
		c->seq = ++o->call_seq;
		if (call == PLAT_CALL_ASSIGN)
			o->pending_assign = o->last_new;
		for (int h = 0; h < (int)PLAT_MAX_GUESTS; h++)
			c->held_before[h] = plat_guest_bytes_held(o->p, h);
		if (orc_guest_ok(g) && call != PLAT_CALL_CREATE && o->g[g].alive && !o->g[g].regs.valid)
			orc_probe_regs(o, g, &o->g[g].regs);
		return;
	}
	if (!c->active)
		return;
	c->ended = true;
	if (call != PLAT_CALL_MMIO_READ && call != PLAT_CALL_MMIO_WRITE)
		orc_call_finish_pending(o);
}

void orc_on_mmio(struct oracle *o, int g, uint64_t off, unsigned size, uint64_t value, bool write)
{
	struct orc_call *c = &o->call;

	refmodel_on_mmio(o->rm, g, off, size, value, write);
	o->ncallbacks++;
	if (!c->active || !c->ended || c->guest != g)
		return;
	c->mmio_off = off;
	c->mmio_size = size;
	c->mmio_write = write;
	orc_call_finish_pending(o);
}

void orc_on_phys_event(struct oracle *o, unsigned psmmu, const uint64_t rec[EVT_DWORDS])
{
	o->ncallbacks++;
	orc_evt_phys(o, psmmu, rec);
}
