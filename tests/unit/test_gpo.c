/* Unit tests: the SYSVOL walker and the cpassword mask (collect/sysvol.c),
 * and the readers of the probe output and the GPO formats (parse/gpo.c). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "collect/sysvol.h"
#include "core/err.h"
#include "core/xmalloc.h"
#include "evidence/bundle.h"
#include "parse/gpo.h"

static char *
dup_len(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static void
mask_utf8(void **state)
{
	const char *in = "<a cpassword=\"SECRETVALUE\" x='1'/>"
	    "<b CPassword = 'OTHER'/><c cpassword=\"\"/>";
	char *d = xstrdup(in);
	size_t len = strlen(in);

	(void)state;
	assert_int_equal(rp_sysvol_mask(&d, &len), 2);
	assert_int_equal(len, strlen(d));
	assert_null(strstr(d, "SECRETVALUE"));
	assert_null(strstr(d, "OTHER"));
	assert_non_null(strstr(d, "cpassword=\"" RP_SYSVOL_MASK "\" x='1'"));
	assert_non_null(strstr(d, "CPassword = '" RP_SYSVOL_MASK "'"));
	assert_non_null(strstr(d, "cpassword=\"\""));	/* empty: kept */
	/* again: only masks left, each masked once more, same text */
	assert_int_equal(rp_sysvol_mask(&d, &len), 2);
	assert_null(strstr(d, "SECRET"));
	free(d);
}

static void
mask_utf16(void **state)
{
	const char *a = "<u cpassword=\"S3CR3T\"/>";
	size_t i, n = strlen(a), len = 2 + 2 * n;
	char *d = xcalloc(1, len + 1);

	(void)state;
	d[0] = (char)0xff;
	d[1] = (char)0xfe;
	for (i = 0; i < n; i++)
		d[2 + 2 * i] = a[i];
	assert_int_equal(rp_sysvol_mask(&d, &len), 1);
	for (i = 0; i + 1 < len; i++)
		assert_false(d[i] == 'S' && d[i + 2] == '3' && d[i + 4] == 'C');
	free(d);
}

/* Encodings and spellings the byte mask alone let through: the stored file
 * never holds the value, whatever libxml2 would decode from it. */
static int
holds(const char *d, size_t len, const char *secret, size_t step, size_t off)
{
	size_t i, k, n = strlen(secret);

	for (i = off; i + n * step <= len; i++) {
		for (k = 0; k < n; k++)
			if (d[i + k * step] != secret[k])
				break;
		if (k == n)
			return 1;
	}
	return 0;
}

static char *
widen(const char *a, size_t step, int be, const char *bom, size_t bl,
    size_t *len)
{
	size_t i, n = strlen(a);
	char *d = xcalloc(1, bl + n * step + 1);

	memcpy(d, bom, bl);
	for (i = 0; i < n; i++)
		d[bl + i * step + (be ? step - 1 : 0)] = a[i];
	*len = bl + n * step;
	return d;
}

static void
mask_hostile(void **state)
{
	const char *nl = "<r><Properties cpassword=\n\"SECRETA\" u='x'/></r>";
	const char *crlf = "<r><Properties cpassword\r\n=\r\n\t'SECRETB'/></r>";
	const char *dtd = "<!DOCTYPE r [<!ATTLIST Properties cpassword CDATA "
	    "\"SECRETC\">]><r><Properties u='x'/></r>";
	const char *a32 = "<r><Properties cpassword=\"SECRETD\"/></r>";
	const char *e16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
	    "<r><Properties cpassword=\"SECRETE\"/></r>";
	char *d;
	size_t len;

	(void)state;
	d = xstrdup(nl);
	len = strlen(d);
	assert_true(rp_sysvol_mask(&d, &len) >= 1);
	assert_false(holds(d, len, "SECRETA", 1, 0));
	free(d);
	d = xstrdup(crlf);
	len = strlen(d);
	assert_true(rp_sysvol_mask(&d, &len) >= 1);
	assert_false(holds(d, len, "SECRETB", 1, 0));
	free(d);
	d = xstrdup(dtd);
	len = strlen(d);
	assert_true(rp_sysvol_mask(&d, &len) >= 1);
	assert_false(holds(d, len, "SECRETC", 1, 0));
	free(d);
	/* UTF-32LE and UTF-32BE with their BOM, UTF-16BE with its BOM */
	d = widen(a32, 4, 0, "\xff\xfe\0\0", 4, &len);
	assert_true(rp_sysvol_mask(&d, &len) >= 1);
	assert_false(holds(d, len, "SECRETD", 4, 0));
	free(d);
	d = widen(a32, 4, 1, "\0\0\xfe\xff", 4, &len);
	assert_true(rp_sysvol_mask(&d, &len) >= 1);
	assert_false(holds(d, len, "SECRETD", 4, 0));
	free(d);
	d = widen(e16, 2, 1, "\xfe\xff", 2, &len);
	assert_true(rp_sysvol_mask(&d, &len) >= 1);
	assert_false(holds(d, len, "SECRETE", 2, 0));
	free(d);
}

static void
text_utf16(void **state)
{
	/* BOM, "a", U+1F600 (surrogate pair), an unpaired high surrogate, NUL */
	const unsigned char in[] = { 0xff, 0xfe, 'a', 0, 0x3d, 0xd8, 0x00,
		0xde, 0x3d, 0xd8, 'b', 0, 0, 0 };
	size_t len;
	char *t = rp_gpo_text((const char *)in, sizeof(in), &len);

	(void)state;
	assert_non_null(t);
	assert_string_equal(t, "a\xf0\x9f\x98\x80\xef\xbf\xbd" "b ");
	assert_int_equal(len, strlen(t));
	free(t);
	t = rp_gpo_text("\xef\xbb\xbfx=1", 6, &len);
	assert_string_equal(t, "x=1");
	free(t);
	/* UTF-16BE with its BOM, UTF-16LE and BE without */
	t = rp_gpo_text("\xfe\xff\0x\0=\0" "1", 8, &len);
	assert_string_equal(t, "x=1");
	free(t);
	t = rp_gpo_text("x\0=\0" "1\0", 6, &len);
	assert_string_equal(t, "x=1");
	free(t);
	t = rp_gpo_text("\0x\0=\0" "1", 6, &len);
	assert_string_equal(t, "x=1");
	free(t);
}

struct ini_seen {
	char	buf[512];
};

static int
ini_cb(const char *s, const char *k, const char *v, void *arg)
{
	struct ini_seen *is = arg;
	size_t l = strlen(is->buf);

	snprintf(is->buf + l, sizeof(is->buf) - l, "[%s]%s=%s;", s, k,
	    v ? v : "(null)");
	return 0;
}

static void
ini_lines(void **state)
{
	const char *t = "; comment\r\n[Registry Values]\r\n"
	    "MACHINE\\X\\Y=4,1\r\n  key = \"quoted\"  \r\n\"Spooler\",4,\"\"\r\n"
	    "\r\n[Privilege Rights]\nSeRight = *S-1-1-0";
	struct ini_seen is;

	(void)state;
	memset(&is, 0, sizeof(is));
	assert_int_equal(rp_ini_each(t, strlen(t), ini_cb, &is), 0);
	assert_string_equal(is.buf, "[Registry Values]MACHINE\\X\\Y=4,1;"
	    "[Registry Values]key=quoted;[Registry Values]\"Spooler\",4,\"\""
	    "=(null);[Privilege Rights]SeRight=*S-1-1-0;");
	/* lone CR line endings */
	memset(&is, 0, sizeof(is));
	t = "[A]\ra=1\rb=2\r\n\rc=3";
	assert_int_equal(rp_ini_each(t, strlen(t), ini_cb, &is), 0);
	assert_string_equal(is.buf, "[A]a=1;[A]b=2;[A]c=3;");
	assert_int_equal(rp_ini_longest(t, strlen(t)), 3);
}

static size_t
preg_rec(unsigned char *p, const char *key, const char *val, unsigned type,
    const unsigned char *data, unsigned size)
{
	size_t o = 0, i;

#define W16(c) do { p[o++] = (unsigned char)(c); p[o++] = 0; } while (0)
	W16('[');
	for (i = 0; key[i]; i++)
		W16(key[i]);
	W16(0);
	W16(';');
	for (i = 0; val[i]; i++)
		W16(val[i]);
	W16(0);
	W16(';');
	memcpy(p + o, &type, 4);
	o += 4;
	W16(';');
	memcpy(p + o, &size, 4);
	o += 4;
	W16(';');
	memcpy(p + o, data, size);
	o += size;
	W16(']');
#undef W16
	return o;
}

struct preg_seen {
	int		n;
	unsigned long	dword;
	char		key[1024], value[512];
};

static int
preg_cb(const struct rp_preg_rec *r, void *arg)
{
	struct preg_seen *ps = arg;

	ps->n++;
	if (r->has_dword)
		ps->dword = r->dword;
	snprintf(ps->key, sizeof(ps->key), "%s", r->key);
	snprintf(ps->value, sizeof(ps->value), "%s", r->value);
	return 0;
}

static void
preg(void **state)
{
	unsigned char buf[512];
	const unsigned char five[4] = { 5, 0, 0, 0 };
	struct preg_seen ps;
	char *cause = NULL;
	size_t n = 8;

	(void)state;
	memcpy(buf, "PReg\1\0\0\0", 8);
	n += preg_rec(buf + n, "System\\Lsa", "LmCompatibilityLevel", 4,
	    five, 4);
	memset(&ps, 0, sizeof(ps));
	assert_int_equal(rp_preg_each(buf, n, preg_cb, &ps, &cause), 0);
	assert_int_equal(ps.n, 1);
	assert_int_equal(ps.dword, 5);
	assert_string_equal(ps.key, "System\\Lsa");
	assert_string_equal(ps.value, "LmCompatibilityLevel");
	/* a record cut short: the ones before are given, then an error */
	n += preg_rec(buf + n, "K", "V", 4, five, 4);
	memset(&ps, 0, sizeof(ps));
	assert_int_equal(rp_preg_each(buf, n - 3, preg_cb, &ps, &cause),
	    RP_ERR_PARSE);
	assert_int_equal(ps.n, 1);
	free(cause);
	cause = NULL;
	/* a size beyond the file */
	buf[8 + 2 + 22 + 42 + 6 + 4] = 0xff;
	assert_int_equal(rp_preg_each(buf, n, preg_cb, &ps, &cause),
	    RP_ERR_PARSE);
	free(cause);
	cause = NULL;
	memcpy(buf, "PReg\2\0\0\0", 8);
	assert_int_equal(rp_preg_each(buf, n, preg_cb, &ps, &cause),
	    RP_ERR_PARSE);
	free(cause);
}

struct gpp_seen {
	int	n;
	char	buf[1024];
};

static int
gpp_cb(const struct rp_gpp_item *it, void *arg)
{
	struct gpp_seen *gs = arg;
	size_t l = strlen(gs->buf), i;

	gs->n++;
	l += (size_t)snprintf(gs->buf + l, sizeof(gs->buf) - l, "%s/%s/%s/%s",
	    it->kind, it->name, rp_gpp_prop(it, "groupSid") ?
	    rp_gpp_prop(it, "groupSid") : "-", it->command ? it->command :
	    "-");
	for (i = 0; i < it->nmembers && l < sizeof(gs->buf); i++)
		l += (size_t)snprintf(gs->buf + l, sizeof(gs->buf) - l, "|%s",
		    it->members[i]);
	if (l < sizeof(gs->buf))
		snprintf(gs->buf + l, sizeof(gs->buf) - l, ";");
	return 0;
}

static void
gpp(void **state)
{
	const char *x = "<Groups><Group name=\"Administrators (built-in)\">"
	    "<Properties groupSid=\"S-1-5-32-544\"><Members>"
	    "<Member name=\"DOM\\Domain Users\" action=\"ADD\" sid=\"\"/>"
	    "</Members></Properties></Group></Groups>";
	const char *t = "<ScheduledTasks><ImmediateTaskV2 name=\"t\">"
	    "<Properties><Task><Actions><Exec><Command>cmd.exe</Command>"
	    "</Exec></Actions></Task></Properties></ImmediateTaskV2>"
	    "</ScheduledTasks>";
	const char *dtd = "<!DOCTYPE g [<!ENTITY e \"x\">]><g>&e;</g>";
	struct gpp_seen gs;
	char *cause = NULL;

	(void)state;
	memset(&gs, 0, sizeof(gs));
	assert_int_equal(rp_gpp_each(x, strlen(x), gpp_cb, &gs, &cause), 0);
	assert_string_equal(gs.buf, "Group/Administrators (built-in)/"
	    "S-1-5-32-544/-|ADD\tDOM\\Domain Users\t-;");
	memset(&gs, 0, sizeof(gs));
	assert_int_equal(rp_gpp_each(t, strlen(t), gpp_cb, &gs, &cause), 0);
	assert_string_equal(gs.buf, "ImmediateTaskV2/t/-/cmd.exe;");
	assert_int_equal(rp_gpp_each(dtd, strlen(dtd), gpp_cb, &gs, &cause),
	    RP_ERR_PARSE);
	assert_non_null(strstr(cause, "DTD"));
	free(cause);
	cause = NULL;
	assert_int_equal(rp_gpp_each("<a>", 3, gpp_cb, &gs, &cause),
	    RP_ERR_PARSE);
	free(cause);
}

struct files_seen {
	int	n;
	char	buf[1024];
};

static int
files_cb(const struct rp_sysvol_file *f, void *arg)
{
	struct files_seen *fs = arg;
	size_t l = strlen(fs->buf);

	fs->n++;
	snprintf(fs->buf + l, sizeof(fs->buf) - l, "%s|%s|%lld|%d|%.*s;",
	    f->guid, f->path, f->mtime, f->masked, (int)f->len, f->data);
	return 0;
}

static void
output_reader(void **state)
{
	const char *ok = "rempart-sysvol/1\nsource copy\nroot x\ngpo {G}\n"
	    "file {G}/a%20b/c.xml size=3 stored=3 mtime=7 ctime=8 btime=-1 "
	    "masked=1\nabc\nend gpos=1 files=1 bytes=3\n";
	char *d, *cause = NULL;
	struct files_seen fs;
	size_t n;

	(void)state;
	memset(&fs, 0, sizeof(fs));
	assert_int_equal(rp_sysvol_each(ok, strlen(ok), files_cb, &fs, &n,
	    &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(fs.buf, "{G}|{G}/a b/c.xml|7|1|abc;");
	/* no end line: cut */
	d = dup_len(ok, strlen(ok) - strlen("end gpos=1 files=1 bytes=3\n"));
	assert_int_equal(rp_sysvol_each(d, strlen(d), files_cb, &fs, &n,
	    &cause), RP_ERR_TOO_LARGE);
	free(d);
	free(cause);
	cause = NULL;
	/* a length beyond the output, a NUL in a name */
	d = xstrdup(ok);
	memcpy(strstr(d, "stored=3"), "stored=9", 8);
	assert_int_equal(rp_sysvol_each(d, strlen(d), files_cb, &fs, &n,
	    &cause), RP_ERR_PARSE);
	free(cause);
	cause = NULL;
	free(d);
	d = xstrdup(ok);
	memcpy(strstr(d, "%20"), "%00", 3);
	assert_int_equal(rp_sysvol_each(d, strlen(d), files_cb, &fs, &n,
	    &cause), RP_ERR_PARSE);
	free(cause);
	free(d);
}

static char tmpdir[] = "/tmp/rempart-gpo.XXXXXX";

static void
put(const char *rel, const char *content, size_t len)
{
	char *p = xasprintf("%s/%s", tmpdir, rel), *s;
	FILE *f;

	for (s = strchr(p + strlen(tmpdir) + 1, '/'); s != NULL;
	    s = strchr(s + 1, '/')) {
		*s = '\0';
		(void)mkdir(p, 0700);
		*s = '/';
	}
	f = fopen(p, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(content, 1, len, f), len);
	fclose(f);
	free(p);
}

static void
walker(void **state)
{
	struct rp_sysvol_ops ops;
	struct rp_sysvol_limits lim;
	struct rp_probe_out po;
	char *out = NULL, *root = NULL, *cause = NULL, big[200];
	const char *G = "dom/Policies/{31B2F340-016D-11D2-945F-00C04FB984F9}";
	char rel[256];
	size_t len;

	(void)state;
	assert_non_null(mkdtemp(tmpdir));
	snprintf(rel, sizeof(rel), "%s/GPT.INI", G);
	put(rel, "[General]\n", 10);
	snprintf(rel, sizeof(rel), "%s/Machine/Preferences/Groups/Groups.xml",
	    G);
	put(rel, "<G cpassword=\"zz\"/>", 19);
	snprintf(rel, sizeof(rel), "%s/Machine/other.txt", G);
	put(rel, "not kept", 8);
	put("dom/Policies/PolicyDefinitions/x.admx", "<x/>", 4);
	assert_int_equal(rp_sysvol_copy_root(tmpdir, &root, &cause), 0);
	memset(&ops, 0, sizeof(ops));
	rp_sysvol_copy_ops(&ops, root);
	memset(&po, 0, sizeof(po));
	rp_sysvol_walk(&ops, "copy", "(copy)", NULL, &po, &out, &len);
	assert_int_equal(po.status, RP_PS_OK);
	assert_non_null(strstr(out, "\nend gpos=1 files=2 bytes="));
	assert_non_null(strstr(out, "Groups.xml size=19 stored=31 "));
	assert_null(strstr(out, "\"zz\""));
	assert_null(strstr(out, "other.txt"));
	assert_null(strstr(out, "admx"));
	free(out);
	free(po.probe);
	free(po.detail);
	/* per-file bound */
	memset(&lim, 0, sizeof(lim));
	lim.max_file = 12;
	memset(big, 'a', sizeof(big));
	snprintf(rel, sizeof(rel), "%s/User/Registry.pol", G);
	put(rel, big, sizeof(big));
	memset(&po, 0, sizeof(po));
	rp_sysvol_walk(&ops, "copy", "(copy)", &lim, &po, &out, &len);
	assert_int_equal(po.status, RP_PS_TRUNCATED);
	assert_non_null(strstr(po.detail, "per-file limit"));
	assert_non_null(strstr(out, "\ncut\n"));
	free(out);
	free(po.probe);
	free(po.detail);
	/* depth bound */
	memset(&lim, 0, sizeof(lim));
	lim.max_depth = 1;
	memset(&po, 0, sizeof(po));
	rp_sysvol_walk(&ops, "copy", "(copy)", &lim, &po, &out, &len);
	assert_int_equal(po.status, RP_PS_TRUNCATED);
	assert_non_null(strstr(po.detail, "depth"));
	free(out);
	free(po.probe);
	free(po.detail);
	/* a policy file that is a symbolic link is not followed, and what it
	 * would have said is not known: not assessed, never an empty GPO */
	{
		char *lnk = xasprintf("%s/%s/Machine/Preferences/Drives",
		    tmpdir, G), *cmd;

		cmd = xasprintf("mkdir -p '%s' && ln -s /etc/passwd "
		    "'%s/Drives.xml'", lnk, lnk);
		assert_int_equal(system(cmd), 0);
		free(cmd);
		free(lnk);
	}
	memset(&po, 0, sizeof(po));
	rp_sysvol_walk(&ops, "copy", "(copy)", NULL, &po, &out, &len);
	assert_int_equal(po.status, RP_PS_TRUNCATED);
	assert_non_null(po.detail);
	assert_non_null(strstr(po.detail, "Drives/Drives.xml"));
	assert_null(strstr(out, "root:"));
	free(out);
	free(po.probe);
	free(po.detail);
	/* a GPO folder that is a symbolic link: not seen, so not assessed */
	{
		char *cmd = xasprintf("rm '%s/%s/Machine/Preferences/Drives/"
		    "Drives.xml' && ln -s /tmp '%s/dom/Policies/"
		    "{00000000-0000-0000-0000-000000000001}'", tmpdir, G,
		    tmpdir);

		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
	memset(&po, 0, sizeof(po));
	rp_sysvol_walk(&ops, "copy", "(copy)", NULL, &po, &out, &len);
	assert_int_equal(po.status, RP_PS_TRUNCATED);
	assert_non_null(strstr(po.detail, "symbolic link"));
	free(out);
	free(po.probe);
	free(po.detail);
	free(ops.arg);
	free(root);
	{
		char *cmd = xasprintf("rm -rf '%s'", tmpdir);

		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mask_utf8),
		cmocka_unit_test(mask_utf16),
		cmocka_unit_test(mask_hostile),
		cmocka_unit_test(text_utf16),
		cmocka_unit_test(ini_lines),
		cmocka_unit_test(preg),
		cmocka_unit_test(gpp),
		cmocka_unit_test(output_reader),
		cmocka_unit_test(walker),
	};

	return cmocka_run_group_tests_name("gpo", tests, NULL, NULL);
}
