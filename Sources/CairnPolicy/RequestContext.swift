/// The request's condition keys. Key names are case-insensitive, so they are lowercased once here and every
/// policy key is lowercased once at compile time: a lookup is one hash of an already-lowercase string.
package struct RequestContext: Sendable, Hashable {
    package struct Entry: Sendable, Hashable {
        package var values: [String]
        /// Multivalued keys never resolve as `${…}` variables, even when they hold one value.
        package var isMultivalued: Bool

        package init(values: [String], isMultivalued: Bool) {
            self.values = values
            self.isMultivalued = isMultivalued
        }
    }

    /// Global keys AWS documents as multivalued, whatever shape the caller supplied them in.
    package static let knownMultivaluedKeys: Set<String> = [
        "aws:principalorgpaths", "aws:resourceorgpaths", "aws:tagkeys", "aws:calledvia",
        "aws:principalservicenameslist", "aws:sourceorgpaths",
    ]

    private(set) package var entries: [String: Entry] = [:]

    package init() {}

    package init(_ values: [String: ContextValue], reservingCapacity extra: Int = 0) {
        entries.reserveCapacity(values.count + extra)
        for (k, v) in values { set(k, v) }
    }

    package mutating func set(_ key: String, _ value: ContextValue) {
        let lower = key.lowercased()
        switch value {
        case .single(let s):
            entries[lower] = Entry(values: [s], isMultivalued: Self.knownMultivaluedKeys.contains(lower))
        case .multiple(let list):
            entries[lower] = Entry(values: list, isMultivalued: true)
        }
    }

    /// Sets the key only when the caller did not supply it, so explicit context always wins over derivation.
    package mutating func setDefault(_ key: String, _ value: ContextValue) {
        if entries[key.lowercased()] == nil { set(key, value) }
    }

    /// `setDefault` for a key already in lowercase (the derived global keys), skipping the lowercasing.
    package mutating func setDefault(lowercased key: String, single value: String) {
        if entries[key] == nil { entries[key] = Entry(values: [value], isMultivalued: false) }
    }

    /// nil when the key is absent or an empty set: AWS treats both alike for every operator.
    @inline(__always)
    package func values(_ lowerKey: String) -> [String]? {
        guard let e = entries[lowerKey], !e.values.isEmpty else { return nil }
        return e.values
    }

    package func contains(_ lowerKey: String) -> Bool { values(lowerKey) != nil }

    /// The value a `${key}` variable resolves to, or nil when it must not resolve.
    package func singleValue(_ lowerKey: String) -> String? {
        guard let e = entries[lowerKey], !e.isMultivalued, e.values.count == 1 else { return nil }
        return e.values[0]
    }
}

/// A context value as callers send it: `"v"` or `["v1", "v2"]`. An array marks the key multivalued.
package enum ContextValue: Sendable, Hashable, Codable {
    case single(String)
    case multiple([String])

    package init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .single(s)
        } else if let list = try? c.decode([String].self) {
            self = .multiple(list)
        } else if let b = try? c.decode(Bool.self) {
            self = .single(b ? "true" : "false")
        } else if let i = try? c.decode(Int64.self) {
            self = .single(String(i))
        } else if let d = try? c.decode(Double.self) {
            self = .single(String(d))
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "must be a string or an array of strings")
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .single(let s): try c.encode(s)
        case .multiple(let l): try c.encode(l)
        }
    }
}
