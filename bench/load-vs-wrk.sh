# Our load runner against wrk, both in the closed model: the same nginx, URL, connections and measured time, one
# after the other, ROUNDS times alternating; each side's median counts. Goal: ratio >= 0.7 (ADR 4).
# nginx (one worker) and the load generator share the machine's two cores, as the platform and its targets will.
set -euo pipefail
cd "$(dirname "$0")/.."
connections="${CONNECTIONS:-32}"
seconds="${DURATION_S:-10}"
rounds="${ROUNDS:-3}"
wrk_threads="${WRK_THREADS:-1}"

source bench/lib/static-nginx.sh

port="$(free_port)"
start_nginx "$port"
url="http://127.0.0.1:$port/index.html"

ours=()
theirs=()
for round in $(seq 1 "$rounds"); do
  wrk_rps="$(wrk -t"$wrk_threads" -c"$connections" -d"${seconds}s" "$url" | awk '/^Requests\/sec:/ { print $2 }')"
  theirs+=("$wrk_rps")
  # Our JVM starts cold: 3 s of warm-up (left out of the report) let the JIT compile the hot path first.
  report="$(java -cp "$classpath" dev.provingground.loadgen.LoadCli model=closed users="$connections" warmup=3 \
    duration="$seconds" host=127.0.0.1 port="$port" path=/index.html | tail -n 1)"
  echo "round $round: wrk $wrk_rps req/s; ours $report" >&2
  if [[ "$report" != *'"errors":0,'* ]]; then
    echo "our runner had errors" >&2
    exit 1
  fi
  ours+=("$(sed -E 's/.*"throughput_rps":([0-9.]+).*/\1/' <<<"$report")")
done

ours_rps="$(printf '%s\n' "${ours[@]}" | median)"
wrk_rps="$(printf '%s\n' "${theirs[@]}" | median)"
printf '{"ours_rps": %.0f, "wrk_rps": %.0f, "ratio": %.2f, "connections": %d, "seconds": %d, "rounds": %d}\n' \
  "$ours_rps" "$wrk_rps" "$(echo "$ours_rps / $wrk_rps" | bc -l)" "$connections" "$seconds" "$rounds"
