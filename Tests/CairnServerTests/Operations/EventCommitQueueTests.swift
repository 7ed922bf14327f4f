import CairnStore
import CairnTestSupport
import Foundation
import NIOCore
import NIOPosix
import Testing

@testable import CairnCore
@testable import CairnServer

/// The group commit: a caller goes on only once its event is committed, and an event PostgreSQL refuses fails
/// its own caller, not the neighbours that shared its batch.
@Suite struct EventCommitQueueTests {
    func record(id: UUID = UUID()) -> EventRecord {
        EventRecord(
            userIdentity: .init(
                type: "Root", principalId: "111122223333", arn: "arn:aws:iam::111122223333:root", accountId: "111122223333",
                accessKeyId: nil, userName: nil, sessionContext: nil),
            eventTime: "2026-12-07T00:00:00Z", eventSource: "cloudtrail.amazonaws.com", eventName: "DescribeTrails",
            awsRegion: "us-east-1", sourceIPAddress: "127.0.0.1", userAgent: "test", errorCode: nil, errorMessage: nil,
            requestParameters: nil, responseElements: nil, requestID: UUID().uuidString, eventID: id.uuidString, readOnly: true,
            resources: nil, recipientAccountId: "111122223333")
    }

    func stored(_ store: Store, _ id: UUID) async throws -> Int {
        var count = 0
        for try await n in try await store.client.query("SELECT count(*)::int8 FROM events WHERE event_id = \(id)").decode(Int.self) {
            count = n
        }
        return count
    }

    /// `callers` concurrent calls through `queue` (queued from `loops`' event loops in turn, when given); each sees
    /// its own event in the table when it goes on.
    func everyCallerFindsItsEvent(
        _ queue: EventCommitQueue, _ underWay: CallsUnderWay, _ store: Store, callers: Int, from loops: (any EventLoopGroup)? = nil
    ) async throws {
        let seen = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<callers {
                let ticket = underWay.enter()
                group.addTask(executorPreference: loops.map { EventLoopTaskExecutor($0.next()) }) {
                    let id = UUID()
                    try await queue.commit(record(id: id), at: Date(), leaving: ticket)
                    return try await stored(store, id)
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(seen.count == callers && seen.allSatisfy { $0 == 1 }, "each event was in the table when its caller went on")
        #expect(underWay.current == 0)
    }

    @Test func everyCallerGoesOnOnlyOnceItsOwnEventIsCommitted() async throws {
        try await withTestStore { store in
            let underWay = CallsUnderWay()
            try await everyCallerFindsItsEvent(EventCommitQueue(store: store, underWay: underWay), underWay, store, callers: 64)
        }
    }

    @Test func anEventTheDatabaseRefusesFailsOnlyItsOwnCaller() async throws {
        try await withTestStore { store in
            let underWay = CallsUnderWay()
            let queue = EventCommitQueue(store: store, underWay: underWay)
            let taken = UUID()
            let time = Date()
            try await queue.commit(record(id: taken), at: time)
            let outcomes = try await withThrowingTaskGroup(of: (UUID, Bool).self) { group in
                let ids = (0..<9).map { _ in UUID() } + [taken]
                for id in ids {
                    let ticket = underWay.enter()
                    group.addTask {
                        do {
                            try await queue.commit(record(id: id), at: time, leaving: ticket)
                            return (id, true)
                        } catch {
                            return (id, false)
                        }
                    }
                }
                return try await group.reduce(into: [UUID: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(outcomes[taken] == false, "the duplicate event id was refused")
            #expect(outcomes.filter { $0.key != taken }.allSatisfy { $0.value }, "its nine neighbours were committed")
            for (id, committed) in outcomes where committed { #expect(try await stored(store, id) == 1) }
            #expect(try await stored(store, taken) == 1)
        }
    }

    @Test func aCommitterOnAnEventLoopOfItsOwnCommitsEveryCallersEvent() async throws {
        let lane = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        try await withTestStore { store in
            let underWay = CallsUnderWay()
            let queue = EventCommitQueue(store: store, underWay: underWay, lane: EventLane(store: store, loop: lane.next()))
            try await everyCallerFindsItsEvent(queue, underWay, store, callers: 32)
        }
        try await lane.shutdownGracefully()
    }

    /// Callers queued from two serving loops (as requests are), so that the lane resumes them through their loops: each
    /// goes on exactly once (a second resumption would trap), and only after its own event is committed. (How many jobs
    /// a loop gets, and which loop a caller wakes on, cannot be seen from here: outside `cairn serve` NIO is not the
    /// global executor, and a task's executor preference decides where it runs.)
    @Test func callersQueuedFromServingLoopsEachGoOnOnceTheirEventIsCommitted() async throws {
        let lane = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let serving = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        try await withTestStore { store in
            let underWay = CallsUnderWay()
            let queue = EventCommitQueue(store: store, underWay: underWay, lane: EventLane(store: store, loop: lane.next()))
            try await everyCallerFindsItsEvent(queue, underWay, store, callers: 48, from: serving)
        }
        try await serving.shutdownGracefully()
        try await lane.shutdownGracefully()
    }
}
