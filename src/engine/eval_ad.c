/*
 * eval_ad.c -- Active Directory evaluators that belong to no larger family:
 * attribute tests and flags (ad-attr, ad-flags), DNS zones that accept
 * non-secure updates and wildcard records, domain controller accounts'
 * userAccountControl, and display specifiers that run programs.
 *
 * The other families are in eval_ad_groups.c, eval_ad_accounts.c,
 * eval_ad_acl.c, eval_ad_pki.c and eval_ad_incident.c; what they share is
 * declared in eval_ad_int.h and dir_store.h. Every evaluator is pure: it
 * reads the probes of its target (the check's <read probe> in ctx->out,
 * and the probes named by <evaluator also=...> through rp_target_probe()),
 * the incident and the audit time, and nothing else. What the audit
 * account could not read is an error that says so, never a pass.
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
/* DNS zones stored in the directory                                   */

#define DNS_PROP_ALLOW_UPDATE	0x02	/* DSPROPERTY_ZONE_ALLOW_UPDATE */
#define DNS_UPDATE_NONSECURE	1

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
		dlen = rp_le32(p);
		if (rp_le32(p + 16) == DNS_PROP_ALLOW_UPDATE && dlen >= 1 &&
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
		return dir_verdict(v, RP_ST_ERROR, "expected value '%s' is not "
		    "domain or other", expected ? expected : "");
	if (ck->nalso < 2)
		return dir_verdict(v, RP_ST_ERROR, "check names no probe 2 in "
		    "<evaluator also=...>");
	po[0] = ctx->out;
	for (i = 1; i < 3; i++) {
		po[i] = ctx->target ? rp_target_probe(ctx->target,
		    ck->also[i - 1]) : NULL;
		if (po[i] != NULL && po[i]->status == RP_PS_NA) {
			dir_observe(v, "no zone in %s (the partition does not "
			    "exist under the domain)", dns_partitions[i]);
			po[i] = NULL;
		} else if ((po[i] = also_probe(ctx, ck, i - 1, v)) == NULL)
			goto out;
	}
	for (i = 0; i < 3; i++) {
		if (po[i] == NULL)
			continue;
		if (load_or_error(ctx, po[i], &es[i], v) != 0)
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
			dir_observe(v, "%s (%s): nonsecure dynamic updates "
			    "allowed", n, dns_partitions[i]);
			dir_evidence(v, "%s", e->dn);
			bad++;
		}
	}
	if (bad > 0)
		dir_verdict(v, RP_ST_FAIL, NULL);
	else if (zones == 0)
		dir_verdict(v, RP_ST_ERROR, "no DNS zone returned under "
		    "CN=MicrosoftDNS: not readable with this account, or the "
		    "DNS is not stored in the directory");
	else {
		dir_observe_obj(v, NULL, "%zu zone(s) examined", zones);
		dir_verdict(v, RP_ST_PASS, NULL);
	}
out:
	for (i = 0; i < 3; i++)
		if (loaded[i])
			entries_free(&es[i]);
	return 0;
}

const struct rp_evaluator rp_eval_ad_dns_update = {
	.name = "ad-dns-update",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 2,
	.doc = "AD-integrated DNS zones allowing nonsecure dynamic updates; "
	    "value: domain (the domain's zone and RootDNSServers) or other; "
	    "also: the ForestDnsZones and legacy CN=System zone probes (may be "
	    "absent)",
	.evaluate = dns_update_evaluate,
};

static int
ad_attr_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	return attr_common(ctx, ck, expected, v,
	    "grant it Read on the object, as Authenticated Users have by "
	    "default");
}

const struct rp_evaluator rp_eval_ad_attr = {
	.name = "ad-attr",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "the <read> values against '[quant] op value' (the value); no "
	    "entry returned is an error, an absent attribute takes the <read "
	    "default>",
	.evaluate = ad_attr_evaluate,
};

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
	int set;

	if (expected == NULL || (strncmp(expected, "set ", 4) != 0 &&
	    strncmp(expected, "clear ", 6) != 0) || !ck->has_extract)
		return dir_verdict(v, RP_ST_ERROR, "check needs a <read> and a "
		    "value 'set BITS' or 'clear BITS' (got '%s')",
		    expected ? expected : "");
	set = expected[0] == 's';
	if (rp_strtonum_base(expected + (set ? 4 : 6), 0, 1,
	    0x7fffffffffffffffLL, &bits) != 0)
		return dir_verdict(v, RP_ST_ERROR, "bad bits in '%s'",
		    expected);
	if (read_values(ctx, ck, "grant it Read on the object", &vals, v) != 0)
		return 0;
	if (vals.n == 0 || rp_strtonum(vals.v[0], -0x7fffffffffffffffLL,
	    0x7fffffffffffffffLL, &val) != 0)
		dir_verdict(v, RP_ST_ERROR, "'%s' absent or not a number",
		    ck->extract.key ? ck->extract.key : "?");
	else {
		rp_verdict_observe(v, vals.v[0], vals.len[0]);
		dir_verdict(v, ((val & bits) == bits) == set ? RP_ST_PASS :
		    RP_ST_FAIL, NULL);
	}
	rp_values_release(&vals);
	return 0;
}

const struct rp_evaluator rp_eval_ad_flags = {
	.name = "ad-flags",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "an integer attribute has bits set ('set 0x1') or clear ('clear "
	    "0x10'); no entry is an error",
	.evaluate = flags_evaluate,
};

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
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
		return 0;
	for (i = 0; i < es.n; i++) {
		const struct entry *e = &es.e[i];

		if (ent_num(e, "userAccountControl", &uac) != 0 ||
		    ent_num(e, "primaryGroupID", &pg) != 0) {
			dir_observe_obj(v, ent_label(e),
			    "%s: userAccountControl or "
			    "primaryGroupID not returned", ent_label(e));
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
		dir_observe_obj(v, ent_label(e),
		    "%s: userAccountControl 0x%llx, %s",
		    ent_label(e), uac & 0xffffffffLL, why);
		dir_evidence(v, "%s", e->dn);
		bad++;
	}
	if (bad > 0)
		dir_verdict(v, RP_ST_FAIL, NULL);
	else if (unread > 0)
		dir_verdict(v, RP_ST_ERROR, "%zu account(s) returned without "
		    "userAccountControl or primaryGroupID", unread);
	else if (n == 0)
		dir_verdict(v, RP_ST_ERROR, "no domain controller account "
		    "returned: not readable with this account");
	else {
		dir_observe_obj(v, NULL, "%zu DC account(s) examined", n);
		dir_verdict(v, RP_ST_PASS, NULL);
	}
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_ad_dc_uac = {
	.name = "ad-dc-uac",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "accounts whose userAccountControl and primaryGroupID disagree "
	    "on being a writable (SERVER_TRUST_ACCOUNT, "
	    "TRUSTED_FOR_DELEGATION, 516) or read-only "
	    "(PARTIAL_SECRETS_ACCOUNT, WORKSTATION_TRUST_ACCOUNT, 521) domain "
	    "controller",
	.evaluate = dc_uac_evaluate,
};

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
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
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
			dir_observe(v, "%s.%s (%s, created %s): owner not "
			    "readable", n ? n : "?", zone,
			    addr[0] ? addr : "no address", when);
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
		dir_observe(v, "%s.%s (%s, created %s): owned by %s%s",
		    n ? n : "?", zone, addr[0] ? addr : "no address", when,
		    lab, ok ? "" : ", not an administrator");
		if (!ok) {
			dir_evidence(v, "%s", e->dn);
			bad++;
		}
	}
	if (bad > 0)
		dir_verdict(v, RP_ST_FAIL, NULL);
	else if (missing > 0)
		dir_verdict(v, RP_ST_ERROR, "%zu record(s) returned without a "
		    "readable owner: not readable with this account (rempart "
		    "asks for the owner only, SD_FLAGS control 1)", missing);
	else {
		if (es.n == 0)
			dir_observe(v, "no wildcard or WPAD record");
		dir_verdict(v, RP_ST_PASS, NULL);
	}
out:
	entries_free(&es);
	closure_free(&c);
	graph_free(&gr);
	return 0;
}

const struct rp_evaluator rp_eval_ad_dns_wildcard = {
	.name = "ad-dns-wildcard",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 1,
	.doc = "wildcard (*) and WPAD records of the AD-integrated zones owned "
	    "by a principal other than SYSTEM, the DCs, the administrators or "
	    "a tier-0 group (SD_FLAGS 1); also: the group probe",
	.evaluate = dns_wildcard_evaluate,
};

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
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
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
				dir_observe(v, "%s (%s): runs %s, outside "
				    "SYSVOL", e->dn, e->av[j].name, prog);
				dir_evidence(v, "%s", e->dn);
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
		dir_observe(v, "%s run by %zu specifier(s)", seen[k], cnt[k]);
		free(seen[k]);
	}
	if (other > 0)
		dir_observe(v, "%zu more menu entries", other);
	if (bad == 0 && nseen == 0)
		dir_observe(v, "no context menu runs a program");
	dir_verdict(v, bad > 0 ? RP_ST_FAIL : RP_ST_PASS, NULL);
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_ad_display_specifier = {
	.name = "ad-display-specifier",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "display specifier context menus (adminContextMenu, "
	    "shellContextMenu) that run a program from a UNC path outside the "
	    "forest's SYSVOL",
	.evaluate = display_specifier_evaluate,
};
