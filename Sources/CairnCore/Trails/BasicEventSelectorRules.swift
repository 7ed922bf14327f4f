/// Validation of basic event selectors: AWS's enums, defaults and limits.
///
/// Limits: 1 to 5 selectors; at most 250 data-resource values across all selectors, not counting the
/// "log everything" prefixes (`arn:<partition>:s3`, `arn:<partition>:lambda`, …).
package enum BasicEventSelectorRules {
    package static let maximumSelectors = 5
    package static let maximumDataResourceValues = 250
    package static let excludableManagementEventSources = ["kms.amazonaws.com", "rdsdata.amazonaws.com"]

    package static func validate(_ inputs: [TrailEventSelectorInput]) throws(TrailRuleViolation) -> [TrailEventSelector] {
        guard (1...maximumSelectors).contains(inputs.count) else {
            throw .invalidEventSelectors("A trail can have 1 to \(maximumSelectors) event selectors; \(inputs.count) were specified.")
        }
        var selectors: [TrailEventSelector] = []
        var countedValues = 0
        for input in inputs {
            var selector = TrailEventSelector()
            if let raw = input.readWriteType {
                guard let type = TrailEventSelector.ReadWriteType(rawValue: raw) else {
                    throw .invalidEventSelectors("Value \(raw) for ReadWriteType is invalid. Valid values are ReadOnly, WriteOnly and All.")
                }
                selector.readWriteType = type
            }
            if let include = input.includeManagementEvents { selector.includeManagementEvents = include }
            for source in input.excludeManagementEventSources ?? [] where !excludableManagementEventSources.contains(source) {
                throw .invalidEventSelectors(
                    "Value \(source) for ExcludeManagementEventSources is invalid. Valid values are kms.amazonaws.com and rdsdata.amazonaws.com.")
            }
            selector.excludeManagementEventSources = input.excludeManagementEventSources ?? []
            for resource in input.dataResources ?? [] {
                let validated = try validate(resource)
                countedValues += validated.values.filter { !isLogAll($0, type: validated.type) }.count
                selector.dataResources.append(validated)
            }
            selectors.append(selector)
        }
        guard countedValues <= maximumDataResourceValues else {
            throw .invalidEventSelectors(
                "A trail is limited to \(maximumDataResourceValues) data resources across all event selectors; \(countedValues) were specified.")
        }
        return selectors
    }

    static func validate(_ input: TrailDataResourceInput) throws(TrailRuleViolation) -> TrailDataResource {
        guard let type = input.type else {
            throw .invalidEventSelectors("DataResources.Type is required.")
        }
        guard TrailDataResource.basicTypes.contains(type) else {
            throw .invalidEventSelectors(
                "Value \(type) for DataResources.Type is invalid. Basic event selectors support AWS::S3::Object, AWS::Lambda::Function and AWS::DynamoDB::Table; use advanced event selectors for other resource types."
            )
        }
        let values = input.values ?? []
        guard !values.isEmpty else {
            throw .invalidEventSelectors("DataResources.Values for \(type) must contain at least one value.")
        }
        for value in values where !isValid(value, type: type) {
            throw .invalidEventSelectors("Value \(value) for DataResources.Values is invalid.")
        }
        return TrailDataResource(type: type, values: values)
    }

    /// `arn:<partition>:s3` (also written `arn:<partition>:s3:::`), `arn:<partition>:lambda`,
    /// `arn:<partition>:dynamodb`: every resource of the type.
    package static func isLogAll(_ value: String, type: String) -> Bool {
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0] == "arn", TrailARN.isPartition(parts[1]) else { return false }
        switch type {
        case "AWS::S3::Object":
            return parts[2] == "s3" && (parts.count == 3 || (parts.count == 6 && parts[3...].allSatisfy(\.isEmpty)))
        case "AWS::Lambda::Function":
            return parts.count == 3 && parts[2] == "lambda"
        case "AWS::DynamoDB::Table":
            return parts.count == 3 && parts[2] == "dynamodb"
        default:
            return false
        }
    }

    /// S3 objects: `arn:<p>:s3:::<bucket>/<optional key prefix>` (the slash is required: a bare bucket ARN
    /// names a bucket, not objects). Lambda: a function ARN, optionally qualified. DynamoDB: a table ARN.
    static func isValid(_ value: String, type: String) -> Bool {
        if isLogAll(value, type: type) { return true }
        guard let arn = TrailForeignARN(value) else { return false }
        switch type {
        case "AWS::S3::Object":
            guard arn.service == "s3", arn.region.isEmpty, arn.accountId.isEmpty,
                let slash = arn.resource.firstIndex(of: "/")
            else { return false }
            return !arn.resource[..<slash].isEmpty
        case "AWS::Lambda::Function":
            guard arn.service == "lambda", !arn.region.isEmpty, !arn.accountId.isEmpty,
                arn.resource.hasPrefix("function:")
            else { return false }
            let rest = arn.resource.dropFirst("function:".count).split(separator: ":", omittingEmptySubsequences: false)
            return (1...2).contains(rest.count) && rest.allSatisfy { !$0.isEmpty }
        case "AWS::DynamoDB::Table":
            guard arn.service == "dynamodb", !arn.region.isEmpty, !arn.accountId.isEmpty,
                arn.resource.hasPrefix("table/")
            else { return false }
            return arn.resource.count > "table/".count
        default:
            return false
        }
    }
}
