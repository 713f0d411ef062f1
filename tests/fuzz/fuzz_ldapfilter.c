/*
 * libFuzzer target: the LDAP filter parser and matcher (LDIF import).
 * The input is "FILTER\nLDIF": the filter is parsed, and when it parses,
 * matched against every entry of the LDIF part; DNs are canonicalized.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/ldapfilter.h"
#include "parse/ldif.h"

struct ctx {
	struct rp_lfilter	*f;
	struct rp_lentry	 e;
	size_t			 cur;
	int			 have;
	size_t			 matches;
};

static void
flush(struct ctx *c)
{
	char *canon;

	if (c->have && c->e.dn != NULL) {
		if (rp_lfilter_match(c->f, &c->e) == RP_LM_TRUE)
			c->matches++;
		canon = rp_dn_canon(c->e.dn, strlen(c->e.dn));
		if (canon != NULL) {
			c->matches += rp_dn_depth(canon);
			c->matches += (size_t)rp_dn_in_scope(canon,
			    "dc=lab,dc=test", 2);
			c->matches += rp_dn_suffix_offset(c->e.dn, 1);
		}
		free(canon);
	}
	rp_lentry_reset(&c->e);	/* storage reused, as import-ldif does */
	c->have = 0;
}

static int
cb(size_t entry, const char *attr, const char *val, size_t len, void *arg)
{
	struct ctx *c = arg;

	if (strcmp(attr, "dn") == 0 && (!c->have || entry != c->cur)) {
		flush(c);
		c->cur = entry;
		c->have = 1;
	}
	return rp_lentry_add(&c->e, attr, val, len) != 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *nl;
	char *cause = NULL;
	struct ctx c;
	size_t flen;

	memset(&c, 0, sizeof(c));
	c.e.max = 1024 * 1024;
	nl = memchr(s, '\n', size);
	flen = nl ? (size_t)(nl - s) : size;
	if (rp_lfilter_parse(s, flen, &c.f, &cause) == 0 && nl != NULL) {
		rp_ldif_parse(nl + 1, size - flen - 1, cb, &c, NULL);
		flush(&c);
	}
	rp_lentry_clear(&c.e);
	rp_lfilter_free(c.f);
	free(cause);
	return 0;
}
