/*
 * libFuzzer target: the inventory (Ansible-style INI), from a file as
 * rempart reads it, and the "[user@]host[:port]" specs of -t and
 * ansible_ssh_common_args / jump hosts.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect/inventory.h"

static char path[4096];

static void
cleanup(void)
{
	unlink(path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *t = getenv("TMPDIR");
	int fd;

	(void)argc;
	(void)argv;
	snprintf(path, sizeof(path), "%s/fuzz-inventory-XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		abort();
	close(fd);
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rp_inventory *inv = NULL;
	char *cause = NULL, *user = NULL, *host = NULL, *spec;
	size_t i;
	int port;
	FILE *f;

	if ((f = fopen(path, "w")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	if (fclose(f) != 0)
		abort();
	if (rp_inventory_load(path, &inv, &cause) == 0) {
		if (cause != NULL)
			abort();
		for (i = 0; i < inv->nhosts; i++) {
			const struct rp_inv_host *h = &inv->hosts[i];

			if (h->alias == NULL || h->address == NULL ||
			    h->port < 0 || h->port > 65535)
				abort();
		}
		rp_inventory_free(inv);
	} else if (cause == NULL) {
		abort();	/* every refusal says why */
	}
	free(cause);
	cause = NULL;

	/* the first line as a -t spec */
	spec = strndup((const char *)data, size);
	if (spec == NULL)
		return 0;
	spec[strcspn(spec, "\n")] = '\0';
	if (rp_parse_hostspec(spec, &user, &host, &port, &cause) == 0) {
		if (host == NULL || port < 0 || port > 65535)
			abort();
		free(user);
		free(host);
	}
	free(cause);
	cause = NULL;
	if (rp_inventory_single(spec, &inv, &cause) == 0)
		rp_inventory_free(inv);
	free(cause);
	free(spec);
	return 0;
}
