/*
 * inventory.h -- the targets of a collection: an Ansible-style INI
 * inventory, or a single "-t [user@]host[:port]".
 *
 *   [web]                        a group; hosts: "alias key=value ..."
 *   web1 ansible_host=10.0.0.5 role=internet-facing
 *   [web:vars]                   variables of every host of the group
 *   ansible_user=auditor
 *   [linux:children]             groups in a group (their hosts and vars)
 *   web
 *
 * Precedence (as Ansible): host line > deeper group > parent group > all.
 * Group "ad" makes AD targets, "openldap" OpenLDAP targets, any other
 * group Linux targets. Inline passwords are refused: secrets live in files
 * of mode 0600 (password_file, key_passphrase_file).
 *
 * Everything is owned by the struct rp_inventory; rp_inventory_free()
 * releases it.
 */
#ifndef RP_INVENTORY_H
#define RP_INVENTORY_H

#include <stddef.h>

#include "core/model.h"

#define RP_SSH_DEFAULT_PORT	22

struct rp_inv_host {
	char		*alias;		/* rp_valid_id: the target id */
	enum rp_kind	 kind;
	char		*address;	/* ansible_host; default: alias */
	int		 port;
	char		*user;		/* NULL: the caller's default */
	char		*key_file;	/* NULL: none */
	char		*key_passphrase_file;
	char		*password_file;
	char		*jump_host;	/* [user@]host[:port] */
	char		*role;		/* criticality tags, comma separated */
	int		 become;	/* sudo -n for root probes */
	int		 line;		/* first line naming the host */
	char		**groups;	/* every group holding it, directly or
					 * through :children, sorted; not
					 * "all"; "ungrouped" when no other */
	size_t		 ngroups;
	/* directory targets ([ad], [openldap]) */
	char		*ldap_url;	/* default ldaps://address */
	char		*base_dn;	/* NULL: from the rootDSE */
	char		*bind_dn;	/* DN or UPN; NULL: anonymous */
	char		*bind_password_file;
	char		*ca_file;
	char		*sasl_mech;	/* GSSAPI */
	int		 starttls;
	int		 sysvol;	/* [ad]: read SYSVOL over SMB (off) */
};

struct rp_inventory {
	char			*file;	/* NULL for -t */
	struct rp_inv_host	*hosts;	/* in order of first appearance */
	size_t			 nhosts;
};

/* Parse an inventory file; *cause says "FILE:LINE: what is wrong". */
int	rp_inventory_load(const char *path, struct rp_inventory **out,
	    char **cause);
/* One Linux target from "[user@]host[:port]" ("[v6addr]:port" too). */
int	rp_inventory_single(const char *spec, struct rp_inventory **out,
	    char **cause);
void	rp_inventory_free(struct rp_inventory *inv);
/* Keep the hosts whose keep[i] is non-zero (in order), free the others. */
void	rp_inventory_keep(struct rp_inventory *inv,
	    const unsigned char *keep);

/* "[user@]host[:port]": split into owned parts; port 0 when absent. */
int	rp_parse_hostspec(const char *spec, char **user, char **host,
	    int *port, char **cause);

/*
 * Read a secret (password, passphrase) from a file: a regular file of
 * mode 0600 or stricter, at most 1 KiB, the trailing newline removed.
 * Returns owned memory: release it with rp_secret_free(), which zeroes it.
 */
int	rp_secret_read(const char *path, char **out, char **cause);
void	rp_secret_free(char *secret);
/* The checks of rp_secret_read without reading: run them before connecting. */
int	rp_secret_check(const char *path, char **cause);

#endif
