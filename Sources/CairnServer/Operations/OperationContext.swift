import CairnCore
import CairnStore
import Logging
import Synchronization

/// What an operation's body works with: its transaction, the facts of the call, and a way to say which
/// resources its event names.
struct OperationContext: Sendable {
    let tx: Transaction
    let facts: CallFacts
    let partition: String
    /// What reads may take from memory; a change must read the database (TrailOperations.view).
    let caches: CallCaches
    fileprivate let notes: EventNotes
    fileprivate let permissions: PermissionCheck

    /// The account quota a new organization starts with.
    let organizationAccountLimit: Int

    init(
        tx: Transaction, facts: CallFacts, partition: String, notes: EventNotes, permissions: PermissionCheck, caches: CallCaches,
        organizationAccountLimit: Int = OrganizationLimits.defaultAccountLimit
    ) {
        self.organizationAccountLimit = organizationAccountLimit
        self.tx = tx
        self.facts = facts
        self.partition = partition
        self.notes = notes
        self.permissions = permissions
        self.caches = caches
    }

    /// The resources the call's event names (`resources` in the record).
    func recordResources(_ resources: [EventRecord.Resource]) { notes.resources.withLock { $0 = resources } }

    /// Whether the caller may call `entry` too, without calling it: for operations whose AWS counterpart
    /// needs the caller's permission on the APIs it calls on the caller's behalf. `target` names the resources
    /// that call would act on (nil: the entry's own scope).
    func callerMay(_ entry: CatalogueOperation, on target: AuthorizationTarget? = nil) async throws -> Bool {
        try await permissions.allows(entry, target, facts, tx)
    }
}

/// What the body noted for the event, kept apart from its output.
final class EventNotes: Sendable {
    let resources = Mutex<[EventRecord.Resource]?>(nil)
}

/// The authorizer, as an operation's body may consult it.
struct PermissionCheck: Sendable {
    let allows: @Sendable (CatalogueOperation, AuthorizationTarget?, CallFacts, Transaction) async throws -> Bool
}

/// What an operation's target rule may read: the call's facts, and the store through the runner.
struct TargetContext: Sendable {
    let facts: CallFacts
    let partition: String
    /// Identity providers' signing keys, for the calls whose caller a provider's token names.
    let webIdentityKeys: WebIdentityKeys
    private let store: Store
    private let logger: Logger

    init(facts: CallFacts, partition: String, store: Store, logger: Logger, webIdentityKeys: WebIdentityKeys) {
        self.facts = facts
        self.partition = partition
        self.store = store
        self.logger = logger
        self.webIdentityKeys = webIdentityKeys
    }

    func read<R: Sendable>(_ body: @Sendable (Transaction) async throws -> R) async throws -> R {
        try await store.read(logger: logger) { tx in try await body(tx) }
    }
}
