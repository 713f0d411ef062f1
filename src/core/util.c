#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/util.h"
#include "core/banned.h"

int
rp_strtonum(const char *s, long long min, long long max, long long *out)
{
	return rp_strtonum_base(s, 10, min, max, out);
}

int
rp_strtonum_base(const char *s, int base, long long min, long long max,
    long long *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return RP_ERR_INVALID;
	errno = 0;
	v = (strtoll)(s, &end, base);	/* the one caller: banned.h */
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return RP_ERR_INVALID;
	*out = v;
	return 0;
}

int
rp_strtonum_prefix(const char *s, int base, long long max, long long *out,
    const char **end)
{
	long long v = 0;
	const char *p;
	int d;

	if (s == NULL || (base != 8 && base != 10 && base != 16) || max < 0)
		return RP_ERR_INVALID;
	for (p = s; (d = rp_hexval((unsigned char)*p)) >= 0 && d < base; p++) {
		if (d > max || v > (max - d) / base)
			return RP_ERR_INVALID;
		v = v * base + d;
	}
	if (p == s)
		return RP_ERR_INVALID;
	*out = v;
	if (end != NULL)
		*end = p;
	return 0;
}

char *
rp_next_token(char **sp, const char *delim)
{
	char *s = *sp, *tok;

	if (s == NULL)
		return NULL;
	s += strspn(s, delim);
	if (*s == '\0') {
		*sp = NULL;
		return NULL;
	}
	tok = s;
	s += strcspn(s, delim);
	if (*s != '\0')
		*s++ = '\0';
	*sp = s;
	return tok;
}

int
rp_strtod(const char *s, double *out)
{
	char *end;
	double v;

	if (s == NULL || *s == '\0' || isspace((unsigned char)*s))
		return RP_ERR_INVALID;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || v != v)
		return RP_ERR_INVALID;
	*out = v;
	return 0;
}

static int
digits(const char *s, size_t n, int *out)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

static int
days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : d[m - 1];
}

int
rp_parse_time(const char *s, time_t *out)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, sec = 0;
	size_t len;

	if (s == NULL)
		return RP_ERR_INVALID;
	len = strlen(s);
	if (len < 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) || digits(s + 5, 2, &mo) || digits(s + 8, 2, &d))
		return RP_ERR_INVALID;
	if (len > 10) {
		const char *t = s + 10;

		if ((*t != 'T' && *t != ' ') || len < 19 || t[3] != ':' ||
		    t[6] != ':' || digits(t + 1, 2, &h) ||
		    digits(t + 4, 2, &mi) || digits(t + 7, 2, &sec))
			return RP_ERR_INVALID;
		t += 9;
		if (*t == '.') {	/* fractional seconds: ignored */
			t++;
			while (isdigit((unsigned char)*t))
				t++;
		}
		if (strcmp(t, "Z") != 0 && strcmp(t, "+00:00") != 0)
			return RP_ERR_INVALID;
	}
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60)
		return RP_ERR_INVALID;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = timegm(&tm);
	return 0;
}

void
rp_format_time(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, len, "invalid-time");
}

void
rp_format_day(time_t t, char *buf, size_t len)
{
	char full[32];

	rp_format_time(t, full, sizeof(full));
	snprintf(buf, len, "%.10s", full);
}

int
rp_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
rp_valid_id(const char *s)
{
	size_t i;

	if (s == NULL || !isalnum((unsigned char)s[0]))
		return 0;
	for (i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (i >= 128)
			return 0;
		if (!isalnum(c) && c != '.' && c != '_' && c != '-')
			return 0;
	}
	return 1;
}

int
rp_glob_match(const char *p, const char *s)
{
	/* no FNM_PATHNAME nor FNM_PERIOD: '/' and a leading '.' are
	 * ordinary; FNM_NOESCAPE: a backslash is itself */
	return fnmatch(p, s, FNM_NOESCAPE) == 0;
}

int
rp_version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			unsigned long long x = 0, y = 0;

			while (isdigit((unsigned char)*a) && x < ULLONG_MAX / 10)
				x = x * 10 + (unsigned)(*a++ - '0');
			while (isdigit((unsigned char)*b) && y < ULLONG_MAX / 10)
				y = y * 10 + (unsigned)(*b++ - '0');
			if (x != y)
				return x < y ? -1 : 1;
		} else if (*a == *b) {
			a++;
			b++;
		} else {
			/* a separator sorts before more digits or letters */
			int ca = (unsigned char)*a, cb = (unsigned char)*b;

			if (ca == '\0' || ca == '.' || ca == '-')
				return cb == '\0' ? 1 : -1;
			if (cb == '\0' || cb == '.' || cb == '-')
				return 1;
			return ca < cb ? -1 : 1;
		}
	}
	return 0;
}
