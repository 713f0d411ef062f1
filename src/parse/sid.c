/*
 * sid.c -- security identifiers: binary and text forms, well-known names.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "parse/sid.h"
#include "core/banned.h"

#define SID_AUTH_MAX	0xffffffffffffULL	/* 48 bits */

int
rp_sid_parse(const void *buf, size_t len, struct rp_sid *out, size_t *used)
{
	const unsigned char *p = buf;
	struct rp_sid s;
	size_t need, i;

	if (len < 8)
		return RP_ERR_PARSE;
	memset(&s, 0, sizeof(s));
	s.revision = p[0];
	s.nsub = p[1];
	if (s.revision != 1 || s.nsub > RP_SID_MAX_SUB)
		return RP_ERR_PARSE;
	need = 8 + 4 * (size_t)s.nsub;
	if (len < need)
		return RP_ERR_PARSE;
	for (i = 0; i < 6; i++)
		s.authority = (s.authority << 8) | p[2 + i];
	for (i = 0; i < s.nsub; i++) {
		const unsigned char *q = p + 8 + 4 * i;

		s.sub[i] = (uint32_t)q[0] | (uint32_t)q[1] << 8 |
		    (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
	}
	*out = s;
	if (used != NULL)
		*used = need;
	return 0;
}

size_t
rp_sid_encode(const struct rp_sid *sid, unsigned char *buf)
{
	size_t i;

	buf[0] = sid->revision;
	buf[1] = sid->nsub;
	for (i = 0; i < 6; i++)
		buf[2 + i] = (unsigned char)(sid->authority >> (8 * (5 - i)));
	for (i = 0; i < sid->nsub && i < RP_SID_MAX_SUB; i++) {
		buf[8 + 4 * i] = (unsigned char)sid->sub[i];
		buf[9 + 4 * i] = (unsigned char)(sid->sub[i] >> 8);
		buf[10 + 4 * i] = (unsigned char)(sid->sub[i] >> 16);
		buf[11 + 4 * i] = (unsigned char)(sid->sub[i] >> 24);
	}
	return 8 + 4 * (size_t)sid->nsub;
}

/* One decimal field of at most max; advances *pos. */
static int
dec_field(const char *s, size_t len, size_t *pos, uint64_t max,
    uint64_t *out)
{
	uint64_t v = 0;
	size_t i = *pos;

	if (i >= len || s[i] < '0' || s[i] > '9')
		return RP_ERR_PARSE;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		v = v * 10 + (uint64_t)(s[i] - '0');
		if (v > max)
			return RP_ERR_PARSE;
	}
	*pos = i;
	*out = v;
	return 0;
}

int
rp_sid_from_str(const char *s, size_t len, struct rp_sid *out)
{
	struct rp_sid sid;
	uint64_t v;
	size_t pos = 2;

	if (len < 4 || (s[0] != 'S' && s[0] != 's') || s[1] != '-')
		return RP_ERR_PARSE;
	memset(&sid, 0, sizeof(sid));
	if (dec_field(s, len, &pos, 255, &v) != 0 || v != 1)
		return RP_ERR_PARSE;
	sid.revision = 1;
	if (pos >= len || s[pos++] != '-' ||
	    dec_field(s, len, &pos, SID_AUTH_MAX, &sid.authority) != 0)
		return RP_ERR_PARSE;
	while (pos < len) {
		if (s[pos++] != '-' || sid.nsub >= RP_SID_MAX_SUB ||
		    dec_field(s, len, &pos, 0xffffffffULL, &v) != 0)
			return RP_ERR_PARSE;
		sid.sub[sid.nsub++] = (uint32_t)v;
	}
	*out = sid;
	return 0;
}

char *
rp_sid_str(const struct rp_sid *sid, char *buf)
{
	size_t off, i;
	int n;

	n = snprintf(buf, RP_SID_STR_MAX, "S-%u-%llu", sid->revision,
	    (unsigned long long)sid->authority);
	off = n > 0 ? (size_t)n : 0;
	for (i = 0; i < sid->nsub && i < RP_SID_MAX_SUB &&
	    off < RP_SID_STR_MAX; i++) {
		n = snprintf(buf + off, RP_SID_STR_MAX - off, "-%lu",
		    (unsigned long)sid->sub[i]);
		if (n < 0)
			break;
		off += (size_t)n;
	}
	return buf;
}

int
rp_sid_eq(const struct rp_sid *a, const struct rp_sid *b)
{
	return a->revision == b->revision && a->nsub == b->nsub &&
	    a->authority == b->authority && memcmp(a->sub, b->sub,
	    sizeof(a->sub[0]) * a->nsub) == 0;
}

uint32_t
rp_sid_rid(const struct rp_sid *sid)
{
	return sid->nsub > 0 ? sid->sub[sid->nsub - 1] : 0;
}

int
rp_sid_is_domain_account(const struct rp_sid *sid)
{
	return sid->authority == 5 && sid->nsub == 5 && sid->sub[0] == 21;
}

int
rp_sid_is_builtin(const struct rp_sid *sid)
{
	return sid->authority == 5 && sid->nsub == 2 && sid->sub[0] == 32;
}

int
rp_sid_domain(const struct rp_sid *sid, struct rp_sid *domain)
{
	if (sid->nsub == 0)
		return -1;
	*domain = *sid;
	domain->nsub--;
	domain->sub[domain->nsub] = 0;
	return 0;
}

int
rp_sid_in_domain(const struct rp_sid *sid, const struct rp_sid *domain)
{
	struct rp_sid d;

	return rp_sid_domain(sid, &d) == 0 && rp_sid_eq(&d, domain);
}

struct wk {
	uint64_t	 authority;
	uint8_t		 nsub;
	uint32_t	 sub[2];
	const char	*name;
};

/* Sorted by nothing in particular: a short linear table. */
static const struct wk well_known[] = {
	{ 0, 1, { 0, 0 }, "Nobody" },
	{ 1, 1, { 0, 0 }, "Everyone" },
	{ 2, 1, { 0, 0 }, "Local" },
	{ 3, 1, { 0, 0 }, "Creator Owner" },
	{ 3, 1, { 1, 0 }, "Creator Group" },
	{ 5, 1, { 1, 0 }, "Dialup" },
	{ 5, 1, { 2, 0 }, "Network" },
	{ 5, 1, { 3, 0 }, "Batch" },
	{ 5, 1, { 4, 0 }, "Interactive" },
	{ 5, 1, { 6, 0 }, "Service" },
	{ 5, 1, { 7, 0 }, "Anonymous Logon" },
	{ 5, 1, { 9, 0 }, "Enterprise Domain Controllers" },
	{ 5, 1, { 10, 0 }, "Principal Self" },
	{ 5, 1, { 11, 0 }, "Authenticated Users" },
	{ 5, 1, { 12, 0 }, "Restricted" },
	{ 5, 1, { 13, 0 }, "Terminal Server Users" },
	{ 5, 1, { 14, 0 }, "Remote Interactive Logon" },
	{ 5, 1, { 15, 0 }, "This Organization" },
	{ 5, 1, { 17, 0 }, "IUSR" },
	{ 5, 1, { 18, 0 }, "Local System" },
	{ 5, 1, { 19, 0 }, "Local Service" },
	{ 5, 1, { 20, 0 }, "Network Service" },
	{ 5, 1, { 1000, 0 }, "Other Organization" },
	{ 5, 2, { 64, 10 }, "NTLM Authentication" },
	{ 5, 2, { 32, 544 }, "BUILTIN\\Administrators" },
	{ 5, 2, { 32, 545 }, "BUILTIN\\Users" },
	{ 5, 2, { 32, 546 }, "BUILTIN\\Guests" },
	{ 5, 2, { 32, 547 }, "BUILTIN\\Power Users" },
	{ 5, 2, { 32, 548 }, "BUILTIN\\Account Operators" },
	{ 5, 2, { 32, 549 }, "BUILTIN\\Server Operators" },
	{ 5, 2, { 32, 550 }, "BUILTIN\\Print Operators" },
	{ 5, 2, { 32, 551 }, "BUILTIN\\Backup Operators" },
	{ 5, 2, { 32, 552 }, "BUILTIN\\Replicator" },
	{ 5, 2, { 32, 554 }, "BUILTIN\\Pre-Windows 2000 Compatible Access" },
	{ 5, 2, { 32, 555 }, "BUILTIN\\Remote Desktop Users" },
	{ 5, 2, { 32, 556 }, "BUILTIN\\Network Configuration Operators" },
	{ 5, 2, { 32, 557 }, "BUILTIN\\Incoming Forest Trust Builders" },
	{ 5, 2, { 32, 558 }, "BUILTIN\\Performance Monitor Users" },
	{ 5, 2, { 32, 559 }, "BUILTIN\\Performance Log Users" },
	{ 5, 2, { 32, 560 }, "BUILTIN\\Windows Authorization Access Group" },
	{ 5, 2, { 32, 561 }, "BUILTIN\\Terminal Server License Servers" },
	{ 5, 2, { 32, 562 }, "BUILTIN\\Distributed COM Users" },
	{ 5, 2, { 32, 568 }, "BUILTIN\\IIS_IUSRS" },
	{ 5, 2, { 32, 569 }, "BUILTIN\\Cryptographic Operators" },
	{ 5, 2, { 32, 573 }, "BUILTIN\\Event Log Readers" },
	{ 5, 2, { 32, 574 }, "BUILTIN\\Certificate Service DCOM Access" },
	{ 5, 2, { 32, 579 }, "BUILTIN\\Access Control Assistance Operators" },
	{ 5, 2, { 32, 580 }, "BUILTIN\\Remote Management Users" },
	{ 18, 1, { 1, 0 }, "Authentication Authority Asserted Identity" },
	{ 18, 1, { 2, 0 }, "Service Asserted Identity" },
};

struct rid_name {
	uint32_t	 rid;
	const char	*name;
};

static const struct rid_name domain_rids[] = {
	{ 498, "Enterprise Read-only Domain Controllers" },
	{ 500, "Administrator" },
	{ 501, "Guest" },
	{ 502, "krbtgt" },
	{ 512, "Domain Admins" },
	{ 513, "Domain Users" },
	{ 514, "Domain Guests" },
	{ 515, "Domain Computers" },
	{ 516, "Domain Controllers" },
	{ 517, "Cert Publishers" },
	{ 518, "Schema Admins" },
	{ 519, "Enterprise Admins" },
	{ 520, "Group Policy Creator Owners" },
	{ 521, "Read-only Domain Controllers" },
	{ 522, "Cloneable Domain Controllers" },
	{ 525, "Protected Users" },
	{ 526, "Key Admins" },
	{ 527, "Enterprise Key Admins" },
	{ 553, "RAS and IAS Servers" },
	{ 571, "Allowed RODC Password Replication Group" },
	{ 572, "Denied RODC Password Replication Group" },
};

const char *
rp_sid_name(const struct rp_sid *sid)
{
	size_t i;
	uint32_t rid;

	if (sid->revision != 1)
		return NULL;
	if (rp_sid_is_domain_account(sid)) {
		rid = rp_sid_rid(sid);
		for (i = 0; i < sizeof(domain_rids) / sizeof(domain_rids[0]);
		    i++)
			if (domain_rids[i].rid == rid)
				return domain_rids[i].name;
		return NULL;
	}
	for (i = 0; i < sizeof(well_known) / sizeof(well_known[0]); i++) {
		const struct wk *w = &well_known[i];

		if (w->authority == sid->authority && w->nsub == sid->nsub &&
		    w->sub[0] == sid->sub[0] &&
		    (w->nsub < 2 || w->sub[1] == sid->sub[1]))
			return w->name;
	}
	return NULL;
}
