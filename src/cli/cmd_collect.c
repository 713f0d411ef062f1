/*
 * cmd_collect.c -- "rempart collect": targets -> a new evidence bundle;
 * and the collection options that "rempart audit" shares (cli.h).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "collect/collect.h"
#include "content/content.h"
#include "core/err.h"
#include "core/log.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "engine/registry.h"
#include "report/i18n.h"
#include "core/banned.h"

static const char collect_usage[] =
"usage: rempart collect (-i INVENTORY | -t [user@]HOST[:PORT]) -b BASELINE...\n"
"                       -o EVIDENCE_DIR [--known-hosts F] [--accept-new]\n"
"                       [-j N] [--timeout S] [-u USER] [-k KEYFILE]\n"
"                       [--limit PATTERN] [--shard K/N] [--list-hosts]\n"
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
RP_CLI_COLLECT_OPTIONS_HELP
"\n"
"Example:\n"
"  rempart collect -i inventory.ini -b anssi-bp028-intermediary \\\n"
"      -o evidence/ --known-hosts ~/.ssh/known_hosts -j 32\n"
"  rempart collect -i inventory.ini -b anssi-bp028-intermediary \\\n"
"      --limit 'site_a:!db*' -o evidence-site-a/\n"
"  rempart evaluate -e evidence/ -o results.json\n"
"\n" RP_CLI_GLOBAL_HELP "\n" RP_EXIT_CODES_HELP;

static int
number(const char *opt, const char *v, long long max)
{
	long long n;

	if (rp_strtonum(v, 1, max, &n) != 0)
		rp_fatal_usage("%s: expected a number from 1 to %lld, got "
		    "'%s'", opt, max, v);
	return (int)n;
}

void
rp_cli_collect_init(struct rp_cli_collect *c, int argc)
{
	memset(c, 0, sizeof(*c));
	c->baselines = xcalloc((size_t)argc + 1, sizeof(char *));
}

void
rp_cli_collect_release(struct rp_cli_collect *c)
{
	free(c->baselines);
	c->baselines = NULL;
}

int
rp_cli_collect_opt(struct rp_cli_collect *a, int ch, char *arg)
{
	switch (ch) {
	case 'i': a->co.inventory = arg; break;
	case 't': a->co.target = arg; break;
	case 'b': a->baselines[a->nbaselines++] = arg; break;
	case 'o': a->outdir = arg; break;
	case RP_OPT_KNOWN_HOSTS: a->co.known_hosts = arg; break;
	case RP_OPT_ACCEPT_NEW: a->co.accept_new = 1; break;
	case RP_OPT_DEEP: a->co.deep = 1; break;
	case RP_OPT_INSECURE_TLS: a->co.insecure_tls = 1; break;
	case RP_OPT_INSECURE_PLAIN: a->co.insecure_plain_bind = 1; break;
	case RP_OPT_LDAP_PROBE_CAP:
		a->co.ldap_probe_cap = (size_t)number("--ldap-probe-cap",
		    arg, 256) << 20;
		break;
	case RP_OPT_LDAP_TARGET_CAP:
		a->co.ldap_target_cap = (size_t)number("--ldap-target-cap",
		    arg, 1 << 20) << 20;
		break;
	case 'j': a->co.jobs = number("--jobs", arg, 256); break;
	case 'l': a->co.limit = arg; break;
	case RP_OPT_SHARD: a->co.shard = arg; break;
	case RP_OPT_LIST_HOSTS: a->co.list_hosts = 1; break;
	case RP_OPT_TIMEOUT:
		a->co.timeout = number("--timeout", arg, 86400);
		break;
	case RP_OPT_CONNECT:
		a->co.connect_timeout = number("--connect-timeout", arg,
		    3600);
		break;
	case 'u': a->co.user = arg; break;
	case 'k': a->co.key_file = arg; break;
	case RP_OPT_BECOME: a->co.become = 1; break;
	default: return -1;
	}
	return 0;
}

const char *
rp_cli_collect_check(struct rp_cli_collect *a, int extra_args,
    const char *outdir)
{
	static char msg[64];

	if (extra_args)
		return "unexpected argument";
	if (a->co.inventory == NULL && a->co.target == NULL)
		return "give -i INVENTORY or -t HOST";
	if (a->co.inventory != NULL && a->co.target != NULL)
		return "give -i INVENTORY or -t HOST, not both";
	if (a->nbaselines == 0)
		return "-b BASELINE is required (see 'rempart baseline list')";
	if (a->outdir == NULL && !a->co.list_hosts) {
		snprintf(msg, sizeof(msg), "-o %s is required", outdir);
		return msg;
	}
	/* after the options: a -q anywhere on the line applies to these */
	if (a->co.insecure_tls)
		rp_warn("--insecure-tls: LDAP server certificates will NOT be "
		    "verified; the report will say so");
	if (a->co.insecure_plain_bind)
		rp_warn("--insecure-plain-bind: LDAP bind passwords may be sent "
		    "IN CLEAR TEXT over ldap:// without StartTLS; the evidence "
		    "and the report will say so");
	a->co.baselines = a->baselines;
	a->co.nbaselines = a->nbaselines;
	return NULL;
}

int
rp_cli_collect_run(struct rp_cli_collect *a, const char *dir,
    const char *datadir)
{
	struct rp_collect_summary s;
	struct rp_content *c = NULL;
	char *cause = NULL, *dd = rp_cli_datadir(datadir);
	int r;

	memset(&s, 0, sizeof(s));
	a->co.output = dir;
	a->co.datadir = dd;
	a->co.summary = &s;
	/* the catalogue bound to the evaluators: one the engine cannot run
	 * is refused before anything is collected */
	if ((r = rp_eval_content_load(dd, &c, &cause)) == 0) {
		a->co.content = c;
		r = rp_collect(&a->co, &cause);
	}
	a->co.content = NULL;
	a->co.summary = NULL;
	a->co.datadir = NULL;
	rp_content_free(c);
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
	static const struct option longopts[] = {
		RP_CLI_COLLECT_LONGOPTS,
		{ "help", no_argument, NULL, 'h' },
		RP_CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct rp_cli_collect c;
	const char *bad;
	int ch, r;

	rp_cli_help_if_asked(argc, argv, collect_usage);
	rp_cli_collect_init(&c, argc);
	optind = 0;
	while ((ch = getopt_long(argc, argv, RP_CLI_COLLECT_SHORTOPTS "h"
	    RP_CLI_GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		if (rp_cli_collect_opt(&c, ch, optarg) == 0 ||
		    rp_cli_global_opt(ch, optarg) == 0)
			continue;
		fputs(collect_usage, stderr);
		r = RP_EXIT_USAGE;
		goto out;
	}
	if ((bad = rp_cli_collect_check(&c, optind != argc,
	    "EVIDENCE_DIR")) != NULL) {
		fprintf(stderr, "rempart collect: %s\n\n", bad);
		fputs(collect_usage, stderr);
		r = RP_EXIT_USAGE;
		goto out;
	}
	if (c.co.list_hosts) {
		/* the selection only: nothing is connected to */
		char *cause = NULL, *dd = rp_cli_datadir(NULL);

		c.co.datadir = dd;
		if ((r = rp_collect(&c.co, &cause)) != 0)
			rp_error("%s", cause ? cause : rp_err_str(r));
		c.co.datadir = NULL;
		free(cause);
		free(dd);
		r = rp_cli_exit_for(r);
		goto out;
	}
	r = rp_cli_collect_run(&c, c.outdir, NULL);
	if (r == RP_EXIT_OK || r == RP_EXIT_INCOMPLETE)
		printf("evidence: %s\n", c.outdir);
out:
	rp_cli_collect_release(&c);
	return r;
}
