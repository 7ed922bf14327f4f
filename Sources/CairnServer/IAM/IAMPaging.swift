import CairnCore

/// Paging of short lists read whole (versions, tags, access keys, attached policies): the same Marker and
/// MaxItems contract as the keyset-paged lists, applied in memory to an already ordered list.
enum IAMPaging {
    static func slice<T: Sendable>(_ all: [T], page: IAMListPage, key: (T) -> String) -> IAMPageOf<T> {
        var rest = all[...]
        if let after = page.after, let i = all.firstIndex(where: { key($0) == after }) {
            rest = all[(i + 1)...]
        }
        return IAMPageOf(fetched: Array(rest.prefix(page.maxItems + 1)), page: page, key: key)
    }
}
