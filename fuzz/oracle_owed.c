/*
 * oracle_owed.c - I11 per guest (see oracle_owed.h): which physical work of
 * each guest was lost and whether it was re-done before the guest's
 * CMD_SYNC completed.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz/oracle_owed.h"

static bool gok(int g)
{
	return g >= 0 && g < (int)PLAT_MAX_GUESTS;
}

static bool tlb_op(unsigned op)
{
	switch (op) {
	case CMD_OP_TLBI_NH_ALL: case CMD_OP_TLBI_NH_ASID: case CMD_OP_TLBI_NH_VA:
	case CMD_OP_TLBI_NH_VAA: case CMD_OP_TLBI_S12_VMALL: case CMD_OP_TLBI_S2_IPA:
	case CMD_OP_TLBI_NSNH_ALL:
		return true;
	default:
		return false;
	}
}

static bool sid_op(unsigned op)
{
	switch (op) {
	case CMD_OP_CFGI_STE: case CMD_OP_CFGI_CD: case CMD_OP_CFGI_CD_ALL:
	case CMD_OP_PREFETCH_CONFIG: case CMD_OP_PREFETCH_ADDR:
		return true;
	default:
		return false;
	}
}

void orc_owed_created(struct orc_owed *m, int g, uint16_t vmid)
{
	if (!gok(g))
		return;
	memset(&m->g[g], 0, sizeof m->g[g]);
	m->g[g].live = true;
	m->g[g].vmid = vmid;
}

void orc_owed_destroyed(struct orc_owed *m, int g)
{
	if (gok(g))
		memset(&m->g[g], 0, sizeof m->g[g]);
}

static void drop(struct orc_owed_psmmu *p, unsigned i)
{
	p->it[i] = p->it[--p->n];
}

void orc_owed_released(struct orc_owed *m, int g, unsigned psmmu, uint32_t psid)
{
	struct orc_owed_psmmu *p;

	if (!gok(g) || psmmu >= PLAT_MAX_PSMMU)
		return;
	p = &m->g[g].p[psmmu];
	for (unsigned i = 0; i < p->n;)
		if (!p->it[i].tlb && p->it[i].sid == psid)
			drop(p, i);
		else
			i++;
}

/* Does executed command c (of g, op, sid) re-do the lost item? */
static bool covers(const struct orc_owed_guest *og, const struct orc_owed_item *it, unsigned op,
		   const uint64_t c[CMD_DWORDS])
{
	uint32_t sid = (uint32_t)VS_FIELD_GET(CMD0_SID, c[0]);
	uint16_t vmid = (uint16_t)VS_FIELD_GET(CMD0_VMID, c[0]);

	if (op == it->op && (it->tlb || sid == it->sid))
		return true;
	if (it->tlb)
		return op == CMD_OP_TLBI_NSNH_ALL ||
		       ((op == CMD_OP_TLBI_NH_ALL || op == CMD_OP_TLBI_S12_VMALL) && vmid == og->vmid);
	if (op == CMD_OP_CFGI_STE)
		return sid == it->sid;
	if (op == CMD_OP_CFGI_STE_RANGE) {
		uint64_t n = UINT64_C(2) << VS_FIELD_GET(CMD1_RANGE, c[1]);

		return ((uint64_t)(sid ^ it->sid) & ~(n - 1)) == 0;
	}
	return false;
}

void orc_owed_cmd_done(struct orc_owed *m, int g, unsigned psmmu, const uint64_t cmd[CMD_DWORDS],
		       unsigned cerror)
{
	unsigned op = (unsigned)VS_FIELD_GET(CMD0_OP, cmd[0]);
	struct orc_owed_guest *og;
	struct orc_owed_psmmu *p;

	if (psmmu >= PLAT_MAX_PSMMU)
		return;
	if (op == CMD_OP_SYNC) {
		if (cerror)
			return;          /* its issuer's sync: returned to it by env.sync */
		/* Everything re-done before this SYNC is now complete. */
		for (unsigned i = 0; i < PLAT_MAX_GUESTS; i++) {
			p = &m->g[i].p[psmmu];
			for (unsigned k = 0; k < p->n;)
				if (p->it[k].redone)
					drop(p, k);
				else
					k++;
		}
		return;
	}
	if (!gok(g) || !m->g[g].live)
		return;
	og = &m->g[g];
	p = &og->p[psmmu];
	if (cerror) {
		if ((tlb_op(op) || sid_op(op)) && p->n < ORC_OWED_ITEMS) {
			struct orc_owed_item *it = &p->it[p->n++];

			it->tlb = tlb_op(op);
			it->redone = false;
			it->op = (uint8_t)op;
			it->sid = (uint32_t)VS_FIELD_GET(CMD0_SID, cmd[0]);
		}
		return;
	}
	for (unsigned k = 0; k < p->n; k++)
		if (covers(og, &p->it[k], op, cmd))
			p->it[k].redone = true;
}

bool orc_owed_guest_sync(struct orc_owed *m, int g, unsigned cerror, char *why, size_t len)
{
	struct orc_owed_guest *og;

	if (!gok(g) || !m->g[g].live)
		return false;
	og = &m->g[g];
	for (unsigned q = 0; q < PLAT_MAX_PSMMU; q++) {
		struct orc_owed_psmmu *p = &og->p[q];

		if (cerror) {
			p->n = 0;            /* reported to the guest: it retries */
			continue;
		}
		if (p->n) {
			snprintf(why, len, "stream=psmmu%u field=cmd0x%02x-failure(%s) expected=re-done-or-"
				 "CERROR_ABT-at-this-CMD_SYNC seen=CMD_SYNC-completed", q, p->it[0].op,
				 p->it[0].tlb ? "TLB" : "StreamID");
			p->n = 0;            /* reported once */
			return true;
		}
	}
	return false;
}
