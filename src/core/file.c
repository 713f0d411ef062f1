#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/err.h"
#include "core/file.h"
#include "core/xmalloc.h"
#include "core/banned.h"

/* The umask in force, for the temporaries mkostemp creates 0600. */
static mode_t out_umask = 022;

/* Is path absent, or a regular file (not a symlink to one)? */
static int
replaceable(const char *path, char **cause)
{
	struct stat st;

	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		return rp_fail(cause, RP_ERR_IO, "cannot write '%s': %s",
		    path, strerror(errno));
	}
	if (S_ISREG(st.st_mode))
		return 0;
	return rp_fail(cause, RP_ERR_INVALID, "'%s' exists and is not a "
	    "regular file (%s): it is left as it is; name a new file, or '-' "
	    "for standard output", path, S_ISLNK(st.st_mode) ?
	    "a symbolic link" : S_ISDIR(st.st_mode) ? "a directory" :
	    S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device" :
	    S_ISFIFO(st.st_mode) ? "a FIFO" : "a special file");
}

int
rp_out_open(struct rp_out *o, const char *path, mode_t mode, char **cause)
{
	int fd, r;

	memset(o, 0, sizeof(*o));
	if ((r = replaceable(path, cause)) != 0)
		return r;
	/* mkostemp: O_CREAT|O_EXCL, so never through a planted symlink */
	o->tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkostemp(o->tmp, O_CLOEXEC)) < 0) {
		r = rp_fail(cause, RP_ERR_IO, "cannot create a temporary "
		    "beside '%s': %s", path, strerror(errno));
		free(o->tmp);
		o->tmp = NULL;
		return r;
	}
	if (fchmod(fd, mode & 0777 & ~out_umask) != 0 ||
	    (o->f = fdopen(fd, "w")) == NULL) {
		r = rp_fail(cause, RP_ERR_IO, "cannot write '%s': %s",
		    o->tmp, strerror(errno));
		close(fd);
		unlink(o->tmp);
		free(o->tmp);
		o->tmp = NULL;
		return r;
	}
	o->path = xstrdup(path);
	return 0;
}

int
rp_out_close(struct rp_out *o, int ok, char **cause)
{
	int r = 0;

	if (o->f == NULL)
		return ok ? RP_ERR_IO : 0;
	if (ok && (fflush(o->f) != 0 || ferror(o->f) ||
	    fsync(fileno(o->f)) != 0))
		r = rp_fail(cause, RP_ERR_IO, "cannot write '%s': %s",
		    o->path, strerror(errno));
	if (fclose(o->f) != 0 && ok && r == 0)
		r = rp_fail(cause, RP_ERR_IO, "cannot write '%s': %s",
		    o->path, strerror(errno));
	/* checked again: what was a file at open may have been swapped */
	if (ok && r == 0 && (r = replaceable(o->path, cause)) == 0 &&
	    rename(o->tmp, o->path) != 0)
		r = rp_fail(cause, RP_ERR_IO, "cannot write '%s': %s",
		    o->path, strerror(errno));
	if (!ok || r != 0)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof(*o));
	return r;
}

int
rp_write_file(const char *path, const void *data, size_t len, mode_t mode,
    char **cause)
{
	struct rp_out o;
	int r;

	if ((r = rp_out_open(&o, path, mode, cause)) != 0)
		return r;
	if (len > 0 && fwrite(data, 1, len, o.f) != len) {
		r = errno;
		(void)rp_out_close(&o, 0, cause);	/* removes the temporary */
		return rp_fail(cause, RP_ERR_IO, "cannot write '%s': %s", path,
		    strerror(r));
	}
	return rp_out_close(&o, 1, cause);
}

int
rp_out_dir(const char *path, char **cause)
{
	struct stat st;

	if (mkdir(path, 0700) == 0)
		return 0;
	if (errno != EEXIST)
		return rp_fail(cause, RP_ERR_IO, "cannot create '%s': %s",
		    path, strerror(errno));
	if (lstat(path, &st) != 0)
		return rp_fail(cause, RP_ERR_IO, "cannot use '%s': %s", path,
		    strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return rp_fail(cause, RP_ERR_INVALID, "'%s' exists and is not "
		    "a directory (a symbolic link is not followed)", path);
	if (st.st_uid != geteuid() || (st.st_mode & 022) != 0)
		return rp_fail(cause, RP_ERR_INVALID, "'%s' is %s: another "
		    "user could plant files there; use a directory of your "
		    "own", path, st.st_uid != geteuid() ? "owned by another "
		    "user" : "writable by others");
	return 0;
}

int
rp_file_open_st(const char *path, size_t max, int flags, struct stat *stp)
{
	struct stat st;
	int fd, fl;

	memset(&st, 0, sizeof(st));
	if (stp != NULL)
		*stp = st;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY |
	    ((flags & RP_FILE_FOLLOW) ? 0 : O_NOFOLLOW))) < 0)
		return errno == ENOENT ? RP_ERR_NOT_FOUND : RP_ERR_IO;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return RP_ERR_INVALID;
	}
	if (stp != NULL)
		*stp = st;
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return RP_ERR_INVALID;
	}
	if (st.st_size < 0 || (unsigned long long)st.st_size > max) {
		close(fd);
		return RP_ERR_TOO_LARGE;
	}
	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1) {
		close(fd);
		return RP_ERR_IO;
	}
	return fd;
}

int
rp_file_open(const char *path, size_t max, size_t *size)
{
	struct stat st;
	int fd;

	if ((fd = rp_file_open_st(path, max, 0, &st)) >= 0 && size != NULL)
		*size = (size_t)st.st_size;
	return fd;
}

const char *
rp_file_kind(mode_t mode)
{
	return S_ISREG(mode) ? "a regular file" : S_ISFIFO(mode) ? "a FIFO" :
	    S_ISCHR(mode) ? "a character device" : S_ISBLK(mode) ?
	    "a block device" : S_ISSOCK(mode) ? "a socket" : S_ISDIR(mode) ?
	    "a directory" : S_ISLNK(mode) ? "a symbolic link" : "not a file";
}

char *
rp_file_error(const char *path, int err, size_t max)
{
	switch (err) {
	case RP_ERR_NOT_FOUND:
		return xasprintf("cannot read '%s': no such file", path);
	case RP_ERR_INVALID:
		return xasprintf("cannot read '%s': not a regular file", path);
	case RP_ERR_TOO_LARGE:
		return xasprintf("cannot read '%s': larger than %zu bytes",
		    path, max);
	default:
		return xasprintf("cannot read '%s': %s", path,
		    errno == ELOOP ? "a symbolic link (not followed)" :
		    strerror(errno));
	}
}

int
rp_fd_read_all(int fd, char *buf, size_t size, size_t *got, const char *path,
    char **cause)
{
	ssize_t k;

	*got = 0;
	while (*got < size) {
		k = read(fd, buf + *got, size - *got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return rp_fail(cause, RP_ERR_IO, "cannot read '%s': %s",
			    path, strerror(errno));
		if (k == 0)
			break;	/* shrank meanwhile: what was there */
		*got += (size_t)k;
	}
	return 0;
}

int
rp_file_read(const char *path, size_t max, char **data, size_t *len,
    char **cause)
{
	size_t size = 0, n = 0;
	char *buf;
	int fd, r;

	if ((fd = rp_file_open(path, max, &size)) < 0) {
		if (cause != NULL) {
			free(*cause);
			*cause = rp_file_error(path, fd, max);
		}
		return fd;
	}
	buf = xmalloc(size + 1);
	r = rp_fd_read_all(fd, buf, size, &n, path, cause);
	close(fd);
	if (r != 0) {
		free(buf);
		return r;
	}
	buf[n] = '\0';
	*data = buf;
	if (len != NULL)
		*len = n;
	return 0;
}

void
rp_harden_process(void)
{
	struct rlimit rl = { 0, 0 };

	(void)setrlimit(RLIMIT_CORE, &rl);
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	(void)umask(077);
	out_umask = 077;
}
