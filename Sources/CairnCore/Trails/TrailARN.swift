/// `arn:<partition>:cloudtrail:<homeRegion>:<ownerAccountId>:trail/<name>`: the one identity of a trail.
///
/// The ARN always carries the *home* Region and the *owner* account, even when the trail is seen as a
/// shadow in another Region or another account, so a shadow and its original are the same value.
package struct TrailARN: Hashable, Sendable, Comparable, CustomStringConvertible {
    package let partition: String
    package let region: String
    package let accountId: String
    package let name: TrailName

    /// Every trail of an account in a region (`trail/*`): what calls that name no single trail act on.
    package static func anyTrail(partition: String, region: String, accountId: String) -> String {
        "arn:\(partition):cloudtrail:\(region):\(accountId):trail/*"
    }

    package init(partition: String, region: String, accountId: String, name: TrailName) {
        self.partition = partition
        self.region = region
        self.accountId = accountId
        self.name = name
    }

    package var description: String { "arn:\(partition):cloudtrail:\(region):\(accountId):trail/\(name.value)" }

    package static func < (lhs: TrailARN, rhs: TrailARN) -> Bool { lhs.description < rhs.description }

    /// Parses a full trail ARN. Any deviation, including a name part that breaks the naming rules, is a
    /// malformed ARN (`CloudTrailARNInvalidException`), not an invalid name: the caller sent an ARN.
    /// Partition and Region are checked for shape only; whether the Region exists is the caller's business.
    package static func parse(_ raw: String) throws(TrailRuleViolation) -> TrailARN {
        let parts = raw.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "cloudtrail",
            isPartition(parts[1]), isRegion(parts[3]), isAccountId(parts[4]),
            parts[5].hasPrefix("trail/")
        else { throw .malformedTrailARN(raw) }
        let name: TrailName
        do {
            name = try TrailName.validate(String(parts[5].dropFirst("trail/".count)))
        } catch {
            throw .malformedTrailARN(raw)
        }
        return TrailARN(partition: String(parts[1]), region: String(parts[3]), accountId: String(parts[4]), name: name)
    }

    static func isPartition(_ part: Substring) -> Bool {
        !part.isEmpty && part.first != "-" && part.last != "-"
            && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || $0 == "-" }
    }

    static func isRegion(_ part: Substring) -> Bool {
        !part.isEmpty && part.first != "-" && part.last != "-"
            && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isAccountId(_ part: Substring) -> Bool {
        part.count == 12 && part.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }
}
