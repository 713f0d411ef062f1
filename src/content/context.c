/*
 * context.c -- waivers and the incident context: the inputs of evaluation
 * besides evidence, catalogue and baseline.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "core/err.h"
#include "core/file.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "content/context.h"
#include "content/xml.h"
#include "parse/sshkey.h"
#include "core/banned.h"

static int
load(struct rp_content *c, const char *path, int fmt, xmlDocPtr *doc,
    char **cause)
{
	char *sd = xasprintf("%s/schema", c->datadir);
	int r = rp_xml_load(path, sd, c->schemas, fmt, doc, NULL, cause);

	free(sd);
	return r;
}

int
rp_content_validate_file(struct rp_content *c, const char *path,
    char **cause)
{
	char *sd = xasprintf("%s/schema", c->datadir);
	xmlDocPtr doc = NULL;
	int r;

	r = rp_xml_load(path, sd, c->schemas, -1, &doc, NULL, cause);
	free(sd);
	xmlFreeDoc(doc);
	return r;
}

int
rp_waivers_load(struct rp_content *c, const char *path,
    struct rp_waiver **out, size_t *nout, char **cause)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr n, k;
	struct rp_waiver *w = NULL, *x;
	size_t nw = 0;
	char *v;
	time_t t;
	int r;

	if ((r = load(c, path, RP_XML_WAIVERS, &doc, cause)) != 0)
		return r;
	for (n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
		if (!rp_xml_is(n, "waiver"))
			continue;
		w = xreallocarray(w, nw + 1, sizeof(*w));
		x = &w[nw++];
		memset(x, 0, sizeof(*x));
		x->check = rp_xml_attr(n, "check");
		x->target = rp_xml_attr(n, "target");
		if (x->target == NULL)
			x->target = xstrdup("*");
		x->owner = rp_xml_attr(n, "owner");
		x->file = xstrdup(path);
		x->line = (int)xmlGetLineNo(n);
		for (k = n->children; k; k = k->next)
			if (rp_xml_is(k, "justification"))
				x->justification = rp_xml_text(k);
		v = rp_xml_attr(n, "expires");
		x->expires_str = v;
		if (rp_parse_time(v, &t) != 0) {
			r = rp_fail(cause, RP_ERR_INVALID, "%s:%d: waiver for "
			    "'%s': bad expiry date '%s'", path, x->line,
			    x->check, v);
			break;
		}
		x->expires = t + 86399;	/* valid through that whole day */
		if (rp_content_check(c, x->check) == NULL) {
			r = rp_fail(cause, RP_ERR_INVALID, "%s:%d: waiver for "
			    "unknown check '%s'", path, x->line, x->check);
			break;
		}
	}
	xmlFreeDoc(doc);
	if (r != 0) {
		rp_waivers_free(w, nw);
		return r;
	}
	*out = w;
	*nout = nw;
	return 0;
}

void
rp_waivers_free(struct rp_waiver *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(w[i].check);
		free(w[i].target);
		free(w[i].owner);
		free(w[i].justification);
		free(w[i].expires_str);
		free(w[i].file);
	}
	free(w);
}

static char **
push(char **v, size_t *n, char *s)
{
	v = xreallocarray(v, *n + 1, sizeof(*v));
	v[(*n)++] = s;
	return v;
}

static int
date_of(xmlNodePtr n, const char *path, time_t *out, char **cause)
{
	char *v = rp_xml_text(n);
	int r = 0;

	if (rp_parse_time(v, out) != 0)
		r = rp_fail(cause, RP_ERR_INVALID, "%s:%d: <%s>: '%s' is not "
		    "a UTC date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)", path,
		    (int)xmlGetLineNo(n), (const char *)n->name, v);
	free(v);
	return r;
}

static int
check_order(const struct rp_incident *inc, const char *path, time_t now,
    char **cause)
{
	static const char *const names[] = { "compromise-start",
		"detection", "containment", "remediation" };
	time_t d[4] = { inc->compromise_start, inc->detection,
		inc->containment, inc->remediation };
	time_t prev = 0;
	int i, pi = -1;

	for (i = 0; i < 4; i++) {
		if (d[i] == 0)
			continue;
		if (now != 0 && d[i] > now)
			return rp_fail(cause, RP_ERR_INVALID, "%s: <%s> is in "
			    "the future", path, names[i]);
		if (pi >= 0 && d[i] < prev)
			return rp_fail(cause, RP_ERR_INVALID, "%s: <%s> is "
			    "before <%s>", path, names[i], names[pi]);
		prev = d[i];
		pi = i;
	}
	return 0;
}

int
rp_incident_load(struct rp_content *c, const char *path, time_t now,
    struct rp_incident **out, char **cause)
{
	struct rp_incident *inc;
	xmlDocPtr doc = NULL;
	xmlNodePtr n;
	int r;

	if ((r = load(c, path, RP_XML_INCIDENT, &doc, cause)) != 0)
		return r;
	inc = xcalloc(1, sizeof(*inc));
	for (n = xmlDocGetRootElement(doc)->children; n && r == 0;
	    n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (rp_xml_is(n, "organisation")) {
			inc->organisation = rp_xml_text(n);
			inc->org_type = rp_xml_attr(n, "type");
		} else if (rp_xml_is(n, "reference"))
			inc->reference = rp_xml_text(n);
		else if (rp_xml_is(n, "compromise-start"))
			r = date_of(n, path, &inc->compromise_start, cause);
		else if (rp_xml_is(n, "detection"))
			r = date_of(n, path, &inc->detection, cause);
		else if (rp_xml_is(n, "containment"))
			r = date_of(n, path, &inc->containment, cause);
		else if (rp_xml_is(n, "remediation"))
			r = date_of(n, path, &inc->remediation, cause);
		else if (rp_xml_is(n, "compromised-account"))
			inc->accounts = push(inc->accounts, &inc->naccounts,
			    rp_xml_text(n));
		else if (rp_xml_is(n, "compromised-host"))
			inc->hosts = push(inc->hosts, &inc->nhosts,
			    rp_xml_text(n));
		else if (rp_xml_is(n, "auditor"))
			inc->auditor = rp_xml_text(n);
		else if (rp_xml_is(n, "recipient"))
			inc->recipients = push(inc->recipients,
			    &inc->nrecipients, rp_xml_text(n));
	}
	xmlFreeDoc(doc);
	if (inc->org_type == NULL)
		inc->org_type = xstrdup("other");
	if (r == 0)
		r = check_order(inc, path, now, cause);
	if (r != 0) {
		rp_incident_free(inc);
		return r;
	}
	*out = inc;
	return 0;
}

void
rp_incident_free(struct rp_incident *inc)
{
	size_t i;

	if (inc == NULL)
		return;
	free(inc->organisation);
	free(inc->org_type);
	free(inc->reference);
	for (i = 0; i < inc->naccounts; i++)
		free(inc->accounts[i]);
	free(inc->accounts);
	for (i = 0; i < inc->nhosts; i++)
		free(inc->hosts[i]);
	free(inc->hosts);
	free(inc->auditor);
	for (i = 0; i < inc->nrecipients; i++)
		free(inc->recipients[i]);
	free(inc->recipients);
	for (i = 0; i < inc->nallowed_keys; i++)
		free(inc->allowed_keys[i]);
	free(inc->allowed_keys);
	free(inc);
}

#define ALLOWED_KEYS_MAX	10000
#define ALLOWED_KEYS_FILE_MAX	(64u << 20)

int
rp_allowed_keys_load(struct rp_incident *inc, const char *path, char **cause)
{
	const char *type, *blob;
	char *data = NULL, *line, *nl, *end, *p;
	size_t len = 0, tlen, blen;
	int lineno = 0, r;

	/* a regular file within the cap, as every input (core/file.h) */
	if ((r = rp_file_read(path, ALLOWED_KEYS_FILE_MAX, &data, &len,
	    cause)) != 0)
		return r;
	end = data + len;
	for (line = data; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		*nl = '\0';	/* the final NUL of rp_file_read at the end */
		lineno++;
		for (p = line; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '#' || (p == nl || (*p == '\r' && p + 1 == nl)))
			continue;
		/* a NUL inside a line: not a key line, never a cut one */
		if (strlen(p) != (size_t)(nl - p) ||
		    rp_ssh_key_parse(p, strcspn(p, "\r"), &type, &tlen,
		    &blob, &blen) != 0) {
			r = rp_fail(cause, RP_ERR_PARSE, "%s:%d: not an "
			    "OpenSSH public key line", path, lineno);
			break;
		}
		if (inc->nallowed_keys >= ALLOWED_KEYS_MAX) {
			r = rp_fail(cause, RP_ERR_TOO_LARGE, "%s:%d: more than "
			    "%d keys", path, lineno, ALLOWED_KEYS_MAX);
			break;
		}
		inc->allowed_keys = xreallocarray(inc->allowed_keys,
		    inc->nallowed_keys + 1, sizeof(char *));
		inc->allowed_keys[inc->nallowed_keys++] = xasprintf("%.*s %.*s",
		    (int)tlen, type, (int)blen, blob);
	}
	free(data);
	return r;
}
