#!/usr/bin/env bash
# The main job on the bundled example corpus (the five seed dispatches):
# builds veille, ingests examples/seeds into a fresh store and prints the
# report of what it holds — each story's summary, dated timeline with who
# claims what, running tolls by claimant and contradictions.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${VEILLE_DB:-./veille-data/example}"
cargo build --release --locked --bin veille
veille=./target/release/veille
rm -rf "$db"
"$veille" --db "$db" ingest examples/seeds
"$veille" --db "$db" docs
echo
# the main job: the Markdown report (also written to $db/report.md)
"$veille" --db "$db" report --out "$db/report.md"
cat "$db/report.md"
# the record behind it: `veille show ID`, `veille facts`, `veille stances`,
# `veille entities`, `veille timeline --place Barda`, `veille export --format acled`
