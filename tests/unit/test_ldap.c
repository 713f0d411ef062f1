/*
 * Unit tests: LDAP filters (RFC 4515 parsing, errors, offline matching with
 * AD's bitwise rules), DN canonical forms, the LDIF import, and what the
 * directory collector refuses before connecting (URL lists, a password
 * over clear ldap://, inline or special-file secrets).
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "collect/collect.h"
#include "collect/inventory.h"
#include "collect/ldap.h"
#include "core/err.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "content/probes.h"
#include "evidence/bundle.h"
#include "collect/ldif_import.h"
#include "evidence/ldif_write.h"
#include "parse/ldapfilter.h"

/* ---------------------------------------------------------------- parse */

static void
parse_good(void **state)
{
	static const char *const good[] = {
		"(objectClass=*)",
		"objectClass=*",
		"(&(objectCategory=person)(objectClass=user)"
		    "(userAccountControl:1.2.840.113556.1.4.803:=4194304)"
		    "(!(userAccountControl:1.2.840.113556.1.4.803:=2)))",
		"(|(uid=a)(uid=b)(cn=*x*y*))",
		"(&)", "(|)",
		"(cn=a\\2ab\\28\\29\\5c\\00)",
		"(cn=legacy \\* escape)",
		"(uidNumber>=1000)", "(uidNumber<=1000)", "(cn~=smith)",
		"(groupType:integerBitAndMatch:=2147483648)",
		"(uid:caseExactMatch:=Alice)", "(uid:=alice)",
		"(:1.2.840.113556.1.4.804:=3)",
		"(member;range=0-*=*)",
		"(2.5.4.3=x)",
		"(cn=)",
	};
	struct rp_lfilter *f;
	char *cause = NULL;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		f = NULL;
		if (rp_lfilter_parse(good[i], strlen(good[i]), &f, &cause)
		    != 0)
			fail_msg("'%s': %s", good[i], cause);
		assert_non_null(f);
		rp_lfilter_free(f);
	}
	free(cause);
}

static void
parse_bad(void **state)
{
	static const struct {
		const char	*filter;
		int		 err;
		const char	*msg;
	} bad[] = {
		{ "(uid=a", RP_ERR_PARSE, "offset 6: missing ')'" },
		{ "(&(uid=a)", RP_ERR_PARSE, "expected ')'" },
		{ "((uid=a))", RP_ERR_PARSE, "expected an attribute name" },
		{ "(uid=a(b)", RP_ERR_PARSE, "unescaped '('" },
		{ "(uid=\\zz)", RP_ERR_PARSE, "bad escape" },
		{ "(!(a=b)(c=d))", RP_ERR_PARSE, "'!' takes one filter" },
		{ "(!)", RP_ERR_PARSE, "'!' needs a filter" },
		{ "(uid=a)(uid=b)", RP_ERR_PARSE, "unexpected text after" },
		{ "(uid~x)", RP_ERR_PARSE, "expected '=' after" },
		{ "(uid)", RP_ERR_PARSE, "expected '=', '~='" },
		{ "(:=x)", RP_ERR_PARSE, "needs an attribute or a matching" },
		{ "(-x=1)", RP_ERR_PARSE, "starts with a letter" },
		{ "(memberOf:1.2.840.113556.1.4.1941:=cn=x)",
		    RP_ERR_UNSUPPORTED, "matching rule in chain" },
		{ "(cn:dn:=x)", RP_ERR_UNSUPPORTED, ":dn: flag" },
		{ "(cn:9.9.9:=x)", RP_ERR_UNSUPPORTED,
		    "unknown matching rule '9.9.9'" },
		{ "(userAccountControl:1.2.840.113556.1.4.803:=two)",
		    RP_ERR_PARSE, "needs an integer" },
		{ "(uid:caseExactMatch=x)", RP_ERR_PARSE, "expected ':='" },
		{ "", RP_ERR_PARSE, "expected" },
	};
	struct rp_lfilter *f = NULL;
	char *cause = NULL, deep[300];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(rp_lfilter_parse(bad[i].filter,
		    strlen(bad[i].filter), &f, &cause), bad[i].err);
		assert_null(f);
		if (strstr(cause, bad[i].msg) == NULL)
			fail_msg("'%s': got '%s', want '%s'", bad[i].filter,
			    cause, bad[i].msg);
		assert_non_null(strstr(cause, "bad LDAP filter at offset"));
	}
	/* a NUL byte inside the text */
	assert_int_equal(rp_lfilter_parse("(cn=a\0b)", 8, &f, &cause),
	    RP_ERR_PARSE);
	assert_non_null(strstr(cause, "NUL byte"));
	/* nesting is capped */
	memset(deep, 0, sizeof(deep));
	for (i = 0; i < 100; i++)
		memcpy(deep + i * 2, "(!", 2);
	assert_int_equal(rp_lfilter_parse(deep, strlen(deep), &f, &cause),
	    RP_ERR_TOO_LARGE);
	assert_non_null(strstr(cause, "nested too deeply"));
	free(cause);
}

/* ---------------------------------------------------------------- match */

static void
add(struct rp_lentry *e, const char *attr, const char *val)
{
	assert_int_equal(rp_lentry_add(e, attr, val, strlen(val)), 0);
}

static void
user_entry(struct rp_lentry *e)
{
	memset(e, 0, sizeof(*e));
	add(e, "dn", "CN=Asrep User,CN=Users,DC=lab,DC=test");
	add(e, "objectClass", "top");
	add(e, "objectClass", "person");
	add(e, "objectClass", "user");
	add(e, "objectCategory",
	    "CN=Person,CN=Schema,CN=Configuration,DC=lab,DC=test");
	add(e, "cn", "Asrep  User");
	add(e, "sAMAccountName", "asrep_user");
	add(e, "userAccountControl", "4194816");	/* 0x400000|0x200 */
	add(e, "groupType", "-2147483646");
	add(e, "memberOf", "CN=Domain Admins, CN=Users, DC=Lab,DC=test");
	add(e, "userPassword", "{SSHA}abcdef");
	add(e, "pwdLastSet", "131013072002245180");
	add(e, "whenCreated", "20190101000000.0Z");
}

static enum rp_lmatch
m(const struct rp_lentry *e, const char *filter)
{
	struct rp_lfilter *f = NULL;
	char *cause = NULL;
	enum rp_lmatch r;

	if (rp_lfilter_parse(filter, strlen(filter), &f, &cause) != 0)
		fail_msg("'%s': %s", filter, cause);
	r = rp_lfilter_match(f, e);
	rp_lfilter_free(f);
	return r;
}

#define T(e, f)	assert_int_equal(m((e), (f)), RP_LM_TRUE)
#define F(e, f)	assert_int_equal(m((e), (f)), RP_LM_FALSE)
#define U(e, f)	assert_int_equal(m((e), (f)), RP_LM_UNDEFINED)

static void
match_basic(void **state)
{
	struct rp_lentry e, bare;

	user_entry(&e);
	T(&e, "(objectClass=*)");
	T(&e, "(OBJECTCLASS=USER)");
	T(&e, "(samaccountname=ASREP_USER)");
	T(&e, "(cn=asrep user)");		/* insignificant spaces */
	T(&e, "(cn=  Asrep User )");
	T(&e, "(cn~=asrep user)");
	F(&e, "(cn=asrepuser)");
	F(&e, "(description=*)");
	F(&e, "(description=x)");
	T(&e, "(!(description=x))");		/* absent: FALSE, so NOT */
	T(&e, "(userPassword={SSHA}abcdef)");
	F(&e, "(userPassword={ssha}ABCDEF)");	/* octet string: exact */
	F(&e, "(uid:caseIgnoreMatch:=x)");
	T(&e, "(sAMAccountName:caseExactMatch:=asrep_user)");
	F(&e, "(sAMAccountName:caseExactMatch:=ASREP_user)");
	T(&e, "(&)");
	F(&e, "(|)");
	T(&e, "(memberOf=cn=domain admins,cn=users,dc=lab,dc=test)");
	F(&e, "(memberOf=cn=domain users,cn=users,dc=lab,dc=test)");
	T(&e, "(objectCategory=person)");	/* AD's short form */
	T(&e, "(objectCategory=user)");		/* user -> CN=Person */
	F(&e, "(objectCategory=computer)");
	T(&e, "(objectCategory=CN=Person,CN=Schema,CN=Configuration,"
	    "DC=lab,DC=test)");
	/* a SID in its string form, as AD takes it */
	{
		static const unsigned char sid[] = { 1, 5, 0, 0, 0, 0, 0, 5,
		    21, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0,
		    0xe8, 3, 0, 0 };

		assert_int_equal(rp_lentry_add(&e, "objectSid",
		    (const char *)sid, sizeof(sid)), 0);
		T(&e, "(objectSid=S-1-5-21-1-2-3-1000)");
		F(&e, "(objectSid=S-1-5-21-1-2-3-1001)");
		F(&e, "(objectSid=S-1-5-21-1-2-3)");
		F(&e, "(objectSid=S-1-5-)");
		T(&e, "(objectSid=\\01\\05\\00\\00\\00\\00\\00\\05\\15"
		    "\\00\\00\\00\\01\\00\\00\\00\\02\\00\\00\\00\\03"
		    "\\00\\00\\00\\e8\\03\\00\\00)");
	}
	/* an entry written without objectClass still matches (oc=*) */
	memset(&bare, 0, sizeof(bare));
	add(&bare, "dn", "cn=x");
	T(&bare, "(objectClass=*)");
	F(&bare, "(objectClass=user)");
	rp_lentry_clear(&bare);
	rp_lentry_clear(&e);
}

static void
match_ordering_substrings(void **state)
{
	struct rp_lentry e;

	user_entry(&e);
	T(&e, "(userAccountControl>=4194304)");
	F(&e, "(userAccountControl<=512)");
	T(&e, "(userAccountControl=4194816)");
	T(&e, "(pwdLastSet<=131013072002245180)");
	T(&e, "(pwdLastSet>=99999999999)");	/* numeric, not lexical */
	T(&e, "(whenCreated>=20180101000000.0Z)");
	F(&e, "(whenCreated>=20200101000000.0Z)");
	T(&e, "(sAMAccountName=asrep*)");
	T(&e, "(sAMAccountName=*_user)");
	T(&e, "(sAMAccountName=*rep*)");
	T(&e, "(sAMAccountName=a*r*p*r)");
	T(&e, "(sAMAccountName=AS*_*ER)");
	F(&e, "(sAMAccountName=asrep_user*x)");
	F(&e, "(sAMAccountName=as*rep_user*r)");
	F(&e, "(sAMAccountName=user*)");
	T(&e, "(cn=asrep*user)");
	T(&e, "(cn=*\\20user)");
	T(&e, "(userPassword={SSHA}*)");
	F(&e, "(userPassword={ssha}*)");
	rp_lentry_clear(&e);
}

static void
match_bitwise(void **state)
{
	struct rp_lentry e, odd;
	const char *asrep =
	    "(&(objectCategory=person)(objectClass=user)"
	    "(userAccountControl:1.2.840.113556.1.4.803:=4194304)"
	    "(!(userAccountControl:1.2.840.113556.1.4.803:=2)))";

	user_entry(&e);
	T(&e, asrep);
	T(&e, "(userAccountControl:1.2.840.113556.1.4.803:=4194816)");
	F(&e, "(userAccountControl:1.2.840.113556.1.4.803:=4194818)");
	T(&e, "(userAccountControl:1.2.840.113556.1.4.804:=514)");
	F(&e, "(userAccountControl:1.2.840.113556.1.4.804:=3145728)");
	T(&e, "(userAccountControl:integerBitAndMatch:=512)");
	T(&e, "(userAccountControl:INTEGERBITORMATCH:=514)");
	/* groupType is a signed 32-bit value: 0x80000002 */
	T(&e, "(groupType:1.2.840.113556.1.4.803:=2147483648)");
	T(&e, "(groupType:1.2.840.113556.1.4.803:=2147483650)");
	F(&e, "(groupType:1.2.840.113556.1.4.803:=4)");
	/* without an attribute: any attribute */
	T(&e, "(:1.2.840.113556.1.4.803:=4194304)");
	/* disabled account: the AS-REP filter no longer matches */
	memset(&odd, 0, sizeof(odd));
	add(&odd, "dn", "cn=y,dc=lab,dc=test");
	add(&odd, "objectClass", "user");
	add(&odd, "objectCategory", "CN=Person,CN=Schema,CN=Configuration,"
	    "DC=lab,DC=test");
	add(&odd, "userAccountControl", "4194818");
	F(&odd, asrep);
	rp_lentry_clear(&odd);
	/* a value that is not an integer: Undefined, and so is its NOT */
	memset(&odd, 0, sizeof(odd));
	add(&odd, "dn", "cn=z");
	add(&odd, "userAccountControl", "lots");
	U(&odd, "(userAccountControl:1.2.840.113556.1.4.803:=2)");
	U(&odd, "(!(userAccountControl:1.2.840.113556.1.4.803:=2))");
	F(&odd, "(&(cn=q)(userAccountControl:1.2.840.113556.1.4.803:=2))");
	T(&odd, "(|(objectClass=*)(userAccountControl:1.2.840.113556.1.4."
	    "803:=2))");
	U(&odd, "(userAccountControl=3)");
	rp_lentry_clear(&odd);
	rp_lentry_clear(&e);
}

static void
entry_cap(void **state)
{
	struct rp_lentry e;
	char big[600];

	memset(&e, 0, sizeof(e));
	e.max = 1024;
	memset(big, 'x', sizeof(big));
	assert_int_equal(rp_lentry_add(&e, "dn", "cn=a", 4), 0);
	assert_int_equal(rp_lentry_add(&e, "description", big, sizeof(big)),
	    0);
	assert_int_equal(rp_lentry_add(&e, "description", big, sizeof(big)),
	    RP_ERR_TOO_LARGE);
	assert_int_equal(rp_lentry_get(&e, "DESCRIPTION;lang-fr")->n, 1);
	rp_lentry_clear(&e);
}

/*
 * One entry reused (rp_lentry_reset, as import-ldif does): values larger
 * than a storage block, many small ones, attributes seen in a previous
 * entry and new ones; DN and substring assertions on values too long to be
 * normalized on the stack; & and | whose items are reordered by cost.
 */
static void
entry_reuse(void **state)
{
	struct rp_lentry e;
	const struct rp_lattr *a;
	char *big = xmalloc(200 * 1024 + 1), *dn, *dnq, *f, val[32];
	size_t round, i, blen;

	memset(&e, 0, sizeof(e));
	for (round = 0; round < 3; round++) {
		blen = 100 * 1024 + 50 * 1024 * round;
		memset(big, 'a' + (int)round, blen);
		big[blen] = '\0';
		memcpy(big + blen / 2, "PaSs", 4);
		rp_lentry_reset(&e);
		add(&e, "dn", round == 1 ? "cn=one,dc=x" : "cn=other,dc=x");
		add(&e, "description", big);
		for (i = 0; i < 3000; i++) {
			snprintf(val, sizeof(val), "v%zu-%zu", round, i);
			add(&e, i % 3 == 0 ? "info" : round == 2 ? "new" : "cn",
			    val);
		}
		/* a DN longer than the stack buffer, spaced and cased */
		dn = xasprintf("CN=%0300d , OU=Group%zu,DC=X", 7, round);
		dnq = xasprintf("cn=%0300d,ou=group%zu,dc=x", 7, round);
		add(&e, "member", dn);
		assert_string_equal(e.dn, round == 1 ? "cn=one,dc=x" :
		    "cn=other,dc=x");
		a = rp_lentry_get(&e, "DESCRIPTION");
		assert_non_null(a);
		assert_int_equal(a->n, 1);
		assert_int_equal(a->vals[0].len, blen);
		assert_memory_equal(a->vals[0].v, big, blen);
		a = rp_lentry_get(&e, "info");
		assert_int_equal(a->n, 1000);
		snprintf(val, sizeof(val), "v%zu-%d", round, 2997);
		assert_string_equal(a->vals[999].v, val);
		assert_null(rp_lentry_get(&e, round == 2 ? "cn" : "new"));
		assert_int_equal(e.nattrs, 4);
		f = xasprintf("(&(description=*pass*)(member=%s)(info=v%zu-0)"
		    "(|(cn=nope)(objectClass=*)))", dnq, round);
		T(&e, f);
		free(f);
		f = xasprintf("(|(description=*pasX*)(member=%s,dc=y)"
		    "(info=v9-0))", dnq);
		F(&e, f);
		free(f);
		free(dn);
		free(dnq);
	}
	rp_lentry_clear(&e);
	free(big);
}

/* ---------------------------------------------------------------- DNs */

static void
dn_forms(void **state)
{
	static const struct {
		const char *in, *out;
	} canon[] = {
		{ "DC=Lab,DC=Test", "dc=lab,dc=test" },
		{ " CN = Foo Bar ,  dc=lab ; dc=test ",
		    "cn=foo bar,dc=lab,dc=test" },
		{ "CN=Smith\\, John,DC=x", "cn=smith\\2c john,dc=x" },
		{ "CN=Smith\\2C John,DC=x", "cn=smith\\2c john,dc=x" },
		{ "CN=\"Smith, John\",DC=x", "cn=smith\\2c john,dc=x" },
		{ "cn=a+sn=b,dc=x", "cn=a+sn=b,dc=x" },
		{ "cn=trailing\\ ,dc=x", "cn=trailing\\20,dc=x" },
		{ "", "" },
	};
	char *c;
	size_t i;

	for (i = 0; i < sizeof(canon) / sizeof(canon[0]); i++) {
		c = rp_dn_canon(canon[i].in, strlen(canon[i].in));
		assert_non_null(c);
		assert_string_equal(c, canon[i].out);
		free(c);
	}
	assert_null(rp_dn_canon("not a dn", 8));
	assert_null(rp_dn_canon("cn=a,", 5));
	assert_null(rp_dn_canon("cn=\"open", 8));
	assert_int_equal(rp_dn_depth(""), 0);
	assert_int_equal(rp_dn_depth("cn=a\\2cb,dc=x"), 2);
	assert_true(rp_dn_in_scope("dc=x", "dc=x", 0));
	assert_true(rp_dn_in_scope("dc=x", "dc=x", 2));
	assert_false(rp_dn_in_scope("dc=x", "dc=x", 1));
	assert_true(rp_dn_in_scope("ou=a,dc=x", "dc=x", 1));
	assert_false(rp_dn_in_scope("cn=b,ou=a,dc=x", "dc=x", 1));
	assert_true(rp_dn_in_scope("cn=b,ou=a,dc=x", "dc=x", 2));
	assert_false(rp_dn_in_scope("cn=b,ou=adc=x", "dc=x", 2));
	assert_false(rp_dn_in_scope("dc=xdc=x", "dc=x", 2));
	assert_true(rp_dn_in_scope("", "", 0));
	assert_false(rp_dn_in_scope("dc=x", "", 0));
	assert_true(rp_dn_in_scope("dc=x", "", 1));
	assert_int_equal(rp_dn_suffix_offset("CN=a\\,b, OU=x,DC=y", 2), 9);
	assert_int_equal(rp_dn_suffix_offset("CN=a,DC=y", 5), 0);
	assert_int_equal(rp_dn_suffix_offset("CN=a,DC=y", 0), 9);
}

/* ---------------------------------------------------------------- write */

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

static void
ldif_write(void **state)
{
	char path[] = "/tmp/rempart-ldw.XXXXXX", *s, val[100];
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");

	memset(val, 'v', sizeof(val));
	rp_ldif_write_value(f, "userPassword", "{SSHA}c2VjcmV0", 15);
	rp_ldif_write_value(f, "userPassword;x", "alice123", 8);
	rp_ldif_write_value(f, "cn", " lead", 5);
	rp_ldif_write_value(f, "o", "", 0);
	rp_ldif_write_value(f, "description", val, sizeof(val));
	fclose(f);
	s = slurp(path, NULL);
	assert_string_equal(s,
	    "userPassword: {SSHA}\n"
	    "userPassword;x: {CLEARTEXT}\n"
	    "cn:: IGxlYWQ=\n"
	    "o: \n"
	    "description: vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv"
	    "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\n"
	    " vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\n");
	free(s);
	unlink(path);
}

/* ---------------------------------------------------------------- import */

static const char dump[] =
"version: 1\n"
"\n"
"# rootDSE, exported with -s base -b ''\n"
"dn:\n"
"defaultNamingContext: DC=lab,DC=test\n"
"configurationNamingContext: CN=Configuration,DC=lab,DC=test\n"
"domainFunctionality: 4\n"
"\n"
"dn: DC=lab,DC=test\n"
"objectClass: domainDNS\n"
"minPwdLength: 4\n"
"ms-DS-MachineAccountQuota: 10\n"
"nTSecurityDescriptor:: AQAEjBQAAAAwAAAAAAAAAEwAAAABAQAAAAAABRIAAAABAQAAAA"
    "AABRIAAAA=\n"
"\n"
"# pagedresults: cookie=\n"
"dn: CN=Users,DC=lab,DC=test\n"
"objectClass: container\n"
"\n"
"dn: CN=asrep,CN=Users,DC=lab,DC=test\n"
"objectClass: user\n"
"objectCategory: CN=Person,CN=Schema,CN=Configuration,DC=lab,DC=test\n"
"sAMAccountName: asrep\n"
"userAccountControl: 4194816\n"
"objectSid:: AQUAAAAAAAUVAAAAAQAAAAIAAAADAAAA6AMAAA==\n"
"userPassword: Summer2024\n"
"description: a long description that is folded by the exporter at\n"
"  seventy-six columns\n"
"\n"
"dn: cn=disabled,CN=Users,DC=lab,DC=test\n"
"objectClass: user\n"
"objectCategory: CN=Person,CN=Schema,CN=Configuration,DC=lab,DC=test\n"
"sAMAccountName: disabled\n"
"userAccountControl: 4194818\n"
"userPassword: {SSHA}aGFzaA==\n"
"\n"
"dn:: Q049w6lsb2RpZSxDTj1Vc2VycyxEQz1sYWIsREM9dGVzdA==\n"
"objectClass: user\n"
"objectCategory: CN=Person,CN=Schema,CN=Configuration,DC=lab,DC=test\n"
"sAMAccountName:: w6lsb2RpZQ==\n"
"userAccountControl: 4194304\n";

struct fx {
	char			*dir;
	char			*ldif;
	struct rp_probe		 p[6];
	const struct rp_probe	*pp[6];
};

static void
probe(struct rp_probe *p, const char *id, const char *base,
    const char *scope, const char *filter, const char *attrs)
{
	memset(p, 0, sizeof(*p));
	p->id = (char *)id;
	p->kind = RP_KIND_AD;
	p->type = RP_PROBE_LDAP;
	p->ldap_base = (char *)base;
	p->ldap_scope = (char *)scope;
	p->ldap_filter = (char *)filter;
	p->ldap_attrs = (char *)attrs;
	p->sd_flags = -1;
}

static void
fx_setup(struct fx *x, const char *text, size_t len)
{
	char tmpl[] = "/tmp/rempart-ldi.XXXXXX";
	FILE *f;
	size_t i;

	x->dir = xstrdup(mkdtemp(tmpl));
	x->ldif = xasprintf("%s/dump.ldif", x->dir);
	f = fopen(x->ldif, "w");
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	probe(&x->p[0], "ad.asrep", NULL, NULL,
	    "(&(objectCategory=person)(objectClass=user)"
	    "(userAccountControl:1.2.840.113556.1.4.803:=4194304)"
	    "(!(userAccountControl:1.2.840.113556.1.4.803:=2)))",
	    "sAMAccountName objectSid userPassword description");
	probe(&x->p[1], "ad.domain-root", NULL, "base", "(objectClass=*)",
	    "minPwdLength nTSecurityDescriptor");
	probe(&x->p[2], "ad.config", "config", "one", "(objectClass=*)",
	    "cn");
	probe(&x->p[3], "ad.nobase", "OU=Gone", "sub", "(objectClass=*)",
	    "cn");
	probe(&x->p[4], "ad.chain", NULL, NULL,
	    "(memberOf:1.2.840.113556.1.4.1941:=CN=x)", "cn");
	probe(&x->p[5], "ad.users-one", "CN=Users", "one", "(objectClass=*)",
	    "1.1");
	for (i = 0; i < 6; i++)
		x->pp[i] = &x->p[i];
}

static void
fx_teardown(struct fx *x)
{
	char *cmd = xasprintf("rm -rf '%s'", x->dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(x->dir);
	free(x->ldif);
}

static const struct rp_probe_out *
po_of(const struct rp_target_ev *t, const char *id)
{
	const struct rp_probe_out *po = rp_target_probe(t, id);

	assert_non_null(po);
	return po;
}

static void
import_small(void **state)
{
	struct fx x;
	struct rp_bundle_writer *w = NULL;
	struct rp_bundle *b = NULL;
	struct rp_target_ev t;
	struct rp_ldif_import im;
	const struct rp_probe_out *po;
	char *cause = NULL, *ev, *files[1];

	fx_setup(&x, dump, sizeof(dump) - 1);
	ev = xasprintf("%s/ev", x.dir);
	files[0] = x.ldif;
	memset(&im, 0, sizeof(im));
	im.id = "dc1";
	im.kind = RP_KIND_AD;
	im.files = files;
	im.nfiles = 1;
	memset(&t, 0, sizeof(t));
	assert_int_equal(rp_bundle_create(ev, NULL, 0, &w, &cause), 0);
	if (rp_ldif_import_target(&im, x.pp, 6, w, &t, &cause) != 0)
		fail_msg("%s", cause);
	assert_string_equal(t.naming_context, "DC=lab,DC=test");
	assert_string_equal(t.server, "Active Directory (LDIF export)");
	assert_int_equal(t.status, RP_TS_PARTIAL);
	assert_non_null(strstr(t.error, "ad.config"));
	assert_non_null(strstr(t.error, "ad.chain"));
	assert_int_equal(po_of(&t, "rootdse")->status, RP_PS_OK);
	assert_int_equal(po_of(&t, "ad.asrep")->status, RP_PS_OK);
	assert_int_equal(po_of(&t, "ad.domain-root")->status, RP_PS_OK);
	po = po_of(&t, "ad.config");
	assert_int_equal(po->status, RP_PS_ERROR);
	assert_null(po->file);
	assert_non_null(strstr(po->detail, "CN=Configuration,DC=lab,DC=test"));
	po = po_of(&t, "ad.nobase");
	assert_int_equal(po->status, RP_PS_NA);
	assert_string_equal(po->detail, "the search base does not exist");
	po = po_of(&t, "ad.chain");
	assert_int_equal(po->status, RP_PS_ERROR);
	assert_non_null(strstr(po->detail, "matching rule in chain"));
	assert_int_equal(rp_bundle_put_target(w, &t, &cause), 0);
	assert_int_equal(rp_bundle_finish(w, 1, &cause), 0);
	rp_target_release(&t);

	/* the bundle reads back and verifies; check the probes' bytes */
	assert_int_equal(rp_bundle_read(ev, &b, &cause), 0);
	po = rp_target_probe(&b->targets[0], "ad.asrep");
	assert_string_equal(po->data,
	    "dn: CN=asrep,CN=Users,DC=lab,DC=test\n"
	    "sAMAccountName: asrep\n"
	    "objectSid:: AQUAAAAAAAUVAAAAAQAAAAIAAAADAAAA6AMAAA==\n"
	    "userPassword: {CLEARTEXT}\n"
	    "description: a long description that is folded by the exporter "
	    "at seventy-si\n x columns\n"
	    "\n"
	    "dn:: Q049w6lsb2RpZSxDTj1Vc2VycyxEQz1sYWIsREM9dGVzdA==\n"
	    "sAMAccountName:: w6lsb2RpZQ==\n"
	    "\n");
	po = rp_target_probe(&b->targets[0], "ad.domain-root");
	assert_string_equal(po->data,
	    "dn: DC=lab,DC=test\n"
	    "minPwdLength: 4\n"
	    "nTSecurityDescriptor:: AQAEjBQAAAAwAAAAAAAAAEwAAAABAQAAAAAABRIAA"
	    "AABAQAAAAAAB\n RIAAAA=\n"
	    "\n");
	po = rp_target_probe(&b->targets[0], "ad.users-one");
	assert_string_equal(po->data,
	    "dn: CN=asrep,CN=Users,DC=lab,DC=test\n\n"
	    "dn: cn=disabled,CN=Users,DC=lab,DC=test\n\n"
	    "dn:: Q049w6lsb2RpZSxDTj1Vc2VycyxEQz1sYWIsREM9dGVzdA==\n\n");
	po = rp_target_probe(&b->targets[0], "rootdse");
	assert_non_null(strstr(po->data, "domainFunctionality: 4\n"));
	rp_bundle_free(b);
	free(ev);
	free(cause);
	fx_teardown(&x);
}

static void
import_suffix_and_errors(void **state)
{
	static const char nodse[] =
	    "dn: uid=a,ou=people,dc=lab,dc=test\nuid: a\n\n"
	    "dn: cn=g,ou=groups,dc=lab,dc=test\ncn: g\n\n"
	    "dn: olcDatabase={0}config,cn=config\nolcRootPW: x\n\n";
	static const char twotrees[] =
	    "dn: o=a\no: a\n\ndn: o=b\no: b\n";
	static const char broken[] =
	    "dn: dc=x\ncn: a\n\nnot an entry\n";
	static const char badvalue[] =
	    "dn: dc=x\ncn:: !!!!\n";
	struct rp_content *c = NULL;
	struct fx x;
	struct rp_bundle_writer *w = NULL;
	struct rp_target_ev t;
	struct rp_ldif_import im;
	char *cause = NULL, *ev, *files[1];
	struct stat st;

	fx_setup(&x, nodse, sizeof(nodse) - 1);
	ev = xasprintf("%s/ev", x.dir);
	files[0] = x.ldif;
	memset(&im, 0, sizeof(im));
	im.id = "ldap1";
	im.kind = RP_KIND_OPENLDAP;
	im.files = files;
	im.nfiles = 1;
	memset(&t, 0, sizeof(t));
	assert_int_equal(rp_bundle_create(ev, NULL, 0, &w, &cause), 0);
	assert_int_equal(rp_ldif_import_target(&im, x.pp + 5, 1, w, &t,
	    &cause), 0);
	/* the common suffix, cn=config aside */
	assert_string_equal(t.naming_context, "dc=lab,dc=test");
	assert_int_equal(po_of(&t, "ad.users-one")->status, RP_PS_NA);
	rp_target_release(&t);
	rp_bundle_finish(w, 1, NULL);
	fx_teardown(&x);
	free(ev);

	fx_setup(&x, twotrees, sizeof(twotrees) - 1);
	files[0] = x.ldif;
	assert_int_equal(rp_ldif_import_target(&im, x.pp, 1, NULL, &t,
	    &cause), RP_ERR_INVALID);
	assert_non_null(strstr(cause, "--base-dn"));
	im.base_dn = "o=b";
	ev = xasprintf("%s/ev", x.dir);
	assert_int_equal(rp_bundle_create(ev, NULL, 0, &w, &cause), 0);
	assert_int_equal(rp_ldif_import_target(&im, x.pp + 5, 1, w, &t,
	    &cause), 0);
	assert_string_equal(t.naming_context, "o=b");
	rp_target_release(&t);
	rp_bundle_finish(w, 1, NULL);
	im.base_dn = NULL;
	fx_teardown(&x);
	free(ev);

	/* a malformed dump is refused before anything is written */
	fx_setup(&x, broken, sizeof(broken) - 1);
	files[0] = x.ldif;
	ev = xasprintf("%s/ev", x.dir);
	assert_int_equal(rp_content_load(RP_TEST_SRCDIR "/checks", &c,
	    &cause), 0);
	assert_int_equal(rp_ldif_import(&im, NULL, 0, c, ev, NULL, &cause),
	    RP_ERR_INVALID);	/* no -b */
	rp_content_free(c);
	assert_int_equal(rp_ldif_import_target(&im, x.pp, 1, NULL, &t,
	    &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "line 4"));
	assert_int_not_equal(stat(ev, &st), 0);
	fx_teardown(&x);
	free(ev);

	fx_setup(&x, badvalue, sizeof(badvalue) - 1);
	files[0] = x.ldif;
	assert_int_equal(rp_ldif_import_target(&im, x.pp, 1, NULL, &t,
	    &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "base64"));
	fx_teardown(&x);

	files[0] = (char *)"/nonexistent/dump.ldif";
	assert_int_equal(rp_ldif_import_target(&im, x.pp, 1, NULL, &t,
	    &cause), RP_ERR_IO);
	im.id = "../x";
	assert_int_equal(rp_ldif_import_target(&im, x.pp, 1, NULL, &t,
	    &cause), RP_ERR_INVALID);
	free(cause);
}

/* A dump larger than the reader's 4 MiB pieces: entries at every cut. */
static void
import_large(void **state)
{
	struct fx x;
	struct rp_bundle_writer *w = NULL;
	struct rp_target_ev t;
	struct rp_ldif_import im;
	struct rp_strbuf sb = RP_STRBUF_INIT(64u * 1024 * 1024);
	const struct rp_probe_out *po;
	char *cause = NULL, *ev, *files[1];
	size_t i, n = 40000, lines;

	rp_strbuf_addstr(&sb, "dn: DC=big,DC=test\nobjectClass: domain\n\n");
	for (i = 0; i < n; i++)
		rp_strbuf_addf(&sb, "dn: CN=u%06zu,DC=big,DC=test\n"
		    "objectClass: user\nobjectCategory: CN=Person,CN=Schema,"
		    "CN=Configuration,DC=big,DC=test\nuserAccountControl: %d\n"
		    "description: %0120zu\n\n", i, i % 3 ? 512 : 4194816, i);
	fx_setup(&x, sb.buf, sb.len);
	assert_true(sb.len > 2 * 4 * 1024 * 1024);
	lines = 3 + 6 * n;
	ev = xasprintf("%s/ev", x.dir);
	files[0] = x.ldif;
	memset(&im, 0, sizeof(im));
	im.id = "big";
	im.kind = RP_KIND_AD;
	im.files = files;
	im.nfiles = 1;
	memset(&t, 0, sizeof(t));
	assert_int_equal(rp_bundle_create(ev, NULL, 0, &w, &cause), 0);
	if (rp_ldif_import_target(&im, x.pp, 1, w, &t, &cause) != 0)
		fail_msg("%s", cause);
	po = po_of(&t, "ad.asrep");
	assert_int_equal(po->status, RP_PS_OK);
	assert_string_equal(t.naming_context, "DC=big,DC=test");
	rp_target_release(&t);
	rp_bundle_finish(w, 1, NULL);
	fx_teardown(&x);
	free(ev);

	/* an error in the last piece names its line in the whole file */
	rp_strbuf_addstr(&sb, "dn: CN=last,DC=big,DC=test\nno colon here\n");
	fx_setup(&x, sb.buf, sb.len);
	files[0] = x.ldif;
	assert_int_equal(rp_ldif_import_target(&im, x.pp, 1, NULL, &t,
	    &cause), RP_ERR_PARSE);
	ev = xasprintf("LDIF line %zu:", lines + 2);
	if (strstr(cause, ev) == NULL)
		fail_msg("got '%.200s', want '%s'", cause, ev);
	free(ev);
	fx_teardown(&x);
	/* an entry larger than the cap */
	im.max_entry = 1024 * 1024;
	rp_strbuf_reset(&sb);
	rp_strbuf_addstr(&sb, "dn: DC=big,DC=test\n");
	for (i = 0; i < 200000; i++)
		rp_strbuf_addstr(&sb, "member: CN=someone,DC=big,DC=test\n");
	fx_setup(&x, sb.buf, sb.len);
	files[0] = x.ldif;
	assert_int_equal(rp_ldif_import_target(&im, x.pp, 1, NULL, &t,
	    &cause), RP_ERR_TOO_LARGE);
	fx_teardown(&x);
	rp_strbuf_release(&sb);
	free(cause);
}

static void
import_baseline_kind(void **state)
{
	struct rp_ldif_import im;
	struct rp_content *c = NULL;
	char *cause = NULL, *bl[] = { (char *)"anssi-bp028-minimal" };
	char *files[] = { (char *)"/dev/null" };

	memset(&im, 0, sizeof(im));
	im.id = "dc1";
	im.kind = RP_KIND_AD;
	im.files = files;
	im.nfiles = 1;
	assert_int_equal(rp_content_load(RP_TEST_SRCDIR "/checks", &c,
	    &cause), 0);
	assert_int_equal(rp_ldif_import(&im, bl, 1, c,
	    "/tmp/rempart-never-created", NULL, &cause), RP_ERR_INVALID);
	assert_non_null(strstr(cause, "audits linux targets, not ad"));
	rp_content_free(c);
	free(cause);
}

/* ------------------------------------------- probe selection and bases */

static int
has_probe(const struct rp_probe_set *ps, const char *id)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->probes[i]->id, id) == 0)
			return 1;
	return 0;
}

/* One selection for collection, import and recipe: also= included. */
static void
probes_for(void **state)
{
	struct rp_content *c = NULL;
	struct rp_probe_set ps, cmd;
	char *cause = NULL, *l3[] = { (char *)"ad-anssi-level-3" };
	char *oh[] = { (char *)"openldap-hardened" };
	char *mixed[] = { (char *)"ad-anssi-level-2",
	    (char *)"anssi-bp028-minimal" };
	size_t i;

	(void)state;
	assert_int_equal(rp_content_load(RP_TEST_SRCDIR "/checks", &c,
	    &cause), 0);
	assert_int_equal(rp_content_probes_for(c, l3, 1, RP_KIND_AD,
	    RP_PROBE_LDAP, 0, &ps, &cause), 0);
	/* read only through <evaluator also=...> at level 3 */
	assert_true(has_probe(&ps, "ad.primary-groups"));
	assert_true(has_probe(&ps, "ad.groups"));
	for (i = 1; i < ps.n; i++)	/* sorted, distinct */
		assert_true(strcmp(ps.probes[i - 1]->id, ps.probes[i]->id) <
		    0);
	assert_int_equal(ps.kinds, 1u << RP_KIND_AD);
	rp_probe_set_release(&ps);
	assert_int_equal(rp_content_probes_for(c, oh, 1, RP_KIND_OPENLDAP,
	    RP_PROBE_LDAP, 0, &ps, &cause), 0);
	assert_true(has_probe(&ps, "openldap.pwd-policies"));
	rp_probe_set_release(&ps);
	/* a baseline of another kind is refused, naming it */
	assert_int_equal(rp_content_probes_for(c, oh, 1, RP_KIND_AD,
	    RP_PROBE_LDAP, 0, &ps, &cause), RP_ERR_INVALID);
	assert_non_null(strstr(cause, "'openldap-hardened' audits openldap"));
	rp_probe_set_release(&ps);
	/* any kind: each type gets its own probes */
	assert_int_equal(rp_content_probes_for(c, mixed, 2, -1,
	    RP_PROBE_LDAP, 0, &ps, &cause), 0);
	/* the ladder's top (level 5, for the maturity) reads more */
	{
		struct rp_probe_set lad;

		assert_int_equal(rp_content_probes_for(c, mixed, 2, -1,
		    RP_PROBE_LDAP, RP_PROBES_LADDER, &lad, &cause), 0);
		assert_true(lad.n > ps.n);
		assert_int_equal(lad.kinds, ps.kinds);
		rp_probe_set_release(&ps);
		ps = lad;
	}
	assert_int_equal(rp_content_probes_for(c, mixed, 2, -1,
	    RP_PROBE_COMMAND, RP_PROBES_DEEP, &cmd, &cause), 0);
	assert_true(ps.n > 0 && cmd.n > 0);
	for (i = 0; i < ps.n; i++)
		assert_int_equal(ps.probes[i]->type, RP_PROBE_LDAP);
	for (i = 0; i < cmd.n; i++)
		assert_int_equal(cmd.probes[i]->kind, RP_KIND_LINUX);
	assert_int_equal(cmd.kinds, (1u << RP_KIND_AD) |
	    (1u << RP_KIND_LINUX));
	/* the collector's split (rp_collect_needed) is the same selection */
	{
		const struct rp_probe **out = NULL, **dir = NULL;
		size_t np = 0, nd = 0;
		unsigned kinds = 0;

		assert_int_equal(rp_collect_needed(c, mixed, 2, 1, &out, &np,
		    &dir, &nd, &kinds, &cause), 0);
		assert_int_equal(np, cmd.n);
		assert_int_equal(nd, ps.n);
		assert_int_equal(kinds, cmd.kinds);
		for (i = 0; i < nd; i++)
			assert_ptr_equal(dir[i], ps.probes[i]);
		free(out);
		free(dir);
	}
	rp_probe_set_release(&ps);
	rp_probe_set_release(&cmd);
	/* an unknown baseline after a good one: an error, nothing kept */
	mixed[1] = (char *)"no-such-baseline";
	assert_int_not_equal(rp_content_probes_for(c, mixed, 2, -1,
	    RP_PROBE_LDAP, 0, &ps, &cause), 0);
	assert_null(ps.probes);
	assert_int_equal(ps.n, 0);
	free(cause);
	rp_content_free(c);
}

static void
expect_base(const struct rp_dir_contexts *x, const char *base,
    const char *want, int want_sep)
{
	int sep = -1;
	char *b = rp_probe_base(x, base, &sep);

	if (want == NULL)
		assert_null(b);
	else {
		assert_non_null(b);
		assert_string_equal(b, want);
	}
	assert_int_equal(sep, want_sep);
	free(b);
}

/* Where a probe searches: the live searches and the import agree. */
static void
probe_bases(void **state)
{
	struct rp_dir_contexts ad = { RP_KIND_AD, "DC=lab,DC=test",
	    "CN=Configuration,DC=lab,DC=test",
	    "CN=Schema,CN=Configuration,DC=lab,DC=test" };
	struct rp_dir_contexts adx = { RP_KIND_AD, "DC=lab,DC=test", NULL,
	    NULL };
	struct rp_dir_contexts ol = { RP_KIND_OPENLDAP, "dc=lab,dc=test",
	    NULL, NULL };
	struct rp_dir_contexts none = { RP_KIND_OPENLDAP, NULL, NULL, NULL };

	(void)state;
	expect_base(&ad, "rootdse", "", 1);
	expect_base(&ad, NULL, "DC=lab,DC=test", 0);
	expect_base(&ad, "", "DC=lab,DC=test", 0);
	expect_base(&ad, "CN=System", "CN=System,DC=lab,DC=test", 0);
	expect_base(&ad, "config", "CN=Configuration,DC=lab,DC=test", 1);
	expect_base(&ad, "schema",
	    "CN=Schema,CN=Configuration,DC=lab,DC=test", 1);
	/* a DC= RDN below the domain: a partition of its own */
	expect_base(&ad, "CN=MicrosoftDNS,DC=DomainDnsZones",
	    "CN=MicrosoftDNS,DC=DomainDnsZones,DC=lab,DC=test", 1);
	expect_base(&ad, "OU=x,DC=child", "OU=x,DC=child,DC=lab,DC=test", 1);
	/* an escaped comma: "DC=b" is part of the CN's value */
	expect_base(&ad, "CN=a\\,DC=b", "CN=a\\,DC=b,DC=lab,DC=test", 0);
	/* contexts the rootDSE did not give */
	expect_base(&adx, "config", "CN=Configuration,DC=lab,DC=test", 1);
	expect_base(&adx, "schema",
	    "CN=Schema,CN=Configuration,DC=lab,DC=test", 1);
	expect_base(&ol, "config", "cn=config", 1);
	expect_base(&ol, "schema", "cn=Subschema", 1);
	expect_base(&ol, "ou=people", "ou=people,dc=lab,dc=test", 0);
	/* OpenLDAP: a dc= RDN is not a partition of its own */
	expect_base(&ol, "dc=sub", "dc=sub,dc=lab,dc=test", 0);
	/* no naming context: relative bases cannot be placed */
	expect_base(&none, "ou=people", NULL, 0);
	expect_base(&none, "config", "cn=config", 1);
	assert_int_equal(rp_probe_scope("base"), RP_SCOPE_BASE);
	assert_int_equal(rp_probe_scope("one"), RP_SCOPE_ONE);
	assert_int_equal(rp_probe_scope("sub"), RP_SCOPE_SUB);
	assert_int_equal(rp_probe_scope(NULL), RP_SCOPE_SUB);
}

/* ------------------------------------------------- collector refusals */

static void
url_one(void **state)
{
	static const char *good[] = { "ldap://dc1.example.org",
		"ldaps://10.0.0.1:636", "ldapi://%2Fvar%2Frun%2Fslapd%2Fldapi",
		"LDAPS://dc1", "ldap://[::1]:389" };
	static const char *bad[] = { "ldaps://dc1 ldap://x",
		"ldaps://dc1,ldap://x", "ldaps://dc1\tldap://x", "http://x",
		"file:///etc/passwd", "ldaps://", "", "ldap://a b" };
	char *cause = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (rp_ldap_url_check(good[i], &cause) != 0)
			fail_msg("'%s' refused: %s", good[i], cause);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (rp_ldap_url_check(bad[i], &cause) != RP_ERR_INVALID)
			fail_msg("'%s' accepted", bad[i]);
		free(cause);
	cause = NULL;
		cause = NULL;
	}
	assert_int_equal(rp_ldap_url_check("ldaps://a ldap://b", &cause),
	    RP_ERR_INVALID);
	assert_non_null(strstr(cause, "one URL per target"));
	free(cause);
	cause = NULL;
}

static void
plain_bind(void **state)
{
	struct rp_ldap_conf c;
	char *cause = NULL;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.bind_dn = "cn=audit,dc=x";
	c.password_file = "/nonexistent";
	c.url = "ldap://dc1";
	assert_int_equal(rp_ldap_transport_check(&c, &cause), RP_ERR_INVALID);
	assert_non_null(strstr(cause, "clear text"));
	assert_non_null(strstr(cause, "--insecure-plain-bind"));
	free(cause);
	cause = NULL;
	c.url = "LDAP://dc1";
	assert_int_equal(rp_ldap_transport_check(&c, &cause), RP_ERR_INVALID);
	free(cause);
	cause = NULL;
	/* protected transports, no password, Kerberos, or the loud option */
	c.url = "ldaps://dc1";
	assert_int_equal(rp_ldap_transport_check(&c, NULL), 0);
	c.url = "ldapi:///";
	assert_int_equal(rp_ldap_transport_check(&c, NULL), 0);
	c.url = "ldap://dc1";
	c.starttls = 1;
	assert_int_equal(rp_ldap_transport_check(&c, NULL), 0);
	c.starttls = 0;
	c.insecure_plain_bind = 1;
	assert_int_equal(rp_ldap_transport_check(&c, NULL), 0);
	c.insecure_plain_bind = 0;
	c.password_file = NULL;
	assert_int_equal(rp_ldap_transport_check(&c, NULL), 0);
	c.password_file = "/nonexistent";
	c.sasl_mech = "GSSAPI";
	assert_int_equal(rp_ldap_transport_check(&c, NULL), 0);
}

static char *
write_tmp(const char *text)
{
	char *path = xstrdup("/tmp/rempart-test-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void
inventory_secrets(void **state)
{
	struct rp_inventory *inv = NULL;
	char *cause = NULL, *path;

	(void)state;
	/* an inline bind_password: refused, the value never repeated */
	path = write_tmp("[openldap]\nl1 ldap_url=ldaps://dc1 "
	    "bind_dn=cn=a bind_password=Inline-S3cret-Value\n");
	assert_int_equal(rp_inventory_load(path, &inv, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, ":2: host 'l1': 'bind_password'"));
	assert_null(strstr(cause, "S3cret"));
	free(cause);
	cause = NULL;
	unlink(path);
	free(path);
	/* the same in a [group:vars] section */
	path = write_tmp("[openldap]\nl1 ldap_url=ldaps://dc1\n"
	    "[openldap:vars]\nbind_password = Inline-S3cret-Value\n");
	assert_int_equal(rp_inventory_load(path, &inv, &cause), RP_ERR_PARSE);
	assert_null(strstr(cause, "S3cret"));
	free(cause);
	cause = NULL;
	unlink(path);
	free(path);
	/* a list of URLs: file, line and host named */
	path = write_tmp("[ad]\n\ndc1 ldap_url=\"ldaps://dc1 ldap://x\"\n");
	assert_int_equal(rp_inventory_load(path, &inv, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, ":3: host 'dc1': ldap_url: one URL per target"));
	assert_non_null(strstr(cause, "one URL per target"));
	free(cause);
	cause = NULL;
	unlink(path);
	free(path);
	assert_null(inv);
}

static void
secret_special_files(void **state)
{
	char dir[] = "/tmp/rempart-test-XXXXXX", *fifo, *s = NULL;
	char *cause = NULL;
	time_t t0;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fifo = xasprintf("%s/pw.fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	/* a FIFO with no writer: refused at once, never waited on */
	t0 = time(NULL);
	assert_int_equal(rp_secret_read(fifo, &s, &cause), RP_ERR_INVALID);
	assert_non_null(strstr(cause, "not a regular file (a FIFO)"));
	free(cause);
	cause = NULL;
	assert_int_equal(rp_secret_check(fifo, &cause), RP_ERR_INVALID);
	free(cause);
	cause = NULL;
	/* a device: refused too (/dev/zero would never end) */
	assert_int_equal(rp_secret_read("/dev/zero", &s, &cause),
	    RP_ERR_INVALID);
	assert_non_null(strstr(cause, "a character device"));
	free(cause);
	cause = NULL;
	/* an inventory that is a FIFO: refused at once too */
	{
		struct rp_inventory *inv = NULL;

		assert_int_equal(rp_inventory_load(fifo, &inv, &cause),
		    RP_ERR_INVALID);
		assert_non_null(strstr(cause, "not a regular file"));
		assert_null(inv);
		free(cause);
		cause = NULL;
	}
	assert_true(time(NULL) - t0 < 3);
	assert_null(s);
	unlink(fifo);
	rmdir(dir);
	free(fifo);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(url_one),
		cmocka_unit_test(plain_bind),
		cmocka_unit_test(inventory_secrets),
		cmocka_unit_test(secret_special_files),
		cmocka_unit_test(parse_good),
		cmocka_unit_test(parse_bad),
		cmocka_unit_test(match_basic),
		cmocka_unit_test(match_ordering_substrings),
		cmocka_unit_test(match_bitwise),
		cmocka_unit_test(entry_cap),
		cmocka_unit_test(entry_reuse),
		cmocka_unit_test(dn_forms),
		cmocka_unit_test(ldif_write),
		cmocka_unit_test(import_small),
		cmocka_unit_test(import_suffix_and_errors),
		cmocka_unit_test(import_large),
		cmocka_unit_test(import_baseline_kind),
		cmocka_unit_test(probes_for),
		cmocka_unit_test(probe_bases),
	};

	return cmocka_run_group_tests_name("ldap", tests, NULL, NULL);
}
