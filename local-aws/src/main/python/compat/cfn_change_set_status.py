"""Change set life cycle rules AWS enforces and moto does not.

- ExecuteChangeSet is refused with ``InvalidChangeSetStatus`` unless the change set is
  ``CREATE_COMPLETE`` and its execution status ``AVAILABLE`` ("ChangeSet [arn] cannot be
  executed in its current status of [FAILED]"); moto executes FAILED (empty) change sets
  and executes the same change set twice.
- A CREATE change set for a stack that is in ``REVIEW_IN_PROGRESS`` (created by an
  earlier, never executed CREATE change set) reuses that stack; for any other existing
  stack AWS refuses ("Stack [name] already exists and cannot be created again with the
  changeSet [name]."). moto adds a second stack of the same name.
- CreateChangeSet and ExecuteChangeSet on a stack busy with another operation
  (``*_IN_PROGRESS`` other than ``REVIEW_IN_PROGRESS``) fail with "Stack:<id> is in
  <STATUS> state and can not be updated."; moto's stacks are never busy, but
  ``cfn_stack_timeline`` makes them so.
- Executing a change set deletes the stack's other change sets.
- DescribeChangeSet, ExecuteChangeSet and DeleteChangeSet of a change set that does not
  exist (for example one deleted because another change set of the stack was executed)
  fail with ``ChangeSetNotFound`` (HTTP 404, "ChangeSet [name] does not exist"); moto
  answers "Stack with id ... does not exist", or fails with HTTP 500 on delete.
"""
from moto.cloudformation import models
from moto.cloudformation.exceptions import CloudFormationError, ValidationError


class InvalidChangeSetStatus(CloudFormationError):
    code = "InvalidChangeSetStatus"


class ChangeSetNotFound(CloudFormationError):
    code = "ChangeSetNotFound"

    def __init__(self, name):
        super().__init__(f"ChangeSet [{name}] does not exist")
        self.status_code = 404


def _find(backend, change_set_name):
    if change_set_name in backend.change_sets:
        return backend.change_sets[change_set_name]
    found = next((cs for cs in backend.change_sets.values() if cs.change_set_name == change_set_name), None)
    if found is None:
        raise ChangeSetNotFound(change_set_name)
    return found


def _busy(stack):
    return stack.status.endswith("_IN_PROGRESS") and stack.status != "REVIEW_IN_PROGRESS"


def _refuse_busy(stack):
    if _busy(stack):
        raise ValidationError(message=f"Stack:{stack.stack_id} is in {stack.status} state and can not be updated.")


def install():
    backend = models.CloudFormationBackend
    original_create = backend.create_change_set
    original_execute = backend.execute_change_set
    original_delete = backend.delete_change_set

    def describe_change_set(self, change_set_name):
        return _find(self, change_set_name)

    def delete_change_set(self, change_set_name):
        _find(self, change_set_name)
        return original_delete(self, change_set_name)

    def create_change_set(self, stack_name, change_set_name, template, parameters, description,
                          change_set_type, notification_arns=None, tags=None, role_arn=None):
        existing = next((s for s in self.stacks.values() if s.name == stack_name), None)
        if existing is not None:
            _refuse_busy(existing)
        if change_set_type == "CREATE" and existing is not None and existing.status != "REVIEW_IN_PROGRESS":
            raise ValidationError(message=f"Stack [{stack_name}] already exists and cannot be created again "
                                          f"with the changeSet [{change_set_name}].")
        change_set_id, stack_id = original_create(
            self, stack_name=stack_name, change_set_name=change_set_name, template=template,
            parameters=parameters, description=description, change_set_type=change_set_type,
            notification_arns=notification_arns, tags=tags, role_arn=role_arn)
        if change_set_type == "CREATE" and existing is not None:
            # moto made a second stack of the same name: fold the change set onto the first
            self.stacks.pop(stack_id, None)
            change_set = self.change_sets[change_set_id]
            change_set.stack = existing
            change_set.stack_id = existing.stack_id
            stack_id = existing.stack_id
        return change_set_id, stack_id

    def execute_change_set(self, change_set_name, stack_name=None):
        change_set = self.describe_change_set(change_set_name)
        if change_set.status != "CREATE_COMPLETE":
            raise InvalidChangeSetStatus(
                f"ChangeSet [{change_set.change_set_id}] cannot be executed in its current status of [{change_set.status}]")
        if change_set.execution_status != "AVAILABLE":
            raise InvalidChangeSetStatus(
                f"ChangeSet [{change_set.change_set_id}] cannot be executed in its current execution status of "
                f"[{change_set.execution_status}]")
        _refuse_busy(self.stacks[change_set.stack_id])
        for other_id in [i for i, cs in self.change_sets.items()
                         if cs.stack_id == change_set.stack_id and i != change_set.change_set_id]:
            del self.change_sets[other_id]
        return original_execute(self, change_set.change_set_id, stack_name)

    backend.describe_change_set = describe_change_set
    backend.delete_change_set = delete_change_set
    backend.create_change_set = create_change_set
    backend.execute_change_set = execute_change_set
