import Foundation
import Kumo
import KumoAnalysis
import KumoFuzzing
import KumoJSON
import Stacks
import Testing

/// `kumo synth --format yaml` read back through Kumo's template reader (libyaml, through Yams): the same JSON
/// document as the JSON template, member order included, and so the same resolved template. cfn-lint's reader
/// (PyYAML) reads the same files in scripts/test (`scripts/check-yaml-templates`).
@Suite struct YAMLReadBackTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/yaml").standardized

    /// Every template of the bundled app: the YAML reads back as the JSON document, and every resource property
    /// and output resolves to the same value.
    @Test func theBundledStacksReadBackAsTheirJSON() throws {
        let assembly = try KumoStacks.makeApp().synthesize()
        #expect(!assembly.stacks.isEmpty)
        for stack in assembly.stacks {
            let yaml = stack.template.cloudFormationYAML()
            let read = try TemplateLoader.parse(yaml, file: stack.name + ".template.yaml")
            #expect(read == stack.template, "\(stack.name): the YAML does not read back as the JSON template")
            let fromJSON = try CloudTemplate(json: stack.template, name: stack.name, file: "t.json")
            let fromYAML = try CloudTemplate(json: read, name: stack.name, file: "t.yaml")
            #expect(try Self.resolved(fromYAML) == Self.resolved(fromJSON))
            #expect(try IAMModel(fromYAML).roles.map(\.trust) == IAMModel(fromJSON).roles.map(\.trust))
        }
    }

    /// The scalars and functions a YAML writer can get wrong (`Tests/Fixtures/yaml/scalars.template.json`): the
    /// writer's output is the reviewed golden file (which cfn-lint's PyYAML reads back in scripts/test), and
    /// Kumo's reader reads it back as the JSON. `KUMO_UPDATE_GOLDEN=1` rewrites the golden file.
    @Test func trickyScalarsReadBackExactly() throws {
        let source = try String(contentsOf: Self.fixtures.appendingPathComponent("scalars.template.json"), encoding: .utf8)
        let json = try JSON(parsing: source)
        let yaml = json.cloudFormationYAML()
        let golden = Self.fixtures.appendingPathComponent("scalars.template.yaml")
        if ProcessInfo.processInfo.environment["KUMO_UPDATE_GOLDEN"] != nil {
            try yaml.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(yaml == (try String(contentsOf: golden, encoding: .utf8)), "the YAML differs from \(golden.path)")
        #expect(try TemplateLoader.parse(yaml, file: "scalars.template.yaml") == json)
    }

    /// Property: random documents of tricky strings, keys, numbers and nested functions read back exactly.
    @Test func randomDocumentsReadBackExactly() throws {
        var random = ReaderFuzzing.Generator(seed: 0x9A31)
        for round in 0..<400 {
            let document = JSON.object(["Root": Self.randomValue(&random, depth: 0)])
            let yaml = document.cloudFormationYAML()
            let read: JSON
            do {
                read = try TemplateLoader.parse(yaml, file: "random.yaml")
            } catch {
                Issue.record("round \(round): \(error)\n\(yaml)")
                return
            }
            #expect(read == document, "round \(round):\n\(yaml)")
            if read != document { return }
        }
    }

    /// Determinism: the same template, the same bytes.
    @Test func sameTemplateSameBytes() throws {
        let first = try KumoStacks.makeApp().synthesize().stacks.map { $0.template.cloudFormationYAMLBytes() }
        let second = try KumoStacks.makeApp().synthesize().stacks.map { $0.template.cloudFormationYAMLBytes() }
        #expect(first == second)
    }

    // MARK: - Support

    static func resolved(_ template: CloudTemplate) throws -> JSON {
        let resolver = Resolver(template)
        var out = JSONObject()
        for (id, resource) in template.resources {
            var properties = JSONObject()
            for (name, value) in resource.properties {
                properties[name] = try resolver.resolve(value, at: "Resources.\(id).Properties.\(name)") ?? .null
            }
            out[id] = .object(properties)
        }
        for (id, output) in template.outputs {
            if let value = output["Value"] { out["Output " + id] = try resolver.resolve(value, at: "Outputs.\(id).Value") ?? .null }
        }
        return .object(out)
    }

    static let pieces = [
        "a", "Z", "0", "1", "9", " ", "  ", ":", ": ", "#", " #", "-", "- ", "?", "'", "\"", "\\", "\n", "\n\n", "\r", "\t",
        "!", "&", "*", "|", ">", "%", "@", "`", "{", "}", "[", "]", ",", "$", "${AWS::Region}", "yes", "No", "null", "~",
        "true", "1e3", "0x", ".", "_", "/", "=", "<<", "ü", "🙂", "\u{85}", "\u{2028}", "\u{FEFF}", "\u{1}", "\u{7F}",
        "\u{9B}", "\u{A0}", "---", "...", "Ref", "Fn::Sub", "0123", "-1", ".inf",
    ]

    /// A string of random ``pieces``. Not one that starts with U+FEFF: Yams (6.x, `Parser.swift`, which decodes
    /// every scalar with Foundation's `String(bytes:encoding:)`) drops a scalar's leading byte-order mark, however it
    /// is written (`"\uFEFF…"` included), so such a string cannot read back through Kumo's reader; PyYAML keeps it.
    static func randomString(_ g: inout ReaderFuzzing.Generator) -> String {
        var text = (0..<Int(g.next() % 7)).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
        while text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return text
    }

    static let numbers: [Double] = [0, -0.0, 1, -1, 0.5, 1e21, 1e-7, 123456789012, 9_007_199_254_740_994, 1.5e300, 3.25, -2.5e-300]

    static func randomValue(_ g: inout ReaderFuzzing.Generator, depth: Int) -> JSON {
        let choice = g.next() % (depth > 3 ? 4 : 12)
        switch choice {
        case 0: return .string(randomString(&g))
        case 1:
            let n = numbers[Int(g.next() % UInt64(numbers.count))]
            return .number(g.next() % 2 == 0 ? n : Double(Int64(bitPattern: g.next()) >> Int64(g.next() % 63)))
        case 2: return [.null, .bool(true), .bool(false)][Int(g.next() % 3)]
        case 3: return .string(randomString(&g) + "\n" + randomString(&g))
        case 4, 5:
            var members = JSONObject()
            for _ in 0..<Int(g.next() % 4) { members[randomString(&g)] = randomValue(&g, depth: depth + 1) }
            return .object(members)
        case 6, 7: return .array((0..<Int(g.next() % 4)).map { _ in randomValue(&g, depth: depth + 1) })
        default:
            let names = ["Ref", "Condition", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Base64", "Fn::If", "Fn::And", "Fn::Not", "Fn::GetAZs"]
            let name = names[Int(g.next() % UInt64(names.count))]
            if name == "Fn::GetAtt", g.next() % 2 == 0 {
                return ["Fn::GetAtt": [.string(g.next() % 2 == 0 ? "Resource\(g.next() % 9)" : randomString(&g)), .string(randomString(&g))]]
            }
            return .object([name: randomValue(&g, depth: depth + 1)])
        }
    }
}
