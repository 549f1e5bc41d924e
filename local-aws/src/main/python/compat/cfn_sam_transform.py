"""AWS runs the ``AWS::Serverless-2016-10-31`` transform when a change set or stack is
created from a SAM template; moto ignores ``Transform`` and skips every
``AWS::Serverless::*`` resource.

Here templates that declare the transform are translated with the installed
aws-sam-translator (the library CloudFormation's SAM transform is built from) before moto
reads them, so stacks get the same Lambda functions, roles and APIs AWS would create. The
stack keeps the original template (as AWS's GetTemplate with TemplateStage=Original does);
only the parsed form moto builds resources from is translated. A translation error fails
the call with the transform's message, as AWS reports it ("Transform
AWS::Serverless-2016-10-31 failed with: ...").

CloudFormation runs the transform with the change set's parameter values (CloudFormation User
Guide, "Transform", and SAM's own parameter resolution: intrinsics in properties such as
``DeploymentPreference.Type`` or ``AutoPublishAlias`` resolve against them, defaults filling the
rest), so a change set's template is translated with its Parameters. A stack parsed outside a
change set (CreateStack, UpdateStack) is translated with the template's defaults only.
"""
import json

from moto.cloudformation import models
from moto.cloudformation.exceptions import ValidationError

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"


class _NoManagedPolicies:
    """The translator looks managed policy names up through this loader; none are needed offline."""

    def load(self):
        return {}


def _declares_sam(template):
    transform = template.get("Transform") if isinstance(template, dict) else None
    if isinstance(transform, list):
        return SAM_TRANSFORM in transform
    return transform == SAM_TRANSFORM


def translate(template, parameters=None):
    """The processed template for a parsed ``template`` (unchanged when it is not SAM), with the
    ``parameters`` (name to value) CloudFormation passes to the transform."""
    if not _declares_sam(template):
        return template
    from samtranslator.model.exceptions import InvalidDocumentException
    from samtranslator.translator.transform import transform

    try:
        # a JSON round trip turns moto's YAML tag objects into plain intrinsics
        processed = transform(json.loads(json.dumps(template)), dict(parameters or {}), _NoManagedPolicies())
    except InvalidDocumentException as e:
        causes = "; ".join(str(c) for c in e.causes) or str(e)
        raise ValidationError(message=f"Transform {SAM_TRANSFORM} failed with: {causes}")
    return processed


def install():
    original_parse = models.Stack.parse_template

    def parse_template(template):
        return translate(original_parse(template))

    models.Stack.parse_template = staticmethod(parse_template)

    original_change_set_parse = models.ChangeSet._parse_template

    def change_set_parse(self):
        original_change_set_parse(self)
        self.template_dict = translate(self.template_dict, self.parameters)

    models.ChangeSet._parse_template = change_set_parse
