/*
 * baseline.h -- a baseline resolved against the catalogue (baseline.c):
 * its inheritance chain, the checks it selects and the values and
 * severities its overrides give them.
 */
#ifndef RP_CONTENT_BASELINE_H
#define RP_CONTENT_BASELINE_H

#include <stddef.h>

#include "core/model.h"

struct rp_baseline;
struct rp_check;
struct rp_content;

/* One check as a resolved baseline applies it. */
struct rp_selection {
	const struct rp_check	*check;
	const char		*expected;	/* test/evaluator value */
	enum rp_severity	 severity;
	const char		*level;		/* level that selected it */
	const char		*baseline;	/* id of the resolved baseline */
};

struct rp_resolved {
	const struct rp_baseline *baseline;
	struct rp_selection	*sel;		/* sorted by check id */
	size_t			 nsel;
	char			**chain;	/* borrowed ids, most derived first */
	size_t			 nchain;
};

/* Resolve inheritance, selections and overrides. */
int	rp_baseline_resolve(const struct rp_content *c,
	    const struct rp_baseline *b, struct rp_resolved *out, char **cause);
void	rp_resolved_release(struct rp_resolved *r);
/*
 * Every baseline of c resolves: a shipped baseline that does not is a
 * content bug, refused when the catalogue is made ready
 * (engine/registry.h: rp_eval_content_load).
 */
int	rp_baselines_check(const struct rp_content *c, char **cause);
/* The selection of ck in r (sel sorted by check id), or NULL. */
const struct rp_selection *rp_resolved_find(const struct rp_resolved *r,
	    const struct rp_check *ck);
/*
 * The top of b's reference ladder: among the baselines of the same kind
 * and reference (ad-anssi-level-2 ... ad-anssi-level-5, anssi-bp028-*),
 * the one at the highest level that extends b, directly or not; b itself
 * when none does or b names no reference. Maturity is computed over it.
 */
const struct rp_baseline *rp_baseline_ladder_top(const struct rp_content *c,
	    const struct rp_baseline *b);
/* Rank of a reference level: minimal 1 ... high 4, or its number; 0 for
 * none, -1 unknown. */
long long	rp_level_rank(const char *level);

#endif
