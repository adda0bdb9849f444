# Request to ready for the test scenario's stack on the local provisioner: PostgreSQL cluster from the seeded template,
# npm dependencies from the cache, app health. Median of RUNS (default 7) after one warm-up that fills the caches;
# first_ever_s is that warm-up, which also seeded the template unless an earlier build had.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-7}"

./mvnw -B -q -DskipTests install
./mvnw -B -q -o -pl engine dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
cd engine
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  -Dlog4j2.level=WARN dev.provingground.provisioning.ProvisionBenchmark "$runs" 2>&1 | grep -v '^WARNING' | tail -n 1
