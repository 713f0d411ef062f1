/*
 * host.h -- audit one target: one SSH session, one script, every needed
 * probe; each probe's output is written to the bundle as soon as its
 * section ends.
 *
 * Elevation (ansible_become): root probes run through "sudo -n /bin/sh -c".
 * The script first tests "sudo -n /bin/sh -c 'exec /bin/true'"; when sudo
 * wants a password the root probes are not run (ERROR "sudo needs a
 * password", target partial): no password is ever sent. When sudo wants a
 * tty (Defaults requiretty) the root probes are run again on a second
 * channel with a raw pty (no echo, no output mapping), their output going
 * through a pipe so that sudo's use_pty cannot alter it.
 */
#ifndef RP_HOST_H
#define RP_HOST_H

#include <stddef.h>

#include "content/content.h"

struct rp_bundle_writer;
struct rp_inv_host;
struct rp_probe;
struct rp_ssh_conf;
struct rp_target_ev;

struct rp_host_ctx {
	const struct rp_ssh_conf	*ssh;
	struct rp_bundle_writer		*w;
	/* the probes of the baselines by type (RP_PROBE_*), any kind: each
	 * transport (host.c) runs those of its type and the target's kind */
	const struct rp_probe *const	*probes[RP_PROBE__COUNT];
	size_t				 nprobes[RP_PROBE__COUNT];
	int				 insecure_tls;	/* --insecure-tls */
	int				 deep;		/* --deep: RP_DEEP=1 in probes */
	long				 timeout_ms;	/* run, from the login */
	int				 timeout_derived; /* not --timeout */
	size_t				 probe_cap;	/* default per probe */
	size_t				 host_cap;
	int				 insecure_plain_bind;
	size_t				 ldap_probe_cap;	/* 0: default */
	size_t				 ldap_target_cap;	/* 0: default */
};

/*
 * Fill t (release it with rp_target_release) for target h; never fails:
 * what went wrong is in t->status and t->error.
 */
void	rp_host_collect(const struct rp_host_ctx *c,
	    const struct rp_inv_host *h, struct rp_target_ev *t);

#endif
