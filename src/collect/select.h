/*
 * select.h -- a part of the inventory: --limit PATTERN and --shard K/N.
 *
 * --limit takes Ansible's host patterns (docs/estates.md):
 *   all, *               every target
 *   web1, site_a         a target id or a group (with its children)
 *   web*, 10.0.0.?       a glob (fnmatch) on group names and target ids
 *   ~web[0-9]+           a regular expression (PCRE2), matched from the
 *                        start of the group name or id, as Python's re.match
 *   a:b, a,b             union
 *   a:&b                 intersection
 *   a:!b                 exclusion
 * As Ansible does (InventoryManager.order_patterns), the plain patterns are
 * united first, then the '&' intersections applied, then the '!'
 * exclusions, whatever their order on the line; a pattern of only '&' or
 * '!' terms starts from all. A group name matching wins over a target id
 * unless the term is a glob or a regular expression (then both count).
 *
 * --shard K/N keeps the targets whose shard is K (0 <= K < N): the first
 * 8 bytes of SHA-256(target id), big-endian, modulo N. A target's shard
 * depends on its id and N only: adding targets moves none of the others.
 */
#ifndef RP_SELECT_H
#define RP_SELECT_H

#include <stddef.h>
#include <stdint.h>

struct rp_inventory;

/* What a pattern is matched against: an id and its groups ("all" implied). */
struct rp_sel_item {
	const char	*id;
	char *const	*groups;
	size_t		 ngroups;
};

/*
 * Evaluate pattern over items: sel[i] = 1 when item i is selected, else 0.
 * Returns 0, or RP_ERR_INVALID (with *cause) on a bad pattern. *nomatch
 * (may be NULL) receives the number of terms that matched nothing.
 */
int	rp_select_limit(const char *pattern, const struct rp_sel_item *items,
	    size_t n, unsigned char *sel, size_t *nomatch, char **cause);

/* "K/N": 0 <= K < N <= 1000000. */
int	rp_select_shard_parse(const char *spec, unsigned *k, unsigned *n,
	    char **cause);
/* The shard (0..n-1) of a target id. */
unsigned rp_select_shard_of(const char *id, unsigned n);

/*
 * Keep in inv only the hosts the limit (NULL: all) and the shard (NULL:
 * all) select, in inventory order. An empty selection is an error naming
 * the pattern.
 */
int	rp_inventory_select(struct rp_inventory *inv, const char *limit,
	    const char *shard, char **cause);

#endif
