#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/xmalloc.h"
#include "parse/rx.h"
#include "core/banned.h"

#define RX_MATCH_LIMIT	1000000
#define RX_DEPTH_LIMIT	10000
#define RX_HEAP_LIMIT	(20 * 1024)	/* KiB */

struct rp_rx {
	pcre2_code		*code;
	pcre2_match_context	*mctx;
};

int
rp_rx_compile(const char *pattern, int flags, struct rp_rx **out, char **cause)
{
	struct rp_rx *rx;
	int errcode;
	PCRE2_SIZE erroff;
	uint32_t opts = 0;
	PCRE2_UCHAR msg[256];

	if (flags & RP_RX_ICASE)
		opts |= PCRE2_CASELESS;
	if (flags & RP_RX_MULTILINE)
		opts |= PCRE2_MULTILINE;
	rx = xcalloc(1, sizeof(*rx));
	rx->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    opts, &errcode, &erroff, NULL);
	if (rx->code == NULL) {
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		free(rx);
		return rp_fail(cause, RP_ERR_INVALID,
		    "regex '%s': %s at offset %zu", pattern, (char *)msg,
		    (size_t)erroff);
	}
	rx->mctx = pcre2_match_context_create(NULL);
	if (rx->mctx == NULL) {
		pcre2_code_free(rx->code);
		free(rx);
		return RP_ERR_NOMEM;
	}
	pcre2_set_match_limit(rx->mctx, RX_MATCH_LIMIT);
	pcre2_set_depth_limit(rx->mctx, RX_DEPTH_LIMIT);
	pcre2_set_heap_limit(rx->mctx, RX_HEAP_LIMIT);
	*out = rx;
	return 0;
}

void
rp_rx_free(struct rp_rx *rx)
{
	if (rx == NULL)
		return;
	pcre2_match_context_free(rx->mctx);
	pcre2_code_free(rx->code);
	free(rx);
}

int
rp_rx_has_group(const struct rp_rx *rx, const char *name)
{
	return pcre2_substring_number_from_name(rx->code,
	    (PCRE2_SPTR)name) >= 0;
}

int
rp_rx_each(const struct rp_rx *rx, const char *subj, size_t len,
    const char *group, rp_rx_cb cb, void *arg)
{
	pcre2_match_data *md;
	PCRE2_SIZE off = 0, *ov;
	int n = 0, rc, gnum = 0;

	if (group != NULL) {
		gnum = pcre2_substring_number_from_name(rx->code,
		    (PCRE2_SPTR)group);
		if (gnum < 0)
			return RP_ERR_INVALID;
	}
	md = pcre2_match_data_create_from_pattern(rx->code, NULL);
	if (md == NULL)
		return RP_ERR_NOMEM;
	while (off <= len) {
		rc = pcre2_match(rx->code, (PCRE2_SPTR)subj, len, off, 0, md,
		    rx->mctx);
		if (rc == PCRE2_ERROR_NOMATCH)
			break;
		if (rc < 0) {
			n = rc == PCRE2_ERROR_MATCHLIMIT ||
			    rc == PCRE2_ERROR_DEPTHLIMIT ||
			    rc == PCRE2_ERROR_HEAPLIMIT ? RP_ERR_TOO_LARGE :
			    RP_ERR_PARSE;
			break;
		}
		ov = pcre2_get_ovector_pointer(md);
		n++;
		if (cb != NULL && rc > gnum && ov[2 * gnum] != PCRE2_UNSET &&
		    cb(subj + ov[2 * gnum], ov[2 * gnum + 1] - ov[2 * gnum],
		    arg) != 0)
			break;
		/* step over an empty match so the loop always advances */
		off = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
	}
	pcre2_match_data_free(md);
	return n;
}

int
rp_rx_test(const struct rp_rx *rx, const char *subj, size_t len)
{
	pcre2_match_data *md;
	int rc;

	md = pcre2_match_data_create_from_pattern(rx->code, NULL);
	if (md == NULL)
		return RP_ERR_NOMEM;
	rc = pcre2_match(rx->code, (PCRE2_SPTR)subj, len, 0, 0, md, rx->mctx);
	pcre2_match_data_free(md);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return RP_ERR_TOO_LARGE;
	return 1;
}
