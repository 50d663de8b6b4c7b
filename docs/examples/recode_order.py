"""Print a sample bundle with its draft orders coded as a site's EHR may send them: only the
local code, no CPT code and no text. (For the example in docs/ehr-integration.md.)

    python3 docs/examples/recode_order.py BUNDLE SYSTEM CODE > recoded.json
"""

import json
import sys


def main() -> None:
    bundle_path, system, code = sys.argv[1:4]
    with open(bundle_path, encoding="utf-8") as fh:
        bundle = json.load(fh)
    for entry in bundle.get("entry", []):
        resource = entry.get("resource", {})
        if resource.get("resourceType") == "ServiceRequest" and resource.get("status") == "draft":
            resource["code"] = {"coding": [{"system": system, "code": code}]}
    json.dump(bundle, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
