# The terminal's keystroke-to-echo round trip through the WebSocket and the pseudo-terminal in the stack, on loopback:
# p50 and p99 over KEYSTROKES keystrokes (default 1000) with the stack idle, then while its check load runs, and the
# ratio of the two p99s. Goal: p99 <= 50 ms under load.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/engine-main.sh
engine_main dev.provingground.diagnostics.TerminalEchoBenchmark "${KEYSTROKES:-1000}"
