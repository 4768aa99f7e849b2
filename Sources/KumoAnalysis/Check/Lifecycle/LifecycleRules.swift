import Foundation
import KumoJSON

/// Lifecycle rules (`KUMO-LIFE-…`): what the template asks AWS to create that AWS no longer creates, as of
/// ``TemplateCheck/today``, from ``LifecycleData`` (`data/lifecycle.json`): EKS versions, node AMI types, Lambda
/// runtimes (also in nested stacks of a CDK assembly), RDS/Aurora engine versions.
enum LifecycleRules {
    static var data: LifecycleData { .shared }

    static func check(_ context: TemplateCheck) -> [Finding] {
        eksVersions(context) + nodeAMIs(context) + lambdaRuntimes(context) + databaseEngines(context)
    }

    // MARK: EKS versions

    /// The support state of a Kubernetes version on `today`; `nil` when the version is newer than the data.
    enum SupportState {
        case standard(until: String)
        case extended(standardEnded: String, until: String)
        /// EKS no longer creates it; `known` is the version's own row, or the row it is older than.
        case ended(LifecycleData.EKSVersion, own: Bool)
    }

    static func state(of version: String, today: String) -> SupportState? {
        let rows = data.eksVersions
        if let row = rows.first(where: { $0.version == version }) {
            if today >= row.endOfExtendedSupport { return .ended(row, own: true) }
            if today >= row.endOfStandardSupport { return .extended(standardEnded: row.endOfStandardSupport, until: row.endOfExtendedSupport) }
            return .standard(until: row.endOfStandardSupport)
        }
        // Older than a row of the calendar: its support ended no later than that row's.
        if let next = rows.first(where: { VersionOrder.less(version, $0.version) }), today >= next.endOfExtendedSupport {
            return .ended(next, own: false)
        }
        return nil
    }

    /// The version to move to: the newest of the data still in standard support, else in extended support.
    static func target(today: String) -> (LifecycleData.EKSVersion, standard: Bool)? {
        if let row = data.eksVersions.last(where: { today < $0.endOfStandardSupport }) { return (row, true) }
        return data.eksVersions.last(where: { today < $0.endOfExtendedSupport }).map { ($0, false) }
    }

    static func eksVersions(_ context: TemplateCheck) -> [Finding] {
        var findings: [Finding] = []
        let today = context.today
        for cluster in context.eks.clusters {
            guard let version = cluster.version, !Symbol.isSymbolic(version), let state = state(of: version, today: today) else { continue }
            let move = target(today: today).map { row, standard in
                "move to \(row.version), the newest version in Kumo's data (read \(row.read)), "
                    + (standard ? "in standard support until \(row.endOfStandardSupport)" : "past standard support, in extended support until \(row.endOfExtendedSupport)")
                    + "; newer ones: aws eks describe-cluster-versions"
            } ?? "move to a version EKS supports (aws eks describe-cluster-versions)"
            let name = context.display(cluster.name)
            switch state {
            case .standard:
                continue
            case .extended(let standardEnded, let until):
                findings.append(Finding(
                    CheckRules.lifecycleEKSVersion, at: context.location(cluster.logicalID),
                    "EKS cluster \(name) runs Kubernetes \(version), past standard support since \(standardEnded): in extended support "
                        + "(billed per cluster hour) until \(until), when EKS stops creating it and upgrades existing clusters",
                    fix: "\(move) (\(cluster.versionLocation))", severity: .warning))
            case .ended(let row, let own):
                let when = own
                    ? "its standard support ended \(row.endOfStandardSupport) and its extended support \(row.endOfExtendedSupport)"
                    : "it is older than every version of the EKS release calendar Kumo has (\(row.version) left extended support on \(row.endOfExtendedSupport))"
                findings.append(Finding(
                    CheckRules.lifecycleEKSVersion, at: context.location(cluster.logicalID),
                    "EKS cluster \(name) asks for Kubernetes \(version), which EKS no longer creates: \(when); existing clusters are "
                        + "upgraded automatically (EKS User Guide, Kubernetes version lifecycle, read \(row.read))",
                    fix: "\(move) (\(cluster.versionLocation)); an existing cluster is upgraded one minor version at a time"))
            }
        }
        return findings
    }

    // MARK: Node AMI types

    static func nodeAMIs(_ context: TemplateCheck) -> [Finding] {
        var findings: [Finding] = []
        for group in context.eks.nodegroups {
            guard let ami = group.amiType, let row = data.amiTypes.first(where: { $0.amiType == ami }), context.today >= row.retired else { continue }
            let clusterVersion = group.version ?? context.eks.clusters.first { $0.name == group.clusterName }?.version
            let tooNew = clusterVersion.map { VersionOrder.less(row.lastKubernetesVersion, $0) } ?? false
            findings.append(Finding(
                CheckRules.lifecycleNodeAMI, at: context.location(group.logicalID),
                "node group uses AMI type \(ami): EKS stopped publishing Amazon Linux 2 AMIs on \(row.retired), and \(row.lastKubernetesVersion) "
                    + "is the last Kubernetes version with them" + (tooNew ? "; the node group's Kubernetes \(clusterVersion!) has none, so EKS cannot create it" : "")
                    + " (EKS User Guide, read \(row.read))",
                fix: "set AmiType to \(row.successor) (Kumo: amiType: .\(row.successor.hasPrefix("AL2023_ARM") ? "al2023ARM64Standard" : "al2023x86_64Standard"))",
                severity: tooNew ? .error : nil))
        }
        return findings
    }

    // MARK: Lambda runtimes

    /// What the runtime's dates mean on `today`: nil while it is supported.
    static func runtimeProblem(_ runtime: String, today: String) -> (text: String, severity: CheckRule.Severity, successor: String?)? {
        guard let r = data.runtimes[runtime] else { return nil }
        if let update = r.updateBlock, today >= update {
            return ("\(runtime) functions can no longer be created (since \(r.createBlock ?? "?")) nor updated (since \(update)); deprecated \(r.deprecated ?? "?")", .error, r.successor)
        }
        if let create = r.createBlock, today >= create {
            return ("\(runtime) functions can no longer be created (since \(create)); updates are blocked from \(r.updateBlock ?? "a date AWS has not set"); deprecated \(r.deprecated ?? "?")", .error, r.successor)
        }
        if let deprecated = r.deprecated, today >= deprecated {
            return ("\(runtime) is deprecated since \(deprecated); creating functions on it is blocked from \(r.createBlock ?? "a date AWS has not set")", .warning, r.successor)
        }
        return nil
    }

    static func lambdaRuntimes(_ context: TemplateCheck) -> [Finding] {
        var findings: [Finding] = []
        let resolver = Resolver(context.template)
        let source = "cfn-lint's Lambda runtime data, read \(data.lambdaSource.read)"
        for resource in context.template.resources(ofType: "AWS::Lambda::Function") {
            guard let runtime = (try? resolver.property(resource.logicalID, "Runtime"))??.stringValue,
                  let problem = runtimeProblem(runtime, today: context.today)
            else { continue }
            let cdk = resource.constructPath?.contains("CustomResourceProvider") == true
            findings.append(Finding(
                CheckRules.lifecycleLambdaRuntime, at: context.location(resource.logicalID),
                "Lambda function \(resource.logicalID)\(cdk ? " (an AWS CDK custom-resource provider)" : ""): \(problem.text) (\(source))",
                fix: cdk
                    ? "replace the custom resource it serves with the native resource (Kumo emits AWS::IAM::OIDCProvider and Fn::Sub trusts instead), or upgrade AWS CDK so that its providers use \(problem.successor ?? "a supported runtime")"
                    : "set Runtime to \(problem.successor ?? "a supported runtime") and test the function on it",
                severity: problem.severity))
        }
        // Nested stacks of a CDK assembly: their templates sit next to this one (Metadata aws:asset:path).
        let directory = (context.template.file as NSString).deletingLastPathComponent
        for resource in context.template.resources(ofType: "AWS::CloudFormation::Stack") {
            guard let asset = resource.metadata["aws:asset:path"]?.stringValue, asset.hasSuffix(".json"),
                  let bytes = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(asset)),
                  let nested = try? JSON(parsing: String(decoding: bytes, as: UTF8.self))
            else { continue }
            var problems: [(String, String, CheckRule.Severity, String?)] = []
            for (id, nestedResource) in nested["Resources"]?.objectValue ?? [:] where nestedResource["Type"]?.stringValue == "AWS::Lambda::Function" {
                guard let runtime = nestedResource["Properties"]?["Runtime"]?.stringValue, let problem = runtimeProblem(runtime, today: context.today) else { continue }
                problems.append((id, problem.text, problem.severity, problem.successor))
            }
            guard !problems.isEmpty else { continue }
            let runtimes = Dictionary(grouping: problems, by: { $0.1 }).sorted { $0.key < $1.key }
            findings.append(Finding(
                CheckRules.lifecycleLambdaRuntime, at: context.location(resource.logicalID),
                "nested stack \(asset) holds \(problems.count) Lambda function\(problems.count == 1 ? "" : "s") on runtimes AWS no longer creates: "
                    + runtimes.map { "\($0.value.map(\.0).sorted().joined(separator: ", ")): \($0.key)" }.joined(separator: "; ") + " (\(source))",
                fix: "the stack cannot be updated while it holds them: remove the nested stack (Kumo replaces CDK's provider framework with native resources), or upgrade AWS CDK",
                severity: problems.contains { $0.2 == .error } ? .error : .warning))
        }
        return findings
    }

    // MARK: RDS and Aurora engine versions

    static func databaseEngines(_ context: TemplateCheck) -> [Finding] {
        var findings: [Finding] = []
        let resolver = Resolver(context.template)
        for resource in context.template.resources.values where ["AWS::RDS::DBCluster", "AWS::RDS::DBInstance"].contains(resource.type) {
            guard let engine = (try? resolver.property(resource.logicalID, "Engine"))??.stringValue?.lowercased(),
                  let raw = (try? resolver.property(resource.logicalID, "EngineVersion")) ?? nil, let version = EKSModel.scalar(raw),
                  let row = data.engines[engine], row.deprecated.contains(version)
            else { continue }
            let sameMajor = row.creatable.filter { VersionOrder.major($0) == VersionOrder.major(version) && !$0.contains("limitless") }
            let nearest = sameMajor.first { VersionOrder.less(version, $0) } ?? row.creatable.first { VersionOrder.less(version, $0) && !$0.contains("limitless") }
            let kind = resource.type == "AWS::RDS::DBCluster" ? "DB cluster" : "DB instance"
            findings.append(Finding(
                CheckRules.lifecycleDatabaseEngine, at: context.location(resource.logicalID),
                "\(kind) \(resource.logicalID): \(engine) \(version) is deprecated and cannot be used to create new \(kind)s "
                    + "(cfn-lint's RDS data, from DescribeDBEngineVersions, read \(data.rdsSource.read))",
                fix: nearest.map { "set EngineVersion to \($0)\(sameMajor.contains($0) ? ", the nearest creatable version of \(engine) \(VersionOrder.major(version))" : ", the nearest creatable version")"
                    + "; upgrade a running cluster deliberately (a minor upgrade, in a maintenance window)" }
                    ?? "choose an EngineVersion RDS still offers (aws rds describe-db-engine-versions --engine \(engine))"))
        }
        return findings
    }
}
