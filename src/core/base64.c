/*
 * base64.c -- base64 through libcrypto. EVP_DecodeUpdate is not used for
 * decoding: it stops silently at a '-' (PEM's end marker) and treats
 * fewer bytes as white space than LDIF folds; so the input is checked here
 * first, then its digits go to EVP_DecodeBlock a bounded chunk at a time.
 */
#include "config.h"

#include <string.h>

#include <openssl/evp.h>

#include "core/base64.h"
#include "core/err.h"
#include "core/xmalloc.h"
#include "core/banned.h"

/* Digits handed to EVP_DecodeBlock at once: a multiple of 4. */
#define B64_CHUNK	4096
#define B64_BIG_CHUNK	(1u << 28)
/* Bytes handed to EVP_EncodeBlock at once: a multiple of 3. */
#define B64_ENC_CHUNK	(3 * 1024 * 1024)

/* The class of each byte: 0 a digit, 1 white space, 2 '=', 3 refused. */
static const unsigned char b64class[256] = {
	3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 3, 3, 3, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 2, 3, 3,
	3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3,
	3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
};

/* Decode n digits (n % 4 == 0, checked: no padding) into out; bytes out. */
static size_t
whole_groups(const unsigned char *digits, size_t n, unsigned char *out)
{
	size_t o = 0, k;
	int got;

	while (n > 0) {
		k = n < B64_BIG_CHUNK ? n : B64_BIG_CHUNK;
		/* digits only: EVP cannot refuse them */
		if ((got = EVP_DecodeBlock(out + o, digits, (int)k)) > 0)
			o += (size_t)got;
		digits += k;
		n -= k;
	}
	return o;
}

/* A last group of 1 to 3 digits (no padding): 0, 1 or 2 bytes. */
static size_t
last_group(const unsigned char *digits, size_t n, unsigned char *out)
{
	unsigned char g[4] = { 'A', 'A', 'A', 'A' }, b[3];

	if (n < 2)
		return 0;	/* 6 bits: no byte */
	memcpy(g, digits, n);
	if (EVP_DecodeBlock(b, g, 4) != 3)
		return 0;
	memcpy(out, b, n - 1);
	return n - 1;
}

int
rp_base64_decode(const char *in, size_t len, unsigned char *out,
    size_t *outlen)
{
	const unsigned char *p = (const unsigned char *)in;
	unsigned char chunk[B64_CHUNK];
	size_t i, ndig = 0, n = 0, o = 0, spaces = 0;
	int pad = 0;

	/* the whole input first: nothing decoded from a refused value;
	 * the digits before any space or pad in a tight loop */
	for (i = 0; i < len && b64class[p[i]] == 0; i++)
		;
	ndig = i;
	for (; i < len; i++) {
		switch (b64class[p[i]]) {
		case 0:
			if (pad)
				return RP_ERR_PARSE;
			ndig++;
			break;
		case 1:
			if (!pad)
				spaces++;
			break;
		case 2:
			pad++;
			break;
		default:
			return RP_ERR_PARSE;
		}
	}
	if (pad > 2)
		return RP_ERR_PARSE;
	if (spaces == 0) {
		/* the common case: the digits are in one piece, in place */
		o = whole_groups(p, ndig - ndig % 4, out);
		o += last_group(p + ndig - ndig % 4, ndig % 4, out + o);
		*outlen = o;
		return 0;
	}
	/* white space among the digits: gathered a chunk at a time */
	for (i = 0; i < len && p[i] != '='; i++) {
		if (b64class[p[i]] != 0)
			continue;
		chunk[n++] = p[i];
		if (n == sizeof(chunk)) {
			o += whole_groups(chunk, n, out + o);
			n = 0;
		}
	}
	o += whole_groups(chunk, n - n % 4, out + o);
	o += last_group(chunk + n - n % 4, n % 4, out + o);
	*outlen = o;
	return 0;
}

char *
rp_base64_encode(const unsigned char *in, size_t len)
{
	char *out, *p;
	size_t n;

	/* 4 per 3 bytes started, and the NUL */
	out = p = xreallocarray(NULL, len / 3 + 2, 4);
	*p = '\0';
	while (len > 0) {
		n = len < B64_ENC_CHUNK ? len : B64_ENC_CHUNK;
		p += EVP_EncodeBlock((unsigned char *)p, in, (int)n);
		in += n;
		len -= n;
	}
	return out;
}
