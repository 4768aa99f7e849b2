// Kumo: typed constructs for CloudFormation, one folder per AWS service. `import Kumo` brings the core
// (App, Stack, Construct, values and intrinsics) along.
@_exported import KumoCore
@_exported import KumoJSON
import KumoPolicy

/// IAM's condition operators, typed (`.stringEquals`, `.stringLike.ifExists`, `.forAnyValue(.stringEquals)`).
public typealias ConditionOperator = KumoPolicy.ConditionOperator
