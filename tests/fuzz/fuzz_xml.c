/*
 * libFuzzer target: the XML loader (any of the four formats) with schema
 * validation, as 'rempart baseline validate' runs it.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "content/xml.h"

static void *schemas[RP_XML__COUNT];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/rempart-fuzz-xml.XXXXXX", *cause = NULL;
	xmlDocPtr doc = NULL;
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	if (rp_xml_load(path, RP_SRCDIR "/checks/schema", schemas, -1, &doc,
	    NULL, &cause) == 0)
		xmlFreeDoc(doc);
	free(cause);
	unlink(path);
	return 0;
}
