#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/err.h"
#include "core/log.h"
#include "report/report.h"
#include "core/banned.h"

static const char usage_text[] =
"usage: rempart report -r results.json [-f md|json|csv|junit] [-o FILE]\n"
"                      [--lang fr|en]\n"
"\n"
"Render the results of 'rempart evaluate' for people (md), programs\n"
"(json), spreadsheets (csv, formulas neutralised) or CI (junit).\n"
"\n"
"  -r, --results FILE  results.json from 'rempart evaluate'\n"
"  -f, --format F      md (default), json, csv, junit\n"
"  -o, --output FILE   where to write (default: standard output)\n"
"      --lang L        fr or en (default: from LANG, else en)\n"
"\n"
"Example:\n"
"  rempart report -r results.json -f md --lang fr -o rapport.md\n"
"\n" RP_EXIT_CODES_HELP;

static const char *
default_lang(void)
{
	const char *l = getenv("LC_ALL");

	if (l == NULL || *l == '\0')
		l = getenv("LANG");
	return l != NULL && strncmp(l, "fr", 2) == 0 ? "fr" : "en";
}

int
rp_cli_report_file(const char *results, const char *fmt, const char *lang,
    const char *output)
{
	json_t *j = NULL;
	char *cause = NULL, *tmp = NULL;
	FILE *f = stdout;
	int r, ff = rp_report_format_parse(fmt);

	if (ff < 0) {
		rp_error("unknown report format '%s' (md, json, csv, junit)",
		    fmt);
		return RP_EXIT_USAGE;
	}
	if (lang == NULL)
		lang = default_lang();
	if (strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0) {
		rp_error("unknown language '%s' (fr, en)", lang);
		return RP_EXIT_USAGE;
	}
	if ((r = rp_results_load(results, &j, &cause)) != 0)
		goto out;
	if (output != NULL && strcmp(output, "-") != 0) {
		if (asprintf(&tmp, "%s.tmp", output) < 0 ||
		    (f = fopen(tmp, "w")) == NULL) {
			r = rp_fail(&cause, RP_ERR_IO, "cannot write '%s'",
			    output);
			goto out;
		}
	}
	r = rp_report_render(j, (enum rp_report_format)ff, lang, f, &cause);
	if (f != stdout) {
		if (fclose(f) != 0 && r == 0)
			r = rp_fail(&cause, RP_ERR_IO, "cannot write '%s'",
			    output);
		if (r == 0 && rename(tmp, output) != 0)
			r = rp_fail(&cause, RP_ERR_IO, "cannot write '%s'",
			    output);
		if (r != 0)
			remove(tmp);
	}
out:
	if (r != 0)
		rp_error("%s", cause ? cause : rp_err_str(r));
	free(cause);
	free(tmp);
	json_decref(j);
	return rp_cli_exit_for(r);
}

int
cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "results", required_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *results = NULL, *fmt = "md", *out = NULL, *lang = NULL;
	int ch;

	rp_cli_help_if_asked(argc, argv, usage_text);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "r:f:o:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r': results = optarg; break;
		case 'f': fmt = optarg; break;
		case 'o': out = optarg; break;
		case 'L': lang = optarg; break;
		default:
			fputs(usage_text, stderr);
			return RP_EXIT_USAGE;
		}
	}
	if (results == NULL || optind != argc) {
		fprintf(stderr, "rempart report: -r results.json is required\n\n");
		fputs(usage_text, stderr);
		return RP_EXIT_USAGE;
	}
	return rp_cli_report_file(results, fmt, lang, out);
}
