/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fuzz_common.c - the helper every fuzz target is built on (fuzz_common.h):
 * target definitions (kinds mask + prologue), program building and the run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/exec.h"
#include "fuzz/fuzz_common.h"
#include "fuzz/mutator.h"
#include "fuzz/names.h"
#include "inject/snapshot.h"

/* ---- prologues (scenario text; see docs/scenarios.md "Fuzz targets") --- */

/* Two guests, two physical SMMUs; g0 spans both. */
#define PROLOGUE_PLATFORM \
	"psmmu 0\n" \
	"psmmu 1\n" \
	"guest g0 vmid=1 ram=0x40000000:1M\n" \
	"guest g1 vmid=2 ram=0x80000000:1M\n" \
	"assign g0 vsid=0 psmmu=0 psid=0x10\n" \
	"assign g0 vsid=1 psmmu=0 psid=0x11\n" \
	"assign g0 vsid=2 psmmu=1 psid=0x10\n" \
	"assign g1 vsid=0 psmmu=0 psid=0x12\n" \
	"assign g1 vsid=1 psmmu=1 psid=0x11\n"

/* Linux-style bring-up (linear table of 64 STEs, 32-entry queues, IRQs,
 * SMMUEN) of both guests, without the polls. */
#define PROLOGUE_BRINGUP_G(g, base) \
	"write " g " CR2 0x2\n" \
	"write " g " STRTAB_BASE " base "0000\n" \
	"write " g " STRTAB_BASE_CFG 0x6\n" \
	"write " g " CMDQ_BASE " base "2005\n" \
	"write " g " EVENTQ_BASE " base "3005\n" \
	"write " g " IRQ_CTRL 0x5\n" \
	"write " g " CR0 0xd\n"
#define PROLOGUE_BRINGUP PROLOGUE_BRINGUP_G("g0", "0x4000") PROLOGUE_BRINGUP_G("g1", "0x8000")

/* g0's vsid 0: stage-1 attach (CD at +0x4000, tables from a pool, IOVA
 * 0..64K -> IPA 0x40080000). */
#define PROLOGUE_ATTACH \
	"ptpool g0 0x40040000:256K\n" \
	"map g0 ttb=0x40010000 iova=0 ipa=0x40080000 size=64K\n" \
	"cd g0 0x40004000 v=1 t0sz=16 ir0=1 or0=1 sh0=3 epd1=1 ips=5 aa64=1 r=1 a=1 aset=1 asid=1" \
	" ttb0=0x40010000 mair0=0xf404ff44\n" \
	"ste g0 0 v=1 config=5 s1contextptr=0x40004000 s1dss=2 s1cir=1 s1cor=1 s1csh=3\n" \
	"cmd g0 CFGI_STE sid=0 leaf=1\n" \
	"cmd g0 SYNC\n"

/* ---- the big-platform prologues (fuzz_evtq, fuzz_dma, fuzz_system) ------
 * g0 has 16 MiB of RAM (2 MiB aligned, so stage 2 maps it with blocks and
 * a world stays cheap to restore) so that its queues can have the sizes
 * IDR1 advertises: the command queue 2^CMDQS = 2^19 entries (8 MiB at
 * 0x40800000), the event queue 2^EVENTQS = 2^17 records (4 MiB at
 * 0x40400000). g1 keeps small queues (32 commands, 2 event records: one
 * forwarded event and the next overflows). */
#define PROLOGUE_BIG_PLATFORM \
	"psmmu 0\n" \
	"psmmu 1\n" \
	"guest g0 vmid=1 ram=0x40000000:16M\n" \
	"guest g1 vmid=2 ram=0x80000000:2M\n" \
	"assign g0 vsid=0 psmmu=0 psid=0x10\n" \
	"assign g0 vsid=1 psmmu=0 psid=0x11\n" \
	"assign g0 vsid=2 psmmu=1 psid=0x10\n" \
	"assign g1 vsid=0 psmmu=0 psid=0x12\n" \
	"assign g1 vsid=1 psmmu=1 psid=0x11\n"

#define PROLOGUE_BIG_BRINGUP \
	"write g0 CR2 0x2\n" \
	"write g0 STRTAB_BASE 0x40000000\n" \
	"write g0 STRTAB_BASE_CFG 0x6\n" \
	"write g0 CMDQ_BASE 0x40800013\n" \
	"write g0 EVENTQ_BASE 0x40400011\n" \
	"write g0 IRQ_CTRL 0x5\n" \
	"write g0 CR0 0xd\n" \
	"write g1 CR2 0x2\n" \
	"write g1 STRTAB_BASE 0x80000000\n" \
	"write g1 STRTAB_BASE_CFG 0x6\n" \
	"write g1 CMDQ_BASE 0x80002005\n" \
	"write g1 EVENTQ_BASE 0x80003001\n" \
	"write g1 IRQ_CTRL 0x5\n" \
	"write g1 CR0 0xd\n"

/* 512 harmless commands in g0's command queue after the attach's CFGI_STE
 * (slots 1..512, not yet produced): one input statement
 * `write g0 CMDQ_PROD N` puts up to 512 commands behind one PROD write,
 * past the per-trap budget (64) and up to the work bound of a call (I7).
 * PREFETCH_CONFIG and CMD_SYNC alternate. */
#define W8 "0x1 0 0x46 0 0x1 0 0x46 0 "
#define W64 W8 W8 W8 W8 W8 W8 W8 W8
#define W512 W64 W64 W64 W64 W64 W64 W64 W64
#define PROLOGUE_BIG_CMDS \
	"mem64 g0 0x40800010 " W512 "\n" \
	"mem64 g0 0x40801010 " W512 "\n"

/* Stage-1 attach of g0 vsid 0 (4K granule) and g1 vsid 0 (64K granule). */
#define PROLOGUE_BIG_ATTACH \
	"ptpool g0 0x40100000:512K\n" \
	"map g0 ttb=0x40010000 iova=0 ipa=0x40080000 size=64K\n" \
	"cd g0 0x40004000 v=1 t0sz=16 ir0=1 or0=1 sh0=3 epd1=1 ips=5 aa64=1 r=1 a=1 aset=1 asid=1" \
	" ttb0=0x40010000 mair0=0xf404ff44\n" \
	"ste g0 0 v=1 config=5 s1contextptr=0x40004000 s1dss=2 s1cir=1 s1cor=1 s1csh=3\n" \
	"cmd g0 CFGI_STE sid=0 leaf=1\n" \
	"ptpool g1 0x80100000:512K\n" \
	"map g1 ttb=0x80010000 iova=0 ipa=0x80080000 size=64K granule=64K\n" \
	"cd g1 0x80004000 v=1 t0sz=16 tg0=1 ir0=1 or0=1 sh0=3 epd1=1 ips=5 aa64=1 r=1 a=1 aset=1 asid=1" \
	" ttb0=0x80010000 mair0=0xf404ff44\n" \
	"ste g1 0 v=1 config=5 s1contextptr=0x80004000 s1dss=2 s1cir=1 s1cor=1 s1csh=3\n" \
	"cmd g1 CFGI_STE sid=0 leaf=1\n" \
	"cmd g1 SYNC\n"

/* fuzz_dma: besides the attach above, g0 vsid 1 on a 16K granule, g0
 * vsid 2 with substreams in a 2-level CD table (S1Fmt=1: leaves of 64 CDs;
 * SSID 0 on a 64K granule, SSID 65 on 4K), all T0SZ=16 (start level 0 for
 * 4K and 16K, 1 for 64K); g1 vsid 1 bypasses stage 1 (Config=4: only the
 * hypervisor's stage 2 translates). */
#define PROLOGUE_DMA_MORE \
	"map g0 ttb=0x40014000 iova=0 ipa=0x40090000 size=64K granule=16K\n" \
	"cd g0 0x40004040 v=1 t0sz=16 tg0=2 ir0=1 or0=1 sh0=3 epd1=1 ips=5 aa64=1 r=1 a=1 aset=1 asid=2" \
	" ttb0=0x40014000 mair0=0xf404ff44\n" \
	"ste g0 1 v=1 config=5 s1contextptr=0x40004040 s1dss=2 s1cir=1 s1cor=1 s1csh=3\n" \
	"map g0 ttb=0x40020000 iova=0 ipa=0x400a0000 size=64K granule=64K\n" \
	"map g0 ttb=0x40011000 iova=0x10000 ipa=0x400b0000 size=4K\n" \
	"mem64 g0 0x40005000 0x40006001 0x40007001\n" \
	"cd g0 0x40006000 v=1 t0sz=16 tg0=1 ir0=1 or0=1 sh0=3 epd1=1 ips=5 aa64=1 r=1 a=1 aset=1 asid=3" \
	" ttb0=0x40020000 mair0=0xf404ff44\n" \
	"cd g0 0x40007040 v=1 t0sz=16 ir0=1 or0=1 sh0=3 epd1=1 ips=5 aa64=1 r=1 a=1 aset=1 asid=4" \
	" ttb0=0x40011000 mair0=0xf404ff44\n" \
	"ste g0 2 v=1 config=5 s1fmt=1 s1contextptr=0x40005000 s1cdmax=7 s1dss=2 s1cir=1 s1cor=1 s1csh=3\n" \
	"cmd g0 CFGI_STE_RANGE sid=0 range=1\n" \
	"cmd g0 CFGI_STE sid=2 leaf=1\n" \
	"cmd g0 SYNC\n" \
	"ste g1 1 v=1 config=4\n" \
	"cmd g1 CFGI_STE sid=1 leaf=1\n" \
	"cmd g1 SYNC\n"

/* fuzz_system: a third guest g2 comes and goes (VMID 3, streams of g0's
 * and g1's psmmus), then g3 reuses VMID 3 and g2's physical streams; g0's
 * vsid 1 is reassigned to g1 (same physical stream, another guest). */
#define PROLOGUE_SYSTEM_HISTORY \
	"guest g2 vmid=3 ram=0xc0000000:1M\n" \
	"assign g2 vsid=0 psmmu=0 psid=0x20\n" \
	"assign g2 vsid=1 psmmu=1 psid=0x20\n" \
	"write g2 CR2 0x2\n" \
	"write g2 STRTAB_BASE 0xc0000000\n" \
	"write g2 STRTAB_BASE_CFG 0x6\n" \
	"write g2 CMDQ_BASE 0xc0002005\n" \
	"write g2 EVENTQ_BASE 0xc0003005\n" \
	"write g2 CR0 0xd\n" \
	"ste g2 0 v=1 config=4\n" \
	"cmd g2 CFGI_ALL\n" \
	"cmd g2 SYNC\n" \
	"dma g2 vsid=0 iova=0xc0001000 write\n" \
	"destroy g2\n" \
	"guest g3 vmid=3 ram=0xc0000000:1M\n" \
	"assign g3 vsid=0 psmmu=0 psid=0x20\n" \
	"assign g3 vsid=1 psmmu=1 psid=0x20\n" \
	"write g3 CR2 0x2\n" \
	"write g3 STRTAB_BASE 0xc0000000\n" \
	"write g3 STRTAB_BASE_CFG 0x6\n" \
	"write g3 CMDQ_BASE 0xc0002005\n" \
	"write g3 EVENTQ_BASE 0xc0003005\n" \
	"write g3 IRQ_CTRL 0x5\n" \
	"write g3 CR0 0xd\n" \
	"unassign g0 vsid=1\n" \
	"assign g1 vsid=2 psmmu=0 psid=0x11\n"

#define K FUZZ_KIND
#define K_PLATFORM (K(OP_PSMMU) | K(OP_GUEST) | K(OP_ASSIGN) | K(OP_UNASSIGN) | K(OP_DESTROY))

const struct fuzz_target fuzz_target_mmio = {
	"fuzz_mmio",
	K_PLATFORM | K(OP_WRITE) | K(OP_READ) | K(OP_POLL),
	PROLOGUE_PLATFORM,
	FUZZ_MUT_OPS
};

/* Bytes only: in 60 s from the seeds the op-level mutator ended 1% (prog),
 * 2% (cmdq) and 2-3% (faults) behind in coverage, as its valid programs
 * run longer (docs/detect.md, "Op-level or byte mutation"). */
const struct fuzz_target fuzz_target_prog = {
	"fuzz_prog",
	BYTES_ALL_KINDS & ~(K(OP_INJ_EVENT) | K(OP_INJ_GERROR) | K(OP_INJ_EVTQ_OVERFLOW) |
			    K(OP_INJ_CMD_ERROR) | K(OP_INJ_SYNC_TIMEOUT) | K(OP_INJ_MEM_ABORT) |
			    K(OP_INJ_MEM_ABORT_OFF) | K(OP_INJ_ALLOC_FAIL)),
	PROLOGUE_PLATFORM PROLOGUE_BRINGUP PROLOGUE_ATTACH,
	FUZZ_MUT_BYTES
};

/* Bytes only (see fuzz_target_prog). */
const struct fuzz_target fuzz_target_cmdq = {
	"fuzz_cmdq",
	K(OP_PSMMU) | K(OP_GUEST) | K(OP_ASSIGN) | K(OP_WRITE) | K(OP_READ) | K(OP_POLL) |
	K(OP_CMD) | K(OP_KICK) | K(OP_MEM) | K(OP_MEM64) | K(OP_SETTLE) |
	K(OP_EXPECT_EVENT) | K(OP_EXPECT_NO_EVENT),
	PROLOGUE_PLATFORM PROLOGUE_BRINGUP,
	FUZZ_MUT_BYTES
};

const struct fuzz_target fuzz_target_strtab = {
	"fuzz_strtab",
	K(OP_PSMMU) | K(OP_GUEST) | K(OP_ASSIGN) | K(OP_UNASSIGN) | K(OP_WRITE) | K(OP_READ) |
	K(OP_STE) | K(OP_L1STD) | K(OP_CD) | K(OP_PTPOOL) | K(OP_MAP) | K(OP_CMD) | K(OP_KICK) |
	K(OP_DMA) | K(OP_MEM64) | K(OP_SETTLE) | K(OP_EXPECT_EVENT),
	PROLOGUE_PLATFORM PROLOGUE_BRINGUP PROLOGUE_ATTACH,
	FUZZ_MUT_OPS
};

/* Bytes only (see fuzz_target_prog). */
const struct fuzz_target fuzz_target_faults = {
	"fuzz_faults",
	BYTES_ALL_KINDS,
	PROLOGUE_PLATFORM PROLOGUE_BRINGUP PROLOGUE_ATTACH,
	FUZZ_MUT_BYTES
};

/* Event queue: what the guest does with its queue (consume, acknowledge,
 * reprogram, interrupts) and everything that makes events from below
 * (cd, ptpool and map too: the prologue's attach is encoded for the mask). */
const struct fuzz_target fuzz_target_evtq = {
	"fuzz_evtq",
	K(OP_PSMMU) | K(OP_GUEST) | K(OP_ASSIGN) | K(OP_UNASSIGN) | K(OP_WRITE) | K(OP_READ) |
	K(OP_POLL) | K(OP_STE) | K(OP_CD) | K(OP_PTPOOL) | K(OP_MAP) | K(OP_CMD) | K(OP_KICK) |
	K(OP_DMA) | K(OP_MEM64) | K(OP_SETTLE) | K(OP_EXPECT_EVENT) | K(OP_EXPECT_NO_EVENT) |
	K(OP_EXPECT_IRQ) | K(OP_EXPECT_NO_IRQ) |
	K(OP_INJ_EVENT) | K(OP_INJ_GERROR) | K(OP_INJ_EVTQ_OVERFLOW) | K(OP_INJ_MEM_ABORT) |
	K(OP_INJ_MEM_ABORT_OFF),
	PROLOGUE_BIG_PLATFORM PROLOGUE_BIG_BRINGUP PROLOGUE_BIG_ATTACH,
	FUZZ_MUT_OPS
};

/* Stage-1 structures in guest memory against nested translation. */
const struct fuzz_target fuzz_target_dma = {
	"fuzz_dma",
	K(OP_PSMMU) | K(OP_GUEST) | K(OP_ASSIGN) | K(OP_UNASSIGN) | K(OP_WRITE) | K(OP_READ) |
	K(OP_POLL) | K(OP_MEM) | K(OP_MEM64) | K(OP_STE) | K(OP_L1STD) | K(OP_CD) | K(OP_PTPOOL) |
	K(OP_MAP) | K(OP_CMD) | K(OP_KICK) | K(OP_DMA) | K(OP_SETTLE) | K(OP_EXPECT_EVENT) |
	K(OP_EXPECT_NO_EVENT) | K(OP_INJ_MEM_ABORT) | K(OP_INJ_MEM_ABORT_OFF),
	PROLOGUE_BIG_PLATFORM PROLOGUE_BIG_BRINGUP PROLOGUE_BIG_ATTACH PROLOGUE_DMA_MORE,
	FUZZ_MUT_OPS
};

/* The whole system: every statement, on a platform with a history
 * (teardown, VMID reuse, reassignment) and g0's big prefilled queue. */
const struct fuzz_target fuzz_target_system = {
	"fuzz_system",
	BYTES_ALL_KINDS,
	PROLOGUE_BIG_PLATFORM PROLOGUE_BIG_BRINGUP PROLOGUE_BIG_ATTACH PROLOGUE_BIG_CMDS
	PROLOGUE_SYSTEM_HISTORY,
	FUZZ_MUT_OPS
};

#undef K

const struct fuzz_target *const fuzz_targets[FUZZ_NTARGETS] = {
	&fuzz_target_mmio, &fuzz_target_prog, &fuzz_target_cmdq, &fuzz_target_strtab,
	&fuzz_target_faults, &fuzz_target_evtq, &fuzz_target_dma, &fuzz_target_system
};

const struct fuzz_target *fuzz_target_by_name(const char *name)
{
	for (size_t i = 0; i < FUZZ_NTARGETS; i++)
		if (strcmp(fuzz_targets[i]->name, name) == 0)
			return fuzz_targets[i];
	return NULL;
}

/* ---- encoding for a mask ----------------------------------------------- */

static bool has_magic(const uint8_t *d, size_t n)
{
	return n >= BYTES_MAGIC_LEN && d[0] == BYTES_MAGIC0 && d[1] == 'V' && d[2] == 'S' && d[3] == '1';
}

/* Index of kind among the kinds the mask allows (what the decoder's KIND
 * byte selects: allowed[byte % nallowed]). */
static uint8_t kind_rank(uint64_t mask, unsigned kind)
{
	unsigned r = 0;

	for (unsigned k = 0; k < kind; k++)
		if (mask >> k & 1)
			r++;
	return (uint8_t)r;
}

int fuzz_encode_for(const struct fuzz_target *t, const struct prog *p, bool magic, uint8_t **out, size_t *len)
{
	struct prog q, view;
	uint8_t *b = NULL;
	size_t n = 0, *start = NULL;
	int rc = -1;

	*out = NULL;
	*len = 0;
	prog_init(&q);
	/* Keep the allowed ops; payload arenas are copied whole so offsets hold. */
	if (p->nbytes && prog_add_bytes(&q, p->bytes, p->nbytes) != 0)
		goto done;
	if (p->nwords && prog_add_words(&q, p->words, p->nwords) != 0)
		goto done;
	memcpy(q.names, p->names, sizeof q.names);
	for (size_t i = 0; i < p->nops; i++) {
		struct op *op;
		if (!(t->kinds >> p->ops[i].kind & 1))
			continue;
		op = prog_add(&q, p->ops[i].kind);
		if (!op)
			goto done;
		*op = p->ops[i];
	}
	/* Record boundaries: the encoding of the first i ops is a prefix of
	 * the encoding of all of them. */
	start = calloc(q.nops + 1, sizeof *start);
	if (!start)
		goto done;
	view = q;
	for (size_t i = 0; i < q.nops; i++) {
		uint8_t *tmp;
		size_t tl;
		view.nops = i;
		if (bytes_encode(&view, &tmp, &tl))
			goto done;
		free(tmp);
		start[i] = tl;
	}
	if (bytes_encode(&q, &b, &n))
		goto done;
	for (size_t i = 0; i < q.nops; i++)
		if (start[i] < n)
			b[start[i]] = kind_rank(t->kinds, q.ops[i].kind);
	if (!magic && has_magic(b, n)) {
		memmove(b, b + BYTES_MAGIC_LEN, n - BYTES_MAGIC_LEN);
		n -= BYTES_MAGIC_LEN;
	}
	*out = b;
	*len = n;
	b = NULL;
	rc = 0;
done:
	free(b);
	free(start);
	prog_free(&q);
	return rc;
}


int fuzz_encode_after(const struct fuzz_target *t, const char *text, size_t len, uint8_t **out,
		      size_t *olen, char *err, size_t errlen)
{
	size_t pl = strlen(t->prologue), pn = 0, an = 0;
	char *all = malloc(pl + len + 1);
	uint8_t *pb = NULL, *ab = NULL;
	struct prog pro, p;
	int rc = -1;

	*out = NULL;
	*olen = 0;
	prog_init(&pro);
	prog_init(&p);
	snprintf(err, errlen, "out of memory");
	if (!all)
		goto done;
	memcpy(all, t->prologue, pl);
	memcpy(all + pl, text, len);
	all[pl + len] = '\0';
	if (scn_parse(t->name, t->prologue, pl, &pro, err, errlen) ||
	    scn_parse(t->name, all, pl + len, &p, err, errlen))
		goto done;
	if (p.nops > pro.nops && p.ops[pro.nops].kind == OP_GUEST) {
		/* It would be taken as a self-contained program (step 2). */
		snprintf(err, errlen, "a continuation of the prologue does not begin with a guest statement");
		goto done;
	}
	snprintf(err, errlen, "cannot encode for %s", t->name);
	if (fuzz_encode_for(t, &pro, false, &pb, &pn) || fuzz_encode_for(t, &p, false, &ab, &an))
		goto done;
	/* The encoding of the first ops is a prefix of the encoding of all. */
	if (an < pn || memcmp(ab, pb, pn) != 0)
		goto done;
	memmove(ab, ab + pn, an - pn);
	*out = ab;
	*olen = an - pn;
	ab = NULL;
	rc = 0;
done:
	free(all);
	free(pb);
	free(ab);
	prog_free(&pro);
	prog_free(&p);
	return rc;
}

int fuzz_continues_prologue(const struct fuzz_target *t, const uint8_t *data, size_t size)
{
	if (has_magic(data, size)) {
		data += BYTES_MAGIC_LEN;
		size -= BYTES_MAGIC_LEN;
	}
	return fuzz_self_contained(t->kinds, data, size) ? 0 : 1;
}

/* ---- building ------------------------------------------------------------ */

/* Step 2 of fuzz_common.h: an input (magic skipped) is self-contained when
 * its first record's KIND byte selects psmmu or guest, as every program
 * made from a scenario begins. Decided on that one byte because it means
 * the same kind whether the bytes are decoded alone or after the prologue;
 * "the program creates a guest somewhere" was ambiguous: decoded alone, a
 * record naming a guest loses its KIND byte (there is none to name) and
 * g1's GUEST byte then reads as a `guest` record, so continuations of the
 * prologue that named g1 first ran without it. */
bool fuzz_self_contained(uint64_t kinds, const uint8_t *d, size_t n)
{
	unsigned nallowed = 0, r, k;

	for (k = 0; k < OP_KIND_NR; k++)
		nallowed += (unsigned)(kinds >> k & 1);
	if (n == 0 || nallowed == 0)
		return false;
	r = d[0] % nallowed;
	for (k = 0; k < OP_KIND_NR; k++)
		if ((kinds >> k & 1) && r-- == 0)
			return k == OP_PSMMU || k == OP_GUEST;
	return false;
}

/* The prologue as the target decodes it (bytes_decode of its encoding for
 * the mask), and its encoding. 0 or -1. */
static int prologue_decoded(const struct fuzz_target *t, struct prog *out, uint8_t **pb, size_t *pn)
{
	struct prog pro;
	char err[256];
	int rc;

	prog_init(&pro);
	rc = scn_parse(t->name, t->prologue, strlen(t->prologue), &pro, err, sizeof err) ||
	     fuzz_encode_for(t, &pro, false, pb, pn) ? -1 : 0;
	prog_free(&pro);
	if (rc == 0)
		bytes_decode(*pb, *pn, t->kinds, out);
	return rc;
}

static void cap_ops(struct prog *p, size_t keep)
{
	if (p->nops > keep)
		p->nops = keep;
}

int fuzz_build(const struct fuzz_target *t, const uint8_t *data, size_t size, struct prog *out)
{
	struct prog pro;
	uint8_t *pb = NULL, *buf;
	size_t pn = 0, npro;

	if (has_magic(data, size)) {
		data += BYTES_MAGIC_LEN;
		size -= BYTES_MAGIC_LEN;
	}
	if (fuzz_self_contained(t->kinds, data, size)) {
		bytes_decode(data, size, t->kinds, out);
		cap_ops(out, FUZZ_MAX_OPS);
		return 0;
	}
	prog_init(&pro);
	if (prologue_decoded(t, &pro, &pb, &pn)) {
		prog_free(&pro);
		free(pb);
		return -1;
	}
	npro = pro.nops;
	prog_free(&pro);
	buf = malloc(pn + size + 1);
	if (!buf) {
		free(pb);
		return -1;
	}
	memcpy(buf, pb, pn);
	if (size)
		memcpy(buf + pn, data, size);
	bytes_decode(buf, pn + size, t->kinds, out);
	cap_ops(out, npro + FUZZ_MAX_OPS);
	free(buf);
	free(pb);
	return 0;
}

/* ---- the prepared worlds --------------------------------------------------- */

struct fuzz_state {
	const struct fuzz_target *t;
	struct exec_opts opts;
	struct prog pro;              /* the prologue, decoded as the target decodes it */
	struct bytes_after after;     /* decoder state after it */
	struct exec_world *w_pro;     /* the world after the prologue; NULL when
	                                 the prologue itself violates (a planted
	                                 defect): such inputs then run fresh */
	struct exec_world *w_empty;   /* a world before any op (self-contained inputs) */
	struct prog in;               /* decode buffer, reused: no allocation per input */
	bool last_from_prologue;      /* the last input continued the prologue */
	struct mut_ctx *mut;          /* the custom mutator's scratch memory, made
	                                 on its first call (mutator.h) */
};

void fuzz_state_destroy(struct fuzz_state *st)
{
	if (!st)
		return;
	exec_world_destroy(st->w_pro);
	exec_world_destroy(st->w_empty);
	mut_ctx_destroy(st->mut);
	prog_free(&st->pro);
	prog_free(&st->in);
	free(st);
}

struct fuzz_state *fuzz_state_create(const struct fuzz_target *t, const struct exec_opts *o,
				     struct exec_result *r)
{
	struct fuzz_state *st = calloc(1, sizeof *st);
	struct prog empty;
	struct exec_opts quiet;
	struct scn_rules ru;
	uint8_t *pb = NULL;
	size_t pn = 0;

	memset(r, 0, sizeof *r);
	r->status = EXEC_FAIL;
	snprintf(r->reason, sizeof r->reason, "fuzz: cannot prepare %s", t->name);
	if (!st)
		return NULL;
	st->t = t;
	st->opts = *o;
	prog_init(&st->pro);
	prog_init(&st->in);
	if (prologue_decoded(t, &st->pro, &pb, &pn)) {
		free(pb);
		goto fail;
	}
	free(pb);
	scn_rules_init(&ru);
	for (size_t i = 0; i < st->pro.nops; i++)
		scn_rules_apply(&ru, &st->pro, &st->pro.ops[i]);
	st->after.rules = ru;
	memcpy(st->after.names, st->pro.names, sizeof st->after.names);
	st->after.line0 = (uint32_t)st->pro.nops;
	st->w_pro = exec_world_create(&st->pro, &st->opts, r);
	if (!st->w_pro && r->status != EXEC_VIOLATION)
		goto fail;
	st->opts.trace = NULL;   /* the prologue's only: each run names its own */
	prog_init(&empty);
	quiet = st->opts;
	st->w_empty = exec_world_create(&empty, &quiet, r);
	prog_free(&empty);
	if (!st->w_empty)
		goto fail;
	return st;
fail:
	fuzz_state_destroy(st);
	return NULL;
}

bool fuzz_state_last_from_prologue(const struct fuzz_state *st)
{
	return st->last_from_prologue;
}

const struct bytes_after *fuzz_state_after(const struct fuzz_state *st)
{
	return &st->after;
}

const struct prog *fuzz_state_prologue(const struct fuzz_state *st)
{
	return &st->pro;
}

void fuzz_state_stats(const struct fuzz_state *st, bool prologue, struct wheap_stats *s)
{
	if (prologue && !st->w_pro)
		memset(s, 0, sizeof *s);
	else
		exec_world_stats(prologue ? st->w_pro : st->w_empty, s);
}

bool fuzz_state_has_prologue_world(const struct fuzz_state *st)
{
	return st->w_pro != NULL;
}

int fuzz_state_run(struct fuzz_state *st, const uint8_t *data, size_t size, FILE *trace,
		   struct exec_result *r)
{
	const struct fuzz_target *t = st->t;
	const uint8_t *data0 = data;
	size_t size0 = size;

	if (has_magic(data, size)) {
		data += BYTES_MAGIC_LEN;
		size -= BYTES_MAGIC_LEN;
	}
	/* Steps 1-3 of fuzz_common.h, without re-encoding the prologue: a
	 * self-contained input starts from the empty world, any other one is
	 * decoded as the continuation of the prologue and starts from the
	 * world after it. */
	st->last_from_prologue = !fuzz_self_contained(t->kinds, data, size);
	if (!st->last_from_prologue) {
		bytes_decode(data, size, t->kinds, &st->in);
		cap_ops(&st->in, FUZZ_MAX_OPS);
		return exec_world_run(st->w_empty, &st->in, trace, r);
	}
	if (!st->w_pro) {
		/* The prologue violates: every such input does, as on a fresh
		 * world, where the engine gets its crash input. */
		struct exec_opts o = st->opts;

		o.trace = trace;
		st->last_from_prologue = false;
		return fuzz_run_fresh(t, data0, size0, &o, r);
	}
	bytes_decode_after(data, size, t->kinds, &st->after, &st->in);
	cap_ops(&st->in, FUZZ_MAX_OPS);
	return exec_world_run(st->w_pro, &st->in, trace, r);
}

/* ---- running --------------------------------------------------------------- */

/* The one piece of per-process state: libFuzzer's and AFL++'s entry points
 * carry no context, so each target's prepared worlds are kept here, built
 * on first use (or in LLVMFuzzerInitialize via fuzz_prepare). Every input
 * leaves them exactly as it found them (exec_world_run restores). */
static struct fuzz_state *fuzz_cache[FUZZ_NTARGETS];
/* Which of them libFuzzer's custom mutator serves (its hooks carry no
 * context either): the last one prepared, -1 before any. */
static int fuzz_current = -1;

static int target_index(const struct fuzz_target *t)
{
	for (int i = 0; i < (int)FUZZ_NTARGETS; i++)
		if (fuzz_targets[i] == t)
			return i;
	return -1;
}

/* The target's prepared worlds, with plat_bugs planted (constant in a
 * process: the detect twins read it from the environment once). */
static struct fuzz_state *cached(const struct fuzz_target *t, unsigned plat_bugs)
{
	int i = target_index(t);
	struct exec_opts o;
	struct exec_result r;
	const char *no_oracle = getenv("VSMMU_FUZZ_BENCH_NO_ORACLE");

	if (i < 0)
		return NULL;
	if (fuzz_cache[i] && fuzz_cache[i]->opts.plat_bugs != plat_bugs) {
		fuzz_state_destroy(fuzz_cache[i]);
		fuzz_cache[i] = NULL;
	}
	if (!fuzz_cache[i]) {
		memset(&o, 0, sizeof o);
		o.abort_on_violation = true;
		o.stop_on_fail = false;
		o.plat_bugs = plat_bugs;
		if (no_oracle && *no_oracle) {
			/* fuzz-bench's floor: what the target costs without its
			 * checks. Loud, so that nobody fuzzes like this. */
			o.no_oracle = true;
			fprintf(stderr, "%s: VSMMU_FUZZ_BENCH_NO_ORACLE is set: no oracle, "
				"only crashes can be found (a measurement, not a fuzzing run)\n", t->name);
		}
		fuzz_cache[i] = fuzz_state_create(t, &o, &r);
		fuzz_current = i;
		if (!fuzz_cache[i]) {
			/* The prologue is fixed: it fails only when memory runs out
			 * or a change broke it, and both must be loud. */
			fprintf(stderr, "%s: cannot prepare the world: %s\n", t->name, r.reason);
			abort();
		}
	}
	return fuzz_cache[i];
}

void fuzz_prepare(const struct fuzz_target *t)
{
	(void)cached(t, 0);
}

void fuzz_prepare_planted(const struct fuzz_target *t, unsigned plat_bugs)
{
	(void)cached(t, plat_bugs);
}

int fuzz_run_fresh(const struct fuzz_target *t, const uint8_t *data, size_t size, const struct exec_opts *o,
		   struct exec_result *r)
{
	struct prog p;

	memset(r, 0, sizeof *r);
	prog_init(&p);
	if (fuzz_build(t, data, size, &p) == 0)
		(void)exec_prog(&p, o, r);
	else {
		r->status = EXEC_FAIL;
		snprintf(r->reason, sizeof r->reason, "fuzz: cannot build the program");
	}
	prog_free(&p);
	return r->status;
}

int fuzz_run(const struct fuzz_target *t, const uint8_t *data, size_t size)
{
	return fuzz_run_planted(t, data, size, 0);
}

int fuzz_run_planted(const struct fuzz_target *t, const uint8_t *data, size_t size,
		     unsigned plat_bugs)
{
	struct exec_result r;

	if (getenv("VSMMU_FUZZ_TRACE")) {
		/* A trace shows the prologue too: run it the old way. */
		struct exec_opts o;

		memset(&o, 0, sizeof o);
		o.trace = stderr;
		o.abort_on_violation = true;
		o.stop_on_fail = false;
		o.plat_bugs = plat_bugs;
		(void)fuzz_run_fresh(t, data, size, &o, &r);
		return 0;
	}
	(void)fuzz_state_run(cached(t, plat_bugs), data, size, NULL, &r);
	return 0;
}

/* ---- libFuzzer's mutation hooks -------------------------------------------- */

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max) __attribute__((weak));
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max, unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t s1, const uint8_t *d2, size_t s2, uint8_t *out,
				 size_t max, unsigned int seed);

/* The op-level mutator for the prepared target, unless the target or
 * VSMMU_FUZZ_MUTATOR=bytes asks for bytes only (read once per call: the
 * environment is the process's, not state of ours), with its scratch
 * memory (NULL too when none can be had: bytes then). */
static struct fuzz_state *mutating(void)
{
	struct fuzz_state *st = fuzz_current >= 0 ? fuzz_cache[fuzz_current] : NULL;
	const char *env = getenv("VSMMU_FUZZ_MUTATOR");
	bool ops;

	if (!st)
		return NULL;
	ops = st->t->mutator == FUZZ_MUT_OPS;
	if (env && strcmp(env, "bytes") == 0)
		ops = false;
	else if (env && strcmp(env, "ops") == 0)
		ops = true;
	if (ops && !st->mut)
		st->mut = mut_ctx_create();
	return ops && st->mut ? st : NULL;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max, unsigned int seed)
{
	struct fuzz_state *st = mutating();
	struct mut_target mt;

	if (!st)
		return LLVMFuzzerMutate ? LLVMFuzzerMutate(data, size, max) : size;
	mt.kinds = st->t->kinds;
	mt.after = &st->after;
	return mut_mutate_in(st->mut, &mt, data, size, max, seed, NULL, NULL);
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *d1, size_t s1, const uint8_t *d2, size_t s2, uint8_t *out,
				 size_t max, unsigned int seed)
{
	struct fuzz_state *st = mutating();
	struct mut_target mt;
	size_t a, b, n;

	if (!st || seed % 2) {
		/* bytes (half of the op-level crossovers too): a prefix of the
		 * one, the rest from the other */
		a = s1 ? seed % (s1 + 1) : 0;
		b = s2 ? (seed / 7) % (s2 + 1) : 0;
		n = a < max ? a : max;
		memcpy(out, d1, n);
		if (s2 - b > max - n)
			b = s2 - (max - n);
		memcpy(out + n, d2 + b, s2 - b);
		return n + s2 - b;
	}
	mt.kinds = st->t->kinds;
	mt.after = &st->after;
	return mut_crossover_in(st->mut, &mt, d1, s1, d2, s2, out, max, seed / 2, NULL);
}
