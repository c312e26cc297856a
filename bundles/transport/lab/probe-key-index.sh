#!/bin/bash
# Which secret does heartbeat 3.0.6 check a netstring trailer with when the packet names a key index that is
# not its active one? One real node hb1 (192.0.2.1) with
#     auth 1 / 1 sha1 key-A / 2 sha1 key-B
# receives status messages from "hb3" (192.0.2.3, probe-key-index.py) signed with index 2 and key B, then
# index 2 and key A, then index 1 and key A; its log says which it accepted.
#
#   sudo bash probe-key-index.sh          prints the relevant log lines of hb1
#
# Needs root, iproute2, util-linux, python3 and heartbeat. Only 192.0.2.0/24 inside namespaces it creates;
# bounded waits; removes every namespace and process it started, by recorded name / PID.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
P=kbp$$
LAB=$(mktemp -d /tmp/kb-probe.XXXXXX)
HB=/usr/libexec/heartbeat/heartbeat

alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [[ $s != Z* ]]; }
wait_for() { local n=$(( $1 * 10 )) i; shift
  for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done; return 1; }
stop_pid() { local pid=$1 n=$(( ${2:-10} * 10 )) i
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < n; i++)); do alive "$pid" || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true; }
cleanup() {
  local f ns pid
  for f in "$LAB"/*.pid; do [ -f "$f" ] || continue; stop_pid "$(tr -d ' ' < "$f")" 60; done
  if [ -f "$LAB/netns.list" ]; then
    while read -r ns; do for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    done < "$LAB/netns.list"
    sleep 0.5
    while read -r ns; do ip netns del "$ns" 2>/dev/null || true; done < "$LAB/netns.list"
  fi
  rm -rf "$LAB"
}
trap cleanup EXIT
ns_add() { local ns; for ns; do ip netns add "$ns"; echo "$ns" >> "$LAB/netns.list"; ip -n "$ns" link set lo up; done; }
ns_add $P-br $P-h1 $P-h3
ip -n $P-br link add br0 type bridge; ip -n $P-br link set br0 up
for n in 1 3; do
  ip -n $P-br link add h$n type veth peer name ens160 netns $P-h$n
  ip -n $P-br link set h$n master br0 up
  ip -n $P-h$n addr add 192.0.2.$n/24 dev ens160; ip -n $P-h$n link set ens160 up
done
wait_for 5 ip netns exec $P-h1 ping -c1 -W1 192.0.2.3

H=$LAB/hb1; mkdir -p "$H/etc" "$H/lib" "$H/run"
cp -a /etc/ha.d/. "$H/etc/"
cp -a /var/lib/heartbeat/. "$H/lib/"; rm -f "$H/lib/hb_uuid" "$H/lib/hb_generation" "$H/lib/hostcache" "$H/lib/ha-log"
cat > "$H/etc/ha.cf" <<'CF'
logfile /var/lib/heartbeat/ha-log
keepalive 1
deadtime 10
initdead 20
udpport 694
ucast ens160 192.0.2.3
node hb1
node hb3
crm no
CF
printf 'auth 1\n1 sha1 key-A\n2 sha1 key-B\n' > "$H/etc/authkeys"; chmod 600 "$H/etc/authkeys"
: > "$H/etc/haresources"
ip netns exec $P-h1 unshare --uts --mount sh -c "
  hostname hb1
  mount --bind '$H/etc' /etc/ha.d; mount --bind '$H/lib' /var/lib/heartbeat; mount --bind '$H/run' /run
  mkdir -p /run/heartbeat/ccm /run/heartbeat/crm /run/heartbeat/dopd /run/resource-agents /run/lock
  chown -R hacluster:haclient /run/heartbeat; chmod -R 750 /run/heartbeat
  exec $HB" > "$H/start.out" 2>&1
wait_for 10 test -s "$H/run/heartbeat.pid"
tr -d ' ' < "$H/run/heartbeat.pid" > "$LAB/heartbeat.pid"
sleep 3
ip netns exec $P-h3 timeout 30 python3 "$HERE/probe-key-index.py" 192.0.2.1 694
sleep 2
grep -E "hb3|auth|Invalid|netstring" "$H/lib/ha-log" | grep -v "Link hb1" || true
