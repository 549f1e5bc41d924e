"""ListMultipartUploads reports when each upload was initiated.

AWS behaviour: every upload listed by ListMultipartUploads carries ``Initiated``, "the date and
time at which the multipart upload was initiated" (Amazon S3 API Reference, MultipartUpload).
Tools that clean up abandoned uploads (lifecycle rules' AbortIncompleteMultipartUpload, and
samstage's own clean-up of uploads older than an hour) decide by that date.

moto 5.2.1 answers the fixed date 2010-11-10T20:48:33.000Z for every upload, so every upload
looks years old. This module records the time each upload is created and reports it.
"""
from datetime import datetime, timezone

from moto.s3 import models, responses


def install():
    original_init = models.FakeMultipart.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.initiated = datetime.now(timezone.utc)

    models.FakeMultipart.__init__ = __init__
    original_list = responses.S3Response.list_multipart_uploads

    def list_multipart_uploads(self):
        # moto builds the answer from a dict with the fixed date; swap that dict's date for the real one
        multiparts = {upload.id: upload for upload in self.backend.list_multipart_uploads(self.bucket_name).values()}
        original_serialized = self.serialized

        def serialized(action_result):
            for upload in action_result.result.get("Uploads", []):
                real = getattr(multiparts.get(upload["UploadId"]), "initiated", None)
                if real is not None:
                    upload["Initiated"] = real
            return original_serialized(action_result)

        self.serialized = serialized
        try:
            return original_list(self)
        finally:
            del self.serialized

    responses.S3Response.list_multipart_uploads = list_multipart_uploads
