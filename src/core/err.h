/*
 * err.h -- the one error type of rempart.
 *
 * Functions return 0 on success or a negative RP_ERR_* value; detail for a
 * human goes into an optional "char **cause" out-parameter (owned by the
 * caller, free() it).
 */
#ifndef RP_ERR_H
#define RP_ERR_H

enum rp_err {
	RP_OK = 0,
	RP_ERR_NOMEM = -1,
	RP_ERR_INVALID = -2,	/* bad input: file, option, value */
	RP_ERR_IO = -3,		/* local file system */
	RP_ERR_TOO_LARGE = -4,	/* a cap was reached */
	RP_ERR_NOT_FOUND = -5,
	RP_ERR_PARSE = -6,	/* malformed data */
	RP_ERR_TIMEOUT = -7,
	RP_ERR_NET = -8,	/* could not reach a target */
	RP_ERR_AUTH = -9,
	RP_ERR_HOSTKEY = -10,
	RP_ERR_TAMPERED = -11,	/* evidence does not match its manifest */
	RP_ERR_UNSUPPORTED = -12,
	RP_ERR_INTERRUPTED = -13,
	RP_ERR_PROTO = -14,	/* the peer broke the protocol */
};

/* A static string naming the error ("out of memory", ...). */
const char *rp_err_str(int err);

/*
 * Set *cause (when cause is not NULL) to a newly allocated message built from
 * fmt; an earlier *cause is freed. Always returns err, so that
 * "return rp_fail(cause, RP_ERR_PARSE, ...)" reads naturally.
 */
int rp_fail(char **cause, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
