import Dispatch
import Foundation

extension Array {
    /// `map` on every core, order kept, for large arrays whose elements can be transformed independently
    /// (`transform` must not mutate state another element's transformation reads). Below `threshold` elements
    /// it is a plain `map`: spreading small work costs more than it saves.
    func concurrentMap<R>(threshold: Int = 256, _ transform: (Element) -> R) -> [R] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard count >= threshold, cores > 1 else { return map(transform) }
        var results = [R?](repeating: nil, count: count)
        let chunks = cores * 4
        results.withUnsafeMutableBufferPointer { output in
            withoutActuallyEscaping(transform) { transform in
                let work = ConcurrentWork(items: self, output: output, transform: transform)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    let lower = work.items.count * chunk / chunks
                    let upper = work.items.count * (chunk + 1) / chunks
                    for i in lower..<upper { work.output[i] = work.transform(work.items[i]) }
                }
            }
        }
        return results.map { $0! }
    }
}

/// What the worker threads share: the input (read), the output (each index written by exactly one thread), the
/// transformation (run on disjoint elements). Sound under the contract of ``Array/concurrentMap(threshold:_:)``.
private struct ConcurrentWork<Element, R>: @unchecked Sendable {
    let items: [Element]
    let output: UnsafeMutableBufferPointer<R?>
    let transform: (Element) -> R
}
