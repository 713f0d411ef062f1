/* Unit tests: content loading, extraction, operators, baselines, waivers,
 * incident context and evaluation. */
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

#include "collect/script.h"
#include "core/err.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "engine/eval.h"
#include "engine/evaluators.h"
#include "engine/extract.h"
#include "engine/registry.h"
#include "parse/rx.h"
#include "plan/fill.h"
#include "plan/plan.h"

#define CHECKS RP_TEST_SRCDIR "/checks"

static struct rp_content *
load_shipped(void)
{
	struct rp_content *c = NULL;
	char *cause = NULL;

	if (rp_eval_content_load(CHECKS, &c, &cause) != 0)
		fail_msg("load: %s", cause);
	return c;
}

/* Characters (UTF-8 code points) of s. */
static size_t
utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void
catalogue_integrity(void **state)
{
	struct rp_content *c = load_shipped();
	size_t i, j, used;

	assert_true(c->nchecks >= 20);
	for (i = 1; i < c->nchecks; i++)
		assert_true(strcmp(c->checks[i - 1].id, c->checks[i].id) < 0);
	/* every check has both languages for every text */
	for (i = 0; i < c->nchecks; i++) {
		const struct rp_check *ck = &c->checks[i];

		assert_non_null(ck->title.en);
		assert_non_null(ck->title.fr);
		/* the finding says what is wrong, not the compliant state */
		if (ck->finding.en == NULL || ck->finding.fr == NULL ||
		    *ck->finding.en == '\0' || *ck->finding.fr == '\0')
			fail_msg("%s: no finding in en and fr", ck->id);
		if (strcmp(ck->finding.en, ck->title.en) == 0 ||
		    strcmp(ck->finding.fr, ck->title.fr) == 0)
			fail_msg("%s: the finding repeats the title", ck->id);
		if (utf8_len(ck->finding.en) > 100 ||
		    utf8_len(ck->finding.fr) > 100)
			fail_msg("%s: finding longer than 100 characters",
			    ck->id);
		assert_non_null(ck->remediation.en);
		assert_non_null(ck->remediation.fr);
		assert_true(ck->has_test || ck->evaluator != NULL);
	}
	/* the registry is sorted, and every evaluator is used by a check */
	for (j = 0; j < rp_nevaluators; j++) {
		if (j > 0)
			assert_true(strcmp(rp_evaluators[j - 1]->name,
			    rp_evaluators[j]->name) < 0);
		assert_ptr_equal(rp_evaluator_find(rp_evaluators[j]->name),
		    rp_evaluators[j]);
		for (used = 0, i = 0; i < c->nchecks; i++)
			used += c->checks[i].evaluator == rp_evaluators[j];
		if (used == 0)
			fail_msg("evaluator '%s' is used by no check",
			    rp_evaluators[j]->name);
	}
	assert_null(rp_evaluator_find("no-such-evaluator"));
	rp_content_free(c);
}

/* A content dir with the shipped schemas and one catalogue file. */
static char *
tmp_content(const char *catalog, const char *baseline)
{
	char tmpl[] = "/tmp/rempart-ut.XXXXXX", *d, *p;
	FILE *f;

	d = xstrdup(mkdtemp(tmpl));
	p = xasprintf("%s/schema", d);
	assert_int_equal(symlink(CHECKS "/schema", p), 0);
	free(p);
	for (int i = 0; i < 4; i++) {
		static const char *const sub[] = { "linux", "ad", "openldap",
			"baselines" };

		p = xasprintf("%s/%s", d, sub[i]);
		mkdir(p, 0700);
		free(p);
	}
	p = xasprintf("%s/linux/t.xml", d);
	f = fopen(p, "w");
	fputs(catalog, f);
	fclose(f);
	free(p);
	if (baseline != NULL) {
		p = xasprintf("%s/baselines/b.xml", d);
		f = fopen(p, "w");
		fputs(baseline, f);
		fclose(f);
		free(p);
	}
	return d;
}

static void
rm_content(char *d)
{
	char *cmd = xasprintf("rm -rf '%s'", d);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(d);
}

#define CAT_HEAD "<?xml version=\"1.0\"?><catalog xmlns=\"urn:rempart:catalog:1\" " \
	"module=\"linux/t\" kind=\"linux\"><probe id=\"p\"><command>true</command></probe>"
#define TITLES "<title lang=\"en\">t</title><title lang=\"fr\">t</title>"
#define FINDINGS "<finding lang=\"en\">f</finding><finding lang=\"fr\">f</finding>"
#define MORE_TEXTS \
	"<description lang=\"en\">t</description><description lang=\"fr\">t</description>" \
	"<rationale lang=\"en\">t</rationale><rationale lang=\"fr\">t</rationale>" \
	"<remediation lang=\"en\">t</remediation><remediation lang=\"fr\">t</remediation>"
#define TEXTS TITLES FINDINGS MORE_TEXTS
#define CHECK(id, body) "<check id=\"" id "\" severity=\"low\" phase=\"hardening\" " \
	"effort=\"low\">" TEXTS body "</check>"
/* a check with its own title and finding elements */
#define CHECK_T(id, titles, body) "<check id=\"" id "\" severity=\"low\" " \
	"phase=\"hardening\" effort=\"low\">" titles MORE_TEXTS body "</check>"
#define WHOLE_EQ "<read probe=\"p\"><whole/></read><test op=\"eq\" value=\"1\"/>"

static void
expect_load_error(const char *catalog, const char *baseline,
    const char *want)
{
	struct rp_content *c = NULL;
	char *d = tmp_content(catalog, baseline), *cause = NULL;

	assert_int_not_equal(rp_eval_content_load(d, &c, &cause), 0);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("error '%s' does not contain '%s'", cause, want);
	free(cause);
	rm_content(d);
}

static void
content_errors(void **state)
{
	expect_load_error(CAT_HEAD
	    CHECK("LNX-TT-001", "<read probe=\"p\"><whole/></read><test op=\"eq\" value=\"1\"/>")
	    CHECK("LNX-TT-001", "<read probe=\"p\"><whole/></read><test op=\"eq\" value=\"1\"/>")
	    "</catalog>", NULL, "check id 'LNX-TT-001' is already defined");
	expect_load_error(CAT_HEAD
	    CHECK("LNX-TT-001", "<read probe=\"nope\"><whole/></read><test op=\"eq\" value=\"1\"/>")
	    "</catalog>", NULL, "reads unknown probe 'nope'");
	expect_load_error(CAT_HEAD
	    CHECK("LNX-TT-001", "<read probe=\"p\"><whole/></read><evaluator name=\"nope\"/>")
	    "</catalog>", NULL, "unknown evaluator 'nope'");
	expect_load_error(CAT_HEAD
	    CHECK("LNX-TT-001", "<read probe=\"p\"><whole/></read><evaluator name=\"ad-filetime-age\"/>")
	    "</catalog>", NULL, "is for ad targets");
	expect_load_error(CAT_HEAD
	    CHECK("LNX-TT-001", "<read probe=\"p\"><regex pattern=\"(\"/></read><test op=\"eq\" value=\"1\"/>")
	    "</catalog>", NULL, "bad regex");
	expect_load_error(CAT_HEAD
	    CHECK("LNX-TT-001", "<read probe=\"p\"><regex pattern=\"(?&lt;a&gt;x)\" group=\"b\"/></read><test op=\"eq\" value=\"1\"/>")
	    "</catalog>", NULL, "no group named 'b'");
	expect_load_error(CAT_HEAD
	    CHECK("LNX-TT-001", "<read probe=\"p\"><whole/></read><test op=\"eq\"/>")
	    "</catalog>", NULL, "operator 'eq' needs a value");
	expect_load_error(CAT_HEAD
	    CHECK("LNX-TT-001", "<read probe=\"p\"><whole/></read><test op=\"matches\" value=\"x\" quant=\"count\"/>")
	    "</catalog>", NULL, "quant='count' takes");
	/* every check says what is wrong when it fails, once per language */
	expect_load_error(CAT_HEAD CHECK_T("LNX-TT-001", TITLES, WHOLE_EQ)
	    "</catalog>", NULL, "Expected is ( {urn:rempart:catalog:1}finding )");
	expect_load_error(CAT_HEAD CHECK_T("LNX-TT-001", TITLES
	    "<finding lang=\"en\">f</finding>", WHOLE_EQ)
	    "</catalog>", NULL, "{urn:rempart:catalog:1}finding");
	expect_load_error(CAT_HEAD CHECK_T("LNX-TT-001", TITLES
	    "<finding lang=\"en\">f</finding><finding lang=\"en\">g</finding>",
	    WHOLE_EQ) "</catalog>", NULL, "finding-lang");
	expect_load_error(CAT_HEAD CHECK_T("LNX-TT-001", TITLES
	    "<finding lang=\"en\">f</finding><finding lang=\"fr\"> </finding>",
	    WHOLE_EQ) "</catalog>", NULL, "needs a <finding> in en and in fr");
	expect_load_error(CAT_HEAD CHECK_T("LNX-TT-001", TITLES
	    "<finding lang=\"en\">f</finding><finding lang=\"fr\">t</finding>",
	    WHOLE_EQ) "</catalog>", NULL, "the <finding> repeats the <title>");
	expect_load_error(CAT_HEAD "<probe id=\"p\"><command>x</command></probe></catalog>",
	    NULL, "probe id 'p' is already defined");
	expect_load_error(CAT_HEAD "<probe id=\"q\" exit-ok=\"0 300\"><command>x</command></probe></catalog>",
	    NULL, "exit-ok '300' is not a status");
	expect_load_error(CAT_HEAD "</catalog>",
	    "<?xml version=\"1.0\"?><baseline xmlns=\"urn:rempart:baseline:1\" "
	    "id=\"b\" kind=\"linux\"><title lang=\"en\">b</title><title lang=\"fr\">b</title>"
	    "<select check=\"LNX-NOPE-001\"/></baseline>", "selects unknown check");
}

static void
baseline_errors(void **state)
{
	static const char cat[] = CAT_HEAD
	    CHECK("LNX-TT-001", "<read probe=\"p\"><whole/></read><test op=\"eq\" value=\"1\"/>")
	    "</catalog>";
	static const char cyc[] = "<?xml version=\"1.0\"?><baseline xmlns=\"urn:rempart:baseline:1\" "
	    "id=\"b\" kind=\"linux\" extends=\"b\"><title lang=\"en\">b</title><title lang=\"fr\">b</title>"
	    "<select check=\"LNX-TT-001\"/></baseline>";
	static const char unk[] = "<?xml version=\"1.0\"?><baseline xmlns=\"urn:rempart:baseline:1\" "
	    "id=\"b\" kind=\"linux\"><title lang=\"en\">b</title><title lang=\"fr\">b</title>"
	    "<select check=\"LNX-NOPE-001\"/></baseline>";
	static const char par[] = "<?xml version=\"1.0\"?><baseline xmlns=\"urn:rempart:baseline:1\" "
	    "id=\"b\" kind=\"linux\" extends=\"zz\"><title lang=\"en\">b</title><title lang=\"fr\">b</title>"
	    "</baseline>";
	const char *bl[] = { cyc, unk, par };
	const char *want[] = { "extends itself", "selects unknown check 'LNX-NOPE-001'",
		"extends unknown baseline 'zz'" };
	struct rp_content *c;
	const struct rp_baseline *b;
	struct rp_resolved r;
	char *d, *cause;

	for (int i = 0; i < 3; i++) {
		char *bp;
		FILE *f;

		d = tmp_content(cat, NULL);
		bp = xasprintf("%s/b.xml", d);
		f = fopen(bp, "w");
		fputs(bl[i], f);
		fclose(f);
		cause = NULL;
		assert_int_equal(rp_eval_content_load(d, &c, &cause), 0);
		assert_int_equal(rp_baseline_get(c, bp, &b, &cause), 0);
		free(bp);
		assert_int_not_equal(rp_baseline_resolve(c, b, &r, &cause), 0);
		if (strstr(cause, want[i]) == NULL)
			fail_msg("'%s' lacks '%s'", cause, want[i]);
		free(cause);
		rp_content_free(c);
		rm_content(d);
	}
}

static void
baseline_inheritance(void **state)
{
	struct rp_content *c = load_shipped();
	const struct rp_baseline *b;
	struct rp_resolved r, m;
	char *cause = NULL;
	size_t i;
	int seen_override = 0, seen_inherited = 0;

	assert_int_equal(rp_baseline_get(c, "anssi-bp028-minimal", &b,
	    &cause), 0);
	assert_int_equal(rp_baseline_resolve(c, b, &m, &cause), 0);
	assert_int_equal(rp_baseline_get(c, "anssi-bp028-intermediary", &b,
	    &cause), 0);
	assert_int_equal(rp_baseline_resolve(c, b, &r, &cause), 0);
	assert_true(r.nsel > m.nsel);
	assert_int_equal(r.nchain, 2);
	assert_string_equal(r.chain[1], "anssi-bp028-minimal");
	for (i = 0; i < r.nsel; i++) {
		if (strcmp(r.sel[i].check->id, "LNX-SSH-005") == 0) {
			assert_string_equal(r.sel[i].expected, "3");
			assert_string_equal(r.sel[i].check->test.value, "4");
			seen_override = 1;
		}
		if (strcmp(r.sel[i].check->id, "LNX-ACC-001") == 0) {
			assert_string_equal(r.sel[i].level, "minimal");
			seen_inherited = 1;
		}
	}
	assert_true(seen_override && seen_inherited);
	/* by file path too */
	assert_int_equal(rp_baseline_get(c, CHECKS
	    "/baselines/anssi-bp028-minimal.xml", &b, &cause), 0);
	assert_string_equal(b->id, "anssi-bp028-minimal");
	assert_int_equal(rp_baseline_get(c, "nope", &b, &cause),
	    RP_ERR_NOT_FOUND);
	free(cause);
	rp_resolved_release(&r);
	rp_resolved_release(&m);
	rp_content_free(c);
}

static void
extract_one(const char *xml_kind, struct rp_extract *x, const char *data,
    const char *want)
{
	struct rp_values v;
	char joined[2048] = "";
	size_t i, n = 0;

	(void)xml_kind;
	assert_int_equal(rp_extract(x, data, strlen(data), &v, NULL), 0);
	for (i = 0; i < v.n; i++)
		n += (size_t)snprintf(joined + n, sizeof(joined) - n, "%s%s",
		    i ? "|" : "", v.v[i]);
	assert_string_equal(joined, want);
	rp_values_release(&v);
}

static void
extraction(void **state)
{
	struct rp_extract x;
	static const char sshd[] = "# comment\nPermitRootLogin yes\n"
	    "permitrootlogin no\nciphers a,b , c\n  MaxAuthTries\t6\n";

	memset(&x, 0, sizeof(x));
	x.kind = RP_X_KEYVALUE;
	x.key = (char *)"permitrootlogin";
	x.sep = ' ';
	x.icase = 1;
	extract_one("kv", &x, sshd, "yes");		/* first wins */
	x.pick = RP_PICK_LAST;
	extract_one("kv", &x, sshd, "no");
	x.pick = RP_PICK_ALL;
	extract_one("kv", &x, sshd, "yes|no");
	x.icase = 0;
	extract_one("kv", &x, sshd, "no");
	x.pick = RP_PICK_DEFAULT;
	x.key = (char *)"maxauthtries";
	x.icase = 1;
	extract_one("kv", &x, sshd, "6");
	x.key = (char *)"ciphers";
	x.split = (char *)",";
	extract_one("kv", &x, sshd, "a|b|c");
	x.split = NULL;
	x.key = (char *)"absent";
	extract_one("kv", &x, sshd, "");
	x.defval = (char *)"dflt";
	extract_one("kv", &x, sshd, "dflt");
	/* '=' separator, and a key that is a prefix of another is not it */
	memset(&x, 0, sizeof(x));
	x.kind = RP_X_KEYVALUE;
	x.key = (char *)"net.ipv4.ip_forward";
	x.sep = '=';
	extract_one("kv", &x, "net.ipv4.ip_forward_x = 7\nnet.ipv4.ip_forward = 1\n", "1");
	/* lines */
	memset(&x, 0, sizeof(x));
	x.kind = RP_X_LINES;
	extract_one("lines", &x, "a\n\nb\r\nc", "a|b|c");
	/* whole */
	x.kind = RP_X_WHOLE;
	extract_one("whole", &x, "  x y \n", "x y");
	extract_one("whole", &x, " \n", "");
	/* ldap */
	x.kind = RP_X_LDAP_ATTR;
	x.key = (char *)"userPassword";
	extract_one("ldap", &x, "dn: a\nuserPassword: {SSHA}\n\ndn: b\nuserpassword:: e01ENX0=\n", "{SSHA}|{MD5}");
	x.kind = RP_X_LDAP_ENTRIES;
	x.key = (char *)"sAMAccountName";
	extract_one("ldap", &x, "dn: cn=a\nsAMAccountName: a\n\ndn: cn=b\n\n", "a|cn=b");
}

static void
extraction_hostile(void **state)
{
	struct rp_extract x;
	struct rp_values v;
	char *big;
	size_t n = 300000, i;

	memset(&x, 0, sizeof(x));
	x.kind = RP_X_LINES;
	big = xmalloc(n * 2 + 1);
	for (i = 0; i < n; i++) {
		big[2 * i] = 'x';
		big[2 * i + 1] = '\n';
	}
	big[2 * n] = '\0';
	assert_int_equal(rp_extract(&x, big, 2 * n, &v, NULL), 0);
	assert_int_equal(v.n, RP_VALUES_MAX);
	assert_true(v.truncated);
	rp_values_release(&v);
	free(big);
	/* NUL bytes in output are kept, binary safe */
	x.kind = RP_X_WHOLE;
	assert_int_equal(rp_extract(&x, "a\0b", 3, &v, NULL), 0);
	assert_int_equal(v.len[0], 3);
	rp_values_release(&v);
}

static void
operators(void **state)
{
	char *cause = NULL;

	assert_int_equal(rp_op_test(RP_OP_EQ, "no", "no", 0, NULL), 1);
	assert_int_equal(rp_op_test(RP_OP_EQ, "No", "no", 0, NULL), 0);
	assert_int_equal(rp_op_test(RP_OP_EQ, "No", "no", 1, NULL), 1);
	assert_int_equal(rp_op_test(RP_OP_NE, "yes", "no", 0, NULL), 1);
	assert_int_equal(rp_op_test(RP_OP_LT, "3", "4", 0, NULL), 1);
	assert_int_equal(rp_op_test(RP_OP_LE, "4", "4", 0, NULL), 1);
	assert_int_equal(rp_op_test(RP_OP_GT, "4", "4", 0, NULL), 0);
	assert_int_equal(rp_op_test(RP_OP_GE, "10", "9", 0, NULL), 1);
	assert_int_equal(rp_op_test(RP_OP_LT, "x", "4", 0, &cause),
	    RP_ERR_INVALID);
	assert_non_null(strstr(cause, "'x' is not a number"));
	assert_int_equal(rp_op_test(RP_OP_IN, "b", "a, b,c", 0, NULL), 1);
	assert_int_equal(rp_op_test(RP_OP_IN, "bb", "a,b", 0, NULL), 0);
	assert_int_equal(rp_op_test(RP_OP_NOT_IN, "d", "a,b", 0, NULL), 1);
	assert_int_equal(rp_op_test(RP_OP_MATCHES, "aes128-cbc", "cbc$", 0, NULL), 1);
	assert_int_equal(rp_op_test(RP_OP_NOT_MATCHES, "aes128-ctr", "cbc$", 0, NULL), 1);
	assert_int_equal(rp_op_test(RP_OP_MATCHES, "x", "(", 0, &cause),
	    RP_ERR_INVALID);
	assert_int_equal(rp_op_test(RP_OP_VERSION_LT, "8.4p1", "9.2", 0, NULL), 1);
	assert_int_equal(rp_op_test(RP_OP_VERSION_LE, "9.2", "9.2", 0, NULL), 1);
	assert_int_equal(rp_op_test(RP_OP_VERSION_GT, "9.10", "9.2", 0, NULL), 1);
	assert_int_equal(rp_op_test(RP_OP_VERSION_GE, "9.1", "9.2", 0, NULL), 0);
	assert_int_equal(rp_op_test(RP_OP_ABSENT, "x", "y", 0, NULL),
	    RP_ERR_INVALID);
	free(cause);
}

/* The probe's proof of run, as the collector records it. */
static int eval_started = 1;

/* Evaluate one shipped check on a synthetic target. */
static enum rp_status
eval_check(struct rp_content *c, const char *check, const char *probe,
    const char *data, enum rp_pstatus ps, const char *expected,
    const struct rp_waiver *w, size_t nw, char **observed)
{
	struct rp_target_ev t;
	struct rp_probe_out po;
	struct rp_bundle b;
	struct rp_resolved r;
	struct rp_baseline bl;
	struct rp_selection sel;
	struct rp_evaluation ev;
	enum rp_status st;

	memset(&t, 0, sizeof(t));
	memset(&po, 0, sizeof(po));
	memset(&b, 0, sizeof(b));
	memset(&r, 0, sizeof(r));
	memset(&bl, 0, sizeof(bl));
	t.id = (char *)"h1";
	t.status = RP_TS_OK;
	t.kind = rp_content_check(c, check)->kind;
	po.probe = (char *)probe;
	po.status = ps;
	po.started = eval_started;
	po.data = (char *)data;
	po.len = data ? strlen(data) : 0;
	t.probes = &po;
	t.nprobes = probe ? 1 : 0;
	b.targets = &t;
	b.ntargets = 1;
	b.finished = 1795132800;	/* 2026-11-20 */
	sel.check = rp_content_check(c, check);
	sel.expected = expected ? expected : sel.check->has_test ?
	    sel.check->test.value : sel.check->evaluator_value;
	sel.severity = sel.check->severity;
	sel.level = "l";
	sel.baseline = "b";
	bl.kind = t.kind;
	r.baseline = &bl;
	r.sel = &sel;
	r.nsel = 1;
	rp_evaluate(&b, &r, 1, w, nw, NULL, &ev);
	assert_int_equal(ev.nresults, 1);
	st = ev.results[0].status;
	if (observed)
		*observed = ev.results[0].observed ?
		    xstrdup(ev.results[0].observed) : NULL;
	rp_evaluation_release(&ev);
	return st;
}

/* An evaluator that judges a pass, then reports an internal failure. */
static int
broken_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	(void)ctx;
	(void)ck;
	(void)expected;
	v->status = RP_ST_PASS;
	rp_verdict_observe(v, "looked fine", 11);
	return RP_ERR_PARSE;
}

static int
fine_evaluate(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	(void)ctx;
	(void)ck;
	(void)expected;
	v->status = RP_ST_PASS;
	return 0;
}

static const struct rp_evaluator broken_evaluator = {
	.name = "test-broken",
	.kind = RP_KIND_LINUX,
	.evaluate = broken_evaluate,
};

static const struct rp_evaluator fine_evaluator = {
	.name = "test-fine",
	.kind = RP_KIND_LINUX,
	.evaluate = fine_evaluate,
};

/*
 * An evaluator's internal failure is an error result that names it, never
 * the pass it set, and rp_evaluate returns the failure after running every
 * check; a check selected by two baselines runs once (the selections are
 * found by binary search on the check id).
 */
static void
evaluator_failure(void **state)
{
	static char *ids[] = { (char *)"T-1", (char *)"T-2", (char *)"T-3",
	    (char *)"T-4", (char *)"T-5" };
	struct rp_check ck[5];
	struct rp_selection s1[4], s2[3];
	struct rp_resolved r[2];
	struct rp_baseline bl;
	struct rp_target_ev t;
	struct rp_bundle b;
	struct rp_evaluation ev;
	size_t i, nbroken = 0;

	(void)state;
	memset(ck, 0, sizeof(ck));
	for (i = 0; i < 5; i++) {
		ck[i].id = ids[i];
		ck[i].kind = RP_KIND_LINUX;
		ck[i].severity = RP_SEV_HIGH;
		ck[i].evaluator = i == 2 ? &broken_evaluator : &fine_evaluator;
	}
	memset(s1, 0, sizeof(s1));
	memset(s2, 0, sizeof(s2));
	for (i = 0; i < 4; i++)		/* T-1 .. T-4, sorted by id */
		s1[i].check = &ck[i];
	s2[0].check = &ck[1];		/* T-2, T-3 again, and T-5 */
	s2[1].check = &ck[2];
	s2[2].check = &ck[4];
	memset(&bl, 0, sizeof(bl));
	bl.kind = RP_KIND_LINUX;
	memset(r, 0, sizeof(r));
	r[0].baseline = r[1].baseline = &bl;
	r[0].sel = s1;
	r[0].nsel = 4;
	r[1].sel = s2;
	r[1].nsel = 3;
	memset(&t, 0, sizeof(t));
	t.id = (char *)"h1";
	t.status = RP_TS_OK;
	t.kind = RP_KIND_LINUX;
	memset(&b, 0, sizeof(b));
	b.targets = &t;
	b.ntargets = 1;
	b.finished = 1795132800;
	assert_int_equal(rp_evaluate(&b, r, 2, NULL, 0, NULL, &ev),
	    RP_ERR_PARSE);
	assert_int_equal(ev.nresults, 5);
	for (i = 0; i < ev.nresults; i++) {
		if (ev.results[i].check != &ck[2]) {
			assert_int_equal(ev.results[i].status, RP_ST_PASS);
			continue;
		}
		nbroken++;
		assert_int_equal(ev.results[i].status, RP_ST_ERROR);
		assert_non_null(ev.results[i].reason);
		assert_non_null(strstr(ev.results[i].reason, "test-broken"));
		assert_non_null(strstr(ev.results[i].reason,
		    rp_err_str(RP_ERR_PARSE)));
	}
	assert_int_equal(nbroken, 1);
	assert_ptr_equal(ev.results[4].check, &ck[4]);
	rp_evaluation_release(&ev);
	/* without the broken check: 0 */
	r[0].sel = s1 + 3;
	r[0].nsel = 1;
	r[1].sel = s2 + 2;
	r[1].nsel = 1;
	assert_int_equal(rp_evaluate(&b, r, 2, NULL, 0, NULL, &ev), 0);
	assert_int_equal(ev.nresults, 2);
	rp_evaluation_release(&ev);
}

static void
evaluation(void **state)
{
	struct rp_content *c = load_shipped();
	char *obs = NULL;
	struct rp_waiver w;

	assert_int_equal(eval_check(c, "LNX-SSH-001", "linux.sshd-config",
	    "permitrootlogin no\n", RP_PS_OK, NULL, NULL, 0, NULL), RP_ST_PASS);
	/* fail closed: the same output without proof that the probe ran
	 * (an old or hand-made bundle) is an error, never a pass */
	eval_started = 0;
	assert_int_equal(eval_check(c, "LNX-SSH-001", "linux.sshd-config",
	    "permitrootlogin no\n", RP_PS_OK, NULL, NULL, 0, NULL),
	    RP_ST_ERROR);
	assert_int_equal(eval_check(c, "LNX-ACC-001", "linux.passwd",
	    "", RP_PS_OK, NULL, NULL, 0, NULL), RP_ST_ERROR);
	eval_started = 1;
	/* B8: a regex limit inside <lines match> is an error, never "no
	 * match": nullok followed by 1 MB of blanks (PAM honours the line) */
	{
		size_t pad = 1024 * 1024;
		char *big = xmalloc(pad + 128);
		int k = snprintf(big, 128, "/etc/pam.d/common-auth: auth "
		    "required pam_unix.so nullok");

		memset(big + k, ' ', pad);
		memcpy(big + k + pad, "\n", 2);
		assert_int_equal(eval_check(c, "LNX-ACC-015", "linux.pam",
		    big, RP_PS_OK, NULL, NULL, 0, NULL), RP_ST_ERROR);
		assert_int_equal(eval_check(c, "LNX-ACC-015", "linux.pam",
		    "/etc/pam.d/common-auth: auth required pam_unix.so "
		    "nullok\n", RP_PS_OK, NULL, NULL, 0, NULL), RP_ST_FAIL);
		free(big);
	}
	assert_int_equal(eval_check(c, "LNX-SSH-001", "linux.sshd-config",
	    "permitrootlogin without-password\n", RP_PS_OK, NULL, NULL, 0,
	    &obs), RP_ST_FAIL);
	assert_string_equal(obs, "without-password");
	free(obs);
	/* absent keyword: the OpenSSH default applies */
	assert_int_equal(eval_check(c, "LNX-SSH-001", "linux.sshd-config",
	    "port 22\n", RP_PS_OK, NULL, NULL, 0, NULL), RP_ST_FAIL);
	/* no output, missing probe, failed probe: never a pass */
	assert_int_equal(eval_check(c, "LNX-KRN-001", "linux.sysctl", "",
	    RP_PS_OK, NULL, NULL, 0, NULL), RP_ST_ERROR);
	assert_int_equal(eval_check(c, "LNX-KRN-001", NULL, NULL, RP_PS_OK,
	    NULL, NULL, 0, NULL), RP_ST_ERROR);
	assert_int_equal(eval_check(c, "LNX-KRN-001", "linux.sysctl",
	    "net.ipv4.ip_forward = 0\n", RP_PS_TRUNCATED, NULL, NULL, 0, NULL),
	    RP_ST_ERROR);
	assert_int_equal(eval_check(c, "LNX-KRN-001", "linux.sysctl",
	    "net.ipv4.ip_forward = 0\n", RP_PS_ERROR, NULL, NULL, 0, NULL),
	    RP_ST_ERROR);
	assert_int_equal(eval_check(c, "LNX-KRN-001", "linux.sysctl", "",
	    RP_PS_NA, NULL, NULL, 0, NULL), RP_ST_NA);
	/* quantifiers */
	assert_int_equal(eval_check(c, "LNX-ACC-001", "linux.passwd",
	    "root:x:0:0::/:/bin/sh\n", RP_PS_OK, NULL, NULL, 0, NULL),
	    RP_ST_PASS);
	assert_int_equal(eval_check(c, "LNX-ACC-001", "linux.passwd",
	    "root:x:0:0::/:/bin/sh\ntoor:x:0:0::/:/bin/sh\n", RP_PS_OK, NULL,
	    NULL, 0, &obs), RP_ST_FAIL);
	assert_string_equal(obs, "toor");
	free(obs);
	assert_int_equal(eval_check(c, "LNX-SSH-006", "linux.sshd-config",
	    "ciphers aes128-ctr,aes256-cbc\n", RP_PS_OK, NULL, NULL, 0, &obs),
	    RP_ST_FAIL);
	assert_string_equal(obs, "aes256-cbc");
	free(obs);
	assert_int_equal(eval_check(c, "OLDAP-AUTH-001",
	    "openldap.config-global", "dn: cn=config\nolcDisallows: bind_anon\n",
	    RP_PS_OK, NULL, NULL, 0, NULL), RP_ST_PASS);
	assert_int_equal(eval_check(c, "OLDAP-AUTH-001",
	    "openldap.config-global", "dn: cn=config\n", RP_PS_OK, NULL, NULL,
	    0, NULL), RP_ST_FAIL);
	/* baseline override of the expected value */
	assert_int_equal(eval_check(c, "LNX-SSH-005", "linux.sshd-config",
	    "maxauthtries 4\n", RP_PS_OK, NULL, NULL, 0, NULL), RP_ST_PASS);
	assert_int_equal(eval_check(c, "LNX-SSH-005", "linux.sshd-config",
	    "maxauthtries 4\n", RP_PS_OK, "3", NULL, 0, NULL), RP_ST_FAIL);
	/* native evaluators */
	assert_int_equal(eval_check(c, "LNX-FS-001", "linux.stat-shadow",
	    "640|0|42|/etc/shadow\n", RP_PS_OK, NULL, NULL, 0, NULL),
	    RP_ST_PASS);
	assert_int_equal(eval_check(c, "LNX-FS-001", "linux.stat-shadow",
	    "640|1000|42|/etc/shadow\n", RP_PS_OK, NULL, NULL, 0, NULL),
	    RP_ST_FAIL);
	assert_int_equal(eval_check(c, "LNX-FS-001", "linux.stat-shadow",
	    "garbage\n", RP_PS_OK, NULL, NULL, 0, NULL), RP_ST_ERROR);
	assert_int_equal(eval_check(c, "AD-KRB-001", "ad.krbtgt",
	    "dn: cn=krbtgt\nsAMAccountName: krbtgt\npwdLastSet: 134070624000000000\n",
	    RP_PS_OK, NULL, NULL, 0, NULL), RP_ST_FAIL);	/* 376 d > 180 */
	assert_int_equal(eval_check(c, "AD-KRB-001", "ad.krbtgt",
	    "dn: cn=krbtgt\nsAMAccountName: krbtgt\npwdLastSet: 134070624000000000\n",
	    RP_PS_OK, "400", NULL, 0, NULL), RP_ST_PASS);
	assert_int_equal(eval_check(c, "AD-KRB-001", "ad.krbtgt",
	    "dn: cn=krbtgt\nsAMAccountName: krbtgt\npwdLastSet: 134070624000000000\n",
	    RP_PS_OK, "365", NULL, 0, &obs), RP_ST_FAIL);
	assert_string_equal(obs, "krbtgt: 376 days");
	free(obs);
	assert_int_equal(eval_check(c, "AD-KRB-001", "ad.krbtgt",
	    "dn: cn=krbtgt\nsAMAccountName: krbtgt\npwdLastSet: 0\n",
	    RP_PS_OK, NULL, NULL, 0, NULL), RP_ST_FAIL);
	assert_int_equal(eval_check(c, "AD-KRB-001", "ad.krbtgt", "",
	    RP_PS_OK, NULL, NULL, 0, NULL), RP_ST_ERROR);
	/* waivers: valid through the expiry day, then a finding again */
	memset(&w, 0, sizeof(w));
	w.check = (char *)"LNX-SSH-001";
	w.target = (char *)"h*";
	rp_parse_time("2026-11-20", &w.expires);
	w.expires += 86399;
	assert_int_equal(eval_check(c, "LNX-SSH-001", "linux.sshd-config",
	    "permitrootlogin yes\n", RP_PS_OK, NULL, &w, 1, NULL),
	    RP_ST_WAIVED);
	w.expires -= 86400;
	assert_int_equal(eval_check(c, "LNX-SSH-001", "linux.sshd-config",
	    "permitrootlogin yes\n", RP_PS_OK, NULL, &w, 1, NULL), RP_ST_FAIL);
	w.target = (char *)"web*";
	w.expires += 86400 * 10;
	assert_int_equal(eval_check(c, "LNX-SSH-001", "linux.sshd-config",
	    "permitrootlogin yes\n", RP_PS_OK, NULL, &w, 1, NULL), RP_ST_FAIL);
	rp_content_free(c);
}

static void
incident_dates(void **state)
{
	struct rp_content *c = load_shipped();
	struct rp_incident *inc = NULL;
	char path[] = "/tmp/rempart-inc.XXXXXX", *cause = NULL;
	time_t now;
	FILE *f;
	int fd;

	rp_parse_time("2026-11-20", &now);
	assert_int_equal(rp_incident_load(c, RP_TEST_SRCDIR
	    "/tests/fixtures/incident.xml", now, &inc, &cause), 0);
	assert_string_equal(inc->reference, "CERT-SANTE-2026-0042");
	assert_string_equal(inc->org_type, "hospital");
	assert_int_equal(inc->naccounts, 1);
	assert_true(inc->compromise_start < inc->detection);
	rp_incident_free(inc);
	/* out of order */
	fd = mkstemp(path);
	f = fdopen(fd, "w");
	fputs("<?xml version=\"1.0\"?><incident xmlns=\"urn:rempart:incident:1\">"
	    "<organisation>x</organisation><compromise-start>2026-10-10</compromise-start>"
	    "<detection>2026-10-01</detection></incident>", f);
	fclose(f);
	assert_int_equal(rp_incident_load(c, path, now, &inc, &cause),
	    RP_ERR_INVALID);
	assert_non_null(strstr(cause, "<detection> is before <compromise-start>"));
	/* in the future of the audit */
	rp_parse_time("2026-10-05", &now);
	assert_int_equal(rp_incident_load(c, RP_TEST_SRCDIR
	    "/tests/fixtures/incident.xml", now, &inc, &cause), RP_ERR_INVALID);
	assert_non_null(strstr(cause, "is in the future"));
	free(cause);
	unlink(path);
	rp_content_free(c);
}

static void
waivers_load(void **state)
{
	struct rp_content *c = load_shipped();
	struct rp_waiver *w = NULL;
	size_t n = 0;
	char *cause = NULL;
	time_t t;

	assert_int_equal(rp_waivers_load(c, RP_TEST_SRCDIR
	    "/tests/fixtures/waivers.xml", &w, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(w[1].target, "web*");
	rp_parse_time("2026-01-31T23:59:59Z", &t);
	assert_int_equal(w[1].expires, t);
	rp_waivers_free(w, n);
	rp_content_free(c);
}

/* Evaluators are bound by the engine, after content/ loaded the checks. */
static void
unbound_evaluator(void **state)
{
	struct rp_content *c = NULL;
	char *cause = NULL;

	(void)state;
	/* the catalogue as content/ loads it: evaluators by name only */
	assert_int_equal(rp_content_load(CHECKS, &c, &cause), 0);
	assert_null(rp_content_check(c, "LNX-ACC-007")->evaluator);
	assert_string_equal(rp_content_check(c, "LNX-ACC-007")->evaluator_name,
	    "linux-unique");
	assert_int_equal(rp_evaluators_bind(c, &cause), 0);
	assert_ptr_equal(rp_content_check(c, "LNX-ACC-007")->evaluator,
	    rp_evaluator_find("linux-unique"));
	assert_int_equal(eval_check(c, "LNX-ACC-007", "linux.passwd",
	    "root:x:0:0::/root:/bin/sh\nb:x:0:0::/:/bin/sh\n", RP_PS_OK,
	    NULL, NULL, 0, NULL), RP_ST_FAIL);
	rp_content_free(c);
}

static void
filetime(void **state)
{
	assert_int_equal(rp_filetime_to_unix("116444736000000000"), 0);
	assert_int_equal(rp_filetime_to_unix("0"), -1);
	assert_int_equal(rp_filetime_to_unix("9223372036854775807"), -1);
	assert_int_equal(rp_filetime_to_unix("x"), -2);
}

static void
plan_formula(void **state)
{
	/* the examples of docs/plan.md */
	assert_true(rp_plan_score(RP_SEV_CRITICAL, RP_PHASE_CONFINEMENT,
	    rp_plan_criticality("internet-facing"), 1, "low") == 52.5);
	assert_true(rp_plan_score(RP_SEV_HIGH, RP_PHASE_HARDENING,
	    rp_plan_criticality("internet-facing"), 2, "low") == 21);
	assert_true(rp_plan_score(RP_SEV_MEDIUM, RP_PHASE_HARDENING, 1, 8,
	    "high") == 4.8);
	assert_true(rp_plan_criticality("db,dc") == 2.0);
	assert_true(rp_plan_criticality("critical") == 1.5);
	assert_true(rp_plan_criticality("dcx") == 1.0);
	assert_true(rp_plan_criticality(NULL) == 1.0);
	assert_int_equal(rp_plan_place(RP_SEV_LOW, RP_PHASE_CONFINEMENT,
	    "high"), RP_PLAN_IMMEDIATE);
	assert_int_equal(rp_plan_place(RP_SEV_HIGH, RP_PHASE_REMEDIATION,
	    "low"), RP_PLAN_REMEDIATION);
	assert_int_equal(rp_plan_place(RP_SEV_MEDIUM, RP_PHASE_HARDENING,
	    "low"), RP_PLAN_QUICK_WINS);
	assert_int_equal(rp_plan_place(RP_SEV_LOW, RP_PHASE_HARDENING,
	    "low"), RP_PLAN_MEDIUM_TERM);
	assert_int_equal(rp_plan_place(RP_SEV_CRITICAL, RP_PHASE_HARDENING,
	    "medium"), RP_PLAN_MEDIUM_TERM);
	assert_int_equal(rp_plan_place(RP_SEV_CRITICAL, RP_PHASE_HARDENING,
	    "high"), RP_PLAN_LONG_TERM);
}

#define SPLIT_B	"0123456789abcdef0123456789abcdef"

static void
split_all(const char *text, size_t len, struct rp_sect *s, size_t n)
{
	struct rp_splitter sp;
	size_t i;

	for (i = 0; i < n; i++)
		rp_strbuf_init(&s[i].out, 4096);
	rp_splitter_init(&sp, SPLIT_B, s, n, 1 << 20, NULL, NULL);
	/* byte by byte: the RUN line may arrive in pieces */
	for (i = 0; i < len; i++)
		rp_splitter_feed(&sp, text + i, 1, 0);
}

/*
 * Proof of run: the script built for real probes, run by the local
 * /bin/sh, gives every probe its RUN line; a section whose RUN line the
 * child never finished (its shell failed at a redirection) is not started.
 */
static void
probe_proof(void **state)
{
	struct rp_probe p1, p2;
	const struct rp_probe *pv[2] = { &p1, &p2 };
	struct rp_sect s[4];
	char tmpl[] = "/tmp/rp-test-script-XXXXXX", *script, *cmd, buf[4096];
	struct rp_strbuf out = RP_STRBUF_INIT(1 << 20);
	size_t len, k;
	FILE *f;
	int fd;

	memset(&p1, 0, sizeof(p1));
	memset(&p2, 0, sizeof(p2));
	p1.id = (char *)"linux.one";
	p1.command = (char *)"echo hi; echo oops >&2";
	p2.id = (char *)"linux.two";
	p2.command = (char *)"exit 3";
	script = rp_script_build(SPLIT_B, 0, pv, 2, &len);
	/* the child's command line never shows the boundary */
	assert_non_null(strstr(script, "printf '\\''linux.one==\\n'\\''"));
	fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, script, len), (ssize_t)len);
	close(fd);
	cmd = xasprintf("/bin/sh %s", tmpl);
	f = popen(cmd, "r");
	assert_non_null(f);
	while ((k = fread(buf, 1, sizeof(buf), f)) > 0)
		rp_strbuf_add(&out, buf, k);
	pclose(f);
	unlink(tmpl);
	memset(s, 0, sizeof(s));
	s[0].id = RP_SECT_ID;
	s[1].id = RP_SECT_ELEVATE;
	s[2].id = "linux.one";
	s[3].id = "linux.two";
	split_all(out.buf, out.len, s, 4);
	assert_int_equal(s[2].state, RP_SECT_ENDED);
	assert_int_equal(s[2].started, 1);
	assert_int_equal(s[2].exit_code, 0);
	assert_int_equal(s[2].out.len, 3);
	assert_memory_equal(s[2].out.buf, "hi\n", 3);
	assert_int_equal(s[3].started, 1);
	assert_int_equal(s[3].exit_code, 3);
	for (k = 0; k < 4; k++)
		rp_strbuf_release(&s[k].out);

	/* the child's shell failed before its first byte: no proof, and the
	 * unfinished RUN line is output, not a marker */
	{
		static const char bad[] =
		    "\n==RP-" SPLIT_B "-BEGIN linux.one==\n"
		    "==RP-" SPLIT_B "-RUN "
		    "\n==RP-" SPLIT_B "-END linux.one 2==\n"
		    "\n==RP-" SPLIT_B "-BEGIN linux.two==\n"
		    "==RP-" SPLIT_B "-RUN linux.two==\n"
		    "==RP-" SPLIT_B "-RUN linux.two==\n"
		    "x\n==RP-" SPLIT_B "-END linux.two 0==\n";

		memset(s, 0, sizeof(s));
		s[0].id = "linux.one";
		s[1].id = "linux.two";
		split_all(bad, sizeof(bad) - 1, s, 2);
		assert_int_equal(s[0].state, RP_SECT_ENDED);
		assert_int_equal(s[0].started, 0);
		assert_int_equal(s[1].state, RP_SECT_ENDED);
		assert_int_equal(s[1].started, 1);
		/* a second RUN line is output: the token counts once */
		assert_non_null(memmem(s[1].out.buf, s[1].out.len, "-RUN", 4));
		rp_strbuf_release(&s[0].out);
		rp_strbuf_release(&s[1].out);
	}
	rp_strbuf_release(&out);
	free(script);
	free(cmd);
}

/* Secrets from targets are masked before anything is written (B11). */
static void
mask_secrets(void **state)
{
	static const struct {
		const char	*in, *out;
	} c[] = {
		{ "/etc/apt/sources.list.d/vendor.list: deb [trusted=yes] "
		  "https://deploy:Gl-T0ken-S3cret@repo.vendor.example/debian "
		  "bookworm main\n",
		  "/etc/apt/sources.list.d/vendor.list: deb [trusted=yes] "
		  "https://deploy:****@repo.vendor.example/debian "
		  "bookworm main\n" },
		{ "URIs: https://ghp_0123456789abcdefABCDEF@github.example/x\n",
		  "URIs: https://****@github.example/x\n" },
		{ "git clone ssh://git@host/x\n", "git clone ssh://git@host/x\n" },
		{ "https://host/path?a=b@c\n", "https://host/path?a=b@c\n" },
		{ "bind_password=hunter2 next", "bind_password=**** next" },
		{ "destination d { mongodb(password(\"s3cr3t x\")); };",
		  "destination d { mongodb(password(\"****\")); };" },
		{ "client_secret: abc,def", "client_secret: ****,def" },
		{ "API_TOKEN='tok en'", "API_TOKEN='****'" },
		/* not secrets: sshd keywords, PAM types, paths, nsswitch */
		{ "passwordauthentication yes\npermitemptypasswords no\n",
		  "passwordauthentication yes\npermitemptypasswords no\n" },
		{ "/etc/pam.d/common-password: password [success=1] "
		  "pam_unix.so sha512\n",
		  "/etc/pam.d/common-password: password [success=1] "
		  "pam_unix.so sha512\n" },
		{ "/etc/nsswitch.conf: passwd: files systemd\n",
		  "/etc/nsswitch.conf: passwd: files systemd\n" },
		{ "password", "password" },
		/* counts are not secrets (linux.bootloader), numbers are */
		{ "/boot/grub/grub.cfg superusers=1 password=12\n",
		  "/boot/grub/grub.cfg superusers=1 password=12\n" },
		{ "password=123456\n", "password=****\n" },
		{ "userPassword:: e01ENX0=\n", "userPassword:: ****\n" },
		{ "password=", "password=" },
		{ "x://", "x://" },
		/* a value cut before its '@' (a capped output) */
		{ "url=https://admin:S3cretPassw", "url=https://admin:****" },
		/* an XML element (Maven settings.xml and the like) */
		{ "<password>Hunter2Secret</password>\n",
		  "<password>****</password>\n" },
		{ "<password></password>", "<password></password>" },
		/* LDAP clients: sssd.conf, nslcd.conf, ldap.conf */
		{ "ldap_default_authtok = S3cret!\n",
		  "ldap_default_authtok = ****\n" },
		{ "bindpw s3cr3t-Pw\nuri ldap://x\n",
		  "bindpw ****\nuri ldap://x\n" },
		{ "rootpwmodpw \"a b\"\n", "rootpwmodpw \"****\"\n" },
		{ "ROOTBINDPW\tpw\n", "ROOTBINDPW\t****\n" },
		/* the whole word only: prose is not masked */
		{ "set bindpwfile to x\n", "set bindpwfile to x\n" },
		{ "bindpw\n", "bindpw\n" },
		/* any ASCII case, a secret word inside a longer key */
		{ "PassWord=abc", "PassWord=****" },
		{ "ApI-KeY: v", "ApI-KeY: ****" },
		{ "x AUTHTOK=q", "x AUTHTOK=****" },
		{ "BindPW x", "BindPW ****" },
		{ "passwor=x pass word=y", "passwor=x pass word=y" },
	};
	char *o;
	size_t i, len, n;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		o = rp_mask_secrets(c[i].in, strlen(c[i].in), &len, &n);
		if (strcmp(o, c[i].out) != 0 || len != strlen(c[i].out))
			fail_msg("mask '%s': got '%s'", c[i].in, o);
		assert_int_equal(n, strcmp(c[i].in, c[i].out) != 0);
		free(o);
	}
	/* several in one output, the bytes between them copied as they are */
	{
		static const char in[] = "DB_PassWord=abc x\nAPI-Key: v1 "
		    "token=t2 https://u:p@h/ and secret(\"z\")\n\x01\xff";
		static const char out[] = "DB_PassWord=**** x\nAPI-Key: **** "
		    "token=**** https://u:****@h/ and secret(\"****\")\n\x01\xff";

		o = rp_mask_secrets(in, sizeof(in) - 1, &len, &n);
		assert_int_equal(len, sizeof(out) - 1);
		assert_memory_equal(o, out, len);
		assert_int_equal(n, 5);
		free(o);
	}
}

/* A remediation command filled with hostile objects (plan/fill.c). */
static void
fill_quoting(void **state)
{
	char c1[] = "passwd -l -- @OBJECT@", c2[] = "visudo -f @OBJECT@";
	char c3[] = "Set-ADUser -Identity @OBJECT@ -X $false";
	char c4[] = "chmod o-w -- @OBJECT@";
	struct rp_fill sh = { c1, RP_QUOTE_SH, NULL, NULL, 1 };
	struct rp_fill nodash = { c2, RP_QUOTE_SH, NULL, NULL, 0 };
	struct rp_fill ps = { c3, RP_QUOTE_PS, NULL, NULL, 1 };
	struct rp_fill m = { c4, RP_QUOTE_SH, NULL, NULL, 1 };
	char *o, *c, *cause = NULL, big[600];

	(void)state;
	assert_int_equal(rp_fill(&sh, "it's", &o, &c), RP_FILL_OK);
	assert_string_equal(c, "passwd -l -- 'it'\\''s'");
	free(o);
	free(c);
	assert_int_equal(rp_fill(&sh, "$(id)`id`", &o, &c), RP_FILL_OK);
	assert_string_equal(c, "passwd -l -- '$(id)`id`'");
	free(o);
	free(c);
	assert_int_equal(rp_fill(&sh, "-rf", &o, &c), RP_FILL_OK);
	free(o);
	free(c);
	assert_int_equal(rp_fill(&nodash, "-rf", &o, &c), RP_FILL_DASH);
	assert_null(c);
	free(o);
	assert_int_equal(rp_fill(&sh, "a\nb", &o, &c), RP_FILL_CONTROL);
	free(o);
	assert_int_equal(rp_fill(&sh, "a\rb", &o, &c), RP_FILL_CONTROL);
	free(o);
	assert_int_equal(rp_fill(&sh, "x\xe2\x80\xaey", &o, &c),
	    RP_FILL_CONTROL);
	free(o);
	assert_int_equal(rp_fill(&sh, "x\xc2\x85y", &o, &c),
	    RP_FILL_CONTROL);		/* NEL */
	free(o);
	assert_int_equal(rp_fill(&sh, "\xff", &o, &c), RP_FILL_ENCODING);
	free(o);
	assert_int_equal(rp_fill(&sh, "\xc0\xaf", &o, &c),
	    RP_FILL_ENCODING);		/* overlong '/' */
	free(o);
	assert_int_equal(rp_fill(&sh, "", &o, &c), RP_FILL_EMPTY);
	free(o);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(rp_fill(&sh, big, &o, &c), RP_FILL_LENGTH);
	free(o);
	assert_int_equal(rp_fill(&ps, "o'brien", &o, &c), RP_FILL_OK);
	assert_string_equal(c, "Set-ADUser -Identity 'o''brien' -X $false");
	free(o);
	free(c);
	assert_int_equal(rp_fill(&ps, "o\xe2\x80\x99" "brien", &o, &c),
	    RP_FILL_QUOTE);
	free(o);
	/* match: the group "object" of the whole item, else refused */
	assert_int_equal(rp_rx_compile("\\A(?:[0-7]+\\|[0-9]+\\|[0-9]+\\|"
	    "(?<object>/.+))\\z", 0, &m.rx, &cause), 0);
	assert_int_equal(rp_fill(&m, "666|0|0|/etc/cron.d/x y", &o, &c),
	    RP_FILL_OK);
	assert_string_equal(o, "/etc/cron.d/x y");
	assert_string_equal(c, "chmod o-w -- '/etc/cron.d/x y'");
	free(o);
	free(c);
	assert_int_equal(rp_fill(&m, "x|0|0|/etc/cron.d/x", &o, &c),
	    RP_FILL_FORM);
	free(o);
	rp_rx_free(m.rx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(catalogue_integrity),
		cmocka_unit_test(fill_quoting),
		cmocka_unit_test(probe_proof),
		cmocka_unit_test(mask_secrets),
		cmocka_unit_test(content_errors),
		cmocka_unit_test(baseline_errors),
		cmocka_unit_test(baseline_inheritance),
		cmocka_unit_test(extraction),
		cmocka_unit_test(extraction_hostile),
		cmocka_unit_test(operators),
		cmocka_unit_test(evaluation),
		cmocka_unit_test(evaluator_failure),
		cmocka_unit_test(incident_dates),
		cmocka_unit_test(waivers_load),
		cmocka_unit_test(unbound_evaluator),
		cmocka_unit_test(filetime),
		cmocka_unit_test(plan_formula),
	};

	return cmocka_run_group_tests_name("engine", tests, NULL, NULL);
}
