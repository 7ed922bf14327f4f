import Foundation

/// An IpAddress/NotIpAddress value: an IPv4 or IPv6 network. A bare address is a /32 or /128 host route.
/// The two families never match each other, including IPv4-mapped IPv6 addresses (AWS compares as written).
package struct CIDRBlock: Sendable, Hashable {
    package let isV6: Bool
    /// 16 bytes; IPv4 uses the first 4.
    package let network: [UInt8]
    package let prefixLength: Int

    package init?(_ text: String) {
        var addressText = Substring(text)
        var prefix: Int?
        if let slash = text.firstIndex(of: "/") {
            addressText = text[..<slash]
            let p = text[text.index(after: slash)...]
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p) else { return nil }
            prefix = n
        }
        guard let addr = IPAddress(addressText) else { return nil }
        let maxLen = addr.isV6 ? 128 : 32
        let len = prefix ?? maxLen
        guard len <= maxLen else { return nil }
        isV6 = addr.isV6
        prefixLength = len
        network = Self.mask(addr.bytes, len)
    }

    private static func mask(_ bytes: [UInt8], _ len: Int) -> [UInt8] {
        var out = bytes
        for i in 0..<out.count {
            let bitsHere = max(0, min(8, len - i * 8))
            out[i] &= bitsHere == 0 ? 0 : UInt8(truncatingIfNeeded: 0xFF << (8 - bitsHere))
        }
        return out
    }

    package func contains(_ address: IPAddress) -> Bool {
        guard address.isV6 == isV6 else { return false }
        return Self.mask(address.bytes, prefixLength) == network
    }
}

/// A parsed IP address from the request context.
package struct IPAddress: Sendable, Hashable {
    package let isV6: Bool
    package let bytes: [UInt8]

    package init?(_ text: some StringProtocol) {
        if text.contains(":") {
            guard let b = Self.parseV6(Substring(text)) else { return nil }
            isV6 = true
            bytes = b
        } else {
            guard let b = Self.parseV4(Substring(text)) else { return nil }
            isV6 = false
            bytes = b
        }
    }

    static func parseV4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p), n <= 255 else {
                return nil
            }
            out.append(UInt8(n))
        }
        return out
    }

    static func parseV6(_ text: Substring) -> [UInt8]? {
        guard text.count <= 45 else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        sawGap = halves.count == 2
        func groups(_ s: String, allowV4Tail: Bool) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            let items = s.split(separator: ":", omittingEmptySubsequences: false)
            for (i, item) in items.enumerated() {
                if item.contains("."), allowV4Tail, i == items.count - 1 {
                    guard let v4 = parseV4(item) else { return nil }
                    out.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
                    out.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
                    continue
                }
                guard !item.isEmpty, item.count <= 4, let v = UInt16(item, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        if sawGap {
            guard let h = groups(halves[0], allowV4Tail: false), let t = groups(halves[1], allowV4Tail: true) else {
                return nil
            }
            head = h
            tail = t
            guard head.count + tail.count <= 7 else { return nil }
        } else {
            guard let h = groups(halves[0], allowV4Tail: true), h.count == 8 else { return nil }
            head = h
        }
        let all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        var out: [UInt8] = []
        for g in all {
            out.append(UInt8(g >> 8))
            out.append(UInt8(g & 0xFF))
        }
        return out
    }
}
