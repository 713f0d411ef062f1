/*
 * eval_openldap.c -- OpenLDAP evaluators, read from cn=config: olcAccess
 * rules parsed and judged for anonymous, authenticated and password
 * access, the root password and password storage schemes, the ppolicy
 * overlay and its default policy, SASL PLAIN over clear text, and the
 * generic attribute test (openldap-attr).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "engine/dir_store.h"
#include "engine/eval.h"
#include "engine/evaluators.h"
#include "engine/extract.h"
#include "evidence/bundle.h"
#include "parse/ldif.h"
#include "parse/secdesc.h"
#include "parse/sid.h"
#include "core/banned.h"

static int
openldap_attr_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	return attr_common(ctx, ck, expected, v,
	    "for cn=config, add 'by dn.exact=\"<audit DN>\" read' to the "
	    "olcAccess of olcDatabase={0}config");
}

const struct rp_evaluator rp_eval_openldap_attr = {
	.name = "openldap-attr",
	.kind = RP_KIND_OPENLDAP,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "the <read> values against '[quant] op value' (the value); no "
	    "entry returned is an error, an absent attribute takes the <read "
	    "default>",
	.evaluate = openldap_attr_evaluate,
};

/* ------------------------------------------------------------------ */
/* OpenLDAP: cn=config                                                 */

#define OL_GRANT	"cn=config is not readable with this account: add " \
			"'by dn.exact=\"<audit DN>\" read' to the olcAccess " \
			"of olcDatabase={0}config"

/* "{1}mdb" -> "mdb" (into buf). */
static const char *
db_type(const struct entry *e, char *buf, size_t len)
{
	const char *s = ent_str(e, "olcDatabase");

	if (s == NULL)
		return NULL;
	if (*s == '{' && strchr(s, '}') != NULL)
		s = strchr(s, '}') + 1;
	snprintf(buf, len, "%s", s);
	return buf;
}

static int
is_data_db(const struct entry *e)
{
	char t[64];

	return db_type(e, t, sizeof(t)) != NULL && ent_attr(e, "olcOverlay") ==
	    NULL && ent_attr(e, "olcSuffix") != NULL &&
	    strcasecmp(t, "config") != 0 && strcasecmp(t, "monitor") != 0 &&
	    strcasecmp(t, "frontend") != 0;
}

static const struct entry *
find_db(const struct entries *es, const char *type)
{
	char t[64];
	size_t i;

	for (i = 0; i < es->n; i++)
		if (ent_attr(&es->e[i], "olcOverlay") == NULL &&
		    db_type(&es->e[i], t, sizeof(t)) != NULL &&
		    strcasecmp(t, type) == 0)
			return &es->e[i];
	return NULL;
}

/* The cn=config entries of the check's probe; -1 with a verdict. */
static int
config_load(const struct rp_eval_ctx *ctx, const struct rp_probe_out *po,
    struct entries *es, struct rp_verdict *v)
{
	if (load_or_error(ctx, po, es, v) != 0)
		return -1;
	if (es->n == 0) {
		entries_free(es);
		dir_verdict(v, RP_ST_ERROR, "%s", OL_GRANT);
		return -1;
	}
	return 0;
}

/* ACL model (slapd.access(5)), enough to judge broad access. */
#define WHO_ALL		1
#define WHO_ANON	2
#define WHO_USERS	4
#define WHO_OTHER	8

#define LV_NONE		0
#define LV_AUTH		2
#define LV_COMPARE	3
#define LV_SEARCH	4
#define LV_READ		5
#define LV_WRITE	6
#define LV_MANAGE	7

#define OL_MAX_BY	32
#define OL_MAX_TOK	128

struct ol_by {
	int	who;
	int	level;
	int	brk;		/* break / continue: on to the next rule */
};

struct ol_rule {
	int		single;		/* dn.base / dn.exact: one entry */
	int		scoped;		/* a subtree, a filter: some entries */
	char		attrs[512];	/* "" = every attribute */
	struct ol_by	by[OL_MAX_BY];
	size_t		nby;
};

struct tok {
	const char	*s;
	size_t		 len;
};

/* Split on blanks, keeping "quoted strings" inside a token. */
static size_t
ol_tokens(const char *s, struct tok *t, size_t max)
{
	size_t n = 0;
	int q;

	while (*s != '\0' && n < max) {
		while (isspace((unsigned char)*s))
			s++;
		if (*s == '\0')
			break;
		t[n].s = s;
		for (q = 0; *s != '\0' && (q || !isspace((unsigned char)*s));
		    s++) {
			if (*s == '\\' && s[1] != '\0')
				s++;
			else if (*s == '"')
				q = !q;
		}
		t[n].len = (size_t)(s - t[n].s);
		n++;
	}
	return n;
}

static int
tok_is(const struct tok *t, const char *w)
{
	return t->len == strlen(w) && strncasecmp(t->s, w, t->len) == 0;
}

static int
tok_prefix(const struct tok *t, const char *p)
{
	size_t l = strlen(p);

	return t->len >= l && strncasecmp(t->s, p, l) == 0;
}

/* An access token: a level word (maybe "self"-prefixed) or privileges. */
static int
access_level(const struct tok *t)
{
	static const char *const words[] = { "none", "disclose", "auth",
		"compare", "search", "read", "write", "manage" };
	struct tok w = *t;
	size_t i;
	int lv = -1;

	if (tok_prefix(&w, "realself"))
		w.s += 8, w.len -= 8;
	else if (tok_prefix(&w, "self") && w.len > 4)
		w.s += 4, w.len -= 4;
	for (i = 0; i < 8; i++)
		if (tok_is(&w, words[i]))
			return (int)i;
	if (tok_is(&w, "add") || tok_is(&w, "delete"))
		return LV_WRITE;
	if (w.len < 2 || (w.s[0] != '=' && w.s[0] != '+' && w.s[0] != '-'))
		return -1;
	for (i = 1; i < w.len; i++) {
		const char *p = strchr("0dxcsrwazm", w.s[i]);
		static const int map[] = { 0, 1, 2, 3, 4, 5, 6, 6, 6, 7 };

		if (p == NULL)
			return -1;
		if (map[p - "0dxcsrwazm"] > lv)
			lv = map[p - "0dxcsrwazm"];
	}
	return w.s[0] == '-' ? LV_NONE : lv;
}

static int
who_class(const struct tok *t)
{
	if (tok_is(t, "*"))
		return WHO_ALL;
	if (tok_is(t, "anonymous"))
		return WHO_ANON;
	if (tok_is(t, "users"))
		return WHO_USERS;
	if (tok_is(t, "dn.regex=.*") || tok_is(t, "dn.regex=\".*\"") ||
	    tok_is(t, "dn=.*") || tok_is(t, "dn=\".*\""))
		return WHO_ALL;
	/* security strength conditions narrow nothing we care about */
	if (tok_prefix(t, "ssf=") || tok_prefix(t, "transport_ssf=") ||
	    tok_prefix(t, "tls_ssf=") || tok_prefix(t, "sasl_ssf="))
		return 0;
	return WHO_OTHER;
}

/* One "by" clause: tokens [a, b). */
static void
ol_by_parse(const struct tok *t, size_t a, size_t b, struct ol_by *by)
{
	size_t i;
	int lv;

	memset(by, 0, sizeof(*by));
	by->level = LV_NONE;
	if (b > a && (tok_is(&t[b - 1], "break") ||
	    tok_is(&t[b - 1], "continue") || tok_is(&t[b - 1], "stop"))) {
		by->brk = !tok_is(&t[b - 1], "stop");
		b--;
	}
	if (b > a && (lv = access_level(&t[b - 1])) >= 0) {
		by->level = lv;
		b--;
	}
	for (i = a; i < b; i++)
		by->who |= who_class(&t[i]);
}

/* The "what" part: tokens [a, b). */
static void
ol_what_parse(const struct tok *t, size_t a, size_t b, struct ol_rule *r)
{
	size_t i, l;

	for (i = a; i < b; i++) {
		if (tok_prefix(&t[i], "attrs=") || tok_prefix(&t[i], "attr=")) {
			const char *eq = memchr(t[i].s, '=', t[i].len);

			l = t[i].len - (size_t)(eq + 1 - t[i].s);
			if (l >= sizeof(r->attrs))
				l = sizeof(r->attrs) - 1;
			memcpy(r->attrs, eq + 1, l);
			r->attrs[l] = '\0';
		} else if (tok_prefix(&t[i], "dn.exact=") ||
		    tok_prefix(&t[i], "dn.base=") ||
		    tok_prefix(&t[i], "dn.baseobject="))
			r->single = 1;
		else if (!tok_is(&t[i], "*"))
			r->scoped = 1;	/* dn.subtree, filter=, val=, ... */
	}
}

static int
ol_rule_parse(const char *s, struct ol_rule *r)
{
	struct tok t[OL_MAX_TOK];
	size_t n, i, start;

	memset(r, 0, sizeof(*r));
	if (*s == '{' && strchr(s, '}') != NULL)
		s = strchr(s, '}') + 1;
	n = ol_tokens(s, t, OL_MAX_TOK);
	if (n < 2 || !tok_is(&t[0], "to"))
		return -1;
	for (i = 1; i < n && !tok_is(&t[i], "by"); i++)
		;
	ol_what_parse(t, 1, i, r);
	while (i < n && r->nby < OL_MAX_BY) {
		start = ++i;
		while (i < n && !tok_is(&t[i], "by"))
			i++;
		ol_by_parse(t, start, i, &r->by[r->nby++]);
	}
	return 0;
}

/* Does the rule cover attribute attr (NULL: the entry itself)? */
static int
ol_rule_attr(const struct ol_rule *r, const char *attr)
{
	const char *p = r->attrs, *e;
	size_t l;
	int neg;

	if (r->attrs[0] == '\0')
		return 1;
	while (*p != '\0') {
		for (e = p; *e != '\0' && *e != ','; e++)
			;
		neg = *p == '!';
		l = (size_t)(e - p) - (size_t)neg;
		if (attr == NULL ? (l == 5 && strncasecmp(p + neg, "entry",
		    5) == 0) : (l == strlen(attr) && strncasecmp(p + neg, attr,
		    l) == 0))
			return !neg;
		if (neg)
			return 1;
		p = *e ? e + 1 : e;
	}
	return 0;
}

/* The olcAccess rules of a database, then those of the frontend. */
static size_t
ol_rules(const struct entry *db, const struct entry *fe, struct ol_rule **out)
{
	const struct entry *src[2] = { db, fe };
	struct ol_rule *r = NULL;
	size_t n = 0, a = 0, i, j;

	for (i = 0; i < 2; i++) {
		if (src[i] == NULL || (i == 1 && src[1] == src[0]))
			continue;
		for (j = 0; j < src[i]->nav; j++) {
			if (strcasecmp(src[i]->av[j].name, "olcAccess") != 0)
				continue;
			XGROW(r, a, n);
			if (ol_rule_parse(src[i]->av[j].val, &r[n]) == 0)
				n++;
		}
	}
	*out = r;
	return n;
}

/*
 * The most a principal of class who gets on attr (NULL: the entry) over
 * the entries of a database: rules in order, a scoped rule (a subtree, a
 * filter) may apply to some entries only, so the search goes on.
 */
static int
ol_access(const struct ol_rule *r, size_t n, int who, const char *attr)
{
	size_t i, j;
	int best = LV_NONE, hit;

	if (n == 0)
		return LV_READ;		/* no rule at all: "by * read" */
	for (i = 0; i < n; i++) {
		if (r[i].single || !ol_rule_attr(&r[i], attr))
			continue;
		hit = 0;
		for (j = 0; j < r[i].nby && !hit; j++) {
			const struct ol_by *b = &r[i].by[j];

			if ((b->who & WHO_OTHER) || !(b->who & (WHO_ALL | who)))
				continue;
			if (b->level > best)
				best = b->level;
			hit = !b->brk;
			if (b->brk)
				break;
		}
		if (hit && !r[i].scoped)
			return best;
		if (!hit && j == r[i].nby && !r[i].scoped)
			return best;	/* implicit "by * none" */
	}
	return best;
}

enum ol_acl_kind {
	OL_PASSWORD,		/* userPassword of the data databases */
	OL_ANON_READ,		/* anonymous reads of the data databases */
	OL_CONFIG,		/* cn=config readable by everyone */
	OL_MONITOR,		/* cn=monitor readable by everyone */
	OL_WRITE,		/* broad write anywhere */
};

static const char *
level_name(int lv)
{
	static const char *const n[] = { "none", "disclose", "auth",
		"compare", "search", "read", "write", "manage" };

	return lv >= 0 && lv <= LV_MANAGE ? n[lv] : "?";
}

/* Judge one database; returns the number of findings. */
static size_t
ol_acl_db(const struct entry *db, const struct entry *fe,
    enum ol_acl_kind kind, struct rp_verdict *v)
{
	static const struct { int who; const char *name; } whos[] = {
		{ WHO_ANON, "anonymous" }, { WHO_USERS, "any user" },
	};
	struct ol_rule *r;
	char t[64];
	size_t n, i, j, bad = 0;
	int lv, min;

	n = ol_rules(db, fe, &r);
	db_type(db, t, sizeof(t));
	if (kind == OL_WRITE) {
		for (i = 0; i < n; i++)
			for (j = 0; j < r[i].nby; j++)
				if (!(r[i].by[j].who & WHO_OTHER) &&
				    r[i].by[j].who != 0 &&
				    r[i].by[j].level >= LV_WRITE) {
					dir_observe_obj(v, db->dn,
					    "%s: rule %zu gives %s to everyone",
					    ent_str(db, "olcDatabase"), i,
					    level_name(r[i].by[j].level));
					bad++;
				}
		free(r);
		return bad;
	}
	min = kind == OL_PASSWORD ? LV_COMPARE : LV_READ;
	for (i = 0; i < 2; i++) {
		if (kind == OL_ANON_READ && whos[i].who != WHO_ANON)
			continue;
		lv = ol_access(r, n, whos[i].who, kind == OL_PASSWORD ?
		    "userPassword" : NULL);
		if (lv < min)
			continue;
		dir_observe_obj(v, db->dn, "%s: %s has %s access%s",
		    ent_str(db, "olcDatabase"), whos[i].name, level_name(lv),
		    kind == OL_PASSWORD ? " to userPassword" : "");
		bad++;
	}
	free(r);
	return bad;
}

static int
ol_acl_common(const struct rp_eval_ctx *ctx, struct rp_verdict *v,
    enum ol_acl_kind kind)
{
	struct entries es;
	const struct entry *fe, *db;
	size_t i, n, bad = 0, dbs = 0;

	if (config_load(ctx, ctx->out, &es, v) != 0)
		return 0;
	fe = find_db(&es, "frontend");
	for (i = 0; i < es.n; i++) {
		db = &es.e[i];
		if (ent_attr(db, "olcDatabase") == NULL ||
		    ent_attr(db, "olcOverlay") != NULL)
			continue;
		if ((kind == OL_PASSWORD || kind == OL_ANON_READ) &&
		    !is_data_db(db))
			continue;
		if (kind == OL_CONFIG && db != find_db(&es, "config"))
			continue;
		if (kind == OL_MONITOR && db != find_db(&es, "monitor"))
			continue;
		dbs++;
		n = ol_acl_db(db, kind == OL_WRITE ? NULL : fe, kind, v);
		if (n > 0)
			dir_evidence(v, "%s", db->dn);
		bad += n;
	}
	if (dbs == 0 && kind != OL_MONITOR)
		dir_verdict(v, RP_ST_ERROR, "no database configuration "
		    "readable: %s", OL_GRANT);
	else
		dir_verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

static int
ol_acl_password_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	(void)ck;
	(void)expected;
	return ol_acl_common(ctx, v, OL_PASSWORD);
}

static int
ol_acl_anon_read_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	(void)ck;
	(void)expected;
	return ol_acl_common(ctx, v, OL_ANON_READ);
}

static int
ol_acl_config_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	(void)ck;
	(void)expected;
	return ol_acl_common(ctx, v, OL_CONFIG);
}

static int
ol_monitor_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	(void)ck;
	(void)expected;
	return ol_acl_common(ctx, v, OL_MONITOR);
}

static int
ol_acl_write_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	(void)ck;
	(void)expected;
	return ol_acl_common(ctx, v, OL_WRITE);
}

const struct rp_evaluator rp_eval_openldap_acl_password = {
	.name = "openldap-acl-password",
	.kind = RP_KIND_OPENLDAP,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "olcAccess of the data databases (then the frontend): neither "
	    "anonymous nor any user may compare, search or read userPassword",
	.evaluate = ol_acl_password_evaluate,
};

const struct rp_evaluator rp_eval_openldap_acl_anon_read = {
	.name = "openldap-acl-anon-read",
	.kind = RP_KIND_OPENLDAP,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "olcAccess of the data databases: anonymous may not read "
	    "entries",
	.evaluate = ol_acl_anon_read_evaluate,
};

const struct rp_evaluator rp_eval_openldap_acl_config = {
	.name = "openldap-acl-config",
	.kind = RP_KIND_OPENLDAP,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "olcAccess of olcDatabase={0}config: neither anonymous nor any "
	    "user may read cn=config",
	.evaluate = ol_acl_config_evaluate,
};

const struct rp_evaluator rp_eval_openldap_monitor = {
	.name = "openldap-monitor",
	.kind = RP_KIND_OPENLDAP,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "a monitor database, if any, is not readable by anonymous or by "
	    "any user",
	.evaluate = ol_monitor_evaluate,
};

const struct rp_evaluator rp_eval_openldap_acl_write = {
	.name = "openldap-acl-write",
	.kind = RP_KIND_OPENLDAP,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "no olcAccess rule gives write (or manage) to everyone, "
	    "anonymous or any user",
	.evaluate = ol_acl_write_evaluate,
};

/* The storage scheme of a (redacted) password value; never the value. */
static void
pw_scheme(const char *val, size_t len, char *buf, size_t blen)
{
	const char *close = len > 1 && val[0] == '{' ?
	    memchr(val, '}', len) : NULL;

	if (close == NULL || (size_t)(close - val) + 2 > blen) {
		snprintf(buf, blen, "{CLEARTEXT}");
		return;
	}
	memcpy(buf, val, (size_t)(close - val) + 1);
	buf[close - val + 1] = '\0';
}

/* openldap-rootpw: every olcRootPW uses a scheme from the value's list. */
static int
ol_rootpw_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct entries es;
	const struct av *a;
	char sch[64];
	size_t i, bad = 0, dbs = 0;

	(void)ck;
	if (expected == NULL || *expected == '\0')
		return dir_verdict(v, RP_ST_ERROR, "check needs the accepted "
		    "schemes as its value");
	if (config_load(ctx, ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++) {
		if (ent_attr(&es.e[i], "olcDatabase") == NULL)
			continue;
		dbs++;
		if ((a = ent_attr(&es.e[i], "olcRootPW")) == NULL)
			continue;
		pw_scheme(a->val, a->len, sch, sizeof(sch));
		if (rp_op_test(RP_OP_IN, sch, expected, 1, NULL) == 1)
			continue;
		dir_observe_obj(v, es.e[i].dn, "%s: olcRootPW stored as %s",
		    ent_str(&es.e[i], "olcDatabase"), sch);
		dir_evidence(v, "%s", es.e[i].dn);
		bad++;
	}
	if (dbs == 0)
		dir_verdict(v, RP_ST_ERROR, "%s", OL_GRANT);
	else
		dir_verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_openldap_rootpw = {
	.name = "openldap-rootpw",
	.kind = RP_KIND_OPENLDAP,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "every olcRootPW of cn=config is stored with a scheme of the "
	    "value's list (the collector keeps the scheme only)",
	.evaluate = ol_rootpw_evaluate,
};

/*
 * openldap-password-schemes: every readable userPassword uses a scheme of
 * the value's list. None readable is an error (a good ACL hides them).
 */
static int
ol_schemes_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct entries es;
	const char *self = ctx->target ? ctx->target->user : NULL;
	char sch[64], rdn[128];
	size_t i, j, seen = 0, bad = 0, own = 0;

	(void)ck;
	if (expected == NULL || *expected == '\0')
		return dir_verdict(v, RP_ST_ERROR, "check needs the accepted "
		    "schemes as its value");
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++)
		for (j = 0; j < es.e[i].nav; j++) {
			if (strcasecmp(es.e[i].av[j].name, "userPassword") != 0)
				continue;
			/* its own password proves nothing about the others */
			if (self != NULL && strcasecmp(es.e[i].dn, self) == 0) {
				own++;
				continue;
			}
			seen++;
			pw_scheme(es.e[i].av[j].val, es.e[i].av[j].len, sch,
			    sizeof(sch));
			if (rp_op_test(RP_OP_IN, sch, expected, 1, NULL) == 1)
				continue;
			dn_rdn(es.e[i].dn, rdn, sizeof(rdn));
			dir_observe_obj(v, es.e[i].dn, "%s: %s", rdn, sch);
			dir_evidence(v, "%s", es.e[i].dn);
			bad++;
		}
	if (bad > 0)
		dir_verdict(v, RP_ST_FAIL, "%zu of %zu passwords use another "
		    "scheme", bad, seen);
	else if (seen == 0)
		dir_verdict(v, RP_ST_ERROR, "no userPassword readable with "
		    "this account%s (the ACL hides them, which is right): "
		    "check the schemes on the server (slapcat -a "
		    "'(userPassword=*)'), or grant the audit account read on "
		    "userPassword for the audit ('by dn.exact=\"<audit DN>\" "
		    "read' in the rule protecting it)",
		    own ? " but its own" : "");
	else
		dir_verdict(v, RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_openldap_password_schemes = {
	.name = "openldap-password-schemes",
	.kind = RP_KIND_OPENLDAP,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "every userPassword uses a scheme of the value's list; none "
	    "readable (the audit account's own aside) is an error",
	.evaluate = ol_schemes_evaluate,
};

/* The ppolicy overlay entries (olcOverlay "{n}ppolicy") of cn=config. */
static const struct entry *
ppolicy_overlay(const struct entries *es, size_t *from)
{
	const char *o;
	size_t i, l;

	for (i = *from; i < es->n; i++) {
		if ((o = ent_str(&es->e[i], "olcOverlay")) == NULL)
			continue;
		if (*o == '{' && strchr(o, '}') != NULL)
			o = strchr(o, '}') + 1;
		l = strlen(o);
		if (strcasecmp(o, "ppolicy") == 0 || (l > 7 &&
		    strcasecmp(o + l - 7, "ppolicy") == 0)) {
			*from = i + 1;
			return &es->e[i];
		}
	}
	return NULL;
}

/* Is the overlay entry below this database entry? */
static int
dn_below(const char *dn, const char *parent)
{
	size_t l = strlen(dn), p = strlen(parent);

	return l > p + 1 && dn[l - p - 1] == ',' &&
	    strcasecmp(dn + l - p, parent) == 0;
}

/*
 * openldap-overlay: every data database has the ppolicy overlay with a
 * default policy (olcPPolicyDefault).
 */
static int
ol_overlay_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct entries es;
	const struct entry *ov;
	size_t i, from, dbs = 0, bad = 0;
	int has, def;

	(void)ck;
	(void)expected;
	if (config_load(ctx, ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++) {
		if (!is_data_db(&es.e[i]))
			continue;
		dbs++;
		has = def = 0;
		for (from = 0; (ov = ppolicy_overlay(&es, &from)) != NULL;)
			if (dn_below(ov->dn, es.e[i].dn)) {
				has = 1;
				def |= ent_attr(ov,
				    "olcPPolicyDefault") != NULL;
			}
		if (has && def)
			continue;
		dir_observe_obj(v, es.e[i].dn, "%s (%s): %s",
		    ent_str(&es.e[i], "olcDatabase"),
		    ent_str(&es.e[i], "olcSuffix"), has ? "ppolicy without "
		    "olcPPolicyDefault" : "no ppolicy overlay");
		dir_evidence(v, "%s", es.e[i].dn);
		bad++;
	}
	if (dbs == 0)
		dir_verdict(v, RP_ST_ERROR, "no data database readable: %s",
		    OL_GRANT);
	else
		dir_verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_openldap_ppolicy_overlay = {
	.name = "openldap-ppolicy-overlay",
	.kind = RP_KIND_OPENLDAP,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "every data database has the ppolicy overlay with a default "
	    "policy (olcPPolicyDefault)",
	.evaluate = ol_overlay_evaluate,
};

/* The value to judge: from the overlay (olcPPolicy*) or the policy. */
static int
ppolicy_value(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const struct entry *ov, char *buf, size_t len, struct rp_verdict *v)
{
	const char *attr = ck->extract.key, *def, *s = NULL;
	struct entries pol;
	size_t i;
	int found;

	if (strncasecmp(attr, "olcPPolicy", 10) == 0)
		s = ent_str(ov, attr);
	else {
		def = ent_str(ov, "olcPPolicyDefault");
		if (also_load(ctx, ck, 0, &pol, v) != 0)
			return -1;
		for (i = 0; i < pol.n && strcasecmp(pol.e[i].dn, def) != 0; i++)
			;
		if (i == pol.n) {
			entries_free(&pol);
			return dir_verdict(v, RP_ST_ERROR, "default policy "
			    "'%s' not readable with this account (grant it "
			    "read on that entry) or missing", def), -1;
		}
		found = (s = ent_str(&pol.e[i], attr)) != NULL;
		if (found)
			snprintf(buf, len, "%s", s);
		entries_free(&pol);
		s = NULL;
		if (found)
			return 0;
	}
	if (s == NULL && (s = ck->extract.defval) == NULL)
		return dir_verdict(v, RP_ST_FAIL, "%s is not set", attr), -1;
	snprintf(buf, len, "%s", s);
	return 0;
}

/*
 * openldap-ppolicy: the default password policy's attribute (the check's
 * <ldap-attr>; olcPPolicy* ones are read from the overlay) against
 * "op value". na without the overlay (see openldap-ppolicy-overlay).
 */
static int
ol_ppolicy_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct entries es;
	const struct entry *ov = NULL;
	struct spec sp;
	char val[256];
	size_t from = 0;
	int r;

	if (ck->extract.kind != RP_X_LDAP_ATTR || ck->extract.key == NULL ||
	    spec_parse(expected, &sp) != 0 || sp.quant != RP_Q_ONE)
		return dir_verdict(v, RP_ST_ERROR, "check needs <ldap-attr "
		    "name> and a value 'op expected' (got '%s')",
		    expected ? expected : "");
	if (config_load(ctx, ctx->out, &es, v) != 0)
		return 0;
	while ((ov = ppolicy_overlay(&es, &from)) != NULL &&
	    ent_attr(ov, "olcPPolicyDefault") == NULL)
		;
	if (ov == NULL)
		dir_verdict(v, RP_ST_NA, "no ppolicy overlay with a default "
		    "policy (see the ppolicy overlay check)");
	else if (ppolicy_value(ctx, ck, ov, val, sizeof(val), v) == 0) {
		dir_observe_obj(v, NULL, "%s: %s", ck->extract.key, val);
		r = rp_op_test(sp.op, val, sp.value, ck->extract.icase,
		    &v->reason);
		v->status = r < 0 ? RP_ST_ERROR : r ? RP_ST_PASS : RP_ST_FAIL;
	}
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_openldap_ppolicy = {
	.name = "openldap-ppolicy",
	.kind = RP_KIND_OPENLDAP,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "an attribute of the default ppolicy (or olcPPolicy* of the "
	    "overlay) against 'op value'; na without the overlay (also: the "
	    "pwdPolicy entries)",
	.evaluate = ol_ppolicy_evaluate,
};

/* A number after "name=" in a space separated list ("ssf=64"), or 0. */
static long long
kv_num(const char *list, const char *name)
{
	const char *p = list;
	size_t l = strlen(name);
	long long n;
	char num[16];
	size_t k;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		if (strncasecmp(p, name, l) == 0 && p[l] == '=') {
			k = strcspn(p + l + 1, " ,");
			if (k < sizeof(num)) {
				memcpy(num, p + l + 1, k);
				num[k] = '\0';
				if (rp_strtonum(num, 0, 100000, &n) == 0)
					return n;
			}
		}
		p += strcspn(p, " ,");
	}
	return 0;
}

/* Does cn=config keep PLAIN/LOGIN off clear connections? */
static int
plain_protected(const struct entries *cfg)
{
	size_t i, j;
	const struct av *a;

	for (i = 0; i < cfg->n; i++)
		for (j = 0; j < cfg->e[i].nav; j++) {
			a = &cfg->e[i].av[j];
			if (strcasecmp(a->name, "olcSaslSecProps") == 0 &&
			    (strstr(a->val, "noplain") != NULL ||
			    kv_num(a->val, "minssf") > 0))
				return 1;
			if (strcasecmp(a->name, "olcSecurity") == 0 &&
			    (kv_num(a->val, "ssf") > 0 ||
			    kv_num(a->val, "transport") > 0 ||
			    kv_num(a->val, "tls") > 0))
				return 1;
		}
	return 0;
}

/*
 * openldap-sasl-plain: PLAIN and LOGIN (cleartext passwords) are offered
 * only when cn=config (also[0]) forbids them on clear connections.
 */
static int
ol_sasl_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	const struct rp_probe_out *po;
	struct entries dse, cfg;
	size_t i, j, plain = 0;

	(void)expected;
	if ((po = also_probe(ctx, ck, 0, v)) == NULL ||
	    config_load(ctx, po, &cfg, v) != 0)
		return 0;
	if (load_or_error(ctx, ctx->out, &dse, v) == 0) {
		for (i = 0; i < dse.n; i++)
			for (j = 0; j < dse.e[i].nav; j++)
				if (strcasecmp(dse.e[i].av[j].name,
				    "supportedSASLMechanisms") == 0 &&
				    (strcasecmp(dse.e[i].av[j].val, "PLAIN") ==
				    0 || strcasecmp(dse.e[i].av[j].val,
				    "LOGIN") == 0)) {
					dir_observe_obj(v, NULL, "%s",
					    dse.e[i].av[j].val);
					plain++;
				}
		if (dse.n == 0)
			dir_verdict(v, RP_ST_ERROR, "rootDSE not readable");
		else if (plain > 0 && !plain_protected(&cfg))
			dir_verdict(v, RP_ST_FAIL, "offered without 'noplain' "
			    "or a minimum security strength (olcSaslSecProps, "
			    "olcSecurity)");
		else
			dir_verdict(v, RP_ST_PASS, NULL);
		entries_free(&dse);
	}
	entries_free(&cfg);
	return 0;
}

const struct rp_evaluator rp_eval_openldap_sasl_plain = {
	.name = "openldap-sasl-plain",
	.kind = RP_KIND_OPENLDAP,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "SASL PLAIN/LOGIN offered (rootDSE) only with noplain or a "
	    "minimum SSF in cn=config (also: the global configuration)",
	.evaluate = ol_sasl_evaluate,
};
