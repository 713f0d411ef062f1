/*
 * dir_store.c -- what the directory evaluators (AD and OpenLDAP) share:
 * the LDIF entries of a probe in memory (parsed once per target through
 * the evaluation context's cache, struct rp_dir_cache), attribute
 * accessors, the verdict helpers, the probes named by <evaluator
 * also=...>, directory times and the incident window, SID helpers, and
 * the declarative attribute test ("[quant] op value") of ad-attr and
 * openldap-attr. Declared in dir_store.h.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
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

/* ------------------------------------------------------------------ */
/* LDIF entries in memory                                              */
/*
 * A probe's entries are parsed once per target and shared by every check
 * that reads the probe (struct rp_dir_cache below, which rp_evaluate makes
 * for each target and passes as ctx->dir). Values and DNs live in a few
 * large blocks, attribute names are interned (one copy per distinct
 * spelling), and the values of all entries sit in one array: a 100 MB
 * probe costs a handful of allocations instead of one per value.
 */

#define ENT_BLOCK	(1024u * 1024)
#define ENT_BIG		(ENT_BLOCK / 4)

struct ent_store {
	char		**blk;		/* value blocks */
	size_t		  nblk, ablk;
	char		 *cur;		/* free space in the last block */
	size_t		  left;
	char		**name;		/* interned names, hash table */
	size_t		  nname, aname;	/* aname: a power of two */
	const char	 *last;		/* the last name interned */
	struct av	 *av;		/* every value, entry by entry */
	size_t		  nav, aav;
};

static char *
store_alloc(struct ent_store *st, size_t len)
{
	char *p;

	if (len > ENT_BIG) {	/* a block of its own */
		XGROW(st->blk, st->ablk, st->nblk);
		p = st->blk[st->nblk++] = xmalloc(len);
		return p;
	}
	if (len > st->left) {
		XGROW(st->blk, st->ablk, st->nblk);
		st->cur = st->blk[st->nblk++] = xmalloc(ENT_BLOCK);
		st->left = ENT_BLOCK;
	}
	p = st->cur;
	st->cur += len;
	st->left -= len;
	return p;
}

static char *
store_str(struct ent_store *st, const char *val, size_t len)
{
	char *p = store_alloc(st, len + 1);

	memcpy(p, val, len);
	p[len] = '\0';
	return p;
}

static size_t
name_hash(const char *s)
{
	size_t h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h;
}

/* The interned copy of attr (the same spelling, case included). */
static char *
store_name(struct ent_store *st, const char *attr)
{
	size_t i, mask, j;
	char **old;

	if (st->last != NULL && strcmp(st->last, attr) == 0)
		return (char *)st->last;
	if (st->nname * 2 >= st->aname) {	/* grow and rehash */
		old = st->name;
		j = st->aname;
		st->aname = st->aname ? st->aname * 2 : 64;
		st->name = xcalloc(st->aname, sizeof(*st->name));
		mask = st->aname - 1;
		for (i = 0; i < j; i++) {
			size_t k;

			if (old[i] == NULL)
				continue;
			for (k = name_hash(old[i]) & mask; st->name[k] != NULL;
			    k = (k + 1) & mask)
				;
			st->name[k] = old[i];
		}
		free(old);
	}
	mask = st->aname - 1;
	for (i = name_hash(attr) & mask; st->name[i] != NULL;
	    i = (i + 1) & mask)
		if (strcmp(st->name[i], attr) == 0)
			return (char *)(st->last = st->name[i]);
	st->name[i] = store_str(st, attr, strlen(attr));
	st->nname++;
	return (char *)(st->last = st->name[i]);
}

static void
store_free(struct ent_store *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < st->nblk; i++)
		free(st->blk[i]);
	free(st->blk);
	free(st->name);
	free(st->av);
	free(st);
}

static int
entries_cb(size_t idx, const char *attr, const char *val, size_t len,
    void *arg)
{
	struct entries *es = arg;
	struct ent_store *st = es->st;
	struct entry *e;
	struct av *a;

	(void)idx;
	if ((attr[0] == 'd' || attr[0] == 'D') &&
	    (attr[1] == 'n' || attr[1] == 'N') && attr[2] == '\0') {
		XGROW(es->e, es->a, es->n);
		e = &es->e[es->n++];
		memset(e, 0, sizeof(*e));
		e->dn = store_str(st, val, len);
		e->aav = st->nav;
		return 0;
	}
	if (es->n == 0)
		return 0;
	e = &es->e[es->n - 1];
	XGROW(st->av, st->aav, st->nav);
	a = &st->av[st->nav++];
	a->name = store_name(st, attr);
	a->val = store_str(st, val, len);
	a->len = len;
	e->nav++;
	return 0;
}

/* Parse po into es (owned by es). */
static long
entries_parse(const struct rp_probe_out *po, struct entries *es,
    char **cause)
{
	long n;
	size_t i;

	memset(es, 0, sizeof(*es));
	es->st = xcalloc(1, sizeof(*es->st));
	n = rp_ldif_parse(po->data, po->len, entries_cb, es, cause);
	for (i = 0; i < es->n; i++) {	/* the array no longer moves */
		es->e[i].av = es->e[i].nav ? es->st->av + es->e[i].aav : NULL;
		es->e[i].aav = es->e[i].nav;
	}
	return n;
}

void
entries_free(struct entries *es)
{
	if (!es->shared) {
		store_free(es->st);
		free(es->e);
	}
	memset(es, 0, sizeof(*es));
}

/*
 * The parsed probes of one target (struct rp_dir_cache, made and freed by
 * the evaluation loop for each target, reached as ctx->dir): entries_load
 * hands out read-only views of them, entries_free on a view frees nothing.
 * Without a cache (ctx->dir NULL, as in unit tests calling an evaluator
 * directly), every load parses and owns.
 */
struct ent_cached {
	const struct rp_probe_out	*po;
	struct entries			 es;
};

struct rp_dir_cache {
	struct ent_cached	*c;
	size_t			 n, a;
};

struct rp_dir_cache *
rp_dir_cache_new(void)
{
	return xcalloc(1, sizeof(struct rp_dir_cache));
}

void
rp_dir_cache_free(struct rp_dir_cache *dc)
{
	size_t i;

	if (dc == NULL)
		return;
	for (i = 0; i < dc->n; i++)
		entries_free(&dc->c[i].es);	/* not views: owned */
	free(dc->c);
	free(dc);
}

static int
entries_load(struct rp_dir_cache *dc, const struct rp_probe_out *po,
    struct entries *es, char **cause)
{
	struct ent_cached *c;
	long n;
	size_t i;

	if (dc != NULL)
		for (i = 0; i < dc->n; i++)
			if (dc->c[i].po == po) {
				*es = dc->c[i].es;
				es->shared = 1;
				return 0;
			}
	n = entries_parse(po, es, cause);
	rp_probe_drop_pages(po);	/* the entries hold what is needed */
	if (n < 0) {
		entries_free(es);
		return (int)n;
	}
	if (dc != NULL) {
		XGROW(dc->c, dc->a, dc->n);
		c = &dc->c[dc->n++];
		c->po = po;
		c->es = *es;
		es->shared = 1;
	}
	return 0;
}

/*
 * Does a line of the probe start with prefix (ASCII, case-insensitive)?
 * A scan of the raw LDIF, for what the parse does not keep apart (an
 * attribute's range option); its pages are given back when none does.
 */
int
probe_has_line(const struct rp_probe_out *po, const char *prefix)
{
	const char *p = po->data, *end = po->data + po->len, *nl;
	size_t n = strlen(prefix);
	int c = tolower((unsigned char)prefix[0]);

	while (p != NULL && (size_t)(end - p) >= n) {
		if (tolower((unsigned char)*p) == c &&
		    strncasecmp(p, prefix, n) == 0)
			return 1;
		nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : NULL;
	}
	rp_probe_drop_pages(po);
	return 0;
}

/* First value of attribute name, or NULL. */
const struct av *
ent_attr(const struct entry *e, const char *name)
{
	const char *last = NULL;
	size_t i;
	int c = tolower((unsigned char)name[0]);

	/* names are interned: a run of one attribute's values compares once */
	for (i = 0; i < e->nav; i++) {
		if (e->av[i].name == last)
			continue;
		last = e->av[i].name;
		if (tolower((unsigned char)last[0]) == c &&
		    strcasecmp(last, name) == 0)
			return &e->av[i];
	}
	return NULL;
}

const char *
ent_str(const struct entry *e, const char *name)
{
	const struct av *a = ent_attr(e, name);

	return a ? a->val : NULL;
}

int
ent_num(const struct entry *e, const char *name, long long *out)
{
	const char *s = ent_str(e, name);

	return s != NULL && rp_strtonum(s, -0x7fffffffffffffffLL,
	    0x7fffffffffffffffLL, out) == 0 ? 0 : -1;
}

/* The first RDN value of a DN ("svc_sql" in "CN=svc_sql,CN=Users,..."). */
void
dn_rdn(const char *dn, char *buf, size_t len)
{
	const char *eq = strchr(dn, '='), *s = eq ? eq + 1 : dn, *p;
	size_t n;

	for (p = s; *p != '\0' && *p != ','; p++)
		if (*p == '\\' && p[1] != '\0')
			p++;
	n = (size_t)(p - s);
	if (n >= len)
		n = len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/* How to name an entry: sAMAccountName, else its DN. */
const char *
ent_label(const struct entry *e)
{
	const char *s = ent_str(e, "sAMAccountName");

	return s != NULL && *s != '\0' ? s : e->dn;
}

int
ent_sid(const struct entry *e, const char *attr, struct rp_sid *sid)
{
	const struct av *a = ent_attr(e, attr);

	return a != NULL && rp_sid_parse(a->val, a->len, sid, NULL) == 0 ?
	    0 : -1;
}

/* ------------------------------------------------------------------ */
/* Verdicts                                                            */

/* Format one line (cut at LINE_MAX_OBS) and hand it to add. */
static void __attribute__((format(printf, 3, 0)))
vline(struct rp_verdict *v, void (*add)(struct rp_verdict *, const char *,
    size_t), const char *fmt, va_list ap)
{
	char buf[LINE_MAX_OBS];
	int n;

	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		return;
	add(v, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void __attribute__((format(printf, 2, 3)))
dir_observe(struct rp_verdict *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(v, rp_verdict_observe, fmt, ap);
	va_end(ap);
}

void __attribute__((format(printf, 3, 4)))
dir_observe_obj(struct rp_verdict *v, const char *obj, const char *fmt, ...)
{
	char buf[LINE_MAX_OBS];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	rp_verdict_object(v, obj, buf, (size_t)n < sizeof(buf) ? (size_t)n :
	    sizeof(buf) - 1);
}

void __attribute__((format(printf, 2, 3)))
dir_evidence(struct rp_verdict *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(v, rp_verdict_evidence, fmt, ap);
	va_end(ap);
}

int __attribute__((format(printf, 3, 4)))
dir_verdict(struct rp_verdict *v, enum rp_status st, const char *fmt, ...)
{
	va_list ap;

	v->status = st;
	free(v->reason);
	v->reason = NULL;
	if (fmt != NULL) {
		va_start(ap, fmt);
		v->reason = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return 0;
}

/* A probe named in <evaluator also=...>, usable; else NULL and an error. */
const struct rp_probe_out *
also_probe(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    size_t i, struct rp_verdict *v)
{
	const struct rp_probe_out *po;

	if (i >= ck->nalso) {
		dir_verdict(v, RP_ST_ERROR, "check names no probe %zu in "
		    "<evaluator also=...>", i + 1);
		return NULL;
	}
	po = ctx->target ? rp_target_probe(ctx->target, ck->also[i]) : NULL;
	if (po == NULL) {
		dir_verdict(v, RP_ST_ERROR, "probe '%s' was not collected",
		    ck->also[i]);
		return NULL;
	}
	if (po->status != RP_PS_OK || po->data == NULL) {
		dir_verdict(v, RP_ST_ERROR, "probe '%s' %s%s%s", ck->also[i],
		    rp_pstatus_name(po->status), po->detail ? ": " : "",
		    po->detail ? po->detail : "");
		return NULL;
	}
	return po;
}

/* Load the entries of a probe, or set an error verdict. */
int
load_or_error(const struct rp_eval_ctx *ctx, const struct rp_probe_out *po,
    struct entries *es, struct rp_verdict *v)
{
	char *cause = NULL;

	if (entries_load(ctx->dir, po, es, &cause) != 0) {
		dir_verdict(v, RP_ST_ERROR, "%s", cause ? cause : "bad LDIF");
		free(cause);
		return -1;
	}
	return 0;
}

/* Load the entries of the probe also[i], or set an error verdict. */
int
also_load(const struct rp_eval_ctx *ctx, const struct rp_check *ck, size_t i,
    struct entries *es, struct rp_verdict *v)
{
	const struct rp_probe_out *po = also_probe(ctx, ck, i, v);

	return po == NULL ? -1 : load_or_error(ctx, po, es, v);
}

int
value_num(const char *expected, long long min, long long max,
    long long *out, struct rp_verdict *v)
{
	if (expected == NULL || rp_strtonum(expected, min, max, out) != 0) {
		dir_verdict(v, RP_ST_ERROR, "expected value '%s' is not a "
		    "number in [%lld, %lld]", expected ? expected : "", min,
		    max);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Times                                                               */

/*
 * A directory time in Unix seconds: GeneralizedTime ("20261127234106.0Z",
 * whenCreated) or FILETIME (pwdLastSet). -1: zero or "never"; -2: not a
 * time.
 */
long long
dir_time(const char *s)
{
	struct tm tm;
	size_t i;
	int d[14];

	if (s == NULL)
		return -2;
	if (strlen(s) >= 15 && (s[14] == '.' || s[14] == 'Z')) {
		for (i = 0; i < 14; i++) {
			if (!isdigit((unsigned char)s[i]))
				return -2;
			d[i] = s[i] - '0';
		}
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3] - 1900;
		tm.tm_mon = d[4] * 10 + d[5] - 1;
		tm.tm_mday = d[6] * 10 + d[7];
		tm.tm_hour = d[8] * 10 + d[9];
		tm.tm_min = d[10] * 10 + d[11];
		tm.tm_sec = d[12] * 10 + d[13];
		if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 ||
		    tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
		    tm.tm_sec > 60)
			return -2;
		return (long long)timegm(&tm);
	}
	return rp_filetime_to_unix(s);
}

/*
 * The date secrets must have been renewed after: containment, else
 * detection, else the compromise start.
 */
time_t
incident_ref(const struct rp_incident *inc, const char **what)
{
	if (inc->containment != 0) {
		*what = "containment";
		return inc->containment;
	}
	if (inc->detection != 0) {
		*what = "detection";
		return inc->detection;
	}
	*what = "compromise start";
	return inc->compromise_start;
}

long long
window_end(const struct rp_incident *inc)
{
	if (inc->remediation == 0)
		return WIN_OPEN;
	return (long long)rp_incident_window_end(inc);
}

int
window_of(long long t, long long start, long long end)
{
	if (t < start)
		return WIN_BEFORE;
	return t <= end ? WIN_IN : WIN_AFTER;
}

/* The window, for the evidence of a verdict. */
void
evidence_window(struct rp_verdict *v, long long start, long long end)
{
	char a[32], b[32];

	rp_format_time((time_t)start, a, sizeof(a));
	if (end < WIN_OPEN)
		rp_format_time((time_t)end, b, sizeof(b));
	dir_evidence(v, "window %s .. %s", a, end < WIN_OPEN ? b : "the audit");
}

void
sid_label(const struct rp_sid *sid, char *buf, size_t len)
{
	char s[RP_SID_STR_MAX];
	const char *wk = rp_sid_name(sid);

	if (wk != NULL)
		snprintf(buf, len, "%s (%s)", wk, rp_sid_str(sid, s));
	else
		snprintf(buf, len, "%s", rp_sid_str(sid, s));
}

/* Is sid one of refs: comma separated SIDs, or RIDs of the domain? */
int
sid_in_refs(const struct rp_sid *sid, const char *refs)
{
	const char *p = refs, *e;
	struct rp_sid r;
	char num[16];
	long long rid;
	size_t l;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		for (e = p; *e != '\0' && *e != ',' && *e != ' '; e++)
			;
		l = (size_t)(e - p);
		if (l > 0 && rp_sid_from_str(p, l, &r) == 0 &&
		    rp_sid_eq(&r, sid))
			return 1;
		if (l > 0 && l < sizeof(num) && isdigit((unsigned char)*p)) {
			memcpy(num, p, l);
			num[l] = '\0';
			if (rp_strtonum(num, 0, 0xffffffffLL, &rid) == 0 &&
			    rp_sid_is_domain_account(sid) &&
			    rp_sid_rid(sid) == (uint32_t)rid)
				return 1;
		}
		p = e;
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* A declarative test that knows an unreadable entry from an absent value */

/* "[one|all|any|none|count] OP [VALUE]" */
int
spec_parse(const char *s, struct spec *sp)
{
	static const char *const quants[] = { "one", "all", "any", "none",
		"count" };
	char tok[32];
	size_t l, i;
	int op;

	sp->quant = RP_Q_ONE;
	sp->value = NULL;
	if (s == NULL)
		return -1;
	for (i = 0; i < 2; i++) {
		while (*s == ' ')
			s++;
		l = strcspn(s, " ");
		if (l == 0 || l >= sizeof(tok))
			return -1;
		memcpy(tok, s, l);
		tok[l] = '\0';
		s += l;
		if (i == 0) {
			size_t q;

			for (q = 0; q < 5 && strcmp(tok, quants[q]) != 0; q++)
				;
			if (q < 5) {
				sp->quant = (enum rp_quant)q;
				continue;
			}
		}
		if ((op = rp_op_parse(tok)) < 0)
			return -1;
		sp->op = (enum rp_op)op;
		break;
	}
	if (i == 2)
		return -1;
	if (*s == ' ')
		s++;
	sp->value = s;
	return (*s == '\0' && sp->op != RP_OP_ABSENT &&
	    sp->op != RP_OP_PRESENT) ? -1 : 0;
}

static void
observe_all(const struct rp_values *vals, struct rp_verdict *v)
{
	size_t i;

	for (i = 0; i < vals->n; i++)
		rp_verdict_observe(v, vals->v[i], vals->len[i]);
}

/* quant one/all/any/none over at least one value. */
static void
judge_each(const struct spec *sp, int icase, const struct rp_values *vals,
    struct rp_verdict *v)
{
	size_t i, n = sp->quant == RP_Q_ONE ? 1 : vals->n, hits = 0;
	int r, shown;

	for (i = 0; i < n; i++) {
		r = rp_op_test(sp->op, vals->v[i], sp->value, icase,
		    &v->reason);
		if (r < 0) {
			v->status = RP_ST_ERROR;
			return;
		}
		hits += (size_t)r;
		/* observed: the values that decide */
		shown = sp->quant == RP_Q_ALL ? !r : sp->quant == RP_Q_NONE ?
		    r : 1;
		if (shown)
			rp_verdict_observe(v, vals->v[i], vals->len[i]);
	}
	if (sp->quant == RP_Q_ALL)
		v->status = hits == n ? RP_ST_PASS : RP_ST_FAIL;
	else if (sp->quant == RP_Q_NONE)
		v->status = hits == 0 ? RP_ST_PASS : RP_ST_FAIL;
	else
		v->status = hits > 0 ? RP_ST_PASS : RP_ST_FAIL;
}

static void
judge_values(const struct spec *sp, int icase, const struct rp_values *vals,
    struct rp_verdict *v)
{
	char n[32];
	int r;

	if (sp->op == RP_OP_ABSENT || sp->op == RP_OP_PRESENT) {
		observe_all(vals, v);
		dir_verdict(v, (vals->n == 0) == (sp->op == RP_OP_ABSENT) ?
		    RP_ST_PASS : RP_ST_FAIL, NULL);
	} else if (sp->quant == RP_Q_COUNT) {
		snprintf(n, sizeof(n), "%zu", vals->n);
		dir_observe(v, "%s", n);
		observe_all(vals, v);
		r = rp_op_test(sp->op, n, sp->value, 0, &v->reason);
		v->status = r < 0 ? RP_ST_ERROR : r ? RP_ST_PASS : RP_ST_FAIL;
	} else if (vals->n == 0) {
		if (sp->quant == RP_Q_ONE)
			dir_verdict(v, RP_ST_ERROR, "attribute absent (and no "
			    "default)");
		else
			dir_verdict(v, sp->quant == RP_Q_ANY ? RP_ST_FAIL :
			    RP_ST_PASS, NULL);
	} else
		judge_each(sp, icase, vals, v);
}

/*
 * The values of the check's <read> over the probe; -1 with an error verdict
 * when the probe returned no entry (the base was not readable: grant says
 * what to grant) or the extraction fails.
 */
int
read_values(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *grant, struct rp_values *vals, struct rp_verdict *v)
{
	struct entries es;
	char *cause = NULL;
	size_t n;

	if (load_or_error(ctx, ctx->out, &es, v) != 0)
		return -1;
	n = es.n;
	entries_free(&es);
	if (n == 0) {
		dir_verdict(v, RP_ST_ERROR, "probe '%s' returned no entry: not "
		    "readable with this account (%s)", ctx->out->probe ?
		    ctx->out->probe : "?", grant);
		return -1;
	}
	if (rp_extract(&ck->extract, ctx->out->data, ctx->out->len, vals,
	    &cause) != 0) {
		dir_verdict(v, RP_ST_ERROR, "%s", cause ? cause : "extraction");
		free(cause);
		return -1;
	}
	return 0;
}

/*
 * The check's <read> extraction, then "[quant] op value" from the value.
 * No entry at all is an error (the base was not readable); an entry
 * without the attribute takes the extraction's default.
 */
int
attr_common(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v, const char *grant)
{
	struct rp_values vals;
	struct spec sp;

	if (!ck->has_extract || spec_parse(expected, &sp) != 0)
		return dir_verdict(v, RP_ST_ERROR, "check needs a <read> and a "
		    "value '[quant] op [expected]' (got '%s')",
		    expected ? expected : "");
	if (read_values(ctx, ck, grant, &vals, v) != 0)
		return 0;
	judge_values(&sp, ck->extract.icase, &vals, v);
	if (vals.truncated && v->status == RP_ST_PASS)
		dir_verdict(v, RP_ST_ERROR, "too many values to judge: output "
		    "capped");
	rp_values_release(&vals);
	return 0;
}
