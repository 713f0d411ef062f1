/*
 * render.h -- the renderers' table and what they share.
 *
 * How to add a report format (the renderer room):
 *  1. an RP_FMT_ value in report/report.h;
 *  2. a file report/NAME.c with one function of the rp_render_fn type,
 *     declared below: it reads the results document (hostile: escape every
 *     value at output with report/escape.h) and writes to f;
 *  3. a line in the renderers[] table of report/report.c (its name is what
 *     -f accepts) and the file in Makefile.am;
 *  4. the format in the usage of cli/cmd_report.c, and golden files for
 *     both languages in tests/fixtures/golden (make update-golden).
 */
#ifndef RP_REPORT_RENDER_H
#define RP_REPORT_RENDER_H

#include <stdio.h>

#include <jansson.h>

#include "report/report.h"

/* The accessors of core/json.h, by the short names the renderers use. */
#define S(o, k)		rp_json_str((o), (k))
#define T(o, k, lang)	rp_json_text((o), (k), (lang))
#define I(o, k)		rp_json_int((o), (k))

/* One renderer: results (borrowed), report language, the template
 * directory (HTML only), output stream; 0 or an rp_err with *cause. */
typedef int rp_render_fn(json_t *results, const char *lang,
    const char *template_dir, FILE *f, char **cause);

struct rp_renderer {
	const char		*name;	/* what -f accepts */
	const char		*alias;	/* or NULL */
	enum rp_report_format	 fmt;
	rp_render_fn		*render;
};

rp_render_fn	rp_render_md;		/* md.c */
rp_render_fn	rp_render_json;		/* json.c */
rp_render_fn	rp_render_csv;		/* csv.c */
rp_render_fn	rp_render_plan_csv;	/* csv.c */
rp_render_fn	rp_render_junit;	/* junit.c */
rp_render_fn	rp_report_html;		/* html.c */

/*
 * Alike targets, one row for all (alike.c): groups of targets[] in the
 * order of their first target, [{target: FIRST, ids: [ID...]}] (owned).
 * _targets: those whose "Findings by target" row reads the same (kind,
 * roles, how audited, error, findings by severity, plan actions);
 * _footprints: the targets with a footprint that left the same things,
 * each group with its texts[] in lang. Renderers name RP_ALIKE_SHOWN of a
 * group and count the others.
 */
#define RP_ALIKE_SHOWN	3
json_t	*rp_report_alike_targets(json_t *results);
json_t	*rp_report_alike_footprints(json_t *results, const char *lang);

/* summary.coverage of the results, or NULL (borrowed). */
json_t	*rp_report_coverage_of(json_t *results);
/* summary.coverage.per_target as an object keyed by target id (owned). */
json_t	*rp_report_coverage_by_target(json_t *results);
/* The results with this status, highest severity first; the array is
 * owned, its items borrowed. */
json_t	**rp_report_select_status(json_t *results, const char *status,
	    size_t *n);

#endif
