/// Resource ARNs against the ARN formats AWS's services define, and against the resource type a resource policy
/// is attached to.
extension ValidationRun {
    static let partitions: Set<String> = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"]

    /// Whether a literal looks like a Region code: `us-east-1`, `us-gov-west-1`, `eusc-de-east-1`.
    static func isRegionCode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let first = parts.first, (2...4).contains(first.count), let last = parts.last, !last.isEmpty,
            last.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }

    /// A policy field as a glob: a policy variable may stand for anything.
    static func fieldGlob(_ text: Substring) -> String {
        var out = ""
        var rest = text
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { return out + "*" }
            out += "*"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    static func isLiteral(_ text: Substring) -> Bool { !text.contains("*") && !text.contains("?") && !text.contains("$") }

    /// Checks an ARN of a Resource or NotResource element against its service's formats. Only a service the
    /// catalogue has formats for is judged, and only when no format of that service can match; returns false when
    /// it reported something.
    mutating func checkArnFormat(_ arn: String, _ path: Path, _ span: Range<Int>) -> Bool {
        guard arn.hasPrefix("arn:") else { return true }
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, Self.isLiteral(fields[2]), let formats = resources.formats[fields[2].lowercased()] else { return true }
        let service = fields[2].lowercased()
        let partition = fields[1], region = fields[3], account = fields[4]
        if Self.isLiteral(partition) && !Self.partitions.contains(String(partition)) {
            add(
                .error, "INVALID_PARTITION",
                "The partition \(partition) does not exist; use one of \(Self.partitions.sorted().joined(separator: ", ")).", path, span)
            return false
        }
        if Self.isLiteral(region) && !region.isEmpty && !Self.isRegionCode(String(region)) {
            add(.error, "INVALID_ARN_REGION", "\(region) is not a Region code (such as us-east-1).", path, span)
            return false
        }
        let resource = Self.fieldGlob(fields[5])
        let shaped = formats.filter { GlobReasoning.intersects(resource, $0.resource, caseInsensitive: true) }
        guard !shaped.isEmpty else {
            add(
                .error, "INVALID_ARN_RESOURCE",
                "The resource part \(fields[5]) matches no \(service) ARN format, such as \(Self.example(formats[0])).", path, span)
            return false
        }
        let regionGlob = Self.fieldGlob(region)
        let regional = shaped.filter { GlobReasoning.intersects(regionGlob, $0.region) }
        guard !regional.isEmpty else {
            if region.isEmpty {
                add(.error, "MISSING_ARN_REGION", "Add a Region to the \(service) ARN: \(Self.example(shaped[0])).", path, span)
            } else if shaped.allSatisfy({ $0.region.isEmpty }) {
                add(.error, "ARN_REGION_NOT_ALLOWED", "A \(service) ARN of this kind has no Region: \(Self.example(shaped[0])).", path, span)
            } else {
                add(.error, "INVALID_ARN_REGION", "The Region \(region) is not valid for this resource: \(Self.example(shaped[0])).", path, span)
            }
            return false
        }
        let accountGlob = Self.fieldGlob(account)
        if !regional.contains(where: { GlobReasoning.intersects(accountGlob, $0.account) }) {
            if account.isEmpty {
                add(.error, "MISSING_ARN_ACCOUNT", "Add an account to the \(service) ARN: \(Self.example(regional[0])).", path, span)
                return false
            } else if regional.allSatisfy({ $0.account.isEmpty }) {
                add(.error, "ARN_ACCOUNT_NOT_ALLOWED", "A \(service) ARN of this kind has no account: \(Self.example(regional[0])).", path, span)
                return false
            }
        }
        return true
    }

    static func example(_ format: ResourceCatalogue.ArnFormat) -> String { format.text }

    // MARK: The resource a policy is attached to

    /// validatePolicyResourceType → the action prefixes its policy may name, and the resource types (the service in
    /// the ARN, the catalogue prefix defining the type, its type names; nil: any type of that prefix).
    static let attachedTypes: [String: (actions: Set<String>, arnService: String, prefix: String, types: Set<String>?)] = [
        "AWS::S3::Bucket": (["s3"], "s3", "s3", ["bucket", "object"]),
        "AWS::S3::AccessPoint": (["s3"], "s3", "s3", ["accesspoint", "accesspointobject"]),
        "AWS::S3::MultiRegionAccessPoint": (["s3"], "s3", "s3", ["multiregionaccesspoint"]),
        "AWS::S3ObjectLambda::AccessPoint": (["s3-object-lambda"], "s3-object-lambda", "s3", ["objectlambdaaccesspoint"]),
        "AWS::DynamoDB::Table": (["dynamodb"], "dynamodb", "dynamodb", nil),
    ]

    /// An ARN the attached resource type cannot be: another service's, or another resource type of its own.
    mutating func checkArnForResourceType(_ arn: String, _ path: Path, _ span: Range<Int>) {
        guard let resourceType, let attached = Self.attachedTypes[resourceType], arn.hasPrefix("arn:") else { return }
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, Self.isLiteral(fields[2]) else { return }
        let allowed = (resources.formats[attached.arnService] ?? []).filter {
            $0.prefix == attached.prefix && (attached.types?.contains($0.type) ?? true)
        }
        guard !allowed.isEmpty else { return }
        let glob = Self.fieldGlob(Substring(arn))
        let fits = allowed.contains { f in
            GlobReasoning.intersects(glob, "arn:\(f.partition):\(attached.arnService):\(f.region):\(f.account):\(f.resource)", caseInsensitive: true)
        }
        if !fits {
            add(
                .error, "UNSUPPORTED_RESOURCE_ARN_IN_POLICY",
                "A policy attached to \(resourceType) cannot name this resource; use \(allowed.map(\.text).joined(separator: " or ")).", path, span)
        }
    }

    /// An action of another service than the attached resource type's.
    mutating func checkActionForResourceType(_ action: String, _ path: Path, _ span: Range<Int>) {
        guard let resourceType, let attached = Self.attachedTypes[resourceType], let colon = action.firstIndex(of: ":") else { return }
        let prefix = action[..<colon]
        guard Self.isLiteral(prefix), !attached.actions.contains(prefix.lowercased()) else { return }
        add(
            .error, "UNSUPPORTED_ACTION_IN_POLICY",
            "The action \(action) is not supported in a policy attached to \(resourceType); its actions are \(attached.actions.sorted().map { "\($0):…" }.joined(separator: ", ")).",
            path, span)
    }
}
