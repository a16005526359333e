/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * exec_names.c - the names the executor prints in -v traces and failure
 * messages: registers, event types, command opcodes, interrupt lines, DMA
 * outcomes. Data only: the bottom of the executor's layers (exec_int.h).
 */
#include "fuzz/exec_int.h"

static const struct { uint32_t off; const char *name; } reg_names[] = {
	{ SMMU_IDR0, "IDR0" }, { SMMU_IDR1, "IDR1" }, { SMMU_IDR2, "IDR2" }, { SMMU_IDR3, "IDR3" },
	{ SMMU_IDR4, "IDR4" }, { SMMU_IDR5, "IDR5" }, { SMMU_IIDR, "IIDR" }, { SMMU_AIDR, "AIDR" },
	{ SMMU_CR0, "CR0" }, { SMMU_CR0ACK, "CR0ACK" }, { SMMU_CR1, "CR1" }, { SMMU_CR2, "CR2" },
	{ SMMU_STATUSR, "STATUSR" }, { SMMU_GBPA, "GBPA" }, { SMMU_AGBPA, "AGBPA" },
	{ SMMU_IRQ_CTRL, "IRQ_CTRL" }, { SMMU_IRQ_CTRLACK, "IRQ_CTRLACK" },
	{ SMMU_GERROR, "GERROR" }, { SMMU_GERRORN, "GERRORN" },
	{ SMMU_GERROR_IRQ_CFG0, "GERROR_IRQ_CFG0" }, { SMMU_GERROR_IRQ_CFG1, "GERROR_IRQ_CFG1" },
	{ SMMU_GERROR_IRQ_CFG2, "GERROR_IRQ_CFG2" },
	{ SMMU_STRTAB_BASE, "STRTAB_BASE" }, { SMMU_STRTAB_BASE_CFG, "STRTAB_BASE_CFG" },
	{ SMMU_CMDQ_BASE, "CMDQ_BASE" }, { SMMU_CMDQ_PROD, "CMDQ_PROD" }, { SMMU_CMDQ_CONS, "CMDQ_CONS" },
	{ SMMU_EVENTQ_BASE, "EVENTQ_BASE" }, { SMMU_EVENTQ_PROD_ALIAS, "EVENTQ_PROD_ALIAS" },
	{ SMMU_EVENTQ_CONS_ALIAS, "EVENTQ_CONS_ALIAS" },
	{ SMMU_EVENTQ_IRQ_CFG0, "EVENTQ_IRQ_CFG0" }, { SMMU_EVENTQ_IRQ_CFG1, "EVENTQ_IRQ_CFG1" },
	{ SMMU_EVENTQ_IRQ_CFG2, "EVENTQ_IRQ_CFG2" }, { SMMU_PRIQ_BASE, "PRIQ_BASE" },
	{ SMMU_PRIQ_IRQ_CFG0, "PRIQ_IRQ_CFG0" }, { SMMU_PRIQ_IRQ_CFG1, "PRIQ_IRQ_CFG1" },
	{ SMMU_PRIQ_IRQ_CFG2, "PRIQ_IRQ_CFG2" },
	{ SMMU_EVENTQ_PROD, "EVENTQ_PROD" }, { SMMU_EVENTQ_CONS, "EVENTQ_CONS" },
	{ SMMU_PRIQ_PROD, "PRIQ_PROD" }, { SMMU_PRIQ_CONS, "PRIQ_CONS" },
};

const char *exec_reg_name(uint64_t off)
{
	for (size_t i = 0; i < sizeof reg_names / sizeof reg_names[0]; i++)
		if (reg_names[i].off == off)
			return reg_names[i].name;
	return NULL;
}

const char *exec_evt_name(unsigned id)
{
	switch (id) {
	case EVT_ID_F_UUT: return "F_UUT";
	case EVT_ID_C_BAD_STREAMID: return "C_BAD_STREAMID";
	case EVT_ID_F_STE_FETCH: return "F_STE_FETCH";
	case EVT_ID_C_BAD_STE: return "C_BAD_STE";
	case EVT_ID_F_BAD_ATS_TREQ: return "F_BAD_ATS_TREQ";
	case EVT_ID_F_STREAM_DISABLED: return "F_STREAM_DISABLED";
	case EVT_ID_F_TRANSL_FORBIDDEN: return "F_TRANSL_FORBIDDEN";
	case EVT_ID_C_BAD_SUBSTREAMID: return "C_BAD_SUBSTREAMID";
	case EVT_ID_F_CD_FETCH: return "F_CD_FETCH";
	case EVT_ID_C_BAD_CD: return "C_BAD_CD";
	case EVT_ID_F_WALK_EABT: return "F_WALK_EABT";
	case EVT_ID_F_TRANSLATION: return "F_TRANSLATION";
	case EVT_ID_F_ADDR_SIZE: return "F_ADDR_SIZE";
	case EVT_ID_F_ACCESS: return "F_ACCESS";
	case EVT_ID_F_PERMISSION: return "F_PERMISSION";
	case EVT_ID_F_TLB_CONFLICT: return "F_TLB_CONFLICT";
	case EVT_ID_F_CFG_CONFLICT: return "F_CFG_CONFLICT";
	case EVT_ID_E_PAGE_REQUEST: return "E_PAGE_REQUEST";
	case EVT_ID_F_VMS_FETCH: return "F_VMS_FETCH";
	default: return "?";
	}
}

const char *exec_cmd_name(unsigned op)
{
	switch (op) {
	case CMD_OP_PREFETCH_CONFIG: return "PREFETCH_CONFIG";
	case CMD_OP_PREFETCH_ADDR: return "PREFETCH_ADDR";
	case CMD_OP_CFGI_STE: return "CFGI_STE";
	case CMD_OP_CFGI_STE_RANGE: return "CFGI_STE_RANGE";
	case CMD_OP_CFGI_CD: return "CFGI_CD";
	case CMD_OP_CFGI_CD_ALL: return "CFGI_CD_ALL";
	case CMD_OP_CFGI_VMS_PIDM: return "CFGI_VMS_PIDM";
	case CMD_OP_TLBI_NH_ALL: return "TLBI_NH_ALL";
	case CMD_OP_TLBI_NH_ASID: return "TLBI_NH_ASID";
	case CMD_OP_TLBI_NH_VA: return "TLBI_NH_VA";
	case CMD_OP_TLBI_NH_VAA: return "TLBI_NH_VAA";
	case CMD_OP_TLBI_EL3_ALL: return "TLBI_EL3_ALL";
	case CMD_OP_TLBI_EL3_VA: return "TLBI_EL3_VA";
	case CMD_OP_TLBI_EL2_ALL: return "TLBI_EL2_ALL";
	case CMD_OP_TLBI_EL2_ASID: return "TLBI_EL2_ASID";
	case CMD_OP_TLBI_EL2_VA: return "TLBI_EL2_VA";
	case CMD_OP_TLBI_EL2_VAA: return "TLBI_EL2_VAA";
	case CMD_OP_TLBI_S12_VMALL: return "TLBI_S12_VMALL";
	case CMD_OP_TLBI_S2_IPA: return "TLBI_S2_IPA";
	case CMD_OP_TLBI_NSNH_ALL: return "TLBI_NSNH_ALL";
	case CMD_OP_ATC_INV: return "ATC_INV";
	case CMD_OP_PRI_RESP: return "PRI_RESP";
	case CMD_OP_RESUME: return "RESUME";
	case CMD_OP_STALL_TERM: return "STALL_TERM";
	case CMD_OP_SYNC: return "SYNC";
	default: return "?";
	}
}

const char *exec_irq_name(unsigned line)
{
	switch (line) {
	case VSMMU_IRQ_EVTQ: return "evtq";
	case VSMMU_IRQ_GERROR: return "gerror";
	case VSMMU_IRQ_CMD_SYNC: return "cmd_sync";
	case VSMMU_IRQ_PRIQ: return "priq";
	default: return "?";
	}
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

