# Sourced by the load benchmarks: a temp dir, free_port, and start_nginx PORT, which serves a 600-byte static file
# from nginx (one worker, no access log) until the script exits.
work="$(mktemp -d)"
nginx_pid=""
cleanup() {
  if [[ -n "$nginx_pid" ]]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# nginx in the foreground of a background job, all its files in the temp dir, serving one small static file.
start_nginx() {
  local port="$1"
  mkdir -p "$work/html" "$work/tmp"
  head -c 600 /dev/zero | tr '\0' 'x' >"$work/html/index.html"
  {
    [[ "$(id -u)" == 0 ]] && echo "user root;"
    cat <<CONF
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$port; root $work/html; }
}
CONF
  } >"$work/nginx.conf"
  /usr/sbin/nginx -p "$work" -c "$work/nginx.conf" &
  nginx_pid=$!
  for _ in $(seq 1 50); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/index.html" && return
    sleep 0.1
  done
  echo "nginx did not start: $(cat "$work/error.log")" >&2
  exit 1
}

./mvnw -B -q -pl loadgen install -DskipTests
./mvnw -B -q -pl loadgen dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/cp"
classpath="loadgen/target/classes:$(cat "$work/cp")"
