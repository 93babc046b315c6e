#!/usr/bin/env bash
# Browser tests of dyad's web UI.
#
#   tests/browser/run.sh [path/to/dyad]      (default: target/release/dyad; builds nothing)
#
# Starts `dyad demo` on a free loopback port with a fresh store, waits for /api/health, runs
# tests/browser/ui.test.mjs (node's test runner + playwright-core driving Debian chromium),
# saves screenshots to tests/browser/artifacts/, stops the server, and exits non-zero on any
# failure. Needs node >= 20, npm and /usr/bin/chromium (apt-get install -y chromium); the
# pinned playwright-core is installed from package-lock.json with `npm ci` when missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-${DYAD_BIN:-$root/target/release/dyad}}"
chromium="${CHROMIUM:-/usr/bin/chromium}"

if [[ ! -x "$bin" ]]; then
  echo "run.sh: no dyad binary at $bin (build it first: cargo build --release)" >&2
  exit 2
fi
if [[ ! -x "$chromium" ]]; then
  echo "run.sh: no chromium at $chromium (apt-get install -y chromium)" >&2
  exit 2
fi
command -v node >/dev/null || { echo "run.sh: node is not installed" >&2; exit 2; }

# The binary's path may be relative to the caller's directory: make it absolute before cd.
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

cd "$here"
if [[ ! -d node_modules/playwright-core ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
work="$(mktemp -d "${TMPDIR:-/tmp}/dyad-browser.XXXXXX")"
mkdir -p "$here/artifacts"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  cp "$work/server.log" "$here/artifacts/server.log" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" demo --addr "127.0.0.1:$port" --db "$work/demo.db" >"$work/server.log" 2>&1 &
server_pid=$!

url="http://127.0.0.1:$port"
ready=""
for _ in $(seq 1 120); do
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "run.sh: dyad demo exited early:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$url/api/health"; then
    ready=1
    break
  fi
  sleep 0.5
done
if [[ -z "$ready" ]]; then
  echo "run.sh: $url/api/health did not answer within 60 s" >&2
  cat "$work/server.log" >&2
  exit 1
fi

echo "run.sh: dyad demo at $url (store $work/demo.db); screenshots in $here/artifacts/"
status=0
DYAD_URL="$url" CHROMIUM="$chromium" ARTIFACTS="$here/artifacts" \
  node --test --test-concurrency=1 --test-reporter=spec ui.test.mjs || status=$?
exit "$status"
