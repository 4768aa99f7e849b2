import KumoJSON
import KumoPolicy

/// Checks a rendered policy document the way IAM will judge it: well-formed JSON after CloudFormation has
/// substituted deploy-time values, and within IAM's size limit.
enum PolicyChecks {
    static func check(_ document: Value, kind: PolicyKind, limit: Int, _ context: ResolutionContext) throws(ResolutionError) {
        let probe = document.probe(standIn: PolicyRendering.deployTimeStandIn) ?? .null
        do {
            _ = try KumoPolicy.PolicyDocument.parse(probe, kind: kind)
        } catch {
            let problems = error.errors.map(\.description).joined(separator: "; ")
            throw ResolutionError(
                .error(context.referrer, "the \(kind == .trust ? "trust" : "policy") document IAM would receive is invalid: \(problems)",
                       fix: "fix the statements named in the message (paths are within the policy document)"))
        }
        let size = PolicyRendering.size(of: probe.serialized())
        if size > limit {
            let what = switch kind {
            case .trust: "trust policy"
            case .identity: "managed policy"
            case .resource: "resource policy"
            }
            var fix = "split the statements over several policies, or shorten them"
            if kind == .trust {
                fix = "trust fewer principals per role (one role per workload), or request the IAM quota "
                    + "'Role trust policy length' increase up to \(PolicyRendering.trustPolicyMaximumQuota) characters"
            }
            throw ResolutionError(
                .error(context.referrer,
                       "the \(what) is \(size) characters without whitespace, over IAM's limit of \(limit) "
                        + "(deploy-time values counted as \(PolicyRendering.deployTimeValueEstimate) characters)",
                       fix: fix))
        }
    }
}
