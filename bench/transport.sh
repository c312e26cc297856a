#!/usr/bin/env bash
#
# Issue 6's transport benchmark: Karabeat next to the classic heartbeat 3.0.6 daemon, measured the same way in
# the same run, at keepalive 100ms / deadtime 500ms, in network namespaces (192.0.2.0/24):
#   - wire codec encode/decode with HMAC-SHA1, messages/s on one core (Karabeat only; plain timed loop)
#   - interval between a node's t=status heartbeats (kernel timestamps of tcpdump on the lab bridge), idle and
#     while BURNERS busy loops load the cores; p50 / p99 / max
#   - "is dead" declarations and "Late heartbeat" warnings during LOAD_SECONDS of that load (a Karabeat pair and
#     a classic pair side by side, both nodes' logs)
#   - detection of a kill -9'd peer, ROUNDS times: Karabeat and classic as survivor, each kind of peer
#   - idle CPU and RSS/PSS of a node (process + children), IDLE_AFTER s after start, over IDLE_OVER s
# Prints a Markdown table (also in itests/target/bench-transport/result.md); nothing is asserted.
#
#   sudo bench/transport.sh [LOAD_SECONDS] [ROUNDS]          (default 600 s, 5 rounds: about 20 minutes)
#   environment: IDLE_AFTER (60), IDLE_OVER (60), BURNERS (2), LAB_LOCK (a file to flock around the
#   namespace part, e.g. /tmp/kb-lab.lock on a machine shared with other lab runs)
#
# Needs root, the heartbeat and tcpdump packages (tools/prerequisites.sh --test installs both without starting
# anything). The classic daemon only ever runs inside the lab's namespaces, with private /etc/ha.d,
# /var/lib/heartbeat and /run. The namespaces and processes it makes are removed at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LOAD=${1:-600}
ROUNDS=${2:-5}
cd "$ROOT"
command -v tcpdump >/dev/null || { echo "tcpdump is missing: tools/prerequisites.sh --test" >&2; exit 1; }
# build outside the lock; the bench run below only re-checks that everything is up to date
mvn -B -q -o package -DskipTests
OUT=itests/target/failsafe-reports/org.karabeat.itests.TransportBench-output.txt
echo "running; progress in $OUT" >&2
${LAB_LOCK:+flock "$LAB_LOCK"} mvn -B -q -o verify -pl itests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=TransportBench -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dbench.load.seconds="$LOAD" -Dbench.rounds="$ROUNDS" -Dbench.idle.after="${IDLE_AFTER:-60}" \
    -Dbench.idle.over="${IDLE_OVER:-60}" -Dbench.burners="${BURNERS:-2}"
cat itests/target/bench-transport/result.md
