import CairnCore

/// STS over the Query protocol.
enum STSBindings {
    static let all: [AWSBinding] = [
        .query(STSOperations.getCallerIdentity), .query(STSOperations.assumeRole), .query(STSOperations.getAccessKeyInfo),
        .query(STSOperations.getSessionToken), .query(STSOperations.getFederationToken), .query(STSOperations.decodeAuthorizationMessage),
        .unsignedQuery(STSOperations.assumeRoleWithWebIdentity) { input, partition in
            try STSOperations.webIdentityCaller(input, partition: partition)
        },
        .unsignedQuery(STSOperations.assumeRoleWithSAML) { input, partition in try STSOperations.samlCaller(input, partition: partition) },
    ]
}
