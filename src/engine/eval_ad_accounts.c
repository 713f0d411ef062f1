/*
 * eval_ad_accounts.c -- Active Directory accounts: a run of a predicate
 * over the entries of a probe (struct run, shared through eval_ad_int.h),
 * privileged or not, ages and inactivity against the audit time and the
 * incident window, SID history, delegation (constrained and
 * resource-based), machine account passwords, password settings objects
 * and well-known RIDs.
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
/* Accounts: privileged or not, ages, incident window                  */

void
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

	if (load_or_error(r->ctx, r->ctx->out, &es, r->v) != 0)
		return 0;
	for (i = 0; i < es.n; i++) {
		e = &es.e[i];
		if (r->use_priv && !closure_has(&r->gr, &r->priv, e))
			continue;
		r->seen++;
		why[0] = '\0';
		if ((k = pred(r, e, why, sizeof(why))) == 0)
			continue;
		dir_observe_obj(r->v, ent_label(e),
		    "%s%s%s", ent_label(e), why[0] ? ": " : "",
		    why);
		dir_evidence(r->v, "%s", e->dn);
		if (k == 1)
			r->bad++;
	}
	if (es.n == 0 && empty == RP_ST_ERROR)
		dir_verdict(r->v, RP_ST_ERROR, "probe '%s' returned no entry: "
		    "the accounts it reads are not readable with this account "
		    "(grant it Read on them, as Authenticated Users have by "
		    "default)", r->ctx->out->probe ? r->ctx->out->probe : "?");
	else
		dir_verdict(r->v, r->bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

/* Set up r; with_priv: the privileged closure from also[0]. */
int
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
	rp_format_day(t, day, sizeof(day));
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
	rp_format_day(c, day, sizeof(day));
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
	dir_verdict(r->v, RP_ST_ERROR, "check needs <ldap-attr name=...>");
	return -1;
}

int
need_incident(struct run *r, int containment)
{
	const struct rp_incident *inc = r->ctx->incident;

	if (inc == NULL || inc->compromise_start == 0) {
		dir_verdict(r->v, RP_ST_NA, "no incident context given "
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
static int
privileged_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	return run_simple(ctx, ck, expected, v, R_PRIV, pred_any, RP_ST_PASS);
}

const struct rp_evaluator rp_eval_ad_privileged = {
	.name = "ad-privileged",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "entries of the probe that are privileged (transitive members "
	    "of a tier-0 group; also: the group probe) are findings",
	.evaluate = privileged_evaluate,
};

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

const struct rp_evaluator rp_eval_ad_privileged_count = {
	.name = "ad-privileged-count",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "at most N (value) privileged accounts among the entries",
	.evaluate = privileged_count_evaluate,
};

/* ad-privileged-outside: privileged accounts not in group VALUE (525). */
static int
privileged_outside_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct run r;

	if (expected == NULL || *expected == '\0')
		return dir_verdict(v, RP_ST_ERROR, "check needs a group (RID, "
		    "SID or name) as its value");
	if (run_init(&r, ctx, ck, v, 1) == 0) {
		closure_build(&r.gr, expected, &r.other);
		run_entries(&r, pred_outside, RP_ST_PASS);
	}
	run_release(&r);
	return 0;
}

const struct rp_evaluator rp_eval_ad_privileged_outside = {
	.name = "ad-privileged-outside",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "privileged entries that are not (transitively) in the group "
	    "named by the value (e.g. 525, Protected Users)",
	.evaluate = privileged_outside_evaluate,
};

/* ad-not-privileged: entries outside every tier-0 group (krbtgt aside). */
static int
not_privileged_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	return run_simple(ctx, ck, expected, v, R_GROUPS, pred_not_privileged,
	    RP_ST_PASS);
}

const struct rp_evaluator rp_eval_ad_not_privileged = {
	.name = "ad-not-privileged",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "entries that are in no tier-0 group (e.g. adminCount=1 "
	    "orphans) are findings; krbtgt is ignored",
	.evaluate = not_privileged_evaluate,
};

/* ad-privileged-age: privileged entries whose <ldap-attr> is older. */
static int
privileged_age_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	return run_simple(ctx, ck, expected, v, R_PRIV | R_ATTR | R_DAYS,
	    pred_age, RP_ST_ERROR);
}

const struct rp_evaluator rp_eval_ad_privileged_age = {
	.name = "ad-privileged-age",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "privileged entries whose time attribute (<ldap-attr>) is older "
	    "than N days or never set",
	.evaluate = privileged_age_evaluate,
};

/* ad-privileged-inactive / ad-inactive: no logon for N days. */
static int
privileged_inactive_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	return run_simple(ctx, ck, expected, v, R_PRIV | R_DAYS, pred_inactive,
	    RP_ST_ERROR);
}

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
			return dir_verdict(v, RP_ST_ERROR, "expected value "
			    "'%s' is not 'DAYS' or 'DAYS PERCENT%%'", expected);
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
		dir_observe_obj(v, NULL,
		    "%zu of %zu inactive (more than %lld %% is a "
		    "finding)", r.bad, r.seen, pct);
	}
	run_release(&r);
	return 0;
}

const struct rp_evaluator rp_eval_ad_privileged_inactive = {
	.name = "ad-privileged-inactive",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "privileged entries without a logon (lastLogonTimestamp) for N "
	    "days, or never used and created more than N days ago",
	.evaluate = privileged_inactive_evaluate,
};

const struct rp_evaluator rp_eval_ad_inactive = {
	.name = "ad-inactive",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "entries without a logon (lastLogonTimestamp) for N days, or "
	    "never used and created more than N days ago; 'N P%': a finding "
	    "only when more than P % of the entries are",
	.evaluate = inactive_evaluate,
};

/* ad-older-than: entries whose <ldap-attr> time is older; absent: fine. */
static int
older_than_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	return run_simple(ctx, ck, expected, v, R_ATTR | R_DAYS,
	    pred_age_present, RP_ST_PASS);
}

const struct rp_evaluator rp_eval_ad_older_than = {
	.name = "ad-older-than",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "entries whose time attribute (<ldap-attr>, FILETIME or "
	    "GeneralizedTime) is older than N days; no entry is a pass",
	.evaluate = older_than_evaluate,
};

/*
 * Incident window: created between the compromise start and the
 * remediation; created after it: listed for review.
 */
static int
privileged_window_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	return run_simple(ctx, ck, expected, v, R_START | R_PRIV_LAST,
	    pred_created_after, RP_ST_ERROR);
}

static int
created_window_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	return run_simple(ctx, ck, expected, v, R_START, pred_created_after,
	    RP_ST_PASS);
}

const struct rp_evaluator rp_eval_ad_privileged_window = {
	.name = "ad-privileged-window",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "privileged entries created (whenCreated) in the incident "
	    "window (compromise start .. remediation, or the audit); created "
	    "after the remediation: listed for review; na without an incident",
	.evaluate = privileged_window_evaluate,
};

const struct rp_evaluator rp_eval_ad_created_window = {
	.name = "ad-created-window",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "entries created (whenCreated) in the incident window "
	    "(compromise start .. remediation, or the audit); created after "
	    "the remediation: listed for review; na without an incident",
	.evaluate = created_window_evaluate,
};

/* Secrets renewed: pwdLastSet after containment (else detection...). */
static int
privileged_renewed_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	return run_simple(ctx, ck, expected, v, R_CONTAIN | R_PRIV_LAST,
	    pred_not_renewed, RP_ST_ERROR);
}

const struct rp_evaluator rp_eval_ad_privileged_renewed = {
	.name = "ad-privileged-renewed",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "privileged entries whose password (pwdLastSet) was not set "
	    "after the incident's containment (else detection, else start)",
	.evaluate = privileged_renewed_evaluate,
};

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
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++) {
		has_own = ent_sid(&es.e[i], "objectSid", &own) == 0;
		for (j = 0; j < es.e[i].nav; j++) {
			if (strcasecmp(es.e[i].av[j].name, "sIDHistory") != 0)
				continue;
			if (rp_sid_parse(es.e[i].av[j].val, es.e[i].av[j].len,
			    &h, NULL) != 0) {
				dir_observe_obj(v, ent_label(&es.e[i]),
				    "%s: unreadable sIDHistory "
				    "value", ent_label(&es.e[i]));
				bad++;
				continue;
			}
			if ((why = sidhistory_danger(&h, has_own ? &own :
			    NULL)) == NULL)
				continue;
			wk = rp_sid_name(&h);
			dir_observe_obj(v, ent_label(&es.e[i]),
			    "%s: %s%s%s%s (%s)", ent_label(&es.e[i]),
			    rp_sid_str(&h, s), wk ? " [" : "", wk ? wk : "",
			    wk ? "]" : "", why);
			dir_evidence(v, "%s", es.e[i].dn);
			bad++;
		}
	}
	dir_verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_ad_sidhistory = {
	.name = "ad-sidhistory",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "sIDHistory values with a privileged RID (< 1000), a well-known "
	    "or builtin SID, or a SID of the account's own domain",
	.evaluate = sidhistory_evaluate,
};

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
		return dir_verdict(v, RP_ST_ERROR, "no domain controller "
		    "returned: computer objects are not readable with this "
		    "account");
	}
	if (load_or_error(ctx, ctx->out, &es, v) == 0) {
		for (i = 0; i < es.n; i++)
			for (j = 0; j < es.e[i].nav; j++) {
				if (strcasecmp(es.e[i].av[j].name,
				    "msDS-AllowedToDelegateTo") != 0)
					continue;
				spn_host(es.e[i].av[j].val, host, sizeof(host));
				if (!host_is_dc(&dcs, host))
					continue;
				dir_observe_obj(v, ent_label(&es.e[i]),
				    "%s -> %s", ent_label(&es.e[i]),
				    es.e[i].av[j].val);
				dir_evidence(v, "%s", es.e[i].dn);
				bad++;
			}
		dir_verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
		entries_free(&es);
	}
	entries_free(&dcs);
	return 0;
}

const struct rp_evaluator rp_eval_ad_delegation_dc = {
	.name = "ad-delegation-to-dc",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "msDS-AllowedToDelegateTo values naming a domain controller "
	    "(also: the DC computer objects)",
	.evaluate = delegation_dc_evaluate,
};

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
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++) {
		if ((a = ent_attr(&es.e[i], attr)) == NULL)
			continue;
		bad++;
		dir_evidence(v, "%s", es.e[i].dn);
		if (rp_secdesc_parse(a->val, a->len, &sd, &cause) != 0) {
			dir_observe_obj(v, ent_label(&es.e[i]),
			    "%s: unreadable descriptor (%s)",
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
			dir_observe_obj(v, ent_label(&es.e[i]),
			    "%s <- %s", ent_label(&es.e[i]), lab);
		}
		rp_secdesc_release(&sd);
	}
	dir_verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_ad_rbcd = {
	.name = "ad-rbcd",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "objects with resource-based constrained delegation, and the "
	    "principals allowed to delegate to them",
	.evaluate = rbcd_evaluate,
};

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
		return dir_verdict(v, RP_ST_ERROR, "expected value '%s' is not "
		    "'DAYS server' or 'DAYS cluster'",
		    expected ? expected : "");
	memcpy(num, expected, l);
	num[l] = '\0';
	if (value_num(num, 1, 36500, &days, v) != 0)
		return 0;
	cluster = strcmp(sp + 1, "cluster") == 0;
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
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
		rp_format_day(t_logon, d2, sizeof(d2));
		if (t_pwd > 0) {
			rp_format_day(t_pwd, d1, sizeof(d1));
			dir_observe_obj(v, ent_label(e),
			    "%s: password set %s, last logon %s "
			    "(%lld days later)", ent_label(e), d1, d2,
			    (t_logon - t_pwd) / DAY);
		} else if (t_pwd == -2)
			dir_observe_obj(v, ent_label(e),
			    "%s: pwdLastSet is not a time, last "
			    "logon %s", ent_label(e), d2);
		else
			dir_observe_obj(v, ent_label(e),
			    "%s: password never set, last logon %s",
			    ent_label(e), d2);
		dir_evidence(v, "%s", e->dn);
		bad++;
	}
	if (bad > 0)
		dir_verdict(v, RP_ST_FAIL, NULL);
	else {
		dir_observe_obj(v, NULL, "%zu %s examined", n, cluster ?
		    "cluster name object(s)" : "server(s)");
		dir_verdict(v, RP_ST_PASS, NULL);
	}
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_ad_machine_pwd = {
	.name = "ad-machine-pwd",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "enabled servers (value \"DAYS server\") or cluster name "
	    "objects (\"DAYS cluster\") that logged on DAYS or more after "
	    "their password was last set",
	.evaluate = machine_pwd_evaluate,
};

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
		dir_observe_obj(v, ent_label(e),
		    "%s: minimum length %lld", ent_label(e), len);
		bad = 1;
	}
	if (lock == 0) {
		dir_observe_obj(v, ent_label(e),
		    "%s: no lockout", ent_label(e));
		bad = 1;
	}
	if (cx != NULL && strcasecmp(cx, "TRUE") != 0) {
		dir_observe_obj(v, ent_label(e),
		    "%s: complexity off", ent_label(e));
		bad = 1;
	}
	if (rv != NULL && strcasecmp(rv, "TRUE") == 0) {
		dir_observe_obj(v, ent_label(e),
		    "%s: reversible encryption", ent_label(e));
		bad = 1;
	}
	if (bad)
		dir_evidence(v, "%s", e->dn);
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
	    load_or_error(ctx, ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++)
		bad += (size_t)pso_weak(&es.e[i], minlen, v);
	if (es.n == 0)
		dir_verdict(v, RP_ST_ERROR, "no fine-grained password policy "
		    "readable: none exists, or (the default) this account may "
		    "not read them; grant it Read on 'CN=Password Settings "
		    "Container,CN=System' (dsacls \"CN=Password Settings "
		    "Container,CN=System,<domain>\" /I:T /G "
		    "\"<DOMAIN>\\<audit account>:GR\")");
	else
		dir_verdict(v, bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_ad_pso = {
	.name = "ad-pso",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "fine-grained password policies: at least N characters (value), "
	    "lockout, complexity, no reversible encryption; none readable is "
	    "an error",
	.evaluate = pso_evaluate,
};


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
		return dir_verdict(v, RP_ST_ERROR, "check needs RIDs as its "
		    "value");
	if (run_init(&r, ctx, ck, v, 0) == 0) {
		r.value = expected;
		run_entries(&r, pred_rid, RP_ST_PASS);
	}
	run_release(&r);
	return 0;
}

const struct rp_evaluator rp_eval_ad_rid = {
	.name = "ad-rid",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "entries whose objectSid ends with one of the value's RIDs "
	    "(e.g. 501: the Guest account) are findings",
	.evaluate = rid_evaluate,
};
