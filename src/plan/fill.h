/*
 * fill.h -- a remediation command filled with an object the check found
 * (an account, a file, a DN), quoted for the command's language. The
 * object comes from the target: hostile. It is refused, and the command
 * left generic, when it holds a control character (a newline included),
 * is too long, is not UTF-8, holds a quote the language has no escape for,
 * begins with a dash where the command takes options, or is not in the
 * form the check names (<fill match>).
 */
#ifndef RP_FILL_H
#define RP_FILL_H

#include "content/content.h"

#define RP_FILL_LEN_MAX	512	/* bytes of an object filled in */

enum rp_fill_refusal {
	RP_FILL_OK,
	RP_FILL_EMPTY,
	RP_FILL_CONTROL,	/* control character, newline, bidi */
	RP_FILL_LENGTH,
	RP_FILL_ENCODING,	/* not UTF-8 */
	RP_FILL_QUOTE,		/* a quote the language cannot escape */
	RP_FILL_DASH,		/* leading '-' and no "--" before it */
	RP_FILL_FORM,		/* not in the form of <fill match> */
	RP_FILL__COUNT
};

/* "control", "length"... (results.json plan[].commands[].refused) */
const char	*rp_fill_refusal_name(enum rp_fill_refusal r);

/*
 * Fill f's command with the object of item (the whole item, or its group
 * "object" under f->match): RP_FILL_OK and *obj, *out (owned), or the
 * refusal, *obj still set when the object could be told (else NULL).
 */
enum rp_fill_refusal rp_fill(const struct rp_fill *f, const char *item,
		    char **obj, char **out);

/*
 * What makes s unsafe to paste in any language (empty, over
 * RP_FILL_LEN_MAX bytes, not UTF-8, a control character, a line break,
 * a bidirectional control), or RP_FILL_OK.
 */
enum rp_fill_refusal rp_fill_screen(const char *s);

/* Quote s for a language (exposed for tests); NULL when refused. */
char		*rp_fill_quote(enum rp_quote q, const char *s);

/*
 * The code point at s (valid UTF-8, shortest form, no surrogate), its
 * length in *n; -1 when s is not UTF-8.
 */
long	rp_utf8_next(const unsigned char *s, size_t *n);
/* C0, DEL, C1 (NEL), line and paragraph separators, bidirectional controls. */
int	rp_char_is_control(long c);

#endif
