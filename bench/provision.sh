# Request to ready for the test scenario's stack: PostgreSQL from the seeded template (or image), npm dependencies from
# the cache, app health. Median of RUNS (default 7) after one warm-up that fills the caches; first_ever_s is that
# warm-up, which also seeded the template unless an earlier build had. PROVISIONERS=docker measures the Docker
# provisioner too, turn by turn with the local one, and prints docker_to_local (needs a Docker engine).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/engine-main.sh
engine_main dev.provingground.provisioning.ProvisionBenchmark "${RUNS:-7}" item-lookup "${PROVISIONERS:-local}"
