#!/usr/bin/env bash
# Installs the system tools the benchmarks and the browser test use but the
# build does not need: wrk (HTTP load, `cargo xtask bench serve`), chromium
# (headless, for crates/veille-server/tests/browser.rs, which skips without it). Debian/Ubuntu, apt-get; run as
# root or with sudo available. Idempotent: does nothing when all are present.
set -euo pipefail
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
    echo "test dependencies present: wrk chromium"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "missing: ${missing[*]}; install them with your package manager (no apt-get here)" >&2
    exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "installed: ${missing[*]}"
