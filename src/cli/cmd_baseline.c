/*
 * cmd_baseline.c -- "rempart baseline list|show|validate": the baselines
 * of the data directory, resolved (inheritance and overrides), and the
 * schema check of any of rempart's XML files.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/err.h"
#include "core/log.h"
#include "content/content.h"
#include "core/banned.h"

static const char usage_text[] =
"usage: rempart baseline list\n"
"       rempart baseline show NAME|FILE\n"
"       rempart baseline validate FILE...\n"
"\n"
"Baselines select checks, set levels, and override expected values and\n"
"severities; one may extend another. 'show' prints the resolved baseline\n"
"(inherited checks and overrides applied). 'validate' checks any of\n"
"rempart's XML files (catalogue, baseline, waivers, incident) against its\n"
"schema and reports the file, line and problem.\n"
"\n"
"Examples:\n"
"  rempart baseline show anssi-bp028-intermediary\n"
"  rempart baseline validate my-baseline.xml waivers.xml\n"
"\n" RP_CLI_GLOBAL_HELP "\n"
"Exit status:\n"
"  0  done; with validate, every file is valid\n"
"  2  bad usage, unknown baseline, a file that is not valid, or an\n"
"     invalid catalogue\n"
"  4  runtime error (file system, out of resources)\n";

static int
show(struct rp_content *c, const char *name)
{
	const struct rp_baseline *b;
	struct rp_resolved r;
	char *cause = NULL;
	size_t i;
	int err;

	if ((err = rp_baseline_get(c, name, &b, &cause)) != 0 ||
	    (err = rp_baseline_resolve(c, b, &r, &cause)) != 0) {
		rp_error("%s", cause);
		free(cause);
		return rp_cli_exit_for(err);
	}
	printf("%s (%s): %s\n", b->id, rp_kind_name(b->kind), b->title.en);
	printf("  %s\n  chain:", b->title.fr);
	for (i = 0; i < r.nchain; i++)
		printf(" %s%s", i ? "<- " : "", r.chain[i]);
	printf("\n  %zu checks\n", r.nsel);
	for (i = 0; i < r.nsel; i++) {
		const struct rp_selection *s = &r.sel[i];

		printf("  %-14s %-8s level=%-13s expected=%s%s\n", s->check->id,
		    rp_severity_name(s->severity), s->level,
		    s->expected ? s->expected : "-",
		    s->severity != s->check->severity ||
		    (s->expected && s->check->has_test && s->check->test.value &&
		    strcmp(s->expected, s->check->test.value) != 0) ?
		    "  (overridden)" : "");
	}
	rp_resolved_release(&r);
	return RP_EXIT_OK;
}

int
cmd_baseline(int argc, char **argv)
{
	struct rp_content *c = NULL;
	char *cause = NULL;
	int r, i, code = RP_EXIT_OK;
	size_t k;

	if ((argc = rp_cli_strip_global_opts(argc, argv)) < 0)
		return RP_EXIT_USAGE;
	if ((r = rp_cli_need_verb(argc, argv, usage_text)) != RP_EXIT_OK ||
	    (r = rp_cli_content(&c)) != RP_EXIT_OK)
		return r;
	if (strcmp(argv[1], "list") == 0 && argc == 2) {
		for (k = 0; k < c->nbaselines; k++)
			printf("%-28s %-8s %s\n", c->baselines[k]->id,
			    rp_kind_name(c->baselines[k]->kind),
			    c->baselines[k]->title.en);
	} else if (strcmp(argv[1], "show") == 0 && argc == 3) {
		code = show(c, argv[2]);
	} else if (strcmp(argv[1], "validate") == 0 && argc >= 3) {
		for (i = 2; i < argc; i++) {
			r = rp_content_validate_file(c, argv[i], &cause);
			if (r != 0) {
				rp_error("%s", cause);
				code = RP_EXIT_USAGE;
			} else
				printf("%s: valid\n", argv[i]);
		}
	} else {
		fputs(usage_text, stderr);
		code = RP_EXIT_USAGE;
	}
	free(cause);
	rp_content_free(c);
	return code;
}
