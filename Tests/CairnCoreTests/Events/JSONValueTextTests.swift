import CairnPolicy
import Foundation
import Testing

@testable import CairnCore

/// The fast JSON reader and writer must answer exactly as Foundation's Codable route did, since request
/// bodies and ingested events now go through them.
@Suite struct JSONValueTextTests {
    func foundation(_ text: String) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }

    @Test func parsesAsFoundationDoesIncludingWhatTheStrictReaderRefuses() {
        let samples = [
            #"{"a":1,"b":[true,false,null],"c":{"d":"e\u00e9\n\"q\"","f":-1.5e3}}"#,
            #"{"dup":1,"dup":2}"#,  // duplicate names: the strict reader refuses, Foundation decides
            String(repeating: "[", count: 80) + String(repeating: "]", count: 80),  // deeper than the strict reader's 64
            "\u{FEFF}{\"bom\":true}",
            #"{"big":1e400}"#,
            #"{"huge":123456789012345678901234567890}"#,
            #"{"surrogates":"\ud83d\ude00","nul":"a\u0000b"}"#,
            #"{"lone":"\ud800"}"#,
            "{\"raw\":\"tab\there\"}",
            #"{"trailing":1,}"#,
            #"{"a":01}"#,
            "[1,2",
            "",
            "not json",
            #""just a string""#,
            "  {\"spaced\" : [ 1 , 2 ] }  ",
        ]
        for text in samples {
            #expect(JSONValue.parse(text) == foundation(text), "\(text.prefix(60))")
            #expect(JSONValue.parse(Data(text.utf8)) == foundation(text), "\(text.prefix(60))")
        }
    }

    @Test func writtenTextReadsBackToTheSameValue() {
        var seed: UInt64 = 7
        func next() -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return seed >> 33
        }
        func value(_ depth: Int) -> JSONValue {
            switch next() % (depth > 3 ? 4 : 6) {
            case 0: return .null
            case 1: return .bool(next() % 2 == 0)
            case 2: return .number(next() % 2 == 0 ? Double(Int64(next()) - 1_000_000) : Double(next()) / 7.0)
            case 3:
                let alphabet: [Character] = ["a", "\"", "\\", "\n", "\t", "\u{01}", "é", "😀", "/", " "]
                var s = ""
                for _ in 0..<Int(next() % 8) { s.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
                return .string(s)
            case 4: return .array((0..<Int(next() % 4)).map { _ in value(depth + 1) })
            default:
                var members: [String: JSONValue] = [:]
                for _ in 0..<Int(next() % 4) { members["k\(next() % 100)"] = value(depth + 1) }
                return .object(JSONObject(members))
            }
        }
        for _ in 0..<500 {
            let v = value(0)
            #expect(JSONValue.parse(v.text) == v, "\(v.text)")
            #expect(foundation(v.text) == v, "Foundation reads the written text too: \(v.text)")
        }
    }

    /// Quote, backslash and the C0 controls are escaped (\n, \r, \t by name, the rest as \u00xx); everything else —
    /// DEL, multi-byte characters, the slash — is written as it is, whether or not the string needs escapes.
    @Test func escapesExactlyWhatJSONRequires() {
        let s = "q\"b\\n\nr\rt\tnul\u{0}bell\u{07}esc\u{1b}del\u{7f}é😀/"
        #expect(JSONValue.string(s).text == #""q\"b\\n\nr\rt\tnul\u0000bell\u0007esc\u001bdel"# + "\u{7f}é😀/\"")
        #expect(JSONValue.string("plain é😀/").text == "\"plain é😀/\"")
        let record = #"{"eventName":"DescribeTrails","userAgent":"aws-cli/2 \"quoted\"","n":1}"#
        #expect(JSONValue.string(record).text == #""{\"eventName\":\"DescribeTrails\",\"userAgent\":\"aws-cli/2 \\\"quoted\\\"\",\"n\":1}""#)
    }
}
