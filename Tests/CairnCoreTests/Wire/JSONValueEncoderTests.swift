import CairnPolicy
import Foundation
import Testing

@testable import CairnCore

/// An event's requestParameters and responseElements are the operation's input and output, encoded the way
/// the service's records name members and write dates.
@Suite struct JSONValueEncoderTests {
    struct Inner: Encodable { var TrailARN: String }
    struct Output: Encodable {
        var UserName: String
        var CreateDate: Date
        var Missing: String?
        var Items: [Inner]
    }

    let value = Output(UserName: "alice", CreateDate: Date(timeIntervalSince1970: 86_400), Missing: nil, Items: [Inner(TrailARN: "arn")])

    @Test func declaredNamesAndEpochSecondsByDefault() throws {
        let encoded = try JSONValueEncoder().encode(value)
        #expect(encoded == JSONValue.parse(#"{"UserName":"alice","CreateDate":86400,"Items":[{"TrailARN":"arn"}]}"#))
    }

    @Test func lowerCamelNamesAndISODatesForIAMStyleRecords() throws {
        let encoded = try JSONValueEncoder(keys: .lowerCamel, dates: .iso8601).encode(value)
        #expect(encoded == JSONValue.parse(#"{"userName":"alice","createDate":"1970-01-02T00:00:00Z","items":[{"trailARN":"arn"}]}"#))
    }

    @Test func membersKeepTheirDeclaredOrder() throws {
        guard case .object(let members) = try JSONValueEncoder().encode(value) else {
            Issue.record("not an object")
            return
        }
        #expect(members.keys == ["UserName", "CreateDate", "Items"])
    }
}
