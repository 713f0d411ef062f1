/* libFuzzer target: the LDIF reader (evidence of directory targets). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "parse/ldif.h"

static int
cb(size_t entry, const char *attr, const char *val, size_t len, void *arg)
{
	size_t *sum = arg;

	*sum += entry + len + (attr[0] != '\0');
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cause = NULL;
	size_t sum = 0;

	rp_ldif_parse((const char *)data, size, cb, &sum, &cause);
	free(cause);
	return 0;
}
