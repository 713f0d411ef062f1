/*
 * libFuzzer target: the post-incident evaluators of Linux targets
 * (eval_incident.c) on hostile probe output: file times in both probe
 * formats, public key lines, authorized_keys with options, account lines.
 * The input up to a line "====" is the probe as collected now, the rest
 * the same probe in an earlier bundle; an incident window (a day and an
 * exact remediation time, in turn), an allow-list and a compromised host
 * are set, and the per-target coverage is computed too.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"
#include "engine/evaluators.h"
#include "engine/registry.h"
#include "evidence/bundle.h"

static const char *const names[] = {
	"linux-accounts-window", "linux-changed-in-window",
	"linux-keys-allowed", "linux-keys-reviewed", "linux-password-renewed",
	"linux-renewed-after",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *hosts[] = { (char *)"h1" };
	static char *accounts[] = { (char *)"svc" };
	static char *allowed[] = {
		(char *)"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKGOEGzGS5NQ4gRT2IwHKC6oOeO5O6RLJL0xzcRDuPk+",
		(char *)"ssh-rsa AAAA",
	};
	const struct rp_evaluator *e;
	struct rp_probe_out po[4], old[4];
	struct rp_target_ev t, ot;
	struct rp_incident inc;
	struct rp_eval_ctx ctx;
	struct rp_incident_cov cov;
	struct rp_verdict v;
	struct rp_check ck;
	static const char *const ids[4] = { "linux.persist-times",
		"linux.hostkey-times", "linux.account-times",
		"linux.admin-keys" };
	char *buf, *sep;
	size_t i, j, k, nlen, olen;

	if ((buf = malloc(size + 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	nlen = size;
	olen = 0;
	if ((sep = memmem(buf, size, "\n====\n", 6)) != NULL) {
		nlen = (size_t)(sep - buf) + 1;
		olen = size - nlen - 5;
	}
	memset(po, 0, sizeof(po));
	memset(old, 0, sizeof(old));
	for (i = 0; i < 4; i++) {
		po[i].probe = (char *)ids[i];
		po[i].status = RP_PS_OK;
		po[i].started = 1;
		po[i].data = buf;
		po[i].len = nlen;
		old[i] = po[i];
		old[i].data = buf + nlen + (sep != NULL ? 5 : 0);
		old[i].len = olen;
	}
	memset(&t, 0, sizeof(t));
	t.id = (char *)"h1";
	t.kind = RP_KIND_LINUX;
	t.elevated = size & 1;
	t.probes = po;
	t.nprobes = 4;
	ot = t;
	ot.probes = old;
	memset(&inc, 0, sizeof(inc));
	inc.compromise_start = 1790000000;
	inc.containment = 1790500000;
	inc.hosts = hosts;
	inc.nhosts = 1;
	inc.accounts = accounts;
	inc.naccounts = 1;
	inc.allowed_keys = allowed;
	memset(&ck, 0, sizeof(ck));
	ck.id = (char *)"LNX-FUZ-001";
	ck.probe_id = (char *)"linux.hostkey-times";
	ck.has_extract = 1;
	ck.extract.kind = RP_X_LINES;
	for (k = 0; k < 4; k++) {
		/* a day, an exact time, no remediation; with/without list */
		inc.remediation = k == 0 ? 1791072000 : k == 1 ? 1791000123 : 0;
		inc.nallowed_keys = k == 3 ? 0 : 2;
		memset(&ctx, 0, sizeof(ctx));
		ctx.target = &t;
		ctx.out = &po[0];
		ctx.incident = &inc;
		ctx.now = 1795824000;
		ctx.earlier = sep != NULL ? &ot : NULL;
		ctx.earlier_time = 1790900000;
		for (j = 0; j < sizeof(names) / sizeof(names[0]); j++) {
			if ((e = rp_evaluator_find(names[j])) == NULL)
				abort();
			rp_verdict_init(&v);
			e->evaluate(&ctx, &ck, NULL, &v);
			rp_verdict_release(&v);
		}
		rp_linux_incident_coverage(&t, &inc, 1, &cov);
	}
	free(buf);
	return 0;
}
