/*
 * sshkey.h -- OpenSSH public key lines (authorized_keys, --allowed-keys).
 */
#ifndef RP_PARSE_SSHKEY_H
#define RP_PARSE_SSHKEY_H

#include <stddef.h>

/*
 * The key of an OpenSSH public key line ("[options] TYPE BLOB [comment]"):
 * 0 with *type and *blob pointing into line (lengths in *tlen, *blen), or
 * -1 when no key is found.
 */
int	rp_ssh_key_parse(const char *line, size_t len, const char **type,
	    size_t *tlen, const char **blob, size_t *blen);

#endif
