"""On AWS a change set that changes nothing is created and ends in status ``FAILED`` with
the reason "The submitted information didn't contain changes. Submit different
information to create a change set.", whether or not Parameters are passed. moto does that
only without Parameters; with Parameters and an identical template its CreateChangeSet
call itself fails with "No updates are to be performed." (UpdateStack's wording).

Here the pre-check is dropped so the backend's comparison of template and parameters
decides, and the empty change set is recorded as AWS records it.
"""
from moto.cloudformation import responses


def install():
    def validate_different_update(self, incoming_params, stack_body, old_stack):
        return None

    responses.CloudFormationResponse._validate_different_update = validate_different_update
