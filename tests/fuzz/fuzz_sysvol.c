/*
 * libFuzzer target: the SYSVOL probe output of an evidence bundle (a file
 * anyone may have edited): every file record lies inside the output, its
 * path is NUL-free and escaping it again reads back the same path.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/gpo.h"

struct span {
	const char	*d;
	size_t		 n;
};

static int
file(const struct rp_sysvol_file *f, void *arg)
{
	const struct span *s = arg;
	char *esc;

	if (f->data < s->d || f->len > s->n || f->data + f->len > s->d + s->n)
		abort();
	if (strlen(f->path) >= sizeof(f->path) ||
	    strlen(f->guid) >= sizeof(f->guid))
		abort();
	esc = rp_sysvol_escape(f->path, 1);
	if (strlen(esc) < strlen(f->path))
		abort();
	free(esc);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct span s = { (const char *)data, size };
	char *cause = NULL;
	size_t n = 0;

	(void)rp_sysvol_each((const char *)data, size, file, &s, &n, &cause);
	free(cause);
	return 0;
}
