import CairnPolicy
import Synchronization

/// Compiled policies per principal, reused while the account's policy epoch is unchanged. The epoch comes
/// with every request's credential lookup, so a change made by any process (which bumps the epoch in the
/// same transaction) is seen by every process on its next request, without LISTEN/NOTIFY or timeouts.
final class PolicyCache: Sendable {
    struct Entry: Sendable {
        let epoch: Int64
        let organizationEpoch: Int64
        let identity: CompiledPolicySet
        let boundary: CompiledPolicySet?
        let session: CompiledPolicySet?
        /// The SCPs on the account's path, root first; empty for standalone accounts or when SCPs are off.
        let scpLevels: [CompiledPolicySet]
        let organizationId: String?
        let orgPaths: [String]
        let isManagementAccount: Bool
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Bounds memory under many principals; eviction is wholesale and rare, and only costs a recompile.
    private let capacity = 50_000

    func entry(_ key: String, epoch: Int64, organizationEpoch: Int64) -> Entry? {
        entries.withLock { table in
            guard let e = table[key], e.epoch == epoch, e.organizationEpoch == organizationEpoch else { return nil }
            return e
        }
    }

    func store(_ key: String, _ entry: Entry) {
        entries.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[key] = entry
        }
    }
}
