/* Unit tests: core helpers and pure parsers. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/base64.h"
#include "core/err.h"
#include "core/file.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "parse/ldif.h"
#include "parse/rx.h"

static void
strbuf_cap(void **state)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(8);

	assert_int_equal(rp_strbuf_addstr(&sb, "12345"), 0);
	assert_int_equal(rp_strbuf_addstr(&sb, "6789"), RP_ERR_TOO_LARGE);
	assert_string_equal(rp_strbuf_str(&sb), "12345");
	assert_int_equal(rp_strbuf_add_trunc(&sb, "abcdef", 6), 3);
	assert_int_equal(sb.len, 8);
	assert_memory_equal(sb.buf, "12345abc", 9);
	assert_int_equal(rp_strbuf_add(&sb, "\0", 1), RP_ERR_TOO_LARGE);
	rp_strbuf_release(&sb);
	rp_strbuf_init(&sb, 16);
	assert_int_equal(rp_strbuf_add(&sb, "a\0b", 3), 0);
	assert_int_equal(sb.len, 3);
	assert_memory_equal(sb.buf, "a\0b", 3);
	rp_strbuf_release(&sb);
}

static void
numbers(void **state)
{
	long long v;
	double d;

	assert_int_equal(rp_strtonum("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(rp_strtonum("-1", 0, 100, &v), RP_ERR_INVALID);
	assert_int_equal(rp_strtonum("101", 0, 100, &v), RP_ERR_INVALID);
	assert_int_equal(rp_strtonum("4x", 0, 100, &v), RP_ERR_INVALID);
	assert_int_equal(rp_strtonum("", 0, 100, &v), RP_ERR_INVALID);
	assert_int_equal(rp_strtonum(" 4", 0, 100, &v), RP_ERR_INVALID);
	assert_int_equal(rp_strtonum("99999999999999999999", 0, 100, &v),
	    RP_ERR_INVALID);
	/* modes in octal, bits in C notation */
	assert_int_equal(rp_strtonum_base("0644", 8, 0, 07777, &v), 0);
	assert_int_equal(v, 0644);
	assert_int_equal(rp_strtonum_base("8", 8, 0, 07777, &v),
	    RP_ERR_INVALID);
	assert_int_equal(rp_strtonum_base("17777", 8, 0, 07777, &v),
	    RP_ERR_INVALID);
	assert_int_equal(rp_strtonum_base(" 644", 8, 0, 07777, &v),
	    RP_ERR_INVALID);
	assert_int_equal(rp_strtonum_base("644 any-owner", 8, 0, 07777, &v),
	    RP_ERR_INVALID);
	assert_int_equal(rp_strtonum_base(NULL, 8, 0, 07777, &v),
	    RP_ERR_INVALID);
	assert_int_equal(rp_strtonum_base("0x10", 0, 1, 100, &v), 0);
	assert_int_equal(v, 16);
	assert_int_equal(rp_strtonum_base("0x", 0, 1, 100, &v),
	    RP_ERR_INVALID);
	assert_int_equal(rp_strtonum_base("0", 0, 1, 100, &v),
	    RP_ERR_INVALID);
	assert_int_equal(rp_strtonum_base("0xffffffffffffffffff", 0, 1,
	    0x7fffffffffffffffLL, &v), RP_ERR_INVALID);
	assert_int_equal(rp_strtod("3.5", &d), 0);
	assert_true(d == 3.5);
	assert_int_equal(rp_strtod("nan", &d), RP_ERR_INVALID);
}

static void
times(void **state)
{
	time_t t;
	char buf[32];

	assert_int_equal(rp_parse_time("2026-11-20", &t), 0);
	assert_int_equal(t, 1795132800);
	assert_int_equal(rp_parse_time("2026-11-20T09:00:02Z", &t), 0);
	rp_format_time(t, buf, sizeof(buf));
	assert_string_equal(buf, "2026-11-20T09:00:02Z");
	assert_int_equal(rp_parse_time("2026-11-20T09:00:02+00:00", &t), 0);
	assert_int_equal(rp_parse_time("2026-02-29", &t), RP_ERR_INVALID);
	assert_int_equal(rp_parse_time("2024-02-29", &t), 0);
	assert_int_equal(rp_parse_time("2026-13-01", &t), RP_ERR_INVALID);
	assert_int_equal(rp_parse_time("2026-11-20T25:00:00Z", &t),
	    RP_ERR_INVALID);
	assert_int_equal(rp_parse_time("2026-11-20T09:00:00+02:00", &t),
	    RP_ERR_INVALID);
	assert_int_equal(rp_parse_time("20261120", &t), RP_ERR_INVALID);
}

static void
tokens_and_prefixes(void **state)
{
	char buf[] = "  a,,b  c,\t", *cur = buf, *t;
	char one[] = "x", *c1 = one;
	char none[] = " , ", *c0 = none;
	const char *end;
	long long v;

	(void)state;
	/* as strtok_r: runs of delimiters skipped, no empty token */
	assert_string_equal(rp_next_token(&cur, " ,\t"), "a");
	assert_string_equal(rp_next_token(&cur, " ,\t"), "b");
	assert_string_equal(rp_next_token(&cur, " ,\t"), "c");
	assert_null(rp_next_token(&cur, " ,\t"));
	assert_null(cur);
	assert_null(rp_next_token(&cur, " ,\t"));	/* stays at the end */
	assert_string_equal(rp_next_token(&c1, ","), "x");
	assert_null(rp_next_token(&c1, ","));
	assert_null(rp_next_token(&c0, " ,"));
	t = NULL;
	assert_null(rp_next_token(&t, ","));

	assert_int_equal(rp_strtonum_prefix("0644 any-owner", 8, 07777, &v,
	    &end), 0);
	assert_int_equal(v, 0644);
	assert_string_equal(end, " any-owner");
	assert_int_equal(rp_strtonum_prefix("12:x", 10, 100, &v, &end), 0);
	assert_int_equal(v, 12);
	assert_int_equal(*end, ':');
	assert_int_equal(rp_strtonum_prefix("ff", 16, 255, &v, NULL), 0);
	assert_int_equal(v, 255);
	assert_int_equal(rp_strtonum_prefix("10000", 8, 07777, &v, NULL),
	    RP_ERR_INVALID);	/* over max */
	assert_int_equal(rp_strtonum_prefix("8", 8, 07777, &v, NULL),
	    RP_ERR_INVALID);	/* not an octal digit */
	assert_int_equal(rp_strtonum_prefix("5", 10, 0, &v, NULL),
	    RP_ERR_INVALID);	/* a digit over a small max */
	assert_int_equal(rp_strtonum_prefix(" 1", 10, 9, &v, NULL),
	    RP_ERR_INVALID);	/* no space */
	assert_int_equal(rp_strtonum_prefix("-1", 10, 9, &v, NULL),
	    RP_ERR_INVALID);	/* no sign */
	assert_int_equal(rp_strtonum_prefix("99999999999999999999", 10,
	    LLONG_MAX, &v, NULL), RP_ERR_INVALID);	/* overflow */
	assert_int_equal(rp_strtonum_prefix("9223372036854775807", 10,
	    LLONG_MAX, &v, NULL), 0);
	assert_true(v == LLONG_MAX);
}

static void
globs_ids_versions(void **state)
{
	assert_true(rp_glob_match("web*", "web1"));
	assert_true(rp_glob_match("*", ""));
	assert_true(rp_glob_match("h?", "h1"));
	assert_false(rp_glob_match("h?", "h12"));
	assert_true(rp_glob_match("*db*", "pg-db-01"));
	assert_false(rp_glob_match("web*", "app1"));
	assert_true(rp_glob_match("web", "web"));
	assert_false(rp_glob_match("web", "web1"));	/* whole id */
	assert_false(rp_glob_match("", "a"));
	assert_true(rp_glob_match("", ""));
	assert_true(rp_glob_match("a*b*c", "aXbYbZc"));
	assert_false(rp_glob_match("a*b*c", "aXbYbZ"));
	/* classes, as fnmatch(3) */
	assert_true(rp_glob_match("web[12]", "web2"));
	assert_false(rp_glob_match("web[12]", "web3"));
	assert_true(rp_glob_match("web[!12]", "web3"));
	assert_true(rp_glob_match("db[0-9]?", "db7a"));
	/* FNM_NOESCAPE: a backslash is itself */
	assert_true(rp_glob_match("a\\*", "a\\bc"));
	assert_false(rp_glob_match("a\\*", "a*"));
	/* no path or dot semantics */
	assert_true(rp_glob_match("*", ".hidden"));
	assert_true(rp_glob_match("a*c", "a/b/c"));
	assert_true(rp_glob_match("a?c", "a/c"));
	assert_true(rp_valid_id("h1"));
	assert_true(rp_valid_id("linux.sshd-config"));
	assert_false(rp_valid_id("../etc"));
	assert_false(rp_valid_id("a/b"));
	assert_false(rp_valid_id(".hidden"));
	assert_false(rp_valid_id(""));
	assert_true(rp_version_cmp("9.2p1", "8.8") > 0);
	assert_true(rp_version_cmp("9.2", "9.10") < 0);
	assert_true(rp_version_cmp("1.0", "1.0") == 0);
	assert_true(rp_version_cmp("1.0", "1.0.1") < 0);
}

static void
base64(void **state)
{
	unsigned char out[64];
	size_t n;
	char *e;

	assert_int_equal(rp_base64_decode("e01ENX0=", 8, out, &n), 0);
	assert_int_equal(n, 5);
	assert_memory_equal(out, "{MD5}", 5);
	assert_int_equal(rp_base64_decode("AQAA\nAA==", 9, out, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(rp_base64_decode("A*==", 4, out, &n), RP_ERR_PARSE);
	/* whole quads, then a space or a pad inside one, then the tail */
	assert_int_equal(rp_base64_decode("AQD/AQD/", 8, out, &n), 0);
	assert_int_equal(n, 6);
	assert_memory_equal(out, "\x01\x00\xff\x01\x00\xff", 6);
	assert_int_equal(rp_base64_decode("AQD/ AQ D/", 10, out, &n), 0);
	assert_int_equal(n, 6);
	assert_memory_equal(out, "\x01\x00\xff\x01\x00\xff", 6);
	assert_int_equal(rp_base64_decode("AQD/AQ==", 8, out, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(rp_base64_decode("AQ==AQD/", 8, out, &n),
	    RP_ERR_PARSE);	/* a digit after the padding */
	assert_int_equal(rp_base64_decode("AQD/A===", 8, out, &n),
	    RP_ERR_PARSE);	/* three pads */
	assert_int_equal(rp_base64_decode("AQD/\x80QD/", 8, out, &n),
	    RP_ERR_PARSE);	/* a byte above 127 */
	assert_int_equal(rp_base64_decode("", 0, out, &n), 0);
	assert_int_equal(n, 0);
	e = rp_base64_encode((const unsigned char *)"\x01\x00\xff", 3);
	assert_string_equal(e, "AQD/");
	free(e);
	e = rp_base64_encode((const unsigned char *)"", 0);
	assert_string_equal(e, "");
	free(e);
	e = rp_base64_encode((const unsigned char *)"\x01\x00", 2);
	assert_string_equal(e, "AQA=");
	free(e);
	/* every white space LDIF may fold with, anywhere, even in the pad */
	assert_int_equal(rp_base64_decode(" A\tQ\vD\f/\rA Q=\n=", 15, out,
	    &n), 0);
	assert_int_equal(n, 4);
	assert_memory_equal(out, "\x01\x00\xff\x01", 4);
	/* no final padding: 2 or 3 digits give 1 or 2 bytes, 1 digit none */
	assert_int_equal(rp_base64_decode("AQD/AQ", 6, out, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(rp_base64_decode("AQD/AQD", 7, out, &n), 0);
	assert_int_equal(n, 5);
	assert_memory_equal(out, "\x01\x00\xff\x01\x00", 5);
	assert_int_equal(rp_base64_decode("AQD/A", 5, out, &n), 0);
	assert_int_equal(n, 3);
	/* PEM's '-' end marker is not an end here, nor is a NUL */
	assert_int_equal(rp_base64_decode("AQD/-AAA", 8, out, &n),
	    RP_ERR_PARSE);
	assert_int_equal(rp_base64_decode("AQD/\0AAA", 8, out, &n),
	    RP_ERR_PARSE);
	assert_int_equal(rp_base64_decode("AQ=D", 4, out, &n), RP_ERR_PARSE);
}

/* Longer than one chunk, with white space: round trip of every byte. */
static void
base64_long(void **state)
{
	size_t len = 100003, n, i, j;
	unsigned char *in = malloc(len), *out = malloc(len + 8);
	char *e, *spaced;

	(void)state;
	for (i = 0; i < len; i++)
		in[i] = (unsigned char)(i * 7 + i / 256);
	e = rp_base64_encode(in, len);
	assert_int_equal(strlen(e), (len + 2) / 3 * 4);
	spaced = malloc(strlen(e) * 2 + 1);
	for (i = j = 0; e[i]; i++) {
		spaced[j++] = e[i];
		if (i % 76 == 75)
			spaced[j++] = '\n';
		else if (i % 997 == 0)
			spaced[j++] = ' ';
	}
	assert_int_equal(rp_base64_decode(spaced, j, out, &n), 0);
	assert_int_equal(n, len);
	assert_memory_equal(out, in, len);
	free(spaced);
	free(e);
	free(in);
	free(out);
}

struct collect {
	char	buf[4096];
	size_t	n;
};

static int
ldif_cb(size_t entry, const char *attr, const char *val, size_t len,
    void *arg)
{
	struct collect *c = arg;
	size_t i;

	c->n += (size_t)snprintf(c->buf + c->n, sizeof(c->buf) - c->n,
	    "%zu:%s=", entry, attr);
	for (i = 0; i < len && c->n < sizeof(c->buf) - 4; i++)
		c->buf[c->n++] = val[i] ? val[i] : '@';
	c->buf[c->n++] = ';';
	c->buf[c->n] = '\0';
	return 0;
}

static void
ldif(void **state)
{
	static const char in[] =
	    "version: 1\n\n# comment\ndn: cn=a,dc=x\ncn: a\ndescription: folded\n"
	    "  line\nobjectSid:: AQAA\n\n\ndn:: Y249YixkYz14\r\ncn;lang-fr: b\n";
	struct collect c;
	char *cause = NULL;
	long n;

	memset(&c, 0, sizeof(c));
	n = rp_ldif_parse(in, sizeof(in) - 1, ldif_cb, &c, &cause);
	assert_int_equal(n, 2);
	assert_string_equal(c.buf, "0:dn=cn=a,dc=x;0:cn=a;0:description="
	    "folded line;0:objectSid=\x01@@;1:dn=cn=b,dc=x;1:cn=b;");
	memset(&c, 0, sizeof(c));
	n = rp_ldif_parse("cn: x\n", 6, ldif_cb, &c, &cause);
	assert_int_equal(n, RP_ERR_PARSE);
	assert_non_null(strstr(cause, "line 1"));
	free(cause);
	cause = NULL;
	n = rp_ldif_parse("dn: x\nnocolon\n", 14, ldif_cb, &c, &cause);
	assert_int_equal(n, RP_ERR_PARSE);
	assert_non_null(strstr(cause, "line 2"));
	free(cause);
}

static int
rx_cb(const char *s, size_t len, void *arg)
{
	struct collect *c = arg;

	memcpy(c->buf + c->n, s, len);
	c->n += len;
	c->buf[c->n++] = ',';
	c->buf[c->n] = '\0';
	return 0;
}

static void
rx(void **state)
{
	struct rp_rx *r;
	struct collect c;
	char *cause = NULL, *big;
	static const char subj[] = "root:x:0:0\ntoor:x:0:0\nbob:x:1000:1000\n";

	assert_int_equal(rp_rx_compile("^(?<n>[^:\\n]*):[^:\\n]*:0:",
	    RP_RX_MULTILINE, &r, &cause), 0);
	assert_true(rp_rx_has_group(r, "n"));
	assert_false(rp_rx_has_group(r, "m"));
	memset(&c, 0, sizeof(c));
	assert_int_equal(rp_rx_each(r, subj, sizeof(subj) - 1, "n", rx_cb, &c),
	    2);
	assert_string_equal(c.buf, "root,toor,");
	rp_rx_free(r);
	assert_int_equal(rp_rx_compile("(", 0, &r, &cause), RP_ERR_INVALID);
	assert_non_null(strstr(cause, "missing closing parenthesis"));
	free(cause);
	/* catastrophic backtracking hits the limit instead of hanging */
	assert_int_equal(rp_rx_compile("^(a+)+$", 0, &r, NULL), 0);
	big = xmalloc(40);
	memset(big, 'a', 39);
	big[38] = 'b';
	big[39] = '\0';
	assert_int_equal(rp_rx_test(r, big, 39), RP_ERR_TOO_LARGE);
	free(big);
	/* binary subject with NUL and invalid UTF-8 */
	assert_int_equal(rp_rx_test(r, "a\0\xff", 3), 0);
	rp_rx_free(r);
}

/* Terminal output: control characters, C1 and invalid UTF-8 escaped. */
static void
printable(void **state)
{
	char *s;

	(void)state;
	s = rp_printable("\x1b]0;PWNED\x07\x1b[2Jb6: intact\x1b[8m\n");
	assert_string_equal(s, "\\x1b]0;PWNED\\x07\\x1b[2Jb6: intact"
	    "\\x1b[8m\\n");
	free(s);
	/* U+009B (CSI as UTF-8), a lone 0x9b byte, DEL; French text kept */
	s = rp_printable("a\xc2\x9b" "b\x9b" "c\x7f" "d \xc3\xa9t\xc3\xa9 \xe2\x80\x94");
	assert_string_equal(s, "a\\xc2\\x9bb\\x9bc\\x7fd \xc3\xa9t\xc3\xa9 "
	    "\xe2\x80\x94");
	free(s);
	/* overlong and surrogate encodings are not text */
	s = rp_printable("\xc0\x8a\xed\xa0\x80");
	assert_string_equal(s, "\\xc0\\x8a\\xed\\xa0\\x80");
	free(s);
	s = rp_printable(NULL);
	assert_string_equal(s, "(null)");
	free(s);
	assert_true(rp_utf8_valid("\xc3\xa9t\xc3\xa9", 5));
	assert_false(rp_utf8_valid("\xc3", 1));	/* cut short */
	assert_false(rp_utf8_valid("a\0b", 3));
	assert_false(rp_utf8_valid("\x82{", 2));
}

static char *
tmpd(void)
{
	char *d = xstrdup("/tmp/rempart-core-XXXXXX");

	assert_non_null(mkdtemp(d));
	return d;
}

/* The safe writer: a temporary then rename, never over a non-file. */
static void
safe_writer(void **state)
{
	char *d = tmpd(), *p = xasprintf("%s/out", d), *cause = NULL, *data;
	char *fifo = xasprintf("%s/fifo", d), *ln = xasprintf("%s/ln", d);
	char *victim = xasprintf("%s/victim", d), *dd = xasprintf("%s/dir", d);
	struct stat st;
	struct rp_out o;
	size_t len;
	mode_t old;

	(void)state;
	old = umask(022);
	assert_int_equal(rp_write_file(p, "one\n", 4, 0640, &cause), 0);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0640);
	assert_int_equal(rp_write_file(p, "two\n", 4, 0600, &cause), 0);
	assert_int_equal(rp_file_read(p, 100, &data, &len, &cause), 0);
	assert_string_equal(data, "two\n");
	free(data);
	/* a FIFO and a symlink are left as they are */
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(rp_write_file(fifo, "x", 1, 0600, &cause),
	    RP_ERR_INVALID);
	assert_non_null(strstr(cause, "a FIFO"));
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	assert_int_equal(rp_write_file(victim, "keep", 4, 0600, &cause), 0);
	assert_int_equal(symlink(victim, ln), 0);
	assert_int_equal(rp_write_file(ln, "x", 1, 0600, &cause),
	    RP_ERR_INVALID);
	assert_non_null(strstr(cause, "symbolic link"));
	assert_int_equal(rp_file_read(victim, 100, &data, NULL, &cause), 0);
	assert_string_equal(data, "keep");
	free(data);
	/* an aborted output leaves nothing */
	assert_int_equal(rp_out_open(&o, p, 0600, &cause), 0);
	fputs("partial", o.f);
	assert_int_equal(rp_out_close(&o, 0, &cause), 0);
	assert_int_equal(rp_file_read(p, 100, &data, NULL, &cause), 0);
	assert_string_equal(data, "two\n");
	free(data);
	/* an output directory of one's own, not a shared one */
	assert_int_equal(rp_out_dir(dd, &cause), 0);
	assert_int_equal(rp_out_dir(dd, &cause), 0);
	assert_int_equal(chmod(dd, 0777), 0);
	assert_int_equal(rp_out_dir(dd, &cause), RP_ERR_INVALID);
	assert_int_equal(rp_out_dir(ln, &cause), RP_ERR_INVALID);
	umask(old);
	free(cause);
	unlink(p);
	unlink(fifo);
	unlink(ln);
	unlink(victim);
	rmdir(dd);
	rmdir(d);
	free(d);
	free(p);
	free(fifo);
	free(ln);
	free(victim);
	free(dd);
}

/* The safe reader: regular files within the cap, nothing else. */
static void
safe_reader(void **state)
{
	char *d = tmpd(), *p = xasprintf("%s/f", d), *cause = NULL, *data;
	char *fifo = xasprintf("%s/fifo", d), *ln = xasprintf("%s/ln", d);
	char *ln2 = xasprintf("%s/ln2", d);
	struct stat st;
	size_t len = 0;
	int fd;

	(void)state;
	assert_int_equal(rp_write_file(p, "12345", 5, 0600, &cause), 0);
	assert_int_equal(rp_file_read(p, 5, &data, &len, &cause), 0);
	assert_int_equal(len, 5);
	free(data);
	assert_int_equal(rp_file_read(p, 4, &data, &len, &cause),
	    RP_ERR_TOO_LARGE);
	assert_non_null(strstr(cause, "larger than 4 bytes"));
	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* would block forever without O_NONBLOCK (no writer) */
	assert_int_equal(rp_file_read(fifo, 100, &data, &len, &cause),
	    RP_ERR_INVALID);
	assert_non_null(strstr(cause, "not a regular file"));
	assert_int_equal(rp_file_read("/dev/zero", SIZE_MAX, &data, &len,
	    &cause), RP_ERR_INVALID);
	assert_int_equal(symlink(p, ln), 0);
	assert_int_equal(rp_file_read(ln, 100, &data, &len, &cause),
	    RP_ERR_IO);
	assert_non_null(strstr(cause, "symbolic link"));
	assert_int_equal(rp_file_read(d, 100, &data, &len, &cause),
	    RP_ERR_INVALID);
	assert_int_equal(rp_file_read("/nonexistent/x", 100, &data, &len,
	    &cause), RP_ERR_NOT_FOUND);
	/* RP_FILE_FOLLOW: the user's own files may be symbolic links; the
	 * type and cap rules still hold, and st says what was refused */
	fd = rp_file_open_st(ln, 100, RP_FILE_FOLLOW, &st);
	assert_true(fd >= 0);
	assert_int_equal(st.st_size, 5);
	close(fd);
	assert_int_equal(rp_file_open_st(ln, 100, 0, &st), RP_ERR_IO);
	assert_int_equal(rp_file_open_st(ln, 4, RP_FILE_FOLLOW, &st),
	    RP_ERR_TOO_LARGE);
	assert_int_equal(symlink(fifo, ln2), 0);
	assert_int_equal(rp_file_open_st(ln2, 100, RP_FILE_FOLLOW, &st),
	    RP_ERR_INVALID);	/* at once: no writer needed */
	assert_string_equal(rp_file_kind(st.st_mode), "a FIFO");
	assert_int_equal(rp_file_open_st("/dev/null", 100, RP_FILE_FOLLOW,
	    &st), RP_ERR_INVALID);
	assert_string_equal(rp_file_kind(st.st_mode), "a character device");
	free(cause);
	unlink(p);
	unlink(fifo);
	unlink(ln);
	unlink(ln2);
	free(ln2);
	rmdir(d);
	free(d);
	free(p);
	free(fifo);
	free(ln);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strbuf_cap),
		cmocka_unit_test(numbers),
		cmocka_unit_test(times),
		cmocka_unit_test(tokens_and_prefixes),
		cmocka_unit_test(globs_ids_versions),
		cmocka_unit_test(base64),
		cmocka_unit_test(base64_long),
		cmocka_unit_test(ldif),
		cmocka_unit_test(rx),
		cmocka_unit_test(printable),
		cmocka_unit_test(safe_writer),
		cmocka_unit_test(safe_reader),
	};

	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
