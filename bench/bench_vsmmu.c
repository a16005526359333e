/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * bench_vsmmu.c - ns/op of the hot paths of libvsmmu with a trivial
 * environment: a register write trap, a guest CFGI_STE + CMD_SYNC (one trap,
 * two commands, one STE fetch, one physical install + CFGI + sync) and a
 * routed physical event. Also world create/destroy. Targets: <= 100 ns,
 * <= 2 us, <= 500 ns.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vsmmu/smmuv3_regs.h"
#include "vsmmu/vsmmu.h"

#define MEM_SIZE (1u << 20)
#define STRTAB   0x10000u
#define CMDQ     0x20000u
#define EVTQ     0x30000u

static uint8_t *mem;

static int mem_read(void *ctx, uint64_t ipa, void *buf, size_t len)
{
	(void)ctx;
	if (ipa >= MEM_SIZE || len > MEM_SIZE - ipa)
		return -1;
	memcpy(buf, mem + ipa, len);
	return 0;
}

static int mem_write(void *ctx, uint64_t ipa, const void *buf, size_t len)
{
	(void)ctx;
	if (ipa >= MEM_SIZE || len > MEM_SIZE - ipa)
		return -1;
	memcpy(mem + ipa, buf, len);
	return 0;
}

static void raise_irq(void *ctx, enum vsmmu_irq_line l) { (void)ctx; (void)l; }
static void *xalloc(void *ctx, size_t n) { (void)ctx; return malloc(n); }
static void xfree(void *ctx, void *p, size_t n) { (void)ctx; (void)n; free(p); }
static int install(void *ctx, unsigned p, uint32_t s, const uint64_t ste[STE_DWORDS])
{ (void)ctx; (void)p; (void)s; (void)ste; return VSMMU_PHYS_OK; }
static int send_cmd(void *ctx, unsigned p, const uint64_t c[CMD_DWORDS])
{ (void)ctx; (void)p; (void)c; return VSMMU_PHYS_OK; }
static int sync_(void *ctx, unsigned p) { (void)ctx; (void)p; return VSMMU_PHYS_OK; }

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void w64(uint64_t a, uint64_t v)
{
	unsigned b;

	for (b = 0; b < 8; b++)
		mem[a + b] = (uint8_t)(v >> (8 * b));
}

int main(int argc, char **argv)
{
	struct vsmmu_env env = {
		.mem_read = mem_read, .mem_write = mem_write, .raise_irq = raise_irq,
		.alloc = xalloc, .free = xfree, .install_ste = install, .send_cmd = send_cmd,
		.sync = sync_,
	};
	struct vsmmu_host_env henv = { .alloc = xalloc, .free = xfree };
	struct vsmmu_config cfg;
	struct vsmmu_host *h;
	struct vsmmu *v;
	struct vsmmu_stats st;
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 0) : 1000000ul, i;
	uint32_t prod = 0;
	double t0, t;
	uint64_t rec[EVT_DWORDS];

	mem = calloc(1, MEM_SIZE);
	if (!mem)
		return 1;
	vsmmu_config_default(&cfg);

	/* world create + destroy (host, guest, 4 streams) */
	t0 = now_ns();
	for (i = 0; i < n / 100; i++) {
		h = vsmmu_host_create(&henv);
		v = vsmmu_create(h, &cfg, &env);
		vsmmu_assign(v, 1, 0, 1);
		vsmmu_assign(v, 2, 0, 2);
		vsmmu_assign(v, 3, 1, 3);
		vsmmu_assign(v, 4, 1, 4);
		vsmmu_destroy(v);
		vsmmu_host_destroy(h);
	}
	t = now_ns() - t0;
	printf("world create+4 assigns+destroy: %8.1f ns/op\n", t / (double)(n / 100));

	h = vsmmu_host_create(&henv);
	v = vsmmu_create(h, &cfg, &env);
	if (!h || !v)
		return 1;
	w64(STRTAB + 5 * 64, 0x40000 | 0xB);        /* S1 STE */
	w64(STRTAB + 5 * 64 + 8, 0xD6);
	vsmmu_assign(v, 5, 0, 0x500);
	vsmmu_mmio_write(v, SMMU_STRTAB_BASE, 8, STRTAB);
	vsmmu_mmio_write(v, SMMU_STRTAB_BASE_CFG, 4, 8);
	vsmmu_mmio_write(v, SMMU_CMDQ_BASE, 8, CMDQ | 8);
	vsmmu_mmio_write(v, SMMU_EVENTQ_BASE, 8, EVTQ | 8);
	vsmmu_mmio_write(v, SMMU_CR0, 4, CR0_SMMUEN | CR0_CMDQEN | CR0_EVENTQEN);

	/* register write trap */
	t0 = now_ns();
	for (i = 0; i < n; i++)
		vsmmu_mmio_write(v, SMMU_GERROR_IRQ_CFG1, 4, (uint32_t)i);
	t = now_ns() - t0;
	printf("register write (4 bytes):         %8.1f ns/op\n", t / (double)n);
	t0 = now_ns();
	for (i = 0; i < n; i++)
		(void)vsmmu_mmio_read(v, SMMU_CMDQ_CONS, 4);
	t = now_ns() - t0;
	printf("register read (4 bytes):          %8.1f ns/op\n", t / (double)n);

	/* CFGI_STE + CMD_SYNC, published with one CMDQ_PROD write */
	for (i = 0; i < 256; i += 2) {
		w64(CMDQ + i * 16, CMD_OP_CFGI_STE | (UINT64_C(5) << 32));
		w64(CMDQ + i * 16 + 8, 1);
		w64(CMDQ + (i + 1) * 16, CMD_OP_SYNC);
		w64(CMDQ + (i + 1) * 16 + 8, 0);
	}
	t0 = now_ns();
	for (i = 0; i < n / 10; i++) {
		prod = (prod + 2) & 0x1FF;
		vsmmu_mmio_write(v, SMMU_CMDQ_PROD, 4, prod);
	}
	t = now_ns() - t0;
	vsmmu_get_stats(v, &st);
	printf("CFGI_STE + CMD_SYNC (one trap):   %8.1f ns/op  (consumed %llu, errors %s)\n",
	       t / (double)(n / 10), (unsigned long long)st.cmds_consumed,
	       vsmmu_mmio_read(v, SMMU_GERROR, 4) ? "yes" : "no");

	/* routed event (F_TRANSLATION, S2=0); guest drains to keep the queue open */
	memset(rec, 0, sizeof(rec));
	rec[0] = EVT_ID_F_TRANSLATION | (UINT64_C(0x500) << 32);
	rec[2] = 0x1000;
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		vsmmu_host_route_event(h, 0, rec);
		if ((i & 127) == 127)
			vsmmu_mmio_write(v, SMMU_EVENTQ_CONS, 4,
					 (uint32_t)vsmmu_mmio_read(v, SMMU_EVENTQ_PROD, 4));
	}
	t = now_ns() - t0;
	vsmmu_get_stats(v, &st);
	printf("routed event:                     %8.1f ns/op  (written %llu, dropped %llu)\n",
	       t / (double)n, (unsigned long long)st.events_written,
	       (unsigned long long)st.events_dropped);
	printf("max work per call: %u (bound VSMMU_MAX_CALL_WORK = %u)\n",
	       st.max_call_work, VSMMU_MAX_CALL_WORK);
	vsmmu_destroy(v);
	vsmmu_host_destroy(h);
	free(mem);
	return 0;
}
