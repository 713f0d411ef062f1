/*
 * md.c -- the Markdown report.
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
#include "core/util.h"
#include "core/xmalloc.h"
#include "report/escape.h"
#include "report/i18n.h"
#include "report/render.h"
#include "report/report.h"
#include "core/banned.h"

static void
md_date(FILE *f, const char *label, const char *iso, int incident)
{
	char *d = incident ? rp_report_incident_date(iso) :
	    rp_report_date(iso);

	fprintf(f, "- **%s**: %s\n", label, d);
	free(d);
}

static void
md_header(json_t *root, const char *lang, FILE *f)
{
	static const char *const dates[][2] = {
		{ "compromise_start", N_("Compromise start") },
		{ "detection", N_("Detection") },
		{ "containment", N_("Containment") },
		{ "remediation", N_("Remediation completed") },
	};
	json_t *inc = json_object_get(root, "incident"), *b;
	char *txt;
	size_t i;
	int k;

	fprintf(f, "# %s\n\n", _("Remediation and hardening audit"));
	if ((txt = rp_report_limit_text(root)) != NULL) {
		fputs("> **", f);
		rp_md_inline(f, txt);
		fputs("**\n\n", f);
		free(txt);
	}
	if (json_is_object(inc)) {
		fprintf(f, "- **%s**: ", _("Organisation"));
		rp_md_inline(f, S(inc, "organisation"));
		fprintf(f, " (%s)", rp_report_label("org", S(inc,
		    "organisation_type")));
		fprintf(f, "\n- **%s**: ", _("Incident reference"));
		rp_md_inline(f, S(inc, "reference"));
		fputc('\n', f);
		for (i = 0; i < 4; i++)
			if (*S(inc, dates[i][0]) != '\0')
				md_date(f, _(dates[i][1]), S(inc, dates[i][0]),
				    1);
		fprintf(f, "- **%s**: ", _("Known compromised accounts and "
		    "hosts"));
		k = 0;
		json_array_foreach(json_object_get(inc,
		    "compromised_accounts"), i, b) {
			fputs(k++ ? ", " : "", f);
			rp_md_inline(f, json_string_value(b));
		}
		json_array_foreach(json_object_get(inc, "compromised_hosts"),
		    i, b) {
			fputs(k++ ? ", " : "", f);
			rp_md_inline(f, json_string_value(b));
		}
		fputs(k ? "\n" : "—\n", f);
	}
	md_date(f, _("Audit time"), S(root, "generated_at"), 0);
	json_array_foreach(json_object_get(root, "baselines"), i, b) {
		fprintf(f, "- **%s**: `%s` ", _("Baseline"), S(b, "id"));
		rp_md_inline(f, T(b, "title", lang));
		fputc('\n', f);
	}
	if (json_is_true(json_object_get(json_object_get(root, "evidence"),
	    "partial")))
		fprintf(f, "\n> **%s**\n", _("PARTIAL: not every target "
		    "could be collected fully; results cover what was "
		    "collected."));
	fputc('\n', f);
}

/*
 * Names of alike targets (report/alike.c): a few, then the others counted
 * and listed, so that every target can still be found in the text.
 */
static void
md_alike_names(FILE *f, json_t *ids)
{
	size_t j, n = json_array_size(ids);
	json_t *x;

	json_array_foreach(ids, j, x) {
		if (j == RP_ALIKE_SHOWN) {
			fputc(' ', f);
			fprintf(f, P_("and %zu more target",
			    "and %zu more targets", n - RP_ALIKE_SHOWN),
			    n - RP_ALIKE_SHOWN);
			fputs(" (", f);
		} else if (j != 0)
			fputs(", ", f);
		rp_md_inline(f, json_string_value(x));
	}
	if (n > RP_ALIKE_SHOWN)
		fputc(')', f);
}

/*
 * The targets: one row each, except that targets alike (the same kind,
 * roles, audit, error, findings by severity and plan actions: those the
 * HTML report's "Findings by target" puts in one row) share one.
 */
static void
md_targets(json_t *root, FILE *f)
{
	json_t *order, *g, *t, *ids;
	size_t i, n;
	char *txt;

	fprintf(f, "\n## %s\n\n| %s | %s | %s | %s |\n|---|---|---|---|\n",
	    _("Targets"), _("Target"), _("Kind"), _("Status"), _("Detail"));
	order = rp_report_alike_targets(root);
	json_array_foreach(order, i, g) {
		t = json_object_get(g, "target");
		ids = json_object_get(g, "ids");
		n = json_array_size(ids);
		fputs("| ", f);
		if (n == 1)
			rp_md_inline(f, S(t, "id"));
		else {
			/* the kind is in its column; the MD table shows no
			 * roles, for one target or many */
			fprintf(f, P_("%zu target alike: ",
			    "%zu targets alike: ", n), n);
			md_alike_names(f, ids);
		}
		fprintf(f, " | %s | ", rp_report_label("kind", S(t, "kind")));
		txt = rp_report_target_audited(root, t);
		rp_md_inline(f, txt);
		free(txt);
		fputs(" | ", f);
		txt = rp_report_reason_text(S(t, "error"));
		rp_md_inline(f, txt);
		free(txt);
		fputs(" |\n", f);
	}
	json_decref(order);
	fputc('\n', f);
}

static void
md_summary(json_t *root, const char *lang, FILE *f)
{
	json_t *o = json_object_get(json_object_get(root, "summary"),
	    "overall");
	json_t *st = json_object_get(o, "by_status");
	json_t *sv = json_object_get(o, "failed_by_severity");
	json_t *pt;
	char *txt;
	size_t i;
	int k;

	(void)lang;
	fprintf(f, "## %s\n\n", _("Summary"));
	txt = rp_report_verdict(root);
	fputs("**", f);
	rp_md_inline(f, txt);
	fputs("**\n\n", f);
	free(txt);
	txt = rp_report_coverage_text(root);
	fprintf(f, "%s ", _("Coverage:"));
	rp_md_inline(f, txt);
	fputs("\n\n", f);
	free(txt);
	json_array_foreach(json_object_get(rp_report_coverage_of(root), "per_target"),
	    i, pt) {
		if (strcmp(S(pt, "coverage"), "full") == 0)
			continue;
		fputs("- ", f);
		rp_md_inline(f, S(pt, "target"));
		txt = rp_report_coverage_audited(pt);
		fprintf(f, ": %s · %s\n", txt,
		    rp_report_cause_label(S(pt, "cause")));
		free(txt);
	}
	txt = rp_report_score_text(root);
	fprintf(f, "\n%s ", _("Score:"));
	rp_md_inline(f, txt);
	fputs("\n\n", f);
	free(txt);
	fprintf(f, "| %s | %s |\n|---|---:|\n", _("Status"),
	    _("Count"));
	for (k = 0; k < RP_ST__COUNT; k++)
		fprintf(f, "| %s | %lld |\n", rp_report_label("status",
		    rp_status_name((enum rp_status)k)),
		    (long long)json_integer_value(json_object_get(st,
		    rp_status_name((enum rp_status)k))));
	fprintf(f, "\n| %s | %s |\n|---|---:|\n", _("Failed, by "
	    "severity"), _("Count"));
	for (k = RP_SEV__COUNT - 1; k >= 0; k--)
		fprintf(f, "| %s | %lld |\n", rp_report_label("severity",
		    rp_severity_name((enum rp_severity)k)),
		    (long long)json_integer_value(json_object_get(sv,
		    rp_severity_name((enum rp_severity)k))));
	md_targets(root, f);
}

/*
 * A remediation: its first line is what to do, the lines after it (when
 * there are) a block to paste as it is, in a code block.
 */
static void
md_remediation(FILE *f, const char *s)
{
	const char *nl = strchr(s, '\n');
	char *first;

	if (nl == NULL) {
		rp_md_text(f, s);
		fputs("\n\n", f);
		return;
	}
	first = xstrndup(s, (size_t)(nl - s));
	rp_md_text(f, first);
	free(first);
	fputs("\n\n", f);
	rp_md_code(f, nl + 1);
	fputc('\n', f);
}

/*
 * The remediation's commands filled with the objects found (the action of
 * the plan for that check), and each object not filled in with why.
 */
static void
md_commands(json_t *a, FILE *f)
{
	json_t *e;
	size_t i, n, nref;
	char *t, *v;

	if (a == NULL)
		return;
	n = rp_report_commands_count(a, &nref);
	if (n > 0 && (t = rp_report_commands(a, 0, (size_t)-1)) != NULL) {
		fprintf(f, "**%s** %s\n\n", _("With the objects found:"),
		    _("check each line against the text above before running "
		    "it."));
		rp_md_code(f, t);
		fputc('\n', f);
		free(t);
	}
	json_array_foreach(json_object_get(a, "commands"), i, e) {
		if (rp_report_command_refused(e) == NULL)
			continue;
		/* escaped text, not a code span: a backslash escape would
		 * show as it is inside one */
		fprintf(f, "- %s ", _("Not filled in for"));
		v = rp_report_visible(S(e, "object"), 120);
		rp_md_inline(f, v);
		fputs(" (", f);
		free(v);
		v = rp_report_visible(S(e, "target"), 120);
		rp_md_inline(f, v);
		fprintf(f, "): %s; %s\n",
		    rp_report_refusal(rp_report_command_refused(e)),
		    _("use the text above"));
		free(v);
	}
	if (nref > 0)
		fputc('\n', f);
	if (json_integer_value(json_object_get(a, "commands_omitted")) > 0)
		fprintf(f, "%s\n\n", _("More objects were found than are "
		    "listed here: use the text above for the others."));
}

/* One block per failed check, its targets and what was seen on each. */
static void
md_check(json_t **v, size_t n, const char *lang, json_t *action, FILE *f)
{
	json_t *ref, *w;
	char *exp, *url, *obs;
	size_t i;

	fprintf(f, "### [%s] %s: ", rp_report_label("severity", S(v[0],
	    "severity")), S(v[0], "check"));
	rp_md_inline(f, rp_report_finding_title(v[0], lang));
	fprintf(f, " (");
	fprintf(f, P_("%zu target", "%zu targets", n), n);
	fputs(")\n\n", f);
	if (*T(v[0], "rationale", lang)) {
		fprintf(f, "%s ", _("Why it matters:"));
		rp_md_inline(f, T(v[0], "rationale", lang));
		fputs("\n\n", f);
	}
	fprintf(f, "- **%s**: %s\n", _("Phase"), rp_report_label("phase",
	    S(v[0], "phase")));
	if (json_array_size(json_object_get(v[0], "references"))) {
		fprintf(f, "- **%s**:", _("References"));
		json_array_foreach(json_object_get(v[0], "references"), i,
		    ref) {
			fputc(' ', f);
			url = rp_report_ref_url(json_string_value(ref));
			if (url != NULL)
				fputc('[', f);
			rp_md_inline(f, json_string_value(ref));
			if (url != NULL)
				fprintf(f, "](%s)", url);
			free(url);
		}
		fputc('\n', f);
	}
	exp = rp_report_expected(v[0]);
	fprintf(f, "- **%s**: ", _("Expected"));
	rp_md_inline(f, exp);
	free(exp);
	fputc('\n', f);
	for (i = 0; i < n; i++) {
		fprintf(f, "- **");
		rp_md_inline(f, S(v[i], "target"));
		fprintf(f, "** %s ", _("observed:"));
		obs = rp_report_observed(v[i]);
		rp_md_inline(f, obs);
		free(obs);
		w = json_object_get(v[i], "waiver");
		if (json_is_object(w)) {
			char *d = rp_report_date(S(w, "expires"));

			fprintf(f, " (%s ", _("waiver expired on"));
			rp_md_inline(f, d);
			fputs(", ", f);
			rp_md_inline(f, S(w, "owner"));
			fputc(')', f);
			free(d);
		}
		fputc('\n', f);
	}
	fprintf(f, "\n**%s**: ", _("Remediation"));
	md_remediation(f, T(v[0], "remediation", lang));
	md_commands(action, f);
	for (i = 0; i < n; i++) {
		if (*S(v[i], "evidence") == '\0')
			continue;
		rp_md_inline(f, S(v[i], "target"));
		fputs(":\n\n", f);
		obs = rp_report_phrases(S(v[i], "evidence"));
		rp_md_code(f, obs);
		free(obs);
		fputc('\n', f);
	}
}

static void
md_findings(json_t *root, const char *lang, FILE *f)
{
	json_t **v, *byck = json_object(), *a;
	size_t n, i, j;

	json_array_foreach(json_object_get(root, "plan"), i, a)
		if (*S(a, "check"))
			json_object_set(byck, S(a, "check"), a);
	v = rp_report_failed(root, &n);
	fprintf(f, "## %s (%zu)\n\n", _("Findings"), n);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && strcmp(S(v[j], "check"), S(v[i],
		    "check")) == 0; j++)
			;
		md_check(v + i, j - i, lang, json_object_get(byck,
		    S(v[i], "check")), f);
	}
	free(v);
	json_decref(byck);
}

/* Not evaluated, waived, not applicable: one line per target and reason,
 * counted. */
static void
md_list(json_t *root, const char *status, const char *title, FILE *f,
    const char *lang)
{
	json_t **v, *byt = json_object(), *e, *c;
	const char *tg, *k;
	char *why;
	size_t n, i;

	(void)lang;
	v = rp_report_select_status(json_object_get(root, "results"), status, &n);
	fprintf(f, "## %s (%zu)\n\n", title, n);
	for (i = 0; i < n; i++) {
		tg = S(v[i], "target");
		if ((e = json_object_get(byt, tg)) == NULL) {
			e = json_object();
			json_object_set_new(byt, tg, e);
		}
		why = strcmp(status, "waived") == 0 ?
		    xstrdup(_("waived")) : rp_report_reason(v[i]);
		c = json_object_get(e, why);
		json_object_set_new(e, why, json_integer(
		    json_integer_value(c) + 1));
		free(why);
	}
	json_object_foreach(byt, tg, e) {
		json_object_foreach(e, k, c) {
			long long cnt = (long long)json_integer_value(c);

			fputs("- ", f);
			rp_md_inline(f, tg);
			fputs(": ", f);
			rp_md_inline(f, k);
			fputs(" (", f);
			fprintf(f, P_("%lld check", "%lld checks", cnt), cnt);
			fputs(")\n", f);
		}
	}
	fputc('\n', f);
	json_decref(byt);
	free(v);
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
	char *mt;
	size_t i;

	if (json_array_size(a) == 0)
		return;
	fprintf(f, "## %s\n\n%s\n\n", _("Reference levels"),
	    _("A level is judged only on the checks that cite the reference "
	    "at that level or below; the baseline's other checks "
	    "(post-incident, other references) are counted apart. "
	    "Checkpoints: how many of the reference's checkpoints up to that "
	    "level the baseline's checks cite."));
	fprintf(f, "%s\n\n", _("Maturity reached: the level below the lowest level at which a check of the "
	    "reference fails or could not be assessed (as PingCastle counts it), "
	    "over every level of the reference: the checks of the levels above "
	    "the baseline's are evaluated for the maturity only (never in the "
	    "plan, the score or the findings), and where their probes were not "
	    "collected, the maturity says so."));
	fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s |\n"
	    "|---|---|---:|---|---|---|---:|---:|\n", _("Baseline"), _("Level"),
	    _("Checkpoints"), _("Target"), _("Verdict"), _("Maturity reached"),
	    _("Reference checks: pass / fail / not assessed"),
	    _("Other checks: pass / fail / not assessed"));
	json_array_foreach(a, i, l) {
		cp = json_object_get(l, "checkpoints");
		json_object_foreach(json_object_get(l, "targets"), id, t) {
			rc = json_object_get(t, "reference_checks");
			oc = json_object_get(t, "other_checks");
			fputs("| ", f);
			rp_md_inline(f, S(l, "baseline"));
			fputs(" | ", f);
			rp_md_inline(f, rp_report_label("level", S(l, "level")));
			fprintf(f, " | %lld / ", rp_json_int(cp, "cited"));
			if (json_is_integer(json_object_get(cp, "in_reference")))
				fprintf(f, "%lld", rp_json_int(cp,
				    "in_reference"));
			else
				fputs("?", f);
			fputs(" | ", f);
			rp_md_inline(f, id);
			mt = rp_report_maturity(l, t);
			fprintf(f, " | %s | ", rp_report_level_verdict(S(t,
			    "verdict")));
			rp_md_inline(f, mt);
			free(mt);
			fprintf(f, " | %lld / %lld / %lld | %lld / %lld / %lld |\n",
			    rp_json_int(rc, "pass"), rp_json_int(rc, "fail"),
			    rp_json_int(rc, "error"), rp_json_int(oc, "pass"),
			    rp_json_int(oc, "fail"), rp_json_int(oc, "error"));
		}
	}
	fputc('\n', f);
}

static void
md_plan_phase(json_t *root, json_t *plan, const char *phase, size_t n,
    const char *lang, FILE *f)
{
	json_t *a, *t;
	size_t i, j, nt;
	char *grp;

	fprintf(f, "### %s (%zu)\n\n| # | %s | %s | %s | %s |\n"
	    "|---:|---|---|---|---|\n", rp_report_phase_title(phase, lang), n,
	    _("Action"), _("Severity"),
	    _("Effort"), _("Targets"));
	json_array_foreach(plan, i, a) {
		if (strcmp(S(a, "phase"), phase) != 0)
			continue;
		fprintf(f, "| %lld | ", (long long)json_integer_value(
		    json_object_get(a, "rank")));
		if (*S(a, "check"))
			fprintf(f, "`%s` ", S(a, "check"));
		rp_md_inline(f, rp_report_finding_title(a, lang));
		nt = json_array_size(json_object_get(a, "targets"));
		fprintf(f, " | %s | %s | %zu: ", rp_report_label("severity",
		    S(a, "severity")), rp_report_label("effort", S(a,
		    "effort")), nt);
		json_array_foreach(json_object_get(a, "targets"), j, t) {
			if (j == 6) {
				fputs(", ", f);
				fprintf(f, P_("and %zu more", "and %zu more",
				    nt - 6), nt - 6);
				break;
			}
			if (j)
				fputs(", ", f);
			rp_md_inline(f, json_string_value(t));
		}
		if ((grp = rp_report_action_groups(root, a)) != NULL) {
			fprintf(f, " (%s ", _("by group:"));
			rp_md_inline(f, grp);
			fputc(')', f);
			free(grp);
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
		fprintf(f, "%s\n\n", strcmp(rp_report_verdict_word(root),
		    "nothing-assessed") == 0 ? _("No action can be planned: "
		    "nothing was assessed. Fix what prevented the audit (see "
		    "\"What could not be audited\") and rerun it.") :
		    _("No action: no finding."));
		return;
	}
	for (k = 0; k < sizeof(phases) / sizeof(phases[0]); k++) {
		n = 0;
		json_array_foreach(plan, i, a)
			n += strcmp(S(a, "phase"), phases[k]) == 0;
		if (n > 0)
			md_plan_phase(root, plan, phases[k], n, lang, f);
	}
}

static void
md_since(json_t *root, const char *lang, FILE *f)
{
	static const char *const kinds[] = { "new", "regressed", "fixed",
		"still-open" };
	json_t *since = json_object_get(root, "since"), *c, *it, *v;
	char *a, *b, *d;
	size_t i, j, k;

	if (!json_is_object(since))
		return;
	c = json_object_get(since, "counts");
	fprintf(f, "## %s\n\n", _("Since the last audit"));
	a = rp_report_score_value(json_object_get(json_object_get(since,
	    "previous"), "score"));
	b = rp_report_score_value(json_object_get(since, "score"));
	d = rp_report_date(S(json_object_get(since, "previous"),
	    "generated_at"));
	fprintf(f, "%s ", _("Score since"));
	rp_md_inline(f, d);
	fprintf(f, ": %s → %s\n\n", a, b);
	free(a);
	free(b);
	free(d);
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
			fprintf(f, "- **%s** `%s` ", rp_report_label("change",
			    kinds[k]), S(it, "check"));
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
		fprintf(f, "- **%s** `%s` ", rp_report_label("change",
		    "still-open"), S(it, "check"));
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

/* The "history" section of a run recorded with --history: tables. */
static void
md_history(json_t *root, const char *lang, FILE *f)
{
	static const char *const sev[] = { "critical", "high", "medium", "low",
		"info" };
	json_t *hs = json_object_get(root, "history"), *runs, *r, *it, *a;
	const char *when, *v;
	char *d, *sc;
	size_t i, k, t;

	if (!json_is_object(hs) || !json_is_array(runs =
	    json_object_get(hs, "runs")))
		return;
	fprintf(f, "## %s\n\n", _("History of the sweeps"));
	fprintf(f, _("The last %zu recorded runs; findings still open in "
	    "this run: %lld."), json_array_size(runs), I(hs, "open_findings"));
	fprintf(f, "\n\n| %s | %s |", _("Audit"), _("Score"));
	for (k = 0; k < 5; k++)
		fprintf(f, " %s |", rp_report_label("severity", sev[k]));
	fputs("\n|---|---:|---:|---:|---:|---:|---:|\n", f);
	json_array_foreach(runs, i, r) {
		v = S(r, "generated_at");
		d = rp_report_date(v != NULL ? v : "-");
		sc = rp_report_score_value(json_object_get(r, "score"));
		fputs("| ", f);
		rp_md_inline(f, d);
		fprintf(f, " | %s |", sc);
		for (k = 0; k < 5; k++)
			fprintf(f, " %lld |", I(json_object_get(r,
			    "failed_by_severity"), sev[k]));
		fputc('\n', f);
		free(d);
		free(sc);
	}
	for (t = 0; t < 2; t++) {
		a = json_object_get(hs, t == 0 ? "oldest_open" :
		    "fixed_since_previous");
		when = t == 0 ? "open_since" : "first_failed";
		fprintf(f, "\n### %s\n\n", t == 0 ? _("Oldest open findings") :
		    _("Fixed since the previous run"));
		if (json_array_size(a) == 0) {
			fprintf(f, "%s\n", _("None."));
			continue;
		}
		fprintf(f, "| %s | %s | %s | %s |\n|---|---|---|---|\n",
		    _("Check"), _("Target"), _("Severity"), t == 0 ?
		    _("Open since") : _("First failed"));
		json_array_foreach(a, i, it) {
			if (i >= 20)
				break;
			v = S(it, when);
			d = rp_report_date(v != NULL ? v : "-");
			v = S(it, "check");
			if (v != NULL && rp_valid_id(v))
				fprintf(f, "| `%s` ", v);
			else {
				fputs("| ", f);
				rp_md_inline(f, v);
				fputc(' ', f);
			}
			rp_md_inline(f, T(it, "title", lang));
			fputs(" | ", f);
			rp_md_inline(f, S(it, "target"));
			v = S(it, "severity");
			fprintf(f, " | %s | ", rp_report_label("severity",
			    v != NULL ? v : "?"));
			rp_md_inline(f, d);
			fputs(" |\n", f);
			free(d);
		}
		if (json_array_size(a) > 20) {
			fputc('\n', f);
			fprintf(f, _("And %zu more (rempart history diff)."),
			    json_array_size(a) - 20);
			fputc('\n', f);
		}
	}
	fputc('\n', f);
}

/* Per host: what the post-incident checks examined and what not. */
static void
md_incident_coverage(json_t *root, const char *lang, FILE *f)
{
	json_t *t;
	size_t i;
	char *txt;
	int any = 0;

	json_array_foreach(json_object_get(root, "targets"), i, t) {
		if ((txt = rp_report_incident_coverage_text(t, lang)) == NULL)
			continue;
		if (!any++)
			fprintf(f, "## %s\n\n", _("Post-incident checks: "
			    "coverage"));
		fputs("- ", f);
		rp_md_inline(f, S(t, "id"));
		fputs(": ", f);
		rp_md_inline(f, txt);
		fputc('\n', f);
		free(txt);
	}
	if (any)
		fputc('\n', f);
}

/* What the audit itself left on the targets: to remove afterwards. */
static void
md_footprint(json_t *root, const char *lang, FILE *f)
{
	json_t *g, *x, *ids, *order;
	size_t i, j;
	int any = 0;

	fprintf(f, "## %s\n\n%s\n\n", _("Audit footprint"), _("Access granted for the audit "
	    "itself: not counted as findings. Remove it once the audit is "
	    "over (or keep it under the same control as any administrator "
	    "access)."));
	/* targets that left the same things share their lines */
	order = rp_report_alike_footprints(root, lang);
	json_array_foreach(order, i, g) {
		ids = json_object_get(g, "ids");
		if (json_array_size(ids) > 1) {
			fputs("- ", f);
			md_alike_names(f, ids);
			fputs(":\n", f);
		}
		json_array_foreach(json_object_get(g, "texts"), j, x) {
			any++;
			if (json_array_size(ids) > 1)
				fputs("  - ", f);
			else {
				fputs("- ", f);
				rp_md_inline(f, json_string_value(
				    json_array_get(ids, 0)));
				fputs(": ", f);
			}
			rp_md_inline(f, json_string_value(x));
			fputc('\n', f);
		}
	}
	json_decref(order);
	fprintf(f, "%s\n", any ? "" : _("None recorded.\n"));
}

/* A merged bundle: the collections it was made from (evidence merge). */
static void
md_provenance(json_t *root, FILE *f)
{
	json_t *pv = json_object_get(json_object_get(root, "evidence"),
	    "provenance"), *p;
	char *a, *b;
	size_t i;

	if (json_array_size(pv) == 0)
		return;
	fprintf(f, "## %s\n\n%s\n\n| %s | %s | %s | %s | %s | %s |\n"
	    "|---|---|---|---|---:|---:|\n", _("Collections merged"),
	    _("The evidence was merged from these collections, each verified "
	    "against its manifest (kept in the merged evidence)."),
	    _("Source"), _("Collector host"), _("rempart version"),
	    _("Collection"), _("Targets"), _("Replaced by a newer collection"));
	json_array_foreach(pv, i, p) {
		fputs("| ", f);
		rp_md_inline(f, S(p, "source"));
		fputs(" | ", f);
		rp_md_inline(f, *S(p, "collector_host") ? S(p,
		    "collector_host") : "—");
		fputs(" | ", f);
		rp_md_inline(f, *S(p, "tool_version") ? S(p, "tool_version") :
		    "—");
		a = rp_report_date(S(p, "started_at"));
		b = rp_report_date(S(p, "finished_at"));
		fputs(" | ", f);
		rp_md_inline(f, *a ? a : "—");
		fputs(" → ", f);
		rp_md_inline(f, *b ? b : "—");
		fprintf(f, "%s | %lld | %lld |\n", json_is_true(
		    json_object_get(p, "partial")) ? _(" (partial)") : "",
		    I(p, "targets"), I(p, "superseded"));
		free(a);
		free(b);
	}
	fputc('\n', f);
}

int
rp_render_md(json_t *root, const char *lang, const char *template_dir, FILE *f,
    char **cause)
{
	char *txt;

	md_header(root, lang, f);
	md_summary(root, lang, f);
	md_levels(root, f);
	md_since(root, lang, f);
	md_history(root, lang, f);
	md_plan(root, lang, f);
	md_findings(root, lang, f);
	md_list(root, "error", _("Not evaluated (errors)"), f, lang);
	md_list(root, "waived", _("Waived"), f, lang);
	md_list(root, "na", _("Not applicable"), f, lang);
	md_incident_coverage(root, lang, f);
	md_footprint(root, lang, f);
	md_provenance(root, f);
	fprintf(f, "---\n%s %s %s\n", _("Generated by"),
	    PACKAGE_NAME, PACKAGE_VERSION);
	if ((txt = rp_report_limit_short(root)) != NULL) {
		fputs("\n", f);
		rp_md_inline(f, txt);
		fputs("\n", f);
		free(txt);
	}
	return 0;
}
