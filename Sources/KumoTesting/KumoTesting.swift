// KumoTesting: assertions on templates (AWS CDK's `assertions` for Swift Testing) and trust evaluation of
// web-identity tokens and EKS Pod Identity requests against a template's roles.
//
// `import KumoTesting` brings along the KumoAnalysis types its own API hands out or takes, and nothing else of
// KumoAnalysis (not the diff, the checks, the IAM model or the reader's internals; `import KumoAnalysis` for
// those): the template as read (`CloudTemplate`, whose `Environment` `Template(json:environment:)` takes), the
// trust evaluator and what it decides (`TrustEvaluator`, `TrustDecision`, `TrustError`, `WebIdentityRequest`, `PodIdentityRequest`),
// and the tokens tests build by hand (`WebIdentityClaims`, `JWT`). It does not re-export KumoPolicy or Kumo, so
// `import Kumo` and `import KumoTesting` together are unambiguous.
@_exported import struct KumoAnalysis.CloudTemplate
@_exported import struct KumoAnalysis.JWT
@_exported import struct KumoAnalysis.TrustDecision
@_exported import struct KumoAnalysis.TrustError
@_exported import struct KumoAnalysis.TrustEvaluator
@_exported import enum KumoAnalysis.WebIdentityClaims
@_exported import struct KumoAnalysis.WebIdentityRequest
@_exported import struct KumoAnalysis.PodIdentityRequest
