/*
 * eval_ad_incident.c -- Active Directory after an incident, from the
 * replication metadata: the krbtgt password reset (twice, after the
 * compromise), linked values and attributes changed in the incident window
 * (msDS-ReplValueMetaData, replPropertyMetaData), tier-0 objects not
 * renewed since the remediation, and the age of the last backup.
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
		return dir_verdict(v, RP_ST_NA, "no incident context given "
		    "(--incident) and no earlier evidence (--previous DIR): "
		    "nothing to compare with");
	if (ctx->earlier != NULL) {
		old = rp_target_probe(ctx->earlier, ctx->out->probe);
		if (old == NULL || old->status != RP_PS_OK || old->data == NULL)
			return dir_verdict(v, RP_ST_ERROR, "the earlier "
			    "evidence has no usable probe '%s' for this target",
			    ctx->out->probe);
	}
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
		return 0;
	memset(&eo, 0, sizeof(eo));
	if ((e = krbtgt_entry(&es)) == NULL) {
		dir_verdict(v, RP_ST_ERROR, "probe '%s' returned no krbtgt "
		    "entry: the account is not readable with this account "
		    "(grant it Read on it, as Authenticated Users have by "
		    "default)", ctx->out->probe);
		goto out;
	}
	dir_evidence(v, "%s", e->dn);
	s = ent_str(e, "pwdLastSet");
	t_set = dir_time(s);
	if (t_set == -2 || (s == NULL && ref != 0)) {
		dir_verdict(v, RP_ST_ERROR, "krbtgt: pwdLastSet %s",
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
			dir_observe(v, "krbtgt: password set %s, before the %s "
			    "(%s)", when, ref_what, refs);
			st = RP_ST_FAIL;
		}
	}
	if (ctx->earlier == NULL) {
		if (st == RP_ST_PASS) {
			rp_format_time((time_t)t_set, when, sizeof(when));
			dir_observe(v, "krbtgt: password set %s, after the %s "
			    "(%s); a second reset cannot be proven without an "
			    "earlier evidence bundle (--previous DIR)", when,
			    ref_what, refs);
		}
		dir_verdict(v, st, NULL);
		goto out;
	}
	if (load_or_error(ctx, old, &eo, v) != 0)
		goto out;
	if ((o = krbtgt_entry(&eo)) == NULL) {
		dir_verdict(v, RP_ST_ERROR, "the earlier evidence holds no "
		    "krbtgt entry in probe '%s'", old->probe);
		goto out;
	}
	if (ent_num(e, "msDS-KeyVersionNumber", &kv) != 0 ||
	    ent_num(o, "msDS-KeyVersionNumber", &kv_then) != 0) {
		dir_verdict(v, RP_ST_ERROR, "krbtgt: msDS-KeyVersionNumber not "
		    "returned %s", ent_num(e, "msDS-KeyVersionNumber", &kv) ?
		    "now" : "in the earlier evidence");
		goto out;
	}
	switch (krbtgt_kvno_judge(kv_then, kv, t_set,
	    (long long)ctx->earlier_time, why, sizeof(why))) {
	case RP_ST_ERROR:
		dir_verdict(v, RP_ST_ERROR, "krbtgt: %s", why);
		goto out;
	case RP_ST_FAIL:
		st = RP_ST_FAIL;
		break;
	default:
		break;
	}
	dir_observe(v, "krbtgt: %s", why);
	if (ref != 0 && (long long)ctx->earlier_time < (long long)ref)
		dir_observe(v, "the earlier audit precedes the %s: the first "
		    "reset may too", ref_what);
	dir_verdict(v, st, NULL);
out:
	entries_free(&eo);
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_ad_krbtgt_reset = {
	.name = "ad-krbtgt-reset",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "krbtgt's pwdLastSet after the incident's containment (else "
	    "detection, else start); with an earlier evidence bundle "
	    "(--previous DIR), msDS-KeyVersionNumber up by 2 or more since it, "
	    "the last reset 10 h or more after it",
	.evaluate = krbtgt_reset_evaluate,
};

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
	    load_or_error(ctx, ctx->out, &es, v) != 0) {
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
				dir_observe(v, "%s", why);
				dir_evidence(v, "%s", e->dn);
				if (x == 1)
					r.bad++;
			}
		}
	}
	if (nbad > 0 || ranged > 0)
		dir_verdict(v, RP_ST_ERROR, "%zu %s value%s unreadable%s",
		    nbad + ranged, VALMETA_ATTR, nbad + ranged > 1 ? "s" : "",
		    ranged ? " (an object holds more values than the DC returns "
		    "at once)" : "");
	else if (nmeta == 0 && holders > 0 && ctx->target != NULL &&
	    ctx->target->server != NULL &&
	    strstr(ctx->target->server, "Samba") != NULL)
		dir_verdict(v, RP_ST_NA, "this DC (Samba) does not return %s: "
		    "when each %s value was added is not known", VALMETA_ATTR,
		    attr);
	else if (nmeta == 0 && holders > 0)
		dir_verdict(v, RP_ST_ERROR, "no %s returned for the %s values: "
		    "the DC does not offer it or this account may not read it",
		    VALMETA_ATTR, attr);
	else
		dir_verdict(v, r.bad ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	run_release(&r);
	return 0;
}

/* ad-privileged-members-window: members of tier-0 groups, by the time. */
static int
privileged_members_window_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	(void)expected;
	return valmeta_window(ctx, ck, v, "member", 1);
}

/* ad-keycredential-window: shadow credentials, by the time. */
static int
keycredential_window_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	(void)expected;
	return valmeta_window(ctx, ck, v, "msDS-KeyCredentialLink", 0);
}

const struct rp_evaluator rp_eval_ad_keycredential_window = {
	.name = "ad-keycredential-window",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "msDS-KeyCredentialLink values (shadow credentials) added to, "
	    "removed from or added again to the probe's objects in the "
	    "incident window (compromise start .. remediation, or the audit), "
	    "dated by msDS-ReplValueMetaData; after the remediation: listed "
	    "for review; na without an incident",
	.evaluate = keycredential_window_evaluate,
};

const struct rp_evaluator rp_eval_ad_privileged_members_window = {
	.name = "ad-privileged-members-window",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "members added to (or removed from) a privileged group in the "
	    "incident window (compromise start .. remediation, or the audit), "
	    "dated by msDS-ReplValueMetaData (also: ad.groups); after the "
	    "remediation: listed for review; na without an incident",
	.evaluate = privileged_members_window_evaluate,
};

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
		dir_observe(cr->v, "%s: created after the remediation (%s): "
		    "review", meta_label(e), when);
		dir_evidence(cr->v, "%s", e->dn);
		if (cr->after_only)
			cr->found++;
		return;
	}
	/* created in the window: a finding, or (after_only) its later changes */
	if (w == WIN_IN && !cr->after_only) {
		rp_format_time((time_t)created, when, sizeof(when));
		dir_observe(cr->v, "%s: created %s (whenCreated), in the "
		    "incident window", meta_label(e), when);
		dir_evidence(cr->v, "%s", e->dn);
		cr->found++;
		return;
	}
	if (a == NULL) {
		cr->missing++;
		return;
	}
	p = (const unsigned char *)a->val;
	if (a->len < RPMD_HEAD || rp_le32(p) != 1 ||
	    (n = rp_le32(p + 8)) > RPMD_MAX ||
	    a->len < RPMD_HEAD + (size_t)n * RPMD_ENTRY) {
		cr->bad++;
		return;
	}
	for (i = 0; i < n; i++) {
		attid = rp_le32(p + RPMD_HEAD + (size_t)i * RPMD_ENTRY);
		ver = rp_le32(p + RPMD_HEAD + (size_t)i * RPMD_ENTRY + 4);
		t = (long long)(rp_le64(p + RPMD_HEAD + (size_t)i * RPMD_ENTRY +
		    8) & 0x7fffffffffffLL) - SECS_1601;
		for (k = 0; k < cr->nattr; k++) {
			if (cr->attids[k] != attid || t < cr->start)
				continue;
			rp_format_time((time_t)t, when, sizeof(when));
			if (window_of(t, cr->start, cr->end) == WIN_AFTER) {
				dir_observe(cr->v, "%s: %s changed after the "
				    "remediation (%s): review", meta_label(e),
				    cr->names[k], when);
				if (cr->after_only)
					cr->found++;
			} else if (cr->after_only)
				continue;
			else {
				dir_observe(cr->v, "%s: %s changed %s (version "
				    "%u)", meta_label(e), cr->names[k], when,
				    ver);
				cr->found++;
			}
			dir_evidence(cr->v, "%s", e->dn);
		}
	}
}

static int
changed_probe(struct changed_run *cr, const struct rp_probe_out *po)
{
	struct entries es;
	size_t i;

	if (load_or_error(cr->ctx, po, &es, cr->v) != 0)
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
		return dir_verdict(v, RP_ST_NA, "no incident context given "
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
			return dir_verdict(v, RP_ST_ERROR, "check value: "
			    "'%.*s' is not an attribute this evaluator dates "
			    "(at most 8 of gPLink, "
			    "msDS-AllowedToActOnBehalfOfOtherIdentity, "
			    "msDS-AllowedToDelegateTo, nTSecurityDescriptor, "
			    "servicePrincipalName, sIDHistory, "
			    "userAccountControl)", (int)(e - p), p);
		for (i = 0; i < sizeof(rpmd_attrs) / sizeof(rpmd_attrs[0]); i++)
			if (rpmd_attrs[i].attid == cr.attids[cr.nattr])
				cr.names[cr.nattr] = rpmd_attrs[i].name;
		cr.nattr++;
	}
	if (cr.nattr == 0)
		return dir_verdict(v, RP_ST_ERROR, "check value: no attribute "
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
		return dir_verdict(v, RP_ST_ERROR, "%zu %s value%s malformed",
		    cr.bad, RPMD_ATTR, cr.bad > 1 ? "s" : "");
	if (cr.missing > 0)
		return dir_verdict(v, RP_ST_ERROR, "%s not returned for %zu of "
		    "%zu objects: when they changed is not known (grant this "
		    "account Read on them, as Authenticated Users have by "
		    "default)", RPMD_ATTR, cr.missing, cr.entries);
	return dir_verdict(v, cr.found ? RP_ST_FAIL : RP_ST_PASS, NULL);
}

const struct rp_evaluator rp_eval_ad_changed_window = {
	.name = "ad-changed-window",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "objects (the probe's and its also= probes') created in the "
	    "incident window (compromise start .. remediation, or the audit), "
	    "or whose attributes named in the value last changed in it "
	    "(replPropertyMetaData); after the remediation: listed for review; "
	    "na without an incident",
	.evaluate = changed_window_evaluate,
};

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
		return dir_verdict(v, RP_ST_NA, "no incident context given "
		    "(--incident): nothing to compare with");
	if (inc->remediation == 0)
		return dir_verdict(v, RP_ST_NA, "the incident context gives no "
		    "remediation date: nothing after it to review");
	if (ck->nalso < 3)
		return dir_verdict(v, RP_ST_ERROR, "check needs also=\"GROUPS "
		    "USERS SD-PROBE...\"");
	if (run_init(&r, ctx, ck, v, 1) != 0) {
		run_release(&r);
		return 0;
	}
	r.ref = inc->compromise_start;
	r.end = window_end(inc);
	rp_format_time((time_t)r.end, day, sizeof(day));
	dir_evidence(v, "changes after %s (the remediation)", day);
	/* 1. member values of the tier-0 groups */
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
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
				dir_observe(v, "%s", why);
				dir_evidence(v, "%s", e->dn);
				found++;
			}
		}
	}
	entries_free(&es);
	if (nbad > 0 || ranged > 0) {
		dir_verdict(v, RP_ST_ERROR, "%zu %s value%s unreadable%s",
		    nbad + ranged, VALMETA_ATTR, nbad + ranged > 1 ? "s" : "",
		    ranged ? " (an object holds more values than the DC returns "
		    "at once)" : "");
		goto out;
	}
	if (nmeta == 0 && holders > 0) {
		if (ctx->target == NULL || ctx->target->server == NULL ||
		    strstr(ctx->target->server, "Samba") == NULL) {
			dir_verdict(v, RP_ST_ERROR, "no %s returned for the "
			    "member values: the DC does not offer it or this "
			    "account may not read it", VALMETA_ATTR);
			goto out;
		}
		samba = 1;
	}
	/* 2. privileged accounts created after the remediation */
	if ((po = also_probe(ctx, ck, 1, v)) == NULL ||
	    load_or_error(ctx, po, &es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++) {
		e = &es.e[i];
		if (!closure_has(&r.gr, &r.priv, e))
			continue;
		t = dir_time(ent_str(e, "whenCreated"));
		if (t < 0 || window_of(t, r.ref, r.end) != WIN_AFTER)
			continue;
		rp_format_time((time_t)t, day, sizeof(day));
		dir_observe(v, "%s: created after the remediation (%s): review",
		    ent_label(e), day);
		dir_evidence(v, "%s", e->dn);
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
		dir_verdict(v, RP_ST_ERROR, "%zu %s value%s malformed", cr.bad,
		    RPMD_ATTR, cr.bad > 1 ? "s" : "");
		goto out;
	}
	if (cr.missing > 0) {
		dir_verdict(v, RP_ST_ERROR, "%s not returned for %zu of %zu "
		    "objects: when they changed is not known (grant this "
		    "account Read on them, as Authenticated Users have by "
		    "default)", RPMD_ATTR, cr.missing, cr.entries);
		goto out;
	}
	found += cr.found;
	if (samba)
		dir_evidence(v, "member changes not dated: this DC (Samba) "
		    "does not return %s", VALMETA_ATTR);
	if (found > 0)
		dir_verdict(v, RP_ST_FAIL, NULL);
	else if (samba)
		dir_verdict(v, RP_ST_ERROR, "this DC (Samba) does not return "
		    "%s: member changes after the remediation are not known "
		    "(no account or ACL changed after it)", VALMETA_ATTR);
	else
		dir_verdict(v, RP_ST_PASS, NULL);
out:
	run_release(&r);
	return 0;
}

const struct rp_evaluator rp_eval_ad_tier0_since_remediation = {
	.name = "ad-tier0-since-remediation",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 3,
	.doc = "tier-0 changes after the incident's remediation, to review: "
	    "member values of tier-0 groups (the probe's "
	    "msDS-ReplValueMetaData; also: ad.groups), privileged accounts "
	    "created (also: the users), nTSecurityDescriptor and gPLink of the "
	    "objects of the further also= probes (replPropertyMetaData); na "
	    "without a remediation date",
	.evaluate = tier0_since_evaluate,
};

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
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
		return 0;
	if (es.n != 1) {
		dir_verdict(v, RP_ST_ERROR, "%zu entries returned for the "
		    "domain head, expected 1", es.n);
		goto out;
	}
	e = &es.e[0];
	created = dir_time(ent_str(e, "whenCreated"));
	if ((a = ent_attr(e, RPMD_ATTR)) == NULL || created < 0) {
		dir_verdict(v, RP_ST_ERROR, "the domain head was returned "
		    "without %s: not readable with this account",
		    a == NULL ? RPMD_ATTR : "whenCreated");
		goto out;
	}
	p = (const unsigned char *)a->val;
	if (a->len < RPMD_HEAD || rp_le32(p) != 1 ||
	    (n = rp_le32(p + 8)) > RPMD_MAX ||
	    a->len < RPMD_HEAD + (size_t)n * RPMD_ENTRY) {
		dir_verdict(v, RP_ST_ERROR, "%s of the domain head is not "
		    "readable (%zu bytes)", RPMD_ATTR, a->len);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (rp_le32(p + RPMD_HEAD + (size_t)i * RPMD_ENTRY) ==
		    ATTID_DSA_SIGNATURE)
			t = (long long)(rp_le64(p + RPMD_HEAD +
			    (size_t)i * RPMD_ENTRY + 8) & 0x7fffffffffffLL) -
			    SECS_1601;
	if (t > 0) {
		age = ((long long)ctx->now - t) / DAY;
		rp_format_time((time_t)t, when, sizeof(when));
		dir_observe(v, "last backup %s (%lld days ago)", when, age);
	} else {
		age = ((long long)ctx->now - created) / DAY;
		rp_format_time((time_t)created, when, sizeof(when));
		dir_observe(v, "no backup recorded since the domain was "
		    "created %s (%lld days ago)", when, age);
	}
	dir_verdict(v, age > days ? RP_ST_FAIL : RP_ST_PASS, NULL);
out:
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_ad_backup_age = {
	.name = "ad-backup-age",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "days since the last backup of the domain partition (the last "
	    "change of dSASignature on its head, replPropertyMetaData), or "
	    "since its creation; value: the largest age in days",
	.evaluate = backup_age_evaluate,
};
