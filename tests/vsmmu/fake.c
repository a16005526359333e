/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fake.c - the fake environment and helpers of the libvsmmu unit tests.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>

#include "tests/vsmmu/fake.h"

int fk_failures;

static bool overlaps(uint64_t a, size_t len, uint64_t lo, uint64_t hi)
{
	return lo < hi && a < hi && a + len > lo;
}

static int mem_read(void *ctx, uint64_t ipa, void *buf, size_t len)
{
	struct fake *f = ctx;

	if (ipa >= FK_MEM_SIZE || len > FK_MEM_SIZE - ipa || overlaps(ipa, len, f->rd_fail_lo, f->rd_fail_hi))
		return -1;
	memcpy(buf, f->mem + ipa, len);
	return 0;
}

static int mem_write(void *ctx, uint64_t ipa, const void *buf, size_t len)
{
	struct fake *f = ctx;

	if (ipa >= FK_MEM_SIZE || len > FK_MEM_SIZE - ipa || overlaps(ipa, len, f->wr_fail_lo, f->wr_fail_hi))
		return -1;
	memcpy(f->mem + ipa, buf, len);
	return 0;
}

static void raise_irq(void *ctx, enum vsmmu_irq_line line)
{
	struct fake *f = ctx;

	if ((unsigned)line < VSMMU_IRQ_NR)
		f->irqs[line]++;
}

static void *fk_alloc(void *ctx, size_t size)
{
	struct fake *f = ctx;
	void *p;

	if (f->alloc_countdown == 0)
		return NULL;
	if (f->alloc_countdown > 0)
		f->alloc_countdown--;
	p = malloc(size);
	if (p) {
		f->bytes += size;
		f->live_allocs++;
	}
	return p;
}

static void fk_free(void *ctx, void *ptr, size_t size)
{
	struct fake *f = ctx;

	if (!ptr)
		return;
	f->bytes -= size;
	f->live_allocs--;
	free(ptr);
}

static void logop(struct fake *f, char kind, unsigned psmmu, uint32_t psid, const uint64_t *cmd)
{
	struct fk_op *o;

	if (f->quiet_log)
		return;
	if (f->nlog >= FK_MAX_LOG) {
		memmove(f->log, f->log + FK_MAX_LOG / 2, sizeof(f->log[0]) * (FK_MAX_LOG / 2));
		f->nlog = FK_MAX_LOG / 2;
	}
	o = &f->log[f->nlog++];
	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->psmmu = psmmu;
	o->psid = psid;
	if (cmd) {
		o->cmd[0] = cmd[0];
		o->cmd[1] = cmd[1];
	}
}

static int install_ste(void *ctx, unsigned psmmu, uint32_t psid, const uint64_t ste[STE_DWORDS])
{
	struct fake *f = ctx;
	unsigned i;

	logop(f, 'I', psmmu, psid, NULL);
	if (psmmu >= VSMMU_MAX_PSMMU)
		return VSMMU_PHYS_FAIL;
	if (f->install_status[psmmu] != VSMMU_PHYS_OK)
		return f->install_status[psmmu];
	for (i = 0; i < f->nstes; i++)
		if (f->stes[i].psmmu == psmmu && f->stes[i].psid == psid)
			break;
	if (i == f->nstes) {
		if (f->nstes >= FK_MAX_STE)
			return VSMMU_PHYS_FAIL;
		f->nstes++;
	}
	f->stes[i].psmmu = psmmu;
	f->stes[i].psid = psid;
	memcpy(f->stes[i].ste, ste, sizeof(f->stes[i].ste));
	return VSMMU_PHYS_OK;
}

static int send_cmd(void *ctx, unsigned psmmu, const uint64_t cmd[CMD_DWORDS])
{
	struct fake *f = ctx, *q;

	logop(f, 'C', psmmu, (uint32_t)VS_FIELD_GET(CMD0_SID, cmd[0]), cmd);
	if (psmmu >= VSMMU_MAX_PSMMU)
		return VSMMU_PHYS_FAIL;
	q = f->phys ? f->phys : f;
	if (f->cmd_status[psmmu] == VSMMU_PHYS_OK && q->late_fail[psmmu] &&
	    q->nlate < sizeof(q->late) / sizeof(q->late[0])) {
		q->late_fail[psmmu]--;
		q->late[q->nlate].psmmu = psmmu;
		q->late[q->nlate].cmd[0] = cmd[0];
		q->late[q->nlate].cmd[1] = cmd[1];
		q->nlate++;
	}
	return f->cmd_status[psmmu];
}

static int sync_(void *ctx, unsigned psmmu)
{
	struct fake *f = ctx, *q;

	logop(f, 'S', psmmu, 0, NULL);
	if (psmmu < VSMMU_MAX_PSMMU && f->sync_timeouts[psmmu]) {
		f->sync_timeouts[psmmu]--;
		return VSMMU_PHYS_TIMEOUT;
	}
	q = f->phys ? f->phys : f;
	for (unsigned i = 0; i < q->nlate;) {
		if (q->late[i].psmmu != psmmu) {
			i++;
			continue;
		}
		vsmmu_host_phys_cmd_failed(q->report_to, psmmu, q->late[i].cmd, CERROR_ILL);
		q->late[i] = q->late[--q->nlate];
	}
	return psmmu < VSMMU_MAX_PSMMU ? f->sync_status[psmmu] : VSMMU_PHYS_FAIL;
}

static void fence(void *ctx, unsigned psmmu)
{
	struct fake *f = ctx;

	if (psmmu < VSMMU_MAX_PSMMU)
		f->fences[psmmu]++;
}

static void trace(void *ctx, const struct vsmmu_trace *t)
{
	struct fake *f = ctx;

	if ((unsigned)t->kind <= VSMMU_TRACE_MSI) {
		f->traces[t->kind]++;
		f->last_trace[t->kind] = *t;
	}
	if (t->kind == VSMMU_TRACE_MSI && f->nmsi < sizeof(f->msi) / sizeof(f->msi[0])) {
		struct fk_msi *m = &f->msi[f->nmsi++];

		m->line = (unsigned)t->arg;
		m->addr = t->rec[0];
		m->data = (uint32_t)t->rec[1];
		m->aborted = t->rec[2] != 0;
		m->cmdq_cons = f->msi_watch ? (uint32_t)vsmmu_mmio_read(f->msi_watch, SMMU_CMDQ_CONS, 4) : 0;
	}
}

void fk_init(struct fake *f)
{
	memset(f, 0, sizeof(*f));
	f->mem = calloc(1, FK_MEM_SIZE);
	f->alloc_countdown = -1;
}

void fk_fini(struct fake *f)
{
	free(f->mem);
	f->mem = NULL;
}

struct vsmmu_env fk_env(struct fake *f)
{
	return (struct vsmmu_env){
		.ctx = f, .mem_read = mem_read, .mem_write = mem_write, .raise_irq = raise_irq,
		.alloc = fk_alloc, .free = fk_free, .install_ste = install_ste, .send_cmd = send_cmd,
		.sync = sync_, .trace = trace, .fence = fence,
	};
}

struct vsmmu_host_env fk_host_env(struct fake *f)
{
	return (struct vsmmu_host_env){ .ctx = f, .alloc = fk_alloc, .free = fk_free, .trace = trace };
}

void fk_w64(struct fake *f, uint64_t ipa, uint64_t val)
{
	unsigned b;

	for (b = 0; b < 8; b++)
		f->mem[ipa + b] = (uint8_t)(val >> (8 * b));
}

uint64_t fk_r64(struct fake *f, uint64_t ipa)
{
	uint64_t v = 0;
	unsigned b;

	for (b = 0; b < 8; b++)
		v |= (uint64_t)f->mem[ipa + b] << (8 * b);
	return v;
}

const uint64_t *fk_pste(const struct fake *f, unsigned psmmu, uint32_t psid)
{
	unsigned i;

	for (i = 0; i < f->nstes; i++)
		if (f->stes[i].psmmu == psmmu && f->stes[i].psid == psid)
			return f->stes[i].ste;
	return NULL;
}

unsigned fk_count(const struct fake *f, char kind, int op)
{
	unsigned i, n = 0;

	for (i = 0; i < f->nlog; i++)
		if (f->log[i].kind == kind &&
		    (op < 0 || kind != 'C' || VS_FIELD_GET(CMD0_OP, f->log[i].cmd[0]) == (unsigned)op))
			n++;
	return n;
}

void fk_clear_log(struct fake *f)
{
	f->nlog = 0;
}

int fk_report(const char *name)
{
	if (fk_failures) {
		fprintf(stderr, "%s: %d check(s) failed\n", name, fk_failures);
		return 1;
	}
	printf("%s: all checks passed\n", name);
	return 0;
}

uint32_t rd32(struct vsmmu *v, uint64_t off)
{
	return (uint32_t)vsmmu_mmio_read(v, off, 4);
}

void wr32(struct vsmmu *v, uint64_t off, uint32_t val)
{
	vsmmu_mmio_write(v, off, 4, val);
}

void wr64(struct vsmmu *v, uint64_t off, uint64_t val)
{
	vsmmu_mmio_write(v, off, 8, val);
}

void g_setup(struct vsmmu *v, uint32_t cr0)
{
	wr32(v, SMMU_CR2, (uint32_t)CR2_RECINVSID);
	wr64(v, SMMU_STRTAB_BASE, G_STRTAB);
	wr32(v, SMMU_STRTAB_BASE_CFG, 8);
	wr64(v, SMMU_CMDQ_BASE, G_CMDQ | 8);
	wr32(v, SMMU_CMDQ_PROD, 0);
	wr32(v, SMMU_CMDQ_CONS, 0);
	wr64(v, SMMU_EVENTQ_BASE, G_EVTQ | 6);
	wr32(v, SMMU_EVENTQ_PROD, 0);
	wr32(v, SMMU_EVENTQ_CONS, 0);
	wr32(v, SMMU_IRQ_CTRL, (uint32_t)(IRQ_CTRL_GERROR_IRQEN | IRQ_CTRL_EVENTQ_IRQEN));
	if (cr0)
		wr32(v, SMMU_CR0, cr0);
}

void g_ste(struct fake *f, uint32_t vsid, uint64_t dw0, uint64_t dw1)
{
	uint64_t a = G_STRTAB + (uint64_t)vsid * STE_SIZE;
	unsigned i;

	fk_w64(f, a, dw0);
	fk_w64(f, a + 8, dw1);
	for (i = 2; i < STE_DWORDS; i++)
		fk_w64(f, a + 8 * i, 0);
}

void g_cmd(struct vsmmu *v, struct fake *f, uint64_t dw0, uint64_t dw1)
{
	uint64_t base = vsmmu_mmio_read(v, SMMU_CMDQ_BASE, 8);
	unsigned qs = (unsigned)VS_FIELD_GET(Q_BASE_LOG2SIZE, base);
	uint32_t prod = rd32(v, SMMU_CMDQ_PROD);
	uint64_t a = vs_q_entry(base & Q_BASE_ADDR, prod, qs, CMD_SHIFT);

	fk_w64(f, a, dw0);
	fk_w64(f, a + 8, dw1);
	wr32(v, SMMU_CMDQ_PROD, vs_q_inc(prod, qs));
}

void g_put(struct fake *f, unsigned slot, uint64_t dw0, uint64_t dw1)
{
	fk_w64(f, G_CMDQ + (uint64_t)slot * CMD_SIZE, dw0);
	fk_w64(f, G_CMDQ + (uint64_t)slot * CMD_SIZE + 8, dw1);
}

void g_evt(struct fake *f, unsigned n, uint64_t rec[EVT_DWORDS])
{
	unsigned i;

	for (i = 0; i < EVT_DWORDS; i++)
		rec[i] = fk_r64(f, G_EVTQ + (uint64_t)n * EVT_SIZE + 8 * i);
}

uint64_t cmd0(unsigned op)
{
	return VS_FIELD_PREP(CMD0_OP, op);
}

void fk_defect(const char *name)
{
	if (name)
		setenv("VSMMU_DEFECT", name, 1);
	else
		unsetenv("VSMMU_DEFECT");
}

struct vsmmu *new_vsmmu(struct fake *f, struct vsmmu_host *h, const struct vsmmu_config *cfg)
{
	struct vsmmu_config c;
	struct vsmmu_env e = fk_env(f);

	if (!cfg) {
		vsmmu_config_default(&c);
		c.s2.ste_dw3 = 0x7000000;
		if (h)
			VS_FIELD_SET(c.s2.ste_dw2, STE2_S2VMID, 1 + f->vmids++);
		cfg = &c;
	}
	return vsmmu_create(h, cfg, &e);
}

struct vsmmu *fk_new_planted(struct fake *f, const char *defect)
{
	struct vsmmu *v;

	fk_init(f);
	fk_defect(defect);
	v = new_vsmmu(f, NULL, NULL);
	fk_defect(NULL);
	return v;
}
