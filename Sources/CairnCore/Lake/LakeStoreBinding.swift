/// Which schema (§2 of the Lake reference) a store's rows follow.
public enum LakeStoreKind: Sendable {
    /// Management, data and network-activity events; the relation also has the typed columns of `events`.
    case cloudTrail
    /// Integration events sent through a channel (`PutAuditEvents`).
    case activityAuditLog
    /// Insights events.
    case insight
}

/// How one event data store named in a query reads as SQL. The server builds it after it has found the store and
/// checked the caller may query it; the compiler never learns table names.
public struct LakeStoreBinding: Sendable {
    public var kind: LakeStoreKind
    /// Writes the relation (a parenthesised SELECT) for this store, binding its own values. The relation yields
    /// `event_time timestamptz` and `record jsonb` (the event as CloudTrail writes it), and for `.cloudTrail` also
    /// `event_name`, `event_source`, `account_id`, `region`, `read_only`, `error_code`, `event_category`, `username`
    /// and `access_key_id`.
    public var relation: @Sendable (inout LakeSQLBuilder) -> String

    public init(kind: LakeStoreKind, relation: @escaping @Sendable (inout LakeSQLBuilder) -> String) {
        self.kind = kind
        self.relation = relation
    }
}
