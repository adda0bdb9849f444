# "Check my solution" to the last verdict, for each Track 1 scenario with its reference solution in place: median of
# RUNS (default 3), plus how long each scenario's stack took to provision (seeded templates come from the cache after
# a warm-up provision; with the solution in place, building its index is part of provisioning). Goal: <= 20 s each.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/engine-main.sh
engine_main dev.provingground.checks.CheckTurnaroundBenchmark "${RUNS:-3}"
