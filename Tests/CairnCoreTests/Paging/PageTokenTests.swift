import Testing

@testable import CairnCore

/// Every list pages with one kind of token: it carries its position and is refused by any other list.
@Suite struct PageTokenTests {
    @Test func aTokenCarriesItsPositionBackToItsOwnList() {
        let token = PageToken.after("arn:aws:cloudtrail:us-east-1:123456789012:trail/a?b", for: "ListTrails")
        #expect(PageToken.key(token, for: "ListTrails") == "arn:aws:cloudtrail:us-east-1:123456789012:trail/a?b")
        #expect(PageToken.offset(PageToken.after("40", for: "ListRoots"), for: "ListRoots") == 40)
    }

    @Test func anotherListsTokenOrGarbageIsRefused() {
        let token = PageToken.after("5", for: "ListAccounts")
        #expect(PageToken.key(token, for: "ListRoots") == nil)
        #expect(PageToken.key("not base64 !", for: "ListAccounts") == nil)
        #expect(PageToken.offset(PageToken.after("-1", for: "ListRoots"), for: "ListRoots") == nil)
    }

    @Test func tokensTravelInAQueryStringUnchanged() {
        for i in 0..<200 {
            let token = PageToken.after(String(repeating: "?>", count: i % 7) + "\(i)", for: "scope")
            #expect(!token.contains("+") && !token.contains("/") && !token.contains("="))
        }
    }
}
