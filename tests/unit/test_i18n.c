/*
 * Unit tests: the .mo catalogue reader, the report's language and the
 * catalogue msgfmt compiled from po/fr.po in this build.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/err.h"
#include "core/xmalloc.h"
#include "content/content.h"
#include "engine/registry.h"
#include "report/escape.h"
#include "report/i18n.h"
#include "report/report.h"

#define HDR	"Content-Type: text/plain; charset=UTF-8\n"

struct pair {
	const char *orig, *trans;
};

static void
put(unsigned char *p, uint32_t v, int be)
{
	if (be) {
		p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
	} else {
		p[3] = v >> 24; p[2] = v >> 16; p[1] = v >> 8; p[0] = v;
	}
}

/* A .mo image of pairs (in the order given), as msgfmt lays it out. */
static unsigned char *
build(const struct pair *pairs, uint32_t n, int be, size_t *len)
{
	size_t size = 28 + (size_t)n * 16, at;
	unsigned char *b;
	uint32_t i;

	for (i = 0; i < n; i++)
		size += strlen(pairs[i].orig) + strlen(pairs[i].trans) + 2;
	b = xcalloc(1, size);
	put(b, 0x950412de, be);
	put(b + 8, n, be);
	put(b + 12, 28, be);
	put(b + 16, 28 + n * 8, be);
	at = 28 + (size_t)n * 16;
	for (i = 0; i < n; i++) {
		put(b + 28 + i * 8, strlen(pairs[i].orig), be);
		put(b + 32 + i * 8, at, be);
		memcpy(b + at, pairs[i].orig, strlen(pairs[i].orig) + 1);
		at += strlen(pairs[i].orig) + 1;
		put(b + 28 + n * 8 + i * 8, strlen(pairs[i].trans), be);
		put(b + 32 + n * 8 + i * 8, at, be);
		memcpy(b + at, pairs[i].trans, strlen(pairs[i].trans) + 1);
		at += strlen(pairs[i].trans) + 1;
	}
	*len = size;
	return b;
}

static int
parse(const struct pair *pairs, uint32_t n, char **cause)
{
	struct rp_mo *mo = NULL;
	unsigned char *b;
	size_t len;
	int r;

	b = build(pairs, n, 0, &len);
	r = rp_mo_parse(b, len, &mo, cause);
	rp_mo_free(mo);
	free(b);
	return r;
}

static void
mo_valid(void **state)
{
	static const struct pair p[] = {
		{ "", HDR },
		{ "Check", "Contrôle" },
		{ "Summary", "Synthèse" },
		{ "Untranslated", "" },
		{ "plan\004Action", "Mesure" },
	};
	struct rp_mo *mo;
	unsigned char *b;
	size_t len;
	int be;

	for (be = 0; be <= 1; be++) {
		b = build(p, 5, be, &len);
		assert_int_equal(rp_mo_parse(b, len, &mo, NULL), 0);
		free(b);	/* the catalogue keeps its own copy */
		assert_int_equal(rp_mo_count(mo), 5);
		assert_string_equal(rp_mo_lookup(mo, "Check"), "Contrôle");
		assert_string_equal(rp_mo_lookup(mo, "Summary"), "Synthèse");
		assert_string_equal(rp_mo_lookup(mo, "plan\004Action"),
		    "Mesure");
		assert_null(rp_mo_lookup(mo, "Action"));
		assert_null(rp_mo_lookup(mo, "Untranslated"));
		assert_null(rp_mo_lookup(mo, ""));
		assert_null(rp_mo_lookup(mo, "Zzz"));
		assert_null(rp_mo_lookup(mo, "A"));
		rp_mo_free(mo);
	}
	rp_mo_free(NULL);
}

static void
mo_hostile_strings(void **state)
{
	struct pair p[3] = { { "", HDR }, { "A", "a" }, { "B", "b" } };
	char *cause = NULL;

	assert_int_equal(parse(p, 3, &cause), 0);
	/* unsorted, duplicate originals */
	p[1].orig = "C";
	assert_int_equal(parse(p, 3, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "not sorted"));
	p[1].orig = "B";
	assert_int_equal(parse(p, 3, &cause), RP_ERR_PARSE);
	p[1].orig = "A";
	/* translations the renderers could not print as they are */
	p[2].trans = "<script>";
	assert_int_equal(parse(p, 3, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "markup"));
	p[2].trans = "a & b";
	assert_int_equal(parse(p, 3, &cause), RP_ERR_PARSE);
	p[2].trans = "say \"x\"";
	assert_int_equal(parse(p, 3, &cause), RP_ERR_PARSE);
	p[2].trans = "\x1b[31mred";
	assert_int_equal(parse(p, 3, &cause), RP_ERR_PARSE);
	p[2].trans = "caf\xe9";		/* Latin-1, not UTF-8 */
	assert_int_equal(parse(p, 3, &cause), RP_ERR_PARSE);
	p[2].trans = "\xc0\xaf";	/* overlong */
	assert_int_equal(parse(p, 3, &cause), RP_ERR_PARSE);
	p[2].trans = "\xed\xa0\x80";	/* surrogate */
	assert_int_equal(parse(p, 3, &cause), RP_ERR_PARSE);
	p[2].trans = "\xf4\x90\x80\x80";	/* past U+10FFFF */
	assert_int_equal(parse(p, 3, &cause), RP_ERR_PARSE);
	p[2].trans = "\xe2\x82";	/* cut short */
	assert_int_equal(parse(p, 3, &cause), RP_ERR_PARSE);
	p[2].trans = "d\xc3\xa9j\xc3\xa0 \xe2\x86\x92 \xf0\x9f\x94\x92\tok";
	assert_int_equal(parse(p, 3, &cause), 0);
	/* the header: present, UTF-8 */
	p[0].trans = "Content-Type: text/plain; charset=ISO-8859-1\n";
	assert_int_equal(parse(p, 3, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "UTF-8"));
	p[0].trans = "Content-Type: text/plain; charset=UTF-80\n";
	assert_int_equal(parse(p, 3, &cause), RP_ERR_PARSE);
	assert_int_equal(parse(p + 1, 2, &cause), RP_ERR_PARSE);
	assert_non_null(strstr(cause, "header"));
	free(cause);
}

static void
mo_hostile_layout(void **state)
{
	static const struct pair p[] = { { "", HDR }, { "A", "a" } };
	struct rp_mo *mo = NULL;
	unsigned char *b, *big;
	size_t len;

	b = build(p, 2, 0, &len);
	/* every truncation fails cleanly */
	for (size_t n = 0; n < len; n++)
		assert_int_not_equal(rp_mo_parse(b, n, &mo, NULL), 0);
	/* bad magic, future revision */
	b[0] ^= 1;
	assert_int_equal(rp_mo_parse(b, len, &mo, NULL), RP_ERR_PARSE);
	b[0] ^= 1;
	put(b + 4, 2U << 16, 0);
	assert_int_equal(rp_mo_parse(b, len, &mo, NULL), RP_ERR_UNSUPPORTED);
	put(b + 4, 1U << 16 | 1, 0);
	assert_int_equal(rp_mo_parse(b, len, &mo, NULL), 0);
	rp_mo_free(mo);
	put(b + 4, 0, 0);
	/* string count past the cap, and past the file */
	put(b + 8, RP_MO_MAX_STRINGS + 1, 0);
	assert_int_equal(rp_mo_parse(b, len, &mo, NULL), RP_ERR_TOO_LARGE);
	put(b + 8, 3, 0);
	assert_int_not_equal(rp_mo_parse(b, len, &mo, NULL), 0);
	put(b + 8, 2, 0);
	/* table offsets that wrap or point past the end */
	put(b + 12, 0xfffffff8U, 0);
	assert_int_equal(rp_mo_parse(b, len, &mo, NULL), RP_ERR_PARSE);
	put(b + 12, 28, 0);
	put(b + 16, (uint32_t)len - 4, 0);
	assert_int_equal(rp_mo_parse(b, len, &mo, NULL), RP_ERR_PARSE);
	put(b + 16, 28 + 16, 0);
	/* a string length that runs past the end, an offset past it */
	put(b + 28 + 16 + 8, 0xffffffffU, 0);
	assert_int_equal(rp_mo_parse(b, len, &mo, NULL), RP_ERR_PARSE);
	put(b + 28 + 16 + 8, 1, 0);
	put(b + 28 + 16 + 12, (uint32_t)len, 0);
	assert_int_equal(rp_mo_parse(b, len, &mo, NULL), RP_ERR_PARSE);
	free(b);
	/* a string not ended by NUL */
	b = build(p, 2, 0, &len);
	b[len - 1] = 'x';
	assert_int_equal(rp_mo_parse(b, len, &mo, NULL), RP_ERR_PARSE);
	free(b);
	/* too large as a whole */
	big = xcalloc(1, RP_MO_MAX_BYTES + 1);
	put(big, 0x950412de, 0);
	assert_int_equal(rp_mo_parse(big, RP_MO_MAX_BYTES + 1, &mo, NULL),
	    RP_ERR_TOO_LARGE);
	free(big);
}

static void
languages(void **state)
{
	assert_true(rp_i18n_lang_known("en"));
	assert_true(rp_i18n_lang_known("fr"));
	assert_false(rp_i18n_lang_known("de"));
	assert_false(rp_i18n_lang_known("fr_FR"));
	assert_false(rp_i18n_lang_known(""));
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	assert_string_equal(rp_i18n_default_lang(), "en");
	setenv("LANG", "fr_FR.UTF-8", 1);
	assert_string_equal(rp_i18n_default_lang(), "fr");
	setenv("LC_MESSAGES", "en_GB", 1);
	assert_string_equal(rp_i18n_default_lang(), "en");
	setenv("LC_ALL", "fr_CA.utf8@x", 1);
	assert_string_equal(rp_i18n_default_lang(), "fr");
	setenv("LC_ALL", "C", 1);	/* set: it wins, and names no language */
	assert_string_equal(rp_i18n_default_lang(), "en");
	setenv("LANGUAGE", "de_DE:fr:en", 1);
	assert_string_equal(rp_i18n_default_lang(), "fr");
	setenv("LANGUAGE", "::", 1);
	assert_string_equal(rp_i18n_default_lang(), "en");
	setenv("LANGUAGE", "frx", 1);
	assert_string_equal(rp_i18n_default_lang(), "en");
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
}

/* The catalogue msgfmt compiled from po/fr.po for this build. */
static void
french_catalogue(void **state)
{
	const char *const dirs[] = { "/nonexistent", RP_BUILDDIR "/po",
		NULL };
	const char *const none[] = { "/nonexistent", NULL };
	char *cause = NULL;

	assert_string_equal(rp_i18n_lang(), "en");
	assert_string_equal(_("Summary"), "Summary");
	assert_int_equal(rp_i18n_select("de", dirs, &cause), RP_ERR_INVALID);
	assert_non_null(strstr(cause, "en, fr"));
	assert_int_equal(rp_i18n_select("fr", none, &cause),
	    RP_ERR_NOT_FOUND);
	assert_string_equal(rp_i18n_lang(), "en");
	assert_int_equal(rp_i18n_select("fr", dirs, &cause), 0);
	assert_string_equal(rp_i18n_lang(), "fr");
	assert_string_equal(_("Summary"), "Synthèse");
	assert_string_equal(_("Hardening: quick wins"),
	    "Durcissement : gains rapides");
	assert_string_equal(_("no such message"), "no such message");
	assert_string_equal(C_("nowhere", "Summary"), "Summary");
	assert_int_equal(rp_i18n_select("en", NULL, &cause), 0);
	assert_string_equal(_("Summary"), "Summary");
	free(cause);
}

/* Plural-Forms expressions, and ngettext against the French catalogue. */
static void
plural_forms(void **state)
{
	const char *const dirs[] = { RP_BUILDDIR "/po", NULL };
	static const char ru[] = "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
	    "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)";

	(void)state;
	assert_int_equal(rp_plural_eval("(n > 1)", 0), 0);
	assert_int_equal(rp_plural_eval("(n > 1)", 1), 0);
	assert_int_equal(rp_plural_eval("(n > 1)", 2), 1);
	assert_int_equal(rp_plural_eval("n != 1", 0), 1);
	assert_int_equal(rp_plural_eval("n != 1", 1), 0);
	assert_int_equal(rp_plural_eval("0", 7), 0);
	assert_int_equal(rp_plural_eval(ru, 1), 0);
	assert_int_equal(rp_plural_eval(ru, 3), 1);
	assert_int_equal(rp_plural_eval(ru, 11), 2);
	assert_int_equal(rp_plural_eval(ru, 22), 1);
	assert_int_equal(rp_plural_eval(ru, 25), 2);
	assert_int_equal(rp_plural_eval("n<=1 ? 0 : 1", 1), 0);
	assert_int_equal(rp_plural_eval("!n", 0), 1);
	/* not understood: -1, never a guess */
	assert_int_equal(rp_plural_eval("n >", 1), -1);
	assert_int_equal(rp_plural_eval("(n > 1", 1), -1);
	assert_int_equal(rp_plural_eval("n % 0", 1), -1);
	assert_int_equal(rp_plural_eval("x", 1), -1);
	assert_int_equal(rp_plural_eval("n ? 1", 1), -1);
	assert_int_equal(rp_plural_eval("((((((((((((((((((((((((((((((((((("
	    "n)))))))))))))))))))))))))))))))))))", 1), -1);
	/* a catalogue whose rule is not understood is refused */
	{
		static const struct pair bad[] = {
			{ "", HDR "Plural-Forms: nplurals=2; plural=(n >;\n" },
		};
		static const struct pair many[] = {
			{ "", HDR "Plural-Forms: nplurals=9; plural=n;\n" },
		};
		struct rp_mo *mo = NULL;
		unsigned char *b;
		size_t len;

		b = build(bad, 1, 0, &len);
		assert_int_not_equal(rp_mo_parse(b, len, &mo, NULL), 0);
		free(b);
		b = build(many, 1, 0, &len);
		assert_int_not_equal(rp_mo_parse(b, len, &mo, NULL), 0);
		free(b);
		assert_null(mo);
	}
	/* English: ngettext semantics without a catalogue */
	assert_string_equal(P_("%zu target", "%zu targets", 1), "%zu target");
	assert_string_equal(P_("%zu target", "%zu targets", 0), "%zu targets");
	assert_string_equal(P_("%zu target", "%zu targets", 2), "%zu targets");
	assert_int_equal(rp_i18n_select("fr", dirs, NULL), 0);
	/* French: 0 and 1 are singular (plural=(n > 1)) */
	assert_string_equal(P_("%zu target", "%zu targets", 0), "%zu cible");
	assert_string_equal(P_("%zu target", "%zu targets", 1), "%zu cible");
	assert_string_equal(P_("%zu target", "%zu targets", 2), "%zu cibles");
	assert_string_equal(P_("no such", "no such messages", 5),
	    "no such messages");
	assert_int_equal(rp_i18n_select("en", NULL, NULL), 0);
}

/* The report's words from results.json values, in English and French. */
static json_t *
result(const char *op, const char *expected, const char *q,
    const char *reason)
{
	return json_pack("{s:s,s:s,s:s,s:s}", "operator", op, "expected",
	    expected, "quantifier", q, "reason", reason);
}

static void
expect_text(char *got, const char *want)
{
	assert_string_equal(got, want);
	free(got);
}

static void
report_words(void **state)
{
	const char *const dirs[] = { RP_BUILDDIR "/po", NULL };
	json_t *r;
	char *s;

	(void)state;
	expect_text(rp_report_ref_url("attack:T1558.003"),
	    "https://attack.mitre.org/techniques/T1558/003/");
	expect_text(rp_report_ref_url("attack:T1078"),
	    "https://attack.mitre.org/techniques/T1078/");
	expect_text(rp_report_ref_url("pingcastle:A-Krbtgt"),
	    "https://www.pingcastle.com/PingCastleFiles/ad_hc_rules_list.html"
	    "#A-Krbtgt");
	assert_null(rp_report_ref_url("attack:T1/../x"));
	assert_null(rp_report_ref_url("unknown:X1"));
	assert_null(rp_report_ref_url("attack:"));
	expect_text(rp_report_date("2026-09-01T00:00:00Z"),
	    "1 Sep 2026, 00:00 UTC");
	expect_text(rp_report_date("not a date"), "not a date");
	expect_text(rp_report_date("2026-13-01T00:00:00Z"),
	    "2026-13-01T00:00:00Z");
	expect_text(rp_report_pct(48.94), "48.9");
	/* an incident date given as a day counts as the whole day */
	expect_text(rp_report_incident_date("2026-10-15T00:00:00Z"),
	    "15 Oct 2026");
	expect_text(rp_report_incident_date("2026-10-15T00:00:01Z"),
	    "15 Oct 2026, 00:00 UTC");
	expect_text(rp_report_incident_date("2026-10-15T18:00:00Z"),
	    "15 Oct 2026, 18:00 UTC");
	expect_text(rp_report_incident_date("not a date"), "not a date");
	assert_int_equal(rp_i18n_select("fr", dirs, NULL), 0);
	expect_text(rp_report_date("2026-09-01T00:00:00Z"),
	    "1 sept. 2026, 00:00 UTC");
	expect_text(rp_report_incident_date("2026-10-15T00:00:00Z"),
	    "15 oct. 2026");
	expect_text(rp_report_pct(48.94), "48,9");
	assert_string_equal(rp_report_label("severity", "high"), "élevée");
	assert_string_equal(rp_report_label("effort", "high"), "élevé");
	assert_string_equal(rp_report_label("level", "2"), "niveau 2");
	assert_string_equal(rp_report_label("severity", "odd"), "odd");
	r = result("eq", "no", "one", "target not audited (unreachable)");
	expect_text(rp_report_expected(r), "doit valoir « no »");
	expect_text(rp_report_reason(r), "cible non auditée (injoignable)");
	json_decref(r);
	r = result("ge", "65536", "one", "probe 'linux.sshd' error: sudo "
	    "needs a password");
	expect_text(rp_report_expected(r), "au moins 65536");
	expect_text(rp_report_reason(r), "la sonde « linux.sshd » a échoué : "
	    "sudo demande un mot de passe");
	json_decref(r);
	r = result("matches", "cbc|3des", "none", "probe 'x' error");
	expect_text(rp_report_expected(r), "aucune valeur ne doit "
	    "correspondre au motif cbc|3des");
	expect_text(rp_report_reason(r), "la sonde « x » a échoué");
	json_decref(r);
	r = result("openldap-attr", "none eq bind_v2", "", "probe '' error: ");
	expect_text(rp_report_expected(r), "aucune valeur ne doit valoir "
	    "« bind_v2 »");
	/* a reason that only looks like a template is kept as it is */
	expect_text(rp_report_reason(r), "probe '' error: ");
	json_decref(r);
	r = result("linux-stat-mode", "750 any-owner", "", "");
	expect_text(rp_report_expected(r), "droits 750 ou plus restrictifs, "
	    "quel que soit le propriétaire");
	json_decref(r);
	r = result("ge", "3", "all", "");
	expect_text(rp_report_expected(r), "chaque valeur : au moins 3");
	json_decref(r);
	r = result("ad-filetime-age", "180", "", "something else entirely");
	expect_text(rp_report_expected(r), "au plus 180 jours");
	expect_text(rp_report_reason(r), "something else entirely");
	json_decref(r);
	s = rp_report_reason_text("target not audited (hostkey-mismatch)");
	expect_text(s, "cible non auditée (clé d'hôte changée)");
	assert_int_equal(rp_i18n_select("en", NULL, NULL), 0);
}

/*
 * The evaluators' phrases in observed values, reasons and target errors:
 * translated in place, the values kept, dates written the French way;
 * untouched in English and where a phrase is only part of a word or its
 * value has the wrong form.
 */
static void
observed_phrases(void **state)
{
	const char *const dirs[] = { RP_BUILDDIR "/po", NULL };
	static const char list[] = "admin2: created 2026-10-05T02:12:40Z, "
	    "after the compromise start, svc: created 2026-10-06T01:30:00Z";
	json_t *r;

	(void)state;
	/* English: as written */
	expect_text(rp_report_phrases(list), list);
	assert_int_equal(rp_i18n_select("fr", dirs, NULL), 0);
	expect_text(rp_report_phrases(list), "admin2: créé le 5 oct. 2026, "
	    "02:12 UTC, après le début de la compromission, svc: créé le "
	    "6 oct. 2026, 01:30 UTC");
	expect_text(rp_report_phrases("SRV-FILE$: password set 2024-01-15, "
	    "last logon 2026-12-05 (1054 days later)"), "SRV-FILE$: mot de "
	    "passe défini le 15 janv. 2024, dernière connexion le 5 déc. 2026 "
	    "(1054 jours plus tard)");
	expect_text(rp_report_phrases("RODC1$: the password of admin 2 is "
	    "cached"), "RODC1$: le mot de passe de admin 2 est en cache");
	expect_text(rp_report_phrases("missing: /var, /var/log"),
	    "manquant : /var, /var/log");
	expect_text(rp_report_phrases("toor (changed 2022-01-08)"),
	    "toor (modifié le 8 janv. 2022)");
	expect_text(rp_report_phrases("{1}mdb: anonymous has read access to "
	    "userPassword"), "{1}mdb: l'accès anonyme peut lire userPassword");
	expect_text(rp_report_phrases("T (published by CA 1): the enrollee "
	    "supplies the subject alternative name, EKU X, U (S-1-5-11) may "
	    "enroll"), "T (publié par CA 1): le demandeur fournit le nom "
	    "alternatif du sujet, EKU X, U (S-1-5-11) peut l'obtenir");
	expect_text(rp_report_phrases("0 of 12 inactive (more than 25 % is a "
	    "finding)"), "0 sur 12 inactifs (plus de 25 % est un constat)");
	/* not a phrase: inside a word, a value of the wrong form, cut short */
	expect_text(rp_report_phrases("recreated 2026-10-05"),
	    "recreated 2026-10-05");
	expect_text(rp_report_phrases("created yesterday"),
	    "created yesterday");
	expect_text(rp_report_phrases("the password of admin2"),
	    "the password of admin2");
	expect_text(rp_report_phrases("x (12 times)y"), "x (12 fois)y");
	expect_text(rp_report_phrases(""), "");
	/* target errors and reasons go through the same phrases */
	expect_text(rp_report_reason_text("host key mismatch for '10.0.0.2' "
	    "port 22: the server presents ssh-ed25519 SHA256:AB but "
	    "'/k/known_hosts' has SHA256:CD: the host was reinstalled or "
	    "someone is intercepting; check the new key out of band before "
	    "replacing the entry (nothing was sent to the host)"),
	    "clé d'hôte différente pour « 10.0.0.2 » port 22 : le serveur "
	    "présente ssh-ed25519 SHA256:AB mais « /k/known_hosts » contient "
	    "SHA256:CD : l'hôte a été réinstallé ou quelqu'un intercepte la "
	    "connexion ; vérifier la nouvelle clé par un autre canal avant de "
	    "remplacer l'entrée (rien n'a été envoyé à l'hôte)");
	expect_text(rp_report_reason_text("h1: sudo refused a command this "
	    "probe needs as root (allow it NOPASSWD for 'auditor', or audit as "
	    "root) (and more: see the probes)"), "h1: sudo a refusé une "
	    "commande que cette sonde exécute en root (l'autoriser en NOPASSWD "
	    "pour « auditor », ou auditer en root) (et d'autres : voir les "
	    "sondes)");
	r = json_pack("{s:s, s:s}", "reason", "nothing to judge in the probe "
	    "output: not applicable", "observed", "krbtgt: 3931 days");
	expect_text(rp_report_reason(r), "rien à juger dans la sortie de la "
	    "sonde : non applicable");
	expect_text(rp_report_observed(r), "krbtgt: 3931 jours");
	json_decref(r);
	/* a reason built of several phrases */
	expect_text(rp_report_reason_text("no object returned: not readable "
	    "with this account (grant it Read permissions on the object; "
	    "rempart asks for the DACL only (SD_FLAGS control, 4))"),
	    "aucun objet renvoyé : illisible avec ce compte (lui donner le "
	    "droit de lecture sur l'objet ; rempart ne demande que la DACL "
	    "(contrôle SD_FLAGS, 4))");
	expect_text(rp_report_reason_text("3 of 9 object(s) returned without "
	    "a readable nTSecurityDescriptor: not readable with this account "
	    "(x)"), "3 objet(s) sur 9 renvoyé(s) sans nTSecurityDescriptor "
	    "lisible : illisible avec ce compte (x)");
	/* the terminal's warnings (rp_log_set_translator) */
	expect_text(rp_report_log_line("warning: 'h5': unreachable: cannot "
	    "connect to '10.0.0.5' port 22: Connection refused"),
	    "avertissement : 'h5': injoignable : connexion impossible à "
	    "« 10.0.0.5 » port 22 : connexion refusée");
	expect_text(rp_report_log_line("warning: 'h6': odd: x"),
	    "avertissement : 'h6': odd: x");
	expect_text(rp_report_log_line("error: kept"), "error: kept");
	assert_int_equal(rp_i18n_select("en", NULL, NULL), 0);
	expect_text(rp_report_log_line("warning: 'h5': unreachable"),
	    "warning: 'h5': unreachable");
}

/* A translation whose printf conversions differ from the English is unused. */
static void
conversions_checked(void **state)
{
	static const struct pair p[] = {
		{ "", HDR },
		{ "%d hosts", "%s hôtes" },
		{ "%s of %s", "%s de %s" },
		{ "%s: %lld", "%lld : %s" },
		{ "plain", "simple %n" },
		{ "rate %d%%", "taux %d %%" },
	};
	char dir[] = "/tmp/rp-i18n-XXXXXX", path[256];
	const char *const dirs[] = { dir, NULL };
	unsigned char *b;
	size_t len;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/fr", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/fr/LC_MESSAGES", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/fr/LC_MESSAGES/rempart.mo", dir);
	b = build(p, 6, 0, &len);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(b, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(b);
	assert_int_equal(rp_i18n_select("fr", dirs, NULL), 0);
	assert_string_equal(_("%s of %s"), "%s de %s");
	assert_string_equal(_("rate %d%%"), "taux %d %%");
	assert_string_equal(_("%d hosts"), "%d hosts");
	assert_string_equal(_("%s: %lld"), "%s: %lld");
	assert_string_equal(_("plain"), "plain");
	assert_int_equal(rp_i18n_select("en", NULL, NULL), 0);
	unlink(path);
	snprintf(path, sizeof(path), "%s/fr/LC_MESSAGES", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/fr", dir);
	rmdir(path);
	rmdir(dir);
}

/*
 * Every module of checks/ has a label of its own in the report's topic
 * table: a new module without one would show its raw name.
 */
static void
module_labels(void **state)
{
	struct rp_content *c = NULL;
	char *cause = NULL;
	size_t i;

	(void)state;
	if (rp_eval_content_load(RP_TEST_SRCDIR "/checks", &c, &cause) != 0)
		fail_msg("checks: %s", cause);
	assert_true(c->nchecks > 0);
	for (i = 0; i < c->nchecks; i++) {
		const char *m = c->checks[i].module;

		if (strcmp(rp_report_label("module", m), m) == 0)
			fail_msg("module '%s' (%s) has no label in "
			    "src/report/report.c", m, c->checks[i].id);
	}
	assert_string_equal(rp_report_label("module", "ad/no-such"),
	    "ad/no-such");
	rp_content_free(c);
}

/* rp_md_text of s, as a string (owned). */
static char *
md_text(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	rp_md_text(f, s);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/*
 * Remediations in raw Markdown: pasted from the file, so no HTML entity
 * and a backslash only where Markdown would read markup.
 */
static void
markdown_text(void **state)
{
	(void)state;
	expect_text(md_text("sshd -t && systemctl reload ssh"),
	    "sshd -t && systemctl reload ssh");
	expect_text(md_text("printf '%s\\n' 'a = 0' > /etc/x.conf"),
	    "printf '%s\\n' 'a = 0' > /etc/x.conf");
	expect_text(md_text("net.ipv4.conf.all.accept_redirects"),
	    "net.ipv4.conf.all.accept_redirects");
	expect_text(md_text("_x_ *y* `z` a|b ~~s~~"),
	    "\\_x\\_ \\*y\\* \\`z\\` a\\|b \\~\\~s\\~\\~");
	expect_text(md_text("<script> &amp; &#60; a < b"),
	    "\\<script> \\&amp; \\&#60; a < b");
	expect_text(md_text("[x](http://e) [y]: z [[:space:]]"),
	    "[x\\](http://e) [y\\]: z [[:space:]]");
	expect_text(md_text("a\\*b\\"), "a\\\\\\*b\\");
	expect_text(md_text("l1\nl2\x1b"), "l1 l2\\x1b");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(mo_valid),
		cmocka_unit_test(mo_hostile_strings),
		cmocka_unit_test(mo_hostile_layout),
		cmocka_unit_test(languages),
		cmocka_unit_test(french_catalogue),
		cmocka_unit_test(conversions_checked),
		cmocka_unit_test(plural_forms),
		cmocka_unit_test(report_words),
		cmocka_unit_test(module_labels),
		cmocka_unit_test(markdown_text),
		cmocka_unit_test(observed_phrases),
	};

	return cmocka_run_group_tests_name("i18n", tests, NULL, NULL);
}
