#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "core/err.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "parse/ldapfilter.h"
#include "core/banned.h"

#define DN_MAX	(64u * 1024)

enum ntype {
	N_AND, N_OR, N_NOT, N_EQ, N_GE, N_LE, N_PRESENT, N_SUB, N_EXT,
};

/* How values of an attribute compare (no schema offline: see the .h). */
enum rule {
	R_CASEIGNORE,
	R_CASEEXACT,
	R_INTEGER,
	R_DN,
	R_BITAND,
	R_BITOR,
};

struct node {
	enum ntype		 type;
	char			*attr;		/* NULL: any attribute */
	size_t			 attrlen;
	uint32_t		 hash;		/* of attr */
	enum rule		 rule;
	struct rp_lvalue	 val;		/* assertion, normalized */
	long long		 ival;
	int			 ival_ok;
	int			 category;	/* objectCategory=class */
	int			 is_oc;		/* objectClass */
	struct rp_lvalue	*subs;		/* substrings: pieces */
	size_t			 nsubs;
	int			 initial, final;
	struct node		**kids;
	size_t			 nkids;
	int			 cost;		/* node_cost() */
};

struct rp_lfilter {
	struct node	*root;
};

struct cur {
	const char	*s;
	size_t		 len, pos;
	int		 depth;
	size_t		 nodes;
	char		**cause;
};

/* Attributes whose values do not compare as case-ignore strings. */
static const char *const int_attrs[] = {
	"accountExpires", "adminCount", "badPwdCount", "countryCode",
	"gidNumber", "groupType", "instanceType", "lastLogon",
	"lastLogonTimestamp", "lockoutDuration", "lockoutObservationWindow",
	"lockoutThreshold", "lockoutTime", "logonCount", "maxPwdAge",
	"minPwdAge", "minPwdLength", "ms-DS-MachineAccountQuota",
	"msDS-Behavior-Version", "msDS-KeyVersionNumber",
	"msDS-SupportedEncryptionTypes",
	"msDS-User-Account-Control-Computed", "primaryGroupID",
	"pwdCheckQuality", "pwdExpireWarning", "pwdFailureCountInterval",
	"pwdGraceAuthNLimit", "pwdHistoryLength", "pwdInHistory",
	"pwdLastSet", "pwdLockoutDuration", "pwdMaxAge", "pwdMaxFailure",
	"pwdMinAge", "pwdMinLength", "pwdProperties", "sAMAccountType",
	"shadowExpire", "shadowFlag", "shadowInactive", "shadowLastChange",
	"shadowMax", "shadowMin", "shadowWarning", "systemFlags",
	"trustAttributes", "trustDirection", "trustType", "uSNChanged",
	"uSNCreated", "uidNumber", "userAccountControl",
};

static const char *const exact_attrs[] = {
	"cACertificate", "homeDirectory", "jpegPhoto", "loginShell",
	"logonHours", "memberUid", "mS-DS-ConsistencyGuid",
	"msDS-AllowedToActOnBehalfOfOtherIdentity", "msDS-GenerationId",
	"msDS-ManagedPassword", "nTSecurityDescriptor", "objectGUID",
	"objectSid", "sIDHistory", "securityIdentifier", "thumbnailPhoto",
	"unicodePwd", "unixHomeDirectory", "userCertificate",
	"userPassword",
};

static const char *const dn_attrs[] = {
	"configurationNamingContext", "creatorsName",
	"defaultNamingContext", "defaultObjectCategory", "directReports",
	"distinguishedName", "managedBy", "manager", "member", "memberOf",
	"modifiersName", "namingContexts", "objectCategory",
	"olcPPolicyDefault", "olcRootDN", "olcSuffix", "owner",
	"pwdPolicySubentry", "roleOccupant", "rootDomainNamingContext",
	"schemaNamingContext", "secretary", "seeAlso", "subschemaSubentry",
	"uniqueMember",
};

static const struct {
	const char	*name;
	const char	*oid;
	enum rule	 rule;
} rules[] = {
	{ "integerBitAndMatch", "1.2.840.113556.1.4.803", R_BITAND },
	{ "integerBitOrMatch", "1.2.840.113556.1.4.804", R_BITOR },
	{ "caseIgnoreMatch", "2.5.13.2", R_CASEIGNORE },
	{ "caseExactMatch", "2.5.13.5", R_CASEEXACT },
	{ "octetStringMatch", "2.5.13.17", R_CASEEXACT },
	{ "integerMatch", "2.5.13.14", R_INTEGER },
	{ "distinguishedNameMatch", "2.5.13.1", R_DN },
};

/* Parse time only, and short tables: a linear search. */
static int
in_table(const char *attr, const char *const *tab, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcasecmp(attr, tab[i]) == 0)
			return 1;
	return 0;
}

#define IN(a, t) in_table((a), (t), sizeof(t) / sizeof((t)[0]))

static enum rule
default_rule(const char *attr)
{
	if (IN(attr, int_attrs))
		return R_INTEGER;
	if (IN(attr, exact_attrs))
		return R_CASEEXACT;
	if (IN(attr, dn_attrs))
		return R_DN;
	return R_CASEIGNORE;
}

/* ---------------------------------------------------------------- DNs */

/* ASCII only: the result must not depend on the locale. */
static inline int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static char *
put_canon_byte(char *o, unsigned char c, int edge)
{
	static const char hex[] = "0123456789abcdef";

	int special;

	switch (c) {
	case ',': case '+': case '"': case '\\': case '<': case '>':
	case ';': case '=': case '#':
		special = 1;
		break;
	default:
		special = c < 0x20 || c == 0x7f || (c == ' ' && edge);
	}
	if (special) {
		*o++ = '\\';
		*o++ = hex[c >> 4];
		*o++ = hex[c & 15];
	} else
		*o++ = (char)lc(c);
	return o;
}

/* The byte of the escape at dn[*p] ('\\'): "\\xx" or "\\c"; -1 if cut. */
static int
dn_escape(const char *dn, size_t len, size_t *p)
{
	int h, l;

	if (*p + 1 >= len)
		return -1;
	h = rp_hexval((unsigned char)dn[*p + 1]);
	l = *p + 2 < len ? rp_hexval((unsigned char)dn[*p + 2]) : -1;
	if (h >= 0 && l >= 0) {
		*p += 2;
		return h * 16 + l;
	}
	*p += 1;
	return (unsigned char)dn[*p];
}

/*
 * One attribute value of an RDN, from *i up to an unescaped ',' ';' '+'
 * or the end, decoded into v (room for len bytes). Returns its length
 * without insignificant trailing spaces, or -1 on a bad escape or an open
 * quote.
 */
static ssize_t
dn_value(const char *dn, size_t len, size_t *i, unsigned char *v)
{
	size_t p = *i, n = 0, keep = 0;
	int quoted = 0, c, esc;

	while (p < len && dn[p] == ' ')
		p++;
	if (p < len && dn[p] == '"') {
		quoted = 1;
		p++;
	}
	for (; p < len; p++) {
		c = (unsigned char)dn[p];
		if (quoted && c == '"') {
			quoted = 0;
			keep = n;
			continue;
		}
		if (!quoted && (c == ',' || c == ';' || c == '+'))
			break;
		esc = c == '\\';
		if (esc && (c = dn_escape(dn, len, &p)) < 0)
			return -1;
		v[n++] = (unsigned char)c;
		if (c != ' ' || quoted || esc)
			keep = n;
	}
	*i = p;
	return quoted ? -1 : (ssize_t)keep;
}

/* "Type =" at dn[*i], lowercased at o with its '='; NULL if none. */
static char *
canon_type(const char *dn, size_t len, size_t *i, char *o)
{
	size_t t0, t1;

	while (*i < len && dn[*i] == ' ')
		(*i)++;
	t0 = *i;
	while (*i < len && dn[*i] != '=' && dn[*i] != ',' && dn[*i] != '+')
		(*i)++;
	if (*i >= len || dn[*i] != '=')
		return NULL;
	t1 = *i;
	while (t1 > t0 && dn[t1 - 1] == ' ')
		t1--;
	if (t1 == t0)
		return NULL;
	for (; t0 < t1; t0++)
		*o++ = (char)lc((unsigned char)dn[t0]);
	*o++ = '=';
	(*i)++;
	return o;
}

/*
 * The canonical form of dn into out (room for 3 * len + 1: each byte gives
 * at most "\xx"), with v (room for len) to decode values in. Its length,
 * or -1 if dn is not a DN.
 */
static ssize_t
dn_canon_into(const char *dn, size_t len, char *out, unsigned char *v)
{
	char *o = out;
	size_t i = 0, k;
	ssize_t keep;

	while (i < len && dn[i] == ' ')
		i++;
	if (i == len) {
		*o = '\0';
		return 0;
	}
	for (;;) {
		if ((o = canon_type(dn, len, &i, o)) == NULL ||
		    (keep = dn_value(dn, len, &i, v)) < 0)
			return -1;
		for (k = 0; k < (size_t)keep; k++)
			o = put_canon_byte(o, v[k], k == 0 ||
			    k + 1 == (size_t)keep);
		if (i >= len)
			break;
		*o++ = dn[i] == '+' ? '+' : ',';
		i++;
	}
	*o = '\0';
	return o - out;
}

char *
rp_dn_canon(const char *dn, size_t len)
{
	unsigned char *v;
	char *out;

	if (len > DN_MAX)
		return NULL;
	out = xmalloc(3 * len + 1);
	v = xmalloc(len + 1);
	if (dn_canon_into(dn, len, out, v) < 0) {
		free(out);
		out = NULL;
	}
	free(v);
	return out;
}

size_t
rp_dn_depth(const char *canon)
{
	size_t n = 0;

	if (*canon == '\0')
		return 0;
	for (n = 1; *canon; canon++)
		if (*canon == ',')
			n++;
	return n;
}

int
rp_dn_in_scope_n(const char *dn, size_t dl, const char *base, size_t bl,
    int scope)
{
	if (bl == 0) {
		if (scope == 0)
			return dl == 0;
		if (dl == 0)
			return 0;
		return scope == 2 || rp_dn_depth(dn) == 1;
	}
	if (dl == bl)
		return scope != 1 && memcmp(dn, base, dl) == 0;
	if (dl < bl || scope == 0 || dn[dl - bl - 1] != ',' ||
	    memcmp(dn + dl - bl, base, bl) != 0)
		return 0;
	return scope == 2 || rp_dn_depth(dn) == rp_dn_depth(base) + 1;
}

int
rp_dn_in_scope(const char *dn, const char *base, int scope)
{
	return rp_dn_in_scope_n(dn, strlen(dn), base, strlen(base), scope);
}

/* Offset just after the k-th RDN separator of dn (k from 1), or len. */
static size_t
after_sep(const char *dn, size_t len, size_t k, size_t *nsep)
{
	size_t i;
	int quoted = 0;

	for (i = 0, *nsep = 0; i < len; i++) {
		if (dn[i] == '\\' && i + 1 < len)
			i++;
		else if (dn[i] == '"')
			quoted = !quoted;
		else if (!quoted && (dn[i] == ',' || dn[i] == ';') &&
		    ++*nsep == k)
			return i + 1;
	}
	return len;
}

size_t
rp_dn_suffix_offset(const char *dn, size_t n)
{
	size_t len = strlen(dn), i, nsep;

	if (n == 0)
		return len;
	after_sep(dn, len, 0, &nsep);
	if (n > nsep)
		return 0;
	i = after_sep(dn, len, nsep + 1 - n, &nsep);
	while (i < len && dn[i] == ' ')
		i++;
	return i;
}

/* ---------------------------------------------------------------- parse */

static int
perr(struct cur *c, int err, const char *what)
{
	return rp_fail(c->cause, err, "bad LDAP filter at offset %zu: %s",
	    c->pos, what);
}

static void
node_free(struct node *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	for (i = 0; i < n->nsubs; i++)
		free(n->subs[i].v);
	free(n->subs);
	free(n->val.v);
	free(n->attr);
	free(n);
}

void
rp_lfilter_free(struct rp_lfilter *f)
{
	if (f == NULL)
		return;
	node_free(f->root);
	free(f);
}

static int
attr_char(int c)
{
	return isalnum(c) || c == '-' || c == '.' || c == ';' || c == '_';
}

/* An attribute description; options (";binary") are dropped. */
static int
parse_attr(struct cur *c, char **out)
{
	size_t start = c->pos, end;

	while (c->pos < c->len && attr_char((unsigned char)c->s[c->pos]))
		c->pos++;
	end = c->pos;
	if (memchr(c->s + start, ';', end - start) != NULL)
		end = (size_t)((const char *)memchr(c->s + start, ';',
		    end - start) - c->s);
	*out = NULL;
	if (end == start)
		return 0;
	if (!isalnum((unsigned char)c->s[start])) {
		c->pos = start;
		return perr(c, RP_ERR_PARSE, "an attribute name starts with "
		    "a letter or a digit");
	}
	*out = xstrndup(c->s + start, end - start);
	return 0;
}

/* Decode s[a..b) (RFC 4515 escapes \XX; legacy \* \( \) \\ too). */
static int
unescape(struct cur *c, size_t a, size_t b, struct rp_lvalue *out)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(RP_LFILTER_MAX_LEN);
	size_t i;
	int h, l;

	for (i = a; i < b; i++) {
		unsigned char ch = (unsigned char)c->s[i];

		if (ch == '(') {
			c->pos = i;
			rp_strbuf_release(&sb);
			return perr(c, RP_ERR_PARSE, "unescaped '(' in a value "
			    "(write \\28)");
		}
		if (ch != '\\') {
			rp_strbuf_addch(&sb, ch);
			continue;
		}
		h = i + 1 < b ? rp_hexval((unsigned char)c->s[i + 1]) : -1;
		l = i + 2 < b ? rp_hexval((unsigned char)c->s[i + 2]) : -1;
		if (h >= 0 && l >= 0) {
			rp_strbuf_addch(&sb, h * 16 + l);
			i += 2;
		} else if (i + 1 < b && strchr("*()\\", c->s[i + 1]) != NULL) {
			rp_strbuf_addch(&sb, c->s[++i]);
		} else {
			c->pos = i;
			rp_strbuf_release(&sb);
			return perr(c, RP_ERR_PARSE, "bad escape: '\\' must be "
			    "followed by two hex digits");
		}
	}
	out->v = rp_strbuf_detach(&sb, &out->len);
	if (out->v == NULL)
		out->v = xstrdup("");
	return 0;
}

/* End of a value: the first ')' not escaped. */
static int
value_end(struct cur *c, size_t *end)
{
	size_t i;

	for (i = c->pos; i < c->len; i++) {
		if (c->s[i] == '\\' && i + 1 < c->len)
			i++;
		else if (c->s[i] == ')')
			break;
		else if (c->s[i] == '\0') {
			c->pos = i;
			return perr(c, RP_ERR_PARSE, "NUL byte in a value "
			    "(write \\00)");
		}
	}
	if (i >= c->len) {
		c->pos = c->len;
		return perr(c, RP_ERR_PARSE, "missing ')'");
	}
	*end = i;
	return 0;
}

/*
 * Case-insensitive form with insignificant spaces removed, into o (room
 * for len + 1); its length.
 */
static size_t
norm_ci_into(const char *v, size_t len, char *o)
{
	size_t i = 0, n = 0;
	int space = 0;

	while (i < len && v[i] == ' ')
		i++;
	for (; i < len; i++) {
		if (v[i] == ' ') {
			space = 1;
			continue;
		}
		if (space)
			o[n++] = ' ';
		space = 0;
		o[n++] = (char)lc((unsigned char)v[i]);
	}
	o[n] = '\0';
	return n;
}

/* The same, owned. */
static void
norm_ci(const char *v, size_t len, struct rp_lvalue *out)
{
	out->v = xmalloc(len + 1);
	out->len = norm_ci_into(v, len, out->v);
}

static int
parse_int(const char *v, size_t len, long long *out)
{
	size_t i = len > 0 && (v[0] == '-' || v[0] == '+');
	long long x = 0;

	/* the common case, without strtoll: a sign, up to 18 digits */
	if (len > i && len - i <= 18) {
		for (; i < len && v[i] >= '0' && v[i] <= '9'; i++)
			x = x * 10 + (v[i] - '0');
		if (i == len) {
			*out = v[0] == '-' ? -x : x;
			return 0;
		}
	}
	if (len == 0 || len > 24 || memchr(v, '\0', len) != NULL)
		return -1;
	return rp_strtonum(v, LLONG_MIN, LLONG_MAX, out) == 0 ? 0 : -1;
}

/* One decimal part of a SID string, from *p to the next '-' or end. */
static int
sid_part(const char **p, const char *end, long long max, long long *v)
{
	const char *dash = memchr(*p, '-', (size_t)(end - *p));
	size_t plen = (size_t)((dash ? dash : end) - *p);
	char part[24];

	if (plen == 0 || plen >= sizeof(part))
		return -1;
	memcpy(part, *p, plen);
	part[plen] = '\0';
	if (rp_strtonum(part, 0, max, v) != 0)
		return -1;
	*p = dash ? dash + 1 : end + 1;
	return dash != NULL;
}

/*
 * "S-1-5-21-...-512" to its binary form (AD accepts the string form in a
 * filter on objectSid): revision, count, 48-bit authority (big endian),
 * then up to 15 32-bit sub-authorities (little endian). Returns the
 * length, or 0.
 */
static size_t
sid_parse(const char *s, size_t len, unsigned char *out)
{
	const char *p = s + 2, *end = s + len;
	long long v;
	size_t n = 8, i;
	int more, k;

	if (len < 4 || (s[0] != 'S' && s[0] != 's') || s[1] != '-' ||
	    sid_part(&p, end, 255, &v) != 1)
		return 0;
	out[0] = (unsigned char)v;
	if ((more = sid_part(&p, end, 0xffffffffffffLL, &v)) < 0)
		return 0;
	for (i = 0; i < 6; i++)
		out[2 + i] = (unsigned char)(v >> (8 * (5 - i)));
	for (k = 0; more == 1; k++) {
		if (k == 15 || (more = sid_part(&p, end, 0xffffffffLL, &v)) < 0)
			return 0;
		for (i = 0; i < 4; i++)
			out[n++] = (unsigned char)(v >> (8 * i));
	}
	out[1] = (unsigned char)k;
	return n;
}

/* Normalize an assertion value for its rule, once, at parse time. */
static void
prepare_value(struct node *n)
{
	struct rp_lvalue v;
	char *canon;

	n->ival_ok = parse_int(n->val.v, n->val.len, &n->ival) == 0;
	if (n->rule == R_CASEEXACT && n->attr != NULL &&
	    (strcasecmp(n->attr, "objectSid") == 0 ||
	    strcasecmp(n->attr, "sIDHistory") == 0 ||
	    strcasecmp(n->attr, "securityIdentifier") == 0)) {
		unsigned char sid[8 + 4 * 15 + 1];
		size_t sl = sid_parse(n->val.v, n->val.len, sid);

		if (sl > 0) {
			free(n->val.v);
			n->val.v = xmemdup(sid, sl + 1);
			n->val.v[sl] = '\0';
			n->val.len = sl;
		}
		return;
	}
	if (n->rule == R_CASEIGNORE) {
		norm_ci(n->val.v, n->val.len, &v);
		free(n->val.v);
		n->val = v;
	} else if (n->rule == R_DN) {
		if (n->attr != NULL && strcasecmp(n->attr, "objectCategory")
		    == 0 && memchr(n->val.v, '=', n->val.len) == NULL) {
			n->category = 1;
			norm_ci(n->val.v, n->val.len, &v);
			free(n->val.v);
			n->val = v;
			return;
		}
		canon = rp_dn_canon(n->val.v, n->val.len);
		if (canon != NULL) {
			free(n->val.v);
			n->val.v = canon;
			n->val.len = strlen(canon);
		}
	}
}

static int
parse_substrings(struct cur *c, struct node *n, size_t end)
{
	size_t start = c->pos, a = c->pos, i;
	int r;

	n->type = N_SUB;
	for (i = start; i <= end; i++) {
		if (i < end && c->s[i] == '\\' && i + 1 < end) {
			i++;
			continue;
		}
		if (i < end && c->s[i] != '*')
			continue;
		if (i > a) {
			if (a == start)
				n->initial = 1;
			if (i == end)
				n->final = 1;
			n->subs = xreallocarray(n->subs, n->nsubs + 1,
			    sizeof(*n->subs));
			if ((r = unescape(c, a, i, &n->subs[n->nsubs])) != 0)
				return r;
			n->nsubs++;
		}
		a = i + 1;
	}
	for (i = 0; n->rule == R_CASEIGNORE && i < n->nsubs; i++) {
		struct rp_lvalue v;

		norm_ci(n->subs[i].v, n->subs[i].len, &v);
		free(n->subs[i].v);
		n->subs[i] = v;
	}
	return 0;
}

static int
has_star(const struct cur *c, size_t a, size_t b)
{
	size_t i;

	for (i = a; i < b; i++) {
		if (c->s[i] == '\\')
			i++;
		else if (c->s[i] == '*')
			return 1;
	}
	return 0;
}

static int
lookup_rule(struct cur *c, size_t a, size_t b, enum rule *out)
{
	static const char chain[] = "1.2.840.113556.1.4.1941";
	size_t i, n = b - a;

	if (n == sizeof(chain) - 1 && memcmp(c->s + a, chain, n) == 0)
		return perr(c, RP_ERR_UNSUPPORTED, "matching rule in chain "
		    "(1.2.840.113556.1.4.1941) cannot be evaluated on an "
		    "LDIF export");
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if ((strlen(rules[i].oid) == n &&
		    memcmp(rules[i].oid, c->s + a, n) == 0) ||
		    (strlen(rules[i].name) == n &&
		    strncasecmp(rules[i].name, c->s + a, n) == 0)) {
			*out = rules[i].rule;
			return 0;
		}
	}
	return rp_fail(c->cause, RP_ERR_UNSUPPORTED, "bad LDAP filter at "
	    "offset %zu: unknown matching rule '%.*s'", c->pos, (int)n,
	    c->s + a);
}

/* After "attr:" -- [dn:]rule:=value */
static int
parse_extensible(struct cur *c, struct node *n)
{
	size_t a, end;
	int r;

	n->type = N_EXT;
	if (c->len - c->pos >= 3 && strncasecmp(c->s + c->pos, "dn:", 3) == 0)
		return perr(c, RP_ERR_UNSUPPORTED, "the :dn: flag is not "
		    "supported on an LDIF export");
	if (c->pos < c->len && c->s[c->pos] == '=') {
		if (n->attr == NULL)
			return perr(c, RP_ERR_PARSE, "an extensible match "
			    "needs an attribute or a matching rule");
		c->pos++;
		return 0;
	}
	a = end = c->pos;
	while (end < c->len && (isalnum((unsigned char)c->s[end]) ||
	    c->s[end] == '.' || c->s[end] == '-'))
		end++;
	if (end == a)
		return perr(c, RP_ERR_PARSE, "expected a matching rule");
	if ((r = lookup_rule(c, a, end, &n->rule)) != 0)
		return r;
	c->pos = end;
	if (c->len - c->pos < 2 || c->s[c->pos] != ':' ||
	    c->s[c->pos + 1] != '=')
		return perr(c, RP_ERR_PARSE, "expected ':=' after the "
		    "matching rule");
	c->pos += 2;
	return 0;
}

/* The operator after the attribute: = ~= >= <= or :[rule]:= */
static int
parse_op(struct cur *c, struct node *n)
{
	char op;

	if (c->pos >= c->len)
		return perr(c, RP_ERR_PARSE, "missing ')'");
	op = c->s[c->pos];
	if (op == '=') {
		n->type = N_EQ;
		c->pos++;
		return 0;
	}
	if (op == ':') {
		c->pos++;
		return parse_extensible(c, n);
	}
	if (op != '~' && op != '>' && op != '<')
		return perr(c, RP_ERR_PARSE, n->attr == NULL ?
		    "expected an attribute name" : "expected '=', '~=', "
		    "'>=', '<=' or ':' after the attribute");
	if (c->pos + 1 >= c->len || c->s[c->pos + 1] != '=')
		return perr(c, RP_ERR_PARSE, "expected '=' after '~', '>' or "
		    "'<'");
	n->type = op == '>' ? N_GE : op == '<' ? N_LE : N_EQ;
	c->pos += 2;
	return 0;
}

/*
 * What matching a node costs, roughly: looking an attribute up, comparing
 * integers or strings, canonicalizing DNs, searching substrings, reading
 * every attribute; a list costs more than its dearest item. Computed once
 * its items are parsed (n->cost).
 */
static int
node_cost(const struct node *n)
{
	size_t i;
	int c = 0;

	switch (n->type) {
	case N_AND:
	case N_OR:
	case N_NOT:
		for (i = 0; i < n->nkids; i++)
			if (n->kids[i]->cost > c)
				c = n->kids[i]->cost;
		return c + 1;
	default:
		break;
	}
	if (n->attr == NULL)
		return 8;
	if (n->type == N_PRESENT)
		return 1;
	if (n->type == N_SUB)
		return 5;
	if (n->rule == R_DN && !n->category)
		return 4;
	return 2;
}

/*
 * The items of & and | cheapest first: the first FALSE item of an & (TRUE
 * of an |) ends the match, and the result does not depend on the order
 * (three-valued logic, RFC 4511 4.5.1.7). Stable: equal costs keep the
 * order written.
 */
static void
sort_kids(struct node *n)
{
	struct node *k;
	size_t i, j;
	int c;

	if (n->type != N_AND && n->type != N_OR)
		return;
	for (i = 1; i < n->nkids; i++) {
		k = n->kids[i];
		c = k->cost;
		for (j = i; j > 0 && n->kids[j - 1]->cost > c; j--)
			n->kids[j] = n->kids[j - 1];
		n->kids[j] = k;
	}
}

/* attr op value, c->pos after '(' and at the attribute. */
static int
parse_item(struct cur *c, struct node *n)
{
	size_t end = 0;
	int r;

	if ((r = parse_attr(c, &n->attr)) != 0)
		return r;
	if (n->attr != NULL) {
		n->attrlen = strlen(n->attr);
		n->hash = rp_lattr_hash(n->attr, n->attrlen);
		n->rule = default_rule(n->attr);
		n->is_oc = strcasecmp(n->attr, "objectClass") == 0;
	}
	if ((r = parse_op(c, n)) != 0)
		return r;
	if (n->attr == NULL && n->type != N_EXT)
		return perr(c, RP_ERR_PARSE, "expected an attribute name");
	if ((r = value_end(c, &end)) != 0)
		return r;
	if (n->type == N_EQ && end == c->pos + 1 && c->s[c->pos] == '*')
		n->type = N_PRESENT;
	else if (n->type == N_EQ && has_star(c, c->pos, end)) {
		if ((r = parse_substrings(c, n, end)) != 0)
			return r;
	} else {
		if ((r = unescape(c, c->pos, end, &n->val)) != 0)
			return r;
		prepare_value(n);
		if ((n->rule == R_BITAND || n->rule == R_BITOR) && !n->ival_ok)
			return perr(c, RP_ERR_PARSE, "a bitwise matching rule "
			    "needs an integer value");
	}
	c->pos = end;
	n->cost = node_cost(n);
	return 0;
}

static int parse_filter(struct cur *c, struct node **out);

static int
parse_list(struct cur *c, struct node *n)
{
	struct node *k;
	int r;

	while (c->pos < c->len && c->s[c->pos] == '(') {
		if (n->type == N_NOT && n->nkids == 1)
			return perr(c, RP_ERR_PARSE, "'!' takes one filter");
		if ((r = parse_filter(c, &k)) != 0)
			return r;
		n->kids = xreallocarray(n->kids, n->nkids + 1,
		    sizeof(*n->kids));
		n->kids[n->nkids++] = k;
	}
	if (n->type == N_NOT && n->nkids != 1)
		return perr(c, RP_ERR_PARSE, "'!' needs a filter in "
		    "parentheses");
	sort_kids(n);
	n->cost = node_cost(n);
	return 0;
}

static int
parse_filter(struct cur *c, struct node **out)
{
	struct node *n;
	int r;

	if (c->pos >= c->len || c->s[c->pos] != '(')
		return perr(c, RP_ERR_PARSE, "expected '('");
	if (++c->depth > RP_LFILTER_MAX_DEPTH)
		return perr(c, RP_ERR_TOO_LARGE, "nested too deeply");
	if (++c->nodes > RP_LFILTER_MAX_NODES)
		return perr(c, RP_ERR_TOO_LARGE, "too many items");
	c->pos++;
	n = xcalloc(1, sizeof(*n));
	if (c->pos < c->len && strchr("&|!", c->s[c->pos]) != NULL &&
	    c->s[c->pos] != '\0') {
		n->type = c->s[c->pos] == '&' ? N_AND : c->s[c->pos] == '|' ?
		    N_OR : N_NOT;
		c->pos++;
		r = parse_list(c, n);
	} else
		r = parse_item(c, n);
	if (r == 0 && (c->pos >= c->len || c->s[c->pos] != ')'))
		r = perr(c, RP_ERR_PARSE, "expected ')'");
	if (r != 0) {
		node_free(n);
		return r;
	}
	c->pos++;
	c->depth--;
	*out = n;
	return 0;
}

int
rp_lfilter_parse(const char *s, size_t len, struct rp_lfilter **out,
    char **cause)
{
	struct cur c;
	struct node *root = NULL;
	struct rp_strbuf sb = RP_STRBUF_INIT(RP_LFILTER_MAX_LEN + 2);
	int r;

	if (len > RP_LFILTER_MAX_LEN)
		return rp_fail(cause, RP_ERR_TOO_LARGE, "LDAP filter longer "
		    "than %d bytes", RP_LFILTER_MAX_LEN);
	memset(&c, 0, sizeof(c));
	c.cause = cause;
	if (len == 0 || s[0] != '(') {
		/* "uid=x" as ldapsearch takes it */
		rp_strbuf_addch(&sb, '(');
		rp_strbuf_add(&sb, s, len);
		rp_strbuf_addch(&sb, ')');
		s = sb.buf;
		len = sb.len;
	}
	c.s = s;
	c.len = len;
	r = parse_filter(&c, &root);
	if (r == 0 && c.pos != c.len) {
		r = perr(&c, RP_ERR_PARSE, "unexpected text after the filter");
		node_free(root);
	}
	rp_strbuf_release(&sb);
	if (r != 0)
		return r;
	*out = xcalloc(1, sizeof(**out));
	(*out)->root = root;
	return 0;
}

/* ---------------------------------------------------------------- entries */

#define LBLOCK_MIN	(64u * 1024)

struct rp_lblock {
	struct rp_lblock	*next;
	size_t			 cap, used;
	char			 data[];
};

uint32_t
rp_lattr_hash(const char *name, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (uint32_t)lc((unsigned char)name[i])) * 16777619u;
	return h;
}

/* n bytes of the entry's storage, kept until the next reset. */
static char *
lentry_alloc(struct rp_lentry *e, size_t n)
{
	struct rp_lblock *b = e->cur, *nb;
	char *p;

	while (b != NULL && b->cap - b->used < n) {
		b = b->next;
		if (b != NULL)
			b->used = 0;
	}
	if (b == NULL) {
		nb = xmalloc(sizeof(*nb) + (n > LBLOCK_MIN ? n : LBLOCK_MIN));
		nb->cap = n > LBLOCK_MIN ? n : LBLOCK_MIN;
		nb->used = 0;
		/* after the current block, before the ones not used yet */
		if (e->cur == NULL) {
			nb->next = e->blocks;
			e->blocks = nb;
		} else {
			nb->next = e->cur->next;
			e->cur->next = nb;
		}
		b = nb;
	}
	e->cur = b;
	p = b->data + b->used;
	b->used += n;
	return p;
}

static char *
lentry_dup(struct rp_lentry *e, const char *s, size_t n)
{
	char *p = lentry_alloc(e, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
rp_lentry_reset(struct rp_lentry *e)
{
	if (e->nattrs > 0)
		memset(e->tab, 0, e->tcap * sizeof(*e->tab));
	e->dn = NULL;
	e->nattrs = 0;
	e->bytes = 0;
	e->cur = e->blocks;
	if (e->cur != NULL)
		e->cur->used = 0;
}

void
rp_lentry_clear(struct rp_lentry *e)
{
	struct rp_lblock *b, *next;
	size_t i;

	for (i = 0; i < e->aattrs; i++)
		free(e->attrs[i].vals);
	free(e->attrs);
	free(e->tab);
	e->tab = NULL;
	e->tcap = 0;
	for (b = e->blocks; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	e->blocks = e->cur = NULL;
	e->dn = NULL;
	e->attrs = NULL;
	e->nattrs = e->aattrs = 0;
	e->bytes = 0;
}

static size_t
name_len(const char *name)
{
	const char *semi = strchr(name, ';');

	return semi ? (size_t)(semi - name) : strlen(name);
}

/* ASCII case-insensitive equality of n bytes (names are ASCII). */
static inline int
ci_eq(const char *a, const char *b, size_t n)
{
	size_t i;

	if (memcmp(a, b, n) == 0)	/* mostly written alike */
		return 1;
	for (i = 0; i < n; i++)
		if (lc((unsigned char)a[i]) != lc((unsigned char)b[i]))
			return 0;
	return 1;
}

static ssize_t
attr_index(const struct rp_lentry *e, const char *name, size_t n,
    uint32_t hash)
{
	const struct rp_lattr *a;
	size_t i, mask = e->tcap - 1;

	if (e->nattrs == 0)
		return -1;
	for (i = hash & mask; e->tab[i] != 0; i = (i + 1) & mask) {
		a = &e->attrs[e->tab[i] - 1];
		if (a->hash == hash && a->namelen == n &&
		    ci_eq(a->name, name, n))
			return (ssize_t)(e->tab[i] - 1);
	}
	return -1;
}

/* Index attribute k (just added) by its hash; at most half full. */
static void
tab_add(struct rp_lentry *e, size_t k)
{
	size_t i, mask;

	if (2 * (k + 1) > e->tcap) {
		free(e->tab);
		e->tcap = e->tcap ? 2 * e->tcap : 64;
		e->tab = xcalloc(e->tcap, sizeof(*e->tab));
		for (i = 0; i < k; i++)
			tab_add(e, i);
	}
	mask = e->tcap - 1;
	for (i = e->attrs[k].hash & mask; e->tab[i] != 0; i = (i + 1) & mask)
		;
	e->tab[i] = (uint32_t)k + 1;
}

const struct rp_lattr *
rp_lentry_get(const struct rp_lentry *e, const char *name)
{
	size_t n = name_len(name);
	ssize_t i = attr_index(e, name, n, rp_lattr_hash(name, n));

	return i < 0 ? NULL : &e->attrs[i];
}

int
rp_lentry_add(struct rp_lentry *e, const char *attr, const char *val,
    size_t len)
{
	struct rp_lattr *a;
	size_t nl = name_len(attr), cost = len + nl + 2 * sizeof(void *);
	uint32_t h;
	ssize_t i;

	if (e->max && (cost > e->max || e->bytes > e->max - cost))
		return RP_ERR_TOO_LARGE;
	e->bytes += cost;
	if (e->dn == NULL && (attr[0] | 0x20) == 'd' &&
	    strcasecmp(attr, "dn") == 0) {
		e->dn = lentry_dup(e, val, len);
		return 0;
	}
	h = rp_lattr_hash(attr, nl);
	/* the values of an attribute mostly follow each other */
	a = e->nattrs > 0 ? &e->attrs[e->nattrs - 1] : NULL;
	if (a != NULL && a->hash == h && a->namelen == nl &&
	    ci_eq(a->name, attr, nl))
		i = (ssize_t)e->nattrs - 1;
	else
		i = attr_index(e, attr, nl, h);
	if (i >= 0)
		a = &e->attrs[i];
	else {
		/* slots past nattrs keep their value arrays for reuse */
		XGROW(e->attrs, e->aattrs, e->nattrs);
		a = &e->attrs[e->nattrs++];
		a->namelen = nl;
		a->hash = h;
		a->name = lentry_dup(e, attr, nl);
		a->n = 0;
		tab_add(e, e->nattrs - 1);
	}
	XGROW(a->vals, a->alloc, a->n);
	a->vals[a->n].v = lentry_dup(e, val, len);
	a->vals[a->n].len = len;
	a->n++;
	return 0;
}

/* ---------------------------------------------------------------- match */

/* The case-insensitive form of a value, one byte at a time (see norm_ci). */
struct ncur {
	const unsigned char	*p, *end;
	int			 started;
};

static int
ncur_next(struct ncur *c)
{
	if (c->p < c->end && *c->p == ' ') {
		while (c->p < c->end && *c->p == ' ')
			c->p++;
		if (c->p == c->end)
			return -1;
		if (c->started)
			return ' ';
	}
	if (c->p == c->end)
		return -1;
	c->started = 1;
	return lc(*c->p++);
}

/* Compare a raw value with a normalized case-insensitive assertion. */
static int
ci_cmp(const char *v, size_t vlen, const struct rp_lvalue *a)
{
	struct ncur c = { (const unsigned char *)v,
	    (const unsigned char *)v + vlen, 0 };
	size_t i;
	int x, y;

	for (i = 0;; i++) {
		x = ncur_next(&c);
		if (i == a->len)
			return x < 0 ? 0 : 1;
		if (x < 0)
			return -1;
		y = (unsigned char)a->v[i];
		if (x != y)
			return x < y ? -1 : 1;
	}
}

static int
bin_cmp(const char *v, size_t vlen, const struct rp_lvalue *a)
{
	int c = memcmp(v, a->v, vlen < a->len ? vlen : a->len);

	if (c == 0)
		c = vlen < a->len ? -1 : vlen > a->len;
	return c;
}

/* objectCategory=person: the first RDN of "CN=Person,CN=Schema,..." */
static int
category_eq(const char *v, size_t vlen, const struct rp_lvalue *a)
{
	const char *want = a->v;
	size_t i = 0, j = 0;

	if (strcmp(want, "user") == 0 || strcmp(want, "inetorgperson") == 0 ||
	    strcmp(want, "contact") == 0)
		want = "person";
	if (vlen > 3 && strncasecmp(v, "cn=", 3) == 0)
		i = 3;
	else
		return ci_cmp(v, vlen, a) == 0;
	for (; i < vlen && v[i] != ','; i++) {
		if (v[i] == '-')
			continue;
		if (want[j] == '\0' || lc((unsigned char)v[i]) != want[j])
			return 0;
		j++;
	}
	return want[j] == '\0';
}

static uint64_t
bits(long long v, int narrow)
{
	return narrow ? (uint64_t)v & 0xffffffffu : (uint64_t)v;
}

static int
fits32(long long v)
{
	return v >= -2147483648LL && v <= 4294967295LL;
}

static enum rp_lmatch
match_bitwise(const struct node *n, const struct rp_lvalue *v)
{
	long long x;
	uint64_t a, b;
	int narrow;

	if (parse_int(v->v, v->len, &x) != 0)
		return RP_LM_UNDEFINED;
	narrow = fits32(x) && fits32(n->ival);
	a = bits(x, narrow);
	b = bits(n->ival, narrow);
	if (n->rule == R_BITAND)
		return (a & b) == b ? RP_LM_TRUE : RP_LM_FALSE;
	return (a & b) != 0 ? RP_LM_TRUE : RP_LM_FALSE;
}

#define SMALL	256	/* values this long are normalized on the stack */

/* One match: the last value normalized for substrings, kept for the next. */
struct mctx {
	const char	*raw;
	size_t		 rawlen, len;
	char		 norm[SMALL + 1];
};

/* Is the DN v, once canonical, the canonical assertion a? */
static int
dn_eq(const struct rp_lvalue *v, const struct rp_lvalue *a)
{
	char out[3 * SMALL + 1], *o = out;
	unsigned char dec[SMALL], *d = dec;
	ssize_t n;
	int eq;

	if (v->len > DN_MAX)
		return 0;
	if (v->len > SMALL) {
		o = xmalloc(3 * v->len + 1);
		d = xmalloc(v->len + 1);
	}
	n = dn_canon_into(v->v, v->len, o, d);
	/* strcmp: a is not canonical (nor NUL-free) if it was not a DN */
	eq = n >= 0 && strcmp(o, a->v) == 0;
	if (o != out) {
		free(o);
		free(d);
	}
	return eq;
}

/* Ordering or equality of one value: <0, 0, >0, or 2 for undefined. */
static int
value_cmp(const struct node *n, const struct rp_lvalue *v)
{
	long long x;
	int ordering = n->type == N_GE || n->type == N_LE;

	if ((n->rule == R_INTEGER || ordering) && n->ival_ok &&
	    parse_int(v->v, v->len, &x) == 0)
		return x < n->ival ? -1 : x > n->ival;
	switch (n->rule) {
	case R_INTEGER:
		return ordering ? ci_cmp(v->v, v->len, &n->val) : 2;
	case R_CASEEXACT:
		return bin_cmp(v->v, v->len, &n->val);
	case R_DN:
		if (ordering)
			return 2;
		if (n->category)
			return category_eq(v->v, v->len, &n->val) ? 0 : 1;
		return dn_eq(v, &n->val) ? 0 : 1;
	default:
		return ci_cmp(v->v, v->len, &n->val);
	}
}

static enum rp_lmatch
match_value(const struct node *n, const struct rp_lvalue *v)
{
	int c;

	if (n->rule == R_BITAND || n->rule == R_BITOR)
		return match_bitwise(n, v);
	c = value_cmp(n, v);
	if (c == 2)
		return RP_LM_UNDEFINED;
	if (n->type == N_GE)
		return c >= 0 ? RP_LM_TRUE : RP_LM_FALSE;
	if (n->type == N_LE)
		return c <= 0 ? RP_LM_TRUE : RP_LM_FALSE;
	return c == 0 ? RP_LM_TRUE : RP_LM_FALSE;
}

static const char *
memmem_at(const char *h, size_t hl, const struct rp_lvalue *p)
{
	if (p->len > hl)
		return NULL;
	if (p->len == 0)
		return h;
	return memmem(h, hl, p->v, p->len);
}

static enum rp_lmatch
match_sub(const struct node *n, const struct rp_lvalue *raw, struct mctx *mc)
{
	struct rp_lvalue v = *raw, norm = { NULL, 0 };
	const char *p, *end;
	size_t i = 0, last;
	enum rp_lmatch m = RP_LM_FALSE;

	if ((n->rule == R_CASEIGNORE || n->rule == R_DN) &&
	    raw->len <= SMALL) {
		/* (|(description=*a*)(description=*b*)): normalized once */
		if (mc->raw != raw->v || mc->rawlen != raw->len) {
			mc->len = norm_ci_into(raw->v, raw->len, mc->norm);
			mc->raw = raw->v;
			mc->rawlen = raw->len;
		}
		v.v = mc->norm;
		v.len = mc->len;
	} else if (n->rule == R_CASEIGNORE || n->rule == R_DN) {
		norm_ci(raw->v, raw->len, &norm);
		v = norm;
	}
	p = v.v;
	end = v.v + v.len;
	last = n->nsubs;
	if (n->initial) {
		if (n->subs[0].len > v.len ||
		    memcmp(p, n->subs[0].v, n->subs[0].len) != 0)
			goto out;
		p += n->subs[0].len;
		i = 1;
	}
	if (n->final)
		last--;
	for (; i < last; i++) {
		const char *f = memmem_at(p, (size_t)(end - p), &n->subs[i]);

		if (f == NULL)
			goto out;
		p = f + n->subs[i].len;
	}
	if (n->final && (n->subs[last].len > (size_t)(end - p) ||
	    memcmp(end - n->subs[last].len, n->subs[last].v,
	    n->subs[last].len) != 0))
		goto out;
	m = RP_LM_TRUE;
out:
	free(norm.v);
	return m;
}

static enum rp_lmatch
match_attr(const struct node *n, const struct rp_lattr *a, struct mctx *mc)
{
	enum rp_lmatch m, res = RP_LM_FALSE;
	size_t i;

	for (i = 0; i < a->n; i++) {
		m = n->type == N_SUB ? match_sub(n, &a->vals[i], mc) :
		    match_value(n, &a->vals[i]);
		if (m == RP_LM_TRUE)
			return m;
		if (m == RP_LM_UNDEFINED)
			res = m;
	}
	return res;
}

static enum rp_lmatch
match_item(const struct node *n, const struct rp_lentry *e, struct mctx *mc)
{
	enum rp_lmatch m, res = RP_LM_FALSE;
	ssize_t a;
	size_t i;

	if (n->type == N_PRESENT && n->is_oc)
		return RP_LM_TRUE;
	if (n->attr != NULL) {
		a = attr_index(e, n->attr, n->attrlen, n->hash);
		if (a < 0 || e->attrs[a].n == 0)
			return RP_LM_FALSE;
		return n->type == N_PRESENT ? RP_LM_TRUE :
		    match_attr(n, &e->attrs[a], mc);
	}
	for (i = 0; i < e->nattrs; i++) {
		m = match_attr(n, &e->attrs[i], mc);
		if (m == RP_LM_TRUE)
			return m;
		if (m == RP_LM_UNDEFINED)
			res = m;
	}
	return res;
}

static enum rp_lmatch
match_node(const struct node *n, const struct rp_lentry *e, struct mctx *mc)
{
	enum rp_lmatch m, res;
	size_t i;

	switch (n->type) {
	case N_AND:
	case N_OR:
		res = n->type == N_AND ? RP_LM_TRUE : RP_LM_FALSE;
		for (i = 0; i < n->nkids; i++) {
			m = match_node(n->kids[i], e, mc);
			if (n->type == N_AND && m == RP_LM_FALSE)
				return m;
			if (n->type == N_OR && m == RP_LM_TRUE)
				return m;
			if (m == RP_LM_UNDEFINED)
				res = m;
		}
		return res;
	case N_NOT:
		m = match_node(n->kids[0], e, mc);
		return m == RP_LM_UNDEFINED ? m : m == RP_LM_TRUE ?
		    RP_LM_FALSE : RP_LM_TRUE;
	default:
		return match_item(n, e, mc);
	}
}

enum rp_lmatch
rp_lfilter_match(const struct rp_lfilter *f, const struct rp_lentry *e)
{
	struct mctx mc;

	mc.raw = NULL;
	mc.rawlen = 0;
	return match_node(f->root, e, &mc);
}
