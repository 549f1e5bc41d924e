"""Lambda Invoke runs a Java function's code, as Lambda's Java runtime does.

AWS behaviour (Lambda Developer Guide: "Define Lambda function handler in Java", "Deploy Java
Lambda functions with .zip or JAR file archives", "Defined runtime environment variables",
"AWS Lambda function errors in Java", "Invoke" in the API reference):

- The deployment package of the invoked version (``$LATEST``, a version number, or an alias;
  an alias with ``RoutingConfig.AdditionalVersionWeights`` sends that share of invocations to the
  additional version) is the task root; the class path is the root, then ``lib/*.jar``.
- The handler is ``pkg.Class::method`` or ``pkg.Class`` (``RequestHandler`` or
  ``RequestStreamHandler``); the event is bound to the handler's input type.
- The process sees the function's ``Environment.Variables`` and Lambda's reserved variables
  (``AWS_REGION``, ``AWS_LAMBDA_FUNCTION_NAME``, ``_HANDLER``, ``LAMBDA_TASK_ROOT``, ``TZ``,
  the execution role's credentials, ...), nothing of the machine that hosts it.
- A handler that throws: 200, ``X-Amz-Function-Error: Unhandled``, payload
  ``{"errorMessage", "errorType", "stackTrace"}``. A run longer than the function's ``Timeout``
  is stopped: 200, ``Unhandled``, ``Task timed out after N.NN seconds``. The runtime exiting:
  ``Runtime.ExitError``. ``InvocationType=Event``: 202 at once, the function runs afterwards.
  ``DryRun``: 204. ``LogType=Tail``: ``X-Amz-Log-Result``, the last 4 KB of the log, base64.
  A payload that is not JSON: 400 ``InvalidRequestContentException``.

moto 5.2.1 runs code only in Docker (absent here) and otherwise answers a canned string. Here a
Java function runs in a child JVM: ``dev.samstage.testing.aws.lambda.LambdaBootstrap`` of the
samstage-local-aws jar, whose class path (that jar, samstage-lambda-runtime and Jackson) comes from the environment
variable ``SAMSTAGE_LAMBDA_CLASSPATH`` (set by ``LocalAws``, and by ``plugin/pom.xml`` for the
ITs); the JVM is ``$JAVA_HOME/bin/java``, else ``java`` on the PATH. The function's SDK clients
reach this local AWS through ``AWS_ENDPOINT_URL``. Each invocation is a cold start; the init
phase (JVM start, class loading) may take up to ``INIT_LIMIT_SECONDS`` (Lambda: 10 s, here more
because a JVM starts slower on a shared build machine) and does not count against ``Timeout``,
as on Lambda. Other runtimes keep moto's behaviour.

Python interface for other compat modules (CodeDeploy lifecycle hooks): ``invoke`` and
``invoke_async`` below.
"""
import base64
import hashlib
import io
import json
import os
import random
import subprocess
import tempfile
import threading
import time
import uuid
import zipfile
from collections import namedtuple
from datetime import datetime, timezone
from urllib.parse import unquote

from moto.awslambda.models import lambda_backends
from moto.awslambda.responses import LambdaResponse
from moto.sts.models import sts_backends

JAVA_RUNTIMES = {"java8.al2", "java11", "java17", "java21", "java25"}
CLASSPATH_VARIABLE = "SAMSTAGE_LAMBDA_CLASSPATH"
BOOTSTRAP = "dev.samstage.testing.aws.lambda.LambdaBootstrap"
INITIALISED = b"SAMSTAGE-LAMBDA-INITIALISED"
INIT_LIMIT_SECONDS = 60
LOG_TAIL_BYTES = 4096
MAX_SYNC_RESPONSE_BYTES = 6 * 1024 * 1024
# what Lambda's Java runtimes put in JAVA_TOOL_OPTIONS by default: a quick start for short runs
JVM_OPTIONS = ["-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]

InvokeResult = namedtuple("InvokeResult", "status_code payload function_error log executed_version")

_port = None
_code_lock = threading.Lock()


def configure(port):
    """The port this local AWS serves on: the functions' ``AWS_ENDPOINT_URL`` points at it."""
    global _port
    _port = port


def is_java(account_id, region, function, qualifier=None):
    """Whether the function (name or ARN) runs on a Java runtime, so that ``invoke`` runs its code."""
    return _target(account_id, region, function, qualifier)[0].run_time in JAVA_RUNTIMES


def invoke(account_id, region, function, qualifier=None, payload=b"{}"):
    """Runs the function once (InvocationType RequestResponse) and answers as Lambda does.

    ``function`` is a name or ARN, possibly qualified; an unqualified call runs ``$LATEST``.
    """
    fn, executed_version, invoked_arn = _target(account_id, region, function, qualifier)
    payload = payload if isinstance(payload, bytes) else str(payload).encode("utf-8")
    if fn.run_time not in JAVA_RUNTIMES:
        raise ValueError(f"{fn.function_name} runs {fn.run_time}; only Java runtimes run their code here")
    return _run(account_id, region, fn, executed_version, invoked_arn, payload or b"{}")


def invoke_async(account_id, region, function, qualifier=None, payload=b"{}"):
    """InvocationType Event: returns at once, the function runs on a daemon thread."""
    _target(account_id, region, function, qualifier)  # unknown functions fail the call, as on Lambda
    threading.Thread(target=invoke, args=(account_id, region, function, qualifier, payload),
                     name=f"lambda-event-{function}", daemon=True).start()


def _target(account_id, region, function, qualifier):
    """(the function version to run, its version string, the ARN the caller invoked)."""
    backend = lambda_backends[account_id][region]
    name, named_qualifier = name_and_qualifier(function)
    qualifier = named_qualifier or qualifier
    latest = backend.get_function(name)
    unqualified_arn = latest.function_arn
    if not qualifier or qualifier == "$LATEST":
        return latest, "$LATEST", unqualified_arn if not qualifier else f"{unqualified_arn}:$LATEST"
    if qualifier.isdigit():
        return backend.get_function(name, qualifier), qualifier, f"{unqualified_arn}:{qualifier}"
    alias = backend.get_alias(qualifier, name)
    version = _weighted_version(alias)
    fn = latest if version == "$LATEST" else backend.get_function(name, version)
    return fn, version, f"{unqualified_arn}:{qualifier}"


def name_and_qualifier(function):
    """A function named by name, ``name:qualifier`` or (possibly qualified) ARN: its name and qualifier (or None)."""
    if function.startswith("arn:"):
        parts = function.split(":")
        return parts[6], parts[7] if len(parts) > 7 else None
    if ":" in function:
        name, qualifier = function.split(":", 1)
        return name, qualifier
    return function, None


def _weighted_version(alias):
    """Lambda's weighted alias: each additional version gets its weight's share, the primary the rest."""
    weights = ((alias.routing_config or {}).get("AdditionalVersionWeights") or {})
    draw = random.random()
    total = 0.0
    for version, weight in weights.items():
        total += float(weight)
        if draw < total:
            return str(version)
    return str(alias.function_version)


def _run(account_id, region, fn, version, invoked_arn, event):
    request_id = str(uuid.uuid4())
    task_root = _task_root(fn)
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    classpath = os.environ.get(CLASSPATH_VARIABLE)
    if not classpath:
        raise RuntimeError(f"{CLASSPATH_VARIABLE} is not set: the local AWS cannot run Java functions"
                           " (LocalAws sets it; see compat/README.md)")
    timeout = float(fn.timeout or 3)
    command = [java, *JVM_OPTIONS, f"-Xmx{int(fn.memory_size or 128)}m", "-cp", classpath, BOOTSTRAP,
               task_root, fn.handler or "", request_id, invoked_arn, str(int(timeout * 1000))]
    started = time.time()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=_environment(account_id, region, fn, version, task_root), cwd=task_root)
    stdout = _Reader(process.stdout, marker=INITIALISED)
    stderr = _Reader(process.stderr)
    try:
        process.stdin.write(event)
        process.stdin.close()
    except BrokenPipeError:
        pass  # the runtime failed before reading the event: its exit says why
    timed_out = False
    try:
        if not stdout.initialised.wait(INIT_LIMIT_SECONDS):
            raise subprocess.TimeoutExpired(command, INIT_LIMIT_SECONDS)
        # the function's Timeout runs from the end of the init phase, as on Lambda
        process.wait(timeout=timeout if stdout.marker_seen else INIT_LIMIT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        timed_out = True
    stdout.join()
    stderr.join()
    duration_ms = (time.time() - started) * 1000
    log = _log(request_id, version, stderr.data, duration_ms, fn.memory_size or 128)
    if timed_out:
        message = f"{_now()} {request_id} Task timed out after {timeout:.2f} seconds"
        log += f"{message}\n".encode()
        return InvokeResult(200, json.dumps({"errorMessage": message}).encode(), "Unhandled", log, version)
    if process.returncode == 0:
        if len(stdout.data) > MAX_SYNC_RESPONSE_BYTES:
            return InvokeResult(200, json.dumps({
                "errorMessage": f"Response payload size ({len(stdout.data)} bytes) exceeded maximum allowed payload"
                                f" size ({MAX_SYNC_RESPONSE_BYTES} bytes).",
                "errorType": "Function.ResponseSizeTooLarge"}).encode(), "Unhandled", log, version)
        return InvokeResult(200, stdout.data, None, log, version)
    if process.returncode == 1 and stdout.data.strip().startswith(b"{"):
        return InvokeResult(200, stdout.data, "Unhandled", log, version)
    return InvokeResult(200, json.dumps({
        "errorType": "Runtime.ExitError",
        "errorMessage": f"RequestId: {request_id} Error: Runtime exited with error: exit status {process.returncode}",
    }).encode(), "Unhandled", log, version)


class _Reader(threading.Thread):
    """Drains a pipe; with a marker, the first line is the end of the init phase, not data."""

    def __init__(self, pipe, marker=None):
        super().__init__(daemon=True)
        self.pipe = pipe
        self.marker = marker
        self.marker_seen = False
        self.initialised = threading.Event()
        self.data = b""
        self.start()

    def run(self):
        try:
            if self.marker is not None:
                first = self.pipe.readline()
                if first.rstrip(b"\r\n") == self.marker:
                    self.marker_seen = True
                else:
                    self.data = first
                self.initialised.set()
            self.data += self.pipe.read()
        finally:
            self.initialised.set()
            self.pipe.close()


def _environment(account_id, region, fn, version, task_root):
    """Lambda's changeable defaults, then the function's variables, then the reserved ones (which
    ``lambda_reserved_variables`` keeps functions from setting) and this local AWS's endpoint."""
    credentials = sts_backends[account_id]["aws"].assume_role(
        region_name=region, role_session_name=fn.function_name, role_arn=fn.role, policy=None,
        duration=43200, external_id=None)
    env = {"TZ": ":UTC", "LANG": "en_US.UTF-8", "PATH": "/usr/local/bin:/usr/bin/:/bin:/opt/bin"}
    env.update({str(k): str(v) for k, v in (fn.environment_vars or {}).items()})
    env.update({
        "AWS_REGION": region,
        "AWS_DEFAULT_REGION": region,
        "AWS_LAMBDA_FUNCTION_NAME": fn.function_name,
        "AWS_LAMBDA_FUNCTION_VERSION": version,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(fn.memory_size or 128),
        "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{fn.function_name}",
        "AWS_LAMBDA_LOG_STREAM_NAME": f"{datetime.now(timezone.utc):%Y/%m/%d}/[{version}]{uuid.uuid4().hex}",
        "AWS_EXECUTION_ENV": f"AWS_Lambda_{fn.run_time}",
        "_HANDLER": fn.handler or "",
        "LAMBDA_TASK_ROOT": task_root,
        "AWS_ACCESS_KEY_ID": credentials.access_key_id,
        "AWS_SECRET_ACCESS_KEY": credentials.secret_access_key,
        "AWS_SESSION_TOKEN": credentials.session_token,
        # the function's SDK clients call this local AWS, whatever the function declared
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{_port}",
    })
    return env


def _task_root(fn):
    """The deployment package unpacked once per CodeSha256 (a version's code never changes)."""
    if not fn.code_bytes:
        raise RuntimeError(f"function {fn.function_name} has no deployment package to run")
    digest = hashlib.sha256(fn.code_bytes).hexdigest()
    cache = os.path.join(tempfile.gettempdir(), "samstage-lambda-code")
    root = os.path.join(cache, digest)
    with _code_lock:
        if not os.path.isdir(root):
            os.makedirs(cache, exist_ok=True)
            staging = tempfile.mkdtemp(prefix=digest[:12] + "-", dir=cache)
            with zipfile.ZipFile(io.BytesIO(fn.code_bytes)) as archive:
                # extractall drops ".." and absolute parts of entry names: nothing lands outside staging
                archive.extractall(staging)
            os.rename(staging, root)
    return root


def _log(request_id, version, output, duration_ms, memory):
    lines = [f"START RequestId: {request_id} Version: {version}\n".encode(), output]
    if output and not output.endswith(b"\n"):
        lines.append(b"\n")
    lines.append(f"END RequestId: {request_id}\n".encode())
    lines.append(f"REPORT RequestId: {request_id}\tDuration: {duration_ms:.2f} ms\t"
                 f"Billed Duration: {int(duration_ms) + 1} ms\tMemory Size: {memory} MB\n".encode())
    return b"".join(lines)


def _now():
    now = datetime.now(timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def _invoke_response(original):
    def invoke_call(self):
        function = unquote(self.path.rsplit("/", 2)[-2])
        qualifier = (self.querystring.get("Qualifier") or [None])[0]
        headers = {str(k).lower(): v for k, v in self.headers.items()}
        if not is_java(self.current_account, self.region, function, qualifier):
            return original(self)
        body = self.raw_body if isinstance(getattr(self, "raw_body", None), bytes) else (self.body or "").encode()
        if body.strip():
            try:
                json.loads(body)
            except ValueError:
                return 400, {"status": 400, "x-amzn-ErrorType": "InvalidRequestContentException"}, json.dumps({
                    "Type": "User", "message": "Could not parse request body into json: Could not parse payload"
                                               " into json"})
        invocation_type = headers.get("x-amz-invocation-type", "RequestResponse")
        if invocation_type == "DryRun":
            return 204, {"status": 204}, ""
        if invocation_type == "Event":
            invoke_async(self.current_account, self.region, function, qualifier, body or b"{}")
            return 202, {"status": 202}, ""
        result = invoke(self.current_account, self.region, function, qualifier, body or b"{}")
        # moto's response plumbing takes the status from the headers
        answer = {"status": result.status_code, "content-type": "application/json",
                  "X-Amz-Executed-Version": result.executed_version}
        if result.function_error:
            answer["X-Amz-Function-Error"] = result.function_error
        if headers.get("x-amz-log-type") == "Tail":
            answer["X-Amz-Log-Result"] = base64.b64encode(result.log[-LOG_TAIL_BYTES:]).decode()
        return result.status_code, answer, result.payload

    return invoke_call


def install():
    LambdaResponse.invoke = _invoke_response(LambdaResponse.invoke)
