/*
 * report.h -- render a results.json document. The report decides nothing:
 * it shows what evaluation (and, later, the plan) decided.
 */
#ifndef RP_REPORT_H
#define RP_REPORT_H

#include <stdio.h>

#include <jansson.h>

enum rp_report_format {
	RP_FMT_MD,
	RP_FMT_JSON,
	RP_FMT_CSV,
	RP_FMT_JUNIT,
	RP_FMT_HTML,
	RP_FMT_PLAN_CSV,	/* the plan, one row per action */
};

/* CSV: RFC 4180 (comma, identifiers as they are) or a French Excel's
 * (UTF-8 byte order mark, semicolons, translated headers and labels). */
enum rp_csv_dialect {
	RP_CSV_RFC4180,
	RP_CSV_EXCEL_FR,
};
int	rp_report_csv_dialect_parse(const char *s);
/* For the CSV renderings that follow (default RP_CSV_RFC4180). */
void	rp_report_set_csv_dialect(enum rp_csv_dialect d);

int	rp_report_format_parse(const char *s);
/* template_dir: report.css and brand.conf (HTML only). */
int	rp_report_render(json_t *results, enum rp_report_format fmt,
	    const char *lang, const char *template_dir, FILE *f, char **cause);
/* Title of a plan phase ("immediate", ...) in fr or en. */
const char *rp_report_phase_title(const char *phase, const char *lang);
/* A reference level's verdict ("reached", ...) in words, fr or en. */
const char *rp_report_level_verdict(const char *verdict);
/*
 * The maturity reached on a target for a reference level (levels[] entry,
 * its targets.<id>): "intermediary of enhanced (a check of level enhanced
 * fails)", PingCastle's way; "—" when not computed (owned).
 */
char	*rp_report_maturity(json_t *level, json_t *target);
/* One item of a target's "footprint", as plain text in fr or en (owned;
 * the caller escapes it for its format). */
char	*rp_report_footprint_text(json_t *item, const char *lang);
/* What the post-incident checks examined on target t and what they could
 * not, from targets[].incident_coverage: owned text, NULL when absent. */
char	*rp_report_incident_coverage_text(json_t *t, const char *lang);
/*
 * The translated label of an enumeration's value: kind is "severity",
 * "effort", "status", "tstatus", "phase", "level", "role", "kind",
 * "change" or "org"; an unknown value is returned as it is.
 */
const char *rp_report_label(const char *kind, const char *id);
/* A reference's public page ("attack:T1558.003" -> MITRE), or NULL
 * (owned). */
char	*rp_report_ref_url(const char *ref);
/* Failed results, grouped by check (highest severity first); the array
 * is owned, its items borrowed. */
json_t	**rp_report_failed(json_t *results, size_t *n);
/* The "expected" value as a sentence (owned). */
char	*rp_report_expected(json_t *result);
/* The reason of an error or n/a result, translated when known (owned). */
char	*rp_report_reason(json_t *result);
char	*rp_report_reason_text(const char *reason);
/* What was observed on the target, its fixed phrases translated (owned;
 * observed.c). */
char	*rp_report_observed(json_t *result);
/* A text of results.json (observed value, reason, target error) with the
 * evaluators' and collectors' phrases translated, values kept (owned). */
char	*rp_report_phrases(const char *text);
/* A warning line for the terminal in the report's language (owned). */
char	*rp_report_log_line(const char *line);
/* Roles, translated and comma-separated (owned). */
char	*rp_report_roles(const char *role);
/* An action's targets counted by inventory group; NULL without groups. */
char	*rp_report_action_groups(json_t *root, json_t *action);
/* An ISO 8601 UTC time for people, in the report's language (owned). */
char	*rp_report_date(const char *iso);
/* An incident date: a day (midnight UTC) shown as a day (owned). */
char	*rp_report_incident_date(const char *iso);
/* A score of the "since" section ("48,9 %", "—" for none; owned). */
char	*rp_report_score_value(json_t *score);
/* The end-of-run summary of 'rempart audit' (terminal text). */
void	rp_report_terminal(json_t *results, FILE *f);
/* summary.coverage.verdict: "complete", "partial", "nothing-assessed";
 * "unknown" for results without coverage (older tools). */
const char *rp_report_verdict_word(json_t *results);
/*
 * A report of a part of the estate (results cut by 'report --limit',
 * root.limit): the notice that says so, pattern and "N of M targets",
 * translated (owned); a short form for page headers. NULL for the whole.
 */
char	*rp_report_limit_text(json_t *results);
char	*rp_report_limit_short(json_t *results);
/* Sentences of the summary, translated (owned). */
char	*rp_report_verdict(json_t *results);
char	*rp_report_coverage_text(json_t *results);
char	*rp_report_score_text(json_t *results);
/* Why a target was not (fully) audited, translated. */
const char *rp_report_cause_label(const char *cause);
/* A target's entry in summary.coverage.per_target, or NULL. */
json_t	*rp_report_target_coverage(json_t *root, const char *id);
/* "partly audited · 76 checks not assessed": the one answer to "was
 * this target fully audited", from the coverage (owned). */
char	*rp_report_target_audited(json_t *root, json_t *t);
/* The same from a per_target entry (owned). */
char	*rp_report_coverage_audited(json_t *pt);
/* v with one decimal, decimal comma in French (owned). */
char	*rp_report_pct(double v);
/* Plan: 1 for the changed-host-key action. */
int	rp_report_action_is_hostkey(json_t *action);
/* What is wrong (finding title, else title) of a result or action. */
const char *rp_report_finding_title(json_t *x, const char *lang);
const char *rp_report_action_remediation(json_t *action, const char *lang);

/*
 * The remediation's commands filled with the objects found (plan[].commands;
 * commands.c): the filled entries from..to (by order, refused ones left
 * out) as lines to paste, "# TARGET" before each target's (when the
 * action has several), or NULL; how
 * many entries were filled and refused; why one was refused, translated;
 * an object as visible text (control and non-ASCII bytes as \xNN).
 */
char	*rp_report_commands(json_t *action, size_t from, size_t to);
size_t	 rp_report_commands_count(json_t *action, size_t *refused);
/* Why one entry of plan[].commands is not shown to paste (its own
 * refusal, or what results.json gives that is not safe), or NULL. */
const char *rp_report_command_refused(json_t *entry);
const char *rp_report_refusal(const char *code);
char	*rp_report_visible(const char *s, size_t max);

#endif
