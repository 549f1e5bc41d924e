"""ExecuteChangeSet is idempotent per ClientRequestToken.

AWS behaviour: ``ClientRequestToken`` on ExecuteChangeSet exists so a caller can retry the
request "to ensure that CloudFormation successfully received" it; a retry carrying the token
of an execution CloudFormation already accepted succeeds without executing the change set a
second time. This is what makes an SDK retry after a lost answer (connection reset, 5xx after
the work was done) safe.

moto 5.2.1 ignores the token, and with ``cfn_change_set_status`` such a retry is refused as
``InvalidChangeSetStatus`` (the change set is no longer AVAILABLE). This module remembers the
token each accepted execution carried and answers a retry with the same token with success.
A different token, or none, still goes to moto (and is refused there).
"""
from moto.cloudformation import responses

_accepted = {}


def install():
    original = responses.CloudFormationResponse.execute_change_set

    def execute_change_set(self):
        token = self._get_param("ClientRequestToken")
        key = (getattr(self, "current_account", ""), getattr(self, "region", ""), self._get_param("StackName"), self._get_param("ChangeSetName"))
        if token and _accepted.get(key) == token:
            return responses.EmptyResult()
        result = original(self)
        if token:
            _accepted[key] = token
        return result

    responses.CloudFormationResponse.execute_change_set = execute_change_set
