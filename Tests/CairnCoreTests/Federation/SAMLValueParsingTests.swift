import CairnCore
import Foundation
import Testing

@Suite struct SAMLValueParsingTests {
    @Test func dateTimes() {
        #expect(SAMLDateTime.parse("1970-01-01T00:00:00Z") == Date(timeIntervalSince1970: 0))
        #expect(SAMLDateTime.parse("2024-02-29T12:34:56Z") == Date(timeIntervalSince1970: 1_709_210_096))
        #expect(SAMLDateTime.parse("2024-02-29T12:34:56.250Z") == Date(timeIntervalSince1970: 1_709_210_096.25))
        #expect(SAMLDateTime.parse("2024-02-29T14:34:56+02:00") == Date(timeIntervalSince1970: 1_709_210_096))
        for bad in [
            "2024-02-29T12:34:56", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01 00:00:00Z", "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00Zjunk", "",
        ] {
            #expect(SAMLDateTime.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func base64() {
        #expect(Base64Text.decode("aGVsbG8=") == Array("hello".utf8))
        #expect(Base64Text.decode(" aGVs\n bG8h\r\n") == Array("hello!".utf8))
        #expect(Base64Text.decode("aGk=") == Array("hi".utf8))
        #expect(Base64Text.decode("") == [])
        for bad in ["aGVsbG8", "aGVsbG8==", "aG=Vs", "aGVs*G8=", "a==="] {
            #expect(Base64Text.decode(bad) == nil, "\(bad)")
        }
    }
}
