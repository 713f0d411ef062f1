/*
 * cmd_report.c -- "rempart report": a results.json rendered in one format
 * (report/render.h); also the report helpers audit and evaluate share
 * (language, template directory, CSV dialect, the end-of-run summary).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/err.h"
#include "core/file.h"
#include "core/log.h"
#include "core/xmalloc.h"
#include "report/report.h"
#include "results/filter.h"
#include "results/read.h"
#include "report/i18n.h"
#include "core/banned.h"

static const char usage_text[] =
"usage: rempart report -r results.json [-f html|md|json|csv|plan-csv|junit]\n"
"                      [-o FILE] [--lang fr|en] [--template-dir DIR]\n"
"                      [--csv-dialect rfc4180|excel-fr] [--limit PATTERN]\n"
"\n"
"Render the results of 'rempart evaluate' for people (html: one\n"
"self-contained file that prints to A4; md), programs (json),\n"
"spreadsheets (csv: one row per target and check; plan-csv: one row per\n"
"action with empty owner, due date and status columns; formulas\n"
"neutralised) or CI (junit).\n"
"\n"
"  -r, --results FILE  results.json from 'rempart evaluate'\n"
"  -f, --format F      md (default), html, json, csv, plan-csv, junit\n"
"  -o, --output FILE   where to write (default: standard output)\n"
"      --lang L        fr or en (default: from LANGUAGE, LC_ALL,\n"
"                      LC_MESSAGES or LANG, else en)\n"
"      --template-dir D report.css, brand.conf (name, logo, classification),\n"
"                      optional header.html/footer.html fragments with\n"
"                      {{placeholders}} (reports/README.md); default: the\n"
"                      installed reports/default\n"
"\n"
"      --csv-dialect D  rfc4180 (default: commas, identifiers) or excel-fr\n"
"                      (UTF-8 byte order mark, semicolons, headers and\n"
"                      values in the report's language)\n"
"  -l, --limit PATTERN  only the targets of an Ansible host pattern, on\n"
"                      their ids and inventory groups (site_a, web*, !db1,\n"
"                      a:&b; docs/estates.md): every section says that\n"
"                      part alone (plan, scores and coverage recomputed)\n"
"                      and md, html and junit say it is a part (pattern,\n"
"                      N of M targets); -f json writes the part's results\n"
"\n"
"Example:\n"
"  rempart report -r results.json -f html --lang fr -o rapport.html\n"
"  rempart report -r results.json -f plan-csv --lang fr \\\n"
"      --csv-dialect excel-fr -o plan.csv\n"
"  rempart report -r results.json -f html --limit site_a -o site_a.html\n"
"\n" RP_CLI_GLOBAL_HELP "\n"
"Exit status:\n"
"  0  the report was written\n"
"  2  bad usage or invalid input (options, not a results file, no such\n"
"     directory for -o, a --limit that selects no target)\n"
"  4  runtime error (file system, out of resources)\n";

/*
 * The report's language: its catalogue beside a given data directory
 * (--data-dir, REMPART_DATADIR), else this rempart's (installed, or the
 * build tree's when run from there).
 */
static int
select_lang(const char *lang, char **cause)
{
	char *dirs[3];
	const char *cdirs[3];
	int r, i;

	rp_cli_localedirs(dirs);
	for (i = 0; i < 3; i++)
		cdirs[i] = dirs[i];
	r = rp_i18n_select(lang, cdirs, cause);
	for (i = 0; dirs[i] != NULL; i++)
		free(dirs[i]);
	return r;
}

static const char *template_dir_opt;
static const char *limit_opt;

int
rp_cli_csv_dialect(const char *arg)
{
	int d = rp_report_csv_dialect_parse(arg);

	if (d < 0) {
		rp_error("--csv-dialect: unknown dialect '%s' (rfc4180, "
		    "excel-fr)", arg);
		return RP_EXIT_USAGE;
	}
	rp_report_set_csv_dialect((enum rp_csv_dialect)d);
	return 0;
}

void
rp_cli_set_template_dir(const char *dir)
{
	template_dir_opt = dir;
}

/* The end-of-run summary of results, in lang, on standard output. */
int
rp_cli_report_summary(const char *results, const char *lang)
{
	json_t *j = NULL;
	char *cause = NULL;
	int r;

	if ((r = select_lang(lang, &cause)) == 0 &&
	    (r = rp_results_load(results, &j, &cause)) == 0)
		rp_report_terminal(j, stdout);
	if (r != 0)
		rp_error("%s", cause ? cause : rp_err_str(r));
	free(cause);
	json_decref(j);
	return rp_cli_exit_for(r);
}

/*
 * -o FILE in a directory that does not exist is bad usage (exit 2), said
 * as such rather than as a failed temporary file.
 */
static int
output_dir_ok(const char *output, char **cause)
{
	char *dir = xstrdup(output), *slash = strrchr(dir, '/');
	struct stat st;
	int r = 0;

	if (slash == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (stat(dir, &st) != 0)
		r = rp_fail(cause, RP_ERR_INVALID, "-o %s: no directory '%s' "
		    "(%s): create it first", output, dir, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		r = rp_fail(cause, RP_ERR_INVALID, "-o %s: '%s' is not a "
		    "directory", output, dir);
	free(dir);
	return r;
}

int
rp_cli_report_file(const char *results, const char *fmt, const char *lang,
    const char *output)
{
	char *tdir = template_dir_opt ? xstrdup(template_dir_opt) :
	    rp_cli_templatedir();
	json_t *j = NULL;
	char *cause = NULL;
	struct rp_out o;
	FILE *f = stdout;
	int r, ff = rp_report_format_parse(fmt);

	if (ff < 0) {
		rp_error("unknown report format '%s' (html, md, json, csv, "
		    "plan-csv, junit)", fmt);
		free(tdir);
		return RP_EXIT_USAGE;
	}
	if (lang == NULL)
		lang = rp_i18n_default_lang();
	if (!rp_i18n_lang_known(lang)) {
		rp_error("unknown language '%s' (%s)", lang,
		    rp_i18n_lang_list());
		free(tdir);
		return RP_EXIT_USAGE;
	}
	if (output != NULL && strcmp(output, "-") != 0 &&
	    (r = output_dir_ok(output, &cause)) != 0)
		goto out;
	if ((r = select_lang(lang, &cause)) != 0)
		goto out;
	if ((r = rp_results_load(results, &j, &cause)) != 0)
		goto out;
	if (limit_opt != NULL &&
	    (r = rp_results_limit(j, limit_opt, results, &cause)) != 0)
		goto out;
	memset(&o, 0, sizeof(o));
	if (output != NULL && strcmp(output, "-") != 0) {
		/* a device, FIFO or symlink named by -o is left alone */
		if ((r = rp_out_open(&o, output, 0600, &cause)) != 0)
			goto out;
		f = o.f;
	}
	r = rp_report_render(j, (enum rp_report_format)ff, lang, tdir, f,
	    &cause);
	if (f != stdout) {
		int w = rp_out_close(&o, r == 0, &cause);

		if (r == 0)
			r = w;
	}
out:
	if (r != 0)
		rp_error("%s", cause ? cause : rp_err_str(r));
	free(cause);
	free(tdir);
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
		{ "template-dir", required_argument, NULL, 'T' },
		{ "csv-dialect", required_argument, NULL, 'C' },
		{ "limit", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		RP_CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const char *results = NULL, *fmt = "md", *out = NULL, *lang = NULL;
	int ch;

	rp_cli_help_if_asked(argc, argv, usage_text);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "r:f:o:l:h" RP_CLI_GLOBAL_SHORTOPTS,
	    longopts, NULL)) != -1) {
		if (rp_cli_global_opt(ch, optarg) == 0)
			continue;
		switch (ch) {
		case 'r': results = optarg; break;
		case 'f': fmt = optarg; break;
		case 'o': out = optarg; break;
		case 'L': lang = optarg; break;
		case 'T': template_dir_opt = optarg; break;
		case 'l': limit_opt = optarg; break;
		case 'C':
			if (rp_cli_csv_dialect(optarg) != 0)
				return RP_EXIT_USAGE;
			break;
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

int
rp_cli_select_lang(const char *lang, char **cause)
{
	return select_lang(lang, cause);
}
