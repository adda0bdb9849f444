# Sourced by benchmarks that run a main class of the engine's test code against real stacks:
# engine_main CLASS ARGS... builds everything, then prints the last line the class prints.
engine_main() {
  ./mvnw -B -q -DskipTests install
  ./mvnw -B -q -pl engine dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt
  (cd engine && java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" "$@" 2>&1 \
    | grep -v '^WARNING' | tail -n 1)
}
