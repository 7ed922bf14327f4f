import CairnCore
import CairnPolicy

/// The custom policy checks: PASS only when the reasoning proves it (CustomPolicyChecks), with AWS's
/// messages; a document that does not parse is refused naming its member.
extension AccessAnalyzerOperations {
    static let checkNoNewAccess = Operation<AccessAnalyzerModel.CheckNoNewAccessInput, AccessAnalyzerModel.CheckOutput>(
        Entry.checkNoNewAccess
    ) { input, _ in
        try checkPolicyType(input.policyType)
        let new = try document(input.newPolicyDocument, "newPolicyDocument")
        let existing = try document(input.existingPolicyDocument, "existingPolicyDocument")
        return AccessAnalyzerModel.CheckOutput(CustomPolicyChecks.noNewAccess(new: new, existing: existing))
    }

    static let checkAccessNotGranted = Operation<AccessAnalyzerModel.CheckAccessNotGrantedInput, AccessAnalyzerModel.CheckOutput>(
        Entry.checkAccessNotGranted
    ) { input, _ in
        try checkPolicyType(input.policyType)
        let policy = try document(input.policyDocument, "policyDocument")
        guard let access = input.access else { throw validation("access", "access is required.") }
        guard access.count == 1, let wanted = access.first else {
            throw validation("access", "access must hold exactly one entry of actions and resources.")
        }
        let actions = wanted.actions ?? [], resources = wanted.resources ?? []
        guard !(actions.isEmpty && resources.isEmpty) else { throw validation("access", "access must name actions, resources or both.") }
        guard actions.count <= 100, resources.count <= 100 else { throw validation("access", "access takes at most 100 actions and 100 resources.") }
        if let long = resources.first(where: { $0.count > 2048 }) {
            throw validation("access.resources", "The resource \(long.prefix(40))… is longer than 2048 characters.")
        }
        return AccessAnalyzerModel.CheckOutput(CustomPolicyChecks.accessNotGranted(policy, actions: actions, resources: resources))
    }

    static let checkNoPublicAccess = Operation<AccessAnalyzerModel.CheckNoPublicAccessInput, AccessAnalyzerModel.CheckOutput>(
        Entry.checkNoPublicAccess
    ) { input, _ in
        let policy = try document(input.policyDocument, "policyDocument")
        guard let type = input.resourceType else { throw validation("resourceType", "resourceType is required.") }
        guard publicAccessResourceTypes.contains(type) else {
            throw validation("resourceType", "resourceType must be one of \(publicAccessResourceTypes.joined(separator: ", ")).")
        }
        return AccessAnalyzerModel.CheckOutput(CustomPolicyChecks.noPublicAccess(policy))
    }

    /// CheckNoPublicAccess's resourceType values (botocore's accessanalyzer model).
    static let publicAccessResourceTypes = [
        "AWS::DynamoDB::Table", "AWS::DynamoDB::Stream", "AWS::EFS::FileSystem", "AWS::OpenSearchService::Domain", "AWS::Kinesis::Stream",
        "AWS::Kinesis::StreamConsumer", "AWS::KMS::Key", "AWS::Lambda::Function", "AWS::S3::Bucket", "AWS::S3::AccessPoint",
        "AWS::S3Express::DirectoryBucket", "AWS::S3::Glacier", "AWS::S3Outposts::Bucket", "AWS::S3Outposts::AccessPoint",
        "AWS::SecretsManager::Secret", "AWS::SNS::Topic", "AWS::SQS::Queue", "AWS::IAM::AssumeRolePolicyDocument", "AWS::S3Tables::TableBucket",
        "AWS::ApiGateway::RestApi", "AWS::CodeArtifact::Domain", "AWS::Backup::BackupVault", "AWS::CloudTrail::Dashboard",
        "AWS::CloudTrail::EventDataStore", "AWS::S3Tables::Table", "AWS::S3Express::AccessPoint",
    ]

    static func checkPolicyType(_ type: String?) throws(ServiceError) {
        guard let type else { throw validation("policyType", "policyType is required.") }
        guard type == "IDENTITY_POLICY" || type == "RESOURCE_POLICY" else {
            throw validation("policyType", "policyType must be IDENTITY_POLICY or RESOURCE_POLICY.")
        }
    }

    static func document(_ text: String?, _ member: String) throws(ServiceError) -> PolicyDocument {
        guard let text else { throw validation(member, "\(member) is required.") }
        guard text.unicodeScalars.count <= maxDocumentCharacters else { throw validation(member, "\(member) is too large.") }
        do {
            return try PolicyDocument.parse(text)
        } catch {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "\(member) is not a valid policy document: \(error)")
        }
    }
}
