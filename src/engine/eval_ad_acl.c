/*
 * eval_ad_acl.c -- Active Directory security descriptors: who holds
 * dangerous rights (DCSync, GenericAll/Write, shadow credentials) on the
 * domain and the privileged objects, who may create a delegated managed
 * service account (dMSA), who owns privileged objects, and LAPS: coverage
 * of the computers and who may read their passwords.
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
/* Security descriptors                                                */

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

int
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
		dir_observe(v, "%s: unreadable security descriptor (%s)",
		    object_label(e), cause);
		free(cause);
		s->missing++;
		return;
	}
	n = sd_holders(&sd, s, h, 64);
	for (i = 0; i < n; i++) {
		sid_label(&h[i].sid, lab, sizeof(lab));
		dir_observe(v, "%s: %s has %s", object_label(e), lab,
		    rp_rights_str(h[i].rights, rights, sizeof(rights)));
		dir_evidence(v, "%s", e->dn);
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
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++) {
		if (s->priv_only && !closure_has(&gr, &c, &es.e[i]) &&
		    !is_dc_account(&es.e[i]))
			continue;
		s->considered++;
		acl_entry(s, &es.e[i], v);
	}
	if (s->bad > 0) {
		dir_verdict(v, RP_ST_FAIL, NULL);
		if (s->missing > 0)
			v->reason = xasprintf("besides, %zu object(s) without "
			    "a readable security descriptor", s->missing);
	} else if (s->considered == 0)
		dir_verdict(v, RP_ST_ERROR, "no object returned: not readable "
		    "with this account (%s)", SD_GRANT);
	else if (s->missing > 0)
		dir_verdict(v, RP_ST_ERROR, "%zu of %zu object(s) returned "
		    "without a readable nTSecurityDescriptor: not readable "
		    "with this account (%s)", s->missing, s->considered,
		    SD_GRANT);
	else
		dir_verdict(v, RP_ST_PASS, NULL);
	entries_free(&es);
out:
	free(s->t0);
	s->t0 = NULL;
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

static int
acl_dcsync_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	return acl_common(ctx, ck, v, DCSYNC, ACL_UNTRUSTED, expected, 0, 0);
}

const struct rp_evaluator rp_eval_ad_acl_dcsync = {
	.name = "ad-acl-dcsync",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "principals outside the default set (SYSTEM, Administrators, "
	    "Domain/Enterprise Admins, DCs) that may replicate secrets "
	    "(DS-Replication-Get-Changes-All, GenericAll...); value: more "
	    "trusted SIDs",
	.evaluate = acl_dcsync_evaluate,
};

static int
acl_dangerous_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	return acl_common(ctx, ck, v, DANGEROUS, ACL_UNTRUSTED, expected, 0,
	    ck->nalso > 0);
}

const struct rp_evaluator rp_eval_ad_acl_dangerous = {
	.name = "ad-acl-dangerous",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "dangerous rights (GenericAll, GenericWrite, WriteDacl, "
	    "WriteOwner, write member/SPN/msDS-KeyCredentialLink/gPLink..., "
	    "force password change, DCSync) held by principals outside the "
	    "trusted set; with also (groups): the tier-0 groups are trusted "
	    "too; value: more trusted SIDs",
	.evaluate = acl_dangerous_evaluate,
};

static int
acl_privileged_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	return acl_common(ctx, ck, v, DANGEROUS, ACL_UNTRUSTED, expected, 1, 1);
}

const struct rp_evaluator rp_eval_ad_acl_privileged = {
	.name = "ad-acl-privileged",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "dangerous rights on the tier-0 objects of the probe (tier-0 "
	    "groups and their members, DCs) held by principals outside the "
	    "trusted set and the tier-0 groups; also: the group probe",
	.evaluate = acl_privileged_evaluate,
};

static int
acl_broad_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	(void)expected;
	return acl_common(ctx, ck, v, DANGEROUS, ACL_BROAD, NULL, 0, 0);
}

const struct rp_evaluator rp_eval_ad_acl_broad = {
	.name = "ad-acl-broad",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "dangerous rights granted to Everyone, Anonymous, Authenticated "
	    "Users, (Domain) Users, Guests or Domain Computers",
	.evaluate = acl_broad_evaluate,
};

static int
acl_keycred_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	return acl_common(ctx, ck, v, KEYCRED, ACL_UNTRUSTED, expected, 1, 1);
}

const struct rp_evaluator rp_eval_ad_acl_keycredential = {
	.name = "ad-acl-keycredential",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "principals outside the trusted set (Key Admins included) who "
	    "may write msDS-KeyCredentialLink (shadow credentials) on "
	    "privileged objects; also: the group probe",
	.evaluate = acl_keycred_evaluate,
};

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
		dir_verdict(v, RP_ST_ERROR, "probe '%s' returned no domain "
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
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
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
			dir_observe(v, "%s: %s has %s", e->dn, lab, what);
			dir_evidence(v, "%s", e->dn);
			bad++;
		}
		rp_secdesc_release(&sd);
	}
	if (bad > 0 && new_dc != NULL) {
		dir_observe(v, "%s runs Windows Server 2025 or later: dMSAs "
		    "can be used", new_dc);
		dir_verdict(v, RP_ST_FAIL, NULL);
		if (missing > 0)
			v->reason = xasprintf("besides, %zu object(s) without "
			    "a readable security descriptor", missing);
	} else if (considered == 0)
		dir_verdict(v, RP_ST_ERROR, "no OU or domain head returned: "
		    "not readable with this account (%s)", SD_GRANT);
	else if (missing > 0)
		dir_verdict(v, RP_ST_ERROR, "%zu of %zu OU(s) returned without "
		    "a readable nTSecurityDescriptor: not readable with this "
		    "account (%s)", missing, considered, SD_GRANT);
	else {
		if (bad > 0)
			dir_observe(v, "no DC runs Windows Server 2025 (build "
			    "%d): these delegations become exploitable when "
			    "one is added", DMSA_BUILD);
		else
			dir_observe_obj(v, NULL,
			    "%zu OU(s) and domain head examined",
			    considered);
		dir_verdict(v, RP_ST_PASS, NULL);
	}
out:
	free(t0);
	entries_free(&es);
	entries_free(&dcs);
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

const struct rp_evaluator rp_eval_ad_dmsa_create = {
	.name = "ad-dmsa-create",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 2,
	.doc = "principals outside the trusted set and the tier-0 groups who "
	    "may create or take over delegated managed service accounts in an "
	    "OU (BadSuccessor); fails only with a Windows Server 2025 DC; "
	    "also: the group probe, the DC probe",
	.evaluate = dmsa_create_evaluate,
};

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
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
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
			dir_observe_obj(v, e->dn,
			    "%s: owned by %s", ent_label(e), lab);
			dir_evidence(v, "%s", e->dn);
			bad++;
		}
		rp_secdesc_release(&sd);
	}
	if (bad > 0) {
		dir_verdict(v, RP_ST_FAIL, NULL);
		if (missing > 0)
			v->reason = xasprintf("besides, %zu object(s) without "
			    "a readable owner", missing);
	} else if (considered == 0)
		dir_verdict(v, RP_ST_ERROR, "no tier-0 object returned: not "
		    "readable with this account");
	else if (missing > 0)
		dir_verdict(v, RP_ST_ERROR, "%zu of %zu tier-0 object(s) "
		    "returned without a readable owner: not readable with this "
		    "account (rempart asks for the owner only, SD_FLAGS "
		    "control 1)", missing, considered);
	else {
		dir_observe_obj(v, NULL,
		    "%zu tier-0 object(s) examined", considered);
		dir_verdict(v, RP_ST_PASS, NULL);
	}
out:
	entries_free(&es);
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

const struct rp_evaluator rp_eval_ad_owner = {
	.name = "ad-owner",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "DCs and tier-0 objects owned by a principal other than SYSTEM, "
	    "Administrators, Domain or Enterprise Admins or a tier-0 group "
	    "(the probe asks for owners, SD_FLAGS 1); also: the group probe",
	.evaluate = owner_evaluate,
};

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
		dir_verdict(v, RP_ST_NA, "LAPS schema absent (neither "
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
	if (load_or_error(ctx, ctx->out, &es, v) == 0) {
		for (i = 0; i < es.n; i++) {
			if (ent_attr(&es.e[i],
			    "ms-Mcs-AdmPwdExpirationTime") != NULL ||
			    ent_attr(&es.e[i],
			    "msLAPS-PasswordExpirationTime") != NULL) {
				covered++;
				continue;
			}
			dir_observe_obj(v, ent_label(&es.e[i]),
			    "%s", ent_label(&es.e[i]));
			dir_evidence(v, "%s", es.e[i].dn);
		}
		if (es.n == 0)
			dir_verdict(v, RP_ST_NA, "no enabled workstation or "
			    "member server");
		else if ((long long)(covered * 100) < pct * (long long)es.n)
			dir_verdict(v, RP_ST_FAIL, "%zu of %zu computers have "
			    "a LAPS password (less than %lld %%)", covered,
			    es.n, pct);
		else
			dir_verdict(v, RP_ST_PASS, NULL);
		entries_free(&es);
	}
	entries_free(&schema);
	return 0;
}

const struct rp_evaluator rp_eval_ad_laps_coverage = {
	.name = "ad-laps-coverage",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "at least N % (value) of the computers have a LAPS password "
	    "expiration time (legacy or Windows LAPS); na without the LAPS "
	    "schema (also: the schema probe)",
	.evaluate = laps_coverage_evaluate,
};

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
		dir_observe(v, "%s: %s", object_label(e), lab);
		dir_evidence(v, "%s", e->dn);
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
		return dir_verdict(v, RP_ST_NA, "no LAPS password attribute in "
		    "the schema");
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++)
		laps_readers_entry(&es.e[i], g, ng, expected, v, &bad,
		    &missing);
	if (bad > 0)
		dir_verdict(v, RP_ST_FAIL, NULL);
	else if (es.n == 0)
		dir_verdict(v, RP_ST_ERROR, "no container returned: not "
		    "readable with this account (%s)", SD_GRANT);
	else if (missing > 0)
		dir_verdict(v, RP_ST_ERROR, "%zu of %zu container(s) without a "
		    "readable nTSecurityDescriptor: not readable with this "
		    "account (%s)", missing, es.n, SD_GRANT);
	else
		dir_verdict(v, RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_ad_laps_readers = {
	.name = "ad-laps-readers",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "principals outside the trusted set (and the value's SIDs) that "
	    "may read LAPS passwords of the computers below a container; na "
	    "without the LAPS schema (also: the schema probe)",
	.evaluate = laps_readers_evaluate,
};
