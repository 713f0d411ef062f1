/* Unit tests: the evidence bundle (atomic writes, manifest, tampering). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/xmalloc.h"
#include "evidence/bundle.h"

static char *
tmpdir(void)
{
	char tmpl[] = "/tmp/rempart-ev.XXXXXX";

	return xstrdup(mkdtemp(tmpl));
}

static void
rmrf(char *d)
{
	char *cmd = xasprintf("rm -rf '%s'", d);

	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(d);
}

static void
write_bundle(const char *dir, int finish_partial)
{
	static const char bin[] = "a\0b\xff\x1b[2J\n==fake==\n";
	struct rp_bundle_writer *w = NULL;
	struct rp_target_ev t;
	struct rp_probe_out po[2];
	char *bl[] = { (char *)"anssi-bp028-minimal" };
	char *cause = NULL;

	assert_int_equal(rp_bundle_create(dir, bl, 1, &w, &cause), 0);
	memset(&t, 0, sizeof(t));
	memset(po, 0, sizeof(po));
	t.id = (char *)"h1";
	t.kind = RP_KIND_LINUX;
	t.address = (char *)"10.0.0.1";
	t.port = 22;
	t.status = RP_TS_PARTIAL;
	t.hostkey = (char *)"ssh-ed25519 SHA256:abc";
	po[0].probe = (char *)"linux.passwd";
	po[0].status = RP_PS_OK;
	po[1].probe = (char *)"linux.shadow-status";
	po[1].status = RP_PS_ERROR;
	po[1].detail = (char *)"sudo needs a password";
	assert_int_equal(rp_bundle_put_probe(w, "h1", &po[0], "out", bin,
	    sizeof(bin) - 1, &cause), 0);
	t.probes = po;
	t.nprobes = 2;
	assert_int_equal(rp_bundle_put_target(w, &t, &cause), 0);
	free(po[0].file);
	assert_int_equal(rp_bundle_finish(w, finish_partial, &cause), 0);
}

static void
roundtrip(void **state)
{
	static const char bin[] = "a\0b\xff\x1b[2J\n==fake==\n";
	char *d = tmpdir(), *cause = NULL;
	struct rp_bundle *b = NULL;
	const struct rp_probe_out *po;

	write_bundle(d, 0);
	assert_int_equal(rp_bundle_read(d, &b, &cause), 0);
	assert_false(b->partial);
	assert_int_equal(b->nbaselines, 1);
	assert_string_equal(b->baselines[0], "anssi-bp028-minimal");
	assert_int_equal(b->ntargets, 1);
	assert_string_equal(b->targets[0].id, "h1");
	assert_int_equal(b->targets[0].status, RP_TS_PARTIAL);
	assert_string_equal(b->targets[0].hostkey, "ssh-ed25519 SHA256:abc");
	po = rp_target_probe(&b->targets[0], "linux.passwd");
	assert_non_null(po);
	assert_int_equal(po->len, sizeof(bin) - 1);
	assert_memory_equal(po->data, bin, sizeof(bin) - 1);
	po = rp_target_probe(&b->targets[0], "linux.shadow-status");
	assert_int_equal(po->status, RP_PS_ERROR);
	assert_string_equal(po->detail, "sudo needs a password");
	assert_null(po->data);
	rp_bundle_free(b);
	rmrf(d);
}

static void
refuses_non_empty_dir(void **state)
{
	char *d = tmpdir(), *cause = NULL, *f;
	struct rp_bundle_writer *w = NULL;
	FILE *fp;

	f = xasprintf("%s/keep", d);
	fp = fopen(f, "w");
	fclose(fp);
	assert_int_equal(rp_bundle_create(d, NULL, 0, &w, &cause),
	    RP_ERR_INVALID);
	assert_non_null(strstr(cause, "is not empty"));
	free(cause);
	free(f);
	rmrf(d);
}

static void
count_cb(const char *what, const char *path, void *arg)
{
	char *buf = arg;
	size_t n = strlen(buf);

	snprintf(buf + n, 512 - n, "%s %s;", what, path);
}

static void
tampering(void **state)
{
	char *d = tmpdir(), *cause = NULL, *p, buf[512] = "";
	struct rp_bundle *b = NULL;
	FILE *f;

	write_bundle(d, 0);
	assert_int_equal(rp_bundle_verify(d, count_cb, buf, &cause), 0);
	assert_string_equal(buf, "");
	p = xasprintf("%s/targets/h1/probes/linux.passwd.out", d);
	f = fopen(p, "a");
	fputc('x', f);
	fclose(f);
	free(p);
	p = xasprintf("%s/targets/h1/probes/new.out", d);
	f = fopen(p, "w");
	fclose(f);
	free(p);
	assert_int_equal(rp_bundle_verify(d, count_cb, buf, &cause),
	    RP_ERR_TAMPERED);
	assert_string_equal(buf, "changed targets/h1/probes/linux.passwd.out;"
	    "added targets/h1/probes/new.out;");
	assert_int_equal(rp_bundle_read(d, &b, &cause), RP_ERR_TAMPERED);
	assert_non_null(strstr(cause, "does not match its manifest"));
	free(cause);
	rmrf(d);
}

static void
interrupted_is_partial(void **state)
{
	char *d = tmpdir(), *cause = NULL;
	struct rp_bundle *b = NULL;

	/* a writer that never finished: the last manifest says partial */
	write_bundle(d, 1);
	assert_int_equal(rp_bundle_read(d, &b, &cause), 0);
	assert_true(b->partial);
	assert_int_equal(b->ntargets, 1);
	rp_bundle_free(b);
	rmrf(d);
}

static void
hostile_target_json(void **state)
{
	char *d = tmpdir(), *cause = NULL, *p;
	struct rp_bundle *b = NULL;
	FILE *f;

	p = xasprintf("mkdir -p '%s/targets/h1'", d);
	assert_int_equal(system(p), 0);
	free(p);
	p = xasprintf("%s/targets/h1/target.json", d);
	f = fopen(p, "w");
	fputs("{\"id\":\"h1\",\"kind\":\"linux\",\"status\":\"ok\",\"probes\":"
	    "[{\"id\":\"x\",\"status\":\"ok\",\"file\":\"../../../etc/passwd\"}]}", f);
	fclose(f);
	free(p);
	assert_int_equal(rp_bundle_seal(d, 0, &cause), 0);
	assert_int_equal(rp_bundle_read(d, &b, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "unsafe file name"));
	free(cause);
	cause = NULL;
	/* a target.json that names another target than its folder (the
	 * manifest's): the same host twice past merge's duplicate check */
	p = xasprintf("%s/targets/h1/target.json", d);
	f = fopen(p, "w");
	fputs("{\"id\":\"web1\",\"kind\":\"linux\",\"status\":\"ok\","
	    "\"probes\":[]}", f);
	fclose(f);
	free(p);
	p = xasprintf("%s/manifest.json", d);
	assert_int_equal(unlink(p), 0);
	free(p);
	assert_int_equal(rp_bundle_seal(d, 0, &cause), 0);
	assert_int_equal(rp_bundle_read(d, &b, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "names target 'web1'"));
	free(cause);
	rmrf(d);
}

/* Run fn(po) in a child, its stderr in errpath; its wait status. */
static int
in_child(void (*fn)(const struct rp_probe_out *),
    const struct rp_probe_out *po, const char *errpath)
{
	pid_t pid;
	int st = 0;
	FILE *f;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* the test framework's own report of a signal in the child
		 * (a foreign SIGBUS passed on) is not a result of this run */
		if ((f = freopen(errpath, "w", stderr)) == NULL ||
		    freopen("/dev/null", "w", stdout) == NULL)
			_exit(90);
		fn(po);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return st;
}

static void
read_last(const struct rp_probe_out *po)
{
	volatile char c = po->data[po->len - 1];

	(void)c;
}

static void
foreign_sigbus(const struct rp_probe_out *po)
{
	(void)po;
	raise(SIGBUS);
}

/*
 * A mapped probe file truncated while the evaluation reads it: an error
 * naming the file and exit 2, not a death by SIGBUS; other SIGBUS are left
 * alone.
 */
static void
truncated_while_mapped(void **state)
{
	char *d = tmpdir(), *cause = NULL, *data, *path, *errpath, *msg;
	struct rp_bundle_writer *w = NULL;
	struct rp_bundle *b = NULL;
	struct rp_target_ev t;
	struct rp_probe_out po;
	const struct rp_probe_out *got;
	size_t len = 3 * 4096 + 100, n;
	FILE *f;
	int st;

	data = xmalloc(len);
	memset(data, 'x', len);
	assert_int_equal(rp_bundle_create(d, NULL, 0, &w, &cause), 0);
	memset(&t, 0, sizeof(t));
	memset(&po, 0, sizeof(po));
	t.id = (char *)"h1";
	t.kind = RP_KIND_LINUX;
	t.address = (char *)"10.0.0.1";
	t.status = RP_TS_OK;
	po.probe = (char *)"linux.passwd";
	po.status = RP_PS_OK;
	assert_int_equal(rp_bundle_put_probe(w, "h1", &po, "out", data, len,
	    &cause), 0);
	t.probes = &po;
	t.nprobes = 1;
	assert_int_equal(rp_bundle_put_target(w, &t, &cause), 0);
	free(po.file);
	assert_int_equal(rp_bundle_finish(w, 0, &cause), 0);

	assert_int_equal(rp_bundle_read(d, &b, &cause), 0);
	got = rp_target_probe(&b->targets[0], "linux.passwd");
	assert_non_null(got);
	assert_int_equal(got->len, len);
	errpath = xasprintf("%s/stderr", d);
	/* intact: read as usual */
	st = in_child(read_last, got, errpath);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	path = xasprintf("%s/targets/h1/probes/linux.passwd.out", d);
	assert_int_equal(truncate(path, 10), 0);
	st = in_child(read_last, got, errpath);
	if (got->mapped) {
		assert_false(WIFSIGNALED(st));
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 2);
		f = fopen(errpath, "r");
		assert_non_null(f);
		msg = xcalloc(1, 4096);
		n = fread(msg, 1, 4095, f);
		fclose(f);
		assert_true(n > 0);
		assert_non_null(strstr(msg, path));
		assert_non_null(strstr(msg, "was truncated"));
		free(msg);
	} else	/* read into memory: the copy is whole */
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	/* a SIGBUS that is not about a probe file is not swallowed */
	st = in_child(foreign_sigbus, got, errpath);
	assert_false(WIFEXITED(st) && (WEXITSTATUS(st) == 0 ||
	    WEXITSTATUS(st) == 2));
	rp_bundle_free(b);
	free(path);
	free(errpath);
	free(data);
	rmrf(d);
}

/*
 * A FIFO in a bundle, listed in its manifest or not, and a manifest path
 * through a symlink to /dev/zero: errors, never a read that does not end
 * (alarm: a hang fails the test).
 */
static void
special_files(void **state)
{
	char *d = tmpdir(), *cause = NULL, *p, buf[512] = "";
	struct rp_bundle *b = NULL;

	(void)state;
	alarm(60);
	write_bundle(d, 0);
	p = xasprintf("%s/targets/h1/probes/zz.out", d);
	assert_int_equal(mkfifo(p, 0600), 0);
	free(p);
	assert_int_equal(rp_bundle_seal(d, 0, &cause), RP_ERR_IO);
	assert_int_equal(rp_bundle_verify(d, count_cb, buf, &cause),
	    RP_ERR_TAMPERED);
	assert_string_equal(buf, "added targets/h1/probes/zz.out;");
	assert_int_equal(rp_bundle_read(d, &b, &cause), RP_ERR_TAMPERED);
	/* listed in the manifest: "missing" (it cannot be hashed) */
	p = xasprintf("sed -i 's|\"files\": \\[|\"files\": [{\"path\": "
	    "\"targets/h1/probes/zz.out\", \"sha256\": \"%064d\"}, "
	    "{\"path\": \"lnk/dev/zero\", \"sha256\": \"%064d\"},|' "
	    "'%s/manifest.json'", 0, 0, d);
	assert_int_equal(system(p), 0);
	free(p);
	p = xasprintf("%s/lnk", d);
	assert_int_equal(symlink("/", p), 0);
	free(p);
	buf[0] = '\0';
	assert_int_equal(rp_bundle_verify(d, count_cb, buf, &cause),
	    RP_ERR_TAMPERED);
	assert_non_null(strstr(buf, "missing targets/h1/probes/zz.out;"));
	assert_non_null(strstr(buf, "invalid lnk/dev/zero;"));
	alarm(0);
	free(cause);
	rmrf(d);
}

/*
 * A probe file over the read cap is that probe's error (and its target
 * partial), never the refusal of the whole bundle.
 */
static void
oversized_probe(void **state)
{
	char *d = tmpdir(), *cause = NULL, *p;
	struct rp_bundle *b = NULL;
	const struct rp_probe_out *po;

	(void)state;
	write_bundle(d, 0);
	p = xasprintf("%s/targets/h1/probes/linux.passwd.out", d);
	assert_int_equal(truncate(p, (off_t)RP_PROBE_MAX_READ + 1), 0);
	free(p);
	assert_int_equal(rp_bundle_seal(d, 0, &cause), 0);
	assert_int_equal(rp_bundle_read(d, &b, &cause), 0);
	assert_int_equal(b->ntargets, 1);
	assert_int_equal(b->targets[0].status, RP_TS_PARTIAL);
	po = rp_target_probe(&b->targets[0], "linux.passwd");
	assert_non_null(po);
	assert_int_equal(po->status, RP_PS_ERROR);
	assert_null(po->data);
	assert_non_null(strstr(po->detail, "larger than"));
	rp_bundle_free(b);
	free(cause);
	rmrf(d);
}

/*
 * The partial manifest of a run: after each of the first 9 targets, then
 * after an eighth more (a run of n targets writes O(n) manifest bytes, not
 * O(n^2)), or once RP_MANIFEST_MS have passed.
 */
static void
manifest_cadence(void **state)
{
	size_t nt, ntw = 0, writes = 0, gap = 0;

	(void)state;
	for (nt = 1; nt <= 8; nt++)
		assert_true(rp_bundle_manifest_due(nt, nt - 1, 0));
	assert_true(rp_bundle_manifest_due(9, 8, 0));
	assert_false(rp_bundle_manifest_due(10, 9, 0));
	assert_true(rp_bundle_manifest_due(11, 9, 0));
	assert_true(rp_bundle_manifest_due(10, 9, RP_MANIFEST_MS));
	assert_false(rp_bundle_manifest_due(10, 9, RP_MANIFEST_MS - 1));
	for (nt = 1; nt <= 1000; nt++) {
		if (!rp_bundle_manifest_due(nt, ntw, 0))
			continue;
		writes++;
		if (nt - ntw > gap)
			gap = nt - ntw;
		ntw = nt;
	}
	/* per target before: 1,000 writes of up to 1,000 targets' entries */
	assert_true(writes >= 40 && writes <= 60);
	assert_true(gap <= 1000 / 8 + 1);
}

static void
put_one(struct rp_bundle_writer *w, const char *id, const char *data)
{
	struct rp_target_ev t;
	struct rp_probe_out po[2];
	char *cause = NULL;

	memset(&t, 0, sizeof(t));
	memset(po, 0, sizeof(po));
	t.id = (char *)id;
	t.kind = RP_KIND_LINUX;
	t.status = RP_TS_OK;
	po[0].probe = (char *)"linux.passwd";
	po[1].probe = (char *)"linux.group";
	assert_int_equal(rp_bundle_put_probe(w, id, &po[0], "out", data,
	    strlen(data), &cause), 0);
	assert_int_equal(rp_bundle_put_probe(w, id, &po[1], "out", "g\n", 2,
	    &cause), 0);
	t.probes = po;
	t.nprobes = 2;
	assert_int_equal(rp_bundle_put_target(w, &t, &cause), 0);
	free(po[0].file);
	free(po[1].file);
}

static size_t
count_in(const char *path, const char *needle)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	size_t n = 0;

	assert_non_null(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (strstr(line, needle) != NULL)
			n++;
	fclose(f);
	return n;
}

/* 40 targets, one put twice: every file listed once, the bundle intact;
 * the first targets are in the partial manifest as soon as they are in. */
static void
many_targets(void **state)
{
	struct rp_bundle_writer *w = NULL;
	struct rp_bundle *b = NULL;
	char *d = tmpdir(), *cause = NULL, *m, id[16], buf[512] = "";
	int i;

	(void)state;
	m = xasprintf("%s/manifest.json", d);
	assert_int_equal(rp_bundle_create(d, NULL, 0, &w, &cause), 0);
	for (i = 1; i <= 40; i++) {
		snprintf(id, sizeof(id), "h%d", i);
		put_one(w, id, "root:x:0:0::/root:/bin/sh\n");
		if (i <= 8)
			assert_int_equal(count_in(m, "\"path\""), (size_t)i * 3);
	}
	/* again, other content: replaced, not listed twice */
	put_one(w, "h3", "other\n");
	assert_int_equal(rp_bundle_finish(w, 0, &cause), 0);
	assert_int_equal(count_in(m, "\"path\""), 120);
	assert_int_equal(count_in(m, "targets/h3/probes/linux.passwd.out"), 1);
	assert_int_equal(rp_bundle_verify(d, count_cb, buf, &cause), 0);
	assert_string_equal(buf, "");
	assert_int_equal(rp_bundle_read(d, &b, &cause), 0);
	assert_int_equal(b->ntargets, 40);
	rp_bundle_free(b);
	free(m);
	rmrf(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roundtrip),
		cmocka_unit_test(refuses_non_empty_dir),
		cmocka_unit_test(tampering),
		cmocka_unit_test(interrupted_is_partial),
		cmocka_unit_test(hostile_target_json),
		cmocka_unit_test(truncated_while_mapped),
		cmocka_unit_test(special_files),
		cmocka_unit_test(oversized_probe),
		cmocka_unit_test(manifest_cadence),
		cmocka_unit_test(many_targets),
	};

	return cmocka_run_group_tests_name("evidence", tests, NULL, NULL);
}
