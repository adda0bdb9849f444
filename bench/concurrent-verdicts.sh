# N learners at once (LEVELS, default 1,4,8,12) each check a Track 1 scenario's reference solution, an alternative fix
# or a fake, all pressing Check at the same moment on real local stacks. Per N: false passes, false fails, inconclusive
# re-runs, queue wait and turnaround (p50, p95). Goal: no false verdict at any N, queue wait p95 <= 90 s at N = 8.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/engine-main.sh
engine_main dev.provingground.checks.ConcurrentVerdictsBenchmark "${LEVELS:-1,4,8,12}" "${CAPACITY:-0}"
