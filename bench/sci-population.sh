# A simulated population of learners (LEARNERS, default 10,000; SEED) through the real SCI calculator (rubrics/sci.yaml)
# and the shipped tier decision (processes/sci-tier.dmn): the spread of SCI, the share of each tier, and the standing of
# the seed's average practitioner (19 / 28 / 14 / 10, SCI 74, tier 3 in the seed). The population's distributions are
# stated in SciPopulationBenchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/engine-main.sh
engine_main dev.provingground.sci.SciPopulationBenchmark "${LEARNERS:-10000}" "${SEED:-20261203}"
