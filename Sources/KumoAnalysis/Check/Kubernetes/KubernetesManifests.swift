import Foundation
import KumoJSON
import Yams

/// Kubernetes objects read from YAML (or JSON) manifests: a file, or a directory searched recursively for
/// `*.yaml`, `*.yml` and `*.json`. Multi-document files and `kind: List` are expanded; documents without `kind`
/// (Helm values, Kustomize patches) are skipped. The namespace is `metadata.namespace`, else `default`.
public struct KubernetesManifests: Sendable {
    public struct Object: Sendable {
        public var apiVersion: String
        public var kind: String
        public var name: String
        /// `metadata.namespace`, or `default`.
        public var namespace: String
        public var json: JSON
        public var file: String
        /// The 1-based line of the document in `file`.
        public var line: Int?

        /// `ServiceAccount main/account-for-db-migrator`.
        public var label: String { "\(kind) \(namespace)/\(name)" }

        public var annotations: JSONObject { json["metadata"]?["annotations"]?.objectValue ?? [:] }
    }

    /// The files read, in order.
    public var files: [String]
    public var objects: [Object]

    public init(files: [String], objects: [Object]) {
        self.files = files
        self.objects = objects
    }

    /// The kinds the ServiceAccount ↔ IRSA cross-check reads.
    public static let checkedKinds: Set<String> = [
        "ServiceAccount", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "SecretStore",
        "ClusterSecretStore",
    ]

    /// Reads `path` (a file or a directory).
    public static func load(_ path: String) throws(ManifestError) -> KubernetesManifests {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ManifestError(file: path, "no such file or directory")
        }
        var files: [String] = []
        if isDirectory.boolValue {
            guard let enumerator = FileManager.default.enumerator(atPath: path) else {
                throw ManifestError(file: path, "cannot read the directory")
            }
            while let entry = enumerator.nextObject() as? String {
                let name = (entry as NSString).lastPathComponent
                if name.hasPrefix(".") { continue }
                if [".yaml", ".yml", ".json"].contains(where: name.hasSuffix) {
                    files.append((path as NSString).appendingPathComponent(entry))
                }
            }
            files.sort()
            if files.isEmpty { throw ManifestError(file: path, "no *.yaml, *.yml or *.json manifests in the directory") }
        } else {
            files = [path]
        }
        var objects: [Object] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ManifestError(file: file, "cannot read the file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ManifestError(file: file, "the file is not UTF-8 text")
            }
            objects += try parse(text, file: file)
        }
        return KubernetesManifests(files: files, objects: objects)
    }

    /// The Kubernetes manifests a cloud assembly carries (files listed in its `manifest.json`, such as the AWS
    /// Load Balancer Controller's ServiceAccount that Kumo writes): they are applied by GitOps along with the
    /// rest, so the cross-check counts them. Empty for a template file or an assembly without manifests.
    public static func loadFromAssembly(_ directory: String) throws(ManifestError) -> KubernetesManifests {
        let manifestPath = (directory as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: manifestPath),
            let manifest = try? JSON(parsing: String(decoding: data, as: UTF8.self)),
            case .object(let artifacts)? = manifest["artifacts"]
        else { return KubernetesManifests(files: [], objects: []) }
        var files: [String] = []
        var objects: [Object] = []
        for (_, artifact) in artifacts {
            guard let file = artifact["properties"]?["file"]?.stringValue, file.hasSuffix(".yaml") || file.hasSuffix(".yml") else { continue }
            let path = (directory as NSString).appendingPathComponent(file)
            let loaded = try load(path)
            files += loaded.files
            objects += loaded.objects
        }
        return KubernetesManifests(files: files, objects: objects)
    }

    /// These manifests and `other`'s.
    public func merging(_ other: KubernetesManifests) -> KubernetesManifests {
        KubernetesManifests(files: files + other.files, objects: objects + other.objects)
    }

    /// The objects of one manifest text.
    public static func parse(_ text: String, file: String) throws(ManifestError) -> [Object] {
        var documents: [(JSON, Int?)] = []
        do {
            try YAMLLimits.manifests.check(text)
        } catch {
            throw ManifestError(file: file, line: error.line, error.message)
        }
        do {
            var sequence = try Yams.compose_all(yaml: text)
            while let node = sequence.next() {
                do {
                    documents.append((try YAMLConversion(maxDepth: 128, tagged: nil).convert(node), node.mark?.line))
                } catch {
                    throw ManifestError(file: file, line: error.line ?? node.mark?.line, error.message)
                }
            }
            if let error = sequence.error { throw error }
        } catch let error as ManifestError {
            throw error
        } catch {
            throw ManifestError(file: file, "invalid YAML: \(error)")
        }
        var objects: [Object] = []
        func add(_ json: JSON, line: Int?) throws(ManifestError) {
            guard case .object = json else { return }
            guard let kind = json["kind"]?.stringValue else { return }
            if kind == "List", let items = json["items"]?.arrayValue {
                for item in items { try add(item, line: line) }
                return
            }
            guard let apiVersion = json["apiVersion"]?.stringValue else { return }
            guard let name = json["metadata"]?["name"]?.stringValue, !name.isEmpty else {
                // Kustomizations and the like have no name; the kinds the cross-check reads must have one.
                guard Self.checkedKinds.contains(kind) else { return }
                throw ManifestError(file: file, line: line, "a \(kind) without metadata.name")
            }
            let namespace = json["metadata"]?["namespace"]?.stringValue ?? "default"
            objects.append(Object(apiVersion: apiVersion, kind: kind, name: name, namespace: namespace, json: json, file: file, line: line))
        }
        for (json, line) in documents { try add(json, line: line) }
        return objects
    }
}

/// A manifest could not be read.
public struct ManifestError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}
