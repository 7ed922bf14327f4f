/// AWS Organizations' identifiers: `o-` organizations, `r-` roots, `ou-` OUs, `p-` policies, `h-` handshakes
/// and `car-` CreateAccount requests, generated and recognised in the shapes botocore's model gives them.
package enum OrganizationIdentifiers {
    private static let lowerAlphanumerics = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    private static func random<G: RandomNumberGenerator>(_ n: Int, _ alphabet: [Character], using g: inout G) -> String {
        String((0..<n).map { _ in alphabet.randomElement(using: &g)! })
    }

    package static func newOrganization<G: RandomNumberGenerator>(using g: inout G) -> String { "o-" + random(10, lowerAlphanumerics, using: &g) }
    package static func newRoot<G: RandomNumberGenerator>(using g: inout G) -> String { "r-" + random(4, lowerAlphanumerics, using: &g) }
    /// An OU id carries its root's suffix, as AWS's do: `ou-ab12-cdef3456` under `r-ab12`.
    package static func newOrganizationalUnit<G: RandomNumberGenerator>(root: String, using g: inout G) -> String {
        "ou-\(root.dropFirst(2))-" + random(8, lowerAlphanumerics, using: &g)
    }
    package static func newPolicy<G: RandomNumberGenerator>(using g: inout G) -> String { "p-" + random(8, lowerAlphanumerics, using: &g) }
    package static func newResourcePolicy<G: RandomNumberGenerator>(using g: inout G) -> String { "rp-" + random(8, lowerAlphanumerics, using: &g) }
    package static func newHandshake<G: RandomNumberGenerator>(using g: inout G) -> String { "h-" + random(10, lowerAlphanumerics, using: &g) }
    package static func newCreateAccountRequest<G: RandomNumberGenerator>(using g: inout G) -> String {
        "car-" + random(32, lowerAlphanumerics, using: &g)
    }

    // MARK: Recognising ids (the model's patterns)

    package static func isRoot(_ s: String) -> Bool { s.hasPrefix("r-") && isRun(s.dropFirst(2), 4...32, lowerOnly: true) }

    package static func isOrganizationalUnit(_ s: String) -> Bool {
        guard s.hasPrefix("ou-") else { return false }
        let parts = s.dropFirst(3).split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && isRun(parts[0], 4...32, lowerOnly: true) && isRun(parts[1], 8...32, lowerOnly: true)
    }

    package static func isAccount(_ s: String) -> Bool { AccountId(s) != nil }

    package static func isPolicy(_ s: String) -> Bool {
        s.hasPrefix("p-") && s.utf8.count <= 130
            && isRun(s.dropFirst(2), 8...128, lowerOnly: false, extra: "_")
    }

    package static func isHandshake(_ s: String) -> Bool { s.hasPrefix("h-") && isRun(s.dropFirst(2), 8...32, lowerOnly: true) }
    package static func isCreateAccountRequest(_ s: String) -> Bool { s.hasPrefix("car-") && isRun(s.dropFirst(4), 8...32, lowerOnly: true) }
    package static func isParent(_ s: String) -> Bool { isRoot(s) || isOrganizationalUnit(s) }
    package static func isPolicyTarget(_ s: String) -> Bool { isRoot(s) || isOrganizationalUnit(s) || isAccount(s) }

    private static func isRun(_ s: Substring, _ length: ClosedRange<Int>, lowerOnly: Bool, extra: Character? = nil) -> Bool {
        length.contains(s.count)
            && s.allSatisfy { c in
                c.isASCII && (c.isNumber || c.isLowercase || (!lowerOnly && c.isUppercase) || c == extra)
            }
    }
}
