/*
 * observed.c -- the phrases the evaluators and collectors write into the
 * observed values, reasons and target errors of results.json, translated
 * when a report is rendered.
 *
 * results.json stays in one language (English, the tool's): the
 * evaluators build their sentences with printf and know nothing of the
 * report's language. Each fixed phrase they write is listed here as a
 * translatable template (the English phrase with %s where a value goes)
 * with the kind of each value; a rendered text is scanned from left to
 * right and every phrase found is replaced by its translation, the values
 * copied as they are (dates written the report's way). What matches no
 * phrase is copied unchanged, so an evaluator's new sentence shows in
 * English until it is listed here (po-check's French report scan finds
 * it).
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "report/i18n.h"
#include "report/report.h"
#include "core/banned.h"

/* values at most this long; longer text is left as it is */
#define PH_VALUE_MAX	4096
#define PH_ARGS		5
/* a word value (an account, a host, a CA) at most this long */
#define PH_WORD_MAX	256

/*
 * Kinds of value, one letter per %s of the phrase:
 *   D  a date, "2026-09-01" or "2026-09-01T12:00:00Z" (written as a date)
 *   N  a number
 *   W  a word: no space, comma, quote, parenthesis or bracket
 *   S  any text up to the first place the rest of the phrase follows
 *   E  any text up to the last place the rest of the phrase follows
 * A phrase starts at the beginning of the text or after a character that
 * is not a letter or digit, and ends likewise.
 */
static const struct phrase { const char *en, *kinds; } phrases[] = {
	/* incident window (ad-*-window, linux-changed-in-window) */
	{ N_("created %s, after the compromise start"), "D" },
	{ N_("created after the remediation (%s): review"), "D" },
	{ N_("added after the remediation (%s): review"), "D" },
	{ N_("removed after the remediation (%s): review"), "D" },
	{ N_("added again after the remediation (%s): review"), "D" },
	{ N_("changed after the remediation (%s): review"), "D" },
	{ N_("(whenCreated), in the incident window"), "" },
	{ N_("created %s"), "D" },
	{ N_("content changed %s"), "D" },
	{ N_("metadata changed %s"), "D" },
	{ N_("%s changed %s (version %s)"), "WDN" },
	{ N_("password set %s, before the containment (%s)"), "DD" },
	{ N_("password set %s, before the detection (%s)"), "DD" },
	{ N_("password set %s, before the compromise start (%s)"), "DD" },
	{ N_("password set %s, after the containment (%s)"), "DD" },
	{ N_("password set %s, after the detection (%s)"), "DD" },
	{ N_("password set %s, after the compromise start (%s)"), "DD" },
	{ N_("a second reset cannot be proven without an earlier evidence "
	    "bundle (--previous DIR)"), "" },
	{ N_("the earlier audit precedes the containment: the first reset "
	    "may too"), "" },
	{ N_("the earlier audit precedes the detection: the first reset "
	    "may too"), "" },
	{ N_("the earlier audit precedes the compromise start: the first "
	    "reset may too"), "" },
	{ N_("password set %s, last logon %s (%s days later)"), "DDN" },
	{ N_("password never set, last logon %s"), "D" },
	{ N_("pwdLastSet is not a time, last logon %s"), "D" },
	{ N_("(changed %s)"), "D" },
	{ N_("last backup %s (%s days ago)"), "DN" },
	{ N_("no backup recorded since the domain was created %s (%s days "
	    "ago)"), "DN" },
	{ N_("(%s days ago)"), "N" },
	{ N_("%s days"), "N" },
	/* AD CS */
	{ N_("the enrollee supplies the subject alternative name"), "" },
	{ N_("the enrollee supplies the subject"), "" },
	{ N_("EKU none (any purpose)"), "" },
	{ N_("may enroll, but no enterprise CA publishes it (not "
	    "exploitable while unpublished)"), "" },
	{ N_("but its DACL is not readable"), "" },
	{ N_("(published by %s)"), "S" },
	{ N_("may enroll"), "" },
	{ N_("%s CA certificate(s) examined"), "N" },
	{ N_("enterprise CA %s on %s publishes %s template(s)"), "WWN" },
	{ N_("is the certificate of no enterprise CA of the forest"), "" },
	{ N_("another certificate with the subject of enterprise CA %s "
	    "(renewed? compare with certutil -ca.cert)"), "W" },
	{ N_("enterprise CA %s"), "W" },
	{ N_("root CA %s"), "W" },
	{ N_("listed as trusted"), "" },
	{ N_("no NTAuth store: no CA is trusted for logon"), "" },
	{ N_("the NTAuth store is empty"), "" },
	{ N_("no CA certificate in the configuration partition (no AD CS)"),
	    "" },
	{ N_("a certificate that cannot be parsed (%s bytes)"), "N" },
	{ N_("%s certificate template(s), %s published by %s enterprise "
	    "CA(s)"), "NNN" },
	/* other AD evaluators */
	{ N_("runs %s, outside SYSVOL"), "S" },
	{ N_("run by %s specifier(s)"), "N" },
	{ N_("the password of %s is cached"), "S" },
	{ N_("nonsecure dynamic updates allowed"), "" },
	{ N_("owned by %s, not an administrator"), "W" },
	{ N_("owned by %s"), "W" },
	{ N_("owner not readable"), "" },
	{ N_("no TRUSTED_FOR_DELEGATION"), "" },
	{ N_("(privileged RID)"), "" },
	{ N_("%s of %s inactive (more than %s %% is a finding)"), "NNN" },
	{ N_("no DC runs Windows Server 2025 (build %s): these "
	    "delegations become exploitable when one is added"), "N" },
	{ N_("runs Windows Server 2025 or later: dMSAs can be used"), "" },
	{ N_("%s OU(s) and domain head examined"), "N" },
	{ N_("%s zone(s) examined"), "N" },
	{ N_("%s DC account(s) examined"), "N" },
	{ N_("%s tier-0 object(s) examined"), "N" },
	{ N_("%s cluster name object(s) examined"), "N" },
	{ N_("%s server(s) examined"), "N" },
	{ N_("no read-only DC"), "" },
	{ N_("never logged on since its creation on %s"), "D" },
	{ N_("never logged on, creation date unknown"), "" },
	{ N_("may cache the passwords of %s, a tier-0 group"), "S" },
	{ N_("may cache the passwords of %s, a built-in or well-known group"),
	    "S" },
	{ N_("msDS-RevealedUsers not returned"), "" },
	{ N_("minimum length %s"), "N" },
	{ N_("no lockout"), "" },
	{ N_("complexity off"), "" },
	{ N_("reversible encryption"), "" },
	{ N_("(primary group)"), "" },
	{ N_("unreadable security descriptor (%s)"), "S" },
	{ N_("unreadable descriptor (%s)"), "S" },
	{ N_("unreadable sIDHistory value"), "" },
	{ N_("userAccountControl or primaryGroupID not returned"), "" },
	{ N_("no zone in %s (the partition does not exist under the domain)"),
	    "W" },
	{ N_("%s more menu entries"), "N" },
	{ N_("no context menu runs a program"), "" },
	{ N_("no wildcard or WPAD record"), "" },
	/* OpenLDAP */
	{ N_("anonymous has read access to %s"), "W" },
	{ N_("anonymous has read access"), "" },
	{ N_("any user has read access to %s"), "W" },
	{ N_("any user has read access"), "" },
	{ N_("olcRootPW stored as %s"), "W" },
	{ N_("ppolicy without olcPPolicyDefault"), "" },
	{ N_("no ppolicy overlay"), "" },
	/* Linux */
	{ N_("missing: "), "" },
	{ N_("next boot: a failing value in the configuration files"), "" },
	{ N_("next boot: "), "" },
	{ N_("(no such account: left by a deleted one?)"), "" },
	{ N_("(%s times)"), "N" },
	{ N_("(left out, the audit account '%s' alone: "), "S" },
	{ N_("examined %s authorized_keys file(s) of root and "
	    "administrators, %s key(s); allow-list: given (--allowed-keys)"),
	    "NN" },
	{ N_("examined %s authorized_keys file(s) of root and "
	    "administrators, %s key(s); allow-list: none (every key listed "
	    "for review)"), "NN" },
	{ N_("probe not run as root: files only root can read were not "
	    "examined"), "" },
	{ N_("probe not run as root: files only root can read (/root, other "
	    "homes, sudoers.d) were not examined"), "" },
	{ N_("not assessed: the probe did not run as root, files only root "
	    "can read were not examined"), "" },
	{ N_("(content of %s, %s key(s), %s not in the allow-list; inode "
	    "changed since: restored or re-permissioned)"), "DNN" },
	{ N_("(content of %s, %s key(s), %s not in the allow-list)"), "DNN" },
	{ N_("(content of %s, not renewed; inode changed since: restored or "
	    "re-permissioned)"), "D" },
	{ N_("(content of %s, not renewed)"), "D" },
	{ N_("(same key %s as in the evidence of %s: touched, not renewed)"),
	    "SD" },
	{ N_("renewal judged by mtime only: no earlier evidence bundle from "
	    "before the remediation to compare fingerprints with "
	    "(--previous DIR)"), "" },
	{ N_("examined %s account(s) by their shadow last-change day; "
	    "compared with the earlier evidence bundle (UID 0, "
	    "sudo/wheel/admin members, UIDs)"), "N" },
	{ N_("examined %s account(s) by their shadow last-change day; no "
	    "earlier evidence bundle (--previous DIR): new UID 0 accounts, "
	    "group members and UIDs not compared"), "N" },
	{ N_("examined %s file(s); birth time known for %s (no birth time on "
	    "this file system or this stat: creation dates not judged)"),
	    "NN" },
	{ N_("examined %s file(s); birth time known for %s"), "NN" },
	{ N_("left out (the audit's own, see the target's footprint):"), "" },
	/* reasons of results (not applicable, error) */
	{ N_("nothing to judge in the probe output: not applicable"), "" },
	{ N_("no kernel image in /boot (container or network boot)"), "" },
	{ N_("no privileged account with a password"), "" },
	{ N_("no allow-list (--allowed-keys) and this host is not listed as "
	    "compromised"), "" },
	{ N_("no ppolicy overlay with a default policy (see the ppolicy "
	    "overlay check)"), "" },
	{ N_("offered without 'noplain' or a minimum security strength "
	    "(olcSaslSecProps, olcSecurity)"), "" },
	{ N_("%s of %s passwords use another scheme"), "NN" },
	{ N_("%s of %s object(s) returned without a readable "
	    "nTSecurityDescriptor: not readable with this account (grant it "
	    "Read permissions on the object; rempart asks for the DACL only "
	    "(SD_FLAGS control, 4))"), "NN" },
	{ N_("this DC (Samba) does not return msDS-ReplValueMetaData: when "
	    "each member value was added is not known"), "" },
	{ N_("no fine-grained password policy readable: none exists, or (the "
	    "default) this account may not read them; grant it Read on '%s' "
	    "(%s)"), "SE" },
	{ N_("no userPassword readable with this account but its own (the "
	    "ACL hides them, which is right): check the schemes on the server "
	    "(%s), or grant the audit account read on userPassword for the "
	    "audit (%s in the rule protecting it)"), "SS" },
	{ N_("no userPassword readable with this account (the ACL hides "
	    "them, which is right): check the schemes on the server (%s), or "
	    "grant the audit account read on userPassword for the audit (%s "
	    "in the rule protecting it)"), "SS" },
	/* reasons: what could not be read */
	{ N_("(grant it Read permissions on the object; rempart asks for "
	    "the DACL only (SD_FLAGS control, 4))"), "" },
	{ N_("(rempart asks for the owner only, SD_FLAGS control 1)"), "" },
	{ N_("(grant it Read on the object, as Authenticated Users have "
	    "by default)"), "" },
	{ N_("(grant it Read on them, as Authenticated Users have by "
	    "default)"), "" },
	{ N_("(grant it Read on it, as Authenticated Users have by "
	    "default)"), "" },
	{ N_("(grant this account Read on them, as Authenticated Users "
	    "have by default)"), "" },
	{ N_("no group returned: group objects are not readable with this "
	    "account (grant it Read on the domain, as Authenticated "
	    "Users have by default)"), "" },
	{ N_("no domain controller returned: computer objects are not "
	    "readable with this account"), "" },
	{ N_("no DNS zone returned under CN=MicrosoftDNS: not readable "
	    "with this account, or the DNS is not stored in the directory"), "" },
	{ N_("CN=Public Key Services,CN=Services,CN=Configuration was not "
	    "returned: the configuration partition is not readable with "
	    "this account (grant it Read on the container; any "
	    "authenticated user may by default)"), "" },
	{ N_("%s RODC(s) returned without msDS-RevealedUsers: not "
	    "readable with this account (an RODC caches at least its own "
	    "password)"), "N" },
	{ N_("probe '%s' returned no entry: the accounts it reads are not "
	    "readable with this account"), "S" },
	{ N_("probe '%s' returned no krbtgt entry: the account is not "
	    "readable with this account"), "S" },
	{ N_("probe '%s' returned no entry: "), "S" },
	{ N_("probe '%s' returned no domain controller"), "S" },
	{ N_("the domain head was returned without %s: not readable with "
	    "this account"), "W" },
	{ N_("%s of %s OU(s) returned without a readable "
	    "nTSecurityDescriptor: "), "NN" },
	{ N_("%s of %s object(s) returned without a readable "
	    "nTSecurityDescriptor: "), "NN" },
	{ N_("%s template(s) returned without a readable "
	    "nTSecurityDescriptor: "), "N" },
	{ N_("%s of %s container(s) without a readable "
	    "nTSecurityDescriptor: "), "NN" },
	{ N_("%s of %s tier-0 object(s) returned without a readable "
	    "owner: "), "NN" },
	{ N_("%s record(s) returned without a readable owner: "), "N" },
	{ N_("%s account(s) returned without userAccountControl or "
	    "primaryGroupID"), "N" },
	{ N_("no object returned: "), "" },
	{ N_("no OU or domain head returned: "), "" },
	{ N_("no container returned: "), "" },
	{ N_("no domain controller account returned: "), "" },
	{ N_("no tier-0 object returned: "), "" },
	{ N_("not readable with this account"), "" },
	{ N_("besides, %s object(s) without a readable security descriptor"), "N" },
	{ N_("besides, %s template(s) without a readable security "
	    "descriptor"), "N" },
	{ N_("besides, %s object(s) without a readable owner"), "N" },
	{ N_("besides, %s RODC(s) whose cached passwords are not readable"), "N" },
	{ N_("besides, %s certificate(s) that cannot be parsed"), "N" },
	{ N_("%s of %s CA certificate(s) cannot be parsed"), "NN" },
	{ N_("no incident context given (--incident) and no earlier "
	    "evidence (--previous DIR): nothing to compare with"), "" },
	{ N_("no incident context given (--incident): nothing to compare "
	    "with"), "" },
	{ N_("no incident context: give --incident FILE with the "
	    "compromise dates"), "" },
	{ N_("the incident context has no remediation or containment date"), "" },
	{ N_("the earlier evidence has no usable probe '%s' for this "
	    "target"), "S" },
	{ N_("the earlier evidence holds no krbtgt entry in probe '%s'"), "S" },
	{ N_("LAPS schema absent (neither ms-Mcs-AdmPwd nor msLAPS-*): "
	    "LAPS is not deployed"), "" },
	{ N_("no LAPS password attribute in the schema"), "" },
	{ N_("no enabled workstation or member server"), "" },
	{ N_("%s of %s computers have a LAPS password (less than %s %%)"), "NNN" },
	{ N_("group membership truncated by the server (ranged 'member' "
	    "values, not followed): groups are incomplete"), "" },
	{ N_("rootDSE not readable"), "" },
	{ N_("attribute absent (and no default)"), "" },
	{ N_("%s entries returned for the domain head, expected 1"), "N" },
	{ N_("%s privileged accounts (at most %s)"), "NN" },
	{ N_("rule %s gives %s to everyone"), "NW" },
	{ N_("default policy '%s' not readable with this account (grant "
	    "it read on that entry) or missing"), "S" },
	{ N_("cn=config is not readable with this account: add %s to the "
	    "olcAccess of olcDatabase={0}config"), "S" },
	{ N_("no database configuration readable: "), "" },
	{ N_("no data database readable: "), "" },
	{ N_("not assessed: the probe listed no file at all (not even "
	    "/etc/passwd): its commands failed on the target"), "" },
	{ N_("not assessed: %s line(s) of the probe's output are not file "
	    "times (a file not judged)"), "N" },
	{ N_("not assessed: %s line(s) of the probe's output are not file "
	    "times (a key not judged)"), "N" },
	{ N_("not assessed: the probe did not run as root, root's "
	    "authorized_keys could not be read"), "" },
	{ N_("not assessed: %s line(s) of the keys' output could not be "
	    "read (a file or a key not judged)"), "N" },
	{ N_("not assessed: %s account(s) have no last-change day in "
	    "/etc/shadow: their creation cannot be dated"), "N" },
	{ N_("%s: not collected (%s): the configuration the next boot "
	    "applies is not judged"), "WW" },
	{ N_("too many sudo rules to judge: output capped"), "" },
	{ N_("a Cmnd_Alias could not be resolved within the limits (name "
	    "length, count or nesting): not judged"), "" },
	{ N_("too many files to judge: output capped"), "" },
	{ N_("too many keys to judge: output capped"), "" },
	{ N_("no shadow entry read (probe not run as root?): account "
	    "creation dates not judged"), "" },
	{ N_("the host's find cannot tell unowned files (no -nouser)"), "" },
	{ N_("running kernel release not collected"), "" },
	{ N_("nothing extracted to compare"), "" },
	{ N_("no entry returned (not readable with this account?)"), "" },
	{ N_("probe '%s' has no proof that it ran (no start token "
	    "recorded; collected by an older rempart or edited by hand): "
	    "collect again"), "S" },
	/* target errors (collect) */
	{ N_("host key mismatch for '%s' port %s: the server presents %s but "
	    "'%s' has %s: the host was reinstalled or someone is "
	    "intercepting; check the new key out of band before replacing "
	    "the entry (nothing was sent to the host)"), "SNSSS" },
	{ N_("host key mismatch for '%s' port %s: '%s' knows it only with key "
	    "types the server does not offer (it presents %s); check the key "
	    "out of band"), "SNSS" },
	{ N_("unknown host key for '%s' port %s: %s is not in '%s'; check it "
	    "out of band, then run again with --accept-new (or add it with "
	    "ssh-keyscan)"), "SNSS" },
	{ N_("sudo refused a command this probe needs as root (allow it "
	    "NOPASSWD for '%s', or audit as root)"), "S" },
	{ N_("sudo needs a password: %s root probes not run"), "N" },
	{ N_("sudo needs a password"), "" },
	{ N_("(and more: see the probes)"), "" },
	/* manual checks (eval_manual.c) */
	{ N_("answered yes by %s on %s"), "SD" },
	{ N_("answered no by %s on %s"), "SD" },
	{ N_("answered not applicable by %s on %s"), "SD" },
	{ N_("not answered in the attestations file"), "" },
	{ N_("not answered: no attestations file (rempart attest template, "
	    "then --attestations)"), "" },
	{ N_("answered not applicable without saying why (give the reason "
	    "as evidence)"), "" },
};

static int
is_word(int c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Length of a date at s ("YYYY-MM-DD" with an optional "Thh:mm:ssZ"). */
static size_t
date_len(const char *s)
{
	size_t i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !isdigit((unsigned char)s[i]))
			return 0;
	while (i < 32 && (isdigit((unsigned char)s[i]) || s[i] == ':' ||
	    s[i] == 'T' || s[i] == 'Z' || s[i] == '.'))
		i++;
	return i;
}

/* A date for the report: "1 sept. 2026" or « 1 sept. 2026, 12:00 UTC ». */
static char *
date_text(const char *d)
{
	static const char *const mon[] = { N_("Jan"), N_("Feb"), N_("Mar"),
		N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
		N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec") };
	int m;

	if (strlen(d) > 10)
		return rp_report_date(d);
	m = (d[5] - '0') * 10 + (d[6] - '0');
	if (m < 1 || m > 12)
		return xstrdup(d);
	/* TRANSLATORS: day, month, year */
	return xasprintf(_("%d %s %.4s"), (d[8] - '0') * 10 + (d[9] - '0'),
	    _(mon[m - 1]), d);
}

#define NPHRASES	(sizeof(phrases) / sizeof(phrases[0]))

/*
 * Prepared once (index_phrases): which phrases can start at a position,
 * so that a long text is not tried against every phrase at every
 * position: by the first byte of the phrase, and for a phrase that begins
 * with a value, the literal text after that value (it must follow within
 * PH_VALUE_MAX bytes). Each bucket keeps the table's order (the first
 * phrase that matches wins). lit[i][n]: the literal after the n-th value
 * of phrase i ("%%" as "%"); stop: the bytes that end a word value.
 */
static struct {
	int		 ready;
	unsigned short	*bucket[256];
	size_t		 nbucket[256];
	char		*after[NPHRASES];	/* value-first phrases */
	size_t		 after_len[NPHRASES];
	char		*lit[NPHRASES][PH_ARGS];
	size_t		 lit_len[NPHRASES][PH_ARGS];
	unsigned char	 stop[256];
} ix;

/*
 * The phrase p (kinds k) at s: its length, the values in a[] (owned);
 * 0 when it is not there.
 */
static size_t
match(const char *p, const char *k, char *const *lits, const size_t *lens,
    const char *s, const char *end, char **a)
{
	const char *q = s, *f, *next;
	size_t n = 0, l, nl, w;

	for (;;) {
		/* the literal text, up to the next "%s" or the end, compared
		 * as it is read ("%%" in the phrase is a "%") */
		while (*p != '\0' && !(p[0] == '%' && p[1] == 's')) {
			if (p[0] == '%' && p[1] == '%')
				p++;
			if (*q != *p)
				goto no;
			p++;
			q++;
		}
		if (*p == '\0')
			break;
		p += 2;
		/* the literal text after this value (its "%%" as "%"),
		 * prepared by index_phrases */
		next = lits[n];
		nl = lens[n];
		/* a value and what follows it lie within w bytes: the
		 * scan stays linear in a long hostile text */
		w = (size_t)(end - q);
		if (w > PH_VALUE_MAX + 1 + nl)
			w = PH_VALUE_MAX + 1 + nl;
		switch (k[n]) {
		case 'D':
			l = date_len(q);
			break;
		case 'N':
			for (l = 0; l < w && isdigit((unsigned char)q[l]); l++)
				;
			break;
		case 'W':
			for (l = 0; l < w && l <= PH_WORD_MAX &&
			    !ix.stop[(unsigned char)q[l]]; l++)
				;
			break;
		case 'E':
			l = nl ? 0 : w;
			for (f = q; nl && (f = memmem(f, w - (size_t)(f - q),
			    next, nl)) != NULL; f++)
				l = (size_t)(f - q);
			break;
		default:
			f = nl ? memmem(q, w, next, nl) : NULL;
			l = f ? (size_t)(f - q) : nl ? 0 : w;
			break;
		}
		if (l == 0 || l > PH_VALUE_MAX || (k[n] == 'W' && l > PH_WORD_MAX) ||
		    memchr(q, '\n', l) != NULL)
			goto no;
		a[n++] = xstrndup(q, l);
		q += l;
	}
	/* a phrase ends where a word does */
	if (q > s && is_word(q[-1]) && is_word(*q))
		goto no;
	return (size_t)(q - s);
no:
	while (n > 0)
		free(a[--n]);
	return 0;
}

/* The translation of phrase ph with the values a[] (appended to sb). */
static void
translate(struct rp_strbuf *sb, const struct phrase *ph, char **a)
{
	const char *p = _(ph->en);
	size_t n = 0;
	char *d;

	while (*p) {
		if (p[0] == '%' && p[1] == 's' && ph->kinds[n] != '\0') {
			if (ph->kinds[n] == 'D') {
				d = date_text(a[n]);
				rp_strbuf_addstr(sb, d);
				free(d);
			} else
				rp_strbuf_addstr(sb, a[n]);
			n++;
			p += 2;
		} else if (p[0] == '%' && p[1] == '%') {
			rp_strbuf_addch(sb, '%');
			p += 2;
		} else
			rp_strbuf_addch(sb, *p++);
	}
}

static void
index_phrases(void)
{
	size_t i, b, l, n;
	const char *p, *e;
	char *t;

	for (p = " ,;:()[]'\"\n"; *p; p++)
		ix.stop[(unsigned char)*p] = 1;
	ix.stop[0] = 1;
	for (i = 0; i < NPHRASES; i++) {
		/* the literals after each value, unescaped */
		for (n = 0, p = strstr(phrases[i].en, "%s"); p != NULL &&
		    n < PH_ARGS; n++, p = e) {
			p += 2;
			e = strstr(p, "%s");
			t = xstrndup(p, e ? (size_t)(e - p) : strlen(p));
			for (l = 0; t[l] != '\0'; l++)
				if (t[l] == '%' && t[l + 1] == '%')
					memmove(t + l + 1, t + l + 2,
					    strlen(t + l + 2) + 1);
			ix.lit[i][n] = t;
			ix.lit_len[i][n] = strlen(t);
		}
	}
	for (b = 0; b < 256; b++) {
		ix.bucket[b] = xcalloc(NPHRASES, sizeof(*ix.bucket[b]));
		for (i = 0; i < NPHRASES; i++) {
			p = phrases[i].en;
			if (p[0] == '%' && p[1] == 's' && phrases[i].kinds[0]) {
				if (b == 0) {
					ix.after[i] = ix.lit[i][0];
					ix.after_len[i] = ix.lit_len[i][0];
				}
			} else if ((unsigned char)p[0] != b)
				continue;
			ix.bucket[b][ix.nbucket[b]++] = (unsigned short)i;
		}
	}
	ix.ready = 1;
}

/* text with the phrases it holds translated (owned). */
char *
rp_report_phrases(const char *text)
{
	struct rp_strbuf sb;
	const char *s, *end, *f, *run;
	char *a[PH_ARGS];
	size_t i, j, l, k, len, off, next[NPHRASES];
	unsigned char b;

	if (text == NULL)
		return xstrdup("");
	if (strcmp(rp_i18n_lang(), "en") == 0)
		return xstrdup(text);
	if (!ix.ready)
		index_phrases();
	len = strlen(text);
	end = text + len;
	/* where the literal after a value-first phrase's value occurs next
	 * (offset; len: nowhere ahead), moved forward as the scan goes */
	for (i = 0; i < NPHRASES; i++)
		next[i] = 0;
	rp_strbuf_init(&sb, len * 8 + 65536);
	/* run: the text copied as it is since the last phrase */
	for (s = run = text; *s; ) {
		l = 0;
		if (s == text || !is_word(s[-1])) {
			b = (unsigned char)*s;
			off = (size_t)(s - text);
			for (j = 0; j < ix.nbucket[b]; j++) {
				i = ix.bucket[b][j];
				if (ix.after[i] != NULL && ix.after_len[i] > 0) {
					if (next[i] < off) {
						f = memmem(s, (size_t)(end - s),
						    ix.after[i],
						    ix.after_len[i]);
						next[i] = f ? (size_t)(f -
						    text) : len;
					}
					if (next[i] >= len ||
					    next[i] - off > PH_VALUE_MAX + 1)
						continue;
				}
				if ((l = match(phrases[i].en, phrases[i].kinds,
				    ix.lit[i], ix.lit_len[i], s, end, a)) == 0)
					continue;
				rp_strbuf_add(&sb, run, (size_t)(s - run));
				translate(&sb, &phrases[i], a);
				for (k = 0; phrases[i].kinds[k]; k++)
					free(a[k]);
				break;
			}
		}
		if (l == 0)
			s++;
		else
			run = s += l;
	}
	rp_strbuf_add(&sb, run, (size_t)(s - run));
	return rp_strbuf_detach(&sb, NULL);
}

/* What was observed on the target, its phrases translated (owned). */
char *
rp_report_observed(json_t *r)
{
	json_t *o = json_object_get(r, "observed");

	return rp_report_phrases(json_is_string(o) ? json_string_value(o) :
	    "");
}

/*
 * A warning for the terminal ("warning: 'h4': hostkey-mismatch: host key
 * mismatch for ..."), in the report's language: the prefix, a target's
 * status and the phrases translated (owned; rp_log_set_translator).
 */
char *
rp_report_log_line(const char *line)
{
	static const char pre[] = "warning: ";
	const char *p = line, *q, *e, *st;
	char *word, *rest, *out;

	if (strcmp(rp_i18n_lang(), "en") == 0 ||
	    strncmp(line, pre, sizeof(pre) - 1) != 0)
		return rp_report_phrases(line);
	p += sizeof(pre) - 1;
	/* "'ID': STATUS" or "'ID': STATUS: error" (collect) */
	if (*p == '\'' && (q = strstr(p + 1, "': ")) != NULL) {
		q += 3;
		e = q + strcspn(q, ":");
		word = xstrndup(q, (size_t)(e - q));
		st = rp_report_label("tstatus", word);
		if (st != word && strcmp(st, word) != 0 &&
		    (*e == '\0' || strncmp(e, ": ", 2) == 0)) {
			/* the target's error, as in the report */
			rest = strncmp(e, ": ", 2) == 0 ?
			    rp_report_reason_text(e + 2) : xstrdup("");
			out = xasprintf("%s%.*s%s%s%s", _("warning: "),
			    (int)(q - p), p, st, *rest ? " : " : "", rest);
			free(rest);
			free(word);
			return out;
		}
		free(word);
	}
	rest = rp_report_phrases(p);
	out = xasprintf("%s%s", _("warning: "), rest);
	free(rest);
	return out;
}
