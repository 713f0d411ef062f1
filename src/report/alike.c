/*
 * alike.c -- targets whose rows would read the same, shown as one row by
 * every renderer (render.h): in "Findings by target" (same kind and roles,
 * audited the same, the same error, the same findings by severity and the
 * same plan actions) and in the audit footprint (the same things left), so
 * that 200 alike hosts are one row, not 200.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "report/i18n.h"
#include "report/render.h"
#include "report/report.h"
#include "core/banned.h"

/* A key: what a renderer shows of the target (owned), NULL to leave it
 * out; arg is the caller's. */
typedef char *alike_key_fn(json_t *root, json_t *t, void *arg);

/* Groups of root's targets by key, in the order of their first target. */
static json_t *
alike(json_t *root, alike_key_fn *keyf, void *arg)
{
	json_t *t, *groups = json_object(), *out = json_array(), *g;
	size_t i;
	char *key;

	json_array_foreach(json_object_get(root, "targets"), i, t) {
		if ((key = keyf(root, t, arg)) == NULL)
			continue;
		if ((g = json_object_get(groups, key)) == NULL) {
			g = json_pack("{s:O, s:[]}", "target", t, "ids");
			json_array_append_new(out, g);
			/* a key of hostile bytes is a key all the same */
			json_object_set_nocheck(groups, key, g);
		}
		json_array_append_new(json_object_get(g, "ids"),
		    json_string(S(t, "id")));
		free(key);
	}
	json_decref(groups);
	return out;
}

/* The ranks of the plan actions naming each target: {id: "1,5,7"}. */
static json_t *
ranks_by_target(json_t *root)
{
	json_t *m = json_object(), *a, *id, *seen;
	size_t i, j;
	char *s;

	json_array_foreach(json_object_get(root, "plan"), i, a) {
		seen = json_object();
		json_array_foreach(json_object_get(a, "targets"), j, id) {
			const char *k = json_string_value(id);

			/* a target named twice in an action counts once */
			if (k == NULL || json_object_get(seen, k) != NULL)
				continue;
			json_object_set_new(seen, k, json_true());
			s = xasprintf("%s%s%lld", S(m, k), *S(m, k) ? "," : "",
			    I(a, "rank"));
			json_object_set_new(m, k, json_string(s));
			free(s);
		}
		json_decref(seen);
	}
	return m;
}

static char *
target_key(json_t *root, json_t *t, void *arg)
{
	static const char *const sev[] = { "critical", "high", "medium", "low",
		"info" };
	json_t *ranks = arg, *c, *sv;
	struct rp_strbuf sb;
	char *audited;
	size_t k;

	c = json_object_get(json_object_get(json_object_get(root, "summary"),
	    "targets"), S(t, "id"));
	sv = json_object_get(c, "failed_by_severity");
	audited = rp_report_target_audited(root, t);
	rp_strbuf_init(&sb, (size_t)1 << 20);
	(void)rp_strbuf_addf(&sb, "%s\n%s\n%s\n%s\n%lld", S(t, "kind"),
	    S(t, "role"), audited, S(t, "error"),
	    I(json_object_get(c, "by_status"), "fail"));
	for (k = 0; k < sizeof(sev) / sizeof(sev[0]); k++)
		(void)rp_strbuf_addf(&sb, " %lld", I(sv, sev[k]));
	(void)rp_strbuf_addf(&sb, "\n%s", S(ranks, S(t, "id")));
	free(audited);
	return rp_strbuf_detach(&sb, NULL);
}

json_t *
rp_report_alike_targets(json_t *root)
{
	json_t *ranks = ranks_by_target(root), *g;

	g = alike(root, target_key, ranks);
	json_decref(ranks);
	return g;
}

static char *
footprint_key(json_t *root, json_t *t, void *arg)
{
	const char *lang = arg;
	struct rp_strbuf sb;
	json_t *x;
	size_t j;
	char *txt;

	(void)root;
	if (json_array_size(json_object_get(t, "footprint")) == 0)
		return NULL;
	rp_strbuf_init(&sb, (size_t)1 << 20);
	json_array_foreach(json_object_get(t, "footprint"), j, x) {
		txt = rp_report_footprint_text(x, lang);
		(void)rp_strbuf_addf(&sb, "%s\n", txt);
		free(txt);
	}
	return rp_strbuf_detach(&sb, NULL);
}

json_t *
rp_report_alike_footprints(json_t *root, const char *lang)
{
	json_t *out = alike(root, footprint_key, (void *)(uintptr_t)lang), *g;
	json_t *texts, *x;
	size_t i, j;
	char *txt;

	json_array_foreach(out, i, g) {
		texts = json_array();
		json_array_foreach(json_object_get(json_object_get(g, "target"),
		    "footprint"), j, x) {
			txt = rp_report_footprint_text(x, lang);
			json_array_append_new(texts, json_string(txt));
			free(txt);
		}
		json_object_set_new(g, "texts", texts);
	}
	return out;
}
