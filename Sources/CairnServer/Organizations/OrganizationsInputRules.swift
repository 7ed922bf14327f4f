import CairnCore
import Foundation

/// The checks AWS Organizations makes of its members, worded as it words them: every refusal names the
/// member at fault.
enum OrganizationsInputRules {

    static func required(_ value: String?, _ member: String) throws(ServiceError) -> String {
        guard let value, !value.isEmpty else { throw .inputRequired(member) }
        return value
    }

    /// A required member that must match one of the model's id patterns.
    static func id(_ value: String?, _ member: String, _ matches: (String) -> Bool) throws(ServiceError) -> String {
        let v = try required(value, member)
        guard matches(v) else { throw .invalidPattern(member, v) }
        return v
    }

    static func length(_ value: String, _ member: String, _ range: ClosedRange<Int>) throws(ServiceError) {
        if value.count < range.lowerBound {
            throw .invalidInput("MIN_LENGTH_EXCEEDED", "\(member) must be at least \(range.lowerBound) characters long.")
        }
        if value.count > range.upperBound {
            throw .invalidInput("MAX_LENGTH_EXCEEDED", "\(member) must be at most \(range.upperBound) characters long.")
        }
    }

    static func oneOf(_ value: String?, _ member: String, _ allowed: [String]) throws(ServiceError) -> String {
        let v = try required(value, member)
        guard allowed.contains(v) else {
            throw .invalidInput("INVALID_ENUM", "\(member) must be one of \(allowed.joined(separator: ", ")); got '\(v)'.")
        }
        return v
    }

    /// Policy types: every one botocore's model names.
    static func policyType(_ value: String?, _ member: String) throws(ServiceError) -> String {
        let v = try required(value, member)
        guard OrganizationPolicyTypes.all.contains(v) else {
            throw .invalidInput("INVALID_ENUM_POLICY_TYPE", "\(member) '\(v)' is not a policy type.")
        }
        return v
    }

    static func email(_ value: String?, _ member: String) throws(ServiceError) -> String {
        let v = try required(value, member)
        try length(v, member, 6...64)
        let parts = v.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !v.contains(where: \.isWhitespace)
        else { throw .invalidPattern(member, v) }
        return v
    }

    static func servicePrincipal(_ value: String?) throws(ServiceError) -> String {
        let v = try required(value, "ServicePrincipal")
        try length(v, "ServicePrincipal", 1...128)
        guard OrganizationLimits.isRecognisedServicePrincipal(v) else {
            throw .invalidInput("UNRECOGNIZED_SERVICE_PRINCIPAL", "You specified an unrecognized service principal: \(v).")
        }
        return v
    }

    /// A request's Tags, checked by AWS's rules (none when the member is absent).
    static func tags(_ tags: [OrganizationsModel.Tag]?) throws(ServiceError) -> [OrganizationTag] {
        try OrganizationTagRules.validate((tags ?? []).map { (key: $0.Key, value: $0.Value) })
    }
}

/// Organizations' cursor paging: at most 20 per page, and an opaque token bound to the operation that gave it.
enum OrganizationsPage {
    static func slice<T>(
        _ items: [T], _ request: some OrganizationsModel.Paged, operation: String
    ) throws(ServiceError) -> (items: [T], nextToken: String?) {
        let size = request.MaxResults ?? OrganizationLimits.maximumPageSize
        guard size >= 1 else { throw .invalidInput("MIN_VALUE_EXCEEDED", "MaxResults must be at least 1.") }
        guard size <= OrganizationLimits.maximumPageSize else {
            throw .invalidInput("MAX_VALUE_EXCEEDED", "MaxResults must be at most \(OrganizationLimits.maximumPageSize).")
        }
        var start = 0
        if let token = request.NextToken {
            guard let offset = PageToken.offset(token, for: operation), offset <= items.count else { throw .invalidNextToken }
            start = offset
        }
        let end = min(items.count, start + size)
        let next = end < items.count ? PageToken.after(String(end), for: operation) : nil
        return (Array(items[start..<end]), next)
    }
}
