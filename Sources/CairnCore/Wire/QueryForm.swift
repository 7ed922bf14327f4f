package import CairnPolicy

/// The Query protocol's flat form fields as the tree they stand for, so an operation's input decodes from
/// them as from JSON: `Tags.member.2.Key=k` is the second list item's `Key`, `PolicyArns.member.1.arn=a` the
/// first item's `arn`, `Filter.Name=n` a nested member. List items are ordered by their index, as AWS orders
/// them; every leaf stays text (numbers and booleans are read from it while decoding).
package enum QueryForm {
    /// Members the protocol itself uses, which are no operation's input.
    package static let protocolFields: Set<String> = ["Action", "Version"]

    package static func tree(_ fields: [String: String]) -> JSONValue {
        var root = Node()
        for (name, value) in fields where !protocolFields.contains(name) && !name.hasPrefix("X-Amz-") {
            root.insert(name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)[...], value)
        }
        // A request with no members is an empty structure, not an empty text.
        return root.members.isEmpty && root.items.isEmpty ? .object(JSONObject()) : root.value
    }

    private struct Node {
        var text: String?
        var members: [String: Node] = [:]
        /// `member.N` children by N.
        var items: [Int: Node] = [:]

        mutating func insert(_ path: ArraySlice<String>, _ value: String) {
            guard let head = path.first else {
                text = value
                return
            }
            let rest = path.dropFirst()
            if head == "member", let indexText = rest.first, let index = Int(indexText) {
                items[index, default: Node()].insert(rest.dropFirst(), value)
            } else {
                members[head, default: Node()].insert(rest, value)
            }
        }

        var value: JSONValue {
            if !items.isEmpty {
                return .array(items.sorted { $0.key < $1.key }.map(\.value.value))
            }
            if !members.isEmpty {
                return .object(JSONObject(members.mapValues(\.value)))
            }
            return .string(text ?? "")
        }
    }
}
