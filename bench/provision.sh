# Request to ready for the test scenario's stack on the local provisioner: PostgreSQL cluster from the seeded template,
# npm dependencies from the cache, app health. Median of RUNS (default 7) after one warm-up that fills the caches;
# first_ever_s is that warm-up, which also seeded the template unless an earlier build had.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/engine-main.sh
engine_main dev.provingground.provisioning.ProvisionBenchmark "${RUNS:-7}"
