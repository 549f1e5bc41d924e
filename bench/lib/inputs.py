#!/usr/bin/env python3
"""Generates the benchmark's inputs: SAM projects whose functions have code of a given size.

A Java function's code is mostly dependency jars (already compressed) plus class files, so
each function directory gets Lambda's layout: ``lib/*.jar`` (real jar files holding random,
incompressible bytes) and ``classes``-like files of compressible bytes (about 10 % of the
size). File modification times are set one day back, standing for the first clone: a later
``cp -r`` (a fresh clone) gives every file a new time, as a real second clone would.

Usage:
  inputs.py big DIR MEGABYTES          one function with MEGABYTES of code
  inputs.py many DIR COUNT KILOBYTES   COUNT functions with KILOBYTES of code each
"""
import os
import random
import sys
import time
import zipfile

JAR_SIZE = 4 * 1024 * 1024
DAY = 24 * 3600


def class_like(rng, size):
    # byte code compresses about 2:1; a small alphabet with structure gives a similar ratio
    words = [bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyzCAFEBABE()<>;/$") for _ in range(rng.randint(3, 12)))
             for _ in range(256)]
    out = bytearray(b"\xca\xfe\xba\xbe\x00\x00\x00\x3d")
    while len(out) < size:
        out += rng.choice(words)
        out += os.urandom(2)
    return bytes(out[:size])


def write_jar(path, size, rng):
    remaining = size
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as jar:
        jar.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
        n = 0
        while remaining > 0:
            chunk = min(remaining, 256 * 1024)
            jar.writestr(f"dep/pkg{n // 50}/C{n}.class", os.urandom(chunk))
            remaining -= chunk
            n += 1


def write_code(root, total_bytes, rng):
    os.makedirs(os.path.join(root, "lib"), exist_ok=True)
    classes = total_bytes // 10
    jars = total_bytes - classes
    i = 0
    while jars > 0:
        size = min(JAR_SIZE, jars)
        write_jar(os.path.join(root, "lib", f"dependency-{i:03d}.jar"), size, rng)
        jars -= size
        i += 1
    pkg = os.path.join(root, "com", "example", "service")
    os.makedirs(pkg, exist_ok=True)
    j = 0
    while classes > 0:
        size = min(classes, rng.randint(2_000, 20_000))
        with open(os.path.join(pkg, f"Type{j:05d}.class"), "wb") as f:
            f.write(class_like(rng, size))
        classes -= size
        j += 1


def age(root):
    then = time.time() - DAY
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames + dirnames:
            os.utime(os.path.join(dirpath, name), (then, then))


def function(name, code_uri):
    return (f"  {name}:\n"
            f"    Type: AWS::Serverless::Function\n"
            f"    Properties:\n"
            f"      CodeUri: {code_uri}\n"
            f"      Handler: com.example.service.{name}::handleRequest\n")


def template(functions):
    return ("AWSTemplateFormatVersion: \"2010-09-09\"\n"
            "Transform: AWS::Serverless-2016-10-31\n"
            "Description: samstage benchmark input\n"
            "Globals:\n"
            "  Function:\n"
            "    Runtime: java21\n"
            "    MemorySize: 1024\n"
            "    Timeout: 20\n"
            "Resources:\n" + "".join(functions))


def main():
    kind, root = sys.argv[1], sys.argv[2]
    rng = random.Random(42)
    os.makedirs(root, exist_ok=True)
    if kind == "big":
        write_code(os.path.join(root, "code"), int(sys.argv[3]) * 1024 * 1024, rng)
        text = template([function("BigFunction", "code/")])
    elif kind == "many":
        count, kib = int(sys.argv[3]), int(sys.argv[4])
        names = []
        for i in range(count):
            write_code(os.path.join(root, f"fn{i:02d}"), kib * 1024, rng)
            names.append(function(f"Function{i:02d}", f"fn{i:02d}/"))
        text = template(names)
    else:
        raise SystemExit(f"unknown input kind {kind}")
    with open(os.path.join(root, "template.yaml"), "w") as f:
        f.write(text)
    age(root)


if __name__ == "__main__":
    main()
