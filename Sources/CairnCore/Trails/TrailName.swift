/// A trail name that satisfies CloudTrail's five naming rules.
///
/// Holding a `TrailName` proves the string was validated, so code downstream (ARN building, storage keys)
/// never re-checks it.
package struct TrailName: Hashable, Sendable, Comparable, CustomStringConvertible {
    package let value: String

    package static let minimumLength = 3
    package static let maximumLength = 128

    private init(unchecked value: String) { self.value = value }

    package var description: String { value }

    package static func < (lhs: TrailName, rhs: TrailName) -> Bool { lhs.value < rhs.value }

    /// Checks, in this order (the order moto verified against AWS for the first five; the last two
    /// follow because their inputs already passed the others): too short, too long, bad first character,
    /// bad last character, characters outside `[A-Za-z0-9._-]`, adjacent punctuation, IP-address form.
    ///
    /// Lengths are counted in UTF-16 code units, as AWS's Java services count them, so the number in the
    /// "too long" message matches what AWS would print for non-ASCII input.
    package static func validate(_ raw: String) throws(TrailRuleViolation) -> TrailName {
        let length = raw.utf16.count
        if length < minimumLength {
            throw .invalidTrailName(
                "Trail name too short. Minimum allowed length: \(minimumLength) characters. Specified name length: \(length) characters.")
        }
        if length > maximumLength {
            throw .invalidTrailName(
                "Trail name too long. Maximum allowed length: \(maximumLength) characters. Specified name length: \(length) characters.")
        }
        let scalars = Array(raw.unicodeScalars)
        if let first = scalars.first, !isASCIIAlphanumeric(first) {
            throw .invalidTrailName("Trail name must starts with a letter or number.")
        }
        if let last = scalars.last, !isASCIIAlphanumeric(last) {
            throw .invalidTrailName("Trail name must ends with a letter or number.")
        }
        if scalars.contains(where: { !isASCIIAlphanumeric($0) && !isPunctuation($0) }) {
            throw .invalidTrailName(
                "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).")
        }
        for (previous, next) in zip(scalars, scalars.dropFirst()) where isPunctuation(previous) && isPunctuation(next) {
            throw .invalidTrailName("Trail name cannot contain adjacent periods, underscores or hyphens.")
        }
        if looksLikeIPv4Address(raw) {
            throw .invalidTrailName("Trail name cannot be in IP address format.")
        }
        return TrailName(unchecked: raw)
    }

    /// `192.168.5.4` and anything else of the form `d{1,3}.d{1,3}.d{1,3}.d{1,3}`, whether or not each part
    /// is at most 255: AWS's rule is about the *format*.
    static func looksLikeIPv4Address(_ raw: String) -> Bool {
        let parts = raw.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                (1...3).contains(part.count) && part.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
            }
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "_" || scalar == "-"
    }
}
