#!/usr/bin/env bash
#
# Measures, on this machine, in one run: how long a Karabeat node and a classic heartbeat 3.0.6 node take to
# declare their killed peer dead, paired in one cluster in network namespaces (192.0.2.0/24) with the
# procedure's timing (keepalive 1 s, deadtime 10 s). Each side is killed with SIGKILL ROUNDS times; the time
# runs from the kill to the survivor's "node X: is dead" log line. Prints a table; nothing is asserted.
#
#   sudo bench/transport-detection.sh [ROUNDS]        (default 5; about 30 s per round)
#
# Needs root and the heartbeat package (tools/prerequisites.sh --test installs it without starting it); builds
# what it runs from this checkout. The namespaces and processes it makes are removed at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${1:-5}
cd "$ROOT"
# -am: the distribution built from this checkout, never an older one from ~/.m2
${LAB_LOCK:+flock "$LAB_LOCK"} mvn -B -q -o verify -pl itests -am -Dit.test=DetectionBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.rounds="$ROUNDS" -Dfailsafe.failIfNoSpecifiedTests=false
sed -n '/^round\|^|\|^keepalive/p' itests/target/failsafe-reports/org.karabeat.itests.DetectionBench-output.txt
