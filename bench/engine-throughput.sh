# Scenario-run instances completed per second through the engine, stack work excluded (INSTANCES, default 1000, on
# THREADS client threads, default 4). Goal: at least 100 per second. Also prints, from the same run, the rate of a
# process with one user task, and the ratio of the two.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/engine-main.sh
engine_main dev.provingground.workflow.EngineThroughputBenchmark "${INSTANCES:-1000}" "${THREADS:-4}" "$@"
