/*
 * rx.h -- the only user of PCRE2. Patterns come from the catalogue (trusted,
 * compiled once at load); subjects come from targets (hostile): every match
 * runs with match, depth and heap limits, and UTF is never assumed.
 */
#ifndef RP_RX_H
#define RP_RX_H

#include <stddef.h>

struct rp_rx;

#define RP_RX_ICASE	0x1
#define RP_RX_MULTILINE	0x2

/* Compile pattern; *out is owned, free with rp_rx_free(). */
int	rp_rx_compile(const char *pattern, int flags, struct rp_rx **out,
	    char **cause);
void	rp_rx_free(struct rp_rx *rx);

/* Does the pattern have this named group? */
int	rp_rx_has_group(const struct rp_rx *rx, const char *name);

/*
 * Callback for each match: the bytes of the group (or of the whole match when
 * group is NULL). Return non-zero to stop.
 */
typedef int (*rp_rx_cb)(const char *s, size_t len, void *arg);

/*
 * Find every match of rx in subj (binary-safe). Returns the number of
 * matches (>= 0) or RP_ERR_* when a limit was hit.
 */
int	rp_rx_each(const struct rp_rx *rx, const char *subj, size_t len,
	    const char *group, rp_rx_cb cb, void *arg);

/* 1 if rx matches somewhere in subj, 0 if not, <0 on error. */
int	rp_rx_test(const struct rp_rx *rx, const char *subj, size_t len);

#endif
