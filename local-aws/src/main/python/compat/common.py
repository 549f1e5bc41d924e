"""Helpers more than one compat module needs."""
import json
from datetime import datetime
from urllib.parse import parse_qs


def epoch_seconds(value):
    """AWS JSON-protocol timestamps are epoch seconds; moto keeps ISO-8601 strings (``...Z``).
    Numbers and ``None`` pass through unchanged."""
    if value is None or isinstance(value, (int, float)):
        return value
    return datetime.fromisoformat(str(value).replace("Z", "+00:00")).timestamp()


def replace_methods(owner, *functions, **renamed):
    """Makes each function a method of ``owner`` (a moto model or response class) under the
    function's own name, and each ``renamed`` one under its keyword."""
    for function in functions:
        setattr(owner, function.__name__, function)
    for name, function in renamed.items():
        setattr(owner, name, function)


def json_body(environ):
    """The JSON body of a control request (WSGI ``environ``); ``{}`` when it has none."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return json.loads(environ["wsgi.input"].read(length) or b"{}")


def json_response(start_response, status, answer):
    """Answers a control request with ``answer`` as JSON and the WSGI ``status`` line."""
    payload = json.dumps(answer).encode("utf-8")
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
    return [payload]


def serve_controls(paths, handle, errors=(ValueError, KeyError)):
    """Serves the local AWS's own control requests (test set-up, never AWS APIs) on ``paths``
    (exact paths, or prefixes ending in ``/``): ``handle(method, path, query, environ)`` returns
    the JSON answer (200), or ``None`` for a request it does not know (404); the ``errors`` it
    raises answer 400 with their message. Every other request goes to moto as before."""
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    dispatch = DomainDispatcherApplication.__call__

    def call(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not any(path == p or (p.endswith("/") and path.startswith(p)) for p in paths):
            return dispatch(self, environ, start_response)
        method = environ["REQUEST_METHOD"]
        query = {k: v[-1] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        try:
            answer = handle(method, path, query, environ)
        except errors as e:
            return json_response(start_response, "400 Bad Request", {"message": str(e)})
        if answer is None:
            return json_response(start_response, "404 Not Found", {"message": f"no compat control {method} {path}"})
        return json_response(start_response, "200 OK", answer)

    DomainDispatcherApplication.__call__ = call
