/// The only list of operations in Cairn. Both front doors decode into these entries, and the pipeline
/// refuses to run anything that is not one, so no call can skip authentication, authorization or audit.
package enum OperationCatalogue {
    package static let getCallerIdentity = CatalogueOperation(
        .sts, "GetCallerIdentity", readOnly: true, alwaysAllowed: true, rest: ["getCallerIdentity"])
    package static let assumeRole = CatalogueOperation(.sts, "AssumeRole", readOnly: false, resource: .any, recordedReadOnly: true)
    /// Unsigned, as AWS's is: the caller has no AWS credentials yet, only its identity provider's token.
    package static let assumeRoleWithWebIdentity = CatalogueOperation(
        .sts, "AssumeRoleWithWebIdentity", readOnly: false, resource: .any, recordedReadOnly: true, unsigned: true)
    /// Unsigned, as AWS's is: the caller presents its SAML identity provider's signed assertion.
    package static let assumeRoleWithSAML = CatalogueOperation(
        .sts, "AssumeRoleWithSAML", readOnly: false, resource: .any, recordedReadOnly: true, unsigned: true)
    /// Needs no permission, as AWS's (the credentials act as their caller, with STS's own limits on what they call).
    package static let getSessionToken = CatalogueOperation(
        .sts, "GetSessionToken", readOnly: false, alwaysAllowed: true, recordedReadOnly: true)
    package static let getFederationToken = CatalogueOperation(.sts, "GetFederationToken", readOnly: false, recordedReadOnly: true)
    package static let getAccessKeyInfo = CatalogueOperation(.sts, "GetAccessKeyInfo", readOnly: true, rest: ["getAccessKeyInfo"])
    package static let decodeAuthorizationMessage = CatalogueOperation(
        .sts, "DecodeAuthorizationMessage", readOnly: true, rest: ["decodeAuthorizationMessage"])
    package static let listRegions = CatalogueOperation(.cairn, "ListRegions", readOnly: true, rest: ["listRegions"])

    /// IAM's simulator: AWS's shape on the Query door (IAMOperations), Cairn's one-request shape on REST
    /// (PolicyOperations); both evaluate with the same engine.
    package static let simulateCustomPolicy = CatalogueOperation(.iam, "SimulateCustomPolicy", readOnly: true, rest: ["simulatePolicy"])
    package static let simulatePrincipalPolicy = CatalogueOperation(
        .iam, "SimulatePrincipalPolicy", readOnly: true, rest: ["simulatePrincipalPolicy"])
    package static let validatePolicy = CatalogueOperation(.cairn, "ValidatePolicy", readOnly: true, rest: ["validatePolicy"])

    package static let all: [CatalogueOperation] =
        [
            getCallerIdentity,
            assumeRole,
            assumeRoleWithWebIdentity,
            assumeRoleWithSAML,
            getSessionToken,
            getFederationToken,
            getAccessKeyInfo,
            decodeAuthorizationMessage,
            listRegions,
            simulateCustomPolicy,
            simulatePrincipalPolicy,
            validatePolicy,
        ] + iam + tenancy + Trails.all + Events.all + Lake.all + AccessAnalyzer.all

    private static let byKey: [String: CatalogueOperation] = Dictionary(
        uniqueKeysWithValues: all.map { ("\($0.service.rawValue):\($0.name)", $0) })
    private static let byRestId: [String: CatalogueOperation] = Dictionary(
        uniqueKeysWithValues: all.flatMap { op in op.restOperationIds.map { ($0, op) } })

    package static func operation(_ service: Service, _ name: String) -> CatalogueOperation? {
        byKey["\(service.rawValue):\(name)"]
    }

    package static func operation(restOperationId id: String) -> CatalogueOperation? { byRestId[id] }

    /// Decodes an `X-Amz-Target` header into the service and the operation it names.
    package static func operation(target: String) -> CatalogueOperation? {
        guard let dot = target.lastIndex(of: ".") else { return nil }
        let prefix = String(target[..<dot])
        let name = String(target[target.index(after: dot)...])
        guard let service = Service.allCases.first(where: { $0.targetPrefix == prefix }) else { return nil }
        return operation(service, name)
    }
}
