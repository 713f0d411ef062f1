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
#include "collect/sysvol.h"
#include "core/banned.h"

static const char usage_text[] =
"usage: rempart evidence verify EVIDENCE_DIR\n"
"       rempart evidence seal [--partial] EVIDENCE_DIR\n"
"       rempart evidence import-ldif --id TARGET --kind ad|openldap\n"
"                       -b BASELINE... -o EVIDENCE_DIR [--base-dn DN]\n"
"                       [--role TAGS] DUMP.ldif...\n"
"       rempart evidence import-sysvol --id TARGET -o EVIDENCE_DIR\n"
"                       [-b BASELINE]... [--role TAGS] SYSVOL_COPY\n"
"\n"
"verify: compare every file of an evidence bundle with the SHA-256 of its\n"
"manifest; reports each changed, missing or added file and exits 2 when\n"
"the bundle was altered.\n"
"seal: write the manifest of a bundle produced by another tool (layout in\n"
"docs/evidence-format.md), so that it can be verified and evaluated.\n"
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

static int
import_sysvol(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "id", required_argument, NULL, 'I' },
		{ "baseline", required_argument, NULL, 'b' },
		{ "output", required_argument, NULL, 'o' },
		{ "role", required_argument, NULL, 'R' },
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
	while ((ch = getopt_long(argc, argv, "b:o:", longopts, NULL)) != -1) {
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

int
cmd_evidence(int argc, char **argv)
{
	char *cause = NULL;
	int r, n = 0, partial = 0, a = 2;

	rp_cli_help_if_asked(argc, argv, usage_text);
	if (argc >= 2 && strcmp(argv[1], "import-ldif") == 0)
		return import_ldif(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "import-sysvol") == 0)
		return import_sysvol(argc - 1, argv + 1);
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
