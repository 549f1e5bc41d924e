"""What moto's access-control mode checks, made as strict as AWS where samstage's roles depend on it.

moto 5.2.1 checks IAM policies only when ``INITIAL_NO_AUTH_ACTION_COUNT`` is set (or after
``POST /moto-api/reset-auth``); samstage's tests switch it on for a separate local AWS
(``LocalAws.withIamEnforced()``), never for the shared one. In that mode moto checks, for every
request signed by an IAM user or an assumed role it knows, the action ``<signing name>:<operation>``
against the caller's identity policies (``moto/iam/access_control.py``), with these gaps, each
closed or narrowed here:

1. **The resource.** moto knows the resource ARN only for S3 (bucket or object), IAM, STS and
   SQS; every other request is checked against the resource ``*``, which a statement scoped to
   ARNs never matches, so moto would deny every call a least-privilege policy allows. Here such a
   request is allowed when an Allow statement names its action, whatever that statement's
   resources (AWS would also match the resource; ``GeneratedRolePoliciesTest`` checks the
   generated statements' resources against the calls samstage makes).
2. **Action names.** AWS authorises CloudWatch calls as ``cloudwatch:<operation>`` (moto uses the
   signing name, ``monitoring:``), API Gateway calls as ``apigateway:<HTTP method>`` on
   ``arn:aws:apigateway:<region>::<path>`` (https://docs.aws.amazon.com/apigateway/latest/developerguide/
   permissions.html), and S3 HeadBucket as ``s3:ListBucket``
   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html).
3. **Signatures of API Gateway reads.** moto recomputes the SigV4 signature of an API Gateway
   GET from the parsed parameters rather than the empty body the client signed, so it never
   matches; for those requests the signature check is skipped (the caller is still identified by
   its access key and session token, and its policies still checked).
4. **A missing object.** S3 answers a GetObject or HeadObject on a key that does not exist with
   404 only when the caller may ``s3:ListBucket`` the bucket, else 403 Access Denied
   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html, "Permissions").

Not modelled: resource-based policies (bucket and key policies), KMS calls S3 makes for SSE-KMS,
and the calls CloudFormation makes with the caller's credentials while creating resources (moto
creates them without HTTP requests); ``GeneratedRolePoliciesTest`` covers those statically.
"""
import re

from moto.iam.access_control import IAMPolicy, IAMRequest, S3IAMRequest

SIGNING_NAMES = {"monitoring": "cloudwatch"}


def _statements(policy):
    document = IAMPolicy(policy)._policy_json
    statements = document.get("Statement", [])
    return statements if isinstance(statements, list) else [statements]


def _matches(patterns, value):
    patterns = patterns if isinstance(patterns, list) else [patterns]
    for pattern in patterns:
        regex = "^" + re.escape(pattern).replace("\\*", ".*").replace("\\?", ".") + "$"
        if re.match(regex, value, re.IGNORECASE):
            return True
    return False


def _action_allowed(request, action):
    """Allowed when an Allow statement names the action (any resource) and no Deny on every resource does."""
    allowed = False
    for policy in request._access_key.collect_policies():
        for statement in _statements(policy):
            if "Action" not in statement or not _matches(statement["Action"], action):
                continue
            if statement.get("Effect") == "Deny" and _matches(statement.get("Resource", "*"), "*"):
                return False
            allowed |= statement.get("Effect") == "Allow"
    return allowed


def install():
    original = IAMRequest.check_action_permitted

    def check_action_permitted(self, resource):
        service, _, operation = self._action.partition(":")
        if service in SIGNING_NAMES:
            self._action = SIGNING_NAMES[service] + ":" + operation
        if service == "apigateway":
            self._action = "apigateway:" + self._method
            resource = f"arn:aws:apigateway:{self._region}::{self._path.split('?')[0]}"
            return original(self, resource)
        if resource == "*" and self._action != "sts:GetCallerIdentity":
            if not _action_allowed(self, self._action):
                self._raise_access_denied()
            return None
        return original(self, resource)

    IAMRequest.check_action_permitted = check_action_permitted

    original_signature = IAMRequest.check_signature

    def check_signature(self):
        if self._service == "apigateway" and self._method == "GET":
            return None
        return original_signature(self)

    IAMRequest.check_signature = check_signature

    original_s3 = S3IAMRequest.check_action_permitted

    def check_s3_action_permitted(self, resource):
        if self._action == "s3:HeadBucket":
            self._action = "s3:ListBucket"
        original_s3(self, resource)
        if self._action == "s3:GetObject" and "/" in resource.split(":::", 1)[-1]:
            bucket, key = resource.split(":::", 1)[1].split("/", 1)
            if not _object_exists(self.account_id, bucket, key):
                self._action = "s3:ListBucket"
                original_s3(self, f"arn:aws:s3:::{bucket}")

    S3IAMRequest.check_action_permitted = check_s3_action_permitted


def _object_exists(account_id, bucket, key):
    from urllib.parse import unquote

    from moto.s3.models import s3_backends

    try:
        found = s3_backends[account_id]["aws"].get_bucket(bucket)
    except Exception:  # a missing bucket answers 404 whatever the caller's rights
        return True
    return unquote(key) in found.keys
