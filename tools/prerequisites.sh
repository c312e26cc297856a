#!/usr/bin/env bash
# Installs what building (--build) or testing (--test) Karabeat needs on Debian, if missing.
# Services installed as dependencies are never started: a temporary policy-rc.d refuses them.
set -euo pipefail
mode=${1:---build}
pkgs=()
command -v java >/dev/null && java -version 2>&1 | grep -q 'version "17' || pkgs+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || pkgs+=(maven)
if [ "$mode" = --test ]; then
    command -v setsid >/dev/null && command -v nsenter >/dev/null && command -v unshare >/dev/null || pkgs+=(util-linux)
    command -v tar >/dev/null || pkgs+=(tar)
    # the interop tests: network namespaces, and the classic daemon itself as the peer (never started here)
    [ -x /usr/sbin/ip ] || pkgs+=(iproute2)
    [ -x /usr/libexec/heartbeat/heartbeat ] || pkgs+=(heartbeat)
    # loss and partitions: nftables rules in the lab's bridge namespace (this kernel has no netem)
    command -v nft >/dev/null || [ -x /usr/sbin/nft ] || pkgs+=(nftables)
    # bench/transport.sh: packet capture of the nodes' heartbeats in the bridge namespace
    command -v tcpdump >/dev/null || [ -x /usr/bin/tcpdump ] || pkgs+=(tcpdump)
fi
[ ${#pkgs[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "installing: ${pkgs[*]}" >&2
created_policy=false
if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod 755 /usr/sbin/policy-rc.d
    created_policy=true
fi
cleanup() { if $created_policy; then $SUDO rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
