/*
 * script.h -- the one POSIX sh script a Linux target runs, and the splitter
 * that cuts its output back into one section per probe.
 *
 * Every probe runs in its own "/bin/sh -c" with LC_ALL=C, stdin from
 * /dev/null and stderr to /dev/null, framed by marker lines
 *
 *   \n==RP-<boundary>-BEGIN <id>==\n==RP-<boundary>-RUN <id>==\n  ...output...
 *   \n==RP-<boundary>-END <id> <exit>==\n
 *
 * The RUN line is the proof that the probe ran: the script starts it, the
 * probe's own shell finishes it once it has set up its redirections. A
 * section without it is an error, whatever its exit status.
 *
 * (NA when a required command is absent, SKIP when a root probe cannot be
 * elevated, DONE at the end). The boundary is 32 random hex digits chosen
 * per host and never shown to the probes, so no file or command output can
 * forge a marker: the splitter cuts only on exact marker lines with the
 * right boundary, everything else (NULs, binary, fake markers) is output.
 *
 * Pure code: no I/O, no clock (the caller passes the time).
 */
#ifndef RP_SCRIPT_H
#define RP_SCRIPT_H

#include <stddef.h>

#include "core/strbuf.h"

#define RP_BOUNDARY_LEN		32	/* hex digits */
#define RP_SECT_ID		"rempart.id"	/* "id -u" of the login */
#define RP_SECT_ELEVATE		"rempart.elevate"	/* sudo -n test */
/* Said in the id section when /dev/null is not a writable device. */
#define RP_DEVNULL_BAD		"rempart-devnull-unusable"

struct rp_probe;

enum rp_script_flags {
	RP_SCRIPT_BECOME = 1,	/* root probes through "sudo -n" */
	RP_SCRIPT_PTY = 2,	/* the requiretty retry: elevation test and
				   root probes only; ends with "exit" since
				   a pty has no end of file */
	RP_SCRIPT_DEEP = 4,	/* --deep: probes see RP_DEEP=1 and widen
				   their scope (whole filesystem ...) */
};

/*
 * Build the script (owned, NUL-terminated) for probes[0..n) with boundary
 * (RP_BOUNDARY_LEN hex digits). In RP_SCRIPT_PTY mode only root probes are
 * listed.
 */
char	*rp_script_build(const char *boundary, int flags,
	    const struct rp_probe *const *probes, size_t n, size_t *lenp);

/* Does the probe elevate single commands ("$RP_SUDO cmd")? */
int	 rp_script_fine(const struct rp_probe *p);
/* Exit status of a probe whose "$RP_SUDO cmd" sudo refused (SIGUSR1). */
#define RP_EXIT_SUDO_REFUSED	138
/*
 * Exit status of a probe's shell that could not set itself up (/dev/null
 * not a character device, or its redirection failed): it never printed
 * its start token. The status alone proves nothing: the splitter's
 * "started" flag does.
 */
#define RP_EXIT_NO_START	125
#define RP_EXIT_NO_START_S	"125"

/* Fill boundary[RP_BOUNDARY_LEN + 1] from getrandom(2); 0 or RP_ERR_IO. */
int	 rp_script_boundary(char *boundary);

enum rp_sect_state {
	RP_SECT_PENDING,	/* no marker yet */
	RP_SECT_RUNNING,	/* BEGIN seen */
	RP_SECT_ENDED,		/* END seen: exit_code is valid */
	RP_SECT_NA,		/* required command absent */
	RP_SECT_SKIPPED,	/* root probe: elevation failed */
};

struct rp_sect {
	const char		*id;		/* borrowed */
	enum rp_sect_state	 state;
	int			 exit_code;
	struct rp_strbuf	 out;		/* capped by the caller's init */
	size_t			 seen;		/* bytes the host sent */
	int			 truncated;	/* seen > what out kept */
	int			 started;	/* the child's RUN token seen:
						   the proof that it ran */
	long long		 t_begin, t_end;	/* caller's ms clock */
	void			*user;		/* for the caller */
};

/* Called when a section is complete (ENDED, NA or SKIPPED). */
typedef void (*rp_sect_cb)(void *arg, struct rp_sect *s);

#define RP_MARKER_MAX	256

struct rp_splitter {
	char		 prefix[48];	/* "==RP-<boundary>-" */
	size_t		 plen;
	struct rp_sect	*sects;		/* borrowed */
	size_t		 nsects;
	struct rp_sect	*cur;		/* section being read */
	size_t		 host_left;	/* bytes still kept for this host */
	int		 done;		/* DONE marker seen */
	size_t		 noise;		/* bytes outside any section */
	char		 noise_head[160];	/* their start, for messages */
	size_t		 noise_len;
	char		 line[RP_MARKER_MAX];	/* a line that may be a marker */
	size_t		 llen;
	int		 at_bol;	/* line[] is being filled */
	int		 pending_nl;	/* a newline not yet given out */
	rp_sect_cb	 cb;
	void		*arg;
};

void	rp_splitter_init(struct rp_splitter *sp, const char *boundary,
	    struct rp_sect *sects, size_t n, size_t host_cap, rp_sect_cb cb,
	    void *arg);
/* Feed bytes as they arrive; now_ms stamps BEGIN and END. */
void	rp_splitter_feed(struct rp_splitter *sp, const char *buf, size_t len,
	    long long now_ms);
struct rp_sect *rp_splitter_find(struct rp_splitter *sp, const char *id);

/*
 * Secrets a target's files hold, masked before anything is written: the
 * password of "scheme://user:pass@" (a long bare "scheme://token@" too) and
 * the value after a key naming a secret (password, secret, token, ...)
 * followed by '=', ':' or '(' ("bind_password=x", "password(\"x\")").
 * Returns a new buffer (*outlen bytes, NUL-terminated); *nmasked: how many
 * values were masked. Linear in len.
 */
char	*rp_mask_secrets(const char *src, size_t len, size_t *outlen,
	    size_t *nmasked);

#endif
