# How exactly the open model holds its rate: 2000 req/s for 20 measured seconds (after 2 s of warm-up) against nginx
# serving a static file. achieved_rps counts the requests answered inside the measured window, divided by its length,
# so a runner that planned the right number of requests but sent them late or in bursts shows it; the per-second
# samples (on stderr) show how even the rate was. Goal: within 1%.
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${RATE:-2000}"
seconds="${DURATION_S:-20}"

source bench/lib/static-nginx.sh

port="$(free_port)"
start_nginx "$port"

report="$(java -cp "$classpath" dev.provingground.loadgen.LoadCli model=open rate="$rate" warmup=2 duration="$seconds" \
  host=127.0.0.1 port="$port" path=/index.html verbose=true | tail -n 1)"
echo "report: $report" >&2
if [[ "$report" != *'"errors":0,'* ]]; then
  echo "the run had errors" >&2
  exit 1
fi
achieved="$(sed -E 's/.*"throughput_rps":([0-9.]+).*/\1/' <<<"$report")"
p99="$(sed -E 's/.*"p99_ms":([0-9.]+).*/\1/' <<<"$report")"
printf '{"target_rps": %d, "achieved_rps": %.1f, "error_pct": %.2f, "p99_ms": %.2f}\n' \
  "$rate" "$achieved" "$(echo "($achieved - $rate) * 100 / $rate" | bc -l)" "$p99"
