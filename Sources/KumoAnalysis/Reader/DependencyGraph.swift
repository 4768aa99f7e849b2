import KumoJSON

/// The references between a template's resources (`Ref`, `Fn::GetAtt`, `${…}` in `Fn::Sub`, `DependsOn`),
/// to reject cyclic templates, which CloudFormation refuses.
package struct DependencyGraph {
    private var edges: [String: [String]] = [:]
    private let order: [String]

    package init(_ template: CloudTemplate) {
        order = Array(template.resources.keys)
        let ids = Set(order)
        for (id, resource) in template.resources {
            var targets = resource.dependsOn
            DependencyGraph.collect(.object(resource.properties), into: &targets)
            edges[id] = targets.filter { ids.contains($0) }
        }
    }

    /// A cycle (`A → B → A`) if there is one.
    package func cycle() -> [String]? {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var path: [String] = []
        func visit(_ node: String) -> [String]? {
            marks[node] = .visiting
            path.append(node)
            for next in edges[node] ?? [] {
                switch marks[next] {
                case .visiting?:
                    let start = path.firstIndex(of: next)!
                    return Array(path[start...]) + [next]
                case nil:
                    if let found = visit(next) { return found }
                case .done?:
                    break
                }
            }
            path.removeLast()
            marks[node] = .done
            return nil
        }
        for node in order where marks[node] == nil {
            if let found = visit(node) { return found }
        }
        return nil
    }

    private static func collect(_ value: JSON, into targets: inout [String]) {
        switch value {
        case .object(let members):
            if let (key, argument) = value.singleMember {
                switch key {
                case "Ref":
                    if let id = argument.stringValue { targets.append(id) }
                    return
                case "Fn::GetAtt":
                    if let id = argument.arrayValue?.first?.stringValue { targets.append(id) }
                    if let dotted = argument.stringValue { targets.append(String(dotted.prefix { $0 != "." })) }
                    return
                case "Fn::Sub":
                    let template = argument.stringValue ?? argument.arrayValue?.first?.stringValue ?? ""
                    let variables = argument.arrayValue.flatMap { $0.count > 1 ? $0[1].objectValue : nil } ?? [:]
                    for name in subReferences(template) where variables[name] == nil {
                        targets.append(String(name.prefix { $0 != "." }))
                    }
                    for (_, variable) in variables { collect(variable, into: &targets) }
                    return
                default:
                    break
                }
            }
            for (_, member) in members { collect(member, into: &targets) }
        case .array(let items):
            for item in items { collect(item, into: &targets) }
        default:
            break
        }
    }

    /// The names in `${…}` placeholders of an `Fn::Sub` string (not `${!…}` literals).
    static func subReferences(_ template: String) -> [String] {
        var names: [String] = []
        let bytes = Array(template.utf8)
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "$"), bytes[i + 1] == UInt8(ascii: "{") else {
                i += 1
                continue
            }
            let after = i + 2
            guard after < bytes.count, bytes[after] != UInt8(ascii: "!"),
                  let close = bytes[after...].firstIndex(of: UInt8(ascii: "}")) else {
                i = after
                continue
            }
            names.append(String(decoding: bytes[after..<close], as: UTF8.self))
            i = close + 1
        }
        return names
    }
}
