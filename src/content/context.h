/*
 * context.h -- the inputs of evaluation besides evidence, catalogue and
 * baselines (context.c): waivers and the incident context, and the
 * validation of any of the content's XML files.
 */
#ifndef RP_CONTENT_CONTEXT_H
#define RP_CONTENT_CONTEXT_H

#include <stddef.h>
#include <time.h>

struct rp_content;

struct rp_waiver {
	char	*check;
	char	*target;	/* glob */
	char	*owner;
	char	*justification;
	time_t	 expires;	/* end of that day, UTC */
	char	*expires_str;
	char	*file;
	int	 line;
};

struct rp_incident {
	char	*organisation;
	char	*org_type;
	char	*reference;
	time_t	 compromise_start;
	time_t	 detection;	/* 0: not given */
	time_t	 containment;
	time_t	 remediation;
	char	**accounts;
	size_t	 naccounts;
	char	**hosts;
	size_t	 nhosts;
	char	*auditor;
	char	**recipients;
	size_t	 nrecipients;
	/* --allowed-keys: "TYPE BLOB" of the site's administrators' keys */
	char	**allowed_keys;
	size_t	 nallowed_keys;
};

/* Validate one file of any of the four formats (by its root element). */
int	rp_content_validate_file(struct rp_content *c, const char *path,
	    char **cause);

int	rp_waivers_load(struct rp_content *c, const char *path,
	    struct rp_waiver **out, size_t *n, char **cause);
void	rp_waivers_free(struct rp_waiver *w, size_t n);

/* now: reference time for "not in the future" (evidence end time). */
int	rp_incident_load(struct rp_content *c, const char *path, time_t now,
	    struct rp_incident **out, char **cause);
void	rp_incident_free(struct rp_incident *inc);
/*
 * Add the keys of an OpenSSH-format list (authorized_keys lines; blank
 * lines and # comments skipped) to inc's allow-list. An unreadable file or
 * a line without a key fails, naming the file and the line.
 */
int	rp_allowed_keys_load(struct rp_incident *inc, const char *path,
	    char **cause);

#endif
