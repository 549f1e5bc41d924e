"""DescribeStackResource finds a resource of a stack that also holds resources moto cannot model.

AWS behaviour: DescribeStackResource returns the named resource of the stack, whatever the other
resources are (API ref, DescribeStackResource). SAM's transform of an implicit API adds an
``AWS::ApiGateway::Stage``, which moto 5.2.1 does not model: it keeps ``None`` in the stack's
resource map, and its DescribeStackResource, which reads every entry's logical id, fails with a 500
for every resource of such a stack. That is the call by which the test kit's ``StageFunctions``
finds a deployed function. This module looks the name up among the resources moto models; a name
that is not among them is answered as moto answers an unknown one (``ValidationError``, "does not
exist").
"""
from moto.cloudformation import models


def install():
    def describe_stack_resource(self, stack_name, logical_resource_id):
        stack = self.get_stack(stack_name)
        for resource in stack.stack_resources:
            if resource is not None and resource.logical_resource_id == logical_resource_id:
                return stack, resource
        raise models.ValidationError(stack_name, f"Resource {logical_resource_id} does not exist for stack {stack_name}")

    models.CloudFormationBackend.describe_stack_resource = describe_stack_resource
