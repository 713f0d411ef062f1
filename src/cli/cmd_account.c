/*
 * cmd_account.c -- "rempart account-setup": the exact access the audit
 * account needs for the probes some baselines read, and how to remove it.
 *
 * What runs as root comes from the probes themselves (collect/sudorules.c
 * reads every "$RP_SUDO CMD" the collector elevates); which probes, from
 * the collector's own selection (rp_collect_needed). Nothing here lists
 * commands by hand.
 */
#include "config.h"

#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ldap.h>

#include "cli/cli.h"
#include "collect/collect.h"
#include "collect/sudorules.h"
#include "content/content.h"
#include "core/err.h"
#include "core/file.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "core/banned.h"

#define DROPIN		"/etc/sudoers.d/rempart-audit"
#define KEY_TAG		"rempart-audit"
#define KEY_MAX		16384

static const char usage_text[] =
"usage: rempart account-setup -b BASELINE... [--kind linux|ad|openldap]\n"
"           [--user NAME] [--from ADDRESS] [--key FILE.pub] [--deep]\n"
"           [--no-exec] [--remove] [--base-dn DN] [--domain NAME]\n"
"\n"
"Print what the audit account needs, and nothing more, for the probes\n"
"the baselines read (as 'collect' would run them):\n"
"  linux     a shell script to run as root on each host: the account, a\n"
"            sudoers drop-in (" DROPIN ") with one Cmnd_Alias per\n"
"            probe, full paths, the arguments the probe fixes, NOEXEC\n"
"            unless the command starts programs (find -exec), checked by\n"
"            'visudo -cf' before it is installed; the authorized_keys line\n"
"            (from=ADDRESS, restrict, pty for hosts whose sudo wants a\n"
"            tty); and, in comments, the commands that remove it all.\n"
"  ad        the read rights beyond Authenticated Users, as dsacls and\n"
"            PowerShell lines, and what is not assessed without each.\n"
"  openldap  the olcAccess rules for the auditor on cn=config and on the\n"
"            data databases.\n"
"Without --kind, every kind the baselines audit is printed.\n"
"\n"
"Options:\n"
"  -b, --baseline B   baseline id or file (repeatable)\n"
"  --user NAME        the audit account (default: rempart)\n"
"  --from ADDRESS     address or CIDR the audit connects from (from=)\n"
"  --key FILE.pub     the audit's public key (OpenSSH format)\n"
"  --deep             include the probes only --deep runs\n"
"  --no-exec          no EXEC: rule: find -exec cannot start programs as root\n"
"                     (the probes that need it fall back or are errors)\n"
"  --remove           print only the commands that remove the account's\n"
"                     access (the audit footprint)\n""  --base-dn DN       ad, openldap: the naming context (default: the\n"
"                     placeholder DC=example,DC=org, said on stderr)\n"
"  --domain NAME      ad: the domain of the account in dsacls DOMAIN\\USER\n"
"                     (default: the placeholder DOMAIN, said on stderr)\n"
"\n"
"Examples:\n"
"  rempart account-setup -b anssi-bp028-enhanced --user rempart \\\n"
"      --from 192.0.2.10 --key ~/.ssh/audit.pub > setup.sh\n"
"  (review setup.sh, then on each host as root: sh setup.sh)\n"
"  rempart account-setup -b anssi-bp028-enhanced --remove > remove.sh\n"
"\n" RP_EXIT_CODES_HELP;

struct acct_opts {
	char		**baselines;
	size_t		 nbaselines;
	int		 kind;		/* -1: all the baselines need */
	const char	*user;
	const char	*from;
	const char	*keyfile;
	int		 deep;
	int		 noexec_only;
	int		 remove;
};

/* A name sudoers and the shell take as they are. */
static int
safe_user(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 32 || !(islower((unsigned char)s[0]) || s[0] == '_'))
		return 0;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    *s != '_' && *s != '-')
			return 0;
	return 1;
}

/* An address or CIDR list for from=: no quote, blank or comma tricks. */
static int
safe_from(const char *s)
{
	const char *e;
	size_t n, i;
	int name;

	if (*s == '\0' || strlen(s) > 256)
		return 0;
	/* each pattern names something: not empty, not wildcards alone
	 * ('*', '*.*.*.*'), not a /0 network (any address) */
	for (; *s; s = *e ? e + 1 : e) {
		e = s + strcspn(s, ",");
		n = (size_t)(e - s);
		for (i = 0, name = 0; i < n; i++) {
			if (!isalnum((unsigned char)s[i]) &&
			    strchr(".:/*?-", s[i]) == NULL)
				return 0;
			if (isalnum((unsigned char)s[i]))
				name = 1;
		}
		for (i = n; i > 0 && s[i - 1] == '0'; i--)
			;
		if (!name || (i < n && i > 0 && s[i - 1] == '/'))
			return 0;			/* a /0 network */
		if (*e == ',' && e[1] == '\0')
			return 0;
	}
	return 1;
}

/* The first key line of FILE.pub: "TYPE BASE64", comment dropped. */
static int
read_key(const char *path, char **out, char **cause)
{
	char *data = NULL, *p, *type, *blob, *end;
	size_t len;
	int r;

	*out = NULL;
	if ((r = rp_file_read(path, KEY_MAX, &data, &len, cause)) != 0)
		return r;
	for (p = data; *p == ' ' || *p == '\t' || *p == '\n'; p++)
		;
	type = p;
	while (*p && *p != ' ' && *p != '\t' && *p != '\n')
		p++;
	if (*p != ' ' && *p != '\t')
		goto bad;
	*p++ = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	blob = p;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '/' ||
	    *p == '=')
		p++;
	end = p;
	if (end == blob || (*p != '\0' && *p != ' ' && *p != '\t' &&
	    *p != '\n' && *p != '\r'))
		goto bad;
	*end = '\0';
	if (strncmp(type, "ssh-", 4) != 0 && strncmp(type, "ecdsa-", 6) != 0 &&
	    strncmp(type, "sk-", 3) != 0)
		goto bad;
	for (p = type; *p; p++)
		if (!isalnum((unsigned char)*p) && strchr("-@.", *p) == NULL)
			goto bad;
	*out = xasprintf("%s %s", type, blob);
	free(data);
	return 0;
bad:
	free(data);
	return rp_fail(cause, RP_ERR_PARSE, "%s:1: not an OpenSSH public key "
	    "line (TYPE BASE64 [comment])", path);
}

/*
 * Print the entry of NAME ARGS with the full path the host's sudo finds
 * (its secure_path order on Debian); a command not installed here gets both
 * usual places (a path that does not exist matches nothing). Returns 0
 * when it was not found here.
 */
static int
print_entry(const char *name, const char *args, int *count)
{
	static const char *const dirs[] = {
		"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
		"/sbin", "/bin",
	};
	struct stat st;
	size_t i;
	char *p;

	if (args[0] == '\0')
		args = "\"\"";	/* no argument at all */
	if (name[0] == '/') {
		printf("%s\\\n\t%s %s", (*count)++ ? ", " : "", name, args);
		return 1;
	}
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		p = xasprintf("%s/%s", dirs[i], name);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode) &&
		    (st.st_mode & 0111)) {
			printf("%s\\\n\t%s %s", (*count)++ ? ", " : "", p,
			    args);
			free(p);
			return 1;
		}
		free(p);
	}
	printf("%s\\\n\t/usr/sbin/%s %s, \\\n\t/usr/bin/%s %s",
	    (*count)++ ? ", " : "", name, args, name, args);
	return 0;
}

/* RP_LINUX_SHADOW_STATUS from linux.shadow-status */
static char *
alias_name(const char *probe)
{
	char *a = xasprintf("RP_%s", probe), *p;

	for (p = a + 3; *p; p++)
		*p = isalnum((unsigned char)*p) ? (char)toupper(
		    (unsigned char)*p) : '_';
	return a;
}

static void
print_removal(const struct acct_opts *o, const char *prefix)
{
	printf("%s# 1. the sudo rule\n", prefix);
	printf("%srm -f " DROPIN "\n", prefix);
	printf("%s# 2. the audit's key (its line ends with '" KEY_TAG "')\n",
	    prefix);
	printf("%sH=$(getent passwd %s | cut -d: -f6) && [ -f \"$H/.ssh/"
	    "authorized_keys\" ] && sed -i '/ " KEY_TAG "$/d' \"$H/.ssh/"
	    "authorized_keys\"\n", prefix, o->user);
	printf("%s# 3. the account, if it was made for the audit only "
	    "(its home goes too)\n", prefix);
	printf("%suserdel -r %s\n", prefix, o->user);
	printf("%s# check: nothing left\n", prefix);
	printf("%ssudo -l -U %s; id %s\n", prefix, o->user, o->user);
}

static int
linux_setup(struct rp_content *c, const struct acct_opts *o,
    const struct rp_probe *const *probes, size_t np)
{
	struct rp_sudo_cmd *v = NULL;
	struct rp_strbuf exec_list = RP_STRBUF_INIT(1 << 20);
	struct rp_strbuf noexec_list = RP_STRBUF_INIT(1 << 20);
	char *cause = NULL, *key = NULL, *alias;
	size_t n, cap, i, j, nroot = 0, nleft = 0, nwild = 0;
	int r = 0, found, any_exec, any_noexec, any_find = 0, any_dpkg = 0;

	(void)c;
	if (o->keyfile != NULL &&
	    (r = read_key(o->keyfile, &key, &cause)) != 0) {
		rp_error("%s", cause);
		free(cause);
		return rp_cli_exit_for(r);
	}
	if (o->remove) {
		printf("#!/bin/sh\n# rempart: remove the audit account's "
		    "access (run as root on each host)\nset -u\n");
		print_removal(o, "");
		free(key);
		return RP_EXIT_OK;
	}
	printf("#!/bin/sh\n"
	    "# rempart account-setup: the access of the audit account '%s'\n"
	    "# for the probes of:", o->user);
	for (i = 0; i < o->nbaselines; i++)
		printf(" %s", o->baselines[i]);
	printf("%s\n# Review it, then run it as root on each Linux host: "
	    "sh setup.sh\nset -eu\n\n", o->deep ? " (--deep)" : "");
	printf("# 1. the account (nothing is done if it exists); no "
	    "password: key login only\n"
	    "id %s >/dev/null 2>&1 || useradd -m -s /bin/sh %s\n\n",
	    o->user, o->user);

	printf("# 2. the sudoers drop-in: only these commands, as root, "
	    "without a password.\n"
	    "#    Works with a hardened sudo (Defaults requiretty, noexec, "
	    "use_pty): the\n"
	    "#    collector asks for a pty when sudo wants one, and EXEC: is "
	    "given only to\n"
	    "#    the commands that start programs.\n"
	    "T=$(mktemp /etc/sudoers.d/.rempart-audit.XXXXXX)  # a name "
	    "with a dot: sudo skips it\n"
	    "cat > \"$T\" <<'RP_EOF'\n"
	    "# rempart audit account: remove after the audit (rm -f " DROPIN
	    ")\n");
	for (i = 0; i < np; i++) {
		const struct rp_probe *p = probes[i];

		if (!p->root)
			continue;
		nroot++;
		v = NULL;
		n = cap = 0;
		if ((r = rp_sudo_cmds(p, &v, &n, &cap, &cause)) != 0) {
			printf("RP_EOF\n");
			rp_error("%s", cause);
			free(cause);
			rp_sudo_cmds_free(v, n);
			r = rp_cli_exit_for(r);
			goto out;
		}
		if (n == 0) {
			/* a root probe that elevates its whole shell */
			printf("# %s: runs a whole shell as root: it would need "
			    "ALL; not granted (not assessed)\n", p->id);
			nleft++;
			continue;
		}
		alias = alias_name(p->id);
		any_exec = any_noexec = 0;
		for (j = 0; j < n; j++) {
			if (v[j].exec && o->noexec_only) {
				/* allowed, so never refused, but NOEXEC: the
				 * probe sees that find cannot start programs
				 * (it falls back, or is an error) */
				printf("# %s line %d: starts programs: under "
				    "NOEXEC (--no-exec), it cannot\n", p->id,
				    v[j].line);
				v[j].exec = 0;
			}
			if (v[j].exec)
				any_exec = 1;
			else
				any_noexec = 1;
			if (strcmp(v[j].cmd, "find") == 0 ||
			    (strlen(v[j].cmd) > 5 && strcmp(v[j].cmd +
			    strlen(v[j].cmd) - 5, "/find") == 0))
				any_find = 1;
			if (strcmp(v[j].cmd, "dpkg") == 0 ||
			    (strlen(v[j].cmd) > 5 && strcmp(v[j].cmd +
			    strlen(v[j].cmd) - 5, "/dpkg") == 0))
				any_dpkg = 1;
		}
		for (j = 0; j < n; j++) {
			if (v[j].wild)
				nwild++;
			if (j > 0 && v[j - 1].line == v[j].line &&
			    v[j - 1].wild == v[j].wild &&
			    v[j - 1].exec == v[j].exec)
				continue;	/* said once per line */
			if (v[j].wild || v[j].exec)
				printf("# %s line %d: %s%s\n", p->id,
				    v[j].line, v[j].wild ? "arguments not "
				    "fixed by the probe ('*'): other "
				    "arguments match too" : "",
				    v[j].exec ? (v[j].wild ? "; starts "
				    "programs as root (find -exec): with "
				    "free arguments this equals root "
				    "access (--no-exec denies it)" :
				    "starts programs as root (find -exec)") :
				    "");
		}
		if (any_exec)
			printf("Cmnd_Alias %s_EXEC = ", alias);
		for (j = 0, found = 0; any_exec && j < n; j++)
			if (v[j].exec && !print_entry(v[j].cmd, v[j].args,
			    &found))
				rp_warn("'%s' (probe %s) is not installed "
				    "here: check its path on the hosts "
				    "(command -v %s)", v[j].cmd, p->id,
				    v[j].cmd);
		if (any_exec) {
			printf("\n");
			rp_strbuf_addf(&exec_list, "%s%s_EXEC",
			    exec_list.len ? ", " : "", alias);
		}
		if (any_noexec)
			printf("Cmnd_Alias %s = ", alias);
		for (j = 0, found = 0; any_noexec && j < n; j++)
			if (!v[j].exec && !print_entry(v[j].cmd, v[j].args,
			    &found))
				rp_warn("'%s' (probe %s) is not installed "
				    "here: check its path on the hosts "
				    "(command -v %s)", v[j].cmd, p->id,
				    v[j].cmd);
		if (any_noexec) {
			printf("\n");
			rp_strbuf_addf(&noexec_list, "%s%s",
			    noexec_list.len ? ", " : "", alias);
		}
		free(alias);
		rp_sudo_cmds_free(v, n);
	}
	/* the last matching rule wins: NOEXEC after EXEC */
	if (exec_list.len > 0)
		printf("%s ALL=(root) NOPASSWD: EXEC: %s\n", o->user,
		    rp_strbuf_str(&exec_list));
	if (noexec_list.len > 0)
		printf("%s ALL=(root) NOPASSWD: NOEXEC: %s\n", o->user,
		    rp_strbuf_str(&noexec_list));
	if (exec_list.len == 0 && noexec_list.len == 0)
		printf("# no probe of these baselines runs a command as root\n");
	/*
	 * What '*' in a granted rule lets through and no probe does, denied
	 * last so that this rule wins (NOEXEC or not): find writes
	 * (-fprint, -fprintf, -fls) and deletes (-delete) files itself, so
	 * it would write /etc/sudoers.d as root; "dpkg --verify*" would take
	 * --verify-format rpm --remove PACKAGE, or any other action after it.
	 */
	if (any_find || any_dpkg) {
		printf("# what '*' above lets through and no probe runs: find "
		    "writing or deleting files,\n# dpkg doing anything but "
		    "--verify: denied (the last matching rule wins)\n"
		    "Cmnd_Alias RP_DENIED = ");
		found = 0;
		for (i = 0; any_find && i < 2; i++)
			printf("%s\\\n\t%s/find *-fprint*, %s/find *-fls*, "
			    "%s/find *-delete*", found++ ? ", " : "",
			    i ? "/bin" : "/usr/bin", i ? "/bin" : "/usr/bin",
			    i ? "/bin" : "/usr/bin");
		for (i = 0; any_dpkg && i < 2; i++)
			printf("%s\\\n\t%s/dpkg --verify-*, %s/dpkg "
			    "--verify=*, %s/dpkg --verify -*, %s/dpkg --verify "
			    "* -*", found++ ? ", " : "", i ? "/bin" :
			    "/usr/bin", i ? "/bin" : "/usr/bin", i ? "/bin" :
			    "/usr/bin", i ? "/bin" : "/usr/bin");
		printf("\n%s ALL=(root) !RP_DENIED\n", o->user);
	}
	printf("RP_EOF\n"
	    "chmod 0440 \"$T\"\n"
	    "if visudo -cf \"$T\"; then mv -f \"$T\" " DROPIN "\n"
	    "else rm -f \"$T\"; echo 'sudoers drop-in refused by visudo: "
	    "nothing installed' >&2; exit 1; fi\n\n");

	printf("# 3. the audit's key: only from the audit machine, no "
	    "forwarding, no agent;\n"
	    "#    'pty' because a sudo with requiretty needs one (drop it "
	    "where sudo does not)\n");
	printf("H=$(getent passwd %s | cut -d: -f6)\n"
	    "install -d -m 0700 -o %s -g \"$(id -gn %s)\" \"$H/.ssh\"\n",
	    o->user, o->user, o->user);
	printf("L='from=\"%s\",restrict,pty %s " KEY_TAG "'\n",
	    o->from ? o->from : "AUDIT_ADDRESS", key ? key : "PUBLIC_KEY");
	if (o->from == NULL || key == NULL)
		printf("echo 'replace %s%s%s in this script first' >&2; "
		    "exit 1\n", o->from ? "" : "AUDIT_ADDRESS (--from)",
		    o->from || key ? "" : " and ", key ? "" :
		    "PUBLIC_KEY (--key)");
	printf("touch \"$H/.ssh/authorized_keys\"\n"
	    "grep -qxF \"$L\" \"$H/.ssh/authorized_keys\" || printf '%%s\\n' "
	    "\"$L\" >> \"$H/.ssh/authorized_keys\"\n"
	    "chown %s \"$H/.ssh/authorized_keys\"; chmod 0600 "
	    "\"$H/.ssh/authorized_keys\"\n\n", o->user);
	printf("# 4. after the audit, remove it all (rempart account-setup "
	    "--remove prints this):\n");
	print_removal(o, "#   ");
	fprintf(stderr, "rempart: %zu root probes; %zu with arguments not "
	    "fixed, %zu not granted\n", nroot, nwild, nleft);
out:
	rp_strbuf_release(&exec_list);
	rp_strbuf_release(&noexec_list);
	free(key);
	return r;
}

/* "LNX-X-001 LNX-Y-002": the checks of the baselines reading probe p. */
static char *
checks_reading(struct rp_content *c, const struct acct_opts *o,
    const struct rp_probe *p)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(1 << 16);
	const struct rp_baseline *b;
	struct rp_resolved res;
	char *cause = NULL;
	size_t i, j, k;

	for (i = 0; i < o->nbaselines; i++) {
		if (rp_baseline_get(c, o->baselines[i], &b, &cause) != 0 ||
		    rp_baseline_resolve(c, b, &res, &cause) != 0) {
			free(cause);
			cause = NULL;
			continue;
		}
		for (j = 0; j < res.nsel; j++) {
			const struct rp_check *ck = res.sel[j].check;
			int reads = ck->probe == p;

			for (k = 0; k < ck->nalso && !reads; k++)
				reads = strcmp(ck->also[k], p->id) == 0;
			if (reads && (sb.len == 0 || strstr(sb.buf, ck->id) ==
			    NULL))
				rp_strbuf_addf(&sb, "%s%s", sb.len ? " " : "",
				    ck->id);
		}
		rp_resolved_release(&res);
	}
	return rp_strbuf_detach(&sb, NULL);
}

/*
 * What Authenticated Users cannot read in a default Active Directory, and
 * the least right that lets the auditor read what a probe searches. The
 * probes come from the baselines; this table only knows AD's defaults.
 */
static const struct ad_need {
	const char	*base;		/* the probe's base holds this */
	const char	*filter;	/* and its filter this (NULL: any) */
	const char	*dn;		/* object to grant on, before the DN */
	const char	*right;		/* dsacls right */
	const char	*ps_right;	/* ActiveDirectoryRights */
	int		 each;		/* on each object found, not inherited */
	const char	*why;
} ad_needs[] = {
	{ "CN=Password Settings Container", NULL,
	  "CN=Password Settings Container,CN=System,", "GR", "GenericRead", 0,
	  "fine-grained password policies (PSOs) are readable by Domain "
	  "Admins only" },
	{ "CN=System", "BCKUPKEY",
	  "CN=BCKUPKEY_PREFERRED Secret,CN=System,", "RC", "ReadControl", 1,
	  "the DPAPI backup key objects (class secret) are readable by "
	  "administrators only (their DACL alone is read, never the key)" },
	{ "config", "msKds-ProvRootKey",
	  "CN=Master Root Keys,CN=Group Key Distribution Service,CN=Services,"
	  "CN=Configuration,", "RC", "ReadControl", 0,
	  "the KDS root keys (gMSA passwords) are readable by Domain and "
	  "Enterprise Admins only (their DACL alone is read)" },
};

/* A comment before a directory's lines: what in them is a placeholder. */
static void
placeholders(const char *basedn, const char *domain)
{
	if (basedn != NULL)
		printf("# %s below is a placeholder (no --base-dn): replace it "
		    "with the naming context\n", basedn);
	if (domain != NULL)
		printf("# %s below is a placeholder (no --domain): replace it "
		    "with the account's domain\n", domain);
}

static int
ad_setup(struct rp_content *c, const struct acct_opts *o,
    const struct rp_probe *const *dir, size_t nd, const char *basedn,
    const char *domain)
{
	size_t i, k, nneed = 0;
	char *lost;

	printf("# rempart account-setup (Active Directory): the audit "
	    "account '%s'\n"
	    "# A plain domain user (Authenticated Users) reads almost all "
	    "the checks need.\n"
	    "# Beyond that, for the probes of these baselines:\n\n",
	    o->user);
	for (k = 0; k < sizeof(ad_needs) / sizeof(ad_needs[0]); k++) {
		const struct ad_need *a = &ad_needs[k];
		struct rp_strbuf probes = RP_STRBUF_INIT(1 << 12);
		struct rp_strbuf checks = RP_STRBUF_INIT(1 << 16);

		for (i = 0; i < nd; i++) {
			const struct rp_probe *p = dir[i];

			if (p->kind != RP_KIND_AD || p->ldap_base == NULL ||
			    strstr(p->ldap_base, a->base) == NULL ||
			    (a->filter != NULL && (p->ldap_filter == NULL ||
			    strstr(p->ldap_filter, a->filter) == NULL)))
				continue;
			rp_strbuf_addf(&probes, "%s%s", probes.len ? ", " :
			    "", p->id);
			lost = checks_reading(c, o, p);
			rp_strbuf_addf(&checks, "%s%s", checks.len && *lost ?
			    " " : "", lost);
			free(lost);
		}
		if (probes.len == 0) {
			rp_strbuf_release(&probes);
			rp_strbuf_release(&checks);
			continue;
		}
		nneed++;
		printf("## %s: %s\n", rp_strbuf_str(&probes), a->why);
		printf("##   without it, not assessed: %s\n",
		    checks.len ? rp_strbuf_str(&checks) : "(no check)");
		printf("dsacls \"%s%s\" /G \"%s\\%s:%s\"%s\n", a->dn, basedn,
		    domain, o->user, a->right, a->each ? "" : " /I:T");
		if (a->each)
			printf("##   (and the same for each CN=BCKUPKEY_* "
			    "Secret object of CN=System)\n");
		if (a->each)
			printf("Get-ADObject -SearchBase \"CN=System,%s\" "
			    "-LDAPFilter \"(&(objectClass=secret)"
			    "(cn=BCKUPKEY_*))\" | ForEach-Object { ", basedn);
		else
			printf("& { $_ = Get-ADObject \"%s%s\"; ", a->dn,
			    basedn);
		printf("$p = \"AD:$($_.DistinguishedName)\"; $acl = Get-Acl "
		    "$p; $acl.AddAccessRule((New-Object System.DirectoryServices."
		    "ActiveDirectoryAccessRule((Get-ADUser %s).SID, '%s', "
		    "'Allow', '%s'))); Set-Acl $p $acl }\n\n", o->user,
		    a->ps_right, a->each ? "None" : "All");
		rp_strbuf_release(&probes);
		rp_strbuf_release(&checks);
	}
	for (i = 0; i < nd; i++)
		if (dir[i]->kind == RP_KIND_AD && dir[i]->sd_flags >= 0 &&
		    (dir[i]->sd_flags & 8)) {
			lost = checks_reading(c, o, dir[i]);
			printf("## %s reads SACLs: that needs the 'Manage "
			    "auditing and security log' privilege, which "
			    "rempart never asks for\n##   without it, not "
			    "assessed: %s\n\n", dir[i]->id, lost);
			free(lost);
			nneed++;
		}
	if (nneed == 0)
		printf("# nothing: Authenticated Users' read is enough\n");
	/* what the other probes read with a plain account, said once */
	for (i = 0, k = 0; i < nd; i++)
		k += dir[i]->kind == RP_KIND_AD && dir[i]->sd_flags >= 0 &&
		    !(dir[i]->sd_flags & 8);
	if (k > 0)
		printf("# Besides the rights above, %zu probes read security "
		    "descriptors (owner and DACL:\n# SD flags without the "
		    "SACL) and replPropertyMetaData: Authenticated Users read\n"
		    "# them by default; an object whose DACL was changed to "
		    "deny it is reported\n# \"not readable\" by its check, "
		    "never passed\n", k);
	printf("# After the audit, remove each right: the same dsacls lines "
	    "with /R \"%s\\%s\"\n# (it removes every ACE of the account on "
	    "that object), then disable or delete\n# the account: "
	    "Remove-ADUser %s\n", domain, o->user, o->user);
	return RP_EXIT_OK;
}

/* Attribute names of an LDAP filter, added to sb (space separated). */
static void
filter_attrs(const char *f, struct rp_strbuf *sb)
{
	const char *s, *e;
	char *name;

	for (s = f; s != NULL && *s; s++) {
		if (*s != '(' || !isalpha((unsigned char)s[1]))
			continue;
		for (e = s + 1; isalnum((unsigned char)*e) || *e == '-' ||
		    *e == ';'; e++)
			;
		if (*e != '=' && *e != '~' && *e != '<' && *e != '>' &&
		    *e != ':')
			continue;
		name = xasprintf("%.*s", (int)(e - s - 1), s + 1);
		rp_strbuf_addf(sb, " %s", name);
		free(name);
	}
}

/* Append the words of list to the comma list out, once each. */
static void
add_attrs(struct rp_strbuf *out, const char *list)
{
	char *dup = xstrdup(list), *w, *save = dup;
	const char *p;
	size_t l;
	int seen;

	while ((w = rp_next_token(&save, " ,")) != NULL) {
		l = strlen(w);
		seen = 0;
		for (p = rp_strbuf_str(out); *p; ) {
			if (strncasecmp(p, w, l) == 0 &&
			    (p[l] == ',' || p[l] == '\0'))
				seen = 1;
			if ((p = strchr(p, ',')) == NULL)
				break;
			p++;
		}
		if (!seen)
			rp_strbuf_addf(out, "%s%s", out->len ? "," : "", w);
	}
	free(dup);
}

/*
 * s as the value of an LDAP filter (RFC 4515): '*', '(', ')', '\\' and NUL
 * as \xx. Owned.
 */
static char *
filter_value(const char *s)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(256);
	char *r;

	for (; *s; s++) {
		if (*s == '*' || *s == '(' || *s == ')' || *s == '\\')
			rp_strbuf_addf(&sb, "\\%02x", (unsigned char)*s);
		else
			rp_strbuf_addch(&sb, *s);
	}
	r = xstrdup(rp_strbuf_str(&sb));
	rp_strbuf_release(&sb);
	return r;
}

/* Is s a DN as RFC 4514 writes one (libldap's parser)? */
static int
valid_dn(const char *s)
{
	LDAPDN dn = NULL;

	if (ldap_str2dn(s, &dn, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS)
		return 0;
	ldap_dnfree(dn);
	return 1;
}

static int
openldap_setup(struct rp_content *c, const struct acct_opts *o,
    const struct rp_probe *const *dir, size_t nd, const char *basedn)
{
	struct rp_strbuf cfg = RP_STRBUF_INIT(1 << 14);
	struct rp_strbuf data = RP_STRBUF_INIT(1 << 14);
	struct rp_strbuf fa = RP_STRBUF_INIT(1 << 12);
	struct rp_strbuf lostc = RP_STRBUF_INIT(1 << 16);
	struct rp_strbuf lostd = RP_STRBUF_INIT(1 << 16);
	char *lost, *adn, *fbase;
	size_t i;
	int rootdse = 0;

	add_attrs(&cfg, "entry,objectClass");
	add_attrs(&data, "entry,objectClass");
	for (i = 0; i < nd; i++) {
		const struct rp_probe *p = dir[i];
		struct rp_strbuf *dst;

		if (p->kind != RP_KIND_OPENLDAP)
			continue;
		if (p->ldap_base && strcmp(p->ldap_base, "rootdse") == 0) {
			rootdse = 1;
			continue;
		}
		dst = p->ldap_base && strcmp(p->ldap_base, "config") == 0 ?
		    &cfg : &data;
		if (p->ldap_attrs)
			add_attrs(dst, p->ldap_attrs);
		rp_strbuf_reset(&fa);
		filter_attrs(p->ldap_filter, &fa);
		add_attrs(dst, rp_strbuf_str(&fa));
		lost = checks_reading(c, o, p);
		rp_strbuf_addf(dst == &cfg ? &lostc : &lostd, "%s%s",
		    (dst == &cfg ? lostc.len : lostd.len) && *lost ? " " : "",
		    lost);
		free(lost);
	}
	adn = xasprintf("uid=%s,ou=people,%s", o->user, basedn);
	fbase = filter_value(basedn);
	printf("#!/bin/sh\n"
	    "# rempart account-setup (OpenLDAP): read access for the auditor "
	    "%s\n"
	    "# Run as root on the LDAP server (ldapi:/// with SASL EXTERNAL). "
	    "Each rule is\n"
	    "# put first with 'by * break': the rules in place still apply to "
	    "everyone else.\n"
	    "# Set AUDITOR to the auditor's DN if it is not this one.\n"
	    "# (FBASE: BASE escaped as an LDAP filter value, RFC 4515)\n"
	    "set -eu\nAUDITOR='%s'\nBASE='%s'\nFBASE='%s'\n"
	    "DB=$(ldapsearch -Q -LLL -Y EXTERNAL -H ldapi:/// -b cn=config "
	    "\"(olcSuffix=$FBASE)\" dn | sed -n 's/^dn: //p')\n"
	    "[ -n \"$DB\" ] || { echo \"no database with suffix $BASE\" >&2; "
	    "exit 1; }\n", adn, adn, basedn, fbase);
	if (cfg.len > 0 && lostc.len > 0) {
		printf("# cn=config: without it, not assessed: %s\n",
		    rp_strbuf_str(&lostc));
		if (strcasestr(rp_strbuf_str(&cfg), "olcRootPW") != NULL)
			printf("# (olcRootPW is read to see its hash's scheme: "
			    "the auditor reads the rootdn's\n"
			    "#  password hash; keep its password in a vault "
			    "and remove this after the audit)\n");
		printf("ldapmodify -Q -Y EXTERNAL -H ldapi:/// <<RP_EOF\n"
		    "dn: olcDatabase={0}config,cn=config\n"
		    "changetype: modify\nadd: olcAccess\n"
		    "olcAccess: {0}to dn.subtree=\"cn=config\" attrs=%s by "
		    "dn.exact=\"$AUDITOR\" read by * break\nRP_EOF\n",
		    rp_strbuf_str(&cfg));
	}
	if (lostd.len > 0) {
		printf("# the data (%s): without it, not assessed: %s\n"
		    "# (userPassword is read to see each hash's scheme: the "
		    "auditor reads the hashes;\n"
		    "#  keep its password in a vault and remove this after "
		    "the audit)\n", basedn, rp_strbuf_str(&lostd));
		printf("ldapmodify -Q -Y EXTERNAL -H ldapi:/// <<RP_EOF\n"
		    "dn: $DB\nchangetype: modify\nadd: olcAccess\n"
		    "olcAccess: {0}to dn.subtree=\"$BASE\" attrs=%s by "
		    "dn.exact=\"$AUDITOR\" read by * break\n"
		    "-\nadd: olcLimits\n"
		    "olcLimits: dn.exact=\"$AUDITOR\" size=unlimited "
		    "time=unlimited\nRP_EOF\n", rp_strbuf_str(&data));
	}
	if (rootdse)
		printf("# the root DSE (supportedSASLMechanisms, namingContexts) "
		    "is readable by anyone by default:\n# keep a rule "
		    "'to dn.exact=\"\" by * read' in the frontend\n");
	printf("# After the audit, remove them: each rule below is deleted "
	    "by its exact value\n"
	    "# (not by its {n} position, which a rule added since would "
	    "shift); a rule changed\n"
	    "# since is left in place and ldapmodify says 'no such value'\n");
	if (cfg.len > 0 && lostc.len > 0)
		printf("#   printf 'dn: olcDatabase={0}config,cn=config\\n"
		    "changetype: modify\\ndelete: olcAccess\\nolcAccess: "
		    "to dn.subtree=\"cn=config\" attrs=%s by dn.exact=\"%%s\" "
		    "read by * break\\n' \"$AUDITOR\" | ldapmodify -Q -Y "
		    "EXTERNAL -H ldapi:///\n", rp_strbuf_str(&cfg));
	if (lostd.len > 0)
		printf("#   printf 'dn: %%s\\nchangetype: modify\\ndelete: "
		    "olcAccess\\nolcAccess: to dn.subtree=\"%%s\" attrs=%s by "
		    "dn.exact=\"%%s\" read by * break\\n-\\ndelete: olcLimits"
		    "\\nolcLimits: dn.exact=\"%%s\" size=unlimited "
		    "time=unlimited\\n' \"$DB\" '%s' \"$AUDITOR\" \"$AUDITOR\" "
		    "| ldapmodify -Q -Y EXTERNAL -H ldapi:///\n",
		    rp_strbuf_str(&data), basedn);
	free(adn);
	free(fbase);
	rp_strbuf_release(&cfg);
	rp_strbuf_release(&data);
	rp_strbuf_release(&fa);
	rp_strbuf_release(&lostc);
	rp_strbuf_release(&lostd);
	return RP_EXIT_OK;
}

int
cmd_account(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "baseline", required_argument, NULL, 'b' },
		{ "kind", required_argument, NULL, 'K' },
		{ "user", required_argument, NULL, 'u' },
		{ "from", required_argument, NULL, 'F' },
		{ "key", required_argument, NULL, 'k' },
		{ "base-dn", required_argument, NULL, 'B' },
		{ "domain", required_argument, NULL, 'N' },
		{ "deep", no_argument, NULL, 'd' },
		{ "no-exec", no_argument, NULL, 'x' },
		{ "remove", no_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct rp_probe **probes = NULL, **dir = NULL;
	struct rp_content *c = NULL;
	struct acct_opts o;
	const char *basedn = "DC=example,DC=org", *domain = "DOMAIN";
	int basedn_given = 0, domain_given = 0, ad, ol;
	char *cause = NULL;
	size_t np = 0, nd = 0;
	unsigned kinds = 0;
	int ch, r, code = RP_EXIT_OK;

	memset(&o, 0, sizeof(o));
	o.kind = -1;
	o.user = "rempart";
	o.baselines = xcalloc((size_t)argc, sizeof(char *));
	rp_cli_help_if_asked(argc, argv, usage_text);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "b:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'b': o.baselines[o.nbaselines++] = optarg; break;
		case 'u': o.user = optarg; break;
		case 'F': o.from = optarg; break;
		case 'k': o.keyfile = optarg; break;
		case 'B': basedn = optarg; basedn_given = 1; break;
		case 'N': domain = optarg; domain_given = 1; break;
		case 'd': o.deep = 1; break;
		case 'x': o.noexec_only = 1; break;
		case 'r': o.remove = 1; break;
		case 'K':
			if (strcmp(optarg, "linux") == 0)
				o.kind = RP_KIND_LINUX;
			else
				o.kind = rp_cli_dir_kind(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc || o.nbaselines == 0) {
		fprintf(stderr, "rempart account-setup: %s\n\n", optind != argc ?
		    "unexpected argument" : "-b BASELINE is required");
		goto usage;
	}
	if (!safe_user(o.user)) {
		rp_error("--user '%s': a lower-case login name (a-z, 0-9, _ "
		    "and -, at most 32)", o.user);
		free(o.baselines);
		return RP_EXIT_USAGE;
	}
	if (o.from != NULL && !safe_from(o.from)) {
		rp_error("--from '%s': addresses, CIDR or host patterns "
		    "separated by commas, each naming the audit machine (not "
		    "'*' nor a /0 network)", o.from);
		free(o.baselines);
		return RP_EXIT_USAGE;
	}
	if (strchr(basedn, '"') || strchr(basedn, '\'') ||
	    strchr(basedn, '\n') || strchr(domain, '"') ||
	    strchr(domain, '\'') || strchr(domain, '\n') ||
	    strchr(domain, '\\')) {
		rp_error("--base-dn and --domain must not hold quotes, "
		    "backslashes or newlines");
		free(o.baselines);
		return RP_EXIT_USAGE;
	}
	if (basedn_given && !valid_dn(basedn)) {
		rp_error("--base-dn '%s': not a DN (RFC 4514, e.g. "
		    "dc=example,dc=org)", basedn);
		free(o.baselines);
		return RP_EXIT_USAGE;
	}
	if ((r = rp_cli_content(&c)) != RP_EXIT_OK) {
		free(o.baselines);
		return r;
	}
	if ((r = rp_collect_needed(c, o.baselines, o.nbaselines, o.deep,
	    &probes, &np, &dir, &nd, &kinds, &cause)) != 0) {
		rp_error("%s", cause);
		code = rp_cli_exit_for(r);
		goto out;
	}
	if (o.kind >= 0 && !(kinds & (1u << o.kind))) {
		rp_error("no baseline given audits %s", rp_kind_name(o.kind));
		code = RP_EXIT_USAGE;
		goto out;
	}
	if (o.kind < 0 && !(kinds & ((1u << RP_KIND_LINUX) |
	    (1u << RP_KIND_AD) | (1u << RP_KIND_OPENLDAP)))) {
		rp_error("no probe of these baselines needs an account (manual "
		    "checks are answered with 'rempart attest')");
		code = RP_EXIT_USAGE;
		goto out;
	}
	ad = (o.kind < 0 && (kinds & (1u << RP_KIND_AD))) ||
	    o.kind == RP_KIND_AD;
	ol = (o.kind < 0 && (kinds & (1u << RP_KIND_OPENLDAP))) ||
	    o.kind == RP_KIND_OPENLDAP;
	if ((ad || ol) && !o.remove && basedn_given == 0)
		rp_warn("%s is a placeholder: give the naming context with "
		    "--base-dn", basedn);
	if (ad && !o.remove && domain_given == 0)
		rp_warn("%s is a placeholder: give the account's domain with "
		    "--domain", domain);
	if ((o.kind < 0 && (kinds & (1u << RP_KIND_LINUX))) ||
	    o.kind == RP_KIND_LINUX)
		code = linux_setup(c, &o, probes, np);
	if (code == RP_EXIT_OK && ad) {
		placeholders(basedn_given ? NULL : basedn, domain_given ? NULL :
		    domain);
		code = ad_setup(c, &o, dir, nd, basedn, domain);
	}
	/* the OpenLDAP script starts with #!/bin/sh: said on stderr only
	 * (the script stops on a suffix no database has) */
	if (code == RP_EXIT_OK && ol)
		code = openldap_setup(c, &o, dir, nd, basedn);
out:
	free(cause);
	free(probes);
	free(dir);
	free(o.baselines);
	rp_content_free(c);
	return code;
usage:
	fputs(usage_text, stderr);
	free(o.baselines);
	return RP_EXIT_USAGE;
}
