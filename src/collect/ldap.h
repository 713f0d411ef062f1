/*
 * ldap.h -- collection from a directory (Active Directory or OpenLDAP) with
 * OpenLDAP's libldap: TLS verified against a CA by default, simple, SASL
 * GSSAPI or anonymous bind, referrals never chased, paged searches streamed
 * to the evidence bundle as LDIF. Only collect/ includes LDAP headers.
 */
#ifndef RP_COLLECT_LDAP_H
#define RP_COLLECT_LDAP_H

#include <stddef.h>
#include <stdio.h>

#include "core/model.h"

struct rp_bundle_writer;
struct rp_probe;
struct rp_target_ev;

struct rp_ldap_conf {
	const char	*id;
	enum rp_kind	 kind;		/* RP_KIND_AD or RP_KIND_OPENLDAP */
	const char	*url;		/* ldap://, ldaps:// or ldapi:// */
	const char	*base_dn;	/* NULL: from the rootDSE */
	const char	*bind_dn;	/* DN or UPN; NULL: anonymous */
	const char	*password_file;	/* simple bind password (0600) */
	const char	*ca_file;	/* NULL: the system's CAs */
	const char	*sasl_mech;	/* "GSSAPI" or NULL */
	const char	*role;
	int		 starttls;
	int		 insecure_tls;	/* do not verify the certificate */
	int		 timeout;	/* seconds per operation */
	int		 page_size;
	size_t		 max_entries;	/* per probe */
};

/*
 * Collect every probe for one directory target into the bundle's probe
 * files and fill t (initialised by the caller, which writes target.json).
 * Never fails: t->status and t->error say how far it went.
 */
void	rp_ldap_collect(const struct rp_ldap_conf *conf,
	    const struct rp_probe *const *probes, size_t nprobes,
	    struct rp_bundle_writer *w, struct rp_target_ev *t);

#endif
