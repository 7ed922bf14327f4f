/// Lake query federation (Enable/DisableFederation). AWS registers the store in Glue and Lake Formation for
/// Athena; Cairn has neither, so federation is the store's recorded state — `FederationStatus` and
/// `FederationRoleArn` as AWS reports them, the role checked as AWS checks it, and a federated store refused
/// deletion (EventDataStoreFederationEnabledException) until federation is disabled. docs/lake.md says why.
package enum EventDataStoreFederation {
    /// AWS's FederationRoleArn: 3–125 characters of `[a-zA-Z0-9._/\-:@=+,.]`.
    static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-:@=+,")

    /// The name of the role `raw` names, which must be a role of `account`; AWS's InvalidParameterException
    /// (or AccessDeniedException for another account's role) otherwise.
    package static func roleName(_ raw: String?, partition: String, account: String) throws(ServiceError) -> String {
        guard let raw else { throw ServiceError.missingParameter("FederationRoleArn") }
        guard (3...125).contains(raw.count), raw.allSatisfy(allowed.contains) else {
            throw invalid("FederationRoleArn must be 3 to 125 characters of letters, digits and ._/-:@=+,")
        }
        let parts = raw.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[1] == Substring(partition), parts[2] == "iam", parts[3].isEmpty,
            parts[5].hasPrefix("role/"), let name = parts[5].split(separator: "/").last, parts[5].count > "role/".count
        else { throw invalid("FederationRoleArn \(raw) is not the ARN of an IAM role.") }
        guard parts[4] == Substring(account) else {
            throw ServiceError(
                code: "AccessDeniedException", status: 400, message: "The federation role must belong to account \(account): \(raw).")
        }
        return String(name)
    }

    package static func alreadyEnabled(_ arn: String) -> ServiceError {
        ServiceError(
            code: "EventDataStoreFederationEnabledException", status: 400,
            message: "Lake query federation is enabled on event data store \(arn); disable federation first.")
    }

    static func invalid(_ message: String) -> ServiceError {
        ServiceError(code: "InvalidParameterException", status: 400, message: message)
    }
}
