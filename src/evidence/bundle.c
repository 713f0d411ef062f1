#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "core/err.h"
#include "core/file.h"
#include "core/json.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "evidence/bundle.h"
#include "core/banned.h"

/* manifest.json and target.json: far above any real one */
#define RP_JSON_MAX_READ	(64u * 1024 * 1024)

struct mfile {
	char	*path;		/* relative to the bundle dir */
	char	 sha[65];
	size_t	 size;
};

struct rp_bundle_writer {
	char		*dir;
	char		**baselines;
	size_t		 nbaselines;
	char		**targets;
	size_t		 ntargets, atargets;
	struct mfile	*files;
	size_t		 nfiles, afiles;
	time_t		 started;
	size_t		 mf_targets;	/* targets in the last manifest written */
	long long	 mf_ms;		/* when (mono_ms) */
	pthread_mutex_t	 lock;
};

static void writer_free(struct rp_bundle_writer *w);

int
rp_sha256_file(const char *path, char hex[65])
{
	unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	EVP_MD_CTX *ctx;
	ssize_t n;
	int fd, r = 0;

	/* a regular file only: a FIFO or /dev/zero would never end */
	if ((fd = rp_file_open(path, SIZE_MAX, NULL)) < 0)
		return RP_ERR_IO;
	ctx = EVP_MD_CTX_new();
	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1)
		r = RP_ERR_NOMEM;
	while (r == 0 && (n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = RP_ERR_IO;
		} else if (EVP_DigestUpdate(ctx, buf, (size_t)n) != 1)
			r = RP_ERR_NOMEM;
	}
	if (r == 0 && EVP_DigestFinal_ex(ctx, md, &mdlen) != 1)
		r = RP_ERR_NOMEM;
	EVP_MD_CTX_free(ctx);
	close(fd);
	for (i = 0; r == 0 && i < mdlen; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	return r;
}

static int
mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;
	int r = 0;

	for (s = p + 1; *s && r == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0750) != 0 && errno != EEXIST)
			r = RP_ERR_IO;
		*s = '/';
	}
	if (r == 0 && mkdir(p, 0750) != 0 && errno != EEXIST)
		r = RP_ERR_IO;
	free(p);
	return r;
}

/* Write data to path through a temporary file and rename(2). */
static int
write_atomic(const char *path, const void *data, size_t len, char **cause)
{
	return rp_write_file(path, data, len, 0640, cause);
}

static int
write_json(const char *path, json_t *j, char **cause)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	int r;

	if (s == NULL)
		return RP_ERR_NOMEM;
	r = write_atomic(path, s, strlen(s), cause);
	free(s);
	return r;
}

/* The constructors of core/json.h, by their short names here. */
#define jtime(t)	rp_json_time(t)
#define jstr(s)		rp_json_string_or_null(s)

static int
cmp_mfile(const void *a, const void *b)
{
	return strcmp(((const struct mfile *)a)->path,
	    ((const struct mfile *)b)->path);
}

char *
rp_bundle_host_name(void)
{
	char buf[256];
	size_t i;

	if (gethostname(buf, sizeof(buf) - 1) != 0 || buf[0] == '\0')
		return xstrdup("unknown");
	buf[sizeof(buf) - 1] = '\0';
	for (i = 0; buf[i]; i++)
		if (!isalnum((unsigned char)buf[i]) && buf[i] != '.' &&
		    buf[i] != '-' && buf[i] != '_')
			buf[i] = '_';
	return xstrdup(buf);
}

static json_t *
manifest_json(char *const *baselines, size_t nb, char *const *targets,
    size_t nt, struct mfile *files, size_t nf, time_t started,
    time_t finished, int partial)
{
	json_t *m = json_object(), *a, *f;
	char *host;
	size_t i;

	json_object_set_new(m, "format", json_string(RP_EVIDENCE_FORMAT));
	f = json_object();
	json_object_set_new(f, "name", json_string(PACKAGE_NAME));
	json_object_set_new(f, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(m, "tool", f);
	if (started != 0) {	/* collected here, not sealed */
		f = json_object();
		host = rp_bundle_host_name();
		json_object_set_new(f, "host", json_string(host));
		free(host);
		json_object_set_new(m, "collector", f);
	}
	json_object_set_new(m, "started_at", jtime(started));
	json_object_set_new(m, "finished_at", jtime(finished));
	json_object_set_new(m, "partial", json_boolean(partial));
	a = json_array();
	for (i = 0; i < nb; i++)
		json_array_append_new(a, json_string(baselines[i]));
	json_object_set_new(m, "baselines", a);
	a = json_array();
	for (i = 0; i < nt; i++)
		json_array_append_new(a, json_string(targets[i]));
	json_object_set_new(m, "targets", a);
	if (nf)
		qsort(files, nf, sizeof(*files), cmp_mfile);
	a = json_array();
	for (i = 0; i < nf; i++) {
		f = json_object();
		json_object_set_new(f, "path", json_string(files[i].path));
		json_object_set_new(f, "sha256", json_string(files[i].sha));
		json_object_set_new(f, "size", json_integer(
		    (json_int_t)files[i].size));
		json_array_append_new(a, f);
	}
	json_object_set_new(m, "files", a);
	return m;
}

static long long
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Is a new partial manifest due after a target, with nt targets in, ntw in
 * the last manifest written, ms milliseconds ago? Once an eighth more
 * targets are in (each of the first 9, then every second one, ...) or
 * RP_MANIFEST_MS have passed: rewriting the whole manifest after every
 * target made a run of n targets write O(n^2) bytes (4 KiB per target:
 * 2 GiB at 1,000 targets). A run stopped by a signal writes the complete
 * manifest at its end (rp_bundle_finish); only a run killed outright
 * leaves the targets since the last one unlisted, which verify reports.
 */
int
rp_bundle_manifest_due(size_t nt, size_t ntw, long long ms)
{
	if (ms >= RP_MANIFEST_MS)
		return 1;
	return nt > ntw && (nt - ntw) * 8 >= ntw;
}

static int
write_manifest(struct rp_bundle_writer *w, time_t finished, int partial,
    char **cause)
{
	json_t *m;
	char *path;
	int r;

	m = manifest_json(w->baselines, w->nbaselines, w->targets,
	    w->ntargets, w->files, w->nfiles, w->started, finished, partial);
	w->mf_targets = w->ntargets;
	w->mf_ms = mono_ms();
	path = xasprintf("%s/manifest.json", w->dir);
	r = write_json(path, m, cause);
	free(path);
	json_decref(m);
	return r;
}

static int
dir_empty(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int empty = 1;

	if (d == NULL)
		return 1;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

int
rp_bundle_create(const char *dir, char *const *baselines, size_t nb,
    struct rp_bundle_writer **out, char **cause)
{
	struct rp_bundle_writer *w;
	size_t i;
	int r;

	if (!dir_empty(dir))
		return rp_fail(cause, RP_ERR_INVALID, "evidence directory "
		    "'%s' is not empty: choose a new one (nothing is "
		    "overwritten)", dir);
	if (mkdirs(dir) != 0)
		return rp_fail(cause, RP_ERR_IO, "cannot create '%s': %s",
		    dir, strerror(errno));
	/* ours alone: in a shared directory others could plant names */
	if ((r = rp_out_dir(dir, cause)) != 0)
		return r;
	w = xcalloc(1, sizeof(*w));
	w->dir = xstrdup(dir);
	w->baselines = xcalloc(nb ? nb : 1, sizeof(char *));
	for (i = 0; i < nb; i++)
		w->baselines[i] = xstrdup(baselines[i]);
	w->nbaselines = nb;
	w->started = time(NULL);
	pthread_mutex_init(&w->lock, NULL);
	if ((r = write_manifest(w, 0, 1, cause)) != 0) {
		writer_free(w);
		return r;
	}
	*out = w;
	return 0;
}

char *
rp_bundle_probe_path(struct rp_bundle_writer *w, const char *target,
    const char *probe, const char *ext)
{
	char *d = xasprintf("%s/targets/%s/probes", w->dir, target);
	char *p;

	/* after a target's first probe the folder is there: one mkdir(2),
	 * not one per component of the path */
	if (mkdir(d, 0750) != 0 && errno != EEXIST)
		mkdirs(d);
	p = xasprintf("%s/%s.%s", d, probe, ext);
	free(d);
	return p;
}

int
rp_bundle_put_probe(struct rp_bundle_writer *w, const char *target,
    struct rp_probe_out *po, const char *ext, const void *data, size_t len,
    char **cause)
{
	char *path;
	int r;

	if (!rp_valid_id(target) || !rp_valid_id(po->probe))
		return rp_fail(cause, RP_ERR_INVALID, "invalid target or "
		    "probe name '%s/%s'", target, po->probe);
	path = rp_bundle_probe_path(w, target, po->probe, ext);
	r = write_atomic(path, data, len, cause);
	free(path);
	if (r == 0) {
		free(po->file);
		po->file = xasprintf("probes/%s.%s", po->probe, ext);
		po->bytes = len;
	}
	return r;
}

static json_t *
target_json(const struct rp_target_ev *t)
{
	json_t *j = json_object(), *id, *a, *p, *g;
	size_t i;

	json_object_set_new(j, "id", json_string(t->id));
	json_object_set_new(j, "kind", json_string(rp_kind_name(t->kind)));
	json_object_set_new(j, "address", jstr(t->address));
	json_object_set_new(j, "port", json_integer(t->port));
	json_object_set_new(j, "user", jstr(t->user));
	json_object_set_new(j, "role", jstr(t->role));
	g = json_array();
	for (i = 0; i < t->ngroups; i++)
		json_array_append_new(g, json_string(t->groups[i]));
	json_object_set_new(j, "groups", g);
	json_object_set_new(j, "status", json_string(
	    rp_tstatus_name(t->status)));
	json_object_set_new(j, "error", jstr(t->error));
	id = json_object();
	json_object_set_new(id, "hostkey", jstr(t->hostkey));
	json_object_set_new(id, "server", jstr(t->server));
	json_object_set_new(id, "naming_context", jstr(t->naming_context));
	json_object_set_new(j, "identity", id);
	json_object_set_new(j, "elevated", json_boolean(t->elevated));
	json_object_set_new(j, "auth", jstr(t->auth));
	json_object_set_new(j, "elevation", jstr(t->elevation));
	json_object_set_new(j, "started_at", jtime(t->started));
	json_object_set_new(j, "finished_at", jtime(t->finished));
	a = json_array();
	for (i = 0; i < t->nprobes; i++) {
		const struct rp_probe_out *po = &t->probes[i];

		p = json_object();
		json_object_set_new(p, "id", json_string(po->probe));
		json_object_set_new(p, "status", json_string(
		    rp_pstatus_name(po->status)));
		json_object_set_new(p, "exit", json_integer(po->exit_code));
		if (t->kind == RP_KIND_LINUX)
			json_object_set_new(p, "started", json_boolean(
			    po->started));
		json_object_set_new(p, "duration_ms", json_integer(
		    po->duration_ms));
		json_object_set_new(p, "bytes", json_integer(
		    (json_int_t)po->bytes));
		json_object_set_new(p, "file", jstr(po->file));
		json_object_set_new(p, "detail", jstr(po->detail));
		json_array_append_new(a, p);
	}
	json_object_set_new(j, "probes", a);
	return j;
}

/*
 * Add (or, when from is below *n, replace) a file. The entries from index
 * from on are searched for the same path: a new target's files cannot be
 * among the other targets' (their paths start with its folder), so only
 * its own are searched, and a run of n targets stays linear.
 */
static void
add_mfile(struct mfile **files, size_t *n, size_t *cap, size_t from,
    const char *rel, const char *sha, size_t size)
{
	size_t i;

	for (i = from; i < *n; i++)
		if (strcmp((*files)[i].path, rel) == 0)
			break;
	if (i == *n) {
		XGROW(*files, *cap, *n);
		(*files)[(*n)++].path = xstrdup(rel);
	}
	memcpy((*files)[i].sha, sha, 65);
	(*files)[i].size = size;
}

static int
hash_into(const char *dir, const char *rel, struct mfile **files, size_t *n,
    size_t *cap, size_t from)
{
	char *path = xasprintf("%s/%s", dir, rel), sha[65];
	struct stat st;
	int r;

	if ((r = rp_sha256_file(path, sha)) == 0 && stat(path, &st) == 0)
		add_mfile(files, n, cap, from, rel, sha, (size_t)st.st_size);
	free(path);
	return r;
}

int
rp_bundle_put_target(struct rp_bundle_writer *w, const struct rp_target_ev *t,
    char **cause)
{
	struct mfile *files = NULL;
	json_t *j;
	char *d, *path, *rel;
	size_t i, k, from, nf = 0, af = 0;
	int r;

	if (!rp_valid_id(t->id))
		return rp_fail(cause, RP_ERR_INVALID, "invalid target id '%s'",
		    t->id);
	d = xasprintf("%s/targets/%s", w->dir, t->id);
	if (mkdirs(d) != 0) {
		r = rp_fail(cause, RP_ERR_IO, "cannot create '%s': %s", d,
		    strerror(errno));
		free(d);
		return r;
	}
	path = xasprintf("%s/target.json", d);
	j = target_json(t);
	r = write_json(path, j, cause);
	json_decref(j);
	free(path);
	free(d);
	if (r != 0)
		return r;
	/* hashed outside the lock: the other workers go on meanwhile */
	rel = xasprintf("targets/%s/target.json", t->id);
	r = hash_into(w->dir, rel, &files, &nf, &af, 0);
	free(rel);
	for (i = 0; r == 0 && i < t->nprobes; i++) {
		if (t->probes[i].file == NULL)
			continue;
		rel = xasprintf("targets/%s/%s", t->id, t->probes[i].file);
		r = hash_into(w->dir, rel, &files, &nf, &af, 0);
		free(rel);
	}
	pthread_mutex_lock(&w->lock);
	for (i = 0; i < w->ntargets; i++)
		if (strcmp(w->targets[i], t->id) == 0)
			break;
	/* a target put again: its files may be listed already */
	from = i < w->ntargets ? 0 : w->nfiles;
	for (k = 0; k < nf; k++)
		add_mfile(&w->files, &w->nfiles, &w->afiles, from,
		    files[k].path, files[k].sha, files[k].size);
	if (i == w->ntargets) {
		XGROW(w->targets, w->atargets, w->ntargets);
		w->targets[w->ntargets++] = xstrdup(t->id);
	}
	if (r != 0)
		rp_fail(cause, r, "cannot hash the evidence of '%s'", t->id);
	else if (rp_bundle_manifest_due(w->ntargets, w->mf_targets,
	    mono_ms() - w->mf_ms))
		r = write_manifest(w, 0, 1, cause);
	pthread_mutex_unlock(&w->lock);
	for (k = 0; k < nf; k++)
		free(files[k].path);
	free(files);
	return r;
}

static void
writer_free(struct rp_bundle_writer *w)
{
	size_t i;

	for (i = 0; i < w->nbaselines; i++)
		free(w->baselines[i]);
	free(w->baselines);
	for (i = 0; i < w->ntargets; i++)
		free(w->targets[i]);
	free(w->targets);
	for (i = 0; i < w->nfiles; i++)
		free(w->files[i].path);
	free(w->files);
	pthread_mutex_destroy(&w->lock);
	free(w->dir);
	free(w);
}

int
rp_bundle_finish(struct rp_bundle_writer *w, int partial, char **cause)
{
	int r;

	if (w == NULL)
		return 0;
	pthread_mutex_lock(&w->lock);
	r = write_manifest(w, time(NULL), partial, cause);
	pthread_mutex_unlock(&w->lock);
	writer_free(w);
	return r;
}

/*
 * Every file under DIR/targets, as paths relative to DIR. A directory that
 * cannot be listed is an error (its relative path in *unreadable, owned):
 * skipping it would leave files nobody verified.
 */
static int
walk(const char *dir, const char *rel, int depth, char ***v, size_t *n,
    size_t *cap, char **unreadable)
{
	char *path = xasprintf("%s/%s", dir, rel), *sub;
	struct dirent *de;
	struct stat st;
	DIR *d;
	int r = 0;

	if ((d = opendir(path)) == NULL) {
		free(path);
		if (errno == ENOENT && depth == 0)
			return 0;	/* no targets/ at all */
		if (*unreadable == NULL)
			*unreadable = xstrdup(rel);
		return RP_ERR_IO;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		sub = xasprintf("%s/%s", rel, de->d_name);
		free(path);
		path = xasprintf("%s/%s", dir, sub);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth < 4) {
			if (walk(dir, sub, depth + 1, v, n, cap,
			    unreadable) != 0)
				r = RP_ERR_IO;
			free(sub);
		} else {
			XGROW(*v, *cap, *n);
			(*v)[(*n)++] = sub;
		}
	}
	closedir(d);
	free(path);
	return r;
}

int
rp_bundle_seal(const char *dir, int partial, char **cause)
{
	struct mfile *files = NULL;
	char **paths = NULL, **targets = NULL, *s;
	size_t np = 0, ap = 0, nf = 0, af = 0, nt = 0, at = 0, i;
	json_t *m;
	char *mp;
	char *unreadable = NULL;
	int r = 0;

	if (walk(dir, "targets", 0, &paths, &np, &ap, &unreadable) != 0) {
		r = rp_fail(cause, RP_ERR_IO, "cannot list '%s/%s': nothing "
		    "sealed", dir, unreadable);
		free(unreadable);
		for (i = 0; i < np; i++)
			free(paths[i]);
		free(paths);
		return r;
	}
	if (np == 0)
		return rp_fail(cause, RP_ERR_INVALID, "'%s/targets' holds no "
		    "file to seal", dir);
	qsort(paths, np, sizeof(*paths), rp_cmp_str);
	for (i = 0; i < np && r == 0; i++) {
		/* the walk's paths are distinct: nothing to search */
		r = hash_into(dir, paths[i], &files, &nf, &af, nf);
		s = paths[i] + strlen("targets/");
		if (strcmp(strchr(s, '/') ? strchr(s, '/') : "",
		    "/target.json") == 0) {
			XGROW(targets, at, nt);
			targets[nt++] = xstrndup(s, (size_t)(strchr(s, '/') - s));
		}
	}
	if (r == 0) {
		m = manifest_json(NULL, 0, targets, nt, files, nf, 0, 0,
		    partial);
		mp = xasprintf("%s/manifest.json", dir);
		r = write_json(mp, m, cause);
		free(mp);
		json_decref(m);
	} else
		rp_fail(cause, r, "cannot hash the files of '%s'", dir);
	for (i = 0; i < np; i++)
		free(paths[i]);
	free(paths);
	for (i = 0; i < nf; i++)
		free(files[i].path);
	free(files);
	for (i = 0; i < nt; i++)
		free(targets[i]);
	free(targets);
	return r;
}

static int
load_manifest(const char *dir, json_t **out, char **cause)
{
	char *path = xasprintf("%s/manifest.json", dir);
	json_t *m;
	const char *fmt;

	if ((m = rp_json_load_file(path, RP_JSON_MAX_READ, cause)) == NULL) {
		free(path);
		return RP_ERR_PARSE;
	}
	fmt = json_string_value(json_object_get(m, "format"));
	if (fmt == NULL || strcmp(fmt, RP_EVIDENCE_FORMAT) != 0) {
		rp_fail(cause, RP_ERR_INVALID, "%s: not a rempart evidence "
		    "manifest (format '%s', expected '%s')", path,
		    fmt ? fmt : "none", RP_EVIDENCE_FORMAT);
		free(path);
		json_decref(m);
		return RP_ERR_INVALID;
	}
	free(path);
	*out = m;
	return 0;
}

static int
safe_rel(const char *p)
{
	return p != NULL && p[0] != '/' && strstr(p, "..") == NULL;
}

/*
 * A manifest entry: under targets/, and reached without a symbolic link
 * in any directory on the way (the file itself is opened O_NOFOLLOW).
 */
static int
nolink_rel(const char *dir, const char *p, const char *prefix)
{
	char *full, *s;
	struct stat st;
	int ok = 1;

	if (!safe_rel(p) || strncmp(p, prefix, strlen(prefix)) != 0)
		return 0;
	full = xasprintf("%s/%s", dir, p);
	for (s = full + strlen(dir) + 1; ok && (s = strchr(s, '/')) != NULL;
	    s++) {
		*s = '\0';
		if (lstat(full, &st) == 0 && !S_ISDIR(st.st_mode))
			ok = 0;
		*s = '/';
	}
	free(full);
	return ok;
}

static int
manifest_rel(const char *dir, const char *p)
{
	return nolink_rel(dir, p, "targets/");
}

int
rp_bundle_verify(const char *dir, rp_verify_cb cb, void *arg, char **cause)
{
	json_t *m, *files, *f;
	char **paths = NULL, **hit, sha[65], *full, *unreadable = NULL;
	size_t np = 0, ap = 0, i, j;
	int r, bad = 0, *seen;

	if ((r = load_manifest(dir, &m, cause)) != 0)
		return r;
	if (walk(dir, "targets", 0, &paths, &np, &ap, &unreadable) != 0) {
		/* what it holds cannot be compared with the manifest */
		cb("unreadable", unreadable, arg);
		free(unreadable);
		bad++;
	}
	seen = xcalloc(np ? np : 1, sizeof(*seen));
	if (np > 1)
		qsort(paths, np, sizeof(*paths), rp_cmp_str);
	files = json_object_get(m, "files");
	json_array_foreach(files, i, f) {
		const char *p = json_string_value(json_object_get(f, "path"));
		const char *h = json_string_value(json_object_get(f, "sha256"));

		if (!manifest_rel(dir, p) || h == NULL) {
			cb("invalid", p ? p : "(no path)", arg);
			bad++;
			continue;
		}
		/* paths sorted: a bundle of 1,000 targets has 10,000+ files */
		if ((hit = np ? bsearch(&p, paths, np, sizeof(*paths),
		    rp_cmp_str) : NULL) != NULL)
			seen[hit - paths] = 1;
		full = xasprintf("%s/%s", dir, p);
		if (rp_sha256_file(full, sha) != 0) {
			cb("missing", p, arg);
			bad++;
		} else if (strcmp(sha, h) != 0) {
			cb("changed", p, arg);
			bad++;
		}
		free(full);
	}
	/* a merged bundle: the sources' manifests it keeps */
	json_array_foreach(json_object_get(m, "provenance"), i, f) {
		const char *p = json_string_value(json_object_get(f,
		    "manifest"));
		const char *h = json_string_value(json_object_get(f,
		    "manifest_sha256"));

		if (p == NULL || h == NULL ||
		    !nolink_rel(dir, p, "sources/")) {
			cb("invalid", p ? p : "(no provenance manifest)", arg);
			bad++;
			continue;
		}
		full = xasprintf("%s/%s", dir, p);
		if (rp_sha256_file(full, sha) != 0) {
			cb("missing", p, arg);
			bad++;
		} else if (strcmp(sha, h) != 0) {
			cb("changed", p, arg);
			bad++;
		}
		free(full);
	}
	for (j = 0; j < np; j++) {
		if (!seen[j]) {
			cb("added", paths[j], arg);
			bad++;
		}
		free(paths[j]);
	}
	free(paths);
	free(seen);
	json_decref(m);
	return bad ? RP_ERR_TAMPERED : 0;
}

static char *
jdup(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? xstrdup(s) : NULL;
}

static time_t
jgettime(json_t *o, const char *key)
{
	time_t t = 0;
	const char *s = json_string_value(json_object_get(o, key));

	if (s != NULL && rp_parse_time(s, &t) != 0)
		t = 0;
	return t;
}

/*
 * Mapped probe files. A file truncated while it is mapped (another process
 * rewriting the evidence during an evaluation) makes reading its lost pages
 * raise SIGBUS. Reading every file into memory instead would hold them all
 * at once (evaluation gives a mapped file's pages back once parsed: see
 * rp_probe_drop_pages), and freeing a read copy once parsed would change
 * what po->data means for every evaluator. So the files stay mapped, and a
 * SIGBUS on one of them ends the run with an error naming the file, exit 2
 * as for evidence that does not match its manifest: the bundle was
 * verified against its manifest when read (rp_bundle_read), and what the
 * evaluation reads now is not that evidence any more. A SIGBUS elsewhere
 * gets the previous disposition.
 *
 * The table changes when probes are loaded or released (under maps_lock),
 * never while their data is read; the handler only reads it.
 */
struct pmap {
	const char	*addr;
	size_t		 len;		/* whole pages: the NUL after the end */
	char		*path;
};

static pthread_mutex_t maps_lock = PTHREAD_MUTEX_INITIALIZER;
static struct pmap *volatile maps;
static volatile size_t nmaps;
static size_t amaps;
static struct sigaction old_bus;

static void
put_err(const char *s)
{
	ssize_t r = write(STDERR_FILENO, s, strlen(s));

	(void)r;
}

static void
on_sigbus(int sig, siginfo_t *si, void *uc)
{
	const char *a = si->si_addr;
	size_t i, n = nmaps;

	(void)uc;
	for (i = 0; si->si_code > 0 && i < n; i++) {
		if (a < maps[i].addr || a - maps[i].addr >=
		    (ptrdiff_t)maps[i].len)
			continue;
		put_err("rempart: error: '");
		put_err(maps[i].path);
		put_err("' was truncated while the evaluation read it: the "
		    "evidence changed after it was verified (run 'rempart "
		    "evidence verify')\n");
		_exit(2);
	}
	/* not a probe file: as before this handler */
	sigaction(sig, &old_bus, NULL);
	if (si->si_code <= 0)
		raise(sig);
}

/*
 * Called with maps_lock held, for every file mapped: a handler set since
 * (a test harness's) becomes the previous one.
 */
static void
bus_install(void)
{
	struct sigaction sa, cur;

	if (sigaction(SIGBUS, NULL, &cur) != 0 ||
	    ((cur.sa_flags & SA_SIGINFO) && cur.sa_sigaction == on_sigbus))
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigbus;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	old_bus = cur;
	(void)sigaction(SIGBUS, &sa, NULL);
}

static void
map_register(const char *addr, size_t len, const char *path)
{
	struct pmap *grown, *old;
	size_t n;

	pthread_mutex_lock(&maps_lock);
	bus_install();
	n = nmaps;
	if (n == amaps) {
		/* a new table, published whole: the handler never sees
		 * one being resized */
		amaps = amaps ? 2 * amaps : 64;
		grown = xcalloc(amaps, sizeof(*grown));
		if (n > 0)
			memcpy(grown, maps, n * sizeof(*grown));
		old = maps;
		maps = grown;
		free(old);
	}
	maps[n].addr = addr;
	maps[n].len = len;
	maps[n].path = xstrdup(path);
	nmaps = n + 1;
	pthread_mutex_unlock(&maps_lock);
}

static void
map_unregister(const char *addr)
{
	size_t i;
	char *path;

	pthread_mutex_lock(&maps_lock);
	for (i = 0; i < nmaps; i++) {
		if (maps[i].addr != addr)
			continue;
		path = maps[i].path;
		maps[i] = maps[nmaps - 1];
		nmaps--;
		free(path);
		break;
	}
	pthread_mutex_unlock(&maps_lock);
}

/*
 * A probe file, read-only: mapped when its size leaves room for the NUL
 * the kernel puts after the end (not a multiple of the page size), else
 * read into memory. Mapping costs no copy, and the pages a check never
 * reads are never loaded. *mapped: the mapping's length, 0 if read.
 */
static int
read_file(const char *path, size_t max, char **data, size_t *len,
    size_t *mapped)
{
	long page = sysconf(_SC_PAGESIZE);
	void *m;
	char *buf;
	size_t n = 0, size = 0;
	ssize_t k;
	int fd;

	*mapped = 0;
	/* a regular file within the cap: no FIFO, device or symlink */
	if ((fd = rp_file_open(path, max, &size)) < 0)
		return fd;
	if (size > 0 && page > 0 && size % (size_t)page != 0) {
		m = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m != MAP_FAILED) {
			close(fd);
			map_register(m, (size + (size_t)page - 1) /
			    (size_t)page * (size_t)page, path);
			*data = m;
			*len = size;
			*mapped = size;
			return 0;
		}
	}
	buf = xmalloc(size + 1);
	while (n < size) {
		k = read(fd, buf + n, size - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {	/* an error, not an end: never half a file */
			int e = errno;

			close(fd);
			free(buf);
			errno = e;	/* for rp_file_error */
			return RP_ERR_IO;
		}
		if (k == 0)
			break;	/* shrank meanwhile: what was there */
		n += (size_t)k;
	}
	close(fd);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

/*
 * One probe of target.json. A probe file that cannot be read (over the
 * cap, not a regular file) is that probe's error, and 1 is returned (the
 * target is partial): one hostile target never blocks the others.
 */
static int
load_probe(const char *tdir, json_t *p, struct rp_probe_out *po,
    const char *path, char **cause)
{
	const char *st;
	char *full;
	int r;

	po->probe = jdup(p, "id");
	st = json_string_value(json_object_get(p, "status"));
	if (po->probe == NULL || !rp_valid_id(po->probe) ||
	    rp_pstatus_parse(st) < 0)
		return rp_fail(cause, RP_ERR_PARSE, "%s: probe entry without "
		    "a valid id and status", path);
	po->status = (enum rp_pstatus)rp_pstatus_parse(st);
	po->exit_code = (int)json_integer_value(json_object_get(p, "exit"));
	po->started = json_is_true(json_object_get(p, "started"));
	po->duration_ms = (long)json_integer_value(json_object_get(p,
	    "duration_ms"));
	po->bytes = (size_t)json_integer_value(json_object_get(p, "bytes"));
	po->file = jdup(p, "file");
	po->detail = jdup(p, "detail");
	if (po->file == NULL)
		return 0;
	if (!safe_rel(po->file) || strncmp(po->file, "probes/", 7) != 0)
		return rp_fail(cause, RP_ERR_PARSE, "%s: probe '%s': unsafe "
		    "file name", path, po->probe);
	full = xasprintf("%s/%s", tdir, po->file);
	if ((r = read_file(full, RP_PROBE_MAX_READ, &po->data, &po->len,
	    &po->mapped)) != 0) {
		po->data = NULL;
		po->len = 0;
		po->status = RP_PS_ERROR;
		free(po->detail);
		po->detail = rp_file_error(po->file, r, RP_PROBE_MAX_READ);
		free(full);
		return 1;
	}
	free(full);
	return 0;
}

void
rp_target_set_groups(struct rp_target_ev *t, char *const *groups, size_t n)
{
	size_t i;

	t->groups = xcalloc(n + 1, sizeof(*t->groups));
	for (i = 0; i < n && i < RP_TARGET_MAX_GROUPS; i++)
		t->groups[t->ngroups++] = xstrdup(groups[i]);
}

/* "groups": absent (older bundles) or at most 256 valid ids. */
static int
read_groups(json_t *j, struct rp_target_ev *t, const char *path,
    char **cause)
{
	json_t *g = json_object_get(j, "groups"), *v;
	size_t i;

	if (g == NULL || json_is_null(g))
		return 0;
	if (!json_is_array(g) || json_array_size(g) > RP_TARGET_MAX_GROUPS)
		return rp_fail(cause, RP_ERR_PARSE, "%s: \"groups\" is not "
		    "an array of at most %d group names", path,
		    RP_TARGET_MAX_GROUPS);
	t->groups = xcalloc(json_array_size(g) + 1, sizeof(*t->groups));
	json_array_foreach(g, i, v) {
		if (!rp_valid_id(json_string_value(v)))
			return rp_fail(cause, RP_ERR_PARSE, "%s: groups[%zu] is "
			    "not a group name (letters, digits, '.', '_', "
			    "'-')", path, i);
		t->groups[t->ngroups++] = xstrdup(json_string_value(v));
	}
	return 0;
}

static int
load_target(const char *dir, const char *id, struct rp_target_ev *t,
    char **cause)
{
	char *tdir, *path;
	json_t *j, *probes, *p, *ident;
	size_t i;
	int r = 0, k;

	memset(t, 0, sizeof(*t));
	if (!rp_valid_id(id))
		return rp_fail(cause, RP_ERR_PARSE, "%s/manifest.json: "
		    "invalid target id", dir);
	tdir = xasprintf("%s/targets/%s", dir, id);
	path = xasprintf("%s/target.json", tdir);
	if ((j = rp_json_load_file(path, RP_JSON_MAX_READ, cause)) == NULL) {
		r = RP_ERR_PARSE;
		goto out;
	}
	t->id = xstrdup(id);
	/* the folder (the manifest's id) and the file name one target */
	if (json_string_value(json_object_get(j, "id")) == NULL ||
	    strcmp(json_string_value(json_object_get(j, "id")), id) != 0) {
		const char *said = json_string_value(json_object_get(j, "id"));

		r = rp_fail(cause, RP_ERR_PARSE, "%s names target '%s', its "
		    "folder and the manifest '%s'", path, said != NULL &&
		    rp_valid_id(said) ? said : "(no valid id)", id);
		goto out;
	}
	k = rp_kind_parse(json_string_value(json_object_get(j, "kind")));
	if (k < 0) {
		r = rp_fail(cause, RP_ERR_PARSE, "%s: unknown kind", path);
		goto out;
	}
	t->kind = (enum rp_kind)k;
	t->address = jdup(j, "address");
	t->port = (int)json_integer_value(json_object_get(j, "port"));
	t->user = jdup(j, "user");
	t->role = jdup(j, "role");
	if ((r = read_groups(j, t, path, cause)) != 0)
		goto out;
	k = rp_tstatus_parse(json_string_value(json_object_get(j, "status")));
	t->status = k < 0 ? RP_TS_ERROR : (enum rp_tstatus)k;
	t->error = jdup(j, "error");
	ident = json_object_get(j, "identity");
	t->hostkey = jdup(ident, "hostkey");
	t->server = jdup(ident, "server");
	t->naming_context = jdup(ident, "naming_context");
	t->elevated = json_is_true(json_object_get(j, "elevated"));
	t->auth = jdup(j, "auth");
	t->elevation = jdup(j, "elevation");
	t->started = jgettime(j, "started_at");
	t->finished = jgettime(j, "finished_at");
	probes = json_object_get(j, "probes");
	t->probes = xcalloc(json_array_size(probes) + 1, sizeof(*t->probes));
	json_array_foreach(probes, i, p) {
		r = load_probe(tdir, p, &t->probes[t->nprobes++], path, cause);
		if (r == 1) {
			if (t->status == RP_TS_OK)
				t->status = RP_TS_PARTIAL;
			r = 0;
		}
		if (r != 0)
			break;
	}
out:
	json_decref(j);
	free(path);
	free(tdir);
	return r;
}

/*
 * What a selection reads of a target before its probes are loaded: the
 * id (the folder's, checked against its target.json as load_target does)
 * and the inventory groups, in t.
 */
static int
peek_target(const char *dir, const char *id, struct rp_target_ev *t,
    char **cause)
{
	const char *said;
	char *path;
	json_t *j;
	int r = 0;

	memset(t, 0, sizeof(*t));
	if (!rp_valid_id(id))
		return rp_fail(cause, RP_ERR_PARSE, "%s/manifest.json: "
		    "invalid target id", dir);
	path = xasprintf("%s/targets/%s/target.json", dir, id);
	if ((j = rp_json_load_file(path, RP_JSON_MAX_READ, cause)) == NULL) {
		r = RP_ERR_PARSE;
		goto out;
	}
	t->id = xstrdup(id);
	said = json_string_value(json_object_get(j, "id"));
	if (said == NULL || strcmp(said, id) != 0) {
		r = rp_fail(cause, RP_ERR_PARSE, "%s names target '%s', its "
		    "folder and the manifest '%s'", path, said != NULL &&
		    rp_valid_id(said) ? said : "(no valid id)", id);
		goto out;
	}
	r = read_groups(j, t, path, cause);
out:
	json_decref(j);
	free(path);
	return r;
}

static void
ignore_cb(const char *what, const char *path, void *arg)
{
	char **first = arg;

	if (*first == NULL)
		*first = xasprintf("%s %s", what, path);
}

static int
cmp_target_id(const void *a, const void *b)
{
	const struct rp_target_ev *x = a, *y = b;

	return strcmp(x->id, y->id);
}

/* A string of the manifest shown in reports: printable, bounded. */
static char *
jshown(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	size_t i;

	if (s == NULL)
		return NULL;
	for (i = 0; s[i]; i++)
		if (i >= 512 || (unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return xstrdup("(invalid)");
	return xstrdup(s);
}

/* The "provenance" of a merged bundle (verified with its files). */
static int
read_provenance(const char *dir, json_t *m, struct rp_bundle *b,
    char **cause)
{
	json_t *a = json_object_get(m, "provenance"), *p;
	struct rp_provenance *v;
	size_t i;

	if (a == NULL || json_is_null(a))
		return 0;
	if (!json_is_array(a) || json_array_size(a) > RP_PROVENANCE_MAX)
		return rp_fail(cause, RP_ERR_PARSE, "%s/manifest.json: "
		    "\"provenance\" is not an array of at most %d sources",
		    dir, RP_PROVENANCE_MAX);
	b->prov = xcalloc(json_array_size(a) + 1, sizeof(*b->prov));
	json_array_foreach(a, i, p) {
		v = &b->prov[b->nprov++];
		v->source = jshown(p, "source");
		v->manifest = jshown(p, "manifest");
		v->tool_version = jshown(json_object_get(p, "tool"),
		    "version");
		v->host = jshown(json_object_get(p, "collector"), "host");
		v->started = jgettime(p, "started_at");
		v->finished = jgettime(p, "finished_at");
		v->partial = json_is_true(json_object_get(p, "partial"));
		v->ntargets = json_array_size(json_object_get(p, "targets"));
		v->nsuperseded = json_array_size(json_object_get(p,
		    "superseded"));
	}
	return 0;
}

/*
 * The targets of manifest m that filter keeps (NULL: all) into b. The
 * filter sees every target's id and groups, sorted by id, before any
 * probe is read.
 */
static int
read_targets(const char *dir, json_t *m, rp_target_filter filter, void *arg,
    struct rp_bundle *b, char **cause)
{
	json_t *a = json_object_get(m, "targets"), *v;
	struct rp_target_ev *heads = NULL;
	unsigned char *keep = NULL;
	size_t i, nh = 0;
	int r = 0;

	b->targets = xcalloc(json_array_size(a) + 1, sizeof(*b->targets));
	if (filter == NULL) {
		json_array_foreach(a, i, v) {
			r = load_target(dir, json_string_value(v) ?
			    json_string_value(v) : "",
			    &b->targets[b->ntargets++], cause);
			if (r != 0)
				return r;
		}
		return 0;
	}
	heads = xcalloc(json_array_size(a) + 1, sizeof(*heads));
	json_array_foreach(a, i, v) {
		r = peek_target(dir, json_string_value(v) ?
		    json_string_value(v) : "", &heads[nh++], cause);
		if (r != 0)
			goto out;
	}
	qsort(heads, nh, sizeof(*heads), cmp_target_id);
	keep = xcalloc(nh + 1, 1);
	if ((r = filter(heads, nh, keep, arg, cause)) != 0)
		goto out;
	for (i = 0; i < nh && r == 0; i++)
		if (keep[i])
			r = load_target(dir, heads[i].id,
			    &b->targets[b->ntargets++], cause);
out:
	for (i = 0; i < nh; i++)
		rp_target_release(&heads[i]);
	free(heads);
	free(keep);
	return r;
}

int
rp_bundle_read(const char *dir, struct rp_bundle **out, char **cause)
{
	return rp_bundle_read_filtered(dir, NULL, NULL, out, cause);
}

int
rp_bundle_read_filtered(const char *dir, rp_target_filter filter, void *arg,
    struct rp_bundle **out, char **cause)
{
	struct rp_bundle *b;
	json_t *m = NULL, *a, *v;
	char *first = NULL;
	size_t i;
	int r;

	r = rp_bundle_verify(dir, ignore_cb, &first, cause);
	if (r == RP_ERR_TAMPERED) {
		rp_fail(cause, r, "evidence '%s' does not match its manifest: "
		    "%s (run 'rempart evidence verify %s')", dir, first, dir);
		free(first);
		return r;
	}
	free(first);
	if (r != 0)
		return r;
	if ((r = load_manifest(dir, &m, cause)) != 0)
		return r;
	b = xcalloc(1, sizeof(*b));
	b->dir = xstrdup(dir);
	b->tool_version = jdup(json_object_get(m, "tool"), "version");
	b->host = jdup(json_object_get(m, "collector"), "host");
	if ((r = read_provenance(dir, m, b, cause)) != 0) {
		json_decref(m);
		rp_bundle_free(b);
		return r;
	}
	b->started = jgettime(m, "started_at");
	b->finished = jgettime(m, "finished_at");
	b->partial = json_is_true(json_object_get(m, "partial"));
	a = json_object_get(m, "baselines");
	b->baselines = xcalloc(json_array_size(a) + 1, sizeof(char *));
	json_array_foreach(a, i, v)
		if (json_string_value(v))
			b->baselines[b->nbaselines++] =
			    xstrdup(json_string_value(v));
	r = read_targets(dir, m, filter, arg, b, cause);
	json_decref(m);
	if (r != 0) {
		rp_bundle_free(b);
		return r;
	}
	/* by id: the manifest lists them in the order they finished */
	qsort(b->targets, b->ntargets, sizeof(*b->targets), cmp_target_id);
	*out = b;
	return 0;
}

void
rp_target_release(struct rp_target_ev *t)
{
	size_t i;

	if (t == NULL)
		return;
	free(t->id);
	free(t->address);
	free(t->user);
	free(t->role);
	for (i = 0; i < t->ngroups; i++)
		free(t->groups[i]);
	free(t->groups);
	free(t->error);
	free(t->hostkey);
	free(t->server);
	free(t->naming_context);
	free(t->auth);
	free(t->elevation);
	for (i = 0; i < t->nprobes; i++) {
		free(t->probes[i].probe);
		free(t->probes[i].file);
		free(t->probes[i].detail);
		if (t->probes[i].mapped) {
			map_unregister(t->probes[i].data);
			munmap(t->probes[i].data, t->probes[i].mapped);
		}
		else
			free(t->probes[i].data);
	}
	free(t->probes);
	memset(t, 0, sizeof(*t));
}

void
rp_bundle_free(struct rp_bundle *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->ntargets; i++)
		rp_target_release(&b->targets[i]);
	free(b->targets);
	for (i = 0; i < b->nbaselines; i++)
		free(b->baselines[i]);
	free(b->baselines);
	free(b->tool_version);
	free(b->host);
	for (i = 0; i < b->nprov; i++) {
		free(b->prov[i].source);
		free(b->prov[i].manifest);
		free(b->prov[i].tool_version);
		free(b->prov[i].host);
	}
	free(b->prov);
	free(b->dir);
	free(b);
}

void
rp_probe_drop_pages(const struct rp_probe_out *po)
{
	if (po != NULL && po->mapped)
		(void)madvise(po->data, po->mapped, MADV_DONTNEED);
}

const struct rp_probe_out *
rp_target_probe(const struct rp_target_ev *t, const char *probe)
{
	size_t i;

	for (i = 0; i < t->nprobes; i++)
		if (strcmp(t->probes[i].probe, probe) == 0)
			return &t->probes[i];
	return NULL;
}
