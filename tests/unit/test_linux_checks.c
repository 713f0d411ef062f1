/* Unit tests: the native evaluators of the Linux catalogue (eval_linux.c)
 * and a few shipped Linux checks on synthetic probe output. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "collect/sudorules.h"
#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "engine/eval.h"
#include "engine/evaluators.h"
#include "engine/extract.h"
#include "engine/registry.h"
#include "parse/rx.h"

#define CHECKS RP_TEST_SRCDIR "/checks"

/* A check whose <read> is <lines match=...> or <regex pattern group>. */
static void
mk_check(struct rp_check *ck, enum rp_xkind kind, const char *pattern,
    const char *group)
{
	char *cause = NULL;

	memset(ck, 0, sizeof(*ck));
	ck->id = (char *)"LNX-TST-001";
	if (pattern == NULL)
		return;
	ck->has_extract = 1;
	ck->extract.kind = kind;
	ck->extract.pattern = (char *)pattern;
	ck->extract.group = (char *)group;
	if (rp_rx_compile(pattern, RP_RX_MULTILINE, &ck->extract.rx,
	    &cause) != 0)
		fail_msg("regex: %s", cause);
}

static void
rm_check(struct rp_check *ck)
{
	rp_rx_free(ck->extract.rx);
}

/* Run evaluator NAME on DATA; returns the status, *obs the observed. */
static enum rp_status
run(const char *name, const struct rp_check *ck, const char *data,
    const char *expected, char **obs)
{
	const struct rp_evaluator *e = rp_evaluator_find(name);
	struct rp_probe_out po;
	struct rp_eval_ctx ctx;
	struct rp_verdict v;
	enum rp_status st;

	assert_non_null(e);
	assert_int_equal(e->kind, RP_KIND_LINUX);
	memset(&po, 0, sizeof(po));
	memset(&ctx, 0, sizeof(ctx));
	po.probe = (char *)"linux.test";
	po.status = RP_PS_OK;
	po.data = (char *)data;
	po.len = strlen(data);
	ctx.out = &po;
	rp_verdict_init(&v);
	assert_int_equal(e->evaluate(&ctx, ck, expected, &v), 0);
	st = v.status;
	if (obs != NULL)
		*obs = xstrndup(v.observed.buf ? v.observed.buf : "",
		    v.observed.len);
	if (st == RP_ST_ERROR || st == RP_ST_NA)
		assert_non_null(v.reason);
	rp_verdict_release(&v);
	return st;
}

static void
stat_parse(void **state)
{
	long long mode, uid, gid;
	const char *path;

	assert_int_equal(rp_linux_stat_parse("4755|0|0|/usr/bin/su", &mode,
	    &uid, &gid, &path), 0);
	assert_int_equal(mode, 04755);
	assert_int_equal(uid, 0);
	assert_string_equal(path, "/usr/bin/su");
	/* a | in the file name stays in the path */
	assert_int_equal(rp_linux_stat_parse("640|0|42|/tmp/a|b", &mode, &uid,
	    &gid, &path), 0);
	assert_int_equal(gid, 42);
	assert_string_equal(path, "/tmp/a|b");
	assert_int_equal(rp_linux_stat_parse("", &mode, &uid, &gid, &path),
	    -1);
	assert_int_equal(rp_linux_stat_parse("9|0|0|/x", &mode, &uid, &gid,
	    &path), -1);
	assert_int_equal(rp_linux_stat_parse("644|x|0|/x", &mode, &uid, &gid,
	    &path), -1);
	assert_int_equal(rp_linux_stat_parse("644|0|0|", &mode, &uid, &gid,
	    &path), -1);
	assert_int_equal(rp_linux_stat_parse("77777|0|0|/x", &mode, &uid,
	    &gid, &path), -1);
	assert_int_equal(rp_linux_stat_parse("unowned|644|0|0|/x", &mode,
	    &uid, &gid, &path), -1);
}

static void
stat_mode(void **state)
{
	static const char walk[] =
	    "640|0|42|/etc/shadow\n"
	    "644|0|0|/etc/passwd\n"
	    "755|1000|1000|/home/alice\n"
	    "unowned|600|1005|1005|/tmp/x\n";
	struct rp_check ck;
	char *obs = NULL;

	mk_check(&ck, RP_X_LINES, "\\|/etc/g?shadow$", NULL);
	assert_int_equal(run("linux-stat-mode", &ck, walk, "640", NULL),
	    RP_ST_PASS);
	assert_int_equal(run("linux-stat-mode", &ck, walk, "600", &obs),
	    RP_ST_FAIL);
	assert_string_equal(obs, "/etc/shadow 0640 uid=0");
	free(obs);
	/* not an octal mask, or an unknown option */
	assert_int_equal(run("linux-stat-mode", &ck, walk, "rw", NULL),
	    RP_ST_ERROR);
	assert_int_equal(run("linux-stat-mode", &ck, walk, "640 sometimes",
	    NULL), RP_ST_ERROR);
	assert_int_equal(run("linux-stat-mode", &ck, walk, NULL, NULL),
	    RP_ST_ERROR);
	/* no file selected: not applicable */
	assert_int_equal(run("linux-stat-mode", &ck, "644|0|0|/etc/passwd\n",
	    "640", NULL), RP_ST_NA);
	rm_check(&ck);

	/* owner: root required unless any-owner */
	mk_check(&ck, RP_X_LINES, "\\|/home/[^/|]+$", NULL);
	assert_int_equal(run("linux-stat-mode", &ck, walk, "755", &obs),
	    RP_ST_FAIL);
	assert_string_equal(obs, "/home/alice 0755 uid=1000");
	free(obs);
	assert_int_equal(run("linux-stat-mode", &ck, walk, "755 any-owner",
	    NULL), RP_ST_PASS);
	/* a home left by a deleted account: a finding of its own, and the
	 * other homes are still judged (never an error for all) */
	assert_int_equal(run("linux-stat-mode", &ck,
	    "750|1000|1000|/home/alice\n700|1001|1001|/home/bob\n"
	    "unowned|700|1005|1005|/home/gone\n", "750 any-owner", &obs),
	    RP_ST_FAIL);
	assert_string_equal(obs, "/home/gone 0700 uid=1005 (no such account: "
	    "left by a deleted one?)");
	free(obs);
	assert_int_equal(run("linux-stat-mode", &ck,
	    "755|1000|1000|/home/alice\nunowned|700|1005|1005|/home/gone\n",
	    "750 any-owner", &obs), RP_ST_FAIL);
	assert_non_null(strstr(obs, "/home/alice 0755 uid=1000"));
	assert_non_null(strstr(obs, "/home/gone"));
	free(obs);
	assert_int_equal(run("linux-stat-mode", &ck, walk, "750 any-owner",
	    NULL), RP_ST_FAIL);
	rm_check(&ck);

	/* without <read>: every line must be a stat line */
	mk_check(&ck, RP_X_LINES, NULL, NULL);
	assert_int_equal(run("linux-stat-mode", &ck, "600|0|0|/a\n\n640|0|0|/b",
	    "640", NULL), RP_ST_PASS);
	assert_int_equal(run("linux-stat-mode", &ck, "600|0|0|/a\nnot a stat "
	    "line\n", "7777", NULL), RP_ST_ERROR);
	/* an unowned line is a stat line, and a finding */
	assert_int_equal(run("linux-stat-mode", &ck, "unowned|600|0|5|/a\n",
	    "7777", NULL), RP_ST_FAIL);
	assert_int_equal(run("linux-stat-mode", &ck, "unowned|unsupported\n",
	    "7777", NULL), RP_ST_ERROR);
	/* setuid bits count */
	assert_int_equal(run("linux-stat-mode", &ck, "4755|0|0|/usr/bin/sudo",
	    "4110", NULL), RP_ST_FAIL);
	assert_int_equal(run("linux-stat-mode", &ck, "4110|0|27|/usr/bin/sudo",
	    "4110", NULL), RP_ST_PASS);
}

static void
unique(void **state)
{
	static const char pw[] =
	    "root:x:0:0:root:/root:/bin/bash\n"
	    "daemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n"
	    "toor:x:0:0:backdoor:/root:/bin/bash\n"
	    "alice:x:1000:1000::/home/alice:/bin/bash\n";
	struct rp_check ck;
	char *obs = NULL;

	mk_check(&ck, RP_X_REGEX, "^[^:\\n]*:[^:\\n]*:(?<uid>[0-9]+):", "uid");
	assert_int_equal(run("linux-unique", &ck, pw, NULL, &obs),
	    RP_ST_FAIL);
	assert_string_equal(obs, "0 (2 times)");
	free(obs);
	assert_int_equal(run("linux-unique", &ck,
	    "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/h:/bin/sh\n",
	    NULL, NULL), RP_ST_PASS);
	assert_int_equal(run("linux-unique", &ck, "garbage\n", NULL, NULL),
	    RP_ST_ERROR);
	rm_check(&ck);
	mk_check(&ck, RP_X_REGEX, "^(?<n>[^:\\n]+):", "n");
	assert_int_equal(run("linux-unique", &ck, "a:1\nb:2\na:3\nb:4\nb:5\n",
	    NULL, &obs), RP_ST_FAIL);
	assert_string_equal(obs, "a (2 times), b (3 times)");
	free(obs);
	rm_check(&ck);
}

static void
has_all(void **state)
{
	static const char rules[] =
	    "enabled 1\n"
	    "-w /etc/passwd -p wa -k identity\n"
	    "-w /etc/sudoers.d/ -p wa -k scope\n"
	    "-a always,exit -F arch=b64 -S adjtimex,settimeofday -k time\n";
	struct rp_check ck;
	char *obs = NULL;

	mk_check(&ck, RP_X_REGEX,
	    "(?:^-w\\s+|\\s-F\\s+path=)(?<p>/\\S+?)/?(?=\\s|$)", "p");
	assert_int_equal(run("linux-has-all", &ck, rules,
	    "/etc/passwd /etc/sudoers.d", NULL), RP_ST_PASS);
	assert_int_equal(run("linux-has-all", &ck, rules,
	    "  /etc/passwd\t/etc/shadow  /etc/group ", &obs), RP_ST_FAIL);
	assert_string_equal(obs, "missing: /etc/shadow, /etc/group");
	free(obs);
	/* an empty list cannot be judged */
	assert_int_equal(run("linux-has-all", &ck, rules, "  ", NULL),
	    RP_ST_ERROR);
	assert_int_equal(run("linux-has-all", &ck, rules, NULL, NULL),
	    RP_ST_ERROR);
	/* nothing extracted: everything is missing */
	assert_int_equal(run("linux-has-all", &ck, "No rules\n", "/etc/passwd",
	    NULL), RP_ST_FAIL);
	rm_check(&ck);

	/* a prefix is not a match */
	mk_check(&ck, RP_X_LINES, NULL, NULL);
	assert_int_equal(run("linux-has-all", &ck, "hfsplus\n", "hfs", NULL),
	    RP_ST_FAIL);
	assert_int_equal(run("linux-has-all", &ck, "hfs\nhfsplus\n",
	    "hfsplus hfs", NULL), RP_ST_PASS);
	ck.extract.icase = 1;
	assert_int_equal(run("linux-has-all", &ck, "HFS\n", "hfs", NULL),
	    RP_ST_PASS);
}

static void
unowned(void **state)
{
	struct rp_check ck;
	char *obs = NULL;

	mk_check(&ck, RP_X_WHOLE, NULL, NULL);
	assert_int_equal(run("linux-unowned", &ck,
	    "644|0|0|/etc/passwd\n4755|0|0|/usr/bin/su\n", NULL, NULL),
	    RP_ST_PASS);
	assert_int_equal(run("linux-unowned", &ck,
	    "644|0|0|/etc/passwd\nunowned|755|1005|1005|/opt/a b\r\n"
	    "unowned|600|0|4242|/etc/x\n", NULL, &obs), RP_ST_FAIL);
	assert_string_equal(obs, "/opt/a b, /etc/x");
	free(obs);
	/* BusyBox find: cannot tell, so not applicable, never a pass */
	assert_int_equal(run("linux-unowned", &ck,
	    "644|0|0|/etc/passwd\nunowned|unsupported\n", NULL, NULL),
	    RP_ST_NA);
	/* a malformed unowned line still counts */
	assert_int_equal(run("linux-unowned", &ck, "unowned|junk\n", NULL,
	    &obs), RP_ST_FAIL);
	assert_string_equal(obs, "junk");
	free(obs);
}

static void
kernel_current(void **state)
{
	struct rp_check ck;
	char *obs = NULL;

	assert_int_equal(rp_linux_kernel_version_len("6.1.0-18-amd64", 14), 8);
	assert_int_equal(rp_linux_kernel_version_len(
	    "5.14.0-362.8.1.el9_3.x86_64", 27), 14);
	assert_int_equal(rp_linux_kernel_version_len("6.8.0-1", 7), 7);
	assert_int_equal(rp_linux_kernel_version_len("rescue-1", 8), 0);
	mk_check(&ck, RP_X_WHOLE, NULL, NULL);
	assert_int_equal(run("linux-kernel-current", &ck,
	    "running 6.1.0-21-amd64\ninstalled 6.1.0-18-amd64\n"
	    "installed 6.1.0-21-amd64\n", NULL, NULL), RP_ST_PASS);
	assert_int_equal(run("linux-kernel-current", &ck,
	    "running 6.1.0-18-amd64\ninstalled 6.1.0-18-amd64\n"
	    "installed 6.1.0-21-amd64\n", NULL, &obs), RP_ST_FAIL);
	assert_string_equal(obs, "6.1.0-18-amd64, installed 6.1.0-21-amd64");
	free(obs);
	/* another flavour of the same version is not newer */
	assert_int_equal(run("linux-kernel-current", &ck,
	    "running 6.1.0-18-amd64\ninstalled 6.1.0-18-rt-amd64\n"
	    "installed 6.1.0-18-cloud-amd64\n", NULL, NULL), RP_ST_PASS);
	/* 6.10 is newer than 6.9 */
	assert_int_equal(run("linux-kernel-current", &ck,
	    "running 6.9.0-1\ninstalled 6.10.0-1\n", NULL, NULL), RP_ST_FAIL);
	assert_int_equal(run("linux-kernel-current", &ck,
	    "running 6.1.0-21-amd64\n", NULL, NULL), RP_ST_NA);
	assert_int_equal(run("linux-kernel-current", &ck,
	    "installed 6.1.0-21-amd64\n", NULL, NULL), RP_ST_ERROR);
}

/*
 * Shipped checks on synthetic output, through the whole evaluation; durable:
 * the output of the probe's durable companion (NULL: not collected), *obs
 * the observed value (NULL: not wanted).
 */
static enum rp_status
eval_shipped_val(struct rp_content *c, const char *id, const char *data,
    const char *durable, const char *expected, char **obs);

static enum rp_status
eval_shipped_obs(struct rp_content *c, const char *id, const char *data,
    const char *durable, char **obs)
{
	return eval_shipped_val(c, id, data, durable, NULL, obs);
}

/* expected: the value a baseline gives (NULL: the check's own). */
static enum rp_status
eval_shipped_val(struct rp_content *c, const char *id, const char *data,
    const char *durable, const char *expected, char **obs)
{
	const struct rp_check *ck = rp_content_check(c, id);
	struct rp_target_ev t;
	struct rp_probe_out po[2];
	struct rp_bundle b;
	struct rp_resolved r;
	struct rp_baseline bl;
	struct rp_selection sel;
	struct rp_evaluation ev;
	enum rp_status st;

	assert_non_null(ck);
	memset(&t, 0, sizeof(t));
	memset(po, 0, sizeof(po));
	memset(&b, 0, sizeof(b));
	memset(&r, 0, sizeof(r));
	memset(&bl, 0, sizeof(bl));
	memset(&sel, 0, sizeof(sel));
	t.id = (char *)"h1";
	t.status = RP_TS_OK;
	t.kind = RP_KIND_LINUX;
	po[0].probe = ck->probe_id;
	po[0].status = RP_PS_OK;
	po[0].started = 1;
	po[0].data = (char *)data;
	po[0].len = strlen(data);
	t.probes = po;
	t.nprobes = 1;
	if (durable != NULL) {
		assert_non_null(ck->probe->durable);
		po[1].probe = ck->probe->durable;
		po[1].status = RP_PS_OK;
		po[1].started = 1;
		po[1].data = (char *)durable;
		po[1].len = strlen(durable);
		t.nprobes = 2;
	}
	b.targets = &t;
	b.ntargets = 1;
	sel.check = ck;
	sel.expected = expected != NULL ? expected : ck->has_test ?
	    ck->test.value : ck->evaluator_value;
	sel.severity = ck->severity;
	sel.level = "l";
	sel.baseline = "b";
	bl.kind = RP_KIND_LINUX;
	r.baseline = &bl;
	r.sel = &sel;
	r.nsel = 1;
	rp_evaluate(&b, &r, 1, NULL, 0, NULL, &ev);
	assert_int_equal(ev.nresults, 1);
	st = ev.results[0].status;
	if (obs != NULL)
		*obs = xstrdup(ev.results[0].observed ? ev.results[0].observed :
		    "");
	rp_evaluation_release(&ev);
	return st;
}

static enum rp_status
eval_shipped(struct rp_content *c, const char *id, const char *data)
{
	return eval_shipped_obs(c, id, data, NULL, NULL);
}

static void
shipped(void **state)
{
	struct rp_content *c = NULL;
	char *cause = NULL;
	size_t i, n = 0;

	if (rp_eval_content_load(CHECKS, &c, &cause) != 0)
		fail_msg("load: %s", cause);
	for (i = 0; i < c->nchecks; i++)
		n += strncmp(c->checks[i].id, "LNX-", 4) == 0;
	assert_true(n >= 90);
	/* the walk: setuid allowlist, sticky directories, setuid shells */
	assert_int_equal(eval_shipped(c, "LNX-FS-015",
	    "4755|0|0|/usr/bin/passwd\n755|0|0|/usr/bin\n2775|0|50|/usr/local/bin\n"
	    "2770|1000|1000|/home/alice\n1777|0|0|/tmp\nunowned|unsupported\n"),
	    RP_ST_PASS);
	assert_int_equal(eval_shipped(c, "LNX-FS-015",
	    "4755|0|0|/usr/bin/passwd\n4755|0|0|/opt/x/y\n"), RP_ST_FAIL);
	assert_int_equal(eval_shipped(c, "LNX-FS-012",
	    "1777|0|0|/tmp\n3777|0|0|/srv/drop\n"), RP_ST_PASS);
	assert_int_equal(eval_shipped(c, "LNX-FS-012",
	    "1777|0|0|/tmp\n2777|0|0|/srv/drop\n"), RP_ST_FAIL);
	assert_int_equal(eval_shipped(c, "LNX-FS-012", "2|0|0|/etc/x\n"),
	    RP_ST_FAIL);
	assert_int_equal(eval_shipped(c, "LNX-FS-017",
	    "4755|0|0|/usr/bin/chsh\n4755|0|0|/usr/bin/ssh-keysign\n"),
	    RP_ST_PASS);
	assert_int_equal(eval_shipped(c, "LNX-FS-017",
	    "4755|0|0|/usr/local/bin/python3.11\n"), RP_ST_FAIL);
	/* mount options: over-mounts, the last one counts */
	assert_int_equal(eval_shipped(c, "LNX-FS-005",
	    "tmpfs /tmp tmpfs rw,nosuid,nodev 0 0\n"
	    "tmpfs /tmp tmpfs rw,noexec,nodev,nosuid 0 0\n"), RP_ST_PASS);
	assert_int_equal(eval_shipped(c, "LNX-FS-005",
	    "tmpfs /tmpx tmpfs rw,noexec,nodev,nosuid 0 0\n"), RP_ST_NA);
	assert_int_equal(eval_shipped(c, "LNX-FS-005",
	    "tmpfs /tmp tmpfs rw,nodevx,nosuid,noexec 0 0\n"), RP_ST_FAIL);
	/* listeners: loopback is fine, the rest must be allowed */
	assert_int_equal(eval_shipped(c, "LNX-SVC-002",
	    "tcp 127.0.0.1:631\ntcp [::1]:631\ntcp [::ffff:127.0.0.1]:80\n"
	    "tcp 0.0.0.0:22\ntcp *:22\n"), RP_ST_PASS);
	assert_int_equal(eval_shipped(c, "LNX-SVC-002",
	    "tcp 0.0.0.0:22\ntcp 10.0.0.5:8080\n"), RP_ST_FAIL);
	/* promiscuous flag 0x100 */
	assert_int_equal(eval_shipped(c, "LNX-SVC-012",
	    "eth0 0x1003 up -\nlo 0x9 unknown -\nbr0 0x1043 up -\n"),
	    RP_ST_PASS);
	assert_int_equal(eval_shipped(c, "LNX-SVC-012",
	    "eth0 0x1103 up -\n"), RP_ST_FAIL);
	/* sudo: a trailing comment, a list, tags hide no unrestricted rule */
	{
		static const char *const bad[] = {
		    "/etc/sudoers.d/zz: backdoor ALL = NOPASSWD: ALL # x\n",
		    "/etc/sudoers.d/zz: backdoor ALL = NOPASSWD: ALL\n",
		    "/etc/sudoers.d/zz: %grp ALL=(ALL) NOPASSWD: ALL # x\n",
		    "/etc/sudoers.d/zz: bob ALL=(ALL) NOPASSWD: /bin/ls, ALL\n",
		    "/etc/sudoers.d/zz: bob ALL=(ALL) NOPASSWD:SETENV: ALL\n",
		    "/etc/sudoers.d/zz: bob ALL=(ALL) NOPASSWD: ALL, !/bin/su\n",
		    "/etc/sudoers.d/zz: bob ALL=NOPASSWD: /bin/x #y, ALL\n",
		    "/etc/sudoers.d/zz: bob ALL=NOPASSWD: ALL#x\n",
		    /* a command alias that is ALL, directly or not */
		    "/etc/sudoers: Cmnd_Alias EVERY = ALL\n"
		    "/etc/sudoers.d/zz: bob ALL=(root) NOPASSWD: EVERY\n",
		    "/etc/sudoers: Cmnd_Alias A1 = /bin/ls, A2 : A2 = ALL\n"
		    "/etc/sudoers.d/zz: bob ALL=(root) NOPASSWD:SETENV: "
		    "/bin/x, A1\n",
		};
		static const char *const good[] = {
		    "/etc/sudoers.d/zz: bob ALL=(ALL) NOPASSWD: /bin/ls, "
		    "/bin/ALLx\n",
		    "/etc/sudoers.d/zz: bob ALL=(ALL) ALL\n",
		    "/etc/sudoers.d/zz: bob ALL=(ALL) NOPASSWD: /bin/echo "
		    "ALL x\n",
		    "/etc/sudoers: Cmnd_Alias EVERY = ALL\n"
		    "/etc/sudoers.d/zz: bob ALL=(root) EVERY\n",
		    "/etc/sudoers: Cmnd_Alias LS = /bin/ls, !ALL\n"
		    "/etc/sudoers.d/zz: bob ALL=(root) NOPASSWD: LS\n",
		};

		/* an ALL alias beyond the resolver's limits: not judged */
		assert_int_equal(eval_shipped(c, "LNX-SUDO-001",
		    "/etc/sudoers: Cmnd_Alias A23456789012345678901234567890123"
		    "4567890123456789012345678901234 = ALL\n"
		    "/etc/sudoers.d/zz: bob ALL=(root) NOPASSWD: A2345678901234"
		    "56789012345678901234567890123456789012345678901234\n"),
		    RP_ST_ERROR);
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (eval_shipped(c, "LNX-SUDO-001", bad[i]) !=
			    RP_ST_FAIL)
				fail_msg("LNX-SUDO-001 does not fail on %s",
				    bad[i]);
		for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
			if (eval_shipped(c, "LNX-SUDO-001", good[i]) !=
			    RP_ST_PASS)
				fail_msg("LNX-SUDO-001 does not pass %s",
				    good[i]);
	}
	/* sudo: no runas list means root; root anywhere in a list */
	{
		static const char *const bad[] = {
		    "/etc/sudoers.d/zz: alice ALL= ALL\n",
		    "/etc/sudoers.d/zz: alice ALL = NOPASSWD: /bin/ls\n",
		    "/etc/sudoers.d/zz: alice ALL=(admin) /bin/sh, (root) "
		    "/bin/git\n",
		    "/etc/sudoers.d/zz: alice ALL=(admin, root) /bin/sh\n",
		    "/etc/sudoers.d/zz: alice ALL=(ALL:ALL) /bin/sh\n",
		    "/etc/sudoers.d/zz: alice h1, h2 = (#0) /bin/sh\n",
		};
		static const char *const good[] = {
		    "/etc/sudoers.d/zz: alice ALL=(postgres) /usr/bin/psql\n",
		    "/etc/sudoers.d/zz: alice ALL=(postgres) NOPASSWD: "
		    "/usr/bin/psql, /bin/ls\n",
		    "/etc/sudoers.d/zz: alice ALL=(admin : root) /bin/sh\n",
		    "/etc/sudoers: root ALL=(ALL:ALL) ALL\n",
		    "/etc/sudoers: %sudo ALL=(ALL:ALL) ALL\n",
		    "/etc/sudoers: Defaults env_reset\n",
		    "/etc/sudoers: Cmnd_Alias X = /bin/ls\n",
		    "/etc/sudoers: #includedir /etc/sudoers.d\n",
		};

		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (eval_shipped(c, "LNX-SUDO-008", bad[i]) !=
			    RP_ST_FAIL)
				fail_msg("LNX-SUDO-008 does not fail on %s",
				    bad[i]);
		for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
			if (eval_shipped(c, "LNX-SUDO-008", good[i]) !=
			    RP_ST_PASS)
				fail_msg("LNX-SUDO-008 does not pass %s",
				    good[i]);
	}
	/* bridge ports and bond members are promiscuous by design */
	assert_int_equal(eval_shipped(c, "LNX-SVC-012",
	    "eth0 0x1103 up - port\nbr0 0x1003 up -\n"), RP_ST_PASS);
	assert_int_equal(eval_shipped(c, "LNX-SVC-012",
	    "eth0 0x1103 up - port\nbr0 0x1103 up -\n"), RP_ST_FAIL);
	/* password history: CIS's 24 by default, CaC's 2 for ANSSI R31 */
	{
		const struct rp_baseline *bl;
		struct rp_resolved r;
		const char *v = NULL;
		size_t k;
		static const char five[] = "/etc/pam.d/common-password: "
		    "password requisite pam_pwhistory.so remember=5\n";

		assert_int_equal(rp_baseline_get(c, "anssi-bp028-minimal", &bl,
		    &cause), 0);
		assert_int_equal(rp_baseline_resolve(c, bl, &r, &cause), 0);
		for (k = 0; k < r.nsel; k++)
			if (strcmp(r.sel[k].check->id, "LNX-ACC-027") == 0)
				v = r.sel[k].expected;
		assert_non_null(v);
		assert_string_equal(v, "2");
		assert_int_equal(eval_shipped_val(c, "LNX-ACC-027", five, NULL,
		    v, NULL), RP_ST_PASS);
		assert_int_equal(eval_shipped_val(c, "LNX-ACC-027",
		    "/etc/pam.d/common-password: password requisite "
		    "pam_pwhistory.so remember=1\n", NULL, v, NULL),
		    RP_ST_FAIL);
		assert_int_equal(eval_shipped(c, "LNX-ACC-027", five),
		    RP_ST_FAIL);
		rp_resolved_release(&r);
	}
	/* sysctl: the value the next boot applies counts too */
	{
		char *obs = NULL;

		assert_int_equal(eval_shipped_obs(c, "LNX-KRN-012",
		    "kernel.randomize_va_space = 2\n",
		    "kernel.randomize_va_space = 0\n"
		    "# kernel.randomize_va_space from /etc/sysctl.d/x.conf\n",
		    &obs), RP_ST_FAIL);
		assert_string_equal(obs, "2, next boot: kernel.randomize_va_space "
		    "= 0 (/etc/sysctl.d/x.conf)");
		free(obs);
		assert_int_equal(eval_shipped_obs(c, "LNX-KRN-012",
		    "kernel.randomize_va_space = 2\n",
		    "kernel.randomize_va_space = 2\n", NULL), RP_ST_PASS);
		/* no file sets it: the running value decides */
		assert_int_equal(eval_shipped_obs(c, "LNX-KRN-012",
		    "kernel.randomize_va_space = 2\n", "", NULL), RP_ST_PASS);
		assert_int_equal(eval_shipped_obs(c, "LNX-KRN-012",
		    "kernel.randomize_va_space = 1\n",
		    "kernel.randomize_va_space = 2\n", NULL), RP_ST_FAIL);
		/* a hostile file: no '=' or no newline, nothing found */
		assert_int_equal(eval_shipped_obs(c, "LNX-KRN-012",
		    "kernel.randomize_va_space = 2\n",
		    "# kernel.randomize_va_space from\nkernel.randomize_va_space"
		    " = 0", &obs), RP_ST_FAIL);
		assert_string_equal(obs, "2, next boot: kernel.randomize_va_space "
		    "= 0");
		free(obs);
	}
	/* sshd: first value wins, keywords in any case */
	assert_int_equal(eval_shipped(c, "LNX-SSH-008",
	    "IgnoreRhosts yes\nignorerhosts no\n"), RP_ST_PASS);
	rp_content_free(c);
}

/* The audit account's own sudo rules, and lines that only look like one. */
static void
sudo_own_rule(void **state)
{
	static const struct {
		const char	*line;
		int		 own;
	} c[] = {
		{ "/etc/sudoers.d/auditor: auditor ALL=(ALL) NOPASSWD: ALL", 1 },
		{ "/etc/sudoers: auditor\tALL = (root) NOPASSWD: /bin/cat", 1 },
		{ "/etc/sudoers.d/a: auditor,bob ALL=(ALL) NOPASSWD: ALL", 0 },
		{ "/etc/sudoers.d/a: auditor , bob ALL=(ALL) NOPASSWD: ALL", 0 },
		{ "/etc/sudoers.d/a: %auditor ALL=(ALL) NOPASSWD: ALL", 0 },
		{ "/etc/sudoers.d/a: auditors ALL=(ALL) NOPASSWD: ALL", 0 },
		{ "/etc/sudoers.d/a: ALL ALL=(ALL) NOPASSWD: ALL", 0 },
		{ "/etc/sudoers.d/a: Defaults:auditor !requiretty", 0 },
		/* a file name holding ": " forges the start of the line */
		{ "/etc/sudoers.d/x: auditor ALL=(ALL) NOPASSWD: ALL: "
		    "bob ALL=(ALL) NOPASSWD: ALL", 0 },
		{ "/etc/sudoers.d/a.b: auditor ALL=(ALL) NOPASSWD: ALL", 0 },
		{ "/tmp/sudoers: auditor ALL=(ALL) NOPASSWD: ALL", 0 },
		{ "auditor ALL=(ALL) NOPASSWD: ALL", 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		assert_int_equal(rp_linux_sudo_own_rule(c[i].line,
		    strlen(c[i].line), "auditor"), c[i].own);
	/* root is never left out; no login, nothing left out */
	assert_int_equal(rp_linux_sudo_own_rule("/etc/sudoers: root ALL=(ALL) "
	    "ALL", 32, "root"), 0);
	assert_int_equal(rp_linux_sudo_own_rule(c[0].line, strlen(c[0].line),
	    NULL), 0);
}

/* What account-setup grants: the probe's own "$RP_SUDO CMD ARGS". */
static char *
derive(const char *cmd, int *rc)
{
	struct rp_probe p;
	struct rp_sudo_cmd *v = NULL;
	char *cause = NULL, *out;
	size_t n = 0, cap = 0, i;
	size_t len = 0;

	memset(&p, 0, sizeof(p));
	p.id = (char *)"linux.t";
	p.root = 1;
	p.command = (char *)cmd;
	*rc = rp_sudo_cmds(&p, &v, &n, &cap, &cause);
	free(cause);
	out = xstrdup("");
	for (i = 0; i < n; i++) {
		char *l = xasprintf("%s%s%s [%s]%s%s", out, len ? "\n" : "",
		    v[i].cmd, v[i].args, v[i].wild ? " wild" : "",
		    v[i].exec ? " exec" : "");
		free(out);
		out = l;
		len = strlen(out);
	}
	rp_sudo_cmds_free(v, n);
	return out;
}

static void
sudo_rules(void **state)
{
	static const struct {
		const char *cmd, *want;
		int rc;
	} t[] = {
		{ "$RP_SUDO cat /etc/shadow | awk -F: '{print $1}'",
		  "cat [/etc/shadow]", 0 },
		{ "for f in /a /b; do $RP_SUDO cat \"$f\"; done",
		  "cat [/a]\ncat [/b]", 0 },
		{ "for f in \"$h/.ssh/k\"; do $RP_SUDO head -c 9 -- \"$f\"; done",
		  "head [-c 9 -- */.ssh/k] wild", 0 },
		{ "$RP_SUDO find $D -xdev $U -printf \"$P\"",
		  "find [*-xdev* -printf *] wild", 0 },
		{ "$RP_SUDO find /x -exec grep -q . {} + 2>/dev/null",
		  "find [/x -exec grep -q . {} +] exec", 0 },
		{ "$RP_SUDO auditctl -s 2>&1\n$RP_SUDO auditctl -l",
		  "auditctl [-s]\nauditctl [-l]", 0 },
		{ "$RP_SUDO cat '/a,b:c=d*'", "cat [/a\\,b\\:c\\=d\\*]", 0 },
		{ "$RP_SUDO id", "id []", 0 },
		{ "[ -z \"$RP_SUDO\" ] && T=1", "", 0 },
		{ "for c in a-save b-save; do $RP_SUDO \"$c\"; done",
		  "a-save []\nb-save []", 0 },
		{ "$RP_SUDO dpkg --verify $P 2>/dev/null",
		  "dpkg [--verify*] wild", 0 },
		/* a command the text does not fix: no rule can be derived */
		{ "$RP_SUDO \"$c\" x", "", RP_ERR_PARSE },
		{ "$RP_SUDO $(echo sh)", "", RP_ERR_PARSE },
		{ "$RP_SUDO cat \"a#b\"", "", RP_ERR_PARSE },
	};
	struct rp_content *c = NULL;
	struct rp_sudo_cmd *v = NULL;
	char *cause = NULL, *got;
	size_t i, n, cap;
	int rc;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		got = derive(t[i].cmd, &rc);
		if (rc != t[i].rc || (rc == 0 && strcmp(got, t[i].want) != 0))
			fail_msg("%s: got rc %d '%s', want rc %d '%s'",
			    t[i].cmd, rc, got, t[i].rc, t[i].want);
		free(got);
	}
	/* every shipped root probe elevates single commands that derive */
	if (rp_content_load(CHECKS, &c, &cause) != 0)
		fail_msg("load: %s", cause);
	for (i = 0; i < c->nprobes; i++) {
		const struct rp_probe *p = &c->probes[i];

		if (p->type != RP_PROBE_COMMAND || !p->root)
			continue;
		v = NULL;
		n = cap = 0;
		if (rp_sudo_cmds(p, &v, &n, &cap, &cause) != 0)
			fail_msg("%s: %s", p->id, cause);
		if (n == 0)
			fail_msg("%s: root probe without a $RP_SUDO command",
			    p->id);
		rp_sudo_cmds_free(v, n);
	}
	rp_content_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stat_parse),
		cmocka_unit_test(stat_mode),
		cmocka_unit_test(unique),
		cmocka_unit_test(has_all),
		cmocka_unit_test(unowned),
		cmocka_unit_test(kernel_current),
		cmocka_unit_test(sudo_own_rule),
		cmocka_unit_test(shipped),
		cmocka_unit_test(sudo_rules),
	};

	return cmocka_run_group_tests_name("linux_checks", tests, NULL, NULL);
}
