/*
 * html.c -- the report as one self-contained HTML file: inline CSS (from
 * the template directory), inline SVG charts, no script, no external
 * resource; prints to a clean A4 PDF. Every value from a target goes
 * through rp_html().
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/json.h"
#include "core/model.h"
#include "core/xmalloc.h"
#include "parse/ldif.h"
#include "report/escape.h"
#include "report/i18n.h"
#include "report/report.h"
#include "core/banned.h"

#define TEMPLATE_MAX	(1024 * 1024)

struct html {
	FILE		*f;
	const char	*lang;
	json_t		*root;
	char		*css;
	char		*brand;
	char		*classification;
	char		*logo_b64;
	char		*header;	/* header.html fragment, or NULL */
	char		*footer;	/* footer.html fragment, or NULL */
};

/* The accessors of core/json.h, by the short names the renderers use. */
#define S(o, k)		rp_json_str((o), (k))
#define T(o, k, lang)	rp_json_text((o), (k), (lang))
#define I(o, k)		rp_json_int((o), (k))

static char *
slurp(const char *path, size_t *len)
{
	struct stat st;
	FILE *f;
	char *buf;
	size_t n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > TEMPLATE_MAX) {
		fclose(f);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	n = fread(buf, 1, (size_t)st.st_size, f);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = n;
	return buf;
}

/* brand.conf: "name = ...", "logo = file.svg"; anything else ignored. */
static void
load_brand(struct html *h, const char *dir)
{
	char *path = xasprintf("%s/brand.conf", dir), *conf, *line, *save = NULL;
	char *k, *v, *e, *logo;
	size_t len;

	conf = slurp(path, NULL);
	free(path);
	for (line = conf ? strtok_r(conf, "\n", &save) : NULL; line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		while (isspace((unsigned char)*line))
			line++;
		if (*line == '#' || (v = strchr(line, '=')) == NULL)
			continue;
		*v++ = '\0';
		for (k = line, e = v - 2; e > k && isspace((unsigned char)*e); e--)
			*e = '\0';
		while (isspace((unsigned char)*v))
			v++;
		for (e = v + strlen(v); e > v && isspace((unsigned char)e[-1]); )
			*--e = '\0';
		if (strcmp(k, "name") == 0) {
			free(h->brand);
			h->brand = xstrdup(v);
		} else if (strcmp(k, "classification") == 0) {
			free(h->classification);
			h->classification = xstrdup(v);
		} else if (strcmp(k, "logo") == 0 && strchr(v, '/') == NULL) {
			path = xasprintf("%s/%s", dir, v);
			if ((logo = slurp(path, &len)) != NULL) {
				free(h->logo_b64);
				h->logo_b64 = rp_base64_encode(
				    (unsigned char *)logo, len);
				free(logo);
			}
			free(path);
		}
	}
	free(conf);
}

/*
 * Fragments: header.html (top of the body) and footer.html (above the
 * footer) from the template directory, XHTML with {{placeholders}} that
 * are replaced by escaped values. The fragment is the organisation's own
 * file, like report.css; it may hold no script (the page's
 * Content-Security-Policy blocks scripts and external resources anyway).
 */
#define PLACEHOLDER_MAX	32

static const char *const placeholders[] = { "organisation", "reference",
	"generated_at", "brand", "title", "lang", "version", "classification",
	NULL };

static const char *
placeholder_value(struct html *h, const char *name, size_t len)
{
	json_t *inc = json_object_get(h->root, "incident");
	const char *v[] = { S(inc, "organisation"), S(inc, "reference"),
		S(h->root, "generated_at"), h->brand ? h->brand : PACKAGE_NAME,
		_("Remediation and hardening audit"), h->lang,
		PACKAGE_VERSION, h->classification ? h->classification : "" };
	size_t i;

	for (i = 0; placeholders[i] != NULL; i++)
		if (strlen(placeholders[i]) == len &&
		    strncmp(placeholders[i], name, len) == 0)
			return v[i];
	return NULL;
}

static int
has_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (strncasecmp(s, needle, n) == 0)
			return 1;
	return 0;
}

/* Load dir/name into *out (NULL when absent) after checking it. */
static int
load_fragment(struct html *h, const char *dir, const char *name, char **out,
    char **cause)
{
	char *path = xasprintf("%s/%s", dir, name), *t, *p, *e;
	int r = 0;

	*out = NULL;
	if (access(path, F_OK) != 0) {
		free(path);
		return 0;
	}
	if ((t = slurp(path, NULL)) == NULL) {
		r = rp_fail(cause, RP_ERR_INVALID, "template '%s': not a "
		    "readable file of at most %d bytes", path, TEMPLATE_MAX);
		goto out;
	}
	if (has_ci(t, "<script") || has_ci(t, "javascript:")) {
		r = rp_fail(cause, RP_ERR_INVALID, "template '%s': no script "
		    "in a report", path);
		goto out;
	}
	for (p = strstr(t, "{{"); p != NULL; p = strstr(e + 2, "{{")) {
		e = strstr(p + 2, "}}");
		if (e == NULL || e - p - 2 > PLACEHOLDER_MAX ||
		    placeholder_value(h, p + 2, (size_t)(e - p - 2)) == NULL) {
			r = rp_fail(cause, RP_ERR_INVALID, "template '%s': "
			    "unknown placeholder at byte %td (organisation, "
			    "reference, generated_at, brand, title, lang, "
			    "version, classification)", path, p - t);
			goto out;
		}
	}
	*out = t;
	t = NULL;	/* transferred */
out:
	free(t);
	free(path);
	return r;
}

static void
print_fragment(struct html *h, const char *t)
{
	const char *p, *e;

	if (t == NULL)
		return;
	while ((p = strstr(t, "{{")) != NULL) {
		e = strstr(p + 2, "}}");	/* checked at load */
		fwrite(t, 1, (size_t)(p - t), h->f);
		rp_html(h->f, placeholder_value(h, p + 2, (size_t)(e - p - 2)));
		t = e + 2;
	}
	fputs(t, h->f);
	if (*t == '\0' || t[strlen(t) - 1] != '\n')
		fputc('\n', h->f);
}

static void
sev_badge(FILE *f, const char *sev)
{
	fprintf(f, "<span class=\"sev sev-%s\">%s</span>",
	    rp_severity_parse(sev) >= 0 ? sev : "info",
	    rp_severity_parse(sev) >= 0 ? sev : "?");
}

static void
head(struct html *h)
{
	FILE *f = h->f;

	fprintf(f, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; img-src data:\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"/>\n<title>", h->lang);
	fputs(_("Remediation and hardening audit"), f);
	fputs("</title>\n<style>\n", f);
	/* the stylesheet is the organisation's own file: kept verbatim
	 * except that it cannot close the style element */
	if (h->css != NULL && strstr(h->css, "</") == NULL)
		fputs(h->css, f);
	fputs("\n</style>\n</head>\n<body>\n", f);
}

static void
cover(struct html *h)
{
	json_t *inc = json_object_get(h->root, "incident");
	FILE *f = h->f;
	size_t i;
	json_t *v;

	fputs("<header class=\"cover\"><div class=\"brand\">", f);
	if (h->logo_b64 != NULL)
		fprintf(f, "<img alt=\"\" src=\"data:image/svg+xml;base64,%s\"/>",
		    h->logo_b64);
	rp_html(f, h->brand ? h->brand : PACKAGE_NAME);
	fprintf(f, "</div><h1>%s</h1>\n",
	    _("Remediation and hardening audit: final incident report"));
	fputs("<table>", f);
	if (json_is_object(inc)) {
		static const char *const dates[][2] = {
			{ "compromise_start", N_("Compromise start") },
			{ "detection", N_("Detection") },
			{ "containment", N_("Containment") },
			{ "remediation", N_("Remediation completed") },
		};
		fprintf(f, "<tr><th>%s</th><td>", _("Organisation"));
		rp_html(f, S(inc, "organisation"));
		fputs(" (", f);
		rp_html(f, S(inc, "organisation_type"));
		fprintf(f, ")</td></tr><tr><th>%s</th><td>",
		    _("Incident reference"));
		rp_html(f, S(inc, "reference"));
		fputs("</td></tr>", f);
		for (i = 0; i < 4; i++) {
			if (*S(inc, dates[i][0]) == '\0')
				continue;
			fprintf(f, "<tr><th>%s</th><td>%s</td></tr>",
			    _(dates[i][1]),
			    S(inc, dates[i][0]));
		}
		fprintf(f, "<tr><th>%s</th><td>",
		    _("Known compromised accounts and hosts"));
		json_array_foreach(json_object_get(inc,
		    "compromised_accounts"), i, v) {
			rp_html(f, json_string_value(v));
			fputs(" ", f);
		}
		json_array_foreach(json_object_get(inc, "compromised_hosts"),
		    i, v) {
			rp_html(f, json_string_value(v));
			fputs(" ", f);
		}
		fprintf(f, "</td></tr><tr><th>%s</th><td>", _("Auditor"));
		rp_html(f, S(inc, "auditor"));
		fprintf(f, "</td></tr><tr><th>%s</th><td>", _("Recipients"));
		json_array_foreach(json_object_get(inc, "recipients"), i, v) {
			rp_html(f, json_string_value(v));
			fputs("<br/>", f);
		}
		fputs("</td></tr>", f);
	}
	fprintf(f, "<tr><th>%s</th><td>%s</td></tr></table>\n",
	    _("Audit time (UTC)"),
	    S(h->root, "generated_at"));
	if (json_is_true(json_object_get(json_object_get(h->root, "evidence"),
	    "partial")))
		fprintf(f, "<p class=\"warn\">%s</p>\n",
		    _("PARTIAL: the collection did not complete; results cover "
		    "what was collected."));
	fputs("</header>\n", f);
}

static void
toc(struct html *h)
{
	fprintf(h->f, "<nav class=\"toc\"><h2 class=\"first\">%s</h2><ol>"
	    "<li><a href=\"#summary\">%s</a></li>"
	    "<li><a href=\"#plan\">%s</a></li>"
	    "<li><a href=\"#targets\">%s</a></li>"
	    "<li><a href=\"#waivers\">%s</a></li>"
	    "<li><a href=\"#gaps\">%s</a></li>"
	    "<li><a href=\"#footprint\">%s</a></li>"
	    "<li><a href=\"#method\">%s</a></li></ol></nav>\n",
	    _("Contents"),
	    _("Executive summary"),
	    _("Remediation and hardening plan"),
	    _("Findings by target"),
	    _("Waivers"),
	    _("Not audited"),
	    _("Audit footprint"),
	    _("Method and scope"));
}

/* Horizontal bar chart, inline SVG: label, value, colour class. */
static void
svg_bars(FILE *f, const char *const *labels, const long long *vals,
    const char *const *colours, size_t n)
{
	long long max = 1;
	size_t i;
	int y;

	for (i = 0; i < n; i++)
		if (vals[i] > max)
			max = vals[i];
	fprintf(f, "<svg role=\"img\" width=\"520\" height=\"%zu\" "
	    "xmlns=\"http://www.w3.org/2000/svg\">", n * 26 + 4);
	for (i = 0; i < n; i++) {
		y = (int)i * 26 + 2;
		fprintf(f, "<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>"
		    "<rect x=\"110\" y=\"%d\" height=\"18\" width=\"%lld\" "
		    "style=\"fill:var(--%s)\"/><text x=\"%lld\" y=\"%d\" "
		    "font-size=\"12\">%lld</text>", y + 14, labels[i], y,
		    vals[i] * 360 / max, colours[i], 110 + vals[i] * 360 / max +
		    6, y + 14, vals[i]);
	}
	fputs("</svg>\n", f);
}

static long long
pct(long long a, long long b)
{
	return b > 0 ? (a * 100 + b / 2) / b : 100;
}

/* Score per module (area) and per baseline level: pass / (pass + fail). */
static void
score_table(struct html *h, const char *key, const char *title)
{
	json_t *acc = json_object(), *r, *e;
	const char *k;
	size_t i;

	json_array_foreach(json_object_get(h->root, "results"), i, r) {
		const char *st = S(r, "status");
		const char *name = S(r, key);

		if (strcmp(st, "pass") != 0 && strcmp(st, "fail") != 0)
			continue;
		if ((e = json_object_get(acc, name)) == NULL) {
			e = json_pack("{s:i,s:i}", "pass", 0, "fail", 0);
			json_object_set_new(acc, name, e);
		}
		json_integer_set(json_object_get(e, st),
		    json_integer_value(json_object_get(e, st)) + 1);
	}
	fprintf(h->f, "<h3>%s</h3><table><thead><tr><th>%s</th><th class=\"num\">"
	    "%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr>"
	    "</thead>", title, title, _("Compliant"),
	    _("Not compliant"), _("Score"));
	json_object_foreach(acc, k, e) {
		fputs("<tr><td>", h->f);
		rp_html(h->f, k);
		fprintf(h->f, "</td><td class=\"num\">%lld</td><td class=\"num\">"
		    "%lld</td><td class=\"num\">%lld %%</td></tr>", I(e, "pass"),
		    I(e, "fail"), pct(I(e, "pass"), I(e, "pass") + I(e, "fail")));
	}
	fputs("</table>\n", h->f);
	json_decref(acc);
}

/* Reference levels: each verdict next to the checkpoints its checks cite. */
static void
levels_table(struct html *h)
{
	json_t *a = json_object_get(h->root, "levels"), *l, *t, *rc, *oc, *cp;
	const char *id;
	size_t i;

	if (json_array_size(a) == 0)
		return;
	fprintf(h->f, "<h3>%s</h3><p class=\"muted\">%s</p><table><thead><tr>"
	    "<th>%s</th><th>%s</th><th class=\"num\">%s</th><th>%s</th>"
	    "<th>%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
	    "</tr></thead>", _("Reference levels"),
	    _("A level is judged only on the checks that cite the reference "
	    "at that level or below; the baseline's other checks "
	    "(post-incident, other references) are counted apart. "
	    "Checkpoints: how many of the reference's checkpoints up to that "
	    "level the baseline's checks cite."), _("Baseline"), _("Level"),
	    _("Checkpoints"), _("Target"), _("Verdict"),
	    _("Reference checks: pass / fail / error"),
	    _("Other checks: pass / fail"));
	json_array_foreach(a, i, l) {
		cp = json_object_get(l, "checkpoints");
		json_object_foreach(json_object_get(l, "targets"), id, t) {
			rc = json_object_get(t, "reference_checks");
			oc = json_object_get(t, "other_checks");
			fputs("<tr><td>", h->f);
			rp_html(h->f, S(l, "baseline"));
			fputs("</td><td>", h->f);
			rp_html(h->f, S(l, "level"));
			fprintf(h->f, "</td><td class=\"num\">%lld / ",
			    I(cp, "cited"));
			if (json_is_integer(json_object_get(cp, "in_reference")))
				fprintf(h->f, "%lld", I(cp, "in_reference"));
			else
				fputs("?", h->f);
			fputs("</td><td>", h->f);
			rp_html(h->f, id);
			fputs("</td><td>", h->f);
			rp_html(h->f, rp_report_level_verdict(S(t, "verdict")));
			fprintf(h->f, "</td><td class=\"num\">%lld / %lld / %lld"
			    "</td><td class=\"num\">%lld / %lld</td></tr>",
			    I(rc, "pass"), I(rc, "fail"), I(rc, "error"),
			    I(oc, "pass"), I(oc, "fail"));
		}
	}
	fputs("</table>\n", h->f);
}

static void
summary(struct html *h)
{
	static const char *const sev[] = { "critical", "high", "medium", "low",
		"info" };
	json_t *o = json_object_get(json_object_get(h->root, "summary"),
	    "overall"), *st = json_object_get(o, "by_status"), *sv, *a;
	long long vals[5], pass = I(st, "pass"), fail = I(st, "fail");
	size_t i;

	sv = json_object_get(o, "failed_by_severity");
	fprintf(h->f, "<h2 id=\"summary\">%s</h2>\n<div class=\"kpis\">",
	    _("Executive summary"));
	fprintf(h->f, "<div class=\"kpi\"><div class=\"v\">%lld %%</div>"
	    "<div class=\"l\">%s</div></div>", pct(pass, pass + fail),
	    _("overall score (compliant checks)"));
	fprintf(h->f, "<div class=\"kpi\"><div class=\"v\">%zu</div><div "
	    "class=\"l\">%s</div></div>", json_array_size(json_object_get(
	    h->root, "targets")), _("targets"));
	fprintf(h->f, "<div class=\"kpi\"><div class=\"v\">%lld</div><div "
	    "class=\"l\">%s</div></div>", fail, _("findings"));
	fprintf(h->f, "<div class=\"kpi\"><div class=\"v\">%zu</div><div "
	    "class=\"l\">%s</div></div></div>\n", json_array_size(
	    json_object_get(h->root, "plan")), _("actions in the "
	    "plan"));
	for (i = 0; i < 5; i++)
		vals[i] = I(sv, sev[i]);
	fprintf(h->f, "<h3>%s</h3>", _("Findings by severity"));
	svg_bars(h->f, sev, vals, sev, 5);
	score_table(h, "module", _("Area"));
	levels_table(h);
	fprintf(h->f, "<h3>%s</h3><ol>", _("Top actions"));
	json_array_foreach(json_object_get(h->root, "plan"), i, a) {
		if (i >= 5)
			break;
		fputs("<li>", h->f);
		sev_badge(h->f, S(a, "severity"));
		fputs(" ", h->f);
		rp_html(h->f, T(a, "title", h->lang));
		fprintf(h->f, " <span class=\"muted\">(%zu %s)</span></li>",
		    json_array_size(json_object_get(a, "targets")),
		    _("targets"));
	}
	fputs("</ol>\n", h->f);
}

static void
refs(FILE *f, json_t *r)
{
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(r, "references"), i, v) {
		fputs(i ? ", <code>" : "<code>", f);
		rp_html(f, json_string_value(v));
		fputs("</code>", f);
	}
}

static void
plan(struct html *h)
{
	static const char *const phases[] = { "immediate", "remediation",
		"quick-wins", "medium-term", "long-term" };
	json_t *p = json_object_get(h->root, "plan"), *a, *t;
	size_t i, j, k;
	FILE *f = h->f;

	fprintf(f, "<h2 id=\"plan\">%s</h2>\n",
	    _("Remediation and hardening plan"));
	if (json_array_size(p) == 0)
		fprintf(f, "<p>%s</p>", _("No action: no finding."));
	for (k = 0; k < 5; k++) {
		int any = 0;

		json_array_foreach(p, i, a) {
			if (strcmp(S(a, "phase"), phases[k]) != 0)
				continue;
			if (!any++)
				fprintf(f, "<h3>%s</h3><table><thead><tr><th>#"
				    "</th><th>%s</th><th>%s</th><th>%s</th>"
				    "</tr></thead>\n", rp_report_phase_title(phases[k],
				    h->lang), _("Action"),
				    _("What to do"),
				    _("Where"));
			fprintf(f, "<tr><td class=\"num\">%lld</td><td>",
			    I(a, "rank"));
			sev_badge(f, S(a, "severity"));
			fprintf(f, " <code>%s</code> ", S(a, "check"));
			rp_html(f, T(a, "title", h->lang));
			fprintf(f, "<br/><span class=\"muted\">%s %s · ",
			    _("effort"), S(a, "effort"));
			refs(f, a);
			fputs("</span></td><td>", f);
			rp_html(f, T(a, "remediation", h->lang));
			fprintf(f, "</td><td>%zu: ", json_array_size(
			    json_object_get(a, "targets")));
			json_array_foreach(json_object_get(a, "targets"), j, t) {
				fputs(j ? ", " : "", f);
				rp_html(f, json_string_value(t));
			}
			fputs("</td></tr>\n", f);
		}
		if (any)
			fputs("</table>\n", f);
	}
}

static void
target_findings(struct html *h, json_t *t)
{
	json_t *r;
	size_t i;
	int any = 0;
	FILE *f = h->f;

	json_array_foreach(json_object_get(h->root, "results"), i, r) {
		if (strcmp(S(r, "target"), S(t, "id")) != 0 ||
		    strcmp(S(r, "status"), "fail") != 0)
			continue;
		if (!any++)
			fprintf(f, "<table><thead><tr><th>%s</th><th>%s</th>"
			    "<th>%s</th></tr></thead>", _("Check"),
			    _("Observed"),
			    _("Expected"));
		fputs("<tr><td>", f);
		sev_badge(f, S(r, "severity"));
		fprintf(f, " <code>%s</code> ", S(r, "check"));
		rp_html(f, T(r, "title", h->lang));
		fputs("</td><td>", f);
		rp_html(f, S(r, "observed"));
		if (*S(r, "evidence")) {
			fputs("<pre>", f);
			rp_html(f, S(r, "evidence"));
			fputs("</pre>", f);
		}
		fprintf(f, "</td><td>%s ", S(r, "operator"));
		rp_html(f, S(r, "expected"));
		fputs("</td></tr>\n", f);
	}
	if (any)
		fputs("</table>\n", f);
	else
		fprintf(f, "<p>%s</p>\n", _("No finding."));
}

static void
targets(struct html *h)
{
	json_t *t, *per = json_object_get(json_object_get(h->root, "summary"),
	    "targets"), *c;
	size_t i;
	FILE *f = h->f;

	fprintf(f, "<h2 id=\"targets\">%s</h2>\n", _("Findings by target"));
	json_array_foreach(json_object_get(h->root, "targets"), i, t) {
		c = json_object_get(json_object_get(per, S(t, "id")),
		    "by_status");
		fputs("<h3>", f);
		rp_html(f, S(t, "id"));
		fprintf(f, " <span class=\"muted\">%s · ", S(t, "kind"));
		rp_html(f, S(t, "address"));
		if (*S(t, "role")) {
			fputs(" · ", f);
			rp_html(f, S(t, "role"));
		}
		fprintf(f, " · %s · %lld %s, %lld %s</span></h3>\n",
		    S(t, "status"), I(c, "fail"), _("failed"), I(c, "pass"),
		    _("passed"));
		if (*S(t, "error")) {
			fputs("<p class=\"warn\">", f);
			rp_html(f, S(t, "error"));
			fputs("</p>", f);
		}
		target_findings(h, t);
	}
}

static void
waivers(struct html *h)
{
	json_t *r, *w;
	size_t i;
	int any = 0;
	FILE *f = h->f;

	fprintf(f, "<h2 id=\"waivers\">%s</h2>\n", _("Waivers"));
	json_array_foreach(json_object_get(h->root, "results"), i, r) {
		if (!json_is_object(w = json_object_get(r, "waiver")))
			continue;
		if (!any++)
			fprintf(f, "<table><thead><tr><th>%s</th><th>%s</th>"
			    "<th>%s</th><th>%s</th><th>%s</th></tr></thead>",
			    _("Check"), _("Target"), _("Owner"), _("Expires"),
			    _("Justification"));
		fprintf(f, "<tr><td><code>%s</code></td><td>", S(r, "check"));
		rp_html(f, S(r, "target"));
		fputs("</td><td>", f);
		rp_html(f, S(w, "owner"));
		fputs("</td><td>", f);
		rp_html(f, S(w, "expires"));
		if (json_is_true(json_object_get(w, "expired")))
			fprintf(f, " <span class=\"sev sev-high\">%s</span>",
			    _("EXPIRED: finding again"));
		fputs("</td><td>", f);
		rp_html(f, S(w, "justification"));
		fputs("</td></tr>\n", f);
	}
	if (any)
		fputs("</table>\n", f);
	else
		fprintf(f, "<p>%s</p>\n", _("No waiver."));
}

static void
gaps(struct html *h)
{
	json_t *t, *r;
	size_t i;
	int any = 0;
	FILE *f = h->f;

	fprintf(f, "<h2 id=\"gaps\">%s</h2>\n<p>%s</p><ul>",
	    _("What could not be audited"),
	    _("Nothing here counts as compliant: rerun once the "
	    "cause is fixed."));
	json_array_foreach(json_object_get(h->root, "targets"), i, t) {
		if (strcmp(S(t, "status"), "ok") == 0)
			continue;
		any++;
		fputs("<li><b>", f);
		rp_html(f, S(t, "id"));
		fprintf(f, "</b>: %s. ", S(t, "status"));
		rp_html(f, S(t, "error"));
		fputs("</li>", f);
	}
	if (!any)
		fprintf(f, "<li>%s</li>", _("Every target was "
		    "reached."));
	fputs("</ul>", f);
	fprintf(f, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
	    "</tr></thead>", _("Target"), _("Check"), _("Reason"));
	json_array_foreach(json_object_get(h->root, "results"), i, r) {
		if (strcmp(S(r, "status"), "error") != 0)
			continue;
		fputs("<tr><td>", f);
		rp_html(f, S(r, "target"));
		fprintf(f, "</td><td><code>%s</code></td><td>", S(r, "check"));
		rp_html(f, S(r, "reason"));
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* What the audit itself left on the targets: to remove afterwards. */
static void
footprint(struct html *h)
{
	json_t *t, *x;
	size_t i, j;
	char *txt;
	int any = 0;
	FILE *f = h->f;

	fprintf(f, "<h2 id=\"footprint\">%s</h2>\n<p>%s</p>", _("Audit footprint"), _("Access "
	    "granted for the audit itself: not counted as findings. Remove "
	    "it once the audit is over (or keep it under the same control "
	    "as any administrator access)."));
	json_array_foreach(json_object_get(h->root, "targets"), i, t) {
		json_array_foreach(json_object_get(t, "footprint"), j, x) {
			if (!any++)
				fprintf(f, "<table><thead><tr><th>%s</th>"
				    "<th>%s</th></tr></thead>", _("Target"), _("To remove after the audit"));
			fputs("<tr><td>", f);
			rp_html(f, S(t, "id"));
			fputs("</td><td>", f);
			txt = rp_report_footprint_text(x, h->lang);
			rp_html(f, txt);
			free(txt);
			fputs("</td></tr>\n", f);
		}
	}
	if (any)
		fputs("</table>\n", f);
	else
		fprintf(f, "<p>%s</p>\n", _("None recorded."));
}

static void
method(struct html *h)
{
	json_t *b, *ev = json_object_get(h->root, "evidence");
	size_t i;
	FILE *f = h->f;

	fprintf(f, "<h2 id=\"method\">%s</h2>\n<p>%s</p><ul>",
	    _("Method and scope"),
	    _("Evidence was collected with read-only probes (SSH, LDAP) and "
	    "evaluated offline against the baselines below. Results are as "
	    "reported by the targets, which may still be compromised."));
	json_array_foreach(json_object_get(h->root, "baselines"), i, b) {
		fprintf(f, "<li><code>%s</code> (%s, %lld %s): ", S(b, "id"),
		    S(b, "kind"), I(b, "checks"), _("checks"));
		rp_html(f, T(b, "title", h->lang));
		fputs("</li>", f);
	}
	fprintf(f, "</ul><p>%s: %s → %s. %s %s %s.</p>\n", _("Collection"),
	    S(ev, "started_at"),
	    S(ev, "finished_at"), _("Report by"), PACKAGE_NAME,
	    PACKAGE_VERSION);
}

static void
since(struct html *h)
{
	static const char *const kinds[] = { "new", "regressed", "fixed",
		"still-open" };
	json_t *sn = json_object_get(h->root, "since"), *c, *it, *v;
	size_t i, j, k;
	FILE *f = h->f;

	if (!json_is_object(sn))
		return;
	c = json_object_get(sn, "counts");
	fprintf(f, "<h2 id=\"since\">%s</h2>\n<div class=\"kpis\">",
	    _("Since the last audit"));
	fprintf(f, "<div class=\"kpi\"><div class=\"v\">%.1f %% → %.1f %%</div>"
	    "<div class=\"l\">%s %s</div></div>", json_number_value(
	    json_object_get(json_object_get(sn, "previous"), "score")),
	    json_number_value(json_object_get(sn, "score")), _("score since"),
	    S(json_object_get(sn,
	    "previous"), "generated_at"));
	for (k = 0; k < 4; k++)
		fprintf(f, "<div class=\"kpi\"><div class=\"v\">%lld</div>"
		    "<div class=\"l\">%s</div></div>", I(c, kinds[k]),
		    kinds[k]);
	fprintf(f, "</div><table><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
	    "<th>%s</th></tr></thead>\n", _("Change"),
	    _("Check"), _("Target"),
	    _("Appeared / gone"));
	for (k = 0; k < 4; k++) {
		json_array_foreach(json_object_get(sn, "items"), i, it) {
			if (strcmp(S(it, "change"), kinds[k]) != 0 ||
			    (k == 3 && json_array_size(json_object_get(it,
			    "appeared")) + json_array_size(json_object_get(it,
			    "gone")) == 0))
				continue;
			fprintf(f, "<tr><td>%s</td><td><code>%s</code> ",
			    kinds[k], S(it, "check"));
			rp_html(f, T(it, "title", h->lang));
			fputs("</td><td>", f);
			rp_html(f, S(it, "target"));
			fputs("</td><td>", f);
			json_array_foreach(json_object_get(it, "appeared"), j, v) {
				fputs(j ? ", " : "+ ", f);
				rp_html(f, json_string_value(v));
			}
			json_array_foreach(json_object_get(it, "gone"), j, v) {
				fputs(j ? ", " : " − ", f);
				rp_html(f, json_string_value(v));
			}
			fputs("</td></tr>\n", f);
		}
	}
	fputs("</table>\n", f);
}

int
rp_report_html(json_t *root, const char *lang, const char *template_dir,
    FILE *f, char **cause)
{
	struct html h;
	char *css;
	int r = 0;

	memset(&h, 0, sizeof(h));
	h.f = f;
	h.lang = lang;
	h.root = root;
	css = xasprintf("%s/report.css", template_dir);
	h.css = slurp(css, NULL);
	free(css);
	if (h.css == NULL)
		return rp_fail(cause, RP_ERR_NOT_FOUND, "template directory "
		    "'%s' has no readable report.css", template_dir);
	load_brand(&h, template_dir);
	if ((r = load_fragment(&h, template_dir, "header.html", &h.header,
	    cause)) != 0 || (r = load_fragment(&h, template_dir,
	    "footer.html", &h.footer, cause)) != 0)
		goto out;
	head(&h);
	print_fragment(&h, h.header);
	cover(&h);
	toc(&h);
	summary(&h);
	since(&h);
	plan(&h);
	targets(&h);
	waivers(&h);
	gaps(&h);
	footprint(&h);
	method(&h);
	print_fragment(&h, h.footer);
	fprintf(f, "<footer>%s %s %s · %s</footer>\n</body>\n</html>\n",
	    _("Generated by"), PACKAGE_NAME,
	    PACKAGE_VERSION, S(root, "generated_at"));
	if (ferror(f))
		r = rp_fail(cause, RP_ERR_IO, "write error");
out:
	free(h.css);
	free(h.brand);
	free(h.classification);
	free(h.logo_b64);
	free(h.header);
	free(h.footer);
	return r;
}
