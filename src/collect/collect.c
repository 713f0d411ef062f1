/*
 * collect.c -- which probes, which targets, and a bounded pool of worker
 * threads (one host per thread at a time, blocking libssh2 under
 * deadlines) writing into one evidence bundle.
 *
 * SIGINT/SIGTERM/SIGHUP (a closed terminal): no new host starts, running hosts stop at once (their
 * unfinished probes become not-run), hosts never started are recorded as
 * not audited, and the bundle is finished as partial. A second signal
 * kills the process (SA_RESETHAND).
 *
 * Nothing wakes up on a timer: the handler writes to a self-pipe that
 * every wait (each worker's poll on its socket, the main thread's wait
 * for finished hosts) has in its poll set, and a worker that finishes a
 * host writes to a second pipe the main thread waits on. (A signal handler
 * may not touch a condition variable, hence pipes.)
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "collect/collect.h"
#include "collect/host.h"
#include "collect/inventory.h"
#include "collect/select.h"
#include "collect/ldap.h"
#include "collect/ssh.h"
#include "core/err.h"
#include "core/log.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "content/probes.h"
#include "evidence/bundle.h"
#include "core/banned.h"

#define MAX_JOBS	256

struct pool {
	struct rp_host_ctx	  hc;
	struct rp_ssh_conf	  sc;
	struct rp_bundle_writer	 *w;
	struct rp_inv_host	**hosts;	/* borrowed: the inventory's */
	size_t			  nhosts;
	pthread_mutex_t		  lock;
	int			  done_pipe[2];	/* a byte per finished host */
	size_t			  next, done, ok, partial, failed;
	int			  progress;	/* a tty: draw "[n/N]" */
	int			  announced;
};

static volatile sig_atomic_t stop_flag;
static int stop_pipe[2] = { -1, -1 };	/* readable once stop_flag is set */

static void
on_signal(int sig)
{
	int e = errno;

	(void)sig;
	stop_flag = 1;
	if (stop_pipe[1] >= 0)
		(void)!write(stop_pipe[1], "", 1);
	errno = e;
}

/* The selection of content/probes.h, split by type (collect.h). */
int
rp_collect_needed(struct rp_content *c, char *const *baselines,
    size_t nbaselines, int deep, const struct rp_probe ***out, size_t *np,
    const struct rp_probe ***dir, size_t *nd, unsigned *kinds, char **cause)
{
	struct rp_probe_set cmd, ldap;
	int r, flags = deep ? RP_PROBES_DEEP : 0;

	*out = *dir = NULL;
	*np = *nd = 0;
	*kinds = 0;
	if ((r = rp_content_probes_for(c, baselines, nbaselines, -1,
	    RP_PROBE_COMMAND, flags, &cmd, cause)) != 0)
		return r;
	if ((r = rp_content_probes_for(c, baselines, nbaselines, -1,
	    RP_PROBE_LDAP, flags | RP_PROBES_LADDER, &ldap, cause)) != 0) {
		rp_probe_set_release(&cmd);
		return r;
	}
	*out = cmd.probes;
	*np = cmd.n;
	*dir = ldap.probes;
	*nd = ldap.n;
	*kinds = cmd.kinds | ldap.kinds;
	return 0;
}

static int
load_targets(const struct rp_collect_opts *o, struct rp_inventory **inv,
    char **cause)
{
	if ((o->inventory == NULL) == (o->target == NULL))
		return rp_fail(cause, RP_ERR_INVALID, "give an inventory (-i) "
		    "or one target (-t), not both");
	if (o->target != NULL)
		return rp_inventory_single(o->target, inv, cause);
	return rp_inventory_load(o->inventory, inv, cause);
}

/*
 * A directory whose bind would send a password in clear text: refused
 * before connecting anywhere, naming the inventory line.
 */
static int
check_transport(const struct rp_inv_host *h, const char *file,
    int insecure_plain_bind, char **cause)
{
	struct rp_ldap_conf conf;
	char *url = NULL, *why = NULL;
	int r;

	if (h->kind == RP_KIND_LINUX)
		return 0;
	memset(&conf, 0, sizeof(conf));
	if (h->ldap_url == NULL)
		url = xasprintf("ldaps://%s", h->address);
	conf.url = h->ldap_url ? h->ldap_url : url;
	conf.bind_dn = h->bind_dn;
	conf.password_file = h->bind_password_file;
	conf.sasl_mech = h->sasl_mech;
	conf.starttls = h->starttls;
	conf.insecure_plain_bind = insecure_plain_bind;
	if ((r = rp_ldap_transport_check(&conf, &why)) != 0) {
		rp_fail(cause, r, "%s:%d: host '%s': %s", file ? file : "-t",
		    h->line, h->alias, why);
		free(why);
		goto out;
	}
	conf.insecure_plain_bind = 0;	/* would it be refused without? */
	if (insecure_plain_bind && rp_ldap_transport_check(&conf,
	    &why) != 0) {
		rp_warn("%s:%d: host '%s': the bind password will be sent in "
		    "CLEAR TEXT (--insecure-plain-bind); anyone on the path "
		    "can read it: change it after the audit", file ? file :
		    "-t", h->line, h->alias);
		free(why);
	}
out:
	free(url);
	return r;
}

/* Secret files with a bad mode: say so before connecting anywhere. */
static int
check_secrets(const struct rp_inv_host *h, char **cause)
{
	const char *f[3] = { h->password_file, h->key_passphrase_file,
		h->bind_password_file };
	char *why = NULL;
	size_t i;
	int r;

	for (i = 0; i < 3; i++) {
		if (f[i] == NULL || (r = rp_secret_check(f[i], &why)) == 0)
			continue;
		rp_fail(cause, r, "'%s': %s", h->alias, why);
		free(why);
		return r;
	}
	return 0;
}

static int
select_hosts(struct pool *p, struct rp_inventory *inv, unsigned kinds,
    const struct rp_collect_opts *o, size_t *skipped, char **cause)
{
	size_t i;
	int r;

	p->hosts = xcalloc(inv->nhosts, sizeof(*p->hosts));
	for (i = 0; i < inv->nhosts; i++) {
		struct rp_inv_host *h = &inv->hosts[i];

		if (o->target != NULL)
			h->become = o->become;
		if (!(kinds & (1u << h->kind))) {
			rp_info("'%s': no %s baseline selected: skipped",
			    h->alias, rp_kind_name(h->kind));
			(*skipped)++;
			continue;
		}
		if ((r = check_secrets(h, cause)) != 0 ||
		    (r = check_transport(h, inv->file,
		    o->insecure_plain_bind, cause)) != 0)
			return r;
		p->hosts[p->nhosts++] = h;
	}
	if (p->nhosts == 0)
		return rp_fail(cause, RP_ERR_INVALID, "no target is of a kind "
		    "the selected baselines audit (%zu skipped)", *skipped);
	return 0;
}

static char *
local_user(void)
{
	struct passwd *pw = getpwuid(geteuid());
	const char *u = getenv("USER");

	if (pw != NULL && pw->pw_name != NULL)
		return xstrdup(pw->pw_name);
	return xstrdup(u != NULL && *u != '\0' ? u : "root");
}

static char *
default_known_hosts(void)
{
	struct passwd *pw = getpwuid(geteuid());
	const char *home = getenv("HOME");

	if ((home == NULL || *home == '\0') && pw != NULL)
		home = pw->pw_dir;
	return xasprintf("%s/.ssh/known_hosts", home ? home : "");
}

static void
draw_progress(struct pool *p)
{
	if (!p->progress)
		return;
	fprintf(stderr, "\r[%zu/%zu] done, %zu failed%s", p->done, p->nhosts,
	    p->failed, stop_flag ? " (interrupted: finishing)" : "");
	fflush(stderr);
}

/* Under p->lock: count a finished target, tell about a bad one. */
static void
count_target(struct pool *p, const struct rp_target_ev *t)
{
	p->done++;
	if (t->status == RP_TS_OK)
		p->ok++;
	else if (t->status == RP_TS_PARTIAL)
		p->partial++;
	else
		p->failed++;
	if (t->status != RP_TS_OK) {
		if (p->progress)
			fputs("\r\033[K", stderr);
		flockfile(stderr);
		rp_warn("'%s': %s%s%s", t->id, rp_tstatus_name(t->status),
		    t->error ? ": " : "", t->error ? t->error : "");
		funlockfile(stderr);
	}
	draw_progress(p);
	if (p->done_pipe[1] >= 0)
		(void)!write(p->done_pipe[1], "", 1);
}

static void
put_target(struct pool *p, struct rp_target_ev *t)
{
	char *cause = NULL;

	if (rp_bundle_put_target(p->w, t, &cause) != 0) {
		flockfile(stderr);
		rp_error("'%s': evidence not written: %s", t->id, cause);
		funlockfile(stderr);
		t->status = RP_TS_ERROR;
		free(cause);
	}
	pthread_mutex_lock(&p->lock);
	count_target(p, t);
	pthread_mutex_unlock(&p->lock);
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	struct rp_target_ev t;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		if (stop_flag || p->next >= p->nhosts) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		i = p->next++;
		pthread_mutex_unlock(&p->lock);
		rp_host_collect(&p->hc, p->hosts[i], &t);
		put_target(p, &t);
		rp_target_release(&t);
	}
	return NULL;
}

/* Hosts an interruption kept from starting: recorded as not audited. */
static void
record_unstarted(struct pool *p)
{
	struct rp_target_ev t;
	struct rp_inv_host *h;
	size_t i;

	for (i = p->next; i < p->nhosts; i++) {
		h = p->hosts[i];
		memset(&t, 0, sizeof(t));
		t.id = xstrdup(h->alias);
		t.kind = h->kind;
		t.address = xstrdup(h->address);
		t.port = h->port;
		t.user = xstrdup(h->user ? h->user : p->sc.default_user);
		t.role = h->role ? xstrdup(h->role) : NULL;
		rp_target_set_groups(&t, h->groups, h->ngroups);
		t.status = RP_TS_ERROR;
		t.error = xstrdup("interrupted before this host was audited");
		t.started = t.finished = time(NULL);
		put_target(p, &t);
		rp_target_release(&t);
	}
}

static void
announce_stop(struct pool *p)
{
	if (p->announced)
		return;
	p->announced = 1;
	if (p->progress)
		fputs("\r\033[K", stderr);
	rp_warn("interrupted: finishing the running hosts (interrupt again "
	    "to abort)");
}

/* Until every host is done, or stopped: sleeps in poll until a host
 * finishes or a signal comes. */
static void
wait_workers(struct pool *p)
{
	struct pollfd pfd[2] = {
		{ .fd = p->done_pipe[0], .events = POLLIN },
		{ .fd = stop_pipe[0], .events = POLLIN },
	};
	char buf[64];
	int more;

	pthread_mutex_lock(&p->lock);
	draw_progress(p);
	pthread_mutex_unlock(&p->lock);
	for (;;) {
		pthread_mutex_lock(&p->lock);
		if (stop_flag)
			announce_stop(p);
		more = p->done < p->nhosts &&
		    !(stop_flag && p->done == p->next);
		pthread_mutex_unlock(&p->lock);
		if (!more)
			break;
		if (stop_flag)	/* the pipe stays readable: once is enough */
			pfd[1].fd = -1;
		/* without pipes (pipe2 failed), look again now and then */
		if (poll(pfd, 2, pfd[0].fd >= 0 ? -1 : 200) > 0 &&
		    (pfd[0].revents & POLLIN))
			while (read(p->done_pipe[0], buf, sizeof(buf)) > 0)
				;
	}
}

static void
run_pool(struct pool *p, int jobs)
{
	pthread_t *th = xcalloc((size_t)jobs, sizeof(*th));
	sigset_t set, old;
	int i, n = 0;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, &old);	/* workers inherit it */
	for (i = 0; i < jobs; i++)
		if (pthread_create(&th[n], NULL, worker, p) == 0)
			n++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (n == 0)
		worker(p);	/* no thread at all: do it here */
	wait_workers(p);
	for (i = 0; i < n; i++)
		pthread_join(th[i], NULL);
	if (p->progress)
		fputc('\n', stderr);
	free(th);
}

static void
signals(int install, struct sigaction *old)
{
	struct sigaction sa;

	if (!install) {
		sigaction(SIGINT, &old[0], NULL);
		sigaction(SIGTERM, &old[1], NULL);
		sigaction(SIGHUP, &old[2], NULL);
		return;
	}
	stop_flag = 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;	/* a second signal kills */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old[0]);
	sigaction(SIGTERM, &sa, &old[1]);
	sigaction(SIGHUP, &sa, &old[2]);
}

/* Both pipes, non-blocking and close-on-exec; -1s when they cannot be
 * made (then waits still end at their deadlines). */
static void
pipes_open(struct pool *p)
{
	if (pipe2(stop_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		stop_pipe[0] = stop_pipe[1] = -1;
	if (pipe2(p->done_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		p->done_pipe[0] = p->done_pipe[1] = -1;
	p->sc.stop_fd = stop_pipe[0];
}

static void
pipes_close(struct pool *p)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (stop_pipe[i] >= 0)
			close(stop_pipe[i]);
		if (p->done_pipe[i] >= 0)
			close(p->done_pipe[i]);
		stop_pipe[i] = p->done_pipe[i] = -1;
	}
}

static void
pool_conf(struct pool *p, const struct rp_collect_opts *o, char *user,
    char *kh, pthread_mutex_t *kh_lock)
{
	p->sc.known_hosts = kh;
	p->sc.accept_new = o->accept_new;
	p->sc.kh_lock = kh_lock;
	p->sc.connect_ms = 1000L * (o->connect_timeout > 0 ?
	    o->connect_timeout : RP_COLLECT_CONNECT);
	p->sc.default_user = o->user ? o->user : user;
	p->sc.default_key = o->key_file;
	p->sc.stop = &stop_flag;
	p->hc.ssh = &p->sc;
	p->hc.timeout_ms = 1000L * o->timeout;	/* 0: see run_limit() */
	p->hc.probe_cap = o->probe_cap ? o->probe_cap : RP_COLLECT_PROBE_CAP;
	p->hc.host_cap = o->host_cap ? o->host_cap : RP_COLLECT_HOST_CAP;
	p->hc.insecure_plain_bind = o->insecure_plain_bind;
	p->hc.ldap_probe_cap = o->ldap_probe_cap;
	p->hc.ldap_target_cap = o->ldap_target_cap;
	p->progress = isatty(2) && rp_log_level == RP_LOG_WARN;
	p->sc.stop_fd = -1;
	p->done_pipe[0] = p->done_pipe[1] = -1;
	pthread_mutex_init(&p->lock, NULL);
}

static void
summarize(const struct pool *p, const struct rp_collect_opts *o,
    size_t skipped)
{
	struct rp_collect_summary *s = o->summary;

	if (s == NULL)
		return;
	s->targets = p->done;
	s->ok = p->ok;
	s->partial = p->partial;
	s->failed = p->failed;
	s->skipped = skipped;
	s->interrupted = stop_flag != 0;
}

/*
 * The run limit of a host, counted from its login (the login has its own,
 * --connect-timeout; a host waiting for a free worker has not started):
 * --timeout, or RP_COLLECT_PROBE_S per probe and at least
 * RP_COLLECT_TIMEOUT, so that a longer catalogue (--deep, several
 * baselines) or a slow host does not lose its last probes to a fixed 120 s.
 */
static void
run_limit(struct pool *p)
{
	long per = 1000L * RP_COLLECT_PROBE_S *
	    (long)p->hc.nprobes[RP_PROBE_COMMAND];
	long least = 1000L * (p->hc.deep ? RP_COLLECT_DEEP_TIMEOUT :
	    RP_COLLECT_TIMEOUT);

	if (p->hc.timeout_ms > 0)
		return;
	p->hc.timeout_derived = 1;
	p->hc.timeout_ms = per > least ? per : least;
}

static int
sweep(struct pool *p, const struct rp_collect_opts *o, size_t skipped,
    char **cause)
{
	struct sigaction old[3];
	int jobs = o->jobs > 0 ? o->jobs : RP_COLLECT_JOBS, r;

	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	if ((size_t)jobs > p->nhosts)
		jobs = (int)p->nhosts;
	if ((r = rp_bundle_create(o->output, o->baselines, o->nbaselines,
	    &p->w, cause)) != 0)
		return r;
	run_limit(p);
	rp_info("collecting %zu probes from %zu targets, %d at a time, "
	    "%ld s per host after its login%s",
	    p->hc.nprobes[RP_PROBE_COMMAND], p->nhosts, jobs,
	    p->hc.timeout_ms / 1000, p->hc.timeout_derived ?
	    " (default: set --timeout to change)" : "");
	p->hc.w = p->w;
	pipes_open(p);
	signals(1, old);
	run_pool(p, jobs);
	if (stop_flag)
		record_unstarted(p);
	signals(0, old);
	pipes_close(p);
	summarize(p, o, skipped);
	return rp_bundle_finish(p->w, stop_flag != 0, cause);
}

/* --list-hosts: the selected targets and their groups, one a line. */
static int
list_hosts(const struct rp_inventory *inv)
{
	size_t i, j;

	for (i = 0; i < inv->nhosts; i++) {
		printf("%s", inv->hosts[i].alias);
		for (j = 0; j < inv->hosts[i].ngroups; j++)
			printf("%c%s", j ? ',' : '\t', inv->hosts[i].groups[j]);
		putchar('\n');
	}
	return 0;
}

int
rp_collect(const struct rp_collect_opts *o, char **cause)
{
	struct rp_content *c = NULL;
	struct rp_inventory *inv = NULL;
	struct rp_probe_set sets[RP_PROBE__COUNT];
	pthread_mutex_t kh_lock = PTHREAD_MUTEX_INITIALIZER;
	struct pool p;
	char *user = local_user(), *kh = NULL;
	size_t skipped = 0;
	unsigned kinds = 0;
	int r = 0, t;

	memset(&p, 0, sizeof(p));
	memset(sets, 0, sizeof(sets));
	kh = o->known_hosts ? xstrdup(o->known_hosts) : default_known_hosts();
	pool_conf(&p, o, user, kh, &kh_lock);
	if (o->content == NULL &&
	    (r = rp_content_load(o->datadir, &c, cause)) != 0)
		goto out;
	/* every probe the baselines read, by type: each transport takes
	 * those of its type and its targets' kind (collect/host.c) */
	for (t = 0; t < RP_PROBE__COUNT && r == 0; t++) {
		r = rp_content_probes_for(o->content ? o->content : c,
		    o->baselines, o->nbaselines, -1, (enum rp_probe_type)t,
		    (o->deep ? RP_PROBES_DEEP : 0) | RP_PROBES_LADDER, &sets[t],
		    cause);
		kinds |= sets[t].kinds;
		p.hc.probes[t] = sets[t].probes;
		p.hc.nprobes[t] = sets[t].n;
	}
	if (r != 0 ||
	    (r = load_targets(o, &inv, cause)) != 0 ||
	    (r = rp_inventory_select(inv, o->limit, o->shard, cause)) != 0 ||
	    (o->list_hosts && (r = list_hosts(inv)) == 0) ||
	    (r = select_hosts(&p, inv, kinds, o, &skipped, cause)) != 0 ||
	    (r = rp_ssh_global_init(cause)) != 0)
		goto out;
	p.hc.insecure_tls = o->insecure_tls;
	p.hc.deep = o->deep;
	r = sweep(&p, o, skipped, cause);
	rp_ssh_global_exit();
out:
	pthread_mutex_destroy(&p.lock);
	free(p.hosts);
	for (t = 0; t < RP_PROBE__COUNT; t++)
		rp_probe_set_release(&sets[t]);
	rp_inventory_free(inv);
	rp_content_free(c);
	free(kh);
	free(user);
	return r;
}
