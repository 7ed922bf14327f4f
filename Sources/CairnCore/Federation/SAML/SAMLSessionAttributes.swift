/// The AWS-defined attributes of an assertion, read and checked as AssumeRoleWithSAML documents them. An attribute
/// that appears in several statements has its values joined; one that must be single-valued and is not is refused
/// rather than resolved by picking a value, since the IdP's intent would be a guess.
package struct SAMLSessionAttributes: Sendable, Hashable {
    package static let sessionDurationRange = 900...43_200
    package static let maximumTagCount = 50

    package let roles: [SAMLRolePair]
    package let roleSessionName: String
    package let sessionDuration: Int?
    package let sourceIdentity: String?
    package let principalTags: [SAMLSessionTag]
    package let transitiveTagKeys: [String]

    package init(attributes: [SAMLAttribute]) throws(SAMLRefusal) {
        func values(_ name: String) -> [String]? {
            let matching = attributes.filter { $0.name == name }
            return matching.isEmpty ? nil : matching.flatMap(\.values)
        }

        guard let roleValues = values(SAMLAttributeName.role), !roleValues.isEmpty else {
            throw .roleAttribute("the assertion has no \(SAMLAttributeName.role) attribute value")
        }
        var roles: [SAMLRolePair] = []
        for value in roleValues {
            guard let pair = SAMLRolePair(attributeValue: value) else {
                throw .roleAttribute("\(value) is not a role ARN and a SAML provider ARN separated by a comma")
            }
            roles.append(pair)
        }
        self.roles = roles

        guard let names = values(SAMLAttributeName.roleSessionName) else {
            throw .roleSessionName("the assertion has no \(SAMLAttributeName.roleSessionName) attribute")
        }
        guard names.count == 1, let name = names.first, Self.isSessionIdentifier(name) else {
            throw .roleSessionName("it must be one value of 2 to 64 characters from [A-Za-z0-9_+=,.@-], not \(names)")
        }
        roleSessionName = name

        if let durations = values(SAMLAttributeName.sessionDuration) {
            guard durations.count == 1, let text = durations.first, text.allSatisfy({ $0.isASCII && $0.isNumber }),
                let seconds = Int(text), Self.sessionDurationRange.contains(seconds)
            else { throw .sessionDuration("it must be one whole number of seconds from 900 to 43200, not \(durations)") }
            sessionDuration = seconds
        } else {
            sessionDuration = nil
        }

        if let identities = values(SAMLAttributeName.sourceIdentity) {
            guard identities.count == 1, let identity = identities.first, Self.isSessionIdentifier(identity),
                !identity.lowercased().hasPrefix("aws:")
            else {
                throw .sourceIdentity("it must be one value of 2 to 64 characters from [A-Za-z0-9_+=,.@-], not starting with aws:")
            }
            sourceIdentity = identity
        } else {
            sourceIdentity = nil
        }

        var tags: [SAMLSessionTag] = []
        for attribute in attributes where attribute.name.hasPrefix(SAMLAttributeName.principalTagPrefix) {
            let key = String(attribute.name.dropFirst(SAMLAttributeName.principalTagPrefix.count))
            guard Self.isTagKey(key) else { throw .sessionTags("\(key) is not a valid tag key") }
            guard attribute.values.count == 1, let value = attribute.values.first, value.count <= 256,
                value.allSatisfy(Self.isTagCharacter)
            else { throw .sessionTags("the tag \(key) must have exactly one value of up to 256 valid characters") }
            guard !tags.contains(where: { $0.key.lowercased() == key.lowercased() }) else {
                throw .sessionTags("the tag key \(key) appears more than once (keys are case-insensitive)")
            }
            tags.append(SAMLSessionTag(key: key, value: value))
        }
        guard tags.count <= Self.maximumTagCount else { throw .sessionTags("\(tags.count) tags is over the limit of 50") }
        principalTags = tags

        let transitive = values(SAMLAttributeName.transitiveTagKeys) ?? []
        for key in transitive where !tags.contains(where: { $0.key.lowercased() == key.lowercased() }) {
            throw .sessionTags("the transitive tag key \(key) is not one of the session's tags")
        }
        transitiveTagKeys = transitive
    }

    /// RoleSessionName and SourceIdentity: 2–64 characters of `[\w+=,.@-]`.
    private static func isSessionIdentifier(_ text: String) -> Bool {
        (2...64).contains(text.count)
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_+=,.@-".contains($0)) }
    }

    private static func isTagKey(_ key: String) -> Bool {
        (1...128).contains(key.count) && key.allSatisfy(isTagCharacter) && !key.lowercased().hasPrefix("aws:")
    }

    /// IAM's tag alphabet: letters, numbers and spaces of any script, and `_ . : / = + - @`.
    private static func isTagCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == " " || "_.:/=+-@".contains(character)
    }
}
