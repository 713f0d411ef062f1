/*
 * escape.h -- escaping for each output context. Everything that came from
 * a target goes through one of these at output time, never before.
 */
#ifndef RP_ESCAPE_H
#define RP_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* Inline Markdown text: no markup, no HTML, one line. */
void	rp_md_inline(FILE *f, const char *s);
/* Inline Markdown text left as written but for the backslashes Markdown
 * needs (remediations: pasted from the raw file); no HTML entity. */
void	rp_md_text(FILE *f, const char *s);
/* A fenced code block that the content cannot close. */
void	rp_md_code(FILE *f, const char *s);
/* HTML text or attribute value. */
void	rp_html(FILE *f, const char *s);
/* HTML text of at most max bytes of s, "…" when cut. */
void	rp_html_clip(FILE *f, const char *s, size_t max);
/* A CSV field: quoted, formulas neutralised. */
void	rp_csv(FILE *f, const char *s);

#endif
