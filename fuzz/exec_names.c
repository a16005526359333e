/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * exec_names.c - the names the executor prints in -v traces and failure
 * messages: registers, event types, command opcodes and interrupt lines
 * from the scenario language's tables (fuzz/names.h), and DMA outcomes.
 * The bottom of the executor's layers (exec_int.h).
 */
#include "fuzz/exec_int.h"
#include "fuzz/names.h"

/* The scenario language's tables (fuzz/names.h), so a trace names a
 * register, event, command or line exactly as a scenario spells it. */
const char *exec_reg_name(uint64_t off)
{
	for (size_t i = 0; i < names_nregs; i++)
		if (names_regs[i].off == off)
			return names_regs[i].name;
	return NULL;
}

static const char *or_unknown(const char *name)
{
	return name ? name : "?";
}

const char *exec_evt_name(unsigned id)
{
	return or_unknown(names_of(names_events, names_nevents, id));
}

const char *exec_cmd_name(unsigned op)
{
	for (size_t i = 0; i < names_ncmds; i++)
		if (names_cmds[i].op == op)
			return names_cmds[i].name;
	return "?";
}

const char *exec_irq_name(unsigned line)
{
	return or_unknown(names_of(names_irq_lines, names_nirq_lines, line));
}

const char *exec_dma_result_name(enum plat_dma_result r)
{
	switch (r) {
	case PLAT_DMA_OK: return "ok";
	case PLAT_DMA_FAULT: return "fault";
	case PLAT_DMA_ABORT: return "abort";
	case PLAT_DMA_RAZWI: return "razwi";
	default: return "?";
	}
}

