/// A managed policy's ARN: `arn:PARTITION:iam::ACCOUNT:policy/PATH/NAME`, where ACCOUNT is `aws` for
/// AWS-managed policies. Callers name policies only by ARN, so this is where a malformed one is refused.
package struct IAMPolicyARN: Sendable, Hashable, CustomStringConvertible {
    package let partition: String
    /// A 12-digit account id, or `aws`.
    package let owner: String
    package let path: String
    package let name: String

    package var isAWSManaged: Bool { owner == "aws" }
    package var description: String { "arn:\(partition):iam::\(owner):policy\(path)\(name)" }

    package init(partition: String, owner: String, path: String, name: String) {
        self.partition = partition
        self.owner = owner
        self.path = path
        self.name = name
    }

    /// Parses an ARN a request supplied; `field` names it in the refusal.
    package init(parsing text: String, field: String = "policyArn") throws(ServiceError) {
        try IAMInputRules.length(text, field: field, min: 20, max: 2048)
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, parts[2] == "iam", parts[3].isEmpty,
            parts[4] == "aws" || (parts[4].count == 12 && parts[4].allSatisfy(\.isASCII) && parts[4].allSatisfy(\.isNumber)),
            parts[5].hasPrefix("policy/"), let slash = parts[5].lastIndex(of: "/")
        else { throw .invalidInput("ARN \(text) is not valid.") }
        let resource = parts[5]
        let path = String(resource[resource.index(resource.startIndex, offsetBy: "policy".count)...slash])
        let name = String(resource[resource.index(after: slash)...])
        guard !name.isEmpty else { throw .invalidInput("ARN \(text) is not valid.") }
        self.init(partition: String(parts[1]), owner: String(parts[4]), path: path, name: name)
    }
}
