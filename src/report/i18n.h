/*
 * i18n.h -- translated fixed text of the reports.
 *
 * The report's fixed strings are English in the source, marked _() (or
 * N_() where only the mark is needed, C_() with a context where one English
 * word takes two French translations), extracted by xgettext into
 * po/rempart.pot and translated in po/<lang>.po. msgfmt compiles each .po
 * into a GNU .mo catalogue at build time; rempart reads that catalogue
 * itself (rp_mo_parse) rather than through the C library's gettext, so that
 * --lang works whatever locales the machine has (the C library ignores
 * LANGUAGE when the locale is C, and a minimal system ships only C.UTF-8).
 *
 * One catalogue is in use per process (rp_i18n_select); not thread-safe.
 */
#ifndef RP_I18N_H
#define RP_I18N_H

#include <stddef.h>

#define _(s)		rp_gettext(s)
#define N_(s)		(s)
/* plural forms: ngettext semantics, the catalogue's Plural-Forms rule */
#define P_(s, p, n)	rp_ngettext(s, p, (unsigned long)(n))
/* context and message: "ctx\004msgid" is the key msgfmt writes */
#define C_(ctx, s)	rp_pgettext(ctx "\004" s, s)

/* The catalogue's name: <dir>/<lang>/LC_MESSAGES/rempart.mo */
#define RP_I18N_DOMAIN	"rempart"
/* Bounds of a catalogue we accept. */
#define RP_MO_MAX_BYTES		(4U * 1024 * 1024)
#define RP_MO_MAX_STRINGS	65536U
#define RP_MO_MAX_STRING	65536U

struct rp_mo;

/*
 * Parse a GNU .mo catalogue held in buf (len bytes; copied). Every offset,
 * length and string is validated: the original strings must be sorted and
 * unique, translations valid UTF-8 without control characters (tab and
 * newline aside) nor the markup characters < > & " (the renderers print
 * fixed text as it is), and the header's charset UTF-8. *out is owned:
 * rp_mo_free() it.
 */
int	rp_mo_parse(const void *buf, size_t len, struct rp_mo **out,
	    char **cause);
/* The translation of key, or NULL; borrowed from mo. */
const char *rp_mo_lookup(const struct rp_mo *mo, const char *key);
/*
 * The plural form of key's translation for the number n (the catalogue's
 * Plural-Forms rule), or NULL when it has no rule, no such entry or too
 * few forms.
 */
const char *rp_mo_lookup_plural(const struct rp_mo *mo, const char *key,
	    unsigned long n);
/*
 * Evaluate a Plural-Forms expression ("(n > 1)", "n%10==1 && n%100!=11 ?
 * 0 : ...") for n: the form's index, or -1 when the expression is not
 * understood.
 */
long	rp_plural_eval(const char *expr, unsigned long n);
size_t	rp_mo_count(const struct rp_mo *mo);
void	rp_mo_free(struct rp_mo *mo);
/* Read and parse a catalogue file. */
int	rp_mo_load(const char *path, struct rp_mo **out, char **cause);

/* Languages the reports are written in ("en" first: the source's). */
extern const char *const rp_i18n_langs[];
/* 1 when lang is one of rp_i18n_langs. */
int	rp_i18n_lang_known(const char *lang);
/* "en, fr": for error messages. */
const char *rp_i18n_lang_list(void);
/*
 * The language from the environment, as gettext ranks it: the first known
 * entry of LANGUAGE, else the first set of LC_ALL, LC_MESSAGES, LANG; "en"
 * when none names a known language.
 */
const char *rp_i18n_default_lang(void);
/*
 * Use lang from now on: "en" needs no catalogue; any other language loads
 * the first of dirs[] (NULL-terminated) that holds
 * <dir>/<lang>/LC_MESSAGES/rempart.mo. An error when lang is unknown or
 * none holds a valid catalogue.
 */
int	rp_i18n_select(const char *lang, const char *const *dirs,
	    char **cause);
/* The language in use ("en" until rp_i18n_select). */
const char *rp_i18n_lang(void);

/*
 * The translation of msgid in the catalogue in use, else msgid itself; a
 * translation whose printf conversions differ from msgid's is not used.
 */
const char *rp_gettext(const char *msgid) __attribute__((format_arg(1)));
/* ngettext: msgid (n == 1) or plural in English, else the form for n. */
const char *rp_ngettext(const char *msgid, const char *plural,
	    unsigned long n) __attribute__((format_arg(1)))
	    __attribute__((format_arg(2)));
const char *rp_pgettext(const char *key, const char *msgid)
	    __attribute__((format_arg(2)));

#endif
