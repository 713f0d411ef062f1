#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/err.h"
#include "core/xmalloc.h"
#include "core/banned.h"

const char *
rp_err_str(int err)
{
	switch (err) {
	case RP_OK:			return "success";
	case RP_ERR_NOMEM:		return "out of memory";
	case RP_ERR_INVALID:		return "invalid input";
	case RP_ERR_IO:			return "input/output error";
	case RP_ERR_TOO_LARGE:		return "size limit reached";
	case RP_ERR_NOT_FOUND:		return "not found";
	case RP_ERR_PARSE:		return "malformed data";
	case RP_ERR_TIMEOUT:		return "timed out";
	case RP_ERR_NET:		return "network error";
	case RP_ERR_AUTH:		return "authentication failed";
	case RP_ERR_HOSTKEY:		return "host key verification failed";
	case RP_ERR_TAMPERED:		return "evidence does not match its manifest";
	case RP_ERR_UNSUPPORTED:	return "not supported";
	case RP_ERR_INTERRUPTED:	return "interrupted";
	case RP_ERR_PROTO:		return "protocol error";
	}
	return "unknown error";
}

int
rp_fail(char **cause, int err, const char *fmt, ...)
{
	va_list ap;

	if (cause == NULL)
		return err;
	free(*cause);
	va_start(ap, fmt);
	*cause = xvasprintf(fmt, ap);
	va_end(ap);
	return err;
}
