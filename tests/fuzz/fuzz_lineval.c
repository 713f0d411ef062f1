/*
 * libFuzzer target: the shipped Linux catalogue on hostile probe output.
 * The input is every probe of one Linux target (and of an earlier bundle),
 * with an incident window; every Linux check of the catalogue is evaluated
 * on it: its extraction with the catalogue's own regex, its test or native
 * evaluator (eval_linux.c, eval_incident.c, the Linux ones of
 * evaluators.c). Properties, besides no crash, leak or UB:
 *  - extraction never drops silently: a line that a <lines match> regex
 *    matches is among the values (unless the set says it was capped), and a
 *    regex that fails on a line (match limit) makes the extraction an error;
 *  - an error or na verdict says why.
 * The first byte picks the check whose probe gets the input (the others
 * get it too, so every check sees hostile lines).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"
#include "engine/eval.h"
#include "engine/extract.h"
#include "engine/registry.h"
#include "evidence/bundle.h"
#include "parse/rx.h"

#ifndef RP_FUZZ_CHECKS
#define RP_FUZZ_CHECKS	"checks"
#endif

static struct rp_content *cat;
static struct rp_selection *sel;
static size_t nsel;
static char **pids;	/* the Linux probes' ids */
static size_t npids;

static void
load(void)
{
	const char *dir = getenv("RP_FUZZ_CHECKS");
	char *cause = NULL;
	size_t i, j;

	if (rp_eval_content_load(dir ? dir : RP_FUZZ_CHECKS, &cat, &cause) != 0)
		abort();
	sel = calloc(cat->nchecks, sizeof(*sel));
	pids = calloc(cat->nprobes, sizeof(*pids));
	if (sel == NULL || pids == NULL)
		abort();
	for (i = 0; i < cat->nchecks; i++) {
		const struct rp_check *ck = &cat->checks[i];

		if (ck->kind != RP_KIND_LINUX)
			continue;
		sel[nsel].check = ck;
		sel[nsel].expected = ck->has_test ? ck->test.value :
		    ck->evaluator_value;
		sel[nsel].severity = ck->severity;
		sel[nsel].level = "fuzz";
		sel[nsel++].baseline = "fuzz";
	}
	for (i = 0; i < cat->nprobes; i++) {
		if (cat->probes[i].kind != RP_KIND_LINUX)
			continue;
		for (j = 0; j < npids; j++)
			if (strcmp(pids[j], cat->probes[i].id) == 0)
				break;
		if (j == npids)
			pids[npids++] = cat->probes[i].id;
	}
	if (nsel == 0 || npids == 0)
		abort();
}

/* The line property of one <lines match> extraction. */
static void
lines_property(const struct rp_check *ck, const char *data, size_t len)
{
	const struct rp_extract *x = &ck->extract;
	const char *p = data, *end = data + len, *nl;
	struct rp_values v;
	char *cause = NULL;
	size_t l, i;
	int r, limit = 0, found;

	if (!ck->has_extract || x->kind != RP_X_LINES || x->rx == NULL ||
	    x->split != NULL || x->pick != RP_PICK_DEFAULT)
		return;
	r = rp_extract(x, data, len, &v, &cause);
	for (; p < end; p = nl ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (l > 0 && p[l - 1] == '\r')
			l--;
		if (l == 0)
			continue;
		switch (rp_rx_test(x->rx, p, l)) {
		case 0:
			continue;
		case 1:
			break;
		default:
			limit = 1;
			continue;
		}
		if (r != 0)
			continue;	/* an error: nothing judged */
		for (found = 0, i = 0; i < v.n && !found; i++)
			found = v.len[i] == l && memcmp(v.v[i], p, l) == 0;
		/* a value longer than the cap is cut, and says so */
		if (!found && !v.truncated)
			abort();	/* a matching line was dropped */
	}
	if (limit && r == 0)
		abort();		/* a limit was hidden */
	if (r == 0)
		rp_values_release(&v);
	free(cause);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rp_probe_out *po, old;
	struct rp_target_ev t, ot;
	struct rp_bundle b, eb;
	struct rp_baseline bl;
	struct rp_resolved res;
	struct rp_incident inc;
	struct rp_evaluation ev;
	char *buf;
	size_t i;

	if (cat == NULL)
		load();
	if (size < 1)
		return 0;
	if ((buf = malloc(size)) == NULL)
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	if ((po = calloc(npids, sizeof(*po))) == NULL) {
		free(buf);
		return 0;
	}
	for (i = 0; i < npids; i++) {
		po[i].probe = pids[i];
		po[i].status = RP_PS_OK;
		po[i].started = 1;
		po[i].data = buf;
		po[i].len = size - 1;
	}
	memset(&t, 0, sizeof(t));
	t.id = (char *)"h1";
	t.kind = RP_KIND_LINUX;
	t.status = RP_TS_OK;
	t.user = (char *)"auditor";
	t.auth = (char *)"publickey";
	t.started = 1795824000;
	t.probes = po;
	t.nprobes = npids;
	old = po[data[0] % npids];
	ot = t;
	ot.probes = &old;
	ot.nprobes = 1;
	memset(&b, 0, sizeof(b));
	b.targets = &t;
	b.ntargets = 1;
	b.finished = 1795824000;
	eb = b;
	eb.targets = &ot;
	eb.finished = 1791000000;
	memset(&inc, 0, sizeof(inc));
	inc.compromise_start = 1790000000;
	inc.containment = 1790500000;
	memset(&bl, 0, sizeof(bl));
	bl.kind = RP_KIND_LINUX;
	memset(&res, 0, sizeof(res));
	res.baseline = &bl;
	res.sel = sel;
	res.nsel = nsel;
	if (rp_evaluate_since(&b, &eb, &res, 1, NULL, 0, &inc, &ev) == 0) {
		for (i = 0; i < ev.nresults; i++)
			if ((ev.results[i].status == RP_ST_ERROR ||
			    ev.results[i].status == RP_ST_NA) &&
			    ev.results[i].reason == NULL) {
				fprintf(stderr, "%s: %s without a reason\n",
				    ev.results[i].check->id,
				    rp_status_name(ev.results[i].status));
				abort();	/* error or na without why */
			}
		rp_evaluation_release(&ev);
	}
	for (i = 0; i < nsel; i++)
		lines_property(sel[i].check, buf, size - 1);
	free(po);
	free(buf);
	return 0;
}
