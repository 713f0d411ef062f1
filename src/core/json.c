/*
 * json.c -- small jansson accessors (see json.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/file.h"
#include "core/json.h"
#include "core/util.h"
#include "core/banned.h"

const char *
rp_json_str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

const char *
rp_json_text(json_t *o, const char *k, const char *lang)
{
	json_t *t = json_object_get(o, k);
	const char *a = json_string_value(json_object_get(t, lang));

	if (a == NULL || *a == '\0')
		a = json_string_value(json_object_get(t,
		    strcmp(lang, "fr") == 0 ? "en" : "fr"));
	return a ? a : "";
}

long long
rp_json_int(json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

json_t *
rp_json_string_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *
rp_json_time(time_t t)
{
	char buf[32];

	if (t == 0)
		return json_null();
	rp_format_time(t, buf, sizeof(buf));
	return json_string(buf);
}

json_t *
rp_json_load_file(const char *path, size_t max, char **cause)
{
	json_error_t je;
	json_t *j;
	char *buf;
	size_t len;

	if (rp_file_read(path, max, &buf, &len, cause) != 0)
		return NULL;
	j = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	free(buf);
	if (j == NULL)
		rp_fail(cause, RP_ERR_PARSE, "%s:%d: %s", path, je.line,
		    je.text);
	return j;
}
