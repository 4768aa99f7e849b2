import KumoAnalysis
import KumoJSON

/// Writes the migration plan of one stack: see ``KumoMigration`` for the steps and why each is so.
public enum MigrationPlanner {
    /// The plan (not yet verified: ``PlanVerifier`` does that).
    public static func plan(_ inputs: MigrationInputs) throws(MigrationError) -> PlanBundle {
        let deployed = inputs.deployed.template
        let target = inputs.target
        var given = try PhysicalValuesBuilder.build(inputs.deployed, files: inputs.physicalIDFiles)
        if given.account == nil { given.account = target.environment.account }
        if given.region == nil { given.region = target.environment.region }
        let classes = try Classification(deployed: deployed, target: target, values: given)
        if classes.typeChanged.isEmpty && classes.removedAtOrphan.isEmpty
            && deployed.json.semanticallyEquals(target.json) {
            throw MigrationError("nothing to migrate: --from is already Kumo's template for \(deployed.name)",
                                 fix: "give --from what is deployed (the CDK assembly, or aws cloudformation get-template output) and --to Kumo's assembly")
        }
        var builder = Builder(inputs: inputs, values: given, classes: classes)
        try builder.build()
        return builder.bundle()
    }

    /// The state of one plan being built.
    struct Builder {
        let inputs: MigrationInputs
        let classes: Classification
        let book: ValueBook
        let commands: CommandWriter
        let environment: CloudTemplate.Environment
        var steps: [MigrationPlan.Step] = []
        var documents: [String: JSON] = [:]
        var files: [String: String] = [:]
        var nestedFiles: [String: String] = [:]
        /// The template of the last update or import step.
        var current: JSON
        let deployedFile: String

        init(inputs: MigrationInputs, values: PhysicalValues, classes: Classification) {
            self.inputs = inputs
            self.classes = classes
            book = ValueBook(values, deployed: inputs.deployed.template)
            commands = CommandWriter(stack: inputs.deployed.template.name, region: values.region)
            environment = CloudTemplate.Environment(account: values.account, region: values.region)
            current = inputs.deployed.template.json
            deployedFile = "00-deployed/\(inputs.deployed.template.name).template.json"
        }

        var stack: String { inputs.deployed.template.name }
        var deployed: CloudTemplate { inputs.deployed.template }
        var target: CloudTemplate { inputs.target }

        func bundle() -> PlanBundle {
            var plan = MigrationPlan(stack: stack, account: book.result.account, region: book.result.region, deployedTemplate: deployedFile,
                                     physicalValues: book.result)
            plan.nestedTemplates = nestedFiles
            plan.steps = steps
            return PlanBundle(plan: plan, documents: documents, files: files)
        }

        mutating func build() throws(MigrationError) {
            documents[deployedFile] = deployed.json
            for (id, nested) in inputs.deployed.nested {
                let path = "00-deployed/" + nested.file
                documents[path] = nested.json
                nestedFiles[id] = path
            }
            steps.append(prepareStep())
            addRetain()
            addOrphan()
            try addImport()
            if !classes.replacedRoles.isEmpty {
                addReplaceRoles()
                let point = pointServiceAccountsStep()
                for path in point.files {
                    let name = String(path.split(separator: "/").last ?? "")
                    files[path] = inputs.manifests.first { $0.file == name }?.text
                }
                steps.append(point)
            }
            addAuthenticationMode()
            addConverge()
            if !classes.replacedRoles.isEmpty { steps.append(deleteReplacedRolesStep()) }
            steps.append(finishStep())
        }

        var nextIndex: Int { steps.count }

        func fileName(_ index: Int, _ name: String, _ suffix: String = ".template.json") -> String {
            String(format: "%02d", index) + "-" + name + suffix
        }

        /// Adds an update or import step with `template`.
        mutating func addTemplateStep(_ name: String, kind: MigrationPlan.StepKind, summary: String, template: JSON, resourcesToImport: JSON? = nil,
                                      details: [String], checks: [MigrationPlan.Check], undo: [String]) {
            let index = nextIndex
            let file = fileName(index, name)
            // Kumo's own template carries its own suppressions; the others inherit findings from the deployed stack.
            let template = name == "converge" ? template : LintSuppressions.applied(to: template, target: target.json)
            var step = MigrationPlan.Step(name: name, kind: kind, summary: summary)
            step.template = file
            step.changeSet = commands.changeSetName(index, name)
            documents[file] = template
            var importFile: String?
            if let resourcesToImport {
                let path = fileName(index, name, ".resources-to-import.json")
                documents[path] = resourcesToImport
                step.resourcesToImport = path
                importFile = path
            }
            let size = TemplateEditing.text(template).utf8.count
            step.details = details
            step.commands = commands.changeSet(index: index, name: name, file: file, size: size, resourcesToImport: importFile)
            step.checks = [MigrationPlan.Check("The change set has only the changes of the table below; it replaces nothing"
                                               + (name == "replace-roles" ? " but the roles listed" : "") + " (this prints nothing)",
                                               command: commands.replacements(step.changeSet!))] + checks
                + [MigrationPlan.Check("CloudFormation stored this step's template (kumo diff prints \"No changes.\" and exits 0)",
                                       command: commands.storedTemplate(matches: file))]
                + clusterAccessChecks
            step.undo = undo
            steps.append(step)
            current = template
        }

        // MARK: - retain

        mutating func addRetain() {
            let stateful = classes.kept.filter { MigrationFacts.isStateful(deployed.resources[$0]!.type) }
            let retained = Set(classes.typeChanged + classes.retainedRemovals + stateful + classes.replacedRoles.keys)
            let template = StepTemplates.retain(deployed.json, retained: retained)
            addTemplateStep(
                "retain", kind: .update, summary: "Retain policies on \(retained.count) resources, before anything leaves the stack",
                template: template,
                details: [
                    "`DeletionPolicy` and `UpdateReplacePolicy` `Retain` on every resource that leaves the stack or changes type "
                        + "(\(classes.typeChanged.count + classes.retainedRemovals.count): CDK's custom resources, whose removal would otherwise run CDK's provider "
                        + "Lambda — DeleteCluster, kubectl delete of aws-auth, helm uninstall), on the \(stateful.count) stateful resources (while the plan runs), "
                        + "and on the \(classes.replacedRoles.count) role(s) Kumo's template replaces.",
                    "Nothing else changes: CDK's nested provider stacks and Lambda functions stay as they are (AWS blocks updates of functions on their "
                        + "deprecated runtimes; CloudFormation updates the resources of modified nested stacks only). A change of policies alone can come out "
                        + "as an empty change set, so the step adds the output `\(KumoMigration.markerOutput)`; it drops CDK's `BootstrapVersion` parameter "
                        + "and its rule, which nothing else uses, so that no step depends on CDK's bootstrap stack.",
                ],
                checks: [MigrationPlan.Check("The stored template carries the Retain policies (covered by the kumo diff check below: DeletionPolicy changes are compared)")],
                undo: ["Deploy `\(deployedFile)` the same way (the policies go back to CDK's); nothing else changed."])
        }

        // MARK: - orphan

        mutating func addOrphan() {
            let removed = classes.removedAtOrphan
            let index = nextIndex
            let file = fileName(index, "orphan")
            let retainTemplate = current
            var cfnJsonValues: [String: JSON] = [:]
            let book = self.book, name = deployed.name, environment = self.environment
            // CfnJson values: their references first (so that missing ones are recorded), then the value itself.
            for id in removed where deployed.resources[id]?.type == "Custom::AWSCDKCfnJson" {
                for reference in References.all(in: deployed.resources[id]!.properties["Value"] ?? "") where removed.contains(reference.target) {
                    _ = book.literal(reference.target, reference.attribute, neededBy: file)
                }
                if let template = try? CloudTemplate(json: Binding.bind(retainTemplate, book.values.resources), name: name, file: file, environment: environment),
                   let value = try? Resolver(template).attribute(of: id, "Value", at: "Resources.\(id)") {
                    cfnJsonValues[id] = value
                }
            }
            let template = StepTemplates.orphan(retainTemplate, removed: removed) { id, attribute in
                if attribute == "Value", let value = cfnJsonValues[id] { return value }
                return .string(book.literal(id, attribute, neededBy: file))
            }
            let leftInAWS = classes.retainedRemovals.filter { deployed.resources[$0].map { !MigrationFacts.runsProviderOnDelete($0.type) } ?? false }
            addTemplateStep(
                "orphan", kind: .update,
                summary: "\(classes.typeChanged.count + classes.retainedRemovals.count) custom resources leave the stack (retained), \(classes.deletedRemovals.count) CDK plumbing resources are deleted",
                template: template,
                details: [
                    "The retained resources leave the stack; CloudFormation skips their deletion (DELETE_SKIPPED) and sends CDK's providers nothing, so the "
                        + "cluster, the OIDC providers, the aws-auth ConfigMap, the ServiceAccount and the Helm release stay as they are.",
                    "CDK's plumbing is deleted: its Lambda functions, their roles, the nested provider stacks, the kubectl barrier, the cluster creation role "
                        + "and CDK's metadata. Deleting a function on a deprecated runtime is allowed; updating it is not.",
                    "Every reference to a removed resource becomes the literal value it resolves to (the physical values in plan.json): the node group's "
                        + "ClusterName, the cluster security group in the security-group rules, the IRSA trust conditions that CDK's CfnJson computed, the "
                        + "outputs. CloudFormation compares resolved values, so these resources are not updated, and no role grants anything else.",
                ] + (leftInAWS.isEmpty ? [] : ["Left in your account, no longer managed by the stack: \(leftInAWS.joined(separator: ", ")) (not in Kumo's template)."]),
                checks: [MigrationPlan.Check("The retained resources still exist (the EKS cluster, the OIDC providers)",
                                             command: clusterName.map { "aws eks describe-cluster --name \($0) --query cluster.status" })],
                undo: ["None through CloudFormation: CDK's custom resources cannot be imported back. Nothing was lost (Retain): continue with the next "
                       + "step; until then the stack is consistent, and every resource in AWS is as before."])
        }

        // MARK: - import

        mutating func addImport() throws(MigrationError) {
            let index = nextIndex
            let file = fileName(index, "import")
            let present = Set(TemplateEditing.resources(current).keys)
            let importedIDs = Set(classes.typeChanged)
            var imported = JSONObject()
            var identifiers: [JSON] = []
            for id in classes.typeChanged {
                guard var entry = target.json["Resources"]?[id]?.objectValue, let type = entry["Type"]?.stringValue else { continue }
                var properties = entry["Properties"]?.objectValue ?? [:]
                for reference in References.all(in: .object(properties)) where !present.contains(reference.target) && !importedIDs.contains(reference.target)
                    && target.parameters[reference.target] == nil {
                    throw MigrationError("cannot import \(id): Kumo's template gives it a property that refers to \(reference.target), which the stack does not have yet",
                                         fix: "refer to a resource the deployed stack has, or create \(reference.target) after the migration")
                }
                // References between imported resources stay literal until converge (no Dynamic value then).
                properties = References.substitute(.object(properties)) { target, attribute in
                    importedIDs.contains(target) && target != id ? .string(book.literal(target, attribute, neededBy: file)) : nil
                }.objectValue ?? [:]
                properties = describeLive(id, type: type, properties, neededBy: file)
                entry["Properties"] = .object(properties)
                let dependencies = TemplateEditing.dependencies(.object(entry)).filter { present.contains($0) || importedIDs.contains($0) }
                entry.removeValue(forKey: "DependsOn")
                var ordered = JSONObject()
                for (key, value) in entry {
                    ordered[key] = value
                    if key == "Properties", !dependencies.isEmpty { ordered["DependsOn"] = .array(dependencies.map(JSON.string)) }
                }
                imported[id] = .object(ordered)
                var identifier = JSONObject()
                for property in PrimaryIdentifiers.properties(for: type) ?? [] {
                    if let literal = properties[property]?.stringValue {
                        identifier[property] = .string(literal)
                    } else {
                        identifier[property] = .string(book.literal(id, nil, neededBy: fileName(index, "import", ".resources-to-import.json")))
                    }
                }
                identifiers.append(["ResourceType": .string(type), "LogicalResourceId": .string(id), "ResourceIdentifier": .object(identifier)])
            }
            let template = StepTemplates.importing(current, imported: imported, order: Array(deployed.resources.keys))
            let names = classes.typeChanged.map { "`\($0)` (\(target.resources[$0]!.type))" }.joined(separator: ", ")
            addTemplateStep(
                "import", kind: .import, summary: "Import the native resources under the same logical IDs: \(classes.typeChanged.count)",
                template: template, resourcesToImport: .array(identifiers),
                details: [
                    "Imports \(names), each with DeletionPolicy Retain; nothing else changes and the outputs stay as they are (an import "
                        + "may not create, delete or modify anything else, nor change outputs).",
                    "Create-only properties are Kumo's and describe the live resources (CloudFormation does not compare them at import; a difference "
                        + "would replace the resource at the next update). Updatable properties describe the live resources too: the cluster keeps "
                        + "its authentication mode here, so that the later switch is a real update.",
                ],
                checks: classes.typeChanged.map { id in
                    MigrationPlan.Check("\(id) is IMPORT_COMPLETE and has not drifted",
                                        command: "aws cloudformation detect-stack-resource-drift --stack-name \(stack) --logical-resource-id \(id) --query StackResourceDrift.StackResourceDriftStatus")
                },
                undo: ["Deploy `\(fileName(index - 1, "orphan"))` as an update: the imported resources leave the stack again, kept by their Retain "
                       + "policy (AWS CloudFormation User Guide, *Reverting an import operation*)."])
        }

        /// An imported resource's updatable properties set to what runs (what CDK created, or what
        /// `describe-cluster` says), so that *converge* changes them through a real update.
        func describeLive(_ id: String, type: String, _ properties: JSONObject, neededBy: String) -> JSONObject {
            guard let old = deployed.resources[id] else { return properties }
            var out = JSON.object(properties)
            let createOnly = Set(CreateOnlyProperties.paths(for: type))
            for mapping in MigrationFacts.nativeMappings[old.type] ?? [] where !createOnly.contains(mapping.native) {
                guard mapping.native != ["Version"], mapping.native != ["AccessConfig", "AuthenticationMode"],
                      let value = MigrationFacts.value(at: mapping.cdk, in: .object(old.properties)), References.all(in: value).isEmpty,
                      !isIntrinsic(value) else { continue }
                out = MigrationFacts.setting(value, at: mapping.native[...], in: out)
            }
            if type == "AWS::EKS::Cluster" {
                let live = book.values.liveClusters[id]
                if let version = live?.version {
                    out = MigrationFacts.setting(.string(version), at: ["Version"], in: out)
                } else if let version = out["Version"]?.stringValue {
                    book.assume("the version the cluster runs (the import step says \(version), Kumo's)", neededBy: neededBy,
                                source: "aws eks describe-cluster --name \(clusterName ?? "CLUSTER"), given with --physical-ids (EKS upgrades clusters at the end of support)")
                }
                if out["AccessConfig"]?["AuthenticationMode"] != nil {
                    let cdkMode = old.properties["Config"]?["accessConfig"]?["authenticationMode"]?.stringValue
                    if let mode = live?.authenticationMode ?? cdkMode {
                        out = MigrationFacts.setting(.string(mode), at: ["AccessConfig", "AuthenticationMode"], in: out)
                    } else {
                        out = MigrationFacts.setting("CONFIG_MAP", at: ["AccessConfig", "AuthenticationMode"], in: out)
                        book.assume("the cluster's authentication mode (the import step says CONFIG_MAP: CDK did not set one)", neededBy: neededBy,
                                    source: "aws eks describe-cluster --name \(clusterName ?? "CLUSTER") (cluster.accessConfig.authenticationMode), given with --physical-ids")
                    }
                }
            }
            return out.objectValue ?? properties
        }

        func isIntrinsic(_ value: JSON) -> Bool {
            switch value {
            case .object(let members): members.keys.contains { $0 == "Ref" || $0.hasPrefix("Fn::") } || members.values.contains(where: isIntrinsic)
            case .array(let items): items.contains(where: isIntrinsic)
            default: false
            }
        }

        /// The cluster's name, when the stack has one.
        var clusterName: String? {
            let id = deployed.resources.values.first { $0.type == "Custom::AWSCDK-EKS-Cluster" || $0.type == "AWS::EKS::Cluster" }?.logicalID
            return id.flatMap { book.values.value($0, nil) }
        }

        // MARK: - replace-roles

        mutating func addReplaceRoles() {
            let index = nextIndex
            let file = fileName(index, "replace-roles")
            var roles: [String: (changed: [String], oldName: String)] = [:]
            for (id, changed) in classes.replacedRoles { roles[id] = (changed, book.literal(id, nil, neededBy: file)) }
            let template = StepTemplates.replaceRoles(current, roles: roles, target: target.json)
            let list = roles.keys.sorted().map { "`\($0)` (\(roles[$0]!.changed.joined(separator: ", ")); old role \(roles[$0]!.oldName))" }.joined(separator: "; ")
            addTemplateStep(
                "replace-roles", kind: .update, summary: "Replace \(roles.count) role(s) ahead of converge, keeping the old role(s) working",
                template: template,
                details: [
                    "Kumo's template replaces \(list): a create-only property changes. Replaced here, the new role exists before anything uses it; the old "
                        + "one is kept by its UpdateReplacePolicy Retain, and every policy attached to the role also names the old role, so that the workload "
                        + "using it keeps its permissions until its ServiceAccount points at the new role (next step).",
                ],
                checks: [],
                undo: ["Deploy `\(fileName(index - 1, "import"))` again: the policies leave the new role(s); the old role(s) never lost anything."])
        }

        // MARK: - authentication-mode

        mutating func addAuthenticationMode() {
            guard let cluster = classes.typeChanged.first(where: { target.resources[$0]?.type == "AWS::EKS::Cluster" }),
                  let wanted = target.json["Resources"]?[cluster]?["Properties"]?["AccessConfig"]?["AuthenticationMode"]?.stringValue,
                  let now = current["Resources"]?[cluster]?["Properties"]?["AccessConfig"]?["AuthenticationMode"]?.stringValue, now != wanted else { return }
            let template = StepTemplates.authenticationMode(current, cluster: cluster, mode: wanted)
            addTemplateStep(
                "authentication-mode", kind: .update, summary: "Switch the cluster's authentication mode \(now) → \(wanted), in place",
                template: template,
                details: [
                    "An in-place update of the cluster (no replacement). aws-auth keeps working beside access entries, which take precedence for the "
                        + "same principal; the access entries themselves come with the next step.",
                    "This change is one-way: EKS cannot go back to a mode without access entries (EKS User Guide, *Change authentication mode to use "
                        + "access entries*). Run it once everything before it is verified.",
                ],
                checks: [MigrationPlan.Check("The cluster is ACTIVE in mode \(wanted)",
                                             command: "aws eks describe-cluster --name \(clusterName ?? "CLUSTER") --query '[cluster.status, cluster.accessConfig.authenticationMode]' --output text")],
                undo: ["None: EKS does not switch back to \(now). The mode only adds access entries; aws-auth still applies."])
        }

        // MARK: - converge

        mutating func addConverge() {
            addTemplateStep(
                "converge", kind: .update, summary: "Kumo's template, as an ordinary update",
                template: target.json,
                details: [
                    "Kumo's template for the stack (`kumo synth` output), unchanged. The literal values of the earlier steps become references again "
                        + "(same values: no update of those resources), the access entries are created, the policies go back to Kumo's (the stateful "
                        + "resources' DeletionPolicy is what the stack code says), and the output `\(KumoMigration.markerOutput)` goes.",
                ],
                checks: [MigrationPlan.Check("The access entries exist", command: clusterName.map { "aws eks list-access-entries --cluster-name \($0)" })],
                undo: ["Deploy the previous step's template: the access entries go, the rest is the same resources written differently."])
        }
    }
}
