#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "core/err.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "content/xml.h"
#include "parse/rx.h"
#include "core/banned.h"

static const char *const op_names[RP_OP__COUNT] = {
	"eq", "ne", "lt", "le", "gt", "ge", "in", "not-in", "matches",
	"not-matches", "absent", "present", "version-lt", "version-le",
	"version-gt", "version-ge",
};

const char *
rp_op_name(enum rp_op op)
{
	return (unsigned)op < RP_OP__COUNT ? op_names[op] : "?";
}

int
rp_op_parse(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < RP_OP__COUNT; i++)
		if (strcmp(op_names[i], s) == 0)
			return i;
	return -1;
}

const char *
rp_text_get(const struct rp_text *t, const char *lang)
{
	const char *a = t->en, *b = t->fr;

	if (lang != NULL && strcmp(lang, "fr") == 0) {
		a = t->fr;
		b = t->en;
	}
	return a && *a ? a : b ? b : "";
}

static void
text_release(struct rp_text *t)
{
	free(t->en);
	free(t->fr);
	t->en = t->fr = NULL;
}

static void
text_set(struct rp_text *t, xmlNodePtr n)
{
	char *lang = rp_xml_attr(n, "lang");
	char **slot = lang && strcmp(lang, "fr") == 0 ? &t->fr : &t->en;

	free(*slot);
	*slot = rp_xml_text(n);
	free(lang);
}

static int
boolattr(xmlNodePtr n, const char *name)
{
	char *v = rp_xml_attr(n, name);
	int r = v && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0);

	free(v);
	return r;
}

static char *
schemadir(const struct rp_content *c)
{
	return xasprintf("%s/schema", c->datadir);
}

static void
probe_release(struct rp_probe *p)
{
	free(p->id);
	text_release(&p->description);
	free(p->command);
	free(p->requires);
	free(p->durable);
	free(p->ldap_base);
	free(p->ldap_scope);
	free(p->ldap_filter);
	free(p->ldap_attrs);
	free(p->file);
}

static int
parse_probe(struct rp_content *c, xmlNodePtr n, enum rp_kind kind,
    const char *path, char **cause)
{
	struct rp_probe *p;
	xmlNodePtr k;
	char *v;

	XGROW(c->probes, c->aprobes, c->nprobes);
	p = &c->probes[c->nprobes];
	memset(p, 0, sizeof(*p));
	p->id = rp_xml_attr(n, "id");
	p->kind = kind;
	p->file = xstrdup(path);
	p->line = (int)xmlGetLineNo(n);
	p->requires = rp_xml_attr(n, "requires");
	p->durable = rp_xml_attr(n, "durable");
	p->root = boolattr(n, "root");
	p->deep = boolattr(n, "deep");
	p->sd_flags = -1;
	if ((v = rp_xml_attr(n, "max-bytes")) != NULL) {
		long long ll;

		if (rp_strtonum(v, 1, 1LL << 30, &ll) == 0)
			p->max_bytes = (size_t)ll;
		free(v);
	}
	p->exit_ok[0] = 1;	/* 0 */
	if ((v = rp_xml_attr(n, "exit-ok")) != NULL) {
		char *w, *save = NULL;
		long long ll;

		p->exit_ok[0] = 0;
		for (save = v; (w = rp_next_token(&save, " ")) != NULL;) {
			if (rp_strtonum(w, 0, 255, &ll) != 0) {
				int r = rp_fail(cause, RP_ERR_INVALID, "%s:%d: "
				    "probe '%s': exit-ok '%.16s' is not a status "
				    "(0-255)", path, p->line, p->id, w);

				free(v);
				c->nprobes++;
				return r;
			}
			p->exit_ok[ll / 8] |= (unsigned char)(1u << (ll % 8));
		}
		free(v);
	}
	c->nprobes++;
	if (rp_content_probe(c, p->id) != p)
		return rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: probe id '%s' is already defined", path, p->line,
		    p->id);
	for (k = n->children; k; k = k->next) {
		if (rp_xml_is(k, "description"))
			text_set(&p->description, k);
		else if (rp_xml_is(k, "command")) {
			p->type = RP_PROBE_COMMAND;
			p->command = rp_xml_text(k);
		} else if (rp_xml_is(k, "sysvol")) {
			p->type = RP_PROBE_SYSVOL;
		} else if (rp_xml_is(k, "ldap")) {
			p->type = RP_PROBE_LDAP;
			p->ldap_base = rp_xml_attr(k, "base");
			p->ldap_scope = rp_xml_attr(k, "scope");
			p->ldap_filter = rp_xml_attr(k, "filter");
			p->ldap_attrs = rp_xml_attr(k, "attrs");
			if ((v = rp_xml_attr(k, "sd-flags")) != NULL) {
				long long ll;

				if (rp_strtonum(v, 0, 15, &ll) == 0)
					p->sd_flags = (int)ll;
				free(v);
			}
		}
	}
	if ((p->type == RP_PROBE_COMMAND) != (kind == RP_KIND_LINUX))
		return rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: probe '%s': %s targets take %s probes", path,
		    p->line, p->id, rp_kind_name(kind),
		    kind == RP_KIND_LINUX ? "<command>" : "<ldap>");
	if (p->type == RP_PROBE_SYSVOL && kind != RP_KIND_AD)
		return rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: probe '%s': <sysvol> is for ad targets only", path,
		    p->line, p->id);
	return 0;
}

static int
parse_extract(struct rp_check *ck, xmlNodePtr n, const char *path,
    char **cause)
{
	struct rp_extract *x = &ck->extract;
	char *v;
	int r, flags = RP_RX_MULTILINE;

	if (rp_xml_is(n, "keyvalue"))
		x->kind = RP_X_KEYVALUE;
	else if (rp_xml_is(n, "regex"))
		x->kind = RP_X_REGEX;
	else if (rp_xml_is(n, "lines"))
		x->kind = RP_X_LINES;
	else if (rp_xml_is(n, "whole"))
		x->kind = RP_X_WHOLE;
	else if (rp_xml_is(n, "ldap-attr"))
		x->kind = RP_X_LDAP_ATTR;
	else
		x->kind = RP_X_LDAP_ENTRIES;
	ck->has_extract = 1;
	x->key = rp_xml_attr(n, x->kind == RP_X_KEYVALUE ? "key" :
	    x->kind == RP_X_LDAP_ENTRIES ? "label" : "name");
	x->sep = ' ';
	if ((v = rp_xml_attr(n, "sep")) != NULL) {
		x->sep = strcmp(v, "space") == 0 ? ' ' : v[0];
		free(v);
	}
	x->pattern = rp_xml_attr(n, x->kind == RP_X_LINES ? "match" : "pattern");
	x->group = rp_xml_attr(n, "group");
	x->split = rp_xml_attr(n, "split");
	x->defval = rp_xml_attr(n, "default");
	x->icase = boolattr(n, "icase");
	if ((v = rp_xml_attr(n, "pick")) != NULL) {
		x->pick = strcmp(v, "first") == 0 ? RP_PICK_FIRST :
		    strcmp(v, "last") == 0 ? RP_PICK_LAST : RP_PICK_ALL;
		free(v);
	}
	if (x->icase)
		flags |= RP_RX_ICASE;
	if (x->pattern != NULL) {
		r = rp_rx_compile(x->pattern, flags, &x->rx, cause);
		if (r != 0)
			return rp_fail(cause, r, "%s:%d: check '%s': bad regex "
			    "'%s'", path, (int)xmlGetLineNo(n), ck->id,
			    x->pattern);
		if (x->group && !rp_rx_has_group(x->rx, x->group))
			return rp_fail(cause, RP_ERR_INVALID,
			    "%s:%d: check '%s': regex has no group named '%s'",
			    path, (int)xmlGetLineNo(n), ck->id, x->group);
	}
	if (x->kind == RP_X_REGEX && x->pattern == NULL)
		return rp_fail(cause, RP_ERR_INVALID, "%s:%d: regex without "
		    "pattern", path, (int)xmlGetLineNo(n));
	return 0;
}

static int
parse_test(struct rp_check *ck, xmlNodePtr n, const char *path, char **cause)
{
	struct rp_test *t = &ck->test;
	char *v;

	ck->has_test = 1;
	v = rp_xml_attr(n, "op");
	t->op = (enum rp_op)rp_op_parse(v);
	free(v);
	t->value = rp_xml_attr(n, "value");
	t->icase = boolattr(n, "icase");
	t->quant = RP_Q_ONE;
	if ((v = rp_xml_attr(n, "quant")) != NULL) {
		t->quant = strcmp(v, "all") == 0 ? RP_Q_ALL :
		    strcmp(v, "any") == 0 ? RP_Q_ANY :
		    strcmp(v, "none") == 0 ? RP_Q_NONE :
		    strcmp(v, "count") == 0 ? RP_Q_COUNT : RP_Q_ONE;
		free(v);
	}
	t->empty = -1;
	if ((v = rp_xml_attr(n, "empty")) != NULL) {
		t->empty = rp_status_parse(v);
		free(v);
	}
	if (t->op != RP_OP_ABSENT && t->op != RP_OP_PRESENT &&
	    t->value == NULL)
		return rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: check '%s': operator '%s' needs a value", path,
		    (int)xmlGetLineNo(n), ck->id, rp_op_name(t->op));
	if (t->quant == RP_Q_COUNT && t->op > RP_OP_GE)
		return rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: check '%s': quant='count' takes eq, ne, lt, le, "
		    "gt or ge", path, (int)xmlGetLineNo(n), ck->id);
	return 0;
}

/*
 * <fill quote="sh|ps" match="REGEX">COMMAND</fill>: one line, the mark
 * standing alone as a word (after a blank, before a blank, ';' or the end)
 * so that the quoted object is one argument; a match pattern names the
 * group "object" and is anchored to the whole item.
 */
static int
parse_fill(struct rp_check *ck, xmlNodePtr n, const char *path, char **cause)
{
	struct rp_fill *f;
	const char *p, *m;
	size_t ml = strlen(RP_FILL_MARK);
	char *v, *pat;
	int line = (int)xmlGetLineNo(n), r;

	ck->fills = xreallocarray(ck->fills, ck->nfills + 1,
	    sizeof(*ck->fills));
	f = &ck->fills[ck->nfills++];
	memset(f, 0, sizeof(*f));
	f->command = rp_xml_text(n);
	v = rp_xml_attr(n, "quote");
	f->quote = v != NULL && strcmp(v, "ps") == 0 ? RP_QUOTE_PS :
	    RP_QUOTE_SH;
	free(v);
	f->match = rp_xml_attr(n, "match");
	if (f->command == NULL || strlen(f->command) > 512)
		return rp_fail(cause, RP_ERR_INVALID, "%s:%d: check '%s': a "
		    "<fill> command is one line of at most 512 bytes", path,
		    line, ck->id);
	for (p = f->command; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return rp_fail(cause, RP_ERR_INVALID, "%s:%d: check "
			    "'%s': a <fill> command is one line without "
			    "control characters", path, line, ck->id);
	f->endopt = 1;
	for (p = f->command, m = NULL; (p = strstr(p, RP_FILL_MARK)) != NULL;
	    p += ml) {
		m = p;
		if (p == f->command || p[-1] != ' ' ||
		    (p[ml] != '\0' && p[ml] != ' ' && p[ml] != ';'))
			return rp_fail(cause, RP_ERR_INVALID, "%s:%d: check "
			    "'%s': in a <fill> command, %s stands alone as a "
			    "word (after a blank; before a blank, ';' or the "
			    "end)", path, line, ck->id, RP_FILL_MARK);
		if (f->quote == RP_QUOTE_SH && (p - f->command < 3 ||
		    strncmp(p - 3, "-- ", 3) != 0))
			f->endopt = 0;
	}
	if (m == NULL)
		return rp_fail(cause, RP_ERR_INVALID, "%s:%d: check '%s': a "
		    "<fill> command holds %s where the object goes", path,
		    line, ck->id, RP_FILL_MARK);
	if (f->match == NULL)
		return 0;
	pat = xasprintf("\\A(?:%s)\\z", f->match);
	r = rp_rx_compile(pat, 0, &f->rx, cause);
	free(pat);
	if (r != 0)
		return r;
	if (!rp_rx_has_group(f->rx, "object"))
		return rp_fail(cause, RP_ERR_INVALID, "%s:%d: check '%s': a "
		    "<fill match> names the group (?<object>...)", path, line,
		    ck->id);
	return 0;
}

/* <evaluator also="probe-a probe-b">: ids split on white space. */
static void
parse_also(struct rp_check *ck, xmlNodePtr n)
{
	char *v = rp_xml_attr(n, "also"), *p, *e;

	for (p = v; p != NULL && *p != '\0'; p = e) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		for (e = p; *e != '\0' && *e != ' ' && *e != '\t' &&
		    *e != '\n'; e++)
			;
		if (e == p)
			break;
		ck->also = xreallocarray(ck->also, ck->nalso + 1,
		    sizeof(*ck->also));
		ck->also[ck->nalso++] = xstrndup(p, (size_t)(e - p));
	}
	free(v);
}

static int
parse_check(struct rp_content *c, xmlNodePtr n, const char *module,
    enum rp_kind kind, const char *path, char **cause)
{
	struct rp_check *ck;
	xmlNodePtr k, x;
	char *v;
	int r;

	XGROW(c->checks, c->achecks, c->nchecks);
	ck = &c->checks[c->nchecks++];
	memset(ck, 0, sizeof(*ck));
	ck->id = rp_xml_attr(n, "id");
	ck->module = xstrdup(module);
	ck->kind = kind;
	ck->file = xstrdup(path);
	ck->line = (int)xmlGetLineNo(n);
	v = rp_xml_attr(n, "severity");
	ck->severity = (enum rp_severity)rp_severity_parse(v);
	free(v);
	v = rp_xml_attr(n, "phase");
	ck->phase = (enum rp_phase)rp_phase_parse(v);
	free(v);
	ck->effort = rp_xml_attr(n, "effort");
	for (k = n->children; k; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (rp_xml_is(k, "title"))
			text_set(&ck->title, k);
		else if (rp_xml_is(k, "finding"))
			text_set(&ck->finding, k);
		else if (rp_xml_is(k, "description"))
			text_set(&ck->description, k);
		else if (rp_xml_is(k, "rationale"))
			text_set(&ck->rationale, k);
		else if (rp_xml_is(k, "remediation"))
			text_set(&ck->remediation, k);
		else if (rp_xml_is(k, "fill")) {
			if ((r = parse_fill(ck, k, path, cause)) != 0)
				return r;
		} else if (rp_xml_is(k, "ref")) {
			ck->refs = xreallocarray(ck->refs, ck->nrefs + 1,
			    sizeof(*ck->refs));
			ck->refs[ck->nrefs].scheme = rp_xml_attr(k, "scheme");
			ck->refs[ck->nrefs].id = rp_xml_attr(k, "id");
			ck->refs[ck->nrefs].level = rp_xml_attr(k, "level");
			ck->nrefs++;
		} else if (rp_xml_is(k, "read")) {
			ck->probe_id = rp_xml_attr(k, "probe");
			for (x = k->children; x; x = x->next)
				if (x->type == XML_ELEMENT_NODE &&
				    (r = parse_extract(ck, x, path, cause)) != 0)
					return r;
		} else if (rp_xml_is(k, "test")) {
			if ((r = parse_test(ck, k, path, cause)) != 0)
				return r;
		} else if (rp_xml_is(k, "evaluator")) {
			ck->evaluator_name = rp_xml_attr(k, "name");
			ck->evaluator_value = rp_xml_attr(k, "value");
			parse_also(ck, k);
		} else if (rp_xml_is(k, "manual")) {
			ck->manual_expected = rp_xml_attr(k, "expected");
			for (x = k->children; x; x = x->next)
				if (rp_xml_is(x, "question"))
					text_set(&ck->question, x);
				else if (rp_xml_is(x, "proof"))
					text_set(&ck->proof, x);
			/* judged by the answers: eval_manual.c */
			ck->evaluator_name = xstrdup("manual");
		}
	}
	if ((kind == RP_KIND_MANUAL) != (ck->manual_expected != NULL))
		return rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: check '%s': %s", path, ck->line, ck->id,
		    kind == RP_KIND_MANUAL ? "a manual catalogue holds only "
		    "<manual> checks" : "<manual> belongs in a catalogue of "
		    "kind manual");
	if (ck->finding.en == NULL || *ck->finding.en == '\0' ||
	    ck->finding.fr == NULL || *ck->finding.fr == '\0')
		return rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: check '%s': needs a <finding> in en and in fr "
		    "(what is wrong when it fails)", path, ck->line, ck->id);
	if ((ck->title.en != NULL && strcmp(ck->finding.en, ck->title.en) == 0) ||
	    (ck->title.fr != NULL && strcmp(ck->finding.fr, ck->title.fr) == 0))
		return rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: check '%s': the <finding> repeats the <title>: "
		    "say what is wrong when the check fails", path, ck->line,
		    ck->id);
	if (ck->has_test && !ck->has_extract)
		return rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: check '%s': a <test> needs a <read>", path,
		    ck->line, ck->id);
	/* the evaluator named is bound by the engine (engine/registry.h:
	 * rp_evaluators_bind), which checks that it exists */
	return 0;
}

static int
load_catalog_file(struct rp_content *c, const char *path, char **cause)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	char *module = NULL, *kindname = NULL, *sd = schemadir(c);
	int r, kind;

	r = rp_xml_load(path, sd, c->schemas, RP_XML_CATALOG, &doc, NULL,
	    cause);
	free(sd);
	if (r != 0)
		return r;
	root = xmlDocGetRootElement(doc);
	module = rp_xml_attr(root, "module");
	kindname = rp_xml_attr(root, "kind");
	kind = rp_kind_parse(kindname);
	if (strncmp(module, kindname, strlen(kindname)) != 0 ||
	    module[strlen(kindname)] != '/') {
		r = rp_fail(cause, RP_ERR_INVALID, "%s:%d: module '%s' does "
		    "not belong to kind '%s'", path, (int)xmlGetLineNo(root),
		    module, kindname);
		goto out;
	}
	for (n = root->children; n; n = n->next) {
		if (rp_xml_is(n, "probe"))
			r = parse_probe(c, n, (enum rp_kind)kind, path, cause);
		else if (rp_xml_is(n, "check"))
			r = parse_check(c, n, module, (enum rp_kind)kind, path,
			    cause);
		if (r != 0)
			goto out;
	}
out:
	free(module);
	free(kindname);
	xmlFreeDoc(doc);
	return r;
}

static char **
strv_push(char **v, size_t *n, char *s)
{
	v = xreallocarray(v, *n + 1, sizeof(*v));
	v[(*n)++] = s;
	return v;
}

static void
strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
baseline_release(struct rp_baseline *b)
{
	size_t i;

	free(b->id);
	text_release(&b->title);
	text_release(&b->description);
	free(b->extends);
	free(b->level);
	free(b->reference);
	strv_free(b->sel_checks, b->nsel_checks);
	strv_free(b->sel_modules, b->nsel_modules);
	strv_free(b->excludes, b->nexcludes);
	for (i = 0; i < b->noverrides; i++) {
		free(b->overrides[i].check);
		free(b->overrides[i].value);
	}
	free(b->overrides);
	free(b->file);
}

static int
parse_baseline(struct rp_content *c, xmlDocPtr doc, const char *path,
    const struct rp_baseline **out, char **cause)
{
	struct rp_baseline *b, tmp;
	xmlNodePtr root = xmlDocGetRootElement(doc), n;
	char *v;
	size_t i;

	memset(&tmp, 0, sizeof(tmp));
	b = &tmp;
	b->id = rp_xml_attr(root, "id");
	v = rp_xml_attr(root, "kind");
	b->kind = (enum rp_kind)rp_kind_parse(v);
	free(v);
	b->extends = rp_xml_attr(root, "extends");
	b->level = rp_xml_attr(root, "level");
	b->reference = rp_xml_attr(root, "reference");
	b->file = xstrdup(path);
	if ((v = rp_xml_attr(root, "checkpoints")) != NULL) {
		if (rp_strtonum(v, 1, 100000, &b->checkpoints) != 0) {
			rp_fail(cause, RP_ERR_INVALID, "%s: baseline '%s': "
			    "checkpoints '%s' is not a number in [1, 100000]",
			    path, b->id, v);
			free(v);
			baseline_release(b);
			return RP_ERR_INVALID;
		}
		free(v);
	}
	for (n = root->children; n; n = n->next) {
		if (rp_xml_is(n, "title"))
			text_set(&b->title, n);
		else if (rp_xml_is(n, "description"))
			text_set(&b->description, n);
		else if (rp_xml_is(n, "select")) {
			if ((v = rp_xml_attr(n, "check")) != NULL)
				b->sel_checks = strv_push(b->sel_checks,
				    &b->nsel_checks, v);
			if ((v = rp_xml_attr(n, "module")) != NULL)
				b->sel_modules = strv_push(b->sel_modules,
				    &b->nsel_modules, v);
		} else if (rp_xml_is(n, "exclude"))
			b->excludes = strv_push(b->excludes, &b->nexcludes,
			    rp_xml_attr(n, "check"));
		else if (rp_xml_is(n, "override")) {
			struct rp_override *o;

			b->overrides = xreallocarray(b->overrides,
			    b->noverrides + 1, sizeof(*b->overrides));
			o = &b->overrides[b->noverrides++];
			o->check = rp_xml_attr(n, "check");
			o->value = rp_xml_attr(n, "value");
			v = rp_xml_attr(n, "severity");
			o->severity = v ? rp_severity_parse(v) : -1;
			free(v);
		}
	}
	for (i = 0; i < c->nbaselines; i++) {
		if (strcmp(c->baselines[i]->id, b->id) == 0) {
			int same = strcmp(c->baselines[i]->file, path) == 0;

			if (same) {
				baseline_release(b);
				*out = c->baselines[i];
				return 0;
			}
			rp_fail(cause, RP_ERR_INVALID, "%s: baseline id '%s' "
			    "is already defined by '%s'", path, b->id,
			    c->baselines[i]->file);
			baseline_release(b);
			return RP_ERR_INVALID;
		}
	}
	XGROW(c->baselines, c->abaselines, c->nbaselines);
	c->baselines[c->nbaselines] = xmemdup(&tmp, sizeof(tmp));
	*out = c->baselines[c->nbaselines++];
	return 0;
}

static int
load_baseline_file(struct rp_content *c, const char *path,
    const struct rp_baseline **out, char **cause)
{
	xmlDocPtr doc = NULL;
	const struct rp_baseline *b;
	char *sd = schemadir(c);
	int r;

	r = rp_xml_load(path, sd, c->schemas, RP_XML_BASELINE, &doc, NULL,
	    cause);
	free(sd);
	if (r != 0)
		return r;
	r = parse_baseline(c, doc, path, &b, cause);
	xmlFreeDoc(doc);
	if (r == 0 && out != NULL)
		*out = b;
	return r;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .xml files of dir, sorted (owned vector). */
static int
list_xml(const char *dir, char ***out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t len;

	*n = 0;
	if (d == NULL)
		return RP_ERR_NOT_FOUND;
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len < 5 ||
		    strcmp(de->d_name + len - 4, ".xml") != 0)
			continue;
		v = strv_push(v, n, xasprintf("%s/%s", dir, de->d_name));
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_str);
	*out = v;
	return 0;
}

static int
cmp_check(const void *a, const void *b)
{
	return strcmp(((const struct rp_check *)a)->id,
	    ((const struct rp_check *)b)->id);
}

static int
link_checks(struct rp_content *c, char **cause)
{
	size_t i;

	if (c->nchecks > 0)
		qsort(c->checks, c->nchecks, sizeof(*c->checks), cmp_check);
	for (i = 0; i < c->nchecks; i++) {
		struct rp_check *ck = &c->checks[i];

		if (i > 0 && strcmp(ck->id, c->checks[i - 1].id) == 0)
			return rp_fail(cause, RP_ERR_INVALID,
			    "%s:%d: check id '%s' is already defined in %s",
			    ck->file, ck->line, ck->id, c->checks[i - 1].file);
		if (ck->probe_id == NULL)
			continue;
		ck->probe = rp_content_probe(c, ck->probe_id);
		if (ck->probe == NULL)
			return rp_fail(cause, RP_ERR_INVALID,
			    "%s:%d: check '%s' reads unknown probe '%s'",
			    ck->file, ck->line, ck->id, ck->probe_id);
		if (ck->probe->kind != ck->kind)
			return rp_fail(cause, RP_ERR_INVALID,
			    "%s:%d: check '%s' (%s) reads probe '%s' of kind "
			    "%s", ck->file, ck->line, ck->id,
			    rp_kind_name(ck->kind), ck->probe_id,
			    rp_kind_name(ck->probe->kind));
		/* a declarative check judges the durable configuration too:
		 * collect it with the probe (it comes first among also) */
		if (ck->evaluator_name == NULL && ck->probe->durable != NULL) {
			ck->also = xreallocarray(ck->also, ck->nalso + 1,
			    sizeof(*ck->also));
			memmove(ck->also + 1, ck->also, ck->nalso *
			    sizeof(*ck->also));
			ck->also[0] = xstrdup(ck->probe->durable);
			ck->nalso++;
		}
	}
	for (i = 0; i < c->nchecks; i++) {
		struct rp_check *ck = &c->checks[i];
		const struct rp_probe *p;
		size_t j;

		for (j = 0; j < ck->nalso; j++) {
			p = rp_content_probe(c, ck->also[j]);
			if (p == NULL || p->kind != ck->kind)
				return rp_fail(cause, RP_ERR_INVALID,
				    "%s:%d: check '%s': also='%s': %s",
				    ck->file, ck->line, ck->id, ck->also[j],
				    p == NULL ? "unknown probe" :
				    "probe of another kind");
		}
	}
	return 0;
}

int
rp_content_load(const char *datadir, struct rp_content **out, char **cause)
{
	static const char *const sub[] = { "linux", "ad", "openldap",
	    "manual" };
	struct rp_content *c;
	char **files, *dir;
	size_t nf, i, j;
	int r = 0;

	LIBXML_TEST_VERSION
	c = xcalloc(1, sizeof(*c));
	c->datadir = xstrdup(datadir);
	for (i = 0; i < sizeof(sub) / sizeof(sub[0]) && r == 0; i++) {
		dir = xasprintf("%s/%s", datadir, sub[i]);
		if (list_xml(dir, &files, &nf) != 0) {
			if (strcmp(sub[i], "manual") == 0) {
				/* optional in a data directory */
				free(dir);
				continue;
			}
			r = rp_fail(cause, RP_ERR_NOT_FOUND, "check catalogue "
			    "'%s' not found (set REMPART_DATADIR or "
			    "--data-dir)", dir);
			free(dir);
			break;
		}
		free(dir);
		for (j = 0; j < nf && r == 0; j++)
			r = load_catalog_file(c, files[j], cause);
		strv_free(files, nf);
	}
	if (r == 0)
		r = link_checks(c, cause);
	if (r == 0) {
		dir = xasprintf("%s/baselines", datadir);
		if (list_xml(dir, &files, &nf) == 0) {
			for (j = 0; j < nf && r == 0; j++)
				r = load_baseline_file(c, files[j], NULL,
				    cause);
			strv_free(files, nf);
		}
		free(dir);
	}
	/* that the shipped baselines resolve is checked by
	 * rp_baselines_check (baseline.c), which reads the catalogue */
	if (r != 0) {
		rp_content_free(c);
		return r;
	}
	*out = c;
	return 0;
}

static void
check_release(struct rp_check *ck)
{
	size_t i;

	free(ck->id);
	free(ck->module);
	text_release(&ck->title);
	text_release(&ck->finding);
	text_release(&ck->description);
	text_release(&ck->rationale);
	text_release(&ck->remediation);
	text_release(&ck->question);
	text_release(&ck->proof);
	free(ck->manual_expected);
	free(ck->effort);
	for (i = 0; i < ck->nrefs; i++) {
		free(ck->refs[i].scheme);
		free(ck->refs[i].id);
		free(ck->refs[i].level);
	}
	free(ck->refs);
	free(ck->probe_id);
	free(ck->extract.key);
	free(ck->extract.pattern);
	free(ck->extract.group);
	rp_rx_free(ck->extract.rx);
	free(ck->extract.split);
	free(ck->extract.defval);
	free(ck->test.value);
	free(ck->evaluator_name);
	free(ck->evaluator_value);
	for (i = 0; i < ck->nfills; i++) {
		free(ck->fills[i].command);
		free(ck->fills[i].match);
		rp_rx_free(ck->fills[i].rx);
	}
	free(ck->fills);
	for (i = 0; i < ck->nalso; i++)
		free(ck->also[i]);
	free(ck->also);
	free(ck->file);
}

void
rp_content_free(struct rp_content *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nprobes; i++)
		probe_release(&c->probes[i]);
	free(c->probes);
	for (i = 0; i < c->nchecks; i++)
		check_release(&c->checks[i]);
	free(c->checks);
	for (i = 0; i < c->nbaselines; i++) {
		baseline_release(c->baselines[i]);
		free(c->baselines[i]);
	}
	free(c->baselines);
	rp_xml_schemas_free(c->schemas);
	free(c->datadir);
	free(c);
}

const struct rp_check *
rp_content_check(const struct rp_content *c, const char *id)
{
	struct rp_check key;

	key.id = (char *)(uintptr_t)id;
	if (c->nchecks == 0)
		return NULL;
	return bsearch(&key, c->checks, c->nchecks, sizeof(*c->checks),
	    cmp_check);
}

const struct rp_probe *
rp_content_probe(const struct rp_content *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nprobes; i++)
		if (strcmp(c->probes[i].id, id) == 0)
			return &c->probes[i];
	return NULL;
}

static int
is_path(const char *name)
{
	size_t len = strlen(name);

	return strchr(name, '/') != NULL ||
	    (len > 4 && strcmp(name + len - 4, ".xml") == 0);
}

/* Edit distance of two short names, capped at NAME_CMP bytes each. */
#define NAME_CMP	64
static size_t
distance(const char *a, const char *b)
{
	size_t la = strnlen(a, NAME_CMP), lb = strnlen(b, NAME_CMP);
	size_t row[NAME_CMP + 1], i, j, diag, up;

	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/*
 * "unknown baseline 'anssi-bp28'; did you mean anssi-bp028-minimal, ...?":
 * the ids that contain the name, or within a third of its length in edit
 * distance, closest first (at most 3).
 */
static int
unknown_baseline(const struct rp_content *c, const char *name, char **cause)
{
	size_t best[3], bd[3], n = 0, i, k, d, len = strlen(name);
	struct rp_strbuf sb;
	int r;

	for (i = 0; i < c->nbaselines; i++) {
		const char *id = c->baselines[i]->id;

		d = distance(name, id);
		if (len > 0 && strstr(id, name) != NULL)
			d = 0;
		if (d > (len < 9 ? 3 : len / 3))
			continue;
		/* insertion into the 3 closest, ties in catalogue order */
		if (n < 3)
			k = n++;
		else if (bd[2] > d)
			k = 2;
		else
			continue;
		for (; k > 0 && bd[k - 1] > d; k--) {
			best[k] = best[k - 1];
			bd[k] = bd[k - 1];
		}
		best[k] = i;
		bd[k] = d;
	}
	rp_strbuf_init(&sb, 1024);
	for (k = 0; k < n; k++)
		rp_strbuf_addf(&sb, "%s%s", k ? ", " : "; did you mean ",
		    c->baselines[best[k]]->id);
	r = rp_fail(cause, RP_ERR_NOT_FOUND, "unknown baseline '%s'%s%s "
	    "(see 'rempart baseline list')", name, n ? rp_strbuf_str(&sb) :
	    "", n ? "?" : "");
	rp_strbuf_release(&sb);
	return r;
}

int
rp_baseline_get(struct rp_content *c, const char *name,
    const struct rp_baseline **out, char **cause)
{
	size_t i;

	if (is_path(name))
		return load_baseline_file(c, name, out, cause);
	for (i = 0; i < c->nbaselines; i++) {
		if (strcmp(c->baselines[i]->id, name) == 0) {
			*out = c->baselines[i];
			return 0;
		}
	}
	return unknown_baseline(c, name, cause);
}
