/// A 12-digit account id: the unit of tenancy.
package struct AccountId: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    package let value: String

    package init?(_ value: String) {
        guard value.utf8.count == 12, value.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        self.value = value
    }

    /// A fresh random id; account ids carry no meaning, and guessing one must not reveal another tenant.
    package static func random<G: RandomNumberGenerator>(using g: inout G) -> AccountId {
        var s = String(Int.random(in: 1...9, using: &g))
        for _ in 0..<11 { s += String(Int.random(in: 0...9, using: &g)) }
        return AccountId(s)!
    }

    package var description: String { value }
    package static func < (a: AccountId, b: AccountId) -> Bool { a.value < b.value }
    package init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let id = AccountId(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a 12-digit account id"))
        }
        self = id
    }
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}
