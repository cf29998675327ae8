#!/usr/bin/env bash
# Formats every C++ file with clang-format; with --check, prints what would change and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find . -name '*.[ch]pp' -not -path './build*')
[ ${#files[@]} -gt 0 ] || exit 0
if [ "${1:-}" = "--check" ]; then
  status=0
  for file in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$file" >/dev/null 2>&1; then
      echo "format: $file needs clang-format; run scripts/format.sh" >&2
      diff -u "$file" <(clang-format "$file") | head -40 >&2 || true
      status=1
    fi
  done
  [ $status -eq 0 ] && echo "format: clean"
  exit $status
fi
clang-format -i "${files[@]}"
