"""Checks a packaged template the way CloudFormation would see it: the SAM transform
(aws-sam-translator, offline) must accept it, and cfn-lint must report no errors.

Usage: python3 validate_template.py TEMPLATE [REGION]
Prints `OK` and exits 0, or prints the problems and exits 1.
"""
import json
import os
import subprocess
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.public.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

from offline_translator import NoManagedPolicies  # noqa: E402


def main():
    path = sys.argv[1]
    region = sys.argv[2] if len(sys.argv) > 2 else "us-east-1"
    with open(path, encoding="utf-8") as handle:
        template = yaml_parse(handle.read())
    problems = []
    if "AWS::Serverless-2016-10-31" in json.dumps(template.get("Transform", "")):
        try:
            transform(template, {}, NoManagedPolicies())
        except InvalidDocumentException as e:
            problems.extend("sam-translator: " + cause.message for cause in e.causes)
        except Exception as e:  # the translator raises plain exceptions for some inputs
            problems.append(f"sam-translator: {type(e).__name__}: {e}")
    lint = subprocess.run(
        [sys.executable, "-c", "import sys; from cfnlint.runner import main; sys.exit(main())",
         "--regions", region, "--format", "parseable", "--", path],
        capture_output=True, text=True)
    # cfn-lint: bit 2 = errors (warnings 4 and informational 8 do not fail a deploy)
    if lint.returncode & 2 or lint.returncode == 1:
        problems.append("cfn-lint: " + (lint.stdout + lint.stderr).strip())
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
