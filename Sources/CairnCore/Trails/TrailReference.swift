/// What a caller wrote in `Name` / `TrailName` / `trailNameList`: a trail name or a trail ARN.
///
/// The two resolve differently (a name only finds the caller's own trails homed in the calling Region; an
/// ARN finds any trail visible there), so the distinction is kept rather than normalised away.
package enum TrailReference: Hashable, Sendable, CustomStringConvertible {
    case name(TrailName)
    case arn(TrailARN)

    /// A string "looks like an ARN" when it starts with `arn:`. Trail names cannot contain `:`, so nothing
    /// else could be meant; such a string that does not parse is `CloudTrailARNInvalidException`, and every
    /// other string is judged by the naming rules (`InvalidTrailNameException`).
    package static func parse(_ raw: String) throws(TrailRuleViolation) -> TrailReference {
        if looksLikeARN(raw) {
            return .arn(try TrailARN.parse(raw))
        }
        return .name(try TrailName.validate(raw))
    }

    package static func looksLikeARN(_ raw: String) -> Bool { raw.hasPrefix("arn:") }

    package var name: TrailName {
        switch self {
        case .name(let name): name
        case .arn(let arn): arn.name
        }
    }

    package var description: String {
        switch self {
        case .name(let name): name.value
        case .arn(let arn): arn.description
        }
    }
}
