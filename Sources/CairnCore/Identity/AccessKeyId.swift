/// Access key ids and secrets in AWS's shapes, so that clients which check the shape accept them.
package enum AccessKeyFormat {
    private static let idAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    private static let secretAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")

    /// `AKIA` (long-term) or `ASIA` (temporary) followed by 16 base-32 characters.
    package static func newId<G: RandomNumberGenerator>(temporary: Bool = false, using g: inout G) -> String {
        (temporary ? "ASIA" : "AKIA") + String((0..<16).map { _ in idAlphabet.randomElement(using: &g)! })
    }

    /// 40 characters of base-64 alphabet, as AWS secret keys are.
    package static func newSecret<G: RandomNumberGenerator>(using g: inout G) -> String {
        String((0..<40).map { _ in secretAlphabet.randomElement(using: &g)! })
    }

    /// Well-formed enough to look up: 16–128 word characters.
    package static func isPlausibleId(_ s: String) -> Bool {
        (16...128).contains(s.utf8.count)
            && s.utf8.allSatisfy { c in
                (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
            }
    }
}
