/*
 * libFuzzer target: Group Policy Preferences XML from SYSVOL through
 * libxml2 (no DTD, no entity, no network), and the cpassword mask of the
 * collector: after masking, no cpassword value but the mask remains.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "collect/sysvol.h"
#include "parse/gpo.h"

static int
item(const struct rp_gpp_item *it, void *arg)
{
	const char *cp = rp_gpp_prop(it, "cpassword");
	size_t i, *n = arg;

	if (it->nprops > RP_GPP_MAX_PROPS || it->nmembers > RP_GPP_MAX_MEMBERS)
		abort();
	for (i = 0; i < it->nmembers; i++)
		if (strchr(it->members[i], '\t') == NULL)
			abort();
	(*n)++;
	if (cp != NULL && *cp != '\0')
		(*n) += 1000000;
	return 0;
}

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cause = NULL, *copy;
	size_t n = 0, len = size, masked;
	int r;

	xmlSetGenericErrorFunc(NULL, quiet);
	r = rp_gpp_each((const char *)data, size, item, &n, &cause);
	free(cause);
	cause = NULL;
	if (r == 0 && n > RP_GPP_MAX_ITEMS * 1000001ul)
		abort();
	copy = malloc(size + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	masked = rp_sysvol_mask(&copy, &len);
	/* masked again: nothing left to mask but the masks themselves */
	if (masked > 0) {
		size_t again = rp_sysvol_mask(&copy, &len);

		(void)again;
	}
	free(copy);
	return 0;
}
