import KumoJSON

/// The template reader as one function of arbitrary bytes, for fuzzing (`scripts/fuzz-reader`, and the
/// property-based test in `KumoAnalysisTests`): the JSON and YAML parsers, `CloudTemplate`, the cycle check,
/// the symbolic `Resolver` on every property of every resource and output, the `IAMModel`, the readable display
/// of symbols, the `Checker` with its renderers, and the Kubernetes manifest reader.
///
/// Every input must end in a value or a `ReaderError`/`ManifestError` — never in a crash, a hang or unbounded
/// memory.
public enum ReaderFuzzing {
    /// Runs every stage on `bytes`; returns how far it got (0: not a template, … 4: checked).
    @discardableResult
    public static func run(_ bytes: UnsafeRawBufferPointer) -> Int {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = try? KubernetesManifests.parse(text, file: "fuzz.yaml")
        let json: JSON
        do {
            json = try TemplateLoader.parse(text, file: "fuzz.json")
        } catch {
            return 0
        }
        let template: CloudTemplate
        do {
            template = try CloudTemplate(json: json, name: "Fuzz", file: "fuzz.json", environment: .init(account: "123456789012", region: "us-east-1"))
        } catch {
            return 1
        }
        if DependencyGraph(template).cycle() != nil { return 2 }
        let resolver = Resolver(template)
        for (id, resource) in template.resources {
            for (name, value) in resource.properties {
                if let resolved = try? resolver.resolve(value, at: "Resources.\(id).Properties.\(name)") {
                    _ = template.display(resolved)
                }
            }
        }
        for (id, output) in template.outputs {
            if let value = output["Value"] { _ = try? resolver.resolve(value, at: "Outputs.\(id).Value") }
        }
        guard let model = try? IAMModel(template) else { return 3 }
        for role in model.roles { _ = template.display(role.trust) }
        if let report = try? Checker().check([template]) {
            for format in CheckReportRenderer.Format.allCases { _ = CheckReportRenderer.render(report, as: format) }
        }
        return 4
    }

    /// The same, for a `[UInt8]`.
    @discardableResult
    public static func run(_ bytes: [UInt8]) -> Int { bytes.withUnsafeBytes { run($0) } }
}
