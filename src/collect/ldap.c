#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LDAP_DEPRECATED 0
#include <ldap.h>
#include <sasl/sasl.h>

#include "collect/collect.h"
#include "collect/inventory.h"
#include "collect/ldap.h"
#include "core/err.h"
#include "core/file.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "content/probes.h"
#include "evidence/bundle.h"
#include "evidence/ldif_write.h"
#include "core/banned.h"

#define OID_SD_FLAGS		"1.2.840.113556.1.4.801"
#define DEFAULT_PAGE		500
#define DEFAULT_MAX_ENTRIES	5000000
/* The largest LDAP message read: one entry, or a page's result. */
#define MAX_PDU			(64u << 20)
/* How long a wait may last before the stop flag and clock are read. */
#define SLICE_MS		250

static char	*printable_url(const char *);

struct ldap_run {
	const struct rp_ldap_conf	*conf;
	LDAP				*ld;
	char				*naming_context;
	char				*config_context;
	char				*schema_context;
	char				**ncs;	/* namingContexts */
	struct rp_target_ev		*t;
	struct rp_bundle_writer		*w;
	int				 page;	/* entries per page */
	int				 down;	/* connection lost */
	int				 connected;	/* TCP connected */
	int				 timed_out;	/* a read or write timed out */
	long long			 stall_since;	/* ms: EAGAIN since */
	long long			 deadline;	/* ms: run limit; 0: none */
	long				 run_ms;	/* its length */
	size_t				 target_left;	/* bytes */
	size_t				 probe_cap;	/* bytes */
	int				 stopped;	/* SIGINT/SIGTERM */
	int				 late;		/* deadline passed */
	int				 closing;	/* unbinding */
	int				 spent;		/* target budget spent */
	struct ldap_conncb		 cb;
};

/* Map a libldap result code to RP_ERR_* (curl's oldap_map_error). */
static int
map_error(int rc)
{
	switch (rc) {
	case LDAP_SUCCESS:
		return 0;
	case LDAP_INVALID_CREDENTIALS:
	case LDAP_INAPPROPRIATE_AUTH:
	case LDAP_STRONG_AUTH_REQUIRED:
	case LDAP_CONFIDENTIALITY_REQUIRED:
		return RP_ERR_AUTH;
	case LDAP_SERVER_DOWN:
	case LDAP_CONNECT_ERROR:
		return RP_ERR_NET;
	case LDAP_TIMEOUT:
	case LDAP_TIMELIMIT_EXCEEDED:
		return RP_ERR_TIMEOUT;
	case LDAP_SIZELIMIT_EXCEEDED:
	case LDAP_ADMINLIMIT_EXCEEDED:
		return RP_ERR_TOO_LARGE;
	case LDAP_NO_MEMORY:
		return RP_ERR_NOMEM;
	default:
		return RP_ERR_PROTO;
	}
}

static int
read_password(const char *path, struct berval *out, char **cause)
{
	char *s = NULL;
	int r;

	if ((r = rp_secret_read(path, &s, cause)) != 0)
		return r;
	out->bv_val = s;
	out->bv_len = strlen(s);
	return 0;
}

static void
wipe_password(struct berval *bv)
{
	rp_secret_free(bv->bv_val);
	bv->bv_val = NULL;
	bv->bv_len = 0;
}

static int
sasl_interact(LDAP *ld, unsigned flags, void *defaults, void *in)
{
	sasl_interact_t *it = in;

	/* GSSAPI takes its identity from the Kerberos ticket cache */
	for (; it != NULL && it->id != SASL_CB_LIST_END; it++) {
		it->result = it->defresult ? it->defresult : "";
		it->len = (unsigned)strlen(it->result);
	}
	return LDAP_SUCCESS;
}

/*
 * A layer between TLS and the socket. libldap runs the TLS handshake of an
 * ldaps:// connection with no timeout, and GnuTLS retries EAGAIN for ever
 * (on a non-blocking socket, a busy loop): a read or write that would
 * block waits here for the socket, and when nothing came for the timeout
 * it fails with ETIMEDOUT. A blocking socket's EAGAIN is SO_RCVTIMEO or
 * SO_SNDTIMEO running out: ETIMEDOUT at once. Any transfer resets the
 * clock.
 */
static int
tmo_setup(Sockbuf_IO_Desc *sbiod, void *arg)
{
	sbiod->sbiod_pvt = arg;
	return 0;
}

static int
tmo_remove(Sockbuf_IO_Desc *sbiod)
{
	(void)sbiod;
	return 0;
}

static int
tmo_ctrl(Sockbuf_IO_Desc *sbiod, int opt, void *arg)
{
	return LBER_SBIOD_CTRL_NEXT(sbiod, opt, arg);
}

static long long
mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Has the run been stopped (signal) or has its deadline passed? */
static int
halted(struct ldap_run *r)
{
	if (r->conf->stop != NULL && *r->conf->stop)
		r->stopped = 1;
	if (r->deadline > 0 && mono_ms() >= r->deadline)
		r->late = 1;
	return r->stopped || r->late;
}

/*
 * After a read or write. A read that would block waits at most SLICE_MS
 * (SO_RCVTIMEO on a blocking socket, poll on a non-blocking one, with the
 * stop descriptor) and then says EAGAIN, so that libldap goes back to its
 * own wait: a stop request or the run's deadline is seen within a second
 * even while a server drips a message byte by byte. The stall clock is
 * the operation timeout.
 */
static ber_slen_t
tmo_check(Sockbuf_IO_Desc *sbiod, ber_slen_t n, short events)
{
	struct ldap_run *r = sbiod->sbiod_pvt;
	long long now, left;
	struct pollfd pfd[2];
	ber_socket_t fd;
	int fl;

	if (n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
		r->stall_since = 0;
		return n;
	}
	if (ber_sockbuf_ctrl(sbiod->sbiod_sb, LBER_SB_OPT_GET_FD, &fd) != 1 ||
	    (fl = fcntl(fd, F_GETFL)) < 0)
		return n;
	now = mono_ms();
	if (r->stall_since == 0)
		r->stall_since = now;
	left = (long long)(r->conf->timeout > 0 ? r->conf->timeout : 30) *
	    1000 - (now - r->stall_since);
	if (halted(r)) {
		errno = ETIMEDOUT;
		return -1;
	}
	if (left <= 0 || (!(fl & O_NONBLOCK) && events != POLLIN)) {
		r->timed_out = 1;
		errno = ETIMEDOUT;
		return -1;
	}
	if (!(fl & O_NONBLOCK) || r->closing) {
		errno = EAGAIN;	/* SO_RCVTIMEO (a slice) ran out */
		return -1;
	}
	pfd[0].fd = fd;
	pfd[0].events = events;
	pfd[1].fd = r->conf->stop_fd;
	pfd[1].events = POLLIN;
	pfd[0].revents = pfd[1].revents = 0;
	poll(pfd, 2, (int)(left < SLICE_MS ? left : SLICE_MS));
	errno = EAGAIN;
	return -1;
}

static ber_slen_t
tmo_read(Sockbuf_IO_Desc *sbiod, void *buf, ber_len_t len)
{
	return tmo_check(sbiod, LBER_SBIOD_READ_NEXT(sbiod, buf, len), POLLIN);
}

static ber_slen_t
tmo_write(Sockbuf_IO_Desc *sbiod, void *buf, ber_len_t len)
{
	return tmo_check(sbiod, LBER_SBIOD_WRITE_NEXT(sbiod, buf, len),
	    POLLOUT);
}

static int
tmo_close(Sockbuf_IO_Desc *sbiod)
{
	(void)sbiod;
	return 0;
}

static Sockbuf_IO tmo_io = { tmo_setup, tmo_remove, tmo_ctrl, tmo_read,
	tmo_write, tmo_close };

/*
 * Every new connection (called before libldap adds its TCP layer and, for
 * ldaps://, before the TLS handshake): a cap on the size of one message,
 * so that a server's BER length is never trusted for an allocation, and
 * the timeout layer above, just over the TCP layer.
 */
static int
on_connect(LDAP *ld, Sockbuf *sb, LDAPURLDesc *srv, struct sockaddr *addr,
    struct ldap_conncb *ctx)
{
	struct ldap_run *r = ctx->lc_arg;
	struct timeval tv = { r->conf->timeout > 0 ? r->conf->timeout : 30, 0 };
	struct timeval slice = { 0, SLICE_MS * 1000 };
	ber_len_t max = MAX_PDU;
	ber_socket_t fd;

	(void)ld;
	(void)srv;
	(void)addr;
	r->connected = 1;
	ber_sockbuf_ctrl(sb, LBER_SB_OPT_SET_MAX_INCOMING, &max);
	if (ber_sockbuf_ctrl(sb, LBER_SB_OPT_GET_FD, &fd) == 1 &&
	    ber_sockbuf_ctrl(sb, LBER_SB_OPT_HAS_IO, &tmo_io) != 1) {
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &slice,
		    sizeof(slice));
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
		ber_sockbuf_add_io(sb, &tmo_io, LBER_SBIOD_LEVEL_PROVIDER + 1,
		    r);
	}
	return LDAP_SUCCESS;
}

static void
on_close(LDAP *ld, Sockbuf *sb, struct ldap_conncb *ctx)
{
	(void)ld;
	(void)sb;
	(void)ctx;
}

/* "ldap", "ldaps" or "ldapi" of a checked URL; NULL otherwise. */
static const char *
url_scheme(const char *url)
{
	if (strncasecmp(url, "ldaps://", 8) == 0)
		return "ldaps";
	if (strncasecmp(url, "ldapi://", 8) == 0)
		return "ldapi";
	if (strncasecmp(url, "ldap://", 7) == 0)
		return "ldap";
	return NULL;
}

int
rp_ldap_url_check(const char *url, char **cause)
{
	LDAPURLDesc *lud = NULL;
	int rc;

	/* libldap takes "URL URL" or "URL,URL" as a list to fall back on */
	if (strpbrk(url, " \t\r\n,") != NULL)
		return rp_fail(cause, RP_ERR_INVALID, "one URL per target: a "
		    "list (blank or comma) would let libldap fall back to "
		    "another server, maybe in clear text");
	if (url_scheme(url) == NULL)
		return rp_fail(cause, RP_ERR_INVALID, "expected ldap://, "
		    "ldaps:// or ldapi://");
	if ((rc = ldap_url_parse(url, &lud)) != LDAP_URL_SUCCESS)
		return rp_fail(cause, RP_ERR_INVALID, "not an LDAP URL "
		    "(ldap_url_parse error %d)", rc);
	rc = 0;
	if (lud->lud_next != NULL || strcasecmp(lud->lud_scheme,
	    url_scheme(url)) != 0)
		rc = rp_fail(cause, RP_ERR_INVALID, "one URL per target");
	else if (strcmp(url_scheme(url), "ldapi") != 0 &&
	    (lud->lud_host == NULL || *lud->lud_host == '\0'))
		rc = rp_fail(cause, RP_ERR_INVALID, "no host in the URL");
	ldap_free_urldesc(lud);
	return rc;
}

int
rp_ldap_transport_check(const struct rp_ldap_conf *c, char **cause)
{
	const char *scheme = url_scheme(c->url);

	if (c->sasl_mech != NULL || c->bind_dn == NULL ||
	    c->password_file == NULL || scheme == NULL ||
	    strcmp(scheme, "ldap") != 0 || c->starttls ||
	    c->insecure_plain_bind)
		return 0;
	return rp_fail(cause, RP_ERR_INVALID, "refusing to send the bind "
	    "password of '%s' in clear text over ldap:// without StartTLS: "
	    "use ldaps://, starttls=yes or ldapi:// (or --insecure-plain-bind, "
	    "recorded in the evidence)", c->bind_dn);
}

/*
 * The next message of msgid (all: LDAP_MSG_ALL or LDAP_MSG_ONE), waited
 * for in slices so that the stop flag and the run's deadline are read at
 * least every SLICE_MS. Returns its type (> 0), 0 when nothing came
 * within the operation timeout, -1 when the connection failed, -2 when
 * stopped or late.
 */
static int
wait_msg(struct ldap_run *r, int msgid, int all, LDAPMessage **msg)
{
	long long start = mono_ms(), tmo = 1000LL * (r->conf->timeout > 0 ?
	    r->conf->timeout : 30);
	struct timeval tv;
	int type;

	*msg = NULL;
	for (;;) {
		if (halted(r))
			return -2;
		tv.tv_sec = 0;
		tv.tv_usec = SLICE_MS * 1000;
		type = ldap_result(r->ld, msgid, all, &tv, msg);
		if (type < 0 && halted(r))
			return -2;
		if (type != 0)
			return type < 0 ? -1 : type;
		if (mono_ms() - start >= tmo)
			return 0;
	}
}

static int
set_options(struct ldap_run *r, char **cause)
{
	const struct rp_ldap_conf *c = r->conf;
	struct timeval tv = { c->timeout > 0 ? c->timeout : 30, 0 };
	int v3 = LDAP_VERSION3, demand = LDAP_OPT_X_TLS_DEMAND;
	int never = LDAP_OPT_X_TLS_NEVER, zero = 0, rc;

	rc = ldap_initialize(&r->ld, c->url);
	if (rc != LDAP_SUCCESS)
		return rp_fail(cause, RP_ERR_INVALID, "bad LDAP URL '%s': %s",
		    c->url, ldap_err2string(rc));
	ldap_set_option(r->ld, LDAP_OPT_PROTOCOL_VERSION, &v3);
	ldap_set_option(r->ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
	ldap_set_option(r->ld, LDAP_OPT_NETWORK_TIMEOUT, &tv);
	ldap_set_option(r->ld, LDAP_OPT_TIMEOUT, &tv);
	ldap_set_option(r->ld, LDAP_OPT_X_TLS_REQUIRE_CERT,
	    c->insecure_tls ? &never : &demand);
	if (c->ca_file != NULL)
		ldap_set_option(r->ld, LDAP_OPT_X_TLS_CACERTFILE, c->ca_file);
	ldap_set_option(r->ld, LDAP_OPT_X_TLS_NEWCTX, &zero);
	r->cb.lc_add = on_connect;
	r->cb.lc_del = on_close;
	r->cb.lc_arg = r;
	ldap_set_option(r->ld, LDAP_OPT_CONNECT_CB, &r->cb);
	return 0;
}

/*
 * libldap reports a refused certificate as "Can't contact LDAP server":
 * when TCP does connect, say what really failed.
 */
static int
tls_refused(const char *url, int timeout)
{
	LDAPURLDesc *lud = NULL;
	struct addrinfo hints, *ai = NULL;
	struct pollfd pfd;
	char port[16];
	int fd = -1, ok = 0, err = 0;
	socklen_t len = sizeof(err);

	if (ldap_url_parse(url, &lud) != LDAP_SUCCESS || lud->lud_host == NULL)
		goto out;
	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	snprintf(port, sizeof(port), "%d", lud->lud_port ? lud->lud_port :
	    strcmp(lud->lud_scheme, "ldaps") == 0 ? 636 : 389);
	if (getaddrinfo(lud->lud_host, port, &hints, &ai) != 0)
		goto out;
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0);
	if (fd < 0)
		goto out;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 &&
	    errno != EINPROGRESS)
		goto out;
	pfd.fd = fd;
	pfd.events = POLLOUT;
	if (poll(&pfd, 1, (timeout > 0 ? timeout : 10) * 1000) == 1 &&
	    getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)
		ok = 1;
out:
	if (fd >= 0)
		close(fd);
	if (ai != NULL)
		freeaddrinfo(ai);
	ldap_free_urldesc(lud);
	return ok;
}

/*
 * StartTLS. libldap reports a refused certificate as "Connect error" with
 * no detail ("(unknown error code)"): name the certificate check instead.
 */
static int
start_tls(struct ldap_run *r, char **cause)
{
	const struct rp_ldap_conf *c = r->conf;
	char *msg = NULL, *d;
	int rc, err;

	rc = ldap_start_tls_s(r->ld, NULL, NULL);
	if (rc == LDAP_SUCCESS)
		return 0;
	if (rc == LDAP_SERVER_DOWN)
		return rp_fail(cause, RP_ERR_NET, "StartTLS with '%s' failed: "
		    "cannot connect", c->url);
	if (rc == LDAP_CONNECT_ERROR)
		return rp_fail(cause, RP_ERR_PROTO, "StartTLS with '%s' "
		    "failed: the server certificate is not trusted by %s%s, "
		    "or does not name this host", c->url, c->ca_file ?
		    "the CA file " : "the system's CAs", c->ca_file ?
		    c->ca_file : "");
	ldap_get_option(r->ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &msg);
	d = msg && *msg ? printable_url(msg) : NULL;	/* hostile */
	ldap_memfree(msg);
	err = rp_fail(cause, RP_ERR_PROTO, "StartTLS with '%s' failed: the "
	    "server refused it: %s%s%s", c->url, ldap_err2string(rc),
	    d ? ": " : "", d ? d : "");
	free(d);
	return err;
}

/* The port a URL names, or its scheme's default (0 for ldapi://). */
static int
url_port(const char *url)
{
	LDAPURLDesc *lud = NULL;
	int port = 0;

	if (ldap_url_parse(url, &lud) == LDAP_SUCCESS) {
		port = lud->lud_port;
		if (port == 0 && strcmp(lud->lud_scheme, "ldaps") == 0)
			port = 636;
		else if (port == 0 && strcmp(lud->lud_scheme, "ldap") == 0)
			port = 389;
	}
	ldap_free_urldesc(lud);
	return port;
}

static int
bind_sasl(struct ldap_run *r, int tls)
{
	/*
	 * Inside TLS, AD refuses GSSAPI sign and seal ("Sign or Seal are not
	 * allowed if TLS is used"): ask for neither, as "ldapsearch -O
	 * maxssf=0" does. Without TLS, insist on a sealed session so that
	 * nothing travels in clear. Use the host name of the URL for the
	 * service principal, not a reverse DNS lookup.
	 */
	ldap_set_option(r->ld, LDAP_OPT_X_SASL_SECPROPS, tls ? "maxssf=0" :
	    "minssf=56");
	ldap_set_option(r->ld, LDAP_OPT_X_SASL_NOCANON, LDAP_OPT_ON);
	return ldap_sasl_interactive_bind_s(r->ld, NULL, r->conf->sasl_mech,
	    NULL, NULL, LDAP_SASL_QUIET, sasl_interact, NULL);
}

/*
 * Simple bind: the LDAP result code in *rc; returns an RP_ERR_* only when
 * the password file cannot be read.
 */
static int
bind_simple(struct ldap_run *r, int *rc, char **cause)
{
	const struct rp_ldap_conf *c = r->conf;
	struct berval pw = { 0, NULL };
	LDAPMessage *res = NULL;
	int err, msgid, type;

	if ((err = rp_ldap_transport_check(c, cause)) != 0)
		return err;	/* nothing read, nothing sent */
	if (c->bind_dn != NULL && c->password_file != NULL &&
	    (err = read_password(c->password_file, &pw, cause)) != 0)
		return err;
	*rc = ldap_sasl_bind(r->ld, c->bind_dn ? c->bind_dn : "",
	    LDAP_SASL_SIMPLE, &pw, NULL, NULL, &msgid);
	wipe_password(&pw);
	if (*rc != LDAP_SUCCESS)
		return 0;
	type = wait_msg(r, msgid, LDAP_MSG_ALL, &res);
	if (type == -2) {
		ldap_msgfree(res);
		return rp_fail(cause, RP_ERR_INTERRUPTED, "interrupted during "
		    "the bind to '%s'", c->url);
	}
	if (type == 0) {
		ldap_abandon_ext(r->ld, msgid, NULL, NULL);
		*rc = LDAP_TIMEOUT;
	} else if (type < 0) {
		if (ldap_get_option(r->ld, LDAP_OPT_RESULT_CODE, rc) !=
		    LDAP_OPT_SUCCESS || *rc == LDAP_SUCCESS)
			*rc = LDAP_SERVER_DOWN;
	} else if (ldap_parse_result(r->ld, res, rc, NULL, NULL, NULL, NULL,
	    0) != LDAP_SUCCESS)
		*rc = LDAP_DECODING_ERROR;
	ldap_msgfree(res);
	return 0;
}

static int
bind_failed(struct ldap_run *r, int rc, int tls, char **cause)
{
	const struct rp_ldap_conf *c = r->conf;
	char *msg = NULL, *d;

	ldap_get_option(r->ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &msg);
	d = msg && *msg ? printable_url(msg) : NULL;	/* hostile */
	ldap_memfree(msg);
	rp_fail(cause, map_error(rc), "bind to '%s' as '%s' failed: %s%s%s%s",
	    c->url, c->bind_dn ? c->bind_dn : c->sasl_mech ? c->sasl_mech :
	    "anonymous", ldap_err2string(rc), d ? ": " : "", d ? d : "",
	    c->sasl_mech && tls ? " (with GSSAPI, an ldap:// URL without "
	    "StartTLS is protected too: Kerberos seals the session)" : "");
	free(d);
	return map_error(rc);
}

static int
connect_bind(struct ldap_run *r, char **cause)
{
	const struct rp_ldap_conf *c = r->conf;
	int rc, err, tls = c->starttls || strncasecmp(c->url, "ldaps:",
	    6) == 0;

	if ((rc = rp_ldap_url_check(c->url, cause)) != 0 ||
	    (rc = rp_ldap_transport_check(c, cause)) != 0)
		return rc;
	if ((rc = set_options(r, cause)) != 0)
		return rc;
	if (c->starttls && (rc = start_tls(r, cause)) != 0)
		return rc;
	if (c->sasl_mech != NULL)
		rc = bind_sasl(r, tls);
	else if ((err = bind_simple(r, &rc, cause)) != 0)
		return err;
	if (rc != LDAP_SUCCESS && r->timed_out)
		return rp_fail(cause, RP_ERR_TIMEOUT, "'%s' accepted the "
		    "connection but did not answer%s within %d s", c->url,
		    tls && !c->starttls ? " the TLS handshake" : "",
		    c->timeout > 0 ? c->timeout : 30);
	if (rc == LDAP_SERVER_DOWN && tls && tls_refused(c->url,
	    c->timeout))
		return rp_fail(cause, RP_ERR_PROTO, "TLS with '%s' failed: the "
		    "server certificate is not trusted by %s%s, or does not "
		    "name this host, or the server does not speak TLS",
		    c->url, c->ca_file ? "the CA file " : "the system's CAs",
		    c->ca_file ? c->ca_file : "");
	if (rc == LDAP_TIMEOUT && r->connected)
		return rp_fail(cause, RP_ERR_TIMEOUT, "'%s' accepted the "
		    "connection but did not answer the bind within %d s",
		    c->url, c->timeout > 0 ? c->timeout : 30);
	if ((rc == LDAP_SERVER_DOWN || rc == LDAP_DECODING_ERROR) &&
	    r->connected && !tls)
		return rp_fail(cause, RP_ERR_PROTO, "'%s' accepted the "
		    "connection, then answered the bind with something that "
		    "is not LDAP (%s)", c->url, ldap_err2string(rc));
	if (rc != LDAP_SUCCESS)
		return bind_failed(r, rc, tls, cause);
	return 0;
}

static char *
first_value(LDAP *ld, LDAPMessage *e, const char *attr)
{
	struct berval **v = ldap_get_values_len(ld, e, attr);
	char *s = NULL;

	if (v != NULL && v[0] != NULL)
		s = xstrndup(v[0]->bv_val, v[0]->bv_len);
	ldap_value_free_len(v);
	return s;
}

/* Every value of attr (at most 64), NULL-terminated; owned. */
static char **
all_values(LDAP *ld, LDAPMessage *e, const char *attr)
{
	struct berval **v = ldap_get_values_len(ld, e, attr);
	char **out;
	size_t i, n = 0;

	for (i = 0; v != NULL && v[i] != NULL && i < 64; i++)
		n++;
	out = xcalloc(n + 1, sizeof(*out));
	for (i = 0; i < n; i++)
		out[i] = xstrndup(v[i]->bv_val, v[i]->bv_len);
	ldap_value_free_len(v);
	return out;
}

static void
write_entry(LDAP *ld, LDAPMessage *e, FILE *f)
{
	BerElement *ber = NULL;
	struct berval **vals;
	char *dn = ldap_get_dn(ld, e), *a;
	size_t i;

	rp_ldif_write_value(f, "dn", dn ? dn : "", dn ? strlen(dn) : 0);
	ldap_memfree(dn);
	for (a = ldap_first_attribute(ld, e, &ber); a != NULL;
	    a = ldap_next_attribute(ld, e, ber)) {
		vals = ldap_get_values_len(ld, e, a);
		for (i = 0; vals != NULL && vals[i] != NULL; i++)
			rp_ldif_write_value(f, a, vals[i]->bv_val,
			    vals[i]->bv_len);
		ldap_value_free_len(vals);
		ldap_memfree(a);
	}
	ber_free(ber, 0);
	fputc('\n', f);
}

/* The rootDSE: naming contexts, levels, controls, mechanisms, time. */
static int
read_rootdse(struct ldap_run *r, FILE *f, char **cause)
{
	static char star[] = "*", plus[] = "+";
	char *attrs[] = { star, plus, NULL };
	LDAPMessage *res = NULL, *e;
	char *v, *df;
	int rc, msgid, type;

	rc = ldap_search_ext(r->ld, "", LDAP_SCOPE_BASE, "(objectClass=*)",
	    attrs, 0, NULL, NULL, NULL, 1, &msgid);
	if (rc == LDAP_SUCCESS) {
		type = wait_msg(r, msgid, LDAP_MSG_ALL, &res);
		if (type == -2) {
			ldap_msgfree(res);
			return rp_fail(cause, RP_ERR_INTERRUPTED, "interrupted "
			    "while reading the rootDSE of '%s'", r->conf->url);
		}
		if (type == 0) {
			ldap_abandon_ext(r->ld, msgid, NULL, NULL);
			rc = LDAP_TIMEOUT;
		} else if (type < 0)
			rc = LDAP_SERVER_DOWN;
		else if (ldap_parse_result(r->ld, res, &rc, NULL, NULL, NULL,
		    NULL, 0) != LDAP_SUCCESS)
			rc = LDAP_DECODING_ERROR;
	}
	if (rc != LDAP_SUCCESS || (e = ldap_first_entry(r->ld, res)) == NULL) {
		ldap_msgfree(res);
		return rp_fail(cause, map_error(rc), "cannot read the rootDSE "
		    "of '%s': %s", r->conf->url, ldap_err2string(rc));
	}
	write_entry(r->ld, e, f);
	r->ncs = all_values(r->ld, e, "namingContexts");
	r->naming_context = first_value(r->ld, e, "defaultNamingContext");
	if (r->naming_context == NULL)
		r->naming_context = first_value(r->ld, e, "namingContexts");
	r->config_context = first_value(r->ld, e, "configurationNamingContext");
	if (r->config_context == NULL)
		r->config_context = first_value(r->ld, e, "configContext");
	r->schema_context = first_value(r->ld, e, "schemaNamingContext");
	if (r->schema_context == NULL)
		r->schema_context = first_value(r->ld, e, "subschemaSubentry");
	v = first_value(r->ld, e, "vendorName");
	df = first_value(r->ld, e, "domainFunctionality");
	if (v == NULL && df != NULL)
		v = xstrdup("Active Directory");
	free(df);
	df = first_value(r->ld, e, "structuralObjectClass");
	if (v == NULL && df != NULL && strcmp(df, "OpenLDAProotDSE") == 0)
		v = xstrdup("OpenLDAP");
	free(df);
	r->t->server = v;
	ldap_msgfree(res);
	return 0;
}

_Static_assert(RP_SCOPE_BASE == LDAP_SCOPE_BASE &&
    RP_SCOPE_ONE == LDAP_SCOPE_ONELEVEL && RP_SCOPE_SUB == LDAP_SCOPE_SUBTREE,
    "rp_probe_scope gives LDAP's scopes");

/* Where a probe searches: see the <ldap base=...> attribute. */
static char *
probe_base(const struct ldap_run *r, const char *base)
{
	struct rp_dir_contexts x;
	int separate;

	x.kind = r->conf->kind;
	x.nc = r->conf->base_dn ? r->conf->base_dn :
	    r->naming_context ? r->naming_context : "";
	x.config = r->config_context;
	x.schema = r->schema_context;
	return rp_probe_base(&x, base, &separate);
}

/* "a b c" into a NULL-terminated vector (owned, free with strv_free). */
static char **
split_attrs(const char *s)
{
	char **v, *copy = xstrdup(s), *p, *save = NULL;
	size_t n = 0;

	v = xcalloc(strlen(s) / 2 + 2, sizeof(*v));
	for (save = copy; (p = rp_next_token(&save, " \t\n")) != NULL;)
		v[n++] = xstrdup(p);
	free(copy);
	return v;
}

static void
strv_free(char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* The LDAP_SERVER_SD_FLAGS control: SEQUENCE { INTEGER flags }. */
static LDAPControl *
sd_flags_control(int flags)
{
	LDAPControl *c = NULL;
	struct berval bv;
	BerElement *ber = ber_alloc_t(LBER_USE_DER);

	if (ber == NULL)
		return NULL;
	if (ber_printf(ber, "{i}", (ber_int_t)flags) == -1 ||
	    ber_flatten2(ber, &bv, 0) == -1 ||
	    ldap_control_create(OID_SD_FLAGS, 1, &bv, 1, &c) != LDAP_SUCCESS)
		c = NULL;
	ber_free(ber, 1);
	return c;
}

struct page_state {
	struct berval	 cookie;
	size_t		 entries;
	int		 rc;		/* final LDAP result */
	char		*diag;
	size_t		 refs_nc;	/* references to our naming contexts */
	size_t		 refs_out;	/* references elsewhere: data missing */
	char		*ref_first;	/* the first of those, printable */
	enum { CUT_NONE, CUT_PROBE, CUT_TARGET, CUT_STOP, CUT_LATE } cut;
};

/* A server's URL or message, bounded and printable (owned). */
static char *
printable_url(const char *u)
{
	char *s = xstrndup(u, 160);
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			s[i] = '?';
	return s;
}

/* Is the DN of a referral URL one of the server's naming contexts? */
static int
ref_to_nc(const struct ldap_run *r, const char *url)
{
	LDAPURLDesc *lud = NULL;
	size_t i;
	int found = 0;

	if (ldap_url_parse(url, &lud) != LDAP_SUCCESS)
		return 0;
	for (i = 0; lud->lud_dn != NULL && r->ncs != NULL &&
	    r->ncs[i] != NULL; i++)
		if (strcasecmp(lud->lud_dn, r->ncs[i]) == 0)
			found = 1;
	ldap_free_urldesc(lud);
	return found;
}

/* Referrals are never chased: count them, keep the first foreign one. */
static void
note_refs(const struct ldap_run *r, char **refs, struct page_state *st)
{
	size_t i;

	for (i = 0; refs != NULL && refs[i] != NULL; i++) {
		if (ref_to_nc(r, refs[i])) {
			st->refs_nc++;
			continue;
		}
		st->refs_out++;
		if (st->ref_first == NULL)
			st->ref_first = printable_url(refs[i]);
	}
}

/*
 * Append one entry to f within the probe's and the target's byte budgets:
 * 0, or 1 (st->cut says which budget) with f back to where it was.
 */
static int
write_budgeted(struct ldap_run *r, LDAPMessage *e, FILE *f,
    struct page_state *st)
{
	off_t before = ftello(f), after;

	write_entry(r->ld, e, f);
	after = ftello(f);
	if (before < 0 || after < before)
		return 0;	/* fclose reports the write error */
	if ((size_t)after <= r->probe_cap &&
	    (size_t)(after - before) <= r->target_left) {
		r->target_left -= (size_t)(after - before);
		return 0;
	}
	st->cut = (size_t)after > r->probe_cap ? CUT_PROBE : CUT_TARGET;
	if (fflush(f) == 0 && ftruncate(fileno(f), before) == 0)
		(void)fseeko(f, before, SEEK_SET);
	return 1;
}

/* One page: send, stream entries to f, read the cookie. */
static int
search_page(struct ldap_run *r, const struct rp_probe *p, const char *base,
    char **attrs, FILE *f, struct page_state *st)
{
	LDAPControl *ctrls[3] = { NULL, NULL, NULL }, **rctrls = NULL;
	LDAPMessage *msg = NULL;
	char **refs = NULL;
	struct timeval tv = { r->conf->timeout > 0 ? r->conf->timeout : 30, 0 };
	size_t max = r->conf->max_entries ? r->conf->max_entries :
	    DEFAULT_MAX_ENTRIES;
	int rc, msgid, n = 0, done = 0, type;

	rc = ldap_create_page_control(r->ld, r->page, st->cookie.bv_len ?
	    &st->cookie : NULL, 0, &ctrls[0]);
	if (rc != LDAP_SUCCESS)
		return rc;
	if (p->sd_flags >= 0)
		ctrls[1] = sd_flags_control(p->sd_flags);
	rc = ldap_search_ext(r->ld, base, rp_probe_scope(p->ldap_scope),
	    p->ldap_filter, attrs, 0, ctrls, NULL, &tv, 0, &msgid);
	ldap_control_free(ctrls[0]);
	ldap_control_free(ctrls[1]);
	if (rc != LDAP_SUCCESS)
		return rc;
	/* one message at a time: memory does not grow with the directory */
	while (!done && (type = wait_msg(r, msgid, LDAP_MSG_ONE, &msg)) > 0) {
		if (type == LDAP_RES_SEARCH_ENTRY) {
			if (st->entries < max && write_budgeted(r, msg, f,
			    st) != 0) {
				type = -3;
				ldap_msgfree(msg);
				msg = NULL;
				break;
			}
			st->entries++;
		} else if (type == LDAP_RES_SEARCH_REFERENCE) {
			if (ldap_parse_reference(r->ld, msg, &refs, NULL,
			    0) == LDAP_SUCCESS)
				note_refs(r, refs, st);
			else
				st->refs_out++;
			ber_memvfree((void **)refs);
			refs = NULL;
		} else if (type == LDAP_RES_SEARCH_RESULT) {
			done = 1;
			ber_memfree(st->cookie.bv_val);
			st->cookie.bv_val = NULL;
			st->cookie.bv_len = 0;
			rc = ldap_parse_result(r->ld, msg, &st->rc, NULL,
			    &st->diag, &refs, &rctrls, 0);
			if (rc == LDAP_SUCCESS && st->rc == LDAP_REFERRAL)
				note_refs(r, refs, st);
			ber_memvfree((void **)refs);
			refs = NULL;
			if (rc == LDAP_SUCCESS && rctrls != NULL) {
				LDAPControl *pc = ldap_control_find(
				    LDAP_CONTROL_PAGEDRESULTS, rctrls, NULL);

				if (pc != NULL)
					ldap_parse_pageresponse_control(r->ld,
					    pc, NULL, &st->cookie);
			}
			ldap_controls_free(rctrls);
			rctrls = NULL;
		}
		ldap_msgfree(msg);
		msg = NULL;
		n++;
	}
	if (!done) {
		if (type == -2)
			st->cut = r->stopped ? CUT_STOP : CUT_LATE;
		if (type != -1)
			ldap_abandon_ext(r->ld, msgid, NULL, NULL);
		st->rc = type == 0 ? LDAP_TIMEOUT : type == -1 ?
		    LDAP_SERVER_DOWN : LDAP_OTHER;
	}
	return LDAP_SUCCESS;
}

/* No such object, lost connection, no access: set po, or return 0. */
static int
access_failure(struct rp_probe_out *po, const struct page_state *st,
    const char *base)
{
	/* the configuration and the schema exist on every server */
	int always_there = base != NULL && (strcmp(base, "config") == 0 ||
	    strcmp(base, "schema") == 0 || strcmp(base, "rootdse") == 0);

	po->status = RP_PS_ERROR;
	if (st->rc == LDAP_NO_SUCH_OBJECT && always_there)
		/* slapd answers so when an ACL hides cn=config */
		po->detail = xstrdup("not readable with this account (the "
		    "server says the base does not exist)");
	else if (st->rc == LDAP_NO_SUCH_OBJECT) {
		po->status = RP_PS_NA;
		po->detail = xstrdup("the search base does not exist");
	} else if (st->rc == LDAP_SERVER_DOWN)
		po->detail = xasprintf("the connection to the server was lost "
		    "after %zu entries (those are kept)", st->entries);
	else if (st->rc == LDAP_INSUFFICIENT_ACCESS)
		po->detail = xstrdup("not readable with this account");
	else
		return 0;
	return 1;
}

static void
set_probe_failure(const struct ldap_run *r, struct rp_probe_out *po,
    struct page_state *st, size_t max, const char *base, int timeout_s)
{
	switch (st->cut) {
	case CUT_PROBE:
		po->status = RP_PS_TRUNCATED;
		po->detail = xasprintf("output capped at %zu bytes after %zu "
		    "entries (those are kept; --ldap-probe-cap): the search "
		    "was stopped", r->probe_cap, st->entries);
		return;
	case CUT_TARGET:
		po->status = RP_PS_TRUNCATED;
		po->detail = xasprintf("the target's budget of %zu bytes was "
		    "spent after %zu entries (those are kept; "
		    "--ldap-target-cap): the search was stopped",
		    r->conf->target_cap ? r->conf->target_cap :
		    (size_t)RP_LDAP_TARGET_CAP, st->entries);
		return;
	case CUT_STOP:
		po->status = RP_PS_ERROR;
		po->detail = xasprintf("interrupted after %zu entries (those "
		    "are kept)", st->entries);
		return;
	case CUT_LATE:
		po->status = RP_PS_TIMEOUT;
		po->detail = xasprintf("run time limit reached (%ld s after the "
		    "bind, %s) after %zu entries (those are kept)",
		    r->run_ms / 1000, r->conf->run_ms > 0 ? "--timeout" :
		    "the default for this catalogue: set --timeout",
		    st->entries);
		return;
	default:
		break;
	}
	if (st->rc == LDAP_SUCCESS && st->entries <= max &&
	    st->refs_out > 0) {
		po->status = RP_PS_TRUNCATED;
		po->detail = xasprintf("%zu referral%s not followed after %zu "
		    "entries: the entries under %s are held by another server "
		    "and were not read", st->refs_out, st->refs_out > 1 ?
		    "s" : "", st->entries, st->ref_first ? st->ref_first :
		    "(an unreadable reference)");
		return;
	}
	if (st->rc == LDAP_SUCCESS && st->entries <= max) {
		po->status = RP_PS_OK;
		if (st->refs_nc > 0)
			po->detail = xasprintf("%zu reference%s to other "
			    "naming contexts of this server not followed",
			    st->refs_nc, st->refs_nc > 1 ? "s" : "");
		return;
	}
	if (st->rc == LDAP_REFERRAL) {
		po->status = RP_PS_ERROR;
		po->detail = xasprintf("the server referred the search to "
		    "%s (referrals are not followed)", st->ref_first ?
		    st->ref_first : "another server");
		return;
	}
	if (st->rc == LDAP_SUCCESS || st->rc == LDAP_SIZELIMIT_EXCEEDED ||
	    st->rc == LDAP_ADMINLIMIT_EXCEEDED) {
		po->status = RP_PS_TRUNCATED;
		po->detail = xasprintf("%s after %zu entries",
		    st->rc == LDAP_SUCCESS ? "local entry cap reached" :
		    "the server's size limit was reached", st->entries);
	} else if (st->rc == LDAP_TIMELIMIT_EXCEEDED) {
		/* the server's own limit: its message is hostile, bounded */
		char *d = st->diag && *st->diag ? printable_url(st->diag) :
		    NULL;

		po->status = RP_PS_TIMEOUT;
		po->detail = xasprintf("the server's time limit was reached "
		    "after %zu entries (those are kept)%s%s", st->entries,
		    d ? ": " : "", d ? d : "");
		free(d);
	} else if (st->rc == LDAP_TIMEOUT) {
		po->status = RP_PS_TIMEOUT;
		po->detail = xasprintf("no answer within %d s after %zu "
		    "entries (those are kept; --connect-timeout)",
		    timeout_s, st->entries);
	} else if (!access_failure(po, st, base)) {
		/* the server's message is hostile: bounded, printable */
		char *d = st->diag && *st->diag ? printable_url(st->diag) :
		    NULL;

		po->status = RP_PS_ERROR;
		po->detail = xasprintf("%s after %zu entries%s%s",
		    ldap_err2string(st->rc), st->entries, d ? ": " : "",
		    d ? d : "");
		free(d);
	}
}

/*
 * Every page of one search. A server that refuses the page size (slapd
 * with a "size.pr" limit says "illegal pagedResults page size") is asked
 * again with half as many entries per page, down to one; the size that
 * works is kept for the next searches.
 */
static void
search_all(struct ldap_run *r, const struct rp_probe *p, const char *base,
    char **attrs, FILE *f, struct page_state *st)
{
	size_t max = r->conf->max_entries ? r->conf->max_entries :
	    DEFAULT_MAX_ENTRIES;
	int rc, first = 1;

	for (;;) {
		st->rc = LDAP_SUCCESS;
		ldap_memfree(st->diag);
		st->diag = NULL;
		if ((rc = search_page(r, p, base, attrs, f, st)) !=
		    LDAP_SUCCESS) {
			st->rc = rc;
			break;
		}
		if (first && st->rc == LDAP_ADMINLIMIT_EXCEEDED &&
		    st->entries == 0 && st->cookie.bv_len == 0 &&
		    r->page > 1) {
			r->page /= 2;
			rp_debug("'%s': page size refused, trying %d",
			    r->t->id, r->page);
			continue;
		}
		first = 0;
		if (st->rc != LDAP_SUCCESS || st->cookie.bv_len == 0 ||
		    st->entries > max || st->cut != CUT_NONE)
			break;
	}
	if (st->rc == LDAP_SERVER_DOWN)
		r->down = 1;
}

/* Run one probe, streaming its entries into probes/<id>.ldif. */
static int
run_probe(struct ldap_run *r, const struct rp_probe *p,
    struct rp_probe_out *po, char **cause)
{
	struct page_state st;
	struct timespec t0, t1;
	char *path, *base, **attrs;
	struct rp_out o;
	FILE *f;
	int rc = 0;

	memset(&st, 0, sizeof(st));
	po->probe = xstrdup(p->id);
	po->exit_code = -1;
	path = rp_bundle_probe_path(r->w, r->t->id, p->id, "ldif");
	if ((rc = rp_out_open(&o, path, 0640, cause)) != 0)
		goto out;
	f = o.f;
	base = probe_base(r, p->ldap_base);
	attrs = split_attrs(p->ldap_attrs ? p->ldap_attrs : "1.1");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	search_all(r, p, base, attrs, f, &st);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	po->duration_ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000000;
	set_probe_failure(r, po, &st, r->conf->max_entries ?
	    r->conf->max_entries : DEFAULT_MAX_ENTRIES, p->ldap_base,
	    r->conf->timeout > 0 ? r->conf->timeout : 30);
	if (st.cut == CUT_TARGET)
		r->spent = 1;
	rp_debug("'%s': probe '%s': %zu entries, %s", r->t->id, p->id,
	    st.entries, rp_pstatus_name(po->status));
	if ((rc = rp_out_close(&o, 1, cause)) == 0) {
		struct stat sb;

		po->file = xasprintf("probes/%s.ldif", p->id);
		po->bytes = stat(path, &sb) == 0 ? (size_t)sb.st_size : 0;
	}
	free(base);
	strv_free(attrs);
out:
	ber_memfree(st.cookie.bv_val);
	ldap_memfree(st.diag);
	free(st.ref_first);
	free(path);
	return rc;
}

static enum rp_tstatus
status_for(int err)
{
	switch (err) {
	case RP_ERR_NET:
	case RP_ERR_TIMEOUT:
		return RP_TS_UNREACHABLE;
	case RP_ERR_AUTH:
		return RP_TS_AUTH_FAILED;
	default:
		return RP_TS_ERROR;
	}
}

static int
write_rootdse(struct ldap_run *r, char **errmsg)
{
	struct rp_probe_out *po = &r->t->probes[r->t->nprobes];
	char *path = rp_bundle_probe_path(r->w, r->t->id, "rootdse", "ldif");
	struct rp_out o;
	struct stat sb;
	int rc;

	memset(po, 0, sizeof(*po));
	po->probe = xstrdup("rootdse");
	po->exit_code = -1;
	if ((rc = rp_out_open(&o, path, 0640, errmsg)) != 0)
		goto out;
	rc = read_rootdse(r, o.f, errmsg);
	if (rp_out_close(&o, 1, errmsg) != 0) {
		rc = RP_ERR_IO;
		goto out;
	}
	po->status = rc == 0 ? RP_PS_OK : RP_PS_ERROR;
	po->file = xstrdup("probes/rootdse.ldif");
	po->bytes = stat(path, &sb) == 0 ? (size_t)sb.st_size : 0;
	r->target_left -= po->bytes < r->target_left ? po->bytes :
	    r->target_left;
	r->t->nprobes++;
out:
	free(path);
	return rc;
}

/*
 * Every probe in turn. After a lost connection the rest are not-run (what
 * was read is kept). Returns 1 if a probe is incomplete, 0, or an
 * RP_ERR_* with *err when a file cannot be written.
 */
static int
run_probes(struct ldap_run *r, const struct rp_probe *const *probes,
    size_t nprobes, char **err)
{
	struct rp_target_ev *t = r->t;
	size_t i;
	int partial = 0, rc;

	for (i = 0; i < nprobes; i++) {
		struct rp_probe_out *po = &t->probes[t->nprobes++];
		const char *why = NULL;

		if (r->stopped || halted(r))
			why = r->stopped ? "interrupted (SIGINT/SIGTERM) "
			    "before this search" : "the run time limit was "
			    "reached before this search (--timeout)";
		else if (r->target_left == 0 || r->spent)
			why = "the target's byte budget was spent by earlier "
			    "searches (--ldap-target-cap)";
		else if (r->down)
			why = "the connection to the server was lost during "
			    "an earlier search";
		if (why != NULL) {
			po->probe = xstrdup(probes[i]->id);
			po->exit_code = -1;
			po->status = RP_PS_NOT_RUN;
			po->detail = xstrdup(why);
			partial = 1;
			continue;
		}
		if ((rc = run_probe(r, probes[i], po, err)) != 0)
			return rc;

		if (po->status != RP_PS_OK && po->status != RP_PS_NA)
			partial = 1;
	}
	return partial;
}

/* "some searches were incomplete: ID: detail; ..." (owned). */
static char *
partial_error(const struct rp_target_ev *t)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(2048);
	size_t i;
	int n = 0;

	rp_strbuf_addstr(&sb, "some searches were incomplete: ");
	for (i = 0; i < t->nprobes; i++) {
		const struct rp_probe_out *po = &t->probes[i];

		if (po->status == RP_PS_OK || po->status == RP_PS_NA)
			continue;
		if (rp_strbuf_addf(&sb, "%s%s: %s", n++ ? "; " : "",
		    po->probe, po->detail ? po->detail :
		    rp_pstatus_name(po->status)) != 0) {
			rp_strbuf_addstr(&sb, "...");
			break;
		}
	}
	return rp_strbuf_detach(&sb, NULL);
}

/* What the target's error says besides its incomplete searches (owned). */
static char *
target_marks(const struct rp_ldap_conf *conf, const struct rp_target_ev *t,
    int partial)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(4096);
	char *p = partial ? partial_error(t) : NULL;

	if (conf->insecure_plain_bind && conf->bind_dn != NULL &&
	    conf->password_file != NULL && conf->sasl_mech == NULL &&
	    !conf->starttls && strcmp(url_scheme(conf->url), "ldap") == 0)
		rp_strbuf_addstr(&sb, "bind password sent in CLEAR TEXT over "
		    "ldap:// without StartTLS (--insecure-plain-bind): change "
		    "it; ");
	if (conf->insecure_tls)
		rp_strbuf_addstr(&sb, "TLS certificate NOT verified "
		    "(--insecure-tls): the server's identity is unproven; ");
	if (p != NULL)
		rp_strbuf_addstr(&sb, p);
	free(p);
	p = rp_strbuf_detach(&sb, NULL);
	if (*p == '\0') {
		free(p);
		return NULL;
	}
	if (strlen(p) >= 2 && strcmp(p + strlen(p) - 2, "; ") == 0)
		p[strlen(p) - 2] = '\0';
	return p;
}

void
rp_ldap_collect(const struct rp_ldap_conf *conf,
    const struct rp_probe *const *probes, size_t nprobes,
    struct rp_bundle_writer *w, struct rp_target_ev *t)
{
	struct ldap_run r;
	char *err = NULL;
	long least = 1000L * RP_COLLECT_TIMEOUT;
	int rc, searching = 0;

	memset(&r, 0, sizeof(r));
	r.conf = conf;
	r.t = t;
	r.w = w;
	r.page = conf->page_size > 0 ? conf->page_size : DEFAULT_PAGE;
	/* never more than the bundle reader takes */
	r.probe_cap = conf->probe_cap > 0 ? conf->probe_cap :
	    RP_LDAP_PROBE_CAP;
	if (r.probe_cap > RP_PROBE_MAX_READ)
		r.probe_cap = RP_PROBE_MAX_READ;
	r.target_left = conf->target_cap > 0 ? conf->target_cap :
	    RP_LDAP_TARGET_CAP;
	r.run_ms = conf->run_ms > 0 ? conf->run_ms :
	    1000L * RP_COLLECT_PROBE_S * (long)nprobes;
	if (r.run_ms < least && conf->run_ms <= 0)
		r.run_ms = least;
	free(t->address);
	t->address = xstrdup(conf->url);
	t->port = url_port(conf->url);
	free(t->user);
	t->user = conf->bind_dn ? xstrdup(conf->bind_dn) : conf->sasl_mech ?
	    xasprintf("SASL %s", conf->sasl_mech) : xstrdup("anonymous");
	t->probes = xcalloc(nprobes + 1, sizeof(*t->probes));
	rc = connect_bind(&r, &err);
	if (rc == 0)	/* the run's clock starts once bound */
		r.deadline = mono_ms() + r.run_ms;
	if (rc == 0)
		rc = write_rootdse(&r, &err);
	if (rc == 0) {
		t->naming_context = xstrdup(conf->base_dn ? conf->base_dn :
		    r.naming_context ? r.naming_context : "");
		searching = 1;
		rc = run_probes(&r, probes, nprobes, &err);
	}
	free(t->error);
	t->error = NULL;
	if (rc < 0) {
		t->status = searching ? RP_TS_ERROR : status_for(rc);
		t->error = err;
		err = NULL;
	} else {
		t->error = target_marks(conf, t, rc);
		t->status = t->error != NULL ? RP_TS_PARTIAL : RP_TS_OK;
	}
	r.closing = 1;
	if (r.ld != NULL)
		ldap_unbind_ext_s(r.ld, NULL, NULL);
	free(r.naming_context);
	free(r.config_context);
	free(r.schema_context);
	strv_free(r.ncs);
	free(err);
}
