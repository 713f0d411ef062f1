/*
 * ldap.h -- collection from a directory (Active Directory or OpenLDAP) with
 * OpenLDAP's libldap: TLS verified against a CA by default, simple, SASL
 * GSSAPI or anonymous bind, referrals never chased, paged searches streamed
 * to the evidence bundle as LDIF. Only collect/ includes LDAP headers.
 */
#ifndef RP_COLLECT_LDAP_H
#define RP_COLLECT_LDAP_H

#include <signal.h>
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
	int		 insecure_plain_bind; /* allow a password over clear
					    ldap:// (loud, recorded) */
	int		 timeout;	/* seconds per operation */
	int		 page_size;
	size_t		 max_entries;	/* per probe */
	size_t		 probe_cap;	/* bytes per probe file; 0: default */
	size_t		 target_cap;	/* bytes per target; 0: default */
	long		 run_ms;	/* the searches' run limit, from the
					   bind; 0: RP_COLLECT_PROBE_S per
					   probe, at least RP_COLLECT_TIMEOUT */
	volatile sig_atomic_t *stop;	/* set on SIGINT/SIGTERM; may be NULL */
	int		 stop_fd;	/* readable once stop is set; -1 */
};

/*
 * Per-target budgets of a directory, as an SSH host's: the bytes of LDIF
 * one search may write (at most what the bundle reader takes) and the
 * bytes of the whole target. A search over its budget is stopped and
 * recorded truncated (what was read is kept); the target is partial.
 */
#define RP_LDAP_PROBE_CAP	(256u * 1024 * 1024)
#define RP_LDAP_TARGET_CAP	(1024u * 1024 * 1024)

/*
 * May this configuration bind? A simple bind with a password needs
 * ldaps://, StartTLS or ldapi:// (or insecure_plain_bind): 0, or an
 * RP_ERR_INVALID with *cause. url must be one URL (rp_ldap_url_check).
 */
int	rp_ldap_transport_check(const struct rp_ldap_conf *conf, char **cause);

/*
 * One LDAP URL (ldap://, ldaps:// or ldapi://) as ldap_url_parse reads it:
 * no list, no blank, no extension. 0, or RP_ERR_INVALID with *cause (what
 * is wrong, without the URL).
 */
int	rp_ldap_url_check(const char *url, char **cause);

/*
 * Collect every probe for one directory target into the bundle's probe
 * files and fill t (initialised by the caller, which writes target.json).
 * Never fails: t->status and t->error say how far it went.
 */
void	rp_ldap_collect(const struct rp_ldap_conf *conf,
	    const struct rp_probe *const *probes, size_t nprobes,
	    struct rp_bundle_writer *w, struct rp_target_ev *t);

#endif
