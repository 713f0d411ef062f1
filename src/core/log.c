#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/log.h"
#include "core/banned.h"

int rp_log_level = RP_LOG_WARN;

/* One line, written at once: collection threads log concurrently. */
static void __attribute__((format(printf, 2, 0)))
vlog(const char *prefix, const char *fmt, va_list ap)
{
	char *msg = NULL;

	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	flockfile(stderr);
	fprintf(stderr, "rempart: %s%s\n", prefix, msg ? msg : fmt);
	funlockfile(stderr);
	free(msg);
}

void
rp_warn(const char *fmt, ...)
{
	va_list ap;

	if (rp_log_level < RP_LOG_WARN)
		return;
	va_start(ap, fmt);
	vlog("warning: ", fmt, ap);
	va_end(ap);
}

void
rp_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("error: ", fmt, ap);
	va_end(ap);
}

void
rp_info(const char *fmt, ...)
{
	va_list ap;

	if (rp_log_level < RP_LOG_INFO)
		return;
	va_start(ap, fmt);
	vlog("", fmt, ap);
	va_end(ap);
}

void
rp_debug(const char *fmt, ...)
{
	va_list ap;

	if (rp_log_level < RP_LOG_DEBUG)
		return;
	va_start(ap, fmt);
	vlog("debug: ", fmt, ap);
	va_end(ap);
}

void
rp_fatal_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("", fmt, ap);
	va_end(ap);
	exit(2);
}
