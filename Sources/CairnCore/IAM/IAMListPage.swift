import Foundation

/// IAM's list paging: `MaxItems` (1–1000, default 100) and an opaque `Marker`. The marker carries the sort
/// key of the last item returned, so a page is a keyset seek: stable under concurrent inserts and deletes,
/// and never an OFFSET scan.
package struct IAMListPage: Sendable, Equatable {
    package static let defaultMaxItems = 100
    /// The sort key to continue after, or nil for the first page.
    package let after: String?
    package let maxItems: Int

    package init(after: String? = nil, maxItems: Int = IAMListPage.defaultMaxItems) {
        self.after = after
        self.maxItems = maxItems
    }

    /// Reads `Marker` and `MaxItems` as a request sent them.
    package init(marker: String?, maxItems: String?) throws(ServiceError) {
        let limit = try maxItems.map { (t: String) throws(ServiceError) -> Int in try IAMInputRules.integer(t, field: "maxItems", min: 1, max: 1000) }
        var after: String?
        if let marker {
            try IAMInputRules.length(marker, field: "marker", min: 1, max: 320)
            guard let key = PageToken.key(marker, for: Self.scope) else {
                throw .iamValidation("marker", value: marker, "Member must be a marker returned by a previous call")
            }
            after = key
        }
        self.init(after: after, maxItems: limit ?? Self.defaultMaxItems)
    }

    /// IAM's markers are one scope for the service: a marker names a position in a sorted list of names.
    static let scope = "IAM"

    package static func marker(after key: String) -> String { PageToken.after(key, for: scope) }
}

/// One page of a list: the items, and the marker for the next page when there is one.
package struct IAMPageOf<Item: Sendable>: Sendable {
    package let items: [Item]
    package let nextMarker: String?
    package var isTruncated: Bool { nextMarker != nil }

    /// Cuts rows fetched with one extra (`maxItems + 1`) into a page; `key` gives an item's sort key.
    package init(fetched: [Item], page: IAMListPage, key: (Item) -> String) {
        if fetched.count > page.maxItems {
            items = Array(fetched.prefix(page.maxItems))
            nextMarker = IAMListPage.marker(after: key(items[items.count - 1]))
        } else {
            items = fetched
            nextMarker = nil
        }
    }

    package init(items: [Item], nextMarker: String?) {
        self.items = items
        self.nextMarker = nextMarker
    }
}
