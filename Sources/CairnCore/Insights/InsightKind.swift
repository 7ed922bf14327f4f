/// The two Insights types over management events, and which calls each counts.
package enum InsightKind: String, CaseIterable, Sendable, Hashable {
    /// Unusual numbers of write management calls (reads are not counted, as in AWS).
    case apiCallRate = "ApiCallRateInsight"
    /// Unusual numbers of calls, reads and writes, that failed with one error code.
    case apiErrorRate = "ApiErrorRateInsight"
}
