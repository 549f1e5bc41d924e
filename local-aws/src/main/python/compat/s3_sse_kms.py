"""SSE-KMS uploads need a usable KMS key in the bucket's region, and S3 records its ARN.

Amazon S3 API reference, PutObject / CreateMultipartUpload / CopyObject,
``x-amz-server-side-encryption-aws-kms-key-id``: with ``aws:kms`` (or ``aws:kms:dsse``) the
header names the key by key id, key ARN, alias name or alias ARN; without it S3 uses the
account's AWS managed key ``aws/s3``. S3 asks KMS in the bucket's region for a data key, so:

- a key or alias that does not exist there is refused with KMS's error as S3 relays it:
  400 ``KMS.NotFoundException`` ("Key 'arn:aws:kms:<region>:<account>:key/<id>' does not
  exist", "Alias arn:aws:kms:<region>:<account>:alias/<name> is not found.");
- a key ARN of another region is refused the same way ("Invalid arn <region>"): a KMS key
  is regional and S3 only uses keys of the bucket's region;
- a disabled key: 400 ``KMS.DisabledException`` ("<key arn> is disabled."); a key pending
  deletion: 400 ``KMS.KMSInvalidStateException`` ("<key arn> is pending deletion.").

For an accepted request S3 stores the key's full ARN, whatever form the request used, and
reports that ARN in ``x-amz-server-side-encryption-aws-kms-key-id`` (HeadObject, GetObject,
the upload's own response). moto 5.2.1 checks nothing and echoes the header as it came.
Here the key is looked up in moto's KMS for the key's account (the caller's, unless an ARN
names another) in the bucket's region, and the request goes on with the key's ARN in place
of what it named (the ``aws/s3`` key is created on first use, as AWS does).
"""
import re

from moto.kms.models import kms_backends
from moto.s3 import responses
from moto.s3.exceptions import S3ClientError
from werkzeug.datastructures import Headers

KEY_HEADER = "x-amz-server-side-encryption-aws-kms-key-id"
_ARN = re.compile(r"^arn:aws[\w-]*:kms:([\w-]+):(\d{12}):(key|alias)/(.+)$")


class KmsError(S3ClientError):
    def __init__(self, code, message):
        super().__init__(f"KMS.{code}", message)


def _key_arn(account, region, named):
    """The ARN of the usable key ``named`` stands for, as S3 resolves it for a bucket in ``region``."""
    match = _ARN.match(named)
    if match:
        key_region, account, kind, name = match.groups()
        if key_region != region:
            raise KmsError("NotFoundException", f"Invalid arn {key_region}")
        named = f"alias/{name}" if kind == "alias" else name
    kms = kms_backends[account][region]
    if named.startswith("alias/"):
        key_id = kms.get_key_id_from_alias(named)
        if key_id is None:
            raise KmsError("NotFoundException", f"Alias arn:aws:kms:{region}:{account}:{named} is not found.")
    else:
        key_id = named
    key = kms.keys.get(key_id)
    if key is None:
        raise KmsError("NotFoundException", f"Key 'arn:aws:kms:{region}:{account}:key/{key_id}' does not exist")
    if key.key_state == "Disabled":
        raise KmsError("DisabledException", f"{key.arn} is disabled.")
    if key.key_state == "PendingDeletion":
        raise KmsError("KMSInvalidStateException", f"{key.arn} is pending deletion.")
    return key.arn


def _with_resolved_key(response, headers):
    """``headers`` with the KMS key replaced by its ARN; ``None`` when the request is not SSE-KMS."""
    if not (headers.get("x-amz-server-side-encryption") or "").startswith("aws:kms"):
        return None
    try:
        bucket = response.backend.get_bucket(response.bucket_name)
    except S3ClientError:
        return None  # moto answers NoSuchBucket
    named = headers.get(KEY_HEADER) or "alias/aws/s3"
    resolved = Headers(list(headers.items()))
    resolved.set(KEY_HEADER, _key_arn(response.current_account, bucket.region_name, named))
    return resolved


class _Request:
    """The request as moto sees it, with other headers."""

    def __init__(self, request, headers):
        self._request = request
        self.headers = headers

    def __getattr__(self, name):
        return getattr(self._request, name)


def install():
    for name in ("put_object", "copy_object"):
        original = getattr(responses.S3Response, name)

        def with_key_arn(self, _original=original):
            resolved = _with_resolved_key(self, self.headers)
            if resolved is not None:
                self.headers = resolved
            return _original(self)

        setattr(responses.S3Response, name, with_key_arn)

    original_post = responses.S3Response._key_response_post

    def key_response_post(self, request, body, bucket_name, query, key_name):
        if body == b"" and "uploads" in query:
            resolved = _with_resolved_key(self, request.headers)
            if resolved is not None:
                request = _Request(request, resolved)
                self.headers = resolved
        return original_post(self, request, body, bucket_name, query, key_name)

    responses.S3Response._key_response_post = key_response_post
