/*
 * results.json: the evaluation written as one document, documented in
 * docs/results-format.md and docs/results.schema.json.
 */
#ifndef RP_RESULTS_RESULTS_H
#define RP_RESULTS_RESULTS_H

#include <jansson.h>

#include "engine/eval.h"

/*
 * results.json, documented in docs/results-format.md. previous: an earlier
 * results document (borrowed) to compare with, or NULL.
 */
int	rp_results_write(const struct rp_evaluation *ev, json_t *previous,
	    const char *path, char **cause);
/* The document rp_results_write writes (owned): add to it, then dump. */
json_t	*rp_results_document(const struct rp_evaluation *ev, json_t *previous);
/* Write a results document to path ("-": stdout), mode 0600. */
int	rp_results_dump(json_t *root, const char *path, char **cause);
/* The results document itself, without the "since" part (owned). */
json_t	*rp_results_json(const struct rp_evaluation *ev);

#endif
