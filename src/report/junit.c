/*
 * junit.c -- JUnit XML: one test case per check and target, named by
 * the check id in every language.
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

static void
junit_property(FILE *f, const char *name, const char *value)
{
	fprintf(f, "      <property name=\"%s\" value=\"", name);
	rp_html(f, value);
	fputs("\"/>\n", f);
}

/*
 * The coverage as its own suite: one test per target, an error when it
 * could not be audited (fully), and the verdict and score as properties.
 */
static void
junit_coverage(json_t *root, FILE *f)
{
	json_t *c = rp_report_coverage_of(root), *pt, *sc = json_object_get(c, "score");
	size_t i, n = 0;
	char *txt;

	json_array_foreach(json_object_get(c, "per_target"), i, pt)
		n += strcmp(S(pt, "coverage"), "full") != 0;
	fprintf(f, "  <testsuite name=\"coverage\" tests=\"%zu\" "
	    "failures=\"0\" errors=\"%zu\" skipped=\"0\">\n"
	    "    <properties>\n",
	    json_array_size(json_object_get(c, "per_target")), n);
	junit_property(f, "verdict", rp_report_verdict_word(root));
	if (json_is_object(json_object_get(root, "limit"))) {
		/* a part of the estate (report --limit): said, and how much */
		json_t *l = json_object_get(root, "limit");

		junit_property(f, "limit.pattern", S(l, "pattern"));
		txt = xasprintf("%lld", I(l, "targets"));
		junit_property(f, "limit.targets", txt);
		free(txt);
		txt = xasprintf("%lld", I(l, "of"));
		junit_property(f, "limit.of", txt);
		free(txt);
		txt = rp_report_limit_text(root);
		junit_property(f, "limit.text", txt);
		free(txt);
	}
	txt = rp_report_verdict(root);
	junit_property(f, "verdict.text", txt);
	free(txt);
	if (json_is_object(sc)) {
		static const char *const k[] = { "compliant", "not_compliant",
			"not_assessed" };
		char name[64];

		for (i = 0; i < 3; i++) {
			txt = xasprintf("%.1f", json_number_value(
			    json_object_get(sc, k[i])));
			snprintf(name, sizeof(name), "score.%s", k[i]);
			junit_property(f, name, txt);
			free(txt);
		}
	} else
		junit_property(f, "score", "none");
	fputs("    </properties>\n", f);
	json_array_foreach(json_object_get(c, "per_target"), i, pt) {
		fputs("    <testcase classname=\"coverage\" name=\"", f);
		rp_html(f, S(pt, "target"));
		fputs("\">", f);
		if (strcmp(S(pt, "coverage"), "full") != 0) {
			fprintf(f, "<error type=\"%s\" message=\"%s: %s\"/>",
			    S(pt, "cause"), strcmp(S(pt, "coverage"),
			    "none") == 0 ? _("not audited") :
			    _("partly audited"), rp_report_cause_label(S(pt,
			    "cause")));
		}
		fputs("</testcase>\n", f);
	}
	fputs("  </testsuite>\n", f);
}

static void
junit_case(json_t *r, const char *lang, FILE *f)
{
	const char *s = S(r, "status");
	char *why, *obs;

	/* the name is the check id: stable across languages */
	fprintf(f, "    <testcase classname=\"%s\" name=\"%s\">",
	    S(r, "module"), S(r, "check"));
	if (strcmp(s, "fail") == 0) {
		fprintf(f, "<failure type=\"%s\" message=\"", S(r, "severity"));
		rp_html(f, rp_report_finding_title(r, lang));
		fputs(": ", f);
		obs = rp_report_observed(r);
		rp_html(f, obs);
		free(obs);
		fputs("\">", f);
		rp_html(f, T(r, "remediation", lang));
		fputs("</failure>", f);
	} else if (strcmp(s, "error") == 0) {
		why = rp_report_reason(r);
		fputs("<error message=\"", f);
		rp_html(f, why);
		fputs("\"/>", f);
		free(why);
	} else if (strcmp(s, "na") == 0 || strcmp(s, "waived") == 0) {
		fprintf(f, "<skipped message=\"%s\"/>", rp_report_label(
		    "status", s));
	}
	fputs("</testcase>\n", f);
}

int
rp_render_junit(json_t *root, const char *lang, const char *template_dir, FILE *f,
    char **cause)
{
	json_t *t, *r, *per = json_object_get(json_object_get(root,
	    "summary"), "targets"), *cov = rp_report_coverage_by_target(root);
	json_t *byt = json_object(), *l;
	size_t i, j;

	json_array_foreach(json_object_get(root, "results"), i, r) {
		if ((l = json_object_get(byt, S(r, "target"))) == NULL) {
			l = json_array();
			json_object_set_new(byt, S(r, "target"), l);
		}
		json_array_append(l, r);
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "
	    "name=\"rempart\">\n", f);
	if (json_is_object(rp_report_coverage_of(root)))
		junit_coverage(root, f);
	json_array_foreach(json_object_get(root, "targets"), i, t) {
		json_t *c = json_object_get(per, S(t, "id"));
		json_t *st = json_object_get(c, "by_status");

		fputs("  <testsuite name=\"", f);
		rp_html(f, S(t, "id"));
		fprintf(f, "\" tests=\"%lld\" failures=\"%lld\" errors=\"%lld\" "
		    "skipped=\"%lld\">\n",
		    (long long)json_integer_value(json_object_get(c, "total")),
		    (long long)json_integer_value(json_object_get(st, "fail")),
		    (long long)json_integer_value(json_object_get(st, "error")),
		    (long long)(json_integer_value(json_object_get(st, "na")) +
		    json_integer_value(json_object_get(st, "waived"))));
		fputs("    <properties>\n", f);
		junit_property(f, "status", S(t, "status"));
		junit_property(f, "coverage", S(json_object_get(cov, S(t,
		    "id")), "coverage"));
		fputs("    </properties>\n", f);
		json_array_foreach(json_object_get(byt, S(t, "id")), j, r)
			junit_case(r, lang, f);
		fputs("  </testsuite>\n", f);
	}
	fputs("</testsuites>\n", f);
	json_decref(cov);
	json_decref(byt);
	return 0;
}
