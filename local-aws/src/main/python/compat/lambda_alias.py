"""AWS::Lambda::Alias in CloudFormation.

AWS behaviour: CloudFormation creates, updates and deletes Lambda aliases declared as
``AWS::Lambda::Alias``; ``Ref`` gives the alias ARN. SAM's ``AutoPublishAlias`` emits one per
function and points the API integration, the invoke permission and the CodeDeploy hooks at
it (``!Ref Function.Alias``).

moto 5.2.1: the type is skipped, so every reference to the alias resolves to nothing and
the resources after it fail (the permission loses its ``FunctionName``). This registers a
CloudFormation model that keeps the alias in moto's Lambda backend.

An alias with the ``UpdatePolicy`` attribute ``CodeDeployLambdaAliasUpdate`` is not moved by a
stack update that changes its version: as on AWS (CloudFormation User Guide, "UpdatePolicy
attribute"), CloudFormation asks CodeDeploy to shift the traffic. Inside a change-set execution
(``shifts_deferred()``, used by ``cfn_stack_timeline``) such an update is recorded as a request for
a CodeDeploy deployment (``codedeploy_traffic_shift``) and the alias keeps its version; the first
create points the alias at its version directly, as on AWS. (moto passes the whole resource,
``UpdatePolicy`` included and its intrinsics resolved, to the model.)
"""
import threading
from contextlib import contextmanager

from moto.awslambda.models import LambdaVersion, lambda_backends
from moto.core.common_models import CloudFormationModel

POLICY = "CodeDeployLambdaAliasUpdate"

_deferred = threading.local()


@contextmanager
def shifts_deferred():
    """Within: alias updates under a CodeDeploy policy are collected into the yielded list, not applied."""
    _deferred.requests = []
    try:
        yield _deferred.requests
    finally:
        _deferred.requests = None


class CfnLambdaAlias(CloudFormationModel):
    def __init__(self, arn, name, function_name):
        self.physical_resource_id = arn
        self.name = name
        self.function_name = function_name

    @staticmethod
    def cloudformation_name_type():
        return "Name"

    @staticmethod
    def cloudformation_type():
        return "AWS::Lambda::Alias"

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in ("AliasArn",)

    def get_cfn_attribute(self, attribute_name):
        return self.physical_resource_id

    @staticmethod
    def _function_name(props):
        # Ref of a function is its name; an ARN (possibly qualified) also names it
        value = str(props["FunctionName"])
        return value.split(":")[6] if value.startswith("arn:") else value

    @classmethod
    def _put(cls, backend_call, cloudformation_json):
        """Creates or updates (``backend_call``: the backend's create_alias or update_alias) the alias."""
        props = cloudformation_json.get("Properties", {})
        function_name = cls._function_name(props)
        alias = backend_call(
            props["Name"], function_name, str(props.get("FunctionVersion", "$LATEST")),
            props.get("Description", ""), props.get("RoutingConfig"))
        return cls(alias.arn, props["Name"], function_name)

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        return cls._put(lambda_backends[account_id][region_name].create_alias, cloudformation_json)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                        region_name):
        backend = lambda_backends[account_id][region_name]
        policy = (cloudformation_json.get("UpdatePolicy") or {}).get(POLICY)
        requests = getattr(_deferred, "requests", None)
        if policy and requests is not None:
            props = cloudformation_json.get("Properties", {})
            function_name = cls._function_name(props)
            alias = backend.get_alias(props["Name"], function_name)
            target = str(props.get("FunctionVersion", "$LATEST"))
            if str(alias.function_version) != target:
                alias.description = props.get("Description", "")
                requests.append({
                    "aliasArn": alias.arn, "account": account_id, "region": region_name,
                    "applicationName": policy["ApplicationName"], "deploymentGroupName": policy["DeploymentGroupName"],
                    "beforeHook": policy.get("BeforeAllowTrafficHook"), "afterHook": policy.get("AfterAllowTrafficHook"),
                    "functionName": function_name, "alias": props["Name"],
                    "currentVersion": str(alias.function_version), "targetVersion": target,
                })
                return cls(alias.arn, props["Name"], function_name)
        return cls._put(backend.update_alias, cloudformation_json)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        props = cloudformation_json.get("Properties", {})
        try:
            lambda_backends[account_id][region_name].delete_alias(props["Name"], cls._function_name(props))
        except Exception:  # already gone with its function
            pass


def _update_function_first(function_name, account_id, region_name, stack_id):
    """AWS updates a function before it creates the AWS::Lambda::Version that refers to it (a new
    logical id, SAM's AutoPublishAlias on new code), so the version holds the new code. moto's stack
    update creates added resources before it updates modified ones, which would publish the old
    code again (moto returns the last version when nothing changed); so the function is updated
    here first (moto's later update of it changes nothing more)."""
    from moto.cloudformation import parsing
    from moto.cloudformation.models import cloudformation_backends

    stack = cloudformation_backends[account_id][region_name].stacks.get(stack_id)
    if stack is None or stack.status != "UPDATE_IN_PROGRESS":
        return
    resource_map = stack.resource_map
    for logical_id, resource in list(resource_map._parsed_resources.items()):
        resource_json = resource_map._resource_json_map.get(logical_id)
        if (isinstance(resource_json, dict) and resource_json.get("Type") == "AWS::Lambda::Function"
                and getattr(resource, "function_name", None) == function_name):
            resource_map._parsed_resources[logical_id] = parsing.parse_and_update_resource(
                logical_id, resource_json, resource_map, account_id, region_name)


def _version_attributes():
    create = LambdaVersion.create_from_cloudformation_json.__func__

    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        _update_function_first(str(cloudformation_json["Properties"]["FunctionName"]), account_id, region_name,
                               kwargs.get("StackId"))
        version = create(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        function = lambda_backends[account_id][region_name].get_function(
            cloudformation_json["Properties"]["FunctionName"])
        version.arn = f"{function.function_arn}:{version.version}"
        return version

    LambdaVersion.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
    LambdaVersion.has_cfn_attr = classmethod(lambda cls, attr: attr in ("Version", "FunctionArn"))
    LambdaVersion.get_cfn_attribute = lambda self, attr: str(self.version) if attr == "Version" else self.arn
    LambdaVersion.physical_resource_id = property(lambda self: self.arn)


def install():
    _version_attributes()
    # defining CfnLambdaAlias registered it: moto looks models up through __subclasses__()
    return CfnLambdaAlias
