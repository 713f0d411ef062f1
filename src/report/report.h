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
};

int	rp_report_format_parse(const char *s);
/* Load and sanity-check a results.json; *out is owned. */
int	rp_results_load(const char *path, json_t **out, char **cause);
/* template_dir: report.css and brand.conf (HTML only). */
int	rp_report_render(json_t *results, enum rp_report_format fmt,
	    const char *lang, const char *template_dir, FILE *f, char **cause);
/* Title of a plan phase ("immediate", ...) in fr or en. */
const char *rp_report_phase_title(const char *phase, const char *lang);
/* A reference level's verdict ("reached", ...) in words, fr or en. */
const char *rp_report_level_verdict(const char *verdict);
/* One item of a target's "footprint", as plain text in fr or en (owned;
 * the caller escapes it for its format). */
char	*rp_report_footprint_text(json_t *item, const char *lang);
int	rp_report_html(json_t *results, const char *lang,
	    const char *template_dir, FILE *f, char **cause);

#endif
