/*
 * ldif.h -- a reader for LDIF content records (RFC 2849), as written by the
 * LDAP collector or by "ldapsearch -LLL". Hostile input: bounded, binary
 * safe (base64 values are decoded to bytes, which may hold NUL).
 */
#ifndef RP_LDIF_H
#define RP_LDIF_H

#include <stddef.h>

/*
 * Called for each attribute value; attr is the attribute description
 * without options, "dn" for the entry's DN. entry counts from 0. Return
 * non-zero to stop.
 */
typedef int (*rp_ldif_cb)(size_t entry, const char *attr, const char *val,
    size_t len, void *arg);

/* Returns the number of entries, or RP_ERR_PARSE with *cause (line). */
long	rp_ldif_parse(const char *data, size_t len, rp_ldif_cb cb, void *arg,
	    char **cause);

#endif
