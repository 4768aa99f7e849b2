/// The name of a new app's package (`kumo init --name`), and the Swift names derived from it.
///
/// `my-infra` → the package and its executable `my-infra` (`swift run my-infra synth`), the stacks module
/// `MyInfraStacks`, the app `MyInfra`, the stack `MyInfraStack` (also its CloudFormation stack name), the test
/// target `MyInfraTests`.
struct ProjectName: Equatable {
    /// The package and executable name, as given.
    let name: String
    /// `MyInfra`: the parts between `-` and `_`, each capitalized.
    let identifier: String

    var stacksModule: String { identifier + "Stacks" }
    var stackClass: String { identifier + "Stack" }
    var testTarget: String { identifier + "Tests" }

    /// The longest name accepted. A stack name "can contain only alphanumeric characters (case-sensitive) and
    /// hyphens. It must start with an alphabetic character and can't be longer than 128 characters" (AWS
    /// CloudFormation API Reference, CreateStack, StackName); the stack is `<identifier>Stack`, and 64 keeps every
    /// derived name well inside that.
    static let maximumLength = 64

    /// Modules of Kumo's package graph (Kumo's own targets and the modules its dependencies build, as listed by a
    /// build of this checkout, `.build/debug/*.build`): the executable target of the new package is named `name`,
    /// and SwiftPM refuses two modules of one name in a graph. A name this list misses after a dependency update
    /// still fails, in `swift build`, with SwiftPM's own message.
    static let reservedModules: Set<String> = [
        "kumo", "kumoanalysis", "kumocli", "kumocore", "kumofuzzing", "kumojson", "kumopolicy", "kumotesting", "stacks",
        "kumo_bench", "kumo_fuzz_reader", "argumentparser", "argumentparsertoolinfo", "basiccontainers",
        "bitcollections", "ccryptoboringssl", "ccryptoboringsslshims", "collections", "containerspreview", "crypto",
        "cryptoboringwrapper", "cyaml", "dequemodule", "hashtreecollections", "heapmodule",
        "internalcollectionsutilities", "orderedcollections", "sortedcollections", "swiftasn1",
        "trailingelementsmodule", "yams", "_cryptoextras", "_ropemodule", "generate_docc_reference", "generate_manual",
    ]

    /// A valid name, or why not: 1–64 characters, ASCII letters, digits, `-` and `_`, starting with a letter and
    /// not ending with `-` or `_` (the parts become a Swift identifier), and not the name of a module of Kumo's
    /// package graph.
    init(_ name: String) throws(InputError) {
        let bytes = Array(name.utf8)
        func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
        func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
        let fix = "use 1-\(Self.maximumLength) characters: ASCII letters, digits, '-' and '_', starting with a letter (e.g. my-infra)"
        guard let first = bytes.first, isLetter(first), bytes.count <= Self.maximumLength,
              bytes.allSatisfy({ isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }),
              let last = bytes.last, last != UInt8(ascii: "-"), last != UInt8(ascii: "_")
        else {
            throw InputError("error: \"\(name)\" is not a valid app name\n  fix: \(fix), with --name NAME")
        }
        let module = name.replacingOccurrences(of: "-", with: "_").lowercased()
        if Self.reservedModules.contains(module) || Self.reservedModules.contains(name.lowercased()) {
            throw InputError("error: \"\(name)\" is the name of a module of Kumo's package graph; SwiftPM refuses two modules of one name\n  fix: choose another name with --name NAME (e.g. \(name.lowercased())-infra)")
        }
        self.name = name
        identifier = name.split(whereSeparator: { $0 == "-" || $0 == "_" })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
