/// IAM's service-linked roles for the services Cairn serves: the role each service owns in an account, named and
/// placed as AWS names and places it (`aws-service-role/<service>/AWSServiceRoleFor<Service>`), trusting only the
/// service, with the service's AWS-managed policy attached.
package enum ServiceLinkedRoleRules {
    package struct LinkedService: Sendable, Equatable {
        package let principal: String
        package let roleName: String
        package let policyArn: String
        package let description: String
    }

    /// CloudTrail's, which organization trails need in the management account.
    package static var cloudTrail: LinkedService { services["cloudtrail.amazonaws.com"]! }

    package static let services: [String: LinkedService] = [
        "cloudtrail.amazonaws.com": LinkedService(
            principal: "cloudtrail.amazonaws.com", roleName: "AWSServiceRoleForCloudTrail",
            policyArn: "arn:aws:iam::aws:policy/aws-service-role/CloudTrailServiceRolePolicy",
            description: "Allows CloudTrail to read the organization for its organization trails."),
        "organizations.amazonaws.com": LinkedService(
            principal: "organizations.amazonaws.com", roleName: "AWSServiceRoleForOrganizations",
            policyArn: "arn:aws:iam::aws:policy/aws-service-role/AWSOrganizationsServiceTrustPolicy",
            description: "Service-linked role used by AWS Organizations to enable integration of other AWS services with Organizations."),
        "access-analyzer.amazonaws.com": LinkedService(
            principal: "access-analyzer.amazonaws.com", roleName: "AWSServiceRoleForAccessAnalyzer",
            policyArn: "arn:aws:iam::aws:policy/aws-service-role/AccessAnalyzerServiceRolePolicy",
            description: "Allows Access Analyzer to analyze resource metadata."),
    ]

    /// The service an `AWSServiceName` names, checked as IAM's model checks it; none of these takes a custom suffix.
    package static func service(_ name: String?, customSuffix: String?) throws(ServiceError) -> LinkedService {
        guard let name else { throw .missingParameter("aWSServiceName") }
        try IAMInputRules.name(name, field: "aWSServiceName", maxLength: 128)
        guard let service = services[name] else {
            throw .invalidInput("Service \(name) does not support service-linked roles.")
        }
        if let customSuffix {
            try IAMInputRules.name(customSuffix, field: "customSuffix", maxLength: 64)
            throw .invalidInput("Custom suffix is not allowed for \(service.roleName).")
        }
        return service
    }

    package static func path(_ service: LinkedService) -> String { "/aws-service-role/\(service.principal)/" }

    package static func trustPolicy(_ service: LinkedService) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"\#(service.principal)"},"Action":"sts:AssumeRole"}]}"#
    }

    package static func deletionTaskId(_ service: LinkedService, id: String) -> String {
        "task/aws-service-role/\(service.principal)/\(service.roleName)/\(id)"
    }
}
