/*
 * results.json: the evaluation written as one document, documented in
 * docs/results-format.md and docs/results.schema.json.
 */
#ifndef RP_RESULTS_RESULTS_H
#define RP_RESULTS_RESULTS_H

#include <jansson.h>

#include "engine/eval.h"
#include "plan/plan.h"

/*
 * The results document of an evaluation (owned), documented in
 * docs/results-format.md. Its stages ran before: the plan (plan/plan.h,
 * rp_plan_build) is given, the footprint stage (rp_evaluate_footprints)
 * filled ev->footprints or the targets show none.
 */
json_t	*rp_results_json(const struct rp_evaluation *ev,
	    const struct rp_plan *plan);
/*
 * The same document without the whole of its results array, written by
 * rp_results_write from ev result by result: "results" holds, per result,
 * only what rp_results_since and the history read (RP_RESULTS_LIGHT:
 * target, check, status, severity, title, finding, observed, waiver's
 * expires and expired), or nothing (RP_RESULTS_NONE).
 */
enum rp_results_mode {
	RP_RESULTS_FULL,
	RP_RESULTS_LIGHT,
	RP_RESULTS_NONE
};
json_t	*rp_results_document(const struct rp_evaluation *ev,
	    const struct rp_plan *plan, enum rp_results_mode mode);
/* The comparison with an earlier results document (borrowed): root's
 * "since" section (compare.h). */
void	rp_results_since(json_t *root, json_t *previous);
/* summary.coverage's counts, score and verdict into cov (results.c). */
void	rp_results_coverage_set(json_t *cov, json_t *overall,
	    long long ntargets, long long full, long long part, long long none,
	    int bundle_partial);
/* Write a results document to path ("-": stdout), mode 0600. */
int	rp_results_dump(json_t *root, const char *path, char **cause);
/*
 * The same, with root's "results" written from ev (not NULL: root comes
 * from rp_results_document(ev, ...)): byte for byte what rp_results_dump
 * writes of rp_results_json(ev, ...) with the same sections added.
 */
int	rp_results_write(json_t *root, const struct rp_evaluation *ev,
	    const char *path, char **cause);

#endif
