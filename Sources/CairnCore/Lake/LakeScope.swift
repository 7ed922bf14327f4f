/// The names visible at one point of a query: the FROM relations of one SELECT (and, through `parent`, of the
/// queries it is nested in), or the parameters of a lambda.
final class LakeScope {
    struct Column {
        var name: String?
        var aliases: [String] = []
        /// Listed by `SELECT *` (eventjson is not).
        var listed = true
        var value: LakeSQLExpression

        func matches(_ folded: String) -> Bool { name == folded || aliases.contains(folded) }
    }

    struct Relation {
        var name: String?
        var columns: [Column]

        func column(_ folded: String) -> Column? { columns.first { $0.matches(folded) } }
    }

    let parent: LakeScope?
    /// Nesting depth of the SELECT this scope belongs to; a lambda shares its SELECT's level.
    let level: Int
    var relations: [Relation] = []
    var parameters: [String: LakeSQLExpression] = [:]

    init(parent: LakeScope?, level: Int) {
        self.parent = parent
        self.level = level
    }
}
