/*
 * collect.h -- collect evidence from many targets in parallel into a new
 * evidence bundle.
 *
 * The baselines say which probes are needed (every distinct Linux probe
 * read by a selected check); the inventory says where to run them. Each
 * Linux host gets one SSH session and one script (collect/script.h); its
 * probes and target.json are written as soon as it ends, so an interrupted
 * run keeps every finished host. One bad host never stops the sweep.
 */
#ifndef RP_COLLECT_H
#define RP_COLLECT_H

#include <stddef.h>

struct rp_content;

#define RP_COLLECT_JOBS		16
#define RP_COLLECT_TIMEOUT	120			/* s, least run limit */
#define RP_COLLECT_PROBE_S	10	/* s per probe: the default run limit */
#define RP_COLLECT_DEEP_TIMEOUT	1800		/* s, least run limit with --deep */
#define RP_COLLECT_CONNECT	10			/* s, TCP + kex + auth */
#define RP_COLLECT_PROBE_CAP	(8u * 1024 * 1024)	/* per probe */
#define RP_COLLECT_HOST_CAP	(64u * 1024 * 1024)	/* per host */

struct rp_collect_summary {
	size_t	targets;	/* in the bundle */
	size_t	ok;
	size_t	partial;
	size_t	failed;		/* unreachable, auth, host key, error */
	size_t	skipped;	/* of a kind no baseline audits */
	int	interrupted;	/* SIGINT/SIGTERM: the bundle is partial */
};

struct rp_collect_opts {
	const char	*inventory;	/* -i FILE, or */
	const char	*target;	/* -t [user@]host[:port] */
	const char	*limit;		/* --limit PATTERN or NULL */
	const char	*shard;		/* --shard K/N or NULL */
	int		 list_hosts;	/* print the selected targets, collect
					 * nothing (--list-hosts) */
	char *const	*baselines;	/* ids or XML files */
	size_t		 nbaselines;
	const char	*output;	/* new evidence directory */
	const char	*datadir;	/* checks/ directory */
	struct rp_content *content;	/* loaded by the caller (borrowed);
					   NULL: loaded from datadir */
	const char	*known_hosts;	/* NULL: ~/.ssh/known_hosts */
	int		 accept_new;	/* TOFU for unknown host keys */
	int		 insecure_tls;	/* LDAP: do not verify certificates */
	int		 jobs;		/* 0: RP_COLLECT_JOBS */
	int		 timeout;	/* s, a host's run after its login; 0:
					 * RP_COLLECT_PROBE_S per probe, at
					 * least RP_COLLECT_TIMEOUT */
	int		 connect_timeout; /* s; 0: RP_COLLECT_CONNECT */
	const char	*user;		/* when the inventory has none;
					   NULL: the local user */
	const char	*key_file;	/* when the inventory has none */
	int		 become;	/* -t: elevate root probes (sudo -n) */
	int		 deep;		/* also the probes marked deep */
	size_t		 probe_cap;	/* 0: RP_COLLECT_PROBE_CAP */
	size_t		 host_cap;	/* 0: RP_COLLECT_HOST_CAP */
	int		 insecure_plain_bind; /* LDAP: a password may go
					    over ldap:// in clear (loud) */
	size_t		 ldap_probe_cap;   /* bytes; 0: RP_LDAP_PROBE_CAP */
	size_t		 ldap_target_cap;  /* bytes; 0: RP_LDAP_TARGET_CAP */
	struct rp_collect_summary *summary;	/* out; may be NULL */
};

/*
 * Run the collection. Returns 0 when a bundle was written (even if some
 * targets failed or the run was interrupted: see the summary), or an
 * RP_ERR_* when nothing could start (bad inventory, baseline, directory).
 */
int	rp_collect(const struct rp_collect_opts *o, char **cause);

struct rp_content;
struct rp_probe;
/*
 * The probes the baselines need, as collect runs them: every distinct probe
 * read by a selected check (and by its evaluator), sorted by id; command
 * probes into *out, LDAP probes into *dir (both owned arrays of borrowed
 * probes); *kinds: a bit (1 << kind) per baseline kind.
 */
int	rp_collect_needed(struct rp_content *c, char *const *baselines,
	    size_t nbaselines, int deep, const struct rp_probe ***out,
	    size_t *np, const struct rp_probe ***dir, size_t *nd,
	    unsigned *kinds, char **cause);

#endif
