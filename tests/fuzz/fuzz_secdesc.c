/*
 * libFuzzer target: the security descriptor and SID parsers (directory
 * evidence: nTSecurityDescriptor, msDS-AllowedToActOnBehalfOf...,
 * objectSid, sIDHistory), and what the ACEs grant.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "parse/secdesc.h"
#include "parse/sid.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rp_secdesc sd;
	struct rp_sid sid, back;
	unsigned char enc[8 + 4 * RP_SID_MAX_SUB];
	char s[RP_SID_STR_MAX], g[40], r[512], *cause = NULL;
	size_t i, used;
	volatile unsigned sink = 0;

	if (rp_secdesc_parse(data, size, &sd, &cause) == 0) {
		for (i = 0; i < sd.naces; i++) {
			sink += rp_ace_rights(&sd.aces[i]);
			rp_rights_str(rp_ace_rights(&sd.aces[i]), r, sizeof(r));
			if (sd.aces[i].has_object) {
				rp_guid_str(&sd.aces[i].object, g);
				sink += rp_guid_name(&sd.aces[i].object) !=
				    NULL;
			}
			if (sd.aces[i].has_sid) {
				rp_sid_str(&sd.aces[i].sid, s);
				sink += rp_sid_name(&sd.aces[i].sid) != NULL;
			}
		}
		rp_secdesc_release(&sd);
	}
	free(cause);
	/* binary SID -> text -> SID -> binary must round-trip */
	if (rp_sid_parse(data, size, &sid, &used) == 0) {
		rp_sid_str(&sid, s);
		for (i = 0; s[i] != '\0'; i++)
			;
		if (rp_sid_from_str(s, i, &back) != 0 ||
		    !rp_sid_eq(&sid, &back))
			abort();
		if (rp_sid_encode(&back, enc) != used)
			abort();
	}
	/* the text parser on raw bytes */
	if (rp_sid_from_str((const char *)data, size, &sid) == 0)
		rp_sid_str(&sid, s);
	(void)sink;
	return 0;
}
