#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/json.h"
#include "core/model.h"
#include "core/xmalloc.h"
#include "report/escape.h"
#include "report/i18n.h"
#include "report/report.h"
#include "core/banned.h"


int
rp_report_format_parse(const char *s)
{
	if (strcmp(s, "md") == 0 || strcmp(s, "markdown") == 0)
		return RP_FMT_MD;
	if (strcmp(s, "json") == 0)
		return RP_FMT_JSON;
	if (strcmp(s, "csv") == 0)
		return RP_FMT_CSV;
	if (strcmp(s, "junit") == 0)
		return RP_FMT_JUNIT;
	if (strcmp(s, "html") == 0)
		return RP_FMT_HTML;
	return -1;
}

/*
 * Identifiers, statuses and dates are printed by the renderers as they are
 * (in HTML attributes and code spans, Markdown headings, CSV, JUnit). A
 * results file may come from elsewhere (--previous, a handed-over audit):
 * refuse one whose identifiers hold anything but these characters.
 */
static int
safe_word(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && strchr("._:-/+ ", *s) == NULL)
			return 0;
	return 1;
}

static int
safe_keys(json_t *o, const char *const *keys, const char *path,
    const char *where, size_t idx, char **cause)
{
	const char *v;
	size_t k;

	for (k = 0; keys[k] != NULL; k++) {
		v = json_string_value(json_object_get(o, keys[k]));
		if (v != NULL && !safe_word(v)) {
			rp_fail(cause, RP_ERR_INVALID, "%s: %s[%zu].%s holds "
			    "characters a rempart results file never has",
			    path, where, idx, keys[k]);
			return 0;
		}
	}
	return 1;
}

static int
safe_fields(json_t *j, const char *path, char **cause)
{
	static const char *const res[] = { "target", "check", "module",
		"status", "severity", "phase", "effort", "operator", "level",
		"baseline", NULL };
	static const char *const tgt[] = { "id", "kind", "status", NULL };
	static const char *const pln[] = { "check", "module", "phase",
		"severity", "incident_phase", "effort", NULL };
	static const char *const chg[] = { "target", "check", "change",
		"severity", "status", "previous_status", NULL };
	static const char *const bsl[] = { "id", "kind", NULL };
	static const char *const lvl[] = { "baseline", "reference", "level",
		NULL };
	static const char *const top[] = { "generated_at", NULL };
	static const char *const ev[] = { "started_at", "finished_at", NULL };
	static const char *const inc[] = { "organisation_type",
		"compromise_start", "detection", "containment", "remediation",
		NULL };
	static const struct {
		const char *name;
		const char *const *keys;
	} lists[] = {
		{ "results", res }, { "targets", tgt }, { "plan", pln },
		{ "baselines", bsl }, { "levels", lvl },
	};
	json_t *a, *o;
	size_t i, n;

	for (n = 0; n < sizeof(lists) / sizeof(lists[0]); n++) {
		a = json_object_get(j, lists[n].name);
		json_array_foreach(a, i, o)
			if (!safe_keys(o, lists[n].keys, path, lists[n].name, i,
			    cause))
				return 0;
	}
	json_array_foreach(json_object_get(json_object_get(j, "since"),
	    "items"), i, o)
		if (!safe_keys(o, chg, path, "since.items", i, cause))
			return 0;
	return safe_keys(j, top, path, "root", 0, cause) &&
	    safe_keys(json_object_get(j, "evidence"), ev, path, "evidence", 0,
	    cause) && safe_keys(json_object_get(j, "incident"), inc, path,
	    "incident", 0, cause);
}

int
rp_results_load(const char *path, json_t **out, char **cause)
{
	json_error_t je;
	json_t *j;
	const char *fmt;

	j = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	if (j == NULL)
		return rp_fail(cause, RP_ERR_PARSE, "%s:%d: %s", path, je.line,
		    je.text);
	fmt = json_string_value(json_object_get(j, "format"));
	if (fmt == NULL || strcmp(fmt, "rempart-results/1") != 0 ||
	    !json_is_array(json_object_get(j, "results")) ||
	    !json_is_array(json_object_get(j, "targets"))) {
		json_decref(j);
		return rp_fail(cause, RP_ERR_INVALID, "%s: not a rempart "
		    "results file (format rempart-results/1)", path);
	}
	if (!safe_fields(j, path, cause)) {
		json_decref(j);
		return RP_ERR_INVALID;
	}
	*out = j;
	return 0;
}

/* The accessors of core/json.h, by the short names the renderers use. */
#define S(o, k)		rp_json_str((o), (k))
#define T(o, k, lang)	rp_json_text((o), (k), (lang))

static int
sev_rank(json_t *r)
{
	return rp_severity_parse(S(r, "severity"));
}

/* Failed results, most severe first, then check id, then target. */
static int
cmp_finding(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int d = sev_rank(y) - sev_rank(x);

	if (d == 0)
		d = strcmp(S(x, "check"), S(y, "check"));
	if (d == 0)
		d = strcmp(S(x, "target"), S(y, "target"));
	return d;
}

static json_t **
select_status(json_t *results, const char *status, size_t *n)
{
	json_t **v, *r;
	size_t i;

	v = xcalloc(json_array_size(results) + 1, sizeof(*v));
	*n = 0;
	json_array_foreach(results, i, r)
		if (strcmp(S(r, "status"), status) == 0)
			v[(*n)++] = r;
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_finding);
	return v;
}

static void
md_header(json_t *root, const char *lang, FILE *f)
{
	json_t *inc = json_object_get(root, "incident"), *b;
	size_t i;

	fprintf(f, "# %s\n\n", _("Remediation and hardening audit"));
	if (json_is_object(inc)) {
		fprintf(f, "- **%s**: ", _("Organisation"));
		rp_md_inline(f, S(inc, "organisation"));
		fprintf(f, "\n- **%s**: ", _("Incident reference"));
		rp_md_inline(f, S(inc, "reference"));
		fprintf(f, "\n- **%s**: %s\n", _("Compromise start"), S(inc,
		    "compromise_start"));
		if (*S(inc, "remediation"))
			fprintf(f, "- **%s**: %s\n", _("Remediation "
			    "completed"),
			    S(inc, "remediation"));
	}
	fprintf(f, "- **%s**: %s\n", _("Audit time"),
	    S(root, "generated_at"));
	json_array_foreach(json_object_get(root, "baselines"), i, b) {
		fprintf(f, "- **%s**: `%s` ", _("Baseline"), S(b, "id"));
		rp_md_inline(f, T(b, "title", lang));
		fputc('\n', f);
	}
	if (json_is_true(json_object_get(json_object_get(root, "evidence"),
	    "partial")))
		fprintf(f, "\n> **%s**\n", _("PARTIAL: the collection "
		    "did not complete; results cover what was collected."));
	fputc('\n', f);
}

static void
md_summary(json_t *root, const char *lang, FILE *f)
{
	json_t *o = json_object_get(json_object_get(root, "summary"),
	    "overall");
	json_t *st = json_object_get(o, "by_status");
	json_t *sv = json_object_get(o, "failed_by_severity");
	json_t *t;
	size_t i;
	int k;

	fprintf(f, "## %s\n\n", _("Summary"));
	fprintf(f, "| %s | %s |\n|---|---:|\n", _("Status"),
	    _("Count"));
	for (k = 0; k < RP_ST__COUNT; k++)
		fprintf(f, "| %s | %lld |\n", rp_status_name((enum rp_status)k),
		    (long long)json_integer_value(json_object_get(st,
		    rp_status_name((enum rp_status)k))));
	fprintf(f, "\n| %s | %s |\n|---|---:|\n", _("Failed, by "
	    "severity"), _("Count"));
	for (k = RP_SEV__COUNT - 1; k >= 0; k--)
		fprintf(f, "| %s | %lld |\n",
		    rp_severity_name((enum rp_severity)k),
		    (long long)json_integer_value(json_object_get(sv,
		    rp_severity_name((enum rp_severity)k))));
	fprintf(f, "\n## %s\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n",
	    _("Targets"), _("Target"),
	    _("Kind"), _("Status"),
	    _("Detail"));
	json_array_foreach(json_object_get(root, "targets"), i, t) {
		fputs("| ", f);
		rp_md_inline(f, S(t, "id"));
		fprintf(f, " | %s | %s | ", S(t, "kind"), S(t, "status"));
		rp_md_inline(f, S(t, "error"));
		fputs(" |\n", f);
	}
	fputc('\n', f);
}

static void
md_finding(json_t *r, const char *lang, FILE *f)
{
	json_t *ref, *w;
	size_t i;

	fprintf(f, "### [%s] %s: ", S(r, "severity"), S(r, "check"));
	rp_md_inline(f, T(r, "title", lang));
	fprintf(f, "\n\n- **%s**: ", _("Target"));
	rp_md_inline(f, S(r, "target"));
	fprintf(f, "\n- **%s**: %s\n", _("Phase"),
	    S(r, "phase"));
	fprintf(f, "- **%s**: ", _("Observed"));
	rp_md_inline(f, S(r, "observed"));
	fprintf(f, "\n- **%s**: %s ", _("Expected"),
	    S(r, "operator"));
	rp_md_inline(f, S(r, "expected"));
	fputc('\n', f);
	if (json_array_size(json_object_get(r, "references"))) {
		fprintf(f, "- **%s**:", _("References"));
		json_array_foreach(json_object_get(r, "references"), i, ref) {
			fputc(' ', f);
			rp_md_inline(f, json_string_value(ref));
		}
		fputc('\n', f);
	}
	w = json_object_get(r, "waiver");
	if (json_is_object(w)) {
		fprintf(f, "- **%s** %s ", _("Waiver expired on"), S(w,
		    "expires"));
		rp_md_inline(f, S(w, "owner"));
		fputc('\n', f);
	}
	fprintf(f, "\n**%s**: ", _("Remediation"));
	rp_md_inline(f, T(r, "remediation", lang));
	fputs("\n\n", f);
	if (*S(r, "evidence")) {
		rp_md_code(f, S(r, "evidence"));
		fputc('\n', f);
	}
}

static void
md_list(json_t *root, const char *status, const char *title, FILE *f,
    const char *lang, int full)
{
	json_t **v;
	size_t n, i;

	v = select_status(json_object_get(root, "results"), status, &n);
	fprintf(f, "## %s (%zu)\n\n", title, n);
	for (i = 0; i < n; i++) {
		if (full) {
			md_finding(v[i], lang, f);
			continue;
		}
		fprintf(f, "- `%s` ", S(v[i], "check"));
		rp_md_inline(f, S(v[i], "target"));
		fputs(": ", f);
		rp_md_inline(f, T(v[i], "title", lang));
		if (*S(v[i], "reason")) {
			fputs(" (", f);
			rp_md_inline(f, S(v[i], "reason"));
			fputc(')', f);
		}
		fputc('\n', f);
	}
	fputc('\n', f);
	free(v);
}

const char *
rp_report_phase_title(const char *phase, const char *lang)
{
	static const struct { const char *id, *title; } t[] = {
		{ "immediate", N_("Immediate: confinement (the attacker may "
		    "still have access)") },
		{ "remediation", N_("Remediation to complete") },
		{ "quick-wins", N_("Hardening: quick wins") },
		{ "medium-term", N_("Hardening: medium term") },
		{ "long-term", N_("Hardening: long term") },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(t[i].id, phase) == 0)
			return _(t[i].title);
	return phase;
}

const char *
rp_report_level_verdict(const char *v)
{
	if (strcmp(v, "reached") == 0)
		return _("reached");
	if (strcmp(v, "not-reached") == 0)
		return _("not reached");
	return _("not assessed");
}

/*
 * Reference levels: each verdict next to its coverage (the reference's
 * checkpoints the baseline's checks cite), the other checks apart.
 */
static void
md_levels(json_t *root, FILE *f)
{
	json_t *a = json_object_get(root, "levels"), *l, *t, *rc, *oc, *cp;
	const char *id;
	size_t i;

	if (json_array_size(a) == 0)
		return;
	fprintf(f, "## %s\n\n%s\n\n", _("Reference levels"),
	    _("A level is judged only on the checks that cite the reference "
	    "at that level or below; the baseline's other checks "
	    "(post-incident, other references) are counted apart. "
	    "Checkpoints: how many of the reference's checkpoints up to that "
	    "level the baseline's checks cite."));
	fprintf(f, "| %s | %s | %s | %s | %s | %s | %s |\n"
	    "|---|---|---:|---|---|---:|---:|\n", _("Baseline"), _("Level"),
	    _("Checkpoints"), _("Target"), _("Verdict"),
	    _("Reference checks: pass / fail / error"),
	    _("Other checks: pass / fail"));
	json_array_foreach(a, i, l) {
		cp = json_object_get(l, "checkpoints");
		json_object_foreach(json_object_get(l, "targets"), id, t) {
			rc = json_object_get(t, "reference_checks");
			oc = json_object_get(t, "other_checks");
			fputs("| ", f);
			rp_md_inline(f, S(l, "baseline"));
			fputs(" | ", f);
			rp_md_inline(f, S(l, "level"));
			fprintf(f, " | %lld / ", rp_json_int(cp, "cited"));
			if (json_is_integer(json_object_get(cp, "in_reference")))
				fprintf(f, "%lld", rp_json_int(cp,
				    "in_reference"));
			else
				fputs("?", f);
			fputs(" | ", f);
			rp_md_inline(f, id);
			fprintf(f, " | %s | %lld / %lld / %lld | %lld / %lld |\n",
			    rp_report_level_verdict(S(t, "verdict")),
			    rp_json_int(rc, "pass"), rp_json_int(rc, "fail"),
			    rp_json_int(rc, "error"), rp_json_int(oc, "pass"),
			    rp_json_int(oc, "fail"));
		}
	}
	fputc('\n', f);
}

static void
md_plan_phase(json_t *plan, const char *phase, size_t n, const char *lang,
    FILE *f)
{
	json_t *a, *t;
	size_t i, j;

	fprintf(f, "### %s (%zu)\n\n| # | %s | %s | %s | %s |\n"
	    "|---:|---|---|---|---|\n", rp_report_phase_title(phase, lang), n,
	    _("Action"), _("Severity"),
	    _("Effort"), _("Targets"));
	json_array_foreach(plan, i, a) {
		if (strcmp(S(a, "phase"), phase) != 0)
			continue;
		fprintf(f, "| %lld | `%s` ", (long long)json_integer_value(
		    json_object_get(a, "rank")), S(a, "check"));
		rp_md_inline(f, T(a, "title", lang));
		fprintf(f, " | %s | %s | %zu: ", S(a, "severity"),
		    S(a, "effort"), json_array_size(json_object_get(a,
		    "targets")));
		json_array_foreach(json_object_get(a, "targets"), j, t) {
			if (j)
				fputs(", ", f);
			rp_md_inline(f, json_string_value(t));
		}
		fputs(" |\n", f);
	}
	fputc('\n', f);
}

static void
md_plan(json_t *root, const char *lang, FILE *f)
{
	static const char *const phases[] = { "immediate", "remediation",
		"quick-wins", "medium-term", "long-term" };
	json_t *plan = json_object_get(root, "plan"), *a;
	size_t i, k, n;

	fprintf(f, "## %s\n\n", _("Remediation and hardening plan"));
	if (json_array_size(plan) == 0) {
		fprintf(f, "%s\n\n", _("No action: no finding."));
		return;
	}
	for (k = 0; k < sizeof(phases) / sizeof(phases[0]); k++) {
		n = 0;
		json_array_foreach(plan, i, a)
			n += strcmp(S(a, "phase"), phases[k]) == 0;
		if (n > 0)
			md_plan_phase(plan, phases[k], n, lang, f);
	}
}

static void
md_since(json_t *root, const char *lang, FILE *f)
{
	static const char *const kinds[] = { "new", "regressed", "fixed",
		"still-open" };
	json_t *since = json_object_get(root, "since"), *c, *it, *v;
	size_t i, j, k;

	if (!json_is_object(since))
		return;
	c = json_object_get(since, "counts");
	fprintf(f, "## %s\n\n", _("Since the last audit"));
	fprintf(f, "%s %s: %.1f %% → %.1f %%\n\n", _("Score since"),
	    S(json_object_get(since, "previous"),
	    "generated_at"), json_number_value(json_object_get(
	    json_object_get(since, "previous"), "score")),
	    json_number_value(json_object_get(since, "score")));
	fprintf(f, "| %s | %s | %s | %s |\n|---:|---:|---:|---:|\n"
	    "| %lld | %lld | %lld | %lld |\n\n", _("New"),
	    _("Regressed"), _("Fixed"), _("Still open"),
	    (long long)json_integer_value(json_object_get(c, "new")),
	    (long long)json_integer_value(json_object_get(c, "regressed")),
	    (long long)json_integer_value(json_object_get(c, "fixed")),
	    (long long)json_integer_value(json_object_get(c, "still-open")));
	for (k = 0; k < 3; k++) {
		json_array_foreach(json_object_get(since, "items"), i, it) {
			if (strcmp(S(it, "change"), kinds[k]) != 0)
				continue;
			fprintf(f, "- **%s** `%s` ", kinds[k], S(it, "check"));
			rp_md_inline(f, S(it, "target"));
			fputs(": ", f);
			rp_md_inline(f, T(it, "title", lang));
			json_array_foreach(json_object_get(it, "appeared"), j, v) {
				fputs(j ? ", " : _("; appeared: "), f);
				rp_md_inline(f, json_string_value(v));
			}
			fputc('\n', f);
		}
	}
	/* still open, but something appeared or went away */
	json_array_foreach(json_object_get(since, "items"), i, it) {
		if (strcmp(S(it, "change"), "still-open") != 0 ||
		    json_array_size(json_object_get(it, "appeared")) +
		    json_array_size(json_object_get(it, "gone")) == 0)
			continue;
		fprintf(f, "- **still-open** `%s` ", S(it, "check"));
		rp_md_inline(f, S(it, "target"));
		json_array_foreach(json_object_get(it, "appeared"), j, v) {
			fputs(j ? ", " : _("; appeared: "), f);
			rp_md_inline(f, json_string_value(v));
		}
		json_array_foreach(json_object_get(it, "gone"), j, v) {
			fputs(j ? ", " : _("; gone: "), f);
			rp_md_inline(f, json_string_value(v));
		}
		fputc('\n', f);
	}
	fputc('\n', f);
}

char *
rp_report_footprint_text(json_t *x, const char *lang)
{
	const char *k = S(x, "kind"), *a = S(x, "account");

	if (strcmp(k, "login-key") == 0)
		return xasprintf(_("authorized key of %s (the audit's "
		    "login)"), a);
	if (strcmp(k, "login-password") == 0)
		return xasprintf(_("password login of %s (the audit's "
		    "account)"), a);
	if (strcmp(k, "sudo-rule") == 0)
		return xasprintf(_("sudo rule for %s in %s: %s"), a, S(x, "where"),
		    S(x, "detail"));
	return xasprintf("%s (%s)", k, a);
}

/* What the audit itself left on the targets: to remove afterwards. */
static void
md_footprint(json_t *root, const char *lang, FILE *f)
{
	json_t *t, *x;
	size_t i, j;
	char *txt;
	int any = 0;

	fprintf(f, "## %s\n\n%s\n\n", _("Audit footprint"), _("Access granted for the audit "
	    "itself: not counted as findings. Remove it once the audit is "
	    "over (or keep it under the same control as any administrator "
	    "access)."));
	json_array_foreach(json_object_get(root, "targets"), i, t) {
		json_array_foreach(json_object_get(t, "footprint"), j, x) {
			any++;
			fputs("- ", f);
			rp_md_inline(f, S(t, "id"));
			fputs(": ", f);
			txt = rp_report_footprint_text(x, lang);
			rp_md_inline(f, txt);
			free(txt);
			fputc('\n', f);
		}
	}
	fprintf(f, "%s\n", any ? "" : _("None recorded.\n"));
}

static int
render_md(json_t *root, const char *lang, FILE *f)
{
	md_header(root, lang, f);
	md_summary(root, lang, f);
	md_levels(root, f);
	md_since(root, lang, f);
	md_plan(root, lang, f);
	md_list(root, "fail", _("Findings"), f, lang, 1);
	md_list(root, "error", _("Not evaluated (errors)"), f, lang, 0);
	md_list(root, "waived", _("Waived"), f, lang, 0);
	md_list(root, "na", _("Not applicable"), f,
	    lang, 0);
	md_footprint(root, lang, f);
	fprintf(f, "---\n%s %s %s\n", _("Generated by"),
	    PACKAGE_NAME, PACKAGE_VERSION);
	return 0;
}

static int
render_json(json_t *root, const char *lang, FILE *f)
{
	json_t *copy = json_deep_copy(root), *rep = json_object(), *a;
	json_t **v;
	size_t n, i;
	int r;

	v = select_status(json_object_get(root, "results"), "fail", &n);
	a = json_array();
	for (i = 0; i < n; i++) {
		json_t *o = json_object();

		json_object_set(o, "target", json_object_get(v[i], "target"));
		json_object_set(o, "check", json_object_get(v[i], "check"));
		json_object_set(o, "severity", json_object_get(v[i],
		    "severity"));
		json_object_set_new(o, "title", json_string(T(v[i], "title",
		    lang)));
		json_object_set_new(o, "remediation", json_string(T(v[i],
		    "remediation", lang)));
		json_array_append_new(a, o);
	}
	free(v);
	json_object_set_new(rep, "format", json_string("rempart-report/1"));
	json_object_set_new(rep, "lang", json_string(lang));
	json_object_set_new(rep, "findings", a);
	json_object_set_new(copy, "report", rep);
	r = json_dumpf(copy, f, JSON_INDENT(2) | JSON_ENSURE_ASCII);
	fputc('\n', f);
	json_decref(copy);
	return r == 0 ? 0 : RP_ERR_IO;
}

static int
render_csv(json_t *root, const char *lang, FILE *f)
{
	static const char *const cols[] = { "target", "check", "status",
		"severity", "phase", "title", "observed", "expected",
		"remediation" };
	json_t *r;
	size_t i, k;

	for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++)
		fprintf(f, "%s%s", k ? "," : "", cols[k]);
	fputs("\r\n", f);
	json_array_foreach(json_object_get(root, "results"), i, r) {
		for (k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
			if (k)
				fputc(',', f);
			if (strcmp(cols[k], "title") == 0 ||
			    strcmp(cols[k], "remediation") == 0)
				rp_csv(f, T(r, cols[k], lang));
			else
				rp_csv(f, S(r, cols[k]));
		}
		fputs("\r\n", f);
	}
	return 0;
}

static int
render_junit(json_t *root, const char *lang, FILE *f)
{
	json_t *t, *r, *per = json_object_get(json_object_get(root,
	    "summary"), "targets");
	size_t i, j;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "
	    "name=\"rempart\">\n", f);
	json_array_foreach(json_object_get(root, "targets"), i, t) {
		json_t *c = json_object_get(per, S(t, "id"));
		json_t *st = json_object_get(c, "by_status");

		fputs("  <testsuite name=\"", f);
		rp_html(f, S(t, "id"));
		fprintf(f, "\" tests=\"%lld\" failures=\"%lld\" errors=\"%lld\" "
		    "skipped=\"%lld\">\n",
		    (long long)json_integer_value(json_object_get(c, "total")),
		    (long long)json_integer_value(json_object_get(st, "fail")),
		    (long long)json_integer_value(json_object_get(st, "error")),
		    (long long)(json_integer_value(json_object_get(st, "na")) +
		    json_integer_value(json_object_get(st, "waived"))));
		json_array_foreach(json_object_get(root, "results"), j, r) {
			const char *s = S(r, "status");

			if (strcmp(S(r, "target"), S(t, "id")) != 0)
				continue;
			fprintf(f, "    <testcase classname=\"%s\" name=\"",
			    S(r, "module"));
			rp_html(f, S(r, "check"));
			fputs(": ", f);
			rp_html(f, T(r, "title", lang));
			fputs("\">", f);
			if (strcmp(s, "fail") == 0) {
				fprintf(f, "<failure type=\"%s\" message=\"",
				    S(r, "severity"));
				rp_html(f, S(r, "observed"));
				fputs("\">", f);
				rp_html(f, T(r, "remediation", lang));
				fputs("</failure>", f);
			} else if (strcmp(s, "error") == 0) {
				fputs("<error message=\"", f);
				rp_html(f, S(r, "reason"));
				fputs("\"/>", f);
			} else if (strcmp(s, "na") == 0 ||
			    strcmp(s, "waived") == 0) {
				fprintf(f, "<skipped message=\"%s\"/>", s);
			}
			fputs("</testcase>\n", f);
		}
		fputs("  </testsuite>\n", f);
	}
	fputs("</testsuites>\n", f);
	return 0;
}

int
rp_report_render(json_t *root, enum rp_report_format fmt, const char *lang,
    const char *template_dir, FILE *f, char **cause)
{
	int r;

	/* fixed text comes from the catalogue in use, check text from lang */
	if (strcmp(lang, rp_i18n_lang()) != 0)
		return rp_fail(cause, RP_ERR_INVALID, "report in '%s' but the "
		    "'%s' catalogue is in use", lang, rp_i18n_lang());
	switch (fmt) {
	case RP_FMT_MD:
		r = render_md(root, lang, f);
		break;
	case RP_FMT_JSON:
		r = render_json(root, lang, f);
		break;
	case RP_FMT_CSV:
		r = render_csv(root, lang, f);
		break;
	case RP_FMT_JUNIT:
		r = render_junit(root, lang, f);
		break;
	case RP_FMT_HTML:
		r = rp_report_html(root, lang, template_dir, f, cause);
		break;
	default:
		return rp_fail(cause, RP_ERR_INVALID, "unknown format");
	}
	if (r == 0 && ferror(f))
		r = rp_fail(cause, RP_ERR_IO, "write error");
	return r;
}
