"""CodePipeline executions and manual approvals, which moto 5.2.1 does not implement.

AWS behaviour emulated (CodePipeline API reference: StartPipelineExecution,
GetPipelineState, PutApprovalResult):

* StartPipelineExecution starts an execution that runs the stages in order and, inside a
  stage, the actions by ``runOrder``. moto runs no builds, so every action that is not a
  manual approval succeeds at once; a manual approval (category ``Approval``, provider
  ``Manual``) stops the execution with the action ``InProgress`` and a fresh approval token.
* GetPipelineState reports, per stage, the latest execution and each action's latest
  execution: status, and for a pending approval its ``token``.
* PutApprovalResult needs the pending token of that action: a wrong token fails with
  ``InvalidApprovalTokenException``, an action already decided with
  ``ApprovalAlreadyCompletedException``, an unknown stage or action with
  ``StageNotFoundException`` / ``ActionNotFoundException``. ``Approved`` marks the action
  ``Succeeded`` and resumes the execution up to the next approval; ``Rejected`` marks it
  ``Failed`` and fails the stage and the execution.

* Timestamps (``created``, ``updated`` of ListPipelines and GetPipeline's metadata) are
  epoch seconds, as in every AWS JSON-protocol response; moto sends ISO-8601 strings, which
  the AWS SDK for Java cannot read.

State lives on moto's pipeline objects, so ``/moto-api/reset`` clears it.
"""
import json
import time
import uuid

from moto.codepipeline import models, responses
from moto.codepipeline.exceptions import PipelineNotFoundException
from moto.core.exceptions import JsonRESTError

from .common import epoch_seconds, replace_methods


class _Error(JsonRESTError):
    code = 400

    def __init__(self, kind, message):
        super().__init__(kind, message)


def _pipeline(backend, name):
    pipeline = backend.pipelines.get(name)
    if pipeline is None:
        raise PipelineNotFoundException(
            f"Account '{backend.account_id}' does not have a pipeline with name '{name}'")
    if not hasattr(pipeline, "compat_stage_states"):
        pipeline.compat_stage_states = {}
    return pipeline


def _is_approval(action):
    t = action["actionTypeId"]
    return t["category"] == "Approval" and t["provider"] == "Manual"


def _run(pipeline, execution_id, stage_index, after_run_order):
    """Runs stages from stage_index on; actions of that stage with runOrder <= after_run_order already ran."""
    stages = pipeline.pipeline["stages"]
    for i in range(stage_index, len(stages)):
        stage = stages[i]
        state = pipeline.compat_stage_states.setdefault(stage["name"], {"actions": {}})
        state["execution"] = {"pipelineExecutionId": execution_id, "status": "InProgress"}
        floor = after_run_order if i == stage_index else 0
        for run_order in sorted({a["runOrder"] for a in stage["actions"] if a["runOrder"] > floor}):
            pending = False
            for action in [a for a in stage["actions"] if a["runOrder"] == run_order]:
                latest = {"status": "Succeeded", "lastStatusChange": time.time(),
                          "actionExecutionId": str(uuid.uuid4())}
                if _is_approval(action):
                    latest.update(status="InProgress", token=str(uuid.uuid4()))
                    pending = True
                state["actions"][action["name"]] = latest
            if pending:
                return
        state["execution"]["status"] = "Succeeded"


def start_pipeline_execution(self, name):
    pipeline = _pipeline(self, name)
    execution_id = str(uuid.uuid4())
    pipeline.compat_stage_states = {}
    _run(pipeline, execution_id, 0, 0)
    return execution_id


def get_pipeline_state(self, name):
    pipeline = _pipeline(self, name)
    stage_states = []
    for stage in pipeline.pipeline["stages"]:
        state = pipeline.compat_stage_states.get(stage["name"])
        entry = {"stageName": stage["name"], "inboundTransitionState": {"enabled": True}, "actionStates": []}
        for action in stage["actions"]:
            action_state = {"actionName": action["name"]}
            if state and action["name"] in state["actions"]:
                action_state["latestExecution"] = dict(state["actions"][action["name"]])
            entry["actionStates"].append(action_state)
        if state:
            entry["latestExecution"] = dict(state["execution"])
        stage_states.append(entry)
    return {"pipelineName": name, "pipelineVersion": pipeline.pipeline["version"], "stageStates": stage_states}


def put_approval_result(self, pipeline_name, stage_name, action_name, result, token):
    pipeline = _pipeline(self, pipeline_name)
    stages = pipeline.pipeline["stages"]
    index = next((i for i, s in enumerate(stages) if s["name"] == stage_name), None)
    if index is None:
        raise _Error("StageNotFoundException", f"Stage {stage_name} not found in pipeline {pipeline_name}")
    action = next((a for a in stages[index]["actions"] if a["name"] == action_name), None)
    if action is None or not _is_approval(action):
        raise _Error("ActionNotFoundException", f"Approval action {action_name} not found in stage {stage_name}")
    latest = pipeline.compat_stage_states.get(stage_name, {"actions": {}})["actions"].get(action_name)
    if latest is None:
        raise _Error("InvalidApprovalTokenException", f"Action {action_name} has no pending approval")
    if latest["status"] != "InProgress":
        raise _Error("ApprovalAlreadyCompletedException", f"Approval for {action_name} is already {latest['status']}")
    if latest["token"] != token:
        raise _Error("InvalidApprovalTokenException", f"The token {token} is not the pending token of {action_name}")
    status = result.get("status")
    if status not in ("Approved", "Rejected"):
        raise _Error("ValidationException", f"Approval status must be Approved or Rejected, not {status}")
    now = time.time()
    latest.update(status="Succeeded" if status == "Approved" else "Failed", summary=result.get("summary", ""),
                  lastStatusChange=now)
    stage_state = pipeline.compat_stage_states[stage_name]
    if status == "Rejected":
        stage_state["execution"]["status"] = "Failed"
    else:
        _run(pipeline, stage_state["execution"]["pipelineExecutionId"], index, action["runOrder"])
    return now


def _respond_start(self):
    execution_id = self.codepipeline_backend.start_pipeline_execution(self._get_param("name"))
    return json.dumps({"pipelineExecutionId": execution_id})


def _respond_state(self):
    return json.dumps(self.codepipeline_backend.get_pipeline_state(self._get_param("name")))


def _respond_approval(self):
    approved_at = self.codepipeline_backend.put_approval_result(
        self._get_param("pipelineName"), self._get_param("stageName"), self._get_param("actionName"),
        self._get_param("result") or {}, self._get_param("token"))
    return json.dumps({"approvedAt": approved_at})


def _list_pipelines_in_epoch(self):
    pipelines = _original["list_pipelines"](self)
    for p in pipelines:
        p["created"], p["updated"] = epoch_seconds(p["created"]), epoch_seconds(p["updated"])
    return pipelines


def _metadata_in_epoch(self):
    m = dict(_original["metadata"].fget(self))
    m["created"], m["updated"] = epoch_seconds(m["created"]), epoch_seconds(m["updated"])
    return m


_original = {}


def install():
    if not _original:
        _original["list_pipelines"] = models.CodePipelineBackend.list_pipelines
        _original["metadata"] = models.CodePipeline.metadata
    replace_methods(models.CodePipeline, metadata=property(_metadata_in_epoch))
    replace_methods(models.CodePipelineBackend, start_pipeline_execution, get_pipeline_state, put_approval_result,
                    list_pipelines=_list_pipelines_in_epoch)
    replace_methods(responses.CodePipelineResponse, start_pipeline_execution=_respond_start,
                    get_pipeline_state=_respond_state, put_approval_result=_respond_approval)
