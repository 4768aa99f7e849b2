import ArgumentParser

/// `kumo diff` — placeholder until its issue lands (replaced by the command's implementation).
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(in progress)", shouldDisplay: false)

    func run() throws {
        Output.err("kumo diff is not available in this build")
        throw ExitCode.inputError
    }
}
