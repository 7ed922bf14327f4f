import CairnCore
import CairnPolicy

/// IAM's checks of an input's members, against botocore's iam model, naming the member in lowerCamelCase as
/// IAM's ValidationError does. Each takes a member as sent (nil: not sent).
enum IAMInputChecks {
    static func field(_ member: String) -> String { member.lowerCamelFirst }

    static func required(_ value: String?, _ member: String) throws(ServiceError) -> String {
        guard let value else { throw ServiceError.missingParameter(field(member)) }
        return value
    }

    /// An entity or policy name (`UserName`, `RoleName`, `GroupName`, `PolicyName`) within its model length.
    static func name(_ value: String?, _ member: String, maxLength: Int) throws(ServiceError) -> String {
        let v = try required(value, member)
        try IAMInputRules.name(v, field: field(member), maxLength: maxLength)
        return v
    }

    static func optionalName(_ value: String?, _ member: String, maxLength: Int) throws(ServiceError) -> String? {
        guard value != nil else { return nil }
        return try name(value, member, maxLength: maxLength)
    }

    /// An entity path; `/` when not sent.
    static func path(_ value: String?, _ member: String = "Path") throws(ServiceError) -> String {
        guard let value else { return "/" }
        try IAMInputRules.path(value, field: field(member))
        return value
    }

    static func policyPath(_ value: String?, _ member: String = "Path") throws(ServiceError) -> String {
        guard let value else { return "/" }
        try IAMInputRules.policyPath(value, field: field(member))
        return value
    }

    static func pathPrefix(_ value: String?, _ member: String = "PathPrefix") throws(ServiceError) -> String {
        guard let value else { return "/" }
        try IAMInputRules.pathPrefix(value, field: field(member))
        return value
    }

    static func policyArn(_ value: String?, _ member: String = "PolicyArn") throws(ServiceError) -> IAMPolicyARN {
        try IAMPolicyARN(parsing: try required(value, member), field: field(member))
    }

    /// A policy document the engine accepts for `type` and the storage's size limit.
    static func document(
        _ value: String?, _ member: String = "PolicyDocument", type: PolicyType, limit: PolicySizeLimit
    ) throws(ServiceError) -> String {
        let text = try required(value, member)
        try IAMPolicyDocumentRules.check(text, type: type, limit: limit, field: field(member))
        return text
    }

    static func integer(_ value: Int?, _ member: String, min: Int, max: Int) throws(ServiceError) -> Int? {
        guard let value else { return nil }
        return try IAMInputRules.integer(String(value), field: field(member), min: min, max: max)
    }

    static func oneOf(_ value: String?, _ member: String, _ values: [String]) throws(ServiceError) -> String? {
        guard let value else { return nil }
        return try IAMInputRules.oneOf(value, field: field(member), values)
    }

    /// `Marker` and `MaxItems`.
    static func page(marker: String?, maxItems: Int?) throws(ServiceError) -> IAMListPage {
        try IAMListPage(marker: marker, maxItems: maxItems.map(String.init))
    }

    /// Tags as sent, validated by IAM's tag rules; a pair without its Key or Value is named.
    static func tags(_ given: [IAMModel.Tag]?, _ member: String = "Tags") throws(ServiceError) -> [IAMTag] {
        var tags: [IAMTag] = []
        for (i, pair) in (given ?? []).enumerated() {
            guard let key = pair.Key else { throw ServiceError.missingParameter("\(field(member)).\(i + 1).member.key") }
            guard let value = pair.Value else { throw ServiceError.missingParameter("\(field(member)).\(i + 1).member.value") }
            tags.append(IAMTag(key: key, value: value))
        }
        try IAMTagRules.validate(tags, field: field(member))
        return tags
    }
}
