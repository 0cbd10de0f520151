#!/usr/bin/env bash
# Runs every test of the workspace (the README's test command).
set -euo pipefail
cd "$(dirname "$0")/.."
# chromium (browser test) and wrk (load bench) from Debian; the tests needing them skip without.
bash scripts/install-test-deps.sh || echo "install-test-deps failed: the browser test will skip"
cargo test --workspace --all-targets --locked --no-fail-fast
