"""AWS::CloudWatch::Alarm in CloudFormation, and a test control that trips an alarm mid-shift.

AWS behaviour: CloudFormation creates, updates and deletes metric alarms declared as
``AWS::CloudWatch::Alarm`` (CloudFormation User Guide, AWS::CloudWatch::Alarm): ``Ref`` gives the
alarm's name, ``AlarmName`` when set, else a name CloudFormation generates from the stack name,
the logical id and a random suffix; ``Fn::GetAtt Arn`` its ARN. A new alarm starts in
``INSUFFICIENT_DATA`` on AWS (moto starts every alarm ``OK``, which changes nothing for a
CodeDeploy deployment: only ``ALARM`` stops it). A SAM ``DeploymentPreference`` names such alarms
(``!Ref``) in the deployment group that CodeDeploy watches during a traffic shift.

moto 5.2.1 skips the type, so the deployment group names an alarm that does not exist and no
state set on it could ever stop a deployment. This registers a CloudFormation model that keeps the
alarm in moto's CloudWatch backend. Changing ``AlarmName`` replaces the alarm, as on AWS.

**Test control, not AWS behaviour**: ``POST /samstage-compat/alarm-trips`` with
``{"account", "region", "alarmName", "percent", "targetVersion"}`` (``targetVersion`` optional)
sets that alarm to ``ALARM`` when a CodeDeploy deployment whose group watches it has shifted
``percent`` or more of the traffic to the new version (``targetVersion``: only a deployment to
that function version). It stands for CloudWatch seeing the new version's errors once it gets
that share of the requests, at a chosen point of a shift on the scaled clock; a build cannot
time SetAlarmState that precisely from outside. A trip fires once. ``GET`` lists the armed and
fired trips; ``DELETE`` removes them.
"""
import random
import string
import threading

from moto.cloudwatch.models import cloudwatch_backends, make_arn_for_alarm
from moto.core.common_models import CloudFormationModel

from .common import json_body, serve_controls

TRIPS_PATH = "/samstage-compat/alarm-trips"

_trips = []
_lock = threading.Lock()


class CfnMetricAlarm(CloudFormationModel):
    def __init__(self, name, arn):
        self.name = name
        self.arn = arn

    @property
    def physical_resource_id(self):
        return self.name

    @staticmethod
    def cloudformation_name_type():
        return "AlarmName"

    @staticmethod
    def cloudformation_type():
        return "AWS::CloudWatch::Alarm"

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr == "Arn"

    def get_cfn_attribute(self, attribute_name):
        return self.arn

    @staticmethod
    def _name(resource_name, props, kwargs):
        if props.get("AlarmName"):
            return str(props["AlarmName"])
        # moto passes the generated name when the type declares cloudformation_name_type
        return str(resource_name) if resource_name else "alarm-" + "".join(
            random.choice(string.ascii_uppercase + string.digits) for _ in range(12))

    @classmethod
    def _put(cls, name, props, account_id, region_name):
        backend = cloudwatch_backends[account_id][region_name]
        backend.put_metric_alarm(
            name=name, namespace=props.get("Namespace"), metric_name=props.get("MetricName"),
            comparison_operator=props.get("ComparisonOperator"),
            evaluation_periods=int(props.get("EvaluationPeriods", 1)), period=int(props.get("Period", 60)),
            threshold=float(props.get("Threshold", 0)), statistic=props.get("Statistic"),
            description=props.get("AlarmDescription", ""),
            dimensions=[{"Name": d["Name"], "Value": str(d["Value"])} for d in props.get("Dimensions") or []],
            alarm_actions=props.get("AlarmActions") or [], ok_actions=props.get("OKActions"),
            insufficient_data_actions=props.get("InsufficientDataActions"), unit=props.get("Unit"),
            actions_enabled=props.get("ActionsEnabled", True), treat_missing_data=props.get("TreatMissingData"),
            datapoints_to_alarm=props.get("DatapointsToAlarm"))
        return cls(name, make_arn_for_alarm(region_name, account_id, name))

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
        props = cloudformation_json.get("Properties", {})
        return cls._put(cls._name(resource_name, props, kwargs), props, account_id, region_name)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json, account_id,
                                        region_name):
        props = cloudformation_json.get("Properties", {})
        name = str(props["AlarmName"]) if props.get("AlarmName") else original_resource.name
        if name != original_resource.name:
            cloudwatch_backends[account_id][region_name].delete_alarms([original_resource.name])
        # PutMetricAlarm on an existing name updates it and keeps its state, as an update of the resource does
        state = cloudwatch_backends[account_id][region_name].alarms.get(name)
        updated = cls._put(name, props, account_id, region_name)
        if state is not None and name == original_resource.name:
            alarm = cloudwatch_backends[account_id][region_name].alarms[name]
            alarm.state_value, alarm.state_reason = state.state_value, state.state_reason
        return updated

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        props = cloudformation_json.get("Properties", {})
        cloudwatch_backends[account_id][region_name].delete_alarms([str(props.get("AlarmName") or resource_name)])

    def delete(self, account_id, region_name):
        cloudwatch_backends[account_id][region_name].delete_alarms([self.name])


# --- the test control ---------------------------------------------------------------------

def arm(trip):
    for key in ("account", "region", "alarmName", "percent"):
        if key not in trip:
            raise KeyError(f"an alarm trip needs {key}")
    armed = {"account": str(trip["account"]), "region": str(trip["region"]), "alarmName": str(trip["alarmName"]),
             "percent": float(trip["percent"]), "targetVersion": None if trip.get("targetVersion") is None
             else str(trip["targetVersion"]), "firedBy": None}
    with _lock:
        _trips.append(armed)
    return armed


def on_route(shift):
    """Called after a deployment moved traffic: fires the trips its shift has reached."""
    watched = [a.get("name") for a in (shift.alarm_configuration.get("alarms") or [])]
    with _lock:
        due = [t for t in _trips if t["firedBy"] is None and t["account"] == shift.account
               and t["region"] == shift.region and t["alarmName"] in watched and shift.weight >= t["percent"]
               and t["targetVersion"] in (None, str(shift.target_version))]
        for trip in due:
            trip["firedBy"] = shift.deployment.deployment_id
    for trip in due:
        cloudwatch_backends[shift.account][shift.region].set_alarm_state(
            trip["alarmName"], f"Threshold Crossed: the new version's errors at {shift.weight:g}% of the traffic"
            f" (samstage test control, deployment {shift.deployment.deployment_id})", None, "ALARM")


def _control(method, path, query, environ):
    if method == "POST":
        return arm(json_body(environ))
    if method == "GET":
        with _lock:
            return {"trips": list(_trips)}
    if method == "DELETE":
        with _lock:
            _trips.clear()
        return {"trips": []}
    return None


def install():
    from . import codedeploy_traffic_shift

    codedeploy_traffic_shift.ROUTE_LISTENERS.append(on_route)
    serve_controls([TRIPS_PATH], _control)
    # defining CfnMetricAlarm registered it: moto looks models up through __subclasses__()
    return CfnMetricAlarm
