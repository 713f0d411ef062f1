#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "plan/plan.h"
#include "engine/evaluators.h"
#include "core/banned.h"

static const char *const phase_names[RP_PLAN__COUNT] = {
	"immediate", "remediation", "quick-wins", "medium-term", "long-term",
};

const char *
rp_plan_phase_name(enum rp_plan_phase p)
{
	return (unsigned)p < RP_PLAN__COUNT ? phase_names[p] : "?";
}

static int
has_tag(const char *role, const char *tag)
{
	size_t n = strlen(tag);
	const char *p = role;

	while ((p = strstr(p, tag)) != NULL) {
		if ((p == role || p[-1] == ',' || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
		p += n;
	}
	return 0;
}

double
rp_plan_criticality(const char *role)
{
	if (role == NULL)
		return 1.0;
	if (has_tag(role, "dc"))
		return 2.0;
	if (has_tag(role, "internet-facing"))
		return 1.75;
	if (has_tag(role, "critical") || has_tag(role, "patient-care"))
		return 1.5;
	return 1.0;
}

static double
severity_weight(enum rp_severity s)
{
	static const double w[RP_SEV__COUNT] = { 0.2, 1, 3, 6, 10 };

	return (unsigned)s < RP_SEV__COUNT ? w[s] : 1;
}

static double
phase_weight(enum rp_phase p)
{
	return p == RP_PHASE_CONFINEMENT ? 3 : p == RP_PHASE_REMEDIATION ? 2 : 1;
}

static double
effort_divisor(const char *e)
{
	if (e != NULL && strcmp(e, "high") == 0)
		return 2.5;
	if (e != NULL && strcmp(e, "medium") == 0)
		return 1.5;
	return 1;
}

double
rp_plan_score(enum rp_severity sev, enum rp_phase phase, double criticality,
    size_t ntargets, const char *effort)
{
	double spread = 1 + log2((double)(ntargets ? ntargets : 1));

	/* rounded so that the order does not depend on floating noise */
	return round(severity_weight(sev) * phase_weight(phase) * criticality *
	    spread / effort_divisor(effort) * 100) / 100;
}

enum rp_plan_phase
rp_plan_place(enum rp_severity sev, enum rp_phase phase, const char *effort)
{
	if (phase == RP_PHASE_CONFINEMENT)
		return RP_PLAN_IMMEDIATE;
	if (phase == RP_PHASE_REMEDIATION)
		return RP_PLAN_REMEDIATION;
	if (effort != NULL && strcmp(effort, "high") == 0)
		return RP_PLAN_LONG_TERM;
	if ((effort == NULL || strcmp(effort, "low") == 0) &&
	    sev >= RP_SEV_MEDIUM)
		return RP_PLAN_QUICK_WINS;
	return RP_PLAN_MEDIUM_TERM;
}

int
rp_plan_order(int pa, double sa, int va, const char *ia, int pb, double sb,
    int vb, const char *ib)
{
	if (pa != pb)
		return pa < pb ? -1 : 1;
	if (sa != sb)
		return sa > sb ? -1 : 1;
	if (va != vb)
		return va > vb ? -1 : 1;
	return strcmp(ia, ib);
}

static int
cmp_action(const void *a, const void *b)
{
	const struct rp_action *x = a, *y = b;

	return rp_plan_order((int)x->phase, x->score, (int)x->severity,
	    x->check->id, (int)y->phase, y->score, (int)y->severity,
	    y->check->id);
}

static int
cmp_result(const void *a, const void *b)
{
	const struct rp_result *x = *(const struct rp_result *const *)a;
	const struct rp_result *y = *(const struct rp_result *const *)b;

	return strcmp(x->target->id, y->target->id);
}

/*
 * A changed host key has its own action, first in the plan (results.json
 * plan[], kind "hostkey-mismatch"): the check that judges the host key
 * (evaluator target-hostkey) adds no second action for those targets.
 */
static int
folded_hostkey(const struct rp_result *r)
{
	return r->target->status == RP_TS_HOSTKEY_MISMATCH &&
	    r->check->evaluator == &rp_eval_target_hostkey;
}

void
rp_plan_build(const struct rp_evaluation *ev, struct rp_plan *out)
{
	struct rp_plan p = { NULL, 0 };
	struct rp_action *a;
	size_t i, j, cap = 0;
	double c;

	for (i = 0; i < ev->nresults; i++) {
		const struct rp_result *r = &ev->results[i];

		if (r->status != RP_ST_FAIL || folded_hostkey(r))
			continue;
		for (a = NULL, j = 0; j < p.nactions && a == NULL; j++)
			if (p.actions[j].check == r->check)
				a = &p.actions[j];
		if (a == NULL) {
			XGROW(p.actions, cap, p.nactions);
			a = &p.actions[p.nactions++];
			memset(a, 0, sizeof(*a));
			a->check = r->check;
			a->severity = r->severity;
			a->criticality = 1.0;
		}
		a->results = xreallocarray(a->results, a->nresults + 1,
		    sizeof(*a->results));
		a->results[a->nresults++] = r;
		if (r->severity > a->severity)
			a->severity = r->severity;
		c = rp_plan_criticality(r->target->role);
		if (c > a->criticality)
			a->criticality = c;
	}
	for (i = 0; i < p.nactions; i++) {
		a = &p.actions[i];
		qsort(a->results, a->nresults, sizeof(*a->results), cmp_result);
		a->phase = rp_plan_place(a->severity, a->check->phase,
		    a->check->effort);
		a->score = rp_plan_score(a->severity, a->check->phase,
		    a->criticality, a->nresults, a->check->effort);
	}
	if (p.nactions)
		qsort(p.actions, p.nactions, sizeof(*p.actions), cmp_action);
	*out = p;
}

void
rp_plan_release(struct rp_plan *p)
{
	size_t i;

	for (i = 0; i < p->nactions; i++)
		free(p->actions[i].results);
	free(p->actions);
	p->actions = NULL;
	p->nactions = 0;
}
