"""Compatibility patches applied to moto before the server starts.

Each module documents the AWS behaviour it emulates where moto 5.2.1 diverges, and has an
``install()`` that patches moto in place. To add one, write the module and append it to
``MODULES`` below; the order matters only where a module says so.
"""
from . import (
    apigw_execute_api,
    apigw_rest_api_from_body,
    cfn_change_set_status,
    cfn_client_request_token,
    cfn_describe_stack_resource,
    cfn_empty_change_set,
    cfn_sam_transform,
    cfn_stack_timeline,
    cloudwatch_alarm,
    codedeploy,
    codedeploy_traffic_shift,
    codepipeline,
    iam_enforcement,
    lambda_alias,
    lambda_invoke,
    lambda_reserved_variables,
    s3_bucket_region,
    s3_checksums,
    s3_multipart_rules,
    s3_sse_kms,
    s3_upload_initiated,
    sts_role_trust,
)

# cfn_stack_timeline replaces ExecuteChangeSet; cfn_change_set_status wraps that
# replacement, so it comes after it.
MODULES = [
    cfn_sam_transform,
    apigw_rest_api_from_body,
    apigw_execute_api,
    cfn_empty_change_set,
    cfn_stack_timeline,
    cfn_change_set_status,
    cfn_client_request_token,
    cfn_describe_stack_resource,
    sts_role_trust,
    codedeploy,
    codedeploy_traffic_shift,
    cloudwatch_alarm,
    codepipeline,
    lambda_alias,
    lambda_invoke,
    lambda_reserved_variables,
    s3_bucket_region,
    s3_multipart_rules,
    s3_checksums,
    s3_sse_kms,
    s3_upload_initiated,
    iam_enforcement,
]


def install():
    for module in MODULES:
        module.install()
