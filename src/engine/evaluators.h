/*
 * evaluators.h -- every native evaluator, one exported const struct each.
 * Add the new one to the sorted table in registry.c as well.
 */
#ifndef RP_EVALUATORS_H
#define RP_EVALUATORS_H

#include "engine/registry.h"

extern const struct rp_evaluator rp_eval_ad_filetime_age;
extern const struct rp_evaluator rp_eval_linux_file_mode;
/* eval_linux.c */
extern const struct rp_evaluator rp_eval_linux_has_all;
extern const struct rp_evaluator rp_eval_linux_kernel_current;
extern const struct rp_evaluator rp_eval_linux_stat_mode;
extern const struct rp_evaluator rp_eval_linux_unique;
extern const struct rp_evaluator rp_eval_linux_unowned;
extern const struct rp_evaluator rp_eval_target_hostkey;

/* eval_incident.c: changes in the incident window, renewals */
extern const struct rp_evaluator rp_eval_linux_changed_in_window;
extern const struct rp_evaluator rp_eval_linux_password_renewed;
extern const struct rp_evaluator rp_eval_linux_renewed_after;

/* FILETIME (100 ns since 1601) to Unix time; -1 for 0 / "never". */
long long rp_filetime_to_unix(const char *s);

/* "MODE|UID|GID|PATH" (stat -c '%a|%u|%g|%n'): 0, or -1 if malformed. */
int	rp_linux_stat_parse(const char *line, long long *mode, long long *uid,
	    long long *gid, const char **path);
/* Length of the version part of a kernel release ("6.1.0-18" in
 * "6.1.0-18-amd64"). */
size_t	rp_linux_kernel_version_len(const char *s, size_t len);

#endif
