/// The policy language version. Only 2012-10-17 substitutes `${…}` variables; 2008-10-17 (and an absent
/// Version, which AWS treats as 2008-10-17) reads them as literal text, so old policies keep their meaning.
package enum PolicyVersion: String, Sendable, Hashable, Codable {
    case v2012 = "2012-10-17"
    case v2008 = "2008-10-17"

    package var supportsVariables: Bool { self == .v2012 }
}
