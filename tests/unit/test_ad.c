/*
 * Unit tests: the SID and security descriptor parsers (src/parse), the
 * directory evaluators (src/engine/eval_ad.c) on fixtures taken from the
 * lab DC and slapd instances (tests/fixtures/ad, see make-fixtures.py for
 * the synthetic ones), hostile input, and the shipped AD and OpenLDAP
 * catalogues.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <ctype.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "engine/eval.h"
#include "engine/evaluators.h"
#include "engine/registry.h"
#include "evidence/bundle.h"
#include "parse/ldif.h"
#include "parse/secdesc.h"
#include "parse/sid.h"
#include "plan/fill.h"

#define FX	RP_TEST_SRCDIR "/tests/fixtures/ad/"
#define CHECKS	RP_TEST_SRCDIR "/checks"
#define DOM	"S-1-5-21-1887453984-1987933003-2909472621"

/* 2026-11-28T00:00:00Z: a few minutes after the lab's findings were set */
#define NOW	((time_t)1795824000)

static char *
slurp(const char *name, size_t *len)
{
	char path[512];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s%s", FX, name);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

/* "@file" is a fixture, anything else LDIF text. Owned. */
static char *
data_of(const char *spec)
{
	return spec[0] == '@' ? slurp(spec + 1, NULL) : xstrdup(spec);
}

/* ------------------------------------------------------------------ */
/* SIDs                                                                */

static void
sid_forms(void **state)
{
	static const unsigned char bin[] = {
		1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0, 0x20, 0x43, 0x80, 0x70,
		0x4b, 0x73, 0x7d, 0x76, 0x6d, 0x07, 0x6b, 0xad, 0x00, 0x02,
		0, 0
	};
	struct rp_sid s, t, d;
	unsigned char enc[8 + 4 * RP_SID_MAX_SUB];
	char buf[RP_SID_STR_MAX];
	size_t used;

	(void)state;
	assert_int_equal(rp_sid_parse(bin, sizeof(bin), &s, &used), 0);
	assert_int_equal(used, sizeof(bin));
	assert_string_equal(rp_sid_str(&s, buf), DOM "-512");
	assert_string_equal(rp_sid_name(&s), "Domain Admins");
	assert_true(rp_sid_is_domain_account(&s));
	assert_int_equal(rp_sid_rid(&s), 512);
	assert_int_equal(rp_sid_encode(&s, enc), sizeof(bin));
	assert_memory_equal(enc, bin, sizeof(bin));
	assert_int_equal(rp_sid_from_str(DOM "-512", strlen(DOM "-512"), &t),
	    0);
	assert_true(rp_sid_eq(&s, &t));
	assert_int_equal(rp_sid_domain(&s, &d), 0);
	assert_true(rp_sid_in_domain(&s, &d));
	assert_string_equal(rp_sid_str(&d, buf), DOM);

	assert_int_equal(rp_sid_from_str("S-1-5-32-548", 12, &t), 0);
	assert_true(rp_sid_is_builtin(&t));
	assert_string_equal(rp_sid_name(&t), "BUILTIN\\Account Operators");
	assert_int_equal(rp_sid_from_str("S-1-5-11", 8, &t), 0);
	assert_string_equal(rp_sid_name(&t), "Authenticated Users");
	assert_int_equal(rp_sid_from_str("S-1-1-0", 7, &t), 0);
	assert_string_equal(rp_sid_name(&t), "Everyone");
	assert_int_equal(rp_sid_from_str(DOM "-1105", strlen(DOM "-1105"),
	    &t), 0);
	assert_null(rp_sid_name(&t));
	/* a 48-bit authority, the largest sub-authority */
	assert_int_equal(rp_sid_from_str("S-1-281474976710655-4294967295", 30,
	    &t), 0);
	assert_string_equal(rp_sid_str(&t, buf),
	    "S-1-281474976710655-4294967295");
}

static void
sid_hostile(void **state)
{
	static const char *const bad[] = {
		"", "S", "S-", "S-1", "S-1-", "S-2-5", "S-1-5-", "S-1-5--1",
		"S-1-5-x", "S-1-281474976710656", "S-1-5-4294967296",
		"S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16", "X-1-5",
		"S-1-5 -21",
	};
	unsigned char b[80];
	struct rp_sid s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_not_equal(rp_sid_from_str(bad[i], strlen(bad[i]),
		    &s), 0);
	memset(b, 0, sizeof(b));
	b[0] = 1;
	b[1] = 16;		/* more than 15 sub-authorities */
	assert_int_not_equal(rp_sid_parse(b, sizeof(b), &s, NULL), 0);
	b[1] = 5;		/* 28 bytes needed */
	assert_int_not_equal(rp_sid_parse(b, 27, &s, NULL), 0);
	assert_int_equal(rp_sid_parse(b, 28, &s, NULL), 0);
	b[0] = 2;		/* revision */
	assert_int_not_equal(rp_sid_parse(b, 28, &s, NULL), 0);
	assert_int_not_equal(rp_sid_parse(b, 3, &s, NULL), 0);
}

/* ------------------------------------------------------------------ */
/* Security descriptors                                                */

struct sdval {
	unsigned char	*buf;
	size_t		 len;
	int		 found;
	size_t		 want;	/* which value */
};

static int
sd_cb(size_t entry, const char *attr, const char *val, size_t len,
    void *arg)
{
	struct sdval *s = arg;

	(void)entry;
	if (strcmp(attr, "nTSecurityDescriptor") != 0 &&
	    strcmp(attr, "msDS-AllowedToActOnBehalfOfOtherIdentity") != 0)
		return 0;
	if (s->found++ == (int)s->want) {
		s->buf = xmemdup(val, len);
		s->len = len;
	}
	return 0;
}

/* The n-th descriptor of a fixture (binary, owned). */
static unsigned char *
fixture_sd(const char *name, size_t n, size_t *len)
{
	size_t dlen;
	char *d = slurp(name, &dlen), *cause = NULL;
	struct sdval s;

	memset(&s, 0, sizeof(s));
	s.want = n;
	assert_true(rp_ldif_parse(d, dlen, sd_cb, &s, &cause) >= 0);
	free(d);
	assert_non_null(s.buf);
	*len = s.len;
	return s.buf;
}

static void
secdesc_real(void **state)
{
	struct rp_secdesc sd;
	struct rp_sid dc;
	struct rp_guid all;
	unsigned char *b;
	char *cause = NULL, g[40];
	size_t len, i, dcsync = 0;

	(void)state;
	b = fixture_sd("sd-domain-root.ldif", 0, &len);
	assert_int_equal(len, 2060);
	assert_int_equal(rp_secdesc_parse(b, len, &sd, &cause), 0);
	/* SD_FLAGS 4: the DACL only, no owner or group */
	assert_false(sd.has_owner);
	assert_false(sd.has_group);
	assert_true(sd.has_dacl);
	assert_true(sd.control & RP_SE_DACL_PRESENT);
	assert_true(sd.control & RP_SE_SELF_RELATIVE);
	assert_int_equal(sd.naces, 46);
	/* ACE 0: inherit-only, read on a property set, for Pre-Win2000 */
	assert_int_equal(sd.aces[0].type, RP_ACE_ALLOWED_OBJECT);
	assert_int_equal(sd.aces[0].flags, 0x0a);
	assert_true(sd.aces[0].has_object && sd.aces[0].has_inherited);
	assert_false(rp_ace_applies(&sd.aces[0]));
	assert_int_equal(rp_ace_rights(&sd.aces[0]), 0);
	/* ACE 11: Domain Controllers hold DS-Replication-Get-Changes-All */
	assert_int_equal(rp_sid_from_str(DOM "-516", strlen(DOM "-516"), &dc),
	    0);
	assert_true(rp_sid_eq(&sd.aces[11].sid, &dc));
	assert_string_equal(rp_guid_str(&sd.aces[11].object, g),
	    "1131f6ad-9c07-11d1-f79f-00c04fc2dcd2");
	assert_string_equal(rp_guid_name(&sd.aces[11].object),
	    "DS-Replication-Get-Changes-All");
	assert_int_equal(rp_ace_rights(&sd.aces[11]), RP_R_GET_CHANGES_ALL);
	for (i = 0; i < sd.naces; i++)
		dcsync += (rp_ace_rights(&sd.aces[i]) &
		    RP_R_GET_CHANGES_ALL) != 0;
	/* DCs, Administrators, Domain Admins?, Enterprise Admins, SYSTEM */
	assert_true(dcsync >= 3);
	assert_int_equal(rp_guid_parse("1131f6ad-9c07-11d1-f79f-00c04fc2dcd2",
	    &all), 0);
	assert_true(rp_guid_eq(&all, &sd.aces[11].object));
	rp_secdesc_release(&sd);
	free(b);
}

static void
secdesc_hostile(void **state)
{
	struct rp_secdesc sd;
	unsigned char *b, *m;
	char *cause = NULL;
	size_t len, i, j;

	(void)state;
	/* garbage, truncated, a DACL claiming 65535 ACEs */
	for (i = 0; i < 3; i++) {
		b = fixture_sd("sd-hostile.ldif", i, &len);
		assert_int_equal(rp_secdesc_parse(b, len, &sd, &cause),
		    RP_ERR_PARSE);
		assert_non_null(cause);
		free(cause);
		cause = NULL;
		free(b);
	}
	assert_int_equal(rp_secdesc_parse("", 0, &sd, &cause), RP_ERR_PARSE);
	free(cause);
	cause = NULL;
	/* every prefix, and every byte flipped: never a crash (ASan) */
	b = fixture_sd("sd-adminsdholder.ldif", 0, &len);
	for (i = 0; i <= len; i++) {
		m = xmemdup(b, i ? i : 1);
		if (rp_secdesc_parse(m, i, &sd, &cause) == 0)
			rp_secdesc_release(&sd);
		free(cause);
		cause = NULL;
		free(m);
	}
	m = xmemdup(b, len);
	for (i = 0; i < len; i++)
		for (j = 0; j < 3; j++) {
			static const unsigned char x[] = { 0xff, 0x80, 0x01 };

			m[i] ^= x[j];
			if (rp_secdesc_parse(m, len, &sd, &cause) == 0) {
				size_t k;

				for (k = 0; k < sd.naces; k++)
					(void)rp_ace_rights(&sd.aces[k]);
				rp_secdesc_release(&sd);
			}
			free(cause);
			cause = NULL;
			m[i] ^= x[j];
		}
	free(m);
	free(b);
}

static void
ace_rights(void **state)
{
	struct rp_ace a;
	char buf[256];

	(void)state;
	memset(&a, 0, sizeof(a));
	a.type = RP_ACE_ALLOWED;
	a.has_sid = 1;
	a.mask = RP_DS_FULL_CONTROL;
	assert_true(rp_ace_rights(&a) & RP_R_GENERIC_ALL);
	assert_true(rp_ace_rights(&a) & RP_R_GET_CHANGES_ALL);
	assert_string_equal(rp_rights_str(rp_ace_rights(&a), buf, sizeof(buf)),
	    "GenericAll");
	a.mask = RP_WRITE_DAC | RP_READ_CONTROL;
	assert_int_equal(rp_ace_rights(&a), RP_R_WRITE_DACL);
	a.mask = 0x20094;		/* generic read: nothing dangerous */
	assert_int_equal(rp_ace_rights(&a), 0);
	a.mask = RP_DS_WRITE_PROP;
	assert_true(rp_ace_rights(&a) & RP_R_WRITE_KEYCRED);
	assert_string_equal(rp_rights_str(rp_ace_rights(&a), buf, sizeof(buf)),
	    "WriteProperty(all)");
	/* deny and inherit-only ACEs grant nothing to the object */
	a.type = RP_ACE_DENIED;
	assert_int_equal(rp_ace_rights(&a), 0);
	a.type = RP_ACE_ALLOWED;
	a.flags = RP_ACE_CONTAINER_INHERIT | RP_ACE_INHERIT_ONLY;
	assert_int_equal(rp_ace_rights(&a), 0);
	a.flags = 0;
	/* object ACEs: the right applies to that GUID only */
	a.type = RP_ACE_ALLOWED_OBJECT;
	a.has_object = 1;
	rp_guid_parse("bf9679c0-0de6-11d0-a285-00aa003049e2", &a.object);
	assert_int_equal(rp_ace_rights(&a), RP_R_WRITE_MEMBER);
	a.mask = RP_DS_SELF;
	assert_int_equal(rp_ace_rights(&a), RP_R_WRITE_MEMBER);
	a.mask = RP_DS_WRITE_PROP;	/* Membership property set */
	rp_guid_parse("bc0ac240-79a9-11d0-9020-00c04fc2d4cf", &a.object);
	assert_int_equal(rp_ace_rights(&a), RP_R_WRITE_MEMBER);
	rp_guid_parse("4c164200-20c0-11d0-a768-00aa006e0529", &a.object);
	assert_int_equal(rp_ace_rights(&a), RP_R_WRITE_UAC | RP_R_WRITE_RBCD);
	a.mask = RP_DS_CONTROL_ACCESS;
	rp_guid_parse("00299570-246d-11d0-a768-00aa006e0529", &a.object);
	assert_int_equal(rp_ace_rights(&a), RP_R_FORCE_PASSWORD);
	a.mask = RP_DS_CONTROL_ACCESS | RP_GENERIC_ALL;	/* bits of an object */
	rp_guid_parse("ab721a53-1e2f-11d0-9819-00aa0040529b", &a.object);
	assert_int_equal(rp_ace_rights(&a), 0);		/* change password */
	assert_int_not_equal(rp_guid_parse(
	    "bf9679c0-0de6-11d0-a285-00aa003049e", &a.object), 0);
	assert_int_not_equal(rp_guid_parse(
	    "bf9679c0x0de6-11d0-a285-00aa003049e2", &a.object), 0);
}

/* ------------------------------------------------------------------ */
/* Evaluators                                                          */

struct tcase {
	const char		*eval;
	const char		*main;		/* LDIF, or @fixture */
	const char		*attr;		/* <ldap-attr>; NULL: entries */
	const char		*defval;
	const char		*value;
	const char		*also[3];
	const struct rp_incident *inc;
	const char		*user;		/* the audit account */
	int			 icase;
	const char		*earlier;	/* main probe then, or NULL */
	time_t			 earlier_time;
	unsigned		 also_na;	/* bit i: also[i] is "na" */
	const char		*server;	/* the target's server */
};

/* The evidence of the last case run (its first run), for mentions(). */
static char *last_evidence;
/* Its objects found (results[].objects), joined by '|', for OBJECTS(). */
static char *last_objects;

/* The objects of v joined by '|' (owned). */
static char *
join_objects(const struct rp_verdict *v)
{
	size_t i, l, n = 1, at = 0;
	char *s;

	for (i = 0; i < v->nobjects; i++)
		n += strlen(v->objects[i]) + 1;
	s = xmalloc(n);
	for (i = 0; i < v->nobjects; i++) {
		if (i > 0)
			s[at++] = '|';
		l = strlen(v->objects[i]);
		memcpy(s + at, v->objects[i], l);
		at += l;
	}
	s[at] = '\0';
	return s;
}

/* Run a case; returns the status, *obs and *why (owned, maybe ""). */
static enum rp_status
run(const struct tcase *tc, char **obs, char **why)
{
	const struct rp_evaluator *e = rp_evaluator_find(tc->eval);
	struct rp_probe_out po[4], opo;
	struct rp_target_ev t, ot;
	struct rp_check ck;
	struct rp_eval_ctx ctx;
	struct rp_verdict v;
	char *ids[3] = { (char *)"also.0", (char *)"also.1", (char *)"also.2" };
	enum rp_status st = RP_ST_ERROR;
	size_t i, n = 0;
	int k;

	if (e == NULL)
		fail_msg("no evaluator '%s'", tc->eval);
	memset(po, 0, sizeof(po));
	memset(&t, 0, sizeof(t));
	memset(&ck, 0, sizeof(ck));
	po[0].probe = (char *)"main";
	po[0].status = RP_PS_OK;
	po[0].data = data_of(tc->main);
	po[0].len = strlen(po[0].data);
	for (i = 0; i < 3 && tc->also[i] != NULL; i++, n++) {
		po[i + 1].probe = ids[i];
		po[i + 1].status = (tc->also_na & (1u << i)) ? RP_PS_NA :
		    RP_PS_OK;
		po[i + 1].data = data_of(tc->also[i]);
		po[i + 1].len = strlen(po[i + 1].data);
	}
	t.id = (char *)"t";
	t.user = (char *)tc->user;
	t.server = (char *)tc->server;
	t.probes = po;
	t.nprobes = n + 1;
	ck.id = (char *)"AD-TST-001";
	ck.has_extract = 1;
	ck.extract.kind = tc->attr ? RP_X_LDAP_ATTR : RP_X_LDAP_ENTRIES;
	ck.extract.key = (char *)tc->attr;
	ck.extract.defval = (char *)tc->defval;
	ck.extract.icase = tc->icase;
	ck.evaluator_value = (char *)tc->value;
	ck.also = ids;
	ck.nalso = n;
	memset(&ctx, 0, sizeof(ctx));
	ctx.target = &t;
	ctx.out = &po[0];
	ctx.incident = tc->inc;
	ctx.now = NOW;
	memset(&opo, 0, sizeof(opo));
	memset(&ot, 0, sizeof(ot));
	if (tc->earlier != NULL) {
		opo.probe = (char *)"main";
		opo.status = RP_PS_OK;
		opo.data = data_of(tc->earlier);
		opo.len = strlen(opo.data);
		ot.id = (char *)"t";
		ot.probes = &opo;
		ot.nprobes = 1;
		ctx.earlier = &ot;
		ctx.earlier_time = tc->earlier_time;
	}
	/*
	 * Three times: each probe parsed by the evaluator (the default), then
	 * with the per-target cache of parsed probes that rp_evaluate uses,
	 * once filling it and once reading from it: the verdicts must not
	 * change.
	 */
	for (k = 0; k < 3; k++) {
		if (k == 1)
			ctx.dir = rp_dir_cache_new();
		rp_verdict_init(&v);
		assert_int_equal(e->evaluate(&ctx, &ck, tc->value, &v), 0);
		if (k == 0) {
			st = v.status;
			if (st == RP_ST_ERROR || st == RP_ST_NA)
				assert_non_null(v.reason);
			*obs = xstrndup(v.observed.buf ? v.observed.buf : "",
			    v.observed.len);
			*why = xstrdup(v.reason ? v.reason : "");
			free(last_evidence);
			last_evidence = xstrndup(v.evidence.buf ?
			    v.evidence.buf : "", v.evidence.len);
			free(last_objects);
			last_objects = join_objects(&v);
		} else if (v.status != st || strlen(*obs) != v.observed.len ||
		    memcmp(*obs, v.observed.buf ? v.observed.buf : "",
		    v.observed.len) != 0 ||
		    strcmp(*why, v.reason ? v.reason : "") != 0)
			fail_msg("%s: with the cache of parsed probes (run %d): "
			    "%s '%.*s' '%s', without: %s '%s' '%s'", tc->eval,
			    k, rp_status_name(v.status), (int)v.observed.len,
			    v.observed.buf ? v.observed.buf : "",
			    v.reason ? v.reason : "", rp_status_name(st), *obs,
			    *why);
		rp_verdict_release(&v);
	}
	rp_dir_cache_free(ctx.dir);	/* before the probes go */
	free(opo.data);
	for (i = 0; i <= n; i++)
		free(po[i].data);
	return st;
}

/* Does the observed value or the reason mention sub (NULL: anything)? */
static int
mentions(const char *obs, const char *why, const char *sub)
{
	return sub == NULL || strstr(obs, sub) != NULL ||
	    strstr(why, sub) != NULL || (last_evidence != NULL &&
	    strstr(last_evidence, sub) != NULL);
}

#define EXPECT(tc, want, obs_sub) do {					\
	char *o_, *w_;							\
	enum rp_status s_ = run(&(tc), &o_, &w_);			\
	if (s_ != (want) || !mentions(o_, w_, (obs_sub)))		\
		fail_msg("%s (line %d): got %s, observed '%s', reason '%s', "\
		    "evidence '%s'", (tc).eval, __LINE__,		\
		    rp_status_name(s_), o_, w_, last_evidence);		\
	free(o_);							\
	free(w_);							\
} while (0)

/* The case's status is want and its objects found exactly objs. */
#define OBJECTS(tc, want, objs) do {					\
	char *o_, *w_;							\
	enum rp_status s_ = run(&(tc), &o_, &w_);			\
	if (s_ != (want) || strcmp(last_objects, (objs)) != 0)		\
		fail_msg("%s (line %d): got %s, objects '%s', want '%s' "\
		    "(observed '%s')", (tc).eval, __LINE__,		\
		    rp_status_name(s_), last_objects, (objs), o_);	\
	free(o_);							\
	free(w_);							\
} while (0)

#define EXPECT_NOT(tc, absent) do {					\
	char *o_, *w_;							\
									\
	run(&(tc), &o_, &w_);						\
	if (strstr(o_, (absent)) != NULL)				\
		fail_msg("%s (line %d): '%s' in '%s'", (tc).eval,	\
		    __LINE__, (absent), o_);				\
	free(o_);							\
	free(w_);							\
} while (0)

static void
eval_acl(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-acl-dcsync";
	tc.main = "@sd-domain-root.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "@sd-domain-root-dcsync.ldif";
	EXPECT(tc, RP_ST_FAIL, DOM "-1111 has DS-Replication-Get-Changes-All");
	tc.value = "1111";		/* a documented sync account */
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.value = NULL;
	tc.main = "dn: DC=lab,DC=test\n\n";	/* no SD: not readable */
	EXPECT(tc, RP_ST_ERROR, "not readable with this account");
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "not readable with this account");

	tc.eval = "ad-acl-dangerous";
	tc.main = "@sd-adminsdholder.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "@sd-adminsdholder-backdoor.ldif";
	EXPECT(tc, RP_ST_FAIL, "Domain Users (" DOM "-513) has GenericAll");
	EXPECT(tc, RP_ST_FAIL, DOM "-1112 has Write(msDS-KeyCredentialLink)");
	tc.main = "@sd-domain-root.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "@sd-hostile.ldif";	/* unreadable descriptors */
	EXPECT(tc, RP_ST_ERROR, "not readable with this account");

	tc.eval = "ad-acl-broad";
	tc.main = "@sd-adminsdholder-backdoor.ldif";
	EXPECT(tc, RP_ST_FAIL, "Domain Users");
	EXPECT_NOT(tc, "-1112");
	tc.main = "@sd-domain-root.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);

	/* tier-0 objects: the lab's groups; Account Operators trusted */
	tc.eval = "ad-acl-privileged";
	tc.main = "@sd-privileged-backdoor.ldif";
	tc.also[0] = "@groups.ldif";
	EXPECT(tc, RP_ST_FAIL, "Domain Admins: " DOM "-1113 has Write(member)");
	EXPECT(tc, RP_ST_FAIL, "Administrator: " DOM "-1113 has "
	    "User-Force-Change-Password");
	EXPECT(tc, RP_ST_FAIL, "DC1$: " DOM "-1114 has "
	    "Write(msDS-KeyCredentialLink)");
	EXPECT_NOT(tc, "-1115");	/* inherit-only */
	EXPECT_NOT(tc, "-1116");	/* deny */
	EXPECT_NOT(tc, "-1117");	/* not a tier-0 object */
	EXPECT_NOT(tc, "Account Operators");

	tc.eval = "ad-acl-keycredential";
	EXPECT(tc, RP_ST_FAIL, "DC1$: " DOM "-1114");
	EXPECT_NOT(tc, "-1113");
}

/*
 * The ANSSI checkpoints read with the generic ACL evaluator: DPAPI backup
 * key (AD-ACL-013), KDS root keys (AD-ACL-014), SYSVOL's DFSR objects
 * (AD-ACL-015), Enterprise Key Admins on the domain root (adupdate_bad,
 * AD-ACL-002).
 */
static void
eval_acl_anssi(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-acl-dangerous";
	tc.main = "@sd-anssi-misc.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "@sd-anssi-misc-backdoor.ldif";
	EXPECT(tc, RP_ST_FAIL, "Secret,CN=System,DC=lab,DC=test: " DOM "-1130 "
	    "has GenericAll");
	EXPECT(tc, RP_ST_FAIL, "CN=Configuration,DC=lab,DC=test: " DOM "-1130 "
	    "has WriteDacl");
	EXPECT(tc, RP_ST_FAIL, "OU=Domain Controllers,DC=lab,DC=test: " DOM
	    "-1130 has WriteProperty(all)");
	EXPECT_NOT(tc, "-1131");	/* inherit-only: children only */

	tc.main = "@sd-domain-root-keyadmins.ldif";	/* adprep 2016 bug */
	EXPECT(tc, RP_ST_FAIL, "-527) has GenericAll");
	tc.main = "@sd-domain-root-keyadmins-fixed.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);
}

static void
eval_groups(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	/* nesting: Tier0-Ops in Helpdesk in Domain Admins; dave by primary */
	tc.eval = "ad-privileged";
	tc.main = "@users-nested.ldif";
	tc.also[0] = "@groups-nested.ldif";
	EXPECT(tc, RP_ST_FAIL, "Administrator, alice, bob, dave");
	EXPECT_NOT(tc, "carol");
	EXPECT_NOT(tc, "erin");
	tc.main = "";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.eval = "ad-privileged-count";
	tc.main = "@users-nested.ldif";
	tc.value = "3";
	EXPECT(tc, RP_ST_FAIL, "4 privileged accounts");
	tc.value = "4";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "not readable");

	tc.eval = "ad-privileged-outside";	/* Protected Users holds bob */
	tc.main = "@users-nested.ldif";
	tc.value = "525";
	EXPECT(tc, RP_ST_FAIL, "Administrator, alice, dave");
	EXPECT_NOT(tc, "bob");
	tc.eval = "ad-not-privileged";
	tc.value = NULL;
	EXPECT(tc, RP_ST_FAIL, "carol, erin");

	tc.eval = "ad-group-members";
	tc.main = "@groups-nested.ldif";
	tc.also[0] = NULL;
	tc.value = "518";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.value = "Helpdesk";
	EXPECT(tc, RP_ST_FAIL, "alice, bob, Tier0-Ops (nested group)");
	tc.value = "512";
	tc.also[0] = "@users-nested.ldif";	/* primaryGroupID */
	EXPECT(tc, RP_ST_FAIL, "dave (primary group)");
	tc.value = "No Such Group";
	EXPECT(tc, RP_ST_NA, "exists");
	tc.eval = "ad-group-used";
	tc.also[0] = NULL;
	tc.value = "525";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.value = "518";
	EXPECT(tc, RP_ST_FAIL, "no member");

	tc.eval = "ad-privileged-foreign";
	tc.value = NULL;
	EXPECT(tc, RP_ST_FAIL, "S-1-5-11 (foreign principal, "
	    "Authenticated Users)");
	tc.main = "@groups.ldif";		/* the lab: none */
	EXPECT(tc, RP_ST_PASS, NULL);

	tc.eval = "ad-group-loop";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "@groups-nested.ldif";
	EXPECT(tc, RP_ST_FAIL, "Loop-");
	EXPECT_NOT(tc, "Helpdesk");

	/* a server that cut 'member' into ranges: never a pass */
	tc.eval = "ad-privileged-foreign";
	tc.main = "dn: CN=Big,CN=Users,DC=lab,DC=test\n"
	    "member;range=0-1499: CN=a,CN=Users,DC=lab,DC=test\n\n";
	EXPECT(tc, RP_ST_ERROR, "truncated");

	/* the lab: Administrator, svc_sql, admin2 */
	tc.eval = "ad-privileged";
	tc.main = "@users.ldif";
	tc.also[0] = "@groups.ldif";
	EXPECT(tc, RP_ST_FAIL, "svc_sql, Administrator, admin2");
}

static time_t
t_of(const char *s)
{
	time_t t;

	assert_int_equal(rp_parse_time(s, &t), 0);
	return t;
}

static void
eval_times(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-older-than";
	tc.main = "@users.ldif";
	tc.attr = "pwdLastSet";
	tc.value = "365";
	EXPECT(tc, RP_ST_FAIL, "stale_user: pwdLastSet 2018-06-01");
	EXPECT(tc, RP_ST_FAIL, "Guest: pwdLastSet never set");
	EXPECT_NOT(tc, "svc_sql");
	tc.main = "";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "dn: CN=a,DC=x\nwhenCreated: 20200101000000.0Z\n\n"
	    "dn: CN=b,DC=x\nwhenCreated: 20261101000000.0Z\n\n"
	    "dn: CN=c,DC=x\nwhenCreated: 2020-01-01\n\n";
	tc.attr = "whenCreated";
	tc.value = "90";
	EXPECT(tc, RP_ST_FAIL, "CN=a,DC=x: whenCreated 2020-01-01");
	EXPECT(tc, RP_ST_FAIL, "unreadable");
	EXPECT_NOT(tc, "CN=b");
	tc.value = "x";
	EXPECT(tc, RP_ST_ERROR, "not a number");

	tc.eval = "ad-inactive";
	tc.attr = NULL;
	tc.value = "90";
	tc.main = "dn: CN=old,DC=x\nsAMAccountName: old\n"
	    "lastLogonTimestamp: 131907744000000000\n"
	    "whenCreated: 20180101000000.0Z\n\n"
	    "dn: CN=new,DC=x\nsAMAccountName: new\n"
	    "whenCreated: 20261120000000.0Z\n\n"
	    "dn: CN=never,DC=x\nsAMAccountName: never\n"
	    "whenCreated: 20240101000000.0Z\n\n"
	    "dn: CN=active,DC=x\nsAMAccountName: active\n"
	    "lastLogonTimestamp: 134402964717172440\n"
	    "whenCreated: 20150101000000.0Z\n\n";
	EXPECT(tc, RP_ST_FAIL, "old: lastLogonTimestamp 2019-01-01");
	EXPECT(tc, RP_ST_FAIL, "never: never logged on since its creation "
	    "on 2024-01-01");
	EXPECT_NOT(tc, "new");
	EXPECT_NOT(tc, "active");
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "not readable");

}

static void
eval_incident(void **state)
{
	struct rp_incident inc;
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	/* the incident window, on the lab's accounts */
	memset(&inc, 0, sizeof(inc));
	inc.compromise_start = t_of("2026-11-27T23:41:00Z");
	inc.containment = t_of("2026-11-27T23:50:00Z");
	tc.inc = &inc;
	tc.main = "@users.ldif";
	tc.also[0] = "@groups.ldif";
	tc.value = NULL;
	tc.eval = "ad-privileged-window";
	tc.attr = "whenCreated";
	EXPECT(tc, RP_ST_FAIL, "svc_sql: created 2026-11-27T23:41:06Z "
	    "(whenCreated), in the incident window");
	EXPECT_NOT(tc, "Administrator");	/* created at provisioning */
	EXPECT(tc, RP_ST_FAIL, "window 2026-11-27T23:41:00Z .. the audit");
	/* created after the remediation: listed for review, not a finding */
	inc.remediation = t_of("2026-11-27T23:41:05Z");
	EXPECT(tc, RP_ST_PASS, "svc_sql: created after the remediation "
	    "(2026-11-27T23:41:06Z): review");
	EXPECT(tc, RP_ST_PASS, "admin2: created after the remediation");
	EXPECT_NOT(tc, "Administrator");
	/* the remediation's very second, then its whole day */
	inc.remediation = t_of("2026-11-27T23:41:06Z");
	EXPECT(tc, RP_ST_FAIL, "svc_sql: created 2026-11-27T23:41:06Z "
	    "(whenCreated), in the incident window");
	inc.remediation = t_of("2026-11-27T00:00:00Z");
	EXPECT(tc, RP_ST_FAIL, "admin2: created 2026-11-27T23:41:06Z "
	    "(whenCreated), in the incident window");
	EXPECT_NOT(tc, "review");
	inc.remediation = 0;
	tc.eval = "ad-privileged-renewed";
	tc.attr = "pwdLastSet";
	EXPECT(tc, RP_ST_FAIL, "Administrator: password set "
	    "2026-11-27T23:24:02Z, before the containment");
	EXPECT(tc, RP_ST_FAIL, "admin2");
	tc.eval = "ad-krbtgt-reset";
	tc.main = "dn: CN=krbtgt,CN=Users,DC=lab,DC=test\n"
	    "sAMAccountName: krbtgt\npwdLastSet: 131013072002245180\n\n";
	tc.also[0] = NULL;
	EXPECT(tc, RP_ST_FAIL, "krbtgt: password set 2016-03-01");
	inc.containment = t_of("2015-06-01T00:00:00Z");
	inc.compromise_start = t_of("2015-05-01T00:00:00Z");
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "not readable");
	tc.eval = "ad-created-window";
	tc.main = "@dcs.ldif";
	tc.attr = "whenCreated";
	EXPECT(tc, RP_ST_FAIL, "DC1$: created 2026-11-27T23:24:02Z");
	/* before the window: nothing; after it: for review */
	inc.compromise_start = t_of("2026-11-28T00:00:00Z");
	EXPECT(tc, RP_ST_PASS, NULL);
	EXPECT_NOT(tc, "DC1$");
	inc.compromise_start = t_of("2015-05-01T00:00:00Z");
	inc.remediation = t_of("2026-11-01T00:00:00Z");
	EXPECT(tc, RP_ST_PASS, "DC1$: created after the remediation "
	    "(2026-11-27T23:24:02Z): review");
	inc.remediation = 0;
	tc.main = "";
	EXPECT(tc, RP_ST_PASS, NULL);
	/* no incident context: not applicable */
	tc.inc = NULL;
	tc.main = "@dcs.ldif";
	EXPECT(tc, RP_ST_NA, "no incident context");
	tc.eval = "ad-krbtgt-reset";
	EXPECT(tc, RP_ST_NA, "no incident context");
	tc.eval = "ad-privileged-window";
	tc.also[0] = "@groups.ldif";
	EXPECT(tc, RP_ST_NA, "no incident context");
}

#define KRBTGT(pls, kvno)	"dn: CN=krbtgt,CN=Users,DC=lab,DC=test\n" \
	"sAMAccountName: krbtgt\npwdLastSet: " pls "\n" \
	"msDS-KeyVersionNumber: " kvno "\n\n"
/* 2026-11-20T12:00:00Z and 2026-11-21T12:00:00Z as FILETIME */
#define FT_1120	"134396496000000000"
#define FT_1121	"134397360000000000"

static void
eval_krbtgt_reset(void **state)
{
	struct rp_incident inc;
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	memset(&inc, 0, sizeof(inc));
	inc.compromise_start = t_of("2026-10-02T03:14:00Z");
	inc.containment = t_of("2026-10-10T18:00:00Z");
	tc.eval = "ad-krbtgt-reset";
	tc.attr = "pwdLastSet";
	/* no earlier bundle: pwdLastSet against the containment only */
	tc.inc = &inc;
	tc.main = KRBTGT(FT_1121, "5");
	EXPECT(tc, RP_ST_PASS, "krbtgt: password set 2026-11-21T12:00:00Z, "
	    "after the containment");
	EXPECT(tc, RP_ST_PASS, "cannot be proven without an earlier evidence");
	tc.main = KRBTGT("131013072002245180", "2");
	EXPECT(tc, RP_ST_FAIL, "krbtgt: password set 2016-03-01");
	/* the earlier audit read kvno 2 on 2026-11-20T09:00:00Z */
	tc.earlier = KRBTGT("131013072002245180", "2");
	tc.earlier_time = t_of("2026-11-20T09:00:00Z");
	tc.main = KRBTGT(FT_1121, "4");
	EXPECT(tc, RP_ST_PASS, "reset 2 times since the earlier audit of "
	    "2026-11-20T09:00:00Z (msDS-KeyVersionNumber 2, now 4)");
	EXPECT_NOT(tc, "precedes");
	tc.main = KRBTGT(FT_1121, "3");
	EXPECT(tc, RP_ST_FAIL, "reset only once since the earlier audit");
	tc.main = KRBTGT(FT_1121, "2");
	EXPECT(tc, RP_ST_FAIL, "not reset since the earlier audit");
	/* two resets, but the last 3 h after the earlier audit */
	tc.main = KRBTGT(FT_1120, "4");
	EXPECT(tc, RP_ST_FAIL, "all within 10 h of it");
	tc.main = KRBTGT(FT_1121, "1");
	EXPECT(tc, RP_ST_ERROR, "went down");
	/* kvno up by 2 but the last reset before containment */
	inc.containment = t_of("2026-11-22T00:00:00Z");
	tc.main = KRBTGT(FT_1121, "4");
	EXPECT(tc, RP_ST_FAIL, "before the containment");
	EXPECT(tc, RP_ST_FAIL, "precedes the containment");
	/* the attribute is missing then or now */
	inc.containment = t_of("2026-10-10T18:00:00Z");
	tc.earlier = "dn: CN=krbtgt,CN=Users,DC=lab,DC=test\n"
	    "sAMAccountName: krbtgt\npwdLastSet: 0\n\n";
	EXPECT(tc, RP_ST_ERROR, "not returned in the earlier evidence");
	tc.earlier = "dn: CN=x,DC=lab,DC=test\nsAMAccountName: x\n\n";
	EXPECT(tc, RP_ST_ERROR, "earlier evidence holds no krbtgt");
	/* an earlier bundle without an incident: judged on the kvno alone */
	tc.inc = NULL;
	tc.earlier = KRBTGT("131013072002245180", "2");
	tc.main = KRBTGT(FT_1121, "3");
	EXPECT(tc, RP_ST_FAIL, "reset only once");
	/* neither: not applicable */
	tc.earlier = NULL;
	EXPECT(tc, RP_ST_NA, "nothing to compare with");
	/* the account not readable */
	tc.inc = &inc;
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "no krbtgt entry");
}

static void
eval_members_window(void **state)
{
	struct rp_incident inc;
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	memset(&inc, 0, sizeof(inc));
	inc.compromise_start = t_of("2026-11-27T23:41:00Z");
	tc.inc = &inc;
	tc.eval = "ad-privileged-members-window";
	tc.main = "@valmeta.ldif";
	tc.also[0] = "@groups.ldif";
	EXPECT(tc, RP_ST_FAIL, "Domain Admins: admin2 added "
	    "2026-11-28T00:10:00Z");
	EXPECT(tc, RP_ST_FAIL, "Domain Admins: former_admin added "
	    "2026-11-28T00:20:00Z, removed 2026-11-28T01:00:00Z");
	EXPECT(tc, RP_ST_FAIL, "Domain Admins: svc_sql added again "
	    "2026-11-28T00:30:00Z (present since before");
	EXPECT_NOT(tc, "Administrator");	/* added at provisioning */
	EXPECT_NOT(tc, "Domain Users");		/* Builtin Users: not tier 0 */
	/* a window that excludes them all */
	inc.compromise_start = t_of("2026-11-28T02:00:00Z");
	EXPECT(tc, RP_ST_PASS, NULL);
	EXPECT_NOT(tc, "review");
	/*
	 * The window ends at the remediation (00:15): admin2 (00:10) inside,
	 * former_admin added (00:20) and svc_sql added again (00:30) after
	 * it, listed for review without failing.
	 */
	inc.compromise_start = t_of("2026-11-27T23:41:00Z");
	inc.remediation = t_of("2026-11-28T00:15:00Z");
	EXPECT(tc, RP_ST_FAIL, "Domain Admins: admin2 added "
	    "2026-11-28T00:10:00Z");
	EXPECT(tc, RP_ST_FAIL, "Domain Admins: former_admin added after the "
	    "remediation (2026-11-28T00:20:00Z): review");
	EXPECT(tc, RP_ST_FAIL, "Domain Admins: svc_sql added again after the "
	    "remediation (2026-11-28T00:30:00Z): review");
	EXPECT(tc, RP_ST_FAIL, "window 2026-11-27T23:41:00Z .. "
	    "2026-11-28T00:15:00Z");
	/* added in the window, removed after it: still a finding */
	inc.remediation = t_of("2026-11-28T00:25:00Z");
	EXPECT(tc, RP_ST_FAIL, "Domain Admins: former_admin added "
	    "2026-11-28T00:20:00Z, removed 2026-11-28T01:00:00Z");
	/* all after the window: a pass, the changes listed */
	inc.remediation = t_of("2026-11-28T00:09:00Z");
	EXPECT(tc, RP_ST_PASS, "Domain Admins: admin2 added after the "
	    "remediation (2026-11-28T00:10:00Z): review");
	EXPECT_NOT(tc, "Administrator");
	/* a remediation given as a day: the whole day is in the window */
	inc.remediation = t_of("2026-11-28T00:00:00Z");
	EXPECT(tc, RP_ST_FAIL, "svc_sql added again 2026-11-28T00:30:00Z");
	EXPECT_NOT(tc, "review");
	inc.remediation = 0;
	/* members but no metadata: a DC that does not return it */
	tc.main = "dn: CN=Domain Admins,CN=Users,DC=lab,DC=test\n"
	    "sAMAccountName: Domain Admins\n"
	    "member: CN=admin2,CN=Users,DC=lab,DC=test\n\n";
	EXPECT(tc, RP_ST_ERROR, "no msDS-ReplValueMetaData returned");
	/* a value that is not the expected XML */
	tc.main = "dn: CN=Domain Admins,CN=Users,DC=lab,DC=test\n"
	    "sAMAccountName: Domain Admins\n"
	    "msDS-ReplValueMetaData: <DS_REPL_VALUE_META_DATA>"
	    "<pszAttributeName>member</pszAttributeName>\n\n";
	EXPECT(tc, RP_ST_ERROR, "1 msDS-ReplValueMetaData value unreadable");
	/* no incident context: not applicable */
	tc.inc = NULL;
	tc.main = "@valmeta.ldif";
	EXPECT(tc, RP_ST_NA, "no incident context");
	/* shadow credentials: every object of the probe, its key values */
	tc.inc = &inc;
	inc.compromise_start = t_of("2026-11-27T23:41:00Z");
	tc.eval = "ad-keycredential-window";
	tc.also[0] = NULL;
	tc.main = "@keycred-meta.ldif";
	EXPECT(tc, RP_ST_FAIL, "alice: a msDS-KeyCredentialLink value added "
	    "2026-11-28T00:12:00Z");
	EXPECT(tc, RP_ST_FAIL, "admin2: a msDS-KeyCredentialLink value added "
	    "2026-11-28T00:14:00Z, removed 2026-11-28T00:50:00Z");
	EXPECT_NOT(tc, "2025-04-01");
	/* alice's key (00:12) inside, admin2's (00:14) after the remediation */
	inc.remediation = t_of("2026-11-28T00:13:00Z");
	EXPECT(tc, RP_ST_FAIL, "alice: a msDS-KeyCredentialLink value added "
	    "2026-11-28T00:12:00Z");
	EXPECT(tc, RP_ST_FAIL, "admin2: a msDS-KeyCredentialLink value added "
	    "after the remediation (2026-11-28T00:14:00Z): review");
	inc.remediation = t_of("2026-11-28T00:11:00Z");
	EXPECT(tc, RP_ST_PASS, "alice: a msDS-KeyCredentialLink value added "
	    "after the remediation");
	inc.remediation = 0;
	tc.main = "@valmeta.ldif";	/* member values are not key values */
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "dn: CN=alice,CN=Users,DC=lab,DC=test\nsAMAccountName: "
	    "alice\n\n";
	EXPECT(tc, RP_ST_ERROR, "no msDS-ReplValueMetaData returned for the "
	    "msDS-KeyCredentialLink values");
}

static void
eval_changed_window(void **state)
{
	struct rp_incident inc;
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	memset(&inc, 0, sizeof(inc));
	inc.compromise_start = t_of("2026-11-27T23:41:00Z");
	tc.inc = &inc;
	tc.eval = "ad-changed-window";
	tc.main = "@replmeta.ldif";
	tc.value = "nTSecurityDescriptor";
	EXPECT(tc, RP_ST_FAIL, "CN=AdminSDHolder,CN=System,DC=lab,DC=test: "
	    "nTSecurityDescriptor changed 2026-11-28T00:05:00Z (version 2)");
	EXPECT(tc, RP_ST_FAIL, "Evil Policy: created 2026-11-28T00:20:00Z");
	EXPECT(tc, RP_ST_FAIL, "old: nTSecurityDescriptor changed "
	    "2026-11-28T00:30:00Z (version 5)");
	EXPECT_NOT(tc, "svc_sql");	/* its SPN is not asked for */
	tc.value = "servicePrincipalName sIDHistory";
	EXPECT(tc, RP_ST_FAIL, "svc_sql: servicePrincipalName changed "
	    "2026-11-28T00:15:00Z (version 3)");
	EXPECT_NOT(tc, "AdminSDHolder");
	EXPECT_NOT(tc, "old");		/* its SPN dates from 2020 */
	/* a window that excludes them all */
	inc.compromise_start = t_of("2026-11-28T01:00:00Z");
	EXPECT(tc, RP_ST_PASS, NULL);
	/* the also= probes are read too */
	tc.main = "dn: CN=x,DC=lab,DC=test\nwhenCreated: 20200101000000.0Z\n"
	    "replPropertyMetaData:: AQAAAAAAAAAAAAAAAAAAAA==\n\n";
	tc.also[0] = "@replmeta.ldif";
	inc.compromise_start = t_of("2026-11-27T23:41:00Z");
	EXPECT(tc, RP_ST_FAIL, "svc_sql: servicePrincipalName changed");
	tc.also[0] = NULL;
	EXPECT(tc, RP_ST_PASS, NULL);	/* no attribute entry at all */
	/* unknown attribute, metadata missing or malformed: errors */
	tc.value = "member";
	EXPECT(tc, RP_ST_ERROR, "'member' is not an attribute");
	tc.value = "servicePrincipalName";
	tc.main = "dn: CN=x,DC=lab,DC=test\nsAMAccountName: x\n\n";
	EXPECT(tc, RP_ST_ERROR, "replPropertyMetaData not returned for 1 of 1");
	tc.main = "dn: CN=x,DC=lab,DC=test\nsAMAccountName: x\n"
	    "replPropertyMetaData:: AQAAAAAAAAAFAAAAAAAAAA==\n\n";
	EXPECT(tc, RP_ST_ERROR, "1 replPropertyMetaData value malformed");
	/*
	 * Re-permissioned or restored after the window: the object's
	 * whenChanged (after the remediation) is not what dates it, the
	 * attribute's own metadata is, and the in-window change stays a
	 * finding; a change after the remediation is still reported (it may
	 * hide one in the window: AD keeps the last change of an attribute).
	 */
	tc.value = "nTSecurityDescriptor";
	tc.main = "dn: CN=AdminSDHolder,CN=System,DC=lab,DC=test\n"
	    "whenCreated: 20240311091240.0Z\nwhenChanged: 20261220000000.0Z\n"
	    "replPropertyMetaData:: AQAAAAAAAAADAAAAAAAAAAAAAAABAAAACFz/GwMAA"
	    "AAAAQIDBAUGBwgJCgsMDQ4PkhAAAAAAAACSEAAAAAAAABkBAgACAAAArKsaIQMAA"
	    "AAAAQIDBAUGBwgJCgsMDQ4PkhAAAAAAAACSEAAAAAAAAAEACQABAAAACFz/GwMAA"
	    "AAAAQIDBAUGBwgJCgsMDQ4PkhAAAAAAAACSEAAAAAAAAA==\n\n";
	tc.inc = &inc;
	inc.compromise_start = t_of("2026-11-27T23:41:00Z");
	inc.remediation = t_of("2026-11-29T00:00:00Z");
	EXPECT(tc, RP_ST_FAIL, "CN=AdminSDHolder,CN=System,DC=lab,DC=test: "
	    "nTSecurityDescriptor changed 2026-11-28T00:05:00Z (version 2)");
	/*
	 * The window ends at the remediation: AdminSDHolder (00:05) inside,
	 * svc_sql's SPN (00:15), the GPO's creation (00:20) and old's ACL
	 * (00:30) after it, listed for review without failing the check.
	 */
	tc.main = "@replmeta.ldif";
	tc.value = "nTSecurityDescriptor servicePrincipalName";
	inc.remediation = t_of("2026-11-28T00:10:00Z");
	EXPECT(tc, RP_ST_FAIL, "CN=AdminSDHolder,CN=System,DC=lab,DC=test: "
	    "nTSecurityDescriptor changed 2026-11-28T00:05:00Z (version 2)");
	EXPECT(tc, RP_ST_FAIL, "old: nTSecurityDescriptor changed after the "
	    "remediation (2026-11-28T00:30:00Z): review");
	EXPECT(tc, RP_ST_FAIL, "svc_sql: servicePrincipalName changed after "
	    "the remediation (2026-11-28T00:15:00Z): review");
	EXPECT(tc, RP_ST_FAIL, "Evil Policy: created after the remediation "
	    "(2026-11-28T00:20:00Z): review");
	EXPECT(tc, RP_ST_FAIL, "window 2026-11-27T23:41:00Z .. "
	    "2026-11-28T00:10:00Z");
	EXPECT_NOT(tc, "Evil Policy: created 2026");
	/* the remediation's very second is in the window */
	inc.remediation = t_of("2026-11-28T00:05:00Z");
	EXPECT(tc, RP_ST_FAIL, "AdminSDHolder,CN=System,DC=lab,DC=test: "
	    "nTSecurityDescriptor changed 2026-11-28T00:05:00Z");
	/* every change after the window: a pass, the changes listed */
	inc.remediation = t_of("2026-11-28T00:04:59Z");
	EXPECT(tc, RP_ST_PASS, "CN=AdminSDHolder,CN=System,DC=lab,DC=test: "
	    "nTSecurityDescriptor changed after the remediation "
	    "(2026-11-28T00:05:00Z): review");
	EXPECT(tc, RP_ST_PASS, "old: nTSecurityDescriptor changed after the "
	    "remediation");
	/* a remediation given as a day counts as the whole day */
	inc.remediation = t_of("2026-11-28T00:00:00Z");
	EXPECT(tc, RP_ST_FAIL, "old: nTSecurityDescriptor changed "
	    "2026-11-28T00:30:00Z (version 5)");
	EXPECT(tc, RP_ST_FAIL, "Evil Policy: created 2026-11-28T00:20:00Z "
	    "(whenCreated), in the incident window");
	EXPECT(tc, RP_ST_FAIL, "window 2026-11-27T23:41:00Z .. "
	    "2026-11-28T23:59:59Z");
	EXPECT_NOT(tc, "review");
	/* the day before (the compromise day itself): all after it */
	inc.remediation = t_of("2026-11-27T00:00:00Z");
	EXPECT(tc, RP_ST_PASS, "Evil Policy: created after the remediation");
	/* no remediation date: the window runs to the audit */
	inc.remediation = 0;
	EXPECT(tc, RP_ST_FAIL, "old: nTSecurityDescriptor changed "
	    "2026-11-28T00:30:00Z (version 5)");
	EXPECT(tc, RP_ST_FAIL, "window 2026-11-27T23:41:00Z .. the audit");
	EXPECT_NOT(tc, "review");
	/* every change before the window: a pass, nothing listed */
	inc.compromise_start = t_of("2026-11-28T00:31:00Z");
	inc.remediation = t_of("2026-11-29T00:00:00Z");
	EXPECT(tc, RP_ST_PASS, NULL);
	EXPECT_NOT(tc, "changed");
	EXPECT_NOT(tc, "created");
	/* the metadata missing stays an error, whatever the window */
	tc.main = "dn: CN=x,DC=lab,DC=test\nsAMAccountName: x\n\n";
	EXPECT(tc, RP_ST_ERROR, "replPropertyMetaData not returned for 1 of 1");
	inc.compromise_start = t_of("2026-11-27T23:41:00Z");
	inc.remediation = 0;
	/* no incident context: not applicable */
	tc.inc = NULL;
	EXPECT(tc, RP_ST_NA, "no incident context");
}

static void
eval_tier0_since(void **state)
{
	struct rp_incident inc;
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	memset(&inc, 0, sizeof(inc));
	tc.eval = "ad-tier0-since-remediation";
	tc.main = "@valmeta.ldif";
	tc.also[0] = "@groups.ldif";
	tc.also[1] = "@users.ldif";
	tc.also[2] = "@replmeta.ldif";
	/* no incident, no remediation date: not applicable */
	EXPECT(tc, RP_ST_NA, "no incident context");
	tc.inc = &inc;
	inc.compromise_start = t_of("2026-11-27T23:41:00Z");
	EXPECT(tc, RP_ST_NA, "no remediation date");
	/*
	 * Remediation at 00:15: the member added at 00:20 and the one added
	 * again at 00:30, the GPO created at 00:20 and old's ACL (00:30) are
	 * after it; admin2's addition (00:10), AdminSDHolder's ACL (00:05)
	 * and the accounts created at 23:41 are the confinement checks'.
	 */
	inc.remediation = t_of("2026-11-28T00:15:00Z");
	EXPECT(tc, RP_ST_FAIL, "Domain Admins: former_admin added after the "
	    "remediation (2026-11-28T00:20:00Z): review");
	EXPECT(tc, RP_ST_FAIL, "Domain Admins: svc_sql added again after the "
	    "remediation (2026-11-28T00:30:00Z): review");
	EXPECT(tc, RP_ST_FAIL, "old: nTSecurityDescriptor changed after the "
	    "remediation (2026-11-28T00:30:00Z): review");
	EXPECT(tc, RP_ST_FAIL, "Evil Policy: created after the remediation "
	    "(2026-11-28T00:20:00Z): review");
	EXPECT(tc, RP_ST_FAIL, "changes after 2026-11-28T00:15:00Z");
	EXPECT_NOT(tc, "admin2");
	EXPECT_NOT(tc, "AdminSDHolder");
	EXPECT_NOT(tc, "servicePrincipalName");	/* not tier-0 ACL */
	/* remediation before the accounts' creation: they are listed */
	inc.remediation = t_of("2026-11-27T23:41:05Z");
	EXPECT(tc, RP_ST_FAIL, "svc_sql: created after the remediation "
	    "(2026-11-27T23:41:06Z): review");
	EXPECT(tc, RP_ST_FAIL, "admin2: created after the remediation");
	EXPECT_NOT(tc, "Administrator");
	EXPECT_NOT(tc, "stale_user");		/* not privileged */
	/* an object created in the window, its ACL changed after it */
	tc.also[2] = "dn: CN=AdminSDHolder,CN=System,DC=lab,DC=test\n"
	    "whenCreated: 20261128000000.0Z\n"
	    "replPropertyMetaData:: AQAAAAAAAAADAAAAAAAAAAAAAAABAAAACFz/GwMAA"
	    "AAAAQIDBAUGBwgJCgsMDQ4PkhAAAAAAAACSEAAAAAAAABkBAgACAAAArKsaIQMAA"
	    "AAAAQIDBAUGBwgJCgsMDQ4PkhAAAAAAAACSEAAAAAAAAAEACQABAAAACFz/GwMAA"
	    "AAAAQIDBAUGBwgJCgsMDQ4PkhAAAAAAAACSEAAAAAAAAA==\n\n";
	inc.remediation = t_of("2026-11-28T00:02:00Z");
	EXPECT(tc, RP_ST_FAIL, "CN=AdminSDHolder,CN=System,DC=lab,DC=test: "
	    "nTSecurityDescriptor changed after the remediation "
	    "(2026-11-28T00:05:00Z): review");
	EXPECT_NOT(tc, "AdminSDHolder,CN=System,DC=lab,DC=test: created");
	tc.also[2] = "@replmeta.ldif";
	/* a remediation given as a day: all of it in the window, a pass */
	inc.remediation = t_of("2026-11-28T00:00:00Z");
	EXPECT(tc, RP_ST_PASS, "changes after 2026-11-28T23:59:59Z");
	EXPECT_NOT(tc, "review");
	/* metadata missing: an error, never a pass */
	tc.also[2] = "dn: CN=x,DC=lab,DC=test\nwhenCreated: "
	    "20200101000000.0Z\n\n";
	EXPECT(tc, RP_ST_ERROR, "replPropertyMetaData not returned for 1 of 1");
	tc.also[2] = "@replmeta.ldif";
	tc.main = "dn: CN=Domain Admins,CN=Users,DC=lab,DC=test\n"
	    "sAMAccountName: Domain Admins\n"
	    "member: CN=admin2,CN=Users,DC=lab,DC=test\n\n";
	EXPECT(tc, RP_ST_ERROR, "no msDS-ReplValueMetaData returned");
	/* Samba returns none: the members are not known, an error */
	tc.server = "Samba 4.17.12-Debian";
	EXPECT(tc, RP_ST_ERROR, "this DC (Samba) does not return");
	/* but what was seen after the remediation still fails */
	inc.remediation = t_of("2026-11-28T00:15:00Z");
	EXPECT(tc, RP_ST_FAIL, "old: nTSecurityDescriptor changed after");
	EXPECT(tc, RP_ST_FAIL, "member changes not dated");
	/* too few probes named */
	tc.also[2] = NULL;
	EXPECT(tc, RP_ST_ERROR, "check needs also=");
}

static void
eval_misc(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-sidhistory";
	tc.main = "@sidhistory.ldif";
	EXPECT(tc, RP_ST_FAIL, "former_admin: S-1-5-21-1-2-3-512 "
	    "[Domain Admins] (privileged RID)");
	tc.main = "dn: CN=migrated,DC=lab,DC=test\nsAMAccountName: migrated\n"
	    "sIDHistory:: AQUAAAAAAAUVAAAAAQAAAAIAAAADAAAAUQQAAA==\n\n";
	EXPECT(tc, RP_ST_PASS, NULL);	/* S-1-5-21-1-2-3-1105 */
	tc.main = "dn: CN=x,DC=lab,DC=test\nsIDHistory:: AQI=\n\n";
	EXPECT(tc, RP_ST_FAIL, "unreadable sIDHistory");

	tc.eval = "ad-delegation-to-dc";
	tc.also[0] = "@dcs.ldif";
	tc.main = "dn: CN=svc,DC=lab,DC=test\nsAMAccountName: svc\n"
	    "msDS-AllowedToDelegateTo: cifs/fs1.lab.test\n"
	    "msDS-AllowedToDelegateTo: ldap/DC1.lab.test/lab.test\n\n";
	EXPECT(tc, RP_ST_FAIL, "svc -> ldap/DC1.lab.test/lab.test");
	EXPECT_NOT(tc, "fs1");
	tc.main = "dn: CN=svc,DC=lab,DC=test\nsAMAccountName: svc\n"
	    "msDS-AllowedToDelegateTo: host/dc1\n\n";
	EXPECT(tc, RP_ST_FAIL, "host/dc1");
	tc.also[0] = "";
	EXPECT(tc, RP_ST_ERROR, "no domain controller");
	tc.also[0] = NULL;

	tc.eval = "ad-rbcd";
	tc.main = "@rbcd.ldif";
	EXPECT(tc, RP_ST_FAIL, "SRV1$ <- " DOM "-1120");
	tc.main = "";
	EXPECT(tc, RP_ST_PASS, NULL);

}

static void
eval_laps_pso(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-laps-coverage";
	tc.also[0] = "@laps-schema.ldif";
	tc.value = "95";
	tc.main = "dn: CN=PC1,DC=x\nsAMAccountName: PC1$\n"
	    "ms-Mcs-AdmPwdExpirationTime: 134402964717172440\n\n"
	    "dn: CN=PC2,DC=x\nsAMAccountName: PC2$\n"
	    "msLAPS-PasswordExpirationTime: 134402964717172440\n\n"
	    "dn: CN=PC3,DC=x\nsAMAccountName: PC3$\n\n";
	EXPECT(tc, RP_ST_FAIL, "PC3$");
	tc.value = "60";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.also[0] = "";		/* no LAPS schema */
	EXPECT(tc, RP_ST_NA, "LAPS schema absent");
	tc.eval = "ad-laps-readers";
	tc.value = NULL;
	tc.main = "@sd-ou-laps.ldif";
	tc.also[0] = "@laps-schema.ldif";
	EXPECT(tc, RP_ST_FAIL, "OU=Workstations,DC=lab,DC=test: Domain Users");
	EXPECT_NOT(tc, "Administrators");
	EXPECT_NOT(tc, "-1118");	/* inherited by users only */
	tc.value = "513";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.also[0] = "";
	EXPECT(tc, RP_ST_NA, "LAPS schema absent");
	tc.also[0] = NULL;

	tc.eval = "ad-pso";
	tc.value = "12";
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "Password Settings Container");
	tc.main = "dn: CN=admins,CN=Password Settings Container,CN=System\n"
	    "cn: admins\nmsDS-MinimumPasswordLength: 8\n"
	    "msDS-LockoutThreshold: 0\nmsDS-PasswordComplexityEnabled: TRUE\n"
	    "msDS-PasswordReversibleEncryptionEnabled: FALSE\n\n";
	EXPECT(tc, RP_ST_FAIL, "minimum length 8");
	EXPECT(tc, RP_ST_FAIL, "no lockout");
	tc.value = "8";
	tc.main = "dn: CN=ok,CN=Password Settings Container,CN=System\n"
	    "cn: ok\nmsDS-MinimumPasswordLength: 14\n"
	    "msDS-LockoutThreshold: 10\nmsDS-PasswordComplexityEnabled: TRUE\n"
	    "msDS-PasswordReversibleEncryptionEnabled: FALSE\n\n";
	EXPECT(tc, RP_ST_PASS, NULL);

}

static void
eval_attrs(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-attr";
	tc.main = "dn: DC=lab,DC=test\nminPwdLength: 4\n\n";
	tc.attr = "minPwdLength";
	tc.value = "ge 12";
	EXPECT(tc, RP_ST_FAIL, "4");
	tc.value = "le 12";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "not readable");
	tc.main = "dn: DC=lab,DC=test\n\n";	/* absent: the default */
	tc.attr = "ms-DS-MachineAccountQuota";
	tc.defval = "10";
	tc.value = "eq 0";
	EXPECT(tc, RP_ST_FAIL, "10");
	tc.defval = NULL;
	EXPECT(tc, RP_ST_ERROR, "absent");
	tc.value = "bogus 1";
	EXPECT(tc, RP_ST_ERROR, "value");
	tc.main = "dn: CN=DS\ndSHeuristics: 0000002\n\n";
	tc.attr = "dSHeuristics";
	tc.value = "not-matches ^.{6}2";
	EXPECT(tc, RP_ST_FAIL, "0000002");
	tc.value = "not-matches ^.{15}[^0]";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "dn: CN=g\nmember: CN=S-1-5-11,CN=ForeignSecurityPrincipals\n"
	    "member: CN=S-1-5-7,CN=ForeignSecurityPrincipals\n\n";
	tc.attr = "member";
	tc.value = "none matches (?i)^CN=(S-1-5-7|S-1-1-0),";
	EXPECT(tc, RP_ST_FAIL, "S-1-5-7");
	tc.value = "count eq 0";
	EXPECT(tc, RP_ST_FAIL, "2");

	tc.eval = "ad-flags";
	tc.main = "dn: DC=lab,DC=test\npwdProperties: 17\n\n";
	tc.attr = "pwdProperties";
	tc.value = "set 0x1";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.value = "clear 0x10";
	EXPECT(tc, RP_ST_FAIL, "17");
	tc.value = "clear 0x8";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.value = "flip 1";
	EXPECT(tc, RP_ST_ERROR, "set BITS");
	tc.main = "";
	tc.value = "set 1";
	EXPECT(tc, RP_ST_ERROR, "not readable");

	tc.eval = "ad-rid";
	tc.main = "@users.ldif";
	tc.attr = NULL;
	tc.value = "501";
	EXPECT(tc, RP_ST_FAIL, "Guest");
	EXPECT_NOT(tc, "Administrator");
	tc.value = "999";
	EXPECT(tc, RP_ST_PASS, NULL);
}

static void
eval_openldap(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "openldap-acl-password";
	tc.main = "@openldap-weak-config.ldif";
	EXPECT(tc, RP_ST_FAIL, "{1}mdb: anonymous has read access to "
	    "userPassword");
	tc.main = "@openldap-hardened-config.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "olcDatabase={0}config");
	/* break goes on; a scoped rule does not end the search */
	tc.main = "dn: olcDatabase={1}mdb,cn=config\nolcDatabase: {1}mdb\n"
	    "olcSuffix: dc=x\n"
	    "olcAccess: {0}to attrs=userPassword by dn.exact=\"cn=a b,dc=x\" "
	    "write by * break\n"
	    "olcAccess: {1}to dn.subtree=\"ou=svc,dc=x\" attrs=userPassword "
	    "by users =rc\n"
	    "olcAccess: {2}to * by self write by anonymous auth by * none\n\n";
	EXPECT(tc, RP_ST_FAIL, "any user has read access");
	EXPECT_NOT(tc, "anonymous has");

	tc.eval = "openldap-acl-anon-read";
	tc.main = "@openldap-weak-config.ldif";
	EXPECT(tc, RP_ST_FAIL, "{1}mdb: anonymous has read access");
	tc.main = "@openldap-hardened-config.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "dn: olcDatabase={1}mdb,cn=config\nolcDatabase: {1}mdb\n"
	    "olcSuffix: dc=x\n\n";		/* no ACL at all: by * read */
	EXPECT(tc, RP_ST_FAIL, "anonymous has read");

	tc.eval = "openldap-acl-config";
	tc.main = "@openldap-weak-config.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "dn: olcDatabase={0}config,cn=config\n"
	    "olcDatabase: {0}config\n"
	    "olcAccess: {0}to * by users read by * none\n\n";
	EXPECT(tc, RP_ST_FAIL, "any user has read");

	tc.eval = "openldap-acl-write";
	tc.main = "@openldap-weak-config.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "dn: olcDatabase={1}mdb,cn=config\nolcDatabase: {1}mdb\n"
	    "olcSuffix: dc=x\nolcAccess: {0}to * by dn.regex=.* write\n\n";
	EXPECT(tc, RP_ST_FAIL, "gives write to everyone");

	tc.eval = "openldap-monitor";
	tc.main = "@openldap-weak-config.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "dn: olcDatabase={2}monitor,cn=config\n"
	    "olcDatabase: {2}monitor\nolcAccess: {0}to * by * read\n\n";
	EXPECT(tc, RP_ST_FAIL, "{2}monitor: anonymous has read");

}

static void
eval_openldap_config(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "openldap-rootpw";
	tc.value = "{SSHA},{ARGON2}";
	tc.main = "@openldap-weak-config.ldif";
	EXPECT(tc, RP_ST_FAIL, "{1}mdb: olcRootPW stored as {CLEARTEXT}");
	/* the object found: the database's DN, not the observed text */
	OBJECTS(tc, RP_ST_FAIL, "olcDatabase={0}config,cn=config|"
	    "olcDatabase={1}mdb,cn=config");
	tc.main = "@openldap-hardened-config.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);
	/* an old, unredacted value is never echoed */
	tc.main = "dn: olcDatabase={1}mdb,cn=config\nolcDatabase: {1}mdb\n"
	    "olcRootPW: s3cr3t\n\n";
	EXPECT(tc, RP_ST_FAIL, "{CLEARTEXT}");
	EXPECT_NOT(tc, "s3cr3t");

	tc.eval = "openldap-password-schemes";
	tc.value = "{SSHA},{ARGON2}";
	tc.user = "uid=auditor,ou=people,dc=lab,dc=test";
	tc.main = "dn: uid=auditor,ou=people,dc=lab,dc=test\n"
	    "userPassword: {SSHA}\n\n";
	EXPECT(tc, RP_ST_ERROR, "but its own");
	tc.main = "dn: uid=auditor,ou=people,dc=lab,dc=test\n"
	    "userPassword: {SSHA}\n\ndn: uid=bob,ou=people,dc=lab,dc=test\n"
	    "userPassword: {MD5}\n\ndn: uid=al,ou=people,dc=lab,dc=test\n"
	    "userPassword: {ssha}\n\n";
	EXPECT(tc, RP_ST_FAIL, "bob: {MD5}");
	EXPECT_NOT(tc, "al:");
	tc.user = NULL;

	tc.eval = "openldap-ppolicy-overlay";
	tc.value = NULL;
	tc.main = "@openldap-weak-config.ldif";
	EXPECT(tc, RP_ST_FAIL, "no ppolicy overlay");
	tc.main = "@openldap-hardened-config.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);

	tc.eval = "openldap-ppolicy";
	tc.also[0] = "@openldap-hardened-policies.ldif";
	tc.attr = "pwdMinLength";
	tc.defval = "0";
	tc.value = "ge 12";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.value = "ge 14";
	EXPECT(tc, RP_ST_FAIL, "pwdMinLength: 12");
	tc.attr = "olcPPolicyHashCleartext";
	tc.value = "eq TRUE";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.attr = "pwdMinLength";
	tc.also[0] = "";			/* policy not readable */
	EXPECT(tc, RP_ST_ERROR, "not readable");
	tc.main = "@openldap-weak-config.ldif";
	EXPECT(tc, RP_ST_NA, "no ppolicy overlay");
	tc.also[0] = NULL;
	tc.attr = NULL;
	tc.defval = NULL;

	tc.eval = "openldap-sasl-plain";
	tc.main = "@openldap-rootdse.ldif";
	tc.also[0] = "@openldap-weak-global.ldif";
	EXPECT(tc, RP_ST_FAIL, "PLAIN, LOGIN");
	tc.also[0] = "@openldap-hardened-global.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.also[0] = "";
	EXPECT(tc, RP_ST_ERROR, "olcDatabase={0}config");

	tc.eval = "openldap-attr";
	tc.also[0] = NULL;
	tc.main = "@openldap-weak-global.ldif";
	tc.attr = "olcTLSProtocolMin";
	tc.defval = "0";
	tc.value = "version-ge 3.3";
	EXPECT(tc, RP_ST_FAIL, "3.1");
	tc.main = "@openldap-hardened-global.ldif";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "olcDatabase={0}config");
}

/* ------------------------------------------------------------------ */
/* The shipped catalogues                                              */

static void
catalogues(void **state)
{
	struct rp_content *c = NULL;
	const struct rp_baseline *b;
	struct rp_resolved r;
	char *cause = NULL;
	size_t i, j, nad = 0, nol = 0;

	(void)state;
	if (rp_eval_content_load(CHECKS, &c, &cause) != 0)
		fail_msg("load: %s", cause);
	for (i = 0; i < c->nchecks; i++) {
		const struct rp_check *ck = &c->checks[i];

		if (ck->kind == RP_KIND_LINUX || ck->kind == RP_KIND_MANUAL)
			continue;
		ck->kind == RP_KIND_AD ? nad++ : nol++;
		assert_non_null(ck->description.fr);
		assert_non_null(ck->rationale.fr);
		assert_non_null(ck->probe);
		/* the probes an evaluator reads are declared */
		if (ck->evaluator != NULL)
			assert_true(ck->nalso >= (size_t)ck->evaluator->nalso);
		for (j = 0; j < ck->nalso; j++)
			assert_non_null(rp_content_probe(c, ck->also[j]));
	}
	assert_true(nad >= 70);
	assert_true(nol >= 15);
	/*
	 * security descriptors: the DACL only, or the owner only, which any
	 * user may read (never the SACL)
	 */
	for (i = 0; i < c->nprobes; i++) {
		const struct rp_probe *p = &c->probes[i];

		if (p->ldap_attrs != NULL &&
		    strstr(p->ldap_attrs, "nTSecurityDescriptor") != NULL)
			assert_true(p->sd_flags == 4 || p->sd_flags == 1);
	}
	/* levels: each baseline adds to the previous one */
	for (i = 2, j = 0; i <= 5; i++) {
		char id[32];

		snprintf(id, sizeof(id), "ad-anssi-level-%zu", i);
		assert_int_equal(rp_baseline_get(c, id, &b, &cause), 0);
		memset(&r, 0, sizeof(r));
		assert_int_equal(rp_baseline_resolve(c, b, &r, &cause), 0);
		assert_true(r.nsel >= j);
		j = r.nsel;
		rp_resolved_release(&r);
	}
	/* level 5 has them all but the GPO content of SYSVOL (ad/gpo: it
	 * needs SMB or a copy; baseline rempart-ad-sysvol) */
	for (i = 0; i < c->nchecks; i++)
		if (c->checks[i].kind == RP_KIND_AD &&
		    strcmp(c->checks[i].module, "ad/gpo") == 0)
			nad--;
	assert_int_equal(j, nad);
	rp_content_free(c);
}

/* AD CS: templates (ESC1-3), CA certificates, NTAuth (pki*.ldif) */
static void
eval_adcs(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-adcs-template";
	tc.main = "@pki.ldif";		/* User: Domain Users, no subject */
	tc.value = "esc1";
	EXPECT(tc, RP_ST_PASS, "4 certificate template(s), 4 published by "
	    "1 enterprise CA(s)");
	tc.value = "esc2";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.value = "esc3";
	EXPECT(tc, RP_ST_PASS, NULL);

	tc.main = "@pki-vuln.ldif";
	tc.value = "esc1";
	EXPECT(tc, RP_ST_FAIL, "ESC1 (published by lab-DC1-CA): the enrollee "
	    "supplies the subject, EKU Client Authentication, Domain Users ("
	    DOM "-513) may enroll");
	EXPECT(tc, RP_ST_FAIL, "ESC1SAN (published by lab-DC1-CA): the "
	    "enrollee supplies the subject alternative name, EKU none (any "
	    "purpose), Authenticated Users (S-1-5-11) may enroll");
	EXPECT(tc, RP_ST_FAIL, "ESC1Neg (published by lab-DC1-CA): the "
	    "enrollee supplies the subject, EKU Smart Card Logon");
	EXPECT(tc, RP_ST_FAIL, "ESC1Unpub: the enrollee supplies the subject, "
	    "EKU Client Authentication, Domain Users (" DOM "-513) may enroll, "
	    "but no enterprise CA publishes it");
	EXPECT_NOT(tc, "ESC1Approval");		/* manager approval */
	EXPECT_NOT(tc, "ESC1Signed");		/* authorized signature */
	EXPECT_NOT(tc, "ESC1InheritOnly");	/* ACE for children only */
	EXPECT_NOT(tc, "ESC1Admins");		/* not a broad group */
	EXPECT_NOT(tc, "WebServer");		/* server EKU, admins */
	EXPECT_NOT(tc, "SubCA");		/* no EKU, admins only */
	EXPECT_NOT(tc, "ESC2 ");
	EXPECT_NOT(tc, "ESC3 ");
	tc.value = "esc2";
	EXPECT(tc, RP_ST_FAIL, "ESC2 (published by lab-DC1-CA): EKU Any "
	    "Purpose, Domain Computers (" DOM "-515) may enroll");
	EXPECT(tc, RP_ST_FAIL, "ESC1SAN (published by lab-DC1-CA): EKU none");
	EXPECT_NOT(tc, "ESC1 (");
	EXPECT_NOT(tc, "ESC3 ");
	tc.value = "esc3";
	EXPECT(tc, RP_ST_FAIL, "ESC3 (published by lab-DC1-CA): EKU "
	    "Certificate Request Agent, Everyone (S-1-1-0) may enroll");
	EXPECT_NOT(tc, "EnrollmentAgent");	/* Domain Admins only */
	EXPECT_NOT(tc, "ESC1");
	tc.value = "esc9";
	EXPECT(tc, RP_ST_ERROR, "is not esc1, esc2 or esc3");

	/* fail closed: no container, no readable DACL */
	tc.value = "esc1";
	tc.main = "dn: CN=Services,CN=Configuration,DC=lab,DC=test\n\n";
	EXPECT(tc, RP_ST_ERROR, "configuration partition is not readable");
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "configuration partition is not readable");
	tc.main = "@pki-hostile.ldif";
	EXPECT(tc, RP_ST_ERROR, "1 template(s) returned without a readable "
	    "nTSecurityDescriptor");
	tc.main = "dn: CN=Public Key Services,CN=Services,CN=Configuration,"
	    "DC=lab,DC=test\n\n";
	EXPECT(tc, RP_ST_PASS, "0 certificate template(s)");

	tc.eval = "ad-adcs-ca-certs";
	tc.main = "@pki.ldif";
	tc.value = "1024";
	EXPECT(tc, RP_ST_PASS, "3 CA certificate(s) examined");
	tc.value = "2048 hash";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "@pki-vuln.ldif";
	tc.value = "1024";
	EXPECT(tc, RP_ST_FAIL, "CA DSA CA (AIA): CN=DSA CA,O=Lab");
	EXPECT(tc, RP_ST_FAIL, "DSA key");
	EXPECT_NOT(tc, "Old Root CA");		/* 1024 bits: not below */
	EXPECT_NOT(tc, "signed with");
	tc.value = "2048 hash";
	EXPECT(tc, RP_ST_FAIL, "root CA Old Root CA: CN=Old Root CA,O=Lab");
	EXPECT(tc, RP_ST_FAIL, "RSA key of 1024 bits, signed with SHA1");
	EXPECT(tc, RP_ST_FAIL, "CA Legacy Issuing CA (AIA): CN=Legacy Issuing "
	    "CA,O=Lab");
	EXPECT_NOT(tc, "lab-DC1-CA");
	EXPECT_NOT(tc, "Rogue");
	tc.value = "1024 roca";		/* random keys: no ROCA fingerprint */
	EXPECT_NOT(tc, "ROCA");
	tc.value = "2048 hash roca";
	EXPECT_NOT(tc, "ROCA");
	tc.main = "@pki-roca.ldif";	/* Infineon's structure, 1024 bits */
	tc.value = "1024 roca";
	EXPECT(tc, RP_ST_FAIL, "root CA Infineon TPM CA: CN=Infineon TPM CA,"
	    "O=Lab (SHA-1 ");
	EXPECT(tc, RP_ST_FAIL, "ROCA-vulnerable RSA key (CVE-2017-15361)");
	tc.value = "1024";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "@pki-vuln.ldif";
	tc.value = "2048 md5";
	EXPECT(tc, RP_ST_ERROR, "is not 'BITS [hash] [roca]'");
	tc.value = "2048 hash hash2";
	EXPECT(tc, RP_ST_ERROR, "is not 'BITS [hash] [roca]'");
	tc.value = "12";
	EXPECT(tc, RP_ST_ERROR, "is not a number");
	tc.value = "1024";
	tc.main = "@pki-hostile.ldif";
	EXPECT(tc, RP_ST_ERROR, "1 of 1 CA certificate(s) cannot be parsed");
	tc.main = "dn: CN=Public Key Services,CN=Services,CN=Configuration,"
	    "DC=lab,DC=test\n\n";
	EXPECT(tc, RP_ST_PASS, "no CA certificate");
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "configuration partition is not readable");

	tc.eval = "ad-adcs-ntauth";
	tc.value = NULL;
	tc.main = "@pki.ldif";
	EXPECT(tc, RP_ST_PASS, "enterprise CA lab-DC1-CA on dc1.lab.test "
	    "publishes 4 template(s)");
	EXPECT(tc, RP_ST_PASS, "NTAuth: CN=lab-DC1-CA,DC=lab,DC=test (SHA-1 ");
	tc.main = "@pki-vuln.ldif";
	EXPECT(tc, RP_ST_FAIL, "NTAuth: CN=Rogue CA (SHA-1 "
	    "654798e3ee959af238e5facfe1b6259a10a9d1ef) is the certificate of "
	    "no enterprise CA");
	EXPECT(tc, RP_ST_FAIL, "another certificate with the subject of "
	    "enterprise CA lab-DC1-CA");
	/* a documented third-party CA (the thumbprint make-fixtures.py printed) */
	tc.value = "0123 654798E3EE959AF238E5FACFE1B6259A10A9D1EF";
	EXPECT(tc, RP_ST_PASS, "CN=Rogue CA (SHA-1 "
	    "654798e3ee959af238e5facfe1b6259a10a9d1ef), listed as trusted");
	tc.value = NULL;
	tc.main = "@pki-hostile.ldif";
	EXPECT(tc, RP_ST_PASS, "no NTAuth store");
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "configuration partition is not readable");
}

/* dMSA creation rights (sd-ou-dmsa.ldif), with and without a 2025 DC */
static void
eval_dmsa(void **state)
{
	struct tcase tc;
	static const char dc2025[] = "dn: CN=DC2,OU=Domain Controllers,"
	    "DC=lab,DC=test\nsAMAccountName: DC2$\noperatingSystemVersion: "
	    "10.0 (26100)\n\n";

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-dmsa-create";
	tc.main = "@sd-ou-dmsa.ldif";
	tc.also[0] = "@groups.ldif";
	tc.also[1] = dc2025;
	EXPECT(tc, RP_ST_FAIL, "OU=Servers,DC=lab,DC=test: " DOM "-1160 has "
	    "CreateChild(msDS-DelegatedManagedServiceAccount)");
	EXPECT(tc, RP_ST_FAIL, "OU=Workstations,DC=lab,DC=test: " DOM "-1163 "
	    "has GenericAll");
	EXPECT(tc, RP_ST_FAIL, DOM "-1164 has Write(all properties of "
	    "descendant dMSAs)");
	EXPECT(tc, RP_ST_FAIL, DOM "-1165 has WriteDacl");
	EXPECT(tc, RP_ST_FAIL, "DC=lab,DC=test: " DOM "-1167 has "
	    "CreateChild(all classes)");
	EXPECT(tc, RP_ST_FAIL, "DC2$ runs Windows Server 2025");
	EXPECT_NOT(tc, "-1161");	/* computers only */
	EXPECT_NOT(tc, "-1162");	/* inherited: reported where set */
	EXPECT_NOT(tc, "-1166");	/* a CN= container */
	EXPECT_NOT(tc, "S-1-5-32-551");	/* Backup Operators: tier 0 */
	EXPECT_NOT(tc, "S-1-5-32-548");	/* Account Operators: trusted */
	EXPECT_NOT(tc, "-512)");	/* Domain Admins */

	/* no Windows Server 2025 DC: listed, not failed */
	tc.also[1] = "@dcs.ldif";
	EXPECT(tc, RP_ST_PASS, "no DC runs Windows Server 2025 (build 26100): "
	    "these delegations become exploitable");
	EXPECT(tc, RP_ST_PASS, DOM "-1160 has CreateChild");
	/* the lab's default DACLs: nothing */
	tc.main = "@sd-domain-root.ldif";
	tc.also[1] = dc2025;
	EXPECT(tc, RP_ST_PASS, "1 OU(s) and domain head examined");

	/* fail closed */
	tc.main = "dn: OU=Servers,DC=lab,DC=test\n\n";
	EXPECT(tc, RP_ST_ERROR, "1 of 1 OU(s) returned without a readable");
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "no OU or domain head returned");
	tc.main = "@sd-ou-dmsa.ldif";
	tc.also[1] = "";
	EXPECT(tc, RP_ST_ERROR, "returned no domain controller");
}

/* DNS zones: dynamic update mode from dNSProperty (dns-*.ldif) */
static void
eval_dns(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-dns-update";
	tc.main = "@dns-domain.ldif";
	tc.also[0] = "@dns-forest.ldif";
	tc.also[1] = "@dns-legacy.ldif";
	tc.value = "domain";
	EXPECT(tc, RP_ST_PASS, "6 zone(s) examined");
	tc.value = "other";
	EXPECT(tc, RP_ST_FAIL, "0.168.192.in-addr.arpa (DomainDnsZones): "
	    "nonsecure dynamic updates allowed");
	EXPECT(tc, RP_ST_FAIL, "_msdcs.lab.test (ForestDnsZones): nonsecure");
	EXPECT_NOT(tc, "old.lab.test");		/* no ALLOW_UPDATE */
	EXPECT_NOT(tc, "legacy.lab.test");	/* secure only */
	EXPECT_NOT(tc, "RootDNSServers");	/* none */
	tc.main = "@dns-domain-open.ldif";
	tc.value = "domain";
	EXPECT(tc, RP_ST_FAIL, "lab.test (DomainDnsZones): nonsecure dynamic "
	    "updates allowed");
	EXPECT_NOT(tc, "_msdcs");		/* not the domain's zone */
	tc.value = "other";
	EXPECT(tc, RP_ST_FAIL, "_msdcs.lab.test");
	EXPECT_NOT(tc, "lab.test (DomainDnsZones)");
	tc.value = "all";
	EXPECT(tc, RP_ST_ERROR, "is not domain or other");

	/* a partition that does not exist is said, not an error */
	tc.value = "domain";
	tc.main = "@dns-domain.ldif";
	tc.also_na = 3;
	EXPECT(tc, RP_ST_PASS, "no zone in ForestDnsZones (the partition does "
	    "not exist under the domain)");
	/* nothing at all returned: not a pass */
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "no DNS zone returned");
	tc.also_na = 0;
	tc.also[0] = "";
	tc.also[1] = "";
	EXPECT(tc, RP_ST_ERROR, "no DNS zone returned");
	/* hostile: truncated and oversized property values */
	tc.main = "dn: DC=lab.test,CN=MicrosoftDNS,DC=DomainDnsZones,DC=lab,"
	    "DC=test\nname: lab.test\ndNSProperty:: AQAAAAAAAAAAAAAAAQAAAAIA\n"
	    "dNSProperty:: /////wAAAAAAAAAAAQAAAAIAAAABAA==\n\n";
	EXPECT(tc, RP_ST_PASS, "1 zone(s) examined");
}

/* Read-only DCs: cached privileged passwords, allowed groups (rodcs.ldif) */
static void
eval_rodc(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-rodc";
	tc.main = "@rodcs.ldif";
	tc.also[0] = "@groups.ldif";
	tc.value = "revealed";
	EXPECT(tc, RP_ST_FAIL, "RODC2$: the password of Administrator is "
	    "cached");
	EXPECT_NOT(tc, "branch_user");		/* not privileged */
	EXPECT_NOT(tc, "RODC1");		/* its own account */
	tc.value = "allowed";
	EXPECT(tc, RP_ST_FAIL, "RODC2$: may cache the passwords of Domain "
	    "Admins, a tier-0 group");
	EXPECT(tc, RP_ST_FAIL, "RODC2$: may cache the passwords of Domain "
	    "Users (" DOM "-513), a built-in or well-known group");
	EXPECT(tc, RP_ST_FAIL, "Authenticated Users (S-1-5-11), a built-in");
	EXPECT_NOT(tc, "RODC1$");	/* 571 and a group of its own */
	tc.value = "cached";
	EXPECT(tc, RP_ST_ERROR, "is not revealed or allowed");

	/* no RODC; an RODC without msDS-RevealedUsers is not readable */
	tc.value = "revealed";
	tc.main = "";
	EXPECT(tc, RP_ST_PASS, "no read-only DC");
	tc.main = "dn: CN=RODC3,OU=Domain Controllers,DC=lab,DC=test\n"
	    "sAMAccountName: RODC3$\n\n";
	EXPECT(tc, RP_ST_ERROR, "1 RODC(s) returned without "
	    "msDS-RevealedUsers");
	tc.value = "allowed";
	EXPECT(tc, RP_ST_PASS, NULL);
}

/* Machine passwords of servers and clusters in use (servers.ldif) */
static void
eval_machine_pwd(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-machine-pwd";
	tc.main = "@servers.ldif";
	tc.value = "90 server";
	EXPECT(tc, RP_ST_FAIL, "SRV-OLD$: password set 2025-01-15, last logon "
	    "2026-11-20 (674 days later)");
	EXPECT(tc, RP_ST_FAIL, "SRV-NEVER$: password never set, last logon "
	    "2026-11-20");
	EXPECT(tc, RP_ST_FAIL, "SRV-BAD$: pwdLastSet is not a time");
	EXPECT_NOT(tc, "SRV-60");	/* 66 days */
	EXPECT_NOT(tc, "SRV-OK");
	EXPECT_NOT(tc, "SRV-OFF");	/* not in use: AD-STL-002's */
	EXPECT_NOT(tc, "PC-1");		/* a workstation */
	EXPECT_NOT(tc, "CLUSTER");
	tc.value = "45 server";
	EXPECT(tc, RP_ST_FAIL, "SRV-60$: password set 2026-09-20, last logon "
	    "2026-11-25 (66 days later)");
	tc.value = "1095 cluster";
	EXPECT(tc, RP_ST_FAIL, "CLUSTER1$: password set 2022-06-01, last logon "
	    "2026-11-20 (1633 days later)");
	EXPECT_NOT(tc, "CLUSTER2");
	EXPECT_NOT(tc, "SRV-");
	tc.value = "server";
	EXPECT(tc, RP_ST_ERROR, "is not 'DAYS server' or 'DAYS cluster'");
	tc.value = "90 servers";
	EXPECT(tc, RP_ST_ERROR, "is not 'DAYS server'");
	tc.value = "0 server";
	EXPECT(tc, RP_ST_ERROR, "is not a number");
	tc.value = "90 server";
	tc.main = "";
	EXPECT(tc, RP_ST_PASS, "0 server(s) examined");
}

/* Owners of the tier-0 objects (sd-owners*.ldif, SD_FLAGS 1) */
static void
eval_owner(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-owner";
	tc.main = "@sd-owners.ldif";
	tc.also[0] = "@groups.ldif";
	EXPECT(tc, RP_ST_FAIL, "Administrator: owned by " DOM "-1113");
	EXPECT(tc, RP_ST_FAIL, "DC1$: owned by " DOM "-1114");
	EXPECT_NOT(tc, "Domain Admins:");	/* owned by Domain Admins */
	EXPECT_NOT(tc, "Enterprise Admins:");	/* by Administrators */
	EXPECT_NOT(tc, "Helpdesk");		/* not a tier-0 object */
	tc.main = "@sd-privileged-backdoor.ldif";	/* the lab's owners */
	EXPECT(tc, RP_ST_PASS, "tier-0 object(s) examined");
	/* fail closed: no owner in the descriptor, no descriptor, nothing */
	tc.main = "@sd-owners-none.ldif";
	EXPECT(tc, RP_ST_ERROR, "1 of 1 tier-0 object(s) returned without a "
	    "readable owner");
	tc.main = "dn: CN=Domain Admins,CN=Users,DC=lab,DC=test\n"
	    "sAMAccountName: Domain Admins\n\n";
	EXPECT(tc, RP_ST_ERROR, "without a readable owner");
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "no tier-0 object returned");
}

/*
 * The objects found: each observed item's bare object (a sAMAccountName,
 * a DN), apart from its description, is what results[].objects carries and
 * what <fill> fills in; a hostile name stays whole and is refused there.
 */
static void
eval_objects(void **state)
{
	char c1[] = "Set-ADAccountPassword -Identity @OBJECT@ -Reset";
	char c2[] = "dsacls @OBJECT@ /takeownership";
	struct rp_fill reset = { c1, RP_QUOTE_PS, NULL, NULL, 1 };
	struct rp_fill own = { c2, RP_QUOTE_PS, NULL, NULL, 1 };
	struct tcase tc;
	char *o, *c;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-sidhistory";
	tc.main = "@sidhistory.ldif";
	OBJECTS(tc, RP_ST_FAIL, "former_admin");
	tc.main = "dn: CN=x,DC=lab,DC=test\nsIDHistory:: AQI=\n\n";
	OBJECTS(tc, RP_ST_FAIL, "CN=x,DC=lab,DC=test");	/* no name: DN */

	tc.eval = "ad-machine-pwd";
	tc.main = "@servers.ldif";
	tc.value = "90 server";
	OBJECTS(tc, RP_ST_FAIL, "SRV-OLD$|SRV-NEVER$|SRV-BAD$");
	tc.main = "";
	OBJECTS(tc, RP_ST_PASS, "");	/* "0 server(s) examined": none */

	tc.eval = "ad-rbcd";
	tc.main = "@rbcd.ldif";
	tc.value = NULL;
	OBJECTS(tc, RP_ST_FAIL, "SRV1$");

	/* the owner's object is the DN dsacls takes */
	tc.eval = "ad-owner";
	tc.main = "@sd-owners.ldif";
	tc.also[0] = "@groups.ldif";
	OBJECTS(tc, RP_ST_FAIL, "CN=Administrator,CN=Users,DC=lab,DC=test|"
	    "CN=DC1,OU=Domain Controllers,DC=lab,DC=test");
	assert_int_equal(rp_fill(&own, "CN=Administrator,CN=Users,DC=lab,"
	    "DC=test", &o, &c), RP_FILL_OK);
	assert_string_equal(c, "dsacls 'CN=Administrator,CN=Users,DC=lab,"
	    "DC=test' /takeownership");
	free(o);
	free(c);

	/* the cached account, not the RODC, is the one to reset */
	tc.eval = "ad-rodc";
	tc.main = "@rodcs.ldif";
	tc.value = "revealed";
	OBJECTS(tc, RP_ST_FAIL, "CN=Administrator,CN=Users,DC=lab,DC=test");
	tc.also[0] = NULL;

	/*
	 * Hostile names: the observed text decorates them ("NAME: pwdLastSet
	 * ..."), the object is the name alone, whole; PowerShell quoting
	 * doubles the quote, a newline is refused.
	 */
	tc.eval = "ad-older-than";
	tc.attr = "pwdLastSet";
	tc.value = "365";
	tc.main = "dn: CN=a,DC=lab,DC=test\nsAMAccountName:: bydicmllbjogeA==\n"
	    "pwdLastSet: 131722848000000000\n\n"
	    "dn: CN=b,DC=lab,DC=test\nsAMAccountName:: ZXZpbApuYW1l\n"
	    "pwdLastSet: 131722848000000000\n\n"
	    "dn: CN=c,DC=lab,DC=test\nsAMAccountName:: LUZvcmNl\n"
	    "pwdLastSet: 131722848000000000\n\n";
	EXPECT(tc, RP_ST_FAIL, "o'brien: x: pwdLastSet 2018-06-01");
	OBJECTS(tc, RP_ST_FAIL, "o'brien: x|evil\nname|-Force");
	assert_int_equal(rp_fill(&reset, "o'brien: x", &o, &c), RP_FILL_OK);
	assert_string_equal(c, "Set-ADAccountPassword -Identity 'o''brien: x' "
	    "-Reset");
	free(o);
	free(c);
	assert_int_equal(rp_fill(&reset, "evil\nname", &o, &c),
	    RP_FILL_CONTROL);
	free(o);
	assert_int_equal(rp_fill(&reset, "-Force", &o, &c), RP_FILL_OK);
	assert_string_equal(c, "Set-ADAccountPassword -Identity '-Force' "
	    "-Reset");
	free(o);
	free(c);
}

/* Backups: dSASignature dated by the domain head's metadata (backup-*) */
static void
eval_backup(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-backup-age";
	tc.value = "7";
	tc.main = "@backup-recent.ldif";
	EXPECT(tc, RP_ST_PASS, "last backup 2026-11-25T03:00:00Z (2 days ago)");
	tc.main = "@backup-old.ldif";
	EXPECT(tc, RP_ST_FAIL, "last backup 2026-10-01T03:00:00Z (57 days "
	    "ago)");
	tc.main = "@backup-none.ldif";
	EXPECT(tc, RP_ST_FAIL, "no backup recorded since the domain was "
	    "created 2025-01-01T00:00:00Z (696 days ago)");
	tc.value = "1000";
	EXPECT(tc, RP_ST_PASS, "no backup recorded");
	tc.value = "0";
	EXPECT(tc, RP_ST_ERROR, "is not a number");
	/* fail closed */
	tc.value = "7";
	tc.main = "dn: DC=lab,DC=test\nwhenCreated: 20250101000000.0Z\n\n";
	EXPECT(tc, RP_ST_ERROR, "without replPropertyMetaData");
	tc.main = "dn: DC=lab,DC=test\nwhenCreated: 20250101000000.0Z\n"
	    "replPropertyMetaData:: AQAAAAAAAAD/AAAAAAAAAA==\n\n";
	EXPECT(tc, RP_ST_ERROR, "is not readable (16 bytes)");
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "0 entries returned for the domain head");
}

/* Domain controller accounts in an inconsistent state (dc-accounts.ldif) */
static void
eval_dc_uac(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-dc-uac";
	tc.main = "@dc-accounts.ldif";
	EXPECT(tc, RP_ST_FAIL, "HALF-DC$: userAccountControl 0x2000, "
	    "SERVER_TRUST_ACCOUNT with primary group 515, not 516, no "
	    "TRUSTED_FOR_DELEGATION");
	EXPECT(tc, RP_ST_FAIL, "GROUP-DC$: userAccountControl 0x1000, primary "
	    "group 516 without SERVER_TRUST_ACCOUNT, no TRUSTED_FOR_DELEGATION");
	EXPECT(tc, RP_ST_FAIL, "ODD-RODC$: userAccountControl 0x4002000, no "
	    "PARTIAL_SECRETS_ACCOUNT|WORKSTATION_TRUST_ACCOUNT, "
	    "SERVER_TRUST_ACCOUNT too");
	EXPECT_NOT(tc, "DC1$");
	EXPECT_NOT(tc, "RODC1$");
	tc.main = "@dcs.ldif";		/* the lab's DC */
	EXPECT(tc, RP_ST_PASS, "1 DC account(s) examined");
	tc.main = "";
	EXPECT(tc, RP_ST_ERROR, "no domain controller account returned");
	tc.main = "dn: CN=DC1,OU=Domain Controllers,DC=lab,DC=test\n"
	    "sAMAccountName: DC1$\nprimaryGroupID: 516\n\n";
	EXPECT(tc, RP_ST_ERROR, "1 account(s) returned without "
	    "userAccountControl");
}

/* ADIDNS wildcard and WPAD records and their owners (dns-wildcard*.ldif) */
static void
eval_dns_wildcard(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-dns-wildcard";
	tc.main = "@dns-wildcards.ldif";
	tc.also[0] = "@groups.ldif";
	EXPECT(tc, RP_ST_FAIL, "*.lab.test (A 10.0.0.66, created "
	    "2026-11-20T10:15:00Z): owned by " DOM "-1113, not an "
	    "administrator");
	EXPECT(tc, RP_ST_FAIL, "wpad.lab.test (AAAA 0001:0203:0405:0607:0809:"
	    "0a0b:0c0d:0e0f, created 2025-01-01T00:00:00Z): owned by Domain "
	    "Admins");
	EXPECT_NOT(tc, "Admins (" DOM "-512), not an administrator");
	tc.main = "";
	EXPECT(tc, RP_ST_PASS, "no wildcard or WPAD record");
	tc.main = "@dns-wildcard-nosd.ldif";
	EXPECT(tc, RP_ST_ERROR, "1 record(s) returned without a readable "
	    "owner");
	/* hostile: a record whose length runs past its value */
	tc.main = "dn: DC=*,DC=lab.test,CN=MicrosoftDNS,DC=DomainDnsZones,"
	    "DC=lab,DC=test\nname: *\ndnsRecord:: /wABAAXwAAABAAAAAAAAtAAAAAAAA"
	    "AAACgAAQg==\n\n";
	EXPECT(tc, RP_ST_ERROR, "*.lab.test (no address, created ?): owner not "
	    "readable");
}

/* Display specifiers: context menus running programs (display-*.ldif) */
static void
eval_display_specifier(void **state)
{
	struct tcase tc;

	(void)state;
	memset(&tc, 0, sizeof(tc));
	tc.eval = "ad-display-specifier";
	tc.main = "@display-specifiers.ldif";
	EXPECT(tc, RP_ST_FAIL, "CN=user-Display,CN=409,CN=DisplaySpecifiers,"
	    "CN=Configuration,DC=lab,DC=test (adminContextMenu): runs "
	    "\\\\evil.example.com\\share\\run.exe, outside SYSVOL");
	EXPECT(tc, RP_ST_FAIL, "\\\\lab.test\\SYSVOL\\lab.test\\scripts\\"
	    "tool.exe run by 1 specifier(s)");
	EXPECT(tc, RP_ST_FAIL, "C:\\Tools\\notes.exe run by 1 specifier(s)");
	EXPECT_NOT(tc, "group-Display");	/* a COM handler */
	EXPECT_NOT(tc, "tool.exe, outside");
	tc.main = "";
	EXPECT(tc, RP_ST_PASS, "no context menu runs a program");
}

/* The expected value a shipped baseline gives a check, after overrides. */
static const char *
value_in(struct rp_content *c, const char *baseline, const char *check)
{
	const struct rp_baseline *b;
	struct rp_resolved r;
	char *cause = NULL;
	const char *v = NULL;
	size_t i;

	if (rp_baseline_get(c, baseline, &b, &cause) != 0 ||
	    rp_baseline_resolve(c, b, &r, &cause) != 0)
		fail_msg("%s: %s", baseline, cause);
	for (i = 0; i < r.nsel; i++)
		if (strcmp(r.sel[i].check->id, check) == 0)
			v = r.sel[i].expected;
	rp_resolved_release(&r);
	if (v == NULL)
		fail_msg("%s does not select %s", baseline, check);
	return v;
}

/* A FILETIME DAYS days before NOW, as an LDIF entry of krbtgt. */
static const char *
krbtgt_aged(long days, char *buf, size_t len)
{
	snprintf(buf, len, "dn: CN=krbtgt,CN=Users,DC=lab,DC=test\n"
	    "pwdLastSet: %lld\n\n", ((long long)NOW - days * 86400LL +
	    11644473600LL) * 10000000LL);
	return buf;
}

/*
 * ANSSI levels use ANSSI's / PingCastle's thresholds; rempart's stricter
 * ones are in rempart-ad-recommended: a pass and a fail fixture on each
 * side of every threshold, with the values the shipped baselines give.
 */
static void
anssi_thresholds(void **state)
{
	struct rp_content *c = NULL;
	struct tcase tc;
	char *cause = NULL, kb[256];
	/* 8 enabled users: 2 dormant (25 %, not more) or 3 (37 %) */
	static const char users2[] =
	    "dn: CN=a,DC=x\nsAMAccountName: a\nwhenCreated: 20200101000000.0Z\n"
	    "lastLogonTimestamp: 131907744000000000\n\n"
	    "dn: CN=b,DC=x\nsAMAccountName: b\nwhenCreated: 20200101000000.0Z\n\n"
	    "dn: CN=c,DC=x\nsAMAccountName: c\nwhenCreated: 20200101000000.0Z\n"
	    "lastLogonTimestamp: 134402964717172440\n\n"
	    "dn: CN=d,DC=x\nsAMAccountName: d\nwhenCreated: 20200101000000.0Z\n"
	    "lastLogonTimestamp: 134402964717172440\n\n"
	    "dn: CN=e,DC=x\nsAMAccountName: e\nwhenCreated: 20200101000000.0Z\n"
	    "lastLogonTimestamp: 134402964717172440\n\n"
	    "dn: CN=f,DC=x\nsAMAccountName: f\nwhenCreated: 20200101000000.0Z\n"
	    "lastLogonTimestamp: 134402964717172440\n\n"
	    "dn: CN=g,DC=x\nsAMAccountName: g\nwhenCreated: 20200101000000.0Z\n"
	    "lastLogonTimestamp: 134402964717172440\n\n"
	    "dn: CN=h,DC=x\nsAMAccountName: h\nwhenCreated: 20261120000000.0Z\n\n";
	static const char users3[] =
	    "dn: CN=a,DC=x\nsAMAccountName: a\nwhenCreated: 20200101000000.0Z\n"
	    "lastLogonTimestamp: 131907744000000000\n\n"
	    "dn: CN=b,DC=x\nsAMAccountName: b\nwhenCreated: 20200101000000.0Z\n\n"
	    "dn: CN=c,DC=x\nsAMAccountName: c\nwhenCreated: 20200101000000.0Z\n\n"
	    "dn: CN=d,DC=x\nsAMAccountName: d\nwhenCreated: 20200101000000.0Z\n"
	    "lastLogonTimestamp: 134402964717172440\n\n"
	    "dn: CN=e,DC=x\nsAMAccountName: e\nwhenCreated: 20200101000000.0Z\n"
	    "lastLogonTimestamp: 134402964717172440\n\n"
	    "dn: CN=f,DC=x\nsAMAccountName: f\nwhenCreated: 20200101000000.0Z\n"
	    "lastLogonTimestamp: 134402964717172440\n\n"
	    "dn: CN=g,DC=x\nsAMAccountName: g\nwhenCreated: 20200101000000.0Z\n"
	    "lastLogonTimestamp: 134402964717172440\n\n"
	    "dn: CN=h,DC=x\nsAMAccountName: h\nwhenCreated: 20261120000000.0Z\n\n";
	static const char pw2000_default[] = "dn: CN=Pre-Windows 2000 "
	    "Compatible Access,CN=Builtin,DC=lab,DC=test\n"
	    "member: CN=S-1-5-11,CN=ForeignSecurityPrincipals,DC=lab,DC=test\n\n";
	static const char pw2000_added[] = "dn: CN=Pre-Windows 2000 "
	    "Compatible Access,CN=Builtin,DC=lab,DC=test\n"
	    "member: CN=S-1-5-11,CN=ForeignSecurityPrincipals,DC=lab,DC=test\n"
	    "member: CN=svc_old,CN=Users,DC=lab,DC=test\n\n";
	static const char pw2000_empty[] = "dn: CN=Pre-Windows 2000 "
	    "Compatible Access,CN=Builtin,DC=lab,DC=test\n\n";

	(void)state;
	if (rp_eval_content_load(CHECKS, &c, &cause) != 0)
		fail_msg("load: %s", cause);
	memset(&tc, 0, sizeof(tc));

	/* functional level: < 2008 R2 at levels 1-2, < 2016 from level 3 */
	tc.eval = "ad-attr";
	tc.attr = "domainFunctionality";
	tc.value = value_in(c, "ad-anssi-level-2", "AD-DOM-002");
	tc.main = "dn: \ndomainFunctionality: 3\n\n";
	EXPECT(tc, RP_ST_FAIL, "3");
	tc.main = "dn: \ndomainFunctionality: 4\n\n";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.value = value_in(c, "ad-anssi-level-3", "AD-DOM-002");
	EXPECT(tc, RP_ST_FAIL, "4");
	tc.main = "dn: \ndomainFunctionality: 6\n\n";
	EXPECT(tc, RP_ST_FAIL, "6");
	tc.main = "dn: \ndomainFunctionality: 7\n\n";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.attr = "forestFunctionality";
	tc.value = value_in(c, "ad-anssi-level-2", "AD-DOM-003");
	tc.main = "dn: \nforestFunctionality: 3\n\n";
	EXPECT(tc, RP_ST_FAIL, "3");
	tc.main = "dn: \nforestFunctionality: 4\n\n";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.value = value_in(c, "ad-anssi-level-3", "AD-DOM-003");
	EXPECT(tc, RP_ST_FAIL, "4");

	/* krbtgt: one year for ANSSI, 180 days for rempart */
	tc.eval = "ad-filetime-age";
	tc.attr = "pwdLastSet";
	tc.value = value_in(c, "ad-anssi-level-2", "AD-KRB-001");
	tc.main = krbtgt_aged(200, kb, sizeof(kb));
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = krbtgt_aged(400, kb, sizeof(kb));
	EXPECT(tc, RP_ST_FAIL, NULL);
	tc.value = value_in(c, "rempart-ad-recommended", "AD-KRB-001");
	tc.main = krbtgt_aged(200, kb, sizeof(kb));
	EXPECT(tc, RP_ST_FAIL, NULL);
	tc.main = krbtgt_aged(100, kb, sizeof(kb));
	EXPECT(tc, RP_ST_PASS, NULL);

	/* dormant users: more than 25 % for ANSSI, any for rempart */
	tc.eval = "ad-inactive";
	tc.attr = NULL;
	tc.value = value_in(c, "ad-anssi-level-2", "AD-STL-001");
	tc.main = users2;
	EXPECT(tc, RP_ST_PASS, "2 of 8 inactive");
	tc.main = users3;
	EXPECT(tc, RP_ST_FAIL, "3 of 8 inactive");
	tc.value = value_in(c, "rempart-ad-recommended", "AD-STL-001");
	tc.main = users2;
	EXPECT(tc, RP_ST_FAIL, "b: never logged on");
	EXPECT_NOT(tc, "h:");
	tc.value = "180 x";
	EXPECT(tc, RP_ST_ERROR, "DAYS PERCENT");
	tc.value = "180 101%";
	EXPECT(tc, RP_ST_ERROR, "not a number");
	tc.value = "180 %";
	EXPECT(tc, RP_ST_ERROR, NULL);

	/* Pre-Windows 2000: nothing added for ANSSI, empty for rempart */
	tc.eval = "ad-attr";
	tc.attr = "member";
	tc.value = value_in(c, "ad-anssi-level-3", "AD-DOM-010");
	tc.main = pw2000_default;
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = pw2000_empty;
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = pw2000_added;
	EXPECT(tc, RP_ST_FAIL, "svc_old");
	tc.value = value_in(c, "rempart-ad-recommended", "AD-DOM-010");
	tc.main = pw2000_default;
	EXPECT(tc, RP_ST_FAIL, "1");
	tc.main = pw2000_empty;
	EXPECT(tc, RP_ST_PASS, NULL);

	/* minimum length: PingCastle's 8 at the ANSSI levels, 12 for rempart */
	tc.attr = "minPwdLength";
	tc.value = value_in(c, "ad-anssi-level-2", "AD-PWD-001");
	tc.main = "dn: DC=lab,DC=test\nminPwdLength: 8\n\n";
	EXPECT(tc, RP_ST_PASS, NULL);
	tc.main = "dn: DC=lab,DC=test\nminPwdLength: 7\n\n";
	EXPECT(tc, RP_ST_FAIL, "7");
	tc.value = value_in(c, "rempart-ad-recommended", "AD-PWD-001");
	tc.main = "dn: DC=lab,DC=test\nminPwdLength: 8\n\n";
	EXPECT(tc, RP_ST_FAIL, "8");
	tc.main = "dn: DC=lab,DC=test\nminPwdLength: 12\n\n";
	EXPECT(tc, RP_ST_PASS, NULL);

	/* AD-STL-009 cites a level-1 checkpoint: it is in level 2 */
	(void)value_in(c, "ad-anssi-level-2", "AD-STL-009");
	rp_content_free(c);
}

/*
 * French word list: words that say something else than the field means.
 * "actif" is not "enabled": the French AD console says « activé », and
 * "Aucun compte actif n'est dormant" reads as a contradiction.
 */
static const char *
bad_word(const char *s)
{
	static const char *const words[] = { "actif", "actifs",
	    "Ouverture de session anonyme" };
	const char *p;
	size_t i, n;

	for (i = 0; s != NULL && i < sizeof(words) / sizeof(words[0]); i++) {
		n = strlen(words[i]);
		for (p = s; (p = strstr(p, words[i])) != NULL; p += n) {
			/* a whole word: no letter (ASCII or UTF-8) around */
			if (p > s && (isalpha((unsigned char)p[-1]) ||
			    (unsigned char)p[-1] >= 0x80))
				continue;
			if (isalpha((unsigned char)p[n]) ||
			    (unsigned char)p[n] >= 0x80)
				continue;
			return words[i];
		}
	}
	return NULL;
}

static void
french_words(void **state)
{
	struct rp_content *c = NULL;
	char *cause = NULL;
	const char *w;
	size_t i, bad = 0;

	(void)state;
	/* the test itself: it finds the word, and only the word */
	assert_string_equal(bad_word("Aucun compte actif n'est dormant"),
	    "actif");
	assert_string_equal(bad_word("ordinateurs actifs."), "actifs");
	assert_null(bad_word("Aucun compte inactif, compte activé, réactiver"));
	assert_null(bad_word("interactif, actifsx"));
	if (rp_eval_content_load(CHECKS, &c, &cause) != 0)
		fail_msg("load: %s", cause);
	for (i = 0; i < c->nchecks; i++) {
		const struct rp_check *ck = &c->checks[i];
		const char *f[4] = { ck->title.fr, ck->description.fr,
		    ck->rationale.fr, ck->remediation.fr };
		size_t j;

		/* AD and OpenLDAP: every account word is about AD's "enabled" */
		if (ck->kind == RP_KIND_LINUX)
			continue;
		for (j = 0; j < 4; j++)
			if ((w = bad_word(f[j])) != NULL) {
				print_message("%s: French text uses '%s'\n",
				    ck->id, w);
				bad++;
			}
	}
	for (i = 0; i < c->nprobes; i++)
		if (c->probes[i].kind != RP_KIND_LINUX &&
		    (w = bad_word(c->probes[i].description.fr)) != NULL) {
			print_message("probe %s: French text uses '%s'\n",
			    c->probes[i].id, w);
			bad++;
		}
	assert_int_equal(bad, 0);
	rp_content_free(c);
}

int
main(void)
{
	int rc;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sid_forms),
		cmocka_unit_test(sid_hostile),
		cmocka_unit_test(secdesc_real),
		cmocka_unit_test(secdesc_hostile),
		cmocka_unit_test(ace_rights),
		cmocka_unit_test(eval_acl),
		cmocka_unit_test(eval_objects),
		cmocka_unit_test(eval_acl_anssi),
		cmocka_unit_test(eval_groups),
		cmocka_unit_test(eval_times),
		cmocka_unit_test(eval_incident),
		cmocka_unit_test(eval_krbtgt_reset),
		cmocka_unit_test(eval_members_window),
		cmocka_unit_test(eval_changed_window),
		cmocka_unit_test(eval_tier0_since),
		cmocka_unit_test(eval_misc),
		cmocka_unit_test(eval_laps_pso),
		cmocka_unit_test(eval_attrs),
		cmocka_unit_test(eval_openldap),
		cmocka_unit_test(eval_openldap_config),
		cmocka_unit_test(eval_adcs),
		cmocka_unit_test(eval_dmsa),
		cmocka_unit_test(eval_dns),
		cmocka_unit_test(eval_rodc),
		cmocka_unit_test(eval_machine_pwd),
		cmocka_unit_test(eval_owner),
		cmocka_unit_test(eval_backup),
		cmocka_unit_test(eval_dc_uac),
		cmocka_unit_test(eval_dns_wildcard),
		cmocka_unit_test(eval_display_specifier),
		cmocka_unit_test(catalogues),
		cmocka_unit_test(french_words),
		cmocka_unit_test(anssi_thresholds),
	};

	rc = cmocka_run_group_tests_name("ad", tests, NULL, NULL);
	free(last_evidence);
	free(last_objects);
	return rc;
}
