/*
 * probes.c -- the probes a selection needs and where LDAP probes search
 * (probes.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "content/probes.h"
#include "core/banned.h"

static int
cmp_probe(const void *a, const void *b)
{
	const struct rp_probe *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

static void
set_add(struct rp_probe_set *s, const struct rp_probe *p)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->probes[i] == p)
			return;
	XGROW(s->probes, s->alloc, s->n);
	s->probes[s->n++] = p;
}

/* Add the probes of type read by the checks b selects. */
static int
add_baseline(struct rp_content *c, const struct rp_baseline *b,
    enum rp_probe_type type, int flags, struct rp_probe_set *out,
    char **cause)
{
	const struct rp_check *ck;
	const struct rp_probe *p;
	struct rp_resolved res;
	size_t j, k;
	int r;

	if ((r = rp_baseline_resolve(c, b, &res, cause)) != 0)
		return r;
	for (j = 0; j < res.nsel; j++) {
		ck = res.sel[j].check;
		/* the probe it reads, then those its evaluator reads */
		for (k = 0; k <= ck->nalso; k++) {
			p = k == 0 ? ck->probe :
			    rp_content_probe(c, ck->also[k - 1]);
			if (p == NULL || p->type != type ||
			    (p->deep && !(flags & RP_PROBES_DEEP)))
				continue;
			set_add(out, p);
		}
	}
	rp_resolved_release(&res);
	return 0;
}

int
rp_content_probes_for(struct rp_content *c, char *const *baselines,
    size_t nbaselines, int kind, enum rp_probe_type type, int flags,
    struct rp_probe_set *out, char **cause)
{
	const struct rp_baseline *b, *top;
	size_t i;
	int r;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < nbaselines; i++) {
		if ((r = rp_baseline_get(c, baselines[i], &b, cause)) != 0)
			goto fail;
		if (kind >= 0 && b->kind != (enum rp_kind)kind) {
			r = rp_fail(cause, RP_ERR_INVALID, "baseline '%s' "
			    "audits %s targets, not %s", b->id,
			    rp_kind_name(b->kind),
			    rp_kind_name((enum rp_kind)kind));
			goto fail;
		}
		if ((r = add_baseline(c, b, type, flags, out, cause)) != 0)
			goto fail;
		out->kinds |= 1u << b->kind;
		/*
		 * The directory searches of the top of b's reference ladder
		 * (ad-anssi-level-2 -> level 5): read-only, they let the
		 * evaluation compute the maturity over every level
		 * (docs/results-format.md). A Linux host runs only the
		 * commands its baselines need.
		 */
		top = rp_baseline_ladder_top(c, b);
		if (type == RP_PROBE_LDAP && (flags & RP_PROBES_LADDER) &&
		    top != b && (r = add_baseline(c, top, type, flags, out,
		    cause)) != 0)
			goto fail;
	}
	if (out->n > 0)
		qsort(out->probes, out->n, sizeof(*out->probes), cmp_probe);
	return 0;
fail:
	rp_probe_set_release(out);
	return r;
}

void
rp_probe_set_release(struct rp_probe_set *s)
{
	free(s->probes);
	memset(s, 0, sizeof(*s));
}

int
rp_probe_scope(const char *s)
{
	if (s != NULL && strcmp(s, "base") == 0)
		return RP_SCOPE_BASE;
	if (s != NULL && strcmp(s, "one") == 0)
		return RP_SCOPE_ONE;
	return RP_SCOPE_SUB;
}

/* Does the relative DN hold an RDN of type DC (case-insensitive)? */
static int
has_dc_rdn(const char *dn)
{
	const char *p = dn;

	for (;;) {
		while (*p == ' ')
			p++;
		if (strncasecmp(p, "DC=", 3) == 0)
			return 1;
		for (; *p != '\0' && *p != ','; p++)
			if (*p == '\\' && p[1] != '\0')
				p++;
		if (*p == '\0')
			return 0;
		p++;
	}
}

/* "PREFIX,nc" or PREFIX alone when the naming context is "". */
static char *
under_nc(const char *prefix, const char *nc)
{
	if (nc == NULL)
		return NULL;
	return *nc ? xasprintf("%s,%s", prefix, nc) : xstrdup(prefix);
}

char *
rp_probe_base(const struct rp_dir_contexts *x, const char *base,
    int *separate)
{
	int ad = x->kind == RP_KIND_AD;

	*separate = 1;
	if (base != NULL && strcmp(base, "rootdse") == 0)
		return xstrdup("");
	if (base != NULL && strcmp(base, "config") == 0) {
		if (x->config != NULL)
			return xstrdup(x->config);
		return ad ? under_nc("CN=Configuration", x->nc) :
		    xstrdup("cn=config");
	}
	if (base != NULL && strcmp(base, "schema") == 0) {
		if (x->schema != NULL)
			return xstrdup(x->schema);
		return ad ? under_nc("CN=Schema,CN=Configuration", x->nc) :
		    xstrdup("cn=Subschema");
	}
	/*
	 * Below the domain, a DC= component names a naming context of its
	 * own (DC=DomainDnsZones, DC=ForestDnsZones, a child domain): a
	 * search of the domain does not return it.
	 */
	*separate = ad && base != NULL && has_dc_rdn(base);
	if (x->nc == NULL)
		return NULL;
	if (base == NULL || *base == '\0')
		return xstrdup(x->nc);
	return under_nc(base, x->nc);
}
