/*
 * Unit tests: the audit key decoded once per run (collect/authkey.c).
 * Keys are made by ssh-keygen; a signature is checked with the public key
 * of the .pub file, as the server checks it.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <openssl/evp.h>

#include "collect/authkey.h"
#include "core/base64.h"
#include "core/err.h"
#include "core/file.h"
#include "core/xmalloc.h"

static char dir[] = "/tmp/rempart-authkey.XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int r;

	(void)state;
	rp_authkey_cache_clear();
	r = system(cmd);
	free(cmd);
	return r == 0 ? 0 : -1;
}

/* ssh-keygen -t TYPE -N PASS -f DIR/NAME; the path (owned). */
static char *
keygen(const char *name, const char *type, const char *pass)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *cmd = xasprintf("ssh-keygen -q -t %s -N '%s' -C test -f '%s' "
	    "> /dev/null 2>&1", type, pass, path);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	return path;
}

static char *
slurp(const char *path, size_t *len)
{
	char *cause = NULL;
	char **data = xcalloc(1, sizeof(*data)), *text;

	assert_int_equal(rp_file_read(path, 1 << 20, data, len, &cause), 0);
	text = *data;
	free(data);
	return text;
}

/* The blob of the .pub line ("ssh-ed25519 BASE64 comment"). */
static unsigned char *
pub_blob(const char *key, size_t *len)
{
	char *pub = xasprintf("%s.pub", key), *text, *b, *e;
	unsigned char *out;
	size_t n;

	text = slurp(pub, &n);
	b = strchr(text, ' ');
	assert_non_null(b);
	b++;
	e = strchr(b, ' ');
	assert_non_null(e);
	out = xmalloc((size_t)(e - b) / 4 * 3 + 3);
	assert_int_equal(rp_base64_decode(b, (size_t)(e - b), out, len), 0);
	free(text);
	free(pub);
	return out;
}

static void
ed25519_signs(void **state)
{
	static const unsigned char msg[] = "session id and userauth request";
	char *key = keygen("ed", "ed25519", ""), *text;
	struct rp_authkey *k = NULL;
	const unsigned char *blob, *pk;
	unsigned char *want, *sig = NULL;
	size_t len, blen, wlen, siglen = 0;
	EVP_PKEY *pub;
	EVP_MD_CTX *ctx;

	(void)state;
	text = slurp(key, &len);
	assert_int_equal(rp_authkey_parse(text, len, &k), 0);
	blob = rp_authkey_blob(k, &blen);
	want = pub_blob(key, &wlen);
	assert_int_equal(blen, wlen);
	assert_memory_equal(blob, want, blen);
	assert_int_equal(rp_authkey_sign(k, msg, sizeof(msg), &sig, &siglen), 0);
	assert_int_equal(siglen, 64);
	/* the server's check: the public key of the blob's last 32 bytes */
	pk = want + wlen - 32;
	pub = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pk, 32);
	assert_non_null(pub);
	ctx = EVP_MD_CTX_new();
	assert_int_equal(EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, pub), 1);
	assert_int_equal(EVP_DigestVerify(ctx, sig, siglen, msg, sizeof(msg)),
	    1);
	EVP_MD_CTX_free(ctx);
	/* another message: the same signature does not verify */
	ctx = EVP_MD_CTX_new();
	assert_int_equal(EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, pub), 1);
	assert_int_not_equal(EVP_DigestVerify(ctx, sig, siglen, msg,
	    sizeof(msg) - 2), 1);
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(pub);
	free(sig);
	free(want);
	free(text);
	rp_authkey_free(k);
	free(key);
}

/* Not handled here (left to libssh2): a passphrase, RSA, cut, altered. */
static void
others_not_handled(void **state)
{
	char *ed = keygen("ed2", "ed25519", ""), *pp = keygen("edpp",
	    "ed25519", "a passphrase"), *rsa = keygen("rsa", "rsa", "");
	char *text, *copy, *b;
	struct rp_authkey *k = NULL;
	size_t len;

	(void)state;
	text = slurp(pp, &len);
	assert_int_equal(rp_authkey_parse(text, len, &k), -1);
	assert_null(k);
	free(text);
	text = slurp(rsa, &len);
	assert_int_equal(rp_authkey_parse(text, len, &k), -1);
	free(text);
	text = slurp(ed, &len);
	/* cut anywhere before the end line */
	assert_int_equal(rp_authkey_parse(text, len / 2, &k), -1);
	assert_int_equal(rp_authkey_parse(text, 40, &k), -1);
	assert_int_equal(rp_authkey_parse(text, 0, &k), -1);
	/* one base64 digit changed in the middle (the private section) */
	copy = xstrdup(text);
	b = copy + len / 2;
	while (*b == '\n')
		b++;
	*b = *b == 'A' ? 'B' : 'A';
	assert_int_equal(rp_authkey_parse(copy, len, &k), -1);
	assert_null(k);
	free(copy);
	/* not base64 between the lines */
	copy = xstrdup(text);
	copy[strlen("-----BEGIN OPENSSH PRIVATE KEY-----\n") + 3] = '*';
	assert_int_equal(rp_authkey_parse(copy, len, &k), -1);
	free(copy);
	free(text);
	free(ed);
	free(pp);
	free(rsa);
}

/* Read once per path; a path that is not a handled key: -1, each time. */
static void
cache(void **state)
{
	char *ed = keygen("ed3", "ed25519", ""), *rsa = keygen("rsa3", "rsa",
	    ""), *none = xasprintf("%s/absent", dir);
	const struct rp_authkey *a = NULL, *b = NULL;

	(void)state;
	assert_int_equal(rp_authkey_get(ed, &a), 0);
	assert_non_null(a);
	/* the file gone: the key of this run is still the one read */
	assert_int_equal(unlink(ed), 0);
	assert_int_equal(rp_authkey_get(ed, &b), 0);
	assert_ptr_equal(a, b);
	assert_int_equal(rp_authkey_get(rsa, &b), -1);
	assert_null(b);
	assert_int_equal(rp_authkey_get(rsa, &b), -1);
	assert_int_equal(rp_authkey_get(none, &b), -1);
	rp_authkey_cache_clear();
	assert_int_equal(rp_authkey_get(ed, &b), -1);
	free(ed);
	free(rsa);
	free(none);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ed25519_signs),
		cmocka_unit_test(others_not_handled),
		cmocka_unit_test(cache),
	};

	return cmocka_run_group_tests_name("authkey", tests, setup, teardown);
}
