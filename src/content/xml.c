#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "core/err.h"
#include "core/file.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "content/xml.h"
#include "core/banned.h"

static const struct {
	const char *ns, *root, *xsd;
} formats[RP_XML__COUNT] = {
	{ "urn:rempart:catalog:1", "catalog", "catalog.xsd" },
	{ "urn:rempart:baseline:1", "baseline", "baseline.xsd" },
	{ "urn:rempart:waivers:1", "waivers", "waivers.xsd" },
	{ "urn:rempart:incident:1", "incident", "incident.xsd" },
	{ "urn:rempart:attestations:1", "attestations", "attestations.xsd" },
};

/* Collects the first error libxml2 reports, as "file:line: message". */
struct errsink {
	struct rp_strbuf sb;
	int		 n;
};

static void
sink_error(void *arg, xmlErrorPtr e)
{
	struct errsink *s = arg;
	size_t len;

	if (e == NULL || e->level < XML_ERR_ERROR || s->n++ > 0)
		return;
	rp_strbuf_addf(&s->sb, "%s:%d: %s", e->file ? e->file : "?",
	    e->line, e->message ? e->message : "error");
	len = s->sb.len;
	while (len > 0 && isspace((unsigned char)s->sb.buf[len - 1]))
		s->sb.buf[--len] = '\0';
	s->sb.len = len;
}

static int
load_schema(const char *dir, void **schemas, int f, char **cause)
{
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaPtr s;
	char *path;

	if (schemas[f] != NULL)
		return 0;
	path = xasprintf("%s/%s", dir, formats[f].xsd);
	pc = xmlSchemaNewParserCtxt(path);
	s = pc ? xmlSchemaParse(pc) : NULL;
	xmlSchemaFreeParserCtxt(pc);
	if (s == NULL) {
		rp_fail(cause, RP_ERR_IO, "cannot load schema '%s'", path);
		free(path);
		return RP_ERR_IO;
	}
	free(path);
	schemas[f] = s;
	return 0;
}

void
rp_xml_schemas_free(void **schemas)
{
	int i;

	for (i = 0; i < RP_XML__COUNT; i++) {
		xmlSchemaFree(schemas[i]);
		schemas[i] = NULL;
	}
}

static int
detect(xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int i;

	if (root == NULL || root->ns == NULL)
		return -1;
	for (i = 0; i < RP_XML__COUNT; i++)
		if (strcmp((const char *)root->ns->href, formats[i].ns) == 0 &&
		    strcmp((const char *)root->name, formats[i].root) == 0)
			return i;
	return -1;
}

static int
validate(xmlDocPtr doc, xmlSchemaPtr schema, char **cause)
{
	xmlSchemaValidCtxtPtr vc;
	struct errsink sink;
	int rc;

	rp_strbuf_init(&sink.sb, 4096);
	sink.n = 0;
	vc = xmlSchemaNewValidCtxt(schema);
	if (vc == NULL)
		return RP_ERR_NOMEM;
	xmlSchemaSetValidStructuredErrors(vc, sink_error, &sink);
	rc = xmlSchemaValidateDoc(vc, doc);
	xmlSchemaFreeValidCtxt(vc);
	if (rc != 0) {
		rp_fail(cause, RP_ERR_INVALID, "%s", sink.n ?
		    rp_strbuf_str(&sink.sb) : "does not match its schema");
		rp_strbuf_release(&sink.sb);
		return RP_ERR_INVALID;
	}
	rp_strbuf_release(&sink.sb);
	return 0;
}

/* Skip from p to just past the end marker, counting lines; NULL if none. */
static const char *
skip_past(const char *p, const char *end, const char *marker, int *line)
{
	size_t n = strlen(marker);

	for (; p + n <= end; p++) {
		if (memcmp(p, marker, n) == 0)
			return p + n;
		if (*p == '\n')
			(*line)++;
	}
	return NULL;
}

/*
 * Before libxml2 sees the file: its attribute handling is quadratic in the
 * attributes of one element (100 000 of them cost a minute of CPU), so an
 * element with more than RP_XML_MAX_ATTRS attributes is refused here, in
 * one linear pass, as is a DOCTYPE (refused after parsing anyway, and its
 * internal subset would be parsed first). Comments, CDATA and processing
 * instructions are skipped; a malformed rest is left to the parser.
 */
static int
prescan(const char *path, const char *buf, size_t len, char **cause)
{
	const char *p = buf, *end = buf + len;
	int line = 1, nattr;
	char q;

	while (p < end) {
		for (; p < end && *p != '<'; p++)
			if (*p == '\n')
				line++;
		if (p == end)
			break;
		if ((size_t)(end - p) >= 4 && memcmp(p, "<!--", 4) == 0)
			p = skip_past(p + 4, end, "-->", &line);
		else if ((size_t)(end - p) >= 9 &&
		    memcmp(p, "<![CDATA[", 9) == 0)
			p = skip_past(p + 9, end, "]]>", &line);
		else if ((size_t)(end - p) >= 2 && p[1] == '?')
			p = skip_past(p + 2, end, "?>", &line);
		else if ((size_t)(end - p) >= 2 && p[1] == '!')
			return rp_fail(cause, RP_ERR_INVALID, "%s:%d: DOCTYPE "
			    "declarations are not allowed", path, line);
		else {
			/* a tag: '=' outside quotes starts an attribute */
			for (nattr = 0, q = 0, p++; p < end &&
			    (q != 0 || *p != '>'); p++) {
				if (*p == '\n')
					line++;
				if (q != 0 && *p == q)
					q = 0;
				else if (q == 0 && (*p == '"' || *p == '\''))
					q = *p;
				else if (q == 0 && *p == '=' &&
				    ++nattr > RP_XML_MAX_ATTRS)
					return rp_fail(cause, RP_ERR_TOO_LARGE,
					    "%s:%d: an element with more than "
					    "%d attributes", path, line,
					    RP_XML_MAX_ATTRS);
			}
		}
		if (p == NULL)
			break;
	}
	return 0;
}

int
rp_xml_load(const char *path, const char *schemadir, void **schemas,
    int want, xmlDocPtr *out, enum rp_xml_format *fmt, char **cause)
{
	xmlParserCtxtPtr pc = NULL;
	xmlDocPtr doc = NULL;
	struct errsink sink;
	char *buf = NULL;
	size_t len = 0;
	int f, r;

	rp_strbuf_init(&sink.sb, 4096);
	sink.n = 0;
	/* a regular file under the cap: a FIFO or a device never blocks */
	if ((r = rp_file_read(path, RP_XML_MAX_BYTES, &buf, &len,
	    cause)) != 0)
		return r == RP_ERR_NOT_FOUND ? r : RP_ERR_INVALID;
	if ((r = prescan(path, buf, len, cause)) != 0 ||
	    len > INT_MAX) {
		free(buf);
		return r ? r : RP_ERR_TOO_LARGE;
	}
	pc = xmlNewParserCtxt();
	if (pc == NULL) {
		free(buf);
		return RP_ERR_NOMEM;
	}
	xmlSetStructuredErrorFunc(&sink, sink_error);
	/* no XML_PARSE_NOENT, no DTDLOAD: entities are never expanded */
	doc = xmlCtxtReadMemory(pc, buf, (int)len, path, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOWARNING);
	free(buf);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc == NULL) {
		r = rp_fail(cause, RP_ERR_PARSE, "%s", sink.n ?
		    rp_strbuf_str(&sink.sb) : "cannot parse");
		if (!sink.n)
			rp_fail(cause, RP_ERR_PARSE, "%s: not well-formed XML",
			    path);
		goto out;
	}
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		r = rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: DOCTYPE declarations are not allowed", path,
		    doc->intSubset ? (int)xmlGetLineNo((xmlNodePtr)doc->intSubset) : 1);
		goto out;
	}
	f = detect(doc);
	if (f < 0 || (want >= 0 && f != want)) {
		xmlNodePtr root = xmlDocGetRootElement(doc);

		r = rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: root element '%s' is not %s%s%s", path,
		    root ? (int)xmlGetLineNo(root) : 1,
		    root ? (const char *)root->name : "",
		    want >= 0 ? "a rempart " : "one of rempart's formats",
		    want >= 0 ? formats[want].root : "",
		    want >= 0 ? "" : "");
		goto out;
	}
	if ((r = load_schema(schemadir, schemas, f, cause)) != 0)
		goto out;
	if ((r = validate(doc, schemas[f], cause)) != 0)
		goto out;
	if (fmt != NULL)
		*fmt = (enum rp_xml_format)f;
	*out = doc;
	doc = NULL;	/* transferred */
	r = 0;
out:
	rp_strbuf_release(&sink.sb);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(pc);
	return r;
}

char *
rp_xml_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

char *
rp_xml_text(xmlNodePtr n)
{
	xmlChar *v = xmlNodeGetContent(n);
	const char *b, *e;
	char *s;

	if (v == NULL)
		return xstrdup("");
	b = (const char *)v;
	while (isspace((unsigned char)*b))
		b++;
	e = b + strlen(b);
	while (e > b && isspace((unsigned char)e[-1]))
		e--;
	s = xstrndup(b, (size_t)(e - b));
	xmlFree(v);
	return s;
}

int
rp_xml_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}
