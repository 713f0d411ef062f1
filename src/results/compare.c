#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "results/compare.h"
#include "core/banned.h"

/* The accessor of core/json.h, by its short name here. */
#define S(o, k)		rp_json_str((o), (k))

double
rp_results_score(json_t *results)
{
	json_t *r;
	size_t i, pass = 0, fail = 0, error = 0;

	json_array_foreach(results, i, r) {
		if (strcmp(S(r, "status"), "pass") == 0)
			pass++;
		else if (strcmp(S(r, "status"), "fail") == 0)
			fail++;
		else if (strcmp(S(r, "status"), "error") == 0)
			error++;
	}
	/* nothing assessed: no score (never "100 %") */
	if (pass + fail == 0)
		return -1;
	/* what could not be evaluated counts against the score */
	return round(1000.0 * (double)pass / (double)(pass + fail + error)) /
	    10;
}

static json_t *
score_json(json_t *results)
{
	double s = rp_results_score(results);

	return s < 0 ? json_null() : json_real(s);
}

/* "target\tcheck" -> result, for the previous run. */
static json_t *
index_results(json_t *results)
{
	json_t *idx = json_object(), *r;
	size_t i;
	char *k;

	json_array_foreach(results, i, r) {
		k = xasprintf("%s\t%s", S(r, "target"), S(r, "check"));
		json_object_set(idx, k, r);
		free(k);
	}
	return idx;
}

/* The items of an observed value ("3: a, b, c" or "a, b"). */
static json_t *
items_of(const char *obs)
{
	json_t *set = json_object();
	const char *p = obs, *e, *colon;
	char *item;

	colon = strchr(obs, ':');
	if (colon != NULL && colon > obs && strspn(obs, "0123456789") ==
	    (size_t)(colon - obs))
		p = colon + 1;
	while (*p) {
		while (*p == ' ')
			p++;
		e = strstr(p, ", ");
		if (e == NULL)
			e = p + strlen(p);
		if (e > p) {
			item = xstrndup(p, (size_t)(e - p));
			json_object_set_new(set, item, json_true());
			free(item);
		}
		p = *e ? e + 2 : e;
	}
	return set;
}

static json_t *
set_minus(json_t *a, json_t *b)
{
	json_t *out = json_array(), *v;
	const char *k;

	json_object_foreach(a, k, v)
		if (json_object_get(b, k) == NULL)
			json_array_append_new(out, json_string(k));
	return out;
}

static const char *
change_of(const char *was, const char *is)
{
	int was_fail = strcmp(was, "fail") == 0;
	int is_fail = strcmp(is, "fail") == 0;

	if (was_fail && strcmp(is, "pass") == 0)
		return "fixed";
	if (!is_fail)
		return NULL;
	if (was_fail)
		return "still-open";
	/* was passing: regressed; unknown before (new target, new check,
	 * error or not applicable): new */
	return strcmp(was, "pass") == 0 ? "regressed" : "new";
}

static json_t *
item(json_t *r, json_t *old, const char *change)
{
	json_t *o = json_object(), *a, *b;

	json_object_set_new(o, "target", json_string(S(r, "target")));
	json_object_set_new(o, "check", json_string(S(r, "check")));
	json_object_set_new(o, "change", json_string(change));
	json_object_set(o, "title", json_object_get(r, "title"));
	json_object_set_new(o, "severity", json_string(S(r, "severity")));
	json_object_set_new(o, "previous_status", old ?
	    json_string(S(old, "status")) : json_null());
	json_object_set_new(o, "status", json_string(S(r, "status")));
	a = items_of(S(r, "observed"));
	b = items_of(old ? S(old, "observed") : "");
	if (strcmp(change, "fixed") != 0) {
		json_object_set_new(o, "appeared", set_minus(a, b));
		json_object_set_new(o, "gone", set_minus(b, a));
	}
	json_decref(a);
	json_decref(b);
	return o;
}

json_t *
rp_compare(json_t *previous, json_t *current, const char *now)
{
	json_t *since = json_object(), *items = json_array(), *counts;
	json_t *idx, *prev_results, *r, *old, *p;
	const char *change;
	size_t i;

	prev_results = json_object_get(previous, "results");
	idx = index_results(prev_results);
	counts = json_pack("{s:i,s:i,s:i,s:i}", "fixed", 0, "new", 0,
	    "regressed", 0, "still-open", 0);
	json_array_foreach(current, i, r) {
		char *k = xasprintf("%s\t%s", S(r, "target"), S(r, "check"));

		old = json_object_get(idx, k);
		free(k);
		change = change_of(old ? S(old, "status") : "", S(r, "status"));
		if (change == NULL)
			continue;
		json_array_append_new(items, item(r, old, change));
		json_object_set_new(counts, change, json_integer(
		    json_integer_value(json_object_get(counts, change)) + 1));
	}
	p = json_object();
	json_object_set(p, "generated_at", json_object_get(previous,
	    "generated_at"));
	json_object_set_new(p, "score", score_json(prev_results));
	json_object_set_new(since, "previous", p);
	json_object_set_new(since, "score", score_json(current));
	json_object_set_new(since, "generated_at", json_string(now ? now : ""));
	json_object_set_new(since, "counts", counts);
	json_object_set_new(since, "items", items);
	json_decref(idx);
	return since;
}

void
rp_compare_prune(json_t *previous)
{
	static const char *const keep[] = { "target", "check", "status",
		"observed" };
	json_t *results, *r, *v;
	const char *k;
	void *tmp;
	size_t i, j;

	json_object_foreach_safe(previous, tmp, k, v)
		if (strcmp(k, "generated_at") != 0 && strcmp(k, "results") != 0)
			json_object_del(previous, k);
	results = json_object_get(previous, "results");
	json_array_foreach(results, i, r) {
		json_object_foreach_safe(r, tmp, k, v) {
			for (j = 0; j < sizeof(keep) / sizeof(keep[0]); j++)
				if (strcmp(k, keep[j]) == 0)
					break;
			if (j == sizeof(keep) / sizeof(keep[0]))
				json_object_del(r, k);
		}
	}
}
