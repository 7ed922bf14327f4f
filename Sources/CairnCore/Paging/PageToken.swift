import Foundation

/// Cairn's one page-token scheme: an opaque token that carries where the next page starts (a sort key, an
/// offset, a cursor) and the scope that gave it — the operation, or a fingerprint of the request's filters — so
/// a token from one list is refused by another. The text is URL-safe base64 without padding of
/// `scope:position`, so it travels unchanged in a header or a query string; callers treat it as opaque, as AWS's
/// clients do.
package enum PageToken {
    package static func after(_ position: String, for scope: String) -> String {
        Base64URL.encode(Data("\(scope):\(position)".utf8))
    }

    /// The position a token carries, or nil when it is not a token of `scope`.
    package static func key(_ token: String, for scope: String) -> String? {
        guard let data = Base64URL.decode(Substring(token)), let text = String(data: data, encoding: .utf8), text.hasPrefix(scope + ":") else {
            return nil
        }
        return String(text.dropFirst(scope.count + 1))
    }

    /// An offset position, for lists read whole and sliced.
    package static func offset(_ token: String, for scope: String) -> Int? {
        key(token, for: scope).flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    /// One page of a list read whole: `size` items from the token's offset, and the token for the next page (nil on
    /// the last). nil when the token is not this listing's or points past its end; the caller refuses in its
    /// service's words.
    package static func slice<T>(_ items: [T], size: Int, token: String?, scope: String) -> (items: ArraySlice<T>, next: String?)? {
        var start = 0
        if let token {
            guard let at = offset(token, for: scope), at <= items.count else { return nil }
            start = at
        }
        let page = items.dropFirst(start).prefix(size)
        let end = start + page.count
        return (page, end < items.count ? after(String(end), for: scope) : nil)
    }
}
