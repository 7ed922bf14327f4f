import Testing

@testable import CairnCore

@Suite("Trail tags")
struct TrailTagsTests {
    typealias F = TrailFixtures

    static func tags(_ count: Int, prefix: String = "k") -> [TrailTag] {
        (0..<count).map { TrailTag(key: "\(prefix)\($0)", value: "v") }
    }

    @Test("AddTags overwrites the value of an existing key and keeps the others")
    func overwrite() throws {
        let result = try TrailTags.adding(
            [TrailTag(key: "env", value: "prod"), TrailTag(key: "team")],
            to: [TrailTag(key: "env", value: "dev"), TrailTag(key: "owner", value: "me")])
        #expect(result == [TrailTag(key: "env", value: "prod"), TrailTag(key: "owner", value: "me"), TrailTag(key: "team", value: nil)])
    }

    @Test("50 tags fit on a trail; the 51st is TagsLimitExceededException")
    func limit() throws {
        #expect(try TrailTags.adding(Self.tags(10, prefix: "b"), to: Self.tags(40)).count == 50)
        #expect(F.violation { try TrailTags.adding(Self.tags(11, prefix: "b"), to: Self.tags(40)) } == .tagsLimitExceeded)
        #expect(F.violation { try TrailTags.forCreate(Self.tags(51)) }?.code == "TagsLimitExceededException")
        #expect(TrailRuleViolation.tagsLimitExceeded.message.hasSuffix("Currently, the limit is 50."))
    }

    @Test("overwriting existing keys does not count against the limit")
    func overwritesAreFree() throws {
        #expect(try TrailTags.adding(Self.tags(50), to: Self.tags(50)).count == 50)
    }

    @Test("keys are 1 to 128 characters, values 1 to 256")
    func lengths() throws {
        #expect(try TrailTags.forCreate([TrailTag(key: String(repeating: "k", count: 128), value: String(repeating: "v", count: 256))]).count == 1)
        for tag in [
            TrailTag(key: ""), TrailTag(key: String(repeating: "k", count: 129)),
            TrailTag(key: "k", value: ""), TrailTag(key: "k", value: String(repeating: "v", count: 257)),
        ] {
            #expect(F.violation { try TrailTags.forCreate([tag]) }?.code == "InvalidTagParameterException")
        }
    }

    @Test("lengths count Unicode characters, not bytes")
    func unicodeLengths() throws {
        #expect(try TrailTags.forCreate([TrailTag(key: String(repeating: "é", count: 128))]).count == 1)
    }

    @Test(
        "letters, numbers, spaces and _ . : / = + - @ are allowed, in any script",
        arguments: [
            "Cost Center", "team:platform/alpha", "a=b+c-d@e_f.g", "プロジェクト", "Ünïcode 42",
        ])
    func allowedCharacters(text: String) throws {
        #expect(try TrailTags.forCreate([TrailTag(key: text, value: text)]).count == 1)
    }

    @Test("other characters are InvalidTagParameterException", arguments: ["a*b", "a#b", "quote\"", "tab\there", "a,b", "emoji😀"])
    func forbiddenCharacters(text: String) {
        #expect(F.violation { try TrailTags.forCreate([TrailTag(key: text)]) }?.code == "InvalidTagParameterException")
        #expect(F.violation { try TrailTags.forCreate([TrailTag(key: "ok", value: text)]) }?.code == "InvalidTagParameterException")
    }

    @Test("a key repeated in one request is InvalidTagParameterException")
    func duplicates() {
        #expect(
            F.violation { try TrailTags.adding([TrailTag(key: "a", value: "1"), TrailTag(key: "a", value: "2")], to: []) }?.code
                == "InvalidTagParameterException")
    }

    @Test("RemoveTags removes by key, ignoring values and unknown keys")
    func remove() throws {
        let existing = [TrailTag(key: "a", value: "1"), TrailTag(key: "b", value: "2")]
        #expect(
            try TrailTags.removing([TrailTag(key: "a", value: "other"), TrailTag(key: "zzz")], from: existing) == [TrailTag(key: "b", value: "2")])
        #expect(F.violation { try TrailTags.removing([TrailTag(key: "")], from: existing) }?.code == "InvalidTagParameterException")
    }
}
