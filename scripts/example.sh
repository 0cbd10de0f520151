#!/usr/bin/env bash
# The main job on the bundled example corpus (the five seed dispatches):
# builds veille, ingests examples/seeds into a fresh store and prints what it holds.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${VEILLE_DB:-./veille-data/example}"
cargo build --release --locked --bin veille
veille=./target/release/veille
rm -rf "$db"
"$veille" --db "$db" ingest examples/seeds
"$veille" --db "$db" docs
for id in $("$veille" --db "$db" docs --json | sed -n 's/.*"source_id": "\(.*\)".*/\1/p'); do
  echo
  "$veille" --db "$db" show "$id"
done
# what the record holds: copies, stories, figures with who claims them, denials, entities
for cmd in dupes stories events "facts" "stances" "entities --limit 25"; do
  echo
  echo "== veille $cmd"
  # shellcheck disable=SC2086
  "$veille" --db "$db" $cmd
done
