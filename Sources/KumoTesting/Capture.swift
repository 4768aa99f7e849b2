import KumoJSON
import Synchronization

/// Records the values a ``Match/capture(_:_:)`` pattern matched, for assertions on them afterwards (AWS CDK's
/// `Capture`).
///
/// ```swift
/// let roleName = Capture()
/// template.hasResourceProperties("AWS::IAM::Role", ["RoleName": .capture(roleName), "Path": "/"])
/// #expect(roleName.string == "role-github")
/// ```
///
/// Each assertion that uses the capture first clears it, then records the value of every resource that
/// matched, in template order; ``value`` is the current one and ``next()`` moves to the following one.
public final class Capture: Sendable, CustomStringConvertible {
    private struct State {
        var values: [JSON] = []
        var position = 0
    }

    private let state = Mutex(State())

    /// An empty capture: use it in a pattern, then read what it recorded.
    public init() {}

    /// Every recorded value, in order.
    public var values: [JSON] { state.withLock { $0.values } }

    /// The current value (`nil` before anything was captured).
    public var value: JSON? {
        state.withLock { $0.position < $0.values.count ? $0.values[$0.position] : nil }
    }

    /// Moves to the next recorded value; `false` (staying put) when there is none.
    @discardableResult
    public func next() -> Bool {
        state.withLock { state in
            guard state.position + 1 < state.values.count else { return false }
            state.position += 1
            return true
        }
    }

    /// The current value as a string, when it is one.
    public var string: String? { value?.stringValue }
    /// The current value as a number, when it is one.
    public var number: Double? { value?.numberValue }
    /// The current value as a boolean, when it is one.
    public var bool: Bool? { value?.boolValue }
    /// The current value as an array, when it is one.
    public var array: [JSON]? { value?.arrayValue }
    /// The current value as an object, when it is one.
    public var object: JSONObject? { value?.objectValue }

    /// `Capture(<value>, …)`: every recorded value, as compact JSON.
    public var description: String {
        let values = values
        return "Capture(\(values.map { $0.serialized() }.joined(separator: ", ")))"
    }

    func reset() { state.withLock { $0 = State() } }

    func record(_ value: JSON) { state.withLock { $0.values.append(value) } }
}
