import KumoAnalysis
import KumoJSON

/// Verifies a plan: every transition (deployed → step 1 → … → converge) against ``VerificationRule``.
public enum PlanVerifier {
    /// The report; `target` (Kumo's template), when given, is compared with the last update step.
    public static func verify(_ bundle: PlanBundle, target: CloudTemplate? = nil) -> VerificationReport {
        let run = VerifierRun(bundle, target: target)
        run.verify()
        return run.report
    }

    /// The deployed template and each update or import step's, with the physical values of that point of the
    /// plan written in place of references (and roles named by their physical names), so that consecutive ones
    /// compare as CloudFormation compares them (what `kumo diff PLAN_DIR` shows). The file names are the plan's.
    public static func comparableTemplates(_ bundle: PlanBundle) -> [(step: String, template: CloudTemplate)] {
        let run = VerifierRun(bundle, target: nil)
        run.verify()
        return run.states.compactMap { state in (run.named(state) ?? state.raw).map { (state.name, $0) } }
    }
}

/// One state of the stack: the deployed template, or the template after a step.
struct VerifiedState {
    var position: Int
    var name: String
    var kind: MigrationPlan.StepKind?
    var file: String
    var json: JSON
    /// The template as written (`nil` when it cannot be read: see the references rule).
    var raw: CloudTemplate?
    /// Physical values of the resources in this state.
    var values: [String: PhysicalValues.Resource]
    /// The template with physical values substituted, and its resolved properties.
    var bound: CloudTemplate?
    var resolved: [String: JSON]
    var access: ClusterAccessState?
    /// Resources this step replaces (create-only properties that change), with the properties.
    var replaced: [String: [String]] = [:]
    /// The physical names resources had before this step replaced them.
    var retiredNames: [String: String] = [:]
    var step: MigrationPlan.Step?
    /// `--resources-to-import` (import steps).
    var resourcesToImport: JSON?

    var resources: JSONObject { TemplateEditing.resources(json) }
}

/// The verification of one plan.
final class VerifierRun {
    let bundle: PlanBundle
    let target: CloudTemplate?
    let environment: CloudTemplate.Environment
    var report: VerificationReport
    var states: [VerifiedState] = []
    private var catalog: [String: PhysicalValues.Resource]

    init(_ bundle: PlanBundle, target: CloudTemplate?) {
        self.bundle = bundle
        self.target = target
        environment = CloudTemplate.Environment(account: bundle.plan.account, region: bundle.plan.region)
        report = VerificationReport(stack: bundle.plan.stack)
        catalog = bundle.plan.physicalValues.resources
    }

    var plan: MigrationPlan { bundle.plan }
    var deployed: VerifiedState { states[0] }
    var last: VerifiedState { states[states.count - 1] }
    var liveCluster: PhysicalValues.LiveCluster? { plan.physicalValues.liveClusters.values.first }

    func violation(_ rule: VerificationRule, _ state: VerifiedState, _ message: String) {
        report.violations.append(.init(rule: rule, step: state.name, message: message))
    }

    func checked(_ rule: VerificationRule) { report.checks[rule, default: 0] += 1 }

    func verify() {
        states.append(makeState(position: 0, name: "deployed", kind: nil, file: plan.deployedTemplate, json: bundle.deployed, step: nil, previous: nil))
        var position = 0
        for (index, step) in plan.steps.enumerated() {
            guard step.kind != .command, let file = step.template, let json = bundle.documents[file] else {
                report.steps.append(.init(index: index, name: step.name, kind: step.kind, template: nil, templateBytes: nil, changes: nil))
                continue
            }
            position += 1
            var state = makeState(position: position, name: step.name, kind: step.kind, file: file, json: json, step: step, previous: states.last)
            state.resourcesToImport = step.resourcesToImport.flatMap { bundle.documents[$0] }
            let previous = states.last!
            states.append(state)
            report.steps.append(.init(index: index, name: step.name, kind: step.kind, template: file,
                                      templateBytes: TemplateEditing.text(json).utf8.count, changes: changes(previous, state)))
        }
        guard states.count > 1 else {
            report.violations.append(.init(rule: .target, step: "plan", message: "the plan has no update or import step"))
            return
        }
        for position in 1..<states.count {
            let previous = states[position - 1], current = states[position]
            checkReferences(current)
            checkTypeChange(previous, current)
            checkImport(previous, current)
            checkRetainBeforeRemoval(previous, current)
            checkStatefulRetained(current)
            checkCreateOnly(previous, current)
            checkConditionalReplacement(previous, current)
            checkFrozenPlumbing(current)
            checkIAM(previous, current)
            checkReplacedRoles(previous, current)
            checkLiveDescription(current)
            checkClusterVersion(previous, current)
            checkTemplateSize(current)
        }
        checkRetainStep()
        checkClusterAccess()
        checkTarget()
        findPlaceholders()
    }

    /// A state, with physical values as they are after the step: a resource the step replaces has a new physical
    /// ID (its literal name, when it has one; unknown otherwise).
    private func makeState(position: Int, name: String, kind: MigrationPlan.StepKind?, file: String, json: JSON, step: MigrationPlan.Step?,
                           previous: VerifiedState?) -> VerifiedState {
        let raw = try? CloudTemplate(json: json, name: plan.stack, file: file, environment: environment)
        let ids = Set(TemplateEditing.resources(json).keys)
        var values = catalog.filter { ids.contains($0.key) }
        var (bound, resolved) = bind(json, values, file)
        var replaced: [String: [String]] = [:]
        var retired: [String: String] = [:]
        if let previous, let raw {
            for (id, resource) in raw.resources {
                guard previous.raw?.resources[id]?.type == resource.type else { continue }
                let changed = CreateOnlyProperties.changed(type: resource.type, old: previous.resolved[id] ?? [:], new: resolved[id] ?? [:])
                if !changed.isEmpty { replaced[id] = changed }
            }
            for id in replaced.keys {
                retired[id] = catalog[id]?.ref
                let resource = raw.resources[id]!
                if resource.type == "AWS::IAM::Role", let name = resource.properties["RoleName"]?.stringValue {
                    let path = resource.properties["Path"]?.stringValue ?? "/"
                    let account = plan.account ?? PhysicalValues.placeholder("AWS::AccountId")
                    catalog[id] = PhysicalValues.Resource(type: resource.type, ref: name,
                                                          attributes: ["Arn": "arn:\(plan.physicalValues.partition):iam::\(account):role\(path)\(name)"])
                } else {
                    catalog.removeValue(forKey: id)
                }
            }
            if !replaced.isEmpty {
                values = catalog.filter { ids.contains($0.key) }
                (bound, resolved) = bind(json, values, file)
            }
        }
        var state = VerifiedState(position: position, name: name, kind: kind, file: file, json: json, raw: raw, values: values, bound: bound,
                                  resolved: resolved, replaced: replaced, retiredNames: retired, step: step)
        if let bound {
            state.access = ClusterAccessState.after(bound, raw: raw, resolved: resolved, previous: previous?.access, previousTemplate: previous?.raw,
                                                    liveMode: liveCluster?.authenticationMode)
        }
        return state
    }

    private func bind(_ json: JSON, _ values: [String: PhysicalValues.Resource], _ file: String) -> (CloudTemplate?, [String: JSON]) {
        guard let bound = try? CloudTemplate(json: Binding.bind(json, values), name: plan.stack, file: file, environment: environment) else { return (nil, [:]) }
        return (bound, Binding.resolvedProperties(bound))
    }

    /// The state's template bound and with physical names, for the IAM model (``Binding/named(_:_:)``).
    func named(_ state: VerifiedState) -> CloudTemplate? {
        try? CloudTemplate(json: Binding.named(state.json, state.values), name: plan.stack, file: state.file, environment: environment)
    }

    // MARK: - The table

    private func changes(_ previous: VerifiedState, _ current: VerifiedState) -> VerificationReport.Changes {
        var changes = VerificationReport.Changes()
        let before = previous.resources, after = current.resources
        for id in after.keys where before[id] == nil {
            if current.kind == .import { changes.imported.append(id) } else { changes.added.append(id) }
        }
        for (id, entry) in before where after[id] == nil {
            let policy = entry["DeletionPolicy"]?.stringValue
            if policy == "Retain" || policy == "RetainExceptOnCreate" { changes.removedRetained.append(id) } else { changes.removedDeleted.append(id) }
        }
        for (id, entry) in after {
            guard let old = before[id], old["Type"] == entry["Type"] else { continue }
            if let paths = current.replaced[id] {
                changes.replaced.append((id, paths.joined(separator: ", ") + " change" + (paths.count == 1 ? "s" : "")))
                continue
            }
            var what: [String] = []
            let oldProperties = old["Properties"] ?? [:], newProperties = entry["Properties"] ?? [:]
            if !oldProperties.semanticallyEquals(newProperties) {
                let a = previous.resolved[id] ?? [:], b = current.resolved[id] ?? [:]
                var names = Array(newProperties.objectValue?.keys ?? [])
                for name in oldProperties.objectValue?.keys ?? [] where !names.contains(name) { names.append(name) }
                for name in names where !(oldProperties[name] ?? .null).semanticallyEquals(newProperties[name] ?? .null) {
                    // A policy document written as an Fn::Sub string is the same value as the object it spells.
                    let document = { (value: JSON?) -> JSON in
                        guard let text = value?.stringValue, text.hasPrefix("{"), let parsed = try? JSON(parsing: text) else { return value ?? .null }
                        return parsed
                    }
                    let same = document(a[name]).semanticallyEquals(document(b[name]))
                    what.append(name + (same ? " (same value)" : ""))
                }
            }
            if Set(TemplateEditing.dependencies(old)) != Set(TemplateEditing.dependencies(entry)) { what.append("DependsOn") }
            for attribute in ["DeletionPolicy", "UpdateReplacePolicy"] where old[attribute] != entry[attribute] {
                what.append("\(attribute) \(old[attribute]?.stringValue ?? "-") → \(entry[attribute]?.stringValue ?? "-")")
            }
            if !(old["Metadata"] ?? .null).semanticallyEquals(entry["Metadata"] ?? .null) { what.append("Metadata") }
            if !what.isEmpty { changes.modified.append((id, what.joined(separator: ", "))) }
        }
        return changes
    }

    private func findPlaceholders() {
        var found = Set<String>()
        func scan(_ value: JSON) {
            switch value {
            case .string(let text):
                for name in PhysicalValues.placeholderNames(in: text) { found.insert(KumoMigration.placeholderPrefix + name) }
            case .array(let items): items.forEach(scan)
            case .object(let members):
                for (key, member) in members {
                    scan(.string(key))
                    scan(member)
                }
            default: break
            }
        }
        for (path, document) in bundle.documents where !path.hasPrefix("00-") { scan(document) }
        for step in plan.steps { step.commands.forEach { scan(.string($0)) } }
        report.placeholders = found.sorted()
    }
}
