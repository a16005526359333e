# SPDX-License-Identifier: BSD-2-Clause
# tests/triage.mk - tests of the triage and campaign tools (docs/fuzzing.md):
# a crash printed as a scenario replays with the target's verdict, crash
# signatures are stable and name the right thing, a campaign report is
# well-formed, and the committed seeds hold no byte-identical files.
TESTS += tests/triage/print-replay.sh tests/triage/signature-test.sh \
	tests/triage/report-test.sh tests/triage/triage-test.sh tests/triage/seed-dups.sh \
	tests/triage/campaign-test.sh tests/triage/scenario-sig-test.sh tests/triage/dedupe-test.sh
EXTRA_DIST += tests/triage/print-replay.sh tests/triage/signature-test.sh \
	tests/triage/report-test.sh tests/triage/triage-test.sh tests/triage/seed-dups.sh \
	tests/triage/campaign-test.sh tests/triage/scenario-sig-test.sh tests/triage/dedupe-test.sh \
	tests/triage/lib.sh \
	scripts/crash-signature.sh
# scripts/afl-campaign.sh and make fuzz-afl's campaign over a stand-in afl-fuzz.
TESTS += tests/triage/afl-campaign-test.sh
EXTRA_DIST += tests/triage/afl-campaign-test.sh
