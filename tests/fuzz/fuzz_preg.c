/*
 * libFuzzer target: Registry.pol (PReg) from SYSVOL, a hostile binary:
 * every record handed over lies inside the input, its strings are
 * NUL-terminated UTF-8.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/gpo.h"

struct span {
	const uint8_t	*d;
	size_t		 n;
};

static int
rec(const struct rp_preg_rec *r, void *arg)
{
	const struct span *s = arg;

	if (r->data < s->d || r->size > s->n ||
	    r->data + r->size > s->d + s->n)
		abort();
	if (strlen(r->key) >= sizeof(r->key) ||
	    strlen(r->value) >= sizeof(r->value) ||
	    strlen(r->str) >= sizeof(r->str))
		abort();
	if (r->has_dword && (r->type != RP_REG_DWORD || r->size != 4))
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct span s = { data, size };
	char *cause = NULL;

	(void)rp_preg_each(data, size, rec, &s, &cause);
	free(cause);
	return 0;
}
