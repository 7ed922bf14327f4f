import Foundation
import HummingbirdTesting

extension TestServer {
    /// An IAM call over the Query protocol from its form fields, encoded as botocore encodes them, signed as
    /// `credentials` (the operator's root user by default): the HTTP status and the XML answer.
    package func iamQuery(_ fields: [(String, String)], as credentials: TestCredentials? = nil) async throws -> (Int, String) {
        let body = (fields + [("Version", "2010-05-08")]).map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)"
        }.joined(separator: "&")
        let r = try await awsQuery(body, service: "iam", credentials: credentials)
        return (Int(r.status.code), String(buffer: r.body))
    }
}
