#include "config.h"

#include <string.h>

#include "core/model.h"
#include "core/banned.h"

static const char *const kinds[] = { "linux", "ad", "openldap", "manual" };
static const char *const sevs[] = { "info", "low", "medium", "high", "critical" };
static const char *const phases[] = { "confinement", "remediation", "hardening" };
static const char *const statuses[] = { "pass", "fail", "error", "na", "waived" };
static const char *const tstatuses[] = { "ok", "partial", "unreachable",
	"auth-failed", "hostkey-mismatch", "error" };
static const char *const pstatuses[] = { "ok", "na", "error", "truncated",
	"timeout", "not-run" };

#define NAME(arr, v, n) ((unsigned)(v) < (n) ? (arr)[(v)] : "?")

static int
lookup(const char *const *arr, size_t n, const char *s)
{
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(arr[i], s) == 0)
			return (int)i;
	return -1;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

const char *rp_kind_name(enum rp_kind k) { return NAME(kinds, k, N(kinds)); }
const char *rp_severity_name(enum rp_severity s) { return NAME(sevs, s, N(sevs)); }
const char *rp_phase_name(enum rp_phase p) { return NAME(phases, p, N(phases)); }
const char *rp_status_name(enum rp_status s) { return NAME(statuses, s, N(statuses)); }
const char *rp_tstatus_name(enum rp_tstatus s) { return NAME(tstatuses, s, N(tstatuses)); }
const char *rp_pstatus_name(enum rp_pstatus s) { return NAME(pstatuses, s, N(pstatuses)); }

int rp_kind_parse(const char *s) { return lookup(kinds, N(kinds), s); }
int rp_severity_parse(const char *s) { return lookup(sevs, N(sevs), s); }
int rp_phase_parse(const char *s) { return lookup(phases, N(phases), s); }
int rp_status_parse(const char *s) { return lookup(statuses, N(statuses), s); }
int rp_tstatus_parse(const char *s) { return lookup(tstatuses, N(tstatuses), s); }
int rp_pstatus_parse(const char *s) { return lookup(pstatuses, N(pstatuses), s); }
