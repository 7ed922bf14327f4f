/// AddTags / RemoveTags / CreateTrail TagsList rules.
///
/// Keys 1–128 characters, values 1–256 (the model's lengths, counted in Unicode characters as the
/// documentation says); both limited to letters, digits, white space and `_ . : / = + - @` (the
/// expression `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$` AWS documented for InvalidTagParameterException); keys
/// unique within a request; at most 50 tags on a resource.
package enum TrailTags {
    package static let maximumTagsPerResource = 50
    package static let maximumKeyLength = 128
    package static let maximumValueLength = 256

    /// CreateTrail's TagsList on a new trail.
    package static func forCreate(_ tags: [TrailTag]) throws(TrailRuleViolation) -> [TrailTag] {
        try adding(tags, to: [])
    }

    /// AddTags: a new value for an existing key overwrites it; the result must stay within 50 tags.
    package static func adding(_ tags: [TrailTag], to existing: [TrailTag]) throws(TrailRuleViolation) -> [TrailTag] {
        try validateRequest(tags)
        var result = existing
        for tag in tags {
            if let index = result.firstIndex(where: { $0.key == tag.key }) {
                result[index] = tag
            } else {
                result.append(tag)
            }
        }
        guard result.count <= maximumTagsPerResource else { throw .tagsLimitExceeded }
        return result
    }

    /// RemoveTags removes by key; the value, if sent, is ignored, and keys the trail does not have are
    /// ignored too.
    package static func removing(_ tags: [TrailTag], from existing: [TrailTag]) throws(TrailRuleViolation) -> [TrailTag] {
        try validateRequest(tags)
        let keys = Set(tags.map(\.key))
        return existing.filter { !keys.contains($0.key) }
    }

    static func validateRequest(_ tags: [TrailTag]) throws(TrailRuleViolation) {
        var keys: Set<String> = []
        for tag in tags {
            let keyLength = tag.key.unicodeScalars.count
            guard (1...maximumKeyLength).contains(keyLength) else {
                throw .invalidTagParameter("Tag key must be between 1 and \(maximumKeyLength) characters long; \(keyLength) were given.")
            }
            guard hasAllowedCharacters(tag.key) else {
                throw .invalidTagParameter(
                    "Tag key \(tag.key) is not valid. Tag keys and values can contain only letters, numbers, spaces and the characters _ . : / = + - @."
                )
            }
            if let value = tag.value {
                let valueLength = value.unicodeScalars.count
                guard (1...maximumValueLength).contains(valueLength) else {
                    throw .invalidTagParameter(
                        "Tag value for key \(tag.key) must be between 1 and \(maximumValueLength) characters long; \(valueLength) were given.")
                }
                guard hasAllowedCharacters(value) else {
                    throw .invalidTagParameter(
                        "Tag value for key \(tag.key) is not valid. Tag keys and values can contain only letters, numbers, spaces and the characters _ . : / = + - @."
                    )
                }
            }
            guard keys.insert(tag.key).inserted else {
                throw .invalidTagParameter("Tag key \(tag.key) is specified more than once.")
            }
        }
    }

    /// `[\p{L}\p{Z}\p{N}_.:/=+\-@]`.
    static func hasAllowedCharacters(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .spaceSeparator, .lineSeparator, .paragraphSeparator,
                .decimalNumber, .letterNumber, .otherNumber:
                return true
            default:
                return "_.:/=+-@".unicodeScalars.contains(scalar)
            }
        }
    }
}
