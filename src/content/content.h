/*
 * content.h -- the check catalogue, baselines, waivers and incident context
 * as loaded from XML. Every file is validated against its XSD before use;
 * DTDs are refused (no external entity, no entity expansion, no network).
 *
 * Everything here is owned by the struct rp_content that loaded it and
 * freed by rp_content_free().
 */
#ifndef RP_CONTENT_H
#define RP_CONTENT_H

#include <stddef.h>
#include <time.h>

#include "core/model.h"

struct rp_evaluator;
struct rp_rx;

struct rp_text {
	char	*en;
	char	*fr;
};

/* lang: "fr" or anything else for English; falls back to the other one. */
const char *rp_text_get(const struct rp_text *t, const char *lang);

struct rp_ref {
	char	*scheme;	/* anssi-bp028, cis-debian12, attack, ... */
	char	*id;
	char	*level;		/* may be NULL */
};

enum rp_probe_type {
	RP_PROBE_COMMAND,	/* run by a shell (ssh) */
	RP_PROBE_LDAP,		/* an LDAP search (ldap, an LDIF export) */
	RP_PROBE_SYSVOL,	/* AD: GPO files (collect/sysvol.h) */
	RP_PROBE__COUNT
};

struct rp_probe {
	char			*id;
	enum rp_kind		 kind;
	enum rp_probe_type	 type;
	struct rp_text		 description;
	char			*command;	/* RP_PROBE_COMMAND */
	char			*requires;	/* NULL: none */
	/* the probe of the configuration the next boot applies (same
	 * format): a declarative check reading this one judges it too */
	char			*durable;
	int			 root;
	int			 deep;		/* collected with --deep only */
	size_t			 max_bytes;	/* 0: default */
	unsigned char		 exit_ok[32];	/* bitmap of the statuses that
						   say complete: exit-ok=,
						   default 0 only */
	char			*ldap_base;	/* RP_PROBE_LDAP */
	char			*ldap_scope;
	char			*ldap_filter;
	char			*ldap_attrs;	/* space separated */
	int			 sd_flags;	/* -1: none */
	char			*file;
	int			 line;
};

enum rp_xkind {
	RP_X_KEYVALUE,
	RP_X_REGEX,
	RP_X_LINES,
	RP_X_WHOLE,
	RP_X_LDAP_ATTR,
	RP_X_LDAP_ENTRIES,
};

enum rp_pick {
	RP_PICK_DEFAULT,
	RP_PICK_FIRST,
	RP_PICK_LAST,
	RP_PICK_ALL,
};

struct rp_extract {
	enum rp_xkind	 kind;
	char		*key;		/* keyvalue key, ldap attribute, label */
	char		 sep;		/* keyvalue: ' ' (any blank), '=' or ':' */
	char		*pattern;	/* regex pattern, lines filter */
	char		*group;		/* named group to return */
	struct rp_rx	*rx;		/* compiled pattern */
	enum rp_pick	 pick;
	char		*split;		/* split each value on these characters */
	char		*defval;	/* value when nothing is found */
	int		 icase;
};

enum rp_op {
	RP_OP_EQ, RP_OP_NE, RP_OP_LT, RP_OP_LE, RP_OP_GT, RP_OP_GE,
	RP_OP_IN, RP_OP_NOT_IN, RP_OP_MATCHES, RP_OP_NOT_MATCHES,
	RP_OP_ABSENT, RP_OP_PRESENT,
	RP_OP_VERSION_LT, RP_OP_VERSION_LE, RP_OP_VERSION_GT,
	RP_OP_VERSION_GE,
	RP_OP__COUNT
};

enum rp_quant {
	RP_Q_ONE, RP_Q_ALL, RP_Q_ANY, RP_Q_NONE, RP_Q_COUNT,
};

struct rp_test {
	enum rp_op	 op;
	enum rp_quant	 quant;
	char		*value;		/* expected; NULL for absent/present */
	int		 empty;		/* verdict on no value; -1: default */
	int		 icase;
};

const char	*rp_op_name(enum rp_op op);
int		 rp_op_parse(const char *s);

/*
 * A command of the remediation filled with each object the check found
 * (<fill> in the catalogue, checks/README.md): the template holds
 * RP_FILL_MARK where the object goes, quoted for the command's language.
 */
enum rp_quote {
	RP_QUOTE_SH,		/* POSIX shell: '...', ' as '\'' */
	RP_QUOTE_PS,		/* PowerShell: '...', ' as '' */
};

#define RP_FILL_MARK	"@OBJECT@"

struct rp_fill {
	char		*command;	/* one line, RP_FILL_MARK at least once */
	enum rp_quote	 quote;
	/* the object is the group "object" of this pattern, matched against
	 * the whole item observed (NULL: the whole item) */
	char		*match;
	struct rp_rx	*rx;
	int		 endopt;	/* "-- " before each mark: a leading
					   dash is not an option */
};

struct rp_check {
	char			*id;
	char			*module;
	enum rp_kind		 kind;
	struct rp_text		 title, description, rationale, remediation;
	struct rp_text		 finding;	/* what is wrong when it fails */
	enum rp_severity	 severity;
	enum rp_phase		 phase;
	char			*effort;	/* low, medium, high */
	struct rp_ref		*refs;
	size_t			 nrefs;
	char			*probe_id;	/* NULL: evaluator needs none */
	const struct rp_probe	*probe;
	int			 has_extract;
	struct rp_extract	 extract;
	int			 has_test;
	struct rp_test		 test;
	char			*evaluator_name;
	const struct rp_evaluator *evaluator;	/* NULL until bound by
						   rp_evaluators_bind */
	char			*evaluator_value;
	struct rp_fill		*fills;		/* <fill>, may be none */
	size_t			 nfills;
	char			**also;		/* <evaluator also=...> probe ids */
	size_t			 nalso;
	/* <manual> (kind manual): the question put to people, what counts
	 * as evidence, and the answer that passes ("yes" or "no") */
	struct rp_text		 question, proof;
	char			*manual_expected;	/* NULL: not manual */
	char			*file;
	int			 line;
};

struct rp_override {
	char	*check;
	char	*value;		/* NULL: keep */
	int	 severity;	/* -1: keep */
};

struct rp_baseline {
	char		*id;
	enum rp_kind	 kind;
	struct rp_text	 title, description;
	char		*extends;
	char		*level;
	char		*reference;	/* ref scheme whose level this is */
	long long	 checkpoints;	/* its checkpoints up to level; 0 */
	char		**sel_checks;
	size_t		 nsel_checks;
	char		**sel_modules;
	size_t		 nsel_modules;
	char		**excludes;
	size_t		 nexcludes;
	struct rp_override *overrides;
	size_t		 noverrides;
	char		*file;
};

struct rp_content {
	char			*datadir;
	struct rp_probe		*probes;
	size_t			 nprobes;
	struct rp_check		*checks;	/* sorted by id */
	size_t			 nchecks;
	struct rp_baseline	**baselines;	/* owned pointers */
	size_t			 nbaselines;
	size_t			 abaselines, aprobes, achecks;
	void			*schemas[5];	/* RP_XML__COUNT */
};

/*
 * Load the catalogue (datadir/checks/{linux,ad,openldap}/ *.xml) and the
 * shipped baselines (datadir/checks/baselines/ *.xml), validating each.
 * On error *cause names the file, the line and what is wrong. Evaluators
 * are known here by name only: the engine binds them, and checks that the
 * shipped baselines resolve (engine/registry.h: rp_eval_content_load).
 */
int	rp_content_load(const char *datadir, struct rp_content **out,
	    char **cause);
void	rp_content_free(struct rp_content *c);

const struct rp_check	*rp_content_check(const struct rp_content *c,
			    const char *id);
const struct rp_probe	*rp_content_probe(const struct rp_content *c,
			    const char *id);

/*
 * Find a baseline by id, or load it from a file path (anything with a '/'
 * or ending in ".xml"); a loaded file joins the content.
 */
int	rp_baseline_get(struct rp_content *c, const char *name,
	    const struct rp_baseline **out, char **cause);

/*
 * What resolving a baseline gives (struct rp_resolved, rp_baseline_resolve)
 * is in baseline.h, the waivers and the incident context in context.h:
 * included here, as everything loaded with the catalogue.
 */
#include "content/baseline.h"
#include "content/context.h"

/* One answer of an attestations file (attestations.xsd). */
struct rp_attestation {
	char	*id;		/* the manual check */
	char	*value;		/* "yes", "no", "na"; NULL: not answered */
	char	*by;		/* who answered */
	char	*date;		/* YYYY-MM-DD */
	char	*evidence;	/* free text, may be NULL */
	char	**att_name;	/* attachments: name and SHA-256 */
	char	**att_sha256;
	size_t	 natt;
	int	 line;
};

struct rp_attestations {
	char			*file;
	char			*organisation;	/* may be NULL */
	struct rp_attestation	*v;
	size_t			 n;
};

/*
 * Load an attestations file (schema-validated, no network, no entities).
 * A question about a check the catalogue does not have, or that is not a
 * manual check, is an error naming the file and its line.
 */
int	rp_attestations_load(struct rp_content *c, const char *path,
	    struct rp_attestations **out, char **cause);
void	rp_attestations_free(struct rp_attestations *a);
const struct rp_attestation *rp_attestation_find(
	    const struct rp_attestations *a, const char *check);

#endif
