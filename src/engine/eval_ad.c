/*
 * eval_ad.c -- native evaluators for directories.
 *
 * Active Directory: security descriptors (DCSync, dangerous rights,
 * shadow-credential and LAPS-reader paths), transitive membership of the
 * privileged groups (nested groups, primaryGroupID, foreign security
 * principals), SID history, delegation, and account ages against the
 * audit time and the incident window. OpenLDAP: cn=config ACLs, password
 * storage, ppolicy and SASL.
 *
 * Every evaluator is pure: it reads the probes of its target (the check's
 * <read probe> in ctx->out, and the probes named by <evaluator also=...>
 * through rp_target_probe()), the incident and the audit time, and nothing
 * else. What the audit account could not read is an error that says so,
 * never a pass.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
#include <openssl/core_names.h>
#else
#include <openssl/rsa.h>
#endif

#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "engine/eval.h"
#include "engine/evaluators.h"
#include "engine/extract.h"
#include "evidence/bundle.h"
#include "parse/ldif.h"
#include "parse/secdesc.h"
#include "parse/sid.h"
#include "core/banned.h"

#define DAY		86400LL
#define LINE_MAX_OBS	512

/* ------------------------------------------------------------------ */
/* LDIF entries in memory                                              */
/*
 * A probe's entries are parsed once per target and shared by every check
 * that reads the probe (the cache below, which rp_evaluate turns on for
 * one target at a time). Values and DNs live in a few large blocks,
 * attribute names are interned (one copy per distinct spelling), and the
 * values of all entries sit in one array: a 100 MB probe costs a handful
 * of allocations instead of one per value.
 */

struct av {
	char	*name;		/* interned: owned by the entries' store */
	char	*val;		/* NUL-terminated copy (may hold NUL) */
	size_t	 len;
};

struct entry {
	char		*dn;
	struct av	*av;
	size_t		 nav, aav;	/* aav: index of the first value */
};

struct ent_store;

struct entries {
	struct entry		*e;
	size_t			 n, a;
	struct ent_store	*st;	/* owned unless shared */
	int			 shared; /* a view of a cached parse */
};

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

static void
entries_free(struct entries *es)
{
	if (!es->shared) {
		store_free(es->st);
		free(es->e);
	}
	memset(es, 0, sizeof(*es));
}

/*
 * The parsed probes of the target being evaluated (rp_eval_ad_cache):
 * entries_load hands out read-only views of them, entries_free on a view
 * frees nothing. Off (the default), every load parses and owns.
 */
struct ent_cached {
	const struct rp_probe_out	*po;
	struct entries			 es;
};

static struct {
	int			 on;
	struct ent_cached	*c;
	size_t			 n, a;
} ent_cache;

void
rp_eval_ad_cache(int on)
{
	size_t i;

	for (i = 0; i < ent_cache.n; i++)
		entries_free(&ent_cache.c[i].es);
	free(ent_cache.c);
	memset(&ent_cache, 0, sizeof(ent_cache));
	ent_cache.on = on;
}

static int
entries_load(const struct rp_probe_out *po, struct entries *es, char **cause)
{
	struct ent_cached *c;
	long n;
	size_t i;

	if (ent_cache.on)
		for (i = 0; i < ent_cache.n; i++)
			if (ent_cache.c[i].po == po) {
				*es = ent_cache.c[i].es;
				es->shared = 1;
				return 0;
			}
	n = entries_parse(po, es, cause);
	rp_probe_drop_pages(po);	/* the entries hold what is needed */
	if (n < 0) {
		entries_free(es);
		return (int)n;
	}
	if (ent_cache.on) {
		XGROW(ent_cache.c, ent_cache.a, ent_cache.n);
		c = &ent_cache.c[ent_cache.n++];
		c->po = po;
		c->es = *es;
		es->shared = 1;
	}
	return 0;
}

/* First value of attribute name, or NULL. */
static const struct av *
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

static const char *
ent_str(const struct entry *e, const char *name)
{
	const struct av *a = ent_attr(e, name);

	return a ? a->val : NULL;
}

static int
ent_num(const struct entry *e, const char *name, long long *out)
{
	const char *s = ent_str(e, name);

	return s != NULL && rp_strtonum(s, -0x7fffffffffffffffLL,
	    0x7fffffffffffffffLL, out) == 0 ? 0 : -1;
}

/* The first RDN value of a DN ("svc_sql" in "CN=svc_sql,CN=Users,..."). */
static void
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
static const char *
ent_label(const struct entry *e)
{
	const char *s = ent_str(e, "sAMAccountName");

	return s != NULL && *s != '\0' ? s : e->dn;
}

static int
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

static void __attribute__((format(printf, 2, 3)))
observe(struct rp_verdict *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(v, rp_verdict_observe, fmt, ap);
	va_end(ap);
}

static void __attribute__((format(printf, 2, 3)))
evidence(struct rp_verdict *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vline(v, rp_verdict_evidence, fmt, ap);
	va_end(ap);
}

static int __attribute__((format(printf, 3, 4)))
verdict(struct rp_verdict *v, enum rp_status st, const char *fmt, ...)
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

/*
 * The exported evaluators of this file: each reads the check's probe (and
 * NALSO probes named in <evaluator also=...>).
 */
#define EVALUATOR(sym, kd, nm, nal, fn, text)				\
	const struct rp_evaluator sym = {				\
		.name = nm,						\
		.kind = kd,						\
		.needs_probe = 1,					\
		.nalso = nal,						\
		.doc = text,						\
		.evaluate = fn,						\
	}
#define AD_EVALUATOR(sym, nm, nal, fn, text)				\
	EVALUATOR(sym, RP_KIND_AD, nm, nal, fn, text)
#define OL_EVALUATOR(sym, nm, nal, fn, text)				\
	EVALUATOR(sym, RP_KIND_OPENLDAP, nm, nal, fn, text)

/* An evaluate function that is one call of a shared body. */
#define EVALUATE_AS(fn, call)						\
	static int							\
	fn(const struct rp_eval_ctx *ctx, const struct rp_check *ck,	\
	    const char *expected, struct rp_verdict *v)			\
	{								\
		(void)ctx;						\
		(void)ck;						\
		(void)expected;						\
		(void)v;						\
		return call;						\
	}

/* A probe named in <evaluator also=...>, usable; else NULL and an error. */
static const struct rp_probe_out *
also_probe(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    size_t i, struct rp_verdict *v)
{
	const struct rp_probe_out *po;

	if (i >= ck->nalso) {
		verdict(v, RP_ST_ERROR, "check names no probe %zu in "
		    "<evaluator also=...>", i + 1);
		return NULL;
	}
	po = ctx->target ? rp_target_probe(ctx->target, ck->also[i]) : NULL;
	if (po == NULL) {
		verdict(v, RP_ST_ERROR, "probe '%s' was not collected",
		    ck->also[i]);
		return NULL;
	}
	if (po->status != RP_PS_OK || po->data == NULL) {
		verdict(v, RP_ST_ERROR, "probe '%s' %s%s%s", ck->also[i],
		    rp_pstatus_name(po->status), po->detail ? ": " : "",
		    po->detail ? po->detail : "");
		return NULL;
	}
	return po;
}

/* Load the entries of a probe, or set an error verdict. */
static int
load_or_error(const struct rp_probe_out *po, struct entries *es,
    struct rp_verdict *v)
{
	char *cause = NULL;

	if (entries_load(po, es, &cause) != 0) {
		verdict(v, RP_ST_ERROR, "%s", cause ? cause : "bad LDIF");
		free(cause);
		return -1;
	}
	return 0;
}

/* Load the entries of the probe also[i], or set an error verdict. */
static int
also_load(const struct rp_eval_ctx *ctx, const struct rp_check *ck, size_t i,
    struct entries *es, struct rp_verdict *v)
{
	const struct rp_probe_out *po = also_probe(ctx, ck, i, v);

	return po == NULL ? -1 : load_or_error(po, es, v);
}

static int
value_num(const char *expected, long long min, long long max,
    long long *out, struct rp_verdict *v)
{
	if (expected == NULL || rp_strtonum(expected, min, max, out) != 0) {
		verdict(v, RP_ST_ERROR, "expected value '%s' is not a number "
		    "in [%lld, %lld]", expected ? expected : "", min, max);
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
static long long
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

static void
fmt_day(long long t, char *buf, size_t len)
{
	char full[32];

	rp_format_time((time_t)t, full, sizeof(full));
	snprintf(buf, len, "%.10s", full);
}

/*
 * The date secrets must have been renewed after: containment, else
 * detection, else the compromise start.
 */
static time_t
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

/*
 * The incident window, as for the Linux post-incident checks: from the
 * compromise start to the remediation (a date given as a day counts as
 * the whole day), or to the audit when the remediation is not dated.
 */
#define WIN_OPEN	(1LL << 62)

static long long
window_end(const struct rp_incident *inc)
{
	if (inc->remediation == 0)
		return WIN_OPEN;
	return (long long)rp_incident_window_end(inc);
}

/* Where t falls: 0 before the window, 1 in it, 2 after the remediation. */
#define WIN_BEFORE	0
#define WIN_IN		1
#define WIN_AFTER	2

static int
window_of(long long t, long long start, long long end)
{
	if (t < start)
		return WIN_BEFORE;
	return t <= end ? WIN_IN : WIN_AFTER;
}

/* The window, for the evidence of a verdict. */
static void
evidence_window(struct rp_verdict *v, long long start, long long end)
{
	char a[32], b[32];

	rp_format_time((time_t)start, a, sizeof(a));
	if (end < WIN_OPEN)
		rp_format_time((time_t)end, b, sizeof(b));
	evidence(v, "window %s .. %s", a, end < WIN_OPEN ? b : "the audit");
}

/* ------------------------------------------------------------------ */
/* Group membership                                                    */

/*
 * The groups of the domain (ad.groups: sAMAccountName objectSid member)
 * as a graph. A closure is a set of groups closed under nesting: the seed
 * groups and every group that is a member of one, transitively; an
 * account is in it through a member value or its primaryGroupID.
 */
struct dnidx {
	const char	*dn;
	size_t		 idx;
};

struct grp {
	const struct entry	*e;
	struct rp_sid		 sid;
	int			 has_sid;
};

struct graph {
	struct entries	 es;		/* owned */
	struct grp	*g;
	size_t		 n;
	struct dnidx	*by_dn;		/* sorted by DN */
	struct rp_sid	 domain;
	int		 has_domain;
};

struct closure {
	unsigned char	*in;		/* per group */
	char		**members;	/* member DNs of the groups in it */
	size_t		 nmembers;
	uint32_t	*rids;		/* RIDs of its groups of the domain */
	size_t		 nrids;
};

static int
cmp_by_dn(const void *a, const void *b)
{
	return strcasecmp(((const struct dnidx *)a)->dn,
	    ((const struct dnidx *)b)->dn);
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int
cmp_str_icase(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

static void
graph_free(struct graph *gr)
{
	entries_free(&gr->es);
	free(gr->g);
	free(gr->by_dn);
	memset(gr, 0, sizeof(*gr));
}

/* A server that cut 'member' into ranges left groups incomplete. */
static int
has_ranged_members(const struct rp_probe_out *po)
{
	static const char pat[] = "member;range=";
	const char *p = po->data, *end = po->data + po->len, *nl;
	size_t n = sizeof(pat) - 1;

	while (p != NULL && (size_t)(end - p) >= n) {
		if ((*p == 'm' || *p == 'M') && strncasecmp(p, pat, n) == 0)
			return 1;
		nl = memchr(p, '\n', (size_t)(end - p));
		p = nl ? nl + 1 : NULL;
	}
	rp_probe_drop_pages(po);
	return 0;
}

static int
graph_load(const struct rp_probe_out *po, struct graph *gr,
    struct rp_verdict *v)
{
	size_t i;

	memset(gr, 0, sizeof(*gr));
	if (has_ranged_members(po))
		return verdict(v, RP_ST_ERROR, "group membership truncated by "
		    "the server (ranged 'member' values, not followed): "
		    "groups are incomplete"), -1;
	if (load_or_error(po, &gr->es, v) != 0)
		return -1;
	if (gr->es.n == 0) {
		graph_free(gr);
		return verdict(v, RP_ST_ERROR, "no group returned: group "
		    "objects are not readable with this account (grant it "
		    "Read on the domain, as Authenticated Users have by "
		    "default)"), -1;
	}
	gr->n = gr->es.n;
	gr->g = xcalloc(gr->n, sizeof(*gr->g));
	gr->by_dn = xcalloc(gr->n, sizeof(*gr->by_dn));
	for (i = 0; i < gr->n; i++) {
		gr->g[i].e = &gr->es.e[i];
		gr->g[i].has_sid = ent_sid(&gr->es.e[i], "objectSid",
		    &gr->g[i].sid) == 0;
		if (gr->g[i].has_sid && !gr->has_domain &&
		    rp_sid_is_domain_account(&gr->g[i].sid)) {
			rp_sid_domain(&gr->g[i].sid, &gr->domain);
			gr->has_domain = 1;
		}
		gr->by_dn[i].dn = gr->es.e[i].dn;
		gr->by_dn[i].idx = i;
	}
	qsort(gr->by_dn, gr->n, sizeof(*gr->by_dn), cmp_by_dn);
	return 0;
}

/* Index of the group with this DN, or -1. */
static long
graph_find(const struct graph *gr, const char *dn)
{
	size_t lo = 0, hi = gr->n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcasecmp(dn, gr->by_dn[mid].dn);
		if (c == 0)
			return (long)gr->by_dn[mid].idx;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* The tier-0 groups (ANSSI's list, as ADS-Open and PingCastle use it). */
static int
is_privileged_group(const struct grp *g)
{
	static const uint32_t domain_rids[] = { 512, 516, 518, 519, 521, 526,
		527 };
	static const uint32_t builtin_rids[] = { 544, 548, 549, 550, 551 };
	const char *name = ent_str(g->e, "sAMAccountName");
	uint32_t rid;
	size_t i;

	if (name != NULL && strcasecmp(name, "DnsAdmins") == 0)
		return 1;
	if (!g->has_sid)
		return 0;
	rid = rp_sid_rid(&g->sid);
	if (rp_sid_is_domain_account(&g->sid)) {
		for (i = 0; i < sizeof(domain_rids) / sizeof(domain_rids[0]);
		    i++)
			if (rid == domain_rids[i])
				return 1;
	} else if (rp_sid_is_builtin(&g->sid)) {
		for (i = 0; i < sizeof(builtin_rids) / sizeof(builtin_rids[0]);
		    i++)
			if (rid == builtin_rids[i])
				return 1;
	}
	return 0;
}

/*
 * One reference from a check's value: "S-1-5-32-548" (that SID), "518"
 * (that RID in the domain or in BUILTIN), or a group name.
 */
static int
group_matches_ref(const struct grp *g, const char *ref, size_t len)
{
	struct rp_sid sid;
	const char *name;
	long long rid;
	char num[16];

	if (len == 0)
		return 0;
	if (rp_sid_from_str(ref, len, &sid) == 0)
		return g->has_sid && rp_sid_eq(&sid, &g->sid);
	if (len < sizeof(num) && isdigit((unsigned char)ref[0])) {
		memcpy(num, ref, len);
		num[len] = '\0';
		if (rp_strtonum(num, 0, 0xffffffffLL, &rid) == 0)
			return g->has_sid && rp_sid_rid(&g->sid) ==
			    (uint32_t)rid &&
			    (rp_sid_is_domain_account(&g->sid) ||
			    rp_sid_is_builtin(&g->sid));
	}
	name = ent_str(g->e, "sAMAccountName");
	return name != NULL && strlen(name) == len &&
	    strncasecmp(name, ref, len) == 0;
}

static int
group_in_refs(const struct grp *g, const char *refs)
{
	const char *p = refs, *e;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		for (e = p; *e != '\0' && *e != ','; e++)
			;
		{
			size_t l = (size_t)(e - p);

			while (l > 0 && p[l - 1] == ' ')
				l--;
			if (group_matches_ref(g, p, l))
				return 1;
		}
		p = *e ? e + 1 : e;
	}
	return 0;
}

static void
closure_free(struct closure *c)
{
	free(c->in);
	free(c->members);	/* borrowed strings */
	free(c->rids);
	memset(c, 0, sizeof(*c));
}

/* Seeds: refs (see group_matches_ref), or the privileged groups if NULL. */
static void
closure_build(const struct graph *gr, const char *refs, struct closure *c)
{
	size_t *queue, qh = 0, qt = 0, i, j, am = 0, ar = 0;
	const struct entry *e;
	long k;

	memset(c, 0, sizeof(*c));
	c->in = xcalloc(gr->n ? gr->n : 1, 1);
	queue = xcalloc(gr->n ? gr->n : 1, sizeof(*queue));
	for (i = 0; i < gr->n; i++)
		if (refs ? group_in_refs(&gr->g[i], refs) :
		    is_privileged_group(&gr->g[i])) {
			c->in[i] = 1;
			queue[qt++] = i;
		}
	while (qh < qt) {
		i = queue[qh++];
		e = gr->g[i].e;
		if (gr->g[i].has_sid && gr->has_domain &&
		    rp_sid_in_domain(&gr->g[i].sid, &gr->domain)) {
			XGROW(c->rids, ar, c->nrids);
			c->rids[c->nrids++] = rp_sid_rid(&gr->g[i].sid);
		}
		for (j = 0; j < e->nav; j++) {
			if (strcasecmp(e->av[j].name, "member") != 0)
				continue;
			XGROW(c->members, am, c->nmembers);
			c->members[c->nmembers++] = e->av[j].val;
			k = graph_find(gr, e->av[j].val);
			if (k >= 0 && !c->in[k]) {
				c->in[k] = 1;
				queue[qt++] = (size_t)k;
			}
		}
	}
	free(queue);
	if (c->nmembers > 1)
		qsort(c->members, c->nmembers, sizeof(*c->members),
		    cmp_str_icase);
	if (c->nrids > 1)	/* an account per lookup: no linear scan */
		qsort(c->rids, c->nrids, sizeof(*c->rids), cmp_u32);
}

static int
closure_has_dn(const struct closure *c, const char *dn)
{
	size_t lo = 0, hi = c->nmembers, mid;
	int r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = strcasecmp(dn, c->members[mid]);
		if (r == 0)
			return 1;
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* Is the group of the domain with this RID in the closure? (sorted) */
static int
closure_has_rid(const struct closure *c, uint32_t rid)
{
	size_t lo = 0, hi = c->nrids, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->rids[mid] == rid)
			return 1;
		if (rid < c->rids[mid])
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/*
 * Is an account (or group) in the closure: a member value names it, it is
 * one of the closure's groups, or its primaryGroupID is one of them.
 */
static int
closure_has(const struct graph *gr, const struct closure *c,
    const struct entry *e)
{
	struct rp_sid sid, dom;
	long long pg;
	long k;

	if (closure_has_dn(c, e->dn))
		return 1;
	if ((k = graph_find(gr, e->dn)) >= 0 && c->in[k])
		return 1;
	if (ent_num(e, "primaryGroupID", &pg) != 0 || pg < 0 ||
	    pg > 0xffffffffLL)
		return 0;
	/* the primary group is in the account's own domain */
	if (gr->has_domain && ent_sid(e, "objectSid", &sid) == 0 &&
	    (rp_sid_domain(&sid, &dom) != 0 || !rp_sid_eq(&dom, &gr->domain)))
		return 0;
	return closure_has_rid(c, (uint32_t)pg);
}

/* The graph of also[i] and its privileged closure; -1 with a verdict. */
static int
privileged_setup(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    size_t i, struct graph *gr, struct closure *c, struct rp_verdict *v)
{
	const struct rp_probe_out *po = also_probe(ctx, ck, i, v);

	if (po == NULL || graph_load(po, gr, v) != 0)
		return -1;
	closure_build(gr, NULL, c);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Accounts: privileged or not, ages, incident window                  */

struct run {
	const struct rp_eval_ctx	*ctx;
	const struct rp_check		*ck;
	struct rp_verdict		*v;
	const char			*attr;	/* the check's <ldap-attr> */
	long long			 days;
	long long			 ref;	/* incident date */
	long long			 end;	/* the window's end */
	const char			*ref_what;
	const char			*value;	/* the check's value */
	struct graph			 gr;
	struct closure			 priv, other;
	int				 use_priv;
	size_t				 seen, bad;
};

/*
 * 1: the entry is a finding (why says what), 0: fine, 2: listed for
 * review (why says what) without being a finding.
 */
typedef int (*pred_fn)(struct run *r, const struct entry *e, char *why,
    size_t len);

static void
run_release(struct run *r)
{
	closure_free(&r->priv);
	closure_free(&r->other);
	graph_free(&r->gr);
}

/*
 * Apply pred to each entry of the check's probe (only the privileged ones
 * when use_priv). empty: the verdict when the probe returned no entry.
 */
static int
run_entries(struct run *r, pred_fn pred, enum rp_status empty)
{
	struct entries es;
	const struct entry *e;
	char why[256];
	size_t i;
	int k;

	if (load_or_error(r->ctx->out, &es, r->v) != 0)
		return 0;
	for (i = 0; i < es.n; i++) {
		e = &es.e[i];
		if (r->use_priv && !closure_has(&r->gr, &r->priv, e))
			continue;
		r->seen++;
		why[0] = '\0';
		if ((k = pred(r, e, why, sizeof(why))) == 0)
			continue;
		observe(r->v, "%s%s%s", ent_label(e), why[0] ? ": " : "", why);
		evidence(r->v, "%s", e->dn);
		if (k == 1)
			r->bad++;
	}
	if (es.n == 0 && empty == RP_ST_ERROR)
		verdict(r->v, RP_ST_ERROR, "probe '%s' returned no entry: the "
		    "accounts it reads are not readable with this account "
		    "(grant it Read on them, as Authenticated Users have by "
		    "default)", r->ctx->out->probe ? r->ctx->out->probe : "?");
	else
		verdict(r->v, r->bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

/* Set up r; with_priv: the privileged closure from also[0]. */
static int
run_init(struct run *r, const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, struct rp_verdict *v, int with_priv)
{
	memset(r, 0, sizeof(*r));
	r->ctx = ctx;
	r->ck = ck;
	r->v = v;
	r->attr = ck->extract.kind == RP_X_LDAP_ATTR ? ck->extract.key : NULL;
	r->use_priv = with_priv;
	if (with_priv && privileged_setup(ctx, ck, 0, &r->gr, &r->priv, v) != 0)
		return -1;
	return 0;
}

static int
pred_any(struct run *r, const struct entry *e, char *why, size_t len)
{
	(void)r;
	(void)e;
	(void)why;
	(void)len;
	return 1;
}

static int
pred_outside(struct run *r, const struct entry *e, char *why, size_t len)
{
	(void)why;
	(void)len;
	return !closure_has(&r->gr, &r->other, e);
}

static int
pred_not_privileged(struct run *r, const struct entry *e, char *why,
    size_t len)
{
	struct rp_sid sid;

	(void)why;
	(void)len;
	/* krbtgt carries adminCount=1 without being in a group */
	if (ent_sid(e, "objectSid", &sid) == 0 && rp_sid_rid(&sid) == 502)
		return 0;
	return !closure_has(&r->gr, &r->priv, e);
}

/* Age of a time attribute: 1 when older than r->days or never set. */
static int
age_of(struct run *r, const char *attr, const struct entry *e, char *why,
    size_t len, int absent_is_bad)
{
	const char *s = ent_str(e, attr);
	long long t = dir_time(s);
	char day[16];

	if (s == NULL) {
		if (absent_is_bad)
			snprintf(why, len, "%s never set", attr);
		return absent_is_bad;
	}
	if (t == -2) {
		snprintf(why, len, "%s unreadable ('%.40s')", attr, s);
		return 1;
	}
	if (t == -1) {
		snprintf(why, len, "%s never set", attr);
		return 1;
	}
	if ((long long)r->ctx->now - t <= r->days * DAY)
		return 0;
	fmt_day(t, day, sizeof(day));
	snprintf(why, len, "%s %s (%lld days)", attr, day,
	    ((long long)r->ctx->now - t) / DAY);
	return 1;
}

static int
pred_age(struct run *r, const struct entry *e, char *why, size_t len)
{
	return age_of(r, r->attr, e, why, len, 1);
}

static int
pred_age_present(struct run *r, const struct entry *e, char *why,
    size_t len)
{
	return age_of(r, r->attr, e, why, len, 0);
}

/* No logon (lastLogonTimestamp) for r->days, or none since creation. */
static int
pred_inactive(struct run *r, const struct entry *e, char *why, size_t len)
{
	const char *ll = ent_str(e, "lastLogonTimestamp");
	long long t = dir_time(ll), c;
	char day[16];

	if (ll != NULL && t >= 0)
		return age_of(r, "lastLogonTimestamp", e, why, len, 1);
	c = dir_time(ent_str(e, "whenCreated"));
	if (c < 0) {
		snprintf(why, len, "never logged on, creation date unknown");
		return 1;
	}
	if ((long long)r->ctx->now - c <= r->days * DAY)
		return 0;
	fmt_day(c, day, sizeof(day));
	snprintf(why, len, "never logged on since its creation on %s", day);
	return 1;
}

static int
pred_created_after(struct run *r, const struct entry *e, char *why,
    size_t len)
{
	const char *s = ent_str(e, "whenCreated");
	long long t = dir_time(s);
	char day[32];

	if (t < 0)
		return 0;
	rp_format_time((time_t)t, day, sizeof(day));
	switch (window_of(t, r->ref, r->end)) {
	case WIN_IN:
		snprintf(why, len, "created %s (whenCreated), in the incident "
		    "window", day);
		return 1;
	case WIN_AFTER:
		snprintf(why, len, "created after the remediation (%s): "
		    "review", day);
		return 2;
	default:
		return 0;
	}
}

static int
pred_not_renewed(struct run *r, const struct entry *e, char *why,
    size_t len)
{
	const char *s = ent_str(e, "pwdLastSet");
	long long t = dir_time(s);
	char day[32], ref[32];

	rp_format_time((time_t)r->ref, ref, sizeof(ref));
	if (t >= r->ref)
		return 0;
	if (t < 0)
		snprintf(why, len, "password never set (%s: %s)", r->ref_what,
		    ref);
	else {
		rp_format_time((time_t)t, day, sizeof(day));
		snprintf(why, len, "password set %s, before the %s (%s)", day,
		    r->ref_what, ref);
	}
	return 1;
}

static int
days_value(struct run *r, const char *expected)
{
	return value_num(expected, 0, 100000, &r->days, r->v);
}

static int
need_attr(struct run *r)
{
	if (r->attr != NULL)
		return 0;
	verdict(r->v, RP_ST_ERROR, "check needs <ldap-attr name=...>");
	return -1;
}

static int
need_incident(struct run *r, int containment)
{
	const struct rp_incident *inc = r->ctx->incident;

	if (inc == NULL || inc->compromise_start == 0) {
		verdict(r->v, RP_ST_NA, "no incident context given "
		    "(--incident): nothing to compare with");
		return -1;
	}
	if (containment)
		r->ref = incident_ref(inc, &r->ref_what);
	else {
		r->ref = inc->compromise_start;
		r->ref_what = "compromise start";
		r->end = window_end(inc);
		evidence_window(r->v, r->ref, r->end);
	}
	return 0;
}

/* After run_init(..., 0): restrict to privileged entries if priv. */
static int
with_privileged(struct run *r, int priv)
{
	if (!priv)
		return 0;
	r->use_priv = 1;
	return privileged_setup(r->ctx, r->ck, 0, &r->gr, &r->priv, r->v);
}

/* What run_simple sets up before the run, in this order. */
#define R_PRIV		0x01	/* privileged entries only (groups first) */
#define R_ATTR		0x02	/* the check needs <ldap-attr> */
#define R_DAYS		0x04	/* the value is a number of days */
#define R_START		0x08	/* the incident's compromise start */
#define R_CONTAIN	0x10	/* the incident's containment (else ...) */
#define R_PRIV_LAST	0x20	/* privileged entries only (groups last) */
#define R_GROUPS	0x40	/* the privileged closure, every entry */

/* An evaluator that is a run of pred over the entries: how says the setup. */
static int
run_simple(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v, unsigned how, pred_fn pred,
    enum rp_status empty)
{
	struct run r;

	if (run_init(&r, ctx, ck, v, (how & R_PRIV) != 0) == 0 &&
	    (!(how & R_ATTR) || need_attr(&r) == 0) &&
	    (!(how & R_DAYS) || days_value(&r, expected) == 0) &&
	    (!(how & (R_START | R_CONTAIN)) ||
	    need_incident(&r, (how & R_CONTAIN) != 0) == 0) &&
	    with_privileged(&r, (how & R_PRIV_LAST) != 0) == 0 &&
	    (!(how & R_GROUPS) ||
	    privileged_setup(ctx, ck, 0, &r.gr, &r.priv, v) == 0))
		run_entries(&r, pred, empty);
	run_release(&r);
	return 0;
}

/* ad-privileged: any privileged account among the entries is a finding. */
EVALUATE_AS(privileged_evaluate, run_simple(ctx, ck, expected, v,
    R_PRIV, pred_any, RP_ST_PASS))

AD_EVALUATOR(rp_eval_ad_privileged, "ad-privileged", 1, privileged_evaluate,
    "entries of the probe that are privileged (transitive members "
    "of a tier-0 group; also: the group probe) are findings");

/* ad-privileged-count: at most N privileged accounts among the entries. */
static int
privileged_count_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct run r;
	long long max;

	if (value_num(expected, 0, 10000000, &max, v) != 0)
		return 0;
	if (run_init(&r, ctx, ck, v, 1) == 0 &&
	    run_entries(&r, pred_any, RP_ST_ERROR) == 0 &&
	    v->status != RP_ST_ERROR) {
		v->status = (long long)r.bad > max ? RP_ST_FAIL : RP_ST_PASS;
		if (v->status == RP_ST_FAIL)
			v->reason = xasprintf("%zu privileged accounts "
			    "(at most %lld)", r.bad, max);
	}
	run_release(&r);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_privileged_count, "ad-privileged-count", 1,
    privileged_count_evaluate,
    "at most N (value) privileged accounts among the entries");

/* ad-privileged-outside: privileged accounts not in group VALUE (525). */
static int
privileged_outside_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct run r;

	if (expected == NULL || *expected == '\0')
		return verdict(v, RP_ST_ERROR, "check needs a group (RID, SID "
		    "or name) as its value");
	if (run_init(&r, ctx, ck, v, 1) == 0) {
		closure_build(&r.gr, expected, &r.other);
		run_entries(&r, pred_outside, RP_ST_PASS);
	}
	run_release(&r);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_privileged_outside, "ad-privileged-outside", 1,
    privileged_outside_evaluate,
    "privileged entries that are not (transitively) in the group "
    "named by the value (e.g. 525, Protected Users)");

/* ad-not-privileged: entries outside every tier-0 group (krbtgt aside). */
EVALUATE_AS(not_privileged_evaluate, run_simple(ctx, ck, expected, v,
    R_GROUPS, pred_not_privileged, RP_ST_PASS))

AD_EVALUATOR(rp_eval_ad_not_privileged, "ad-not-privileged", 1,
    not_privileged_evaluate,
    "entries that are in no tier-0 group (e.g. adminCount=1 "
    "orphans) are findings; krbtgt is ignored");

/* ad-privileged-age: privileged entries whose <ldap-attr> is older. */
EVALUATE_AS(privileged_age_evaluate, run_simple(ctx, ck, expected, v,
    R_PRIV | R_ATTR | R_DAYS, pred_age, RP_ST_ERROR))

AD_EVALUATOR(rp_eval_ad_privileged_age, "ad-privileged-age", 1,
    privileged_age_evaluate,
    "privileged entries whose time attribute (<ldap-attr>) is "
    "older than N days or never set");

/* ad-privileged-inactive / ad-inactive: no logon for N days. */
EVALUATE_AS(privileged_inactive_evaluate, run_simple(ctx, ck, expected, v,
    R_PRIV | R_DAYS, pred_inactive, RP_ST_ERROR))

/*
 * ad-inactive: "DAYS" (every inactive entry is a finding) or "DAYS P%"
 * (PingCastle's S-Inactive: a finding only when more than P % of the
 * entries are inactive; the inactive ones are listed either way).
 */
static int
inactive_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	char days[32], pc[8];
	const char *sp;
	long long pct = -1;
	size_t n;
	struct run r;

	if (expected != NULL && (sp = strchr(expected, ' ')) != NULL) {
		n = (size_t)(sp - expected);
		if (n >= sizeof(days) || strlen(sp + 1) < 2 ||
		    strlen(sp + 1) >= sizeof(pc) ||
		    sp[strlen(sp) - 1] != '%')
			return verdict(v, RP_ST_ERROR, "expected value '%s' "
			    "is not 'DAYS' or 'DAYS PERCENT%%'", expected);
		memcpy(days, expected, n);
		days[n] = '\0';
		n = strlen(sp + 1) - 1;
		memcpy(pc, sp + 1, n);
		pc[n] = '\0';
		if (value_num(pc, 0, 100, &pct, v) != 0)
			return 0;
		expected = days;
	}
	if (run_init(&r, ctx, ck, v, 0) == 0 && days_value(&r, expected) == 0)
		run_entries(&r, pred_inactive, RP_ST_ERROR);
	if (pct >= 0 && (v->status == RP_ST_FAIL || v->status == RP_ST_PASS)) {
		/* bad/seen > pct/100, in integers */
		v->status = (long long)r.bad * 100 > pct * (long long)r.seen ?
		    RP_ST_FAIL : RP_ST_PASS;
		observe(v, "%zu of %zu inactive (more than %lld %% is a "
		    "finding)", r.bad, r.seen, pct);
	}
	run_release(&r);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_privileged_inactive, "ad-privileged-inactive", 1,
    privileged_inactive_evaluate,
    "privileged entries without a logon (lastLogonTimestamp) for "
    "N days, or never used and created more than N days ago");

AD_EVALUATOR(rp_eval_ad_inactive, "ad-inactive", 0, inactive_evaluate,
    "entries without a logon (lastLogonTimestamp) for N days, or "
    "never used and created more than N days ago; 'N P%': a finding "
    "only when more than P % of the entries are");

/* ad-older-than: entries whose <ldap-attr> time is older; absent: fine. */
EVALUATE_AS(older_than_evaluate, run_simple(ctx, ck, expected, v,
    R_ATTR | R_DAYS, pred_age_present, RP_ST_PASS))

AD_EVALUATOR(rp_eval_ad_older_than, "ad-older-than", 0, older_than_evaluate,
    "entries whose time attribute (<ldap-attr>, FILETIME or "
    "GeneralizedTime) is older than N days; no entry is a pass");

/*
 * Incident window: created between the compromise start and the
 * remediation; created after it: listed for review.
 */
EVALUATE_AS(privileged_window_evaluate, run_simple(ctx, ck, expected, v,
    R_START | R_PRIV_LAST, pred_created_after, RP_ST_ERROR))

EVALUATE_AS(created_window_evaluate, run_simple(ctx, ck, expected, v,
    R_START, pred_created_after, RP_ST_PASS))

AD_EVALUATOR(rp_eval_ad_privileged_window, "ad-privileged-window", 1,
    privileged_window_evaluate,
    "privileged entries created (whenCreated) in the incident window "
    "(compromise start .. remediation, or the audit); created after the "
    "remediation: listed for review; na without an incident");

AD_EVALUATOR(rp_eval_ad_created_window, "ad-created-window", 0,
    created_window_evaluate,
    "entries created (whenCreated) in the incident window (compromise "
    "start .. remediation, or the audit); created after the remediation: "
    "listed for review; na without an incident");

/* Secrets renewed: pwdLastSet after containment (else detection...). */
EVALUATE_AS(privileged_renewed_evaluate, run_simple(ctx, ck, expected, v,
    R_CONTAIN | R_PRIV_LAST, pred_not_renewed, RP_ST_ERROR))

AD_EVALUATOR(rp_eval_ad_privileged_renewed, "ad-privileged-renewed", 1,
    privileged_renewed_evaluate,
    "privileged entries whose password (pwdLastSet) was not set "
    "after the incident's containment (else detection, else start)");

/* ------------------------------------------------------------------ */
/* Groups                                                              */

static int
is_fsp_dn(const char *dn)
{
	const char *p;

	for (p = dn; (p = strchr(p, ',')) != NULL; p++)
		if (strncasecmp(p + 1, "CN=ForeignSecurityPrincipals,",
		    29) == 0)
			return 1;
	return 0;
}

/* Name a member DN: a group's name, an FSP's SID and well-known name. */
static void
member_label(const struct graph *gr, const char *dn, char *buf, size_t len)
{
	char rdn[256];
	struct rp_sid sid;
	const char *wk = NULL;
	long k;

	dn_rdn(dn, rdn, sizeof(rdn));
	if ((k = graph_find(gr, dn)) >= 0) {
		snprintf(buf, len, "%s (nested group)", ent_label(gr->g[k].e));
		return;
	}
	if (!is_fsp_dn(dn)) {
		snprintf(buf, len, "%s", rdn);
		return;
	}
	if (rp_sid_from_str(rdn, strlen(rdn), &sid) == 0)
		wk = rp_sid_name(&sid);
	snprintf(buf, len, "%s (foreign principal%s%s)", rdn, wk ? ", " : "",
	    wk ? wk : "");
}

/* Members by primaryGroupID, from the optional also[0] probe. */
static size_t
primary_members(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const struct graph *gr, const struct closure *c, struct rp_verdict *v)
{
	struct entries es;
	size_t i, n = 0;

	if (ck->nalso == 0 || also_load(ctx, ck, 0, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++) {
		if (closure_has_dn(c, es.e[i].dn) ||
		    !closure_has(gr, c, &es.e[i]))
			continue;
		observe(v, "%s (primary group)", ent_label(&es.e[i]));
		evidence(v, "%s", es.e[i].dn);
		n++;
	}
	entries_free(&es);
	return n;
}

/*
 * ad-group-members: the groups named by the value (comma separated RIDs,
 * SIDs or names) must have no member, direct, nested or by primary group
 * (optional also: accounts with a non-default primaryGroupID).
 */
static int
group_members_common(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v,
    int must_be_empty)
{
	struct graph gr;
	struct closure c;
	char lab[512];
	size_t i, n = 0, seeds = 0;

	if (expected == NULL || *expected == '\0')
		return verdict(v, RP_ST_ERROR, "check needs groups (RIDs, SIDs "
		    "or names) as its value");
	if (graph_load(ctx->out, &gr, v) != 0)
		return 0;
	closure_build(&gr, expected, &c);
	for (i = 0; i < gr.n; i++)
		seeds += c.in[i];
	for (i = 0; i < c.nmembers; i++) {
		if (i > 0 && strcasecmp(c.members[i], c.members[i - 1]) == 0)
			continue;
		member_label(&gr, c.members[i], lab, sizeof(lab));
		observe(v, "%s", lab);
		evidence(v, "%s", c.members[i]);
		n++;
	}
	v->status = RP_ST_PASS;
	n += primary_members(ctx, ck, &gr, &c, v);
	if (v->status != RP_ST_ERROR) {
		if (seeds == 0)
			verdict(v, RP_ST_NA, "none of the groups '%s' exists",
			    expected);
		else if (must_be_empty)
			verdict(v, n ? RP_ST_FAIL : RP_ST_PASS, NULL);
		else
			verdict(v, n ? RP_ST_PASS : RP_ST_FAIL, n ? NULL :
			    "no member");
	}
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

EVALUATE_AS(group_members_evaluate,
    group_members_common(ctx, ck, expected, v, 1))

EVALUATE_AS(group_used_evaluate, group_members_common(ctx, ck, expected, v, 0))

AD_EVALUATOR(rp_eval_ad_group_used, "ad-group-used", 0, group_used_evaluate,
    "the groups named by the value (RIDs, SIDs, names) have at "
    "least one member (e.g. 525: Protected Users)");

AD_EVALUATOR(rp_eval_ad_group_members, "ad-group-members", 0,
    group_members_evaluate,
    "the groups named by the value (RIDs, SIDs, names) have no "
    "member, direct, nested or by primaryGroupID (optional also)");

/* ad-privileged-foreign: foreign principals in a tier-0 group. */
static int
privileged_foreign_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct graph gr;
	struct closure c;
	char lab[512];
	size_t i, n = 0;

	(void)ck;
	(void)expected;
	if (graph_load(ctx->out, &gr, v) != 0)
		return 0;
	closure_build(&gr, NULL, &c);
	for (i = 0; i < c.nmembers; i++) {
		if (!is_fsp_dn(c.members[i]) || (i > 0 &&
		    strcasecmp(c.members[i], c.members[i - 1]) == 0))
			continue;
		member_label(&gr, c.members[i], lab, sizeof(lab));
		observe(v, "%s", lab);
		evidence(v, "%s", c.members[i]);
		n++;
	}
	verdict(v, n ? RP_ST_FAIL : RP_ST_PASS, NULL);
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_privileged_foreign, "ad-privileged-foreign", 0,
    privileged_foreign_evaluate,
    "foreign security principals (other forests, well-known SIDs) "
    "that are transitively members of a tier-0 group");

/* Depth-first search over group nesting; marks groups closing a loop. */
static size_t
find_loops(const struct graph *gr, unsigned char *loop)
{
	unsigned char *color = xcalloc(gr->n ? gr->n : 1, 1);
	size_t *stack = xcalloc(gr->n ? gr->n : 1, sizeof(*stack));
	size_t *pos = xcalloc(gr->n ? gr->n : 1, sizeof(*pos));
	size_t root, sp, i, j, found = 0;
	const struct entry *e;
	long k;

	for (root = 0; root < gr->n; root++) {
		if (color[root])
			continue;
		sp = 0;
		stack[sp++] = root;
		color[root] = 1;
		pos[root] = 0;
		while (sp > 0) {
			i = stack[sp - 1];
			e = gr->g[i].e;
			for (j = pos[i]; j < e->nav; j++)
				if (strcasecmp(e->av[j].name, "member") == 0 &&
				    (k = graph_find(gr, e->av[j].val)) >= 0 &&
				    color[k] != 2)
					break;
			pos[i] = j + 1;
			if (j >= e->nav) {
				color[i] = 2;
				sp--;
				continue;
			}
			k = graph_find(gr, e->av[j].val);
			if (color[k] == 1) {
				if (!loop[k])
					found++;
				loop[k] = 1;
				continue;
			}
			color[k] = 1;
			pos[k] = 0;
			stack[sp++] = (size_t)k;
		}
	}
	free(color);
	free(stack);
	free(pos);
	return found;
}

/* ad-group-loop: no group is (transitively) a member of itself. */
static int
group_loop_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct graph gr;
	unsigned char *loop;
	size_t i, n;

	(void)ck;
	(void)expected;
	if (graph_load(ctx->out, &gr, v) != 0)
		return 0;
	loop = xcalloc(gr.n, 1);
	n = find_loops(&gr, loop);
	for (i = 0; i < gr.n; i++)
		if (loop[i]) {
			observe(v, "%s", ent_label(gr.g[i].e));
			evidence(v, "%s", gr.g[i].e->dn);
		}
	verdict(v, n ? RP_ST_FAIL : RP_ST_PASS, NULL);
	free(loop);
	graph_free(&gr);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_group_loop, "ad-group-loop", 0, group_loop_evaluate,
    "no group is, through nesting, a member of itself");

/* ------------------------------------------------------------------ */
/* SID history, delegation                                             */

/* Why a SID in sIDHistory is dangerous, or NULL. */
static const char *
sidhistory_danger(const struct rp_sid *h, const struct rp_sid *own)
{
	struct rp_sid dom, odom;
	uint32_t rid = rp_sid_rid(h);

	if (!rp_sid_is_domain_account(h))
		return "well-known or builtin SID";
	if (rid < 1000)
		return "privileged RID";
	if (own != NULL && rp_sid_domain(h, &dom) == 0 &&
	    rp_sid_domain(own, &odom) == 0 && rp_sid_eq(&dom, &odom))
		return "SID of this same domain";
	return NULL;
}

/* ad-sidhistory: sIDHistory values that grant privileges. */
static int
sidhistory_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct entries es;
	struct rp_sid h, own;
	char s[RP_SID_STR_MAX];
	const char *why, *wk;
	size_t i, j, bad = 0;
	int has_own;

	(void)ck;
	(void)expected;
	if (load_or_error(ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++) {
		has_own = ent_sid(&es.e[i], "objectSid", &own) == 0;
		for (j = 0; j < es.e[i].nav; j++) {
			if (strcasecmp(es.e[i].av[j].name, "sIDHistory") != 0)
				continue;
			if (rp_sid_parse(es.e[i].av[j].val, es.e[i].av[j].len,
			    &h, NULL) != 0) {
				observe(v, "%s: unreadable sIDHistory value",
				    ent_label(&es.e[i]));
				bad++;
				continue;
			}
			if ((why = sidhistory_danger(&h, has_own ? &own :
			    NULL)) == NULL)
				continue;
			wk = rp_sid_name(&h);
			observe(v, "%s: %s%s%s%s (%s)", ent_label(&es.e[i]),
			    rp_sid_str(&h, s), wk ? " [" : "", wk ? wk : "",
			    wk ? "]" : "", why);
			evidence(v, "%s", es.e[i].dn);
			bad++;
		}
	}
	verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_sidhistory, "ad-sidhistory", 0, sidhistory_evaluate,
    "sIDHistory values with a privileged RID (< 1000), a "
    "well-known or builtin SID, or a SID of the account's own domain");

/* The host part of an SPN "service/host[:port][/name]". */
static void
spn_host(const char *spn, char *buf, size_t len)
{
	const char *s = strchr(spn, '/'), *e;
	size_t n;

	s = s ? s + 1 : spn;
	for (e = s; *e != '\0' && *e != ':' && *e != '/'; e++)
		;
	n = (size_t)(e - s);
	if (n >= len)
		n = len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/* Does host name one of the DCs (dNSHostName, or its short name)? */
static int
host_is_dc(const struct entries *dcs, const char *host)
{
	const char *dns, *sam;
	size_t i, l;

	for (i = 0; i < dcs->n; i++) {
		dns = ent_str(&dcs->e[i], "dNSHostName");
		sam = ent_str(&dcs->e[i], "sAMAccountName");
		if (dns != NULL && strcasecmp(dns, host) == 0)
			return 1;
		if (dns != NULL && (l = strcspn(dns, ".")) == strlen(host) &&
		    strncasecmp(dns, host, l) == 0)
			return 1;
		if (sam != NULL && (l = strlen(sam)) > 1 && sam[l - 1] == '$' &&
		    l - 1 == strlen(host) && strncasecmp(sam, host, l - 1) == 0)
			return 1;
	}
	return 0;
}

/* ad-delegation-to-dc: constrained delegation to a service of a DC. */
static int
delegation_dc_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct entries es, dcs;
	char host[256];
	size_t i, j, bad = 0;

	(void)expected;
	if (also_load(ctx, ck, 0, &dcs, v) != 0)
		return 0;
	if (dcs.n == 0) {
		entries_free(&dcs);
		return verdict(v, RP_ST_ERROR, "no domain controller returned: "
		    "computer objects are not readable with this account");
	}
	if (load_or_error(ctx->out, &es, v) == 0) {
		for (i = 0; i < es.n; i++)
			for (j = 0; j < es.e[i].nav; j++) {
				if (strcasecmp(es.e[i].av[j].name,
				    "msDS-AllowedToDelegateTo") != 0)
					continue;
				spn_host(es.e[i].av[j].val, host, sizeof(host));
				if (!host_is_dc(&dcs, host))
					continue;
				observe(v, "%s -> %s", ent_label(&es.e[i]),
				    es.e[i].av[j].val);
				evidence(v, "%s", es.e[i].dn);
				bad++;
			}
		verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
		entries_free(&es);
	}
	entries_free(&dcs);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_delegation_dc, "ad-delegation-to-dc", 1,
    delegation_dc_evaluate,
    "msDS-AllowedToDelegateTo values naming a domain controller "
    "(also: the DC computer objects)");

static void
sid_label(const struct rp_sid *sid, char *buf, size_t len)
{
	char s[RP_SID_STR_MAX];
	const char *wk = rp_sid_name(sid);

	if (wk != NULL)
		snprintf(buf, len, "%s (%s)", wk, rp_sid_str(sid, s));
	else
		snprintf(buf, len, "%s", rp_sid_str(sid, s));
}

/*
 * ad-rbcd: resource-based constrained delegation; the SD in
 * msDS-AllowedToActOnBehalfOfOtherIdentity names who may impersonate
 * users to the object. Every one is listed; any is a finding.
 */
static int
rbcd_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	const char *attr = "msDS-AllowedToActOnBehalfOfOtherIdentity";
	struct entries es;
	struct rp_secdesc sd;
	const struct av *a;
	char lab[300], *cause = NULL;
	size_t i, j, bad = 0;

	(void)ck;
	(void)expected;
	if (load_or_error(ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++) {
		if ((a = ent_attr(&es.e[i], attr)) == NULL)
			continue;
		bad++;
		evidence(v, "%s", es.e[i].dn);
		if (rp_secdesc_parse(a->val, a->len, &sd, &cause) != 0) {
			observe(v, "%s: unreadable descriptor (%s)",
			    ent_label(&es.e[i]), cause);
			free(cause);
			cause = NULL;
			continue;
		}
		for (j = 0; j < sd.naces; j++) {
			if (!rp_ace_is_allow(&sd.aces[j]) ||
			    !sd.aces[j].has_sid)
				continue;
			sid_label(&sd.aces[j].sid, lab, sizeof(lab));
			observe(v, "%s <- %s", ent_label(&es.e[i]), lab);
		}
		rp_secdesc_release(&sd);
	}
	verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_rbcd, "ad-rbcd", 0, rbcd_evaluate,
    "objects with resource-based constrained delegation, and the "
    "principals allowed to delegate to them");

/* ------------------------------------------------------------------ */
/* Security descriptors                                                */

#define SD_ATTR		"nTSecurityDescriptor"
#define SD_GRANT	"grant it Read permissions on the object; rempart " \
			"asks for the DACL only (SD_FLAGS control, 4)"

/* Rights that hand over the object (or the domain) to their holder. */
#define DANGEROUS	(RP_R_GENERIC_ALL | RP_R_GENERIC_WRITE | \
	RP_R_WRITE_DACL | RP_R_WRITE_OWNER | RP_R_WRITE_ALL_PROPS | \
	RP_R_ALL_EXTENDED | RP_R_ALL_VALIDATED | RP_R_ANY_WRITE | \
	RP_R_FORCE_PASSWORD | RP_R_GET_CHANGES_ALL | RP_R_GET_CHANGES_FILT | \
	RP_R_REANIMATE | RP_R_MIGRATE_SIDHIST)
#define DCSYNC		(RP_R_GET_CHANGES_ALL | RP_R_GET_CHANGES_FILT)
#define KEYCRED		(RP_R_WRITE_KEYCRED | RP_R_GENERIC_ALL | \
	RP_R_GENERIC_WRITE | RP_R_WRITE_ALL_PROPS | RP_R_WRITE_DACL | \
	RP_R_WRITE_OWNER)

enum acl_mode {
	ACL_UNTRUSTED,		/* any principal outside the trusted set */
	ACL_BROAD,		/* Everyone, Authenticated Users, ... only */
};

/* SYSTEM, SELF, Enterprise DCs, Creator Owner, Administrators, AO. */
static int
trusted_wellknown(const struct rp_sid *s)
{
	static const uint32_t wk5[] = { 9, 10, 18 };	/* ED, SELF, SYSTEM */
	size_t i;

	if (s->authority == 3 && s->nsub == 1 && s->sub[0] == 0)
		return 1;				/* Creator Owner */
	if (s->authority == 5 && s->nsub == 1)
		for (i = 0; i < sizeof(wk5) / sizeof(wk5[0]); i++)
			if (s->sub[0] == wk5[i])
				return 1;
	/*
	 * Administrators; Account Operators hold full control over accounts
	 * by default (a tier-0 group: AD-PRV-012 wants it empty)
	 */
	return rp_sid_is_builtin(s) && (rp_sid_rid(s) == 544 ||
	    rp_sid_rid(s) == 548);
}

/* Is the principal expected to hold these rights on AD objects? */
static int
trusted_sid(const struct rp_sid *s, unsigned rights)
{
	uint32_t rid = rp_sid_rid(s);

	if (trusted_wellknown(s))
		return 1;
	if (!rp_sid_is_domain_account(s))
		return 0;
	/* Domain Admins, Domain Controllers, Schema and Enterprise Admins */
	if (rid == 512 || rid == 516 || rid == 518 || rid == 519)
		return 1;
	if ((rid == 498 || rid == 521) && (rights & ~(unsigned)(
	    RP_R_GET_CHANGES | RP_R_GET_CHANGES_ALL |
	    RP_R_GET_CHANGES_FILT)) == 0)
		return 1;		/* read-only DCs replicate (tier 0) */
	/* Key Admins, Enterprise Key Admins: key credentials only */
	return (rid == 526 || rid == 527) &&
	    (rights & ~(unsigned)RP_R_WRITE_KEYCRED) == 0;
}

static int
broad_sid(const struct rp_sid *s)
{
	uint32_t rid = rp_sid_rid(s);

	if (s->authority == 1 && s->nsub == 1 && s->sub[0] == 0)
		return 1;				/* Everyone */
	if (s->authority == 5 && s->nsub == 1 && (s->sub[0] == 7 ||
	    s->sub[0] == 11))
		return 1;			/* Anonymous, Authenticated */
	if (rp_sid_is_builtin(s))
		return rid == 545 || rid == 546;	/* Users, Guests */
	return rp_sid_is_domain_account(s) && (rid == 513 || rid == 514 ||
	    rid == 515);
}

/* Is sid one of refs: comma separated SIDs, or RIDs of the domain? */
static int
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

static const char *
object_label(const struct entry *e)
{
	const char *s = ent_str(e, "displayName");

	return s != NULL && *s != '\0' ? s : ent_label(e);
}

struct holder {
	struct rp_sid	sid;
	unsigned	rights;
};

struct acl_scan {
	unsigned	 mask;
	enum acl_mode	 mode;
	const char	*extra;		/* more trusted SIDs (the value) */
	int		 priv_only;	/* only tier-0 objects */
	int		 t0_trusted;	/* tier-0 groups hold rights rightly */
	struct rp_sid	*t0;		/* SIDs of the tier-0 groups */
	size_t		 nt0;
	size_t		 considered, objects, missing, bad;
};

static int
acl_trusted(const struct acl_scan *s, const struct rp_sid *sid,
    unsigned rights)
{
	size_t i;

	if (trusted_sid(sid, rights) || (s->extra != NULL &&
	    sid_in_refs(sid, s->extra)))
		return 1;
	for (i = 0; i < s->nt0; i++)
		if (rp_sid_eq(&s->t0[i], sid))
			return 1;
	return 0;
}

/* Rights of interest per principal on one object; returns the count. */
static size_t
sd_holders(const struct rp_secdesc *sd, const struct acl_scan *s,
    struct holder *h, size_t max)
{
	size_t i, j, n = 0;
	unsigned r;

	for (i = 0; i < sd->naces; i++) {
		const struct rp_ace *a = &sd->aces[i];

		if (!a->has_sid || (r = rp_ace_rights(a) & s->mask) == 0)
			continue;
		if (s->mode == ACL_BROAD ? !broad_sid(&a->sid) :
		    acl_trusted(s, &a->sid, r))
			continue;
		for (j = 0; j < n && !rp_sid_eq(&h[j].sid, &a->sid); j++)
			;
		if (j == n) {
			if (n == max)
				continue;
			h[n].sid = a->sid;
			h[n++].rights = 0;
		}
		h[j].rights |= r;
	}
	return n;
}

/* One object: parse its SD, report the holders. */
static void
acl_entry(struct acl_scan *s, const struct entry *e, struct rp_verdict *v)
{
	const struct av *a = ent_attr(e, SD_ATTR);
	struct rp_secdesc sd;
	struct holder h[64];
	char lab[300], rights[256], *cause = NULL;
	size_t i, n;

	if (a == NULL) {
		s->missing++;
		return;
	}
	s->objects++;
	if (rp_secdesc_parse(a->val, a->len, &sd, &cause) != 0) {
		observe(v, "%s: unreadable security descriptor (%s)",
		    object_label(e), cause);
		free(cause);
		s->missing++;
		return;
	}
	n = sd_holders(&sd, s, h, 64);
	for (i = 0; i < n; i++) {
		sid_label(&h[i].sid, lab, sizeof(lab));
		observe(v, "%s: %s has %s", object_label(e), lab,
		    rp_rights_str(h[i].rights, rights, sizeof(rights)));
		evidence(v, "%s", e->dn);
	}
	s->bad += n;
	rp_secdesc_release(&sd);
}


static int
is_dc_account(const struct entry *e)
{
	long long pg;

	return ent_num(e, "primaryGroupID", &pg) == 0 && (pg == 516 ||
	    pg == 521);
}

/*
 * Scan the security descriptors of the probe's entries for the rights in
 * mask held by principals that mode flags; extra: more trusted SIDs.
 * priv_only: tier-0 objects only; t0_trusted: tier-0 groups are trusted.
 */
static int
acl_common(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    struct rp_verdict *v, unsigned mask, enum acl_mode mode,
    const char *extra, int priv_only, int t0_trusted)
{
	struct acl_scan scan, *s = &scan;
	struct graph gr;
	struct closure c;
	struct entries es;
	size_t i;

	memset(s, 0, sizeof(*s));
	s->mask = mask;
	s->mode = mode;
	s->extra = extra;
	s->priv_only = priv_only;
	s->t0_trusted = t0_trusted;
	memset(&gr, 0, sizeof(gr));
	memset(&c, 0, sizeof(c));
	if ((s->priv_only || s->t0_trusted) &&
	    privileged_setup(ctx, ck, 0, &gr, &c, v) != 0)
		goto out;
	if (s->t0_trusted) {
		s->t0 = xcalloc(gr.n ? gr.n : 1, sizeof(*s->t0));
		for (i = 0; i < gr.n; i++)
			if (c.in[i] && gr.g[i].has_sid)
				s->t0[s->nt0++] = gr.g[i].sid;
	}
	if (load_or_error(ctx->out, &es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++) {
		if (s->priv_only && !closure_has(&gr, &c, &es.e[i]) &&
		    !is_dc_account(&es.e[i]))
			continue;
		s->considered++;
		acl_entry(s, &es.e[i], v);
	}
	if (s->bad > 0) {
		verdict(v, RP_ST_FAIL, NULL);
		if (s->missing > 0)
			v->reason = xasprintf("besides, %zu object(s) without "
			    "a readable security descriptor", s->missing);
	} else if (s->considered == 0)
		verdict(v, RP_ST_ERROR, "no object returned: not readable "
		    "with this account (%s)", SD_GRANT);
	else if (s->missing > 0)
		verdict(v, RP_ST_ERROR, "%zu of %zu object(s) returned without "
		    "a readable nTSecurityDescriptor: not readable with this "
		    "account (%s)", s->missing, s->considered, SD_GRANT);
	else
		verdict(v, RP_ST_PASS, NULL);
	entries_free(&es);
out:
	free(s->t0);
	s->t0 = NULL;
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

EVALUATE_AS(acl_dcsync_evaluate, acl_common(ctx, ck, v, DCSYNC,
    ACL_UNTRUSTED, expected, 0, 0))

AD_EVALUATOR(rp_eval_ad_acl_dcsync, "ad-acl-dcsync", 0, acl_dcsync_evaluate,
    "principals outside the default set (SYSTEM, Administrators, "
    "Domain/Enterprise Admins, DCs) that may replicate secrets "
    "(DS-Replication-Get-Changes-All, GenericAll...); value: more "
    "trusted SIDs");

EVALUATE_AS(acl_dangerous_evaluate, acl_common(ctx, ck, v, DANGEROUS,
    ACL_UNTRUSTED, expected, 0, ck->nalso > 0))

AD_EVALUATOR(rp_eval_ad_acl_dangerous, "ad-acl-dangerous", 0,
    acl_dangerous_evaluate,
    "dangerous rights (GenericAll, GenericWrite, WriteDacl, "
    "WriteOwner, write member/SPN/msDS-KeyCredentialLink/gPLink..., "
    "force password change, DCSync) held by principals outside the "
    "trusted set; with also (groups): the tier-0 groups are trusted "
    "too; value: more trusted SIDs");

EVALUATE_AS(acl_privileged_evaluate, acl_common(ctx, ck, v, DANGEROUS,
    ACL_UNTRUSTED, expected, 1, 1))

AD_EVALUATOR(rp_eval_ad_acl_privileged, "ad-acl-privileged", 1,
    acl_privileged_evaluate,
    "dangerous rights on the tier-0 objects of the probe (tier-0 "
    "groups and their members, DCs) held by principals outside the "
    "trusted set and the tier-0 groups; also: the group probe");

EVALUATE_AS(acl_broad_evaluate, acl_common(ctx, ck, v, DANGEROUS,
    ACL_BROAD, NULL, 0, 0))

AD_EVALUATOR(rp_eval_ad_acl_broad, "ad-acl-broad", 0, acl_broad_evaluate,
    "dangerous rights granted to Everyone, Anonymous, "
    "Authenticated Users, (Domain) Users, Guests or Domain Computers");

EVALUATE_AS(acl_keycred_evaluate, acl_common(ctx, ck, v, KEYCRED,
    ACL_UNTRUSTED, expected, 1, 1))

AD_EVALUATOR(rp_eval_ad_acl_keycredential, "ad-acl-keycredential", 1,
    acl_keycred_evaluate,
    "principals outside the trusted set (Key Admins included) who "
    "may write msDS-KeyCredentialLink (shadow credentials) on "
    "privileged objects; also: the group probe");

/* ------------------------------------------------------------------ */
/* AD CS: certificate templates, CA certificates, the NTAuth store     */
/*
 * One probe (ad.pki-objects) returns CN=Public Key Services and, below
 * it, the templates, the enrollment services, the certification
 * authorities and NTAuthCertificates. The container itself proves the
 * configuration partition was read: without it every check is an error.
 */

#define PKI_SUPPLIES_SUBJECT	0x00000001u	/* msPKI-Certificate-Name-Flag */
#define PKI_SUPPLIES_SAN	0x00010000u
#define PKI_PEND_ALL		0x00000002u	/* msPKI-Enrollment-Flag */
#define EKU_ANY			"2.5.29.37.0"
#define EKU_AGENT		"1.3.6.1.4.1.311.20.2.1"
#define PKI_MAX_CERT		65536		/* bytes of one cACertificate */

static const struct {
	const char	*oid, *name;
	int		 auth;		/* authenticates a client */
} pki_ekus[] = {
	{ "1.3.6.1.5.5.7.3.2", "Client Authentication", 1 },
	{ "1.3.6.1.4.1.311.20.2.2", "Smart Card Logon", 1 },
	{ "1.3.6.1.5.2.3.4", "PKINIT Client", 1 },
	{ EKU_ANY, "Any Purpose", 1 },
	{ EKU_AGENT, "Certificate Request Agent", 0 },
	{ "1.3.6.1.5.5.7.3.1", "Server Authentication", 0 },
	{ "1.3.6.1.5.5.7.3.4", "Secure Email", 0 },
	{ "1.3.6.1.4.1.311.10.3.4", "Encrypting File System", 0 },
	{ "1.3.6.1.5.5.7.3.3", "Code Signing", 0 },
};

/* Certificate-Enrollment, Certificate-AutoEnrollment */
static const char *const pki_enroll_rights[] = {
	"0e10c968-78fb-11d2-90d4-00c04f79dc55",
	"a05b8cc2-17bc-4802-a710-e7c15ab866a2",
};

static int
ent_has_value(const struct entry *e, const char *attr, const char *val)
{
	size_t i;

	for (i = 0; i < e->nav; i++)
		if (strcasecmp(e->av[i].name, attr) == 0 &&
		    strcasecmp(e->av[i].val, val) == 0)
			return 1;
	return 0;
}

static int
dn_starts(const char *dn, const char *rdn)
{
	size_t n = strlen(rdn);

	return strncasecmp(dn, rdn, n) == 0 && dn[n] == ',';
}

static const char *
pki_name(const struct entry *e, char *buf, size_t len)
{
	const char *s = ent_str(e, "cn");

	if (s != NULL && *s != '\0')
		return s;
	dn_rdn(e->dn, buf, len);
	return buf;
}

/* CN=Public Key Services was returned; else an error verdict. */
static int
pki_readable(const struct entries *es, struct rp_verdict *v)
{
	size_t i;

	for (i = 0; i < es->n; i++)
		if (dn_starts(es->e[i].dn, "CN=Public Key Services"))
			return 0;
	verdict(v, RP_ST_ERROR, "CN=Public Key Services,CN=Services,"
	    "CN=Configuration was not returned: the configuration partition "
	    "is not readable with this account (grant it Read on the "
	    "container; any authenticated user may by default)");
	return -1;
}

/* A 32-bit flag attribute (AD may store it as a negative number). */
static uint32_t
ent_flags(const struct entry *e, const char *attr)
{
	long long n;

	if (ent_num(e, attr, &n) != 0)
		return 0;
	return (uint32_t)(n & 0xffffffffLL);
}

struct tmpl {
	uint32_t	name_flag, enroll_flag;
	long long	ra;
	size_t		neku;
	int		auth, any, agent;
	char		ekus[256];
};

static void
tmpl_read(const struct entry *e, struct tmpl *t)
{
	size_t i, j, n;
	const char *name;

	memset(t, 0, sizeof(*t));
	t->name_flag = ent_flags(e, "msPKI-Certificate-Name-Flag");
	t->enroll_flag = ent_flags(e, "msPKI-Enrollment-Flag");
	if (ent_num(e, "msPKI-RA-Signature", &t->ra) != 0)
		t->ra = 0;
	for (i = 0; i < e->nav; i++) {
		if (strcasecmp(e->av[i].name, "pKIExtendedKeyUsage") != 0 &&
		    strcasecmp(e->av[i].name,
		    "msPKI-Certificate-Application-Policy") != 0)
			continue;
		t->neku++;
		name = e->av[i].val;
		for (j = 0; j < sizeof(pki_ekus) / sizeof(pki_ekus[0]); j++)
			if (strcmp(e->av[i].val, pki_ekus[j].oid) == 0) {
				name = pki_ekus[j].name;
				t->auth |= pki_ekus[j].auth;
				break;
			}
		if (strcmp(e->av[i].val, EKU_ANY) == 0)
			t->any = 1;
		if (strcmp(e->av[i].val, EKU_AGENT) == 0)
			t->agent = 1;
		n = strlen(t->ekus);
		if (strstr(t->ekus, name) == NULL)
			snprintf(t->ekus + n, sizeof(t->ekus) - n, "%s%s",
			    n ? " + " : "", name);
	}
}

/* Does the allow ACE a let its holder enroll (or take the template)? */
static int
ace_enrolls(const struct rp_ace *a)
{
	struct rp_guid g;
	size_t i;

	if (!rp_ace_is_allow(a) || !rp_ace_applies(a) || !a->has_sid)
		return 0;
	if ((a->mask & RP_GENERIC_ALL) ||
	    (a->mask & RP_DS_FULL_CONTROL) == RP_DS_FULL_CONTROL)
		return 1;
	if (!(a->mask & RP_DS_CONTROL_ACCESS))
		return 0;
	if (!a->has_object)
		return 1;			/* every extended right */
	for (i = 0; i < sizeof(pki_enroll_rights) /
	    sizeof(pki_enroll_rights[0]); i++)
		if (rp_guid_parse(pki_enroll_rights[i], &g) == 0 &&
		    rp_guid_eq(&g, &a->object))
			return 1;
	return 0;
}

/* The broad principals that may enroll, into buf; -1: no readable DACL. */
static int
pki_enrollers(const struct entry *e, char *buf, size_t len)
{
	const struct av *a = ent_attr(e, SD_ATTR);
	struct rp_secdesc sd;
	struct rp_sid seen[16];
	char lab[300], *cause = NULL;
	size_t i, j, n = 0, l;

	buf[0] = '\0';
	if (a == NULL)
		return -1;
	if (rp_secdesc_parse(a->val, a->len, &sd, &cause) != 0) {
		free(cause);
		return -1;
	}
	for (i = 0; i < sd.naces; i++) {
		if (!ace_enrolls(&sd.aces[i]) || !broad_sid(&sd.aces[i].sid))
			continue;
		for (j = 0; j < n && !rp_sid_eq(&seen[j], &sd.aces[i].sid);
		    j++)
			;
		if (j < n || n == sizeof(seen) / sizeof(seen[0]))
			continue;
		seen[n++] = sd.aces[i].sid;
		sid_label(&sd.aces[i].sid, lab, sizeof(lab));
		l = strlen(buf);
		snprintf(buf + l, len - l, "%s%s", l ? ", " : "", lab);
	}
	rp_secdesc_release(&sd);
	return (int)n;
}

/* The enrollment services publishing template name, into buf; count. */
static size_t
pki_publishers(const struct entries *es, const char *name, char *buf,
    size_t len)
{
	char tmp[256];
	size_t i, n = 0, l;

	buf[0] = '\0';
	for (i = 0; i < es->n; i++) {
		if (!ent_has_value(&es->e[i], "objectClass",
		    "pKIEnrollmentService") ||
		    !ent_has_value(&es->e[i], "certificateTemplates", name))
			continue;
		l = strlen(buf);
		snprintf(buf + l, len - l, "%s%s", l ? ", " : "",
		    pki_name(&es->e[i], tmp, sizeof(tmp)));
		n++;
	}
	return n;
}

enum esc { ESC1 = 1, ESC2, ESC3 };

/* Does the template have the flaw (enrollment rights aside)? */
static int
tmpl_flawed(const struct tmpl *t, enum esc m, char *what, size_t len)
{
	const char *ekus = t->neku ? t->ekus : "none (any purpose)";

	if ((t->enroll_flag & PKI_PEND_ALL) || t->ra > 0)
		return 0;			/* approval or signatures */
	switch (m) {
	case ESC1:
		if (!(t->name_flag & (PKI_SUPPLIES_SUBJECT |
		    PKI_SUPPLIES_SAN)) || (t->neku > 0 && !t->auth))
			return 0;
		snprintf(what, len, "the enrollee supplies the %s, EKU %s",
		    t->name_flag & PKI_SUPPLIES_SAN ? "subject alternative "
		    "name" : "subject", ekus);
		return 1;
	case ESC2:
		if (t->neku > 0 && !t->any)
			return 0;
		snprintf(what, len, "EKU %s", ekus);
		return 1;
	case ESC3:
		if (!t->agent)
			return 0;
		snprintf(what, len, "EKU %s", ekus);
		return 1;
	}
	return 0;
}

/*
 * ad-adcs-template: templates an enterprise CA publishes that any user
 * may enroll in and that have the flaw the value names (esc1, esc2,
 * esc3), without manager approval or authorized signatures.
 */
static int
adcs_template_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct entries es;
	struct tmpl t;
	enum esc m;
	char who[512], cas[512], what[320], nb[256];
	const char *name;
	size_t i, ntmpl = 0, nca = 0, npub = 0, bad = 0, unread = 0;
	int n;

	(void)ck;
	if (expected != NULL && strcasecmp(expected, "esc1") == 0)
		m = ESC1;
	else if (expected != NULL && strcasecmp(expected, "esc2") == 0)
		m = ESC2;
	else if (expected != NULL && strcasecmp(expected, "esc3") == 0)
		m = ESC3;
	else
		return verdict(v, RP_ST_ERROR, "expected value '%s' is not "
		    "esc1, esc2 or esc3", expected ? expected : "");
	if (load_or_error(ctx->out, &es, v) != 0)
		return 0;
	if (pki_readable(&es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++)
		if (ent_has_value(&es.e[i], "objectClass",
		    "pKIEnrollmentService"))
			nca++;
	for (i = 0; i < es.n; i++) {
		const struct entry *e = &es.e[i];

		if (!ent_has_value(e, "objectClass", "pKICertificateTemplate"))
			continue;
		ntmpl++;
		name = pki_name(e, nb, sizeof(nb));
		if (pki_publishers(&es, name, cas, sizeof(cas)) > 0)
			npub++;
		tmpl_read(e, &t);
		if (!tmpl_flawed(&t, m, what, sizeof(what)))
			continue;
		if ((n = pki_enrollers(e, who, sizeof(who))) < 0) {
			observe(v, "%s: %s, but its DACL is not readable",
			    name, what);
			unread++;
			continue;
		}
		if (n == 0)
			continue;
		if (cas[0] == '\0') {
			observe(v, "%s: %s, %s may enroll, but no enterprise "
			    "CA publishes it (not exploitable while "
			    "unpublished)", name, what, who);
			continue;
		}
		observe(v, "%s (published by %s): %s, %s may enroll", name,
		    cas, what, who);
		evidence(v, "%s", e->dn);
		bad++;
	}
	if (bad > 0) {
		verdict(v, RP_ST_FAIL, NULL);
		if (unread > 0)
			v->reason = xasprintf("besides, %zu template(s) "
			    "without a readable security descriptor", unread);
	} else if (unread > 0)
		verdict(v, RP_ST_ERROR, "%zu template(s) returned without a "
		    "readable nTSecurityDescriptor: not readable with this "
		    "account (%s)", unread, SD_GRANT);
	else {
		observe(v, "%zu certificate template(s), %zu published by "
		    "%zu enterprise CA(s)", ntmpl, npub, nca);
		verdict(v, RP_ST_PASS, NULL);
	}
out:
	entries_free(&es);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_adcs_template, "ad-adcs-template", 0,
    adcs_template_evaluate,
    "AD CS certificate templates published by an enterprise CA, "
    "enrollable by Everyone, Authenticated Users, Domain Users or "
    "Domain Computers, without manager approval or authorized "
    "signatures; value: esc1 (enrollee supplies the subject and an "
    "authentication EKU), esc2 (any purpose or no EKU), esc3 "
    "(Certificate Request Agent)");

/* Subject of x (RFC 2253, control characters escaped) into buf. */
static void
cert_subject(X509 *x, char *buf, size_t len)
{
	BIO *b = BIO_new(BIO_s_mem());
	int n = 0;

	buf[0] = '\0';
	if (b == NULL)
		return;
	if (X509_NAME_print_ex(b, X509_get_subject_name(x), 0,
	    XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0)
		n = BIO_read(b, buf, (int)len - 1);
	buf[n > 0 ? n : 0] = '\0';
	BIO_free(b);
}

/* SHA-1 thumbprint (certutil's "Cert Hash") of len bytes, in hex. */
static void
cert_thumb(const void *der, size_t len, char *buf, size_t blen)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	buf[0] = '\0';
	if (EVP_Digest(der, len, md, &n, EVP_sha1(), NULL) != 1)
		return;
	for (i = 0; i < n && 2 * (size_t)i + 2 < blen; i++)
		snprintf(buf + 2 * i, blen - 2 * i, "%02x", md[i]);
}

static X509 *
cert_parse(const struct av *a)
{
	const unsigned char *p = (const unsigned char *)a->val;

	if (a->len == 0 || a->len > PKI_MAX_CERT)
		return NULL;
	return d2i_X509(NULL, &p, (long)a->len);
}

/* Where a cACertificate sits, for the observed value. */
static void
cert_place(const struct entry *e, char *buf, size_t len)
{
	char nb[256];
	const char *name = pki_name(e, nb, sizeof(nb));

	if (dn_starts(e->dn, "CN=NTAuthCertificates"))
		snprintf(buf, len, "NTAuth store");
	else if (ent_has_value(e, "objectClass", "pKIEnrollmentService"))
		snprintf(buf, len, "enterprise CA %s", name);
	else if (strcasestr(e->dn, ",CN=Certification Authorities,") != NULL)
		snprintf(buf, len, "root CA %s", name);
	else if (strcasestr(e->dn, ",CN=AIA,") != NULL)
		snprintf(buf, len, "CA %s (AIA)", name);
	else
		snprintf(buf, len, "%s", name);
}

/*
 * ROCA (CVE-2017-15361): the RSA keys of Infineon's library have moduli
 * N whose residue modulo each of the small primes below lies in the
 * subgroup generated by 65537 (Nemec et al., CCS 2017, the fingerprint of
 * section 2.3); a random modulus passes all of them with negligible
 * probability. 1: N has the fingerprint; 0: no, or not an RSA key.
 */
static const unsigned roca_primes[] = {
	3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67,
	71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139,
	149, 151, 157, 163, 167,
};

static int
cert_roca(EVP_PKEY *k)
{
	BIGNUM *n = NULL;
	BN_ULONG r;
	unsigned long g, x;
	size_t i;
	int in = 1;

	if (k == NULL || EVP_PKEY_base_id(k) != EVP_PKEY_RSA)
		return 0;
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
	if (EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_N, &n) != 1)
		return 0;
#else
	{
		const BIGNUM *cn = NULL;

		RSA_get0_key(EVP_PKEY_get0_RSA(k), &cn, NULL, NULL);
		if (cn == NULL || (n = BN_dup(cn)) == NULL)
			return 0;
	}
#endif
	for (i = 0; in && i < sizeof(roca_primes) / sizeof(roca_primes[0]);
	    i++) {
		if ((r = BN_mod_word(n, roca_primes[i])) == (BN_ULONG)-1) {
			in = 0;
			break;
		}
		g = 65537UL % roca_primes[i];
		x = 1;
		in = 0;
		do {
			if (x == (unsigned long)r) {
				in = 1;
				break;
			}
			x = x * g % roca_primes[i];
		} while (x != 1);
	}
	BN_free(n);
	return in;
}

/* Why a certificate is weak, into why; 0 if it is not. */
static int
cert_weak(X509 *x, long long minbits, int hashes, int roca, char *why,
    size_t len)
{
	EVP_PKEY *k = X509_get0_pubkey(x);
	int md = NID_undef, pk = NID_undef, n = 0;
	size_t l;

	why[0] = '\0';
	if (roca && cert_roca(k))
		n += snprintf(why, len, "ROCA-vulnerable RSA key "
		    "(CVE-2017-15361)") > 0;
	if (k != NULL && EVP_PKEY_base_id(k) == EVP_PKEY_RSA &&
	    EVP_PKEY_bits(k) < minbits) {
		l = strlen(why);
		n += snprintf(why + l, len - l, "%sRSA key of %d bits",
		    l ? ", " : "", EVP_PKEY_bits(k)) > 0;
	}
	if (k != NULL && EVP_PKEY_base_id(k) == EVP_PKEY_DSA) {
		l = strlen(why);
		n += snprintf(why + l, len - l, "%sDSA key", l ? ", " : "")
		    > 0;
	}
	if (hashes && OBJ_find_sigid_algs(X509_get_signature_nid(x), &md,
	    &pk) == 1 && (md == NID_sha1 || md == NID_sha || md == NID_md5 ||
	    md == NID_md4 || md == NID_md2)) {
		l = strlen(why);
		n += snprintf(why + l, len - l, "%ssigned with %s",
		    l ? ", " : "", OBJ_nid2sn(md)) > 0;
	}
	return n;
}

/*
 * ad-adcs-ca-certs: the cACertificate values of the enterprise CAs, root
 * and AIA CAs and NTAuth. Value: "BITS [hash] [roca]": RSA keys shorter
 * than BITS and DSA keys are weak; with "hash", SHA-1, SHA-0 and MD2/4/5
 * signatures too; with "roca", moduli with the ROCA fingerprint.
 */
static int
adcs_ca_certs_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct entries es;
	char num[16], place[300], subj[512], why[128], thumb[48];
	const char *sp;
	long long minbits;
	int hashes = 0, roca = 0;
	size_t i, j, l, ncert = 0, bad = 0, unread = 0;
	X509 *x;

	(void)ck;
	sp = expected ? strchr(expected, ' ') : NULL;
	l = expected ? (sp ? (size_t)(sp - expected) : strlen(expected)) : 0;
	if (l == 0 || l >= sizeof(num))
		return verdict(v, RP_ST_ERROR, "expected value '%s' is not "
		    "'BITS [hash] [roca]'", expected ? expected : "");
	memcpy(num, expected, l);
	num[l] = '\0';
	if (value_num(num, 512, 16384, &minbits, v) != 0)
		return 0;
	while (sp != NULL && *sp == ' ') {
		sp++;
		l = strcspn(sp, " ");
		if (l == 4 && strncmp(sp, "hash", 4) == 0)
			hashes = 1;
		else if (l == 4 && strncmp(sp, "roca", 4) == 0)
			roca = 1;
		else
			return verdict(v, RP_ST_ERROR, "expected value '%s' "
			    "is not 'BITS [hash] [roca]'", expected);
		sp += l;
	}
	if (load_or_error(ctx->out, &es, v) != 0)
		return 0;
	if (pki_readable(&es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++) {
		const struct entry *e = &es.e[i];

		for (j = 0; j < e->nav; j++) {
			if (strcasecmp(e->av[j].name, "cACertificate") != 0)
				continue;
			ncert++;
			cert_place(e, place, sizeof(place));
			if ((x = cert_parse(&e->av[j])) == NULL) {
				observe(v, "%s: a certificate that cannot be "
				    "parsed (%zu bytes)", place, e->av[j].len);
				evidence(v, "%s", e->dn);
				unread++;
				continue;
			}
			if (cert_weak(x, minbits, hashes, roca, why,
			    sizeof(why))) {
				cert_subject(x, subj, sizeof(subj));
				cert_thumb(e->av[j].val, e->av[j].len, thumb,
				    sizeof(thumb));
				observe(v, "%s: %s (SHA-1 %s): %s", place,
				    subj, thumb, why);
				evidence(v, "%s", e->dn);
				bad++;
			}
			X509_free(x);
		}
	}
	if (bad > 0) {
		verdict(v, RP_ST_FAIL, NULL);
		if (unread > 0)
			v->reason = xasprintf("besides, %zu certificate(s) "
			    "that cannot be parsed", unread);
	} else if (unread > 0)
		verdict(v, RP_ST_ERROR, "%zu of %zu CA certificate(s) cannot "
		    "be parsed", unread, ncert);
	else {
		if (ncert == 0)
			observe(v, "no CA certificate in the configuration "
			    "partition (no AD CS)");
		else
			observe(v, "%zu CA certificate(s) examined", ncert);
		verdict(v, RP_ST_PASS, NULL);
	}
out:
	entries_free(&es);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_adcs_ca_certs, "ad-adcs-ca-certs", 0,
    adcs_ca_certs_evaluate,
    "CA certificates (enterprise, root, AIA CAs and NTAuth) with an "
    "RSA key shorter than the value's bits or a DSA key; value: "
    "\"BITS [hash] [roca]\", with hash SHA-1/SHA-0/MD5/MD4/MD2 "
    "signatures too, with roca moduli with the ROCA fingerprint");

/* Is thumb (hex) one of the value's thumbprints (white space separated)? */
static int
thumb_listed(const char *list, const char *thumb)
{
	const char *p = list;
	size_t n = strlen(thumb), l;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		for (l = 0; p[l] != '\0' && p[l] != ' ' && p[l] != ','; l++)
			;
		if (l == n && n > 0 && strncasecmp(p, thumb, n) == 0)
			return 1;
		p += l;
	}
	return 0;
}

/* The enterprise CA whose certificate (or subject) this is; NULL. */
static const char *
ntauth_owner(const struct entries *es, const struct av *c, X509 *x,
    int *same_cert, char *nb, size_t nlen)
{
	const struct entry *e;
	X509 *y;
	size_t i, j;
	const char *found = NULL;

	*same_cert = 0;
	for (i = 0; i < es->n; i++) {
		e = &es->e[i];
		if (!ent_has_value(e, "objectClass", "pKIEnrollmentService"))
			continue;
		for (j = 0; j < e->nav; j++) {
			if (strcasecmp(e->av[j].name, "cACertificate") != 0)
				continue;
			if (e->av[j].len == c->len &&
			    memcmp(e->av[j].val, c->val, c->len) == 0) {
				*same_cert = 1;
				return pki_name(e, nb, nlen);
			}
			if (x == NULL || found != NULL ||
			    (y = cert_parse(&e->av[j])) == NULL)
				continue;
			if (X509_NAME_cmp(X509_get_subject_name(x),
			    X509_get_subject_name(y)) == 0)
				found = pki_name(e, nb, nlen);
			X509_free(y);
		}
	}
	return found;
}

/*
 * ad-adcs-ntauth: every certificate of the NTAuth store is that of an
 * enterprise CA of the forest (or has the subject of one: a renewed CA),
 * or its SHA-1 thumbprint is in the value. Lists the enterprise CAs.
 */
static int
adcs_ntauth_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct entries es;
	const struct entry *nt = NULL, *e;
	char subj[512], thumb[48], nb[256], host[256];
	const char *owner, *s;
	size_t i, j, k, ncert = 0, bad = 0;
	int same;
	X509 *x;

	(void)ck;
	if (load_or_error(ctx->out, &es, v) != 0)
		return 0;
	if (pki_readable(&es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++) {
		e = &es.e[i];
		if (dn_starts(e->dn, "CN=NTAuthCertificates"))
			nt = e;
		if (!ent_has_value(e, "objectClass", "pKIEnrollmentService"))
			continue;
		s = ent_str(e, "dNSHostName");
		snprintf(host, sizeof(host), "%s", s ? s : "?");
		for (j = k = 0; j < e->nav; j++)
			if (strcasecmp(e->av[j].name,
			    "certificateTemplates") == 0)
				k++;
		observe(v, "enterprise CA %s on %s publishes %zu template(s)",
		    pki_name(e, nb, sizeof(nb)), host, k);
	}
	if (nt == NULL) {
		observe(v, "no NTAuth store: no CA is trusted for logon");
		verdict(v, RP_ST_PASS, NULL);
		goto out;
	}
	for (j = 0; j < nt->nav; j++) {
		if (strcasecmp(nt->av[j].name, "cACertificate") != 0)
			continue;
		ncert++;
		x = cert_parse(&nt->av[j]);
		if (x != NULL)
			cert_subject(x, subj, sizeof(subj));
		else
			snprintf(subj, sizeof(subj), "a certificate that "
			    "cannot be parsed");
		cert_thumb(nt->av[j].val, nt->av[j].len, thumb,
		    sizeof(thumb));
		owner = ntauth_owner(&es, &nt->av[j], x, &same, nb,
		    sizeof(nb));
		X509_free(x);
		if (owner != NULL && same)
			observe(v, "NTAuth: %s (SHA-1 %s), enterprise CA %s",
			    subj, thumb, owner);
		else if (owner != NULL)
			observe(v, "NTAuth: %s (SHA-1 %s), another "
			    "certificate with the subject of enterprise CA %s "
			    "(renewed? compare with certutil -ca.cert)", subj,
			    thumb, owner);
		else if (expected != NULL && thumb_listed(expected, thumb))
			observe(v, "NTAuth: %s (SHA-1 %s), listed as trusted",
			    subj, thumb);
		else {
			observe(v, "NTAuth: %s (SHA-1 %s) is the certificate "
			    "of no enterprise CA of the forest", subj, thumb);
			evidence(v, "%s", nt->dn);
			bad++;
		}
	}
	if (ncert == 0)
		observe(v, "the NTAuth store is empty");
	verdict(v, bad > 0 ? RP_ST_FAIL : RP_ST_PASS, NULL);
out:
	entries_free(&es);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_adcs_ntauth, "ad-adcs-ntauth", 0,
    adcs_ntauth_evaluate,
    "certificates of the NTAuth store that are not those of an "
    "enterprise CA of the forest; value: SHA-1 thumbprints of "
    "documented third-party CAs");

/* ------------------------------------------------------------------ */
/* dMSA: who may create delegated managed service accounts              */

#define DMSA_CLASS	"0feb936f-47b3-49f2-9386-1dedc2c23765"
#define OU_CLASS	"bf967aa5-0de6-11d0-a285-00aa003049e2"
#define DMSA_BUILD	26100		/* Windows Server 2025 */

static int
guid_is(const struct rp_guid *g, const char *s)
{
	struct rp_guid x;

	return rp_guid_parse(s, &x) == 0 && rp_guid_eq(&x, g);
}

/* What an ACE lets its holder do towards a dMSA, into buf; 0: nothing. */
static int
dmsa_rights(const struct rp_ace *a, char *buf, size_t len)
{
	int all = !a->has_inherited, to_dmsa, to_ou;
	size_t l;

	buf[0] = '\0';
	if (!rp_ace_is_allow(a) || !a->has_sid ||
	    (a->flags & RP_ACE_INHERITED))
		return 0;
	to_dmsa = a->has_inherited && guid_is(&a->inherited, DMSA_CLASS);
	to_ou = a->has_inherited && guid_is(&a->inherited, OU_CLASS);
	if ((a->mask & RP_GENERIC_ALL) ||
	    (a->mask & RP_DS_FULL_CONTROL) == RP_DS_FULL_CONTROL) {
		if (all || to_dmsa || to_ou)
			snprintf(buf, len, "GenericAll");
		return buf[0] != '\0';
	}
	if ((a->mask & RP_WRITE_DAC) && (all || to_dmsa || to_ou))
		snprintf(buf, len, "WriteDacl");
	if ((a->mask & RP_WRITE_OWNER) && (all || to_dmsa || to_ou)) {
		l = strlen(buf);
		snprintf(buf + l, len - l, "%sWriteOwner", l ? "|" : "");
	}
	if ((a->mask & RP_DS_CREATE_CHILD) && (all || to_ou) &&
	    (!a->has_object || guid_is(&a->object, DMSA_CLASS) ||
	    guid_is(&a->object, OU_CLASS))) {
		l = strlen(buf);
		snprintf(buf + l, len - l, "%sCreateChild(%s)", l ? "|" : "",
		    !a->has_object ? "all classes" :
		    guid_is(&a->object, DMSA_CLASS) ?
		    "msDS-DelegatedManagedServiceAccount" :
		    "organizationalUnit");
	}
	if (to_dmsa && !a->has_object && (a->mask & (RP_GENERIC_WRITE |
	    RP_DS_WRITE_PROP))) {
		l = strlen(buf);
		snprintf(buf + l, len - l, "%sWrite(all properties of "
		    "descendant dMSAs)", l ? "|" : "");
	}
	return buf[0] != '\0';
}

/* Build of a DC's operatingSystemVersion ("10.0 (26100)"), or 0. */
static long long
dc_build(const struct entry *e)
{
	const char *s = ent_str(e, "operatingSystemVersion"), *p;
	char num[16];
	long long b;
	size_t n;

	if (s == NULL || (p = strchr(s, '(')) == NULL)
		return 0;
	for (n = 0; n + 1 < sizeof(num) && isdigit((unsigned char)p[1 + n]);
	    n++)
		num[n] = p[1 + n];
	num[n] = '\0';
	return n > 0 && rp_strtonum(num, 0, 1000000, &b) == 0 ? b : 0;
}

/*
 * ad-dmsa-create: principals outside the trusted set and the tier-0 groups
 * (also[0]: the group probe) that may create or take over dMSAs in an OU or
 * at the domain head; fails only when a DC of also[1] runs Windows Server
 * 2025 or later.
 */
static int
dmsa_create_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct graph gr;
	struct closure c;
	struct entries es, dcs;
	struct rp_secdesc sd;
	struct rp_sid *t0 = NULL;
	const struct av *a;
	char what[160], lab[300], *cause = NULL;
	const char *new_dc = NULL;
	size_t i, j, k, nt0 = 0, considered = 0, missing = 0, bad = 0;
	int trusted;

	(void)expected;
	memset(&gr, 0, sizeof(gr));
	memset(&c, 0, sizeof(c));
	memset(&es, 0, sizeof(es));
	memset(&dcs, 0, sizeof(dcs));
	if (privileged_setup(ctx, ck, 0, &gr, &c, v) != 0)
		goto out;
	if (also_load(ctx, ck, 1, &dcs, v) != 0)
		goto out;
	if (dcs.n == 0) {
		verdict(v, RP_ST_ERROR, "probe '%s' returned no domain "
		    "controller", ck->also[1]);
		goto out;
	}
	for (i = 0; i < dcs.n && new_dc == NULL; i++)
		if (dc_build(&dcs.e[i]) >= DMSA_BUILD)
			new_dc = ent_label(&dcs.e[i]);
	t0 = xcalloc(gr.n ? gr.n : 1, sizeof(*t0));
	for (i = 0; i < gr.n; i++)
		if (c.in[i] && gr.g[i].has_sid)
			t0[nt0++] = gr.g[i].sid;
	if (load_or_error(ctx->out, &es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++) {
		const struct entry *e = &es.e[i];

		if (strncasecmp(e->dn, "CN=", 3) == 0 ||
		    strcasestr(e->dn, "CN=System,DC=") != NULL)
			continue;
		considered++;
		if ((a = ent_attr(e, SD_ATTR)) == NULL ||
		    rp_secdesc_parse(a->val, a->len, &sd, &cause) != 0) {
			free(cause);
			cause = NULL;
			missing++;
			continue;
		}
		for (j = 0; j < sd.naces; j++) {
			const struct rp_ace *ace = &sd.aces[j];

			if (!dmsa_rights(ace, what, sizeof(what)))
				continue;
			trusted = trusted_sid(&ace->sid, RP_R_GENERIC_ALL);
			for (k = 0; k < nt0 && !trusted; k++)
				trusted = rp_sid_eq(&t0[k], &ace->sid);
			if (trusted)
				continue;
			sid_label(&ace->sid, lab, sizeof(lab));
			observe(v, "%s: %s has %s", e->dn, lab, what);
			evidence(v, "%s", e->dn);
			bad++;
		}
		rp_secdesc_release(&sd);
	}
	if (bad > 0 && new_dc != NULL) {
		observe(v, "%s runs Windows Server 2025 or later: dMSAs can be "
		    "used", new_dc);
		verdict(v, RP_ST_FAIL, NULL);
		if (missing > 0)
			v->reason = xasprintf("besides, %zu object(s) without "
			    "a readable security descriptor", missing);
	} else if (considered == 0)
		verdict(v, RP_ST_ERROR, "no OU or domain head returned: not "
		    "readable with this account (%s)", SD_GRANT);
	else if (missing > 0)
		verdict(v, RP_ST_ERROR, "%zu of %zu OU(s) returned without a "
		    "readable nTSecurityDescriptor: not readable with this "
		    "account (%s)", missing, considered, SD_GRANT);
	else {
		if (bad > 0)
			observe(v, "no DC runs Windows Server 2025 (build %d): "
			    "these delegations become exploitable when one is "
			    "added", DMSA_BUILD);
		else
			observe(v, "%zu OU(s) and domain head examined",
			    considered);
		verdict(v, RP_ST_PASS, NULL);
	}
out:
	free(t0);
	entries_free(&es);
	entries_free(&dcs);
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_dmsa_create, "ad-dmsa-create", 2,
    dmsa_create_evaluate,
    "principals outside the trusted set and the tier-0 groups who may "
    "create or take over delegated managed service accounts in an OU "
    "(BadSuccessor); fails only with a Windows Server 2025 DC; also: "
    "the group probe, the DC probe");

/* ------------------------------------------------------------------ */
/* DNS zones stored in the directory                                   */

#define DNS_PROP_ALLOW_UPDATE	0x02	/* DSPROPERTY_ZONE_ALLOW_UPDATE */
#define DNS_UPDATE_NONSECURE	1

static uint32_t
dns_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* A zone's ALLOW_UPDATE (0 none, 1 nonsecure, 2 secure only), or -1. */
static int
dns_allow_update(const struct entry *e)
{
	const unsigned char *p;
	uint32_t dlen;
	size_t i;

	for (i = 0; i < e->nav; i++) {
		if (strcasecmp(e->av[i].name, "dNSProperty") != 0 ||
		    e->av[i].len < 21)
			continue;
		p = (const unsigned char *)e->av[i].val;
		dlen = dns_le32(p);
		if (dns_le32(p + 16) == DNS_PROP_ALLOW_UPDATE && dlen >= 1 &&
		    dlen <= e->av[i].len - 20)
			return p[20];
	}
	return -1;
}

/*
 * The domain a zone DN belongs to, as a DNS name: the DC= components
 * after ",CN=MicrosoftDNS,DC=DomainDnsZones," (or ForestDnsZones, or
 * CN=System). "" if the DN is not of that form.
 */
static void
dns_domain_of(const char *dn, char *buf, size_t len)
{
	static const char *const parts[] = {
		",CN=MicrosoftDNS,DC=DomainDnsZones,",
		",CN=MicrosoftDNS,DC=ForestDnsZones,",
		",CN=MicrosoftDNS,CN=System,",
	};
	const char *p = NULL, *q;
	size_t i, n = 0, l;

	buf[0] = '\0';
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]) && p == NULL; i++)
		if ((p = strcasestr(dn, parts[i])) != NULL)
			p += strlen(parts[i]);
	while (p != NULL && strncasecmp(p, "DC=", 3) == 0) {
		p += 3;
		for (q = p; *q != '\0' && *q != ','; q++)
			;
		l = (size_t)(q - p);
		if (n + l + 2 > len)
			break;
		if (n > 0)
			buf[n++] = '.';
		memcpy(buf + n, p, l);
		n += l;
		buf[n] = '\0';
		p = *q == ',' ? q + 1 : NULL;
	}
}

static const char *const dns_partitions[] = {
	"DomainDnsZones", "ForestDnsZones", "CN=System",
};

/*
 * ad-dns-update: AD-integrated zones that allow nonsecure dynamic updates;
 * value "domain": the zone named after the domain and RootDNSServers,
 * "other": every other zone. The check's probe is DomainDnsZones; also:
 * ForestDnsZones and the legacy CN=System zones, each may be absent.
 */
static int
dns_update_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	const struct rp_probe_out *po[3];
	struct entries es[3];
	char name[256], dom[256];
	const char *n;
	size_t i, j, zones = 0, bad = 0;
	int want_domain, is_domain, loaded[3] = { 0, 0, 0 };

	if (expected != NULL && strcmp(expected, "domain") == 0)
		want_domain = 1;
	else if (expected != NULL && strcmp(expected, "other") == 0)
		want_domain = 0;
	else
		return verdict(v, RP_ST_ERROR, "expected value '%s' is not "
		    "domain or other", expected ? expected : "");
	if (ck->nalso < 2)
		return verdict(v, RP_ST_ERROR, "check names no probe 2 in "
		    "<evaluator also=...>");
	po[0] = ctx->out;
	for (i = 1; i < 3; i++) {
		po[i] = ctx->target ? rp_target_probe(ctx->target,
		    ck->also[i - 1]) : NULL;
		if (po[i] != NULL && po[i]->status == RP_PS_NA) {
			observe(v, "no zone in %s (the partition does not "
			    "exist under the domain)", dns_partitions[i]);
			po[i] = NULL;
		} else if ((po[i] = also_probe(ctx, ck, i - 1, v)) == NULL)
			goto out;
	}
	for (i = 0; i < 3; i++) {
		if (po[i] == NULL)
			continue;
		if (load_or_error(po[i], &es[i], v) != 0)
			goto out;
		loaded[i] = 1;
		for (j = 0; j < es[i].n; j++) {
			const struct entry *e = &es[i].e[j];

			zones++;
			if (dns_allow_update(e) != DNS_UPDATE_NONSECURE)
				continue;
			if ((n = ent_str(e, "name")) == NULL) {
				dn_rdn(e->dn, name, sizeof(name));
				n = name;
			}
			dns_domain_of(e->dn, dom, sizeof(dom));
			is_domain = strcasecmp(n, "RootDNSServers") == 0 ||
			    (dom[0] != '\0' && strcasecmp(n, dom) == 0);
			if (is_domain != want_domain)
				continue;
			observe(v, "%s (%s): nonsecure dynamic updates "
			    "allowed", n, dns_partitions[i]);
			evidence(v, "%s", e->dn);
			bad++;
		}
	}
	if (bad > 0)
		verdict(v, RP_ST_FAIL, NULL);
	else if (zones == 0)
		verdict(v, RP_ST_ERROR, "no DNS zone returned under "
		    "CN=MicrosoftDNS: not readable with this account, or the "
		    "DNS is not stored in the directory");
	else {
		observe(v, "%zu zone(s) examined", zones);
		verdict(v, RP_ST_PASS, NULL);
	}
out:
	for (i = 0; i < 3; i++)
		if (loaded[i])
			entries_free(&es[i]);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_dns_update, "ad-dns-update", 2, dns_update_evaluate,
    "AD-integrated DNS zones allowing nonsecure dynamic updates; value: "
    "domain (the domain's zone and RootDNSServers) or other; also: the "
    "ForestDnsZones and legacy CN=System zone probes (may be absent)");

/* ------------------------------------------------------------------ */
/* Read-only DCs: password replication policy                          */

/* The DN of a DN-Binary value ("B:8:0123ABCD:CN=..."), or the value. */
static const char *
dn_binary_dn(const char *v)
{
	const char *p;
	int i;

	if (v[0] != 'B' || v[1] != ':')
		return v;
	for (p = v, i = 0; i < 3 && p != NULL; i++)
		if ((p = strchr(p, ':')) != NULL)
			p++;
	return p != NULL ? p : v;
}

/*
 * Why a group may not be in an RODC's allowed list: a tier-0 group, or a
 * well-known one (RID below 1000 but Allowed RODC Password Replication
 * Group, 571: Domain Users, Domain Computers, Users, Authenticated Users...).
 */
static const char *
rodc_group_bad(const struct graph *gr, const struct closure *c,
    const char *dn, char *lab, size_t len)
{
	struct rp_sid sid;
	char rdn[128];
	long k = graph_find(gr, dn);
	int has = 0;

	dn_rdn(dn, rdn, sizeof(rdn));
	snprintf(lab, len, "%s", rdn);
	if (k >= 0 && c->in[k])
		return "a tier-0 group";
	if (k >= 0 && gr->g[k].has_sid) {
		sid = gr->g[k].sid;
		has = 1;
	} else if (rp_sid_from_str(rdn, strlen(rdn), &sid) == 0)
		has = 1;		/* a foreign security principal */
	if (has && sid.nsub > 0 && rp_sid_rid(&sid) < 1000 &&
	    rp_sid_rid(&sid) != 571) {
		sid_label(&sid, lab, len);
		return "a built-in or well-known group";
	}
	return NULL;
}

/*
 * ad-rodc: value "revealed": privileged accounts (members of the tier-0
 * closure, also[0]) in msDS-RevealedUsers of an RODC (their password is
 * cached there); "allowed": tier-0 or well-known groups in
 * msDS-RevealOnDemandGroup.
 */
static int
rodc_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct graph gr;
	struct closure c;
	struct entries es;
	char lab[300];
	const char *why, *dn;
	size_t i, j, bad = 0, unread = 0, nvals;
	int revealed;
	long k;

	if (expected != NULL && strcmp(expected, "revealed") == 0)
		revealed = 1;
	else if (expected != NULL && strcmp(expected, "allowed") == 0)
		revealed = 0;
	else
		return verdict(v, RP_ST_ERROR, "expected value '%s' is not "
		    "revealed or allowed", expected ? expected : "");
	memset(&gr, 0, sizeof(gr));
	memset(&c, 0, sizeof(c));
	memset(&es, 0, sizeof(es));
	if (privileged_setup(ctx, ck, 0, &gr, &c, v) != 0)
		goto out;
	if (load_or_error(ctx->out, &es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++) {
		const struct entry *e = &es.e[i];

		nvals = 0;
		for (j = 0; j < e->nav; j++) {
			if (strcasecmp(e->av[j].name, revealed ?
			    "msDS-RevealedUsers" : "msDS-RevealOnDemandGroup")
			    != 0)
				continue;
			nvals++;
			dn = dn_binary_dn(e->av[j].val);
			if (revealed) {
				k = graph_find(&gr, dn);
				if (!closure_has_dn(&c, dn) &&
				    !(k >= 0 && c.in[k]))
					continue;
				dn_rdn(dn, lab, sizeof(lab));
				observe(v, "%s: the password of %s is cached",
				    ent_label(e), lab);
			} else {
				if ((why = rodc_group_bad(&gr, &c, dn, lab,
				    sizeof(lab))) == NULL)
					continue;
				observe(v, "%s: may cache the passwords of %s, "
				    "%s", ent_label(e), lab, why);
			}
			evidence(v, "%s", e->dn);
			bad++;
		}
		if (revealed && nvals == 0) {
			/* an RODC always caches its own account's password */
			observe(v, "%s: msDS-RevealedUsers not returned",
			    ent_label(e));
			unread++;
		}
	}
	if (bad > 0) {
		verdict(v, RP_ST_FAIL, NULL);
		if (unread > 0)
			v->reason = xasprintf("besides, %zu RODC(s) whose "
			    "cached passwords are not readable", unread);
	} else if (unread > 0)
		verdict(v, RP_ST_ERROR, "%zu RODC(s) returned without "
		    "msDS-RevealedUsers: not readable with this account (an "
		    "RODC caches at least its own password)", unread);
	else {
		if (es.n == 0)
			observe(v, "no read-only DC");
		verdict(v, RP_ST_PASS, NULL);
	}
out:
	entries_free(&es);
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_rodc, "ad-rodc", 1, rodc_evaluate,
    "read-only DCs: value revealed: privileged accounts whose password "
    "is cached (msDS-RevealedUsers); value allowed: tier-0 or well-known "
    "groups in msDS-RevealOnDemandGroup; also: the group probe");

/* ------------------------------------------------------------------ */
/* Machine passwords of servers and cluster name objects in use        */

static int
is_cluster(const struct entry *e)
{
	size_t i;

	for (i = 0; i < e->nav; i++)
		if (strcasecmp(e->av[i].name, "servicePrincipalName") == 0 &&
		    strncasecmp(e->av[i].val, "MSClusterVirtualServer/", 23)
		    == 0)
			return 1;
	return 0;
}

/*
 * ad-machine-pwd: value "DAYS server|cluster": enabled servers (or
 * cluster name objects) that logged on (lastLogonTimestamp) DAYS or more
 * after their password was last set.
 */
static int
machine_pwd_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct entries es;
	char num[16], d1[16], d2[16];
	const char *sp, *os, *ps;
	long long days, t_pwd, t_logon;
	size_t i, l, n = 0, bad = 0;
	int cluster;

	(void)ck;
	sp = expected ? strchr(expected, ' ') : NULL;
	l = sp ? (size_t)(sp - expected) : 0;
	if (sp == NULL || l == 0 || l >= sizeof(num) ||
	    (strcmp(sp + 1, "server") != 0 && strcmp(sp + 1, "cluster") != 0))
		return verdict(v, RP_ST_ERROR, "expected value '%s' is not "
		    "'DAYS server' or 'DAYS cluster'", expected ? expected : "");
	memcpy(num, expected, l);
	num[l] = '\0';
	if (value_num(num, 1, 36500, &days, v) != 0)
		return 0;
	cluster = strcmp(sp + 1, "cluster") == 0;
	if (load_or_error(ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++) {
		const struct entry *e = &es.e[i];

		os = ent_str(e, "operatingSystem");
		if (cluster ? !is_cluster(e) : (os == NULL ||
		    strcasestr(os, "server") == NULL || is_cluster(e)))
			continue;
		n++;
		ps = ent_str(e, "pwdLastSet");
		if ((t_logon = dir_time(ent_str(e, "lastLogonTimestamp"))) <= 0)
			continue;		/* never logged on: not in use */
		t_pwd = ps != NULL ? dir_time(ps) : 0;
		if (t_pwd > 0 && t_logon - t_pwd < days * DAY)
			continue;
		fmt_day(t_logon, d2, sizeof(d2));
		if (t_pwd > 0) {
			fmt_day(t_pwd, d1, sizeof(d1));
			observe(v, "%s: password set %s, last logon %s (%lld "
			    "days later)", ent_label(e), d1, d2,
			    (t_logon - t_pwd) / DAY);
		} else if (t_pwd == -2)
			observe(v, "%s: pwdLastSet is not a time, last logon "
			    "%s", ent_label(e), d2);
		else
			observe(v, "%s: password never set, last logon %s",
			    ent_label(e), d2);
		evidence(v, "%s", e->dn);
		bad++;
	}
	if (bad > 0)
		verdict(v, RP_ST_FAIL, NULL);
	else {
		observe(v, "%zu %s examined", n, cluster ?
		    "cluster name object(s)" : "server(s)");
		verdict(v, RP_ST_PASS, NULL);
	}
	entries_free(&es);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_machine_pwd, "ad-machine-pwd", 0,
    machine_pwd_evaluate,
    "enabled servers (value \"DAYS server\") or cluster name objects "
    "(\"DAYS cluster\") that logged on DAYS or more after their password "
    "was last set");

/* ------------------------------------------------------------------ */
/* Owners of the tier-0 objects                                        */

/*
 * ad-owner: DCs and tier-0 objects (closure of also[0]) whose owner is
 * not SYSTEM, Administrators, Domain or Enterprise Admins or a tier-0
 * group. The probe asks for the owner (SD_FLAGS 1).
 */
static int
owner_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct graph gr;
	struct closure c;
	struct entries es;
	struct rp_secdesc sd;
	const struct av *a;
	char lab[300], *cause = NULL;
	size_t i, k, considered = 0, missing = 0, bad = 0;
	uint32_t rid;
	int ok;

	(void)expected;
	memset(&gr, 0, sizeof(gr));
	memset(&c, 0, sizeof(c));
	memset(&es, 0, sizeof(es));
	if (privileged_setup(ctx, ck, 0, &gr, &c, v) != 0)
		goto out;
	if (load_or_error(ctx->out, &es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++) {
		const struct entry *e = &es.e[i];

		if (!closure_has(&gr, &c, e) && !is_dc_account(e))
			continue;
		considered++;
		if ((a = ent_attr(e, SD_ATTR)) == NULL ||
		    rp_secdesc_parse(a->val, a->len, &sd, &cause) != 0) {
			free(cause);
			cause = NULL;
			missing++;
			continue;
		}
		if (!sd.has_owner) {
			rp_secdesc_release(&sd);
			missing++;
			continue;
		}
		rid = rp_sid_rid(&sd.owner);
		ok = (sd.owner.authority == 5 && sd.owner.nsub == 1 &&
		    sd.owner.sub[0] == 18) ||
		    (rp_sid_is_builtin(&sd.owner) && rid == 544) ||
		    (rp_sid_is_domain_account(&sd.owner) && (rid == 512 ||
		    rid == 519));
		for (k = 0; k < gr.n && !ok; k++)
			ok = c.in[k] && gr.g[k].has_sid &&
			    rp_sid_eq(&gr.g[k].sid, &sd.owner);
		if (!ok) {
			sid_label(&sd.owner, lab, sizeof(lab));
			observe(v, "%s: owned by %s", ent_label(e), lab);
			evidence(v, "%s", e->dn);
			bad++;
		}
		rp_secdesc_release(&sd);
	}
	if (bad > 0) {
		verdict(v, RP_ST_FAIL, NULL);
		if (missing > 0)
			v->reason = xasprintf("besides, %zu object(s) without "
			    "a readable owner", missing);
	} else if (considered == 0)
		verdict(v, RP_ST_ERROR, "no tier-0 object returned: not "
		    "readable with this account");
	else if (missing > 0)
		verdict(v, RP_ST_ERROR, "%zu of %zu tier-0 object(s) returned "
		    "without a readable owner: not readable with this account "
		    "(rempart asks for the owner only, SD_FLAGS control 1)",
		    missing, considered);
	else {
		observe(v, "%zu tier-0 object(s) examined", considered);
		verdict(v, RP_ST_PASS, NULL);
	}
out:
	entries_free(&es);
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_owner, "ad-owner", 1, owner_evaluate,
    "DCs and tier-0 objects owned by a principal other than SYSTEM, "
    "Administrators, Domain or Enterprise Admins or a tier-0 group "
    "(the probe asks for owners, SD_FLAGS 1); also: the group probe");

/* ------------------------------------------------------------------ */
/* LAPS, fine-grained password policies                                */

static const char *const laps_attrs[] = {
	"ms-Mcs-AdmPwd", "msLAPS-Password", "msLAPS-EncryptedPassword",
	"msLAPS-EncryptedDSRMPassword",
};

/* Which LAPS attributes the schema probe (also[0]) shows; -1: error. */
static int
laps_schema(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    struct entries *schema, struct rp_verdict *v)
{
	if (also_load(ctx, ck, 0, schema, v) != 0)
		return -1;
	if (schema->n == 0) {
		entries_free(schema);
		verdict(v, RP_ST_NA, "LAPS schema absent (neither "
		    "ms-Mcs-AdmPwd nor msLAPS-*): LAPS is not deployed");
		return -1;
	}
	return 0;
}

/* ad-laps-coverage: at least N % of the computers have a LAPS password. */
static int
laps_coverage_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct entries schema, es;
	long long pct;
	size_t i, covered = 0;

	if (value_num(expected, 0, 100, &pct, v) != 0 ||
	    laps_schema(ctx, ck, &schema, v) != 0)
		return 0;
	if (load_or_error(ctx->out, &es, v) == 0) {
		for (i = 0; i < es.n; i++) {
			if (ent_attr(&es.e[i],
			    "ms-Mcs-AdmPwdExpirationTime") != NULL ||
			    ent_attr(&es.e[i],
			    "msLAPS-PasswordExpirationTime") != NULL) {
				covered++;
				continue;
			}
			observe(v, "%s", ent_label(&es.e[i]));
			evidence(v, "%s", es.e[i].dn);
		}
		if (es.n == 0)
			verdict(v, RP_ST_NA, "no enabled workstation or member "
			    "server");
		else if ((long long)(covered * 100) < pct * (long long)es.n)
			verdict(v, RP_ST_FAIL, "%zu of %zu computers have a "
			    "LAPS password (less than %lld %%)", covered, es.n,
			    pct);
		else
			verdict(v, RP_ST_PASS, NULL);
		entries_free(&es);
	}
	entries_free(&schema);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_laps_coverage, "ad-laps-coverage", 1,
    laps_coverage_evaluate,
    "at least N % (value) of the computers have a LAPS password "
    "expiration time (legacy or Windows LAPS); na without the LAPS "
    "schema (also: the schema probe)");

/* Does an ACE let its holder read a LAPS password of child computers? */
static int
laps_reader_ace(const struct rp_ace *a, const struct rp_guid *g, size_t ng)
{
	struct rp_guid computer;
	size_t i;

	if (!rp_ace_is_allow(a) || !a->has_sid)
		return 0;
	rp_guid_parse("bf967a86-0de6-11d0-a285-00aa003049e2", &computer);
	if (a->has_inherited && !rp_guid_eq(&a->inherited, &computer))
		return 0;
	/* inherit-only ACEs count: they are what the computers get */
	if (!a->has_object)
		return (a->mask & (RP_GENERIC_ALL |
		    RP_DS_CONTROL_ACCESS)) != 0 || (a->mask &
		    RP_DS_FULL_CONTROL) == RP_DS_FULL_CONTROL;
	for (i = 0; i < ng; i++)
		if (rp_guid_eq(&a->object, &g[i]))
			return (a->mask & (RP_DS_CONTROL_ACCESS |
			    RP_DS_READ_PROP)) != 0;
	return 0;
}

/* The schemaIDGUIDs of the LAPS password attributes present. */
static size_t
laps_guids(const struct entries *schema, struct rp_guid *g, size_t max)
{
	const struct av *a;
	const char *name;
	size_t i, j, n = 0;

	for (i = 0; i < schema->n && n < max; i++) {
		name = ent_str(&schema->e[i], "lDAPDisplayName");
		a = ent_attr(&schema->e[i], "schemaIDGUID");
		if (name == NULL || a == NULL || a->len != 16)
			continue;
		for (j = 0; j < sizeof(laps_attrs) / sizeof(laps_attrs[0]); j++)
			if (strcasecmp(name, laps_attrs[j]) == 0) {
				memcpy(g[n++].b, a->val, 16);
				break;
			}
	}
	return n;
}

static void
laps_readers_entry(const struct entry *e, const struct rp_guid *g,
    size_t ng, const char *extra, struct rp_verdict *v, size_t *bad,
    size_t *missing)
{
	const struct av *a = ent_attr(e, SD_ATTR);
	struct rp_secdesc sd;
	char lab[300], *cause = NULL;
	size_t j;

	if (a == NULL || rp_secdesc_parse(a->val, a->len, &sd, &cause) != 0) {
		free(cause);
		(*missing)++;
		return;
	}
	for (j = 0; j < sd.naces; j++) {
		const struct rp_ace *ace = &sd.aces[j];

		if (!laps_reader_ace(ace, g, ng) ||
		    trusted_sid(&ace->sid, RP_R_ALL_EXTENDED) ||
		    (extra != NULL && sid_in_refs(&ace->sid, extra)))
			continue;
		sid_label(&ace->sid, lab, sizeof(lab));
		observe(v, "%s: %s", object_label(e), lab);
		evidence(v, "%s", e->dn);
		(*bad)++;
	}
	rp_secdesc_release(&sd);
}

/*
 * ad-laps-readers: who, outside the trusted set and the value's SIDs, may
 * read LAPS passwords of the computers below each container.
 */
static int
laps_readers_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct entries schema, es;
	struct rp_guid g[8];
	size_t i, ng, bad = 0, missing = 0;

	if (laps_schema(ctx, ck, &schema, v) != 0)
		return 0;
	ng = laps_guids(&schema, g, 8);
	entries_free(&schema);
	if (ng == 0)
		return verdict(v, RP_ST_NA, "no LAPS password attribute in the "
		    "schema");
	if (load_or_error(ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++)
		laps_readers_entry(&es.e[i], g, ng, expected, v, &bad,
		    &missing);
	if (bad > 0)
		verdict(v, RP_ST_FAIL, NULL);
	else if (es.n == 0)
		verdict(v, RP_ST_ERROR, "no container returned: not readable "
		    "with this account (%s)", SD_GRANT);
	else if (missing > 0)
		verdict(v, RP_ST_ERROR, "%zu of %zu container(s) without a "
		    "readable nTSecurityDescriptor: not readable with this "
		    "account (%s)", missing, es.n, SD_GRANT);
	else
		verdict(v, RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_laps_readers, "ad-laps-readers", 1,
    laps_readers_evaluate,
    "principals outside the trusted set (and the value's SIDs) "
    "that may read LAPS passwords of the computers below a container; "
    "na without the LAPS schema (also: the schema probe)");

/* One PSO against the minimum length; returns 1 when it is weak. */
static int
pso_weak(const struct entry *e, long long minlen, struct rp_verdict *v)
{
	const char *cx = ent_str(e, "msDS-PasswordComplexityEnabled");
	const char *rv = ent_str(e, "msDS-PasswordReversibleEncryptionEnabled");
	long long len = -1, lock = -1;
	int bad = 0;

	ent_num(e, "msDS-MinimumPasswordLength", &len);
	ent_num(e, "msDS-LockoutThreshold", &lock);
	if (len < minlen) {
		observe(v, "%s: minimum length %lld", ent_label(e), len);
		bad = 1;
	}
	if (lock == 0) {
		observe(v, "%s: no lockout", ent_label(e));
		bad = 1;
	}
	if (cx != NULL && strcasecmp(cx, "TRUE") != 0) {
		observe(v, "%s: complexity off", ent_label(e));
		bad = 1;
	}
	if (rv != NULL && strcasecmp(rv, "TRUE") == 0) {
		observe(v, "%s: reversible encryption", ent_label(e));
		bad = 1;
	}
	if (bad)
		evidence(v, "%s", e->dn);
	return bad;
}

/*
 * ad-pso: every fine-grained password policy has at least N characters,
 * a lockout, complexity, no reversible encryption. None visible is an
 * error: by default only Domain Admins may read them.
 */
static int
pso_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct entries es;
	long long minlen;
	size_t i, bad = 0;

	(void)ck;
	if (value_num(expected, 0, 256, &minlen, v) != 0 ||
	    load_or_error(ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++)
		bad += (size_t)pso_weak(&es.e[i], minlen, v);
	if (es.n == 0)
		verdict(v, RP_ST_ERROR, "no fine-grained password policy "
		    "readable: none exists, or (the default) this account may "
		    "not read them; grant it Read on 'CN=Password Settings "
		    "Container,CN=System' (dsacls \"CN=Password Settings "
		    "Container,CN=System,<domain>\" /I:T /G "
		    "\"<DOMAIN>\\<audit account>:GR\")");
	else
		verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_pso, "ad-pso", 0, pso_evaluate,
    "fine-grained password policies: at least N characters "
    "(value), lockout, complexity, no reversible encryption; none "
    "readable is an error");

/* ------------------------------------------------------------------ */
/* A declarative test that knows an unreadable entry from an absent value */

struct spec {
	enum rp_quant	 quant;
	enum rp_op	 op;
	const char	*value;		/* points into the spec string */
};

/* "[one|all|any|none|count] OP [VALUE]" */
static int
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
		verdict(v, (vals->n == 0) == (sp->op == RP_OP_ABSENT) ?
		    RP_ST_PASS : RP_ST_FAIL, NULL);
	} else if (sp->quant == RP_Q_COUNT) {
		snprintf(n, sizeof(n), "%zu", vals->n);
		observe(v, "%s", n);
		observe_all(vals, v);
		r = rp_op_test(sp->op, n, sp->value, 0, &v->reason);
		v->status = r < 0 ? RP_ST_ERROR : r ? RP_ST_PASS : RP_ST_FAIL;
	} else if (vals->n == 0) {
		if (sp->quant == RP_Q_ONE)
			verdict(v, RP_ST_ERROR, "attribute absent (and no "
			    "default)");
		else
			verdict(v, sp->quant == RP_Q_ANY ? RP_ST_FAIL :
			    RP_ST_PASS, NULL);
	} else
		judge_each(sp, icase, vals, v);
}

/*
 * The values of the check's <read> over the probe; -1 with an error verdict
 * when the probe returned no entry (the base was not readable: grant says
 * what to grant) or the extraction fails.
 */
static int
read_values(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *grant, struct rp_values *vals, struct rp_verdict *v)
{
	struct entries es;
	char *cause = NULL;
	size_t n;

	if (load_or_error(ctx->out, &es, v) != 0)
		return -1;
	n = es.n;
	entries_free(&es);
	if (n == 0) {
		verdict(v, RP_ST_ERROR, "probe '%s' returned no entry: not "
		    "readable with this account (%s)", ctx->out->probe ?
		    ctx->out->probe : "?", grant);
		return -1;
	}
	if (rp_extract(&ck->extract, ctx->out->data, ctx->out->len, vals,
	    &cause) != 0) {
		verdict(v, RP_ST_ERROR, "%s", cause ? cause : "extraction");
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
static int
attr_common(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v, const char *grant)
{
	struct rp_values vals;
	struct spec sp;

	if (!ck->has_extract || spec_parse(expected, &sp) != 0)
		return verdict(v, RP_ST_ERROR, "check needs a <read> and a "
		    "value '[quant] op [expected]' (got '%s')",
		    expected ? expected : "");
	if (read_values(ctx, ck, grant, &vals, v) != 0)
		return 0;
	judge_values(&sp, ck->extract.icase, &vals, v);
	if (vals.truncated && v->status == RP_ST_PASS)
		verdict(v, RP_ST_ERROR, "too many values to judge: output "
		    "capped");
	rp_values_release(&vals);
	return 0;
}

EVALUATE_AS(ad_attr_evaluate, attr_common(ctx, ck, expected, v,
    "grant it Read on the object, as Authenticated Users have by default"))

AD_EVALUATOR(rp_eval_ad_attr, "ad-attr", 0, ad_attr_evaluate,
    "the <read> values against '[quant] op value' (the value); no "
    "entry returned is an error, an absent attribute takes the "
    "<read default>");

EVALUATE_AS(openldap_attr_evaluate, attr_common(ctx, ck, expected, v,
    "for cn=config, add 'by dn.exact=\"<audit DN>\" read' to the olcAccess "
    "of olcDatabase={0}config"))

OL_EVALUATOR(rp_eval_openldap_attr, "openldap-attr", 0, openldap_attr_evaluate,
    "the <read> values against '[quant] op value' (the value); no "
    "entry returned is an error, an absent attribute takes the "
    "<read default>");

/*
 * ad-flags: the first value of the <read> (an integer such as
 * pwdProperties or userAccountControl) has the value's bits set ("set
 * 0x1") or clear ("clear 0x10"). No entry is an error.
 */
static int
flags_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct rp_values vals;
	long long bits, val;
	char *end;
	int set;

	if (expected == NULL || (strncmp(expected, "set ", 4) != 0 &&
	    strncmp(expected, "clear ", 6) != 0) || !ck->has_extract)
		return verdict(v, RP_ST_ERROR, "check needs a <read> and a "
		    "value 'set BITS' or 'clear BITS' (got '%s')",
		    expected ? expected : "");
	set = expected[0] == 's';
	bits = strtoll(expected + (set ? 4 : 6), &end, 0);
	if (*end != '\0' || bits <= 0)
		return verdict(v, RP_ST_ERROR, "bad bits in '%s'", expected);
	if (read_values(ctx, ck, "grant it Read on the object", &vals, v) != 0)
		return 0;
	if (vals.n == 0 || rp_strtonum(vals.v[0], -0x7fffffffffffffffLL,
	    0x7fffffffffffffffLL, &val) != 0)
		verdict(v, RP_ST_ERROR, "'%s' absent or not a number",
		    ck->extract.key ? ck->extract.key : "?");
	else {
		rp_verdict_observe(v, vals.v[0], vals.len[0]);
		verdict(v, ((val & bits) == bits) == set ? RP_ST_PASS :
		    RP_ST_FAIL, NULL);
	}
	rp_values_release(&vals);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_flags, "ad-flags", 0, flags_evaluate,
    "an integer attribute has bits set ('set 0x1') or clear "
    "('clear 0x10'); no entry is an error");

static int
pred_rid(struct run *r, const struct entry *e, char *why, size_t len)
{
	struct rp_sid sid;

	(void)why;
	(void)len;
	return ent_sid(e, "objectSid", &sid) == 0 &&
	    sid_in_refs(&sid, r->value);
}

/* ad-rid: entries whose objectSid has one of the value's RIDs. */
static int
rid_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct run r;

	if (expected == NULL || *expected == '\0')
		return verdict(v, RP_ST_ERROR, "check needs RIDs as its value");
	if (run_init(&r, ctx, ck, v, 0) == 0) {
		r.value = expected;
		run_entries(&r, pred_rid, RP_ST_PASS);
	}
	run_release(&r);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_rid, "ad-rid", 0, rid_evaluate,
    "entries whose objectSid ends with one of the value's RIDs "
    "(e.g. 501: the Guest account) are findings");

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
config_load(const struct rp_probe_out *po, struct entries *es,
    struct rp_verdict *v)
{
	if (load_or_error(po, es, v) != 0)
		return -1;
	if (es->n == 0) {
		entries_free(es);
		verdict(v, RP_ST_ERROR, "%s", OL_GRANT);
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
					observe(v, "%s: rule %zu gives %s to "
					    "everyone", ent_str(db,
					    "olcDatabase"), i,
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
		observe(v, "%s: %s has %s access%s", ent_str(db, "olcDatabase"),
		    whos[i].name, level_name(lv), kind == OL_PASSWORD ?
		    " to userPassword" : "");
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

	if (config_load(ctx->out, &es, v) != 0)
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
			evidence(v, "%s", db->dn);
		bad += n;
	}
	if (dbs == 0 && kind != OL_MONITOR)
		verdict(v, RP_ST_ERROR, "no database configuration readable: "
		    "%s", OL_GRANT);
	else
		verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

EVALUATE_AS(ol_acl_password_evaluate, ol_acl_common(ctx, v, OL_PASSWORD))
EVALUATE_AS(ol_acl_anon_read_evaluate, ol_acl_common(ctx, v, OL_ANON_READ))
EVALUATE_AS(ol_acl_config_evaluate, ol_acl_common(ctx, v, OL_CONFIG))
EVALUATE_AS(ol_monitor_evaluate, ol_acl_common(ctx, v, OL_MONITOR))
EVALUATE_AS(ol_acl_write_evaluate, ol_acl_common(ctx, v, OL_WRITE))

OL_EVALUATOR(rp_eval_openldap_acl_password, "openldap-acl-password", 0,
    ol_acl_password_evaluate,
    "olcAccess of the data databases (then the frontend): neither "
    "anonymous nor any user may compare, search or read userPassword");

OL_EVALUATOR(rp_eval_openldap_acl_anon_read, "openldap-acl-anon-read", 0,
    ol_acl_anon_read_evaluate,
    "olcAccess of the data databases: anonymous may not read "
    "entries");

OL_EVALUATOR(rp_eval_openldap_acl_config, "openldap-acl-config", 0,
    ol_acl_config_evaluate,
    "olcAccess of olcDatabase={0}config: neither anonymous nor any "
    "user may read cn=config");

OL_EVALUATOR(rp_eval_openldap_monitor, "openldap-monitor", 0,
    ol_monitor_evaluate,
    "a monitor database, if any, is not readable by anonymous or "
    "by any user");

OL_EVALUATOR(rp_eval_openldap_acl_write, "openldap-acl-write", 0,
    ol_acl_write_evaluate,
    "no olcAccess rule gives write (or manage) to everyone, "
    "anonymous or any user");

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
		return verdict(v, RP_ST_ERROR, "check needs the accepted "
		    "schemes as its value");
	if (config_load(ctx->out, &es, v) != 0)
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
		observe(v, "%s: olcRootPW stored as %s", ent_str(&es.e[i],
		    "olcDatabase"), sch);
		evidence(v, "%s", es.e[i].dn);
		bad++;
	}
	if (dbs == 0)
		verdict(v, RP_ST_ERROR, "%s", OL_GRANT);
	else
		verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

OL_EVALUATOR(rp_eval_openldap_rootpw, "openldap-rootpw", 0, ol_rootpw_evaluate,
    "every olcRootPW of cn=config is stored with a scheme of the "
    "value's list (the collector keeps the scheme only)");

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
		return verdict(v, RP_ST_ERROR, "check needs the accepted "
		    "schemes as its value");
	if (load_or_error(ctx->out, &es, v) != 0)
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
			observe(v, "%s: %s", rdn, sch);
			evidence(v, "%s", es.e[i].dn);
			bad++;
		}
	if (bad > 0)
		verdict(v, RP_ST_FAIL, "%zu of %zu passwords use another "
		    "scheme", bad, seen);
	else if (seen == 0)
		verdict(v, RP_ST_ERROR, "no userPassword readable with this "
		    "account%s (the ACL hides them, which is right): check the "
		    "schemes on the server (slapcat -a '(userPassword=*)'), or "
		    "grant the audit account read on userPassword for the "
		    "audit ('by dn.exact=\"<audit DN>\" read' in the rule "
		    "protecting it)", own ? " but its own" : "");
	else
		verdict(v, RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

OL_EVALUATOR(rp_eval_openldap_password_schemes, "openldap-password-schemes", 0,
    ol_schemes_evaluate,
    "every userPassword uses a scheme of the value's list; none "
    "readable (the audit account's own aside) is an error");

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
	if (config_load(ctx->out, &es, v) != 0)
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
		observe(v, "%s (%s): %s", ent_str(&es.e[i], "olcDatabase"),
		    ent_str(&es.e[i], "olcSuffix"), has ? "ppolicy without "
		    "olcPPolicyDefault" : "no ppolicy overlay");
		evidence(v, "%s", es.e[i].dn);
		bad++;
	}
	if (dbs == 0)
		verdict(v, RP_ST_ERROR, "no data database readable: %s",
		    OL_GRANT);
	else
		verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

OL_EVALUATOR(rp_eval_openldap_ppolicy_overlay, "openldap-ppolicy-overlay", 0,
    ol_overlay_evaluate,
    "every data database has the ppolicy overlay with a default "
    "policy (olcPPolicyDefault)");

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
			return verdict(v, RP_ST_ERROR, "default policy '%s' "
			    "not readable with this account (grant it read on "
			    "that entry) or missing", def), -1;
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
		return verdict(v, RP_ST_FAIL, "%s is not set", attr), -1;
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
		return verdict(v, RP_ST_ERROR, "check needs <ldap-attr name> "
		    "and a value 'op expected' (got '%s')",
		    expected ? expected : "");
	if (config_load(ctx->out, &es, v) != 0)
		return 0;
	while ((ov = ppolicy_overlay(&es, &from)) != NULL &&
	    ent_attr(ov, "olcPPolicyDefault") == NULL)
		;
	if (ov == NULL)
		verdict(v, RP_ST_NA, "no ppolicy overlay with a default policy "
		    "(see the ppolicy overlay check)");
	else if (ppolicy_value(ctx, ck, ov, val, sizeof(val), v) == 0) {
		observe(v, "%s: %s", ck->extract.key, val);
		r = rp_op_test(sp.op, val, sp.value, ck->extract.icase,
		    &v->reason);
		v->status = r < 0 ? RP_ST_ERROR : r ? RP_ST_PASS : RP_ST_FAIL;
	}
	entries_free(&es);
	return 0;
}

OL_EVALUATOR(rp_eval_openldap_ppolicy, "openldap-ppolicy", 1,
    ol_ppolicy_evaluate,
    "an attribute of the default ppolicy (or olcPPolicy* of the "
    "overlay) against 'op value'; na without the overlay (also: the "
    "pwdPolicy entries)");

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
	    config_load(po, &cfg, v) != 0)
		return 0;
	if (load_or_error(ctx->out, &dse, v) == 0) {
		for (i = 0; i < dse.n; i++)
			for (j = 0; j < dse.e[i].nav; j++)
				if (strcasecmp(dse.e[i].av[j].name,
				    "supportedSASLMechanisms") == 0 &&
				    (strcasecmp(dse.e[i].av[j].val, "PLAIN") ==
				    0 || strcasecmp(dse.e[i].av[j].val,
				    "LOGIN") == 0)) {
					observe(v, "%s", dse.e[i].av[j].val);
					plain++;
				}
		if (dse.n == 0)
			verdict(v, RP_ST_ERROR, "rootDSE not readable");
		else if (plain > 0 && !plain_protected(&cfg))
			verdict(v, RP_ST_FAIL, "offered without 'noplain' or a "
			    "minimum security strength (olcSaslSecProps, "
			    "olcSecurity)");
		else
			verdict(v, RP_ST_PASS, NULL);
		entries_free(&dse);
	}
	entries_free(&cfg);
	return 0;
}

OL_EVALUATOR(rp_eval_openldap_sasl_plain, "openldap-sasl-plain", 1,
    ol_sasl_evaluate,
    "SASL PLAIN/LOGIN offered (rootDSE) only with noplain or a "
    "minimum SSF in cn=config (also: the global configuration)");

/* ------------------------------------------------------------------ */
/* krbtgt reset twice: the key version against an earlier audit        */

#define KRBTGT_GAP	(10 * 3600LL)	/* default maximum ticket lifetime */

/* The krbtgt entry of a probe's entries, or NULL. */
static const struct entry *
krbtgt_entry(const struct entries *es)
{
	const char *s;
	size_t i;

	for (i = 0; i < es->n; i++)
		if ((s = ent_str(&es->e[i], "sAMAccountName")) != NULL &&
		    strcasecmp(s, "krbtgt") == 0)
			return &es->e[i];
	return NULL;
}

/*
 * Judge the key version numbers: kvno then (earlier audit) and now.
 * t_set: the last reset (pwdLastSet); since: when the earlier audit read
 * the account. Returns the status and says why in why.
 */
static enum rp_status
krbtgt_kvno_judge(long long then, long long now, long long t_set,
    long long since, char *why, size_t len)
{
	char day[32], sday[32];

	rp_format_time((time_t)since, sday, sizeof(sday));
	if (now < then) {
		snprintf(why, len, "msDS-KeyVersionNumber went down since the "
		    "earlier audit of %s (%lld, now %lld): the earlier evidence "
		    "is not of this account", sday, then, now);
		return RP_ST_ERROR;
	}
	if (now == then) {
		snprintf(why, len, "not reset since the earlier audit of %s "
		    "(msDS-KeyVersionNumber still %lld)", sday, then);
		return RP_ST_FAIL;
	}
	if (now == then + 1) {
		snprintf(why, len, "reset only once since the earlier audit "
		    "of %s (msDS-KeyVersionNumber %lld, now %lld)", sday, then,
		    now);
		return RP_ST_FAIL;
	}
	rp_format_time((time_t)t_set, day, sizeof(day));
	/* both resets fall between the earlier read and the last reset */
	if (t_set >= 0 && t_set - since < KRBTGT_GAP) {
		snprintf(why, len, "reset %lld times since the earlier audit of "
		    "%s (msDS-KeyVersionNumber %lld, now %lld) but all within "
		    "10 h of it, the last on %s: tickets made with the key of "
		    "the first reset may still be valid", now - then, sday,
		    then, now, day);
		return RP_ST_FAIL;
	}
	snprintf(why, len, "reset %lld times since the earlier audit of %s "
	    "(msDS-KeyVersionNumber %lld, now %lld), the last on %s", now - then,
	    sday, then, now, day);
	return RP_ST_PASS;
}

/*
 * ad-krbtgt-reset: krbtgt's password set after the containment (else
 * detection, else the compromise start) and, with an earlier evidence
 * bundle (--previous DIR), reset at least twice since (its
 * msDS-KeyVersionNumber grew by 2 or more, the last reset 10 h or more
 * after the earlier audit).
 */
static int
krbtgt_reset_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	const struct rp_probe_out *old = NULL;
	const struct rp_incident *inc = ctx->incident;
	struct entries es, eo;
	const struct entry *e, *o;
	const char *ref_what = NULL, *s;
	long long t_set, kv, kv_then;
	time_t ref = 0;
	enum rp_status st = RP_ST_PASS;
	char why[512], when[32], refs[32] = "";

	(void)ck;
	(void)expected;
	if (inc != NULL && inc->compromise_start != 0)
		ref = incident_ref(inc, &ref_what);
	if (ref == 0 && ctx->earlier == NULL)
		return verdict(v, RP_ST_NA, "no incident context given "
		    "(--incident) and no earlier evidence (--previous DIR): "
		    "nothing to compare with");
	if (ctx->earlier != NULL) {
		old = rp_target_probe(ctx->earlier, ctx->out->probe);
		if (old == NULL || old->status != RP_PS_OK || old->data == NULL)
			return verdict(v, RP_ST_ERROR, "the earlier evidence "
			    "has no usable probe '%s' for this target",
			    ctx->out->probe);
	}
	if (load_or_error(ctx->out, &es, v) != 0)
		return 0;
	memset(&eo, 0, sizeof(eo));
	if ((e = krbtgt_entry(&es)) == NULL) {
		verdict(v, RP_ST_ERROR, "probe '%s' returned no krbtgt entry: "
		    "the account is not readable with this account (grant it "
		    "Read on it, as Authenticated Users have by default)",
		    ctx->out->probe);
		goto out;
	}
	evidence(v, "%s", e->dn);
	s = ent_str(e, "pwdLastSet");
	t_set = dir_time(s);
	if (t_set == -2 || (s == NULL && ref != 0)) {
		verdict(v, RP_ST_ERROR, "krbtgt: pwdLastSet %s",
		    s ? "unreadable" : "not returned");
		goto out;
	}
	if (ref != 0) {
		rp_format_time(ref, refs, sizeof(refs));
		if (t_set < (long long)ref) {
			if (t_set < 0)
				snprintf(when, sizeof(when), "never");
			else
				rp_format_time((time_t)t_set, when,
				    sizeof(when));
			observe(v, "krbtgt: password set %s, before the %s "
			    "(%s)", when, ref_what, refs);
			st = RP_ST_FAIL;
		}
	}
	if (ctx->earlier == NULL) {
		if (st == RP_ST_PASS) {
			rp_format_time((time_t)t_set, when, sizeof(when));
			observe(v, "krbtgt: password set %s, after the %s (%s); "
			    "a second reset cannot be proven without an earlier "
			    "evidence bundle (--previous DIR)", when, ref_what,
			    refs);
		}
		verdict(v, st, NULL);
		goto out;
	}
	if (load_or_error(old, &eo, v) != 0)
		goto out;
	if ((o = krbtgt_entry(&eo)) == NULL) {
		verdict(v, RP_ST_ERROR, "the earlier evidence holds no krbtgt "
		    "entry in probe '%s'", old->probe);
		goto out;
	}
	if (ent_num(e, "msDS-KeyVersionNumber", &kv) != 0 ||
	    ent_num(o, "msDS-KeyVersionNumber", &kv_then) != 0) {
		verdict(v, RP_ST_ERROR, "krbtgt: msDS-KeyVersionNumber not "
		    "returned %s", ent_num(e, "msDS-KeyVersionNumber", &kv) ?
		    "now" : "in the earlier evidence");
		goto out;
	}
	switch (krbtgt_kvno_judge(kv_then, kv, t_set,
	    (long long)ctx->earlier_time, why, sizeof(why))) {
	case RP_ST_ERROR:
		verdict(v, RP_ST_ERROR, "krbtgt: %s", why);
		goto out;
	case RP_ST_FAIL:
		st = RP_ST_FAIL;
		break;
	default:
		break;
	}
	observe(v, "krbtgt: %s", why);
	if (ref != 0 && (long long)ctx->earlier_time < (long long)ref)
		observe(v, "the earlier audit precedes the %s: the first reset "
		    "may too", ref_what);
	verdict(v, st, NULL);
out:
	entries_free(&eo);
	entries_free(&es);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_krbtgt_reset, "ad-krbtgt-reset", 0,
    krbtgt_reset_evaluate,
    "krbtgt's pwdLastSet after the incident's containment (else "
    "detection, else start); with an earlier evidence bundle "
    "(--previous DIR), msDS-KeyVersionNumber up by 2 or more since it, "
    "the last reset 10 h or more after it");

/* ------------------------------------------------------------------ */
/* Members added to privileged groups, dated by replication metadata   */

#define VALMETA_ATTR	"msDS-ReplValueMetaData"

/*
 * The text of <tag>...</tag> in one msDS-ReplValueMetaData value (an XML
 * fragment, DS_REPL_VALUE_META_DATA) into buf; 0, or -1 when absent.
 * Entities are left as they are: DNs and times carry none that matter.
 */
static int
valmeta_field(const char *val, size_t len, const char *tag, char *buf,
    size_t blen)
{
	char open[48], close[48];
	const char *p, *q, *end = val + len;
	size_t n;

	snprintf(open, sizeof(open), "<%s>", tag);
	snprintf(close, sizeof(close), "</%s>", tag);
	if ((p = memmem(val, len, open, strlen(open))) == NULL)
		return -1;
	p += strlen(open);
	if ((q = memmem(p, (size_t)(end - p), close, strlen(close))) == NULL)
		return -1;
	n = (size_t)(q - p);
	if (n >= blen)
		n = blen - 1;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return 0;
}

/* A metadata time: -1 for 1601-01-01 (never), -2 when unreadable. */
static long long
valmeta_time(const char *val, size_t len, const char *tag)
{
	char buf[40];
	time_t t;

	if (valmeta_field(val, len, tag, buf, sizeof(buf)) != 0)
		return -2;
	if (strncmp(buf, "1601-01-01T00:00:00", 19) == 0)
		return -1;
	return rp_parse_time(buf, &t) == 0 ? (long long)t : -2;
}

/*
 * One value of attr on the object named label: 1 when it was added, or
 * last changed, in the window [start, end] (why says how), 2 when its
 * last change is after the window (listed for review), 0 when before,
 * -1 when unreadable. member values are named by their DN, others (key
 * credentials) by the attribute. The metadata keeps the first addition
 * and the last change of a value only: a removal in the window followed
 * by an addition after it shows the later one.
 */
static int
valmeta_judge(const struct av *a, const char *attr, long long start,
    long long end, const char *label, char *why, size_t len)
{
	char dn[512], rdn[256], name[64], c[32], d[32], what[300];
	long long created, deleted, changed;

	if (valmeta_field(a->val, a->len, "pszAttributeName", name,
	    sizeof(name)) != 0 ||
	    valmeta_field(a->val, a->len, "pszObjectDn", dn, sizeof(dn)) != 0)
		return -1;
	if (strcasecmp(name, attr) != 0)
		return 0;
	created = valmeta_time(a->val, a->len, "ftimeCreated");
	deleted = valmeta_time(a->val, a->len, "ftimeDeleted");
	changed = valmeta_time(a->val, a->len, "ftimeLastOriginatingChange");
	if (created == -2 || deleted == -2 || changed == -2)
		return -1;
	if (strcasecmp(attr, "member") == 0) {
		dn_rdn(dn, rdn, sizeof(rdn));
		snprintf(what, sizeof(what), "%s", rdn);
	} else
		snprintf(what, sizeof(what), "a %s value", attr);
	if (window_of(created, start, end) == WIN_AFTER) {
		rp_format_time((time_t)created, c, sizeof(c));
		snprintf(why, len, "%s: %s added after the remediation (%s): "
		    "review", label, what, c);
		return 2;
	}
	if (created >= start) {
		rp_format_time((time_t)created, c, sizeof(c));
		if (deleted >= 0) {
			rp_format_time((time_t)deleted, d, sizeof(d));
			snprintf(why, len, "%s: %s added %s, removed %s", label,
			    what, c, d);
		} else
			snprintf(why, len, "%s: %s added %s", label, what, c);
		return 1;
	}
	if (changed < start)
		return 0;
	rp_format_time((time_t)changed, d, sizeof(d));
	if (window_of(changed, start, end) == WIN_AFTER) {
		snprintf(why, len, "%s: %s %s after the remediation (%s): review",
		    label, what, deleted >= 0 ? "removed" : "added again", d);
		return 2;
	}
	snprintf(why, len, "%s: %s %s %s (present since before the compromise "
	    "start)", label, what, deleted >= 0 ? "removed" : "added again", d);
	return 1;
}

/*
 * Values of attr added (or removed, or added again) in the incident
 * window, dated by msDS-ReplValueMetaData (those changed after the
 * remediation listed for review, not findings): on the groups of the main probe
 * in the privileged closure (also[0]: ad.groups) for member, on every
 * object of the probe (each holds attr: its filter says so) otherwise.
 */
static int
valmeta_window(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    struct rp_verdict *v, const char *attr, int priv)
{
	struct run r;
	struct entries es;
	const struct entry *e;
	const struct av *a;
	char why[768];
	size_t i, j, nmeta = 0, nbad = 0, ranged = 0, holders = 0;
	long k;
	int x;

	if (run_init(&r, ctx, ck, v, priv) != 0 || need_incident(&r, 0) != 0 ||
	    load_or_error(ctx->out, &es, v) != 0) {
		run_release(&r);
		return 0;
	}
	for (i = 0; i < es.n; i++) {
		e = &es.e[i];
		if (priv && ((k = graph_find(&r.gr, e->dn)) < 0 ||
		    !r.priv.in[k]))
			continue;
		if (!priv || ent_attr(r.gr.g[k].e, "member") != NULL)
			holders++;
		for (j = 0; j < e->nav; j++) {
			a = &e->av[j];
			if (strncasecmp(a->name, VALMETA_ATTR ";range=",
			    strlen(VALMETA_ATTR) + 7) == 0)
				ranged++;
			if (strcasecmp(a->name, VALMETA_ATTR) != 0)
				continue;
			nmeta++;
			why[0] = '\0';
			if ((x = valmeta_judge(a, attr, r.ref, r.end,
			    ent_label(e), why, sizeof(why))) < 0)
				nbad++;
			else if (x > 0) {
				observe(v, "%s", why);
				evidence(v, "%s", e->dn);
				if (x == 1)
					r.bad++;
			}
		}
	}
	if (nbad > 0 || ranged > 0)
		verdict(v, RP_ST_ERROR, "%zu %s value%s unreadable%s", nbad +
		    ranged, VALMETA_ATTR, nbad + ranged > 1 ? "s" : "", ranged ?
		    " (an object holds more values than the DC returns at "
		    "once)" : "");
	else if (nmeta == 0 && holders > 0 && ctx->target != NULL &&
	    ctx->target->server != NULL &&
	    strstr(ctx->target->server, "Samba") != NULL)
		verdict(v, RP_ST_NA, "this DC (Samba) does not return %s: when "
		    "each %s value was added is not known", VALMETA_ATTR, attr);
	else if (nmeta == 0 && holders > 0)
		verdict(v, RP_ST_ERROR, "no %s returned for the %s values: the "
		    "DC does not offer it or this account may not read it",
		    VALMETA_ATTR, attr);
	else
		verdict(v, r.bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	run_release(&r);
	return 0;
}

/* ad-privileged-members-window: members of tier-0 groups, by the time. */
EVALUATE_AS(privileged_members_window_evaluate,
    valmeta_window(ctx, ck, v, "member", 1))

/* ad-keycredential-window: shadow credentials, by the time. */
EVALUATE_AS(keycredential_window_evaluate,
    valmeta_window(ctx, ck, v, "msDS-KeyCredentialLink", 0))

AD_EVALUATOR(rp_eval_ad_keycredential_window, "ad-keycredential-window", 0,
    keycredential_window_evaluate,
    "msDS-KeyCredentialLink values (shadow credentials) added to, "
    "removed from or added again to the probe's objects in the incident "
    "window (compromise start .. remediation, or the audit), dated by "
    "msDS-ReplValueMetaData; after the remediation: listed for review; na "
    "without an incident");

AD_EVALUATOR(rp_eval_ad_privileged_members_window,
    "ad-privileged-members-window", 1,
    privileged_members_window_evaluate,
    "members added to (or removed from) a privileged group in the "
    "incident window (compromise start .. remediation, or the audit), "
    "dated by msDS-ReplValueMetaData (also: ad.groups); after the "
    "remediation: listed for review; na without an incident");

/* ------------------------------------------------------------------ */
/* Attributes changed in the window: replPropertyMetaData              */

#define RPMD_ATTR	"replPropertyMetaData"
#define RPMD_HEAD	16
#define RPMD_ENTRY	48
#define RPMD_MAX	4096
#define SECS_1601	11644473600LL

/*
 * Attribute ids (ATTRTYP) of the attributes a check may name: the index of
 * the OID prefix in the schema prefix table, shifted 16 bits left, plus
 * the OID's last arc; the prefixes of the base schema are the same on
 * every DC (2: 1.2.840.113556.1.2, 9: 1.2.840.113556.1.4). Linked
 * attributes (member, msDS-KeyCredentialLink) are dated per value, in
 * msDS-ReplValueMetaData, not here.
 */
static const struct {
	const char	*name;
	uint32_t	 attid;
} rpmd_attrs[] = {
	{ "gPLink", 0x9037b },
	{ "msDS-AllowedToActOnBehalfOfOtherIdentity", 0x90886 },
	{ "msDS-AllowedToDelegateTo", 0x906fb },
	{ "nTSecurityDescriptor", 0x20119 },
	{ "servicePrincipalName", 0x90303 },
	{ "sIDHistory", 0x90261 },
	{ "userAccountControl", 0x90008 },
};

static int
rpmd_attid(const char *name, size_t len, uint32_t *attid)
{
	size_t i;

	for (i = 0; i < sizeof(rpmd_attrs) / sizeof(rpmd_attrs[0]); i++)
		if (strlen(rpmd_attrs[i].name) == len &&
		    strncasecmp(rpmd_attrs[i].name, name, len) == 0) {
			*attid = rpmd_attrs[i].attid;
			return 0;
		}
	return -1;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* How to name an object here: displayName (GPOs), account name, DN. */
static const char *
meta_label(const struct entry *e)
{
	const char *s = ent_str(e, "displayName");

	return s != NULL && *s != '\0' ? s : ent_label(e);
}

struct changed_run {
	const struct rp_eval_ctx	*ctx;
	struct rp_verdict		*v;
	uint32_t			 attids[8];
	const char			*names[8];
	size_t				 nattr;
	long long			 start, end;
	int				 after_only;	/* count later ones */
	size_t				 entries, missing, bad, found;
};

/*
 * Judge one object: created in the window, or its attributes last changed
 * in it; a creation or a change after the remediation is listed for
 * review, not a finding.
 */
static void
changed_entry(struct changed_run *cr, const struct entry *e)
{
	const struct av *a = ent_attr(e, RPMD_ATTR);
	const unsigned char *p;
	long long created = dir_time(ent_str(e, "whenCreated")), t;
	uint32_t n, i, attid, ver;
	size_t k;
	char when[32];
	int w;

	cr->entries++;
	w = created >= 0 ? window_of(created, cr->start, cr->end) : WIN_BEFORE;
	if (w == WIN_AFTER) {
		rp_format_time((time_t)created, when, sizeof(when));
		observe(cr->v, "%s: created after the remediation (%s): review",
		    meta_label(e), when);
		evidence(cr->v, "%s", e->dn);
		if (cr->after_only)
			cr->found++;
		return;
	}
	/* created in the window: a finding, or (after_only) its later changes */
	if (w == WIN_IN && !cr->after_only) {
		rp_format_time((time_t)created, when, sizeof(when));
		observe(cr->v, "%s: created %s (whenCreated), in the incident "
		    "window", meta_label(e), when);
		evidence(cr->v, "%s", e->dn);
		cr->found++;
		return;
	}
	if (a == NULL) {
		cr->missing++;
		return;
	}
	p = (const unsigned char *)a->val;
	if (a->len < RPMD_HEAD || le32(p) != 1 ||
	    (n = le32(p + 8)) > RPMD_MAX ||
	    a->len < RPMD_HEAD + (size_t)n * RPMD_ENTRY) {
		cr->bad++;
		return;
	}
	for (i = 0; i < n; i++) {
		attid = le32(p + RPMD_HEAD + (size_t)i * RPMD_ENTRY);
		ver = le32(p + RPMD_HEAD + (size_t)i * RPMD_ENTRY + 4);
		t = (long long)(le64(p + RPMD_HEAD + (size_t)i * RPMD_ENTRY +
		    8) & 0x7fffffffffffLL) - SECS_1601;
		for (k = 0; k < cr->nattr; k++) {
			if (cr->attids[k] != attid || t < cr->start)
				continue;
			rp_format_time((time_t)t, when, sizeof(when));
			if (window_of(t, cr->start, cr->end) == WIN_AFTER) {
				observe(cr->v, "%s: %s changed after the "
				    "remediation (%s): review", meta_label(e),
				    cr->names[k], when);
				if (cr->after_only)
					cr->found++;
			} else if (cr->after_only)
				continue;
			else {
				observe(cr->v, "%s: %s changed %s (version %u)",
				    meta_label(e), cr->names[k], when, ver);
				cr->found++;
			}
			evidence(cr->v, "%s", e->dn);
		}
	}
}

static int
changed_probe(struct changed_run *cr, const struct rp_probe_out *po)
{
	struct entries es;
	size_t i;

	if (load_or_error(po, &es, cr->v) != 0)
		return -1;
	for (i = 0; i < es.n; i++)
		changed_entry(cr, &es.e[i]);
	entries_free(&es);
	return 0;
}

/*
 * ad-changed-window: objects of the check's probe and of its also= probes
 * created in the incident window (compromise start .. remediation, or the
 * audit), or whose attributes named in the value (space separated) last
 * changed in it, as dated by their replication metadata
 * (replPropertyMetaData); those created or changed after the remediation
 * are listed for review without failing; na without an incident.
 */
static int
changed_window_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct changed_run cr;
	const struct rp_probe_out *po;
	const char *p, *e;
	size_t i;

	memset(&cr, 0, sizeof(cr));
	cr.ctx = ctx;
	cr.v = v;
	if (ctx->incident == NULL || ctx->incident->compromise_start == 0)
		return verdict(v, RP_ST_NA, "no incident context given "
		    "(--incident): nothing to compare with");
	cr.start = (long long)ctx->incident->compromise_start;
	cr.end = window_end(ctx->incident);
	for (p = expected ? expected : ""; *p != '\0'; p = e) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ' '; e++)
			;
		if (cr.nattr == sizeof(cr.attids) / sizeof(cr.attids[0]) ||
		    rpmd_attid(p, (size_t)(e - p), &cr.attids[cr.nattr]) != 0)
			return verdict(v, RP_ST_ERROR, "check value: '%.*s' is "
			    "not an attribute this evaluator dates (at most 8 "
			    "of gPLink, msDS-AllowedToActOnBehalfOfOtherIdentity, "
			    "msDS-AllowedToDelegateTo, nTSecurityDescriptor, "
			    "servicePrincipalName, "
			    "sIDHistory, userAccountControl)",
			    (int)(e - p), p);
		for (i = 0; i < sizeof(rpmd_attrs) / sizeof(rpmd_attrs[0]); i++)
			if (rpmd_attrs[i].attid == cr.attids[cr.nattr])
				cr.names[cr.nattr] = rpmd_attrs[i].name;
		cr.nattr++;
	}
	if (cr.nattr == 0)
		return verdict(v, RP_ST_ERROR, "check value: no attribute "
		    "named");
	evidence_window(v, cr.start, cr.end);
	if (changed_probe(&cr, ctx->out) != 0)
		return 0;
	for (i = 0; i < ck->nalso; i++) {
		if ((po = also_probe(ctx, ck, i, v)) == NULL ||
		    changed_probe(&cr, po) != 0)
			return 0;
	}
	if (cr.bad > 0)
		return verdict(v, RP_ST_ERROR, "%zu %s value%s malformed",
		    cr.bad, RPMD_ATTR, cr.bad > 1 ? "s" : "");
	if (cr.missing > 0)
		return verdict(v, RP_ST_ERROR, "%s not returned for %zu of %zu "
		    "objects: when they changed is not known (grant this account "
		    "Read on them, as Authenticated Users have by default)",
		    RPMD_ATTR, cr.missing, cr.entries);
	return verdict(v, cr.found ? RP_ST_FAIL : RP_ST_PASS, NULL);
}

AD_EVALUATOR(rp_eval_ad_changed_window, "ad-changed-window", 0,
    changed_window_evaluate,
    "objects (the probe's and its also= probes') created in the "
    "incident window (compromise start .. remediation, or the audit), or "
    "whose attributes named in the value last changed in it "
    "(replPropertyMetaData); after the remediation: listed for review; "
    "na without an incident");

/*
 * ad-tier0-since-remediation: what changed in tier 0 after the window
 * [compromise start, remediation]: member values of tier-0 groups (the
 * check's probe, msDS-ReplValueMetaData; also[0]: ad.groups), privileged
 * accounts created (also[1]: the users), and the security descriptors and
 * gPLink of the objects of also[2..] (replPropertyMetaData). Each is for
 * review: the remediation itself, or the attacker back. na without a
 * remediation date (the window then runs to the audit).
 */
static int
tier0_since_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	const struct rp_incident *inc = ctx->incident;
	const struct rp_probe_out *po;
	struct changed_run cr;
	struct run r;
	struct entries es;
	const struct entry *e;
	const struct av *a;
	char why[768], day[32];
	size_t i, j, nmeta = 0, nbad = 0, ranged = 0, holders = 0, found = 0;
	long long t;
	long k;
	int x, samba = 0;

	(void)expected;
	if (inc == NULL || inc->compromise_start == 0)
		return verdict(v, RP_ST_NA, "no incident context given "
		    "(--incident): nothing to compare with");
	if (inc->remediation == 0)
		return verdict(v, RP_ST_NA, "the incident context gives no "
		    "remediation date: nothing after it to review");
	if (ck->nalso < 3)
		return verdict(v, RP_ST_ERROR, "check needs also=\"GROUPS "
		    "USERS SD-PROBE...\"");
	if (run_init(&r, ctx, ck, v, 1) != 0) {
		run_release(&r);
		return 0;
	}
	r.ref = inc->compromise_start;
	r.end = window_end(inc);
	rp_format_time((time_t)r.end, day, sizeof(day));
	evidence(v, "changes after %s (the remediation)", day);
	/* 1. member values of the tier-0 groups */
	if (load_or_error(ctx->out, &es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++) {
		e = &es.e[i];
		if ((k = graph_find(&r.gr, e->dn)) < 0 || !r.priv.in[k])
			continue;
		if (ent_attr(r.gr.g[k].e, "member") != NULL)
			holders++;
		for (j = 0; j < e->nav; j++) {
			a = &e->av[j];
			if (strncasecmp(a->name, VALMETA_ATTR ";range=",
			    strlen(VALMETA_ATTR) + 7) == 0)
				ranged++;
			if (strcasecmp(a->name, VALMETA_ATTR) != 0)
				continue;
			nmeta++;
			if ((x = valmeta_judge(a, "member", r.ref, r.end,
			    ent_label(e), why, sizeof(why))) < 0)
				nbad++;
			else if (x == 2) {
				observe(v, "%s", why);
				evidence(v, "%s", e->dn);
				found++;
			}
		}
	}
	entries_free(&es);
	if (nbad > 0 || ranged > 0) {
		verdict(v, RP_ST_ERROR, "%zu %s value%s unreadable%s", nbad +
		    ranged, VALMETA_ATTR, nbad + ranged > 1 ? "s" : "", ranged ?
		    " (an object holds more values than the DC returns at "
		    "once)" : "");
		goto out;
	}
	if (nmeta == 0 && holders > 0) {
		if (ctx->target == NULL || ctx->target->server == NULL ||
		    strstr(ctx->target->server, "Samba") == NULL) {
			verdict(v, RP_ST_ERROR, "no %s returned for the member "
			    "values: the DC does not offer it or this account "
			    "may not read it", VALMETA_ATTR);
			goto out;
		}
		samba = 1;
	}
	/* 2. privileged accounts created after the remediation */
	if ((po = also_probe(ctx, ck, 1, v)) == NULL ||
	    load_or_error(po, &es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++) {
		e = &es.e[i];
		if (!closure_has(&r.gr, &r.priv, e))
			continue;
		t = dir_time(ent_str(e, "whenCreated"));
		if (t < 0 || window_of(t, r.ref, r.end) != WIN_AFTER)
			continue;
		rp_format_time((time_t)t, day, sizeof(day));
		observe(v, "%s: created after the remediation (%s): review",
		    ent_label(e), day);
		evidence(v, "%s", e->dn);
		found++;
	}
	entries_free(&es);
	/* 3. security descriptors and GPO links */
	memset(&cr, 0, sizeof(cr));
	cr.ctx = ctx;
	cr.v = v;
	cr.start = r.ref;
	cr.end = r.end;
	cr.after_only = 1;
	cr.nattr = 2;
	cr.names[0] = "nTSecurityDescriptor";
	cr.names[1] = "gPLink";
	if (rpmd_attid(cr.names[0], strlen(cr.names[0]), &cr.attids[0]) != 0 ||
	    rpmd_attid(cr.names[1], strlen(cr.names[1]), &cr.attids[1]) != 0)
		goto out;
	for (i = 2; i < ck->nalso; i++)
		if ((po = also_probe(ctx, ck, i, v)) == NULL ||
		    changed_probe(&cr, po) != 0)
			goto out;
	if (cr.bad > 0) {
		verdict(v, RP_ST_ERROR, "%zu %s value%s malformed", cr.bad,
		    RPMD_ATTR, cr.bad > 1 ? "s" : "");
		goto out;
	}
	if (cr.missing > 0) {
		verdict(v, RP_ST_ERROR, "%s not returned for %zu of %zu objects: "
		    "when they changed is not known (grant this account Read on "
		    "them, as Authenticated Users have by default)", RPMD_ATTR,
		    cr.missing, cr.entries);
		goto out;
	}
	found += cr.found;
	if (samba)
		evidence(v, "member changes not dated: this DC (Samba) does "
		    "not return %s", VALMETA_ATTR);
	if (found > 0)
		verdict(v, RP_ST_FAIL, NULL);
	else if (samba)
		verdict(v, RP_ST_ERROR, "this DC (Samba) does not return %s: "
		    "member changes after the remediation are not known (no "
		    "account or ACL changed after it)", VALMETA_ATTR);
	else
		verdict(v, RP_ST_PASS, NULL);
out:
	run_release(&r);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_tier0_since_remediation,
    "ad-tier0-since-remediation", 3, tier0_since_evaluate,
    "tier-0 changes after the incident's remediation, to review: member "
    "values of tier-0 groups (the probe's msDS-ReplValueMetaData; "
    "also: ad.groups), privileged accounts created (also: the users), "
    "nTSecurityDescriptor and gPLink of the objects of the further also= "
    "probes (replPropertyMetaData); na without a remediation date");

/* ------------------------------------------------------------------ */
/* Directory backups                                                   */

#define ATTID_DSA_SIGNATURE	0x2004a		/* 1.2.840.113556.1.2.74 */

/*
 * ad-backup-age: the last backup of the domain partition is the last
 * change of dSASignature on its head (a backup stamps it), as dated by
 * replPropertyMetaData; without one, the domain's creation counts (as
 * PingCastle's A-BackupMetadata). Value: the largest age in days.
 */
static int
backup_age_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct entries es;
	const struct entry *e;
	const struct av *a;
	const unsigned char *p;
	char when[32];
	long long days, t = -1, created, age;
	uint32_t n, i;

	(void)ck;
	if (value_num(expected, 1, 36500, &days, v) != 0)
		return 0;
	if (load_or_error(ctx->out, &es, v) != 0)
		return 0;
	if (es.n != 1) {
		verdict(v, RP_ST_ERROR, "%zu entries returned for the domain "
		    "head, expected 1", es.n);
		goto out;
	}
	e = &es.e[0];
	created = dir_time(ent_str(e, "whenCreated"));
	if ((a = ent_attr(e, RPMD_ATTR)) == NULL || created < 0) {
		verdict(v, RP_ST_ERROR, "the domain head was returned without "
		    "%s: not readable with this account",
		    a == NULL ? RPMD_ATTR : "whenCreated");
		goto out;
	}
	p = (const unsigned char *)a->val;
	if (a->len < RPMD_HEAD || le32(p) != 1 ||
	    (n = le32(p + 8)) > RPMD_MAX ||
	    a->len < RPMD_HEAD + (size_t)n * RPMD_ENTRY) {
		verdict(v, RP_ST_ERROR, "%s of the domain head is not "
		    "readable (%zu bytes)", RPMD_ATTR, a->len);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (le32(p + RPMD_HEAD + (size_t)i * RPMD_ENTRY) ==
		    ATTID_DSA_SIGNATURE)
			t = (long long)(le64(p + RPMD_HEAD +
			    (size_t)i * RPMD_ENTRY + 8) & 0x7fffffffffffLL) -
			    SECS_1601;
	if (t > 0) {
		age = ((long long)ctx->now - t) / DAY;
		rp_format_time((time_t)t, when, sizeof(when));
		observe(v, "last backup %s (%lld days ago)", when, age);
	} else {
		age = ((long long)ctx->now - created) / DAY;
		rp_format_time((time_t)created, when, sizeof(when));
		observe(v, "no backup recorded since the domain was created "
		    "%s (%lld days ago)", when, age);
	}
	verdict(v, age > days ? RP_ST_FAIL : RP_ST_PASS, NULL);
out:
	entries_free(&es);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_backup_age, "ad-backup-age", 0, backup_age_evaluate,
    "days since the last backup of the domain partition (the last change "
    "of dSASignature on its head, replPropertyMetaData), or since its "
    "creation; value: the largest age in days");

/* ------------------------------------------------------------------ */
/* Domain controller accounts in an inconsistent state                 */

#define UAC_WORKSTATION		0x00001000
#define UAC_SERVER_TRUST	0x00002000
#define UAC_TRUSTED_DELEG	0x00080000
#define UAC_PARTIAL_SECRETS	0x04000000

/*
 * ad-dc-uac: accounts whose userAccountControl and primaryGroupID disagree
 * on being a DC: a writable DC (primary group 516, or SERVER_TRUST_ACCOUNT)
 * has SERVER_TRUST_ACCOUNT, TRUSTED_FOR_DELEGATION and primary group 516;
 * a read-only DC (521, or PARTIAL_SECRETS_ACCOUNT) has
 * PARTIAL_SECRETS_ACCOUNT, WORKSTATION_TRUST_ACCOUNT and primary group 521.
 */
static int
dc_uac_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct entries es;
	long long uac, pg;
	char why[160];
	size_t i, l, n = 0, bad = 0, unread = 0;
	int rodc;

	(void)ck;
	(void)expected;
	if (load_or_error(ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++) {
		const struct entry *e = &es.e[i];

		if (ent_num(e, "userAccountControl", &uac) != 0 ||
		    ent_num(e, "primaryGroupID", &pg) != 0) {
			observe(v, "%s: userAccountControl or primaryGroupID "
			    "not returned", ent_label(e));
			unread++;
			continue;
		}
		n++;
		rodc = pg == 521 || (uac & UAC_PARTIAL_SECRETS);
		why[0] = '\0';
		if (rodc) {
			if (pg != 521)
				snprintf(why, sizeof(why), "primary group %lld, "
				    "not 521", pg);
			if ((uac & (UAC_PARTIAL_SECRETS | UAC_WORKSTATION)) !=
			    (UAC_PARTIAL_SECRETS | UAC_WORKSTATION)) {
				l = strlen(why);
				snprintf(why + l, sizeof(why) - l, "%sno "
				    "PARTIAL_SECRETS_ACCOUNT|"
				    "WORKSTATION_TRUST_ACCOUNT", l ? ", " : "");
			}
			if (uac & UAC_SERVER_TRUST) {
				l = strlen(why);
				snprintf(why + l, sizeof(why) - l, "%s"
				    "SERVER_TRUST_ACCOUNT too", l ? ", " : "");
			}
		} else {
			if (pg != 516)
				snprintf(why, sizeof(why), "SERVER_TRUST_ACCOUNT "
				    "with primary group %lld, not 516", pg);
			if (!(uac & UAC_SERVER_TRUST)) {
				l = strlen(why);
				snprintf(why + l, sizeof(why) - l, "%sprimary "
				    "group 516 without SERVER_TRUST_ACCOUNT",
				    l ? ", " : "");
			}
			if (!(uac & UAC_TRUSTED_DELEG)) {
				l = strlen(why);
				snprintf(why + l, sizeof(why) - l, "%sno "
				    "TRUSTED_FOR_DELEGATION", l ? ", " : "");
			}
		}
		if (why[0] == '\0')
			continue;
		observe(v, "%s: userAccountControl 0x%llx, %s", ent_label(e),
		    uac & 0xffffffffLL, why);
		evidence(v, "%s", e->dn);
		bad++;
	}
	if (bad > 0)
		verdict(v, RP_ST_FAIL, NULL);
	else if (unread > 0)
		verdict(v, RP_ST_ERROR, "%zu account(s) returned without "
		    "userAccountControl or primaryGroupID", unread);
	else if (n == 0)
		verdict(v, RP_ST_ERROR, "no domain controller account "
		    "returned: not readable with this account");
	else {
		observe(v, "%zu DC account(s) examined", n);
		verdict(v, RP_ST_PASS, NULL);
	}
	entries_free(&es);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_dc_uac, "ad-dc-uac", 0, dc_uac_evaluate,
    "accounts whose userAccountControl and primaryGroupID disagree on "
    "being a writable (SERVER_TRUST_ACCOUNT, TRUSTED_FOR_DELEGATION, 516) "
    "or read-only (PARTIAL_SECRETS_ACCOUNT, WORKSTATION_TRUST_ACCOUNT, "
    "521) domain controller");

/* ------------------------------------------------------------------ */
/* ADIDNS: wildcard and WPAD records                                   */

#define DNS_REC_HEAD	24		/* DNS_RPC_RECORD before its data */

/* The addresses of a dnsNode's A and AAAA records, into buf. */
static void
dns_addresses(const struct entry *e, char *buf, size_t len)
{
	const unsigned char *p, *d;
	size_t i, l, dlen;
	unsigned type;

	buf[0] = '\0';
	for (i = 0; i < e->nav; i++) {
		if (strcasecmp(e->av[i].name, "dnsRecord") != 0 ||
		    e->av[i].len < DNS_REC_HEAD)
			continue;
		p = (const unsigned char *)e->av[i].val;
		dlen = (size_t)p[0] | (size_t)p[1] << 8;
		type = (unsigned)p[2] | (unsigned)p[3] << 8;
		if (dlen > e->av[i].len - DNS_REC_HEAD)
			continue;
		d = p + DNS_REC_HEAD;
		l = strlen(buf);
		if (type == 1 && dlen == 4)
			snprintf(buf + l, len - l, "%sA %u.%u.%u.%u",
			    l ? ", " : "", d[0], d[1], d[2], d[3]);
		else if (type == 28 && dlen == 16)
			snprintf(buf + l, len - l, "%sAAAA %02x%02x:%02x%02x:"
			    "%02x%02x:%02x%02x:%02x%02x:%02x%02x:%02x%02x:"
			    "%02x%02x", l ? ", " : "", d[0], d[1], d[2], d[3],
			    d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11],
			    d[12], d[13], d[14], d[15]);
		else
			snprintf(buf + l, len - l, "%stype %u", l ? ", " : "",
			    type);
	}
}

/*
 * ad-dns-wildcard: wildcard (*) and WPAD records of the AD-integrated
 * zones, each listed with its addresses, creation and owner; a finding when
 * the owner (SD_FLAGS 1) is not SYSTEM, Enterprise Domain Controllers,
 * Administrators, Domain or Enterprise Admins or a tier-0 group (DnsAdmins
 * included; also[0]: the group probe): any authenticated user may create
 * a record in an AD zone, and is then its owner.
 */
static int
dns_wildcard_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct graph gr;
	struct closure c;
	struct entries es;
	struct rp_secdesc sd;
	const struct av *a;
	char addr[256], lab[300], when[32], zone[256], *cause = NULL;
	const char *n, *zp;
	long long t;
	size_t i, k, bad = 0, missing = 0;
	uint32_t rid;
	int ok;

	(void)expected;
	memset(&gr, 0, sizeof(gr));
	memset(&c, 0, sizeof(c));
	memset(&es, 0, sizeof(es));
	if (privileged_setup(ctx, ck, 0, &gr, &c, v) != 0)
		goto out;
	if (load_or_error(ctx->out, &es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++) {
		const struct entry *e = &es.e[i];

		n = ent_str(e, "name");
		zp = strchr(e->dn, ',');
		dn_rdn(zp ? zp + 1 : "", zone, sizeof(zone));
		dns_addresses(e, addr, sizeof(addr));
		t = dir_time(ent_str(e, "whenCreated"));
		if (t >= 0)
			rp_format_time((time_t)t, when, sizeof(when));
		else
			snprintf(when, sizeof(when), "?");
		if ((a = ent_attr(e, SD_ATTR)) == NULL ||
		    rp_secdesc_parse(a->val, a->len, &sd, &cause) != 0) {
			free(cause);
			cause = NULL;
			observe(v, "%s.%s (%s, created %s): owner not readable",
			    n ? n : "?", zone, addr[0] ? addr : "no address",
			    when);
			missing++;
			continue;
		}
		ok = 0;
		if (sd.has_owner) {
			rid = rp_sid_rid(&sd.owner);
			ok = (sd.owner.authority == 5 && sd.owner.nsub == 1 &&
			    (sd.owner.sub[0] == 18 || sd.owner.sub[0] == 9)) ||
			    (rp_sid_is_builtin(&sd.owner) && rid == 544) ||
			    (rp_sid_is_domain_account(&sd.owner) &&
			    (rid == 512 || rid == 519));
			for (k = 0; k < gr.n && !ok; k++)
				ok = c.in[k] && gr.g[k].has_sid &&
				    rp_sid_eq(&gr.g[k].sid, &sd.owner);
			sid_label(&sd.owner, lab, sizeof(lab));
		} else
			snprintf(lab, sizeof(lab), "nobody");
		rp_secdesc_release(&sd);
		observe(v, "%s.%s (%s, created %s): owned by %s%s",
		    n ? n : "?", zone, addr[0] ? addr : "no address", when,
		    lab, ok ? "" : ", not an administrator");
		if (!ok) {
			evidence(v, "%s", e->dn);
			bad++;
		}
	}
	if (bad > 0)
		verdict(v, RP_ST_FAIL, NULL);
	else if (missing > 0)
		verdict(v, RP_ST_ERROR, "%zu record(s) returned without a "
		    "readable owner: not readable with this account (rempart "
		    "asks for the owner only, SD_FLAGS control 1)", missing);
	else {
		if (es.n == 0)
			observe(v, "no wildcard or WPAD record");
		verdict(v, RP_ST_PASS, NULL);
	}
out:
	entries_free(&es);
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_dns_wildcard, "ad-dns-wildcard", 1,
    dns_wildcard_evaluate,
    "wildcard (*) and WPAD records of the AD-integrated zones owned by a "
    "principal other than SYSTEM, the DCs, the administrators or a tier-0 "
    "group (SD_FLAGS 1); also: the group probe");

/* ------------------------------------------------------------------ */
/* Display specifiers                                                  */

/* The DNS name of the DC= components of dn ("lab.test"), into buf. */
static void
dn_fqdn(const char *dn, char *buf, size_t len)
{
	const char *p = dn, *q;
	size_t n = 0, l;

	buf[0] = '\0';
	while (p != NULL && *p != '\0') {
		if (strncasecmp(p, "DC=", 3) == 0) {
			p += 3;
			for (q = p; *q != '\0' && *q != ','; q++)
				;
			l = (size_t)(q - p);
			if (n + l + 2 > len)
				return;
			if (n > 0)
				buf[n++] = '.';
			memcpy(buf + n, p, l);
			buf[n += l] = '\0';
			p = q;
		}
		if ((p = strchr(p, ',')) != NULL)
			p++;
	}
}

/* The program of a context menu value "order,name,program", or -1. */
static int
menu_program(const char *val, char *prog, size_t len)
{
	const char *c1, *c2;
	size_t l;

	if ((c1 = strchr(val, ',')) == NULL ||
	    (c2 = strchr(c1 + 1, ',')) == NULL)
		return -1;
	for (c2++; *c2 == ' ' || *c2 == '\t'; c2++)
		;
	snprintf(prog, len, "%s", c2);
	l = strlen(prog);
	while (l > 0 && (prog[l - 1] == ' ' || prog[l - 1] == '\t'))
		prog[--l] = '\0';
	if (l >= 2 && prog[0] == '"' && prog[l - 1] == '"') {
		memmove(prog, prog + 1, l - 2);
		prog[l - 2] = '\0';
	}
	return 0;
}

#define DSP_LISTED	32

/*
 * ad-display-specifier: context menu values "order,name,program" of the
 * display specifiers; a program on a UNC path outside \\FOREST\SYSVOL\
 * is a finding (PingCastle's P-DisplaySpecifier); the other programs are
 * listed once each, with the number of specifiers (locales) naming them.
 */
static int
display_specifier_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct entries es;
	char fqdn[256], prefix[300], prog[512];
	char *seen[DSP_LISTED];
	size_t cnt[DSP_LISTED];
	size_t i, j, k, nseen = 0, bad = 0, other = 0;

	(void)ck;
	(void)expected;
	if (load_or_error(ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++) {
		const struct entry *e = &es.e[i];

		dn_fqdn(e->dn, fqdn, sizeof(fqdn));
		snprintf(prefix, sizeof(prefix), "\\\\%s\\sysvol\\", fqdn);
		for (j = 0; j < e->nav; j++) {
			if ((strcasecmp(e->av[j].name, "adminContextMenu") != 0 &&
			    strcasecmp(e->av[j].name, "shellContextMenu") != 0) ||
			    menu_program(e->av[j].val, prog, sizeof(prog)) != 0)
				continue;
			if (strstr(prog, "\\\\") != NULL && (fqdn[0] == '\0' ||
			    strncasecmp(prog, prefix, strlen(prefix)) != 0)) {
				observe(v, "%s (%s): runs %s, outside SYSVOL",
				    e->dn, e->av[j].name, prog);
				evidence(v, "%s", e->dn);
				bad++;
				continue;
			}
			for (k = 0; k < nseen && strcmp(seen[k], prog) != 0; k++)
				;
			if (k < nseen)
				cnt[k]++;
			else if (nseen < DSP_LISTED) {
				seen[nseen] = xstrdup(prog);
				cnt[nseen++] = 1;
			} else
				other++;
		}
	}
	for (k = 0; k < nseen; k++) {
		observe(v, "%s run by %zu specifier(s)", seen[k], cnt[k]);
		free(seen[k]);
	}
	if (other > 0)
		observe(v, "%zu more menu entries", other);
	if (bad == 0 && nseen == 0)
		observe(v, "no context menu runs a program");
	verdict(v, bad > 0 ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

AD_EVALUATOR(rp_eval_ad_display_specifier, "ad-display-specifier", 0,
    display_specifier_evaluate,
    "display specifier context menus (adminContextMenu, shellContextMenu) "
    "that run a program from a UNC path outside the forest's SYSVOL");
