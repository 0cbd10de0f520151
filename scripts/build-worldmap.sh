#!/usr/bin/env bash
# Rebuilds crates/veille-server/src/ui/world.svg (committed: the server and
# its users never need node). Needs node and npm; installs world-atlas and
# topojson-client, pinned, in a temporary folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund world-atlas@2.0.2 topojson-client@3.1.0)
node "$root/scripts/build-worldmap.mjs" "$tmp/node_modules" > "$root/crates/veille-server/src/ui/world.svg"
echo "wrote crates/veille-server/src/ui/world.svg ($(wc -c < "$root/crates/veille-server/src/ui/world.svg") bytes)"
