import AIOSSystem

/// An IPv4 or IPv6 address, and the kinds of address a webhook must not reach.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6, in network order.
    public let bytes: [UInt8]

    /// Why an address is not a public, unicast destination.
    public enum Restriction: String, Sendable, Hashable {
        case loopback
        case privateNetwork = "private"
        case linkLocal = "link-local"
        case sharedAddressSpace = "carrier-grade NAT"
        /// Cloud instance metadata services (169.254.169.254, fd00:ec2::254): credentials live there.
        case cloudMetadata = "cloud metadata"
        case unspecified
        case multicast
        /// Reserved, documentation and benchmarking ranges: not reachable on the internet.
        case reserved

        /// Whether `AIOS_WEBHOOK_ALLOW_PRIVATE=1` lifts the restriction. Metadata endpoints,
        /// multicast and reserved ranges stay refused: no legitimate receiver lives there.
        public var allowedWithPrivateOptIn: Bool {
            switch self {
            case .loopback, .privateNetwork, .linkLocal, .sharedAddressSpace, .unspecified: true
            case .cloudMetadata, .multicast, .reserved: false
            }
        }
    }

    /// An address from its bytes.
    ///
    /// - Parameter bytes: 4 (IPv4) or 16 (IPv6) bytes in network order.
    /// - Returns: `nil` for any other length.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses the canonical text forms: dotted-quad IPv4 or RFC 4291 IPv6 (no brackets, no zone).
    ///
    /// - Parameter text: e.g. `192.0.2.1` or `2001:db8::1`.
    /// - Returns: `nil` when `text` is neither.
    public init?(parsing text: String) {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }

    /// Whether this is an IPv4 address (4 bytes).
    public var isIPv4: Bool { bytes.count == 4 }

    /// The text form (`inet_ntop`), e.g. `127.0.0.1` or `::1`.
    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = isIPv4 ? AF_INET : AF_INET6
        let ok = bytes.withUnsafeBytes { raw in inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)) != nil }
        guard ok else { return bytes.map(String.init).joined(separator: ".") }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// How the address is used in a URL's authority: IPv6 in brackets.
    public var uriHost: String { isIPv4 ? description : "[\(description)]" }

    /// Why a webhook must not be sent here, or `nil` for a public unicast address.
    public var restriction: Restriction? {
        isIPv4 ? Self.restriction(v4: bytes) : Self.restriction(v6: bytes)
    }

    private static func restriction(v4 b: [UInt8]) -> Restriction? {
        switch (b[0], b[1], b[2], b[3]) {
        case (169, 254, 169, 254): return .cloudMetadata
        case (100, 100, 100, 200): return .cloudMetadata  // Alibaba Cloud
        case (0, _, _, _): return .unspecified
        case (10, _, _, _): return .privateNetwork
        case (100, 64...127, _, _): return .sharedAddressSpace
        case (127, _, _, _): return .loopback
        case (169, 254, _, _): return .linkLocal
        case (172, 16...31, _, _): return .privateNetwork
        case (192, 168, _, _): return .privateNetwork
        case (192, 0, 0, _), (192, 0, 2, _), (198, 51, 100, _), (203, 0, 113, _), (198, 18...19, _, _): return .reserved
        case (224...239, _, _, _): return .multicast
        case (240...255, _, _, _): return .reserved
        default: return nil
        }
    }

    private static func restriction(v6 b: [UInt8]) -> Restriction? {
        let metadata: [UInt8] = [0xfd, 0x00, 0x0e, 0xc2] + Array(repeating: 0, count: 10) + [0x02, 0x54]
        if b == metadata { return .cloudMetadata }
        if b.prefix(15).allSatisfy({ $0 == 0 }) {
            return b[15] == 1 ? .loopback : b[15] == 0 ? .unspecified : .reserved
        }
        // Addresses that carry an IPv4 address: judge the IPv4 address they lead to.
        if b.prefix(10).allSatisfy({ $0 == 0 }) && b[10] == 0xff && b[11] == 0xff {  // ::ffff:a.b.c.d
            return restriction(v4: Array(b[12..<16]))
        }
        if b.prefix(8) == [0, 0, 0, 0, 0, 0, 0, 0] && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0 {
            return restriction(v4: Array(b[12..<16]))  // SIIT IPv4-translated ::ffff:0:a.b.c.d (RFC 6052 §2.1)
        }
        if b.prefix(12) == [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0] {  // NAT64 64:ff9b::/96
            return restriction(v4: Array(b[12..<16]))
        }
        if b.prefix(6) == [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01] {
            // Local-use NAT64 64:ff9b:1::/48 (RFC 8215): a translator on the operator's own
            // network, never routed on the internet, so private whatever IPv4 address it carries.
            return restriction(v4: Array(b[12..<16])) ?? .privateNetwork
        }
        if b.prefix(4) == [0x20, 0x01, 0x00, 0x00] {  // Teredo 2001::/32: the client's IPv4 address, inverted
            return restriction(v4: b[12..<16].map { ~$0 })
        }
        if b[0] == 0x20 && b[1] == 0x02 {  // 6to4 2002::/16
            return restriction(v4: Array(b[2..<6]))
        }
        if b.prefix(12).allSatisfy({ $0 == 0 }) { return .reserved }  // deprecated IPv4-compatible
        if b[0] & 0xfe == 0xfc { return .privateNetwork }  // fc00::/7 unique local
        if b[0] == 0xfe && b[1] & 0xc0 == 0x80 { return .linkLocal }  // fe80::/10
        if b[0] == 0xfe && b[1] & 0xc0 == 0xc0 { return .privateNetwork }  // fec0::/10 site-local
        if b[0] == 0xff { return .multicast }
        if b.prefix(4) == [0x20, 0x01, 0x0d, 0xb8] { return .reserved }  // documentation
        if b.prefix(8) == [0x01, 0, 0, 0, 0, 0, 0, 0] { return .reserved }  // discard 100::/64
        return nil
    }
}
