/*
 * evaluators.h -- every native evaluator, one exported const struct each.
 * Add the new one to the sorted table in registry.c as well.
 */
#ifndef RP_EVALUATORS_H
#define RP_EVALUATORS_H

#include "engine/registry.h"

extern const struct rp_evaluator rp_eval_ad_filetime_age;
extern const struct rp_evaluator rp_eval_linux_file_mode;
/* eval_linux.c */
extern const struct rp_evaluator rp_eval_linux_has_all;
extern const struct rp_evaluator rp_eval_linux_kernel_current;
extern const struct rp_evaluator rp_eval_linux_stat_mode;
extern const struct rp_evaluator rp_eval_linux_sudo_rules;
extern const struct rp_evaluator rp_eval_linux_unique;
extern const struct rp_evaluator rp_eval_linux_unowned;
extern const struct rp_evaluator rp_eval_target_hostkey;
/* eval_ad.c: Active Directory and OpenLDAP */
extern const struct rp_evaluator rp_eval_ad_acl_broad;
extern const struct rp_evaluator rp_eval_ad_adcs_ca_certs;
extern const struct rp_evaluator rp_eval_ad_adcs_ntauth;
extern const struct rp_evaluator rp_eval_ad_adcs_template;
extern const struct rp_evaluator rp_eval_ad_acl_dangerous;
extern const struct rp_evaluator rp_eval_ad_acl_dcsync;
extern const struct rp_evaluator rp_eval_ad_acl_keycredential;
extern const struct rp_evaluator rp_eval_ad_acl_privileged;
extern const struct rp_evaluator rp_eval_ad_attr;
extern const struct rp_evaluator rp_eval_ad_changed_window;
extern const struct rp_evaluator rp_eval_ad_created_window;
extern const struct rp_evaluator rp_eval_ad_delegation_dc;
extern const struct rp_evaluator rp_eval_ad_dmsa_create;
extern const struct rp_evaluator rp_eval_ad_dns_update;
extern const struct rp_evaluator rp_eval_ad_flags;
extern const struct rp_evaluator rp_eval_ad_group_loop;
extern const struct rp_evaluator rp_eval_ad_group_members;
extern const struct rp_evaluator rp_eval_ad_group_used;
extern const struct rp_evaluator rp_eval_ad_inactive;
extern const struct rp_evaluator rp_eval_ad_keycredential_window;
extern const struct rp_evaluator rp_eval_ad_krbtgt_reset;
extern const struct rp_evaluator rp_eval_ad_laps_coverage;
extern const struct rp_evaluator rp_eval_ad_laps_readers;
extern const struct rp_evaluator rp_eval_ad_not_privileged;
extern const struct rp_evaluator rp_eval_ad_older_than;
extern const struct rp_evaluator rp_eval_ad_privileged;
extern const struct rp_evaluator rp_eval_ad_privileged_age;
extern const struct rp_evaluator rp_eval_ad_privileged_count;
extern const struct rp_evaluator rp_eval_ad_privileged_foreign;
extern const struct rp_evaluator rp_eval_ad_privileged_inactive;
extern const struct rp_evaluator rp_eval_ad_privileged_members_window;
extern const struct rp_evaluator rp_eval_ad_privileged_outside;
extern const struct rp_evaluator rp_eval_ad_privileged_renewed;
extern const struct rp_evaluator rp_eval_ad_privileged_window;
extern const struct rp_evaluator rp_eval_ad_pso;
extern const struct rp_evaluator rp_eval_ad_rbcd;
extern const struct rp_evaluator rp_eval_ad_rodc;
extern const struct rp_evaluator rp_eval_ad_machine_pwd;
extern const struct rp_evaluator rp_eval_ad_owner;
extern const struct rp_evaluator rp_eval_ad_backup_age;
extern const struct rp_evaluator rp_eval_ad_dc_uac;
extern const struct rp_evaluator rp_eval_ad_dns_wildcard;
extern const struct rp_evaluator rp_eval_ad_display_specifier;
extern const struct rp_evaluator rp_eval_ad_rid;
extern const struct rp_evaluator rp_eval_ad_sidhistory;
extern const struct rp_evaluator rp_eval_openldap_acl_anon_read;
extern const struct rp_evaluator rp_eval_openldap_acl_config;
extern const struct rp_evaluator rp_eval_openldap_acl_password;
extern const struct rp_evaluator rp_eval_openldap_acl_write;
extern const struct rp_evaluator rp_eval_openldap_attr;
extern const struct rp_evaluator rp_eval_openldap_monitor;
extern const struct rp_evaluator rp_eval_openldap_password_schemes;
extern const struct rp_evaluator rp_eval_openldap_ppolicy;
extern const struct rp_evaluator rp_eval_openldap_ppolicy_overlay;
extern const struct rp_evaluator rp_eval_openldap_rootpw;
extern const struct rp_evaluator rp_eval_openldap_sasl_plain;

/* eval_incident.c: changes in the incident window, renewals */
extern const struct rp_evaluator rp_eval_linux_changed_in_window;
extern const struct rp_evaluator rp_eval_linux_password_renewed;
extern const struct rp_evaluator rp_eval_linux_renewed_after;

/* FILETIME (100 ns since 1601) to Unix time; -1 for 0 / "never". */
long long rp_filetime_to_unix(const char *s);

/* "MODE|UID|GID|PATH" (stat -c '%a|%u|%g|%n'): 0, or -1 if malformed. */
int	rp_linux_stat_parse(const char *line, long long *mode, long long *uid,
	    long long *gid, const char **path);
/*
 * A linux.sudoers line ("FILE: RULE") whose rule grants the audit's login
 * account alone (the audit's footprint): 1, else 0.
 */
int	rp_linux_sudo_own_rule(const char *line, size_t len,
	    const char *login);
/*
 * The audit's own footprint on a Linux target, at most RP_FOOTPRINT_MAX
 * items: the login's key ("login-key") or password ("login-password") of
 * the audit account, and the sudo rules of that account alone
 * ("sudo-rule": where is the file, detail the rule). Returns the count;
 * free *out with rp_footprint_free.
 */
#define RP_FOOTPRINT_MAX	16
#define RP_FOOTPRINT_TEXT	200	/* bytes kept of a rule's file name and text */
struct rp_footprint {
	const char	*kind;		/* static */
	char		*where;		/* owned, may be NULL */
	char		*detail;	/* owned, may be NULL */
};
struct rp_target_ev;
size_t	rp_linux_footprint(const struct rp_target_ev *t,
	    struct rp_footprint **out);
void	rp_footprint_free(struct rp_footprint *v, size_t n);
/* Length of the version part of a kernel release ("6.1.0-18" in
 * "6.1.0-18-amd64"). */
size_t	rp_linux_kernel_version_len(const char *s, size_t len);

#endif
