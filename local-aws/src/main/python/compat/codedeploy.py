"""CodeDeploy as AWS runs it for Lambda traffic shifting, where moto 5.2.1 diverges.

Divergences patched here, each standing for documented AWS behaviour:

1. Timestamps. AWS sends createTime/startTime/completeTime as epoch seconds (JSON numbers);
   moto sends ISO strings, which the AWS SDK for Java cannot parse (GetDeployment,
   BatchGetDeployments, GetApplication fail). Here they are epoch seconds.
2. Deployments never run in moto (they stay ``Created``). AWS moves a Lambda deployment
   through Created/Queued/InProgress/Ready to Succeeded, Failed or Stopped, shifting the
   alias weight step by step and running the BeforeAllowTraffic/AfterAllowTraffic hooks.
   The deployments CloudFormation starts run for real (``codedeploy_traffic_shift``; this module
   reports their live state through every call below). For states that engine does not
   produce, a test can still script a deployment: ``POST /samstage-compat/codedeploy/script`` creates a
   deployment (as CloudFormation does when it updates an alias under a
   CodeDeployLambdaAliasUpdate policy) whose observable state advances one step on each
   GetDeployment call (a poll; BatchGetDeployments reads without advancing) and then stays
   on the last step. A step sets
   status, traffic weight of the new version, lifecycle event states, errorInformation
   (e.g. ALARM_ACTIVE, HOOK_EXECUTION_FAILURE) and rollbackInfo.
3. ListDeployments ignores createTimeRange in moto; AWS filters on it (start/end inclusive).
4. GetDeploymentGroup answers an empty alarmConfiguration in moto; AWS returns the stored one.
5. GetDeploymentConfig, StopDeployment, PutLifecycleEventHookExecutionStatus,
   ListDeploymentTargets and BatchGetDeploymentTargets are missing in moto (HTTP 500).
   Here: the predefined CodeDeployDefault.* configs with their traffic routing (and configs
   made by CreateDeploymentConfig); StopDeployment marks the deployment Stopped with
   AWS's error code; hook statuses are validated, recorded, and readable back with
   ``GET /samstage-compat/codedeploy/hook-statuses``; a Lambda deployment has one target
   ``<function>:<alias>`` whose lambdaTarget carries the function info and lifecycle events.
6. moto's CloudFormation skips AWS::CodeDeploy::Application and
   AWS::CodeDeploy::DeploymentGroup; AWS creates them (SAM emits both for every function
   with a DeploymentPreference). Here they are created in the CodeDeploy backend, so
   DescribeStackResources lists them with the application and group names as physical ids,
   and a stack update changes the group in place (deployment config, alarms, auto-rollback).

Control requests take ``account`` (default 123456789012) and ``region`` (default us-east-1)
in the JSON body or the query string. All state lives on moto's backend, so
``/moto-api/reset`` clears it.
"""
import json
import re
import time
import uuid

from moto.codedeploy import models, responses
from moto.codedeploy.exceptions import (
    CodeDeployException,
    DeploymentDoesNotExistException,
)
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.common_models import CloudFormationModel

from .common import epoch_seconds, json_body, replace_methods, serve_controls

CONTROL_PREFIX = "/samstage-compat/codedeploy/"
TERMINAL = {"Succeeded", "Failed", "Stopped"}
HOOK_STATUSES = {"Pending", "InProgress", "Succeeded", "Failed", "Skipped", "Unknown"}
LIFECYCLE_EVENTS = ["BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic"]

# Predefined Lambda configurations (AWS: deployment-configurations.html), name -> routing.
_LAMBDA_ROUTING = {"AllAtOnce": {"type": "AllAtOnce"}}
for _minutes in (5, 10, 15, 30):
    _LAMBDA_ROUTING[f"Canary10Percent{_minutes}Minutes"] = {
        "type": "TimeBasedCanary",
        "timeBasedCanary": {"canaryPercentage": 10, "canaryInterval": _minutes},
    }
for _minutes in (1, 2, 3, 10):
    _LAMBDA_ROUTING[f"Linear10PercentEvery{_minutes}Minute" + ("" if _minutes == 1 else "s")] = {
        "type": "TimeBasedLinear",
        "timeBasedLinear": {"linearPercentage": 10, "linearInterval": _minutes},
    }


def codedeploy_error(code):
    """An exception class CodeDeploy answers with ``code`` (its ``__type``) and a message."""
    return type(code, (CodeDeployException,), {"__init__": lambda self, message: CodeDeployException.__init__(self, code, message)})


InvalidLifecycleEventHookExecutionStatusException = codedeploy_error("InvalidLifecycleEventHookExecutionStatusException")
DeploymentConfigDoesNotExistException = codedeploy_error("DeploymentConfigDoesNotExistException")
DeploymentAlreadyCompletedException = codedeploy_error("DeploymentAlreadyCompletedException")


def _state(backend):
    """Compat state on the backend instance, so a moto reset clears it with everything else."""
    if not hasattr(backend, "samstage_scripts"):
        backend.samstage_scripts = {}
        backend.samstage_hook_statuses = []
        backend.samstage_configs = {}
    return backend


# --- 1, 2, 4: responses AWS would send ----------------------------------------------------

_application_to_dict = models.Application.to_dict
_deployment_to_dict = models.DeploymentInfo.to_dict
_group_to_dict = models.DeploymentGroup.to_dict


def application_to_dict(self):
    d = _application_to_dict(self)
    d["createTime"] = epoch_seconds(d["createTime"])
    return d


def _live(deployment):
    """The observable state of a Lambda deployment, scripted or driven (codedeploy_traffic_shift); None otherwise."""
    shift = getattr(deployment, "samstage_shift", None)
    if shift is not None:
        return shift.view()
    script = getattr(deployment, "samstage_script", None)
    if script is None:
        return None
    step = script["steps"][script["position"]]
    return {**script, "status": step["status"], "weight": step.get("weight", 0), "lifecycle": step.get("lifecycle") or {},
            "error": step.get("error") or {}, "rollback": step.get("rollback") or {}, "messages": step.get("messages", [])}


def deployment_to_dict(self):
    d = _deployment_to_dict(self)
    for key in ("createTime", "startTime", "completeTime"):
        d[key] = epoch_seconds(d[key])
    live = _live(self)
    if live is not None:
        d["status"] = live["status"]
        d["startTime"] = live.get("startTime")
        d["completeTime"] = live.get("completeTime")
        d["errorInformation"] = live["error"]
        d["rollbackInfo"] = live["rollback"]
        d["deploymentStatusMessages"] = live.get("messages", [])
        d["creator"] = live.get("creator", "user")
        d["deploymentStyle"] = {"deploymentType": "BLUE_GREEN", "deploymentOption": "WITH_TRAFFIC_CONTROL"}
    # AWS omits absent members; the SDK reads null timestamps fine but not an empty revision string
    return {k: v for k, v in d.items() if v is not None and v != ""}


def group_to_dict(self):
    d = _group_to_dict(self)
    if self.alarm_configuration:
        d["alarmConfiguration"] = self.alarm_configuration
    return d


def _advance(deployment):
    """One observation of a scripted deployment: move to the next step, stamping times as AWS would."""
    script = getattr(deployment, "samstage_script", None)
    if script is None:
        return
    if script["observed"]:
        script["position"] = min(script["position"] + 1, len(script["steps"]) - 1)
    script["observed"] = True
    now = time.time()
    step = script["steps"][script["position"]]
    if step["status"] not in ("Created", "Queued") and script.get("startTime") is None:
        script["startTime"] = now
    if step["status"] in TERMINAL and script.get("completeTime") is None:
        script["completeTime"] = now
    for name, status in (step.get("lifecycle") or {}).items():
        times = script["eventTimes"].setdefault(name, {})
        if status != "Pending" and "startTime" not in times:
            times["startTime"] = now
        if status in ("Succeeded", "Failed", "Skipped") and "endTime" not in times:
            times["endTime"] = now
    deployment.status = step["status"]


def get_deployment(self):
    deployment = self.codedeploy_backend.get_deployment(self._get_param("deploymentId"))
    _advance(deployment)
    return json.dumps({"deploymentInfo": deployment.to_dict()})


def batch_get_deployments(self):
    deployments = self.codedeploy_backend.batch_get_deployments(self._get_param("deploymentIds"))
    return json.dumps({"deploymentsInfo": [d.to_dict() for d in deployments]})


# --- 3: ListDeployments honours createTimeRange -------------------------------------------

_list_deployments = models.CodeDeployBackend.list_deployments


def list_deployments(self, application_name, deployment_group_name, external_id,
                     include_only_statuses, create_time_range):
    ids = _list_deployments(self, application_name, deployment_group_name, external_id,
                            include_only_statuses, create_time_range)
    if not create_time_range:
        return ids
    start = epoch_seconds(create_time_range.get("start"))
    end = epoch_seconds(create_time_range.get("end"))

    def within(deployment_id):
        created = epoch_seconds(self.deployments[deployment_id].create_time)
        return (start is None or created >= start) and (end is None or created <= end)

    return [i for i in ids if within(i)]


# --- 5: the missing operations ------------------------------------------------------------

def lambda_routing(backend, name):
    """The trafficRoutingConfig of a Lambda deployment configuration, predefined or custom; None if unknown."""
    custom = _state(backend).samstage_configs.get(name)
    if custom is not None:
        return custom.get("trafficRoutingConfig")
    return _LAMBDA_ROUTING.get(name[len("CodeDeployDefault.Lambda"):]) if name.startswith("CodeDeployDefault.Lambda") else None


def get_deployment_config(self):
    name = self._get_param("deploymentConfigName")
    custom = _state(self.codedeploy_backend).samstage_configs.get(name)
    if custom is not None:
        return json.dumps({"deploymentConfigInfo": custom})
    if name.startswith("CodeDeployDefault.Lambda") and name[len("CodeDeployDefault.Lambda"):] in _LAMBDA_ROUTING:
        return json.dumps({"deploymentConfigInfo": {
            "deploymentConfigId": name, "deploymentConfigName": name, "createTime": 0,
            "computePlatform": "Lambda",
            "trafficRoutingConfig": _LAMBDA_ROUTING[name[len("CodeDeployDefault.Lambda"):]],
        }})
    if name in ("CodeDeployDefault.AllAtOnce", "CodeDeployDefault.HalfAtATime", "CodeDeployDefault.OneAtATime"):
        minimum = {"AllAtOnce": ("FLEET_PERCENT", 0), "HalfAtATime": ("FLEET_PERCENT", 50),
                   "OneAtATime": ("HOST_COUNT", 1)}[name.split(".")[1]]
        return json.dumps({"deploymentConfigInfo": {
            "deploymentConfigId": name, "deploymentConfigName": name, "createTime": 0,
            "computePlatform": "Server",
            "minimumHealthyHosts": {"type": minimum[0], "value": minimum[1]},
        }})
    raise DeploymentConfigDoesNotExistException(f"The deployment configuration {name} does not exist.")


def create_deployment_config(self):
    name = self._get_param("deploymentConfigName")
    config = {
        "deploymentConfigId": str(uuid.uuid4()), "deploymentConfigName": name, "createTime": time.time(),
        "computePlatform": self._get_param("computePlatform") or "Server",
    }
    if self._get_param("trafficRoutingConfig"):
        config["trafficRoutingConfig"] = self._get_param("trafficRoutingConfig")
    _state(self.codedeploy_backend).samstage_configs[name] = config
    return json.dumps({"deploymentConfigId": config["deploymentConfigId"]})


def stop_deployment(self):
    deployment = self.codedeploy_backend.get_deployment(self._get_param("deploymentId"))
    script = getattr(deployment, "samstage_script", None)
    if deployment.status in TERMINAL:
        raise DeploymentAlreadyCompletedException(f"The deployment {deployment.deployment_id} has already completed.")
    shift = getattr(deployment, "samstage_shift", None)
    if shift is not None:
        shift.request_stop()
        return json.dumps({"status": "Pending", "statusMessage": "Stopping the deployment."})
    stopped = {"status": "Stopped",
               "error": {"code": "MANUAL_STOP", "message": "The deployment was stopped by the user."}}
    if script is not None:
        current = script["steps"][script["position"]]
        stopped["weight"] = current.get("weight", 0)
        stopped["lifecycle"] = current.get("lifecycle", {})
        script["steps"] = script["steps"][: script["position"] + 1] + [stopped]
        script["position"] = len(script["steps"]) - 1
        script["completeTime"] = time.time()
    deployment.status = "Stopped"
    return json.dumps({"status": "Pending", "statusMessage": "Stopping the deployment."})


def put_lifecycle_event_hook_execution_status(self):
    deployment_id = self._get_param("deploymentId")
    hook_id = self._get_param("lifecycleEventHookExecutionId")
    status = self._get_param("status")
    if deployment_id not in self.codedeploy_backend.deployments:
        raise DeploymentDoesNotExistException(f"The deployment {deployment_id} does not exist with the user or AWS account.")
    if status not in HOOK_STATUSES:
        raise InvalidLifecycleEventHookExecutionStatusException(f"Invalid status {status}.")
    shift = getattr(self.codedeploy_backend.deployments[deployment_id], "samstage_shift", None)
    if shift is not None:
        shift.report_hook(hook_id, status)
    _state(self.codedeploy_backend).samstage_hook_statuses.append(
        {"deploymentId": deployment_id, "lifecycleEventHookExecutionId": hook_id, "status": status})
    return json.dumps({"lifecycleEventHookExecutionId": hook_id})


def _lambda_target(deployment):
    script = _live(deployment)
    step = script
    events = []
    for name in LIFECYCLE_EVENTS:
        event = {"lifecycleEventName": name, "status": step["lifecycle"].get(name, "Pending")}
        event.update(script["eventTimes"].get(name, {}))
        events.append(event)
    target_id = f"{script['functionName']}:{script['alias']}"
    return {
        "deploymentTargetType": "LambdaTarget",
        "lambdaTarget": {
            "deploymentId": deployment.deployment_id,
            "targetId": target_id,
            "targetArn": f"arn:aws:lambda:{script['region']}:{script['account']}:function:{target_id}",
            "status": step["status"] if step["status"] in TERMINAL else ("InProgress" if script.get("startTime") else "Pending"),
            "lastUpdatedAt": time.time(),
            "lifecycleEvents": events,
            "lambdaFunctionInfo": {
                "functionName": script["functionName"], "functionAlias": script["alias"],
                "currentVersion": script["currentVersion"], "targetVersion": script["targetVersion"],
                "targetVersionWeight": float(step.get("weight", 0)) / 100.0,
            },
        },
    }


def list_deployment_targets(self):
    deployment = self.codedeploy_backend.get_deployment(self._get_param("deploymentId"))
    targets = [_lambda_target(deployment)["lambdaTarget"]["targetId"]] if _live(deployment) is not None else []
    return json.dumps({"targetIds": targets})


def batch_get_deployment_targets(self):
    deployment = self.codedeploy_backend.get_deployment(self._get_param("deploymentId"))
    wanted = set(self._get_param("targetIds") or [])
    targets = []
    if _live(deployment) is not None:
        target = _lambda_target(deployment)
        if target["lambdaTarget"]["targetId"] in wanted:
            targets.append(target)
    return json.dumps({"deploymentTargets": targets})


# --- 6: CloudFormation creates the CodeDeploy resources -----------------------------------

def _camel(value):
    """CloudFormation property names (AlarmConfiguration) to API member names (alarmConfiguration)."""
    if isinstance(value, dict):
        return {k[:1].lower() + k[1:]: _camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_camel(v) for v in value]
    if value in ("true", "false"):
        return value == "true"
    return value


class _NamedResource:
    """What both CodeDeploy resources share: each names its TYPE and the NAME_PROPERTY that
    names it (its logical id when absent) and creates itself in the backend (_create); the name
    is the physical id, there are no attributes to GetAtt, and an update keeps the resource. A
    mixin, not a base class: moto finds CloudFormation models among CloudFormationModel's
    direct subclasses only."""

    TYPE = NAME_PROPERTY = None

    def __init__(self, name):
        self.physical_resource_id = name

    @classmethod
    def cloudformation_type(cls):
        return cls.TYPE

    @classmethod
    def cloudformation_name_type(cls):
        return cls.NAME_PROPERTY

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json.get("Properties", {})
        name = props.get(cls.NAME_PROPERTY) or resource_name
        cls._create(models.codedeploy_backends[account_id][region_name], name, props)
        return cls(name)

    @classmethod
    def has_cfn_attr(cls, attr):
        return False

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        return original_resource


class CfnApplication(_NamedResource, CloudFormationModel):
    TYPE, NAME_PROPERTY = "AWS::CodeDeploy::Application", "ApplicationName"

    @staticmethod
    def _create(backend, name, props):
        backend.create_application(name, props.get("ComputePlatform", "Server"), props.get("Tags") or [])

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        models.codedeploy_backends[account_id][region_name].applications.pop(resource_name, None)


class CfnDeploymentGroup(_NamedResource, CloudFormationModel):
    TYPE, NAME_PROPERTY = "AWS::CodeDeploy::DeploymentGroup", "DeploymentGroupName"

    @staticmethod
    def _create(backend, name, props):
        backend.create_deployment_group(
            application_name=props["ApplicationName"],
            deployment_group_name=name,
            deployment_config_name=props.get("DeploymentConfigName"),
            ec2_tag_filters=None,
            on_premises_instance_tag_filters=None,
            auto_scaling_groups=None,
            service_role_arn=props.get("ServiceRoleArn", ""),
            trigger_configurations=_camel(props.get("TriggerConfigurations")),
            alarm_configuration=_camel(props.get("AlarmConfiguration")),
            auto_rollback_configuration=_camel(props.get("AutoRollbackConfiguration")),
            deployment_style=_camel(props.get("DeploymentStyle")),
        )

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id, region_name):
        # AWS updates the group in place: a deployment started later in the same stack update uses the new settings
        props = cloudformation_json.get("Properties", {})
        groups = models.codedeploy_backends[account_id][region_name].deployment_groups.get(props["ApplicationName"], {})
        group = groups.get(original_resource.physical_resource_id)
        if group is not None:
            group.deployment_config_name = props.get("DeploymentConfigName") or group.deployment_config_name
            group.service_role_arn = props.get("ServiceRoleArn", group.service_role_arn)
            group.trigger_configurations = _camel(props.get("TriggerConfigurations")) or []
            group.alarm_configuration = _camel(props.get("AlarmConfiguration"))
            group.auto_rollback_configuration = _camel(props.get("AutoRollbackConfiguration")) or {}
            group.deployment_style = _camel(props.get("DeploymentStyle")) or {}
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        for groups in models.codedeploy_backends[account_id][region_name].deployment_groups.values():
            groups.pop(resource_name, None)


# --- control endpoint ---------------------------------------------------------------------

def _account_and_region(params):
    return params.get("account", DEFAULT_ACCOUNT_ID), params.get("region", "us-east-1")


def _control_backend(params):
    account, region = _account_and_region(params)
    return _state(models.codedeploy_backends[account][region])


def _script(body):
    account, region = _account_and_region(body)
    backend = _state(models.codedeploy_backends[account][region])
    for required in ("applicationName", "deploymentGroupName", "functionName", "steps"):
        if not body.get(required):
            raise ValueError(f"script needs {required}")
    steps, previous = [], {"weight": 0, "lifecycle": {}}
    for step in body["steps"]:
        if step.get("status") not in {"Created", "Queued", "InProgress", "Ready", "Succeeded", "Failed", "Stopped"}:
            raise ValueError(f"unknown deployment status in step {step}")
        # a step states what changed; weight and lifecycle states carry over as on AWS
        step = {**step, "weight": step.get("weight", previous["weight"]),
                "lifecycle": {**previous["lifecycle"], **(step.get("lifecycle") or {})}}
        steps.append(step)
        previous = step
    deployment_id = backend.create_deployment(
        application_name=body["applicationName"],
        deployment_group_name=body["deploymentGroupName"],
        revision={"revisionType": "AppSpecContent", "appSpecContent": {"content": "{}"}},
        deployment_config_name=body.get("deploymentConfigName"),
    )
    deployment = backend.deployments[deployment_id]
    if body.get("createTime") is not None:
        deployment.create_time = float(body["createTime"])
    deployment.samstage_script = {
        "steps": steps, "position": 0, "observed": False, "eventTimes": {},
        "functionName": body["functionName"], "alias": body.get("alias", "live"),
        "currentVersion": str(body.get("currentVersion", "1")), "targetVersion": str(body.get("targetVersion", "2")),
        "creator": body.get("creator", "user"),
        "account": account, "region": region,
    }
    return {"deploymentId": deployment_id}


def _hook_statuses(query):
    backend = _control_backend(query)
    return {"hookStatuses": backend.samstage_hook_statuses}


def _control(method, path, query, environ):
    if path == CONTROL_PREFIX + "script" and method == "POST":
        return _script({**query, **json_body(environ)})
    if path == CONTROL_PREFIX + "hook-statuses" and method == "GET":
        return _hook_statuses(query)
    return None


def install():
    replace_methods(models.Application, to_dict=application_to_dict)
    replace_methods(models.DeploymentInfo, to_dict=deployment_to_dict)
    replace_methods(models.DeploymentGroup, to_dict=group_to_dict)
    replace_methods(models.CodeDeployBackend, list_deployments)
    replace_methods(responses.CodeDeployResponse, get_deployment, batch_get_deployments, get_deployment_config,
                    create_deployment_config, stop_deployment, put_lifecycle_event_hook_execution_status,
                    list_deployment_targets, batch_get_deployment_targets)
    serve_controls([CONTROL_PREFIX], _control, errors=(ValueError, KeyError, CodeDeployException))
