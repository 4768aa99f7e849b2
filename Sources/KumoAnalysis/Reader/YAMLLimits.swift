// libyaml, which Yams vendors as its `CYaml` module: its event parser lets the document be measured before Yams
// composes it (composing is where aliases used as mapping keys are hashed, exponentially in their nesting).
import CYaml

/// Bounds on a YAML stream, checked on libyaml's events before the stream is composed into nodes: its size, the
/// number of nodes once every alias is expanded, the nesting depth, and mapping keys (plain scalars only).
///
/// A YAML alias (`*a`) stands for a copy of its anchored node (`&a`); nested aliases make a kilobyte of text
/// stand for billions of nodes ("billion laughs"). Counting each anchor's expanded size once, as the events
/// arrive, measures the expanded document in time linear in the text, and stops at the first event past a
/// bound, with its line and column.
struct YAMLLimits: Sendable {
    /// The largest document, in bytes (UTF-8).
    var maxBytes: Int
    /// The most nodes (scalars, sequences, mappings) the stream may stand for once aliases are expanded.
    var maxNodes: Int
    /// The deepest nesting of sequences and mappings.
    var maxDepth: Int

    /// CloudFormation templates: CloudFormation takes a template of at most 1 MB ("Template body size in an
    /// Amazon S3 object: 1 MB", AWS CloudFormation quotas,
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html; cfn-lint's
    /// E1002 counts it as 1,000,000 bytes). A template of real resources has about one node per 11 bytes
    /// (90,000 nodes in 1 MB of roles, topics and policies, measured): 250,000 nodes, aliases expanded, is more
    /// than any 1 MB template holds, and reads in well under a second and 100 MB.
    static let template = YAMLLimits(maxBytes: 1_000_000, maxNodes: 250_000, maxDepth: 256)

    /// Kubernetes manifests (`kumo check --manifests`): the same bounds per file (a manifest stream is far smaller).
    static let manifests = YAMLLimits(maxBytes: 1_000_000, maxNodes: 250_000, maxDepth: 128)

    /// Checks `text`; throws the first bound it passes, located. Syntax errors are left to the parser that
    /// composes the stream (Yams), which reports them with context.
    func check(_ text: String) throws(YAMLConversion.Failure) {
        let size = text.utf8.count
        if size > maxBytes {
            throw YAMLConversion.Failure(
                message: "the document is \(YAMLLimits.grouped(size)) bytes, over the limit of \(YAMLLimits.grouped(maxBytes)) bytes "
                    + "(CloudFormation's template size limit, 1 MB)")
        }
        var scanner = Scanner(limits: self)
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return }
        try bytes.withUnsafeMutableBufferPointer { (buffer) throws(YAMLConversion.Failure) in
            try scanner.scan(buffer)
        }
    }

    /// `1,048,576`.
    static func grouped(_ n: Int) -> String {
        var digits = Array(String(n))
        var i = digits.count - 3
        while i > 0 {
            digits.insert(",", at: i)
            i -= 3
        }
        return String(digits)
    }

    /// One pass over the events of a stream.
    private struct Scanner {
        let limits: YAMLLimits
        /// Anchor name → nodes its node stands for (expanded).
        var anchors: [String: Int] = [:]
        /// Open sequences and mappings.
        var frames: [Frame] = []
        /// Nodes counted so far (expanded), over the whole stream.
        var total = 0

        struct Frame {
            var anchor: String?
            var isMapping: Bool
            /// Nodes inside (expanded), the frame's own node included.
            var size = 1
            /// In a mapping: whether the next node is a key.
            var expectsKey: Bool
        }

        init(limits: YAMLLimits) { self.limits = limits }

        mutating func scan(_ buffer: UnsafeMutableBufferPointer<UInt8>) throws(YAMLConversion.Failure) {
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while true {
                // A syntax error: composing reports it, with Yams's context.
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
                func fail(_ message: String) -> YAMLConversion.Failure {
                    YAMLConversion.Failure(message: message, line: line, column: column)
                }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_SCALAR_EVENT:
                    try add(1, anchor: Scanner.name(event.data.scalar.anchor), fail)
                case YAML_ALIAS_EVENT:
                    if frames.last?.isMapping == true && frames.last?.expectsKey == true {
                        throw fail("an alias cannot be a mapping key (keys must be plain scalars)")
                    }
                    // An undefined alias: composing reports it.
                    guard let name = Scanner.name(event.data.alias.anchor), let size = anchors[name] else { return }
                    try add(size, anchor: nil, fail)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if frames.last?.isMapping == true && frames.last?.expectsKey == true {
                        throw fail("a mapping key must be a plain scalar, not a \(event.type == YAML_MAPPING_START_EVENT ? "mapping" : "sequence")")
                    }
                    if frames.count >= limits.maxDepth {
                        throw fail("YAML nested deeper than \(limits.maxDepth) levels")
                    }
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    let anchor = Scanner.name(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
                    try count(1, fail)
                    frames.append(Frame(anchor: anchor, isMapping: isMapping, expectsKey: isMapping))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let frame = frames.popLast() else { return }
                    if let anchor = frame.anchor { anchors[anchor] = frame.size }
                    // Already counted in `total` as its children arrived: only the parent's size grows.
                    attach(frame.size)
                default:
                    break
                }
            }
        }

        /// A scalar or an alias: `size` nodes more.
        private mutating func add(_ size: Int, anchor: String?, _ fail: (String) -> YAMLConversion.Failure) throws(YAMLConversion.Failure) {
            try count(size, fail)
            if let anchor { anchors[anchor] = size }
            attach(size)
        }

        private mutating func count(_ size: Int, _ fail: (String) -> YAMLConversion.Failure) throws(YAMLConversion.Failure) {
            let (sum, overflow) = total.addingReportingOverflow(size)
            if overflow || sum > limits.maxNodes {
                throw fail(
                    "the document stands for more than \(YAMLLimits.grouped(limits.maxNodes)) nodes once its aliases are expanded "
                        + "(a 1 MB template of real resources has about 90,000); nested aliases (\"billion laughs\") are refused")
            }
            total = sum
        }

        /// A finished node of `size` nodes joins the open collection.
        private mutating func attach(_ size: Int) {
            guard !frames.isEmpty else { return }
            frames[frames.count - 1].size = frames[frames.count - 1].size &+ size
            if frames[frames.count - 1].isMapping { frames[frames.count - 1].expectsKey.toggle() }
        }

        private static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            guard let pointer else { return nil }
            return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        }
    }
}
