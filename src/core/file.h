/*
 * file.h -- the one way rempart writes and reads a file it does not own.
 *
 * Writing: every output (results, reports, evidence) goes to a temporary
 * created with O_CREAT|O_EXCL|O_NOFOLLOW in the destination's directory,
 * then rename(2) over the destination. A destination that exists and is
 * not a regular file (a device such as /dev/null, a FIFO, a symbolic link,
 * a directory) is refused and left as it is: renaming over it would
 * destroy it, writing through it would follow it. Standard output is
 * "-", handled by the callers.
 *
 * Reading: a file from a bundle, a template directory, a secret or a
 * catalogue is opened with O_NOFOLLOW|O_NONBLOCK (a FIFO cannot block the
 * open), then fstat'ed: only a regular file of at most the caller's cap is
 * read. /dev/zero, a FIFO or a symlink is an error naming the file.
 */
#ifndef RP_FILE_H
#define RP_FILE_H

#include <stdio.h>
#include <sys/types.h>

/* An output being written: f is the temporary; see rp_out_open. */
struct rp_out {
	FILE	*f;
	char	*path;		/* the destination */
	char	*tmp;		/* the temporary beside it */
};

/*
 * Start writing path with the given mode (the process umask narrows it):
 * 0, or RP_ERR_INVALID when path exists and is not a regular file,
 * RP_ERR_IO when the temporary cannot be created.
 */
int	rp_out_open(struct rp_out *o, const char *path, mode_t mode,
	    char **cause);
/*
 * Finish: when ok, flush, fsync and rename the temporary over the
 * destination (0 or RP_ERR_IO); else (or on any error) remove the
 * temporary. Always releases o.
 */
int	rp_out_close(struct rp_out *o, int ok, char **cause);
/* The whole of data to path, through rp_out_open/rp_out_close. */
int	rp_write_file(const char *path, const void *data, size_t len,
	    mode_t mode, char **cause);

/*
 * A directory that will receive outputs, created 0700 when absent. An
 * existing one must be a directory (not a symlink) owned by the effective
 * user and writable by nobody else: a shared, world-writable directory is
 * refused (RP_ERR_INVALID).
 */
int	rp_out_dir(const char *path, char **cause);

/*
 * Open path read-only: O_NOFOLLOW|O_NONBLOCK|O_CLOEXEC, then fstat. Only a
 * regular file of at most max bytes is accepted; O_NONBLOCK is cleared.
 * Returns the descriptor and its size in *size, or a negative RP_ERR_*:
 * RP_ERR_NOT_FOUND (absent), RP_ERR_IO (cannot open: permission, symlink),
 * RP_ERR_INVALID (not a regular file), RP_ERR_TOO_LARGE (over max).
 */
int	rp_file_open(const char *path, size_t max, size_t *size);
/* Follow a symbolic link: for the files a user names for their own use
 * (private keys, known_hosts, the inventory), never for a bundle's. */
#define RP_FILE_FOLLOW	0x1
struct stat;
/*
 * rp_file_open with flags (RP_FILE_FOLLOW), the fstat in *st (may be
 * NULL). On RP_ERR_INVALID and RP_ERR_TOO_LARGE *st still describes the
 * file, for the caller's message (rp_file_kind).
 */
int	rp_file_open_st(const char *path, size_t max, int flags,
	    struct stat *st);
/* What a file of this mode is, for a message: "a FIFO", "a directory"... */
const char *rp_file_kind(mode_t mode);
/*
 * The whole file (rp_file_open's rules) into *data, NUL-terminated, owned;
 * its length in *len (may be NULL). A message naming the file in *cause.
 */
/*
 * Read up to size bytes of fd into buf (EINTR retried); *got is what was
 * there (less when the file shrank). 0, or RP_ERR_IO naming path.
 */
int	rp_fd_read_all(int fd, char *buf, size_t size, size_t *got,
	    const char *path, char **cause);
int	rp_file_read(const char *path, size_t max, char **data, size_t *len,
	    char **cause);
/* A message for an error of rp_file_open on path (owned). */
char	*rp_file_error(const char *path, int err, size_t max);

/* Core dumps off and the process not dumpable (it holds secrets). */
void	rp_harden_process(void);

#endif
