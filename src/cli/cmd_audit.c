/*
 * cmd_audit.c -- "rempart audit": collect (the options of cli/cmd_collect.c),
 * evaluate and report in one run.
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
#include "content/content.h"
#include "engine/registry.h"
#include "report/i18n.h"
#include "report/report.h"
#include "core/banned.h"

static const char audit_usage[] =
"usage: rempart audit (-i INVENTORY | -t [user@]HOST[:PORT]) -b BASELINE...\n"
"                     -o OUTDIR [--incident F] [--waivers F] [--lang fr|en]\n"
"                     [--allowed-keys F] [--previous OLD] [--template-dir D]\n"
"                     [--fail-on SEV] [--csv-dialect rfc4180|excel-fr]\n"
"                     [--history DB] [--dated] [--syslog]\n"
"                     [collect options]\n"
"\n"
"Collect, evaluate and report in one run. OUTDIR receives:\n"
"  evidence/          the evidence bundle (as 'rempart collect')\n"
"  results.json       the verdicts (as 'rempart evaluate')\n"
"  report.LANG.html   the report for people (and report.LANG.md),\n"
"                     report.json, report.csv, report.plan.csv (the\n"
"                     plan for action tracking), report.junit.xml\n"
"and the terminal gets a summary: coverage, score, findings by severity,\n"
"then, even with -q, one line for logs: 'rempart audit: dir=D exit=N\n"
"coverage=C score=S targets=T critical=N high=N medium=N low=N info=N\n"
"[history_run=N]'.\n"
"\n"
"  -o, --output DIR      output directory (created; its evidence/ must\n"
"                        not exist yet)\n"
"      --incident FILE   incident context (XML): dates, accounts, hosts\n"
"      --waivers FILE    accepted exceptions (XML) with owner and expiry\n"
"      --attestations FILE  answers to the manual checks (see 'rempart\n"
"                        attest'); unanswered questions are not assessed\n"
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
"      --history DB      record the run in the history database DB (SQLite,\n"
"                        created if missing): the reports then show the\n"
"                        trend of the last runs, the oldest open findings\n"
"                        and what was fixed since ('rempart history --help')\n"
"      --dated           -o names a root: the run writes ROOT/YYYY-MM-DDTHHMMSSZ/\n"
"                        (UTC) and then points ROOT/latest at it (a symbolic\n"
"                        link replaced atomically), for unattended sweeps\n"
"                        (docs/sweeps.md: cron and systemd timer examples)\n"
"      --syslog          also send the one-line summary to syslog (user\n"
"                        facility; warning when findings or incomplete)\n"
RP_CLI_COLLECT_OPTIONS_HELP
"\n"
"Examples:\n"
"  rempart audit -i inventory.ini -b anssi-bp028-intermediary \\\n"
"      --incident incident.xml --lang fr -o audit-2026-11/\n"
"  (then read audit-2026-11/report.fr.html)\n"
"  rempart -q audit -i /etc/rempart/inventory.ini -b anssi-bp028-intermediary \\\n"
"      -o /var/lib/rempart/sweeps --dated --history /var/lib/rempart/history.db \\\n"
"      --syslog        (weekly, from cron or a systemd timer)\n"
"\n" RP_CLI_GLOBAL_HELP "\n" RP_EXIT_CODES_HELP;

struct audit_opts {
	struct rp_cli_collect	 c;
	const char		*incident;
	const char		*waivers;
	const char		*allowed_keys;
	const char		*attestations;
	const char		*lang;
	const char		*previous;
	const char		*template_dir;
	const char		*history;	/* history database, or NULL */
	int			 fail_on;
	int			 dated;		/* -o ROOT/STAMP, ROOT/latest */
	int			 use_syslog;	/* the summary line to syslog */
};

enum {
	OPT_INCIDENT = 0x4600, OPT_WAIVERS, OPT_ALLOWED_KEYS, OPT_LANG,
	OPT_FAIL_ON, OPT_PREVIOUS, OPT_TEMPLATE_DIR, OPT_CSV_DIALECT,
	OPT_ATTESTATIONS, OPT_HISTORY, OPT_DATED, OPT_SYSLOG,
};

static const struct option longopts[] = {
	RP_CLI_COLLECT_LONGOPTS,
	{ "incident", required_argument, NULL, OPT_INCIDENT },
	{ "waivers", required_argument, NULL, OPT_WAIVERS },
	{ "allowed-keys", required_argument, NULL, OPT_ALLOWED_KEYS },
	{ "attestations", required_argument, NULL, OPT_ATTESTATIONS },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "previous", required_argument, NULL, OPT_PREVIOUS },
	{ "template-dir", required_argument, NULL, OPT_TEMPLATE_DIR },
	{ "csv-dialect", required_argument, NULL, OPT_CSV_DIALECT },
	{ "history", required_argument, NULL, OPT_HISTORY },
	{ "dated", no_argument, NULL, OPT_DATED },
	{ "syslog", no_argument, NULL, OPT_SYSLOG },
	{ "help", no_argument, NULL, 'h' },
	RP_CLI_GLOBAL_LONGOPTS,
	{ NULL, 0, NULL, 0 },
};

static int
audit_opt(struct audit_opts *a, int ch)
{
	switch (ch) {
	case OPT_INCIDENT: a->incident = optarg; break;
	case OPT_WAIVERS: a->waivers = optarg; break;
	case OPT_ALLOWED_KEYS: a->allowed_keys = optarg; break;
	case OPT_ATTESTATIONS: a->attestations = optarg; break;
	case OPT_LANG:
		if (!rp_i18n_lang_known(optarg))
			rp_fatal_usage("--lang: unknown language '%s' (%s)",
			    optarg, rp_i18n_lang_list());
		a->lang = optarg;
		break;
	case OPT_FAIL_ON: a->fail_on = rp_cli_fail_on(optarg); break;
	case OPT_PREVIOUS: a->previous = optarg; break;
	case OPT_TEMPLATE_DIR: a->template_dir = optarg; break;
	case OPT_HISTORY: a->history = optarg; break;
	case OPT_DATED: a->dated = 1; break;
	case OPT_SYSLOG: a->use_syslog = 1; break;
	case OPT_CSV_DIALECT:
		if (rp_cli_csv_dialect(optarg) != 0)
			exit(RP_EXIT_USAGE);
		break;
	default: return -1;
	}
	return 0;
}

/* Parse argv; 0, or an exit code for bad usage (already printed). */
static int
parse(int argc, char **argv, struct audit_opts *a)
{
	const char *bad;
	int ch;

	memset(a, 0, sizeof(*a));
	a->fail_on = -1;
	rp_cli_collect_init(&a->c, argc);
	rp_cli_help_if_asked(argc, argv, audit_usage);
	optind = 0;
	while ((ch = getopt_long(argc, argv, RP_CLI_COLLECT_SHORTOPTS "h"
	    RP_CLI_GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		if (rp_cli_collect_opt(&a->c, ch, optarg) == 0 ||
		    audit_opt(a, ch) == 0 || rp_cli_global_opt(ch, optarg) == 0)
			continue;
		fputs(audit_usage, stderr);
		return RP_EXIT_USAGE;
	}
	if (a->c.co.list_hosts)
		bad = "--list-hosts: use 'rempart collect --list-hosts'";
	else
		bad = rp_cli_collect_check(&a->c, optind != argc, "OUTDIR");
	if (bad != NULL) {
		fprintf(stderr, "rempart audit: %s\n\n", bad);
		fputs(audit_usage, stderr);
		return RP_EXIT_USAGE;
	}
	return 0;
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
		path = f[i].name ? xasprintf("%s/%s", a->c.outdir, f[i].name) :
		    xasprintf("%s/report.%s.%s", a->c.outdir, lang, f[i].fmt);
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
	char *ev = xasprintf("%s/evidence", a->c.outdir);
	char *res = xasprintf("%s/results.json", a->c.outdir);
	char *cause = NULL;
	struct stat st;
	int rc, r, created, hist_failed = 0;

	rc = RP_EXIT_USAGE;
	created = lstat(a->c.outdir, &st) != 0 && errno == ENOENT;
	/* an existing directory only if it is ours alone: in a shared
	 * one, planted symlinks or files could take the outputs' names */
	if (rp_out_dir(a->c.outdir, &cause) != 0) {
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
	rc = rp_cli_collect_run(&a->c, ev, NULL);
	if (rc != RP_EXIT_OK && rc != RP_EXIT_INCOMPLETE) {
		/*
		 * Refused before anything was collected (bad baseline or
		 * inventory): no empty OUTDIR left behind. rmdir removes
		 * only empty directories, so nothing collected is lost.
		 */
		if (created) {
			(void)rmdir(ev);
			(void)rmdir(a->c.outdir);
		}
		goto out;
	}
	memset(&eo, 0, sizeof(eo));
	eo.evidence = ev;
	eo.baselines = a->c.baselines;
	eo.nbaselines = (int)a->c.nbaselines;
	eo.incident = a->incident;
	eo.waivers = a->waivers;
	eo.allowed_keys = a->allowed_keys;
	eo.attestations = a->attestations;
	eo.output = res;
	eo.previous = a->previous;
	eo.fail_on = a->fail_on;
	eo.history = a->history;
	eo.history_failed = &hist_failed;
	rc = rp_cli_evaluate(&eo);
	/* a history that could not be written leaves the results, and
	 * the reports are still due (exit 4 says it) */
	if (rc != RP_EXIT_OK && rc != RP_EXIT_FINDINGS &&
	    rc != RP_EXIT_INCOMPLETE && !(rc == RP_EXIT_RUNTIME && hist_failed))
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
	if (rp_log_level >= RP_LOG_WARN)	/* -q: the summary line only */
		printf(_("report: %s/report.%s.html\n"), a->c.outdir, lang);
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
	struct stat st;
	const char *root = NULL;
	char *dir = NULL, *name = NULL, *res = NULL, *ev, *cause = NULL;
	int r;

	if ((r = parse(argc, argv, &a)) != 0) {
		rp_cli_collect_release(&a.c);
		return r;
	}
	if (a.dated) {
		if (rp_cli_dated_dir(a.c.outdir, &dir, &name, &cause) != 0) {
			rp_error("%s", cause);
			r = RP_EXIT_RUNTIME;
			goto out;
		}
		root = a.c.outdir;
		a.c.outdir = dir;
	}
	r = run_audit(&a);
	res = xasprintf("%s/results.json", a.c.outdir);
	if (lstat(res, &st) != 0) {
		free(res);
		res = NULL;
	}
	if (a.dated && res == NULL) {
		/* refused before collecting: no empty dated directory */
		ev = xasprintf("%s/evidence", dir);
		(void)rmdir(ev);
		(void)rmdir(dir);
		free(ev);
	} else if (a.dated && rp_cli_latest(root, name, &cause) != 0) {
		rp_error("%s", cause);
		if (r == RP_EXIT_OK)
			r = RP_EXIT_RUNTIME;
	}
out:
	rp_cli_sweep_line("audit", a.c.outdir, res, r, a.use_syslog);
	free(res);
	free(dir);
	free(name);
	free(cause);
	rp_cli_collect_release(&a.c);
	return r;
}
