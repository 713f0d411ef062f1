/*
 * libFuzzer target: the GNU .mo catalogue reader (rp_mo_parse) and its
 * lookups. A catalogue from the data directory is trusted no more than a
 * template: every offset, length and string is checked.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/i18n.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const keys[] = { "", "Summary", "Check",
		"plan\004Action", "\xff", "Zzzz" };
	struct rp_mo *mo = NULL;
	char *cause = NULL;
	const char *t;
	volatile size_t sink = 0;
	size_t i;

	/* the input as a Plural-Forms expression, too */
	if (size < 512) {
		char expr[512];

		memcpy(expr, data, size);
		expr[size] = '\0';
		for (i = 0; i < 4; i++)
			sink += (size_t)rp_plural_eval(expr, i * 7);
	}
	if (rp_mo_parse(data, size, &mo, &cause) == 0) {
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			if ((t = rp_mo_lookup(mo, keys[i])) != NULL)
				sink += strlen(t);
			if ((t = rp_mo_lookup_plural(mo, keys[i], i)) != NULL)
				sink += strlen(t);
			if ((t = rp_mo_lookup_plural(mo, keys[i], 1000000))
			    != NULL)
				sink += strlen(t);
		}
		sink += rp_mo_count(mo);
		rp_mo_free(mo);
	} else if (cause == NULL) {
		abort();	/* a failure always says why */
	}
	free(cause);
	(void)sink;
	return 0;
}
