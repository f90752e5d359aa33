#!/usr/bin/env bash
# Benchmarks the whole pipeline against raw Kafka in one run (docs/benchmarks.md): starts a local stack on free ports
# and a fresh data directory, measures throughput at saturation, open-loop latency at 25/50/75% of it, the REST way
# in and a raw Kafka relay baseline, checks every referral ended correctly, and prints a markdown results table
# (also written to load-harness/target/benchmark-results.md). Exits non-zero if any referral went wrong.
# Options: --referrals N (10000), --warm-up N, --run-seconds S, --rest-rate R, --rest-seconds S, --mix FILE.
# JAVA_OPTS adds JVM flags, e.g. a JFR recording or a Spring property for every service (-Dspring.kafka...).
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q -pl load-harness -am package -DskipTests
# Same heap and collector as ./run-local-stack.sh, so the figures are those of the stack as it is run. The harness,
# the four services, the broker and the registry share this JVM; PostgreSQL runs as its own processes.
exec java -Xmx1g -XX:+UseParallelGC ${JAVA_OPTS:-} -jar load-harness/target/load-harness-0.1.0-SNAPSHOT-exec.jar "$@"
