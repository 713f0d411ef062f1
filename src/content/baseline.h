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

#endif
