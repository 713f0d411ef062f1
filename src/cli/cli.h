/*
 * cli.h -- what the subcommands share: exit codes, the content location,
 * and the evaluate pipeline that audit reuses.
 */
#ifndef RP_CLI_H
#define RP_CLI_H

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

struct rp_cmd {
	const char	*name;
	int		(*run)(int argc, char **argv);
	const char	*summary;
};

/* The directory holding linux/ ad/ openldap/ baselines/ schema/ (owned). */
char	*rp_cli_datadir(const char *option);
/* reports/default: the HTML report's stylesheet and branding (owned). */
char	*rp_cli_templatedir(void);
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

int	cmd_audit(int argc, char **argv);
int	cmd_baseline(int argc, char **argv);
int	cmd_checks(int argc, char **argv);
int	cmd_collect(int argc, char **argv);
int	cmd_evaluate(int argc, char **argv);
int	cmd_evidence(int argc, char **argv);
int	cmd_report(int argc, char **argv);

/* evaluate's core: also used by audit. */
struct rp_eval_opts {
	const char	*evidence;
	char		**baselines;
	int		 nbaselines;
	const char	*incident;
	const char	*waivers;
	const char	*previous;	/* earlier results.json or bundle, or NULL */
	const char	*allowed_keys;	/* administrators' keys, or NULL */
	const char	*output;
	const char	*datadir;
	const char	*limit;		/* --limit PATTERN: targets kept */
	int		 fail_on;	/* severity, -1: never */
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
/* The end-of-run summary (coverage, score, findings) on stdout. */
int	rp_cli_report_summary(const char *results, const char *lang);

#endif
