#!/bin/sh
# check-spdx.sh - list the source files that lack the license line
#   SPDX-License-Identifier: BSD-2-Clause
# (C and header files, shell scripts, make fragments, Makefile.am,
# configure.ac) and exit 1 if there is any; exit 0 when every one has it.
#
#   sh scripts/check-spdx.sh [TOPDIR]     (default: the tree this script is in)
#
# In a git checkout the tracked files are checked; in an unpacked tarball
# every matching file outside the autotools' own directories.
set -u
top=${1:-$(dirname "$0")/..}
cd "$top" || exit 2
tag='SPDX-License-Identifier: BSD-2-Clause'

list() {
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files -- '*.c' '*.h' '*.sh' '*.mk' 'Makefile.am' '*/Makefile.am' 'configure.ac'
	else
		find . \( -name .git -o -name autom4te.cache -o -name build-aux \) -prune -o \
			-type f \( -name '*.c' -o -name '*.h' -o -name '*.sh' -o -name '*.mk' \
			-o -name Makefile.am -o -name configure.ac \) -print | sed 's|^\./||'
	fi
}

missing=0
total=0
for f in $(list | LC_ALL=C sort); do
	total=$((total + 1))
	# The line belongs near the top: the first 5 lines.
	if ! head -n 5 "$f" | grep -qF "$tag"; then
		echo "$f"
		missing=$((missing + 1))
	fi
done
if [ "$missing" -ne 0 ]; then
	echo "check-spdx: $missing of $total file(s) lack '$tag'" >&2
	exit 1
fi
echo "check-spdx: all $total file(s) carry '$tag'"
exit 0
