/// At most `limit` live test servers at once. swift-testing starts every test together, and thirty servers starting
/// at once on a two-core machine (each with its database copied from the template) starved requests past the test
/// client's fixed 20-second timeout, seen as `.readTimeout` in whichever tests were mid-call. A test waits for a slot
/// before its server starts; none holds one while waiting for another, so slots cannot deadlock.
package actor TestServerSlots {
    package static let shared = TestServerSlots(limit: 10)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { free = limit }

    func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Runs `body` holding a slot.
    package func holding<R: Sendable>(_ body: @Sendable () async throws -> R) async throws -> R {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }
}
