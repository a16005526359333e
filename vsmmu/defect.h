/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * defect.h - planted defects for `make detect` and the oracle self-tests.
 *
 * A defect is a realistic mistake a vSMMU author makes, planted in the code
 * it belongs to behind VS_DEFECT(v, NAME). Only the test variant of the
 * library (vsmmu/libvsmmu-defects.la, compiled with -DVSMMU_DEFECTS, never
 * installed) contains them: there the environment variable VSMMU_DEFECT=NAME,
 * read once by vsmmu_host_create, selects at most one. In the shipped
 * library VS_DEFECT() is the constant false and the defect code is compiled
 * out. This header is private to vsmmu/ and the test tools.
 *
 * VS_DEFECT_LIST is the one table of defects: X(NAME, "In", "what it does"),
 * "In" being the invariant whose check must catch it (or "crash" when a
 * sanitizer or the engine's crash detection must).
 */
#ifndef VSMMU_DEFECT_H
#define VSMMU_DEFECT_H

#include <stdbool.h>

#define VS_DEFECT_LIST(X) \
	X(S1_ONLY_STE, "I1", "install stage-1-only physical STEs (no stage 2)") \
	X(GUEST_S2_BITS, "I1", "copy the guest's STE dword 2 into the physical STE") \
	X(WRONG_PSID, "I2", "install the physical STE at pSID ^ 1") \
	X(LEAK_PSID, "I5", "forward events carrying the physical StreamID") \
	X(KEEP_GUEST_VMID, "I6", "forward TLBI commands with the guest's VMID field") \
	X(NO_BUDGET, "I7", "drain the whole command queue in one trap") \
	X(LEAK_MEMORY, "I8", "keep stream state allocated after unassign") \
	X(SHADOW_STRTAB_ALLOC, "I8", "shadow the guest's stream table in an allocation sized by its LOG2SIZE") \
	X(CR0ACK_STUCK, "I9", "CR0ACK never follows CR0") \
	X(ASSERT_RESERVED_STE, "crash", "assert() that a guest STE's S1DSS is not the reserved 0b11") \
	X(SHIFT_GUEST_32, "crash", "CFGI_STE_RANGE mask as 1u << (Range + 1): a 32-bit shift by 32") \
	X(TLBI_ASID_UNSCOPED, "I6", "forward TLBI_NH_ASID rebuilt from the ASID alone (VMID 0)") \
	X(NSNH_ALL_PASSTHROUGH, "I6", "forward a guest TLBI_NSNH_ALL as is (flushes every VMID)") \
	X(CFGI_RANGE_PASSTHROUGH, "I6", "also forward CFGI_STE_RANGE with the guest's Range") \
	X(GBPA_BYPASS_NO_S2, "I1", "GBPA bypass while SMMUEN=0 installs Config=bypass (no stage 2)") \
	X(ROUTE_IGNORES_PSMMU, "I5", "route physical events by pSID alone, whatever the pSMMU") \
	X(ROUTE_NOT_REMOVED, "I5", "unassign leaves the stream's event route behind") \
	X(CMDQ_CONS_STALE_MASK, "I9", "CMDQ_CONS reads back unmasked after CMDQ_BASE shrinks") \
	X(SYNC_TIMEOUT_AS_DONE, "I11", "a guest CMD_SYNC completes although the physical sync timed out") \
	X(NO_TEARDOWN_INV, "I10", "no CFGI_STE after unassign/destroy") \
	X(HIDE_PHYS_FAIL, "I11", "report physical command failures as success") \
	X(BLAME_SYNCER, "I11", "a failed physical command fails whoever syncs that SMMU next, not its guest") \
	X(VMID_NOT_RETIRED, "I10", "vsmmu_destroy leaves the guest's VMID in the physical TLBs") \
	X(VMID_RETIRE_CURRENT_ONLY, "I10", "vsmmu_destroy retires the VMID only on physical SMMUs the guest still has a stream on") \
	X(STE_DW0_ONLY, "I12", "read only dword 0 of the guest STE (the rest taken as zero)") \
	X(SKIP_UNKNOWN_OPCODE, "I12", "consume unknown command opcodes as no-ops instead of CERROR_ILL") \
	X(CONST_SPLIT, "I12", "index a 2-level stream table with SPLIT=8 whatever the guest chose") \
	X(FMT_STICKY, "I12", "keep walking a 2-level stream table after the guest switched to linear") \
	X(SID_BOUND_OFF_BY_ONE, "I12", "accept StreamID == 2^LOG2SIZE as inside the stream table") \
	X(CONS_ERR_NOT_SET, "I12", "raise GERROR.CMDQ_ERR without writing CMDQ_CONS.ERR") \
	X(SYNC_MSI_SKIPPED, "I12", "CMD_SYNC CS=SIG_IRQ raises the wired line but writes no MSI") \
	X(MSI_DATA_WRONG, "I12", "CMD_SYNC MSI payload taken from dword 0 bits [31:0] instead of MSIData") \
	X(MSI_BEFORE_CONS, "I12", "CMD_SYNC MSI written before CMDQ_CONS has passed the CMD_SYNC") \
	X(IRQ_CFG_UNGUARDED, "I12", "*_IRQ_CFG0/1/2 writes taken while their IRQ_CTRL enable is set") \
	X(MSI_ABT_NOT_RAISED, "I12", "an aborted MSI write leaves GERROR.MSI_*_ABT_ERR inactive") \
	X(STE_EATS_PASSTHROUGH, "I1", "pass the guest's STE.EATS to the physical nested STE") \
	X(STE_DW4_COPIED, "I1", "copy the guest's STE dwords 4-7 into the physical STE") \
	X(EVENT_NOT_SCRUBBED, "I5", "forward physical event dw1-dw3 unchanged (only the SID rewritten)") \
	X(WRONG_STREAM_SAME_GUEST, "I2", "install by pSID alone: the guest's first stream with that pSID, on any physical SMMU") \
	X(PER_TRAP_BUDGET_REMOVED, "I7", "drop the 64-commands-per-trap budget, keeping only the total work bound") \
	X(CMD_BUDGET_OFF_BY_ONE, "I7", "stop a trap's command loop after budget + 1 commands (done > budget)") \
	X(EVTQ_LOG2SIZE_CLAMPED_BY_CMDQS, "I12", "clamp EVENTQ_BASE.LOG2SIZE with IDR1.CMDQS instead of EVENTQS") \
	X(SYNC_POLL_UNBOUNDED, "I7", "re-issue a physical CMD_SYNC that did not complete until it does (8192 tries)") \
	X(S2_PERM_FORWARDED, "I5", "forward a physical stage-2 permission fault to the guest whose device caused it") \
	X(RIL_NUM_OFF_BY_ONE, "I6", "split a range TLBI for a RIL-less SMMU into NUM << SCALE granules (NUM taken as the count)") \
	X(RIL_SCALE_IGNORED, "I6", "forward a range TLBI to a RIL SMMU without its SCALE") \
	X(RIL_LEAF_FORCED, "I6", "split a range TLBI into single-address TLBIs with Leaf=1 whatever the guest's Leaf") \
	X(RIL_SPLIT_UNSCOPED, "I6", "split a range TLBI into single-address TLBIs carrying the guest's VMID field") \
	X(RIL_SPLIT_UNBOUNDED, "I7", "split a range TLBI into one TLBI per granule however many (up to 2^16)") \
	X(RIL_SPLIT_4K_STRIDE, "I6", "split a range TLBI at a 4K stride whatever its TG") \
	X(TLBI_SKIPS_PAST_PSMMU, "I6", "forward guest TLBIs only to physical SMMUs the guest has a stream on now") \
	X(RIL_ALWAYS_ADVERTISED, "I12", "IDR3 a constant with RIL set, whatever vsmmu_config.ril says") \
	X(STICKY_PHYS_ERROR, "I11", "a physical failure re-done successfully is reported anyway (CERROR_ABT) at the guest's next CMD_SYNC") \
	X(EVTQ_ABORT_HOST_LATCH, "I12", "an aborted event record write latched on the host and reported at the next event write, whichever guest's") \
	X(EVTQ_WRITE_ABORT_DROPPED, "I12", "an event record write that aborted dropped like a record for a full queue: no EVENTQ_ABT_ERR") \
	X(EVTQ_DISABLED_REPLAYED, "I5", "a record dropped while EVENTQEN=0 kept and written before the next record once the queue is on") \
	X(PHYS_FAIL_AS_MSI_ABT, "I12", "a guest CMD_SYNC failed by a physical failure (CERROR_ABT) also activates GERROR.MSI_CMDQ_ABT_ERR") \
	X(SYNC_IRQ_MSI_ONLY, "I12", "a CMD_SYNC with CS=SIG_IRQ and an MSIAddress signals by MSI only: its wired line is not pulsed") \
	X(INVALID_STE_AS_ABORT, "I12", "a guest STE with V=0 installed as an abort STE: transactions abort silently, no C_BAD_STE reaches the guest") \
	X(EVTQ_FULL_AS_ABT, "I12", "a record for a full event queue activates GERROR.EVENTQ_ABT_ERR instead of toggling EVENTQ_PROD.OVFLG") \
	X(L2_SPAN_FULL, "I12", "a level-2 stream table taken as 2^Span STEs instead of 2^(Span-1)") \
	X(L2_RANGE_AS_BAD_STE, "I12", "a StreamID beyond its level-2 table reported as C_BAD_STE (whatever CR2.RECINVSID) instead of C_BAD_STREAMID") \
	X(REG64_HI_DROPPED, "I12", "64-bit registers decoded as 32-bit: writes to their upper halves are lost") \
	X(CMD_FETCH_ABT_SKIPPED, "I12", "a command that cannot be read from guest memory skipped (CONS moves on) instead of stopping the queue with CERROR_ABT") \
	X(ILLEGAL_STE_SILENT, "I12", "an ILLEGAL guest STE installed as an abort STE with no C_BAD_STE, neither at its load nor per transaction") \
	X(STE_FETCH_ABT_SILENT, "I12", "an STE whose fetch aborted installed as an abort STE with no F_STE_FETCH, neither at its load nor per transaction") \
	X(EVTQ_IRQ_UNGATED, "I12", "the event queue's wired line pulses for every record written, whatever IRQ_CTRL.EVENTQ_IRQEN says (the MSI stays gated)")

enum vs_defect {
	VS_DEFECT_NONE = 0,
#define VS_DEFECT_ENUM(name, inv, what) VS_DEFECT_##name,
	VS_DEFECT_LIST(VS_DEFECT_ENUM)
#undef VS_DEFECT_ENUM
	VS_DEFECT_NR
};

#ifdef VSMMU_DEFECTS
#define VS_DEFECT(v, name) ((v)->defect == VS_DEFECT_##name)
/* The defect VSMMU_DEFECT names, VS_DEFECT_NONE when unset; an unknown
 * name is a fatal setup error of the test run (a message and exit 99), so a
 * typo cannot make a detection run test the unmodified library. */
unsigned vs_defect_from_env(void);
#else
#define VS_DEFECT(v, name) ((void)(v), false)
#endif

#endif /* VSMMU_DEFECT_H */
