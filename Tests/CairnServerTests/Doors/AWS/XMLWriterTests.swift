import CairnPolicy
import Testing

@testable import CairnServer

/// Any Query output is written in the Query protocol's shape, the same bytes every time.
@Suite struct XMLWriterTests {
    func xml(_ value: JSONValue) -> String {
        var out = ""
        for node in XMLWriter.nodes(value) { XMLWriter.write(node, into: &out) }
        return out
    }

    @Test func structuresListsAndScalars() {
        let value: JSONValue = .object([
            "User": .object(["UserName": .string("a&b"), "Tags": .array([.object(["Key": .string("k"), "Value": .string("v")])])]),
            "PolicyNames": .array([.string("p1"), .string("p2")]), "IsTruncated": .bool(false), "MaxSessionDuration": .number(3600),
            "Marker": .null,
        ])
        #expect(
            xml(value)
                == "<IsTruncated>false</IsTruncated><MaxSessionDuration>3600</MaxSessionDuration>"
                + "<PolicyNames><member>p1</member><member>p2</member></PolicyNames>"
                + "<User><Tags><member><Key>k</Key><Value>v</Value></member></Tags><UserName>a&amp;b</UserName></User>")
    }

    @Test func anEmptyListAndAnEmptyStructureAreEmptyElements() {
        #expect(xml(.object(["Users": .array([]), "RoleLastUsed": .object([:])])) == "<RoleLastUsed></RoleLastUsed><Users></Users>")
    }
}
