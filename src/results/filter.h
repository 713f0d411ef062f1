/*
 * filter.h -- a results document cut down to a part of the estate:
 * 'rempart report --limit PATTERN' (docs/estates.md).
 */
#ifndef RP_RESULTS_FILTER_H
#define RP_RESULTS_FILTER_H

#include <jansson.h>

/*
 * Keep in root (a results document, hostile) only the targets an Ansible
 * host pattern selects (collect/select.h: ids and targets[].groups), and
 * make every section say that part alone, as 'evaluate --limit' of the
 * same evidence would: targets, results, summary (counts, coverage, score
 * and verdict recomputed), levels, the plan (each action keeps its
 * selected targets, objects and commands, and its groups, severity, score,
 * phase and rank are recomputed; an action left without a target goes),
 * the "since" items and counts (the previous score, not known for a part,
 * becomes null); the history section, the whole estate's, goes. root.limit records the pattern and "N of M targets" for
 * the renderers' notice. source names the file in messages. A pattern
 * that selects nothing is RP_ERR_INVALID, root untouched.
 */
int	rp_results_limit(json_t *root, const char *pattern, const char *source,
	    char **cause);

#endif
