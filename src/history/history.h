/*
 * history.h -- the history of sweeps: every run recorded with its results
 * in an SQLite file (docs/history.md), and what the history says: the
 * trend of the score and of the findings, when each finding appeared, was
 * fixed or came back, and what changed between two runs.
 *
 * It reads results documents (results/): a run is recorded from the
 * results.json it wrote, never from the evidence, so it holds only what
 * the results hold (observed values already masked, cut short here).
 *
 * Schema: PRAGMA user_version says its version; opening a file of an
 * earlier version migrates it (each step in one transaction), a later
 * version is refused. WAL journal, a busy timeout, every write in one
 * IMMEDIATE transaction: sweeps writing the same file at once wait for
 * each other instead of failing or corrupting it.
 */
#ifndef RP_HISTORY_H
#define RP_HISTORY_H

#include <jansson.h>

/* The schema version this build writes (and the latest it reads). */
#define RP_HISTORY_SCHEMA	2

struct rp_history;

/*
 * Open (create: create_ok) the database at path, migrating an earlier
 * schema. Refused: not SQLite, another application's database, a newer
 * schema. *out is owned (rp_history_close).
 */
int	rp_history_open(const char *path, int create_ok,
	    struct rp_history **out, char **cause);
void	rp_history_close(struct rp_history *h);

/*
 * Record the run of a results document (borrowed): its time, baselines,
 * incident reference, coverage, score and every result. manifest: the
 * SHA-256 of the evidence manifest (64 hex digits) or NULL. *run: its id.
 */
int	rp_history_record(struct rp_history *h, json_t *results,
	    const char *manifest, long long *run, char **cause);

/*
 * The "history" section of results.json for the run (docs/results-format.md):
 * the last `last` runs up to it (score, findings by severity), its oldest
 * open findings (at most `oldest`) and the findings fixed since the run
 * before it. Owned; NULL with *cause on error.
 */
json_t	*rp_history_section(struct rp_history *h, long long run, int last,
	    int oldest, char **cause);

/* The runs, oldest first: [{run, generated_at, recorded_at, baselines,
 * incident, manifest, coverage, score, results, by_status,
 * failed_by_severity}]. */
json_t	*rp_history_runs(struct rp_history *h, char **cause);
/* One run: its entry as above and "results" (every result). */
json_t	*rp_history_show(struct rp_history *h, long long run, char **cause);

/* Filters of rp_history_trend: NULL for all; last: the last N runs (0: all). */
struct rp_history_filter {
	const char	*target;
	const char	*check;
	int		 last;
};
/*
 * The trend: "runs" (as rp_history_runs, the last N) and "findings": per
 * target and check that failed in those runs, when it first failed, when
 * it was fixed, time to fix, regressions, open since, expired waivers.
 */
json_t	*rp_history_trend(struct rp_history *h,
	    const struct rp_history_filter *f, char **cause);
/* What changed from run a to run b: fixed, new, regressed, still-open,
 * not-assessed, waiver-expired. */
json_t	*rp_history_diff(struct rp_history *h, long long a, long long b,
	    char **cause);
/* Keep the keep most recent runs; *removed: how many were deleted. */
int	rp_history_prune(struct rp_history *h, int keep, long long *removed,
	    char **cause);
/*
 * Rewrite the file without the free pages a prune left (VACUUM, then a
 * checkpoint that empties the WAL): the file shrinks. Waits for writers
 * like a sweep does. *before, *after: its size in bytes.
 */
int	rp_history_vacuum(struct rp_history *h, long long *before,
	    long long *after, char **cause);

#endif
