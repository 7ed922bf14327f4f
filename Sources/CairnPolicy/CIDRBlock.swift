/// An IpAddress/NotIpAddress value: an IPv4 or IPv6 network. A bare address is a /32 or /128 host route.
/// The two families never match each other, including IPv4-mapped IPv6 addresses (AWS compares as written).
package struct CIDRBlock: Sendable, Hashable {
    package let isV6: Bool
    package let network: IPAddress
    package let prefixLength: Int
    private let maskHigh: UInt64
    private let maskLow: UInt64

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
        // IPv4 lives in the low 32 bits; left-align the prefix within the family's width.
        let bits = addr.isV6 ? len : 96 + len
        maskHigh = bits >= 64 ? .max : (bits == 0 ? 0 : ~(UInt64.max >> UInt64(bits)))
        let lowBits = bits - 64
        maskLow = lowBits <= 0 ? 0 : (lowBits >= 64 ? .max : ~(UInt64.max >> UInt64(lowBits)))
        isV6 = addr.isV6
        prefixLength = len
        network = IPAddress(isV6: addr.isV6, high: addr.high & maskHigh, low: addr.low & maskLow)
    }

    package func contains(_ address: IPAddress) -> Bool {
        address.isV6 == isV6 && address.high & maskHigh == network.high && address.low & maskLow == network.low
    }
}

/// An IP address as two 64-bit halves (IPv4 in the low 32 bits), parsed without allocating because every
/// IpAddress condition parses the request's `aws:SourceIp`.
package struct IPAddress: Sendable, Hashable {
    package let isV6: Bool
    package let high: UInt64
    package let low: UInt64

    init(isV6: Bool, high: UInt64, low: UInt64) {
        self.isV6 = isV6
        self.high = high
        self.low = low
    }

    package init?(_ text: some StringProtocol) {
        var s = String(text)
        let parsed: (Bool, UInt64, UInt64)? = s.withUTF8 { b in
            if b.contains(UInt8(ascii: ":")) {
                guard let (h, l) = Self.parseV6(b) else { return nil }
                return (true, h, l)
            }
            guard let v4 = Self.parseV4(b[...]) else { return nil }
            return (false, 0, UInt64(v4))
        }
        guard let parsed else { return nil }
        (isV6, high, low) = parsed
    }

    static func parseV4(_ b: Slice<UnsafeBufferPointer<UInt8>>) -> UInt32? {
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var dots = 0
        for c in b {
            if c == UInt8(ascii: ".") {
                guard digits > 0 else { return nil }
                value = value << 8 | octet
                octet = 0
                digits = 0
                dots += 1
                guard dots <= 3 else { return nil }
            } else if c >= 0x30 && c <= 0x39 {
                digits += 1
                octet = octet * 10 + UInt32(c - 0x30)
                guard digits <= 3, octet <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard dots == 3, digits > 0 else { return nil }
        return value << 8 | octet
    }

    static func parseV6(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard b.count <= 45 else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var afterGap = false
        var i = 0
        if b.count >= 2 && b[0] == UInt8(ascii: ":") && b[1] == UInt8(ascii: ":") {
            afterGap = true
            i = 2
        } else if b.first == UInt8(ascii: ":") {
            return nil
        }
        while i < b.count {
            // Find the end of this group.
            var j = i
            while j < b.count && b[j] != UInt8(ascii: ":") { j += 1 }
            let group = b[i..<j]
            if group.contains(UInt8(ascii: ".")) {
                guard j == b.count, let v4 = parseV4(group) else { return nil }
                let parts = [UInt16(v4 >> 16), UInt16(v4 & 0xFFFF)]
                if afterGap { tail += parts } else { head += parts }
                i = j
                break
            }
            guard !group.isEmpty, group.count <= 4 else { return nil }
            var v: UInt16 = 0
            for c in group {
                let d: UInt16
                switch c {
                case 0x30...0x39: d = UInt16(c - 0x30)
                case 0x41...0x46: d = UInt16(c - 0x41 + 10)
                case 0x61...0x66: d = UInt16(c - 0x61 + 10)
                default: return nil
                }
                v = v << 4 | d
            }
            if afterGap { tail.append(v) } else { head.append(v) }
            i = j
            if i < b.count {
                // Skip ':' and detect '::'.
                i += 1
                if i < b.count && b[i] == UInt8(ascii: ":") {
                    guard !afterGap else { return nil }
                    afterGap = true
                    i += 1
                } else if i == b.count {
                    return nil
                }
            }
        }
        if afterGap {
            guard head.count + tail.count <= 7 else { return nil }
        } else {
            guard head.count == 8 else { return nil }
        }
        let all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        var high: UInt64 = 0
        var low: UInt64 = 0
        for k in 0..<4 { high = high << 16 | UInt64(all[k]) }
        for k in 4..<8 { low = low << 16 | UInt64(all[k]) }
        return (high, low)
    }
}
