// KumoTesting: assertions on templates (AWS CDK's `assertions` for Swift Testing) and trust evaluation of
// web-identity tokens against a template's roles. `import KumoTesting` brings the trust evaluator's types
// (TrustDecision, WebIdentityClaims, JWT, …) along; it does not re-export KumoPolicy, so `import Kumo` and
// `import KumoTesting` together are unambiguous.
@_exported import KumoAnalysis
