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
#include "collect/ldif_import.h"
#include "core/banned.h"

static const char usage_text[] =
"usage: rempart evidence verify EVIDENCE_DIR\n"
"       rempart evidence seal [--partial] EVIDENCE_DIR\n"
"       rempart evidence merge [--prefer newest] -o MERGED_DIR BUNDLE...\n"
"       rempart evidence import-ldif --id TARGET --kind ad|openldap\n"
"                       -b BASELINE... -o EVIDENCE_DIR [--base-dn DN]\n"
"                       [--role TAGS] DUMP.ldif...\n"
"\n"
"verify: compare every file of an evidence bundle with the SHA-256 of its\n"
"manifest; reports each changed, missing or added file and exits 2 when\n"
"the bundle was altered.\n"
"seal: write the manifest of a bundle produced by another tool (layout in\n"
"docs/evidence-format.md), so that it can be verified and evaluated.\n"
"merge: verify each bundle against its manifest and merge them into a\n"
"new sealed bundle (one collection per site or per shard, evaluated and\n"
"reported once). A target in two bundles is refused, naming both, unless\n"
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
"  --role TAGS        criticality tags, as in an inventory (e.g. dc)\n"
"\n"
"An AD export covers every search when it holds the rootDSE, the domain,\n"
"its DNS partitions (DC=DomainDnsZones, DC=ForestDnsZones), the\n"
"configuration partition and the schema's head, with the security\n"
"descriptors (SD flags control: DACL) and the constructed attributes the\n"
"checks read, asked for by name (msDS-KeyVersionNumber ...).\n"
"\n"
"Example:\n"
"  rempart evidence verify audit-2026-11/evidence\n"
"  rempart evidence merge -o all-sites site-a/evidence site-b/evidence\n"
"  L='ldapsearch -LLL -o ldif-wrap=no -H ldaps://dc1 -D auditor@lab.test\n"
"     -y pw -E !1.2.840.113556.1.4.801=::MAMCAQQ='\n"
"  { $L -s base -b '' '*'\n"
"    $L -E pr=1000/noprompt -b DC=lab,DC=test '*' nTSecurityDescriptor \\\n"
"        msDS-KeyVersionNumber\n"
"    $L -E pr=1000/noprompt -b CN=Configuration,DC=lab,DC=test \\\n"
"        '*' nTSecurityDescriptor\n"
"    $L -s base -b CN=Schema,CN=Configuration,DC=lab,DC=test \\\n"
"        '*' nTSecurityDescriptor\n"
"    for z in DomainDnsZones ForestDnsZones; do $L -E pr=1000/noprompt \\\n"
"        -b DC=$z,DC=lab,DC=test '*' nTSecurityDescriptor; done; } > dc1.ldif\n"
"  rempart evidence import-ldif --id dc1 --kind ad --role dc \\\n"
"      -b ad-anssi-level-2 -o evidence-dc1 dc1.ldif\n"
"\n" RP_EXIT_CODES_HELP;

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
		{ "data-dir", required_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	struct rp_ldif_import im;
	const char *out = NULL, *dd = NULL;
	char **bl, *cause = NULL, *datadir;
	size_t nbl = 0;
	int ch, r, partial = 0;

	memset(&im, 0, sizeof(im));
	im.kind = RP_KIND__COUNT;
	bl = xcalloc((size_t)argc, sizeof(*bl));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "b:o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'I': im.id = optarg; break;
		case 'b': bl[nbl++] = optarg; break;
		case 'o': out = optarg; break;
		case 'B': im.base_dn = optarg; break;
		case 'R': im.role = optarg; break;
		case 'D': dd = optarg; break;
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
	datadir = rp_cli_datadir(dd);
	r = rp_ldif_import(&im, bl, nbl, datadir, out, &partial, &cause);
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
		{ NULL, 0, NULL, 0 },
	};
	struct merge_out mo;
	const char *out = NULL;
	char *cause = NULL;
	int ch, r, newest = 0;

	memset(&mo, 0, sizeof(mo));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
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

	rp_cli_help_if_asked(argc, argv, usage_text);
	if (argc >= 2 && strcmp(argv[1], "import-ldif") == 0)
		return import_ldif(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "merge") == 0)
		return merge(argc - 1, argv + 1);
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
