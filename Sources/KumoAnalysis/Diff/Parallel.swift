import Dispatch

/// Runs two independent pieces of work at once (the old and the new side of a diff use the second core).
///
/// Each closure must only touch its own state: the two sides of a diff share nothing (each has its own
/// template and resolver), which is what makes the unchecked hand-over below sound.
public enum Parallel {
    public static func both<A, B, E: Error>(_ a: () throws(E) -> A, _ b: () throws(E) -> B) throws(E) -> (A, B) {
        let results = Results<A, B, E>()
        withoutActuallyEscaping(a) { a in
            withoutActuallyEscaping(b) { b in
                let work = Work(a: a, b: b)
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    if index == 0 {
                        do throws(E) { results.a = .success(try work.a()) } catch { results.a = .failure(error) }
                    } else {
                        do throws(E) { results.b = .success(try work.b()) } catch { results.b = .failure(error) }
                    }
                }
            }
        }
        return (try results.a!.get(), try results.b!.get())
    }

    /// The closures, handed to the worker threads (each runs on exactly one).
    private struct Work<A, B, E: Error>: @unchecked Sendable {
        let a: () throws(E) -> A
        let b: () throws(E) -> B
    }

    /// The results; each slot is written by one thread, read after both finished.
    private final class Results<A, B, E: Error>: @unchecked Sendable {
        var a: Result<A, E>?
        var b: Result<B, E>?
    }
}
