import KumoJSON

/// A migration plan: the steps, in order, with everything a person (or a tool reading `plan.json`) needs to run
/// them with the plain AWS CLI, and the physical values the step templates were written with.
public struct MigrationPlan: Sendable {
    /// What a step is.
    public enum StepKind: String, Sendable, CaseIterable {
        /// A stack update with the step's template (create, describe, execute a change set).
        case update
        /// A resource import (`--change-set-type IMPORT` with the step's `--resources-to-import` file).
        case `import`
        /// Commands to run (AWS CLI, `kubectl`), no template.
        case command
    }

    /// A check to run before going on: what to look at, and the command that shows it.
    public struct Check: Sendable, Equatable {
        public var description: String
        public var command: String?

        public init(_ description: String, command: String? = nil) {
            self.description = description
            self.command = command
        }
    }

    /// One step.
    public struct Step: Sendable {
        /// `retain`, `orphan`, `import`, … (unique in the plan).
        public var name: String
        public var kind: StepKind
        /// One line: what the step does.
        public var summary: String
        /// Why, in a few sentences (the runbook's text).
        public var details: [String] = []
        /// The template file (update and import steps), relative to `plan.json`.
        public var template: String?
        /// The `--resources-to-import` file (import steps), relative to `plan.json`.
        public var resourcesToImport: String?
        /// The change set's name (update and import steps).
        public var changeSet: String?
        /// Other files the step uses (Kubernetes manifests), relative to `plan.json`.
        public var files: [String] = []
        /// The exact commands, in order.
        public var commands: [String] = []
        /// What to check before going on.
        public var checks: [Check] = []
        /// How to undo the step (or why it cannot be).
        public var undo: [String] = []

        public init(name: String, kind: StepKind, summary: String) {
            self.name = name
            self.kind = kind
            self.summary = summary
        }
    }

    /// The stack's name.
    public var stack: String
    public var account: String?
    public var region: String?
    /// The deployed (parent) template, relative to `plan.json`.
    public var deployedTemplate: String
    /// The deployed nested templates, by the logical ID of their `AWS::CloudFormation::Stack`.
    public var nestedTemplates: [String: String] = [:]
    /// The physical values the templates were written with.
    public var physicalValues: PhysicalValues
    public var steps: [Step] = []

    public init(stack: String, account: String?, region: String?, deployedTemplate: String, physicalValues: PhysicalValues) {
        self.stack = stack
        self.account = account
        self.region = region
        self.deployedTemplate = deployedTemplate
        self.physicalValues = physicalValues
    }

    /// The steps that deploy a template (update and import), in order.
    public var templateSteps: [Step] { steps.filter { $0.kind != .command } }
}

/// A plan with the contents of its files: what `kumo migrate` writes to `DIR/<Stack>/`, and what the verifier
/// reads back from there.
public struct PlanBundle: Sendable {
    public var plan: MigrationPlan
    /// Template and `--resources-to-import` documents, by path relative to `plan.json`.
    public var documents: [String: JSON]
    /// Other files (Kubernetes manifests), by path relative to `plan.json`.
    public var files: [String: String]

    public init(plan: MigrationPlan, documents: [String: JSON], files: [String: String] = [:]) {
        self.plan = plan
        self.documents = documents
        self.files = files
    }

    /// The deployed template.
    public var deployed: JSON { documents[plan.deployedTemplate] ?? [:] }

    /// A step's template.
    public func template(of step: MigrationPlan.Step) -> JSON? { step.template.flatMap { documents[$0] } }
}
