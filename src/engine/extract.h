/*
 * extract.h -- turn a probe's raw output into values, as a check's <read>
 * says. Pure: no I/O, no globals. Values are bounded in number and size; a
 * cap reached marks the set truncated (the verdict is then never a pass).
 */
#ifndef RP_EXTRACT_H
#define RP_EXTRACT_H

#include <stddef.h>

#include "content/content.h"

#define RP_VALUES_MAX		100000
#define RP_VALUE_MAX_BYTES	65536

struct rp_values {
	char	**v;		/* NUL-terminated copies (may hold NUL) */
	size_t	 *len;
	size_t	  n, cap;
	int	  truncated;
	int	  err;		/* RP_ERR_*: a regex failed (limit) on a line */
	size_t	  err_line;	/* that line, from 1 */
	size_t	  err_len;	/* its length */
};

void	rp_values_release(struct rp_values *vals);
void	rp_values_add(struct rp_values *vals, const char *s, size_t len);

/* Apply x to data. 0, or RP_ERR_* with *cause. */
int	rp_extract(const struct rp_extract *x, const char *data, size_t len,
	    struct rp_values *out, char **cause);

/*
 * Does actual satisfy "actual OP expected"? 1 yes, 0 no, RP_ERR_INVALID
 * when it cannot be compared (e.g. lt on a non-number), with *cause.
 */
int	rp_op_test(enum rp_op op, const char *actual, const char *expected,
	    int icase, char **cause);

#endif
