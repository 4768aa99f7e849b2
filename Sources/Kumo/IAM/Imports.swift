/// An IAM user: what access entries and policies need to know of one.
public protocol UserReference {
    /// The user's ARN.
    var userARN: ARN { get }
}

/// A role that exists outside the stack, known by name (AWS CDK's `Role.fromRoleName`); nothing is created.
public struct ImportedRole: RoleReference, Hashable {
    /// The role's name.
    public let name: String
    public let roleARN: ARN
}

/// An IAM user that exists outside the stack, known by name (AWS CDK's `User.fromUserName`).
public struct ImportedUser: UserReference, Hashable {
    /// The user's name.
    public let name: String
    public let userARN: ARN
}

extension Role {
    /// An existing role of the stack's account, by name (and path): its ARN is
    /// `arn:<partition>:iam::<account>:role/<path><name>`, built from the stack's account and partition.
    public static func fromName(_ scope: Construct, _ name: String, path: String = "/") -> ImportedRole {
        ImportedRole(name: name, roleARN: ARN(iamARN(scope, "role", path: path, name: name)))
    }
}

/// IAM users. Kumo does not create users; it refers to existing ones (``fromName(_:_:path:)``).
public enum User {
    /// An existing user of the stack's account, by name: `arn:<partition>:iam::<account>:user/<path><name>`.
    public static func fromName(_ scope: Construct, _ name: String, path: String = "/") -> ImportedUser {
        ImportedUser(name: name, userARN: ARN(iamARN(scope, "user", path: path, name: name)))
    }
}

private func iamARN(_ scope: Construct, _ kind: String, path: String, name: String) -> Value {
    guard let stack = scope.node.stack else {
        preconditionFailure("\(scope): imports need a scope inside a Stack (for its account and partition)")
    }
    return "arn:\(stack.partition):iam::\(stack.account):\(kind)\(path)\(name)"
}
