/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * exec_trace.c - the -v trace of what happens below the guest: an observer
 * of the platform (inject/platform.h) of its own, beside the oracle, that
 * prints physical commands and their failures, physical event queue
 * overflows, libvsmmu's traces and interrupts under the op that caused
 * them. It decides nothing and tells nobody anything.
 */
#include <inttypes.h>

#include "fuzz/exec_int.h"
#include "fuzz/names.h"

/* Each hook returns at once without -v: its names are not looked up for
 * nothing (the fuzz targets run without a trace). */
static bool tracing(const void *ctx)
{
	return ((const struct exec_ctx *)ctx)->tr != NULL;
}

static void t_phys_cmd(void *ctx, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS])
{
	if (!tracing(ctx))
		return;
	exec_trace(ctx, "phys-cmd psmmu%u for %s: %s 0x%016" PRIx64 " 0x%016" PRIx64, psmmu,
		   exec_gname(ctx, g), exec_cmd_name((unsigned)VS_FIELD_GET(CMD0_OP, cmd[0])), cmd[0], cmd[1]);
}

/* A command the physical SMMU skipped (CERROR_*), a CMD_SYNC that timed out
 * or a command that could not be queued (VSMMU_PHYS_*). */
static void t_phys_cmd_done(void *ctx, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
			    unsigned status)
{
	if (status && tracing(ctx))
		exec_trace(ctx, "phys-cmd psmmu%u for %s: %s failed (%s 0x%x)", psmmu, exec_gname(ctx, g),
			   exec_cmd_name((unsigned)VS_FIELD_GET(CMD0_OP, cmd[0])),
			   status < VSMMU_PHYS_TIMEOUT ? "CERROR" : "status", status);
}

static void t_evtq_overflow(void *ctx, unsigned psmmu)
{
	if (tracing(ctx))
		exec_trace(ctx, "physical event queue of psmmu%u overflowed", psmmu);
}

static void t_vsmmu_trace(void *ctx, int g, const struct vsmmu_trace *t)
{
	struct exec_ctx *x = ctx;

	if (!x->tr)
		return;
	switch (t->kind) {
	case VSMMU_TRACE_EVENT_WRITTEN:
	case VSMMU_TRACE_EVENT_DROPPED:
	case VSMMU_TRACE_HOST_EVENT:
		exec_trace(x, "%s %s: %s sid=%s%s ssid=%s rec=%016" PRIx64 ",%016" PRIx64
			   ",%016" PRIx64 ",%016" PRIx64,
			   t->kind == VSMMU_TRACE_EVENT_WRITTEN ? "event to" :
			   t->kind == VSMMU_TRACE_EVENT_DROPPED ? "event dropped for" : "event kept by hyp, for",
			   exec_gname(x, g), exec_evt_name((unsigned)VS_FIELD_GET(EVT0_ID, t->rec[0])),
			   NAMES_ID(VS_FIELD_GET(EVT0_SID, t->rec[0])), "", NAMES_ID(VS_FIELD_GET(EVT0_SSID, t->rec[0])),
			   t->rec[0], t->rec[1], t->rec[2], t->rec[3]);
		break;
	case VSMMU_TRACE_CMD:
		exec_trace(x, "%s consumed %s 0x%016" PRIx64 " 0x%016" PRIx64 "%s%s", exec_gname(x, g),
			   exec_cmd_name((unsigned)VS_FIELD_GET(CMD0_OP, t->rec[0])), t->rec[0], t->rec[1],
			   t->arg ? " -> CERROR_" : "",
			   t->arg == CERROR_ILL ? "ILL" : t->arg == CERROR_ABT ? "ABT" :
			   t->arg == CERROR_ATC_INV_SYNC ? "ATC_INV_SYNC" : t->arg ? "?" : "");
		break;
	case VSMMU_TRACE_GERROR:
		exec_trace(x, "gerror %s: toggled 0x%" PRIx64, exec_gname(x, g), t->arg);
		break;
	case VSMMU_TRACE_STE_INSTALLED:
		exec_trace(x, "ste installed for %s: vsid=%s psmmu%u/psid=%s"
			   " dw0..3=%016" PRIx64 ",%016" PRIx64 ",%016" PRIx64 ",%016" PRIx64, exec_gname(x, g),
			   NAMES_ID(t->vsid), t->psmmu, NAMES_ID(t->psid), t->rec[0], t->rec[1], t->rec[2], t->rec[3]);
		break;
	case VSMMU_TRACE_PHYS_FAIL:
		exec_trace(x, "physical failure for %s: psmmu%u status 0x%" PRIx64, exec_gname(x, g), t->psmmu, t->arg);
		break;
	case VSMMU_TRACE_CONFIG:
		exec_trace(x, "config of %s vsid=%s: %s (%s)", exec_gname(x, g), NAMES_ID(t->vsid),
			   t->msg ? t->msg : "?", t->arg ? exec_evt_name((unsigned)t->arg) : "no event");
		break;
	case VSMMU_TRACE_LOG:
		exec_trace(x, "log %s: %s", exec_gname(x, g), t->msg ? t->msg : "");
		break;
	case VSMMU_TRACE_MSI:
		exec_trace(x, "msi %s: %s ipa=0x%" PRIx64 " data=0x%" PRIx64 "%s", exec_gname(x, g),
			   exec_irq_name((unsigned)t->arg), t->rec[0], t->rec[1], t->rec[2] ? " aborted" : "");
		break;
	}
}

static void t_irq(void *ctx, int g, enum vsmmu_irq_line line)
{
	if (tracing(ctx))
		exec_trace(ctx, "irq %s %s", exec_gname(ctx, g), exec_irq_name(line));
}

int exec_trace_attach(struct exec_ctx *x)
{
	const struct plat_observer obs = {
		.ctx = x, .on_phys_cmd = t_phys_cmd, .on_phys_cmd_done = t_phys_cmd_done,
		.on_phys_evtq_overflow = t_evtq_overflow, .on_vsmmu_trace = t_vsmmu_trace,
		.on_irq = t_irq,
	};

	if (plat_add_observer(x->p, &obs))
		return -1;
	x->trace_attached = true;
	return 0;
}
