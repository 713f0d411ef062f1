/*
 * i18n.c -- a bounded reader of GNU .mo catalogues and the report's
 * language. The .mo layout (all 32-bit words, in the byte order the magic
 * number gives):
 *
 *	0   magic 0x950412de
 *	4   revision (major in the high 16 bits: 0 or 1)
 *	8   N, the number of strings
 *	12  O, offset of the table of original strings
 *	16  T, offset of the table of translations
 *	20  S, size of the hash table
 *	24  H, offset of the hash table
 *
 * Each table holds N (length, offset) pairs; each string is followed by a
 * NUL not counted in its length. Original strings are sorted (strcmp), so a
 * lookup is a binary search: the optional hash table is not used.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/err.h"
#include "core/xmalloc.h"
#include "core/util.h"
#include "report/i18n.h"
#include "core/banned.h"

#define MO_MAGIC	0x950412deU
#define MO_MAGIC_SWAP	0xde120495U
#define MO_HEADER	28

struct rp_mo {
	unsigned char	*buf;
	size_t		 len;
	uint32_t	 n;
	const char	**orig;		/* into buf */
	const char	**trans;	/* into buf */
	size_t		*tlen;		/* trans[i]'s length, all forms */
	char		*plural;	/* Plural-Forms' rule, or NULL */
	unsigned long	 nplurals;
};

static uint32_t
word(const unsigned char *p, int swap)
{
	if (swap)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[1] << 8 | p[0];
}

/* Table entry i at table offset off: the string, or NULL if out of bounds. */
static const char *
entry(const unsigned char *buf, size_t len, uint32_t off, uint32_t i,
    int swap, size_t *slenp)
{
	uint32_t slen, soff;
	size_t at = (size_t)off + (size_t)i * 8;

	if (at > len || len - at < 8)
		return NULL;
	slen = word(buf + at, swap);
	soff = word(buf + at + 4, swap);
	if (slen > RP_MO_MAX_STRING || soff > len || len - soff <= slen ||
	    buf[(size_t)soff + slen] != '\0')
		return NULL;
	if (slenp != NULL)
		*slenp = slen;
	return (const char *)buf + soff;
}

/*
 * A translation the renderers may print as it is: UTF-8 (shortest forms, no
 * surrogates), no control character but tab and newline, no markup
 * character. Plural forms are NUL-separated: each is checked
 * (safe_forms).
 */
static int
safe_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	int k, n;

	while (*p) {
		if (*p < 0x80) {
			if ((*p < 0x20 && *p != '\t' && *p != '\n') ||
			    *p == 0x7f || strchr("<>&\"", *p) != NULL)
				return 0;
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			n = 1, cp = *p & 0x1f;
		else if (*p >= 0xe0 && *p <= 0xef)
			n = 2, cp = *p & 0x0f;
		else if (*p >= 0xf0 && *p <= 0xf4)
			n = 3, cp = *p & 0x07;
		else
			return 0;
		for (k = 1; k <= n; k++) {
			if ((p[k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[k] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return 0;
		p += n + 1;
	}
	return 1;
}

/*
 * The C subset of Plural-Forms expressions (gettext's grammar: n, decimal
 * numbers, ! * / % + - < > <= >= == != && || ?: and parentheses), by
 * recursive descent with a depth bound. Both branches of ?: are parsed
 * and evaluated (no side effects); division by zero is an error.
 */
struct pexpr {
	const char	*p;
	unsigned long	 n;
	int		 depth;
	int		 bad;
};

static unsigned long pe_ternary(struct pexpr *);

static void
pe_space(struct pexpr *e)
{
	while (*e->p == ' ' || *e->p == '\t')
		e->p++;
}

static int
pe_eat(struct pexpr *e, const char *tok)
{
	size_t l = strlen(tok);

	pe_space(e);
	if (strncmp(e->p, tok, l) != 0)
		return 0;
	/* "<" must not take the first half of "<=", "!" of "!=" */
	if (l == 1 && strchr("<>!=", *tok) != NULL && e->p[1] == '=')
		return 0;
	e->p += l;
	return 1;
}

static unsigned long
pe_primary(struct pexpr *e)
{
	unsigned long v = 0;

	pe_space(e);
	if (++e->depth > 32) {
		e->bad = 1;
		return 0;
	}
	if (pe_eat(e, "!"))
		v = !pe_primary(e);
	else if (pe_eat(e, "(")) {
		v = pe_ternary(e);
		if (!pe_eat(e, ")"))
			e->bad = 1;
	} else if (*e->p == 'n') {
		e->p++;
		v = e->n;
	} else if (*e->p >= '0' && *e->p <= '9') {
		while (*e->p >= '0' && *e->p <= '9' && v < 1000000)
			v = v * 10 + (unsigned long)(*e->p++ - '0');
	} else
		e->bad = 1;
	e->depth--;
	return v;
}

static unsigned long
pe_mul(struct pexpr *e)
{
	unsigned long v = pe_primary(e), w;
	char op;

	for (;;) {
		pe_space(e);
		op = *e->p;
		if (op != '*' && op != '/' && op != '%')
			return v;
		e->p++;
		w = pe_primary(e);
		if (op != '*' && w == 0) {
			e->bad = 1;
			return 0;
		}
		v = op == '*' ? v * w : op == '/' ? v / w : v % w;
	}
}

static unsigned long
pe_add(struct pexpr *e)
{
	unsigned long v = pe_mul(e);

	for (;;) {
		if (pe_eat(e, "+"))
			v += pe_mul(e);
		else if (pe_eat(e, "-"))
			v -= pe_mul(e);
		else
			return v;
	}
}

static unsigned long
pe_rel(struct pexpr *e)
{
	unsigned long v = pe_add(e);

	for (;;) {
		if (pe_eat(e, "<="))
			v = v <= pe_add(e);
		else if (pe_eat(e, ">="))
			v = v >= pe_add(e);
		else if (pe_eat(e, "<"))
			v = v < pe_add(e);
		else if (pe_eat(e, ">"))
			v = v > pe_add(e);
		else
			return v;
	}
}

static unsigned long
pe_eq(struct pexpr *e)
{
	unsigned long v = pe_rel(e);

	for (;;) {
		if (pe_eat(e, "=="))
			v = v == pe_rel(e);
		else if (pe_eat(e, "!="))
			v = v != pe_rel(e);
		else
			return v;
	}
}

static unsigned long
pe_and(struct pexpr *e)
{
	unsigned long v = pe_eq(e), w;

	while (pe_eat(e, "&&")) {
		w = pe_eq(e);
		v = v && w;
	}
	return v;
}

static unsigned long
pe_or(struct pexpr *e)
{
	unsigned long v = pe_and(e), w;

	while (pe_eat(e, "||")) {
		w = pe_and(e);
		v = v || w;
	}
	return v;
}

static unsigned long
pe_ternary(struct pexpr *e)
{
	unsigned long c = pe_or(e), a, b;

	if (!pe_eat(e, "?"))
		return c;
	if (++e->depth > 32) {
		e->bad = 1;
		return 0;
	}
	a = pe_ternary(e);
	if (!pe_eat(e, ":"))
		e->bad = 1;
	b = pe_ternary(e);
	e->depth--;
	return c ? a : b;
}

long
rp_plural_eval(const char *expr, unsigned long n)
{
	struct pexpr e = { expr, n, 0, 0 };
	unsigned long v = pe_ternary(&e);

	pe_space(&e);
	if (e.bad || *e.p != '\0' || v > 1000)
		return -1;
	return (long)v;
}

static int
safe_forms(const char *s, size_t len)
{
	size_t at = 0;

	while (at <= len) {
		if (!safe_text(s + at))
			return 0;
		at += strlen(s + at) + 1;
	}
	return 1;
}

/*
 * "Plural-Forms: nplurals=2; plural=(n > 1);" of the header: the number
 * of forms and the expression (copied), checked by evaluating it once.
 */
static int
plural_header(struct rp_mo *mo, const char *h)
{
	const char *p = strstr(h, "Plural-Forms:"), *np, *e;
	long long n;

	if (p == NULL)
		return 0;
	if ((np = strstr(p, "nplurals=")) == NULL ||
	    (e = strstr(p, "plural=")) == NULL)
		return -1;
	if (e == np + 2)	/* "plural=" inside "nplurals=" */
		e = strstr(np + 9, "plural=");
	if (e == NULL)
		return -1;
	for (np += 9; *np == ' ' || *np == '\t'; np++)
		;
	if (rp_strtonum_prefix(np, 10, 6, &n, NULL) != 0 || n < 1)
		return -1;
	mo->nplurals = (unsigned long)n;
	e += strlen("plural=");
	np = e + strcspn(e, ";\n");
	if (np - e > 200)
		return -1;
	mo->plural = xstrndup(e, (size_t)(np - e));
	return rp_plural_eval(mo->plural, 1) < 0 ? -1 : 0;
}

/* The header entry (msgid "") must say charset=UTF-8. */
static int
utf8_header(const char *h)
{
	const char *c = strstr(h, "charset=");

	if (c == NULL)
		return 0;
	c += strlen("charset=");
	return (strncmp(c, "UTF-8", 5) == 0 || strncmp(c, "utf-8", 5) == 0) &&
	    (c[5] == '\n' || c[5] == '\0' || c[5] == ';' || c[5] == ' ');
}

static int
mo_strings(struct rp_mo *mo, uint32_t o, uint32_t t, int swap, char **cause)
{
	uint32_t i;
	int header = 0;

	for (i = 0; i < mo->n; i++) {
		mo->orig[i] = entry(mo->buf, mo->len, o, i, swap, NULL);
		mo->trans[i] = entry(mo->buf, mo->len, t, i, swap,
		    &mo->tlen[i]);
		if (mo->orig[i] == NULL || mo->trans[i] == NULL)
			return rp_fail(cause, RP_ERR_PARSE, "string %u lies "
			    "outside the catalogue", i);
		if (i > 0 && strcmp(mo->orig[i - 1], mo->orig[i]) >= 0)
			return rp_fail(cause, RP_ERR_PARSE, "original strings "
			    "not sorted at %u", i);
		if (*mo->orig[i] == '\0') {
			header = 1;
			if (!utf8_header(mo->trans[i]))
				return rp_fail(cause, RP_ERR_PARSE, "the "
				    "catalogue's charset is not UTF-8");
			if (plural_header(mo, mo->trans[i]) != 0)
				return rp_fail(cause, RP_ERR_PARSE, "the "
				    "catalogue's Plural-Forms header is not "
				    "understood");
		} else if (!safe_forms(mo->trans[i], mo->tlen[i]))
			return rp_fail(cause, RP_ERR_PARSE, "translation %u "
			    "is not UTF-8 text without control or markup "
			    "characters", i);
	}
	if (!header)
		return rp_fail(cause, RP_ERR_PARSE, "the catalogue has no "
		    "header entry (charset)");
	return 0;
}

int
rp_mo_parse(const void *buf, size_t len, struct rp_mo **out, char **cause)
{
	const unsigned char *b = buf;
	struct rp_mo *mo;
	uint32_t magic, rev, o, t;
	int swap, r;

	if (len < MO_HEADER)
		return rp_fail(cause, RP_ERR_PARSE, "too short for a .mo "
		    "catalogue (%zu bytes)", len);
	if (len > RP_MO_MAX_BYTES)
		return rp_fail(cause, RP_ERR_TOO_LARGE, "catalogue larger "
		    "than %u bytes", RP_MO_MAX_BYTES);
	magic = word(b, 0);
	if (magic != MO_MAGIC && magic != MO_MAGIC_SWAP)
		return rp_fail(cause, RP_ERR_PARSE, "not a .mo catalogue "
		    "(bad magic number)");
	swap = magic == MO_MAGIC_SWAP;
	rev = word(b + 4, swap);
	if ((rev >> 16) > 1)
		return rp_fail(cause, RP_ERR_UNSUPPORTED, ".mo revision %u.%u "
		    "not supported", rev >> 16, rev & 0xffff);
	mo = xcalloc(1, sizeof(*mo));
	mo->n = word(b + 8, swap);
	o = word(b + 12, swap);
	t = word(b + 16, swap);
	if (mo->n > RP_MO_MAX_STRINGS) {
		free(mo);
		return rp_fail(cause, RP_ERR_TOO_LARGE, "catalogue holds "
		    "more than %u strings", RP_MO_MAX_STRINGS);
	}
	mo->buf = xmalloc(len + 1);
	memcpy(mo->buf, b, len);
	mo->buf[len] = '\0';
	mo->len = len;
	mo->orig = xcalloc((size_t)mo->n + 1, sizeof(*mo->orig));
	mo->trans = xcalloc((size_t)mo->n + 1, sizeof(*mo->trans));
	mo->tlen = xcalloc((size_t)mo->n + 1, sizeof(*mo->tlen));
	if ((r = mo_strings(mo, o, t, swap, cause)) != 0) {
		rp_mo_free(mo);
		return r;
	}
	*out = mo;
	return 0;
}

/* Index of key among the original strings, or -1. */
static long
mo_find(const struct rp_mo *mo, const char *key)
{
	size_t lo = 0, hi, mid;
	int c;

	if (mo == NULL || *key == '\0')
		return -1;
	hi = mo->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(key, mo->orig[mid]);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

const char *
rp_mo_lookup(const struct rp_mo *mo, const char *key)
{
	long i = mo_find(mo, key);

	if (i < 0)
		return NULL;
	return *mo->trans[i] ? mo->trans[i] : NULL;
}

const char *
rp_mo_lookup_plural(const struct rp_mo *mo, const char *key,
    unsigned long n)
{
	long i = mo_find(mo, key), form;
	const char *t;
	size_t at = 0, k;

	if (i < 0 || mo->plural == NULL)
		return NULL;
	form = rp_plural_eval(mo->plural, n);
	if (form < 0 || (unsigned long)form >= mo->nplurals)
		return NULL;
	t = mo->trans[i];
	for (k = 0; k < (size_t)form; k++) {
		at += strlen(t + at) + 1;
		if (at > mo->tlen[i])
			return NULL;	/* fewer forms than nplurals */
	}
	return t[at] ? t + at : NULL;
}

size_t
rp_mo_count(const struct rp_mo *mo)
{
	return mo ? mo->n : 0;
}

void
rp_mo_free(struct rp_mo *mo)
{
	if (mo == NULL)
		return;
	free(mo->orig);
	free(mo->trans);
	free(mo->tlen);
	free(mo->plural);
	free(mo->buf);
	free(mo);
}

int
rp_mo_load(const char *path, struct rp_mo **out, char **cause)
{
	struct stat st;
	unsigned char *buf;
	size_t n;
	FILE *f;
	int r;

	if ((f = fopen(path, "rb")) == NULL)
		return rp_fail(cause, errno == ENOENT ? RP_ERR_NOT_FOUND :
		    RP_ERR_IO, "cannot open '%s': %s", path, strerror(errno));
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > (off_t)RP_MO_MAX_BYTES) {
		fclose(f);
		return rp_fail(cause, RP_ERR_INVALID, "'%s': not a regular "
		    "file of at most %u bytes", path, RP_MO_MAX_BYTES);
	}
	buf = xmalloc((size_t)st.st_size + 1);
	n = fread(buf, 1, (size_t)st.st_size, f);
	if (ferror(f) || n != (size_t)st.st_size) {
		fclose(f);
		free(buf);
		return rp_fail(cause, RP_ERR_IO, "cannot read '%s'", path);
	}
	fclose(f);
	r = rp_mo_parse(buf, n, out, cause);
	free(buf);
	if (r != 0 && cause != NULL && *cause != NULL) {
		char *c = xasprintf("%s: %s", path, *cause);

		free(*cause);
		*cause = c;
	}
	return r;
}

const char *const rp_i18n_langs[] = { "en", "fr", NULL };

static const char *cur_lang = "en";
static struct rp_mo *cur_mo;

int
rp_i18n_lang_known(const char *lang)
{
	size_t i;

	for (i = 0; rp_i18n_langs[i] != NULL; i++)
		if (strcmp(rp_i18n_langs[i], lang) == 0)
			return 1;
	return 0;
}

const char *
rp_i18n_lang_list(void)
{
	return "en, fr";
}

/* "fr_FR.UTF-8@euro" -> "fr" when known; NULL otherwise. */
static const char *
known_prefix(const char *s, size_t len)
{
	size_t i, n;

	for (n = 0; n < len && s[n] != '_' && s[n] != '.' && s[n] != '@'; n++)
		;
	for (i = 0; rp_i18n_langs[i] != NULL; i++)
		if (strlen(rp_i18n_langs[i]) == n &&
		    strncmp(rp_i18n_langs[i], s, n) == 0)
			return rp_i18n_langs[i];
	return NULL;
}

const char *
rp_i18n_default_lang(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *l = getenv("LANGUAGE"), *e, *k;
	size_t i;

	for (; l != NULL && *l != '\0'; l = *e ? e + 1 : e) {
		e = strchr(l, ':');
		if (e == NULL)
			e = l + strlen(l);
		if ((k = known_prefix(l, (size_t)(e - l))) != NULL)
			return k;
	}
	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		l = getenv(vars[i]);
		if (l != NULL && *l != '\0') {
			k = known_prefix(l, strlen(l));
			return k ? k : "en";
		}
	}
	return "en";
}

int
rp_i18n_select(const char *lang, const char *const *dirs, char **cause)
{
	struct rp_mo *mo = NULL;
	char *path, *why = NULL;
	size_t i;
	int r = RP_ERR_NOT_FOUND;

	if (!rp_i18n_lang_known(lang))
		return rp_fail(cause, RP_ERR_INVALID, "unknown language '%s' "
		    "(%s)", lang, rp_i18n_lang_list());
	if (strcmp(lang, "en") != 0) {
		for (i = 0; dirs != NULL && dirs[i] != NULL; i++) {
			path = xasprintf("%s/%s/LC_MESSAGES/%s.mo", dirs[i],
			    lang, RP_I18N_DOMAIN);
			r = rp_mo_load(path, &mo, &why);
			free(path);
			if (r != RP_ERR_NOT_FOUND)
				break;
		}
		if (r != 0) {
			if (r == RP_ERR_NOT_FOUND)
				r = rp_fail(cause, r, "no catalogue for "
				    "language '%s' (%s/LC_MESSAGES/%s.mo in "
				    "the data directory)", lang, lang,
				    RP_I18N_DOMAIN);
			else
				r = rp_fail(cause, r, "%s", why);
			free(why);
			return r;
		}
		free(why);
	}
	rp_mo_free(cur_mo);
	cur_mo = mo;
	for (i = 0; rp_i18n_langs[i] != NULL; i++)
		if (strcmp(rp_i18n_langs[i], lang) == 0)
			cur_lang = rp_i18n_langs[i];
	return 0;
}

const char *
rp_i18n_lang(void)
{
	return cur_lang;
}

/*
 * The next printf conversion of s from *p on ("%s", "%lld", ...; "%%" is
 * skipped): its start and length, or 0 at the end of s.
 */
static size_t
next_conversion(const char **p, const char **start)
{
	const char *s = *p, *q;

	for (; (s = strchr(s, '%')) != NULL; s += 2) {
		if (s[1] == '%')
			continue;
		q = s + 1;
		while (*q != '\0' && strchr("#0- +'.*0123456789hlLqjzt", *q))
			q++;
		if (*q != '\0')
			q++;
		*start = s;
		*p = q;
		return (size_t)(q - s);
	}
	*p = NULL;
	return 0;
}

/*
 * A translation is used only when its conversions are those of the English
 * text, in the same order: the strings reach printf, and a catalogue,
 * whatever msgfmt -c said when it was built, is read from a file.
 */
static int
same_conversions(const char *a, const char *b)
{
	const char *sa, *sb;
	size_t la, lb;

	for (;;) {
		la = next_conversion(&a, &sa);
		lb = next_conversion(&b, &sb);
		if (la != lb || (la != 0 && memcmp(sa, sb, la) != 0))
			return 0;
		if (la == 0)
			return 1;
	}
}

static const char *
translated(const char *t, const char *msgid)
{
	if (t == NULL)
		return msgid;
	if (strchr(msgid, '%') == NULL && strchr(t, '%') == NULL)
		return t;
	return same_conversions(msgid, t) ? t : msgid;
}

const char *
rp_gettext(const char *msgid)
{
	return translated(rp_mo_lookup(cur_mo, msgid), msgid);
}

const char *
rp_ngettext(const char *msgid, const char *plural, unsigned long n)
{
	const char *en = n == 1 ? msgid : plural;

	return translated(rp_mo_lookup_plural(cur_mo, msgid, n), en);
}

const char *
rp_pgettext(const char *key, const char *msgid)
{
	return translated(rp_mo_lookup(cur_mo, key), msgid);
}
