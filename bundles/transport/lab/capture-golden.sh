#!/bin/bash
# Captures golden datagrams from two real heartbeat 3.0.6 nodes, for the codec tests.
#
#   sudo bash capture-golden.sh [OUTDIR]        (default OUTDIR: ../target/golden-capture)
#
# Two real nodes hb1 (192.0.2.1) and hb2 (192.0.2.2) talk ucast to each other and also to 192.0.2.3, where
# udp-capture.py records every datagram (heartbeat sends each message once on every ucast medium, as the
# same bytes). Three runs, one per authentication method:
#   sha1  auth 1 / 1 sha1 karabeat-lab-key; hb1's link is cut for 3 s so that hb2 asks for retransmissions
#   md5   auth 2 / 1 sha1 karabeat-lab-key / 2 md5 karabeat-lab-md5-key; hb2 has "msgfmt netstring"
#   crc   auth 3 / 3 crc; hb2 has "uuidfrom nodename"
# Each node keeps its /var/lib/heartbeat across the runs (private bind mounts; the host's is never touched),
# so hb_generation goes up by one per start. Writes OUTDIR/<run>/capture.txt (<time> <source> <hex>), the
# authkeys and ha.cf files used, both nodes' logs and copies of hb_uuid / hb_generation after each run.
#
# Needs root, iproute2, util-linux (unshare), python3 and the heartbeat package. Only 192.0.2.0/24 inside
# namespaces this script creates. Every wait is bounded; every namespace and process it starts is removed
# on exit, by recorded name / PID (never by process name).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(mkdir -p "${1:-$HERE/../target/golden-capture}" && cd "${1:-$HERE/../target/golden-capture}" && pwd)
P=kbg$$
LAB=$(mktemp -d /tmp/kb-golden.XXXXXX)
HB=/usr/libexec/heartbeat/heartbeat
[ -x "$HB" ] || { echo "heartbeat is not installed ($HB)" >&2; exit 2; }

alive() { local s; s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1; [[ $s != Z* ]]; }
wait_for() {  # wait_for SECONDS CMD...: bounded poll every 0.1 s
  local n=$(( $1 * 10 )) i; shift
  for ((i = 0; i < n; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "timeout after $((n / 10)) s: $*" >&2; return 1; }
stop_pid() {  # stop_pid PID [SECONDS]: TERM, bounded wait, then KILL
  local pid=$1 n=$(( ${2:-10} * 10 )) i
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < n; i++)); do alive "$pid" || return 0; sleep 0.1; done
  echo "pid $pid ignored TERM, killing" >&2; kill -9 "$pid" 2>/dev/null || true; }
cleanup() {
  local f ns
  for f in "$LAB"/*.pid; do [ -f "$f" ] || continue; stop_pid "$(tr -d ' ' < "$f")" 30; rm -f "$f"; done
  if [ -f "$LAB/netns.list" ]; then
    # A daemon killed with KILL may leave children behind: end what still runs in our own namespaces, by PID.
    while read -r ns; do
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
    done < "$LAB/netns.list"
    sleep 0.5
    while read -r ns; do ip netns del "$ns" 2>/dev/null || true; done < "$LAB/netns.list"
  fi
  rm -rf "$LAB"
}
trap cleanup EXIT

ns_add() { local ns; for ns; do ip netns add "$ns"; echo "$ns" >> "$LAB/netns.list"; ip -n "$ns" link set lo up; done; }
attach() {  # attach NS PORT ADDR/PFX: veth made inside the bridge namespace, peer moved into NS as ens160
  ip -n $P-br link add "$2" type veth peer name ens160 netns "$1"
  ip -n $P-br link set "$2" master br0 up
  ip -n "$1" addr add "$3" dev ens160; ip -n "$1" link set ens160 up; }

ns_add $P-br; ip -n $P-br link add br0 type bridge; ip -n $P-br link set br0 up
ns_add $P-h1 $P-h2 $P-cap
attach $P-h1 h1 192.0.2.1/24
attach $P-h2 h2 192.0.2.2/24
attach $P-cap cap 192.0.2.3/24
wait_for 5 ip netns exec $P-h1 ping -c1 -W1 192.0.2.2
wait_for 5 ip netns exec $P-h1 ping -c1 -W1 192.0.2.3

# Private /var/lib/heartbeat per node, kept across runs, without the host's identity files.
for n in 1 2; do
  mkdir -p "$LAB/hb$n/lib"
  cp -a /var/lib/heartbeat/. "$LAB/hb$n/lib/"
  rm -f "$LAB/hb$n/lib/hb_uuid" "$LAB/hb$n/lib/hb_generation" "$LAB/hb$n/lib/hostcache" "$LAB/hb$n/lib/delhostcache"
  rm -f "$LAB/hb$n/lib/ha-log"
done

start_node() {  # start_node N: heartbeat as hbN in $P-hN with $LAB/hbN/{etc,lib,run}
  local n=$1 H=$LAB/hb$1
  rm -rf "$H/run"; mkdir -p "$H/run"
  ip netns exec $P-h$n unshare --uts --mount sh -c "
    hostname hb$n
    mount --bind '$H/etc' /etc/ha.d; mount --bind '$H/lib' /var/lib/heartbeat; mount --bind '$H/run' /run
    mkdir -p /run/heartbeat/ccm /run/heartbeat/crm /run/heartbeat/dopd /run/resource-agents /run/lock
    chown -R hacluster:haclient /run/heartbeat; chmod -R 750 /run/heartbeat
    exec $HB" > "$H/start.out" 2>&1   # heartbeat daemonizes: returns at once
  wait_for 10 test -s "$H/run/heartbeat.pid"
  tr -d ' ' < "$H/run/heartbeat.pid" > "$LAB/heartbeat-hb$n.pid"
}

configure_node() {  # configure_node N AUTHKEYS-TEXT EXTRA-HA.CF-LINES
  local n=$1 H=$LAB/hb$1 peer=$(( 3 - $1 ))
  rm -rf "$H/etc"; mkdir -p "$H/etc"
  cp -a /etc/ha.d/. "$H/etc/"
  cat > "$H/etc/ha.cf" <<CF
logfile /var/lib/heartbeat/ha-log
keepalive 1
warntime 3
deadtime 6
initdead 12
udpport 694
ucast ens160 192.0.2.$peer
ucast ens160 192.0.2.3
auto_failback on
node hb1
node hb2
crm no
$3
CF
  printf '%b' "$2" > "$H/etc/authkeys"
  chmod 600 "$H/etc/authkeys"
  echo 'hb1 labres' > "$H/etc/haresources"
  cat > "$H/etc/resource.d/labres" <<'RES'
#!/bin/sh
# A resource that only records its state in the node's private /run.
case "$1" in
  start) touch /run/labres.state;;
  stop) rm -f /run/labres.state;;
  status) if [ -f /run/labres.state ]; then echo running; else echo stopped; fi;;
esac
exit 0
RES
  chmod 755 "$H/etc/resource.d/labres"
}

run() {  # run NAME AUTHKEYS HB1-EXTRA HB2-EXTRA CUT(yes|no)
  local name=$1 D=$OUT/$1 n
  echo "== run $name"
  rm -rf "$D"; mkdir -p "$D"
  configure_node 1 "$2" "$3"; configure_node 2 "$2" "$4"
  ip netns exec $P-cap python3 "$HERE/udp-capture.py" 192.0.2.3 694 "$D/capture.txt" 5000 150 > "$LAB/cap.out" 2>&1 &
  echo $! > "$LAB/capture.pid"
  wait_for 5 grep -q listening "$LAB/cap.out"
  start_node 1; start_node 2
  sleep 20
  if [ "$5" = yes ]; then
    ip -n $P-br link set h1 down; sleep 3; ip -n $P-br link set h1 up; sleep 6
  fi
  stop_pid "$(cat "$LAB/heartbeat-hb1.pid")" 60; rm -f "$LAB/heartbeat-hb1.pid"
  sleep 3
  stop_pid "$(cat "$LAB/heartbeat-hb2.pid")" 60; rm -f "$LAB/heartbeat-hb2.pid"
  sleep 1
  stop_pid "$(cat "$LAB/capture.pid")" 5; rm -f "$LAB/capture.pid"
  for n in 1 2; do
    cp "$LAB/hb$n/etc/ha.cf" "$D/hb$n.ha.cf"
    cp "$LAB/hb$n/lib/hb_uuid" "$D/hb$n.hb_uuid" 2>/dev/null || true
    cp "$LAB/hb$n/lib/hb_generation" "$D/hb$n.hb_generation" 2>/dev/null || true
    mv "$LAB/hb$n/lib/ha-log" "$D/hb$n.ha-log" 2>/dev/null || true
  done
  cp "$LAB/hb1/etc/authkeys" "$D/authkeys"
  echo "   $(wc -l < "$D/capture.txt") datagrams in $D/capture.txt"
}

run sha1 'auth 1\n1 sha1 karabeat-lab-key\n' '' '' yes
run md5 'auth 2\n1 sha1 karabeat-lab-key\n2 md5 karabeat-lab-md5-key\n' '' 'msgfmt netstring' no
run crc 'auth 3\n3 crc\n' '' 'uuidfrom nodename' no
echo "done: $OUT"
