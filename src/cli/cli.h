/*
 * cli.h -- what the subcommands share: exit codes, the content location,
 * and the evaluate pipeline that audit reuses.
 */
#ifndef RP_CLI_H
#define RP_CLI_H

#include <stddef.h>

#include "collect/collect.h"
#include "core/model.h"

/* Exit codes: documented in --help and the README. */
enum rp_exit {
	RP_EXIT_OK = 0,		/* done; nothing at or above --fail-on */
	RP_EXIT_FINDINGS = 1,	/* findings at or above --fail-on */
	RP_EXIT_USAGE = 2,	/* bad usage or bad input file */
	RP_EXIT_INCOMPLETE = 3,	/* some targets could not be audited */
	RP_EXIT_RUNTIME = 4,	/* I/O or internal error */
};

#define RP_EXIT_CODES_HELP \
"Exit status:\n" \
"  0  success: every target audited, no finding at or above --fail-on\n" \
"  1  findings at or above --fail-on SEVERITY\n" \
"  2  bad usage or invalid input (options, XML, inventory, evidence)\n" \
"  3  incomplete: some targets could not be audited or the evidence is\n" \
"     partial (results cover what was collected)\n" \
"  4  runtime error (file system, out of resources)\n"

/*
 * Global options: accepted before the command and among its options, in
 * any order. A subcommand parsing with getopt_long adds
 * RP_CLI_GLOBAL_SHORTOPTS to its short options and RP_CLI_GLOBAL_LONGOPTS to
 * its table, and hands every option it does not know to rp_cli_global_opt();
 * one parsing its words by hand calls rp_cli_strip_global_opts() first.
 */
#define RP_OPT_GLOBAL_DATADIR	0x4401
#define RP_CLI_GLOBAL_SHORTOPTS "qv"
#define RP_CLI_GLOBAL_LONGOPTS \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "verbose", no_argument, NULL, 'v' }, \
	{ "data-dir", required_argument, NULL, RP_OPT_GLOBAL_DATADIR }
#define RP_CLI_GLOBAL_HELP \
"Global options (before or after the command):\n" \
"  -q, --quiet           errors only\n" \
"  -v, --verbose         more detail on stderr (-vv: debug)\n" \
"      --data-dir DIR    the checks and baselines (default: the installed\n" \
"                        ones; REMPART_DATADIR)\n"

struct rp_cmd {
	const char	*name;
	int		(*run)(int argc, char **argv);
	const char	*summary;
};

/* The directory holding linux/ ad/ openldap/ baselines/ schema/ (owned). */
char	*rp_cli_datadir(const char *option);
/* reports/default: the HTML report's stylesheet and branding (owned). */
char	*rp_cli_templatedir(void);
/* A global option from getopt_long (ch, optarg): 0 when applied, else -1. */
int	 rp_cli_global_opt(int ch, const char *arg);
/*
 * For words parsed by hand: apply and remove the global options of
 * argv[1..argc) (up to a "--"); returns the new argc, or -1 after printing
 * an error (--data-dir without its directory).
 */
int	 rp_cli_strip_global_opts(int argc, char **argv);
/*
 * The directories of the reports' translations (LANG/LC_MESSAGES/), in
 * the order to search them, NULL-terminated; each owned by the caller.
 */
void	 rp_cli_localedirs(char *dirs[3]);
/* Map an RP_ERR_* to an exit code. */
int	 rp_cli_exit_for(int err);
/* "-h"/"--help" anywhere: print usage to stdout and exit 0. */
void	 rp_cli_help_if_asked(int argc, char **argv, const char *usage);
/*
 * "COMMAND VERB ...": help as above; without a verb, usage to stderr and
 * RP_EXIT_USAGE; else RP_EXIT_OK.
 */
int	 rp_cli_need_verb(int argc, char **argv, const char *usage);
/* --fail-on SEV: the severity; else a usage error (exit 2). */
int	 rp_cli_fail_on(const char *arg);
/* --kind of a directory: RP_KIND_AD or RP_KIND_OPENLDAP; else a usage error. */
int	 rp_cli_dir_kind(const char *arg);
struct rp_content;
/*
 * The check catalogue of the data directory; an error is printed and its
 * exit code returned, else RP_EXIT_OK.
 */
int	 rp_cli_content(struct rp_content **out);

/*
 * collect and audit: the options they share, parsed by cli/cmd_collect.c.
 * A command taking them adds RP_CLI_COLLECT_SHORTOPTS and
 * RP_CLI_COLLECT_LONGOPTS to its getopt_long tables, hands each option to
 * rp_cli_collect_opt(), then calls rp_cli_collect_check().
 */
struct rp_cli_collect {
	struct rp_collect_opts	 co;
	char			**baselines;	/* -b, argv's strings */
	size_t			 nbaselines;
	const char		*outdir;	/* -o */
};
enum {
	RP_OPT_KNOWN_HOSTS = 0x4500, RP_OPT_ACCEPT_NEW, RP_OPT_INSECURE_TLS,
	RP_OPT_DEEP, RP_OPT_TIMEOUT, RP_OPT_CONNECT, RP_OPT_BECOME,
	RP_OPT_INSECURE_PLAIN, RP_OPT_LDAP_PROBE_CAP, RP_OPT_LDAP_TARGET_CAP,
	RP_OPT_SHARD, RP_OPT_LIST_HOSTS,
};
#define RP_CLI_COLLECT_SHORTOPTS "i:t:b:o:j:u:k:l:"
#define RP_CLI_COLLECT_LONGOPTS \
	{ "inventory", required_argument, NULL, 'i' }, \
	{ "target", required_argument, NULL, 't' }, \
	{ "baseline", required_argument, NULL, 'b' }, \
	{ "output", required_argument, NULL, 'o' }, \
	{ "known-hosts", required_argument, NULL, RP_OPT_KNOWN_HOSTS }, \
	{ "accept-new", no_argument, NULL, RP_OPT_ACCEPT_NEW }, \
	{ "insecure-tls", no_argument, NULL, RP_OPT_INSECURE_TLS }, \
	{ "insecure-plain-bind", no_argument, NULL, RP_OPT_INSECURE_PLAIN }, \
	{ "ldap-probe-cap", required_argument, NULL, RP_OPT_LDAP_PROBE_CAP }, \
	{ "ldap-target-cap", required_argument, NULL, RP_OPT_LDAP_TARGET_CAP }, \
	{ "deep", no_argument, NULL, RP_OPT_DEEP }, \
	{ "jobs", required_argument, NULL, 'j' }, \
	{ "limit", required_argument, NULL, 'l' }, \
	{ "shard", required_argument, NULL, RP_OPT_SHARD }, \
	{ "list-hosts", no_argument, NULL, RP_OPT_LIST_HOSTS }, \
	{ "timeout", required_argument, NULL, RP_OPT_TIMEOUT }, \
	{ "connect-timeout", required_argument, NULL, RP_OPT_CONNECT }, \
	{ "user", required_argument, NULL, 'u' }, \
	{ "key", required_argument, NULL, 'k' }, \
	{ "become", no_argument, NULL, RP_OPT_BECOME }
#define RP_CLI_COLLECT_OPTIONS_HELP \
"  -i, --inventory FILE  Ansible-style INI inventory: [group] sections,\n" \
"                        'alias ansible_host=ADDR ansible_user=U ...'\n" \
"                        lines, [group:vars]; groups [ad] and [openldap]\n" \
"                        hold directory targets, any other group Linux\n" \
"  -t, --target SPEC     one Linux target instead: [user@]host[:port]\n" \
"  -b, --baseline B      baseline id or XML file (repeat); its checks say\n" \
"                        which probes run ('rempart baseline list')\n" \
"      --known-hosts F   OpenSSH known_hosts (default ~/.ssh/known_hosts);\n" \
"                        host keys are checked before authenticating\n" \
"      --accept-new      record unknown host keys (trust on first use)\n" \
"                        instead of refusing those hosts\n" \
"      --deep            also run the costly probes (pending updates from\n" \
"                        the package cache, ...; without it their checks\n" \
"                        are not applicable), walk every local filesystem\n" \
"                        and verify every installed package\n" \
"      --insecure-tls    LDAP: do not verify server certificates (loud;\n" \
"                        recorded in the evidence and the report)\n" \
"      --insecure-plain-bind  LDAP: allow a bind password over ldap://\n" \
"                        without StartTLS, IN CLEAR TEXT (refused by\n" \
"                        default; loud; recorded in the evidence)\n" \
"      --ldap-probe-cap MB   LDAP: MiB of LDIF one search may write\n" \
"                        (default 256, the most a bundle reader takes);\n" \
"                        a search over it is truncated, the target partial\n" \
"      --ldap-target-cap MB  LDAP: MiB one directory may write in all\n" \
"                        (default 1024)\n" \
"  -l, --limit PATTERN   only the targets of an Ansible host pattern:\n" \
"                        groups or ids, globs (web*), ~regex, a:b or a,b\n" \
"                        (union), a:&b (and), a:!b (but not)\n" \
"      --shard K/N       only shard K (0 to N-1) of N: SHA-256 of the\n" \
"                        target id modulo N (docs/estates.md)\n" \
"      --list-hosts      collect only: print the selected targets and\n" \
"                        their groups, connect to nothing (no -o)\n" \
"  -j, --jobs N          hosts audited in parallel (default 16)\n" \
"      --timeout S       limit for a host's run after its login, or a\n" \
"                        directory's after its bind (default: 10 per\n" \
"                        probe, at least 120; with --deep 1800)\n" \
"      --connect-timeout S  limit for a login: TCP, SSH handshake and\n" \
"                        authentication (default 10)\n" \
"  -u, --user U          login when the inventory sets no ansible_user\n" \
"                        (default: your local user name)\n" \
"  -k, --key FILE        private key when the inventory sets none\n" \
"                        (ed25519: libssh2 1.10 cannot use RSA keys\n" \
"                        with OpenSSH 8.8+); ssh-agent is also tried\n" \
"      --become          with -t: run root probes through 'sudo -n'\n" \
"                        (inventory: ansible_become=true)\n" \
"\n" \
"Inventory example (variables as Ansible's; rempart adds role,\n" \
"password_file, key_passphrase_file and jump_host):\n" \
"  [web]\n" \
"  web1 ansible_host=10.0.0.5 role=internet-facing\n" \
"  db1  ansible_host=10.0.1.7 role=critical jump_host=admin@bastion:22\n" \
"  [web:vars]\n" \
"  ansible_user=auditor\n" \
"  ansible_ssh_private_key_file=~/.ssh/audit_ed25519\n" \
"  ansible_become=true\n" \
"  [ad]\n" \
"  dc1 ldap_url=ldaps://dc1.example.org bind_dn=audit@example.org\n" \
"      bind_password_file=~/.audit/ad.pw ca_file=/etc/ssl/ad-ca.pem\n" \
"  [openldap]\n" \
"  ldap1 ldap_url=ldap://ldap1:389 starttls=yes base_dn=dc=example,dc=org\n" \
"  (directories: ldap_url, base_dn, bind_dn, bind_password_file, ca_file,\n" \
"  starttls, sasl_mech=GSSAPI with a Kerberos ticket from kinit)\n" \
"Secrets never go in the inventory: password_file=PATH and\n" \
"key_passphrase_file=PATH name files of mode 0600. sudo passwords are\n" \
"never sent: give the audit account a NOPASSWD rule, or root probes are\n" \
"reported as not run. Host keys of jump hosts and targets are both\n" \
"checked against known_hosts.\n"
/* Start with no option; room for every -b of argv. */
void	rp_cli_collect_init(struct rp_cli_collect *c, int argc);
/* One option from getopt_long (ch, arg): 0 when it was one of them. */
int	rp_cli_collect_opt(struct rp_cli_collect *c, int ch, char *arg);
/*
 * After the options: what is missing or extra, as a message for the usage
 * (NULL when complete: the --insecure-* warnings are then given, after
 * every -q of the line). outdir names -o's argument in the message.
 */
const char *rp_cli_collect_check(struct rp_cli_collect *c, int extra_args,
	    const char *outdir);
/* Collect into dir; an exit code (the summary line on stderr). */
int	rp_cli_collect_run(struct rp_cli_collect *c, const char *dir,
	    const char *datadir);
void	rp_cli_collect_release(struct rp_cli_collect *c);

int	cmd_account(int argc, char **argv);
int	cmd_attest(int argc, char **argv);
int	cmd_audit(int argc, char **argv);
int	cmd_baseline(int argc, char **argv);
int	cmd_checks(int argc, char **argv);
int	cmd_collect(int argc, char **argv);
int	cmd_evaluate(int argc, char **argv);
int	cmd_evidence(int argc, char **argv);
int	cmd_history(int argc, char **argv);
int	cmd_report(int argc, char **argv);

/* The baseline --attestations adds, and the target manual checks are on. */
#define RP_MANUAL_BASELINE	"post-incident-manual"
#define RP_MANUAL_TARGET	"organisation"

/* evaluate's core: also used by audit. */
struct rp_eval_opts {
	const char	*evidence;
	char		**baselines;
	int		 nbaselines;
	const char	*incident;
	const char	*waivers;
	const char	*previous;	/* earlier results.json or bundle, or NULL */
	const char	*allowed_keys;	/* administrators' keys, or NULL */
	const char	*attestations;	/* answers to the manual checks */
	const char	*output;
	const char	*datadir;
	const char	*limit;		/* --limit PATTERN: targets kept */
	int		 fail_on;	/* severity, -1: never */
	const char	*history;	/* history database, or NULL */
	int		*history_failed; /* set when it could not be written */
};
int	rp_cli_evaluate(const struct rp_eval_opts *o);
int	rp_cli_report_file(const char *results, const char *fmt,
	    const char *lang, const char *output);
/* --csv-dialect for the reports that follow; 0, or an exit code (printed). */
int	rp_cli_csv_dialect(const char *arg);
/* --template-dir for the reports that follow (borrowed). */
void	rp_cli_set_template_dir(const char *dir);
/* Use lang's catalogue from now on (the report's search path). */
int	rp_cli_select_lang(const char *lang, char **cause);
/*
 * Unattended runs (sweep.c): ROOT/YYYY-MM-DDTHHMMSSZ created (0700; *dir
 * and *name owned); ROOT/latest -> name swapped atomically (rename); the
 * one-line summary of a run on stdout, and to syslog if asked.
 */
int	rp_cli_dated_dir(const char *root, char **dir, char **name,
	    char **cause);
int	rp_cli_latest(const char *root, const char *name, char **cause);
void	rp_cli_sweep_line(const char *cmd, const char *dir,
	    const char *results, int code, int use_syslog);
/* The end-of-run summary (coverage, score, findings) on stdout. */
int	rp_cli_report_summary(const char *results, const char *lang);

#endif
