/*
 * inventory.c -- Ansible-style INI inventories.
 *
 * Parsing fills groups (vars, children, hosts) and hosts (their own vars),
 * then every host's variables are applied in Ansible's order: [all:vars],
 * the groups holding the host from the shallowest to the deepest (by name
 * at equal depth), the host line last.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "collect/inventory.h"
#include "collect/ldap.h"
#include "core/err.h"
#include "core/file.h"
#include "core/log.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "core/banned.h"

#define INV_MAX_BYTES	(16u * 1024 * 1024)
#define INV_MAX_DEPTH	32
#define SECRET_MAX	1024

struct kv {
	char	*key;
	char	*val;
	int	 line;
};

struct group {
	char	*name;
	struct kv *vars;
	size_t	 nvars, avars;
	char	**children;
	size_t	 nchildren, achildren;
	char	**hosts;
	size_t	 nhosts, ahosts;
	int	 depth;		/* -1: not computed yet */
};

struct phost {
	char	*alias;
	int	 line;
	struct kv *vars;
	size_t	 nvars, avars;
};

enum section { SEC_HOSTS, SEC_VARS, SEC_CHILDREN };

struct parser {
	const char	*file;
	int		 line;
	struct group	*groups;
	size_t		 ngroups, agroups;
	struct phost	*hosts;
	size_t		 nhosts, ahosts;
	size_t		 curi;	/* current group (an index: groups move) */
	enum section	 sec;
	char		**warned;
	size_t		 nwarned, awarned;
};

/* Variables that carry a secret inline: refused. */
static const char *const secret_vars[] = {
	"ansible_password", "ansible_ssh_pass", "ansible_ssh_password",
	"ansible_become_password", "ansible_become_pass", "ansible_sudo_pass",
	"ansible_sudo_password", "ansible_su_pass", "ansible_su_password",
	"ansible_ssh_private_key_passphrase", "password", "key_passphrase",
};

static void
kv_add(struct kv **v, size_t *n, size_t *a, const char *k, const char *val,
    int line)
{
	XGROW(*v, *a, *n);
	(*v)[*n].key = xstrdup(k);
	(*v)[*n].val = xstrdup(val);
	(*v)[*n].line = line;
	(*n)++;
}

static void
kv_free(struct kv *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].val);
	}
	free(v);
}

static void
strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
strv_has(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

static void
parser_release(struct parser *p)
{
	size_t i;

	for (i = 0; i < p->ngroups; i++) {
		free(p->groups[i].name);
		kv_free(p->groups[i].vars, p->groups[i].nvars);
		strv_free(p->groups[i].children, p->groups[i].nchildren);
		strv_free(p->groups[i].hosts, p->groups[i].nhosts);
	}
	free(p->groups);
	for (i = 0; i < p->nhosts; i++) {
		free(p->hosts[i].alias);
		kv_free(p->hosts[i].vars, p->hosts[i].nvars);
	}
	free(p->hosts);
	strv_free(p->warned, p->nwarned);
}

static struct group *
group_find(struct parser *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->ngroups; i++)
		if (strcmp(p->groups[i].name, name) == 0)
			return &p->groups[i];
	return NULL;
}

static size_t
group_get(struct parser *p, const char *name)
{
	struct group *g;

	if ((g = group_find(p, name)) != NULL)
		return (size_t)(g - p->groups);
	XGROW(p->groups, p->agroups, p->ngroups);
	g = &p->groups[p->ngroups];
	memset(g, 0, sizeof(*g));
	g->name = xstrdup(name);
	g->depth = -1;
	return p->ngroups++;
}

static struct phost *
host_get(struct parser *p, const char *alias)
{
	struct phost *h;
	size_t i;

	for (i = 0; i < p->nhosts; i++)
		if (strcmp(p->hosts[i].alias, alias) == 0)
			return &p->hosts[i];
	XGROW(p->hosts, p->ahosts, p->nhosts);
	h = &p->hosts[p->nhosts++];
	memset(h, 0, sizeof(*h));
	h->alias = xstrdup(alias);
	h->line = p->line;
	return h;
}

static int
perr(struct parser *p, char **cause, const char *what, const char *arg)
{
	return rp_fail(cause, RP_ERR_PARSE, "%s:%d: %s%s%s%s", p->file,
	    p->line, what, arg ? " '" : "", arg ? arg : "", arg ? "'" : "");
}

/* Opening or closing quote: update *q and say so. */
static int
quote_toggle(char *q, char c)
{
	if (*q == 0 && (c == '"' || c == '\'')) {
		*q = c;
		return 1;
	}
	if (*q != 0 && c == *q) {
		*q = 0;
		return 1;
	}
	return 0;
}

/*
 * Split off one token: bare, "double" or 'single' quoted (a backslash
 * escapes the next character in double quotes). *s advances past it.
 * Returns 0 with *tok NULL at the end of the line or at a comment.
 */
static int
next_token(const char **s, char **tok)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(65536);
	const char *c = *s + strspn(*s, " \t");
	char q = 0;

	*tok = NULL;
	if (*c == '\0' || *c == '#' || *c == ';') {
		*s = c;
		return 0;
	}
	for (; *c != '\0' && (q || (*c != ' ' && *c != '\t')); c++) {
		if (quote_toggle(&q, *c))
			continue;
		if (q == '"' && *c == '\\' && c[1] != '\0')
			c++;
		if (rp_strbuf_addch(&sb, *c) != 0)
			break;
	}
	*s = c;
	if (q != 0) {
		rp_strbuf_release(&sb);
		return RP_ERR_PARSE;
	}
	*tok = rp_strbuf_detach(&sb, NULL);
	return 0;
}

static int
is_secret_var(const char *k)
{
	size_t i;

	for (i = 0; i < sizeof(secret_vars) / sizeof(secret_vars[0]); i++)
		if (strcmp(k, secret_vars[i]) == 0)
			return 1;
	return 0;
}

static int
check_var_name(struct parser *p, const char *k, char **cause)
{
	if (*k == '\0')
		return perr(p, cause, "empty variable name", NULL);
	if (!is_secret_var(k))
		return 0;
	if (strstr(k, "become") != NULL || strstr(k, "sudo") != NULL ||
	    strstr(k, "su_") != NULL)
		return rp_fail(cause, RP_ERR_PARSE, "%s:%d: '%s': rempart "
		    "never sends a sudo password; give the audit account a "
		    "NOPASSWD sudo rule, or leave ansible_become unset",
		    p->file, p->line, k);
	return rp_fail(cause, RP_ERR_PARSE, "%s:%d: '%s': inline secrets "
	    "are refused (they sit in clear text in the inventory); put the "
	    "secret alone in a file of mode 0600 and set password_file=PATH "
	    "(or key_passphrase_file=PATH for a key)", p->file, p->line, k);
}

/* "alias key=value ..." in a host section. */
static int
parse_host_line(struct parser *p, const char *s, char **cause)
{
	struct phost *h;
	struct group *g;
	char *tok = NULL, *eq, *colon, *alias;
	long long port;
	int r = 0;

	if (next_token(&s, &alias) != 0 || alias == NULL)
		return perr(p, cause, "unterminated quote", NULL);
	if (strchr(alias, '[') != NULL) {
		r = perr(p, cause, "host ranges are not supported: list "
		    "each host", alias);
		goto out;
	}
	if ((colon = strchr(alias, ':')) != NULL) {
		*colon++ = '\0';
		if (rp_strtonum(colon, 1, 65535, &port) != 0) {
			r = perr(p, cause, "bad port in host", colon);
			goto out;
		}
	}
	if (!rp_valid_id(alias)) {
		r = perr(p, cause, "invalid host alias (letters, digits, "
		    "'.', '_', '-'; up to 128)", alias);
		goto out;
	}
	h = host_get(p, alias);
	if (colon != NULL)
		kv_add(&h->vars, &h->nvars, &h->avars, "ansible_port", colon,
		    p->line);
	g = &p->groups[p->curi];
	if (!strv_has(g->hosts, g->nhosts, alias)) {
		XGROW(g->hosts, g->ahosts, g->nhosts);
		g->hosts[g->nhosts++] = xstrdup(alias);
	}
	for (;;) {
		if (next_token(&s, &tok) != 0) {
			r = perr(p, cause, "unterminated quote", NULL);
			goto out;
		}
		if (tok == NULL)
			break;
		if ((eq = strchr(tok, '=')) == NULL) {
			r = perr(p, cause, "expected key=value, got", tok);
			goto out;
		}
		*eq = '\0';
		if ((r = check_var_name(p, tok, cause)) != 0)
			goto out;
		kv_add(&h->vars, &h->nvars, &h->avars, tok, eq + 1, p->line);
		free(tok);
		tok = NULL;
	}
out:
	free(tok);
	free(alias);
	return r;
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

/* Cut an unquoted value at an inline comment (" # ..." or " ; ..."). */
static void
cut_comment(char *v)
{
	char *c;

	for (c = v; *c; c++)
		if ((*c == '#' || *c == ';') && c > v &&
		    (c[-1] == ' ' || c[-1] == '\t')) {
			*c = '\0';
			break;
		}
}

/* "key = value" in a [group:vars] section; unquoted values may hold blanks. */
static int
parse_var_line(struct parser *p, char *s, char **cause)
{
	struct group *g = &p->groups[p->curi];
	const char *v;
	char *eq, *key, *val = NULL;
	int r;

	if ((eq = strchr(s, '=')) == NULL)
		return perr(p, cause, "expected key=value in a vars section, "
		    "got", trim(s));
	*eq = '\0';
	key = trim(s);
	if ((r = check_var_name(p, key, cause)) != 0)
		return r;
	v = trim(eq + 1);
	if (*v == '"' || *v == '\'') {
		if (next_token(&v, &val) != 0 || val == NULL)
			return perr(p, cause, "unterminated quote", NULL);
		while (*v == ' ' || *v == '\t')
			v++;
		if (*v != '\0' && *v != '#' && *v != ';') {
			free(val);
			return perr(p, cause, "text after a quoted value", v);
		}
	} else {
		val = xstrdup(v);
		cut_comment(val);
		(void)trim(val);	/* no leading blank: v was trimmed */
	}
	kv_add(&g->vars, &g->nvars, &g->avars, key, val, p->line);
	free(val);
	return 0;
}

static int
parse_child_line(struct parser *p, char *s, char **cause)
{
	struct group *g;
	char *name = trim(s);

	if (!rp_valid_id(name))
		return perr(p, cause, "invalid group name", name);
	(void)group_get(p, name);	/* may move p->groups */
	g = &p->groups[p->curi];
	if (strcmp(name, g->name) == 0)
		return perr(p, cause, "a group cannot contain itself", name);
	if (!strv_has(g->children, g->nchildren, name)) {
		XGROW(g->children, g->achildren, g->nchildren);
		g->children[g->nchildren++] = xstrdup(name);
	}
	return 0;
}

static int
parse_header(struct parser *p, char *s, char **cause)
{
	char *end = strchr(s, ']'), *colon;

	if (end == NULL || *trim(end + 1) != '\0')
		return perr(p, cause, "malformed section header", s);
	*end = '\0';
	p->sec = SEC_HOSTS;
	if ((colon = strchr(s + 1, ':')) != NULL) {
		*colon++ = '\0';
		if (strcmp(colon, "vars") == 0)
			p->sec = SEC_VARS;
		else if (strcmp(colon, "children") == 0)
			p->sec = SEC_CHILDREN;
		else
			return perr(p, cause, "unknown section kind (vars, "
			    "children)", colon);
	}
	if (!rp_valid_id(s + 1))
		return perr(p, cause, "invalid group name", s + 1);
	p->curi = group_get(p, s + 1);
	return 0;
}

static int
parse_line(struct parser *p, char *s, char **cause)
{
	s = trim(s);
	if (*s == '\0' || *s == '#' || *s == ';')
		return 0;
	if (*s == '[')
		return parse_header(p, s, cause);
	switch (p->sec) {
	case SEC_VARS:
		return parse_var_line(p, s, cause);
	case SEC_CHILDREN:
		return parse_child_line(p, s, cause);
	default:
		return parse_host_line(p, s, cause);
	}
}

static int
parse_file(struct parser *p, FILE *f, char **cause)
{
	char *line = NULL;
	size_t cap = 0, total = 0;
	ssize_t n;
	int r = 0;

	p->curi = group_get(p, "ungrouped");
	while (r == 0 && (n = getline(&line, &cap, f)) != -1) {
		p->line++;
		total += (size_t)n;
		if (total > INV_MAX_BYTES)
			r = perr(p, cause, "larger than 16 MiB", NULL);
		else if (memchr(line, '\0', (size_t)n) != NULL)
			r = perr(p, cause, "NUL byte in the inventory", NULL);
		else {
			line[strcspn(line, "\r\n")] = '\0';
			r = parse_line(p, line, cause);
		}
	}
	if (r == 0 && ferror(f))
		r = rp_fail(cause, RP_ERR_IO, "cannot read '%s': %s", p->file,
		    strerror(errno));
	free(line);
	return r;
}

/* Depth of a group: all = 0, top level = 1, a child = parent + 1. */
static int
group_depth(struct parser *p, struct group *g, int guard, char **cause)
{
	size_t i;
	int d, best = 1;

	if (g->depth >= 0)
		return g->depth;
	if (strcmp(g->name, "all") == 0)
		return g->depth = 0;
	if (guard > INV_MAX_DEPTH)
		return rp_fail(cause, RP_ERR_PARSE, "%s: group '%s' is in a "
		    "cycle of :children (or nested too deep)", p->file,
		    g->name);
	for (i = 0; i < p->ngroups; i++) {
		if (!strv_has(p->groups[i].children, p->groups[i].nchildren,
		    g->name))
			continue;
		if ((d = group_depth(p, &p->groups[i], guard + 1, cause)) < 0)
			return d;
		if (d + 1 > best)
			best = d + 1;
	}
	return g->depth = best;
}

/* Does group g hold alias, directly or through its children? */
static int
group_holds(struct parser *p, const struct group *g, const char *alias,
    int guard)
{
	struct group *c;
	size_t i;

	if (strcmp(g->name, "all") == 0 ||
	    strv_has(g->hosts, g->nhosts, alias))
		return 1;
	if (guard > INV_MAX_DEPTH)
		return 0;
	for (i = 0; i < g->nchildren; i++)
		if ((c = group_find(p, g->children[i])) != NULL &&
		    group_holds(p, c, alias, guard + 1))
			return 1;
	return 0;
}

static int
parse_bool(const char *v, int *out)
{
	if (strcasecmp(v, "true") == 0 || strcasecmp(v, "yes") == 0 ||
	    strcmp(v, "1") == 0 || strcasecmp(v, "on") == 0)
		*out = 1;
	else if (strcasecmp(v, "false") == 0 || strcasecmp(v, "no") == 0 ||
	    strcmp(v, "0") == 0 || strcasecmp(v, "off") == 0)
		*out = 0;
	else
		return RP_ERR_INVALID;
	return 0;
}

/* "~/x" -> "$HOME/x"; owned. */
static char *
expand_path(const char *v)
{
	const char *home = getenv("HOME");

	if (v[0] == '~' && v[1] == '/' && home != NULL && *home != '\0')
		return xasprintf("%s%s", home, v + 1);
	return xstrdup(v);
}

static int
valid_role(const char *v)
{
	const char *c;

	for (c = v; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '-' && *c != '_' &&
		    *c != ',' && *c != '.')
			return 0;
	return 1;
}

static int
valid_address(const char *v)
{
	const char *c;

	if (*v == '\0' || *v == '-' || strlen(v) > 253)
		return 0;
	for (c = v; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '.' && *c != '-' &&
		    *c != ':' && *c != '_' && *c != '%')
			return 0;
	return 1;
}

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

static void
set_path(char **dst, const char *v)
{
	free(*dst);
	*dst = expand_path(v);
}

static void
warn_unknown(struct parser *p, const struct kv *v)
{
	if (strv_has(p->warned, p->nwarned, v->key))
		return;
	XGROW(p->warned, p->awarned, p->nwarned);
	p->warned[p->nwarned++] = xstrdup(v->key);
	if (strncmp(v->key, "ansible_", 8) == 0)
		rp_info("%s:%d: '%s' is not used by rempart: ignored",
		    p->file, v->line, v->key);
	else
		rp_warn("%s:%d: unknown variable '%s' ignored (rempart "
		    "reads ansible_host, ansible_port, ansible_user, "
		    "ansible_ssh_private_key_file, ansible_become, role, "
		    "password_file, key_passphrase_file, jump_host; for "
		    "directories ldap_url, base_dn, bind_dn, "
		    "bind_password_file, ca_file, starttls, sasl_mech, sysvol)", p->file,
		    v->line, v->key);
}

static int
verr(struct parser *p, const struct kv *v, char **cause, const char *what)
{
	return rp_fail(cause, RP_ERR_PARSE, "%s:%d: %s='%s': %s", p->file,
	    v->line, v->key, v->val, what);
}

static int
set_conn_var(struct parser *p, struct rp_inv_host *h, const struct kv *v,
    char **cause)
{
	long long n;
	char *u = NULL, *hh = NULL;
	int port;

	if (strcmp(v->key, "ansible_host") == 0) {
		if (!valid_address(v->val))
			return verr(p, v, cause, "not a host name or address");
		set_str(&h->address, v->val);
	} else if (strcmp(v->key, "ansible_port") == 0) {
		if (rp_strtonum(v->val, 1, 65535, &n) != 0)
			return verr(p, v, cause, "not a port (1-65535)");
		h->port = (int)n;
	} else if (strcmp(v->key, "ansible_user") == 0) {
		if (*v->val == '\0' || strpbrk(v->val, " \t@:") != NULL)
			return verr(p, v, cause, "not a user name");
		set_str(&h->user, v->val);
	} else if (strcmp(v->key, "jump_host") == 0) {
		if (rp_parse_hostspec(v->val, &u, &hh, &port, NULL) != 0)
			return verr(p, v, cause, "expected [user@]host[:port]");
		free(u);
		free(hh);
		set_str(&h->jump_host, v->val);
	} else
		return 1;
	return 0;
}

static int
set_auth_var(struct parser *p, struct rp_inv_host *h, const struct kv *v,
    char **cause)
{
	if (strcmp(v->key, "ansible_ssh_private_key_file") == 0 ||
	    strcmp(v->key, "ansible_private_key_file") == 0)
		set_path(&h->key_file, v->val);
	else if (strcmp(v->key, "password_file") == 0)
		set_path(&h->password_file, v->val);
	else if (strcmp(v->key, "key_passphrase_file") == 0)
		set_path(&h->key_passphrase_file, v->val);
	else if (strcmp(v->key, "ansible_become") == 0) {
		if (parse_bool(v->val, &h->become) != 0)
			return verr(p, v, cause, "expected true or false");
	} else if (strcmp(v->key, "ansible_become_method") == 0) {
		if (strcmp(v->val, "sudo") != 0)
			return verr(p, v, cause, "only sudo is supported");
	} else if (strcmp(v->key, "ansible_become_user") == 0) {
		if (strcmp(v->val, "root") != 0)
			return verr(p, v, cause, "only root is supported");
	} else if (strcmp(v->key, "role") == 0) {
		if (!valid_role(v->val))
			return verr(p, v, cause, "expected comma separated "
			    "tags (dc, internet-facing, critical, ...)");
		set_str(&h->role, v->val);
	} else
		return 1;
	return 0;
}

static int
set_ldap_var(struct parser *p, struct rp_inv_host *h, const struct kv *v,
    char **cause)
{
	char *why = NULL;
	int r;

	if (strcmp(v->key, "ldap_url") == 0) {
		if ((r = rp_ldap_url_check(v->val, &why)) != 0) {
			/* not repeated: it may hold what it should not */
			rp_fail(cause, RP_ERR_PARSE, "%s:%d: host '%s': "
			    "ldap_url: %s", p->file, v->line, h->alias, why);
			free(why);
			return RP_ERR_PARSE;
		}
		set_str(&h->ldap_url, v->val);
	} else if (strcmp(v->key, "base_dn") == 0)
		set_str(&h->base_dn, v->val);
	else if (strcmp(v->key, "bind_dn") == 0)
		set_str(&h->bind_dn, v->val);
	else if (strcmp(v->key, "bind_password_file") == 0)
		set_path(&h->bind_password_file, v->val);
	else if (strcmp(v->key, "ca_file") == 0)
		set_path(&h->ca_file, v->val);
	else if (strcmp(v->key, "sasl_mech") == 0) {
		if (strcmp(v->val, "GSSAPI") != 0)
			return verr(p, v, cause, "only GSSAPI is supported");
		set_str(&h->sasl_mech, v->val);
	} else if (strcmp(v->key, "starttls") == 0) {
		if (parse_bool(v->val, &h->starttls) != 0)
			return verr(p, v, cause, "expected yes or no");
	} else if (strcmp(v->key, "sysvol") == 0) {
		if (parse_bool(v->val, &h->sysvol) != 0)
			return verr(p, v, cause, "expected yes or no");
		if (h->sysvol && h->kind != RP_KIND_AD)
			return verr(p, v, cause, "SYSVOL is read on [ad] "
			    "targets only");
	} else if (strcmp(v->key, "bind_password") == 0)
		/* the value is a secret: never repeated */
		return rp_fail(cause, RP_ERR_PARSE, "%s:%d: host '%s': "
		    "'bind_password': inline passwords are refused (its value "
		    "is not shown): put the secret alone in a file of mode "
		    "0600 and set bind_password_file=PATH", p->file, v->line,
		    h->alias);
	else
		return 1;
	return 0;
}

static int
apply_var(struct parser *p, struct rp_inv_host *h, const struct kv *v,
    char **cause)
{
	int r;

	if ((r = set_conn_var(p, h, v, cause)) <= 0)
		return r;
	if ((r = set_auth_var(p, h, v, cause)) <= 0)
		return r;
	if ((r = set_ldap_var(p, h, v, cause)) <= 0)
		return r;
	warn_unknown(p, v);
	return 0;
}

static int
cmp_group_depth(const void *a, const void *b)
{
	const struct group *ga = *(struct group *const *)a;
	const struct group *gb = *(struct group *const *)b;

	if (ga->depth != gb->depth)
		return ga->depth < gb->depth ? -1 : 1;
	return strcmp(ga->name, gb->name);
}

static int
host_kind(struct parser *p, struct group **gs, size_t n,
    struct rp_inv_host *h, char **cause)
{
	int ad = 0, ldap = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		ad |= strcmp(gs[i]->name, "ad") == 0;
		ldap |= strcmp(gs[i]->name, "openldap") == 0;
	}
	if (ad && ldap)
		return rp_fail(cause, RP_ERR_PARSE, "%s:%d: host '%s' is in "
		    "both [ad] and [openldap]", p->file, h->line, h->alias);
	h->kind = ad ? RP_KIND_AD : ldap ? RP_KIND_OPENLDAP : RP_KIND_LINUX;
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The groups a host is in, for --limit and the results: not "all". */
static void
host_groups(struct group **gs, size_t n, struct rp_inv_host *h)
{
	size_t i, other = 0;

	for (i = 0; i < n; i++)
		other += strcmp(gs[i]->name, "all") != 0 &&
		    strcmp(gs[i]->name, "ungrouped") != 0;
	h->groups = xcalloc(n + 1, sizeof(*h->groups));
	for (i = 0; i < n; i++) {
		if (strcmp(gs[i]->name, "all") == 0 ||
		    (other > 0 && strcmp(gs[i]->name, "ungrouped") == 0))
			continue;
		h->groups[h->ngroups++] = xstrdup(gs[i]->name);
	}
	if (h->ngroups > 1)
		qsort(h->groups, h->ngroups, sizeof(*h->groups), cmp_str);
}

static int
resolve_host(struct parser *p, const struct phost *ph,
    struct rp_inv_host *h, char **cause)
{
	struct group **gs = xcalloc(p->ngroups + 1, sizeof(*gs));
	size_t i, j, n = 0;
	int r = 0;

	h->alias = xstrdup(ph->alias);
	h->line = ph->line;
	h->port = RP_SSH_DEFAULT_PORT;
	for (i = 0; i < p->ngroups; i++)
		if (group_holds(p, &p->groups[i], ph->alias, 0))
			gs[n++] = &p->groups[i];
	qsort(gs, n, sizeof(*gs), cmp_group_depth);
	if ((r = host_kind(p, gs, n, h, cause)) != 0)
		goto out;
	for (i = 0; i < n; i++)
		for (j = 0; j < gs[i]->nvars; j++)
			if ((r = apply_var(p, h, &gs[i]->vars[j], cause)) != 0)
				goto out;
	for (j = 0; j < ph->nvars; j++)
		if ((r = apply_var(p, h, &ph->vars[j], cause)) != 0)
			goto out;
	if (h->address == NULL)
		h->address = xstrdup(h->alias);
	host_groups(gs, n, h);
out:
	free(gs);
	return r;
}

static int
resolve(struct parser *p, struct rp_inventory *inv, char **cause)
{
	size_t i;
	int r;

	for (i = 0; i < p->ngroups; i++)
		if ((r = group_depth(p, &p->groups[i], 0, cause)) < 0)
			return r;
	if (p->nhosts == 0)
		return rp_fail(cause, RP_ERR_PARSE, "%s: no host in the "
		    "inventory", p->file);
	inv->hosts = xcalloc(p->nhosts, sizeof(*inv->hosts));
	for (i = 0; i < p->nhosts; i++) {
		inv->nhosts++;
		if ((r = resolve_host(p, &p->hosts[i], &inv->hosts[i],
		    cause)) != 0)
			return r;
	}
	return 0;
}

int
rp_inventory_load(const char *path, struct rp_inventory **out, char **cause)
{
	struct rp_inventory *inv = xcalloc(1, sizeof(*inv));
	struct parser p;
	FILE *f;
	int r, fd;

	memset(&p, 0, sizeof(p));
	p.file = path;
	/* the user's own file: a symbolic link is followed; a FIFO or a
	 * device is refused without waiting */
	if ((fd = rp_file_open_st(path, SIZE_MAX, RP_FILE_FOLLOW, NULL)) < 0 ||
	    (f = fdopen(fd, "r")) == NULL) {
		if (fd >= 0)
			close(fd);
		if (fd == RP_ERR_INVALID)
			r = rp_fail(cause, RP_ERR_INVALID, "cannot open "
			    "inventory '%s': not a regular file", path);
		else
			r = rp_fail(cause, fd == RP_ERR_NOT_FOUND ?
			    RP_ERR_NOT_FOUND : RP_ERR_IO, "cannot open "
			    "inventory '%s': %s", path, strerror(errno));
		goto out;
	}
	r = parse_file(&p, f, cause);
	fclose(f);
	if (r == 0)
		r = resolve(&p, inv, cause);
out:
	parser_release(&p);
	if (r != 0) {
		rp_inventory_free(inv);
		return r;
	}
	inv->file = xstrdup(path);
	*out = inv;
	return 0;
}

int
rp_parse_hostspec(const char *spec, char **user, char **host, int *port,
    char **cause)
{
	const char *at = strchr(spec, '@'), *h = at ? at + 1 : spec;
	const char *end, *colon;
	long long n = 0;
	char *hs;

	if (at != NULL && (at == spec || strchr(h, '@') != NULL ||
	    memchr(spec, ':', (size_t)(at - spec)) != NULL))
		return rp_fail(cause, RP_ERR_INVALID, "bad user in '%s'", spec);
	if (*h == '[') {
		if ((end = strchr(h, ']')) == NULL)
			return rp_fail(cause, RP_ERR_INVALID, "missing ']' in "
			    "'%s'", spec);
		hs = xstrndup(h + 1, (size_t)(end - h - 1));
		colon = end[1] == ':' ? end + 1 : NULL;
		if (end[1] != '\0' && colon == NULL) {
			free(hs);
			return rp_fail(cause, RP_ERR_INVALID, "bad host '%s'",
			    spec);
		}
	} else {
		colon = strchr(h, ':');
		if (colon != NULL && strchr(colon + 1, ':') != NULL)
			colon = NULL;	/* a bare IPv6 address */
		hs = colon ? xstrndup(h, (size_t)(colon - h)) : xstrdup(h);
	}
	if (!valid_address(hs) || (colon != NULL &&
	    rp_strtonum(colon + 1, 1, 65535, &n) != 0)) {
		free(hs);
		return rp_fail(cause, RP_ERR_INVALID, "bad host or port in "
		    "'%s' (expected [user@]host[:port])", spec);
	}
	*user = at ? xstrndup(spec, (size_t)(at - spec)) : NULL;
	*host = hs;
	*port = (int)n;
	return 0;
}

/* A target id from a host name or address: invalid characters -> '-'. */
static char *
alias_of(const char *host)
{
	char *a = xstrdup(host), *c;

	for (c = a; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '.' && *c != '_' &&
		    *c != '-')
			*c = '-';
	if (!isalnum((unsigned char)a[0]))
		a[0] = 'h';
	if (strlen(a) > 128)
		a[128] = '\0';
	return a;
}

int
rp_inventory_single(const char *spec, struct rp_inventory **out,
    char **cause)
{
	struct rp_inventory *inv;
	struct rp_inv_host *h;
	char *user = NULL, *host = NULL;
	int port = 0, r;

	if ((r = rp_parse_hostspec(spec, &user, &host, &port, cause)) != 0)
		return r;
	inv = xcalloc(1, sizeof(*inv));
	inv->hosts = h = xcalloc(1, sizeof(*h));
	inv->nhosts = 1;
	h->alias = alias_of(host);
	h->kind = RP_KIND_LINUX;
	h->address = host;
	h->port = port ? port : RP_SSH_DEFAULT_PORT;
	h->user = user;
	*out = inv;
	return 0;
}

static void
host_release(struct rp_inv_host *h)
{
	strv_free(h->groups, h->ngroups);
	free(h->alias);
	free(h->address);
	free(h->user);
	free(h->key_file);
	free(h->key_passphrase_file);
	free(h->password_file);
	free(h->jump_host);
	free(h->role);
	free(h->ldap_url);
	free(h->base_dn);
	free(h->bind_dn);
	free(h->bind_password_file);
	free(h->ca_file);
	free(h->sasl_mech);
}

void
rp_inventory_keep(struct rp_inventory *inv, const unsigned char *keep)
{
	size_t i, n = 0;

	for (i = 0; i < inv->nhosts; i++) {
		if (keep[i])
			inv->hosts[n++] = inv->hosts[i];
		else
			host_release(&inv->hosts[i]);
	}
	inv->nhosts = n;
}

void
rp_inventory_free(struct rp_inventory *inv)
{
	size_t i;

	if (inv == NULL)
		return;
	for (i = 0; i < inv->nhosts; i++)
		host_release(&inv->hosts[i]);
	free(inv->hosts);
	free(inv->file);
	free(inv);
}

/*
 * Open a secret file: a regular file (no symbolic link, FIFO or device:
 * rp_file_open_st) of this user, mode 0600 or narrower, at most
 * SECRET_MAX bytes. The descriptor, or a negative RP_ERR_* with a message
 * (open_err when it cannot be opened at all).
 */
static int
secret_open(const char *path, int open_err, char **cause)
{
	struct stat st;
	int fd;

	if ((fd = rp_file_open_st(path, SECRET_MAX, 0, &st)) >= 0 &&
	    st.st_uid != geteuid()) {
		close(fd);
		fd = rp_fail(cause, RP_ERR_INVALID, "secret file '%s' belongs "
		    "to another user (uid %u)", path, (unsigned)st.st_uid);
	} else if (fd >= 0 && (st.st_mode & 077) != 0) {
		close(fd);
		fd = rp_fail(cause, RP_ERR_INVALID, "secret file '%s' has mode "
		    "%04o: others may read it; run 'chmod 600 %s'", path,
		    (unsigned)(st.st_mode & 07777), path);
	} else if (fd == RP_ERR_INVALID)
		fd = rp_fail(cause, RP_ERR_INVALID, "secret file '%s' is not "
		    "a regular file (%s): refused", path,
		    rp_file_kind(st.st_mode));
	else if (fd == RP_ERR_TOO_LARGE)
		fd = rp_fail(cause, RP_ERR_INVALID, "secret file '%s' is "
		    "larger than %d bytes", path, SECRET_MAX);
	else if (fd < 0)
		fd = rp_fail(cause, open_err, "cannot open secret file '%s': "
		    "%s", path, errno == ELOOP ? "a symbolic link (not "
		    "followed)" : strerror(errno));
	return fd;
}

int
rp_secret_read(const char *path, char **out, char **cause)
{
	char *buf = xcalloc(1, SECRET_MAX + 1);
	size_t len = 0;
	ssize_t n;
	int fd, r;

	if ((fd = secret_open(path, RP_ERR_IO, cause)) < 0) {
		free(buf);
		return fd;
	}
	r = 0;
	while (len < SECRET_MAX && (n = read(fd, buf + len,
	    SECRET_MAX - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = rp_fail(cause, RP_ERR_IO, "cannot read '%s': %s",
			    path, strerror(errno));
			goto out;
		}
		len += (size_t)n;
	}
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (len > 0 && buf[len - 1] == '\r')
		buf[--len] = '\0';
	if (memchr(buf, '\0', len) != NULL || len == 0)
		r = rp_fail(cause, RP_ERR_INVALID, "secret file '%s' is empty "
		    "or holds a NUL byte", path);
out:
	close(fd);
	if (r != 0) {
		explicit_bzero(buf, SECRET_MAX + 1);
		free(buf);
		return r;
	}
	*out = buf;
	return 0;
}

int
rp_secret_check(const char *path, char **cause)
{
	int fd;

	if ((fd = secret_open(path, RP_ERR_INVALID, cause)) < 0)
		return fd;
	close(fd);
	return 0;
}

void
rp_secret_free(char *secret)
{
	if (secret == NULL)
		return;
	explicit_bzero(secret, strlen(secret));
	free(secret);
}
