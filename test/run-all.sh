#!/usr/bin/env bash
# Everything the tests need, then every check: build, types, lint, unit and lab tests, end-to-end in Chromium.
# The runners' summaries come last; the exit status is non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."

bash test/lab/system-packages.sh || exit 1
npm run --silent build || exit 1
npm run --silent typecheck || exit 1
npm run --silent lint || exit 1

status=0
npx vitest run || status=1
npx playwright test || status=1
exit $status
