/*
 * select.c -- --limit (Ansible host patterns) and --shard K/N over the
 * targets of an inventory or of a bundle. select.h says what they mean.
 */
#include "config.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "collect/inventory.h"
#include "collect/select.h"
#include "core/err.h"
#include "core/log.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "parse/rx.h"
#include "core/banned.h"

#define SEL_MAX_PATTERN	4096
#define SEL_MAX_SHARDS	1000000

enum op { OP_UNION, OP_AND, OP_NOT };

struct term {
	enum op		 op;
	const char	*text;		/* without its '&' or '!' */
	struct rp_rx	*rx;		/* '~regex' */
	int		 special;	/* glob or regex: ids too */
};

struct first_arg {
	const char	*subj;
	int		 at_start;
};

static int
first_cb(const char *s, size_t len, void *arg)
{
	struct first_arg *a = arg;

	(void)len;
	a->at_start = s == a->subj;
	return 1;	/* the leftmost match is enough */
}

/*
 * 1 when the term names s (fnmatch, or the regex from s's start); -1 when
 * the regex could not be run to its end (a match limit).
 */
static int
name_match(const struct term *t, const char *s)
{
	struct first_arg a;

	if (t->rx == NULL)
		return fnmatch(t->text, s, 0) == 0;
	a.subj = s;
	a.at_start = 0;
	if (rp_rx_each(t->rx, s, strlen(s), NULL, first_cb, &a) < 0)
		return -1;
	return a.at_start;
}

/* "web[0]", "web[1:3]", "web[-1]": Ansible's subscripts, refused. */
static int
is_subscript(const char *s)
{
	size_t n = strlen(s), i;
	const char *o;

	if (n < 3 || s[n - 1] != ']' || (o = strrchr(s, '[')) == NULL ||
	    o == s)
		return 0;
	for (i = (size_t)(o - s) + 1; i < n - 1; i++)
		if (!isdigit((unsigned char)s[i]) && s[i] != ':' &&
		    s[i] != '-' && s[i] != ' ')
			return 0;
	return 1;
}

/*
 * Split as Ansible's split_host_pattern: on ',' when there is one, else
 * on ':' outside brackets; each term trimmed, empty terms dropped.
 */
static char **
split_terms(char *p, size_t *n)
{
	char **v = NULL, *s, *e;
	size_t a = 0;
	int comma = strchr(p, ',') != NULL, depth = 0;

	*n = 0;
	for (s = p; ; ) {
		for (e = s; *e != '\0'; e++) {
			if (*e == '[')
				depth++;
			else if (*e == ']' && depth > 0)
				depth--;
			else if (comma ? *e == ',' : (*e == ':' && depth == 0))
				break;
		}
		{
			char c = *e, *b = s, *t = e;

			*e = '\0';
			while (isspace((unsigned char)*b))
				b++;
			while (t > b && isspace((unsigned char)t[-1]))
				*--t = '\0';
			if (*b != '\0') {
				XGROW(v, a, *n);
				v[(*n)++] = b;
			}
			if (c == '\0')
				break;
		}
		s = e + 1;
	}
	return v;
}

static int
parse_term(const char *pattern, char *s, struct term *t, char **cause)
{
	char *why = NULL;
	int r;

	memset(t, 0, sizeof(*t));
	t->op = OP_UNION;
	if (*s == '&' || *s == '!') {
		t->op = *s == '&' ? OP_AND : OP_NOT;
		s++;
	}
	t->text = s;
	if (*s == '\0')
		return rp_fail(cause, RP_ERR_INVALID, "--limit '%s': '%c' "
		    "with nothing after it", pattern,
		    t->op == OP_AND ? '&' : '!');
	if (*s == '@')
		return rp_fail(cause, RP_ERR_INVALID, "--limit '%s': '@FILE' "
		    "is not supported: give the hosts as 'h1,h2,...'",
		    pattern);
	if (*s == '~') {
		t->special = 1;
		if ((r = rp_rx_compile(s + 1, 0, &t->rx, &why)) != 0) {
			r = rp_fail(cause, RP_ERR_INVALID, "--limit '%s': "
			    "regular expression '%s': %s", pattern, s + 1,
			    why ? why : rp_err_str(r));
			free(why);
			return r;
		}
		return 0;
	}
	if (is_subscript(s))
		return rp_fail(cause, RP_ERR_INVALID, "--limit '%s': '%s': "
		    "subscripts ([N], [N:M]) are not supported: an inventory's "
		    "order is no stable selection (use --shard K/N)", pattern,
		    s);
	t->special = strpbrk(s, ".?*[") != NULL;
	return 0;
}

/*
 * The items term t names, into m[], their number in *count; -1 and *bad
 * the name when the term could not be judged on one (never a silent miss:
 * an exclusion would keep it).
 */
static int
term_eval(const struct term *t, const struct rp_sel_item *items, size_t n,
    unsigned char *m, size_t *count, const char **bad)
{
	size_t i, j;
	int group_hit = 0, all, hit;

	*count = 0;
	memset(m, 0, n);
	if ((all = name_match(t, "all")) < 0) {
		*bad = "all";
		return -1;
	}
	for (i = 0; i < n; i++) {
		hit = all;
		if (!hit && items[i].ngroups == 0 &&
		    (hit = name_match(t, "ungrouped")) < 0) {
			*bad = "ungrouped";
			return -1;
		}
		for (j = 0; !hit && j < items[i].ngroups; j++)
			if ((hit = name_match(t, items[i].groups[j])) < 0) {
				*bad = items[i].groups[j];
				return -1;
			}
		if (hit) {
			m[i] = 1;
			group_hit = 1;
		}
	}
	if (!group_hit || t->special)
		for (i = 0; i < n; i++) {
			if (m[i])
				continue;
			if ((hit = name_match(t, items[i].id)) < 0) {
				*bad = items[i].id;
				return -1;
			}
			m[i] = (unsigned char)hit;
		}
	for (i = 0; i < n; i++)
		*count += m[i];
	return 0;
}

int
rp_select_limit(const char *pattern, const struct rp_sel_item *items,
    size_t n, unsigned char *sel, size_t *nomatch, char **cause)
{
	struct term *terms = NULL;
	unsigned char *m = NULL;
	char *copy = NULL, **v = NULL;
	size_t nt = 0, i, j, miss = 0;
	int r = 0, any_union = 0;

	if (nomatch != NULL)
		*nomatch = 0;
	if (strlen(pattern) > SEL_MAX_PATTERN)
		return rp_fail(cause, RP_ERR_INVALID, "--limit: pattern longer "
		    "than %d bytes", SEL_MAX_PATTERN);
	copy = xstrdup(pattern);
	v = split_terms(copy, &nt);
	if (nt == 0) {
		r = rp_fail(cause, RP_ERR_INVALID, "--limit '%s': no host "
		    "pattern", pattern);
		goto out;
	}
	terms = xcalloc(nt, sizeof(*terms));
	for (i = 0; i < nt; i++) {
		if ((r = parse_term(pattern, v[i], &terms[i], cause)) != 0)
			goto out;
		any_union |= terms[i].op == OP_UNION;
	}
	/* no plain term: start from every target, as Ansible's "all" */
	memset(sel, !any_union, n);
	m = xcalloc(n ? n : 1, 1);
	for (int pass = OP_UNION; pass <= OP_NOT; pass++) {
		for (i = 0; i < nt; i++) {
			if ((int)terms[i].op != pass)
				continue;
			size_t cnt;
			const char *bad = NULL;

			if (term_eval(&terms[i], items, n, m, &cnt, &bad) != 0) {
				r = rp_fail(cause, RP_ERR_INVALID, "--limit '%s': "
				    "the regex of '%s' could not be run on '%s' (a "
				    "match limit): nothing selected", pattern,
				    terms[i].text, bad);
				goto out;
			}
			if (cnt == 0) {
				rp_warn("--limit: '%s' matches no target",
				    terms[i].text);
				miss++;
			}
			for (j = 0; j < n; j++) {
				if (pass == OP_UNION)
					sel[j] |= m[j];
				else if (pass == OP_AND)
					sel[j] &= m[j];
				else
					sel[j] &= (unsigned char)!m[j];
			}
		}
	}
	if (nomatch != NULL)
		*nomatch = miss;
out:
	for (i = 0; terms != NULL && i < nt; i++)
		rp_rx_free(terms[i].rx);
	free(terms);
	free(m);
	free(v);
	free(copy);
	return r;
}

int
rp_select_shard_parse(const char *spec, unsigned *k, unsigned *n,
    char **cause)
{
	const char *slash = strchr(spec, '/');
	long long kk, nn;
	char *ks;
	int bad;

	if (slash == NULL)
		return rp_fail(cause, RP_ERR_INVALID, "--shard '%s': expected "
		    "K/N (K from 0 to N-1)", spec);
	ks = xstrndup(spec, (size_t)(slash - spec));
	bad = rp_strtonum(ks, 0, SEL_MAX_SHARDS - 1, &kk) != 0 ||
	    rp_strtonum(slash + 1, 1, SEL_MAX_SHARDS, &nn) != 0;
	free(ks);
	if (bad || kk >= nn)
		return rp_fail(cause, RP_ERR_INVALID, "--shard '%s': expected "
		    "K/N with N from 1 to %d and K from 0 to N-1 (the first "
		    "shard is 0, as Kubernetes' JOB_COMPLETION_INDEX)", spec,
		    SEL_MAX_SHARDS);
	*k = (unsigned)kk;
	*n = (unsigned)nn;
	return 0;
}

unsigned
rp_select_shard_of(const char *id, unsigned n)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	uint64_t v = 0;
	int i;

	if (n <= 1)
		return 0;
	if (EVP_Digest(id, strlen(id), md, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen < 8) {
		rp_error("SHA-256 unavailable");
		abort();
	}
	for (i = 0; i < 8; i++)
		v = v << 8 | md[i];
	return (unsigned)(v % n);
}

int
rp_inventory_select(struct rp_inventory *inv, const char *limit,
    const char *shard, char **cause)
{
	struct rp_sel_item *items;
	unsigned char *sel;
	unsigned k = 0, n = 1;
	size_t i, kept = 0;
	int r = 0;

	if (limit == NULL && shard == NULL)
		return 0;
	if (shard != NULL &&
	    (r = rp_select_shard_parse(shard, &k, &n, cause)) != 0)
		return r;
	items = xcalloc(inv->nhosts + 1, sizeof(*items));
	sel = xcalloc(inv->nhosts + 1, 1);
	for (i = 0; i < inv->nhosts; i++) {
		items[i].id = inv->hosts[i].alias;
		items[i].groups = inv->hosts[i].groups;
		items[i].ngroups = inv->hosts[i].ngroups;
	}
	if (limit != NULL)
		r = rp_select_limit(limit, items, inv->nhosts, sel, NULL,
		    cause);
	else
		memset(sel, 1, inv->nhosts);
	if (r != 0)
		goto out;
	for (i = 0; i < inv->nhosts; i++) {
		if (sel[i] && rp_select_shard_of(inv->hosts[i].alias, n) != k)
			sel[i] = 0;
		if (sel[i])
			kept++;
	}
	if (kept == 0) {
		r = rp_fail(cause, RP_ERR_INVALID, "no target of %s is "
		    "selected by%s%s%s%s%s", inv->file ? inv->file :
		    "the command line", limit ? " --limit '" : "",
		    limit ? limit : "", limit ? "'" : "",
		    shard ? " --shard " : "", shard ? shard : "");
		goto out;
	}
	rp_info("%zu of %zu targets selected%s%s%s%s", kept, inv->nhosts,
	    limit ? " by --limit " : "", limit ? limit : "",
	    shard ? ", --shard " : "", shard ? shard : "");
	rp_inventory_keep(inv, sel);
out:
	free(items);
	free(sel);
	return r;
}
