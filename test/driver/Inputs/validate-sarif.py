#!/usr/bin/env python3
"""Validates SARIF files against the SARIF 2.1.0 JSON schema with the
jsonschema package (Debian's python3-jsonschema, with python3-rfc3987 for
the "uri" formats), using the validator class for the schema's own draft.

    validate-sarif.py --schema sarif-2.1.0-rtm.5.json FILE...

tools/install-deps fetches the schema (OASIS's SARIF 2.1.0 schema, as
published in the npm package @microsoft/jest-sarif, pinned and checksummed).
Prints one line per file; exits 1 if any file is invalid, 2 when the
validator cannot run.
"""

import argparse
import json
import sys


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--schema", required=True)
    p.add_argument("files", nargs="+")
    args = p.parse_args()
    try:
        import jsonschema
    except ImportError:
        sys.exit("validate-sarif: the jsonschema module is missing: run tools/install-deps "
                 "(Debian package python3-jsonschema)")
    try:
        with open(args.schema, encoding="utf-8") as f:
            schema = json.load(f)
    except OSError as e:
        sys.exit("validate-sarif: SARIF schema not found at %s (%s): run tools/install-deps, "
                 "which fetches it" % (args.schema, e.strerror))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    # Every format jsonschema knows (the draft-04 checker lacks uri-reference,
    # which the schema uses and the OASIS draft-07 copy of it defines).
    formats = jsonschema.FormatChecker()
    if "uri" not in formats.checkers:
        sys.exit("validate-sarif: jsonschema cannot check the 'uri' format here: install "
                 "python3-rfc3987 (tools/install-deps does)")
    validator = cls(schema, format_checker=formats)
    bad = 0
    for name in args.files:
        with open(name, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        if errors:
            bad += 1
            print("%s: INVALID, %d error(s) against %s:" % (name, len(errors), schema.get("title")))
            for e in errors[:20]:
                print("  at /%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message))
        else:
            print("%s: valid against %s (%s, format checks on)"
                  % (name, schema.get("title"), cls.__name__))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
