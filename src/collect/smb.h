/*
 * smb.h -- SYSVOL over SMB with Samba's libsmbclient: SMB3 only, signing
 * required, encryption asked for (used when the server offers it), the
 * directory target's credentials (its bind account and password file, given
 * through the library's authentication callback, never on a command line
 * or in the environment) or Kerberos (the credential cache, as LDAP's
 * GSSAPI). Read-only: folders are listed and files opened O_RDONLY.
 * Only collect/ includes libsmbclient.
 */
#ifndef RP_COLLECT_SMB_H
#define RP_COLLECT_SMB_H

#include <stddef.h>

struct rp_probe_out;

struct rp_smb_conf {
	const char	*host;		/* the DC's name or address */
	const char	*domain;	/* DNS name: SYSVOL\<domain>\Policies */
	const char	*user;		/* DN (its CN), UPN or DOMAIN\\NAME; with
					   Kerberos the ticket's principal */
	const char	*password_file;	/* 0600 */
	int		 kerberos;	/* the target uses GSSAPI */
	int		 timeout_s;
};

/* "host" of an ldap[s]:// URL (owned), or NULL. */
char	*rp_smb_url_host(const char *url);
/* "lab.test" of "DC=lab,DC=test" (owned), or NULL. */
char	*rp_smb_dn_domain(const char *dn);

/*
 * Collect the SYSVOL probe into po and its output into *out, length *outlen (owned).
 * Never fails: po->status and po->detail say how far it went.
 */
void	rp_smb_collect(const struct rp_smb_conf *conf, struct rp_probe_out *po,
	    char **out, size_t *outlen);

#endif
