# Evidence search latency: the platform on a fresh data directory (deleted afterwards), 100,000 generated evidence items
# bulk-loaded into OpenSearch (DOCUMENTS), a warm-up of 500 searches, then QUERIES (default 500) searches through
# EvidenceSearch: text only, text for one learner, one kind within a month, and the newest items. Goal: p95 <= 50 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib/engine-main.sh
engine_main dev.provingground.evidence.SearchBenchmark "${DOCUMENTS:-100000}" "${QUERIES:-500}"
