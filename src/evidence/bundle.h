/*
 * bundle.h -- the evidence bundle, rempart's offline artefact.
 *
 *   DIR/manifest.json                      format, tool, times, partial flag,
 *                                          baselines, every file + SHA-256
 *   DIR/targets/<id>/target.json           identity, status, probe metadata
 *   DIR/targets/<id>/probes/<probe>.out    raw output of a command probe
 *   DIR/targets/<id>/probes/<probe>.ldif   entries of an LDAP probe
 *
 * Every file is written to a temporary name and renamed, and the manifest
 * is rewritten after each target, so an interrupted run leaves a readable
 * bundle marked partial. docs/evidence-format.md documents it.
 */
#ifndef RP_BUNDLE_H
#define RP_BUNDLE_H

#include <stddef.h>
#include <time.h>

#include "core/model.h"

#define RP_EVIDENCE_FORMAT	"rempart-evidence/1"
#define RP_PROBE_MAX_READ	(256u * 1024 * 1024)

struct rp_probe_out {
	char		*probe;
	enum rp_pstatus	 status;
	int		 exit_code;	/* -1: unknown */
	int		 started;	/* Linux: the probe's shell printed
					 * its start token (proof of run) */
	long		 duration_ms;
	size_t		 bytes;		/* as collected */
	char		*file;		/* relative to the target dir; NULL: none */
	char		*detail;	/* why not ok */
	char		*data;		/* loaded content (NUL-terminated) */
	size_t		 len;
	size_t		 mapped;	/* data is mapped read-only: its
					 * length; 0: allocated */
};

struct rp_target_ev {
	char			*id;
	enum rp_kind		 kind;
	char			*address;
	int			 port;
	char			*user;
	char			*role;		/* criticality tags, comma separated */
	char			**groups;	/* inventory groups (sorted) */
	size_t			 ngroups;
	enum rp_tstatus		 status;
	char			*error;
	char			*hostkey;	/* "TYPE SHA256:..." */
	char			*server;	/* banner / LDAP vendor */
	char			*naming_context;
	int			 elevated;	/* probes ran as root */
	char			*auth;		/* login method, or NULL */
	char			*elevation;	/* how root was reached; NULL */
	time_t			 started, finished;
	struct rp_probe_out	*probes;
	size_t			 nprobes;
};

/*
 * One collection a merged bundle was made from (manifest "provenance",
 * written by rp_bundle_merge): what its manifest said, and the copy of that
 * manifest kept in the merged bundle (verified with the bundle).
 */
struct rp_provenance {
	char			*source;	/* as named to merge */
	char			*manifest;	/* sources/N/manifest.json */
	char			*tool_version;
	char			*host;		/* collector host; NULL: unknown */
	time_t			 started, finished;
	int			 partial;
	size_t			 ntargets;	/* targets taken from it */
	size_t			 nsuperseded;	/* its targets a newer
						 * collection replaced */
};

#define RP_PROVENANCE_MAX	4096

struct rp_bundle {
	char			*dir;
	char			*tool_version;
	char			*host;		/* collector host; NULL: unknown */
	struct rp_provenance	*prov;		/* merged bundles only */
	size_t			 nprov;
	time_t			 started, finished;
	int			 partial;
	char			**baselines;
	size_t			 nbaselines;
	struct rp_target_ev	*targets;
	size_t			 ntargets;
};

/* Writing. */
struct rp_bundle_writer;

/*
 * Start a bundle in dir (created; it must not exist or be empty). baselines:
 * ids recorded in the manifest.
 */
int	rp_bundle_create(const char *dir, char *const *baselines, size_t nb,
	    struct rp_bundle_writer **out, char **cause);
/* Write one probe's output for a target (atomic). */
int	rp_bundle_put_probe(struct rp_bundle_writer *w, const char *target,
	    struct rp_probe_out *po, const char *ext, const void *data,
	    size_t len, char **cause);
/* Write the target's target.json and refresh the manifest. */
int	rp_bundle_put_target(struct rp_bundle_writer *w,
	    const struct rp_target_ev *t, char **cause);
/* Path where a streaming writer may create a probe's file (owned). */
char	*rp_bundle_probe_path(struct rp_bundle_writer *w, const char *target,
	    const char *probe, const char *ext);
/* Final manifest (partial or not) and free w. */
/* The partial manifest of a run: once an eighth more targets are in, or
 * RP_MANIFEST_MS after the last one (bundle.c). */
#define RP_MANIFEST_MS		30000
int	rp_bundle_manifest_due(size_t nt, size_t ntw, long long ms);
int	rp_bundle_finish(struct rp_bundle_writer *w, int partial,
	    char **cause);

/*
 * Seal a bundle made by hand or by another tool: write its manifest from
 * the files present under targets/.
 */
int	rp_bundle_seal(const char *dir, int partial, char **cause);

/* Reading: parse, verify against the manifest, load every probe. */
int	rp_bundle_read(const char *dir, struct rp_bundle **out, char **cause);
/*
 * A selection of a bundle's targets (evaluate --limit): given every
 * target's id and inventory groups (heads[i].id, .groups, .ngroups; the
 * rest zero), sorted by id, set keep[i] for those to load. 0, or an rp_err
 * with *cause.
 */
typedef int (*rp_target_filter)(const struct rp_target_ev *heads, size_t n,
	    unsigned char *keep, void *arg, char **cause);
/* The same, loading only the probes of the targets filter keeps (the
 * whole bundle is still verified against its manifest). */
int	rp_bundle_read_filtered(const char *dir, rp_target_filter filter,
	    void *arg, struct rp_bundle **out, char **cause);
void	rp_bundle_free(struct rp_bundle *b);
void	rp_target_release(struct rp_target_ev *t);
/* Copy an inventory host's groups into t (each a valid id: rp_valid_id). */
void	rp_target_set_groups(struct rp_target_ev *t, char *const *groups,
	    size_t n);
#define RP_TARGET_MAX_GROUPS	256

/*
 * Compare the files on disk with the manifest. Each problem is reported
 * through cb ("changed", "missing", "added", path). Returns 0 when the
 * bundle is intact, RP_ERR_TAMPERED when not, another RP_ERR_* on error.
 */
typedef void (*rp_verify_cb)(const char *what, const char *path, void *arg);
int	rp_bundle_verify(const char *dir, rp_verify_cb cb, void *arg,
	    char **cause);

const struct rp_probe_out *rp_target_probe(const struct rp_target_ev *t,
	    const char *probe);

/*
 * Done with po->data for now: a mapped probe gives its pages back (read
 * again from the file if used later), so that evaluating a large bundle
 * does not hold every probe file in memory at once. No-op when allocated.
 */
void	rp_probe_drop_pages(const struct rp_probe_out *po);

/*
 * Merge sealed bundles into a new one (docs/evidence-format.md, "Merged
 * bundles"): each source is verified against its manifest (problems through
 * cb, with the source's name), a target in two sources is refused naming
 * both, unless prefer_newest (then the one whose collection of it finished
 * last is kept, said through note). The files are copied and hashed again;
 * each source's manifest is kept under sources/N/ and summarised in the
 * merged manifest's "provenance".
 */
typedef void (*rp_merge_note_cb)(const char *msg, void *arg);
int	rp_bundle_merge(const char *out, char *const *sources, size_t n,
	    int prefer_newest, rp_verify_cb cb, rp_merge_note_cb note,
	    void *arg, char **cause);

/* The collector's host name (owned; "unknown" when it has none). */
char	*rp_bundle_host_name(void);

/* SHA-256 of a file as 64 hex digits into hex[65]. */
int	rp_sha256_file(const char *path, char hex[65]);

#endif
