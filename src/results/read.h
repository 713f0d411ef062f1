/*
 * read.h -- read a results.json (this run's, an earlier one for the
 * comparison, or one handed over for a report).
 */
#ifndef RP_RESULTS_READ_H
#define RP_RESULTS_READ_H

#include <jansson.h>

/*
 * Load and sanity-check a results.json: refused when not JSON, not the
 * rempart-results/1 format, or when an identifier holds characters the
 * renderers print as they are. *out is owned.
 */
int	rp_results_load(const char *path, json_t **out, char **cause);

#endif
