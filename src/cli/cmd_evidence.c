#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/err.h"
#include "core/log.h"
#include "evidence/bundle.h"
#include "core/banned.h"

static const char usage_text[] =
"usage: rempart evidence verify EVIDENCE_DIR\n"
"       rempart evidence seal [--partial] EVIDENCE_DIR\n"
"\n"
"verify: compare every file of an evidence bundle with the SHA-256 of its\n"
"manifest; reports each changed, missing or added file and exits 2 when\n"
"the bundle was altered.\n"
"seal: write the manifest of a bundle produced by another tool (layout in\n"
"docs/evidence-format.md), so that it can be verified and evaluated.\n"
"\n"
"Example:\n"
"  rempart evidence verify audit-2026-11/evidence\n";

static void
report_cb(const char *what, const char *path, void *arg)
{
	int *n = arg;

	printf("%-8s %s\n", what, path);
	(*n)++;
}

int
cmd_evidence(int argc, char **argv)
{
	char *cause = NULL;
	int r, n = 0, partial = 0, a = 2;

	rp_cli_help_if_asked(argc, argv, usage_text);
	if (argc >= 3 && strcmp(argv[1], "verify") == 0 && argc == 3) {
		r = rp_bundle_verify(argv[2], report_cb, &n, &cause);
		if (r == 0)
			printf("%s: intact\n", argv[2]);
		else if (r == RP_ERR_TAMPERED)
			rp_error("evidence '%s' does not match its manifest "
			    "(%d problem%s)", argv[2], n, n == 1 ? "" : "s");
		else
			rp_error("%s", cause ? cause : rp_err_str(r));
		free(cause);
		return rp_cli_exit_for(r);
	}
	if (argc >= 3 && strcmp(argv[1], "seal") == 0) {
		if (strcmp(argv[a], "--partial") == 0) {
			partial = 1;
			a++;
		}
		if (a + 1 == argc) {
			r = rp_bundle_seal(argv[a], partial, &cause);
			if (r != 0)
				rp_error("%s", cause ? cause : rp_err_str(r));
			else
				printf("%s: sealed\n", argv[a]);
			free(cause);
			return rp_cli_exit_for(r);
		}
	}
	fputs(usage_text, stderr);
	return RP_EXIT_USAGE;
}
