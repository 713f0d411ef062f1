/*
 * ldif_recipe.h -- the export that the LDIF import (ldif_import.h) reads,
 * written down for the directory team: a POSIX sh script that runs
 * ldapsearch against one inventory target and writes to its standard
 * output one LDIF answering every LDAP probe of the baselines.
 *
 * The searches come from the same probe selection and the same probe bases
 * as a live collection (content/probes.h): the rootDSE ('*' '+'), then one
 * search per partition the probes read (the naming context, the
 * configuration and schema contexts, AD's DNS partitions), at the deepest
 * base holding all of that partition's probes, asking for '*' and every
 * attribute a probe names (constructed ones such as msDS-KeyVersionNumber
 * are only returned when named), with the SD flags control when a probe
 * reads security descriptors (its flags OR-ed). Each entry is exported
 * once, so that the import answers each search as the server would.
 *
 * Nothing secret is written: the script names the password file (-y) and
 * the CA file (LDAPTLS_CACERT) of the inventory. It stops at the first
 * failed search (set -e, each ldapsearch's exit status checked) and then
 * writes no LDIF at all, rather than a partial one.
 */
#ifndef RP_LDIF_RECIPE_H
#define RP_LDIF_RECIPE_H

#include <stddef.h>
#include <stdio.h>

struct rp_inv_host;
struct rp_probe;

struct rp_ldif_recipe {
	const struct rp_inv_host	*host;		/* an ad or openldap target */
	const char			*inventory;	/* file, for the comments */
	char *const			*baselines;	/* for the comments */
	size_t				 nbaselines;
	int				 insecure_plain_bind;
};

/*
 * Write the script for r->host answering the given probes (those of the
 * host's kind) to out. Fails before writing anything when the target is
 * not a directory or its bind would send a password in clear text.
 */
int	rp_ldif_recipe(const struct rp_ldif_recipe *r,
	    const struct rp_probe *const *probes, size_t nprobes, FILE *out,
	    char **cause);

#endif
