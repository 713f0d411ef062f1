#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/base64.h"
#include "core/err.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "parse/ldif.h"
#include "core/banned.h"

#define LDIF_MAX_LINE	(64u * 1024 * 1024)

/*
 * One unfolded logical line in sb; handles "attr: v", "attr:: b64". The
 * attribute name is cut in place (sb is this reader's own copy of the
 * line): no allocation per value but for base64 ones.
 */
static int
emit(struct rp_strbuf *sb, size_t entry, rp_ldif_cb cb, void *arg,
    long lineno, char **cause)
{
	char *s = sb->buf, *attr;
	const char *colon, *v, *semi;
	unsigned char *dec;
	size_t vlen, dlen, alen;
	int r = 0, stop;

	if (s == NULL)
		return rp_fail(cause, RP_ERR_PARSE, "LDIF line %ld: expected "
		    "'attribute: value'", lineno);
	colon = memchr(s, ':', sb->len);
	if (colon == NULL || colon == s)
		return rp_fail(cause, RP_ERR_PARSE, "LDIF line %ld: expected "
		    "'attribute: value'", lineno);
	alen = (size_t)(colon - s);
	semi = memchr(s, ';', alen);
	if (semi != NULL)
		alen = (size_t)(semi - s);
	v = colon + 1;
	attr = s;
	s[alen] = '\0';	/* at ':' or ';', before v */
	if (*v == ':' || *v == '<') {
		int b64 = *v == ':';

		v++;
		while (*v == ' ')
			v++;
		vlen = sb->len - (size_t)(v - s);
		if (!b64) {	/* URL reference: keep the URL text */
			stop = cb(entry, attr, v, vlen, arg);
			return stop ? 1 : 0;
		}
		dec = xmalloc(vlen / 4 * 3 + 4);
		if (rp_base64_decode(v, vlen, dec, &dlen) != 0) {
			r = rp_fail(cause, RP_ERR_PARSE, "LDIF line %ld: bad "
			    "base64 value of '%s'", lineno, attr);
		} else {
			dec[dlen] = '\0';
			r = cb(entry, attr, (char *)dec, dlen, arg) ? 1 : 0;
		}
		free(dec);
		return r;
	}
	while (*v == ' ')
		v++;
	vlen = sb->len - (size_t)(v - s);
	r = cb(entry, attr, v, vlen, arg) ? 1 : 0;
	return r;
}

long
rp_ldif_parse(const char *data, size_t len, rp_ldif_cb cb, void *arg,
    char **cause)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(LDIF_MAX_LINE);
	const char *p = data, *end = data + len, *nl;
	size_t entry = 0, llen;
	long lineno = 0, start = 0;
	int in_entry = 0, r = 0, pending = 0;

	while (p < end && r == 0) {
		nl = memchr(p, '\n', (size_t)(end - p));
		llen = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (llen > 0 && p[llen - 1] == '\r')
			llen--;
		lineno++;
		if (llen > 0 && p[0] == ' ' && pending) {
			if (rp_strbuf_add(&sb, p + 1, llen - 1) != 0)
				r = rp_fail(cause, RP_ERR_TOO_LARGE, "LDIF "
				    "line %ld: value too long", lineno);
		} else {
			if (pending) {
				r = emit(&sb, entry, cb, arg, start, cause);
				pending = 0;
			}
			if (r == 0 && llen == 0) {
				if (in_entry)
					entry++;
				in_entry = 0;
			} else if (r == 0 && p[0] != '#' &&
			    !(llen >= 8 && !in_entry &&
			    strncasecmp(p, "version:", 8) == 0)) {
				if (!in_entry && (llen < 3 ||
				    strncasecmp(p, "dn:", 3) != 0))
					r = rp_fail(cause, RP_ERR_PARSE,
					    "LDIF line %ld: an entry must "
					    "start with 'dn:'", lineno);
				in_entry = 1;
				rp_strbuf_reset(&sb);
				if (r == 0 && rp_strbuf_add(&sb, p, llen) != 0)
					r = RP_ERR_TOO_LARGE;
				pending = 1;
				start = lineno;
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (r == 0 && pending)
		r = emit(&sb, entry, cb, arg, start, cause);
	if (in_entry)
		entry++;
	rp_strbuf_release(&sb);
	if (r < 0)
		return r;
	return (long)entry;
}
