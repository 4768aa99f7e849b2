/// One result of `kumo check`: a rule that fired on a resource (or a Kubernetes object), with the message and
/// the fix for this case.
public struct Finding: Hashable, Sendable {
    /// Where a finding is.
    public struct Location: Hashable, Sendable {
        /// The file (template or manifest) as given on the command line.
        public var file: String?
        /// The 1-based line in `file`, when found.
        public var line: Int?
        /// The stack (template) name.
        public var stack: String?
        /// The resource's logical ID.
        public var logicalID: String?
        /// The construct path without the stack (`RoleGithub/Resource`), when the template records it.
        public var constructPath: String?
        /// A Kubernetes object (`ServiceAccount main/account-for-db-migrator`), for manifest findings.
        public var object: String?

        public init(
            file: String? = nil, line: Int? = nil, stack: String? = nil, logicalID: String? = nil,
            constructPath: String? = nil, object: String? = nil
        ) {
            self.file = file
            self.line = line
            self.stack = stack
            self.logicalID = logicalID
            self.constructPath = constructPath
            self.object = object
        }

        /// A construct path without the L1 suffixes `Resource` / `Default` (`RoleGithub/Resource` → `RoleGithub`).
        static func readablePath(_ path: String) -> String {
            var components = path.split(separator: "/").map(String.init)
            while components.count > 1, ["Resource", "Default"].contains(components.last!) { components.removeLast() }
            return components.joined(separator: "/")
        }

        /// `MyEKSStack/RoleGithub (RoleGithubFF1A0E31)`, or the Kubernetes object with its file.
        public var label: String {
            if let object { return object + (file.map { " (\($0)\(line.map { ":\($0)" } ?? ""))" } ?? "") }
            var text = stack ?? ""
            if let path = constructPath.map(Self.readablePath), !path.isEmpty {
                text += (text.isEmpty ? "" : "/") + path
                if let logicalID { text += " (\(logicalID))" }
            } else if let logicalID {
                text += (text.isEmpty ? "" : "/") + logicalID
            }
            return text
        }
    }

    /// A suppression that silenced the finding.
    public struct Suppression: Hashable, Sendable {
        public var reason: String
        public init(reason: String) { self.reason = reason }
    }

    public var rule: CheckRule
    public var severity: CheckRule.Severity
    public var location: Location
    public var message: String
    public var fix: String
    /// Set when a suppression with a reason covers the finding: it is reported, but does not count.
    public var suppression: Suppression?

    public init(_ rule: CheckRule, at location: Location, _ message: String, fix: String? = nil, severity: CheckRule.Severity? = nil) {
        self.rule = rule
        self.severity = severity ?? rule.severity
        self.location = location
        self.message = message
        self.fix = fix ?? rule.fix
        self.suppression = nil
    }

    public var isSuppressed: Bool { suppression != nil }
}
