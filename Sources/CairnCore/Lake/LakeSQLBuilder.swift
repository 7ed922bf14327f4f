/// The SQL being written and the values bound to it. Equal values share one parameter: an expression written twice
/// (a select item and its `GROUP BY` ordinal) must read the same `$n` for PostgreSQL to see one expression.
public struct LakeSQLBuilder: Sendable {
    public private(set) var binds: [LakeValue] = []

    public init() {}

    /// The parameter (`$n`) holding `value`.
    public mutating func bind(_ value: LakeValue) -> String {
        if let index = binds.firstIndex(of: value) { return "$\(index + 1)" }
        binds.append(value)
        return "$\(binds.count)"
    }
}
