/*
 * ldif_write.h -- LDIF output (RFC 2849) for the evidence of directory
 * targets, shared by the LDAP collector and the LDIF import so that both
 * write the same bytes for the same values.
 */
#ifndef RP_LDIF_WRITE_H
#define RP_LDIF_WRITE_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write one LDIF attribute line (base64 when the value is not a safe
 * string), folded at 76 columns. userPassword and olcRootPW values (with
 * or without options) are replaced by their storage scheme ("{SSHA}", or
 * "{CLEARTEXT}" when there is none): no secret is ever stored.
 */
void	rp_ldif_write_value(FILE *f, const char *attr, const char *val,
	    size_t len);

#endif
