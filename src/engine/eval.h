/*
 * eval.h -- evaluation: a pure, deterministic function of (evidence,
 * catalogue, resolved baselines, waivers, incident context). The audit time
 * is the evidence's collection time, never the clock.
 */
#ifndef RP_EVAL_H
#define RP_EVAL_H

#include <stddef.h>
#include <time.h>

#include <jansson.h>

#include "content/content.h"
#include "evidence/bundle.h"

struct rp_result {
	const struct rp_target_ev	*target;	/* borrowed */
	const struct rp_check		*check;		/* borrowed */
	const struct rp_selection	*sel;		/* borrowed */
	enum rp_status			 status;
	enum rp_severity		 severity;
	char				*observed;	/* owned, may be NULL */
	char				*evidence;	/* owned, may be NULL */
	char				*reason;	/* owned, may be NULL */
	/* the items observed, kept for a failed result only (owned) */
	char				**objects;
	size_t				 nobjects;
	int				 objects_more;
	const struct rp_waiver		*waiver;	/* matching waiver */
	int				 waiver_expired;
};

struct rp_evaluation {
	const struct rp_bundle		*bundle;
	const struct rp_bundle		*earlier;	/* may be NULL */
	const struct rp_resolved	*baselines;
	size_t				 nbaselines;
	const struct rp_incident	*incident;
	const struct rp_waiver		*waivers;
	size_t				 nwaivers;
	time_t				 now;
	struct rp_result		*results;
	size_t				 nresults, aresults;
	/*
	 * Maturity across the reference's levels (results.json levels[]):
	 * per baseline of the run (same index), the top of its ladder
	 * (rp_baseline_ladder_top) when higher, else NULL; and the
	 * evaluation, apart, of that top's checks the run did not evaluate
	 * as the top selects them. Never in the plan, score or findings.
	 * Set by the caller after rp_evaluate; may be NULL.
	 */
	const struct rp_resolved	*const *ladder_tops;
	const struct rp_evaluation	*ladder;
};

int	rp_evaluate(const struct rp_bundle *b, const struct rp_resolved *bl,
	    size_t nbl, const struct rp_waiver *w, size_t nw,
	    const struct rp_incident *inc, struct rp_evaluation *out);
/*
 * The same, with an earlier evidence bundle of the same estate (or NULL):
 * evaluators then also read each target's probes as they were then.
 */
int	rp_evaluate_since(const struct rp_bundle *b,
	    const struct rp_bundle *earlier, const struct rp_resolved *bl,
	    size_t nbl, const struct rp_waiver *w, size_t nw,
	    const struct rp_incident *inc, struct rp_evaluation *out);
void	rp_evaluation_release(struct rp_evaluation *ev);
/* The audit time of a bundle: when its collection finished. */
time_t	rp_bundle_audit_time(const struct rp_bundle *b);

/* Evaluate one selection on one target (exposed for tests). */
void	rp_evaluate_one(const struct rp_evaluation *ev,
	    const struct rp_target_ev *t, const struct rp_selection *sel,
	    struct rp_result *res);

/*
 * Share the parsed LDIF of each probe between the checks of one target
 * (eval_ad.c): on (1) from here on, or off (0); either way the entries
 * parsed so far are freed. rp_evaluate turns it on per target; probes
 * are keyed by address, so the cache must be off or reset before the
 * target's probes are freed.
 */
void	rp_eval_ad_cache(int on);

#endif
