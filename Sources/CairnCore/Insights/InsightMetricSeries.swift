package import Foundation

/// ListInsightsMetricData's points: bucket counts summed per period (periods start at multiples of the period
/// since the epoch), oldest first, with the empty periods of `[from, to)` as zeros when asked.
package enum InsightMetricSeries {
    package struct Point: Sendable, Equatable {
        package let time: Date
        package let value: Double

        package init(time: Date, value: Double) {
            self.time = time
            self.value = value
        }
    }

    package static func points(_ buckets: [(bucket: Date, count: Int)], period: Int, from: Date, to: Date, fillWithZeros: Bool) -> [Point] {
        let p = Double(period)
        func floor(_ d: Date) -> Double { (d.timeIntervalSince1970 / p).rounded(.down) * p }
        var sums: [Double: Int] = [:]
        for b in buckets { sums[floor(b.bucket), default: 0] += b.count }
        if !fillWithZeros {
            return sums.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map {
                Point(time: Date(timeIntervalSince1970: $0.key), value: Double($0.value))
            }
        }
        var out: [Point] = []
        var t = floor(from)
        while t < to.timeIntervalSince1970 {
            out.append(Point(time: Date(timeIntervalSince1970: t), value: Double(sums[t] ?? 0)))
            t += p
        }
        return out
    }
}
