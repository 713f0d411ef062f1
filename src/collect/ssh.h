/*
 * ssh.h -- one verified, authenticated SSH session to a Linux target
 * (libssh2), and the running of one script on it.
 *
 * The host key is checked against known_hosts before any authentication:
 * no password or key signature ever reaches an unverified host. Every
 * blocking step is bounded by the caller's deadline.
 *
 * Call libssh2_init() once (rp_ssh_global_init) before any thread uses
 * this; sessions are per thread.
 */
#ifndef RP_SSH_H
#define RP_SSH_H

#include <pthread.h>
#include <signal.h>
#include <stddef.h>

#include "core/model.h"

struct rp_inv_host;
struct rp_ssh;

struct rp_ssh_conf {
	const char		*known_hosts;
	int			 accept_new;	/* TOFU: record unknown keys */
	pthread_mutex_t		*kh_lock;	/* serialises known_hosts writes */
	long			 connect_ms;	/* TCP connect + kex + auth */
	const char		*default_user;
	const char		*default_key;
	volatile sig_atomic_t	*stop;		/* set on SIGINT/SIGTERM */
	int			 stop_fd;	/* readable once stop is set; -1 */
};

/* What the connection learned; owned strings, see rp_ssh_info_release. */
struct rp_ssh_info {
	enum rp_tstatus	 status;	/* why rp_ssh_open failed */
	char		*hostkey;	/* "TYPE SHA256:..." */
	char		*banner;	/* the server's version string */
	const char	*auth;		/* method that worked (static) */
	long		 ms_connect, ms_kex, ms_auth;
};

int	rp_ssh_global_init(char **cause);
void	rp_ssh_global_exit(void);

/* Monotonic milliseconds. */
long long rp_now_ms(void);

/*
 * Connect (through h->jump_host when set), verify the host key,
 * authenticate. On failure info->status says which RP_TS_* the target gets
 * and *cause the message for its error.
 */
int	rp_ssh_open(const struct rp_ssh_conf *c, const struct rp_inv_host *h,
	    long long deadline, struct rp_ssh **out, struct rp_ssh_info *info,
	    char **cause);
void	rp_ssh_close(struct rp_ssh *s);
void	rp_ssh_info_release(struct rp_ssh_info *info);

/* The user the session logged in as (borrowed). */
const char *rp_ssh_user(const struct rp_ssh *s);

/* For collect/jump.c: the libssh2 session and its socket (borrowed). */
struct _LIBSSH2_SESSION *rp_ssh_session(struct rp_ssh *s);
int	rp_ssh_fd(const struct rp_ssh *s);

/* Output sink: return non-zero to stop reading (the script is done). */
typedef int (*rp_ssh_sink)(void *arg, const char *buf, size_t len);

/*
 * Run command on a new channel (with a raw pty when pty is set: no echo,
 * no line editing, no output processing), write input to its stdin while
 * reading its stdout into sink, until end of file, the sink says stop,
 * the deadline (RP_ERR_TIMEOUT) or a stop request (RP_ERR_INTERRUPTED).
 * stderr is discarded.
 */
int	rp_ssh_run(struct rp_ssh *s, const char *command, int pty,
	    const char *input, size_t inlen, rp_ssh_sink sink, void *arg,
	    long long deadline, char **cause);

#endif
