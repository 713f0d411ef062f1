#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/file.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "content/probes.h"
#include "evidence/bundle.h"
#include "collect/ldif_import.h"
#include "evidence/ldif_write.h"
#include "parse/ldapfilter.h"
#include "parse/ldif.h"
#include "core/banned.h"

#define CHUNK		(4u * 1024 * 1024)
#define OUTBUF		(64u * 1024)	/* per probe file */

/* One file of the dump, read twice, a piece at a time. */
struct dump {
	const char	*path;
	int		 fd;
	time_t		 mtime;
};

struct nslot {
	char		*name;	/* NULL: free */
	size_t		 len;
	uint32_t	 hash;
};

struct nameset {
	struct nslot	*slot;	/* open addressing, cap 2^n */
	size_t		 cap, n;
};

/* What the first pass learns: validity, naming context, rootDSE. */
struct scan {
	size_t		 entries;
	size_t		 cur;		/* entry index in the piece */
	int		 in_rootdse;
	int		 has_rootdse, has_config, has_subschema;
	int		 no_suffix;	/* data entries share no suffix */
	char		*nc_canon;	/* common suffix of the data */
	char		*nc_orig;	/* the same, as written */
	char		*dse_nc, *dse_config, *dse_schema;
	char		*vendor;
	struct nameset	 names;		/* attributes present */
	const char	*path;
	size_t		 ebytes, max_entry; /* current entry, cap */
	char		*edn;
	char		*err;
	int		 r;
};

/* One probe as the second pass answers it. */
struct pstate {
	const struct rp_probe	*p;
	struct rp_probe_out	*po;
	struct rp_lfilter	*f;
	char			*base;		/* canonical */
	size_t			 blen;
	char			*base_shown;
	int			 scope;
	int			 separate;	/* base in its own partition */
	char			**attrs;	/* NULL: all */
	size_t			*attrlens;
	uint32_t		*attrhash;	/* rp_lattr_hash() */
	size_t			 nattrs;
	struct rp_out		 o;		/* the probe's file */
	FILE			*out;		/* o.f while open */
	char			*outbuf;	/* out's buffer */
	char			*path;
	size_t			 entries;
	int			 seen, seen_exact;
	struct timespec		 t0;
	/*
	 * An earlier probe with the same base and scope (and filter): its
	 * answers for the current entry are this one's (-1: none).
	 */
	ssize_t			 same, same_f;
	int			 m_exact, m_in, m_scope, m_match;
};

struct answer {
	const struct rp_ldif_import	*im;
	const struct scan		*sc;
	struct pstate			*ps;
	size_t				 nps;
	struct rp_lentry		 e;
	size_t				 cur;
	int				 have;
	struct rp_out			 dse_o;
	FILE				*dse;		/* dse_o.f */
	const char			*path;
	char				*err;
	int				 r;
};

/* ---------------------------------------------------------------- files */

static int
dump_open(const char *path, struct dump *d, char **cause)
{
	struct stat st;

	memset(d, 0, sizeof(*d));
	d->path = path;
	if ((d->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return rp_fail(cause, RP_ERR_IO, "cannot open '%s': %s", path,
		    strerror(errno));
	if (fstat(d->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(d->fd);
		d->fd = -1;
		return rp_fail(cause, RP_ERR_INVALID, "'%s' is not a regular "
		    "file (it is read twice)", path);
	}
	d->mtime = st.st_mtime;
	return 0;
}

static void
dump_close(struct dump *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}

/* Offset just after the last blank line of buf (an entry ends), or 0. */
static size_t
last_boundary(const char *buf, size_t len)
{
	size_t i;

	for (i = len; i >= 2; i--) {
		if (buf[i - 1] != '\n')
			continue;
		if (buf[i - 2] == '\n' || (i >= 3 && buf[i - 2] == '\r' &&
		    buf[i - 3] == '\n'))
			return i;
	}
	return 0;
}

/* "LDIF line N: ..." of a piece, renumbered for the whole file. */
static int
parse_error(const struct dump *d, long n, char *why, long base,
    char **cause)
{
	static const char pfx[] = "LDIF line ";
	const char *end;
	long long line;

	if (why != NULL && strncmp(why, pfx, sizeof(pfx) - 1) == 0 &&
	    rp_strtonum_prefix(why + sizeof(pfx) - 1, 10, LONG_MAX - base,
	    &line, &end) == 0 && *end == ':')
		return rp_fail(cause, (int)n, "'%s': LDIF line %lld%s",
		    d->path, line + base, end);
	return rp_fail(cause, (int)n, "'%s': %s", d->path, why ? why :
	    rp_err_str((int)n));
}

static size_t
count_lines(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	size_t n = 0;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

static ssize_t
read_full(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/*
 * Feed the whole file to rp_ldif_parse in pieces that end between two
 * entries, so that memory holds one piece (CHUNK, more only for an entry
 * larger than that, up to max_entry), never the file. done(arg) is called
 * after each piece: no entry spans two.
 */
static int
dump_parse(struct dump *d, size_t max_entry, rp_ldif_cb cb,
    void (*done)(void *), void *arg, char **cause)
{
	size_t cap = CHUNK, have = 0, cut;
	long base = 0, n;
	char *buf = xmalloc(cap + 1), *why = NULL;
	ssize_t got;
	int r = 0, eof = 0;

	if (lseek(d->fd, 0, SEEK_SET) != 0)
		goto io;
	while (!eof) {
		if ((got = read_full(d->fd, buf + have, cap - have)) < 0)
			goto io;
		eof = have + (size_t)got < cap;
		have += (size_t)got;
		cut = eof ? have : last_boundary(buf, have);
		if (cut == 0) {
			/* base64 and folding: text is larger than values */
			if (cap > 2 * max_entry + CHUNK) {
				r = rp_fail(cause, RP_ERR_TOO_LARGE, "'%s': an "
				    "entry near line %ld is larger than %zu "
				    "bytes", d->path, base + 1, max_entry);
				goto out;
			}
			cap *= 2;
			buf = xreallocarray(buf, cap + 1, 1);
			continue;
		}
		n = rp_ldif_parse(buf, cut, cb, arg, &why);
		done(arg);
		if (n < 0) {
			r = parse_error(d, n, why, base, cause);
			goto out;
		}
		base += (long)count_lines(buf, cut);
		memmove(buf, buf + cut, have - cut);
		have -= cut;
	}
	goto out;
io:
	r = rp_fail(cause, RP_ERR_IO, "cannot read '%s': %s", d->path,
	    strerror(errno));
out:
	free(why);
	free(buf);
	return r;
}

/* ---------------------------------------------------------------- names */

/*
 * The attribute names the export holds (case-insensitive), to say which
 * attributes the checks read are in no entry at all: not exported, most
 * likely (AD's constructed attributes are only returned when named).
 */
#define NAMESET_MAX	65536

static size_t
nameset_find(const struct nameset *ns, const char *name, size_t n,
    uint32_t h)
{
	size_t i = h & (ns->cap - 1);

	while (ns->slot[i].name != NULL && (ns->slot[i].hash != h ||
	    ns->slot[i].len != n || strncasecmp(ns->slot[i].name, name,
	    n) != 0))
		i = (i + 1) & (ns->cap - 1);
	return i;
}

static void
nameset_add(struct nameset *ns, const char *name)
{
	struct nameset old = *ns;
	size_t n = strlen(name), i;
	uint32_t h = rp_lattr_hash(name, n);

	if (ns->cap == 0) {
		ns->cap = 256;
		ns->slot = xcalloc(ns->cap, sizeof(*ns->slot));
	}
	if (ns->slot[i = nameset_find(ns, name, n, h)].name != NULL ||
	    ns->n >= NAMESET_MAX)
		return;
	ns->slot[i].name = xstrndup(name, n);
	ns->slot[i].len = n;
	ns->slot[i].hash = h;
	if (++ns->n * 2 < ns->cap)
		return;
	ns->cap *= 2;
	ns->slot = xcalloc(ns->cap, sizeof(*ns->slot));
	for (i = 0; i < old.cap; i++)
		if (old.slot[i].name != NULL)
			ns->slot[nameset_find(ns, old.slot[i].name,
			    old.slot[i].len, old.slot[i].hash)] = old.slot[i];
	free(old.slot);
}

static int
nameset_has(const struct nameset *ns, const char *name)
{
	size_t n = strlen(name);

	return ns->cap > 0 && (ns->n >= NAMESET_MAX ||
	    ns->slot[nameset_find(ns, name, n, rp_lattr_hash(name,
	    n))].name != NULL);
}

static void
nameset_release(struct nameset *ns)
{
	size_t i;

	for (i = 0; i < ns->cap; i++)
		free(ns->slot[i].name);
	free(ns->slot);
	memset(ns, 0, sizeof(*ns));
}

/* ---------------------------------------------------------------- pass 1 */

/* The LDIF reader calls back with "dn" for an entry's DN: check it fast. */
static inline int
is_dn(const char *attr)
{
	return (attr[0] | 0x20) == 'd' && (attr[1] | 0x20) == 'n' &&
	    attr[2] == '\0';
}

/* Pointer to the last k RDNs of a canonical DN. */
static const char *
canon_suffix(const char *canon, size_t k)
{
	size_t depth = rp_dn_depth(canon), skip;

	if (k >= depth)
		return canon;
	if (k == 0)
		return canon + strlen(canon);
	for (skip = depth - k; skip > 0; canon++)
		if (*canon == ',')
			skip--;
	return canon;
}

/* Number of RDNs two canonical DNs have in common at their end. */
static size_t
common_rdns(const char *a, const char *b)
{
	size_t i = strlen(a), j = strlen(b);

	while (i > 0 && j > 0 && a[i - 1] == b[j - 1]) {
		i--;
		j--;
	}
	if ((i == 0 || a[i - 1] == ',') && (j == 0 || b[j - 1] == ','))
		return rp_dn_depth(a + i);
	while (a[i] != '\0' && a[i] != ',')
		i++;
	return a[i] == ',' ? rp_dn_depth(a + i + 1) : 0;
}

static void
suffix_update(struct scan *s, const char *dn, const char *canon)
{
	size_t k;
	char *t;

	if (s->no_suffix)
		return;
	if (s->nc_canon == NULL) {
		s->nc_canon = xstrdup(canon);
		s->nc_orig = xstrdup(dn);
		return;
	}
	k = common_rdns(s->nc_canon, canon);
	if (k == rp_dn_depth(s->nc_canon))
		return;
	if (k == 0) {
		s->no_suffix = 1;
		return;
	}
	t = xstrdup(canon_suffix(s->nc_canon, k));
	free(s->nc_canon);
	s->nc_canon = t;
	t = xstrdup(s->nc_orig + rp_dn_suffix_offset(s->nc_orig, k));
	free(s->nc_orig);
	s->nc_orig = t;
}

static int
scan_dn(struct scan *s, const char *val, size_t len)
{
	char *canon, *dn;

	if (memchr(val, '\0', len) != NULL ||
	    (canon = rp_dn_canon(val, len)) == NULL)
		return rp_fail(&s->err, RP_ERR_PARSE, "'%s': entry %zu: "
		    "invalid DN '%.*s'", s->path, s->entries + 1,
		    (int)(len > 200 ? 200 : len), val);
	s->entries++;
	s->in_rootdse = *canon == '\0';
	if (s->in_rootdse)
		s->has_rootdse = 1;
	else if (rp_dn_in_scope(canon, "cn=config", RP_SCOPE_SUB))
		s->has_config = 1;
	else if (strcmp(canon, "cn=subschema") == 0)
		s->has_subschema = 1;
	else {
		dn = xstrndup(val, len);
		suffix_update(s, dn, canon);
		free(dn);
	}
	free(canon);
	return 0;
}

static void
keep_first(char **dst, const char *val, size_t len)
{
	if (*dst == NULL && memchr(val, '\0', len) == NULL)
		*dst = xstrndup(val, len);
}

/* The rootDSE's contexts and vendor, as the collector reads them. */
static void
scan_rootdse(struct scan *s, const char *attr, const char *val, size_t len)
{
	if (strcasecmp(attr, "defaultNamingContext") == 0)
		keep_first(&s->dse_nc, val, len);
	else if (strcasecmp(attr, "configurationNamingContext") == 0 ||
	    strcasecmp(attr, "configContext") == 0)
		keep_first(&s->dse_config, val, len);
	else if (strcasecmp(attr, "schemaNamingContext") == 0 ||
	    strcasecmp(attr, "subschemaSubentry") == 0)
		keep_first(&s->dse_schema, val, len);
	else if (strcasecmp(attr, "vendorName") == 0)
		keep_first(&s->vendor, val, len);
	else if (strcasecmp(attr, "domainFunctionality") == 0 &&
	    s->vendor == NULL)
		s->vendor = xstrdup("Active Directory");
	else if (strcasecmp(attr, "structuralObjectClass") == 0 &&
	    len == 15 && memcmp(val, "OpenLDAProotDSE", 15) == 0 &&
	    s->vendor == NULL)
		s->vendor = xstrdup("OpenLDAP");
}

static int
scan_cb(size_t entry, const char *attr, const char *val, size_t len,
    void *arg)
{
	struct scan *s = arg;

	if (entry >= s->cur && is_dn(attr)) {
		s->cur = entry + 1;
		s->ebytes = 0;
		free(s->edn);
		s->edn = xstrndup(val, len > 200 ? 200 : len);
		s->r = scan_dn(s, val, len);
		return s->r != 0;
	}
	/* the same cap as the second pass's (rp_lentry_add) */
	s->ebytes += len + strlen(attr) + 2 * sizeof(void *);
	nameset_add(&s->names, attr);
	if (s->ebytes > s->max_entry) {
		s->r = rp_fail(&s->err, RP_ERR_TOO_LARGE, "'%s': entry '%s' "
		    "is larger than %zu bytes", s->path, s->edn, s->max_entry);
		return 1;
	}
	if (s->in_rootdse)
		scan_rootdse(s, attr, val, len);
	return 0;
}

/* After a piece of the file: the next one starts with a new entry. */
static void
scan_done(void *arg)
{
	struct scan *s = arg;

	s->cur = 0;
	s->in_rootdse = 0;
}

static void
scan_release(struct scan *s)
{
	free(s->nc_canon);
	free(s->nc_orig);
	free(s->dse_nc);
	free(s->dse_config);
	free(s->dse_schema);
	free(s->vendor);
	free(s->edn);
	free(s->err);
	nameset_release(&s->names);
}

static int
scan_all(const struct rp_ldif_import *im, struct dump *d, struct scan *s,
    char **cause)
{
	size_t i;
	int r;

	memset(s, 0, sizeof(*s));
	s->max_entry = im->max_entry ? im->max_entry :
	    RP_LDIF_IMPORT_MAX_ENTRY;
	for (i = 0; i < im->nfiles; i++) {
		s->path = d[i].path;
		r = dump_parse(&d[i], s->max_entry, scan_cb, scan_done, s,
		    cause);
		if (s->r != 0)
			return rp_fail(cause, s->r, "%s", s->err);
		if (r != 0)
			return r;
	}
	if (s->entries == 0)
		return rp_fail(cause, RP_ERR_INVALID, "no LDIF entry in '%s'",
		    im->files[0]);
	if (s->no_suffix && im->base_dn == NULL && s->dse_nc == NULL)
		return rp_fail(cause, RP_ERR_INVALID, "the entries of the "
		    "dump share no common suffix (several naming contexts?): "
		    "give the one to audit with --base-dn");
	return 0;
}

/* ---------------------------------------------------------------- probes */

/* Naming context as written (NULL: unknown). */
static const char *
naming_context(const struct rp_ldif_import *im, const struct scan *s)
{
	if (im->base_dn != NULL)
		return im->base_dn;
	if (s->dse_nc != NULL)
		return s->dse_nc;
	return s->no_suffix ? NULL : s->nc_orig;
}

/*
 * The probe's search base (owned, as written) and whether it lies in a
 * partition of its own, which a dump of the naming context does not
 * include: content/probes.h, as the live searches (collect/ldap.c).
 */
static char *
probe_base(const struct rp_ldif_import *im, const struct scan *s,
    const char *base, int *separate)
{
	struct rp_dir_contexts x;

	x.kind = im->kind;
	x.nc = naming_context(im, s);
	x.config = s->dse_config;
	x.schema = s->dse_schema;
	return rp_probe_base(&x, base, separate);
}

/* "a b c" into attrs; "*" or "+" anywhere: every attribute. */
static void
probe_attrs(struct pstate *ps)
{
	const char *s = ps->p->ldap_attrs ? ps->p->ldap_attrs : "1.1";
	const char *p = s, *e;

	ps->attrs = xcalloc(strlen(s) / 2 + 2, sizeof(*ps->attrs));
	ps->attrlens = xcalloc(strlen(s) / 2 + 2, sizeof(*ps->attrlens));
	ps->attrhash = xcalloc(strlen(s) / 2 + 2, sizeof(*ps->attrhash));
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		for (e = p; *e != '\0' && *e != ' ' && *e != '\t' &&
		    *e != '\n'; e++)
			;
		if (e - p == 1 && (*p == '*' || *p == '+')) {
			while (ps->nattrs > 0)
				free(ps->attrs[--ps->nattrs]);
			free(ps->attrs);
			free(ps->attrlens);
			free(ps->attrhash);
			ps->attrs = NULL;
			ps->attrlens = NULL;
			ps->attrhash = NULL;
			return;
		}
		if (e > p && !(e - p == 3 && memcmp(p, "1.1", 3) == 0)) {
			ps->attrlens[ps->nattrs] = (size_t)(e - p);
			ps->attrhash[ps->nattrs] = rp_lattr_hash(p,
			    (size_t)(e - p));
			ps->attrs[ps->nattrs++] = xstrndup(p, (size_t)(e - p));
		}
		p = e;
	}
}

static void
pstate_release(struct pstate *ps)
{
	size_t i;

	rp_lfilter_free(ps->f);
	free(ps->base);
	free(ps->base_shown);
	for (i = 0; i < ps->nattrs; i++)
		free(ps->attrs[i]);
	free(ps->attrs);
	free(ps->attrlens);
	free(ps->attrhash);
	if (ps->out != NULL)
		(void)rp_out_close(&ps->o, 0, NULL);
	free(ps->outbuf);
	free(ps->path);
}

static const char *
filter_of(const struct rp_probe *p)
{
	return p->ldap_filter ? p->ldap_filter : "(objectClass=*)";
}

/* Parse the filter, place the base; errors go to the probe's detail. */
static void
pstate_init(struct answer *a, struct pstate *ps, const struct rp_probe *p,
    struct rp_probe_out *po)
{
	const char *f = filter_of(p);
	char *why = NULL;

	ps->p = p;
	ps->po = po;
	po->probe = xstrdup(p->id);
	po->exit_code = -1;
	po->status = RP_PS_OK;
	ps->scope = rp_probe_scope(p->ldap_scope);
	clock_gettime(CLOCK_MONOTONIC, &ps->t0);
	if (rp_lfilter_parse(f, strlen(f), &ps->f, &why) != 0) {
		po->status = RP_PS_ERROR;
		po->detail = xasprintf("cannot answer this search from an "
		    "LDIF export: %s", why);
		free(why);
		return;
	}
	ps->base_shown = probe_base(a->im, a->sc, p->ldap_base,
	    &ps->separate);
	if (ps->base_shown == NULL || (ps->base = rp_dn_canon(ps->base_shown,
	    strlen(ps->base_shown))) == NULL) {
		po->status = RP_PS_ERROR;
		po->detail = xstrdup("no naming context: give --base-dn");
		return;
	}
	ps->blen = strlen(ps->base);
	probe_attrs(ps);
}

static int
pstate_open(struct answer *a, struct rp_bundle_writer *w, struct pstate *ps,
    char **cause)
{
	int r;

	if (ps->po->status != RP_PS_OK)
		return 0;
	ps->path = rp_bundle_probe_path(w, a->im->id, ps->p->id, "ldif");
	if ((r = rp_out_open(&ps->o, ps->path, 0640, cause)) != 0)
		return r;
	ps->out = ps->o.f;
	/* glibc ignores the size without a buffer: 4 KiB writes */
	ps->outbuf = xmalloc(OUTBUF);
	setvbuf(ps->out, ps->outbuf, _IOFBF, OUTBUF);
	return 0;
}

/* ---------------------------------------------------------------- pass 2 */

static int
wanted(struct pstate *ps, const struct rp_lattr *a)
{
	size_t i;

	if (ps->attrs == NULL)
		return 1;
	for (i = 0; i < ps->nattrs; i++)
		if (ps->attrhash[i] == a->hash &&
		    ps->attrlens[i] == a->namelen &&
		    strcasecmp(ps->attrs[i], a->name) == 0)
			return 1;
	return 0;
}

static void
write_entry(FILE *f, const struct rp_lentry *e, struct pstate *ps)
{
	size_t i, j;

	rp_ldif_write_value(f, "dn", e->dn, strlen(e->dn));
	for (i = 0; i < e->nattrs; i++) {
		if (ps != NULL && !wanted(ps, &e->attrs[i]))
			continue;
		for (j = 0; j < e->attrs[i].n; j++)
			rp_ldif_write_value(f, e->attrs[i].name,
			    e->attrs[i].vals[j].v, e->attrs[i].vals[j].len);
	}
	fputc('\n', f);
}

static void
answer_entry(struct answer *a, struct pstate *ps, const char *canon,
    size_t clen)
{
	size_t max = a->im->max_entries ? a->im->max_entries :
	    RP_LDIF_IMPORT_MAX_ENTRIES;
	const struct pstate *q;

	if (ps->out == NULL)
		return;
	if (ps->same >= 0) {
		q = &a->ps[ps->same];
		ps->m_exact = q->m_exact;
		ps->m_in = q->m_in;
		ps->m_scope = q->m_scope;
	} else {
		ps->m_exact = clen == ps->blen &&
		    memcmp(canon, ps->base, clen) == 0;
		ps->m_in = ps->m_exact || rp_dn_in_scope_n(canon, clen,
		    ps->base, ps->blen, RP_SCOPE_SUB);
		ps->m_scope = ps->m_in && rp_dn_in_scope_n(canon, clen,
		    ps->base, ps->blen, ps->scope);
	}
	if (!ps->m_in)
		return;
	ps->seen = 1;
	ps->seen_exact |= ps->m_exact;
	if (!ps->m_scope)
		return;
	ps->m_match = ps->same_f >= 0 ? a->ps[ps->same_f].m_match :
	    rp_lfilter_match(ps->f, &a->e) == RP_LM_TRUE;
	if (!ps->m_match)
		return;
	if (ps->entries < max)
		write_entry(ps->out, &a->e, ps);
	ps->entries++;
}

/* Probes asking the same of every entry as an earlier one (ps->same). */
static void
link_same(struct answer *a)
{
	struct pstate *ps, *q;
	size_t i, j;

	for (i = 0; i < a->nps; i++) {
		ps = &a->ps[i];
		ps->same = ps->same_f = -1;
		for (j = 0; ps->out != NULL && j < i; j++) {
			q = &a->ps[j];
			if (q->out == NULL || q->scope != ps->scope ||
			    strcmp(q->base, ps->base) != 0)
				continue;
			if (ps->same < 0)
				ps->same = (ssize_t)j;
			if (ps->same_f < 0 && q->same_f < 0 &&
			    strcmp(filter_of(q->p), filter_of(ps->p)) == 0)
				ps->same_f = (ssize_t)j;
		}
	}
}

static void
flush_entry(struct answer *a)
{
	char *canon;
	size_t i, clen;

	if (!a->have || a->e.dn == NULL)
		goto out;
	if ((canon = rp_dn_canon(a->e.dn, strlen(a->e.dn))) == NULL)
		goto out;	/* checked by the first pass */
	clen = strlen(canon);
	if (clen == 0 && a->dse != NULL)
		write_entry(a->dse, &a->e, NULL);
	for (i = 0; i < a->nps; i++)
		answer_entry(a, &a->ps[i], canon, clen);
	free(canon);
out:
	rp_lentry_reset(&a->e);
	a->have = 0;
}

static int
answer_cb(size_t entry, const char *attr, const char *val, size_t len,
    void *arg)
{
	struct answer *a = arg;

	if ((!a->have || entry != a->cur) && is_dn(attr)) {
		flush_entry(a);
		a->cur = entry;
		a->have = 1;
	}
	if (rp_lentry_add(&a->e, attr, val, len) != 0) {
		a->r = rp_fail(&a->err, RP_ERR_TOO_LARGE, "'%s': entry '%.200s'"
		    " is larger than %zu bytes", a->path, a->e.dn ? a->e.dn :
		    "", a->e.max);
		return 1;
	}
	return 0;
}

static void
answer_done(void *arg)
{
	flush_entry(arg);
}

static int
answer_all(struct answer *a, struct dump *d, size_t nfiles, char **cause)
{
	size_t i;
	int r;

	a->e.max = a->im->max_entry ? a->im->max_entry :
	    RP_LDIF_IMPORT_MAX_ENTRY;
	for (i = 0; i < nfiles; i++) {
		a->path = d[i].path;
		a->have = 0;
		r = dump_parse(&d[i], a->e.max, answer_cb, answer_done, a,
		    cause);
		if (a->r != 0)
			return rp_fail(cause, a->r, "%s", a->err);
		if (r != 0)
			return r;
	}
	return 0;
}

/* ---------------------------------------------------------------- status */

static void
probe_status(struct answer *a, struct pstate *ps)
{
	struct rp_probe_out *po = ps->po;
	size_t max = a->im->max_entries ? a->im->max_entries :
	    RP_LDIF_IMPORT_MAX_ENTRIES;
	const char *nc = naming_context(a->im, a->sc);

	if (po->status != RP_PS_OK)
		return;
	if (ps->scope == RP_SCOPE_BASE && !ps->seen_exact && (ps->seen ||
	    ps->separate || *ps->base == '\0')) {
		po->status = RP_PS_ERROR;
		po->detail = xasprintf("not in the LDIF export: the entry "
		    "'%s' is not in it (export it too)", *ps->base_shown ?
		    ps->base_shown : "(rootDSE)");
	} else if (!ps->seen && ps->separate) {
		po->status = RP_PS_ERROR;
		po->detail = xasprintf("not in the LDIF export: nothing at or "
		    "under '%s', a partition the export of '%s' does not "
		    "include (export it too)", ps->base_shown, nc ? nc : "");
	} else if (!ps->seen) {
		po->status = RP_PS_NA;
		po->detail = xstrdup("the search base does not exist");
	} else if (ps->entries > max) {
		po->status = RP_PS_TRUNCATED;
		po->detail = xasprintf("local entry cap reached after %zu "
		    "entries", ps->entries);
	}
}

/* Close each probe's file: kept when it answers the search. */
static int
pstate_finish(struct answer *a, struct pstate *ps, char **cause)
{
	struct rp_probe_out *po = ps->po;
	struct timespec t1;
	struct stat st;
	int bad;

	probe_status(a, ps);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	po->duration_ms = (t1.tv_sec - ps->t0.tv_sec) * 1000 +
	    (t1.tv_nsec - ps->t0.tv_nsec) / 1000000;
	if (ps->out == NULL)
		return 0;
	ps->out = NULL;
	/* a probe in error leaves no file: the temporary is removed */
	bad = rp_out_close(&ps->o, po->status != RP_PS_ERROR, cause);
	free(ps->outbuf);
	ps->outbuf = NULL;
	if (bad != 0 || po->status == RP_PS_ERROR)
		return bad;
	po->file = xasprintf("probes/%s.ldif", ps->p->id);
	po->bytes = stat(ps->path, &st) == 0 ? (size_t)st.st_size : 0;
	return 0;
}

/* ---------------------------------------------------------------- target */

static void
target_fill(const struct rp_ldif_import *im, const struct scan *s,
    const struct dump *d, struct rp_target_ev *t)
{
	const char *nc = naming_context(im, s);
	size_t i;

	t->id = xstrdup(im->id);
	t->kind = im->kind;
	t->address = xstrdup(im->files[0]);
	t->role = im->role ? xstrdup(im->role) : NULL;
	t->user = im->user ? xstrdup(im->user) : NULL;
	t->server = s->vendor ? xasprintf("%s (LDIF export)", s->vendor) :
	    xstrdup("LDIF export");
	t->naming_context = nc ? xstrdup(nc) : NULL;
	for (i = 0; i < im->nfiles; i++)
		if (d[i].mtime > t->started)
			t->started = d[i].mtime;
	t->finished = t->started;
}

/* The rootDSE, when the dump has it, is kept as the collector keeps it. */
static int
rootdse_open(struct answer *a, struct rp_bundle_writer *w,
    struct rp_probe_out *po, char **path, char **cause)
{
	int r;

	*path = rp_bundle_probe_path(w, a->im->id, "rootdse", "ldif");
	po->probe = xstrdup("rootdse");
	po->exit_code = -1;
	po->status = RP_PS_OK;
	if ((r = rp_out_open(&a->dse_o, *path, 0640, cause)) != 0)
		return r;
	a->dse = a->dse_o.f;
	return 0;
}

static int
rootdse_close(struct answer *a, struct rp_probe_out *po, const char *path,
    char **cause)
{
	struct stat st;
	int bad;

	if (a->dse == NULL)
		return 0;
	a->dse = NULL;
	if ((bad = rp_out_close(&a->dse_o, 1, cause)) != 0)
		return bad;
	po->file = xstrdup("probes/rootdse.ldif");
	po->bytes = stat(path, &st) == 0 ? (size_t)st.st_size : 0;
	return 0;
}

/* One warning naming the attributes read by the checks that no entry has. */
static void
warn_unseen(const struct answer *a)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(4096);
	struct nameset told;
	size_t i, j;

	memset(&told, 0, sizeof(told));
	for (i = 0; i < a->nps; i++) {
		const struct pstate *ps = &a->ps[i];

		for (j = 0; j < ps->nattrs; j++) {
			if (nameset_has(&a->sc->names, ps->attrs[j]) ||
			    nameset_has(&told, ps->attrs[j]))
				continue;
			nameset_add(&told, ps->attrs[j]);
			rp_strbuf_addf(&sb, "%s%s", sb.len ? ", " : "",
			    ps->attrs[j]);
		}
	}
	if (sb.len > 0)
		rp_warn("'%s': no entry of the export has %s (unset "
		    "everywhere, or not exported: AD's constructed attributes "
		    "are only returned when asked for by name)", a->im->id,
		    rp_strbuf_str(&sb));
	nameset_release(&told);
	rp_strbuf_release(&sb);
}

static void
target_status(struct answer *a, struct rp_target_ev *t)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(64 * 1024);
	size_t i, nbad = 0;

	for (i = 0; i < a->nps; i++) {
		struct rp_probe_out *po = a->ps[i].po;

		if (po->status == RP_PS_OK || po->status == RP_PS_NA)
			continue;
		rp_strbuf_addf(&sb, "%s%s", nbad ? ", " : "", po->probe);
		nbad++;
	}
	t->status = nbad ? RP_TS_PARTIAL : RP_TS_OK;
	if (nbad)
		t->error = xasprintf("the LDIF export does not answer %zu "
		    "search%s (see the probes' detail): %s", nbad, nbad == 1 ?
		    "" : "es", rp_strbuf_str(&sb));
	rp_strbuf_release(&sb);
}

static int
answer_target(const struct rp_ldif_import *im, const struct scan *s,
    struct dump *d, const struct rp_probe *const *probes, size_t nprobes,
    struct rp_bundle_writer *w, struct rp_target_ev *t, char **cause)
{
	struct answer a;
	char *dsepath = NULL;
	size_t i;
	int r = 0;

	memset(&a, 0, sizeof(a));
	a.im = im;
	a.sc = s;
	target_fill(im, s, d, t);
	t->probes = xcalloc(nprobes + 1, sizeof(*t->probes));
	if (s->has_rootdse &&
	    (r = rootdse_open(&a, w, &t->probes[t->nprobes++], &dsepath,
	    cause)) != 0)
		goto out;
	a.ps = xcalloc(nprobes + 1, sizeof(*a.ps));
	for (i = 0; i < nprobes; i++, a.nps++) {
		pstate_init(&a, &a.ps[i], probes[i], &t->probes[t->nprobes++]);
		if ((r = pstate_open(&a, w, &a.ps[i], cause)) != 0)
			goto out;
	}
	link_same(&a);
	if ((r = answer_all(&a, d, im->nfiles, cause)) != 0)
		goto out;
	if (s->has_rootdse &&
	    (r = rootdse_close(&a, &t->probes[0], dsepath, cause)) != 0)
		goto out;
	for (i = 0; i < a.nps; i++)
		if ((r = pstate_finish(&a, &a.ps[i], cause)) != 0)
			goto out;
	target_status(&a, t);
	warn_unseen(&a);
out:
	if (a.dse != NULL)
		(void)rp_out_close(&a.dse_o, 0, NULL);
	for (i = 0; i < a.nps; i++)
		pstate_release(&a.ps[i]);
	free(a.ps);
	rp_lentry_clear(&a.e);
	free(a.err);
	free(dsepath);
	return r;
}

static int
check_opts(const struct rp_ldif_import *im, char **cause)
{
	char *canon = NULL;

	if (im->nfiles == 0)
		return rp_fail(cause, RP_ERR_INVALID, "no LDIF file given");
	if (im->kind != RP_KIND_AD && im->kind != RP_KIND_OPENLDAP)
		return rp_fail(cause, RP_ERR_INVALID, "an LDIF export is the "
		    "evidence of an ad or openldap target");
	if (im->id == NULL || !rp_valid_id(im->id))
		return rp_fail(cause, RP_ERR_INVALID, "invalid target id "
		    "'%s' ([A-Za-z0-9][A-Za-z0-9._-]*)", im->id ? im->id :
		    "");
	if (im->base_dn != NULL &&
	    (canon = rp_dn_canon(im->base_dn, strlen(im->base_dn))) == NULL)
		return rp_fail(cause, RP_ERR_INVALID, "--base-dn: '%s' is not "
		    "a DN", im->base_dn);
	free(canon);
	return 0;
}

static int
dumps_open(const struct rp_ldif_import *im, struct dump **out, char **cause)
{
	struct dump *d = xcalloc(im->nfiles, sizeof(*d));
	size_t i;
	int r;

	for (i = 0; i < im->nfiles; i++) {
		if ((r = dump_open(im->files[i], &d[i], cause)) != 0) {
			while (i-- > 0)
				dump_close(&d[i]);
			free(d);
			return r;
		}
	}
	*out = d;
	return 0;
}

static void
dumps_close(const struct rp_ldif_import *im, struct dump *d)
{
	size_t i;

	for (i = 0; d != NULL && i < im->nfiles; i++)
		dump_close(&d[i]);
	free(d);
}

int
rp_ldif_import_target(const struct rp_ldif_import *im,
    const struct rp_probe *const *probes, size_t nprobes,
    struct rp_bundle_writer *w, struct rp_target_ev *t, char **cause)
{
	struct dump *d = NULL;
	struct scan s;
	int r;

	memset(&s, 0, sizeof(s));
	if ((r = check_opts(im, cause)) != 0 ||
	    (r = dumps_open(im, &d, cause)) != 0)
		return r;
	if ((r = scan_all(im, d, &s, cause)) == 0)
		r = answer_target(im, &s, d, probes, nprobes, w, t, cause);
	scan_release(&s);
	dumps_close(im, d);
	return r;
}

static int
import_into(const struct rp_ldif_import *im,
    const struct rp_probe *const *probes,
    size_t np, char *const *baselines, size_t nb, const char *outdir,
    int *partial, char **cause)
{
	struct rp_bundle_writer *w = NULL;
	struct rp_target_ev t;
	struct dump *d = NULL;
	struct scan s;
	int r;

	memset(&s, 0, sizeof(s));
	memset(&t, 0, sizeof(t));
	if ((r = dumps_open(im, &d, cause)) != 0)
		return r;
	/* check the whole dump before creating anything */
	if ((r = scan_all(im, d, &s, cause)) != 0 ||
	    (r = rp_bundle_create(outdir, baselines, nb, &w, cause)) != 0)
		goto out;
	if ((r = answer_target(im, &s, d, probes, np, w, &t, cause)) != 0) {
		rp_bundle_finish(w, 1, NULL);
		goto out;
	}
	if ((r = rp_bundle_put_target(w, &t, cause)) != 0) {
		rp_bundle_finish(w, 1, NULL);
		goto out;
	}
	if (partial != NULL)
		*partial = t.status != RP_TS_OK;
	rp_info("'%s': %zu entries, %zu searches answered: %s%s%s", im->id,
	    s.entries, np, rp_tstatus_name(t.status), t.error ? ": " : "",
	    t.error ? t.error : "");
	r = rp_bundle_finish(w, t.status != RP_TS_OK, cause);
out:
	rp_target_release(&t);
	scan_release(&s);
	dumps_close(im, d);
	return r;
}

int
rp_ldif_import(const struct rp_ldif_import *im, char *const *baselines,
    size_t nbaselines, struct rp_content *c, const char *outdir,
    int *partial, char **cause)
{
	struct rp_probe_set ps;
	int r;

	memset(&ps, 0, sizeof(ps));
	if ((r = check_opts(im, cause)) != 0)
		return r;
	if (nbaselines == 0)
		return rp_fail(cause, RP_ERR_INVALID, "no baseline: give -b "
		    "(see 'rempart baseline list')");
	if (im->user == NULL && im->kind == RP_KIND_OPENLDAP)
		rp_warn("'%s': the account the export was made with is not "
		    "given (--bind-dn): its own entries, e.g. its own "
		    "userPassword, count as the others'", im->id);
	/* the LDAP probes of the baselines, as a live collection has them */
	if ((r = rp_content_probes_for(c, baselines, nbaselines, im->kind,
	    RP_PROBE_LDAP, RP_PROBES_DEEP | RP_PROBES_LADDER, &ps, cause)) == 0)
		r = import_into(im, ps.probes, ps.n, baselines, nbaselines,
		    outdir, partial, cause);
	rp_probe_set_release(&ps);
	return r;
}
