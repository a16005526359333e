# SPDX-License-Identifier: BSD-2-Clause
# docs/: project documentation (distributed, not installed). Every file in
# docs/ goes into the tarball (DIST_COPIED_DIRS in Makefile.am).
