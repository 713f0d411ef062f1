/*
 * results.c -- results.json: the evaluation's output and the report's
 * only input. Deterministic: same inputs, byte-identical file.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/err.h"
#include "core/file.h"
#include "core/json.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "engine/eval.h"
#include "engine/evaluators.h"
#include "results/compare.h"
#include "plan/plan.h"
#include "plan/fill.h"
#include "results/results.h"
#include "core/banned.h"

/* The constructors of core/json.h, by their short names here. */
#define jstr(s)		rp_json_string_or_null(s)
#define jtime(t)	rp_json_time(t)

/* Values from targets may hold any byte: keep them as valid UTF-8. */
static json_t *
jhostile(const char *s)
{
	json_t *j;
	char *c, *p;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	c = xstrdup(s);
	for (p = c; *p; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	j = json_string(c);
	free(c);
	return j;
}

static json_t *
jtext(const struct rp_text *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "en", jstr(t->en));
	json_object_set_new(o, "fr", jstr(t->fr));
	return o;
}

/*
 * A check's text, built once and shared by every result of the check (the
 * tree holds references; nothing edits it once built): 1,000 targets
 * would otherwise hold 119,600 copies of the same remediations.
 */
static json_t *
jtext_shared(json_t *cache, const struct rp_text *t)
{
	char key[2 * sizeof(void *) + 3];
	json_t *o;

	(void)snprintf(key, sizeof(key), "%p", (const void *)t);
	if ((o = json_object_get(cache, key)) == NULL) {
		o = jtext(t);
		json_object_set_new(cache, key, o);
	}
	return json_incref(o);
}

static json_t *
incident_json(const struct rp_incident *inc)
{
	json_t *o, *a;
	size_t i;

	if (inc == NULL)
		return json_null();
	o = json_object();
	json_object_set_new(o, "organisation", jstr(inc->organisation));
	json_object_set_new(o, "organisation_type", jstr(inc->org_type));
	json_object_set_new(o, "reference", jstr(inc->reference));
	json_object_set_new(o, "compromise_start", jtime(inc->compromise_start));
	json_object_set_new(o, "detection", jtime(inc->detection));
	json_object_set_new(o, "containment", jtime(inc->containment));
	json_object_set_new(o, "remediation", jtime(inc->remediation));
	a = json_array();
	for (i = 0; i < inc->naccounts; i++)
		json_array_append_new(a, jstr(inc->accounts[i]));
	json_object_set_new(o, "compromised_accounts", a);
	a = json_array();
	for (i = 0; i < inc->nhosts; i++)
		json_array_append_new(a, jstr(inc->hosts[i]));
	json_object_set_new(o, "compromised_hosts", a);
	json_object_set_new(o, "auditor", jstr(inc->auditor));
	a = json_array();
	for (i = 0; i < inc->nrecipients; i++)
		json_array_append_new(a, jstr(inc->recipients[i]));
	json_object_set_new(o, "recipients", a);
	return o;
}

static json_t *
counts_new(void)
{
	json_t *o = json_object(), *s = json_object(), *v = json_object();
	int i;

	for (i = 0; i < RP_ST__COUNT; i++)
		json_object_set_new(s, rp_status_name((enum rp_status)i),
		    json_integer(0));
	for (i = 0; i < RP_SEV__COUNT; i++)
		json_object_set_new(v, rp_severity_name((enum rp_severity)i),
		    json_integer(0));
	json_object_set_new(o, "by_status", s);
	json_object_set_new(o, "failed_by_severity", v);
	json_object_set_new(o, "total", json_integer(0));
	return o;
}

static void
bump(json_t *o, const char *group, const char *key)
{
	json_t *g = group ? json_object_get(o, group) : o;
	json_t *n = json_object_get(g, key);

	json_integer_set(n, json_integer_value(n) + 1);
}

static void
count(json_t *c, const struct rp_result *r)
{
	bump(c, NULL, "total");
	bump(c, "by_status", rp_status_name(r->status));
	if (r->status == RP_ST_FAIL)
		bump(c, "failed_by_severity", rp_severity_name(r->severity));
}

static json_t *
refs_json(const struct rp_check *ck)
{
	json_t *a = json_array();
	size_t i;
	char *s;

	for (i = 0; i < ck->nrefs; i++) {
		s = xasprintf("%s:%s", ck->refs[i].scheme, ck->refs[i].id);
		json_array_append_new(a, json_string(s));
		free(s);
	}
	return a;
}

/* How a declarative test judges several values (docs/results-format.md). */
static const char *
quant_name(enum rp_quant q)
{
	static const char *const n[] = { "one", "all", "any", "none",
		"count" };

	return (unsigned)q < sizeof(n) / sizeof(n[0]) ? n[q] : "one";
}

static json_t *
result_json(const struct rp_result *r, json_t *texts)
{
	const struct rp_check *ck = r->check;
	json_t *o = json_object(), *w;
	size_t i;

	json_object_set_new(o, "target", json_string(r->target->id));
	json_object_set_new(o, "check", json_string(ck->id));
	json_object_set_new(o, "module", json_string(ck->module));
	json_object_set_new(o, "status", json_string(
	    rp_status_name(r->status)));
	json_object_set_new(o, "severity", json_string(
	    rp_severity_name(r->severity)));
	json_object_set_new(o, "phase", json_string(rp_phase_name(ck->phase)));
	json_object_set_new(o, "effort", json_string(ck->effort));
	json_object_set_new(o, "baseline", json_string(r->sel->baseline));
	json_object_set_new(o, "level", jstr(r->sel->level));
	json_object_set_new(o, "title", jtext_shared(texts,
	    &ck->title));
	json_object_set_new(o, "finding", jtext_shared(texts,
	    &ck->finding));
	json_object_set_new(o, "observed", jhostile(r->observed));
	if (r->status == RP_ST_FAIL && ck->nfills > 0 && r->nobjects > 0) {
		/* the items observed, one by one (what <fill> reads) */
		w = json_array();
		for (i = 0; i < r->nobjects; i++)
			json_array_append_new(w, jhostile(r->objects[i]));
		json_object_set_new(o, "objects", w);
		json_object_set_new(o, "objects_more", json_boolean(
		    r->objects_more));
	}
	json_object_set_new(o, "expected", jstr(r->sel->expected));
	json_object_set_new(o, "operator", ck->has_test ? json_string(
	    rp_op_name(ck->test.op)) : jstr(ck->evaluator_name));
	json_object_set_new(o, "quantifier", ck->has_test ? json_string(
	    quant_name(ck->test.quant)) : json_null());
	json_object_set_new(o, "evidence", jhostile(r->evidence));
	json_object_set_new(o, "reason", jhostile(r->reason));
	json_object_set_new(o, "references", refs_json(ck));
	json_object_set_new(o, "remediation", jtext_shared(texts,
	    &ck->remediation));
	json_object_set_new(o, "rationale", jtext_shared(texts,
	    &ck->rationale));
	if (r->waiver != NULL) {
		w = json_object();
		json_object_set_new(w, "owner", jstr(r->waiver->owner));
		json_object_set_new(w, "justification",
		    jstr(r->waiver->justification));
		json_object_set_new(w, "expires", jstr(r->waiver->expires_str));
		json_object_set_new(w, "expired", json_boolean(
		    r->waiver_expired));
		json_object_set_new(o, "waiver", w);
	} else
		json_object_set_new(o, "waiver", json_null());
	return o;
}

/* The audit's own traces on target i (docs/results-format.md), as the
 * footprint stage found them (none when it did not run). */
static json_t *
footprint_json(const struct rp_evaluation *ev, size_t ti)
{
	const struct rp_target_ev *t = &ev->bundle->targets[ti];
	json_t *a = json_array(), *o;
	struct rp_footprint *v;
	size_t i, n;

	if (ev->footprints == NULL)
		return a;
	v = ev->footprints[ti];
	n = ev->nfootprints[ti];
	for (i = 0; i < n; i++) {
		o = json_object();
		json_object_set_new(o, "kind", json_string(v[i].kind));
		json_object_set_new(o, "account", jhostile(t->user));
		json_object_set_new(o, "where", jhostile(v[i].where));
		json_object_set_new(o, "detail", jhostile(v[i].detail));
		json_array_append_new(a, o);
	}
	return a;
}

/*
 * What the post-incident sweep examined on a Linux target, and what it
 * could not (docs/results-format.md); NULL without an incident context.
 */
static json_t *
incident_coverage_json(const struct rp_evaluation *ev,
    const struct rp_target_ev *t)
{
	struct rp_incident_cov c;
	json_t *o;
	size_t i;
	int earlier = 0;

	if (ev->incident == NULL || t->kind != RP_KIND_LINUX ||
	    t->nprobes == 0)
		return NULL;
	for (i = 0; ev->earlier != NULL && i < ev->earlier->ntargets; i++)
		if (strcmp(ev->earlier->targets[i].id, t->id) == 0 &&
		    ev->earlier->targets[i].kind == t->kind)
			earlier = 1;
	rp_linux_incident_coverage(t, ev->incident, earlier, &c);
	o = json_object();
	json_object_set_new(o, "times_collected", json_boolean(c.times));
	json_object_set_new(o, "files_examined", json_integer(
	    (json_int_t)c.files));
	json_object_set_new(o, "birth_times", json_integer(
	    (json_int_t)c.births));
	json_object_set_new(o, "as_root", json_boolean(c.as_root));
	json_object_set_new(o, "content_indicators", json_boolean(c.content));
	json_object_set_new(o, "earlier_bundle", json_boolean(c.earlier));
	json_object_set_new(o, "allow_list", json_boolean(c.allow_list));
	return o;
}

static json_t *
target_json(const struct rp_evaluation *ev, size_t ti)
{
	const struct rp_target_ev *t = &ev->bundle->targets[ti];
	json_t *o = json_object(), *c, *g;
	size_t i;

	json_object_set_new(o, "id", json_string(t->id));
	json_object_set_new(o, "kind", json_string(rp_kind_name(t->kind)));
	json_object_set_new(o, "address", jstr(t->address));
	json_object_set_new(o, "role", jstr(t->role));
	g = json_array();
	for (i = 0; i < t->ngroups; i++)
		json_array_append_new(g, json_string(t->groups[i]));
	json_object_set_new(o, "groups", g);
	json_object_set_new(o, "status", json_string(
	    rp_tstatus_name(t->status)));
	json_object_set_new(o, "error", jhostile(t->error));
	json_object_set_new(o, "hostkey", jhostile(t->hostkey));
	json_object_set_new(o, "elevated", json_boolean(t->elevated));
	json_object_set_new(o, "auth", jhostile(t->auth));
	json_object_set_new(o, "elevation", jhostile(t->elevation));
	json_object_set_new(o, "footprint", footprint_json(ev, ti));
	if ((c = incident_coverage_json(ev, t)) != NULL)
		json_object_set_new(o, "incident_coverage", c);
	return o;
}

static json_t *
baselines_json(const struct rp_evaluation *ev)
{
	json_t *a = json_array(), *o, *c;
	size_t i, j;

	for (i = 0; i < ev->nbaselines; i++) {
		const struct rp_baseline *b = ev->baselines[i].baseline;

		o = json_object();
		json_object_set_new(o, "id", json_string(b->id));
		json_object_set_new(o, "kind", json_string(
		    rp_kind_name(b->kind)));
		json_object_set_new(o, "title", jtext(&b->title));
		c = json_array();
		for (j = 0; j < ev->baselines[i].nchain; j++)
			json_array_append_new(c, json_string(
			    ev->baselines[i].chain[j]));
		json_object_set_new(o, "chain", c);
		json_object_set_new(o, "checks", json_integer(
		    (json_int_t)ev->baselines[i].nsel));
		json_array_append_new(a, o);
	}
	return a;
}

/*
 * A changed host key comes first in the plan, in the confinement phase:
 * the connection may be intercepted. Its text is the report's (kind
 * "hostkey-mismatch", no check).
 */
static void
hostkey_action(const struct rp_evaluation *ev, json_t *plan)
{
	const struct rp_bundle *b = ev->bundle;
	json_t *o, *t = json_array(), *objs = json_array();
	size_t i;

	for (i = 0; i < b->ntargets; i++) {
		if (b->targets[i].status != RP_TS_HOSTKEY_MISMATCH)
			continue;
		json_array_append_new(t, json_string(b->targets[i].id));
		json_array_append_new(objs, jhostile(b->targets[i].hostkey));
	}
	if (json_array_size(t) == 0) {
		json_decref(t);
		json_decref(objs);
		return;
	}
	o = json_object();
	json_object_set_new(o, "rank", json_integer(1));
	json_object_set_new(o, "kind", json_string("hostkey-mismatch"));
	json_object_set_new(o, "phase", json_string(rp_plan_phase_name(
	    RP_PLAN_IMMEDIATE)));
	json_object_set_new(o, "check", json_null());
	json_object_set_new(o, "module", json_null());
	json_object_set_new(o, "title", json_null());
	json_object_set_new(o, "severity", json_string(rp_severity_name(
	    RP_SEV_CRITICAL)));
	json_object_set_new(o, "incident_phase", json_string(rp_phase_name(
	    RP_PHASE_CONFINEMENT)));
	json_object_set_new(o, "effort", json_string("low"));
	json_object_set_new(o, "targets", t);
	json_object_set_new(o, "objects", objs);
	json_object_set_new(o, "remediation", json_null());
	json_object_set_new(o, "rationale", json_null());
	json_object_set_new(o, "references", json_array());
	json_array_append_new(plan, o);
}

/* Does ck cite the reference at level top or below? */
static int
cites(const struct rp_check *ck, const char *scheme, long long top)
{
	long long r;
	size_t i;

	for (i = 0; i < ck->nrefs; i++) {
		if (ck->refs[i].scheme == NULL ||
		    strcmp(ck->refs[i].scheme, scheme) != 0)
			continue;
		r = rp_level_rank(ck->refs[i].level);
		if (r >= 0 && r <= top)
			return 1;
	}
	return 0;
}

/* The lowest level (rank) at which ck cites the reference, at most top;
 * -1 when it cites none there. */
static long long
lowest_cited(const struct rp_check *ck, const char *scheme, long long top)
{
	long long r, low = -1;
	size_t i;

	for (i = 0; i < ck->nrefs; i++) {
		if (ck->refs[i].scheme == NULL ||
		    strcmp(ck->refs[i].scheme, scheme) != 0)
			continue;
		r = rp_level_rank(ck->refs[i].level);
		if (r >= 0 && r <= top && (low < 0 || r < low))
			low = r;
	}
	return low;
}

/* Keep in t the lowest level of a reference check with this status. */
static void
lowest_at(json_t *t, const char *key, long long level)
{
	json_t *v = json_object_get(t, key);

	if (v == NULL || json_integer_value(v) > level)
		json_object_set_new(t, key, json_integer(level));
}

/* Does the resolved baseline select ck? (sel is sorted by check id) */
static int
selects(const struct rp_resolved *rs, const struct rp_check *ck)
{
	size_t lo = 0, hi = rs->nsel, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(rs->sel[mid].check->id, ck->id)) == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static json_t *
status_counts(void)
{
	json_t *o = json_object();
	int i;

	json_object_set_new(o, "total", json_integer(0));
	for (i = 0; i < RP_ST__COUNT; i++)
		json_object_set_new(o, rp_status_name((enum rp_status)i),
		    json_integer(0));
	return o;
}

/*
 * One entry per baseline that names its reference: how many of the
 * reference's checkpoints up to the level its checks cite, and per target
 * the verdict on the checks that cite the reference at that level (the
 * others, post-incident or from another reference, are counted apart and
 * never make or break the level).
 */
/* Was every probe ck reads collected on t? */
static int
probes_collected(const struct rp_target_ev *t, const struct rp_check *ck)
{
	size_t i;

	if (ck->probe_id != NULL && rp_target_probe(t, ck->probe_id) == NULL)
		return 0;
	for (i = 0; i < ck->nalso; i++)
		if (rp_target_probe(t, ck->also[i]) == NULL)
			return 0;
	return 1;
}

/* Results by "target<TAB>check" (index + 1 into ev->results). */
/* Order of result indices by target id, check id, then position. */
static const struct rp_evaluation *order_ev;

static int
cmp_tc(const void *a, const void *b)
{
	const struct rp_result *x = &order_ev->results[*(const size_t *)a];
	const struct rp_result *y = &order_ev->results[*(const size_t *)b];
	int c;

	if ((c = strcmp(x->target->id, y->target->id)) != 0 ||
	    (c = strcmp(x->check->id, y->check->id)) != 0)
		return c;
	return *(const size_t *)a < *(const size_t *)b ? -1 :
	    *(const size_t *)a > *(const size_t *)b;
}

/* The last result of (target, check) in ev's order, or NULL; ord: the
 * indices sorted by cmp_tc. */
static const struct rp_result *
last_of(const struct rp_evaluation *ev, const size_t *ord, const char *target,
    const char *check)
{
	size_t lo = 0, hi = ev->nresults, mid;
	const struct rp_result *r;
	int c;

	/* the first position past every (target, check) <= the one asked */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = &ev->results[ord[mid]];
		if ((c = strcmp(r->target->id, target)) == 0)
			c = strcmp(r->check->id, check);
		if (c <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	r = &ev->results[ord[lo - 1]];
	return strcmp(r->target->id, target) == 0 &&
	    strcmp(r->check->id, check) == 0 ? r : NULL;
}

/* The indices of ev's results sorted by cmp_tc (owned), for last_of. */
static size_t *
results_order(const struct rp_evaluation *ev)
{
	size_t i, *ord = xcalloc(ev->nresults + 1, sizeof(*ord));

	for (i = 0; i < ev->nresults; i++)
		ord[i] = i;
	order_ev = ev;
	qsort(ord, ev->nresults, sizeof(*ord), cmp_tc);
	order_ev = NULL;
	return ord;
}

/*
 * Maturity over the whole ladder of the reference (levels up to the top
 * baseline's), on one target: each check of the top that cites the
 * reference, with its result in the maturity-only evaluation (checks the
 * run did not evaluate as the top selects them) or else in the run's. A
 * check whose probes were not collected limits it as "not-collected": the
 * levels from there were not evaluated, which is not a failure.
 */
static json_t *
ladder_maturity(const struct rp_evaluation *ev, const struct rp_resolved *top,
    const struct rp_target_ev *t, const size_t *idx, const size_t *lidx)
{
	const char *ref = top->baseline->reference;
	const struct rp_result *r;
	long long max = rp_level_rank(top->baseline->level), lv;
	long long lf, le, ln, low;
	size_t j, pass = 0, seen = 0;
	json_t *m;

	lf = le = ln = max + 1;
	for (j = 0; j < top->nsel; j++) {
		const struct rp_check *ck = top->sel[j].check;

		if ((lv = lowest_cited(ck, ref, max)) <= 0)
			continue;
		if ((r = last_of(ev->ladder, lidx, t->id, ck->id)) == NULL &&
		    (r = last_of(ev, idx, t->id, ck->id)) == NULL)
			continue;
		seen++;
		switch (r->status) {
		case RP_ST_PASS:
			pass++;
			break;
		case RP_ST_FAIL:
			if (lv < lf)
				lf = lv;
			break;
		case RP_ST_ERROR:
			if (!probes_collected(t, ck)) {
				if (lv < ln)
					ln = lv;
			} else if (lv < le)
				le = lv;
			break;
		default:
			break;
		}
	}
	if (seen == 0)
		return NULL;
	low = lf < le ? lf : le;
	if (ln < low)
		low = ln;
	m = json_object();
	if (pass == 0)
		low = 1;
	json_object_set_new(m, "level", json_integer(low - 1));
	json_object_set_new(m, "of", json_integer(max));
	json_object_set_new(m, "limited_by", pass == 0 ?
	    json_string("no-pass") : low > max ? json_null() :
	    json_string(lf == low ? "fail" : le == low ? "error" :
	    "not-collected"));
	json_object_set_new(m, "ladder", json_string(top->baseline->id));
	return m;
}

static json_t *
levels_json(const struct rp_evaluation *ev)
{
	const struct rp_bundle *bd = ev->bundle;
	json_t *a = json_array(), *o, *cp, *per, *t, *ids, *g;
	size_t *idx = NULL, *lidx = NULL;
	const char *key;
	size_t i, j, k;
	long long top, lv;

	for (i = 0; i < ev->nbaselines; i++) {
		const struct rp_resolved *rs = &ev->baselines[i];
		const struct rp_baseline *b = rs->baseline;

		if (b->reference == NULL || b->level == NULL)
			continue;
		top = rp_level_rank(b->level);
		if (top < 0)
			top = 0;
		/* the checkpoints the selected checks cite at this level */
		ids = json_object();
		for (j = 0; j < rs->nsel; j++) {
			const struct rp_check *ck = rs->sel[j].check;

			for (k = 0; k < ck->nrefs; k++) {
				long long r = rp_level_rank(ck->refs[k].level);

				if (ck->refs[k].scheme != NULL &&
				    strcmp(ck->refs[k].scheme, b->reference) ==
				    0 && r >= 0 && r <= top)
					json_object_set_new(ids,
					    ck->refs[k].id, json_true());
			}
		}
		o = json_object();
		json_object_set_new(o, "baseline", json_string(b->id));
		json_object_set_new(o, "reference", json_string(b->reference));
		json_object_set_new(o, "level", json_string(b->level));
		cp = json_object();
		json_object_set_new(cp, "in_reference", b->checkpoints > 0 ?
		    json_integer((json_int_t)b->checkpoints) : json_null());
		json_object_set_new(cp, "cited", json_integer(
		    (json_int_t)json_object_size(ids)));
		json_decref(ids);
		json_object_set_new(o, "checkpoints", cp);
		per = json_object();
		for (j = 0; j < bd->ntargets; j++) {
			if (bd->targets[j].kind != b->kind)
				continue;
			t = json_object();
			json_object_set_new(t, "reference_checks",
			    status_counts());
			json_object_set_new(t, "other_checks", status_counts());
			json_object_set_new(per, bd->targets[j].id, t);
		}
		/*
		 * Every check the baseline selects, whichever baseline of the
		 * run the result is filed under (a check is evaluated once
		 * per target).
		 */
		for (j = 0; j < ev->nresults; j++) {
			const struct rp_result *r = &ev->results[j];

			if ((t = json_object_get(per, r->target->id)) == NULL ||
			    !selects(rs, r->check))
				continue;
			g = json_object_get(t, cites(r->check, b->reference,
			    top) ? "reference_checks" : "other_checks");
			bump(g, NULL, "total");
			bump(g, NULL, rp_status_name(r->status));
			if (top > 0 && (r->status == RP_ST_FAIL ||
			    r->status == RP_ST_ERROR) && (lv = lowest_cited(
			    r->check, b->reference, top)) > 0)
				lowest_at(t, r->status == RP_ST_FAIL ?
				    "_fail" : "_error", lv);
		}
		/*
		 * reached: no failure, nothing unassessed among them, and at
		 * least one check passed (all n/a or waived proves nothing)
		 */
		json_object_foreach(per, key, t) {
			json_int_t fail, err, total, pass;

			g = json_object_get(t, "reference_checks");
			fail = json_integer_value(json_object_get(g, "fail"));
			err = json_integer_value(json_object_get(g, "error"));
			total = json_integer_value(json_object_get(g, "total"));
			pass = json_integer_value(json_object_get(g, "pass"));
			json_object_set_new(t, "verdict", json_string(fail > 0 ?
			    "not-reached" : err > 0 || pass == 0 ?
			    "not-assessed" : "reached"));
			/*
			 * Maturity, as PingCastle counts it: the highest level
			 * below the lowest level at which a check of the
			 * reference fails or could not be assessed, at most
			 * the baseline's own level (beyond it nothing was
			 * evaluated).
			 */
			if (top > 0 && total > 0 && (pass > 0 || fail > 0 ||
			    err > 0)) {
				json_t *m = json_object();
				json_int_t lf = json_object_get(t, "_fail") ?
				    json_integer_value(json_object_get(t,
				    "_fail")) : top + 1;
				json_int_t le = json_object_get(t, "_error") ?
				    json_integer_value(json_object_get(t,
				    "_error")) : top + 1;
				json_int_t low = lf < le ? lf : le;

				/* nothing passed: no level is proven */
				if (pass == 0)
					low = 1;
				json_object_set_new(m, "level",
				    json_integer(low - 1));
				json_object_set_new(m, "of", json_integer(top));
				json_object_set_new(m, "limited_by", pass == 0 ?
				    json_string("no-pass") : low > top ?
				    json_null() : json_string(lf <= le ?
				    "fail" : "error"));
				json_object_set_new(t, "maturity", m);
			}
			json_object_del(t, "_fail");
			json_object_del(t, "_error");
		}
		/* maturity over the levels above the baseline's too */
		if (ev->ladder != NULL && ev->ladder_tops != NULL &&
		    ev->ladder_tops[i] != NULL) {
			const struct rp_resolved *lt = ev->ladder_tops[i];

			if (idx == NULL) {
				idx = results_order(ev);
				lidx = results_order(ev->ladder);
			}
			for (j = 0; j < bd->ntargets; j++) {
				json_t *m;

				if ((t = json_object_get(per,
				    bd->targets[j].id)) == NULL)
					continue;
				m = ladder_maturity(ev, lt, &bd->targets[j],
				    idx, lidx);
				if (m != NULL)
					json_object_set_new(t, "maturity", m);
			}
		}
		json_object_set_new(o, "targets", per);
		json_array_append_new(a, o);
	}
	free(idx);
	free(lidx);
	return a;
}

/*
 * The remediation's <fill> commands with each object found, per target
 * (docs/results-format.md, plan[].commands): an object that cannot be
 * filled in safely gets its refusal instead, and the report shows the
 * generic text alone for it.
 */
#define RP_COMMANDS_MAX	200

static void
commands_json(const struct rp_action *x, json_t *o)
{
	const struct rp_check *ck = x->check;
	json_t *a, *e, *lines;
	enum rp_fill_refusal rf;
	size_t i, k, f, omitted = 0;
	char *obj, *cmd, *told;

	if (ck->nfills == 0)
		return;
	a = json_array();
	for (i = 0; i < x->nresults; i++) {
		const struct rp_result *r = x->results[i];
		json_t *seen = json_object();

		if (r->objects_more)
			omitted++;	/* at least one more on this target */
		for (k = 0; k < r->nobjects; k++) {
			/* an object found twice on a target: once */
			if (json_object_get(seen, r->objects[k]) != NULL)
				continue;
			json_object_set_new(seen, r->objects[k], json_true());
			if (json_array_size(a) >= RP_COMMANDS_MAX) {
				omitted++;
				continue;
			}
			lines = json_array();
			rf = RP_FILL_OK;
			told = NULL;
			for (f = 0; f < ck->nfills && rf == RP_FILL_OK; f++) {
				rf = rp_fill(&ck->fills[f], r->objects[k],
				    &obj, &cmd);
				if (told == NULL && obj != NULL)
					told = xstrdup(obj);
				if (rf == RP_FILL_OK)
					json_array_append_new(lines,
					    json_string(cmd));
				free(obj);
				free(cmd);
			}
			e = json_object();
			json_object_set_new(e, "target", json_string(
			    r->target->id));
			json_object_set_new(e, "object", jhostile(told != NULL ?
			    told : r->objects[k]));
			if (rf != RP_FILL_OK) {
				json_decref(lines);
				lines = json_array();
			}
			json_object_set_new(e, "commands", lines);
			json_object_set_new(e, "refused", rf == RP_FILL_OK ?
			    json_null() : json_string(
			    rp_fill_refusal_name(rf)));
			free(told);
			json_array_append_new(a, e);
		}
		json_decref(seen);
	}
	json_object_set_new(o, "commands", a);
	json_object_set_new(o, "commands_omitted", json_integer(
	    (json_int_t)omitted));
}

/*
 * Each action's targets counted by inventory group, {"site_a": 120, ...},
 * set only when one of them carries a group (a target in two groups counts
 * in both).
 */
static void
plan_groups(const struct rp_evaluation *ev, json_t *plan)
{
	const struct rp_bundle *b = ev->bundle;
	json_t *idx = json_object(), *a, *id, *g;
	const struct rp_target_ev *t;
	size_t i, j, k;

	for (i = 0; i < b->ntargets; i++)
		if (b->targets[i].ngroups > 0)
			json_object_set_new(idx, b->targets[i].id,
			    json_integer((json_int_t)i));
	json_array_foreach(plan, i, a) {
		g = json_object();
		json_array_foreach(json_object_get(a, "targets"), j, id) {
			json_t *x = json_object_get(idx, json_string_value(id));

			if (x == NULL)
				continue;
			t = &b->targets[json_integer_value(x)];
			for (k = 0; k < t->ngroups; k++)
				json_object_set_new(g, t->groups[k],
				    json_integer(json_integer_value(
				    json_object_get(g, t->groups[k])) + 1));
		}
		if (json_object_size(g) > 0)
			json_object_set_new(a, "groups", g);
		else
			json_decref(g);
	}
	json_decref(idx);
}

static json_t *
plan_json(const struct rp_evaluation *ev, const struct rp_plan *p)
{
	json_t *a = json_array(), *o, *t;
	size_t i, j, base;

	hostkey_action(ev, a);
	base = json_array_size(a);
	for (i = 0; i < p->nactions; i++) {
		const struct rp_action *x = &p->actions[i];

		o = json_object();
		json_object_set_new(o, "rank", json_integer((json_int_t)(base +
		    i + 1)));
		json_object_set_new(o, "kind", json_string("check"));
		json_object_set_new(o, "phase", json_string(
		    rp_plan_phase_name(x->phase)));
		json_object_set_new(o, "check", json_string(x->check->id));
		json_object_set_new(o, "module", json_string(x->check->module));
		json_object_set_new(o, "title", jtext(&x->check->title));
		json_object_set_new(o, "finding", jtext(&x->check->finding));
		json_object_set_new(o, "severity", json_string(
		    rp_severity_name(x->severity)));
		json_object_set_new(o, "incident_phase", json_string(
		    rp_phase_name(x->check->phase)));
		json_object_set_new(o, "effort", json_string(x->check->effort));
		json_object_set_new(o, "score", json_real(x->score));
		json_object_set_new(o, "criticality", json_real(x->criticality));
		t = json_array();
		for (j = 0; j < x->nresults; j++)
			json_array_append_new(t, json_string(
			    x->results[j]->target->id));
		json_object_set_new(o, "targets", t);
		json_object_set_new(o, "remediation",
		    jtext(&x->check->remediation));
		commands_json(x, o);
		json_object_set_new(o, "rationale",
		    jtext(&x->check->rationale));
		json_object_set_new(o, "references", refs_json(x->check));
		json_array_append_new(a, o);
	}
	plan_groups(ev, a);
	return a;
}

/*
 * How far a target was audited: "none" when it could not be reached,
 * verified or logged into, or when nothing on it could be evaluated;
 * "partial" when some of its checks could not be evaluated; "full"
 * otherwise. cause says why, as a stable word the report translates.
 */
static const char *
target_cause(const struct rp_target_ev *t)
{
	if (t->status == RP_TS_PARTIAL && t->error != NULL &&
	    strstr(t->error, "sudo needs a password") != NULL)
		return "sudo-password";
	if (t->status == RP_TS_OK || t->status == RP_TS_PARTIAL)
		return "probe-errors";
	return rp_tstatus_name(t->status);
}

static json_t *
target_coverage(const struct rp_target_ev *t, json_t *counts)
{
	json_t *st = json_object_get(counts, "by_status");
	json_int_t pass = json_integer_value(json_object_get(st, "pass"));
	json_int_t fail = json_integer_value(json_object_get(st, "fail"));
	json_int_t err = json_integer_value(json_object_get(st, "error"));
	json_int_t wvd = json_integer_value(json_object_get(st, "waived"));
	const char *level;
	json_t *o = json_object();

	/* nothing judged on it (every check n/a or an error): not audited,
	 * never "full" */
	if ((t->status != RP_TS_OK && t->status != RP_TS_PARTIAL) ||
	    pass + fail + wvd == 0)
		level = "none";
	else if (t->status == RP_TS_PARTIAL || err > 0)
		level = "partial";
	else
		level = "full";
	json_object_set_new(o, "target", json_string(t->id));
	json_object_set_new(o, "coverage", json_string(level));
	json_object_set_new(o, "cause", strcmp(level, "full") == 0 ?
	    json_null() : json_string(err == 0 && pass + fail + wvd == 0 &&
	    (t->status == RP_TS_OK || t->status == RP_TS_PARTIAL) ?
	    "nothing-applicable" : target_cause(t)));
	json_object_set_new(o, "not_assessed", json_integer(err));
	return o;
}

/* Share of n in d, in % with one decimal. */
static json_t *
share(json_int_t n, json_int_t d)
{
	return json_real(d > 0 ? round(1000.0 * (double)n / (double)d) / 10 :
	    0);
}

/*
 * The counts, score and verdict of summary.coverage (docs/results-format.md)
 * set into cov, from summary.overall and the targets' coverage levels: the
 * one place that decides the verdict (nothing assessed gives no score; any
 * target not fully audited, any check not assessed or a partial bundle
 * makes it partial). The evaluation's document and the cut to a part
 * (filter.c) both use it.
 */
void
rp_results_coverage_set(json_t *cov, json_t *overall, long long ntargets,
    long long full, long long part, long long none, int bundle_partial)
{
	json_t *st = json_object_get(overall, "by_status");
	json_t *tg = json_object(), *ck = json_object(), *sc;
	json_int_t pass = rp_json_int(st, "pass"), fail = rp_json_int(st,
	    "fail"), err = rp_json_int(st, "error"), na = rp_json_int(st, "na"),
	    wvd = rp_json_int(st, "waived"), d = pass + fail + err;

	json_object_set_new(tg, "total", json_integer(ntargets));
	json_object_set_new(tg, "full", json_integer(full));
	json_object_set_new(tg, "partial", json_integer(part));
	json_object_set_new(tg, "none", json_integer(none));
	json_object_set_new(ck, "total", json_integer(pass + fail + err + na +
	    wvd));
	json_object_set_new(ck, "assessed", json_integer(pass + fail + wvd));
	json_object_set_new(ck, "not_assessed", json_integer(err));
	json_object_set_new(ck, "not_applicable", json_integer(na));
	if (pass + fail == 0)
		sc = json_null();
	else {
		sc = json_object();
		json_object_set_new(sc, "compliant", share(pass, d));
		json_object_set_new(sc, "not_compliant", share(fail, d));
		json_object_set_new(sc, "not_assessed", share(err, d));
	}
	json_object_set_new(cov, "verdict", json_string(pass + fail == 0 ?
	    "nothing-assessed" : (part + none > 0 || err > 0 ||
	    bundle_partial) ? "partial" : "complete"));
	json_object_set_new(cov, "targets", tg);
	json_object_set_new(cov, "checks", ck);
	json_object_set_new(cov, "score", sc);
}

/* summary.coverage of the evaluation, with its per-target list. */
static json_t *
coverage_json(const struct rp_bundle *b, json_t *overall, json_t *per)
{
	json_t *o = json_object(), *list = json_array(), *c;
	long long full = 0, part = 0, none = 0;
	const char *lv;
	size_t i;

	for (i = 0; i < b->ntargets; i++) {
		c = target_coverage(&b->targets[i], json_object_get(per,
		    b->targets[i].id));
		lv = json_string_value(json_object_get(c, "coverage"));
		full += strcmp(lv, "full") == 0;
		part += strcmp(lv, "partial") == 0;
		none += strcmp(lv, "none") == 0;
		json_array_append_new(list, c);
	}
	rp_results_coverage_set(o, overall, (long long)b->ntargets, full, part,
	    none, b->partial);
	json_object_set_new(o, "per_target", list);
	return o;
}

/*
 * Each plan action takes the finding title ("what is wrong") of the first
 * result of its check, and the observed value of the last result of its
 * check on each of its targets (read from the evaluation: the results
 * array is written result by result, never held whole).
 */
static void
plan_findings(const struct rp_evaluation *ev, json_t *plan, json_t *texts)
{
	json_t *first = json_object(), *a, *objs, *v, *x;
	const struct rp_result *r;
	const char *ck;
	size_t i, j, *ord = results_order(ev);

	for (i = 0; i < ev->nresults; i++)
		if (json_object_get(first, ev->results[i].check->id) == NULL)
			json_object_set_new(first, ev->results[i].check->id,
			    json_integer((json_int_t)i));
	json_array_foreach(plan, i, a) {
		ck = json_string_value(json_object_get(a, "check"));
		if (ck == NULL || (x = json_object_get(first, ck)) == NULL)
			continue;
		r = &ev->results[json_integer_value(x)];
		json_object_set_new(a, "finding", jtext_shared(texts,
		    &r->check->finding));
		/* the observed value on each target, in target order */
		objs = json_array();
		json_array_foreach(json_object_get(a, "targets"), j, v) {
			r = last_of(ev, ord, json_string_value(v), ck);
			json_array_append_new(objs, r ? jhostile(r->observed) :
			    json_null());
		}
		json_object_set_new(a, "objects", objs);
	}
	json_decref(first);
	free(ord);
}

/*
 * The evidence is partial when the collection was (interrupted) or when a
 * target could not be fully collected (docs/evidence-format.md): failed,
 * refused, host key changed or partial.
 */
static int
evidence_partial(const struct rp_bundle *b)
{
	size_t i;

	if (b->partial)
		return 1;
	for (i = 0; i < b->ntargets; i++)
		if (b->targets[i].status != RP_TS_OK)
			return 1;
	return 0;
}

/* A merged bundle: the collections it was made from. */
static json_t *
provenance_json(const struct rp_bundle *b)
{
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; i < b->nprov; i++) {
		const struct rp_provenance *p = &b->prov[i];

		o = json_object();
		json_object_set_new(o, "source", jhostile(p->source));
		json_object_set_new(o, "collector_host", jhostile(p->host));
		json_object_set_new(o, "tool_version",
		    jhostile(p->tool_version));
		json_object_set_new(o, "started_at", jtime(p->started));
		json_object_set_new(o, "finished_at", jtime(p->finished));
		json_object_set_new(o, "partial", json_boolean(p->partial));
		json_object_set_new(o, "targets", json_integer(
		    (json_int_t)p->ntargets));
		json_object_set_new(o, "superseded", json_integer(
		    (json_int_t)p->nsuperseded));
		json_object_set_new(o, "manifest", jhostile(p->manifest));
		json_array_append_new(a, o);
	}
	return a;
}

/*
 * What rp_results_since and the history read of a result (compare.c,
 * history/history.c): the rest is written by rp_results_write from the
 * evaluation.
 */
static json_t *
result_light(const struct rp_result *r, json_t *texts)
{
	json_t *o = json_object(), *w;

	json_object_set_new(o, "target", json_string(r->target->id));
	json_object_set_new(o, "check", json_string(r->check->id));
	json_object_set_new(o, "status", json_string(
	    rp_status_name(r->status)));
	json_object_set_new(o, "severity", json_string(
	    rp_severity_name(r->severity)));
	json_object_set_new(o, "title", jtext_shared(texts,
	    &r->check->title));
	json_object_set_new(o, "finding", jtext_shared(texts,
	    &r->check->finding));
	json_object_set_new(o, "observed", jhostile(r->observed));
	if (r->waiver != NULL) {
		w = json_object();
		json_object_set_new(w, "expires", jstr(r->waiver->expires_str));
		json_object_set_new(w, "expired", json_boolean(
		    r->waiver_expired));
		json_object_set_new(o, "waiver", w);
	} else
		json_object_set_new(o, "waiver", json_null());
	return o;
}

static json_t *
document(const struct rp_evaluation *ev, const struct rp_plan *plan,
    enum rp_results_mode mode)
{
	const struct rp_bundle *b = ev->bundle;
	json_t *root = json_object(), *o, *a, *sum, *per, *texts = json_object();
	size_t i;

	json_object_set_new(root, "format", json_string("rempart-results/1"));
	o = json_object();
	json_object_set_new(o, "name", json_string(PACKAGE_NAME));
	json_object_set_new(o, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(root, "tool", o);
	json_object_set_new(root, "generated_at", jtime(ev->now));
	o = json_object();
	json_object_set_new(o, "started_at", jtime(b->started));
	json_object_set_new(o, "finished_at", jtime(b->finished));
	json_object_set_new(o, "partial", json_boolean(evidence_partial(b)));
	/* the manifest's own flag: what 'report --limit' keeps for a part */
	json_object_set_new(o, "bundle_partial", json_boolean(b->partial));
	json_object_set_new(o, "collected_by", jstr(b->tool_version));
	if (b->nprov > 0)
		json_object_set_new(o, "provenance", provenance_json(b));
	json_object_set_new(root, "evidence", o);
	a = baselines_json(ev);
	o = json_object();
	if (json_array_size(a) > 0) {
		json_object_set(o, "id", json_object_get(json_array_get(a, 0),
		    "id"));
		json_object_set(o, "title", json_object_get(json_array_get(a,
		    0), "title"));
	}
	json_object_set_new(root, "baseline", o);
	json_object_set_new(root, "baselines", a);
	json_object_set_new(root, "incident", incident_json(ev->incident));
	a = json_array();
	sum = json_object();
	per = json_object();
	for (i = 0; i < b->ntargets; i++) {
		json_array_append_new(a, target_json(ev, i));
		json_object_set_new(per, b->targets[i].id, counts_new());
	}
	json_object_set_new(root, "targets", a);
	a = json_array();
	o = counts_new();
	for (i = 0; i < ev->nresults; i++) {
		if (mode == RP_RESULTS_FULL)
			json_array_append_new(a, result_json(&ev->results[i],
			    texts));
		else if (mode == RP_RESULTS_LIGHT)
			json_array_append_new(a, result_light(&ev->results[i],
			    texts));
		count(o, &ev->results[i]);
		count(json_object_get(per, ev->results[i].target->id),
		    &ev->results[i]);
	}
	json_object_set_new(root, "results", a);
	a = plan_json(ev, plan);
	plan_findings(ev, a, texts);
	json_decref(texts);
	json_object_set_new(root, "plan", a);
	json_object_set_new(sum, "overall", o);
	json_object_set_new(sum, "targets", per);
	json_object_set_new(sum, "coverage", coverage_json(b, o, per));
	json_object_set_new(root, "summary", sum);
	json_object_set_new(root, "levels", levels_json(ev));
	return root;
}

json_t *
rp_results_json(const struct rp_evaluation *ev, const struct rp_plan *plan)
{
	return document(ev, plan, RP_RESULTS_FULL);
}

json_t *
rp_results_document(const struct rp_evaluation *ev,
    const struct rp_plan *plan, enum rp_results_mode mode)
{
	return document(ev, plan, mode);
}

void
rp_results_since(json_t *root, json_t *previous)
{
	json_object_set_new(root, "since", rp_compare(previous,
	    json_object_get(root, "results"), json_string_value(
	    json_object_get(root, "generated_at"))));
}

/* The flags of every results.json: the writer below keeps its bytes. */
#define RP_RESULTS_FLAGS	(JSON_INDENT(2) | JSON_ENSURE_ASCII)

/*
 * A value dumped at some depth of the document: jansson indents from
 * depth 0, and with JSON_ENSURE_ASCII a line break of the output is never
 * inside a string (escaped there), so each one takes the indent of the
 * depth (pad) after it. ok drops to 0 on the first write error.
 */
struct indented {
	FILE		*f;
	const char	*pad;
	size_t		 npad;
	int		 ok;
};

static int
indented_cb(const char *buf, size_t size, void *data)
{
	struct indented *w = data;
	const char *nl;
	size_t n;

	while (w->ok && size > 0) {
		nl = memchr(buf, '\n', size);
		n = nl != NULL ? (size_t)(nl - buf) + 1 : size;
		if (fwrite(buf, 1, n, w->f) != n ||
		    (nl != NULL && fwrite(w->pad, 1, w->npad, w->f) != w->npad))
			w->ok = 0;
		buf += n;
		size -= n;
	}
	return w->ok ? 0 : -1;
}

static int
dump_at(json_t *v, FILE *f, const char *pad)
{
	struct indented w = { f, pad, strlen(pad), 1 };

	return json_dump_callback(v, indented_cb, &w, RP_RESULTS_FLAGS |
	    JSON_ENCODE_ANY) == 0 && w.ok ? 0 : -1;
}

/* The results array, built and written one result at a time. */
static int
results_stream(const struct rp_evaluation *ev, FILE *f)
{
	json_t *texts = json_object(), *o;
	size_t i;
	int ok = 1;

	if (ev->nresults == 0)
		ok = fputs("[]", f) != EOF;
	else
		ok = fputc('[', f) != EOF;
	for (i = 0; ok && i < ev->nresults; i++) {
		o = result_json(&ev->results[i], texts);
		ok = fputs(i == 0 ? "\n    " : ",\n    ", f) != EOF &&
		    dump_at(o, f, "    ") == 0;
		json_decref(o);
	}
	if (ok && ev->nresults > 0)
		ok = fputs("\n  ]", f) != EOF;
	json_decref(texts);
	return ok ? 0 : -1;
}

/*
 * root as json_dumpf(root, f, RP_RESULTS_FLAGS) writes it, then a line
 * break, key by key; with ev, its "results" is written from ev's results
 * (result_json) instead of root's.
 */
static int
document_write(json_t *root, const struct rp_evaluation *ev, FILE *f)
{
	const char *key;
	json_t *v, *k;
	int ok = 1, n = 0;

	if (fputc('{', f) == EOF)
		return -1;
	json_object_foreach(root, key, v) {
		k = json_string(key);
		ok = k != NULL && fputs(n++ == 0 ? "\n  " : ",\n  ", f) !=
		    EOF && dump_at(k, f, "  ") == 0 && fputs(": ", f) != EOF;
		json_decref(k);
		if (ok && ev != NULL && strcmp(key, "results") == 0)
			ok = results_stream(ev, f) == 0;
		else if (ok)
			ok = dump_at(v, f, "  ") == 0;
		if (!ok)
			return -1;
	}
	return fputs(n == 0 ? "}\n" : "\n}\n", f) != EOF ? 0 : -1;
}

int
rp_results_write(json_t *root, const struct rp_evaluation *ev,
    const char *path, char **cause)
{
	struct rp_out o;
	int r;

	/* streamed, result by result: the results of 1,000 targets are
	 * 200+ MB of text and 119,600 objects, never held whole */
	if (strcmp(path, "-") == 0) {
		if (document_write(root, ev, stdout) != 0 ||
		    fflush(stdout) == EOF)
			return rp_fail(cause, RP_ERR_IO, "cannot write '%s'",
			    path);
		return 0;
	}
	if ((r = rp_out_open(&o, path, 0600, cause)) != 0)
		return r;
	if (document_write(root, ev, o.f) != 0) {
		(void)rp_out_close(&o, 0, cause);	/* removes the temporary */
		return rp_fail(cause, RP_ERR_IO, "cannot write '%s'", path);
	}
	return rp_out_close(&o, 1, cause);
}

int
rp_results_dump(json_t *root, const char *path, char **cause)
{
	return rp_results_write(root, NULL, path, cause);
}
