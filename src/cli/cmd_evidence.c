/*
 * cmd_evidence.c -- "rempart evidence verify|seal|import-ldif": the
 * evidence bundle's integrity, and LDIF exports turned into a bundle.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/err.h"
#include "core/log.h"
#include "core/xmalloc.h"
#include "evidence/bundle.h"
#include "collect/inventory.h"
#include "collect/ldif_import.h"
#include "collect/ldif_recipe.h"
#include "collect/sysvol.h"
#include "content/probes.h"
#include "content/content.h"
#include "engine/registry.h"
#include "core/banned.h"

static const char usage_text[] =
"usage: rempart evidence verify EVIDENCE_DIR\n"
"       rempart evidence seal [--partial] EVIDENCE_DIR\n"
"       rempart evidence merge [--prefer newest] -o MERGED_DIR BUNDLE...\n"
"       rempart evidence import-ldif --id TARGET --kind ad|openldap\n"
"                       -b BASELINE... -o EVIDENCE_DIR [--base-dn DN]\n"
"                       [--bind-dn DN] [--role TAGS] DUMP.ldif...\n"
"       rempart evidence ldif-recipe -i INVENTORY --target ID -b BASELINE...\n"
"                       (see 'rempart evidence ldif-recipe --help')\n"
"       rempart evidence import-sysvol --id TARGET -o EVIDENCE_DIR\n"
"                       [-b BASELINE]... [--role TAGS] SYSVOL_COPY\n"
"\n"
"verify: compare every file of an evidence bundle with the SHA-256 of its\n"
"manifest; reports each changed, missing or added file and exits 2 when\n"
"the bundle was altered.\n"
"seal: write the manifest of a bundle produced by another tool (layout in\n"
"docs/evidence-format.md), so that it can be verified and evaluated.\n"
"merge: verify each bundle against its manifest and merge them into a\n"
"new sealed bundle (one collection per site or per shard, evaluated and\n"
"reported once). A target in two bundles is refused, naming both (ids\n"
"differing only in case, web1 and WEB1, are one host), unless\n"
"--prefer newest: the collection of it that finished last is kept and\n"
"that is said on stderr and in the merged manifest. Each bundle's\n"
"manifest is kept under sources/N/ with its collector host, rempart\n"
"version and collection window, shown in the report's method section.\n"
"import-ldif: make the sealed evidence of one directory target from an\n"
"LDIF export made elsewhere (the directory team hands over a file, not\n"
"credentials). Each LDAP search of the baselines' checks is answered from\n"
"the export (its base, scope, filter and attributes), userPassword kept as\n"
"its {SCHEME} only; 'rempart evaluate' then reads it like collected\n"
"evidence. Searches whose base the export does not cover (cn=config, the\n"
"rootDSE, AD's configuration partition) are errors and the target is\n"
"partial (exit 3): export those bases too, in the same or more files.\n"
"\n"
"  --id TARGET        target id in the bundle and the report\n"
"  --kind KIND        ad or openldap\n"
"  -b, --baseline B   baseline id or XML file of that kind (repeatable)\n"
"  -o, --output DIR   new evidence directory\n"
"  --base-dn DN       naming context the probes' bases are relative to\n"
"                     (default: the rootDSE's defaultNamingContext if the\n"
"                     export has it, else the DN every entry ends with)\n"
"  --bind-dn DN       the account the export was made with: its own\n"
"                     entries prove nothing of the others (its own\n"
"                     userPassword is not counted as readable)\n"
"  --role TAGS        criticality tags, as in an inventory (e.g. dc)\n"
"\n"
"The export must answer every search of the baselines: the rootDSE, each\n"
"partition they search (on AD the domain, the configuration and schema\n"
"partitions, DC=DomainDnsZones and DC=ForestDnsZones), the security\n"
"descriptors (SD flags control) and the constructed attributes asked for\n"
"by name (msDS-KeyVersionNumber, msDS-ReplValueMetaData ...), each entry\n"
"once. 'rempart evidence ldif-recipe' writes the ldapsearch script that\n"
"makes such an export for any baseline (level 2 to 5, openldap-hardened).\n"
"\n"
"Example:\n"
"  rempart evidence verify audit-2026-11/evidence\n"
"  rempart evidence merge -o all-sites site-a/evidence site-b/evidence\n"
"  rempart evidence ldif-recipe -i dirs.ini --target dc1 \\\n"
"      -b ad-anssi-level-5 > dc1-export.sh     # handed to the AD team\n"
"  sh dc1-export.sh > dc1.ldif                 # run by the AD team\n"
"  rempart evidence import-ldif --id dc1 --kind ad --role dc \\\n"
"      --bind-dn auditor@lab.test -b ad-anssi-level-5 -o evidence-dc1 \\\n"
"      dc1.ldif\n"
"\n"
"import-sysvol: make the sealed evidence of the SYSVOL probe (ad.sysvol)\n"
"of one AD target from a copy of SYSVOL made elsewhere, for teams that\n"
"will not open SMB to the auditor: the folder holding the {GUID} folders\n"
"(...\\Policies), its domain folder, or SYSVOL itself. Make the copy with\n"
"  robocopy \\\\DC\\SYSVOL\\lab.test\\Policies C:\\copy\\Policies /E /COPY:DAT /DCOPY:T\n"
"or smbclient //DC/sysvol -c 'cd lab.test; recurse; prompt; mget Policies'\n"
"(a tar of it: tar -xf it first). The same files are kept as over SMB\n"
"(policy files and the scripts they name, bounded, cpassword values\n"
"masked); file times are the copy's. Exit 3 when a limit was reached.\n"
"  rempart evidence import-sysvol --id dc1 --role dc -o evidence-sysvol \\\n"
"      ./Policies\n"
"\n" RP_CLI_GLOBAL_HELP "\n" RP_EXIT_CODES_HELP;

static const char recipe_usage[] =
"usage: rempart evidence ldif-recipe -i INVENTORY --target ID\n"
"                       -b BASELINE... [--insecure-plain-bind]\n"
"\n"
"Print a POSIX sh script that exports, with ldapsearch (ldap-utils), the\n"
"one LDIF that answers every LDAP search of the baselines for the\n"
"inventory's directory target ID, for when the directory team runs the\n"
"export and hands over a file rather than credentials. The searches are\n"
"those a live collection makes, from the same selection of probes\n"
"(<evaluator also=...> included): the rootDSE, each partition searched\n"
"(once, at the deepest base holding its searches), the SD flags control\n"
"(1.2.840.113556.1.4.801) with the flags the checks need, and every\n"
"attribute they ask for by name, constructed ones included.\n"
"\n"
"The script uses the target's URL, bind DN, password file (ldapsearch -y:\n"
"the file must not end with a new line) and CA file (LDAPTLS_CACERT), or\n"
"its SASL mechanism; it holds no secret. It writes the LDIF to its\n"
"standard output only when every search succeeded, and exits 1 with a\n"
"message otherwise: an export is never silently partial. The LDIF holds\n"
"what the account may read: keep it as confidential as the directory.\n"
"\n"
"  -i, --inventory FILE  the inventory naming the target (group ad or\n"
"                        openldap)\n"
"  --target ID           the target's name in the inventory\n"
"  -b, --baseline B      baseline id or XML file of the target's kind\n"
"                        (repeatable)\n"
"  --insecure-plain-bind allow a password over ldap:// without StartTLS\n"
"\n"
"Example:\n"
"  rempart evidence ldif-recipe -i dirs.ini --target dc1 \\\n"
"      -b ad-anssi-level-5 > dc1-export.sh\n"
"  sh dc1-export.sh > dc1.ldif\n"
"  rempart evaluate --ldif dc1=dc1.ldif --kind ad --role dc \\\n"
"      --bind-dn auditor@lab.test -b ad-anssi-level-5 -o results.json\n"
"(the script's head gives the import-ldif command for its target)\n"
"\n" RP_CLI_GLOBAL_HELP "\n" RP_EXIT_CODES_HELP;

static void
report_cb(const char *what, const char *path, void *arg)
{
	int *n = arg;
	char *safe = rp_printable(path);	/* from the manifest */

	printf("%-8s %s\n", what, safe);
	free(safe);
	(*n)++;
}

static int
import_ldif(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "id", required_argument, NULL, 'I' },
		{ "kind", required_argument, NULL, 'K' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "output", required_argument, NULL, 'o' },
		{ "base-dn", required_argument, NULL, 'B' },
		{ "role", required_argument, NULL, 'R' },
		{ "bind-dn", required_argument, NULL, 'U' },
		RP_CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct rp_ldif_import im;
	struct rp_content *c = NULL;
	const char *out = NULL;
	char **bl, *cause = NULL, *datadir;
	size_t nbl = 0;
	int ch, r, partial = 0;

	memset(&im, 0, sizeof(im));
	im.kind = RP_KIND__COUNT;
	bl = xcalloc((size_t)argc, sizeof(*bl));
	optind = 0;
	while ((ch = getopt_long(argc, argv, "b:o:" RP_CLI_GLOBAL_SHORTOPTS,
	    longopts, NULL)) != -1) {
		if (rp_cli_global_opt(ch, optarg) == 0)
			continue;
		switch (ch) {
		case 'I': im.id = optarg; break;
		case 'b': bl[nbl++] = optarg; break;
		case 'o': out = optarg; break;
		case 'B': im.base_dn = optarg; break;
		case 'R': im.role = optarg; break;
		case 'U': im.user = optarg; break;
		case 'K':
			im.kind = (enum rp_kind)rp_cli_dir_kind(optarg);
			break;
		default:
			free(bl);
			fputs(usage_text, stderr);
			return RP_EXIT_USAGE;
		}
	}
	if (im.id == NULL || im.kind == RP_KIND__COUNT || out == NULL ||
	    nbl == 0 || optind >= argc) {
		free(bl);
		fprintf(stderr, "rempart evidence import-ldif: --id, --kind, "
		    "-b, -o and at least one LDIF file are required\n\n");
		fputs(usage_text, stderr);
		return RP_EXIT_USAGE;
	}
	im.files = argv + optind;
	im.nfiles = (size_t)(argc - optind);
	datadir = rp_cli_datadir(NULL);
	if ((r = rp_eval_content_load(datadir, &c, &cause)) == 0)
		r = rp_ldif_import(&im, bl, nbl, c, out, &partial, &cause);
	rp_content_free(c);
	if (r != 0)
		rp_error("%s", cause ? cause : rp_err_str(r));
	else
		printf("evidence: %s%s\n", out, partial ? " (partial: see "
		    "the target's error)" : "");
	free(cause);
	free(datadir);
	free(bl);
	if (r == 0 && partial)
		return RP_EXIT_INCOMPLETE;
	return rp_cli_exit_for(r);
}

/* evidence ldif-recipe: the export script for one directory target. */
static int
ldif_recipe(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "inventory", required_argument, NULL, 'i' },
		{ "target", required_argument, NULL, 'T' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "insecure-plain-bind", no_argument, NULL, 'P' },
		RP_CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct rp_ldif_recipe rc;
	struct rp_inventory *inv = NULL;
	struct rp_content *c = NULL;
	struct rp_probe_set ps;
	const char *inv_path = NULL, *target = NULL;
	char **bl, *cause = NULL, *datadir = NULL;
	size_t nbl = 0, i;
	int ch, r;

	rp_cli_help_if_asked(argc, argv, recipe_usage);
	memset(&rc, 0, sizeof(rc));
	memset(&ps, 0, sizeof(ps));
	bl = xcalloc((size_t)argc + 1, sizeof(*bl));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "i:b:" RP_CLI_GLOBAL_SHORTOPTS,
	    longopts, NULL)) != -1) {
		if (rp_cli_global_opt(ch, optarg) == 0)
			continue;
		switch (ch) {
		case 'i': inv_path = optarg; break;
		case 'T': target = optarg; break;
		case 'b': bl[nbl++] = optarg; break;
		case 'P': rc.insecure_plain_bind = 1; break;
		default:
			free(bl);
			fputs(recipe_usage, stderr);
			return RP_EXIT_USAGE;
		}
	}
	if (inv_path == NULL || target == NULL || nbl == 0 || optind < argc) {
		free(bl);
		fprintf(stderr, "rempart evidence ldif-recipe: -i, --target "
		    "and -b are required\n\n");
		fputs(recipe_usage, stderr);
		return RP_EXIT_USAGE;
	}
	if ((r = rp_inventory_load(inv_path, &inv, &cause)) != 0)
		goto out;
	for (i = 0; i < inv->nhosts; i++)
		if (strcmp(inv->hosts[i].alias, target) == 0)
			rc.host = &inv->hosts[i];
	if (rc.host == NULL) {
		r = rp_fail(&cause, RP_ERR_NOT_FOUND, "%s: no target '%s'",
		    inv_path, target);
		goto out;
	}
	if (rc.host->kind != RP_KIND_AD && rc.host->kind != RP_KIND_OPENLDAP) {
		r = rp_fail(&cause, RP_ERR_INVALID, "%s:%d: target '%s' is "
		    "not a directory (an ad or openldap group)", inv_path,
		    rc.host->line, target);
		goto out;
	}
	datadir = rp_cli_datadir(NULL);
	if ((r = rp_eval_content_load(datadir, &c, &cause)) != 0 ||
	    (r = rp_content_probes_for(c, bl, nbl, (int)rc.host->kind,
	    RP_PROBE_LDAP, RP_PROBES_DEEP | RP_PROBES_LADDER, &ps, &cause)) != 0)
		goto out;
	rc.inventory = inv_path;
	rc.baselines = bl;
	rc.nbaselines = nbl;
	r = rp_ldif_recipe(&rc, ps.probes, ps.n, stdout, &cause);
	if (r == 0 && fflush(stdout) != 0)
		r = rp_fail(&cause, RP_ERR_IO, "cannot write the script");
out:
	if (r != 0)
		rp_error("%s", cause ? cause : rp_err_str(r));
	rp_probe_set_release(&ps);
	rp_content_free(c);
	rp_inventory_free(inv);
	free(datadir);
	free(cause);
	free(bl);
	return rp_cli_exit_for(r);
}

static int
import_sysvol(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "id", required_argument, NULL, 'I' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "output", required_argument, NULL, 'o' },
		{ "role", required_argument, NULL, 'R' },
		RP_CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct rp_sysvol_import im;
	const char *out = NULL;
	char **bl, *cause = NULL;
	size_t nbl = 0;
	int ch, r, partial = 0;

	memset(&im, 0, sizeof(im));
	bl = xcalloc((size_t)argc, sizeof(*bl));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "b:o:" RP_CLI_GLOBAL_SHORTOPTS,
	    longopts, NULL)) != -1) {
		if (rp_cli_global_opt(ch, optarg) == 0)
			continue;
		switch (ch) {
		case 'I': im.id = optarg; break;
		case 'b': bl[nbl++] = optarg; break;
		case 'o': out = optarg; break;
		case 'R': im.role = optarg; break;
		default:
			free(bl);
			fputs(usage_text, stderr);
			return RP_EXIT_USAGE;
		}
	}
	if (im.id == NULL || out == NULL || optind + 1 != argc) {
		free(bl);
		fprintf(stderr, "rempart evidence import-sysvol: --id, -o and "
		    "one SYSVOL folder are required\n\n");
		fputs(usage_text, stderr);
		return RP_EXIT_USAGE;
	}
	im.path = argv[optind];
	im.baselines = bl;
	im.nbaselines = nbl;
	r = 0;
	if (nbl > 0) {
		/* a misspelt -b is refused now, not at evaluate time */
		struct rp_content *c = NULL;
		const struct rp_baseline *b;
		char *datadir = rp_cli_datadir(NULL);
		size_t i;

		r = rp_eval_content_load(datadir, &c, &cause);
		for (i = 0; r == 0 && i < nbl; i++)
			r = rp_baseline_get(c, bl[i], &b, &cause);
		rp_content_free(c);
		free(datadir);
	}
	if (r == 0)
		r = rp_sysvol_import(&im, out, &partial, &cause);
	if (r != 0)
		rp_error("%s", cause ? cause : rp_err_str(r));
	else
		printf("evidence: %s%s\n", out, partial ? " (partial: see "
		    "the target's error)" : "");
	free(cause);
	free(bl);
	if (r == 0 && partial)
		return RP_EXIT_INCOMPLETE;
	return rp_cli_exit_for(r);
}

struct merge_out {
	int	problems;
};

static void
merge_problem_cb(const char *what, const char *path, void *arg)
{
	struct merge_out *mo = arg;
	char *safe = rp_printable(path);	/* from a manifest */

	fprintf(stderr, "%-8s %s\n", what, safe);
	free(safe);
	mo->problems++;
}

static void
merge_note_cb(const char *msg, void *arg)
{
	char *safe = rp_printable(msg);

	(void)arg;
	rp_warn("%s", safe);
	free(safe);
}

static int
merge(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "prefer", required_argument, NULL, 'p' },
		RP_CLI_GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct merge_out mo;
	const char *out = NULL;
	char *cause = NULL;
	int ch, r, newest = 0;

	memset(&mo, 0, sizeof(mo));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:" RP_CLI_GLOBAL_SHORTOPTS,
	    longopts, NULL)) != -1) {
		if (rp_cli_global_opt(ch, optarg) == 0)
			continue;
		switch (ch) {
		case 'o': out = optarg; break;
		case 'p':
			if (strcmp(optarg, "newest") != 0) {
				rp_error("--prefer: only 'newest' (the "
				    "collection of a target that finished "
				    "last), not '%s'", optarg);
				return RP_EXIT_USAGE;
			}
			newest = 1;
			break;
		default:
			fputs(usage_text, stderr);
			return RP_EXIT_USAGE;
		}
	}
	if (out == NULL || optind >= argc) {
		fprintf(stderr, "rempart evidence merge: -o MERGED_DIR and at "
		    "least one bundle are required\n\n");
		fputs(usage_text, stderr);
		return RP_EXIT_USAGE;
	}
	r = rp_bundle_merge(out, argv + optind, (size_t)(argc - optind),
	    newest, merge_problem_cb, merge_note_cb, &mo, &cause);
	if (r != 0)
		rp_error("%s", cause ? cause : rp_err_str(r));
	else
		printf("%s: merged from %d bundle%s, sealed\n", out,
		    argc - optind, argc - optind == 1 ? "" : "s");
	free(cause);
	return rp_cli_exit_for(r);
}

int
cmd_evidence(int argc, char **argv)
{
	char *cause = NULL;
	int r, n = 0, partial = 0, a = 2;

	if (argc >= 2 && strcmp(argv[1], "ldif-recipe") == 0)
		return ldif_recipe(argc - 1, argv + 1);
	rp_cli_help_if_asked(argc, argv, usage_text);
	if (argc >= 2 && strcmp(argv[1], "import-ldif") == 0)
		return import_ldif(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "merge") == 0)
		return merge(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "import-sysvol") == 0)
		return import_sysvol(argc - 1, argv + 1);
	if ((argc = rp_cli_strip_global_opts(argc, argv)) < 0)
		return RP_EXIT_USAGE;
	if (argc >= 3 && strcmp(argv[1], "verify") == 0 && argc == 3) {
		r = rp_bundle_verify(argv[2], report_cb, &n, &cause);
		if (r == 0)
			printf("%s: intact\n", argv[2]);
		else if (r == RP_ERR_TAMPERED)
			rp_error("evidence '%s' does not match its manifest "
			    "(%d problem%s)", argv[2], n, n == 1 ? "" : "s");
		else
			rp_error("%s", cause ? cause : rp_err_str(r));
		free(cause);
		return rp_cli_exit_for(r);
	}
	if (argc >= 3 && strcmp(argv[1], "seal") == 0) {
		if (strcmp(argv[a], "--partial") == 0) {
			partial = 1;
			a++;
		}
		if (a + 1 == argc) {
			r = rp_bundle_seal(argv[a], partial, &cause);
			if (r != 0)
				rp_error("%s", cause ? cause : rp_err_str(r));
			else
				printf("%s: sealed\n", argv[a]);
			free(cause);
			return rp_cli_exit_for(r);
		}
	}
	fputs(usage_text, stderr);
	return RP_EXIT_USAGE;
}
