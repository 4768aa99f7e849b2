/// CloudFormation templates as YAML: the document's text with the intrinsic functions in their short forms
/// (`!Ref`, `!GetAtt`, `!Sub`, …), deterministic (same document, same bytes), and every scalar written so that
/// any YAML 1.1 or 1.2 reader (CloudFormation's, cfn-lint's PyYAML, libyaml) reads back exactly the JSON value
/// it came from.
///
/// ```swift
/// let text = template.cloudFormationYAML()
/// // Resources:
/// //   Repository:
/// //     Type: AWS::ECR::Repository
/// //     Properties:
/// //       RepositoryName: !Sub '${AWS::StackName}-images'
/// ```
///
/// The short form is used wherever CloudFormation documents it, and the full name (`Fn::Base64: !Sub …`) where
/// it is not allowed: a YAML node has one tag, so a function whose argument is itself a short-form function is
/// written with its full name; `Fn::GetAtt` is written `!GetAtt Resource.Attribute` only when both are literal
/// strings; `!Condition` only as an operand of `Fn::And`, `Fn::Or` and `Fn::Not`.
public enum CloudFormationYAML {
    /// Intrinsic functions with a YAML short form: the JSON key (`Ref`, `Fn::Sub`, …) → the tag name (`Ref`,
    /// `Sub`, …).
    ///
    /// Source: AWS CloudFormation Template Reference, "Intrinsic function reference" — each function's page
    /// gives "Syntax for the short form" (`!Base64 valueToEncode`, `!GetAtt logicalNameOfResource.attributeName`,
    /// …), and `Fn::Length`/`Fn::ToJsonString` (AWS::LanguageExtensions) likewise.
    public static let shortForms: [String: String] = [
        "Ref": "Ref", "Condition": "Condition", "Fn::GetAtt": "GetAtt", "Fn::Sub": "Sub", "Fn::Join": "Join",
        "Fn::Select": "Select", "Fn::Split": "Split", "Fn::If": "If", "Fn::Equals": "Equals", "Fn::And": "And",
        "Fn::Or": "Or", "Fn::Not": "Not", "Fn::Base64": "Base64", "Fn::Cidr": "Cidr", "Fn::FindInMap": "FindInMap",
        "Fn::GetAZs": "GetAZs", "Fn::ImportValue": "ImportValue", "Fn::Transform": "Transform",
        "Fn::Length": "Length", "Fn::ToJsonString": "ToJsonString",
    ]

    /// The condition functions whose operands may be `!Condition name` (AWS CloudFormation Template Reference,
    /// "Condition functions": `Fn::And`, `Fn::Or` and `Fn::Not` take conditions or condition functions).
    static let conditionOperators: Set<String> = ["Fn::And", "Fn::Or", "Fn::Not"]

    /// The value as a short-form function: its tag and the argument to write under it; `nil` when the value is
    /// not a function, has no short form, or the short form would not read back as the same JSON (a number,
    /// boolean or null argument: readers take a tagged scalar for a string).
    ///
    /// `Fn::GetAtt`'s short form is one scalar, `Resource.Attribute`, which readers split at the first dot
    /// ("Syntax for the short form: `!GetAtt logicalNameOfResource.attributeName`"; logical IDs are alphanumeric,
    /// attribute names may contain dots, e.g. `SourceSecurityGroup.OwnerAlias`). It is used only for two literal
    /// strings, the first a logical ID; any other argument (an attribute name given by `Ref`) keeps the full name.
    static func shortForm(_ value: JSON, asConditionOperand: Bool) -> (tag: String, argument: JSON)? {
        guard case .object(let members) = value, members.count == 1, let tag = shortForms[members.keys[0]] else { return nil }
        let name = members.keys[0], argument = members.values[0]
        switch argument {
        case .null, .bool, .number:
            // A tagged scalar is a string to every reader (`!Ref 5` reads as "5"): keep the full name.
            return nil
        default: break
        }
        switch name {
        case "Condition":
            guard asConditionOperand, case .string = argument else { return nil }
            return (tag, argument)
        case "Fn::GetAtt":
            guard case .array(let parts) = argument, parts.count == 2, case .string(let resource) = parts[0],
                  case .string(let attribute) = parts[1], !resource.isEmpty, !attribute.isEmpty,
                  resource.utf8.allSatisfy({ $0.isASCIIAlphanumeric })
            else { return nil }
            return (tag, .string(resource + "." + attribute))
        default:
            return (tag, argument)
        }
    }
}

extension JSON {
    /// The document as a CloudFormation YAML template (see ``CloudFormationYAML``), ending with a newline.
    public func cloudFormationYAML() -> String {
        String(decoding: cloudFormationYAMLBytes(), as: UTF8.self)
    }

    /// The UTF-8 bytes of ``cloudFormationYAML()``.
    public func cloudFormationYAMLBytes() -> [UInt8] {
        var emitter = YAMLEmitter()
        emitter.document(self)
        return emitter.out
    }
}

extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self)
    }
}
