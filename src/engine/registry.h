/*
 * registry.h -- native evaluators: the logic a declarative <test> cannot
 * say, in small pure C functions. Each is one exported const struct with
 * designated initializers; registry.c lists them all, sorted by name, and
 * is the only place a new one is added. An evaluator does no I/O, reads no
 * global, and never sends anything to a target.
 */
#ifndef RP_REGISTRY_H
#define RP_REGISTRY_H

#include <stddef.h>
#include <time.h>

#include "core/model.h"
#include "core/strbuf.h"

struct rp_check;
struct rp_incident;
struct rp_probe_out;
struct rp_target_ev;

struct rp_eval_ctx {
	const struct rp_target_ev	*target;
	const struct rp_probe_out	*out;	 /* the check's probe, or NULL */
	const struct rp_incident	*incident; /* may be NULL */
	time_t				 now;	 /* audit time (evidence) */
	/*
	 * The same target (same id, kind and naming context) in an earlier
	 * evidence bundle given with --previous DIR, or NULL; earlier_time:
	 * when that target's collection started.
	 */
	const struct rp_target_ev	*earlier;
	time_t				 earlier_time;
};

#define RP_OBSERVED_MAX	1024
#define RP_EVIDENCE_MAX	4096

/* What an evaluation produces; observed/evidence are capped buffers. */
struct rp_verdict {
	enum rp_status		status;
	struct rp_strbuf	observed;
	struct rp_strbuf	evidence;
	char			*reason;	/* owned; why error/na/fail */
};

void	rp_verdict_init(struct rp_verdict *v);
void	rp_verdict_release(struct rp_verdict *v);
/* Append an item to observed ("a, b, c"), silently capped. */
void	rp_verdict_observe(struct rp_verdict *v, const char *s, size_t len);
/* Append a line to the evidence excerpt, silently capped. */
void	rp_verdict_evidence(struct rp_verdict *v, const char *s, size_t len);

struct rp_evaluator {
	const char	*name;
	enum rp_kind	 kind;
	int		 needs_probe;	/* 0: judges the target itself */
	int		 nalso;		/* probes it needs in also=... */
	const char	*doc;
	/* expected: the check's value, possibly overridden by a baseline */
	int		(*evaluate)(const struct rp_eval_ctx *ctx,
			    const struct rp_check *check, const char *expected,
			    struct rp_verdict *out);
};

extern const struct rp_evaluator *const rp_evaluators[];
extern const size_t rp_nevaluators;

const struct rp_evaluator *rp_evaluator_find(const char *name);

struct rp_content;

/*
 * Bind every check of c to the evaluator its <evaluator name=...> names
 * (bind.c): an unknown name, an evaluator of another kind of target, fewer
 * also= probes than it reads, or no <read probe> when it needs one is an
 * error naming the check's file and line. Content loading knows
 * evaluators by name only: run this before evaluating.
 */
int	rp_evaluators_bind(struct rp_content *c, char **cause);
/*
 * rp_content_load, then rp_baselines_check (every shipped baseline
 * resolves) and rp_evaluators_bind: a catalogue ready to run.
 */
int	rp_eval_content_load(const char *datadir, struct rp_content **out,
	    char **cause);

#endif
