/// An IPv4 CIDR block (`10.0.0.0/16`), for planning subnets at synthesis.
public struct IPv4CIDR: Hashable, Sendable, CustomStringConvertible {
    /// The network address as a 32-bit number.
    public let address: UInt32
    /// The prefix length, 0–32.
    public let prefixLength: Int

    /// Parses `a.b.c.d/n`; `nil` when malformed or when host bits are set (`10.0.0.1/16`).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix), parts[1].allSatisfy(\.isNumber)
        else { return nil }
        let octets = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var address: UInt32 = 0
        for octet in octets {
            guard !octet.isEmpty, octet.count <= 3, octet.allSatisfy(\.isNumber), let n = UInt32(octet), n <= 255 else {
                return nil
            }
            address = address << 8 | n
        }
        self.init(address: address, prefixLength: prefix)
        if address & ~IPv4CIDR.netmask(prefix) != 0 { return nil }
    }

    /// A block at `address` (host bits cleared) with `prefixLength`.
    public init(address: UInt32, prefixLength: Int) {
        self.prefixLength = prefixLength
        self.address = address & IPv4CIDR.netmask(prefixLength)
    }

    static func netmask(_ prefix: Int) -> UInt32 { prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix) }

    /// Number of addresses in the block.
    public var size: UInt64 { 1 << UInt64(32 - prefixLength) }
    /// The last address of the block.
    public var lastAddress: UInt32 { address | ~IPv4CIDR.netmask(prefixLength) }

    /// Whether the two blocks share any address.
    public func overlaps(_ other: IPv4CIDR) -> Bool { address <= other.lastAddress && other.address <= lastAddress }
    /// Whether `other` lies entirely inside this block.
    public func contains(_ other: IPv4CIDR) -> Bool { other.address >= address && other.lastAddress <= lastAddress }

    /// `10.0.0.0/16`.
    public var description: String {
        "\(address >> 24).\(address >> 16 & 255).\(address >> 8 & 255).\(address & 255)/\(prefixLength)"
    }
}

/// Hands out consecutive subnet blocks of a VPC block, in order, as AWS CDK's `NetworkBuilder` does.
struct SubnetAllocator {
    let network: IPv4CIDR
    private(set) var next: UInt64

    init(_ network: IPv4CIDR) {
        self.network = network
        next = UInt64(network.address)
    }

    /// The addresses not handed out yet.
    var remaining: UInt64 { UInt64(network.lastAddress) + 1 - next }

    /// The next block with `prefixLength` (aligned on its size), or `nil` when the VPC block is exhausted.
    mutating func allocate(prefixLength: Int) -> IPv4CIDR? {
        let size = UInt64(1) << UInt64(32 - prefixLength)
        let start = (next + size - 1) / size * size
        guard start + size - 1 <= UInt64(network.lastAddress) else { return nil }
        next = start + size
        return IPv4CIDR(address: UInt32(start), prefixLength: prefixLength)
    }

    /// CDK's `maskForRemainingSubnets`: the longest prefix that gives `count` equal blocks of the rest.
    func prefixForRemaining(count: Int) -> Int? {
        guard count > 0 else { return nil }
        let perSubnet = remaining / UInt64(count)
        guard perSubnet >= 16 else { return nil }
        var bits = 0
        while (UInt64(1) << UInt64(bits + 1)) <= perSubnet { bits += 1 }
        return 32 - bits
    }
}
