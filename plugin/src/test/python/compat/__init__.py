"""Compatibility patches applied to moto before the server starts.

Each module documents the AWS behaviour it emulates where moto 5.2.1 diverges.
"""


def install():
    # Patches register themselves here as they are added, one module per divergence.
    from . import codedeploy; codedeploy.install()  # noqa: E702
    from . import codepipeline; codepipeline.install()  # noqa: E702
