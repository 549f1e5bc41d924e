"""An ``AWS::ApiGateway::RestApi`` declared with a ``Body`` (what the SAM transform
generates) is imported from that OpenAPI/Swagger definition on AWS: its name comes from
``info.title`` and its resources and methods from ``paths``. moto requires ``Name``, ignores
``Body``, and then refuses the API's ``AWS::ApiGateway::Deployment`` ("The REST API
doesn't contain any methods"), failing the whole stack.

Here a missing ``Name`` is taken from ``Body.info.title`` (else the logical id), and the
``paths`` are imported with moto's own importer (which reads OpenAPI 3 only; a Swagger 2.0
body is handed to it as the same paths under an OpenAPI 3 header, which is all it reads).
"""
import copy

from moto.apigateway import models


def _importable(body):
    document = copy.deepcopy(body)
    if "swagger" in document:
        document.pop("swagger")
        document["openapi"] = "3.0.1"
    document.setdefault("paths", {})
    return document


def install():
    original = models.RestAPI.create_from_cloudformation_json.__func__

    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        properties = cloudformation_json.setdefault("Properties", {})
        body = properties.get("Body")
        if "Name" not in properties:
            title = body.get("info", {}).get("title") if isinstance(body, dict) else None
            properties["Name"] = title if isinstance(title, str) and title else resource_name
        api = original(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
        if isinstance(body, dict) and body.get("paths"):
            backend = models.apigateway_backends[account_id][region_name]
            backend.put_rest_api(api.id, _importable(body), fail_on_warnings=False, mode="overwrite")
        return api

    models.RestAPI.create_from_cloudformation_json = classmethod(create_from_cloudformation_json)
