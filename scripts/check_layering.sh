#!/usr/bin/env bash
# carriers/ is the pure engine: no Asio, curl, SQLite, spdlog or clock. Headers all live in
# /usr/include, so no build target can stop such an include; this grep does.
set -euo pipefail
cd "$(dirname "$0")/.."

forbidden='#include <(boost/|curl/|SQLiteCpp/|sqlite3|spdlog/|vtrguard/core/asio|vtrguard/core/clock|chrono>|thread>)'
if grep -rnE "$forbidden" carriers include/vtrguard/carriers; then
  echo "layering: carriers/ must stay pure (see docs/architecture.md)" >&2
  exit 1
fi
echo "layering: carriers/ is pure"
