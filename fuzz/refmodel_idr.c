/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * refmodel_idr.c - the ID registers as a whole: what the embedder asked
 * for (IDR0.MSI, IDR3.RIL from the guest's configuration) and what the
 * architecture version in AIDR allows and requires (IHI 0070 2.9, 6.3.1,
 * 6.3.4, 6.3.8). Checked once, when the guest is created.
 */
#include <inttypes.h>

#include "fuzz/refmodel_int.h"

/* Features by the SMMUv3 minor version that introduced them (2.3-2.8,
 * 6.3.4): an SMMUv3.x may have any of v3.(x+1)'s, none of later ones (2.9). */
static const struct { uint8_t reg, minor; uint32_t mask; const char *name; } introduced[] = {
	{ 3, 2, (uint32_t)IDR3_RIL, "IDR3.RIL" },
	{ 3, 2, (uint32_t)IDR3_FWB, "IDR3.FWB" },
	{ 3, 2, (uint32_t)IDR3_STT, "IDR3.STT" },
	{ 3, 2, (uint32_t)IDR3_MPAM, "IDR3.MPAM" },
	{ 3, 2, (uint32_t)IDR3_BBML, "IDR3.BBML" },
	{ 3, 3, (uint32_t)IDR3_E0PD, "IDR3.E0PD" },
	{ 3, 3, (uint32_t)IDR3_PTWNNC, "IDR3.PTWNNC" },
	{ 3, 3, (uint32_t)IDR3_DPT, "IDR3.DPT" },
	{ 1, 3, (uint32_t)IDR1_ECMDQ, "IDR1.ECMDQ" },
	{ 0, 3, (uint32_t)IDR0_ATSRECERR, "IDR0.ATSRECERR" },
	{ 3, 4, (uint32_t)(IDR3_PASIDTT | IDR3_EPAN | IDR3_S1PI | IDR3_S2PI | IDR3_S2PO | IDR3_THE |
			   IDR3_MTEPERM | IDR3_AIE), "IDR3.{PASIDTT,EPAN,S1PI,S2PI,S2PO,THE,MTEPERM,AIE}" },
	{ 5, 4, (uint32_t)IDR5_DS, "IDR5.DS" },
};

const char *rm_idr_version_error(const uint32_t idr[6], uint32_t aidr)
{
	unsigned minor = (unsigned)VS_FIELD_GET(AIDR_ARCH_MINOR, aidr);
	bool s1p = idr[0] & IDR0_S1P, s2p = idr[0] & IDR0_S2P;

	if ((aidr & ~(uint32_t)(AIDR_ARCH_MINOR | AIDR_ARCH_MAJOR)) || VS_FIELD_GET(AIDR_ARCH_MAJOR, aidr))
		return "AIDR(RES0 bits or ArchMajorRev not 0: not SMMUv3.x)";
	if (minor > 4)
		return "AIDR.ArchMinorRev(beyond SMMUv3.4)";
	for (size_t i = 0; i < sizeof introduced / sizeof introduced[0]; i++)
		if ((idr[introduced[i].reg] & introduced[i].mask) && introduced[i].minor > minor + 1)
			return introduced[i].name;   /* a feature of v3.(x+2) or later (2.9) */
	/* what a version makes mandatory (6.3.4, 6.3.1) */
	if (minor >= 1 && s1p && !(idr[3] & IDR3_HAD))
		return "IDR3.HAD(mandatory from SMMUv3.1 with S1P)";
	if (minor >= 1 && s2p && !(idr[3] & IDR3_XNX))
		return "IDR3.XNX(mandatory from SMMUv3.1 with S2P)";
	if (minor >= 2 && (!(idr[3] & IDR3_RIL) || !(idr[3] & IDR3_FWB) || !VS_FIELD_GET(IDR3_BBML, idr[3])))
		return "IDR3.{RIL,FWB,BBML}(mandatory from SMMUv3.2)";
	if (minor >= 2 && s1p && s2p && !(idr[0] & IDR0_HYP))
		return "IDR0.Hyp(mandatory from SMMUv3.2 with S1P and S2P)";
	return NULL;
}

void rm_idr_check(struct refmodel *m, int g)
{
	const struct rm_guest *G = &m->g[g];
	struct plat_guest_opts o;
	const char *why = rm_idr_version_error(G->idr, G->aidr);
	bool msi = G->idr[0] & IDR0_MSI, ril = G->idr[3] & IDR3_RIL;

	if (why)
		rm_fire(m, g, "field=%s expected=consistent-with-AIDR(0x%" PRIx32 ") seen=IDR0-5,AIDR", why,
			G->aidr);
	/* The embedder's choices (the platform's guest options) decide
	 * IDR0.MSI and IDR3.RIL; the model's MSI and range rules then follow
	 * those bits. */
	if (!m->env.guest_opts || !m->env.guest_opts(m->env.ctx, g, &o))
		return;
	if (msi != o.msi)
		rm_fire(m, g, "field=IDR0.MSI expected=%d(msi=%d) seen=%d", o.msi, o.msi, msi);
	if (ril != o.ril)
		rm_fire(m, g, "field=IDR3.RIL expected=%d(ril=%d) seen=%d", o.ril, o.ril, ril);
}
