/*
 * base64.h -- base64 (RFC 4648, standard alphabet) through libcrypto's
 * EVP_EncodeBlock/EVP_DecodeBlock: the one base64 of rempart (LDIF values,
 * the report's logo).
 */
#ifndef RP_BASE64_H
#define RP_BASE64_H

#include <stddef.h>

/*
 * Decode base64 into out, which holds at least len / 4 * 3 + 3 bytes;
 * *outlen gets the number of bytes. Hostile input, checked before any
 * byte is decoded:
 * - white space (space, \t, \n, \v, \f, \r) anywhere is skipped, as in a
 *   folded LDIF value;
 * - '=' pads only at the end (a digit after a '=' is an error), at most 2;
 * - a missing final padding is accepted: a last group of 2 or 3 digits
 *   gives 1 or 2 bytes, a lone last digit none;
 * - any other byte (outside the alphabet, or above 127) is an error.
 * 0, or RP_ERR_PARSE (out is then undefined).
 */
int	rp_base64_decode(const char *in, size_t len, unsigned char *out,
	    size_t *outlen);
/* Encode into a new NUL-terminated string with padding (owned). */
char	*rp_base64_encode(const unsigned char *in, size_t len);

#endif
