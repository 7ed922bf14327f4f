import CairnPolicy
import Testing

@testable import CairnCore

/// The Query protocol's flat fields read as the structure they stand for.
@Suite struct QueryFormTests {
    @Test func memberListsAreOrderedByIndexNotByArrival() {
        let tree = QueryForm.tree([
            "Tags.member.10.Key": "ten", "Tags.member.2.Key": "two", "Tags.member.2.Value": "2", "TagKeys.member.1": "a",
        ])
        #expect(tree["Tags"] == .array([.object(["Key": .string("two"), "Value": .string("2")]), .object(["Key": .string("ten")])]))
        #expect(tree["TagKeys"] == .array([.string("a")]))
    }

    @Test func protocolFieldsAreNoInputsAndAnEmptyFormIsAnEmptyStructure() {
        #expect(QueryForm.tree(["Action": "ListUsers", "Version": "2010-05-08", "X-Amz-Date": "x"]) == .object([:]))
        #expect(QueryForm.tree([:]) == .object([:]))
    }

    @Test func dottedNamesNest() {
        #expect(QueryForm.tree(["Filter.Name": "n"]) == .object(["Filter": .object(["Name": .string("n")])]))
    }
}
