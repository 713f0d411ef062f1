/*
 * eval_ad_pki.c -- Active Directory Certificate Services, read from the
 * Public Key Services container: certificate templates open to abuse
 * (ESC1-style flags, enrolment rights), weak CA certificates (key size,
 * hash, ROCA), and NTAuth certificates without a known owner.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
#include <openssl/core_names.h>
#else
#include <openssl/rsa.h>
#endif

#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "engine/eval_ad_int.h"
#include "engine/eval.h"
#include "engine/evaluators.h"
#include "engine/extract.h"
#include "evidence/bundle.h"
#include "parse/ldif.h"
#include "parse/secdesc.h"
#include "parse/sid.h"
#include "core/banned.h"

/* ------------------------------------------------------------------ */
/* AD CS: certificate templates, CA certificates, the NTAuth store     */
/*
 * One probe (ad.pki-objects) returns CN=Public Key Services and, below
 * it, the templates, the enrollment services, the certification
 * authorities and NTAuthCertificates. The container itself proves the
 * configuration partition was read: without it every check is an error.
 */

#define PKI_SUPPLIES_SUBJECT	0x00000001u	/* msPKI-Certificate-Name-Flag */
#define PKI_SUPPLIES_SAN	0x00010000u
#define PKI_PEND_ALL		0x00000002u	/* msPKI-Enrollment-Flag */
#define EKU_ANY			"2.5.29.37.0"
#define EKU_AGENT		"1.3.6.1.4.1.311.20.2.1"
#define PKI_MAX_CERT		65536		/* bytes of one cACertificate */

static const struct {
	const char	*oid, *name;
	int		 auth;		/* authenticates a client */
} pki_ekus[] = {
	{ "1.3.6.1.5.5.7.3.2", "Client Authentication", 1 },
	{ "1.3.6.1.4.1.311.20.2.2", "Smart Card Logon", 1 },
	{ "1.3.6.1.5.2.3.4", "PKINIT Client", 1 },
	{ EKU_ANY, "Any Purpose", 1 },
	{ EKU_AGENT, "Certificate Request Agent", 0 },
	{ "1.3.6.1.5.5.7.3.1", "Server Authentication", 0 },
	{ "1.3.6.1.5.5.7.3.4", "Secure Email", 0 },
	{ "1.3.6.1.4.1.311.10.3.4", "Encrypting File System", 0 },
	{ "1.3.6.1.5.5.7.3.3", "Code Signing", 0 },
};

/* Certificate-Enrollment, Certificate-AutoEnrollment */
static const char *const pki_enroll_rights[] = {
	"0e10c968-78fb-11d2-90d4-00c04f79dc55",
	"a05b8cc2-17bc-4802-a710-e7c15ab866a2",
};

static int
ent_has_value(const struct entry *e, const char *attr, const char *val)
{
	size_t i;

	for (i = 0; i < e->nav; i++)
		if (strcasecmp(e->av[i].name, attr) == 0 &&
		    strcasecmp(e->av[i].val, val) == 0)
			return 1;
	return 0;
}

static int
dn_starts(const char *dn, const char *rdn)
{
	size_t n = strlen(rdn);

	return strncasecmp(dn, rdn, n) == 0 && dn[n] == ',';
}

static const char *
pki_name(const struct entry *e, char *buf, size_t len)
{
	const char *s = ent_str(e, "cn");

	if (s != NULL && *s != '\0')
		return s;
	dn_rdn(e->dn, buf, len);
	return buf;
}

/* CN=Public Key Services was returned; else an error verdict. */
static int
pki_readable(const struct entries *es, struct rp_verdict *v)
{
	size_t i;

	for (i = 0; i < es->n; i++)
		if (dn_starts(es->e[i].dn, "CN=Public Key Services"))
			return 0;
	dir_verdict(v, RP_ST_ERROR, "CN=Public Key Services,CN=Services,"
	    "CN=Configuration was not returned: the configuration partition "
	    "is not readable with this account (grant it Read on the "
	    "container; any authenticated user may by default)");
	return -1;
}

/* A 32-bit flag attribute (AD may store it as a negative number). */
static uint32_t
ent_flags(const struct entry *e, const char *attr)
{
	long long n;

	if (ent_num(e, attr, &n) != 0)
		return 0;
	return (uint32_t)(n & 0xffffffffLL);
}

struct tmpl {
	uint32_t	name_flag, enroll_flag;
	long long	ra;
	size_t		neku;
	int		auth, any, agent;
	char		ekus[256];
};

static void
tmpl_read(const struct entry *e, struct tmpl *t)
{
	size_t i, j, n;
	const char *name;

	memset(t, 0, sizeof(*t));
	t->name_flag = ent_flags(e, "msPKI-Certificate-Name-Flag");
	t->enroll_flag = ent_flags(e, "msPKI-Enrollment-Flag");
	if (ent_num(e, "msPKI-RA-Signature", &t->ra) != 0)
		t->ra = 0;
	for (i = 0; i < e->nav; i++) {
		if (strcasecmp(e->av[i].name, "pKIExtendedKeyUsage") != 0 &&
		    strcasecmp(e->av[i].name,
		    "msPKI-Certificate-Application-Policy") != 0)
			continue;
		t->neku++;
		name = e->av[i].val;
		for (j = 0; j < sizeof(pki_ekus) / sizeof(pki_ekus[0]); j++)
			if (strcmp(e->av[i].val, pki_ekus[j].oid) == 0) {
				name = pki_ekus[j].name;
				t->auth |= pki_ekus[j].auth;
				break;
			}
		if (strcmp(e->av[i].val, EKU_ANY) == 0)
			t->any = 1;
		if (strcmp(e->av[i].val, EKU_AGENT) == 0)
			t->agent = 1;
		n = strlen(t->ekus);
		if (strstr(t->ekus, name) == NULL)
			snprintf(t->ekus + n, sizeof(t->ekus) - n, "%s%s",
			    n ? " + " : "", name);
	}
}

/* Does the allow ACE a let its holder enroll (or take the template)? */
static int
ace_enrolls(const struct rp_ace *a)
{
	struct rp_guid g;
	size_t i;

	if (!rp_ace_is_allow(a) || !rp_ace_applies(a) || !a->has_sid)
		return 0;
	if ((a->mask & RP_GENERIC_ALL) ||
	    (a->mask & RP_DS_FULL_CONTROL) == RP_DS_FULL_CONTROL)
		return 1;
	if (!(a->mask & RP_DS_CONTROL_ACCESS))
		return 0;
	if (!a->has_object)
		return 1;			/* every extended right */
	for (i = 0; i < sizeof(pki_enroll_rights) /
	    sizeof(pki_enroll_rights[0]); i++)
		if (rp_guid_parse(pki_enroll_rights[i], &g) == 0 &&
		    rp_guid_eq(&g, &a->object))
			return 1;
	return 0;
}

/* The broad principals that may enroll, into buf; -1: no readable DACL. */
static int
pki_enrollers(const struct entry *e, char *buf, size_t len)
{
	const struct av *a = ent_attr(e, SD_ATTR);
	struct rp_secdesc sd;
	struct rp_sid seen[16];
	char lab[300], *cause = NULL;
	size_t i, j, n = 0, l;

	buf[0] = '\0';
	if (a == NULL)
		return -1;
	if (rp_secdesc_parse(a->val, a->len, &sd, &cause) != 0) {
		free(cause);
		return -1;
	}
	for (i = 0; i < sd.naces; i++) {
		if (!ace_enrolls(&sd.aces[i]) || !broad_sid(&sd.aces[i].sid))
			continue;
		for (j = 0; j < n && !rp_sid_eq(&seen[j], &sd.aces[i].sid);
		    j++)
			;
		if (j < n || n == sizeof(seen) / sizeof(seen[0]))
			continue;
		seen[n++] = sd.aces[i].sid;
		sid_label(&sd.aces[i].sid, lab, sizeof(lab));
		l = strlen(buf);
		snprintf(buf + l, len - l, "%s%s", l ? ", " : "", lab);
	}
	rp_secdesc_release(&sd);
	return (int)n;
}

/* The enrollment services publishing template name, into buf; count. */
static size_t
pki_publishers(const struct entries *es, const char *name, char *buf,
    size_t len)
{
	char tmp[256];
	size_t i, n = 0, l;

	buf[0] = '\0';
	for (i = 0; i < es->n; i++) {
		if (!ent_has_value(&es->e[i], "objectClass",
		    "pKIEnrollmentService") ||
		    !ent_has_value(&es->e[i], "certificateTemplates", name))
			continue;
		l = strlen(buf);
		snprintf(buf + l, len - l, "%s%s", l ? ", " : "",
		    pki_name(&es->e[i], tmp, sizeof(tmp)));
		n++;
	}
	return n;
}

enum esc { ESC1 = 1, ESC2, ESC3 };

/* Does the template have the flaw (enrollment rights aside)? */
static int
tmpl_flawed(const struct tmpl *t, enum esc m, char *what, size_t len)
{
	const char *ekus = t->neku ? t->ekus : "none (any purpose)";

	if ((t->enroll_flag & PKI_PEND_ALL) || t->ra > 0)
		return 0;			/* approval or signatures */
	switch (m) {
	case ESC1:
		if (!(t->name_flag & (PKI_SUPPLIES_SUBJECT |
		    PKI_SUPPLIES_SAN)) || (t->neku > 0 && !t->auth))
			return 0;
		snprintf(what, len, "the enrollee supplies the %s, EKU %s",
		    t->name_flag & PKI_SUPPLIES_SAN ? "subject alternative "
		    "name" : "subject", ekus);
		return 1;
	case ESC2:
		if (t->neku > 0 && !t->any)
			return 0;
		snprintf(what, len, "EKU %s", ekus);
		return 1;
	case ESC3:
		if (!t->agent)
			return 0;
		snprintf(what, len, "EKU %s", ekus);
		return 1;
	}
	return 0;
}

/*
 * ad-adcs-template: templates an enterprise CA publishes that any user
 * may enroll in and that have the flaw the value names (esc1, esc2,
 * esc3), without manager approval or authorized signatures.
 */
static int
adcs_template_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct entries es;
	struct tmpl t;
	enum esc m;
	char who[512], cas[512], what[320], nb[256];
	const char *name;
	size_t i, ntmpl = 0, nca = 0, npub = 0, bad = 0, unread = 0;
	int n;

	(void)ck;
	if (expected != NULL && strcasecmp(expected, "esc1") == 0)
		m = ESC1;
	else if (expected != NULL && strcasecmp(expected, "esc2") == 0)
		m = ESC2;
	else if (expected != NULL && strcasecmp(expected, "esc3") == 0)
		m = ESC3;
	else
		return dir_verdict(v, RP_ST_ERROR, "expected value '%s' is not "
		    "esc1, esc2 or esc3", expected ? expected : "");
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
		return 0;
	if (pki_readable(&es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++)
		if (ent_has_value(&es.e[i], "objectClass",
		    "pKIEnrollmentService"))
			nca++;
	for (i = 0; i < es.n; i++) {
		const struct entry *e = &es.e[i];

		if (!ent_has_value(e, "objectClass", "pKICertificateTemplate"))
			continue;
		ntmpl++;
		name = pki_name(e, nb, sizeof(nb));
		if (pki_publishers(&es, name, cas, sizeof(cas)) > 0)
			npub++;
		tmpl_read(e, &t);
		if (!tmpl_flawed(&t, m, what, sizeof(what)))
			continue;
		if ((n = pki_enrollers(e, who, sizeof(who))) < 0) {
			dir_observe(v, "%s: %s, but its DACL is not readable",
			    name, what);
			unread++;
			continue;
		}
		if (n == 0)
			continue;
		if (cas[0] == '\0') {
			dir_observe(v, "%s: %s, %s may enroll, but no "
			    "enterprise CA publishes it (not exploitable while "
			    "unpublished)", name, what, who);
			continue;
		}
		dir_observe(v, "%s (published by %s): %s, %s may enroll", name,
		    cas, what, who);
		dir_evidence(v, "%s", e->dn);
		bad++;
	}
	if (bad > 0) {
		dir_verdict(v, RP_ST_FAIL, NULL);
		if (unread > 0)
			v->reason = xasprintf("besides, %zu template(s) "
			    "without a readable security descriptor", unread);
	} else if (unread > 0)
		dir_verdict(v, RP_ST_ERROR, "%zu template(s) returned without "
		    "a readable nTSecurityDescriptor: not readable with this "
		    "account (%s)", unread, SD_GRANT);
	else {
		dir_observe(v, "%zu certificate template(s), %zu published by "
		    "%zu enterprise CA(s)", ntmpl, npub, nca);
		dir_verdict(v, RP_ST_PASS, NULL);
	}
out:
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_ad_adcs_template = {
	.name = "ad-adcs-template",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "AD CS certificate templates published by an enterprise CA, "
	    "enrollable by Everyone, Authenticated Users, Domain Users or "
	    "Domain Computers, without manager approval or authorized "
	    "signatures; value: esc1 (enrollee supplies the subject and an "
	    "authentication EKU), esc2 (any purpose or no EKU), esc3 "
	    "(Certificate Request Agent)",
	.evaluate = adcs_template_evaluate,
};

/* Subject of x (RFC 2253, control characters escaped) into buf. */
static void
cert_subject(X509 *x, char *buf, size_t len)
{
	BIO *b = BIO_new(BIO_s_mem());
	int n = 0;

	buf[0] = '\0';
	if (b == NULL)
		return;
	if (X509_NAME_print_ex(b, X509_get_subject_name(x), 0,
	    XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) >= 0)
		n = BIO_read(b, buf, (int)len - 1);
	buf[n > 0 ? n : 0] = '\0';
	BIO_free(b);
}

/* SHA-1 thumbprint (certutil's "Cert Hash") of len bytes, in hex. */
static void
cert_thumb(const void *der, size_t len, char *buf, size_t blen)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;

	buf[0] = '\0';
	if (EVP_Digest(der, len, md, &n, EVP_sha1(), NULL) != 1)
		return;
	for (i = 0; i < n && 2 * (size_t)i + 2 < blen; i++)
		snprintf(buf + 2 * i, blen - 2 * i, "%02x", md[i]);
}

static X509 *
cert_parse(const struct av *a)
{
	const unsigned char *p = (const unsigned char *)a->val;

	if (a->len == 0 || a->len > PKI_MAX_CERT)
		return NULL;
	return d2i_X509(NULL, &p, (long)a->len);
}

/* Where a cACertificate sits, for the observed value. */
static void
cert_place(const struct entry *e, char *buf, size_t len)
{
	char nb[256];
	const char *name = pki_name(e, nb, sizeof(nb));

	if (dn_starts(e->dn, "CN=NTAuthCertificates"))
		snprintf(buf, len, "NTAuth store");
	else if (ent_has_value(e, "objectClass", "pKIEnrollmentService"))
		snprintf(buf, len, "enterprise CA %s", name);
	else if (strcasestr(e->dn, ",CN=Certification Authorities,") != NULL)
		snprintf(buf, len, "root CA %s", name);
	else if (strcasestr(e->dn, ",CN=AIA,") != NULL)
		snprintf(buf, len, "CA %s (AIA)", name);
	else
		snprintf(buf, len, "%s", name);
}

/*
 * ROCA (CVE-2017-15361): the RSA keys of Infineon's library have moduli
 * N whose residue modulo each of the small primes below lies in the
 * subgroup generated by 65537 (Nemec et al., CCS 2017, the fingerprint of
 * section 2.3); a random modulus passes all of them with negligible
 * probability. 1: N has the fingerprint; 0: no, or not an RSA key.
 */
static const unsigned roca_primes[] = {
	3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67,
	71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139,
	149, 151, 157, 163, 167,
};

static int
cert_roca(EVP_PKEY *k)
{
	BIGNUM *n = NULL;
	BN_ULONG r;
	unsigned long g, x;
	size_t i;
	int in = 1;

	if (k == NULL || EVP_PKEY_base_id(k) != EVP_PKEY_RSA)
		return 0;
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
	if (EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_N, &n) != 1)
		return 0;
#else
	{
		const BIGNUM *cn = NULL;

		RSA_get0_key(EVP_PKEY_get0_RSA(k), &cn, NULL, NULL);
		if (cn == NULL || (n = BN_dup(cn)) == NULL)
			return 0;
	}
#endif
	for (i = 0; in && i < sizeof(roca_primes) / sizeof(roca_primes[0]);
	    i++) {
		if ((r = BN_mod_word(n, roca_primes[i])) == (BN_ULONG)-1) {
			in = 0;
			break;
		}
		g = 65537UL % roca_primes[i];
		x = 1;
		in = 0;
		do {
			if (x == (unsigned long)r) {
				in = 1;
				break;
			}
			x = x * g % roca_primes[i];
		} while (x != 1);
	}
	BN_free(n);
	return in;
}

/* Why a certificate is weak, into why; 0 if it is not. */
static int
cert_weak(X509 *x, long long minbits, int hashes, int roca, char *why,
    size_t len)
{
	EVP_PKEY *k = X509_get0_pubkey(x);
	int md = NID_undef, pk = NID_undef, n = 0;
	size_t l;

	why[0] = '\0';
	if (roca && cert_roca(k))
		n += snprintf(why, len, "ROCA-vulnerable RSA key "
		    "(CVE-2017-15361)") > 0;
	if (k != NULL && EVP_PKEY_base_id(k) == EVP_PKEY_RSA &&
	    EVP_PKEY_bits(k) < minbits) {
		l = strlen(why);
		n += snprintf(why + l, len - l, "%sRSA key of %d bits",
		    l ? ", " : "", EVP_PKEY_bits(k)) > 0;
	}
	if (k != NULL && EVP_PKEY_base_id(k) == EVP_PKEY_DSA) {
		l = strlen(why);
		n += snprintf(why + l, len - l, "%sDSA key", l ? ", " : "")
		    > 0;
	}
	if (hashes && OBJ_find_sigid_algs(X509_get_signature_nid(x), &md,
	    &pk) == 1 && (md == NID_sha1 || md == NID_sha || md == NID_md5 ||
	    md == NID_md4 || md == NID_md2)) {
		l = strlen(why);
		n += snprintf(why + l, len - l, "%ssigned with %s",
		    l ? ", " : "", OBJ_nid2sn(md)) > 0;
	}
	return n;
}

/*
 * ad-adcs-ca-certs: the cACertificate values of the enterprise CAs, root
 * and AIA CAs and NTAuth. Value: "BITS [hash] [roca]": RSA keys shorter
 * than BITS and DSA keys are weak; with "hash", SHA-1, SHA-0 and MD2/4/5
 * signatures too; with "roca", moduli with the ROCA fingerprint.
 */
static int
adcs_ca_certs_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct entries es;
	char num[16], place[300], subj[512], why[128], thumb[48];
	const char *sp;
	long long minbits;
	int hashes = 0, roca = 0;
	size_t i, j, l, ncert = 0, bad = 0, unread = 0;
	X509 *x;

	(void)ck;
	sp = expected ? strchr(expected, ' ') : NULL;
	l = expected ? (sp ? (size_t)(sp - expected) : strlen(expected)) : 0;
	if (l == 0 || l >= sizeof(num))
		return dir_verdict(v, RP_ST_ERROR, "expected value '%s' is not "
		    "'BITS [hash] [roca]'", expected ? expected : "");
	memcpy(num, expected, l);
	num[l] = '\0';
	if (value_num(num, 512, 16384, &minbits, v) != 0)
		return 0;
	while (sp != NULL && *sp == ' ') {
		sp++;
		l = strcspn(sp, " ");
		if (l == 4 && strncmp(sp, "hash", 4) == 0)
			hashes = 1;
		else if (l == 4 && strncmp(sp, "roca", 4) == 0)
			roca = 1;
		else
			return dir_verdict(v, RP_ST_ERROR, "expected value "
			    "'%s' is not 'BITS [hash] [roca]'", expected);
		sp += l;
	}
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
		return 0;
	if (pki_readable(&es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++) {
		const struct entry *e = &es.e[i];

		for (j = 0; j < e->nav; j++) {
			if (strcasecmp(e->av[j].name, "cACertificate") != 0)
				continue;
			ncert++;
			cert_place(e, place, sizeof(place));
			if ((x = cert_parse(&e->av[j])) == NULL) {
				dir_observe(v, "%s: a certificate that cannot "
				    "be parsed (%zu bytes)", place,
				    e->av[j].len);
				dir_evidence(v, "%s", e->dn);
				unread++;
				continue;
			}
			if (cert_weak(x, minbits, hashes, roca, why,
			    sizeof(why))) {
				cert_subject(x, subj, sizeof(subj));
				cert_thumb(e->av[j].val, e->av[j].len, thumb,
				    sizeof(thumb));
				dir_observe(v, "%s: %s (SHA-1 %s): %s", place,
				    subj, thumb, why);
				dir_evidence(v, "%s", e->dn);
				bad++;
			}
			X509_free(x);
		}
	}
	if (bad > 0) {
		dir_verdict(v, RP_ST_FAIL, NULL);
		if (unread > 0)
			v->reason = xasprintf("besides, %zu certificate(s) "
			    "that cannot be parsed", unread);
	} else if (unread > 0)
		dir_verdict(v, RP_ST_ERROR, "%zu of %zu CA certificate(s) "
		    "cannot be parsed", unread, ncert);
	else {
		if (ncert == 0)
			dir_observe(v, "no CA certificate in the configuration "
			    "partition (no AD CS)");
		else
			dir_observe(v, "%zu CA certificate(s) examined", ncert);
		dir_verdict(v, RP_ST_PASS, NULL);
	}
out:
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_ad_adcs_ca_certs = {
	.name = "ad-adcs-ca-certs",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "CA certificates (enterprise, root, AIA CAs and NTAuth) with an "
	    "RSA key shorter than the value's bits or a DSA key; value: \"BITS "
	    "[hash] [roca]\", with hash SHA-1/SHA-0/MD5/MD4/MD2 signatures "
	    "too, with roca moduli with the ROCA fingerprint",
	.evaluate = adcs_ca_certs_evaluate,
};

/* Is thumb (hex) one of the value's thumbprints (white space separated)? */
static int
thumb_listed(const char *list, const char *thumb)
{
	const char *p = list;
	size_t n = strlen(thumb), l;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		for (l = 0; p[l] != '\0' && p[l] != ' ' && p[l] != ','; l++)
			;
		if (l == n && n > 0 && strncasecmp(p, thumb, n) == 0)
			return 1;
		p += l;
	}
	return 0;
}

/* The enterprise CA whose certificate (or subject) this is; NULL. */
static const char *
ntauth_owner(const struct entries *es, const struct av *c, X509 *x,
    int *same_cert, char *nb, size_t nlen)
{
	const struct entry *e;
	X509 *y;
	size_t i, j;
	const char *found = NULL;

	*same_cert = 0;
	for (i = 0; i < es->n; i++) {
		e = &es->e[i];
		if (!ent_has_value(e, "objectClass", "pKIEnrollmentService"))
			continue;
		for (j = 0; j < e->nav; j++) {
			if (strcasecmp(e->av[j].name, "cACertificate") != 0)
				continue;
			if (e->av[j].len == c->len &&
			    memcmp(e->av[j].val, c->val, c->len) == 0) {
				*same_cert = 1;
				return pki_name(e, nb, nlen);
			}
			if (x == NULL || found != NULL ||
			    (y = cert_parse(&e->av[j])) == NULL)
				continue;
			if (X509_NAME_cmp(X509_get_subject_name(x),
			    X509_get_subject_name(y)) == 0)
				found = pki_name(e, nb, nlen);
			X509_free(y);
		}
	}
	return found;
}

/*
 * ad-adcs-ntauth: every certificate of the NTAuth store is that of an
 * enterprise CA of the forest (or has the subject of one: a renewed CA),
 * or its SHA-1 thumbprint is in the value. Lists the enterprise CAs.
 */
static int
adcs_ntauth_evaluate(const struct rp_eval_ctx *ctx,
    const struct rp_check *ck, const char *expected, struct rp_verdict *v)
{
	struct entries es;
	const struct entry *nt = NULL, *e;
	char subj[512], thumb[48], nb[256], host[256];
	const char *owner, *s;
	size_t i, j, k, ncert = 0, bad = 0;
	int same;
	X509 *x;

	(void)ck;
	if (load_or_error(ctx, ctx->out, &es, v) != 0)
		return 0;
	if (pki_readable(&es, v) != 0)
		goto out;
	for (i = 0; i < es.n; i++) {
		e = &es.e[i];
		if (dn_starts(e->dn, "CN=NTAuthCertificates"))
			nt = e;
		if (!ent_has_value(e, "objectClass", "pKIEnrollmentService"))
			continue;
		s = ent_str(e, "dNSHostName");
		snprintf(host, sizeof(host), "%s", s ? s : "?");
		for (j = k = 0; j < e->nav; j++)
			if (strcasecmp(e->av[j].name,
			    "certificateTemplates") == 0)
				k++;
		dir_observe(v, "enterprise CA %s on %s publishes %zu "
		    "template(s)", pki_name(e, nb, sizeof(nb)), host, k);
	}
	if (nt == NULL) {
		dir_observe(v, "no NTAuth store: no CA is trusted for logon");
		dir_verdict(v, RP_ST_PASS, NULL);
		goto out;
	}
	for (j = 0; j < nt->nav; j++) {
		if (strcasecmp(nt->av[j].name, "cACertificate") != 0)
			continue;
		ncert++;
		x = cert_parse(&nt->av[j]);
		if (x != NULL)
			cert_subject(x, subj, sizeof(subj));
		else
			snprintf(subj, sizeof(subj), "a certificate that "
			    "cannot be parsed");
		cert_thumb(nt->av[j].val, nt->av[j].len, thumb,
		    sizeof(thumb));
		owner = ntauth_owner(&es, &nt->av[j], x, &same, nb,
		    sizeof(nb));
		X509_free(x);
		if (owner != NULL && same)
			dir_observe(v, "NTAuth: %s (SHA-1 %s), enterprise CA "
			    "%s", subj, thumb, owner);
		else if (owner != NULL)
			dir_observe(v, "NTAuth: %s (SHA-1 %s), another "
			    "certificate with the subject of enterprise CA %s "
			    "(renewed? compare with certutil -ca.cert)", subj,
			    thumb, owner);
		else if (expected != NULL && thumb_listed(expected, thumb))
			dir_observe(v, "NTAuth: %s (SHA-1 %s), listed as "
			    "trusted", subj, thumb);
		else {
			dir_observe(v, "NTAuth: %s (SHA-1 %s) is the "
			    "certificate of no enterprise CA of the forest",
			    subj, thumb);
			dir_evidence(v, "%s", nt->dn);
			bad++;
		}
	}
	if (ncert == 0)
		dir_observe(v, "the NTAuth store is empty");
	dir_verdict(v, bad > 0 ? RP_ST_FAIL : RP_ST_PASS, NULL);
out:
	entries_free(&es);
	return 0;
}

const struct rp_evaluator rp_eval_ad_adcs_ntauth = {
	.name = "ad-adcs-ntauth",
	.kind = RP_KIND_AD,
	.needs_probe = 1,
	.nalso = 0,
	.doc = "certificates of the NTAuth store that are not those of an "
	    "enterprise CA of the forest; value: SHA-1 thumbprints of "
	    "documented third-party CAs",
	.evaluate = adcs_ntauth_evaluate,
};
