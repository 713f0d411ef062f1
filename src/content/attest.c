/*
 * attest.c -- the answers to the manual checks (attestations.xsd): loaded
 * like every XML input (rp_xml_load: size cap, no network, no DTD so no
 * entity, schema validation), then tied to the catalogue.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>

#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "content/xml.h"
#include "core/banned.h"

/*
 * A C1 control (NEL included), a line or paragraph separator or a
 * bidirectional control, which would reorder or break what the report
 * shows (s is UTF-8: libxml2 checked it).
 */
static int
has_control(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; s != NULL && *p; p++) {
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return 1;				/* C1 */
		if (p[0] == 0xd8 && p[1] == 0x9c)
			return 1;				/* U+061C */
		if (p[0] == 0xe2 && p[1] == 0x80 && ((p[2] >= 0x8e &&
		    p[2] <= 0x8f) || (p[2] >= 0xa8 && p[2] <= 0xae)))
			return 1;	/* U+200E-F, U+2028-9, U+202A-E */
		if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 &&
		    p[2] <= 0xa9)
			return 1;				/* U+2066-9 */
	}
	return 0;
}

/*
 * What the schema lets through and an answer cannot be: a blank 'by', a
 * date other than YYYY-MM-DD (xs:date takes a zone and a longer year) or
 * one after today (a day allowed for the time zones).
 */
static int
answer_check(const struct rp_attestation *a, const char *path, int line,
    char **cause)
{
	const char *d = a->date != NULL ? a->date : "";
	time_t t;
	size_t i;

	if (a->by == NULL || a->by[strspn(a->by, " ")] == '\0')
		return rp_fail(cause, RP_ERR_INVALID, "%s:%d: question '%s': "
		    "the answer's 'by' is blank: say who answered", path,
		    line, a->id);
	for (i = 0; i < a->natt && !has_control(a->att_name[i]); i++)
		;
	if (has_control(a->by) || has_control(a->evidence) || i < a->natt)
		return rp_fail(cause, RP_ERR_INVALID, "%s:%d: question '%s': "
		    "the answer holds a control character (C1, line "
		    "separator or bidi control)", path, line, a->id);
	for (i = 0; i < 10; i++)
		if (d[i] == '\0' || ((i == 4 || i == 7) ? d[i] != '-' :
		    (d[i] < '0' || d[i] > '9')))
			break;
	if (i != 10 || d[10] != '\0' || rp_parse_time(d, &t) != 0)
		return rp_fail(cause, RP_ERR_INVALID, "%s:%d: question '%s': "
		    "date '%s' is not a day YYYY-MM-DD from 1970 on", path,
		    line, a->id, d);
	if (t > time(NULL) + 86400)
		return rp_fail(cause, RP_ERR_INVALID, "%s:%d: question '%s': "
		    "date '%s' is in the future", path, line, a->id, d);
	return 0;
}

static int
answer(struct rp_attestation *a, xmlNodePtr n)
{
	xmlNodePtr k;

	a->value = rp_xml_attr(n, "value");
	a->by = rp_xml_attr(n, "by");
	a->date = rp_xml_attr(n, "date");
	for (k = n->children; k; k = k->next) {
		if (rp_xml_is(k, "evidence")) {
			free(a->evidence);
			a->evidence = rp_xml_text(k);
		} else if (rp_xml_is(k, "attachment")) {
			a->att_name = xreallocarray(a->att_name, a->natt + 1,
			    sizeof(*a->att_name));
			a->att_sha256 = xreallocarray(a->att_sha256,
			    a->natt + 1, sizeof(*a->att_sha256));
			a->att_name[a->natt] = rp_xml_attr(k, "name");
			a->att_sha256[a->natt] = rp_xml_attr(k, "sha256");
			a->natt++;
		}
	}
	return (int)xmlGetLineNo(n);
}

int
rp_attestations_load(struct rp_content *c, const char *path,
    struct rp_attestations **out, char **cause)
{
	struct rp_attestations *at;
	const struct rp_check *ck;
	struct rp_attestation *a;
	xmlDocPtr doc = NULL;
	xmlNodePtr n, k;
	char *sd = xasprintf("%s/schema", c->datadir);
	int r, aline;

	*out = NULL;
	r = rp_xml_load(path, sd, c->schemas, RP_XML_ATTESTATIONS, &doc, NULL,
	    cause);
	free(sd);
	if (r != 0)
		return r;
	at = xcalloc(1, sizeof(*at));
	at->file = xstrdup(path);
	at->organisation = rp_xml_attr(xmlDocGetRootElement(doc),
	    "organisation");
	if (has_control(at->organisation))
		r = rp_fail(cause, RP_ERR_INVALID, "%s:%d: the organisation "
		    "holds a control character (C1, line separator or bidi "
		    "control)", path, (int)xmlGetLineNo(
		    xmlDocGetRootElement(doc)));
	for (n = xmlDocGetRootElement(doc)->children; r == 0 && n;
	    n = n->next) {
		if (!rp_xml_is(n, "question"))
			continue;
		at->v = xreallocarray(at->v, at->n + 1, sizeof(*at->v));
		a = &at->v[at->n++];
		memset(a, 0, sizeof(*a));
		a->id = rp_xml_attr(n, "id");
		a->line = (int)xmlGetLineNo(n);
		aline = 0;
		for (k = n->children; k; k = k->next)
			if (rp_xml_is(k, "answer"))
				aline = answer(a, k);
		ck = rp_content_check(c, a->id);
		if (ck == NULL || ck->manual_expected == NULL) {
			r = rp_fail(cause, RP_ERR_INVALID, "%s:%d: question "
			    "'%s': %s", path, a->line, a->id, ck == NULL ?
			    "no such check in the catalogue" : "not a manual "
			    "check");
			break;
		}
		if (aline != 0 && (r = answer_check(a, path, aline,
		    cause)) != 0)
			break;
	}
	xmlFreeDoc(doc);
	if (r != 0) {
		rp_attestations_free(at);
		return r;
	}
	*out = at;
	return 0;
}

const struct rp_attestation *
rp_attestation_find(const struct rp_attestations *a, const char *check)
{
	size_t i;

	for (i = 0; a != NULL && i < a->n; i++)
		if (strcmp(a->v[i].id, check) == 0)
			return &a->v[i];
	return NULL;
}

void
rp_attestations_free(struct rp_attestations *at)
{
	size_t i, j;

	if (at == NULL)
		return;
	for (i = 0; i < at->n; i++) {
		free(at->v[i].id);
		free(at->v[i].value);
		free(at->v[i].by);
		free(at->v[i].date);
		free(at->v[i].evidence);
		for (j = 0; j < at->v[i].natt; j++) {
			free(at->v[i].att_name[j]);
			free(at->v[i].att_sha256[j]);
		}
		free(at->v[i].att_name);
		free(at->v[i].att_sha256);
	}
	free(at->v);
	free(at->file);
	free(at->organisation);
	free(at);
}
