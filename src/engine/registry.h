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

struct rp_attestations;
struct rp_check;
struct rp_dir_cache;
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
	/*
	 * The parsed directory probes of this target, shared by its checks
	 * (dir_store.c), or NULL: each load then parses and owns. Made and
	 * freed by the evaluation loop (eval.c), one per target; the only
	 * state an evaluator may change, and only through dir_store.h.
	 */
	struct rp_dir_cache		*dir;
	/* the answers to the manual checks (--attestations), or NULL */
	const struct rp_attestations	*attest;
};

#define RP_OBSERVED_MAX	1024
#define RP_EVIDENCE_MAX	4096

/*
 * Each item observed is kept apart too (the objects found: accounts,
 * files, DNs), at most RP_OBJECTS_MAX of them, each cut at RP_OBJECT_MAX
 * bytes; the remediation is filled with them (checks/README.md).
 */
#define RP_OBJECTS_MAX	64
#define RP_OBJECT_MAX	1024

/* What an evaluation produces; observed/evidence are capped buffers. */
struct rp_verdict {
	enum rp_status		status;
	struct rp_strbuf	observed;
	struct rp_strbuf	evidence;
	char			*reason;	/* owned; why error/na/fail */
	char			**objects;	/* owned, nobjects items */
	size_t			nobjects;
	int			objects_more;	/* more items than kept */
};

void	rp_verdict_init(struct rp_verdict *v);
void	rp_verdict_release(struct rp_verdict *v);
/* Append an item to observed ("a, b, c"), silently capped, and to the
 * objects found. */
void	rp_verdict_observe(struct rp_verdict *v, const char *s, size_t len);
/*
 * Append text (len bytes) to observed, and obj alone, the bare object the
 * item is about (a sAMAccountName, a DN), to the objects found: what
 * results[].objects carries and <fill> matches on. obj NULL: an item that
 * names no object (a count, "no read-only DC"), observed only.
 */
void	rp_verdict_object(struct rp_verdict *v, const char *obj,
	    const char *text, size_t len);
/* Append a line to the evidence excerpt, silently capped. */
void	rp_verdict_evidence(struct rp_verdict *v, const char *s, size_t len);
void	rp_objects_free(char **objects, size_t n);

struct rp_evaluator {
	const char	*name;
	enum rp_kind	 kind;
	int		 needs_probe;	/* 0: judges the target itself */
	int		 nalso;		/* probes it needs in also=... */
	const char	*doc;
	/*
	 * expected: the check's value, possibly overridden by a baseline.
	 * Returns 0 with the verdict set: what the evidence says, including
	 * an error verdict with its reason when it cannot be judged. A
	 * negative RP_ERR_* is an internal failure of the evaluator itself:
	 * the engine then makes the result an error naming the evaluator and
	 * the failure (keeping any reason set), whatever status was set, and
	 * rp_evaluate returns that code once every check has run.
	 */
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
