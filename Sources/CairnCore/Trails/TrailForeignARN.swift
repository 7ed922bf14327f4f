/// The six colon-separated parts of an ARN of another service (S3, SNS, KMS, CloudWatch Logs, IAM) that a
/// trail points at. Only the shape is checked; whether the resource exists is not a pure question.
struct TrailForeignARN: Hashable, Sendable {
    let partition: String
    let service: String
    let region: String
    let accountId: String
    let resource: String

    init?(_ raw: String) {
        let parts = raw.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", TrailARN.isPartition(parts[1]), !parts[2].isEmpty else { return nil }
        guard parts[3].isEmpty || TrailARN.isRegion(parts[3]) else { return nil }
        guard parts[4].isEmpty || TrailARN.isAccountId(parts[4]) else { return nil }
        partition = String(parts[1])
        service = String(parts[2])
        region = String(parts[3])
        accountId = String(parts[4])
        resource = String(parts[5])
    }
}
