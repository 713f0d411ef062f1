/*
 * evaluators.h -- every native evaluator, one exported const struct each.
 * Add the new one to the sorted table in registry.c as well.
 */
#ifndef RP_EVALUATORS_H
#define RP_EVALUATORS_H

#include "engine/registry.h"

extern const struct rp_evaluator rp_eval_ad_filetime_age;
extern const struct rp_evaluator rp_eval_linux_file_mode;
extern const struct rp_evaluator rp_eval_target_hostkey;

/* FILETIME (100 ns since 1601) to Unix time; -1 for 0 / "never". */
long long rp_filetime_to_unix(const char *s);

#endif
