package import Foundation

/// Where CloudTrail puts files in a bucket: `[prefix/]AWSLogs/[o-id/]account/CloudTrail[-Digest]/region/YYYY/MM/DD/…`.
package struct LogFileLayout: Sendable {
    package let keyPrefix: String?
    /// The organization id for an organization trail's files; nil for an account trail.
    package let organizationId: String?

    package init(keyPrefix: String?, organizationId: String?) {
        self.keyPrefix = keyPrefix.flatMap { $0.isEmpty ? nil : $0 }
        self.organizationId = organizationId
    }

    /// `account_CloudTrail_region_YYYYMMDDTHHmmZ_unique.json.gz` (`CloudTrail-Insight` for Insights events),
    /// stamped with the delivery time.
    package func logFileKey(account: String, region: String, deliveredAt: Date, unique: String, kind: String = "CloudTrail") -> String {
        let stamp = UTCTimestamp.compact(deliveredAt)
        let minute = stamp.prefix(13) + "Z"
        return folder(account: account, kind: kind, region: region, date: deliveredAt)
            + "\(account)_\(kind)_\(region)_\(minute)_\(unique).json.gz"
    }

    /// `account_CloudTrail-Digest_region_trailName_homeRegion_YYYYMMDDTHHmmssZ.json.gz`, stamped with the
    /// digest's end time (aws cloudtrail validate-logs reads the time back from these 16 characters).
    package func digestKey(account: String, region: String, trailName: String, homeRegion: String, endTime: Date) -> String {
        folder(account: account, kind: "CloudTrail-Digest", region: region, date: endTime)
            + "\(account)_CloudTrail-Digest_\(region)_\(trailName)_\(homeRegion)_\(UTCTimestamp.compact(endTime)).json.gz"
    }

    private func folder(account: String, kind: String, region: String, date: Date) -> String {
        let stamp = UTCTimestamp.compact(date)
        let (y, m, d) = (stamp.prefix(4), stamp.dropFirst(4).prefix(2), stamp.dropFirst(6).prefix(2))
        var path = keyPrefix.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        path += "AWSLogs/"
        if let organizationId { path += organizationId + "/" }
        return path + "\(account)/\(kind)/\(region)/\(y)/\(m)/\(d)/"
    }

    /// The 16 letters and digits that keep two files of one minute apart.
    package static func uniqueSuffix<G: RandomNumberGenerator>(using generator: inout G) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
