#include "config.h"

#include <stdio.h>

#include "cli/cli.h"
#include "core/log.h"
#include "core/banned.h"

int
cmd_collect(int argc, char **argv)
{
	rp_error("collection is not available in this build yet: evaluate "
	    "an existing bundle with 'rempart evaluate -e DIR'");
	return RP_EXIT_RUNTIME;
}

int
cmd_audit(int argc, char **argv)
{
	return cmd_collect(argc, argv);
}
