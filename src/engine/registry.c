#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "engine/registry.h"
#include "engine/evaluators.h"
#include "core/banned.h"

/* Sorted by name: rp_evaluator_find() does a binary search. */
const struct rp_evaluator *const rp_evaluators[] = {
	&rp_eval_ad_acl_broad,
	&rp_eval_ad_acl_dangerous,
	&rp_eval_ad_acl_dcsync,
	&rp_eval_ad_acl_keycredential,
	&rp_eval_ad_acl_privileged,
	&rp_eval_ad_adcs_ca_certs,
	&rp_eval_ad_adcs_ntauth,
	&rp_eval_ad_adcs_template,
	&rp_eval_ad_attr,
	&rp_eval_ad_backup_age,
	&rp_eval_ad_changed_window,
	&rp_eval_ad_created_window,
	&rp_eval_ad_dc_uac,
	&rp_eval_ad_delegation_dc,
	&rp_eval_ad_display_specifier,
	&rp_eval_ad_dmsa_create,
	&rp_eval_ad_dns_update,
	&rp_eval_ad_dns_wildcard,
	&rp_eval_ad_filetime_age,
	&rp_eval_ad_flags,
	&rp_eval_ad_group_loop,
	&rp_eval_ad_group_members,
	&rp_eval_ad_group_used,
	&rp_eval_ad_inactive,
	&rp_eval_ad_keycredential_window,
	&rp_eval_ad_krbtgt_reset,
	&rp_eval_ad_laps_coverage,
	&rp_eval_ad_laps_readers,
	&rp_eval_ad_machine_pwd,
	&rp_eval_ad_not_privileged,
	&rp_eval_ad_older_than,
	&rp_eval_ad_owner,
	&rp_eval_ad_privileged,
	&rp_eval_ad_privileged_age,
	&rp_eval_ad_privileged_count,
	&rp_eval_ad_privileged_foreign,
	&rp_eval_ad_privileged_inactive,
	&rp_eval_ad_privileged_members_window,
	&rp_eval_ad_privileged_outside,
	&rp_eval_ad_privileged_renewed,
	&rp_eval_ad_privileged_window,
	&rp_eval_ad_pso,
	&rp_eval_ad_rbcd,
	&rp_eval_ad_rid,
	&rp_eval_ad_rodc,
	&rp_eval_ad_sidhistory,
	&rp_eval_ad_tier0_since_remediation,
	&rp_eval_gpo_audit,
	&rp_eval_gpo_cpassword,
	&rp_eval_gpo_immediate_task,
	&rp_eval_gpo_local_admins,
	&rp_eval_gpo_logon_right,
	&rp_eval_gpo_script_outside,
	&rp_eval_gpo_service_disabled,
	&rp_eval_gpo_setting,
	&rp_eval_gpo_window,
	&rp_eval_linux_accounts_window,
	&rp_eval_linux_changed_in_window,
	&rp_eval_linux_file_mode,
	&rp_eval_linux_has_all,
	&rp_eval_linux_kernel_current,
	&rp_eval_linux_keys_allowed,
	&rp_eval_linux_keys_reviewed,
	&rp_eval_linux_password_renewed,
	&rp_eval_linux_renewed_after,
	&rp_eval_linux_stat_mode,
	&rp_eval_linux_sudo_rules,
	&rp_eval_linux_unique,
	&rp_eval_linux_unowned,
	&rp_eval_manual,
	&rp_eval_openldap_acl_anon_read,
	&rp_eval_openldap_acl_config,
	&rp_eval_openldap_acl_password,
	&rp_eval_openldap_acl_write,
	&rp_eval_openldap_attr,
	&rp_eval_openldap_monitor,
	&rp_eval_openldap_password_schemes,
	&rp_eval_openldap_ppolicy,
	&rp_eval_openldap_ppolicy_overlay,
	&rp_eval_openldap_rootpw,
	&rp_eval_openldap_sasl_plain,
	&rp_eval_target_hostkey,
};
const size_t rp_nevaluators = sizeof(rp_evaluators) / sizeof(rp_evaluators[0]);

static int
cmp(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct rp_evaluator *const *)elem)->name);
}

const struct rp_evaluator *
rp_evaluator_find(const char *name)
{
	const struct rp_evaluator *const *e;

	e = bsearch(name, rp_evaluators, rp_nevaluators,
	    sizeof(rp_evaluators[0]), cmp);
	return e ? *e : NULL;
}

void
rp_verdict_init(struct rp_verdict *v)
{
	v->status = RP_ST_ERROR;
	rp_strbuf_init(&v->observed, RP_OBSERVED_MAX);
	rp_strbuf_init(&v->evidence, RP_EVIDENCE_MAX);
	v->reason = NULL;
	v->objects = NULL;
	v->nobjects = 0;
	v->objects_more = 0;
}

void
rp_verdict_release(struct rp_verdict *v)
{
	rp_strbuf_release(&v->observed);
	rp_strbuf_release(&v->evidence);
	free(v->reason);
	v->reason = NULL;
	rp_objects_free(v->objects, v->nobjects);
	v->objects = NULL;
	v->nobjects = 0;
}

void
rp_objects_free(char **o, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(o[i]);
	free(o);
}

static void
append_capped(struct rp_strbuf *sb, const char *sep, const char *s,
    size_t len)
{
	static const char more[] = " [...]";
	size_t room;

	if (sb->len >= sb->max - sizeof(more))
		return;
	if (sb->len > 0)
		rp_strbuf_addstr(sb, sep);
	room = sb->max - sizeof(more) - sb->len;
	if (len > room) {
		rp_strbuf_add(sb, s, room);
		rp_strbuf_addstr(sb, more);
	} else
		rp_strbuf_add(sb, s, len);
}

/* Keep obj (len bytes) as one more object found. */
static void
add_object(struct rp_verdict *v, const char *s, size_t len)
{
	static const char more[] = " [...]";
	char *o;
	size_t i;

	if (v->nobjects >= RP_OBJECTS_MAX) {
		v->objects_more = 1;
		return;
	}
	if (len > RP_OBJECT_MAX) {
		o = xmalloc(RP_OBJECT_MAX + sizeof(more));
		memcpy(o, s, RP_OBJECT_MAX);
		memcpy(o + RP_OBJECT_MAX, more, sizeof(more));
	} else {
		o = xmalloc(len + 1);
		memcpy(o, s, len);
		o[len] = '\0';
	}
	/* a NUL inside stays a control character: never filled, and the
	 * object is not shortened to what precedes it */
	for (i = 0; i < len && i < RP_OBJECT_MAX; i++)
		if (o[i] == '\0')
			o[i] = '\001';
	if (v->nobjects == 0)
		v->objects = xreallocarray(NULL, RP_OBJECTS_MAX,
		    sizeof(*v->objects));
	v->objects[v->nobjects++] = o;
}

void
rp_verdict_observe(struct rp_verdict *v, const char *s, size_t len)
{
	append_capped(&v->observed, ", ", s, len);
	add_object(v, s, len);
}

void
rp_verdict_object(struct rp_verdict *v, const char *obj, const char *text,
    size_t len)
{
	append_capped(&v->observed, ", ", text, len);
	if (obj != NULL)
		add_object(v, obj, strlen(obj));
}

void
rp_verdict_evidence(struct rp_verdict *v, const char *s, size_t len)
{
	append_capped(&v->evidence, "\n", s, len);
}
