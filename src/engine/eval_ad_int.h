/*
 * eval_ad_int.h -- internal to the Active Directory evaluators
 * (eval_ad*.c): the group graph and the privileged closure
 * (eval_ad_groups.c), a run of a predicate over a probe's entries
 * (eval_ad_accounts.c), and the security descriptor helpers
 * (eval_ad_acl.c) that the other AD families reuse.
 */
#ifndef RP_EVAL_AD_INT_H
#define RP_EVAL_AD_INT_H

#include <stddef.h>
#include <stdint.h>

#include "engine/dir_store.h"
#include "parse/sid.h"

/*
 * The groups of the domain (ad.groups: sAMAccountName objectSid member)
 * as a graph. A closure is a set of groups closed under nesting: the seed
 * groups and every group that is a member of one, transitively; an
 * account is in it through a member value or its primaryGroupID.
 */
struct dnidx {
	const char	*dn;
	size_t		 idx;
};

struct grp {
	const struct entry	*e;
	struct rp_sid		 sid;
	int			 has_sid;
};

struct graph {
	struct entries	 es;		/* owned */
	struct grp	*g;
	size_t		 n;
	struct dnidx	*by_dn;		/* sorted by DN */
	struct rp_sid	 domain;
	int		 has_domain;
};

struct closure {
	unsigned char	*in;		/* per group */
	char		**members;	/* member DNs of the groups in it */
	size_t		 nmembers;
	uint32_t	*rids;		/* RIDs of its groups of the domain */
	size_t		 nrids;
};

void	graph_free(struct graph *gr);
/* Index of the group with this DN, or -1. */
long	graph_find(const struct graph *gr, const char *dn);
void	closure_free(struct closure *c);
/* Seeds: refs (see group_matches_ref), or the privileged groups if NULL. */
void	closure_build(const struct graph *gr, const char *refs,
	    struct closure *c);
/*
 * Is an account (or group) in the closure: a member value names it, it is
 * one of the closure's groups, or its primaryGroupID is one of them.
 */
int	closure_has(const struct graph *gr, const struct closure *c,
	    const struct entry *e);
/* The graph of also[i] and its privileged closure; -1 with a verdict. */
int	privileged_setup(const struct rp_eval_ctx *ctx,
	    const struct rp_check *ck, size_t i, struct graph *gr,
	    struct closure *c, struct rp_verdict *v);

/* A run of a predicate over the entries of the check's probe. */
struct run {
	const struct rp_eval_ctx	*ctx;
	const struct rp_check		*ck;
	struct rp_verdict		*v;
	const char			*attr;	/* the check's <ldap-attr> */
	long long			 days;
	long long			 ref;	/* incident date */
	long long			 end;	/* the window's end */
	const char			*ref_what;
	const char			*value;	/* the check's value */
	struct graph			 gr;
	struct closure			 priv, other;
	int				 use_priv;
	size_t				 seen, bad;
};

/*
 * 1: the entry is a finding (why says what), 0: fine, 2: listed for
 * review (why says what) without being a finding.
 */
typedef int (*pred_fn)(struct run *r, const struct entry *e, char *why,
    size_t len);

/* Set up r; with_priv: the privileged closure from also[0]. */
int	run_init(struct run *r, const struct rp_eval_ctx *ctx,
	    const struct rp_check *ck, struct rp_verdict *v, int with_priv);
void	run_release(struct run *r);
/*
 * The incident date of the run: the containment (else detection, else the
 * compromise start) when containment, else the compromise start and the
 * window's end. -1 with a verdict (na) without an incident context.
 */
int	need_incident(struct run *r, int containment);

/* Security descriptors. */
#define SD_ATTR		"nTSecurityDescriptor"
#define SD_GRANT	"grant it Read permissions on the object; rempart " \
			"asks for the DACL only (SD_FLAGS control, 4)"
/* Everyone, Anonymous, Authenticated Users, Users, Guests, Domain Users... */
int	broad_sid(const struct rp_sid *s);

#endif
