/*
 * html.c -- the report as one self-contained HTML file: inline CSS (from
 * the template directory), inline SVG charts, no script, no external
 * resource; prints to a clean A4 PDF. Every value from a target goes
 * through rp_html().
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/HTMLparser.h>

#include "core/base64.h"
#include "core/err.h"
#include "core/file.h"
#include "core/log.h"
#include "core/json.h"
#include "core/model.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "report/escape.h"
#include "report/i18n.h"
#include "report/render.h"
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
	json_t		*bytarget;	/* target id -> its results */
	int		 nowaiver;	/* the waivers section is one line */
};

/*
 * Template files are read through the safe reader: a regular file of at
 * most TEMPLATE_MAX bytes, never through a symbolic link (a logo.svg
 * pointing at /etc/shadow is refused, not embedded). *cause names the
 * file; RP_ERR_NOT_FOUND when it is absent.
 */
static int
slurp(const char *path, char **out, size_t *len, char **cause)
{
	int r = rp_file_read(path, TEMPLATE_MAX, out, len, cause);

	/* a template that is there but not a plain file: bad input */
	return r == 0 || r == RP_ERR_NOT_FOUND ? r : RP_ERR_INVALID;
}

/*
 * brand.conf: "name = ...", "logo = file.svg", "classification = ...";
 * anything else ignored. An absent brand.conf is no error; a logo named
 * there must be a regular file in the directory.
 */
static int
load_brand(struct html *h, const char *dir, char **cause)
{
	char *path = xasprintf("%s/brand.conf", dir), *conf = NULL, *line;
	char *k, *v, *e, *logo, *save = NULL;
	size_t len;
	int r;

	r = slurp(path, &conf, NULL, cause);
	free(path);
	if (r == RP_ERR_NOT_FOUND)
		return 0;
	if (r != 0)
		return r;
	if (!rp_utf8_valid(conf, strlen(conf))) {
		free(conf);
		return rp_fail(cause, RP_ERR_INVALID, "template '%s/brand.conf'"
		    ": not UTF-8 text", dir);
	}
	for (save = conf; (line = rp_next_token(&save, "\n")) != NULL &&
	    r == 0;) {
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
		} else if (strcmp(k, "logo") == 0) {
			if (strchr(v, '/') != NULL) {
				r = rp_fail(cause, RP_ERR_INVALID, "template "
				    "'%s/brand.conf': logo '%s' must be a file "
				    "name in the directory", dir, v);
				break;
			}
			path = xasprintf("%s/%s", dir, v);
			if ((r = slurp(path, &logo, &len, cause)) == 0) {
				free(h->logo_b64);
				h->logo_b64 = rp_base64_encode(
				    (unsigned char *)logo, len);
				free(logo);
			}
			free(path);
		}
	}
	free(conf);
	return r;
}

/*
 * Fragments: header.html (top of the body) and footer.html (above the
 * footer) from the template directory, with {{placeholders}}. A fragment
 * is parsed with libxml2's HTML parser and written back as XHTML from an
 * allow-list: the elements of ok_tags and the attributes of ok_attrs;
 * anything else (script, style, meta, form, iframe, object, event
 * attributes, a style attribute) refuses the template. Values are escaped
 * for where they land: text, or a double-quoted attribute value; no
 * placeholder can reach a URL (href, src) or CSS (no style at all).
 */
#define PLACEHOLDER_MAX	32

static const char *const placeholders[] = { "organisation", "reference",
	"generated_at", "brand", "title", "lang", "version", "classification",
	NULL };

static const char *const ok_tags[] = { "a", "abbr", "b", "blockquote",
	"br", "caption", "code", "dd", "div", "dl", "dt", "em", "h1", "h2",
	"h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre",
	"small", "span", "strong", "sub", "sup", "table", "tbody", "td",
	"tfoot", "th", "thead", "tr", "u", "ul", NULL };

/* Void elements, written as <br/>. */
static const char *const void_tags[] = { "br", "hr", "img", NULL };

/* tag ("*": any allowed tag) and attribute */
static const char *const ok_attrs[][2] = {
	{ "*", "class" }, { "*", "title" }, { "*", "lang" }, { "*", "dir" },
	{ "a", "href" }, { "img", "src" }, { "img", "alt" },
	{ "img", "width" }, { "img", "height" }, { "td", "colspan" },
	{ "td", "rowspan" }, { "th", "colspan" }, { "th", "rowspan" },
};

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
			return v[i] ? v[i] : "";
	return NULL;
}

static int
in_list(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

static int
attr_ok(const char *tag, const char *attr)
{
	size_t i;

	for (i = 0; i < sizeof(ok_attrs) / sizeof(ok_attrs[0]); i++)
		if ((strcmp(ok_attrs[i][0], "*") == 0 ||
		    strcmp(ok_attrs[i][0], tag) == 0) &&
		    strcmp(ok_attrs[i][1], attr) == 0)
			return 1;
	return 0;
}

/* A link or image URL, fixed by the template (no placeholder in it). */
static int
url_ok(const char *attr, const char *v)
{
	if (strstr(v, "{{") != NULL)
		return 0;
	if (strcmp(attr, "href") == 0)
		return strncasecmp(v, "https://", 8) == 0 ||
		    strncasecmp(v, "mailto:", 7) == 0 || v[0] == '#';
	return strncmp(v, "data:image/png;base64,", 22) == 0 ||
	    strncmp(v, "data:image/jpeg;base64,", 23) == 0 ||
	    strncmp(v, "data:image/gif;base64,", 22) == 0 ||
	    strncmp(v, "data:image/svg+xml;base64,", 26) == 0;
}

/* Text with its placeholders replaced, all of it escaped (rp_html). */
static void
put_text(struct html *h, FILE *f, const char *t)
{
	const char *p, *e;
	char *piece;

	while ((p = strstr(t, "{{")) != NULL &&
	    (e = strstr(p + 2, "}}")) != NULL) {
		piece = xstrndup(t, (size_t)(p - t));
		rp_html(f, piece);
		free(piece);
		/* checked when loaded */
		rp_html(f, placeholder_value(h, p + 2, (size_t)(e - p - 2)));
		t = e + 2;
	}
	rp_html(f, t);
}

static int
frag_refuse(const char *path, xmlNodePtr n, const char *what,
    const char *name, char **cause)
{
	char *safe = rp_printable(name);
	int r;

	r = rp_fail(cause, RP_ERR_INVALID, "template '%s':%ld: %s '%s' is "
	    "not allowed in a fragment (reports/README.md lists what is)",
	    path, n ? xmlGetLineNo(n) : 0L, what, safe);
	free(safe);
	return r;
}

static int frag_nodes(struct html *, FILE *, const char *, xmlNodePtr,
    int, char **);

static int
frag_element(struct html *h, FILE *f, const char *path, xmlNodePtr n,
    int depth, char **cause)
{
	const char *tag = (const char *)n->name;
	xmlAttrPtr a;
	xmlChar *v;
	int r;

	/* the parser's implied (or the author's) document structure */
	if (strcmp(tag, "html") == 0 || strcmp(tag, "body") == 0 ||
	    strcmp(tag, "head") == 0) {
		if (strcmp(tag, "head") == 0 && n->children == NULL)
			return 0;
		return frag_nodes(h, f, path, n->children, depth + 1, cause);
	}
	if (!in_list(ok_tags, tag))
		return frag_refuse(path, n, "element", tag, cause);
	fprintf(f, "<%s", tag);
	for (a = n->properties; a != NULL; a = a->next) {
		const char *an = (const char *)a->name;

		if (a->ns != NULL || !attr_ok(tag, an))
			return frag_refuse(path, n, "attribute", an, cause);
		v = xmlNodeListGetString(n->doc, a->children, 1);
		if ((strcmp(an, "href") == 0 || strcmp(an, "src") == 0) &&
		    !url_ok(an, v ? (const char *)v : "")) {
			xmlFree(v);
			return frag_refuse(path, n, "URL in attribute", an,
			    cause);
		}
		fprintf(f, " %s=\"", an);
		put_text(h, f, v ? (const char *)v : "");
		fputc('"', f);
		xmlFree(v);
	}
	if (in_list(void_tags, tag)) {
		if (n->children != NULL)
			return frag_refuse(path, n, "content of element", tag,
			    cause);
		fputs("/>", f);
		return 0;
	}
	fputc('>', f);
	if ((r = frag_nodes(h, f, path, n->children, depth + 1, cause)) != 0)
		return r;
	fprintf(f, "</%s>", tag);
	return 0;
}

static int
frag_nodes(struct html *h, FILE *f, const char *path, xmlNodePtr n,
    int depth, char **cause)
{
	int r;

	if (depth > 64)
		return rp_fail(cause, RP_ERR_INVALID, "template '%s': "
		    "elements nested too deep", path);
	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			if ((r = frag_element(h, f, path, n, depth,
			    cause)) != 0)
				return r;
			break;
		case XML_TEXT_NODE:
			put_text(h, f, (const char *)n->content);
			break;
		case XML_COMMENT_NODE:
		case XML_DTD_NODE:	/* the parser's own, or a DOCTYPE */
			break;	/* dropped */
		default:
			return frag_refuse(path, n, "node", n->name ?
			    (const char *)n->name : "?", cause);
		}
	}
	return 0;
}

/*
 * Load dir/name into *out (NULL when absent): the fragment, filtered and
 * written back as XHTML with its placeholders replaced.
 */
static int
load_fragment(struct html *h, const char *dir, const char *name, char **out,
    char **cause)
{
	char *path = xasprintf("%s/%s", dir, name), *t = NULL, *p, *e;
	htmlDocPtr doc = NULL;
	char *buf = NULL;
	size_t len = 0, blen = 0;
	FILE *f = NULL;
	int r;

	*out = NULL;
	if ((r = slurp(path, &t, &len, cause)) != 0) {
		if (r == RP_ERR_NOT_FOUND)
			r = 0;
		goto out;
	}
	if (!rp_utf8_valid(t, len) || len > INT_MAX) {
		r = rp_fail(cause, RP_ERR_INVALID, "template '%s': not UTF-8 "
		    "text (a NUL byte or an invalid sequence)", path);
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
	doc = htmlReadMemory(t, (int)len, NULL, "UTF-8", HTML_PARSE_NONET |
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (doc == NULL) {
		r = rp_fail(cause, RP_ERR_INVALID, "template '%s': cannot "
		    "parse", path);
		goto out;
	}
	if ((f = open_memstream(&buf, &blen)) == NULL) {
		r = RP_ERR_NOMEM;
		goto out;
	}
	r = frag_nodes(h, f, path, doc->children, 0, cause);
	if (fclose(f) != 0 && r == 0)
		r = RP_ERR_NOMEM;
	if (r == 0) {
		*out = buf;
		buf = NULL;	/* transferred */
	}
out:
	xmlFreeDoc(doc);
	free(buf);
	free(t);
	free(path);
	return r;
}

static void
print_fragment(struct html *h, const char *t)
{
	if (t == NULL || *t == '\0')
		return;
	fputs(t, h->f);
	if (t[strlen(t) - 1] != '\n')
		fputc('\n', h->f);
}

static void
sev_badge(FILE *f, const char *sev)
{
	fprintf(f, "<span class=\"sev sev-%s\">%s</span>",
	    rp_severity_parse(sev) >= 0 ? sev : "info",
	    rp_severity_parse(sev) >= 0 ? rp_report_label("severity", sev) :
	    "?");
}

/* s as the inside of a CSS string: ASCII other than letters, digits and
 * space as hex escapes (valid UTF-8 passes as it is). */
static void
css_string(FILE *f, const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80 || isalnum(*p) || *p == ' ')
			fputc(*p, f);
		else
			fprintf(f, "\\%x ", *p);
	}
}

/* The running header of printed pages: title, organisation, reference. */
static void
running_header(struct html *h)
{
	json_t *inc = json_object_get(h->root, "incident");
	char *part = rp_report_limit_short(h->root);

	fputs("\n@page { @top-left { content: \"", h->f);
	css_string(h->f, _("Remediation and hardening audit"));
	if (part != NULL) {
		fputs(" \\b7  ", h->f);
		css_string(h->f, part);
		free(part);
	}
	if (json_is_object(inc)) {
		fputs(" \\b7  ", h->f);
		css_string(h->f, S(inc, "organisation"));
		if (*S(inc, "reference")) {
			fputs(" \\b7  ", h->f);
			css_string(h->f, S(inc, "reference"));
		}
	}
	fputs("\"; } }\n@page :first { @top-left { content: none; } }\n",
	    h->f);
}

static void
head(struct html *h)
{
	FILE *f = h->f;
	char *part;

	fprintf(f, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\"/>\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    "default-src 'none'; style-src 'unsafe-inline'; img-src data:\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"/>\n<title>", h->lang);
	fputs(_("Remediation and hardening audit"), f);
	if ((part = rp_report_limit_short(h->root)) != NULL) {
		fputs(" (", f);
		rp_html(f, part);
		fputs(")", f);
		free(part);
	}
	fputs("</title>\n<style>\n", f);
	/* the stylesheet is the organisation's own file: kept verbatim
	 * except that it cannot close the style element */
	if (h->css != NULL && strstr(h->css, "</") == NULL)
		fputs(h->css, f);
	running_header(h);
	fputs("</style>\n</head>\n<body>\n", f);
}

static void
html_date_row(FILE *f, const char *label, const char *iso, int incident)
{
	char *d = incident ? rp_report_incident_date(iso) :
	    rp_report_date(iso);

	fprintf(f, "<tr><th>%s</th><td>", label);
	rp_html(f, d);
	fputs("</td></tr>", f);
	free(d);
}

/* A report of a part of the estate says so (report --limit). */
static void
limit_notice(struct html *h)
{
	char *txt = rp_report_limit_text(h->root);

	if (txt == NULL)
		return;
	fputs("<p class=\"warn limit\">", h->f);
	rp_html(h->f, txt);
	fputs("</p>\n", h->f);
	free(txt);
}

static void
cover(struct html *h)
{
	json_t *inc = json_object_get(h->root, "incident");
	FILE *f = h->f;
	size_t i;
	int k;
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
		rp_html(f, rp_report_label("org", S(inc,
		    "organisation_type")));
		fprintf(f, ")</td></tr><tr><th>%s</th><td>",
		    _("Incident reference"));
		rp_html(f, S(inc, "reference"));
		fputs("</td></tr>", f);
		for (i = 0; i < 4; i++) {
			if (*S(inc, dates[i][0]) == '\0')
				continue;
			html_date_row(f, _(dates[i][1]), S(inc, dates[i][0]),
			    1);
		}
		fprintf(f, "<tr><th>%s</th><td>",
		    _("Known compromised accounts and hosts"));
		k = 0;
		json_array_foreach(json_object_get(inc,
		    "compromised_accounts"), i, v) {
			fputs(k++ ? ", " : "", f);
			rp_html(f, json_string_value(v));
		}
		json_array_foreach(json_object_get(inc, "compromised_hosts"),
		    i, v) {
			fputs(k++ ? ", " : "", f);
			rp_html(f, json_string_value(v));
		}
		if (k == 0)
			fputs("—", f);
		fprintf(f, "</td></tr><tr><th>%s</th><td>", _("Auditor"));
		rp_html(f, S(inc, "auditor"));
		fprintf(f, "</td></tr><tr><th>%s</th><td>", _("Recipients"));
		json_array_foreach(json_object_get(inc, "recipients"), i, v) {
			rp_html(f, json_string_value(v));
			fputs("<br/>", f);
		}
		fputs("</td></tr>", f);
	}
	html_date_row(f, _("Audit time"), S(h->root, "generated_at"),
	    0);
	fputs("</table>\n", f);
	limit_notice(h);
	if (json_is_true(json_object_get(json_object_get(h->root, "evidence"),
	    "partial")))
		fprintf(f, "<p class=\"warn\">%s</p>\n",
		    _("PARTIAL: not every target could be collected fully; "
		    "results cover what was collected."));
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
	    _("What could not be audited"),
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

/* Score of a table row: pass / (pass + fail + error); -1 for none. */
static long long
pct(long long pass, long long fail, long long error)
{
	long long b = pass + fail + error;

	return pass + fail > 0 ? (pass * 100 + b / 2) / b : -1;
}

/*
 * Score per module (area) and per baseline level: pass / (pass + fail +
 * error), what could not be evaluated in its own column.
 */
/* The kind of label score_table sorts by (qsort has no context). */
static const char *sort_key;

static int
cmp_label(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int c = strcmp(rp_report_label(sort_key, x),
	    rp_report_label(sort_key, y));

	return c != 0 ? c : strcmp(x, y);
}

/* A gauge of one category: compliant / not compliant / not assessed. */
static void
gauge(struct html *h, long long pass, long long fail, long long err)
{
	static const char *const col[] = { "pass", "high", "info" };
	long long v[3] = { pass, fail, err }, total = pass + fail + err;
	double x = 0, w;
	size_t i;

	if (total <= 0)
		return;
	fputs("<svg role=\"img\" class=\"gauge\" width=\"100\" height=\"10\" "
	    "xmlns=\"http://www.w3.org/2000/svg\">", h->f);
	for (i = 0; i < 3; i++) {
		w = 100.0 * (double)v[i] / (double)total;
		fprintf(h->f, "<rect x=\"%.1f\" y=\"0\" height=\"10\" "
		    "width=\"%.1f\" style=\"fill:var(--%s)\"/>", x, w, col[i]);
		x += w;
	}
	fputs("</svg>", h->f);
}

static void
score_table(struct html *h, const char *key, const char *title)
{
	json_t *acc = json_object(), *r, *e;
	const char *k, **keys;
	long long p;
	size_t i, n;

	json_array_foreach(json_object_get(h->root, "results"), i, r) {
		const char *st = S(r, "status");
		const char *name = S(r, key);

		if (strcmp(st, "pass") != 0 && strcmp(st, "fail") != 0 &&
		    strcmp(st, "error") != 0)
			continue;
		if ((e = json_object_get(acc, name)) == NULL) {
			e = json_pack("{s:i,s:i,s:i}", "pass", 0, "fail", 0,
			    "error", 0);
			json_object_set_new(acc, name, e);
		}
		json_integer_set(json_object_get(e, st),
		    json_integer_value(json_object_get(e, st)) + 1);
	}
	fprintf(h->f, "<h3>%s</h3><table><thead><tr><th>%s</th><th class=\"num\">"
	    "%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th>"
	    "<th class=\"num\">%s</th><th></th></tr></thead>", title, title,
	    _("Compliant"), _("Not compliant"), _("Not assessed"), _("Score"));
	/* sorted by label, as the reader looks them up */
	keys = xcalloc(json_object_size(acc) + 1, sizeof(*keys));
	n = 0;
	json_object_foreach(acc, k, e)
		keys[n++] = k;
	if (n > 0) {
		sort_key = key;
		qsort(keys, n, sizeof(*keys), cmp_label);
	}
	for (i = 0; i < n; i++) {
		k = keys[i];
		e = json_object_get(acc, k);
		fputs("<tr><td>", h->f);
		rp_html(h->f, rp_report_label(key, k));
		fprintf(h->f, "</td><td class=\"num\">%lld</td><td class=\"num\">"
		    "%lld</td><td class=\"num\">%lld</td><td class=\"num\">",
		    I(e, "pass"), I(e, "fail"), I(e, "error"));
		if ((p = pct(I(e, "pass"), I(e, "fail"), I(e, "error"))) < 0)
			fputs("—", h->f);
		else
			fprintf(h->f, "%lld %%", p);
		fputs("</td><td>", h->f);
		gauge(h, I(e, "pass"), I(e, "fail"), I(e, "error"));
		fputs("</td></tr>", h->f);
	}
	fputs("</table>\n", h->f);
	free(keys);
	json_decref(acc);
}

/* Compliant / not compliant / not assessed, as one stacked bar. */
static void
score_bar(struct html *h, json_t *sc)
{
	static const char *const k[] = { "compliant", "not_compliant",
		"not_assessed" };
	static const char *const col[] = { "pass", "high", "info" };
	double x = 0, w;
	size_t i;

	fputs("<svg role=\"img\" class=\"scorebar\" width=\"520\" height=\"18\""
	    " xmlns=\"http://www.w3.org/2000/svg\">", h->f);
	for (i = 0; i < 3; i++) {
		w = json_number_value(json_object_get(sc, k[i])) * 5.2;
		fprintf(h->f, "<rect x=\"%.1f\" y=\"0\" height=\"18\" "
		    "width=\"%.1f\" style=\"fill:var(--%s)\"/>", x, w, col[i]);
		x += w;
	}
	fputs("</svg>\n", h->f);
}

/* Targets not audited fully, with why; links to their section. */
static void
coverage_list(struct html *h)
{
	json_t *c = json_object_get(json_object_get(h->root, "summary"),
	    "coverage"), *t;
	size_t i, n = 0;
	char *txt;

	json_array_foreach(json_object_get(c, "per_target"), i, t) {
		if (strcmp(S(t, "coverage"), "full") == 0)
			continue;
		if (n == 0)
			fputs("<ul class=\"coverage\">", h->f);
		if (++n > 12)
			continue;
		fputs("<li><a href=\"#t-", h->f);
		rp_html(h->f, S(t, "target"));
		fputs("\">", h->f);
		rp_html(h->f, S(t, "target"));
		fputs("</a>: <b>", h->f);
		txt = rp_report_coverage_audited(t);
		rp_html(h->f, txt);
		free(txt);
		fprintf(h->f, "</b> · %s</li>", rp_report_cause_label(S(t,
		    "cause")));
	}
	if (n > 12)
		fprintf(h->f, "<li>"), fprintf(h->f, P_("and %zu more "
		    "target: see the section on what could not be audited",
		    "and %zu more targets: see the section on what could not "
		    "be audited", n - 12), n - 12), fputs("</li>", h->f);
	if (n > 0)
		fputs("</ul>\n", h->f);
}

static void
kpi(struct html *h, const char *v, const char *label)
{
	fprintf(h->f, "<div class=\"kpi\"><div class=\"v\">%s</div>"
	    "<div class=\"l\">%s</div></div>", v, label);
}

/* Targets named in a row of the reference-levels table; the rest counted. */
#define LEVEL_TARGETS_SHOWN	8

/*
 * Reference levels: each verdict next to the checkpoints its checks cite,
 * one row per level and outcome, naming the targets that share it.
 */
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
	    "<th>%s</th><th>%s</th><th class=\"num\">%s</th>"
	    "<th class=\"num\">%s</th></tr></thead>", _("Reference levels"),
	    _("A level is judged only on the checks that cite the reference "
	    "at that level or below; the baseline's other checks "
	    "(post-incident, other references) are counted apart. "
	    "Checkpoints: how many of the reference's checkpoints up to that "
	    "level the baseline's checks cite."), _("Baseline"), _("Level"),
	    _("Checkpoints"), _("Target"), _("Verdict"),
	    _("Maturity reached"),
	    _("Reference checks: pass / fail / not assessed"),
	    _("Other checks: pass / fail / not assessed"));
	json_array_foreach(a, i, l) {
		json_t *groups = json_object(), *order = json_array(), *g;
		const char *key;
		size_t k;

		cp = json_object_get(l, "checkpoints");
		/* targets with the same verdict, maturity and counts share one
		 * row: an estate of 200 alike hosts is a few rows, not 200 */
		json_object_foreach(json_object_get(l, "targets"), id, t) {
			char *mt = rp_report_maturity(l, t), *kk;

			rc = json_object_get(t, "reference_checks");
			oc = json_object_get(t, "other_checks");
			kk = xasprintf("%s\n%s\n%lld %lld %lld %lld %lld %lld",
			    S(t, "verdict"), mt, I(rc, "pass"), I(rc, "fail"),
			    I(rc, "error"), I(oc, "pass"), I(oc, "fail"),
			    I(oc, "error"));
			if ((g = json_object_get(groups, kk)) == NULL) {
				g = json_pack("{s:s, s:O, s:[]}", "maturity", mt,
				    "target", t, "ids");
				json_object_set_new(groups, kk, g);
				json_array_append_new(order, json_string(kk));
			}
			json_array_append_new(json_object_get(g, "ids"),
			    json_string(id));
			free(mt);
			free(kk);
		}
		json_array_foreach(order, k, g) {
			json_t *ids, *x;
			size_t j, nid;

			key = json_string_value(g);
			g = json_object_get(groups, key);
			t = json_object_get(g, "target");
			ids = json_object_get(g, "ids");
			nid = json_array_size(ids);
			rc = json_object_get(t, "reference_checks");
			oc = json_object_get(t, "other_checks");
			fputs("<tr><td>", h->f);
			rp_html(h->f, S(l, "baseline"));
			fputs("</td><td>", h->f);
			rp_html(h->f, rp_report_label("level", S(l, "level")));
			fprintf(h->f, "</td><td class=\"num\">%lld / ",
			    I(cp, "cited"));
			if (json_is_integer(json_object_get(cp, "in_reference")))
				fprintf(h->f, "%lld", I(cp, "in_reference"));
			else
				fputs("?", h->f);
			fputs("</td><td>", h->f);
			json_array_foreach(ids, j, x) {
				if (j == LEVEL_TARGETS_SHOWN)
					break;
				fputs(j ? ", <a href=\"#t-" : "<a href=\"#t-",
				    h->f);
				rp_html(h->f, json_string_value(x));
				fputs("\">", h->f);
				rp_html(h->f, json_string_value(x));
				fputs("</a>", h->f);
			}
			if (nid > LEVEL_TARGETS_SHOWN)
				fprintf(h->f, P_(" and %zu more target",
				    " and %zu more targets",
				    nid - LEVEL_TARGETS_SHOWN),
				    nid - LEVEL_TARGETS_SHOWN);
			fputs("</td><td>", h->f);
			rp_html(h->f, rp_report_level_verdict(S(t, "verdict")));
			fputs("</td><td>", h->f);
			rp_html(h->f, json_string_value(json_object_get(g,
			    "maturity")));
			fprintf(h->f, "</td><td class=\"num\">%lld / %lld / %lld"
			    "</td><td class=\"num\">%lld / %lld / %lld</td></tr>",
			    I(rc, "pass"), I(rc, "fail"), I(rc, "error"),
			    I(oc, "pass"), I(oc, "fail"), I(oc, "error"));
		}
		json_decref(order);
		json_decref(groups);
	}
	fprintf(h->f, "</table>\n<p class=\"muted\">%s</p>\n", _("Maturity reached: the level below the lowest level at which a check of the "
	    "reference fails or could not be assessed (as PingCastle counts it), "
	    "over every level of the reference: the checks of the levels above "
	    "the baseline's are evaluated for the maturity only (never in the "
	    "plan, the score or the findings), and where their probes were not "
	    "collected, the maturity says so."));
}

static void
summary(struct html *h)
{
	static const char *const sev[] = { "critical", "high", "medium", "low",
		"info" };
	json_t *o = json_object_get(json_object_get(h->root, "summary"),
	    "overall"), *st = json_object_get(o, "by_status"), *sv, *a, *sc;
	const char *labels[5], *verdict = rp_report_verdict_word(h->root);
	long long vals[5], fail = I(st, "fail");
	char *txt, buf[64];
	size_t i, nt = json_array_size(json_object_get(h->root, "targets"));
	size_t np = json_array_size(json_object_get(h->root, "plan"));

	sv = json_object_get(o, "failed_by_severity");
	sc = json_object_get(json_object_get(json_object_get(h->root,
	    "summary"), "coverage"), "score");
	fprintf(h->f, "<h2 id=\"summary\">%s</h2>\n", _("Executive summary"));
	limit_notice(h);
	txt = rp_report_verdict(h->root);
	fprintf(h->f, "<p class=\"verdict verdict-%s\">", verdict);
	rp_html(h->f, txt);
	free(txt);
	txt = rp_report_coverage_text(h->root);
	fprintf(h->f, "</p>\n<p class=\"coverage\"><b>%s</b> ",
	    _("Coverage:"));
	rp_html(h->f, txt);
	free(txt);
	fputs("</p>\n", h->f);
	coverage_list(h);
	fputs("<div class=\"kpis\">", h->f);
	if (json_is_object(sc)) {
		txt = rp_report_pct(json_number_value(json_object_get(sc,
		    "compliant")));
		snprintf(buf, sizeof(buf), "%s %%", txt);
		free(txt);
		kpi(h, buf, strcmp(verdict, "complete") == 0 ?
		    _("compliant checks") : _("compliant checks: not "
		    "everything was assessed"));
	} else if (strcmp(verdict, "unknown") == 0)
		kpi(h, "—", _("no score: coverage unknown"));
	else
		kpi(h, "—", _("no score: nothing was assessed"));
	snprintf(buf, sizeof(buf), "%zu", nt);
	kpi(h, buf, P_("target", "targets", nt));
	snprintf(buf, sizeof(buf), "%lld", fail);
	kpi(h, buf, P_("finding", "findings", fail));
	snprintf(buf, sizeof(buf), "%zu", np);
	kpi(h, buf, P_("action in the plan", "actions in the plan", np));
	fputs("</div>\n", h->f);
	if (json_is_object(sc)) {
		score_bar(h, sc);
		txt = rp_report_score_text(h->root);
		fputs("<p class=\"muted\">", h->f);
		rp_html(h->f, txt);
		fputs("</p>\n", h->f);
		free(txt);
	}
	for (i = 0; i < 5; i++) {
		vals[i] = I(sv, sev[i]);
		labels[i] = rp_report_label("severity", sev[i]);
	}
	fprintf(h->f, "<h3>%s</h3>", _("Findings by severity"));
	svg_bars(h->f, labels, vals, sev, 5);
	score_table(h, "module", _("Topic"));
	levels_table(h);
	if (np == 0)
		return;
	fprintf(h->f, "<h3>%s</h3><ol>", _("Top actions"));
	json_array_foreach(json_object_get(h->root, "plan"), i, a) {
		size_t n = json_array_size(json_object_get(a, "targets"));

		if (i >= 5)
			break;
		fprintf(h->f, "<li><a href=\"#a-%lld\">", I(a, "rank"));
		sev_badge(h->f, S(a, "severity"));
		fputs(" ", h->f);
		rp_html(h->f, rp_report_finding_title(a, h->lang));
		fprintf(h->f, "</a> <span class=\"muted\">(");
		fprintf(h->f, P_("%zu target", "%zu targets", n), n);
		fputs(")</span></li>", h->f);
	}
	fputs("</ol>\n", h->f);
}

/* References as links where the scheme has a public page. */
static void
refs(FILE *f, json_t *r)
{
	json_t *v;
	size_t i;
	char *url;

	json_array_foreach(json_object_get(r, "references"), i, v) {
		fputs(i ? ", " : "", f);
		url = rp_report_ref_url(json_string_value(v));
		if (url != NULL) {
			fputs("<a href=\"", f);
			rp_html(f, url);
			fputs("\">", f);
		}
		fputs("<code>", f);
		rp_html(f, json_string_value(v));
		fputs(url ? "</code></a>" : "</code>", f);
		free(url);
	}
}

#define NAMES_SHOWN	6

/* Targets of an action: links, collapsed past NAMES_SHOWN names. */
static void
target_links(struct html *h, json_t *targets)
{
	json_t *t;
	size_t j, n = json_array_size(targets);

	fprintf(h->f, "<b>%zu</b> ", n);
	json_array_foreach(targets, j, t) {
		if (j == NAMES_SHOWN) {
			fputs(" <details><summary>", h->f);
			fprintf(h->f, P_("and %zu more", "and %zu more",
			    n - NAMES_SHOWN), n - NAMES_SHOWN);
			fputs("</summary>", h->f);
		}
		fputs(j && j != NAMES_SHOWN ? ", " : " ", h->f);
		fputs("<a href=\"#t-", h->f);
		rp_html(h->f, json_string_value(t));
		fputs("\">", h->f);
		rp_html(h->f, json_string_value(t));
		fputs("</a>", h->f);
	}
	if (n > NAMES_SHOWN)
		fputs("</details>", h->f);
}

/* Objects found (distinct observed values), collapsed past a few. */
static void
action_objects(struct html *h, json_t *a)
{
	json_t *seen = json_object(), *v;
	size_t j, n = 0;
	const char *s;
	char *t;

	json_array_foreach(json_object_get(a, "objects"), j, v) {
		/* a bare number is a count or a setting, not an object */
		if ((s = json_string_value(v)) == NULL || *s == '\0' ||
		    strspn(s, "0123456789") == strlen(s) ||
		    json_object_get(seen, s) != NULL)
			continue;
		json_object_set_new(seen, s, json_true());
		if (n == 0)
			fprintf(h->f, "<span class=\"objects\"><b>%s</b> ",
			    _("Found:"));
		if (n == 4)
			fprintf(h->f, "<details><summary>%s</summary>",
			    _("more"));
		fputs(n && n != 4 ? " · " : "", h->f);
		fputs("<code>", h->f);
		t = rp_report_phrases(s);
		rp_html_clip(h->f, t, 200);
		free(t);
		fputs("</code>", h->f);
		n++;
	}
	if (n > 4)
		fputs("</details>", h->f);
	if (n > 0)
		fputs("</span> · ", h->f);
	json_decref(seen);
}

/* What was observed on each target, for the action's check. */
static void
action_details(struct html *h, json_t *a, json_t *bycheck)
{
	json_t *list = json_object_get(bycheck, S(a, "check")), *r;
	size_t i;
	char *exp, *obs;
	FILE *f = h->f;

	if (json_array_size(list) == 0)
		return;
	fprintf(f, "<details><summary>%s</summary><table><thead><tr>"
	    "<th>%s</th><th>%s</th><th>%s</th></tr></thead>",
	    _("Observed on each target"), _("Target"), _("Observed"),
	    _("Expected"));
	json_array_foreach(list, i, r) {
		exp = rp_report_expected(r);
		fputs("<tr><td><a href=\"#t-", f);
		rp_html(f, S(r, "target"));
		fputs("\">", f);
		rp_html(f, S(r, "target"));
		fputs("</a></td><td>", f);
		fputs("<span class=\"obs\">", f);
		obs = rp_report_observed(r);
		rp_html_clip(f, obs, 2000);
		free(obs);
		fputs("</span>", f);
		if (*S(r, "evidence")) {
			fputs("<pre>", f);
			obs = rp_report_phrases(S(r, "evidence"));
			rp_html_clip(f, obs, 4000);
			free(obs);
			fputs("</pre>", f);
		}
		fputs("</td><td>", f);
		rp_html(f, exp);
		free(exp);
		fputs("</td></tr>\n", f);
	}
	fputs("</table></details>", f);
}

/*
 * A remediation: its first line is what to do, the lines after it (when
 * there are) a block to paste as it is (an LDIF, a here-document), shown
 * line for line. Ends the paragraph the caller opened.
 */
static void
remediation_html(FILE *f, const char *s)
{
	const char *nl = strchr(s, '\n');
	char *first;

	if (nl == NULL) {
		rp_html(f, s);
		fputs("</p>", f);
		return;
	}
	first = xstrndup(s, (size_t)(nl - s));
	rp_html(f, first);
	free(first);
	fputs("</p><pre class=\"fix\"><code>", f);
	rp_html(f, nl + 1);
	fputs("</code></pre>", f);
}

/*
 * The remediation's commands filled with the objects found, beside the
 * generic text (which says what to check first): the first few shown,
 * the others collapsed; each object not filled in, with why.
 */
#define COMMANDS_SHOWN	2

static void
action_commands(struct html *h, json_t *a)
{
	json_t *e;
	size_t i, n, nref, k = 0;
	char *t, *v;
	FILE *f = h->f;

	n = rp_report_commands_count(a, &nref);
	if (n + nref == 0 &&
	    json_integer_value(json_object_get(a, "commands_omitted")) == 0)
		return;
	fputs("<div class=\"filled\">", f);
	if (n > 0) {
		fprintf(f, "<p><b>%s</b> %s</p>", _("With the objects found:"),
		    _("check each line against the text above before running "
		    "it."));
		t = rp_report_commands(a, 0, COMMANDS_SHOWN);
		fputs("<pre class=\"fix\"><code>", f);
		rp_html(f, t);
		fputs("</code></pre>", f);
		free(t);
		if (n > COMMANDS_SHOWN) {
			fputs("<details><summary>", f);
			fprintf(f, P_("and %zu more", "and %zu more",
			    n - COMMANDS_SHOWN), n - COMMANDS_SHOWN);
			fputs("</summary><pre class=\"fix\"><code>", f);
			t = rp_report_commands(a, COMMANDS_SHOWN, (size_t)-1);
			rp_html(f, t);
			free(t);
			fputs("</code></pre></details>", f);
		}
	}
	/* the objects not filled in, on one line, collapsed past a few */
	json_array_foreach(json_object_get(a, "commands"), i, e) {
		if (rp_report_command_refused(e) == NULL)
			continue;
		if (k == 0)
			fprintf(f, "<p class=\"refused\">%s ",
			    _("Not filled in for"));
		if (k == COMMANDS_SHOWN)
			fprintf(f, "<details><summary>%s</summary>", _("more"));
		fputs(k && k != COMMANDS_SHOWN ? "; " : "", f);
		v = rp_report_visible(S(e, "object"), 120);
		fputs("<code>", f);
		rp_html(f, v);
		fputs("</code> (", f);
		free(v);
		v = rp_report_visible(S(e, "target"), 120);
		rp_html(f, v);
		fprintf(f, "): %s",
		    rp_report_refusal(rp_report_command_refused(e)));
		free(v);
		k++;
	}
	if (k > COMMANDS_SHOWN)
		fputs("</details>", f);
	if (k > 0)
		fprintf(f, " — %s</p>", _("use the text above"));
	if (json_integer_value(json_object_get(a, "commands_omitted")) > 0)
		fprintf(f, "<p class=\"refused\">%s</p>", _("More objects were "
		    "found than are listed here: use the text above for the "
		    "others."));
	fputs("</div>", f);
}

/*
 * One action of the plan: what is wrong, why it matters, what to do, the
 * objects found, where, the references, and (collapsed) what was seen on
 * each target. The check's anchor is here too.
 */
static void
plan_action(struct html *h, json_t *a, json_t *bycheck)
{
	size_t n = json_array_size(json_object_get(a, "targets"));
	FILE *f = h->f;
	char *grp;

	fprintf(f, "<section class=\"action\" id=\"a-%lld\"><h4", I(a, "rank"));
	if (*S(a, "check"))
		fprintf(f, " id=\"c-%s\"", S(a, "check"));
	fprintf(f, "><span class=\"rank\">%lld</span> ", I(a, "rank"));
	sev_badge(f, S(a, "severity"));
	if (*S(a, "check"))
		fprintf(f, " <code>%s</code>", S(a, "check"));
	fputs(" ", f);
	rp_html(f, rp_report_finding_title(a, h->lang));
	fputs(" <span class=\"muted\">· ", f);
	fprintf(f, P_("%zu target", "%zu targets", n), n);
	fprintf(f, " · %s %s</span></h4>\n", _("effort"),
	    rp_report_label("effort", S(a, "effort")));
	if (*T(a, "rationale", h->lang)) {
		fprintf(f, "<p class=\"why\"><b>%s</b> ", _("Why it matters:"));
		rp_html(f, T(a, "rationale", h->lang));
		fputs("</p>", f);
	}
	fprintf(f, "<p class=\"fix\"><b>%s</b> ", _("What to do:"));
	remediation_html(f, rp_report_action_remediation(a, h->lang));
	action_commands(h, a);
	fputs("<div class=\"where\">", f);
	action_objects(h, a);
	if ((grp = rp_report_action_groups(h->root, a)) != NULL) {
		fprintf(f, "<b>%s</b> ", _("By group:"));
		rp_html(f, grp);
		fputs(" · ", f);
		free(grp);
	}
	fprintf(f, "<b>%s</b> ", _("Where:"));
	target_links(h, json_object_get(a, "targets"));
	if (json_array_size(json_object_get(a, "references"))) {
		fprintf(f, " · %s ", _("References:"));
		refs(f, a);
	}
	fputs("</div>", f);
	action_details(h, a, bycheck);
	fputs("</section>\n", f);
}

/* Failed results by check id: arrays in target order (owned). */
static json_t *
failed_by_check(struct html *h)
{
	json_t *m = json_object(), *r, *l;
	size_t i;

	json_array_foreach(json_object_get(h->root, "results"), i, r) {
		if (strcmp(S(r, "status"), "fail") != 0)
			continue;
		if ((l = json_object_get(m, S(r, "check"))) == NULL) {
			l = json_array();
			json_object_set_new(m, S(r, "check"), l);
		}
		json_array_append(l, r);
	}
	return m;
}

/*
 * The plan: one block per action (one per failed check, across its
 * targets), by phase. It is also the findings by check: the blocks carry
 * the check's anchor, rationale and per-target detail.
 */
static void
plan(struct html *h)
{
	static const char *const phases[] = { "immediate", "remediation",
		"quick-wins", "medium-term", "long-term" };
	json_t *p = json_object_get(h->root, "plan"), *a, *byck;
	size_t i, k, n;
	FILE *f = h->f;

	fprintf(f, "<h2 id=\"plan\">%s</h2>\n",
	    _("Remediation and hardening plan"));
	if (json_array_size(p) == 0)
		fprintf(f, "<p>%s</p>", strcmp(rp_report_verdict_word(
		    h->root), "nothing-assessed") == 0 ? _("No action can "
		    "be planned: nothing was assessed. Fix what prevented the "
		    "audit (see \"What could not be audited\") and rerun it.") :
		    _("No action: no finding."));
	byck = failed_by_check(h);
	for (k = 0; k < 5; k++) {
		n = 0;
		json_array_foreach(p, i, a)
			n += strcmp(S(a, "phase"), phases[k]) == 0;
		if (n == 0)
			continue;
		fprintf(f, "<h3 id=\"phase-%s\">%s <span class=\"muted\">(",
		    phases[k], rp_report_phase_title(phases[k], h->lang));
		fprintf(f, P_("%zu action", "%zu actions", n), n);
		fputs(")</span></h3>\n", f);
		json_array_foreach(p, i, a)
			if (strcmp(S(a, "phase"), phases[k]) == 0)
				plan_action(h, a, byck);
	}
	json_decref(byck);
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Per target: the plan actions that concern it, as links, by rank. */
static void
target_actions(struct html *h, json_t *t)
{
	json_t *plan = json_object_get(h->root, "plan"), *a, *id;
	long long *v = xcalloc(json_array_size(plan) + 1, sizeof(*v));
	size_t i, j, n = 0;
	FILE *f = h->f;

	/* every action that names the target, the host key's included */
	json_array_foreach(plan, i, a)
		json_array_foreach(json_object_get(a, "targets"), j, id)
			if (json_is_string(id) && strcmp(json_string_value(id),
			    S(t, "id")) == 0) {
				v[n++] = I(a, "rank");
				break;
			}
	if (n > 0)
		qsort(v, n, sizeof(*v), cmp_ll);
	for (i = 0; i < n; i++)
		fprintf(f, "%s<a href=\"#a-%lld\">%lld</a>", i ? ", " : "",
		    v[i], v[i]);
	free(v);
}

/*
 * A target's status, findings by severity and plan actions: the row's
 * cells after the first (owned), or NULL when memory is short.
 */
static char *
target_cells(struct html *h, json_t *t)
{
	static const char *const sev[] = { "critical", "high", "medium", "low",
		"info" };
	json_t *c, *sv;
	long long nf;
	char *txt, *buf = NULL;
	size_t k, blen = 0;
	int any = 0;
	FILE *f, *saved = h->f;

	if ((f = open_memstream(&buf, &blen)) == NULL)
		return NULL;
	h->f = f;
	c = json_object_get(json_object_get(json_object_get(h->root,
	    "summary"), "targets"), S(t, "id"));
	sv = json_object_get(c, "failed_by_severity");
	nf = I(json_object_get(c, "by_status"), "fail");
	txt = rp_report_target_audited(h->root, t);
	fputs("<td>", f);
	rp_html(f, txt);
	free(txt);
	if (*S(t, "error")) {
		char *e = rp_report_reason_text(S(t, "error"));

		fputs("<br/><span class=\"muted obs\">", f);
		rp_html_clip(f, e, 300);
		fputs("</span>", f);
		free(e);
	}
	fputs("</td><td>", f);
	fprintf(f, P_("%lld finding", "%lld findings", nf), nf);
	for (k = 0; k < 5; k++) {
		if (I(sv, sev[k]) == 0)
			continue;
		fputs(any++ ? ", " : "<br/><span class=\"muted\">", f);
		fprintf(f, "%lld %s", I(sv, sev[k]),
		    rp_report_label("severity", sev[k]));
	}
	fputs(any ? "</span></td><td>" : "</td><td>", f);
	target_actions(h, t);
	fputs("</td>", f);
	h->f = saved;
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* "Linux · 192.0.2.1 · domain controller": the address only if with_addr. */
static void
target_what(struct html *h, json_t *t, int with_addr)
{
	rp_html(h->f, rp_report_label("kind", S(t, "kind")));
	if (with_addr) {
		fputs(" · ", h->f);
		rp_html(h->f, S(t, "address"));
	}
	if (*S(t, "role")) {
		char *roles = rp_report_roles(S(t, "role"));

		fputs(" · ", h->f);
		rp_html(h->f, roles);
		free(roles);
	}
}

/*
 * Findings by target: its status, its findings counted by severity and
 * the plan actions that concern it; what the findings are is in the plan,
 * once. Targets of the same kind and roles whose row would read the same
 * share one: a few named, the others counted (every one listed when
 * unfolded, each with its anchor), so that 200 alike hosts are one row.
 */
static void
targets(struct html *h)
{
	json_t *t, *order, *g, *ids;
	size_t i, j, nid;
	char *cells;
	FILE *f = h->f;

	fprintf(f, "<h2 id=\"targets\">%s</h2>\n<table class=\"targets\">"
	    "<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>"
	    "</thead>\n", _("Findings by target"), _("Target"), _("Status"),
	    _("Findings"), _("Actions of the plan"));
	/* alike targets (report/alike.c) share one row */
	order = rp_report_alike_targets(h->root);
	json_array_foreach(order, i, g) {
		t = json_object_get(g, "target");
		ids = json_object_get(g, "ids");
		nid = json_array_size(ids);
		if (nid == 1) {
			fputs("<tr id=\"t-", f);
			rp_html(f, S(t, "id"));
			fputs("\"><td><b>", f);
			rp_html(f, S(t, "id"));
			fputs("</b><br/><span class=\"muted\">", f);
			target_what(h, t, 1);
		} else {
			fputs("<tr><td>", f);
			json_array_foreach(ids, j, t) {
				if (j == RP_ALIKE_SHOWN) {
					fputs(" <details><summary>", f);
					fprintf(f, P_("and %zu more target",
					    "and %zu more targets",
					    nid - RP_ALIKE_SHOWN),
					    nid - RP_ALIKE_SHOWN);
					fputs("</summary>", f);
				}
				fputs(j == 0 ? "<b>" : j == RP_ALIKE_SHOWN ?
				    "<b>" : ", <b>", f);
				fputs("<span id=\"t-", f);
				rp_html(f, json_string_value(t));
				fputs("\">", f);
				rp_html(f, json_string_value(t));
				fputs("</span></b>", f);
			}
			if (nid > RP_ALIKE_SHOWN)
				fputs("</details>", f);
			t = json_object_get(g, "target");
			fputs(nid > RP_ALIKE_SHOWN ? "<span class=\"muted\">" :
			    "<br/><span class=\"muted\">", f);
			fprintf(f, P_("%zu target alike: ", "%zu targets alike: ",
			    nid), nid);
			target_what(h, t, 0);
		}
		fputs("</span></td>", f);
		if ((cells = target_cells(h, json_object_get(g, "target"))) ==
		    NULL)
			cells = xstrdup("<td></td><td></td><td></td>");
		fputs(cells, f);
		free(cells);
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
	json_decref(order);
}

static void
waivers(struct html *h)
{
	char *d;
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
		d = rp_report_date(S(w, "expires"));
		rp_html(f, d);
		free(d);
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
	h->nowaiver = !any;
}

/* The distinct reasons of a target's errors, counted (owned). */
static json_t *
target_reasons(struct html *h, const char *id)
{
	json_t *reasons = json_object(), *r;
	size_t j;
	char *why;

	json_array_foreach(json_object_get(h->bytarget, id), j, r) {
		if (strcmp(S(r, "status"), "error") != 0)
			continue;
		why = rp_report_reason(r);
		json_object_set_new(reasons, why, json_integer(
		    json_integer_value(json_object_get(reasons, why)) + 1));
		free(why);
	}
	return reasons;
}

static void
gap_row(struct html *h, json_t *g)
{
	json_t *pt = json_object_get(g, "first"), *e;
	const char *k;
	size_t j = 0;
	FILE *f = h->f;

	fputs("<tr><td>", f);
	target_links(h, json_object_get(g, "targets"));
	fprintf(f, "</td><td>%s: %s</td><td class=\"num\">%lld</td><td>",
	    strcmp(S(pt, "coverage"), "none") == 0 ? _("not audited") :
	    _("partly audited"), rp_report_cause_label(S(pt, "cause")),
	    I(pt, "not_assessed"));
	json_object_foreach(json_object_get(g, "reasons"), k, e) {
		if (j++ == 4)
			fprintf(f, "<details><summary>%s</summary>", _("more"));
		fputs("<div>", f);
		rp_html_clip(f, k, 300);
		fprintf(f, " <span class=\"muted\">(×%lld)</span></div>",
		    (long long)json_integer_value(e));
	}
	if (j > 4)
		fputs("</details>", f);
	fputs("</td></tr>\n", f);
}

/*
 * What could not be audited: one compact table, one row per group of
 * targets that were not fully audited for the same reasons (not one row
 * per check).
 */
static void
gaps(struct html *h)
{
	json_t *c = json_object_get(json_object_get(h->root, "summary"),
	    "coverage"), *pt, *groups = json_object(), *g, *reasons, *key;
	const char *k;
	char *ks;
	size_t i;
	FILE *f = h->f;

	/* printed: after a one-line waivers section, no new page */
	fprintf(f, "<h2 id=\"gaps\"%s>%s</h2>\n<p>%s</p>", h->nowaiver ?
	    " class=\"follows\"" : "",
	    _("What could not be audited"),
	    _("Nothing here counts as compliant: rerun once the "
	    "cause is fixed."));
	json_array_foreach(json_object_get(c, "per_target"), i, pt) {
		if (strcmp(S(pt, "coverage"), "full") == 0)
			continue;
		reasons = target_reasons(h, S(pt, "target"));
		key = json_pack("{s:s,s:s,s:I,s:O}", "c", S(pt, "coverage"),
		    "w", S(pt, "cause"), "n", (json_int_t)I(pt, "not_assessed"),
		    "r", reasons);
		ks = json_dumps(key, JSON_SORT_KEYS | JSON_COMPACT);
		json_decref(key);
		if ((g = json_object_get(groups, ks)) == NULL) {
			g = json_pack("{s:O,s:[],s:O}", "first", pt, "targets",
			    "reasons", reasons);
			json_object_set_new(groups, ks, g);
		}
		json_array_append_new(json_object_get(g, "targets"),
		    json_string(S(pt, "target")));
		json_decref(reasons);
		free(ks);
	}
	if (json_object_size(groups) > 0) {
		fprintf(f, "<table class=\"gaps\"><thead><tr><th>%s</th>"
		    "<th>%s</th><th class=\"num\">%s</th><th>%s</th></tr>"
		    "</thead>", _("Targets"), _("Coverage"),
		    _("Not assessed"), _("Reasons"));
		json_object_foreach(groups, k, g)
			gap_row(h, g);
		fputs("</table>\n", f);
	} else
		fprintf(f, "<p>%s</p>", _("Every target was audited fully."));
	json_decref(groups);
}

/* Names of alike targets: a few, then the others when unfolded. */
static void
alike_names(struct html *h, json_t *ids)
{
	size_t j, n = json_array_size(ids);
	json_t *x;

	json_array_foreach(ids, j, x) {
		if (j == RP_ALIKE_SHOWN) {
			fputs(" <details><summary>", h->f);
			fprintf(h->f, P_("and %zu more target",
			    "and %zu more targets", n - RP_ALIKE_SHOWN),
			    n - RP_ALIKE_SHOWN);
			fputs("</summary>", h->f);
		}
		if (j != 0 && j != RP_ALIKE_SHOWN)
			fputs(", ", h->f);
		rp_html(h->f, json_string_value(x));
	}
	if (n > RP_ALIKE_SHOWN)
		fputs("</details>", h->f);
}

/*
 * What the audit itself left on the targets: to remove afterwards.
 * Targets that left the same things share their rows (a few named, the
 * others counted).
 */
static void
footprint(struct html *h)
{
	json_t *t, *g, *texts, *ids, *order;
	size_t i, j, n;
	FILE *f = h->f;

	fprintf(f, "<h2 id=\"footprint\">%s</h2>\n<p>%s</p>", _("Audit footprint"), _("Access "
	    "granted for the audit itself: not counted as findings. Remove "
	    "it once the audit is over (or keep it under the same control "
	    "as any administrator access)."));
	/* targets that left the same things share their rows */
	order = rp_report_alike_footprints(h->root, h->lang);
	if (json_array_size(order) == 0)
		fprintf(f, "<p>%s</p>\n", _("None recorded."));
	else
		fprintf(f, "<table><thead><tr><th>%s</th><th>%s</th></tr>"
		    "</thead>", _("Target"), _("To remove after the audit"));
	json_array_foreach(order, i, g) {
		ids = json_object_get(g, "ids");
		texts = json_object_get(g, "texts");
		n = json_array_size(texts);
		json_array_foreach(texts, j, t) {
			if (json_array_size(ids) == 1) {
				fputs("<tr><td>", f);
				rp_html(f, json_string_value(json_array_get(ids,
				    0)));
				fputs("</td><td>", f);
			} else if (j == 0) {
				fprintf(f, "<tr><td rowspan=\"%zu\">", n);
				alike_names(h, ids);
				fputs("</td><td>", f);
			} else
				fputs("<tr><td>", f);
			rp_html(f, json_string_value(t));
			fputs("</td></tr>\n", f);
		}
	}
	if (json_array_size(order) > 0)
		fputs("</table>\n", f);
	json_decref(order);
}

/* A merged bundle: the collections it was made from (evidence merge). */
static void
method_provenance(struct html *h)
{
	json_t *pv = json_object_get(json_object_get(h->root, "evidence"),
	    "provenance"), *p;
	FILE *f = h->f;
	char *a, *b;
	size_t i;

	if (json_array_size(pv) == 0)
		return;
	fprintf(f, "<h3 id=\"provenance\">%s</h3><p>%s</p>\n<table><thead>"
	    "<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
	    "<th class=\"num\">%s</th><th class=\"num\">%s</th></tr>"
	    "</thead>\n", _("Collections merged"),
	    _("The evidence was merged from these collections, each verified "
	    "against its manifest (kept in the merged evidence)."),
	    _("Source"), _("Collector host"), _("rempart version"),
	    _("Collection"), _("Targets"), _("Replaced by a newer collection"));
	json_array_foreach(pv, i, p) {
		fputs("<tr><td><code>", f);
		rp_html(f, S(p, "source"));
		fputs("</code></td><td>", f);
		rp_html(f, *S(p, "collector_host") ? S(p, "collector_host") :
		    "—");
		fputs("</td><td>", f);
		rp_html(f, *S(p, "tool_version") ? S(p, "tool_version") : "—");
		a = rp_report_date(S(p, "started_at"));
		b = rp_report_date(S(p, "finished_at"));
		fputs("</td><td>", f);
		rp_html(f, *a ? a : "—");
		fputs(" → ", f);
		rp_html(f, *b ? b : "—");
		if (json_is_true(json_object_get(p, "partial")))
			rp_html(f, _(" (partial)"));
		fprintf(f, "</td><td class=\"num\">%lld</td>"
		    "<td class=\"num\">%lld</td></tr>\n", I(p, "targets"),
		    I(p, "superseded"));
		free(a);
		free(b);
	}
	fputs("</table>\n", f);
}

static void
method(struct html *h)
{
	json_t *b, *t, *ev = json_object_get(h->root, "evidence");
	char *a, *b2;
	size_t i;
	char *txt;
	int any;
	FILE *f = h->f;

	fprintf(f, "<h2 id=\"method\">%s</h2>\n<p>%s</p><ul>",
	    _("Method and scope"),
	    _("Evidence was collected with read-only probes (SSH, LDAP) and "
	    "evaluated offline against the baselines below. Results are as "
	    "reported by the targets, which may still be compromised."));
	json_array_foreach(json_object_get(h->root, "baselines"), i, b) {
		fprintf(f, "<li><code>%s</code> (%s, ", S(b, "id"),
		    rp_report_label("kind", S(b, "kind")));
		fprintf(f, P_("%lld check", "%lld checks", I(b, "checks")),
		    I(b, "checks"));
		fputs("): ", f);
		rp_html(f, T(b, "title", h->lang));
		fputs("</li>", f);
	}
	a = rp_report_date(S(ev, "started_at"));
	b2 = rp_report_date(S(ev, "finished_at"));
	fprintf(f, "</ul><p>%s: ", _("Collection"));
	rp_html(f, a);
	fputs(" → ", f);
	rp_html(f, b2);
	fprintf(f, ". %s %s %s.</p>\n", _("Report by"), PACKAGE_NAME,
	    PACKAGE_VERSION);
	free(a);
	free(b2);
	method_provenance(h);
	/* per host: what the post-incident checks examined, what not */
	any = 0;
	json_array_foreach(json_object_get(h->root, "targets"), i, t) {
		if ((txt = rp_report_incident_coverage_text(t, h->lang)) ==
		    NULL)
			continue;
		if (!any++)
			fprintf(f, "<h3 id=\"incident-coverage\">%s</h3><ul>",
			    _("Post-incident checks: coverage"));
		fputs("<li><strong>", f);
		rp_html(f, S(t, "id"));
		fputs("</strong>: ", f);
		rp_html(f, txt);
		fputs("</li>", f);
		free(txt);
	}
	if (any)
		fputs("</ul>\n", f);
}

static void
since(struct html *h)
{
	static const char *const kinds[] = { "new", "regressed", "fixed",
		"still-open" };
	json_t *sn = json_object_get(h->root, "since"), *c, *it, *v;
	char *a, *b, *d;
	size_t i, j, k;
	FILE *f = h->f;

	if (!json_is_object(sn))
		return;
	c = json_object_get(sn, "counts");
	fprintf(f, "<h2 id=\"since\">%s</h2>\n<div class=\"kpis\">",
	    _("Since the last audit"));
	a = rp_report_score_value(json_object_get(json_object_get(sn,
	    "previous"), "score"));
	b = rp_report_score_value(json_object_get(sn, "score"));
	d = rp_report_date(S(json_object_get(sn, "previous"),
	    "generated_at"));
	fprintf(f, "<div class=\"kpi\"><div class=\"v\">%s → %s</div>"
	    "<div class=\"l\">%s ", a, b, _("score since"));
	rp_html(f, d);
	fputs("</div></div>", f);
	free(a);
	free(b);
	free(d);
	for (k = 0; k < 4; k++)
		fprintf(f, "<div class=\"kpi\"><div class=\"v\">%lld</div>"
		    "<div class=\"l\">%s</div></div>", I(c, kinds[k]),
		    rp_report_label("change", kinds[k]));
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
			    rp_report_label("change", kinds[k]),
			    S(it, "check"));
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

/* At most this many runs drawn, rows of the history tables. */
#define HISTORY_CHART_MAX	52
#define HISTORY_ROWS_MAX	20

/* "YYYY-MM-DD" of an ISO time, or "?" (the text is hostile). */
static void
history_day(const char *iso, char day[11])
{
	size_t i;

	for (i = 0; i < 10; i++)
		if (iso == NULL || iso[i] == '\0' || !(iso[i] == '-' ||
		    (iso[i] >= '0' && iso[i] <= '9')))
			break;
	if (i == 10) {
		memcpy(day, iso, 10);
		day[10] = '\0';
	} else
		memcpy(day, "?", 2);
}

/*
 * The runs of the history section as an inline SVG (no script): per run,
 * its failed findings stacked by severity, and the score as a line over
 * them (0 to 100 %, right axis).
 */
static void
history_chart(struct html *h, json_t *runs)
{
	static const char *const sev[] = { "critical", "high", "medium", "low",
		"info" };
	const int W = 640, H = 200, L = 44, R = 44, T = 10, B = 24;
	json_t *r, *fs, *sc;
	size_t n = json_array_size(runs), first, i, k;
	long long max = 1, tot, y;
	double slot, bw, x, cy;
	char day[11];
	int pts = 0;
	FILE *f = h->f;

	first = n > HISTORY_CHART_MAX ? n - HISTORY_CHART_MAX : 0;
	for (i = first; i < n; i++) {
		fs = json_object_get(json_array_get(runs, i),
		    "failed_by_severity");
		for (tot = 0, k = 0; k < 5; k++)
			tot += I(fs, sev[k]) > 0 ? I(fs, sev[k]) : 0;
		if (tot > max)
			max = tot;
	}
	slot = (double)(W - L - R) / (double)(n - first > 0 ? n - first : 1);
	bw = slot * 0.6;
	fprintf(f, "<svg role=\"img\" class=\"history-chart\" width=\"%d\" "
	    "height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\"><title>",
	    W, H);
	rp_html(f, _("Findings by severity and score, run by run"));
	fprintf(f, "</title><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#999\"/>", L, H - B, W - R, H - B);
	fprintf(f, "<text x=\"0\" y=\"%d\" font-size=\"11\">%lld</text>"
	    "<text x=\"0\" y=\"%d\" font-size=\"11\">0</text>"
	    "<text x=\"%d\" y=\"%d\" font-size=\"11\">100 %%</text>"
	    "<text x=\"%d\" y=\"%d\" font-size=\"11\">0 %%</text>", T + 10,
	    max, H - B, W - R + 4, T + 10, W - R + 4, H - B);
	for (i = first; i < n; i++) {
		r = json_array_get(runs, i);
		fs = json_object_get(r, "failed_by_severity");
		x = L + slot * (double)(i - first) + (slot - bw) / 2;
		y = H - B;
		for (k = 0; k < 5; k++) {
			long long v = I(fs, sev[k]) > 0 ? I(fs, sev[k]) : 0;
			long long hh = v * (H - B - T) / max;

			if (hh == 0)
				continue;
			y -= hh;
			fprintf(f, "<rect x=\"%.1f\" y=\"%lld\" width=\"%.1f\" "
			    "height=\"%lld\" style=\"fill:var(--%s)\"><title>"
			    "%s: %lld</title></rect>", x, y, bw, hh, sev[k],
			    rp_report_label("severity", sev[k]), v);
		}
		history_day(S(r, "generated_at"), day);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" "
		    "text-anchor=\"middle\">%s</text>", x + bw / 2, H - 8, day);
	}
	fputs("<polyline fill=\"none\" stroke=\"var(--brand)\" "
	    "stroke-width=\"2\" points=\"", f);
	for (i = first; i < n; i++) {
		sc = json_object_get(json_array_get(runs, i), "score");
		if (!json_is_number(sc))
			continue;
		cy = T + (100.0 - json_number_value(sc)) * (H - B - T) / 100.0;
		if (cy < T || cy > H - B)
			continue;
		fprintf(f, "%s%.1f,%.1f", pts++ ? " " : "", L + slot *
		    (double)(i - first) + slot / 2, cy);
	}
	fputs("\"/>", f);
	for (i = first; i < n; i++) {
		sc = json_object_get(json_array_get(runs, i), "score");
		if (!json_is_number(sc))
			continue;
		cy = T + (100.0 - json_number_value(sc)) * (H - B - T) / 100.0;
		if (cy < T || cy > H - B)
			continue;
		x = L + slot * (double)(i - first) + slot / 2;
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
		    "fill=\"var(--brand)\" stroke=\"#fff\"/><text x=\"%.1f\" "
		    "y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" "
		    "fill=\"var(--brand)\" stroke=\"#fff\" stroke-width=\"3\" "
		    "paint-order=\"stroke\">%.1f %%</text>", x, cy, x, cy - 7,
		    json_number_value(sc));
	}
	fputs("</svg>\n<p class=\"muted\">", f);
	for (k = 0; k < 5; k++)
		fprintf(f, "<span class=\"sev sev-%s\">%s</span> ", sev[k],
		    rp_report_label("severity", sev[k]));
	fprintf(f, "— %s</p>\n", _("line: score (compliant share)"));
}

/* A row of the history tables: check, title, target, severity, date. */
static void
history_row(struct html *h, json_t *it, const char *when)
{
	const char *w = S(it, when), *sv = S(it, "severity");
	char *d = rp_report_date(w != NULL ? w : "-");

	fputs("<tr><td><code>", h->f);
	rp_html(h->f, S(it, "check"));
	fputs("</code> ", h->f);
	rp_html(h->f, T(it, "title", h->lang));
	fputs("</td><td>", h->f);
	rp_html(h->f, S(it, "target"));
	fputs("</td><td>", h->f);
	sev_badge(h->f, sv != NULL ? sv : "?");
	fputs("</td><td>", h->f);
	rp_html(h->f, d);
	fputs("</td></tr>\n", h->f);
	free(d);
}

/* The "history" section of a run recorded with --history. */
static void
history_section(struct html *h)
{
	json_t *hs = json_object_get(h->root, "history"), *runs, *it, *a;
	size_t i, n;
	FILE *f = h->f;

	if (!json_is_object(hs) || !json_is_array(runs =
	    json_object_get(hs, "runs")))
		return;
	fprintf(f, "<h2 id=\"history\">%s</h2>\n<p>", _("History of the "
	    "sweeps"));
	fprintf(f, _("The last %zu recorded runs; findings still open in "
	    "this run: %lld."), json_array_size(runs), I(hs, "open_findings"));
	fputs("</p>\n", f);
	history_chart(h, runs);
	a = json_object_get(hs, "oldest_open");
	fprintf(f, "<h3>%s</h3>\n", _("Oldest open findings"));
	if (json_array_size(a) == 0)
		fprintf(f, "<p>%s</p>\n", _("None."));
	else {
		fprintf(f, "<table><thead><tr><th>%s</th><th>%s</th><th>%s"
		    "</th><th>%s</th></tr></thead>\n", _("Check"), _("Target"),
		    _("Severity"), _("Open since"));
		json_array_foreach(a, i, it) {
			if (i >= HISTORY_ROWS_MAX)
				break;
			history_row(h, it, "open_since");
		}
		fputs("</table>\n", f);
	}
	a = json_object_get(hs, "fixed_since_previous");
	fprintf(f, "<h3>%s</h3>\n", _("Fixed since the previous run"));
	n = json_array_size(a);
	if (n == 0)
		fprintf(f, "<p>%s</p>\n", _("None."));
	else {
		fprintf(f, "<table><thead><tr><th>%s</th><th>%s</th><th>%s"
		    "</th><th>%s</th></tr></thead>\n", _("Check"), _("Target"),
		    _("Severity"), _("First failed"));
		json_array_foreach(a, i, it) {
			if (i >= HISTORY_ROWS_MAX)
				break;
			history_row(h, it, "first_failed");
		}
		fputs("</table>\n", f);
		if (n > HISTORY_ROWS_MAX) {
			fputs("<p>", f);
			fprintf(f, _("And %zu more (rempart history diff)."),
			    n - HISTORY_ROWS_MAX);
			fputs("</p>\n", f);
		}
	}
}

/* Results by target id, in their order (owned). */
static json_t *
by_target(json_t *root)
{
	json_t *m = json_object(), *r, *l;
	size_t i;

	json_array_foreach(json_object_get(root, "results"), i, r) {
		if ((l = json_object_get(m, S(r, "target"))) == NULL) {
			l = json_array();
			json_object_set_new(m, S(r, "target"), l);
		}
		json_array_append(l, r);
	}
	return m;
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
	r = slurp(css, &h.css, NULL, cause);
	free(css);
	if (r == RP_ERR_NOT_FOUND)
		return rp_fail(cause, r, "template directory '%s' has no "
		    "report.css", template_dir);
	if (r != 0)
		return r;
	h.bytarget = by_target(root);
	if ((r = load_brand(&h, template_dir, cause)) != 0 ||
	    (r = load_fragment(&h, template_dir, "header.html", &h.header,
	    cause)) != 0 || (r = load_fragment(&h, template_dir,
	    "footer.html", &h.footer, cause)) != 0)
		goto out;
	head(&h);
	print_fragment(&h, h.header);
	cover(&h);
	toc(&h);
	summary(&h);
	since(&h);
	history_section(&h);
	plan(&h);
	targets(&h);
	waivers(&h);
	gaps(&h);
	footprint(&h);
	method(&h);
	print_fragment(&h, h.footer);
	css = rp_report_date(S(root, "generated_at"));
	fprintf(f, "<footer>%s %s %s · ", _("Generated by"), PACKAGE_NAME,
	    PACKAGE_VERSION);
	rp_html(f, css);
	fputs("</footer>\n</body>\n</html>\n", f);
	free(css);
	if (ferror(f))
		r = rp_fail(cause, RP_ERR_IO, "write error");
out:
	free(h.css);
	free(h.brand);
	free(h.classification);
	free(h.logo_b64);
	free(h.header);
	free(h.footer);
	json_decref(h.bytarget);
	return r;
}
