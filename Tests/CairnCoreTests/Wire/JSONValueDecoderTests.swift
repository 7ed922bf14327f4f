import CairnPolicy
import Foundation
import Testing

@testable import CairnCore

/// An operation's input decodes from the members a door read, whichever door: JSON's typed values, or the
/// Query protocol's text.
@Suite struct JSONValueDecoderTests {
    struct Tag: Codable, Equatable {
        var Key: String?
        var Value: String?
    }

    struct Input: Codable, Equatable {
        var Name: String?
        var MaxItems: Int?
        var Enabled: Bool?
        var Tags: [Tag]?
        var Start: Date?
    }

    @Test func jsonMembersDecodeIntoTheInputsTypes() throws {
        let members = try #require(JSONValue.parse(#"{"Name":"a","MaxItems":5,"Enabled":true,"Tags":[{"Key":"k","Value":"v"}],"Start":60}"#))
        let input = try JSONValueDecoder().decode(Input.self, from: members)
        #expect(input == Input(Name: "a", MaxItems: 5, Enabled: true, Tags: [Tag(Key: "k", Value: "v")], Start: Date(timeIntervalSince1970: 60)))
    }

    @Test func absentAndNullMembersAreNil() throws {
        let input = try JSONValueDecoder().decode(Input.self, from: try #require(JSONValue.parse(#"{"Name":null}"#)))
        #expect(input == Input())
    }

    @Test func queryTextIsReadAsNumbersAndBooleansOnlyWhenAsked() throws {
        let form = QueryForm.tree(["MaxItems": "7", "Enabled": "TRUE", "Start": "2026-12-05T10:00:00Z"])
        let input = try JSONValueDecoder(scalarsFromText: true).decode(Input.self, from: form)
        #expect(input.MaxItems == 7 && input.Enabled == true && input.Start == UTCTimestamp.parse("2026-12-05T10:00:00Z"))
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Input.self, from: form) }
    }

    @Test func aMistakeNamesTheMemberByItsPath() {
        let members = JSONValue.parse(#"{"Tags":[{"Key":"k"},{"Key":3}]}"#)!
        do {
            _ = try JSONValueDecoder().decode(Input.self, from: members)
            Issue.record("decoded a number as a string")
        } catch let DecodingError.typeMismatch(_, context) {
            #expect(context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue } == ["Tags", "[1]", "Key"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aFractionIsNotAWholeNumberAndTextIsNotANumberInJSON() {
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Input.self, from: JSONValue.parse(#"{"MaxItems":1.5}"#)!) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Input.self, from: JSONValue.parse(#"{"MaxItems":"5"}"#)!) }
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Input.self, from: JSONValue.parse(#"{"MaxItems":1e40}"#)!) }
    }

    @Test func anEmptyQueryListIsAnEmptyList() throws {
        let input = try JSONValueDecoder(scalarsFromText: true).decode(Input.self, from: QueryForm.tree(["Tags": ""]))
        #expect(input.Tags == [])
    }
}
