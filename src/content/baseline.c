#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/baseline.h"
#include "content/content.h"
#include "core/banned.h"

#define MAX_CHAIN 16

static struct rp_selection *
find_sel(struct rp_resolved *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nsel; i++)
		if (strcmp(r->sel[i].check->id, id) == 0)
			return &r->sel[i];
	return NULL;
}

static void
add_sel(struct rp_resolved *r, size_t *cap, const struct rp_check *ck,
    const struct rp_baseline *from, const char *top)
{
	struct rp_selection *s;

	if (find_sel(r, ck->id) != NULL)
		return;
	XGROW(r->sel, *cap, r->nsel);
	s = &r->sel[r->nsel++];
	s->check = ck;
	s->expected = ck->has_test ? ck->test.value : ck->evaluator_value;
	s->severity = ck->severity;
	s->level = from->level ? from->level : from->id;
	s->baseline = top;
}

static int
module_match(const char *want, const char *module)
{
	size_t n = strlen(want);

	/* "linux/ssh" selects that module; "linux" every linux module */
	return strcmp(want, module) == 0 ||
	    (strncmp(want, module, n) == 0 && module[n] == '/');
}

static int
apply(const struct rp_content *c, const struct rp_baseline *b,
    struct rp_resolved *r, size_t *cap, const char *top, char **cause)
{
	const struct rp_check *ck;
	struct rp_selection *s;
	size_t i, j, n;

	for (i = 0; i < b->nsel_checks; i++) {
		ck = rp_content_check(c, b->sel_checks[i]);
		if (ck == NULL)
			return rp_fail(cause, RP_ERR_INVALID, "%s: baseline "
			    "'%s' selects unknown check '%s'", b->file, b->id,
			    b->sel_checks[i]);
		if (ck->kind != b->kind)
			return rp_fail(cause, RP_ERR_INVALID, "%s: baseline "
			    "'%s' (%s) selects %s check '%s'", b->file, b->id,
			    rp_kind_name(b->kind), rp_kind_name(ck->kind),
			    ck->id);
		add_sel(r, cap, ck, b, top);
	}
	for (i = 0; i < b->nsel_modules; i++) {
		for (n = 0, j = 0; j < c->nchecks; j++) {
			if (c->checks[j].kind == b->kind &&
			    module_match(b->sel_modules[i],
			    c->checks[j].module)) {
				add_sel(r, cap, &c->checks[j], b, top);
				n++;
			}
		}
		if (n == 0)
			return rp_fail(cause, RP_ERR_INVALID, "%s: baseline "
			    "'%s' selects module '%s', which has no %s check",
			    b->file, b->id, b->sel_modules[i],
			    rp_kind_name(b->kind));
	}
	for (i = 0; i < b->nexcludes; i++) {
		if (rp_content_check(c, b->excludes[i]) == NULL)
			return rp_fail(cause, RP_ERR_INVALID, "%s: baseline "
			    "'%s' excludes unknown check '%s'", b->file, b->id,
			    b->excludes[i]);
		if ((s = find_sel(r, b->excludes[i])) != NULL) {
			*s = r->sel[r->nsel - 1];
			r->nsel--;
		}
	}
	for (i = 0; i < b->noverrides; i++) {
		const struct rp_override *o = &b->overrides[i];

		if (rp_content_check(c, o->check) == NULL)
			return rp_fail(cause, RP_ERR_INVALID, "%s: baseline "
			    "'%s' overrides unknown check '%s'", b->file,
			    b->id, o->check);
		if ((s = find_sel(r, o->check)) == NULL)
			continue;	/* not selected: nothing to change */
		if (o->value != NULL)
			s->expected = o->value;
		if (o->severity >= 0)
			s->severity = (enum rp_severity)o->severity;
	}
	return 0;
}

static int
cmp_sel(const void *a, const void *b)
{
	return strcmp(((const struct rp_selection *)a)->check->id,
	    ((const struct rp_selection *)b)->check->id);
}

int
rp_baseline_resolve(const struct rp_content *c, const struct rp_baseline *b,
    struct rp_resolved *out, char **cause)
{
	const struct rp_baseline *chain[MAX_CHAIN], *p;
	struct rp_resolved r;
	size_t n = 0, i, j, cap = 0;
	int err;

	memset(&r, 0, sizeof(r));
	for (p = b; p != NULL; ) {
		for (j = 0; j < n; j++)
			if (chain[j] == p)
				return rp_fail(cause, RP_ERR_INVALID, "%s: "
				    "baseline '%s' extends itself through "
				    "'%s'", b->file, b->id, p->id);
		if (n == MAX_CHAIN)
			return rp_fail(cause, RP_ERR_INVALID, "%s: baseline "
			    "'%s': more than %d levels of 'extends'", b->file,
			    b->id, MAX_CHAIN);
		chain[n++] = p;
		if (p->extends == NULL)
			break;
		for (i = 0, p = NULL; i < c->nbaselines; i++)
			if (strcmp(c->baselines[i]->id, chain[n - 1]->extends)
			    == 0)
				p = c->baselines[i];
		if (p == NULL)
			return rp_fail(cause, RP_ERR_INVALID, "%s: baseline "
			    "'%s' extends unknown baseline '%s'",
			    chain[n - 1]->file, chain[n - 1]->id,
			    chain[n - 1]->extends);
		if (p->kind != b->kind)
			return rp_fail(cause, RP_ERR_INVALID, "%s: baseline "
			    "'%s' (%s) extends '%s' (%s)", chain[n - 1]->file,
			    chain[n - 1]->id, rp_kind_name(chain[n - 1]->kind),
			    p->id, rp_kind_name(p->kind));
	}
	/* apply from the root ancestor down to b */
	for (i = n; i-- > 0; ) {
		if ((err = apply(c, chain[i], &r, &cap, b->id, cause)) != 0) {
			free(r.sel);
			return err;
		}
	}
	if (r.nsel)
		qsort(r.sel, r.nsel, sizeof(*r.sel), cmp_sel);
	r.baseline = b;
	r.chain = xcalloc(n, sizeof(*r.chain));
	for (i = 0; i < n; i++)
		r.chain[i] = chain[i]->id;
	r.nchain = n;
	*out = r;
	return 0;
}

void
rp_resolved_release(struct rp_resolved *r)
{
	if (r == NULL)
		return;
	free(r->sel);
	free(r->chain);
	memset(r, 0, sizeof(*r));
}

long long
rp_level_rank(const char *lv)
{
	static const char *const names[] = { "minimal", "intermediary",
	    "enhanced", "high" };
	long long n;
	size_t i;

	if (lv == NULL)
		return 0;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(lv, names[i]) == 0)
			return (long long)i + 1;
	if (rp_strtonum(lv, 1, 100, &n) == 0)
		return n;
	return -1;
}

/* Does b extend (directly or not) the baseline named id? */
static int
extends_id(const struct rp_content *c, const struct rp_baseline *b,
    const char *id)
{
	size_t i, depth;

	for (depth = 0; b != NULL && depth < MAX_CHAIN; depth++) {
		if (b->extends == NULL)
			return 0;
		if (strcmp(b->extends, id) == 0)
			return 1;
		for (i = 0; i < c->nbaselines; i++)
			if (strcmp(c->baselines[i]->id, b->extends) == 0)
				break;
		b = i < c->nbaselines ? c->baselines[i] : NULL;
	}
	return 0;
}

const struct rp_baseline *
rp_baseline_ladder_top(const struct rp_content *c, const struct rp_baseline *b)
{
	const struct rp_baseline *top = b, *x;
	long long rank, best;
	size_t i;

	if (b->reference == NULL || (best = rp_level_rank(b->level)) <= 0)
		return b;
	for (i = 0; i < c->nbaselines; i++) {
		x = c->baselines[i];
		if (x->kind != b->kind || x->reference == NULL ||
		    strcmp(x->reference, b->reference) != 0 ||
		    (rank = rp_level_rank(x->level)) <= best ||
		    !extends_id(c, x, b->id))
			continue;
		top = x;
		best = rank;
	}
	return top;
}

const struct rp_selection *
rp_resolved_find(const struct rp_resolved *r, const struct rp_check *ck)
{
	size_t lo = 0, hi = r->nsel, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(r->sel[mid].check->id, ck->id)) == 0)
			return &r->sel[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int
rp_baselines_check(const struct rp_content *c, char **cause)
{
	struct rp_resolved res;
	size_t i;
	int r = 0;

	for (i = 0; r == 0 && i < c->nbaselines; i++) {
		memset(&res, 0, sizeof(res));
		r = rp_baseline_resolve(c, c->baselines[i], &res, cause);
		rp_resolved_release(&res);
	}
	return r;
}
