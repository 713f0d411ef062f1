/*
 * eval_linux.c -- native evaluators of the Linux catalogue, for what a
 * declarative <test> cannot say: modes in stat lines, duplicates, required
 * sets, unowned files and the running kernel. Pure: each reads only the
 * probe output in its context and the check's own <read>.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "engine/evaluators.h"
#include "engine/extract.h"
#include "evidence/bundle.h"
#include "core/banned.h"

/*
 * The values a check judges: its <read> applied to the probe output, or
 * every non-empty line when it has none. 0, or -1 with the verdict set.
 */
static int
linux_values(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    struct rp_values *vals, struct rp_verdict *v)
{
	static const struct rp_extract all_lines = { .kind = RP_X_LINES };
	const struct rp_extract *x = check->has_extract ? &check->extract :
	    &all_lines;
	char *cause = NULL;

	if (ctx->out == NULL || ctx->out->data == NULL) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("no probe output");
		return -1;
	}
	if (rp_extract(x, ctx->out->data, ctx->out->len, vals, &cause) != 0) {
		v->status = RP_ST_ERROR;
		v->reason = cause ? cause : xstrdup("extraction failed");
		return -1;
	}
	if (vals->truncated) {
		rp_values_release(vals);
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("too many values to judge: output capped");
		return -1;
	}
	return 0;
}

/* Split "MODE|UID|GID|PATH" (stat -c '%a|%u|%g|%n'); 0 or -1. */
int
rp_linux_stat_parse(const char *line, long long *mode, long long *uid,
    long long *gid, const char **path)
{
	char num[32];
	const char *p = line, *bar;
	long long *dst[3] = { mode, uid, gid };
	const char *end;
	size_t l;
	int i;

	for (i = 0; i < 3; i++) {
		if ((bar = strchr(p, '|')) == NULL)
			return -1;
		l = (size_t)(bar - p);
		if (l == 0 || l >= sizeof(num))
			return -1;
		memcpy(num, p, l);
		num[l] = '\0';
		if (i == 0) {
			/* stat prints the mode in octal */
			if (rp_strtonum_prefix(num, 8, 07777, dst[i],
			    &end) != 0 || *end != '\0')
				return -1;
		} else if (rp_strtonum(num, 0, 0xffffffffLL, dst[i]) != 0)
			return -1;
		p = bar + 1;
	}
	if (*p == '\0')
		return -1;
	*path = p;
	return 0;
}

#define UNOWNED_PREFIX		"unowned|"
#define UNOWNED_UNSUPPORTED	"unowned|unsupported"

/*
 * linux-stat-mode: the stat lines the check's <read> selects (e.g. the
 * shadow files out of the filesystem walk) must have no permission bit
 * outside an octal mask and belong to root. Value: "MASK" or
 * "MASK any-owner" (e.g. home directories). No line at all: na.
 */
static int
stat_mode_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	struct rp_values vals;
	long long mask, mode, uid, gid;
	const char *path, *p, *e;
	char obs[512];
	size_t i;
	int any_owner = 0, bad = 0, n;

	if (expected == NULL ||
	    rp_strtonum_prefix(expected, 8, 07777, &mask, &e) != 0)
		e = expected;	/* no octal mode: refused below */
	if (expected != NULL && e != expected) {
		for (p = e; isblank((unsigned char)*p); p++)
			;
		if (strcmp(p, "any-owner") == 0)
			any_owner = 1;
		else if (*p != '\0')
			mask = -1;
	}
	if (expected == NULL || e == expected || mask < 0) {
		v->status = RP_ST_ERROR;
		v->reason = xasprintf("expected value '%s' is not an octal "
		    "mode (optionally followed by 'any-owner')",
		    expected ? expected : "");
		return 0;
	}
	if (linux_values(ctx, check, &vals, v) != 0)
		return 0;
	for (i = 0; i < vals.n; i++) {
		const char *line = vals.v[i];
		int unowned = 0;

		/* a file whose owner has no account (e.g. the home of a
		 * deleted one): judged like the others, and said so */
		if (strncmp(line, UNOWNED_PREFIX, strlen(UNOWNED_PREFIX)) ==
		    0 && strcmp(line, UNOWNED_UNSUPPORTED) != 0) {
			line += strlen(UNOWNED_PREFIX);
			unowned = 1;
		}
		if (rp_linux_stat_parse(line, &mode, &uid, &gid,
		    &path) != 0) {
			v->status = RP_ST_ERROR;
			v->reason = xasprintf("not a stat line: '%.80s'",
			    vals.v[i]);
			rp_values_release(&vals);
			return 0;
		}
		if ((mode & ~mask & 07777) == 0 && (any_owner || uid == 0) &&
		    !unowned)
			continue;
		n = snprintf(obs, sizeof(obs), "%.400s %04llo uid=%lld%s",
		    path, mode, uid, unowned ? " (no such account: left by a "
		    "deleted one?)" : "");
		rp_verdict_observe(v, obs, (size_t)n);
		rp_verdict_evidence(v, vals.v[i], vals.len[i]);
		bad++;
	}
	if (vals.n == 0) {
		v->status = RP_ST_NA;
		v->reason = xstrdup("none of the files exists");
	} else
		v->status = bad ? RP_ST_FAIL : RP_ST_PASS;
	rp_values_release(&vals);
	return 0;
}

const struct rp_evaluator rp_eval_linux_stat_mode = {
	.name = "linux-stat-mode",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "stat lines selected by <read>: mode within an octal mask, "
	    "owner root unless 'any-owner'",
	.evaluate = stat_mode_evaluate,
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * linux-unique: the extracted values (user names, UIDs, group names...)
 * must all be different; each duplicate is reported with its count.
 */
static int
unique_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	struct rp_values vals;
	const char **sorted;
	char obs[320];
	size_t i, j;
	int dups = 0, n;

	if (linux_values(ctx, check, &vals, v) != 0)
		return 0;
	if (vals.n == 0) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("nothing extracted to compare");
		rp_values_release(&vals);
		return 0;
	}
	sorted = xcalloc(vals.n, sizeof(*sorted));
	for (i = 0; i < vals.n; i++)
		sorted[i] = vals.v[i];
	qsort(sorted, vals.n, sizeof(*sorted), cmp_str);
	for (i = 0; i < vals.n; i = j) {
		for (j = i + 1; j < vals.n && strcmp(sorted[i], sorted[j]) == 0;
		    j++)
			;
		if (j - i < 2)
			continue;
		n = snprintf(obs, sizeof(obs), "%.256s (%zu times)", sorted[i],
		    j - i);
		rp_verdict_observe(v, obs, (size_t)n);
		dups++;
	}
	free(sorted);
	rp_values_release(&vals);
	v->status = dups ? RP_ST_FAIL : RP_ST_PASS;
	return 0;
}

const struct rp_evaluator rp_eval_linux_unique = {
	.name = "linux-unique",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "the extracted values are all different (no duplicate)",
	.evaluate = unique_evaluate,
};

/*
 * linux-has-all: every item of the value (separated by blanks, e.g.
 * "adjtimex settimeofday clock_settime") is among the extracted values.
 * The missing ones are reported.
 */
static int
has_all_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	struct rp_values vals;
	const char *p, *s;
	size_t i, l;
	int missing = 0, items = 0, found;

	if (expected == NULL) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("no list of required values");
		return 0;
	}
	if (linux_values(ctx, check, &vals, v) != 0)
		return 0;
	for (p = expected; *p != '\0'; p = s) {
		while (isspace((unsigned char)*p))
			p++;
		for (s = p; *s != '\0' && !isspace((unsigned char)*s); s++)
			;
		if ((l = (size_t)(s - p)) == 0)
			continue;
		items++;
		for (found = 0, i = 0; i < vals.n && !found; i++)
			found = vals.len[i] == l && (check->extract.icase ?
			    strncasecmp(vals.v[i], p, l) :
			    strncmp(vals.v[i], p, l)) == 0;
		if (!found) {
			rp_verdict_observe(v, p, l);
			missing++;
		}
	}
	rp_values_release(&vals);
	if (items == 0) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("no list of required values");
		return 0;
	}
	v->status = missing ? RP_ST_FAIL : RP_ST_PASS;
	if (missing) {
		/* observed: what is missing, and say so */
		struct rp_strbuf sb = RP_STRBUF_INIT(RP_OBSERVED_MAX + 16);

		rp_strbuf_addstr(&sb, "missing: ");
		rp_strbuf_add(&sb, v->observed.buf, v->observed.len);
		rp_strbuf_release(&v->observed);
		v->observed = sb;
	}
	return 0;
}

const struct rp_evaluator rp_eval_linux_has_all = {
	.name = "linux-has-all",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "every blank-separated item of the value is among the "
	    "extracted values",
	.evaluate = has_all_evaluate,
};

/* Call fn on each line of data (without its newline). */
static void
each_line(const char *data, size_t len,
    void (*fn)(const char *, size_t, void *), void *arg)
{
	const char *p = data, *end = data + len, *nl;
	size_t l;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (l > 0 && p[l - 1] == '\r')
			l--;
		fn(p, l, arg);
		p = nl ? nl + 1 : end;
	}
}


struct unowned_ctx {
	struct rp_verdict	*v;
	int			 bad, unsupported;
};

static void
unowned_line(const char *s, size_t len, void *arg)
{
	struct unowned_ctx *c = arg;
	size_t pl = strlen(UNOWNED_PREFIX), i, bars;

	if (len == strlen(UNOWNED_UNSUPPORTED) &&
	    memcmp(s, UNOWNED_UNSUPPORTED, len) == 0) {
		c->unsupported = 1;
		return;
	}
	if (len <= pl || memcmp(s, UNOWNED_PREFIX, pl) != 0)
		return;
	rp_verdict_evidence(c->v, s + pl, len - pl);
	/* observed: the path, after the third '|' */
	for (i = pl, bars = 0; i < len && bars < 3; i++)
		bars += s[i] == '|';
	if (bars == 3 && i < len)
		rp_verdict_observe(c->v, s + i, len - i);
	else
		rp_verdict_observe(c->v, s + pl, len - pl);
	c->bad++;
}

/*
 * linux-unowned: the filesystem walk lists files whose owner or group
 * has no name as "unowned|MODE|UID|GID|PATH", or says "unowned|
 * unsupported" when the host's find has no -nouser (BusyBox): then the
 * check is not applicable rather than silently passed.
 */
static int
unowned_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	struct unowned_ctx c;

	memset(&c, 0, sizeof(c));
	c.v = v;
	if (ctx->out == NULL || ctx->out->data == NULL) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("no probe output");
		return 0;
	}
	each_line(ctx->out->data, ctx->out->len, unowned_line, &c);
	if (c.unsupported && c.bad == 0) {
		v->status = RP_ST_NA;
		v->reason = xstrdup("the host's find cannot tell unowned "
		    "files (no -nouser)");
		return 0;
	}
	v->status = c.bad ? RP_ST_FAIL : RP_ST_PASS;
	return 0;
}

const struct rp_evaluator rp_eval_linux_unowned = {
	.name = "linux-unowned",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "no 'unowned|...' line in the filesystem walk (na when find "
	    "has no -nouser)",
	.evaluate = unowned_evaluate,
};

/*
 * The version part of a kernel release: "6.1.0-18" of "6.1.0-18-amd64",
 * "5.14.0-362.8.1" of "5.14.0-362.8.1.el9_3.x86_64", so that flavours
 * (-amd64, -cloud-amd64, -rt-amd64) do not count as versions.
 */
size_t
rp_linux_kernel_version_len(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (isdigit((unsigned char)s[i]))
			i++;
		else if ((s[i] == '.' || s[i] == '-') && i > 0 &&
		    i + 1 < len && isdigit((unsigned char)s[i + 1]))
			i++;
		else
			break;
	}
	return i;
}

struct kernel_ctx {
	char	*running;
	char	**installed;
	size_t	 ninstalled, cap;
};

static void
kernel_line(const char *s, size_t len, void *arg)
{
	struct kernel_ctx *c = arg;

	if (len > 8 && memcmp(s, "running ", 8) == 0 && c->running == NULL)
		c->running = xstrndup(s + 8, len - 8);
	else if (len > 10 && memcmp(s, "installed ", 10) == 0) {
		XGROW(c->installed, c->cap, c->ninstalled);
		c->installed[c->ninstalled++] = xstrndup(s + 10, len - 10);
	}
}

/*
 * linux-kernel-current: lines "running RELEASE" (uname -r) and
 * "installed RELEASE" (one per kernel image in /boot); fails when an
 * installed kernel is newer than the running one: the fix is on disk but
 * the host was not rebooted into it.
 */
static int
kernel_current_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *check, const char *expected, struct rp_verdict *v)
{
	struct kernel_ctx c;
	char *rv, *iv, obs[320];
	size_t i;
	int newer = 0, n;

	memset(&c, 0, sizeof(c));
	if (ctx->out == NULL || ctx->out->data == NULL) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("no probe output");
		return 0;
	}
	each_line(ctx->out->data, ctx->out->len, kernel_line, &c);
	if (c.running == NULL) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("running kernel release not collected");
	} else if (c.ninstalled == 0) {
		v->status = RP_ST_NA;
		v->reason = xstrdup("no kernel image in /boot (container or "
		    "network boot)");
	} else {
		rp_verdict_observe(v, c.running, strlen(c.running));
		rv = xstrndup(c.running, rp_linux_kernel_version_len(
		    c.running, strlen(c.running)));
		for (i = 0; i < c.ninstalled; i++) {
			iv = xstrndup(c.installed[i],
			    rp_linux_kernel_version_len(c.installed[i],
			    strlen(c.installed[i])));
			if (*iv != '\0' && rp_version_cmp(iv, rv) > 0) {
				n = snprintf(obs, sizeof(obs), "installed "
				    "%.256s", c.installed[i]);
				rp_verdict_observe(v, obs, (size_t)n);
				newer++;
			}
			free(iv);
		}
		free(rv);
		v->status = newer ? RP_ST_FAIL : RP_ST_PASS;
	}
	for (i = 0; i < c.ninstalled; i++)
		free(c.installed[i]);
	free(c.installed);
	free(c.running);
	return 0;
}

const struct rp_evaluator rp_eval_linux_kernel_current = {
	.name = "linux-kernel-current",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "no kernel in /boot is newer than the running one",
	.evaluate = kernel_current_evaluate,
};

/*
 * The audit's own footprint in sudoers. A line of linux.sudoers ("FILE:
 * RULE") is the audit account's own when its file is /etc/sudoers or a
 * plain /etc/sudoers.d/NAME (letters, digits, '_' and '-': what sudo
 * reads) and its rule is "LOGIN HOSTS = ..." with one '=' only: exactly
 * one user, the account the collector logged in with. A rule that also
 * names anyone else (a list, %group, an alias, ALL) is the host's own and
 * always counts. root's rules are never left out: root needs no sudo rule
 * to audit.
 */
static int
sudo_file_prefix(const char *s, size_t len, size_t *skip)
{
	static const char sudoers[] = "/etc/sudoers";
	size_t n = sizeof(sudoers) - 1, i;

	if (len < n || memcmp(s, sudoers, n) != 0)
		return 0;
	if (len - n >= 3 && memcmp(s + n, ".d/", 3) == 0) {
		for (i = n + 3; i < len && (isalnum((unsigned char)s[i]) ||
		    s[i] == '_' || s[i] == '-'); i++)
			;
		if (i == n + 3)
			return 0;
		n = i;
	}
	if (len - n < 2 || s[n] != ':' || s[n + 1] != ' ')
		return 0;
	*skip = n + 2;
	return 1;
}

int
rp_linux_sudo_own_rule(const char *line, size_t len, const char *login)
{
	size_t i, l, skip;

	if (login == NULL || *login == '\0' || strcmp(login, "root") == 0 ||
	    !sudo_file_prefix(line, len, &skip))
		return 0;
	line += skip;
	len -= skip;
	for (i = 0; i < len && isspace((unsigned char)line[i]); i++)
		;
	l = strlen(login);
	if (len - i <= l || memcmp(line + i, login, l) != 0 ||
	    !isblank((unsigned char)line[i + l]))
		return 0;
	for (i += l; i < len && isblank((unsigned char)line[i]); i++)
		;
	/* one host list token (no blank, no colon), then '=' */
	for (l = i; i < len && (isalnum((unsigned char)line[i]) ||
	    strchr("_.,!-", line[i]) != NULL); i++)
		;
	if (i == l)
		return 0;
	while (i < len && isblank((unsigned char)line[i]))
		i++;
	/*
	 * One '=' only: a file name holding ": " could forge the start of
	 * the line, but the rule really read after it needs its own '='.
	 */
	return i < len && line[i] == '=' &&
	    memchr(line + i + 1, '=', len - i - 1) == NULL;
}

/*
 * Cmnd_Alias resolution for "linux-sudo-rules" with the value
 * "nopasswd-aliases": the rules granting NOPASSWD a command alias that is
 * ALL (directly or through other aliases) are selected too, since
 * "Cmnd_Alias X = ALL" then "bob ALL = NOPASSWD: X" is "NOPASSWD: ALL".
 */
#define SUDO_ALIASES_MAX	256
#define SUDO_ALIAS_LEN		64

struct sudo_aliases {
	char	name[SUDO_ALIASES_MAX][SUDO_ALIAS_LEN];
	size_t	n;
	int	overflow;	/* an ALL alias not kept: name or table limit */
};

static void
trim_span(const char **s, const char **e)
{
	while (*s < *e && isspace((unsigned char)**s))
		(*s)++;
	while (*e > *s && isspace((unsigned char)(*e)[-1]))
		(*e)--;
}

static int
alias_known(const struct sudo_aliases *a, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		if (strlen(a->name[i]) == len && memcmp(a->name[i], s, len) == 0)
			return 1;
	return 0;
}

/* Is one command of the list s..e ALL or an ALL alias? */
static int
cmnd_list_all(const struct sudo_aliases *a, const char *s, const char *e)
{
	const char *p, *q, *w;

	for (p = s; p < e; p = q + 1) {
		if ((q = memchr(p, ',', (size_t)(e - p))) == NULL)
			q = e;
		w = p;
		while (w < q && isspace((unsigned char)*w))
			w++;
		if (w < q && *w == '(') {	/* a runas list */
			while (w < q && *w != ')')
				w++;
			if (w < q)
				w++;
		}
		for (;;) {			/* tags: NOPASSWD: SETENV: */
			const char *t;

			while (w < q && isspace((unsigned char)*w))
				w++;
			for (t = w; t < q && (isupper((unsigned char)*t) ||
			    *t == '_'); t++)
				;
			if (t > w && t < q && *t == ':')
				w = t + 1;
			else
				break;
		}
		for (p = w; p < q && !isspace((unsigned char)*p) &&
		    *p != '#'; p++)
			;
		if ((p - w == 3 && memcmp(w, "ALL", 3) == 0) ||
		    alias_known(a, w, (size_t)(p - w)))
			return 1;
	}
	return 0;
}

/* The rule part of "FILE: RULE" (NULL: none). */
static const char *
sudo_rule(const char *line, size_t len, const char **end)
{
	const char *p = memmem(line, len, ": ", 2);

	*end = line + len;
	if (p == NULL)
		return NULL;
	p += 2;
	while (p < *end && isspace((unsigned char)*p))
		p++;
	return p;
}

/* One pass over the Cmnd_Alias definitions; 1 if an alias was added. */
static int
aliases_pass(const char *data, size_t len, struct sudo_aliases *a)
{
	const char *p = data, *end = data + len, *nl, *r, *re, *d, *de, *eq;
	int added = 0;
	size_t kl;

	for (; p < end; p = nl ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if ((r = sudo_rule(p, nl ? (size_t)(nl - p) :
		    (size_t)(end - p), &re)) == NULL)
			continue;
		if (re - r > 10 && memcmp(r, "Cmnd_Alias", 10) == 0)
			kl = 10;
		else if (re - r > 9 && memcmp(r, "Cmd_Alias", 9) == 0)
			kl = 9;
		else
			continue;
		/* NAME = list [: NAME = list]... */
		for (d = r + kl; d < re; d = de + 1) {
			const char *n, *ne;

			if ((de = memchr(d, ':', (size_t)(re - d))) == NULL)
				de = re;
			if ((eq = memchr(d, '=', (size_t)(de - d))) == NULL)
				continue;
			n = d;
			ne = eq;
			trim_span(&n, &ne);
			if (ne == n || alias_known(a, n, (size_t)(ne - n)) ||
			    !cmnd_list_all(a, eq + 1, de))
				continue;
			if (ne - n >= SUDO_ALIAS_LEN ||
			    a->n == SUDO_ALIASES_MAX) {
				a->overflow = 1;
				continue;
			}
			memcpy(a->name[a->n], n, (size_t)(ne - n));
			a->name[a->n++][ne - n] = '\0';
			added = 1;
		}
	}
	return added;
}

/*
 * Rules that grant NOPASSWD an ALL alias, not already selected; 0, or -1
 * when an alias could not be resolved within the limits (not judged).
 */
static int
nopasswd_aliases(const struct rp_eval_ctx *ctx, struct rp_values *vals)
{
	struct sudo_aliases *a = xcalloc(1, sizeof(*a));
	const char *data = ctx->out->data, *end = data + ctx->out->len;
	const char *p, *nl, *r, *re, *np;
	size_t i, l, pass;
	int dup;

	for (pass = 0; pass < 8 && aliases_pass(data, ctx->out->len, a);
	    pass++)
		;
	/* still adding after the last pass: a deeper chain, not resolved */
	if (pass == 8 && aliases_pass(data, ctx->out->len, a))
		a->overflow = 1;
	for (p = data; a->n > 0 && p < end; p = nl ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if ((r = sudo_rule(p, l, &re)) == NULL ||
		    strncmp(r, "Defaults", 8) == 0 || memmem(r,
		    (size_t)(re - r), "_Alias", 6) != NULL ||
		    (np = memmem(r, (size_t)(re - r), "NOPASSWD:", 9)) == NULL ||
		    !cmnd_list_all(a, np + 9, re))
			continue;
		for (dup = 0, i = 0; i < vals->n && !dup; i++)
			dup = vals->len[i] == l && memcmp(vals->v[i], p, l) == 0;
		if (!dup)
			rp_values_add(vals, p, l);
	}
	dup = a->overflow;
	free(a);
	return dup ? -1 : 0;
}

/*
 * linux-sudo-rules: the sudo rules the check's <read> selects must be
 * none, once the audit account's own rules are left out (they are the
 * audit's footprint, listed as such in the results). Those left out are
 * named in observed and in the evidence.
 */
static int
sudo_rules_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	struct rp_values vals;
	struct rp_strbuf own = RP_STRBUF_INIT(RP_OBSERVED_MAX);
	struct rp_strbuf sb;
	const char *login = ctx->target ? ctx->target->user : NULL;
	const char *left = "left out (the audit's own, see the target's "
	    "footprint):";
	size_t i, n = 0;
	int unresolved = 0;

	if (expected != NULL && *expected != '\0' &&
	    strcmp(expected, "nopasswd-aliases") != 0) {
		v->status = RP_ST_ERROR;
		v->reason = xasprintf("unknown value '%.64s' (none, or "
		    "'nopasswd-aliases')", expected);
		return 0;
	}
	if (linux_values(ctx, check, &vals, v) != 0)
		return 0;
	if (expected != NULL && strcmp(expected, "nopasswd-aliases") == 0 &&
	    nopasswd_aliases(ctx, &vals) != 0)
		unresolved = 1;
	for (i = 0; i < vals.n; i++) {
		if (rp_linux_sudo_own_rule(vals.v[i], vals.len[i], login)) {
			if (own.len > 0)
				rp_strbuf_addstr(&own, ", ");
			rp_strbuf_add(&own, vals.v[i], vals.len[i]);
			continue;
		}
		rp_verdict_observe(v, vals.v[i], vals.len[i]);
		rp_verdict_evidence(v, vals.v[i], vals.len[i]);
		n++;
	}
	rp_strbuf_init(&sb, RP_OBSERVED_MAX + 256);
	rp_strbuf_addf(&sb, "%zu", n);
	if (n > 0) {
		rp_strbuf_addstr(&sb, ": ");
		rp_strbuf_add(&sb, v->observed.buf, v->observed.len);
	}
	if (own.len > 0) {
		rp_strbuf_addf(&sb, " (left out, the audit account '%.64s' "
		    "alone: ", login);
		rp_strbuf_add(&sb, own.buf, own.len);
		rp_strbuf_addstr(&sb, ")");
		rp_verdict_evidence(v, left, strlen(left));
		rp_verdict_evidence(v, own.buf, own.len);
	}
	rp_strbuf_release(&v->observed);
	v->observed = sb;
	rp_strbuf_release(&own);
	v->status = n > 0 ? RP_ST_FAIL : vals.truncated || unresolved ?
	    RP_ST_ERROR : RP_ST_PASS;
	if (v->status == RP_ST_ERROR)
		v->reason = xstrdup(vals.truncated ? "too many sudo rules to "
		    "judge: output capped" : "a Cmnd_Alias could not be "
		    "resolved within the limits (name length, count or "
		    "nesting): not judged");
	rp_values_release(&vals);
	return 0;
}

const struct rp_evaluator rp_eval_linux_sudo_rules = {
	.name = "linux-sudo-rules",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "no sudo rule is selected, leaving out the rules that grant "
	    "the audit account alone (the audit's footprint); with "
	    "'nopasswd-aliases', rules granting NOPASSWD a Cmnd_Alias that "
	    "is ALL are selected too",
	.evaluate = sudo_rules_evaluate,
};

static void
footprint_add(struct rp_footprint **v, size_t *n, const char *kind,
    char *where, char *detail)
{
	if (*n >= RP_FOOTPRINT_MAX) {
		free(where);
		free(detail);
		return;
	}
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].kind = kind;
	(*v)[*n].where = where;
	(*v)[(*n)++].detail = detail;
}

static void
footprint_sudo(const struct rp_target_ev *t, struct rp_footprint **v,
    size_t *n)
{
	const struct rp_probe_out *po = rp_target_probe(t, "linux.sudoers");
	const char *p, *e, *end;
	size_t skip, l;

	if (po == NULL || po->status != RP_PS_OK || !po->started ||
	    po->data == NULL)
		return;
	end = po->data + po->len;
	for (p = po->data; p < end; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		l = (size_t)(e - p);
		if (!rp_linux_sudo_own_rule(p, l, t->user) ||
		    !sudo_file_prefix(p, l, &skip))
			continue;
		/* from the target: both parts bounded */
		footprint_add(v, n, "sudo-rule", xstrndup(p, skip - 2 >
		    RP_FOOTPRINT_TEXT ? RP_FOOTPRINT_TEXT : skip - 2),
		    xstrndup(p + skip, l - skip > RP_FOOTPRINT_TEXT ?
		    RP_FOOTPRINT_TEXT : l - skip));
	}
}

size_t
rp_linux_footprint(const struct rp_target_ev *t, struct rp_footprint **out)
{
	struct rp_footprint *v = NULL;
	size_t n = 0;

	*out = NULL;
	if (t->kind != RP_KIND_LINUX || t->user == NULL || t->auth == NULL)
		return 0;
	if (strcmp(t->auth, "publickey") == 0 || strcmp(t->auth, "agent") == 0)
		footprint_add(&v, &n, "login-key", NULL, NULL);
	else if (strcmp(t->auth, "password") == 0)
		footprint_add(&v, &n, "login-password", NULL, NULL);
	footprint_sudo(t, &v, &n);
	*out = v;
	return n;
}

void
rp_footprint_free(struct rp_footprint *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].where);
		free(v[i].detail);
	}
	free(v);
}
