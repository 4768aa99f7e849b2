import KumoAnalysis
import KumoJSON

/// The steps made of commands only: preparing, pointing ServiceAccounts at replaced roles, deleting the old
/// roles, finishing.
extension MigrationPlanner.Builder {
    /// Whether any step template needs S3 (over the inline limit).
    var needsBucket: Bool {
        documents.contains { path, json in path.hasSuffix(".template.json") && !path.hasPrefix("00-") && TemplateEditing.text(json).utf8.count > CommandWriter.inlineTemplateLimit }
            || TemplateEditing.text(deployed.json).utf8.count > CommandWriter.inlineTemplateLimit
            || TemplateEditing.text(target.json).utf8.count > CommandWriter.inlineTemplateLimit
    }

    /// A role of the stack that `aws-auth` maps to `system:masters` and that Kumo's template keeps: the way in
    /// for the `kubectl` checks.
    var administratorRoleArn: String? {
        guard let bound = try? CloudTemplate(json: Binding.bind(deployed.json, book.values.resources), name: deployed.name, file: "", environment: environment),
              let (_, mappings) = ClusterAccessState.awsAuth(in: bound, resolved: Binding.resolvedProperties(bound)) else { return nil }
        for id in classes.kept where deployed.resources[id]?.type == "AWS::IAM::Role" {
            if let arn = book.values.value(id, "Arn"), mappings.masters.contains(arn) { return arn }
        }
        return mappings.masters.sorted().first { $0.contains(":role/") }
    }

    /// The `kubectl` checks of every step (when the stack has an EKS cluster).
    var clusterAccessChecks: [MigrationPlan.Check] {
        guard clusterName != nil else { return [] }
        return [
            MigrationPlan.Check("Administrators still get in (prints yes)", command: "kubectl auth can-i '*' '*' --all-namespaces"),
            MigrationPlan.Check("Every node is Ready", command: "kubectl get nodes"),
        ]
    }

    func prepareStep() -> MigrationPlan.Step {
        var step = MigrationPlan.Step(name: "prepare", kind: .command, summary: "Before the first change: a snapshot, the deployed template, a way into the cluster")
        var commands: [String] = []
        if let region = book.values.region { commands.append("export AWS_DEFAULT_REGION=\(region)") }
        if needsBucket {
            commands.append("export \(CommandWriter.bucketVariable)=your-bucket  # an S3 bucket in \(book.values.region ?? "the stack's region") that you can write to: templates over 51,200 bytes go through S3")
        }
        commands.append("aws cloudformation describe-stacks --stack-name \(stack) --query 'Stacks[0].StackStatus' --output text")
        commands.append("aws cloudformation get-template --stack-name \(stack) --query TemplateBody --output json > deployed.template.json && kumo diff deployed.template.json \(deployedFile)")
        for id in deployed.resources.keys where deployed.resources[id]?.type == "AWS::RDS::DBCluster" {
            let identifier = book.literal(id, nil, neededBy: "prepare: the snapshot")
            let snapshot = "kumo-migrate-\(stack.lowercased().filter { $0.isLetter || $0.isNumber })-\(id.lowercased().filter { $0.isLetter || $0.isNumber })".prefix(63)
            commands.append("aws rds create-db-cluster-snapshot --db-cluster-identifier \(identifier) --db-cluster-snapshot-identifier \(snapshot)")
            commands.append("aws rds wait db-cluster-snapshot-available --db-cluster-snapshot-identifier \(snapshot)")
        }
        for (bucket, key) in nestedTemplateObjects { commands.append("aws s3api head-object --bucket \(bucket) --key \(key)") }
        if let cluster = clusterName {
            var kubeconfig = "aws eks update-kubeconfig --name \(cluster)"
            if let role = administratorRoleArn { kubeconfig += " --role-arn \(role)" }
            commands.append(kubeconfig)
            commands.append("kubectl -n kube-system get configmap aws-auth -o yaml > aws-auth.before.yaml")
        }
        step.commands = commands
        step.details = [
            "Run every command from this directory. The plan was written for the stack as described by `\(deployedFile)` and the physical values in plan.json; "
                + "kumo diff must report no change between that file and what CloudFormation holds (exit code 0), or the plan is for another state of the stack.",
        ]
        if !nestedTemplateObjects.isEmpty {
            step.details.append("CloudFormation reads the nested stacks' templates from CDK's asset bucket again when it updates the parent stack: they must "
                                + "still exist (head-object succeeds). If one is gone, upload the file of `00-deployed/` to the same key.")
        }
        step.checks = [MigrationPlan.Check("The stack is CREATE_COMPLETE or UPDATE_COMPLETE, and kumo diff printed \"No changes.\"")]
            + (deployed.resources.values.contains { $0.type == "AWS::RDS::DBCluster" } ? [MigrationPlan.Check("The snapshot is available (the wait command returned)")] : [])
            + clusterAccessChecks
        step.undo = ["Nothing to undo: nothing changed."]
        return step
    }

    /// `(bucket, key)` of each nested stack's template.
    var nestedTemplateObjects: [(String, String)] {
        guard let bound = try? CloudTemplate(json: deployed.json, name: deployed.name, file: "", environment: environment) else { return [] }
        let resolver = Resolver(bound)
        var out: [(String, String)] = []
        for resource in bound.resources(ofType: "AWS::CloudFormation::Stack") {
            guard let url = (try? resolver.property(resource.logicalID, "TemplateURL"))?.stringValue, !Symbol.isSymbolic(url),
                  url.hasPrefix("https://") else { continue }
            let rest = url.dropFirst("https://".count)
            guard let slash = rest.firstIndex(of: "/") else { continue }
            let host = rest[..<slash], path = rest[rest.index(after: slash)...]
            if host.hasPrefix("s3.") || host.hasPrefix("s3-"), let next = path.firstIndex(of: "/") {
                out.append((String(path[..<next]), String(path[path.index(after: next)...])))
            } else if let range = host.range(of: ".s3") {
                out.append((String(host[..<range.lowerBound]), String(path)))
            }
        }
        return out
    }

    /// The old and new ARNs of each replaced role.
    var replacedRoleArns: [(id: String, old: String, oldName: String, new: String)] {
        classes.replacedRoles.keys.sorted().map { id in
            let properties = target.resources[id]?.properties ?? [:]
            let name = properties["RoleName"]?.stringValue ?? "(generated)"
            let path = properties["Path"]?.stringValue ?? "/"
            let account = book.values.account ?? PhysicalValues.placeholder("AWS::AccountId")
            let oldPath = deployed.resources[id]?.properties["Path"]?.stringValue ?? "/"
            return (id, book.roleArn(id, path: oldPath, neededBy: "replaced role"), book.literal(id, nil, neededBy: "replaced role"),
                    "arn:\(book.values.partition):iam::\(account):role\(path)\(name)")
        }
    }

    func pointServiceAccountsStep() -> MigrationPlan.Step {
        let index = nextIndex
        let directory = String(format: "%02d", index) + "-point-service-accounts"
        var step = MigrationPlan.Step(name: "point-service-accounts", kind: .command,
                                      summary: "Point the ServiceAccounts of the replaced role(s) at the new role, and restart their workloads")
        var commands: [String] = [], checks: [MigrationPlan.Check] = []
        var details = ["A pod receives its role when it starts (IRSA's admission webhook, amazon-eks-pod-identity-webhook, sets AWS_ROLE_ARN from the "
                       + "ServiceAccount's eks.amazonaws.com/role-arn), so the annotation changes first and the workloads restart after; the old role keeps "
                       + "working until it is deleted (a later step)."]
        for role in replacedRoleArns {
            let manifests = inputs.manifests.filter { $0.serviceAccounts.contains { $0.roleArn == role.new } }
            for manifest in manifests {
                let path = directory + "/" + manifest.file
                step.files.append(path)
                commands.append("kubectl apply -f \(path)  # or commit \(manifest.file) to the repository Argo CD syncs, and sync it")
                details.append("`\(manifest.file)` is the manifest Kumo writes for \(role.id): commit it to the Git repository your Argo CD "
                               + "app-of-apps syncs (Argo CD then owns the ServiceAccount and the Helm release's objects), or apply it once with kubectl.")
                for account in manifest.serviceAccounts where account.roleArn == role.new {
                    commands.append("kubectl -n \(account.namespace) get deployments,daemonsets,statefulsets -o json | jq -r '.items[] | select(.spec.template.spec.serviceAccountName == \"\(account.name)\") | (.kind | ascii_downcase) + \"/\" + .metadata.name' | xargs -r -n1 kubectl -n \(account.namespace) rollout restart")
                    checks.append(MigrationPlan.Check("ServiceAccount \(account.namespace)/\(account.name) names \(role.new)",
                                                      command: "kubectl -n \(account.namespace) get serviceaccount \(account.name) -o jsonpath='{.metadata.annotations.eks\\.amazonaws\\.com/role-arn}'"))
                    checks.append(MigrationPlan.Check("Its pods run with \(role.new) (AWS_ROLE_ARN)",
                                                      command: "kubectl -n \(account.namespace) get pods -o json | jq -r '.items[] | select(.spec.serviceAccountName == \"\(account.name)\") | .metadata.name + \" \" + ([.spec.containers[].env[]? | select(.name == \"AWS_ROLE_ARN\") | .value] | unique | join(\",\"))'"))
                }
            }
            if manifests.isEmpty {
                commands.append("kubectl get serviceaccounts -A -o json | jq -r '.items[] | select(.metadata.annotations[\"eks.amazonaws.com/role-arn\"] == \"\(role.old)\") | .metadata.namespace + \" \" + .metadata.name' | while read -r ns name; do kubectl -n \"$ns\" annotate serviceaccount \"$name\" eks.amazonaws.com/role-arn=\(role.new) --overwrite; done")
                details.append("Kumo's assembly has no manifest naming \(role.new): the ServiceAccounts naming the old role are annotated in place; restart their workloads (kubectl rollout restart), and change the manifests they come from.")
            }
            checks.append(MigrationPlan.Check("No ServiceAccount names the old role \(role.old) any more (prints nothing)",
                                              command: "kubectl get serviceaccounts -A -o json | jq -r '.items[] | select(.metadata.annotations[\"eks.amazonaws.com/role-arn\"] == \"\(role.old)\") | .metadata.namespace + \"/\" + .metadata.name'"))
        }
        step.commands = commands
        step.checks = checks
        step.details = details
        step.undo = replacedRoleArns.map { "Annotate the ServiceAccounts with \($0.old) again (kubectl annotate … --overwrite) and restart the workloads: the old role still has its policies." }
        return step
    }

    func deleteReplacedRolesStep() -> MigrationPlan.Step {
        var step = MigrationPlan.Step(name: "delete-replaced-roles", kind: .command, summary: "Delete the old role(s), now unused")
        var commands: [String] = []
        for role in replacedRoleArns {
            let old = role.oldName
            commands.append("aws iam get-role --role-name \(old) --query Role.RoleLastUsed")
            let resolver = (try? CloudTemplate(json: Binding.bind(deployed.json, book.values.resources), name: deployed.name, file: "", environment: environment)).map(Resolver.init)
            for arn in (try? resolver?.property(role.id, "ManagedPolicyArns"))?.arrayValue?.compactMap(\.stringValue) ?? [] {
                commands.append("aws iam detach-role-policy --role-name \(old) --policy-arn \(arn)")
            }
            for policy in (try? resolver?.property(role.id, "Policies"))?.arrayValue ?? [] {
                if let name = policy["PolicyName"]?.stringValue { commands.append("aws iam delete-role-policy --role-name \(old) --policy-name \(name)") }
            }
            commands.append("aws iam list-role-policies --role-name \(old) --query PolicyNames --output text")
            commands.append("aws iam delete-role --role-name \(old)")
        }
        step.commands = commands
        step.details = ["After converge the old role has no policy left (converge attaches the stack's policies to the new role only); check when it was last "
                        + "used (after the ServiceAccount switch, nothing should have used it), then delete it. The stack no longer manages it (Retain)."]
        step.checks = [MigrationPlan.Check("list-role-policies printed nothing before delete-role; delete-role succeeded")]
        step.undo = ["Recreate the role by hand from `\(deployedFile)` if something still needs it (nothing should: the previous checks)."]
        return step
    }

    func finishStep() -> MigrationPlan.Step {
        var step = MigrationPlan.Step(name: "finish", kind: .command, summary: "Drift detection, and what the stack no longer manages")
        var commands = [
            "aws cloudformation detect-stack-drift --stack-name \(stack) --query StackDriftDetectionId --output text > drift-id.txt",
            "aws cloudformation describe-stack-drift-detection-status --stack-drift-detection-id $(cat drift-id.txt) --query '[DetectionStatus, StackDriftStatus]' --output text",
            "aws cloudformation describe-stack-resource-drifts --stack-name \(stack) --stack-resource-drift-status-filters MODIFIED DELETED --query 'StackResourceDrifts[].[LogicalResourceId,StackResourceDriftStatus]' --output table",
        ]
        var details = ["Drift detection compares the stack's resources with what runs (CloudFormation does not at import); repeat the status command until it says DETECTION_COMPLETE."]
        if let cluster = clusterName {
            commands.append("aws eks list-access-entries --cluster-name \(cluster)")
            if let creator = deployed.resources.values.first(where: { $0.type == "Custom::AWSCDK-EKS-Cluster" })?.properties["AssumeRoleArn"].flatMap({ References.all(in: $0).first?.target }),
               deployed.resources[creator] != nil, target.resources[creator] == nil {
                let arn = book.roleArn(creator, neededBy: "finish: the creator's access entry")
                commands.append("aws eks describe-access-entry --cluster-name \(cluster) --principal-arn \(arn) && aws eks delete-access-entry --cluster-name \(cluster) --principal-arn \(arn)")
                details.append("EKS gave the IAM principal that created the cluster (CDK's creation role, deleted by the orphan step) an access entry when it "
                               + "enabled access entries on the cluster's platform version; nothing can use it now: delete it if it is listed.")
            }
            details.append("The aws-auth ConfigMap stays in the cluster, unmanaged: it maps the node role (nodes keep joining through it) and the administrators. "
                           + "Before any later switch to the API mode, give the node role an EC2_LINUX access entry (EKS: check the access entries of node groups "
                           + "before removing their aws-auth entries).")
        }
        if needsBucket { commands.append("aws s3 rm \"s3://$\(CommandWriter.bucketVariable)/kumo-migrate/\(stack)/\" --recursive") }
        let retained = classes.retainedRemovals.filter { deployed.resources[$0].map { MigrationFacts.runsProviderOnDelete($0.type) } ?? false }
        if !retained.isEmpty {
            details.append("CDK's retained custom resources are gone from the stack; what they created stays: \(retained.joined(separator: ", ")). "
                           + "Their Kubernetes objects (the ServiceAccount, the Helm release's objects) now come from Argo CD.")
        }
        step.commands = commands
        step.details = details
        step.checks = [MigrationPlan.Check("No resource has drifted, or each drift is understood (a property EKS or RDS changed since CDK created it)")] + clusterAccessChecks
        step.undo = ["Nothing to undo."]
        return step
    }
}
