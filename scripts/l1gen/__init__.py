"""Kumo's schema generator: reads the CloudFormation resource provider schemas shipped in the pinned cfn-lint and
writes the schema-facts module (KumoSchema), one typed L1 module per service (Sources/L1/Kumo<Service>), the
all-types conformance examples and the Package.swift service list. Entry point: scripts/generate-l1."""
