#!/usr/bin/env python3
"""Sends crafted status messages from "hb3" to a real heartbeat node: see probe-key-index.sh.

Usage: probe-key-index.py DEST_IP PORT
Each message is the netstring form with a trailer only (3.0.6 does not check the inner auth field):
  seq 1..3   index 2, sha1, key B (the key authkeys lists for index 2)
  seq 4..6   index 2, sha1, key A (the secret of the active index 1)
  seq 7..9   index 1, sha1, key A
"""
import hashlib
import hmac
import os
import socket
import sys
import time

dest, port = sys.argv[1], int(sys.argv[2])
uuid = bytes.fromhex("6b6172616265617400000000000000b3")
gen = int(time.time())


def field(name, value, typ=0):
    content = b"(%d)" % typ + name.encode() + b"=" + value
    return b"%d:" % len(content) + content + b","


def status(seq, index, key):
    body = b"###\n"
    for n, v in (("t", b"status"), ("st", b"active"), ("dt", b"2710"), ("protocol", b"1"), ("src", b"hb3")):
        body += field(n, v)
    body += field("srcuuid", uuid, 1)
    for n, v in (("seq", b"%x" % seq), ("hg", b"%x" % gen), ("ts", b"%x" % int(time.time())),
                 ("ld", b"0.00 0.00 0.00 1/1 1"), ("ttl", b"3")):
        body += field(n, v)
    body += b"%%%\n"
    token = b"%d " % index + hmac.new(key, body, hashlib.sha1).hexdigest().encode()
    return body + b"%d:" % len(token) + token + b","


sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
plan = [(1, 2, b"key-B"), (2, 2, b"key-B"), (3, 2, b"key-B"),
        (4, 2, b"key-A"), (5, 2, b"key-A"), (6, 2, b"key-A"),
        (7, 1, b"key-A"), (8, 1, b"key-A"), (9, 1, b"key-A")]
for seq, index, key in plan:
    sock.sendto(status(seq, index, key), (dest, port))
    print("sent seq %d index %d key %s" % (seq, index, key.decode()), flush=True)
    time.sleep(1.0)
