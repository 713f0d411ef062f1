/*
 * json.c -- the results document again, with each check's text in one
 * language (rempart report -f json).
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
#include "report/escape.h"
#include "report/i18n.h"
#include "report/render.h"
#include "report/report.h"
#include "core/banned.h"

int
rp_render_json(json_t *root, const char *lang, const char *template_dir, FILE *f,
    char **cause)
{
	json_t *copy = json_deep_copy(root), *rep = json_object(), *a;
	json_t **v;
	size_t n, i;
	int r;

	v = rp_report_select_status(json_object_get(root, "results"), "fail", &n);
	a = json_array();
	for (i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set(o, "target", json_object_get(v[i], "target"));
		json_object_set(o, "check", json_object_get(v[i], "check"));
		json_object_set(o, "severity", json_object_get(v[i],
		    "severity"));
		json_object_set_new(o, "title", json_string(
		    rp_report_finding_title(v[i], lang)));
		json_object_set_new(o, "remediation", json_string(T(v[i],
		    "remediation", lang)));
		json_array_append_new(a, o);
	}
	free(v);
	json_object_set_new(rep, "format", json_string("rempart-report/1"));
	json_object_set_new(rep, "lang", json_string(lang));
	json_object_set_new(rep, "findings", a);
	{
		char *vt = rp_report_verdict(root);

		json_object_set_new(rep, "verdict", json_string(
		    rp_report_verdict_word(root)));
		json_object_set_new(rep, "verdict_text", json_string(vt));
		free(vt);
	}
	{
		/* a part of the estate (report --limit) says so here too */
		char *lt = rp_report_limit_text(root);

		if (lt != NULL)
			json_object_set_new(rep, "limit_text", json_string(lt));
		free(lt);
	}
	json_object_set_new(copy, "report", rep);
	r = json_dumpf(copy, f, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	fputc('\n', f);
	json_decref(copy);
	return r == 0 ? 0 : RP_ERR_IO;
}
