import KumoJSON

/// A protocol and port range of a security-group rule.
///
/// ```swift
/// Port.tcp(5432)      // "5432"
/// Port.allTraffic     // every protocol, "ALL TRAFFIC"
/// ```
public struct Port: Hashable, Sendable, CustomStringConvertible {
    /// The IP protocol: `tcp`, `udp`, `icmp`, or `-1` for all.
    public let ipProtocol: String
    /// The first port of the range (`nil` for all traffic).
    public let fromPort: Int?
    /// The last port of the range (`nil` for all traffic).
    public let toPort: Int?
    /// How the port appears in rule construct IDs and default descriptions (CDK's `Port.toString()`).
    public let label: String

    /// A port range of `ipProtocol`, shown as `label`; prefer ``tcp(_:)``, ``udp(_:)`` and the other shortcuts.
    public init(ipProtocol: String, fromPort: Int?, toPort: Int?, label: String) {
        self.ipProtocol = ipProtocol
        self.fromPort = fromPort
        self.toPort = toPort
        self.label = label
    }

    /// One TCP port.
    public static func tcp(_ port: Int) -> Port { Port(ipProtocol: "tcp", fromPort: port, toPort: port, label: "\(port)") }
    /// A TCP port range.
    public static func tcpRange(_ from: Int, _ to: Int) -> Port {
        Port(ipProtocol: "tcp", fromPort: from, toPort: to, label: "\(from)-\(to)")
    }
    /// Every TCP port.
    public static var allTCP: Port { Port(ipProtocol: "tcp", fromPort: 0, toPort: 65535, label: "ALL PORTS") }
    /// One UDP port.
    public static func udp(_ port: Int) -> Port { Port(ipProtocol: "udp", fromPort: port, toPort: port, label: "UDP \(port)") }
    /// Every protocol and port.
    public static var allTraffic: Port { Port(ipProtocol: "-1", fromPort: nil, toPort: nil, label: "ALL TRAFFIC") }

    /// The label (`5432`, `ALL TRAFFIC`).
    public var description: String { label }

    /// `fromPort` as a rule's typed port.
    var fromPortValue: CfnInteger? { fromPort.map { CfnInteger($0) } }
    /// `toPort` as a rule's typed port.
    var toPortValue: CfnInteger? { toPort.map { CfnInteger($0) } }

    /// Why the port is not valid, or `nil`.
    var problem: String? {
        for port in [fromPort, toPort].compactMap({ $0 }) where !(0...65535).contains(port) && ipProtocol != "icmp" {
            return "port \(port) is outside 0-65535"
        }
        if let fromPort, let toPort, fromPort > toPort, ipProtocol != "icmp" {
            return "port range \(fromPort)-\(toPort) is reversed"
        }
        return nil
    }
}
