/*
 * main.c -- rempart: post-incident remediation and hardening auditor.
 */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/err.h"
#include "core/file.h"
#include "core/log.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "engine/registry.h"
#include "core/banned.h"

/* The commands, in the order of --help: one line each, append new ones. */
static const struct rp_cmd cmds[] = {
	{ "audit", cmd_audit, "collect, evaluate and report in one run" },
	{ "collect", cmd_collect, "collect evidence from targets (SSH, LDAP)" },
	{ "evaluate", cmd_evaluate, "evaluate an evidence bundle offline" },
	{ "report", cmd_report,
	    "render results as html, md, json, csv or junit" },
	{ "checks", cmd_checks, "list or show the check catalogue" },
	{ "baseline", cmd_baseline, "list, show or validate baselines" },
	{ "evidence", cmd_evidence, "verify or seal an evidence bundle" },
	{ "account-setup", cmd_account,
	    "print the exact access the audit account needs, and its removal" },
	{ "attest", cmd_attest,
	    "the questionnaire of the manual checks, and its answers" },
	{ "history", cmd_history, "runs, trends and time-to-fix of sweeps" },
};

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: rempart [-q | -v...] [--data-dir DIR] COMMAND [ARGS]\n"
	    "       rempart --version | --help\n\n"
	    "Audit an estate after a security incident and write the\n"
	    "prioritized remediation and hardening plan.\n\nCommands:\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-10s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(f, "\nPipeline: collect -> evidence bundle -> evaluate -> "
	    "results.json -> report.\n"
	    "Each step reads only what the previous one wrote, so evidence\n"
	    "collected on site can be evaluated later, offline.\n\n"
	    "Example:\n"
	    "  rempart evaluate -e evidence/ -b anssi-bp028-minimal "
	    "-o results.json\n"
	    "  rempart report -r results.json -f md -o report.md\n\n"
	    "'rempart COMMAND --help' explains each command.\n\n%s\n%s",
	    RP_CLI_GLOBAL_HELP, RP_EXIT_CODES_HELP);
}

static const char *datadir_opt;

/*
 * Where the data comes from. An installed rempart reads only what was
 * installed under pkgdatadir (and what --data-dir or REMPART_DATADIR
 * names): a source or build tree left on disk is never read. The rempart
 * of a build tree, run from there (/proc/self/exe is that build's
 * binary), reads the source tree's checks/ and reports/ and the build
 * tree's po/, so that the tests and a developer see the content as it is
 * without installing it. This is the only place that names those trees.
 */
static int
uninstalled(void)
{
	static int known = -1;
	char exe[PATH_MAX], built[PATH_MAX];

	if (known < 0)
		known = realpath("/proc/self/exe", exe) != NULL &&
		    realpath(RP_BUILDDIR "/rempart", built) != NULL &&
		    strcmp(exe, built) == 0;
	return known;
}

/* --data-dir or REMPART_DATADIR, else NULL (borrowed) */
static const char *
datadir_override(const char *option)
{
	const char *env = getenv("REMPART_DATADIR");

	if (option != NULL)
		return option;
	if (datadir_opt != NULL)
		return datadir_opt;
	if (env != NULL && *env != '\0')
		return env;
	return NULL;
}

char *
rp_cli_datadir(const char *option)
{
	const char *dd = datadir_override(option);

	if (dd != NULL)
		return xstrdup(dd);
	if (uninstalled())
		return xstrdup(RP_SRCDIR "/checks");
	return xstrdup(RP_PKGDATADIR "/checks");
}

/* DIR/../NAME for a data directory given by the user, if it exists */
static char *
beside_override(const char *name, const char *probe)
{
	const char *dd = datadir_override(NULL);
	char *d, *slash, *f;

	if (dd == NULL)
		return NULL;
	d = xstrdup(dd);
	if ((slash = strrchr(d, '/')) != NULL)
		*slash = '\0';
	else {
		free(d);
		d = xstrdup(".");
	}
	f = xasprintf("%s/%s/%s", d, name, probe);
	free(d);
	if (access(f, R_OK) != 0) {
		free(f);
		return NULL;
	}
	f[strlen(f) - strlen(probe) - 1] = '\0';
	return f;
}

char *
rp_cli_templatedir(void)
{
	char *d;

	/* reports/ beside a given checks/, as in the source tree and
	 * installed; else the one of this rempart */
	if ((d = beside_override("reports/default", "report.css")) != NULL)
		return d;
	if (uninstalled())
		return xstrdup(RP_SRCDIR "/reports/default");
	return xstrdup(RP_PKGDATADIR "/reports/default");
}

int
rp_cli_global_opt(int ch, const char *arg)
{
	switch (ch) {
	case 'q':
		rp_log_level = RP_LOG_QUIET;
		return 0;
	case 'v':
		/* the later of -q and -v wins: -q -v is verbose */
		if (rp_log_level < RP_LOG_WARN)
			rp_log_level = RP_LOG_WARN;
		rp_log_level++;
		return 0;
	case RP_OPT_GLOBAL_DATADIR:
		datadir_opt = arg;
		return 0;
	default:
		return -1;
	}
}

int
rp_cli_strip_global_opts(int argc, char **argv)
{
	const char *a;
	int i, n = 1, ok;
	size_t k;

	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[n++] = argv[i++];
			break;
		}
		ok = 0;
		if (strcmp(a, "--quiet") == 0)
			ok = rp_cli_global_opt('q', NULL) == 0;
		else if (strcmp(a, "--verbose") == 0)
			ok = rp_cli_global_opt('v', NULL) == 0;
		else if (strncmp(a, "--data-dir=", 11) == 0)
			ok = rp_cli_global_opt(RP_OPT_GLOBAL_DATADIR,
			    a + 11) == 0;
		else if (strcmp(a, "--data-dir") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "rempart: --data-dir needs a "
				    "directory\n");
				return -1;
			}
			ok = rp_cli_global_opt(RP_OPT_GLOBAL_DATADIR,
			    argv[++i]) == 0;
		} else if (a[0] == '-' && a[1] != '\0' &&
		    strspn(a + 1, "qv") == strlen(a + 1)) {
			/* -q, -v, -vv: a cluster of global short options */
			for (k = 1; a[k] != '\0'; k++)
				(void)rp_cli_global_opt(a[k], NULL);
			ok = 1;
		}
		if (!ok)
			argv[n++] = argv[i];
	}
	argv[n] = NULL;
	return n;
}

void
rp_cli_localedirs(char *dirs[3])
{
	int n = 0;

	/* locale/ beside a given checks/ first, then this rempart's */
	if ((dirs[n] = beside_override("locale", ".")) != NULL)
		n++;
	if (uninstalled())
		dirs[n++] = xstrdup(RP_BUILDDIR "/po");
	else
		dirs[n++] = xstrdup(RP_PKGDATADIR "/locale");
	dirs[n] = NULL;
}

int
rp_cli_exit_for(int err)
{
	switch (err) {
	case 0:
		return RP_EXIT_OK;
	case RP_ERR_INVALID:
	case RP_ERR_PARSE:
	case RP_ERR_NOT_FOUND:
	case RP_ERR_TAMPERED:
		return RP_EXIT_USAGE;
	default:
		return RP_EXIT_RUNTIME;
	}
}

void
rp_cli_help_if_asked(int argc, char **argv, const char *text)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return;
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			fputs(text, stdout);
			exit(0);
		}
	}
}

int
rp_cli_need_verb(int argc, char **argv, const char *text)
{
	rp_cli_help_if_asked(argc, argv, text);
	if (argc >= 2)
		return RP_EXIT_OK;
	fputs(text, stderr);
	return RP_EXIT_USAGE;
}

int
rp_cli_fail_on(const char *arg)
{
	int sev = rp_severity_parse(arg);

	if (sev < 0)
		rp_fatal_usage("--fail-on: unknown severity '%s' (info, low, "
		    "medium, high, critical)", arg);
	return sev;
}

int
rp_cli_dir_kind(const char *arg)
{
	int k = rp_kind_parse(arg);

	if (k != RP_KIND_AD && k != RP_KIND_OPENLDAP)
		rp_fatal_usage("--kind: 'ad' or 'openldap', not '%s'", arg);
	return k;
}

int
rp_cli_content(struct rp_content **out)
{
	char *dd = rp_cli_datadir(NULL), *cause = NULL;
	int r;

	r = rp_eval_content_load(dd, out, &cause);
	free(dd);
	if (r != 0) {
		rp_error("%s", cause);
		free(cause);
	}
	return rp_cli_exit_for(r);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		RP_CLI_GLOBAL_LONGOPTS,
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	size_t i;
	int ch;

	/* it reads passwords and keys, and writes what it found: no core
	 * dump, no ptrace by the same user, files for its user only */
	rp_harden_process();
	setlocale(LC_ALL, "");
	/* the options before the command ("+": stop at the command) */
	while ((ch = getopt_long(argc, argv, "+" RP_CLI_GLOBAL_SHORTOPTS "Vh",
	    longopts, NULL)) != -1) {
		if (rp_cli_global_opt(ch, optarg) == 0)
			continue;
		switch (ch) {
		case 'V':
			printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:	/* getopt_long said which */
			usage(stderr);
			return RP_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return RP_EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(cmds[i].name, argv[0]) == 0)
			return cmds[i].run(argc, argv);
	fprintf(stderr, "rempart: unknown command '%s' (see 'rempart "
	    "--help')\n", argv[0]);
	return RP_EXIT_USAGE;
}
