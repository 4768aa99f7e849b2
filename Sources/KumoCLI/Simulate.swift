import ArgumentParser

/// `kumo simulate` — placeholder until its issue lands (replaced by the command's implementation).
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(in progress)", shouldDisplay: false)

    func run() throws {
        Output.err("kumo simulate is not available in this build")
        throw ExitCode.inputError
    }
}
