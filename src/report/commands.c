/*
 * commands.c -- the remediation's commands filled with the objects found
 * (results.json plan[].commands, written by results.c with plan/fill.c),
 * as the renderers show them: lines to paste, one "# TARGET" comment
 * before each target's when there are several, and for each object not
 * filled in, why.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "plan/fill.h"
#include "report/i18n.h"
#include "report/report.h"
#include "core/banned.h"

static const struct {
	const char	*code;
	const char	*text;
} refusals[] = {
	{ "empty", N_("the object is empty") },
	{ "control", N_("it holds a control character or a line break") },
	{ "length", N_("it is longer than 512 bytes") },
	{ "encoding", N_("it is not valid UTF-8") },
	{ "quote", N_("it holds a typographic quote that PowerShell reads as "
	    "a quote") },
	{ "dash", N_("it begins with a dash, which the command would read "
	    "as an option") },
	{ "form", N_("it is not in the form the check expects") },
};

const char *
rp_report_refusal(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++)
		if (code != NULL && strcmp(refusals[i].code, code) == 0)
			return _(refusals[i].text);
	return _("it cannot be filled in safely");
}

char *
rp_report_visible(const char *s, size_t max)
{
	struct rp_strbuf sb;
	const unsigned char *p;

	rp_strbuf_init(&sb, 4 * max + 16);
	for (p = (const unsigned char *)s; *p; p++) {
		if (sb.len >= 4 * max) {
			rp_strbuf_addstr(&sb, "[...]");
			break;
		}
		if (*p < 0x20 || *p >= 0x7f || *p == '\\')
			rp_strbuf_addf(&sb, "\\x%02x", *p);
		else
			rp_strbuf_addch(&sb, *p);
	}
	return rp_strbuf_detach(&sb, NULL);
}

const char *
rp_report_command_refused(json_t *e)
{
	json_t *l;
	const char *tg, *c;
	enum rp_fill_refusal r;
	size_t j;

	if (json_is_string(json_object_get(e, "refused")))
		return json_string_value(json_object_get(e, "refused"));
	/* results.json is a file: what it gives as lines to paste is
	 * checked again (a word for the target, one line per command) */
	tg = json_string_value(json_object_get(e, "target"));
	if (tg == NULL || *tg == '\0' || strspn(tg, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789._:/+ -") != strlen(tg))
		return "form";
	if (!json_is_array(json_object_get(e, "commands")) ||
	    json_array_size(json_object_get(e, "commands")) == 0)
		return "empty";
	json_array_foreach(json_object_get(e, "commands"), j, l) {
		if ((c = json_string_value(l)) == NULL)
			return "form";
		r = rp_fill_screen(c);
		if (r != RP_FILL_OK && r != RP_FILL_LENGTH)
			return rp_fill_refusal_name(r);
	}
	return NULL;
}

size_t
rp_report_commands_count(json_t *a, size_t *refused)
{
	json_t *e;
	size_t i, n = 0;

	*refused = 0;
	json_array_foreach(json_object_get(a, "commands"), i, e) {
		if (rp_report_command_refused(e) != NULL)
			(*refused)++;
		else
			n++;
	}
	return n;
}

char *
rp_report_commands(json_t *a, size_t from, size_t to)
{
	struct rp_strbuf sb;
	json_t *e, *l;
	const char *tg, *last = NULL;
	size_t i, j, k = 0;
	int several = 0;

	/* one target: no "# TARGET" line (the action says where) */
	json_array_foreach(json_object_get(a, "commands"), i, e) {
		tg = json_string_value(json_object_get(e, "target"));
		if (tg != NULL && last != NULL && strcmp(last, tg) != 0)
			several = 1;
		if (tg != NULL)
			last = tg;
	}
	last = NULL;
	rp_strbuf_init(&sb, 4U * 1024 * 1024);
	json_array_foreach(json_object_get(a, "commands"), i, e) {
		if (rp_report_command_refused(e) != NULL)
			continue;
		if (k++ < from)
			continue;
		if (k > to)
			break;
		tg = json_string_value(json_object_get(e, "target"));
		if (tg == NULL)
			continue;
		/* target ids are words (results.schema.json) */
		if (several && (last == NULL || strcmp(last, tg) != 0))
			rp_strbuf_addf(&sb, "# %s\n", tg);
		last = tg;
		json_array_foreach(json_object_get(e, "commands"), j, l) {
			if (json_string_value(l) == NULL)
				continue;
			rp_strbuf_addstr(&sb, json_string_value(l));
			rp_strbuf_addch(&sb, '\n');
		}
	}
	if (sb.len == 0) {
		rp_strbuf_release(&sb);
		return NULL;
	}
	sb.buf[--sb.len] = '\0';	/* the last newline */
	return rp_strbuf_detach(&sb, NULL);
}
