import Testing

@testable import CairnCore

@Suite("Trail names")
struct TrailNameTests {
    @Test(
        "valid names are accepted unchanged",
        arguments: [
            "abc", "My.Trail_1-x", "a1b", "trail-2024.logs", "A" + String(repeating: "b", count: 126) + "C", "1.2.3",
            "192.168.5.4x", "1.2.3.4.5",
        ])
    func acceptsValidNames(raw: String) throws {
        #expect(try TrailName.validate(raw).value == raw)
    }

    @Test("a name of exactly 128 characters is accepted, 129 is too long")
    func lengthBoundaryAt128() throws {
        let longest = String(repeating: "a", count: 128)
        #expect(try TrailName.validate(longest).value.count == 128)
        #expect(
            TrailFixtures.violation { try TrailName.validate(longest + "a") }
                == .invalidTrailName(
                    "Trail name too long. Maximum allowed length: 128 characters. Specified name length: 129 characters."))
    }

    @Test("names shorter than 3 characters are too short, with AWS's message")
    func tooShort() {
        #expect(
            TrailFixtures.violation { try TrailName.validate("ab") }
                == .invalidTrailName(
                    "Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters."))
        #expect(TrailFixtures.violation { try TrailName.validate("") }?.message.hasSuffix("Specified name length: 0 characters.") == true)
    }

    @Test("a name must start with a letter or number", arguments: ["-trail", "_trail", ".trail"])
    func badStart(raw: String) {
        #expect(TrailFixtures.violation { try TrailName.validate(raw) } == .invalidTrailName("Trail name must starts with a letter or number."))
    }

    @Test("a name must end with a letter or number", arguments: ["trail-", "trail_", "trail."])
    func badEnd(raw: String) {
        #expect(TrailFixtures.violation { try TrailName.validate(raw) } == .invalidTrailName("Trail name must ends with a letter or number."))
    }

    @Test("only ASCII letters, digits, periods, underscores and dashes", arguments: ["my trail", "my:trail", "tr@il", "trä1l", "a/b/c"])
    func badCharacters(raw: String) {
        #expect(
            TrailFixtures.violation { try TrailName.validate(raw) }
                == .invalidTrailName(
                    "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_)."
                ))
    }

    @Test("adjacent periods, underscores or dashes are refused", arguments: ["my--trail", "my-_namespace", "a..b", "a._b", "x__y"])
    func adjacentPunctuation(raw: String) {
        #expect(
            TrailFixtures.violation { try TrailName.validate(raw) }?.message == "Trail name cannot contain adjacent periods, underscores or hyphens.")
    }

    @Test("IP-address-formatted names are refused", arguments: ["192.168.5.4", "10.0.0.1", "999.999.999.999"])
    func ipAddressFormat(raw: String) {
        #expect(TrailFixtures.violation { try TrailName.validate(raw) }?.message == "Trail name cannot be in IP address format.")
    }

    @Test("every naming failure is InvalidTrailNameException", arguments: ["ab", "-ab", "ab-", "a b", "a--b", "1.2.3.4"])
    func codeIsInvalidTrailName(raw: String) {
        #expect(TrailFixtures.violation { try TrailName.validate(raw) }?.code == "InvalidTrailNameException")
    }

    @Test("the length rule is checked before the first-character rule")
    func lengthBeforeCharacters() {
        #expect(TrailFixtures.violation { try TrailName.validate("-a") }?.message.hasPrefix("Trail name too short") == true)
    }

    @Test("lengths are counted in UTF-16 code units, as AWS's Java services count them")
    func lengthInUTF16() {
        let emoji = String(repeating: "😀", count: 65)  // 130 UTF-16 units
        #expect(TrailFixtures.violation { try TrailName.validate(emoji) }?.message.contains("Specified name length: 130 characters.") == true)
    }
}
