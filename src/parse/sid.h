/*
 * sid.h -- Windows security identifiers (MS-DTYP 2.4.2): the binary form
 * found in objectSid, sIDHistory and security descriptors, the "S-1-..."
 * text form, and the names of the well-known SIDs and domain RIDs.
 * Pure parsing: no allocation, bounded, hostile input expected.
 */
#ifndef RP_SID_H
#define RP_SID_H

#include <stddef.h>
#include <stdint.h>

#define RP_SID_MAX_SUB	15
/* "S-1-" + 48-bit authority (15 digits) + 15 x "-4294967295" + NUL */
#define RP_SID_STR_MAX	192

struct rp_sid {
	uint8_t		revision;
	uint8_t		nsub;
	uint64_t	authority;	/* 48 bits, big-endian on the wire */
	uint32_t	sub[RP_SID_MAX_SUB];
};

/*
 * Parse a binary SID from buf (at most len bytes). On success *used (when
 * not NULL) is the number of bytes it took. 0, or RP_ERR_PARSE.
 */
int		 rp_sid_parse(const void *buf, size_t len, struct rp_sid *out,
		    size_t *used);
/* Parse "S-1-5-21-..." (len bytes, not NUL-terminated). 0 or RP_ERR_PARSE. */
int		 rp_sid_from_str(const char *s, size_t len, struct rp_sid *out);
/* Write the text form into buf (RP_SID_STR_MAX bytes); returns buf. */
char		*rp_sid_str(const struct rp_sid *sid, char *buf);
/* Encode into buf (at least 8 + 4 * RP_SID_MAX_SUB bytes); returns length. */
size_t		 rp_sid_encode(const struct rp_sid *sid, unsigned char *buf);

int		 rp_sid_eq(const struct rp_sid *a, const struct rp_sid *b);
/* The last sub-authority (the RID); 0 when there is none. */
uint32_t	 rp_sid_rid(const struct rp_sid *sid);
/* Is sid a domain account SID: S-1-5-21-X-Y-Z-RID? */
int		 rp_sid_is_domain_account(const struct rp_sid *sid);
/* Is sid in the builtin domain, S-1-5-32-RID? */
int		 rp_sid_is_builtin(const struct rp_sid *sid);
/* The SID without its RID (the domain of an account). -1 if none. */
int		 rp_sid_domain(const struct rp_sid *sid, struct rp_sid *domain);
/* Is sid exactly domain + one RID? */
int		 rp_sid_in_domain(const struct rp_sid *sid,
		    const struct rp_sid *domain);

/*
 * The English name of a well-known SID ("Everyone", "Authenticated
 * Users", "BUILTIN\Administrators", ...) or of a well-known RID of any
 * domain ("Domain Admins" for S-1-5-21-...-512); NULL when not known.
 */
const char	*rp_sid_name(const struct rp_sid *sid);

#endif
