import Foundation
import KumoFuzzing

#if KUMO_LIBFUZZER
/// libFuzzer's entry point (built by scripts/fuzz-reader with -sanitize=fuzzer,address).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplateReader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ReaderFuzzing.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links an executable target's `main` to `<module>_main`: hand over to libFuzzer's driver from there.
@_cdecl("kumo_fuzz_reader_main")
public func kumoFuzzReaderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzTemplateReader(data, size) }
}
#else
/// Without libFuzzer (a plain `swift build`): a random-mutation driver over the seed corpus, so that the target
/// always builds and can run anywhere. `kumo-fuzz-reader [CORPUS_DIR] [-runs=N] [-seed=S]`.
@main
struct ReaderFuzzer {
    static func main() {
        var runs = 100_000
        var seed: UInt64 = 1
        var corpus = "Fuzz/corpus"
        for argument in CommandLine.arguments.dropFirst() {
            if argument.hasPrefix("-runs="), let n = Int(argument.dropFirst(6)) { runs = n }
            else if argument.hasPrefix("-seed="), let s = UInt64(argument.dropFirst(6)) { seed = s }
            else { corpus = argument }
        }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []).sorted()
        var seeds = files.compactMap { FileManager.default.contents(atPath: corpus + "/" + $0).map { [UInt8]($0) } }
        if seeds.isEmpty { seeds = [Array(#"{"Resources": {}}"#.utf8)] }
        var generator = ReaderFuzzing.Generator(seed: seed)
        var stages = [Int](repeating: 0, count: 5)
        let started = Date()
        for i in 0..<runs {
            let input = ReaderFuzzing.mutate(seeds[Int(generator.next() % UInt64(seeds.count))], &generator)
            stages[ReaderFuzzing.run(input)] += 1
            if (i + 1) % 100_000 == 0 { print("#\(i + 1) inputs, \(Int(Date().timeIntervalSince(started))) s") }
        }
        print("done: \(runs) inputs in \(String(format: "%.1f", Date().timeIntervalSince(started))) s, no crash; "
            + "reached: not a template \(stages[0]), template rejected \(stages[1]), cyclic \(stages[2]), IAM rejected \(stages[3]), checked \(stages[4])")
    }
}
#endif
