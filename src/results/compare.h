/*
 * compare.h -- what changed since an earlier audit: fixed, new, regressed
 * and still-open findings, the score trend, and for each finding the items
 * (accounts, files, keys...) that appeared or went away.
 */
#ifndef RP_COMPARE_H
#define RP_COMPARE_H

#include <jansson.h>

/*
 * Overall score of a results array: pass / (pass + fail + error), in %
 * (what could not be evaluated is never counted as compliant); -1 when
 * nothing was assessed (no pass and no fail).
 */
double	rp_results_score(json_t *results_array);

/*
 * The "since" section of results.json, from the previous results document
 * and the current results array (both borrowed; the return value is owned).
 */
json_t	*rp_compare(json_t *previous, json_t *current, const char *now);
/*
 * Drop from a previous results document what rp_compare does not read
 * (everything but its generated_at and its results' target, check,
 * status and observed): an earlier run of 1,000 targets is held while
 * this one is evaluated.
 */
void	rp_compare_prune(json_t *previous);

#endif
