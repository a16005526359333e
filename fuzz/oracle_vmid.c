/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * oracle_vmid.c - I10 across VMID reuse (see oracle_vmid.h): bookkeeping of
 * which physical SMMUs still may hold TLB entries of a destroyed guest's
 * VMID, and the check when a new guest with that VMID translates.
 */
#include <inttypes.h>
#include <stdio.h>
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

void orc_vmid_destroyed(struct orc_vmid *m, int g)
{
	struct orc_vmid_live *l;
	struct orc_vmid_dead *d = NULL;
	uint8_t pending;

	if (!gok(g) || !m->g[g].live)
		return;
	l = &m->g[g];
	l->live = false;
	pending = (uint8_t)(l->used & ~l->retired);
	if (!pending)
		return;
	for (unsigned i = 0; i < ORC_VMID_DEAD && !d; i++)
		if (!m->d[i].valid)
			d = &m->d[i];
	if (!d) {
		d = &m->d[m->next];
		m->next = (m->next + 1) % ORC_VMID_DEAD;
	}
	d->valid = true;
	d->vmid = l->vmid;
	d->pending = pending;
	d->inv = (uint8_t)(l->inv & pending);
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
	for (unsigned i = 0; i < ORC_VMID_DEAD; i++) {
		struct orc_vmid_dead *d = &m->d[i];

		if (!d->valid || !(d->pending & bit))
			continue;
		if ((op == CMD_OP_TLBI_S12_VMALL && d->vmid == vmid) || op == CMD_OP_TLBI_NSNH_ALL)
			d->inv |= bit;
		else if (op == CMD_OP_SYNC && (d->inv & bit)) {
			d->inv &= (uint8_t)~bit;
			d->pending &= (uint8_t)~bit;
			if (!d->pending)
				d->valid = false;
		}
	}
}

bool orc_vmid_translates(struct orc_vmid *m, int g, unsigned psmmu, char *why, size_t len)
{
	struct orc_vmid_live *l;
	uint8_t bit;

	if (!gok(g) || psmmu >= PLAT_MAX_PSMMU || !m->g[g].live)
		return false;
	l = &m->g[g];
	bit = (uint8_t)(1u << psmmu);
	/* It may have TLB entries there now: retirement must start over. */
	l->used |= bit;
	l->retired &= (uint8_t)~bit;
	l->inv &= (uint8_t)~bit;
	for (unsigned i = 0; i < ORC_VMID_DEAD; i++) {
		struct orc_vmid_dead *d = &m->d[i];

		if (!d->valid || d->vmid != l->vmid || !(d->pending & bit))
			continue;
		snprintf(why, len, "stream=psmmu%u field=VMID-retirement(VMID 0x%x) expected=TLBI_S12_VMALL"
			 "+CMD_SYNC-after-the-destroy-of-the-guest-that-had-it seen=translation-first",
			 psmmu, (unsigned)l->vmid);
		return true;             /* stays pending until retired */
	}
	return false;
}
