import KumoAnalysis
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

extension ReaderFuzzing {
    /// A small deterministic random generator (SplitMix64), so that fuzz runs and property tests reproduce.
    public struct Generator: RandomNumberGenerator {
        var state: UInt64

        public init(seed: UInt64) { state = seed }

        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Fragments that steer mutations towards the reader's interesting paths.
    public static let tokens: [[UInt8]] = [
        "{", "}", "[", "]", ":", ",", "\"", "\\", "${", "${!", "\"Ref\"", "\"Fn::GetAtt\"", "\"Fn::Sub\"", "\"Fn::Join\"",
        "\"Fn::Select\"", "\"Fn::Split\"", "\"Fn::If\"", "\"Condition\"", "\"Fn::FindInMap\"", "\"Fn::ImportValue\"",
        "\"AWS::IAM::Role\"", "\"AWS::IAM::OIDCProvider\"", "\"AWS::EKS::Cluster\"", "\"StringLike\"", "\"ForAllValues:StringEquals\"",
        "\"NullIfExists\"", "\"*\"", ":oidc-provider/", "-1", "1e308", "null", "true", "!Ref ", "!Sub ", "\n- ", ": &a ", "*a",
        "\u{E000}", "\u{FEFF}",
    ].map { Array($0.utf8) }

    /// `seed` with a few random edits: byte changes, deletions, insertions of ``tokens`` and of its own slices.
    public static func mutate(_ seed: [UInt8], _ g: inout Generator) -> [UInt8] {
        var data = seed
        for _ in 0..<(1 + Int(g.next() % 4)) {
            let position = data.isEmpty ? 0 : Int(g.next() % UInt64(data.count))
            switch g.next() % 6 {
            case 0 where !data.isEmpty: data[position] = UInt8(truncatingIfNeeded: g.next())
            case 1 where !data.isEmpty: data.remove(at: position)
            case 2: data.insert(contentsOf: tokens[Int(g.next() % UInt64(tokens.count))], at: position)
            case 3 where data.count > 1:
                let end = min(data.count, position + 1 + Int(g.next() % 64))
                data.removeSubrange(position..<end)
            case 4 where data.count > 1:
                let start = Int(g.next() % UInt64(data.count))
                let end = min(data.count, start + 1 + Int(g.next() % 64))
                data.insert(contentsOf: data[start..<end], at: position)
            default:
                if !data.isEmpty { data[position] ^= UInt8(1 << (g.next() % 8)) }
            }
        }
        return data
    }
}
