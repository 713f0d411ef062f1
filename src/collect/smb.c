/*
 * smb.c -- the SMB transport of the SYSVOL walker (collect/sysvol.h).
 *
 * The library reads its settings from a private smb.conf written in a
 * 0700 temporary folder (smbc_setConfiguration): SMB3 only, client signing
 * required (also on IPC$), encryption "desired" (used when the server
 * offers it); a server that cannot sign fails the connection. Credentials
 * go through the authentication callback from memory; the password is
 * zeroed when done. libsmbclient keeps global state: one collection at a
 * time (a mutex).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libsmbclient.h>

#include "collect/inventory.h"
#include "collect/smb.h"
#include "collect/sysvol.h"
#include "core/err.h"
#include "core/file.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "evidence/bundle.h"
#include "core/banned.h"

static pthread_mutex_t smb_lock = PTHREAD_MUTEX_INITIALIZER;

struct smb {
	SMBCCTX		*ctx;
	char		*base;		/* smb://host/sysvol/<domain>/Policies */
	char		 user[256];
	char		 wg[128];
	char		*password;	/* NULL: Kerberos */
};

char *
rp_smb_url_host(const char *url)
{
	const char *p, *e;

	if (url == NULL || (p = strstr(url, "://")) == NULL)
		return NULL;
	p += 3;
	if (*p == '[') {
		if ((e = strchr(p, ']')) == NULL)
			return NULL;
		return xstrndup(p + 1, (size_t)(e - p - 1));
	}
	e = p + strcspn(p, ":/?");
	if (e == p)
		return NULL;
	return xstrndup(p, (size_t)(e - p));
}

char *
rp_smb_dn_domain(const char *dn)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(512);
	const char *p = dn;

	if (dn == NULL)
		return NULL;
	while (*p != '\0') {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		while (n > 0 && *p == ' ') {
			p++;
			n--;
		}
		if (n > 3 && strncasecmp(p, "DC=", 3) == 0) {
			if (sb.len)
				rp_strbuf_addch(&sb, '.');
			rp_strbuf_add(&sb, p + 3, n - 3);
		}
		p = e ? e + 1 : p + n;
	}
	if (sb.len == 0) {
		rp_strbuf_release(&sb);
		return NULL;
	}
	return rp_strbuf_detach(&sb, NULL);
}

/* user and workgroup from a DN (CN=x,...,DC=dom,...), a UPN or a name. */
static void
split_user(const char *u, char *user, size_t ulen, char *wg, size_t wlen)
{
	const char *p, *e;

	*user = *wg = '\0';
	if (u == NULL)
		return;
	if (strncasecmp(u, "CN=", 3) == 0) {
		p = u + 3;
		e = strchr(p, ',');
		snprintf(user, ulen, "%.*s", (int)(e ? e - p : (long)strlen(p)),
		    p);
		if ((p = strcasestr(u, "DC=")) != NULL) {
			e = strchr(p, ',');
			snprintf(wg, wlen, "%.*s", (int)(e ? e - p - 3 :
			    (long)strlen(p + 3)), p + 3);
		}
		return;
	}
	if ((p = strchr(u, '\\')) != NULL) {
		snprintf(wg, wlen, "%.*s", (int)(p - u), u);
		snprintf(user, ulen, "%s", p + 1);
		return;
	}
	snprintf(user, ulen, "%s", u);	/* NAME or UPN */
}

static void
auth_fn(SMBCCTX *c, const char *srv, const char *shr, char *wg, int wglen,
    char *un, int unlen, char *pw, int pwlen)
{
	struct smb *s = smbc_getOptionUserData(c);

	(void)srv;
	(void)shr;
	if (s == NULL)
		return;
	if (*s->wg != '\0')
		snprintf(wg, (size_t)wglen, "%s", s->wg);
	snprintf(un, (size_t)unlen, "%s", s->user);
	snprintf(pw, (size_t)pwlen, "%s", s->password ? s->password : "");
}

/* Percent-encode one URL path part (components keep their '/'). */
static void
url_add(struct rp_strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		    c == '-' || c == '/' || c == '{' || c == '}')
			rp_strbuf_addch(sb, c);
		else {
			rp_strbuf_addch(sb, '%');
			rp_strbuf_addch(sb, hex[c >> 4]);
			rp_strbuf_addch(sb, hex[c & 15]);
		}
	}
}

static char *
url_of(const struct smb *s, const char *rel)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(8192);

	rp_strbuf_addstr(&sb, s->base);
	if (*rel != '\0') {
		rp_strbuf_addch(&sb, '/');
		url_add(&sb, rel);
	}
	return rp_strbuf_detach(&sb, NULL);
}

static int
smb_err(char **cause, int e)
{
	int r = e == EACCES || e == EPERM ? RP_ERR_AUTH :
	    e == ETIMEDOUT ? RP_ERR_TIMEOUT : e == ENOENT ? RP_ERR_NOT_FOUND :
	    RP_ERR_NET;

	return rp_fail(cause, r, "%s", strerror(e));
}

static int
smb_list(void *arg, const char *rel, rp_sysvol_entry_cb cb, void *cbarg,
    char **cause)
{
	struct smb *s = arg;
	const struct libsmb_file_info *fi;
	struct rp_sysvol_dirent e;
	struct stat st;
	SMBCFILE *d;
	char *url = url_of(s, rel);
	int r = 0;

	d = smbc_getFunctionOpendir(s->ctx)(s->ctx, url);
	free(url);
	if (d == NULL)
		return smb_err(cause, errno);
	while (r == 0 && (fi = smbc_getFunctionReaddirPlus2(s->ctx)(s->ctx,
	    d, &st)) != NULL) {
		if (fi->name == NULL || strcmp(fi->name, ".") == 0 ||
		    strcmp(fi->name, "..") == 0)
			continue;
		memset(&e, 0, sizeof(e));
		e.name = fi->name;
		e.is_dir = S_ISDIR(st.st_mode) || (fi->attrs & 0x10);
		e.size = (long long)fi->size;
		e.t.mtime = fi->mtime_ts.tv_sec ? (long long)fi->mtime_ts.tv_sec
		    : -1;
		e.t.ctime = fi->ctime_ts.tv_sec ? (long long)fi->ctime_ts.tv_sec
		    : -1;
		e.t.btime = fi->btime_ts.tv_sec ? (long long)fi->btime_ts.tv_sec
		    : -1;
		r = cb(&e, cbarg);
	}
	smbc_getFunctionClosedir(s->ctx)(s->ctx, d);
	return r;
}

static int
smb_read(void *arg, const char *rel, size_t max, char **data, size_t *len,
    int *truncated, char **cause)
{
	struct smb *s = arg;
	struct rp_strbuf sb = RP_STRBUF_INIT(max);
	char buf[65536];
	SMBCFILE *f;
	char *url = url_of(s, rel);
	ssize_t n;

	*data = NULL;
	*len = 0;
	*truncated = 0;
	f = smbc_getFunctionOpen(s->ctx)(s->ctx, url, O_RDONLY, 0);
	free(url);
	if (f == NULL)
		return smb_err(cause, errno);
	for (;;) {
		n = smbc_getFunctionRead(s->ctx)(s->ctx, f, buf, sizeof(buf));
		if (n < 0) {
			int e = errno;

			smbc_getFunctionClose(s->ctx)(s->ctx, f);
			rp_strbuf_release(&sb);
			return smb_err(cause, e);
		}
		if (n == 0)
			break;
		if (rp_strbuf_add_trunc(&sb, buf, (size_t)n) < (size_t)n) {
			*truncated = 1;
			break;
		}
	}
	smbc_getFunctionClose(s->ctx)(s->ctx, f);
	rp_strbuf_addch(&sb, '\0');
	sb.len--;
	*data = rp_strbuf_detach(&sb, len);
	return 0;
}

/* The private smb.conf in a fresh 0700 folder; *dir, *file owned. */
static int
write_conf(int kerberos, char **dir, char **file, char **cause)
{
	char tmpl[] = "/tmp/rempart-smb.XXXXXX";
	char *d, *conf;
	int r;

	*dir = *file = NULL;
	if ((d = mkdtemp(tmpl)) == NULL)
		return rp_fail(cause, RP_ERR_IO, "mkdtemp: %s", strerror(errno));
	*dir = xstrdup(d);
	*file = xasprintf("%s/smb.conf", d);
	conf = xasprintf("[global]\n"
	    "\tclient min protocol = SMB3\n"
	    "\tclient max protocol = SMB3\n"
	    "\tclient signing = required\n"
	    "\tclient ipc signing = required\n"
	    "\tclient smb encrypt = desired\n"
	    "\tclient use kerberos = %s\n"
	    "\tlog level = 0\n"
	    "\tlock directory = %s\n"
	    "\tstate directory = %s\n"
	    "\tcache directory = %s\n"
	    "\tprivate dir = %s\n"
	    "\tncalrpc dir = %s\n", kerberos ? "required" : "off", d, d, d,
	    d, d);
	r = rp_write_file(*file, conf, strlen(conf), 0600, cause);
	free(conf);
	return r;
}

static void
rm_conf(const char *dir, const char *file)
{
	if (file != NULL)
		(void)unlink(file);
	if (dir != NULL)
		(void)rmdir(dir);
}

void
rp_smb_collect(const struct rp_smb_conf *conf, struct rp_probe_out *po,
    char **out, size_t *outlen)
{
	struct rp_sysvol_ops ops;
	struct smb s;
	char *dir = NULL, *file = NULL, *cause = NULL, *where;
	int r;

	*out = NULL;
	*outlen = 0;
	memset(&s, 0, sizeof(s));
	free(po->probe);
	po->probe = xstrdup(RP_SYSVOL_PROBE);
	po->exit_code = -1;
	po->started = 1;
	split_user(conf->user, s.user, sizeof(s.user), s.wg, sizeof(s.wg));
	if (conf->kerberos && s.user[0] == '\0') {
		po->status = RP_PS_ERROR;
		po->detail = xstrdup("SMB with Kerberos needs the principal of "
		    "the ticket: set bind_dn=NAME@REALM on the target (the "
		    "LDAP GSSAPI bind does not use it)");
		return;
	}
	if (!conf->kerberos && conf->password_file != NULL &&
	    (r = rp_secret_read(conf->password_file, &s.password,
	    &cause)) != 0) {
		po->status = RP_PS_ERROR;
		po->detail = xasprintf("SMB: %s", cause);
		free(cause);
		return;
	}
	pthread_mutex_lock(&smb_lock);
	if ((r = write_conf(conf->kerberos, &dir, &file, &cause)) != 0)
		goto fail;
	if ((s.ctx = smbc_new_context()) == NULL) {
		cause = xasprintf("smbc_new_context: %s", strerror(errno));
		goto fail;
	}
	smbc_setDebug(s.ctx, 0);
	smbc_setOptionUserData(s.ctx, &s);
	smbc_setFunctionAuthDataWithContext(s.ctx, auth_fn);
	smbc_setOptionUseKerberos(s.ctx, conf->kerberos ? 1 : 0);
	smbc_setOptionFallbackAfterKerberos(s.ctx, 0);
	smbc_setOptionUseCCache(s.ctx, conf->kerberos ? 1 : 0);
	smbc_setOptionNoAutoAnonymousLogin(s.ctx, 1);
	smbc_setTimeout(s.ctx, (conf->timeout_s > 0 ? conf->timeout_s : 10) *
	    1000);
	if (smbc_init_context(s.ctx) == NULL) {
		cause = xasprintf("smbc_init_context: %s", strerror(errno));
		smbc_free_context(s.ctx, 1);
		s.ctx = NULL;
		goto fail;
	}
	if (smbc_setConfiguration(s.ctx, file) != 0) {
		cause = xstrdup("the SMB client settings could not be loaded");
		goto fail;
	}
	smbc_setOptionProtocols(s.ctx, "SMB3", "SMB3");
	/* encryption: "client smb encrypt = desired" of the settings above (the
	 * library's own level forces a SMB1-era setup that fails with Kerberos) */
	s.base = xasprintf("smb://%s/sysvol/%s/Policies", conf->host,
	    conf->domain);
	ops.arg = &s;
	ops.list = smb_list;
	ops.read = smb_read;
	where = xasprintf("\\\\%s\\SYSVOL\\%s\\Policies", conf->host,
	    conf->domain);
	rp_sysvol_walk(&ops, "smb", where, NULL, po, out, outlen);
	free(where);
	if (po->status == RP_PS_ERROR && po->detail != NULL) {
		char *d = xasprintf("%s (over SMB3, signing required, as %s%s"
		    "%s)", po->detail, *s.wg ? s.wg : "", *s.wg ? "\\" : "",
		    conf->kerberos ? "Kerberos" : s.user);

		free(po->detail);
		po->detail = d;
	}
	goto done;
fail:
	po->status = RP_PS_ERROR;
	po->detail = xasprintf("SMB: %s", cause ? cause : "failed");
done:
	if (s.ctx != NULL)
		smbc_free_context(s.ctx, 1);
	pthread_mutex_unlock(&smb_lock);
	rm_conf(dir, file);
	free(dir);
	free(file);
	free(cause);
	free(s.base);
	rp_secret_free(s.password);
}
