/*
 * ssh.c -- connect (with a deadline), handshake, verify the host key, then
 * authenticate; and run one script on a channel with non-blocking I/O so
 * that writing the script and reading its output never deadlock.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libssh2.h>

#include "collect/authkey.h"
#include "collect/hostkey.h"
#include "collect/inventory.h"
#include "collect/jump.h"
#include "collect/ssh.h"
#include "core/err.h"
#include "core/file.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "core/banned.h"

#define CLOSE_MS	1000	/* bound on the goodbye of a session */
#define AGENT_MAX_KEYS	5	/* stay under the server's MaxAuthTries */
#define HOSTKEY_TRIES	4

struct rp_ssh {
	LIBSSH2_SESSION		*sess;
	int			 fd;
	char			*user;
	const char		*password;	/* keyboard-interactive */
	int			 kbd_rounds;
	long long		 deadline;
	volatile sig_atomic_t	*stop;
	int			 stop_fd;	/* readable once stopping */
	int			 handshaken;	/* a goodbye makes sense */
	struct rp_jump		*jump;		/* NULL: direct TCP */
	int			 own_jump;	/* close it with the session */
};

/* Host key algorithms, most preferred first (OpenSSH's order). */
static const struct {
	int		 type;
	const char	*alg;
} hk_algs[] = {
	{ LIBSSH2_HOSTKEY_TYPE_ED25519, "ssh-ed25519" },
	{ LIBSSH2_HOSTKEY_TYPE_ECDSA_256, "ecdsa-sha2-nistp256" },
	{ LIBSSH2_HOSTKEY_TYPE_ECDSA_384, "ecdsa-sha2-nistp384" },
	{ LIBSSH2_HOSTKEY_TYPE_ECDSA_521, "ecdsa-sha2-nistp521" },
	{ LIBSSH2_HOSTKEY_TYPE_RSA, "rsa-sha2-512" },
	{ LIBSSH2_HOSTKEY_TYPE_RSA, "rsa-sha2-256" },
	{ LIBSSH2_HOSTKEY_TYPE_RSA, "ssh-rsa" },
	{ LIBSSH2_HOSTKEY_TYPE_DSS, "ssh-dss" },
};

long long
rp_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
rp_ssh_global_init(char **cause)
{
	int r;

	if ((r = libssh2_init(0)) != 0)
		return rp_fail(cause, RP_ERR_NOMEM, "libssh2_init failed (%d)",
		    r);
	return 0;
}

void
rp_ssh_global_exit(void)
{
	rp_authkey_cache_clear();
	libssh2_exit();
}

const char *
rp_ssh_user(const struct rp_ssh *s)
{
	return s->user;
}

LIBSSH2_SESSION *
rp_ssh_session(struct rp_ssh *s)
{
	return s->sess;
}

int
rp_ssh_fd(const struct rp_ssh *s)
{
	return s->fd;
}

static long
remaining(long long deadline)
{
	long long r = deadline - rp_now_ms();

	return r < 1 ? 1 : r > 86400000 ? 86400000 : (long)r;
}

static void
bound(struct rp_ssh *s)
{
	libssh2_session_set_timeout(s->sess, remaining(s->deadline));
}

static const char *
last_error(LIBSSH2_SESSION *sess)
{
	char *msg = NULL;

	libssh2_session_last_error(sess, &msg, NULL, 0);
	return msg != NULL && *msg != '\0' ? msg : "unknown libssh2 error";
}

/*
 * Wait for fd (events) until the deadline, or until the stop descriptor
 * (the signal handler's self-pipe, -1: none) becomes readable: no periodic
 * wake-up. The caller looks at the stop flag and the clock again.
 */
static void
wait_fd(int fd, short events, int stop_fd, long long deadline)
{
	struct pollfd pfd[2] = {
		{ .fd = fd, .events = events },
		{ .fd = stop_fd, .events = POLLIN },
	};

	(void)poll(pfd, stop_fd >= 0 ? 2 : 1, (int)remaining(deadline));
}

static int
wait_connect(int fd, const struct rp_ssh *s)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	socklen_t sl = sizeof(int);
	int err = 0;

	for (;;) {
		if (*s->stop)
			return EINTR;
		if (rp_now_ms() >= s->deadline)
			return ETIMEDOUT;
		if (poll(&pfd, 1, 0) > 0)
			break;
		wait_fd(fd, POLLOUT, s->stop_fd, s->deadline);
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &sl) != 0)
		return errno;
	return err;
}

/* Connect one address; 0 or an errno value. */
static int
connect_one(const struct addrinfo *ai, const struct rp_ssh *s, int *fdp)
{
	int fd, err = 0, one = 1;

	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK |
	    SOCK_CLOEXEC, ai->ai_protocol);
	if (fd < 0)
		return errno;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
		err = errno == EINPROGRESS ? wait_connect(fd, s) :
		    errno;
	}
	if (err != 0) {
		close(fd);
		return err;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
	*fdp = fd;
	return 0;
}

static int
tcp_connect(const char *host, int port, const struct rp_ssh *s, int *fdp,
    char **cause)
{
	struct addrinfo hints, *res = NULL, *ai;
	char ps[16];
	int e, err = ENOENT;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	snprintf(ps, sizeof(ps), "%d", port);
	if ((e = getaddrinfo(host, ps, &hints, &res)) != 0)
		return rp_fail(cause, RP_ERR_NET, "cannot resolve '%s': %s",
		    host, gai_strerror(e));
	for (ai = res; ai != NULL; ai = ai->ai_next)
		if ((err = connect_one(ai, s, fdp)) == 0 ||
		    err == EINTR || err == ETIMEDOUT)
			break;
	freeaddrinfo(res);
	if (err == 0)
		return 0;
	if (err == EINTR)
		return rp_fail(cause, RP_ERR_INTERRUPTED, "interrupted");
	if (err == ETIMEDOUT)
		return rp_fail(cause, RP_ERR_TIMEOUT, "connection to '%s' port "
		    "%d timed out", host, port);
	return rp_fail(cause, RP_ERR_NET, "cannot connect to '%s' port %d: "
	    "%s", host, port, strerror(err));
}

/* Offer host key algorithms, skipping the key types in excluded. */
static int
hostkey_prefs(LIBSSH2_SESSION *sess, unsigned excluded)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(1024);
	const char **algs = NULL;
	size_t i;
	int n, j, r;

	if ((n = libssh2_session_supported_algs(sess, LIBSSH2_METHOD_HOSTKEY,
	    &algs)) < 0)
		return -1;
	for (i = 0; i < sizeof(hk_algs) / sizeof(hk_algs[0]); i++) {
		if (excluded & (1u << hk_algs[i].type))
			continue;
		for (j = 0; j < n; j++)
			if (strcmp(algs[j], hk_algs[i].alg) == 0)
				rp_strbuf_addf(&sb, "%s%s", sb.len ? "," : "",
				    hk_algs[i].alg);
	}
	if (algs != NULL)
		libssh2_free(sess, algs);
	r = sb.len == 0 ? -1 : libssh2_session_method_pref(sess,
	    LIBSSH2_METHOD_HOSTKEY, rp_strbuf_str(&sb));
	rp_strbuf_release(&sb);
	return r;
}

static int
handshake(struct rp_ssh *s, long connect_ms, struct rp_ssh_info *info,
    char **cause)
{
	long secs = (connect_ms + 999) / 1000;
	int r;

	bound(s);
	if ((r = libssh2_session_handshake(s->sess, s->fd)) == 0) {
		s->handshaken = 1;
		return 0;
	}
	if (r == LIBSSH2_ERROR_TIMEOUT || r == LIBSSH2_ERROR_SOCKET_RECV ||
	    r == LIBSSH2_ERROR_SOCKET_DISCONNECT ||
	    r == LIBSSH2_ERROR_BANNER_RECV || r == LIBSSH2_ERROR_SOCKET_SEND) {
		info->status = RP_TS_UNREACHABLE;
		/* a silent listener, or a server stuck after its banner */
		if (r == LIBSSH2_ERROR_TIMEOUT)
			return rp_fail(cause, RP_ERR_NET, "SSH handshake "
			    "failed: %s within %ld s (--connect-timeout)",
			    libssh2_session_banner_get(s->sess) != NULL ?
			    "banner received, then no key exchange" :
			    "no SSH banner", secs);
		return rp_fail(cause, RP_ERR_NET, "SSH handshake failed: %s",
		    last_error(s->sess));
	}
	info->status = RP_TS_ERROR;
	if (r == LIBSSH2_ERROR_KEX_FAILURE)
		return rp_fail(cause, RP_ERR_PROTO, "SSH handshake failed: %s "
		    "(no algorithm in common: libssh2 %s lacks AES-GCM, "
		    "chacha20-poly1305 and -etm MACs; a server offering only "
		    "those cannot be audited with it)", last_error(s->sess),
		    LIBSSH2_VERSION);
	return rp_fail(cause, RP_ERR_PROTO, "SSH handshake failed: %s",
	    last_error(s->sess));
}

static struct rp_ssh *
ssh_new(const struct rp_ssh_conf *c, long long deadline,
    struct rp_jump *jump)
{
	struct rp_ssh *s = xcalloc(1, sizeof(*s));

	s->fd = -1;
	s->jump = jump;
	s->deadline = deadline;
	s->stop = c->stop;
	s->stop_fd = c->stop_fd;
	s->sess = libssh2_session_init_ex(NULL, NULL, NULL, s);
	if (s->sess == NULL) {
		free(s);
		return NULL;
	}
	libssh2_session_set_blocking(s->sess, 1);
	return s;
}

static void
set_hk_check(struct rp_hk_check *k, const struct rp_ssh_conf *c,
    const struct rp_inv_host *h)
{
	memset(k, 0, sizeof(*k));
	k->file = c->known_hosts;
	k->names[0] = h->address;
	k->names[1] = h->alias;
	k->port = h->port;
	k->accept_new = c->accept_new;
	k->lock = c->kh_lock;
}

/*
 * TCP, handshake and host key check. *retry_type is set to the key type
 * the server showed when known_hosts knows the host under other types.
 */
static int
connect_verify(const struct rp_ssh_conf *c, const struct rp_inv_host *h,
    struct rp_ssh *s, unsigned excluded, struct rp_ssh_info *info,
    int *retry_type, char **cause)
{
	struct rp_hk_check k;
	enum rp_hk_result res;
	long long t0 = rp_now_ms();
	size_t klen;
	int r, type = 0;

	*retry_type = -1;
	info->status = RP_TS_UNREACHABLE;
	r = s->jump != NULL ? rp_jump_connect(s->jump, h->address, h->port,
	    s->deadline, &s->fd, cause) : tcp_connect(h->address, h->port,
	    s, &s->fd, cause);
	if (r != 0)
		return r;
	info->ms_connect = (long)(rp_now_ms() - t0);
	t0 = rp_now_ms();
	if (hostkey_prefs(s->sess, excluded) != 0) {
		flockfile(stderr);
		rp_debug("'%s': cannot set host key preferences", h->alias);
		funlockfile(stderr);
	}
	if ((r = handshake(s, c->connect_ms, info, cause)) != 0)
		return r;
	info->ms_kex = (long)(rp_now_ms() - t0);
	free(info->banner);
	info->banner = xstrdup(libssh2_session_banner_get(s->sess) ?
	    libssh2_session_banner_get(s->sess) : "");
	set_hk_check(&k, c, h);
	free(info->hostkey);
	info->hostkey = NULL;
	r = rp_hostkey_verify(s->sess, &k, &res, &info->hostkey, cause);
	if (res == RP_HK_OTHER_TYPE) {
		(void)libssh2_session_hostkey(s->sess, &klen, &type);
		*retry_type = type;
	}
	info->status = res == RP_HK_MISMATCH || res == RP_HK_OTHER_TYPE ||
	    res == RP_HK_REVOKED ? RP_TS_HOSTKEY_MISMATCH : RP_TS_ERROR;
	return r;
}

static void
ssh_free(struct rp_ssh *s)
{
	if (s == NULL)
		return;
	if (s->sess != NULL) {
		libssh2_session_set_blocking(s->sess, 1);
		libssh2_session_set_timeout(s->sess, CLOSE_MS);
		if (s->handshaken)
			libssh2_session_disconnect(s->sess, "rempart: done");
		libssh2_session_free(s->sess);
	}
	if (s->fd >= 0)
		close(s->fd);
	if (s->own_jump)
		rp_jump_close(s->jump);	/* after our socket is closed */
	free(s->user);
	free(s);
}

void
rp_ssh_close(struct rp_ssh *s)
{
	ssh_free(s);
}

void
rp_ssh_info_release(struct rp_ssh_info *info)
{
	free(info->hostkey);
	free(info->banner);
	memset(info, 0, sizeof(*info));
}

static int
open_verified(const struct rp_ssh_conf *c, const struct rp_inv_host *h,
    long long deadline, struct rp_jump *jump, struct rp_ssh **out,
    struct rp_ssh_info *info, char **cause)
{
	struct rp_ssh *s = NULL;
	unsigned excluded = 0;
	int i, r = 0, type;

	for (i = 0; i < HOSTKEY_TRIES; i++) {
		if ((s = ssh_new(c, deadline, jump)) == NULL) {
			info->status = RP_TS_ERROR;
			return rp_fail(cause, RP_ERR_NOMEM, "libssh2 session");
		}
		r = connect_verify(c, h, s, excluded, info, &type, cause);
		if (r == 0 || type < 0)
			break;
		/* known under another key type: ask for the next type */
		flockfile(stderr);
		rp_debug("'%s': known_hosts has no %s key for it, asking for "
		    "another key type", h->alias, rp_hostkey_type_name(type));
		funlockfile(stderr);
		excluded |= 1u << type;
		ssh_free(s);
		s = NULL;
	}
	if (r != 0) {
		ssh_free(s);
		return r;
	}
	*out = s;
	return 0;
}

/* ------------------------------------------------------------ auth */

static LIBSSH2_USERAUTH_KBDINT_RESPONSE_FUNC(kbd_answer)
{
	struct rp_ssh *s = *abstract;

	(void)name;
	(void)name_len;
	(void)instruction;
	(void)instruction_len;
	(void)prompts;
	/* one password prompt, once: never answer an OTP or a second round */
	if (num_prompts != 1 || s->password == NULL || s->kbd_rounds++ > 0)
		return;
	responses[0].text = strdup(s->password);
	responses[0].length = responses[0].text ?
	    (unsigned int)strlen(s->password) : 0;
}

static int
has_method(const char *list, const char *m)
{
	size_t n = strlen(m);
	const char *p;

	for (p = list; p != NULL && *p; p = strchr(p, ',') ? strchr(p, ',') +
	    1 : NULL)
		if (strncmp(p, m, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Fatal for the whole login: the connection is gone or timed out. */
static int
is_net_error(int r)
{
	return r == LIBSSH2_ERROR_TIMEOUT || r == LIBSSH2_ERROR_SOCKET_SEND ||
	    r == LIBSSH2_ERROR_SOCKET_RECV ||
	    r == LIBSSH2_ERROR_SOCKET_DISCONNECT;
}

/* The first line of path, at most len - 1 bytes; 0, or -1 (unreadable). */
static int
first_line(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	if ((fd = rp_file_open_st(path, SIZE_MAX, RP_FILE_FOLLOW, NULL)) < 0)
		return -1;
	while ((n = read(fd, buf, len - 1)) < 0 && errno == EINTR)
		;
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int
looks_rsa(const char *key)
{
	char head[64] = "", *pub = xasprintf("%s.pub", key);
	int rsa = 0;

	if (first_line(pub, head, sizeof(head)) == 0)
		rsa = strncmp(head, "ssh-rsa ", 8) == 0;
	else if (first_line(key, head, sizeof(head)) == 0)
		rsa = strstr(head, "RSA") != NULL;
	free(pub);
	return rsa;
}

/*
 * As OpenSSH: a private key that group or others may read (or that is not
 * a regular file) is not used, and the note in tried says why.
 */
static int
key_mode_bad(const char *key, struct rp_strbuf *tried)
{
	struct stat st;
	int fd;

	/* the user's key: a symbolic link is followed, a FIFO not waited on */
	if ((fd = rp_file_open_st(key, SIZE_MAX, RP_FILE_FOLLOW, &st)) >= 0)
		close(fd);
	else if (fd != RP_ERR_INVALID) {
		rp_strbuf_addf(tried, "; key '%s': %s", key, strerror(errno));
		return 1;
	}
	if (!S_ISREG(st.st_mode)) {
		rp_strbuf_addf(tried, "; key '%s': not a regular file: "
		    "refused", key);
		return 1;
	}
	if ((st.st_mode & 077) != 0) {
		rp_strbuf_addf(tried, "; key '%s' has mode %04o: group or "
		    "others may read this private key: refused, as OpenSSH "
		    "does; run 'chmod 600 %s'", key,
		    (unsigned)(st.st_mode & 07777), key);
		return 1;
	}
	return 0;
}

/* 0: logged in; 1: refused (note in tried); <0: connection error. */
static LIBSSH2_USERAUTH_PUBLICKEY_SIGN_FUNC(authkey_sign)
{
	const struct rp_authkey *k = *abstract;

	(void)session;
	return rp_authkey_sign(k, data, data_len, sig, sig_len) == 0 ? 0 : -1;
}

static int
try_key(struct rp_ssh *s, const char *key, const char *ppfile,
    struct rp_strbuf *tried)
{
	const struct rp_authkey *ak = NULL;
	const unsigned char *blob;
	char *pass = NULL, *why = NULL;
	size_t bloblen;
	int r;

	if (access(key, R_OK) != 0) {
		rp_strbuf_addf(tried, "; key '%s': %s", key, strerror(errno));
		return 1;
	}
	if (key_mode_bad(key, tried))
		return 1;
	if (ppfile != NULL && rp_secret_read(ppfile, &pass, &why) != 0) {
		rp_strbuf_addf(tried, "; key '%s': %s", key, why);
		free(why);
		return 1;
	}
	bound(s);
	if (pass == NULL && rp_authkey_get(key, &ak) == 0) {
		/* decoded once per run: the same login, without decoding the
		 * file again for every host */
		blob = rp_authkey_blob(ak, &bloblen);
		r = libssh2_userauth_publickey(s->sess, s->user, blob, bloblen,
		    authkey_sign, (void **)&ak);
	} else
		r = libssh2_userauth_publickey_fromfile_ex(s->sess, s->user,
		    (unsigned int)strlen(s->user), NULL, key, pass);
	rp_secret_free(pass);
	if (r == 0 || is_net_error(r))
		return r;
	if (r == LIBSSH2_ERROR_FILE)
		rp_strbuf_addf(tried, "; key '%s' unusable (%s): wrong "
		    "passphrase (key_passphrase_file) or unsupported format",
		    key, ppfile ? "with passphrase" : "no passphrase given");
	else
		rp_strbuf_addf(tried, "; key '%s' refused%s", key,
		    looks_rsa(key) ? " (libssh2 1.10 signs RSA keys with "
		    "SHA-1, which OpenSSH 8.8+ refuses: use an ed25519 key)" :
		    "");
	return 1;
}

static int
try_agent(struct rp_ssh *s, struct rp_strbuf *tried)
{
	struct libssh2_agent_publickey *id = NULL, *prev = NULL;
	LIBSSH2_AGENT *a;
	int n = 0, r = 1;

	if (getenv("SSH_AUTH_SOCK") == NULL ||
	    (a = libssh2_agent_init(s->sess)) == NULL)
		return 1;
	if (libssh2_agent_connect(a) != 0 ||
	    libssh2_agent_list_identities(a) != 0) {
		rp_strbuf_addstr(tried, "; ssh-agent: unreachable");
		libssh2_agent_free(a);
		return 1;
	}
	while (n < AGENT_MAX_KEYS &&
	    libssh2_agent_get_identity(a, &id, prev) == 0) {
		bound(s);
		if ((r = libssh2_agent_userauth(a, s->user, id)) == 0 ||
		    is_net_error(r))
			break;
		r = 1;
		prev = id;
		n++;
	}
	if (r == 1)
		rp_strbuf_addf(tried, "; ssh-agent: %d key%s refused", n,
		    n == 1 ? "" : "s");
	libssh2_agent_disconnect(a);
	libssh2_agent_free(a);
	return r;
}

static int
try_password(struct rp_ssh *s, const char *file, const char *methods,
    struct rp_strbuf *tried)
{
	char *pw = NULL, *why = NULL;
	int r = 1;

	if (!has_method(methods, "password") &&
	    !has_method(methods, "keyboard-interactive")) {
		rp_strbuf_addstr(tried, "; password: not offered by the "
		    "server (not sent)");
		return 1;
	}
	if (rp_secret_read(file, &pw, &why) != 0) {
		rp_strbuf_addf(tried, "; password: %s", why);
		free(why);
		return 1;
	}
	bound(s);
	if (has_method(methods, "password"))
		r = libssh2_userauth_password_ex(s->sess, s->user,
		    (unsigned int)strlen(s->user), pw,
		    (unsigned int)strlen(pw), NULL);
	if (r != 0 && !is_net_error(r) &&
	    has_method(methods, "keyboard-interactive")) {
		s->password = pw;
		s->kbd_rounds = 0;
		r = libssh2_userauth_keyboard_interactive_ex(s->sess, s->user,
		    (unsigned int)strlen(s->user), kbd_answer);
		s->password = NULL;
	}
	rp_secret_free(pw);
	if (r != 0 && !is_net_error(r)) {
		rp_strbuf_addf(tried, "; password from '%s' refused", file);
		r = 1;
	}
	return r;
}

static int
auth_fail(struct rp_ssh *s, struct rp_ssh_info *info, int r,
    const char *methods, struct rp_strbuf *tried, char **cause)
{
	if (r == LIBSSH2_ERROR_TIMEOUT) {
		/* the server (or this machine) too busy to finish the
		 * login in time: the caller names the limit and its option */
		info->status = RP_TS_ERROR;
		return rp_fail(cause, RP_ERR_TIMEOUT, "authentication not "
		    "finished in time (a busy server, or too many logins at "
		    "once for this machine: raise --connect-timeout or lower "
		    "-j)");
	}
	if (r < 0) {
		info->status = RP_TS_ERROR;
		return rp_fail(cause, RP_ERR_NET, "connection lost during "
		    "authentication: %s", last_error(s->sess));
	}
	info->status = RP_TS_AUTH_FAILED;
	if (tried->len == 0)
		return rp_fail(cause, RP_ERR_AUTH, "no credential for user "
		    "'%s' (server offers %s): set ansible_ssh_private_key_"
		    "file (-k), password_file, or run ssh-agent", s->user,
		    methods);
	return rp_fail(cause, RP_ERR_AUTH, "authentication failed for user "
	    "'%s' (server offers %s)%s", s->user, methods,
	    rp_strbuf_str(tried));
}

static int
authenticate(struct rp_ssh *s, const struct rp_ssh_conf *c,
    const struct rp_inv_host *h, struct rp_ssh_info *info, char **cause)
{
	struct rp_strbuf tried = RP_STRBUF_INIT(8192);
	const char *key = h->key_file ? h->key_file : c->default_key;
	char *list, *methods;
	int r = 1;

	bound(s);
	list = libssh2_userauth_list(s->sess, s->user,
	    (unsigned int)strlen(s->user));
	if (list == NULL && libssh2_userauth_authenticated(s->sess)) {
		info->auth = "none";
		return 0;
	}
	if (list == NULL)
		return auth_fail(s, info, -1, "", &tried, cause);
	methods = xstrdup(list);
	if (key != NULL && has_method(methods, "publickey") &&
	    (r = try_key(s, key, h->key_passphrase_file, &tried)) == 0)
		info->auth = "publickey";
	if (r > 0 && has_method(methods, "publickey") &&
	    (r = try_agent(s, &tried)) == 0)
		info->auth = "agent";
	if (r > 0 && h->password_file != NULL &&
	    (r = try_password(s, h->password_file, methods, &tried)) == 0)
		info->auth = "password";
	if (r != 0)
		r = auth_fail(s, info, r, methods, &tried, cause);
	free(methods);
	rp_strbuf_release(&tried);
	return r;
}

int
rp_ssh_open(const struct rp_ssh_conf *c, const struct rp_inv_host *h,
    long long deadline, struct rp_ssh **out, struct rp_ssh_info *info,
    char **cause)
{
	struct rp_ssh *s = NULL;
	struct rp_jump *jump = NULL;
	long long t0 = rp_now_ms(), odl;
	int r;

	/* connect_ms bounds each login (TCP, kex, auth), deadline the rest */
	odl = t0 + c->connect_ms < deadline ? t0 + c->connect_ms : deadline;
	if (h->jump_host != NULL && (r = rp_jump_open(c, h, odl, &jump,
	    &info->status, cause)) != 0)
		return r;
	t0 = rp_now_ms();
	odl = t0 + c->connect_ms < deadline ? t0 + c->connect_ms : deadline;
	if ((r = open_verified(c, h, odl, jump, &s, info, cause)) != 0) {
		rp_jump_close(jump);
		return r;
	}
	s->own_jump = 1;
	s->user = xstrdup(h->user ? h->user : c->default_user);
	t0 = rp_now_ms();
	if ((r = authenticate(s, c, h, info, cause)) != 0) {
		ssh_free(s);
		return r;
	}
	s->deadline = deadline;
	info->ms_auth = (long)(rp_now_ms() - t0);
	info->status = RP_TS_OK;
	*out = s;
	return 0;
}

/* ------------------------------------------------------------ run */

/* A raw pty: no echo, no line discipline, no signals, no output mapping. */
static const unsigned char raw_modes[] = {
	53, 0, 0, 0, 0,		/* ECHO */
	56, 0, 0, 0, 0,		/* ECHONL */
	51, 0, 0, 0, 0,		/* ICANON */
	50, 0, 0, 0, 0,		/* ISIG */
	59, 0, 0, 0, 0,		/* IEXTEN */
	38, 0, 0, 0, 0,		/* IXON */
	36, 0, 0, 0, 0,		/* ICRNL */
	70, 0, 0, 0, 0,		/* OPOST */
	0,			/* TTY_OP_END */
};

static int
chan_fail(struct rp_ssh *s, int r, const char *what, char **cause)
{
	if (r == LIBSSH2_ERROR_TIMEOUT)
		return rp_fail(cause, RP_ERR_TIMEOUT, "%s: timed out", what);
	return rp_fail(cause, RP_ERR_NET, "%s: %s", what, last_error(s->sess));
}

static int
chan_start(struct rp_ssh *s, const char *command, int pty,
    LIBSSH2_CHANNEL **out, char **cause)
{
	LIBSSH2_CHANNEL *ch;
	int r;

	libssh2_session_set_blocking(s->sess, 1);
	bound(s);
	if ((ch = libssh2_channel_open_session(s->sess)) == NULL)
		return chan_fail(s, libssh2_session_last_errno(s->sess),
		    "cannot open a channel", cause);
	libssh2_channel_handle_extended_data2(ch,
	    LIBSSH2_CHANNEL_EXTENDED_DATA_IGNORE);
	if (pty && (r = libssh2_channel_request_pty_ex(ch, "dumb", 4,
	    (const char *)raw_modes, sizeof(raw_modes), 80, 24, 0, 0)) != 0) {
		libssh2_channel_free(ch);
		return chan_fail(s, r, "the server refused a pty", cause);
	}
	if ((r = libssh2_channel_exec(ch, command)) != 0) {
		libssh2_channel_free(ch);
		return chan_fail(s, r, "the server refused to run a command",
		    cause);
	}
	*out = ch;
	return 0;
}

/* Until the socket is ready the way libssh2 waits, the deadline, or a
 * stop: the stop descriptor is in the poll set, so no periodic wake-up. */
static void
wait_socket(struct rp_ssh *s)
{
	int dir = libssh2_session_block_directions(s->sess);

	/* always POLLIN: a reply may come while a write waits */
	wait_fd(s->fd, (short)(POLLIN | (dir & LIBSSH2_SESSION_BLOCK_OUTBOUND ?
	    POLLOUT : 0)), s->stop_fd, s->deadline);
}

struct io {
	const char	*in;
	size_t		 inlen, inoff;
	int		 eof_sent, want_eof;
	rp_ssh_sink	 sink;
	void		*arg;
};

/* One round of writing and reading; 1 when done, 0 to go on, <0 error. */
static int
io_round(struct rp_ssh *s, LIBSSH2_CHANNEL *ch, struct io *io, int *busy)
{
	char buf[32768];
	ssize_t n;

	*busy = 0;
	if (io->inoff < io->inlen) {
		n = libssh2_channel_write(ch, io->in + io->inoff,
		    io->inlen - io->inoff);
		if (n < 0 && n != LIBSSH2_ERROR_EAGAIN)
			return (int)n;
		if (n > 0) {
			io->inoff += (size_t)n;
			*busy = 1;
		}
	} else if (io->want_eof && !io->eof_sent) {
		n = libssh2_channel_send_eof(ch);
		if (n < 0 && n != LIBSSH2_ERROR_EAGAIN)
			return (int)n;
		io->eof_sent = n == 0;
	}
	n = libssh2_channel_read(ch, buf, sizeof(buf));
	if (n > 0) {
		*busy = 1;
		return io->sink(io->arg, buf, (size_t)n) != 0;
	}
	if (n < 0 && n != LIBSSH2_ERROR_EAGAIN)
		return (int)n;
	return libssh2_channel_eof(ch) ? 1 : 0;
}

static int
io_loop(struct rp_ssh *s, LIBSSH2_CHANNEL *ch, struct io *io, char **cause)
{
	int r, busy;

	libssh2_session_set_blocking(s->sess, 0);
	for (;;) {
		if (*s->stop)
			return rp_fail(cause, RP_ERR_INTERRUPTED,
			    "interrupted");
		if (rp_now_ms() >= s->deadline)
			return rp_fail(cause, RP_ERR_TIMEOUT, "timed out");
		if ((r = io_round(s, ch, io, &busy)) > 0)
			return 0;
		if (r < 0)
			return rp_fail(cause, RP_ERR_NET, "connection lost: %s",
			    last_error(s->sess));
		if (!busy)
			wait_socket(s);
	}
}

int
rp_ssh_run(struct rp_ssh *s, const char *command, int pty,
    const char *input, size_t inlen, rp_ssh_sink sink, void *arg,
    long long deadline, char **cause)
{
	LIBSSH2_CHANNEL *ch = NULL;
	struct io io;
	int r;

	s->deadline = deadline;
	memset(&io, 0, sizeof(io));
	io.in = input;
	io.inlen = inlen;
	io.want_eof = !pty;	/* a pty has no end of file: the script exits */
	io.sink = sink;
	io.arg = arg;
	if ((r = chan_start(s, command, pty, &ch, cause)) != 0)
		return r;
	r = io_loop(s, ch, &io, cause);
	libssh2_session_set_blocking(s->sess, 1);
	libssh2_session_set_timeout(s->sess, CLOSE_MS);
	if (r != 0)
		shutdown(s->fd, SHUT_RDWR);	/* no goodbye: end now */
	else
		libssh2_channel_close(ch);
	libssh2_channel_free(ch);
	return r;
}
