#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "core/banned.h"

void
rp_strbuf_init(struct rp_strbuf *sb, size_t max)
{
	sb->buf = NULL;
	sb->len = 0;
	sb->alloc = 0;
	sb->max = max;
}

void
rp_strbuf_release(struct rp_strbuf *sb)
{
	if (sb == NULL)
		return;
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
}

void
rp_strbuf_reset(struct rp_strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

static int
grow(struct rp_strbuf *sb, size_t extra)
{
	size_t want, n;

	if (extra > sb->max || sb->len > sb->max - extra)
		return RP_ERR_TOO_LARGE;
	want = sb->len + extra + 1;
	if (want <= sb->alloc)
		return 0;
	n = sb->alloc ? sb->alloc : 64;
	while (n < want)
		n = n > ((size_t)-1) / 2 ? want : n * 2;
	sb->buf = xreallocarray(sb->buf, n, 1);
	sb->alloc = n;
	return 0;
}

int
rp_strbuf_add(struct rp_strbuf *sb, const void *data, size_t len)
{
	int r;

	if ((r = grow(sb, len)) != 0)
		return r;
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

size_t
rp_strbuf_add_trunc(struct rp_strbuf *sb, const void *data, size_t len)
{
	size_t room = sb->max > sb->len ? sb->max - sb->len : 0;

	if (len > room)
		len = room;
	if (rp_strbuf_add(sb, data, len) != 0)
		return 0;
	return len;
}

int
rp_strbuf_addstr(struct rp_strbuf *sb, const char *s)
{
	return rp_strbuf_add(sb, s, strlen(s));
}

int
rp_strbuf_addch(struct rp_strbuf *sb, int c)
{
	char ch = (char)c;

	return rp_strbuf_add(sb, &ch, 1);
}

int
rp_strbuf_addf(struct rp_strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r, n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return RP_ERR_NOMEM;
	r = rp_strbuf_add(sb, s, (size_t)n);
	free(s);
	return r;
}

char *
rp_strbuf_detach(struct rp_strbuf *sb, size_t *lenp)
{
	char *p = sb->buf ? sb->buf : xstrdup("");

	if (lenp)
		*lenp = sb->len;
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
	return p;
}

const char *
rp_strbuf_str(const struct rp_strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}
