/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bytes.c - the compact byte encoding of the op model (docs/scenarios.md,
 * "The byte encoding"). Every byte string decodes to a valid program: values
 * are folded into range, never rejected, so a mutated input still means
 * something. The encoder is the exact inverse for any valid program:
 * bytes_decode(bytes_encode(p)) == p.
 *
 * Layout: [magic] record*, record = KIND GUEST? BODY. Fields are little
 * endian; reading past the end yields zeros. Decoder and encoder track the
 * same program state (struct scn_rules: guests, their RAM, psmmus) so that
 * guest references and addresses can be relative to it.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/names.h"

static const uint8_t magic[BYTES_MAGIC_LEN] = { BYTES_MAGIC0, 'V', 'S', '1' };
static const char name_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789_";
#define NAME_NCHARS 37u

/* Kinds that name a guest (a GUEST byte follows KIND). */
static bool needs_guest(unsigned kind)
{
	switch (kind) {
	case OP_PSMMU: case OP_GUEST: case OP_INJ_EVENT: case OP_INJ_GERROR: case OP_INJ_EVTQ_OVERFLOW:
	case OP_INJ_CMD_ERROR: case OP_INJ_SYNC_TIMEOUT: case OP_INJ_ALLOC_FAIL: case OP_SETTLE:
	case OP_EXPECT_ISOLATION:
		return false;
	default:
		return true;
	}
}

/* Live (declared, not destroyed) guests in slot order. */
static unsigned live_guests(const struct scn_rules *r, uint8_t *live)
{
	unsigned g, n = 0;

	for (g = 0; g < r->nguests; g++)
		if (!r->destroyed[g])
			live[n++] = (uint8_t)g;
	return n;
}

/* Declared psmmus in order ({0} when none is declared). */
static unsigned psmmus(const struct scn_rules *r, uint8_t *list)
{
	unsigned i, n = 0;

	for (i = 0; i < OP_MAX_PSMMU; i++)
		if (scn_rules_psmmu_ok(r, i))
			list[n++] = (uint8_t)i;
	return n;
}

static uint64_t size_max(unsigned size)
{
	return size >= 8 ? UINT64_MAX : (UINT64_C(1) << (8 * size)) - 1;
}

/* ==== decoder ============================================================ */

struct rd {
	const uint8_t *d;
	size_t n, i;
};

static uint64_t rdn(struct rd *r, unsigned bytes)
{
	uint64_t v = 0;
	unsigned k;

	for (k = 0; k < bytes; k++, r->i++)
		if (r->i < r->n)
			v |= (uint64_t)r->d[r->i] << (8 * k);
	return v;
}
#define U8(r)  ((uint8_t)rdn(r, 1))
#define U16(r) ((uint16_t)rdn(r, 2))
#define U32(r) ((uint32_t)rdn(r, 4))
#define U64(r) rdn(r, 8)

/* A value biased toward guest g's RAM: TAG (bit 7 = raw) then either
 * OFF32 (RAM range TAG%n, base + OFF%size) or a raw 64-bit value. */
static uint64_t rd_val(struct rd *r, const struct scn_rules *ru, unsigned g)
{
	uint8_t tag = U8(r);
	unsigned n = g < ru->nguests ? ru->nranges[g] : 0;

	if ((tag & 0x80) || n == 0)
		return U64(r);
	tag = (uint8_t)((tag & 0x7f) % n);
	return ru->ipa[g][tag] + U32(r) % ru->size[g][tag];
}

/* An IPA such that [IPA, IPA+len) lies in one RAM range of g (len <= 4K). */
static uint64_t rd_inram(struct rd *r, const struct scn_rules *ru, unsigned g, uint64_t len)
{
	unsigned t = U8(r) % ru->nranges[g];
	uint32_t off = U32(r);

	return ru->ipa[g][t] + off % (ru->size[g][t] - len + 1);
}

/* Structure words: MASK byte (bit w = word w present) then the present words.
 * For a word with an address field, the field comes from rd_val. */
static void rd_words(struct rd *r, const struct scn_rules *ru, unsigned g, uint64_t *dw, unsigned n,
		     const uint64_t *addr_mask)
{
	uint8_t present = U8(r);
	unsigned w;

	for (w = 0; w < n; w++) {
		if (!(present >> w & 1)) {
			dw[w] = 0;
			continue;
		}
		dw[w] = U64(r);
		if (addr_mask[w])
			dw[w] = (dw[w] & ~addr_mask[w]) | (rd_val(r, ru, g) & addr_mask[w]);
	}
}

static const uint64_t ste_addr[STE_DWORDS] = { STE0_S1CTXPTR, 0, 0, STE3_S2TTB, 0, 0, 0, 0 };
static const uint64_t cd_addr[CD_DWORDS] = { 0, CD1_TTB0, CD2_TTB1, 0, 0, 0, 0, 0 };

static void default_name(const struct prog *p, const struct scn_rules *ru, unsigned slot, char *name)
{
	size_t n;

	n = (size_t)snprintf(name, OP_NAME_MAX + 1, "g%u", slot);
	while (scn_rules_find(ru, p, name) >= 0 && n < OP_NAME_MAX) {
		name[n++] = '_';
		name[n] = '\0';
	}
}

static bool rd_guest(struct rd *r, struct prog *p, struct scn_rules *ru, struct op *op)
{
	char name[OP_NAME_MAX + 1] = { 0 };
	uint64_t total = 0, remaining;
	unsigned i, nr, len, slot = ru->nguests;
	uint16_t vmid = U16(r);

	/* NAMELEN: below 0xF0 the default name gSLOT; else 1..15 characters. */
	len = U8(r);
	len = len < 0xF0 ? 0 : len - 0xEF > OP_NAME_MAX ? OP_NAME_MAX : len - 0xEF;
	for (i = 0; i < len; i++) {
		uint8_t c = U8(r);

		name[i] = i == 0 ? (char)('a' + c % 26) : name_chars[c % NAME_NCHARS];
	}
	if (len == 0 || scn_rules_find(ru, p, name) >= 0)
		default_name(p, ru, slot, name);
	if (vmid == 0)
		vmid = 1;
	while (scn_rules_vmid_used(ru, vmid))
		vmid = vmid == UINT16_MAX ? 1 : (uint16_t)(vmid + 1);
	nr = 1 + U8(r) % OP_MAX_RANGES;
	op->u.guest.vmid = vmid;
	for (i = 0; i < nr; i++) {
		uint64_t raw = U64(r), ipa = raw & ~(uint64_t)(SCN_PAGE - 1);
		uint32_t pages = U32(r);
		unsigned k = op->u.guest.nranges, j;
		uint64_t size;
		bool overlap = false;

		remaining = (SCN_MAX_RAM_BYTES - total) / SCN_PAGE;
		if (remaining == 0)
			continue;
		size = (1 + pages % remaining) * SCN_PAGE;
		if (ipa > UINT64_MAX - size + 1)
			ipa -= size;
		for (j = 0; j < k; j++)
			if (ipa <= op->u.guest.ipa[j] + op->u.guest.size[j] - 1 &&
			    op->u.guest.ipa[j] <= ipa + size - 1)
				overlap = true;
		if (overlap)
			continue;
		op->u.guest.ipa[k] = ipa;
		op->u.guest.size[k] = size;
		/* the IPA's low bits (below the page) carry the stage-2
		 * permissions: 0, what every older encoding has, is rw */
		op->u.guest.s2deny[k] = (uint8_t)(raw & S2DENY_NONE);
		op->u.guest.nranges++;
		total += size;
	}
	if (slot >= OP_MAX_GUESTS)
		return false;
	op->guest = (uint8_t)slot;
	memcpy(p->names[slot], name, sizeof(name));
	return true;
}

/* Decode one record's body into op; false drops the op. */
static bool rd_body(struct rd *r, struct prog *p, struct scn_rules *ru, struct op *op)
{
	uint8_t list[OP_MAX_PSMMU], fl;
	unsigned g = op->guest, i, n;
	uint64_t v;

	switch (op->kind) {
	case OP_PSMMU:
		v = U8(r);
		fl = U8(r);
		op->u.psmmu.sidsize = (uint8_t)(1 + U8(r) % SMMU_SIDSIZE_MAX);
		op->u.psmmu.ssidsize = (uint8_t)(U8(r) % (SMMU_SSIDSIZE_MAX + 1));
		op->u.psmmu.oas = (uint8_t)(32 + U8(r) % 21);
		op->has = (fl & 1 ? HAS_SIDSIZE : 0) | (fl & 2 ? HAS_SSIDSIZE : 0) | (fl & 4 ? HAS_OAS : 0);
		op->u.psmmu.noril = fl & 8;
		if (!(op->has & HAS_SIDSIZE))
			op->u.psmmu.sidsize = SCN_DEFAULT_SIDSIZE;
		if (!(op->has & HAS_SSIDSIZE))
			op->u.psmmu.ssidsize = SCN_DEFAULT_SSIDSIZE;
		if (!(op->has & HAS_OAS))
			op->u.psmmu.oas = SCN_DEFAULT_OAS;
		if (ru->nguests || ru->psmmu_mask == (1u << OP_MAX_PSMMU) - 1)
			return false;
		for (i = 0; i < OP_MAX_PSMMU; i++) {
			unsigned k = (unsigned)(v + i) % OP_MAX_PSMMU;

			if (!(ru->psmmu_mask >> k & 1)) {
				op->u.psmmu.n = (uint8_t)k;
				break;
			}
		}
		return true;
	case OP_GUEST:
		return rd_guest(r, p, ru, op);
	case OP_ASSIGN:
		op->u.assign.vsid = U32(r);
		n = psmmus(ru, list);
		op->u.assign.psmmu = list[U8(r) % n];
		op->u.assign.psid = U32(r);
		return true;
	case OP_UNASSIGN:
		op->u.assign.vsid = U32(r);
		return true;
	case OP_WRITE: case OP_READ: case OP_POLL: {
		uint8_t sel = U8(r);

		i = sel % (unsigned)(names_nregs + 1);
		op->u.reg.off = i < names_nregs ? names_regs[i].off : U32(r) % SMMU_MMIO_SIZE;
		fl = U8(r);
		/* Default size: the register's width; 4 for a raw offset. */
		op->u.reg.size = i < names_nregs ? names_regs[i].width : 4;
		op->u.reg.mask = UINT64_MAX;
		if (fl & 1) {
			op->has |= HAS_SIZE;
			op->u.reg.size = (uint8_t)(1u << (U8(r) % 4));
		}
		if (op->kind == OP_WRITE) {
			op->u.reg.value = rd_val(r, ru, g) & size_max(op->u.reg.size);
			return true;
		}
		if (op->kind == OP_POLL || (fl & 2)) {
			op->has |= HAS_EXPECT;
			op->u.reg.value = rd_val(r, ru, g) & size_max(op->u.reg.size);
		}
		if (fl & 4) {
			op->has |= HAS_MASK;
			op->u.reg.mask = U64(r);
		}
		if (op->kind == OP_POLL) {
			op->u.reg.tries = SCN_DEFAULT_TRIES;
			if (fl & 8) {
				op->has |= HAS_TRIES;
				op->u.reg.tries = U32(r);
				if (op->u.reg.tries == 0)
					op->u.reg.tries = 1;
			}
		}
		return true;
	}
	case OP_MEM: case OP_MEMCHECK: {
		uint8_t b[OP_MAX_BYTES];
		long at;

		n = 1 + U16(r) % OP_MAX_BYTES;
		op->u.mem.ipa = rd_inram(r, ru, g, n);
		for (i = 0; i < n; i++)
			b[i] = U8(r);
		if ((at = prog_add_bytes(p, b, n)) < 0)
			return false;
		op->u.mem.len = n;
		op->u.mem.data = (uint32_t)at;
		return true;
	}
	case OP_MEM64: {
		uint64_t w[OP_MAX_WORDS];
		long at;

		n = 1 + U16(r) % OP_MAX_WORDS;
		op->u.mem.ipa = rd_inram(r, ru, g, 8 * n);
		for (i = 0; i < n; i++)
			w[i] = U64(r);
		if ((at = prog_add_words(p, w, n)) < 0)
			return false;
		op->u.mem.len = n;
		op->u.mem.data = (uint32_t)at;
		return true;
	}
	case OP_STE:
		op->u.ste.sid = U32(r);
		rd_words(r, ru, g, op->u.ste.dw, STE_DWORDS, ste_addr);
		return true;
	case OP_L1STD:
		op->u.l1std.index = U32(r);
		op->u.l1std.span = (uint8_t)(U8(r) & L1STD_SPAN);
		op->u.l1std.l2ptr = rd_val(r, ru, g) & L1STD_L2PTR;
		return true;
	case OP_CD:
		op->u.cd.ipa = rd_inram(r, ru, g, CD_SIZE);
		rd_words(r, ru, g, op->u.cd.dw, CD_DWORDS, cd_addr);
		return true;
	case OP_PTPOOL: {
		unsigned t = U8(r) % ru->nranges[g];
		uint64_t off = U32(r) % ru->size[g][t];

		op->u.ptpool.ipa = ru->ipa[g][t] + off;
		op->u.ptpool.size = 1 + U32(r) % (ru->size[g][t] - off);
		return true;
	}
	case OP_MAP: {
		static const uint32_t gran[3] = { 4096, 16384, 65536 };
		uint64_t gm;

		fl = U8(r);
		op->u.map.perm = (uint8_t)(1 + (fl >> 1 & 3) % 3);
		op->u.map.granule = gran[(fl >> 3 & 3) % 3];
		gm = op->u.map.granule - 1;
		op->u.map.ttb = rd_val(r, ru, g);
		op->u.map.iova = rd_val(r, ru, g) & ~gm;
		op->u.map.ipa = rd_val(r, ru, g) & ~gm;
		op->u.map.size = 4096;
		if ((fl & 1) || op->u.map.granule != 4096) {
			op->has |= HAS_SIZE;
			op->u.map.size = (fl & 1) ? U64(r) & ~gm : 0;
			if (op->u.map.size == 0)
				op->u.map.size = op->u.map.granule;
		}
		if (op->u.map.iova + op->u.map.size - 1 < op->u.map.iova ||
		    op->u.map.ipa + op->u.map.size - 1 < op->u.map.ipa)
			op->u.map.size = op->u.map.granule;
		return true;
	}
	case OP_CMD: {
		uint8_t sel = U8(r), opc;

		i = sel % (unsigned)(names_ncmds + 1);
		opc = i < names_ncmds ? names_cmds[i].op : U8(r);
		op->u.cmd.nokick = U8(r) & 1;
		op->u.cmd.dw[0] = (U64(r) & ~CMD0_OP) | opc;
		op->u.cmd.dw[1] = U64(r);
		return true;
	}
	case OP_DMA:
		fl = U8(r);
		op->u.dma.write = fl & 1;
		op->u.dma.vsid = U32(r);
		op->u.dma.iova = rd_val(r, ru, g);
		op->u.dma.len = SCN_DEFAULT_DMA_LEN;
		if (fl & 2) {
			op->has |= HAS_SSID;
			op->u.dma.ssid = U32(r) & (uint32_t)VS_FIELD_MAX(CMD0_SSID);
		}
		if (fl & 4) {
			op->has |= HAS_LEN;
			op->u.dma.len = 1 + U16(r) % 4096u;
		}
		if ((op->u.dma.iova & 0xfff) + op->u.dma.len > 4096)
			op->u.dma.iova -= (op->u.dma.iova & 0xfff) + op->u.dma.len - 4096;
		if (fl & 8) {
			op->has |= HAS_IPA;
			op->u.dma.ipa = rd_val(r, ru, g);
		}
		/* bit 7: an attributes byte follows (0 in every older encoding) */
		if (fl & 0x80)
			op->u.dma.attrs = U8(r) & (DMA_ATTR_PRIV | DMA_ATTR_INSTR);
		op->u.dma.expect = (uint8_t)((fl >> 4 & 7) % 5);
		if (op->u.dma.expect != DMA_EXPECT_ANY)
			op->has |= HAS_EXPECT;
		return true;
	case OP_EXPECT_EVENT: {
		uint8_t sel = U8(r);

		i = sel % (unsigned)(names_nevents + 1);
		op->u.event.type = i < names_nevents ? (uint8_t)names_events[i].val : U8(r);
		fl = U8(r);
		if (fl & 1) {
			op->has |= HAS_SID;
			op->u.event.sid = U32(r);
		}
		if (fl & 2) {
			op->has |= HAS_SSID;
			op->u.event.ssid = U32(r) & (uint32_t)VS_FIELD_MAX(EVT0_SSID);
		}
		if (fl & 4) {
			op->has |= HAS_ADDR;
			op->u.event.addr = rd_val(r, ru, g);
		}
		return true;
	}
	case OP_EXPECT_IRQ:
		op->u.irq.line = (uint8_t)(U8(r) % names_nirq_lines);
		if (U8(r) & 1) {
			op->has |= HAS_COUNT;
			op->u.irq.count = U64(r);
		}
		return true;
	case OP_EXPECT_NO_IRQ:
		i = U8(r) % (unsigned)(names_nirq_lines + 1);
		op->u.irq.line = i < names_nirq_lines ? (uint8_t)i : IRQ_LINE_ALL;
		return true;
	case OP_INJ_EVENT: {
		uint8_t sel;

		n = psmmus(ru, list);
		op->u.inj_event.psmmu = list[U8(r) % n];
		sel = U8(r);
		i = sel % (unsigned)(names_nevents + 1);
		op->u.inj_event.type = i < names_nevents ? (uint8_t)names_events[i].val : U8(r);
		op->u.inj_event.psid = U32(r);
		fl = U8(r);
		if (fl & 1) {
			op->has |= HAS_SSID;
			op->u.inj_event.ssid = U32(r) & (uint32_t)VS_FIELD_MAX(EVT0_SSID);
		}
		if (fl & 2) {
			op->has |= HAS_ADDR;
			op->u.inj_event.addr = U64(r);
		}
		if (fl & 4) {
			op->has |= HAS_IPA;
			op->u.inj_event.ipa = U64(r) & EVT3_IPA;
		}
		if (fl & 8) {
			op->has |= HAS_RNW;
			op->u.inj_event.rnw = U8(r) & 1;
		}
		if (fl & 16) {
			op->has |= HAS_S2;
			op->u.inj_event.s2 = U8(r) & 1;
		}
		if (fl & 32) {
			op->has |= HAS_STALL;
			op->u.inj_event.stall = U8(r) & 1;
		}
		if (fl & 64) {
			op->has |= HAS_CLASS;
			op->u.inj_event.cls = (uint8_t)(U8(r) % names_nevt_class);
		}
		return true;
	}
	case OP_INJ_GERROR:
		n = psmmus(ru, list);
		op->u.inj_gerror.psmmu = list[U8(r) % n];
		op->u.inj_gerror.bits = U16(r) & (uint32_t)GERROR_ERR_MASK;
		if (!op->u.inj_gerror.bits)
			op->u.inj_gerror.bits = GERROR_CMDQ_ERR;
		return true;
	case OP_INJ_EVTQ_OVERFLOW: case OP_INJ_CMD_ERROR: case OP_INJ_SYNC_TIMEOUT:
		n = psmmus(ru, list);
		op->u.inj_cmd.psmmu = list[U8(r) % n];
		if (op->kind == OP_INJ_EVTQ_OVERFLOW)
			return true;
		if (op->kind == OP_INJ_CMD_ERROR)
			op->u.inj_cmd.code = (uint8_t)names_cerror[U8(r) % names_ncerror].val;
		op->u.inj_cmd.count = 1;
		if (U8(r) & 1) {
			op->has |= HAS_COUNT;
			op->u.inj_cmd.count = U32(r);
		}
		return true;
	case OP_INJ_MEM_ABORT:
		op->u.inj_mem.ipa = rd_val(r, ru, g);
		op->u.inj_mem.size = U64(r);
		if (op->u.inj_mem.size == 0)
			op->u.inj_mem.size = SCN_PAGE;
		if (op->u.inj_mem.ipa + op->u.inj_mem.size - 1 < op->u.inj_mem.ipa)
			op->u.inj_mem.size = 0 - op->u.inj_mem.ipa;
		if (U8(r) & 1) {
			op->has |= HAS_COUNT;
			op->u.inj_mem.count = U32(r);
		}
		return true;
	case OP_INJ_ALLOC_FAIL:
		fl = U8(r);
		op->u.inj_alloc.count = 1;
		if (fl & 1) {
			op->has |= HAS_AFTER;
			op->u.inj_alloc.after = U32(r);
		}
		if (fl & 2) {
			op->has |= HAS_COUNT;
			op->u.inj_alloc.count = U32(r);
		}
		return true;
	default:   /* destroy, kick, expect-no-event, mem-abort off, settle, expect-isolation */
		return true;
	}
}

/* The record loop: from r's position, in state ru, op lines from line0 + 1. */
static void decode_records(struct rd *r, uint64_t kinds_allowed, struct scn_rules *ru, uint32_t line0,
			   struct prog *out)
{
	uint8_t allowed[OP_KIND_NR], live[OP_MAX_GUESTS];
	unsigned nallowed = 0, k;

	for (k = 0; k < OP_KIND_NR; k++)
		if (kinds_allowed >> k & 1)
			allowed[nallowed++] = (uint8_t)k;
	if (nallowed == 0)
		return;
	while (r->i < r->n) {
		uint8_t kind = allowed[U8(r) % nallowed];
		size_t nops = out->nops, nb = out->nbytes, nw = out->nwords;
		struct op *op;

		if (needs_guest(kind)) {
			unsigned nl = live_guests(ru, live);

			if (nl == 0)
				continue;   /* no guest to name: the KIND byte alone is dropped */
			op = prog_add(out, kind);
			if (!op)
				break;
			op->guest = live[U8(r) % nl];
		} else {
			op = prog_add(out, kind);
			if (!op)
				break;
		}
		op->line = line0 + (uint32_t)out->nops;
		if (!rd_body(r, out, ru, op)) {
			out->nops = nops;   /* dropped: forget it and its payload */
			out->nbytes = nb;
			out->nwords = nw;
			continue;
		}
		scn_rules_apply(ru, out, op);
	}
}

void bytes_decode(const uint8_t *data, size_t size, uint64_t kinds_allowed, struct prog *out)
{
	struct scn_rules ru;
	struct rd r = { data, size, 0 };

	prog_reset(out);
	scn_rules_init(&ru);
	if (size >= BYTES_MAGIC_LEN && memcmp(data, magic, BYTES_MAGIC_LEN) == 0)
		r.i = BYTES_MAGIC_LEN;
	decode_records(&r, kinds_allowed, &ru, 0, out);
}

void bytes_decode_after(const uint8_t *data, size_t size, uint64_t kinds_allowed,
			const struct bytes_after *after, struct prog *out)
{
	struct scn_rules ru = after->rules;
	struct rd r = { data, size, 0 };

	prog_reset(out);
	memcpy(out->names, after->names, sizeof out->names);
	decode_records(&r, kinds_allowed, &ru, after->line0, out);
}

/* ==== encoder ============================================================ */

struct wr {
	uint8_t *b;
	size_t n, cap;
	bool oom;
};

static void wrn(struct wr *w, uint64_t v, unsigned bytes)
{
	unsigned k;

	if (w->oom)
		return;
	if (w->cap - w->n < bytes) {
		size_t ncap = w->cap ? w->cap * 2 : 256;
		uint8_t *nb;

		while (ncap - w->n < bytes)
			ncap *= 2;
		nb = realloc(w->b, ncap);
		if (!nb) {
			w->oom = true;
			return;
		}
		w->b = nb;
		w->cap = ncap;
	}
	for (k = 0; k < bytes; k++)
		w->b[w->n++] = (uint8_t)(v >> (8 * k));
}
#define W8(w, v)  wrn(w, (uint64_t)(v), 1)
#define W16(w, v) wrn(w, (uint64_t)(v), 2)
#define W32(w, v) wrn(w, (uint64_t)(v), 4)
#define W64(w, v) wrn(w, (uint64_t)(v), 8)

static void wr_val(struct wr *w, const struct scn_rules *ru, unsigned g, uint64_t v)
{
	unsigned t, n = g < ru->nguests ? ru->nranges[g] : 0;

	for (t = 0; t < n; t++)
		if (v >= ru->ipa[g][t] && v - ru->ipa[g][t] < ru->size[g][t]) {
			W8(w, t);
			W32(w, v - ru->ipa[g][t]);
			return;
		}
	W8(w, 0x80);
	W64(w, v);
}

static int wr_inram(struct wr *w, const struct scn_rules *ru, unsigned g, uint64_t ipa, uint64_t len)
{
	unsigned t;

	for (t = 0; t < ru->nranges[g]; t++)
		if (ipa >= ru->ipa[g][t] && len <= ru->size[g][t] && ipa - ru->ipa[g][t] <= ru->size[g][t] - len) {
			W8(w, t);
			W32(w, ipa - ru->ipa[g][t]);
			return 0;
		}
	return -1;
}

static void wr_words(struct wr *w, const struct scn_rules *ru, unsigned g, const uint64_t *dw, unsigned n,
		     const uint64_t *addr_mask)
{
	unsigned i;
	uint8_t present = 0;

	for (i = 0; i < n; i++)
		if (dw[i])
			present |= (uint8_t)(1u << i);
	W8(w, present);
	for (i = 0; i < n; i++) {
		if (!dw[i])
			continue;
		W64(w, dw[i] & ~addr_mask[i]);
		if (addr_mask[i])
			wr_val(w, ru, g, dw[i] & addr_mask[i]);
	}
}

static int index_of_psmmu(const struct scn_rules *ru, unsigned n)
{
	uint8_t list[OP_MAX_PSMMU];
	unsigned i, cnt = psmmus(ru, list);

	for (i = 0; i < cnt; i++)
		if (list[i] == n)
			return (int)i;
	return -1;
}

static int wr_event_type(struct wr *w, uint8_t type)
{
	size_t i;

	for (i = 0; i < names_nevents; i++)
		if (names_events[i].val == type) {
			W8(w, i);
			return 0;
		}
	W8(w, names_nevents);
	W8(w, type);
	return 0;
}

static int wr_body(struct wr *w, const struct prog *p, const struct scn_rules *ru, const struct op *op)
{
	unsigned g = op->guest, i;
	int k;

	switch (op->kind) {
	case OP_PSMMU:
		W8(w, op->u.psmmu.n);
		W8(w, ((op->has & HAS_SIDSIZE) ? 1 : 0) | ((op->has & HAS_SSIDSIZE) ? 2 : 0) | ((op->has & HAS_OAS) ? 4 : 0) |
		      (op->u.psmmu.noril ? 8 : 0));
		W8(w, op->u.psmmu.sidsize - 1);
		W8(w, op->u.psmmu.ssidsize);
		W8(w, op->u.psmmu.oas - 32);
		return 0;
	case OP_GUEST: {
		const char *name = p->names[op->guest];
		char def[OP_NAME_MAX + 1];
		size_t len = strlen(name);

		W16(w, op->u.guest.vmid);
		default_name(p, ru, op->guest, def);
		if (strcmp(name, def) == 0 || len == 0 || len > OP_NAME_MAX)
			len = 0;
		W8(w, len ? 0xEF + len : 0);
		for (i = 0; i < len; i++) {
			const char *c = strchr(name_chars, name[i]);

			if (!c || (i == 0 && (name[0] < 'a' || name[0] > 'z')))
				return -1;
			W8(w, i == 0 ? (unsigned)(name[i] - 'a') : (unsigned)(c - name_chars));
		}
		W8(w, op->u.guest.nranges - 1);
		for (i = 0; i < op->u.guest.nranges; i++) {
			W64(w, op->u.guest.ipa[i] | (op->u.guest.s2deny[i] & S2DENY_NONE));
			W32(w, op->u.guest.size[i] / SCN_PAGE - 1);
		}
		return 0;
	}
	case OP_ASSIGN:
		W32(w, op->u.assign.vsid);
		if ((k = index_of_psmmu(ru, op->u.assign.psmmu)) < 0)
			return -1;
		W8(w, k);
		W32(w, op->u.assign.psid);
		return 0;
	case OP_UNASSIGN:
		W32(w, op->u.assign.vsid);
		return 0;
	case OP_WRITE: case OP_READ: case OP_POLL: {
		size_t r;

		for (r = 0; r < names_nregs; r++)
			if (names_regs[r].off == op->u.reg.off)
				break;
		/* An implicit size other than the register's width: raw offset. */
		if (r < names_nregs && !(op->has & HAS_SIZE) && op->u.reg.size != names_regs[r].width)
			r = names_nregs;
		W8(w, r);
		if (r == names_nregs)
			W32(w, op->u.reg.off);
		W8(w, ((op->has & HAS_SIZE) ? 1 : 0) | ((op->has & HAS_EXPECT) ? 2 : 0) |
		      ((op->has & HAS_MASK) ? 4 : 0) | ((op->has & HAS_TRIES) ? 8 : 0));
		if (op->has & HAS_SIZE)
			W8(w, op->u.reg.size == 1 ? 0 : op->u.reg.size == 2 ? 1 : op->u.reg.size == 4 ? 2 : 3);
		if (op->kind == OP_WRITE || op->kind == OP_POLL || (op->has & HAS_EXPECT))
			wr_val(w, ru, g, op->u.reg.value);
		if (op->kind == OP_WRITE)
			return 0;
		if (op->has & HAS_MASK)
			W64(w, op->u.reg.mask);
		if (op->kind == OP_POLL && (op->has & HAS_TRIES))
			W32(w, op->u.reg.tries);
		return 0;
	}
	case OP_MEM: case OP_MEMCHECK:
		W16(w, op->u.mem.len - 1);
		if (wr_inram(w, ru, g, op->u.mem.ipa, op->u.mem.len))
			return -1;
		for (i = 0; i < op->u.mem.len; i++)
			W8(w, p->bytes[op->u.mem.data + i]);
		return 0;
	case OP_MEM64:
		W16(w, op->u.mem.len - 1);
		if (wr_inram(w, ru, g, op->u.mem.ipa, 8 * (uint64_t)op->u.mem.len))
			return -1;
		for (i = 0; i < op->u.mem.len; i++)
			W64(w, p->words[op->u.mem.data + i]);
		return 0;
	case OP_STE:
		W32(w, op->u.ste.sid);
		wr_words(w, ru, g, op->u.ste.dw, STE_DWORDS, ste_addr);
		return 0;
	case OP_L1STD:
		W32(w, op->u.l1std.index);
		W8(w, op->u.l1std.span);
		wr_val(w, ru, g, op->u.l1std.l2ptr);
		return 0;
	case OP_CD:
		if (wr_inram(w, ru, g, op->u.cd.ipa, CD_SIZE))
			return -1;
		wr_words(w, ru, g, op->u.cd.dw, CD_DWORDS, cd_addr);
		return 0;
	case OP_PTPOOL:
		for (i = 0; i < ru->nranges[g]; i++) {
			uint64_t b = ru->ipa[g][i], sz = ru->size[g][i], a = op->u.ptpool.ipa;

			if (a >= b && op->u.ptpool.size <= sz && a - b <= sz - op->u.ptpool.size) {
				W8(w, i);
				W32(w, a - b);
				W32(w, op->u.ptpool.size - 1);
				return 0;
			}
		}
		return -1;
	case OP_MAP: {
		unsigned gi = op->u.map.granule == 4096 ? 0 : op->u.map.granule == 16384 ? 1 : 2;
		unsigned perm = op->u.map.perm - 1;

		W8(w, ((op->has & HAS_SIZE) ? 1 : 0) | perm << 1 | gi << 3);
		wr_val(w, ru, g, op->u.map.ttb);
		wr_val(w, ru, g, op->u.map.iova);
		wr_val(w, ru, g, op->u.map.ipa);
		if (op->has & HAS_SIZE)
			W64(w, op->u.map.size);
		return 0;
	}
	case OP_CMD: {
		uint8_t opc = (uint8_t)VS_FIELD_GET(CMD0_OP, op->u.cmd.dw[0]);
		size_t c;

		for (c = 0; c < names_ncmds; c++)
			if (names_cmds[c].op == opc)
				break;
		W8(w, c);
		if (c == names_ncmds)
			W8(w, opc);
		W8(w, op->u.cmd.nokick ? 1 : 0);
		W64(w, op->u.cmd.dw[0] & ~CMD0_OP);
		W64(w, op->u.cmd.dw[1]);
		return 0;
	}
	case OP_DMA:
		W8(w, (op->u.dma.write ? 1 : 0) | ((op->has & HAS_SSID) ? 2 : 0) | ((op->has & HAS_LEN) ? 4 : 0) |
		      ((op->has & HAS_IPA) ? 8 : 0) | (unsigned)((op->has & HAS_EXPECT) ? op->u.dma.expect : 0) << 4 |
		      (op->u.dma.attrs ? 0x80 : 0));
		W32(w, op->u.dma.vsid);
		wr_val(w, ru, g, op->u.dma.iova);
		if (op->has & HAS_SSID)
			W32(w, op->u.dma.ssid);
		if (op->has & HAS_LEN)
			W16(w, op->u.dma.len - 1);
		if (op->has & HAS_IPA)
			wr_val(w, ru, g, op->u.dma.ipa);
		if (op->u.dma.attrs)
			W8(w, op->u.dma.attrs);
		return 0;
	case OP_EXPECT_EVENT:
		wr_event_type(w, op->u.event.type);
		W8(w, ((op->has & HAS_SID) ? 1 : 0) | ((op->has & HAS_SSID) ? 2 : 0) | ((op->has & HAS_ADDR) ? 4 : 0));
		if (op->has & HAS_SID)
			W32(w, op->u.event.sid);
		if (op->has & HAS_SSID)
			W32(w, op->u.event.ssid);
		if (op->has & HAS_ADDR)
			wr_val(w, ru, g, op->u.event.addr);
		return 0;
	case OP_EXPECT_IRQ:
		W8(w, op->u.irq.line);
		W8(w, (op->has & HAS_COUNT) ? 1 : 0);
		if (op->has & HAS_COUNT)
			W64(w, op->u.irq.count);
		return 0;
	case OP_EXPECT_NO_IRQ:
		W8(w, op->u.irq.line == IRQ_LINE_ALL ? names_nirq_lines : op->u.irq.line);
		return 0;
	case OP_INJ_EVENT:
		if ((k = index_of_psmmu(ru, op->u.inj_event.psmmu)) < 0)
			return -1;
		W8(w, k);
		wr_event_type(w, op->u.inj_event.type);
		W32(w, op->u.inj_event.psid);
		W8(w, ((op->has & HAS_SSID) ? 1 : 0) | ((op->has & HAS_ADDR) ? 2 : 0) | ((op->has & HAS_IPA) ? 4 : 0) |
		      ((op->has & HAS_RNW) ? 8 : 0) | ((op->has & HAS_S2) ? 16 : 0) | ((op->has & HAS_STALL) ? 32 : 0) |
		      ((op->has & HAS_CLASS) ? 64 : 0));
		if (op->has & HAS_SSID)
			W32(w, op->u.inj_event.ssid);
		if (op->has & HAS_ADDR)
			W64(w, op->u.inj_event.addr);
		if (op->has & HAS_IPA)
			W64(w, op->u.inj_event.ipa);
		if (op->has & HAS_RNW)
			W8(w, op->u.inj_event.rnw);
		if (op->has & HAS_S2)
			W8(w, op->u.inj_event.s2);
		if (op->has & HAS_STALL)
			W8(w, op->u.inj_event.stall);
		if (op->has & HAS_CLASS)
			W8(w, op->u.inj_event.cls);
		return 0;
	case OP_INJ_GERROR:
		if ((k = index_of_psmmu(ru, op->u.inj_gerror.psmmu)) < 0)
			return -1;
		W8(w, k);
		W16(w, op->u.inj_gerror.bits);
		return 0;
	case OP_INJ_EVTQ_OVERFLOW: case OP_INJ_CMD_ERROR: case OP_INJ_SYNC_TIMEOUT:
		if ((k = index_of_psmmu(ru, op->u.inj_cmd.psmmu)) < 0)
			return -1;
		W8(w, k);
		if (op->kind == OP_INJ_EVTQ_OVERFLOW)
			return 0;
		if (op->kind == OP_INJ_CMD_ERROR)
			W8(w, op->u.inj_cmd.code - 1);
		W8(w, (op->has & HAS_COUNT) ? 1 : 0);
		if (op->has & HAS_COUNT)
			W32(w, op->u.inj_cmd.count);
		return 0;
	case OP_INJ_MEM_ABORT:
		wr_val(w, ru, g, op->u.inj_mem.ipa);
		W64(w, op->u.inj_mem.size);
		W8(w, (op->has & HAS_COUNT) ? 1 : 0);
		if (op->has & HAS_COUNT)
			W32(w, op->u.inj_mem.count);
		return 0;
	case OP_INJ_ALLOC_FAIL:
		W8(w, ((op->has & HAS_AFTER) ? 1 : 0) | ((op->has & HAS_COUNT) ? 2 : 0));
		if (op->has & HAS_AFTER)
			W32(w, op->u.inj_alloc.after);
		if (op->has & HAS_COUNT)
			W32(w, op->u.inj_alloc.count);
		return 0;
	default:
		return 0;
	}
}

int bytes_encode(const struct prog *p, uint8_t **out, size_t *len)
{
	struct wr w = { NULL, 0, 0, false };
	struct scn_rules ru;
	uint8_t live[OP_MAX_GUESTS];
	size_t i;
	unsigned k;

	*out = NULL;
	*len = 0;
	scn_rules_init(&ru);
	for (k = 0; k < BYTES_MAGIC_LEN; k++)
		W8(&w, magic[k]);
	for (i = 0; i < p->nops; i++) {
		const struct op *op = &p->ops[i];

		if (op->kind >= OP_KIND_NR)
			goto fail;
		W8(&w, op->kind);
		if (needs_guest(op->kind)) {
			unsigned nl = live_guests(&ru, live), j;

			for (j = 0; j < nl; j++)
				if (live[j] == op->guest)
					break;
			if (j == nl)
				goto fail;   /* names no live guest: not a valid program */
			W8(&w, j);
		}
		if (wr_body(&w, p, &ru, op))
			goto fail;
		scn_rules_apply(&ru, p, op);
	}
	if (w.oom)
		goto fail;
	*out = w.b;
	*len = w.n;
	return 0;
fail:
	free(w.b);
	return -1;
}

bool bytes_looks_binary(const uint8_t *data, size_t size)
{
	size_t i;

	if (size >= BYTES_MAGIC_LEN && memcmp(data, magic, BYTES_MAGIC_LEN) == 0)
		return true;
	for (i = 0; i < size; i++) {
		uint8_t c = data[i];

		if (!((c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r'))
			return true;
	}
	return false;
}
