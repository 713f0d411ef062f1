#!/usr/bin/python3
# floor.py DATADIR URI BASE CAFILE BIND_DN PASSWORD_FILE PAGE -- print a shell
# script that runs, with ldapsearch, every LDAP search rempart makes for the
# AD probes of DATADIR/ad/*.xml (same base, scope, filter, attributes, SD
# flags control, page size), plus its rootDSE read, output to /dev/null:
# the floor rempart's collection is compared with.
import base64
import glob
import shlex
import sys
import xml.etree.ElementTree as ET

datadir, uri, base, ca, dn, pw, page = sys.argv[1:8]
ns = {"c": "urn:rempart:catalog:1"}
common = ["ldapsearch", "-x", "-LLL", "-o", "ldif-wrap=no", "-H", uri, "-D", dn, "-y", pw]
print("#!/bin/sh\nexport LDAPTLS_CACERT=%s LDAPCONF=/dev/null LDAPRC=/dev/null" % shlex.quote(ca))
print(" ".join(shlex.quote(a) for a in common + ["-s", "base", "-b", "", "(objectClass=*)", "*", "+"])
      + " > /dev/null")
for f in sorted(glob.glob(datadir + "/ad/*.xml")):
    for p in ET.parse(f).getroot().findall("c:probe", ns):
        l = p.find("c:ldap", ns)
        if l is None:
            continue
        b = l.get("base", "")
        b = {"": base, "rootdse": "", "config": "CN=Configuration," + base,
             "schema": "CN=Schema,CN=Configuration," + base}.get(b, "%s,%s" % (b, base))
        cmd = common + ["-E", "pr=%s/noprompt" % page]
        if l.get("sd-flags") is not None:
            v = int(l.get("sd-flags"))
            ber = bytes([0x30, 0x03, 0x02, 0x01, v] if v < 128 else [0x30, 0x04, 0x02, 0x02, 0, v])
            cmd += ["-E", "!1.2.840.113556.1.4.801=::" + base64.b64encode(ber).decode()]
        cmd += ["-s", l.get("scope", "sub"), "-b", b, l.get("filter", "(objectClass=*)")]
        cmd += (l.get("attrs") or "1.1").split()
        print("# " + p.get("id"))
        print(" ".join(shlex.quote(a) for a in cmd) + " > /dev/null")
