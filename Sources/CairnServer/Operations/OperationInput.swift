import CairnCore

/// An operation's input, member names as AWS's model spells them. Encodable because the call's event records
/// it: requestParameters are derived from the input (`EventElements`), never assembled per call site.
protocol OperationInput: Encodable, Sendable {}

/// The input of an operation that takes none.
struct NoInput: OperationInput, Decodable {}
