/// When a rate is unusual enough to be an Insight. AWS publishes no formula ("mathematical models" over the
/// 7-day baseline); Cairn's, documented in docs/insights.md: calls in one evaluation interval are read as a
/// Poisson count whose expected value is the baseline's rate over that interval (λ). An Insight starts when the
/// interval's count reaches `max(5, 2λ, λ + 4√λ)` — at least five calls, at least double the usual rate, and
/// more than four standard deviations above it — and ends with the first interval below that mark.
///
/// Why these three: four standard deviations keep a steady API quiet (a false start every ~30,000 intervals
/// under a Poisson rate); doubling keeps a very busy API, whose deviation is small beside its rate, from
/// starting on ordinary swings; five calls keep a nearly idle API from starting on a handful of calls.
package enum InsightThreshold {
    package static let minimumCalls = 5.0

    /// The count that starts an Insight when `expected` calls are usual in one interval.
    package static func mark(expected: Double) -> Double {
        max(minimumCalls, 2 * expected, expected + 4 * expected.squareRoot())
    }

    package static func isUnusual(count: Double, expected: Double) -> Bool { count >= mark(expected: expected) }
}
