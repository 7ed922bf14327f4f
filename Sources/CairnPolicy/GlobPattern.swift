import Foundation

/// IAM's `*`/`?` wildcard matching, linear-ish and recursion-free.
///
/// Patterns come from untrusted policies and subjects from untrusted requests, so matching uses the greedy
/// two-pointer algorithm: on a mismatch it only ever retries from the most recent `*`, which bounds the work by
/// (pattern length + 1) × (subject length + 1) steps with no stack growth. Patterns are stored as tokens so a
/// literal `*` produced by `${*}` or a variable's value stays literal.
package struct GlobPattern: Sendable, Hashable {
    package static let star: UInt16 = 0x100
    package static let question: UInt16 = 0x101

    /// Matching strategy, chosen once: most IAM patterns are exact names, `*`, or a prefix followed by `*`.
    package enum Shape: UInt8, Sendable, Hashable {
        case anything
        case exact
        case prefix
        case general
    }

    package let tokens: [UInt16]
    package let shape: Shape
    /// The literal bytes for `.exact` and `.prefix` (stored flat so matching borrows instead of copying).
    package let literal: [UInt8]

    /// Wildcards in `text` are live.
    package init(_ text: String) {
        var tokens: [UInt16] = []
        tokens.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "*"): tokens.append(Self.star)
            case UInt8(ascii: "?"): tokens.append(Self.question)
            default: tokens.append(UInt16(b))
            }
        }
        self.init(tokens: tokens)
    }

    /// All of `text` is literal.
    package init(literal text: String) {
        self.init(tokens: text.utf8.map { UInt16($0) })
    }

    package init(tokens: [UInt16]) {
        self.tokens = tokens
        var wildcards = 0
        var onlyTrailingStar = false
        for (i, t) in tokens.enumerated() where t > 0xFF {
            wildcards += 1
            onlyTrailingStar = t == Self.star && i == tokens.count - 1
        }
        if tokens.count == 1 && tokens[0] == Self.star {
            shape = .anything
            literal = []
        } else if wildcards == 0 {
            shape = .exact
            literal = tokens.map { UInt8(truncatingIfNeeded: $0) }
        } else if wildcards == 1 && onlyTrailingStar {
            shape = .prefix
            literal = tokens.dropLast().map { UInt8(truncatingIfNeeded: $0) }
        } else {
            shape = .general
            literal = []
        }
    }

    package var hasWildcards: Bool { shape != .exact }

    @inlinable
    package func matches(_ subject: String) -> Bool {
        var s = subject
        return s.withUTF8 { matches($0) }
    }

    package func matches(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        switch shape {
        case .anything:
            return true
        case .exact:
            guard literal.count == subject.count else { return false }
            return literal.withUnsafeBufferPointer { Self.equalPrefix($0, subject) }
        case .prefix:
            guard literal.count <= subject.count else { return false }
            return literal.withUnsafeBufferPointer { Self.equalPrefix($0, subject) }
        case .general:
            var steps = 0
            return tokens.withUnsafeBufferPointer { Self.greedyMatch($0, subject, steps: &steps) }
        }
    }

    /// Most literals are a few bytes (ARN segments, action names): a plain loop beats a memcmp call.
    @inline(__always)
    private static func equalPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.count > 32 { return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        for i in 0..<a.count where a[i] != b[i] { return false }
        return true
    }

    /// The general algorithm, counting loop iterations so tests can prove the bound without a clock.
    package func matchCountingSteps(_ subject: String) -> (matched: Bool, steps: Int) {
        var steps = 0
        var s = subject
        let m = s.withUTF8 { sub in tokens.withUnsafeBufferPointer { Self.greedyMatch($0, sub, steps: &steps) } }
        return (m, steps)
    }

    /// Bytes 0b10xxxxxx continue a UTF-8 scalar; `?` must consume a whole scalar.
    @inline(__always)
    private static func nextScalar(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var j = i + 1
        while j < s.count, s[j] & 0xC0 == 0x80 { j += 1 }
        return j
    }

    static func greedyMatch(_ p: UnsafeBufferPointer<UInt16>, _ s: UnsafeBufferPointer<UInt8>, steps: inout Int) -> Bool {
        var pi = 0
        var si = 0
        var starP = -1
        var starS = 0
        while si < s.count {
            steps += 1
            if pi < p.count {
                let t = p[pi]
                if t == star {
                    starP = pi
                    pi += 1
                    starS = si
                    continue
                }
                if t == question {
                    pi += 1
                    si = nextScalar(s, si)
                    continue
                }
                if t == UInt16(s[si]) {
                    pi += 1
                    si += 1
                    continue
                }
            }
            guard starP >= 0 else { return false }
            pi = starP + 1
            starS = nextScalar(s, starS)
            si = starS
        }
        while pi < p.count, p[pi] == star {
            steps += 1
            pi += 1
        }
        return pi == p.count
    }
}
