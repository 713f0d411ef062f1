/*
 * jump.h -- reach a target through a jump host (OpenSSH's ProxyJump): a
 * verified, authenticated session to the jump host, then for each TCP
 * connection to the target a "direct-tcpip" channel relayed by a thread to
 * one end of a socketpair, whose other end the target's own SSH session
 * uses as its socket. The target's host key is checked end to end, as if
 * connected directly; the jump host only sees encrypted bytes.
 *
 * Only collect/ssh.c uses this.
 */
#ifndef RP_JUMP_H
#define RP_JUMP_H

#include "core/model.h"

struct rp_inv_host;
struct rp_ssh_conf;
struct rp_jump;

/*
 * Log in to target->jump_host ("[user@]host[:port]"; the user defaults to
 * the target's, the key and passphrase file are the target's). On failure
 * *st is the status the target gets.
 */
int	rp_jump_open(const struct rp_ssh_conf *c,
	    const struct rp_inv_host *target, long long deadline,
	    struct rp_jump **out, enum rp_tstatus *st, char **cause);
/*
 * A new forwarded connection to host:port; *fd is the caller's socket (the
 * caller closes it). An earlier connection of j is torn down first.
 */
int	rp_jump_connect(struct rp_jump *j, const char *host, int port,
	    long long deadline, int *fd, char **cause);
/* After the caller has finished with its socket. */
void	rp_jump_close(struct rp_jump *j);

#endif
