"""S3 refuses an upload whose bytes do not match the checksum the request carries.

Amazon S3 API reference, PutObject / UploadPart, and the user guide "Checking object
integrity": a request may carry ``Content-MD5`` or one ``x-amz-checksum-<algorithm>`` value,
either as a header or, for an ``aws-chunked`` body, as a trailer after the last chunk (what
the AWS SDKs send by default). S3 computes the checksum of the bytes it received and refuses
a mismatch with ``BadDigest`` (400): "The CRC32 you specified did not match the calculated
checksum." ("The Content-MD5 you specified did not match what we received." for MD5).

moto 5.2.1 stores and echoes whatever value the request claims (its ``_get_checksum`` says
so: "TODO: AWS computes the provided value and verifies it's the same"), so an upload that
sent other bytes than it checksummed passes. Here PutObject and UploadPart compare every
CRC32, SHA1, SHA256 and Content-MD5 value the request carries with the decoded body.
CRC32C and CRC64NVME need a native library moto does not have here and are not compared.
"""
import base64
import binascii
import hashlib
import re

from moto.s3 import responses
from moto.s3.exceptions import S3ClientError

_ALGORITHMS = {
    "crc32": ("CRC32", lambda data: binascii.crc32(data).to_bytes(4, "big")),
    "sha1": ("SHA1", lambda data: hashlib.sha1(data).digest()),
    "sha256": ("SHA256", lambda data: hashlib.sha256(data).digest()),
}
_TRAILER = re.compile(rb"(?:^|\r\n)0(?:;[^\r\n]*)?\r\n(.*)$", re.S)
_TRAILER_LINE = re.compile(rb"^x-amz-checksum-(\w+):\s*(\S+)\s*$", re.I | re.M)


class BadDigest(S3ClientError):
    code = "BadDigest"


def _trailer_checksums(raw_body):
    if not isinstance(raw_body, bytes):
        return {}
    # the trailer follows the zero-length chunk that ends an aws-chunked body
    match = _TRAILER.search(raw_body[-4096:]) if len(raw_body) > 4096 else _TRAILER.search(raw_body)
    if not match:
        return {}
    return {name.decode().lower(): value.decode() for name, value in _TRAILER_LINE.findall(match.group(1))}


def _claimed_checksums(response):
    claimed = {}
    if response.headers.get("x-amz-content-sha256", "").startswith("STREAMING-") or "aws-chunked" in (
            response.headers.get("content-encoding") or ""):
        claimed.update(_trailer_checksums(response.raw_body))
    for name in _ALGORITHMS:
        value = response.headers.get(f"x-amz-checksum-{name}")
        if value:
            claimed[name] = value
    return claimed


def _verify(response):
    body = response.body if isinstance(response.body, bytes) else (response.body or b"")
    if isinstance(body, str):
        body = body.encode("utf-8")
    for name, claimed in _claimed_checksums(response).items():
        if name in _ALGORITHMS:
            label, compute = _ALGORITHMS[name]
            if base64.b64encode(compute(body)).decode() != claimed:
                raise BadDigest(f"The {label} you specified did not match the calculated checksum.")
    md5 = response.headers.get("Content-MD5")
    if md5 and base64.b64encode(hashlib.md5(body).digest()).decode() != md5.strip():
        raise BadDigest("The Content-MD5 you specified did not match what we received.")


def install():
    for name in ("put_object", "upload_part"):
        original = getattr(responses.S3Response, name)

        def verified(self, _original=original):
            _verify(self)
            return _original(self)

        setattr(responses.S3Response, name, verified)
