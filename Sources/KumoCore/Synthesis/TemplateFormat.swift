/// The language templates are written in: JSON (AWS CDK's layout, the default) or YAML (CloudFormation takes
/// both; YAML with the intrinsic functions' short forms, see `CloudFormationYAML`).
public enum TemplateFormat: String, Sendable, CaseIterable {
    /// `<Stack>.template.json`, in AWS CDK's layout (or compact with `--compact`).
    case json
    /// `<Stack>.template.yaml`: block-style YAML with the intrinsic functions' short forms (`!Ref`, `!Sub`, …).
    case yaml

    /// The template file's extension: `json` or `yaml`.
    public var fileExtension: String { rawValue }
}
