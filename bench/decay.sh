# The daily freshness-and-tier recompute over 1,000,000 learner-skill rows (ROWS), median of RUNS (default 3) runs,
# each a day after the one before. Goal: at most 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/engine-main.sh
engine_main dev.provingground.sci.DecayBenchmark "${ROWS:-1000000}" "${RUNS:-3}"
