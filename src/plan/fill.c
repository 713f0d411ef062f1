#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "parse/rx.h"
#include "plan/fill.h"
#include "core/banned.h"

static const char *const refusal_names[RP_FILL__COUNT] = {
	"ok", "empty", "control", "length", "encoding", "quote", "dash",
	"form",
};

const char *
rp_fill_refusal_name(enum rp_fill_refusal r)
{
	return (unsigned)r < RP_FILL__COUNT ? refusal_names[r] : "?";
}

/*
 * The code point at s (valid UTF-8, shortest form, no surrogate), its
 * length in *n; -1 when s is not UTF-8.
 */
long
rp_utf8_next(const unsigned char *s, size_t *n)
{
	long c;
	size_t i, len;

	if (s[0] < 0x80) {
		*n = 1;
		return s[0];
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return -1;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*n = len;
	return c;
}

int
rp_char_is_control(long c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 ||
	    c == 0x2029 || (c >= 0x200e && c <= 0x200f) ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x061c;
}

/* What would make s unsafe to paste in any language, or RP_FILL_OK. */
enum rp_fill_refusal
rp_fill_screen(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, len = strlen(s);
	long c;

	if (len == 0)
		return RP_FILL_EMPTY;
	if (len > RP_FILL_LEN_MAX)
		return RP_FILL_LENGTH;
	for (; *p; p += n) {
		if ((c = rp_utf8_next(p, &n)) < 0)
			return RP_FILL_ENCODING;
		/* C0, DEL, C1 (NEL), line and paragraph separators, and
		 * the bidirectional controls that reorder what is shown */
		if (rp_char_is_control(c))
			return RP_FILL_CONTROL;
	}
	return RP_FILL_OK;
}

/*
 * POSIX shell: one single-quoted word, a ' inside as '\''. PowerShell: one
 * single-quoted string, ' doubled; PowerShell also takes the typographic
 * single quotes (U+2018 to U+201B) as quotes: refused rather than guessed.
 */
char *
rp_fill_quote(enum rp_quote q, const char *s)
{
	struct rp_strbuf sb;
	const char *p;

	if (q == RP_QUOTE_PS && (strstr(s, "\xe2\x80\x98") != NULL ||
	    strstr(s, "\xe2\x80\x99") != NULL ||
	    strstr(s, "\xe2\x80\x9a") != NULL ||
	    strstr(s, "\xe2\x80\x9b") != NULL))
		return NULL;
	rp_strbuf_init(&sb, 4 * RP_FILL_LEN_MAX + 16);
	rp_strbuf_addch(&sb, '\'');
	for (p = s; *p; p++) {
		if (*p != '\'')
			rp_strbuf_addch(&sb, *p);
		else if (q == RP_QUOTE_SH)
			rp_strbuf_addstr(&sb, "'\\''");
		else
			rp_strbuf_addstr(&sb, "''");
	}
	rp_strbuf_addch(&sb, '\'');
	return rp_strbuf_detach(&sb, NULL);
}

static int
take_group(const char *s, size_t len, void *arg)
{
	char **o = arg;

	free(*o);
	*o = xstrndup(s, len);
	return 1;
}

enum rp_fill_refusal
rp_fill(const struct rp_fill *f, const char *item, char **obj, char **out)
{
	struct rp_strbuf sb;
	enum rp_fill_refusal r;
	const char *p, *m;
	size_t ml = strlen(RP_FILL_MARK);
	char *q;

	*obj = NULL;
	*out = NULL;
	/* the whole item first: a control character anywhere in it says
	 * the line was not read as the check expects */
	if ((r = rp_fill_screen(item)) != RP_FILL_OK && r != RP_FILL_LENGTH)
		return r;
	if (f->rx != NULL) {
		if (rp_rx_each(f->rx, item, strlen(item), "object",
		    take_group, obj) <= 0 || *obj == NULL)
			return RP_FILL_FORM;
	} else
		*obj = xstrdup(item);
	if ((r = rp_fill_screen(*obj)) != RP_FILL_OK)
		return r;
	if (f->quote == RP_QUOTE_SH && !f->endopt && **obj == '-')
		return RP_FILL_DASH;
	if ((q = rp_fill_quote(f->quote, *obj)) == NULL)
		return RP_FILL_QUOTE;
	rp_strbuf_init(&sb, 65536);
	for (p = f->command; (m = strstr(p, RP_FILL_MARK)) != NULL;
	    p = m + ml) {
		rp_strbuf_add(&sb, p, (size_t)(m - p));
		rp_strbuf_addstr(&sb, q);
	}
	rp_strbuf_addstr(&sb, p);
	free(q);
	*out = rp_strbuf_detach(&sb, NULL);
	return RP_FILL_OK;
}
