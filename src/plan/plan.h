/*
 * plan.h -- from findings to a prioritized remediation and hardening plan.
 *
 * One action per failed check, listing every affected target ("disable SSH
 * password authentication on 37 hosts" is one action). Each action gets a
 * priority score and a plan phase; the formula is documented in
 * docs/plan.md and tested. Deterministic: ties are broken by severity, then
 * check id.
 */
#ifndef RP_PLAN_H
#define RP_PLAN_H

#include <stddef.h>

#include "engine/eval.h"

enum rp_plan_phase {
	RP_PLAN_IMMEDIATE,	/* confinement: the attacker may still be in */
	RP_PLAN_REMEDIATION,	/* remediation to complete */
	RP_PLAN_QUICK_WINS,	/* hardening: high impact, low effort */
	RP_PLAN_MEDIUM_TERM,
	RP_PLAN_LONG_TERM,
	RP_PLAN__COUNT
};

struct rp_action {
	const struct rp_check	 *check;
	enum rp_severity	  severity;	/* highest among its results */
	enum rp_plan_phase	  phase;
	double			  score;
	double			  criticality;	/* highest target weight */
	const struct rp_result	**results;	/* borrowed, by target id */
	size_t			  nresults;
};

struct rp_plan {
	struct rp_action	*actions;	/* by decreasing priority */
	size_t			 nactions;
};

const char	*rp_plan_phase_name(enum rp_plan_phase p);

/* Weight of a target's criticality tags ("dc,internet-facing"). */
double		 rp_plan_criticality(const char *role);
/* The documented priority formula. */
double		 rp_plan_score(enum rp_severity sev, enum rp_phase phase,
		    double criticality, size_t ntargets, const char *effort);
enum rp_plan_phase rp_plan_place(enum rp_severity sev, enum rp_phase phase,
		    const char *effort);

/* The plan's order of two actions (phase, then score and severity
 * descending, then check id): <0, 0, >0. */
int	rp_plan_order(int pa, double sa, int va, const char *ia, int pb,
	    double sb, int vb, const char *ib);
void	rp_plan_build(const struct rp_evaluation *ev, struct rp_plan *out);
void	rp_plan_release(struct rp_plan *p);

#endif
