/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * exec_stmt.c - the statements of the scenario language (op.h) as the
 * guest and its hypervisor's operator perform them: platform topology,
 * registers, guest memory, events, interrupts, DMA, fault injection and
 * hypervisor time; the structure-building guest-driver statements are in
 * exec_guest.c. Above the guest CPU (exec_cpu.c), below the run (exec.c);
 * tells the oracle nothing: the platform reports what it was asked to do.
 *
 * Scenario mode (stop_on_fail): a failed expectation or a statement the
 * platform rejects is an exec_fail. Fuzz mode: the same, and the run goes
 * on (fuzz-mode caps on polls, maps and settle rounds keep one input cheap).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fuzz/exec_int.h"
#include "fuzz/names.h"
#include "fuzz/op_schema.h"

static const char *slot_name(const struct exec_ctx *x, unsigned slot)
{
	if (slot < OP_MAX_GUESTS && x->prog->names[slot][0])
		return x->prog->names[slot];
	return "?";
}

static void declare_default_psmmu(struct exec_ctx *x)
{
	struct plat_psmmu_cfg c = { PLAT_DEFAULT_SIDSIZE, PLAT_DEFAULT_SSIDSIZE, PLAT_DEFAULT_OAS, false };

	for (unsigned n = 0; n < PLAT_MAX_PSMMU; n++)
		if (plat_psmmu_declared(x->p, n))
			return;
	(void)plat_add_psmmu(x->p, 0, &c);
}

static void do_guest(struct exec_ctx *x, const struct op *op)
{
	struct exec_guest *s = &x->slot[op->guest];
	struct plat_range r[OP_MAX_RANGES];
	unsigned deny[OP_MAX_RANGES];
	unsigned n = op->u.guest.nranges;
	struct plat_guest_opts o;
	int g;

	if (s->gidx >= 0) {
		exec_fail(x, "guest %s exists already", slot_name(x, op->guest));
		return;
	}
	if (n > OP_MAX_RANGES)
		n = OP_MAX_RANGES;
	for (unsigned i = 0; i < n; i++) {
		r[i].ipa = op->u.guest.ipa[i];
		r[i].size = op->u.guest.size[i];
		deny[i] = (op->u.guest.s2deny[i] & S2DENY_W ? PLAT_S2_DENY_W : 0) |
			  (op->u.guest.s2deny[i] & S2DENY_R ? PLAT_S2_DENY_R : 0);
	}
	plat_guest_opts_default(&o);
	o.msi = !op->u.guest.nomsi;
	o.ril = !op->u.guest.noril;
	if (op->has & HAS_PAGES)
		o.max_pages = op->u.guest.pages;
	declare_default_psmmu(x);
	g = plat_add_guest_opts(x->p, op->u.guest.vmid, r, deny, n, &o);
	if (g < 0 || g >= (int)PLAT_MAX_GUESTS) {
		exec_fail(x, "guest %s: rejected by the platform", slot_name(x, op->guest));
		return;
	}
	memset(s, 0, sizeof *s);
	s->gidx = g;
	x->names[g] = slot_name(x, op->guest);
}

static void do_expect_event(struct exec_ctx *x, int g, const struct op *op)
{
	unsigned qs, type, ssid;
	uint64_t base = exec_queue_base(x, g, false, &qs), ipa, rec[EVT_DWORDS];
	uint32_t prod, cons, ncons;

	prod = (uint32_t)exec_mmio_read(x, g, SMMU_EVENTQ_PROD, 4);
	cons = (uint32_t)exec_mmio_read(x, g, SMMU_EVENTQ_CONS, 4);
	if (vs_q_empty(prod, cons, qs)) {
		exec_fail(x, "expect-event %s: the event queue is empty (PROD=0x%" PRIx32 " CONS=0x%" PRIx32 ")",
			  exec_evt_name(op->u.event.type), prod, cons);
		return;
	}
	ipa = vs_q_entry(base, cons, qs, EVT_SHIFT);
	if (exec_read_words(x, g, ipa, rec, EVT_DWORDS)) {
		exec_fail(x, "expect-event: record at IPA 0x%" PRIx64 " is outside RAM", ipa);
		return;
	}
	ncons = vs_q_inc(cons, qs) | (cons & (uint32_t)EVENTQ_CONS_OVACKFLG);
	exec_mmio_write(x, g, SMMU_EVENTQ_CONS, 4, ncons);
	type = (unsigned)VS_FIELD_GET(EVT0_ID, rec[0]);
	ssid = (unsigned)VS_FIELD_GET(EVT0_SSID, rec[0]);
	exec_trace(x, "event read: %s sid=%s ssv=%u ssid=%s addr=0x%" PRIx64, exec_evt_name(type),
		   NAMES_ID(VS_FIELD_GET(EVT0_SID, rec[0])), (unsigned)!!(rec[0] & EVT0_SSV), NAMES_ID(ssid), rec[2]);
	if (type != op->u.event.type) {
		exec_fail(x, "expect-event: expected %s (0x%02x) seen %s (0x%02x) sid=%s",
			  exec_evt_name(op->u.event.type), op->u.event.type, exec_evt_name(type), type,
			  NAMES_ID(VS_FIELD_GET(EVT0_SID, rec[0])));
		return;
	}
	if ((op->has & HAS_SID) && VS_FIELD_GET(EVT0_SID, rec[0]) != op->u.event.sid) {
		exec_fail(x, "expect-event %s: expected sid=%s seen sid=%s", exec_evt_name(type),
			  NAMES_ID(op->u.event.sid), NAMES_ID(VS_FIELD_GET(EVT0_SID, rec[0])));
		return;
	}
	/* C_BAD_SUBSTREAMID has no SSV: its SubstreamID is always valid (7.3.9). */
	if ((op->has & HAS_SSID) && ((!(rec[0] & EVT0_SSV) && type != EVT_ID_C_BAD_SUBSTREAMID) ||
				     ssid != op->u.event.ssid)) {
		exec_fail(x, "expect-event %s: expected ssid=%s seen ssv=%u ssid=%s", exec_evt_name(type),
			  NAMES_ID(op->u.event.ssid), (unsigned)!!(rec[0] & EVT0_SSV), NAMES_ID(ssid));
		return;
	}
	if ((op->has & HAS_ADDR) && rec[2] != op->u.event.addr)
		exec_fail(x, "expect-event %s: expected addr=0x%" PRIx64 " seen addr=0x%" PRIx64, exec_evt_name(type),
			  op->u.event.addr, rec[2]);
}

static void do_expect_no_event(struct exec_ctx *x, int g)
{
	unsigned qs;
	uint64_t base = exec_queue_base(x, g, false, &qs);
	uint32_t prod, cons;

	prod = (uint32_t)exec_mmio_read(x, g, SMMU_EVENTQ_PROD, 4);
	cons = (uint32_t)exec_mmio_read(x, g, SMMU_EVENTQ_CONS, 4);
	if (!vs_q_empty(prod, cons, qs)) {
		uint64_t rec[EVT_DWORDS] = { 0 };
		(void)exec_read_words(x, g, vs_q_entry(base, cons, qs, EVT_SHIFT), rec, EVT_DWORDS);
		exec_fail(x, "expect-no-event: the queue holds a record (PROD=0x%" PRIx32 " CONS=0x%" PRIx32
			  "), next is %s sid=%s", prod, cons,
			  exec_evt_name((unsigned)VS_FIELD_GET(EVT0_ID, rec[0])), NAMES_ID(VS_FIELD_GET(EVT0_SID, rec[0])));
	}
}

static void do_poll(struct exec_ctx *x, int g, const struct op *op)
{
	uint32_t tries = (op->has & HAS_TRIES) ? op->u.reg.tries : EXEC_POLL_TRIES_DEF;
	uint64_t mask = (op->has & HAS_MASK) ? op->u.reg.mask : ~UINT64_C(0), v = 0;
	unsigned size = op->u.reg.size ? op->u.reg.size : 4;

	if (x->fuzz && tries > EXEC_POLL_TRIES_FUZZ)
		tries = EXEC_POLL_TRIES_FUZZ;
	if (tries == 0)
		tries = 1;
	bool settled = false;

	for (uint32_t i = 0; i < tries; i++) {
		v = plat_mmio_read(x->p, g, op->u.reg.off, size);
		if ((v & mask) == op->u.reg.value) {
			exec_trace_reg(x, "poll", op->u.reg.off, size, v);
			if (i)
				exec_trace(x, "(after %" PRIu32 " round(s))", i);
			return;
		}
		/* The previous round left nothing pending, so the next ones do
		 * nothing and a read (side-effect free) returns this value
		 * again: the poll cannot succeed (the reference mode of
		 * exec_opts.oracle_full still reads all tries). */
		if (settled && !x->opts->oracle_full)
			break;
		if (i + 1 < tries)
			settled = !plat_run_round(x->p);
	}
	exec_trace_reg(x, "poll gave up", op->u.reg.off, size, v);
	{
		const char *n = exec_reg_name(op->u.reg.off);
		char off[24];
		if (!n) {
			snprintf(off, sizeof off, "0x%" PRIx64, (uint64_t)op->u.reg.off);
			n = off;
		}
		exec_fail(x, "poll %s: expected 0x%" PRIx64 " (mask 0x%" PRIx64 ") after %" PRIu32
			  " tries, last read 0x%" PRIx64, n, op->u.reg.value, mask, tries, v);
	}
}

static void do_read(struct exec_ctx *x, int g, const struct op *op)
{
	unsigned size = op->u.reg.size ? op->u.reg.size : 4;
	uint64_t v = exec_mmio_read(x, g, op->u.reg.off, size);
	uint64_t mask = (op->has & HAS_MASK) ? op->u.reg.mask : ~UINT64_C(0);

	if ((op->has & HAS_EXPECT) && (v & mask) != op->u.reg.value) {
		const char *n = exec_reg_name(op->u.reg.off);
		char off[24];
		if (!n) {
			snprintf(off, sizeof off, "0x%" PRIx64, (uint64_t)op->u.reg.off);
			n = off;
		}
		exec_fail(x, "read %s: expected 0x%" PRIx64 " (mask 0x%" PRIx64 ") seen 0x%" PRIx64,
			  n, op->u.reg.value, mask, v);
	}
}

static void do_write(struct exec_ctx *x, struct exec_guest *s, int g, const struct op *op)
{
	unsigned size = op->u.reg.size;
	uint64_t off = op->u.reg.off;

	if (size != 1 && size != 2 && size != 4 && size != 8)
		size = 4;
	/* A driver that rewrites its queue registers re-reads PROD next time. */
	if (off < SMMU_CMDQ_CONS + 4 && off + size > SMMU_CMDQ_BASE)
		s->shadow_valid = false;
	exec_mmio_write(x, g, off, size, op->u.reg.value);
}

static void do_mem(struct exec_ctx *x, int g, const struct op *op)
{
	const struct prog *p = x->prog;

	if ((size_t)op->u.mem.data + op->u.mem.len > p->nbytes) {
		exec_fail(x, "mem: payload out of range");
		return;
	}
	if (plat_guest_write(x->p, g, op->u.mem.ipa, p->bytes + op->u.mem.data, op->u.mem.len))
		exec_fail(x, "mem: IPA 0x%" PRIx64 " len %" PRIu32 " not written (outside RAM, or past the guest's page quota)",
			  op->u.mem.ipa, op->u.mem.len);
}

static void do_mem64(struct exec_ctx *x, int g, const struct op *op)
{
	const struct prog *p = x->prog;

	if ((size_t)op->u.mem.data + op->u.mem.len > p->nwords) {
		exec_fail(x, "mem64: payload out of range");
		return;
	}
	if (exec_write_words(x, g, op->u.mem.ipa, p->words + op->u.mem.data, op->u.mem.len))
		exec_fail(x, "mem64: IPA 0x%" PRIx64 " (%" PRIu32 " words) not written (outside RAM, or past the guest's"
			  " page quota)", op->u.mem.ipa, op->u.mem.len);
}

static void do_memcheck(struct exec_ctx *x, int g, const struct op *op)
{
	const struct prog *p = x->prog;
	uint8_t buf[OP_MAX_BYTES];
	uint32_t len = op->u.mem.len;

	if (len > OP_MAX_BYTES || (size_t)op->u.mem.data + len > p->nbytes) {
		exec_fail(x, "memcheck: payload out of range");
		return;
	}
	if (plat_guest_read(x->p, g, op->u.mem.ipa, buf, len)) {
		exec_fail(x, "memcheck: IPA 0x%" PRIx64 " len %" PRIu32 " is outside RAM", op->u.mem.ipa, len);
		return;
	}
	for (uint32_t i = 0; i < len; i++)
		if (buf[i] != p->bytes[op->u.mem.data + i]) {
			exec_fail(x, "memcheck: IPA 0x%" PRIx64 ": expected 0x%02x seen 0x%02x", op->u.mem.ipa + i,
				  p->bytes[op->u.mem.data + i], buf[i]);
			return;
		}
}

static void do_dma(struct exec_ctx *x, int g, const struct op *op)
{
	static const char *const want[] = { "any", "ok", "blocked", "fault", "abort" };
	struct plat_dma_req req;
	struct plat_dma_out out;
	bool ok;

	memset(&req, 0, sizeof req);
	memset(&out, 0, sizeof out);
	req.guest = g;
	req.vsid = op->u.dma.vsid;
	req.ssv = (op->has & HAS_SSID) != 0;
	req.ssid = op->u.dma.ssid;
	req.iova = op->u.dma.iova;
	req.len = op->u.dma.len ? op->u.dma.len : 4;
	req.write = op->u.dma.write;
	req.priv = op->u.dma.attrs & DMA_ATTR_PRIV;
	req.instr = op->u.dma.attrs & DMA_ATTR_INSTR;
	if (x->fuzz && (req.iova & 0xfff) + req.len > 4096)
		req.len = (uint32_t)(4096 - (req.iova & 0xfff));
	if (plat_dma(x->p, &req, &out)) {
		exec_fail(x, "dma: request rejected by the platform (vsid=%s len=%" PRIu32 ")",
			  NAMES_ID(req.vsid), req.len);
		return;
	}
	if (out.result == PLAT_DMA_OK)
		exec_trace(x, "dma -> ok ipa=0x%" PRIx64, out.ipa);
	else if (out.result == PLAT_DMA_FAULT)
		exec_trace(x, "dma -> fault (physical event %s)", exec_evt_name(out.event_id));
	else
		exec_trace(x, "dma -> %s", exec_dma_result_name(out.result));
	switch (op->u.dma.expect) {
	case DMA_EXPECT_OK: ok = out.result == PLAT_DMA_OK; break;
	case DMA_EXPECT_BLOCKED: ok = out.result != PLAT_DMA_OK; break;
	case DMA_EXPECT_FAULT: ok = out.result == PLAT_DMA_FAULT; break;
	case DMA_EXPECT_ABORT: ok = out.result == PLAT_DMA_ABORT; break;
	default: ok = true; break;
	}
	if (!ok) {
		exec_fail(x, "dma vsid=%s iova=0x%" PRIx64 ": expected %s seen %s%s%s", NAMES_ID(req.vsid),
			  req.iova, op->u.dma.expect < 5 ? want[op->u.dma.expect] : "?",
			  exec_dma_result_name(out.result), out.result == PLAT_DMA_FAULT ? " " : "",
			  out.result == PLAT_DMA_FAULT ? exec_evt_name(out.event_id) : "");
		return;
	}
	if (out.result == PLAT_DMA_OK && (op->has & HAS_IPA) && out.ipa != op->u.dma.ipa)
		exec_fail(x, "dma vsid=%s iova=0x%" PRIx64 ": expected ipa=0x%" PRIx64 " seen 0x%" PRIx64,
			  NAMES_ID(req.vsid), req.iova, op->u.dma.ipa, out.ipa);
}

static void do_inject(struct exec_ctx *x, int g, const struct op *op)
{
	int rc = 0;

	switch (op->kind) {
	case OP_INJ_EVENT: {
		uint64_t rec[EVT_DWORDS];
		rec[0] = VS_FIELD_PREP(EVT0_ID, op->u.inj_event.type) |
			 VS_FIELD_PREP(EVT0_SID, op->u.inj_event.psid);
		if (op->has & HAS_SSID)
			rec[0] |= EVT0_SSV | VS_FIELD_PREP(EVT0_SSID, op->u.inj_event.ssid);
		rec[1] = VS_FIELD_PREP(EVT1_RNW, op->u.inj_event.rnw) | VS_FIELD_PREP(EVT1_S2, op->u.inj_event.s2) |
			 VS_FIELD_PREP(EVT1_STALL, op->u.inj_event.stall) |
			 VS_FIELD_PREP(EVT1_CLASS, op->u.inj_event.cls);
		rec[2] = op->u.inj_event.addr;
		rec[3] = op->u.inj_event.ipa & EVT3_IPA;
		rc = plat_inject_event(x->p, op->u.inj_event.psmmu, rec);
		break;
	}
	case OP_INJ_GERROR:
		rc = plat_inject_gerror(x->p, op->u.inj_gerror.psmmu, op->u.inj_gerror.bits);
		break;
	case OP_INJ_EVTQ_OVERFLOW:
		rc = plat_inject_evtq_overflow(x->p, op->u.inj_cmd.psmmu);
		break;
	case OP_INJ_CMD_ERROR:
		rc = plat_inject_cmd_error(x->p, op->u.inj_cmd.psmmu, op->u.inj_cmd.code,
					   op->u.inj_cmd.count ? op->u.inj_cmd.count : 1);
		break;
	case OP_INJ_SYNC_TIMEOUT:
		rc = plat_inject_sync_timeout(x->p, op->u.inj_cmd.psmmu, op->u.inj_cmd.count ? op->u.inj_cmd.count : 1);
		break;
	case OP_INJ_MEM_ABORT:
		rc = plat_inject_mem_abort(x->p, g, op->u.inj_mem.ipa, op->u.inj_mem.size,
					   (op->has & HAS_COUNT) ? op->u.inj_mem.count : 0);
		break;
	case OP_INJ_MEM_ABORT_OFF:
		rc = plat_inject_mem_abort_off(x->p, g);
		break;
	case OP_INJ_ALLOC_FAIL:
		rc = plat_inject_alloc_fail(x->p, op->u.inj_alloc.after,
					    (op->has & HAS_COUNT) ? op->u.inj_alloc.count : 1);
		break;
	default:
		break;
	}
	if (rc)
		exec_fail(x, "inject: rejected by the platform");
}

void exec_op(struct exec_ctx *x, const struct op *op)
{
	struct exec_guest *s = NULL;
	int g = -1;

	/* the kinds naming a guest (their schema, fuzz/op_schema.c) act for it */
	if (op_names_guest(op->kind)) {
		if (op->guest >= OP_MAX_GUESTS || x->slot[op->guest].gidx < 0 ||
		    !plat_guest_alive(x->p, x->slot[op->guest].gidx)) {
			exec_fail(x, "guest %s does not exist", op->guest < OP_MAX_GUESTS ?
				  slot_name(x, op->guest) : "?");
			return;
		}
		s = &x->slot[op->guest];
		g = s->gidx;
	}
	switch (op->kind) {
	case OP_PSMMU: {
		struct plat_psmmu_cfg c;
		c.sidsize = (op->has & HAS_SIDSIZE) ? op->u.psmmu.sidsize : PLAT_DEFAULT_SIDSIZE;
		c.ssidsize = (op->has & HAS_SSIDSIZE) ? op->u.psmmu.ssidsize : PLAT_DEFAULT_SSIDSIZE;
		c.oas_bits = (op->has & HAS_OAS) ? op->u.psmmu.oas : PLAT_DEFAULT_OAS;
		c.no_ril = op->u.psmmu.noril;
		if (plat_add_psmmu(x->p, op->u.psmmu.n, &c))
			exec_fail(x, "psmmu %u: rejected by the platform", op->u.psmmu.n);
		break;
	}
	case OP_GUEST:
		if (op->guest >= OP_MAX_GUESTS)
			exec_fail(x, "guest slot out of range");
		else
			do_guest(x, op);
		break;
	case OP_ASSIGN:
		if (plat_assign(x->p, g, op->u.assign.vsid, op->u.assign.psmmu, op->u.assign.psid))
			exec_fail(x, "assign vsid=%s psmmu=%u psid=%s: rejected by the platform",
				  NAMES_ID(op->u.assign.vsid), op->u.assign.psmmu, NAMES_ID(op->u.assign.psid));
		break;
	case OP_UNASSIGN:
		if (plat_unassign(x->p, g, op->u.assign.vsid))
			exec_fail(x, "unassign vsid=%s: rejected by the platform", NAMES_ID(op->u.assign.vsid));
		break;
	case OP_DESTROY:
		if (plat_destroy_guest(x->p, g))
			exec_fail(x, "destroy: rejected by the platform");
		s->gidx = -1;
		break;
	case OP_WRITE: do_write(x, s, g, op); break;
	case OP_READ: do_read(x, g, op); break;
	case OP_POLL: do_poll(x, g, op); break;
	case OP_MEM: do_mem(x, g, op); break;
	case OP_MEM64: do_mem64(x, g, op); break;
	case OP_MEMCHECK: do_memcheck(x, g, op); break;
	case OP_STE: (void)exec_ste(x, s, g, op); break;
	case OP_L1STD: (void)exec_l1std(x, s, g, op); break;
	case OP_CD: (void)exec_cd(x, s, g, op); break;
	case OP_PTPOOL: (void)exec_ptpool(x, s, g, op); break;
	case OP_MAP: (void)exec_map(x, s, g, op); break;
	case OP_CMD: (void)exec_cmd(x, s, g, op); break;
	case OP_KICK: (void)exec_kick(x, s, g); break;
	case OP_DMA: do_dma(x, g, op); break;
	case OP_EXPECT_EVENT: do_expect_event(x, g, op); break;
	case OP_EXPECT_NO_EVENT: do_expect_no_event(x, g); break;
	case OP_EXPECT_IRQ: {
		unsigned line = op->u.irq.line;
		uint64_t n;
		if (line >= VSMMU_IRQ_NR) {
			exec_fail(x, "expect-irq: no such line");
			break;
		}
		n = plat_irq_count(x->p, g, (enum vsmmu_irq_line)line);
		if ((op->has & HAS_COUNT) ? n != op->u.irq.count : n == 0)
			exec_fail(x, "expect-irq %s: expected %s%" PRIu64 " seen %" PRIu64, exec_irq_name(line),
				  (op->has & HAS_COUNT) ? "" : ">= ", (op->has & HAS_COUNT) ? op->u.irq.count : 1, n);
		plat_irq_reset(x->p, g, (enum vsmmu_irq_line)line);
		break;
	}
	case OP_EXPECT_NO_IRQ:
		for (unsigned line = 0; line < VSMMU_IRQ_NR; line++) {
			uint64_t n;
			if (op->u.irq.line != IRQ_LINE_ALL && op->u.irq.line != line)
				continue;
			n = plat_irq_count(x->p, g, (enum vsmmu_irq_line)line);
			if (n) {
				exec_fail(x, "expect-no-irq: %" PRIu64 " %s interrupt(s) delivered", n, exec_irq_name(line));
				break;
			}
		}
		break;
	case OP_INJ_EVENT: case OP_INJ_GERROR: case OP_INJ_EVTQ_OVERFLOW: case OP_INJ_CMD_ERROR:
	case OP_INJ_SYNC_TIMEOUT: case OP_INJ_MEM_ABORT: case OP_INJ_MEM_ABORT_OFF: case OP_INJ_ALLOC_FAIL:
		do_inject(x, g, op);
		break;
	case OP_SETTLE:
		if (x->fuzz) {
			/* Fuzz mode: fewer rounds, so one input stays cheap (I7 is
			 * about the hypervisor's work per call, checked anyway). */
			unsigned n = 0;
			bool more = true;
			while (more && n < EXEC_SETTLE_ROUNDS_FUZZ) {
				more = plat_run_round(x->p);
				n++;
			}
			exec_trace(x, "settle: %u round(s)", n);
		} else {
			exec_trace(x, "settle: %u round(s)", plat_settle(x->p));
		}
		break;
	case OP_EXPECT_ISOLATION:
		break;   /* the oracle's full check runs after every op */
	default:
		exec_fail(x, "unknown op kind %u", op->kind);
		break;
	}
}
