/*
 * model.h -- the vocabulary shared by every stage of the pipeline: target
 * kinds, severities, incident phases and verdicts, with their stable names
 * (the names are part of results.json and of the XML formats).
 */
#ifndef RP_MODEL_H
#define RP_MODEL_H

enum rp_kind {
	RP_KIND_LINUX,
	RP_KIND_AD,
	RP_KIND_OPENLDAP,
	RP_KIND_MANUAL,		/* questions answered by people (attestations) */
	RP_KIND__COUNT
};

enum rp_severity {
	RP_SEV_INFO,
	RP_SEV_LOW,
	RP_SEV_MEDIUM,
	RP_SEV_HIGH,
	RP_SEV_CRITICAL,
	RP_SEV__COUNT
};

enum rp_phase {
	RP_PHASE_CONFINEMENT,
	RP_PHASE_REMEDIATION,
	RP_PHASE_HARDENING,
	RP_PHASE__COUNT
};

/* Verdict of one check on one target. */
enum rp_status {
	RP_ST_PASS,
	RP_ST_FAIL,
	RP_ST_ERROR,
	RP_ST_NA,
	RP_ST_WAIVED,
	RP_ST__COUNT
};

/* How far a target could be audited. */
enum rp_tstatus {
	RP_TS_OK,
	RP_TS_PARTIAL,
	RP_TS_UNREACHABLE,
	RP_TS_AUTH_FAILED,
	RP_TS_HOSTKEY_MISMATCH,
	RP_TS_ERROR,
	RP_TS__COUNT
};

/* Outcome of one probe on one target. */
enum rp_pstatus {
	RP_PS_OK,		/* ran; output complete */
	RP_PS_NA,		/* the component it reads is absent */
	RP_PS_ERROR,		/* could not run (e.g. no privilege) */
	RP_PS_TRUNCATED,	/* output cap reached */
	RP_PS_TIMEOUT,
	RP_PS_NOT_RUN,		/* the host run ended before it */
	RP_PS__COUNT
};

const char	*rp_kind_name(enum rp_kind k);
const char	*rp_severity_name(enum rp_severity s);
const char	*rp_phase_name(enum rp_phase p);
const char	*rp_status_name(enum rp_status s);
const char	*rp_tstatus_name(enum rp_tstatus s);
const char	*rp_pstatus_name(enum rp_pstatus s);

/* Name to value; -1 when unknown. */
int	rp_kind_parse(const char *s);
int	rp_severity_parse(const char *s);
int	rp_phase_parse(const char *s);
int	rp_status_parse(const char *s);
int	rp_tstatus_parse(const char *s);
int	rp_pstatus_parse(const char *s);

#endif
