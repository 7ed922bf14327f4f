public import Foundation

/// A literal of the user's query, travelling to PostgreSQL as a bind parameter and never as SQL text.
/// `timestamp` is an instant (bound as `timestamptz`); the compiler turns it into Trino's zone-less UTC `timestamp`.
public enum LakeValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case double(Double)
    case boolean(Bool)
    case timestamp(Date)
}
