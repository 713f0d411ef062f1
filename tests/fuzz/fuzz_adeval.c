/*
 * libFuzzer target: every directory evaluator (Active Directory and
 * OpenLDAP) on hostile LDIF. The input is the check's probe, each probe it
 * names in also=, and the same probe in an earlier bundle, with an
 * incident window: replication metadata (binary and XML), security
 * descriptors, SIDs, key versions and times all come from the target.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"
#include "engine/registry.h"
#include "evidence/bundle.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *ids[3] = { (char *)"p.0", (char *)"p.1", (char *)"p.2" };
	const struct rp_evaluator *e;
	struct rp_probe_out po[4], old;
	struct rp_target_ev t, ot;
	struct rp_incident inc;
	struct rp_eval_ctx ctx;
	struct rp_verdict v;
	struct rp_check ck;
	char *buf;
	size_t i, j;

	if ((buf = malloc(size + 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	memset(po, 0, sizeof(po));
	for (i = 0; i < 4; i++) {
		po[i].probe = i == 0 ? (char *)"main" : ids[i - 1];
		po[i].status = RP_PS_OK;
		po[i].data = buf;
		po[i].len = size;
	}
	old = po[0];
	memset(&t, 0, sizeof(t));
	t.id = (char *)"dc1";
	t.kind = RP_KIND_AD;
	t.user = (char *)"auditor@lab.test";
	t.server = (char *)"Windows";
	t.probes = po;
	t.nprobes = 4;
	ot = t;
	ot.probes = &old;
	ot.nprobes = 1;
	memset(&inc, 0, sizeof(inc));
	inc.compromise_start = 1790000000;
	inc.containment = 1790500000;
	memset(&ck, 0, sizeof(ck));
	ck.id = (char *)"AD-FUZ-001";
	ck.has_extract = 1;
	ck.extract.kind = RP_X_LDAP_ENTRIES;
	ck.also = ids;
	ck.nalso = 3;
	memset(&ctx, 0, sizeof(ctx));
	ctx.target = &t;
	ctx.out = &po[0];
	ctx.incident = &inc;
	ctx.now = 1795824000;
	ctx.earlier = &ot;
	ctx.earlier_time = 1791000000;
	for (j = 0; j < rp_nevaluators; j++) {
		e = rp_evaluators[j];
		if (e->kind != RP_KIND_AD && e->kind != RP_KIND_OPENLDAP)
			continue;
		rp_verdict_init(&v);
		e->evaluate(&ctx, &ck, strcmp(e->name, "ad-changed-window") ==
		    0 ? "nTSecurityDescriptor servicePrincipalName" : "30", &v);
		rp_verdict_release(&v);
	}
	free(buf);
	return 0;
}
