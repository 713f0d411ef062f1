/*
 * eval_manual.c -- the manual checks: what people answered in the
 * attestations file. No answer is "not assessed" (error), never a pass;
 * the expected answer passes, the other fails and enters the plan like any
 * finding; "na" needs its reason in the evidence.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "content/content.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "engine/evaluators.h"
#include "engine/registry.h"
#include "core/banned.h"

/* s on one line: control characters (newlines) become blanks. */
static char *
one_line(const char *s)
{
	char *d = xstrdup(s ? s : ""), *p;

	for (p = d; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return d;
}

static int
eval_manual(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
    const char *expected, struct rp_verdict *v)
{
	const struct rp_attestation *a;
	const char *want = expected ? expected : ck->manual_expected;
	char *by, *ev, *s;
	size_t i;

	if (ctx->attest == NULL) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("not answered: no attestations file "
		    "(rempart attest template, then --attestations)");
		return 0;
	}
	a = rp_attestation_find(ctx->attest, ck->id);
	if (a == NULL || a->value == NULL) {
		v->status = RP_ST_ERROR;
		v->reason = xstrdup("not answered in the attestations file");
		return 0;
	}
	by = one_line(a->by);
	ev = one_line(a->evidence);
	s = xasprintf(strcmp(a->value, "yes") == 0 ? "answered yes by %s "
	    "on %s" : strcmp(a->value, "no") == 0 ? "answered no by %s on "
	    "%s" : "answered not applicable by %s on %s", by, a->date ?
	    a->date : "?");
	rp_verdict_observe(v, s, strlen(s));
	free(s);
	if (*ev != '\0')
		rp_verdict_evidence(v, ev, strlen(ev));
	for (i = 0; i < a->natt; i++) {
		char *n = one_line(a->att_name[i]);

		s = xasprintf("%s sha256:%s", n, a->att_sha256[i]);
		rp_verdict_evidence(v, s, strlen(s));
		free(s);
		free(n);
	}
	if (strcmp(a->value, "na") == 0) {
		v->status = *ev != '\0' ? RP_ST_NA : RP_ST_ERROR;
		if (*ev == '\0')
			v->reason = xstrdup("answered not applicable without "
			    "saying why (give the reason as evidence)");
	} else
		v->status = strcmp(a->value, want) == 0 ? RP_ST_PASS :
		    RP_ST_FAIL;
	free(by);
	free(ev);
	return 0;
}

const struct rp_evaluator rp_eval_manual = {
	.name = "manual",
	.kind = RP_KIND_MANUAL,
	.needs_probe = 0,
	.nalso = 0,
	.doc = "the answer given in the attestations file: the expected "
	    "answer passes, the other fails, none is not assessed",
	.evaluate = eval_manual,
};
