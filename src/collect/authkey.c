/*
 * authkey.c -- an unencrypted OpenSSH ed25519 private key, decoded once
 * per run, signing every host's login (see authkey.h).
 *
 * The file (PROTOCOL.key of OpenSSH):
 *   -----BEGIN OPENSSH PRIVATE KEY-----  base64  -----END OPENSSH PRIVATE KEY-----
 *   "openssh-key-v1\0" string cipher ("none") string kdf ("none")
 *   string kdfoptions ("") uint32 nkeys (1) string pubkey
 *   string private: uint32 check, uint32 check (equal),
 *     string "ssh-ed25519" string pk (32) string sk (64: seed, pk)
 *     string comment, padding 1, 2, 3...
 * Everything is bounded and checked; anything else is "not handled".
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "collect/authkey.h"
#include "core/base64.h"
#include "core/file.h"
#include "core/xmalloc.h"
#include "core/banned.h"

#define BEGIN_LINE	"-----BEGIN OPENSSH PRIVATE KEY-----"
#define END_LINE	"-----END OPENSSH PRIVATE KEY-----"
#define MAGIC		"openssh-key-v1"	/* and its NUL */
#define ED_TYPE		"ssh-ed25519"
#define ED_LEN		32
#define ED_SIGLEN	64

struct rp_authkey {
	EVP_PKEY	*pkey;
	unsigned char	 blob[4 + sizeof(ED_TYPE) - 1 + 4 + ED_LEN];
};

struct rd {
	const unsigned char	*p;
	size_t			 left;
};

static int
get_u32(struct rd *r, uint32_t *v)
{
	if (r->left < 4)
		return -1;
	*v = (uint32_t)r->p[0] << 24 | (uint32_t)r->p[1] << 16 |
	    (uint32_t)r->p[2] << 8 | r->p[3];
	r->p += 4;
	r->left -= 4;
	return 0;
}

static int
get_str(struct rd *r, const unsigned char **s, size_t *len)
{
	uint32_t n;

	if (get_u32(r, &n) != 0 || n > r->left)
		return -1;
	*s = r->p;
	*len = n;
	r->p += n;
	r->left -= n;
	return 0;
}

static int
str_is(struct rd *r, const char *want)
{
	const unsigned char *s;
	size_t n;

	return get_str(r, &s, &n) == 0 && n == strlen(want) &&
	    memcmp(s, want, n) == 0;
}

/* The ed25519 public key blob "ssh-ed25519" pk: 0 with pk, or -1. */
static int
ed_blob(const unsigned char *b, size_t len, const unsigned char **pk)
{
	struct rd r = { b, len };
	size_t n;

	if (!str_is(&r, ED_TYPE) || get_str(&r, pk, &n) != 0 || n != ED_LEN ||
	    r.left != 0)
		return -1;
	return 0;
}

/* The binary key between the armour lines: 0, or -1. */
static int
unarmour(const char *text, size_t len, unsigned char **bin, size_t *blen)
{
	const char *b, *e;
	size_t n;

	if (len < sizeof(BEGIN_LINE) || memcmp(text, BEGIN_LINE,
	    sizeof(BEGIN_LINE) - 1) != 0)
		return -1;
	b = text + sizeof(BEGIN_LINE) - 1;
	n = len - (size_t)(b - text);
	if ((e = memmem(b, n, END_LINE, sizeof(END_LINE) - 1)) == NULL)
		return -1;
	n = (size_t)(e - b);
	*bin = xmalloc(n / 4 * 3 + 3);
	if (rp_base64_decode(b, n, *bin, blen) != 0) {
		free(*bin);
		*bin = NULL;
		return -1;
	}
	return 0;
}

static int
decode(const unsigned char *bin, size_t blen, struct rp_authkey **out)
{
	struct rd r = { bin, blen }, priv;
	const unsigned char *pub, *pk, *ppk, *sk, *s;
	unsigned char raw[ED_LEN];
	size_t n, pklen, sklen, rawlen = sizeof(raw), i;
	uint32_t nkeys, c1, c2;
	struct rp_authkey *k;
	EVP_PKEY *pkey;

	if (blen < sizeof(MAGIC) || memcmp(bin, MAGIC, sizeof(MAGIC)) != 0)
		return -1;
	r.p += sizeof(MAGIC);
	r.left -= sizeof(MAGIC);
	/* no passphrase: cipher and kdf "none", no kdf options */
	if (!str_is(&r, "none") || !str_is(&r, "none") || !str_is(&r, "") ||
	    get_u32(&r, &nkeys) != 0 || nkeys != 1 ||
	    get_str(&r, &pub, &n) != 0 || ed_blob(pub, n, &pk) != 0 ||
	    get_str(&r, &priv.p, &priv.left) != 0 || r.left != 0)
		return -1;
	if (get_u32(&priv, &c1) != 0 || get_u32(&priv, &c2) != 0 || c1 != c2 ||
	    !str_is(&priv, ED_TYPE) ||
	    get_str(&priv, &ppk, &pklen) != 0 || pklen != ED_LEN ||
	    get_str(&priv, &sk, &sklen) != 0 || sklen != 2 * ED_LEN ||
	    memcmp(ppk, pk, ED_LEN) != 0 || memcmp(sk + ED_LEN, pk, ED_LEN) != 0 ||
	    get_str(&priv, &s, &n) != 0)
		return -1;
	/* the padding: 1, 2, 3... up to the cipher's block size */
	for (i = 0; i < priv.left; i++)
		if (priv.p[i] != (unsigned char)(i + 1))
			return -1;
	if ((pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, sk,
	    ED_LEN)) == NULL)
		return -1;
	/* the private half must give the public half the server knows */
	if (EVP_PKEY_get_raw_public_key(pkey, raw, &rawlen) != 1 ||
	    rawlen != ED_LEN || memcmp(raw, pk, ED_LEN) != 0) {
		EVP_PKEY_free(pkey);
		return -1;
	}
	k = xcalloc(1, sizeof(*k));
	k->pkey = pkey;
	memcpy(k->blob, pub, sizeof(k->blob));
	*out = k;
	return 0;
}

int
rp_authkey_parse(const char *text, size_t len, struct rp_authkey **out)
{
	unsigned char *bin = NULL;
	size_t blen = 0;
	int r;

	*out = NULL;
	if (unarmour(text, len, &bin, &blen) != 0)
		return -1;
	r = decode(bin, blen, out);
	OPENSSL_cleanse(bin, blen);
	free(bin);
	return r;
}

const unsigned char *
rp_authkey_blob(const struct rp_authkey *k, size_t *len)
{
	*len = sizeof(k->blob);
	return k->blob;
}

int
rp_authkey_sign(const struct rp_authkey *k, const unsigned char *data,
    size_t len, unsigned char **sig, size_t *siglen)
{
	EVP_MD_CTX *ctx;
	size_t n = ED_SIGLEN;
	int r = -1;

	*sig = NULL;
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return -1;
	/* malloc: libssh2 frees it with the session's free() */
	if ((*sig = malloc(ED_SIGLEN)) != NULL &&
	    EVP_DigestSignInit(ctx, NULL, NULL, NULL, k->pkey) == 1 &&
	    EVP_DigestSign(ctx, *sig, &n, data, len) == 1 && n == ED_SIGLEN)
		r = 0;
	EVP_MD_CTX_free(ctx);
	if (r != 0) {
		free(*sig);
		*sig = NULL;
	} else
		*siglen = n;
	return r;
}

void
rp_authkey_free(struct rp_authkey *k)
{
	if (k == NULL)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

/* ------------------------------------------------------------ cache */

struct slot {
	char			*path;
	struct rp_authkey	*key;	/* NULL: not handled */
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

/* The user's key file: a symbolic link to it is followed (as ssh.c's
 * checks of it do), a FIFO not waited on, at most RP_AUTHKEY_MAX_FILE. */
static char *
read_key(const char *path, size_t *len)
{
	char *text;
	ssize_t n;
	size_t got = 0;
	int fd;

	if ((fd = rp_file_open_st(path, RP_AUTHKEY_MAX_FILE, RP_FILE_FOLLOW,
	    NULL)) < 0)
		return NULL;
	text = xmalloc(RP_AUTHKEY_MAX_FILE);
	while (got < RP_AUTHKEY_MAX_FILE && (n = read(fd, text + got,
	    RP_AUTHKEY_MAX_FILE - got)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			/* what was read before the error is wiped too */
			OPENSSL_cleanse(text, got);
			got = 0;
			break;
		}
		got += (size_t)n;
	}
	close(fd);
	if (got == 0) {
		free(text);
		return NULL;
	}
	*len = got;
	return text;
}
static struct slot *cache;
static size_t ncache, acache;

int
rp_authkey_get(const char *path, const struct rp_authkey **out)
{
	struct rp_authkey *k = NULL;
	char *text;
	size_t i, len = 0;

	*out = NULL;
	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < ncache; i++)
		if (strcmp(cache[i].path, path) == 0)
			break;
	if (i == ncache) {
		if ((text = read_key(path, &len)) != NULL) {
			(void)rp_authkey_parse(text, len, &k);
			OPENSSL_cleanse(text, len);
			free(text);
		}
		XGROW(cache, acache, ncache);
		cache[ncache].path = xstrdup(path);
		cache[ncache++].key = k;
	}
	*out = cache[i].key;
	pthread_mutex_unlock(&cache_lock);
	return *out != NULL ? 0 : -1;
}

void
rp_authkey_cache_clear(void)
{
	size_t i;

	pthread_mutex_lock(&cache_lock);
	for (i = 0; i < ncache; i++) {
		free(cache[i].path);
		rp_authkey_free(cache[i].key);
	}
	free(cache);
	cache = NULL;
	ncache = acache = 0;
	pthread_mutex_unlock(&cache_lock);
}
