import Foundation
import KumoMigration

/// `--physical-ids` of `kumo migrate` and `kumo resolve`: files or directories of the JSON the AWS CLI prints
/// (describe-stack-resources, list-stack-resources, describe-cluster).
enum PhysicalIDInputs {
    /// The files at `paths` (each a file, or a directory whose `*.json` files are read in name order).
    static func read(_ paths: [String]) throws(MigrationError) -> [PhysicalIDFile] {
        var files: [PhysicalIDFile] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw MigrationError("--physical-ids \(path): no such file or directory") }
            let paths = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".json") }.sorted().map { (path as NSString).appendingPathComponent($0) }
                : [path]
            if paths.isEmpty { throw MigrationError("--physical-ids \(path): the directory holds no *.json files") }
            for file in paths {
                guard let data = FileManager.default.contents(atPath: file) else { throw MigrationError("--physical-ids \(file): cannot read the file") }
                files.append(try PhysicalIDFile(text: String(decoding: data, as: UTF8.self), file: file))
            }
        }
        return files
    }
}
