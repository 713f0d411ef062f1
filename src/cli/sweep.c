/*
 * sweep.c -- what unattended runs need (docs/sweeps.md): a dated output
 * directory under a root with a "latest" link swapped atomically, and a
 * one-line summary on exit, to stdout and, if asked, to syslog.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/err.h"
#include "core/file.h"
#include "core/json.h"
#include "core/log.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "results/read.h"
#include "core/banned.h"

int
rp_cli_dated_dir(const char *root, char **dir, char **name, char **cause)
{
	char stamp[32];
	struct tm tm;
	time_t now;
	int r, tries;

	*dir = *name = NULL;
	if ((r = rp_out_dir(root, cause)) != 0)
		return r;
	/* two runs in the same second: the second waits for the next one */
	for (tries = 0; tries < 3; tries++) {
		now = time(NULL);
		if (gmtime_r(&now, &tm) == NULL ||
		    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H%M%SZ", &tm) == 0)
			return rp_fail(cause, RP_ERR_IO, "cannot format the "
			    "time");
		*dir = xasprintf("%s/%s", root, stamp);
		if (mkdir(*dir, 0700) == 0) {
			*name = xstrdup(stamp);
			return 0;
		}
		r = errno;
		free(*dir);
		*dir = NULL;
		if (r != EEXIST)
			return rp_fail(cause, RP_ERR_IO, "cannot create "
			    "'%s/%s': %s", root, stamp, strerror(r));
		(void)sleep(1);
	}
	return rp_fail(cause, RP_ERR_IO, "'%s/%s' exists: another run is "
	    "writing there", root, stamp);
}

int
rp_cli_latest(const char *root, const char *name, char **cause)
{
	char *tmp = xasprintf("%s/.latest.%ld", root, (long)getpid());
	char *dst = xasprintf("%s/latest", root);
	struct stat st;
	int r = 0;

	if (lstat(dst, &st) == 0 && !S_ISLNK(st.st_mode)) {
		r = rp_fail(cause, RP_ERR_INVALID, "'%s' exists and is not a "
		    "symbolic link: left as it is", dst);
		goto out;
	}
	(void)unlink(tmp);
	/* relative: the tree can be moved or mounted elsewhere */
	if (symlink(name, tmp) != 0)
		r = rp_fail(cause, RP_ERR_IO, "cannot create '%s': %s", tmp,
		    strerror(errno));
	else if (rename(tmp, dst) != 0) {
		r = rp_fail(cause, RP_ERR_IO, "cannot replace '%s': %s", dst,
		    strerror(errno));
		(void)unlink(tmp);
	}
out:
	free(tmp);
	free(dst);
	return r;
}

/* s without control characters (a path is the user's, a line is one). */
static char *
one_line(const char *s)
{
	char *t = xstrdup(s != NULL ? s : "-"), *p;

	for (p = t; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == ' ')
			*p = '?';
	return t;
}

void
rp_cli_sweep_line(const char *cmd, const char *dir, const char *results,
    int code, int use_syslog)
{
	static const char *const sev[] = { "critical", "high", "medium",
		"low", "info" };
	json_t *j = NULL, *cov, *sc, *fs;
	char *d = one_line(dir), *cause = NULL, buf[512], num[32];
	size_t i, len;
	int pri;

	len = (size_t)snprintf(buf, sizeof(buf), "rempart %s: dir=%s exit=%d",
	    cmd, d, code);
	if (len < sizeof(buf) && results != NULL &&
	    rp_results_load(results, &j, &cause) == 0) {
		cov = json_object_get(json_object_get(j, "summary"),
		    "coverage");
		sc = json_object_get(json_object_get(cov, "score"),
		    "compliant");
		if (json_is_number(sc))
			(void)snprintf(num, sizeof(num), "%.1f",
			    json_number_value(sc));
		else
			(void)snprintf(num, sizeof(num), "none");
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    " coverage=%s score=%s targets=%lld", rp_json_str(cov,
		    "verdict") != NULL && rp_valid_id(rp_json_str(cov,
		    "verdict")) ? rp_json_str(cov, "verdict") : "unknown", num,
		    rp_json_int(json_object_get(cov, "targets"), "total"));
		fs = json_object_get(json_object_get(json_object_get(j,
		    "summary"), "overall"), "failed_by_severity");
		for (i = 0; i < 5 && len < sizeof(buf); i++)
			len += (size_t)snprintf(buf + len, sizeof(buf) - len,
			    " %s=%lld", sev[i], rp_json_int(fs, sev[i]));
		if (len < sizeof(buf) && json_is_object(json_object_get(j,
		    "history")))
			len += (size_t)snprintf(buf + len, sizeof(buf) - len,
			    " history_run=%lld", rp_json_int(json_object_get(j,
			    "history"), "run"));
	} else if (len < sizeof(buf))
		(void)snprintf(buf + len, sizeof(buf) - len, " results=none");
	printf("%s\n", buf);
	(void)fflush(stdout);
	if (use_syslog) {
		pri = code == RP_EXIT_OK ? LOG_INFO : code == RP_EXIT_FINDINGS ||
		    code == RP_EXIT_INCOMPLETE ? LOG_WARNING : LOG_ERR;
		openlog("rempart", LOG_PID, LOG_USER);
		syslog(pri, "%s", buf);
		closelog();
	}
	json_decref(j);
	free(cause);
	free(d);
}
