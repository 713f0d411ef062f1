/*
 * libFuzzer target: security identifiers from directory evidence
 * (objectSid, sIDHistory, SIDs in ACEs and in LDAP filters), binary and
 * text. Both directions must round-trip, and the domain helpers must agree
 * with each other.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/sid.h"

static void
check(const struct rp_sid *sid)
{
	struct rp_sid back, dom;
	unsigned char enc[8 + 4 * RP_SID_MAX_SUB];
	char s[RP_SID_STR_MAX];
	size_t n, used;
	volatile size_t sink = 0;

	rp_sid_str(sid, s);
	n = strlen(s);
	if (n >= RP_SID_STR_MAX)
		abort();
	if (rp_sid_from_str(s, n, &back) != 0 || !rp_sid_eq(sid, &back))
		abort();
	n = rp_sid_encode(sid, enc);
	if (rp_sid_parse(enc, n, &back, &used) != 0 || used != n ||
	    !rp_sid_eq(sid, &back))
		abort();
	if (rp_sid_domain(sid, &dom) == 0) {
		if (!rp_sid_in_domain(sid, &dom))
			abort();
		if (rp_sid_rid(sid) != sid->sub[sid->nsub - 1])
			abort();
	}
	sink += (size_t)rp_sid_is_domain_account(sid) +
	    (size_t)rp_sid_is_builtin(sid);
	if (rp_sid_name(sid) != NULL)
		sink += strlen(rp_sid_name(sid));
	(void)sink;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rp_sid sid;
	size_t used, off = 0;

	/* binary: a run of SIDs back to back, as in sIDHistory dumps */
	while (off < size && rp_sid_parse(data + off, size - off, &sid,
	    &used) == 0) {
		if (used == 0 || used > size - off)
			abort();
		check(&sid);
		off += used;
	}
	/* text, as in LDAP filters and hostile attribute values */
	if (rp_sid_from_str((const char *)data, size, &sid) == 0)
		check(&sid);
	return 0;
}
