#!/usr/bin/env bash
# Creates .venv-bench (git-ignored) with datasketch 2.0.0 from PyPI for the
# peer benchmark of `cargo xtask bench dupes`. Idempotent: does nothing when
# the venv already has it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.venv-bench"
py="$venv/bin/python"
if [ -x "$py" ] && "$py" -c 'import datasketch, sys; sys.exit(0 if datasketch.__version__ == "2.0.0" else 1)' 2>/dev/null; then
    exit 0
fi
if [ ! -x "$py" ]; then
    python3 -m venv "$venv"
fi
"$py" -m pip install --quiet --disable-pip-version-check "datasketch==2.0.0"
"$py" -c 'import datasketch; print("datasketch", datasketch.__version__, "ready in .venv-bench")'
