/*
 * json.h -- small jansson accessors shared by the results, the evidence
 * manifest, the comparison and the reports.
 */
#ifndef RP_JSON_H
#define RP_JSON_H

#include <time.h>

#include <jansson.h>

/* The string member k of o, or "" (absent, null or not a string). */
const char	*rp_json_str(json_t *o, const char *k);
/*
 * The text member k of o ({"en": ..., "fr": ...}) in lang, else in the
 * other language, else "".
 */
const char	*rp_json_text(json_t *o, const char *k, const char *lang);
/* The integer member k of o, or 0. */
long long	 rp_json_int(json_t *o, const char *k);

/* A new JSON string of s, or null for NULL. */
json_t	*rp_json_string_or_null(const char *s);
/* A new JSON string of t as "YYYY-MM-DDTHH:MM:SSZ", or null for 0. */
json_t	*rp_json_time(time_t t);
/*
 * A JSON file of at most max bytes through the safe reader (a FIFO or a
 * device is refused), duplicate keys refused; NULL with *cause naming the
 * file (and line) on error. Owned.
 */
json_t	*rp_json_load_file(const char *path, size_t max, char **cause);

#endif
