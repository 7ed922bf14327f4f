/// IAM's unique ids: a four-letter prefix naming the kind (AIDA user, AROA role, AGPA group, ANPA policy)
/// and 17 base-32 characters, as AWS's look.
package enum IAMIdentifier {
    package enum Kind: String, Sendable {
        case user = "AIDA"
        case role = "AROA"
        case group = "AGPA"
        case policy = "ANPA"
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    package static func new<G: RandomNumberGenerator>(_ kind: Kind, using g: inout G) -> String {
        kind.rawValue + String((0..<17).map { _ in alphabet.randomElement(using: &g)! })
    }
}
