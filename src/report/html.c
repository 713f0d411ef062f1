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
#include <sys/stat.h>

#include "core/err.h"
#include "core/model.h"
#include "core/xmalloc.h"
#include "parse/ldif.h"
#include "report/escape.h"
#include "report/report.h"
#include "core/banned.h"

#define TR(lang, en, fr) (strcmp((lang), "fr") == 0 ? (fr) : (en))
#define TEMPLATE_MAX	(1024 * 1024)

struct html {
	FILE		*f;
	const char	*lang;
	json_t		*root;
	char		*css;
	char		*brand;
	char		*logo_b64;
};

static const char *
S(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static const char *
T(json_t *o, const char *k, const char *lang)
{
	json_t *t = json_object_get(o, k);
	const char *a = json_string_value(json_object_get(t, lang));

	if (a == NULL || *a == '\0')
		a = json_string_value(json_object_get(t,
		    strcmp(lang, "fr") == 0 ? "en" : "fr"));
	return a ? a : "";
}

static long long
I(json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

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
	fputs(TR(h->lang, "Remediation and hardening audit",
	    "Audit de remédiation et de durcissement"), f);
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
	fprintf(f, "</div><h1>%s</h1>\n", TR(h->lang,
	    "Remediation and hardening audit: final incident report",
	    "Audit de remédiation et de durcissement : rapport final "
	    "d'incident"));
	fputs("<table>", f);
	if (json_is_object(inc)) {
		static const char *const dates[][3] = {
			{ "compromise_start", "Compromise start",
			    "Début de la compromission" },
			{ "detection", "Detection", "Détection" },
			{ "containment", "Containment", "Confinement" },
			{ "remediation", "Remediation completed",
			    "Remédiation terminée" },
		};
		fprintf(f, "<tr><th>%s</th><td>", TR(h->lang, "Organisation",
		    "Établissement"));
		rp_html(f, S(inc, "organisation"));
		fputs(" (", f);
		rp_html(f, S(inc, "organisation_type"));
		fprintf(f, ")</td></tr><tr><th>%s</th><td>", TR(h->lang,
		    "Incident reference", "Référence de l'incident"));
		rp_html(f, S(inc, "reference"));
		fputs("</td></tr>", f);
		for (i = 0; i < 4; i++) {
			if (*S(inc, dates[i][0]) == '\0')
				continue;
			fprintf(f, "<tr><th>%s</th><td>%s</td></tr>",
			    TR(h->lang, dates[i][1], dates[i][2]),
			    S(inc, dates[i][0]));
		}
		fprintf(f, "<tr><th>%s</th><td>", TR(h->lang,
		    "Known compromised accounts and hosts",
		    "Comptes et hôtes compromis connus"));
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
		fprintf(f, "</td></tr><tr><th>%s</th><td>", TR(h->lang,
		    "Auditor", "Auditeur"));
		rp_html(f, S(inc, "auditor"));
		fprintf(f, "</td></tr><tr><th>%s</th><td>", TR(h->lang,
		    "Recipients", "Destinataires"));
		json_array_foreach(json_object_get(inc, "recipients"), i, v) {
			rp_html(f, json_string_value(v));
			fputs("<br/>", f);
		}
		fputs("</td></tr>", f);
	}
	fprintf(f, "<tr><th>%s</th><td>%s</td></tr></table>\n", TR(h->lang,
	    "Audit time (UTC)", "Date de l'audit (UTC)"),
	    S(h->root, "generated_at"));
	if (json_is_true(json_object_get(json_object_get(h->root, "evidence"),
	    "partial")))
		fprintf(f, "<p class=\"warn\">%s</p>\n", TR(h->lang,
		    "PARTIAL: the collection did not complete; results cover "
		    "what was collected.", "PARTIEL : la collecte n'est pas "
		    "allée à son terme ; les résultats couvrent ce qui a été "
		    "collecté."));
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
	    TR(h->lang, "Contents", "Sommaire"),
	    TR(h->lang, "Executive summary", "Synthèse"),
	    TR(h->lang, "Remediation and hardening plan",
	    "Plan de remédiation et de durcissement"),
	    TR(h->lang, "Findings by target", "Constats par cible"),
	    TR(h->lang, "Waivers", "Dérogations"),
	    TR(h->lang, "Not audited", "Non audité"),
	    TR(h->lang, "Audit footprint", "Traces de l'audit"),
	    TR(h->lang, "Method and scope", "Méthode et périmètre"));
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
	    "</thead>", title, title, TR(h->lang, "Compliant", "Conformes"),
	    TR(h->lang, "Not compliant", "Non conformes"), TR(h->lang,
	    "Score", "Score"));
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
	    TR(h->lang, "Executive summary", "Synthèse"));
	fprintf(h->f, "<div class=\"kpi\"><div class=\"v\">%lld %%</div>"
	    "<div class=\"l\">%s</div></div>", pct(pass, pass + fail),
	    TR(h->lang, "overall score (compliant checks)",
	    "score global (contrôles conformes)"));
	fprintf(h->f, "<div class=\"kpi\"><div class=\"v\">%zu</div><div "
	    "class=\"l\">%s</div></div>", json_array_size(json_object_get(
	    h->root, "targets")), TR(h->lang, "targets", "cibles"));
	fprintf(h->f, "<div class=\"kpi\"><div class=\"v\">%lld</div><div "
	    "class=\"l\">%s</div></div>", fail, TR(h->lang, "findings",
	    "constats"));
	fprintf(h->f, "<div class=\"kpi\"><div class=\"v\">%zu</div><div "
	    "class=\"l\">%s</div></div></div>\n", json_array_size(
	    json_object_get(h->root, "plan")), TR(h->lang, "actions in the "
	    "plan", "actions au plan"));
	for (i = 0; i < 5; i++)
		vals[i] = I(sv, sev[i]);
	fprintf(h->f, "<h3>%s</h3>", TR(h->lang, "Findings by severity",
	    "Constats par sévérité"));
	svg_bars(h->f, sev, vals, sev, 5);
	score_table(h, "module", TR(h->lang, "Area", "Domaine"));
	score_table(h, "level", TR(h->lang, "Baseline level",
	    "Niveau du référentiel"));
	fprintf(h->f, "<h3>%s</h3><ol>", TR(h->lang, "Top actions",
	    "Actions prioritaires"));
	json_array_foreach(json_object_get(h->root, "plan"), i, a) {
		if (i >= 5)
			break;
		fputs("<li>", h->f);
		sev_badge(h->f, S(a, "severity"));
		fputs(" ", h->f);
		rp_html(h->f, T(a, "title", h->lang));
		fprintf(h->f, " <span class=\"muted\">(%zu %s)</span></li>",
		    json_array_size(json_object_get(a, "targets")), TR(h->lang,
		    "targets", "cibles"));
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

	fprintf(f, "<h2 id=\"plan\">%s</h2>\n", TR(h->lang,
	    "Remediation and hardening plan",
	    "Plan de remédiation et de durcissement"));
	if (json_array_size(p) == 0)
		fprintf(f, "<p>%s</p>", TR(h->lang, "No action: no finding.",
		    "Aucune action : aucun constat."));
	for (k = 0; k < 5; k++) {
		int any = 0;

		json_array_foreach(p, i, a) {
			if (strcmp(S(a, "phase"), phases[k]) != 0)
				continue;
			if (!any++)
				fprintf(f, "<h3>%s</h3><table><thead><tr><th>#"
				    "</th><th>%s</th><th>%s</th><th>%s</th>"
				    "</tr></thead>\n", rp_report_phase_title(phases[k],
				    h->lang), TR(h->lang, "Action", "Action"),
				    TR(h->lang, "What to do", "À faire"),
				    TR(h->lang, "Where", "Où"));
			fprintf(f, "<tr><td class=\"num\">%lld</td><td>",
			    I(a, "rank"));
			sev_badge(f, S(a, "severity"));
			fprintf(f, " <code>%s</code> ", S(a, "check"));
			rp_html(f, T(a, "title", h->lang));
			fprintf(f, "<br/><span class=\"muted\">%s %s · ",
			    TR(h->lang, "effort", "effort"), S(a, "effort"));
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
			    "<th>%s</th></tr></thead>", TR(h->lang, "Check",
			    "Contrôle"), TR(h->lang, "Observed", "Constaté"),
			    TR(h->lang, "Expected", "Attendu"));
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
		fprintf(f, "<p>%s</p>\n", TR(h->lang, "No finding.",
		    "Aucun constat."));
}

static void
targets(struct html *h)
{
	json_t *t, *per = json_object_get(json_object_get(h->root, "summary"),
	    "targets"), *c;
	size_t i;
	FILE *f = h->f;

	fprintf(f, "<h2 id=\"targets\">%s</h2>\n", TR(h->lang,
	    "Findings by target", "Constats par cible"));
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
		    S(t, "status"), I(c, "fail"), TR(h->lang, "failed",
		    "non conformes"), I(c, "pass"), TR(h->lang, "passed",
		    "conformes"));
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

	fprintf(f, "<h2 id=\"waivers\">%s</h2>\n", TR(h->lang, "Waivers",
	    "Dérogations"));
	json_array_foreach(json_object_get(h->root, "results"), i, r) {
		if (!json_is_object(w = json_object_get(r, "waiver")))
			continue;
		if (!any++)
			fprintf(f, "<table><thead><tr><th>%s</th><th>%s</th>"
			    "<th>%s</th><th>%s</th><th>%s</th></tr></thead>",
			    TR(h->lang, "Check", "Contrôle"), TR(h->lang,
			    "Target", "Cible"), TR(h->lang, "Owner",
			    "Responsable"), TR(h->lang, "Expires", "Échéance"),
			    TR(h->lang, "Justification", "Justification"));
		fprintf(f, "<tr><td><code>%s</code></td><td>", S(r, "check"));
		rp_html(f, S(r, "target"));
		fputs("</td><td>", f);
		rp_html(f, S(w, "owner"));
		fputs("</td><td>", f);
		rp_html(f, S(w, "expires"));
		if (json_is_true(json_object_get(w, "expired")))
			fprintf(f, " <span class=\"sev sev-high\">%s</span>",
			    TR(h->lang, "EXPIRED: finding again",
			    "EXPIRÉE : constat à nouveau"));
		fputs("</td><td>", f);
		rp_html(f, S(w, "justification"));
		fputs("</td></tr>\n", f);
	}
	if (any)
		fputs("</table>\n", f);
	else
		fprintf(f, "<p>%s</p>\n", TR(h->lang, "No waiver.",
		    "Aucune dérogation."));
}

static void
gaps(struct html *h)
{
	json_t *t, *r;
	size_t i;
	int any = 0;
	FILE *f = h->f;

	fprintf(f, "<h2 id=\"gaps\">%s</h2>\n<p>%s</p><ul>", TR(h->lang,
	    "What could not be audited", "Ce qui n'a pas pu être audité"),
	    TR(h->lang, "Nothing here counts as compliant: rerun once the "
	    "cause is fixed.", "Rien ici ne compte comme conforme : relancer "
	    "l'audit une fois la cause corrigée."));
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
		fprintf(f, "<li>%s</li>", TR(h->lang, "Every target was "
		    "reached.", "Toutes les cibles ont été atteintes."));
	fputs("</ul>", f);
	fprintf(f, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
	    "</tr></thead>", TR(h->lang, "Target", "Cible"), TR(h->lang,
	    "Check", "Contrôle"), TR(h->lang, "Reason", "Raison"));
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

	fprintf(f, "<h2 id=\"footprint\">%s</h2>\n<p>%s</p>", TR(h->lang,
	    "Audit footprint", "Traces de l'audit"), TR(h->lang, "Access "
	    "granted for the audit itself: not counted as findings. Remove "
	    "it once the audit is over (or keep it under the same control "
	    "as any administrator access).", "Accès accordés pour l'audit "
	    "lui-même : ils ne comptent pas comme constats. Les retirer une "
	    "fois l'audit terminé (ou les garder sous le même contrôle que "
	    "tout accès d'administration)."));
	json_array_foreach(json_object_get(h->root, "targets"), i, t) {
		json_array_foreach(json_object_get(t, "footprint"), j, x) {
			if (!any++)
				fprintf(f, "<table><thead><tr><th>%s</th>"
				    "<th>%s</th></tr></thead>", TR(h->lang,
				    "Target", "Cible"), TR(h->lang,
				    "To remove after the audit",
				    "À retirer après l'audit"));
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
		fprintf(f, "<p>%s</p>\n", TR(h->lang, "None recorded.",
		    "Aucune relevée."));
}

static void
method(struct html *h)
{
	json_t *b, *ev = json_object_get(h->root, "evidence");
	size_t i;
	FILE *f = h->f;

	fprintf(f, "<h2 id=\"method\">%s</h2>\n<p>%s</p><ul>", TR(h->lang,
	    "Method and scope", "Méthode et périmètre"), TR(h->lang,
	    "Evidence was collected with read-only probes (SSH, LDAP) and "
	    "evaluated offline against the baselines below. Results are as "
	    "reported by the targets, which may still be compromised.",
	    "Les éléments ont été collectés par des sondes en lecture seule "
	    "(SSH, LDAP) puis évalués hors ligne selon les référentiels "
	    "ci-dessous. Les résultats sont ceux que rapportent les cibles, "
	    "qui peuvent être encore compromises."));
	json_array_foreach(json_object_get(h->root, "baselines"), i, b) {
		fprintf(f, "<li><code>%s</code> (%s, %lld %s): ", S(b, "id"),
		    S(b, "kind"), I(b, "checks"), TR(h->lang, "checks",
		    "contrôles"));
		rp_html(f, T(b, "title", h->lang));
		fputs("</li>", f);
	}
	fprintf(f, "</ul><p>%s: %s → %s. %s %s %s.</p>\n", TR(h->lang,
	    "Collection", "Collecte"), S(ev, "started_at"),
	    S(ev, "finished_at"), TR(h->lang, "Report by", "Rapport produit "
	    "par"), PACKAGE_NAME, PACKAGE_VERSION);
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
	    TR(h->lang, "Since the last audit", "Depuis le dernier audit"));
	fprintf(f, "<div class=\"kpi\"><div class=\"v\">%.1f %% → %.1f %%</div>"
	    "<div class=\"l\">%s %s</div></div>", json_number_value(
	    json_object_get(json_object_get(sn, "previous"), "score")),
	    json_number_value(json_object_get(sn, "score")), TR(h->lang,
	    "score since", "score depuis le"), S(json_object_get(sn,
	    "previous"), "generated_at"));
	for (k = 0; k < 4; k++)
		fprintf(f, "<div class=\"kpi\"><div class=\"v\">%lld</div>"
		    "<div class=\"l\">%s</div></div>", I(c, kinds[k]),
		    kinds[k]);
	fprintf(f, "</div><table><thead><tr><th>%s</th><th>%s</th><th>%s</th>"
	    "<th>%s</th></tr></thead>\n", TR(h->lang, "Change", "Évolution"),
	    TR(h->lang, "Check", "Contrôle"), TR(h->lang, "Target", "Cible"),
	    TR(h->lang, "Appeared / gone", "Apparus / disparus"));
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
	head(&h);
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
	fprintf(f, "<footer>%s %s %s · %s</footer>\n</body>\n</html>\n",
	    TR(lang, "Generated by", "Produit par"), PACKAGE_NAME,
	    PACKAGE_VERSION, S(root, "generated_at"));
	free(h.css);
	free(h.brand);
	free(h.logo_b64);
	return ferror(f) ? rp_fail(cause, RP_ERR_IO, "write error") : 0;
}
