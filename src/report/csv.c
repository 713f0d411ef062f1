/*
 * csv.c -- CSV of the results and of the plan (RFC 4180 or a French
 * Excel's dialect).
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/file.h"
#include "core/json.h"
#include "core/model.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "report/escape.h"
#include "report/i18n.h"
#include "report/render.h"
#include "report/report.h"
#include "core/banned.h"

static enum rp_csv_dialect csv_dialect = RP_CSV_RFC4180;

int
rp_report_csv_dialect_parse(const char *s)
{
	if (strcmp(s, "rfc4180") == 0 || strcmp(s, "comma") == 0)
		return RP_CSV_RFC4180;
	if (strcmp(s, "excel-fr") == 0)
		return RP_CSV_EXCEL_FR;
	return -1;
}

void
rp_report_set_csv_dialect(enum rp_csv_dialect d)
{
	csv_dialect = d;
}

/* The start of a CSV file: a byte order mark for a French Excel. */
static void
csv_begin(FILE *f)
{
	if (csv_dialect == RP_CSV_EXCEL_FR)
		fputs("\xef\xbb\xbf", f);
}

static void
csv_sep(FILE *f)
{
	fputc(csv_dialect == RP_CSV_EXCEL_FR ? ';' : ',', f);
}

/* A header row: identifiers, or their translations for people. */
static void
csv_header(FILE *f, const char *const *ids, const char *const *labels,
    size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (k)
			csv_sep(f);
		if (csv_dialect == RP_CSV_EXCEL_FR)
			rp_csv(f, _(labels[k]));
		else
			fputs(ids[k], f);
	}
	fputs("\r\n", f);
}

/* An enumeration's value: its id, or its label for people. */
static void
csv_enum(FILE *f, const char *kind, const char *id)
{
	rp_csv(f, csv_dialect == RP_CSV_EXCEL_FR ? rp_report_label(kind, id) :
	    id);
}

int
rp_render_csv(json_t *root, const char *lang, const char *template_dir, FILE *f,
    char **cause)
{
	static const char *const cols[] = { "target", "check", "status",
		"severity", "phase", "title", "observed", "expected",
		"remediation", "reason", "target_coverage" };
	static const char *const labels[] = { N_("Target"), N_("Check"),
		N_("Status"), N_("Severity"), N_("Phase"), N_("Title"),
		N_("Observed"), N_("Expected"), N_("Remediation"), N_("Reason"),
		N_("Target coverage") };
	json_t *r, *cov = rp_report_coverage_by_target(root);
	size_t i, k;
	char *v;

	csv_begin(f);
	csv_header(f, cols, labels, sizeof(cols) / sizeof(cols[0]));
	json_array_foreach(json_object_get(root, "results"), i, r) {
		for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
			if (k)
				csv_sep(f);
			if (strcmp(cols[k], "title") == 0)
				rp_csv(f, strcmp(S(r, "status"), "fail") == 0 ?
				    rp_report_finding_title(r, lang) :
				    T(r, "title", lang));
			else if (strcmp(cols[k], "remediation") == 0)
				rp_csv(f, T(r, cols[k], lang));
			else if (strcmp(cols[k], "expected") == 0) {
				v = rp_report_expected(r);
				rp_csv(f, v);
				free(v);
			} else if (strcmp(cols[k], "reason") == 0) {
				v = *S(r, "reason") ? rp_report_reason(r) :
				    xstrdup("");
				rp_csv(f, v);
				free(v);
			} else if (strcmp(cols[k], "observed") == 0) {
				v = rp_report_observed(r);
				rp_csv(f, v);
				free(v);
			} else if (strcmp(cols[k], "target_coverage") == 0)
				csv_enum(f, "coverage", S(json_object_get(cov,
				    S(r, "target")), "coverage"));
			else if (strcmp(cols[k], "status") == 0)
				csv_enum(f, "status", S(r, cols[k]));
			else if (strcmp(cols[k], "severity") == 0)
				csv_enum(f, "severity", S(r, cols[k]));
			else if (strcmp(cols[k], "phase") == 0)
				csv_enum(f, "phase", S(r, cols[k]));
			else
				rp_csv(f, S(r, cols[k]));
		}
		fputs("\r\n", f);
	}
	json_decref(cov);
	return 0;
}

/* A list of strings as one cell: "a, b, c" (owned). */
static char *
joined(json_t *a, int distinct)
{
	struct rp_strbuf sb;
	json_t *seen = json_object(), *v;
	const char *s;
	size_t i;

	/* appended in place: linear in the cell's length */
	rp_strbuf_init(&sb, (size_t)1 << 30);
	json_array_foreach(a, i, v) {
		if ((s = json_string_value(v)) == NULL || *s == '\0' ||
		    (distinct && json_object_get(seen, s) != NULL))
			continue;
		json_object_set_new(seen, s, json_true());
		if (sb.len > 0)
			rp_strbuf_addstr(&sb, ", ");
		rp_strbuf_addstr(&sb, s);
	}
	json_decref(seen);
	return sb.len > 0 ? rp_strbuf_detach(&sb, NULL) :
	    (rp_strbuf_release(&sb), xstrdup(""));
}

/*
 * The plan for an action-tracking spreadsheet: one row per action, and
 * empty owner, due date and status columns for the client to fill in.
 */
int
rp_render_plan_csv(json_t *root, const char *lang, const char *template_dir, FILE *f,
    char **cause)
{
	static const char *const cols[] = { "rank", "phase", "severity",
		"check", "title", "targets", "target_list", "objects",
		"remediation", "owner", "due_date", "status" };
	static const char *const labels[] = { N_("Rank"), N_("Plan phase"),
		N_("Severity"), N_("Check"), N_("Action"), N_("Targets"),
		N_("Target list"), N_("Objects found"), N_("Remediation"),
		N_("Owner"), N_("Due date"), N_("Status") };
	json_t *a;
	size_t i;
	char *v;

	csv_begin(f);
	csv_header(f, cols, labels, sizeof(cols) / sizeof(cols[0]));
	json_array_foreach(json_object_get(root, "plan"), i, a) {
		fprintf(f, "%lld", I(a, "rank"));
		csv_sep(f);
		rp_csv(f, csv_dialect == RP_CSV_EXCEL_FR ?
		    rp_report_phase_title(S(a, "phase"), lang) : S(a, "phase"));
		csv_sep(f);
		csv_enum(f, "severity", S(a, "severity"));
		csv_sep(f);
		rp_csv(f, S(a, "check"));
		csv_sep(f);
		rp_csv(f, rp_report_finding_title(a, lang));
		csv_sep(f);
		fprintf(f, "%zu", json_array_size(json_object_get(a,
		    "targets")));
		csv_sep(f);
		v = joined(json_object_get(a, "targets"), 0);
		rp_csv(f, v);
		free(v);
		csv_sep(f);
		v = joined(json_object_get(a, "objects"), 1);
		rp_csv(f, v);
		free(v);
		csv_sep(f);
		rp_csv(f, rp_report_action_remediation(a, lang));
		/* owner, due date, status: the client's */
		csv_sep(f);
		csv_sep(f);
		csv_sep(f);
		fputs("\r\n", f);
	}
	return 0;
}
