"""Where AWS takes time and moto answers at once: a latency model for the benchmark only.

Off unless ``local_aws.py --latency-model`` asks for it (``bench/run`` starts a second local
AWS that way for the ``*_latency`` rows); the tests never turn it on, so they stay fast and
their timings are not the model's. Unlike the other compat modules it stands for no AWS rule a
client could break, only for time, so it is not in ``MODULES``.

What it models, and where each figure comes from:

- **A round trip per request** (``REQUEST_SECONDS``, 30 ms, every API call of every service,
  S3 included). An estimate: AWS publishes no latency for its API endpoints. A build in the
  stage's region reaches the regional endpoint over an open TLS connection in a few
  milliseconds; the service's own handling (authentication, the control-plane call behind
  Describe*/CreateChangeSet) is what a CloudFormation or STS call adds on top, a few tens of
  milliseconds. 30 ms is the low end of that, so the model favours the tool that makes more
  calls; moto on the loopback answers in about 1-5 ms.
- **Change set computation** (``CHANGE_SET_SECONDS``, 5 s): after CreateChangeSet returns, the
  change set is ``CREATE_IN_PROGRESS`` (execution status ``UNAVAILABLE``) for that long, then
  takes the status moto gave it (``CREATE_COMPLETE``, or ``FAILED`` when it changes nothing).
  AWS computes a change set asynchronously (CreateChangeSet API reference: "After the call
  successfully completes, AWS CloudFormation starts creating the change set. To check the
  status of the change set ... use the DescribeChangeSet action") and documents no duration.
  Users report "a few seconds to minutes" (aws/aws-sam-cli#4428), and on a small Serverless
  Framework project 75 s before the first progress, which its reporter took for the change set
  (serverless/serverless#10458, a guess, not a measurement); the AWS CLI's own waiter asks
  every 5 s (awscli ``deployer.py``: ``change_set_create_complete``, ``Delay: 5``), so AWS
  expects seconds. 5 s is an estimate at the short end, for a stack of a few resources.
- **Stack operation duration** (``STACK_BASE_SECONDS`` 10 s plus ``RESOURCE_SECONDS`` 5 s per
  resource added, modified or removed): ExecuteChangeSet is given that duration through the
  ``SamstageCompat.DurationSeconds`` that ``cfn_stack_timeline`` reads, unless the template
  asks for longer. An estimate: CloudFormation documents none; an update of a stack with one
  SNS topic and one SQS queue takes roughly 15-30 s on AWS (the stack's own
  ``UPDATE_COMPLETE_CLEANUP_IN_PROGRESS`` phase alone is usually several seconds), and resources
  such as Lambda aliases with CodeDeploy or CloudFront take minutes. The model takes the short
  end, so that a tool's fixed overheads stay visible next to it.

Not modelled: S3 bandwidth. The deploy rows upload kilobytes; the packaging rows are reported
without the model, where both tools share the same loopback, and a bandwidth figure for a
CodeBuild host is neither published nor measurable here.
"""
import copy
import threading
import time

from moto.cloudformation import models
from moto.moto_server import werkzeug_app

REQUEST_SECONDS = 0.030
CHANGE_SET_SECONDS = 5.0
STACK_BASE_SECONDS = 10.0
RESOURCE_SECONDS = 5.0

CONTROL_KEY = "SamstageCompat"


def _delay_every_request():
    original = werkzeug_app.DomainDispatcherApplication.__call__

    def call(self, environ, start_response):
        # moto's own control API (reset, state) is the bench's, not AWS's: no delay
        if not environ.get("PATH_INFO", "").startswith("/moto-api"):
            time.sleep(REQUEST_SECONDS)
        return original(self, environ, start_response)

    werkzeug_app.DomainDispatcherApplication.__call__ = call


def _computing_change_sets():
    backend = models.CloudFormationBackend
    original_create = backend.create_change_set

    def create_change_set(self, *args, **kwargs):
        change_set_id, stack_id = original_create(self, *args, **kwargs)
        change_set = self.change_sets[change_set_id]
        outcome = (change_set.status, change_set.execution_status, change_set.status_reason)
        change_set.status, change_set.execution_status, change_set.status_reason = \
            "CREATE_IN_PROGRESS", "UNAVAILABLE", None

        def computed():
            change_set.status, change_set.execution_status, change_set.status_reason = outcome

        timer = threading.Timer(CHANGE_SET_SECONDS, computed)
        timer.daemon = True
        timer.start()
        return change_set_id, stack_id

    backend.create_change_set = create_change_set


def _stack_duration(change_set):
    changed = sum(1 for c in change_set.changes if c.action in ("Add", "Modify", "Remove"))
    return STACK_BASE_SECONDS + RESOURCE_SECONDS * changed


def _timed_stack_operations():
    backend = models.CloudFormationBackend
    original_execute = backend.execute_change_set

    def execute_change_set(self, change_set_name, stack_name=None):
        change_set = self.describe_change_set(change_set_name)
        template = change_set.template_dict if isinstance(change_set.template_dict, dict) else {}
        metadata = template.get("Metadata") if isinstance(template.get("Metadata"), dict) else {}
        controls = metadata.get(CONTROL_KEY) if isinstance(metadata.get(CONTROL_KEY), dict) else {}
        asked = float(controls.get("DurationSeconds", 0) or 0)
        modelled = _stack_duration(change_set)
        if modelled > asked:
            # a copy: the stack keeps the template text it was given, only the timeline reads this
            timed = copy.deepcopy(template)
            timed.setdefault("Metadata", {}).setdefault(CONTROL_KEY, {})["DurationSeconds"] = modelled
            change_set.template_dict = timed
        return original_execute(self, change_set_name, stack_name)

    backend.execute_change_set = execute_change_set


def install():
    """Installed after every module of ``MODULES`` (it wraps their ExecuteChangeSet and
    CreateChangeSet)."""
    _delay_every_request()
    _computing_change_sets()
    _timed_stack_operations()
