"""Judges whether rewritten SAM templates mean the same as their originals, using the real
AWS SAM translator: a template and its rewrite must translate to the same CloudFormation, or,
for templates the translator rejects, fail with the same message.

All pairs are judged in one process because starting the translator costs about a second.

Usage: python3 translate_compare.py ORIGINAL_DIR REWRITTEN_DIR
  For every file in REWRITTEN_DIR, the file of the same name in ORIGINAL_DIR is its original.
  Prints one JSON object per file: {"file", "same_translation", "same_input", "outcome", "detail"}.
  "same_input" says whether both files parse (with the translator's own YAML loader, which
  turns short-form tags into Fn:: mappings) to the same document, types included.

       python3 translate_compare.py --as-json YAML_DIR JSON_DIR
  Writes every YAML template of YAML_DIR as a JSON template of the same name into JSON_DIR
  (the document the translator reads, in key order), to judge JSON reading and writing too.
"""
import copy
import json
import os
import sys

# The translator reads the region for pseudo parameters; no credentials are needed.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
# Templates with AWS::Serverless::Application ask the Serverless Application Repository, which
# fails fast without credentials; this keeps botocore from probing an instance metadata endpoint.
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"

from samtranslator.model import apigateway  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402

from offline_translator import NoManagedPolicies  # noqa: E402

# `AlwaysDeploy: true` hashes the current second into the API deployment's logical id, so that
# every translation makes a new deployment (by design). Both sides of a comparison must see the
# same second, or two translations a second apart differ for that reason alone.
apigateway.time = type("FixedClock", (), {"time": staticmethod(lambda: 1_700_000_000.0)})


def parse(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return json.loads(text) if path.endswith(".json") else yaml_parse(text)


def canonical(value):
    """A text form that tells 200 from "200" and a date from a string, so types count, and
    ignores key order (keys of mixed types cannot be sorted by json.dumps)."""
    if isinstance(value, dict):
        return "{" + ",".join(sorted(canonical(k) + ":" + canonical(v) for k, v in value.items())) + "}"
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    return type(value).__name__ + ":" + repr(value)


def outcome(document):
    """('translated', canonical output) or ('rejected', error message)."""
    try:
        return "translated", canonical(transform(copy.deepcopy(document), {}, NoManagedPolicies()))
    except Exception as e:  # the translator signals rejected templates with several exception types
        return "rejected", type(e).__name__ + ": " + str(e)


def judge(original_path, rewritten_path):
    try:
        original = parse(original_path)
    except Exception as e:
        return {"same_translation": False, "same_input": False, "outcome": "unreadable original",
                "detail": str(e)}
    try:
        rewritten = parse(rewritten_path)
    except Exception as e:
        return {"same_translation": False, "same_input": False, "outcome": "unreadable rewrite",
                "detail": str(e).replace("\n", " ")}
    same_input = canonical(original) == canonical(rewritten)
    kind, result = outcome(original)
    rewritten_kind, rewritten_result = outcome(rewritten)
    same = (kind, result) == (rewritten_kind, rewritten_result)
    detail = ""
    if not same and kind == rewritten_kind == "translated":
        detail = first_difference(result, rewritten_result)
    elif not same:
        detail = "original %s | rewrite %s" % (summary(kind, result), summary(rewritten_kind, rewritten_result))
    return {"same_translation": same, "same_input": same_input, "outcome": kind, "detail": detail}


def summary(kind, result):
    return "translated" if kind == "translated" else "rejected: " + result[:400]


def first_difference(left, right):
    at = next((i for i, (a, b) in enumerate(zip(left, right)) if a != b), min(len(left), len(right)))
    return "translations differ at ...%s... vs ...%s..." % (left[max(0, at - 120):at + 80],
                                                              right[max(0, at - 120):at + 80])


def as_json(yaml_dir, json_dir):
    for name in sorted(os.listdir(yaml_dir)):
        if name.endswith((".yaml", ".yml")):
            document = parse(os.path.join(yaml_dir, name))
            target = os.path.join(json_dir, os.path.splitext(name)[0] + ".json")
            with open(target, "w", encoding="utf-8") as f:
                # dates (plain 2012-10-17 in YAML 1.1) become the strings CloudFormation sees
                json.dump(document, f, indent=2, default=str)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--as-json":
        as_json(sys.argv[2], sys.argv[3])
        return
    if len(sys.argv) != 3:
        sys.exit("usage: translate_compare.py ORIGINAL_DIR REWRITTEN_DIR | --as-json YAML_DIR JSON_DIR")
    original_dir, rewritten_dir = sys.argv[1], sys.argv[2]
    for name in sorted(os.listdir(rewritten_dir)):
        verdict = {"file": name}
        try:
            verdict.update(judge(os.path.join(original_dir, name), os.path.join(rewritten_dir, name)))
        except Exception as e:
            verdict.update({"same_translation": False, "same_input": False, "outcome": "comparison failed",
                            "detail": type(e).__name__ + ": " + str(e)})
        print(json.dumps(verdict), flush=True)


if __name__ == "__main__":
    main()
