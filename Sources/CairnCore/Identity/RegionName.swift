/// Region names as AWS spells them: `us-east-1`, `eu-central-2`, `us-gov-west-1`.
package enum RegionName {
    package static let defaults = [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1",
        "ap-northeast-1",
    ]

    /// Lowercase letters and digits in dash-separated parts, ending in a number; at most 32 characters.
    package static func isValid(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard name.utf8.count <= 32, parts.count >= 3, let last = parts.last, !last.isEmpty,
            last.allSatisfy(\.isASCII), last.allSatisfy(\.isNumber)
        else { return false }
        return parts.dropLast().allSatisfy { p in
            !p.isEmpty && p.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
    }
}
