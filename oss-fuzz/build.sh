#!/bin/bash -eu
# SPDX-License-Identifier: BSD-2-Clause
# OSS-Fuzz build script (projects/vsmmu-fuzz/build.sh): the project's own
# script does the work, so OSS-Fuzz, ClusterFuzzLite and `make check`
# (tests/oss-fuzz-build.sh) build the targets the same way.
set -euo pipefail
bash "$SRC/vsmmu-fuzz/scripts/oss-fuzz-build.sh"
