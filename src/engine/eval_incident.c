/*
 * eval_incident.c -- post-incident evaluators for Linux targets: what
 * changed during the incident window, what the remediation should have
 * renewed and did not, and who was added. Times come from the target ("as
 * the host reports them": a compromised host can lie) and are compared
 * offline with the incident context, never on the target.
 *
 * The dating rule (docs/incident-dating.md): every time of a file is judged
 * on its own. A file is a suspect when its birth time, its mtime or its
 * ctime falls in the window; a restore (cp -a, rsync -a, a backup tool)
 * makes a new inode around old content and a chmod/chown changes the ctime
 * only, so a later time never hides an earlier one, and a renewal is proven
 * by the content (mtime after the remediation, a fingerprint that differs
 * from the one known before), never by ctime or birth time.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "core/base64.h"
#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "engine/evaluators.h"
#include "engine/extract.h"
#include "evidence/bundle.h"
#include "parse/sshkey.h"
#include "core/banned.h"

#define OPEN_END	1e18	/* no remediation date: the window is open */
#define DAY		86400

/*
 * "MTIME|CTIME|MODE|UID|BIRTH|PATH" (stat -c '%Y|%Z|%a|%u|%W|%n'); the
 * older "MTIME|CTIME|MODE|UID|PATH" (no birth time) is read too: a birth
 * field is a number, '-' or '?', never a path.
 */
struct ftime {
	struct rp_ftimes	 t;
	long long		 uid;
	const char		*path;
};

/*
 * A time a file system can hold, as seconds since the epoch: within about
 * +-3000 years, so that every later conversion to time_t is defined (a
 * hostile target may print any number).
 */
#define TIME_OK(t)	((t) > -1e11 && (t) < 1e11)

static int
parse_ftime(char *line, struct ftime *f)
{
	char *fld[5], *p = line;
	double b;
	int i;

	for (i = 0; i < 4; i++) {
		fld[i] = p;
		if ((p = strchr(p, '|')) == NULL)
			return -1;
		*p++ = '\0';
	}
	if (rp_strtod(fld[0], &f->t.mtime) != 0 ||
	    rp_strtod(fld[1], &f->t.ctime) != 0 ||
	    rp_strtonum(fld[3], 0, 0xffffffffLL, &f->uid) != 0 ||
	    !TIME_OK(f->t.mtime) || !TIME_OK(f->t.ctime))
		return -1;
	f->t.birth = -1;
	if (*p != '/') {
		fld[4] = p;
		if ((p = strchr(p, '|')) == NULL)
			return -1;
		*p++ = '\0';
		if (rp_strtod(fld[4], &b) == 0 && b > 0 && TIME_OK(b))
			f->t.birth = b;
	}
	if (*p == '\0')
		return -1;
	f->path = p;
	return 0;
}

/*
 * Count the lines of file times in a probe output, and those with a birth
 * time; stop at the first when first_only. Lines longer than any path are
 * not file times.
 */
static size_t
count_ftimes(const struct rp_probe_out *po, size_t *births, int first_only)
{
	const char *p, *end, *nl;
	char line[8192];
	struct ftime f;
	size_t n, files = 0;

	if (births != NULL)
		*births = 0;
	if (po == NULL || po->data == NULL)
		return 0;
	for (p = po->data, end = po->data + po->len; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((n = (size_t)(nl - p)) >= sizeof(line))
			continue;
		memcpy(line, p, n);
		line[n] = '\0';
		if (parse_ftime(line, &f) != 0)
			continue;
		files++;
		if (births != NULL && f.t.birth > 0)
			(*births)++;
		if (first_only)
			break;
	}
	return files;
}

unsigned int
rp_incident_judge(const struct rp_ftimes *f, double from, double to)
{
	unsigned int k = 0;

#define IN(x)	((x) >= from && (x) <= to)
	if (f->birth > 0 && IN(f->birth))
		k |= RP_FT_CREATED;
	if (IN(f->mtime))
		k |= RP_FT_CONTENT;
	if (IN(f->ctime))
		k |= RP_FT_META;
#undef IN
	if (k == 0)
		return 0;
	/* content older than the inode: backdated, or copied back */
	if (f->birth > 0 && f->mtime + 1 < f->birth)
		k |= RP_FT_BACKDATED;
	/* content of the window, inode touched after it */
	if ((k & RP_FT_CONTENT) && to < OPEN_END &&
	    (f->ctime > to || (f->birth > 0 && f->birth > to)))
		k |= RP_FT_RESTORED;
	return k;
}

/*
 * The last second of the window: the remediation (a date given as a day,
 * midnight UTC, counts as the whole day), open when it is not dated.
 */
double
rp_incident_window_end(const struct rp_incident *inc)
{
	if (inc->remediation == 0)
		return OPEN_END;
	if (inc->remediation % DAY == 0)
		return (double)inc->remediation + DAY - 1;
	return (double)inc->remediation;
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
add_kind(struct rp_strbuf *sb, const char *what, double t)
{
	char when[32];

	rp_format_time((time_t)t, when, sizeof(when));
	rp_strbuf_addf(sb, "%s%s %s", sb->len ? "; " : "", what, when);
}

/* "PATH [created T; content changed T; ...]" into observed. */
static void
observe_judged(struct rp_verdict *v, const struct ftime *f, unsigned int k)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(1024);
	char buf[4400];
	int n;

	if (k & RP_FT_CREATED)
		add_kind(&sb, "created", f->t.birth);
	if (k & RP_FT_CONTENT)
		add_kind(&sb, "content changed", f->t.mtime);
	if (k & RP_FT_META)
		add_kind(&sb, "metadata changed", f->t.ctime);
	if (k & RP_FT_BACKDATED)
		add_kind(&sb, "mtime before birth (backdated or copied with "
		    "its old times): mtime", f->t.mtime);
	if (k & RP_FT_RESTORED)
		add_kind(&sb, "restored or re-permissioned after the "
		    "remediation, content not renewed: ctime", f->t.ctime);
	n = snprintf(buf, sizeof(buf), "%.3000s [%s]", f->path,
	    rp_strbuf_str(&sb));
	if (n > 0)
		rp_verdict_observe(v, buf, (size_t)n < sizeof(buf) ?
		    (size_t)n : sizeof(buf) - 1);
	rp_strbuf_release(&sb);
}

/* "window FROM .. TO" (first and last second) into the evidence. */
static void
evidence_window(struct rp_verdict *v, double from, double to)
{
	char w[96], a[32], b[32];
	int n;

	rp_format_time((time_t)from, a, sizeof(a));
	if (to < OPEN_END)
		rp_format_time((time_t)to, b, sizeof(b));
	n = snprintf(w, sizeof(w), "window %s .. %s", a,
	    to < OPEN_END ? b : "the audit");
	rp_verdict_evidence(v, w, (size_t)n);
}

/* What this sweep could and could not see on the target (evidence). */
static void
coverage(const struct rp_eval_ctx *ctx, struct rp_verdict *v, size_t seen,
    size_t births)
{
	char buf[512];
	int n;

	n = snprintf(buf, sizeof(buf), "examined %zu file(s); birth time "
	    "known for %zu%s", seen, births, seen && births == 0 ?
	    " (no birth time on this file system or this stat: creation "
	    "dates not judged)" : "");
	rp_verdict_evidence(v, buf, (size_t)n);
	if (ctx->target != NULL && !ctx->target->elevated) {
		n = snprintf(buf, sizeof(buf), "probe not run as root: "
		    "files only root can read (/root, other homes, "
		    "sudoers.d) were not examined");
		rp_verdict_evidence(v, buf, (size_t)n);
	}
}

/*
 * linux-changed-in-window: files (persistence locations) whose birth time,
 * mtime or ctime falls between the compromise start and the remediation
 * (or the audit, when the remediation is not dated), each named.
 */
static int
changed_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	struct rp_values vals;
	struct ftime f;
	double from, to;
	unsigned int k;
	size_t i, bad = 0, seen = 0, births = 0, unread = 0;

	if (!need_incident(ctx, v) || !lines_of(ctx, check, &vals, v))
		return 0;
	from = (double)ctx->incident->compromise_start;
	to = rp_incident_window_end(ctx->incident);
	for (i = 0; i < vals.n; i++) {
		if (parse_ftime(vals.v[i], &f) != 0) {
			unread++;
			continue;
		}
		seen++;
		if (f.t.birth > 0)
			births++;
		if ((k = rp_incident_judge(&f.t, from, to)) == 0)
			continue;
		observe_judged(v, &f, k);
		bad++;
	}
	evidence_window(v, from, to);
	coverage(ctx, v, seen, births);
	v->status = bad ? RP_ST_FAIL : seen || !vals.truncated ? RP_ST_PASS :
	    RP_ST_ERROR;
	if (vals.truncated && v->status == RP_ST_PASS) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("too many files to judge: output capped");
	} else if (v->status == RP_ST_PASS && count_ftimes(ctx->out, NULL, 1) == 0) {
		/* the walk lists /etc/passwd at least: nothing at all means
		 * its commands failed on the target (sudo noexec, a broken
		 * find), not a clean host */
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("not assessed: the probe listed no file at "
		    "all (not even /etc/passwd): its commands failed on the "
		    "target");
	} else if (unread > 0 && v->status == RP_ST_PASS) {
		v->status = RP_ST_ERROR;
		v->reason = xasprintf("not assessed: %zu line(s) of the probe's "
		    "output are not file times (a file not judged)", unread);
	} else if (v->status == RP_ST_PASS && ctx->target != NULL &&
	    !ctx->target->elevated) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("not assessed: the probe did not run as "
		    "root, files only root can read were not examined");
	}
	rp_values_release(&vals);
	return 0;
}

const struct rp_evaluator rp_eval_linux_changed_in_window = {
	.name = "linux-changed-in-window",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "files whose birth time, mtime or ctime falls in the incident "
	    "window, each time judged on its own",
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

/* NA unless the host is named compromised and a cutoff is known. */
static int
need_compromised(const struct rp_eval_ctx *ctx, struct rp_verdict *v,
    time_t *cut)
{
	if (!need_incident(ctx, v))
		return 0;
	if (!host_compromised(ctx)) {
		v->status = RP_ST_NA;
		v->reason = xstrdup("this host is not listed as compromised in "
		    "the incident context");
		return 0;
	}
	if ((*cut = renewal_cutoff(ctx->incident)) == 0) {
		v->status = RP_ST_NA;
		v->reason = xstrdup("the incident context has no remediation "
		    "or containment date");
		return 0;
	}
	return 1;
}

/* "SHA256:<base64 without padding>" of a base64 key blob, into fp. */
void
rp_ssh_fingerprint(const char *b64, size_t len, char *fp, size_t fplen)
{
	unsigned char *raw, md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	size_t n;
	char *out;

	snprintf(fp, fplen, "SHA256:?");
	if (len == 0 || len > 65536 || len % 4 != 0)
		return;
	raw = xmalloc(len / 4 * 3 + 3);
	if (rp_base64_decode(b64, len, raw, &n) == 0 &&
	    EVP_Digest(raw, n, md, &mdlen, EVP_sha256(), NULL) == 1) {
		out = rp_base64_encode(md, mdlen);
		out[strcspn(out, "=")] = '\0';	/* OpenSSH: no padding */
		snprintf(fp, fplen, "SHA256:%s", out);
		free(out);
	}
	free(raw);
}

/* The fingerprint of the "pub|PATH.pub|LINE" for key PATH in data. */
static int
pub_fingerprint(const char *data, size_t len, const char *path, char *fp,
    size_t fplen)
{
	const char *p = data, *end = data + len, *nl, *l, *type, *blob;
	size_t plen = strlen(path), tlen, blen;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((size_t)(nl - p) < 4 + plen + 5 ||
		    strncmp(p, "pub|", 4) != 0 ||
		    strncmp(p + 4, path, plen) != 0 ||
		    strncmp(p + 4 + plen, ".pub|", 5) != 0)
			continue;
		l = p + 4 + plen + 5;
		if (rp_ssh_key_parse(l, (size_t)(nl - l), &type, &tlen, &blob,
		    &blen) != 0)
			return -1;
		rp_ssh_fingerprint(blob, blen, fp, fplen);
		return 0;
	}
	return -1;
}

/*
 * linux-renewed-after: on a host the incident context names as
 * compromised, SSH host keys whose content was not renewed: mtime before
 * the remediation (a ctime or a new inode is no renewal), or the same
 * fingerprint as in an earlier evidence bundle taken before the
 * remediation.
 */
static int
renewed_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	const struct rp_probe_out *old = NULL;
	struct rp_values vals;
	struct ftime f;
	time_t cut;
	char when[32], fp[64], ofp[64], buf[4400];
	size_t i, bad = 0, seen = 0, unread = 0;
	int n;

	if (!need_compromised(ctx, v, &cut) || !lines_of(ctx, check, &vals, v))
		return 0;
	if (ctx->earlier != NULL && ctx->earlier_time != 0 &&
	    ctx->earlier_time < cut && check->probe_id != NULL)
		old = rp_target_probe(ctx->earlier, check->probe_id);
	if (old != NULL && old->data == NULL)
		old = NULL;
	for (i = 0; i < vals.n; i++) {
		if (parse_ftime(vals.v[i], &f) != 0) {
			unread++;
			continue;
		}
		seen++;
		if (f.t.mtime < (double)cut) {
			rp_format_time((time_t)f.t.mtime, when, sizeof(when));
			n = snprintf(buf, sizeof(buf), "%.3000s (content of "
			    "%s, not renewed%s)", f.path, when,
			    f.t.ctime >= (double)cut ? "; inode changed since: "
			    "restored or re-permissioned" : "");
			rp_verdict_observe(v, buf, (size_t)n);
			bad++;
			continue;
		}
		if (old == NULL ||
		    pub_fingerprint(ctx->out->data, ctx->out->len, f.path, fp,
		    sizeof(fp)) != 0 ||
		    pub_fingerprint(old->data, old->len, f.path, ofp,
		    sizeof(ofp)) != 0 || strcmp(fp, ofp) != 0)
			continue;
		rp_format_day(ctx->earlier_time, when, sizeof(when));
		n = snprintf(buf, sizeof(buf), "%.3000s (same key %s as in "
		    "the evidence of %s: touched, not renewed)", f.path, fp,
		    when);
		rp_verdict_observe(v, buf, (size_t)n);
		bad++;
	}
	if (old == NULL) {
		n = snprintf(buf, sizeof(buf), "renewal judged by mtime only: "
		    "no earlier evidence bundle from before the remediation "
		    "to compare fingerprints with (--previous DIR)");
		rp_verdict_evidence(v, buf, (size_t)n);
	}
	v->status = bad ? RP_ST_FAIL : unread ? RP_ST_ERROR : seen ?
	    RP_ST_PASS : RP_ST_NA;
	if (v->status == RP_ST_ERROR)
		v->reason = xasprintf("not assessed: %zu line(s) of the probe's "
		    "output are not file times (a key not judged)", unread);
	else if (!seen && !bad)
		v->reason = xstrdup("no such file on this host");
	rp_values_release(&vals);
	return 0;
}

const struct rp_evaluator rp_eval_linux_renewed_after = {
	.name = "linux-renewed-after",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "on a compromised host, host keys whose content (mtime, "
	    "fingerprint) was not renewed after the remediation",
	.evaluate = renewed_evaluate,
};

/* Is "TYPE BLOB" in the incident's allow-list? */
static int
key_allowed(const struct rp_incident *inc, const char *type, size_t tlen,
    const char *blob, size_t blen)
{
	const char *a;
	size_t i;

	for (i = 0; i < inc->nallowed_keys; i++) {
		a = inc->allowed_keys[i];
		if (strncmp(a, type, tlen) == 0 && a[tlen] == ' ' &&
		    strncmp(a + tlen + 1, blob, blen) == 0 &&
		    a[tlen + 1 + blen] == '\0')
			return 1;
	}
	return 0;
}

/*
 * One authorized_keys file of linux.admin-keys: "file|USER|MTIME|CTIME|
 * MODE|UID|BIRTH|PATH" then its keys, "key|USER|LINE".
 */
struct keyfile {
	char		*user;		/* borrowed from the values */
	struct ftime	 f;
	size_t		 nkeys, nforeign;
};

static void
observe_key(struct rp_verdict *v, const char *user, const char *line,
    size_t len)
{
	const char *type, *blob;
	size_t tlen, blen;
	char fp[64], buf[512];
	int n;

	if (rp_ssh_key_parse(line, len, &type, &tlen, &blob, &blen) != 0)
		return;
	rp_ssh_fingerprint(blob, blen, fp, sizeof(fp));
	n = snprintf(buf, sizeof(buf), "%.64s: %.*s %s", user,
	    (int)(tlen > 40 ? 40 : tlen), type, fp);
	rp_verdict_observe(v, buf, (size_t)n);
}

/*
 * Walk linux.admin-keys; mode 0 (linux-keys-reviewed): files whose
 * content is from before the cutoff and holds a key outside the
 * allow-list; mode 1 (linux-keys-allowed): every key outside the
 * allow-list (every key when there is none).
 */
static int
keys_walk(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    struct rp_verdict *v, int mode, time_t cut)
{
	const struct rp_incident *inc = ctx->incident;
	struct rp_values vals;
	struct keyfile cur;
	const char *type, *blob;
	char *p, when[32], buf[4400];
	size_t i, tlen, blen, nfiles = 0, bad = 0, nkeys = 0, unread = 0;
	int n, have = 0;

	if (!lines_of(ctx, check, &vals, v))
		return 0;
	memset(&cur, 0, sizeof(cur));
	for (i = 0; i <= vals.n; i++) {
		char *l = i < vals.n ? vals.v[i] : NULL;

		if (l == NULL || strncmp(l, "file|", 5) == 0) {
			if (have && mode == 0 && cur.f.t.mtime < (double)cut &&
			    (cur.nforeign > 0 || inc->nallowed_keys == 0)) {
				rp_format_time((time_t)cur.f.t.mtime, when,
				    sizeof(when));
				n = snprintf(buf, sizeof(buf), "%.3000s (content "
				    "of %s, %zu key(s), %zu not in the "
				    "allow-list%s)", cur.f.path, when,
				    cur.nkeys, inc->nallowed_keys ?
				    cur.nforeign : cur.nkeys,
				    cur.f.t.ctime >= (double)cut ? "; inode "
				    "changed since: restored or re-permissioned"
				    : "");
				rp_verdict_observe(v, buf, (size_t)n);
				bad++;
			}
			have = 0;
			if (l == NULL)
				break;
			if ((p = strchr(l + 5, '|')) == NULL) {
				unread++;
				continue;
			}
			*p++ = '\0';
			memset(&cur, 0, sizeof(cur));
			cur.user = l + 5;
			if (parse_ftime(p, &cur.f) != 0) {
				unread++;
				continue;
			}
			have = 1;
			nfiles++;
			continue;
		}
		if (strncmp(l, "key|", 4) != 0)
			continue;
		if (!have || (p = strchr(l + 4, '|')) == NULL) {
			unread++;	/* a key of a file not dated */
			continue;
		}
		p++;
		if (rp_ssh_key_parse(p, strlen(p), &type, &tlen, &blob,
		    &blen) != 0) {
			unread++;
			continue;
		}
		cur.nkeys++;
		nkeys++;
		if (key_allowed(inc, type, tlen, blob, blen))
			continue;
		cur.nforeign++;
		if (mode == 1) {
			observe_key(v, cur.user, p, strlen(p));
			bad++;
		}
	}
	n = snprintf(buf, sizeof(buf), "examined %zu authorized_keys file(s) "
	    "of root and administrators, %zu key(s); allow-list: %s", nfiles,
	    nkeys, inc->nallowed_keys ? "given (--allowed-keys)" :
	    "none (every key listed for review)");
	rp_verdict_evidence(v, buf, (size_t)n);
	if (ctx->target != NULL && !ctx->target->elevated) {
		static const char m[] = "probe not run as root: files only "
		    "root can read were not examined";

		rp_verdict_evidence(v, m, sizeof(m) - 1);
	}
	v->status = bad ? RP_ST_FAIL : RP_ST_PASS;
	if (vals.truncated && v->status == RP_ST_PASS) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("too many keys to judge: output capped");
	} else if (unread > 0 && v->status == RP_ST_PASS) {
		v->status = RP_ST_ERROR;
		v->reason = xasprintf("not assessed: %zu line(s) of the keys' "
		    "output could not be read (a file or a key not judged)",
		    unread);
	} else if (v->status == RP_ST_PASS && ctx->target != NULL &&
	    !ctx->target->elevated) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("not assessed: the probe did not run as "
		    "root, root's authorized_keys could not be read");
	}
	rp_values_release(&vals);
	return 0;
}

/*
 * linux-keys-reviewed: on a compromised host, root's and administrators'
 * authorized_keys count as reviewed when their content (mtime) is newer
 * than the remediation or every key is in the allow-list.
 */
static int
reviewed_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	time_t cut;

	if (!need_compromised(ctx, v, &cut))
		return 0;
	return keys_walk(ctx, check, v, 0, cut);
}

const struct rp_evaluator rp_eval_linux_keys_reviewed = {
	.name = "linux-keys-reviewed",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "on a compromised host, administrators' authorized_keys with "
	    "content older than the remediation and keys outside the "
	    "allow-list",
	.evaluate = reviewed_evaluate,
};

/*
 * linux-keys-allowed: root's and administrators' keys outside the site's
 * allow-list (--allowed-keys); without one, every key of a compromised
 * host is listed for review.
 */
static int
allowed_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	if (!need_incident(ctx, v))
		return 0;
	if (ctx->incident->nallowed_keys == 0 && !host_compromised(ctx)) {
		v->status = RP_ST_NA;
		v->reason = xstrdup("no allow-list (--allowed-keys) and this "
		    "host is not listed as compromised");
		return 0;
	}
	return keys_walk(ctx, check, v, 1, 0);
}

const struct rp_evaluator rp_eval_linux_keys_allowed = {
	.name = "linux-keys-allowed",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "administrators' SSH keys outside the allow-list",
	.evaluate = allowed_evaluate,
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
	for (save = copy; (line = rp_next_token(&save, "\n")) != NULL;)
		if (strncmp(line, "group|", 6) == 0 &&
		    (p = strchr(line + 6, '|')) != NULL) {
			rp_strbuf_addstr(&admins, ",");
			rp_strbuf_addstr(&admins, p + 1);
		}
	free(copy);
	copy = xstrndup(ctx->out->data, ctx->out->len);
	save = NULL;
	for (save = copy; (line = rp_next_token(&save, "\n")) != NULL;) {
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

/* Members of sudo/wheel/admin and UID 0 accounts ("group|G|A,B"). */
static int
listed_in(const char *data, size_t len, const char *prefix, const char *name)
{
	const char *p = data, *end = data + len, *nl, *m;
	size_t plen = strlen(prefix), n = strlen(name);

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((size_t)(nl - p) < plen || strncmp(p, prefix, plen) != 0)
			continue;
		if (strncmp(prefix, "group|", 6) == 0) {
			/* "group|G|MEMBERS": the name among MEMBERS */
			if ((m = memchr(p + 6, '|', (size_t)(nl - p - 6))) ==
			    NULL)
				continue;
			for (m++; m < nl; m++) {
				if ((size_t)(nl - m) >= n &&
				    strncmp(m, name, n) == 0 &&
				    (m + n == nl || m[n] == ',') &&
				    (m[-1] == '|' || m[-1] == ','))
					return 1;
			}
			continue;
		}
		/* "passwd|NAME|" */
		if ((size_t)(nl - p) > plen + n && strncmp(p + plen, name, n) == 0 &&
		    p[plen + n] == '|')
			return 1;
	}
	return 0;
}

/* The highest ordinary UID (1000..59999) of "passwd|NAME|UID" lines. */
static long long
max_uid(const char *data, size_t len)
{
	const char *p = data, *end = data + len, *nl, *u;
	char num[16];
	long long uid, best = -1;
	size_t n;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((size_t)(nl - p) < 8 || strncmp(p, "passwd|", 7) != 0 ||
		    (u = memchr(p + 7, '|', (size_t)(nl - p - 7))) == NULL)
			continue;
		u++;
		n = strcspn(u, "|\n");
		if (n == 0 || n >= sizeof(num) || u + n > nl)
			continue;
		memcpy(num, u, n);
		num[n] = '\0';
		if (rp_strtonum(num, 1000, 59999, &uid) == 0 && uid > best)
			best = uid;
	}
	return best;
}

/*
 * linux-accounts-window: accounts created (or whose password was set)
 * in the incident window by their shadow last-change day (a day that
 * holds or follows the remediation counts as the remediation's, as for
 * linux-password-renewed: shadow has no finer time); with an earlier
 * bundle, UID 0 accounts and sudo/wheel/admin members that were not there
 * and ordinary UIDs above every UID it had. Probe lines: "passwd|NAME|UID|",
 * "group|G|MEMBERS", "shadow|NAME|LASTCHG|STATE|".
 */
static int
accounts_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *check,
    const char *expected, struct rp_verdict *v)
{
	const struct rp_probe_out *old = NULL;
	char *copy, *line, *save = NULL, *f[4], *p, day[32], ed[32], buf[512];
	const char *data = ctx->out->data;
	size_t len = ctx->out->len, seen = 0, bad = 0, undated = 0;
	long long d, uid, oldmax = -1;
	time_t cut;
	double from, to;
	int i, n;

	if (!need_incident(ctx, v))
		return 0;
	from = (double)ctx->incident->compromise_start;
	to = rp_incident_window_end(ctx->incident);
	cut = renewal_cutoff(ctx->incident);
	if (ctx->earlier != NULL)
		old = rp_target_probe(ctx->earlier, "linux.account-times");
	if (old != NULL && old->data == NULL)
		old = NULL;
	if (old != NULL) {
		oldmax = max_uid(old->data, old->len);
		rp_format_day(ctx->earlier_time, ed, sizeof(ed));
	}
	copy = xstrndup(data, len);
	for (save = copy; (line = rp_next_token(&save, "\n")) != NULL;) {
		int shadow = strncmp(line, "shadow|", 7) == 0;
		int pw = strncmp(line, "passwd|", 7) == 0;
		int grp = strncmp(line, "group|", 6) == 0;

		if (!shadow && !pw && !grp)
			continue;
		for (i = 0, p = line + (grp ? 6 : 7); i < 3 && p != NULL; i++) {
			f[i] = p;
			if ((p = strchr(p, '|')) != NULL)
				*p++ = '\0';
		}
		if (i < 2)
			continue;
		if (shadow && i == 3) {
			seen++;
			if (rp_strtonum(f[1], 0, 1000000, &d) != 0) {
				undated++;	/* empty or not a day */
				continue;
			}
			if ((double)d * DAY + DAY - 1 < from ||
			    (double)d * DAY > to ||
			    (cut != 0 && (time_t)d * DAY + DAY - 1 >= cut))
				continue;
			rp_format_day((time_t)d * DAY, day, sizeof(day));
			n = snprintf(buf, sizeof(buf), "%.200s (created or "
			    "password set on %s, in the window)", f[0], day);
			rp_verdict_observe(v, buf, (size_t)n);
			bad++;
		} else if (pw && old != NULL &&
		    rp_strtonum(f[1], 0, 0xffffffffLL, &uid) == 0 &&
		    !listed_in(old->data, old->len, "passwd|", f[0]) &&
		    ((uid >= 1000 && uid < 60000 && oldmax >= 0 &&
		    uid > oldmax) || uid == 0)) {
			n = snprintf(buf, sizeof(buf), "%.200s (UID %lld, new "
			    "since the evidence of %s)", f[0], uid, ed);
			rp_verdict_observe(v, buf, (size_t)n);
			bad++;
		} else if (grp && old != NULL && strcmp(f[0], "uid0") != 0) {
			char *m, *ms = NULL, *mem = xstrdup(f[1]), gp[300];

			snprintf(gp, sizeof(gp), "group|%.200s|", f[0]);
			for (ms = mem; (m = rp_next_token(&ms, ",")) != NULL;) {
				if (listed_in(old->data, old->len, gp, m))
					continue;
				n = snprintf(buf, sizeof(buf), "%.200s (added "
				    "to %.60s since the evidence of %s)", m,
				    f[0], ed);
				rp_verdict_observe(v, buf, (size_t)n);
				bad++;
			}
			free(mem);
		}
	}
	free(copy);
	n = snprintf(buf, sizeof(buf), "examined %zu account(s) by their "
	    "shadow last-change day; %s", seen, old != NULL ? "compared with "
	    "the earlier evidence bundle (UID 0, sudo/wheel/admin members, "
	    "UIDs)" : "no earlier evidence bundle (--previous DIR): new "
	    "UID 0 accounts, group members and UIDs not compared");
	rp_verdict_evidence(v, buf, (size_t)n);
	if (seen == 0 && bad == 0) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("no shadow entry read (probe not run as "
		    "root?): account creation dates not judged");
		return 0;
	}
	v->status = bad ? RP_ST_FAIL : undated ? RP_ST_ERROR : RP_ST_PASS;
	if (v->status == RP_ST_ERROR)
		v->reason = xasprintf("not assessed: %zu account(s) have no "
		    "last-change day in /etc/shadow: their creation cannot be "
		    "dated", undated);
	return 0;
}

const struct rp_evaluator rp_eval_linux_accounts_window = {
	.name = "linux-accounts-window",
	.kind = RP_KIND_LINUX,
	.needs_probe = 1,
	.doc = "accounts created in the incident window, and privileged "
	    "accounts added since an earlier bundle",
	.evaluate = accounts_evaluate,
};

void
rp_linux_incident_coverage(const struct rp_target_ev *t,
    const struct rp_incident *inc, int earlier, struct rp_incident_cov *c)
{
	const struct rp_probe_out *po;
	size_t births;

	memset(c, 0, sizeof(*c));
	c->as_root = t->elevated;
	c->earlier = earlier;
	c->allow_list = inc != NULL && inc->nallowed_keys > 0;
	po = rp_target_probe(t, "linux.persist-content");
	/* only probes with their proof of run count as collected */
	c->content = po != NULL && po->status == RP_PS_OK && po->data != NULL &&
	    po->started;
	po = rp_target_probe(t, "linux.persist-times");
	if (po == NULL || po->status != RP_PS_OK || po->data == NULL ||
	    !po->started)
		return;
	c->times = 1;
	c->files = count_ftimes(po, &births, 0);
	c->births = births;
}
