"""CodeDeploy Lambda deployments that CloudFormation starts and that run, on a scaled clock.

AWS behaviour this stands for:

- **CloudFormation starts them.** An ``AWS::Lambda::Alias`` with the ``UpdatePolicy`` attribute
  ``CodeDeployLambdaAliasUpdate`` (ApplicationName, DeploymentGroupName, BeforeAllowTrafficHook,
  AfterAllowTrafficHook) is not moved by CloudFormation when a stack update changes its version:
  CloudFormation creates a CodeDeploy deployment in that group and the alias stays
  ``UPDATE_IN_PROGRESS`` (and the stack ``UPDATE_IN_PROGRESS``) until it ends (CloudFormation
  User Guide, "UpdatePolicy attribute", CodeDeployLambdaAliasUpdate policy). A first create points
  the alias at its version directly. The deployment uses the group's deployment configuration and
  alarm configuration as they are when it starts, so a group updated in the same stack update
  applies (``cfn_stack_timeline`` starts deployments after every resource of the update).
- **Lambda deployment configurations** (CodeDeploy User Guide, "Deployment configurations on an
  AWS Lambda compute platform"): AllAtOnce moves all traffic at once; TimeBasedCanary moves
  canaryPercentage, then the rest after canaryInterval minutes; TimeBasedLinear moves
  linearPercentage more every linearInterval minutes (the first step when AllowTraffic starts).
  While traffic shifts the alias keeps ``FunctionVersion`` = the old version with
  ``RoutingConfig.AdditionalVersionWeights`` = {new version: share}; at 100% it points at the new
  version with no weights (what Lambda GetAlias shows on AWS mid-shift).
- **AppSpec hooks for Lambda** (CodeDeploy User Guide, "AppSpec 'hooks' section for an AWS Lambda
  deployment"): lifecycle events BeforeAllowTraffic, AllowTraffic, AfterAllowTraffic. A hook
  function is invoked asynchronously with ``{"DeploymentId": ..., "LifecycleEventHookExecutionId":
  ...}`` and CodeDeploy waits for PutLifecycleEventHookExecutionStatus: Succeeded continues,
  Failed fails the deployment with error code ``HOOK_EXECUTION_FAILURE`` (the ErrorCode AWS lists
  for it, CodeDeploy API Reference, ErrorInformation; the message text is ours). No status within
  the hook timeout (one hour) fails it the same way. Only Succeeded and Failed are accepted
  (API Reference, PutLifecycleEventHookExecutionStatus); an unknown execution id is refused with
  ``InvalidLifecycleEventHookExecutionIdException``, a second report with
  ``LifecycleEventAlreadyCompletedException``. An event with no hook to run is reported
  ``Succeeded`` at once (as AWS reports the events of its rollback deployments, which invoke no
  hook); events after a failure are ``Skipped``.
  The hook's code runs through ``compat.lambda_invoke.invoke_async`` (Java Lambda code in a child
  JVM). Every invocation is
  recorded (function, qualifier, payload, time) and readable with
  ``GET /samstage-compat/lambda/invocations``, so a test can play the hook's part.
- **Alarm-based stop and rollback** (CodeDeploy User Guide, "Monitoring deployments with
  CloudWatch alarms" and "Redeploy and roll back a deployment"): while the deployment runs
  (hooks and every traffic step) CodeDeploy watches the group's alarms when its alarm
  configuration is enabled; one in ALARM stops the deployment: status ``Stopped``, error
  ``ALARM_ACTIVE`` "One or more alarms have been activated according to the Amazon CloudWatch
  metrics you selected, and the affected deployments have been stopped. Activated alarms:
  <name> ...", the AllowTraffic event Failed and later events Skipped. With the group's
  AutoRollbackConfiguration enabled for the event (DEPLOYMENT_STOP_ON_ALARM, DEPLOYMENT_FAILURE)
  a rollback deployment (creator ``codeDeployRollback``, Succeeded, hooks not invoked again) moves
  the alias back, and both carry rollbackInfo worded as AWS does ("Deployment <id> terminated.
  Automatic rollback is triggered with a DeploymentId <rollback id>." / "Deployment <rollback id>
  is triggered to roll back deployment <id>."). The alias returns to the old version with no
  weights in any case (CloudFormation's rollback of the alias), and CloudFormation fails the alias
  with "Resource handler returned message: "<id> failed. <CodeDeploy message>" ..." and rolls the
  stack back (``cfn_stack_timeline``). These message shapes are as AWS prints them in
  GetDeployment and DescribeStackEvents output.
- Deployment ids look like AWS's (``d-`` and nine characters) instead of moto's UUIDs.

The clock: one minute of AWS time lasts ``minuteSeconds`` real seconds (default 0.2;
``--minute-seconds`` of ``local_aws.py``, the ``SAMSTAGE_MINUTE_SECONDS`` environment variable,
``POST /samstage-compat/clock {"minuteSeconds": x}``, ``GET`` reads it; Java:
``LocalAws.minuteSeconds(x)``). Interval minutes and the hook timeout are scaled by it. A moto
reset does not change it.

Not emulated: StopDeployment of another deployment in the same update when one fails (each runs to
its end); deployments started by UpdateStack (only change-set executions, which samstage uses).
"""
import copy
import json
import os
import random
import string
import threading
import time
import uuid

from moto.awslambda.models import lambda_backends
from moto.cloudwatch.models import cloudwatch_backends
from moto.codedeploy import models as codedeploy_models
from moto.core import DEFAULT_ACCOUNT_ID

from . import lambda_invoke
from .codedeploy import InvalidLifecycleEventHookExecutionStatusException, codedeploy_error
from .common import json_body, serve_controls

LIFECYCLE_EVENTS = ["BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic"]
# called with the Shift each time it has moved the alias's traffic (test controls watch shifts through it)
ROUTE_LISTENERS = []
HOOK_TIMEOUT_MINUTES = 60
TICK_SECONDS = 0.02
CLOCK_PATH = "/samstage-compat/clock"
INVOCATIONS_PATH = "/samstage-compat/lambda/invocations"
ALARM_MESSAGE = ("One or more alarms have been activated according to the Amazon CloudWatch metrics you selected,"
                 " and the affected deployments have been stopped. Activated alarms: ")

_clock = {"minuteSeconds": float(os.environ.get("SAMSTAGE_MINUTE_SECONDS", "0.2"))}


def minute_seconds():
    return _clock["minuteSeconds"]


def set_minute_seconds(value):
    value = float(value)
    if not value > 0:
        raise ValueError(f"minuteSeconds must be above 0, was {value}")
    _clock["minuteSeconds"] = value


InvalidLifecycleEventHookExecutionIdException = codedeploy_error("InvalidLifecycleEventHookExecutionIdException")
LifecycleEventAlreadyCompletedException = codedeploy_error("LifecycleEventAlreadyCompletedException")


def schedule(routing):
    """(AWS minutes after AllowTraffic starts, percent on the new version) for a trafficRoutingConfig."""
    kind = (routing or {}).get("type", "AllAtOnce")
    if kind == "TimeBasedCanary":
        canary = routing["timeBasedCanary"]
        return [(0, int(canary["canaryPercentage"])), (int(canary["canaryInterval"]), 100)]
    if kind == "TimeBasedLinear":
        linear = routing["timeBasedLinear"]
        percent, interval = int(linear["linearPercentage"]), int(linear["linearInterval"])
        steps, k = [], 0
        while True:
            weight = min(100, (k + 1) * percent)
            steps.append((k * interval, weight))
            if weight >= 100:
                return steps
            k += 1
    return [(0, 100)]


def _aws_deployment_id():
    return "d-" + "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(9))


# --- hook invocations -------------------------------------------------------------------

def _invocations(account, region):
    backend = lambda_backends[account][region]
    if not hasattr(backend, "samstage_invocations"):
        backend.samstage_invocations = []
    return backend.samstage_invocations


def invoke_hook(account, region, function, payload):
    """Records the asynchronous invocation and runs the hook's code (compat/lambda_invoke.py)."""
    name, qualifier = lambda_invoke.name_and_qualifier(str(function))
    _invocations(account, region).append({"functionName": name, "qualifier": qualifier,
                                          "payload": payload, "time": time.time(), "invocationType": "Event"})
    try:
        lambda_invoke.invoke_async(account, region, name, qualifier=qualifier, payload=json.dumps(payload).encode("utf-8"))
    except Exception as e:  # as on AWS, a hook whose code cannot run never reports: the hook times out
        _invocations(account, region)[-1]["error"] = f"{type(e).__name__}: {e}"


# --- one deployment -----------------------------------------------------------------------

class Shift:
    """A Lambda deployment CodeDeploy runs: the state GetDeployment and the target calls report."""

    def __init__(self, account, region, deployment, request, group, routing, on_end):
        self.account, self.region = account, region
        self.deployment = deployment
        self.function_name, self.alias = request["functionName"], request["alias"]
        self.current_version, self.target_version = request["currentVersion"], request["targetVersion"]
        self.hooks = {"BeforeAllowTraffic": request.get("beforeHook"), "AfterAllowTraffic": request.get("afterHook")}
        self.alarm_configuration = dict(group.alarm_configuration or {})
        self.auto_rollback = dict(group.auto_rollback_configuration or {})
        self.steps = schedule(routing)
        self.on_end = on_end
        self.status = "Created"
        self.weight = 0
        self.lifecycle = {name: "Pending" for name in LIFECYCLE_EVENTS}
        self.event_times = {}
        self.error, self.rollback = {}, {}
        self.start_time = self.complete_time = None
        self.creator = "user"
        self.hook_execution = None  # (execution id, event) awaiting a status
        self.hook_status = None
        self.finished_hooks = set()
        self.stop_request = None

    # what codedeploy.py reports
    def view(self):
        return {"status": self.status, "weight": self.weight, "lifecycle": dict(self.lifecycle),
                "eventTimes": self.event_times, "error": self.error, "rollback": self.rollback,
                "startTime": self.start_time, "completeTime": self.complete_time, "creator": self.creator,
                "functionName": self.function_name, "alias": self.alias, "currentVersion": self.current_version,
                "targetVersion": self.target_version, "account": self.account, "region": self.region}

    def start(self):
        threading.Thread(target=self._run, name=f"codedeploy-{self.deployment.deployment_id}", daemon=True).start()

    # -- API calls while it runs ----------------------------------------------------------

    def report_hook(self, execution_id, status):
        if status not in ("Succeeded", "Failed"):
            raise InvalidLifecycleEventHookExecutionStatusException(
                f"Status {status} is not valid; a hook reports Succeeded or Failed.")
        awaited = self.hook_execution is not None and self.hook_execution[0] == execution_id
        if awaited and self.hook_status is None:
            self.hook_status = status
            return
        if awaited or execution_id in self.finished_hooks:
            raise LifecycleEventAlreadyCompletedException(
                f"The lifecycle event hook execution {execution_id} has already completed.")
        raise InvalidLifecycleEventHookExecutionIdException(
            f"The lifecycle event hook execution id {execution_id} is not valid for deployment "
            f"{self.deployment.deployment_id}.")

    def request_stop(self):
        self.stop_request = ("MANUAL_STOP", "The deployment was stopped by the user.")

    # -- the run ------------------------------------------------------------------------

    def _run(self):
        try:
            self._pause(0.05)
            self._set("InProgress")
            self.start_time = time.time()
            if self._hook("BeforeAllowTraffic") and self._allow_traffic() and self._hook("AfterAllowTraffic"):
                self._set("Succeeded")
                self.complete_time = time.time()
                self.on_end(self, None)
        except Exception as e:  # a defect here must still end the stack update
            if self.status not in ("Succeeded", "Failed", "Stopped"):
                try:
                    self._fail("Failed", "INTERNAL_ERROR", f"{type(e).__name__}: {e}", self._current_event())
                except Exception:  # the backends were reset under the running deployment: nothing left to end
                    pass

    def _set(self, status):
        self.status = status
        self.deployment.status = status

    def _event(self, name, status):
        self.lifecycle[name] = status
        times = self.event_times.setdefault(name, {})
        now = time.time()
        if status != "Pending":
            times.setdefault("startTime", now)
        if status in ("Succeeded", "Failed", "Skipped"):
            times.setdefault("endTime", now)

    def _current_event(self):
        return next((name for name in LIFECYCLE_EVENTS if self.lifecycle[name] == "InProgress"), "AllowTraffic")

    @staticmethod
    def _pause(seconds):
        threading.Event().wait(seconds)

    def _interrupted(self):
        """Checks what ends a deployment early; fails it and answers True when something did."""
        firing = self._alarms_in_alarm()
        if firing:
            self._fail("Stopped", "ALARM_ACTIVE", ALARM_MESSAGE + " ".join(f"<{a}>" for a in firing),
                       self._current_event(), rollback_event="DEPLOYMENT_STOP_ON_ALARM")
            return True
        if self.stop_request:
            code, message = self.stop_request
            self._fail("Stopped", code, message, self._current_event(), rollback_event="DEPLOYMENT_STOP_ON_REQUEST")
            return True
        return False

    def _alarms_in_alarm(self):
        config = self.alarm_configuration
        if not config.get("enabled"):
            return []
        alarms = cloudwatch_backends[self.account][self.region].alarms
        names = [a.get("name") for a in config.get("alarms") or []]
        return [n for n in names if n in alarms and alarms[n].state_value == "ALARM"]

    def _wait_until(self, deadline):
        while time.time() < deadline:
            if self._interrupted():
                return False
            self._pause(TICK_SECONDS)
        return not self._interrupted()

    def _hook(self, event):
        function = self.hooks.get(event)
        if not function:
            self._event(event, "Succeeded")
            return not self._interrupted()
        self._event(event, "InProgress")
        execution_id = uuid.uuid4().hex
        self.hook_status = None
        self.hook_execution = (execution_id, event)
        invoke_hook(self.account, self.region, function,
                    {"DeploymentId": self.deployment.deployment_id, "LifecycleEventHookExecutionId": execution_id})
        deadline = time.time() + HOOK_TIMEOUT_MINUTES * minute_seconds()
        while self.hook_status is None:
            if self._interrupted():
                return False
            if time.time() > deadline:
                self._finish_hook(execution_id)
                self._fail("Failed", "HOOK_EXECUTION_FAILURE", f"The {event} hook {function} did not report a status"
                           f" within {HOOK_TIMEOUT_MINUTES} minutes.", event)
                return False
            self._pause(TICK_SECONDS)
        status = self.hook_status
        self._finish_hook(execution_id)
        if status == "Failed":
            self._fail("Failed", "HOOK_EXECUTION_FAILURE",
                       f"The {event} hook {function} reported Failed (lifecycle event hook execution {execution_id}).", event)
            return False
        self._event(event, "Succeeded")
        return not self._interrupted()

    def _finish_hook(self, execution_id):
        self.finished_hooks.add(execution_id)
        self.hook_execution = None

    def _allow_traffic(self):
        self._event("AllowTraffic", "InProgress")
        began = time.time()
        for minutes, weight in self.steps:
            if not self._wait_until(began + minutes * minute_seconds()):
                return False
            self._route(weight)
        self._event("AllowTraffic", "Succeeded")
        return not self._interrupted()

    def _route(self, weight):
        self.weight = weight
        alias = lambda_backends[self.account][self.region].get_alias(self.alias, self.function_name)
        if weight >= 100:
            alias.function_version, alias.routing_config = self.target_version, None
        else:
            alias.function_version = self.current_version
            alias.routing_config = {"AdditionalVersionWeights": {self.target_version: weight / 100.0}}
        alias.revision_id = str(uuid.uuid4())
        for listener in ROUTE_LISTENERS:
            listener(self)

    def _fail(self, status, code, message, event, rollback_event="DEPLOYMENT_FAILURE"):
        self._event(event, "Failed")
        for name in LIFECYCLE_EVENTS[LIFECYCLE_EVENTS.index(event) + 1:]:
            self._event(name, "Skipped")
        self.error = {"code": code, "message": message}
        alias = lambda_backends[self.account][self.region].get_alias(self.alias, self.function_name)
        alias.function_version, alias.routing_config = self.current_version, None
        self.weight = 0
        if self.auto_rollback.get("enabled") and rollback_event in (self.auto_rollback.get("events") or []):
            rollback_id = self._rollback_deployment()
            self.rollback = {"rollbackDeploymentId": rollback_id, "rollbackMessage":
                             f"Deployment {self.deployment.deployment_id} terminated. Automatic rollback is triggered"
                             f" with a DeploymentId {rollback_id}."}
        self._set(status)
        self.complete_time = time.time()
        self.on_end(self, f"{self.deployment.deployment_id} failed. {message}")

    def _rollback_deployment(self):
        backend = codedeploy_models.codedeploy_backends[self.account][self.region]
        d = self.deployment
        rollback_id = backend.create_deployment(d.application_name, d.deployment_group_name, d.revision,
                                                d.deployment_config_name)
        rollback = backend.deployments[rollback_id]
        rollback.creator = "codeDeployRollback"
        # the rollback deployment: the same alias back to the old version at once, no hook invoked
        view = copy.copy(self)
        view.deployment, view.creator = rollback, "codeDeployRollback"
        view.current_version, view.target_version = self.target_version, self.current_version
        view.weight, view.error = 100, {}
        view.lifecycle, view.event_times = {}, {}
        for name in LIFECYCLE_EVENTS:
            view._event(name, "Succeeded")
        view.rollback = {"rollbackTriggeringDeploymentId": d.deployment_id,
                         "rollbackMessage": f"Deployment {rollback_id} is triggered to roll back deployment {d.deployment_id}."}
        view.start_time = view.complete_time = time.time()
        view.status = rollback.status = "Succeeded"
        rollback.samstage_shift = view
        return rollback_id


def start(account, region, request, on_end):
    """Creates and starts the deployment CloudFormation asks for; ``on_end(shift, failure reason or None)``.

    ``request``: applicationName, deploymentGroupName, functionName, alias, currentVersion,
    targetVersion, beforeHook, afterHook (as CodeDeployLambdaAliasUpdate names them)."""
    from .codedeploy import lambda_routing  # the configs live with the rest of the CodeDeploy patches

    backend = codedeploy_models.codedeploy_backends[account][region]
    group = backend.deployment_groups[request["applicationName"]][request["deploymentGroupName"]]
    config = group.deployment_config_name or "CodeDeployDefault.LambdaAllAtOnce"
    appspec = {"version": 0.0, "Resources": [{request["functionName"]: {"Type": "AWS::Lambda::Function", "Properties": {
        "Name": request["functionName"], "Alias": request["alias"],
        "CurrentVersion": request["currentVersion"], "TargetVersion": request["targetVersion"]}}}]}
    deployment_id = backend.create_deployment(
        request["applicationName"], request["deploymentGroupName"],
        {"revisionType": "AppSpecContent", "appSpecContent": {"content": json.dumps(appspec)}}, config)
    deployment = backend.deployments[deployment_id]
    shift = Shift(account, region, deployment, request, group, lambda_routing(backend, config), on_end)
    deployment.samstage_shift = shift
    shift.start()
    return shift


# --- moto patches and control requests ----------------------------------------------------

def _aws_ids():
    original = codedeploy_models.DeploymentInfo.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.deployment_id = _aws_deployment_id()

    codedeploy_models.DeploymentInfo.__init__ = __init__


def _control(method, path, query, environ):
    if path == CLOCK_PATH and method == "POST":
        set_minute_seconds(json_body(environ)["minuteSeconds"])
    if path == CLOCK_PATH and method in ("POST", "GET"):
        return {"minuteSeconds": minute_seconds()}
    if path == INVOCATIONS_PATH and method == "GET":
        found = _invocations(query.get("account", DEFAULT_ACCOUNT_ID), query.get("region", "us-east-1"))
        wanted = query.get("functionName")
        return {"invocations": [i for i in found if wanted is None or i["functionName"] == wanted]}
    return None


def install():
    _aws_ids()
    serve_controls([CLOCK_PATH, INVOCATIONS_PATH], _control)
