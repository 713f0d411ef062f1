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
/* Bytes handed to EVP_EncodeBlock at once: a multiple of 3. */
#define B64_ENC_CHUNK	(3 * 1024 * 1024)

static int
b64_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int
b64_digit(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '+' || c == '/';
}

/* Decode n digits (n % 4 == 0, no padding inside) into out; bytes out. */
static size_t
flush(const unsigned char *digits, size_t n, unsigned char *out)
{
	int got;

	if (n == 0)
		return 0;
	got = EVP_DecodeBlock(out, digits, (int)n);
	/* digits only, checked: EVP cannot refuse them */
	return got < 0 ? 0 : (size_t)got;
}

int
rp_base64_decode(const char *in, size_t len, unsigned char *out,
    size_t *outlen)
{
	const unsigned char *p = (const unsigned char *)in;
	unsigned char chunk[B64_CHUNK];
	size_t i, n = 0, o = 0, tail;
	int pad = 0;

	/* the whole input first: nothing decoded from a refused value */
	for (i = 0; i < len; i++) {
		if (b64_space(p[i]))
			continue;
		if (p[i] == '=')
			pad++;
		else if (pad || !b64_digit(p[i]))
			return RP_ERR_PARSE;
	}
	if (pad > 2)
		return RP_ERR_PARSE;
	for (i = 0; i < len && p[i] != '='; i++) {
		if (b64_space(p[i]))
			continue;
		chunk[n++] = p[i];
		if (n == sizeof(chunk)) {
			o += flush(chunk, n, out + o);
			n = 0;
		}
	}
	/* whole groups, then a last group of 1 to 3 digits padded here */
	tail = n % 4;
	o += flush(chunk, n - tail, out + o);
	if (tail > 1) {
		memmove(chunk, chunk + n - tail, tail);
		memset(chunk + tail, 'A', 4 - tail);
		(void)flush(chunk, 4, out + o);
		o += tail - 1;
	}
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
