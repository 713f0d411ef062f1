/*
 * secdesc.h -- self-relative security descriptors (MS-DTYP 2.4.6), as
 * Active Directory returns them in nTSecurityDescriptor (with the SD_FLAGS
 * control) or in msDS-AllowedToActOnBehalfOfOtherIdentity: owner, group
 * and DACL, with object ACEs (object type and inherited object type
 * GUIDs). The SACL is not parsed. Hostile input: every offset and size is
 * checked against the buffer, counts are bounded by the bytes present.
 *
 * Then what an allow ACE grants, in the classes that matter for an audit
 * (DCSync, GenericAll, WriteDacl, write member, write SPN, shadow
 * credentials...), with property sets expanded.
 */
#ifndef RP_SECDESC_H
#define RP_SECDESC_H

#include <stddef.h>
#include <stdint.h>

#include "parse/sid.h"

#define RP_SD_MAX_BYTES		(1u << 20)

/* SECURITY_DESCRIPTOR control bits */
#define RP_SE_OWNER_DEFAULTED	0x0001
#define RP_SE_DACL_PRESENT	0x0004
#define RP_SE_SACL_PRESENT	0x0010
#define RP_SE_DACL_PROTECTED	0x1000
#define RP_SE_SELF_RELATIVE	0x8000

/* ACE types */
#define RP_ACE_ALLOWED		0x00
#define RP_ACE_DENIED		0x01
#define RP_ACE_AUDIT		0x02
#define RP_ACE_ALLOWED_OBJECT	0x05
#define RP_ACE_DENIED_OBJECT	0x06
#define RP_ACE_AUDIT_OBJECT	0x07

/* ACE flags */
#define RP_ACE_OBJECT_INHERIT	0x01
#define RP_ACE_CONTAINER_INHERIT 0x02
#define RP_ACE_NO_PROPAGATE	0x04
#define RP_ACE_INHERIT_ONLY	0x08
#define RP_ACE_INHERITED	0x10

/* Access mask bits (directory services) */
#define RP_DS_CREATE_CHILD	0x00000001
#define RP_DS_DELETE_CHILD	0x00000002
#define RP_DS_LIST		0x00000004
#define RP_DS_SELF		0x00000008
#define RP_DS_READ_PROP		0x00000010
#define RP_DS_WRITE_PROP	0x00000020
#define RP_DS_DELETE_TREE	0x00000040
#define RP_DS_LIST_OBJECT	0x00000080
#define RP_DS_CONTROL_ACCESS	0x00000100
#define RP_DELETE		0x00010000
#define RP_READ_CONTROL		0x00020000
#define RP_WRITE_DAC		0x00040000
#define RP_WRITE_OWNER		0x00080000
#define RP_GENERIC_ALL		0x10000000
#define RP_GENERIC_EXECUTE	0x20000000
#define RP_GENERIC_WRITE	0x40000000
#define RP_GENERIC_READ		0x80000000
/* GenericAll as AD stores it: standard rights + every DS right */
#define RP_DS_FULL_CONTROL	0x000f01ff

struct rp_guid {
	unsigned char	b[16];	/* wire order (first three fields LE) */
};

struct rp_ace {
	uint8_t		type;
	uint8_t		flags;
	uint32_t	mask;
	int		has_object;	/* object ACE with ObjectType */
	int		has_inherited;	/* ... with InheritedObjectType */
	struct rp_guid	object;
	struct rp_guid	inherited;
	int		has_sid;	/* 0 for ACE types we do not decode */
	struct rp_sid	sid;
};

struct rp_secdesc {
	uint16_t	 control;
	int		 has_owner, has_group, has_dacl;
	struct rp_sid	 owner, group;
	struct rp_ace	*aces;		/* the DACL; owned */
	size_t		 naces;
};

/* Parse len bytes. 0, or RP_ERR_PARSE with *cause (where and why). */
int	rp_secdesc_parse(const void *buf, size_t len, struct rp_secdesc *out,
	    char **cause);
void	rp_secdesc_release(struct rp_secdesc *sd);

/* "bf9679c0-0de6-11d0-a285-00aa003049e2" (36 chars). 0 or RP_ERR_PARSE. */
int	rp_guid_parse(const char *s, struct rp_guid *g);
/* Text form into buf (at least 37 bytes); returns buf. */
char	*rp_guid_str(const struct rp_guid *g, char *buf);
int	rp_guid_eq(const struct rp_guid *a, const struct rp_guid *b);
/* Name of a well-known attribute, property set, class or right; or NULL. */
const char *rp_guid_name(const struct rp_guid *g);

/* Does the ACE apply to the object that carries it (not inherit-only)? */
int	rp_ace_applies(const struct rp_ace *a);
int	rp_ace_is_allow(const struct rp_ace *a);

/*
 * The rights classes an ACE grants on its object (0 for a deny, audit or
 * inherit-only ACE). GenericAll implies every class, GenericWrite and
 * WriteProperty on all properties every write class, ControlAccess on all
 * rights every extended right; property sets are expanded (Membership:
 * member, Public-Information: servicePrincipalName and
 * msDS-AllowedToDelegateTo, User-Account-Restrictions: userAccountControl
 * and msDS-AllowedToActOnBehalfOfOtherIdentity, User-Logon: scriptPath).
 */
#define RP_R_GENERIC_ALL	(1u << 0)
#define RP_R_GENERIC_WRITE	(1u << 1)
#define RP_R_WRITE_DACL		(1u << 2)
#define RP_R_WRITE_OWNER	(1u << 3)
#define RP_R_WRITE_ALL_PROPS	(1u << 4)
#define RP_R_ALL_EXTENDED	(1u << 5)
#define RP_R_ALL_VALIDATED	(1u << 6)
#define RP_R_WRITE_MEMBER	(1u << 7)
#define RP_R_WRITE_SPN		(1u << 8)
#define RP_R_WRITE_KEYCRED	(1u << 9)
#define RP_R_WRITE_RBCD		(1u << 10)
#define RP_R_WRITE_UAC		(1u << 11)
#define RP_R_WRITE_LOGON	(1u << 12)
#define RP_R_WRITE_GPLINK	(1u << 13)
#define RP_R_WRITE_GPCPATH	(1u << 14)
#define RP_R_WRITE_DELEG	(1u << 15)
#define RP_R_FORCE_PASSWORD	(1u << 16)
#define RP_R_GET_CHANGES	(1u << 17)
#define RP_R_GET_CHANGES_ALL	(1u << 18)
#define RP_R_GET_CHANGES_FILT	(1u << 19)
#define RP_R_REANIMATE		(1u << 20)
#define RP_R_MIGRATE_SIDHIST	(1u << 21)
#define RP_R_UNEXPIRE		(1u << 22)
#define RP_R__COUNT		23

/* Every class a property write can give. */
#define RP_R_ANY_WRITE	(RP_R_WRITE_MEMBER | RP_R_WRITE_SPN | \
	RP_R_WRITE_KEYCRED | RP_R_WRITE_RBCD | RP_R_WRITE_UAC | \
	RP_R_WRITE_LOGON | RP_R_WRITE_GPLINK | RP_R_WRITE_GPCPATH | \
	RP_R_WRITE_DELEG)
/* Every class an extended right can give. */
#define RP_R_ANY_EXTENDED (RP_R_FORCE_PASSWORD | RP_R_GET_CHANGES | \
	RP_R_GET_CHANGES_ALL | RP_R_GET_CHANGES_FILT | RP_R_REANIMATE | \
	RP_R_MIGRATE_SIDHIST | RP_R_UNEXPIRE)

unsigned	 rp_ace_rights(const struct rp_ace *a);
/* "GenericAll", "WriteDacl", "DS-Replication-Get-Changes-All", ... */
const char	*rp_right_name(unsigned bit);
/* Names of the classes in rights, "|"-separated, into buf. */
char		*rp_rights_str(unsigned rights, char *buf, size_t len);

#endif
