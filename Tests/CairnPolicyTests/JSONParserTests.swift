import Testing

@testable import CairnPolicy

@Suite("JSON reader")
struct JSONParserTests {
    @Test func keepsMemberOrderAndNumberSpelling() throws {
        let v = try JSONParser.parse(#"{"b": 10.0, "a": [true, null, "x\u00e9\ud83d\ude00"]}"#)
        guard case .object(let m) = v else {
            Issue.record("not an object")
            return
        }
        #expect(m.map(\.key) == ["b", "a"])
        #expect(m.members[0].value == .number("10.0"))
        #expect(m.members[1].value == .array([.bool(true), .null, .string("xé😀")]))
    }

    @Test func rejectsDuplicateMemberNamesBecauseAWSWouldSilentlyKeepOne() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(#"{"Effect":"Deny","Effect":"Allow"}"#) }
    }

    @Test func rejectsNestingBeyondTheLimitInsteadOfOverflowingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
    }

    @Test(arguments: ["", "{", "{\"a\":}", "[1,]", "01", "\"\\x\"", "\"\u{01}\"", "{\"a\":1} x", "\"\\ud800\"", "tru", "-"])
    func rejectsMalformedText(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test func reportsTheByteOffsetOfASyntaxError() {
        do {
            _ = try JSONParser.parse(#"{"a": x}"#)
            Issue.record("expected failure")
        } catch {
            #expect(error.offset == 6)
        }
    }
}
