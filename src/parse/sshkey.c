/*
 * sshkey.c -- the key of an OpenSSH public key line (sshkey.h).
 */
#include "config.h"

#include <string.h>

#include "parse/sshkey.h"
#include "core/banned.h"

int
rp_ssh_key_parse(const char *line, size_t len, const char **type,
    size_t *tlen, const char **blob, size_t *blen)
{
	const char *p = line, *end = line + len, *w, *we;
	int inq = 0;

	/* a key type word: ssh-*, ecdsa-*, sk-* followed by a base64 blob */
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		w = p;
		while (p < end && (inq || (*p != ' ' && *p != '\t'))) {
			if (*p == '"')
				inq = !inq;
			p++;
		}
		we = p;
		if (we > w && ((we - w > 4 && strncmp(w, "ssh-", 4) == 0) ||
		    (we - w > 6 && strncmp(w, "ecdsa-", 6) == 0) ||
		    (we - w > 3 && strncmp(w, "sk-", 3) == 0))) {
			const char *b;

			while (p < end && (*p == ' ' || *p == '\t'))
				p++;
			b = p;
			while (p < end && *p != ' ' && *p != '\t')
				p++;
			if (p == b || strspn(b, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "abcdefghijklmnopqrstuvwxyz0123456789+/=") <
			    (size_t)(p - b))
				return -1;
			*type = w;
			*tlen = (size_t)(we - w);
			*blob = b;
			*blen = (size_t)(p - b);
			return 0;
		}
	}
	return -1;
}
