/*
 * report.c -- what every renderer shares: the renderer table, labels of
 * the enumerations, sentences of the summary, expected values and reasons
 * in words, coverage.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/file.h"
#include "core/json.h"
#include "core/model.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "report/escape.h"
#include "report/i18n.h"
#include "report/render.h"
#include "report/report.h"
#include "core/banned.h"

static const struct rp_renderer renderers[] = {
	{ "md", "markdown", RP_FMT_MD, rp_render_md },
	{ "json", NULL, RP_FMT_JSON, rp_render_json },
	{ "csv", NULL, RP_FMT_CSV, rp_render_csv },
	{ "junit", NULL, RP_FMT_JUNIT, rp_render_junit },
	{ "html", NULL, RP_FMT_HTML, rp_report_html },
	{ "plan-csv", NULL, RP_FMT_PLAN_CSV, rp_render_plan_csv },
};

int
rp_report_format_parse(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(renderers) / sizeof(renderers[0]); i++)
		if (strcmp(s, renderers[i].name) == 0 ||
		    (renderers[i].alias != NULL &&
		    strcmp(s, renderers[i].alias) == 0))
			return (int)renderers[i].fmt;
	return -1;
}





/*
 * Labels of the enumerations a report shows: each through the catalogue,
 * with a context where one English word takes two French forms (a
 * severity is feminine in French, an effort masculine). Unknown values
 * are shown as they are (identifiers checked at load).
 */
static const struct label {
	const char *kind, *id, *key, *en;
} enum_labels[] = {
#define L(k, id, ctx, en)	{ k, id, ctx "\004" en, en }
	L("severity", "critical", "severity", "critical"),
	L("severity", "high", "severity", "high"),
	L("severity", "medium", "severity", "medium"),
	L("severity", "low", "severity", "low"),
	L("severity", "info", "severity", "info"),
	L("effort", "low", "effort", "low"),
	L("effort", "medium", "effort", "medium"),
	L("effort", "high", "effort", "high"),
	L("status", "pass", "status", "compliant"),
	L("status", "fail", "status", "not compliant"),
	L("status", "error", "status", "not assessed"),
	L("status", "na", "status", "not applicable"),
	L("status", "waived", "status", "waived"),
	L("tstatus", "ok", "target status", "audited"),
	L("tstatus", "partial", "target status", "partly audited"),
	L("tstatus", "unreachable", "target status", "unreachable"),
	L("tstatus", "auth-failed", "target status", "login refused"),
	L("tstatus", "hostkey-mismatch", "target status", "host key changed"),
	L("tstatus", "error", "target status", "collection failed"),
	L("module", "ad/acl", "area", "AD: permissions (ACL)"),
	L("module", "ad/adcs", "area", "AD: certificate services (AD CS)"),
	L("module", "ad/anssi-misc", "area", "AD: secret keys, SYSVOL "
	    "replication, schema"),
	L("module", "ad/backup", "area", "AD: backups"),
	L("module", "ad/dcs", "area", "AD: domain controllers"),
	L("module", "ad/display-specifiers", "area", "AD: display specifiers "
	    "(console menus)"),
	L("module", "ad/dmsa", "area", "AD: delegated managed service accounts "
	    "(dMSA)"),
	L("module", "ad/dns", "area", "AD: DNS"),
	L("module", "ad/domain", "area", "AD: domain"),
	L("module", "ad/gpo", "area", "AD: GPO content (SYSVOL)"),
	L("module", "ad/kerberos", "area", "AD: Kerberos"),
	L("module", "ad/laps", "area", "AD: local administrator passwords "
	    "(LAPS)"),
	L("module", "ad/machines", "area", "AD: computer accounts"),
	L("module", "ad/owners", "area", "AD: owners of tier-0 objects"),
	L("module", "ad/password", "area", "AD: passwords"),
	L("module", "ad/primary-group", "area", "AD: primary groups"),
	L("module", "ad/privileged", "area", "AD: privileged accounts"),
	L("module", "ad/rodc", "area", "AD: read-only domain controllers"),
	L("module", "ad/shadow-credentials", "area", "AD: shadow credentials"),
	L("module", "ad/sidhistory", "area", "AD: SID history"),
	L("module", "ad/stale", "area", "AD: stale objects"),
	L("module", "ad/trusts", "area", "AD: trusts"),
	L("module", "linux/accounts", "area", "Linux: accounts"),
	L("module", "linux/boot", "area", "Linux: boot and integrity"),
	L("module", "linux/filesystem", "area", "Linux: file systems"),
	L("module", "linux/incident", "area", "Linux: traces of the incident"),
	L("module", "linux/kernel", "area", "Linux: kernel"),
	L("module", "linux/logging", "area", "Linux: logging"),
	L("module", "linux/services", "area", "Linux: services"),
	L("module", "linux/ssh", "area", "Linux: SSH"),
	L("module", "linux/time", "area", "Linux: time"),
	L("module", "linux/updates", "area", "Linux: updates"),
	L("module", "openldap/acl", "area", "OpenLDAP: access control"),
	L("module", "openldap/passwords", "area", "OpenLDAP: passwords"),
	L("module", "openldap/ppolicy", "area", "OpenLDAP: password policy"),
	L("module", "openldap/security", "area", "OpenLDAP: security settings"),
	L("module", "openldap/server", "area", "OpenLDAP: server"),
	L("module", "manual/post-incident", "area", "After the incident "
	    "(attestations)"),
	L("coverage", "full", "coverage", "audited fully"),
	L("coverage", "partial", "coverage", "partly audited"),
	L("coverage", "none", "coverage", "not audited"),
	L("phase", "confinement", "incident phase", "confinement"),
	L("phase", "remediation", "incident phase", "remediation"),
	L("phase", "hardening", "incident phase", "hardening"),
	L("level", "minimal", "level", "minimal"),
	L("level", "intermediary", "level", "intermediary"),
	L("level", "enhanced", "level", "enhanced"),
	L("level", "hardened", "level", "hardened"),
	L("level", "l1-server", "level", "CIS level 1 (server)"),
	L("level", "1", "level", "level 1"),
	L("level", "2", "level", "level 2"),
	L("level", "3", "level", "level 3"),
	L("level", "4", "level", "level 4"),
	L("level", "5", "level", "level 5"),
	L("role", "critical", "role", "critical"),
	L("role", "internal", "role", "internal"),
	L("role", "dc", "role", "domain controller"),
	L("role", "internet-facing", "role", "internet-facing"),
	L("role", "patient-care", "role", "patient care"),
	L("kind", "linux", "target kind", "Linux"),
	L("kind", "ad", "target kind", "Active Directory"),
	L("kind", "openldap", "target kind", "OpenLDAP"),
	L("kind", "manual", "target kind", "Organisation (attestations)"),
	L("change", "new", "change", "new"),
	L("change", "regressed", "change", "regressed"),
	L("change", "fixed", "change", "fixed"),
	L("change", "still-open", "change", "still open"),
	L("org", "hospital", "organisation type", "hospital"),
	L("org", "medico-social", "organisation type", "medico-social "
	    "establishment"),
	L("org", "radiotherapy-centre", "organisation type", "radiotherapy "
	    "centre"),
	L("org", "medical-laboratory", "organisation type", "medical "
	    "laboratory"),
	L("org", "other", "organisation type", "other"),
#undef L
};

/* The translated label of value id of an enumeration ("severity", ...). */
const char *
rp_report_label(const char *kind, const char *id)
{
	size_t i;

	for (i = 0; i < sizeof(enum_labels) / sizeof(enum_labels[0]); i++)
		if (strcmp(enum_labels[i].kind, kind) == 0 &&
		    strcmp(enum_labels[i].id, id) == 0)
			return rp_pgettext(enum_labels[i].key,
			    enum_labels[i].en);
	return id;
}

/* For xgettext: the labels above, with their contexts. */
#if 0
C_("severity", "critical") C_("severity", "high") C_("severity", "medium")
C_("severity", "low") C_("severity", "info")
C_("effort", "low") C_("effort", "medium") C_("effort", "high")
C_("status", "compliant") C_("status", "not compliant")
C_("status", "not assessed") C_("status", "not applicable")
C_("status", "waived")
C_("target status", "audited") C_("target status", "partly audited")
C_("target status", "unreachable") C_("target status", "login refused")
C_("target status", "host key changed")
C_("target status", "collection failed")
C_("area", "AD: permissions (ACL)")
C_("area", "AD: domain")
C_("area", "AD: Kerberos")
C_("area", "AD: local administrator passwords (LAPS)")
C_("area", "AD: passwords")
C_("area", "AD: privileged accounts")
C_("area", "AD: shadow credentials")
C_("area", "AD: SID history")
C_("area", "AD: stale objects")
C_("area", "AD: trusts")
C_("area", "AD: certificate services (AD CS)")
C_("area", "AD: backups")
C_("area", "AD: domain controllers")
C_("area", "AD: display specifiers (console menus)")
C_("area", "AD: secret keys, SYSVOL replication, schema")
C_("area", "AD: delegated managed service accounts (dMSA)")
C_("area", "AD: DNS")
C_("area", "AD: computer accounts")
C_("area", "AD: owners of tier-0 objects")
C_("area", "AD: primary groups")
C_("area", "AD: read-only domain controllers")
C_("area", "Linux: accounts")
C_("area", "Linux: boot and integrity")
C_("area", "Linux: file systems")
C_("area", "Linux: traces of the incident")
C_("area", "Linux: kernel")
C_("area", "Linux: logging")
C_("area", "Linux: services")
C_("area", "Linux: SSH")
C_("area", "Linux: time")
C_("area", "Linux: updates")
C_("area", "OpenLDAP: access control")
C_("area", "OpenLDAP: passwords")
C_("area", "OpenLDAP: password policy")
C_("area", "OpenLDAP: security settings")
C_("area", "OpenLDAP: server")
C_("coverage", "audited fully") C_("coverage", "partly audited")
C_("coverage", "not audited")
C_("incident phase", "confinement") C_("incident phase", "remediation")
C_("incident phase", "hardening")
C_("level", "minimal") C_("level", "intermediary") C_("level", "enhanced")
C_("level", "hardened") C_("level", "CIS level 1 (server)")
C_("level", "level 1") C_("level", "level 2") C_("level", "level 3")
C_("level", "level 4") C_("level", "level 5")
C_("role", "critical") C_("role", "internal") C_("role", "domain controller")
C_("role", "internet-facing") C_("role", "patient care")
C_("target kind", "Linux") C_("target kind", "Active Directory")
C_("target kind", "OpenLDAP")
C_("change", "new") C_("change", "regressed") C_("change", "fixed")
C_("change", "still open")
C_("organisation type", "hospital")
C_("organisation type", "medico-social establishment")
C_("organisation type", "radiotherapy centre")
C_("organisation type", "medical laboratory")
C_("organisation type", "other")
#endif

static int	 sev_rank(json_t *);
static char	*none_sentence(const char *, const char *);

/*
 * A template with "%s" where values go, filled without printf (the
 * templates come from a table, not a literal): the first %s takes a, the
 * second b; "%%" is "%" (owned).
 */
static char *
subst(const char *fmt, const char *a, const char *b)
{
	char *out = xstrdup(""), *n;
	const char *p, *v;
	int k = 0;

	for (p = fmt; *p; ) {
		if (p[0] == '%' && p[1] == 's') {
			v = k++ == 0 ? a : b;
			n = xasprintf("%s%s", out, v ? v : "");
			p += 2;
		} else if (p[0] == '%' && p[1] == '%') {
			n = xasprintf("%s%%", out);
			p += 2;
		} else {
			size_t l = strcspn(p + 1, "%") + 1;

			n = xasprintf("%s%.*s", out, (int)l, p);
			p += l;
		}
		free(out);
		out = n;
	}
	return out;
}

/*
 * A reference's public page, or NULL (owned). The id part was checked at
 * load (letters, digits, . _ : - / + and space); a space or anything
 * else unexpected gives no link.
 */
char *
rp_report_ref_url(const char *ref)
{
	const char *id = ref != NULL ? strchr(ref, ':') : NULL, *p;
	char *u, *q;

	/* a reference that is not a string in a results file: no link */
	if (id == NULL || *++id == '\0')
		return NULL;
	/* the id lands in a URL and in Markdown link syntax: ids of the
	 * catalogue only (letters, digits, '.', '_', '-') */
	for (p = id; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_' &&
		    *p != '-')
			return NULL;
	if (strncmp(ref, "attack:", 7) == 0) {
		if (id[0] != 'T')
			return NULL;
		u = xasprintf("https://attack.mitre.org/techniques/%s/", id);
		/* T1558.003 -> T1558/003 */
		if ((q = strchr(u + 36, '.')) != NULL)
			*q = '/';
		return u;
	}
	if (strncmp(ref, "anssi-ad:", 9) == 0)
		return xasprintf("https://www.cert.ssi.gouv.fr/uploads/"
		    "ad_checklist.html#%s", id);
	if (strncmp(ref, "pingcastle:", 11) == 0)
		return xasprintf("https://www.pingcastle.com/PingCastleFiles/"
		    "ad_hc_rules_list.html#%s", id);
	p = NULL;
	if (strncmp(ref, "anssi-bp028:", 12) == 0)
		p = "https://cyber.gouv.fr/publications/recommandations-de-"
		    "securite-relatives-un-systeme-gnulinux";
	else if (strncmp(ref, "anssi-nt007:", 12) == 0)
		p = "https://cyber.gouv.fr/publications/usage-securise-"
		    "dopenssh";
	else if (strncmp(ref, "cis-debian12:", 13) == 0)
		p = "https://www.cisecurity.org/benchmark/debian_linux";
	else if (strncmp(ref, "cis-openldap:", 13) == 0)
		p = "https://www.cisecurity.org/cis-benchmarks";
	return p ? xstrdup(p) : NULL;
}

/* Failed results grouped by check: checks by their highest severity,
 * then id; targets by id within a check. */
static json_t *cmp_maxsev;

static int
cmp_by_check(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int d = (int)(json_integer_value(json_object_get(cmp_maxsev,
	    S(y, "check"))) - json_integer_value(json_object_get(cmp_maxsev,
	    S(x, "check"))));

	if (d == 0)
		d = strcmp(S(x, "check"), S(y, "check"));
	if (d == 0)
		d = strcmp(S(x, "target"), S(y, "target"));
	return d;
}

json_t **
rp_report_failed(json_t *root, size_t *n)
{
	json_t **v = rp_report_select_status(json_object_get(root, "results"), "fail",
	    n), *e;
	size_t i;
	int sv;

	cmp_maxsev = json_object();
	for (i = 0; i < *n; i++) {
		sv = sev_rank(v[i]);
		e = json_object_get(cmp_maxsev, S(v[i], "check"));
		if (e == NULL || json_integer_value(e) < sv)
			json_object_set_new(cmp_maxsev, S(v[i], "check"),
			    json_integer(sv));
	}
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_by_check);
	json_decref(cmp_maxsev);
	cmp_maxsev = NULL;
	return v;
}

/* The sentence of operator op with value v (owned). */
static char *
op_sentence(const char *op, const char *v)
{
	static const struct { const char *op, *fmt; } t[] = {
		{ "eq", N_("must be « %s »") },
		{ "ne", N_("must not be « %s »") },
		{ "lt", N_("less than %s") },
		{ "le", N_("at most %s") },
		{ "gt", N_("more than %s") },
		{ "ge", N_("at least %s") },
		{ "in", N_("one of: %s") },
		{ "not-in", N_("none of: %s") },
		{ "matches", N_("must match the pattern %s") },
		{ "not-matches", N_("must not match the pattern %s") },
		{ "version-lt", N_("version older than %s") },
		{ "version-le", N_("version %s or older") },
		{ "version-gt", N_("version newer than %s") },
		{ "version-ge", N_("version %s or newer") },
	};
	size_t i;

	if (strcmp(op, "absent") == 0)
		return xstrdup(_("must be absent"));
	if (strcmp(op, "present") == 0)
		return xstrdup(_("must be present"));
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].op, op) == 0)
			return subst(_(t[i].fmt), v, NULL);
	return NULL;
}

/* Rules of native evaluators whose parameter reads as a sentence. */
static char *
evaluator_sentence(const char *ev, const char *v)
{
	static const struct { const char *ev, *fmt; } t[] = {
		{ "ad-filetime-age", N_("at most %s days old") },
		{ "ad-older-than", N_("at most %s days old") },
		{ "ad-inactive", N_("used within the last %s days") },
		{ "ad-privileged-age", N_("password changed within %s days") },
		{ "ad-privileged-count", N_("at most %s privileged accounts") },
		{ "ad-pso", N_("passwords of at least %s characters") },
		{ "ad-rid", N_("the account of RID %s disabled") },
		{ "ad-changed-window", N_("%s unchanged during the incident") },
		{ "linux-stat-mode", N_("mode %s or stricter") },
		{ "linux-file-mode", N_("mode %s or stricter") },
		{ "linux-has-all", N_("all of: %s") },
		{ "openldap-password-schemes", N_("only these schemes: %s") },
		{ "openldap-rootpw", N_("only these schemes: %s") },
	};
	const char *sp, *q = NULL;
	char *op, *r, *w;
	size_t i;

	/* "750 any-owner": the mode, whoever owns the file */
	if (strcmp(ev, "linux-stat-mode") == 0 && (sp = strchr(v, ' ')) !=
	    NULL && strcmp(sp, " any-owner") == 0) {
		op = xstrndup(v, (size_t)(sp - v));
		r = subst(_("mode %s or stricter, whoever owns it"), op, NULL);
		free(op);
		return r;
	}
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].ev, ev) == 0)
			return subst(_(t[i].fmt), v, NULL);
	/* "ge 3", "any eq bind_anon", "none eq bind_v2": a quantifier, an
	 * operator and its value */
	if (strncmp(v, "any ", 4) == 0 || strncmp(v, "all ", 4) == 0 ||
	    strncmp(v, "none ", 5) == 0) {
		q = v;
		v = strchr(v, ' ') + 1;
	}
	if ((sp = strchr(v, ' ')) != NULL) {
		op = xstrndup(v, (size_t)(sp - v));
		r = q != NULL && *q == 'n' ? none_sentence(op, sp + 1) : NULL;
		if (r != NULL) {
			free(op);
			return r;
		}
		r = op_sentence(op, sp + 1);
		free(op);
		if (r != NULL && q != NULL) {
			w = subst(_(*q == 'n' ? "no value may satisfy: %s" :
			    *q == 'a' && q[1] == 'l' ? "every value: %s" :
			    "at least one value: %s"), r, NULL);
			free(r);
			r = w;
		}
		if (r != NULL)
			return r;
	}
	if (strncmp(v, "set ", 4) == 0)
		return xasprintf(_("flag %s set"), v + 4);
	return xasprintf(_("per the check's rule (%s)"), v);
}

/* Quantifier "none" with the operators where one sentence says it. */
static char *
none_sentence(const char *op, const char *v)
{
	if (strcmp(op, "matches") == 0)
		return subst(_("no value may match the pattern %s"), v, NULL);
	if (strcmp(op, "eq") == 0)
		return subst(_("no value may be « %s »"), v, NULL);
	if (strcmp(op, "in") == 0)
		return subst(_("none of: %s"), v, NULL);
	return NULL;
}

/*
 * The "expected" column as a sentence: "must be « no »", "at least
 * 65536", "none may match the pattern ..." (owned).
 */
char *
rp_report_expected(json_t *r)
{
	const char *op = S(r, "operator"), *v = S(r, "expected");
	const char *q = S(r, "quantifier");
	char *s, *t;

	if (*op == '\0')
		return xstrdup("");
	if ((s = op_sentence(op, v)) == NULL) {
		if (*v == '\0')
			return xstrdup(_("compliant with the check's rule"));
		return evaluator_sentence(op, v);
	}
	/* "no value may match X" reads better than a nested sentence */
	if (strcmp(q, "none") == 0 && (t = none_sentence(op, v)) != NULL) {
		free(s);
		return t;
	}
	if (strcmp(q, "none") == 0)
		t = xasprintf(_("no value may satisfy: %s"), s);
	else if (strcmp(q, "all") == 0)
		t = xasprintf(_("every value: %s"), s);
	else if (strcmp(q, "any") == 0)
		t = xasprintf(_("at least one value: %s"), s);
	else if (strcmp(q, "count") == 0)
		t = xasprintf(_("number of values: %s"), s);
	else
		return s;
	free(s);
	return t;
}

/*
 * Reasons the evaluation writes, as translatable templates: the English
 * text with %s where a value goes (at most two).
 */
static const struct { const char *en, *fmt; int label; } reasons[] = {
	{ "target not audited (%s)", N_("target not audited (%s)"), 1 },
	{ "target not reached (%s)", N_("target not reached (%s)"), 1 },
	{ "probe '%s' was not collected", N_("probe '%s' was not "
	    "collected"), 0 },
	{ "probe '%s' has no output file", N_("probe '%s' has no output "
	    "file"), 0 },
	{ "probe '%s' is collected in deep mode only (collect --deep)",
	    N_("probe '%s' is collected in deep mode only (collect "
	    "--deep)"), 0 },
	{ "probe '%s' error: %s", N_("probe '%s' failed: %s"), 0 },
	{ "probe '%s' truncated: %s", N_("probe '%s' output capped: %s"), 0 },
	{ "probe '%s' error", N_("probe '%s' failed"), 0 },
	{ "probe '%s' truncated", N_("probe '%s' output capped"), 0 },
	{ "value not found in the probe output", N_("value not found in the "
	    "probe output"), 0 },
	{ "too many values to judge: output capped", N_("too many values to "
	    "judge: output capped"), 0 },
	{ "component absent on this target", N_("component absent on this "
	    "target"), 0 },
	{ "sudo needs a password", N_("sudo needs a password"), 0 },
	{ "no probe output", N_("no probe output"), 0 },
	{ "extraction failed", N_("extraction failed"), 0 },
	{ "none of the files exists", N_("none of the files exists"), 0 },
	{ "no such file on this host", N_("no such file on this host"), 0 },
	{ "this host is not listed as compromised in the incident context",
	    N_("this host is not listed as compromised in the incident "
	    "context"), 0 },
	{ "command '%s' not found", N_("command '%s' not found"), 0 },
	/* details of a probe that failed (collect/host.c) */
	{ "sudo refused a command this probe needs as root (allow it "
	    "NOPASSWD for '%s', or audit as root)", N_("sudo refused a "
	    "command this probe needs as root (allow it NOPASSWD for '%s', "
	    "or audit as root)"), 0 },
	{ "output capped at %s bytes (the host sent %s)", N_("output capped "
	    "at %s bytes (the host sent %s)"), 0 },
	{ "'%s' not found on the target", N_("'%s' not found on the "
	    "target"), 0 },
	{ "not run: %s", N_("not run: %s"), 0 },
	{ "no end marker: %s", N_("no end marker: %s"), 0 },
	{ "sudo requires a tty (requiretty)", N_("sudo requires a tty "
	    "(requiretty)"), 0 },
	{ "sudo is not installed", N_("sudo is not installed"), 0 },
	/* a target's error (collect) */
	{ "%s: sudo refused a command this probe needs as root (allow it "
	    "NOPASSWD for '%s', or audit as root)", N_("%s: sudo refused a "
	    "command this probe needs as root (allow it NOPASSWD for '%s', "
	    "or audit as root)"), 0 },
	{ "sudo needs a password: %s root probes not run", N_("sudo needs a "
	    "password: %s root probes not run"), 0 },
	{ "cannot connect to '%s' port %s: Connection refused", N_("cannot "
	    "connect to '%s' port %s: connection refused"), 0 },
};

/* s against pattern p (literal text and up to two %s): the values. */
static int
match_reason(const char *p, const char *s, char **a, char **b)
{
	const char *pc = strstr(p, "%s"), *pc2, *e;
	size_t lit;
	char *lit2;

	*a = *b = NULL;
	if (pc == NULL)
		return strcmp(p, s) == 0;
	if (strncmp(p, s, (size_t)(pc - p)) != 0)
		return 0;
	s += pc - p;
	p = pc + 2;
	pc2 = strstr(p, "%s");
	lit = pc2 ? (size_t)(pc2 - p) : strlen(p);
	lit2 = xstrndup(p, lit);
	/* the first value ends at the next literal text (the last one, at
	 * the end of s) */
	if (pc2 != NULL)
		e = *lit2 ? strstr(s, lit2) : NULL;
	else
		e = strlen(s) >= lit && strcmp(s + strlen(s) - lit, lit2) == 0 ?
		    s + strlen(s) - lit : NULL;
	free(lit2);
	if (e == NULL || e == s)
		return 0;
	*a = xstrndup(s, (size_t)(e - s));
	if (pc2 == NULL)
		return 1;
	s = e + lit;
	p = pc2 + 2;
	lit = strlen(p);
	if (strlen(s) <= lit || strcmp(s + strlen(s) - lit, p) != 0) {
		free(*a);
		*a = NULL;
		return 0;
	}
	*b = xstrndup(s, strlen(s) - lit);
	return 1;
}

/* A reason the evaluation gave, translated where it is known (owned). */
char *
rp_report_reason(json_t *r)
{
	const char *s = S(r, "reason");
	char *a, *b, *t;
	size_t i;

	for (i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++) {
		if (!match_reason(reasons[i].en, s, &a, &b))
			continue;
		if (b != NULL) {
			/* a probe's detail inside a reason, once: a hostile
			 * reason nesting them is not followed (bounded) */
			static int depth;
			char *tb;

			if (depth > 0)
				tb = rp_report_phrases(b);
			else {
				depth++;
				tb = rp_report_reason_text(b);
				depth--;
			}

			t = subst(_(reasons[i].fmt), a, tb);
			free(tb);
		} else if (a != NULL)
			t = subst(_(reasons[i].fmt), reasons[i].label ?
			    rp_report_label("tstatus", a) : a, NULL);
		else
			t = xstrdup(_(reasons[i].fmt));
		free(a);
		free(b);
		return t;
	}
	return rp_report_phrases(s);
}

/* A bare reason text (a probe's detail) translated when known (owned). */
char *
rp_report_reason_text(const char *s)
{
	json_t *o = json_pack("{s:s}", "reason", s);
	char *t = rp_report_reason(o);

	json_decref(o);
	return t;
}

/* "dc,internet-facing" -> "domain controller, internet-facing" (owned). */
char *
rp_report_roles(const char *role)
{
	char *c = xstrdup(role), *save = NULL, *w, *out = xstrdup(""), *n;

	for (save = c; (w = rp_next_token(&save, ",")) != NULL;) {
		n = xasprintf("%s%s%s", out, *out ? ", " : "",
		    rp_report_label("role", w));
		free(out);
		out = n;
	}
	free(c);
	return out;
}

struct group_count {
	const char	*name;
	size_t		 n;
};

static int
group_count_cmp(const void *a, const void *b)
{
	const struct group_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * Where an action's targets are, counted by inventory group: "site_a: 120
 * targets, site_b: 3", the largest groups first, past RP_GROUPS_SHOWN
 * groups "and 7 more groups (640)"; the targets in no group last. A target
 * in two groups counts in both. NULL when none of them carries a group
 * (owned).
 */
#define RP_GROUPS_SHOWN	4
char *
rp_report_action_groups(json_t *root, json_t *action)
{
	json_t *idx = json_object(), *cnt = json_object(), *t, *g, *v;
	struct group_count *gc = NULL;
	const char *k;
	char *out = NULL, *n;
	size_t i, j, ng = 0, none = 0, rest = 0;

	json_array_foreach(json_object_get(root, "targets"), i, t)
		if (json_array_size(json_object_get(t, "groups")) > 0 &&
		    json_is_string(json_object_get(t, "id")))
			json_object_set(idx, json_string_value(json_object_get(t,
			    "id")), json_object_get(t, "groups"));
	if (json_object_size(idx) == 0)
		goto out;
	json_array_foreach(json_object_get(action, "targets"), i, t) {
		if (!json_is_string(t) || (v = json_object_get(idx,
		    json_string_value(t))) == NULL) {
			none++;
			continue;
		}
		json_array_foreach(v, j, g) {
			if (!json_is_string(g))
				continue;
			k = json_string_value(g);
			json_object_set_new(cnt, k, json_integer(
			    json_integer_value(json_object_get(cnt, k)) + 1));
		}
	}
	if ((ng = json_object_size(cnt)) == 0)
		goto out;
	gc = xcalloc(ng, sizeof(*gc));
	i = 0;
	json_object_foreach(cnt, k, v) {
		gc[i].name = k;
		gc[i++].n = (size_t)json_integer_value(v);
	}
	qsort(gc, ng, sizeof(*gc), group_count_cmp);
	out = xstrdup("");
	for (i = 0; i < ng; i++) {
		/* one more group is shown rather than "and 1 more group" */
		if (i == RP_GROUPS_SHOWN && ng > RP_GROUPS_SHOWN + 1) {
			for (j = i; j < ng; j++)
				rest += gc[j].n;
			n = xasprintf(P_("%s, and %zu more group (%zu)",
			    "%s, and %zu more groups (%zu)", ng - i), out,
			    ng - i, rest);
			free(out);
			out = n;
			break;
		}
		if (i == 0)
			n = xasprintf(P_("%s: %zu target", "%s: %zu targets",
			    gc[i].n), gc[i].name, gc[i].n);
		else
			n = xasprintf(_("%s, %s: %zu"), out, gc[i].name,
			    gc[i].n);
		free(out);
		out = n;
	}
	if (none > 0) {
		n = xasprintf(_("%s, in no group: %zu"), out, none);
		free(out);
		out = n;
	}
out:
	free(gc);
	json_decref(cnt);
	json_decref(idx);
	return out;
}

/*
 * An ISO 8601 UTC time ("2026-09-01T00:00:00Z") for people: "1 Sep 2026,
 * 00:00 UTC", « 1 sept. 2026, 00:00 UTC » in French (owned). Anything
 * else is returned as it is.
 */
char *
rp_report_date(const char *iso)
{
	static const char *const mon[] = { N_("Jan"), N_("Feb"), N_("Mar"),
		N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
		N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec") };
	int y, m, d, hh, mm, i;

	if (strlen(iso) < 16 || iso[4] != '-' || iso[7] != '-' ||
	    iso[10] != 'T' || iso[13] != ':')
		return xstrdup(iso);
	for (i = 0; i < 16; i++)
		if (i != 4 && i != 7 && i != 10 && i != 13 &&
		    !isdigit((unsigned char)iso[i]))
			return xstrdup(iso);
	y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') *
	    10 + (iso[3] - '0');
	m = (iso[5] - '0') * 10 + (iso[6] - '0');
	d = (iso[8] - '0') * 10 + (iso[9] - '0');
	hh = (iso[11] - '0') * 10 + (iso[12] - '0');
	mm = (iso[14] - '0') * 10 + (iso[15] - '0');
	if (m < 1 || m > 12)
		return xstrdup(iso);
	/* TRANSLATORS: day, month, year, hour, minute */
	return xasprintf(_("%d %s %d, %02d:%02d UTC"), d, _(mon[m - 1]), y,
	    hh, mm);
}

/*
 * A date of the incident file: a date given as a day (midnight UTC) counts
 * as the whole day (docs/incident-dating.md), so it is shown as a day,
 * "15 Oct 2026"; a time is shown as rp_report_date does (owned).
 */
char *
rp_report_incident_date(const char *iso)
{
	char *d = rp_report_date(iso), *c;

	if (strlen(iso) != 20 || strcmp(iso + 10, "T00:00:00Z") != 0 ||
	    (c = strrchr(d, ',')) == NULL)
		return d;
	/* "%d %s %d, %02d:%02d UTC": the day is what precedes the comma */
	*c = '\0';
	return d;
}

json_t *
rp_report_coverage_of(json_t *root)
{
	return json_object_get(json_object_get(root, "summary"), "coverage");
}

char *
rp_report_limit_text(json_t *root)
{
	json_t *l = json_object_get(root, "limit");
	long long of;

	if (!json_is_object(l))
		return NULL;
	of = I(l, "of");
	return xasprintf(P_("PART OF THE ESTATE: --limit '%s' selects %lld of "
	    "the %lld target. The summary, scores, coverage, plan and findings "
	    "are those of these targets alone; the others are not in this "
	    "report.", "PART OF THE ESTATE: --limit '%s' selects %lld of the "
	    "%lld targets. The summary, scores, coverage, plan and findings "
	    "are those of these targets alone; the others are not in this "
	    "report.", of), S(l, "pattern"), I(l, "targets"), of);
}

char *
rp_report_limit_short(json_t *root)
{
	json_t *l = json_object_get(root, "limit");
	long long of;

	if (!json_is_object(l))
		return NULL;
	of = I(l, "of");
	return xasprintf(P_("part of the estate: %s, %lld of the %lld target",
	    "part of the estate: %s, %lld of the %lld targets", of),
	    S(l, "pattern"), I(l, "targets"), of);
}

const char *
rp_report_verdict_word(json_t *root)
{
	json_t *c = rp_report_coverage_of(root);

	/* a results file without coverage (older tools): never "complete" */
	return json_is_object(c) ? S(c, "verdict") : "unknown";
}

/* Why a target was not (fully) audited, as a translated label. */
const char *
rp_report_cause_label(const char *cause)
{
	static const struct { const char *id, *label; } t[] = {
		{ "hostkey-mismatch", N_("host key changed (possible "
		    "interception or reinstalled host)") },
		{ "unreachable", N_("unreachable") },
		{ "auth-failed", N_("login refused") },
		{ "sudo-password", N_("sudo needs a password: root checks not "
		    "run") },
		{ "probe-errors", N_("some checks could not be evaluated") },
		{ "nothing-applicable", N_("no check could be judged on it "
		    "(all not applicable)") },
		{ "error", N_("collection failed") },
		{ "partial", N_("collection incomplete") },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].id, cause) == 0)
			return _(t[i].label);
	return _("not audited");
}

char *
rp_report_pct(double v)
{
	char *s = xasprintf("%.1f", v), *p;

	/* decimal comma in French */
	if (strcmp(rp_i18n_lang(), "fr") == 0 && (p = strchr(s, '.')) != NULL)
		*p = ',';
	return s;
}

/*
 * Could the attacker still be there? The plan's confinement actions
 * (phase "immediate"), counted, as the headline's first sentence with
 * its trailing space; "" for results without a plan.
 */
static char *
confinement_text(json_t *root)
{
	json_t *plan = json_object_get(root, "plan"), *a;
	long long n = 0;
	size_t i;

	if (!json_is_array(plan))
		return xstrdup("");
	json_array_foreach(plan, i, a)
		n += strcmp(S(a, "phase"), "immediate") == 0;
	if (n == 0)
		return xasprintf("%s ", _("No confinement action: nothing "
		    "audited shows that the attacker may still be present."));
	return xasprintf(P_("%lld confinement action: the attacker may "
	    "still be present. ", "%lld confinement actions: the attacker "
	    "may still be present. ", n), n);
}

/*
 * The verdict as a sentence: nothing assessed, not everything assessed,
 * or everything assessed, then the findings (owned).
 */
char *
rp_report_verdict(json_t *root)
{
	json_t *o = json_object_get(json_object_get(root, "summary"),
	    "overall");
	json_t *sv = json_object_get(o, "failed_by_severity");
	const char *v = rp_report_verdict_word(root), *head;
	long long fail = I(json_object_get(o, "by_status"), "fail");
	long long serious = I(sv, "critical") + I(sv, "high");
	char *tail, *r, *conf;

	if (strcmp(v, "nothing-assessed") == 0)
		return xstrdup(_("Nothing was assessed: no target could be "
		    "audited, so this report gives no score and rules "
		    "nothing out."));
	if (strcmp(v, "complete") == 0)
		head = _("Every target was audited fully.");
	else if (strcmp(v, "unknown") == 0)
		head = _("Coverage unknown: these results do not record it.");
	else
		head = _("Not everything was assessed: the score and the "
		    "findings cover only what could be audited.");
	if (fail == 0)
		tail = xstrdup(_("No finding."));
	else
		tail = xasprintf(P_("%lld finding, %lld of them critical or "
		    "high.", "%lld findings, %lld of them critical or high.",
		    fail), fail, serious);
	conf = confinement_text(root);
	r = xasprintf("%s%s %s", conf, head, tail);
	free(conf);
	free(tail);
	return r;
}

/* The entry of target id in summary.coverage.per_target, or NULL. */
json_t *
rp_report_target_coverage(json_t *root, const char *id)
{
	json_t *pt;
	size_t i;

	json_array_foreach(json_object_get(rp_report_coverage_of(root), "per_target"),
	    i, pt)
		if (strcmp(S(pt, "target"), id) == 0)
			return pt;
	return NULL;
}

/* "partly audited" or "not audited" for a coverage entry not "full". */
static const char *
coverage_word(json_t *pt)
{
	return strcmp(S(pt, "coverage"), "none") == 0 ? _("not audited") :
	    _("partly audited");
}

char *
rp_report_coverage_audited(json_t *pt)
{
	long long n;

	if (strcmp(S(pt, "coverage"), "full") == 0)
		return xstrdup(rp_report_label("coverage", "full"));
	if ((n = I(pt, "not_assessed")) == 0)
		return xstrdup(coverage_word(pt));
	return xasprintf(P_("%s · %lld check not assessed",
	    "%s · %lld checks not assessed", n), coverage_word(pt), n);
}

/*
 * The one answer to "was this target fully audited", from the results'
 * coverage (summary.coverage.per_target) with its count of checks not
 * assessed: "partly audited · 76 checks not assessed" (owned). Results
 * without coverage (older tools): the collection status.
 */
char *
rp_report_target_audited(json_t *root, json_t *t)
{
	json_t *pt = rp_report_target_coverage(root, S(t, "id"));

	if (pt == NULL)
		return xstrdup(rp_report_label("tstatus", S(t, "status")));
	return rp_report_coverage_audited(pt);
}

/* "3 of 5 targets audited fully, 1 partly, 1 not at all." (owned) */
char *
rp_report_coverage_text(json_t *root)
{
	json_t *c = rp_report_coverage_of(root), *t = json_object_get(c, "targets");
	json_t *k = json_object_get(c, "checks");
	long long total = I(t, "total"), ck = I(k, "total");
	char *a, *b, *r;

	if (!json_is_object(c))
		return xstrdup(_("Coverage unknown: these results do not "
		    "record it."));
	a = xasprintf(P_("%lld of %lld target audited fully, %lld partly, "
	    "%lld not at all.", "%lld of %lld targets audited fully, %lld "
	    "partly, %lld not at all.", total), I(t, "full"), total,
	    I(t, "partial"), I(t, "none"));
	b = xasprintf(P_("%lld of %lld check result evaluated, %lld not "
	    "assessed, %lld not applicable.", "%lld of %lld check results "
	    "evaluated, %lld not assessed, %lld not applicable.", ck),
	    I(k, "assessed"), ck, I(k, "not_assessed"),
	    I(k, "not_applicable"));
	r = xasprintf("%s %s", a, b);
	free(a);
	free(b);
	return r;
}

/* "48,9 % compliant, 22,8 % not compliant, 28,3 % not assessed" or the
 * reason there is no score (owned). */
char *
rp_report_score_text(json_t *root)
{
	json_t *sc = json_object_get(rp_report_coverage_of(root), "score");
	char *a, *b, *c, *r;

	if (!json_is_object(rp_report_coverage_of(root)))
		return xstrdup(_("no score: coverage unknown"));
	if (!json_is_object(sc))
		return xstrdup(_("no score: nothing was assessed"));
	a = rp_report_pct(json_number_value(json_object_get(sc, "compliant")));
	b = rp_report_pct(json_number_value(json_object_get(sc,
	    "not_compliant")));
	c = rp_report_pct(json_number_value(json_object_get(sc,
	    "not_assessed")));
	r = xasprintf(_("%s %% compliant, %s %% not compliant, %s %% not "
	    "assessed"), a, b, c);
	free(a);
	free(b);
	free(c);
	return r;
}

/* Plan entries that are not a check: a changed host key. */
int
rp_report_action_is_hostkey(json_t *a)
{
	return strcmp(S(a, "kind"), "hostkey-mismatch") == 0;
}

/* What is wrong: the check's finding title when it has one, else its
 * title; for a changed host key, fixed text. */
const char *
rp_report_finding_title(json_t *x, const char *lang)
{
	const char *t;

	if (rp_report_action_is_hostkey(x))
		return _("The host key changed: the connection may be "
		    "intercepted, or the host was reinstalled");
	t = T(x, "finding", lang);
	return *t ? t : T(x, "title", lang);
}

const char *
rp_report_action_remediation(json_t *a, const char *lang)
{
	if (rp_report_action_is_hostkey(a))
		return _("Do not log in to these hosts nor audit them until "
		    "their new host key is confirmed out of band (console, "
		    "hypervisor, the host's administrator): compare "
		    "'ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub' on "
		    "the console with the key the audit was shown (listed with "
		    "this action). If it matches "
		    "(reinstalled host), replace its line in known_hosts "
		    "('ssh-keygen -R HOST') and rerun the audit; if not, "
		    "treat the network path as compromised.");
	return T(a, "remediation", lang);
}

static int
sev_rank(json_t *r)
{
	return rp_severity_parse(S(r, "severity"));
}

/* Failed results, most severe first, then check id, then target. */
static int
cmp_finding(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int d = sev_rank(y) - sev_rank(x);

	if (d == 0)
		d = strcmp(S(x, "check"), S(y, "check"));
	if (d == 0)
		d = strcmp(S(x, "target"), S(y, "target"));
	return d;
}

json_t **
rp_report_select_status(json_t *results, const char *status, size_t *n)
{
	json_t **v, *r;
	size_t i;

	v = xcalloc(json_array_size(results) + 1, sizeof(*v));
	*n = 0;
	json_array_foreach(results, i, r)
		if (strcmp(S(r, "status"), status) == 0)
			v[(*n)++] = r;
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_finding);
	return v;
}

const char *
rp_report_phase_title(const char *phase, const char *lang)
{
	static const struct { const char *id, *title; } t[] = {
		{ "immediate", N_("Immediate: confinement (the attacker may "
		    "still have access)") },
		{ "remediation", N_("Remediation to complete") },
		{ "quick-wins", N_("Hardening: quick wins") },
		{ "medium-term", N_("Hardening: medium term") },
		{ "long-term", N_("Hardening: long term") },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].id, phase) == 0)
			return _(t[i].title);
	return phase;
}

/* A level rank of the reference as people name it (BP-028: minimal ...). */
static const char *
level_name(const char *reference, long long n, char *buf, size_t len)
{
	static const char *const bp[] = { "minimal", "intermediary",
	    "enhanced", "hardened" };

	if (n <= 0)
		return C_("maturity", "none");
	if (reference != NULL && strcmp(reference, "anssi-bp028") == 0 &&
	    n <= 4)
		return rp_report_label("level", bp[n - 1]);
	snprintf(buf, len, "%lld", n);
	return buf;
}

char *
rp_report_maturity(json_t *level, json_t *target)
{
	json_t *m = json_object_get(target, "maturity");
	const char *ref = rp_json_str(level, "reference"), *by, *lad;
	char a[32], b[32], c[32];
	long long n, of;

	if (!json_is_object(m))
		return xstrdup("—");
	n = rp_json_int(m, "level");
	of = rp_json_int(m, "of");
	by = json_string_value(json_object_get(m, "limited_by"));
	lad = json_string_value(json_object_get(m, "ladder"));
	(void)of;
	(void)b;
	if (by == NULL && lad != NULL)
		return xasprintf(_("%s, the highest level of the reference"),
		    level_name(ref, n, a, sizeof(a)));
	if (by == NULL)
		return xasprintf(_("at least %s (the baseline's level); the "
		    "levels above were not evaluated"), level_name(ref, n, a,
		    sizeof(a)));
	if (strcmp(by, "not-collected") == 0)
		return xasprintf(_("at least %s; level %s and above not "
		    "evaluated: their probes were not collected (collect "
		    "again with %s)"), level_name(ref, n, a, sizeof(a)),
		    level_name(ref, n + 1, c, sizeof(c)), lad != NULL ? lad :
		    "?");
	if (strcmp(by, "no-pass") == 0)
		return xasprintf(_("%s: no check of the reference passed"),
		    level_name(ref, n, a, sizeof(a)));
	return xasprintf(strcmp(by, "fail") == 0 ?
	    _("%s: a check of level %s fails") :
	    _("%s: a check of level %s is not assessed"),
	    level_name(ref, n, a, sizeof(a)), level_name(ref, n + 1, c,
	    sizeof(c)));
}

const char *
rp_report_level_verdict(const char *v)
{
	if (strcmp(v, "reached") == 0)
		return _("reached");
	if (strcmp(v, "not-reached") == 0)
		return _("not reached");
	return _("not assessed");
}

/* A score of "since" as text: "48,9 %", or "—" when there was none
 * (owned). */
char *
rp_report_score_value(json_t *v)
{
	char *p, *r;

	if (!json_is_number(v))
		return xstrdup("—");
	p = rp_report_pct(json_number_value(v));
	r = xasprintf("%s %%", p);
	free(p);
	return r;
}

char *
rp_report_footprint_text(json_t *x, const char *lang)
{
	const char *k = S(x, "kind"), *a = S(x, "account");

	if (strcmp(k, "login-key") == 0)
		return xasprintf(_("authorized key of %s (the audit's "
		    "login)"), a);
	if (strcmp(k, "login-password") == 0)
		return xasprintf(_("password login of %s (the audit's "
		    "account)"), a);
	if (strcmp(k, "sudo-rule") == 0)
		return xasprintf(_("sudo rule for %s in %s: %s"), a, S(x, "where"),
		    S(x, "detail"));
	return xasprintf("%s (%s)", k, a);
}

/*
 * What the post-incident checks examined on a target and what they could
 * not (results.json targets[].incident_coverage); owned, NULL if none.
 */
char *
rp_report_incident_coverage_text(json_t *t, const char *lang)
{
	json_t *c = json_object_get(t, "incident_coverage");
	struct rp_strbuf sb = RP_STRBUF_INIT(4096);
	long long files, births;

	(void)lang;
	if (!json_is_object(c))
		return NULL;
	files = (long long)json_integer_value(json_object_get(c,
	    "files_examined"));
	births = (long long)json_integer_value(json_object_get(c,
	    "birth_times"));
	if (json_is_true(json_object_get(c, "times_collected")))
		rp_strbuf_addf(&sb, _("examined the times of %lld files of "
		    "the persistence locations (birth time known for %lld)"),
		    files, births);
	else
		rp_strbuf_addstr(&sb, _("times of the persistence locations "
		    "NOT collected"));
	if (json_is_true(json_object_get(c, "content_indicators")))
		rp_strbuf_addf(&sb, "; %s", _("content indicators examined"));
	rp_strbuf_addf(&sb, ". %s", _("Not examined:"));
	{
		size_t mark = sb.len;

		if (files > 0 && births == 0)
			rp_strbuf_addf(&sb, " %s;", _("creation dates (no "
			    "birth time on this file system)"));
		if (!json_is_true(json_object_get(c, "as_root")))
			rp_strbuf_addf(&sb, " %s;", _("files only root can "
			    "read (probes not run as root)"));
		if (!json_is_true(json_object_get(c, "content_indicators")))
			rp_strbuf_addf(&sb, " %s;", _("content indicators "
			    "(probe not collected)"));
		if (!json_is_true(json_object_get(c, "earlier_bundle")))
			rp_strbuf_addf(&sb, " %s;", _("host key fingerprints "
			    "and privileged accounts against an earlier "
			    "bundle (no --previous DIR)"));
		if (!json_is_true(json_object_get(c, "allow_list")))
			rp_strbuf_addf(&sb, " %s;", _("administrators' keys "
			    "against the site's list (no --allowed-keys)"));
		if (sb.len == mark)
			rp_strbuf_addf(&sb, " %s", _("nothing of the above"));
		else
			sb.buf[--sb.len] = '\0';
	}
	return rp_strbuf_detach(&sb, NULL);
}

/* The coverage of each target ("full", "partial", "none"), by id. */
json_t *
rp_report_coverage_by_target(json_t *root)
{
	json_t *m = json_object(), *pt;
	size_t i;

	json_array_foreach(json_object_get(rp_report_coverage_of(root), "per_target"),
	    i, pt)
		json_object_set(m, S(pt, "target"), pt);
	return m;
}

/*
 * The end-of-run summary for the terminal: verdict, coverage, the
 * targets not fully audited (at most 10), score and findings by severity.
 * Target ids were checked at load; every other word is the catalogue's.
 */
void
rp_report_terminal(json_t *root, FILE *f)
{
	static const char *const sev[] = { "critical", "high", "medium", "low",
		"info" };
	json_t *sv = json_object_get(json_object_get(json_object_get(root,
	    "summary"), "overall"), "failed_by_severity"), *pt;
	char *txt;
	size_t i, n = 0;

	txt = rp_report_verdict(root);
	fprintf(f, "%s\n", txt);
	free(txt);
	txt = rp_report_coverage_text(root);
	fprintf(f, "%s %s\n", _("Coverage:"), txt);
	free(txt);
	json_array_foreach(json_object_get(rp_report_coverage_of(root), "per_target"),
	    i, pt) {
		if (strcmp(S(pt, "coverage"), "full") == 0)
			continue;
		if (n++ >= 10)
			continue;
		txt = rp_report_coverage_audited(pt);
		fprintf(f, "  %s: %s · %s\n", S(pt, "target"), txt,
		    rp_report_cause_label(S(pt, "cause")));
		free(txt);
	}
	if (n > 10)
		fprintf(f, "  ...\n");
	txt = rp_report_score_text(root);
	fprintf(f, "%s %s\n%s", _("Score:"), txt, _("Findings by severity:"));
	free(txt);
	for (i = 0; i < 5; i++)
		fprintf(f, "%s %lld %s", i ? "," : "", I(sv, sev[i]),
		    rp_report_label("severity", sev[i]));
	fputc('\n', f);
}

int
rp_report_render(json_t *root, enum rp_report_format fmt, const char *lang,
    const char *template_dir, FILE *f, char **cause)
{
	size_t i;
	int r;

	/* fixed text comes from the catalogue in use, check text from lang */
	if (strcmp(lang, rp_i18n_lang()) != 0)
		return rp_fail(cause, RP_ERR_INVALID, "report in '%s' but the "
		    "'%s' catalogue is in use", lang, rp_i18n_lang());
	for (i = 0; i < sizeof(renderers) / sizeof(renderers[0]); i++)
		if (renderers[i].fmt == fmt)
			break;
	if (i == sizeof(renderers) / sizeof(renderers[0]))
		return rp_fail(cause, RP_ERR_INVALID, "unknown format");
	r = renderers[i].render(root, lang, template_dir, f, cause);
	if (r == 0 && ferror(f))
		r = rp_fail(cause, RP_ERR_IO, "write error");
	return r;
}
