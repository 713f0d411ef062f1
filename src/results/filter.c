/*
 * filter.c -- a results document cut down to the targets of an Ansible
 * host pattern ('rempart report --limit'); filter.h says what it keeps.
 *
 * Everything a part of the estate changes is recomputed here the way
 * results.c and plan/plan.c compute it for the whole, so that the part
 * reads as 'evaluate --limit' of the same evidence would write it
 * (tests/integration/estates-offline.sh compares both).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "collect/select.h"
#include "core/err.h"
#include "core/json.h"
#include "core/model.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "plan/plan.h"
#include "results/compare.h"
#include "results/filter.h"
#include "results/results.h"
#include "core/banned.h"

/* The accessor of core/json.h, by its short name here. */
#define S(o, k)		rp_json_str((o), (k))

/* At most this many group names in the message of an empty selection. */
#define LIMIT_GROUPS_SAID	12

/* A new array of the members of a whose key names a kept target. */
static json_t *
keep_by(json_t *a, const char *key, json_t *keep)
{
	json_t *out = json_array(), *v;
	size_t i;

	json_array_foreach(a, i, v)
		if (json_object_get(keep, S(v, key)) != NULL)
			json_array_append(out, v);
	return out;
}

/* Replace o's array member key (when there is one) by its kept members. */
static void
filter_member(json_t *o, const char *member, const char *key, json_t *keep)
{
	json_t *a = json_object_get(o, member);

	if (json_is_array(a))
		json_object_set_new(o, member, keep_by(a, key, keep));
}

/* Drop from object o the members that are not kept targets. */
static void
filter_keys(json_t *o, json_t *keep)
{
	const char *k;
	json_t *v, *tmp;

	if (!json_is_object(o))
		return;
	json_object_foreach_safe(o, tmp, k, v)
		if (json_object_get(keep, k) == NULL)
			json_object_del(o, k);
}

static void
bump(json_t *o, const char *key)
{
	json_t *n = json_object_get(o, key);

	if (json_is_integer(n))
		json_integer_set(n, json_integer_value(n) + 1);
}

/* summary.overall of a results array (results.c: counts_new, count). */
static json_t *
counts_of(json_t *results)
{
	json_t *o = json_object(), *s = json_object(), *v = json_object(), *r;
	json_int_t total = 0;
	size_t i;
	int k;

	for (k = 0; k < RP_ST__COUNT; k++)
		json_object_set_new(s, rp_status_name((enum rp_status)k),
		    json_integer(0));
	for (k = 0; k < RP_SEV__COUNT; k++)
		json_object_set_new(v, rp_severity_name((enum rp_severity)k),
		    json_integer(0));
	json_array_foreach(results, i, r) {
		total++;
		bump(s, S(r, "status"));
		if (strcmp(S(r, "status"), "fail") == 0)
			bump(v, S(r, "severity"));
	}
	json_object_set_new(o, "by_status", s);
	json_object_set_new(o, "failed_by_severity", v);
	json_object_set_new(o, "total", json_integer(total));
	return o;
}

/* summary.coverage of the part (results.c decides the verdict), in place. */
static void
coverage_redo(json_t *cov, json_t *overall, int bundle_partial)
{
	json_t *c;
	long long full = 0, part = 0, none = 0, n = 0;
	size_t i;

	json_array_foreach(json_object_get(cov, "per_target"), i, c) {
		n++;
		full += strcmp(S(c, "coverage"), "full") == 0;
		part += strcmp(S(c, "coverage"), "partial") == 0;
		none += strcmp(S(c, "coverage"), "none") == 0;
	}
	rp_results_coverage_set(cov, overall, n, full, part, none,
	    bundle_partial);
}

/* One plan action being recomputed, for the sort. */
struct act {
	json_t			*a;
	int			 check;		/* kind "check" */
	int			 phase;		/* enum rp_plan_phase */
	double			 score;
	int			 severity;
	const char		*id;
	size_t			 order;		/* in the whole plan */
};

/* The plan's order (rp_plan_order), check actions after the others. */
static int
cmp_act(const void *pa, const void *pb)
{
	const struct act *x = pa, *y = pb;
	int c;

	if (x->check != y->check)
		return x->check ? 1 : -1;
	if (x->check && (c = rp_plan_order(x->phase, x->score, x->severity,
	    x->id, y->phase, y->score, y->severity, y->id)) != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int
plan_phase_of(const char *name)
{
	int p;

	for (p = 0; p < RP_PLAN__COUNT; p++)
		if (strcmp(rp_plan_phase_name((enum rp_plan_phase)p), name) == 0)
			return p;
	return RP_PLAN__COUNT;
}

/*
 * Distinct objects of the failed result r (what commands_json fills, one
 * entry each), and whether more were left out on its target.
 */
static size_t
distinct_objects(json_t *r, int *more)
{
	json_t *seen = json_object(), *v;
	size_t i, n;

	*more = json_is_true(json_object_get(r, "objects_more"));
	json_array_foreach(json_object_get(r, "objects"), i, v)
		if (json_is_string(v))
			json_object_set_new(seen, json_string_value(v),
			    json_true());
	n = json_object_size(seen);
	json_decref(seen);
	return n;
}

/*
 * Action a keeps its selected targets (with their observed objects) and
 * commands; severity, criticality, score and phase of a check action are
 * those plan/plan.c gives the results of these targets. idx: "target\t
 * check" -> result; role: target -> role. 0 when no target is left.
 */
static int
action_redo(json_t *a, json_t *keep, json_t *idx, json_t *role,
    struct act *x)
{
	json_t *tg = json_object_get(a, "targets"), *objs, *nt, *no, *v, *r;
	json_t *groups, *g, *cmds;
	const char *ck = S(a, "check"), *tid;
	size_t i, j, want = 0, kept = 0, omitted = 0, n;
	int sev = -1, s, ph, more, paired;
	double crit = 1.0, c;
	char *k;

	objs = json_object_get(a, "objects");
	paired = json_is_array(objs) && json_array_size(objs) ==
	    json_array_size(tg);
	nt = json_array();
	no = json_array();
	groups = json_object();
	json_array_foreach(tg, i, v) {
		tid = json_string_value(v);
		if (tid == NULL || json_object_get(keep, tid) == NULL)
			continue;
		json_array_append(nt, v);
		if (paired)
			json_array_append(no, json_array_get(objs, i));
		json_array_foreach(json_object_get(json_object_get(keep, tid),
		    "groups"), j, g) {
			const char *gn = json_string_value(g);

			if (gn != NULL)
				json_object_set_new(groups, gn, json_integer(
				    rp_json_int(groups, gn) + 1));
		}
		if (*ck == '\0')
			continue;
		c = rp_plan_criticality(json_string_value(json_object_get(role,
		    tid)));
		if (c > crit)
			crit = c;
		k = xasprintf("%s\t%s", tid, ck);
		r = json_object_get(idx, k);
		free(k);
		if (r == NULL || strcmp(S(r, "status"), "fail") != 0)
			continue;
		if ((s = rp_severity_parse(S(r, "severity"))) > sev)
			sev = s;
		want += distinct_objects(r, &more);
		omitted += more;
	}
	n = json_array_size(nt);
	json_object_set_new(a, "targets", nt);
	if (paired)
		json_object_set_new(a, "objects", no);
	else
		json_decref(no);
	if (json_object_size(groups) > 0)
		json_object_set_new(a, "groups", groups);
	else {
		json_object_del(a, "groups");
		json_decref(groups);
	}
	if ((cmds = json_object_get(a, "commands")) != NULL &&
	    json_is_array(cmds)) {
		json_object_set_new(a, "commands", keep_by(cmds, "target",
		    keep));
		kept = json_array_size(json_object_get(a, "commands"));
		/* entries of these targets past the whole plan's cap */
		if (want > kept)
			omitted += want - kept;
		json_object_set_new(a, "commands_omitted", json_integer(
		    (json_int_t)omitted));
	}
	x->a = a;
	x->check = strcmp(S(a, "kind"), "check") == 0;
	x->id = ck;
	x->severity = rp_severity_parse(S(a, "severity"));
	x->phase = plan_phase_of(S(a, "phase"));
	x->score = json_number_value(json_object_get(a, "score"));
	ph = rp_phase_parse(S(a, "incident_phase"));
	if (x->check && sev >= 0 && ph >= 0) {
		x->severity = sev;
		x->score = rp_plan_score((enum rp_severity)sev,
		    (enum rp_phase)ph, crit, n, json_string_value(
		    json_object_get(a, "effort")));
		x->phase = (int)rp_plan_place((enum rp_severity)sev,
		    (enum rp_phase)ph, json_string_value(json_object_get(a,
		    "effort")));
		json_object_set_new(a, "severity", json_string(
		    rp_severity_name((enum rp_severity)sev)));
		json_object_set_new(a, "phase", json_string(
		    rp_plan_phase_name((enum rp_plan_phase)x->phase)));
		json_object_set_new(a, "score", json_real(x->score));
		json_object_set_new(a, "criticality", json_real(crit));
	}
	return n > 0;
}

/* plan[] of the part, in plan/plan.c's order, ranked from 1. */
static void
plan_redo(json_t *root, json_t *keep)
{
	json_t *plan = json_object_get(root, "plan"), *idx, *role, *r, *t;
	json_t *out;
	struct act *v;
	size_t i, n = 0;
	char *k;

	if (!json_is_array(plan))
		return;
	idx = json_object();
	json_array_foreach(json_object_get(root, "results"), i, r) {
		k = xasprintf("%s\t%s", S(r, "target"), S(r, "check"));
		json_object_set(idx, k, r);
		free(k);
	}
	role = json_object();
	json_array_foreach(json_object_get(root, "targets"), i, t)
		if (json_is_string(json_object_get(t, "role")))
			json_object_set(role, S(t, "id"), json_object_get(t,
			    "role"));
	v = xcalloc(json_array_size(plan) + 1, sizeof(*v));
	json_array_foreach(plan, i, r) {
		if (!json_is_object(r))
			continue;
		v[n].order = i;
		if (action_redo(r, keep, idx, role, &v[n]))
			n++;
	}
	if (n > 0)
		qsort(v, n, sizeof(*v), cmp_act);
	out = json_array();
	for (i = 0; i < n; i++) {
		json_object_set_new(v[i].a, "rank", json_integer(
		    (json_int_t)i + 1));
		json_array_append(out, v[i].a);
	}
	json_object_set_new(root, "plan", out);
	free(v);
	json_decref(idx);
	json_decref(role);
}

/* "since": the items and counts of the part, its score; the previous
 * score was of the whole and is not known for a part. */
static void
since_redo(json_t *root, json_t *keep)
{
	json_t *since = json_object_get(root, "since"), *counts, *it;
	double s;
	size_t i;

	if (!json_is_object(since))
		return;
	filter_member(since, "items", "target", keep);
	counts = json_pack("{s:i,s:i,s:i,s:i}", "fixed", 0, "new", 0,
	    "regressed", 0, "still-open", 0);
	json_array_foreach(json_object_get(since, "items"), i, it)
		bump(counts, S(it, "change"));
	json_object_set_new(since, "counts", counts);
	s = rp_results_score(json_object_get(root, "results"));
	json_object_set_new(since, "score", s < 0 ? json_null() :
	    json_real(s));
	if (json_is_object(json_object_get(since, "previous")))
		json_object_set_new(json_object_get(since, "previous"),
		    "score", json_null());
}

/* The groups of targets, for the message of an empty selection (owned). */
static char *
groups_said(json_t *targets)
{
	json_t *seen = json_object(), *t, *g;
	struct rp_strbuf sb;
	const char *k;
	size_t i, j, n = 0;

	json_array_foreach(targets, i, t)
		json_array_foreach(json_object_get(t, "groups"), j, g)
			if (json_is_string(g))
				json_object_set_new(seen, json_string_value(g),
				    json_true());
	rp_strbuf_init(&sb, 4096);
	json_object_foreach(seen, k, g) {
		if (n == LIMIT_GROUPS_SAID) {
			(void)rp_strbuf_addstr(&sb, ", ...");
			break;
		}
		(void)rp_strbuf_addf(&sb, "%s%s", n++ ? ", " : "", k);
	}
	json_decref(seen);
	if (n == 0)
		(void)rp_strbuf_addstr(&sb, "none");
	return rp_strbuf_detach(&sb, NULL);
}

int
rp_results_limit(json_t *root, const char *pattern, const char *source,
    char **cause)
{
	json_t *targets = json_object_get(root, "targets"), *keep, *t, *ev;
	json_t *sum, *cov, *lv, *old, *lim;
	struct rp_sel_item *items;
	unsigned char *sel;
	size_t n, i, kept = 0;
	int r, whole_partial, bundle_partial, notok = 0;
	char *gs, *pat;

	if ((lim = json_string(pattern)) == NULL)
		return rp_fail(cause, RP_ERR_INVALID, "--limit: the pattern "
		    "is not UTF-8");
	json_decref(lim);
	if (!json_is_array(targets))
		return rp_fail(cause, RP_ERR_INVALID, "%s: no targets[] to "
		    "select from", source);
	n = json_array_size(targets);
	items = xcalloc(n + 1, sizeof(*items));
	sel = xcalloc(n + 1, 1);
	json_array_foreach(targets, i, t) {
		json_t *g = json_object_get(t, "groups"), *x;
		size_t j, m = 0;
		char **v = xcalloc(json_array_size(g) + 1, sizeof(*v));

		json_array_foreach(g, j, x)
			if (json_is_string(x))
				v[m++] = (char *)(uintptr_t)json_string_value(x);
		items[i].id = S(t, "id");
		items[i].groups = v;
		items[i].ngroups = m;
	}
	r = rp_select_limit(pattern, items, n, sel, NULL, cause);
	keep = json_object();
	for (i = 0; r == 0 && i < n; i++) {
		t = json_array_get(targets, i);
		/* a target without an id is never selected */
		if (!sel[i] || *items[i].id == '\0')
			continue;
		json_object_set(keep, items[i].id, t);
		notok |= strcmp(S(t, "status"), "ok") != 0;
		kept++;
	}
	for (i = 0; i < n; i++)
		free((void *)(uintptr_t)items[i].groups);
	free(items);
	free(sel);
	if (r != 0)
		goto out;
	if (kept == 0) {
		gs = groups_said(targets);
		r = rp_fail(cause, RP_ERR_INVALID, "--limit '%s': no target of "
		    "'%s' selected (%zu targets; their groups: %s)", pattern,
		    source, n, gs);
		free(gs);
		goto out;
	}

	/* the evidence is partial for the part when its bundle was (the
	 * flag of its manifest: unknown in older results, then taken from
	 * the whole, failing closed) or when a selected target is not ok */
	ev = json_object_get(root, "evidence");
	whole_partial = json_is_true(json_object_get(ev, "partial"));
	if (json_is_boolean(json_object_get(ev, "bundle_partial")))
		bundle_partial = json_is_true(json_object_get(ev,
		    "bundle_partial"));
	else
		bundle_partial = whole_partial;
	if (json_is_object(ev))
		json_object_set_new(ev, "partial", json_boolean(
		    bundle_partial || notok));

	json_object_set_new(root, "targets", keep_by(targets, "id", keep));
	filter_member(root, "results", "target", keep);
	sum = json_object_get(root, "summary");
	if (json_is_object(sum)) {
		json_object_set_new(sum, "overall", counts_of(
		    json_object_get(root, "results")));
		filter_keys(json_object_get(sum, "targets"), keep);
		cov = json_object_get(sum, "coverage");
		if (json_is_object(cov)) {
			filter_member(cov, "per_target", "target", keep);
			coverage_redo(cov, json_object_get(sum, "overall"),
			    bundle_partial);
		}
	}
	json_array_foreach(json_object_get(root, "levels"), i, lv)
		filter_keys(json_object_get(lv, "targets"), keep);
	plan_redo(root, keep);
	since_redo(root, keep);
	/* the history of the sweeps (--history DB) is the whole estate's:
	 * its runs' scores and its oldest findings (ten of the whole) say
	 * nothing exact of a part */
	json_object_del(root, "history");

	/* what the renderers say: the pattern, N of M targets */
	old = json_object_get(root, "limit");
	lim = json_object();
	if (json_is_object(old) && json_is_string(json_object_get(old,
	    "pattern"))) {
		pat = xasprintf("%s then %s", S(old, "pattern"), pattern);
		json_object_set_new(lim, "pattern", json_string(pat));
		free(pat);
		json_object_set_new(lim, "targets", json_integer(
		    (json_int_t)kept));
		json_object_set_new(lim, "of", json_integer(
		    (json_int_t)rp_json_int(old, "of")));
	} else {
		json_object_set_new(lim, "pattern", json_string(pattern));
		json_object_set_new(lim, "targets", json_integer(
		    (json_int_t)kept));
		json_object_set_new(lim, "of", json_integer((json_int_t)n));
	}
	json_object_set_new(root, "limit", lim);
out:
	json_decref(keep);
	return r;
}
