import KumoJSON

/// The `Transform` section of a template.
enum Transforms {
    /// Whether the template declares the transform `name` (`Transform` is that name, or a list holding it).
    static func declared(_ name: String, in top: JSONObject) -> Bool {
        switch top["Transform"] {
        case .string(let declared)?: declared == name
        case .array(let names)?: names.contains(.string(name))
        default: false
        }
    }
}
