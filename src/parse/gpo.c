/*
 * gpo.c -- readers of the SYSVOL probe output and of the GPO file formats.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "core/err.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "parse/gpo.h"
#include "core/banned.h"

#define SYSVOL_FORMAT	"rempart-sysvol/1"

char *
rp_sysvol_escape(const char *s, int keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s), i, o = 0;
	char *r = xmalloc(n * 3 + 1);

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		    c == '-' || c == '{' || c == '}' ||
		    (keep_slash && c == '/'))
			r[o++] = (char)c;
		else {
			r[o++] = '%';
			r[o++] = hex[c >> 4];
			r[o++] = hex[c & 15];
		}
	}
	r[o] = '\0';
	return r;
}

/* Unescape a path into buf: 0, or -1 (bad escape, NUL, too long). */
static int
unescape(const char *s, size_t n, char *buf, size_t cap)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (c == '%') {
			int h, l;

			if (i + 2 >= n)
				return -1;
			h = rp_hexval((unsigned char)s[i + 1]);
			l = rp_hexval((unsigned char)s[i + 2]);
			if (h < 0 || l < 0 || (h == 0 && l == 0))
				return -1;
			c = h * 16 + l;
			i += 2;
		}
		if (o + 1 >= cap)
			return -1;
		buf[o++] = (char)c;
	}
	buf[o] = '\0';
	return 0;
}

/* The value of " key=NUMBER" in line, or def. */
static long long
field(const char *line, size_t n, const char *key, long long def)
{
	size_t kl = strlen(key), i;
	char num[32];

	for (i = 0; i + kl + 1 < n; i++) {
		size_t j = 0;

		if (line[i] != ' ' || strncmp(line + i + 1, key, kl) != 0 ||
		    line[i + 1 + kl] != '=')
			continue;
		i += kl + 2;
		while (i < n && j + 1 < sizeof(num) && (line[i] == '-' ||
		    (line[i] >= '0' && line[i] <= '9')))
			num[j++] = line[i++];
		num[j] = '\0';
		{
			long long v;

			if (rp_strtonum(num, -1, 1LL << 62, &v) == 0)
				return v;
		}
		return def;
	}
	return def;
}

static int
has_word(const char *line, size_t n, const char *w)
{
	size_t wl = strlen(w), i;

	for (i = 0; i + wl + 1 <= n; i++)
		if (line[i] == ' ' && strncmp(line + i + 1, w, wl) == 0 &&
		    (i + 1 + wl == n || line[i + 1 + wl] == ' ' ||
		    line[i + 1 + wl] == '='))
			return 1;
	return 0;
}

int
rp_sysvol_each(const char *data, size_t len, rp_sysvol_file_cb cb, void *arg,
    size_t *nfiles, char **cause)
{
	const char *p = data, *end = data + len, *nl;
	size_t fl = strlen(SYSVOL_FORMAT), count = 0, lineno = 1;
	int r;

	if (nfiles)
		*nfiles = 0;
	if (len < fl + 1 || memcmp(data, SYSVOL_FORMAT, fl) != 0 ||
	    data[fl] != '\n')
		return rp_fail(cause, RP_ERR_PARSE, "not a %s output",
		    SYSVOL_FORMAT);
	p += fl + 1;
	while (p < end) {
		size_t n;

		lineno++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return rp_fail(cause, RP_ERR_PARSE, "line %zu: cut",
			    lineno);
		n = (size_t)(nl - p);
		if (n >= 4 && strncmp(p, "end ", 4) == 0) {
			if (nfiles)
				*nfiles = count;
			return 0;
		}
		if (n == 3 && strncmp(p, "cut", 3) == 0)
			break;
		if (n > 5 && strncmp(p, "file ", 5) == 0) {
			struct rp_sysvol_file f;
			const char *sp = memchr(p + 5, ' ', n - 5);
			long long stored;

			memset(&f, 0, sizeof(f));
			if (sp == NULL || unescape(p + 5, (size_t)(sp - p - 5),
			    f.path, sizeof(f.path)) != 0)
				return rp_fail(cause, RP_ERR_PARSE, "line %zu: "
				    "bad file name", lineno);
			stored = field(p, n, "stored", -1);
			if (stored < 0 || (size_t)stored > (size_t)(end - nl - 1)
			    || (size_t)stored + 1 > (size_t)(end - nl - 1) ||
			    nl[1 + stored] != '\n')
				return rp_fail(cause, RP_ERR_PARSE, "line %zu: "
				    "bad or cut content", lineno);
			f.size = field(p, n, "size", -1);
			f.mtime = field(p, n, "mtime", -1);
			f.ctime = field(p, n, "ctime", -1);
			f.btime = field(p, n, "btime", -1);
			f.masked = (int)field(p, n, "masked", 0);
			f.truncated = has_word(p, n, "truncated");
			{
				const char *s = strchr(f.path, '/');
				size_t gl = s ? (size_t)(s - f.path) :
				    strlen(f.path);

				if (gl >= sizeof(f.guid))
					gl = sizeof(f.guid) - 1;
				memcpy(f.guid, f.path, gl);
				f.guid[gl] = '\0';
			}
			f.data = nl + 1;
			f.len = (size_t)stored;
			count++;
			if ((r = cb(&f, arg)) != 0)
				return r;
			p = nl + 1 + stored + 1;
			continue;
		}
		p = nl + 1;
	}
	if (nfiles)
		*nfiles = count;
	return rp_fail(cause, RP_ERR_TOO_LARGE, "the SYSVOL output was cut "
	    "(a collection limit was reached)");
}

static void
put_utf8(struct rp_strbuf *sb, unsigned long cp)
{
	char b[4];

	if (cp == 0)
		cp = ' ';
	if (cp < 0x80) {
		b[0] = (char)cp;
		rp_strbuf_add(sb, b, 1);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		rp_strbuf_add(sb, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		rp_strbuf_add(sb, b, 3);
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		rp_strbuf_add(sb, b, 4);
	}
}

/* UTF-16 unit i of p, little- or big-endian. */
static unsigned long
unit16(const unsigned char *p, size_t i, int be)
{
	return be ? ((unsigned long)p[2 * i] << 8) | p[2 * i + 1] :
	    p[2 * i] | ((unsigned long)p[2 * i + 1] << 8);
}

/* UTF-16 units [p, p + n*2) into sb. */
static void
utf16_be(struct rp_strbuf *sb, const unsigned char *p, size_t n, int be)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned long u = unit16(p, i, be);

		if (u >= 0xd800 && u < 0xdc00 && i + 1 < n) {
			unsigned long l = unit16(p, i + 1, be);

			if (l >= 0xdc00 && l < 0xe000) {
				put_utf8(sb, 0x10000 + ((u - 0xd800) << 10) +
				    (l - 0xdc00));
				i++;
				continue;
			}
		}
		if (u >= 0xd800 && u < 0xe000)
			u = 0xfffd;
		put_utf8(sb, u);
	}
}

/* UTF-16LE units [p, p + n*2) into sb. */
static void
utf16_to(struct rp_strbuf *sb, const unsigned char *p, size_t n)
{
	utf16_be(sb, p, n, 0);
}

char *
rp_gpo_text(const char *data, size_t len, size_t *outlen)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(RP_GPO_MAX_TEXT * 2);
	const unsigned char *p = (const unsigned char *)data;
	size_t i;

	if (len > RP_GPO_MAX_TEXT)
		return NULL;
	if (len >= 2 && p[0] == 0xff && p[1] == 0xfe)
		utf16_to(&sb, p + 2, (len - 2) / 2);
	else if (len >= 2 && p[0] == 0xfe && p[1] == 0xff)
		utf16_be(&sb, p + 2, (len - 2) / 2, 1);
	/* without a BOM: an ASCII first character says the byte order */
	else if (len >= 2 && p[0] != 0 && p[0] < 0x80 && p[1] == 0)
		utf16_to(&sb, p, len / 2);
	else if (len >= 2 && p[0] == 0 && p[1] != 0 && p[1] < 0x80)
		utf16_be(&sb, p, len / 2, 1);
	else {
		if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
			p += 3;
			len -= 3;
		}
		for (i = 0; i < len; i++)
			rp_strbuf_addch(&sb, p[i] ? p[i] : ' ');
	}
	rp_strbuf_addch(&sb, '\0');
	sb.len--;
	return rp_strbuf_detach(&sb, outlen);
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

size_t
rp_ini_longest(const char *text, size_t len)
{
	size_t i, n = 0, max = 0;

	for (i = 0; i < len; i++) {
		if (text[i] == '\n' || text[i] == '\r')
			n = 0;
		else if (++n > max)
			max = n;
	}
	return max;
}

int
rp_ini_each(const char *text, size_t len, rp_ini_cb cb, void *arg)
{
	char section[256] = "", *line;
	const char *p = text, *end = text + len, *nl;
	int r = 0;

	line = xmalloc(RP_GPO_MAX_LINE + 1);
	while (p < end && r == 0) {
		size_t n;
		char *k, *v, *eq;

		/* LF, CRLF or a lone CR ends a line */
		for (nl = p; nl < end && *nl != '\n' && *nl != '\r'; nl++)
			;
		n = (size_t)(nl - p);
		if (n > RP_GPO_MAX_LINE)
			n = RP_GPO_MAX_LINE;
		memcpy(line, p, n);
		line[n] = '\0';
		if (nl < end && *nl == '\r' && nl + 1 < end && nl[1] == '\n')
			nl++;
		p = nl < end ? nl + 1 : end;
		k = trim(line);
		if (*k == '\0' || *k == ';')
			continue;
		if (*k == '[') {
			char *c = strchr(k, ']');

			if (c != NULL) {
				*c = '\0';
				snprintf(section, sizeof(section), "%s", k + 1);
			}
			continue;
		}
		v = NULL;
		if ((eq = strchr(k, '=')) != NULL) {
			*eq = '\0';
			v = trim(eq + 1);
			k = trim(k);
			n = strlen(v);
			if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
				v[n - 1] = '\0';
				v++;
			}
		}
		r = cb(section, k, v, arg);
	}
	free(line);
	return r;
}

/* UTF-16LE string of n bytes (NUL-terminated inside) into buf as UTF-8. */
static void
wstr(const unsigned char *p, size_t n, char *buf, size_t cap)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(cap - 1);
	size_t units = n / 2, i;
	char *s;

	for (i = 0; i < units; i++)
		if (p[2 * i] == 0 && p[2 * i + 1] == 0)
			break;
	utf16_to(&sb, p, i);
	s = rp_strbuf_detach(&sb, NULL);
	snprintf(buf, cap, "%s", s ? s : "");
	free(s);
}

/* Find the UTF-16LE unit c from p (even offsets); index or -1. */
static long
wfind(const unsigned char *p, size_t n, unsigned c)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		if (p[i] == (c & 0xff) && p[i + 1] == (c >> 8))
			return (long)i;
	return -1;
}

int
rp_preg_each(const unsigned char *data, size_t len, rp_preg_cb cb, void *arg,
    char **cause)
{
	struct rp_preg_rec *rec;
	size_t off = 8, count = 0;
	int r = 0;

	if (len < 8 || memcmp(data, "PReg", 4) != 0)
		return rp_fail(cause, RP_ERR_PARSE, "no PReg signature");
	if (data[4] != 1 || data[5] || data[6] || data[7])
		return rp_fail(cause, RP_ERR_PARSE, "PReg version is not 1");
	rec = xmalloc(sizeof(*rec));
	while (off < len && r == 0) {
		const unsigned char *p = data + off;
		size_t n = len - off, ko, vo, to, so, dof;
		long i;

		if (++count > RP_PREG_MAX_RECORDS) {
			r = rp_fail(cause, RP_ERR_TOO_LARGE, "more than %d "
			    "records", RP_PREG_MAX_RECORDS);
			break;
		}
		memset(rec, 0, sizeof(*rec));
		/* [ key ; value ; type ; size ; data ] */
		if (n < 2 || p[0] != '[' || p[1] != 0) {
			r = rp_fail(cause, RP_ERR_PARSE, "offset %zu: no '['",
			    off);
			break;
		}
		ko = 2;
		if ((i = wfind(p + ko, n - ko, ';')) < 0)
			goto cut;
		wstr(p + ko, (size_t)i, rec->key, sizeof(rec->key));
		vo = ko + (size_t)i + 2;
		if ((i = wfind(p + vo, n - vo, ';')) < 0)
			goto cut;
		wstr(p + vo, (size_t)i, rec->value, sizeof(rec->value));
		to = vo + (size_t)i + 2;
		if (to + 4 + 2 > n || p[to + 4] != ';' || p[to + 5] != 0)
			goto cut;
		rec->type = p[to] | ((unsigned)p[to + 1] << 8) |
		    ((unsigned)p[to + 2] << 16) | ((unsigned)p[to + 3] << 24);
		so = to + 6;
		if (so + 4 + 2 > n || p[so + 4] != ';' || p[so + 5] != 0)
			goto cut;
		rec->size = (size_t)p[so] | ((size_t)p[so + 1] << 8) |
		    ((size_t)p[so + 2] << 16) | ((size_t)p[so + 3] << 24);
		dof = so + 6;
		if (rec->size > n - dof || n - dof - rec->size < 2 ||
		    p[dof + rec->size] != ']' || p[dof + rec->size + 1] != 0)
			goto cut;
		rec->data = p + dof;
		if (rec->type == RP_REG_DWORD && rec->size == 4) {
			rec->has_dword = 1;
			rec->dword = (unsigned long)rec->data[0] |
			    ((unsigned long)rec->data[1] << 8) |
			    ((unsigned long)rec->data[2] << 16) |
			    ((unsigned long)rec->data[3] << 24);
		}
		if (rec->type == RP_REG_SZ || rec->type == RP_REG_EXPAND_SZ)
			wstr(rec->data, rec->size, rec->str, sizeof(rec->str));
		r = cb(rec, arg);
		off += dof + rec->size + 2;
		continue;
cut:
		r = rp_fail(cause, RP_ERR_PARSE, "offset %zu: record cut or "
		    "malformed", off);
	}
	free(rec);
	return r;
}

const char *
rp_gpp_prop(const struct rp_gpp_item *it, const char *k)
{
	size_t i;

	for (i = 0; i < it->nprops; i++)
		if (strcasecmp(it->props[i].k, k) == 0)
			return it->props[i].v;
	return NULL;
}

struct gpp_walk {
	rp_gpp_cb	 cb;
	void		*arg;
	size_t		 items;
	int		 r;
};

static const char *
aget(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a;

	for (a = n->properties; a != NULL; a = a->next)
		if (a->name && strcasecmp((const char *)a->name, name) == 0 &&
		    a->children && a->children->type == XML_TEXT_NODE &&
		    a->children->content)
			return (const char *)a->children->content;
	return NULL;
}

static const char *
ntext(xmlNodePtr n)
{
	if (n->children && n->children->type == XML_TEXT_NODE &&
	    n->children->content)
		return (const char *)n->children->content;
	return NULL;
}

/* The first text of a descendant element named name, depth bounded. */
static const char *
find_text(xmlNodePtr n, const char *name, int depth)
{
	xmlNodePtr k;
	const char *t;

	if (depth > RP_GPP_MAX_DEPTH)
		return NULL;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)k->name, name) == 0 &&
		    (t = ntext(k)) != NULL)
			return t;
		if ((t = find_text(k, name, depth + 1)) != NULL)
			return t;
	}
	return NULL;
}

static void
gpp_node(struct gpp_walk *g, xmlNodePtr n, int depth, char **cause)
{
	xmlNodePtr k, props = NULL;
	struct rp_gpp_item *it;
	char *members[RP_GPP_MAX_MEMBERS];
	size_t i, nm = 0;
	const char *v;

	if (g->r != 0 || depth > RP_GPP_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE &&
		    strcasecmp((const char *)k->name, "Properties") == 0) {
			props = k;
			break;
		}
	if (props != NULL) {
		xmlAttrPtr a;

		if (++g->items > RP_GPP_MAX_ITEMS) {
			g->r = rp_fail(cause, RP_ERR_TOO_LARGE, "more than %d "
			    "items", RP_GPP_MAX_ITEMS);
			return;
		}
		it = xcalloc(1, sizeof(*it));
		it->kind = (const char *)n->name;
		it->name = (v = aget(n, "name")) ? v : "";
		it->changed = (v = aget(n, "changed")) ? v : "";
		v = aget(n, "disabled");
		it->disabled = v != NULL && strcmp(v, "1") == 0;
		for (a = props->properties; a != NULL &&
		    it->nprops < RP_GPP_MAX_PROPS; a = a->next) {
			if (a->name == NULL || a->children == NULL ||
			    a->children->type != XML_TEXT_NODE ||
			    a->children->content == NULL)
				continue;
			it->props[it->nprops].k = (const char *)a->name;
			it->props[it->nprops++].v =
			    (const char *)a->children->content;
		}
		for (k = props->children; k != NULL; k = k->next) {
			xmlNodePtr m;

			if (k->type != XML_ELEMENT_NODE ||
			    strcasecmp((const char *)k->name, "Members") != 0)
				continue;
			for (m = k->children; m != NULL &&
			    nm < RP_GPP_MAX_MEMBERS; m = m->next) {
				const char *ac, *mn, *sid;

				if (m->type != XML_ELEMENT_NODE)
					continue;
				ac = aget(m, "action");
				mn = aget(m, "name");
				sid = aget(m, "sid");
				members[nm++] = xasprintf("%s\t%s\t%s",
				    ac && *ac ? ac : "-", mn && *mn ? mn : "-",
				    sid && *sid ? sid : "-");
			}
		}
		for (i = 0; i < nm; i++)
			it->members[i] = members[i];
		it->nmembers = nm;
		it->command = find_text(props, "Command", 0);
		it->arguments = find_text(props, "Arguments", 0);
		it->userid = find_text(props, "UserId", 0);
		it->runlevel = find_text(props, "RunLevel", 0);
		g->r = g->cb(it, g->arg);
		for (i = 0; i < nm; i++)
			free(members[i]);
		free(it);
		return;
	}
	for (k = n->children; k != NULL && g->r == 0; k = k->next)
		if (k->type == XML_ELEMENT_NODE)
			gpp_node(g, k, depth + 1, cause);
}

int
rp_gpp_each(const char *data, size_t len, rp_gpp_cb cb, void *arg,
    char **cause)
{
	struct gpp_walk g;
	xmlDocPtr doc;
	xmlNodePtr root;

	if (len > INT32_MAX)
		return rp_fail(cause, RP_ERR_TOO_LARGE, "file too large");
	doc = xmlReadMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		return rp_fail(cause, RP_ERR_PARSE, "not well-formed XML");
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		xmlFreeDoc(doc);
		return rp_fail(cause, RP_ERR_PARSE, "a DTD (refused)");
	}
	memset(&g, 0, sizeof(g));
	g.cb = cb;
	g.arg = arg;
	if ((root = xmlDocGetRootElement(doc)) != NULL)
		gpp_node(&g, root, 0, cause);
	xmlFreeDoc(doc);
	return g.r;
}

/* The value of attribute a as one string (owned), entities resolved. */
static int
secret_attr(xmlDocPtr doc, xmlAttrPtr a, const char *mask)
{
	xmlChar *v;
	int r;

	if (a->name == NULL || strcasecmp((const char *)a->name,
	    "cpassword") != 0)
		return 0;
	if ((v = xmlNodeListGetString(doc, a->children, 1)) == NULL)
		return 0;
	r = *v != '\0' && strcmp((const char *)v, mask) != 0;
	xmlFree(v);
	return r;
}

int
rp_gpp_secret_left(const char *data, size_t len, const char *mask)
{
	xmlDocPtr doc;
	xmlNodePtr n;
	int r = 0;

	if (len == 0)
		return 0;
	if (len > INT32_MAX)
		return -1;
	doc = xmlReadMemory(data, (int)len, NULL, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_DTDATTR);
	if (doc == NULL)
		return -1;
	/* a DTD may give any attribute a default or an entity: refused */
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		xmlFreeDoc(doc);
		return 1;
	}
	/* every element, without recursion */
	n = xmlDocGetRootElement(doc);
	while (n != NULL && r == 0) {
		if (n->type == XML_ELEMENT_NODE) {
			xmlAttrPtr a;

			for (a = n->properties; a != NULL && r == 0;
			    a = a->next)
				r = secret_attr(doc, a, mask);
		}
		if (n->children != NULL && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL)
			n = n->parent != NULL &&
			    n->parent->type == XML_ELEMENT_NODE ? n->parent :
			    NULL;
		if (n != NULL)
			n = n->next;
	}
	xmlFreeDoc(doc);
	return r;
}
