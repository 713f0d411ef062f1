/*
 * libFuzzer target: an attestations file (the answers to the manual
 * checks) as 'evaluate --attestations' reads it: the safe XML loader,
 * schema validation, the tie to the catalogue, then every manual check of
 * the catalogue judged on the answers it holds.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content/content.h"
#include "engine/registry.h"

#ifndef RP_FUZZ_CHECKS
#define RP_FUZZ_CHECKS	"checks"
#endif

static struct rp_content *cat;

static void
init(void)
{
	const char *dir = getenv("RP_FUZZ_CHECKS");
	char *cause = NULL;

	/* bound: content loading knows the evaluators by name only */
	if (rp_eval_content_load(dir ? dir : RP_FUZZ_CHECKS, &cat,
	    &cause) != 0) {
		fprintf(stderr, "fuzz_attest: %s\n", cause);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/rempart-fuzz-attest.XXXXXX", *cause = NULL;
	struct rp_attestations *att = NULL;
	struct rp_eval_ctx ctx;
	struct rp_verdict v;
	size_t i;
	int fd;

	if (cat == NULL)
		init();
	if ((fd = mkstemp(path)) < 0 ||
	    write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	if (rp_attestations_load(cat, path, &att, &cause) == 0) {
		memset(&ctx, 0, sizeof(ctx));
		ctx.attest = att;
		ctx.now = 1795824000;
		for (i = 0; i < cat->nchecks; i++) {
			const struct rp_check *ck = &cat->checks[i];

			if (ck->manual_expected == NULL)
				continue;
			rp_verdict_init(&v);
			ck->evaluator->evaluate(&ctx, ck, NULL, &v);
			if (v.status == RP_ST_PASS && (rp_attestation_find(att,
			    ck->id) == NULL))
				abort();	/* a pass without an answer */
			rp_verdict_release(&v);
		}
		rp_attestations_free(att);
	}
	free(cause);
	unlink(path);
	return 0;
}
