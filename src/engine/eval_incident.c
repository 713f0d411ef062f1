/*
 * eval_incident.c -- post-incident evaluators for Linux targets: what
 * changed during the incident window, and what the remediation should have
 * renewed and did not. Times come from the target ("as the host reports
 * them": a compromised host can lie; ctime defeats a simple touch -d) and
 * are compared offline with the incident context, never on the target.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "engine/content.h"
#include "engine/evaluators.h"
#include "engine/extract.h"
#include "evidence/bundle.h"
#include "core/banned.h"

/* "MTIME|CTIME|MODE|UID|PATH" (find -printf '%T@|%C@|%m|%U|%p\n'). */
struct ftime {
	double		 mtime, ctime;
	const char	*path;
};

static int
parse_ftime(char *line, struct ftime *f)
{
	char *fld[4], *p = line;
	int i;

	for (i = 0; i < 4; i++) {
		fld[i] = p;
		if ((p = strchr(p, '|')) == NULL)
			return -1;
		*p++ = '\0';
	}
	if (rp_strtod(fld[0], &f->mtime) != 0 ||
	    rp_strtod(fld[1], &f->ctime) != 0)
		return -1;
	f->path = p;
	return 0;
}

static void
fmt_day(time_t t, char *buf, size_t len)
{
	rp_format_time(t, buf, len);
	if (strlen(buf) > 10)
		buf[10] = '\0';
}

/* The end of the window in which changes are the attacker's suspects. */
static time_t
window_end(const struct rp_eval_ctx *ctx)
{
	const struct rp_incident *inc = ctx->incident;

	if (inc->remediation != 0)
		return inc->remediation;
	return ctx->now;
}

/* The date before which credentials and keys count as not renewed. */
static time_t
renewal_cutoff(const struct rp_incident *inc)
{
	if (inc->remediation != 0)
		return inc->remediation;
	return inc->containment;
}

static int
need_incident(const struct rp_eval_ctx *ctx, struct rp_verdict *v)
{
	if (ctx->incident != NULL)
		return 1;
	v->status = RP_ST_NA;
	v->reason = xstrdup("no incident context: give --incident FILE with "
	    "the compromise dates");
	return 0;
}

/* The check's <read> filter applied to the probe output (lines). */
static int
lines_of(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    struct rp_values *vals, struct rp_verdict *v)
{
	char *cause = NULL;

	if (rp_extract(&check->extract, ctx->out->data, ctx->out->len, vals,
	    &cause) != 0) {
		v->status = RP_ST_ERROR;
		v->reason = cause;
		return 0;
	}
	return 1;
}

static void
observe_time(struct rp_verdict *v, const char *path, double t)
{
	char when[32], buf[4200];
	int n;

	rp_format_time((time_t)t, when, sizeof(when));
	n = snprintf(buf, sizeof(buf), "%.4000s (%s)", path, when);
	rp_verdict_observe(v, buf, (size_t)n);
}

/*
 * linux-changed-in-window: files (persistence locations) whose last change,
 * max(mtime, ctime), falls between the compromise start and the
 * remediation (or the audit when remediation is not dated).
 */
static int
changed_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	struct rp_values vals;
	struct ftime f;
	time_t from, to;
	double t;
	size_t i, bad = 0, seen = 0;

	if (!need_incident(ctx, v) || !lines_of(ctx, check, &vals, v))
		return 0;
	from = ctx->incident->compromise_start;
	to = window_end(ctx);
	for (i = 0; i < vals.n; i++) {
		if (parse_ftime(vals.v[i], &f) != 0)
			continue;
		seen++;
		t = f.mtime > f.ctime ? f.mtime : f.ctime;
		if (t < (double)from || t > (double)to + 86399)
			continue;
		observe_time(v, f.path, t);
		bad++;
	}
	if (bad > 0) {
		char w[64], a[32], b[32];

		fmt_day(from, a, sizeof(a));
		fmt_day(to, b, sizeof(b));
		snprintf(w, sizeof(w), "window %s .. %s", a, b);
		rp_verdict_evidence(v, w, strlen(w));
	}
	v->status = bad ? RP_ST_FAIL : seen || !vals.truncated ? RP_ST_PASS :
	    RP_ST_ERROR;
	if (vals.truncated && v->status == RP_ST_PASS) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("too many files to judge: output capped");
	}
	rp_values_release(&vals);
	return 0;
}

const struct rp_evaluator rp_eval_linux_changed_in_window = {
	.name = "linux-changed-in-window",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "files changed (max of mtime, ctime) in the incident window",
	.evaluate = changed_evaluate,
};

static int
host_compromised(const struct rp_eval_ctx *ctx)
{
	const struct rp_incident *inc = ctx->incident;
	const struct rp_target_ev *t = ctx->target;
	size_t i;

	for (i = 0; i < inc->nhosts; i++)
		if (strcmp(inc->hosts[i], t->id) == 0 ||
		    (t->address != NULL && strcmp(inc->hosts[i], t->address) == 0))
			return 1;
	return 0;
}

/*
 * linux-renewed-after: on a host the incident context names as
 * compromised, files (host keys, authorized_keys) last changed before the
 * remediation were not renewed.
 */
static int
renewed_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	struct rp_values vals;
	struct ftime f;
	time_t cut;
	double t;
	size_t i, bad = 0, seen = 0;

	if (!need_incident(ctx, v))
		return 0;
	if (!host_compromised(ctx)) {
		v->status = RP_ST_NA;
		v->reason = xstrdup("this host is not listed as compromised in "
		    "the incident context");
		return 0;
	}
	if ((cut = renewal_cutoff(ctx->incident)) == 0) {
		v->status = RP_ST_NA;
		v->reason = xstrdup("the incident context has no remediation "
		    "or containment date");
		return 0;
	}
	if (!lines_of(ctx, check, &vals, v))
		return 0;
	for (i = 0; i < vals.n; i++) {
		if (parse_ftime(vals.v[i], &f) != 0)
			continue;
		seen++;
		t = f.mtime > f.ctime ? f.mtime : f.ctime;
		if (t >= (double)cut)
			continue;
		observe_time(v, f.path, t);
		bad++;
	}
	v->status = bad ? RP_ST_FAIL : seen ? RP_ST_PASS : RP_ST_NA;
	if (!seen && !bad)
		v->reason = xstrdup("no such file on this host");
	rp_values_release(&vals);
	return 0;
}

const struct rp_evaluator rp_eval_linux_renewed_after = {
	.name = "linux-renewed-after",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "on a compromised host, files older than the remediation",
	.evaluate = renewed_evaluate,
};

/* Is name in the comma separated list? */
static int
in_csv(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name)) != NULL) {
		if ((p == list || p[-1] == ',') && (p[n] == '\0' ||
		    p[n] == ','))
			return 1;
		p += n;
	}
	return 0;
}

static int
privileged_account(const struct rp_eval_ctx *ctx, const char *name,
    const char *admins)
{
	size_t i;

	if (strcmp(name, "root") == 0 || in_csv(admins, name))
		return 1;
	for (i = 0; i < ctx->incident->naccounts; i++)
		if (strcmp(ctx->incident->accounts[i], name) == 0)
			return 1;
	return 0;
}

/*
 * linux-password-renewed: root, UID 0 accounts, members of sudo/wheel/admin
 * and the accounts the incident names must have changed their password
 * (shadow lastchg) after the remediation; an empty password fails too.
 * Probe lines: "group|NAME|MEMBERS" and "shadow|NAME|LASTCHG|STATE|" with
 * STATE set, empty or locked.
 */
static int
password_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	struct rp_strbuf admins = RP_STRBUF_INIT(65536);
	char *copy, *line, *save = NULL, *f[4], *p, day[32], buf[512];
	time_t cut;
	long long days;
	size_t seen = 0, bad = 0;
	int i, n;

	if (!need_incident(ctx, v))
		return 0;
	if ((cut = renewal_cutoff(ctx->incident)) == 0) {
		v->status = RP_ST_NA;
		v->reason = xstrdup("the incident context has no remediation "
		    "or containment date");
		return 0;
	}
	copy = xstrndup(ctx->out->data, ctx->out->len);
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save))
		if (strncmp(line, "group|", 6) == 0 &&
		    (p = strchr(line + 6, '|')) != NULL) {
			rp_strbuf_addstr(&admins, ",");
			rp_strbuf_addstr(&admins, p + 1);
		}
	free(copy);
	copy = xstrndup(ctx->out->data, ctx->out->len);
	save = NULL;
	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, "shadow|", 7) != 0)
			continue;
		for (i = 0, p = line + 7; i < 4 && p != NULL; i++) {
			f[i] = p;
			if ((p = strchr(p, '|')) != NULL)
				*p++ = '\0';
		}
		if (i < 4 || !privileged_account(ctx, f[0],
		    rp_strbuf_str(&admins)) || strcmp(f[2], "locked") == 0)
			continue;
		seen++;
		if (strcmp(f[2], "empty") == 0) {
			n = snprintf(buf, sizeof(buf), "%.200s (empty password)",
			    f[0]);
			rp_verdict_observe(v, buf, (size_t)n);
			bad++;
			continue;
		}
		days = 0;
		if (rp_strtonum(f[1], 0, 1000000, &days) == 0 &&
		    (time_t)days * 86400 + 86399 >= cut)
			continue;
		rp_format_time((time_t)days * 86400, day, sizeof(day));
		day[10] = '\0';
		n = snprintf(buf, sizeof(buf), "%.200s (changed %s)", f[0],
		    *f[1] ? day : "never");
		rp_verdict_observe(v, buf, (size_t)n);
		bad++;
	}
	free(copy);
	rp_strbuf_release(&admins);
	v->status = bad ? RP_ST_FAIL : seen ? RP_ST_PASS : RP_ST_NA;
	if (!seen)
		v->reason = xstrdup("no privileged account with a password");
	return 0;
}

const struct rp_evaluator rp_eval_linux_password_renewed = {
	.name = "linux-password-renewed",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "privileged and compromised accounts changed their password "
	    "after the remediation",
	.evaluate = password_evaluate,
};
