/*
 * xml.h -- safe loading of rempart's XML formats with libxml2: no network,
 * no DTD (so no external entity and no entity expansion), a size cap, and
 * validation against the format's XSD, chosen by the root's namespace.
 */
#ifndef RP_XML_H
#define RP_XML_H

#include <libxml/tree.h>

enum rp_xml_format {
	RP_XML_CATALOG,
	RP_XML_BASELINE,
	RP_XML_WAIVERS,
	RP_XML_INCIDENT,
	RP_XML_ATTESTATIONS,
	RP_XML__COUNT
};

#define RP_XML_MAX_BYTES	(16u * 1024 * 1024)
/* Attributes per element (libxml2's handling of them is quadratic). */
#define RP_XML_MAX_ATTRS	64

/*
 * Parse and validate path. schemas is an array of RP_XML__COUNT cached
 * xmlSchemaPtr (filled on first use from schemadir). want: the format
 * expected, or -1 for any (then *fmt tells which). *doc is owned.
 */
int	rp_xml_load(const char *path, const char *schemadir, void **schemas,
	    int want, xmlDocPtr *doc, enum rp_xml_format *fmt, char **cause);
void	rp_xml_schemas_free(void **schemas);

/* Attribute value (owned, NULL when absent). */
char	*rp_xml_attr(xmlNodePtr n, const char *name);
/* Text content, whitespace-trimmed (owned). */
char	*rp_xml_text(xmlNodePtr n);
int	 rp_xml_is(xmlNodePtr n, const char *name);

#endif
