"""Translates a SAM template with the real aws-sam-translator, offline, for the traffic tests.

Usage: python3 sam_translate.py TEMPLATE  -> the CloudFormation template as JSON on stdout;
exit 3 with {"errors": [...]} when SAM refuses the template.
"""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.public.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402


class NoManagedPolicies:
    def load(self):
        return {}


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        template = yaml_parse(f.read())
    try:
        translated = transform(template, {}, NoManagedPolicies())
    except InvalidDocumentException as e:
        print(json.dumps({"errors": [str(cause) for cause in e.causes]}))
        sys.exit(3)
    print(json.dumps(translated, default=str))


if __name__ == "__main__":
    main()
