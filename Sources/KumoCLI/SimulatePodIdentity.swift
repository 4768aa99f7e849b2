import ArgumentParser
import Foundation
import KumoAnalysis
import KumoJSON
import KumoPolicy

/// `kumo simulate --pod-identity NS:NAME`: may pods of this service account get the role through EKS Pod Identity?
extension Simulate {
    func validatePodIdentity() throws {
        guard let podIdentity else {
            if role == nil { throw ValidationError("give the role: --role NAME (logical ID, role name, ARN or construct ID)") }
            if cluster != nil || associated || pod != nil || sourceAccount != nil || sourceARN != nil {
                throw ValidationError("--cluster, --associated, --pod, --source-account and --source-arn describe a Pod Identity request: use them with --pod-identity NS:NAME")
            }
            return
        }
        do {
            _ = try PodIdentityRequest.serviceAccount(podIdentity)
        } catch {
            throw ValidationError(error.description)
        }
        if issuer != nil || audience != nil || issuedAt != nil || skew != nil || !clientIDs.isEmpty {
            throw ValidationError("--issuer, --audience, --issued-at, --skew and --client-id describe a web-identity token; --pod-identity needs none of them")
        }
        if associated && role == nil {
            throw ValidationError("--associated says the association exists outside the template: name the role it gives (--role)")
        }
        if let sourceAccount, sourceAccount.count != 12 || !sourceAccount.allSatisfy(\.isNumber) {
            throw ValidationError("--source-account takes a 12-digit account ID, got \"\(sourceAccount)\"")
        }
        if let sourceARN, !sourceARN.hasPrefix("arn:") {
            throw ValidationError("--source-arn takes an ARN, got \"\(sourceARN)\"")
        }
    }

    func simulatePodIdentity() throws -> (allowed: Bool, text: String) {
        let (namespace, name) = try PodIdentityRequest.serviceAccount(podIdentity!)
        let now = try time(at, option: "--at") ?? Date().timeIntervalSince1970.rounded(.down)
        let (cloudTemplate, model) = try loadStack()
        let choice: PodIdentityRequest.ClusterChoice = cluster.map { $0.hasPrefix("arn:") ? .external(arn: $0) : .template($0) } ?? .template(nil)
        let request = PodIdentityRequest(
            namespace: namespace, serviceAccount: name, cluster: choice, association: associated ? .given() : .fromTemplate,
            podName: pod, sourceAccount: sourceAccount, sourceARN: sourceARN, now: now)
        let decision: TrustDecision
        do {
            decision = try TrustEvaluator(model: model).evaluate(role: role, request)
        } catch {
            throw InputError(error.description)
        }
        let report = PodIdentityReport(decision: decision, request: request, template: cloudTemplate)
        return (decision.isAllowed, format == .json ? report.json : report.text)
    }
}

/// The output of `kumo simulate --pod-identity`: text for people, JSON for programs (schema in the README).
struct PodIdentityReport {
    let decision: TrustDecision
    let request: PodIdentityRequest
    let template: CloudTemplate

    var text: String {
        var lines = ["\(decision.isAllowed ? "ALLOW" : "DENY")  \(decision.roleName.isEmpty ? "(no role)" : decision.roleName)\(decision.role.isEmpty ? "" : " (\(decision.role))") in \(template.name)"]
        let facts = decision.podIdentity
        lines.append("  pod    \(request.namespace)/\(request.serviceAccount) (pod \(request.podName)) on cluster \(facts?.clusterName ?? "?") · EKS Pod Identity (pods.eks.amazonaws.com)")
        lines.append("  at     \(ISO8601.format(request.now))" + (facts?.sessionTags == false ? " · session tags disabled by the association" : ""))
        lines.append("")
        for check in decision.checks {
            lines.append("  \(check.passed ? "✓" : "✗") \(check.stage.rawValue) \(check.name.padding(toLength: max(check.name.count, 11), withPad: " ", startingAt: 0)) \(check.message)")
        }
        for (label, policy) in [("sts:AssumeRole", decision.policyDecision), ("sts:TagSession", decision.tagSessionDecision)] {
            guard let policy else { continue }
            lines.append("")
            lines.append("  trust policy of \(decision.roleName), for \(label): \(policy.isAllowed ? "allowed" : policy.outcome == .explicitDeny ? "explicitly denied" : "denied (no statement allows)")")
            for statement in policy.statements { lines.append(contentsOf: statement.explanationLines.map { "    " + $0 }) }
        }
        if !decision.unknownKeys.isEmpty {
            lines.append("    keys the offline request does not carry, taken as denying: \(decision.unknownKeys.joined(separator: ", "))"
                + (decision.unknownKeys.contains { ["aws:sourceaccount", "aws:sourcearn"].contains($0.lowercased()) }
                    ? " (AWS does not document aws:SourceAccount/aws:SourceArn for Pod Identity: state them with --source-account/--source-arn, or condition on aws:RequestTag/eks-cluster-arn, which it documents)" : ""))
        }
        return lines.joined(separator: "\n")
    }

    var json: String {
        var out = JSONObject()
        out["decision"] = .string(decision.outcome.rawValue)
        out["role"] = decision.role.isEmpty ? .null : .string(decision.role)
        out["roleName"] = decision.roleName.isEmpty ? .null : .string(decision.roleName)
        out["stack"] = .string(template.name)
        out["mechanism"] = "podIdentity"
        let facts = decision.podIdentity
        out["cluster"] = facts.map { ["name": .string($0.clusterName), "arn": .string($0.clusterARN), "logicalID": $0.clusterLogicalID.map(JSON.string) ?? .null] } ?? .null
        out["serviceAccount"] = ["namespace": .string(request.namespace), "name": .string(request.serviceAccount), "pod": .string(request.podName)]
        out["association"] = facts?.association.map(JSON.string) ?? .null
        out["associatedRole"] = facts?.associatedRole.map(JSON.string) ?? .null
        out["sessionTags"] = .bool(facts?.sessionTags ?? true)
        out["at"] = .string(ISO8601.format(request.now))
        out["reasons"] = .array(decision.reasons.map(JSON.string))
        out["checks"] = .array(decision.checks.map { ["stage": .string($0.stage.rawValue), "check": .string($0.name), "passed": .bool($0.passed), "message": .string($0.message)] })
        out["unknownKeys"] = .array(decision.unknownKeys.map(JSON.string))
        var context = JSONObject()
        for (key, values) in decision.context { context[key] = .array(values.map(JSON.string)) }
        out["context"] = .object(context)
        return JSON.object(out).serialized(.indented(2))
    }
}
