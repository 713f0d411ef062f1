/*
 * log.h -- diagnostics on stderr. Messages are lowercase, without a final
 * full stop, with the subject quoted. Never log a secret.
 */
#ifndef RP_LOG_H
#define RP_LOG_H

#include <stddef.h>

enum rp_log_level {
	RP_LOG_QUIET = -1,
	RP_LOG_WARN = 0,
	RP_LOG_INFO = 1,	/* -v */
	RP_LOG_DEBUG = 2,	/* -vv */
};

extern int rp_log_level;

/*
 * s made safe for a terminal (owned): control characters (C0, DEL, C1),
 * and invalid UTF-8 escaped as \n, \t, \r or \xNN; valid UTF-8 text is
 * kept. Every message of the functions below goes through
 * it; anything else printing text from a bundle or a target uses it.
 */
char	*rp_printable(const char *s);
/* Are the len bytes at s valid UTF-8, without NUL? */
int	 rp_utf8_valid(const char *s, size_t len);

/*
 * Warnings in another language than English: fn rewrites a warning's
 * text ("warning: " and the message) before it is printed and returns it
 * owned. Set before any thread logs; NULL prints them as written.
 */
void	rp_log_set_translator(char *(*fn)(const char *line));
void	rp_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	rp_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	rp_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	rp_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Bad command-line usage: print and exit 2. */
void	rp_fatal_usage(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

#endif
