#!/usr/bin/env bash
#
# Builds Karabeat and runs node hb1 of the procedure's two-node cluster on loopback, unprivileged, in the
# foreground, from a fresh copy of the distribution under target/demo. Ctrl-C stops it (exit 0).
#
#   ./demo.sh              build, then run
#   ./demo.sh --no-build   run the distribution already built
#
# While it runs, from another terminal:
#   KARABEAT_BASE=target/demo/hb1 target/demo/karabeat-*/bin/karabeat status
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
rm -rf "$DEMO"
mkdir -p "$DEMO"
tar xzf "$TARBALL" -C "$DEMO"
KARABEAT_HOME=$(echo "$DEMO"/karabeat-*)
EXAMPLE=$KARABEAT_HOME/examples/seed-loopback

for node in hb1; do
    base=$DEMO/$node
    mkdir -p "$base/ha.d" "$base/log"
    sed "s#@BASE@#$base#" "$EXAMPLE/ha.cf.$node" > "$base/ha.d/ha.cf"
    cp "$EXAMPLE/haresources" "$base/ha.d/haresources"
    secret=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    (umask 077 && printf 'auth 1\n1 sha1 %s\n' "$secret" > "$base/ha.d/authkeys")
    # first use of a KARABEAT_BASE copies etc/ from the installation; then name the node
    KARABEAT_BASE=$base "$KARABEAT_HOME/bin/karabeat" verify --node "$node" "$base/ha.d" >/dev/null
    sed -i -e "s#^node.name =.*#node.name = $node#" -e "s#^ha.directory =.*#ha.directory = $base/ha.d#" \
        "$base/etc/org.karabeat.node.cfg"
done

cat <<INFO
Karabeat demo: node hb1 of the procedure's cluster, on loopback (udpport 16940).
  status:  KARABEAT_BASE=$DEMO/hb1 $KARABEAT_HOME/bin/karabeat status
  log:     $DEMO/hb1/log/heartbeat.log
  stop:    Ctrl-C
INFO
export KARABEAT_BASE=$DEMO/hb1
exec "$KARABEAT_HOME/bin/karabeat" run
