/// Why a literal argument (a regular expression, a JSON path, a date format) was refused; the compiler adds the
/// literal's position.
struct LakeRefusal: Error, Sendable {
    var reason: String

    init(_ reason: String) { self.reason = reason }
}
