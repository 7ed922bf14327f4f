/// Access Analyzer's ValidatePolicy, offline and pure: the document's grammar for its policy type, AWS's
/// action and condition-key catalogue, and the security and best-practice checks, each finding pointing at the
/// token it is about. docs/policy-validation.md lists the checks Cairn makes and how each is decided.
package struct PolicyValidator: Sendable {
    package enum PolicyKind: String, Sendable, Hashable, CaseIterable {
        case identity = "IDENTITY_POLICY"
        case resource = "RESOURCE_POLICY"
        case serviceControl = "SERVICE_CONTROL_POLICY"
        case resourceControl = "RESOURCE_CONTROL_POLICY"
    }

    /// validatePolicyResourceType's values (botocore's accessanalyzer model).
    package static let resourceTypes = [
        "AWS::S3::Bucket", "AWS::S3::AccessPoint", "AWS::S3::MultiRegionAccessPoint", "AWS::S3ObjectLambda::AccessPoint",
        "AWS::IAM::AssumeRolePolicyDocument", "AWS::DynamoDB::Table",
    ]

    let catalogue: ServiceCatalogue

    package init(catalogue: ServiceCatalogue = .aws) { self.catalogue = catalogue }

    /// Every finding, errors first, then in document order.
    package func validate(_ text: String, kind: PolicyKind, resourceType: String? = nil) -> [PolicyFinding] {
        let document: LocatedJSON
        do {
            document = try LocatedJSON(text)
        } catch {
            let (line, column) = LocatedJSON.lineAndColumn(error.offset, in: text)
            let at = PolicyFinding.Position(line: line, column: column, offset: error.offset)
            return [
                PolicyFinding(
                    .error, "JSON_SYNTAX_ERROR",
                    "Fix the JSON syntax error at index \(error.offset) line \(line) column \(column): \(error.message).",
                    locations: [.init(path: [], span: .init(start: at, end: at))])
            ]
        }
        var run = ValidationRun(document: document, catalogue: catalogue, kind: kind, resourceType: resourceType)
        run.checkDocument(text)
        return run.findings.enumerated().sorted { ($0.element.findingType, $0.offset) < ($1.element.findingType, $1.offset) }.map(\.element)
    }
}
