"""AWS::Lambda::Alias in CloudFormation.

AWS behaviour: CloudFormation creates, updates and deletes Lambda aliases declared as
``AWS::Lambda::Alias``; ``Ref`` gives the alias ARN. SAM's ``AutoPublishAlias`` emits one per
function and points the API integration, the invoke permission and the CodeDeploy hooks at
it (``!Ref Function.Alias``).

moto 5.2.1: the type is skipped, so every reference to the alias resolves to nothing and
the resources after it fail (the permission loses its ``FunctionName``). This registers a
CloudFormation model that keeps the alias in moto's Lambda backend.
"""
from moto.awslambda.models import LambdaVersion, lambda_backends
from moto.core.common_models import CloudFormationModel


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
        return cls._put(lambda_backends[account_id][region_name].update_alias, cloudformation_json)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        props = cloudformation_json.get("Properties", {})
        try:
            lambda_backends[account_id][region_name].delete_alias(props["Name"], cls._function_name(props))
        except Exception:  # already gone with its function
            pass


def _version_attributes():
    create = LambdaVersion.create_from_cloudformation_json.__func__

    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
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
