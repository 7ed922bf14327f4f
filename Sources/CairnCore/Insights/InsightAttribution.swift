/// Who and what made up an Insight's calls, as `insightContext.attributions[]` lists them: for each attribute
/// (`userIdentityArn`, `userAgent`, `errorCode`) the five largest values by calls per minute, in the Insight's
/// window and in the baseline's.
package struct InsightAttribution: Sendable, Equatable {
    package struct Share: Sendable, Equatable {
        package let value: String
        package let average: Double

        package init(value: String, average: Double) {
            self.value = value
            self.average = average
        }
    }

    package let attribute: String
    package let insight: [Share]
    package let baseline: [Share]

    package init(attribute: String, insight: [Share], baseline: [Share]) {
        self.attribute = attribute
        self.insight = insight
        self.baseline = baseline
    }

    /// AWS lists at most five per window, largest average first.
    package static func top(_ counts: [String: Int], minutes: Double) -> [Share] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5).map {
            Share(value: $0.key, average: minutes > 0 ? Double($0.value) / minutes : 0)
        }
    }

    /// A role session's ARN without its session name: AWS aggregates attributions per role.
    package static func identity(_ arn: String) -> String {
        guard arn.contains(":assumed-role/") else { return arn }
        let parts = arn.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count >= 3 ? parts.dropLast().joined(separator: "/") : arn
    }
}
