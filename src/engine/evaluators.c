/*
 * evaluators.c -- native evaluators that a declarative rule cannot express.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "engine/evaluators.h"
#include "evidence/bundle.h"
#include "parse/ldif.h"
#include "core/banned.h"

#define FILETIME_UNIX_EPOCH	11644473600LL

long long
rp_filetime_to_unix(const char *s)
{
	long long ft;

	if (rp_strtonum(s, 0, 0x7fffffffffffffffLL, &ft) != 0)
		return -2;
	if (ft == 0 || ft == 0x7fffffffffffffffLL)
		return -1;
	return ft / 10000000LL - FILETIME_UNIX_EPOCH;
}

/*
 * target-hostkey: a target whose SSH host key no longer matches the known
 * one. After an incident that is either a rebuilt host (update known_hosts
 * after checking it out of band) or a machine in the middle.
 */
static int
hostkey_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	const struct rp_target_ev *t = ctx->target;

	if (t->hostkey)
		rp_verdict_observe(v, t->hostkey, strlen(t->hostkey));
	switch (t->status) {
	case RP_TS_HOSTKEY_MISMATCH:
		v->status = RP_ST_FAIL;
		if (t->error)
			rp_verdict_evidence(v, t->error, strlen(t->error));
		break;
	case RP_TS_OK:
	case RP_TS_PARTIAL:
	case RP_TS_AUTH_FAILED:
		v->status = RP_ST_PASS;
		break;
	default:
		v->status = RP_ST_ERROR;
		v->reason = xasprintf("target not reached (%s)",
		    rp_tstatus_name(t->status));
		break;
	}
	return 0;
}

const struct rp_evaluator rp_eval_target_hostkey = {
	.name = "target-hostkey",
	.kind = RP_KIND_LINUX,
	.needs_probe = 0,
	.doc = "fails when the host key differs from known_hosts",
	.evaluate = hostkey_evaluate,
};

/*
 * linux-file-mode: each line "MODE|UID|GID|PATH" (stat -c '%a|%u|%g|%n');
 * fails when a file has a permission bit outside the expected mask (octal,
 * e.g. 640) or is not owned by root.
 */
static int
file_mode_line(const char *line, size_t len, long long mask,
    struct rp_verdict *v, int *bad, int *seen)
{
	char buf[4096], obs[4200];
	const char *path;
	long long mode, uid, gid;
	int n;

	if (len == 0)
		return 0;
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, line, len);
	buf[len] = '\0';
	if (rp_linux_stat_parse(buf, &mode, &uid, &gid, &path) != 0)
		return RP_ERR_PARSE;
	(*seen)++;
	if ((mode & ~mask & 07777) != 0 || uid != 0) {
		n = snprintf(obs, sizeof(obs), "%s %04llo uid=%lld", path,
		    mode, uid);
		rp_verdict_observe(v, obs, (size_t)n);
		rp_verdict_evidence(v, line, len);
		(*bad)++;
	}
	return 0;
}

static int
file_mode_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	const char *p, *end, *nl;
	long long mask;
	int bad = 0, seen = 0;

	if (expected == NULL ||
	    rp_strtonum_base(expected, 8, 0, 07777, &mask) != 0) {
		v->reason = xasprintf("expected value '%s' is not an octal "
		    "mode", expected ? expected : "");
		v->status = RP_ST_ERROR;
		return 0;
	}
	p = ctx->out->data;
	end = p + ctx->out->len;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (file_mode_line(p, nl ? (size_t)(nl - p) :
		    (size_t)(end - p), mask, v, &bad, &seen) != 0) {
			v->status = RP_ST_ERROR;
			v->reason = xstrdup("unexpected line in the stat "
			    "output");
			return 0;
		}
		p = nl ? nl + 1 : end;
	}
	if (seen == 0) {
		v->status = RP_ST_NA;
		v->reason = xstrdup("none of the files exists");
		return 0;
	}
	v->status = bad ? RP_ST_FAIL : RP_ST_PASS;
	return 0;
}

const struct rp_evaluator rp_eval_linux_file_mode = {
	.name = "linux-file-mode",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "files from a stat probe: mode within an octal mask, owner root",
	.evaluate = file_mode_evaluate,
};

/*
 * ad-filetime-age: for each entry of an LDAP probe, the FILETIME attribute
 * named by the check's <ldap-attr name=...> must be younger than the
 * expected number of days (at audit time). The entry is named by its
 * sAMAccountName when present.
 */
struct age_ctx {
	const char		*attr;
	long long		 maxdays;
	time_t			 now;
	struct rp_verdict	*v;
	char			*name;
	char			*dn;
	long long		 when;	/* -3: attribute not seen */
	int			 bad, seen;
};

static void
age_flush(struct age_ctx *c)
{
	char obs[512];
	long long days;
	const char *who = c->name ? c->name : c->dn ? c->dn : "?";
	int n;

	if (c->dn == NULL)
		return;
	c->seen++;
	if (c->when == -3 || c->when == -1)
		n = snprintf(obs, sizeof(obs), "%.400s: never set", who);
	else {
		days = ((long long)c->now - c->when) / 86400;
		if (days <= c->maxdays)
			goto out;
		n = snprintf(obs, sizeof(obs), "%.400s: %lld days", who, days);
	}
	rp_verdict_observe(c->v, obs, (size_t)n);
	c->bad++;
out:
	free(c->name);
	free(c->dn);
	c->name = c->dn = NULL;
}

static int
age_cb(size_t entry, const char *attr, const char *val, size_t len,
    void *arg)
{
	struct age_ctx *c = arg;
	char *s;

	if (strcasecmp(attr, "dn") == 0) {
		age_flush(c);
		c->dn = xstrndup(val, len);
		c->when = -3;
	} else if (strcasecmp(attr, "sAMAccountName") == 0) {
		free(c->name);
		c->name = xstrndup(val, len);
	} else if (strcasecmp(attr, c->attr) == 0) {
		s = xstrndup(val, len);
		c->when = rp_filetime_to_unix(s);
		free(s);
	}
	return 0;
}

static int
filetime_age_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *check, const char *expected, struct rp_verdict *v)
{
	struct age_ctx c;
	long n;

	memset(&c, 0, sizeof(c));
	c.attr = check->extract.key;
	c.now = ctx->now;
	c.v = v;
	if (c.attr == NULL || check->extract.kind != RP_X_LDAP_ATTR ||
	    rp_strtonum(expected, 0, 100000, &c.maxdays) != 0) {
		v->reason = xasprintf("check needs <ldap-attr name=...> and a "
		    "number of days (got '%s')", expected ? expected : "");
		return 0;
	}
	n = rp_ldif_parse(ctx->out->data, ctx->out->len, age_cb, &c,
	    &v->reason);
	age_flush(&c);
	if (n < 0) {
		v->status = RP_ST_ERROR;
		return 0;
	}
	if (c.seen == 0) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("no entry returned (not readable with "
		    "this account?)");
		return 0;
	}
	v->status = c.bad ? RP_ST_FAIL : RP_ST_PASS;
	return 0;
}

const struct rp_evaluator rp_eval_ad_filetime_age = {
	.name = "ad-filetime-age",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.doc = "a FILETIME attribute (e.g. pwdLastSet) younger than N days",
	.evaluate = filetime_age_evaluate,
};
