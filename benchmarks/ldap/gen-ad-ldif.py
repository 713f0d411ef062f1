#!/usr/bin/python3
# gen-ad-ldif.py USERS GROUPS COMPUTERS SUFFIX AUDITOR_HASH -- an AD-shaped
# directory for slapd (schema: adlite.ldif), on stdout, for slapadd:
# the domain head (objectClass domain + domainDNS, policy attributes, SID,
# a security descriptor), CN=Users with krbtgt and the Domain Admins, Users
# and Computers groups, USERS users, GROUPS groups
# nested ten to a parent (each also holding ten users), COMPUTERS computers,
# and uid=auditor,ou=people for the lab's slapd.sh limits and ACLs.
# objectCategory is stored as "person" / "computer" / "group" (slapd has no
# AD category mapping), so that AD-style filters select the same entries.
import base64
import struct
import sys

users, groups, computers = (int(a) for a in sys.argv[1:4])
suffix, auditor_hash = sys.argv[4], sys.argv[5]
out = sys.stdout
W = out.write


def sid(rid=None):
    sub = [21, 1111111111, 2222222222, 3333333333] + ([rid] if rid is not None else [])
    raw = struct.pack("<BB", 1, len(sub)) + (5).to_bytes(6, "big")
    raw += b"".join(struct.pack("<I", s) for s in sub)
    return base64.b64encode(raw).decode()


# a self-relative security descriptor with a DACL of 20 ACEs (~700 bytes)
def sd():
    aces = b""
    for i in range(20):
        trustee = base64.b64decode(sid(1100 + i))
        body = struct.pack("<I", 0x000F01FF) + trustee
        aces += struct.pack("<BBH", 0, 0, 4 + len(body)) + body
    acl = struct.pack("<BBHHH", 2, 0, 8 + len(aces), 20, 0) + aces
    head = struct.pack("<BBHIIII", 1, 0, 0x8004, 0, 0, 0, 20)
    return base64.b64encode(head + acl).decode()


def grp_dn(g):
    return "CN=grp%05d,OU=Groups,%s" % (g, suffix)


W("""dn: %(s)s
objectClass: top
objectClass: domain
objectClass: domainDNS
dc: %(dc)s
distinguishedName: %(s)s
objectSid:: %(sid)s
ms-DS-MachineAccountQuota: 10
minPwdLength: 7
lockoutThreshold: 0
pwdHistoryLength: 24
msDS-Behavior-Version: 7
nTSecurityDescriptor:: %(sd)s

dn: ou=people,%(s)s
objectClass: organizationalUnit
ou: people

dn: uid=auditor,ou=people,%(s)s
objectClass: inetOrgPerson
uid: auditor
cn: rempart auditor
sn: auditor
userPassword: %(pw)s

dn: CN=Users,%(s)s
objectClass: top
objectClass: container
cn: Users

dn: CN=krbtgt,CN=Users,%(s)s
objectClass: top
objectClass: person
objectClass: organizationalPerson
objectClass: user
cn: krbtgt
sn: krbtgt
sAMAccountName: krbtgt
userAccountControl: 514
primaryGroupID: 513
objectCategory: person
objectSid:: %(krb)s
pwdLastSet: 131013072002245180
msDS-KeyVersionNumber: 2

""" % {"s": suffix, "dc": suffix.split(",")[0].split("=")[1], "sid": sid(),
       "sd": sd(), "pw": auditor_hash, "krb": sid(502)})
# the well-known groups every primaryGroupID points to
for rid, name in ((512, "Domain Admins"), (513, "Domain Users"), (515, "Domain Computers")):
    W("dn: CN=%s,CN=Users,%s\nobjectClass: top\nobjectClass: group\ncn: %s\n" % (name, suffix, name))
    W("name: %s\ndistinguishedName: CN=%s,CN=Users,%s\n" % (name, name, suffix))
    W("sAMAccountName: %s\ngroupType: -2147483646\nobjectCategory: group\n" % name)
    W("objectSid:: %s\n" % sid(rid))
    W("adminCount: 1\n\n" if rid == 512 else "\n")
for ou in ("Users", "Groups", "Computers"):
    W("dn: OU=%s,%s\nobjectClass: organizationalUnit\nou: %s\n\n" % (ou, suffix, ou))

for i in range(1, users + 1):
    uac = 512
    if i % 50 == 1:
        uac = 514
    elif i % 1000 == 7:
        uac = 4194816
    elif i % 200 == 3:
        uac = 66048
    W("dn: CN=user%06d,OU=Users,%s\n" % (i, suffix))
    W("objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\n"
      "objectClass: user\n")
    W("cn: user%06d\nsn: User %d\nsAMAccountName: user%06d\n" % (i, i, i))
    W("name: user%06d\ndistinguishedName: CN=user%06d,OU=Users,%s\n" % (i, i, suffix))
    W("userPrincipalName: user%06d@bench.test\n" % i)
    W("userAccountControl: %d\nobjectCategory: person\n" % uac)
    W("objectSid:: %s\n" % sid(10000 + i))
    W("primaryGroupID: 513\nsAMAccountType: 805306368\n")
    W("pwdLastSet: %d\nlastLogonTimestamp: %d\n" % (133000000000000000 + i * 1000,
                                                    133400000000000000 + i * 1000))
    W("accountExpires: 9223372036854775807\n")
    W("whenCreated: 20240101000000.0Z\nwhenChanged: 20250601120000.0Z\n")
    W("description: bench user %d of the rempart LDAP benchmark\n" % i)
    if groups:
        W("memberOf: %s\n" % grp_dn(i % groups))
    if i % 5000 == 0:
        W("adminCount: 1\n")
    if i % 2000 == 0:
        W("servicePrincipalName: HTTP/svc%d.bench.test\n" % i)
    W("\n")

for g in range(groups):
    W("dn: %s\nobjectClass: top\nobjectClass: group\n" % grp_dn(g))
    W("cn: grp%05d\nsAMAccountName: grp%05d\n" % (g, g))
    W("name: grp%05d\ndistinguishedName: %s\n" % (g, grp_dn(g)))
    W("groupType: -2147483646\nobjectCategory: group\nsAMAccountType: 268435456\n")
    W("objectSid:: %s\n" % sid(200000 + g))
    W("description: bench group %d\n" % g)
    if g > 0:
        W("memberOf: %s\n" % grp_dn((g - 1) // 10))
    for c in range(10 * g + 1, min(10 * g + 11, groups)):
        W("member: %s\n" % grp_dn(c))
    for u in range(g if g else groups, users + 1, groups):
        W("member: CN=user%06d,OU=Users,%s\n" % (u, suffix))
    W("\n")

oses = [("Windows 10 Enterprise", "10.0 (19045)"), ("Windows 11 Enterprise", "10.0 (22631)"),
        ("Windows Server 2019 Standard", "10.0 (17763)"), ("Windows 7 Professional", "6.1 (7601)")]
for i in range(1, computers + 1):
    name = "PC%05d" % i
    uac = 528384 if i % 1000 == 5 else 4096
    osn, osv = oses[0 if i % 50 else 3] if i % 7 else oses[i % 3]
    W("dn: CN=%s,OU=Computers,%s\n" % (name, suffix))
    W("objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\n"
      "objectClass: user\nobjectClass: computer\n")
    W("cn: %s\nsn: %s\nsAMAccountName: %s$\n" % (name, name, name))
    W("name: %s\ndistinguishedName: CN=%s,OU=Computers,%s\n" % (name, name, suffix))
    W("userAccountControl: %d\nobjectCategory: computer\n" % uac)
    W("objectSid:: %s\n" % sid(500000 + i))
    W("primaryGroupID: 515\nsAMAccountType: 805306369\n")
    W("dNSHostName: %s.bench.test\n" % name.lower())
    W("operatingSystem: %s\noperatingSystemVersion: %s\n" % (osn, osv))
    W("pwdLastSet: %d\nlastLogonTimestamp: %d\n" % (133300000000000000 + i, 133400000000000000 + i))
    W("whenCreated: 20230101000000.0Z\nwhenChanged: 20250601120000.0Z\n")
    W("servicePrincipalName: HOST/%s.bench.test\nservicePrincipalName: HOST/%s\n\n"
      % (name.lower(), name))
