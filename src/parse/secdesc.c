/*
 * secdesc.c -- self-relative security descriptors and what their ACEs
 * grant. See secdesc.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/util.h"
#include "core/xmalloc.h"
#include "parse/secdesc.h"
#include "core/banned.h"

#define SD_HEADER	20
#define ACL_HEADER	8
#define ACE_MIN		8

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static int
is_object_type(uint8_t t)
{
	/* allowed/denied/audit/alarm object, and their callback forms */
	return t == 0x05 || t == 0x06 || t == 0x07 || t == 0x08 ||
	    t == 0x0b || t == 0x0c || t == 0x0f || t == 0x10;
}

static int
is_simple_type(uint8_t t)
{
	return t <= 0x03 || t == 0x09 || t == 0x0a || t == 0x0d ||
	    t == 0x0e || t == 0x11 || t == 0x12 || t == 0x13;
}

/* One ACE of asz bytes (asz >= ACE_MIN, within the buffer). */
static int
parse_ace(const unsigned char *p, size_t asz, struct rp_ace *a, size_t idx,
    char **cause)
{
	size_t q = 8;
	uint32_t of;

	memset(a, 0, sizeof(*a));
	a->type = p[0];
	a->flags = p[1];
	a->mask = rp_le32(p + 4);
	if (is_object_type(a->type)) {
		if (asz < 12)
			return rp_fail(cause, RP_ERR_PARSE, "ACE %zu: object "
			    "ACE of %zu bytes", idx, asz);
		of = rp_le32(p + 8);
		q = 12;
		if (of & 1) {
			if (asz - q < 16)
				return rp_fail(cause, RP_ERR_PARSE, "ACE %zu: "
				    "object type past the ACE", idx);
			memcpy(a->object.b, p + q, 16);
			a->has_object = 1;
			q += 16;
		}
		if (of & 2) {
			if (asz - q < 16)
				return rp_fail(cause, RP_ERR_PARSE, "ACE %zu: "
				    "inherited object type past the ACE", idx);
			memcpy(a->inherited.b, p + q, 16);
			a->has_inherited = 1;
			q += 16;
		}
	} else if (!is_simple_type(a->type))
		return 0;	/* kept: type, flags, mask; no SID */
	if (rp_sid_parse(p + q, asz - q, &a->sid, NULL) != 0)
		return rp_fail(cause, RP_ERR_PARSE, "ACE %zu: bad SID", idx);
	a->has_sid = 1;
	return 0;
}

static int
parse_acl(const unsigned char *p, size_t avail, struct rp_secdesc *sd,
    char **cause)
{
	size_t size, count, pos = ACL_HEADER, i, asz;
	int r;

	if (avail < ACL_HEADER)
		return rp_fail(cause, RP_ERR_PARSE, "DACL header past the "
		    "end");
	if (p[0] != 2 && p[0] != 4)
		return rp_fail(cause, RP_ERR_PARSE, "DACL revision %u",
		    p[0]);
	size = le16(p + 2);
	count = le16(p + 4);
	if (size < ACL_HEADER || size > avail)
		return rp_fail(cause, RP_ERR_PARSE, "DACL size %zu (%zu bytes "
		    "left)", size, avail);
	if (count > (size - ACL_HEADER) / ACE_MIN)
		return rp_fail(cause, RP_ERR_PARSE, "DACL claims %zu ACEs in "
		    "%zu bytes", count, size);
	sd->aces = xcalloc(count ? count : 1, sizeof(*sd->aces));
	for (i = 0; i < count; i++) {
		if (size - pos < ACE_MIN)
			return rp_fail(cause, RP_ERR_PARSE, "ACE %zu past the "
			    "DACL", i);
		asz = le16(p + pos + 2);
		if (asz < ACE_MIN || asz > size - pos)
			return rp_fail(cause, RP_ERR_PARSE, "ACE %zu: size %zu",
			    i, asz);
		if ((r = parse_ace(p + pos, asz, &sd->aces[i], i, cause)) != 0)
			return r;
		sd->naces++;
		pos += asz;
	}
	sd->has_dacl = 1;
	return 0;
}

static int
parse_sid_at(const unsigned char *p, size_t len, uint32_t off,
    struct rp_sid *sid, const char *what, char **cause)
{
	if (off < SD_HEADER || off >= len)
		return rp_fail(cause, RP_ERR_PARSE, "%s offset %lu outside the "
		    "descriptor", what, (unsigned long)off);
	if (rp_sid_parse(p + off, len - off, sid, NULL) != 0)
		return rp_fail(cause, RP_ERR_PARSE, "bad %s SID", what);
	return 0;
}

int
rp_secdesc_parse(const void *buf, size_t len, struct rp_secdesc *out,
    char **cause)
{
	const unsigned char *p = buf;
	struct rp_secdesc sd;
	uint32_t off;
	int r = 0;

	memset(&sd, 0, sizeof(sd));
	if (len < SD_HEADER)
		return rp_fail(cause, RP_ERR_PARSE, "security descriptor of "
		    "%zu bytes (header is %d)", len, SD_HEADER);
	if (len > RP_SD_MAX_BYTES)
		return rp_fail(cause, RP_ERR_PARSE, "security descriptor of "
		    "%zu bytes: too large", len);
	if (p[0] != 1)
		return rp_fail(cause, RP_ERR_PARSE, "security descriptor "
		    "revision %u", p[0]);
	sd.control = le16(p + 2);
	if (!(sd.control & RP_SE_SELF_RELATIVE))
		return rp_fail(cause, RP_ERR_PARSE, "security descriptor is "
		    "not self-relative");
	if ((off = rp_le32(p + 4)) != 0) {
		if ((r = parse_sid_at(p, len, off, &sd.owner, "owner",
		    cause)) != 0)
			goto out;
		sd.has_owner = 1;
	}
	if ((off = rp_le32(p + 8)) != 0) {
		if ((r = parse_sid_at(p, len, off, &sd.group, "group",
		    cause)) != 0)
			goto out;
		sd.has_group = 1;
	}
	off = rp_le32(p + 16);
	if ((sd.control & RP_SE_DACL_PRESENT) && off != 0) {
		if (off < SD_HEADER || off >= len) {
			r = rp_fail(cause, RP_ERR_PARSE, "DACL offset %lu "
			    "outside the descriptor", (unsigned long)off);
			goto out;
		}
		if ((r = parse_acl(p + off, len - off, &sd, cause)) != 0)
			goto out;
	}
	*out = sd;
	return 0;
out:
	rp_secdesc_release(&sd);
	return r;
}

void
rp_secdesc_release(struct rp_secdesc *sd)
{
	if (sd == NULL)
		return;
	free(sd->aces);
	sd->aces = NULL;
	sd->naces = 0;
}

/* Byte order of the text digits pairs in the wire form. */
static const int guid_order[16] = {
	3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15
};

int
rp_guid_parse(const char *s, struct rp_guid *g)
{
	struct rp_guid t;
	int i, k = 0, h, l;

	for (i = 0; i < 16; i++) {
		if (k == 8 || k == 13 || k == 18 || k == 23) {
			if (s[k] != '-')
				return RP_ERR_PARSE;
			k++;
		}
		if ((h = rp_hexval((unsigned char)s[k])) < 0 ||
		    (l = rp_hexval((unsigned char)s[k + 1])) < 0)
			return RP_ERR_PARSE;
		t.b[guid_order[i]] = (unsigned char)(h << 4 | l);
		k += 2;
	}
	if (s[k] != '\0')
		return RP_ERR_PARSE;
	*g = t;
	return 0;
}

char *
rp_guid_str(const struct rp_guid *g, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	int i, k = 0;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			buf[k++] = '-';
		buf[k++] = hex[g->b[guid_order[i]] >> 4];
		buf[k++] = hex[g->b[guid_order[i]] & 15];
	}
	buf[k] = '\0';
	return buf;
}

int
rp_guid_eq(const struct rp_guid *a, const struct rp_guid *b)
{
	return memcmp(a->b, b->b, 16) == 0;
}

/*
 * Well-known GUIDs. Attribute and property-set GUIDs were checked in a
 * Samba 4.17 schema (schemaIDGUID, attributeSecurityGUID) except
 * msDS-KeyCredentialLink (absent before the 2016 schema: from Microsoft's
 * schema documentation). write: classes a WriteProperty on it grants;
 * ext: a ControlAccess; self: a validated write (Self).
 */
struct guid_info {
	const char	*guid;
	const char	*name;
	unsigned	 write, ext, self;
};

static const struct guid_info guids[] = {
	{ "1131f6aa-9c07-11d1-f79f-00c04fc2dcd2",
	    "DS-Replication-Get-Changes", 0, RP_R_GET_CHANGES, 0 },
	{ "1131f6ad-9c07-11d1-f79f-00c04fc2dcd2",
	    "DS-Replication-Get-Changes-All", 0, RP_R_GET_CHANGES_ALL, 0 },
	{ "89e95b76-444d-4c62-991a-0facbeda640c",
	    "DS-Replication-Get-Changes-In-Filtered-Set", 0,
	    RP_R_GET_CHANGES_FILT, 0 },
	{ "1131f6ab-9c07-11d1-f79f-00c04fc2dcd2",
	    "DS-Replication-Synchronize", 0, 0, 0 },
	{ "1131f6ac-9c07-11d1-f79f-00c04fc2dcd2",
	    "DS-Replication-Manage-Topology", 0, 0, 0 },
	{ "1131f6ae-9c07-11d1-f79f-00c04fc2dcd2",
	    "Read-Only-Replication-Secret-Synchronization", 0, 0, 0 },
	{ "00299570-246d-11d0-a768-00aa006e0529",
	    "User-Force-Change-Password", 0, RP_R_FORCE_PASSWORD, 0 },
	{ "ab721a53-1e2f-11d0-9819-00aa0040529b", "User-Change-Password",
	    0, 0, 0 },
	{ "45ec5156-db7e-47bb-b53f-dbeb2d03c40f", "Reanimate-Tombstones",
	    0, RP_R_REANIMATE, 0 },
	{ "ba33815a-4f93-4c76-87f3-57574bff8109", "Migrate-SID-History",
	    0, RP_R_MIGRATE_SIDHIST, 0 },
	{ "ccc2dc7d-a6ad-4a7a-8846-c04e3cc53501", "Unexpire-Password",
	    0, RP_R_UNEXPIRE, 0 },
	{ "edacfd8f-ffb3-11d1-b41d-00a0c968f939", "Apply-Group-Policy",
	    0, 0, 0 },
	{ "0e10c968-78fb-11d2-90d4-00c04f79dc55", "Certificate-Enrollment",
	    0, 0, 0 },
	{ "a05b8cc2-17bc-4802-a710-e7c15ab866a2",
	    "Certificate-AutoEnrollment", 0, 0, 0 },
	{ "bf9679c0-0de6-11d0-a285-00aa003049e2", "member",
	    RP_R_WRITE_MEMBER, 0, RP_R_WRITE_MEMBER },
	{ "bc0ac240-79a9-11d0-9020-00c04fc2d4cf", "Membership (property set)",
	    RP_R_WRITE_MEMBER, 0, 0 },
	{ "f3a64788-5306-11d1-a9c5-0000f80367c1", "servicePrincipalName",
	    RP_R_WRITE_SPN, 0, RP_R_WRITE_SPN },
	{ "e48d0154-bcf8-11d1-8702-00c04fb96050",
	    "Public-Information (property set)",
	    RP_R_WRITE_SPN | RP_R_WRITE_DELEG, 0, 0 },
	{ "5b47d60f-6090-40b2-9f37-2a4de88f3063", "msDS-KeyCredentialLink",
	    RP_R_WRITE_KEYCRED, 0, 0 },
	{ "3f78c3e5-f79a-46bd-a0b8-9d18116ddc79",
	    "msDS-AllowedToActOnBehalfOfOtherIdentity", RP_R_WRITE_RBCD, 0,
	    0 },
	{ "800d94d7-b7a1-42a1-b14d-7cae1423d07f", "msDS-AllowedToDelegateTo",
	    RP_R_WRITE_DELEG, 0, 0 },
	{ "bf967a68-0de6-11d0-a285-00aa003049e2", "userAccountControl",
	    RP_R_WRITE_UAC, 0, 0 },
	{ "4c164200-20c0-11d0-a768-00aa006e0529",
	    "User-Account-Restrictions (property set)",
	    RP_R_WRITE_UAC | RP_R_WRITE_RBCD, 0, 0 },
	{ "bf9679a8-0de6-11d0-a285-00aa003049e2", "scriptPath",
	    RP_R_WRITE_LOGON, 0, 0 },
	{ "5f202010-79a5-11d0-9020-00c04fc2d4cf", "User-Logon (property set)",
	    RP_R_WRITE_LOGON, 0, 0 },
	{ "f30e3bbe-9ff0-11d1-b603-0000f80367c1", "gPLink",
	    RP_R_WRITE_GPLINK, 0, 0 },
	{ "f30e3bc1-9ff0-11d1-b603-0000f80367c1", "gPCFileSysPath",
	    RP_R_WRITE_GPCPATH, 0, 0 },
	{ "72e39547-7b18-11d1-adef-00c04fd8d5cd", "dNSHostName (validated)",
	    0, 0, 0 },
	{ "77b5b886-944a-11d1-aebd-0000f80367c1",
	    "Personal-Information (property set)", 0, 0, 0 },
	{ "59ba2f42-79a2-11d0-9020-00c04fc2d3cf",
	    "General-Information (property set)", 0, 0, 0 },
	{ "91e647de-d96f-4b70-9557-d63ff4f3ccd8",
	    "Private-Information (property set)", 0, 0, 0 },
	{ "bf967a7f-0de6-11d0-a285-00aa003049e2", "userCertificate",
	    0, 0, 0 },
	{ "bf967aba-0de6-11d0-a285-00aa003049e2", "user (class)", 0, 0, 0 },
	{ "bf967a86-0de6-11d0-a285-00aa003049e2", "computer (class)",
	    0, 0, 0 },
	{ "bf967a9c-0de6-11d0-a285-00aa003049e2", "group (class)", 0, 0, 0 },
	{ "4828cc14-1437-45bc-9b07-ad6f015e5f28", "inetOrgPerson (class)",
	    0, 0, 0 },
	{ "bf967aa5-0de6-11d0-a285-00aa003049e2",
	    "organizationalUnit (class)", 0, 0, 0 },
	{ "f30e3bc2-9ff0-11d1-b603-0000f80367c1",
	    "groupPolicyContainer (class)", 0, 0, 0 },
	{ "7b8b558a-93a5-4af7-adca-c017e67f1057",
	    "msDS-GroupManagedServiceAccount (class)", 0, 0, 0 },
	{ "0feb936f-47b3-49f2-9386-1dedc2c23765",
	    "msDS-DelegatedManagedServiceAccount (class)", 0, 0, 0 },
};

static const struct guid_info *
guid_lookup(const struct rp_guid *g)
{
	char s[40];
	size_t i;

	rp_guid_str(g, s);
	for (i = 0; i < sizeof(guids) / sizeof(guids[0]); i++)
		if (strcmp(guids[i].guid, s) == 0)
			return &guids[i];
	return NULL;
}

const char *
rp_guid_name(const struct rp_guid *g)
{
	const struct guid_info *gi = guid_lookup(g);

	return gi ? gi->name : NULL;
}

int
rp_ace_applies(const struct rp_ace *a)
{
	return !(a->flags & RP_ACE_INHERIT_ONLY);
}

int
rp_ace_is_allow(const struct rp_ace *a)
{
	return a->type == RP_ACE_ALLOWED || a->type == RP_ACE_ALLOWED_OBJECT;
}

static unsigned
general_rights(uint32_t m)
{
	unsigned r = 0;

	if ((m & RP_GENERIC_ALL) || (m & RP_DS_FULL_CONTROL) ==
	    RP_DS_FULL_CONTROL)
		return (1u << RP_R__COUNT) - 1;
	if (m & RP_GENERIC_WRITE)
		r |= RP_R_GENERIC_WRITE | RP_R_WRITE_ALL_PROPS |
		    RP_R_ALL_VALIDATED | RP_R_ANY_WRITE;
	if (m & RP_WRITE_DAC)
		r |= RP_R_WRITE_DACL;
	if (m & RP_WRITE_OWNER)
		r |= RP_R_WRITE_OWNER;
	if (m & RP_DS_WRITE_PROP)
		r |= RP_R_WRITE_ALL_PROPS | RP_R_ANY_WRITE;
	if (m & RP_DS_CONTROL_ACCESS)
		r |= RP_R_ALL_EXTENDED | RP_R_ANY_EXTENDED;
	if (m & RP_DS_SELF)
		r |= RP_R_ALL_VALIDATED | RP_R_WRITE_MEMBER | RP_R_WRITE_SPN;
	return r;
}

unsigned
rp_ace_rights(const struct rp_ace *a)
{
	const struct guid_info *gi;
	unsigned r = 0;

	if (!rp_ace_applies(a) || !rp_ace_is_allow(a))
		return 0;
	if (!a->has_object)
		return general_rights(a->mask);
	/* an object ACE: the DS bits apply to that one GUID */
	if ((gi = guid_lookup(&a->object)) == NULL)
		return 0;
	if (a->mask & RP_DS_WRITE_PROP)
		r |= gi->write;
	if (a->mask & RP_DS_CONTROL_ACCESS)
		r |= gi->ext;
	if (a->mask & RP_DS_SELF)
		r |= gi->self;
	return r;
}

static const char *const right_names[RP_R__COUNT] = {
	"GenericAll", "GenericWrite", "WriteDacl", "WriteOwner",
	"WriteProperty(all)", "AllExtendedRights", "AllValidatedWrites",
	"Write(member)", "Write(servicePrincipalName)",
	"Write(msDS-KeyCredentialLink)",
	"Write(msDS-AllowedToActOnBehalfOfOtherIdentity)",
	"Write(userAccountControl)", "Write(scriptPath)", "Write(gPLink)",
	"Write(gPCFileSysPath)", "Write(msDS-AllowedToDelegateTo)",
	"User-Force-Change-Password", "DS-Replication-Get-Changes",
	"DS-Replication-Get-Changes-All",
	"DS-Replication-Get-Changes-In-Filtered-Set",
	"Reanimate-Tombstones", "Migrate-SID-History", "Unexpire-Password",
};

const char *
rp_right_name(unsigned bit)
{
	unsigned i;

	for (i = 0; i < RP_R__COUNT; i++)
		if (bit == 1u << i)
			return right_names[i];
	return "?";
}

/*
 * The most telling names only: GenericAll hides what it implies, and so
 * do WriteProperty(all) and AllExtendedRights.
 */
char *
rp_rights_str(unsigned rights, char *buf, size_t len)
{
	size_t off = 0;
	unsigned i;
	int n;

	buf[0] = '\0';
	if (rights & RP_R_GENERIC_ALL)
		rights = RP_R_GENERIC_ALL;
	if (rights & RP_R_GENERIC_WRITE)
		rights &= ~(unsigned)(RP_R_WRITE_ALL_PROPS |
		    RP_R_ALL_VALIDATED | RP_R_ANY_WRITE);
	if (rights & RP_R_WRITE_ALL_PROPS)
		rights &= ~(unsigned)RP_R_ANY_WRITE;
	if (rights & RP_R_ALL_EXTENDED)
		rights &= ~(unsigned)RP_R_ANY_EXTENDED;
	if (rights & RP_R_ALL_VALIDATED)
		rights &= ~(unsigned)(RP_R_WRITE_MEMBER | RP_R_WRITE_SPN);
	for (i = 0; i < RP_R__COUNT && off < len; i++) {
		if (!(rights & (1u << i)))
			continue;
		n = snprintf(buf + off, len - off, "%s%s", off ? "|" : "",
		    right_names[i]);
		if (n < 0)
			break;
		off += (size_t)n;
	}
	return buf;
}
