import Foundation
import Testing

@testable import CairnCore

@Suite struct UTCTimestampTests {
    @Test func formatsAndParsesAgreeWithFoundationAcrossCenturies() {
        let reference = ISO8601DateFormatter()
        reference.formatOptions = [.withInternetDateTime]
        var seed: UInt64 = 42
        for _ in 0..<2000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let t = TimeInterval(Int64(seed >> 33) % 7_000_000_000 - 2_000_000_000)
            let date = Date(timeIntervalSince1970: t)
            #expect(UTCTimestamp.iso8601(date) == reference.string(from: date))
            #expect(UTCTimestamp.parseCompact(UTCTimestamp.compact(date)) == date)
        }
    }

    @Test func rejectsMalformedAndImpossibleCompactTimestamps() {
        for bad in ["", "20260230T000000Z", "20261301T000000Z", "20261127T250000Z", "20261127 170432Z", "2026112T170432Z", "20261127T17043ZZ"] {
            #expect(UTCTimestamp.parseCompact(bad) == nil, "\(bad)")
        }
        #expect(UTCTimestamp.parseCompact("20240229T235959Z") != nil)
        #expect(UTCTimestamp.parseCompact("21000229T000000Z") == nil)
    }
}
