#!/usr/bin/env python3
"""What landed in the benchmark bucket between two moments, for any tool that wrote there.

  s3_objects.py snapshot ENDPOINT BUCKET FILE         record every object (key, size, ETag, time)
  s3_objects.py diff ENDPOINT BUCKET FILE PREFIX      print "objects=N bytes=N" for objects under
                                                      PREFIX that are new or rewritten since FILE

An object counts as uploaded when its key is new or its LastModified/ETag changed, so an
upload that overwrites an existing key is counted too. Credentials and region come from the
environment (fake ones: the bucket lives in the local AWS).
"""
import json
import sys

import boto3
from botocore.config import Config


def objects(endpoint, bucket):
    s3 = boto3.client("s3", endpoint_url=endpoint, config=Config(s3={"addressing_style": "path"}))
    found = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for o in page.get("Contents", []):
            found[o["Key"]] = {"size": o["Size"], "etag": o["ETag"], "modified": o["LastModified"].isoformat()}
    return found


def main():
    command, endpoint, bucket, path = sys.argv[1:5]
    now = objects(endpoint, bucket)
    if command == "snapshot":
        with open(path, "w") as f:
            json.dump(now, f)
        return
    prefix = sys.argv[5] if len(sys.argv) > 5 else ""
    with open(path) as f:
        before = json.load(f)
    changed = [(k, v) for k, v in now.items() if k.startswith(prefix) and before.get(k) != v]
    print(f"objects={len(changed)} bytes={sum(v['size'] for _, v in changed)}")


if __name__ == "__main__":
    main()
