/*
 * strbuf.h -- the one growable buffer. Every buffer has a cap: growing past
 * it fails with RP_ERR_TOO_LARGE and leaves the content as it was, so a
 * hostile peer cannot make us allocate without bound. The buffer is always
 * NUL-terminated (the NUL is not counted in len) and binary-safe.
 */
#ifndef RP_STRBUF_H
#define RP_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct rp_strbuf {
	char	*buf;
	size_t	 len;
	size_t	 alloc;
	size_t	 max;	/* cap on len */
};

#define RP_STRBUF_INIT(m) { NULL, 0, 0, (m) }

void	 rp_strbuf_init(struct rp_strbuf *sb, size_t max);
void	 rp_strbuf_release(struct rp_strbuf *sb);
void	 rp_strbuf_reset(struct rp_strbuf *sb);
int	 rp_strbuf_add(struct rp_strbuf *sb, const void *data, size_t len);
int	 rp_strbuf_addstr(struct rp_strbuf *sb, const char *s);
int	 rp_strbuf_addch(struct rp_strbuf *sb, int c);
int	 rp_strbuf_addf(struct rp_strbuf *sb, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Add as much of data as fits under the cap; returns bytes added. */
size_t	 rp_strbuf_add_trunc(struct rp_strbuf *sb, const void *data, size_t len);
/* Hand the string over to the caller (owned); the buffer is reset. */
char	*rp_strbuf_detach(struct rp_strbuf *sb, size_t *lenp);
/* Content as a C string; "" for an empty buffer. Borrowed. */
const char *rp_strbuf_str(const struct rp_strbuf *sb);

#endif
