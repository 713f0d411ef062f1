/*
 * Unit tests: results.json written result by result (rp_results_write)
 * is byte for byte what jansson writes of the whole tree, on hostile
 * values, on the fixture bundle and on an estate generated from it; a
 * bundle read with only the targets a selection keeps; results.json read
 * back value by value, its repeated values shared.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <jansson.h>

#include "core/err.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "content/baseline.h"
#include "content/content.h"
#include "content/context.h"
#include "engine/eval.h"
#include "engine/registry.h"
#include "evidence/bundle.h"
#include "plan/plan.h"
#include "results/compare.h"
#include "results/read.h"
#include "results/results.h"

#define FX	RP_TEST_SRCDIR "/tests/fixtures"
#define FLAGS	(JSON_INDENT(2) | JSON_ENSURE_ASCII)

static char *
tmpdir(void)
{
	char tmpl[] = "/tmp/rempart-res.XXXXXX";

	return xstrdup(mkdtemp(tmpl));
}

static void
rmrf(char *d)
{
	char *cmd = xasprintf("rm -rf '%s'", d);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(d);
}

/* The whole file (owned); *len its length. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	s = xmalloc((size_t)n + 1);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return s;
}

/* What results.json held before it was streamed: json_dumpf of the tree
 * and a line break. */
static char *
jansson_text(json_t *root, const char *dir, size_t *len)
{
	char *p = xasprintf("%s/jansson.json", dir), *s;
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	assert_int_equal(json_dumpf(root, f, FLAGS), 0);
	assert_int_not_equal(fputc('\n', f), EOF);
	assert_int_equal(fclose(f), 0);
	s = slurp(p, len);
	unlink(p);
	free(p);
	return s;
}

static void
assert_same_text(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i;

	for (i = 0; i < na && i < nb && a[i] == b[i]; i++)
		;
	if (i < na || i < nb)
		fail_msg("the texts differ at byte %zu of %zu/%zu: '%.60s' / "
		    "'%.60s'", i, na, nb, a + i, b + i);
}

/* The writer alone, on trees jansson's own dump is compared with. */
static void
writer_matches_jansson(void **state)
{
	static const char *const docs[] = {
		"{}",
		"{\"results\": []}",
		"{\"a\": [], \"b\": {}, \"c\": [[], {}, [{}]], \"d\": null}",
		"{\"format\": \"rempart-results/1\", \"n\": -12, \"r\": 12.5, "
		"\"z\": 0.1, \"t\": true, \"f\": false}",
		"{\"nested\": {\"x\": [1, [2, [3, {\"y\": \"z\"}]]]}, "
		"\"results\": [{\"k\": \"v\"}, {\"k\": [\"a\", \"b\"]}]}",
	};
	char *d = tmpdir(), *out = xasprintf("%s/out.json", d), *cause = NULL;
	char *a, *b;
	size_t i, na, nb;
	json_t *root, *o;

	(void)state;
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		root = json_loads(docs[i], 0, NULL);
		assert_non_null(root);
		assert_int_equal(rp_results_dump(root, out, &cause), 0);
		a = jansson_text(root, d, &na);
		b = slurp(out, &nb);
		assert_same_text(a, na, b, nb);
		free(a);
		free(b);
		json_decref(root);
	}
	/* what a target sends: line breaks, controls, quotes, backslashes,
	 * UTF-8 (escaped by JSON_ENSURE_ASCII), in keys and values */
	root = json_object();
	o = json_object();
	json_object_set_new(o, "line\nbreak", json_string("a\nb\r\n\tc"));
	json_object_set_new(o, "ctl", json_string("\x01\x1f\x7f \"q\" \\ /"));
	json_object_set_new(o, "utf8", json_string("\xc3\xa9t\xc3\xa9 "
	    "\xe2\x82\xac \xf0\x9f\x94\x91"));
	json_object_set_new(root, "x\n\"y\"", o);
	json_object_set_new(root, "results", json_pack("[{s:s}, s, []]",
	    "observed", "1: a\n  \"b\"", "\n"));
	json_object_set_new(root, "s", json_string("\n"));
	assert_int_equal(rp_results_dump(root, out, &cause), 0);
	a = jansson_text(root, d, &na);
	b = slurp(out, &nb);
	assert_same_text(a, na, b, nb);
	free(a);
	free(b);
	json_decref(root);
	free(out);
	rmrf(d);
}

/* The fixture bundle (tests/fixtures/bundle) in dir, its five targets
 * copied n times (web1-0001...) in groups site_NN when n > 0, sealed. */
static void
make_estate(const char *dir, int n)
{
	static const char *const base[] = { "web1", "db1", "app1", "dc1",
	    "ldap1" };
	char *cmd, *cause = NULL;
	int i, k;

	if (n == 0) {
		cmd = xasprintf("cp -r '%s/bundle/targets' '%s/'", FX, dir);
		assert_int_equal(system(cmd), 0);
		free(cmd);
	}
	for (i = 0; i < n; i++)
		for (k = 0; k < 5; k++) {
			cmd = xasprintf("mkdir -p '%s/targets' && cp -r "
			    "'%s/bundle/targets/%s' '%s/targets/%s-%04d' && "
			    "sed -i 's/^  \"id\": \"%s\",$/  \"id\": "
			    "\"%s-%04d\",\\n  \"groups\": [\"site_%02d\", "
			    "\"estate\"],/' '%s/targets/%s-%04d/target.json'",
			    dir, FX, base[k], dir, base[k], i + 1, base[k],
			    base[k], i + 1, i % 3 + 1, dir, base[k], i + 1);
			assert_int_equal(system(cmd), 0);
			free(cmd);
		}
	assert_int_equal(rp_bundle_seal(dir, 0, &cause), 0);
}

/* Two results of one check hold the same remediation object, and each
 * result's status one of a few shared strings. */
static int
shares_texts(json_t *results)
{
	json_t *a, *b;
	size_t i, j;

	json_array_foreach(results, i, a)
		for (j = i + 1; j < json_array_size(results); j++) {
			b = json_array_get(results, j);
			if (strcmp(json_string_value(json_object_get(a, "check")),
			    json_string_value(json_object_get(b, "check"))) != 0)
				continue;
			return json_object_get(a, "remediation") ==
			    json_object_get(b, "remediation") &&
			    json_object_get(a, "module") ==
			    json_object_get(b, "module");
		}
	return 0;
}

/*
 * Evaluate the bundle in dir as offline.sh does (three baselines, the
 * waivers, the incident), then write its results both ways: the whole
 * tree through jansson, and rp_results_write from a document without
 * results, and a light one with the comparison with the tree as the
 * earlier run. Returns the number of results.
 */
static size_t
same_both_ways(struct rp_content *c, const char *dir)
{
	static const char *const names[] = { "anssi-bp028-intermediary",
	    "ad-anssi-level-2", "openldap-hardened" };
	struct rp_resolved res[3];
	const struct rp_baseline *bl;
	struct rp_bundle *b = NULL;
	struct rp_waiver *w = NULL;
	struct rp_incident *inc = NULL;
	struct rp_evaluation ev;
	struct rp_plan plan;
	json_t *full, *doc, *prev;
	char *out = xasprintf("%s/out.json", dir), *cause = NULL, *a, *s;
	size_t i, na, ns, nw = 0, n;

	memset(&ev, 0, sizeof(ev));
	memset(&plan, 0, sizeof(plan));
	for (i = 0; i < 3; i++) {
		assert_int_equal(rp_baseline_get(c, names[i], &bl, &cause), 0);
		assert_int_equal(rp_baseline_resolve(c, bl, &res[i], &cause),
		    0);
	}
	assert_int_equal(rp_bundle_read(dir, &b, &cause), 0);
	assert_int_equal(rp_waivers_load(c, FX "/waivers.xml", &w, &nw,
	    &cause), 0);
	assert_int_equal(rp_incident_load(c, FX "/incident.xml", b->finished,
	    &inc, &cause), 0);
	(void)rp_evaluate(b, res, 3, w, nw, inc, &ev);
	rp_evaluate_footprints(&ev);
	rp_plan_build(&ev, &plan);
	assert_true(ev.nresults > 0 && plan.nactions > 0);

	full = rp_results_json(&ev, &plan);
	a = jansson_text(full, dir, &na);
	doc = rp_results_document(&ev, &plan, RP_RESULTS_NONE);
	assert_int_equal(json_array_size(json_object_get(doc, "results")), 0);
	assert_int_equal(rp_results_write(doc, &ev, out, &cause), 0);
	s = slurp(out, &ns);
	assert_same_text(a, na, s, ns);
	free(s);
	json_decref(doc);
	/* read back value by value, repeated values shared: the same tree */
	assert_int_equal(rp_results_load(out, &doc, &cause), 0);
	s = jansson_text(doc, dir, &ns);
	assert_same_text(a, na, s, ns);
	free(s);
	assert_true(shares_texts(json_object_get(doc, "results")));
	json_decref(doc);
	/* to stdout too ("-") is the same writer; the plain dump of the
	 * whole tree through it as well */
	assert_int_equal(rp_results_dump(full, out, &cause), 0);
	s = slurp(out, &ns);
	assert_same_text(a, na, s, ns);
	free(s);
	free(a);

	/* with the comparison (--previous) and what history reads: the
	 * light results, and the earlier run pruned to what the comparison
	 * reads, give the same "since" as the whole ones */
	prev = rp_results_json(&ev, &plan);
	rp_results_since(full, prev);
	a = jansson_text(full, dir, &na);
	json_decref(prev);
	prev = rp_results_document(&ev, &plan, RP_RESULTS_LIGHT);
	rp_compare_prune(prev);	/* what evaluate keeps of it */
	assert_int_equal(json_object_size(prev), 2);
	assert_int_equal(json_object_size(json_array_get(json_object_get(prev,
	    "results"), 0)), 4);
	doc = rp_results_document(&ev, &plan, RP_RESULTS_LIGHT);
	assert_int_equal(json_array_size(json_object_get(doc, "results")),
	    ev.nresults);
	rp_results_since(doc, prev);
	assert_non_null(json_object_get(doc, "since"));
	assert_int_equal(rp_results_write(doc, &ev, out, &cause), 0);
	s = slurp(out, &ns);
	assert_same_text(a, na, s, ns);
	free(s);
	free(a);
	json_decref(doc);
	json_decref(prev);
	json_decref(full);

	n = ev.nresults;
	rp_plan_release(&plan);
	rp_evaluation_release(&ev);
	rp_incident_free(inc);
	rp_waivers_free(w, nw);
	rp_bundle_free(b);
	for (i = 0; i < 3; i++)
		rp_resolved_release(&res[i]);
	unlink(out);
	free(out);
	free(cause);
	return n;
}

static void
streamed_fixture(void **state)
{
	struct rp_content *c = NULL;
	char *d = tmpdir(), *cause = NULL;

	(void)state;
	assert_int_equal(rp_eval_content_load(RP_TEST_SRCDIR "/checks", &c,
	    &cause), 0);
	make_estate(d, 0);
	assert_true(same_both_ways(c, d) > 100);
	rp_content_free(c);
	rmrf(d);
}

static void
streamed_estate(void **state)
{
	struct rp_content *c = NULL;
	char *d = tmpdir(), *cause = NULL;

	(void)state;
	assert_int_equal(rp_eval_content_load(RP_TEST_SRCDIR "/checks", &c,
	    &cause), 0);
	make_estate(d, 12);	/* 60 targets in three groups */
	assert_true(same_both_ways(c, d) > 12 * 100);
	rp_content_free(c);
	rmrf(d);
}

/* path holding text */
static void
put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/*
 * The reader on files rempart did not write: texts of one check that
 * differ (or differ only in key order) stay as they are; invalid JSON, a
 * duplicate key, trailing bytes or a cut file are refused with jansson's
 * message, as when the file was decoded whole.
 */
/* head, open n times, mid, close n times, tail into path. */
static void
deep_put(const char *path, const char *head, const char *open,
    const char *mid, const char *close, size_t n, const char *tail)
{
	struct rp_strbuf b = RP_STRBUF_INIT(SIZE_MAX);
	size_t i;

	rp_strbuf_addstr(&b, head);
	for (i = 0; i < n; i++)
		rp_strbuf_addstr(&b, open);
	rp_strbuf_addstr(&b, mid);
	for (i = 0; i < n; i++)
		rp_strbuf_addstr(&b, close);
	rp_strbuf_addstr(&b, tail);
	put(path, rp_strbuf_str(&b));
	rp_strbuf_release(&b);
}

static void
reader_hostile(void **state)
{
	static const char head[] = "{\"format\": \"rempart-results/1\", "
	    "\"targets\": [], \"results\": [";
	char *d = tmpdir(), *p = xasprintf("%s/r.json", d), *cause = NULL;
	char *t, *a;
	json_t *j, *want, *r0, *r1, *r2;
	size_t na, nt;

	(void)state;
	t = xasprintf("%s{\"check\": \"C-1\", \"status\": \"fail\", "
	    "\"title\": {\"en\": \"A\", \"fr\": \"B\"}}, {\"check\": "
	    "\"C-1\", \"status\": \"fail\", \"title\": {\"fr\": \"B\", "
	    "\"en\": \"A\"}}, {\"check\": \"C-1\", \"status\": "
	    "\"pass\", \"title\": {\"en\": \"A\", \"fr\": \"C\"}}, "
	    "{\"check\": \"C-1\", \"status\": \"pass\", \"title\": "
	    "{\"en\": \"A\", \"fr\": \"B\"}}], \"z\": 12.5}\n", head);
	put(p, t);
	assert_int_equal(rp_results_load(p, &j, &cause), 0);
	want = json_loads(t, 0, NULL);
	assert_non_null(want);
	a = jansson_text(want, d, &na);
	free(t);
	t = jansson_text(j, d, &nt);
	assert_same_text(a, na, t, nt);
	free(a);
	free(t);
	r0 = json_array_get(json_object_get(j, "results"), 0);
	r1 = json_array_get(json_object_get(j, "results"), 1);
	r2 = json_array_get(json_object_get(j, "results"), 3);
	assert_ptr_not_equal(json_object_get(r0, "title"),
	    json_object_get(r1, "title"));
	assert_ptr_equal(json_object_get(r0, "title"),
	    json_object_get(r2, "title"));
	assert_ptr_equal(json_object_get(r1, "status"),
	    json_object_get(r0, "status"));
	json_decref(want);
	json_decref(j);

	/* refused, with the line of the fault when jansson gives one */
	t = xasprintf("%s{\"check\": \"C-1\"}], \"format\": \"x\"}", head);
	put(p, t);
	free(t);
	assert_int_equal(rp_results_load(p, &j, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "duplicate object key"));
	t = xasprintf("%s{\"check\": \"C-1\"}]} x", head);
	put(p, t);
	free(t);
	assert_int_equal(rp_results_load(p, &j, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "end of file expected"));
	t = xasprintf("%s\n{\"check\": \"C-1\", \"a\": 1, \"a\": 2}]}", head);
	put(p, t);
	free(t);
	assert_int_equal(rp_results_load(p, &j, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "r.json:2: not a rempart results file "
	    "(invalid JSON: duplicate object key"));
	t = xasprintf("%s{\"check\": \"C-1\"}, {\"check\": \"C-", head);
	put(p, t);
	free(t);
	assert_int_equal(rp_results_load(p, &j, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "invalid JSON"));
	put(p, "{\"format\": \"rempart-results/1\", \"targets\": [], "
	    "\"results\": {}}");
	assert_int_equal(rp_results_load(p, &j, &cause), RP_ERR_INVALID);
	assert_non_null(strstr(cause, "format rempart-results/1"));
	put(p, "[1, 2]");
	assert_int_equal(rp_results_load(p, &j, &cause), RP_ERR_INVALID);
	assert_non_null(strstr(cause, "not JSON"));
	/* no deeper than the whole document decoded at once: a result
	 * nested to jansson's limit is read, one level more refused, and so
	 * for a value of the document itself */
	deep_put(p, head, "{\"a\": ", "1", "}", JSON_PARSER_MAX_DEPTH - 2,
	    "]}");
	assert_int_equal(rp_results_load(p, &j, &cause), 0);
	json_decref(j);
	deep_put(p, head, "{\"a\": ", "1", "}", JSON_PARSER_MAX_DEPTH - 1,
	    "]}");
	assert_int_equal(rp_results_load(p, &j, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "maximum parsing depth"));
	deep_put(p, "{\"format\": \"rempart-results/1\", \"targets\": [], "
	    "\"results\": [], \"x\": ", "[", "\"]\"", "]",
	    JSON_PARSER_MAX_DEPTH - 1, "}");
	assert_int_equal(rp_results_load(p, &j, &cause), 0);
	json_decref(j);
	deep_put(p, "{\"format\": \"rempart-results/1\", \"targets\": [], "
	    "\"results\": [], \"x\": ", "[", "\"]\"", "]",
	    JSON_PARSER_MAX_DEPTH, "}");
	assert_int_equal(rp_results_load(p, &j, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "maximum parsing depth"));
	free(cause);
	free(p);
	rmrf(d);
}

/* A filter keeping the targets of group site_02, checking what it sees. */
static int
keep_site_02(const struct rp_target_ev *heads, size_t n, unsigned char *keep,
    void *arg, char **cause)
{
	size_t i, j;

	(void)cause;
	*(size_t *)arg = n;
	for (i = 0; i < n; i++) {
		/* sorted by id, groups read, no probe loaded yet */
		if (i > 0)
			assert_true(strcmp(heads[i - 1].id, heads[i].id) < 0);
		assert_int_equal(heads[i].nprobes, 0);
		assert_int_equal(heads[i].ngroups, 2);
		for (j = 0; j < heads[i].ngroups; j++)
			if (strcmp(heads[i].groups[j], "site_02") == 0)
				keep[i] = 1;
	}
	return 0;
}

static int
refuse(const struct rp_target_ev *heads, size_t n, unsigned char *keep,
    void *arg, char **cause)
{
	(void)heads;
	(void)n;
	(void)keep;
	(void)arg;
	return rp_fail(cause, RP_ERR_INVALID, "refused");
}

/* evaluate --limit: the bundle read with only the selected targets. */
static void
read_filtered(void **state)
{
	struct rp_bundle *all = NULL, *part = NULL;
	char *d = tmpdir(), *cause = NULL;
	size_t i, k = 0, seen = 0, np = 0;

	(void)state;
	make_estate(d, 6);	/* 30 targets, 10 of them in site_02 */
	assert_int_equal(rp_bundle_read(d, &all, &cause), 0);
	assert_int_equal(rp_bundle_read_filtered(d, keep_site_02, &seen,
	    &part, &cause), 0);
	assert_int_equal(seen, 30);
	assert_int_equal(all->ntargets, 30);
	assert_int_equal(part->ntargets, 10);
	for (i = 0; i < all->ntargets; i++) {
		if (strcmp(all->targets[i].groups[0], "site_02") != 0)
			continue;
		/* the same target, loaded whole, in the same order */
		assert_string_equal(part->targets[k].id, all->targets[i].id);
		assert_int_equal(part->targets[k].nprobes,
		    all->targets[i].nprobes);
		assert_int_equal(part->targets[k].status,
		    all->targets[i].status);
		np += part->targets[k].nprobes;
		k++;
	}
	assert_int_equal(k, 10);
	assert_true(np > 10);
	rp_bundle_free(part);
	part = NULL;
	assert_int_equal(rp_bundle_read_filtered(d, refuse, NULL, &part,
	    &cause), RP_ERR_INVALID);
	assert_null(part);
	assert_string_equal(cause, "refused");
	free(cause);
	rp_bundle_free(all);
	rmrf(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(writer_matches_jansson),
		cmocka_unit_test(streamed_fixture),
		cmocka_unit_test(streamed_estate),
		cmocka_unit_test(read_filtered),
		cmocka_unit_test(reader_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
