/*
 * util.h -- small parsing helpers: numbers, dates, names.
 */
#ifndef RP_UTIL_H
#define RP_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Parse a whole decimal integer in [min, max]; 0 or RP_ERR_INVALID. */
int	rp_strtonum(const char *s, long long min, long long max, long long *out);
/*
 * The same in base (8: a file mode; 0: C notation, "0x10", "010" or
 * "16"). No leading blank, nothing after the number.
 */
int	rp_strtonum_base(const char *s, int base, long long min, long long max,
	    long long *out);
/*
 * Parse the digits at the start of s in base 8, 10 or 16 (no space, sign
 * or "0x": the caller says the base) into a value up to max; *end (may be
 * NULL) gets the first byte after the digits. 0, or RP_ERR_INVALID when
 * there is no digit or the value passes max. For numbers followed by text.
 */
int	rp_strtonum_prefix(const char *s, int base, long long max,
	    long long *out, const char **end);
/* Parse a decimal number (may have a fraction) into a double. */
int	rp_strtod(const char *s, double *out);

/*
 * Parse an ISO 8601 UTC date "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (also
 * with "+00:00") into a time_t.
 */
int	rp_parse_time(const char *s, time_t *out);
/* Format t as "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void	rp_format_time(time_t t, char *buf, size_t len);
/* Format the day of t as "YYYY-MM-DD" into buf (cut to len). */
void	rp_format_day(time_t t, char *buf, size_t len);

/* qsort/bsearch comparison of two (char *) elements, by strcmp. */
int	rp_cmp_str(const void *a, const void *b);

/* Little-endian integers of Windows structures (4 and 8 bytes at p). */
static inline uint32_t
rp_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline uint64_t
rp_le64(const unsigned char *p)
{
	return (uint64_t)rp_le32(p) | (uint64_t)rp_le32(p + 4) << 32;
}

/*
 * The next token of the string at *sp, split on any byte of delim, as
 * strtok_r gives it (runs of delimiters skipped, no empty token) but with
 * the cursor in the caller's hands: the token is NUL-terminated in place
 * and *sp moves past it. NULL, and *sp NULL, at the end.
 */
char	*rp_next_token(char **sp, const char *delim);

/* Is s a safe identifier: [A-Za-z0-9][A-Za-z0-9._-]{0,127}? */
int	rp_valid_id(const char *s);

/*
 * Does s match the glob pattern, as fnmatch(3) with FNM_NOESCAPE only:
 * '*' any run, '?' one character, '[...]' a class ("[!...]" its
 * complement); a backslash is an ordinary character; '/' and a leading '.'
 * are matched by '*' and '?' like any other (no path semantics). Used for
 * waivers' target="..." (docs/content-formats.md).
 */
int	rp_glob_match(const char *pattern, const char *s);

/* Compare dotted versions ("9.2p1" vs "8.8"): <0, 0, >0. */
int	rp_version_cmp(const char *a, const char *b);

/* The value of the hex digit c (either case), or -1. */
static inline int
rp_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
