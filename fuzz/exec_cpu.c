/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * exec_cpu.c - the guest's CPU, the lowest layer of the executor
 * (exec_int.h): MMIO to its vSMMU and little-endian words to and from its
 * RAM, each traced under -v; and the two ways an op reports, a failed
 * expectation and a trace line. Calls only the platform.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "fuzz/exec_int.h"

const char *exec_gname(const struct exec_ctx *x, int g)
{
	if (g < 0 || g >= (int)PLAT_MAX_GUESTS)
		return "hyp";
	return x->names[g] && x->names[g][0] ? x->names[g] : "?";
}

void exec_fail(struct exec_ctx *x, const char *fmt, ...)
{
	va_list ap;

	if (x->failed)
		return;
	x->failed = true;
	va_start(ap, fmt);
	vsnprintf(x->reason, sizeof x->reason, fmt, ap);
	va_end(ap);
}

void exec_trace(struct exec_ctx *x, const char *fmt, ...)
{
	va_list ap;

	if (!x->tr)
		return;
	fputs("        ", x->tr);
	va_start(ap, fmt);
	vfprintf(x->tr, fmt, ap);
	va_end(ap);
	fputc('\n', x->tr);
}

void exec_trace_reg(struct exec_ctx *x, const char *what, uint64_t off, unsigned size, uint64_t v)
{
	const char *n;

	if (!x->tr)
		return;
	n = exec_reg_name(off);
	if (n)
		exec_trace(x, "%s %s = 0x%" PRIx64, what, n, v);
	else
		exec_trace(x, "%s 0x%" PRIx64 "/%u = 0x%" PRIx64, what, off, size, v);
}

uint64_t exec_mmio_read(struct exec_ctx *x, int g, uint64_t off, unsigned size)
{
	uint64_t v = plat_mmio_read(x->p, g, off, size);

	exec_trace_reg(x, "read", off, size, v);
	return v;
}

void exec_mmio_write(struct exec_ctx *x, int g, uint64_t off, unsigned size, uint64_t val)
{
	exec_trace_reg(x, "write", off, size, val);
	plat_mmio_write(x->p, g, off, size, val);
}

int exec_write_words(struct exec_ctx *x, int g, uint64_t ipa, const uint64_t *w, unsigned n)
{
	uint8_t buf[STE_SIZE];

	while (n) {
		unsigned k = n > STE_DWORDS ? STE_DWORDS : n;
		for (unsigned i = 0; i < k; i++)
			for (unsigned b = 0; b < 8; b++)
				buf[i * 8 + b] = (uint8_t)(w[i] >> (8 * b));
		if (plat_guest_write(x->p, g, ipa, buf, (size_t)k * 8))
			return -1;
		w += k;
		n -= k;
		ipa += (uint64_t)k * 8;
	}
	return 0;
}

int exec_read_words(struct exec_ctx *x, int g, uint64_t ipa, uint64_t *w, unsigned n)
{
	uint8_t buf[STE_SIZE];

	while (n) {
		unsigned k = n > STE_DWORDS ? STE_DWORDS : n;
		if (plat_guest_read(x->p, g, ipa, buf, (size_t)k * 8))
			return -1;
		for (unsigned i = 0; i < k; i++) {
			w[i] = 0;
			for (unsigned b = 0; b < 8; b++)
				w[i] |= (uint64_t)buf[i * 8 + b] << (8 * b);
		}
		w += k;
		n -= k;
		ipa += (uint64_t)k * 8;
	}
	return 0;
}
