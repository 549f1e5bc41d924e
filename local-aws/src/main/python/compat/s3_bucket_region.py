"""A bucket answers only requests meant for its own region.

Amazon S3 API reference, HeadBucket: the response carries ``x-amz-bucket-region``; a request
for a bucket of another region gets ``301 Moved Permanently`` with that header and no body.
Amazon S3 error responses: any other operation on a bucket through another region's endpoint
gets ``301 PermanentRedirect`` ("The bucket you are attempting to access must be addressed
using the specified endpoint. Please send all future requests to this endpoint.", with the
bucket and the endpoint). A request sent to the bucket's own regional endpoint but signed for
another region gets ``400 AuthorizationHeaderMalformed`` instead ("the region 'X' is wrong;
expecting 'Y'").

The local AWS has one endpoint for all regions, and an SDK client picks both its endpoint and
its signing region from its configured region, so a client configured for the wrong region is
on AWS a request to the wrong regional endpoint: here it gets the 301 (``PermanentRedirect``
outside HeadBucket), not ``AuthorizationHeaderMalformed``. The region of a request is its
SigV4 credential scope (``Authorization`` header or ``X-Amz-Credential`` of a presigned URL);
unsigned requests are not checked. moto 5.2.1 answers HeadBucket with the header but serves
every request whatever its region.

Not checked, as on S3: CreateBucket (moto applies S3's LocationConstraint rules, and a
bucket created without one is in us-east-1), GetBucketLocation (S3 answers it from any
region so that callers can find a bucket's region), ListBuckets.
"""
import re

from moto.s3 import responses
from moto.s3.exceptions import S3ClientError

_SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/([\w-]+)/s3/aws4_request")
_QUERY_SCOPE = re.compile(r"^[^/]+/\d{8}/([\w-]+)/s3/aws4_request$")

REDIRECT_MESSAGE = ("The bucket you are attempting to access must be addressed using the specified endpoint. "
                    "Please send all future requests to this endpoint.")


def _signed_region(request):
    match = _SCOPE.search(request.headers.get("Authorization", ""))
    if match:
        return match.group(1)
    args = getattr(request, "args", None)
    credential = args.get("X-Amz-Credential") if args is not None else None
    match = _QUERY_SCOPE.match(credential or "")
    return match.group(1) if match else None


def _bucket_region(response, bucket_name):
    if not bucket_name:
        return None
    try:
        return response.backend.get_bucket(bucket_name).region_name
    except S3ClientError:
        return None  # moto answers NoSuchBucket


def _redirect(request, bucket_name, region):
    headers = {"x-amz-bucket-region": region}
    if request.method == "HEAD":
        return 301, headers, b""
    headers["content-type"] = "application/xml"
    body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>PermanentRedirect</Code>"
            f"<Message>{REDIRECT_MESSAGE}</Message><Endpoint>{bucket_name}.s3.{region}.amazonaws.com</Endpoint>"
            f"<Bucket>{bucket_name}</Bucket><RequestId>0000000000000000</RequestId></Error>")
    return 301, headers, body.encode("utf-8")


def _misdirected(response, request, full_url, is_bucket_request):
    bucket_name = response.parse_bucket_name_from_url(request, full_url)
    region = _bucket_region(response, bucket_name)
    signed = _signed_region(request)
    if region is None or signed is None or signed == region:
        return None
    if is_bucket_request:
        query = response._get_querystring(request, full_url)
        if "location" in query or (request.method == "PUT" and not query):
            return None
    return _redirect(request, bucket_name, region)


def install():
    original_bucket = responses.S3Response._bucket_response

    def bucket_response(self, request, full_url):
        return _misdirected(self, request, full_url, True) or original_bucket(self, request, full_url)

    responses.S3Response._bucket_response = bucket_response

    original_key = responses.S3Response._key_response

    def key_response(self, request, full_url):
        return _misdirected(self, request, full_url, False) or original_key(self, request, full_url)

    responses.S3Response._key_response = key_response
