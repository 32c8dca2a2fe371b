#!/usr/bin/env bash
# What the crash-test kit's Java agent costs (docs/crashtest.md, "java.io and paths built from strings"):
#   1. in one JVM under the agent, the same crash-safe save written with java.io and with NIO on the kit's
#      paths: time per recorded operation and per crash state checked, as java.io / NIO;
#   2. with farm-bench, a whole test JVM running one crash test, with the agent against without it: what
#      loading the agent adds to a JVM's start.
# Needs JDK 17+ (JAVA_HOME or the java on PATH), Maven, and farm-bench for part 2.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -o package -pl crashtest -DskipTests 2>/dev/null || mvn -B -q package -pl crashtest -DskipTests
mvn -B -q -o dependency:build-classpath -pl crashtest -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/crashtest/target/bench-classpath.txt"
cp="crashtest/target/test-classes:crashtest/target/classes:$(cat crashtest/target/bench-classpath.txt)"
agent="$(ls crashtest/target/fsync-guard-crashtest-*.jar | grep -v -e sources -e javadoc | head -n 1)"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

echo "== 1. in one JVM, after warm-up (300 saves each)"
"$java" -javaagent:"$agent" -cp "$cp" dev.fsyncguard.crashtest.AgentCostBenchmark compare 300

if command -v farm-bench >/dev/null 2>&1; then
  echo "== 2. a JVM running one crash test: with the agent (A) against without it (B)"
  farm-bench -n 10 --timeout 300 \
    --vs "$java -cp $cp dev.fsyncguard.crashtest.AgentCostBenchmark nio 1" \
    -- "$java" -javaagent:"$agent" -cp "$cp" dev.fsyncguard.crashtest.AgentCostBenchmark nio 1
else
  echo "== 2. skipped: farm-bench is not on PATH"
fi
