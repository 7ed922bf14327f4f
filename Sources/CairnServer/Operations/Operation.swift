import CairnCore
import CairnStore

/// One catalogue operation as Cairn runs it: its entry, how to find what it acts on, and its body. Each
/// operation takes one typed input and returns one typed output; the doors only turn wire into the input and
/// the output into wire, so the rules, errors and events are the same whichever door a call came through.
struct Operation<Input: OperationInput, Output: OperationOutput>: Sendable {
    /// Names the resource (and its resource-based policy) the call is authorized against, when the catalogue
    /// entry's default — derived from the operation alone — is not precise enough. Runs inside the runner,
    /// before the operation's transaction, so a store read it makes is part of the call.
    typealias Target = @Sendable (Input, TargetContext) async throws -> AuthorizationTarget?
    /// The operation's rules and changes, inside its transaction (a read-only operation's reads need none).
    typealias Body = @Sendable (Input, OperationContext) async throws -> Output

    let entry: CatalogueOperation
    let target: Target
    let body: Body
    /// Whether a streaming replica (`DATABASE_READ_URL`) serves the body's reads: event-log reads only, which
    /// wait for the replica to catch up (`ReplicaReads`).
    private(set) var readsReplica = false

    init(_ entry: CatalogueOperation, target: @escaping Target = { _, _ in nil }, _ body: @escaping Body) {
        self.entry = entry
        self.target = target
        self.body = body
    }

    /// The same operation, its reads served by a replica when one is configured.
    func onReplica() -> Self {
        var copy = self
        copy.readsReplica = true
        return copy
    }
}
