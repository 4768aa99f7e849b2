import Foundation

/// Writing a directory of files as one step: the files go to a private sibling directory, which then replaces
/// the target in one rename. A failure leaves the target as it was; a previous directory there is replaced as a
/// whole (no stale files survive). Used for cloud assemblies (`kumo synth`) and migration plans (`kumo migrate`).
public enum AtomicDirectory {
    /// Replaces `target` with a directory holding `files` (paths relative to it, `/`-separated; intermediate
    /// directories are created). The parent of `target` must exist.
    public static func replace(_ target: URL, with files: [(path: String, contents: [UInt8])]) throws {
        let fm = FileManager.default
        let parent = target.deletingLastPathComponent()
        let exists = fm.fileExists(atPath: target.path)
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(suffix)")
        let retired = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(suffix)")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                if file.path.contains("/") { try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true) }
                // Plain writes: the staging directory is private until the rename, which is the atomic step.
                try Data(file.contents).write(to: url)
            }
            if exists { try fm.moveItem(at: target, to: retired) }
            do {
                try fm.moveItem(at: staging, to: target)
            } catch {
                if exists { try? fm.moveItem(at: retired, to: target) }
                throw error
            }
            if exists { try? fm.removeItem(at: retired) }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }
}
