#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "evidence/ldif_write.h"
#include "core/base64.h"
#include "core/banned.h"

#define LDIF_COLS	76

/* RFC 2849 SAFE-STRING: else the value is written base64. */
static int
is_safe_string(const unsigned char *v, size_t len)
{
	size_t i;

	if (len == 0)
		return 1;
	if (v[0] == ' ' || v[0] == ':' || v[0] == '<' || v[len - 1] == ' ')
		return 0;
	for (i = 0; i < len; i++)
		if (v[i] == 0 || v[i] == '\n' || v[i] == '\r' || v[i] >= 0x80)
			return 0;
	return 1;
}

/* s after a prefix of col columns, continuation lines start with ' '. */
static void
put_folded(FILE *f, const char *s, size_t len, size_t col)
{
	size_t room, n;

	while (len > 0) {
		if (col >= LDIF_COLS) {
			fputs("\n ", f);
			col = 1;
		}
		room = LDIF_COLS - col;
		n = len < room ? len : room;
		fwrite(s, 1, n, f);
		s += n;
		len -= n;
		col += n;
	}
	fputc('\n', f);
}

void
rp_ldif_write_value(FILE *f, const char *attr, const char *val, size_t len)
{
	const char *close;
	char *b64, scheme[64];
	size_t alen = strlen(attr), n;

	if (strcasecmp(attr, "userPassword") == 0 ||
	    strncasecmp(attr, "userPassword;", 13) == 0 ||
	    strcasecmp(attr, "olcRootPW") == 0 ||
	    strncasecmp(attr, "olcRootPW;", 10) == 0) {
		/*
		 * keep the storage scheme only: never a password or a hash
		 * (userPassword of entries, olcRootPW of cn=config databases)
		 */
		close = len > 1 && val[0] == '{' ? memchr(val, '}', len) : NULL;
		n = close != NULL ? (size_t)(close - val) + 1 : 0;
		if (n > 0 && n < sizeof(scheme)) {
			memcpy(scheme, val, n);
			scheme[n] = '\0';
		} else
			snprintf(scheme, sizeof(scheme), "{CLEARTEXT}");
		val = scheme;
		len = strlen(scheme);
	}
	fwrite(attr, 1, alen, f);
	if (is_safe_string((const unsigned char *)val, len)) {
		fputs(": ", f);
		put_folded(f, val, len, alen + 2);
	} else {
		b64 = rp_base64_encode((const unsigned char *)val, len);
		fputs(":: ", f);
		put_folded(f, b64, strlen(b64), alen + 3);
		free(b64);
	}
}
