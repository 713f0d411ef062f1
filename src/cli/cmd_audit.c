/*
 * cmd_audit.c -- "rempart collect" (targets -> evidence bundle) and
 * "rempart audit" (collect, evaluate and report in one run).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "collect/collect.h"
#include "core/err.h"
#include "core/file.h"
#include "core/log.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "report/i18n.h"
#include "report/report.h"
#include "core/banned.h"

#define COLLECT_OPTIONS_HELP \
"  -i, --inventory FILE  Ansible-style INI inventory: [group] sections,\n" \
"                        'alias ansible_host=ADDR ansible_user=U ...'\n" \
"                        lines, [group:vars]; groups [ad] and [openldap]\n" \
"                        hold directory targets, any other group Linux\n" \
"  -t, --target SPEC     one Linux target instead: [user@]host[:port]\n" \
"  -b, --baseline B      baseline id or XML file (repeat); its checks say\n" \
"                        which probes run ('rempart baseline list')\n" \
"      --known-hosts F   OpenSSH known_hosts (default ~/.ssh/known_hosts);\n" \
"                        host keys are checked before authenticating\n" \
"      --accept-new      record unknown host keys (trust on first use)\n" \
"                        instead of refusing those hosts\n" \
"      --deep            also run the costly probes (pending updates from\n" \
"                        the package cache, ...; without it their checks\n" \
"                        are not applicable), walk every local filesystem\n" \
"                        and verify every installed package\n" \
"      --insecure-tls    LDAP: do not verify server certificates (loud;\n" \
"                        recorded in the evidence and the report)\n" \
"      --insecure-plain-bind  LDAP: allow a bind password over ldap://\n" \
"                        without StartTLS, IN CLEAR TEXT (refused by\n" \
"                        default; loud; recorded in the evidence)\n" \
"      --ldap-probe-cap MB   LDAP: MiB of LDIF one search may write\n" \
"                        (default 256, the most a bundle reader takes);\n" \
"                        a search over it is truncated, the target partial\n" \
"      --ldap-target-cap MB  LDAP: MiB one directory may write in all\n" \
"                        (default 1024)\n" \
"  -l, --limit PATTERN   only the targets of an Ansible host pattern:\n" \
"                        groups or ids, globs (web*), ~regex, a:b or a,b\n" \
"                        (union), a:&b (and), a:!b (but not)\n" \
"      --shard K/N       only shard K (0 to N-1) of N: SHA-256 of the\n" \
"                        target id modulo N (docs/estates.md)\n" \
"      --list-hosts      collect only: print the selected targets and\n" \
"                        their groups, connect to nothing (no -o)\n" \
"  -j, --jobs N          hosts audited in parallel (default 16)\n" \
"      --timeout S       limit for a host's run after its login, or a\n" \
"                        directory's after its bind (default: 10 per\n" \
"                        probe, at least 120; with --deep 1800)\n" \
"      --connect-timeout S  limit for a login: TCP, SSH handshake and\n" \
"                        authentication (default 10)\n" \
"  -u, --user U          login when the inventory sets no ansible_user\n" \
"                        (default: your local user name)\n" \
"  -k, --key FILE        private key when the inventory sets none\n" \
"                        (ed25519: libssh2 1.10 cannot use RSA keys\n" \
"                        with OpenSSH 8.8+); ssh-agent is also tried\n" \
"      --become          with -t: run root probes through 'sudo -n'\n" \
"                        (inventory: ansible_become=true)\n" \
"\n" \
"Inventory example (variables as Ansible's; rempart adds role,\n" \
"password_file, key_passphrase_file and jump_host):\n" \
"  [web]\n" \
"  web1 ansible_host=10.0.0.5 role=internet-facing\n" \
"  db1  ansible_host=10.0.1.7 role=critical jump_host=admin@bastion:22\n" \
"  [web:vars]\n" \
"  ansible_user=auditor\n" \
"  ansible_ssh_private_key_file=~/.ssh/audit_ed25519\n" \
"  ansible_become=true\n" \
"  [ad]\n" \
"  dc1 ldap_url=ldaps://dc1.example.org bind_dn=audit@example.org\n" \
"      bind_password_file=~/.audit/ad.pw ca_file=/etc/ssl/ad-ca.pem\n" \
"  [openldap]\n" \
"  ldap1 ldap_url=ldap://ldap1:389 starttls=yes base_dn=dc=example,dc=org\n" \
"  (directories: ldap_url, base_dn, bind_dn, bind_password_file, ca_file,\n" \
"  starttls, sasl_mech=GSSAPI with a Kerberos ticket from kinit)\n" \
"Secrets never go in the inventory: password_file=PATH and\n" \
"key_passphrase_file=PATH name files of mode 0600. sudo passwords are\n" \
"never sent: give the audit account a NOPASSWD rule, or root probes are\n" \
"reported as not run. Host keys of jump hosts and targets are both\n" \
"checked against known_hosts.\n"

static const char collect_usage[] =
"usage: rempart collect (-i INVENTORY | -t [user@]HOST[:PORT]) -b BASELINE...\n"
"                       -o EVIDENCE_DIR [--known-hosts F] [--accept-new]\n"
"                       [-j N] [--timeout S] [-u USER] [-k KEYFILE]\n"
"                       [--limit PATTERN] [--shard K/N]\n"
"\n"
"Collect evidence from Linux hosts over SSH into a new evidence bundle.\n"
"Each host gets one SSH session and one read-only shell script running\n"
"the probes the baselines need; nothing is changed on the hosts. A host\n"
"that cannot be reached, authenticated or verified is recorded as such\n"
"and the sweep goes on. Ctrl-C stops starting hosts and keeps the ones\n"
"done (the bundle is then marked partial).\n"
"\n"
"  -o, --output DIR      new evidence directory (must not exist or be\n"
"                        empty)\n"
COLLECT_OPTIONS_HELP
"\n"
"Example:\n"
"  rempart collect -i inventory.ini -b anssi-bp028-intermediary \\\n"
"      -o evidence/ --known-hosts ~/.ssh/known_hosts -j 32\n"
"  rempart collect -i inventory.ini -b anssi-bp028-intermediary \\\n"
"      --limit 'site_a:!db*' -o evidence-site-a/\n"
"  rempart evaluate -e evidence/ -o results.json\n"
"\n" RP_EXIT_CODES_HELP;

static const char audit_usage[] =
"usage: rempart audit (-i INVENTORY | -t [user@]HOST[:PORT]) -b BASELINE...\n"
"                     -o OUTDIR [--incident F] [--waivers F] [--lang fr|en]\n"
"                     [--allowed-keys F] [--previous OLD] [--template-dir D]\n"
"                     [--fail-on SEV] [--csv-dialect rfc4180|excel-fr]\n"
"                     [collect options]\n"
"\n"
"Collect, evaluate and report in one run. OUTDIR receives:\n"
"  evidence/          the evidence bundle (as 'rempart collect')\n"
"  results.json       the verdicts (as 'rempart evaluate')\n"
"  report.LANG.html   the report for people (and report.LANG.md),\n"
"                     report.json, report.csv, report.plan.csv (the\n"
"                     plan for action tracking), report.junit.xml\n"
"and the terminal gets a summary: coverage, score, findings by severity.\n"
"\n"
"  -o, --output DIR      output directory (created; its evidence/ must\n"
"                        not exist yet)\n"
"      --incident FILE   incident context (XML): dates, accounts, hosts\n"
"      --waivers FILE    accepted exceptions (XML) with owner and expiry\n"
"      --allowed-keys FILE  the administrators' SSH public keys (OpenSSH\n"
"                        format); other keys of root and administrators\n"
"                        are findings\n"
"      --lang L          report language: fr or en (default: from the\n"
"                        locale variables, else en)\n"
"      --previous OLD    an earlier results.json or evidence bundle: the\n"
"                        report says what changed since (as 'evaluate')\n"
"      --template-dir D  report.css, brand.conf, header/footer fragments\n"
"                        (as 'report')\n"
"      --csv-dialect D   rfc4180 (default) or excel-fr (as 'report')\n"
"      --fail-on SEV     exit 1 if a finding is at least this severe\n"
"                        (info, low, medium, high, critical)\n"
COLLECT_OPTIONS_HELP
"\n"
"Example:\n"
"  rempart audit -i inventory.ini -b anssi-bp028-intermediary \\\n"
"      --incident incident.xml --lang fr -o audit-2026-11/\n"
"  (then read audit-2026-11/report.fr.html)\n"
"\n" RP_EXIT_CODES_HELP;

struct audit_opts {
	struct rp_collect_opts	 co;
	char			**baselines;
	size_t			 nbaselines;
	const char		*outdir;
	const char		*incident;
	const char		*waivers;
	const char		*allowed_keys;
	const char		*lang;
	const char		*datadir;
	const char		*previous;
	const char		*template_dir;
	int			 fail_on;
};

enum {
	OPT_KNOWN_HOSTS = 256, OPT_ACCEPT_NEW, OPT_INSECURE_TLS, OPT_DEEP, OPT_TIMEOUT, OPT_CONNECT,
	OPT_BECOME, OPT_INCIDENT, OPT_WAIVERS, OPT_ALLOWED_KEYS, OPT_LANG, OPT_FAIL_ON,
	OPT_DATADIR, OPT_PREVIOUS, OPT_TEMPLATE_DIR, OPT_CSV_DIALECT,
	OPT_INSECURE_PLAIN, OPT_LDAP_PROBE_CAP, OPT_LDAP_TARGET_CAP,
	OPT_SHARD, OPT_LIST_HOSTS,
};

static const struct option longopts[] = {
	{ "inventory", required_argument, NULL, 'i' },
	{ "target", required_argument, NULL, 't' },
	{ "baseline", required_argument, NULL, 'b' },
	{ "output", required_argument, NULL, 'o' },
	{ "known-hosts", required_argument, NULL, OPT_KNOWN_HOSTS },
	{ "accept-new", no_argument, NULL, OPT_ACCEPT_NEW },
	{ "insecure-tls", no_argument, NULL, OPT_INSECURE_TLS },
	{ "insecure-plain-bind", no_argument, NULL, OPT_INSECURE_PLAIN },
	{ "ldap-probe-cap", required_argument, NULL, OPT_LDAP_PROBE_CAP },
	{ "ldap-target-cap", required_argument, NULL, OPT_LDAP_TARGET_CAP },
	{ "deep", no_argument, NULL, OPT_DEEP },
	{ "jobs", required_argument, NULL, 'j' },
	{ "limit", required_argument, NULL, 'l' },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "list-hosts", no_argument, NULL, OPT_LIST_HOSTS },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "connect-timeout", required_argument, NULL, OPT_CONNECT },
	{ "user", required_argument, NULL, 'u' },
	{ "key", required_argument, NULL, 'k' },
	{ "become", no_argument, NULL, OPT_BECOME },
	{ "incident", required_argument, NULL, OPT_INCIDENT },
	{ "waivers", required_argument, NULL, OPT_WAIVERS },
	{ "allowed-keys", required_argument, NULL, OPT_ALLOWED_KEYS },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "data-dir", required_argument, NULL, OPT_DATADIR },
	{ "previous", required_argument, NULL, OPT_PREVIOUS },
	{ "template-dir", required_argument, NULL, OPT_TEMPLATE_DIR },
	{ "csv-dialect", required_argument, NULL, OPT_CSV_DIALECT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int
number(const char *opt, const char *v, long long max)
{
	long long n;

	if (rp_strtonum(v, 1, max, &n) != 0)
		rp_fatal_usage("%s: expected a number from 1 to %lld, got "
		    "'%s'", opt, max, v);
	return (int)n;
}

/* Options both commands take; 0 when ch was one of them. */
static int
collect_opt(struct audit_opts *a, int ch)
{
	switch (ch) {
	case 'i': a->co.inventory = optarg; break;
	case 't': a->co.target = optarg; break;
	case 'b': a->baselines[a->nbaselines++] = optarg; break;
	case 'o': a->outdir = optarg; break;
	case OPT_KNOWN_HOSTS: a->co.known_hosts = optarg; break;
	case OPT_ACCEPT_NEW: a->co.accept_new = 1; break;
	case OPT_DEEP: a->co.deep = 1; break;
	case OPT_INSECURE_TLS:
		a->co.insecure_tls = 1;
		rp_warn("--insecure-tls: LDAP server certificates will NOT be "
		    "verified; the report will say so");
		break;
	case OPT_INSECURE_PLAIN:
		a->co.insecure_plain_bind = 1;
		rp_warn("--insecure-plain-bind: LDAP bind passwords may be sent "
		    "IN CLEAR TEXT over ldap:// without StartTLS; the evidence "
		    "and the report will say so");
		break;
	case OPT_LDAP_PROBE_CAP:
		a->co.ldap_probe_cap = (size_t)number("--ldap-probe-cap",
		    optarg, 256) << 20;
		break;
	case OPT_LDAP_TARGET_CAP:
		a->co.ldap_target_cap = (size_t)number("--ldap-target-cap",
		    optarg, 1 << 20) << 20;
		break;
	case 'j': a->co.jobs = number("--jobs", optarg, 256); break;
	case 'l': a->co.limit = optarg; break;
	case OPT_SHARD: a->co.shard = optarg; break;
	case OPT_LIST_HOSTS: a->co.list_hosts = 1; break;
	case OPT_TIMEOUT:
		a->co.timeout = number("--timeout", optarg, 86400);
		break;
	case OPT_CONNECT:
		a->co.connect_timeout = number("--connect-timeout", optarg,
		    3600);
		break;
	case 'u': a->co.user = optarg; break;
	case 'k': a->co.key_file = optarg; break;
	case OPT_BECOME: a->co.become = 1; break;
	case OPT_DATADIR: a->datadir = optarg; break;
	default: return -1;
	}
	return 0;
}

static int
audit_opt(struct audit_opts *a, int ch)
{
	switch (ch) {
	case OPT_INCIDENT: a->incident = optarg; break;
	case OPT_WAIVERS: a->waivers = optarg; break;
	case OPT_ALLOWED_KEYS: a->allowed_keys = optarg; break;
	case OPT_LANG:
		if (!rp_i18n_lang_known(optarg))
			rp_fatal_usage("--lang: unknown language '%s' (%s)",
			    optarg, rp_i18n_lang_list());
		a->lang = optarg;
		break;
	case OPT_FAIL_ON: a->fail_on = rp_cli_fail_on(optarg); break;
	case OPT_PREVIOUS: a->previous = optarg; break;
	case OPT_TEMPLATE_DIR: a->template_dir = optarg; break;
	case OPT_CSV_DIALECT:
		if (rp_cli_csv_dialect(optarg) != 0)
			exit(RP_EXIT_USAGE);
		break;
	default: return -1;
	}
	return 0;
}

static const char *
check_opts(const struct audit_opts *a, int audit, int argc)
{
	if (optind != argc)
		return "unexpected argument";
	if (a->co.inventory == NULL && a->co.target == NULL)
		return "give -i INVENTORY or -t HOST";
	if (a->co.inventory != NULL && a->co.target != NULL)
		return "give -i INVENTORY or -t HOST, not both";
	if (a->nbaselines == 0)
		return "-b BASELINE is required (see 'rempart baseline list')";
	if (audit && a->co.list_hosts)
		return "--list-hosts: use 'rempart collect --list-hosts'";
	if (a->outdir == NULL && !a->co.list_hosts)
		return audit ? "-o OUTDIR is required" :
		    "-o EVIDENCE_DIR is required";
	return NULL;
}

/* Parse argv; 0, or an exit code for bad usage (already printed). */
static int
parse(int argc, char **argv, int audit, struct audit_opts *a)
{
	const char *usage = audit ? audit_usage : collect_usage, *bad;
	int ch;

	memset(a, 0, sizeof(*a));
	a->fail_on = -1;
	a->baselines = xcalloc((size_t)argc + 1, sizeof(char *));
	rp_cli_help_if_asked(argc, argv, usage);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "i:t:b:o:j:u:k:l:h", longopts,
	    NULL)) != -1) {
		if (collect_opt(a, ch) == 0 || (audit && audit_opt(a, ch) == 0))
			continue;
		fputs(usage, stderr);
		return RP_EXIT_USAGE;
	}
	if ((bad = check_opts(a, audit, argc)) != NULL) {
		fprintf(stderr, "rempart %s: %s\n\n", audit ? "audit" :
		    "collect", bad);
		fputs(usage, stderr);
		return RP_EXIT_USAGE;
	}
	a->co.baselines = a->baselines;
	a->co.nbaselines = a->nbaselines;
	return 0;
}

/* Collect into dir; an exit code. */
static int
run_collect(struct audit_opts *a, const char *dir)
{
	struct rp_collect_summary s;
	char *cause = NULL, *dd = rp_cli_datadir(a->datadir);
	int r;

	memset(&s, 0, sizeof(s));
	a->co.output = dir;
	a->co.datadir = dd;
	a->co.summary = &s;
	r = rp_collect(&a->co, &cause);
	a->co.summary = NULL;
	a->co.datadir = NULL;
	free(dd);
	if (r != 0) {
		rp_error("%s", cause ? cause : rp_err_str(r));
		free(cause);
		return rp_cli_exit_for(r);
	}
	if (rp_log_level >= RP_LOG_WARN)
		/* how the collection went; whether each target was audited
		 * fully is the coverage, in the summary after evaluation */
		fprintf(stderr, P_("rempart: collection: %zu target: %zu ok, "
		    "%zu partial, %zu failed%s\n", "rempart: collection: %zu "
		    "targets: %zu ok, %zu partial, %zu failed%s\n", s.targets),
		    s.targets, s.ok, s.partial, s.failed, s.interrupted ?
		    _(" (interrupted)") : "");
	return s.ok == s.targets && !s.interrupted ? RP_EXIT_OK :
	    RP_EXIT_INCOMPLETE;
}

int
cmd_collect(int argc, char **argv)
{
	struct audit_opts a;
	int r;

	if ((r = parse(argc, argv, 0, &a)) == 0 && a.co.list_hosts) {
		char *cause = NULL, *dd = rp_cli_datadir(a.datadir);

		a.co.datadir = dd;
		if ((r = rp_collect(&a.co, &cause)) != 0)
			rp_error("%s", cause ? cause : rp_err_str(r));
		free(cause);
		free(dd);
		free(a.baselines);
		return rp_cli_exit_for(r);
	}
	if (r == 0) {
		r = run_collect(&a, a.outdir);
		if (r == RP_EXIT_OK || r == RP_EXIT_INCOMPLETE)
			printf("evidence: %s\n", a.outdir);
	}
	free(a.baselines);
	return r;
}

static const char *
report_lang(const char *opt)
{
	return opt != NULL ? opt : rp_i18n_default_lang();
}

/* Every report format next to results.json; an exit code. */
static int
write_reports(const struct audit_opts *a, const char *results,
    const char *lang)
{
	static const struct {
		const char *fmt, *name;	/* NULL name: report.LANG.FMT */
	} f[] = {
		{ "html", NULL },
		{ "md", NULL },
		{ "json", "report.json" },
		{ "csv", "report.csv" },
		{ "plan-csv", "report.plan.csv" },
		{ "junit", "report.junit.xml" },
	};
	char *path;
	size_t i;
	int r = 0;

	for (i = 0; i < sizeof(f) / sizeof(f[0]) && r == 0; i++) {
		path = f[i].name ? xasprintf("%s/%s", a->outdir, f[i].name) :
		    xasprintf("%s/report.%s.%s", a->outdir, lang, f[i].fmt);
		r = rp_cli_report_file(results, f[i].fmt, lang, path);
		free(path);
	}
	return r;
}

static int
run_audit(struct audit_opts *a)
{
	struct rp_eval_opts eo;
	const char *lang = report_lang(a->lang);
	char *ev = xasprintf("%s/evidence", a->outdir);
	char *res = xasprintf("%s/results.json", a->outdir);
	char *cause = NULL;
	struct stat st;
	int rc, r, created;

	rc = RP_EXIT_USAGE;
	created = lstat(a->outdir, &st) != 0 && errno == ENOENT;
	/* an existing directory only if it is ours alone: in a shared
	 * one, planted symlinks or files could take the outputs' names */
	if (rp_out_dir(a->outdir, &cause) != 0) {
		rp_error("%s", cause);
		goto out;
	}
	/* the warnings of the collection in the report's language */
	if (strcmp(lang, "en") != 0) {
		if (rp_cli_select_lang(lang, &cause) == 0)
			rp_log_set_translator(rp_report_log_line);
		free(cause);
		cause = NULL;
	}
	rc = run_collect(a, ev);
	if (rc != RP_EXIT_OK && rc != RP_EXIT_INCOMPLETE) {
		/*
		 * Refused before anything was collected (bad baseline or
		 * inventory): no empty OUTDIR left behind. rmdir removes
		 * only empty directories, so nothing collected is lost.
		 */
		if (created) {
			(void)rmdir(ev);
			(void)rmdir(a->outdir);
		}
		goto out;
	}
	memset(&eo, 0, sizeof(eo));
	eo.evidence = ev;
	eo.baselines = a->baselines;
	eo.nbaselines = (int)a->nbaselines;
	eo.incident = a->incident;
	eo.waivers = a->waivers;
	eo.allowed_keys = a->allowed_keys;
	eo.output = res;
	eo.datadir = a->datadir;
	eo.previous = a->previous;
	eo.fail_on = a->fail_on;
	rc = rp_cli_evaluate(&eo);
	if (rc != RP_EXIT_OK && rc != RP_EXIT_FINDINGS &&
	    rc != RP_EXIT_INCOMPLETE)
		goto out;
	if (a->template_dir != NULL)
		rp_cli_set_template_dir(a->template_dir);
	if ((r = write_reports(a, res, lang)) != 0) {
		rc = r;
		goto out;
	}
	if (rp_log_level >= RP_LOG_WARN &&
	    (r = rp_cli_report_summary(res, lang)) != 0) {
		rc = r;
		goto out;
	}
	printf(_("report: %s/report.%s.html\n"), a->outdir, lang);
out:
	free(cause);
	free(ev);
	free(res);
	return rc;
}

int
cmd_audit(int argc, char **argv)
{
	struct audit_opts a;
	int r;

	if ((r = parse(argc, argv, 1, &a)) == 0)
		r = run_audit(&a);
	free(a.baselines);
	return r;
}
