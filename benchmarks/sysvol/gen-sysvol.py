#!/usr/bin/python3
# gen-sysvol.py POLICIES_DIR N [SEED] -- a SYSVOL Policies folder of N GPOs
# shaped like a real domain's: every GPO has GPT.INI and the Machine/User
# folders; 60 % a GptTmpl.inf (UTF-16LE, ~2 KiB: registry values, rights,
# services, audit), 50 % a Registry.pol (20 values), 30 % a Groups.xml
# (5 items), 10 % a ScheduledTasks.xml, 10 % scripts.ini with two named
# scripts, 5 % Drives.xml, and 2 unrelated files per GPO (ADM templates,
# comments) that are listed but not kept. Deterministic for a SEED.
import os, random, struct, sys

pol, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
def utf16(s): return b"\xff\xfe" + s.encode("utf-16-le")
def preg(key, value, typ, data):
    w = lambda s: s.encode("utf-16-le") + b"\0\0"
    return (b"[\0" + w(key) + b";\0" + w(value) + b";\0" + struct.pack("<I", typ) +
            b";\0" + struct.pack("<I", len(data)) + b";\0" + data + b"]\0")
def put(p, data):
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f: f.write(data)
for i in range(n):
    g = os.path.join(pol, "{%08X-%04X-4%03X-8%03X-%012X}" % (rnd.getrandbits(32), i & 0xffff, rnd.getrandbits(12), rnd.getrandbits(12), rnd.getrandbits(48)))
    put(g + "/GPT.INI", b"[General]\r\nVersion=%d\r\n" % rnd.randint(1, 99999))
    os.makedirs(g + "/User", exist_ok=True)
    put(g + "/Machine/comment.cmtx", b"<policyComments/>" * 20)
    put(g + "/Adm/admfiles.ini", b"[FileList]\r\nsystem.adm=1\r\n")
    if rnd.random() < 0.6:
        inf = ["[Unicode]", "Unicode=yes", "[Version]", 'signature="$CHICAGO$"', "Revision=1", "[Registry Values]"]
        inf += ["MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel=4,%d" % rnd.choice([3, 5, 5, 5]),
                "MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature=4,1"]
        inf += ["MACHINE\\Software\\Vendor\\App%d\\Setting%d=4,%d" % (i, k, k) for k in range(30)]
        inf += ["[Privilege Rights]", "SeInteractiveLogonRight = *S-1-5-32-544,*S-1-5-32-551",
                "SeRemoteInteractiveLogonRight = *S-1-5-32-544", "[Service General Setting]", '"Spooler",4,""',
                "[Event Audit]"] + ["%s = 3" % a for a in ("AuditAccountLogon", "AuditAccountManage", "AuditDSAccess", "AuditLogonEvents", "AuditPolicyChange", "AuditPrivilegeUse", "AuditSystemEvents")]
        put(g + "/Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf", utf16("\r\n".join(inf) + "\r\n"))
    if rnd.random() < 0.5:
        body = b"".join(preg("Software\\Policies\\Vendor\\Product%d" % k, "Value%d" % k, 4, struct.pack("<I", k)) for k in range(20))
        put(g + "/Machine/Registry.pol", b"PReg" + struct.pack("<I", 1) + body)
    if rnd.random() < 0.3:
        items = "".join('<Group clsid="{6D4A79E4-529C-4481-ABD0-F5BD7EA93BA7}" name="Group%d" changed="2025-01-01 00:00:00" uid="{%d}"><Properties action="U" groupName="Group%d"><Members><Member name="DOM\\admins%d" action="ADD" sid="S-1-5-21-1-2-3-%d"/></Members></Properties></Group>' % (k, k, k, k, 1000 + k) for k in range(5))
        put(g + "/Machine/Preferences/Groups/Groups.xml", ('<?xml version="1.0" encoding="utf-8"?><Groups clsid="{3125E937-EB16-4b4c-9934-544FC6D24D26}">%s</Groups>' % items).encode())
    if rnd.random() < 0.1:
        put(g + "/Machine/Preferences/ScheduledTasks/ScheduledTasks.xml", b'<?xml version="1.0" encoding="utf-8"?><ScheduledTasks clsid="{CC63F200-7309-4ba0-B154-A71CD118DBCC}"><TaskV2 clsid="{D8896631-B747-47a7-84A6-C155337F3BC8}" name="Nightly" changed="2025-01-01 00:00:00" uid="{1}"><Properties action="U" name="Nightly" runAs="NT AUTHORITY\\System"><Task version="1.2"><Actions><Exec><Command>C:\\Tools\\nightly.cmd</Command></Exec></Actions></Task></Properties></TaskV2></ScheduledTasks>')
    if rnd.random() < 0.1:
        put(g + "/User/Scripts/scripts.ini", utf16("\r\n[Logon]\r\n0CmdLine=map.bat\r\n0Parameters=\r\n1CmdLine=printers.vbs\r\n1Parameters=\r\n"))
        put(g + "/User/Scripts/Logon/map.bat", b"@echo off\r\nnet use H: \\\\files\\home\r\n" * 10)
        put(g + "/User/Scripts/Logon/printers.vbs", b"' printers\r\n" * 40)
    if rnd.random() < 0.05:
        put(g + "/User/Preferences/Drives/Drives.xml", b'<?xml version="1.0" encoding="utf-8"?><Drives clsid="{8FDDCC1A-0C3C-43cd-A6B4-71A6DF20DA8C}"><Drive clsid="{935D1B74-9CB8-4e3c-9914-7DD559B7A417}" name="H:" changed="2025-01-01 00:00:00" uid="{2}"><Properties action="U" path="\\\\files\\home" letter="H"/></Drive></Drives>')
