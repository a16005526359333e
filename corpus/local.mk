# SPDX-License-Identifier: BSD-2-Clause
# corpus/: committed fuzz inputs, one directory per fuzz target.
#   corpus/T/               seeds for target T (make fuzz starts from them,
#                           make check replays them: tests/T.replay)
#   corpus/regressions/T/   inputs that once found a bug in T (replayed too)
# The whole directory goes into the tarball (dist-hook in Makefile.am), so
# adding an input needs no build change.
EXTRA_DIST += corpus/README.md
