"""S3 multipart upload rules that moto 5.2.1 does not enforce.

Amazon S3 API reference, CompleteMultipartUpload / UploadPart (errors as S3 answers them):

- ``InvalidPartOrder`` (400): "The list of parts was not in ascending order. The parts list
  must be specified in order by part number." moto has the check, but never advances its
  "previous part number", so a list such as 2, 3, 1, 4 passes and moto joins the parts in
  list order: a corrupt object. Here every listed part number must be greater than the one
  before it (a repeated number is refused the same way).
- ``InvalidPart`` (400): a listed part was not uploaded, or its ETag does not match the
  uploaded part. moto checks the ETag; S3 also checks each checksum listed with a part
  (``ChecksumCRC32``, ``ChecksumSHA1``, ``ChecksumSHA256``) against the uploaded part, which
  moto ignores. Here such a checksum must equal the part's bytes' checksum. CRC32C and
  CRC64NVME need a native library moto does not have here, so they are not compared.
- ``EntityTooSmall`` (400): every part but the last must be at least 5 MiB. moto checks each
  part that has a successor in the list, which is the same rule once the list is ascending;
  ``local_aws.py`` sets ``S3_UPLOAD_PART_MIN_SIZE`` to S3's 5 MiB.
- ``InvalidArgument`` (400, "Part number must be an integer between 1 and 10000, inclusive")
  for an UploadPart whose partNumber is outside 1..10,000. moto refuses numbers above
  10,000 but answers ``NoSuchUpload`` for 0 and negative numbers.
- ``NoSuchUpload`` (404) for UploadPart or CompleteMultipartUpload with an upload id the
  bucket does not have (aborted, completed, never started). moto fails with a 500 there.
"""
import base64
import binascii
import hashlib
from xml.dom import minidom

from moto.s3 import models, responses
from moto.s3.exceptions import (
    InvalidMaxPartNumberArgument,
    InvalidPart,
    InvalidPartOrder,
    NoSuchUpload,
)

_CHECKSUMS = {
    "ChecksumCRC32": lambda data: binascii.crc32(data).to_bytes(4, "big"),
    "ChecksumSHA1": lambda data: hashlib.sha1(data).digest(),
    "ChecksumSHA256": lambda data: hashlib.sha256(data).digest(),
}


class _ListedETag(str):
    """The ETag a CompleteMultipartUpload lists for a part, with the checksums listed beside it."""

    checksums = {}


def _text(element, name):
    found = element.getElementsByTagName(name)
    return found[0].firstChild.wholeText.strip() if found and found[0].firstChild else None


def _listed_parts(body):
    listed = []
    previous = 0
    for part in minidom.parseString(body).getElementsByTagName("Part"):
        number = int(_text(part, "PartNumber"))
        if number <= previous:
            raise InvalidPartOrder()
        previous = number
        etag = _ListedETag(_text(part, "ETag") or "")
        etag.checksums = {name: _text(part, name) for name in _CHECKSUMS if _text(part, name)}
        listed.append((number, etag))
    return listed


def install():
    def complete_multipart_body(self, body):
        # parsed whole before any part is joined, so an unordered list is refused as such
        return iter(_listed_parts(body))

    responses.S3Response._complete_multipart_body = complete_multipart_body

    original_complete = models.FakeMultipart.complete

    def complete(self, body):
        def checked():
            for number, etag in body:
                part = self.parts.get(number)
                for name, listed in getattr(etag, "checksums", {}).items():
                    if part is None or base64.b64encode(_CHECKSUMS[name](part.value)).decode() != listed:
                        raise InvalidPart()
                yield number, etag

        return original_complete(self, checked())

    models.FakeMultipart.complete = complete

    original_upload_part = responses.S3Response.upload_part

    def upload_part(self):
        number = self._get_int_param("partNumber")
        if number is not None and number < 1:
            raise InvalidMaxPartNumberArgument(number)
        upload_id = self._get_param("uploadId")
        if upload_id not in self.backend.get_bucket(self.bucket_name).multiparts:
            raise NoSuchUpload(upload_id=upload_id)
        return original_upload_part(self)

    responses.S3Response.upload_part = upload_part

    original_complete_upload = models.S3Backend.complete_multipart_upload

    def complete_multipart_upload(self, bucket_name, multipart_id, body):
        if multipart_id not in self.get_bucket(bucket_name).multiparts:
            raise NoSuchUpload(upload_id=multipart_id)
        return original_complete_upload(self, bucket_name, multipart_id, body)

    models.S3Backend.complete_multipart_upload = complete_multipart_upload
