/*
 * dir_store.h -- internal to the engine's directory evaluators (eval_ad*.c,
 * eval_openldap.c): the entries of an LDIF probe in memory, their
 * accessors, and the verdict helpers every directory family uses. Nothing
 * outside src/engine includes it.
 *
 * Entries are parsed from the probe's mapped output into a store of a few
 * large blocks (values and DNs), with attribute names interned and the
 * values of all entries in one array. This is not parse/ldapfilter.h's
 * struct rp_lentry, which holds one entry at a time for the streaming LDIF
 * import and owns its blocks per entry: here every entry of a probe stays
 * in memory for as long as the target is evaluated, and a handful of
 * allocations serve a 100 MB probe.
 */
#ifndef RP_DIR_STORE_H
#define RP_DIR_STORE_H

#include <stddef.h>
#include <time.h>

#include "content/content.h"
#include "engine/extract.h"
#include "engine/registry.h"

struct rp_incident;
struct rp_probe_out;
struct rp_sid;

#define DAY		86400LL
#define LINE_MAX_OBS	512	/* bytes of one observed or evidence line */

/* One value of an entry. */
struct av {
	char	*name;		/* interned: owned by the entries' store */
	char	*val;		/* NUL-terminated copy (may hold NUL) */
	size_t	 len;
};

struct entry {
	char		*dn;
	struct av	*av;
	size_t		 nav, aav;	/* aav: index of the first value */
};

struct ent_store;

/* The entries of one probe, in the order of the LDIF. */
struct entries {
	struct entry		*e;
	size_t			 n, a;
	struct ent_store	*st;	/* owned unless shared */
	int			 shared; /* a view of a cached parse */
};

/*
 * Load the entries of a probe, or set an error verdict and return -1.
 * With the evaluation context's cache (ctx->dir), the probe is parsed once
 * per target and es is a read-only view of the cached parse; without one,
 * es owns its parse. Either way release es with entries_free.
 */
int	load_or_error(const struct rp_eval_ctx *ctx,
	    const struct rp_probe_out *po, struct entries *es,
	    struct rp_verdict *v);
/* Release es (a view of the cache frees nothing). */
void	entries_free(struct entries *es);
/*
 * Does a line of the probe's LDIF start with prefix (case-insensitive),
 * e.g. "member;range=" from a server that cut the values into ranges?
 *
 * The store is the only place that gives back the pages of a mapped probe
 * (rp_probe_drop_pages): once it has parsed the probe, or scanned it here
 * without a match. Evaluators never do.
 */
int	probe_has_line(const struct rp_probe_out *po, const char *prefix);

/* First value of attribute name (case-insensitive), or NULL. */
const struct av *ent_attr(const struct entry *e, const char *name);
/* Its text, or NULL. */
const char	*ent_str(const struct entry *e, const char *name);
/* Its value as a number: 0, or -1 if absent or not a number. */
int	ent_num(const struct entry *e, const char *name, long long *out);
/* Its value as a binary SID: 0, or -1. */
int	ent_sid(const struct entry *e, const char *attr, struct rp_sid *sid);
/* How to name an entry: sAMAccountName, else its DN. */
const char	*ent_label(const struct entry *e);
/* The first RDN value of a DN ("svc_sql" in "CN=svc_sql,CN=Users,..."). */
void	dn_rdn(const char *dn, char *buf, size_t len);

/*
 * Verdicts. dir_observe and dir_evidence add one line (cut at
 * LINE_MAX_OBS) to the observed value and the evidence excerpt;
 * dir_verdict sets the status and the reason (NULL: none) and returns 0,
 * so that an evaluator may end with "return dir_verdict(...)".
 */
void	dir_observe(struct rp_verdict *v, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * dir_observe, and obj (a sAMAccountName or a DN, uncut) alone into the
 * objects found (rp_verdict_object); obj NULL: the line names no object.
 */
void	dir_observe_obj(struct rp_verdict *v, const char *obj,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void	dir_evidence(struct rp_verdict *v, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	dir_verdict(struct rp_verdict *v, enum rp_status st, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));

/* A probe named in <evaluator also=...>, usable; else NULL and an error. */
const struct rp_probe_out *also_probe(const struct rp_eval_ctx *ctx,
	    const struct rp_check *ck, size_t i, struct rp_verdict *v);
/* Load the entries of the probe also[i], or set an error verdict. */
int	also_load(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
	    size_t i, struct entries *es, struct rp_verdict *v);
/* The check's value as a number in [min, max], or an error verdict. */
int	value_num(const char *expected, long long min, long long max,
	    long long *out, struct rp_verdict *v);

/*
 * A directory time in Unix seconds: GeneralizedTime ("20261127234106.0Z",
 * whenCreated) or FILETIME (pwdLastSet). -1: zero or "never"; -2: not a
 * time.
 */
long long dir_time(const char *s);
/*
 * The date secrets must have been renewed after: containment, else
 * detection, else the compromise start.
 */
time_t	incident_ref(const struct rp_incident *inc, const char **what);

/*
 * The incident window, as for the Linux post-incident checks: from the
 * compromise start to the remediation (a date given as a day counts as
 * the whole day), or to the audit when the remediation is not dated
 * (window_end returns WIN_OPEN).
 */
#define WIN_OPEN	(1LL << 62)
/* Where t falls (window_of): before the window, in it, after it. */
#define WIN_BEFORE	0
#define WIN_IN		1
#define WIN_AFTER	2
long long window_end(const struct rp_incident *inc);
int	window_of(long long t, long long start, long long end);
/* The window, for the evidence of a verdict. */
void	evidence_window(struct rp_verdict *v, long long start, long long end);

/* A SID for a reader: "Name (S-1-...)" when well known. */
void	sid_label(const struct rp_sid *sid, char *buf, size_t len);
/* Is sid one of refs: comma separated SIDs, or RIDs of the domain? */
int	sid_in_refs(const struct rp_sid *sid, const char *refs);

/* A declarative test that knows an unreadable entry from an absent value. */
struct spec {
	enum rp_quant	 quant;
	enum rp_op	 op;
	const char	*value;		/* points into the spec string */
};
/* "[one|all|any|none|count] OP [VALUE]": 0, or -1. */
int	spec_parse(const char *s, struct spec *sp);
/*
 * The values of the check's <read> over the probe; -1 with an error verdict
 * when the probe returned no entry (the base was not readable: grant says
 * what to grant) or the extraction fails.
 */
int	read_values(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
	    const char *grant, struct rp_values *vals, struct rp_verdict *v);
/*
 * The check's <read> extraction, then "[quant] op value" from the value.
 * No entry at all is an error (the base was not readable); an entry
 * without the attribute takes the extraction's default.
 */
int	attr_common(const struct rp_eval_ctx *ctx, const struct rp_check *ck,
	    const char *expected, struct rp_verdict *v, const char *grant);

#endif
