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
	X(CR0ACK_STUCK, "I9", "CR0ACK never follows CR0") \
	X(NO_TEARDOWN_INV, "I10", "no CFGI_STE after unassign/destroy") \
	X(HIDE_PHYS_FAIL, "I11", "report physical command failures as success")

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
