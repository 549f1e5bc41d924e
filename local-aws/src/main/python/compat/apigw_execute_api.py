"""The execute-api data plane: a REST API stage answers HTTP requests through its Lambda proxy integrations.

AWS behaviour (API Gateway Developer Guide: "Set up Lambda proxy integrations in API Gateway",
"Input format of a Lambda function for proxy integration", "Output format of a Lambda function
for proxy integration", "Control access to a REST API with ... Lambda resource policies"):
``https://<apiId>.execute-api.<region>.amazonaws.com/<stage>/<path>`` is matched to a resource
(literal path parts before ``{param}``, before a greedy ``{proxy+}``) and a method (the request's,
else ``ANY``); an ``AWS_PROXY`` integration invokes the Lambda function (or alias) its URI names
with the version 1.0 proxy event, if the function's resource policy lets
``apigateway.amazonaws.com`` invoke it for that API; the function's ``statusCode``, ``headers``,
``multiValueHeaders``, ``body`` and ``isBase64Encoded`` become the HTTP response (a base64 body is
decoded only for the API's ``binaryMediaTypes``, "Return binary media from a Lambda proxy
integration"). A function error, or a result that is not such an object, is 502
``{"message": "Internal server error"}``; a missing permission 500 with the same message; no
answer within the integration's ``timeoutInMillis`` (29 s by default) 504
``{"message": "Endpoint request timed out"}``; no resource or method for the request 403
``{"message":"Missing Authentication Token"}``; an unknown stage 403 ``{"message":"Forbidden"}``.

moto 5.2.1 registers REST APIs but never serves them. Here the URL is
``http://127.0.0.1:<port>/restapis/<apiId>/<stage>/_user_request_/<path>`` (LocalStack's
convention). A stage is known when moto has it or a CloudFormation stack declares it as an
``AWS::ApiGateway::Stage`` of the API (moto skips that type, which SAM emits). Functions run
through ``lambda_invoke`` (Java runtimes).
"""
import base64
import json
import re
import threading
import time
import traceback
import uuid
from datetime import datetime, timezone
from fnmatch import fnmatchcase

from moto.apigateway.models import apigateway_backends
from moto.awslambda.models import lambda_backends
from moto.cloudformation.models import cloudformation_backends
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from werkzeug.wrappers import Request, Response

from . import lambda_invoke

USER_REQUEST = re.compile(r"^/restapis/([^/]+)/([^/]+)/_user_request_(/.*)?$")
FUNCTION_IN_URI = re.compile(r":lambda:path/2015-03-31/functions/(arn:[^/]+)/invocations$")
INTERNAL_ERROR = {"message": "Internal server error"}
DEFAULT_TIMEOUT_MILLIS = 29000
# ANY as PutMethod names it, and as moto's OpenAPI import keeps it
ANY_METHOD = ("ANY", "X-AMAZON-APIGATEWAY-ANY-METHOD")


def _api(api_id):
    for account_id, regions in list(apigateway_backends.items()):
        for region, backend in list(regions.items()):
            if api_id in backend.apis:
                return account_id, region, backend.apis[api_id]
    return None


def _declared_stages(account_id, region, api_id):
    """Stage names that CloudFormation stacks declare for the API (``AWS::ApiGateway::Stage``, skipped by moto)."""
    names = set()
    for stack in list(cloudformation_backends[account_id][region].stacks.values()):
        resources = (getattr(stack, "template_dict", None) or {}).get("Resources", {})
        parsed = getattr(stack.resource_map, "_parsed_resources", {})
        for resource in resources.values():
            properties = resource.get("Properties", {}) if isinstance(resource, dict) else {}
            if resource.get("Type") != "AWS::ApiGateway::Stage" or not isinstance(properties.get("StageName"), str):
                continue
            reference = properties.get("RestApiId")
            target = parsed.get(reference.get("Ref")) if isinstance(reference, dict) else None
            if reference == api_id or getattr(target, "id", None) == api_id:
                names.add(properties["StageName"])
    return names


def _match(template, segments):
    """Path parameters when the resource path matches, with a rank (literal parts first), else None."""
    parts = [p for p in template.split("/") if p]
    parameters, rank = {}, []
    for i, part in enumerate(parts):
        if part.startswith("{") and part.endswith("+}"):
            if i != len(parts) - 1 or len(segments) <= i:
                return None
            parameters[part[1:-2]] = "/".join(segments[i:])
            rank.append(0)
            return parameters, rank
        if i >= len(segments):
            return None
        if part.startswith("{") and part.endswith("}"):
            parameters[part[1:-1]] = segments[i]
            rank.append(1)
        elif part == segments[i]:
            rank.append(2)
        else:
            return None
    return (parameters, rank) if len(parts) == len(segments) else None


def _route(api, method, path):
    segments = [s for s in path.split("/") if s]
    candidates = []
    for resource in api.resources.values():
        matched = _match(resource.get_path(), segments)
        if matched is None:
            continue
        chosen = resource.resource_methods.get(method) or next(
            (resource.resource_methods[m] for m in ANY_METHOD if m in resource.resource_methods), None)
        if chosen is not None:
            candidates.append((matched[1], resource, chosen, matched[0]))
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[0], reverse=True)
    return candidates[0][1:]


def _multi(pairs):
    grouped = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def _event(request, api_id, account_id, stage, path, resource, parameters, request_id):
    headers = _multi(request.headers.items())
    query = _multi(request.args.items(multi=True))
    raw = request.get_data()
    try:
        body, encoded = (raw.decode("utf-8"), False) if raw else (None, False)
    except UnicodeDecodeError:
        body, encoded = base64.b64encode(raw).decode(), True
    now = datetime.now(timezone.utc)
    return {
        "resource": resource.get_path(),
        "path": path,
        "httpMethod": request.method,
        "headers": {k: v[-1] for k, v in headers.items()} or None,
        "multiValueHeaders": headers or None,
        "queryStringParameters": {k: v[-1] for k, v in query.items()} or None,
        "multiValueQueryStringParameters": query or None,
        "pathParameters": parameters or None,
        "stageVariables": None,
        "requestContext": {
            "resourceId": resource.id,
            "resourcePath": resource.get_path(),
            "httpMethod": request.method,
            "extendedRequestId": request_id,
            "requestTime": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "path": f"/{stage}{path}",
            "accountId": account_id,
            "protocol": request.environ.get("SERVER_PROTOCOL", "HTTP/1.1"),
            "stage": stage,
            "domainPrefix": api_id,
            "requestTimeEpoch": int(time.time() * 1000),
            "requestId": request_id,
            "identity": {"sourceIp": request.remote_addr, "userAgent": request.headers.get("User-Agent")},
            "domainName": request.host,
            "apiId": api_id,
        },
        "body": body,
        "isBase64Encoded": encoded,
    }


def _allowed(account_id, region, function_arn, api_id, stage, method, resource_path):
    """Whether the function's resource policy lets API Gateway invoke this function ARN for this route."""
    name, qualifier = lambda_invoke.name_and_qualifier(function_arn)
    fn = lambda_backends[account_id][region].get_function(name)
    unqualified = fn.function_arn
    source = f"arn:aws:execute-api:{region}:{account_id}:{api_id}/{stage}/{method}{resource_path}"
    for statement in fn.policy.statements:
        principal = statement.get("Principal", {})
        service = principal.get("Service") if isinstance(principal, dict) else principal
        if statement.get("Effect", "Allow") != "Allow" or "apigateway.amazonaws.com" not in str(service):
            continue
        if statement.get("Action") not in ("lambda:InvokeFunction", "lambda:*"):
            continue
        # moto keeps the unqualified ARN as Resource of a permission added for an alias or version, and
        # the name it was added for as FunctionName: on AWS the permission covers that ARN only
        target = str(statement.get("FunctionName") or statement.get("Resource", ""))
        if not target.startswith("arn:"):
            target = unqualified + (f":{target.split(':', 1)[1]}" if ":" in target else "")
        if target != function_arn and not (qualifier is None and target == unqualified):
            continue
        condition = statement.get("Condition", {}).get("ArnLike", {}).get("AWS:SourceArn")
        if condition is None or fnmatchcase(source, condition):
            return True
    return False


def _response(status, document, request_id, headers=None):
    response = Response(json.dumps(document) if not isinstance(document, (str, bytes)) else document, status=status)
    response.headers["Content-Type"] = "application/json"
    response.headers["x-amzn-RequestId"] = request_id
    for key, value in (headers or []):
        response.headers.add(key, value)
    return response


def _binary(api, request):
    """API Gateway turns a base64 body back into bytes only for the API's binary media types
    (matched against the request's Accept); otherwise the client gets the base64 text."""
    types = [str(t).replace("~1", "/") for t in (api.binaryMediaTypes or [])]
    accepted = [a.split(";")[0].strip() for a in request.headers.get("Accept", "").split(",") if a.strip()]
    return any(t == "*/*" or any(fnmatchcase(a, t) for a in accepted) for t in types)


def _proxy_result(result, request_id, binary):
    if result.function_error:
        return _response(502, INTERNAL_ERROR, request_id)
    try:
        document = json.loads(result.payload)
        status = int(document["statusCode"])
    except (ValueError, TypeError, KeyError):
        return _response(502, INTERNAL_ERROR, request_id)
    if not isinstance(document, dict):
        return _response(502, INTERNAL_ERROR, request_id)
    body = document.get("body")
    if document.get("isBase64Encoded") and body is not None and binary:
        body = base64.b64decode(body)
    elif body is not None and not isinstance(body, str):
        return _response(502, INTERNAL_ERROR, request_id)
    response = Response(body if body is not None else b"", status=status)
    headers = document.get("headers") or {}
    multi = document.get("multiValueHeaders") or {}
    if not isinstance(headers, dict) or not isinstance(multi, dict):
        return _response(502, INTERNAL_ERROR, request_id)
    for key, value in headers.items():
        if key not in multi:
            response.headers[key] = str(value)
    for key, values in multi.items():
        response.headers.pop(key, None)
        for value in values or []:
            response.headers.add(key, str(value))
    if "Content-Type" not in response.headers:
        response.headers["Content-Type"] = "application/json"
    response.headers["x-amzn-RequestId"] = request_id
    return response


def _integration_timeout(integration):
    """The integration's ``timeoutInMillis``, API Gateway's 29 s by default, in seconds."""
    try:
        return int(integration.timeout_in_millis or DEFAULT_TIMEOUT_MILLIS) / 1000
    except (TypeError, ValueError):
        return DEFAULT_TIMEOUT_MILLIS / 1000


def serve(request, api_id, stage, path):
    request_id = str(uuid.uuid4())
    found = _api(api_id)
    if found is None:
        return _response(403, {"message": "Forbidden"}, request_id)
    account_id, region, api = found
    if stage not in api.stages and stage not in _declared_stages(account_id, region, api_id):
        return _response(403, {"message": "Forbidden"}, request_id)
    routed = _route(api, request.method, path)
    if routed is None:
        return _response(403, {"message": "Missing Authentication Token"}, request_id)
    resource, method, parameters = routed
    integration = method.method_integration
    uri = FUNCTION_IN_URI.search(getattr(integration, "uri", "") or "") if integration else None
    if integration is None or str(integration.integration_type).upper() != "AWS_PROXY" or uri is None:
        # only Lambda proxy integrations are emulated; anything else would answer wrongly
        return _response(500, INTERNAL_ERROR, request_id)
    function_arn = uri.group(1)
    fn_region, fn_account = function_arn.split(":")[3], function_arn.split(":")[4]
    method_name = "*" if method.http_method in ANY_METHOD else method.http_method
    if not _allowed(fn_account, fn_region, function_arn, api_id, stage, method_name, resource.get_path()):
        return _response(500, INTERNAL_ERROR, request_id)
    event = _event(request, api_id, account_id, stage, path, resource, parameters, request_id)
    outcome = {}

    def run():
        try:
            outcome["result"] = lambda_invoke.invoke(fn_account, fn_region, function_arn,
                                                     payload=json.dumps(event).encode())
        except Exception:  # noqa: BLE001  the caller gets API Gateway's answer, the server log the cause
            traceback.print_exc()

    worker = threading.Thread(target=run, name=f"execute-api-{request_id}", daemon=True)
    worker.start()
    worker.join(_integration_timeout(integration))
    if worker.is_alive():
        # API Gateway stops waiting; the function runs on to its own timeout, as on AWS
        return _response(504, {"message": "Endpoint request timed out"}, request_id)
    if "result" not in outcome:
        return _response(502, INTERNAL_ERROR, request_id)
    return _proxy_result(outcome["result"], request_id, _binary(api, request))


def install():
    original = DomainDispatcherApplication.__call__

    def __call__(self, environ, start_response):
        matched = USER_REQUEST.match(environ.get("PATH_INFO", ""))
        if matched is None:
            return original(self, environ, start_response)
        api_id, stage, path = matched.group(1), matched.group(2), matched.group(3) or "/"
        return serve(Request(environ), api_id, stage, path)(environ, start_response)

    DomainDispatcherApplication.__call__ = __call__
