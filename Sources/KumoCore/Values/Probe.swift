import KumoJSON

extension Value {
    /// The JSON this value will have after deployment, with every deploy-time part (each intrinsic function) as
    /// `standIn`: what a policy document will look like to IAM, for validation at synthesis. Computed object
    /// keys become strings too (as in an `Fn::Sub` document); `nil` for `AWS::NoValue`.
    public func probe(standIn: String) -> JSON? {
        switch self {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n): return .number(n)
        case .string(let s): return .string(s)
        case .list(let items): return .array(items.compactMap { $0.probe(standIn: standIn) })
        case .map(let members):
            var out = JSONObject(minimumCapacity: members.count)
            for (key, value) in members { if let v = value.probe(standIn: standIn) { out[key] = v } }
            return .object(out)
        case .keyed(let members):
            var out = JSONObject(minimumCapacity: members.count)
            for member in members {
                if let v = member.value.probe(standIn: standIn) { out[member.key.probeText(standIn: standIn)] = v }
            }
            return .object(out)
        case .named(_, let inner), .document(let inner):
            return inner.probe(standIn: standIn)
        case .fn(.pseudo(.noValue)):
            return nil
        case .fn(.join("", _)):
            return .string(probeText(standIn: standIn))
        case .fn, .lazy:
            return .string(standIn)
        }
    }

    /// The value in string position: literals as they are, every intrinsic part as `standIn`.
    func probeText(standIn: String) -> String {
        switch self {
        case .string(let s): s
        case .named(_, let inner), .document(let inner): inner.probeText(standIn: standIn)
        case .fn(.join("", let parts)): parts.map { $0.probeText(standIn: standIn) }.joined()
        case .number(let n): JSONNumberFormat.javaScript(n)
        case .bool(let b): b ? "true" : "false"
        default: standIn
        }
    }
}
