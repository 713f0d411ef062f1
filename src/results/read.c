/*
 * read.c -- load a results.json written by this or an earlier run, and
 * refuse one whose identifiers could break a renderer.
 */
#include "config.h"

#include <sys/mman.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/file.h"
#include "core/json.h"
#include "core/model.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "results/read.h"
#include "core/banned.h"

/*
 * Identifiers, statuses and dates are printed by the renderers as they are
 * (in HTML attributes and code spans, Markdown headings, CSV, JUnit). A
 * results file may come from elsewhere (--previous, a handed-over audit):
 * refuse one whose identifiers hold anything but these characters.
 */
static int
safe_word(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && strchr("._:-/+ ", *s) == NULL)
			return 0;
	return 1;
}

static int
safe_keys(json_t *o, const char *const *keys, const char *path,
    const char *where, size_t idx, char **cause)
{
	const char *v;
	size_t k;

	for (k = 0; keys[k] != NULL; k++) {
		v = json_string_value(json_object_get(o, keys[k]));
		if (v != NULL && !safe_word(v)) {
			rp_fail(cause, RP_ERR_INVALID, "%s: %s[%zu].%s holds "
			    "characters a rempart results file never has",
			    path, where, idx, keys[k]);
			return 0;
		}
	}
	return 1;
}

static int
safe_fields(json_t *j, const char *path, char **cause)
{
	static const char *const res[] = { "target", "check", "module",
		"status", "severity", "phase", "effort", "operator", "level",
		"baseline", NULL };
	static const char *const tgt[] = { "id", "kind", "status", NULL };
	static const char *const pln[] = { "kind", "check", "module", "phase",
		"severity", "incident_phase", "effort", NULL };
	static const char *const chg[] = { "target", "check", "change",
		"severity", "status", "previous_status", NULL };
	static const char *const bsl[] = { "id", "kind", NULL };
	static const char *const ptg[] = { "target", "coverage", "cause",
		NULL };
	static const char *const cvg[] = { "verdict", NULL };
	static const char *const lvl[] = { "baseline", "reference", "level",
		NULL };
	static const char *const top[] = { "generated_at", NULL };
	static const char *const ev[] = { "started_at", "finished_at", NULL };
	static const char *const inc[] = { "organisation_type",
		"compromise_start", "detection", "containment", "remediation",
		NULL };
	static const struct {
		const char *name;
		const char *const *keys;
	} lists[] = {
		{ "results", res }, { "targets", tgt }, { "plan", pln },
		{ "baselines", bsl }, { "levels", lvl },
	};
	json_t *a, *o, *cov;
	size_t i, n;

	for (n = 0; n < sizeof(lists) / sizeof(lists[0]); n++) {
		a = json_object_get(j, lists[n].name);
		json_array_foreach(a, i, o)
			if (!safe_keys(o, lists[n].keys, path, lists[n].name, i,
			    cause))
				return 0;
	}
	json_array_foreach(json_object_get(j, "targets"), i, o) {
		json_t *g;
		size_t k;

		json_array_foreach(json_object_get(o, "groups"), k, g)
			if (!json_is_string(g) ||
			    !safe_word(json_string_value(g))) {
				rp_fail(cause, RP_ERR_INVALID, "%s: targets[%zu]"
				    ".groups holds characters a rempart "
				    "results file never has", path, i);
				return 0;
			}
	}
	json_array_foreach(json_object_get(json_object_get(j, "since"),
	    "items"), i, o)
		if (!safe_keys(o, chg, path, "since.items", i, cause))
			return 0;
	cov = json_object_get(json_object_get(j, "summary"), "coverage");
	json_array_foreach(json_object_get(cov, "per_target"), i, o)
		if (!safe_keys(o, ptg, path, "summary.coverage.per_target", i,
		    cause))
			return 0;
	if (!safe_keys(cov, cvg, path, "summary.coverage", 0, cause))
		return 0;
	return safe_keys(j, top, path, "root", 0, cause) &&
	    safe_keys(json_object_get(j, "evidence"), ev, path, "evidence", 0,
	    cause) && safe_keys(json_object_get(j, "incident"), inc, path,
	    "incident", 0, cause);
}

/* A results file larger than this is refused (a 1,000-host sweep is far
 * below it). */
#define RP_RESULTS_MAX	((size_t)1 << 30)

/*
 * The results of a large estate are 200+ MB of text whose tree jansson
 * builds at three to four times that, with each check's texts and every
 * small word (status, module, baseline...) repeated in each result. The
 * file is read whole, then decoded value by value: the document's keys one
 * by one and its "results" array result by result, each result's repeated
 * values shared with the earlier result's (the renderers only read the
 * tree), the text already decoded given back to the system as it goes.
 * Anything unexpected (invalid JSON, a duplicate key) falls back to
 * decoding the whole file as before, for its exact error.
 */
struct piecewise {
	char		*data;		/* the file's text (anonymous map) */
	size_t		 len;
	size_t		 mapped;
	size_t		 pos;		/* next byte to decode */
	size_t		 released;	/* text given back: [0, released) */
	json_t		*shared;	/* value -> the first one decoded */
};

/* Text given back in steps of this (a multiple of the page size). */
#define RELEASE_STEP	((size_t)16 << 20)

static void
release_decoded(struct piecewise *p)
{
	size_t upto = p->pos & ~(RELEASE_STEP - 1);

	if (upto > p->released) {
		(void)madvise(p->data + p->released, upto - p->released,
		    MADV_DONTNEED);
		p->released = upto;
	}
}

static void
skip_space(struct piecewise *p)
{
	while (p->pos < p->len && (p->data[p->pos] == ' ' ||
	    p->data[p->pos] == '\n' || p->data[p->pos] == '\t' ||
	    p->data[p->pos] == '\r'))
		p->pos++;
}

/* The next byte after white space is c: consume it. */
static int
expect(struct piecewise *p, char c)
{
	skip_space(p);
	if (p->pos >= p->len || p->data[p->pos] != c)
		return 0;
	p->pos++;
	return 1;
}

#ifndef JSON_PARSER_MAX_DEPTH
#define JSON_PARSER_MAX_DEPTH	2048
#endif

/*
 * The valid JSON text s (n bytes) nested inside outer arrays or objects
 * goes deeper than jansson decodes a whole document: 1, or 0.
 */
static int
too_deep(const char *s, size_t n, size_t outer)
{
	size_t i, d = outer;
	int str = 0;

	for (i = 0; i < n; i++) {
		if (str) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				str = 0;
		} else if (s[i] == '"')
			str = 1;
		else if (s[i] == '[' || s[i] == '{') {
			if (++d > JSON_PARSER_MAX_DEPTH)
				return 1;
		} else if ((s[i] == ']' || s[i] == '}') && d > 0)
			d--;
	}
	return 0;
}

/*
 * One JSON value at p->pos, inside outer arrays or objects of the document
 * (NULL: not one, or deeper than the whole document decoded at once would
 * be allowed: the document is refused as before).
 */
static json_t *
decode_one(struct piecewise *p, size_t outer)
{
	json_error_t je;
	json_t *v;

	skip_space(p);
	v = json_loadb(p->data + p->pos, p->len - p->pos, JSON_DECODE_ANY |
	    JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES, &je);
	if (v == NULL || je.position <= 0 ||
	    (size_t)je.position > p->len - p->pos ||
	    too_deep(p->data + p->pos, (size_t)je.position, outer)) {
		json_decref(v);
		return NULL;
	}
	p->pos += (size_t)je.position;
	return v;
}

/* a and b the same, keys in the same order (what a renderer dumps). */
static int
same_value(json_t *a, json_t *b)
{
	const char *ka, *kb;
	json_t *va, *vb;
	void *ia, *ib;
	size_t i;

	if (a == b)
		return 1;
	if (json_typeof(a) != json_typeof(b))
		return 0;
	switch (json_typeof(a)) {
	case JSON_OBJECT:
		if (json_object_size(a) != json_object_size(b))
			return 0;
		for (ia = json_object_iter(a), ib = json_object_iter(b);
		    ia != NULL && ib != NULL; ia = json_object_iter_next(a, ia),
		    ib = json_object_iter_next(b, ib)) {
			ka = json_object_iter_key(ia);
			kb = json_object_iter_key(ib);
			va = json_object_iter_value(ia);
			vb = json_object_iter_value(ib);
			if (strcmp(ka, kb) != 0 || !same_value(va, vb))
				return 0;
		}
		return ia == NULL && ib == NULL;
	case JSON_ARRAY:
		if (json_array_size(a) != json_array_size(b))
			return 0;
		for (i = 0; i < json_array_size(a); i++)
			if (!same_value(json_array_get(a, i),
			    json_array_get(b, i)))
				return 0;
		return 1;
	case JSON_STRING:
		return json_string_length(a) == json_string_length(b) &&
		    memcmp(json_string_value(a), json_string_value(b),
		    json_string_length(a)) == 0;
	default:
		return json_equal(a, b);
	}
}

/*
 * Share the values of result r that repeat from result to result: the
 * words by value, the check's texts by check (only when the same).
 */
static void
share_values(struct piecewise *p, json_t *r)
{
	static const char *const words[] = { "target", "check", "module",
		"status", "severity", "phase", "effort", "baseline", "level",
		"operator", "quantifier", NULL };
	static const char *const texts[] = { "title", "finding",
		"remediation", "rationale", "references", NULL };
	const char *ck, *w;
	json_t *v, *c;
	char *k;
	size_t i;

	for (i = 0; words[i] != NULL; i++) {
		v = json_object_get(r, words[i]);
		if (!json_is_string(v) || json_string_length(v) > 256 ||
		    strlen(w = json_string_value(v)) != json_string_length(v))
			continue;
		k = xasprintf("w\t%s", w);
		if ((c = json_object_get(p->shared, k)) == NULL)
			json_object_set(p->shared, k, v);
		else if (c != v)
			json_object_set(r, words[i], c);
		free(k);
	}
	ck = json_string_value(json_object_get(r, "check"));
	if (ck == NULL || strlen(ck) > 256)
		return;
	for (i = 0; texts[i] != NULL; i++) {
		if ((v = json_object_get(r, texts[i])) == NULL)
			continue;
		k = xasprintf("t\t%s\t%s", texts[i], ck);
		if ((c = json_object_get(p->shared, k)) == NULL)
			json_object_set(p->shared, k, v);
		else if (c != v && same_value(c, v))
			json_object_set(r, texts[i], c);
		free(k);
	}
}

/* The "results" array, result by result (NULL: anything unexpected). */
static json_t *
decode_results(struct piecewise *p)
{
	json_t *a = json_array(), *r;

	if (!expect(p, '['))
		goto bad;
	skip_space(p);
	if (p->pos < p->len && p->data[p->pos] == ']') {
		p->pos++;
		return a;
	}
	for (;;) {
		if ((r = decode_one(p, 2)) == NULL || !json_is_object(r)) {
			json_decref(r);
			goto bad;
		}
		share_values(p, r);
		json_array_append_new(a, r);
		release_decoded(p);
		if (expect(p, ']'))
			return a;
		if (!expect(p, ','))
			goto bad;
	}
bad:
	json_decref(a);
	return NULL;
}

/* The whole document, key by key (NULL: anything unexpected). */
static json_t *
decode_document(struct piecewise *p)
{
	json_t *root = json_object(), *k = NULL, *v;

	if (!expect(p, '{'))
		goto bad;
	skip_space(p);
	if (p->pos < p->len && p->data[p->pos] == '}') {
		p->pos++;
		goto end;
	}
	for (;;) {
		if ((k = decode_one(p, 1)) == NULL || !json_is_string(k) ||
		    strlen(json_string_value(k)) != json_string_length(k) ||
		    json_object_get(root, json_string_value(k)) != NULL ||
		    !expect(p, ':'))
			goto bad;
		skip_space(p);
		if (strcmp(json_string_value(k), "results") == 0 &&
		    p->pos < p->len && p->data[p->pos] == '[')
			v = decode_results(p);
		else
			v = decode_one(p, 1);
		if (v == NULL)
			goto bad;
		json_object_set_new(root, json_string_value(k), v);
		json_decref(k);
		k = NULL;
		release_decoded(p);
		if (expect(p, '}'))
			break;
		if (!expect(p, ','))
			goto bad;
	}
end:
	skip_space(p);
	if (p->pos == p->len)
		return root;
bad:
	json_decref(k);
	json_decref(root);
	return NULL;
}

/*
 * The file's text in an anonymous map (given back as it is decoded), read
 * through the safe opener: a FIFO or a device is refused, not read.
 */
static int
read_mapped(const char *path, struct piecewise *p, char **cause)
{
	size_t size = 0;
	int fd, r;

	if ((fd = rp_file_open(path, RP_RESULTS_MAX, &size)) < 0) {
		if (cause != NULL) {
			free(*cause);
			*cause = rp_file_error(path, fd, RP_RESULTS_MAX);
		}
		return fd;
	}
	p->mapped = size + 1;
	p->data = mmap(NULL, p->mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS, -1, 0);
	if (p->data == MAP_FAILED) {
		p->data = NULL;
		close(fd);
		return rp_fail(cause, RP_ERR_IO, "cannot read '%s': %s", path,
		    strerror(errno));
	}
	r = rp_fd_read_all(fd, p->data, size, &p->len, path, cause);
	close(fd);
	return r;
}

int
rp_results_load(const char *path, json_t **out, char **cause)
{
	struct piecewise p;
	json_error_t je;
	json_t *j = NULL;
	const char *fmt;
	char *data;
	size_t len, i;
	int r;

	memset(&p, 0, sizeof(p));
	if ((r = read_mapped(path, &p, cause)) != 0)
		goto out;
	for (i = 0; i < p.len && isspace((unsigned char)p.data[i]); i++)
		continue;
	if (i == p.len || p.data[i] != '{') {
		/* an inventory, an XML file, an evidence bundle's file... */
		r = rp_fail(cause, RP_ERR_INVALID, "%s: not a rempart "
		    "results file (not JSON; 'rempart evaluate' writes "
		    "results.json)", path);
		goto out;
	}
	p.shared = json_object();
	j = decode_document(&p);
	json_decref(p.shared);
	p.shared = NULL;
	munmap(p.data, p.mapped);
	p.data = NULL;
	if (j == NULL) {
		/* invalid: decoded whole again, for jansson's own message */
		if ((r = rp_file_read(path, RP_RESULTS_MAX, &data, &len,
		    cause)) != 0)
			goto out;
		j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
		free(data);
		if (j == NULL && je.line > 0)
			r = rp_fail(cause, RP_ERR_PARSE, "%s:%d: not a rempart "
			    "results file (invalid JSON: %s)", path, je.line,
			    je.text);
		else if (j == NULL)
			r = rp_fail(cause, RP_ERR_PARSE, "%s: not a rempart "
			    "results file (invalid JSON: %s)", path, je.text);
		if (r != 0)
			goto out;
	}
	fmt = json_string_value(json_object_get(j, "format"));
	if (fmt == NULL || strcmp(fmt, "rempart-results/1") != 0 ||
	    !json_is_array(json_object_get(j, "results")) ||
	    !json_is_array(json_object_get(j, "targets"))) {
		r = rp_fail(cause, RP_ERR_INVALID, "%s: not a rempart "
		    "results file (format rempart-results/1)", path);
		goto out;
	}
	if (!safe_fields(j, path, cause)) {
		r = RP_ERR_INVALID;
		goto out;
	}
	*out = j;
	j = NULL;
out:
	if (p.data != NULL)
		munmap(p.data, p.mapped);
	json_decref(j);
	return r;
}
