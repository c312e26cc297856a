#!/usr/bin/env bash
#
# Measures, on this machine, for a fresh copy of the distribution:
#   - time from `bin/karabeat run` to ready (the control socket answers `status`), N runs, each on a fresh
#     copy (first boot) and again on the same copy (second boot)
#   - the node's RSS when idle, after IDLE seconds, and its CPU use over the following 60 s
# Prints a table; the figures are what the machine gave, nothing is asserted.
#
#   bench/node-startup.sh [RUNS] [IDLE_SECONDS]      (default 3 runs, 60 s idle)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-3}
IDLE=${2:-60}
TARBALL=$(ls "$ROOT"/karaf-assembly/target/karabeat-*.tar.gz 2>/dev/null) || {
    echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
WORK=$ROOT/target/bench-startup
PIDS=()
cleanup() { local p; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

now_ms() { date +%s%3N; }

prepare() {  # prepare DIR: fresh distribution + node base with the demo configuration
    local d=$1
    rm -rf "$d"; mkdir -p "$d"
    tar xzf "$TARBALL" -C "$d"
    local home; home=$(echo "$d"/karabeat-*)
    local base=$d/hb1
    mkdir -p "$base/ha.d" "$base/log" "$base/state"
    sed "s#@BASE@#$base#" "$home/examples/seed-loopback/ha.cf.hb1" > "$base/ha.d/ha.cf"
    cp "$home/examples/seed-loopback/haresources" "$base/ha.d/"
    (umask 077; printf 'auth 1\n1 sha1 %s\n' "$(head -c 18 /dev/urandom | base64)" > "$base/ha.d/authkeys")
    KARABEAT_BASE=$base "$home/bin/karabeat" verify --node hb1 "$base/ha.d" >/dev/null
    sed -i -e "s#^node.name =.*#node.name = hb1#" -e "s#^ha.directory =.*#ha.directory = $base/ha.d#" \
        -e "s#^state.directory =.*#state.directory = $base/state#" \
        "$base/etc/org.karabeat.node.cfg"
}

boot() {  # boot DIR: prints "ms pid"
    local d=$1 home base t0 pid i
    home=$(echo "$d"/karabeat-*); base=$d/hb1
    t0=$(now_ms)
    KARABEAT_BASE=$base setsid "$home/bin/karabeat" run </dev/null >"$base/run.out" 2>&1 &
    pid=$!; PIDS+=("$pid")
    for ((i = 0; i < 1200; i++)); do
        if [ -S "$base/data/karabeat.sock" ] && KARABEAT_BASE=$base "$home/bin/karabeat" status >/dev/null 2>&1; then
            echo "$(( $(now_ms) - t0 )) $pid"; return 0
        fi
        kill -0 "$pid" 2>/dev/null || { echo "node exited: $(cat "$base/run.out")" >&2; return 1; }
        sleep 0.05
    done
    echo "not ready after 60 s" >&2; return 1
}

alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [[ $s != Z* ]]; }  # a zombie has exited

stop() {  # stop PID: SIGTERM, bounded wait; prints ms
    local pid=$1 t0 i; t0=$(now_ms)
    kill -TERM "$pid"
    for ((i = 0; i < 600; i++)); do alive "$pid" || { echo $(( $(now_ms) - t0 )); return 0; }; sleep 0.05; done
    echo "did not stop" >&2; kill -9 "$pid"; return 1
}

printf '%-6s %-22s %-22s %-10s\n' run "first boot ready (ms)" "second boot ready (ms)" "stop (ms)"
for ((r = 1; r <= RUNS; r++)); do
    prepare "$WORK/run$r"
    read -r first pid < <(boot "$WORK/run$r"); s1=$(stop "$pid")
    read -r second pid < <(boot "$WORK/run$r"); s2=$(stop "$pid")
    printf '%-6s %-22s %-22s %-10s\n' "$r" "$first" "$second" "$s1/$s2"
done

read -r ms pid < <(boot "$WORK/run1")
sleep "$IDLE"
rss=$(awk '/VmRSS/ {print $2}' /proc/"$pid"/status)
read -r ut st < <(awk '{print $14, $15}' /proc/"$pid"/stat)
sleep 60
read -r ut2 st2 < <(awk '{print $14, $15}' /proc/"$pid"/stat)
hz=$(getconf CLK_TCK)
cpu=$(awk -v a="$ut" -v b="$st" -v c="$ut2" -v d="$st2" -v hz="$hz" 'BEGIN {printf "%.2f", (c + d - a - b) * 100 / hz / 60}')
printf '\nidle after %s s: RSS %d MiB; CPU %s %% of one core over the next 60 s\n' "$IDLE" $(( rss / 1024 )) "$cpu"
stop "$pid" >/dev/null
