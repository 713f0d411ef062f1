/*
 * gpo.h -- readers of the SYSVOL evidence (collect/sysvol.h) and of the
 * policy file formats in it, all bounded and for hostile input:
 *
 *   the probe output  "rempart-sysvol/1" records (docs/evidence-format.md)
 *   text               UTF-16LE with BOM, UTF-8 with or without BOM -> UTF-8
 *   INI / INF          GptTmpl.inf, scripts.ini, GPT.INI: [section] key=value
 *   PReg               Registry.pol: "PReg", version 1, [key;value;type;size;data]
 *   GPP XML            Groups.xml, ScheduledTasks.xml, ... through libxml2
 *                      (no DTD, no entity, no network)
 */
#ifndef RP_PARSE_GPO_H
#define RP_PARSE_GPO_H

#include <stddef.h>

#define RP_GPO_MAX_TEXT		(8u * 1024 * 1024)
#define RP_GPO_MAX_LINE		65536
#define RP_PREG_MAX_RECORDS	100000
#define RP_GPP_MAX_ITEMS	10000
#define RP_GPP_MAX_PROPS	64
#define RP_GPP_MAX_MEMBERS	256
#define RP_GPP_MAX_DEPTH	32

/* One file record of the SYSVOL probe output. */
struct rp_sysvol_file {
	char		 path[1024];	/* unescaped, NUL-free: {GUID}/Machine/... */
	char		 guid[40];	/* first component */
	const char	*data;		/* borrowed from the output */
	size_t		 len;
	long long	 size;		/* on the source */
	long long	 mtime, ctime, btime;	/* -1: unknown */
	int		 truncated;
	int		 masked;	/* cpassword values masked */
};

/*
 * Call cb for each file record; cb returning non-zero stops (returned).
 * 0 when the output is well formed and ends with its "end" line; else
 * RP_ERR_PARSE (malformed, *cause: where) or RP_ERR_TOO_LARGE (no end
 * line: cut). *nfiles counts the records seen (may be NULL).
 */
typedef int (*rp_sysvol_file_cb)(const struct rp_sysvol_file *f, void *arg);
int	rp_sysvol_each(const char *data, size_t len, rp_sysvol_file_cb cb,
	    void *arg, size_t *nfiles, char **cause);

/* Percent-escape s (bytes outside [A-Za-z0-9._{}-]; '/' kept when keep_slash). */
char	*rp_sysvol_escape(const char *s, int keep_slash);

/*
 * The file's text as UTF-8 (owned, NUL-terminated): UTF-16LE when it
 * starts with FF FE, UTF-16BE with FE FF, UTF-16 without a BOM when its
 * first unit is an ASCII character (the zero byte says the order), else
 * the bytes after a UTF-8 BOM. NUL bytes become
 * spaces; unpaired surrogates U+FFFD. NULL when larger than RP_GPO_MAX_TEXT.
 */
char	*rp_gpo_text(const char *data, size_t len, size_t *outlen);

/*
 * INI/INF lines of UTF-8 text: cb(section, key, value) for each line with
 * a key (value NULL for a line without '='); keys and values trimmed,
 * one pair of surrounding double quotes removed from the value. Comments
 * (';' at the start) and blank lines skipped. LF, CRLF or a lone CR end
 * a line. Lines longer than RP_GPO_MAX_LINE are cut (rp_ini_longest says
 * whether one is). cb returning non-zero stops.
 */
typedef int (*rp_ini_cb)(const char *section, const char *key,
    const char *value, void *arg);
int	rp_ini_each(const char *text, size_t len, rp_ini_cb cb, void *arg);
/* The length of the longest line of text. */
size_t	rp_ini_longest(const char *text, size_t len);

/* PReg value types */
#define RP_REG_SZ		1
#define RP_REG_EXPAND_SZ	2
#define RP_REG_BINARY		3
#define RP_REG_DWORD		4
#define RP_REG_MULTI_SZ		7
#define RP_REG_QWORD		11

struct rp_preg_rec {
	char		 key[1024];	/* UTF-8 */
	char		 value[512];
	unsigned	 type;
	const unsigned char *data;	/* borrowed */
	size_t		 size;
	int		 has_dword;	/* type DWORD and 4 bytes */
	unsigned long	 dword;
	char		 str[512];	/* SZ / EXPAND_SZ as UTF-8 */
};

/*
 * Each record of a Registry.pol: 0, or RP_ERR_PARSE with *cause (bad
 * signature or version, record cut or malformed) after calling cb for the
 * records before it; RP_ERR_TOO_LARGE past RP_PREG_MAX_RECORDS.
 */
typedef int (*rp_preg_cb)(const struct rp_preg_rec *r, void *arg);
int	rp_preg_each(const unsigned char *data, size_t len, rp_preg_cb cb,
	    void *arg, char **cause);

/* One item of a Group Policy Preferences file. */
struct rp_gpp_kv {
	const char	*k, *v;
};
struct rp_gpp_item {
	const char	*kind;		/* element: Group, User, Task, ImmediateTaskV2, NTService, ... */
	const char	*name;		/* its name attribute ("" if none) */
	const char	*changed;	/* its changed attribute ("" if none) */
	int		 disabled;
	struct rp_gpp_kv props[RP_GPP_MAX_PROPS];	/* Properties attributes */
	size_t		 nprops;
	/* Group: "ACTION\tNAME\tSID" of each Members/Member ("-": none) */
	const char	*members[RP_GPP_MAX_MEMBERS];
	size_t		 nmembers;
	/* tasks: the text of Command, Arguments, UserId (first found) */
	const char	*command, *arguments, *userid, *runlevel;
};

/* Value of a property of it, or NULL. */
const char *rp_gpp_prop(const struct rp_gpp_item *it, const char *k);

/*
 * Each item (an element with a Properties child) of a GPP XML file, in
 * document order. 0, or RP_ERR_PARSE (not well formed, a DTD: *cause), or
 * RP_ERR_TOO_LARGE past RP_GPP_MAX_ITEMS. cb returning non-zero stops.
 */
typedef int (*rp_gpp_cb)(const struct rp_gpp_item *it, void *arg);
int	rp_gpp_each(const char *data, size_t len, rp_gpp_cb cb, void *arg,
	    char **cause);

/*
 * What libxml2 reads of data: 1 if an attribute named cpassword (any case,
 * any element) has a value other than empty or mask, or the document has a
 * DTD; 0 if none; -1 if data is not well-formed XML.
 */
int	rp_gpp_secret_left(const char *data, size_t len, const char *mask);

#endif
