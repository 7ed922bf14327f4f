package import CairnPolicy
import Foundation

/// Encodes a typed value straight into a `JSONValue`, without JSON text in between: an event's
/// requestParameters and responseElements are derived from the operation's input and output on every call.
/// Absent optionals are left out (synthesized `Encodable` skips them); member names can be re-cased for the
/// record, and dates written as the record's convention wants.
package struct JSONValueEncoder: Sendable {
    package enum KeyStyle: Sendable {
        /// The member names as the type declares them (the wire's).
        case asDeclared
        /// The first letter lowercased, as CloudTrail records name members (`userName`, `trailARN`).
        case lowerCamel
    }

    package enum DateStyle: Sendable {
        case epochSeconds
        case iso8601
        /// Java's medium format, as dates appear inside CloudTrail records (UTCTimestamp.javaMedium).
        case javaMedium(commaAfterYear: Bool)
    }

    package var keys: KeyStyle
    package var dates: DateStyle

    /// Members whose value is null are left out (CloudTrail records omit absent members).
    package var omitsNulls: Bool

    package init(keys: KeyStyle = .asDeclared, dates: DateStyle = .epochSeconds, omitsNulls: Bool = false) {
        self.keys = keys
        self.dates = dates
        self.omitsNulls = omitsNulls
    }

    package func encode(_ value: some Encodable) throws -> JSONValue {
        let root = Slot()
        try ValueEncoder(slot: root, path: nil, options: self).encodeValue(value)
        return root.resolved(omittingNulls: omitsNulls)
    }

    fileprivate func key(_ name: String) -> String {
        switch keys {
        case .asDeclared: return name
        case .lowerCamel:
            // Member names are ASCII; Character's Unicode case tests cost more than the rest of a member.
            guard let first = name.utf8.first else { return name }
            if (0x41...0x5A).contains(first) {
                var bytes = Array(name.utf8)
                bytes[0] |= 0x20
                return String(decoding: bytes, as: UTF8.self)
            }
            guard first >= 0x80, let character = name.first, character.isUppercase else { return name }
            return character.lowercased() + name.dropFirst()
        }
    }
}

/// Where one encoded value goes. Containers write into slots they own and resolve them at the end, so a
/// nested container can still be filled after its parent handed it out, as `Encoder` allows.
private final class Slot {
    enum Content {
        case empty
        case value(JSONValue)
        case object([(String, Slot)])
        case array([Slot])
    }

    var content: Content = .empty

    func resolved(omittingNulls: Bool) -> JSONValue {
        switch content {
        case .empty: return .object(JSONObject())
        case .value(let v): return v
        case .object(let members):
            var out: [JSONMember] = []
            out.reserveCapacity(members.count)
            for (key, slot) in members {
                let value = slot.resolved(omittingNulls: omittingNulls)
                if omittingNulls, case .null = value { continue }
                out.append(JSONMember(key, value))
            }
            return .object(JSONObject(out))
        case .array(let items): return .array(items.map { $0.resolved(omittingNulls: omittingNulls) })
        }
    }

    func member(_ key: String) -> Slot {
        let slot = Slot()
        member(key, slot)
        return slot
    }

    /// Appends in place: `content` is emptied while the members are out, or the append would copy them all.
    func member(_ key: String, _ slot: Slot) {
        if case .object(var members) = content {
            content = .empty
            members.append((key, slot))
            content = .object(members)
        } else {
            content = .object([(key, slot)])
        }
    }

    func appended() -> Slot {
        let slot = Slot()
        appended(slot)
        return slot
    }

    func appended(_ slot: Slot) {
        if case .array(var items) = content {
            content = .empty
            items.append(slot)
            content = .array(items)
        } else {
            content = .array([slot])
        }
    }

    /// A slot holding a scalar, for the containers' own `encode` overloads (no encoder, no dynamic casts).
    static func holding(_ value: JSONValue) -> Slot {
        let slot = Slot()
        slot.content = .value(value)
        return slot
    }
}

/// A coding path kept as links to the parent, built into an array only when asked for (errors): an array per
/// encoded value cost more than the value's own encoding.
private final class CodingPathLink {
    let key: any CodingKey
    let parent: CodingPathLink?

    init(_ key: any CodingKey, parent: CodingPathLink?) {
        self.key = key
        self.parent = parent
    }

    static func path(_ link: CodingPathLink?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var next = link
        while let l = next {
            keys.append(l.key)
            next = l.parent
        }
        return keys.reversed()
    }
}

private struct ValueEncoder: Encoder {
    let slot: Slot
    let path: CodingPathLink?
    let options: JSONValueEncoder
    var codingPath: [any CodingKey] { CodingPathLink.path(path) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = slot.content {} else { slot.content = .object([]) }
        return KeyedEncodingContainer(KeyedSlots<Key>(slot: slot, path: path, options: options))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = slot.content {} else { slot.content = .array([]) }
        return ListSlots(slot: slot, path: path, options: options)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeValue<T: Encodable>(_ value: T) throws {
        if let date = value as? Date {
            switch options.dates {
            case .epochSeconds: slot.content = .value(.number(date.timeIntervalSince1970))
            case .iso8601: slot.content = .value(.string(UTCTimestamp.iso8601(date)))
            case .javaMedium(let comma): slot.content = .value(.string(UTCTimestamp.javaMedium(date, commaAfterYear: comma)))
            }
        } else if let data = value as? Data {
            slot.content = .value(.string(data.base64EncodedString()))
        } else if let json = value as? JSONValue {
            slot.content = .value(json)
        } else if T.self == [String: String].self, let map = value as? [String: String] {
            // A map's keys are the caller's data, not member names: they keep their spelling (a widget's
            // ViewProperties `View`, a refresh's `$StartTime$`). The metatype test first: a dynamic cast on every
            // value would tax every call's encoding.
            slot.content = .value(.object(JSONObject(map.mapValues { .string($0) })))
        } else {
            try value.encode(to: self)
        }
    }
}

extension ValueEncoder: SingleValueEncodingContainer {
    func encodeNil() { slot.content = .value(.null) }
    func encode(_ value: Bool) { slot.content = .value(.bool(value)) }
    func encode(_ value: String) { slot.content = .value(.string(value)) }
    func encode(_ value: Double) { slot.content = .value(.number(value)) }
    func encode(_ value: Float) { slot.content = .value(.number(Double(value))) }
    func encode(_ value: Int) { slot.content = .value(.number(Double(value))) }
    func encode(_ value: Int8) { slot.content = .value(.number(Double(value))) }
    func encode(_ value: Int16) { slot.content = .value(.number(Double(value))) }
    func encode(_ value: Int32) { slot.content = .value(.number(Double(value))) }
    func encode(_ value: Int64) { slot.content = .value(.number(Double(value))) }
    func encode(_ value: UInt) { slot.content = .value(.number(Double(value))) }
    func encode(_ value: UInt8) { slot.content = .value(.number(Double(value))) }
    func encode(_ value: UInt16) { slot.content = .value(.number(Double(value))) }
    func encode(_ value: UInt32) { slot.content = .value(.number(Double(value))) }
    func encode(_ value: UInt64) { slot.content = .value(.number(Double(value))) }
    func encode<T: Encodable>(_ value: T) throws { try encodeValue(value) }
}

private struct KeyedSlots<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let path: CodingPathLink?
    let options: JSONValueEncoder
    var codingPath: [any CodingKey] { CodingPathLink.path(path) }

    private func encoder(_ key: Key) -> ValueEncoder {
        ValueEncoder(slot: slot.member(options.key(key.stringValue)), path: CodingPathLink(key, parent: path), options: options)
    }

    private func put(_ value: JSONValue, _ key: Key) { slot.member(options.key(key.stringValue), .holding(value)) }

    mutating func encodeNil(forKey key: Key) { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) { put(.number(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) { put(.number(Double(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) { put(.number(Double(value)), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoder(key).encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        encoder(key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { encoder(key).unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { ValueEncoder(slot: slot.member("super"), path: path, options: options) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder(key) }
}

private struct ListSlots: UnkeyedEncodingContainer {
    let slot: Slot
    let path: CodingPathLink?
    let options: JSONValueEncoder
    var codingPath: [any CodingKey] { CodingPathLink.path(path) }

    var count: Int {
        if case .array(let items) = slot.content { return items.count }
        return 0
    }

    private func encoder() -> ValueEncoder {
        ValueEncoder(slot: slot.appended(), path: CodingPathLink(ListIndex(count), parent: path), options: options)
    }

    mutating func encodeNil() { slot.appended(.holding(.null)) }
    mutating func encode(_ value: Bool) { slot.appended(.holding(.bool(value))) }
    mutating func encode(_ value: String) { slot.appended(.holding(.string(value))) }
    mutating func encode(_ value: Double) { slot.appended(.holding(.number(value))) }
    mutating func encode(_ value: Int) { slot.appended(.holding(.number(Double(value)))) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder().encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        encoder().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { encoder().unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { encoder() }
}
