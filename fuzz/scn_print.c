/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * scn_print.c - the op model as scenario text. Output parses back to the same
 * ops (scn_parse(scn_print(p)) == p): keys carrying a HAS_ bit are printed
 * exactly when the bit is set, structures by field name unless some bit lies
 * outside the named fields (then raw=).
 */
#include <inttypes.h>
#include <stdio.h>

#include "fuzz/codec.h"
#include "fuzz/names.h"

static const char *gname(const struct prog *p, const struct op *op)
{
	return op->guest < OP_MAX_GUESTS && p->names[op->guest][0] ? p->names[op->guest] : "unnamed";
}

static void pr_size(FILE *f, uint64_t v)
{
	if (v && v % (UINT64_C(1) << 30) == 0)
		fprintf(f, "%" PRIu64 "G", v >> 30);
	else if (v && v % (UINT64_C(1) << 20) == 0)
		fprintf(f, "%" PRIu64 "M", v >> 20);
	else if (v && v % (UINT64_C(1) << 10) == 0)
		fprintf(f, "%" PRIu64 "K", v >> 10);
	else
		fprintf(f, "0x%" PRIx64, v);
}

/* By name, unless the name's default size would differ from an implicit one. */
static void pr_reg(FILE *f, const struct op *op)
{
	uint32_t off = op->u.reg.off;
	const struct reg_def *r = names_reg_by_off(off);

	if (r && ((op->has & HAS_SIZE) || op->u.reg.size == r->width))
		fprintf(f, " %s", r->name);
	else
		fprintf(f, " 0x%" PRIx32, off);
}

static void pr_raw(FILE *f, const uint64_t *dw, unsigned n)
{
	unsigned i, last = 0;

	for (i = 0; i < n; i++)
		if (dw[i])
			last = i;
	fputs(" raw=", f);
	for (i = 0; i <= last; i++)
		fprintf(f, "%s0x%" PRIx64, i ? "," : "", dw[i]);
}

/* Fields by name when every set bit belongs to one; else raw=. skip0 are
 * bits of word 0 printed elsewhere (the command opcode). */
static void pr_fields(FILE *f, const struct field_def *t, size_t nt, const uint64_t *dw, unsigned n, uint64_t skip0)
{
	unsigned w;
	size_t i;

	for (w = 0; w < n; w++) {
		uint64_t known = names_fields_mask(t, nt, w) | (w == 0 ? skip0 : 0);

		if (dw[w] & ~known) {
			pr_raw(f, dw, n);
			return;
		}
	}
	for (i = 0; i < nt; i++) {
		uint64_t v = VS_FIELD_GET(t[i].mask, dw[t[i].word]);

		if (!v)
			continue;
		if (t[i].addr)
			fprintf(f, " %s=0x%" PRIx64, t[i].name, v << VS_FIELD_SHIFT(t[i].mask));
		else if (v < 10)
			fprintf(f, " %s=%" PRIu64, t[i].name, v);
		else
			fprintf(f, " %s=0x%" PRIx64, t[i].name, v);
	}
}

static void pr_name_or_num(FILE *f, const struct name_val *t, size_t n, uint64_t v)
{
	const char *s = names_of(t, n, v);

	if (s)
		fprintf(f, " %s", s);
	else
		fprintf(f, " 0x%" PRIx64, v);
}

int scn_print_op(const struct prog *p, const struct op *op, FILE *f)
{
	const char *g = gname(p, op);
	unsigned i;

	switch (op->kind) {
	case OP_PSMMU:
		fprintf(f, "psmmu %u", op->u.psmmu.n);
		if (op->has & HAS_SIDSIZE)
			fprintf(f, " sidsize=%u", op->u.psmmu.sidsize);
		if (op->has & HAS_SSIDSIZE)
			fprintf(f, " ssidsize=%u", op->u.psmmu.ssidsize);
		if (op->has & HAS_OAS)
			fprintf(f, " oas=%u", op->u.psmmu.oas);
		if (op->u.psmmu.noril)
			fprintf(f, " ril=0");
		break;
	case OP_GUEST:
		fprintf(f, "guest %s vmid=%u ram=", g, op->u.guest.vmid);
		for (i = 0; i < op->u.guest.nranges && i < OP_MAX_RANGES; i++) {
			static const char *const perm[4] = { "", ":r", ":w", ":none" };

			fprintf(f, "%s0x%" PRIx64 ":", i ? "," : "", op->u.guest.ipa[i]);
			pr_size(f, op->u.guest.size[i]);
			fputs(perm[op->u.guest.s2deny[i] & 3], f);
		}
		break;
	case OP_ASSIGN:
		fprintf(f, "assign %s vsid=%s psmmu=%u psid=%s", g, NAMES_ID(op->u.assign.vsid),
			op->u.assign.psmmu, NAMES_ID(op->u.assign.psid));
		break;
	case OP_UNASSIGN:
		fprintf(f, "unassign %s vsid=%s", g, NAMES_ID(op->u.assign.vsid));
		break;
	case OP_DESTROY:
		fprintf(f, "destroy %s", g);
		break;
	case OP_WRITE: case OP_READ: case OP_POLL:
		fprintf(f, "%s %s", op->kind == OP_WRITE ? "write" : op->kind == OP_READ ? "read" : "poll", g);
		pr_reg(f, op);
		if (op->kind == OP_WRITE)
			fprintf(f, " 0x%" PRIx64, op->u.reg.value);
		if (op->has & HAS_SIZE)
			fprintf(f, " size=%u", op->u.reg.size);
		if (op->kind != OP_WRITE && (op->has & HAS_EXPECT))
			fprintf(f, " expect=0x%" PRIx64, op->u.reg.value);
		if (op->kind != OP_WRITE && (op->has & HAS_MASK))
			fprintf(f, " mask=0x%" PRIx64, op->u.reg.mask);
		if (op->kind == OP_POLL && (op->has & HAS_TRIES))
			fprintf(f, " tries=%" PRIu32, op->u.reg.tries);
		break;
	case OP_MEM: case OP_MEMCHECK:
		fprintf(f, "%s %s 0x%" PRIx64 " ", op->kind == OP_MEM ? "mem" : "memcheck", g, op->u.mem.ipa);
		if (op->u.mem.data > p->nbytes || op->u.mem.len > p->nbytes - op->u.mem.data)
			return -1;
		for (i = 0; i < op->u.mem.len; i++)
			fprintf(f, "%02x", p->bytes[op->u.mem.data + i]);
		break;
	case OP_MEM64:
		fprintf(f, "mem64 %s 0x%" PRIx64, g, op->u.mem.ipa);
		if (op->u.mem.data > p->nwords || op->u.mem.len > p->nwords - op->u.mem.data)
			return -1;
		for (i = 0; i < op->u.mem.len; i++)
			fprintf(f, " 0x%" PRIx64, p->words[op->u.mem.data + i]);
		break;
	case OP_STE:
		fprintf(f, "ste %s %s", g, NAMES_ID(op->u.ste.sid));
		pr_fields(f, names_ste_fields, names_nste_fields, op->u.ste.dw, STE_DWORDS, 0);
		break;
	case OP_L1STD:
		fprintf(f, "l1std %s %s span=%u l2ptr=0x%" PRIx64, g, NAMES_ID(op->u.l1std.index), op->u.l1std.span,
			op->u.l1std.l2ptr);
		break;
	case OP_CD:
		fprintf(f, "cd %s 0x%" PRIx64, g, op->u.cd.ipa);
		pr_fields(f, names_cd_fields, names_ncd_fields, op->u.cd.dw, CD_DWORDS, 0);
		break;
	case OP_PTPOOL:
		fprintf(f, "ptpool %s 0x%" PRIx64 ":", g, op->u.ptpool.ipa);
		pr_size(f, op->u.ptpool.size);
		break;
	case OP_MAP:
		fprintf(f, "map %s ttb=0x%" PRIx64 " iova=0x%" PRIx64 " ipa=0x%" PRIx64, g, op->u.map.ttb,
			op->u.map.iova, op->u.map.ipa);
		if (op->has & HAS_SIZE) {
			fputs(" size=", f);
			pr_size(f, op->u.map.size);
		}
		if (op->u.map.perm != PERM_RW)
			fprintf(f, " perm=%s", op->u.map.perm == PERM_R ? "r" : "w");
		if (op->u.map.granule != 4096) {
			fputs(" granule=", f);
			pr_size(f, op->u.map.granule);
		}
		break;
	case OP_CMD: {
		uint8_t opc = (uint8_t)VS_FIELD_GET(CMD0_OP, op->u.cmd.dw[0]);
		const struct cmd_def *d = names_cmd_by_op(opc);

		if (d)
			fprintf(f, "cmd %s %s", g, d->name);
		else
			fprintf(f, "cmd %s 0x%02x", g, opc);
		pr_fields(f, d ? d->fields : NULL, d ? d->nfields : 0, op->u.cmd.dw, CMD_DWORDS, CMD0_OP);
		if (op->u.cmd.nokick)
			fputs(" nokick", f);
		break;
	}
	case OP_KICK:
		fprintf(f, "kick %s", g);
		break;
	case OP_DMA:
		fprintf(f, "dma %s vsid=%s iova=0x%" PRIx64 " %s", g, NAMES_ID(op->u.dma.vsid), op->u.dma.iova,
			op->u.dma.write ? "write" : "read");
		if (op->has & HAS_SSID)
			fprintf(f, " ssid=%s", NAMES_ID(op->u.dma.ssid));
		if (op->has & HAS_LEN)
			fprintf(f, " len=%" PRIu32, op->u.dma.len);
		if (op->u.dma.attrs & DMA_ATTR_PRIV)
			fputs(" priv=1", f);
		if (op->u.dma.attrs & DMA_ATTR_INSTR)
			fputs(" instr=1", f);
		if (op->has & HAS_EXPECT) {
			const char *e = names_of(names_dma_expect, names_ndma_expect, op->u.dma.expect);

			if (!e)
				return -1;
			fprintf(f, " expect=%s", e);
		}
		if (op->has & HAS_IPA)
			fprintf(f, " ipa=0x%" PRIx64, op->u.dma.ipa);
		break;
	case OP_EXPECT_EVENT:
		fprintf(f, "expect-event %s", g);
		pr_name_or_num(f, names_events, names_nevents, op->u.event.type);
		if (op->has & HAS_SID)
			fprintf(f, " sid=%s", NAMES_ID(op->u.event.sid));
		if (op->has & HAS_SSID)
			fprintf(f, " ssid=%s", NAMES_ID(op->u.event.ssid));
		if (op->has & HAS_ADDR)
			fprintf(f, " addr=0x%" PRIx64, op->u.event.addr);
		break;
	case OP_EXPECT_NO_EVENT:
		fprintf(f, "expect-no-event %s", g);
		break;
	case OP_EXPECT_IRQ: case OP_EXPECT_NO_IRQ: {
		const char *l = names_of(names_irq_lines, names_nirq_lines, op->u.irq.line);

		fprintf(f, "%s %s", op->kind == OP_EXPECT_IRQ ? "expect-irq" : "expect-no-irq", g);
		if (l)
			fprintf(f, " %s", l);
		else if (op->kind == OP_EXPECT_IRQ || op->u.irq.line != IRQ_LINE_ALL)
			return -1;
		if (op->kind == OP_EXPECT_IRQ && (op->has & HAS_COUNT))
			fprintf(f, " count=%" PRIu64, op->u.irq.count);
		break;
	}
	case OP_INJ_EVENT:
		fprintf(f, "inject psmmu%u event", op->u.inj_event.psmmu);
		pr_name_or_num(f, names_events, names_nevents, op->u.inj_event.type);
		fprintf(f, " psid=%s", NAMES_ID(op->u.inj_event.psid));
		if (op->has & HAS_SSID)
			fprintf(f, " ssid=%s", NAMES_ID(op->u.inj_event.ssid));
		if (op->has & HAS_ADDR)
			fprintf(f, " addr=0x%" PRIx64, op->u.inj_event.addr);
		if (op->has & HAS_IPA)
			fprintf(f, " ipa=0x%" PRIx64, op->u.inj_event.ipa);
		if (op->has & HAS_RNW)
			fprintf(f, " rnw=%u", op->u.inj_event.rnw);
		if (op->has & HAS_S2)
			fprintf(f, " s2=%u", op->u.inj_event.s2);
		if (op->has & HAS_STALL)
			fprintf(f, " stall=%u", op->u.inj_event.stall);
		if (op->has & HAS_CLASS) {
			const char *c = names_of(names_evt_class, names_nevt_class, op->u.inj_event.cls);

			if (!c)
				return -1;
			fprintf(f, " class=%s", c);
		}
		break;
	case OP_INJ_GERROR:
		fprintf(f, "inject psmmu%u gerror", op->u.inj_gerror.psmmu);
		pr_name_or_num(f, names_gerror, names_ngerror, op->u.inj_gerror.bits);
		break;
	case OP_INJ_EVTQ_OVERFLOW:
		fprintf(f, "inject psmmu%u evtq-overflow", op->u.inj_cmd.psmmu);
		break;
	case OP_INJ_CMD_ERROR:
		fprintf(f, "inject psmmu%u cmd-error", op->u.inj_cmd.psmmu);
		pr_name_or_num(f, names_cerror, names_ncerror, op->u.inj_cmd.code);
		if (op->has & HAS_COUNT)
			fprintf(f, " count=%" PRIu32, op->u.inj_cmd.count);
		break;
	case OP_INJ_SYNC_TIMEOUT:
		fprintf(f, "inject psmmu%u sync-timeout", op->u.inj_cmd.psmmu);
		if (op->has & HAS_COUNT)
			fprintf(f, " count=%" PRIu32, op->u.inj_cmd.count);
		break;
	case OP_INJ_MEM_ABORT:
		fprintf(f, "inject %s mem-abort 0x%" PRIx64 ":", g, op->u.inj_mem.ipa);
		pr_size(f, op->u.inj_mem.size);
		if (op->has & HAS_COUNT)
			fprintf(f, " count=%" PRIu32, op->u.inj_mem.count);
		break;
	case OP_INJ_MEM_ABORT_OFF:
		fprintf(f, "inject %s mem-abort off", g);
		break;
	case OP_INJ_ALLOC_FAIL:
		fputs("inject alloc-fail", f);
		if (op->has & HAS_AFTER)
			fprintf(f, " after=%" PRIu32, op->u.inj_alloc.after);
		if (op->has & HAS_COUNT)
			fprintf(f, " count=%" PRIu32, op->u.inj_alloc.count);
		break;
	case OP_SETTLE:
		fputs("settle", f);
		break;
	case OP_EXPECT_ISOLATION:
		fputs("expect-isolation", f);
		break;
	default:
		return -1;
	}
	return ferror(f) ? -1 : 0;
}

int scn_print(const struct prog *p, FILE *f)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < p->nops; i++) {
		if (scn_print_op(p, &p->ops[i], f))
			rc = -1;
		fputc('\n', f);
	}
	return (rc || ferror(f)) ? -1 : 0;
}
