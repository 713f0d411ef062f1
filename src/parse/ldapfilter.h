/*
 * ldapfilter.h -- RFC 4515 LDAP search filters, parsed and matched offline
 * against entries read from an LDIF export, so that a dump made elsewhere
 * can stand in for a live search (rempart evidence import-ldif).
 *
 * Supported: & | ! (with RFC 4526 empty (&) and (|)), equality, presence,
 * substrings, >=, <=, ~= (as equality), and extensible matches with the
 * Active Directory bitwise rules 1.2.840.113556.1.4.803 (AND) and .804
 * (OR), their OpenLDAP names integerBitAndMatch / integerBitOrMatch, and the
 * plain caseIgnore / caseExact / octetString / integer / distinguishedName
 * rules. Anything else (the :dn: flag, LDAP_MATCHING_RULE_IN_CHAIN) is
 * refused with RP_ERR_UNSUPPORTED rather than matched wrongly.
 *
 * There is no schema offline: attribute names compare case-insensitively;
 * values compare case-insensitively (with insignificant spaces) except for
 * a list of octet-string and case-exact attributes, numerically for a list
 * of integer attributes (and for >= <= when both sides are integers), and
 * as normalized DNs for DN-valued attributes. (objectCategory=person) also
 * matches AD's "CN=Person,CN=Schema,..." values, and (objectSid=S-1-5-...)
 * the binary SID, as a DC does. Absent
 * attributes make an item FALSE; (objectClass=*) is TRUE for every entry.
 * Matching is three-valued (RFC 4511 4.5.1.7): Undefined counts as no match.
 */
#ifndef RP_LDAPFILTER_H
#define RP_LDAPFILTER_H

#include <stddef.h>
#include <stdint.h>

#define RP_LFILTER_MAX_LEN	65536	/* bytes of filter text */
#define RP_LFILTER_MAX_DEPTH	64	/* nesting of & | ! */
#define RP_LFILTER_MAX_NODES	4096

struct rp_lfilter;

/*
 * Parse len bytes of filter text (the outer parentheses may be omitted, as
 * ldapsearch allows). On error *cause says what is wrong and at which
 * offset. The filter is owned by the caller: rp_lfilter_free().
 */
int	rp_lfilter_parse(const char *s, size_t len, struct rp_lfilter **out,
	    char **cause);
void	rp_lfilter_free(struct rp_lfilter *f);

/* One entry in memory: attribute names as read, binary-safe values. */
struct rp_lvalue {
	char	*v;		/* NUL-terminated copy (may hold NULs) */
	size_t	 len;
};

struct rp_lattr {
	char			*name;	/* without options */
	size_t			 namelen;
	uint32_t		 hash;	/* rp_lattr_hash() of the name */
	struct rp_lvalue	*vals;
	size_t			 n, alloc;
};

struct rp_lblock;

/*
 * The DN, names and values live in blocks owned by the entry, reused from
 * one entry to the next (rp_lentry_reset): no allocation per value.
 */
struct rp_lentry {
	char		*dn;		/* as read; "": rootDSE */
	struct rp_lattr	*attrs;		/* in the order read */
	size_t		 nattrs, aattrs;
	size_t		 bytes;		/* counted against max */
	size_t		 max;		/* cap on bytes; 0: none */
	struct rp_lblock *blocks, *cur;	/* storage */
	uint32_t	*tab;		/* attrs by name hash: index + 1 */
	size_t		 tcap;		/* 0 or a power of 2 */
};

/* Empty an entry for the next one, keeping its memory (and max). */
void	rp_lentry_reset(struct rp_lentry *e);
/* Empty an entry and free its memory (keeps max). */
void	rp_lentry_clear(struct rp_lentry *e);
/* Case-insensitive hash of an attribute name of n bytes. */
uint32_t rp_lattr_hash(const char *name, size_t n);
/* Add a value; RP_ERR_TOO_LARGE past e->max (the entry is left as is). */
int	rp_lentry_add(struct rp_lentry *e, const char *attr, const char *val,
	    size_t len);
/* The attribute named name (case-insensitive, options ignored), or NULL. */
const struct rp_lattr *rp_lentry_get(const struct rp_lentry *e,
	    const char *name);

enum rp_lmatch {
	RP_LM_FALSE = 0,
	RP_LM_TRUE = 1,
	RP_LM_UNDEFINED = -1,
};

/* Evaluate f on e. Pure; f may be shared between threads. */
enum rp_lmatch	rp_lfilter_match(const struct rp_lfilter *f,
		    const struct rp_lentry *e);

/*
 * Canonical form of a DN for comparisons (owned): RDNs separated by ',',
 * spaces around separators removed, escapes decoded then the special
 * characters re-escaped as \xx, ASCII letters lowercased. Returns NULL if
 * dn is not a valid DN (an RDN without '=').
 */
char	*rp_dn_canon(const char *dn, size_t len);
/* Number of RDNs of a canonical DN (0 for ""). */
size_t	 rp_dn_depth(const char *canon);
/*
 * Is canonical dn within base (canonical) for scope 0 base, 1 one level,
 * 2 subtree?
 */
int	 rp_dn_in_scope(const char *dn, const char *base, int scope);
/* The same with the lengths known. */
int	 rp_dn_in_scope_n(const char *dn, size_t dl, const char *base,
	    size_t bl, int scope);
/* Offset in dn (as written, not canonical) of its last n RDNs. */
size_t	 rp_dn_suffix_offset(const char *dn, size_t n);

#endif
