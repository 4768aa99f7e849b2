import Foundation
import KumoJSON

/// Writing the assembly failed; the output directory is as it was before.
public struct AssemblyWriteError: Error, CustomStringConvertible {
    /// What failed, with the path (for example a directory that cannot be created).
    public var description: String
}

extension CloudAssembly {
    /// Writes the assembly into `directory` atomically: all files go to a temporary sibling directory, which
    /// then replaces `directory` in one rename. A failure leaves `directory` untouched; a previous assembly
    /// there is replaced as a whole (no stale files survive).
    ///
    /// A non-empty `directory` that is not a cloud assembly (no `manifest.json`) is never replaced.
    public func write(to directory: String) throws(AssemblyWriteError) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: directory).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw AssemblyWriteError(description: "\(directory) exists and is not a directory; choose another --output")
        }
        if exists {
            let contents = (try? fm.contentsOfDirectory(atPath: target.path)) ?? []
            if !contents.isEmpty && !contents.contains("manifest.json") {
                throw AssemblyWriteError(
                    description: "refusing to replace \(directory): it is not empty and holds no manifest.json "
                        + "(not a cloud assembly); choose an empty or new directory for --output")
            }
        }
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw AssemblyWriteError(description: "cannot create \(parent.path): \(error.localizedDescription)")
        }
        do {
            try AtomicDirectory.replace(target, with: files.map { ($0.name, $0.contents) })
        } catch {
            throw AssemblyWriteError(description: "cannot write \(directory): \(error.localizedDescription)")
        }
    }
}
