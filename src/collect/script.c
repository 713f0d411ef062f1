/*
 * script.c -- build the probe script and split its output.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "collect/script.h"
#include "core/err.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "core/banned.h"

#define SCRIPT_MAX	(4u * 1024 * 1024)

/* Where sbin tools (sshd, sysctl) live: not in a user's PATH everywhere. */
#define SCRIPT_PATH \
	"PATH=\"${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin:/usr/local/sbin\"; " \
	"export PATH"
/* Inside every probe shell: sudo may reset the environment. */
#define PROBE_ENV \
	"LC_ALL=C; export LC_ALL; PATH=\"${PATH:-/usr/bin:/bin}:/usr/sbin:" \
	"/sbin:/usr/local/sbin\"; export PATH; "
/* Elevation test: sudo must run a shell, and the shell must exec. */
#define SUDO_TEST	"sudo -n /bin/sh -c 'exec /bin/true'"
/*
 * Probes whose command says "$RP_SUDO cmd" elevate that one command, for
 * hosts hardened with sudo rules limited to read-only commands, noexec and
 * requiretty (ANSSI BP-028 R39): "sudo -n cmd", and when it fails, whether
 * sudo refused it ("sudo -n -l cmd" fails) or the command itself failed.
 * A refusal kills the probe's shell with SIGUSR1 (exit 138): the probe is
 * an error, never an empty (and so passing) output.
 */
#define FINE_ENV \
	"rp_sudo() { sudo -n \"$@\" && return 0; rp_rc=$?; " \
	"sudo -n -l \"$@\" >/dev/null 2>&1 || kill -USR1 $$; " \
	"return $rp_rc; }; " \
	"if [ \"$(id -u)\" = 0 ]; then RP_SUDO=; else RP_SUDO=rp_sudo; fi; "

int
rp_script_fine(const struct rp_probe *p)
{
	return p->root && p->command != NULL &&
	    strstr(p->command, "$RP_SUDO") != NULL;
}

int
rp_script_boundary(char *boundary)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char rnd[RP_BOUNDARY_LEN / 2];
	size_t i, got = 0;
	ssize_t n;

	while (got < sizeof(rnd)) {
		n = getrandom(rnd + got, sizeof(rnd) - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return RP_ERR_IO;
		got += (size_t)n;
	}
	for (i = 0; i < sizeof(rnd); i++) {
		boundary[2 * i] = hex[rnd[i] >> 4];
		boundary[2 * i + 1] = hex[rnd[i] & 15];
	}
	boundary[RP_BOUNDARY_LEN] = '\0';
	return 0;
}

/* Append s in single quotes: ' becomes '\'' . */
static void
add_quoted(struct rp_strbuf *sb, const char *s)
{
	rp_strbuf_addch(sb, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			rp_strbuf_addstr(sb, "'\\''");
		else
			rp_strbuf_addch(sb, *s);
	}
	rp_strbuf_addch(sb, '\'');
}

static void
add_marker(struct rp_strbuf *sb, const char *b, const char *what,
    const char *id, int with_status)
{
	rp_strbuf_addf(sb, "printf '\\n==RP-%s-%s", b, what);
	if (id != NULL)
		rp_strbuf_addf(sb, " %s", id);
	rp_strbuf_addstr(sb, with_status ? " %d==\\n' \"$?\"\n" : "==\\n'\n");
}

/* The probe itself, run by a fresh shell (elevated through $rp_su). */
static void
add_probe_run(struct rp_strbuf *sb, const char *b, const struct rp_probe *p,
    int elevate, int deep)
{
	struct rp_strbuf cmd = RP_STRBUF_INIT(SCRIPT_MAX);

	add_marker(sb, b, "BEGIN", p->id, 0);
	/*
	 * Proof of run: this shell starts the line "==RP-<b>-RUN " and the
	 * child ends it with "<id>==" once it has checked that /dev/null is
	 * a character device and redirected its own stderr there. A child
	 * that cannot (a /dev/null that is a file or not writable, a shell
	 * that does not start) leaves the line unfinished, and the probe is
	 * an error whatever its exit status. The child never sees the
	 * boundary (its command line shows only the id).
	 */
	rp_strbuf_addf(sb, "printf '==RP-%s-RUN '\n", b);
	rp_strbuf_addstr(&cmd, "[ -c /dev/null ] || exit " RP_EXIT_NO_START_S
	    "; exec 2>/dev/null || exit " RP_EXIT_NO_START_S "; ");
	rp_strbuf_addf(&cmd, "printf '%s==\\n'; ", p->id);
	rp_strbuf_addstr(&cmd, PROBE_ENV);
	rp_strbuf_addstr(&cmd, deep ? "RP_DEEP=1; " : "RP_DEEP=; ");
	if (rp_script_fine(p)) {
		rp_strbuf_addstr(&cmd, FINE_ENV);
		elevate = 0;	/* only the marked commands are elevated */
	}
	rp_strbuf_addstr(&cmd, p->command);
	rp_strbuf_addstr(&cmd, "\n");	/* a final comment stays closed */
	rp_strbuf_addstr(sb, elevate ? "$rp_su /bin/sh -c " : "/bin/sh -c ");
	add_quoted(sb, rp_strbuf_str(&cmd));
	rp_strbuf_addstr(sb, " </dev/null\n");
	add_marker(sb, b, "END", p->id, 1);
	rp_strbuf_release(&cmd);
}

static void
add_probe(struct rp_strbuf *sb, const char *b, const struct rp_probe *p,
    int flags)
{
	int elevate = p->root && (flags & RP_SCRIPT_BECOME);

	if (elevate && rp_script_fine(p))
		rp_strbuf_addstr(sb, "if [ \"$rp_el\" = 0 ] || "
		    "[ \"$rp_ell\" = 0 ]; then\n");
	else if (elevate)
		rp_strbuf_addstr(sb, "if [ \"$rp_el\" = 0 ]; then\n");
	if (p->requires != NULL) {
		/* no /dev/null here: a broken one must not say "absent" */
		rp_strbuf_addstr(sb, "if rp_x=$(command -v ");
		add_quoted(sb, p->requires);
		rp_strbuf_addstr(sb, " 2>&1); then\n");
	}
	add_probe_run(sb, b, p, elevate, (flags & RP_SCRIPT_DEEP) != 0);
	if (p->requires != NULL) {
		rp_strbuf_addstr(sb, "else\n");
		add_marker(sb, b, "NA", p->id, 0);
		rp_strbuf_addstr(sb, "fi\n");
	}
	if (elevate) {
		rp_strbuf_addstr(sb, "else\n");
		add_marker(sb, b, "SKIP", p->id, 0);
		rp_strbuf_addstr(sb, "fi\n");
	}
}

/* Who we are, and whether "sudo -n" runs a shell for us. */
static void
add_preamble(struct rp_strbuf *sb, const char *b, int flags)
{
	rp_strbuf_addstr(sb, "LC_ALL=C; export LC_ALL; " SCRIPT_PATH "\n"
	    "umask 077\n");
	if (!(flags & RP_SCRIPT_PTY)) {
		add_marker(sb, b, "BEGIN", RP_SECT_ID, 0);
		/* the probes' shells need a writable /dev/null device */
		rp_strbuf_addstr(sb, "id -u </dev/null\n"
		    "[ -c /dev/null ] && [ -w /dev/null ] || "
		    "echo " RP_DEVNULL_BAD "\n");
		add_marker(sb, b, "END", RP_SECT_ID, 1);
	}
	if (!(flags & (RP_SCRIPT_BECOME | RP_SCRIPT_PTY)))
		return;
	rp_strbuf_addstr(sb, "rp_el=1; rp_ell=1; rp_su='sudo -n'\n"
	    "[ \"$(id -u)\" = 0 ] && rp_su=''\n");
	add_marker(sb, b, "BEGIN", RP_SECT_ELEVATE, 0);
	/* rp_ell: sudo -n works for some commands (those "$RP_SUDO" names) */
	rp_strbuf_addstr(sb, "if [ -z \"$rp_su\" ]; then echo uid=0; "
	    "rp_el=0; rp_ell=0; else " SUDO_TEST " </dev/null 2>&1; rp_el=$?; "
	    "if [ \"$rp_el\" != 0 ]; then sudo -n -l </dev/null >/dev/null "
	    "2>&1; rp_ell=$?; echo \"rempart-sudo-list=$rp_ell\"; fi; fi\n");
	rp_strbuf_addf(sb, "printf '\\n==RP-%s-END %s %%d==\\n' \"$rp_el\"\n",
	    b, RP_SECT_ELEVATE);
}

char *
rp_script_build(const char *boundary, int flags,
    const struct rp_probe *const *probes, size_t n, size_t *lenp)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(SCRIPT_MAX);
	size_t i;

	add_preamble(&sb, boundary, flags);
	for (i = 0; i < n; i++)
		add_probe(&sb, boundary, probes[i], flags);
	add_marker(&sb, boundary, "DONE", NULL, 0);
	if (flags & RP_SCRIPT_PTY)
		rp_strbuf_addstr(&sb, "exit 0\n");
	return rp_strbuf_detach(&sb, lenp);
}

void
rp_splitter_init(struct rp_splitter *sp, const char *boundary,
    struct rp_sect *sects, size_t n, size_t host_cap, rp_sect_cb cb,
    void *arg)
{
	memset(sp, 0, sizeof(*sp));
	snprintf(sp->prefix, sizeof(sp->prefix), "==RP-%s-", boundary);
	sp->plen = strlen(sp->prefix);
	sp->sects = sects;
	sp->nsects = n;
	sp->host_left = host_cap;
	sp->at_bol = 1;
	sp->cb = cb;
	sp->arg = arg;
}

struct rp_sect *
rp_splitter_find(struct rp_splitter *sp, const char *id)
{
	size_t i;

	for (i = 0; i < sp->nsects; i++)
		if (strcmp(sp->sects[i].id, id) == 0)
			return &sp->sects[i];
	return NULL;
}

/* Output of the current section: keep what the caps allow. */
static void
emit(struct rp_splitter *sp, const char *data, size_t len)
{
	struct rp_sect *s = sp->cur;
	size_t keep = len;

	if (len == 0)
		return;
	if (s == NULL) {
		keep = sizeof(sp->noise_head) - 1 - sp->noise_len;
		keep = len < keep ? len : keep;
		memcpy(sp->noise_head + sp->noise_len, data, keep);
		sp->noise_len += keep;
		sp->noise += len;
		return;
	}
	s->seen += len;
	if (keep > sp->host_left)
		keep = sp->host_left;
	keep = rp_strbuf_add_trunc(&s->out, data, keep);
	sp->host_left -= keep;
	if (keep < len)
		s->truncated = 1;
}

static void
emit_pending(struct rp_splitter *sp)
{
	if (sp->pending_nl) {
		sp->pending_nl = 0;
		emit(sp, "\n", 1);
	}
}

/* "ID==" or "ID N==": split the id (and the status) off a marker. */
static int
marker_args(char *s, char **id, int *status, int with_status)
{
	size_t len = strlen(s);
	long long v;
	char *sp;

	if (len < 3 || strcmp(s + len - 2, "==") != 0)
		return -1;
	s[len - 2] = '\0';
	*id = s;
	if (!with_status)
		return strchr(s, ' ') != NULL ? -1 : 0;
	if ((sp = strchr(s, ' ')) == NULL)
		return -1;
	*sp++ = '\0';
	if (rp_strtonum(sp, 0, 1000000, &v) != 0)
		return -1;
	*status = (int)v;
	return 0;
}

static int
on_begin(struct rp_splitter *sp, struct rp_sect *s, long long now)
{
	if (sp->cur != NULL || s->state != RP_SECT_PENDING)
		return -1;
	s->state = RP_SECT_RUNNING;
	s->t_begin = now;
	sp->cur = s;
	return 0;
}

static int
on_end(struct rp_splitter *sp, struct rp_sect *s, int status, long long now)
{
	if (sp->cur != s)
		return -1;
	s->state = RP_SECT_ENDED;
	s->exit_code = status;
	s->t_end = now;
	sp->cur = NULL;
	if (sp->cb != NULL)
		sp->cb(sp->arg, s);
	return 0;
}

/* The child's start token: once, inside its own section. */
static int
on_run(struct rp_splitter *sp, struct rp_sect *s)
{
	if (sp->cur != s || s->started)
		return -1;
	s->started = 1;
	return 0;
}

static int
on_other(struct rp_splitter *sp, struct rp_sect *s, enum rp_sect_state st,
    long long now)
{
	if (sp->cur != NULL || s->state != RP_SECT_PENDING)
		return -1;
	s->state = st;
	s->t_begin = s->t_end = now;
	if (sp->cb != NULL)
		sp->cb(sp->arg, s);
	return 0;
}

/* line[] holds a whole line: act on it if it is one of our markers. */
static int
try_marker(struct rp_splitter *sp, long long now)
{
	char buf[RP_MARKER_MAX + 1], *id, *w;
	struct rp_sect *s;
	int status = 0, end;

	if (sp->llen <= sp->plen ||
	    memcmp(sp->line, sp->prefix, sp->plen) != 0)
		return -1;
	memcpy(buf, sp->line + sp->plen, sp->llen - sp->plen);
	buf[sp->llen - sp->plen] = '\0';
	if (strlen(buf) != sp->llen - sp->plen)
		return -1;		/* a NUL inside */
	if (strcmp(buf, "DONE==") == 0 && sp->cur == NULL) {
		sp->done = 1;
		return 0;
	}
	if ((w = strchr(buf, ' ')) == NULL)
		return -1;
	*w++ = '\0';
	end = strcmp(buf, "END") == 0;
	if (marker_args(w, &id, &status, end) != 0 ||
	    (s = rp_splitter_find(sp, id)) == NULL)
		return -1;
	if (strcmp(buf, "BEGIN") == 0)
		return on_begin(sp, s, now);
	if (strcmp(buf, "RUN") == 0)
		return on_run(sp, s);
	if (end)
		return on_end(sp, s, status, now);
	if (strcmp(buf, "NA") == 0)
		return on_other(sp, s, RP_SECT_NA, now);
	if (strcmp(buf, "SKIP") == 0)
		return on_other(sp, s, RP_SECT_SKIPPED, now);
	return -1;
}

/* A byte while line[] may still become a marker. */
static void
feed_bol(struct rp_splitter *sp, char c, long long now)
{
	if (c == '\n') {
		if (try_marker(sp, now) == 0) {
			sp->pending_nl = 0;	/* the script's own newline */
		} else {
			emit_pending(sp);
			emit(sp, sp->line, sp->llen);
			sp->pending_nl = 1;
		}
		sp->llen = 0;
		return;
	}
	sp->line[sp->llen++] = c;
	if ((sp->llen <= sp->plen && sp->line[sp->llen - 1] !=
	    sp->prefix[sp->llen - 1]) || sp->llen == sizeof(sp->line)) {
		emit_pending(sp);
		emit(sp, sp->line, sp->llen);
		sp->llen = 0;
		sp->at_bol = 0;
	}
}

void
rp_splitter_feed(struct rp_splitter *sp, const char *buf, size_t len,
    long long now_ms)
{
	const char *nl;
	size_t i = 0;

	while (i < len) {
		if (sp->at_bol) {
			feed_bol(sp, buf[i++], now_ms);
			continue;
		}
		if ((nl = memchr(buf + i, '\n', len - i)) == NULL) {
			emit(sp, buf + i, len - i);
			break;
		}
		emit(sp, buf + i, (size_t)(nl - (buf + i)));
		i = (size_t)(nl - buf) + 1;
		sp->pending_nl = 1;
		sp->at_bol = 1;
	}
}

/*
 * Secret masking. Words that name a secret when a value follows them with
 * '=', ':' or '(' (key=value, "key: value", syslog-ng's password("...")).
 * "authtok": sssd's ldap_default_authtok.
 */
static const char *const secret_words[] = {
	"password", "passphrase", "secret", "token", "apikey", "api_key",
	"api-key", "credential", "bindpw", "auth_key", "authkey", "authtok",
};

/* Keywords whose value follows a blank ("bindpw VALUE": nslcd.conf,
 * ldap.conf's rootbindpw, pam_ldap): the whole word must match. */
static const char *const secret_blank_keys[] = {
	"bindpw", "rootpwmodpw", "rootbindpw",
};

#define MASK		"****"
#define MASK_MINTOK	16	/* a bare URL user this long is a token */

static int
key_char(int c)
{
	return isalnum(c) || c == '_' || c == '-' || c == '.';
}

/* ASCII only: a locale's case mapping never makes or hides a secret word. */
static int
lower_ascii(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The first letters of secret_words (lower case), set once. */
static unsigned char initials[256];
static pthread_once_t initials_once = PTHREAD_ONCE_INIT;

static void
init_initials(void)
{
	size_t i;

	for (i = 0; i < sizeof(secret_words) / sizeof(secret_words[0]); i++)
		initials[(unsigned char)secret_words[i][0]] = 1;
}

/*
 * Does one of secret_words occur in k[0..len), ignoring ASCII case? The
 * first letter filters the candidates: this runs on every word of every
 * output.
 */
static int
names_secret(const char *k, size_t len)
{
	size_t i, j, m, wl;
	int c;

	pthread_once(&initials_once, init_initials);
	for (j = 0; j < len; j++) {
		c = lower_ascii((unsigned char)k[j]);
		if (!initials[c])
			continue;	/* no secret word starts with it */
		for (i = 0; i < sizeof(secret_words) / sizeof(secret_words[0]);
		    i++) {
			if (secret_words[i][0] != c)
				continue;
			wl = strlen(secret_words[i]);
			if (wl > len - j)
				continue;
			for (m = 1; m < wl && lower_ascii((unsigned char)
			    k[j + m]) == secret_words[i][m]; m++)
				;
			if (m == wl)
				return 1;
		}
	}
	return 0;
}

static int
ascii_caseeq(const char *a, const char *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (lower_ascii((unsigned char)a[i]) !=
		    lower_ascii((unsigned char)b[i]))
			return 0;
	return 1;
}

static int
blank_key(const char *k, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(secret_blank_keys) /
	    sizeof(secret_blank_keys[0]); i++)
		if (strlen(secret_blank_keys[i]) == len &&
		    ascii_caseeq(k, secret_blank_keys[i], len))
			return 1;
	return 0;
}

/*
 * At p: "://" starts a URL. Masks the password of "user:pass@", or a long
 * bare "token@". Returns how many bytes of src were consumed (copied to
 * out, masked), 0 when nothing was done.
 */
static size_t
mask_url(const char *src, size_t len, size_t p, struct rp_strbuf *out)
{
	size_t i = p + 3, colon = 0, at = 0;

	for (; i < len; i++) {
		unsigned char c = (unsigned char)src[i];

		if (c == '@') {
			at = i;
			break;
		}
		if (c == '/' || c == '?' || c == '#' || isspace(c) ||
		    c == '"' || c == '\'' || c == '<' || c == '>' || c == ']')
			break;
		if (c == ':' && colon == 0)
			colon = i;
	}
	if (at == 0 && i == len && colon != 0) {
		/* cut before the '@' (a capped output, a shortened message):
		 * what follows the ':' may be a password */
		rp_strbuf_add(out, src + p, colon + 1 - p);
		rp_strbuf_addstr(out, MASK);
		return len - p;
	}
	if (at == 0)
		return 0;
	if (colon != 0) {
		rp_strbuf_add(out, src + p, colon + 1 - p);
		rp_strbuf_addstr(out, MASK);
	} else if (at - (p + 3) >= MASK_MINTOK) {
		rp_strbuf_add(out, src + p, 3);
		rp_strbuf_addstr(out, MASK);
	} else
		return 0;
	rp_strbuf_addch(out, '@');
	return at + 1 - p;
}

/*
 * At p: the end of a key word (src[kstart..p) are key characters). When the
 * key names a secret and a separator follows, mask the value. Returns the
 * bytes consumed from p, 0 when nothing was done.
 */
static int
may_mask_value(const char *src, size_t len, size_t kstart, size_t p)
{
	(void)len;
	if (kstart > 0 && src[kstart - 1] == '/')
		return 0;	/* a path: /etc/pam.d/common-password: */
	if (p - kstart > 128)
		return 0;	/* not a key: bounds the word search */
	return names_secret(src + kstart, p - kstart) ||
	    blank_key(src + kstart, p - kstart);
}

static size_t
mask_value(const char *src, size_t len, size_t kstart, size_t p,
    struct rp_strbuf *out)
{
	size_t i = p, v;
	char q = 0;

	if (kstart > 0 && src[kstart - 1] == '/')
		return 0;	/* a path: /etc/pam.d/common-password: */
	if (p - kstart > 128)
		return 0;	/* not a key: bounds the word search */
	if (!names_secret(src + kstart, p - kstart) &&
	    !blank_key(src + kstart, p - kstart))
		return 0;
	/* an XML element: <password>VALUE</password> */
	if (kstart > 0 && src[kstart - 1] == '<' && p < len && src[p] == '>') {
		for (i = v = p + 1; i < len && src[i] != '<' &&
		    src[i] != '\n'; i++)
			;
		if (i == v)
			return 0;
		rp_strbuf_add(out, src + p, v - p);
		rp_strbuf_addstr(out, MASK);
		return i - p;
	}
	while (i < len && (src[i] == ' ' || src[i] == '\t' || src[i] == '"' ||
	    src[i] == '\''))
		i++;
	if (i < len && src[i] != '=' && src[i] != ':' && src[i] != '(' &&
	    i > p && blank_key(src + kstart, p - kstart))
		i = p;		/* "bindpw VALUE": the blank is the separator */
	else if (i >= len || (src[i] != '=' && src[i] != ':' && src[i] != '('))
		return 0;
	else if (src[i] == ':' && i + 1 < len && src[i + 1] == ':')
		i++;		/* LDIF's "attr:: base64" */
	i++;
	while (i < len && (src[i] == ' ' || src[i] == '\t'))
		i++;
	if (i < len && (src[i] == '"' || src[i] == '\''))
		q = src[i++];
	v = i;
	while (i < len && src[i] != '\n' && (q ? src[i] != q :
	    !isspace((unsigned char)src[i]) && src[i] != ',' &&
	    src[i] != ';' && src[i] != ')' && src[i] != '&'))
		i++;
	if (i == v)
		return 0;
	/* a count of 1 to 3 digits ("password=1": how many password
	 * lines a file holds) is not a secret */
	if (q == 0 && i - v <= 3) {
		size_t d;

		for (d = v; d < i && isdigit((unsigned char)src[d]); d++)
			;
		if (d == i)
			return 0;
	}
	rp_strbuf_add(out, src + p, v - p);
	rp_strbuf_addstr(out, MASK);
	return i - p;
}

char *
rp_mask_secrets(const char *src, size_t len, size_t *outlen, size_t *nmasked)
{
	struct rp_strbuf out;
	size_t i = 0, k, kstart = 0, n = 0, from = 0;
	int inkey = 0;

	/* a mask adds 3 bytes to a value of at least 1 (and its key) */
	rp_strbuf_init(&out, len + len / 2 + len / 4 + 64);

	/*
	 * src[from..i) is copied as it is, in one piece, before a mask is
	 * written (mask_url and mask_value write nothing when they return 0).
	 */
	while (i < len) {
		unsigned char c = (unsigned char)src[i];
		int kc;

		if (c == ':' && i + 2 < len && src[i + 1] == '/' &&
		    src[i + 2] == '/') {
			rp_strbuf_add(&out, src + from, i - from);
			from = i;
			if ((k = mask_url(src, len, i, &out)) > 0) {
				n++;
				i += k;
				from = i;
				inkey = 0;
				continue;
			}
		}
		kc = key_char(c);
		if (inkey && !kc && may_mask_value(src, len, kstart, i)) {
			rp_strbuf_add(&out, src + from, i - from);
			from = i;
			if ((k = mask_value(src, len, kstart, i, &out)) > 0) {
				n++;
				i += k;
				from = i;
				inkey = 0;
				continue;
			}
		}
		if (kc && !inkey) {
			inkey = 1;
			kstart = i;
		} else if (!kc)
			inkey = 0;
		i++;
	}
	rp_strbuf_add(&out, src + from, len - from);
	if (nmasked != NULL)
		*nmasked = n;
	return rp_strbuf_detach(&out, outlen);
}
