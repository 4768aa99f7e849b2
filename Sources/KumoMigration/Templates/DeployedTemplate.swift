import KumoAnalysis
import KumoJSON

/// A template as it stands in a deployed stack, for `kumo resolve`: every `Ref` and `Fn::GetAtt` of a resource whose
/// physical value is known (``PhysicalValues``, from describe-stack-resources and describe-cluster) and every `Ref`
/// of a parameter replaced by its value, in the resources' properties and conditions, the outputs and the
/// template's conditions — so that the ``Resolver`` computes what CloudFormation passed to AWS.
public enum DeployedTemplate {
    /// `template` with the physical values and parameter values in place of the references to them, in the
    /// environment the physical IDs name (when they name one).
    public static func bind(_ template: CloudTemplate, values: PhysicalValues?, parameters: [String: JSON]) throws(ReaderError) -> CloudTemplate {
        let bound = Binding.substituted(template.json, conditions: true) { id, attribute in
            if attribute == nil, let value = parameters[id] { return value }
            guard let resource = values?.resources[id] else { return nil }
            if let attribute { return resource.attributes[attribute].map(JSON.string) }
            return resource.ref.map(JSON.string)
        }
        let environment = CloudTemplate.Environment(account: values?.account ?? template.environment.account,
                                                    region: values?.region ?? template.environment.region)
        return try CloudTemplate(json: bound, name: template.name, file: template.file, environment: environment)
    }

    /// Each parameter's value as CloudFormation passes it to `Ref`: the `given` value, else the default, as a
    /// string (a `Number` too), a list of strings for `List<…>` and `CommaDelimitedList` types. A parameter of an
    /// SSM type (`AWS::SSM::Parameter::Value<…>`) without a given value has none here: its default names the SSM
    /// parameter, whose value only the deployment knows.
    ///
    /// A given value for no parameter of the template, or outside the parameter's `AllowedValues`, is an error.
    public static func parameterValues(_ template: CloudTemplate, given: [String: String]) throws(MigrationError) -> [String: JSON] {
        for name in given.keys.sorted() where template.parameters[name] == nil {
            let known = template.parameters.keys.sorted()
            throw MigrationError("\(template.name) has no parameter \(name) (its parameters: \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
        }
        var values: [String: JSON] = [:]
        for (name, definition) in template.parameters {
            let type = definition["Type"]?.stringValue ?? "String"
            let text: String
            if let value = given[name] {
                text = value
            } else if !type.hasPrefix("AWS::SSM::Parameter::"), let fallback = definition["Default"] {
                text = fallback.stringValue ?? fallback.serialized()
            } else {
                continue
            }
            let isList = type.hasPrefix("List<") || type == "CommaDelimitedList"
            let items = isList ? text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingPrefix(" ") }.map(String.init) : [text]
            if case .array(let allowed)? = definition["AllowedValues"], let bad = items.first(where: { !allowed.contains(.string($0)) }) {
                throw MigrationError("parameter \(name): \"\(bad)\" is not one of its AllowedValues (\(allowed.compactMap(\.stringValue).joined(separator: ", ")))")
            }
            values[name] = isList ? .array(items.map(JSON.string)) : .string(text)
        }
        return values
    }
}
