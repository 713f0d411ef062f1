/*
 * eval_ad_groups.c -- Active Directory group membership: the groups of the
 * domain as a graph and the transitive closure of the privileged groups
 * (nested groups, primaryGroupID), used by the other AD families through
 * eval_ad_int.h; the evaluators of group members, foreign security
 * principals, nesting loops, and the RODC password replication policy.
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
#include "engine/eval_ad_int.h"
#include "engine/eval.h"
#include "engine/evaluators.h"
#include "engine/extract.h"
#include "evidence/bundle.h"
#include "parse/ldif.h"
#include "parse/secdesc.h"
#include "parse/sid.h"
#include "core/banned.h"

/* ------------------------------------------------------------------ */
/* Group membership                                                    */

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

void
graph_free(struct graph *gr)
{
	entries_free(&gr->es);
	free(gr->g);
	free(gr->by_dn);
	memset(gr, 0, sizeof(*gr));
}

static int
graph_load(const struct rp_eval_ctx *ctx, const struct rp_probe_out *po,
    struct graph *gr, struct rp_verdict *v)
{
	size_t i;

	memset(gr, 0, sizeof(*gr));
	/* a server that cut 'member' into ranges left groups incomplete */
	if (probe_has_line(po, "member;range="))
		return dir_verdict(v, RP_ST_ERROR, "group membership truncated "
		    "by the server (ranged 'member' values, not followed): "
		    "groups are incomplete"), -1;
	if (load_or_error(ctx, po, &gr->es, v) != 0)
		return -1;
	if (gr->es.n == 0) {
		graph_free(gr);
		return dir_verdict(v, RP_ST_ERROR, "no group returned: group "
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
long
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

void
closure_free(struct closure *c)
{
	free(c->in);
	free(c->members);	/* borrowed strings */
	free(c->rids);
	memset(c, 0, sizeof(*c));
}

/* Seeds: refs (see group_matches_ref), or the privileged groups if NULL. */
void
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
int
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
int
privileged_setup(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    size_t i, struct graph *gr, struct closure *c, struct rp_verdict *v)
{
	const struct rp_probe_out *po = also_probe(ctx, ck, i, v);

	if (po == NULL || graph_load(ctx, po, gr, v) != 0)
		return -1;
	closure_build(gr, NULL, c);
	return 0;
}

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
		dir_observe_obj(v, ent_label(&es.e[i]),
		    "%s (primary group)", ent_label(&es.e[i]));
		dir_evidence(v, "%s", es.e[i].dn);
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
		return dir_verdict(v, RP_ST_ERROR, "check needs groups (RIDs, "
		    "SIDs or names) as its value");
	if (graph_load(ctx, ctx->out, &gr, v) != 0)
		return 0;
	closure_build(&gr, expected, &c);
	for (i = 0; i < gr.n; i++)
		seeds += c.in[i];
	for (i = 0; i < c.nmembers; i++) {
		if (i > 0 && strcasecmp(c.members[i], c.members[i - 1]) == 0)
			continue;
		member_label(&gr, c.members[i], lab, sizeof(lab));
		dir_observe(v, "%s", lab);
		dir_evidence(v, "%s", c.members[i]);
		n++;
	}
	v->status = RP_ST_PASS;
	n += primary_members(ctx, ck, &gr, &c, v);
	if (v->status != RP_ST_ERROR) {
		if (seeds == 0)
			dir_verdict(v, RP_ST_NA, "none of the groups '%s' "
			    "exists", expected);
		else if (must_be_empty)
			dir_verdict(v, n ? RP_ST_FAIL : RP_ST_PASS, NULL);
		else
			dir_verdict(v, n ? RP_ST_PASS : RP_ST_FAIL, n ? NULL :
			    "no member");
	}
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

static int
group_members_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	return group_members_common(ctx, ck, expected, v, 1);
}

static int
group_used_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	return group_members_common(ctx, ck, expected, v, 0);
}

const struct rp_evaluator rp_eval_ad_group_used = {
	.name = "ad-group-used",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "the groups named by the value (RIDs, SIDs, names) have at "
	    "least one member (e.g. 525: Protected Users)",
	.evaluate = group_used_evaluate,
};

const struct rp_evaluator rp_eval_ad_group_members = {
	.name = "ad-group-members",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "the groups named by the value (RIDs, SIDs, names) have no "
	    "member, direct, nested or by primaryGroupID (optional also)",
	.evaluate = group_members_evaluate,
};

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
	if (graph_load(ctx, ctx->out, &gr, v) != 0)
		return 0;
	closure_build(&gr, NULL, &c);
	for (i = 0; i < c.nmembers; i++) {
		if (!is_fsp_dn(c.members[i]) || (i > 0 &&
		    strcasecmp(c.members[i], c.members[i - 1]) == 0))
			continue;
		member_label(&gr, c.members[i], lab, sizeof(lab));
		dir_observe(v, "%s", lab);
		dir_evidence(v, "%s", c.members[i]);
		n++;
	}
	dir_verdict(v, n ? RP_ST_FAIL : RP_ST_PASS, NULL);
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

const struct rp_evaluator rp_eval_ad_privileged_foreign = {
	.name = "ad-privileged-foreign",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "foreign security principals (other forests, well-known SIDs) "
	    "that are transitively members of a tier-0 group",
	.evaluate = privileged_foreign_evaluate,
};

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
	if (graph_load(ctx, ctx->out, &gr, v) != 0)
		return 0;
	loop = xcalloc(gr.n, 1);
	n = find_loops(&gr, loop);
	for (i = 0; i < gr.n; i++)
		if (loop[i]) {
			dir_observe_obj(v, ent_label(gr.g[i].e),
			    "%s", ent_label(gr.g[i].e));
			dir_evidence(v, "%s", gr.g[i].e->dn);
		}
	dir_verdict(v, n ? RP_ST_FAIL : RP_ST_PASS, NULL);
	free(loop);
	graph_free(&gr);
	return 0;
}

const struct rp_evaluator rp_eval_ad_group_loop = {
	.name = "ad-group-loop",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "no group is, through nesting, a member of itself",
	.evaluate = group_loop_evaluate,
};

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
		return dir_verdict(v, RP_ST_ERROR, "expected value '%s' is not "
		    "revealed or allowed", expected ? expected : "");
	memset(&gr, 0, sizeof(gr));
	memset(&c, 0, sizeof(c));
	memset(&es, 0, sizeof(es));
	if (privileged_setup(ctx, ck, 0, &gr, &c, v) != 0)
		goto out;
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
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
				/* the object: the account whose password is
				 * cached (its DN), the one to reset */
				dir_observe_obj(v, dn,
				    "%s: the password of %s is "
				    "cached", ent_label(e), lab);
			} else {
				if ((why = rodc_group_bad(&gr, &c, dn, lab,
				    sizeof(lab))) == NULL)
					continue;
				dir_observe_obj(v, ent_label(e),
				    "%s: may cache the passwords of "
				    "%s, %s", ent_label(e), lab, why);
			}
			dir_evidence(v, "%s", e->dn);
			bad++;
		}
		if (revealed && nvals == 0) {
			/* an RODC always caches its own account's password */
			dir_observe_obj(v, ent_label(e),
			    "%s: msDS-RevealedUsers not returned",
			    ent_label(e));
			unread++;
		}
	}
	if (bad > 0) {
		dir_verdict(v, RP_ST_FAIL, NULL);
		if (unread > 0)
			v->reason = xasprintf("besides, %zu RODC(s) whose "
			    "cached passwords are not readable", unread);
	} else if (unread > 0)
		dir_verdict(v, RP_ST_ERROR, "%zu RODC(s) returned without "
		    "msDS-RevealedUsers: not readable with this account (an "
		    "RODC caches at least its own password)", unread);
	else {
		if (es.n == 0)
			dir_observe_obj(v, NULL, "no read-only DC");
		dir_verdict(v, RP_ST_PASS, NULL);
	}
out:
	entries_free(&es);
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

const struct rp_evaluator rp_eval_ad_rodc = {
	.name = "ad-rodc",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "read-only DCs: value revealed: privileged accounts whose "
	    "password is cached (msDS-RevealedUsers); value allowed: tier-0 or "
	    "well-known groups in msDS-RevealOnDemandGroup; also: the group "
	    "probe",
	.evaluate = rodc_evaluate,
};
