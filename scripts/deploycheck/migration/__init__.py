"""deploy-check-migration: a `kumo migrate` plan run step by step in moto (scripts/deploy-check-migration).

    shims      CDK's custom resources, native types that adopt existing resources (the emulated import)
    updates    CloudFormation's update semantics that moto lacks (Retain, policy-only changes, role updates)
    roles      IAM snapshots and the rule that the deployed stack's roles are unchanged before converge
    run        the deployed stack created, the plan written from moto's physical IDs, each step deployed
    selftest   mutated plans that must be caught
    cli        the command line
"""
