import Foundation
import KumoAnalysis
import KumoJSON
import KumoMigration

/// A `kumo migrate` plan directory read as templates: `kumo check` checks each step's template, `kumo diff`
/// compares each step with the one before.
enum PlanInputs {
    /// One step's template, named `Stack (NN-step)`.
    struct StepTemplate {
        var step: String
        var template: CloudTemplate
    }

    /// The templates of every stack's plan at `path`, in order: the deployed template, then each update and
    /// import step's (`bound`: with the plan's physical values in place of references, for comparing them).
    /// `nil` when `path` is not a plan directory.
    static func templates(at path: String, bound: Bool = false) throws -> [[StepTemplate]]? {
        guard PlanDirectory.isPlan(path) else { return nil }
        let plans: [(directory: String, bundle: PlanBundle)]
        do {
            plans = try PlanDirectory.read(path)
        } catch {
            throw InputError("error: \(error)").exit()
        }
        return try plans.map { directory, bundle in
            let plan = bundle.plan
            if bound {
                return PlanVerifier.comparableTemplates(bundle).map { step, template in
                    var copy = template
                    copy.name = "\(plan.stack) (\(step))"
                    return StepTemplate(step: step, template: copy)
                }
            }
            let environment = CloudTemplate.Environment(account: plan.account, region: plan.region)
            var files = [("deployed", plan.deployedTemplate)]
            files += plan.steps.compactMap { step in step.template.map { (step.name, $0) } }
            return try files.map { step, file in
                do {
                    let template = try CloudTemplate(json: bundle.documents[file]!, name: "\(plan.stack) (\(step))",
                                                     file: (directory as NSString).appendingPathComponent(file), environment: environment)
                    return StepTemplate(step: step, template: template)
                } catch {
                    throw InputError("error: \(error)").exit()
                }
            }
        }
    }
}

/// `kumo diff PLAN_DIR`: each step of a migration plan against the one before, in every format.
struct PlanDiff {
    let path: String
    let format: Diff.Format
    let strict: Bool
    let failOnBroadening: Bool

    func run() throws -> Never {
        guard let plans = try PlanInputs.templates(at: path, bound: true) else { throw InputError("error: \(path) is not a plan directory").exit() }
        var sections: [(String, TemplateDiff)] = []
        for steps in plans {
            for (previous, current) in zip(steps, steps.dropFirst()) {
                var old = previous.template, new = current.template
                old.name = String(new.name.prefix { $0 != " " })
                new.name = old.name
                do {
                    sections.append(("\(old.name): \(previous.step) → \(current.step)", try TemplateDiff.compare(old: [old], new: [new], options: .init(strict: strict))))
                } catch {
                    throw InputError("error: \(error)").exit()
                }
            }
        }
        switch format {
        case .text:
            Output.out(sections.map { "== \($0.0)\n\n" + TextRenderer(colors: Output.isTerminal).render($0.1) }.joined(separator: "\n\n"))
        case .markdown:
            Output.out(sections.map { "# \($0.0)\n\n" + MarkdownRenderer().render($0.1) }.joined(separator: "\n"))
        case .json:
            let steps: [JSON] = sections.map { ["transition": .string($0.0), "diff": JSONRenderer().render($0.1)] }
            Output.out(JSON.object(["schemaVersion": .number(Double(JSONRenderer.schemaVersion)), "plan": .string(path), "steps": .array(steps)]).serialized(.indented(2)))
        }
        let diffs = sections.map(\.1)
        let status: Int32 = failOnBroadening && diffs.contains(where: \.hasBroadening) ? 3 : diffs.contains(where: \.hasChanges) ? 1 : 0
        Foundation.exit(status)
    }
}
