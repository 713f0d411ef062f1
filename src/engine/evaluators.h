/*
 * evaluators.h -- every native evaluator, one exported const struct each.
 * Add the new one to the sorted table in registry.c as well.
 *
 * This is the header of every evaluator file (evaluators.c, eval_linux.c,
 * eval_incident.c, eval_ad*.c, eval_openldap.c): they export evaluators and
 * the few helpers below, nothing else, so they have no header of their
 * own. What the directory files share among themselves is in dir_store.h
 * and eval_ad_int.h, internal to the engine.
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
/* eval_ad*.c: Active Directory; eval_openldap.c: OpenLDAP */
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
extern const struct rp_evaluator rp_eval_ad_tier0_since_remediation;
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

/* eval_manual.c: the answers of the attestations file */
extern const struct rp_evaluator rp_eval_manual;

/* eval_gpo.c: GPO content from SYSVOL */
extern const struct rp_evaluator rp_eval_gpo_audit;
extern const struct rp_evaluator rp_eval_gpo_cpassword;
extern const struct rp_evaluator rp_eval_gpo_immediate_task;
extern const struct rp_evaluator rp_eval_gpo_local_admins;
extern const struct rp_evaluator rp_eval_gpo_logon_right;
extern const struct rp_evaluator rp_eval_gpo_script_outside;
extern const struct rp_evaluator rp_eval_gpo_service_disabled;
extern const struct rp_evaluator rp_eval_gpo_setting;
extern const struct rp_evaluator rp_eval_gpo_window;

/* eval_incident.c: changes in the incident window, renewals */
extern const struct rp_evaluator rp_eval_linux_accounts_window;
extern const struct rp_evaluator rp_eval_linux_changed_in_window;
extern const struct rp_evaluator rp_eval_linux_keys_allowed;
extern const struct rp_evaluator rp_eval_linux_keys_reviewed;
extern const struct rp_evaluator rp_eval_linux_password_renewed;
extern const struct rp_evaluator rp_eval_linux_renewed_after;

/*
 * The dating rule of the post-incident checks (docs/incident-dating.md).
 * Times are Unix seconds as the target reports them; birth <= 0: unknown.
 * rp_incident_judge returns 0 when no time of the file falls in
 * [from, to], else the RP_FT_* bits: which times fall in it, and the
 * inconsistencies seen (only ever added to a suspect).
 */
struct rp_ftimes {
	double	birth, mtime, ctime;
};
#define RP_FT_CREATED	0x01	/* birth time in the window */
#define RP_FT_CONTENT	0x02	/* mtime in the window */
#define RP_FT_META	0x04	/* ctime in the window */
#define RP_FT_BACKDATED	0x08	/* mtime before birth */
#define RP_FT_RESTORED	0x10	/* mtime in the window, inode after it */
unsigned int	rp_incident_judge(const struct rp_ftimes *f, double from,
		    double to);
/* The window's last second: remediation (a day counts whole), or open. */
double	rp_incident_window_end(const struct rp_incident *inc);
/* rp_ssh_key_parse: parse/sshkey.h */
/* "SHA256:..." (as ssh-keygen -l) of a base64 key blob; "SHA256:?" if bad. */
void	rp_ssh_fingerprint(const char *b64, size_t len, char *fp, size_t fplen);

/*
 * What the post-incident sweep of a Linux target examined and what it could
 * not (results.json targets[].incident_coverage; the reports say it).
 */
struct rp_incident_cov {
	int	times;		/* linux.persist-times was collected */
	size_t	files;		/* files of the persistence locations */
	size_t	births;		/* of which with a birth time */
	int	as_root;	/* probes ran as root */
	int	content;	/* content indicators were collected */
	int	earlier;	/* an earlier bundle to compare with */
	int	allow_list;	/* --allowed-keys was given */
};
struct rp_target_ev;
void	rp_linux_incident_coverage(const struct rp_target_ev *t,
	    const struct rp_incident *inc, int earlier,
	    struct rp_incident_cov *c);

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
