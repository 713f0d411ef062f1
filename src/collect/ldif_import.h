/*
 * ldif_import.h -- an LDIF export of a directory (e.g. "ldapsearch -LLL
 * -E pr=1000/noprompt ... '*' +" run by the AD or LDAP team) turned into
 * the evidence of one directory target, as if rempart had collected it:
 * each LDAP probe of the selected checks is answered by applying its base,
 * scope and filter (parse/ldapfilter.h) to the dump's entries, and writing
 * the probe's attributes exactly as the LDAP collector does.
 *
 * Probe bases are relative to the naming context: --base-dn, else the
 * dump's rootDSE defaultNamingContext (when the dump has the entry with
 * an empty DN), else the longest DN that is a suffix of every entry
 * (cn=config, cn=Subschema and the rootDSE aside). A probe whose base the
 * dump does not cover (cn=config in a dump of the data, AD's configuration
 * partition, the rootDSE) is an error with a detail saying so, and the
 * target is partial: a check never passes on data that was not handed
 * over. The dump is read twice (once to check it and find the naming
 * context, once to answer the probes), in pieces that end between entries
 * and one entry at a time: memory is bounded by the piece and the entry
 * caps, not by the dump's size.
 */
#ifndef RP_LDIF_IMPORT_H
#define RP_LDIF_IMPORT_H

#include <stddef.h>

#include "core/model.h"

#define RP_LDIF_IMPORT_MAX_ENTRY	(64u * 1024 * 1024)	/* bytes */
#define RP_LDIF_IMPORT_MAX_ENTRIES	5000000	/* per probe */

struct rp_bundle_writer;
struct rp_content;
struct rp_probe;
struct rp_target_ev;

struct rp_ldif_import {
	const char	*id;		/* target id */
	enum rp_kind	 kind;		/* RP_KIND_AD, RP_KIND_OPENLDAP */
	const char	*base_dn;	/* NULL: see above */
	const char	*role;		/* criticality tags or NULL */
	const char	*user;		/* the account that made the export
					   (its own entries prove nothing
					   of the others), or NULL */
	char *const	*files;		/* the dump, maybe in parts */
	size_t		 nfiles;
	size_t		 max_entry;	/* bytes; 0: the default */
	size_t		 max_entries;	/* per probe; 0: default */
};

/*
 * Answer the given LDAP probes from the dump into w and fill t (zeroed by
 * the caller; owned fields are released with rp_target_release). Fails,
 * before writing anything, on an unreadable or malformed dump.
 */
int	rp_ldif_import_target(const struct rp_ldif_import *im,
	    const struct rp_probe *const *probes, size_t nprobes,
	    struct rp_bundle_writer *w, struct rp_target_ev *t, char **cause);

/*
 * The whole command: select the LDAP probes of the baselines (all of
 * im->kind) from the catalogue c as a live collection would
 * (content/probes.h, <evaluator also=...> included), write a new sealed
 * bundle in outdir. *partial (may be NULL) says whether the target is
 * partial.
 */
int	rp_ldif_import(const struct rp_ldif_import *im,
	    char *const *baselines, size_t nbaselines, struct rp_content *c,
	    const char *outdir, int *partial, char **cause);

#endif
