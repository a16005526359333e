#!/bin/bash -eu
# SPDX-License-Identifier: BSD-2-Clause
# ClusterFuzzLite build script: the same script as OSS-Fuzz's.
set -euo pipefail
bash "$SRC/vsmmu-fuzz/scripts/oss-fuzz-build.sh"
