#!/usr/bin/env python3
"""fault-server.py -- hostile TCP listeners for rempart's fault tests.

Usage: fault-server.py MODE PORTFILE

Listens on 127.0.0.1 (a free port, of FAULT_PORTS=LOW-HIGH when set,
written to PORTFILE once listening) and
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
  ldap-timelimit
              a tiny LDAPv3 server: any simple bind succeeds; the rootDSE
              is one entry (namingContexts dc=example,dc=org) and success;
              every other search answers two entries under its base, then
              searchResultDone timeLimitExceeded (3) with a diagnostic
              message, as a server whose time limit was hit mid-search
  ldap-sniff  a tiny LDAPv3 server that appends every byte it receives to
              PORTFILE.bytes: any bind succeeds, the rootDSE as above,
              every other search answers success with no entry; a StartTLS
              request is refused (protocolError)
  ldap-flood  bind and rootDSE as above; every other search streams 60 KB
              entries: FAULT_FLOOD_MB MiB of them (default 100; 0: for
              ever, never reading the abandon), then success
  ldap-drip   bind and rootDSE as above; every other search sends one
              small entry every 2 s, for ever
  ldap-bytedrip
              bind and rootDSE as above; every other search answers the
              header of a 1 MiB entry, then one byte of it every 100 ms

Only loopback; nothing is read beyond what the client sends.
"""
import os
import random
import socket
import sys
import threading
import time

MODES = ("silent", "garbage", "ber-huge", "ber-bad", "ssh-banner",
         "ldap-timelimit", "ldap-sniff", "ldap-flood", "ldap-drip",
         "ldap-bytedrip")
LDAP_MODES = ("ldap-timelimit", "ldap-sniff", "ldap-flood", "ldap-drip",
              "ldap-bytedrip")
SNIFF_LOCK = threading.Lock()
TIMELIMIT_DIAG = b"time limit exceeded by the fault server"


def ber(tag, body):
    """One BER TLV with a definite length (short or long form)."""
    n = len(body)
    if n < 0x80:
        head = bytes([n])
    else:
        lb = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(lb)]) + lb
    return bytes([tag]) + head + body


def ber_int(tag, v):
    return ber(tag, v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big"))


def ber_read(buf, pos):
    """(tag, body, next position) of the TLV at pos, or None if short."""
    if pos + 2 > len(buf):
        return None
    tag, n, pos = buf[pos], buf[pos + 1], pos + 2
    if n & 0x80:
        k = n & 0x7f
        if k == 0 or k > 4 or pos + k > len(buf):
            raise ValueError("bad BER length")
        n, pos = int.from_bytes(buf[pos:pos + k], "big"), pos + k
    if pos + n > len(buf):
        return None
    return tag, buf[pos:pos + n], pos + n


def ldap_msg(msgid, op):
    return ber(0x30, ber_int(0x02, msgid) + op)


def ldap_result(tag, code, diag=b""):
    """LDAPResult: resultCode, matchedDN, diagnosticMessage."""
    return ber(tag, ber_int(0x0a, code) + ber(0x04, b"") + ber(0x04, diag))


def ldap_entry(dn, attrs):
    """SearchResultEntry: objectName, attributes {type, SET OF value}."""
    pal = b"".join(ber(0x30, ber(0x04, t) +
                       ber(0x31, b"".join(ber(0x04, v) for v in vals)))
                   for t, vals in attrs)
    return ber(0x64, ber(0x04, dn) + ber(0x30, pal))


def search_answer(conn, mode, msgid, base):
    """Entries and result of a search that is not the rootDSE's."""
    if mode == "ldap-timelimit":
        out = b"".join(ldap_msg(msgid, ldap_entry(
            b"cn=entry%d,%s" % (i, base),
            [(b"objectClass", [b"top", b"device"]),
             (b"cn", [b"entry%d" % i])])) for i in (1, 2))
        out += ldap_msg(msgid, ldap_result(0x65, 3, TIMELIMIT_DIAG))
        conn.sendall(out)
    elif mode == "ldap-sniff":
        conn.sendall(ldap_msg(msgid, ldap_result(0x65, 0)))
    elif mode == "ldap-flood":
        limit = int(os.environ.get("FAULT_FLOOD_MB", "100")) << 20
        big, sent, k = b"x" * 60000, 0, 0
        while limit == 0 or sent < limit:
            e = ldap_msg(msgid, ldap_entry(b"cn=e%d,%s" % (k, base), [
                (b"cn", [b"e%d" % k]), (b"description", [big])]))
            conn.sendall(e)
            sent, k = sent + len(e), k + 1
        conn.sendall(ldap_msg(msgid, ldap_result(0x65, 0)))
    elif mode == "ldap-bytedrip":
        e = ldap_msg(msgid, ldap_entry(b"cn=b,%s" % base,
                                       [(b"description", [b"b" * (1 << 20)])]))
        conn.sendall(e[:16])
        for c in e[16:]:
            conn.sendall(bytes([c]))
            time.sleep(0.1)
    elif mode == "ldap-drip":
        k = 0
        while True:
            conn.sendall(ldap_msg(msgid, ldap_entry(
                b"cn=d%d,%s" % (k, base), [(b"cn", [b"d%d" % k])])))
            k += 1
            time.sleep(2)


def serve_ldap(conn, mode, portfile):
    """Answer bind, rootDSE and searches until unbind or close."""
    buf = b""
    while True:
        m = ber_read(buf, 0)
        if m is None:
            data = conn.recv(65536)
            if not data:
                return
            if mode == "ldap-sniff":
                with SNIFF_LOCK, open(portfile + ".bytes", "ab") as f:
                    f.write(data)
            buf += data
            if len(buf) > 1 << 20:
                return
            continue
        buf = buf[m[2]:]
        _, _, p = ber_read(m[1], 0)             # messageID
        msgid = int.from_bytes(ber_read(m[1], 0)[1], "big")
        optag, op, _ = ber_read(m[1], p)
        if optag == 0x60:                       # bindRequest
            conn.sendall(ldap_msg(msgid, ldap_result(0x61, 0)))
        elif optag == 0x63:                     # searchRequest
            base = ber_read(op, 0)[1]
            if base == b"":
                out = ldap_msg(msgid, ldap_entry(b"", [
                    (b"objectClass", [b"top"]),
                    (b"namingContexts", [b"dc=example,dc=org"]),
                    (b"supportedLDAPVersion", [b"3"]),
                    (b"vendorName", [b"rempart fault server"])]))
                out += ldap_msg(msgid, ldap_result(0x65, 0))
                conn.sendall(out)
            else:
                search_answer(conn, mode, msgid, base)
        elif optag == 0x42:                     # unbindRequest
            return
        elif optag != 0x50:                     # not abandon (StartTLS
            # too): refused, the connection stays in clear
            conn.sendall(ldap_msg(msgid, ldap_result(0x78, 2)))


def hold(conn):
    """Keep the connection open, discarding what the client sends."""
    try:
        while conn.recv(65536):
            pass
    except OSError:
        pass
    time.sleep(3600)


def serve(conn, mode, portfile):
    try:
        if mode in LDAP_MODES:
            try:
                serve_ldap(conn, mode, portfile)
            except (OSError, ValueError, TypeError):
                pass
            return
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
    # FAULT_PORTS=LOW-HIGH: the first free port of that range (labs that
    # share a machine keep to their own ports); else any free port
    rng = os.environ.get("FAULT_PORTS", "")
    if rng:
        low, high = (int(x) for x in rng.split("-"))
        for port in range(low, high + 1):
            try:
                s.bind(("127.0.0.1", port))
                break
            except OSError:
                continue
        else:
            sys.stderr.write("no free port in %s\n" % rng)
            return 1
    else:
        s.bind(("127.0.0.1", 0))
    s.listen(16)
    tmp = portfile + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % s.getsockname()[1])
    os.rename(tmp, portfile)
    while True:
        conn, _ = s.accept()
        threading.Thread(target=serve, args=(conn, mode, portfile),
                         daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
