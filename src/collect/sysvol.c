/*
 * sysvol.c -- the SYSVOL walker shared by the SMB collection and the
 * offline import, the cpassword mask, and the local copy transport.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "collect/sysvol.h"
#include "core/err.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "evidence/bundle.h"
#include "parse/gpo.h"
#include "core/banned.h"

/* The policy files the checks read, by name (any case). */
static const char *const policy_names[] = {
	"gpt.ini", "groups.xml", "scheduledtasks.xml", "services.xml",
	"drives.xml", "datasources.xml", "printers.xml", "registry.xml",
	"gpttmpl.inf", "registry.pol", "scripts.ini", "psscripts.ini",
	"audit.csv",
};

struct cand {
	char			*rel;		/* {GUID}/... */
	char			*name;		/* last component */
	long long		 size;
	struct rp_sysvol_times	 t;
	int			 script;	/* under .../Scripts/<kind>/ */
	int			 keep;
};

struct walk {
	const struct rp_sysvol_ops	*ops;
	size_t				 max_files, max_file, max_total,
					 max_depth;
	struct cand			*c;
	size_t				 nc, cc;
	size_t				 listed, skipped;
	char				*bound;		/* first bound hit */
	char				*firstbad;	/* first hostile name */
	/* while listing one folder */
	const char			*dir;
	size_t				 depth;
	char				**subdirs;
	size_t				 nsub, csub;
};

static int
is_guid_name(const char *s)
{
	static const char shape[] = "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}";
	size_t i;

	if (strlen(s) != sizeof(shape) - 1)
		return 0;
	for (i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'X') {
			if (rp_hexval((unsigned char)s[i]) < 0)
				return 0;
		} else if (s[i] != shape[i])
			return 0;
	}
	return 1;
}

/* A name we accept as one path component. */
static int
name_ok(const char *s)
{
	const unsigned char *p;
	size_t n = strlen(s);

	if (n == 0 || n > 255 || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\' ||
		    *p == ':')
			return 0;
	return 1;
}

/* The first bound reached (msg owned) wins. */
static void
set_bound(struct walk *w, char *msg)
{
	if (w->bound == NULL)
		w->bound = msg;
	else
		free(msg);
}

static int
is_policy_name(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(policy_names) / sizeof(*policy_names); i++)
		if (strcasecmp(s, policy_names[i]) == 0)
			return 1;
	return 0;
}

/* rel is ".../Scripts/<kind>/name" (any case). */
static int
in_scripts(const char *rel)
{
	const char *p = rel, *s;
	size_t n = 0;
	const char *comp[RP_SYSVOL_MAX_DEPTH + 4];

	while (p != NULL && n < sizeof(comp) / sizeof(*comp)) {
		comp[n++] = p;
		s = strchr(p, '/');
		p = s ? s + 1 : NULL;
	}
	return n >= 3 && strncasecmp(comp[n - 3], "scripts/", 8) == 0;
}

static int
list_cb(const struct rp_sysvol_dirent *e, void *arg)
{
	struct walk *w = arg;
	struct cand *c;
	char *rel;

	if (++w->listed > RP_SYSVOL_MAX_LISTED) {
		set_bound(w, xasprintf("more than %s folder entries listed",
		    "500000"));
		return 1;
	}
	if (!name_ok(e->name) || e->unread) {
		w->skipped++;
		if (w->firstbad == NULL) {
			char *esc = rp_sysvol_escape(e->name, 0);

			w->firstbad = xasprintf("%s%s%s", w->dir,
			    *w->dir ? "/" : "", esc);
			free(esc);
		}
		return 0;
	}
	rel = xasprintf("%s%s%s", w->dir, *w->dir ? "/" : "", e->name);
	if (e->is_dir) {
		if (w->depth + 1 > w->max_depth) {
			set_bound(w, xasprintf("folder deeper than the depth limit: %s",
			    rel));
			free(rel);
			return 0;
		}
		XGROW(w->subdirs, w->csub, w->nsub);
		w->subdirs[w->nsub++] = rel;
		return 0;
	}
	if (!is_policy_name(e->name) && !in_scripts(rel)) {
		free(rel);
		return 0;
	}
	XGROW(w->c, w->cc, w->nc);
	c = &w->c[w->nc++];
	memset(c, 0, sizeof(*c));
	c->rel = rel;
	c->name = xstrdup(e->name);
	c->size = e->size;
	c->t = e->t;
	c->script = !is_policy_name(e->name);
	c->keep = !c->script;
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* List rel and its folders below, depth first, bounded. */
static int
gather(struct walk *w, const char *rel, size_t depth, char **cause)
{
	char **subs;
	size_t nsub, i;
	int r;

	w->dir = rel;
	w->depth = depth;
	w->subdirs = NULL;
	w->nsub = w->csub = 0;
	r = w->ops->list(w->ops->arg, rel, list_cb, w, cause);
	subs = w->subdirs;
	nsub = w->nsub;
	w->subdirs = NULL;
	if (nsub > 1)
		qsort(subs, nsub, sizeof(*subs), cmp_str);
	for (i = 0; i < nsub; i++) {
		if (r == 0 && w->bound == NULL)
			r = gather(w, subs[i], depth + 1, cause);
		free(subs[i]);
	}
	free(subs);
	return r;
}

static int
cmp_cand(const void *a, const void *b)
{
	return strcmp(((const struct cand *)a)->rel,
	    ((const struct cand *)b)->rel);
}

struct named {
	const char	*dir;	/* the scripts.ini's folder: {GUID}/Machine/Scripts */
	size_t		 dlen;
	struct walk	*w;
};

/* A script named by scripts.ini: keep the file of that name below dir. */
static int
named_cb(const char *section, const char *key, const char *value, void *arg)
{
	struct named *n = arg;
	const char *base;
	size_t i, klen;

	(void)section;
	klen = strlen(key);
	if (value == NULL || *value == '\0' || klen < 8 ||
	    strcasecmp(key + klen - 7, "cmdline") != 0)
		return 0;
	/* a path outside the GPO folder is not collected: the check names it */
	if (strchr(value, '\\') != NULL || strchr(value, '/') != NULL ||
	    strchr(value, ':') != NULL)
		return 0;
	base = value;
	for (i = 0; i < n->w->nc; i++) {
		struct cand *c = &n->w->c[i];

		if (c->script && strncmp(c->rel, n->dir, n->dlen) == 0 &&
		    c->rel[n->dlen] == '/' && strcasecmp(c->name, base) == 0)
			c->keep = 1;
	}
	return 0;
}

static void
mark_named_scripts(struct walk *w, const struct cand *ini, const char *data,
    size_t len)
{
	struct named n;
	char *text, *dir, *slash;
	size_t tl;

	if ((text = rp_gpo_text(data, len, &tl)) == NULL)
		return;
	dir = xstrdup(ini->rel);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	n.dir = dir;
	n.dlen = strlen(dir);
	n.w = w;
	(void)rp_ini_each(text, tl, named_cb, &n);
	free(dir);
	free(text);
}

static int
is_xml(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcasecmp(name + n - 4, ".xml") == 0;
}

/* The other bytes of the unit of step bytes at i are 0. */
static int
unit_rest0(const char *d, size_t len, size_t i, size_t step)
{
	size_t k;

	if (i + step > len)
		return 0;
	for (k = 1; k < step; k++)
		if (d[i + k] != '\0')
			return 0;
	return 1;
}

static int
is_blank_at(const char *d, size_t len, size_t j, size_t step, int nl)
{
	return unit_rest0(d, len, j, step) && (d[j] == ' ' || d[j] == '\t' ||
	    (nl && (d[j] == '\r' || d[j] == '\n')));
}

/* The word "cpassword" (any case) at i in units of step bytes. */
static int
word_at(const char *d, size_t len, size_t i, size_t step)
{
	static const char word[] = "cpassword";
	const size_t wl = sizeof(word) - 1;
	size_t k;

	if (i + wl * step > len)
		return 0;
	for (k = 0; k < wl; k++) {
		char ch = d[i + k * step];

		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if (ch != word[k] || (step > 1 && k + 1 < wl &&
		    !unit_rest0(d, len, i + k * step, step)))
			return 0;
	}
	return 1;
}

/*
 * "cpassword" (any case) at i followed by blanks (XML's: space, tab, CR,
 * LF), '=', blanks and a quote, in units of step bytes (1: UTF-8, 2:
 * UTF-16, 4: UTF-32; big-endian units are the little-endian ones read from
 * an odd offset): 1 and the value's [*vs, *ve) (to the end if unterminated).
 */
static int
value_at(const char *d, size_t len, size_t i, size_t step, size_t *vs,
    size_t *ve)
{
	size_t j;
	char q;

	if (!word_at(d, len, i, step))
		return 0;
	j = i + 9 * step;
	while (is_blank_at(d, len, j, step, 1))
		j += step;
	if (!unit_rest0(d, len, j, step) || d[j] != '=')
		return 0;
	j += step;
	while (is_blank_at(d, len, j, step, 1))
		j += step;
	if (!unit_rest0(d, len, j, step) || (d[j] != '"' && d[j] != '\''))
		return 0;
	q = d[j];
	*vs = *ve = j + step;
	while (*ve + step <= len && !(d[*ve] == q &&
	    unit_rest0(d, len, *ve, step)))
		*ve += step;
	if (*ve + step > len)
		*ve = len;
	return 1;
}

static size_t
mask_step(char **datap, size_t *lenp, size_t step)
{
	char *d = *datap;
	size_t len = *lenp, i, k, vs, ve, nl, nlen, masked = 0,
	    ml = strlen(RP_SYSVOL_MASK);
	char *nd;

	for (i = 0; i + 9 * step <= len; i++) {
		if (!value_at(d, len, i, step, &vs, &ve) || ve == vs)
			continue;	/* empty: nothing to hide */
		nl = ml * step;
		nlen = len - (ve - vs) + nl;
		nd = xmalloc(nlen + 1);
		memcpy(nd, d, vs);
		for (k = 0; k < ml; k++) {
			memset(nd + vs + k * step, 0, step);
			nd[vs + k * step] = RP_SYSVOL_MASK[k];
		}
		memcpy(nd + vs + nl, d + ve, len - ve);
		nd[nlen] = '\0';
		free(d);
		d = nd;
		len = nlen;
		i = vs + nl;
		masked++;
	}
	*datap = d;
	*lenp = len;
	return masked;
}

/* The word cpassword, in any unit width, without an empty or masked value. */
static int
word_left(const char *d, size_t len)
{
	static const size_t steps[] = { 1, 2, 4 };
	size_t i, s, k, vs, ve, ml = strlen(RP_SYSVOL_MASK);

	for (i = 0; i < len; i++)
		for (s = 0; s < 3; s++) {
			size_t step = steps[s];

			if (!word_at(d, len, i, step))
				continue;
			if (!value_at(d, len, i, step, &vs, &ve))
				return 1;
			if (ve == vs)
				continue;
			if (ve - vs != ml * step)
				return 1;
			for (k = 0; k < ml; k++)
				if (d[vs + k * step] != RP_SYSVOL_MASK[k])
					return 1;
		}
	return 0;
}

size_t
rp_sysvol_mask(char **data, size_t *len)
{
	size_t n;
	int left;

	n = mask_step(data, len, 1);
	n += mask_step(data, len, 2);
	n += mask_step(data, len, 4);
	/*
	 * What libxml2 reads may still hold a value the bytes did not show
	 * (another encoding, a DTD default); in a file it cannot read, the
	 * word without a masked value is enough. Either way the whole content
	 * is withheld.
	 */
	left = rp_gpp_secret_left(*data, *len, RP_SYSVOL_MASK);
	if (left > 0 || (left < 0 && word_left(*data, *len))) {
		if (*data != NULL)
			(*data)[0] = '\0';
		*len = 0;
		if (n == 0)
			n = 1;
	}
	return n;
}

static void
put_times(struct rp_strbuf *sb, const struct rp_sysvol_times *t)
{
	rp_strbuf_addf(sb, " mtime=%lld ctime=%lld btime=%lld", t->mtime,
	    t->ctime, t->btime);
}

static void
walk_free(struct walk *w)
{
	size_t i;

	for (i = 0; i < w->nc; i++) {
		free(w->c[i].rel);
		free(w->c[i].name);
	}
	free(w->c);
	w->c = NULL;
	w->nc = w->cc = 0;
}

/* Read and write the kept candidates of one GPO. */
static int
emit_gpo(struct walk *w, struct rp_strbuf *sb, size_t *nfiles,
    size_t *total, char **cause)
{
	size_t i, len, masked;
	char *data, *esc, *why;
	int trunc, r;

	if (w->nc > 1)
		qsort(w->c, w->nc, sizeof(*w->c), cmp_cand);
	/* scripts.ini first: it says which scripts to keep */
	for (i = 0; i < w->nc; i++) {
		struct cand *c = &w->c[i];

		if (c->script || (strcasecmp(c->name, "scripts.ini") != 0 &&
		    strcasecmp(c->name, "psscripts.ini") != 0))
			continue;
		data = NULL;
		if (w->ops->read(w->ops->arg, c->rel, w->max_file, &data,
		    &len, &trunc, NULL) == 0)
			mark_named_scripts(w, c, data, len);
		free(data);
	}
	for (i = 0; i < w->nc; i++) {
		struct cand *c = &w->c[i];

		if (!c->keep)
			continue;
		if (*nfiles >= w->max_files) {
			set_bound(w, xasprintf("more than %s policy files", "the file "
			    "count limit"));
			return 0;
		}
		data = NULL;
		why = NULL;
		esc = rp_sysvol_escape(c->rel, 1);
		r = w->ops->read(w->ops->arg, c->rel, w->max_file, &data,
		    &len, &trunc, &why);
		if (r != 0) {
			rp_strbuf_addf(sb, "unreadable %s\n", esc);
			set_bound(w, xasprintf("a policy file could not be read: %s",
			    esc));
			free(why);
			free(esc);
			continue;
		}
		free(why);
		masked = is_xml(c->name) ? rp_sysvol_mask(&data, &len) : 0;
		if (*total + len > w->max_total) {
			set_bound(w, xasprintf("more policy file bytes than the total "
			    "limit (at %s)", esc));
			free(esc);
			free(data);
			return 0;
		}
		rp_strbuf_addf(sb, "file %s size=%lld stored=%zu", esc,
		    c->size, len);
		put_times(sb, &c->t);
		if (trunc) {
			rp_strbuf_addstr(sb, " truncated");
			set_bound(w, xasprintf("a file is larger than the per-file "
			    "limit: %s", esc));
		}
		if (masked)
			rp_strbuf_addf(sb, " masked=%zu", masked);
		rp_strbuf_addch(sb, '\n');
		if (rp_strbuf_add(sb, data, len) != 0) {
			free(esc);
			free(data);
			return rp_fail(cause, RP_ERR_TOO_LARGE, "output too "
			    "large");
		}
		rp_strbuf_addch(sb, '\n');
		*total += len;
		(*nfiles)++;
		free(esc);
		free(data);
	}
	return 0;
}

struct top {
	char	**guids;
	size_t	  n, cap;
	size_t	  other, bad, links;
};

static int
top_cb(const struct rp_sysvol_dirent *e, void *arg)
{
	struct top *t = arg;

	if (e->unread && is_guid_name(e->name)) {
		t->links++;	/* a GPO folder not followed: not seen */
		return 0;
	}
	if (!e->is_dir || !name_ok(e->name)) {
		t->bad += !name_ok(e->name);
		return 0;
	}
	if (!is_guid_name(e->name)) {
		t->other++;	/* PolicyDefinitions, ... */
		return 0;
	}
	if (t->n >= RP_SYSVOL_MAX_FILES)
		return 1;
	XGROW(t->guids, t->cap, t->n);
	t->guids[t->n++] = xstrdup(e->name);
	return 0;
}

void
rp_sysvol_walk(const struct rp_sysvol_ops *ops, const char *source,
    const char *where, const struct rp_sysvol_limits *lim,
    struct rp_probe_out *po, char **out, size_t *outlen)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(RP_PROBE_MAX_READ);
	struct walk w;
	struct top top;
	size_t i, nfiles = 0, total = 0;
	char *cause = NULL, *esc;
	int r;

	memset(&w, 0, sizeof(w));
	memset(&top, 0, sizeof(top));
	w.ops = ops;
	w.max_files = lim && lim->max_files ? lim->max_files :
	    RP_SYSVOL_MAX_FILES;
	w.max_file = lim && lim->max_file ? lim->max_file :
	    RP_SYSVOL_MAX_FILE;
	w.max_total = lim && lim->max_total ? lim->max_total :
	    RP_SYSVOL_MAX_TOTAL;
	w.max_depth = lim && lim->max_depth ? lim->max_depth :
	    RP_SYSVOL_MAX_DEPTH;
	free(po->probe);
	po->probe = xstrdup(RP_SYSVOL_PROBE);
	po->exit_code = -1;
	po->started = 1;
	esc = rp_sysvol_escape(where, 1);
	rp_strbuf_addf(&sb, "%s\nsource %s\nroot %s\n", RP_SYSVOL_FORMAT,
	    source, esc);
	free(esc);
	r = ops->list(ops->arg, "", top_cb, &top, &cause);
	if (r != 0 && top.n < RP_SYSVOL_MAX_FILES) {
		po->status = RP_PS_ERROR;
		po->detail = xasprintf("the Policies folder could not be "
		    "listed: %s", cause ? cause : rp_err_str(r));
		goto out;
	}
	if (r != 0)
		set_bound(&w, xasprintf("more GPO folders than %s", "the file count "
		    "limit"));
	if (top.links > 0)
		set_bound(&w, xasprintf("%zu GPO folders are symbolic links or "
		    "special files (not followed)", top.links));
	if (top.n > 1)
		qsort(top.guids, top.n, sizeof(*top.guids), cmp_str);
	for (i = 0; i < top.n && w.bound == NULL; i++) {
		rp_strbuf_addf(&sb, "gpo %s\n", top.guids[i]);
		r = gather(&w, top.guids[i], 0, &cause);
		if (r != 0) {
			esc = rp_sysvol_escape(top.guids[i], 0);
			set_bound(&w, xasprintf("a GPO folder could not be listed: %s",
			    esc));
			free(esc);
		}
		if (w.bound == NULL)
			r = emit_gpo(&w, &sb, &nfiles, &total, &cause);
		walk_free(&w);
		if (r != 0) {
			set_bound(&w, xasprintf("%s", cause ? cause : "output too "
			    "large"));
			break;
		}
	}
	if (w.skipped) {
		rp_strbuf_addf(&sb, "skipped %zu names with a separator, a "
		    "control character, '.' or '..', symbolic links or special "
		    "files (first: %s)\n", w.skipped, w.firstbad ? w.firstbad :
		    "?");
		/* what they hold is not known: the GPOs are not assessed */
		set_bound(&w, xasprintf("%zu entries of the GPO folders not "
		    "read (a name with a separator or a control character, a "
		    "symbolic link or a special file; first: %s)", w.skipped,
		    w.firstbad ? w.firstbad : "?"));
	}
	if (w.bound != NULL) {
		po->status = RP_PS_TRUNCATED;
		po->detail = w.bound;
		w.bound = NULL;
		rp_strbuf_addf(&sb, "cut\n");
	} else {
		po->status = RP_PS_OK;
		rp_strbuf_addf(&sb, "end gpos=%zu files=%zu bytes=%zu\n",
		    top.n, nfiles, total);
	}
out:
	for (i = 0; i < top.n; i++)
		free(top.guids[i]);
	free(top.guids);
	free(cause);
	free(w.firstbad);
	free(w.bound);
	*out = rp_strbuf_detach(&sb, outlen);
	po->bytes = *outlen;
}

/* ------------------------------------------------------------------ */
/* The local copy transport                                            */

struct copy {
	const char	*root;
};

/* Open rel below root one component at a time, never following a link. */
static int
copy_open(const struct copy *c, const char *rel, int dir, char **cause)
{
	char *buf, *p, *s;
	int fd, nfd;

	if ((fd = open(c->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return rp_fail(cause, RP_ERR_IO, "%s", strerror(errno));
	buf = xstrdup(rel);
	for (p = buf; *rel != '\0' && p != NULL; p = s) {
		int last;

		s = strchr(p, '/');
		if (s != NULL)
			*s++ = '\0';
		last = s == NULL;
		if (!name_ok(p)) {
			close(fd);
			free(buf);
			return rp_fail(cause, RP_ERR_INVALID, "bad name");
		}
		nfd = openat(fd, p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
		    (!last || dir ? O_DIRECTORY : O_NONBLOCK));
		close(fd);
		if (nfd < 0) {
			free(buf);
			return rp_fail(cause, RP_ERR_IO, "%s",
			    strerror(errno));
		}
		fd = nfd;
	}
	free(buf);
	return fd;
}

static long long
ts(const struct timespec *t)
{
	return (long long)t->tv_sec;
}

static int
copy_list(void *arg, const char *rel, rp_sysvol_entry_cb cb, void *cbarg,
    char **cause)
{
	const struct copy *c = arg;
	struct rp_sysvol_dirent e;
	struct dirent *de;
	struct stat st;
	DIR *d;
	int fd, r = 0;

	if ((fd = copy_open(c, rel, 1, cause)) < 0)
		return fd;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return rp_fail(cause, RP_ERR_IO, "%s", strerror(errno));
	}
	while (r == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		memset(&e, 0, sizeof(e));
		e.name = de->d_name;
		e.size = -1;
		e.t.mtime = e.t.ctime = e.t.btime = -1;
		if (fstatat(dirfd(d), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == 0) {
			/* not followed, not read, but said */
			e.unread = S_ISLNK(st.st_mode) ||
			    (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode));
			e.is_dir = S_ISDIR(st.st_mode);
			e.size = (long long)st.st_size;
			e.t.mtime = ts(&st.st_mtim);
			e.t.ctime = ts(&st.st_ctim);
		}
		r = cb(&e, cbarg);
	}
	closedir(d);
	return r;
}

static int
copy_read(void *arg, const char *rel, size_t max, char **data, size_t *len,
    int *truncated, char **cause)
{
	const struct copy *c = arg;
	struct rp_strbuf sb = RP_STRBUF_INIT(max);
	char buf[65536];
	struct stat st;
	ssize_t n;
	int fd;

	*data = NULL;
	*len = 0;
	*truncated = 0;
	if ((fd = copy_open(c, rel, 0, cause)) < 0)
		return fd;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return rp_fail(cause, RP_ERR_IO, "not a regular file");
	}
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			close(fd);
			rp_strbuf_release(&sb);
			return rp_fail(cause, RP_ERR_IO, "%s",
			    strerror(errno));
		}
		if (n == 0)
			break;
		if (rp_strbuf_add_trunc(&sb, buf, (size_t)n) < (size_t)n) {
			*truncated = 1;
			break;
		}
	}
	close(fd);
	rp_strbuf_addch(&sb, '\0');	/* make sure buf exists */
	sb.len--;
	*data = rp_strbuf_detach(&sb, len);
	return 0;
}

static char *
find_child(const char *dir, const char *name)
{
	struct dirent *de;
	char *found = NULL;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL)
		if (strcasecmp(de->d_name, name) == 0) {
			found = xasprintf("%s/%s", dir, de->d_name);
			break;
		}
	closedir(d);
	return found;
}

static int
has_guid_dir(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int found = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while (!found && (de = readdir(d)) != NULL)
		found = is_guid_name(de->d_name);
	closedir(d);
	return found;
}

int
rp_sysvol_copy_root(const char *path, char **root, char **cause)
{
	struct dirent *de;
	struct stat st;
	char *p, *cand = NULL;
	size_t n = 0;
	DIR *d;

	*root = NULL;
	if (stat(path, &st) != 0)
		return rp_fail(cause, RP_ERR_IO, "'%s': %s", path,
		    strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return rp_fail(cause, RP_ERR_INVALID, "'%s' is not a folder "
		    "(a tar archive: extract it first, tar -xf FILE)", path);
	if (has_guid_dir(path)) {
		*root = xstrdup(path);
		return 0;
	}
	if ((p = find_child(path, "Policies")) != NULL) {
		*root = p;
		return 0;
	}
	/* SYSVOL (or sysvol/sysvol): one <domain> folder holding Policies */
	if ((d = opendir(path)) == NULL)
		return rp_fail(cause, RP_ERR_IO, "'%s': %s", path,
		    strerror(errno));
	while ((de = readdir(d)) != NULL) {
		char *sub;

		if (de->d_name[0] == '.')
			continue;
		sub = xasprintf("%s/%s", path, de->d_name);
		if ((p = find_child(sub, "Policies")) != NULL) {
			n++;
			free(cand);
			cand = p;
		}
		free(sub);
	}
	closedir(d);
	if (n == 1) {
		*root = cand;
		return 0;
	}
	free(cand);
	return rp_fail(cause, RP_ERR_INVALID, "'%s': no GPO folder found "
	    "(give the Policies folder, its domain folder or SYSVOL; %zu "
	    "domain folders with Policies)", path, n);
}

void
rp_sysvol_copy_ops(struct rp_sysvol_ops *ops, const char *root)
{
	struct copy *c = xcalloc(1, sizeof(*c));

	c->root = root;
	ops->arg = c;
	ops->list = copy_list;
	ops->read = copy_read;
}

int
rp_sysvol_import(const struct rp_sysvol_import *im, const char *outdir,
    int *partial, char **cause)
{
	struct rp_bundle_writer *w = NULL;
	struct rp_sysvol_ops ops;
	struct rp_target_ev t;
	struct rp_probe_out *po;
	char *root = NULL, *out = NULL;
	size_t outlen = 0;
	int r;

	if (partial)
		*partial = 0;
	if (!rp_valid_id(im->id))
		return rp_fail(cause, RP_ERR_INVALID, "bad target id (letters, "
		    "digits, '.', '_', '-')");
	if ((r = rp_sysvol_copy_root(im->path, &root, cause)) != 0)
		return r;
	memset(&t, 0, sizeof(t));
	t.id = xstrdup(im->id);
	t.kind = RP_KIND_AD;
	t.address = xstrdup("sysvol-copy");
	t.role = im->role ? xstrdup(im->role) : NULL;
	t.started = time(NULL);
	t.probes = xcalloc(1, sizeof(*t.probes));
	t.nprobes = 1;
	po = &t.probes[0];
	memset(&ops, 0, sizeof(ops));
	rp_sysvol_copy_ops(&ops, root);
	rp_sysvol_walk(&ops, "copy", "(copy)", NULL, po, &out, &outlen);
	free(ops.arg);
	t.finished = time(NULL);
	if (po->status != RP_PS_OK) {
		t.status = RP_TS_PARTIAL;
		t.error = xasprintf("SYSVOL %s: %s",
		    rp_pstatus_name(po->status), po->detail ? po->detail :
		    "?");
		if (partial)
			*partial = 1;
	}
	if ((r = rp_bundle_create(outdir, im->baselines, im->nbaselines, &w,
	    cause)) != 0)
		goto out;
	if ((r = rp_bundle_put_probe(w, t.id, po, "out", out, outlen,
	    cause)) != 0 || (r = rp_bundle_put_target(w, &t, cause)) != 0) {
		(void)rp_bundle_finish(w, 1, NULL);
		goto out;
	}
	r = rp_bundle_finish(w, t.status != RP_TS_OK, cause);
out:
	free(out);
	free(root);
	rp_target_release(&t);
	return r;
}
