/*
 * xmalloc.h -- allocation that cannot fail: on exhaustion the process
 * reports it and exits (the only other place fatal() is allowed is CLI
 * usage). Every function here returns owned memory.
 */
#ifndef RP_XMALLOC_H
#define RP_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t size);
void	*xcalloc(size_t nmemb, size_t size);
void	*xreallocarray(void *ptr, size_t nmemb, size_t size);
char	*xstrdup(const char *s);
char	*xstrndup(const char *s, size_t n);
void	*xmemdup(const void *p, size_t n);
char	*xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Grow *arr (of *cap elements of size sz) so that index n is valid. */
void	 xgrow(void **arr, size_t *cap, size_t n, size_t sz);
#define XGROW(arr, cap, n) xgrow((void **)&(arr), &(cap), (n), sizeof(*(arr)))

#endif
