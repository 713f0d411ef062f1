/*
 * probes.h -- which probes a set of baselines needs, and where an <ldap>
 * probe searches. One answer for every stage: live collection
 * (collect/collect.c), the LDIF import (collect/ldif_import.c), the LDIF
 * export recipe (collect/ldif_recipe.c) and the live LDAP searches
 * (collect/ldap.c) all ask here, so that what is collected, imported and
 * exported never differs.
 */
#ifndef RP_CONTENT_PROBES_H
#define RP_CONTENT_PROBES_H

#include <stddef.h>

#include "content/content.h"

/* The distinct probes of a selection, sorted by id (borrowed pointers). */
struct rp_probe_set {
	const struct rp_probe	**probes;
	size_t			  n, alloc;
	unsigned		  kinds;	/* 1u << kind of each baseline */
};

#define RP_PROBES_DEEP	0x1	/* also the probes marked deep */
#define RP_PROBES_LADDER 0x2	/* LDAP: also those of each baseline's
				   reference ladder top (maturity) */

/*
 * Every distinct probe of the given type read by a check the baselines
 * select: its <read probe=...> and the probes of its <evaluator also=...>
 * (a declarative check's durable companion among them). kind >= 0: every
 * baseline must audit targets of that kind (else an error naming it); -1:
 * any. Without RP_PROBES_DEEP the probes marked deep are left out. On
 * error *cause names the baseline; release out with rp_probe_set_release.
 */
int	rp_content_probes_for(struct rp_content *c, char *const *baselines,
	    size_t nbaselines, int kind, enum rp_probe_type type, int flags,
	    struct rp_probe_set *out, char **cause);
void	rp_probe_set_release(struct rp_probe_set *s);

/* Search scopes; the values are LDAP's (LDAP_SCOPE_BASE, _ONELEVEL, ...). */
#define RP_SCOPE_BASE	0
#define RP_SCOPE_ONE	1
#define RP_SCOPE_SUB	2

/* <ldap scope=...>: "base", "one", anything else (default) subtree. */
int	rp_probe_scope(const char *scope);

/* The naming contexts a directory's probes are placed in. */
struct rp_dir_contexts {
	enum rp_kind	 kind;		/* RP_KIND_AD or RP_KIND_OPENLDAP */
	const char	*nc;		/* naming context; NULL: unknown */
	const char	*config;	/* configuration NC / cn=config; NULL */
	const char	*schema;	/* schema NC / subschema entry; NULL */
};

/*
 * Where a probe with <ldap base=BASE> searches (owned, as written):
 * "rootdse" is the rootDSE (""), "config" and "schema" the configuration
 * and schema contexts (when unknown: AD's CN=Configuration,NC and
 * CN=Schema,CN=Configuration,NC, OpenLDAP's cn=config and cn=Subschema),
 * anything else is relative to the naming context (none or "": the naming
 * context itself). NULL when it is relative to an unknown naming context.
 * *separate: the base lies in a partition of its own, which a search of
 * the naming context does not return (rootdse, config, schema, and on AD a
 * relative base holding a DC= RDN: DC=DomainDnsZones, a child domain).
 */
char	*rp_probe_base(const struct rp_dir_contexts *x, const char *base,
	    int *separate);

#endif
