#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "engine/eval.h"
#include "engine/evaluators.h"
#include "engine/extract.h"
#include "engine/registry.h"
#include "core/banned.h"

static int
default_empty(const struct rp_test *t)
{
	if (t->empty >= 0)
		return t->empty;
	switch (t->quant) {
	case RP_Q_ALL:
	case RP_Q_NONE:
		return RP_ST_PASS;
	case RP_Q_ANY:
		return RP_ST_FAIL;
	default:
		return RP_ST_ERROR;
	}
}

static void
judge_count(const struct rp_test *t, const char *expected,
    const struct rp_values *vals, struct rp_verdict *v)
{
	char n[32];
	size_t i;
	int r;

	struct rp_strbuf sb;

	snprintf(n, sizeof(n), "%zu", vals->n);
	for (i = 0; i < vals->n; i++) {
		rp_verdict_observe(v, vals->v[i], vals->len[i]);
		rp_verdict_evidence(v, vals->v[i], vals->len[i]);
	}
	/* observed: "N: value, value, ..." */
	rp_strbuf_init(&sb, RP_OBSERVED_MAX + 32);
	rp_strbuf_addstr(&sb, n);
	if (vals->n > 0) {
		rp_strbuf_addstr(&sb, ": ");
		rp_strbuf_add(&sb, v->observed.buf, v->observed.len);
	}
	rp_strbuf_release(&v->observed);
	v->observed = sb;
	r = rp_op_test(t->op, n, expected, 0, &v->reason);
	v->status = r < 0 ? RP_ST_ERROR : r ? RP_ST_PASS : RP_ST_FAIL;
}

/* Apply a declarative test to extracted values. */
static void
judge(const struct rp_test *t, const char *expected,
    const struct rp_values *vals, struct rp_verdict *v)
{
	size_t i, hits = 0;
	int r;

	if (t->op == RP_OP_ABSENT || t->op == RP_OP_PRESENT) {
		for (i = 0; i < vals->n; i++) {
			rp_verdict_observe(v, vals->v[i], vals->len[i]);
			rp_verdict_evidence(v, vals->v[i], vals->len[i]);
		}
		v->status = (vals->n == 0) == (t->op == RP_OP_ABSENT) ?
		    RP_ST_PASS : RP_ST_FAIL;
		return;
	}
	if (t->quant == RP_Q_COUNT) {
		judge_count(t, expected, vals, v);
		return;
	}
	if (vals->n == 0) {
		v->status = (enum rp_status)default_empty(t);
		if (v->status == RP_ST_ERROR)
			v->reason = xstrdup("value not found in the probe "
			    "output");
		else if (v->status == RP_ST_NA)
			v->reason = xstrdup("nothing to judge in the probe "
			    "output: not applicable");
		return;
	}
	if (t->quant == RP_Q_ONE) {
		r = rp_op_test(t->op, vals->v[0], expected, t->icase,
		    &v->reason);
		rp_verdict_observe(v, vals->v[0], vals->len[0]);
		v->status = r < 0 ? RP_ST_ERROR : r ? RP_ST_PASS : RP_ST_FAIL;
		return;
	}
	for (i = 0; i < vals->n; i++) {
		r = rp_op_test(t->op, vals->v[i], expected, t->icase,
		    &v->reason);
		if (r < 0) {
			v->status = RP_ST_ERROR;
			return;
		}
		hits += (size_t)r;
		/* observed: the values that make the check fail */
		if ((t->quant == RP_Q_ALL && !r) ||
		    (t->quant == RP_Q_NONE && r) || t->quant == RP_Q_ANY) {
			rp_verdict_observe(v, vals->v[i], vals->len[i]);
			rp_verdict_evidence(v, vals->v[i], vals->len[i]);
		}
	}
	if (t->quant == RP_Q_ALL)
		v->status = hits == vals->n ? RP_ST_PASS : RP_ST_FAIL;
	else if (t->quant == RP_Q_NONE)
		v->status = hits == 0 ? RP_ST_PASS : RP_ST_FAIL;
	else
		v->status = hits > 0 ? RP_ST_PASS : RP_ST_FAIL;
}

/* Is the probe output usable? If not, set the verdict and return 0. */
static int
probe_usable(const struct rp_target_ev *t, const struct rp_check *ck,
    const struct rp_probe_out **outp, struct rp_verdict *v)
{
	const struct rp_probe_out *po = rp_target_probe(t, ck->probe_id);

	*outp = po;
	if (po == NULL && ck->probe != NULL && ck->probe->deep) {
		v->status = RP_ST_NA;
		v->reason = xasprintf("probe '%s' is collected in deep mode "
		    "only (collect --deep)", ck->probe_id);
		return 0;
	}
	if (po == NULL && ck->probe != NULL &&
	    ck->probe->type == RP_PROBE_SYSVOL) {
		v->reason = xasprintf("probe '%s' was not collected: SYSVOL "
		    "is read over SMB when the [ad] target has sysvol=yes in "
		    "the inventory, or imported from a copy with rempart "
		    "evidence import-sysvol", ck->probe_id);
		return 0;
	}
	if (po == NULL) {
		v->reason = xasprintf("probe '%s' was not collected",
		    ck->probe_id);
		return 0;
	}
	switch (po->status) {
	case RP_PS_OK:
		if (t->kind == RP_KIND_LINUX && !po->started) {
			/* fail closed: an output is not proof that the
			 * probe ran (its shell may have failed before it) */
			v->reason = xasprintf("probe '%s' has no proof that "
			    "it ran (no start token recorded; collected by an "
			    "older rempart or edited by hand): collect again",
			    ck->probe_id);
			return 0;
		}
		if (po->data != NULL)
			return 1;
		v->reason = xasprintf("probe '%s' has no output file",
		    ck->probe_id);
		return 0;
	case RP_PS_NA:
		v->status = RP_ST_NA;
		v->reason = xasprintf("%s", po->detail ? po->detail :
		    "component absent on this target");
		return 0;
	default:
		v->reason = xasprintf("probe '%s' %s%s%s", ck->probe_id,
		    rp_pstatus_name(po->status), po->detail ? ": " : "",
		    po->detail ? po->detail : "");
		return 0;
	}
}

/* t as collected in the earlier bundle: same id, kind, naming context. */
static const struct rp_target_ev *
earlier_target(const struct rp_bundle *e, const struct rp_target_ev *t)
{
	const struct rp_target_ev *o;
	size_t i;

	if (e == NULL)
		return NULL;
	for (i = 0; i < e->ntargets; i++) {
		o = &e->targets[i];
		if (strcmp(o->id, t->id) != 0 || o->kind != t->kind)
			continue;
		if (o->naming_context != NULL && t->naming_context != NULL &&
		    strcasecmp(o->naming_context, t->naming_context) != 0)
			return NULL;
		return o->status == RP_TS_OK || o->status == RP_TS_PARTIAL ?
		    o : NULL;
	}
	return NULL;
}

/*
 * Name the lines of the durable configuration that fail, with the file
 * that sets them ("KEY = VALUE (FILE)"): each "KEY = VALUE" line is
 * extracted and judged alone, its "# KEY from FILE" line gives the file.
 */
static void
durable_lines(const struct rp_check *ck, const char *expected,
    const char *data, size_t len, struct rp_verdict *v)
{
	const char *p = data, *end = data + len, *nl, *eq, *q, *qe, *f;
	struct rp_values vals;
	struct rp_verdict d;
	struct rp_strbuf sb;
	char *cause = NULL, *from;
	size_t n = 0, klen, got;

	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (nl == p || *p == '#' || (eq = memchr(p, '=',
		    (size_t)(nl - p))) == NULL)
			continue;
		if (rp_extract(&ck->extract, p, (size_t)(nl - p), &vals,
		    &cause) != 0) {
			free(cause);
			cause = NULL;
			continue;
		}
		rp_verdict_init(&d);
		got = vals.n;
		if (got > 0)
			judge(&ck->test, expected, &vals, &d);
		rp_values_release(&vals);
		if (got == 0 || d.status != RP_ST_FAIL) {
			rp_verdict_release(&d);
			continue;
		}
		rp_verdict_release(&d);
		/* the key: up to the blank before '=' */
		for (klen = (size_t)(eq - p); klen > 0 && p[klen - 1] == ' ';
		    klen--)
			;
		rp_strbuf_init(&sb, 512);
		rp_strbuf_addstr(&sb, "next boot: ");
		rp_strbuf_add(&sb, p, (size_t)(nl - p));
		from = xasprintf("# %.*s from ", (int)klen, p);
		for (q = data; q < end; q = qe + 1) {
			if ((qe = memchr(q, '\n', (size_t)(end - q))) == NULL)
				qe = end;
			if ((size_t)(qe - q) > strlen(from) &&
			    memcmp(q, from, strlen(from)) == 0) {
				f = q + strlen(from);
				rp_strbuf_addstr(&sb, " (");
				rp_strbuf_add(&sb, f, (size_t)(qe - f));
				rp_strbuf_addstr(&sb, ")");
				break;
			}
		}
		free(from);
		n++;
		rp_verdict_observe(v, sb.buf, sb.len);
		rp_verdict_evidence(v, sb.buf, sb.len);
		rp_strbuf_release(&sb);
	}
	if (n == 0) {
		from = xstrdup("next boot: a failing value in the "
		    "configuration files");
		rp_verdict_observe(v, from, strlen(from));
		free(from);
	}
}

/*
 * The same test on the configuration the next boot applies (the probe's
 * durable companion, e.g. the sysctl.d files): a value set there that fails
 * is a finding even when the running value is right. A key no file sets
 * leaves the running verdict alone (the kernel's default applies at boot);
 * evidence collected without the companion is judged on the running value.
 */
static void
judge_durable(const struct rp_target_ev *t, const struct rp_selection *sel,
    struct rp_verdict *v)
{
	const struct rp_check *ck = sel->check;
	const struct rp_probe_out *po = rp_target_probe(t, ck->probe->durable);
	struct rp_values vals;
	struct rp_verdict d;
	char *cause = NULL;

	/* never collected (older evidence), or not applicable: the running
	 * value alone */
	if (po == NULL || po->status == RP_PS_NA)
		return;
	/* collected but not proven: the next boot is not judged, no pass */
	if (po->status != RP_PS_OK || po->data == NULL ||
	    (t->kind == RP_KIND_LINUX && !po->started)) {
		if (v->status == RP_ST_PASS) {
			v->status = RP_ST_ERROR;
			free(v->reason);
			v->reason = xasprintf("%s: not collected (%s): the "
			    "configuration the next boot applies is not judged",
			    ck->probe->durable, rp_pstatus_name(
			    po->status));
		}
		return;
	}
	if (rp_extract(&ck->extract, po->data, po->len, &vals, &cause) != 0) {
		v->status = RP_ST_ERROR;
		free(v->reason);
		v->reason = xasprintf("%s: %s", ck->probe->durable,
		    cause ? cause : "extraction");
		free(cause);
		return;
	}
	rp_probe_drop_pages(po);
	if (vals.n == 0 || (ck->test.quant == RP_Q_COUNT &&
	    ck->test.op != RP_OP_ABSENT && ck->test.op != RP_OP_PRESENT)) {
		rp_values_release(&vals);
		return;
	}
	rp_verdict_init(&d);
	judge(&ck->test, sel->expected, &vals, &d);
	if (vals.truncated && d.status == RP_ST_PASS) {
		d.status = RP_ST_ERROR;
		d.reason = xstrdup("too many values to judge: output capped");
	}
	if (d.status == RP_ST_FAIL) {
		durable_lines(ck, sel->expected, po->data, po->len, v);
		if (v->status == RP_ST_PASS || v->status == RP_ST_NA)
			v->status = RP_ST_FAIL;
	} else if (d.status == RP_ST_ERROR && v->status == RP_ST_PASS) {
		v->status = RP_ST_ERROR;
		free(v->reason);
		v->reason = xasprintf("%s: %s", ck->probe->durable,
		    d.reason ? d.reason : "cannot judge");
	}
	rp_verdict_release(&d);
	rp_values_release(&vals);
}

/*
 * An evaluator that returns non-zero could not do its job (an internal
 * failure, not something the evidence says): whatever it judged is void,
 * the result is an error that says so (fail closed).
 */
static void
evaluator_failed(const struct rp_check *ck, int r, struct rp_verdict *v)
{
	char *why;

	why = xasprintf("evaluator '%s' failed (%s)%s%s", ck->evaluator->name,
	    rp_err_str(r), v->reason != NULL ? ": " : "",
	    v->reason != NULL ? v->reason : "");
	free(v->reason);
	v->reason = why;
	v->status = RP_ST_ERROR;
}

/* 0, or the non-zero return of the check's evaluator. */
static int
run_check(const struct rp_evaluation *ev, const struct rp_target_ev *t,
    const struct rp_selection *sel, struct rp_verdict *v)
{
	const struct rp_check *ck = sel->check;
	const struct rp_probe_out *po = NULL;
	struct rp_eval_ctx ctx;
	struct rp_values vals;
	char *cause = NULL;
	int r;

	if (t->status != RP_TS_OK && t->status != RP_TS_PARTIAL &&
	    (ck->evaluator == NULL || ck->evaluator->needs_probe)) {
		v->reason = xasprintf("target not audited (%s)",
		    rp_tstatus_name(t->status));
		return 0;
	}
	if (ck->probe_id != NULL && !probe_usable(t, ck, &po, v))
		return 0;
	if (ck->evaluator != NULL) {
		ctx.target = t;
		ctx.out = po;
		ctx.incident = ev->incident;
		ctx.attest = ev->attest;
		ctx.now = ev->now;
		ctx.earlier = earlier_target(ev->earlier, t);
		ctx.earlier_time = ctx.earlier == NULL ? 0 :
		    ctx.earlier->started ? ctx.earlier->started :
		    rp_bundle_audit_time(ev->earlier);
		ctx.dir = ev->dir_cache;
		if ((r = ck->evaluator->evaluate(&ctx, ck, sel->expected,
		    v)) != 0)
			evaluator_failed(ck, r, v);
		return r;
	}
	r = rp_extract(&ck->extract, po->data, po->len, &vals, &cause);
	rp_probe_drop_pages(po);
	if (r != 0) {
		v->reason = cause;
		return 0;
	}
	judge(&ck->test, sel->expected, &vals, v);
	if (vals.truncated && v->status == RP_ST_PASS) {
		v->status = RP_ST_ERROR;
		free(v->reason);
		v->reason = xstrdup("too many values to judge: output capped");
	}
	rp_values_release(&vals);
	if (ck->probe != NULL && ck->probe->durable != NULL &&
	    v->status != RP_ST_ERROR)
		judge_durable(t, sel, v);
	return 0;
}

static const struct rp_waiver *
find_waiver(const struct rp_evaluation *ev, const char *check,
    const char *target)
{
	size_t i;

	for (i = 0; i < ev->nwaivers; i++)
		if (strcmp(ev->waivers[i].check, check) == 0 &&
		    rp_glob_match(ev->waivers[i].target, target))
			return &ev->waivers[i];
	return NULL;
}

int
rp_evaluate_one(const struct rp_evaluation *ev, const struct rp_target_ev *t,
    const struct rp_selection *sel, struct rp_result *res)
{
	struct rp_verdict v;
	int r;

	memset(res, 0, sizeof(*res));
	rp_verdict_init(&v);
	r = run_check(ev, t, sel, &v);
	res->target = t;
	res->check = sel->check;
	res->sel = sel;
	res->severity = sel->severity;
	res->status = v.status;
	res->reason = v.reason;
	v.reason = NULL;	/* transferred */
	if (v.observed.len)
		res->observed = rp_strbuf_detach(&v.observed, NULL);
	if (v.evidence.len)
		res->evidence = rp_strbuf_detach(&v.evidence, NULL);
	if (v.status == RP_ST_FAIL) {
		res->objects = v.objects;
		res->nobjects = v.nobjects;
		res->objects_more = v.objects_more;
		v.objects = NULL;	/* transferred */
		v.nobjects = 0;
	}
	rp_verdict_release(&v);
	if (res->status != RP_ST_FAIL)
		return r;
	res->waiver = find_waiver(ev, sel->check->id, t->id);
	if (res->waiver == NULL)
		return r;
	if (res->waiver->expires >= ev->now)
		res->status = RP_ST_WAIVED;
	else
		res->waiver_expired = 1;
	return r;
}

static int
cmp_sel_id(const void *key, const void *elt)
{
	return strcmp(key, ((const struct rp_selection *)elt)->check->id);
}

/* ck's selection in r, whose selections are sorted by check id. */
static const struct rp_selection *
bsearch_sel(const struct rp_resolved *r, const struct rp_check *ck)
{
	const struct rp_selection *s;

	if (r->nsel == 0)
		return NULL;
	s = bsearch(ck->id, r->sel, r->nsel, sizeof(*r->sel), cmp_sel_id);
	return s != NULL && s->check == ck ? s : NULL;
}

time_t
rp_bundle_audit_time(const struct rp_bundle *b)
{
	time_t t = b->finished;
	size_t i;

	if (t != 0)
		return t;
	for (i = 0; i < b->ntargets; i++) {
		if (b->targets[i].finished > t)
			t = b->targets[i].finished;
	}
	return t ? t : b->started;
}

int
rp_evaluate(const struct rp_bundle *b, const struct rp_resolved *bl,
    size_t nbl, const struct rp_waiver *w, size_t nw,
    const struct rp_incident *inc, struct rp_evaluation *out)
{
	return rp_evaluate_since(b, NULL, bl, nbl, w, nw, inc, out);
}

int
rp_evaluate_since(const struct rp_bundle *b, const struct rp_bundle *earlier,
    const struct rp_resolved *bl, size_t nbl, const struct rp_waiver *w,
    size_t nw, const struct rp_incident *inc, struct rp_evaluation *out)
{
	return rp_evaluate_attested(b, earlier, bl, nbl, w, nw, inc, NULL,
	    out);
}

int
rp_evaluate_attested(const struct rp_bundle *b,
    const struct rp_bundle *earlier, const struct rp_resolved *bl,
    size_t nbl, const struct rp_waiver *w, size_t nw,
    const struct rp_incident *inc, const struct rp_attestations *att,
    struct rp_evaluation *out)
{
	struct rp_evaluation ev;
	const struct rp_target_ev *t;
	size_t i, j, k, m;
	int dup, r, err = 0;

	memset(&ev, 0, sizeof(ev));
	ev.bundle = b;
	ev.earlier = earlier;
	ev.baselines = bl;
	ev.nbaselines = nbl;
	ev.waivers = w;
	ev.nwaivers = nw;
	ev.incident = inc;
	ev.attest = att;
	ev.now = rp_bundle_audit_time(b);
	for (i = 0; i < b->ntargets; i++) {
		t = &b->targets[i];
		ev.dir_cache = rp_dir_cache_new();
		for (j = 0; j < nbl; j++) {
			if (bl[j].baseline->kind != t->kind)
				continue;
			for (k = 0; k < bl[j].nsel; k++) {
				/* a check in two baselines runs once: the
				 * first baseline given wins */
				for (dup = 0, m = 0; m < j && !dup; m++)
					dup = bl[m].baseline->kind == t->kind &&
					    bsearch_sel(&bl[m],
					    bl[j].sel[k].check) != NULL;
				if (dup)
					continue;
				XGROW(ev.results, ev.aresults, ev.nresults);
				r = rp_evaluate_one(&ev, t, &bl[j].sel[k],
				    &ev.results[ev.nresults++]);
				if (r != 0 && err == 0)
					err = r;
			}
		}
		rp_dir_cache_free(ev.dir_cache);
		ev.dir_cache = NULL;
	}
	*out = ev;
	return err;
}

void
rp_evaluation_release(struct rp_evaluation *ev)
{
	size_t i;

	for (i = 0; i < ev->nresults; i++) {
		free(ev->results[i].observed);
		free(ev->results[i].evidence);
		free(ev->results[i].reason);
		rp_objects_free(ev->results[i].objects,
		    ev->results[i].nobjects);
	}
	free(ev->results);
	if (ev->footprints != NULL)
		for (i = 0; i < ev->bundle->ntargets; i++)
			rp_footprint_free(ev->footprints[i],
			    ev->nfootprints[i]);
	free(ev->footprints);
	free(ev->nfootprints);
	memset(ev, 0, sizeof(*ev));
}

void
rp_evaluate_footprints(struct rp_evaluation *ev)
{
	size_t i, n = ev->bundle->ntargets;

	if (ev->footprints != NULL)
		return;
	ev->footprints = xcalloc(n + 1, sizeof(*ev->footprints));
	ev->nfootprints = xcalloc(n + 1, sizeof(*ev->nfootprints));
	for (i = 0; i < n; i++)
		ev->nfootprints[i] = rp_linux_footprint(&ev->bundle->targets[i],
		    &ev->footprints[i]);
}
