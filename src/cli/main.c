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

int
rp_cli_in_build_tree(void)
{
	char exe[PATH_MAX], *slash;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return 0;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	return strcmp(exe, RP_BUILDDIR) == 0 ||
	    strcmp(exe, RP_BUILDDIR "/.libs") == 0;
}

char *
rp_cli_datadir(const char *option)
{
	const char *env = getenv("REMPART_DATADIR");

	if (option != NULL)
		return xstrdup(option);
	if (datadir_opt != NULL)
		return xstrdup(datadir_opt);
	if (env != NULL && *env != '\0')
		return xstrdup(env);
	/* run from the build tree: use the source tree's content */
	if (rp_cli_in_build_tree())
		return xstrdup(RP_SRCDIR "/checks");
	return xstrdup(RP_PKGDATADIR "/checks");
}

char *
rp_cli_templatedir(void)
{
	char *checks = rp_cli_datadir(NULL), *slash, *d, *css;

	/* reports/ sits beside checks/, in the source tree and installed */
	if ((slash = strrchr(checks, '/')) != NULL)
		*slash = '\0';
	d = xasprintf("%s/reports/default", checks);
	free(checks);
	css = xasprintf("%s/report.css", d);
	if (access(css, R_OK) != 0) {
		free(d);
		/* an installed binary never reads a source tree left on
		 * disk: only the build tree's binary falls back to it */
		d = xstrdup(rp_cli_in_build_tree() ? RP_SRCDIR "/reports/default" :
		    RP_PKGDATADIR "/reports/default");
	}
	free(css);
	return d;
}

int
rp_cli_global_opt(int ch, const char *arg)
{
	switch (ch) {
	case 'q':
		rp_log_level = RP_LOG_QUIET;
		return 0;
	case 'v':
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
