/*
 * Unit tests: --limit with Ansible's host patterns over a real inventory
 * file (groups, :children, globs, ~regex, union, intersection, exclusion,
 * the order Ansible applies them in), the groups recorded per host, and
 * --shard K/N (parsing, the documented hash, stability when the inventory
 * grows, balance); the same patterns over a results document (report
 * --limit, results/filter.c), consistent and hostile.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "collect/inventory.h"
#include "collect/select.h"
#include "core/err.h"
#include "core/xmalloc.h"
#include "results/filter.h"

static const char inventory_text[] =
    "lonely ansible_host=10.0.0.1\n"
    "[site_a]\n"
    "web1 ansible_host=10.0.1.1\n"
    "web2 ansible_host=10.0.1.2\n"
    "db1 ansible_host=10.0.1.3\n"
    "[site_b]\n"
    "web3 ansible_host=10.0.2.1\n"
    "db2 ansible_host=10.0.2.2\n"
    "mail ansible_host=10.0.2.3\n"
    "[dbs]\n"
    "db1\n"
    "db2\n"
    "[webfarm:children]\n"
    "frontends\n"
    "[frontends]\n"
    "web3\n"
    "[sites:children]\n"
    "site_a\n"
    "site_b\n"
    "[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab]\n"
    "mail\n";

static char inv_path[] = "/tmp/rempart-select-XXXXXX";

static int
setup(void **state)
{
	int fd = mkstemp(inv_path);
	FILE *f;

	(void)state;
	if (fd < 0 || (f = fdopen(fd, "w")) == NULL)
		return -1;
	fputs(inventory_text, f);
	return fclose(f);
}

static int
teardown(void **state)
{
	(void)state;
	unlink(inv_path);
	return 0;
}

/* The ids a pattern selects, space separated in inventory order. */
static char *
selected(const char *pattern, int *err)
{
	struct rp_inventory *inv = NULL;
	char *cause = NULL, *out;
	size_t i, len = 0;
	int r;

	r = rp_inventory_load(inv_path, &inv, &cause);
	assert_int_equal(r, 0);
	r = rp_inventory_select(inv, pattern, NULL, &cause);
	if (err != NULL)
		*err = r;
	if (r != 0) {
		assert_non_null(cause);
		free(cause);
		rp_inventory_free(inv);
		return NULL;
	}
	out = xcalloc(1, 1024);
	for (i = 0; i < inv->nhosts; i++)
		len += (size_t)snprintf(out + len, 1024 - len, "%s%s",
		    i ? " " : "", inv->hosts[i].alias);
	rp_inventory_free(inv);
	return out;
}

static void
expect(const char *pattern, const char *want)
{
	int err = 0;
	char *got = selected(pattern, &err);

	if (got == NULL)
		fail_msg("--limit '%s': refused (%d), expected '%s'", pattern,
		    err, want);
	if (strcmp(got, want) != 0)
		fail_msg("--limit '%s': got '%s', expected '%s'", pattern, got,
		    want);
	free(got);
}

static void
refused(const char *pattern)
{
	int err = 0;
	char *got = selected(pattern, &err);

	if (got != NULL)
		fail_msg("--limit '%s': selected '%s', expected a refusal",
		    pattern, got);
	assert_int_equal(err, RP_ERR_INVALID);
}

static void
groups_recorded(void **state)
{
	struct rp_inventory *inv = NULL;
	char *cause = NULL;
	size_t i;

	(void)state;
	assert_int_equal(rp_inventory_load(inv_path, &inv, &cause), 0);
	for (i = 0; i < inv->nhosts; i++) {
		struct rp_inv_host *h = &inv->hosts[i];

		if (strcmp(h->alias, "lonely") == 0) {
			assert_int_equal(h->ngroups, 1);
			assert_string_equal(h->groups[0], "ungrouped");
		} else if (strcmp(h->alias, "web3") == 0) {
			/* direct, :children parents, sorted, no "all" */
			assert_int_equal(h->ngroups, 4);
			assert_string_equal(h->groups[0], "frontends");
			assert_string_equal(h->groups[1], "site_b");
			assert_string_equal(h->groups[2], "sites");
			assert_string_equal(h->groups[3], "webfarm");
		} else if (strcmp(h->alias, "db1") == 0) {
			assert_int_equal(h->ngroups, 3);
			assert_string_equal(h->groups[0], "dbs");
			assert_string_equal(h->groups[1], "site_a");
			assert_string_equal(h->groups[2], "sites");
		}
	}
	rp_inventory_free(inv);
}

static void
limit_groups_hosts(void **state)
{
	(void)state;
	expect("all", "lonely web1 web2 db1 web3 db2 mail");
	expect("*", "lonely web1 web2 db1 web3 db2 mail");
	expect("site_a", "web1 web2 db1");
	expect("sites", "web1 web2 db1 web3 db2 mail");
	expect("webfarm", "web3");		/* through :children */
	expect("ungrouped", "lonely");
	expect("db2", "db2");
	expect("mail", "mail");
}

static void
limit_globs_regex(void **state)
{
	(void)state;
	/* a glob looks at hosts even when a group matched (webfarm) */
	expect("web*", "web1 web2 web3");
	expect("site_?", "web1 web2 db1 web3 db2 mail");
	expect("db[!3]", "db1 db2");
	refused("db[12]");		/* Ansible reads a subscript */
	expect("~web[12]", "web1 web2");
	expect("~(db|mail)", "db1 db2 mail");
	/* Python's re.match: from the start, not anywhere */
	refused("~eb1");
	expect("~site_b$", "web3 db2 mail");
}

static void
limit_combinations(void **state)
{
	(void)state;
	expect("site_a:site_b", "web1 web2 db1 web3 db2 mail");
	expect("site_a,site_b", "web1 web2 db1 web3 db2 mail");
	expect("site_a, mail", "web1 web2 db1 mail");
	expect("site_a:!db1", "web1 web2");
	expect("site_a:&dbs", "db1");
	expect("sites:&dbs:!site_b", "db1");
	expect("all:!sites", "lonely");
	/* Ansible applies plain terms, then '&', then '!' whatever the order */
	expect("!db1:site_a", "web1 web2");
	expect("&dbs:site_b", "db2");
	expect("!site_a:site_a:web3", "web3");
	/* only '&' or '!' terms: from all */
	expect("&dbs", "db1 db2");
	expect("!sites", "lonely");
	/* a term that matches nothing is ignored (a warning) */
	expect("site_a:nosuchgroup", "web1 web2 db1");
}

static void
limit_refused(void **state)
{
	(void)state;
	refused("nosuchgroup");		/* nothing selected */
	refused("site_a:&site_b");	/* nothing selected */
	refused("");
	refused(" , ");
	refused("site_a:!");
	refused("site_a[0]");		/* subscripts */
	refused("site_a[0:2]");
	refused("@retry.txt");
	refused("~web(");		/* bad regex */
	/* a regex that reaches the match limit on a name selects nothing
	 * silently neither way: an exclusion would keep every host */
	refused("~(a|aa)+$");
	refused("all:!~(a|aa)+$");
	refused("all:&~(a|aa)+$");
}

static void
shard_parse(void **state)
{
	unsigned k, n;
	char *cause = NULL;
	static const char *const bad[] = { "", "1", "3/3", "-1/2", "a/2",
		"1/0", "0/1000001", "1/2/3", "0x1/4", "1 /4" };
	size_t i;

	(void)state;
	assert_int_equal(rp_select_shard_parse("0/1", &k, &n, &cause), 0);
	assert_true(k == 0 && n == 1);
	assert_int_equal(rp_select_shard_parse("7/8", &k, &n, &cause), 0);
	assert_true(k == 7 && n == 8);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cause = NULL;
		if (rp_select_shard_parse(bad[i], &k, &n, &cause) == 0)
			fail_msg("--shard '%s' accepted", bad[i]);
		assert_non_null(cause);
		free(cause);
	}
}

static void
shard_hash(void **state)
{
	(void)state;
	/* the documented function: SHA-256, first 8 bytes big-endian, mod N
	 * (values from Python's hashlib) */
	assert_int_equal(rp_select_shard_of("web1", 1000), 246);
	assert_int_equal(rp_select_shard_of("db1", 1000), 143);
	assert_int_equal(rp_select_shard_of("site-a-host-0042", 1000), 611);
	assert_int_equal(rp_select_shard_of("web1", 7), 2);
	assert_int_equal(rp_select_shard_of("db1", 7), 6);
	assert_int_equal(rp_select_shard_of("web1", 1), 0);
}

/* An inventory of hosts h0..h(n-1) in a temporary file. */
static char *
big_inventory(size_t n)
{
	char *path = xstrdup("/tmp/rempart-shard-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "w");
	size_t i;

	assert_non_null(f);
	fputs("[estate]\n", f);
	for (i = 0; i < n; i++)
		fprintf(f, "h%zu ansible_host=10.%zu.%zu.%zu\n", i,
		    (i >> 16) & 255, (i >> 8) & 255, i & 255);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* mark[i] = shard of h_i as selected by rp_inventory_select. */
static void
shards_of(const char *path, size_t n, unsigned nshards, int *mark)
{
	char spec[32], *cause = NULL;
	struct rp_inventory *inv;
	unsigned k;
	size_t i, total = 0;

	for (i = 0; i < n; i++)
		mark[i] = -1;
	for (k = 0; k < nshards; k++) {
		snprintf(spec, sizeof(spec), "%u/%u", k, nshards);
		assert_int_equal(rp_inventory_load(path, &inv, &cause), 0);
		assert_int_equal(rp_inventory_select(inv, NULL, spec, &cause),
		    0);
		for (i = 0; i < inv->nhosts; i++) {
			size_t id = strtoul(inv->hosts[i].alias + 1, NULL, 10);

			assert_true(id < n);
			assert_int_equal(mark[id], -1);	/* one shard each */
			mark[id] = (int)k;
		}
		total += inv->nhosts;
		/* balance: 1000 hosts in 8 shards, 125 expected */
		if (n == 1000) {
			assert_true(inv->nhosts > 80);
			assert_true(inv->nhosts < 170);
		}
		rp_inventory_free(inv);
	}
	assert_int_equal(total, n);	/* a partition: every host once */
}

static void
shard_stability(void **state)
{
	char *small = big_inventory(1000), *large = big_inventory(3000);
	int *a = xcalloc(1000, sizeof(int)), *b = xcalloc(3000, sizeof(int));
	size_t i;

	(void)state;
	shards_of(small, 1000, 8, a);
	shards_of(large, 3000, 8, b);
	/* 2000 targets added: none of the first 1000 moved */
	for (i = 0; i < 1000; i++)
		if (a[i] != b[i])
			fail_msg("h%zu moved from shard %d to %d", i, a[i],
			    b[i]);
	unlink(small);
	unlink(large);
	free(small);
	free(large);
	free(a);
	free(b);
}

static void
shard_and_limit(void **state)
{
	struct rp_inventory *inv;
	char *cause = NULL;
	unsigned k;
	size_t i, total = 0;

	(void)state;
	for (k = 0; k < 3; k++) {
		char spec[8];

		snprintf(spec, sizeof(spec), "%u/3", k);
		assert_int_equal(rp_inventory_load(inv_path, &inv, &cause), 0);
		if (rp_inventory_select(inv, "sites", spec, &cause) != 0) {
			free(cause);	/* an empty shard is an error */
			cause = NULL;
			rp_inventory_free(inv);
			continue;
		}
		for (i = 0; i < inv->nhosts; i++) {
			assert_string_not_equal(inv->hosts[i].alias, "lonely");
			assert_int_equal(rp_select_shard_of(
			    inv->hosts[i].alias, 3), k);
		}
		total += inv->nhosts;
		rp_inventory_free(inv);
	}
	assert_int_equal(total, 6);
}

/* A results document of three targets in two groups (results/filter.c). */
static const char results_text[] =
    "{\"format\": \"rempart-results/1\","
    " \"evidence\": {\"partial\": true, \"bundle_partial\": false},"
    " \"targets\": ["
    "  {\"id\": \"a\", \"kind\": \"linux\", \"role\": null, \"status\": \"ok\","
    "   \"groups\": [\"g1\"]},"
    "  {\"id\": \"b\", \"kind\": \"linux\", \"role\": \"dc\", \"status\": \"ok\","
    "   \"groups\": [\"g2\"]},"
    "  {\"id\": \"c\", \"kind\": \"linux\", \"role\": null,"
    "   \"status\": \"unreachable\", \"groups\": [\"g2\"]}],"
    " \"results\": ["
    "  {\"target\": \"a\", \"check\": \"K1\", \"status\": \"fail\","
    "   \"severity\": \"low\", \"objects\": [\"x\", \"x\", \"y\"]},"
    "  {\"target\": \"a\", \"check\": \"K2\", \"status\": \"pass\","
    "   \"severity\": \"high\"},"
    "  {\"target\": \"b\", \"check\": \"K1\", \"status\": \"fail\","
    "   \"severity\": \"high\", \"objects\": [\"z\"]},"
    "  {\"target\": \"b\", \"check\": \"K2\", \"status\": \"fail\","
    "   \"severity\": \"high\"}],"
    " \"plan\": ["
    "  {\"rank\": 1, \"kind\": \"hostkey-mismatch\", \"phase\": \"immediate\","
    "   \"severity\": \"critical\", \"targets\": [\"c\"], \"objects\": [\"k\"]},"
    "  {\"rank\": 2, \"kind\": \"check\", \"check\": \"K1\","
    "   \"phase\": \"quick-wins\", \"severity\": \"high\","
    "   \"incident_phase\": \"hardening\", \"effort\": \"low\","
    "   \"score\": 9.9, \"criticality\": 2.0, \"targets\": [\"a\", \"b\"],"
    "   \"objects\": [\"oa\", \"ob\"], \"groups\": {\"g1\": 1, \"g2\": 1},"
    "   \"commands\": [{\"target\": \"a\", \"object\": \"x\"},"
    "    {\"target\": \"b\", \"object\": \"z\"}], \"commands_omitted\": 1},"
    "  {\"rank\": 3, \"kind\": \"check\", \"check\": \"K2\","
    "   \"phase\": \"quick-wins\", \"severity\": \"high\","
    "   \"incident_phase\": \"hardening\", \"effort\": \"low\","
    "   \"score\": 6.0, \"targets\": [\"b\"], \"objects\": [\"o\"]}],"
    " \"summary\": {\"overall\": {}, \"targets\": {\"a\": {}, \"b\": {},"
    "  \"c\": {}}, \"coverage\": {\"per_target\": ["
    "   {\"target\": \"a\", \"coverage\": \"full\"},"
    "   {\"target\": \"b\", \"coverage\": \"full\"},"
    "   {\"target\": \"c\", \"coverage\": \"none\"}]}},"
    " \"levels\": [{\"targets\": {\"a\": {}, \"b\": {}, \"c\": {}}}],"
    " \"history\": {\"runs\": [], \"open_findings\": 3},"
    " \"since\": {\"previous\": {\"score\": 50.0}, \"score\": 40.0,"
    "  \"items\": [{\"target\": \"b\", \"change\": \"new\"},"
    "   {\"target\": \"a\", \"change\": \"fixed\"}]}}";

static json_t *
results_doc(void)
{
	json_error_t e;
	json_t *j = json_loads(results_text, 0, &e);

	if (j == NULL)
		fail_msg("results_text: %s (line %d)", e.text, e.line);
	return j;
}

static void
results_limit_consistent(void **state)
{
	json_t *j = results_doc(), *a, *cov;
	char *cause = NULL;

	(void)state;
	assert_int_equal(rp_results_limit(j, "g1", "r.json", &cause), 0);
	assert_int_equal(json_array_size(json_object_get(j, "targets")), 1);
	assert_int_equal(json_array_size(json_object_get(j, "results")), 2);
	/* the action of a alone: ranked 1, its object, command, group; the
	 * severity and score of a's result (low, 1 target, weight 1) */
	assert_int_equal(json_array_size(json_object_get(j, "plan")), 1);
	a = json_array_get(json_object_get(j, "plan"), 0);
	assert_int_equal(json_integer_value(json_object_get(a, "rank")), 1);
	assert_string_equal(json_string_value(json_object_get(a, "severity")),
	    "low");
	assert_string_equal(json_string_value(json_object_get(a, "phase")),
	    "medium-term");
	assert_true(json_number_value(json_object_get(a, "score")) == 1.0);
	assert_true(json_number_value(json_object_get(a, "criticality")) ==
	    1.0);
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(a, "objects"), 0)), "oa");
	assert_int_equal(json_array_size(json_object_get(a, "objects")), 1);
	assert_int_equal(json_array_size(json_object_get(a, "commands")), 1);
	/* a has two distinct objects, the whole kept one command of a */
	assert_int_equal(json_integer_value(json_object_get(a,
	    "commands_omitted")), 1);
	assert_int_equal(json_object_size(json_object_get(a, "groups")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(a,
	    "groups"), "g1")), 1);
	/* summary, coverage, levels, since: a alone */
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
	    json_object_get(j, "summary"), "overall"), "total")), 2);
	cov = json_object_get(json_object_get(j, "summary"), "coverage");
	assert_string_equal(json_string_value(json_object_get(cov, "verdict")),
	    "complete");
	assert_true(json_number_value(json_object_get(json_object_get(cov,
	    "score"), "compliant")) == 50.0);
	assert_int_equal(json_object_size(json_object_get(json_object_get(j,
	    "summary"), "targets")), 1);
	assert_int_equal(json_object_size(json_object_get(json_array_get(
	    json_object_get(j, "levels"), 0), "targets")), 1);
	assert_false(json_is_true(json_object_get(json_object_get(j,
	    "evidence"), "partial")));
	assert_int_equal(json_array_size(json_object_get(json_object_get(j,
	    "since"), "items")), 1);
	assert_true(json_is_null(json_object_get(json_object_get(
	    json_object_get(j, "since"), "previous"), "score")));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j,
	    "limit"), "of")), 3);
	assert_null(json_object_get(j, "history"));
	json_decref(j);

	/* g2: b and c; the host key action first, then K1 before K2 (b's
	 * K1 and K2 are both high, b weighs 2: the same score, the check id
	 * decides) */
	j = results_doc();
	assert_int_equal(rp_results_limit(j, "g2", "r.json", &cause), 0);
	a = json_object_get(j, "plan");
	assert_int_equal(json_array_size(a), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(a,
	    0), "kind")), "hostkey-mismatch");
	assert_string_equal(json_string_value(json_object_get(json_array_get(a,
	    1), "check")), "K1");
	assert_true(json_number_value(json_object_get(json_array_get(a, 1),
	    "criticality")) == 2.0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    json_object_get(j, "summary"), "coverage"), "verdict")), "partial");
	assert_true(json_is_true(json_object_get(json_object_get(j,
	    "evidence"), "partial")));
	json_decref(j);

	/* nothing selected: an error naming pattern and file; untouched */
	j = results_doc();
	assert_int_equal(rp_results_limit(j, "nosuch", "r.json", &cause),
	    RP_ERR_INVALID);
	assert_non_null(strstr(cause, "--limit 'nosuch': no target of "
	    "'r.json' selected (3 targets; their groups: g1, g2)"));
	free(cause);
	cause = NULL;
	assert_int_equal(json_array_size(json_object_get(j, "targets")), 3);
	assert_null(json_object_get(j, "limit"));
	/* a part of a part: both patterns, counted against the whole */
	assert_int_equal(rp_results_limit(j, "g2", "r.json", &cause), 0);
	assert_int_equal(rp_results_limit(j, "b", "r.json", &cause), 0);
	assert_string_equal(json_string_value(json_object_get(json_object_get(
	    j, "limit"), "pattern")), "g2 then b");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j,
	    "limit"), "of")), 3);
	json_decref(j);
}

/* Every member of the wrong type: no crash, no target without an id. */
static void
results_limit_hostile(void **state)
{
	static const char *const docs[] = {
		"{\"targets\": {}}",
		"{\"targets\": 3}",
		"{}",
	};
	static const char hostile[] =
	    "{\"targets\": [1, {\"id\": 5}, {\"id\": \"\"}, {\"id\": \"h\","
	    " \"groups\": [1, null, \"g\"], \"status\": 7}],"
	    " \"results\": {\"a\": 1},"
	    " \"plan\": [1, \"x\", {\"kind\": \"check\", \"check\": 5,"
	    "  \"targets\": [\"h\", 3, null], \"objects\": [1],"
	    "  \"commands\": 3, \"incident_phase\": \"nope\"},"
	    "  {\"kind\": \"check\", \"check\": \"K\", \"targets\": [\"h\"],"
	    "  \"objects\": \"o\", \"commands\": [1, {\"target\": \"h\"}],"
	    "  \"groups\": 4, \"severity\": 3}],"
	    " \"summary\": [], \"levels\": {\"x\": 1},"
	    " \"since\": {\"previous\": 3, \"items\": [1, {\"target\": \"h\"}]},"
	    " \"evidence\": [], \"limit\": {\"pattern\": 4}}";
	json_t *j;
	char *cause = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		j = json_loads(docs[i], 0, NULL);
		assert_non_null(j);
		assert_int_equal(rp_results_limit(j, "all", "r.json", &cause),
		    RP_ERR_INVALID);
		free(cause);
		cause = NULL;
		json_decref(j);
	}
	j = json_loads(hostile, 0, NULL);
	assert_non_null(j);
	assert_int_equal(rp_results_limit(j, "all", "r.json", &cause), 0);
	/* h alone: the others have no id */
	assert_int_equal(json_array_size(json_object_get(j, "targets")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j,
	    "limit"), "targets")), 1);
	assert_int_equal(json_array_size(json_object_get(j, "plan")), 2);
	json_decref(j);
	/* a pattern that is not UTF-8 (it is written in the document) */
	j = json_loads(hostile, 0, NULL);
	assert_int_equal(rp_results_limit(j, "\xff", "r.json", &cause),
	    RP_ERR_INVALID);
	free(cause);
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(groups_recorded),
		cmocka_unit_test(limit_groups_hosts),
		cmocka_unit_test(limit_globs_regex),
		cmocka_unit_test(limit_combinations),
		cmocka_unit_test(limit_refused),
		cmocka_unit_test(shard_parse),
		cmocka_unit_test(shard_hash),
		cmocka_unit_test(shard_stability),
		cmocka_unit_test(shard_and_limit),
		cmocka_unit_test(results_limit_consistent),
		cmocka_unit_test(results_limit_hostile),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
