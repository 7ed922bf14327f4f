import CairnCore

/// The paging of Cairn's own REST listings (`limit` 1–100, default 100; an opaque `nextToken` bound to the
/// listing). Inside the operation, so a bad page is the call's own refusal, recorded once with the call.
enum RESTListPage {
    static func slice<T>(_ items: [T], limit: Int?, nextToken: String?, listing: String) throws(ServiceError) -> (items: [T], nextToken: String?) {
        let size = limit ?? 100
        guard (1...100).contains(size) else { throw ServiceError.validation("limit", "Member must be between 1 and 100") }
        var start = 0
        if let nextToken {
            guard let offset = PageToken.offset(nextToken, for: listing), offset <= items.count else {
                throw ServiceError.validation("nextToken", "Member must be a nextToken this listing returned")
            }
            start = offset
        }
        let end = min(items.count, start + size)
        return (Array(items[start..<end]), end < items.count ? PageToken.after(String(end), for: listing) : nil)
    }
}
