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

    @Test func javaMediumIsTheFormAWSRecordsCarryWithOrWithoutTheCommaAfterTheYear() throws {
        let afternoon = try #require(UTCTimestamp.parse("2024-08-01T13:33:28Z"))
        #expect(UTCTimestamp.javaMedium(afternoon, commaAfterYear: false) == "Aug 1, 2024 1:33:28 PM")
        let evening = try #require(UTCTimestamp.parse("2024-07-30T21:46:15Z"))
        #expect(UTCTimestamp.javaMedium(evening, commaAfterYear: true) == "Jul 30, 2024, 9:46:15 PM")
        let midnight = try #require(UTCTimestamp.parse("2025-01-05T00:05:09Z"))
        #expect(UTCTimestamp.javaMedium(midnight, commaAfterYear: true) == "Jan 5, 2025, 12:05:09 AM")
        let noon = try #require(UTCTimestamp.parse("2025-12-31T12:00:00Z"))
        #expect(UTCTimestamp.javaMedium(noon, commaAfterYear: false) == "Dec 31, 2025 12:00:00 PM")
    }

    @Test func datesACallerSentOutsideAnyCalendarAreClampedNotATrap() {
        for t in [1e300, -1e300, .infinity, -.infinity, .nan] {
            let text = UTCTimestamp.javaMedium(Date(timeIntervalSince1970: t), commaAfterYear: true)
            #expect(!text.isEmpty)
            #expect(!UTCTimestamp.iso8601(Date(timeIntervalSince1970: t)).isEmpty)
        }
        #expect(UTCTimestamp.iso8601(Date(timeIntervalSince1970: 1e300)) == "9999-12-31T23:59:59Z")
    }
}
