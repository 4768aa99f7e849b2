/// A template could not be read or understood: where (file, resource, property path) and why.
public struct ReaderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file, when known.
    public var file: String?
    /// `Resources.RoleX.Properties.AssumeRolePolicyDocument`, when known.
    public var location: String?
    public var message: String

    public init(file: String? = nil, location: String? = nil, _ message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String {
        var prefix = ""
        if let file { prefix += file + ": " }
        if let location { prefix += location + ": " }
        // A message may quote a resolved value: its symbols are shown, never their encoding.
        return Symbol.readable(prefix + message)
    }

    func at(_ location: String) -> ReaderError {
        var copy = self
        if copy.location == nil { copy.location = location }
        return copy
    }

    func inFile(_ file: String) -> ReaderError {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }
}
