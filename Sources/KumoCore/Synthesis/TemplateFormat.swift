/// The language templates are written in: JSON (AWS CDK's layout, the default) or YAML (CloudFormation takes
/// both; YAML with the intrinsic functions' short forms, see `CloudFormationYAML`).
public enum TemplateFormat: String, Sendable, CaseIterable {
    case json
    case yaml

    /// The template file's extension: `json` or `yaml`.
    public var fileExtension: String { rawValue }
}
