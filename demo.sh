#!/usr/bin/env bash
#
# Builds Karabeat and runs the procedure's two-node cluster on loopback, unprivileged: hb1 on 127.0.0.1 in the
# foreground, hb2 on 127.0.0.2 in the background, each from its own KARABEAT_BASE under target/demo, both
# from one fresh copy of the distribution. They find each other within a few seconds. Ctrl-C stops both.
#
#   ./demo.sh              build, then run
#   ./demo.sh --no-build   run the distribution already built
#
# While it runs, from another terminal (the commands are printed at start):
#   KARABEAT_BASE=target/demo/hb1 target/demo/karabeat-*/bin/karabeat status     # hb2 active
#   KARABEAT_BASE=target/demo/hb2 target/demo/karabeat-*/bin/karabeat stop       # hb1 sees it dead at once
#   kill -9 $(cat target/demo/hb2/data/karabeat.pid)                              # ... or after deadtime (10 s)
#   tail -f target/demo/hb1/log/heartbeat.log
set -euo pipefail
ROOT=$(cd "$(dirname "$0")" && pwd)
cd "$ROOT"
"$ROOT/tools/prerequisites.sh" --build
if [ "${1:-}" != "--no-build" ]; then
    mvn -B -q install -DskipTests
fi
TARBALL=$(ls "$ROOT"/karaf-assembly/target/karabeat-*.tar.gz)
DEMO=$ROOT/target/demo
if [ -f "$DEMO/hb2/data/karabeat.pid" ] && kill -0 "$(cat "$DEMO/hb2/data/karabeat.pid")" 2>/dev/null; then
    echo "a demo is already running (hb2 pid $(cat "$DEMO/hb2/data/karabeat.pid")); stop it first" >&2
    exit 1
fi
rm -rf "$DEMO"
mkdir -p "$DEMO"
tar xzf "$TARBALL" -C "$DEMO"
KARABEAT_HOME=$(echo "$DEMO"/karabeat-*)
EXAMPLE=$KARABEAT_HOME/examples/seed-loopback
# the cluster's key: random for each demo, mode 600, never shipped
secret=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')

for node in hb1 hb2; do
    base=$DEMO/$node
    mkdir -p "$base/ha.d" "$base/log"
    sed "s#@BASE@#$base#" "$EXAMPLE/ha.cf.$node" > "$base/ha.d/ha.cf"
    cp "$EXAMPLE/haresources" "$base/ha.d/haresources"
    (umask 077 && printf 'auth 1\n1 sha1 %s\n' "$secret" > "$base/ha.d/authkeys")
    # first use of a KARABEAT_BASE copies etc/ from the installation; then name the node, its address and
    # where it keeps hb_uuid / hb_generation (not /var/lib/heartbeat: the demo runs unprivileged)
    KARABEAT_BASE=$base "$KARABEAT_HOME/bin/karabeat" verify --node "$node" "$base/ha.d" >/dev/null
    sed -i -e "s#^node.name =.*#node.name = $node#" -e "s#^ha.directory =.*#ha.directory = $base/ha.d#" \
        -e "s#^state.directory =.*#state.directory = $base/data/heartbeat#" "$base/etc/org.karabeat.node.cfg"
done
sed -i -e "s#^transport.bind =.*#transport.bind = 127.0.0.2#" "$DEMO/hb2/etc/org.karabeat.node.cfg"

stop_hb2() { KARABEAT_BASE=$DEMO/hb2 "$KARABEAT_HOME/bin/karabeat" stop >/dev/null 2>&1 || true; }
trap stop_hb2 EXIT
KARABEAT_BASE=$DEMO/hb2 "$KARABEAT_HOME/bin/karabeat" start

cat <<INFO
Karabeat demo: the procedure's cluster on loopback, udpport 16940, nodes hb1 (127.0.0.1, here) and
hb2 (127.0.0.2, in the background, pid file $DEMO/hb2/data/karabeat.pid).
  status:       KARABEAT_BASE=$DEMO/hb1 $KARABEAT_HOME/bin/karabeat status
  stop hb2:     KARABEAT_BASE=$DEMO/hb2 $KARABEAT_HOME/bin/karabeat stop      (hb1 sees it at once)
  kill hb2:     kill -9 \$(cat $DEMO/hb2/data/karabeat.pid)                   (hb1 sees it after deadtime)
  start again:  KARABEAT_BASE=$DEMO/hb2 $KARABEAT_HOME/bin/karabeat start
  logs:         $DEMO/hb1/log/heartbeat.log, $DEMO/hb2/log/heartbeat.log
  stop both:    Ctrl-C
INFO
export KARABEAT_BASE=$DEMO/hb1
# not exec: when hb1 stops, the trap stops hb2 too
set +e
"$KARABEAT_HOME/bin/karabeat" run
rc=$?
exit $rc
