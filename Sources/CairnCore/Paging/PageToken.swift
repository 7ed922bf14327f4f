package import Foundation

/// Cairn's one page-token scheme: an opaque token that carries where the next page starts (a sort key or an
/// offset) and the operation that gave it, so a token from one list is refused by another. The text is
/// base64 of `operation:position`; callers treat it as opaque, as AWS's clients do.
package enum PageToken {
    package static func after(_ position: String, for operation: String) -> String {
        Data("\(operation):\(position)".utf8).base64EncodedString()
    }

    /// The position a token carries, or nil when it is not a token of `operation`.
    package static func key(_ token: String, for operation: String) -> String? {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8), text.hasPrefix(operation + ":") else {
            return nil
        }
        return String(text.dropFirst(operation.count + 1))
    }

    /// An offset position, for lists read whole and sliced.
    package static func offset(_ token: String, for operation: String) -> Int? {
        key(token, for: operation).flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil }
    }
}
