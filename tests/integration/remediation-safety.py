#!/usr/bin/env python3
"""remediation-safety.py -- a remediation that changes how people or
programs get in (sshd, PAM, sudo, the firewall, mounts, kernel settings,
account lock-out, LDAP bind rules and ACLs) must say, in English and in
French, what to check first or what it can lock out: it is pasted by a
tired administrator at 3 a.m.

Usage: remediation-safety.py [--list] CHECKSDIR
Prints one line per offending check (id, topic, language) and exits 1 when
there is one; --list prints every sensitive check with its verdict.
The allow-list names checks reviewed as safe without such a sentence (the
change cannot lock anyone out); each entry says why.
"""
import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

# what the remediation touches: topic -> pattern on the English text
TOPICS = [
    ("sshd", r"sshd|PermitRootLogin|PasswordAuthentication|AllowGroups|AllowUsers|"
             r"AuthenticationMethods|KbdInteractiveAuthentication|PubkeyAuthentication|"
             r"systemctl (?:reload|restart) ssh\b"),
    ("pam", r"\bpam[_-]|/etc/pam\.d|faillock|pwquality|pam-auth-update"),
    ("sudo", r"sudoers|visudo|NOPASSWD|/usr/bin/sudo|\bsudo (?:group|rule)"),
    ("firewall", r"\bufw\b|\bnft\b|nftables|iptables|firewall-cmd"),
    ("mount", r"fstab|\bremount\b|tmp\.mount|\bmount -o\b"),
    ("kernel", r"modules_disabled|\bmodprobe\b|install \S+ /bin/(?:false|true)|"
               r"GRUB_CMDLINE|lockdown="),
    ("lockout", r"[Ll]ockout ?[Tt]hreshold|pwdLockout|pwdMaxFailure|\bdeny=\d"),
    ("ad-auth", r"Protected Users|LmCompatibilityLevel|RestrictNTLM|NTLM|"
                r"LDAPServerIntegrity|LdapEnforceChannelBinding|"
                r"RequireSecuritySignature|SupportedEncryptionTypes|"
                r"Set-ADAccountControl|AccountNotDelegated|"
                r"SmartcardLogonRequired|Authentication Polic"),
    ("bind-rules", r"olcDisallows|olcRequires|olcAllows|olcSecurity|olcSaslSecProps|"
                   r"olcAccess|bind_anon"),
]

# a sentence stating a precondition or a lock-out risk
PRECOND = {
    "en": re.compile(r"lock-out|locked out|lock \w+ out|cut (?:off|out)|"
                     r"keep (?:a|the|your|one|an?)\b[^.]*session|"
                     r"\bfirst\b|\bbefore\b|check that|make sure|sshd -t|visudo -c|"
                     r"\brisk\b|denial of service|\bpilot\b|"
                     r"stop (?:resolving|working)|fail(?:s)? to|can no longer|"
                     r"cannot log|no longer log|after checking|"
                     r"maintenance window", re.I),
    "fr": re.compile(r"blocage|bloqu|verrouillés?\b|\bd'abord\b|\bavant\b|vérifier que|"
                     r"s'assurer|session[^.]*ouverte|sshd -t|visudo -c|"
                     r"\brisque\b|déni de service|\bpilote\b|"
                     r"ne (?:résolvent|fonctionnent|peuvent) plus|échou|"
                     r"après avoir vérifié|fenêtre de maintenance", re.I),
}

# reviewed: the change locks no one out (reason next to each)
ALLOW = {
    "AD-KRB-002": "requires Kerberos pre-authentication, which every "
                  "Windows client since 2000 does",
    "AD-PRV-004": "same as AD-KRB-002, on a privileged account",
    "AD-PRV-005": "marks an administrator's account as not delegable: "
                  "its own logons are unchanged",
    "AD-PWD-010": "PasswordNotRequired only allows an empty password to "
                  "be set; whoever used the empty one is meant to stop",
    "AD-PRV-017": "same as AD-PWD-010, on a privileged account",
    "AD-PRV-022": "the incident-window remediation is being rewritten "
                  "with the window's end date; to review with it",
    "LNX-ACC-019": "minlen applies to the next password change only",
    "LNX-SUDO-009": "root:root 0440 is the packaged owner and mode sudo "
                    "itself requires",
    "LNX-BOOT-003": "removes an option someone added: the boot goes back "
                    "to the distribution's",
    "LNX-FS-002": "owner and mode of sshd's own files, read as root",
    "LNX-FS-019": "a planned migration, not a command (says so)",
    "LNX-KRN-027": "filesystems nobody mounts on a server (cramfs, hfs, "
                   "jffs2...); a mounted one keeps working until reboot",
    "LNX-KRN-028": "network protocols unused on a server; a loaded one "
                   "keeps working until reboot",
    "LNX-LOG-010": "audit=1 only starts auditing before auditd",
    "LNX-LOG-011": "a larger audit backlog, no access change",
}


NS = "{urn:rempart:catalog:1}"


def text(ck, tag, lang):
    for e in ck.findall(NS + tag):
        if e.get("lang") == lang:
            return "".join(e.itertext())
    return ""


def main(argv):
    listall = "--list" in argv
    args = [a for a in argv if a != "--list"]
    if len(args) != 1:
        sys.stderr.write("usage: remediation-safety.py [--list] CHECKSDIR\n")
        return 2
    bad = 0
    seen = set()
    for path in sorted(glob.glob(os.path.join(args[0], "*", "*.xml"))):
        if "/baselines/" in path or "/schema/" in path:
            continue
        root = ET.parse(path).getroot()
        for ck in root.iter(NS + "check"):
            cid = ck.get("id")
            en = text(ck, "remediation", "en")
            topics = [t for t, p in TOPICS if re.search(p, en)]
            if not topics:
                continue
            seen.add(cid)
            for lang in ("en", "fr"):
                rem = text(ck, "remediation", lang)
                ok = PRECOND[lang].search(rem) is not None
                if cid in ALLOW:
                    verdict = "allowed"
                elif ok:
                    verdict = "ok"
                else:
                    verdict = "MISSING"
                    bad += 1
                if listall or verdict == "MISSING":
                    print("%s:%s: %s [%s] %s" % (
                        os.path.relpath(path, args[0]), lang, cid,
                        ",".join(topics), verdict))
    stale = sorted(set(ALLOW) - seen)
    for cid in stale:
        print("allow-list names %s, which touches none of the topics "
              "(remove it)" % cid)
        bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
