#include "config.h"

#include <errno.h>
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

#include "collect/inventory.h"
#include "collect/ldap.h"
#include "core/err.h"
#include "core/log.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "engine/content.h"
#include "evidence/bundle.h"
#include "parse/ldif.h"
#include "core/banned.h"

#define OID_SD_FLAGS		"1.2.840.113556.1.4.801"
#define DEFAULT_PAGE		500
#define DEFAULT_MAX_ENTRIES	5000000

struct ldap_run {
	const struct rp_ldap_conf	*conf;
	LDAP				*ld;
	char				*naming_context;
	char				*config_context;
	char				*schema_context;
	struct rp_target_ev		*t;
	struct rp_bundle_writer		*w;
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
is_safe_string(const unsigned char *v, size_t len)
{
	size_t i;

	if (len == 0)
		return 1;
	if (v[0] == ' ' || v[0] == ':' || v[0] == '<' || v[len - 1] == ' ')
		return 0;
	for (i = 0; i < len; i++)
		if (v[i] == 0 || v[i] == '\n' || v[i] == '\r' || v[i] >= 0x80)
			return 0;
	return 1;
}

static void
put_folded(FILE *f, const char *s, size_t len, size_t col)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (col >= 76) {
			fputs("\n ", f);
			col = 1;
		}
		fputc(s[i], f);
		col++;
	}
	fputc('\n', f);
}

void
rp_ldif_write_value(FILE *f, const char *attr, const char *val, size_t len)
{
	const char *close;
	char *b64, scheme[64];

	if (strcasecmp(attr, "userPassword") == 0 ||
	    strncasecmp(attr, "userPassword;", 13) == 0) {
		/* keep the storage scheme only: never a password or a hash */
		close = len > 1 && val[0] == '{' ? memchr(val, '}', len) : NULL;
		if (close != NULL && (size_t)(close - val) < sizeof(scheme) - 1) {
			memcpy(scheme, val, (size_t)(close - val) + 1);
			scheme[close - val + 1] = '\0';
		} else
			snprintf(scheme, sizeof(scheme), "{CLEARTEXT}");
		val = scheme;
		len = strlen(scheme);
	}
	if (is_safe_string((const unsigned char *)val, len)) {
		fprintf(f, "%s: ", attr);
		put_folded(f, val, len, strlen(attr) + 2);
	} else {
		b64 = rp_base64_encode((const unsigned char *)val, len);
		fprintf(f, "%s:: ", attr);
		put_folded(f, b64, strlen(b64), strlen(attr) + 3);
		free(b64);
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

static int
connect_bind(struct ldap_run *r, char **cause)
{
	const struct rp_ldap_conf *c = r->conf;
	struct berval pw = { 0, NULL };
	char *msg = NULL;
	int rc;

	if ((rc = set_options(r, cause)) != 0)
		return rc;
	if (c->starttls) {
		rc = ldap_start_tls_s(r->ld, NULL, NULL);
		if (rc != LDAP_SUCCESS) {
			ldap_get_option(r->ld, LDAP_OPT_DIAGNOSTIC_MESSAGE,
			    &msg);
			rc = rc == LDAP_SERVER_DOWN ? RP_ERR_NET : RP_ERR_PROTO;
			rp_fail(cause, rc, "StartTLS with '%s' failed: %s%s%s",
			    c->url, rc == RP_ERR_NET ? "cannot connect" :
			    "the server certificate is not trusted or the "
			    "server refused StartTLS", msg && *msg ? ": " : "",
			    msg ? msg : "");
			ldap_memfree(msg);
			return rc;
		}
	}
	if (c->sasl_mech != NULL)
		rc = ldap_sasl_interactive_bind_s(r->ld, NULL, c->sasl_mech,
		    NULL, NULL, LDAP_SASL_QUIET, sasl_interact, NULL);
	else {
		if (c->bind_dn != NULL && c->password_file != NULL &&
		    (rc = read_password(c->password_file, &pw, cause)) != 0)
			return rc;
		rc = ldap_sasl_bind_s(r->ld, c->bind_dn ? c->bind_dn : "",
		    LDAP_SASL_SIMPLE, &pw, NULL, NULL, NULL);
		wipe_password(&pw);
	}
	if (rc == LDAP_SERVER_DOWN && (c->starttls ||
	    strncmp(c->url, "ldaps:", 6) == 0) && tls_refused(c->url,
	    c->timeout))
		return rp_fail(cause, RP_ERR_PROTO, "TLS with '%s' failed: the "
		    "server certificate is not trusted by %s%s, or does not "
		    "name this host", c->url, c->ca_file ? "the CA file " :
		    "the system's CAs", c->ca_file ? c->ca_file : "");
	if (rc != LDAP_SUCCESS) {
		ldap_get_option(r->ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &msg);
		rp_fail(cause, map_error(rc), "bind to '%s' as '%s' failed: "
		    "%s%s%s", c->url, c->bind_dn ? c->bind_dn : c->sasl_mech ?
		    c->sasl_mech : "anonymous", ldap_err2string(rc),
		    msg && *msg ? ": " : "", msg ? msg : "");
		ldap_memfree(msg);
		return map_error(rc);
	}
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
	int rc;

	rc = ldap_search_ext_s(r->ld, "", LDAP_SCOPE_BASE, "(objectClass=*)",
	    attrs, 0, NULL, NULL, NULL, 1, &res);
	if (rc != LDAP_SUCCESS || (e = ldap_first_entry(r->ld, res)) == NULL) {
		ldap_msgfree(res);
		return rp_fail(cause, map_error(rc), "cannot read the rootDSE "
		    "of '%s': %s", r->conf->url, ldap_err2string(rc));
	}
	write_entry(r->ld, e, f);
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

/* Where a probe searches: see the <ldap base=...> attribute. */
static char *
probe_base(const struct ldap_run *r, const char *base)
{
	const char *nc = r->conf->base_dn ? r->conf->base_dn :
	    r->naming_context ? r->naming_context : "";

	if (base == NULL || *base == '\0')
		return xstrdup(nc);
	if (strcmp(base, "rootdse") == 0)
		return xstrdup("");
	if (strcmp(base, "config") == 0)
		return xstrdup(r->config_context ? r->config_context :
		    "cn=config");
	if (strcmp(base, "schema") == 0)
		return xstrdup(r->schema_context ? r->schema_context :
		    "cn=Subschema");
	return *nc ? xasprintf("%s,%s", base, nc) : xstrdup(base);
}

static int
scope_of(const char *s)
{
	if (s != NULL && strcmp(s, "base") == 0)
		return LDAP_SCOPE_BASE;
	if (s != NULL && strcmp(s, "one") == 0)
		return LDAP_SCOPE_ONELEVEL;
	return LDAP_SCOPE_SUBTREE;
}

/* "a b c" into a NULL-terminated vector (owned, free with strv_free). */
static char **
split_attrs(const char *s)
{
	char **v, *copy = xstrdup(s), *p, *save = NULL;
	size_t n = 0;

	v = xcalloc(strlen(s) / 2 + 2, sizeof(*v));
	for (p = strtok_r(copy, " \t\n", &save); p != NULL;
	    p = strtok_r(NULL, " \t\n", &save))
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
};

/* One page: send, stream entries to f, read the cookie. */
static int
search_page(struct ldap_run *r, const struct rp_probe *p, const char *base,
    char **attrs, FILE *f, struct page_state *st)
{
	LDAPControl *ctrls[3] = { NULL, NULL, NULL }, **rctrls = NULL;
	LDAPMessage *msg = NULL;
	struct timeval tv = { r->conf->timeout > 0 ? r->conf->timeout : 30, 0 };
	size_t max = r->conf->max_entries ? r->conf->max_entries :
	    DEFAULT_MAX_ENTRIES;
	int rc, msgid, n = 0, done = 0, type;

	rc = ldap_create_page_control(r->ld, r->conf->page_size > 0 ?
	    r->conf->page_size : DEFAULT_PAGE, st->cookie.bv_len ?
	    &st->cookie : NULL, 0, &ctrls[0]);
	if (rc != LDAP_SUCCESS)
		return rc;
	if (p->sd_flags >= 0)
		ctrls[1] = sd_flags_control(p->sd_flags);
	rc = ldap_search_ext(r->ld, base, scope_of(p->ldap_scope),
	    p->ldap_filter, attrs, 0, ctrls, NULL, &tv, 0, &msgid);
	ldap_control_free(ctrls[0]);
	ldap_control_free(ctrls[1]);
	if (rc != LDAP_SUCCESS)
		return rc;
	/* one message at a time: memory does not grow with the directory */
	while (!done && (type = ldap_result(r->ld, msgid, LDAP_MSG_ONE, &tv,
	    &msg)) > 0) {
		if (type == LDAP_RES_SEARCH_ENTRY) {
			if (st->entries < max)
				write_entry(r->ld, msg, f);
			st->entries++;
		} else if (type == LDAP_RES_SEARCH_RESULT) {
			done = 1;
			ber_memfree(st->cookie.bv_val);
			st->cookie.bv_val = NULL;
			st->cookie.bv_len = 0;
			rc = ldap_parse_result(r->ld, msg, &st->rc, NULL,
			    &st->diag, NULL, &rctrls, 0);
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
		/* references (continuations) are not chased: skipped */
		ldap_msgfree(msg);
		msg = NULL;
		n++;
	}
	if (!done) {
		ldap_abandon_ext(r->ld, msgid, NULL, NULL);
		st->rc = type == 0 ? LDAP_TIMEOUT : LDAP_SERVER_DOWN;
	}
	return LDAP_SUCCESS;
}

static void
set_probe_failure(struct rp_probe_out *po, struct page_state *st,
    size_t max)
{
	if (st->rc == LDAP_SUCCESS && st->entries <= max) {
		po->status = RP_PS_OK;
		return;
	}
	if (st->rc == LDAP_SUCCESS || st->rc == LDAP_SIZELIMIT_EXCEEDED ||
	    st->rc == LDAP_ADMINLIMIT_EXCEEDED) {
		po->status = RP_PS_TRUNCATED;
		po->detail = xasprintf("%s after %zu entries",
		    st->rc == LDAP_SUCCESS ? "local entry cap reached" :
		    "the server's size limit was reached", st->entries);
	} else if (st->rc == LDAP_TIMELIMIT_EXCEEDED || st->rc == LDAP_TIMEOUT) {
		po->status = RP_PS_TIMEOUT;
		po->detail = xasprintf("time limit after %zu entries",
		    st->entries);
	} else if (st->rc == LDAP_NO_SUCH_OBJECT) {
		po->status = RP_PS_NA;
		po->detail = xstrdup("the search base does not exist");
	} else if (st->rc == LDAP_INSUFFICIENT_ACCESS) {
		po->status = RP_PS_ERROR;
		po->detail = xstrdup("not readable with this account");
	} else {
		po->status = RP_PS_ERROR;
		po->detail = xasprintf("%s after %zu entries%s%s",
		    ldap_err2string(st->rc), st->entries,
		    st->diag && *st->diag ? ": " : "",
		    st->diag ? st->diag : "");
	}
}

/* Run one probe, streaming its entries into probes/<id>.ldif. */
static int
run_probe(struct ldap_run *r, const struct rp_probe *p,
    struct rp_probe_out *po, char **cause)
{
	struct page_state st;
	struct timespec t0, t1;
	char *path, *tmp, *base, **attrs;
	FILE *f;
	int rc = 0;

	memset(&st, 0, sizeof(st));
	po->probe = xstrdup(p->id);
	po->exit_code = -1;
	path = rp_bundle_probe_path(r->w, r->t->id, p->id, "ldif");
	tmp = xasprintf("%s.tmp", path);
	if ((f = fopen(tmp, "w")) == NULL) {
		rc = rp_fail(cause, RP_ERR_IO, "cannot write '%s': %s", tmp,
		    strerror(errno));
		goto out;
	}
	base = probe_base(r, p->ldap_base);
	attrs = split_attrs(p->ldap_attrs ? p->ldap_attrs : "1.1");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		st.rc = LDAP_SUCCESS;
		ldap_memfree(st.diag);
		st.diag = NULL;
		if ((rc = search_page(r, p, base, attrs, f, &st)) !=
		    LDAP_SUCCESS) {
			st.rc = rc;
			rc = 0;
			break;
		}
	} while (st.rc == LDAP_SUCCESS && st.cookie.bv_len > 0 &&
	    st.entries <= (r->conf->max_entries ? r->conf->max_entries :
	    DEFAULT_MAX_ENTRIES));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	po->duration_ms = (t1.tv_sec - t0.tv_sec) * 1000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000000;
	set_probe_failure(po, &st, r->conf->max_entries ?
	    r->conf->max_entries : DEFAULT_MAX_ENTRIES);
	rp_debug("'%s': probe '%s': %zu entries, %s", r->t->id, p->id,
	    st.entries, rp_pstatus_name(po->status));
	if (fclose(f) != 0 || rename(tmp, path) != 0)
		rc = rp_fail(cause, RP_ERR_IO, "cannot write '%s': %s", path,
		    strerror(errno));
	else {
		struct stat sb;

		po->file = xasprintf("probes/%s.ldif", p->id);
		po->bytes = stat(path, &sb) == 0 ? (size_t)sb.st_size : 0;
	}
	free(base);
	strv_free(attrs);
out:
	ber_memfree(st.cookie.bv_val);
	ldap_memfree(st.diag);
	free(tmp);
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
	char *tmp = xasprintf("%s.tmp", path);
	struct stat sb;
	FILE *f;
	int rc;

	memset(po, 0, sizeof(*po));
	po->probe = xstrdup("rootdse");
	po->exit_code = -1;
	if ((f = fopen(tmp, "w")) == NULL) {
		rc = rp_fail(errmsg, RP_ERR_IO, "cannot write '%s'", tmp);
		goto out;
	}
	rc = read_rootdse(r, f, errmsg);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		rc = rp_fail(errmsg, RP_ERR_IO, "cannot write '%s'", path);
		goto out;
	}
	po->status = rc == 0 ? RP_PS_OK : RP_PS_ERROR;
	po->file = xstrdup("probes/rootdse.ldif");
	po->bytes = stat(path, &sb) == 0 ? (size_t)sb.st_size : 0;
	r->t->nprobes++;
out:
	unlink(tmp);
	free(tmp);
	free(path);
	return rc;
}

void
rp_ldap_collect(const struct rp_ldap_conf *conf,
    const struct rp_probe *const *probes, size_t nprobes,
    struct rp_bundle_writer *w, struct rp_target_ev *t)
{
	struct ldap_run r;
	char *err = NULL;
	size_t i;
	int rc, partial = 0;

	memset(&r, 0, sizeof(r));
	r.conf = conf;
	r.t = t;
	r.w = w;
	free(t->address);
	t->address = xstrdup(conf->url);
	free(t->user);
	t->user = conf->bind_dn ? xstrdup(conf->bind_dn) : conf->sasl_mech ?
	    xasprintf("SASL %s", conf->sasl_mech) : xstrdup("anonymous");
	t->probes = xcalloc(nprobes + 1, sizeof(*t->probes));
	rc = connect_bind(&r, &err);
	if (rc == 0)
		rc = write_rootdse(&r, &err);
	if (rc != 0) {
		t->status = status_for(rc);
		free(t->error);
		t->error = err;
		err = NULL;
		goto out;
	}
	t->naming_context = xstrdup(conf->base_dn ? conf->base_dn :
	    r.naming_context ? r.naming_context : "");
	for (i = 0; i < nprobes; i++) {
		struct rp_probe_out *po = &t->probes[t->nprobes++];

		if (run_probe(&r, probes[i], po, &err) != 0) {
			t->status = RP_TS_ERROR;
			t->error = err;
			err = NULL;
			goto out;
		}
		if (po->status != RP_PS_OK && po->status != RP_PS_NA)
			partial = 1;
	}
	t->status = partial || conf->insecure_tls ? RP_TS_PARTIAL : RP_TS_OK;
	if (conf->insecure_tls)
		t->error = xstrdup("TLS certificate NOT verified "
		    "(--insecure-tls): the server's identity is unproven");
	else if (partial)
		t->error = xstrdup("some searches were incomplete (see the "
		    "probes' detail)");
out:
	if (r.ld != NULL)
		ldap_unbind_ext_s(r.ld, NULL, NULL);
	free(r.naming_context);
	free(r.config_context);
	free(r.schema_context);
	free(err);
}
