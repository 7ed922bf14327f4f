import CairnCore
import Foundation
import Testing

/// Event-history queries: bounds a client can send are kept to instants the store can represent.
@Suite struct EventLookupTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func lookup(start: Date? = nil, end: Date? = nil, token: String? = nil) throws -> EventLookup {
        try EventLookup.forLookupEvents(
            attributes: [], startTime: start, endTime: end, eventCategory: nil, maxResults: 5, nextToken: token, now: now)
    }

    @Test func boundsStayWithinTheNinetyDaysThatExist() throws {
        let far = try lookup(start: Date(timeIntervalSince1970: 1e20))
        #expect(far.start == now && far.end == now)
        let past = try lookup(end: Date(timeIntervalSince1970: -1e20))
        #expect(past.start == now.addingTimeInterval(-EventLookup.retention) && past.end == past.start)
    }

    @Test func aTokenWhoseCursorLiesOutsideTheRangeIsRefused() throws {
        let plain = try lookup()
        let inside = plain.token(after: .init(time: now.addingTimeInterval(-60), eventId: UUID()))
        #expect(try lookup(token: inside).after != nil)
        let outside = plain.token(after: .init(time: Date(timeIntervalSince1970: 1e20), eventId: UUID()))
        #expect(throws: ServiceError.self) { try lookup(token: outside) }
    }
}
