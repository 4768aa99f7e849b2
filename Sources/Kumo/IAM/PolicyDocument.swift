import KumoJSON

/// An IAM policy document: a list of statements.
///
/// ```swift
/// let document = PolicyDocument {
///     Statement.allow(["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], on: "*")
/// }
/// ```
/// It is written as AWS CDK writes it (with `@aws-cdk/aws-iam:minimizePolicies`): `Version` 2012-10-17,
/// identical statements once, actions and resources de-duplicated and sorted, a single action or resource as a
/// plain string, condition operators and keys in the order given.
public struct PolicyDocument: Hashable {
    /// The statements, in order.
    public var statements: [Statement]

    /// A document of `statements`.
    public init(statements: [Statement]) { self.statements = statements }

    /// A document of the statements the builder gives.
    public init(@StatementBuilder _ statements: () -> [Statement]) { self.statements = statements() }

    /// Adds statements.
    public mutating func add(_ statement: Statement...) { statements += statement }

    /// Problems that do not need the template to be known: empty document, malformed actions and ARNs,
    /// conflicting or duplicate conditions. Each problem comes with its fix.
    public func problems(kind: PolicyKind) -> [(message: String, fix: String)] {
        var found: [(String, String)] = []
        if statements.isEmpty {
            found.append(("the policy has no statements", "add at least one Statement, or remove the policy"))
        }
        for (index, statement) in statements.enumerated() {
            let at = "statement \(index + 1)"
            if statement.actions.isEmpty && statement.notActions.isEmpty {
                found.append(("\(at) has no actions", "list the actions it allows or denies, e.g. \"s3:GetObject\""))
            }
            if !statement.actions.isEmpty && !statement.notActions.isEmpty {
                found.append(("\(at) has both actions and not-actions", "keep only one of the two"))
            }
            for action in statement.actions + statement.notActions where !IAMNames.isValidAction(action) {
                found.append(
                    ("\(at): action \"\(action)\" is not of the form service:Action",
                     "write actions as service prefix, colon, action name (wildcards * and ? allowed), e.g. \"ecr:BatchGetImage\""))
            }
            for arn in statement.resources + statement.notResources {
                if let problem = arn.problem { found.append(("\(at): \(problem)", "pass an ARN, a construct's arn, or \"*\"")) }
            }
            switch kind {
            case .trust:
                if statement.principals.isEmpty {
                    found.append(("\(at) of a trust policy has no principal", "say who may assume the role with a Trust"))
                }
            case .resource:
                if statement.principals.isEmpty {
                    found.append(("\(at) of a resource policy has no principal", "say whom the statement is about, e.g. principals: [.service(\"s3.amazonaws.com\")]"))
                }
            case .identity:
                if !statement.principals.isEmpty {
                    found.append(("\(at) of an identity policy names a principal", "principals belong in trust and resource policies; remove it"))
                }
                if statement.resources.isEmpty && statement.notResources.isEmpty {
                    found.append(("\(at) has no resources", "name the resources, or \"*\" for all"))
                }
            }
            var seen: Set<ConditionSlot> = []
            for condition in statement.conditions {
                if condition.values.isEmpty {
                    found.append(("\(at): condition \(condition.operator.name) on \(describe(condition.key)) has no values", "give at least one value"))
                }
                if !seen.insert(ConditionSlot(operator: condition.operator, key: condition.key)).inserted {
                    found.append(
                        ("\(at): condition key \(describe(condition.key)) appears twice under \(condition.operator.name) "
                            + "(a duplicate JSON key, which IAM would resolve by silently dropping one)",
                         "give that key one Condition with all accepted values"))
                }
            }
        }
        return found
    }

    private func describe(_ key: Value) -> String { key.literalString.map { "\"\($0)\"" } ?? "<computed key>" }
}

private struct ConditionSlot: Hashable {
    var `operator`: ConditionOperator
    var key: Value
}

/// Name rules of IAM.
public enum IAMNames {
    /// `service:Action`, wildcards allowed, or `*`.
    public static func isValidAction(_ action: String) -> Bool {
        if action == "*" { return true }
        let parts = action.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let service = parts[0].unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "-" }
        let name = parts[1].unicodeScalars.allSatisfy { isAlphanumeric($0) || $0 == "*" || $0 == "?" }
        return service && name
    }

    /// IAM's name alphabet `[\w+=,.@-]` (letters, digits, `_ + = , . @ -`), `1...maxLength` long.
    public static func isValidName(_ name: String, maxLength: Int) -> Bool {
        !name.isEmpty && name.count <= maxLength
            && name.unicodeScalars.allSatisfy { isAlphanumeric($0) || "_+=,.@-".unicodeScalars.contains($0) }
    }

    /// IAM paths: `/` or `/segment/…/`, at most 512 characters.
    public static func isValidPath(_ path: String) -> Bool {
        path.count <= 512 && path.hasPrefix("/") && path.hasSuffix("/")
            && path.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7E }
    }

    static func isAlphanumeric(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
    }
}
