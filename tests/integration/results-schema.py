#!/usr/bin/env python3
"""results-schema.py SCHEMA FILE... -- validate results.json files against
docs/results.schema.json (JSON Schema 2020-12, python3-jsonschema); print at
most 5 errors per file, exit 1 on any."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
bad = 0
for path in sys.argv[2:]:
    errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
    for e in errors[:5]:
        print("%s: /%s: %s" % (path, "/".join(map(str, e.path)), e.message[:200]))
    bad += len(errors)
sys.exit(1 if bad else 0)
