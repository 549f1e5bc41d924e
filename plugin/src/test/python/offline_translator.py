"""What the scripts that run aws-sam-translator offline share."""


class NoManagedPolicies:
    """The translator looks managed policy names up through this loader; offline none are
    looked up, so policy names stay names and every run sees the same empty map."""

    def load(self):
        return {}
