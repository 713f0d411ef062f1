/*
 * hostkey.c -- known_hosts checks with libssh2_knownhost_checkp, done
 * before any authentication.
 *
 * The file is read line by line rather than with knownhost_readfile, which
 * gives up on the first line it does not understand (sk-* keys, @markers):
 * such lines are skipped, except "@revoked" ones: a key listed there is
 * refused for every host, before anything else (whatever the line's host
 * pattern: stricter than OpenSSH, never weaker), and never recorded by
 * --accept-new. An "@revoked" line whose key cannot be decoded refuses
 * the whole file: a revocation is never ignored. The key type is part of every check, so a host
 * known with an ed25519 key is not "mismatched" by its ECDSA key: the caller
 * then asks the server for another key type (RP_HK_OTHER_TYPE).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "collect/hostkey.h"
#include "core/base64.h"
#include "core/err.h"
#include "core/file.h"
#include "core/log.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "core/banned.h"

#define KH_LINE_MAX	16384
#define KH_REVOKED_MAX	4096

/* The raw key blobs of the file's @revoked lines. */
struct kh_revoked {
	unsigned char	**blob;
	size_t		 *len;
	size_t		  n, cap, cap2;
};

const char *
rp_hostkey_type_name(int type)
{
	switch (type) {
	case LIBSSH2_HOSTKEY_TYPE_RSA:
		return "ssh-rsa";
	case LIBSSH2_HOSTKEY_TYPE_DSS:
		return "ssh-dss";
	case LIBSSH2_HOSTKEY_TYPE_ECDSA_256:
		return "ecdsa-sha2-nistp256";
	case LIBSSH2_HOSTKEY_TYPE_ECDSA_384:
		return "ecdsa-sha2-nistp384";
	case LIBSSH2_HOSTKEY_TYPE_ECDSA_521:
		return "ecdsa-sha2-nistp521";
	case LIBSSH2_HOSTKEY_TYPE_ED25519:
		return "ssh-ed25519";
	default:
		return "unknown";
	}
}

static int
kh_keybits(int type)
{
	switch (type) {
	case LIBSSH2_HOSTKEY_TYPE_RSA:
		return LIBSSH2_KNOWNHOST_KEY_SSHRSA;
	case LIBSSH2_HOSTKEY_TYPE_DSS:
		return LIBSSH2_KNOWNHOST_KEY_SSHDSS;
	case LIBSSH2_HOSTKEY_TYPE_ECDSA_256:
		return LIBSSH2_KNOWNHOST_KEY_ECDSA_256;
	case LIBSSH2_HOSTKEY_TYPE_ECDSA_384:
		return LIBSSH2_KNOWNHOST_KEY_ECDSA_384;
	case LIBSSH2_HOSTKEY_TYPE_ECDSA_521:
		return LIBSSH2_KNOWNHOST_KEY_ECDSA_521;
	case LIBSSH2_HOSTKEY_TYPE_ED25519:
		return LIBSSH2_KNOWNHOST_KEY_ED25519;
	default:
		return LIBSSH2_KNOWNHOST_KEY_UNKNOWN;
	}
}

/* "SHA256:<base64 without padding>" of a raw key blob, as OpenSSH. */
static char *
fingerprint(const unsigned char *blob, size_t len)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char *b64, *fp;

	if (EVP_Digest(blob, len, md, &mdlen, EVP_sha256(), NULL) != 1)
		return xstrdup("SHA256:?");
	b64 = rp_base64_encode(md, mdlen);
	b64[strcspn(b64, "=")] = '\0';	/* OpenSSH: no padding */
	fp = xasprintf("SHA256:%s", b64);
	free(b64);
	return fp;
}

/* Fingerprint of a known_hosts entry's base64 key. */
static char *
fingerprint_b64(const char *key)
{
	size_t klen = strlen(key);
	unsigned char *raw;
	char *fp;
	size_t n;

	if (klen == 0 || klen > 65536 || klen % 4 != 0)
		return xstrdup("SHA256:?");
	raw = xmalloc(klen / 4 * 3 + 3);
	fp = rp_base64_decode(key, klen, raw, &n) != 0 ?
	    xstrdup("SHA256:?") : fingerprint(raw, n);
	free(raw);
	return fp;
}

static void
revoked_free(struct kh_revoked *rv)
{
	size_t i;

	for (i = 0; i < rv->n; i++)
		free(rv->blob[i]);
	free(rv->blob);
	free(rv->len);
	memset(rv, 0, sizeof(*rv));
}

/*
 * "@revoked PATTERNS TYPE BASE64 [comment]": keep the decoded key. 0, or
 * RP_ERR_INVALID when the key cannot be read.
 */
static int
revoked_add(struct kh_revoked *rv, char *line, const char *file, int lineno,
    char **cause)
{
	char *save = NULL, *f[4], *key;
	unsigned char *raw;
	size_t klen, i, n;

	save = line;
	for (i = 0; i < 4; i++)
		f[i] = rp_next_token(&save, " \t");
	key = f[3];
	klen = key ? strlen(key) : 0;
	if (klen == 0 || klen > KH_LINE_MAX || klen % 4 != 0 ||
	    rv->n >= KH_REVOKED_MAX)
		return rp_fail(cause, RP_ERR_INVALID, "%s:%d: an @revoked line "
		    "rempart cannot read (expected '@revoked HOSTS TYPE KEY'): "
		    "refusing every host rather than ignore a revocation",
		    file, lineno);
	raw = xmalloc(klen / 4 * 3 + 3);
	if (rp_base64_decode(key, klen, raw, &n) != 0 || n == 0) {
		free(raw);
		return rp_fail(cause, RP_ERR_INVALID, "%s:%d: the key of an "
		    "@revoked line is not base64: refusing every host rather "
		    "than ignore a revocation", file, lineno);
	}
	XGROW(rv->blob, rv->cap, rv->n);
	XGROW(rv->len, rv->cap2, rv->n);
	rv->blob[rv->n] = raw;
	rv->len[rv->n++] = n;
	return 0;
}

static int
is_revoked(const struct kh_revoked *rv, const char *key, size_t klen)
{
	size_t i;

	for (i = 0; i < rv->n; i++)
		if (rv->len[i] == klen && memcmp(rv->blob[i], key, klen) == 0)
			return 1;
	return 0;
}

/* Load every line libssh2 understands and the @revoked keys; returns how
 * many were skipped. */
static int
kh_load(LIBSSH2_KNOWNHOSTS *kh, const char *file, struct kh_revoked *rv,
    int *skipped, char **cause)
{
	int lineno = 0, r = 0, fd;
	char *line = NULL, *l;
	size_t cap = 0, len;
	ssize_t n;
	FILE *f;

	*skipped = 0;
	/* the user's file (a symbolic link is followed); a FIFO does not
	 * hang the open, only a regular file is read */
	if ((fd = rp_file_open_st(file, SIZE_MAX, RP_FILE_FOLLOW, NULL)) ==
	    RP_ERR_NOT_FOUND)
		return 0;
	if (fd == RP_ERR_IO)
		return rp_fail(cause, RP_ERR_IO, "cannot read known_hosts "
		    "'%s': %s", file, strerror(errno));
	if (fd < 0 || (f = fdopen(fd, "r")) == NULL) {
		if (fd >= 0)
			close(fd);
		return rp_fail(cause, RP_ERR_IO, "cannot read known_hosts "
		    "'%s': not a regular file", file);
	}
	while ((n = getline(&line, &cap, f)) != -1) {
		lineno++;
		len = (size_t)n;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		/* leading blanks are skipped, as OpenSSH does before a marker */
		l = line + strspn(line, " \t");
		if (*l == '#' || *l == '\0')
			continue;
		if (strncmp(l, "@revoked", 8) == 0 && (l[8] == ' ' ||
		    l[8] == '\t')) {
			if ((r = revoked_add(rv, l, file, lineno,
			    cause)) != 0)
				break;
			continue;
		}
		if (*l == '@' || len > KH_LINE_MAX ||
		    libssh2_knownhost_readline(kh, line, len,
		    LIBSSH2_KNOWNHOST_FILE_OPENSSH) != 0)
			(*skipped)++;
	}
	free(line);
	fclose(f);
	return r;
}

/* One name: MATCH, MISMATCH (*known = entry's fingerprint), OTHER_TYPE or
 * UNKNOWN. */
static enum rp_hk_result
kh_check_name(LIBSSH2_KNOWNHOSTS *kh, const char *name, int port,
    const char *key, size_t klen, int type, char **known)
{
	struct libssh2_knownhost *ext = NULL;
	int base = LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW;
	int r;

	r = libssh2_knownhost_checkp(kh, name, port, key, klen,
	    base | kh_keybits(type), &ext);
	if (r == LIBSSH2_KNOWNHOST_CHECK_MATCH)
		return RP_HK_MATCH;
	if (r == LIBSSH2_KNOWNHOST_CHECK_MISMATCH) {
		if (*known == NULL && ext != NULL && ext->key != NULL)
			*known = fingerprint_b64(ext->key);
		return RP_HK_MISMATCH;
	}
	/* any entry for this name, whatever its type? */
	r = libssh2_knownhost_checkp(kh, name, port, key, klen, base, &ext);
	if (r == LIBSSH2_KNOWNHOST_CHECK_MATCH ||
	    r == LIBSSH2_KNOWNHOST_CHECK_MISMATCH)
		return RP_HK_OTHER_TYPE;
	return RP_HK_UNKNOWN;
}

static int
kh_append(const char *file, const char *line, size_t len, char **cause)
{
	char *dup = xstrdup(file), last = '\n';
	struct stat st;
	int fd, r = 0;

	if (access(dirname(dup), F_OK) != 0)
		(void)mkdir(dirname(dup), 0700);	/* ~/.ssh */
	free(dup);
	if ((fd = open(file, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC,
	    0600)) < 0)
		return rp_fail(cause, RP_ERR_IO, "cannot record the host key "
		    "in '%s': %s", file, strerror(errno));
	if (fstat(fd, &st) == 0 && st.st_size > 0 &&
	    pread(fd, &last, 1, st.st_size - 1) != 1)
		last = '\n';
	if ((last != '\n' && write(fd, "\n", 1) != 1) ||
	    write(fd, line, len) != (ssize_t)len)
		r = rp_fail(cause, RP_ERR_IO, "cannot record the host key in "
		    "'%s': %s", file, strerror(errno));
	if (close(fd) != 0 && r == 0)
		r = rp_fail(cause, RP_ERR_IO, "cannot record the host key in "
		    "'%s': %s", file, strerror(errno));
	return r;
}

/* TOFU: add "[addr]:port" (or "addr") with this key to the file. */
static int
kh_add(LIBSSH2_KNOWNHOSTS *kh, const struct rp_hk_check *c, const char *key,
    size_t klen, int type, char **cause)
{
	struct libssh2_knownhost *store = NULL;
	char *host, line[KH_LINE_MAX];
	size_t outlen = 0;
	int r;

	host = c->port == 22 ? xstrdup(c->names[0]) :
	    xasprintf("[%s]:%d", c->names[0], c->port);
	r = libssh2_knownhost_addc(kh, host, NULL, key, klen, NULL, 0,
	    LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW |
	    kh_keybits(type), &store);
	free(host);
	if (r != 0 || libssh2_knownhost_writeline(kh, store, line,
	    sizeof(line), &outlen, LIBSSH2_KNOWNHOST_FILE_OPENSSH) != 0)
		return rp_fail(cause, RP_ERR_INVALID, "cannot format a "
		    "known_hosts line for '%s'", c->names[0]);
	pthread_mutex_lock(c->lock);
	r = kh_append(c->file, line, outlen, cause);
	pthread_mutex_unlock(c->lock);
	return r;
}

static enum rp_hk_result
kh_check_all(LIBSSH2_KNOWNHOSTS *kh, const struct rp_hk_check *c,
    const char *key, size_t klen, int type, char **known)
{
	enum rp_hk_result best = RP_HK_UNKNOWN, r;
	size_t i;

	for (i = 0; i < 2; i++) {
		if (c->names[i] == NULL || (i == 1 && c->names[0] != NULL &&
		    strcmp(c->names[1], c->names[0]) == 0))
			continue;
		r = kh_check_name(kh, c->names[i], c->port, key, klen, type,
		    known);
		if (r == RP_HK_MATCH)
			return r;
		if (r == RP_HK_MISMATCH || (r == RP_HK_OTHER_TYPE &&
		    best == RP_HK_UNKNOWN))
			best = r;
	}
	return best;
}

static int
explain(const struct rp_hk_check *c, enum rp_hk_result res, const char *fp,
    const char *known, char **cause)
{
	switch (res) {
	case RP_HK_MISMATCH:
		return rp_fail(cause, RP_ERR_HOSTKEY, "host key mismatch for "
		    "'%s' port %d: the server presents %s but '%s' has %s: "
		    "the host was reinstalled or someone is intercepting; "
		    "check the new key out of band before replacing the "
		    "entry (nothing was sent to the host)", c->names[0],
		    c->port, fp, c->file, known ? known : "another key");
	case RP_HK_OTHER_TYPE:
		return rp_fail(cause, RP_ERR_HOSTKEY, "host key mismatch for "
		    "'%s' port %d: '%s' knows it only with key types the "
		    "server does not offer (it presents %s); check the key "
		    "out of band", c->names[0], c->port, c->file, fp);
	case RP_HK_UNKNOWN:
		return rp_fail(cause, RP_ERR_HOSTKEY, "unknown host key for "
		    "'%s' port %d: %s is not in '%s'; check it out of band, "
		    "then run again with --accept-new (or add it with "
		    "ssh-keyscan)", c->names[0], c->port, fp, c->file);
	default:
		return 0;
	}
}

int
rp_hostkey_verify(LIBSSH2_SESSION *s, const struct rp_hk_check *c,
    enum rp_hk_result *res, char **fp, char **cause)
{
	LIBSSH2_KNOWNHOSTS *kh;
	struct kh_revoked rv;
	const char *key;
	char *known = NULL, *sum;
	size_t klen = 0;
	int type = 0, skipped = 0, r;

	*fp = NULL;
	*res = RP_HK_UNKNOWN;
	if ((key = libssh2_session_hostkey(s, &klen, &type)) == NULL)
		return rp_fail(cause, RP_ERR_PROTO, "no host key from the "
		    "server");
	sum = fingerprint((const unsigned char *)key, klen);
	*fp = xasprintf("%s %s", rp_hostkey_type_name(type), sum);
	free(sum);
	if ((kh = libssh2_knownhost_init(s)) == NULL)
		return rp_fail(cause, RP_ERR_NOMEM, "libssh2_knownhost_init");
	memset(&rv, 0, sizeof(rv));
	if ((r = kh_load(kh, c->file, &rv, &skipped, cause)) != 0) {
		if (r == RP_ERR_INVALID)	/* an unreadable @revoked line */
			*res = RP_HK_REVOKED;
		goto out;
	}
	if (is_revoked(&rv, key, klen)) {
		*res = RP_HK_REVOKED;
		r = rp_fail(cause, RP_ERR_HOSTKEY, "REVOKED host key for '%s' "
		    "port %d: %s is marked @revoked in '%s': the key is known "
		    "to be compromised; nothing was sent to the host, and "
		    "the key is never recorded", c->names[0], c->port, *fp,
		    c->file);
		goto out;
	}
	if (skipped > 0) {
		flockfile(stderr);
		rp_debug("'%s': %d lines not understood (markers or key "
		    "types libssh2 lacks) skipped", c->file, skipped);
		funlockfile(stderr);
	}
	*res = kh_check_all(kh, c, key, klen, type, &known);
	if (*res == RP_HK_UNKNOWN && c->accept_new) {
		if ((r = kh_add(kh, c, key, klen, type, cause)) != 0)
			goto out;
		*res = RP_HK_ADDED;
		flockfile(stderr);
		rp_warn("'%s' port %d: unknown host key %s accepted and "
		    "recorded in '%s' (--accept-new)", c->names[0], c->port,
		    *fp, c->file);
		funlockfile(stderr);
	}
	r = explain(c, *res, *fp, known, cause);
out:
	revoked_free(&rv);
	free(known);
	libssh2_knownhost_free(kh);
	return r;
}
