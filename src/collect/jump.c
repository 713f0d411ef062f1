/*
 * jump.c -- ProxyJump with libssh2: a relay thread owns the jump session
 * (libssh2 sessions are not shared between threads) and copies bytes both
 * ways between a direct-tcpip channel and a socketpair, without ever
 * blocking on one side while the other has data.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libssh2.h>

#include "collect/inventory.h"
#include "collect/jump.h"
#include "collect/ssh.h"
#include "core/err.h"
#include "core/log.h"
#include "core/xmalloc.h"
#include "core/banned.h"

#define RELAY_BUF	32768

struct pending {
	char	buf[RELAY_BUF];
	size_t	len, off;
};

struct rp_jump {
	struct rp_ssh		*ssh;		/* the jump session */
	char			*spec;		/* for messages */
	LIBSSH2_CHANNEL		*ch;		/* current forwarding */
	int			 sv;		/* our end of the socketpair */
	pthread_t		 thread;
	int			 running;
	volatile int		 quit;
	struct pending		 up, down;	/* to the channel, to sv */
};

static int
remaining_ms(long long deadline)
{
	long long r = deadline - rp_now_ms();

	return r < 1 ? 1 : r > 3600000 ? 3600000 : (int)r;
}

/* socketpair -> channel; 1 when sv reached end of file. */
static int
pump_up(struct rp_jump *j, int *busy)
{
	struct pending *p = &j->up;
	ssize_t n;

	if (p->off == p->len) {
		n = recv(j->sv, p->buf, sizeof(p->buf), MSG_DONTWAIT);
		if (n == 0)
			return 1;
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -1;
		p->len = (size_t)n;
		p->off = 0;
		*busy = 1;
	}
	n = libssh2_channel_write(j->ch, p->buf + p->off, p->len - p->off);
	if (n > 0) {
		p->off += (size_t)n;
		*busy = 1;
	} else if (n < 0 && n != LIBSSH2_ERROR_EAGAIN)
		return -1;
	return 0;
}

/* channel -> socketpair; 1 when the channel reached end of file. */
static int
pump_down(struct rp_jump *j, int *busy)
{
	struct pending *p = &j->down;
	ssize_t n;

	if (p->off == p->len) {
		n = libssh2_channel_read(j->ch, p->buf, sizeof(p->buf));
		if (n < 0 && n != LIBSSH2_ERROR_EAGAIN)
			return -1;
		if (n <= 0)
			return libssh2_channel_eof(j->ch) ? 1 : 0;
		p->len = (size_t)n;
		p->off = 0;
		*busy = 1;
	}
	n = send(j->sv, p->buf + p->off, p->len - p->off,
	    MSG_DONTWAIT | MSG_NOSIGNAL);
	if (n > 0) {
		p->off += (size_t)n;
		*busy = 1;
	} else if (n < 0 && errno != EAGAIN && errno != EINTR)
		return -1;
	return 0;
}

static void
relay_wait(struct rp_jump *j)
{
	LIBSSH2_SESSION *s = rp_ssh_session(j->ssh);
	struct pollfd pfd[2];
	int dir = libssh2_session_block_directions(s);

	pfd[0].fd = rp_ssh_fd(j->ssh);
	pfd[0].events = POLLIN;
	if (dir & LIBSSH2_SESSION_BLOCK_OUTBOUND)
		pfd[0].events |= POLLOUT;
	pfd[1].fd = j->sv;
	pfd[1].events = j->up.off == j->up.len ? POLLIN : 0;
	if (j->down.off < j->down.len)
		pfd[1].events |= POLLOUT;
	(void)poll(pfd, 2, -1);	/* relay_stop wakes it through sv */
}

static void *
relay(void *arg)
{
	struct rp_jump *j = arg;
	int busy, up_eof = 0, down_eof = 0, r;

	while (!j->quit && !(up_eof && down_eof)) {
		busy = 0;
		if (!up_eof && (r = pump_up(j, &busy)) != 0) {
			if (r < 0)
				break;
			up_eof = 1;
			libssh2_channel_send_eof(j->ch);
		}
		if (!down_eof && (r = pump_down(j, &busy)) != 0) {
			if (r < 0)
				break;
			down_eof = 1;
			shutdown(j->sv, SHUT_WR);
		}
		if (!busy)
			relay_wait(j);
	}
	shutdown(j->sv, SHUT_RDWR);	/* the target session sees the end */
	return NULL;
}

static void
relay_stop(struct rp_jump *j)
{
	LIBSSH2_SESSION *s = rp_ssh_session(j->ssh);

	if (j->running) {
		j->quit = 1;
		shutdown(j->sv, SHUT_RDWR);	/* ends the relay's poll */
		pthread_join(j->thread, NULL);
		j->running = 0;
	}
	if (j->ch != NULL) {
		libssh2_session_set_blocking(s, 1);
		libssh2_session_set_timeout(s, 1000);
		libssh2_channel_free(j->ch);
		j->ch = NULL;
	}
	if (j->sv >= 0)
		close(j->sv);
	j->sv = -1;
}

int
rp_jump_open(const struct rp_ssh_conf *c, const struct rp_inv_host *target,
    long long deadline, struct rp_jump **out, enum rp_tstatus *st,
    char **cause)
{
	struct rp_inv_host jh;
	struct rp_ssh_info info;
	struct rp_jump *j;
	char *why = NULL;
	int r;

	memset(&jh, 0, sizeof(jh));
	memset(&info, 0, sizeof(info));
	*st = RP_TS_ERROR;
	if ((r = rp_parse_hostspec(target->jump_host, &jh.user, &jh.address,
	    &jh.port, cause)) != 0)
		return r;
	jh.alias = jh.address;
	jh.port = jh.port ? jh.port : RP_SSH_DEFAULT_PORT;
	if (jh.user == NULL && target->user != NULL)
		jh.user = xstrdup(target->user);
	jh.key_file = target->key_file;
	jh.key_passphrase_file = target->key_passphrase_file;
	j = xcalloc(1, sizeof(*j));
	j->sv = -1;
	j->spec = xstrdup(target->jump_host);
	if ((r = rp_ssh_open(c, &jh, deadline, &j->ssh, &info, &why)) != 0) {
		*st = info.status;
		rp_fail(cause, r, "jump host '%s': %s", j->spec, why);
		free(why);
		free(j->spec);
		free(j);
	} else
		*out = j;
	rp_ssh_info_release(&info);
	free(jh.user);
	free(jh.address);
	return r;
}

int
rp_jump_connect(struct rp_jump *j, const char *host, int port,
    long long deadline, int *fd, char **cause)
{
	LIBSSH2_SESSION *s = rp_ssh_session(j->ssh);
	int sv[2];

	relay_stop(j);
	libssh2_session_set_blocking(s, 1);
	libssh2_session_set_timeout(s, remaining_ms(deadline));
	j->ch = libssh2_channel_direct_tcpip_ex(s, host, port, "127.0.0.1", 0);
	if (j->ch == NULL) {
		char *msg = NULL;

		libssh2_session_last_error(s, &msg, NULL, 0);
		return rp_fail(cause, RP_ERR_NET, "jump host '%s' did not "
		    "connect to '%s' port %d: %s", j->spec, host, port,
		    msg ? msg : "refused");
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		return rp_fail(cause, RP_ERR_IO, "socketpair: %s",
		    strerror(errno));
	j->sv = sv[1];
	j->quit = 0;
	memset(&j->up, 0, sizeof(j->up));
	memset(&j->down, 0, sizeof(j->down));
	libssh2_session_set_blocking(s, 0);
	if (pthread_create(&j->thread, NULL, relay, j) != 0) {
		close(sv[0]);
		return rp_fail(cause, RP_ERR_NOMEM, "cannot start a relay "
		    "thread");
	}
	j->running = 1;
	*fd = sv[0];
	return 0;
}

void
rp_jump_close(struct rp_jump *j)
{
	if (j == NULL)
		return;
	relay_stop(j);
	rp_ssh_close(j->ssh);
	free(j->spec);
	free(j);
}
