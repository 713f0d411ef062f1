/*
 * libFuzzer target: a results.json (e.g. given to --previous, or handed
 * over) rendered in every format: the loader and every escaper; then cut
 * to a part (report --limit, results/filter.c) and rendered again.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "report/i18n.h"
#include "report/report.h"
#include "results/filter.h"
#include "results/read.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/rempart-fuzz-res.XXXXXX", *cause = NULL;
	static const char *const dirs[] = { RP_BUILDDIR "/po", NULL };
	static const char *lang;
	json_t *j = NULL;
	FILE *null;
	int fd = mkstemp(path), f;

	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	if (lang == NULL)
		lang = rp_i18n_select("fr", dirs, NULL) == 0 ? "fr" : "en";
	if (rp_results_load(path, &j, &cause) == 0) {
		null = fopen("/dev/null", "w");
		for (f = RP_FMT_MD; f <= RP_FMT_PLAN_CSV; f++)
			rp_report_render(j, (enum rp_report_format)f, lang,
			    RP_SRCDIR "/reports/default", null, &cause);
		free(cause);
		cause = NULL;
		if (rp_results_limit(j, "site_a:web*:!db1", path, &cause) == 0)
			for (f = RP_FMT_MD; f <= RP_FMT_PLAN_CSV; f++)
				rp_report_render(j, (enum rp_report_format)f,
				    lang, RP_SRCDIR "/reports/default", null,
				    &cause);
		fclose(null);
		json_decref(j);
	}
	free(cause);
	unlink(path);
	return 0;
}
