"""Local AWS for samstage's tests: moto 5.2.1 in server mode, plus a small compatibility
layer where moto diverges from AWS behaviour that samstage relies on.

Every patch below names the AWS behaviour it stands for. Started by the Java test
fixture ``dev.samstage.testing.aws.LocalAws``; prints ``READY <port>`` once serving.

Usage: python3 local_aws.py [--port N] [--forever] [--log FILE] [--minute-seconds S] [--latency-model]
  --port N           0, the default, picks a free port
  --log FILE         append the server's own output (request lines, warnings of the SAM translator)
                     to FILE instead of writing it to standard output and error
  --minute-seconds S how many real seconds one minute of AWS time lasts for CodeDeploy traffic
                     shifting (default 0.2, or SAMSTAGE_MINUTE_SECONDS; compat/codedeploy_traffic_shift.py)
  --latency-model    AWS's time as well as its rules, for the benchmark only (compat/latency_model.py)
"""
import argparse
import os
import socket
import sys
import threading

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
# S3's minimum part size: 5 MiB for every part but the last (compat/s3_multipart_rules.py).
os.environ.setdefault("S3_UPLOAD_PART_MIN_SIZE", str(5 * 1024 * 1024))

import compat  # noqa: E402  (patches moto; see compat/__init__.py)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--forever", action="store_true",
                        help="serve until killed instead of until stdin closes (background use by the build)")
    parser.add_argument("--log", help="file the server's output is appended to (a background server's parent may "
                                      "never read its pipes: once a pipe is full, every request that logs would block)")
    parser.add_argument("--minute-seconds", type=float, default=None,
                        help="real seconds per minute of AWS time for CodeDeploy deployments")
    parser.add_argument("--latency-model", action="store_true",
                        help="delays where AWS takes time (round trips, change sets, stack operations); "
                             "the benchmark's, never the tests' (compat/latency_model.py)")
    args = parser.parse_args()
    if args.log:
        log = open(args.log, "a", buffering=1)
        os.dup2(log.fileno(), sys.stdout.fileno())
        os.dup2(log.fileno(), sys.stderr.fileno())
    if args.minute_seconds is not None:
        compat.codedeploy_traffic_shift.set_minute_seconds(args.minute_seconds)
    port = args.port or free_port()

    from moto.server import ThreadedMotoServer

    compat.install()
    compat.lambda_invoke.configure(port)
    if args.latency_model:
        from compat import latency_model
        latency_model.install()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    print(f"READY {port}", flush=True)
    try:
        if args.forever:
            threading.Event().wait()
        else:
            # the parent closes our stdin when it is done with us
            sys.stdin.read()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
