/*
 * sysvol.h -- the policy files of a domain's GPOs, read from SYSVOL
 * (\\DC\SYSVOL\<domain>\Policies\{GUID}\...) over SMB (collect/smb.h) or
 * from a copy of that folder, into the evidence of one probe (ad.sysvol).
 *
 * One walker serves both transports, through a small table of operations
 * (list a folder, read a file), so that a live collection and an offline
 * import write the same evidence. Only the files the checks read are kept
 * (GPT.INI, the Group Policy Preferences XML files, GptTmpl.inf,
 * Registry.pol, scripts.ini, psscripts.ini, audit.csv, and the scripts a
 * scripts.ini of the same GPO names), each with its times as the source
 * gives them. Names from the source are hostile: a name with a separator,
 * a control character, "." or ".." is skipped (and said), and no name ever
 * becomes a local path: a file is stored in the probe output, its path
 * percent-escaped (docs/evidence-format.md, "SYSVOL probe"). The value of
 * every cpassword attribute is replaced at collection: the evidence never
 * holds it.
 *
 * Bounds (a bound reached makes the probe truncated, its checks not
 * assessed): files kept, bytes per file, bytes in all, folder depth below
 * the GPO, entries listed.
 */
#ifndef RP_COLLECT_SYSVOL_H
#define RP_COLLECT_SYSVOL_H

#include <stddef.h>

#include "core/model.h"

#define RP_SYSVOL_PROBE		"ad.sysvol"
#define RP_SYSVOL_FORMAT	"rempart-sysvol/1"
#define RP_SYSVOL_MAX_FILES	20000
#define RP_SYSVOL_MAX_FILE	(4u * 1024 * 1024)
#define RP_SYSVOL_MAX_TOTAL	(192u * 1024 * 1024)
#define RP_SYSVOL_MAX_DEPTH	8
#define RP_SYSVOL_MAX_LISTED	500000	/* directory entries seen */
#define RP_SYSVOL_MASK		"rempart-masked"

struct rp_bundle_writer;
struct rp_probe_out;

/* Times of an entry: Unix seconds, -1 when the source does not give it. */
struct rp_sysvol_times {
	long long	mtime, ctime, btime;
};

/* One entry of a folder, as a transport lists it. */
struct rp_sysvol_dirent {
	const char		*name;	/* one component, hostile */
	int			 is_dir;
	long long		 size;	/* -1: unknown */
	struct rp_sysvol_times	 t;
	int			 unread; /* a link or special file: not read */
};

typedef int (*rp_sysvol_entry_cb)(const struct rp_sysvol_dirent *e,
    void *arg);

/*
 * A transport. rel is a path below the transport's root made of checked
 * components joined with '/' ("" is the root). list calls cb for each
 * entry ("." and ".." excluded) and stops when cb returns non-zero (that
 * value is returned); read reads at most max bytes of a file into *data
 * (owned, NUL-terminated), *truncated set when the file has more.
 */
struct rp_sysvol_ops {
	void	*arg;
	int	(*list)(void *arg, const char *rel, rp_sysvol_entry_cb cb,
		    void *cbarg, char **cause);
	int	(*read)(void *arg, const char *rel, size_t max, char **data,
		    size_t *len, int *truncated, char **cause);
};

struct rp_sysvol_limits {
	size_t	max_files, max_file, max_total, max_depth;	/* 0: default */
};

/*
 * Walk root (the folder holding the {GUID} folders: ...\Policies) through
 * ops and fill po (probe RP_SYSVOL_PROBE) with the output in *out, its length
 * in *outlen (owned): status ok, truncated (a bound, detail names it) or error (the
 * root could not be listed: detail). source: "smb" or "copy"; where: how
 * the root is named in the output (escaped there).
 */
void	rp_sysvol_walk(const struct rp_sysvol_ops *ops, const char *source,
	    const char *where, const struct rp_sysvol_limits *lim,
	    struct rp_probe_out *po, char **out, size_t *outlen);

/*
 * Replace the value of every cpassword attribute of an XML file (UTF-8 or
 * UTF-16LE) by RP_SYSVOL_MASK, in place or by growing *data. Returns the
 * number of values masked.
 */
size_t	rp_sysvol_mask(char **data, size_t *len);

/*
 * The local copy transport: root is a folder on this machine; names are
 * opened one component at a time below it, never following a symbolic
 * link. rp_sysvol_copy_root finds the Policies folder under path (path
 * itself, path/Policies, or path/<domain>/Policies, matched without case)
 * into *root (owned).
 */
int	rp_sysvol_copy_root(const char *path, char **root, char **cause);
void	rp_sysvol_copy_ops(struct rp_sysvol_ops *ops, const char *root);

struct rp_sysvol_import {
	const char	*id;		/* target id */
	const char	*path;		/* the copy */
	const char	*role;		/* criticality tags or NULL */
	char *const	*baselines;	/* recorded in the manifest */
	size_t		 nbaselines;
};

/*
 * rempart evidence import-sysvol: a new sealed bundle in outdir with one
 * AD target holding the probe RP_SYSVOL_PROBE. *partial: the probe is not
 * complete.
 */
int	rp_sysvol_import(const struct rp_sysvol_import *im,
	    const char *outdir, int *partial, char **cause);

#endif
