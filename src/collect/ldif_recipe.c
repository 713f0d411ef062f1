/*
 * ldif_recipe.c -- a POSIX sh script exporting the LDIF that answers a
 * selection's LDAP probes (ldif_recipe.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "collect/inventory.h"
#include "collect/ldap.h"
#include "collect/ldif_recipe.h"
#include "core/err.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "content/probes.h"
#include "core/banned.h"

#define PAGE		500	/* as the live collector (collect/ldap.c) */
#define MAX_RDNS	64
#define OID_SD_FLAGS	"1.2.840.113556.1.4.801"

enum anchor { A_NC, A_CONFIG, A_SCHEMA, A_PART };

/* One search of the script: a partition and the probes it answers. */
struct search {
	enum anchor	  anchor;
	char		 *rdn[MAX_RDNS];	/* relative base, nearest the
						   naming context first */
	size_t		  nrdn;
	size_t		  keylen;	/* A_PART: RDNs naming the partition */
	int		  all_base;	/* every probe: scope base, this base */
	int		  sd_flags;	/* OR of the probes'; -1: none */
	int		  all_attrs;	/* a probe asks '*' or '+' */
	char		**attrs;
	size_t		  nattrs, aattrs;
	const struct rp_probe **probes;
	size_t		  nprobes, aprobes;
};

/* ---------------------------------------------------------------- text */

/* s in single quotes for sh: ' becomes '\''. */
static void
sq(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

/* s in a comment: printable ASCII only, never a new line. */
static void
cm(FILE *f, const char *s)
{
	for (; *s != '\0'; s++)
		fputc((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f ?
		    *s : '?', f);
}

/* The BER value of the SD flags control, SEQUENCE { INTEGER flags }, in
 * base64 as ldapsearch -E takes it (flags in 0-15: one content byte). */
static void
sd_flags_b64(int flags, char out[9])
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789+/";
	unsigned char v[6] = { 0x30, 0x03, 0x02, 0x01, 0, 0 };
	size_t i, o = 0;

	v[4] = (unsigned char)(flags & 0x0f);
	for (i = 0; i < 6; i += 3) {
		unsigned w = (unsigned)v[i] << 16 | (unsigned)v[i + 1] << 8 |
		    v[i + 2];

		out[o++] = tab[(w >> 18) & 63];
		out[o++] = tab[(w >> 12) & 63];
		out[o++] = tab[(w >> 6) & 63];
		out[o++] = tab[w & 63];
	}
	out[7] = '=';	/* 5 bytes: the last group holds 2 */
	out[8] = '\0';
}

/* ---------------------------------------------------------------- DNs */

/* Split a relative DN into RDNs (owned), nearest the suffix first. */
static int
split_rdns(const char *dn, char **rdn, size_t *n)
{
	const char *p = dn, *s, *e;
	char *tmp[MAX_RDNS];
	size_t k = 0, i;

	*n = 0;
	while (dn != NULL && *p != '\0') {
		while (*p == ' ')
			p++;
		for (s = p; *p != '\0' && *p != ','; p++)
			if (*p == '\\' && p[1] != '\0')
				p++;
		for (e = p; e > s && e[-1] == ' '; e--)
			;
		if (k == MAX_RDNS)
			goto bad;
		tmp[k++] = xstrndup(s, (size_t)(e - s));
		if (*p == ',')
			p++;
	}
	for (i = 0; i < k; i++)
		rdn[i] = tmp[k - 1 - i];
	*n = k;
	return 0;
bad:
	while (k > 0)
		free(tmp[--k]);
	return -1;
}

static void
free_rdns(char **rdn, size_t n)
{
	while (n > 0)
		free(rdn[--n]);
}

/* Print the relative DN rdn[0..n) as written order (deepest first). */
static void
print_rel(FILE *f, char *const *rdn, size_t n)
{
	size_t i;

	for (i = n; i > 0; i--) {
		fputs(rdn[i - 1], f);
		if (i > 1)
			fputc(',', f);
	}
}

/* ------------------------------------------------------------- searches */

static void
add_attrs(struct search *s, const char *list)
{
	const char *p = list, *e;
	size_t i;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		for (e = p; *e != '\0' && *e != ' ' && *e != '\t' &&
		    *e != '\n'; e++)
			;
		if (e == p)
			break;
		if (!((e - p == 1 && (*p == '*' || *p == '+')) ||
		    (e - p == 3 && strncmp(p, "1.1", 3) == 0))) {
			for (i = 0; i < s->nattrs; i++)
				if (strlen(s->attrs[i]) == (size_t)(e - p) &&
				    strncasecmp(s->attrs[i], p,
				    (size_t)(e - p)) == 0)
					break;
			if (i == s->nattrs) {
				XGROW(s->attrs, s->aattrs, s->nattrs);
				s->attrs[s->nattrs++] = xstrndup(p,
				    (size_t)(e - p));
			}
		}
		p = e;
	}
}

/* Does the attribute list hold '*' or '+' (every attribute)? */
static int
asks_all(const char *list)
{
	const char *p;

	for (p = list; p != NULL && *p != '\0'; p++)
		if ((*p == '*' || *p == '+') && (p == list ||
		    strchr(" \t\n", p[-1]) != NULL) &&
		    (p[1] == '\0' || strchr(" \t\n", p[1]) != NULL))
			return 1;
	return 0;
}

/*
 * The attributes a filter tests ("(attr=", "(attr>=", "(attr:rule:="):
 * the import applies the probe's filter to the exported entries, so
 * they are exported with the ones the probe reads.
 */
static void
add_filter_attrs(struct search *s, const char *f)
{
	const char *p, *e;
	char *name;

	for (p = f; p != NULL && *p != '\0'; p++) {
		if (*p != '(' || !((p[1] >= 'a' && p[1] <= 'z') ||
		    (p[1] >= 'A' && p[1] <= 'Z')))
			continue;
		for (e = p + 1; (*e >= 'a' && *e <= 'z') ||
		    (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9') ||
		    *e == '-' || *e == ';'; e++)
			;
		if (*e != '=' && *e != '~' && *e != '<' && *e != '>' &&
		    *e != ':')
			continue;
		name = xstrndup(p + 1, (size_t)(e - p - 1));
		add_attrs(s, name);
		free(name);
	}
}

static int
cmp_attr(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* The number of leading RDNs of a relative base naming a partition of
 * its own (up to its deepest DC= RDN), 0 for the naming context's. */
static size_t
part_key(char *const *rdn, size_t n)
{
	size_t i, key = 0;

	for (i = 0; i < n; i++)
		if (strncasecmp(rdn[i], "DC=", 3) == 0)
			key = i + 1;
	return key;
}

static int
same_rdn(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

/* The search for a probe: found, or a new one at *n. */
static struct search *
search_for(struct search *v, size_t *n, enum anchor a, char *const *rdn,
    size_t nrdn, size_t key)
{
	size_t i, j;

	for (i = 0; i < *n; i++) {
		if (v[i].anchor != a || v[i].keylen != key)
			continue;
		for (j = 0; j < key && same_rdn(v[i].rdn[j], rdn[j]); j++)
			;
		if (j == key)
			return &v[i];
	}
	memset(&v[*n], 0, sizeof(v[*n]));
	v[*n].anchor = a;
	v[*n].keylen = key;
	v[*n].sd_flags = -1;
	v[*n].all_base = 1;
	for (j = 0; j < nrdn; j++)
		v[*n].rdn[j] = xstrdup(rdn[j]);
	v[*n].nrdn = nrdn;
	return &v[(*n)++];
}

/* Place a probe: its search keeps the deepest base common to all. */
static int
place(struct search *v, size_t *n, const struct rp_probe *p, char **cause)
{
	char *rdn[MAX_RDNS];
	size_t nrdn = 0, key = 0, j;
	enum anchor a = A_NC;
	struct search *s;

	if (p->ldap_base != NULL && strcmp(p->ldap_base, "config") == 0)
		a = A_CONFIG;
	else if (p->ldap_base != NULL && strcmp(p->ldap_base, "schema") == 0)
		a = A_SCHEMA;
	else if (split_rdns(p->ldap_base, rdn, &nrdn) != 0)
		return rp_fail(cause, RP_ERR_INVALID, "probe '%s': base '%s' "
		    "has more than %d RDNs", p->id, p->ldap_base, MAX_RDNS);
	if (a == A_NC && p->kind == RP_KIND_AD &&
	    (key = part_key(rdn, nrdn)) > 0)
		a = A_PART;
	s = search_for(v, n, a, rdn, nrdn, key);
	/* the common part of the two bases */
	for (j = 0; j < s->nrdn && j < nrdn && same_rdn(s->rdn[j], rdn[j]);
	    j++)
		;
	/* a base search only while every probe reads that one entry */
	if (rp_probe_scope(p->ldap_scope) != RP_SCOPE_BASE || j != nrdn ||
	    j != s->nrdn)
		s->all_base = 0;
	free_rdns(s->rdn + j, s->nrdn - j);
	s->nrdn = j;
	if (p->sd_flags >= 0)
		s->sd_flags = (s->sd_flags < 0 ? 0 : s->sd_flags) |
		    p->sd_flags;
	add_attrs(s, "objectClass");
	add_attrs(s, p->ldap_attrs);
	add_filter_attrs(s, p->ldap_filter);
	s->all_attrs |= asks_all(p->ldap_attrs);
	XGROW(s->probes, s->aprobes, s->nprobes);
	s->probes[s->nprobes++] = p;
	free_rdns(rdn, nrdn);
	return 0;
}

static void
search_release(struct search *s)
{
	size_t i;

	free_rdns(s->rdn, s->nrdn);
	for (i = 0; i < s->nattrs; i++)
		free(s->attrs[i]);
	free(s->attrs);
	free(s->probes);
}

static int
cmp_search(const void *a, const void *b)
{
	const struct search *x = a, *y = b;
	size_t i;
	int c;

	if (x->anchor != y->anchor)
		return (int)x->anchor - (int)y->anchor;
	for (i = 0; i < x->keylen && i < y->keylen; i++)
		if ((c = strcasecmp(x->rdn[i], y->rdn[i])) != 0)
			return c;
	return (int)x->keylen - (int)y->keylen;
}

/* ---------------------------------------------------------------- sh */

static void
print_head(const struct rp_ldif_recipe *r, const char *url, FILE *f)
{
	const struct rp_inv_host *h = r->host;
	size_t i;

	fputs("#!/bin/sh\n# LDIF export of the directory target '", f);
	cm(f, h->alias);
	fprintf(f, "' (%s) for rempart, answering every LDAP search of\n# ",
	    rp_kind_name(h->kind));
	for (i = 0; i < r->nbaselines; i++) {
		fputs(i ? " " : "", f);
		cm(f, r->baselines[i]);
	}
	fputs("\n# made by: rempart evidence ldif-recipe -i ", f);
	cm(f, r->inventory ? r->inventory : "-");
	fputs(" --target ", f);
	cm(f, h->alias);
	fputs("\n#\n# Run it where ldapsearch (ldap-utils) reaches ", f);
	cm(f, url);
	fputs(":\n#   sh THIS-SCRIPT > ", f);
	cm(f, h->alias);
	fputs(".ldif\n# then hand the LDIF to the auditor, who runs:\n"
	    "#   rempart evidence import-ldif --id ", f);
	cm(f, h->alias);
	fprintf(f, " --kind %s", rp_kind_name(h->kind));
	if (h->role != NULL) {
		fputs(" --role ", f);
		cm(f, h->role);
	}
	if (h->base_dn != NULL) {
		fputs(" --base-dn '", f);
		cm(f, h->base_dn);
		fputs("'", f);
	}
	if (h->sasl_mech == NULL && h->bind_dn != NULL) {
		fputs(" \\\n#       --bind-dn '", f);
		cm(f, h->bind_dn);
		fputs("'", f);
	}
	fputs(" \\\n#       ", f);
	for (i = 0; i < r->nbaselines; i++) {
		fputs("-b ", f);
		cm(f, r->baselines[i]);
		fputs(" ", f);
	}
	fputs("-o evidence-", f);
	cm(f, h->alias);
	fputc(' ', f);
	cm(f, h->alias);
	fputs(".ldif\n#\n"
	    "# Nothing secret is written here: the password is read from the\n"
	    "# file named below (ldapsearch -y). The LDIF holds the rootDSE\n"
	    "# and, of the entries below, only the attributes the probes read\n"
	    "# or filter on (named on each search; '*' only where a probe asks\n"
	    "# for every attribute): no replication or proxy credentials, no\n"
	    "# LAPS password unless a probe names it. userPassword and\n"
	    "# olcRootPW, where a probe reads them, are hashes whose scheme\n"
	    "# is checked: keep the LDIF as confidential as the directory.\n"
	    "# On any failed search the script stops (exit 1) and writes no\n"
	    "# LDIF at all rather than a partial one.\n"
	    "set -eu\n", f);
}

static void
print_conf(const struct rp_ldif_recipe *r, const char *url, FILE *f)
{
	const struct rp_inv_host *h = r->host;

	fputs("URL=", f);
	sq(f, url);
	fputs("\nBASE_DN=", f);
	sq(f, h->base_dn ? h->base_dn : "");
	fputs("\t# empty: from the rootDSE\n", f);
	if (h->sasl_mech == NULL && h->bind_dn != NULL) {
		fputs("BIND_DN=", f);
		sq(f, h->bind_dn);
		fputc('\n', f);
	}
	if (h->sasl_mech == NULL && h->bind_dn != NULL &&
	    h->bind_password_file != NULL) {
		fputs("PW_FILE=", f);
		sq(f, h->bind_password_file);
		fputc('\n', f);
	}
	if (h->ca_file != NULL) {
		fputs("LDAPTLS_CACERT=", f);
		sq(f, h->ca_file);
		fputs("\nexport LDAPTLS_CACERT\n", f);
	}
	/* as the live collector: the server's certificate is checked,
	 * whatever ldap.conf or ~/.ldaprc say (TLS_REQCERT never would
	 * send the password to whoever answers) */
	fputs("LDAPTLS_REQCERT=demand\nexport LDAPTLS_REQCERT\n", f);
	fputs("\nfail() { printf 'ldif-recipe: %s\\n' \"$*\" >&2; exit 1; }\n"
	    "command -v ldapsearch > /dev/null 2>&1 ||\n"
	    "\tfail \"ldapsearch not found (Debian: apt-get install "
	    "ldap-utils)\"\n", f);
	if (h->sasl_mech == NULL && h->bind_dn != NULL &&
	    h->bind_password_file != NULL)
		fputs("[ -r \"$PW_FILE\" ] || fail \"cannot read the password "
		    "file $PW_FILE\"\n"
		    "# ldapsearch -y sends the whole file: a final new line "
		    "would be part of\n# the password (rempart drops it)\n"
		    "[ \"$(tail -c 1 < \"$PW_FILE\" | wc -l)\" -eq 0 ] ||\n"
		    "\tfail \"$PW_FILE ends with a new line, which ldapsearch "
		    "-y would send as part of the password: remove it (printf "
		    "'%s' \\\"\\$(cat FILE)\\\" > FILE.new)\"\n", f);
	/* one function holds the connection and the bind */
	fputs("lds() {\n\tldapsearch -LLL -o ldif-wrap=no -z none -H \"$URL\"",
	    f);
	if (h->starttls)
		fputs(" -ZZ", f);
	if (h->sasl_mech != NULL) {
		fputs(" -Y ", f);
		sq(f, h->sasl_mech);
	} else {
		fputs(" -x", f);
		if (h->bind_dn != NULL)
			fputs(" -D \"$BIND_DN\"", f);
		if (h->bind_dn != NULL && h->bind_password_file != NULL)
			fputs(" -y \"$PW_FILE\"", f);
	}
	fputs(" \"$@\"\n}\n"
	    "OUT=$(mktemp) || fail \"cannot create a temporary file\"\n"
	    "trap 'rm -f \"$OUT\"' EXIT\n"
	    "trap 'exit 1' HUP INT TERM\n\n", f);
}

/* The rootDSE first: the contexts the other searches are placed in. */
static void
print_rootdse(enum rp_kind kind, const struct search *dse, FILE *f)
{
	size_t i;
	int ad = kind == RP_KIND_AD;

	fputs("# the rootDSE", f);
	for (i = 0; dse != NULL && i < dse->nprobes; i++) {
		fputs(i ? ", " : " (", f);
		cm(f, dse->probes[i]->id);
	}
	fputs(dse != NULL && dse->nprobes ? ")\n" : "\n", f);
	fputs("DSE=$(lds -b '' -s base '(objectClass=*)' '*' '+'", f);
	for (i = 0; dse != NULL && i < dse->nattrs; i++) {
		fputc(' ', f);
		sq(f, dse->attrs[i]);
	}
	fputs(") ||\n\tfail \"cannot read the rootDSE of $URL (ldapsearch "
	    "exit $?)\"\n"
	    "[ -n \"$DSE\" ] || fail \"the rootDSE of $URL is empty\"\n"
	    "printf '%s\\n\\n' \"$DSE\" >> \"$OUT\"\n"
	    "dse() { printf '%s\\n' \"$DSE\" | sed -n \"s/^$1: //p\" | "
	    "sed -n 1p; }\n"
	    "# the contexts, as rempart places its searches "
	    "(content/probes.h)\n"
	    "NC=$BASE_DN\n"
	    "[ -n \"$NC\" ] || NC=$(dse defaultNamingContext)\n"
	    "[ -n \"$NC\" ] || NC=$(dse namingContexts)\n"
	    "[ -n \"$NC\" ] || fail \"the rootDSE names no naming context "
	    "(in plain text): set base_dn in the inventory\"\n"
	    "CONFIG=$(dse configurationNamingContext)\n"
	    "[ -n \"$CONFIG\" ] || CONFIG=$(dse configContext)\n", f);
	fprintf(f, "[ -n \"$CONFIG\" ] || CONFIG=%s\n"
	    "SCHEMA=$(dse schemaNamingContext)\n"
	    "[ -n \"$SCHEMA\" ] || SCHEMA=$(dse subschemaSubentry)\n"
	    "[ -n \"$SCHEMA\" ] || SCHEMA=%s\n\n",
	    ad ? "\"CN=Configuration,$NC\"" : "'cn=config'",
	    ad ? "\"CN=Schema,CN=Configuration,$NC\"" : "'cn=Subschema'");
}

static void
print_base(const struct search *s, FILE *f)
{
	const char *var = s->anchor == A_CONFIG ? "$CONFIG" :
	    s->anchor == A_SCHEMA ? "$SCHEMA" : "$NC";

	if (s->nrdn == 0) {
		fprintf(f, "\"%s\"", var);
		return;
	}
	fputs("'", f);
	print_rel(f, s->rdn, s->nrdn);	/* catalogue text: no quote */
	fprintf(f, ",'\"%s\"", var);
}

/* The same inside double quotes (check_base keeps out $ ` " \\). */
static void
print_base_dq(const struct search *s, FILE *f)
{
	const char *var = s->anchor == A_CONFIG ? "$CONFIG" :
	    s->anchor == A_SCHEMA ? "$SCHEMA" : "$NC";

	print_rel(f, s->rdn, s->nrdn);
	fprintf(f, "%s%s", s->nrdn ? "," : "", var);
}

static void
print_search(const struct search *s, FILE *f)
{
	char b64[9];
	size_t i, col;

	fputs("# for", f);
	for (i = 0, col = 5; i < s->nprobes; i++) {
		if (col + strlen(s->probes[i]->id) + 2 > 72) {
			fputs("\n#", f);
			col = 1;
		}
		fputc(' ', f);
		cm(f, s->probes[i]->id);
		col += strlen(s->probes[i]->id) + 1;
	}
	fputs("\nlds -b ", f);
	print_base(s, f);
	fprintf(f, " -s %s", s->all_base ? "base" : "sub");
	if (!s->all_base)
		fprintf(f, " -E pr=%d/noprompt", PAGE);
	if (s->sd_flags >= 0) {
		sd_flags_b64(s->sd_flags, b64);
		fprintf(f, " -E '!%s=::%s'", OID_SD_FLAGS, b64);
	}
	fputs(" \\\n    '(objectClass=*)'", f);
	if (s->all_attrs)
		fputs(" '*'", f);
	for (i = 0, col = s->all_attrs ? 23 : 19; i < s->nattrs; i++) {
		if (col + strlen(s->attrs[i]) + 3 > 72) {
			fputs(" \\\n   ", f);
			col = 3;
		}
		fputc(' ', f);
		sq(f, s->attrs[i]);
		col += strlen(s->attrs[i]) + 3;
	}
	fputs(" >> \"$OUT\" ||\n\tfail \"the search under ", f);
	print_base_dq(s, f);
	fputs(" failed (ldapsearch exit $?): no LDIF written\"\n", f);
}

/* Apostrophes would break the quoting of print_base: refuse them. */
static int
check_base(const struct rp_probe *p, char **cause)
{
	if (p->ldap_base != NULL && strpbrk(p->ldap_base, "'\"$`\\\n") !=
	    NULL)
		return rp_fail(cause, RP_ERR_INVALID, "probe '%s': base '%s' "
		    "holds a character the recipe does not quote", p->id,
		    p->ldap_base);
	return 0;
}

int
rp_ldif_recipe(const struct rp_ldif_recipe *r,
    const struct rp_probe *const *probes, size_t nprobes, FILE *f,
    char **cause)
{
	const struct rp_inv_host *h = r->host;
	struct rp_ldap_conf conf;
	struct search *v = NULL, dse;
	char *url = NULL;
	size_t i, n = 0;
	int res = 0, have_nc = 0;

	if (h->kind != RP_KIND_AD && h->kind != RP_KIND_OPENLDAP)
		return rp_fail(cause, RP_ERR_INVALID, "target '%s' is a %s "
		    "target: an LDIF export is made of an ad or openldap "
		    "target", h->alias, rp_kind_name(h->kind));
	url = h->ldap_url ? xstrdup(h->ldap_url) :
	    xasprintf("ldaps://%s", h->address);
	memset(&conf, 0, sizeof(conf));
	conf.url = url;
	conf.bind_dn = h->bind_dn;
	conf.password_file = h->bind_password_file;
	conf.sasl_mech = h->sasl_mech;
	conf.starttls = h->starttls;
	conf.insecure_plain_bind = r->insecure_plain_bind;
	if ((res = rp_ldap_url_check(url, cause)) != 0 ||
	    (res = rp_ldap_transport_check(&conf, cause)) != 0)
		goto out;
	memset(&dse, 0, sizeof(dse));
	v = xcalloc(nprobes + 1, sizeof(*v));
	for (i = 0; i < nprobes && res == 0; i++) {
		if (probes[i]->kind != h->kind ||
		    probes[i]->type != RP_PROBE_LDAP)
			continue;
		if ((res = check_base(probes[i], cause)) != 0)
			break;
		if (probes[i]->ldap_base != NULL &&
		    strcmp(probes[i]->ldap_base, "rootdse") == 0) {
			add_attrs(&dse, probes[i]->ldap_attrs);
			XGROW(dse.probes, dse.aprobes, dse.nprobes);
			dse.probes[dse.nprobes++] = probes[i];
			continue;
		}
		res = place(v, &n, probes[i], cause);
	}
	if (res != 0)
		goto done;
	qsort(v, n, sizeof(*v), cmp_search);
	for (i = 0; i < n; i++)
		if (v[i].nattrs > 0)
			qsort(v[i].attrs, v[i].nattrs, sizeof(*v[i].attrs),
			    cmp_attr);
	if (dse.nattrs > 0)
		qsort(dse.attrs, dse.nattrs, sizeof(*dse.attrs), cmp_attr);
	print_head(r, url, f);
	print_conf(r, url, f);
	print_rootdse(h->kind, &dse, f);
	for (i = 0; i < n; i++) {
		print_search(&v[i], f);
		have_nc |= v[i].anchor == A_NC && v[i].nrdn == 0;
	}
	/* the naming context's own entry: without it an import of
	 * OpenLDAP would take the deepest common base for it */
	if (!have_nc)
		fputs("# the naming context's entry (where the import places "
		    "the searches)\n"
		    "lds -b \"$NC\" -s base '(objectClass=*)' objectClass >> "
		    "\"$OUT\" ||"
		    "\n\tfail \"cannot read $NC (ldapsearch exit $?): no LDIF "
		    "written\"\n", f);
	fputs("\ncat \"$OUT\"\n", f);
done:
	for (i = 0; i < n; i++)
		search_release(&v[i]);
	search_release(&dse);
	free(v);
out:
	free(url);
	return res;
}
