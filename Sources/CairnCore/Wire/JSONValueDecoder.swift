package import CairnPolicy
import Foundation

/// Decodes an operation's typed input from a request already parsed into a `JSONValue`, so a body is read
/// once, whichever door it came through. The Query protocol carries every member as text, so with
/// `scalarsFromText` numbers and booleans are read from their text as well; a mistake is a `DecodingError`
/// whose coding path names the member, which the door words in its protocol's terms.
package struct JSONValueDecoder: Sendable {
    /// Read numbers and booleans from text (the Query protocol's form fields).
    package var scalarsFromText: Bool

    package init(scalarsFromText: Bool = false) {
        self.scalarsFromText = scalarsFromText
    }

    package func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try ValueDecoder(value: value, codingPath: [], scalarsFromText: scalarsFromText).decodeValue(T.self)
    }
}

/// One position in the tree; containers hand out new decoders for their members.
private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let scalarsFromText: Bool
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch(JSONObject.self, "an object") }
        return KeyedDecodingContainer(KeyedValues(members: members, codingPath: codingPath, scalarsFromText: scalarsFromText))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        // The Query protocol sends an empty list as the bare member name (`Tags=`).
        if scalarsFromText, value == .string("") {
            return ListValues(items: [], codingPath: codingPath, scalarsFromText: scalarsFromText)
        }
        guard case .array(let items) = value else { throw mismatch([JSONValue].self, "a list") }
        return ListValues(items: items, codingPath: codingPath, scalarsFromText: scalarsFromText)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func mismatch(_ type: Any.Type, _ expected: String) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "expected \(expected)"))
    }

    func child(_ value: JSONValue, _ key: any CodingKey) -> ValueDecoder {
        ValueDecoder(value: value, codingPath: codingPath + [key], scalarsFromText: scalarsFromText)
    }

    /// Dates are epoch seconds (JSON 1.1's timestamps) or ISO 8601 text (Query's, and what people type).
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == Date.self {
            switch value {
            case .number(let n): if let seconds = Double(n) { return Date(timeIntervalSince1970: seconds) as! T }
            case .string(let s):
                if let n = Double(s) { return Date(timeIntervalSince1970: n) as! T }
                if let d = UTCTimestamp.parse(s) { return d as! T }
            default: break
            }
            throw mismatch(Date.self, "a timestamp")
        }
        if T.self == JSONValue.self { return value as! T }
        return try T(from: self)
    }
}

extension ValueDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        if case .bool(let b) = value { return b }
        if scalarsFromText, case .string(let s) = value {
            switch s.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        throw mismatch(Bool.self, "a boolean")
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = value else { throw mismatch(String.self, "a string") }
        return s
    }

    func decode(_ type: Double.Type) throws -> Double {
        if case .number(let n) = value, let d = Double(n), d.isFinite { return d }
        if scalarsFromText, case .string(let s) = value, let n = Double(s), n.isFinite { return n }
        throw mismatch(Double.self, "a number")
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func decode<I: BinaryInteger & FixedWidthInteger>(integer type: I.Type) throws -> I {
        switch value {
        case .number(let n):
            if let i = I(n) { return i }
            if let d = Double(n), d.rounded() == d, let i = I(exactly: d) { return i }
        case .string(let s) where scalarsFromText:
            if let i = I(s) { return i }
        default: break
        }
        throw mismatch(I.self, "a whole number")
    }

    func decode(_ type: Int.Type) throws -> Int { try decode(integer: Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decode(integer: Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decode(integer: Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decode(integer: Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decode(integer: Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try decode(integer: UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decode(integer: UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decode(integer: UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decode(integer: UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decode(integer: UInt64.self) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(T.self) }
}

private struct KeyedValues<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: JSONObject
    let codingPath: [any CodingKey]
    let scalarsFromText: Bool

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func member(_ key: Key) throws -> ValueDecoder {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return ValueDecoder(value: value, codingPath: codingPath + [key], scalarsFromText: scalarsFromText)
    }

    func decodeNil(forKey key: Key) throws -> Bool { (members[key.stringValue] ?? .null) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let d = try member(key)
        if d.value == .null {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: d.codingPath, debugDescription: "null"))
        }
        return try d.decodeValue(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try member(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try member(key).unkeyedContainer() }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: .object(members), codingPath: codingPath, scalarsFromText: scalarsFromText)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { try member(key) }
}

private struct ListValues: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    let scalarsFromText: Bool
    var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey], scalarsFromText: Bool) {
        self.items = items
        self.codingPath = codingPath
        self.scalarsFromText = scalarsFromText
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> ValueDecoder {
        let key = ListIndex(currentIndex)
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath + [key], debugDescription: "the list has ended"))
        }
        defer { currentIndex += 1 }
        return ValueDecoder(value: items[currentIndex], codingPath: codingPath + [key], scalarsFromText: scalarsFromText)
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let d = try next()
        if d.value == .null {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: d.codingPath, debugDescription: "null"))
        }
        return try d.decodeValue(T.self)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

/// A list position in a coding path (`TagsList[2].Key`).
package struct ListIndex: CodingKey {
    package let intValue: Int?
    package var stringValue: String { "[\(intValue ?? 0)]" }

    package init(_ index: Int) { intValue = index }
    package init?(intValue: Int) { self.intValue = intValue }
    package init?(stringValue: String) { nil }
}
