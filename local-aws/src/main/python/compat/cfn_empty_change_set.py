"""On AWS a change set that changes nothing is created and ends in status ``FAILED`` with
the reason "The submitted information didn't contain changes. Submit different
information to create a change set.", whether or not Parameters are passed, and "nothing"
is judged on the effective parameter values (a value equal to the Default, or
``UsePreviousValue``, is no change). moto does that only without Parameters: with
Parameters and an identical template its CreateChangeSet call itself fails with "No
updates are to be performed." (UpdateStack's wording), and it compares the parameters as
passed rather than as in effect.

Stack tags count too: on AWS a change set that passes Tags other than the stack's is not
empty even when the template and parameters are the same; it is created (``CREATE_COMPLETE``),
can be executed, and executing it applies the tags to the stack and propagates them to the
stack's resources (a stack without taggable resources gets a change set with no resource
changes that still updates the stack: envato/stack_master#302; "if anything is to change on
the stack's tags, all the tags are going to be applied to each of the resources":
aws/aws-sam-cli#7050). A change set that passes no Tags leaves the stack's tags as they are.
moto judges emptiness on the template and parameters only.

Here the pre-check is dropped so the backend's comparison decides, and that comparison
uses the effective values: the template's Defaults overlaid with what was passed, against
the stack's resolved parameters (for an SSM parameter type, the value the parameter store
holds now, as AWS resolves such parameters again at every change set); a change set whose
Tags differ from the stack's is not empty.
"""
from moto.cloudformation import models, responses
from moto.ssm import ssm_backends


def _effective(template_dict, passed):
    values = {}
    for name, declaration in (template_dict.get("Parameters") or {}).items():
        if isinstance(declaration, dict) and "Default" in declaration:
            values[name] = str(declaration["Default"])
    values.update({k: str(v) for k, v in (passed or {}).items()})
    return values


def install():
    def validate_different_update(self, incoming_params, stack_body, old_stack):
        return None

    responses.CloudFormationResponse._validate_different_update = validate_different_update

    def has_parameters(self, other_parameters):
        current = {k: str(v) for k, v in self.resource_map.resolved_parameters.items()}
        effective = _effective(self.template_dict, other_parameters)
        for name, declaration in (self.template_dict.get("Parameters") or {}).items():
            kind = declaration.get("Type", "") if isinstance(declaration, dict) else ""
            if kind == "AWS::SSM::Parameter::Value<String>" and name in effective:
                # the stack holds the parameter's resolved value; AWS resolves the name again to compare
                # (moto's UsePreviousValue hands back the value already resolved, which names no parameter)
                found = ssm_backends[self.account_id][self.region_name].get_parameter(effective[name])
                if found is not None:
                    effective[name] = str(found.value)
        return current == effective

    models.Stack.has_parameters = has_parameters

    original_create = models.CloudFormationBackend.create_change_set

    def create_change_set(self, *args, **kwargs):
        change_set_id, stack_id = original_create(self, *args, **kwargs)
        change_set = self.change_sets[change_set_id]
        tags = change_set.tags or {}
        if change_set.status == "FAILED" and tags and tags != (change_set.stack.tags or {}):
            change_set.status = "CREATE_COMPLETE"
            change_set.execution_status = "AVAILABLE"
            change_set.status_reason = None
        return change_set_id, stack_id

    models.CloudFormationBackend.create_change_set = create_change_set
