/*
 * libFuzzer target: the evidence reader (manifest.json, each target.json
 * and the probe files they name), as "rempart evaluate", "report" and
 * "evidence verify" read a bundle that may come from elsewhere.
 *
 * The input is up to three parts split by a line "--8<--": the manifest,
 * targets/t1/target.json and targets/t1/probes/p.out. In the manifest,
 * "@SHA-T@" and "@SHA-P@" become the real SHA-256 of the other two files,
 * so the fuzzer gets past the integrity check into the readers behind it.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "evidence/bundle.h"

#define CUT	"\n--8<--\n"

static char dir[4096], mpath[4200], tpath[4200], ppath[4200];

static void
cleanup(void)
{
	char sub[4200];

	unlink(tpath);
	unlink(ppath);
	unlink(mpath);
	snprintf(sub, sizeof(sub), "%s/targets/t1/probes", dir);
	rmdir(sub);
	snprintf(sub, sizeof(sub), "%s/targets/t1", dir);
	rmdir(sub);
	snprintf(sub, sizeof(sub), "%s/targets", dir);
	rmdir(sub);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *t = getenv("TMPDIR");
	char sub[4200];

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/fuzz-manifest-XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(sub, sizeof(sub), "%s/targets", dir);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/targets/t1", dir);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/targets/t1/probes", dir);
	mkdir(sub, 0700);
	snprintf(mpath, sizeof(mpath), "%s/manifest.json", dir);
	snprintf(tpath, sizeof(tpath), "%s/targets/t1/target.json", dir);
	snprintf(ppath, sizeof(ppath), "%s/targets/t1/probes/p.out", dir);
	atexit(cleanup);
	return 0;
}

static void
put(const char *path, const char *data, size_t len)
{
	FILE *f;

	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (len > 0 && fwrite(data, 1, len, f) != len)
		abort();
	if (fclose(f) != 0)
		abort();
}

static const char *
cut(const char *s, size_t len, size_t *plen)
{
	const char *p = memmem(s, len, CUT, sizeof(CUT) - 1);

	*plen = p ? (size_t)(p - s) : len;
	return p ? p + sizeof(CUT) - 1 : NULL;
}

/* The manifest with each placeholder replaced by the hash it names. */
static char *
fill(const char *m, size_t len, const char *sha_t, const char *sha_p,
    size_t *outlen)
{
	char *out = malloc(len * 64 / 7 + 1);
	size_t i = 0, o = 0;

	if (out == NULL)
		abort();
	while (i < len) {
		if (len - i >= 7 && memcmp(m + i, "@SHA-T@", 7) == 0) {
			memcpy(out + o, sha_t, 64);
			o += 64;
			i += 7;
		} else if (len - i >= 7 && memcmp(m + i, "@SHA-P@", 7) == 0) {
			memcpy(out + o, sha_p, 64);
			o += 64;
			i += 7;
		} else {
			out[o++] = m[i++];
		}
	}
	*outlen = o;
	return out;
}

static void
count(const char *what, const char *path, void *arg)
{
	size_t *n = arg;

	if (what == NULL || path == NULL)
		abort();
	(*n)++;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *m = (const char *)data, *t, *p;
	size_t mlen, tlen = 0, plen = 0, flen, bad = 0, i, j;
	char sha_t[65], sha_p[65], *filled, *cause = NULL;
	struct rp_bundle *b = NULL;
	int r;

	unlink(tpath);
	unlink(ppath);
	t = cut(m, size, &mlen);
	if (t != NULL) {
		p = cut(t, size - (size_t)(t - m), &tlen);
		put(tpath, t, tlen);
		if (p != NULL) {
			plen = size - (size_t)(p - m);
			put(ppath, p, plen);
		}
	}
	memset(sha_t, '0', 64);
	memset(sha_p, '0', 64);
	sha_t[64] = sha_p[64] = '\0';
	rp_sha256_file(tpath, sha_t);
	rp_sha256_file(ppath, sha_p);
	filled = fill(m, mlen, sha_t, sha_p, &flen);
	put(mpath, filled, flen);
	free(filled);

	r = rp_bundle_verify(dir, count, &bad, &cause);
	if ((r == 0) != (bad == 0 && cause == NULL))
		abort();
	free(cause);
	cause = NULL;
	if (rp_bundle_read(dir, &b, &cause) == 0) {
		if (r != 0 || cause != NULL)
			abort();
		for (i = 0; i < b->ntargets; i++) {
			const struct rp_target_ev *te = &b->targets[i];

			for (j = 0; j < te->nprobes; j++)
				if (rp_target_probe(te,
				    te->probes[j].probe) == NULL)
					abort();
		}
		rp_bundle_free(b);
	} else if (cause == NULL) {
		abort();
	}
	free(cause);
	return 0;
}
