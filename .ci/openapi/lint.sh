#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
#
# lint.sh: checks internal/web/openapi.json with Redocly CLI's recommended
# rules (redocly.yaml). Warnings fail the check as errors do: the document
# is kept free of both. Installs the pinned CLI (package-lock.json) first
# when it is missing or older than the lock file.
#
#   bash .ci/openapi/lint.sh [FILE]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
doc=$(realpath "${1:-$root/internal/web/openapi.json}")

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
	echo "openapi lint: Node.js 20.19 or later is needed" >&2
	exit 1
fi
if [ ! "$here/node_modules/.package-lock.json" -nt "$here/package-lock.json" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

# No usage reports and no update checks: CI runs offline and answers to nobody.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
cd "$here"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# redocly exits non-zero on errors only; the JSON report counts warnings too.
status=0
./node_modules/.bin/redocly lint --config redocly.yaml --format=json --max-problems=1000 "$doc" >"$out" 2>/dev/null || status=$?
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
for (const p of r.problems) {
  const at = (p.location[0] || {});
  console.log(`${p.severity}\t${p.ruleId}\t${at.pointer || ""} (line ${(at.start || {}).line || "?"})\t${p.message}`);
}
console.log(`openapi lint (redocly ${r.version}, recommended rules): ${r.totals.errors} errors, ${r.totals.warnings} warnings`);
process.exit(r.totals.errors + r.totals.warnings > 0 ? 1 : 0);
' "$out" || status=1
exit "$status"
