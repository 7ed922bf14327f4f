import CairnCore
import CairnPolicy

/// The input of one IAM call, as the Query protocol names its fields (`UserName`, `Tags.member.1.Key`). The
/// REST door builds the same fields from its JSON, so both doors run one implementation per operation and
/// refuse bad input with the same words. Every accessor validates against botocore's iam model and names
/// the field in lowerCamelCase, as IAM's ValidationError does.
struct IAMRequest: Sendable {
    let fields: [String: String]

    init(fields: [String: String]) { self.fields = fields }

    init(_ call: AWSCall) {
        var fields: [String: String] = [:]
        if case .object(let o) = call.parameters {
            for (k, v) in o { if let s = v.stringValue { fields[k] = s } }
        }
        self.fields = fields
    }

    func optional(_ name: String) -> String? { fields[name] }

    func required(_ name: String) throws(ServiceError) -> String {
        guard let v = fields[name] else { throw ServiceError.missingParameter(Self.lowerCamel(name)) }
        return v
    }

    /// An entity or policy name (`UserName`, `RoleName`, `GroupName`, `PolicyName`) within its model length.
    func name(_ field: String, maxLength: Int) throws(ServiceError) -> String {
        let v = try required(field)
        try IAMInputRules.name(v, field: Self.lowerCamel(field), maxLength: maxLength)
        return v
    }

    func optionalName(_ field: String, maxLength: Int) throws(ServiceError) -> String? {
        guard fields[field] != nil else { return nil }
        return try name(field, maxLength: maxLength)
    }

    func path(_ field: String = "Path") throws(ServiceError) -> String {
        guard let v = fields[field] else { return "/" }
        try IAMInputRules.path(v, field: Self.lowerCamel(field))
        return v
    }

    func policyPath(_ field: String = "Path") throws(ServiceError) -> String {
        guard let v = fields[field] else { return "/" }
        try IAMInputRules.policyPath(v, field: Self.lowerCamel(field))
        return v
    }

    func pathPrefix(_ field: String = "PathPrefix") throws(ServiceError) -> String {
        guard let v = fields[field] else { return "/" }
        try IAMInputRules.pathPrefix(v, field: Self.lowerCamel(field))
        return v
    }

    func policyArn(_ field: String = "PolicyArn") throws(ServiceError) -> IAMPolicyARN {
        try IAMPolicyARN(parsing: try required(field), field: Self.lowerCamel(field))
    }

    /// A policy document the engine accepts for `type` and the storage's size limit.
    func document(_ field: String = "PolicyDocument", type: PolicyType, limit: PolicySizeLimit) throws(ServiceError) -> String {
        let text = try required(field)
        try IAMPolicyDocumentRules.check(text, type: type, limit: limit, field: Self.lowerCamel(field))
        return text
    }

    func integer(_ field: String, min: Int, max: Int) throws(ServiceError) -> Int? {
        guard let v = fields[field] else { return nil }
        return try IAMInputRules.integer(v, field: Self.lowerCamel(field), min: min, max: max)
    }

    func boolean(_ field: String) throws(ServiceError) -> Bool? {
        guard let v = fields[field] else { return nil }
        return try IAMInputRules.boolean(v, field: Self.lowerCamel(field))
    }

    func oneOf(_ field: String, _ values: [String]) throws(ServiceError) -> String? {
        guard let v = fields[field] else { return nil }
        return try IAMInputRules.oneOf(v, field: Self.lowerCamel(field), values)
    }

    var page: IAMListPage {
        get throws(ServiceError) { try IAMListPage(marker: fields["Marker"], maxItems: fields["MaxItems"]) }
    }

    /// `List.member.N` values in N order.
    func members(_ list: String) -> [String] {
        let prefix = "\(list).member."
        return fields.compactMap { k, v -> (Int, String)? in
            guard k.hasPrefix(prefix), let n = Int(k.dropFirst(prefix.count)) else { return nil }
            return (n, v)
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// `Tags.member.N.Key` / `.Value` pairs, validated by IAM's tag rules.
    func tags(_ list: String = "Tags") throws(ServiceError) -> [IAMTag] {
        let prefix = "\(list).member."
        var byIndex: [Int: (key: String?, value: String?)] = [:]
        for (k, v) in fields where k.hasPrefix(prefix) {
            let rest = k.dropFirst(prefix.count).split(separator: ".")
            guard rest.count == 2, let n = Int(rest[0]) else { continue }
            if rest[1] == "Key" { byIndex[n, default: (nil, nil)].key = v }
            if rest[1] == "Value" { byIndex[n, default: (nil, nil)].value = v }
        }
        var tags: [IAMTag] = []
        for (n, pair) in byIndex.sorted(by: { $0.key < $1.key }) {
            guard let key = pair.key else { throw ServiceError.missingParameter("tags.\(n).member.key") }
            guard let value = pair.value else { throw ServiceError.missingParameter("tags.\(n).member.value") }
            tags.append(IAMTag(key: key, value: value))
        }
        try IAMTagRules.validate(tags, field: Self.lowerCamel(list))
        return tags
    }

    /// The call's requestParameters as CloudTrail records IAM's: lowerCamelCase names, lists as arrays,
    /// numbers and booleans typed.
    var cloudTrailParameters: CairnCore.JSONValue {
        var object: [String: CairnCore.JSONValue] = [:]
        var lists: [String: [Int: [String: String]]] = [:]
        for (k, v) in fields {
            let parts = k.split(separator: ".")
            if parts.count >= 3, parts[1] == "member", let n = Int(parts[2]) {
                let sub = parts.count > 3 ? Self.lowerCamel(String(parts[3])) : ""
                lists[Self.lowerCamel(String(parts[0])), default: [:]][n, default: [:]][sub] = v
            } else if k != "Marker" {
                object[Self.lowerCamel(k)] = Self.typed(k, v)
            }
        }
        for (name, items) in lists {
            object[name] = .array(items.sorted { $0.key < $1.key }.map { (_, fields) -> CairnCore.JSONValue in
                if let single = fields[""] { return .string(single) }
                return .object(fields.mapValues { .string($0) })
            })
        }
        return .object(object)
    }

    private static func typed(_ field: String, _ value: String) -> CairnCore.JSONValue {
        switch field {
        case "MaxItems", "MaxSessionDuration": Int(value).map { .number(Double($0)) } ?? .string(value)
        case "SetAsDefault", "OnlyAttached": value.lowercased() == "true" ? .bool(true) : value.lowercased() == "false" ? .bool(false) : .string(value)
        default: .string(value)
        }
    }

    static func lowerCamel(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.lowercased() + name.dropFirst()
    }
}
