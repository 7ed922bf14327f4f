import Synchronization

/// How many calls are under way in the runner and have not yet handed their event to the group commit: the
/// ones a gathering batch can still expect. The runner counts a call in when it starts and out when its event
/// is queued or it needs none queued (a write commits its own).
final class CallsUnderWay: Sendable {
    private let count = Atomic<Int>(0)

    var current: Int { count.load(ordering: .relaxed) }

    /// Counts a call in; the returned ticket counts it out, once, however often it is used.
    func enter() -> Ticket {
        count.add(1, ordering: .relaxed)
        return Ticket(calls: self)
    }

    fileprivate func leave() { count.subtract(1, ordering: .relaxed) }

    final class Ticket: Sendable {
        private let calls: CallsUnderWay
        private let left = Atomic<Bool>(false)

        fileprivate init(calls: CallsUnderWay) { self.calls = calls }

        func leave() {
            if !left.exchange(true, ordering: .relaxed) { calls.leave() }
        }

        deinit { leave() }
    }
}
