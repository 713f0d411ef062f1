/*
 * history.c -- the history store (history.h, docs/history.md).
 *
 * Every statement is a constant string with bound parameters: no SQL is
 * ever built from a value. The results table is keyed by integers
 * (target, check, run) without rowid; titles and observed texts are
 * stored once, so 52 weekly sweeps of 1,000 targets stay small.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <sqlite3.h>

#include "core/err.h"
#include "core/json.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "history/history.h"
#include "core/banned.h"

/* 'RPHS': application_id of a rempart history database. */
#define HISTORY_APP_ID	0x52504853
/* How long a writer waits for another one (ms). */
#define BUSY_MS		60000
/* Observed values are kept this short (bytes, cut on a character). */
#define OBSERVED_MAX	160

struct rp_history {
	sqlite3	*db;
	char	*path;
};

static const char *const statuses[] = { "pass", "fail", "error", "na",
    "waived" };
enum { ST_PASS, ST_FAIL, ST_ERROR, ST_NA, ST_WAIVED, ST_N };
static const char *const sevs[] = { "info", "low", "medium", "high",
    "critical" };
#define SEV_N	5

/*
 * The migrations: migrations[v] takes a database of version v to v + 1
 * (version 0: an empty file). A new schema version appends one step here
 * and a dump of the previous version under tests/fixtures/history/.
 */
static const char *const migrations[RP_HISTORY_SCHEMA] = {
	/* 0 -> 1 */
	"CREATE TABLE runs ("
	"  id INTEGER PRIMARY KEY,"
	"  generated_at TEXT NOT NULL,"	/* audit time (evidence), UTC */
	"  recorded_at TEXT NOT NULL,"
	"  baselines TEXT NOT NULL,"	/* ids, comma-separated */
	"  incident TEXT,"		/* incident reference */
	"  manifest TEXT,"		/* SHA-256 of the evidence manifest */
	"  coverage TEXT,"		/* complete, partial, nothing-assessed */
	"  score REAL,"			/* compliant %, NULL: nothing assessed */
	"  n_pass INTEGER NOT NULL, n_fail INTEGER NOT NULL,"
	"  n_error INTEGER NOT NULL, n_na INTEGER NOT NULL,"
	"  n_waived INTEGER NOT NULL,"
	"  f_info INTEGER NOT NULL, f_low INTEGER NOT NULL,"
	"  f_medium INTEGER NOT NULL, f_high INTEGER NOT NULL,"
	"  f_critical INTEGER NOT NULL);"
	"CREATE INDEX runs_time ON runs(generated_at, id);"
	"CREATE TABLE targets (id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE checks (id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE, title_en TEXT, title_fr TEXT);"
	"CREATE TABLE observed (id INTEGER PRIMARY KEY,"
	"  digest BLOB NOT NULL UNIQUE, text TEXT NOT NULL);"
	"CREATE TABLE results ("
	"  target INTEGER NOT NULL REFERENCES targets(id),"
	"  chk INTEGER NOT NULL REFERENCES checks(id),"
	"  run INTEGER NOT NULL REFERENCES runs(id),"
	"  status INTEGER NOT NULL,"	/* 0 pass 1 fail 2 error 3 na 4 waived */
	"  severity INTEGER NOT NULL,"	/* 0 info .. 4 critical */
	"  observed INTEGER REFERENCES observed(id),"
	"  waiver_expires TEXT,"
	"  waiver_expired INTEGER NOT NULL DEFAULT 0,"
	/* appended in key order: a sweep writes its own pages only */
	"  PRIMARY KEY (run, target, chk)) WITHOUT ROWID;",
	/*
	 * 1 -> 2: the life of every (target, check) over all the runs,
	 * folded at record time (lives_update): the whole-history trend
	 * and the report's section read it instead of every result. Runs
	 * are ids; lives_upto holds the latest run folded in (NULL: to be
	 * rebuilt, done right after this step).
	 */
	"CREATE TABLE lives ("
	"  target INTEGER NOT NULL, chk INTEGER NOT NULL,"
	"  first_run INTEGER, streak_run INTEGER, fixed_run INTEGER,"
	"  last_run INTEGER NOT NULL, prior_run INTEGER,"
	"  last_status INTEGER NOT NULL, prior_status INTEGER,"
	"  severity INTEGER NOT NULL, ever_fixed INTEGER NOT NULL,"
	"  regressions INTEGER NOT NULL, fixes INTEGER NOT NULL,"
	"  ttf_sum INTEGER NOT NULL, ttf_last INTEGER NOT NULL,"
	"  expired TEXT,"		/* JSON [{from, to, expires}] */
	"  PRIMARY KEY (target, chk)) WITHOUT ROWID;"
	"CREATE TABLE lives_upto (run INTEGER);"
	"INSERT INTO lives_upto VALUES (NULL);",
};

static int
dbfail(struct rp_history *h, char **cause, const char *what)
{
	return rp_fail(cause, RP_ERR_IO, "history '%s': %s: %s", h->path,
	    what, sqlite3_errmsg(h->db));
}

static int
exec(struct rp_history *h, const char *sql, char **cause)
{
	if (sqlite3_exec(h->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return dbfail(h, cause, "cannot run the statement");
	return 0;
}

static sqlite3_stmt *
prep(struct rp_history *h, const char *sql, char **cause)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) != SQLITE_OK) {
		(void)dbfail(h, cause, "cannot prepare a statement");
		return NULL;
	}
	return st;
}

/* The single integer a PRAGMA or query gives, or -1. */
static long long
one_int(struct rp_history *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v = -1;

	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int	lives_update(struct rp_history *, long long, char **);

static void
rollback(struct rp_history *h)
{
	(void)sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Bring the schema to RP_HISTORY_SCHEMA, or refuse the file. */
static int
migrate(struct rp_history *h, char **cause)
{
	char sql[64];
	long long v, v0, app, ntables;
	int r;

	if ((r = exec(h, "BEGIN IMMEDIATE", cause)) != 0)
		return r;
	v = one_int(h, "PRAGMA user_version");
	app = one_int(h, "PRAGMA application_id");
	ntables = one_int(h, "SELECT count(*) FROM sqlite_master");
	if (v < 0 || app < 0 || ntables < 0) {
		r = dbfail(h, cause, "cannot read the schema version");
		goto fail;
	}
	if ((v == 0 && ntables != 0) || (v != 0 && app != HISTORY_APP_ID)) {
		r = rp_fail(cause, RP_ERR_INVALID, "history '%s': not a "
		    "rempart history database (another application's "
		    "SQLite file)", h->path);
		goto fail;
	}
	if (v > RP_HISTORY_SCHEMA) {
		r = rp_fail(cause, RP_ERR_INVALID, "history '%s': schema "
		    "version %lld was written by a newer rempart (this one "
		    "reads versions 1 to %d): upgrade rempart, or give "
		    "another file", h->path, v, RP_HISTORY_SCHEMA);
		goto fail;
	}
	for (v0 = v; v < RP_HISTORY_SCHEMA; v++)
		if ((r = exec(h, migrations[v], cause)) != 0)
			goto fail;
	/* a file of version 1 gets the lives of its recorded runs */
	if (v0 >= 1 && v0 < 2 && (r = lives_update(h, -1, cause)) != 0)
		goto fail;
	/* integers of this file, not values: PRAGMAs take no parameters */
	(void)snprintf(sql, sizeof(sql), "PRAGMA user_version = %d",
	    RP_HISTORY_SCHEMA);
	if ((r = exec(h, sql, cause)) != 0)
		goto fail;
	(void)snprintf(sql, sizeof(sql), "PRAGMA application_id = %d",
	    HISTORY_APP_ID);
	if ((r = exec(h, sql, cause)) != 0 ||
	    (r = exec(h, "COMMIT", cause)) != 0)
		goto fail;
	return 0;
fail:
	rollback(h);
	return r;
}

int
rp_history_open(const char *path, int create_ok, struct rp_history **out,
    char **cause)
{
	struct rp_history *h;
	struct stat st;
	int fd, r, tries;

	*out = NULL;
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT || !create_ok)
			return rp_fail(cause, errno == ENOENT ?
			    RP_ERR_NOT_FOUND : RP_ERR_IO, "history '%s': %s",
			    path, errno == ENOENT ? "no such database (it is "
			    "created by 'rempart audit' or 'evaluate' with "
			    "--history)" : strerror(errno));
		/* created here, readable by its owner only: results say
		 * where each host is weak */
		fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			return rp_fail(cause, RP_ERR_IO, "history '%s': cannot "
			    "create it: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
	} else if (!S_ISREG(st.st_mode))
		return rp_fail(cause, RP_ERR_INVALID, "history '%s': not a "
		    "regular file", path);
	else if (st.st_uid != geteuid())
		/* SQLite gives the -wal and -shm it creates the file's owner */
		return rp_fail(cause, RP_ERR_INVALID, "history '%s': owned by "
		    "another user (uid %ld): not opened", path,
		    (long)st.st_uid);
	else if ((st.st_mode & 022) != 0)
		/* others could rewrite the trends and the fixed findings */
		return rp_fail(cause, RP_ERR_INVALID, "history '%s': writable "
		    "by others (chmod 600 '%s'): not opened", path, path);
	h = xcalloc(1, sizeof(*h));
	h->path = xstrdup(path);
	if (sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		r = dbfail(h, cause, "cannot open it");
		goto fail;
	}
	(void)sqlite3_extended_result_codes(h->db, 1);
	if (sqlite3_busy_timeout(h->db, BUSY_MS) != SQLITE_OK) {
		r = dbfail(h, cause, "cannot set the busy timeout");
		goto fail;
	}
	if (one_int(h, "PRAGMA application_id") < 0) {
		r = dbfail(h, cause, "cannot read it");
		goto fail;
	}
	/* switching to WAL may meet another opener without waiting */
	for (tries = 0; ; tries++) {
		if (sqlite3_exec(h->db, "PRAGMA journal_mode = WAL", NULL,
		    NULL, NULL) == SQLITE_OK)
			break;
		if ((sqlite3_errcode(h->db) & 0xff) != SQLITE_BUSY ||
		    tries >= 600) {
			r = dbfail(h, cause, "cannot use the WAL journal");
			goto fail;
		}
		(void)usleep(100000);
	}
	if ((r = exec(h, "PRAGMA synchronous = NORMAL", cause)) != 0 ||
	    (r = migrate(h, cause)) != 0)
		goto fail;
	*out = h;
	return 0;
fail:
	rp_history_close(h);
	return r;
}

void
rp_history_close(struct rp_history *h)
{
	if (h == NULL)
		return;
	sqlite3_close(h->db);
	free(h->path);
	free(h);
}

static int
index_of(const char *const *names, int n, const char *s)
{
	int i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

/* Column i as a JSON string, or null. */
static json_t *
col_json(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s != NULL ? json_string((const char *)s) : json_null();
}

static const char *
col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s != NULL ? (const char *)s : "";
}

/*
 * The id of name in a dictionary table, inserted if new; cache: name ->
 * id of this transaction. Titles are refreshed with the latest run's.
 */
static long long
dict_id(sqlite3_stmt *sel, sqlite3_stmt *st, json_t *cache, const char *name,
    const char *en, const char *fr)
{
	json_t *c = json_object_get(cache, name);
	long long id = -1;

	if (c != NULL)
		return json_integer_value(c);
	if (sel != NULL) {	/* known: nothing to write */
		sqlite3_reset(sel);
		bind_text(sel, 1, name);
		if (sqlite3_step(sel) == SQLITE_ROW)
			id = sqlite3_column_int64(sel, 0);
		sqlite3_reset(sel);
	}
	if (id < 0) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		bind_text(st, 1, name);
		if (sqlite3_bind_parameter_count(st) >= 3) {
			bind_text(st, 2, en);
			bind_text(st, 3, fr);
		}
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
	}
	if (id >= 0)
		json_object_set_new(cache, name, json_integer(id));
	return id;
}

/* The observed value cut to OBSERVED_MAX bytes on a character boundary. */
static char *
observed_short(const char *s)
{
	size_t n = strlen(s);
	char *t;

	if (n <= OBSERVED_MAX)
		return xstrdup(s);
	n = OBSERVED_MAX - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	t = xmalloc(n + 4);
	memcpy(t, s, n);
	memcpy(t + n, "...", 4);
	return t;
}

/*
 * The id of an observed value (NULL or empty: -1, stored as NULL; -2 on
 * error): looked up by digest, inserted when new; cache: digest -> id of
 * this transaction.
 */
static long long
observed_id(sqlite3_stmt *sel, sqlite3_stmt *ins, json_t *cache,
    const char *s)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;
	char key[33], *t;
	json_t *c;
	long long id = -2;
	int rc;

	if (s == NULL || *s == '\0')
		return -1;
	if (EVP_Digest(s, strlen(s), md, &mdlen, EVP_sha256(), NULL) != 1)
		return -2;
	for (i = 0; i < 16; i++) {
		key[2 * i] = hex[md[i] >> 4];
		key[2 * i + 1] = hex[md[i] & 15];
	}
	key[32] = '\0';
	if ((c = json_object_get(cache, key)) != NULL)
		return json_integer_value(c);
	sqlite3_reset(sel);
	sqlite3_bind_blob(sel, 1, md, 16, SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(sel)) == SQLITE_ROW)
		id = sqlite3_column_int64(sel, 0);
	sqlite3_reset(sel);
	if (rc == SQLITE_DONE) {
		t = observed_short(s);
		sqlite3_reset(ins);
		sqlite3_bind_blob(ins, 1, md, 16, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, t, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(ins) == SQLITE_ROW)
			id = sqlite3_column_int64(ins, 0);
		sqlite3_reset(ins);
		free(t);
	}
	if (id >= 0)
		json_object_set_new(cache, key, json_integer(id));
	return id;
}

/* "a,b,c": the ids of the results' baselines (owned). */
static char *
baseline_ids(json_t *results)
{
	json_t *b = json_object_get(results, "baselines"), *v;
	size_t i, len = 0;
	char *s = xstrdup(""), *t;

	json_array_foreach(b, i, v) {
		const char *id = rp_json_str(v, "id");

		if (id == NULL)
			continue;
		t = xasprintf("%s%s%s", s, len ? "," : "", id);
		free(s);
		s = t;
		len = strlen(s);
	}
	return s;
}

static const char *
finding_text(json_t *r, const char *lang)
{
	const char *t = rp_json_text(r, "finding", lang);

	return t != NULL && *t ? t : rp_json_text(r, "title", lang);
}

static const char run_insert_sql[] =
    "INSERT INTO runs (generated_at, recorded_at, baselines, incident,"
    " manifest, coverage, score, n_pass, n_fail, n_error, n_na, n_waived,"
    " f_info, f_low, f_medium, f_high, f_critical)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?15, ?16, ?17)";
static const char target_sql[] =
    "INSERT INTO targets (name) VALUES (?1) RETURNING id";
static const char target_sel_sql[] =
    "SELECT id FROM targets WHERE name = ?1";
static const char check_sql[] =
    "INSERT INTO checks (name, title_en, title_fr) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (name) DO UPDATE SET title_en = excluded.title_en,"
    " title_fr = excluded.title_fr RETURNING id";
static const char observed_sel_sql[] =
    "SELECT id FROM observed WHERE digest = ?1";
static const char observed_sql[] =
    "INSERT INTO observed (digest, text) VALUES (?1, ?2) RETURNING id";
static const char result_sql[] =
    "INSERT OR REPLACE INTO results (target, chk, run, status, severity,"
    " observed, waiver_expires, waiver_expired)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

int
rp_history_record(struct rp_history *h, json_t *results,
    const char *manifest, long long *run, char **cause)
{
	sqlite3_stmt *srun = NULL, *stgt = NULL, *schk = NULL, *sobs = NULL,
	    *sres = NULL, *sosel = NULL, *stsel = NULL;
	json_t *arr = json_object_get(results, "results"), *r, *w, *sc;
	json_t *tcache = json_object(), *ccache = json_object();
	json_t *ocache = json_object();
	long long nst[ST_N] = { 0 }, nsev[SEV_N] = { 0 }, tid, cid, oid;
	char now[32], *bl = NULL;
	const char *gen = rp_json_str(results, "generated_at");
	size_t i;
	int k, s, sev, rc;

	*run = -1;
	if (gen == NULL || !json_is_array(arr))
		return rp_fail(cause, RP_ERR_INVALID, "history: the results "
		    "have no generated_at or no results");
	json_array_foreach(arr, i, r) {
		s = index_of(statuses, ST_N, rp_json_str(r, "status"));
		sev = index_of(sevs, SEV_N, rp_json_str(r, "severity"));
		if (s < 0 || sev < 0 || rp_json_str(r, "target") == NULL ||
		    rp_json_str(r, "check") == NULL)
			return rp_fail(cause, RP_ERR_INVALID, "history: result "
			    "%zu has no target, check, known status or "
			    "severity", i + 1);
		nst[s]++;
		if (s == ST_FAIL)
			nsev[sev]++;
	}
	rp_format_time(time(NULL), now, sizeof(now));
	bl = baseline_ids(results);
	if ((rc = exec(h, "BEGIN IMMEDIATE", cause)) != 0)
		goto out;
	rc = RP_ERR_IO;
	if ((srun = prep(h, run_insert_sql, cause)) == NULL ||
	    (stgt = prep(h, target_sql, cause)) == NULL ||
	    (schk = prep(h, check_sql, cause)) == NULL ||
	    (sobs = prep(h, observed_sql, cause)) == NULL ||
	    (sosel = prep(h, observed_sel_sql, cause)) == NULL ||
	    (stsel = prep(h, target_sel_sql, cause)) == NULL ||
	    (sres = prep(h, result_sql, cause)) == NULL)
		goto fail;
	bind_text(srun, 1, gen);
	bind_text(srun, 2, now);
	bind_text(srun, 3, bl);
	bind_text(srun, 4, rp_json_str(json_object_get(results, "incident"),
	    "reference"));
	bind_text(srun, 5, manifest);
	sc = json_object_get(json_object_get(results, "summary"), "coverage");
	bind_text(srun, 6, rp_json_str(sc, "verdict"));
	sc = json_object_get(json_object_get(sc, "score"), "compliant");
	if (json_is_number(sc))
		sqlite3_bind_double(srun, 7, json_number_value(sc));
	else
		sqlite3_bind_null(srun, 7);
	for (k = 0; k < ST_N; k++)
		sqlite3_bind_int64(srun, 8 + k, nst[k]);
	for (k = 0; k < SEV_N; k++)
		sqlite3_bind_int64(srun, 8 + ST_N + k, nsev[k]);
	if (sqlite3_step(srun) != SQLITE_DONE) {
		rc = dbfail(h, cause, "cannot record the run");
		goto fail;
	}
	*run = sqlite3_last_insert_rowid(h->db);
	json_array_foreach(arr, i, r) {
		tid = dict_id(stsel, stgt, tcache, rp_json_str(r, "target"),
		    NULL, NULL);
		cid = dict_id(NULL, schk, ccache, rp_json_str(r, "check"),
		    finding_text(r, "en"), finding_text(r, "fr"));
		oid = observed_id(sosel, sobs, ocache, rp_json_str(r,
		    "observed"));
		if (tid < 0 || cid < 0 || oid < -1) {
			rc = dbfail(h, cause, "cannot record a result");
			goto fail;
		}
		w = json_object_get(r, "waiver");
		sqlite3_reset(sres);
		sqlite3_clear_bindings(sres);
		sqlite3_bind_int64(sres, 1, tid);
		sqlite3_bind_int64(sres, 2, cid);
		sqlite3_bind_int64(sres, 3, *run);
		sqlite3_bind_int(sres, 4, index_of(statuses, ST_N,
		    rp_json_str(r, "status")));
		sqlite3_bind_int(sres, 5, index_of(sevs, SEV_N,
		    rp_json_str(r, "severity")));
		if (oid >= 0)
			sqlite3_bind_int64(sres, 6, oid);
		bind_text(sres, 7, rp_json_str(w, "expires"));
		sqlite3_bind_int(sres, 8, json_is_true(json_object_get(w,
		    "expired")));
		if (sqlite3_step(sres) != SQLITE_DONE) {
			rc = dbfail(h, cause, "cannot record a result");
			goto fail;
		}
	}
	sqlite3_finalize(srun);
	srun = NULL;
	if ((rc = lives_update(h, *run, cause)) != 0 ||
	    (rc = exec(h, "COMMIT", cause)) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	*run = -1;
	sqlite3_finalize(srun);
	srun = NULL;
	rollback(h);
out:
	sqlite3_finalize(srun);
	sqlite3_finalize(stgt);
	sqlite3_finalize(schk);
	sqlite3_finalize(sobs);
	sqlite3_finalize(sosel);
	sqlite3_finalize(stsel);
	sqlite3_finalize(sres);
	json_decref(tcache);
	json_decref(ccache);
	json_decref(ocache);
	free(bl);
	return rc;
}

/* Columns of a runs row as selected by RUN_COLS. */
#define RUN_COLS "r.id, r.generated_at, r.recorded_at, r.baselines," \
    " r.incident, r.manifest, r.coverage, r.score, r.n_pass, r.n_fail," \
    " r.n_error, r.n_na, r.n_waived, r.f_info, r.f_low, r.f_medium," \
    " r.f_high, r.f_critical"

static json_t *
run_json(sqlite3_stmt *st)
{
	json_t *o = json_object(), *bs = json_object(), *fs = json_object();
	int k;

	json_object_set_new(o, "run", json_integer(sqlite3_column_int64(st,
	    0)));
	json_object_set_new(o, "generated_at", col_json(st, 1));
	json_object_set_new(o, "recorded_at", col_json(st, 2));
	json_object_set_new(o, "baselines", col_json(st, 3));
	json_object_set_new(o, "incident", col_json(st, 4));
	json_object_set_new(o, "manifest", col_json(st, 5));
	json_object_set_new(o, "coverage", col_json(st, 6));
	json_object_set_new(o, "score", sqlite3_column_type(st, 7) ==
	    SQLITE_NULL ? json_null() : json_real(sqlite3_column_double(st,
	    7)));
	for (k = 0; k < ST_N; k++)
		json_object_set_new(bs, statuses[k], json_integer(
		    sqlite3_column_int64(st, 8 + k)));
	for (k = 0; k < SEV_N; k++)
		json_object_set_new(fs, sevs[k], json_integer(
		    sqlite3_column_int64(st, 8 + ST_N + k)));
	json_object_set_new(o, "by_status", bs);
	json_object_set_new(o, "failed_by_severity", fs);
	return o;
}

/* Runs, oldest first: all (last <= 0) or the last `last` up to run
 * (upto < 0: the latest). */
static json_t *
runs_upto(struct rp_history *h, long long upto, int last, char **cause)
{
	static const char sql[] =
	    "SELECT * FROM (SELECT " RUN_COLS " FROM runs r"
	    " WHERE ?1 < 0 OR (r.generated_at, r.id) <= (SELECT generated_at,"
	    " id FROM runs WHERE id = ?1)"
	    " ORDER BY r.generated_at DESC, r.id DESC LIMIT ?2)"
	    " ORDER BY generated_at, id";
	sqlite3_stmt *st;
	json_t *a;
	int rc;

	if ((st = prep(h, sql, cause)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, upto);
	sqlite3_bind_int(st, 2, last > 0 ? last : -1);
	a = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		json_array_append_new(a, run_json(st));
	if (rc != SQLITE_DONE) {
		(void)dbfail(h, cause, "cannot read the runs");
		json_decref(a);
		a = NULL;
	}
	sqlite3_finalize(st);
	return a;
}

json_t *
rp_history_runs(struct rp_history *h, char **cause)
{
	return runs_upto(h, -1, 0, cause);
}

static int
run_exists(struct rp_history *h, long long run, json_t **entry,
    char **cause)
{
	static const char sql[] = "SELECT " RUN_COLS " FROM runs r"
	    " WHERE r.id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((st = prep(h, sql, cause)) == NULL)
		return RP_ERR_IO;
	sqlite3_bind_int64(st, 1, run);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && entry != NULL)
		*entry = run_json(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return rp_fail(cause, RP_ERR_NOT_FOUND, "history '%s': no run "
		    "%lld (see 'rempart history list')", h->path, run);
	return dbfail(h, cause, "cannot read the runs");
}

static json_t *
titles(sqlite3_stmt *st, int col)
{
	json_t *t = json_object();

	json_object_set_new(t, "en", col_json(st, col));
	json_object_set_new(t, "fr", col_json(st, col + 1));
	return t;
}

json_t *
rp_history_show(struct rp_history *h, long long run, char **cause)
{
	static const char sql[] =
	    "SELECT t.name, c.name, x.status, x.severity, o.text,"
	    " x.waiver_expires, x.waiver_expired, c.title_en, c.title_fr"
	    " FROM results x JOIN targets t ON t.id = x.target"
	    " JOIN checks c ON c.id = x.chk"
	    " LEFT JOIN observed o ON o.id = x.observed"
	    " WHERE x.run = ?1 ORDER BY t.name, c.name";
	sqlite3_stmt *st;
	json_t *run_o = NULL, *a, *o;
	int rc, s, sev;

	if (run_exists(h, run, &run_o, cause) != 0)
		return NULL;
	if ((st = prep(h, sql, cause)) == NULL) {
		json_decref(run_o);
		return NULL;
	}
	sqlite3_bind_int64(st, 1, run);
	a = json_array();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s = sqlite3_column_int(st, 2);
		sev = sqlite3_column_int(st, 3);
		o = json_object();
		json_object_set_new(o, "target", col_json(st, 0));
		json_object_set_new(o, "check", col_json(st, 1));
		json_object_set_new(o, "title", titles(st, 7));
		json_object_set_new(o, "status", json_string(s >= 0 &&
		    s < ST_N ? statuses[s] : "error"));
		json_object_set_new(o, "severity", json_string(sev >= 0 &&
		    sev < SEV_N ? sevs[sev] : "info"));
		json_object_set_new(o, "observed", col_json(st, 4));
		json_object_set_new(o, "waiver_expires", col_json(st, 5));
		json_object_set_new(o, "waiver_expired", json_boolean(
		    sqlite3_column_int(st, 6)));
		json_array_append_new(a, o);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		(void)dbfail(h, cause, "cannot read the results");
		json_decref(a);
		json_decref(run_o);
		return NULL;
	}
	json_object_set_new(run_o, "results", a);
	return run_o;
}

/*
 * The runs in memory (id -> chronological rank and time), the names of
 * targets and checks: the walks over results read integers only.
 */
struct runord {
	long long	 id, ord;
	time_t		 t;
	char		 gen[32];
};

struct dicts {
	struct runord	*byid;		/* sorted by id */
	struct runord	*byord;		/* oldest first */
	size_t		 nruns;
	char		**tname;	/* by target id */
	long long	 ntname;
	char		**cname;	/* by check id */
	json_t		**ctitle;
	long long	 ncname;
	long long	 min_ord, max_ord;	/* runs walked, by rank */
};

static int
cmp_runid(const void *a, const void *b)
{
	const struct runord *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static const struct runord *
run_of(const struct dicts *d, long long id)
{
	struct runord key;

	key.id = id;
	return d->nruns == 0 ? NULL : bsearch(&key, d->byid, d->nruns,
	    sizeof(key), cmp_runid);
}

static void
dicts_free(struct dicts *d)
{
	long long i;

	for (i = 0; i < d->ntname; i++)
		free(d->tname[i]);
	for (i = 0; i < d->ncname; i++) {
		free(d->cname[i]);
		json_decref(d->ctitle[i]);
	}
	free(d->tname);
	free(d->cname);
	free(d->ctitle);
	free(d->byid);
	free(d->byord);
	memset(d, 0, sizeof(*d));
}

static int
dicts_load(struct rp_history *h, struct dicts *d, char **cause)
{
	sqlite3_stmt *st = NULL;
	struct runord *ro;
	long long id;
	size_t cap = 0;
	int rc;

	memset(d, 0, sizeof(*d));
	d->ntname = one_int(h, "SELECT coalesce(max(id), 0) + 1 FROM targets");
	d->ncname = one_int(h, "SELECT coalesce(max(id), 0) + 1 FROM checks");
	if (d->ntname <= 0 || d->ncname <= 0 || d->ntname > 10000000 ||
	    d->ncname > 100000)
		return dbfail(h, cause, "cannot read the targets and checks");
	d->tname = xcalloc((size_t)d->ntname, sizeof(*d->tname));
	d->cname = xcalloc((size_t)d->ncname, sizeof(*d->cname));
	d->ctitle = xcalloc((size_t)d->ncname, sizeof(*d->ctitle));
	if ((st = prep(h, "SELECT id, generated_at FROM runs"
	    " ORDER BY generated_at, id", cause)) == NULL)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow((void **)&d->byord, &cap, d->nruns + 1,
		    sizeof(*d->byord));
		ro = &d->byord[d->nruns];
		ro->id = sqlite3_column_int64(st, 0);
		ro->ord = (long long)d->nruns;
		(void)snprintf(ro->gen, sizeof(ro->gen), "%s", col_str(st, 1));
		if (rp_parse_time(ro->gen, &ro->t) != 0)
			ro->t = 0;
		d->nruns++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE ||
	    (st = prep(h, "SELECT id, name FROM targets", cause)) == NULL)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((id = sqlite3_column_int64(st, 0)) >= 0 && id < d->ntname)
			d->tname[id] = xstrdup(col_str(st, 1));
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || (st = prep(h, "SELECT id, name, title_en,"
	    " title_fr FROM checks", cause)) == NULL)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((id = sqlite3_column_int64(st, 0)) >= 0 &&
		    id < d->ncname) {
			d->cname[id] = xstrdup(col_str(st, 1));
			d->ctitle[id] = titles(st, 2);
		}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		goto fail;
	if (d->nruns > 0) {
		d->byid = xmemdup(d->byord, d->nruns * sizeof(*d->byord));
		qsort(d->byid, d->nruns, sizeof(*d->byid), cmp_runid);
	}
	d->min_ord = 0;
	d->max_ord = (long long)d->nruns - 1;
	return 0;
fail:
	sqlite3_finalize(st);
	dicts_free(d);
	return dbfail(h, cause, "cannot read the runs, targets and checks");
}

/*
 * The life of one (target, check) over the runs walked, oldest first:
 * runs as ranks (-1: none), so that 1,000 targets of 160 checks fit in a
 * few MB.
 */
struct life {
	int		 first, streak, fixed, last, prev, prior;
	signed char	 prev_status, last_status, severity, ever_fixed;
	signed char	 prior_status;	/* of the row before the last one */
	signed char	 cur_status, prev_run_status;	/* -1: absent */
	int		 regressions, fixes;
	long long	 ttf_sum, ttf_last;
	json_t		*expired;	/* [{from, to, expires}] */
};

static void
life_reset(struct life *l)
{
	memset(l, 0, sizeof(*l));
	l->first = l->streak = l->fixed = l->last = l->prev = l->prior = -1;
	l->prev_status = l->last_status = l->prior_status = -1;
	l->cur_status = l->prev_run_status = -1;
}

static void
life_row(struct life *l, const struct dicts *d, int status, int sev,
    int ord, int expired, const char *expires)
{
	long long dt;
	json_t *e;

	l->prior = l->last;
	l->prior_status = l->last_status;
	if (status == ST_FAIL) {
		if (l->first < 0)
			l->first = ord;
		if (l->streak < 0) {
			l->streak = ord;
			if (l->ever_fixed)
				l->regressions++;
		}
		if (expired && l->prev_status == ST_WAIVED && l->prev >= 0) {
			if (l->expired == NULL)
				l->expired = json_array();
			e = json_object();
			json_object_set_new(e, "from",
			    json_string(d->byord[l->prev].gen));
			json_object_set_new(e, "to",
			    json_string(d->byord[ord].gen));
			json_object_set_new(e, "expires", expires ?
			    json_string(expires) : json_null());
			json_array_append_new(l->expired, e);
		}
	} else if (status == ST_PASS && l->streak >= 0) {
		dt = (long long)(d->byord[ord].t - d->byord[l->streak].t);
		l->fixed = ord;
		l->fixes++;
		l->ttf_last = dt;
		l->ttf_sum += dt > 0 ? dt : 0;
		l->ever_fixed = 1;
		l->streak = -1;
	} else if (status == ST_NA || status == ST_WAIVED)
		l->streak = -1;		/* closed, not fixed */
	/* ST_ERROR: not assessed, the finding stays open */
	l->prev_status = (signed char)status;
	l->last_status = (signed char)status;
	l->severity = (signed char)sev;
	l->prev = ord;
	l->last = ord;
}

static json_t *
ord_time(const struct dicts *d, int ord)
{
	return ord >= 0 ? json_string(d->byord[ord].gen) : json_null();
}

/* The finding of an item that failed (else NULL). */
static json_t *
life_json(const struct life *l, const struct dicts *d, long long t,
    long long c)
{
	json_t *o;

	if (l->first < 0 && l->expired == NULL)
		return NULL;
	o = json_object();
	json_object_set_new(o, "target", json_string(t < d->ntname &&
	    d->tname[t] ? d->tname[t] : "?"));
	json_object_set_new(o, "check", json_string(c < d->ncname &&
	    d->cname[c] ? d->cname[c] : "?"));
	json_object_set_new(o, "title", c < d->ncname && d->ctitle[c] ?
	    json_incref(d->ctitle[c]) : json_null());
	json_object_set_new(o, "severity", json_string(sevs[l->severity]));
	json_object_set_new(o, "status", json_string(statuses[
	    l->last_status]));
	json_object_set_new(o, "last_seen", ord_time(d, l->last));
	json_object_set_new(o, "first_failed", ord_time(d, l->first));
	json_object_set_new(o, "open_since", ord_time(d, l->streak));
	json_object_set_new(o, "fixed_at", ord_time(d, l->streak >= 0 ? -1 :
	    l->fixed));
	json_object_set_new(o, "fixes", json_integer(l->fixes));
	json_object_set_new(o, "time_to_fix_seconds", l->fixes > 0 &&
	    l->ttf_last >= 0 ? json_integer(l->ttf_last) : json_null());
	json_object_set_new(o, "mean_time_to_fix_seconds", l->fixes > 0 ?
	    json_integer(l->ttf_sum / l->fixes) : json_null());
	json_object_set_new(o, "regressions", json_integer(l->regressions));
	json_object_set_new(o, "waivers_expired", l->expired != NULL ?
	    json_incref(l->expired) : json_array());
	return o;
}

/* fn gets each item walked, with its finding (owned) or NULL. */
typedef void life_fn(const struct life *l, json_t *finding, void *arg);

/* The state of item i, created on its first row. */
static struct life *
life_at(struct life **items, size_t i)
{
	if (items[i] == NULL) {
		items[i] = xmalloc(sizeof(*items[i]));
		life_reset(items[i]);
	}
	return items[i];
}

/*
 * Fold the runs ranked d->min_ord..d->max_ord into items, oldest first,
 * each one's results in the order of the key (run, target, check): one
 * pass over the rows, a state per item. tid/cid: only this target /
 * check (-1: all). cur, prev: runs whose status each item had is kept
 * (-1: none).
 */
static int
walk_rows(struct rp_history *h, const struct dicts *d, long long tid,
    long long cid, long long cur, long long prev, struct life **items,
    char **cause)
{
	static const char *const sql[] = {
		"SELECT target, chk, status, severity, waiver_expired,"
		" waiver_expires FROM results WHERE run = ?1",
		"SELECT target, chk, status, severity, waiver_expired,"
		" waiver_expires FROM results WHERE run = ?1 AND target = ?2",
		"SELECT target, chk, status, severity, waiver_expired,"
		" waiver_expires FROM results WHERE run = ?1 AND chk = ?3",
		"SELECT target, chk, status, severity, waiver_expired,"
		" waiver_expires FROM results WHERE run = ?1 AND target = ?2"
		" AND chk = ?3",
	};
	struct life *l;
	sqlite3_stmt *st;
	long long ord, t, c;
	size_t i;
	int rc = SQLITE_DONE, r = 0;

	if ((st = prep(h, sql[(tid >= 0) + 2 * (cid >= 0)], cause)) == NULL)
		return RP_ERR_IO;
	for (ord = d->min_ord; ord <= d->max_ord && ord >= 0; ord++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, d->byord[ord].id);
		if (tid >= 0)
			sqlite3_bind_int64(st, 2, tid);
		if (cid >= 0)
			sqlite3_bind_int64(st, 3, cid);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			t = sqlite3_column_int64(st, 0);
			c = sqlite3_column_int64(st, 1);
			if (t < 0 || t >= d->ntname || c < 0 || c >= d->ncname)
				continue;
			i = (size_t)t * (size_t)d->ncname + (size_t)c;
			l = life_at(items, i);
			life_row(l, d, sqlite3_column_int(st, 2) % ST_N,
			    sqlite3_column_int(st, 3) % SEV_N, (int)ord,
			    sqlite3_column_int(st, 4), (const char *)
			    sqlite3_column_text(st, 5));
			if (d->byord[ord].id == cur)
				l->cur_status = l->last_status;
			if (d->byord[ord].id == prev)
				l->prev_run_status = l->last_status;
		}
		if (rc != SQLITE_DONE) {
			r = dbfail(h, cause, "cannot read the results");
			break;
		}
	}
	sqlite3_finalize(st);
	return r;
}

/* The id of the latest run folded into the lives (-1: none, stale). */
static long long
lives_upto(struct rp_history *h)
{
	return one_int(h, "SELECT coalesce(max(run), -1) FROM lives_upto");
}

/* Rank of run id (-1: NULL or not a run). */
static int
ord_of(const struct dicts *d, sqlite3_stmt *st, int col)
{
	const struct runord *ro;

	if (sqlite3_column_type(st, col) == SQLITE_NULL ||
	    (ro = run_of(d, sqlite3_column_int64(st, col))) == NULL)
		return -1;
	return (int)ro->ord;
}

static signed char
status_col(sqlite3_stmt *st, int col)
{
	int v = sqlite3_column_int(st, col);

	return sqlite3_column_type(st, col) == SQLITE_NULL || v < 0 ||
	    v >= ST_N ? -1 : (signed char)v;
}

/*
 * Items as folded over every run (the lives table, fresh: its latest run
 * is d's latest), the same states as walk_rows over them all.
 */
static int
lives_load(struct rp_history *h, const struct dicts *d, long long tid,
    long long cid, long long cur, long long prev, struct life **items,
    char **cause)
{
	static const char *const sql[] = {
		"SELECT target, chk, first_run, streak_run, fixed_run,"
		" last_run, prior_run, last_status, prior_status, severity,"
		" ever_fixed, regressions, fixes, ttf_sum, ttf_last, expired"
		" FROM lives",
		"SELECT target, chk, first_run, streak_run, fixed_run,"
		" last_run, prior_run, last_status, prior_status, severity,"
		" ever_fixed, regressions, fixes, ttf_sum, ttf_last, expired"
		" FROM lives WHERE target = ?1",
		"SELECT target, chk, first_run, streak_run, fixed_run,"
		" last_run, prior_run, last_status, prior_status, severity,"
		" ever_fixed, regressions, fixes, ttf_sum, ttf_last, expired"
		" FROM lives WHERE chk = ?2",
		"SELECT target, chk, first_run, streak_run, fixed_run,"
		" last_run, prior_run, last_status, prior_status, severity,"
		" ever_fixed, regressions, fixes, ttf_sum, ttf_last, expired"
		" FROM lives WHERE target = ?1 AND chk = ?2",
	};
	struct life *l;
	sqlite3_stmt *st;
	const unsigned char *ex;
	long long t, c;
	int rc;

	if ((st = prep(h, sql[(tid >= 0) + 2 * (cid >= 0)], cause)) == NULL)
		return RP_ERR_IO;
	if (tid >= 0)
		sqlite3_bind_int64(st, 1, tid);
	if (cid >= 0)
		sqlite3_bind_int64(st, 2, cid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t = sqlite3_column_int64(st, 0);
		c = sqlite3_column_int64(st, 1);
		if (t < 0 || t >= d->ntname || c < 0 || c >= d->ncname)
			continue;
		l = life_at(items, (size_t)t * (size_t)d->ncname + (size_t)c);
		l->first = ord_of(d, st, 2);
		l->streak = ord_of(d, st, 3);
		l->fixed = ord_of(d, st, 4);
		l->last = l->prev = ord_of(d, st, 5);
		l->prior = ord_of(d, st, 6);
		l->last_status = l->prev_status = status_col(st, 7);
		l->prior_status = status_col(st, 8);
		l->severity = (signed char)(sqlite3_column_int(st, 9) % SEV_N);
		l->ever_fixed = sqlite3_column_int(st, 10) != 0;
		l->regressions = sqlite3_column_int(st, 11);
		l->fixes = sqlite3_column_int(st, 12);
		l->ttf_sum = sqlite3_column_int64(st, 13);
		l->ttf_last = sqlite3_column_int64(st, 14);
		if ((ex = sqlite3_column_text(st, 15)) != NULL &&
		    (l->expired = json_loads((const char *)ex, 0, NULL)) !=
		    NULL && !json_is_array(l->expired)) {
			json_decref(l->expired);
			l->expired = NULL;
		}
		/* the statuses walk_rows would have kept */
		if (l->last >= 0 && d->byord[l->last].id == cur)
			l->cur_status = l->last_status;
		if (l->last >= 0 && d->byord[l->last].id == prev)
			l->prev_run_status = l->last_status;
		else if (l->prior >= 0 && d->byord[l->prior].id == prev)
			l->prev_run_status = l->prior_status;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return dbfail(h, cause, "cannot read the lives of findings");
	return 0;
}

static void
bind_ord(sqlite3_stmt *st, int i, const struct dicts *d, int ord)
{
	if (ord >= 0)
		sqlite3_bind_int64(st, i, d->byord[ord].id);
	else
		sqlite3_bind_null(st, i);
}

/*
 * Fold run (the one just recorded, -1: none) into the lives, inside the
 * caller's transaction: when it is the latest and the lives hold every
 * run before it, its rows only; else (a run recorded out of order, a
 * prune, a migration) every run again.
 */
static int
lives_update(struct rp_history *h, long long run, char **cause)
{
	static const char ins_sql[] =
	    "INSERT INTO lives (target, chk, first_run, streak_run, fixed_run,"
	    " last_run, prior_run, last_status, prior_status, severity,"
	    " ever_fixed, regressions, fixes, ttf_sum, ttf_last, expired)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
	    " ?14, ?15, ?16)";
	const struct runord *ro;
	struct dicts d;
	struct life **items = NULL, *l;
	sqlite3_stmt *st = NULL;
	char *ex;
	size_t n, i;
	long long upto;
	int r;

	if ((r = dicts_load(h, &d, cause)) != 0)
		return r;
	n = (size_t)d.ntname * (size_t)d.ncname;
	items = xcalloc(n, sizeof(*items));
	upto = lives_upto(h);
	ro = run_of(&d, run);
	if (ro != NULL && ro->ord == d.max_ord && ro->ord >= 1 &&
	    upto == d.byord[ro->ord - 1].id) {
		if ((r = lives_load(h, &d, -1, -1, -1, -1, items, cause)) != 0)
			goto out;
		d.min_ord = ro->ord;
	}
	if ((r = walk_rows(h, &d, -1, -1, -1, -1, items, cause)) != 0)
		goto out;
	if ((r = exec(h, "DELETE FROM lives", cause)) != 0 ||
	    (st = prep(h, ins_sql, cause)) == NULL) {
		r = r != 0 ? r : RP_ERR_IO;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((l = items[i]) == NULL)
			continue;
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		sqlite3_bind_int64(st, 1, (long long)(i / (size_t)d.ncname));
		sqlite3_bind_int64(st, 2, (long long)(i % (size_t)d.ncname));
		bind_ord(st, 3, &d, l->first);
		bind_ord(st, 4, &d, l->streak);
		bind_ord(st, 5, &d, l->fixed);
		bind_ord(st, 6, &d, l->last);
		bind_ord(st, 7, &d, l->prior);
		sqlite3_bind_int(st, 8, l->last_status);
		if (l->prior_status >= 0)
			sqlite3_bind_int(st, 9, l->prior_status);
		sqlite3_bind_int(st, 10, l->severity);
		sqlite3_bind_int(st, 11, l->ever_fixed);
		sqlite3_bind_int(st, 12, l->regressions);
		sqlite3_bind_int(st, 13, l->fixes);
		sqlite3_bind_int64(st, 14, l->ttf_sum);
		sqlite3_bind_int64(st, 15, l->ttf_last);
		if (l->expired != NULL &&
		    (ex = json_dumps(l->expired, JSON_COMPACT)) != NULL) {
			sqlite3_bind_text(st, 16, ex, -1, SQLITE_TRANSIENT);
			free(ex);
		}
		if (sqlite3_step(st) != SQLITE_DONE) {
			r = dbfail(h, cause, "cannot record the lives of "
			    "findings");
			goto out;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (d.nruns == 0)
		r = exec(h, "UPDATE lives_upto SET run = NULL", cause);
	else {
		if ((st = prep(h, "UPDATE lives_upto SET run = ?1",
		    cause)) == NULL) {
			r = RP_ERR_IO;
			goto out;
		}
		sqlite3_bind_int64(st, 1, d.byord[d.max_ord].id);
		if (sqlite3_step(st) != SQLITE_DONE)
			r = dbfail(h, cause, "cannot record the lives of "
			    "findings");
	}
out:
	sqlite3_finalize(st);
	for (i = 0; items != NULL && i < n; i++) {
		if (items[i] != NULL)
			json_decref(items[i]->expired);
		free(items[i]);
	}
	free(items);
	dicts_free(&d);
	return r;
}

/*
 * Walk the runs ranked min_ord..max_ord (walk_rows), or read the lives
 * when they are every run and the lives are fresh, then give each item
 * to fn in the order of (target id, check id).
 */
static int
walk(struct rp_history *h, const struct dicts *d, long long tid,
    long long cid, long long cur, long long prev, life_fn *fn, void *arg,
    char **cause)
{
	struct life **items, *l;
	size_t n = (size_t)d->ntname * (size_t)d->ncname, i;
	int r;

	items = xcalloc(n, sizeof(*items));
	if (d->nruns > 0 && d->min_ord == 0 &&
	    d->max_ord == (long long)d->nruns - 1 &&
	    lives_upto(h) == d->byord[d->max_ord].id)
		r = lives_load(h, d, tid, cid, cur, prev, items, cause);
	else
		r = walk_rows(h, d, tid, cid, cur, prev, items, cause);
	for (i = 0; i < n; i++) {
		if ((l = items[i]) == NULL)
			continue;
		if (r == 0)
			fn(l, life_json(l, d, (long long)(i / (size_t)d->ncname),
			    (long long)(i % (size_t)d->ncname)), arg);
		json_decref(l->expired);
		free(l);
	}
	free(items);
	return r;
}

/* The id of a target or check name (-2: none such), for the filters. */
static long long
name_id(struct rp_history *h, const char *sql, const char *name)
{
	sqlite3_stmt *st = NULL;
	long long id = -2;

	if (sqlite3_prepare_v2(h->db, sql, -1, &st, NULL) == SQLITE_OK) {
		bind_text(st, 1, name);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return id;
}

static void
trend_item(const struct life *l, json_t *o, void *arg)
{
	if (o != NULL)
		json_array_append_new((json_t *)arg, o);
}

static json_t *
trend_read(struct rp_history *h, const struct rp_history_filter *f,
    char **cause)
{
	struct dicts d;
	json_t *runs, *items, *o;
	long long tid = -1, cid = -1;

	if ((runs = runs_upto(h, -1, f->last, cause)) == NULL)
		return NULL;
	if (dicts_load(h, &d, cause) != 0) {
		json_decref(runs);
		return NULL;
	}
	if (f->last > 0 && (size_t)f->last < d.nruns)
		d.min_ord = (long long)d.nruns - f->last;
	if (f->target != NULL)
		tid = name_id(h, "SELECT id FROM targets WHERE name = ?1",
		    f->target);
	if (f->check != NULL)
		cid = name_id(h, "SELECT id FROM checks WHERE name = ?1",
		    f->check);
	items = json_array();
	if (tid != -2 && cid != -2 &&	/* an unknown name: no finding */
	    walk(h, &d, tid, cid, -1, -1, trend_item, items, cause) != 0) {
		dicts_free(&d);
		json_decref(runs);
		json_decref(items);
		return NULL;
	}
	dicts_free(&d);
	o = json_object();
	json_object_set_new(o, "runs", runs);
	json_object_set_new(o, "findings", items);
	return o;
}

/* The section's items: open in the run, fixed since the one before. */
struct section_acc {
	json_t	*open, *fixed;
};

static void
section_item(const struct life *l, json_t *o, void *arg)
{
	struct section_acc *a = arg;

	if (o == NULL)
		return;
	if (l->cur_status == ST_FAIL)
		json_array_append_new(a->open, o);
	else if (l->prev_run_status == ST_FAIL && l->cur_status == ST_PASS)
		json_array_append_new(a->fixed, o);
	else
		json_decref(o);
}

static int
cmp_open(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	int c = strcmp(rp_json_str(a, "open_since"), rp_json_str(b,
	    "open_since"));

	if (c != 0)
		return c;
	c = index_of(sevs, SEV_N, rp_json_str(b, "severity")) -
	    index_of(sevs, SEV_N, rp_json_str(a, "severity"));
	if (c != 0)
		return c;
	c = strcmp(rp_json_str(a, "target"), rp_json_str(b, "target"));
	return c != 0 ? c : strcmp(rp_json_str(a, "check"),
	    rp_json_str(b, "check"));
}

static json_t *
sorted_head(json_t *a, int (*cmp)(const void *, const void *), size_t max)
{
	size_t n = json_array_size(a), i;
	json_t **v = xcalloc(n + 1, sizeof(*v)), *out = json_array();

	for (i = 0; i < n; i++)
		v[i] = json_array_get(a, i);
	qsort(v, n, sizeof(*v), cmp);
	for (i = 0; i < n && i < max; i++)
		json_array_append(out, v[i]);
	free(v);
	return out;
}

static int
cmp_fixed(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	int c = index_of(sevs, SEV_N, rp_json_str(b, "severity")) -
	    index_of(sevs, SEV_N, rp_json_str(a, "severity"));

	if (c != 0)
		return c;
	c = strcmp(rp_json_str(a, "target"), rp_json_str(b, "target"));
	return c != 0 ? c : strcmp(rp_json_str(a, "check"),
	    rp_json_str(b, "check"));
}

static json_t *
section_read(struct rp_history *h, long long run, int last, int oldest,
    char **cause)
{
	/* the items failing in the run or in the one before, over every
	 * run up to it: when each one first failed, since when it is open */
	const struct runord *ro;
	struct dicts d;
	struct section_acc acc;
	json_t *runs, *o, *prev = NULL;
	long long prev_id = -1;
	size_t n;

	if ((runs = runs_upto(h, run, last > 1 ? last : 2, cause)) == NULL)
		return NULL;
	/* the section stays a function of the recorded results: not when
	 * nor from which file each run was recorded */
	json_array_foreach(runs, n, o) {
		json_object_del(o, "recorded_at");
		json_object_del(o, "manifest");
	}
	n = json_array_size(runs);
	if (n >= 2) {
		prev = json_array_get(runs, n - 2);
		prev_id = rp_json_int(prev, "run");
	}
	if (dicts_load(h, &d, cause) != 0) {
		json_decref(runs);
		return NULL;
	}
	/* every run up to this one, none after it */
	if ((ro = run_of(&d, run)) != NULL)
		d.max_ord = ro->ord;
	acc.open = json_array();
	acc.fixed = json_array();
	if (walk(h, &d, -1, -1, run, prev_id, section_item, &acc,
	    cause) != 0) {
		dicts_free(&d);
		json_decref(runs);
		json_decref(acc.open);
		json_decref(acc.fixed);
		return NULL;
	}
	dicts_free(&d);
	o = json_object();
	json_object_set_new(o, "run", json_integer(run));
	json_object_set_new(o, "previous", prev != NULL ? json_pack(
	    "{s:O, s:O}", "run", json_object_get(prev, "run"),
	    "generated_at", json_object_get(prev, "generated_at")) :
	    json_null());
	json_object_set_new(o, "runs", runs);
	json_object_set_new(o, "open_findings",
	    json_integer((json_int_t)json_array_size(acc.open)));
	json_object_set_new(o, "oldest_open", sorted_head(acc.open, cmp_open,
	    oldest > 0 ? (size_t)oldest : 10));
	json_object_set_new(o, "fixed_since_previous", sorted_head(acc.fixed,
	    cmp_fixed, SIZE_MAX));
	json_decref(acc.open);
	json_decref(acc.fixed);
	return o;
}

/*
 * The trend and the section read the runs, the names and the lives (or
 * the results) in one read transaction: a sweep recorded meanwhile is
 * not half seen.
 */
json_t *
rp_history_trend(struct rp_history *h, const struct rp_history_filter *f,
    char **cause)
{
	json_t *o;

	if (exec(h, "BEGIN", cause) != 0)
		return NULL;
	o = trend_read(h, f, cause);
	rollback(h);		/* read only */
	return o;
}

json_t *
rp_history_section(struct rp_history *h, long long run, int last,
    int oldest, char **cause)
{
	json_t *o;

	if (exec(h, "BEGIN", cause) != 0)
		return NULL;
	o = section_read(h, run, last, oldest, cause);
	rollback(h);
	return o;
}

json_t *
rp_history_diff(struct rp_history *h, long long a, long long b,
    char **cause)
{
	/* both runs' rows of every item, a's before b's; failed_before:
	 * the item failed in a run before b (a regression, not new) */
	static const char sql[] =
	    "SELECT t.name, c.name, x.run, x.status, x.severity, o.text,"
	    " x.waiver_expired, x.waiver_expires, c.title_en, c.title_fr,"
	    " CASE WHEN x.run = ?2 AND x.status = 1 AND NOT EXISTS (SELECT 1"
	    "  FROM results z WHERE z.run = ?1 AND z.target = x.target"
	    "  AND z.chk = x.chk AND z.status = 1)"
	    " THEN EXISTS (SELECT 1 FROM results y"
	    "  WHERE y.run IN (SELECT id FROM runs WHERE (generated_at, id) <"
	    "  (SELECT generated_at, id FROM runs WHERE id = ?2))"
	    "  AND y.target = x.target AND y.chk = x.chk AND y.status = 1)"
	    " ELSE 0 END"
	    " FROM results x JOIN targets t ON t.id = x.target"
	    " JOIN checks c ON c.id = x.chk"
	    " LEFT JOIN observed o ON o.id = x.observed"
	    " WHERE x.run IN (?1, ?2)"
	    " ORDER BY t.name, c.name, x.run = ?2";
	static const char *const changes[] = { "fixed", "new", "regressed",
	    "still-open", "not-assessed", "not-applicable", "waived",
	    "waiver-expired" };
	enum { C_FIXED, C_NEW, C_REGR, C_OPEN, C_NOTASS, C_NA, C_WAIVED,
	    C_EXPIRED, C_N };
	sqlite3_stmt *st;
	json_t *ra = NULL, *rb = NULL, *items, *counts, *o, *pend = NULL;
	char pkey[512] = "", key[512];
	int rc, k, sa = -1, sb, ch;
	long long run;

	if (run_exists(h, a, &ra, cause) != 0 ||
	    run_exists(h, b, &rb, cause) != 0 ||
	    (st = prep(h, sql, cause)) == NULL) {
		json_decref(ra);
		json_decref(rb);
		return NULL;
	}
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	items = json_array();
	counts = json_object();
	for (k = 0; k < C_N; k++)
		json_object_set_new(counts, changes[k], json_integer(0));
	/*
	 * Rows come as (item, a) then (item, b): an item's a row is held
	 * in pend until its b row (or the next item) settles it.
	 */
	for (;;) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			(void)snprintf(key, sizeof(key), "%s%c%s",
			    col_str(st, 0), '\x1f', col_str(st, 1));
			run = sqlite3_column_int64(st, 2);
		} else {
			key[0] = '\0';
			run = -1;
		}
		if (pend != NULL && (rc != SQLITE_ROW ||
		    strcmp(key, pkey) != 0 || run != b)) {
			/* item only in a: failing then, not assessed now */
			if (sa == ST_FAIL) {
				json_object_set_new(pend, "change",
				    json_string(changes[C_NOTASS]));
				json_object_set_new(pend, "status",
				    json_null());
				json_array_append(items, pend);
				json_object_set_new(counts, changes[C_NOTASS],
				    json_integer(rp_json_int(counts,
				    changes[C_NOTASS]) + 1));
			}
			json_decref(pend);
			pend = NULL;
			sa = -1;
		}
		if (rc != SQLITE_ROW)
			break;
		sb = sqlite3_column_int(st, 3) % ST_N;
		if (run == a && a != b) {
			pend = json_object();
			json_object_set_new(pend, "target", col_json(st, 0));
			json_object_set_new(pend, "check", col_json(st, 1));
			json_object_set_new(pend, "title", titles(st, 8));
			json_object_set_new(pend, "severity", json_string(
			    sevs[sqlite3_column_int(st, 4) % SEV_N]));
			json_object_set_new(pend, "previous_status",
			    json_string(statuses[sb]));
			json_object_set_new(pend, "observed",
			    col_json(st, 5));
			(void)snprintf(pkey, sizeof(pkey), "%s", key);
			sa = sb;
			continue;
		}
		/* b's row, with a's pending when the item was in a */
		ch = -1;
		if (sa == ST_FAIL)
			ch = sb == ST_PASS ? C_FIXED : sb == ST_FAIL ? C_OPEN :
			    sb == ST_NA ? C_NA : sb == ST_WAIVED ? C_WAIVED :
			    C_NOTASS;
		else if (sb == ST_FAIL)
			ch = sa == ST_WAIVED && sqlite3_column_int(st, 6) ?
			    C_EXPIRED : sqlite3_column_int(st, 10) ? C_REGR :
			    C_NEW;
		if (ch >= 0) {
			o = json_object();
			json_object_set_new(o, "target", col_json(st, 0));
			json_object_set_new(o, "check", col_json(st, 1));
			json_object_set_new(o, "title", titles(st, 8));
			json_object_set_new(o, "change",
			    json_string(changes[ch]));
			json_object_set_new(o, "severity", json_string(
			    sevs[sqlite3_column_int(st, 4) % SEV_N]));
			json_object_set_new(o, "previous_status", sa >= 0 ?
			    json_string(statuses[sa]) : json_null());
			json_object_set_new(o, "status",
			    json_string(statuses[sb]));
			json_object_set_new(o, "observed", col_json(st, 5));
			json_object_set_new(o, "waiver_expires",
			    col_json(st, 7));
			json_array_append_new(items, o);
			json_object_set_new(counts, changes[ch], json_integer(
			    rp_json_int(counts, changes[ch]) + 1));
		}
		json_decref(pend);
		pend = NULL;
		sa = -1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		(void)dbfail(h, cause, "cannot read the results");
		json_decref(items);
		json_decref(counts);
		json_decref(ra);
		json_decref(rb);
		return NULL;
	}
	o = json_object();
	json_object_set_new(o, "from", ra);
	json_object_set_new(o, "to", rb);
	json_object_set_new(o, "counts", counts);
	json_object_set_new(o, "items", items);
	return o;
}

int
rp_history_prune(struct rp_history *h, int keep, long long *removed,
    char **cause)
{
	static const char *const sql[] = {
		"DELETE FROM results WHERE run IN (SELECT id FROM runs"
		" ORDER BY generated_at DESC, id DESC LIMIT -1 OFFSET ?1)",
		"DELETE FROM runs WHERE id IN (SELECT id FROM runs"
		" ORDER BY generated_at DESC, id DESC LIMIT -1 OFFSET ?1)",
		"DELETE FROM observed WHERE id NOT IN (SELECT observed"
		" FROM results WHERE observed IS NOT NULL)",
		"DELETE FROM targets WHERE id NOT IN (SELECT target"
		" FROM results)",
		"DELETE FROM checks WHERE id NOT IN (SELECT chk FROM results)",
	};
	sqlite3_stmt *st;
	size_t i;
	int r;

	*removed = 0;
	if ((r = exec(h, "BEGIN IMMEDIATE", cause)) != 0)
		return r;
	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		if ((st = prep(h, sql[i], cause)) == NULL) {
			rollback(h);
			return RP_ERR_IO;
		}
		if (sqlite3_bind_parameter_count(st) > 0)
			sqlite3_bind_int(st, 1, keep);
		if (sqlite3_step(st) != SQLITE_DONE) {
			r = dbfail(h, cause, "cannot prune");
			sqlite3_finalize(st);
			rollback(h);
			return r;
		}
		if (i == 1)
			*removed = sqlite3_changes(h->db);
		sqlite3_finalize(st);
	}
	if ((r = lives_update(h, -1, cause)) != 0 ||
	    (r = exec(h, "COMMIT", cause)) != 0) {
		rollback(h);
		return r;
	}
	return 0;
}

/* The size of the database file (without its WAL), -1 if unknown. */
static long long
file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

int
rp_history_vacuum(struct rp_history *h, long long *before, long long *after,
    char **cause)
{
	int r;

	*before = file_size(h->path);
	*after = -1;
	/* VACUUM runs in its own transaction, waiting for writers (the
	 * busy timeout); the checkpoint copies it into the file and
	 * truncates both */
	if ((r = exec(h, "VACUUM", cause)) != 0 ||
	    (r = exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", cause)) != 0)
		return r;
	*after = file_size(h->path);
	return 0;
}
