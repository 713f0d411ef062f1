/*
 * cmd_checks.c -- "rempart checks list|show": the check catalogue, as text
 * or JSON.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/err.h"
#include "core/log.h"
#include "content/content.h"
#include "core/banned.h"

static const char usage_text[] =
"usage: rempart checks list [--module M] [--kind K] [--format text|json]\n"
"       rempart checks show ID [--format text|json]\n"
"\n"
"Browse the check catalogue (XML under the data directory's linux/, ad/\n"
"and openldap/ folders; see checks/README.md to add one).\n"
"\n"
"  --module M   only this module (e.g. linux/ssh) or kind prefix (linux)\n"
"  --kind K     linux, ad or openldap\n"
"  --format F   text (default) or json\n"
"\n"
"Examples:\n"
"  rempart checks list --kind linux\n"
"  rempart checks show LNX-SSH-001 --format json\n"
"\n" RP_CLI_GLOBAL_HELP "\n"
"Exit status:\n"
"  0  done\n"
"  2  bad usage, unknown check, or an invalid catalogue\n"
"  4  runtime error (file system, out of resources)\n";

static json_t *
text_json(const struct rp_text *t)
{
	json_t *o = json_object();

	json_object_set_new(o, "en", json_string(t->en ? t->en : ""));
	json_object_set_new(o, "fr", json_string(t->fr ? t->fr : ""));
	return o;
}

static json_t *
check_json(const struct rp_check *ck, int full)
{
	json_t *o = json_object(), *a = json_array();
	size_t i;
	char *s;

	json_object_set_new(o, "id", json_string(ck->id));
	json_object_set_new(o, "kind", json_string(rp_kind_name(ck->kind)));
	json_object_set_new(o, "module", json_string(ck->module));
	json_object_set_new(o, "title", text_json(&ck->title));
	json_object_set_new(o, "finding", text_json(&ck->finding));
	json_object_set_new(o, "remediation", text_json(&ck->remediation));
	json_object_set_new(o, "severity", json_string(
	    rp_severity_name(ck->severity)));
	json_object_set_new(o, "phase", json_string(rp_phase_name(ck->phase)));
	json_object_set_new(o, "effort", json_string(ck->effort));
	for (i = 0; i < ck->nrefs; i++) {
		if (asprintf(&s, "%s:%s", ck->refs[i].scheme, ck->refs[i].id) < 0)
			continue;
		json_array_append_new(a, json_string(s));
		free(s);
	}
	json_object_set_new(o, "references", a);
	if (full) {
		json_object_set_new(o, "description",
		    text_json(&ck->description));
		json_object_set_new(o, "rationale", text_json(&ck->rationale));
		json_object_set_new(o, "probe", ck->probe_id ?
		    json_string(ck->probe_id) : json_null());
		if (ck->probe && ck->probe->command)
			json_object_set_new(o, "command",
			    json_string(ck->probe->command));
		if (ck->probe && ck->probe->ldap_filter)
			json_object_set_new(o, "ldap_filter",
			    json_string(ck->probe->ldap_filter));
		json_object_set_new(o, "evaluator", ck->evaluator_name ?
		    json_string(ck->evaluator_name) : json_null());
		if (ck->has_test) {
			json_object_set_new(o, "operator",
			    json_string(rp_op_name(ck->test.op)));
			json_object_set_new(o, "expected", ck->test.value ?
			    json_string(ck->test.value) : json_null());
		}
		json_object_set_new(o, "source", json_string(ck->file));
	}
	return o;
}

static int
module_ok(const struct rp_check *ck, const char *m)
{
	size_t n;

	if (m == NULL)
		return 1;
	n = strlen(m);
	return strcmp(ck->module, m) == 0 ||
	    (strncmp(ck->module, m, n) == 0 && ck->module[n] == '/');
}

static void
show_text(const struct rp_check *ck)
{
	size_t i;

	printf("%s  [%s, %s, effort %s]  %s\n", ck->id,
	    rp_severity_name(ck->severity), rp_phase_name(ck->phase),
	    ck->effort, ck->module);
	printf("  en: %s\n  fr: %s\n", ck->title.en, ck->title.fr);
	printf("  finding (en): %s\n", ck->finding.en);
	printf("  constat (fr): %s\n", ck->finding.fr);
	printf("  description: %s\n", ck->description.en);
	printf("  rationale: %s\n", ck->rationale.en);
	printf("  remediation (en): %s\n", ck->remediation.en);
	printf("  remédiation (fr): %s\n", ck->remediation.fr);
	printf("  references:");
	for (i = 0; i < ck->nrefs; i++)
		printf(" %s:%s", ck->refs[i].scheme, ck->refs[i].id);
	printf("\n  probe: %s\n", ck->probe_id ? ck->probe_id : "(none)");
	if (ck->probe && ck->probe->command)
		printf("  command: %s\n", ck->probe->command);
	if (ck->evaluator_name)
		printf("  evaluator: %s %s\n", ck->evaluator_name,
		    ck->evaluator_value ? ck->evaluator_value : "");
	else if (ck->has_test)
		printf("  test: %s %s\n", rp_op_name(ck->test.op),
		    ck->test.value ? ck->test.value : "");
	printf("  source: %s:%d\n", ck->file, ck->line);
}

int
cmd_checks(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "module", required_argument, NULL, 'm' },
		{ "kind", required_argument, NULL, 'k' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		RP_CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	const char *module = NULL, *fmt = "text", *verb;
	struct rp_content *c = NULL;
	int ch, kind = -1, r, json;
	size_t i;
	json_t *a;

	if ((r = rp_cli_need_verb(argc, argv, usage_text)) != RP_EXIT_OK)
		return r;
	/* options before or after the verb: getopt_long moves the words
	 * (the verb, then the check id) after them */
	optind = 0;
	while ((ch = getopt_long(argc, argv, "m:k:f:h"
	    RP_CLI_GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		if (rp_cli_global_opt(ch, optarg) == 0)
			continue;
		switch (ch) {
		case 'm': module = optarg; break;
		case 'f': fmt = optarg; break;
		case 'k':
			if ((kind = rp_kind_parse(optarg)) < 0)
				rp_fatal_usage("--kind: '%s' is not linux, ad "
				    "or openldap", optarg);
			break;
		default:
			fputs(usage_text, stderr);
			return RP_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(usage_text, stderr);
		return RP_EXIT_USAGE;
	}
	verb = argv[optind++];
	json = strcmp(fmt, "json") == 0;
	if (!json && strcmp(fmt, "text") != 0)
		rp_fatal_usage("--format: '%s' is not text or json", fmt);
	if ((r = rp_cli_content(&c)) != RP_EXIT_OK)
		return r;
	if (strcmp(verb, "list") == 0 && optind == argc) {
		a = json_array();
		for (i = 0; i < c->nchecks; i++) {
			const struct rp_check *ck = &c->checks[i];

			if ((kind >= 0 && (int)ck->kind != kind) ||
			    !module_ok(ck, module))
				continue;
			if (json)
				json_array_append_new(a, check_json(ck, 0));
			else
				printf("%-14s %-8s %-11s %-16s %s\n", ck->id,
				    rp_severity_name(ck->severity),
				    rp_phase_name(ck->phase), ck->module,
				    ck->title.en);
		}
		if (json)
			json_dumpf(a, stdout, JSON_INDENT(2));
		json_decref(a);
	} else if (strcmp(verb, "show") == 0 && optind + 1 == argc) {
		const struct rp_check *ck = rp_content_check(c, argv[optind]);

		if (ck == NULL) {
			rp_error("no check '%s' (see 'rempart checks list')",
			    argv[optind]);
			r = RP_EXIT_USAGE;
		} else if (json) {
			a = check_json(ck, 1);
			json_dumpf(a, stdout, JSON_INDENT(2));
			json_decref(a);
		} else
			show_text(ck);
	} else {
		fputs(usage_text, stderr);
		r = RP_EXIT_USAGE;
	}
	if (json && r == RP_EXIT_OK)
		putchar('\n');
	rp_content_free(c);
	return r;
}
