import Foundation

/// Writes a new package's files into a directory all at once: everything goes to a hidden staging directory next
/// to it first, which is then moved into place, so a failure leaves nothing behind.
enum ProjectWriter {
    /// Whether `directory` may receive a new package: it does not exist, or holds nothing but an empty Git
    /// repository's `.git` (a fresh clone of an empty repository).
    static func checkTarget(_ directory: URL) throws(InputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw InputError("error: \(directory.path) exists and is not a directory\n  fix: give kumo init a new or empty directory")
        }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0 != ".git" }.sorted()
        if !entries.isEmpty {
            let shown = entries.prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
            throw InputError("error: refusing to write into \(directory.path): it is not empty (\(shown)); nothing was written\n  fix: give kumo init a new or empty directory")
        }
    }

    /// Writes `files` (paths relative to `directory`) into `directory`, which must pass ``checkTarget(_:)``.
    static func write(_ files: [(path: String, text: String)], to directory: URL) throws(InputError) {
        let fm = FileManager.default
        // The nearest existing ancestor holds the staging directory, so that the final move is a rename on one file system.
        var missing: [String] = []
        var existing = directory
        while !fm.fileExists(atPath: existing.path) {
            missing.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
        }
        let staging = existing.appendingPathComponent(".kumo-init-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        do {
            let root = missing.reduce(staging) { $0.appendingPathComponent($1) }
            for file in files {
                let url = root.appendingPathComponent(file.path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url)
            }
            if let top = missing.first {
                // A new directory (and maybe its parents): one rename.
                try fm.moveItem(at: staging.appendingPathComponent(top), to: existing.appendingPathComponent(top))
            } else {
                // An existing empty directory: move the entries in; on failure take back the ones already moved.
                var moved: [URL] = []
                do {
                    for entry in try fm.contentsOfDirectory(atPath: root.path).sorted() {
                        let target = directory.appendingPathComponent(entry)
                        try fm.moveItem(at: root.appendingPathComponent(entry), to: target)
                        moved.append(target)
                    }
                } catch {
                    for url in moved { try? fm.removeItem(at: url) }
                    throw error
                }
            }
            try? fm.removeItem(at: staging)
        } catch {
            try? fm.removeItem(at: staging)
            throw InputError("error: cannot write \(directory.path): \(error.localizedDescription); nothing was written")
        }
    }
}
