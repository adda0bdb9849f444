# What a measured window's CPU pressure looks like in three conditions (a quiet host, neighbours running busy loops in
# their stacks, busy loops beside the platform outside every stack), for a correct fix and a fake that only latency
# catches: the figures that chose the noise guard's threshold (ADR 0019). RUNS checks per case (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/engine-main.sh
engine_main dev.provingground.checks.NoiseCalibrationBenchmark "${RUNS:-3}"
