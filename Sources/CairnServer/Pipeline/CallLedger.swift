import Synchronization

/// Whether the call in flight already has its event. The runner records every call it runs, but a handler
/// can refuse a call before it reaches the runner (a request that does not decode, a root caller of
/// AssumeRole); the front door asks the ledger so that such a refusal is recorded once, and a call the runner
/// recorded is never recorded twice.
final class CallLedger: Sendable {
    private let recorded = Atomic<Bool>(false)

    func markRecorded() { recorded.store(true, ordering: .relaxed) }

    var isRecorded: Bool { recorded.load(ordering: .relaxed) }
}
