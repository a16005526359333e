# SPDX-License-Identifier: BSD-2-Clause
# tests/detect.mk - make check tests of `make detect` (docs/detect.md): the
# crash-class planted defects die on committed inputs, and the driver
# scripts/detect.sh works on a few quick defects.
TESTS += tests/detect-crash.sh tests/detect-driver.sh
EXTRA_DIST += tests/detect-crash.sh tests/detect-driver.sh \
	tests/detect/assert-reserved-ste.scn tests/detect/shift-guest-32.scn
# detect-crash.sh skips its UBSan cases in a build without UBSan.
# detect-driver.sh replays with the configured engine's twins (fuzz/detect.mk).
AM_TESTS_ENVIRONMENT += VS_INSTR_CFLAGS='$(VS_INSTR_CFLAGS)'; export VS_INSTR_CFLAGS; \
	FUZZ_ENGINE='$(FUZZ_ENGINE)'; export FUZZ_ENGINE;
