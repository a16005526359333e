/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * names.c - name tables of the scenario language (see names.h). Every
 * number comes from vsmmu/smmuv3_regs.h; the names follow the Arm SMMUv3
 * architecture specification (IHI 0070: §6.3 registers, §5.2 STE, §5.4 CD,
 * §4 commands, §7.3 events, §6.3.19 GERROR). docs/scenario-language.md
 * section 9 lists them (tests/lang/test_docs keeps it in step).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fuzz/names.h"
#include "vsmmu/smmuv3_regs.h"
#include "vsmmu/vsmmu.h"
#include "fuzz/op.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

const struct reg_def names_regs[] = {
	{ "IDR0", SMMU_IDR0, 4 },             { "IDR1", SMMU_IDR1, 4 },
	{ "IDR2", SMMU_IDR2, 4 },             { "IDR3", SMMU_IDR3, 4 },
	{ "IDR4", SMMU_IDR4, 4 },             { "IDR5", SMMU_IDR5, 4 },
	{ "IIDR", SMMU_IIDR, 4 },             { "AIDR", SMMU_AIDR, 4 },
	{ "CR0", SMMU_CR0, 4 },               { "CR0ACK", SMMU_CR0ACK, 4 },
	{ "CR1", SMMU_CR1, 4 },               { "CR2", SMMU_CR2, 4 },
	{ "STATUSR", SMMU_STATUSR, 4 },       { "GBPA", SMMU_GBPA, 4 },
	{ "AGBPA", SMMU_AGBPA, 4 },           { "IRQ_CTRL", SMMU_IRQ_CTRL, 4 },
	{ "IRQ_CTRLACK", SMMU_IRQ_CTRLACK, 4 }, { "GERROR", SMMU_GERROR, 4 },
	{ "GERRORN", SMMU_GERRORN, 4 },       { "GERROR_IRQ_CFG0", SMMU_GERROR_IRQ_CFG0, 8 },
	{ "GERROR_IRQ_CFG1", SMMU_GERROR_IRQ_CFG1, 4 }, { "GERROR_IRQ_CFG2", SMMU_GERROR_IRQ_CFG2, 4 },
	{ "STRTAB_BASE", SMMU_STRTAB_BASE, 8 }, { "STRTAB_BASE_CFG", SMMU_STRTAB_BASE_CFG, 4 },
	{ "CMDQ_BASE", SMMU_CMDQ_BASE, 8 },   { "CMDQ_PROD", SMMU_CMDQ_PROD, 4 },
	{ "CMDQ_CONS", SMMU_CMDQ_CONS, 4 },   { "EVENTQ_BASE", SMMU_EVENTQ_BASE, 8 },
	{ "EVENTQ_IRQ_CFG0", SMMU_EVENTQ_IRQ_CFG0, 8 }, { "EVENTQ_IRQ_CFG1", SMMU_EVENTQ_IRQ_CFG1, 4 },
	{ "EVENTQ_IRQ_CFG2", SMMU_EVENTQ_IRQ_CFG2, 4 }, { "PRIQ_BASE", SMMU_PRIQ_BASE, 8 },
	{ "PRIQ_IRQ_CFG0", SMMU_PRIQ_IRQ_CFG0, 8 }, { "PRIQ_IRQ_CFG1", SMMU_PRIQ_IRQ_CFG1, 4 },
	{ "PRIQ_IRQ_CFG2", SMMU_PRIQ_IRQ_CFG2, 4 }, { "EVENTQ_PROD", SMMU_EVENTQ_PROD, 4 },
	{ "EVENTQ_CONS", SMMU_EVENTQ_CONS, 4 }, { "PRIQ_PROD", SMMU_PRIQ_PROD, 4 },
	{ "PRIQ_CONS", SMMU_PRIQ_CONS, 4 },
	/* Optional Page 0 aliases (appended: the byte encoding indexes this table). */
	{ "EVENTQ_PROD_ALIAS", SMMU_EVENTQ_PROD_ALIAS, 4 }, { "EVENTQ_CONS_ALIAS", SMMU_EVENTQ_CONS_ALIAS, 4 },
};
const size_t names_nregs = N(names_regs);

#define F(n, w, m)  { n, w, false, m }
#define FA(n, w, m) { n, w, true, m }

/* STE fields (IHI 0070 §5.2). After the documented list: compatible extensions. */
const struct field_def names_ste_fields[] = {
	F("v", 0, STE0_V), F("config", 0, STE0_CONFIG), F("s1fmt", 0, STE0_S1FMT),
	FA("s1contextptr", 0, STE0_S1CTXPTR), F("s1cdmax", 0, STE0_S1CDMAX),
	F("s1dss", 1, STE1_S1DSS), F("s1cir", 1, STE1_S1CIR), F("s1cor", 1, STE1_S1COR),
	F("s1csh", 1, STE1_S1CSH), F("dre", 1, STE1_DRE), F("cont", 1, STE1_CONT),
	F("dcp", 1, STE1_DCP), F("ppar", 1, STE1_PPAR), F("mev", 1, STE1_MEV),
	F("s1stalld", 1, STE1_S1STALLD), F("eats", 1, STE1_EATS), F("strw", 1, STE1_STRW),
	F("memattr", 1, STE1_MEMATTR), F("mtcfg", 1, STE1_MTCFG), F("alloccfg", 1, STE1_ALLOCCFG),
	F("shcfg", 1, STE1_SHCFG), F("nscfg", 1, STE1_NSCFG), F("privcfg", 1, STE1_PRIVCFG),
	F("instcfg", 1, STE1_INSTCFG),
	F("s2vmid", 2, STE2_S2VMID), F("s2t0sz", 2, STE2_S2T0SZ), F("s2sl0", 2, STE2_S2SL0),
	F("s2ir0", 2, STE2_S2IR0), F("s2or0", 2, STE2_S2OR0), F("s2sh0", 2, STE2_S2SH0),
	F("s2tg", 2, STE2_S2TG), F("s2ps", 2, STE2_S2PS), F("s2aa64", 2, STE2_S2AA64),
	F("s2endi", 2, STE2_S2ENDI), F("s2affd", 2, STE2_S2AFFD), F("s2ptw", 2, STE2_S2PTW),
	F("s2hd", 2, STE2_S2HD), F("s2ha", 2, STE2_S2HA), F("s2s", 2, STE2_S2S), F("s2r", 2, STE2_S2R),
	FA("s2ttb", 3, STE3_S2TTB),
	/* extensions */
	F("s2hwu", 1, STE1_S2HWU), F("s1pie", 1, STE1_S1PIE), F("s2fwb", 1, STE1_S2FWB),
	F("s1mpam", 1, STE1_S1MPAM), F("s2haft", 2, STE2_S2HAFT), F("s2pie", 2, STE2_S2PIE),
	F("s2poe", 2, STE2_S2POE), F("s2sl0_2", 3, STE3_S2SL0_2), F("s2ds", 3, STE3_S2DS),
};
const size_t names_nste_fields = N(names_ste_fields);

/* CD fields (IHI 0070 §5.4). After the documented list: compatible extensions. */
const struct field_def names_cd_fields[] = {
	F("t0sz", 0, CD0_T0SZ), F("tg0", 0, CD0_TG0), F("ir0", 0, CD0_IR0), F("or0", 0, CD0_OR0),
	F("sh0", 0, CD0_SH0), F("epd0", 0, CD0_EPD0), F("endi", 0, CD0_ENDI), F("t1sz", 0, CD0_T1SZ),
	F("tg1", 0, CD0_TG1), F("epd1", 0, CD0_EPD1), F("v", 0, CD0_V), F("ips", 0, CD0_IPS),
	F("affd", 0, CD0_AFFD), F("wxn", 0, CD0_WXN), F("tbi0", 0, CD0_TBI0), F("tbi1", 0, CD0_TBI1),
	F("pan", 0, CD0_PAN), F("aa64", 0, CD0_AA64), F("hd", 0, CD0_HD), F("ha", 0, CD0_HA),
	F("s", 0, CD0_S), F("r", 0, CD0_R), F("a", 0, CD0_A), F("aset", 0, CD0_ASET),
	F("asid", 0, CD0_ASID), FA("ttb0", 1, CD1_TTB0), FA("ttb1", 2, CD2_TTB1),
	F("mair0", 3, CD3_MAIR0), F("mair1", 3, CD3_MAIR1),
	/* extensions */
	F("ir1", 0, CD0_IR1), F("or1", 0, CD0_OR1), F("sh1", 0, CD0_SH1), F("uwxn", 0, CD0_UWXN),
};
const size_t names_ncd_fields = N(names_cd_fields);

/* Command fields per opcode (IHI 0070 §4.2-§4.7). */
#define C_SID   F("sid", 0, CMD0_SID)
#define C_SSID  F("ssid", 0, CMD0_SSID)
#define C_SSV   F("ssv", 0, CMD0_SSV)
#define C_VMID  F("vmid", 0, CMD0_VMID)
#define C_ASID  F("asid", 0, CMD0_ASID)
#define C_NUM   F("num", 0, CMD0_NUM)
#define C_SCALE F("scale", 0, CMD0_SCALE)
#define C_LEAF  F("leaf", 1, CMD1_LEAF)
#define C_TTL   F("ttl", 1, CMD1_TTL)
#define C_TG    F("tg", 1, CMD1_TG)
#define C_ADDR  FA("addr", 1, CMD1_ADDR)
#define C_VA    C_NUM, C_SCALE, C_LEAF, C_TTL, C_TG, C_ADDR

static const struct field_def f_none[] = { F("", 0, 0) };
static const struct field_def f_prefetch_cfg[] = { C_SSV, C_SSID, C_SID };
static const struct field_def f_prefetch_addr[] = { C_SSV, C_SSID, C_SID, F("size", 1, CMD1_PREFETCH_SIZE), C_ADDR };
static const struct field_def f_cfgi_ste[] = { C_SID, C_LEAF };
static const struct field_def f_cfgi_ste_range[] = { C_SID, F("range", 1, CMD1_RANGE) };
static const struct field_def f_cfgi_cd[] = { C_SSID, C_SID, C_LEAF };
static const struct field_def f_sid[] = { C_SID };
static const struct field_def f_vmid[] = { C_VMID };
static const struct field_def f_vmid_asid[] = { C_VMID, C_ASID };
static const struct field_def f_nh_va[] = { C_VA, C_VMID, C_ASID };
static const struct field_def f_nh_vaa[] = { C_VA, C_VMID };
static const struct field_def f_asid[] = { C_ASID };
static const struct field_def f_el2_va[] = { C_VA, C_ASID };
static const struct field_def f_va[] = { C_VA };
static const struct field_def f_s2_ipa[] = { C_NUM, C_SCALE, C_LEAF, C_TTL, C_TG, FA("addr", 1, CMD1_IPA), C_VMID };
static const struct field_def f_atc_inv[] = { C_SSV, F("global", 0, CMD0_GLOBAL), C_SSID, C_SID,
					      F("size", 1, CMD1_ATC_SIZE), C_ADDR };
static const struct field_def f_pri_resp[] = { C_SSV, C_SSID, C_SID, F("resp", 1, CMD1_PRI_RESP),
					       F("prgindex", 1, CMD1_PRI_PRGINDEX) };
static const struct field_def f_resume[] = { C_SID, F("retry", 0, CMD0_RESUME_AC), F("abort", 0, CMD0_RESUME_AB),
					     F("stag", 1, CMD1_RESUME_STAG) };
static const struct field_def f_sync[] = { F("cs", 0, CMD0_SYNC_CS), F("msh", 0, CMD0_SYNC_MSH),
					   F("msiattr", 0, CMD0_SYNC_MSIATTR), F("msidata", 0, CMD0_SYNC_MSIDATA),
					   FA("msiaddr", 1, CMD1_SYNC_MSIADDR) };

#define CMD(n, op, f) { n, op, f, N(f) }
#define CMD0F(n, op)  { n, op, f_none, 0 }
const struct cmd_def names_cmds[] = {
	CMD("PREFETCH_CONFIG", CMD_OP_PREFETCH_CONFIG, f_prefetch_cfg),
	CMD("PREFETCH_ADDR", CMD_OP_PREFETCH_ADDR, f_prefetch_addr),
	CMD("CFGI_STE", CMD_OP_CFGI_STE, f_cfgi_ste),
	CMD("CFGI_STE_RANGE", CMD_OP_CFGI_STE_RANGE, f_cfgi_ste_range),
	CMD("CFGI_CD", CMD_OP_CFGI_CD, f_cfgi_cd),
	CMD("CFGI_CD_ALL", CMD_OP_CFGI_CD_ALL, f_sid),
	CMD("CFGI_VMS_PIDM", CMD_OP_CFGI_VMS_PIDM, f_vmid),
	CMD("TLBI_NH_ALL", CMD_OP_TLBI_NH_ALL, f_vmid),
	CMD("TLBI_NH_ASID", CMD_OP_TLBI_NH_ASID, f_vmid_asid),
	CMD("TLBI_NH_VA", CMD_OP_TLBI_NH_VA, f_nh_va),
	CMD("TLBI_NH_VAA", CMD_OP_TLBI_NH_VAA, f_nh_vaa),
	CMD0F("TLBI_EL3_ALL", CMD_OP_TLBI_EL3_ALL),
	CMD("TLBI_EL3_VA", CMD_OP_TLBI_EL3_VA, f_va),
	CMD0F("TLBI_EL2_ALL", CMD_OP_TLBI_EL2_ALL),
	CMD("TLBI_EL2_ASID", CMD_OP_TLBI_EL2_ASID, f_asid),
	CMD("TLBI_EL2_VA", CMD_OP_TLBI_EL2_VA, f_el2_va),
	CMD("TLBI_EL2_VAA", CMD_OP_TLBI_EL2_VAA, f_va),
	CMD("TLBI_S12_VMALL", CMD_OP_TLBI_S12_VMALL, f_vmid),
	CMD("TLBI_S2_IPA", CMD_OP_TLBI_S2_IPA, f_s2_ipa),
	CMD0F("TLBI_NSNH_ALL", CMD_OP_TLBI_NSNH_ALL),
	CMD("ATC_INV", CMD_OP_ATC_INV, f_atc_inv),
	CMD("PRI_RESP", CMD_OP_PRI_RESP, f_pri_resp),
	CMD("RESUME", CMD_OP_RESUME, f_resume),
	CMD("STALL_TERM", CMD_OP_STALL_TERM, f_sid),
	CMD("SYNC", CMD_OP_SYNC, f_sync),
};
const size_t names_ncmds = N(names_cmds);

const struct name_val names_events[] = {
	{ "F_UUT", EVT_ID_F_UUT }, { "C_BAD_STREAMID", EVT_ID_C_BAD_STREAMID },
	{ "F_STE_FETCH", EVT_ID_F_STE_FETCH }, { "C_BAD_STE", EVT_ID_C_BAD_STE },
	{ "F_BAD_ATS_TREQ", EVT_ID_F_BAD_ATS_TREQ }, { "F_STREAM_DISABLED", EVT_ID_F_STREAM_DISABLED },
	{ "F_TRANSL_FORBIDDEN", EVT_ID_F_TRANSL_FORBIDDEN }, { "C_BAD_SUBSTREAMID", EVT_ID_C_BAD_SUBSTREAMID },
	{ "F_CD_FETCH", EVT_ID_F_CD_FETCH }, { "C_BAD_CD", EVT_ID_C_BAD_CD },
	{ "F_WALK_EABT", EVT_ID_F_WALK_EABT }, { "F_TRANSLATION", EVT_ID_F_TRANSLATION },
	{ "F_ADDR_SIZE", EVT_ID_F_ADDR_SIZE }, { "F_ACCESS", EVT_ID_F_ACCESS },
	{ "F_PERMISSION", EVT_ID_F_PERMISSION }, { "F_TLB_CONFLICT", EVT_ID_F_TLB_CONFLICT },
	{ "F_CFG_CONFLICT", EVT_ID_F_CFG_CONFLICT }, { "E_PAGE_REQUEST", EVT_ID_E_PAGE_REQUEST },
	{ "F_VMS_FETCH", EVT_ID_F_VMS_FETCH },
};
const size_t names_nevents = N(names_events);

const struct name_val names_gerror[] = {
	{ "CMDQ_ERR", GERROR_CMDQ_ERR }, { "EVENTQ_ABT_ERR", GERROR_EVENTQ_ABT_ERR },
	{ "PRIQ_ABT_ERR", GERROR_PRIQ_ABT_ERR }, { "MSI_CMDQ_ABT_ERR", GERROR_MSI_CMDQ_ABT_ERR },
	{ "MSI_EVENTQ_ABT_ERR", GERROR_MSI_EVENTQ_ABT_ERR }, { "MSI_PRIQ_ABT_ERR", GERROR_MSI_PRIQ_ABT_ERR },
	{ "MSI_GERROR_ABT_ERR", GERROR_MSI_GERROR_ABT_ERR }, { "SFM_ERR", GERROR_SFM_ERR },
	{ "CMDQP_ERR", GERROR_CMDQP_ERR }, { "DPT_ERR", GERROR_DPT_ERR },
};
const size_t names_ngerror = N(names_gerror);

const struct name_val names_irq_lines[] = {
	{ "evtq", VSMMU_IRQ_EVTQ }, { "gerror", VSMMU_IRQ_GERROR },
	{ "cmd_sync", VSMMU_IRQ_CMD_SYNC }, { "priq", VSMMU_IRQ_PRIQ },
};
const size_t names_nirq_lines = N(names_irq_lines);

const struct name_val names_cerror[] = {
	{ "ILL", CERROR_ILL }, { "ABT", CERROR_ABT }, { "ATC_INV_SYNC", CERROR_ATC_INV_SYNC },
};
const size_t names_ncerror = N(names_cerror);

const struct name_val names_dma_expect[] = {
	{ "ok", DMA_EXPECT_OK }, { "blocked", DMA_EXPECT_BLOCKED },
	{ "fault", DMA_EXPECT_FAULT }, { "abort", DMA_EXPECT_ABORT },
};
const size_t names_ndma_expect = N(names_dma_expect);

const struct name_val names_evt_class[] = {
	{ "cd", EVT_CLASS_CD }, { "tt", EVT_CLASS_TT }, { "in", EVT_CLASS_IN },
};
const size_t names_nevt_class = N(names_evt_class);

/* map perm= (op.h enum op_perm), granule= and dma read|write: the text's
 * words and, in this order, the byte encoding's indexes (op_schema.c). */
const struct name_val names_perm[] = { { "r", PERM_R }, { "w", PERM_W }, { "rw", PERM_RW } };
const size_t names_nperm = N(names_perm);
const struct name_val names_granule[] = { { "4K", 4096 }, { "16K", 16384 }, { "64K", 65536 } };
const size_t names_ngranule = N(names_granule);
const struct name_val names_dma_rw[] = { { "read", 0 }, { "write", 1 } };
const size_t names_ndma_rw = N(names_dma_rw);
/* ram=IPA:SIZE:PERM, the stage-2 permissions of a guest RAM range: what
 * the mapping lacks (op.h enum op_s2deny) */
const struct name_val names_s2perm[] = {
	{ "rw", 0 }, { "r", S2DENY_W }, { "w", S2DENY_R }, { "none", S2DENY_NONE },
};
const size_t names_ns2perm = N(names_s2perm);

static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

bool names_ieq(const char *s, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (name[i] == '\0' || lower(s[i]) != lower(name[i]))
			return false;
	return name[n] == '\0';
}

const struct reg_def *names_reg_by_name(const char *s, size_t n)
{
	char buf[40];
	size_t i;

	for (i = 0; i < names_nregs; i++)
		if (names_ieq(s, n, names_regs[i].name))
			return &names_regs[i];
	/* EVTQ_x is EVENTQ_x. */
	if (n > 5 && n < sizeof(buf) - 2 && names_ieq(s, 5, "EVTQ_")) {
		memcpy(buf, "EVENTQ_", 7);
		memcpy(buf + 7, s + 5, n - 5);
		return names_reg_by_name(buf, n + 2);
	}
	return NULL;
}

const struct reg_def *names_reg_by_off(uint32_t off)
{
	size_t i;

	for (i = 0; i < names_nregs; i++)
		if (names_regs[i].off == off)
			return &names_regs[i];
	return NULL;
}

unsigned names_reg_width(uint32_t off)
{
	const struct reg_def *r = names_reg_by_off(off);

	return r ? r->width : 4;
}

const struct name_val *names_find(const struct name_val *t, size_t n, const char *s, size_t len, bool icase)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (icase ? names_ieq(s, len, t[i].name)
			  : (strlen(t[i].name) == len && memcmp(s, t[i].name, len) == 0))
			return &t[i];
	}
	return NULL;
}

const char *names_of(const struct name_val *t, size_t n, uint64_t val)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].val == val)
			return t[i].name;
	return NULL;
}

const struct cmd_def *names_cmd_by_name(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < names_ncmds; i++)
		if (names_ieq(s, n, names_cmds[i].name))
			return &names_cmds[i];
	return NULL;
}

const struct cmd_def *names_cmd_by_op(uint8_t op)
{
	size_t i;

	for (i = 0; i < names_ncmds; i++)
		if (names_cmds[i].op == op)
			return &names_cmds[i];
	return NULL;
}

const struct field_def *names_field(const struct field_def *t, size_t n, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(t[i].name) == len && memcmp(s, t[i].name, len) == 0)
			return &t[i];
	return NULL;
}

uint64_t names_fields_mask(const struct field_def *t, size_t n, unsigned w)
{
	uint64_t m = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].word == w)
			m |= t[i].mask;
	return m;
}

/* ---- program rules ---------------------------------------------------- */
#include "inject/platform.h"

_Static_assert(OP_MAX_PSMMU == VSMMU_MAX_PSMMU, "psmmu count");
_Static_assert(SCN_DEFAULT_SIDSIZE == PLAT_DEFAULT_SIDSIZE, "sidsize default");
_Static_assert(SCN_DEFAULT_SSIDSIZE == PLAT_DEFAULT_SSIDSIZE, "ssidsize default");
_Static_assert(SCN_DEFAULT_OAS == PLAT_DEFAULT_OAS, "oas default");
_Static_assert(SCN_MAX_RAM_BYTES == PLAT_MAX_RAM_BYTES, "RAM limit");
_Static_assert(SCN_MAX_GUEST_PAGES == PLAT_GUEST_MAX_PAGES, "guest page quota");
_Static_assert(OP_MAX_GUESTS == PLAT_MAX_GUESTS, "guest count");
_Static_assert(OP_MAX_RANGES == PLAT_MAX_RAM_RANGES, "range count");

void scn_rules_init(struct scn_rules *r)
{
	memset(r, 0, sizeof(*r));
}

void scn_rules_apply(struct scn_rules *r, const struct prog *p, const struct op *op)
{
	unsigned i, g;

	(void)p;
	switch (op->kind) {
	case OP_PSMMU:
		r->psmmu_mask |= 1u << op->u.psmmu.n;
		break;
	case OP_GUEST:
		g = op->guest;
		if (g >= OP_MAX_GUESTS)
			return;
		r->vmid[g] = op->u.guest.vmid;
		r->nranges[g] = op->u.guest.nranges;
		for (i = 0; i < op->u.guest.nranges && i < OP_MAX_RANGES; i++) {
			r->ipa[g][i] = op->u.guest.ipa[i];
			r->size[g][i] = op->u.guest.size[i];
		}
		if (r->nguests <= g)
			r->nguests = g + 1;
		break;
	case OP_DESTROY:
		if (op->guest < OP_MAX_GUESTS)
			r->destroyed[op->guest] = true;
		break;
	default:
		break;
	}
}

int scn_rules_find(const struct scn_rules *r, const struct prog *p, const char *name)
{
	unsigned g;

	for (g = 0; g < r->nguests; g++)
		if (strcmp(p->names[g], name) == 0)
			return (int)g;
	return -1;
}

bool scn_rules_psmmu_ok(const struct scn_rules *r, unsigned n)
{
	if (n >= OP_MAX_PSMMU)
		return false;
	return r->psmmu_mask ? (r->psmmu_mask >> n) & 1u : n == 0;
}

bool scn_rules_vmid_used(const struct scn_rules *r, uint16_t vmid)
{
	unsigned g;

	for (g = 0; g < r->nguests; g++)
		if (!r->destroyed[g] && r->vmid[g] == vmid)
			return true;
	return false;
}

bool scn_rules_in_ram(const struct scn_rules *r, unsigned g, uint64_t ipa, uint64_t len)
{
	unsigned i;

	if (g >= r->nguests)
		return false;
	for (i = 0; i < r->nranges[g]; i++) {
		uint64_t b = r->ipa[g][i], sz = r->size[g][i];

		if (ipa >= b && len <= sz && ipa - b <= sz - len)
			return true;
	}
	return false;
}

bool scn_name_valid(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > OP_NAME_MAX || s[0] < 'a' || s[0] > 'z')
		return false;
	for (i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

enum { RAM_OK, RAM_NONE, RAM_ALIGN, RAM_ZERO, RAM_WRAP, RAM_OVERLAP, RAM_TOTAL };

int scn_ram_check(const struct op *op)
{
	uint64_t total = 0;
	unsigned i, j, n = op->u.guest.nranges;

	if (n == 0 || n > OP_MAX_RANGES)
		return RAM_NONE;
	for (i = 0; i < n; i++) {
		uint64_t a = op->u.guest.ipa[i], sz = op->u.guest.size[i];

		if ((a | sz) & (SCN_PAGE - 1))
			return RAM_ALIGN;
		if (sz == 0)
			return RAM_ZERO;
		if (a + sz - 1 < a)
			return RAM_WRAP;
		if (sz > SCN_MAX_RAM_BYTES - total)
			return RAM_TOTAL;
		total += sz;
		for (j = 0; j < i; j++) {
			uint64_t b = op->u.guest.ipa[j], bs = op->u.guest.size[j];

			if (a <= b + bs - 1 && b <= a + sz - 1)
				return RAM_OVERLAP;
		}
	}
	return RAM_OK;
}

const char *scn_ram_why(int why)
{
	switch (why) {
	case RAM_NONE:    return "no RAM range";
	case RAM_ALIGN:   return "RAM ranges must be 4K aligned";
	case RAM_ZERO:    return "RAM range of size 0";
	case RAM_WRAP:    return "RAM range wraps around 64 bits";
	case RAM_OVERLAP: return "RAM ranges overlap";
	case RAM_TOTAL:   return "more than 4 GiB of RAM";
	default:          return "bad RAM";
	}
}

const char *names_id(char *buf, uint64_t v)
{
	if (v < 10)
		snprintf(buf, 24, "%" PRIu64, v);
	else
		snprintf(buf, 24, "0x%" PRIx64, v);
	return buf;
}
