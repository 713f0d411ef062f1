/*
 * authkey.h -- the audit key read once per run: an unencrypted OpenSSH
 * ed25519 private key decoded once and used to sign each host's login
 * (libssh2_userauth_publickey's sign callback), instead of libssh2 reading
 * and decoding the file again for every host (after the key exchange, the
 * largest part of a login's client CPU). Any other key (a passphrase,
 * another type, PEM) is not handled here: the caller leaves it to
 * libssh2_userauth_publickey_fromfile as before.
 */
#ifndef RP_COLLECT_AUTHKEY_H
#define RP_COLLECT_AUTHKEY_H

#include <stddef.h>

struct rp_authkey;

/* The largest private key file read (an ed25519 one is about 400 bytes). */
#define RP_AUTHKEY_MAX_FILE	(64u * 1024)

/*
 * Decode the private key file text (len bytes): 0 with *out (owned), or -1
 * when it is not an unencrypted OpenSSH ed25519 key whose public half
 * matches its private half (nothing allocated).
 */
int	rp_authkey_parse(const char *text, size_t len, struct rp_authkey **out);
/* The public key blob ("ssh-ed25519", 32 bytes), as the server sees it. */
const unsigned char *rp_authkey_blob(const struct rp_authkey *k,
	    size_t *len);
/* Sign data: 0 with *sig (malloc'd, 64 bytes) and *siglen, or -1. */
int	rp_authkey_sign(const struct rp_authkey *k, const unsigned char *data,
	    size_t len, unsigned char **sig, size_t *siglen);
void	rp_authkey_free(struct rp_authkey *k);

/*
 * The key of path for this run, read on first use (0 with *out, borrowed
 * until rp_authkey_cache_clear), or -1: not handled (see above), or not
 * readable. Thread-safe.
 */
int	rp_authkey_get(const char *path, const struct rp_authkey **out);
void	rp_authkey_cache_clear(void);

#endif
