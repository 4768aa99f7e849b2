import KumoJSON

/// Policy values that begin with a deploy-time symbol (`<Queue.Arn>`, `<Bucket.Arn>/*`, `<Role.Arn>` as an
/// AWS principal) are ARNs CloudFormation fills in; KumoPolicy's grammar, seeing the symbol text, would
/// reject them as "not an ARN". Before parsing they get an ARN-shaped marker prefix (``prepare(_:)``), which
/// ``restore(_:)`` removes from every normalized value, so comparison and display see the symbols again.
enum SymbolicValues {
    /// `arn:` and five colons: what the grammar asks of an ARN.
    static let marker = "arn:kumo-symbol:::::"
    private static let markedStart = marker + String(Character(Unicode.Scalar(0xE000)!))

    /// The document with every string value (not object key) that starts with a symbol marked.
    static func prepare(_ json: JSON) -> JSON {
        switch json {
        case .string(let s) where s.unicodeScalars.first == Unicode.Scalar(0xE000)!: .string(marker + s)
        case .array(let items): .array(items.map(prepare))
        case .object(let members): .object(members.mapValues(prepare))
        default: json
        }
    }

    /// A value without the marker.
    static func restore(_ value: String) -> String {
        value.hasPrefix(markedStart) ? String(value.dropFirst(marker.count)) : value
    }
}
