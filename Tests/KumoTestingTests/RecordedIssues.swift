import Synchronization
import Testing

/// The issues that KumoTesting's assertions record, observed instead of failing the test: a suite applies
/// ``RecordedIssues/trait`` (Swift Testing's issue-handling trait, `.compactMapIssues`), and
/// ``RecordedIssues/capture(_:)`` collects the issues recorded inside its body and returns them, so that the test
/// asserts on their text and location. Issues recorded outside a `capture` (a failing `#expect` of the test itself)
/// pass through and fail the test as usual.
enum RecordedIssues {
    /// Where `capture` collects (a task-local, so that parallel tests do not see each other's issues).
    final class Sink: Sendable {
        let issues = Mutex<[Issue]>([])
    }

    @TaskLocal static var sink: Sink?

    /// The trait that hands the issues recorded inside a `capture` to it (and removes them from the test's).
    static var trait: IssueHandlingTrait {
        .compactMapIssues { issue in
            guard let sink = RecordedIssues.sink else { return issue }
            sink.issues.withLock { $0.append(issue) }
            return nil
        }
    }

    /// Runs `body`; returns its result and the issues recorded meanwhile.
    static func capture<Result>(_ body: () throws -> Result) rethrows -> (Result, [Issue]) {
        let sink = Sink()
        let result = try $sink.withValue(sink) { try body() }
        return (result, sink.issues.withLock { $0 })
    }

    /// The text of each issue recorded by `body` (its comments, joined), and `body`'s result.
    static func messages<Result>(_ body: () throws -> Result) rethrows -> (Result, [String]) {
        let (result, issues) = try capture(body)
        return (result, issues.map { $0.comments.map(\.rawValue).joined(separator: "\n") })
    }
}
