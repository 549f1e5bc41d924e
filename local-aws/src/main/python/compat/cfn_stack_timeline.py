"""How a stack operation unfolds on AWS, which moto collapses into the API call.

On AWS, ExecuteChangeSet returns at once; the stack then spends time in
``CREATE_IN_PROGRESS`` / ``UPDATE_IN_PROGRESS``, emits one event per resource
(``<ACTION>_IN_PROGRESS`` then ``<ACTION>_COMPLETE`` or ``<ACTION>_FAILED`` with a reason)
and, when a resource fails, rolls back: a failed first create ends in
``ROLLBACK_COMPLETE`` (the stack can then only be deleted), a failed update in
``UPDATE_ROLLBACK_COMPLETE`` with the previous template still in force, and the change
set's execution status becomes ``EXECUTE_FAILED``. After a successful execution the stack
has the template's Outputs. moto applies everything inside the call, emits stack-level
events only, never rolls back (a failing resource errors the call and leaves the stack
``*_IN_PROGRESS``), and gives change-set stacks no Outputs.

This module replaces ExecuteChangeSet with that timeline. Tests control it through the
template, so a test states time and failure where it states the stack:

    Metadata:
      SamstageCompat:
        DurationSeconds: 3        # the operation takes about 3 s (events spread over it)
    Resources:
      Broken:
        Type: AWS::SNS::Topic
        Metadata:
          SamstageCompat:
            FailWith: "Resource handler returned message: quota exceeded"

A resource whose creation moto itself rejects fails the same way, with moto's message as
the reason (AWS: the template the service rejects).

A failing ``AWS::CloudFormation::Stack`` resource stands for a nested stack whose own
resource failed: a nested stack is recorded (``CREATE_FAILED`` on its resource
``FailedResource``, default ``NestedResource``, of type ``FailedResourceType``, default
``AWS::SQS::Queue``, with the ``FailWith`` reason, then ``ROLLBACK_COMPLETE``), and the
parent's resource fails as on AWS with "Embedded stack <arn> was not successfully created:
The following resource(s) failed to create: [<FailedResource>]. ".

An update that changes an ``AWS::Lambda::Alias`` under a ``CodeDeployLambdaAliasUpdate`` policy
(``lambda_alias``) starts a CodeDeploy deployment (``codedeploy_traffic_shift``) once every other
resource of the update is done, so a deployment group changed by the same update applies; the
alias stays ``UPDATE_IN_PROGRESS`` and the stack ``UPDATE_IN_PROGRESS`` until the deployment ends.
Success: the alias ``UPDATE_COMPLETE``, then the stack completes. Failure: the alias
``UPDATE_FAILED`` with CloudFormation's reason (``Resource handler returned message: "<deployment
id> failed. <CodeDeploy's message>" (RequestToken: ..., HandlerErrorCode: InternalFailure)``),
then ``UPDATE_ROLLBACK_IN_PROGRESS`` -> ``UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS`` ->
``UPDATE_ROLLBACK_COMPLETE`` and the change set ``EXECUTE_FAILED``.

A rolled-back update keeps the previous template and parameters (GetTemplate, DescribeStacks, and
the resource map the next change set is compared with); the aliases return to their previous
versions. Not restored: property changes moto already applied to other resources (a function's
code or configuration, a deployment group's settings); new resources the update created (a new
``AWS::Lambda::Version``, which SAM retains anyway) remain in their services but leave the stack.
"""
import threading
import uuid

from moto.awslambda.models import lambda_backends
from moto.cloudformation import models, parsing
from moto.cloudformation.utils import generate_stack_id

from . import codedeploy_traffic_shift, lambda_alias

CONTROL_KEY = "SamstageCompat"

# the logical id moto is creating or updating on this thread, to name it when it fails
_current = threading.local()


def _controls(node):
    metadata = node.get("Metadata") if isinstance(node, dict) else None
    controls = metadata.get(CONTROL_KEY) if isinstance(metadata, dict) else None
    return controls if isinstance(controls, dict) else {}


class _Snapshot:
    """The resource map before an update, put back when the update rolls back."""

    def __init__(self, resource_map):
        self.resource_map = resource_map
        self.template = resource_map._template
        self.parameters = dict(resource_map.input_parameters or {})
        self.resource_json_map = resource_map._resource_json_map
        self.parsed_resources = dict(resource_map._parsed_resources)

    def restore(self):
        m = self.resource_map
        m._template, m.input_parameters = self.template, self.parameters
        m._resource_json_map, m._parsed_resources = self.resource_json_map, self.parsed_resources
        m.load_mapping()
        m.load_parameters()
        m.load_conditions()


class _Execution:
    """One ExecuteChangeSet, run as a list of steps spread over the requested duration."""

    def __init__(self, backend, stack, change_set):
        self.backend = backend
        self.stack = stack
        self.change_set = change_set
        self.kind = change_set.change_set_type  # CREATE or UPDATE
        self.before = _Snapshot(stack.resource_map)
        self.duration = float(_controls(change_set.template_dict).get("DurationSeconds", 0) or 0)
        resources = change_set.template_dict.get("Resources") or {}
        self.changes = [(c.action, c.logical_resource_id, c.resource_type) for c in change_set.changes]
        self.resources = resources
        self.failing = next(((lid, _controls(resources.get(lid))["FailWith"])
                             for action, lid, _ in self.changes
                             if action in ("Add", "Modify") and "FailWith" in _controls(resources.get(lid))), None)

    def start(self):
        self.change_set.execution_status = "EXECUTE_IN_PROGRESS"
        self.stack.status = f"{self.kind}_IN_PROGRESS"
        self.stack._add_stack_event(self.stack.status, resource_status_reason="User Initiated")
        steps = self._failure_steps(*self.failing) if self.failing else self._success_steps()
        if self.duration <= 0:
            for step in steps:
                step()
            return
        pause = self.duration / max(len(steps), 1)

        def run():
            for step in steps:
                threading.Event().wait(pause)
                step()

        threading.Thread(target=run, name=f"stack-timeline-{self.stack.name}", daemon=True).start()

    # -- events -------------------------------------------------------------------------

    def _resource_event(self, logical_id, resource_type, status, reason=None, physical=None):
        resource = self.stack.resource_map._parsed_resources.get(logical_id)
        physical = physical or (getattr(resource, "physical_resource_id", None) if resource is not None else None)
        event = models.Event(
            stack_id=self.stack.stack_id, stack_name=self.stack.name, logical_resource_id=logical_id,
            physical_resource_id=physical or "", resource_type=resource_type, resource_status=status,
            resource_status_reason=reason, resource_properties=None)
        self.stack.events.append(event)

    def _stack_event(self, status, reason=None):
        self.stack.status = status
        self.stack._add_stack_event(status, resource_status_reason=reason)

    @staticmethod
    def _verb(action):
        return {"Add": "CREATE", "Modify": "UPDATE", "Remove": "DELETE"}[action]

    # -- success ------------------------------------------------------------------------

    def _success_steps(self):
        steps = [lambda a=a, l=l, t=t: self._resource_event(l, t, f"{self._verb(a)}_IN_PROGRESS")
                 for a, l, t in self.changes if a != "Remove"]
        steps.append(self._apply)
        return steps

    def _apply(self):
        _current.logical_id = None
        try:
            with lambda_alias.shifts_deferred() as shift_requests:
                self.change_set.apply()
        except Exception as e:  # moto rejected a resource: AWS fails and rolls back
            types = {l: t for a, l, t in self.changes}
            failed = getattr(_current, "logical_id", None) or next(iter(types), self.stack.name)
            action = next((a for a, l, t in self.changes if l == failed), "Add")
            verb = "UPDATE" if action == "Modify" else "CREATE"
            self._resource_event(failed, types.get(failed, "AWS::CloudFormation::Stack"), f"{verb}_FAILED",
                                 f"Resource handler returned message: \"{getattr(e, 'message', None) or e}\"")
            self._roll_back([failed])
            return
        shifting = {self._logical_id(r["aliasArn"]): r for r in shift_requests}
        for a, l, t in self.changes:
            # while traffic shifts, what the update removes stays until the update is over
            if l in shifting or (shifting and a == "Remove"):
                continue
            if a == "Remove":
                self._resource_event(l, t, "DELETE_IN_PROGRESS")
            self._resource_event(l, t, f"{self._verb(a)}_COMPLETE")
        if shifting:
            self._shift(shifting)
            return
        self._complete()

    def _logical_id(self, physical_id):
        return next(l for l, r in self.stack.resource_map._parsed_resources.items()
                    if getattr(r, "physical_resource_id", None) == physical_id)

    # -- CodeDeploy shifts traffic before the aliases complete ----------------------------

    def _shift(self, shifting):
        pending, failures, lock = set(shifting), {}, threading.Lock()

        def ended(logical_id):
            def on_end(shift, failure):
                with lock:
                    pending.discard(logical_id)
                    if failure:
                        failures[logical_id] = failure
                    else:
                        self._resource_event(logical_id, "AWS::Lambda::Alias", "UPDATE_COMPLETE")
                    if pending:
                        return
                if failures:
                    self._shift_failed(shifting, failures)
                else:
                    self._complete([c for c in self.changes if c[0] == "Remove"])
            return on_end

        for logical_id, request in shifting.items():
            try:
                codedeploy_traffic_shift.start(request["account"], request["region"], request, ended(logical_id))
            except Exception as e:  # e.g. the group named by the policy does not exist
                ended(logical_id)(None, getattr(e, "message", None) or str(e))

    def _shift_failed(self, shifting, failures):
        for logical_id, failure in failures.items():
            self._resource_event(logical_id, "AWS::Lambda::Alias", "UPDATE_FAILED",
                                 f"Resource handler returned message: \"{failure}\" (RequestToken: {uuid.uuid4()},"
                                 f" HandlerErrorCode: InternalFailure)")
        # CloudFormation's rollback puts every alias of the update back on its previous version
        for request in shifting.values():
            alias = lambda_backends[request["account"]][request["region"]].get_alias(
                request["alias"], request["functionName"])
            alias.function_version, alias.routing_config = request["currentVersion"], None
        self._roll_back(list(failures))

    def _complete(self, removals=()):
        for a, l, t in removals:
            self._resource_event(l, t, "DELETE_IN_PROGRESS")
            self._resource_event(l, t, "DELETE_COMPLETE")
        stack, change_set = self.stack, self.change_set
        stack.template = change_set.template
        stack._parse_template()
        stack.description = stack.template_dict.get("Description")
        stack.output_map = stack._create_output_map()
        stack.parameters = change_set.parameters
        if change_set.tags:
            stack.tags = change_set.tags
        change_set.execution_status = "EXECUTE_COMPLETE"
        if self.kind == "UPDATE":
            self._stack_event("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS")
        self._stack_event(f"{self.kind}_COMPLETE")

    # -- failure and rollback -----------------------------------------------------------

    def _failure_steps(self, failing_id, reason):
        steps = []
        for a, l, t in self.changes:
            if a == "Remove":
                continue
            steps.append(lambda a=a, l=l, t=t: self._resource_event(l, t, f"{self._verb(a)}_IN_PROGRESS"))
            if l == failing_id:
                steps.append(lambda a=a, l=l, t=t: self._fail_resource(a, l, t, reason))
                break
        steps.append(lambda: self._roll_back([failing_id]))
        return steps

    def _fail_resource(self, action, logical_id, resource_type, reason):
        if resource_type != "AWS::CloudFormation::Stack":
            self._resource_event(logical_id, resource_type, f"{self._verb(action)}_FAILED", reason)
            return
        controls = _controls(self.resources.get(logical_id))
        inner = controls.get("FailedResource", "NestedResource")
        inner_type = controls.get("FailedResourceType", "AWS::SQS::Queue")
        name = f"{self.stack.name}-{logical_id}-NESTED"
        nested = models.Stack(stack_id=generate_stack_id(name, self.stack.region_name, self.stack.account_id), name=name,
                              template={}, parameters={}, account_id=self.stack.account_id,
                              region_name=self.stack.region_name)
        self.backend.stacks[nested.stack_id] = nested
        nested.status = "CREATE_IN_PROGRESS"
        nested._add_stack_event("CREATE_IN_PROGRESS", resource_status_reason="User Initiated")
        for status, why in (("CREATE_IN_PROGRESS", None), ("CREATE_FAILED", reason)):
            nested.events.append(models.Event(
                stack_id=nested.stack_id, stack_name=name, logical_resource_id=inner, physical_resource_id="",
                resource_type=inner_type, resource_status=status, resource_status_reason=why, resource_properties=None))
        nested.status = "ROLLBACK_COMPLETE"
        nested._add_stack_event("ROLLBACK_IN_PROGRESS", resource_status_reason=
                                f"The following resource(s) failed to create: [{inner}]. Rollback requested by user.")
        nested._add_stack_event("ROLLBACK_COMPLETE")
        self._resource_event(logical_id, resource_type, f"{self._verb(action)}_FAILED",
                             f"Embedded stack {nested.stack_id} was not successfully created: The following resource(s) "
                             f"failed to create: [{inner}]. ", physical=nested.stack_id)

    def _roll_back(self, failed_ids):
        names = ", ".join(failed_ids)
        touched = [(a, l, t) for a, l, t in self.changes if a != "Remove" and l not in failed_ids]
        if self.kind == "CREATE":
            self._stack_event("ROLLBACK_IN_PROGRESS",
                              f"The following resource(s) failed to create: [{names}]. Rollback requested by user.")
            for a, l, t in touched:
                self._resource_event(l, t, "DELETE_COMPLETE")
            resource_map = self.stack.resource_map
            resource_map._parsed_resources = {k: v for k, v in resource_map._parsed_resources.items() if k.startswith("AWS::")}
            resource_map._resource_json_map = {}
            self._stack_event("ROLLBACK_COMPLETE")
        else:
            self.before.restore()
            self._stack_event("UPDATE_ROLLBACK_IN_PROGRESS",
                              f"The following resource(s) failed to update: [{names}]. ")
            for a, l, t in touched:
                self._resource_event(l, t, "UPDATE_COMPLETE")
            self._stack_event("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS")
            self._stack_event("UPDATE_ROLLBACK_COMPLETE")
        self.change_set.execution_status = "EXECUTE_FAILED"


def _recording(function):
    def wrapper(logical_id, *args, **kwargs):
        _current.logical_id = logical_id
        return function(logical_id, *args, **kwargs)
    return wrapper


def install():
    parsing.parse_and_create_resource = _recording(parsing.parse_and_create_resource)
    parsing.parse_and_update_resource = _recording(parsing.parse_and_update_resource)

    def execute_change_set(self, change_set_name, stack_name=None):
        change_set = self.describe_change_set(change_set_name)
        _Execution(self, self.stacks[change_set.stack_id], change_set).start()

    models.CloudFormationBackend.execute_change_set = execute_change_set
