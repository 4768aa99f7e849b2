/// What the verifier found in a plan: per step, the resources' fate (the table `kumo migrate` prints), and
/// every violation of CloudFormation's rules, each by its rule.
public struct VerificationReport: Sendable {
    /// A transition that CloudFormation would refuse, or that would replace, lose or lock out something.
    public struct Violation: Sendable, Equatable {
        public var rule: VerificationRule
        /// The step whose transition breaks the rule (`plan` for the plan as a whole).
        public var step: String
        public var message: String
    }

    /// The resources of one step's transition, by what happens to them.
    public struct Changes: Sendable, Equatable {
        public var added: [String] = []
        public var removedRetained: [String] = []
        public var removedDeleted: [String] = []
        public var imported: [String] = []
        /// Logical ID → what changes (`Properties.ClusterName (same value)`, `DeletionPolicy`).
        public var modified: [(id: String, what: String)] = []
        /// Logical ID → why (`RoleName changes`).
        public var replaced: [(id: String, why: String)] = []

        public static func == (a: Changes, b: Changes) -> Bool {
            a.added == b.added && a.removedRetained == b.removedRetained && a.removedDeleted == b.removedDeleted && a.imported == b.imported
                && a.modified.map(\.id) == b.modified.map(\.id) && a.replaced.map(\.id) == b.replaced.map(\.id)
        }
    }

    /// One step of the plan as verified.
    public struct Step: Sendable {
        public var index: Int
        public var name: String
        public var kind: MigrationPlan.StepKind
        public var template: String?
        public var templateBytes: Int?
        /// `nil` for command steps.
        public var changes: Changes?
    }

    public var stack: String
    public var steps: [Step] = []
    public var violations: [Violation] = []
    /// Things to know that break no rule (a version upgrade in converge, a check that could not be made).
    public var notes: [String] = []
    /// Placeholders left in the plan's files (`KUMO-MISSING-…`): the plan cannot run until they are filled.
    public var placeholders: [String] = []
    /// How many times each rule was applied.
    public var checks: [VerificationRule: Int] = [:]

    /// Whether the plan breaks no rule.
    public var passed: Bool { violations.isEmpty }

    /// The violations of one rule.
    public func violations(of rule: VerificationRule) -> [Violation] { violations.filter { $0.rule == rule } }
}

/// The rules every transition of a plan is checked against (``PlanVerifier``), each with what it protects and
/// where CloudFormation (or EKS, IAM, Lambda) says so.
public enum VerificationRule: String, Sendable, CaseIterable, Comparable {
    case references, typeChange, importOnly, retainStep, retainBeforeRemoval, statefulRetained, createOnly, conditionalReplacement,
         frozenPlumbing, iamUnchanged, replacedRoles, clusterAccess, liveDescription, clusterVersion, templateSize, target

    public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }

    /// One line: what the rule requires.
    public var summary: String {
        switch self {
        case .references: "every Ref, Fn::GetAtt, ${…} and DependsOn names a resource or parameter of the same template"
        case .typeChange: "no update changes a resource's Type under its logical ID"
        case .importOnly: "an import adds exactly the listed resources, each with a DeletionPolicy and its primary identifier, and changes nothing else (outputs included)"
        case .retainStep: "the first update only stores policies (plus the marker output; CDK's bootstrap check may go)"
        case .retainBeforeRemoval: "every removed resource other than CDK's plumbing had DeletionPolicy Retain in the template before"
        case .statefulRetained: "stateful resources keep DeletionPolicy and UpdateReplacePolicy Retain until converge"
        case .createOnly: "no create-only property of a stateful resource changes (values resolved as CloudFormation resolves them); nothing else is replaced before converge"
        case .conditionalReplacement: "no create-only property of a stateful resource depends on a value the same step changes (Replacement: Conditional)"
        case .frozenPlumbing: "CDK's Lambda functions and nested stacks do not change before they are deleted"
        case .iamUnchanged: "IAM access unchanged before converge (kumo diff's engine); in converge equal to the whole migration's"
        case .replacedRoles: "a role replaced before converge keeps its old role (UpdateReplacePolicy Retain), and the old role keeps its policies"
        case .clusterAccess: "administrators and nodes keep their access to the EKS cluster at every step"
        case .liveDescription: "imported resources describe what CDK created and what runs (describe-cluster)"
        case .clusterVersion: "the cluster's Kubernetes version only goes up, one minor version at a time; access entries need 1.23; the authentication mode only moves forward"
        case .templateSize: "every template fits CloudFormation's 1 MB limit for templates in S3"
        case .target: "the last update step's template is Kumo's template for the stack"
        }
    }
}
