#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "engine/extract.h"
#include "parse/ldif.h"
#include "parse/rx.h"
#include "core/banned.h"

void
rp_values_release(struct rp_values *vals)
{
	size_t i;

	for (i = 0; i < vals->n; i++)
		free(vals->v[i]);
	free(vals->v);
	free(vals->len);
	memset(vals, 0, sizeof(*vals));
}

void
rp_values_add(struct rp_values *vals, const char *s, size_t len)
{
	size_t cap = vals->cap;

	if (vals->n >= RP_VALUES_MAX) {
		vals->truncated = 1;
		return;
	}
	if (len > RP_VALUE_MAX_BYTES) {
		len = RP_VALUE_MAX_BYTES;
		vals->truncated = 1;
	}
	XGROW(vals->v, vals->cap, vals->n);
	XGROW(vals->len, cap, vals->n);
	vals->v[vals->n] = xmalloc(len + 1);
	memcpy(vals->v[vals->n], s, len);
	vals->v[vals->n][len] = '\0';
	vals->len[vals->n++] = len;
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/* Call fn for each line of data (without its newline). */
static void
each_line(const char *data, size_t len,
    void (*fn)(const char *, size_t, const struct rp_extract *,
    struct rp_values *), const struct rp_extract *x, struct rp_values *out)
{
	const char *p = data, *end = data + len, *nl;
	size_t line = 0;

	while (p < end && out->err == 0) {
		nl = memchr(p, '\n', (size_t)(end - p));
		line++;
		fn(p, nl ? (size_t)(nl - p) : (size_t)(end - p), x, out);
		if (out->err != 0 && out->err_line == 0)
			out->err_line = line;
		p = nl ? nl + 1 : end;
	}
}

static void
kv_line(const char *s, size_t len, const struct rp_extract *x,
    struct rp_values *out)
{
	size_t klen = strlen(x->key);

	while (len > 0 && isblank((unsigned char)*s)) {
		s++;
		len--;
	}
	if (len == 0 || *s == '#' || *s == ';' || len < klen)
		return;
	if (x->icase ? strncasecmp(s, x->key, klen) != 0 :
	    strncmp(s, x->key, klen) != 0)
		return;
	s += klen;
	len -= klen;
	if (x->sep == ' ') {
		if (len > 0 && !isblank((unsigned char)*s))
			return;
	} else {
		while (len > 0 && isblank((unsigned char)*s)) {
			s++;
			len--;
		}
		if (len == 0 || *s != x->sep)
			return;
		s++;
		len--;
	}
	trim(&s, &len);
	rp_values_add(out, s, len);
}

static void
lines_line(const char *s, size_t len, const struct rp_extract *x,
    struct rp_values *out)
{
	int r;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (len == 0)
		return;
	if (x->rx != NULL && (r = rp_rx_test(x->rx, s, len)) != 1) {
		/* a limit is not "no match": the line may be the finding */
		if (r < 0) {
			out->err = r;
			out->err_len = len;
		}
		return;
	}
	rp_values_add(out, s, len);
}

static int
rx_cb(const char *s, size_t len, void *arg)
{
	struct rp_values *out = arg;

	rp_values_add(out, s, len);
	return out->truncated;
}

struct ldif_ctx {
	const struct rp_extract	*x;
	struct rp_values	*out;
	size_t			 last_entry;
	int			 have_label;
	char			*dn;
};

static int
ldif_cb(size_t entry, const char *attr, const char *val, size_t len,
    void *arg)
{
	struct ldif_ctx *c = arg;

	if (c->x->kind == RP_X_LDAP_ATTR) {
		if (strcasecmp(attr, c->x->key) == 0)
			rp_values_add(c->out, val, len);
		return c->out->truncated;
	}
	/* ldap-entries: one value per entry, its label or its DN */
	if (strcasecmp(attr, "dn") == 0) {
		if (c->dn != NULL && !c->have_label)
			rp_values_add(c->out, c->dn, strlen(c->dn));
		free(c->dn);
		c->dn = xstrndup(val, len);
		c->have_label = 0;
		c->last_entry = entry;
	} else if (c->x->key != NULL && !c->have_label &&
	    strcasecmp(attr, c->x->key) == 0) {
		rp_values_add(c->out, val, len);
		c->have_label = 1;
	}
	return c->out->truncated;
}

static int
extract_ldif(const struct rp_extract *x, const char *data, size_t len,
    struct rp_values *out, char **cause)
{
	struct ldif_ctx c;
	long n;

	memset(&c, 0, sizeof(c));
	c.x = x;
	c.out = out;
	n = rp_ldif_parse(data, len, ldif_cb, &c, cause);
	if (x->kind == RP_X_LDAP_ENTRIES && c.dn != NULL && !c.have_label)
		rp_values_add(out, c.dn, strlen(c.dn));
	free(c.dn);
	return n < 0 ? (int)n : 0;
}

static void
apply_pick(const struct rp_extract *x, struct rp_values *v)
{
	enum rp_pick pick = x->pick;
	size_t i, keep;

	if (pick == RP_PICK_DEFAULT)
		pick = x->kind == RP_X_KEYVALUE || x->kind == RP_X_WHOLE ?
		    RP_PICK_FIRST : RP_PICK_ALL;
	if (pick == RP_PICK_ALL || v->n <= 1)
		return;
	keep = pick == RP_PICK_FIRST ? 0 : v->n - 1;
	for (i = 0; i < v->n; i++) {
		if (i != keep)
			free(v->v[i]);
	}
	v->v[0] = v->v[keep];
	v->len[0] = v->len[keep];
	v->n = 1;
}

static void
apply_split(const struct rp_extract *x, struct rp_values *v)
{
	struct rp_values nv;
	const char *s, *p, *e;
	size_t i, l;

	if (x->split == NULL || *x->split == '\0')
		return;
	memset(&nv, 0, sizeof(nv));
	for (i = 0; i < v->n; i++) {
		s = v->v[i];
		e = s + v->len[i];
		while (s < e) {
			for (p = s; p < e && strchr(x->split, *p) == NULL; p++)
				;
			l = (size_t)(p - s);
			trim(&s, &l);
			if (l > 0)
				rp_values_add(&nv, s, l);
			s = p + 1;
		}
	}
	nv.truncated |= v->truncated;
	rp_values_release(v);
	*v = nv;
}

int
rp_extract(const struct rp_extract *x, const char *data, size_t len,
    struct rp_values *out, char **cause)
{
	int r = 0;
	size_t l = len;
	const char *s = data;

	memset(out, 0, sizeof(*out));
	switch (x->kind) {
	case RP_X_KEYVALUE:
		each_line(data, len, kv_line, x, out);
		break;
	case RP_X_LINES:
		each_line(data, len, lines_line, x, out);
		if (out->err != 0)
			r = rp_fail(cause, out->err, "regex '%s' hit its match "
			    "limit on line %zu of this output (%zu bytes): that "
			    "line cannot be judged", x->pattern, out->err_line,
			    out->err_len);
		break;
	case RP_X_WHOLE:
		trim(&s, &l);
		if (l > 0)
			rp_values_add(out, s, l);
		break;
	case RP_X_REGEX:
		r = rp_rx_each(x->rx, data, len, x->group, rx_cb, out);
		if (r < 0)
			r = rp_fail(cause, r, "regex '%s' hit its match "
			    "limit on this output", x->pattern);
		else
			r = 0;
		break;
	case RP_X_LDAP_ATTR:
	case RP_X_LDAP_ENTRIES:
		r = extract_ldif(x, data, len, out, cause);
		break;
	}
	if (r != 0) {
		rp_values_release(out);
		return r;
	}
	apply_pick(x, out);
	apply_split(x, out);
	if (out->n == 0 && x->defval != NULL)
		rp_values_add(out, x->defval, strlen(x->defval));
	return 0;
}

static int
in_list(const char *actual, const char *list, int icase)
{
	const char *s = list, *p;
	size_t l, al = strlen(actual);

	while (*s) {
		p = strchr(s, ',');
		l = p ? (size_t)(p - s) : strlen(s);
		{
			const char *t = s;
			size_t tl = l;

			trim(&t, &tl);
			if (tl == al && (icase ? strncasecmp(t, actual, al) :
			    strncmp(t, actual, al)) == 0)
				return 1;
		}
		if (p == NULL)
			break;
		s = p + 1;
	}
	return 0;
}

static int
num_cmp(const char *a, const char *b, int *cmp, char **cause)
{
	double x, y;

	if (rp_strtod(a, &x) != 0)
		return rp_fail(cause, RP_ERR_INVALID, "'%.64s' is not a "
		    "number", a);
	if (rp_strtod(b, &y) != 0)
		return rp_fail(cause, RP_ERR_INVALID, "expected value "
		    "'%.64s' is not a number", b);
	*cmp = x < y ? -1 : x > y;
	return 0;
}

int
rp_op_test(enum rp_op op, const char *actual, const char *expected,
    int icase, char **cause)
{
	struct rp_rx *rx;
	int cmp = 0, r;

	switch (op) {
	case RP_OP_EQ:
	case RP_OP_NE:
		cmp = icase ? strcasecmp(actual, expected) :
		    strcmp(actual, expected);
		return (cmp == 0) == (op == RP_OP_EQ);
	case RP_OP_LT:
	case RP_OP_LE:
	case RP_OP_GT:
	case RP_OP_GE:
		if ((r = num_cmp(actual, expected, &cmp, cause)) != 0)
			return r;
		return op == RP_OP_LT ? cmp < 0 : op == RP_OP_LE ? cmp <= 0 :
		    op == RP_OP_GT ? cmp > 0 : cmp >= 0;
	case RP_OP_IN:
		return in_list(actual, expected, icase);
	case RP_OP_NOT_IN:
		return !in_list(actual, expected, icase);
	case RP_OP_MATCHES:
	case RP_OP_NOT_MATCHES:
		r = rp_rx_compile(expected, icase ? RP_RX_ICASE : 0, &rx,
		    cause);
		if (r != 0)
			return r;
		r = rp_rx_test(rx, actual, strlen(actual));
		rp_rx_free(rx);
		if (r < 0)
			return rp_fail(cause, r, "regex match limit reached");
		return op == RP_OP_MATCHES ? r : !r;
	case RP_OP_VERSION_LT:
		return rp_version_cmp(actual, expected) < 0;
	case RP_OP_VERSION_LE:
		return rp_version_cmp(actual, expected) <= 0;
	case RP_OP_VERSION_GT:
		return rp_version_cmp(actual, expected) > 0;
	case RP_OP_VERSION_GE:
		return rp_version_cmp(actual, expected) >= 0;
	case RP_OP_ABSENT:
	case RP_OP_PRESENT:
	case RP_OP__COUNT:
		break;
	}
	return rp_fail(cause, RP_ERR_INVALID, "operator '%s' does not "
	    "compare values", rp_op_name(op));
}
