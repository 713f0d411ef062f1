/*
 * bench_history.c -- the history store at estate scale: SWEEPS weekly
 * sweeps of TARGETS Linux targets recorded in one SQLite file, then the
 * queries of 'rempart history' and of the report's history section.
 *
 * usage: bench_history RESULTS.json DB TARGETS SWEEPS
 * (SWEEPS 0: only the queries, on the runs DB already holds)
 *
 * The results of one target come from RESULTS.json (those of web1, the
 * fixture bundle's Linux target audited fully: 163 results);
 * each target starts from them and changes week by week with a fixed
 * pseudo-random sequence: a failing check is fixed with probability 6 %,
 * a passing one fails (new or regression) with probability 0.4 %; one
 * check in ten has an observed value naming its target (distinct texts).
 * Prints one line per measure, tab-separated: name, value, unit.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "core/util.h"
#include "core/xmalloc.h"
#include "history/history.h"

static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static double
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (double)(rng >> 11) / 9007199254740992.0;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A query's wall-clock and CPU times (the machine may be shared). */
static double t_wall, t_cpu;
#define START()		(t_wall = now(), t_cpu = cpu())
#define STOP(name)	printf("%s\t%.3f\ts (cpu %.3f)\n", (name), \
			    now() - t_wall, cpu() - t_cpu)

static long long
fsize(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

int
main(int argc, char **argv)
{
	json_t *src, *tmpl = json_array(), *r, *doc, *arr, *o, *cov;
	struct rp_history *h;
	json_error_t je;
	char *cause = NULL, when[32], tid[32], obs[160], *wal = NULL;
	unsigned char *st;
	const char *first = NULL;
	double t, c, tmin = 1e9, tmax = 0, tsum = 0, csum = 0;
	size_t i, n, k;
	long long run = 0, ntargets, nsweeps, s, x, fails;
	time_t t0 = 1767254400;	/* 2026-01-01T00:00:00Z */

	if (argc != 5 || rp_strtonum(argv[3], 1, 100000, &ntargets) != 0 ||
	    rp_strtonum(argv[4], 0, 1000, &nsweeps) != 0) {
		fprintf(stderr, "usage: bench_history RESULTS.json DB TARGETS "
		    "SWEEPS\n");
		return 2;
	}
	if ((src = json_load_file(argv[1], 0, &je)) == NULL) {
		fprintf(stderr, "%s: %s\n", argv[1], je.text);
		return 1;
	}
	first = "web1";	/* the fixture's Linux target audited fully */
	json_array_foreach(json_object_get(src, "results"), i, r)
		if (strcmp(json_string_value(json_object_get(r, "target")),
		    first) == 0)
			json_array_append(tmpl, r);
	n = json_array_size(tmpl);
	st = malloc(n * (size_t)ntargets);
	for (x = 0; x < ntargets; x++)
		for (k = 0; k < n; k++) {
			const char *s0 = json_string_value(json_object_get(
			    json_array_get(tmpl, k), "status"));

			st[x * n + k] = strcmp(s0, "fail") == 0 ? 1 :
			    strcmp(s0, "pass") == 0 ? 0 : 2;
		}
	if (rp_history_open(argv[2], 1, &h, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	for (s = 0; s < nsweeps; s++) {	/* no sweep: queries only */
		rp_format_time(t0 + (time_t)s * 7 * 86400, when, sizeof(when));
		doc = json_object();
		arr = json_array();
		fails = 0;
		for (x = 0; x < ntargets; x++) {
			snprintf(tid, sizeof(tid), "host%05lld", x);
			for (k = 0; k < n; k++) {
				unsigned char *c = &st[x * n + k];

				if (s > 0 && *c == 1 && rnd() < 0.06)
					*c = 0;
				else if (s > 0 && *c == 0 && rnd() < 0.004)
					*c = 1;
				fails += *c == 1;
				o = json_copy(json_array_get(tmpl, k));
				json_object_set_new(o, "target",
				    json_string(tid));
				if (*c < 2)
					json_object_set_new(o, "status",
					    json_string(*c ? "fail" : "pass"));
				if (k % 10 == 0) {
					snprintf(obs, sizeof(obs), "%s: %s",
					    tid, *c ? "found" : "none");
					json_object_set_new(o, "observed",
					    json_string(obs));
				}
				json_array_append_new(arr, o);
			}
		}
		json_object_set_new(doc, "generated_at", json_string(when));
		json_object_set(doc, "baselines", json_object_get(src,
		    "baselines"));
		json_object_set(doc, "incident", json_object_get(src,
		    "incident"));
		cov = json_pack("{s:{s:s, s:{s:f}}}", "coverage", "verdict",
		    "complete", "score", "compliant", 100.0 * (1.0 -
		    (double)fails / (double)(n * (size_t)ntargets)));
		json_object_set_new(doc, "summary", cov);
		json_object_set_new(doc, "results", arr);
		t = now();
		c = cpu();
		if (rp_history_record(h, doc, "0123456789abcdef0123456789abcdef"
		    "0123456789abcdef0123456789abcdef", &run, &cause) != 0) {
			fprintf(stderr, "%s\n", cause);
			return 1;
		}
		t = now() - t;
		csum += cpu() - c;
		tsum += t;
		tmin = t < tmin ? t : tmin;
		tmax = t > tmax ? t : tmax;
		json_decref(doc);
	}
	if (nsweeps == 0) {
		run = 0;
		goto queries;
	}
	printf("results_per_sweep\t%zu\trows\n", n * (size_t)ntargets);
	printf("insert_per_sweep_mean\t%.3f\ts (cpu %.3f)\n", tsum /
	    (double)nsweeps, csum / (double)nsweeps);
	printf("insert_per_sweep_min\t%.3f\ts\n", tmin);
	printf("insert_per_sweep_max\t%.3f\ts\n", tmax);
	rp_history_close(h);
	wal = xasprintf("%s-wal", argv[2]);
	printf("db_size\t%.1f\tMiB\n", (double)fsize(argv[2]) / 1048576.0);
	printf("wal_size_after_close\t%.1f\tMiB\n", (double)fsize(wal) /
	    1048576.0);
	printf("bytes_per_result_row\t%.1f\tB\n", (double)fsize(argv[2]) /
	    ((double)n * (double)ntargets * (double)nsweeps));

queries:
	if (rp_history_open(argv[2], 0, &h, &cause) != 0)
		return 1;
	if (run == 0) {
		json_t *all = rp_history_runs(h, &cause);

		run = json_integer_value(json_object_get(json_array_get(all,
		    json_array_size(all) - 1), "run"));
		json_decref(all);
	}
	START();
	o = rp_history_section(h, run, 8, 10, &cause);
	STOP("report_section_last_run");
	printf("report_section_fixed_items\t%zu\titems\n", json_array_size(
	    json_object_get(o, "fixed_since_previous")));
	json_decref(o);
	START();
	o = rp_history_runs(h, &cause);
	STOP("list_runs");
	json_decref(o);
	{
		struct rp_history_filter f = { NULL, NULL, 0 };

		START();
		o = rp_history_trend(h, &f, &cause);
		STOP("trend_all_runs_all_targets");
		printf("trend_findings\t%zu\titems\n", json_array_size(
		    json_object_get(o, "findings")));
		json_decref(o);
		f.last = 12;
		START();
		o = rp_history_trend(h, &f, &cause);
		STOP("trend_last_12_all_targets");
		json_decref(o);
		f.last = 0;
		f.target = "host00042";
		START();
		o = rp_history_trend(h, &f, &cause);
		STOP("trend_one_target_all_runs");
		json_decref(o);
		f.target = NULL;
		f.check = json_string_value(json_object_get(json_array_get(
		    tmpl, 0), "check"));
		START();
		o = rp_history_trend(h, &f, &cause);
		STOP("trend_one_check_all_runs");
		json_decref(o);
	}
	START();
	o = rp_history_diff(h, run - 1, run, &cause);
	STOP("diff_last_two");
	json_decref(o);
	rp_history_close(h);
	free(st);
	free(wal);
	json_decref(tmpl);
	json_decref(src);
	return 0;
}
