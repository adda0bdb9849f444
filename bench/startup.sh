# Cold start of the platform, as ./run starts it, to a healthy readiness endpoint, and its resident memory then.
# Every start gets a fresh data directory, so PostgreSQL runs initdb and OpenSearch creates its node each time.
# The first start after a build has no class-data archive yet (first_run_s); the others use it (cold_start_s, median).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"

./mvnw -B -q -DskipTests install
rm -f engine/target/app/classes.jsa

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

# Starts ./run once; prints "<seconds to ready> <rss in MB>".
start_once() {
  local data port pid started ready rss
  data="$(mktemp -d)"
  port="$(free_port)"
  PROVINGGROUND_SKIP_BUILD=true PROVINGGROUND_DATA_DIR="$data" PORT="$port" ./run >"$data.log" 2>&1 &
  pid=$!
  started="$(now)"
  for _ in $(seq 1 600); do
    if curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null; then
      ready="$(now)"
      rss="$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status")"
      kill "$pid"; wait "$pid" || true
      rm -rf "$data" "$data.log"
      echo "$(echo "$ready - $started" | bc) $rss"
      return
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  echo "the platform did not become ready; its log is $data.log" >&2
  exit 1
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

read -r first_s first_rss < <(start_once)
echo "first start after a build (writes the class-data archive): ${first_s}s, ${first_rss} MB" >&2
results=()
for i in $(seq 1 "$runs"); do
  results+=("$(start_once)")
  echo "start $i: ${results[-1]}" >&2
done
cold="$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | median)"
rss="$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | median)"
printf '{"cold_start_s": %.2f, "rss_mb": %d, "first_run_s": %.2f, "first_run_rss_mb": %d, "runs": %d}\n' \
  "$cold" "$rss" "$first_s" "$first_rss" "$runs"
