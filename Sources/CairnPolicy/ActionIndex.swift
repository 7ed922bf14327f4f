/// Finds the statements whose Action patterns could match a request's action without testing each one.
///
/// Every pattern has a literal prefix (the text before its first `*` or `?`): `cloudtrail:Get*` → `cloudtrail:get`,
/// `s3:GetObject` → `s3:getobject`, `*` → ``. A pattern can only match actions that start with its literal
/// prefix, so a statement is filed under its patterns' prefixes and a request looks up each prefix of its
/// own action. Within one statement, a prefix extended by another of its prefixes is dropped, so no statement
/// is filed twice along any one action's prefixes: candidates come out without duplicates and without a
/// per-decision visited set. NotAction statements are filed under the empty prefix (candidates always).
package struct ActionIndex: Sendable {
    private struct Bucket: Sendable {
        var prefix: [UInt8]
        var statements: [Int32]
    }

    /// FNV-1a of the prefix → buckets with that hash (collisions resolved by comparing bytes).
    private var buckets: [UInt64: [Bucket]] = [:]
    /// lengthPresent[n]: some bucket has a prefix of length n (saves hashing lookups for absent lengths).
    private var lengthPresent: [Bool] = []
    private var always: [Int32] = []

    package init() {}

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h = fnvOffset
        for b in bytes { h = (h ^ UInt64(b)) &* fnvPrime }
        return h
    }

    package mutating func add(_ statement: Int32, patterns: [ActionPattern], negated: Bool) {
        if negated {
            always.append(statement)
            return
        }
        var prefixes: [[UInt8]] = []
        for p in patterns {
            var lit: [UInt8] = []
            for t in p.glob.tokens {
                if t > 0xFF { break }
                lit.append(UInt8(t))
            }
            prefixes.append(lit)
        }
        // Keep only prefixes not extending another of this statement's prefixes; drop duplicates.
        var kept: [[UInt8]] = []
        for (i, p) in prefixes.enumerated() {
            let redundant = prefixes.enumerated().contains { j, q in
                j != i && q.count <= p.count && p.starts(with: q) && (q.count < p.count || j < i)
            }
            if !redundant { kept.append(p) }
        }
        for p in kept {
            if p.isEmpty {
                always.append(statement)
                continue
            }
            let h = Self.hash(p)
            if let idx = buckets[h]?.firstIndex(where: { $0.prefix == p }) {
                buckets[h]![idx].statements.append(statement)
            } else {
                buckets[h, default: []].append(Bucket(prefix: p, statements: [statement]))
            }
            if lengthPresent.count <= p.count { lengthPresent += Array(repeating: false, count: p.count + 1 - lengthPresent.count) }
            lengthPresent[p.count] = true
        }
    }

    /// Calls `body` once for every statement that might match `action` (lowercased bytes).
    @inline(__always)
    package func forEachCandidate(_ action: [UInt8], _ body: (Int32) -> Void) {
        for i in always { body(i) }
        if buckets.isEmpty { return }
        var h = Self.fnvOffset
        let limit = min(action.count, lengthPresent.count - 1)
        if limit < 1 { return }
        for n in 1...limit {
            h = (h ^ UInt64(action[n - 1])) &* Self.fnvPrime
            guard lengthPresent[n], let list = buckets[h] else { continue }
            for bucket in list where bucket.prefix.count == n && bucket.prefix.elementsEqual(action[0..<n]) {
                for i in bucket.statements { body(i) }
            }
        }
    }
}
