// Kumo: typed constructs for CloudFormation, one folder per AWS service. `import Kumo` brings the core
// (App, Stack, Construct, values and intrinsics) along.
@_exported import KumoCore
@_exported import KumoJSON
// The generated L1s the constructs build on (their `resource` properties are of these types).
@_exported import KumoCertificateManager
@_exported import KumoEC2
@_exported import KumoECR
@_exported import KumoEKS
@_exported import KumoIAM
@_exported import KumoRDS
@_exported import KumoRoute53
@_exported import KumoSecretsManager
// From the IAM policy language (KumoPolicy), the types the DSL's statements and checks share with the reader and
// the evaluator: IAM's typed condition operators (`.stringEquals`, `.stringLike.ifExists`,
// `.forAnyValue(.stringEquals)`) and what a document is for (trust, identity, resource policy).
@_exported import struct KumoPolicy.ConditionOperator
@_exported import enum KumoPolicy.PolicyKind
