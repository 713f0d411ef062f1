/*
 * merge.c -- several sealed bundles (one per site, per shard) into one:
 * each verified against its manifest, their target directories copied and
 * hashed again, each source's manifest kept as provenance.
 *
 *   OUT/manifest.json                 targets and files of every source,
 *                                     "provenance": one entry per source
 *   OUT/sources/N/manifest.json       source N's manifest, as it was
 *   OUT/targets/<id>/...              as in the source it was taken from
 *
 * docs/evidence-format.md ("Merged bundles") documents it.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

#define MANIFEST_MAX	(64u * 1024 * 1024)
#define MERGE_MAX_SOURCES	RP_PROVENANCE_MAX

struct src {
	const char	*dir;
	json_t		*manifest;
	char		 sha[65];	/* of its manifest.json */
	time_t		 started, finished;
	size_t		 kept, superseded;
	json_t		*superseded_list;
};

/* One target of one source. */
struct entry {
	const char	*id;
	size_t		 src;
	time_t		 done;		/* its collection's end (target.json) */
	int		 dropped;
};

struct outfile {
	char		*path;
	char		 sha[65];
	size_t		 size;
};

struct merge {
	const char	*out;
	struct src	*srcs;
	size_t		 nsrcs;
	struct entry	*ents;
	size_t		 nents, aents;
	struct outfile	*files;
	size_t		 nfiles, afiles;
	rp_merge_note_cb note;
	void		*arg;
};

static time_t
jtime_of(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	time_t t = 0;

	if (s == NULL || rp_parse_time(s, &t) != 0)
		return 0;
	return t;
}

static void
say(struct merge *m, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
say(struct merge *m, const char *fmt, ...)
{
	va_list ap;
	char msg[2048];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (m->note != NULL)
		m->note(msg, m->arg);
}

/* Verify source i, load its manifest and list its targets. */
static int
load_source(struct merge *m, size_t i, rp_verify_cb cb, char **cause)
{
	struct src *s = &m->srcs[i];
	char *path;
	json_t *tj, *v;
	size_t k, j;
	int r;

	r = rp_bundle_verify(s->dir, cb, m->arg, cause);
	if (r == RP_ERR_TAMPERED)
		return rp_fail(cause, r, "evidence '%s' does not match its "
		    "manifest: nothing merged", s->dir);
	if (r != 0)
		return r;
	path = xasprintf("%s/manifest.json", s->dir);
	s->manifest = rp_json_load_file(path, MANIFEST_MAX, cause);
	r = s->manifest == NULL ? RP_ERR_PARSE : 0;
	if (r == 0 && rp_sha256_file(path, s->sha) != 0)
		r = rp_fail(cause, RP_ERR_IO, "cannot read '%s'", path);
	free(path);
	if (r != 0)
		return r;
	if (json_is_true(json_object_get(s->manifest, "partial")))
		say(m, "'%s' is partial (an interrupted collection or a target "
		    "not fully collected): the merged bundle is partial too",
		    s->dir);
	s->started = jtime_of(s->manifest, "started_at");
	s->finished = jtime_of(s->manifest, "finished_at");
	s->superseded_list = json_array();
	json_array_foreach(json_object_get(s->manifest, "targets"), k, v) {
		const char *id = json_string_value(v);

		if (!rp_valid_id(id))
			return rp_fail(cause, RP_ERR_PARSE, "%s/manifest.json: "
			    "targets[%zu] is not a target id", s->dir, k);
		for (j = 0; j < m->nents; j++)
			if (m->ents[j].src == i &&
			    strcmp(m->ents[j].id, id) == 0)
				return rp_fail(cause, RP_ERR_PARSE,
				    "%s/manifest.json: target '%s' listed "
				    "twice", s->dir, id);
		path = xasprintf("%s/targets/%s/target.json", s->dir, id);
		tj = rp_json_load_file(path, MANIFEST_MAX, cause);
		free(path);
		if (tj == NULL)
			return RP_ERR_PARSE;
		if (json_string_value(json_object_get(tj, "id")) == NULL ||
		    strcmp(json_string_value(json_object_get(tj, "id")),
		    id) != 0) {
			json_decref(tj);
			return rp_fail(cause, RP_ERR_PARSE, "%s/targets/%s/"
			    "target.json names another target than its folder "
			    "and the manifest: nothing merged", s->dir, id);
		}
		XGROW(m->ents, m->aents, m->nents);
		m->ents[m->nents].id = id;	/* owned by s->manifest */
		m->ents[m->nents].src = i;
		m->ents[m->nents].done = jtime_of(tj, "finished_at");
		if (m->ents[m->nents].done == 0)
			m->ents[m->nents].done = jtime_of(tj, "started_at");
		if (m->ents[m->nents].done == 0)
			m->ents[m->nents].done = s->finished;
		m->ents[m->nents].dropped = 0;
		m->nents++;
		json_decref(tj);
	}
	return 0;
}

static char *
stamp(time_t t, char *buf, size_t len)
{
	if (t == 0)
		snprintf(buf, len, "unknown time");
	else
		rp_format_time(t, buf, len);
	return buf;
}

static int
cmp_entry(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	int c = strcasecmp(a->id, b->id);

	if (c != 0)
		return c;
	return a->src < b->src ? -1 : a->src > b->src;
}

/*
 * A target in two sources: refused (the first by id named, with how many
 * more), or the newer kept (said). Ids that differ only in case name one
 * host (host names are not case-sensitive): two such targets would count
 * it twice, so they are duplicates too, and the refusal says why.
 */
static int
resolve_duplicates(struct merge *m, int prefer_newest, char **cause)
{
	struct entry *a, *b, *lose, *win;
	char ta[32], tb[32];
	size_t i, j, dups = 0, first = 0;

	if (m->nents > 1)
		qsort(m->ents, m->nents, sizeof(*m->ents), cmp_entry);
	if (!prefer_newest) {
		for (i = 0; i + 1 < m->nents; i++)
			if (strcasecmp(m->ents[i].id, m->ents[i + 1].id) == 0 &&
			    (i == 0 || strcasecmp(m->ents[i - 1].id,
			    m->ents[i].id) != 0) && dups++ == 0)
				first = i;
		if (dups == 0)
			return 0;
		a = &m->ents[first];
		b = &m->ents[first + 1];
		if (strcmp(a->id, b->id) != 0)
			return rp_fail(cause, RP_ERR_INVALID, "target '%s' in "
			    "'%s' and target '%s' in '%s' differ only in "
			    "case: one host under two names%s; name it the "
			    "same way in both inventories, or --prefer newest "
			    "to keep the latest collection of each", a->id,
			    m->srcs[a->src].dir, b->id, m->srcs[b->src].dir,
			    dups > 1 ? " (and more targets in two bundles)" :
			    "");
		return rp_fail(cause, RP_ERR_INVALID, "target '%s' is in '%s' "
		    "and in '%s'%s: give each target once, or --prefer "
		    "newest to keep the latest collection of each", a->id,
		    m->srcs[a->src].dir, m->srcs[b->src].dir, dups > 1 ?
		    " (and more targets in two bundles)" : "");
	}
	for (i = 0; i < m->nents; i++) {
		a = &m->ents[i];
		for (j = i + 1; j < m->nents && !a->dropped; j++) {
			b = &m->ents[j];
			if (b->dropped || strcasecmp(a->id, b->id) != 0)
				continue;
			/* the later end wins; at equal times, the later
			 * bundle on the command line */
			win = b->done >= a->done ? b : a;
			lose = win == b ? a : b;
			lose->dropped = 1;
			m->srcs[lose->src].superseded++;
			json_array_append_new(m->srcs[lose->src].superseded_list,
			    json_pack("{s:s, s:s}", "target", lose->id, "by",
			    m->srcs[win->src].dir));
			say(m, "--prefer newest: target '%s' taken from '%s' "
			    "(collected %s), not from '%s' (%s)", win->id,
			    m->srcs[win->src].dir, stamp(win->done, ta,
			    sizeof(ta)), m->srcs[lose->src].dir,
			    stamp(lose->done, tb, sizeof(tb)));
			if (strcmp(win->id, lose->id) != 0)
				say(m, "--prefer newest: '%s' and '%s' differ "
				    "only in case: taken as one host, named "
				    "'%s'", lose->id, win->id, win->id);
			dups++;
		}
	}
	(void)dups;
	return 0;
}

/* mkdir -p of the directories of rel under out (each new, ours). */
static int
make_parents(const char *out, const char *rel, char **cause)
{
	char *p = xasprintf("%s/%s", out, rel), *s;
	int r = 0;

	for (s = p + strlen(out) + 1; r == 0 && (s = strchr(s, '/')) != NULL;
	    s++) {
		*s = '\0';
		if (mkdir(p, 0750) != 0 && errno != EEXIST)
			r = rp_fail(cause, RP_ERR_IO, "cannot create '%s': %s",
			    p, strerror(errno));
		*s = '/';
	}
	free(p);
	return r;
}

/*
 * Copy src_dir/rel to out/rel (a new file: O_EXCL, no link followed),
 * hashing what is copied: a file that no longer has its manifest's SHA-256
 * (changed since the verification) is refused. Not synced one by one: the
 * whole output is synced once before the manifest is written, and a bundle
 * without its manifest is never read.
 */
static int
copy_file(struct merge *m, const char *src_dir, const char *rel,
    const char *want_sha, char **cause)
{
	unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
	char *from = xasprintf("%s/%s", src_dir, rel);
	char *to = xasprintf("%s/%s", m->out, rel), hex[65];
	unsigned int mdlen = 0, i;
	EVP_MD_CTX *ctx = NULL;
	size_t size = 0, total = 0, off;
	ssize_t n, k;
	int fd = -1, out = -1, r;

	if ((r = make_parents(m->out, rel, cause)) != 0)
		goto out;
	if ((fd = rp_file_open(from, SIZE_MAX, &size)) < 0) {
		char *why = rp_file_error(from, fd, SIZE_MAX);

		r = rp_fail(cause, RP_ERR_IO, "%s", why);
		free(why);
		goto out;
	}
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0640)) < 0) {
		r = rp_fail(cause, RP_ERR_IO, "cannot create '%s': %s", to,
		    strerror(errno));
		goto out;
	}
	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
		r = RP_ERR_NOMEM;
		goto out;
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto io;
		for (off = 0; off < (size_t)n; off += (size_t)k)
			if ((k = write(out, buf + off, (size_t)n - off)) < 0 &&
			    errno != EINTR)
				goto io;
			else if (k < 0)
				k = 0;
		EVP_DigestUpdate(ctx, buf, (size_t)n);
		total += (size_t)n;
	}
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	for (i = 0; i < mdlen && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", md[i]);
	hex[64] = '\0';
	if (strcmp(hex, want_sha) != 0) {
		r = rp_fail(cause, RP_ERR_TAMPERED, "'%s' changed since it was "
		    "verified against its manifest: nothing merged", from);
		goto out;
	}
	XGROW(m->files, m->afiles, m->nfiles);
	m->files[m->nfiles].path = xstrdup(rel);
	memcpy(m->files[m->nfiles].sha, hex, 65);
	m->files[m->nfiles].size = total;
	m->nfiles++;
	goto out;
io:
	r = rp_fail(cause, RP_ERR_IO, "cannot copy '%s' to '%s': %s", from,
	    to, strerror(errno));
out:
	if (out >= 0 && close(out) != 0 && r == 0)
		r = rp_fail(cause, RP_ERR_IO, "cannot write '%s': %s", to,
		    strerror(errno));
	EVP_MD_CTX_free(ctx);
	if (fd >= 0)
		close(fd);
	free(from);
	free(to);
	return r;
}

/* Everything copied reaches the disk before the manifest names it. */
static int
sync_out(const char *out, char **cause)
{
	int fd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r = 0;

	if (fd < 0 || syncfs(fd) != 0)
		r = rp_fail(cause, RP_ERR_IO, "cannot sync '%s': %s", out,
		    strerror(errno));
	if (fd >= 0)
		close(fd);
	return r;
}

/* The files of target id in source s (from its manifest). */
static int
copy_target(struct merge *m, const struct src *s, const char *id,
    char **cause)
{
	char *prefix = xasprintf("targets/%s/", id);
	json_t *f;
	size_t i, n = 0;
	int r = 0;

	json_array_foreach(json_object_get(s->manifest, "files"), i, f) {
		const char *p = json_string_value(json_object_get(f, "path"));
		const char *h = json_string_value(json_object_get(f,
		    "sha256"));

		if (p == NULL || h == NULL ||
		    strncmp(p, prefix, strlen(prefix)) != 0)
			continue;
		if ((r = copy_file(m, s->dir, p, h, cause)) != 0)
			break;
		n++;
	}
	if (r == 0 && n == 0)
		r = rp_fail(cause, RP_ERR_PARSE, "%s/manifest.json: no file "
		    "of target '%s'", s->dir, id);
	free(prefix);
	return r;
}

static int
cmp_outfile(const void *a, const void *b)
{
	return strcmp(((const struct outfile *)a)->path,
	    ((const struct outfile *)b)->path);
}

static json_t *
provenance_entry(const struct src *s, size_t idx, struct merge *m)
{
	json_t *p = json_object(), *t, *tool;
	size_t i;

	json_object_set_new(p, "source", json_string(s->dir));
	json_object_set_new(p, "manifest", json_sprintf(
	    "sources/%zu/manifest.json", idx + 1));
	json_object_set_new(p, "manifest_sha256", json_string(s->sha));
	tool = json_object_get(s->manifest, "tool");
	json_object_set(p, "tool", json_is_object(tool) ? tool :
	    json_null());
	t = json_object_get(s->manifest, "collector");
	json_object_set(p, "collector", json_is_object(t) ? t : json_null());
	json_object_set(p, "started_at", json_object_get(s->manifest,
	    "started_at") ? json_object_get(s->manifest, "started_at") :
	    json_null());
	json_object_set(p, "finished_at", json_object_get(s->manifest,
	    "finished_at") ? json_object_get(s->manifest, "finished_at") :
	    json_null());
	json_object_set_new(p, "partial", json_boolean(json_is_true(
	    json_object_get(s->manifest, "partial"))));
	t = json_array();
	for (i = 0; i < m->nents; i++)
		if (m->ents[i].src == idx && !m->ents[i].dropped)
			json_array_append_new(t, json_string(m->ents[i].id));
	json_object_set_new(p, "targets", t);
	json_object_set(p, "superseded", s->superseded_list);
	return p;
}

static int
write_merged(struct merge *m, char **cause)
{
	json_t *man = json_object(), *a, *f, *v;
	char **ids, *host, *path, *txt;
	time_t started = 0, finished = 0;
	size_t i, j, k, nids = 0;
	int partial = 0, open_end = 0, r;

	json_object_set_new(man, "format", json_string(RP_EVIDENCE_FORMAT));
	f = json_object();
	json_object_set_new(f, "name", json_string(PACKAGE_NAME));
	json_object_set_new(f, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(man, "tool", f);
	f = json_object();
	host = rp_bundle_host_name();
	json_object_set_new(f, "host", json_string(host));
	json_object_set_new(f, "merged", json_true());
	free(host);
	json_object_set_new(man, "collector", f);
	for (i = 0; i < m->nsrcs; i++) {
		struct src *s = &m->srcs[i];

		if (s->started != 0 && (started == 0 || s->started < started))
			started = s->started;
		if (s->finished == 0)
			open_end = 1;
		else if (s->finished > finished)
			finished = s->finished;
		partial |= json_is_true(json_object_get(s->manifest,
		    "partial"));
	}
	json_object_set_new(man, "started_at", rp_json_time(started));
	json_object_set_new(man, "finished_at", rp_json_time(open_end ? 0 :
	    finished));
	json_object_set_new(man, "partial", json_boolean(partial));
	/* baselines: every source's, in order of first appearance */
	a = json_array();
	for (i = 0; i < m->nsrcs; i++)
		json_array_foreach(json_object_get(m->srcs[i].manifest,
		    "baselines"), j, v) {
			int seen = 0;
			json_t *w;

			if (!json_is_string(v))
				continue;
			json_array_foreach(a, k, w)
				seen |= json_equal(v, w);
			if (!seen)
				json_array_append(a, v);
		}
	json_object_set_new(man, "baselines", a);
	ids = xcalloc(m->nents + 1, sizeof(*ids));
	for (i = 0; i < m->nents; i++)
		if (!m->ents[i].dropped)
			ids[nids++] = (char *)m->ents[i].id;
	qsort(ids, nids, sizeof(*ids), rp_cmp_str);
	a = json_array();
	for (i = 0; i < nids; i++)
		json_array_append_new(a, json_string(ids[i]));
	free(ids);
	json_object_set_new(man, "targets", a);
	qsort(m->files, m->nfiles, sizeof(*m->files), cmp_outfile);
	a = json_array();
	for (i = 0; i < m->nfiles; i++) {
		f = json_object();
		json_object_set_new(f, "path", json_string(m->files[i].path));
		json_object_set_new(f, "sha256", json_string(m->files[i].sha));
		json_object_set_new(f, "size", json_integer(
		    (json_int_t)m->files[i].size));
		json_array_append_new(a, f);
	}
	json_object_set_new(man, "files", a);
	a = json_array();
	for (i = 0; i < m->nsrcs; i++)
		json_array_append_new(a, provenance_entry(&m->srcs[i], i, m));
	json_object_set_new(man, "provenance", a);
	txt = json_dumps(man, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	json_decref(man);
	if (txt == NULL)
		return RP_ERR_NOMEM;
	path = xasprintf("%s/manifest.json", m->out);
	r = rp_write_file(path, txt, strlen(txt), 0640, cause);
	free(path);
	free(txt);
	return r;
}

/* Source i's manifest, as it was, to OUT/sources/i+1/manifest.json. */
static int
keep_manifest(struct merge *m, size_t i, char **cause)
{
	char *rel = xasprintf("sources/%zu/manifest.json", i + 1);
	char *from = xasprintf("%s/manifest.json", m->srcs[i].dir);
	char *to = xasprintf("%s/%s", m->out, rel), *data = NULL, sha[65];
	size_t len = 0;
	int r;

	if ((r = make_parents(m->out, rel, cause)) == 0 &&
	    (r = rp_file_read(from, MANIFEST_MAX, &data, &len, cause)) == 0 &&
	    (r = rp_write_file(to, data, len, 0640, cause)) == 0 &&
	    (rp_sha256_file(to, sha) != 0 || strcmp(sha, m->srcs[i].sha) != 0))
		r = rp_fail(cause, RP_ERR_TAMPERED, "'%s' changed while "
		    "merging: nothing merged", from);
	free(data);
	free(rel);
	free(from);
	free(to);
	return r;
}

static int
out_empty(const char *dir, char **cause)
{
	struct stat st;
	char *cmd;
	int r = 0;

	if (lstat(dir, &st) != 0)
		return errno == ENOENT ? 0 : rp_fail(cause, RP_ERR_IO,
		    "'%s': %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return rp_fail(cause, RP_ERR_INVALID, "'%s' exists and is not "
		    "a directory: choose a new one", dir);
	cmd = xasprintf("%s/manifest.json", dir);
	if (lstat(cmd, &st) == 0)
		r = rp_fail(cause, RP_ERR_INVALID, "'%s' already holds a "
		    "bundle: choose a new directory (nothing is overwritten)",
		    dir);
	free(cmd);
	if (r == 0) {
		cmd = xasprintf("%s/targets", dir);
		if (lstat(cmd, &st) == 0)
			r = rp_fail(cause, RP_ERR_INVALID, "'%s' is not empty: "
			    "choose a new directory", dir);
		free(cmd);
	}
	return r;
}

int
rp_bundle_merge(const char *out, char *const *sources, size_t n,
    int prefer_newest, rp_verify_cb cb, rp_merge_note_cb note, void *arg,
    char **cause)
{
	struct merge m;
	size_t i, j;
	int r = 0;

	memset(&m, 0, sizeof(m));
	m.out = out;
	m.note = note;
	m.arg = arg;
	if (n == 0 || n > MERGE_MAX_SOURCES)
		return rp_fail(cause, RP_ERR_INVALID, "give from 1 to %d "
		    "bundles to merge", MERGE_MAX_SOURCES);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (strcmp(sources[i], sources[j]) == 0)
				return rp_fail(cause, RP_ERR_INVALID, "'%s' "
				    "given twice", sources[i]);
	m.srcs = xcalloc(n, sizeof(*m.srcs));
	m.nsrcs = n;
	for (i = 0; i < n; i++)
		m.srcs[i].dir = sources[i];
	for (i = 0; i < n && r == 0; i++)
		r = load_source(&m, i, cb, cause);
	if (r == 0)
		r = resolve_duplicates(&m, prefer_newest, cause);
	if (r == 0 && (r = out_empty(out, cause)) == 0)
		r = rp_out_dir(out, cause);
	for (i = 0; i < m.nents && r == 0; i++)
		if (!m.ents[i].dropped)
			r = copy_target(&m, &m.srcs[m.ents[i].src],
			    m.ents[i].id, cause);
	for (i = 0; i < n && r == 0; i++)
		r = keep_manifest(&m, i, cause);
	if (r == 0 && (r = sync_out(out, cause)) == 0)
		r = write_merged(&m, cause);
	for (i = 0; i < n; i++) {
		json_decref(m.srcs[i].manifest);
		json_decref(m.srcs[i].superseded_list);
	}
	free(m.srcs);
	free(m.ents);
	for (i = 0; i < m.nfiles; i++)
		free(m.files[i].path);
	free(m.files);
	return r;
}
