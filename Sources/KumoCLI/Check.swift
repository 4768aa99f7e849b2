import ArgumentParser

/// `kumo check` — placeholder until its issue lands (replaced by the command's implementation).
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(in progress)", shouldDisplay: false)

    func run() throws {
        Output.err("kumo check is not available in this build")
        throw ExitCode.inputError
    }
}
