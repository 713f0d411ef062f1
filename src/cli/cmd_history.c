/*
 * cmd_history.c -- "rempart history": what the history database of the
 * sweeps holds (list, show, trend, diff) and its pruning.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/err.h"
#include "core/json.h"
#include "core/log.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "history/history.h"
#include "plan/fill.h"
#include "report/i18n.h"
#include "core/banned.h"

static const char usage_text[] =
"usage: rempart history list --history DB [--format text|json]\n"
"       rempart history show RUN --history DB [--format text|json]\n"
"       rempart history trend --history DB [--last N] [--target T]\n"
"                             [--check C] [--format text|json]\n"
"       rempart history diff RUN1 RUN2 --history DB [--format text|json]\n"
"       rempart history prune --keep N [--vacuum] --history DB\n"
"\n"
"What the history database of your sweeps remembers. Each 'rempart audit'\n"
"or 'rempart evaluate' given --history DB records its run there: the audit\n"
"time (from the evidence), the baselines, the incident reference, the\n"
"SHA-256 of the evidence manifest, the coverage, the score and every\n"
"result (target, check, status, severity, the observed value cut short;\n"
"secrets are masked before results are written). The file is SQLite (WAL\n"
"journal): sweeps may write it at the same time, and it can be read with\n"
"the sqlite3 shell (docs/history.md has its schema).\n"
"\n"
"  list           the runs, oldest first: id, audit time, score, findings\n"
"                 by severity, coverage, baselines, incident\n"
"  show RUN       one run and its results that are not 'pass'\n"
"                 (--format json: every result)\n"
"  trend          the score and the findings of the last runs, then, per\n"
"                 target and check that failed: when it first failed, when\n"
"                 it was fixed and how long that took, how often it came\n"
"                 back (regressions), since when it is open, waivers that\n"
"                 expired between two runs. An 'error' (not assessed) never\n"
"                 counts as fixed: the finding stays open\n"
"  diff RUN1 RUN2\n"
"                 what changed from RUN1 to RUN2: fixed, new, regressed\n"
"                 (failed before, then passed, fails again), still open,\n"
"                 not assessed any more, waived, waiver expired\n"
"  prune          delete all runs but the N most recent (by audit time);\n"
"                 with --vacuum, rewrite the file so that it shrinks\n"
"\n"
"  -H, --history DB     the history database (required)\n"
"  -f, --format F       text (default) or json\n"
"      --last N         trend: only the last N runs (default: all)\n"
"      --target T       trend: only this target\n"
"      --check C        trend: only this check\n"
"      --keep N         prune: how many runs to keep (at least 1)\n"
"      --vacuum         prune: then compact the file (it needs free disk\n"
"                       space of its size, and waits for running sweeps)\n"
"\n"
"Times are the audit times of the evidence (UTC), not when a run was\n"
"recorded; a time to fix is from the first run a finding failed in to\n"
"the first run it passed in (so it is at most as precise as the sweeps\n"
"are frequent).\n"
"\n"
"Examples:\n"
"  rempart audit -i inventory.ini -b anssi-bp028-intermediary \\\n"
"      -o /var/lib/rempart/sweeps --dated --history /var/lib/rempart/history.db\n"
"  rempart history list --history /var/lib/rempart/history.db\n"
"  rempart history trend --last 12 --check LNX-SSH-006 --history history.db\n"
"  rempart history diff 41 42 --history history.db --format json\n"
"  rempart history prune --keep 104 --history history.db\n"
"\n" RP_EXIT_CODES_HELP;

enum { OPT_LAST = 256, OPT_TARGET, OPT_CHECK, OPT_KEEP, OPT_VACUUM };

struct hopts {
	const char	*db;
	int		 json;
	struct rp_history_filter f;
	int		 keep;
	int		 vacuum;
};

static long long
run_arg(const char *s)
{
	long long n;

	if (rp_strtonum(s, 1, (1LL << 62), &n) != 0)
		rp_fatal_usage("history: '%s' is not a run id (a number from "
		    "'rempart history list')", s);
	return n;
}

static const char *
js(json_t *o, const char *k)
{
	const char *s = rp_json_str(o, k);

	return s != NULL ? s : "-";
}

/*
 * The value as text fit for a terminal, at most max bytes: control
 * characters (C0, C1, bidirectional, line separators) and bytes that are
 * not UTF-8 as '?'.
 */
static void
put_safe(const char *s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, n;
	long c;

	for (i = 0; s != NULL && p[i] != '\0' && i < max; i += n) {
		if ((c = rp_utf8_next(p + i, &n)) < 0 || rp_char_is_control(c)) {
			if (c < 0)
				n = 1;
			putchar('?');
		} else if (i + n > max)
			break;
		else
			fwrite(p + i, 1, n, stdout);
	}
	if (s != NULL && p[i] != '\0')
		fputs("...", stdout);
}

static void
score_text(json_t *run, char *buf, size_t len)
{
	json_t *s = json_object_get(run, "score");

	if (json_is_number(s))
		(void)snprintf(buf, len, "%.1f%%", json_number_value(s));
	else
		(void)snprintf(buf, len, "n/a");
}

static void
run_line(json_t *r)
{
	json_t *f = json_object_get(r, "failed_by_severity");
	char sc[16];

	score_text(r, sc, sizeof(sc));
	printf("%5lld  %-20s  %6s  %5lld (%lld/%lld/%lld/%lld/%lld)  %-16s  ",
	    rp_json_int(r, "run"), js(r, "generated_at"), sc,
	    rp_json_int(json_object_get(r, "by_status"), "fail"),
	    rp_json_int(f, "critical"), rp_json_int(f, "high"),
	    rp_json_int(f, "medium"), rp_json_int(f, "low"),
	    rp_json_int(f, "info"), js(r, "coverage"));
	put_safe(js(r, "baselines"), 60);
	if (rp_json_str(r, "incident") != NULL) {
		fputs("  ", stdout);
		put_safe(rp_json_str(r, "incident"), 60);
	}
	putchar('\n');
}

static void
runs_text(json_t *runs)
{
	json_t *r;
	size_t i;

	printf("%5s  %-20s  %6s  %s  %-16s  %s\n", "RUN", "AUDIT TIME",
	    "SCORE", "FINDINGS (crit/high/med/low/info)", "COVERAGE",
	    "BASELINES  INCIDENT");
	json_array_foreach(runs, i, r)
		run_line(r);
	if (json_array_size(runs) == 0)
		printf("(no run recorded yet)\n");
}

static void
days(json_t *o, const char *k, char *buf, size_t len)
{
	json_t *v = json_object_get(o, k);

	if (json_is_integer(v))
		(void)snprintf(buf, len, "%.1fd", (double)json_integer_value(v) /
		    86400.0);
	else
		(void)snprintf(buf, len, "-");
}

static void
findings_text(json_t *items)
{
	json_t *o, *w, *e;
	char ttf[32];
	size_t i, k;

	if (json_array_size(items) == 0) {
		printf("\nNo finding in these runs.\n");
		return;
	}
	printf("\n%-20s %-14s %-8s %-6s %-20s %-20s %-20s %7s %4s\n",
	    "TARGET", "CHECK", "SEVERITY", "NOW", "FIRST FAILED",
	    "OPEN SINCE", "FIXED", "TTF", "REGR");
	json_array_foreach(items, i, o) {
		days(o, "time_to_fix_seconds", ttf, sizeof(ttf));
		printf("%-20s %-14s %-8s %-6s %-20s %-20s %-20s %7s %4lld\n",
		    js(o, "target"), js(o, "check"), js(o, "severity"),
		    js(o, "status"), js(o, "first_failed"),
		    js(o, "open_since"), js(o, "fixed_at"), ttf,
		    rp_json_int(o, "regressions"));
		w = json_object_get(o, "waivers_expired");
		json_array_foreach(w, k, e)
			printf("    waiver expired between %s and %s (expiry "
			    "%s)\n", js(e, "from"), js(e, "to"),
			    js(e, "expires"));
	}
}

static void
diff_text(json_t *d)
{
	json_t *c = json_object_get(d, "counts"), *o, *v;
	const char *k;
	size_t i;

	printf("from run %lld (%s) to run %lld (%s)\n",
	    rp_json_int(json_object_get(d, "from"), "run"),
	    js(json_object_get(d, "from"), "generated_at"),
	    rp_json_int(json_object_get(d, "to"), "run"),
	    js(json_object_get(d, "to"), "generated_at"));
	json_object_foreach(c, k, v)
		printf("  %-15s %lld\n", k, (long long)json_integer_value(v));
	json_array_foreach(json_object_get(d, "items"), i, o) {
		printf("%-15s %-20s %-14s %-8s %s -> %s  ", js(o, "change"),
		    js(o, "target"), js(o, "check"), js(o, "severity"),
		    js(o, "previous_status"), js(o, "status"));
		put_safe(rp_json_str(json_object_get(o, "title"), "en"), 70);
		putchar('\n');
	}
}

static void
show_text(json_t *s)
{
	json_t *o, *one = json_pack("[O]", s);
	size_t i, n = 0;

	runs_text(one);
	json_decref(one);
	printf("manifest %s\n\n", js(s, "manifest"));
	json_array_foreach(json_object_get(s, "results"), i, o) {
		if (strcmp(js(o, "status"), "pass") == 0)
			continue;
		printf("%-20s %-14s %-6s %-8s ", js(o, "target"),
		    js(o, "check"), js(o, "status"), js(o, "severity"));
		put_safe(rp_json_str(o, "observed"), 100);
		putchar('\n');
		n++;
	}
	if (n == 0)
		printf("(every result passed)\n");
}

static int
print_json(json_t *o)
{
	char *s = json_dumps(o, JSON_INDENT(2) | JSON_ENSURE_ASCII);

	if (s == NULL)
		return RP_EXIT_RUNTIME;
	puts(s);
	free(s);
	return RP_EXIT_OK;
}

static int
usage_error(const char *msg)
{
	fprintf(stderr, "rempart history: %s\n\n%s", msg, usage_text);
	return RP_EXIT_USAGE;
}

int
cmd_history(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "history", required_argument, NULL, 'H' },
		{ "format", required_argument, NULL, 'f' },
		{ "last", required_argument, NULL, OPT_LAST },
		{ "target", required_argument, NULL, OPT_TARGET },
		{ "check", required_argument, NULL, OPT_CHECK },
		{ "keep", required_argument, NULL, OPT_KEEP },
		{ "vacuum", no_argument, NULL, OPT_VACUUM },
		{ "help", no_argument, NULL, 'h' },
		RP_CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct rp_history *h = NULL;
	struct hopts o;
	json_t *out = NULL;
	const char *verb;
	char *cause = NULL;
	long long n, removed, before = -1, after = -1;
	int ch, r, want, code = RP_EXIT_OK;

	if ((r = rp_cli_need_verb(argc, argv, usage_text)) != RP_EXIT_OK)
		return r;
	verb = argv[1];
	memset(&o, 0, sizeof(o));
	/* the options after the verb: argv + 1 (the verb in the place of
	 * the program name), getopt's state reset by optind 0 */
	argc--;
	argv++;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "H:f:h" RP_CLI_GLOBAL_SHORTOPTS,
	    longopts, NULL)) != -1) {
		if (rp_cli_global_opt(ch, optarg) == 0)
			continue;
		switch (ch) {
		case 'H': o.db = optarg; break;
		case 'f':
			if (strcmp(optarg, "json") == 0)
				o.json = 1;
			else if (strcmp(optarg, "text") != 0)
				return usage_error("--format: text or json");
			break;
		case OPT_LAST:
			if (rp_strtonum(optarg, 1, 100000, &n) != 0)
				return usage_error("--last: a number of runs");
			o.f.last = (int)n;
			break;
		case OPT_TARGET: o.f.target = optarg; break;
		case OPT_CHECK: o.f.check = optarg; break;
		case OPT_KEEP:
			if (rp_strtonum(optarg, 1, 1000000, &n) != 0)
				return usage_error("--keep: a number of runs, "
				    "at least 1");
			o.keep = (int)n;
			break;
		case OPT_VACUUM: o.vacuum = 1; break;
		default:
			fputs(usage_text, stderr);
			return RP_EXIT_USAGE;
		}
	}
	want = strcmp(verb, "show") == 0 ? 1 : strcmp(verb, "diff") == 0 ?
	    2 : 0;
	if (strcmp(verb, "list") != 0 && strcmp(verb, "show") != 0 &&
	    strcmp(verb, "trend") != 0 && strcmp(verb, "diff") != 0 &&
	    strcmp(verb, "prune") != 0)
		return usage_error("unknown subcommand (list, show, trend, "
		    "diff, prune)");
	if (o.db == NULL)
		return usage_error("--history DB is required");
	if (argc - optind != want)
		return usage_error(want == 0 ? "unexpected argument" :
		    want == 1 ? "show takes one RUN" : "diff takes RUN1 RUN2");
	if (strcmp(verb, "prune") == 0 && o.keep == 0)
		return usage_error("prune needs --keep N");
	if (o.vacuum && strcmp(verb, "prune") != 0)
		return usage_error("--vacuum goes with prune");
	if ((r = rp_history_open(o.db, 0, &h, &cause)) != 0)
		goto fail;
	if (strcmp(verb, "list") == 0)
		out = rp_history_runs(h, &cause);
	else if (strcmp(verb, "show") == 0)
		out = rp_history_show(h, run_arg(argv[optind]), &cause);
	else if (strcmp(verb, "trend") == 0)
		out = rp_history_trend(h, &o.f, &cause);
	else if (strcmp(verb, "diff") == 0)
		out = rp_history_diff(h, run_arg(argv[optind]),
		    run_arg(argv[optind + 1]), &cause);
	else {
		if ((r = rp_history_prune(h, o.keep, &removed, &cause)) != 0)
			goto fail;
		if (o.vacuum &&
		    (r = rp_history_vacuum(h, &before, &after, &cause)) != 0)
			goto fail;
		out = json_pack("{s:I, s:i}", "removed", (json_int_t)removed,
		    "kept_at_most", o.keep);
		if (o.vacuum) {
			json_object_set_new(out, "size_before", json_integer(
			    before));
			json_object_set_new(out, "size_after", json_integer(
			    after));
		}
		if (!o.json) {
			printf("%lld run%s removed, at most %d kept\n", removed,
			    removed == 1 ? "" : "s", o.keep);
			if (o.vacuum)
				printf(_("file compacted: %.1f MiB, was %.1f "
				    "MiB\n"), (double)after / 1048576.0,
				    (double)before / 1048576.0);
			goto out;
		}
	}
	if (out == NULL) {
		r = cause != NULL && strstr(cause, "no run ") ?
		    RP_ERR_NOT_FOUND : RP_ERR_IO;
		goto fail;
	}
	if (o.json)
		code = print_json(out);
	else if (strcmp(verb, "list") == 0)
		runs_text(out);
	else if (strcmp(verb, "show") == 0)
		show_text(out);
	else if (strcmp(verb, "trend") == 0) {
		runs_text(json_object_get(out, "runs"));
		findings_text(json_object_get(out, "findings"));
	} else
		diff_text(out);
	goto out;
fail:
	rp_error("%s", cause ? cause : rp_err_str(r));
	code = rp_cli_exit_for(r);
out:
	json_decref(out);
	rp_history_close(h);
	free(cause);
	return code;
}
