"""deploy-check: a cloud assembly deployed into a local moto server and read back through the AWS API.

The modules, each with one job (the entry points are scripts/deploy-check and scripts/deploy-check-migration):

    offline      loopback-only sockets, dummy credentials, no instance metadata
    server       the moto server process on 127.0.0.1 (started, awaited, stopped by its PID)
    patching     reversible monkeypatches (what the shims install into moto)
    shims        the types moto's CloudFormation lacks: shims and inert placeholders
    fixes        properties moto's CloudFormation ignores, applied as CloudFormation applies them
    assembly     the stacks of a cloud assembly, placeholder parameter values
    documents    policy documents as the API or a template gives them
    intended     the template's intended values: `kumo resolve` on the deployed stack's physical IDs
    readback     what IAM, ECR, EKS, SQS, S3, CloudFormation return, through boto3
    compare      the template's intended values against what was read back
    deploy       stack creation and updates, awaited
    check        one assembly deployed and compared (the harness's run)
    selftest     mutated assemblies that the harness must reject
    cli          scripts/deploy-check's command line
    migration/   scripts/deploy-check-migration: a kumo migrate plan run step by step in moto

Tests: scripts/deploycheck/tests (pytest; unit tests need no server, moto runs in-process there).
"""
