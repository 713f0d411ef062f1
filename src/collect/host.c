/*
 * host.c -- one Linux target: connect, run the script, turn its sections
 * into probe outputs, decide the target's status.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "collect/host.h"
#include "collect/ldap.h"
#include "collect/smb.h"
#include "collect/sysvol.h"
#include "collect/inventory.h"
#include "collect/script.h"
#include "collect/ssh.h"
#include "core/err.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "evidence/bundle.h"
#include "core/banned.h"

#define SECT_ID		0
#define SECT_ELEVATE	1
#define SECT_PROBES	2	/* index of the first probe section */
#define SMALL_CAP	4096	/* id and elevation sections */

/* The script goes on stdin: the boundary never shows in a command line. */
#define MAIN_COMMAND	"exec /bin/sh -s"
/* requiretty retry: stdin is the pty (for sudo), stdout a pipe (so that
 * sudo's use_pty leaves the output alone). */
#define PTY_COMMAND	"/bin/sh -c 'exec 2>/dev/null; /bin/sh -s | cat'"

enum elev {
	EL_NONE,	/* not asked (no become) */
	EL_OK,		/* root: uid 0 or sudo -n works */
	EL_TTY,		/* requiretty */
	EL_FAILED,	/* see el_detail */
};

struct run {
	const struct rp_host_ctx	*c;
	const struct rp_probe *const	*probes;	/* command probes */
	size_t				 nprobes;
	const struct rp_inv_host	*h;
	struct rp_target_ev		*t;
	struct rp_ssh			*ssh;
	char				 boundary[RP_BOUNDARY_LEN + 1];
	struct rp_sect			*sects;
	size_t				 nsects;
	struct rp_splitter		 sp;
	size_t				 host_left;
	int				 uid;		/* -1: unknown */
	enum elev			 el;
	int				 el_list;	/* sudo -n -l works */
	char				*el_detail;
	int				 pty_used;
	int				 devnull_bad;	/* not a writable device */
	int				 end_err;	/* of the last run */
	char				*end_cause;
	char				*werr;		/* a write failed */
	long long			 t_run;
};

/* Host text for a message: printable ASCII, at most max bytes. */
static char *
sanitize(const char *s, size_t len, size_t max)
{
	char *o = xmalloc((len < max ? len : max) + 1), *m;
	size_t i, n = 0;

	for (i = 0; i < len && n < max; i++) {
		if (s[i] == '\n' && n > 0 && i + 1 < len)
			o[n++] = ' ';
		else if (s[i] != '\n' && s[i] != '\r')
			o[n++] = isprint((unsigned char)s[i]) ? s[i] : '?';
	}
	while (n > 0 && o[n - 1] == ' ')
		n--;
	o[n] = '\0';
	/* host text in a message: no secret either */
	m = rp_mask_secrets(o, n, NULL, NULL);
	free(o);
	return m;
}

static const struct rp_probe *
probe_of(const struct run *r, const struct rp_sect *s)
{
	size_t i = (size_t)(s - r->sects);

	return i >= SECT_PROBES ? r->probes[i - SECT_PROBES] : NULL;
}

static struct rp_probe_out *
out_of(const struct run *r, const struct rp_sect *s)
{
	return &r->t->probes[(size_t)(s - r->sects) - SECT_PROBES];
}

static void
set_detail(struct rp_probe_out *po, char *detail)
{
	free(po->detail);
	po->detail = detail;
}

static void
classify_elevation(struct run *r, const struct rp_sect *s)
{
	const char *o = rp_strbuf_str(&s->out);
	char *line;

	free(r->el_detail);
	r->el_detail = NULL;
	r->el_list = s->exit_code == 0 ||
	    strstr(o, "rempart-sudo-list=0") != NULL;
	if (s->exit_code == 0) {
		r->el = EL_OK;
		return;
	}
	r->el = EL_FAILED;
	if (r->devnull_bad) {
		r->el_detail = xstrdup("/dev/null on the target is not a "
		    "writable character device: the elevation test could not "
		    "run");
		return;
	}
	line = sanitize(o, s->out.len, 160);
	if (strstr(o, "must have a tty") != NULL ||
	    strstr(o, "terminal is required") != NULL)
		r->el = EL_TTY;
	if (strstr(o, "password is required") != NULL)
		r->el_detail = xstrdup("sudo needs a password");
	else if (r->el == EL_TTY)
		r->el_detail = xstrdup("sudo requires a tty (requiretty)");
	else if (s->exit_code == 127)
		r->el_detail = xstrdup("sudo is not installed");
	else if (s->exit_code == 126)
		r->el_detail = xasprintf("sudo cannot run programs for this "
		    "account (noexec?): %s", line);
	else
		r->el_detail = xasprintf("sudo refused: %s", *line ? line :
		    "no message");
	free(line);
	if (r->pty_used) {
		line = r->el_detail;
		r->el_detail = xasprintf("%s (retried with a pty for "
		    "requiretty)", line);
		free(line);
	}
}

static int
ran_as_root(const struct run *r, const struct rp_probe *p)
{
	return r->uid == 0 || r->el == EL_OK ||
	    (r->el_list && rp_script_fine(p));
}

/*
 * Why a probe that ran ended with a non-zero status. A probe explains
 * itself with a first line "rempart: ..." (host text: sanitized, bounded).
 */
static char *
probe_failure(const struct rp_sect *s)
{
	static const char tag[] = "rempart: ";
	const char *o = s->out.buf ? s->out.buf : "", *nl;
	size_t len = s->out.len;
	char *why, *m;

	if (len <= sizeof(tag) - 1 || memcmp(o, tag, sizeof(tag) - 1) != 0)
		return xasprintf("the probe ended with status %d, not one "
		    "that says its output is complete (exit-ok)",
		    s->exit_code);
	o += sizeof(tag) - 1;
	len -= sizeof(tag) - 1;
	if ((nl = memchr(o, '\n', len)) != NULL)
		len = (size_t)(nl - o);
	why = sanitize(o, len, 400);
	m = xasprintf("%s (exit %d)", why, s->exit_code);
	free(why);
	return m;
}

static void
probe_status(struct run *r, const struct rp_probe *p, struct rp_sect *s,
    struct rp_probe_out *po)
{
	po->status = RP_PS_OK;
	po->started = s->started;
	if (!s->started) {
		po->status = RP_PS_ERROR;
		set_detail(po, xasprintf("the probe did not start (no start "
		    "token, exit %d)%s", s->exit_code, r->devnull_bad ?
		    ": /dev/null on the target is not a writable character "
		    "device" : ": its shell failed before the probe (a "
		    "/dev/null that is not a writable device, a broken "
		    "/bin/sh?)"));
	} else if (s->truncated) {
		po->status = RP_PS_TRUNCATED;
		set_detail(po, xasprintf("output capped at %zu bytes (the "
		    "host sent %zu)", s->out.len, s->seen));
	} else if (rp_script_fine(p) &&
	    s->exit_code == RP_EXIT_SUDO_REFUSED) {
		po->status = RP_PS_ERROR;
		set_detail(po, xasprintf("sudo refused a command this probe "
		    "needs as root (allow it NOPASSWD for '%s', or audit as "
		    "root)", rp_ssh_user(r->ssh)));
	} else if (s->exit_code == 126 || s->exit_code == 127) {
		po->status = RP_PS_ERROR;
		set_detail(po, xasprintf("a command of the probe was not "
		    "found or not executable (exit %d)", s->exit_code));
	} else if (p->root && !ran_as_root(r, p) && s->exit_code != 0) {
		po->status = RP_PS_ERROR;
		set_detail(po, xasprintf("needs root: ran as '%s' without "
		    "elevation (exit %d); set ansible_become=true (-t: "
		    "--become)", rp_ssh_user(r->ssh), s->exit_code));
	} else if (s->exit_code < 0 || s->exit_code > 255 ||
	    !(p->exit_ok[s->exit_code / 8] & (1u << (s->exit_code % 8)))) {
		/* only the statuses the probe documents (exit-ok=, 0 by
		 * default) say its output is complete */
		po->status = RP_PS_ERROR;
		set_detail(po, probe_failure(s));
	} else if (p->root && !ran_as_root(r, p))
		set_detail(po, xasprintf("ran as '%s' without root: the "
		    "output may be incomplete", rp_ssh_user(r->ssh)));
	if (p->root && ran_as_root(r, p))
		r->t->elevated = 1;
}

static void
write_output(struct run *r, struct rp_sect *s, struct rp_probe_out *po)
{
	char *cause = NULL, *masked;
	size_t mlen, nmask;

	/* no secret of the target goes further than this */
	masked = rp_mask_secrets(s->out.buf ? s->out.buf : "", s->out.len,
	    &mlen, &nmask);
	if (nmask > 0)
		rp_info("'%s': %s: %zu secret value%s masked", r->t->id,
		    po->probe, nmask, nmask == 1 ? "" : "s");
	if (rp_bundle_put_probe(r->c->w, r->t->id, po, "out", masked, mlen,
	    &cause) != 0) {
		po->status = RP_PS_ERROR;
		set_detail(po, xasprintf("evidence not written: %s", cause));
		if (r->werr == NULL)
			r->werr = cause;
		else
			free(cause);
	}
	po->bytes = s->seen;
	free(masked);
	rp_strbuf_release(&s->out);
}

static void
probe_ended(struct run *r, struct rp_sect *s)
{
	const struct rp_probe *p = probe_of(r, s);
	struct rp_probe_out *po = out_of(r, s);

	po->exit_code = s->exit_code;
	po->duration_ms = (long)(s->t_end - s->t_begin);
	probe_status(r, p, s, po);
	write_output(r, s, po);
}

static void
id_ended(struct run *r, struct rp_sect *s)
{
	const char *buf = s->out.buf ? s->out.buf : "", *nl;
	size_t len = s->out.len;
	char *o;
	long long v;

	/* "UID\n" (none when /dev/null cannot be read), then
	 * RP_DEVNULL_BAD when /dev/null is not a writable device */
	r->devnull_bad = memmem(buf, len, RP_DEVNULL_BAD,
	    strlen(RP_DEVNULL_BAD)) != NULL;
	if ((nl = memchr(buf, '\n', len)) != NULL)
		len = (size_t)(nl - buf);
	o = sanitize(buf, len, 32);
	if (s->exit_code == 0 && rp_strtonum(o, 0, 0x7fffffff, &v) == 0)
		r->uid = (int)v;
	free(o);
	rp_strbuf_release(&s->out);
}

static void
sect_done(void *arg, struct rp_sect *s)
{
	struct run *r = arg;
	size_t i = (size_t)(s - r->sects);

	if (i == SECT_ID && s->state == RP_SECT_ENDED)
		id_ended(r, s);
	else if (i == SECT_ELEVATE && s->state == RP_SECT_ENDED)
		classify_elevation(r, s);
	else if (i >= SECT_PROBES && s->state == RP_SECT_ENDED)
		probe_ended(r, s);
}

static int
sink(void *arg, const char *buf, size_t len)
{
	struct run *r = arg;

	rp_splitter_feed(&r->sp, buf, len, rp_now_ms());
	return r->sp.done;
}

static void
sects_init(struct run *r)
{
	size_t i, cap;

	r->nsects = SECT_PROBES + r->nprobes;
	r->sects = xcalloc(r->nsects, sizeof(*r->sects));
	r->sects[SECT_ID].id = RP_SECT_ID;
	r->sects[SECT_ELEVATE].id = RP_SECT_ELEVATE;
	rp_strbuf_init(&r->sects[SECT_ID].out, SMALL_CAP);
	rp_strbuf_init(&r->sects[SECT_ELEVATE].out, SMALL_CAP);
	for (i = 0; i < r->nprobes; i++) {
		const struct rp_probe *p = r->probes[i];

		cap = p->max_bytes ? p->max_bytes : r->c->probe_cap;
		if (cap > RP_PROBE_MAX_READ)
			cap = RP_PROBE_MAX_READ;
		r->sects[SECT_PROBES + i].id = p->id;
		rp_strbuf_init(&r->sects[SECT_PROBES + i].out, cap);
	}
}

static void
sects_release(struct run *r)
{
	size_t i;

	for (i = 0; i < r->nsects; i++)
		rp_strbuf_release(&r->sects[i].out);
	free(r->sects);
}

/* Run one script; keeps why it ended in end_err/end_cause. */
static void
run_script(struct run *r, const char *command, int pty, int flags,
    const struct rp_probe *const *probes, size_t n, long long deadline)
{
	size_t len;
	char *script = rp_script_build(r->boundary, flags, probes, n, &len);

	rp_splitter_init(&r->sp, r->boundary, r->sects, r->nsects,
	    r->host_left, sect_done, r);
	free(r->end_cause);
	r->end_cause = NULL;
	r->end_err = rp_ssh_run(r->ssh, command, pty, script, len, sink, r,
	    deadline, &r->end_cause);
	r->host_left = r->sp.host_left;
	if (r->sp.noise > 0) {
		flockfile(stderr);
		rp_debug("'%s': %zu bytes outside the script's sections "
		    "ignored", r->h->alias, r->sp.noise);
		funlockfile(stderr);
	}
	free(script);
}

/* Root probes that sudo refused without a tty: again, with a raw pty. */
static void
pty_retry(struct run *r, long long deadline)
{
	const struct rp_probe **roots;
	size_t i, n = 0;

	roots = xcalloc(r->nprobes + 1, sizeof(*roots));
	for (i = SECT_PROBES; i < r->nsects; i++) {
		if (r->sects[i].state != RP_SECT_SKIPPED)
			continue;
		r->sects[i].state = RP_SECT_PENDING;
		roots[n++] = probe_of(r, &r->sects[i]);
	}
	r->sects[SECT_ELEVATE].state = RP_SECT_PENDING;
	rp_strbuf_reset(&r->sects[SECT_ELEVATE].out);
	r->pty_used = 1;
	flockfile(stderr);
	rp_info("'%s': sudo requires a tty: running %zu root probes on a "
	    "pty channel", r->h->alias, n);
	funlockfile(stderr);
	run_script(r, PTY_COMMAND, 1, RP_SCRIPT_BECOME | RP_SCRIPT_PTY |
	    (r->c->deep ? RP_SCRIPT_DEEP : 0), roots, n, deadline);
	free(roots);
}

/* Why the last run stopped short, for probes left without an END. */
static char *
end_reason(const struct run *r)
{
	char *noise = NULL, *m;

	if (r->end_err == RP_ERR_TIMEOUT)
		m = xasprintf("run time limit reached (%ld s after the login, "
		    "%s)", r->c->timeout_ms / 1000, r->c->timeout_derived ?
		    "the default for this catalogue: set --timeout" :
		    "--timeout");
	else if (r->end_err == RP_ERR_INTERRUPTED)
		m = xstrdup("interrupted");
	else if (r->end_err != 0)
		m = xstrdup(r->end_cause ? r->end_cause : "connection lost");
	else
		m = xstrdup("the remote shell ended before the script did");
	if (r->sp.noise_len > 0 && r->sects[SECT_ID].state == RP_SECT_PENDING)
		noise = sanitize(r->sp.noise_head, r->sp.noise_len, 120);
	if (noise != NULL && *noise != '\0') {
		char *full = xasprintf("%s, before the script ran (the login "
		    "printed: '%s')", m, noise);

		free(m);
		m = full;
	}
	free(noise);
	return m;
}

static void
finish_unfinished(struct run *r, struct rp_sect *s, struct rp_probe_out *po,
    const char *why)
{
	if (s->state == RP_SECT_RUNNING) {
		po->status = r->end_err == RP_ERR_TIMEOUT ? RP_PS_TIMEOUT :
		    r->end_err == RP_ERR_INTERRUPTED ? RP_PS_NOT_RUN :
		    RP_PS_ERROR;
		po->duration_ms = (long)(rp_now_ms() - s->t_begin);
		set_detail(po, xasprintf("no end marker: %s", why));
		if (s->out.len > 0)
			write_output(r, s, po);	/* what came, for a human */
	} else {
		po->status = RP_PS_NOT_RUN;
		set_detail(po, xasprintf("not run: %s", why));
	}
}

struct tally {
	size_t	usable;		/* ok or na */
	size_t	skipped;	/* root probes sudo refused */
	size_t	cut;		/* begun, never ended */
	size_t	unrun;		/* never begun */
	size_t	other;		/* ended but not ok (capped, errors) */
	const struct rp_probe_out *first_other;
};

static void
tally_one(struct tally *n, const struct rp_sect *s,
    const struct rp_probe_out *po)
{
	if (po->status == RP_PS_OK || po->status == RP_PS_NA)
		n->usable++;
	else if (s->state == RP_SECT_SKIPPED)
		n->skipped++;
	else if (s->state == RP_SECT_RUNNING)
		n->cut++;
	else if (s->state == RP_SECT_PENDING)
		n->unrun++;
	else if (n->other++ == 0)
		n->first_other = po;
}

/* Statuses of the probes that did not END, and what came of them all. */
static void
finish_probes(struct run *r, struct tally *n)
{
	char *why = end_reason(r);
	size_t i;

	for (i = SECT_PROBES; i < r->nsects; i++) {
		struct rp_sect *s = &r->sects[i];
		struct rp_probe_out *po = out_of(r, s);

		if (s->state == RP_SECT_NA) {
			po->status = RP_PS_NA;
			set_detail(po, xasprintf("'%s' not found on the target",
			    probe_of(r, s)->requires));
		} else if (s->state == RP_SECT_SKIPPED) {
			po->status = RP_PS_ERROR;
			set_detail(po, xstrdup(r->el_detail ? r->el_detail :
			    "elevation failed"));
		} else if (s->state != RP_SECT_ENDED)
			finish_unfinished(r, s, po, why);
		tally_one(n, s, po);
	}
	free(why);
}

static void
explain_status(struct run *r, const struct tally *n, struct rp_strbuf *e)
{
	char *why = end_reason(r);

	if (n->skipped > 0)
		rp_strbuf_addf(e, "%s: %zu root probe%s not run",
		    r->el_detail ? r->el_detail : "elevation failed",
		    n->skipped, n->skipped == 1 ? "" : "s");
	if (n->cut + n->unrun > 0)
		rp_strbuf_addf(e, "%s%s: %zu probe%s cut short, %zu not run",
		    e->len ? "; " : "", why, n->cut, n->cut == 1 ? "" : "s",
		    n->unrun);
	if (n->other > 0)
		rp_strbuf_addf(e, "%s%s: %s%s", e->len ? "; " : "",
		    n->first_other->probe, n->first_other->detail ?
		    n->first_other->detail : rp_pstatus_name(
		    n->first_other->status), n->other > 1 ? " (and more: see "
		    "the probes)" : "");
	if (r->werr != NULL)
		rp_strbuf_addf(e, "%s%s", e->len ? "; " : "", r->werr);
	free(why);
}

static void
decide_status(struct run *r)
{
	struct rp_strbuf e = RP_STRBUF_INIT(4096);
	struct tally n;

	memset(&n, 0, sizeof(n));
	finish_probes(r, &n);
	explain_status(r, &n, &e);
	r->t->status = n.usable == r->nprobes ? RP_TS_OK : n.usable == 0 ?
	    RP_TS_ERROR : RP_TS_PARTIAL;
	if (e.len > 0)
		r->t->error = rp_strbuf_detach(&e, NULL);
	rp_strbuf_release(&e);
}

static void
collect_probes(struct run *r, long long deadline)
{
	int flags = (r->h->become ? RP_SCRIPT_BECOME : 0) |
	    (r->c->deep ? RP_SCRIPT_DEEP : 0);
	size_t i;

	r->t->nprobes = r->nprobes;
	r->t->probes = xcalloc(r->nprobes + 1, sizeof(*r->t->probes));
	for (i = 0; i < r->nprobes; i++) {
		r->t->probes[i].probe = xstrdup(r->probes[i]->id);
		r->t->probes[i].exit_code = -1;
	}
	sects_init(r);
	if (rp_script_boundary(r->boundary) != 0) {
		r->t->status = RP_TS_ERROR;
		r->t->error = xstrdup("getrandom failed: no boundary");
		return;
	}
	r->t_run = rp_now_ms();
	run_script(r, MAIN_COMMAND, 0, flags, r->probes, r->nprobes,
	    deadline);
	for (i = SECT_PROBES; i < r->nsects; i++)
		if (r->sects[i].state == RP_SECT_SKIPPED && r->el == EL_TTY &&
		    r->end_err == 0) {
			pty_retry(r, deadline);
			break;
		}
	r->t_run = rp_now_ms() - r->t_run;
	decide_status(r);
}

static void
target_init(const struct rp_inv_host *h, struct rp_target_ev *t,
    const char *user)
{
	memset(t, 0, sizeof(*t));
	t->id = xstrdup(h->alias);
	t->kind = h->kind;
	t->address = xstrdup(h->address);
	t->port = h->port;
	t->user = xstrdup(h->user ? h->user : user);
	t->role = h->role ? xstrdup(h->role) : NULL;
	rp_target_set_groups(t, h->groups, h->ngroups);
	t->status = RP_TS_ERROR;
	t->started = time(NULL);
}

/* How root was reached, for target.json (docs/evidence-format.md). */
static const char *
elevation_name(const struct run *r)
{
	if (r->uid == 0)
		return "root";
	if (!r->h->become)
		return "none";
	if (r->el == EL_OK)
		return r->pty_used ? "sudo-pty" : "sudo";
	if (r->el_list)
		return r->pty_used ? "sudo-pty-commands" : "sudo-commands";
	return r->el == EL_NONE ? "unknown" : "failed";
}

static void
log_host(const struct run *r, const struct rp_ssh_info *info)
{
	size_t i, bytes = 0;

	for (i = 0; i < r->t->nprobes; i++)
		bytes += r->t->probes[i].bytes;
	flockfile(stderr);
	rp_info("'%s': %s: connect %ld ms, kex %ld ms, auth %ld ms (%s), "
	    "run %lld ms, %zu probes, %zu bytes%s", r->h->alias,
	    rp_tstatus_name(r->t->status), info->ms_connect, info->ms_kex,
	    info->ms_auth, info->auth ? info->auth : "-", r->t_run,
	    r->t->nprobes, bytes, r->t->elevated ? ", elevated" : "");
	funlockfile(stderr);
}

static void
run_linux(const struct rp_host_ctx *c, const struct rp_inv_host *h,
    const struct rp_probe *const *probes, size_t nprobes,
    struct rp_target_ev *t)
{
	struct rp_ssh_info info;
	struct run r;
	long long deadline;
	char *cause = NULL;
	int e;

	memset(&info, 0, sizeof(info));
	memset(&r, 0, sizeof(r));
	r.c = c;
	r.probes = probes;
	r.nprobes = nprobes;
	r.h = h;
	r.t = t;
	r.uid = -1;
	r.host_left = c->host_cap;
	/* each login step (jump host, target) is bounded by connect_ms */
	deadline = rp_now_ms() + 2 * c->ssh->connect_ms;
	if ((e = rp_ssh_open(c->ssh, h, deadline, &r.ssh, &info,
	    &cause)) != 0) {
		t->status = info.status;	/* the pool reports it */
		t->error = e != RP_ERR_TIMEOUT ? cause : xasprintf("%s (login "
		    "time limit: %ld s, --connect-timeout)", cause,
		    c->ssh->connect_ms / 1000);
		if (t->error != cause)
			free(cause);
	} else {
		/* the run's clock starts once logged in */
		deadline = rp_now_ms() + c->timeout_ms;
		collect_probes(&r, deadline);
		t->auth = xstrdup(info.auth ? info.auth : "none");
		t->elevation = xstrdup(elevation_name(&r));
		log_host(&r, &info);
		rp_ssh_close(r.ssh);
	}
	t->hostkey = info.hostkey;
	t->server = info.banner && *info.banner ? info.banner : NULL;
	if (t->server == NULL)
		free(info.banner);
	sects_release(&r);
	free(r.el_detail);
	free(r.end_cause);
	free(r.werr);
}

/*
 * The SYSVOL probe of an AD target, after its LDAP searches: over SMB when
 * the inventory says sysvol=yes (the DC named by ldap_url, the target's
 * credentials), else recorded as not collected, saying how to collect it.
 */
static void
run_sysvol(const struct rp_host_ctx *c, const struct rp_inv_host *h,
    const struct rp_probe *const *probes, size_t n, struct rp_target_ev *t)
{
	struct rp_probe_out *po;
	struct rp_smb_conf sc;
	char *out = NULL, *cause = NULL, *host = NULL, *dom = NULL;
	size_t outlen = 0;

	(void)probes;	/* one probe, ad.sysvol */
	if (n == 0)
		return;
	t->probes = xreallocarray(t->probes, t->nprobes + 1,
	    sizeof(*t->probes));
	po = &t->probes[t->nprobes++];
	memset(po, 0, sizeof(*po));
	po->probe = xstrdup(RP_SYSVOL_PROBE);
	po->exit_code = -1;
	if (!h->sysvol) {
		po->status = RP_PS_ERROR;
		po->detail = xstrdup("SYSVOL not collected: set sysvol=yes on "
		    "this [ad] target in the inventory (SMB3 to the DC), or "
		    "import a copy with rempart evidence import-sysvol");
		return;
	}
	if (t->status != RP_TS_OK && t->status != RP_TS_PARTIAL) {
		po->status = RP_PS_NOT_RUN;
		po->detail = xstrdup("the directory could not be read");
		return;
	}
	if (h->ldap_url != NULL)
		host = rp_smb_url_host(h->ldap_url);
	else if (h->address != NULL)
		host = xstrdup(h->address);
	dom = rp_smb_dn_domain(t->naming_context);
	if (host == NULL || dom == NULL) {
		po->status = RP_PS_ERROR;
		po->detail = xstrdup("SYSVOL: no DC host name in ldap_url or "
		    "no domain name in the naming context");
		goto out;
	}
	memset(&sc, 0, sizeof(sc));
	sc.host = host;
	sc.domain = dom;
	sc.user = h->bind_dn;
	sc.password_file = h->bind_password_file;
	sc.kerberos = h->sasl_mech != NULL;
	sc.timeout_s = (int)(c->ssh->connect_ms / 1000);
	rp_smb_collect(&sc, po, &out, &outlen);
	if (out != NULL && rp_bundle_put_probe(c->w, t->id, po, "out", out,
	    outlen, &cause) != 0) {
		po->status = RP_PS_ERROR;
		free(po->detail);
		po->detail = cause;
		cause = NULL;
	}
	if (po->status != RP_PS_OK && t->status == RP_TS_OK) {
		t->status = RP_TS_PARTIAL;
		free(t->error);
		t->error = xasprintf("SYSVOL %s: %s", rp_pstatus_name(
		    po->status), po->detail ? po->detail : "?");
	}
out:
	free(out);
	free(cause);
	free(host);
	free(dom);
}

static void
run_directory(const struct rp_host_ctx *c, const struct rp_inv_host *h,
    const struct rp_probe *const *probes, size_t n, struct rp_target_ev *t)
{
	struct rp_ldap_conf conf;
	char *url = NULL;

	memset(&conf, 0, sizeof(conf));
	conf.id = h->alias;
	conf.kind = h->kind;
	if (h->ldap_url == NULL)
		url = xasprintf("ldaps://%s", h->address);
	conf.url = h->ldap_url ? h->ldap_url : url;
	conf.base_dn = h->base_dn;
	conf.bind_dn = h->bind_dn;
	conf.password_file = h->bind_password_file;
	conf.ca_file = h->ca_file;
	conf.sasl_mech = h->sasl_mech;
	conf.starttls = h->starttls;
	conf.insecure_tls = c->insecure_tls;
	conf.insecure_plain_bind = c->insecure_plain_bind;
	conf.role = h->role;
	conf.timeout = (int)(c->ssh->connect_ms / 1000);
	conf.probe_cap = c->ldap_probe_cap;
	conf.target_cap = c->ldap_target_cap;
	conf.run_ms = c->timeout_derived ? 0 : c->timeout_ms;
	conf.stop = c->ssh->stop;
	conf.stop_fd = c->ssh->stop_fd;
	rp_ldap_collect(&conf, probes, n, c->w, t);
	flockfile(stderr);
	rp_info("'%s': %s: %zu searches%s%s", h->alias,
	    rp_tstatus_name(t->status), n, t->error ? ": " : "",
	    t->error ? t->error : "");
	funlockfile(stderr);
	free(url);
}

/*
 * The transports: how a target of each kind is reached, and which type of
 * probe it runs. rp_host_collect gives a transport the probes of its type
 * and of the target's kind, and a target_ev to fill (never fails: what
 * went wrong goes in t->status and t->error).
 *
 * A kind may have several rows, run in the table's order (AD: its LDAP
 * searches, then the SYSVOL files over SMB, which a row may skip when it
 * has no probe of its type).
 *
 * How to add a transport (WinRM, ...):
 *  1. the kind of target in enum rp_kind (core/model.h), its inventory
 *     group in collect/inventory.c, and in checks/schema/catalog.xsd;
 *  2. if it runs a new kind of probe, the type in enum rp_probe_type
 *     (content/content.h), parsed in content.c's parse_probe: the probe
 *     selection (content/probes.h) then hands it those probes;
 *  3. its code in collect/NAME.c (+ .h), and one row below;
 *  4. its pieces in Makefile.am (and configure.ac for a new library);
 *  5. a lab test in tests/integration/lab-*.sh against a real server.
 * An export made elsewhere that stands in for a transport (an LDIF dump:
 * collect/ldif_import.c) answers the same probes from the same selection,
 * without a row: it has no inventory target to reach.
 */
struct rp_transport {
	const char		*name;
	enum rp_kind		 kind;
	enum rp_probe_type	 probe_type;
	void			(*collect)(const struct rp_host_ctx *,
				    const struct rp_inv_host *,
				    const struct rp_probe *const *, size_t,
				    struct rp_target_ev *);
};

static const struct rp_transport transports[] = {
	{ "ssh", RP_KIND_LINUX, RP_PROBE_COMMAND, run_linux },
	{ "ldap", RP_KIND_AD, RP_PROBE_LDAP, run_directory },
	{ "smb", RP_KIND_AD, RP_PROBE_SYSVOL, run_sysvol },	/* after ldap */
	{ "ldap", RP_KIND_OPENLDAP, RP_PROBE_LDAP, run_directory },
};

void
rp_host_collect(const struct rp_host_ctx *c, const struct rp_inv_host *h,
    struct rp_target_ev *t)
{
	const struct rp_transport *tr;
	const struct rp_probe **mine;
	size_t i, j, n, all, ran = 0;

	target_init(h, t, c->ssh->default_user);
	/* every transport of the kind, in the table's order: a target of
	 * several (AD: LDAP, then SYSVOL over SMB) is reached by each */
	for (j = 0; j < sizeof(transports) / sizeof(transports[0]); j++) {
		tr = &transports[j];
		if (tr->kind != h->kind)
			continue;
		all = c->nprobes[tr->probe_type];
		mine = xcalloc(all + 1, sizeof(*mine));
		for (i = n = 0; i < all; i++)
			if (c->probes[tr->probe_type][i]->kind == h->kind)
				mine[n++] = c->probes[tr->probe_type][i];
		tr->collect(c, h, mine, n, t);
		free(mine);
		ran++;
	}
	if (ran == 0)
		t->error = xasprintf("no transport reaches %s targets",
		    rp_kind_name(h->kind));
	t->finished = time(NULL);
}
