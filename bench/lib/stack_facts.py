#!/usr/bin/env python3
"""Facts about one stack in the local AWS, for the deploy measurements.

  stack_facts.py ENDPOINT STACK_NAME

Prints ``status=S terminal=EPOCH_SECONDS events=N``: the stack's status, when its last
stack-level event (the terminal state) happened, and how many events it has (a no-op
redeploy adds none).
"""
import sys

import boto3


def main():
    endpoint, name = sys.argv[1], sys.argv[2]
    cfn = boto3.client("cloudformation", endpoint_url=endpoint)
    stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
    events = []
    for page in cfn.get_paginator("describe_stack_events").paginate(StackName=name):
        events.extend(page["StackEvents"])
    own = [e for e in events if e["ResourceType"] == "AWS::CloudFormation::Stack" and e["LogicalResourceId"] == name]
    terminal = max((e["Timestamp"] for e in own), default=None)
    print(f"status={stack['StackStatus']} terminal={terminal.timestamp() if terminal else 0:.3f} events={len(events)}")


if __name__ == "__main__":
    main()
