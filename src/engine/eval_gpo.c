/*
 * eval_gpo.c -- evaluators of the GPO content read from SYSVOL (probe
 * ad.sysvol, collect/sysvol.h; formats in parse/gpo.h).
 *
 * Every evaluator reads the SYSVOL probe, and names each GPO by its GUID,
 * its display name and where it is linked when the LDAP probes
 * ad.gpo-names and ad.gpo-links (<evaluator also=...>) were collected for
 * the same target; without them (an import of a SYSVOL copy alone) the
 * GUID is given and the verdict is the same.
 *
 * What GPO applies where (links, order, security filtering, WMI filters,
 * enforcement) is not resolved: a setting is judged in every GPO that
 * holds it. A GPO setting a weaker value than the expected one fails the
 * check, whichever GPO wins on a given computer.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "content/content.h"
#include "core/err.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "engine/evaluators.h"
#include "evidence/bundle.h"
#include "parse/gpo.h"
#include "parse/ldif.h"
#include "core/banned.h"

#define MAX_GPOS	20000
#define LABEL_MAX	600

struct gpo_name {
	char		 guid[40];
	char		*name;
	char		*links;
	long long	 changed;	/* whenChanged (Unix); -1 unknown */
	long long	 version;	/* versionNumber; -1 unknown */
};

struct gset {
	const struct rp_eval_ctx	*ctx;
	const struct rp_check		*ck;
	const char			*expected;
	struct rp_verdict		*v;
	struct gpo_name			*g;
	size_t				 ng, cg;
	int				 names;		/* ad.gpo-names read */
	int				 links;		/* ad.gpo-links read */
	size_t				 bad, good, seen;
	char				*err;		/* a file not parsed */
	void				*priv;
};

static void
observe(struct rp_verdict *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void
observe(struct rp_verdict *v, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	rp_verdict_observe(v, buf, strlen(buf));
	rp_verdict_evidence(v, buf, strlen(buf));
}

static void
set_verdict(struct rp_verdict *v, enum rp_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void
set_verdict(struct rp_verdict *v, enum rp_status st, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	v->status = st;
	free(v->reason);
	v->reason = NULL;
	if (fmt == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	v->reason = xstrdup(buf);
}

static struct gpo_name *
gpo_find(struct gset *s, const char *guid, int add)
{
	size_t i;

	for (i = 0; i < s->ng; i++)
		if (strcasecmp(s->g[i].guid, guid) == 0)
			return &s->g[i];
	if (!add || s->ng >= MAX_GPOS)
		return NULL;
	XGROW(s->g, s->cg, s->ng);
	memset(&s->g[s->ng], 0, sizeof(*s->g));
	s->g[s->ng].changed = s->g[s->ng].version = -1;
	snprintf(s->g[s->ng].guid, sizeof(s->g[s->ng].guid), "%s", guid);
	return &s->g[s->ng++];
}

/* ad.gpo-names: cn={GUID}, displayName per entry. */
struct ent {
	struct gset	*s;
	size_t		 cur;
	char		 cn[40];
	char		*dn;
	char		*display;
	char		*glink;
	long long	 changed, version;
};

/* GeneralizedTime "YYYYMMDDHHMMSS[.f]Z" to Unix seconds; -1 if malformed. */
static long long
gentime(const char *v, size_t len)
{
	struct tm tm;
	int f[6], w[6] = { 4, 2, 2, 2, 2, 2 };
	size_t i, j, o = 0;
	time_t t;

	if (len < 15 || v[len - 1] != 'Z')
		return -1;
	for (i = 0; i < 6; i++) {
		f[i] = 0;
		for (j = 0; j < (size_t)w[i]; j++, o++) {
			if (v[o] < '0' || v[o] > '9')
				return -1;
			f[i] = f[i] * 10 + (v[o] - '0');
		}
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = f[0] - 1900;
	tm.tm_mon = f[1] - 1;
	tm.tm_mday = f[2];
	tm.tm_hour = f[3];
	tm.tm_min = f[4];
	tm.tm_sec = f[5];
	if ((t = timegm(&tm)) == (time_t)-1)
		return -1;
	return (long long)t;
}

static void
names_flush(struct ent *e)
{
	struct gpo_name *g;

	if (e->cn[0] != '\0' && (g = gpo_find(e->s, e->cn, 1)) != NULL) {
		if (g->name == NULL && e->display != NULL) {
			g->name = e->display;
			e->display = NULL;
		}
		g->changed = e->changed;
		g->version = e->version;
	}
	free(e->display);
	e->display = NULL;
	e->cn[0] = '\0';
	e->changed = e->version = -1;
}

static int
names_cb(size_t entry, const char *attr, const char *val, size_t len,
    void *arg)
{
	struct ent *e = arg;

	if (entry != e->cur) {
		names_flush(e);
		e->cur = entry;
	}
	if (strcasecmp(attr, "cn") == 0 && len < sizeof(e->cn))
		snprintf(e->cn, sizeof(e->cn), "%.*s", (int)len, val);
	else if (strcasecmp(attr, "displayName") == 0 && e->display == NULL)
		e->display = xstrndup(val, len < 256 ? len : 256);
	else if (strcasecmp(attr, "whenChanged") == 0)
		e->changed = gentime(val, len);
	else if (strcasecmp(attr, "versionNumber") == 0 && len < 16) {
		char num[16];
		long long n;

		snprintf(num, sizeof(num), "%.*s", (int)len, val);
		if (rp_strtonum(num, 0, 1LL << 40, &n) == 0)
			e->version = n;
	}
	return 0;
}

static void
links_flush(struct ent *e)
{
	const char *p, *q;
	struct gpo_name *g;
	char guid[40];

	if (e->dn != NULL && e->glink != NULL) {
		for (p = e->glink; (p = strchr(p, '{')) != NULL; p = q) {
			if ((q = strchr(p, '}')) == NULL ||
			    (size_t)(q - p + 1) >= sizeof(guid))
				break;
			snprintf(guid, sizeof(guid), "%.*s", (int)(q - p + 1),
			    p);
			if ((g = gpo_find(e->s, guid, 1)) == NULL)
				continue;
			if (g->links == NULL)
				g->links = xstrdup(e->dn);
			else if (strlen(g->links) < LABEL_MAX) {
				char *n = xasprintf("%s; %s", g->links, e->dn);

				free(g->links);
				g->links = n;
			}
		}
	}
	free(e->dn);
	free(e->glink);
	e->dn = e->glink = NULL;
}

static int
links_cb(size_t entry, const char *attr, const char *val, size_t len,
    void *arg)
{
	struct ent *e = arg;

	if (entry != e->cur) {
		links_flush(e);
		e->cur = entry;
	}
	if (strcmp(attr, "dn") == 0 && e->dn == NULL)
		e->dn = xstrndup(val, len < 300 ? len : 300);
	else if (strcasecmp(attr, "gPLink") == 0 && e->glink == NULL)
		e->glink = xstrndup(val, len < 65536 ? len : 65536);
	return 0;
}

static const struct rp_probe_out *
also_ok(const struct rp_eval_ctx *ctx, const struct rp_check *ck, size_t i)
{
	const struct rp_probe_out *po;

	if (i >= ck->nalso || ctx->target == NULL)
		return NULL;
	po = rp_target_probe(ctx->target, ck->also[i]);
	if (po == NULL || po->status != RP_PS_OK || po->data == NULL)
		return NULL;
	return po;
}

static void
gset_init(struct gset *s, const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	const struct rp_probe_out *po;
	struct ent e;

	memset(s, 0, sizeof(*s));
	s->ctx = ctx;
	s->ck = ck;
	s->expected = expected;
	s->v = v;
	if ((po = also_ok(ctx, ck, 0)) != NULL) {
		memset(&e, 0, sizeof(e));
		e.s = s;
		e.changed = e.version = -1;
		if (rp_ldif_parse(po->data, po->len, names_cb, &e, NULL) >= 0)
			s->names = 1;
		names_flush(&e);
	}
	if ((po = also_ok(ctx, ck, 1)) != NULL) {
		memset(&e, 0, sizeof(e));
		e.s = s;
		if (rp_ldif_parse(po->data, po->len, links_cb, &e, NULL) >= 0)
			s->links = 1;
		links_flush(&e);
	}
}

static void
gset_release(struct gset *s)
{
	size_t i;

	for (i = 0; i < s->ng; i++) {
		free(s->g[i].name);
		free(s->g[i].links);
	}
	free(s->g);
	free(s->err);
}

/* "{GUID} "Name" (linked to ...)" into buf. */
static const char *
label(struct gset *s, const char *guid, char *buf, size_t len)
{
	struct gpo_name *g = gpo_find(s, guid, 0);

	if (!s->names && !s->links) {
		snprintf(buf, len, "GPO %s (name and links not collected: "
		    "ad.gpo-names, ad.gpo-links over LDAP)", guid);
		return buf;
	}
	snprintf(buf, len, "GPO %s%s%s%s (%s%s)", guid,
	    g && g->name ? " \"" : "", g && g->name ? g->name : "",
	    g && g->name ? "\"" : "",
	    !s->links ? "links not collected" : g && g->links ? "linked to " :
	    "not linked", g && g->links && s->links ? g->links : "");
	return buf;
}

/* The file name after "{GUID}/". */
static const char *
inner(const struct rp_sysvol_file *f)
{
	const char *p = strchr(f->path, '/');

	return p ? p + 1 : f->path;
}

static const char *
base_name(const char *path)
{
	const char *p = strrchr(path, '/');

	return p ? p + 1 : path;
}

static int
name_is(const struct rp_sysvol_file *f, const char *n)
{
	return strcasecmp(base_name(f->path), n) == 0;
}

static int
path_has(const struct rp_sysvol_file *f, const char *n)
{
	return strcasestr(f->path, n) != NULL;
}

/* Walk the probe output; a malformed or cut output is an error verdict. */
static int
each_file(struct gset *s, rp_sysvol_file_cb cb)
{
	const struct rp_probe_out *po = s->ctx->out;
	char *cause = NULL;
	size_t n;
	int r;

	if (po == NULL || po->data == NULL) {
		set_verdict(s->v, RP_ST_ERROR, "no SYSVOL output");
		return -1;
	}
	r = rp_sysvol_each(po->data, po->len, cb, s, &n, &cause);
	rp_probe_drop_pages(po);
	if (r < 0) {
		set_verdict(s->v, RP_ST_ERROR, "SYSVOL output: %s",
		    cause ? cause : rp_err_str(r));
		free(cause);
		return -1;
	}
	free(cause);
	if (s->err != NULL) {
		set_verdict(s->v, RP_ST_ERROR, "%s", s->err);
		return -1;
	}
	return 0;
}

static void
file_error(struct gset *s, const struct rp_sysvol_file *f, const char *why)
{
	char *esc;

	if (s->err != NULL)
		return;
	esc = rp_sysvol_escape(f->path, 1);
	s->err = xasprintf("%s could not be read (%s): not judged", esc, why);
	free(esc);
}

/* Text of a file (UTF-8), or NULL and an error. */
static char *
file_text(struct gset *s, const struct rp_sysvol_file *f, size_t *len)
{
	char *t;

	if (f->truncated) {
		file_error(s, f, "cut at the per-file limit");
		return NULL;
	}
	if ((t = rp_gpo_text(f->data, f->len, len)) == NULL)
		file_error(s, f, "too large");
	else if (rp_ini_longest(t, *len) > RP_GPO_MAX_LINE) {
		/* a cut line would drop the values after the cut */
		file_error(s, f, "a line longer than the parser reads (65536 "
		    "bytes)");
		free(t);
		t = NULL;
	}
	return t;
}

/* Finish: fail when bad, else pass (or the absent rule). */
static int
finish(struct gset *s, const char *nothing)
{
	if (s->bad > 0)
		set_verdict(s->v, RP_ST_FAIL, NULL);
	else {
		set_verdict(s->v, RP_ST_PASS, NULL);
		if (nothing != NULL && s->v->observed.len == 0)
			rp_verdict_observe(s->v, nothing, strlen(nothing));
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* GPP passwords                                                        */

static int
cpw_item(const struct rp_gpp_item *it, void *arg)
{
	struct gset *s = arg;
	const struct rp_sysvol_file *f = s->priv;
	const char *cp = rp_gpp_prop(it, "cpassword"), *acct;
	char lb[LABEL_MAX + 200];

	if (cp == NULL || *cp == '\0')
		return 0;
	acct = rp_gpp_prop(it, "userName");
	if (acct == NULL || *acct == '\0')
		acct = rp_gpp_prop(it, "accountName");
	if (acct == NULL || *acct == '\0')
		acct = rp_gpp_prop(it, "runAs");
	if (acct == NULL || *acct == '\0')
		acct = rp_gpp_prop(it, "username");
	if (acct == NULL || *acct == '\0')
		acct = it->name;
	s->bad++;
	observe(s->v, "%s: %s: %s \"%s\" holds a cpassword (account %s)",
	    label(s, f->guid, lb, sizeof(lb)), inner(f), it->kind, it->name,
	    acct && *acct ? acct : "?");
	return 0;
}

static int
cpw_file(const struct rp_sysvol_file *f, void *arg)
{
	struct gset *s = arg;
	char *cause = NULL, lb[LABEL_MAX + 200];
	size_t bad = s->bad;

	if (!path_has(f, ".xml"))
		return 0;
	if (f->truncated) {
		file_error(s, f, "cut at the per-file limit");
		return 0;
	}
	s->priv = (void *)f;
	if (rp_gpp_each(f->data, f->len, cpw_item, s, &cause) < 0) {
		/* not parsed: a masked value still says a password was there */
		if (f->masked > 0) {
			s->bad++;
			observe(s->v, "%s: %s: %d cpassword value(s) (file "
			    "not parsed: %s)", label(s, f->guid, lb,
			    sizeof(lb)), inner(f), f->masked,
			    cause ? cause : "?");
		} else
			file_error(s, f, cause ? cause : "not parsed");
	} else if (s->bad == bad && f->masked > 0) {
		s->bad++;
		observe(s->v, "%s: %s: %d cpassword value(s)", label(s,
		    f->guid, lb, sizeof(lb)), inner(f), f->masked);
	}
	free(cause);
	return 0;
}

static int
cpassword_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct gset s;

	gset_init(&s, ctx, ck, expected, v);
	if (each_file(&s, cpw_file) == 0)
		finish(&s, NULL);
	gset_release(&s);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Immediate scheduled tasks                                            */

static int
task_item(const struct rp_gpp_item *it, void *arg)
{
	struct gset *s = arg;
	const struct rp_sysvol_file *f = s->priv;
	char lb[LABEL_MAX + 200];
	const char *cmd = it->command ? it->command :
	    rp_gpp_prop(it, "appName");
	const char *args = it->arguments ? it->arguments :
	    rp_gpp_prop(it, "args");
	const char *who = it->userid ? it->userid : rp_gpp_prop(it, "runAs");

	const char *sn = rp_gpp_prop(it, "serviceName"),
	    *st = rp_gpp_prop(it, "startupType");

	if (it->disabled)
		return 0;
	if (strcasecmp(it->kind, "NTService") == 0) {
		/* listed for review, not failed */
		observe(s->v, "%s: %s: service %s startup %s%s%s (changed %s)",
		    label(s, f->guid, lb, sizeof(lb)), inner(f), sn ? sn : "?",
		    st ? st : "?", who ? " as " : "", who ? who : "",
		    *it->changed ? it->changed : "?");
		return 0;
	}
	if (strncasecmp(it->kind, "ImmediateTask", 13) != 0) {
		if (strncasecmp(it->kind, "Task", 4) == 0)
			observe(s->v, "%s: %s: scheduled task \"%s\" runs %s%s%s "
			    "as %s (changed %s)", label(s, f->guid, lb,
			    sizeof(lb)), inner(f), it->name, cmd ? cmd : "?",
			    args ? " " : "", args ? args : "", who ? who : "?",
			    *it->changed ? it->changed : "?");
		return 0;
	}
	s->bad++;
	observe(s->v, "%s: %s: immediate task \"%s\" runs %s%s%s as %s "
	    "(changed %s)", label(s, f->guid, lb, sizeof(lb)), inner(f),
	    it->name, cmd ? cmd : "?", args ? " " : "", args ? args : "",
	    who ? who : "?", *it->changed ? it->changed : "?");
	return 0;
}

static int
task_file(const struct rp_sysvol_file *f, void *arg)
{
	struct gset *s = arg;
	char *cause = NULL;

	if (!name_is(f, "ScheduledTasks.xml") && !name_is(f, "Services.xml"))
		return 0;
	if (f->truncated) {
		file_error(s, f, "cut at the per-file limit");
		return 0;
	}
	s->priv = (void *)f;
	if (rp_gpp_each(f->data, f->len, task_item, s, &cause) < 0)
		file_error(s, f, cause ? cause : "not parsed");
	free(cause);
	return 0;
}

static int
immediate_task_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct gset s;

	gset_init(&s, ctx, ck, expected, v);
	if (each_file(&s, task_file) == 0)
		finish(&s, NULL);
	gset_release(&s);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Logon / startup scripts pointing outside SYSVOL                      */

/* A script path outside the GPO's folder and the domain's shares. */
static int
outside(const char *cmd)
{
	const char *p, *e;
	size_t n;

	if (cmd[0] == '\\' && cmd[1] == '\\') {
		p = cmd + 2;
		if ((p = strchr(p, '\\')) == NULL)
			return 1;
		p++;
		e = p + strcspn(p, "\\");
		n = (size_t)(e - p);
		return !((n == 6 && strncasecmp(p, "SYSVOL", 6) == 0) ||
		    (n == 8 && strncasecmp(p, "NETLOGON", 8) == 0));
	}
	/* a drive, a URL, a path on the computer itself */
	return strchr(cmd, ':') != NULL || cmd[0] == '\\' || cmd[0] == '/';
}

static int
script_line(const char *section, const char *key, const char *value,
    void *arg)
{
	struct gset *s = arg;
	const struct rp_sysvol_file *f = s->priv;
	char lb[LABEL_MAX + 200];
	size_t kl = strlen(key);

	if (value == NULL || *value == '\0' || kl < 8 ||
	    strcasecmp(key + kl - 7, "CmdLine") != 0)
		return 0;
	s->seen++;
	if (!outside(value))
		return 0;
	s->bad++;
	observe(s->v, "%s: %s [%s]: %s", label(s, f->guid, lb, sizeof(lb)),
	    inner(f), section, value);
	return 0;
}

static int
script_file(const struct rp_sysvol_file *f, void *arg)
{
	struct gset *s = arg;
	char *t;
	size_t len;

	if (!name_is(f, "scripts.ini") && !name_is(f, "psscripts.ini"))
		return 0;
	if ((t = file_text(s, f, &len)) == NULL)
		return 0;
	s->priv = (void *)f;
	rp_ini_each(t, len, script_line, s);
	free(t);
	return 0;
}

static int
script_outside_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct gset s;

	gset_init(&s, ctx, ck, expected, v);
	if (each_file(&s, script_file) == 0)
		finish(&s, NULL);
	gset_release(&s);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Broad principals in local Administrators, logon rights               */

static int
broad(const char *who)
{
	static const char *const names[] = {
		"Everyone", "Tout le monde", "Authenticated Users",
		"Utilisateurs authentifiés", "Domain Users",
		"Utilisateurs du domaine", "Users", "Utilisateurs",
		"Domain Computers", "Ordinateurs du domaine", "Guests",
		"Domain Guests", "ANONYMOUS LOGON", "Interactive",
	};
	static const char *const sids[] = {
		"S-1-1-0", "S-1-5-11", "S-1-5-32-545", "S-1-5-7", "S-1-5-4",
		"S-1-5-32-546",
	};
	const char *p, *bs;
	size_t i, n;

	while (*who == ' ' || *who == '*')
		who++;
	for (i = 0; i < sizeof(sids) / sizeof(*sids); i++)
		if (strcasecmp(who, sids[i]) == 0)
			return 1;
	if (strncasecmp(who, "S-1-5-21-", 9) == 0) {
		n = strlen(who);
		if ((p = strrchr(who, '-')) != NULL && (strcmp(p, "-513") == 0 ||
		    strcmp(p, "-515") == 0 || strcmp(p, "-514") == 0 ||
		    strcmp(p, "-501") == 0) && n > 12)
			return 1;
		return 0;
	}
	if ((bs = strrchr(who, '\\')) != NULL)
		who = bs + 1;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strcasecmp(who, names[i]) == 0)
			return 1;
	return 0;
}

static int
is_admins(const char *name, const char *sid)
{
	if (sid != NULL && strcasecmp(sid, "S-1-5-32-544") == 0)
		return 1;
	if (name == NULL)
		return 0;
	return strncasecmp(name, "Administrators", 14) == 0 ||
	    strncasecmp(name, "Administrateurs", 15) == 0 ||
	    strcasecmp(name, "BUILTIN\\Administrators") == 0;
}

static int
admins_item(const struct rp_gpp_item *it, void *arg)
{
	struct gset *s = arg;
	const struct rp_sysvol_file *f = s->priv;
	char lb[LABEL_MAX + 200], *dup, *act, *nm, *sid;
	size_t i;

	if (strcasecmp(it->kind, "Group") != 0 || it->disabled ||
	    !is_admins(rp_gpp_prop(it, "groupName"),
	    rp_gpp_prop(it, "groupSid")))
		return 0;
	s->seen++;
	for (i = 0; i < it->nmembers; i++) {
		dup = xstrdup(it->members[i]);
		act = dup;
		if ((nm = strchr(act, '\t')) == NULL ||
		    (sid = strchr(nm + 1, '\t')) == NULL) {
			free(dup);
			continue;
		}
		*nm++ = '\0';
		*sid++ = '\0';
		if (strcasecmp(act, "REMOVE") != 0 && (broad(nm) ||
		    broad(sid))) {
			s->bad++;
			observe(s->v, "%s: %s: %s added to local \"%s\"",
			    label(s, f->guid, lb, sizeof(lb)), inner(f),
			    strcmp(nm, "-") ? nm : sid, it->name);
		}
		free(dup);
	}
	return 0;
}

struct right_ctx {
	struct gset	*s;
	const char	*right;		/* SeInteractiveLogonRight, or NULL: group membership */
};

/* "[Privilege Rights] Right = *S-1-1-0,*S-..." or "[Group Membership]
 * *S-1-5-32-544__Members = ..." */
static int
inf_line(const char *section, const char *key, const char *value, void *arg)
{
	struct right_ctx *rc = arg;
	struct gset *s = rc->s;
	const struct rp_sysvol_file *f = s->priv;
	char lb[LABEL_MAX + 200], *dup, *w, *save;

	if (value == NULL)
		return 0;
	if (rc->right != NULL) {
		if (strcasecmp(section, "Privilege Rights") != 0 ||
		    strcasecmp(key, rc->right) != 0)
			return 0;
	} else if (strcasecmp(section, "Group Membership") != 0 ||
	    strcasecmp(key, "*S-1-5-32-544__Members") != 0)
		return 0;
	s->seen++;
	save = dup = xstrdup(value);
	while ((w = rp_next_token(&save, ",")) != NULL) {
		if (!broad(w))
			continue;
		s->bad++;
		observe(s->v, "%s: %s: %s given to %s", label(s, f->guid, lb,
		    sizeof(lb)), inner(f), rc->right ? rc->right :
		    "local Administrators membership", w);
	}
	free(dup);
	return 0;
}

static int
admins_file(const struct rp_sysvol_file *f, void *arg)
{
	struct gset *s = arg;
	struct right_ctx rc;
	char *cause = NULL, *t;
	size_t len;

	s->priv = (void *)f;
	if (name_is(f, "Groups.xml")) {
		if (f->truncated)
			file_error(s, f, "cut at the per-file limit");
		else if (rp_gpp_each(f->data, f->len, admins_item, s,
		    &cause) < 0)
			file_error(s, f, cause ? cause : "not parsed");
		free(cause);
	} else if (name_is(f, "GptTmpl.inf")) {
		if ((t = file_text(s, f, &len)) == NULL)
			return 0;
		rc.s = s;
		rc.right = NULL;
		rp_ini_each(t, len, inf_line, &rc);
		free(t);
	}
	return 0;
}

static int
local_admins_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct gset s;

	gset_init(&s, ctx, ck, expected, v);
	if (each_file(&s, admins_file) == 0)
		finish(&s, NULL);
	gset_release(&s);
	return 0;
}

static int
right_file(const struct rp_sysvol_file *f, void *arg)
{
	struct gset *s = arg;
	struct right_ctx rc;
	char *t;
	size_t len;

	if (!name_is(f, "GptTmpl.inf"))
		return 0;
	if ((t = file_text(s, f, &len)) == NULL)
		return 0;
	s->priv = (void *)f;
	rc.s = s;
	rc.right = s->expected && *s->expected ? s->expected :
	    "SeInteractiveLogonRight";
	rp_ini_each(t, len, inf_line, &rc);
	free(t);
	return 0;
}

static int
logon_right_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct gset s;

	gset_init(&s, ctx, ck, expected, v);
	if (each_file(&s, right_file) == 0)
		finish(&s, NULL);
	gset_release(&s);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Registry settings: GptTmpl.inf [Registry Values], Registry.pol,      */
/* GPP Registry.xml                                                     */

struct regspec {
	char		 path[512];	/* MACHINE\...\Value */
	enum { OP_EQ, OP_GE, OP_LE } op;
	long long	 want;
	enum rp_status	 absent;
};

/* "PATH|op|N|absent" with op eq, ge, le and absent pass, fail, na. */
static int
regspec_parse(const char *s, struct regspec *r)
{
	char buf[700], *op, *num, *ab, *e;

	if (strlen(s) >= sizeof(buf))
		return -1;
	snprintf(buf, sizeof(buf), "%s", s);
	if ((op = strchr(buf, '|')) == NULL)
		return -1;
	*op++ = '\0';
	if ((num = strchr(op, '|')) == NULL)
		return -1;
	*num++ = '\0';
	if ((ab = strchr(num, '|')) == NULL)
		return -1;
	*ab++ = '\0';
	if ((e = strchr(ab, '|')) != NULL || strlen(buf) >= sizeof(r->path) ||
	    rp_strtonum(num, -(1LL << 40), 1LL << 40, &r->want) != 0)
		return -1;
	snprintf(r->path, sizeof(r->path), "%s", buf);
	r->op = strcmp(op, "eq") == 0 ? OP_EQ : strcmp(op, "ge") == 0 ?
	    OP_GE : strcmp(op, "le") == 0 ? OP_LE : (typeof(r->op))-1;
	if ((int)r->op < 0)
		return -1;
	r->absent = strcmp(ab, "pass") == 0 ? RP_ST_PASS :
	    strcmp(ab, "fail") == 0 ? RP_ST_FAIL : strcmp(ab, "na") == 0 ?
	    RP_ST_NA : RP_ST__COUNT;
	return r->absent == RP_ST__COUNT ? -1 : 0;
}

static const char *
op_text(const struct regspec *r)
{
	return r->op == OP_EQ ? "=" : r->op == OP_GE ? ">=" : "<=";
}

static void
reg_judge(struct gset *s, const struct rp_sysvol_file *f, long long got,
    const char *how)
{
	const struct regspec *r = s->priv;
	char lb[LABEL_MAX + 200];
	int ok = r->op == OP_EQ ? got == r->want : r->op == OP_GE ?
	    got >= r->want : got <= r->want;
	const char *vn = strrchr(r->path, '\\');

	if (ok) {
		s->good++;
		return;
	}
	s->bad++;
	observe(s->v, "%s: %s: %s = %lld (expected %s %lld)%s", label(s,
	    f->guid, lb, sizeof(lb)), inner(f), vn ? vn + 1 : r->path, got,
	    op_text(r), r->want, how);
}

struct regwalk {
	struct gset			*s;
	const struct rp_sysvol_file	*f;
	const char			*hive;	/* MACHINE or USER */
};

static int
reg_inf_line(const char *section, const char *key, const char *value,
    void *arg)
{
	struct regwalk *rw = arg;
	const struct regspec *r = rw->s->priv;
	const char *c;
	long long n;
	char num[32];

	if (value == NULL || strcasecmp(section, "Registry Values") != 0 ||
	    strcasecmp(key, r->path) != 0)
		return 0;
	/* TYPE,VALUE */
	if ((c = strchr(value, ',')) == NULL) {
		file_error(rw->s, rw->f, "a registry value without type");
		return 0;
	}
	snprintf(num, sizeof(num), "%s", c + 1);
	if (rp_strtonum(num, -(1LL << 40), 1LL << 40, &n) != 0) {
		file_error(rw->s, rw->f, "a registry value that is not a "
		    "number");
		return 0;
	}
	reg_judge(rw->s, rw->f, n, "");
	return 0;
}

static int
reg_pol_rec(const struct rp_preg_rec *rec, void *arg)
{
	struct regwalk *rw = arg;
	const struct regspec *r = rw->s->priv;
	char full[1600];

	snprintf(full, sizeof(full), "%s\\%s\\%s", rw->hive, rec->key,
	    rec->value);
	if (strcasecmp(full, r->path) != 0)
		return 0;
	if (!rec->has_dword) {
		file_error(rw->s, rw->f, "the registry value is not a DWORD");
		return 0;
	}
	reg_judge(rw->s, rw->f, (long long)rec->dword, " (Registry.pol)");
	return 0;
}

static int
reg_xml_item(const struct rp_gpp_item *it, void *arg)
{
	struct regwalk *rw = arg;
	const struct regspec *r = rw->s->priv;
	const char *hive = rp_gpp_prop(it, "hive"), *key, *name, *val, *act;
	char full[1600];
	long long n;

	if (strcasecmp(it->kind, "Registry") != 0 || it->disabled)
		return 0;
	key = rp_gpp_prop(it, "key");
	name = rp_gpp_prop(it, "name");
	val = rp_gpp_prop(it, "value");
	act = rp_gpp_prop(it, "action");
	if (hive == NULL || key == NULL || name == NULL || val == NULL ||
	    strcasecmp(hive, "HKEY_LOCAL_MACHINE") != 0 ||
	    (act != NULL && strcasecmp(act, "D") == 0))
		return 0;
	snprintf(full, sizeof(full), "MACHINE\\%s\\%s", key, name);
	if (strcasecmp(full, r->path) != 0)
		return 0;
	/* a REG_DWORD, in hexadecimal */
	if (rp_strtonum_base(val, 16, 0, 0xffffffffLL, &n) != 0) {
		file_error(rw->s, rw->f, "a registry value that is not a "
		    "32-bit number");
		return 0;
	}
	reg_judge(rw->s, rw->f, n, " (preference)");
	return 0;
}

static int
reg_file(const struct rp_sysvol_file *f, void *arg)
{
	struct gset *s = arg;
	struct regwalk rw;
	char *t, *cause = NULL;
	size_t len;

	rw.s = s;
	rw.f = f;
	rw.hive = "MACHINE";
	if (name_is(f, "GptTmpl.inf")) {
		if ((t = file_text(s, f, &len)) == NULL)
			return 0;
		rp_ini_each(t, len, reg_inf_line, &rw);
		free(t);
	} else if (name_is(f, "Registry.pol")) {
		if (strncasecmp(inner(f), "User/", 5) == 0)
			rw.hive = "USER";
		if (f->truncated)
			file_error(s, f, "cut at the per-file limit");
		else if (rp_preg_each((const unsigned char *)f->data, f->len,
		    reg_pol_rec, &rw, &cause) < 0)
			file_error(s, f, cause ? cause : "not parsed");
	} else if (name_is(f, "Registry.xml") &&
	    strncasecmp(inner(f), "Machine/", 8) == 0) {
		if (f->truncated)
			file_error(s, f, "cut at the per-file limit");
		else if (rp_gpp_each(f->data, f->len, reg_xml_item, &rw,
		    &cause) < 0)
			file_error(s, f, cause ? cause : "not parsed");
	}
	free(cause);
	return 0;
}

static int
setting_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct regspec r;
	struct gset s;

	if (expected == NULL || regspec_parse(expected, &r) != 0) {
		set_verdict(v, RP_ST_ERROR, "value '%s' is not "
		    "PATH|eq,ge,le|NUMBER|pass,fail,na", expected ? expected :
		    "");
		return 0;
	}
	gset_init(&s, ctx, ck, expected, v);
	s.priv = &r;
	if (each_file(&s, reg_file) == 0) {
		if (s.bad == 0 && s.good == 0) {
			char buf[700];

			snprintf(buf, sizeof(buf), "no GPO sets %s",
			    r.path);
			rp_verdict_observe(v, buf, strlen(buf));
			set_verdict(v, r.absent, r.absent == RP_ST_FAIL ?
			    NULL : "%s", buf);
			if (r.absent == RP_ST_PASS) {
				free(v->reason);
				v->reason = NULL;
			}
		} else
			finish(&s, NULL);
	}
	gset_release(&s);
	return 0;
}

/* ------------------------------------------------------------------ */
/* A service disabled by GPO (the print spooler on DCs)                 */

static int
svc_inf_line(const char *section, const char *key, const char *value,
    void *arg)
{
	struct gset *s = arg;
	const struct rp_sysvol_file *f = s->priv;
	char name[128], lb[LABEL_MAX + 200], num[8];
	const char *p, *e;
	long long mode;

	(void)value;	/* the SDDL after the mode may hold a '=' */
	if (strcasecmp(section, "Service General Setting") != 0)
		return 0;
	/* "Spooler",4,"" */
	p = key;
	if (*p == '"') {
		p++;
		e = strchr(p, '"');
	} else
		e = strchr(p, ',');
	if (e == NULL || (size_t)(e - p) >= sizeof(name))
		return 0;
	snprintf(name, sizeof(name), "%.*s", (int)(e - p), p);
	if (*e == '"')
		e++;
	if (*e != ',')
		return 0;
	e++;
	p = e;
	while (*e >= '0' && *e <= '9' && (size_t)(e - p) < sizeof(num) - 1)
		e++;
	snprintf(num, sizeof(num), "%.*s", (int)(e - p), p);
	if (rp_strtonum(num, 0, 9, &mode) != 0 ||
	    strcasecmp(name, s->expected) != 0)
		return 0;
	if (mode == 4)
		s->good++;
	else {
		s->bad++;
		observe(s->v, "%s: %s: service %s start mode %lld (4 is "
		    "disabled)", label(s, f->guid, lb, sizeof(lb)), inner(f),
		    name, mode);
	}
	return 0;
}

static int
svc_item(const struct rp_gpp_item *it, void *arg)
{
	struct gset *s = arg;
	const struct rp_sysvol_file *f = s->priv;
	const char *sn = rp_gpp_prop(it, "serviceName"),
	    *st = rp_gpp_prop(it, "startupType");
	char lb[LABEL_MAX + 200];

	if (strcasecmp(it->kind, "NTService") != 0 || it->disabled ||
	    sn == NULL || st == NULL || strcasecmp(sn, s->expected) != 0)
		return 0;
	if (strcasecmp(st, "DISABLED") == 0)
		s->good++;
	else if (strcasecmp(st, "NOCHANGE") != 0) {
		s->bad++;
		observe(s->v, "%s: %s: service %s startup %s (preference)",
		    label(s, f->guid, lb, sizeof(lb)), inner(f), sn, st);
	}
	return 0;
}

static int
svc_file(const struct rp_sysvol_file *f, void *arg)
{
	struct gset *s = arg;
	char *t, *cause = NULL;
	size_t len;

	s->priv = (void *)f;
	if (name_is(f, "GptTmpl.inf")) {
		if ((t = file_text(s, f, &len)) == NULL)
			return 0;
		rp_ini_each(t, len, svc_inf_line, s);
		free(t);
	} else if (name_is(f, "Services.xml")) {
		if (f->truncated)
			file_error(s, f, "cut at the per-file limit");
		else if (rp_gpp_each(f->data, f->len, svc_item, s,
		    &cause) < 0)
			file_error(s, f, cause ? cause : "not parsed");
	}
	free(cause);
	return 0;
}

static int
service_disabled_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct gset s;
	char buf[300];

	if (expected == NULL || *expected == '\0') {
		set_verdict(v, RP_ST_ERROR, "no service name in the value");
		return 0;
	}
	gset_init(&s, ctx, ck, expected, v);
	if (each_file(&s, svc_file) == 0) {
		if (s.bad == 0 && s.good == 0) {
			snprintf(buf, sizeof(buf), "no GPO disables the "
			    "service %s", expected);
			rp_verdict_observe(v, buf, strlen(buf));
			set_verdict(v, RP_ST_FAIL, NULL);
		} else
			finish(&s, NULL);
	}
	gset_release(&s);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Audit policy                                                         */

static const char *const audit_keys[] = {
	"AuditAccountLogon", "AuditAccountManage", "AuditDSAccess",
	"AuditLogonEvents", "AuditPolicyChange", "AuditPrivilegeUse",
	"AuditSystemEvents",
};
#define NAUDIT	(sizeof(audit_keys) / sizeof(*audit_keys))

struct audit {
	struct gset	*s;
	int		 best[NAUDIT];	/* highest value set, -1 none */
	size_t		 csv;		/* audit.csv files */
};

static int
audit_line(const char *section, const char *key, const char *value,
    void *arg)
{
	struct audit *a = arg;
	long long n;
	size_t i;

	if (value == NULL || strcasecmp(section, "Event Audit") != 0)
		return 0;
	for (i = 0; i < NAUDIT; i++)
		if (strcasecmp(key, audit_keys[i]) == 0 &&
		    rp_strtonum(value, 0, 3, &n) == 0 && (int)n > a->best[i])
			a->best[i] = (int)n;
	return 0;
}

static int
audit_file(const struct rp_sysvol_file *f, void *arg)
{
	struct gset *s = arg;
	struct audit *a = s->priv;
	char *t;
	size_t len;

	if (name_is(f, "audit.csv")) {
		a->csv++;
		return 0;
	}
	if (!name_is(f, "GptTmpl.inf"))
		return 0;
	if ((t = file_text(s, f, &len)) == NULL)
		return 0;
	rp_ini_each(t, len, audit_line, a);
	free(t);
	return 0;
}

static int
audit_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct audit a;
	struct gset s;
	size_t i, missing = 0;

	gset_init(&s, ctx, ck, expected, v);
	memset(&a, 0, sizeof(a));
	for (i = 0; i < NAUDIT; i++)
		a.best[i] = -1;
	a.s = &s;
	s.priv = &a;
	if (each_file(&s, audit_file) == 0) {
		for (i = 0; i < NAUDIT; i++) {
			if (a.best[i] == 3)
				continue;
			missing++;
			observe(v, "%s: %s", audit_keys[i], a.best[i] < 0 ?
			    "set by no GPO" : a.best[i] == 0 ? "no auditing" :
			    a.best[i] == 1 ? "success only" : "failure only");
		}
		if (missing == 0)
			set_verdict(v, RP_ST_PASS, NULL);
		else if (a.csv > 0)
			set_verdict(v, RP_ST_ERROR, "an advanced audit policy "
			    "(audit.csv, %zu file(s)) applies instead of the "
			    "categories: not judged", a.csv);
		else
			set_verdict(v, RP_ST_FAIL, NULL);
	}
	gset_release(&s);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Policy files changed in the incident window                          */

static int
window_file(const struct rp_sysvol_file *f, void *arg)
{
	struct gset *s = arg;
	const struct rp_incident *inc = s->ctx->incident;
	struct rp_ftimes ft;
	char lb[LABEL_MAX + 200], when[32];
	unsigned bits;

	ft.birth = f->btime > 0 ? (double)f->btime : 0;
	ft.mtime = f->mtime >= 0 ? (double)f->mtime : -1;
	ft.ctime = f->ctime >= 0 ? (double)f->ctime : -1;
	s->seen++;
	if (f->mtime < 0 && f->ctime < 0 && f->btime < 0) {
		file_error(s, f, "no time from the source");
		return 0;
	}
	bits = rp_incident_judge(&ft, (double)inc->compromise_start,
	    rp_incident_window_end(inc));
	if (bits == 0)
		return 0;
	s->bad++;
	rp_format_time((time_t)(f->mtime >= 0 ? f->mtime : f->ctime), when,
	    sizeof(when));
	observe(s->v, "%s: %s: %s%s%s (modified %s)", label(s, f->guid, lb,
	    sizeof(lb)), inner(f), bits & RP_FT_CREATED ? "created " : "",
	    bits & RP_FT_CONTENT ? "content changed " : "",
	    bits & RP_FT_META ? "metadata changed" : "", when);
	return 0;
}

static int
window_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	struct gset s;
	char lb[LABEL_MAX + 200], when[32];
	double from, to;
	size_t i;

	if (ctx->incident == NULL) {
		set_verdict(v, RP_ST_NA, "no incident context (evaluate "
		    "--incident FILE)");
		return 0;
	}
	gset_init(&s, ctx, ck, expected, v);
	from = (double)ctx->incident->compromise_start;
	to = rp_incident_window_end(ctx->incident);
	/* the GPO objects over LDAP (ad.gpo-names) first: the observed value
	 * is capped, and there are few of them */
	for (i = 0; i < s.ng; i++) {
		const struct gpo_name *g = &s.g[i];

		if (g->changed < 0 || (double)g->changed < from ||
		    (double)g->changed > to)
			continue;
		s.bad++;
		rp_format_time((time_t)g->changed, when, sizeof(when));
		observe(v, "%s: the GPO object changed over LDAP (whenChanged "
		    "%s, versionNumber %lld)", label(&s, g->guid, lb,
		    sizeof(lb)), when, g->version);
	}
	if (each_file(&s, window_file) == 0)
		finish(&s, NULL);
	gset_release(&s);
	return 0;
}

#define GPO_EVALUATOR(sym, nm, fn, text)				\
	const struct rp_evaluator sym = {				\
		.name = nm,						\
		.kind = RP_KIND_AD,					\
		.needs_probe = 1,					\
		.nalso = 0,						\
		.doc = text,						\
		.evaluate = fn,						\
	}

GPO_EVALUATOR(rp_eval_gpo_cpassword, "gpo-cpassword", cpassword_evaluate,
    "Group Policy Preferences files holding a cpassword (value masked at "
    "collection), with the file and the account");
GPO_EVALUATOR(rp_eval_gpo_immediate_task, "gpo-immediate-task",
    immediate_task_evaluate, "immediate scheduled tasks pushed by a GPO "
    "(ScheduledTasks.xml), with command, account and change time; the other "
    "tasks and the services GPOs configure (Services.xml) are listed, not "
    "failed");
GPO_EVALUATOR(rp_eval_gpo_script_outside, "gpo-script-outside",
    script_outside_evaluate, "logon, logoff, startup and shutdown scripts "
    "(scripts.ini, psscripts.ini) run from outside SYSVOL and NETLOGON");
GPO_EVALUATOR(rp_eval_gpo_local_admins, "gpo-local-admins",
    local_admins_evaluate, "broad principals (Everyone, Authenticated "
    "Users, Domain Users...) added to local Administrators by a GPO "
    "(Groups.xml, GptTmpl.inf Group Membership)");
GPO_EVALUATOR(rp_eval_gpo_logon_right, "gpo-logon-right",
    logon_right_evaluate, "broad principals given a user right in "
    "GptTmpl.inf [Privilege Rights]; value: the right (default "
    "SeInteractiveLogonRight)");
GPO_EVALUATOR(rp_eval_gpo_setting, "gpo-setting", setting_evaluate,
    "a registry policy value in every GPO that sets it (GptTmpl.inf "
    "Registry Values, Registry.pol, Registry.xml); value: "
    "PATH|eq,ge,le|NUMBER|verdict when no GPO sets it (pass, fail, na)");
GPO_EVALUATOR(rp_eval_gpo_service_disabled, "gpo-service-disabled",
    service_disabled_evaluate, "a service disabled by a GPO (GptTmpl.inf "
    "Service General Setting or Services.xml); value: the service name");
GPO_EVALUATOR(rp_eval_gpo_audit, "gpo-audit", audit_evaluate,
    "the audit categories a DC needs set to success and failure by a GPO "
    "(GptTmpl.inf Event Audit)");
GPO_EVALUATOR(rp_eval_gpo_window, "gpo-window", window_evaluate,
    "policy files created or changed in the incident window (times from "
    "SMB or the copy), and GPO objects whose whenChanged falls in it "
    "(ad.gpo-names, when collected)");
