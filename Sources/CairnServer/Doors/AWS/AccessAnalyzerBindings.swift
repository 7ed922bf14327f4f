/// IAM Access Analyzer's REST-JSON door: the operation is the path, the output the model's response.
enum AccessAnalyzerBindings {
    static let all: [AWSBinding] = [
        .json(AccessAnalyzerOperations.validatePolicy), .json(AccessAnalyzerOperations.checkNoNewAccess),
        .json(AccessAnalyzerOperations.checkAccessNotGranted), .json(AccessAnalyzerOperations.checkNoPublicAccess),
    ]
}
