/// IAM's model constraints on names, paths and free text, worded as IAM words a violation: the value, the
/// field in lowerCamelCase, and the constraint. Checked before anything is written, so a bad input never
/// leaves a partial change behind.
package enum IAMInputRules {
    package static let namePattern = "[\\w+=,.@-]+"
    package static let pathPattern = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"
    package static let pathPrefixPattern = "\\u002F[\\u0021-\\u007F]*"
    package static let policyPathPattern = "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/"

    /// User, group, role and policy names: `[\w+=,.@-]+` (ASCII word characters) within the length limit.
    package static func name(_ value: String, field: String, maxLength: Int) throws(ServiceError) {
        try length(value, field: field, min: 1, max: maxLength)
        guard value.unicodeScalars.allSatisfy(isNameScalar) else {
            throw .iamValidation(field, value: value, "Member must satisfy regular expression pattern: \(namePattern)")
        }
    }

    /// Entity paths: `/` or `/…/` of printable ASCII, at most 512 characters.
    package static func path(_ value: String, field: String = "path") throws(ServiceError) {
        try length(value, field: field, min: 1, max: 512)
        let scalars = Array(value.unicodeScalars)
        let ok =
            value == "/"
            || (scalars.count >= 3 && scalars.first == "/" && scalars.last == "/"
                && scalars.allSatisfy { (0x21...0x7E).contains($0.value) })
        guard ok else { throw .iamValidation(field, value: value, "Member must satisfy regular expression pattern: \(pathPattern)") }
    }

    /// Managed-policy paths are stricter: segments of `[A-Za-z0-9.,+@=_-]` between slashes.
    package static func policyPath(_ value: String, field: String = "path") throws(ServiceError) {
        try length(value, field: field, min: 1, max: 512)
        let segments = value.split(separator: "/", omittingEmptySubsequences: false)
        let ok =
            value.hasPrefix("/") && value.hasSuffix("/")
            && segments.dropFirst().dropLast().allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy(isNameScalar) }
        guard ok else { throw .iamValidation(field, value: value, "Member must satisfy regular expression pattern: \(policyPathPattern)") }
    }

    /// List filters: a slash followed by printable ASCII.
    package static func pathPrefix(_ value: String, field: String = "pathPrefix") throws(ServiceError) {
        try length(value, field: field, min: 1, max: 512)
        guard value.hasPrefix("/"), value.unicodeScalars.allSatisfy({ (0x21...0x7F).contains($0.value) }) else {
            throw .iamValidation(field, value: value, "Member must satisfy regular expression pattern: \(pathPrefixPattern)")
        }
    }

    /// Role descriptions: printable Latin-1 and tab/newline, at most 1,000 characters.
    package static func roleDescription(_ value: String, field: String = "description") throws(ServiceError) {
        try length(value, field: field, min: 0, max: 1000)
        let ok = value.unicodeScalars.allSatisfy { s in
            s == "\t" || s == "\n" || s == "\r" || (0x20...0x7E).contains(s.value) || (0xA1...0xFF).contains(s.value)
        }
        guard ok else {
            throw .iamValidation(
                field, value: value, "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*")
        }
    }

    /// Policy documents as the model admits them (the policy engine then judges the content).
    package static func policyDocumentText(_ value: String, field: String = "policyDocument") throws(ServiceError) {
        try length(value, field: field, min: 1, max: 131_072)
        let ok = value.unicodeScalars.allSatisfy { s in
            s == "\t" || s == "\n" || s == "\r" || (0x20...0xFF).contains(s.value)
        }
        guard ok else {
            throw .iamValidation(field, value: value, "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+")
        }
    }

    package static func length(_ value: String, field: String, min: Int, max: Int) throws(ServiceError) {
        let n = value.count
        if n < min { throw .iamValidation(field, value: value, "Member must have length greater than or equal to \(min)") }
        if n > max { throw .iamValidation(field, value: value, "Member must have length less than or equal to \(max)") }
    }

    /// An integer member: its text must be a number, within the model's range.
    package static func integer(_ text: String, field: String, min: Int, max: Int) throws(ServiceError) -> Int {
        guard let n = Int(text) else { throw .iamValidation(field, value: text, "Member must be a number") }
        if n < min { throw .iamValidation(field, value: text, "Member must have value greater than or equal to \(min)") }
        if n > max { throw .iamValidation(field, value: text, "Member must have value less than or equal to \(max)") }
        return n
    }

    package static func boolean(_ text: String, field: String) throws(ServiceError) -> Bool {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .iamValidation(field, value: text, "Member must be a boolean")
        }
    }

    /// An enumerated member: the exact spelling of one of the model's values.
    package static func oneOf(_ text: String, field: String, _ values: [String]) throws(ServiceError) -> String {
        guard values.contains(text) else {
            throw .iamValidation(field, value: text, "Member must satisfy enum value set: [\(values.joined(separator: ", "))]")
        }
        return text
    }

    private static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "+", "=", ",", ".", "@", "-": true
        default: false
        }
    }

}
