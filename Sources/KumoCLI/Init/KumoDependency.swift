import Foundation
import Kumo

/// Where a new app's package gets Kumo from: a checkout, by path, or a Git URL and version.
///
/// Kumo has no published URL yet, so the default is the checkout this `kumo` was built from (its sources'
/// location, recorded at build time); `--kumo-path` names another checkout, `--kumo-url` a Git repository (with
/// `--kumo-version`, default this Kumo's version).
enum KumoDependency: Equatable {
    /// `.package(path:)`: `written` goes into Package.swift, `absolute` is where it is.
    case path(written: String, absolute: String)
    /// `.package(url:from:)`.
    case url(String, version: String)

    /// SwiftPM's identity of the package: the last path component, lower-cased, without `.git`; a product is
    /// named with it (`.product(name: "Kumo", package: identity)`).
    var identity: String {
        let last: String
        switch self {
        case .path(_, let absolute): last = URL(fileURLWithPath: absolute).standardizedFileURL.lastPathComponent
        case .url(let url, _): last = url.split(separator: "/").last.map(String.init) ?? url
        }
        return (last.hasSuffix(".git") ? String(last.dropLast(4)) : last).lowercased()
    }

    /// The `dependencies:` entry of Package.swift.
    var packageEntry: String {
        switch self {
        case .path(let written, _): ".package(path: \(Self.swiftLiteral(written)))"
        case .url(let url, let version): ".package(url: \(Self.swiftLiteral(url)), from: \(Self.swiftLiteral(version)))"
        }
    }

    /// How the README and the summary name it.
    var summary: String {
        switch self {
        case .path(_, let absolute): "the Kumo checkout at \(absolute)"
        case .url(let url, let version): "Kumo \(version) or later from \(url)"
        }
    }

    /// The checkout this `kumo` was built from: four levels above this source file
    /// (`<checkout>/Sources/KumoCLI/Init/KumoDependency.swift`).
    static let buildCheckout: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Whether `directory` holds Kumo's package (a Package.swift that declares the package "Kumo").
    static func isKumoCheckout(_ directory: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent("Package.swift")) else { return false }
        return String(decoding: data, as: UTF8.self).contains("name: \"Kumo\"")
    }

    /// The dependency the options ask for. `packageDirectory` is the new package's absolute directory (a relative
    /// `--kumo-path` is taken from the current directory and written relative to the package).
    static func resolve(path: String?, url: String?, version: String?, packageDirectory: String, currentDirectory: String) throws(InputError) -> KumoDependency {
        if path != nil && url != nil {
            throw InputError("error: --kumo-path and --kumo-url are exclusive: Kumo comes from a checkout or from a Git URL")
        }
        if version != nil && url == nil {
            throw InputError("error: --kumo-version applies to --kumo-url\n  fix: add --kumo-url URL, or leave out --kumo-version")
        }
        if let url {
            guard !url.isEmpty, !url.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline || $0 == " " }) else {
                throw InputError("error: --kumo-url \"\(url)\" is not a Git URL")
            }
            let version = version ?? KumoVersion.current
            guard isSemanticVersion(version) else {
                throw InputError("error: --kumo-version \"\(version)\" is not a semantic version\n  fix: write MAJOR.MINOR.PATCH, e.g. \(KumoVersion.current)")
            }
            return .url(url, version: version)
        }
        if let path {
            let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
                .standardizedFileURL.path
            guard isKumoCheckout(absolute) else {
                throw InputError("error: --kumo-path \(path): \(absolute) is not a Kumo checkout (no Package.swift declaring the package \"Kumo\")")
            }
            let written = path.hasPrefix("/") ? absolute : relativePath(from: packageDirectory, to: absolute)
            return .path(written: written, absolute: absolute)
        }
        let checkout = buildCheckout
        guard isKumoCheckout(checkout), !checkout.contains("/.build/checkouts/") else {
            throw InputError("""
                error: Kumo has no published URL yet, and the checkout this kumo was built from (\(checkout)) is not there
                  fix: pass --kumo-path PATH (a checkout of Kumo) or --kumo-url URL [--kumo-version VERSION]
                """)
        }
        return .path(written: checkout, absolute: checkout)
    }

    /// `to` relative to `from` (both absolute, standardized).
    static func relativePath(from: String, to: String) -> String {
        let base = from.split(separator: "/"), target = to.split(separator: "/")
        var common = 0
        while common < base.count, common < target.count, base[common] == target[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    static func isSemanticVersion(_ text: String) -> Bool {
        let core = text.split(separator: "-", maxSplits: 1).first.map(String.init) ?? text
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    static func swiftLiteral(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
