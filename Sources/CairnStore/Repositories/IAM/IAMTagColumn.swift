import CairnCore
import Foundation

/// Tags live in a jsonb object column (`{"key": "value"}`); these convert between it and `[IAMTag]`.
enum IAMTagColumn {
    static func encode(_ tags: [IAMTag]) -> String {
        var object: [String: String] = [:]
        for t in tags { object[t.key] = t.value }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) -> [IAMTag] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String] else { return [] }
        return object.map { IAMTag(key: $0.key, value: $0.value) }.sorted { $0.key < $1.key }
    }
}
