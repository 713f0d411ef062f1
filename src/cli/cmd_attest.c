/*
 * cmd_attest.c -- "rempart attest": the questionnaire of the manual checks
 * (what no probe can see: offline backups tested, EDR deployed, MFA on
 * remote access...), to be answered by people and given back to evaluate
 * or audit with --attestations.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "content/content.h"
#include "core/err.h"
#include "core/file.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "core/banned.h"

#define TEMPLATE_MAX	(4u * 1024 * 1024)

static const char usage_text[] =
"usage: rempart attest template [-b BASELINE]... -o answers.xml\n"
"           [--organisation NAME]\n"
"       rempart attest check answers.xml\n"
"\n"
"Manual checks are questions a probe cannot answer: offline backups\n"
"tested, EDR deployed, MFA on remote access, logs kept off the hosts, the\n"
"business applications' accounts reset, the DSRM password changed...\n"
"'template' writes the questionnaire of the manual checks the baselines\n"
"select (default: " RP_MANUAL_BASELINE "), one <question id=...> per check\n"
"with its text and what counts as evidence, in English and French. Fill\n"
"in an <answer> for each (value yes, no or na, by whom, when, the\n"
"evidence, attachments named by their SHA-256), then:\n"
"  rempart evaluate -e EVIDENCE --attestations answers.xml ...\n"
"  rempart audit ... --attestations answers.xml\n"
"An unanswered question is not assessed (counted in the coverage); an\n"
"answer other than the expected one is a finding and enters the plan.\n"
"'check' validates a filled-in file (schema, known manual checks), with\n"
"the file and line of the first problem.\n"
"\n"
"  -b, --baseline B     baseline id or file (repeatable)\n"
"  -o, --output FILE    the questionnaire (never overwritten; - for stdout)\n"
"      --organisation NAME  written in the file\n"
"\n" RP_EXIT_CODES_HELP;

/* XML character data and attribute values: & < > " escaped, controls out. */
static void
add_esc(struct rp_strbuf *sb, const char *s)
{
	for (; s != NULL && *s; s++) {
		switch (*s) {
		case '&': rp_strbuf_addstr(sb, "&amp;"); break;
		case '<': rp_strbuf_addstr(sb, "&lt;"); break;
		case '>': rp_strbuf_addstr(sb, "&gt;"); break;
		case '"': rp_strbuf_addstr(sb, "&quot;"); break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\n' &&
			    *s != '\t')
				rp_strbuf_addch(sb, ' ');
			else
				rp_strbuf_addch(sb, *s);
		}
	}
}

static void
add_text(struct rp_strbuf *sb, const char *el, const struct rp_text *t)
{
	rp_strbuf_addf(sb, "    <%s lang=\"en\">", el);
	add_esc(sb, t->en);
	rp_strbuf_addf(sb, "</%s>\n    <%s lang=\"fr\">", el, el);
	add_esc(sb, t->fr);
	rp_strbuf_addf(sb, "</%s>\n", el);
}

static int
is_listed(const struct rp_check *const *v, size_t n, const struct rp_check *c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == c)
			return 1;
	return 0;
}

static int
template(struct rp_content *c, char **names, size_t nnames, const char *out,
    const char *org)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(TEMPLATE_MAX);
	const struct rp_check **v = NULL;
	const struct rp_baseline *b;
	struct rp_resolved res;
	struct stat st;
	char *cause = NULL;
	size_t i, j, n = 0, cap = 0;
	int r = 0;

	for (i = 0; i < nnames; i++) {
		if ((r = rp_baseline_get(c, names[i], &b, &cause)) != 0 ||
		    (r = rp_baseline_resolve(c, b, &res, &cause)) != 0)
			goto fail;
		for (j = 0; j < res.nsel; j++)
			if (res.sel[j].check->manual_expected != NULL &&
			    !is_listed(v, n, res.sel[j].check)) {
				XGROW(v, cap, n);
				v[n++] = res.sel[j].check;
			}
		rp_resolved_release(&res);
	}
	if (n == 0) {
		r = rp_fail(&cause, RP_ERR_INVALID, "these baselines select no "
		    "manual check (try -b %s)", RP_MANUAL_BASELINE);
		goto fail;
	}
	rp_strbuf_addstr(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- rempart questionnaire (attestations). For each question, "
	    "replace the\n     commented <answer> by a real one: value yes, "
	    "no or na (not applicable:\n     say why in the evidence), by "
	    "(name and role), date (YYYY-MM-DD), what\n     was checked in "
	    "<evidence>, documents kept aside as <attachment> with\n     "
	    "their SHA-256 (sha256sum FILE). A question left without an "
	    "answer is\n     not assessed. Then: rempart evaluate ... "
	    "attestations FILE\n\n     Questionnaire rempart : pour chaque "
	    "question, remplacer l'<answer> en\n     commentaire par une "
	    "réponse : value yes, no ou na (sans objet : dire\n     pourquoi "
	    "dans evidence), by (nom et fonction), date (AAAA-MM-JJ), ce\n"
	    "     qui a été vérifié dans <evidence>, les documents conservés "
	    "à part en\n     <attachment> avec leur SHA-256. Une question "
	    "sans réponse n'est pas\n     évaluée. -->\n"
	    "<attestations xmlns=\"urn:rempart:attestations:1\"");
	if (org != NULL) {
		rp_strbuf_addstr(&sb, " organisation=\"");
		add_esc(&sb, org);
		rp_strbuf_addch(&sb, '"');
	}
	rp_strbuf_addstr(&sb, ">\n");
	for (i = 0; i < n; i++) {
		rp_strbuf_addf(&sb, "  <question id=\"%s\">\n", v[i]->id);
		add_text(&sb, "text", &v[i]->question);
		add_text(&sb, "proof", &v[i]->proof);
		rp_strbuf_addf(&sb, "    <!-- expected: %s; severity %s; "
		    "phase %s\n    <answer value=\"yes\" by=\"NAME, ROLE\" "
		    "date=\"YYYY-MM-DD\">\n      <evidence>WHAT WAS CHECKED, "
		    "WHERE THE PROOF IS</evidence>\n      <attachment "
		    "name=\"FILE\" sha256=\"SHA256\"/>\n    </answer>\n    "
		    "-->\n  </question>\n", v[i]->manual_expected,
		    rp_severity_name(v[i]->severity),
		    rp_phase_name(v[i]->phase));
	}
	rp_strbuf_addstr(&sb, "</attestations>\n");
	if (strcmp(out, "-") == 0) {
		fwrite(sb.buf, 1, sb.len, stdout);
		goto done;
	}
	if (lstat(out, &st) == 0 || errno != ENOENT) {
		r = rp_fail(&cause, RP_ERR_INVALID, "'%s' exists: the "
		    "questionnaire is never written over answers (choose a new "
		    "name)", out);
		goto fail;
	}
	if ((r = rp_write_file(out, sb.buf, sb.len, 0600, &cause)) != 0)
		goto fail;
	fprintf(stderr, "rempart: %zu questions written to '%s'\n", n, out);
done:
	rp_strbuf_release(&sb);
	free(v);
	return RP_EXIT_OK;
fail:
	rp_error("%s", cause ? cause : rp_err_str(r));
	free(cause);
	rp_strbuf_release(&sb);
	free(v);
	return rp_cli_exit_for(r);
}

int
cmd_attest(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "baseline", required_argument, NULL, 'b' },
		{ "output", required_argument, NULL, 'o' },
		{ "organisation", required_argument, NULL, 'O' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct rp_attestations *att = NULL;
	struct rp_content *c = NULL;
	static char *deflt[] = { (char *)RP_MANUAL_BASELINE };
	char **names, *cause = NULL;
	const char *out = NULL, *org = NULL;
	size_t nnames = 0, i, answered;
	int ch, r;

	if ((r = rp_cli_need_verb(argc, argv, usage_text)) != RP_EXIT_OK)
		return r;
	if (strcmp(argv[1], "check") == 0 && argc == 3) {
		if ((r = rp_cli_content(&c)) != RP_EXIT_OK)
			return r;
		r = rp_attestations_load(c, argv[2], &att, &cause);
		if (r != 0) {
			rp_error("%s", cause);
			free(cause);
			rp_content_free(c);
			return rp_cli_exit_for(r);
		}
		for (i = 0, answered = 0; i < att->n; i++)
			answered += att->v[i].value != NULL;
		printf("%s: valid, %zu questions, %zu answered\n", argv[2],
		    att->n, answered);
		rp_attestations_free(att);
		rp_content_free(c);
		return RP_EXIT_OK;
	}
	if (strcmp(argv[1], "template") != 0) {
		fputs(usage_text, stderr);
		return RP_EXIT_USAGE;
	}
	names = xcalloc((size_t)argc, sizeof(char *));
	optind = 1;
	while ((ch = getopt_long(argc - 1, argv + 1, "b:o:h", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'b': names[nnames++] = optarg; break;
		case 'o': out = optarg; break;
		case 'O': org = optarg; break;
		default:
			fputs(usage_text, stderr);
			free(names);
			return RP_EXIT_USAGE;
		}
	}
	if (org != NULL && (strlen(org) > 256 || strpbrk(org, "\n\r\t") !=
	    NULL)) {
		rp_error("--organisation: one line of at most 256 characters");
		free(names);
		return RP_EXIT_USAGE;
	}
	if (out == NULL || optind != argc - 1) {
		fprintf(stderr, "rempart attest template: %s\n\n", out == NULL ?
		    "-o FILE is required" : "unexpected argument");
		fputs(usage_text, stderr);
		free(names);
		return RP_EXIT_USAGE;
	}
	if ((r = rp_cli_content(&c)) != RP_EXIT_OK) {
		free(names);
		return r;
	}
	r = template(c, nnames ? names : deflt, nnames ? nnames : 1, out, org);
	free(names);
	rp_content_free(c);
	return r;
}
