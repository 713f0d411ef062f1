/*
 * libFuzzer target: a header.html fragment of a --template-dir (input up
 * to the first NUL byte) and the incident's organisation (the rest), which
 * a {{organisation}} placeholder brings in. Property, when the report is
 * rendered: it is well-formed XML, and what the fragment put before the
 * cover holds only the allow-list's elements and attributes, no style, no
 * event handler, and links only to https:, mailto: or #, images only from
 * data:image/. Any violation aborts.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "report/i18n.h"
#include "report/render.h"
#include "report/report.h"
#include "results/read.h"

static char tdir[] = "/tmp/rempart-fuzz-tpl.XXXXXX";
static char *hpath;

static const char *const tags[] = { "a", "abbr", "b", "blockquote", "br",
	"caption", "code", "dd", "div", "dl", "dt", "em", "h1", "h2", "h3",
	"h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "small",
	"span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
	"thead", "tr", "u", "ul", NULL };
static const char *const attrs[] = { "class", "title", "lang", "dir",
	"href", "src", "alt", "width", "height", "colspan", "rowspan", NULL };

static int
listed(const char *const *l, const char *s)
{
	for (; *l != NULL; l++)
		if (strcmp(*l, s) == 0)
			return 1;
	return 0;
}

static void
check(xmlNodePtr n)
{
	xmlAttrPtr a;
	xmlChar *v;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!listed(tags, (const char *)n->name))
			abort();
		for (a = n->properties; a != NULL; a = a->next) {
			if (!listed(attrs, (const char *)a->name))
				abort();
			v = xmlNodeListGetString(n->doc, a->children, 1);
			if (strcmp((const char *)a->name, "href") == 0 &&
			    strncasecmp((const char *)v, "https://", 8) != 0 &&
			    strncasecmp((const char *)v, "mailto:", 7) != 0 &&
			    v[0] != '#')
				abort();
			if (strcmp((const char *)a->name, "src") == 0 &&
			    strncmp((const char *)v, "data:image/", 11) != 0)
				abort();
			xmlFree(v);
		}
		check(n->children);
	}
}

static void
setup(void)
{
	char *css;
	FILE *f;

	if (mkdtemp(tdir) == NULL || asprintf(&css, "%s/report.css", tdir) < 0 ||
	    asprintf(&hpath, "%s/header.html", tdir) < 0 ||
	    (f = fopen(css, "w")) == NULL)
		abort();
	fputs("body { color: black; }\n", f);
	fclose(f);
	free(css);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t flen = nul ? (size_t)(nul - data) : size;
	char *out = NULL, *cause = NULL;
	size_t olen = 0;
	json_t *root, *inc, *org;
	xmlDocPtr doc;
	xmlNodePtr n;
	FILE *f;
	int r;

	if (hpath == NULL)
		setup();
	if ((f = fopen(hpath, "w")) == NULL)
		abort();
	fwrite(data, 1, flen, f);
	fclose(f);
	/* as rp_results_load gives it: valid UTF-8, else none */
	inc = json_object();
	org = nul ? json_stringn((const char *)nul + 1, size - flen - 1) :
	    NULL;
	json_object_set_new(inc, "organisation", org ? org : json_string(""));
	json_object_set_new(inc, "reference", json_string("REF-1"));
	root = json_object();
	json_object_set_new(root, "incident", inc);
	if ((f = open_memstream(&out, &olen)) == NULL)
		abort();
	r = rp_report_html(root, "en", tdir, f, &cause);
	fclose(f);
	if (r == 0) {
		doc = xmlReadMemory(out, (int)olen, "report.html", NULL,
		    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		if (doc == NULL)
			abort();	/* not well-formed */
		n = xmlDocGetRootElement(doc);
		for (n = n ? n->children : NULL; n != NULL; n = n->next)
			if (n->type == XML_ELEMENT_NODE &&
			    strcmp((const char *)n->name, "body") == 0)
				break;
		/* the fragment: the body's nodes before the cover */
		for (n = n ? n->children : NULL; n != NULL &&
		    !(n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "header") == 0); n = n->next)
			if (n->type == XML_ELEMENT_NODE) {
				xmlNodePtr next = n->next;

				n->next = NULL;
				check(n);
				n->next = next;
			}
		xmlFreeDoc(doc);
	}
	json_decref(root);
	free(out);
	free(cause);
	return 0;
}
