/*
 * main.c -- rempart: post-incident remediation and hardening auditor.
 */
#include "config.h"

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
#include "core/banned.h"

static const struct rp_cmd cmds[] = {
	{ "audit", cmd_audit, "collect, evaluate and report in one run" },
	{ "collect", cmd_collect, "collect evidence from targets (SSH, LDAP)" },
	{ "evaluate", cmd_evaluate, "evaluate an evidence bundle offline" },
	{ "report", cmd_report, "render results as md, json, csv or junit" },
	{ "checks", cmd_checks, "list or show the check catalogue" },
	{ "baseline", cmd_baseline, "list, show or validate baselines" },
	{ "evidence", cmd_evidence, "verify or seal an evidence bundle" },
	{ "history", cmd_history, "runs, trends and time-to-fix of sweeps" },
};

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: rempart [-v] [--data-dir DIR] COMMAND [ARGS]\n\n"
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
	    "'rempart COMMAND --help' explains each command.\n\n%s",
	    RP_EXIT_CODES_HELP);
}

static char *datadir_opt;

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

	r = rp_content_load(dd, out, &cause);
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
	size_t i;
	int a = 1;

	/* it reads passwords and keys, and writes what it found: no core
	 * dump, no ptrace by the same user, files for its user only */
	rp_harden_process();
	setlocale(LC_ALL, "");
	while (a < argc && argv[a][0] == '-') {
		if (strcmp(argv[a], "-v") == 0)
			rp_log_level++;
		else if (strcmp(argv[a], "-vv") == 0)
			rp_log_level += 2;
		else if (strcmp(argv[a], "-q") == 0)
			rp_log_level = RP_LOG_QUIET;
		else if (strcmp(argv[a], "--data-dir") == 0 && a + 1 < argc)
			datadir_opt = argv[++a];
		else if (strcmp(argv[a], "--version") == 0 ||
		    strcmp(argv[a], "-V") == 0) {
			printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
			return 0;
		} else if (strcmp(argv[a], "-h") == 0 ||
		    strcmp(argv[a], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "rempart: unknown option '%s'\n",
			    argv[a]);
			usage(stderr);
			return RP_EXIT_USAGE;
		}
		a++;
	}
	if (a >= argc) {
		usage(stderr);
		return RP_EXIT_USAGE;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(cmds[i].name, argv[a]) == 0)
			return cmds[i].run(argc - a, argv + a);
	fprintf(stderr, "rempart: unknown command '%s' (see 'rempart "
	    "--help')\n", argv[a]);
	return RP_EXIT_USAGE;
}
