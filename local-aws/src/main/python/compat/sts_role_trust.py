"""AWS refuses AssumeRole (``AccessDenied``: "User: <caller> is not authorized to perform:
sts:AssumeRole on resource: <role arn>") when the role does not exist in its account, or
when its trust policy requires an ``sts:ExternalId`` the caller did not give. moto lets
anyone assume any ARN.

Here the check applies to accounts where a role was created through the IAM API (and
still exists): a test that models an account's roles gets AWS's refusal, one that does not
keeps moto's permissive behaviour, so tests that only need "some credentials in account X"
stay short. Roles a stack creates (a SAM function's execution role) do not switch the check
on, and a reset of the local AWS switches it off with the roles.
"""
import json
import re

from moto.iam import responses as iam_responses
from moto.iam.models import iam_backends
from moto.sts import models
from moto.sts.exceptions import STSClientError

ROLE_ARN = re.compile(r"^arn:aws[\w-]*:iam::(\d{12}):role/(?:.*/)?([\w+=,.@-]+)$")


class AccessDenied(STSClientError):
    code = "AccessDenied"


# (account, role name) of roles created through the IAM API
_modelled = set()


def _enforced(account, roles):
    return any((account, name) in _modelled for name in roles)


def _required_external_ids(trust_policy):
    try:
        document = json.loads(trust_policy) if isinstance(trust_policy, str) else trust_policy
    except ValueError:
        return set()
    statements = document.get("Statement", []) if isinstance(document, dict) else []
    if isinstance(statements, dict):
        statements = [statements]
    required = set()
    for statement in statements:
        condition = statement.get("Condition", {}) if isinstance(statement, dict) else {}
        value = condition.get("StringEquals", {}).get("sts:ExternalId")
        if isinstance(value, str):
            required.add(value)
        elif isinstance(value, list):
            required.update(value)
    return required


def install():
    original_create_role = iam_responses.IamResponse.create_role

    def create_role(self):
        result = original_create_role(self)
        _modelled.add((self.current_account, self._get_param("RoleName")))
        return result

    iam_responses.IamResponse.create_role = create_role

    original = models.STSBackend.assume_role

    def assume_role(self, region_name, role_session_name, role_arn, policy, duration, external_id):
        match = ROLE_ARN.match(role_arn or "")
        if match:
            account, name = match.groups()
            iam = iam_backends[account]["aws"]
            roles = {r.name: r for r in iam.roles.values()}
            if _enforced(account, roles):
                denied = AccessDenied(f"User: arn:aws:sts::{self.account_id}:caller is not authorized to perform: "
                                      f"sts:AssumeRole on resource: {role_arn}")
                role = roles.get(name)
                if role is None:
                    raise denied
                required = _required_external_ids(role.assume_role_policy_document)
                if required and external_id not in required:
                    raise denied
        return original(self, region_name, role_session_name, role_arn, policy, duration, external_id)

    models.STSBackend.assume_role = assume_role
