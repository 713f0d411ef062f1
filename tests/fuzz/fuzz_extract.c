/*
 * libFuzzer target: every extraction kind and operator on hostile probe
 * output. The first byte picks the extraction, the rest is the output.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content/content.h"
#include "engine/extract.h"
#include "parse/rx.h"

static struct rp_rx *rx;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rp_extract x;
	struct rp_values v;
	char *cause = NULL;
	size_t i;

	if (size < 1)
		return 0;
	if (rx == NULL && rp_rx_compile("^(?<k>[A-Za-z_.]+)\\s*=\\s*(?<v>.*)$",
	    RP_RX_MULTILINE, &rx, NULL) != 0)
		abort();
	memset(&x, 0, sizeof(x));
	x.kind = (enum rp_xkind)(data[0] % 6);
	x.key = (char *)(x.kind == RP_X_LDAP_ENTRIES ? "cn" : "key");
	x.sep = "  =:"[data[0] % 4];
	x.icase = data[0] & 0x10;
	x.pick = (enum rp_pick)((data[0] >> 5) % 4);
	x.split = data[0] & 0x80 ? (char *)", " : NULL;
	if (x.kind == RP_X_REGEX || x.kind == RP_X_LINES) {
		x.rx = rx;
		x.group = x.kind == RP_X_REGEX ? (char *)"v" : NULL;
	}
	if (rp_extract(&x, (const char *)data + 1, size - 1, &v, &cause) == 0) {
		for (i = 0; i < v.n; i++) {
			rp_op_test(RP_OP_LE, v.v[i], "4", 0, &cause);
			rp_op_test(RP_OP_IN, v.v[i], "a,b", 1, &cause);
			rp_op_test(RP_OP_VERSION_LT, v.v[i], "9.2p1", 0, &cause);
		}
		rp_values_release(&v);
	}
	free(cause);
	return 0;
}
