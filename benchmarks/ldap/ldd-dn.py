#!/usr/bin/python3
# ldd-dn.py URL BASE BIND_DN PASSWORD_FILE OUTDIR -- run Debian's
# ldapdomaindump (its domainDumper: same searches, same HTML/JSON/grep
# output) with a simple bind as a DN or UPN and a password read from a file:
# the command line of ldapdomaindump insists on DOMAIN\user, which slapd
# cannot bind as, and would show the password in the process list. BASE is
# given because slapd's rootDSE has no defaultNamingContext.
import sys

from ldap3 import ALL, SIMPLE, Connection, Server
from ldapdomaindump import domainDumpConfig, domainDumper

url, base, dn, pwfile, outdir = sys.argv[1:6]
with open(pwfile) as f:
    pw = f.read()
cnf = domainDumpConfig()
cnf.basepath = outdir
s = Server(url, get_info=ALL)
c = Connection(s, user=dn, password=pw, authentication=SIMPLE)
if not c.bind():
    sys.exit("ldd-dn: bind failed: %s" % c.result.get("description"))
domainDumper(s, c, cnf, root=base).domainDump()
