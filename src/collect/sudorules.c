/*
 * sudorules.c -- the commands a probe runs as root, read from its text.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collect/script.h"
#include "collect/sudorules.h"
#include "content/content.h"
#include "core/err.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "core/banned.h"

#define WORD_MAX	4096
#define VAR_MAX		64
#define ALT_MAX		64	/* values of one "for" loop */
#define TOK_MAX		128	/* words of one command */

enum tok_class { TK_FIXED, TK_ONE, TK_MANY };

struct word {
	struct rp_strbuf pat;	/* sudoers pattern, escaped */
	struct rp_strbuf lit;	/* the literal text */
	int	nexp;		/* expansions in it */
	int	nlit;		/* literal characters */
	int	quoted_exp;	/* an expansion inside double quotes */
	int	unquoted_exp;	/* one outside: 0..n words */
	int	glob;		/* an unquoted * ? [ */
	int	bad;		/* a character sudoers cannot hold */
	char	var[VAR_MAX];	/* the name of the first expansion */
};

static void
word_init(struct word *w)
{
	memset(w, 0, sizeof(*w));
	rp_strbuf_init(&w->pat, WORD_MAX);
	rp_strbuf_init(&w->lit, WORD_MAX);
}

static void
word_release(struct word *w)
{
	rp_strbuf_release(&w->pat);
	rp_strbuf_release(&w->lit);
}

static enum tok_class
word_class(const struct word *w)
{
	if (w->nexp == 0 && !w->glob)
		return TK_FIXED;
	if (w->unquoted_exp || strcmp(w->var, "@") == 0 ||
	    strcmp(w->var, "*") == 0)
		return TK_MANY;
	return TK_ONE;
}

/* A literal character: sudoers escapes ,:=\ and, when not a glob, *?[] */
static void
add_lit(struct word *w, char c, int globbing)
{
	w->nlit++;
	rp_strbuf_addch(&w->lit, c);
	if ((unsigned char)c < 0x20 || c == 0x7f || c == '#' || c == '"') {
		w->bad = 1;
		return;
	}
	if (strchr("*?[]", c) != NULL) {
		if (globbing) {
			w->glob = 1;
			rp_strbuf_addch(&w->pat, c);
			return;
		}
		rp_strbuf_addch(&w->pat, '\\');
	} else if (strchr("\\,:=", c) != NULL)
		rp_strbuf_addch(&w->pat, '\\');
	rp_strbuf_addch(&w->pat, c);
}

/* At s[*i] == '$': one expansion (or a lone '$', a literal). */
static void
add_exp(struct word *w, const char *s, size_t *i, int quoted)
{
	size_t j = *i + 1, k, depth;
	char name[VAR_MAX] = "";

	if (s[j] == '(') {
		for (depth = 1, j++; s[j] != '\0' && depth > 0; j++) {
			if (s[j] == '\'') {
				while (s[j + 1] != '\0' && s[j + 1] != '\'')
					j++;
				if (s[j + 1] != '\0')
					j++;
			} else if (s[j] == '(')
				depth++;
			else if (s[j] == ')')
				depth--;
		}
		snprintf(name, sizeof(name), "(");
	} else if (s[j] == '{') {
		for (k = 0, j++; s[j] != '\0' && s[j] != '}'; j++)
			if (k + 1 < sizeof(name) &&
			    (isalnum((unsigned char)s[j]) || s[j] == '_') &&
			    k == strlen(name))
				name[k++] = s[j], name[k] = '\0';
		if (s[j] == '}')
			j++;
	} else if (isalpha((unsigned char)s[j]) || s[j] == '_') {
		for (k = 0; isalnum((unsigned char)s[j]) || s[j] == '_'; j++)
			if (k + 1 < sizeof(name))
				name[k++] = s[j], name[k] = '\0';
	} else if (s[j] != '\0' && strchr("@*#?$!-0123456789", s[j])) {
		name[0] = s[j++];
		name[1] = '\0';
	} else {
		add_lit(w, '$', 0);
		*i = j;
		return;
	}
	if (w->nexp++ == 0)
		snprintf(w->var, sizeof(w->var), "%s", name);
	if (quoted)
		w->quoted_exp = 1;
	else
		w->unquoted_exp = 1;
	if (w->pat.len == 0 || w->pat.buf[w->pat.len - 1] != '*' ||
	    (w->pat.len >= 2 && w->pat.buf[w->pat.len - 2] == '\\'))
		rp_strbuf_addch(&w->pat, '*');
	*i = j;
}

static int
is_op(char c)
{
	return c == '\0' || c == '|' || c == ';' || c == '&' || c == '(' ||
	    c == ')' || c == '\n' || c == '<' || c == '>';
}

static int
is_blank(const char *s, size_t i)
{
	return s[i] == ' ' || s[i] == '\t' ||
	    (s[i] == '\\' && s[i + 1] == '\n');
}

static void
skip_blanks(const char *s, size_t *i)
{
	while (is_blank(s, *i))
		*i += s[*i] == '\\' ? 2 : 1;
}

/* One shell word at s[*i] (blanks skipped); 0, or 1 at an operator. */
static int
parse_word(const char *s, size_t *i, struct word *w)
{
	size_t j = *i;
	int any = 0;

	while (!is_blank(s, j) && !is_op(s[j])) {
		any = 1;
		if (s[j] == '\\') {
			if (s[j + 1] == '\0')
				break;
			add_lit(w, s[j + 1], 0);
			j += 2;
		} else if (s[j] == '\'') {
			for (j++; s[j] != '\0' && s[j] != '\''; j++)
				add_lit(w, s[j], 0);
			if (s[j] == '\'')
				j++;
		} else if (s[j] == '"') {
			for (j++; s[j] != '\0' && s[j] != '"';) {
				if (s[j] == '\\' && s[j + 1] != '\0' &&
				    strchr("$`\"\\\n", s[j + 1])) {
					add_lit(w, s[j + 1], 0);
					j += 2;
				} else if (s[j] == '$')
					add_exp(w, s, &j, 1);
				else if (s[j] == '`') {
					w->bad = 1;
					j++;
				} else
					add_lit(w, s[j++], 0);
			}
			if (s[j] == '"')
				j++;
		} else if (s[j] == '$') {
			add_exp(w, s, &j, 0);
		} else if (s[j] == '`') {
			w->bad = 1;
			j++;
		} else
			add_lit(w, s[j++], 1);
	}
	*i = j;
	return any ? 0 : 1;
}

/*
 * A redirection at s[*i] ("2>/dev/null", "2>&1", "> FILE", "<X"): skipped
 * with its target. Returns 1 when one was skipped.
 */
static int
skip_redirect(const char *s, size_t *i)
{
	size_t j = *i;
	struct word w;

	while (isdigit((unsigned char)s[j]))
		j++;
	if (s[j] != '<' && s[j] != '>')
		return 0;
	while (s[j] == '<' || s[j] == '>')
		j++;
	if (s[j] == '&') {
		for (j++; isalnum((unsigned char)s[j]) || s[j] == '-'; j++)
			;
		*i = j;
		return 1;
	}
	skip_blanks(s, &j);
	word_init(&w);
	(void)parse_word(s, &j, &w);
	word_release(&w);
	*i = j;
	return 1;
}

/* Free the words of a list. */
static void
words_free(struct word *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		word_release(&v[i]);
}

/*
 * The words of the command at s[*i] up to its operator (redirections
 * left out), at most max.
 */
static size_t
parse_words(const char *s, size_t i, struct word *v, size_t max)
{
	size_t n = 0;

	for (;;) {
		skip_blanks(s, &i);
		if (skip_redirect(s, &i))
			continue;
		if (n == max)
			break;
		word_init(&v[n]);
		if (parse_word(s, &i, &v[n]) != 0) {
			word_release(&v[n]);
			break;
		}
		n++;
	}
	return n;
}

/*
 * The values of the last "for NAME in ...;" before s[pos]: its words
 * parsed into v (at most max); 0 when there is none.
 */
static size_t
for_values(const char *s, size_t pos, const char *name, struct word *v,
    size_t max)
{
	char head[VAR_MAX + 16];
	size_t hl, i, best = 0;
	int found = 0;

	if (name[0] == '\0' || !(isalpha((unsigned char)name[0]) ||
	    name[0] == '_'))
		return 0;
	hl = (size_t)snprintf(head, sizeof(head), "for %s in ", name);
	for (i = 0; i + hl <= pos; i++)
		if (strncmp(s + i, head, hl) == 0 && (i == 0 ||
		    strchr(" \t\n;{(", s[i - 1]) != NULL)) {
			best = i;
			found = 1;
		}
	if (!found)
		return 0;
	return parse_words(s, best + hl, v, max);
}

static int
is_exec_word(const char *s)
{
	return strcmp(s, "-exec") == 0 || strcmp(s, "-execdir") == 0 ||
	    strcmp(s, "-ok") == 0 || strcmp(s, "-okdir") == 0;
}

/*
 * The argument pattern of words v[0..n), with v[alt] replaced by the
 * pattern and class of one of its loop's values (alt == n: none).
 */
static char *
join_args(struct word *v, size_t n, size_t alt, const char *altpat,
    enum tok_class altcls, int *wild, int *exec)
{
	struct rp_strbuf sb = RP_STRBUF_INIT(4 * WORD_MAX);
	enum tok_class cls;
	const char *pat;
	size_t i;
	int lead_many = 0;

	for (i = 0; i < n; i++) {
		if (i == alt) {
			pat = altpat;
			cls = altcls;
		} else {
			pat = rp_strbuf_str(&v[i].pat);
			cls = word_class(&v[i]);
		}
		if (cls != TK_FIXED)
			*wild = 1;
		else if (is_exec_word(rp_strbuf_str(&v[i].lit)))
			*exec = 1;
		if (cls == TK_MANY) {
			if (sb.len == 0)
				lead_many = 1;
			if (sb.len == 0 || sb.buf[sb.len - 1] != '*')
				rp_strbuf_addch(&sb, '*');
			continue;
		}
		if (sb.len > 0 && !(lead_many && sb.len == 1))
			rp_strbuf_addch(&sb, ' ');
		rp_strbuf_addstr(&sb, pat);
	}
	return rp_strbuf_detach(&sb, NULL);
}

static void
push(struct rp_sudo_cmd **v, size_t *n, size_t *cap, const char *cmd,
    char *args, int wild, int exec, int line)
{
	struct rp_sudo_cmd *c;
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].cmd, cmd) == 0 &&
		    strcmp((*v)[i].args, args) == 0) {
			(*v)[i].exec |= exec;
			free(args);
			return;
		}
	XGROW(*v, *cap, *n);
	c = &(*v)[(*n)++];
	c->cmd = xstrdup(cmd);
	c->args = args;
	c->wild = wild;
	c->exec = exec;
	c->line = line;
}

static int
valid_name(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && strchr("._+-", *s) == NULL)
			return 0;
	return 1;
}

/* One "$RP_SUDO ..." at s[pos] (after the blanks). */
static int
one_call(const struct rp_probe *p, const char *s, size_t pos, int line,
    struct rp_sudo_cmd **v, size_t *n, size_t *cap, char **cause)
{
	struct word w[TOK_MAX], alts[ALT_MAX], cmds[ALT_MAX];
	size_t nw, na = 0, nc = 0, i, alt, k;
	int r = 0, wild, exec;
	char *args;

	nw = parse_words(s, pos, w, TOK_MAX);
	if (nw == 0) {
		r = rp_fail(cause, RP_ERR_PARSE, "probe %s, line %d: "
		    "$RP_SUDO without a command", p->id, line);
		goto out;
	}
	for (i = 0; i < nw; i++)
		if (w[i].bad) {
			r = rp_fail(cause, RP_ERR_PARSE, "probe %s, line %d: "
			    "an argument of '%s' cannot be written in sudoers",
			    p->id, line, rp_strbuf_str(&w[0].lit));
			goto out;
		}
	/* the command: fixed, or the fixed values of its "for" loop */
	if (word_class(&w[0]) == TK_FIXED)
		nc = 0;
	else if (w[0].nexp == 1 && w[0].nlit == 0 &&
	    (nc = for_values(s, pos, w[0].var, cmds, ALT_MAX)) > 0) {
		for (i = 0; i < nc; i++)
			if (word_class(&cmds[i]) != TK_FIXED ||
			    !valid_name(rp_strbuf_str(&cmds[i].lit)))
				break;
		if (i < nc) {
			r = rp_fail(cause, RP_ERR_PARSE, "probe %s, line %d: "
			    "the command run as root is not fixed", p->id,
			    line);
			goto out;
		}
	} else {
		r = rp_fail(cause, RP_ERR_PARSE, "probe %s, line %d: the "
		    "command run as root is not fixed", p->id, line);
		goto out;
	}
	if (nc == 0 && !valid_name(rp_strbuf_str(&w[0].lit)) &&
	    rp_strbuf_str(&w[0].lit)[0] != '/') {
		r = rp_fail(cause, RP_ERR_PARSE, "probe %s, line %d: '%s' is "
		    "not a command name", p->id, line,
		    rp_strbuf_str(&w[0].lit));
		goto out;
	}
	/* the first argument that is one loop variable: its values */
	for (alt = 1; alt < nw; alt++)
		if (w[alt].nexp == 1 && w[alt].nlit == 0 &&
		    (na = for_values(s, pos, w[alt].var, alts, ALT_MAX)) > 0)
			break;
	for (k = 0; k < (nc ? nc : 1); k++) {
		const char *cmd = rp_strbuf_str(nc ? &cmds[k].lit :
		    &w[0].lit);

		if (na == 0) {
			wild = exec = 0;
			args = join_args(w + 1, nw - 1, nw, NULL, TK_FIXED,
			    &wild, &exec);
			push(v, n, cap, cmd, args, wild, exec, line);
			continue;
		}
		for (i = 0; i < na; i++) {
			enum tok_class cls = word_class(&alts[i]);

			if (alts[i].bad) {
				r = rp_fail(cause, RP_ERR_PARSE, "probe %s, "
				    "line %d: a value of '%s' cannot be "
				    "written in sudoers", p->id, line,
				    w[alt].var);
				goto out;
			}
			/* "$f" is one word whatever its value */
			if (w[alt].quoted_exp && cls == TK_MANY)
				cls = TK_ONE;
			wild = exec = 0;
			args = join_args(w + 1, nw - 1, alt - 1,
			    rp_strbuf_str(&alts[i].pat), cls, &wild, &exec);
			push(v, n, cap, cmd, args, wild, exec, line);
		}
	}
out:
	words_free(w, nw);
	words_free(alts, na);
	words_free(cmds, nc);
	return r;
}

int
rp_sudo_cmds(const struct rp_probe *p, struct rp_sudo_cmd **v, size_t *n,
    size_t *cap, char **cause)
{
	static const char mark[] = "$RP_SUDO";
	const char *s = p->command, *q, *c;
	size_t pos;
	int line, r;

	if (!rp_script_fine(p))
		return 0;
	for (q = s; (q = strstr(q, mark)) != NULL; q += sizeof(mark) - 1) {
		pos = (size_t)(q - s) + sizeof(mark) - 1;
		if (s[pos] != ' ' && s[pos] != '\t')
			continue;	/* [ -z "$RP_SUDO" ]: a test */
		skip_blanks(s, &pos);
		for (line = 1, c = s; c < q; c++)
			if (*c == '\n')
				line++;
		if ((r = one_call(p, s, pos, line, v, n, cap, cause)) != 0)
			return r;
	}
	return 0;
}

void
rp_sudo_cmds_free(struct rp_sudo_cmd *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].cmd);
		free(v[i].args);
	}
	free(v);
}
