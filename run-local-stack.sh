#!/usr/bin/env bash
# Builds what the local stack needs and runs it: Kafka (KRaft), PostgreSQL, the schema registry and all four
# services in one JVM. Pass --clean to start from empty data. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -DskipTests -pl local-stack -am install
# The parallel collector: a young collection stops every service, the broker and the registry at once, and the serial
# collector did it on one of the two cores while the other waited (docs/benchmarks.md, "Full polls, and the collector").
exec java -Xmx1g -XX:+UseParallelGC -jar local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar "$@"
