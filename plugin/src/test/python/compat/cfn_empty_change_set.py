"""On AWS a change set that changes nothing is created and ends in status ``FAILED`` with
the reason "The submitted information didn't contain changes. Submit different
information to create a change set.", whether or not Parameters are passed, and "nothing"
is judged on the effective parameter values (a value equal to the Default, or
``UsePreviousValue``, is no change). moto does that only without Parameters: with
Parameters and an identical template its CreateChangeSet call itself fails with "No
updates are to be performed." (UpdateStack's wording), and it compares the parameters as
passed rather than as in effect.

Here the pre-check is dropped so the backend's comparison decides, and that comparison
uses the effective values: the template's Defaults overlaid with what was passed, against
the stack's resolved parameters.
"""
from moto.cloudformation import models, responses


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
        return current == _effective(self.template_dict, other_parameters)

    models.Stack.has_parameters = has_parameters
