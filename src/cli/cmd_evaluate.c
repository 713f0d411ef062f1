/*
 * cmd_evaluate.c -- "rempart evaluate": an evidence bundle (or LDIF
 * exports, --ldif) -> results.json; rp_cli_evaluate is the evaluation
 * stage that audit reuses (cli.h).
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/err.h"
#include "core/log.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "engine/registry.h"
#include "engine/eval.h"
#include "core/util.h"
#include "evidence/bundle.h"
#include "collect/ldif_import.h"
#include "collect/select.h"
#include "report/report.h"
#include "results/compare.h"
#include "results/read.h"
#include "results/results.h"
#include "history/history.h"
#include "core/banned.h"

static const char usage_text[] =
"usage: rempart evaluate -e EVIDENCE_DIR [-b BASELINE]... [-o results.json]\n"
"                        [--incident FILE] [--waivers FILE] [--fail-on SEV]\n"
"                        [--previous OLD_RESULTS.json|OLD_EVIDENCE_DIR]\n"
"                        [--allowed-keys FILE] [--history DB]\n"
"                        [--dated] [--syslog] [--limit PATTERN]\n"
"       rempart evaluate --ldif TARGET=EXPORT.ldif... --kind ad|openldap\n"
"                        -b BASELINE... [-e NEW_EVIDENCE_DIR] [--base-dn DN]\n"
"                        [--bind-dn DN] [--role TAGS] [-o results.json]\n"
"                        [options above]\n"
"\n"
"Evaluate an evidence bundle against baselines, offline. The output is a\n"
"pure function of the evidence, the checks, the baselines, the incident\n"
"context, the waivers and what --previous gives: the same inputs give a\n"
"byte-identical file.\n"
"\n"
"  -e, --evidence DIR   evidence bundle written by 'rempart collect'\n"
"                       (verified against its manifest first); with\n"
"                       --ldif, the new directory to write it in\n"
"  -b, --baseline B     baseline id (see 'rempart baseline list') or XML\n"
"                       file; repeat for several kinds (linux, ad,\n"
"                       openldap). Default: the baselines recorded in the\n"
"                       evidence\n"
"  -o, --output FILE    results file (default results.json; - for stdout)\n"
"      --incident FILE  incident context (XML): dates, accounts, hosts\n"
"      --waivers FILE   accepted exceptions (XML) with owner and expiry\n"
"      --allowed-keys FILE  the administrators' SSH public keys (OpenSSH\n"
"                       authorized_keys format): root's and administrators'\n"
"                       keys outside it are findings (needs --incident)\n"
"      --previous FILE  an earlier results.json: the results and the report\n"
"                       then say what was fixed, what is new, what\n"
"                       regressed and what is still open, item by item\n"
"      --previous DIR   an earlier evidence bundle of the same estate: it is\n"
"                       evaluated the same way for that comparison, and\n"
"                       checks also compare with what it holds (krbtgt\n"
"                       reset twice since: AD-KRB-014)\n"
"      --fail-on SEV    exit 1 if a finding is at least this severe\n"
"                       (info, low, medium, high, critical)\n"
"      --attestations FILE  the answers to the manual checks (written from\n"
"                       'rempart attest template'), judged on a target\n"
"                       'organisation'; adds the baseline\n"
"                       post-incident-manual unless a manual one is given.\n"
"                       A question left unanswered is not assessed\n"
"      --history DB     record this run in the history database DB (SQLite,\n"
"                       created if missing; see 'rempart history --help'):\n"
"                       results.json then carries a \"history\" section, the\n"
"                       score and findings of the last runs, the oldest open\n"
"                       findings and those fixed since the run before, and\n"
"                       the reports show them. If DB cannot be written, the\n"
"                       results are still written, without it, and the exit\n"
"                       status is 4\n"
"      --dated          -o names a root directory: results.json goes to\n"
"                       ROOT/YYYY-MM-DDTHHMMSSZ/ (UTC) and ROOT/latest then\n"
"                       points at it (replaced atomically); a one-line\n"
"                       summary is printed on exit (docs/sweeps.md)\n"
"      --syslog         print that line and send it to syslog too\n"
"  -l, --limit PATTERN  only the targets of an Ansible host pattern, on\n"
"                       their ids and the inventory groups recorded at\n"
"                       collection (site_a, web*, a:&b, a:!b; as collect's):\n"
"                       a results file and a report per site or group of\n"
"                       a merged or sharded sweep (also on --previous DIR)\n"
"\n"
"A directory exported elsewhere, instead of credentials:\n"
"      --ldif TARGET=FILE  an LDIF export of one directory (ldapsearch -LLL,\n"
"                       any wrapping); repeat for an export in several\n"
"                       files, all with the same TARGET (the id in the\n"
"                       results). Each LDAP search of the baselines' checks\n"
"                       is answered from the export, as 'rempart evidence\n"
"                       import-ldif' does ('rempart evidence ldif-recipe'\n"
"                       writes the script that exports what the baselines\n"
"                       read), into a new sealed evidence directory: -e\n"
"                       DIR, else a new directory under $TMPDIR (or\n"
"                       /tmp); its path is printed and it is kept, for the\n"
"                       record and for 'rempart report'. Searches the\n"
"                       export does not cover are errors and the target is\n"
"                       partial (exit 3)\n"
"      --kind KIND      ad or openldap (required with --ldif)\n"
"      --base-dn DN     naming context of the export (default: the\n"
"                       rootDSE's defaultNamingContext if exported, else\n"
"                       the DN every entry ends with)\n"
"      --bind-dn DN     the account the export was made with: its own\n"
"                       entries prove nothing of the others (its own\n"
"                       userPassword is not counted as readable)\n"
"      --role TAGS      criticality tags of the target (e.g. dc)\n"
"\n"
"Examples:\n"
"  rempart evaluate -e evidence/ -b anssi-bp028-intermediary \\\n"
"      --incident incident.xml -o results.json\n"
"  rempart evidence ldif-recipe -i dirs.ini --target dc1 \\\n"
"      -b ad-anssi-level-5 > dc1-export.sh   # run by the AD team:\n"
"  sh dc1-export.sh > export.ldif\n"
"  rempart evaluate --ldif dc1=export.ldif --kind ad -b ad-anssi-level-5 \\\n"
"      -e evidence-dc1 -o results.json\n"
"\n" RP_CLI_GLOBAL_HELP "\n" RP_EXIT_CODES_HELP;

/* What --ldif and its companions asked for. */
struct ldif_opts {
	const char	*id;
	char		**files;
	size_t		  nfiles;
	int		  kind;		/* -1: not given */
	const char	*base_dn;
	const char	*bind_dn;
	const char	*role;
};

/* "TARGET=FILE": the id and the file; exits on a malformed argument. */
static void
ldif_arg(struct ldif_opts *l, char *arg)
{
	char *eq = strchr(arg, '=');

	if (eq == NULL || eq == arg || eq[1] == '\0')
		rp_fatal_usage("--ldif: expected TARGET=FILE (e.g. "
		    "dc1=export.ldif), not '%s'", arg);
	*eq = '\0';
	if (!rp_valid_id(arg))
		rp_fatal_usage("--ldif: '%s' is not a valid target id "
		    "(letters, digits, '.', '_', '-')", arg);
	if (l->id != NULL && strcmp(l->id, arg) != 0)
		rp_fatal_usage("--ldif: one target per evaluation ('%s' and "
		    "'%s'); import the others with 'rempart evidence "
		    "import-ldif'", l->id, arg);
	l->id = arg;
	l->files[l->nfiles++] = eq + 1;
}

/*
 * Build the evidence of the --ldif target in dir (NULL: a new directory
 * under $TMPDIR) and point o->evidence at it. *made: the path (owned).
 */
static int
ldif_evidence(struct rp_eval_opts *o, const struct ldif_opts *l,
    const char *dir, char **made, int *partial, char **cause)
{
	struct rp_ldif_import im;
	struct rp_content *c = NULL;
	struct stat st;
	const char *tmp = getenv("TMPDIR");
	char *top, *dd;
	int r;

	*made = NULL;
	if (dir != NULL) {
		if (stat(dir, &st) == 0 || errno != ENOENT)
			return rp_fail(cause, RP_ERR_INVALID, "'%s' exists: "
			    "with --ldif, -e names the new evidence directory "
			    "to write", dir);
		*made = xstrdup(dir);
	} else {
		top = xasprintf("%s/rempart-ldif-XXXXXX", tmp != NULL &&
		    tmp[0] == '/' ? tmp : "/tmp");
		if (mkdtemp(top) == NULL) {
			r = rp_fail(cause, RP_ERR_IO, "cannot create a "
			    "directory like '%s': %s", top, strerror(errno));
			free(top);
			return r;
		}
		*made = xasprintf("%s/evidence", top);
		free(top);
	}
	memset(&im, 0, sizeof(im));
	im.id = l->id;
	im.kind = (enum rp_kind)l->kind;
	im.base_dn = l->base_dn;
	im.user = l->bind_dn;
	im.role = l->role;
	im.files = l->files;
	im.nfiles = l->nfiles;
	dd = rp_cli_datadir(o->datadir);
	if ((r = rp_eval_content_load(dd, &c, cause)) == 0)
		r = rp_ldif_import(&im, o->baselines, (size_t)o->nbaselines,
		    c, *made, partial, cause);
	rp_content_free(c);
	free(dd);
	if (r == 0)
		o->evidence = *made;
	return r;
}

/* An earlier bundle must have been collected before the one evaluated. */
static int
previous_bundle_check(const char *dir, const struct rp_bundle *old,
    const struct rp_bundle *b, char **cause)
{
	time_t t0 = rp_bundle_audit_time(old), t1 = rp_bundle_audit_time(b);
	char s0[32], s1[32];

	if (t0 <= t1)	/* times are in seconds: the same second is not after */
		return 0;
	rp_format_time(t0, s0, sizeof(s0));
	rp_format_time(t1, s1, sizeof(s1));
	return rp_fail(cause, RP_ERR_INVALID, "--previous '%s': that evidence "
	    "was collected on %s, not before the one evaluated (%s)", dir, s0,
	    s1);
}

static int
cmp_target(const void *a, const void *b)
{
	return strcmp(((const struct rp_target_ev *)a)->id,
	    ((const struct rp_target_ev *)b)->id);
}

/*
 * The manual checks: the answers (--attestations) and the target they are
 * judged on, "organisation", added to the bundle in memory (never to its
 * files) when a baseline of kind manual is evaluated. --attestations
 * without a manual baseline adds the shipped post-incident-manual.
 */
static int
manual_setup(struct rp_content *c, const struct rp_eval_opts *o,
    struct rp_bundle *b, struct rp_resolved *res, size_t *nres,
    struct rp_attestations **att, char **cause)
{
	const struct rp_baseline *bl;
	struct rp_target_ev *t;
	size_t i;
	int r, manual = 0;

	for (i = 0; i < *nres; i++)
		manual |= res[i].baseline->kind == RP_KIND_MANUAL;
	if (o->attestations != NULL) {
		if ((r = rp_attestations_load(c, o->attestations, att,
		    cause)) != 0)
			return r;
		if (!manual) {
			if ((r = rp_baseline_get(c, RP_MANUAL_BASELINE, &bl,
			    cause)) != 0 || (r = rp_baseline_resolve(c, bl,
			    &res[*nres], cause)) != 0)
				return r;
			(*nres)++;
			manual = 1;
		}
	}
	if (!manual)
		return 0;
	for (i = 0; i < b->ntargets; i++)
		if (b->targets[i].kind == RP_KIND_MANUAL)
			return 0;
	b->targets = xreallocarray(b->targets, b->ntargets + 1,
	    sizeof(*b->targets));
	t = &b->targets[b->ntargets++];
	memset(t, 0, sizeof(*t));
	t->id = xstrdup(RP_MANUAL_TARGET);
	t->kind = RP_KIND_MANUAL;
	t->address = xstrdup(*att != NULL && (*att)->organisation != NULL ?
	    (*att)->organisation : "-");
	t->status = RP_TS_OK;
	t->started = b->started;
	t->finished = b->finished;
	/* results.json lists the targets sorted by id */
	qsort(b->targets, b->ntargets, sizeof(*b->targets), cmp_target);
	return 0;
}

/*
 * Maturity across the levels: for each baseline of the run whose reference
 * has higher levels (ad-anssi-level-2 -> ad-anssi-level-5), resolve the top
 * of the ladder into tops[i], and gather in extra[i] its checks the run
 * does not evaluate as the top selects them (not selected, or with another
 * value): they are evaluated apart, for the maturity only.
 */
static int
ladders(struct rp_content *c, const struct rp_resolved *res, size_t nres,
    struct rp_resolved *tops, const struct rp_resolved **ptops,
    struct rp_resolved *extra, size_t *nextra, char **cause)
{
	const struct rp_baseline *top;
	const struct rp_selection *s, *m;
	size_t i, j, k, cap;
	int r;

	*nextra = 0;
	for (i = 0; i < nres; i++) {
		top = rp_baseline_ladder_top(c, res[i].baseline);
		if (top == res[i].baseline)
			continue;
		if ((r = rp_baseline_resolve(c, top, &tops[i], cause)) != 0)
			return r;
		ptops[i] = &tops[i];
		memset(&extra[*nextra], 0, sizeof(extra[*nextra]));
		extra[*nextra].baseline = top;
		cap = 0;
		for (j = 0; j < tops[i].nsel; j++) {
			s = &tops[i].sel[j];
			for (m = NULL, k = 0; k < nres && m == NULL; k++)
				m = rp_resolved_find(&res[k], s->check);
			if (m != NULL && ((m->expected == NULL &&
			    s->expected == NULL) || (m->expected != NULL &&
			    s->expected != NULL &&
			    strcmp(m->expected, s->expected) == 0)))
				continue;
			XGROW(extra[*nextra].sel, cap, extra[*nextra].nsel);
			extra[*nextra].sel[extra[*nextra].nsel++] = *s;
		}
		(*nextra)++;
	}
	return 0;
}

/* Runs and oldest open findings the "history" section of results.json holds. */
#define HISTORY_RUNS	8
#define HISTORY_OLDEST	10

/*
 * Record the run of root (borrowed) in the history database and add its
 * "history" section to root; an error is printed, and 0 or an rp_err
 * returned.
 */
static int
record_history(const struct rp_eval_opts *o, json_t *root)
{
	struct rp_history *h = NULL;
	json_t *sec;
	char hex[65], *man, *cause = NULL;
	long long run = -1;
	int r, have;

	man = xasprintf("%s/manifest.json", o->evidence);
	have = rp_sha256_file(man, hex) == 0;
	free(man);
	if ((r = rp_history_open(o->history, 1, &h, &cause)) != 0 ||
	    (r = rp_history_record(h, root, have ? hex : NULL, &run,
	    &cause)) != 0)
		goto out;
	if ((sec = rp_history_section(h, run, HISTORY_RUNS, HISTORY_OLDEST,
	    &cause)) == NULL) {
		r = RP_ERR_IO;
		goto out;
	}
	json_object_set_new(root, "history", sec);
	rp_info("recorded as run %lld in the history '%s'", run, o->history);
out:
	if (r != 0)
		rp_error("%s (the results are written without their history)",
		    cause ? cause : rp_err_str(r));
	rp_history_close(h);
	free(cause);
	return r;
}

/* What --limit selects in a bundle (limit_filter). */
struct limit_arg {
	const char	*dir;
	const char	*pattern;
	size_t		 kept, of;	/* what it selected, of how many */
};

/*
 * --limit: keep the targets of a bundle an Ansible pattern selects, by
 * their id and the inventory groups recorded at collection, before their
 * probes are read. Nothing kept is an error naming the pattern and the
 * bundle.
 */
static int
limit_filter(const struct rp_target_ev *heads, size_t n, unsigned char *keep,
    void *arg, char **cause)
{
	struct limit_arg *l = arg;
	struct rp_sel_item *items = xcalloc(n + 1, sizeof(*items));
	size_t i, k = 0;
	int r;

	for (i = 0; i < n; i++) {
		items[i].id = heads[i].id;
		items[i].groups = heads[i].groups;
		items[i].ngroups = heads[i].ngroups;
	}
	if ((r = rp_select_limit(l->pattern, items, n, keep, NULL,
	    cause)) != 0)
		goto out;
	for (i = 0; i < n; i++)
		k += keep[i] != 0;
	l->kept = k;
	l->of = n;
	rp_info("--limit '%s': %zu of %zu targets of '%s'", l->pattern, k, n,
	    l->dir);
	if (k == 0)
		r = rp_fail(cause, RP_ERR_INVALID, "--limit '%s': no target of "
		    "'%s' selected", l->pattern, l->dir);
out:
	free(items);
	return r;
}

/*
 * The bundle in dir, only the targets of pattern (NULL: all) loaded;
 * *part (may be NULL), with a pattern: {pattern, targets, of}, the mark
 * of a part of an estate that the reports show (as report --limit's).
 */
static int
read_bundle(const char *dir, const char *pattern, struct rp_bundle **out,
    json_t **part, char **cause)
{
	struct limit_arg l = { dir, pattern, 0, 0 };
	int r;

	if (part != NULL)
		*part = NULL;
	if (pattern == NULL)
		return rp_bundle_read(dir, out, cause);
	r = rp_bundle_read_filtered(dir, limit_filter, &l, out, cause);
	if (r == 0 && part != NULL)
		*part = json_pack("{s:s, s:I, s:I}", "pattern", pattern,
		    "targets", (json_int_t)l.kept, "of", (json_int_t)l.of);
	return r;
}

/*
 * --previous FILE: a part of an estate (report --limit, its "limit") is
 * compared only with the same part; against more, every finding of the
 * targets it leaves out would be called new and its score that of the
 * whole. 0, or RP_ERR_INVALID.
 */
static int
previous_part_check(const char *path, json_t *prev, const char *limit,
    char **cause)
{
	json_t *l = json_object_get(prev, "limit");
	const char *pat, *c;

	if (!json_is_object(l))
		return 0;
	pat = json_string_value(json_object_get(l, "pattern"));
	if (pat != NULL && limit != NULL && strcmp(pat, limit) == 0)
		return 0;
	/* the file's pattern is said only when it is plain printable text */
	for (c = pat; c != NULL && *c != '\0'; c++)
		if (*c < 0x20 || *c > 0x7e || c - pat > 200) {
			pat = NULL;
			break;
		}
	return rp_fail(cause, RP_ERR_INVALID, "--previous '%s' is a part of "
	    "an estate (--limit '%s', %lld of %lld targets): compared with "
	    "%s, the other targets' findings would be called new; give the "
	    "whole earlier results, or evaluate with the same --limit",
	    path, pat != NULL ? pat : "?",
	    (long long)json_integer_value(json_object_get(l, "targets")),
	    (long long)json_integer_value(json_object_get(l, "of")),
	    limit != NULL ? "another part" : "the whole estate");
}

int
rp_cli_evaluate(const struct rp_eval_opts *o)
{
	struct rp_content *c = NULL;
	struct rp_bundle *b = NULL, *old = NULL;
	struct rp_resolved *res = NULL, *tops = NULL, *extra = NULL;
	const struct rp_resolved **ptops = NULL;
	struct rp_waiver *w = NULL;
	struct rp_incident *inc = NULL;
	struct rp_attestations *att = NULL;
	struct rp_evaluation ev, oev, mev;
	struct rp_plan plan, oplan;
	struct stat st;
	const struct rp_baseline *bl;
	json_t *prev = NULL, *root = NULL, *part = NULL;
	char *dd = rp_cli_datadir(o->datadir), *cause = NULL;
	char **names = o->baselines;
	size_t nw = 0, i, nres = 0, nnames = (size_t)o->nbaselines;
	size_t nextra = 0;
	int r, evr, code = RP_EXIT_OK, hist_failed = 0;

	memset(&ev, 0, sizeof(ev));
	memset(&oev, 0, sizeof(oev));
	memset(&mev, 0, sizeof(mev));
	memset(&plan, 0, sizeof(plan));
	memset(&oplan, 0, sizeof(oplan));
	if ((r = rp_eval_content_load(dd, &c, &cause)) != 0)
		goto fail;
	if ((r = read_bundle(o->evidence, o->limit, &b, &part,
	    &cause)) != 0)
		goto fail;
	if (nnames == 0) {
		names = b->baselines;
		nnames = b->nbaselines;
	}
	if (nnames == 0) {
		r = rp_fail(&cause, RP_ERR_INVALID, "no baseline: give -b "
		    "(see 'rempart baseline list')");
		goto fail;
	}
	res = xcalloc(nnames + 1, sizeof(*res));
	for (i = 0; i < nnames; i++) {
		if ((r = rp_baseline_get(c, names[i], &bl, &cause)) != 0 ||
		    (r = rp_baseline_resolve(c, bl, &res[i], &cause)) != 0)
			goto fail;
		nres++;
	}
	if ((r = manual_setup(c, o, b, res, &nres, &att, &cause)) != 0)
		goto fail;
	tops = xcalloc(nres, sizeof(*tops));
	ptops = xcalloc(nres, sizeof(*ptops));
	extra = xcalloc(nres, sizeof(*extra));
	if ((r = ladders(c, res, nres, tops, ptops, extra, &nextra,
	    &cause)) != 0)
		goto fail;
	if (o->waivers && (r = rp_waivers_load(c, o->waivers, &w, &nw,
	    &cause)) != 0)
		goto fail;
	if (o->incident && (r = rp_incident_load(c, o->incident,
	    b->finished ? b->finished : b->started, &inc, &cause)) != 0)
		goto fail;
	if (o->allowed_keys && inc == NULL) {
		r = rp_fail(&cause, RP_ERR_INVALID, "--allowed-keys needs "
		    "--incident");
		goto fail;
	}
	if (o->allowed_keys && (r = rp_allowed_keys_load(inc,
	    o->allowed_keys, &cause)) != 0)
		goto fail;
	if (o->previous && stat(o->previous, &st) == 0 &&
	    S_ISDIR(st.st_mode)) {
		if ((r = read_bundle(o->previous, o->limit, &old, NULL,
		    &cause)) != 0 ||
		    (r = previous_bundle_check(o->previous, old, b,
		    &cause)) != 0)
			goto fail;
		if (rp_evaluate(old, res, nres, w, nw, inc, &oev) != 0)
			rp_warn("--previous '%s': some checks could not be "
			    "evaluated: their earlier results are errors",
			    o->previous);
		rp_plan_build(&oev, &oplan);
		/* the comparison reads its results' statuses and values */
		prev = rp_results_document(&oev, &oplan, RP_RESULTS_LIGHT);
	} else if (o->previous && (r = rp_results_load(o->previous, &prev,
	    &cause)) != 0)
		goto fail;
	else if (o->previous && (r = previous_part_check(o->previous, prev,
	    o->limit, &cause)) != 0)
		goto fail;
	/* of the earlier run, only what the comparison reads is kept */
	if (prev != NULL)
		rp_compare_prune(prev);
	evr = rp_evaluate_attested(b, old, res, nres, w, nw, inc, att, &ev);
	if (nextra > 0) {
		rp_evaluate(b, extra, nextra, w, nw, inc, &mev);
		ev.ladder_tops = ptops;
		ev.ladder = &mev;
	}
	/* the stages after evaluation: the audit's own traces, the plan,
	 * the document, the comparison with the earlier run */
	rp_evaluate_footprints(&ev);
	rp_plan_build(&ev, &plan);
	/* the results array is written from ev, result by result: root
	 * holds of it what the comparison and the history read, if asked */
	root = rp_results_document(&ev, &plan, prev != NULL ||
	    o->history != NULL ? RP_RESULTS_LIGHT : RP_RESULTS_NONE);
	/* a part of an estate says so, in every report of it */
	if (part != NULL) {
		json_object_set_new(root, "limit", part);
		part = NULL;
	}
	if (prev != NULL)
		rp_results_since(root, prev);
	if (o->history != NULL && record_history(o, root) != 0) {
		hist_failed = 1;
		if (o->history_failed != NULL)
			*o->history_failed = 1;
	}
	if ((r = rp_results_write(root, &ev, o->output, &cause)) != 0)
		goto fail;
	for (i = 0; i < ev.nresults; i++)
		if (o->fail_on >= 0 && ev.results[i].status == RP_ST_FAIL &&
		    (int)ev.results[i].severity >= o->fail_on)
			code = RP_EXIT_FINDINGS;
	for (i = 0; i < b->ntargets; i++)
		if (b->targets[i].status != RP_TS_OK)
			code = RP_EXIT_INCOMPLETE;
	if (b->partial)
		code = RP_EXIT_INCOMPLETE;
	if (evr != 0) {
		/* the results say which checks: errors naming the evaluator */
		rp_error("some checks could not be evaluated (%s): their "
		    "results in '%s' are errors", rp_err_str(evr), o->output);
		code = RP_EXIT_RUNTIME;
	}
	if (hist_failed)
		code = RP_EXIT_RUNTIME;
	rp_info("evaluated %zu results on %zu targets into '%s'",
	    ev.nresults, b->ntargets, o->output);
	goto out;
fail:
	rp_error("%s", cause ? cause : rp_err_str(r));
	code = rp_cli_exit_for(r);
out:
	json_decref(root);
	json_decref(part);
	json_decref(prev);
	rp_evaluation_release(&ev);
	rp_plan_release(&plan);
	rp_plan_release(&oplan);
	rp_evaluation_release(&oev);
	rp_evaluation_release(&mev);
	rp_bundle_free(old);
	for (i = 0; i < nres; i++) {
		rp_resolved_release(&res[i]);
		if (tops != NULL)
			rp_resolved_release(&tops[i]);
		if (extra != NULL)
			free(extra[i].sel);	/* borrowed selections */
	}
	free(res);
	free(tops);
	free(ptops);
	free(extra);
	rp_waivers_free(w, nw);
	rp_incident_free(inc);
	rp_attestations_free(att);
	rp_bundle_free(b);
	rp_content_free(c);
	free(cause);
	free(dd);
	return code;
}

int
cmd_evaluate(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "evidence", required_argument, NULL, 'e' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "output", required_argument, NULL, 'o' },
		{ "incident", required_argument, NULL, 'I' },
		{ "waivers", required_argument, NULL, 'W' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "previous", required_argument, NULL, 'P' },
		{ "allowed-keys", required_argument, NULL, 'A' },
		{ "attestations", required_argument, NULL, 'T' },
		{ "ldif", required_argument, NULL, 'L' },
		{ "kind", required_argument, NULL, 'K' },
		{ "base-dn", required_argument, NULL, 'B' },
		{ "bind-dn", required_argument, NULL, 'U' },
		{ "role", required_argument, NULL, 'R' },
		{ "limit", required_argument, NULL, 'l' },
		{ "history", required_argument, NULL, 'H' },
		{ "dated", no_argument, NULL, 'Y' },
		{ "syslog", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		RP_CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct rp_eval_opts o;
	struct ldif_opts l;
	char *made = NULL, *cause = NULL, *dir = NULL, *name = NULL;
	char *res = NULL;
	const char *root = NULL;
	struct stat st;
	int ch, r, partial = 0, dated = 0, use_syslog = 0, out_given = 0;

	memset(&o, 0, sizeof(o));
	memset(&l, 0, sizeof(l));
	l.kind = -1;
	l.files = xcalloc((size_t)argc, sizeof(char *));
	o.output = "results.json";
	o.fail_on = -1;
	o.baselines = xcalloc((size_t)argc, sizeof(char *));
	rp_cli_help_if_asked(argc, argv, usage_text);
	optind = 0;
	while ((ch = getopt_long(argc, argv, "e:b:o:l:h" RP_CLI_GLOBAL_SHORTOPTS,
	    longopts, NULL)) != -1) {
		if (rp_cli_global_opt(ch, optarg) == 0)
			continue;
		switch (ch) {
		case 'e': o.evidence = optarg; break;
		case 'l': o.limit = optarg; break;
		case 'b': o.baselines[o.nbaselines++] = optarg; break;
		case 'o': o.output = optarg; out_given = 1; break;
		case 'I': o.incident = optarg; break;
		case 'W': o.waivers = optarg; break;
		case 'P': o.previous = optarg; break;
		case 'A': o.allowed_keys = optarg; break;
		case 'T': o.attestations = optarg; break;
		case 'L': ldif_arg(&l, optarg); break;
		case 'B': l.base_dn = optarg; break;
		case 'U': l.bind_dn = optarg; break;
		case 'R': l.role = optarg; break;
		case 'H': o.history = optarg; break;
		case 'Y': dated = 1; break;
		case 'S': use_syslog = 1; break;
		case 'K': l.kind = rp_cli_dir_kind(optarg); break;
		case 'F': o.fail_on = rp_cli_fail_on(optarg); break;
		default:
			fputs(usage_text, stderr);
			free(o.baselines);
			free(l.files);
			return RP_EXIT_USAGE;
		}
	}
	if ((l.id == NULL && o.evidence == NULL) || optind != argc ||
	    (l.id == NULL && (l.kind >= 0 || l.base_dn || l.bind_dn ||
	    l.role)) ||
	    (l.id != NULL && (l.kind < 0 || o.nbaselines == 0))) {
		fprintf(stderr, "rempart evaluate: %s\n\n", optind != argc ?
		    "unexpected argument" : l.id != NULL ? "--ldif needs "
		    "--kind and at least one -b BASELINE" : o.evidence ==
		    NULL ? "-e EVIDENCE_DIR (or --ldif TARGET=FILE) is "
		    "required" : "--kind, --base-dn, --bind-dn and --role go with "
		    "--ldif");
		fputs(usage_text, stderr);
		free(o.baselines);
		free(l.files);
		return RP_EXIT_USAGE;
	}
	if (l.id != NULL) {
		r = ldif_evidence(&o, &l, o.evidence, &made, &partial, &cause);
		if (r != 0) {
			rp_error("%s", cause ? cause : rp_err_str(r));
			free(cause);
			free(made);
			free(o.baselines);
			free(l.files);
			return rp_cli_exit_for(r);
		}
		fprintf(stderr, "rempart: evidence of '%s' from the LDIF "
		    "export: %s%s\n", l.id, made, partial ? " (partial: "
		    "searches the export does not cover, see its "
		    "target.json)" : "");
	}
	if (dated) {
		if (!out_given || strcmp(o.output, "-") == 0) {
			fprintf(stderr, "rempart evaluate: --dated needs -o "
			    "ROOT, a directory\n");
			free(made);
			free(o.baselines);
			free(l.files);
			return RP_EXIT_USAGE;
		}
		if (rp_cli_dated_dir(o.output, &dir, &name, &cause) != 0) {
			rp_error("%s", cause);
			free(cause);
			free(made);
			free(o.baselines);
			free(l.files);
			return RP_EXIT_RUNTIME;
		}
		root = o.output;
		res = xasprintf("%s/results.json", dir);
		o.output = res;
	}
	r = rp_cli_evaluate(&o);
	if (dated && lstat(res, &st) != 0)
		(void)rmdir(dir);
	else if (dated && rp_cli_latest(root, name, &cause) != 0) {
		rp_error("%s", cause);
		if (r == RP_EXIT_OK)
			r = RP_EXIT_RUNTIME;
	}
	if (dated || use_syslog)
		rp_cli_sweep_line("evaluate", dated ? dir : o.output,
		    strcmp(o.output, "-") != 0 && lstat(o.output, &st) == 0 ?
		    o.output : NULL, r, use_syslog);
	free(cause);
	free(dir);
	free(name);
	free(res);
	free(made);
	free(o.baselines);
	free(l.files);
	return r;
}
