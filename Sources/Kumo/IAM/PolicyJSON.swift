import KumoJSON

/// A policy document as the value of a JSON-typed L1 property (``CfnJSON``): written as AWS CDK writes policies
/// (``PolicyRendering``) and checked as IAM will judge it (grammar, size), when the stack is synthesized.
struct PolicyJSON: CfnJSONDocument {
    /// The construct named in errors (the typed construct, not its L1).
    var referrer: String
    var kind: PolicyKind
    /// IAM's size limit for this kind of document (characters without whitespace).
    var sizeLimit: Int
    /// The document, read when the template is written (so that statements added later count).
    var document: () -> PolicyDocument

    func cfnDocumentValue(_ context: ResolutionContext) throws(ResolutionError) -> Value {
        let ctx = ResolutionContext(stack: context.stack, referrer: referrer)
        let value = try PolicyRendering.value(of: document(), ctx)
        try PolicyChecks.check(value, kind: kind, limit: sizeLimit, ctx)
        return value
    }
}

extension PolicyDocument: CfnJSONDocument {
    /// The document as Kumo writes policies, for a JSON-typed property of any L1
    /// (`S3.CfnBucketPolicy(bucket: …, policyDocument: CfnJSON(document))`). Statements with principals are
    /// checked as a resource policy, others as an identity policy (IAM's grammar; no size limit is assumed).
    public func cfnDocumentValue(_ context: ResolutionContext) throws(ResolutionError) -> Value {
        let value = try PolicyRendering.value(of: self, context)
        let kind: PolicyKind = statements.contains { !$0.principals.isEmpty } ? .resource : .identity
        try PolicyChecks.check(value, kind: kind, limit: .max, context)
        return value
    }
}
