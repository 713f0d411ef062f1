/*
 * sudorules.h -- what a probe runs as root, read from the probe's own
 * command text: every "$RP_SUDO CMD ARGS" the collector's script elevates
 * (collect/script.c), turned into a sudoers command pattern.
 *
 * Arguments the text fixes are kept (escaped for sudoers); a word the
 * shell expands ("$f", $D, "$@", $(...)) becomes the sudoers wildcard "*",
 * or the literal values of the "for VAR in ..." loop that sets it. A
 * variable that may expand to no word or several ($D, "$@") is glued to its
 * neighbour ("-xdev* -printf"), so that sudo's matching of the argument
 * string (words joined by one space) accepts the empty expansion too.
 *
 * Pure code: no I/O.
 */
#ifndef RP_SUDORULES_H
#define RP_SUDORULES_H

#include <stddef.h>

struct rp_probe;

struct rp_sudo_cmd {
	char	*cmd;		/* command name as the probe writes it */
	char	*args;		/* sudoers argument pattern; "" = none */
	int	 exec;		/* starts programs (find -exec): needs EXEC */
	int	 wild;		/* some argument is not fixed */
	int	 line;		/* line of the probe's command, from 1 */
};

/*
 * Every root command of probe p (none for a probe that is not root or does
 * not elevate single commands), appended to *v (*n entries, *cap
 * allocated). A command whose name the text does not fix fails with
 * RP_ERR_PARSE naming the probe and the line: a rule cannot be derived.
 */
int	rp_sudo_cmds(const struct rp_probe *p, struct rp_sudo_cmd **v,
	    size_t *n, size_t *cap, char **cause);
void	rp_sudo_cmds_free(struct rp_sudo_cmd *v, size_t n);

#endif
