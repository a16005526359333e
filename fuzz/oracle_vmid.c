/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle_vmid.c - I10, VMID retirement (see oracle_vmid.h): on which
 * physical SMMUs a live guest's VMID may have TLB entries, and which of
 * them it has been retired on since.
 */
#include <string.h>

#include "fuzz/oracle_vmid.h"

static bool gok(int g)
{
	return g >= 0 && g < (int)PLAT_MAX_GUESTS;
}

void orc_vmid_created(struct orc_vmid *m, int g, uint16_t vmid)
{
	if (!gok(g))
		return;
	memset(&m->g[g], 0, sizeof m->g[g]);
	m->g[g].live = true;
	m->g[g].vmid = vmid;
}

uint8_t orc_vmid_destroyed(struct orc_vmid *m, int g)
{
	struct orc_vmid_live *l;

	if (!gok(g) || !m->g[g].live)
		return 0;
	l = &m->g[g];
	l->live = false;
	return (uint8_t)(l->used & ~l->retired);
}

void orc_vmid_cmd_done(struct orc_vmid *m, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
		       unsigned cerror)
{
	unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, cmd[0]);
	uint16_t vmid = (uint16_t)VS_FIELD_GET(CMD0_VMID, cmd[0]);
	uint8_t bit;

	if (cerror || psmmu >= PLAT_MAX_PSMMU)
		return;              /* a skipped command did nothing */
	bit = (uint8_t)(1u << psmmu);
	for (unsigned i = 0; i < PLAT_MAX_GUESTS; i++) {
		struct orc_vmid_live *l = &m->g[i];

		if (!l->live)
			continue;
		if ((op == CMD_OP_TLBI_S12_VMALL && l->vmid == vmid) || op == CMD_OP_TLBI_NSNH_ALL)
			l->inv |= bit;
		else if (op == CMD_OP_SYNC && (l->inv & bit)) {
			l->inv &= (uint8_t)~bit;
			l->retired |= bit;
		}
	}
}

void orc_vmid_translated(struct orc_vmid *m, int g, unsigned psmmu)
{
	struct orc_vmid_live *l;
	uint8_t bit;

	if (!gok(g) || psmmu >= PLAT_MAX_PSMMU || !m->g[g].live)
		return;
	l = &m->g[g];
	bit = (uint8_t)(1u << psmmu);
	l->used |= bit;
	l->retired &= (uint8_t)~bit;
	l->inv &= (uint8_t)~bit;
}
