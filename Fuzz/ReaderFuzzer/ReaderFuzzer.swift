import Foundation
import KumoAnalysis

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
        var generator = SplitMix(seed: seed)
        var stages = [Int](repeating: 0, count: 5)
        let started = Date()
        for i in 0..<runs {
            let input = Mutator.mutate(seeds[Int(generator.next() % UInt64(seeds.count))], &generator)
            stages[ReaderFuzzing.run(input)] += 1
            if (i + 1) % 100_000 == 0 { print("#\(i + 1) inputs, \(Int(Date().timeIntervalSince(started))) s") }
        }
        print("done: \(runs) inputs in \(String(format: "%.1f", Date().timeIntervalSince(started))) s, no crash; "
            + "reached: not a template \(stages[0]), template rejected \(stages[1]), cyclic \(stages[2]), IAM rejected \(stages[3]), checked \(stages[4])")
    }
}

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

/// Byte-level and token-level mutations, several per input (as libFuzzer's default mutators do).
enum Mutator {
    static let tokens: [[UInt8]] = [
        "{", "}", "[", "]", ":", ",", "\"", "\\", "${", "${!", "\"Ref\"", "\"Fn::GetAtt\"", "\"Fn::Sub\"", "\"Fn::Join\"",
        "\"Fn::Select\"", "\"Fn::Split\"", "\"Fn::If\"", "\"Condition\"", "\"Fn::FindInMap\"", "\"Fn::ImportValue\"",
        "\"AWS::IAM::Role\"", "\"AWS::IAM::OIDCProvider\"", "\"AWS::EKS::Cluster\"", "\"StringLike\"", "\"ForAllValues:StringEquals\"",
        "\"NullIfExists\"", "\"*\"", ":oidc-provider/", "-1", "1e308", "null", "true", "!Ref ", "!Sub ", "\n- ", ": &a ", "*a",
        "\u{E000}", "\u{FEFF}",
    ].map { Array($0.utf8) }

    static func mutate(_ seed: [UInt8], _ g: inout SplitMix) -> [UInt8] {
        var data = seed
        for _ in 0..<(1 + Int(g.next() % 4)) {
            let position = data.isEmpty ? 0 : Int(g.next() % UInt64(data.count))
            switch g.next() % 6 {
            case 0 where !data.isEmpty: data[position] = UInt8(truncatingIfNeeded: g.next())
            case 1 where !data.isEmpty: data.remove(at: position)
            case 2: data.insert(contentsOf: tokens[Int(g.next() % UInt64(tokens.count))], at: position)
            case 3 where data.count > 1:
                let end = min(data.count, position + 1 + Int(g.next() % 64))
                data.removeSubrange(position..<end)
            case 4 where data.count > 1:
                let start = Int(g.next() % UInt64(data.count))
                let end = min(data.count, start + 1 + Int(g.next() % 64))
                data.insert(contentsOf: data[start..<end], at: position)
            default:
                if !data.isEmpty { data[position] ^= UInt8(1 << (g.next() % 8)) }
            }
        }
        return data
    }
}
#endif
