#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/xmalloc.h"
#include "core/banned.h"

int rp_log_level = RP_LOG_WARN;

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if invalid. */
static size_t
utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

int
rp_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	size_t n;

	while (p < end) {
		if (*p == '\0')
			return 0;
		/* utf8_len reads at most 4 bytes, stopping at a NUL */
		if ((size_t)(end - p) < 4 && *p >= 0x80) {
			char tail[5] = { 0 };

			memcpy(tail, p, (size_t)(end - p));
			n = utf8_len((const unsigned char *)tail);
		} else
			n = utf8_len(p);
		if (n == 0)
			return 0;
		p += n;
	}
	return 1;
}

char *
rp_printable(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out, *o;
	size_t n;

	if (s == NULL)
		return xstrdup("(null)");
	/* at most 4 output bytes per input byte ("\xNN") */
	o = out = xreallocarray(NULL, strlen(s) + 1, 4);
	while (*p) {
		n = utf8_len(p);
		/* C0, DEL, C1 (U+0080-U+009F) and invalid bytes */
		if (n == 0 || *p < 0x20 || *p == 0x7f ||
		    (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)) {
			if (*p == '\n' || *p == '\t' || *p == '\r')
				o += snprintf(o, 3, "\\%c", *p == '\n' ? 'n' :
				    *p == '\t' ? 't' : 'r');
			else
				o += snprintf(o, 5, "\\x%02x", *p);
			p++;
			continue;
		}
		memcpy(o, p, n);
		o += n;
		p += n;
	}
	*o = '\0';
	return out;
}

static char *(*translator)(const char *);

void
rp_log_set_translator(char *(*fn)(const char *line))
{
	translator = fn;
}

/* One line, written at once: collection threads log concurrently. */
static void __attribute__((format(printf, 2, 0)))
vlog(const char *prefix, const char *fmt, va_list ap, int translate)
{
	char *msg = NULL, *safe, *line, *t;

	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	line = xasprintf("%s%s", prefix, msg ? msg : fmt);
	if (translate && translator != NULL) {
		t = translator(line);
		free(line);
		line = t;
	}
	/* messages quote paths, DNs and errors from bundles and targets */
	safe = rp_printable(line);
	free(line);
	flockfile(stderr);
	fprintf(stderr, "rempart: %s\n", safe);
	funlockfile(stderr);
	free(safe);
	free(msg);
}

void
rp_warn(const char *fmt, ...)
{
	va_list ap;

	if (rp_log_level < RP_LOG_WARN)
		return;
	va_start(ap, fmt);
	vlog("warning: ", fmt, ap, 1);
	va_end(ap);
}

void
rp_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("error: ", fmt, ap, 0);
	va_end(ap);
}

void
rp_info(const char *fmt, ...)
{
	va_list ap;

	if (rp_log_level < RP_LOG_INFO)
		return;
	va_start(ap, fmt);
	vlog("", fmt, ap, 0);
	va_end(ap);
}

void
rp_debug(const char *fmt, ...)
{
	va_list ap;

	if (rp_log_level < RP_LOG_DEBUG)
		return;
	va_start(ap, fmt);
	vlog("debug: ", fmt, ap, 0);
	va_end(ap);
}

void
rp_fatal_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("", fmt, ap, 0);
	va_end(ap);
	exit(2);
}
