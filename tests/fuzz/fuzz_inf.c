/*
 * libFuzzer target: GptTmpl.inf, scripts.ini and GPT.INI from SYSVOL:
 * UTF-16LE (with BOM) or UTF-8 text into valid UTF-8, then the INI reader;
 * every section, key and value is a NUL-terminated string of the text.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "parse/gpo.h"

static int
line(const char *section, const char *key, const char *value, void *arg)
{
	size_t *n = arg;

	if (strlen(section) > 255 || strlen(key) > RP_GPO_MAX_LINE ||
	    (value != NULL && strlen(value) > RP_GPO_MAX_LINE))
		abort();
	(*n)++;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *t;
	size_t len = 0, n = 0;

	t = rp_gpo_text((const char *)data, size, &len);
	if (t == NULL)
		return 0;
	if (strlen(t) != len)
		abort();	/* no NUL inside */
	if (size >= 2 && data[0] == 0xff && data[1] == 0xfe &&
	    !rp_utf8_valid(t, len))
		abort();
	(void)rp_ini_each(t, len, line, &n);
	free(t);
	return 0;
}
