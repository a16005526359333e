/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * exec.c - the executor: runs a program (op.h) on a fresh platform, one
 * bounded hypervisor round after every op, and the isolation oracle after
 * every op (exec.h). Register, event, interrupt, DMA and injection
 * statements live here; the structure-building guest driver helpers are in
 * exec_guest.c.
 *
 * Deterministic: nothing here reads a clock, draws a random number, or lets
 * a host address or allocation order reach a decision or the trace.
 *
 * Scenario mode (stop_on_fail): a failed expectation or a statement the
 * platform rejects ends the run with EXEC_FAIL. Fuzz mode: such ops are
 * no-ops and the run goes on; only the oracle can stop it.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/exec_int.h"
#include "fuzz/names.h"
#include "fuzz/op_schema.h"
#include "inject/snapshot.h"

/* ---- names (traces and messages) --------------------------------------- */

/* The scenario language's name tables (fuzz/names.c) name traces too. */
const char *exec_reg_name(uint64_t off)
{
	const struct reg_def *r = off <= UINT32_MAX ? names_reg_by_off((uint32_t)off) : NULL;

	return r ? r->name : NULL;
}

static const char *evt_name(unsigned id)
{
	const char *s = names_of(names_events, names_nevents, id);

	return s ? s : "?";
}

static const char *cmd_name(unsigned op)
{
	const struct cmd_def *d = op <= 0xff ? names_cmd_by_op((uint8_t)op) : NULL;

	return d ? d->name : "?";
}

static const char *irq_name(unsigned line)
{
	const char *s = names_of(names_irq_lines, names_nirq_lines, line);

	return s ? s : "?";
}

static const char *gname(const struct exec_ctx *x, int g)
{
	if (g < 0 || g >= (int)PLAT_MAX_GUESTS)
		return "hyp";
	return x->names[g] && x->names[g][0] ? x->names[g] : "?";
}

/* ---- failure, trace ---------------------------------------------------- */

void exec_fail(struct exec_ctx *x, const char *fmt, ...)
{
	va_list ap;

	if (x->failed)
		return;
	x->failed = true;
	va_start(ap, fmt);
	vsnprintf(x->reason, sizeof x->reason, fmt, ap);
	va_end(ap);
}

void exec_trace(struct exec_ctx *x, const char *fmt, ...)
{
	va_list ap;

	if (!x->tr || oracle_probing(x->orc))
		return;
	fputs("        ", x->tr);
	va_start(ap, fmt);
	vfprintf(x->tr, fmt, ap);
	va_end(ap);
	fputc('\n', x->tr);
}

static void trace_reg(struct exec_ctx *x, const char *what, uint64_t off, unsigned size, uint64_t v)
{
	const char *n;

	if (!x->tr)
		return;
	n = exec_reg_name(off);
	if (n)
		exec_trace(x, "%s %s = 0x%" PRIx64, what, n, v);
	else
		exec_trace(x, "%s 0x%" PRIx64 "/%u = 0x%" PRIx64, what, off, size, v);
}

uint64_t exec_mmio_read(struct exec_ctx *x, int g, uint64_t off, unsigned size)
{
	uint64_t v = plat_mmio_read(x->p, g, off, size);

	trace_reg(x, "read", off, size, v);
	return v;
}

void exec_mmio_write(struct exec_ctx *x, int g, uint64_t off, unsigned size, uint64_t val)
{
	trace_reg(x, "write", off, size, val);
	plat_mmio_write(x->p, g, off, size, val);
}

int exec_write_words(struct exec_ctx *x, int g, uint64_t ipa, const uint64_t *w, unsigned n)
{
	uint8_t buf[STE_SIZE];

	while (n) {
		unsigned k = n > STE_DWORDS ? STE_DWORDS : n;
		for (unsigned i = 0; i < k; i++)
			for (unsigned b = 0; b < 8; b++)
				buf[i * 8 + b] = (uint8_t)(w[i] >> (8 * b));
		if (plat_guest_write(x->p, g, ipa, buf, (size_t)k * 8))
			return -1;
		w += k;
		n -= k;
		ipa += (uint64_t)k * 8;
	}
	return 0;
}

int exec_read_words(struct exec_ctx *x, int g, uint64_t ipa, uint64_t *w, unsigned n)
{
	uint8_t buf[STE_SIZE];

	while (n) {
		unsigned k = n > STE_DWORDS ? STE_DWORDS : n;
		if (plat_guest_read(x->p, g, ipa, buf, (size_t)k * 8))
			return -1;
		for (unsigned i = 0; i < k; i++) {
			w[i] = 0;
			for (unsigned b = 0; b < 8; b++)
				w[i] |= (uint64_t)buf[i * 8 + b] << (8 * b);
		}
		w += k;
		n -= k;
		ipa += (uint64_t)k * 8;
	}
	return 0;
}

/* ---- observer: oracle first, then the -v trace ----------------------- */

static void obs_access(void *ctx, const struct plat_access *a)
{
	struct exec_ctx *x = ctx;

	oracle_on_access(x->orc, a);
}

static void obs_phys_cmd(void *ctx, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS])
{
	struct exec_ctx *x = ctx;
	unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, cmd[0]);

	oracle_on_phys_cmd(x->orc, g, psmmu, cmd);
	exec_trace(x, "phys-cmd psmmu%u for %s: %s 0x%016" PRIx64 " 0x%016" PRIx64, psmmu,
		   gname(x, g), cmd_name(op), cmd[0], cmd[1]);
}

static void obs_phys_done(void *ctx, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
			  unsigned cerror)
{
	struct exec_ctx *x = ctx;

	oracle_on_phys_done(x->orc, g, psmmu, cmd, cerror);
	if (cerror)
		exec_trace(x, "phys-cmd psmmu%u for %s failed: %s CERROR 0x%x", psmmu, gname(x, g),
			   cmd_name((unsigned)VS_FIELD_GET(CMD0_OP, cmd[0])), cerror);
}

static void obs_phys_evtq_overflow(void *ctx, unsigned psmmu)
{
	struct exec_ctx *x = ctx;

	oracle_on_phys_evtq_overflow(x->orc, psmmu);
	exec_trace(x, "physical event queue of psmmu%u overflowed", psmmu);
}

static void obs_phys_event(void *ctx, unsigned psmmu, const uint64_t rec[EVT_DWORDS])
{
	struct exec_ctx *x = ctx;

	oracle_on_phys_event(x->orc, psmmu, rec);
}

static void obs_vsmmu_trace(void *ctx, int g, const struct vsmmu_trace *t)
{
	struct exec_ctx *x = ctx;

	oracle_on_vsmmu_trace(x->orc, g, t);
	if (!x->tr || oracle_probing(x->orc))
		return;
	switch (t->kind) {
	case VSMMU_TRACE_EVENT_WRITTEN:
	case VSMMU_TRACE_EVENT_DROPPED:
	case VSMMU_TRACE_HOST_EVENT:
		exec_trace(x, "%s %s: %s sid=0x%" PRIx64 "%s ssid=0x%" PRIx64 " rec=%016" PRIx64 ",%016" PRIx64
			   ",%016" PRIx64 ",%016" PRIx64,
			   t->kind == VSMMU_TRACE_EVENT_WRITTEN ? "event to" :
			   t->kind == VSMMU_TRACE_EVENT_DROPPED ? "event dropped for" : "event kept by hyp, for",
			   gname(x, g), evt_name((unsigned)VS_FIELD_GET(EVT0_ID, t->rec[0])),
			   VS_FIELD_GET(EVT0_SID, t->rec[0]), "", VS_FIELD_GET(EVT0_SSID, t->rec[0]),
			   t->rec[0], t->rec[1], t->rec[2], t->rec[3]);
		break;
	case VSMMU_TRACE_CMD:
		exec_trace(x, "%s consumed %s 0x%016" PRIx64 " 0x%016" PRIx64 "%s%s", gname(x, g),
			   cmd_name((unsigned)VS_FIELD_GET(CMD0_OP, t->rec[0])), t->rec[0], t->rec[1],
			   t->arg ? " -> CERROR_" : "",
			   t->arg == CERROR_ILL ? "ILL" : t->arg == CERROR_ABT ? "ABT" :
			   t->arg == CERROR_ATC_INV_SYNC ? "ATC_INV_SYNC" : t->arg ? "?" : "");
		break;
	case VSMMU_TRACE_GERROR:
		exec_trace(x, "gerror %s: toggled 0x%" PRIx64, gname(x, g), t->arg);
		break;
	case VSMMU_TRACE_STE_INSTALLED:
		exec_trace(x, "ste installed for %s: vsid=0x%" PRIx32 " psmmu%u/psid0x%" PRIx32
			   " dw0..3=%016" PRIx64 ",%016" PRIx64 ",%016" PRIx64 ",%016" PRIx64, gname(x, g),
			   t->vsid, t->psmmu, t->psid, t->rec[0], t->rec[1], t->rec[2], t->rec[3]);
		break;
	case VSMMU_TRACE_PHYS_FAIL:
		exec_trace(x, "physical failure for %s: psmmu%u status 0x%" PRIx64, gname(x, g), t->psmmu, t->arg);
		break;
	case VSMMU_TRACE_LOG:
		exec_trace(x, "log %s: %s", gname(x, g), t->msg ? t->msg : "");
		break;
	}
}

static void obs_mmio(void *ctx, int g, uint64_t off, unsigned size, uint64_t value, bool write)
{
	struct exec_ctx *x = ctx;

	oracle_on_mmio(x->orc, g, off, size, value, write);
}

static void obs_call(void *ctx, int g, enum plat_call call, bool begin)
{
	struct exec_ctx *x = ctx;

	oracle_on_call(x->orc, g, call, begin);
}

static void obs_irq(void *ctx, int g, enum vsmmu_irq_line line)
{
	struct exec_ctx *x = ctx;

	oracle_on_irq(x->orc, g, line);
	exec_trace(x, "irq %s %s", gname(x, g), irq_name(line));
}

static void obs_phys_cmd_done(void *ctx, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
			      unsigned status)
{
	struct exec_ctx *x = ctx;

	oracle_on_phys_cmd_done(x->orc, g, psmmu, cmd, status);
	if (status)
		exec_trace(x, "phys-cmd psmmu%u for %s: %s failed (status 0x%x)", psmmu, gname(x, g),
			   cmd_name((unsigned)VS_FIELD_GET(CMD0_OP, cmd[0])), status);
}

/* ---- ops --------------------------------------------------------------- */

static enum oracle_op_class op_class(uint8_t kind)
{
	static const enum oracle_op_class of[] = {
		[OPC_PLATFORM] = ORACLE_OP_PLATFORM, [OPC_GUEST] = ORACLE_OP_GUEST,
		[OPC_INJECT] = ORACLE_OP_INJECT, [OPC_HYP] = ORACLE_OP_HYP,
	};

	return of[op_class_of(kind)];
}

static const char *slot_name(const struct exec_ctx *x, unsigned slot)
{
	if (slot < OP_MAX_GUESTS && x->prog->names[slot][0])
		return x->prog->names[slot];
	return "?";
}

static void declare_default_psmmu(struct exec_ctx *x)
{
	struct plat_psmmu_cfg c = { PLAT_DEFAULT_SIDSIZE, PLAT_DEFAULT_SSIDSIZE, PLAT_DEFAULT_OAS };

	for (unsigned n = 0; n < PLAT_MAX_PSMMU; n++)
		if (plat_psmmu_declared(x->p, n))
			return;
	(void)plat_add_psmmu(x->p, 0, &c);
}

static void do_guest(struct exec_ctx *x, const struct op *op)
{
	struct exec_guest *s = &x->slot[op->guest];
	struct plat_range r[OP_MAX_RANGES];
	unsigned n = op->u.guest.nranges;
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
	}
	declare_default_psmmu(x);
	if (!x->baseline_set) {
		oracle_set_alloc_baseline(x->orc, plat_allocs_outstanding(x->p));
		x->baseline_set = true;
	}
	g = plat_add_guest(x->p, op->u.guest.vmid, r, n);
	if (g < 0 || g >= (int)PLAT_MAX_GUESTS) {
		exec_fail(x, "guest %s: rejected by the platform", slot_name(x, op->guest));
		return;
	}
	memset(s, 0, sizeof *s);
	s->gidx = g;
	x->names[g] = slot_name(x, op->guest);
	oracle_guest_created(x->orc, g);
}

static bool q_empty(uint32_t prod, uint32_t cons, uint32_t m)
{
	return (prod & m) == (cons & m);
}

static void do_expect_event(struct exec_ctx *x, int g, const struct op *op)
{
	unsigned qs, type, ssid;
	uint64_t base = exec_queue_base(x, g, false, &qs), ipa, rec[EVT_DWORDS];
	uint32_t m, prod, cons, idx, ncons;

	m = (uint32_t)VS_GENMASK(qs, 0);
	prod = (uint32_t)exec_mmio_read(x, g, SMMU_EVENTQ_PROD, 4);
	cons = (uint32_t)exec_mmio_read(x, g, SMMU_EVENTQ_CONS, 4);
	if (q_empty(prod, cons, m)) {
		exec_fail(x, "expect-event %s: the event queue is empty (PROD=0x%" PRIx32 " CONS=0x%" PRIx32 ")",
			  evt_name(op->u.event.type), prod, cons);
		return;
	}
	idx = cons & (uint32_t)((UINT64_C(1) << qs) - 1);
	ipa = base + (uint64_t)idx * EVT_SIZE;
	if (exec_read_words(x, g, ipa, rec, EVT_DWORDS)) {
		exec_fail(x, "expect-event: record at IPA 0x%" PRIx64 " is outside RAM", ipa);
		return;
	}
	ncons = (((cons & m) + 1) & m) | (cons & (uint32_t)EVENTQ_CONS_OVACKFLG);
	exec_mmio_write(x, g, SMMU_EVENTQ_CONS, 4, ncons);
	type = (unsigned)VS_FIELD_GET(EVT0_ID, rec[0]);
	ssid = (unsigned)VS_FIELD_GET(EVT0_SSID, rec[0]);
	exec_trace(x, "event read: %s sid=0x%" PRIx64 " ssv=%u ssid=0x%x addr=0x%" PRIx64, evt_name(type),
		   VS_FIELD_GET(EVT0_SID, rec[0]), (unsigned)!!(rec[0] & EVT0_SSV), ssid, rec[2]);
	if (type != op->u.event.type) {
		exec_fail(x, "expect-event: expected %s (0x%02x) seen %s (0x%02x) sid=0x%" PRIx64,
			  evt_name(op->u.event.type), op->u.event.type, evt_name(type), type,
			  VS_FIELD_GET(EVT0_SID, rec[0]));
		return;
	}
	if ((op->has & HAS_SID) && VS_FIELD_GET(EVT0_SID, rec[0]) != op->u.event.sid) {
		exec_fail(x, "expect-event %s: expected sid=0x%" PRIx32 " seen sid=0x%" PRIx64, evt_name(type),
			  op->u.event.sid, VS_FIELD_GET(EVT0_SID, rec[0]));
		return;
	}
	/* C_BAD_SUBSTREAMID has no SSV: its SubstreamID is always valid (7.3.9). */
	if ((op->has & HAS_SSID) && ((!(rec[0] & EVT0_SSV) && type != EVT_ID_C_BAD_SUBSTREAMID) ||
				     ssid != op->u.event.ssid)) {
		exec_fail(x, "expect-event %s: expected ssid=0x%" PRIx32 " seen ssv=%u ssid=0x%x", evt_name(type),
			  op->u.event.ssid, (unsigned)!!(rec[0] & EVT0_SSV), ssid);
		return;
	}
	if ((op->has & HAS_ADDR) && rec[2] != op->u.event.addr)
		exec_fail(x, "expect-event %s: expected addr=0x%" PRIx64 " seen addr=0x%" PRIx64, evt_name(type),
			  op->u.event.addr, rec[2]);
}

static void do_expect_no_event(struct exec_ctx *x, int g)
{
	unsigned qs;
	uint64_t base = exec_queue_base(x, g, false, &qs);
	uint32_t m, prod, cons;

	m = (uint32_t)VS_GENMASK(qs, 0);
	prod = (uint32_t)exec_mmio_read(x, g, SMMU_EVENTQ_PROD, 4);
	cons = (uint32_t)exec_mmio_read(x, g, SMMU_EVENTQ_CONS, 4);
	if (!q_empty(prod, cons, m)) {
		uint64_t rec[EVT_DWORDS] = { 0 };
		uint32_t idx = cons & (uint32_t)((UINT64_C(1) << qs) - 1);
		(void)exec_read_words(x, g, base + (uint64_t)idx * EVT_SIZE, rec, EVT_DWORDS);
		exec_fail(x, "expect-no-event: the queue holds a record (PROD=0x%" PRIx32 " CONS=0x%" PRIx32
			  "), next is %s sid=0x%" PRIx64, prod, cons,
			  evt_name((unsigned)VS_FIELD_GET(EVT0_ID, rec[0])), VS_FIELD_GET(EVT0_SID, rec[0]));
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
	for (uint32_t i = 0; i < tries; i++) {
		v = plat_mmio_read(x->p, g, op->u.reg.off, size);
		if ((v & mask) == op->u.reg.value) {
			trace_reg(x, "poll", op->u.reg.off, size, v);
			if (i)
				exec_trace(x, "(after %" PRIu32 " round(s))", i);
			return;
		}
		if (i + 1 < tries)
			(void)plat_run_round(x->p);
	}
	trace_reg(x, "poll gave up", op->u.reg.off, size, v);
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
		exec_fail(x, "mem: IPA 0x%" PRIx64 " len %" PRIu32 " is outside RAM", op->u.mem.ipa, op->u.mem.len);
}

static void do_mem64(struct exec_ctx *x, int g, const struct op *op)
{
	const struct prog *p = x->prog;

	if ((size_t)op->u.mem.data + op->u.mem.len > p->nwords) {
		exec_fail(x, "mem64: payload out of range");
		return;
	}
	if (exec_write_words(x, g, op->u.mem.ipa, p->words + op->u.mem.data, op->u.mem.len))
		exec_fail(x, "mem64: IPA 0x%" PRIx64 " (%" PRIu32 " words) is outside RAM", op->u.mem.ipa,
			  op->u.mem.len);
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

static const char *dma_result_name(enum plat_dma_result r)
{
	switch (r) {
	case PLAT_DMA_OK: return "ok";
	case PLAT_DMA_FAULT: return "fault";
	case PLAT_DMA_ABORT: return "abort";
	case PLAT_DMA_RAZWI: return "razwi";
	default: return "?";
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
	if (x->fuzz && (req.iova & 0xfff) + req.len > 4096)
		req.len = (uint32_t)(4096 - (req.iova & 0xfff));
	oracle_dma_issued(x->orc, g);
	if (plat_dma(x->p, &req, &out)) {
		exec_fail(x, "dma: request rejected by the platform (vsid=0x%" PRIx32 " len=%" PRIu32 ")",
			  req.vsid, req.len);
		return;
	}
	if (out.result == PLAT_DMA_OK)
		exec_trace(x, "dma -> ok ipa=0x%" PRIx64, out.ipa);
	else if (out.result == PLAT_DMA_FAULT)
		exec_trace(x, "dma -> fault (physical event %s)", evt_name(out.event_id));
	else
		exec_trace(x, "dma -> %s", dma_result_name(out.result));
	switch (op->u.dma.expect) {
	case DMA_EXPECT_OK: ok = out.result == PLAT_DMA_OK; break;
	case DMA_EXPECT_BLOCKED: ok = out.result != PLAT_DMA_OK; break;
	case DMA_EXPECT_FAULT: ok = out.result == PLAT_DMA_FAULT; break;
	case DMA_EXPECT_ABORT: ok = out.result == PLAT_DMA_ABORT; break;
	default: ok = true; break;
	}
	if (!ok) {
		exec_fail(x, "dma vsid=0x%" PRIx32 " iova=0x%" PRIx64 ": expected %s seen %s%s%s", req.vsid,
			  req.iova, op->u.dma.expect < 5 ? want[op->u.dma.expect] : "?",
			  dma_result_name(out.result), out.result == PLAT_DMA_FAULT ? " " : "",
			  out.result == PLAT_DMA_FAULT ? evt_name(out.event_id) : "");
		return;
	}
	if (out.result == PLAT_DMA_OK && (op->has & HAS_IPA) && out.ipa != op->u.dma.ipa)
		exec_fail(x, "dma vsid=0x%" PRIx32 " iova=0x%" PRIx64 ": expected ipa=0x%" PRIx64 " seen 0x%" PRIx64,
			  req.vsid, req.iova, op->u.dma.ipa, out.ipa);
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
		oracle_injected_event(x->orc, op->u.inj_event.psmmu, op->u.inj_event.psid);
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

static void do_op(struct exec_ctx *x, const struct op *op)
{
	struct exec_guest *s = NULL;
	int g = -1;

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
		oracle_assigned(x->orc, g, op->u.assign.vsid, op->u.assign.psmmu, op->u.assign.psid);
		if (plat_assign(x->p, g, op->u.assign.vsid, op->u.assign.psmmu, op->u.assign.psid)) {
			oracle_assign_failed(x->orc, g, op->u.assign.vsid, op->u.assign.psmmu, op->u.assign.psid);
			exec_fail(x, "assign vsid=0x%" PRIx32 " psmmu=%u psid=0x%" PRIx32 ": rejected by the platform",
				  op->u.assign.vsid, op->u.assign.psmmu, op->u.assign.psid);
		}
		break;
	case OP_UNASSIGN:
		oracle_unassigning(x->orc, g, op->u.assign.vsid);
		if (plat_unassign(x->p, g, op->u.assign.vsid))
			exec_fail(x, "unassign vsid=0x%" PRIx32 ": rejected by the platform", op->u.assign.vsid);
		else
			oracle_unassigned(x->orc, g, op->u.assign.vsid);
		break;
	case OP_DESTROY:
		if (plat_destroy_guest(x->p, g))
			exec_fail(x, "destroy: rejected by the platform");
		oracle_guest_destroyed(x->orc, g);
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
			exec_fail(x, "expect-irq %s: expected %s%" PRIu64 " seen %" PRIu64, irq_name(line),
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
				exec_fail(x, "expect-no-irq: %" PRIu64 " %s interrupt(s) delivered", n, irq_name(line));
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

/* ---- the run ----------------------------------------------------------- */

static bool violation(struct exec_ctx *x, struct exec_result *r, uint32_t line, int inv, const char *why)
{
	r->status = EXEC_VIOLATION;
	r->line = line;
	r->invariant = inv;
	snprintf(r->reason, sizeof r->reason, "%s", why);
	if (x->tr)
		fprintf(x->tr, "        %s\n", why);
	if (x->opts->abort_on_violation) {
		fprintf(stderr, "line %" PRIu32 ": %s\n", line, why);
		abort();
	}
	return true;
}

/* Run one op, its round and the oracle. Returns true to stop the run. */
static bool run_op(struct exec_ctx *x, const struct op *op, struct exec_result *r)
{
	char why[512];
	int actor = -1, inv;

	if (x->tr) {
		fprintf(x->tr, "%5" PRIu32 ": ", op->line);
		scn_print_op(x->prog, op, x->tr);
		fputc('\n', x->tr);
	}
	if ((op_class(op->kind) == ORACLE_OP_GUEST || op->kind == OP_ASSIGN || op->kind == OP_UNASSIGN ||
	     op->kind == OP_DESTROY) && op->guest < OP_MAX_GUESTS)
		actor = x->slot[op->guest].gidx;
	x->failed = false;
	x->reason[0] = 0;
	oracle_begin(x->orc, op_class(op->kind), actor);
	do_op(x, op);
	(void)plat_run_round(x->p);
	inv = oracle_end(x->orc, op->kind == OP_EXPECT_ISOLATION, why, sizeof why);
	if (inv)
		return violation(x, r, op->line, inv, why);
	if (x->failed) {
		if (x->tr)
			fprintf(x->tr, "        %s: %s\n", x->fuzz ? "ignored" : "FAIL", x->reason);
		if (!x->fuzz) {
			r->status = EXEC_FAIL;
			r->line = op->line;
			snprintf(r->reason, sizeof r->reason, "%s", x->reason);
			return true;
		}
	}
	return false;
}

/* Destroy every guest still alive, checking each step, then the leaks. */
static void teardown(struct exec_ctx *x, struct exec_result *r, uint32_t line)
{
	char why[512];
	int inv;

	for (unsigned i = 0; i < OP_MAX_GUESTS; i++) {
		struct exec_guest *s = &x->slot[i];
		int g = s->gidx;

		if (g < 0)
			continue;
		s->gidx = -1;
		if (!plat_guest_alive(x->p, g))
			continue;
		if (x->tr)
			fprintf(x->tr, "teardown: destroy %s\n", gname(x, g));
		oracle_begin(x->orc, ORACLE_OP_PLATFORM, g);
		(void)plat_destroy_guest(x->p, g);
		oracle_guest_destroyed(x->orc, g);
		(void)plat_run_round(x->p);
		inv = oracle_end(x->orc, false, why, sizeof why);
		if (inv && r->status != EXEC_VIOLATION)
			violation(x, r, line, inv, why);
	}
	oracle_begin(x->orc, ORACLE_OP_PLATFORM, -1);
	inv = oracle_final(x->orc, why, sizeof why);
	if (inv && r->status != EXEC_VIOLATION)
		violation(x, r, line, inv, why);
}

/* What the fault model did during the run (for --fail-nth sweeps). */
static void fault_result(struct exec_ctx *x, struct exec_result *r)
{
	struct plat_fault_stats fs;

	plat_fault_stats(x->p, &fs);
	r->fallible_calls = fs.calls;
	r->faults_fired = fs.fired_total;
	r->nth_reached = x->opts->fail_nth && !fs.nth_pending;
	r->nth_site = plat_fault_nth_site(x->p);
	if (x->tr && x->opts->fail_nth)
		fprintf(x->tr, "fail-nth %" PRIu64 ": %s\n", x->opts->fail_nth,
			r->nth_reached ? plat_fault_site_name((enum plat_fault_site)r->nth_site) :
					 "never reached");
}

/* A world: platform (in heap, or malloc'ed when heap is NULL), the
 * executor's state and the oracle, both in the world's memory so that a
 * snapshot of the heap captures them. NULL on allocation failure. */
static struct exec_ctx *world_open(struct wheap *heap, const struct exec_opts *o)
{
	struct platform *p = plat_create_in(heap);
	struct exec_ctx *x;
	struct plat_observer obs;

	if (!p)
		return NULL;
	x = plat_world_alloc(p, sizeof *x);
	if (!x) {
		plat_destroy(p);
		return NULL;
	}
	x->p = p;
	x->opts = o;
	x->tr = o->trace;
	x->fuzz = !o->stop_on_fail;
	for (unsigned i = 0; i < OP_MAX_GUESTS; i++)
		x->slot[i].gidx = -1;
	x->orc = oracle_create(p, x->names);
	if (!x->orc) {
		plat_world_free(p, x);
		plat_destroy(p);
		return NULL;
	}
	plat_set_planted_bugs(p, o->plat_bugs);
	if (o->fail_nth)
		plat_fail_nth(p, o->fail_nth, o->fail_repeat);
	memset(&obs, 0, sizeof obs);
	obs.ctx = x;
	obs.on_access = obs_access;
	obs.on_phys_cmd = obs_phys_cmd;
	obs.on_phys_done = obs_phys_done;
	obs.on_phys_event = obs_phys_event;
	obs.on_phys_evtq_overflow = obs_phys_evtq_overflow;
	obs.on_vsmmu_trace = obs_vsmmu_trace;
	obs.on_irq = obs_irq;
	obs.on_mmio = obs_mmio;
	obs.on_call = obs_call;
	obs.on_phys_cmd_done = obs_phys_cmd_done;
	plat_set_observer(p, &obs);
	return x;
}

static void world_close(struct exec_ctx *x)
{
	struct platform *p = x->p;

	/* Nothing may reach the oracle once it is gone (plat_destroy still
	 * destroys what a run left behind). */
	plat_set_observer(p, NULL);
	oracle_destroy(x->orc);
	plat_world_free(p, x);
	plat_destroy(p);
}

/* Run ops [0, n) of p; returns the line of the last op run (or line0). */
static uint32_t run_ops(struct exec_ctx *x, const struct prog *p, struct exec_result *r, uint32_t line0)
{
	uint32_t line = line0;

	x->prog = p;
	for (size_t i = 0; i < p->nops; i++) {
		line = p->ops[i].line;
		if (run_op(x, &p->ops[i], r))
			break;
	}
	return line;
}

int exec_prog(const struct prog *p, const struct exec_opts *o, struct exec_result *r)
{
	struct exec_ctx *x;
	uint32_t line;

	memset(r, 0, sizeof *r);
	r->status = EXEC_PASS;
	x = world_open(NULL, o);
	if (!x) {
		r->status = EXEC_FAIL;
		snprintf(r->reason, sizeof r->reason, "executor: cannot create the platform");
		return r->status;
	}
	line = run_ops(x, p, r, 0);
	teardown(x, r, line);
	fault_result(x, r);
	world_close(x);
	return r->status;
}

/* ---- a prepared world (exec.h: exec_world_*) --------------------------- */

struct exec_world {
	struct wheap *heap;
	struct exec_ctx *x;          /* in heap */
	struct exec_opts opts;       /* x->opts points here */
	uint32_t line;               /* last prologue line (teardown of an empty suffix) */
};

struct exec_world *exec_world_create(const struct prog *prologue, const struct exec_opts *o,
				     struct exec_result *r)
{
	struct exec_world *w = calloc(1, sizeof *w);

	memset(r, 0, sizeof *r);
	r->status = EXEC_FAIL;
	snprintf(r->reason, sizeof r->reason, "executor: cannot create the world");
	if (!w)
		return NULL;
	w->opts = *o;
	w->heap = wheap_create();
	if (w->heap)
		w->x = world_open(w->heap, &w->opts);
	if (!w->x)
		goto fail;
	r->status = EXEC_PASS;
	r->reason[0] = 0;
	/* A violation in the prologue is a result (the caller decides what
	 * to do without a world), not an abort. */
	w->opts.abort_on_violation = false;
	w->line = run_ops(w->x, prologue, r, 0);
	if (r->status != EXEC_PASS)
		goto fail;
	w->opts.abort_on_violation = o->abort_on_violation;
	/* The prologue's trace stream is the caller's: not part of the world
	 * (each exec_world_run sets its own). */
	w->x->tr = NULL;
	w->opts.trace = NULL;
	if (wheap_snapshot(w->heap)) {
		r->status = EXEC_FAIL;
		snprintf(r->reason, sizeof r->reason, "executor: cannot snapshot the world");
		goto fail;
	}
	return w;
fail:
	wheap_destroy(w->heap);   /* every block of the world, whatever state it is in */
	free(w);
	return NULL;
}

int exec_world_run(struct exec_world *w, const struct prog *suffix, FILE *trace, struct exec_result *r)
{
	struct exec_ctx *x = w->x;
	uint32_t line;

	memset(r, 0, sizeof *r);
	r->status = EXEC_PASS;
	x->tr = trace;
	line = run_ops(x, suffix, r, w->line);
	teardown(x, r, line);
	fault_result(x, r);
	wheap_restore(w->heap);
	return r->status;
}

void exec_world_destroy(struct exec_world *w)
{
	if (!w)
		return;
	wheap_destroy(w->heap);
	free(w);
}

void exec_world_stats(const struct exec_world *w, struct wheap_stats *s)
{
	wheap_get_stats(w->heap, s);
}
