/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * fake.h - a small fake environment for libvsmmu unit tests: guest RAM with
 * injectable aborts, counted allocations with a failure countdown, and a
 * recording physical SMMU interface with injectable statuses.
 */
#ifndef TESTS_VSMMU_FAKE_H
#define TESTS_VSMMU_FAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vsmmu/smmuv3_regs.h"
#include "vsmmu/smmuv3_queue.h"
#include "vsmmu/vsmmu.h"

#define FK_MEM_SIZE   (2u << 20)    /* guest RAM at IPA 0 */
#define FK_MAX_STE    512u
#define FK_MAX_LOG    4096u

struct fk_ste { unsigned psmmu; uint32_t psid; uint64_t ste[STE_DWORDS]; };
struct fk_msi { unsigned line; uint64_t addr; uint32_t data; bool aborted; uint32_t cmdq_cons; };
struct fk_op { char kind; unsigned psmmu; uint32_t psid; uint64_t cmd[CMD_DWORDS]; };

struct fake {
	uint8_t *mem;
	uint64_t rd_fail_lo, rd_fail_hi;    /* reads touching [lo, hi) fail */
	uint64_t wr_fail_lo, wr_fail_hi;
	long alloc_countdown;               /* <0: never fail; 0: fail this one */
	size_t bytes;
	unsigned live_allocs;
	struct fk_ste stes[FK_MAX_STE];
	unsigned nstes;
	struct fk_op log[FK_MAX_LOG];       /* 'I' install, 'C' command, 'S' sync */
	unsigned nlog;
	int install_status[VSMMU_MAX_PSMMU];
	int cmd_status[VSMMU_MAX_PSMMU];
	int sync_status[VSMMU_MAX_PSMMU];
	unsigned sync_timeouts[VSMMU_MAX_PSMMU];   /* next N syncs time out */
	unsigned irqs[VSMMU_IRQ_NR];
	unsigned traces[VSMMU_TRACE_MSI + 1];
	struct vsmmu_trace last_trace[VSMMU_TRACE_MSI + 1];
	bool quiet_log;                     /* do not record the op log (bench) */
	struct fk_msi msi[64];              /* MSIs written (VSMMU_TRACE_MSI), in order */
	unsigned nmsi;
	struct vsmmu *msi_watch;            /* if set: CMDQ_CONS read at each MSI */
	unsigned fences[VSMMU_MAX_PSMMU];   /* env.fence calls per physical SMMU */
	unsigned vmids;                     /* default-config vSMMUs made on a host */
	/* A shared physical queue whose commands fail late: the next
	 * late_fail[p] commands sent to psmmu p are accepted, then reported
	 * failed (CERROR_ILL) through vsmmu_host_phys_cmd_failed(report_to)
	 * by the next sync there, whoever issues it. */
	struct fake *phys;                  /* whose queue: NULL = this fake's */
	struct vsmmu_host *report_to;
	unsigned late_fail[VSMMU_MAX_PSMMU];
	struct { unsigned psmmu; uint64_t cmd[CMD_DWORDS]; } late[16];
	unsigned nlate;
};

void fk_init(struct fake *f);
void fk_fini(struct fake *f);
struct vsmmu_env fk_env(struct fake *f);
struct vsmmu_host_env fk_host_env(struct fake *f);

void fk_w64(struct fake *f, uint64_t ipa, uint64_t val);
uint64_t fk_r64(struct fake *f, uint64_t ipa);
/* The last STE installed at (psmmu, psid), or NULL. */
const uint64_t *fk_pste(const struct fake *f, unsigned psmmu, uint32_t psid);
/* Count log entries of kind (and opcode for 'C', or -1 for any). */
unsigned fk_count(const struct fake *f, char kind, int op);
void fk_clear_log(struct fake *f);

/* ---- test helpers ------------------------------------------------------- */
extern int fk_failures;
#define CHECK(c) do { if (!(c)) { fk_failures++; \
	fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #c); } } while (0)
#define CHECK_EQ(a, b) do { uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b); \
	if (a_ != b_) { fk_failures++; fprintf(stderr, "%s:%d: %s == 0x%llx, expected %s == 0x%llx\n", \
	__FILE__, __LINE__, #a, (unsigned long long)a_, #b, (unsigned long long)b_); } } while (0)
int fk_report(const char *name);

/* Guest layout used by the helpers. */
#define G_STRTAB   0x10000u    /* linear, 256 STEs (16 KiB) */
#define G_CMDQ     0x20000u    /* 2^8 commands */
#define G_EVTQ     0x30000u    /* 2^6 events */
#define G_CD       0x40000u
#define G_L1       0x50000u
#define G_L2       0x60000u

uint32_t rd32(struct vsmmu *v, uint64_t off);
void wr32(struct vsmmu *v, uint64_t off, uint32_t val);
void wr64(struct vsmmu *v, uint64_t off, uint64_t val);
/* Program linear strtab/queues, optionally enable. */
void g_setup(struct vsmmu *v, uint32_t cr0);
/* Write a guest STE (dw0, dw1; rest 0) at vsid in the linear table. */
void g_ste(struct fake *f, uint32_t vsid, uint64_t dw0, uint64_t dw1);
/* Queue one command at PROD (and publish it unless defer). */
void g_cmd(struct vsmmu *v, struct fake *f, uint64_t dw0, uint64_t dw1);
/* Write command slot (queue at G_CMDQ) without touching PROD. */
void g_put(struct fake *f, unsigned slot, uint64_t dw0, uint64_t dw1);
/* Read guest event record n (index in queue). */
void g_evt(struct fake *f, unsigned n, uint64_t rec[EVT_DWORDS]);
uint64_t cmd0(unsigned op);
/* Select planted defect name (vsmmu/defect.h) for the hosts and vSMMUs
 * created next, NULL for none. Only the *_defects twins of the tests (built
 * with VS_TEST_DEFECTS over libvsmmu-defects) plant anything. */
void fk_defect(const char *name);
/* cfg NULL: the defaults; on a host each such vSMMU gets its own VMID
 * (1, 2, ...: a host refuses two live vSMMUs with one VMID). */
struct vsmmu *new_vsmmu(struct fake *f, struct vsmmu_host *h, const struct vsmmu_config *cfg);
/* fk_init(f), then a host-less vSMMU with the defaults planting defect
 * (NULL: none; only the test variant plants). */
struct vsmmu *fk_new_planted(struct fake *f, const char *defect);

#endif
