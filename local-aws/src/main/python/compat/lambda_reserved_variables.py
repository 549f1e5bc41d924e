"""A function's environment may not set Lambda's reserved variables.

AWS behaviour (Lambda Developer Guide, "Defined runtime environment variables": "The keys for
these environment variables are reserved and cannot be set in your function configuration"):
CreateFunction and UpdateFunctionConfiguration answer 400 ``InvalidParameterValueException``
"Lambda was unable to configure your environment variables because the environment variables
you have provided contains reserved keys that are currently not supported for modification.
Reserved keys used in this request: <keys>". ``TZ``, ``LANG``, ``PATH`` and the other
runtime variables the guide marks as changeable are not reserved.

moto 5.2.1 accepts any key. ``lambda_invoke`` relies on this rule: it sets the reserved
variables itself, over nothing the function could have declared.
"""
from moto.awslambda.exceptions import InvalidParameterValueException
from moto.awslambda.models import LambdaBackend

RESERVED = (
    "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
)


def check(spec):
    variables = ((spec or {}).get("Environment") or {}).get("Variables") or {}
    used = [key for key in RESERVED if key in variables]
    if used:
        raise InvalidParameterValueException(
            "Lambda was unable to configure your environment variables because the environment variables you have"
            " provided contains reserved keys that are currently not supported for modification. Reserved keys used"
            " in this request: " + ", ".join(used))


def install():
    create = LambdaBackend.create_function
    update = LambdaBackend.update_function_configuration

    def create_function(self, spec):
        check(spec)
        return create(self, spec)

    def update_function_configuration(self, function_name, qualifier, body):
        check(body)
        return update(self, function_name, qualifier, body)

    LambdaBackend.create_function = create_function
    LambdaBackend.update_function_configuration = update_function_configuration
