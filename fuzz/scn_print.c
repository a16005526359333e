/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * scn_print.c - the op model as scenario text. Output parses back to the same
 * ops (scn_parse(scn_print(p)) == p). Every statement is printed from its
 * schema (op_schema.h): keys carrying a HAS_ bit exactly when the bit is
 * set, structures by field name unless some bit lies outside the named
 * fields (then raw=).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fuzz/codec.h"
#include "fuzz/names.h"
#include "fuzz/op_schema.h"

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

/* A scalar in its text form; -1 when it has none (a name-only value
 * without a name). */
static int pr_scalar(FILE *f, const struct op_field *fd, uint64_t v)
{
	const char *n = fd->names ? names_of(fd->names, *fd->nnames, v) : NULL;

	switch (fd->tfmt) {
	case TF_DEC:
		fprintf(f, "%" PRIu64, v);
		return 0;
	case TF_HEX:
		fprintf(f, "0x%" PRIx64, v);
		return 0;
	case TF_SIZE:
		pr_size(f, v);
		return 0;
	case TF_ID:
		fputs(NAMES_ID(v), f);
		return 0;
	case TF_NAME:
		if (!n)
			return -1;
		fputs(n, f);
		return 0;
	case TF_NAME_NUM:
		if (n)
			fputs(n, f);
		else
			fprintf(f, "0x%" PRIx64, v);
		return 0;
	default:
		return 0;
	}
}

/* One field: " key=VALUE" or " VALUE", when the op carries it. */
static int pr_field(FILE *f, const struct prog *p, const struct op *op, const struct op_field *fd)
{
	uint64_t v;
	unsigned i;

	switch (fd->type) {
	case FT_FLAGS:
		return 0;
	case FT_GNAME:
		fprintf(f, " %s", gname(p, op));
		return 0;
	case FT_RAM:
		fputs(" ram=", f);
		for (i = 0; i < op->u.guest.nranges && i < OP_MAX_RANGES; i++) {
			const char *perm = names_of(names_s2perm, names_ns2perm, op->u.guest.s2deny[i]);

			fprintf(f, "%s0x%" PRIx64 ":", i ? "," : "", op->u.guest.ipa[i]);
			pr_size(f, op->u.guest.size[i]);
			/* the stage-2 permissions; rw (0) is left out */
			if (op->u.guest.s2deny[i]) {
				if (!perm)
					return -1;
				fprintf(f, ":%s", perm);
			}
		}
		return 0;
	case FT_REG:
		pr_reg(f, op);
		return 0;
	case FT_BYTES:
		fprintf(f, " 0x%" PRIx64 " ", op->u.mem.ipa);
		if (op->u.mem.data > p->nbytes || op->u.mem.len > p->nbytes - op->u.mem.data)
			return -1;
		for (i = 0; i < op->u.mem.len; i++)
			fprintf(f, "%02x", p->bytes[op->u.mem.data + i]);
		return 0;
	case FT_WORDS64:
		fprintf(f, " 0x%" PRIx64, op->u.mem.ipa);
		if (op->u.mem.data > p->nwords || op->u.mem.len > p->nwords - op->u.mem.data)
			return -1;
		for (i = 0; i < op->u.mem.len; i++)
			fprintf(f, " 0x%" PRIx64, p->words[op->u.mem.data + i]);
		return 0;
	case FT_RANGE:
		fprintf(f, " 0x%" PRIx64 ":", op->u.ptpool.ipa);
		pr_size(f, op->u.ptpool.size);
		return 0;
	case FT_WORDS: {
		uint64_t dw[8];

		memcpy(dw, (const unsigned char *)op + fd->off, fd->width);
		pr_fields(f, fd->fdefs, *fd->nfdefs, dw, fd->width / 8, 0);
		return 0;
	}
	case FT_CMDOP: {
		uint8_t opc = (uint8_t)VS_FIELD_GET(CMD0_OP, op->u.cmd.dw[0]);
		const struct cmd_def *d = names_cmd_by_op(opc);

		if (d)
			fprintf(f, " %s", d->name);
		else
			fprintf(f, " 0x%02x", opc);
		return 0;
	}
	case FT_CMDWORDS: {
		const struct cmd_def *d = names_cmd_by_op((uint8_t)VS_FIELD_GET(CMD0_OP, op->u.cmd.dw[0]));

		pr_fields(f, d ? d->fields : NULL, d ? d->nfields : 0, op->u.cmd.dw, CMD_DWORDS, CMD0_OP);
		return 0;
	}
	default:
		break;
	}
	/* scalars */
	v = op_field_get(op, fd);
	if (fd->has && !(fd->attr & FA_HASNZ) && !(op->has & fd->has))
		return 0;
	if ((fd->attr & FA_HASNZ) && !(op->has & fd->has))
		return 0;
	if ((fd->attr & FA_PRDEF) && v == fd->def)
		return 0;
	switch (fd->tfmt) {
	case TF_NONE:
		return 0;
	case TF_WORD:
		if (v)
			fprintf(f, " %s", fd->word);
		return 0;
	case TF_RANGE_LO:
		fprintf(f, " 0x%" PRIx64 ":", v);
		return 0;
	case TF_RANGE_HI:
		pr_size(f, v);
		return 0;
	default:
		break;
	}
	if (fd->attr & FA_NOT)
		v = !v;
	if (fd->key)
		fprintf(f, " %s=", fd->key);
	else
		fputc(' ', f);
	return pr_scalar(f, fd, v);
}

/* The statement from its schema: keyword, the guest or psmmuN it names,
 * the inject kind's word, then its fields in text order. */
int scn_print_op(const struct prog *p, const struct op *op, FILE *f)
{
	const struct op_schema *s = op_schema_of(op->kind);
	size_t i = 0;

	if (!s)
		return -1;
	fputs(s->keyword, f);
	if (s->names_guest)
		fprintf(f, " %s", gname(p, op));
	else if (s->nfields && s->fields[0].type == FT_PSMMU && !s->fields[0].key)
		fprintf(f, " psmmu%u", (unsigned)op_field_get(op, &s->fields[i++]));
	if (s->sub)
		fprintf(f, " %s", s->sub);
	for (; i < s->nfields; i++)
		if (pr_field(f, p, op, &s->fields[i]))
			return -1;
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
