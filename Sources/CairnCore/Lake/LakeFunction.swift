/// One overload of a function a Lake query may call: the Trino name, what it accepts, what it returns, and the
/// PostgreSQL it becomes. Only these names can be called, and only this SQL is written for them.
struct LakeFunction: Sendable {
    enum Kind: Sendable { case scalar, aggregate, window }

    /// What an argument may be; arguments are converted to the parameter's type before the template is filled.
    enum Parameter: Sendable, Equatable {
        case varchar, boolean
        /// integer or bigint.
        case bigint
        /// Any number, converted to double.
        case double
        /// Any number, as it is.
        case number
        /// A timestamp; a date is widened and a string literal parsed at compile time.
        case timestamp
        case date
        /// json, or varchar holding JSON text (parsed, NULL when it is not JSON).
        case json
        case array
        case map
        /// map(varchar, varchar), the maps of CloudTrail records.
        case textMap
        /// Anything comparable by `<`.
        case orderable
        case any
        /// The element type of the array in argument n.
        case element(Int)
        /// A type argument n can meet.
        case same(Int)
    }

    enum Result: Sendable {
        case type(LakeType)
        case argument(Int)
        case element(Int)
        case arrayOf(Int)
        case mapValues(Int)
    }

    /// Functions whose SQL depends on literal arguments or lambdas, written by `LakeCompiler+Specials`.
    enum Special: Sendable {
        case elementAt, concat, coalesce, greatest, least, conditional
        case regexpLike, regexpExtract, regexpReplace
        case dateTrunc, dateAdd, dateDiff, dateFormat, now
        case jsonExtract, jsonExtractScalar
        case arrayMax, arrayMin
        case filter, transform, anyMatch, allMatch, noneMatch
    }

    var name: String
    var parameters: [Parameter]
    var result: Result
    /// `{0}`… are the arguments, `{0:sort}` an argument as it sorts (varchar in code-point order), `{d}` DISTINCT,
    /// `{filter}` the FILTER clause, `{over}` the window; a clause the template lacks is refused.
    var template: String
    var kind: Kind
    var special: Special?

    init(_ name: String, _ parameters: [Parameter], _ result: Result, _ template: String, _ kind: Kind = .scalar) {
        self.name = name
        self.parameters = parameters
        self.result = result
        self.template = template
        self.kind = kind
    }

    init(_ name: String, special: Special, kind: Kind = .scalar) {
        self.init(name, [], .type(.unknown), "", kind)
        self.special = special
    }
}
