/*
 * hostkey.h -- the server's host key against an OpenSSH known_hosts file
 * (plain, "[host]:port" and hashed entries; a key on an @revoked line is
 * refused for every host; @cert-authority lines are not understood and
 * are skipped, with a note at -v).
 *
 * Only collect/ssh.c uses this: it needs the libssh2 session.
 */
#ifndef RP_HOSTKEY_H
#define RP_HOSTKEY_H

#include <libssh2.h>
#include <pthread.h>

enum rp_hk_result {
	RP_HK_MATCH,		/* a known_hosts entry has this very key */
	RP_HK_MISMATCH,		/* the host is known with another key */
	RP_HK_OTHER_TYPE,	/* known, but only with other key types */
	RP_HK_UNKNOWN,		/* not in known_hosts */
	RP_HK_ADDED,		/* was unknown; recorded (accept_new) */
	RP_HK_REVOKED,		/* marked @revoked (or the file has an
				   @revoked line that cannot be read) */
};

struct rp_hk_check {
	const char	*file;		/* known_hosts */
	const char	*names[2];	/* address, alias (may be NULL) */
	int		 port;
	int		 accept_new;
	pthread_mutex_t	*lock;		/* for appending to file */
};

/*
 * Check the session's host key. *fp gets "TYPE SHA256:..." (owned) in every
 * case where the key could be read; *cause explains anything but a match.
 */
int	rp_hostkey_verify(LIBSSH2_SESSION *s, const struct rp_hk_check *c,
	    enum rp_hk_result *res, char **fp, char **cause);

/* OpenSSH's name of a key type: "ssh-ed25519", ... */
const char *rp_hostkey_type_name(int type);

#endif
