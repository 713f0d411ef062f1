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

struct rp_footprint;

struct rp_evaluation {
	const struct rp_bundle		*bundle;
	const struct rp_bundle		*earlier;	/* may be NULL */
	const struct rp_resolved	*baselines;
	size_t				 nbaselines;
	const struct rp_incident	*incident;
	const struct rp_attestations	*attest;	/* may be NULL */
	const struct rp_waiver		*waivers;
	size_t				 nwaivers;
	time_t				 now;
	/* the directory cache of the target being evaluated, or NULL */
	struct rp_dir_cache		*dir_cache;
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
	/*
	 * The audit's own traces on each target (same index as the bundle's
	 * targets; results.json targets[].footprint): filled by
	 * rp_evaluate_footprints, NULL until then.
	 */
	struct rp_footprint		**footprints;
	size_t				 *nfootprints;
};

/*
 * Evaluate every selected check on every target of b into *out (always
 * filled: release it with rp_evaluation_release). Returns 0, or the first
 * internal failure of an evaluator (a negative RP_ERR_*): that check's
 * result is then an error saying so, and the other results stand.
 */
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
/* The same, with the answers to the manual checks (or NULL). */
int	rp_evaluate_attested(const struct rp_bundle *b,
	    const struct rp_bundle *earlier, const struct rp_resolved *bl,
	    size_t nbl, const struct rp_waiver *w, size_t nw,
	    const struct rp_incident *inc, const struct rp_attestations *att,
	    struct rp_evaluation *out);
void	rp_evaluation_release(struct rp_evaluation *ev);
/* The footprint stage: what the audit itself left on each Linux target
 * (accounts, keys, sudo rules), into ev->footprints. */
void	rp_evaluate_footprints(struct rp_evaluation *ev);
/* The audit time of a bundle: when its collection finished. */
time_t	rp_bundle_audit_time(const struct rp_bundle *b);

/*
 * Evaluate one selection on one target (exposed for tests): 0, or the
 * evaluator's internal failure (the result is then an error).
 */
int	rp_evaluate_one(const struct rp_evaluation *ev,
	    const struct rp_target_ev *t, const struct rp_selection *sel,
	    struct rp_result *res);

/*
 * The parsed LDIF probes of one target, shared by the checks that read them
 * (dir_store.c). rp_evaluate makes one per target, hands it to the
 * evaluators as ctx->dir, and frees it after the target's last check.
 * Probes are keyed by address: free it before the target's probes.
 */
struct rp_dir_cache;
struct rp_dir_cache	*rp_dir_cache_new(void);
void			 rp_dir_cache_free(struct rp_dir_cache *dc);

#endif
