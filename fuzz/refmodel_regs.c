/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * refmodel_regs.c - the register file of section 6.3 for the advertised
 * ID registers: what each register keeps (RES0 masks derived from the
 * IDRs), which writes are ignored while Guarded (the "Accessing" rules),
 * CR0ACK/IRQ_CTRLACK following CR0/IRQ_CTRL, GBPA's Update protocol,
 * GERRORN acknowledgements, queue index registers with wrap.
 */
#include <inttypes.h>
#include <string.h>

#include "fuzz/refmodel_int.h"

/* ---- queue geometry ---------------------------------------------------- */
unsigned rm_cmdq_qs(const struct rm_guest *G)
{
	return vs_q_log2size(G->cmdq_base, (unsigned)VS_FIELD_GET(IDR1_CMDQS, G->idr[1]));
}

unsigned rm_evtq_qs(const struct rm_guest *G)
{
	return vs_q_log2size(G->evtq_base, (unsigned)VS_FIELD_GET(IDR1_EVENTQS, G->idr[1]));
}

bool rm_smmuen(const struct rm_guest *G)
{
	return G->cr0 & CR0_SMMUEN;
}

/* ---- what each register keeps ---------------------------------------- */
static uint32_t cr0_mask(const struct rm_guest *G)
{
	uint32_t k = CR0_SMMUEN | CR0_EVENTQEN | CR0_CMDQEN;

	if (G->idr[0] & IDR0_PRI)
		k |= CR0_PRIQEN;
	if (G->idr[0] & IDR0_ATS)
		k |= CR0_ATSCHK;
	if (G->idr[0] & IDR0_VMW)
		k |= (uint32_t)CR0_VMW;
	return k;
}

static uint32_t cr2_mask(const struct rm_guest *G)
{
	uint32_t k = CR2_RECINVSID;

	if (G->idr[0] & IDR0_HYP)
		k |= CR2_E2H;
	if (G->idr[0] & IDR0_BTM)
		k |= CR2_PTM;
	if (G->idr[0] & IDR0_ATSRECERR)
		k |= CR2_REC_CFG_ATS;
	return k;
}

static uint32_t irq_mask(const struct rm_guest *G)
{
	uint32_t k = IRQ_CTRL_GERROR_IRQEN | IRQ_CTRL_EVENTQ_IRQEN;

	if (G->idr[0] & IDR0_PRI)
		k |= IRQ_CTRL_PRIQ_IRQEN;
	return k;
}

static uint32_t gbpa_mask(void)
{
	return (uint32_t)(GBPA_MEMATTR | GBPA_MTCFG | GBPA_ALLOCCFG | GBPA_SHCFG | GBPA_PRIVCFG |
			  GBPA_INSTCFG | GBPA_ABORT);
}

/* GBPA fields compared on reads: attribute overrides only if advertised
 * (otherwise "zero or a previously written value", MemAttr UNKNOWN). */
static uint32_t gbpa_care(const struct rm_guest *G)
{
	uint32_t c = ~gbpa_mask() | (uint32_t)GBPA_ABORT;

	if (G->idr[1] & IDR1_ATTR_TYPES_OVR)
		c |= (uint32_t)(GBPA_MEMATTR | GBPA_MTCFG | GBPA_ALLOCCFG | GBPA_SHCFG);
	if (G->idr[1] & IDR1_ATTR_PERMS_OVR)
		c |= (uint32_t)(GBPA_PRIVCFG | GBPA_INSTCFG);
	return c & ~(uint32_t)GBPA_UPDATE;
}

static uint64_t addr_care(const struct rm_guest *G, uint64_t field)
{
	static const unsigned enc[8] = { 32, 36, 40, 42, 44, 48, 52, 52 };
	unsigned oas = enc[VS_FIELD_GET(IDR5_OAS, G->idr[5]) & 7u];

	/* ADDR bits above the OAS are RES0: reading them back is not required */
	return ~(field & ~VS_GENMASK(oas - 1, 0));
}

static bool strtab_guarded(const struct rm_guest *G)
{
	return G->cr0 & CR0_SMMUEN;
}

static bool is_impdef(uint32_t off)
{
	uint32_t o = off & (SMMU_PAGE1 - 1);

	return (o >= 0xE00 && o < 0xF00) || (o >= 0xFD0 && o < 0x1000);
}

/* Static expectation of a register: value and the bits compared; *zero_ok
 * says reading 0 is also permitted (storage of unused MSI configuration is
 * optional). Returns false for registers that are observed dynamically. */
static bool expect(const struct rm_guest *G, uint32_t off, uint32_t *val, uint32_t *care, bool *zero_ok)
{
	*val = 0;
	*care = ~UINT32_C(0);
	*zero_ok = false;
	if (is_impdef(off)) {
		*care = 0;
		return true;
	}
	switch (off) {
	case SMMU_IDR0: case SMMU_IDR1: case SMMU_IDR2: case SMMU_IDR3: case SMMU_IDR4: case SMMU_IDR5:
		*val = G->idr[(off - SMMU_IDR0) / 4];
		return true;
	case SMMU_IIDR: *val = G->iidr; return true;
	case SMMU_AIDR: *val = G->aidr; return true;
	case SMMU_CR0: *val = G->cr0; return true;
	case SMMU_CR1: *val = G->cr1; return true;
	case SMMU_CR2: *val = G->cr2; return true;
	case SMMU_STATUSR:
		if (G->idr[0] & IDR0_DORMHINT)
			*care = ~(uint32_t)STATUSR_DORMANT;
		return true;
	case SMMU_GBPA:
		*val = G->gbpa;
		*care = G->gbpa_loose ? 0 : gbpa_care(G);
		return true;
	case SMMU_AGBPA:
		*care = 0;                      /* IMPLEMENTATION DEFINED */
		return true;
	case SMMU_IRQ_CTRL: *val = G->irq_ctrl; return true;
	case SMMU_GERRORN:
		*val = G->gerrorn;
		/* defined bits of unadvertised features: written value or 0 */
		*care = ~(uint32_t)GERROR_ERR_MASK | (uint32_t)(GERROR_CMDQ_ERR | GERROR_EVENTQ_ABT_ERR);
		return true;
	case SMMU_GERROR_IRQ_CFG0: case SMMU_GERROR_IRQ_CFG0 + 4:
	case SMMU_EVENTQ_IRQ_CFG0: case SMMU_EVENTQ_IRQ_CFG0 + 4: {
		unsigned i = off >= SMMU_EVENTQ_IRQ_CFG0;
		*val = (off & 4) ? (uint32_t)(G->irq_cfg0[i] >> 32) : (uint32_t)G->irq_cfg0[i];
		*care = (off & 4) ? (uint32_t)(addr_care(G, IRQ_CFG0_ADDR) >> 32) : ~UINT32_C(0);
		*zero_ok = !(G->idr[0] & IDR0_MSI);
		return true;
	}
	case SMMU_GERROR_IRQ_CFG1: case SMMU_EVENTQ_IRQ_CFG1:
		*val = G->irq_cfg1[off == SMMU_EVENTQ_IRQ_CFG1];
		*zero_ok = !(G->idr[0] & IDR0_MSI);
		return true;
	case SMMU_GERROR_IRQ_CFG2: case SMMU_EVENTQ_IRQ_CFG2:
		*val = G->irq_cfg2[off == SMMU_EVENTQ_IRQ_CFG2];
		*zero_ok = !(G->idr[0] & IDR0_MSI);
		return true;
	case SMMU_STRTAB_BASE: *val = (uint32_t)G->strtab_base; return true;
	case SMMU_STRTAB_BASE + 4:
		*val = (uint32_t)(G->strtab_base >> 32);
		*care = (uint32_t)(addr_care(G, STRTAB_BASE_ADDR) >> 32);
		return true;
	case SMMU_STRTAB_BASE_CFG: *val = G->strtab_cfg; return true;
	case SMMU_CMDQ_BASE: *val = (uint32_t)G->cmdq_base; return true;
	case SMMU_CMDQ_BASE + 4:
		*val = (uint32_t)(G->cmdq_base >> 32);
		*care = (uint32_t)(addr_care(G, Q_BASE_ADDR) >> 32);
		return true;
	case SMMU_EVENTQ_BASE: *val = (uint32_t)G->evtq_base; return true;
	case SMMU_EVENTQ_BASE + 4:
		*val = (uint32_t)(G->evtq_base >> 32);
		*care = (uint32_t)(addr_care(G, Q_BASE_ADDR) >> 32);
		return true;
	case SMMU_CMDQ_PROD:
		*val = G->cmdq_prod;
		*care = G->prod_loose ? ~vs_q_mask(rm_cmdq_qs(G)) : ~UINT32_C(0);
		return true;
	case SMMU_EVENTQ_CONS: case SMMU_EVENTQ_CONS_ALIAS:
		*val = G->evtq_cons;
		*care = G->evcons_loose ? ~(vs_q_mask(rm_evtq_qs(G)) | (uint32_t)EVENTQ_CONS_OVACKFLG) :
			~UINT32_C(0);
		return true;
	case SMMU_CR0ACK: case SMMU_IRQ_CTRLACK: case SMMU_GERROR: case SMMU_CMDQ_CONS:
	case SMMU_EVENTQ_PROD: case SMMU_EVENTQ_PROD_ALIAS:
		return false;
	default:
		/* PRIQ registers exist only with PRI, which is not modelled */
		if ((G->idr[0] & IDR0_PRI) && ((off >= SMMU_PRIQ_BASE && off < 0xE0) ||
					       off == SMMU_PRIQ_PROD || off == SMMU_PRIQ_CONS))
			*care = 0;
		return true;                    /* RAZ */
	}
}

/* ---- writes ------------------------------------------------------------- */
static void set_half(uint64_t *r, uint32_t off, uint32_t val, uint64_t keep)
{
	uint64_t v = (off & 4) ? ((*r & 0xffffffffu) | (uint64_t)val << 32) :
				 ((*r & ~UINT64_C(0xffffffff)) | val);
	*r = v & keep;
}

void rm_regs_write32(struct refmodel *m, int g, uint32_t off, uint32_t val)
{
	struct rm_guest *G = &m->g[g];
	unsigned qs;

	switch (off) {
	case SMMU_CR0: {
		uint32_t old = G->cr0;
		G->cr0 = val & cr0_mask(G);
		if ((old ^ G->cr0) & CR0_SMMUEN)
			rm_streams_load_all(m, g);
		break;
	}
	case SMMU_CR1: {
		uint32_t q = (uint32_t)(CR1_QUEUE_IC | CR1_QUEUE_OC | CR1_QUEUE_SH);
		uint32_t t = (uint32_t)(CR1_TABLE_IC | CR1_TABLE_OC | CR1_TABLE_SH);
		if (!(G->cr0 & (CR0_CMDQEN | CR0_EVENTQEN | CR0_PRIQEN)))
			G->cr1 = (G->cr1 & ~q) | (val & q);
		if (!strtab_guarded(G))
			G->cr1 = (G->cr1 & ~t) | (val & t);
		break;
	}
	case SMMU_CR2:
		if (!strtab_guarded(G))
			G->cr2 = val & cr2_mask(G);
		break;
	case SMMU_GBPA:
		if (val & GBPA_UPDATE) {
			uint32_t old = G->gbpa;
			bool was_loose = G->gbpa_loose;
			G->gbpa = val & gbpa_mask();
			G->gbpa_loose = false;
			if (!rm_smmuen(G) && (was_loose || ((old ^ G->gbpa) & GBPA_ABORT)))
				rm_streams_load_all(m, g);
		} else if (VS_FIELD_GET(AIDR_ARCH_MINOR, G->aidr) < 2) {
			/* without Update: ignored, stored, or applied at an
			 * UNPREDICTABLE point (SMMUv3.2 and later: ignored) */
			G->gbpa_loose = true;
			if (!rm_smmuen(G))
				rm_streams_load_all(m, g);
		}
		break;
	case SMMU_IRQ_CTRL:
		G->irq_ctrl = val & irq_mask(G);
		break;
	case SMMU_GERRORN: {
		uint32_t nv = val & (uint32_t)GERROR_ERR_MASK;
		uint32_t toggled = nv ^ G->gerrorn, active = G->gerror ^ G->gerrorn;
		/* toggling an inactive error is UNPREDICTABLE: that bit is then
		 * adopted from observation */
		G->gerror_loose |= toggled & ~active;
		G->gerrorn = nv;
		G->gerror_loose &= ~(toggled & active);
		break;
	}
	case SMMU_GERROR_IRQ_CFG0: case SMMU_GERROR_IRQ_CFG0 + 4:
		if (!(G->irq_ctrl & IRQ_CTRL_GERROR_IRQEN))
			set_half(&G->irq_cfg0[0], off, val, rm_irq_cfg0_keep(G));
		break;
	case SMMU_EVENTQ_IRQ_CFG0: case SMMU_EVENTQ_IRQ_CFG0 + 4:
		if (!(G->irq_ctrl & IRQ_CTRL_EVENTQ_IRQEN))
			set_half(&G->irq_cfg0[1], off, val, rm_irq_cfg0_keep(G));
		break;
	case SMMU_GERROR_IRQ_CFG1:
		if (!(G->irq_ctrl & IRQ_CTRL_GERROR_IRQEN))
			G->irq_cfg1[0] = val;
		break;
	case SMMU_EVENTQ_IRQ_CFG1:
		if (!(G->irq_ctrl & IRQ_CTRL_EVENTQ_IRQEN))
			G->irq_cfg1[1] = val;
		break;
	case SMMU_GERROR_IRQ_CFG2:
		if (!(G->irq_ctrl & IRQ_CTRL_GERROR_IRQEN))
			G->irq_cfg2[0] = val & (uint32_t)(IRQ_CFG2_MEMATTR | IRQ_CFG2_SH);
		break;
	case SMMU_EVENTQ_IRQ_CFG2:
		if (!(G->irq_ctrl & IRQ_CTRL_EVENTQ_IRQEN))
			G->irq_cfg2[1] = val & (uint32_t)(IRQ_CFG2_MEMATTR | IRQ_CFG2_SH);
		break;
	case SMMU_STRTAB_BASE: case SMMU_STRTAB_BASE + 4:
		if (!strtab_guarded(G))
			set_half(&G->strtab_base, off, val, STRTAB_BASE_ADDR | STRTAB_BASE_RA);
		break;
	case SMMU_STRTAB_BASE_CFG:
		if (!strtab_guarded(G)) {
			uint32_t k = (uint32_t)STRTAB_BASE_CFG_LOG2SIZE;
			if (VS_FIELD_GET(IDR0_ST_LEVEL, G->idr[0]) != IDR0_ST_LEVEL_LINEAR)
				k |= (uint32_t)(STRTAB_BASE_CFG_SPLIT | STRTAB_BASE_CFG_FMT);
			G->strtab_cfg = val & k;
		}
		break;
	case SMMU_CMDQ_BASE: case SMMU_CMDQ_BASE + 4:
		if (!(G->cr0 & CR0_CMDQEN)) {
			qs = rm_cmdq_qs(G);
			set_half(&G->cmdq_base, off, val, Q_BASE_ADDR | Q_BASE_RWA | Q_BASE_LOG2SIZE);
			if (qs != rm_cmdq_qs(G)) {
				/* bits from the wrap flag down are the truncation of
				 * the old value, bits the new size adds are UNKNOWN:
				 * adopted at the next observation */
				G->cmdq_prod &= vs_q_mask(rm_cmdq_qs(G));
				G->cmdq_cons &= vs_q_mask(rm_cmdq_qs(G));
				G->cons_loose = G->prod_loose = true;
			}
		}
		break;
	case SMMU_CMDQ_PROD:
		G->cmdq_prod = val & vs_q_mask(rm_cmdq_qs(G));
		G->prod_loose = false;
		break;
	case SMMU_CMDQ_CONS:
		if (!(G->cr0 & CR0_CMDQEN)) {
			G->cmdq_cons = val & vs_q_mask(rm_cmdq_qs(G));
			G->cons_loose = false;
			G->err_loose = true;
		}
		break;
	case SMMU_EVENTQ_BASE: case SMMU_EVENTQ_BASE + 4:
		if (!(G->cr0 & CR0_EVENTQEN)) {
			qs = rm_evtq_qs(G);
			set_half(&G->evtq_base, off, val, Q_BASE_ADDR | Q_BASE_RWA | Q_BASE_LOG2SIZE);
			if (qs != rm_evtq_qs(G)) {
				uint32_t k = vs_q_mask(rm_evtq_qs(G));
				G->evtq_prod &= k | (uint32_t)EVENTQ_PROD_OVFLG;
				G->evtq_cons &= k | (uint32_t)EVENTQ_CONS_OVACKFLG;
				G->evprod_loose = G->evcons_loose = true;
			}
		}
		break;
	case SMMU_EVENTQ_PROD: case SMMU_EVENTQ_PROD_ALIAS:
		if (!(G->cr0 & CR0_EVENTQEN)) {
			G->evtq_prod = val & (vs_q_mask(rm_evtq_qs(G)) | (uint32_t)EVENTQ_PROD_OVFLG);
			G->evprod_loose = false;
		}
		break;
	case SMMU_EVENTQ_CONS: case SMMU_EVENTQ_CONS_ALIAS:
		G->evtq_cons = val & (vs_q_mask(rm_evtq_qs(G)) | (uint32_t)EVENTQ_CONS_OVACKFLG);
		G->evcons_loose = false;
		break;
	default:
		break;                          /* RO, RAZ/WI */
	}
}

/* ---- reads -------------------------------------------------------------- */
/* The value a merge of a sub-word write starts from. */
static uint32_t current(const struct rm_guest *G, uint32_t off)
{
	uint32_t v, care;
	bool zero_ok;

	switch (off) {
	case SMMU_CMDQ_CONS: return G->cmdq_cons;
	case SMMU_EVENTQ_PROD: case SMMU_EVENTQ_PROD_ALIAS: return G->evtq_prod;
	case SMMU_GERROR: return G->gerror;
	case SMMU_CR0ACK: return G->cr0;
	case SMMU_IRQ_CTRLACK: return G->irq_ctrl;
	default:
		(void)expect(G, off, &v, &care, &zero_ok);
		return v;
	}
}

static void check_static(struct refmodel *m, int g, uint32_t off, uint32_t seen, uint32_t bytes)
{
	uint32_t val, care;
	bool zero_ok;

	if (!expect(&m->g[g], off, &val, &care, &zero_ok))
		return;
	m->checks++;
	care &= bytes;
	if (((seen ^ val) & care) && !(zero_ok && !(seen & care)))
		rm_fire(m, g, "field=reg0x%" PRIx32 " expected=0x%08" PRIx32 "(mask 0x%08" PRIx32 ") seen=0x%08" PRIx32,
			off, val & care, care, seen & care);
}

static void check_ack(struct refmodel *m, int g, const char *name, uint32_t seen, uint32_t prev,
		      uint32_t want, uint32_t bytes, bool final)
{
	m->checks++;
	if (final ? ((seen ^ want) & bytes) : (((seen ^ want) & bytes) && ((seen ^ prev) & bytes)))
		rm_fire(m, g, "field=%s expected=0x%08" PRIx32 "%s seen=0x%08" PRIx32, name, want & bytes,
			final ? "(update complete after the round)" : "(or the previous value)", seen & bytes);
}

static bool valid_access(uint64_t off, unsigned size)
{
	return (size == 1 || size == 2 || size == 4 || size == 8) && off < SMMU_MMIO_SIZE &&
	       off + size <= SMMU_MMIO_SIZE;
}

void rm_regs_read_check(struct refmodel *m, int g, uint64_t off, unsigned size, uint64_t val)
{
	struct rm_guest *G = &m->g[g];
	bool dyn_cmdq = false, dyn_evtq = false;

	if (!valid_access(off, size)) {
		if (val)
			rm_fire(m, g, "field=mmio0x%" PRIx64 "/%u expected=0(outside the window: RAZ) seen=0x%" PRIx64,
				off, size, val);
		return;
	}
	for (uint64_t r = off & ~UINT64_C(3); r < off + size; r += 4) {
		uint32_t seen = 0, bytes = 0;

		for (unsigned b = 0; b < 4; b++) {
			uint64_t a = r + b;
			if (a < off || a >= off + size)
				continue;
			seen |= (uint32_t)((val >> (8 * (a - off))) & 0xff) << (8 * b);
			bytes |= UINT32_C(0xff) << (8 * b);
		}
		switch ((uint32_t)r) {
		case SMMU_CR0ACK:
			check_ack(m, g, "CR0ACK", seen, G->cr0ack_prev, G->cr0, bytes, false);
			break;
		case SMMU_IRQ_CTRLACK:
			check_ack(m, g, "IRQ_CTRLACK", seen, G->irqack_prev, G->irq_ctrl, bytes, false);
			break;
		case SMMU_GERROR: case SMMU_CMDQ_CONS:
			dyn_cmdq = true;
			dyn_evtq = true;
			break;
		case SMMU_EVENTQ_PROD: case SMMU_EVENTQ_PROD_ALIAS:
			dyn_evtq = true;
			break;
		default:
			check_static(m, g, (uint32_t)r, seen, bytes);
		}
	}
	/* dynamic registers: observe the state now (the read was side-effect free) */
	if (dyn_cmdq)
		rm_cmdq_observe(m, g);
	if (dyn_evtq)
		rm_evtq_observe(m, g);
}

/* A guest write, split into the 32-bit registers it touches; bytes not
 * written keep the register's current read value (docs/vsmmu.md). */
void rm_gerror_adopt_loose(struct refmodel *m, int g, uint32_t bits, uint32_t gerr)
{
	struct rm_guest *G = &m->g[g];
	uint32_t l = G->gerror_loose & bits;

	if (!l)
		return;
	G->gerror = (G->gerror & ~l) | (gerr & l);
	G->gerrorn = (G->gerrorn & ~l) | (rm_probe(m, g, SMMU_GERRORN) & l);
	G->gerror_loose &= ~l;
}

void rm_regs_on_write(struct refmodel *m, int g, uint64_t off, unsigned size, uint64_t val)
{
	if (!valid_access(off, size))
		return;
	for (uint64_t r = off & ~UINT64_C(3); r < off + size; r += 4) {
		uint32_t v = current(&m->g[g], (uint32_t)r);

		for (unsigned b = 0; b < 4; b++) {
			uint64_t a = r + b;
			if (a < off || a >= off + size)
				continue;
			v = (v & ~(UINT32_C(0xff) << (8 * b))) |
			    (uint32_t)((val >> (8 * (a - off))) & 0xff) << (8 * b);
		}
		rm_regs_write32(m, g, (uint32_t)r, v);
	}
}

/* Registers probed after every op (static ones compared with the model). */
static const uint32_t probe_list[] = {
	SMMU_IDR0, SMMU_IDR1, SMMU_IDR2, SMMU_IDR3, SMMU_IDR4, SMMU_IDR5, SMMU_IIDR, SMMU_AIDR,
	SMMU_CR0, SMMU_CR1, SMMU_CR2, SMMU_STATUSR, SMMU_GBPA, SMMU_IRQ_CTRL, SMMU_GERRORN,
	SMMU_GERROR_IRQ_CFG0, SMMU_GERROR_IRQ_CFG0 + 4, SMMU_GERROR_IRQ_CFG1, SMMU_GERROR_IRQ_CFG2,
	SMMU_STRTAB_BASE, SMMU_STRTAB_BASE + 4, SMMU_STRTAB_BASE_CFG, SMMU_CMDQ_BASE, SMMU_CMDQ_BASE + 4,
	SMMU_CMDQ_PROD, SMMU_EVENTQ_BASE, SMMU_EVENTQ_BASE + 4, SMMU_EVENTQ_CONS, SMMU_EVENTQ_CONS_ALIAS,
	SMMU_EVENTQ_IRQ_CFG0, SMMU_EVENTQ_IRQ_CFG0 + 4, SMMU_EVENTQ_IRQ_CFG1, SMMU_EVENTQ_IRQ_CFG2,
	SMMU_PRIQ_BASE, 0x030, 0x0F0, SMMU_PAGE1 + 0x0A0,
};

/* After a guest write: the registers it touched, and the index registers
 * whose geometry a BASE write changes. */
void rm_regs_check_written(struct refmodel *m, int g, uint64_t off, unsigned size)
{
	if (!valid_access(off, size))
		return;
	for (uint64_t r = off & ~UINT64_C(3); r < off + size; r += 4) {
		uint32_t o = (uint32_t)r;

		check_static(m, g, o, rm_probe(m, g, o), ~UINT32_C(0));
		if (o == SMMU_CMDQ_BASE || o == SMMU_CMDQ_BASE + 4)
			check_static(m, g, SMMU_CMDQ_PROD, rm_probe(m, g, SMMU_CMDQ_PROD), ~UINT32_C(0));
		if (o == SMMU_EVENTQ_BASE || o == SMMU_EVENTQ_BASE + 4)
			check_static(m, g, SMMU_EVENTQ_CONS, rm_probe(m, g, SMMU_EVENTQ_CONS), ~UINT32_C(0));
	}
}

void rm_regs_check_all(struct refmodel *m, int g)
{
	for (size_t i = 0; i < sizeof probe_list / sizeof probe_list[0]; i++)
		check_static(m, g, probe_list[i], rm_probe(m, g, probe_list[i]), ~UINT32_C(0));
	rm_regs_check_dynamic(m, g);
}

void rm_regs_check_dynamic(struct refmodel *m, int g)
{
	struct rm_guest *G = &m->g[g];
	uint32_t v;

	v = rm_probe(m, g, SMMU_CR0ACK);
	check_ack(m, g, "CR0ACK", v, G->cr0ack_prev, G->cr0, ~UINT32_C(0), true);
	G->cr0ack_prev = v;
	v = rm_probe(m, g, SMMU_IRQ_CTRLACK);
	check_ack(m, g, "IRQ_CTRLACK", v, G->irqack_prev, G->irq_ctrl, ~UINT32_C(0), true);
	G->irqack_prev = v;
	if (rm_probe(m, g, SMMU_GBPA) & GBPA_UPDATE)
		rm_fire(m, g, "field=GBPA.Update expected=0(update complete after the round) seen=1");
	rm_cmdq_observe(m, g);
	rm_evtq_observe(m, g);
}

/* Creation: ID registers are constants from now on; CR0, CR0ACK,
 * IRQ_CTRL(ACK), GERROR(N) reset to 0 and GBPA.Update to 0; registers with
 * UNKNOWN or IMPLEMENTATION DEFINED resets are adopted as read. */
void rm_regs_reset(struct refmodel *m, int g)
{
	struct rm_guest *G = &m->g[g];
	static const struct { uint32_t off; const char *name; } zero[] = {
		{ SMMU_CR0, "CR0" }, { SMMU_CR0ACK, "CR0ACK" }, { SMMU_IRQ_CTRL, "IRQ_CTRL" },
		{ SMMU_IRQ_CTRLACK, "IRQ_CTRLACK" }, { SMMU_GERROR, "GERROR" }, { SMMU_GERRORN, "GERRORN" },
	};
	uint32_t lo, hi;

	for (unsigned i = 0; i < 6; i++)
		G->idr[i] = rm_probe(m, g, SMMU_IDR0 + 4 * i);
	G->iidr = rm_probe(m, g, SMMU_IIDR);
	G->aidr = rm_probe(m, g, SMMU_AIDR);
	for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++) {
		uint32_t v = rm_probe(m, g, zero[i].off);
		if (v)
			rm_fire(m, g, "field=%s expected=0(reset) seen=0x%08" PRIx32, zero[i].name, v);
	}
	G->gbpa = rm_probe(m, g, SMMU_GBPA);
	if (G->gbpa & GBPA_UPDATE)
		rm_fire(m, g, "field=GBPA.Update expected=0(reset) seen=1");
	G->gbpa &= gbpa_mask();
	G->cr1 = rm_probe(m, g, SMMU_CR1) & (uint32_t)VS_GENMASK(11, 0);
	G->cr2 = rm_probe(m, g, SMMU_CR2) & cr2_mask(G);
	lo = rm_probe(m, g, SMMU_STRTAB_BASE);
	hi = rm_probe(m, g, SMMU_STRTAB_BASE + 4);
	G->strtab_base = ((uint64_t)hi << 32 | lo) & (STRTAB_BASE_ADDR | STRTAB_BASE_RA);
	G->strtab_cfg = rm_probe(m, g, SMMU_STRTAB_BASE_CFG) &
			(uint32_t)(STRTAB_BASE_CFG_LOG2SIZE | STRTAB_BASE_CFG_SPLIT | STRTAB_BASE_CFG_FMT);
	lo = rm_probe(m, g, SMMU_CMDQ_BASE);
	hi = rm_probe(m, g, SMMU_CMDQ_BASE + 4);
	G->cmdq_base = ((uint64_t)hi << 32 | lo) & (Q_BASE_ADDR | Q_BASE_RWA | Q_BASE_LOG2SIZE);
	lo = rm_probe(m, g, SMMU_EVENTQ_BASE);
	hi = rm_probe(m, g, SMMU_EVENTQ_BASE + 4);
	G->evtq_base = ((uint64_t)hi << 32 | lo) & (Q_BASE_ADDR | Q_BASE_RWA | Q_BASE_LOG2SIZE);
	G->cmdq_prod = rm_probe(m, g, SMMU_CMDQ_PROD) & vs_q_mask(rm_cmdq_qs(G));
	G->cmdq_cons = rm_probe(m, g, SMMU_CMDQ_CONS) & vs_q_mask(rm_cmdq_qs(G));
	G->evtq_prod = rm_probe(m, g, SMMU_EVENTQ_PROD) &
		       (vs_q_mask(rm_evtq_qs(G)) | (uint32_t)EVENTQ_PROD_OVFLG);
	G->evtq_cons = rm_probe(m, g, SMMU_EVENTQ_CONS) &
		       (vs_q_mask(rm_evtq_qs(G)) | (uint32_t)EVENTQ_CONS_OVACKFLG);
	for (unsigned i = 0; i < 2; i++) {
		uint32_t b = i ? SMMU_EVENTQ_IRQ_CFG0 : SMMU_GERROR_IRQ_CFG0;
		G->irq_cfg0[i] = ((uint64_t)rm_probe(m, g, b + 4) << 32 | rm_probe(m, g, b)) & IRQ_CFG0_ADDR;
		G->irq_cfg1[i] = rm_probe(m, g, b + 8);
		G->irq_cfg2[i] = rm_probe(m, g, b + 12) & (uint32_t)(IRQ_CFG2_MEMATTR | IRQ_CFG2_SH);
	}
	G->cr0 = 0;
	G->gerror = G->gerrorn = 0;
	G->irq_ctrl = 0;
}
