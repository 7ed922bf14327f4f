/// Why a Lake query was refused, in Trino's words and with Trino's `line L:C:` prefix, so the server can return it
/// as `InvalidQueryStatementException` unchanged. Line and column are 1-based and count characters (Unicode scalars).
public struct LakeQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int

    public init(message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    init(_ detail: String, at position: LakePosition) {
        self.init(message: "line \(position.line):\(position.column): \(detail)", line: position.line, column: position.column)
    }

    public var description: String { message }
}

/// Where a token starts in the query text.
struct LakePosition: Sendable, Equatable {
    var line: Int
    var column: Int

    static let start = LakePosition(line: 1, column: 1)
}
