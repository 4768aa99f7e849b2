import KumoJSON

/// The shape of the ARNs a template's resources will have: which `Ref`s and attributes are ARNs (from the
/// resource provider schemas) and, for the types IAM policies name most, their format (from the Service
/// Authorization Reference): both generated into ``generatedARNValues`` and ``generatedFormats`` by
/// `scripts/generate-arn-shapes`.
///
/// A resolved string carries such a value as one symbol (`<Queue.Arn>`); where the template splits it
/// (`Fn::Select [4, Fn::Split [":", Fn::GetAtt [Queue, Arn]]]`), ``expanding(_:_:)`` writes it out per segment
/// first — `arn:<AWS::Partition>:sqs:<AWS::Region>:<AWS::AccountId>:<Queue.QueueName>` — so that the pieces
/// are the account, the region, the name. The partition is the stack's; an ARN of unknown format still has its
/// six fields (`arn:<AWS::Partition>:<X.Arn service>:<X.Arn region>:<X.Arn account>:<X.Arn resource>`).
enum ARNShapes {
    /// One ARN format: `arn:${Partition}:…:${Name}` and where each variable comes from.
    struct Format: Sendable {
        var text: String
        /// Variable → sources, first that gives a string wins: `ref`, `prop:Name`, `att:Name`, `path:Path+ref`.
        var sources: [String: [String]]
    }

    /// Type → its values (`Ref`, attribute names) that are ARNs.
    static let arnValues: [String: Set<String>] = {
        var table: [String: Set<String>] = [:]
        for line in generatedARNValues.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 else { continue }
            table[String(fields[0])] = Set(fields[1].split(separator: ",").map(String.init))
        }
        return table
    }()

    /// Type → value → format.
    static let formats: [String: [String: Format]] = {
        var table: [String: [String: Format]] = [:]
        for line in generatedFormats.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { continue }
            var sources: [String: [String]] = [:]
            for assignment in fields[3].split(separator: ";") {
                guard let eq = assignment.firstIndex(of: "=") else { continue }
                sources[String(assignment[..<eq])] = assignment[assignment.index(after: eq)...].split(separator: "|").map(String.init)
            }
            table[fields[0], default: [:]][fields[1]] = Format(text: fields[2], sources: sources)
        }
        return table
    }()

    /// Whether `value` (`Ref` or an attribute) of `type` is an ARN.
    static func isARN(_ type: String, _ value: String) -> Bool { arnValues[type]?.contains(value) == true }

    /// `text` with every ARN-valued symbol of a resource of the template written out per segment.
    static func expanding(_ text: String, _ resolver: Resolver) throws(ReaderError) -> String {
        guard Symbol.isSymbolic(text) else { return text }
        var out = ""
        for part in Symbol.parts(of: text) {
            switch part {
            case .text(let literal): out += literal
            case .symbol(let symbol): out += try expanded(symbol, resolver) ?? symbol.encoded
            }
        }
        return out
    }

    /// The ARN a symbol stands for, per segment; `nil` when the symbol is no ARN of a resource of the template.
    static func expanded(_ symbol: Symbol, _ resolver: Resolver) throws(ReaderError) -> String? {
        let id: String, value: String
        switch symbol {
        case .ref(let target): (id, value) = (target, "Ref")
        case .attribute(let target, let attribute): (id, value) = (target, attribute)
        default: return nil
        }
        guard let resource = resolver.template.resources[id], isARN(resource.type, value) else { return nil }
        let name = value == "Ref" ? id : id + "." + value
        let partition = resolver.pseudo("AWS::Partition")
        guard let format = formats[resource.type]?[value] else {
            let field = { (part: String) in Symbol.part(name, part).encoded }
            return "arn:\(partition):\(field("service")):\(field("region")):\(field("account")):\(field("resource"))"
        }
        var out = ""
        var rest = format.text[...]
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            let variable = String(rest[open.upperBound..<close])
            rest = rest[rest.index(after: close)...]
            switch variable {
            case "Partition": out += partition
            case "Region": out += resolver.pseudo("AWS::Region")
            case "Account": out += resolver.pseudo("AWS::AccountId")
            default: out += try self.variable(variable, format.sources[variable] ?? [], of: id, name, resolver)
            }
        }
        return out + rest
    }

    /// A variable of a format, from the first source that gives a string, else a symbol of its own.
    private static func variable(_ variable: String, _ sources: [String], of id: String, _ name: String, _ resolver: Resolver) throws(ReaderError) -> String {
        for source in sources {
            if source == "ref", let value = try resolver.ref(id, at: "Resources.\(id)")?.stringValue { return value }
            if source.hasPrefix("prop:"), let value = try resolver.property(id, String(source.dropFirst(5)))?.stringValue { return value }
            if source.hasPrefix("att:") { return Symbol.attribute(id, String(source.dropFirst(4))).encoded }
            if source.hasPrefix("path:"), source.hasSuffix("+ref"), let ref = try resolver.ref(id, at: "Resources.\(id)")?.stringValue {
                let property = String(source.dropFirst(5).dropLast(4))
                let path = try resolver.property(id, property)?.stringValue ?? "/"
                return String(path.dropFirst(path.hasPrefix("/") ? 1 : 0)) + ref
            }
        }
        return Symbol.part(name, variable).encoded
    }
}
