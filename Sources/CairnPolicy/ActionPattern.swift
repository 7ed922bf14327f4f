/// One Action/NotAction entry. Actions compare case-insensitively, so both sides are lowercased once: the
/// pattern at compile time and the request's action once per decision. No trimming and no comma splitting:
/// `" a:X"` and `"a:X,a:Y"` are matched as written (and so match nothing real).
package struct ActionPattern: Sendable, Hashable {
    package let text: String
    package let glob: GlobPattern
    /// Lowercased service prefix, or nil when the prefix itself has a wildcard (or there is no colon).
    package let service: String?

    package init(_ text: String) {
        self.text = text
        let lower = text.lowercased()
        glob = GlobPattern(lower)
        if let colon = lower.firstIndex(of: ":") {
            let prefix = lower[..<colon]
            service = prefix.contains(where: { $0 == "*" || $0 == "?" }) ? nil : String(prefix)
        } else {
            service = lower.contains(where: { $0 == "*" || $0 == "?" }) ? nil : ""
        }
    }

    package func matches(_ request: RequestAction) -> Bool {
        request.lowercased.withUnsafeBufferPointer { glob.matches($0) }
    }
}

/// The request's action, normalised once per decision.
package struct RequestAction: Sendable, Hashable {
    package let original: String
    package let lowercased: [UInt8]
    package let service: String

    package init(_ action: String) {
        original = action
        let lower = action.lowercased()
        lowercased = Array(lower.utf8)
        if let colon = lower.firstIndex(of: ":") { service = String(lower[..<colon]) } else { service = "" }
    }
}
