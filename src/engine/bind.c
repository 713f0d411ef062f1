/*
 * bind.c -- bind the catalogue's checks to the native evaluators they name
 * (registry.h). Content loading (content/) knows evaluators by name only;
 * the engine binds them after loading and refuses what it cannot run.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "content/content.h"
#include "engine/registry.h"
#include "core/banned.h"

static int
bind_check(struct rp_check *ck, char **cause)
{
	const struct rp_evaluator *e;

	ck->evaluator = NULL;
	if (ck->evaluator_name == NULL)
		return 0;
	if ((e = rp_evaluator_find(ck->evaluator_name)) == NULL)
		return rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: check '%s': unknown evaluator '%s'", ck->file,
		    ck->line, ck->id, ck->evaluator_name);
	if (e->kind != ck->kind)
		return rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: check '%s': evaluator '%s' is for %s targets",
		    ck->file, ck->line, ck->id, ck->evaluator_name,
		    rp_kind_name(e->kind));
	if (ck->nalso < (size_t)e->nalso)
		return rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: check '%s': evaluator '%s' reads %d more "
		    "probe(s): name them in <evaluator also=...>", ck->file,
		    ck->line, ck->id, ck->evaluator_name, e->nalso);
	if (e->needs_probe && ck->probe == NULL)
		return rp_fail(cause, RP_ERR_INVALID,
		    "%s:%d: check '%s': evaluator '%s' needs a <read "
		    "probe=...>", ck->file, ck->line, ck->id,
		    ck->evaluator_name);
	ck->evaluator = e;
	return 0;
}

int
rp_evaluators_bind(struct rp_content *c, char **cause)
{
	size_t i;
	int r;

	for (i = 0; i < c->nchecks; i++)
		if ((r = bind_check(&c->checks[i], cause)) != 0)
			return r;
	return 0;
}

int
rp_eval_content_load(const char *datadir, struct rp_content **out,
    char **cause)
{
	struct rp_content *c = NULL;
	int r;

	*out = NULL;
	if ((r = rp_content_load(datadir, &c, cause)) != 0)
		return r;
	if ((r = rp_baselines_check(c, cause)) != 0 ||
	    (r = rp_evaluators_bind(c, cause)) != 0) {
		rp_content_free(c);
		return r;
	}
	*out = c;
	return 0;
}
