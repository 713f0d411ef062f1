#include "config.h"

#include <ctype.h>
#include <string.h>

#include "report/escape.h"
#include "core/banned.h"

/* Control characters (terminal escapes included) are shown, not sent. */
static void
ctl(FILE *f, unsigned char c)
{
	fprintf(f, "\\x%02x", c);
}

void
rp_md_inline(FILE *f, const char *s)
{
	const unsigned char *p;

	if (s == NULL)
		return;
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			fputc(' ', f);
		else if (*p < 0x20 || *p == 0x7f)
			ctl(f, *p);
		else if (strchr("\\`*_[]<>#!|~&", *p) != NULL) {
			if (*p == '<')
				fputs("&lt;", f);
			else if (*p == '>')
				fputs("&gt;", f);
			else if (*p == '&')
				fputs("&amp;", f);
			else {
				fputc('\\', f);
				fputc(*p, f);
			}
		} else
			fputc(*p, f);
	}
}

/*
 * Inline Markdown text that a reader also pastes from the raw file (a
 * remediation): a backslash only where CommonMark/GFM would read markup,
 * never an HTML entity. s is written inside a paragraph, after other text
 * on its line (so '#', '>', '-' cannot start a block).
 *   `, *, ~, |   always (code span, emphasis, strikethrough, table cell);
 *   _            unless inside a word (intraword: never emphasis);
 *   ]            before ( [ or : (a link or a reference);
 *   <            before a letter, /, ! or ? (a tag or an autolink);
 *   &            before a letter, a digit or # (an entity);
 *   backslash    before an ASCII punctuation character (an escape).
 * "sshd -t && systemctl reload ssh" and "printf '%s\n'" stay as they are.
 */
void
rp_md_text(FILE *f, const char *s)
{
	const unsigned char *p, *b = (const unsigned char *)s;
	int esc;

	if (s == NULL)
		return;
	for (p = b; *p; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t') {
			fputc(' ', f);
			continue;
		}
		if (*p < 0x20 || *p == 0x7f) {
			ctl(f, *p);
			continue;
		}
		switch (*p) {
		case '`': case '*': case '~': case '|':
			esc = 1;
			break;
		case '_':
			esc = !(p > b && isalnum(p[-1]) && isalnum(p[1]));
			break;
		case ']':
			esc = p[1] == '(' || p[1] == '[' || p[1] == ':';
			break;
		case '<':
			esc = isalpha(p[1]) || p[1] == '/' || p[1] == '!' ||
			    p[1] == '?';
			break;
		case '&':
			esc = isalnum(p[1]) || p[1] == '#';
			break;
		case '\\':
			esc = p[1] != '\0' && ispunct(p[1]);
			break;
		default:
			esc = 0;
		}
		if (esc)
			fputc('\\', f);
		fputc(*p, f);
	}
}

void
rp_md_code(FILE *f, const char *s)
{
	const unsigned char *p;
	int run = 0, longest = 0, i;

	if (s == NULL)
		return;
	for (p = (const unsigned char *)s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	for (i = 0; i < (longest < 3 ? 3 : longest + 1); i++)
		fputc('`', f);
	fputs("text\n", f);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 && *p != '\n' && *p != '\t')
			ctl(f, *p);
		else if (*p == 0x7f)
			ctl(f, *p);
		else
			fputc(*p, f);
	}
	fputc('\n', f);
	for (i = 0; i < (longest < 3 ? 3 : longest + 1); i++)
		fputc('`', f);
	fputc('\n', f);
}

static void
html_n(FILE *f, const char *s, size_t n)
{
	const unsigned char *p, *end = (const unsigned char *)s + n;

	for (p = (const unsigned char *)s; p < end && *p; p++) {
		switch (*p) {
		case '<':  fputs("&lt;", f); break;
		case '>':  fputs("&gt;", f); break;
		case '&':  fputs("&amp;", f); break;
		case '"':  fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			if ((*p < 0x20 && *p != '\n' && *p != '\t') ||
			    *p == 0x7f)
				ctl(f, *p);
			else
				fputc(*p, f);
		}
	}
}

void
rp_html(FILE *f, const char *s)
{
	if (s != NULL)
		html_n(f, s, strlen(s));
}

void
rp_html_clip(FILE *f, const char *s, size_t max)
{
	size_t n;

	if (s == NULL)
		return;
	if ((n = strlen(s)) <= max) {
		html_n(f, s, n);
		return;
	}
	/* cut on a UTF-8 character boundary */
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	html_n(f, s, n);
	fputs("…", f);
}

void
rp_csv(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	fputc('"', f);
	/* a leading formula character makes a spreadsheet run the cell */
	if (strchr("=+-@\t\r", *p) != NULL && *p != '\0')
		fputc('\'', f);
	for (; *p; p++) {
		if (*p == '"')
			fputs("\"\"", f);
		else if (*p < 0x20 && *p != '\n')
			fputc(' ', f);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}
