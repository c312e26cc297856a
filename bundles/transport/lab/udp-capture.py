#!/usr/bin/env python3
"""Receive heartbeat datagrams and write each as one line: <unix-time> <source-ip> <hex payload>.

Usage: udp-capture.py BIND_ADDR PORT OUTFILE MAX_PACKETS MAX_SECONDS
Stops after MAX_PACKETS datagrams or MAX_SECONDS seconds, whichever comes first, or on SIGTERM.
"""
import signal
import socket
import sys
import time

addr, port, out, max_packets, max_seconds = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
stop = False


def on_term(_sig, _frame):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_term)
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
sock.bind((addr, port))
sock.settimeout(0.2)
deadline = time.time() + max_seconds
count = 0
with open(out, "w") as f:
    print("listening", flush=True)
    while not stop and count < max_packets and time.time() < deadline:
        try:
            data, (src, _sport) = sock.recvfrom(70000)
        except socket.timeout:
            continue
        except InterruptedError:
            continue
        f.write("%.3f %s %s\n" % (time.time(), src, data.hex()))
        f.flush()
        count += 1
print("captured %d datagrams" % count, flush=True)
