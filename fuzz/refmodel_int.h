/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * refmodel_int.h - what the reference model's files share (not an API):
 * refmodel.c (lifecycle, observation dispatch, reporting), refmodel_regs.c
 * (register file), refmodel_strtab.c (stream table, SteIllegal, physical
 * comparison), refmodel_cmdq.c (command legality and consumption),
 * refmodel_evtq.c (event queue records and positions), refmodel_msi.c (MSIs),
 * refmodel_irq.c (wired lines), refmodel_idr.c (ID registers).
 */
#ifndef VSMMU_FUZZ_REFMODEL_INT_H
#define VSMMU_FUZZ_REFMODEL_INT_H

#include "fuzz/refmodel.h"
#include "vsmmu/smmuv3_queue.h"

/* Record the op's first difference (printf-style "field=... expected=... seen=..."). */
void rm_fire(struct refmodel *m, int g, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
uint32_t rm_probe(struct refmodel *m, int g, uint32_t off);
/* Can a fault of the platform have reached guest g? (sticky G->phys_faults) */
bool rm_faults(struct refmodel *m, int g);

/* The errors whose activation raises the GERROR interrupt (MSI and wired
 * line): all but MSI_GERROR_ABT_ERR (7.5.1). */
#define RM_GERROR_IRQ_ERRS ((uint32_t)GERROR_ERR_MASK & ~(uint32_t)GERROR_MSI_GERROR_ABT_ERR)

/* Effective LOG2SIZE of the guest's queues (capped at the IDR1 maximum);
 * the rest of the queue arithmetic is vsmmu/smmuv3_queue.h. */
unsigned rm_cmdq_qs(const struct rm_guest *G);
unsigned rm_evtq_qs(const struct rm_guest *G);

/* Registers (refmodel_regs.c). */
void rm_regs_reset(struct refmodel *m, int g);
/* The ID registers against the AIDR version and the guest's options
 * (refmodel_idr.c); after rm_regs_reset has probed them. */
void rm_idr_check(struct refmodel *m, int g);
void rm_regs_write32(struct refmodel *m, int g, uint32_t off, uint32_t val);
void rm_regs_on_write(struct refmodel *m, int g, uint64_t off, unsigned size, uint64_t val);
/* The GERROR bits of `bits` toggled in GERRORN while inactive
 * (UNPREDICTABLE): GERROR (gerr, as just observed) and GERRORN taken as the
 * vSMMU shows them, and judged again from here. */
void rm_gerror_adopt_loose(struct refmodel *m, int g, uint32_t bits, uint32_t gerr);
void rm_regs_read_check(struct refmodel *m, int g, uint64_t off, unsigned size, uint64_t val);
void rm_regs_check_all(struct refmodel *m, int g);
void rm_regs_check_dynamic(struct refmodel *m, int g);
void rm_regs_check_written(struct refmodel *m, int g, uint64_t off, unsigned size);
bool rm_smmuen(const struct rm_guest *G);

/* Streams (refmodel_strtab.c). */
void rm_streams_load_all(struct refmodel *m, int g);
void rm_streams_cfgi(struct refmodel *m, int g, uint32_t sid, unsigned log2n);
void rm_streams_sync(struct refmodel *m, int g);
void rm_streams_refresh(struct refmodel *m, int g);
/* The hypervisor wrote [ipa, ipa+len) for guest g: STEs under it are clobbered. */
void rm_streams_clobber(struct refmodel *m, int g, uint64_t ipa, uint64_t len);
void rm_streams_compare(struct refmodel *m, int g, bool full);
bool rm_stream_may_be(const struct rm_guest *G, uint32_t vsid, unsigned kind);

/* Command queue (refmodel_cmdq.c). */
void rm_cmdq_observe(struct refmodel *m, int g);
void rm_cmdq_run_begin(struct refmodel *m, int g);
void rm_cmdq_run_end(struct refmodel *m, int g);
void rm_cmdq_run_skipped(struct refmodel *m, int g);

/* MSIs (refmodel_msi.c). */
void rm_msi_observed(struct refmodel *m, int g, const struct rm_acc *a);
/* A CMD_SYNC consumed at position pos (index + wrap): its MSI, if any, is owed. */
void rm_msi_sync_consumed(struct refmodel *m, int g, const uint64_t cmd[CMD_DWORDS], uint32_t pos);
/* judge() of the command at idx: an MSI of this op overwrote the slot's
 * first word after it was consumed; rebuild the CMD_SYNC that was there. */
bool rm_msi_rebuild(const struct rm_guest *G, uint32_t idx, uint64_t cmd[CMD_DWORDS]);
/* The op-end judgements take GERROR as probed once at the end of the op. */
void rm_msi_op_end(struct refmodel *m, int g, uint32_t gerr);
uint64_t rm_irq_cfg0_keep(const struct rm_guest *G);
uint64_t rm_msi_addr(const struct rm_guest *G, uint64_t field);

/* Wired lines (refmodel_irq.c). */
void rm_irq_pulse(struct refmodel *m, int g, enum vsmmu_irq_line line);
void rm_irq_sync_consumed(struct refmodel *m, int g, const uint64_t cmd[CMD_DWORDS]);
/* Judge the op's pulses; before rm_msi_op_end (whose per-op state it reads). */
void rm_irq_op_end(struct refmodel *m, int g, uint32_t gerr);

/* Event queue (refmodel_evtq.c). */
void rm_evtq_access(struct refmodel *m, int g, const struct rm_acc *a);
void rm_evtq_observe(struct refmodel *m, int g);
void rm_evtq_dma(struct refmodel *m, int g, uint32_t vsid);
/* Judge the op's owed configuration events. */
void rm_evtq_op_end(struct refmodel *m, int g, uint32_t gerr);
/* The one kind every configuration stream i may use has (cur, memory now,
 * and with_old the older ones still permitted), or RM_K_ANY. */
unsigned rm_stream_sure_kind(struct refmodel *m, int g, unsigned i, bool with_old);

#endif /* VSMMU_FUZZ_REFMODEL_INT_H */
