/// One IAM tag. Keys compare case-insensitively, as IAM's do: an entity cannot carry `Team` and `team`.
package struct IAMTag: Sendable, Hashable {
    package let key: String
    package let value: String

    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// IAM's tag rules: at most 50 per entity, keys 1–128 and values 0–256 characters of letters, numbers,
/// spaces and `_.:/=+-@`, and the `aws:` prefix reserved for AWS.
package enum IAMTagRules {
    package static let maximumPerEntity = 50
    static let keyPattern = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+"
    static let valuePattern = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*"

    /// Checks tags a request supplies; `field` is the list's lowerCamel name (`tags`).
    package static func validate(_ tags: [IAMTag], field: String = "tags") throws(ServiceError) {
        if tags.count > maximumPerEntity {
            throw .iamValidation(field, value: describe(tags), "Member must have length less than or equal to \(maximumPerEntity)")
        }
        var seen = Set<String>()
        for (i, tag) in tags.enumerated() {
            try validateKey(tag.key, field: "\(field).\(i + 1).member.key")
            try IAMInputRules.length(tag.value, field: "\(field).\(i + 1).member.value", min: 0, max: 256)
            guard tag.value.unicodeScalars.allSatisfy(isTagScalar) else {
                throw .iamValidation(
                    "\(field).\(i + 1).member.value", value: tag.value, "Member must satisfy regular expression pattern: \(valuePattern)")
            }
            guard seen.insert(tag.key.lowercased()).inserted else {
                throw .invalidInput("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
            }
        }
    }

    package static func validateKey(_ key: String, field: String) throws(ServiceError) {
        try IAMInputRules.length(key, field: field, min: 1, max: 128)
        guard key.unicodeScalars.allSatisfy(isTagScalar) else {
            throw .iamValidation(field, value: key, "Member must satisfy regular expression pattern: \(keyPattern)")
        }
        if key.lowercased().hasPrefix("aws:") {
            throw .invalidInput("User-provided tag keys cannot begin with the reserved prefix 'aws:'.")
        }
    }

    /// The tags after adding `new` to `existing`: a key already present (in any case) takes the new spelling
    /// and value. More than 50 in all is IAM's LimitExceeded, and nothing changes.
    package static func merge(_ existing: [IAMTag], adding new: [IAMTag]) throws(ServiceError) -> [IAMTag] {
        var result = existing
        for tag in new {
            result.removeAll { $0.key.lowercased() == tag.key.lowercased() }
            result.append(tag)
        }
        guard result.count <= maximumPerEntity else {
            throw .limitExceeded("The number of tags has reached the maximum limit.")
        }
        return result.sorted { $0.key < $1.key }
    }

    /// The tags left after removing `keys` (matched case-insensitively); absent keys are ignored, as IAM does.
    package static func remove(_ keys: [String], from existing: [IAMTag]) -> [IAMTag] {
        let doomed = Set(keys.map { $0.lowercased() })
        return existing.filter { !doomed.contains($0.key.lowercased()) }
    }

    /// Letters, separators, numbers and `_.:/=+-@`: the tag pattern IAM and Organizations share.
    package static func isTagScalar(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .spaceSeparator, .lineSeparator, .paragraphSeparator,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return "_.:/=+-@".unicodeScalars.contains(s)
        }
    }

    private static func describe(_ tags: [IAMTag]) -> String {
        "[" + tags.map { "Tag(Key=\($0.key), Value=\($0.value))" }.joined(separator: ", ") + "]"
    }
}
