#!/usr/bin/env python3
"""fault-server.py -- hostile TCP listeners for rempart's fault tests.

Usage: fault-server.py MODE PORTFILE

Listens on 127.0.0.1 (a free port, written to PORTFILE once listening) and
serves every connection in its own thread until killed (SIGTERM). MODE:

  silent      accept, never send a byte, hold the connection open
  garbage     accept, wait for the client's first bytes, answer 4 KiB of
              random bytes (fixed seed), then hold the connection open
  ber-huge    answer a BER SEQUENCE whose length says 2 GiB, then 64 bytes
              of it, then hold: a reader that trusts the length waits for ever
  ber-bad     answer an LDAP message that is not BER at all past its header
              (a bindResponse whose inner lengths overrun the outer one),
              then hold
  ssh-banner  send an SSH identification line, then nothing, hold

Only loopback; nothing is read beyond what the client sends.
"""
import os
import random
import socket
import sys
import threading
import time

MODES = ("silent", "garbage", "ber-huge", "ber-bad", "ssh-banner")


def hold(conn):
    """Keep the connection open, discarding what the client sends."""
    try:
        while conn.recv(65536):
            pass
    except OSError:
        pass
    time.sleep(3600)


def serve(conn, mode):
    try:
        if mode == "ssh-banner":
            conn.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n")
        elif mode != "silent":
            conn.settimeout(30)
            try:
                conn.recv(65536)
            except OSError:
                pass
            conn.settimeout(None)
            if mode == "garbage":
                rnd = random.Random(4242)
                conn.sendall(bytes(rnd.getrandbits(8) for _ in range(4096)))
            elif mode == "ber-huge":
                conn.sendall(b"\x30\x84\x7f\xff\xff\xff" + b"\x02\x01\x01" +
                             b"\x61" * 61)
            elif mode == "ber-bad":
                # SEQUENCE(12) { INTEGER 1, [APPLICATION 1] (len 0x7f > 7) }
                conn.sendall(b"\x30\x0c\x02\x01\x01\x61\x7f\x0a\x01\x00"
                             b"\x04\x00\x04\x00")
        hold(conn)
    finally:
        conn.close()


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in MODES:
        sys.stderr.write(__doc__)
        return 2
    mode, portfile = sys.argv[1], sys.argv[2]
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    tmp = portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % s.getsockname()[1])
    os.rename(tmp, portfile)
    while True:
        conn, _ = s.accept()
        threading.Thread(target=serve, args=(conn, mode), daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
