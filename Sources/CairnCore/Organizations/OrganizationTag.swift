/// One tag on an AWS Organizations resource (account, root, OU or policy). Keys are case-sensitive, as
/// Organizations' are (unlike IAM's): `Team` and `team` are two tags.
package struct OrganizationTag: Sendable, Hashable {
    package let key: String
    package let value: String

    package init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// AWS Organizations' tag rules (botocore's Tag, TagKey, TagValue and TaggableResourceId shapes; the
/// Organizations quota of 50 tags per resource). Lengths count Unicode scalars, as PostgreSQL's `length`
/// does, so what passes here also passes the table's checks. Every refusal names the member at fault.
package enum OrganizationTagRules {
    package static let maximumPerResource = 50

    /// A request's `Tags` (Key and Value both required; Value may be empty, never null). More than 50 in
    /// one request is the tag limit (ConstraintViolationException), as the resource could never hold them.
    package static func validate(_ tags: [(key: String?, value: String?)], member: String = "Tags") throws(ServiceError) -> [OrganizationTag] {
        var seen = Set<String>()
        var out: [OrganizationTag] = []
        for (i, t) in tags.enumerated() {
            guard let key = t.key else { throw .inputRequired("\(member)[\(i)].Key") }
            guard let value = t.value else { throw .inputRequired("\(member)[\(i)].Value") }
            try validateKey(key, member: "\(member)[\(i)].Key")
            try length(value, "\(member)[\(i)].Value", 0...256)
            guard value.unicodeScalars.allSatisfy(IAMTagRules.isTagScalar) else { throw .invalidPattern("\(member)[\(i)].Value", value) }
            guard seen.insert(key).inserted else { throw .invalidInput("DUPLICATE_TAG_KEY", "\(member) contains the key '\(key)' twice.") }
            out.append(OrganizationTag(key: key, value: value))
        }
        guard out.count <= maximumPerResource else { throw .constraintViolation(.maxTagLimitExceeded) }
        return out
    }

    /// UntagResource's `TagKeys`: required, and each a valid key that is not AWS's to remove.
    package static func validateKeys(_ keys: [String]?, member: String = "TagKeys") throws(ServiceError) -> [String] {
        guard let keys, !keys.isEmpty else { throw .inputRequired(member) }
        for (i, key) in keys.enumerated() { try validateKey(key, member: "\(member)[\(i)]") }
        return keys
    }

    /// 1–128 characters of the tag alphabet; the `aws:` prefix (in any case) is reserved for AWS's system tags.
    package static func validateKey(_ key: String, member: String) throws(ServiceError) {
        try length(key, member, 1...128)
        guard key.unicodeScalars.allSatisfy(IAMTagRules.isTagScalar) else { throw .invalidPattern(member, key) }
        if key.lowercased().hasPrefix("aws:") {
            throw .invalidInput(
                "INVALID_SYSTEM_TAGS_PARAMETER", "\(member) '\(key)' begins with the prefix 'aws:', which is reserved for AWS system tags.")
        }
    }

    /// TaggableResourceId: an account id, `r-`, `ou-`, `p-`, and the `rp-` (resource policy) and `rt-`
    /// (responsibility transfer) ids Cairn does not serve, which are therefore well-formed but never found.
    package static func isTaggableResourceId(_ id: String) -> Bool {
        guard id.utf8.count <= 130 else { return false }
        if OrganizationIdentifiers.isAccount(id) || OrganizationIdentifiers.isRoot(id) || OrganizationIdentifiers.isOrganizationalUnit(id)
            || OrganizationIdentifiers.isPolicy(id)
        {
            return true
        }
        return isWord(id, prefix: "rp-", 4...128) || isWord(id, prefix: "rt-", 8...32)
    }

    private static func isWord(_ id: String, prefix: String, _ length: ClosedRange<Int>) -> Bool {
        guard id.hasPrefix(prefix) else { return false }
        let rest = id.dropFirst(prefix.count)
        return length.contains(rest.count) && rest.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    private static func length(_ value: String, _ member: String, _ range: ClosedRange<Int>) throws(ServiceError) {
        let n = value.unicodeScalars.count
        if n < range.lowerBound { throw .invalidInput("MIN_LENGTH_EXCEEDED", "\(member) must be at least \(range.lowerBound) characters long.") }
        if n > range.upperBound { throw .invalidInput("MAX_LENGTH_EXCEEDED", "\(member) must be at most \(range.upperBound) characters long.") }
    }
}
