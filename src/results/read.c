/*
 * read.c -- load a results.json written by this or an earlier run, and
 * refuse one whose identifiers could break a renderer.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/file.h"
#include "core/json.h"
#include "core/model.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "results/read.h"
#include "core/banned.h"

/*
 * Identifiers, statuses and dates are printed by the renderers as they are
 * (in HTML attributes and code spans, Markdown headings, CSV, JUnit). A
 * results file may come from elsewhere (--previous, a handed-over audit):
 * refuse one whose identifiers hold anything but these characters.
 */
static int
safe_word(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && strchr("._:-/+ ", *s) == NULL)
			return 0;
	return 1;
}

static int
safe_keys(json_t *o, const char *const *keys, const char *path,
    const char *where, size_t idx, char **cause)
{
	const char *v;
	size_t k;

	for (k = 0; keys[k] != NULL; k++) {
		v = json_string_value(json_object_get(o, keys[k]));
		if (v != NULL && !safe_word(v)) {
			rp_fail(cause, RP_ERR_INVALID, "%s: %s[%zu].%s holds "
			    "characters a rempart results file never has",
			    path, where, idx, keys[k]);
			return 0;
		}
	}
	return 1;
}

static int
safe_fields(json_t *j, const char *path, char **cause)
{
	static const char *const res[] = { "target", "check", "module",
		"status", "severity", "phase", "effort", "operator", "level",
		"baseline", NULL };
	static const char *const tgt[] = { "id", "kind", "status", NULL };
	static const char *const pln[] = { "kind", "check", "module", "phase",
		"severity", "incident_phase", "effort", NULL };
	static const char *const chg[] = { "target", "check", "change",
		"severity", "status", "previous_status", NULL };
	static const char *const bsl[] = { "id", "kind", NULL };
	static const char *const ptg[] = { "target", "coverage", "cause",
		NULL };
	static const char *const cvg[] = { "verdict", NULL };
	static const char *const lvl[] = { "baseline", "reference", "level",
		NULL };
	static const char *const top[] = { "generated_at", NULL };
	static const char *const ev[] = { "started_at", "finished_at", NULL };
	static const char *const inc[] = { "organisation_type",
		"compromise_start", "detection", "containment", "remediation",
		NULL };
	static const struct {
		const char *name;
		const char *const *keys;
	} lists[] = {
		{ "results", res }, { "targets", tgt }, { "plan", pln },
		{ "baselines", bsl }, { "levels", lvl },
	};
	json_t *a, *o, *cov;
	size_t i, n;

	for (n = 0; n < sizeof(lists) / sizeof(lists[0]); n++) {
		a = json_object_get(j, lists[n].name);
		json_array_foreach(a, i, o)
			if (!safe_keys(o, lists[n].keys, path, lists[n].name, i,
			    cause))
				return 0;
	}
	json_array_foreach(json_object_get(j, "targets"), i, o) {
		json_t *g;
		size_t k;

		json_array_foreach(json_object_get(o, "groups"), k, g)
			if (!json_is_string(g) ||
			    !safe_word(json_string_value(g))) {
				rp_fail(cause, RP_ERR_INVALID, "%s: targets[%zu]"
				    ".groups holds characters a rempart "
				    "results file never has", path, i);
				return 0;
			}
	}
	json_array_foreach(json_object_get(json_object_get(j, "since"),
	    "items"), i, o)
		if (!safe_keys(o, chg, path, "since.items", i, cause))
			return 0;
	cov = json_object_get(json_object_get(j, "summary"), "coverage");
	json_array_foreach(json_object_get(cov, "per_target"), i, o)
		if (!safe_keys(o, ptg, path, "summary.coverage.per_target", i,
		    cause))
			return 0;
	if (!safe_keys(cov, cvg, path, "summary.coverage", 0, cause))
		return 0;
	return safe_keys(j, top, path, "root", 0, cause) &&
	    safe_keys(json_object_get(j, "evidence"), ev, path, "evidence", 0,
	    cause) && safe_keys(json_object_get(j, "incident"), inc, path,
	    "incident", 0, cause);
}

/* A results file larger than this is refused (a 1,000-host sweep is far
 * below it). */
#define RP_RESULTS_MAX	((size_t)1 << 30)

int
rp_results_load(const char *path, json_t **out, char **cause)
{
	json_error_t je;
	json_t *j;
	const char *fmt;
	char *data;
	size_t len, i;
	int r;

	/* through the safe reader: a FIFO or a device is refused, not read */
	if ((r = rp_file_read(path, RP_RESULTS_MAX, &data, &len, cause)) != 0)
		return r;
	for (i = 0; i < len && isspace((unsigned char)data[i]); i++)
		continue;
	if (i == len || data[i] != '{') {
		/* an inventory, an XML file, an evidence bundle's file... */
		free(data);
		return rp_fail(cause, RP_ERR_INVALID, "%s: not a rempart "
		    "results file (not JSON; 'rempart evaluate' writes "
		    "results.json)", path);
	}
	j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	free(data);
	if (j == NULL && je.line > 0)
		return rp_fail(cause, RP_ERR_PARSE, "%s:%d: not a rempart "
		    "results file (invalid JSON: %s)", path, je.line, je.text);
	if (j == NULL)
		return rp_fail(cause, RP_ERR_PARSE, "%s: not a rempart results "
		    "file (invalid JSON: %s)", path, je.text);
	fmt = json_string_value(json_object_get(j, "format"));
	if (fmt == NULL || strcmp(fmt, "rempart-results/1") != 0 ||
	    !json_is_array(json_object_get(j, "results")) ||
	    !json_is_array(json_object_get(j, "targets"))) {
		json_decref(j);
		return rp_fail(cause, RP_ERR_INVALID, "%s: not a rempart "
		    "results file (format rempart-results/1)", path);
	}
	if (!safe_fields(j, path, cause)) {
		json_decref(j);
		return RP_ERR_INVALID;
	}
	*out = j;
	return 0;
}
