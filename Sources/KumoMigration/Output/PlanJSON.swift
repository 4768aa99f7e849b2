import KumoJSON

/// `plan.json`: the plan for tools (documented in the README section *Moving a CDK-deployed stack to Kumo*).
/// Paths are relative to `plan.json`; `kind` is `update`, `import` or `command`; `resourcesToImport` names
/// exactly the file `--resources-to-import` takes.
public enum PlanJSON {
    public static func encode(_ plan: MigrationPlan) -> JSON {
        var deployed: JSONObject = ["template": .string(plan.deployedTemplate)]
        if !plan.nestedTemplates.isEmpty {
            deployed["nestedTemplates"] = .object(JSONObject(uniqueKeysWithValues: plan.nestedTemplates.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }))
        }
        var top: JSONObject = ["formatVersion": .number(Double(KumoMigration.planFormatVersion)), "stack": .string(plan.stack)]
        if let account = plan.account { top["account"] = .string(account) }
        if let region = plan.region { top["region"] = .string(region) }
        top["deployed"] = .object(deployed)
        top["steps"] = .array(plan.steps.map(step))
        top["physicalValues"] = values(plan.physicalValues)
        return .object(top)
    }

    private static func step(_ step: MigrationPlan.Step) -> JSON {
        var out: JSONObject = ["name": .string(step.name), "kind": .string(step.kind.rawValue), "summary": .string(step.summary)]
        if let template = step.template { out["template"] = .string(template) }
        if let file = step.resourcesToImport { out["resourcesToImport"] = .string(file) }
        if let changeSet = step.changeSet { out["changeSet"] = .string(changeSet) }
        if !step.files.isEmpty { out["files"] = .array(step.files.map(JSON.string)) }
        out["commands"] = .array(step.commands.map(JSON.string))
        out["checks"] = .array(step.checks.map { check in
            var o: JSONObject = ["description": .string(check.description)]
            if let command = check.command { o["command"] = .string(command) }
            return .object(o)
        })
        out["undo"] = .array(step.undo.map(JSON.string))
        out["details"] = .array(step.details.map(JSON.string))
        return .object(out)
    }

    private static func values(_ values: PhysicalValues) -> JSON {
        var out: JSONObject = ["stackName": .string(values.stackName)]
        if let id = values.stackID { out["stackId"] = .string(id) }
        out["partition"] = .string(values.partition)
        var resources = JSONObject()
        for (id, resource) in values.resources.sorted(by: { $0.key < $1.key }) {
            var o: JSONObject = ["type": .string(resource.type)]
            if let ref = resource.ref { o["ref"] = .string(ref) }
            if !resource.attributes.isEmpty {
                o["attributes"] = .object(JSONObject(uniqueKeysWithValues: resource.attributes.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }))
            }
            resources[id] = .object(o)
        }
        out["resources"] = .object(resources)
        if !values.nestedStacks.isEmpty {
            var nested = JSONObject()
            for (id, stack) in values.nestedStacks.sorted(by: { $0.key < $1.key }) {
                nested[id] = ["stackName": .string(stack.stackName), "stackId": .string(stack.stackID),
                              "resources": .object(JSONObject(uniqueKeysWithValues: stack.resources.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }))]
            }
            out["nestedStacks"] = .object(nested)
        }
        if !values.liveClusters.isEmpty {
            var clusters = JSONObject()
            for (id, cluster) in values.liveClusters.sorted(by: { $0.key < $1.key }) {
                var o: JSONObject = ["name": .string(cluster.name)]
                let optional: [(String, String?)] = [
                    ("arn", cluster.arn), ("version", cluster.version), ("platformVersion", cluster.platformVersion), ("roleArn", cluster.roleArn),
                    ("authenticationMode", cluster.authenticationMode), ("issuer", cluster.issuer), ("clusterSecurityGroupId", cluster.clusterSecurityGroupID),
                    ("vpcId", cluster.vpcID), ("serviceIpv4Cidr", cluster.serviceIpv4Cidr), ("ipFamily", cluster.ipFamily),
                ]
                for (key, value) in optional { if let value { o[key] = .string(value) } }
                o["subnetIds"] = .array(cluster.subnetIDs.map(JSON.string))
                o["securityGroupIds"] = .array(cluster.securityGroupIDs.map(JSON.string))
                if let value = cluster.endpointPublicAccess { o["endpointPublicAccess"] = .bool(value) }
                if let value = cluster.endpointPrivateAccess { o["endpointPrivateAccess"] = .bool(value) }
                clusters[id] = .object(o)
            }
            out["liveClusters"] = .object(clusters)
        }
        out["missing"] = .array(values.missing.map { missing in
            ["value": .string(missing.value), "placeholder": .string(missing.placeholder), "neededBy": .array(missing.neededBy.map(JSON.string)),
             "source": .string(missing.source)]
        })
        return .object(out)
    }

    // MARK: - Reading

    /// Reads `plan.json`; every problem names where it is (`steps[3].kind`).
    public static func decode(_ json: JSON, file: String) throws(MigrationError) -> MigrationPlan {
        func fail(_ location: String, _ message: String) -> MigrationError {
            MigrationError("\(file): \(location): \(message)", fix: "restore the file kumo migrate wrote, or write the plan again with kumo migrate")
        }
        guard case .object(let top) = json else { throw fail("(top)", "plan.json must be a JSON object") }
        guard top["formatVersion"]?.numberValue == Double(KumoMigration.planFormatVersion) else {
            throw fail("formatVersion", "must be \(KumoMigration.planFormatVersion)")
        }
        guard let stack = top["stack"]?.stringValue, !stack.isEmpty else { throw fail("stack", "must name the stack") }
        guard let deployedTemplate = top["deployed"]?["template"]?.stringValue else { throw fail("deployed.template", "must name the deployed template") }
        try checkPath(deployedTemplate, "deployed.template", fail)
        let values = try decodeValues(top["physicalValues"] ?? [:], stack: stack, fail)
        var located = values
        located.account = top["account"]?.stringValue
        located.region = top["region"]?.stringValue
        var plan = MigrationPlan(stack: stack, account: located.account, region: located.region, deployedTemplate: deployedTemplate, physicalValues: located)
        for (id, path) in top["deployed"]?["nestedTemplates"]?.objectValue ?? [:] {
            guard let path = path.stringValue else { throw fail("deployed.nestedTemplates.\(id)", "must be a path") }
            try checkPath(path, "deployed.nestedTemplates.\(id)", fail)
            plan.nestedTemplates[id] = path
        }
        guard case .array(let steps)? = top["steps"], !steps.isEmpty else { throw fail("steps", "must be a non-empty list") }
        var names = Set<String>()
        for (index, item) in steps.enumerated() {
            let at = "steps[\(index)]"
            guard let name = item["name"]?.stringValue, !name.isEmpty else { throw fail(at + ".name", "must be a non-empty string") }
            guard names.insert(name).inserted else { throw fail(at + ".name", "\(name) appears twice") }
            guard let kindText = item["kind"]?.stringValue, let kind = MigrationPlan.StepKind(rawValue: kindText) else {
                throw fail(at + ".kind", "must be update, import or command (is \(item["kind"].map { $0.serialized() } ?? "absent"))")
            }
            var step = MigrationPlan.Step(name: name, kind: kind, summary: item["summary"]?.stringValue ?? "")
            step.template = item["template"]?.stringValue
            step.resourcesToImport = item["resourcesToImport"]?.stringValue
            step.changeSet = item["changeSet"]?.stringValue
            switch kind {
            case .update, .import:
                guard let template = step.template else { throw fail(at + ".template", "an \(kind.rawValue) step needs a template") }
                try checkPath(template, at + ".template", fail)
                if kind == .import {
                    guard let file = step.resourcesToImport else { throw fail(at + ".resourcesToImport", "an import step needs its --resources-to-import file") }
                    try checkPath(file, at + ".resourcesToImport", fail)
                } else if step.resourcesToImport != nil {
                    throw fail(at + ".resourcesToImport", "only import steps have one")
                }
            case .command:
                if step.template != nil { throw fail(at + ".template", "a command step has no template") }
            }
            step.files = try strings(item["files"], at + ".files", fail)
            for path in step.files { try checkPath(path, at + ".files", fail) }
            step.commands = try strings(item["commands"], at + ".commands", fail)
            if kind == .command && step.commands.isEmpty { throw fail(at + ".commands", "a command step needs commands") }
            step.undo = try strings(item["undo"], at + ".undo", fail)
            step.details = try strings(item["details"], at + ".details", fail)
            for (n, check) in (item["checks"]?.arrayValue ?? []).enumerated() {
                guard let description = check["description"]?.stringValue else { throw fail(at + ".checks[\(n)].description", "must be a string") }
                step.checks.append(MigrationPlan.Check(description, command: check["command"]?.stringValue))
            }
            plan.steps.append(step)
        }
        return plan
    }

    private static func strings(_ value: JSON?, _ at: String, _ fail: (String, String) -> MigrationError) throws(MigrationError) -> [String] {
        guard let value else { return [] }
        guard case .array(let items) = value else { throw fail(at, "must be a list of strings") }
        var out: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw fail(at, "must be a list of strings") }
            out.append(text)
        }
        return out
    }

    /// A path inside the plan directory: relative, without `..`.
    private static func checkPath(_ path: String, _ at: String, _ fail: (String, String) -> MigrationError) throws(MigrationError) {
        if path.isEmpty || path.hasPrefix("/") || path.split(separator: "/").contains("..") {
            throw fail(at, "\(path) must be a path relative to plan.json, inside the plan directory")
        }
    }

    private static func decodeValues(_ json: JSON, stack: String, _ fail: (String, String) -> MigrationError) throws(MigrationError) -> PhysicalValues {
        guard case .object = json else { throw fail("physicalValues", "must be an object") }
        var values = PhysicalValues(stackName: json["stackName"]?.stringValue ?? stack, stackID: json["stackId"]?.stringValue, account: nil, region: nil,
                                    partition: json["partition"]?.stringValue ?? "aws")
        for (id, resource) in json["resources"]?.objectValue ?? [:] {
            guard let type = resource["type"]?.stringValue else { throw fail("physicalValues.resources.\(id).type", "must be a string") }
            var attributes: [String: String] = [:]
            for (name, value) in resource["attributes"]?.objectValue ?? [:] {
                guard let text = value.stringValue else { throw fail("physicalValues.resources.\(id).attributes.\(name)", "must be a string") }
                attributes[name] = text
            }
            values.resources[id] = PhysicalValues.Resource(type: type, ref: resource["ref"]?.stringValue, attributes: attributes)
        }
        for (id, stack) in json["nestedStacks"]?.objectValue ?? [:] {
            values.nestedStacks[id] = PhysicalValues.NestedStack(
                stackName: stack["stackName"]?.stringValue ?? "", stackID: stack["stackId"]?.stringValue ?? "",
                resources: (stack["resources"]?.objectValue ?? [:]).reduce(into: [:]) { $0[$1.key] = $1.value.stringValue ?? "" })
        }
        for (id, cluster) in json["liveClusters"]?.objectValue ?? [:] {
            guard let name = cluster["name"]?.stringValue else { throw fail("physicalValues.liveClusters.\(id).name", "must be a string") }
            values.liveClusters[id] = PhysicalValues.LiveCluster(
                name: name, arn: cluster["arn"]?.stringValue, version: cluster["version"]?.stringValue, platformVersion: cluster["platformVersion"]?.stringValue,
                roleArn: cluster["roleArn"]?.stringValue, authenticationMode: cluster["authenticationMode"]?.stringValue, issuer: cluster["issuer"]?.stringValue,
                clusterSecurityGroupID: cluster["clusterSecurityGroupId"]?.stringValue, vpcID: cluster["vpcId"]?.stringValue,
                subnetIDs: cluster["subnetIds"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                securityGroupIDs: cluster["securityGroupIds"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                endpointPublicAccess: cluster["endpointPublicAccess"]?.boolValue, endpointPrivateAccess: cluster["endpointPrivateAccess"]?.boolValue,
                serviceIpv4Cidr: cluster["serviceIpv4Cidr"]?.stringValue, ipFamily: cluster["ipFamily"]?.stringValue)
        }
        for item in json["missing"]?.arrayValue ?? [] {
            values.missing.append(PhysicalValues.Missing(
                value: item["value"]?.stringValue ?? "", placeholder: item["placeholder"]?.stringValue ?? "",
                neededBy: item["neededBy"]?.arrayValue?.compactMap(\.stringValue) ?? [], source: item["source"]?.stringValue ?? ""))
        }
        return values
    }
}
