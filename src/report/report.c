#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/file.h"
#include "core/json.h"
#include "core/model.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "report/escape.h"
#include "report/i18n.h"
#include "report/report.h"
#include "core/banned.h"


int
rp_report_format_parse(const char *s)
{
	if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		return RP_FMT_MD;
	if (strcmp(s, "json") == 0)
		return RP_FMT_JSON;
	if (strcmp(s, "csv") == 0)
		return RP_FMT_CSV;
	if (strcmp(s, "junit") == 0)
		return RP_FMT_JUNIT;
	if (strcmp(s, "html") == 0)
		return RP_FMT_HTML;
	if (strcmp(s, "plan-csv") == 0)
		return RP_FMT_PLAN_CSV;
	return -1;
}

static enum rp_csv_dialect csv_dialect = RP_CSV_RFC4180;

int
rp_report_csv_dialect_parse(const char *s)
{
	if (strcmp(s, "rfc4180") == 0 || strcmp(s, "comma") == 0)
		return RP_CSV_RFC4180;
	if (strcmp(s, "excel-fr") == 0)
		return RP_CSV_EXCEL_FR;
	return -1;
}

void
rp_report_set_csv_dialect(enum rp_csv_dialect d)
{
	csv_dialect = d;
}

/*
 * Identifiers, statuses and dates are printed by the renderers as they are
 * (in HTML attributes and code spans, Markdown headings, CSV, JUnit). A
 * results file may come from elsewhere (--previous, a handed-over audit):
 * refuse one whose identifiers hold anything but these characters.
 */
static int
safe_word(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && strchr("._:-/+ ", *s) == NULL)
			return 0;
	return 1;
}

static int
safe_keys(json_t *o, const char *const *keys, const char *path,
    const char *where, size_t idx, char **cause)
{
	const char *v;
	size_t k;

	for (k = 0; keys[k] != NULL; k++) {
		v = json_string_value(json_object_get(o, keys[k]));
		if (v != NULL && !safe_word(v)) {
			rp_fail(cause, RP_ERR_INVALID, "%s: %s[%zu].%s holds "
			    "characters a rempart results file never has",
			    path, where, idx, keys[k]);
			return 0;
		}
	}
	return 1;
}

static int
safe_fields(json_t *j, const char *path, char **cause)
{
	static const char *const res[] = { "target", "check", "module",
		"status", "severity", "phase", "effort", "operator", "level",
		"baseline", NULL };
	static const char *const tgt[] = { "id", "kind", "status", NULL };
	static const char *const pln[] = { "kind", "check", "module", "phase",
		"severity", "incident_phase", "effort", NULL };
	static const char *const chg[] = { "target", "check", "change",
		"severity", "status", "previous_status", NULL };
	static const char *const bsl[] = { "id", "kind", NULL };
	static const char *const ptg[] = { "target", "coverage", "cause",
		NULL };
	static const char *const cvg[] = { "verdict", NULL };
	static const char *const lvl[] = { "baseline", "reference", "level",
		NULL };
	static const char *const top[] = { "generated_at", NULL };
	static const char *const ev[] = { "started_at", "finished_at", NULL };
	static const char *const inc[] = { "organisation_type",
		"compromise_start", "detection", "containment", "remediation",
		NULL };
	static const struct {
		const char *name;
		const char *const *keys;
	} lists[] = {
		{ "results", res }, { "targets", tgt }, { "plan", pln },
		{ "baselines", bsl }, { "levels", lvl },
	};
	json_t *a, *o, *cov;
	size_t i, n;

	for (n = 0; n < sizeof(lists) / sizeof(lists[0]); n++) {
		a = json_object_get(j, lists[n].name);
		json_array_foreach(a, i, o)
			if (!safe_keys(o, lists[n].keys, path, lists[n].name, i,
			    cause))
				return 0;
	}
	json_array_foreach(json_object_get(json_object_get(j, "since"),
	    "items"), i, o)
		if (!safe_keys(o, chg, path, "since.items", i, cause))
			return 0;
	cov = json_object_get(json_object_get(j, "summary"), "coverage");
	json_array_foreach(json_object_get(cov, "per_target"), i, o)
		if (!safe_keys(o, ptg, path, "summary.coverage.per_target", i,
		    cause))
			return 0;
	if (!safe_keys(cov, cvg, path, "summary.coverage", 0, cause))
		return 0;
	return safe_keys(j, top, path, "root", 0, cause) &&
	    safe_keys(json_object_get(j, "evidence"), ev, path, "evidence", 0,
	    cause) && safe_keys(json_object_get(j, "incident"), inc, path,
	    "incident", 0, cause);
}

/* A results file larger than this is refused (a 1,000-host sweep is far
 * below it). */
#define RP_RESULTS_MAX	((size_t)1 << 30)

int
rp_results_load(const char *path, json_t **out, char **cause)
{
	json_error_t je;
	json_t *j;
	const char *fmt;
	char *data;
	size_t len, i;
	int r;

	/* through the safe reader: a FIFO or a device is refused, not read */
	if ((r = rp_file_read(path, RP_RESULTS_MAX, &data, &len, cause)) != 0)
		return r;
	for (i = 0; i < len && isspace((unsigned char)data[i]); i++)
		continue;
	if (i == len || data[i] != '{') {
		/* an inventory, an XML file, an evidence bundle's file... */
		free(data);
		return rp_fail(cause, RP_ERR_INVALID, "%s: not a rempart "
		    "results file (not JSON; 'rempart evaluate' writes "
		    "results.json)", path);
	}
	j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	free(data);
	if (j == NULL && je.line > 0)
		return rp_fail(cause, RP_ERR_PARSE, "%s:%d: not a rempart "
		    "results file (invalid JSON: %s)", path, je.line, je.text);
	if (j == NULL)
		return rp_fail(cause, RP_ERR_PARSE, "%s: not a rempart results "
		    "file (invalid JSON: %s)", path, je.text);
	fmt = json_string_value(json_object_get(j, "format"));
	if (fmt == NULL || strcmp(fmt, "rempart-results/1") != 0 ||
	    !json_is_array(json_object_get(j, "results")) ||
	    !json_is_array(json_object_get(j, "targets"))) {
		json_decref(j);
		return rp_fail(cause, RP_ERR_INVALID, "%s: not a rempart "
		    "results file (format rempart-results/1)", path);
	}
	if (!safe_fields(j, path, cause)) {
		json_decref(j);
		return RP_ERR_INVALID;
	}
	*out = j;
	return 0;
}


/* The accessors of core/json.h, by the short names the renderers use. */
#define S(o, k)		rp_json_str((o), (k))
#define T(o, k, lang)	rp_json_text((o), (k), (lang))
#define I(o, k)		rp_json_int((o), (k))

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
static json_t	**select_status(json_t *, const char *, size_t *);

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
	const char *id = strchr(ref, ':'), *p;
	char *u, *q;

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
	json_t **v = select_status(json_object_get(root, "results"), "fail",
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

	for (w = strtok_r(c, ",", &save); w != NULL;
	    w = strtok_r(NULL, ",", &save)) {
		n = xasprintf("%s%s%s", out, *out ? ", " : "",
		    rp_report_label("role", w));
		free(out);
		out = n;
	}
	free(c);
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

static json_t *
coverage_of(json_t *root)
{
	return json_object_get(json_object_get(root, "summary"), "coverage");
}

const char *
rp_report_verdict_word(json_t *root)
{
	json_t *c = coverage_of(root);

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

	json_array_foreach(json_object_get(coverage_of(root), "per_target"),
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
	json_t *c = coverage_of(root), *t = json_object_get(c, "targets");
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
	json_t *sc = json_object_get(coverage_of(root), "score");
	char *a, *b, *c, *r;

	if (!json_is_object(coverage_of(root)))
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

static json_t **
select_status(json_t *results, const char *status, size_t *n)
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

static void
md_date(FILE *f, const char *label, const char *iso, int incident)
{
	char *d = incident ? rp_report_incident_date(iso) :
	    rp_report_date(iso);

	fprintf(f, "- **%s**: %s\n", label, d);
	free(d);
}

static void
md_header(json_t *root, const char *lang, FILE *f)
{
	static const char *const dates[][2] = {
		{ "compromise_start", N_("Compromise start") },
		{ "detection", N_("Detection") },
		{ "containment", N_("Containment") },
		{ "remediation", N_("Remediation completed") },
	};
	json_t *inc = json_object_get(root, "incident"), *b;
	size_t i;
	int k;

	fprintf(f, "# %s\n\n", _("Remediation and hardening audit"));
	if (json_is_object(inc)) {
		fprintf(f, "- **%s**: ", _("Organisation"));
		rp_md_inline(f, S(inc, "organisation"));
		fprintf(f, " (%s)", rp_report_label("org", S(inc,
		    "organisation_type")));
		fprintf(f, "\n- **%s**: ", _("Incident reference"));
		rp_md_inline(f, S(inc, "reference"));
		fputc('\n', f);
		for (i = 0; i < 4; i++)
			if (*S(inc, dates[i][0]) != '\0')
				md_date(f, _(dates[i][1]), S(inc, dates[i][0]),
				    1);
		fprintf(f, "- **%s**: ", _("Known compromised accounts and "
		    "hosts"));
		k = 0;
		json_array_foreach(json_object_get(inc,
		    "compromised_accounts"), i, b) {
			fputs(k++ ? ", " : "", f);
			rp_md_inline(f, json_string_value(b));
		}
		json_array_foreach(json_object_get(inc, "compromised_hosts"),
		    i, b) {
			fputs(k++ ? ", " : "", f);
			rp_md_inline(f, json_string_value(b));
		}
		fputs(k ? "\n" : "—\n", f);
	}
	md_date(f, _("Audit time"), S(root, "generated_at"), 0);
	json_array_foreach(json_object_get(root, "baselines"), i, b) {
		fprintf(f, "- **%s**: `%s` ", _("Baseline"), S(b, "id"));
		rp_md_inline(f, T(b, "title", lang));
		fputc('\n', f);
	}
	if (json_is_true(json_object_get(json_object_get(root, "evidence"),
	    "partial")))
		fprintf(f, "\n> **%s**\n", _("PARTIAL: not every target "
		    "could be collected fully; results cover what was "
		    "collected."));
	fputc('\n', f);
}

static void
md_summary(json_t *root, const char *lang, FILE *f)
{
	json_t *o = json_object_get(json_object_get(root, "summary"),
	    "overall");
	json_t *st = json_object_get(o, "by_status");
	json_t *sv = json_object_get(o, "failed_by_severity");
	json_t *t, *pt;
	char *txt;
	size_t i;
	int k;

	(void)lang;
	fprintf(f, "## %s\n\n", _("Summary"));
	txt = rp_report_verdict(root);
	fputs("**", f);
	rp_md_inline(f, txt);
	fputs("**\n\n", f);
	free(txt);
	txt = rp_report_coverage_text(root);
	fprintf(f, "%s ", _("Coverage:"));
	rp_md_inline(f, txt);
	fputs("\n\n", f);
	free(txt);
	json_array_foreach(json_object_get(coverage_of(root), "per_target"),
	    i, pt) {
		if (strcmp(S(pt, "coverage"), "full") == 0)
			continue;
		fputs("- ", f);
		rp_md_inline(f, S(pt, "target"));
		txt = rp_report_coverage_audited(pt);
		fprintf(f, ": %s · %s\n", txt,
		    rp_report_cause_label(S(pt, "cause")));
		free(txt);
	}
	txt = rp_report_score_text(root);
	fprintf(f, "\n%s ", _("Score:"));
	rp_md_inline(f, txt);
	fputs("\n\n", f);
	free(txt);
	fprintf(f, "| %s | %s |\n|---|---:|\n", _("Status"),
	    _("Count"));
	for (k = 0; k < RP_ST__COUNT; k++)
		fprintf(f, "| %s | %lld |\n", rp_report_label("status",
		    rp_status_name((enum rp_status)k)),
		    (long long)json_integer_value(json_object_get(st,
		    rp_status_name((enum rp_status)k))));
	fprintf(f, "\n| %s | %s |\n|---|---:|\n", _("Failed, by "
	    "severity"), _("Count"));
	for (k = RP_SEV__COUNT - 1; k >= 0; k--)
		fprintf(f, "| %s | %lld |\n", rp_report_label("severity",
		    rp_severity_name((enum rp_severity)k)),
		    (long long)json_integer_value(json_object_get(sv,
		    rp_severity_name((enum rp_severity)k))));
	fprintf(f, "\n## %s\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n",
	    _("Targets"), _("Target"),
	    _("Kind"), _("Status"),
	    _("Detail"));
	json_array_foreach(json_object_get(root, "targets"), i, t) {
		fputs("| ", f);
		rp_md_inline(f, S(t, "id"));
		fprintf(f, " | %s | ", rp_report_label("kind", S(t, "kind")));
		txt = rp_report_target_audited(root, t);
		rp_md_inline(f, txt);
		free(txt);
		fputs(" | ", f);
		txt = rp_report_reason_text(S(t, "error"));
		rp_md_inline(f, txt);
		free(txt);
		fputs(" |\n", f);
	}
	fputc('\n', f);
}

/*
 * A remediation: its first line is what to do, the lines after it (when
 * there are) a block to paste as it is, in a code block.
 */
static void
md_remediation(FILE *f, const char *s)
{
	const char *nl = strchr(s, '\n');
	char *first;

	if (nl == NULL) {
		rp_md_text(f, s);
		fputs("\n\n", f);
		return;
	}
	first = xstrndup(s, (size_t)(nl - s));
	rp_md_text(f, first);
	free(first);
	fputs("\n\n", f);
	rp_md_code(f, nl + 1);
	fputc('\n', f);
}

/* One block per failed check, its targets and what was seen on each. */
static void
md_check(json_t **v, size_t n, const char *lang, FILE *f)
{
	json_t *ref, *w;
	char *exp, *url, *obs;
	size_t i;

	fprintf(f, "### [%s] %s: ", rp_report_label("severity", S(v[0],
	    "severity")), S(v[0], "check"));
	rp_md_inline(f, rp_report_finding_title(v[0], lang));
	fprintf(f, " (");
	fprintf(f, P_("%zu target", "%zu targets", n), n);
	fputs(")\n\n", f);
	if (*T(v[0], "rationale", lang)) {
		fprintf(f, "%s ", _("Why it matters:"));
		rp_md_inline(f, T(v[0], "rationale", lang));
		fputs("\n\n", f);
	}
	fprintf(f, "- **%s**: %s\n", _("Phase"), rp_report_label("phase",
	    S(v[0], "phase")));
	if (json_array_size(json_object_get(v[0], "references"))) {
		fprintf(f, "- **%s**:", _("References"));
		json_array_foreach(json_object_get(v[0], "references"), i,
		    ref) {
			fputc(' ', f);
			url = rp_report_ref_url(json_string_value(ref));
			if (url != NULL)
				fputc('[', f);
			rp_md_inline(f, json_string_value(ref));
			if (url != NULL)
				fprintf(f, "](%s)", url);
			free(url);
		}
		fputc('\n', f);
	}
	exp = rp_report_expected(v[0]);
	fprintf(f, "- **%s**: ", _("Expected"));
	rp_md_inline(f, exp);
	free(exp);
	fputc('\n', f);
	for (i = 0; i < n; i++) {
		fprintf(f, "- **");
		rp_md_inline(f, S(v[i], "target"));
		fprintf(f, "** %s ", _("observed:"));
		obs = rp_report_observed(v[i]);
		rp_md_inline(f, obs);
		free(obs);
		w = json_object_get(v[i], "waiver");
		if (json_is_object(w)) {
			char *d = rp_report_date(S(w, "expires"));

			fprintf(f, " (%s ", _("waiver expired on"));
			rp_md_inline(f, d);
			fputs(", ", f);
			rp_md_inline(f, S(w, "owner"));
			fputc(')', f);
			free(d);
		}
		fputc('\n', f);
	}
	fprintf(f, "\n**%s**: ", _("Remediation"));
	md_remediation(f, T(v[0], "remediation", lang));
	for (i = 0; i < n; i++) {
		if (*S(v[i], "evidence") == '\0')
			continue;
		rp_md_inline(f, S(v[i], "target"));
		fputs(":\n\n", f);
		obs = rp_report_phrases(S(v[i], "evidence"));
		rp_md_code(f, obs);
		free(obs);
		fputc('\n', f);
	}
}

static void
md_findings(json_t *root, const char *lang, FILE *f)
{
	json_t **v;
	size_t n, i, j;

	v = rp_report_failed(root, &n);
	fprintf(f, "## %s (%zu)\n\n", _("Findings"), n);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && strcmp(S(v[j], "check"), S(v[i],
		    "check")) == 0; j++)
			;
		md_check(v + i, j - i, lang, f);
	}
	free(v);
}

/* Not evaluated, waived, not applicable: one line per target and reason,
 * counted. */
static void
md_list(json_t *root, const char *status, const char *title, FILE *f,
    const char *lang)
{
	json_t **v, *byt = json_object(), *e, *c;
	const char *tg, *k;
	char *why;
	size_t n, i;

	(void)lang;
	v = select_status(json_object_get(root, "results"), status, &n);
	fprintf(f, "## %s (%zu)\n\n", title, n);
	for (i = 0; i < n; i++) {
		tg = S(v[i], "target");
		if ((e = json_object_get(byt, tg)) == NULL) {
			e = json_object();
			json_object_set_new(byt, tg, e);
		}
		why = strcmp(status, "waived") == 0 ?
		    xstrdup(_("waived")) : rp_report_reason(v[i]);
		c = json_object_get(e, why);
		json_object_set_new(e, why, json_integer(
		    json_integer_value(c) + 1));
		free(why);
	}
	json_object_foreach(byt, tg, e) {
		json_object_foreach(e, k, c) {
			long long cnt = (long long)json_integer_value(c);

			fputs("- ", f);
			rp_md_inline(f, tg);
			fputs(": ", f);
			rp_md_inline(f, k);
			fputs(" (", f);
			fprintf(f, P_("%lld check", "%lld checks", cnt), cnt);
			fputs(")\n", f);
		}
	}
	fputc('\n', f);
	json_decref(byt);
	free(v);
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
	const char *ref = rp_json_str(level, "reference"), *by;
	char a[32], b[32], c[32];
	long long n, of;

	if (!json_is_object(m))
		return xstrdup("—");
	n = rp_json_int(m, "level");
	of = rp_json_int(m, "of");
	by = json_string_value(json_object_get(m, "limited_by"));
	(void)of;
	(void)b;
	if (by == NULL)
		return xasprintf(_("%s, the baseline's level"), level_name(ref,
		    n, a, sizeof(a)));
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

/*
 * Reference levels: each verdict next to its coverage (the reference's
 * checkpoints the baseline's checks cite), the other checks apart.
 */
static void
md_levels(json_t *root, FILE *f)
{
	json_t *a = json_object_get(root, "levels"), *l, *t, *rc, *oc, *cp;
	const char *id;
	char *mt;
	size_t i;

	if (json_array_size(a) == 0)
		return;
	fprintf(f, "## %s\n\n%s\n\n", _("Reference levels"),
	    _("A level is judged only on the checks that cite the reference "
	    "at that level or below; the baseline's other checks "
	    "(post-incident, other references) are counted apart. "
	    "Checkpoints: how many of the reference's checkpoints up to that "
	    "level the baseline's checks cite."));
	fprintf(f, "%s\n\n", _("Maturity reached: the level below the lowest "
	    "level at which a check of the reference fails or could not be "
	    "assessed (as PingCastle counts it), at most the baseline's level: "
	    "nothing above it was evaluated."));
	fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s |\n"
	    "|---|---|---:|---|---|---|---:|---:|\n", _("Baseline"), _("Level"),
	    _("Checkpoints"), _("Target"), _("Verdict"), _("Maturity reached"),
	    _("Reference checks: pass / fail / not assessed"),
	    _("Other checks: pass / fail / not assessed"));
	json_array_foreach(a, i, l) {
		cp = json_object_get(l, "checkpoints");
		json_object_foreach(json_object_get(l, "targets"), id, t) {
			rc = json_object_get(t, "reference_checks");
			oc = json_object_get(t, "other_checks");
			fputs("| ", f);
			rp_md_inline(f, S(l, "baseline"));
			fputs(" | ", f);
			rp_md_inline(f, rp_report_label("level", S(l, "level")));
			fprintf(f, " | %lld / ", rp_json_int(cp, "cited"));
			if (json_is_integer(json_object_get(cp, "in_reference")))
				fprintf(f, "%lld", rp_json_int(cp,
				    "in_reference"));
			else
				fputs("?", f);
			fputs(" | ", f);
			rp_md_inline(f, id);
			mt = rp_report_maturity(l, t);
			fprintf(f, " | %s | ", rp_report_level_verdict(S(t,
			    "verdict")));
			rp_md_inline(f, mt);
			free(mt);
			fprintf(f, " | %lld / %lld / %lld | %lld / %lld / %lld |\n",
			    rp_json_int(rc, "pass"), rp_json_int(rc, "fail"),
			    rp_json_int(rc, "error"), rp_json_int(oc, "pass"),
			    rp_json_int(oc, "fail"), rp_json_int(oc, "error"));
		}
	}
	fputc('\n', f);
}

static void
md_plan_phase(json_t *plan, const char *phase, size_t n, const char *lang,
    FILE *f)
{
	json_t *a, *t;
	size_t i, j, nt;

	fprintf(f, "### %s (%zu)\n\n| # | %s | %s | %s | %s |\n"
	    "|---:|---|---|---|---|\n", rp_report_phase_title(phase, lang), n,
	    _("Action"), _("Severity"),
	    _("Effort"), _("Targets"));
	json_array_foreach(plan, i, a) {
		if (strcmp(S(a, "phase"), phase) != 0)
			continue;
		fprintf(f, "| %lld | ", (long long)json_integer_value(
		    json_object_get(a, "rank")));
		if (*S(a, "check"))
			fprintf(f, "`%s` ", S(a, "check"));
		rp_md_inline(f, rp_report_finding_title(a, lang));
		nt = json_array_size(json_object_get(a, "targets"));
		fprintf(f, " | %s | %s | %zu: ", rp_report_label("severity",
		    S(a, "severity")), rp_report_label("effort", S(a,
		    "effort")), nt);
		json_array_foreach(json_object_get(a, "targets"), j, t) {
			if (j == 6) {
				fputs(", ", f);
				fprintf(f, P_("and %zu more", "and %zu more",
				    nt - 6), nt - 6);
				break;
			}
			if (j)
				fputs(", ", f);
			rp_md_inline(f, json_string_value(t));
		}
		fputs(" |\n", f);
	}
	fputc('\n', f);
}

static void
md_plan(json_t *root, const char *lang, FILE *f)
{
	static const char *const phases[] = { "immediate", "remediation",
		"quick-wins", "medium-term", "long-term" };
	json_t *plan = json_object_get(root, "plan"), *a;
	size_t i, k, n;

	fprintf(f, "## %s\n\n", _("Remediation and hardening plan"));
	if (json_array_size(plan) == 0) {
		fprintf(f, "%s\n\n", strcmp(rp_report_verdict_word(root),
		    "nothing-assessed") == 0 ? _("No action can be planned: "
		    "nothing was assessed. Fix what prevented the audit (see "
		    "\"What could not be audited\") and rerun it.") :
		    _("No action: no finding."));
		return;
	}
	for (k = 0; k < sizeof(phases) / sizeof(phases[0]); k++) {
		n = 0;
		json_array_foreach(plan, i, a)
			n += strcmp(S(a, "phase"), phases[k]) == 0;
		if (n > 0)
			md_plan_phase(plan, phases[k], n, lang, f);
	}
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

static void
md_since(json_t *root, const char *lang, FILE *f)
{
	static const char *const kinds[] = { "new", "regressed", "fixed",
		"still-open" };
	json_t *since = json_object_get(root, "since"), *c, *it, *v;
	char *a, *b, *d;
	size_t i, j, k;

	if (!json_is_object(since))
		return;
	c = json_object_get(since, "counts");
	fprintf(f, "## %s\n\n", _("Since the last audit"));
	a = rp_report_score_value(json_object_get(json_object_get(since,
	    "previous"), "score"));
	b = rp_report_score_value(json_object_get(since, "score"));
	d = rp_report_date(S(json_object_get(since, "previous"),
	    "generated_at"));
	fprintf(f, "%s ", _("Score since"));
	rp_md_inline(f, d);
	fprintf(f, ": %s → %s\n\n", a, b);
	free(a);
	free(b);
	free(d);
	fprintf(f, "| %s | %s | %s | %s |\n|---:|---:|---:|---:|\n"
	    "| %lld | %lld | %lld | %lld |\n\n", _("New"),
	    _("Regressed"), _("Fixed"), _("Still open"),
	    (long long)json_integer_value(json_object_get(c, "new")),
	    (long long)json_integer_value(json_object_get(c, "regressed")),
	    (long long)json_integer_value(json_object_get(c, "fixed")),
	    (long long)json_integer_value(json_object_get(c, "still-open")));
	for (k = 0; k < 3; k++) {
		json_array_foreach(json_object_get(since, "items"), i, it) {
			if (strcmp(S(it, "change"), kinds[k]) != 0)
				continue;
			fprintf(f, "- **%s** `%s` ", rp_report_label("change",
			    kinds[k]), S(it, "check"));
			rp_md_inline(f, S(it, "target"));
			fputs(": ", f);
			rp_md_inline(f, T(it, "title", lang));
			json_array_foreach(json_object_get(it, "appeared"), j, v) {
				fputs(j ? ", " : _("; appeared: "), f);
				rp_md_inline(f, json_string_value(v));
			}
			fputc('\n', f);
		}
	}
	/* still open, but something appeared or went away */
	json_array_foreach(json_object_get(since, "items"), i, it) {
		if (strcmp(S(it, "change"), "still-open") != 0 ||
		    json_array_size(json_object_get(it, "appeared")) +
		    json_array_size(json_object_get(it, "gone")) == 0)
			continue;
		fprintf(f, "- **%s** `%s` ", rp_report_label("change",
		    "still-open"), S(it, "check"));
		rp_md_inline(f, S(it, "target"));
		json_array_foreach(json_object_get(it, "appeared"), j, v) {
			fputs(j ? ", " : _("; appeared: "), f);
			rp_md_inline(f, json_string_value(v));
		}
		json_array_foreach(json_object_get(it, "gone"), j, v) {
			fputs(j ? ", " : _("; gone: "), f);
			rp_md_inline(f, json_string_value(v));
		}
		fputc('\n', f);
	}
	fputc('\n', f);
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

/* Per host: what the post-incident checks examined and what not. */
static void
md_incident_coverage(json_t *root, const char *lang, FILE *f)
{
	json_t *t;
	size_t i;
	char *txt;
	int any = 0;

	json_array_foreach(json_object_get(root, "targets"), i, t) {
		if ((txt = rp_report_incident_coverage_text(t, lang)) == NULL)
			continue;
		if (!any++)
			fprintf(f, "## %s\n\n", _("Post-incident checks: "
			    "coverage"));
		fputs("- ", f);
		rp_md_inline(f, S(t, "id"));
		fputs(": ", f);
		rp_md_inline(f, txt);
		fputc('\n', f);
		free(txt);
	}
	if (any)
		fputc('\n', f);
}

/* What the audit itself left on the targets: to remove afterwards. */
static void
md_footprint(json_t *root, const char *lang, FILE *f)
{
	json_t *t, *x;
	size_t i, j;
	char *txt;
	int any = 0;

	fprintf(f, "## %s\n\n%s\n\n", _("Audit footprint"), _("Access granted for the audit "
	    "itself: not counted as findings. Remove it once the audit is "
	    "over (or keep it under the same control as any administrator "
	    "access)."));
	json_array_foreach(json_object_get(root, "targets"), i, t) {
		json_array_foreach(json_object_get(t, "footprint"), j, x) {
			any++;
			fputs("- ", f);
			rp_md_inline(f, S(t, "id"));
			fputs(": ", f);
			txt = rp_report_footprint_text(x, lang);
			rp_md_inline(f, txt);
			free(txt);
			fputc('\n', f);
		}
	}
	fprintf(f, "%s\n", any ? "" : _("None recorded.\n"));
}

static int
render_md(json_t *root, const char *lang, FILE *f)
{
	md_header(root, lang, f);
	md_summary(root, lang, f);
	md_levels(root, f);
	md_since(root, lang, f);
	md_plan(root, lang, f);
	md_findings(root, lang, f);
	md_list(root, "error", _("Not evaluated (errors)"), f, lang);
	md_list(root, "waived", _("Waived"), f, lang);
	md_list(root, "na", _("Not applicable"), f, lang);
	md_incident_coverage(root, lang, f);
	md_footprint(root, lang, f);
	fprintf(f, "---\n%s %s %s\n", _("Generated by"),
	    PACKAGE_NAME, PACKAGE_VERSION);
	return 0;
}

static int
render_json(json_t *root, const char *lang, FILE *f)
{
	json_t *copy = json_deep_copy(root), *rep = json_object(), *a;
	json_t **v;
	size_t n, i;
	int r;

	v = select_status(json_object_get(root, "results"), "fail", &n);
	a = json_array();
	for (i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set(o, "target", json_object_get(v[i], "target"));
		json_object_set(o, "check", json_object_get(v[i], "check"));
		json_object_set(o, "severity", json_object_get(v[i],
		    "severity"));
		json_object_set_new(o, "title", json_string(
		    rp_report_finding_title(v[i], lang)));
		json_object_set_new(o, "remediation", json_string(T(v[i],
		    "remediation", lang)));
		json_array_append_new(a, o);
	}
	free(v);
	json_object_set_new(rep, "format", json_string("rempart-report/1"));
	json_object_set_new(rep, "lang", json_string(lang));
	json_object_set_new(rep, "findings", a);
	{
		char *vt = rp_report_verdict(root);

		json_object_set_new(rep, "verdict", json_string(
		    rp_report_verdict_word(root)));
		json_object_set_new(rep, "verdict_text", json_string(vt));
		free(vt);
	}
	json_object_set_new(copy, "report", rep);
	r = json_dumpf(copy, f, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	fputc('\n', f);
	json_decref(copy);
	return r == 0 ? 0 : RP_ERR_IO;
}

/* The coverage of each target ("full", "partial", "none"), by id. */
static json_t *
coverage_by_target(json_t *root)
{
	json_t *m = json_object(), *pt;
	size_t i;

	json_array_foreach(json_object_get(coverage_of(root), "per_target"),
	    i, pt)
		json_object_set(m, S(pt, "target"), pt);
	return m;
}

/* The start of a CSV file: a byte order mark for a French Excel. */
static void
csv_begin(FILE *f)
{
	if (csv_dialect == RP_CSV_EXCEL_FR)
		fputs("\xef\xbb\xbf", f);
}

static void
csv_sep(FILE *f)
{
	fputc(csv_dialect == RP_CSV_EXCEL_FR ? ';' : ',', f);
}

/* A header row: identifiers, or their translations for people. */
static void
csv_header(FILE *f, const char *const *ids, const char *const *labels,
    size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (k)
			csv_sep(f);
		if (csv_dialect == RP_CSV_EXCEL_FR)
			rp_csv(f, _(labels[k]));
		else
			fputs(ids[k], f);
	}
	fputs("\r\n", f);
}

/* An enumeration's value: its id, or its label for people. */
static void
csv_enum(FILE *f, const char *kind, const char *id)
{
	rp_csv(f, csv_dialect == RP_CSV_EXCEL_FR ? rp_report_label(kind, id) :
	    id);
}

static int
render_csv(json_t *root, const char *lang, FILE *f)
{
	static const char *const cols[] = { "target", "check", "status",
		"severity", "phase", "title", "observed", "expected",
		"remediation", "reason", "target_coverage" };
	static const char *const labels[] = { N_("Target"), N_("Check"),
		N_("Status"), N_("Severity"), N_("Phase"), N_("Title"),
		N_("Observed"), N_("Expected"), N_("Remediation"), N_("Reason"),
		N_("Target coverage") };
	json_t *r, *cov = coverage_by_target(root);
	size_t i, k;
	char *v;

	csv_begin(f);
	csv_header(f, cols, labels, sizeof(cols) / sizeof(cols[0]));
	json_array_foreach(json_object_get(root, "results"), i, r) {
		for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
			if (k)
				csv_sep(f);
			if (strcmp(cols[k], "title") == 0)
				rp_csv(f, strcmp(S(r, "status"), "fail") == 0 ?
				    rp_report_finding_title(r, lang) :
				    T(r, "title", lang));
			else if (strcmp(cols[k], "remediation") == 0)
				rp_csv(f, T(r, cols[k], lang));
			else if (strcmp(cols[k], "expected") == 0) {
				v = rp_report_expected(r);
				rp_csv(f, v);
				free(v);
			} else if (strcmp(cols[k], "reason") == 0) {
				v = *S(r, "reason") ? rp_report_reason(r) :
				    xstrdup("");
				rp_csv(f, v);
				free(v);
			} else if (strcmp(cols[k], "observed") == 0) {
				v = rp_report_observed(r);
				rp_csv(f, v);
				free(v);
			} else if (strcmp(cols[k], "target_coverage") == 0)
				csv_enum(f, "coverage", S(json_object_get(cov,
				    S(r, "target")), "coverage"));
			else if (strcmp(cols[k], "status") == 0)
				csv_enum(f, "status", S(r, cols[k]));
			else if (strcmp(cols[k], "severity") == 0)
				csv_enum(f, "severity", S(r, cols[k]));
			else if (strcmp(cols[k], "phase") == 0)
				csv_enum(f, "phase", S(r, cols[k]));
			else
				rp_csv(f, S(r, cols[k]));
		}
		fputs("\r\n", f);
	}
	json_decref(cov);
	return 0;
}

/* A list of strings as one cell: "a, b, c" (owned). */
static char *
joined(json_t *a, int distinct)
{
	json_t *seen = json_object(), *v;
	char *out = xstrdup(""), *n;
	const char *s;
	size_t i;

	json_array_foreach(a, i, v) {
		if ((s = json_string_value(v)) == NULL || *s == '\0' ||
		    (distinct && json_object_get(seen, s) != NULL))
			continue;
		json_object_set_new(seen, s, json_true());
		n = xasprintf("%s%s%s", out, *out ? ", " : "", s);
		free(out);
		out = n;
	}
	json_decref(seen);
	return out;
}

/*
 * The plan for an action-tracking spreadsheet: one row per action, and
 * empty owner, due date and status columns for the client to fill in.
 */
static int
render_plan_csv(json_t *root, const char *lang, FILE *f)
{
	static const char *const cols[] = { "rank", "phase", "severity",
		"check", "title", "targets", "target_list", "objects",
		"remediation", "owner", "due_date", "status" };
	static const char *const labels[] = { N_("Rank"), N_("Plan phase"),
		N_("Severity"), N_("Check"), N_("Action"), N_("Targets"),
		N_("Target list"), N_("Objects found"), N_("Remediation"),
		N_("Owner"), N_("Due date"), N_("Status") };
	json_t *a;
	size_t i;
	char *v;

	csv_begin(f);
	csv_header(f, cols, labels, sizeof(cols) / sizeof(cols[0]));
	json_array_foreach(json_object_get(root, "plan"), i, a) {
		fprintf(f, "%lld", I(a, "rank"));
		csv_sep(f);
		rp_csv(f, csv_dialect == RP_CSV_EXCEL_FR ?
		    rp_report_phase_title(S(a, "phase"), lang) : S(a, "phase"));
		csv_sep(f);
		csv_enum(f, "severity", S(a, "severity"));
		csv_sep(f);
		rp_csv(f, S(a, "check"));
		csv_sep(f);
		rp_csv(f, rp_report_finding_title(a, lang));
		csv_sep(f);
		fprintf(f, "%zu", json_array_size(json_object_get(a,
		    "targets")));
		csv_sep(f);
		v = joined(json_object_get(a, "targets"), 0);
		rp_csv(f, v);
		free(v);
		csv_sep(f);
		v = joined(json_object_get(a, "objects"), 1);
		rp_csv(f, v);
		free(v);
		csv_sep(f);
		rp_csv(f, rp_report_action_remediation(a, lang));
		/* owner, due date, status: the client's */
		csv_sep(f);
		csv_sep(f);
		csv_sep(f);
		fputs("\r\n", f);
	}
	return 0;
}

static void
junit_property(FILE *f, const char *name, const char *value)
{
	fprintf(f, "      <property name=\"%s\" value=\"", name);
	rp_html(f, value);
	fputs("\"/>\n", f);
}

/*
 * The coverage as its own suite: one test per target, an error when it
 * could not be audited (fully), and the verdict and score as properties.
 */
static void
junit_coverage(json_t *root, FILE *f)
{
	json_t *c = coverage_of(root), *pt, *sc = json_object_get(c, "score");
	size_t i, n = 0;
	char *txt;

	json_array_foreach(json_object_get(c, "per_target"), i, pt)
		n += strcmp(S(pt, "coverage"), "full") != 0;
	fprintf(f, "  <testsuite name=\"coverage\" tests=\"%zu\" "
	    "failures=\"0\" errors=\"%zu\" skipped=\"0\">\n"
	    "    <properties>\n",
	    json_array_size(json_object_get(c, "per_target")), n);
	junit_property(f, "verdict", rp_report_verdict_word(root));
	txt = rp_report_verdict(root);
	junit_property(f, "verdict.text", txt);
	free(txt);
	if (json_is_object(sc)) {
		static const char *const k[] = { "compliant", "not_compliant",
			"not_assessed" };
		char name[64];

		for (i = 0; i < 3; i++) {
			txt = xasprintf("%.1f", json_number_value(
			    json_object_get(sc, k[i])));
			snprintf(name, sizeof(name), "score.%s", k[i]);
			junit_property(f, name, txt);
			free(txt);
		}
	} else
		junit_property(f, "score", "none");
	fputs("    </properties>\n", f);
	json_array_foreach(json_object_get(c, "per_target"), i, pt) {
		fputs("    <testcase classname=\"coverage\" name=\"", f);
		rp_html(f, S(pt, "target"));
		fputs("\">", f);
		if (strcmp(S(pt, "coverage"), "full") != 0) {
			fprintf(f, "<error type=\"%s\" message=\"%s: %s\"/>",
			    S(pt, "cause"), strcmp(S(pt, "coverage"),
			    "none") == 0 ? _("not audited") :
			    _("partly audited"), rp_report_cause_label(S(pt,
			    "cause")));
		}
		fputs("</testcase>\n", f);
	}
	fputs("  </testsuite>\n", f);
}

static void
junit_case(json_t *r, const char *lang, FILE *f)
{
	const char *s = S(r, "status");
	char *why, *obs;

	/* the name is the check id: stable across languages */
	fprintf(f, "    <testcase classname=\"%s\" name=\"%s\">",
	    S(r, "module"), S(r, "check"));
	if (strcmp(s, "fail") == 0) {
		fprintf(f, "<failure type=\"%s\" message=\"", S(r, "severity"));
		rp_html(f, rp_report_finding_title(r, lang));
		fputs(": ", f);
		obs = rp_report_observed(r);
		rp_html(f, obs);
		free(obs);
		fputs("\">", f);
		rp_html(f, T(r, "remediation", lang));
		fputs("</failure>", f);
	} else if (strcmp(s, "error") == 0) {
		why = rp_report_reason(r);
		fputs("<error message=\"", f);
		rp_html(f, why);
		fputs("\"/>", f);
		free(why);
	} else if (strcmp(s, "na") == 0 || strcmp(s, "waived") == 0) {
		fprintf(f, "<skipped message=\"%s\"/>", rp_report_label(
		    "status", s));
	}
	fputs("</testcase>\n", f);
}

static int
render_junit(json_t *root, const char *lang, FILE *f)
{
	json_t *t, *r, *per = json_object_get(json_object_get(root,
	    "summary"), "targets"), *cov = coverage_by_target(root);
	json_t *byt = json_object(), *l;
	size_t i, j;

	json_array_foreach(json_object_get(root, "results"), i, r) {
		if ((l = json_object_get(byt, S(r, "target"))) == NULL) {
			l = json_array();
			json_object_set_new(byt, S(r, "target"), l);
		}
		json_array_append(l, r);
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "
	    "name=\"rempart\">\n", f);
	if (json_is_object(coverage_of(root)))
		junit_coverage(root, f);
	json_array_foreach(json_object_get(root, "targets"), i, t) {
		json_t *c = json_object_get(per, S(t, "id"));
		json_t *st = json_object_get(c, "by_status");

		fputs("  <testsuite name=\"", f);
		rp_html(f, S(t, "id"));
		fprintf(f, "\" tests=\"%lld\" failures=\"%lld\" errors=\"%lld\" "
		    "skipped=\"%lld\">\n",
		    (long long)json_integer_value(json_object_get(c, "total")),
		    (long long)json_integer_value(json_object_get(st, "fail")),
		    (long long)json_integer_value(json_object_get(st, "error")),
		    (long long)(json_integer_value(json_object_get(st, "na")) +
		    json_integer_value(json_object_get(st, "waived"))));
		fputs("    <properties>\n", f);
		junit_property(f, "status", S(t, "status"));
		junit_property(f, "coverage", S(json_object_get(cov, S(t,
		    "id")), "coverage"));
		fputs("    </properties>\n", f);
		json_array_foreach(json_object_get(byt, S(t, "id")), j, r)
			junit_case(r, lang, f);
		fputs("  </testsuite>\n", f);
	}
	fputs("</testsuites>\n", f);
	json_decref(cov);
	json_decref(byt);
	return 0;
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
	json_array_foreach(json_object_get(coverage_of(root), "per_target"),
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
	int r;

	/* fixed text comes from the catalogue in use, check text from lang */
	if (strcmp(lang, rp_i18n_lang()) != 0)
		return rp_fail(cause, RP_ERR_INVALID, "report in '%s' but the "
		    "'%s' catalogue is in use", lang, rp_i18n_lang());
	switch (fmt) {
	case RP_FMT_MD:
		r = render_md(root, lang, f);
		break;
	case RP_FMT_JSON:
		r = render_json(root, lang, f);
		break;
	case RP_FMT_CSV:
		r = render_csv(root, lang, f);
		break;
	case RP_FMT_JUNIT:
		r = render_junit(root, lang, f);
		break;
	case RP_FMT_HTML:
		r = rp_report_html(root, lang, template_dir, f, cause);
		break;
	case RP_FMT_PLAN_CSV:
		r = render_plan_csv(root, lang, f);
		break;
	default:
		return rp_fail(cause, RP_ERR_INVALID, "unknown format");
	}
	if (r == 0 && ferror(f))
		r = rp_fail(cause, RP_ERR_IO, "write error");
	return r;
}
