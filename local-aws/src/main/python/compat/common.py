"""Helpers more than one compat module needs."""
from datetime import datetime


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
